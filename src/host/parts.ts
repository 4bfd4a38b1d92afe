// The one place the search worker touches the engine, the sandbox and the inference packages, so a change
// in their signatures is fixed here alone.

import type { Policy, RewardModel, Sandbox, SearchOptions, SearchParts, SearchResult, SearchRunOptions } from "../engine/types";
import { runSearch } from "../engine";
import { PyodideSandbox } from "../sandbox";
import { loadModels } from "../inference/load";
import type { ModelSpec, WorkerStartOptions } from "./worker-protocol";

export type LogLevel = "trace" | "debug" | "info" | "warn" | "error";
export type Log = (level: LogLevel, message: string) => void;

export interface LoadedModels {
  policy: Policy;
  reward?: RewardModel;
  policyName: string;
  rewardName?: string;
  dispose(): Promise<void>;
}

export interface SandboxHandle {
  sandbox: Sandbox;
  dispose(): Promise<void>;
}

export const createSearchParts = {
  async sandbox(options: WorkerStartOptions["sandbox"] & { log: Log }): Promise<SandboxHandle> {
    const sb = await PyodideSandbox.create({
      poolSize: options.poolSize,
      timeoutMs: options.timeoutMs,
      memoryMb: options.memoryMb,
      logger: (level, message) => options.log(level, message),
    });
    return { sandbox: sb, dispose: async () => sb.dispose() };
  },

  async models(spec: ModelSpec & { log: Log }): Promise<LoadedModels> {
    const m = await loadModels({
      policyPath: spec.policyPath,
      rewardPath: spec.rewardPath,
      threads: spec.threads,
      logger: (level, message) => spec.log(level, message),
    });
    return {
      policy: m.policy,
      reward: m.reward,
      policyName: m.info.policyName,
      rewardName: m.info.rewardName,
      dispose: () => m.dispose(),
    };
  },

  run(problem: string, parts: SearchParts, options: Partial<SearchOptions>, run: SearchRunOptions): Promise<SearchResult> {
    return runSearch(problem, parts, options, run);
  },
};
