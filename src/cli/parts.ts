// Opens the real parts a search needs (policy, reward model, sandbox) from command-line flags.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { SearchParts } from "../engine/types";
import { loadModels, resolveDefaultModelPaths } from "../inference";
import { PyodideSandbox } from "../sandbox";
import { num, str, type Parsed } from "./args";
import { CliError } from "./errors";

export interface OpenedParts {
  parts: SearchParts;
  /** What was loaded, for the report's header. */
  description: { policy: string; reward: string; sandboxWorkers: number };
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

/** Loads the policy and reward model named by the flags (or the embedded defaults) and starts the sandbox pool. */
export async function openParts(values: Parsed["values"], log: Logger, { needReward = true } = {}): Promise<OpenedParts> {
  const defaults = resolveDefaultModelPaths();
  const policyFlag = str(values, "policy");
  const rewardFlag = str(values, "reward");
  const policyPath = policyFlag ? modelPath("policy", policyFlag) : defaults.policy;
  let rewardPath: string | undefined;
  if (rewardFlag === "none" || !needReward) rewardPath = undefined;
  else if (rewardFlag) rewardPath = modelPath("reward", rewardFlag);
  else rewardPath = defaults.reward;

  const threads = num(values, "threads", { min: 1, max: 256, integer: true }) ?? 1;
  const contextSize = num(values, "context-size", { min: 256, max: 131_072, integer: true });
  const poolSize = num(values, "sandbox-workers", { min: 1, max: 16, integer: true }) ?? 1;
  const promptStyle = str(values, "prompt-style");
  if (promptStyle !== undefined && !["rstar", "fewshot", "chatml", "auto"].includes(promptStyle)) {
    throw new CliError(`--prompt-style must be rstar, fewshot, chatml or auto; got '${promptStyle}'.`);
  }

  const sandboxPromise = PyodideSandbox.create({ poolSize, logger: log });
  let models: Awaited<ReturnType<typeof loadModels>>;
  try {
    models = await loadModels({
      policyPath,
      rewardPath,
      threads,
      contextSize,
      promptStyle: promptStyle as never,
      logger: log,
    });
  } catch (err) {
    await (await sandboxPromise.catch(() => undefined))?.dispose();
    throw err;
  }
  let sandbox: PyodideSandbox;
  try {
    sandbox = await sandboxPromise;
  } catch (err) {
    await models.dispose();
    throw err;
  }
  return {
    parts: { policy: models.policy, reward: models.reward, sandbox },
    description: { policy: policyPath, reward: rewardPath ?? "none (steps scored 0)", sandboxWorkers: poolSize },
    async dispose() {
      await Promise.allSettled([models.dispose(), sandbox.dispose()]);
    },
  };
}
