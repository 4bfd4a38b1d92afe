// The one assembler of the real parts a search runs on: the policy and reward model (local GGUF files
// through node-llama-cpp, llama-server / OpenAI-compatible servers, or a mix) and the Pyodide sandbox pool.
// The CLI (src/cli/parts.ts turns flags into a spec) and the search worker (src/worker) both call it; it
// imports no vscode.

import type { Policy, RewardModel, Sandbox } from "../engine/types";
import { loadModels } from "../inference";
import { createRemoteModels } from "../remote";
import { PyodideSandbox } from "../sandbox";

export type LogLevel = "trace" | "debug" | "info" | "warn" | "error";
export type Log = (level: LogLevel, message: string) => void;

/** Which models to open. Servers win over files: with `endpoints`, `policyPath` is unused; likewise for the reward model. */
export interface ModelsSpec {
  /** Local policy GGUF; unused (and may be "") when `endpoints` is non-empty. */
  policyPath?: string;
  /** Local reward GGUF; absent means no reward model unless `rewardEndpoints` names servers. */
  rewardPath?: string;
  /** Policy servers. */
  endpoints?: string[];
  /** Reward-model servers. */
  rewardEndpoints?: string[];
  /** Reward descriptor id; absent or "auto" means guessed from the model. */
  rewardFormat?: string;
  /** Prompt layout of the policy; absent or "auto" means chosen from the model. */
  promptStyle?: "rstar" | "fewshot" | "chatml" | "auto";
  /** CPU threads per llama.cpp context (the inference default when absent). */
  threads?: number;
  /** Context tokens (the inference default when absent). */
  contextSize?: number;
  /** Bearer key for the servers; only ever handed to the remote client. */
  apiKey?: string;
}

export interface OpenedModels {
  policy: Policy;
  reward?: RewardModel;
  /** What was opened, for logs and status text: the model's name, or the servers. */
  policyName: string;
  rewardName?: string;
  dispose(): Promise<void>;
}

/** Opens the models of a spec; on failure everything opened so far is disposed before the error is thrown. */
export async function openModels(spec: ModelsSpec, log: Log): Promise<OpenedModels> {
  const logger = (level: LogLevel, message: string) => log(level, message);
  const rewardDescriptor = spec.rewardFormat && spec.rewardFormat !== "auto" ? spec.rewardFormat : undefined;
  const promptStyle = spec.promptStyle === "auto" ? undefined : spec.promptStyle;
  const endpoints = spec.endpoints ?? [];
  const rewardEndpoints = spec.rewardEndpoints ?? [];
  const local = { rewardDescriptor, threads: spec.threads, contextSize: spec.contextSize, logger };
  const disposers: Array<() => Promise<void>> = [];
  const dispose = async () => void (await Promise.allSettled(disposers.map((d) => d())));
  try {
    let policy: Policy | undefined;
    let reward: RewardModel | undefined;
    let policyName: string | undefined;
    let rewardName: string | undefined;
    if (endpoints.length || rewardEndpoints.length) {
      const remote = await createRemoteModels({ endpoints, rewardEndpoints, apiKey: spec.apiKey, rewardDescriptor, promptStyle, logger });
      disposers.push(() => remote.dispose());
      policy = remote.policy;
      reward = remote.reward;
      if (endpoints.length) policyName = remote.description.policy ?? endpoints.join(", ");
      if (rewardEndpoints.length) rewardName = remote.description.reward ?? rewardEndpoints.join(", ");
    }
    const localReward = rewardEndpoints.length ? undefined : spec.rewardPath;
    if (!endpoints.length) {
      if (!spec.policyPath) throw new Error("No policy: give a policy model file or a server.");
      const m = await loadModels({ ...local, policyPath: spec.policyPath, rewardPath: localReward, promptStyle });
      disposers.push(() => m.dispose());
      policy = m.policy;
      policyName = m.info.policyName;
      reward = reward ?? m.reward;
      rewardName = rewardName ?? m.info.rewardName;
    } else if (localReward) {
      // A served policy with a local reward model: load the reward model alone.
      const m = await loadModels({ ...local, policyPath: localReward, rewardPath: localReward });
      disposers.push(() => m.dispose());
      reward = m.reward;
      rewardName = m.info.rewardName;
    }
    return { policy: policy!, reward, policyName: policyName ?? "", rewardName, dispose };
  } catch (e) {
    await dispose();
    throw e;
  }
}

export interface SandboxSpec {
  /** Pyodide worker processes kept warm. */
  poolSize: number;
  /** Heap limit of each worker in MB (the sandbox's default when absent). */
  memoryMb?: number;
}

export interface OpenedSandbox {
  sandbox: Sandbox;
  dispose(): Promise<void>;
}

/**
 * Starts the sandbox pool. It has no time limit of its own to configure: every run of a search carries the
 * search's `stepTimeoutMs` (steps and symbolic answer comparisons alike), so the limit has one route.
 */
export async function openSandbox(spec: SandboxSpec, log: Log): Promise<OpenedSandbox> {
  const sb = await PyodideSandbox.create({ poolSize: spec.poolSize, memoryMb: spec.memoryMb, logger: (level, message) => log(level, message) });
  return { sandbox: sb, dispose: async () => sb.dispose() };
}
