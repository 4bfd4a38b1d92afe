// The extension side of the search worker: starts dist/search-worker.js, sends typed requests, streams
// search events back, cancels through AbortSignals, and maps the worker's failures to Error subclasses with
// messages a user can act on. No vscode import: the extension wires it to its UI.

import { Worker } from "node:worker_threads";
import { SandboxStartError } from "../sandbox/errors";
import type { SearchEvent, SearchOptions, SearchResult } from "../engine/types";
import type {
  ClientToWorker,
  EvaluateResult,
  ModelSpec,
  ModelState,
  WorkerError,
  WorkerStartOptions,
  WorkerToClient,
} from "./worker-protocol";

export type { ModelSpec, ModelState, EvaluateResult, WorkerStartOptions } from "./worker-protocol";

/** A model file is missing, is not a GGUF file, or llama.cpp could not load it. */
export class ModelLoadError extends Error {
  override readonly name = "ModelLoadError";
  constructor(
    message: string,
    readonly code: "model-not-found" | "model-invalid" | "model-load-failed",
    readonly path?: string,
  ) {
    super(message);
  }
}

/** The Python sandbox (Pyodide) could not start: the sandbox's own error class. */
export { SandboxStartError };

/** The request was cancelled before it finished. */
export class SearchCancelledError extends Error {
  override readonly name = "SearchCancelledError";
  constructor() {
    super("The search was cancelled.");
  }
}

/** The worker stopped (crashed or was disposed) while a request was open. */
export class SearchWorkerError extends Error {
  override readonly name = "SearchWorkerError";
}

export interface SearchClientOptions {
  /** Absolute path of dist/search-worker.js. */
  workerPath: string;
  /** Sandbox pool size and memory; fixed for the worker's life. */
  start: WorkerStartOptions;
  /** Time limit of an expression evaluation in ms, read at each call. Default 5000. */
  evaluateTimeoutMs?: () => number;
  /** Receives the worker's, llama.cpp's and the sandbox's logs. */
  log?: (level: "trace" | "debug" | "info" | "warn" | "error", message: string) => void;
  /** Called whenever the model state changes (loading, ready, error). */
  onModelState?: (state: ModelState) => void;
}

export interface SearchRequest {
  problem: string;
  models: ModelSpec;
  options: Partial<SearchOptions>;
}

/** How long dispose waits for the worker to free models and sandbox before terminating it. */
const DISPOSE_GRACE_MS = 3000;

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onEvent?: (event: SearchEvent) => void;
}

function toError(e: WorkerError): Error {
  switch (e.code) {
    case "model-not-found":
    case "model-invalid":
    case "model-load-failed":
      return new ModelLoadError(e.message, e.code, e.path);
    case "sandbox-failed":
      return new SandboxStartError(e.message);
    case "cancelled":
      return new SearchCancelledError();
    default:
      return new SearchWorkerError(e.message);
  }
}

export class SearchClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private disposed = false;
  private modelState: ModelState = { state: "unloaded" };

  constructor(private readonly options: SearchClientOptions) {}

  /** The latest model state the worker reported. */
  get models(): ModelState {
    return this.modelState;
  }

  /** Runs a whole search in the worker; events stream to `onEvent`; `signal` cancels it. */
  search(req: SearchRequest, run: { signal?: AbortSignal; onEvent?: (e: SearchEvent) => void } = {}): Promise<SearchResult> {
    return this.request<SearchResult>(
      (id) => ({ type: "search", id, problem: req.problem, models: req.models, options: req.options }),
      run.signal,
      run.onEvent,
    );
  }

  /** Evaluates an expression (sympy syntax) in the sandbox; no model involved. */
  evaluate(expression: string, signal?: AbortSignal): Promise<EvaluateResult> {
    const timeoutMs = this.options.evaluateTimeoutMs?.() ?? 5000;
    return this.request<EvaluateResult>((id) => ({ type: "evaluate", id, expression, timeoutMs }), signal);
  }

  /** Loads (or reuses) the given models, so the first search starts at once. */
  loadModels(models: ModelSpec, signal?: AbortSignal): Promise<void> {
    return this.request<void>((id) => ({ type: "load-models", id, models }), signal);
  }

  /** Frees the loaded models (the sandbox stays warm). */
  unloadModels(): void {
    this.worker?.postMessage({ type: "unload-models" } satisfies ClientToWorker);
  }

  /** Stops the worker: open requests reject, models and sandbox go with it. Idempotent. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const w = this.worker;
    this.worker = undefined;
    this.failAll(new SearchWorkerError("The search worker was stopped."));
    if (!w) return;
    // Let the worker free the models and stop the sandbox processes, but never wait long for it.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, DISPOSE_GRACE_MS);
      w.on("message", (m: WorkerToClient) => {
        if (m.type === "disposed") {
          clearTimeout(timer);
          resolve();
        }
      });
      w.postMessage({ type: "dispose" } satisfies ClientToWorker);
    });
    await w.terminate();
  }

  private request<T>(make: (id: number) => ClientToWorker, signal?: AbortSignal, onEvent?: (e: SearchEvent) => void): Promise<T> {
    if (this.disposed) return Promise.reject(new SearchWorkerError("The search client was disposed."));
    if (signal?.aborted) return Promise.reject(new SearchCancelledError());
    const id = this.nextId++;
    const worker = this.ensureWorker();
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => worker.postMessage({ type: "cancel", id } satisfies ClientToWorker);
      signal?.addEventListener("abort", onAbort, { once: true });
      this.pending.set(id, {
        resolve: (v) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(v as T);
        },
        reject: (e) => {
          signal?.removeEventListener("abort", onAbort);
          reject(e);
        },
        onEvent,
      });
      worker.postMessage(make(id));
      this.updateRef();
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.options.workerPath, { workerData: this.options.start });
    w.on("message", (msg: WorkerToClient) => this.onMessage(msg));
    w.on("error", (e) => {
      this.options.log?.("error", `search worker failed: ${e.stack ?? e.message}`);
    });
    w.on("exit", (code) => {
      if (this.worker !== w) return;
      this.worker = undefined;
      this.setModelState({ state: "unloaded" });
      this.failAll(new SearchWorkerError(`The search worker stopped unexpectedly (exit code ${code}). See the Stepwise log.`));
    });
    // An idle worker does not keep a CLI or test process alive; an open request does (see updateRef).
    w.unref();
    this.worker = w;
    return w;
  }

  private onMessage(msg: WorkerToClient): void {
    switch (msg.type) {
      case "log":
        this.options.log?.(msg.level, `[${msg.source}] ${msg.message}`);
        return;
      case "model-state":
        this.setModelState(msg.state);
        return;
      case "event":
        this.pending.get(msg.id)?.onEvent?.(msg.event);
        return;
      case "search-result":
        this.settle(msg.id, (p) => p.resolve(msg.result));
        return;
      case "evaluate-result":
        this.settle(msg.id, (p) => p.resolve(msg.result));
        return;
      case "models-loaded":
        this.settle(msg.id, (p) => p.resolve(undefined));
        return;
      case "disposed":
        return;
      case "error":
        this.settle(msg.id, (p) => p.reject(toError(msg.error)));
        return;
    }
  }

  private settle(id: number, f: (p: Pending) => void): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    this.updateRef();
    f(p);
  }

  private updateRef(): void {
    if (this.pending.size > 0) this.worker?.ref();
    else this.worker?.unref();
  }

  private setModelState(state: ModelState): void {
    this.modelState = state;
    this.options.onModelState?.(state);
  }

  private failAll(error: Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(error);
  }
}
