// Messages between the search client (extension host main thread) and the search worker (a worker_thread
// that owns the models, the sandbox pool and the running searches). Plain data only: everything crosses
// `postMessage`'s structured clone.

import type { SearchEvent, SearchOptions, SearchResult } from "../engine/types";

/** Which models to use; the worker reloads when this changes. */
export interface ModelSpec {
  /** Local policy GGUF; "" when the policy is served (`endpoints`). */
  policyPath: string;
  /** Without a reward model the search ranks by votes and execution only. */
  rewardPath?: string;
  /** CPU threads for llama.cpp (always set: the default oversubscribes small machines). */
  threads: number;
  /** llama-server / OpenAI-compatible policy servers; when given, `policyPath` is unused. */
  endpoints?: string[];
  /** Reward-model servers; when given, `rewardPath` is unused. */
  rewardEndpoints?: string[];
  /** Reward descriptor id for the reward model ("auto" or absent: guessed from the model). */
  rewardFormat?: string;
  /** Bearer key for the servers. Held in memory only: never logged, never echoed in states or errors. */
  apiKey?: string;
}

/** What a spec loads, for status text: server URLs for served models, else the file. Never includes the key. */
export function describeModelSpec(spec: ModelSpec): string {
  const policy = spec.endpoints?.length ? spec.endpoints.join(", ") : spec.policyPath;
  const reward = spec.rewardEndpoints?.length ? spec.rewardEndpoints.join(", ") : spec.rewardPath;
  return reward ? `${policy} with ${reward}` : policy;
}

/** The spec without its API key, safe to post in states and show. */
export function publicModelSpec(spec: ModelSpec): ModelSpec {
  const { apiKey: _apiKey, ...rest } = spec;
  return rest;
}

/**
 * Fixed for the worker's life: the client restarts the worker when these change. The time limit is not
 * among them: each search carries its own `stepTimeoutMs`, each evaluation its `timeoutMs`.
 */
export interface WorkerStartOptions {
  sandbox: {
    /** Pyodide workers kept warm. */
    poolSize: number;
    /** Heap limit per Pyodide worker in MB. */
    memoryMb: number;
  };
}

export type ClientToWorker =
  | { type: "search"; id: number; problem: string; models: ModelSpec; options: Partial<SearchOptions> }
  | { type: "evaluate"; id: number; expression: string; timeoutMs: number }
  | { type: "load-models"; id: number; models: ModelSpec }
  | { type: "cancel"; id: number }
  | { type: "unload-models" }
  /** Free models and sandbox, then answer "disposed"; the client terminates the thread after. */
  | { type: "dispose" };

/** Machine-readable kinds of failure, mapped to user-facing errors by the client. */
export type WorkerErrorCode =
  | "model-not-found"
  | "model-invalid"
  | "model-load-failed"
  | "sandbox-failed"
  | "cancelled"
  | "bad-request"
  | "internal";

export interface WorkerError {
  code: WorkerErrorCode;
  message: string;
  /** The file concerned, for model errors. */
  path?: string;
}

export type ModelState =
  | { state: "unloaded" }
  | { state: "loading"; spec: ModelSpec }
  | { state: "ready"; spec: ModelSpec; policyName: string; rewardName?: string; loadMs: number }
  | { state: "error"; spec: ModelSpec; error: WorkerError };

/** What evaluating an expression with sympy gave. */
export interface EvaluateResult {
  /** Whether sympy parsed and evaluated it. */
  ok: boolean;
  /** Plain-text result (sympy `str`). */
  text?: string;
  /** LaTeX of the result. */
  latex?: string;
  /** Decimal value, for non-integer numbers. */
  approx?: string;
  /** Python error line, when it failed. */
  error?: string;
}

export type WorkerToClient =
  | { type: "event"; id: number; event: SearchEvent }
  | { type: "search-result"; id: number; result: SearchResult }
  | { type: "evaluate-result"; id: number; result: EvaluateResult }
  | { type: "models-loaded"; id: number }
  | { type: "disposed" }
  | { type: "error"; id: number; error: WorkerError }
  | { type: "model-state"; state: ModelState }
  | { type: "log"; level: "trace" | "debug" | "info" | "warn" | "error"; source: string; message: string };
