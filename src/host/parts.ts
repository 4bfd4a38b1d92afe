// The one place the search worker touches the engine, the sandbox and the inference packages, so a change
// in their signatures is fixed here alone.

import type { Policy, RewardModel, Sandbox, SearchOptions, SearchParts, SearchResult, SearchRunOptions } from "../engine/types";
import { runSearch } from "../engine";
import { PyodideSandbox } from "../sandbox";
import { loadModels } from "../inference/load";
import { createRemoteModels } from "../remote";
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
    const logger = (level: LogLevel, message: string) => spec.log(level, message);
    const rewardFormat = spec.rewardFormat && spec.rewardFormat !== "auto" ? spec.rewardFormat : undefined;
    const endpoints = spec.endpoints ?? [];
    const rewardEndpoints = spec.rewardEndpoints ?? [];
    if (!endpoints.length && !rewardEndpoints.length) {
      const m = await loadModels({ policyPath: spec.policyPath, rewardPath: spec.rewardPath, rewardDescriptor: rewardFormat, threads: spec.threads, logger });
      return { policy: m.policy, reward: m.reward, policyName: m.info.policyName, rewardName: m.info.rewardName, dispose: () => m.dispose() };
    }
    // Served models, mixed with local files where no server is given (as the CLI does).
    const disposers: Array<() => Promise<void>> = [];
    const dispose = async () => void (await Promise.allSettled(disposers.map((d) => d())));
    try {
      const remote = await createRemoteModels({ endpoints, rewardEndpoints, apiKey: spec.apiKey, rewardDescriptor: rewardFormat, logger });
      disposers.push(() => remote.dispose());
      let policy: Policy | undefined = remote.policy;
      let reward: RewardModel | undefined = remote.reward;
      let policyName = endpoints.length ? (remote.description.policy ?? endpoints.join(", ")) : spec.policyPath;
      let rewardName = rewardEndpoints.length ? (remote.description.reward ?? rewardEndpoints.join(", ")) : undefined;
      const localReward = rewardEndpoints.length ? undefined : spec.rewardPath;
      if (!endpoints.length) {
        const m = await loadModels({ policyPath: spec.policyPath, rewardPath: localReward, rewardDescriptor: rewardFormat, threads: spec.threads, logger });
        disposers.push(() => m.dispose());
        policy = m.policy;
        policyName = m.info.policyName;
        reward = reward ?? m.reward;
        rewardName = rewardName ?? m.info.rewardName;
      } else if (localReward) {
        // A served policy with a local reward model: load the reward model alone.
        const m = await loadModels({ policyPath: localReward, rewardPath: localReward, rewardDescriptor: rewardFormat, threads: spec.threads, logger });
        disposers.push(() => m.dispose());
        reward = m.reward;
        rewardName = m.info.rewardName;
      }
      return { policy: policy!, reward, policyName, rewardName, dispose };
    } catch (e) {
      await dispose();
      throw e;
    }
  },

  run(problem: string, parts: SearchParts, options: Partial<SearchOptions>, run: SearchRunOptions): Promise<SearchResult> {
    return runSearch(problem, parts, options, run);
  },
};
