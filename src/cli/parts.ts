// Opens the real parts a search needs (policy, reward model, sandbox) from command-line flags: local GGUF
// files through node-llama-cpp, or llama-server / OpenAI-compatible endpoints, mixed as asked.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Policy, RewardModel, SearchParts } from "../engine/types";
import { loadModels, resolveDefaultModelPaths } from "../inference";
import { apiKeyFromEnv, createRemoteModels, DEFAULT_API_KEY_ENV } from "../remote";
import { PyodideSandbox } from "../sandbox";
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

  const disposers: Array<() => Promise<void>> = [];
  const disposeAll = async () => void (await Promise.allSettled(disposers.map((d) => d())));
  try {
    const sandboxPromise = PyodideSandbox.create({ poolSize, logger: log });
    disposers.push(async () => (await sandboxPromise.catch(() => undefined))?.dispose());

    let policy: Policy | undefined;
    let reward: RewardModel | undefined;
    let policyName = policyPath ?? "";
    let rewardName = "none (steps scored 0)";
    if (endpoints.length || rewardEndpoints.length) {
      const remote = await createRemoteModels({
        endpoints,
        rewardEndpoints: needReward ? rewardEndpoints : [],
        apiKey: apiKeyFromEnv(keyEnv),
        rewardDescriptor: str(values, "reward-format"),
        promptStyle: promptStyle === "auto" ? undefined : (promptStyle as "rstar" | "fewshot" | "chatml" | undefined),
        logger: log,
      });
      disposers.push(() => remote.dispose());
      policy = remote.policy;
      reward = remote.reward;
      policyName = remote.description.policy ?? policyName;
      rewardName = remote.description.reward ?? rewardName;
    }
    if (policyPath) {
      const models = await loadModels({
        policyPath,
        rewardPath,
        rewardDescriptor: str(values, "reward-format"),
        threads,
        contextSize,
        promptStyle: promptStyle as never,
        logger: log,
      });
      disposers.push(() => models.dispose());
      policy = models.policy;
      reward = reward ?? models.reward;
    } else if (rewardPath) {
      // A remote policy with a local reward model: load the reward model alone.
      const models = await loadModels({ policyPath: rewardPath, rewardPath, rewardDescriptor: str(values, "reward-format"), threads, contextSize, logger: log });
      disposers.push(() => models.dispose());
      reward = models.reward;
    }
    if (rewardPath) rewardName = rewardPath;
    const sandbox = await sandboxPromise;
    return {
      parts: { policy: policy!, reward, sandbox },
      description: { policy: policyName, reward: rewardName, sandboxWorkers: poolSize },
      remotePolicy: !localPolicy,
      dispose: disposeAll,
    };
  } catch (err) {
    await disposeAll();
    throw err;
  }
}
