// The remote backend: the engine's Policy and RewardModel served by llama.cpp's llama-server or any
// OpenAI-compatible server (vLLM), over one or several endpoints. Mix freely with local parts: a remote
// policy with a local reward model, or the other way round.

import type { PromptStyle } from "../engine/steps/format";
import { REWARD_DESCRIPTORS, guessRewardDescriptor, type RewardDescriptor } from "../engine/steps/reward-descriptors";
import type { ApiFlavor } from "./endpoint";
import { RemoteError } from "./errors";
import { EndpointPool, type EndpointPoolOptions, type EndpointStats, type RemoteLogger } from "./pool";
import { RemotePolicy } from "./policy";
import { RemoteRewardModel } from "./reward";

export { RemoteEndpoint, type ApiFlavor, type EndpointInfo, type RemoteEndpointOptions } from "./endpoint";
export * from "./errors";
export { EndpointPool, type EndpointPoolOptions, type EndpointStats, type RemoteLogger } from "./pool";
export { RemotePolicy, completeOnce, countTokens, type RemoteCompletion, type RemotePolicyOptions } from "./policy";
export { RemoteRewardModel, type RemoteRewardModelOptions } from "./reward";
export { descriptorPieces } from "../engine/steps/reward-descriptors";

/** Default environment variable holding the API key. */
export const DEFAULT_API_KEY_ENV = "STEPWISE_API_KEY";

/** Reads the API key from the named environment variable; undefined when unset or empty. */
export function apiKeyFromEnv(name: string = DEFAULT_API_KEY_ENV, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const v = env[name];
  return v && v.trim() ? v.trim() : undefined;
}

export interface RemoteModelsOptions {
  /** Policy servers (`--endpoint URL`, repeatable). Empty: no remote policy (use a local one). */
  endpoints: readonly string[];
  /** Reward-model servers. Default: none (score locally, or not at all). May equal `endpoints`. */
  rewardEndpoints?: readonly string[];
  /** Bearer key for every endpoint; never logged or written anywhere. Default: none. */
  apiKey?: string;
  /**
   * How the served PRM reads a trajectory: a descriptor or its id ("stepwise-ppm", "math-shepherd",
   * "rlhflow", "policy-as-judge"). Default: guessed from the model file the server reports (llama-server's
   * `/props`), like the local loader does.
   */
  rewardDescriptor?: RewardDescriptor | string;
  /** Prompt layout of the served policy. Default "rstar". */
  promptStyle?: PromptStyle;
  /** Force the API flavor. Default "auto" (llama.cpp when `/props` answers, else OpenAI-compatible). */
  flavor?: ApiFlavor | "auto";
  /** OpenAI `model` field. Default: what `/v1/models` lists first. */
  model?: string;
  /** One request's limit in ms. Default 300000. */
  requestTimeoutMs?: number;
  /** Retry and revive settings (see EndpointPoolOptions for defaults). */
  pool?: Omit<EndpointPoolOptions, "logger">;
  /** Check every endpoint before returning, so a wrong URL or key fails here. Default true. */
  check?: boolean;
  signal?: AbortSignal;
  logger?: RemoteLogger;
}

export interface RemoteModels {
  policy?: RemotePolicy;
  reward?: RemoteRewardModel;
  policyPool?: EndpointPool;
  rewardPool?: EndpointPool;
  /** One line per part for report headers (URLs only, never the key). */
  description: { policy?: string; reward?: string };
  /** Per-endpoint request counts and health. */
  stats(): { policy: EndpointStats[]; reward: EndpointStats[] };
  /** Nothing to free (HTTP is stateless); present so callers treat every backend alike. */
  dispose(): Promise<void>;
}

function resolveDescriptor(d: RewardDescriptor | string | undefined, servedModel: string | undefined): RewardDescriptor {
  if (typeof d === "object") return d;
  if (typeof d === "string") {
    const found = REWARD_DESCRIPTORS[d];
    if (!found) {
      throw new RemoteError(`Unknown reward format '${d}'. Known: ${Object.keys(REWARD_DESCRIPTORS).join(", ")}.`, undefined);
    }
    return found;
  }
  return guessRewardDescriptor(servedModel ? servedModel.split(/[\\/]/).pop() ?? servedModel : "");
}

/**
 * Opens the remote parts. Checks each endpoint first (unless `check: false`): refused connections, wrong
 * paths and refused keys fail here with a message naming the URL; an endpoint that is merely down when
 * others answer is logged and retried later by the pool.
 */
export async function createRemoteModels(options: RemoteModelsOptions): Promise<RemoteModels> {
  const log = options.logger ?? (() => {});
  const endpointOptions = {
    apiKey: options.apiKey,
    flavor: options.flavor,
    model: options.model,
    requestTimeoutMs: options.requestTimeoutMs,
  };
  const poolOptions = { ...options.pool, logger: log };
  const policyPool = options.endpoints.length ? EndpointPool.fromUrls(options.endpoints, endpointOptions, poolOptions) : undefined;
  const rewardUrls = options.rewardEndpoints ?? [];
  // The same URLs share one pool so load counts cover both kinds of request.
  const samePool =
    policyPool && rewardUrls.length === options.endpoints.length && rewardUrls.every((u, i) => u === options.endpoints[i]);
  const rewardPool = rewardUrls.length
    ? samePool
      ? policyPool
      : EndpointPool.fromUrls(rewardUrls, endpointOptions, poolOptions)
    : undefined;
  if (options.check !== false) {
    await policyPool?.check(options.signal);
    if (rewardPool && rewardPool !== policyPool) await rewardPool.check(options.signal);
  }
  const policy = policyPool ? new RemotePolicy({ pool: policyPool, promptStyle: options.promptStyle }) : undefined;
  let reward: RemoteRewardModel | undefined;
  if (rewardPool) {
    let served: string | undefined;
    if (options.rewardDescriptor === undefined) {
      const live = rewardPool.endpoints.find((e) => e.downUntil <= Date.now()) ?? rewardPool.endpoints[0];
      served = (await live.info(options.signal).catch(() => undefined))?.model;
    }
    reward = new RemoteRewardModel({ pool: rewardPool, descriptor: resolveDescriptor(options.rewardDescriptor, served) });
  }
  return {
    policy,
    reward,
    policyPool,
    rewardPool,
    description: {
      policy: policyPool ? `remote ${policyPool.endpoints.map((e) => e.url).join(", ")}` : undefined,
      reward: rewardPool && reward ? `remote ${rewardPool.endpoints.map((e) => e.url).join(", ")} (${reward.descriptor.id})` : undefined,
    },
    stats: () => ({ policy: policyPool?.stats() ?? [], reward: rewardPool?.stats() ?? [] }),
    async dispose() {},
  };
}
