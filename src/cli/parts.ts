// The real parts a search needs (policy, reward model, sandbox) from command-line flags: the flags are
// checked and turned into a spec here; src/parts opens them, as it does for the extension's search worker.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { SearchParts } from "../engine/types";
import { resolveDefaultModelPaths } from "../inference";
import { openModels, openSandbox, type Log, type ModelsSpec } from "../parts";
import { apiKeyFromEnv, DEFAULT_API_KEY_ENV } from "../remote";
import { num, str, type Parsed } from "./args";
import { CliError } from "./errors";

export interface OpenedParts {
  parts: SearchParts;
  /** What was loaded, for reports. */
  description: { policy: string; reward: string; sandboxWorkers: number };
  /** True when the policy is served remotely (several problems may then run at once). */
  remotePolicy: boolean;
  dispose(): Promise<void>;
}

export type Logger = (level: "debug" | "info" | "warn" | "error", message: string) => void;

function modelPath(flag: string, value: string): string {
  const p = resolve(value);
  if (!existsSync(p)) {
    throw new CliError(
      `The ${flag} model file '${p}' does not exist. Pass a GGUF file path, or run 'stepwise models' to see the embedded and recommended models.`,
    );
  }
  return p;
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/** Loads the policy and reward model named by the flags (or the embedded defaults) and starts the sandbox pool. */
export async function openParts(values: Parsed["values"], log: Logger, { needReward = true } = {}): Promise<OpenedParts> {
  const endpoints = list(values.endpoint);
  const rewardEndpoints = list(values["reward-endpoint"]);
  const policyFlag = str(values, "policy");
  const rewardFlag = str(values, "reward");
  if (endpoints.length && policyFlag) throw new CliError("Give either --policy (a local file) or --endpoint (a server), not both.");
  if (rewardEndpoints.length && rewardFlag) throw new CliError("Give either --reward (a local file) or --reward-endpoint (a server), not both.");

  const localPolicy = endpoints.length === 0;
  const localReward = needReward && rewardEndpoints.length === 0 && rewardFlag !== "none";
  const defaults = localPolicy || localReward ? resolveDefaultModelPaths() : undefined;
  const policyPath = localPolicy ? (policyFlag ? modelPath("policy", policyFlag) : defaults!.policy) : undefined;
  const rewardPath = localReward ? (rewardFlag ? modelPath("reward", rewardFlag) : defaults!.reward) : undefined;

  const threads = num(values, "threads", { min: 1, max: 256, integer: true }) ?? 1;
  const contextSize = num(values, "context-size", { min: 256, max: 131_072, integer: true });
  const poolSize = num(values, "sandbox-workers", { min: 1, max: 16, integer: true }) ?? 1;
  const promptStyle = str(values, "prompt-style");
  if (promptStyle !== undefined && !["rstar", "fewshot", "chatml", "auto"].includes(promptStyle)) {
    throw new CliError(`--prompt-style must be rstar, fewshot, chatml or auto; got '${promptStyle}'.`);
  }
  const keyEnv = str(values, "api-key-env") ?? DEFAULT_API_KEY_ENV;

  const spec: ModelsSpec = {
    policyPath,
    rewardPath,
    endpoints,
    rewardEndpoints: needReward ? rewardEndpoints : [],
    rewardFormat: str(values, "reward-format"),
    promptStyle: promptStyle as ModelsSpec["promptStyle"],
    threads,
    contextSize,
    apiKey: endpoints.length || rewardEndpoints.length ? apiKeyFromEnv(keyEnv) : undefined,
  };
  const partsLog: Log = (level, message) => log(level === "trace" ? "debug" : level, message);
  const [sandbox, models] = await Promise.allSettled([openSandbox({ poolSize }, partsLog), openModels(spec, partsLog)]);
  const disposeAll = async () =>
    void (await Promise.allSettled([sandbox.status === "fulfilled" && sandbox.value.dispose(), models.status === "fulfilled" && models.value.dispose()]));
  try {
    if (models.status === "rejected") throw models.reason;
    if (sandbox.status === "rejected") throw sandbox.reason;
    const m = models.value;
    return {
      parts: { policy: m.policy, reward: m.reward, sandbox: sandbox.value.sandbox },
      // Reports name local models by their path, served ones by what the server says it runs.
      description: {
        policy: policyPath ?? m.policyName,
        reward: rewardPath ?? m.rewardName ?? "none (steps scored 0)",
        sandboxWorkers: poolSize,
      },
      remotePolicy: !localPolicy,
      dispose: disposeAll,
    };
  } catch (err) {
    await disposeAll();
    throw err;
  }
}
