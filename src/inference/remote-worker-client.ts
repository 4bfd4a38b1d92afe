// The client side of the inference worker: a Policy and a RewardModel that forward every call to
// dist/inference-worker.js, so the caller's thread (the extension host) never runs the model.

import { existsSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { Policy, ProposeRequest, ProposeResult, RewardModel, ScoreRequest, ScoreResult } from "../engine/types";
import { DisposedError, InferenceError, ModelFileError } from "./errors";
import type { LoadModelsOptions, LoadedModels } from "./load";
import type { FromWorker, ToWorker } from "./worker-protocol";

/** dist/inference-worker.js, found next to this bundle or up to three folders above it. */
export function findWorkerScript(start: string = __dirname): string {
  const tries = [join(start, "inference-worker.js")];
  let dir = start;
  for (let i = 0; i < 4; i++) {
    dir = join(dir, "..");
    tries.push(join(dir, "inference-worker.js"), join(dir, "dist", "inference-worker.js"));
  }
  const found = tries.find((p) => existsSync(p));
  if (!found) throw new InferenceError(`Cannot find inference-worker.js near ${start}; run the build (node esbuild.mjs).`);
  return found;
}

function rebuildError(e: { name: string; message: string }): Error {
  if (e.name === "ModelFileError") return new ModelFileError("", e.message);
  const err = new InferenceError(e.message);
  err.name = e.name;
  return err;
}

export class InferenceWorkerClient {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private disposed = false;
  private exitError?: Error;

  constructor(workerPath: string, private readonly logger?: LoadModelsOptions["logger"]) {
    this.worker = new Worker(workerPath);
    this.worker.on("message", (m: FromWorker) => this.onMessage(m));
    this.worker.on("error", (e) => this.failAll(new InferenceError(`The inference worker crashed: ${e.message}`)));
    this.worker.on("exit", (code) => {
      if (!this.disposed) this.failAll(new InferenceError(`The inference worker exited (code ${code}); load the models again.`));
    });
  }

  private readyWaiter?: { resolve: (m: Extract<FromWorker, { type: "ready" }>) => void; reject: (e: Error) => void };

  init(options: LoadModelsOptions): Promise<Extract<FromWorker, { type: "ready" }>> {
    const { logger: _l, inWorker: _w, workerPath: _p, rewardDescriptor, ...rest } = options;
    if (typeof rewardDescriptor === "object") throw new Error("Pass the reward descriptor by id when loading in a worker");
    return new Promise((resolve, reject) => {
      this.readyWaiter = { resolve, reject };
      this.post({ type: "init", options: { ...rest, rewardDescriptor } });
    });
  }

  private onMessage(m: FromWorker): void {
    if (m.type === "log") return this.logger?.(m.level, m.message);
    if (m.type === "ready") return this.readyWaiter?.resolve(m);
    if (m.type === "error" && m.id === 0) return this.readyWaiter?.reject(rebuildError(m.error));
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    if (m.type === "result") p.resolve(m.value);
    else p.reject(rebuildError(m.error));
  }

  private failAll(e: Error): void {
    this.exitError = e;
    this.readyWaiter?.reject(e);
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  private post(m: ToWorker): void {
    this.worker.postMessage(m);
  }

  call<T>(make: (id: number) => ToWorker, signal?: AbortSignal): Promise<T> {
    if (this.disposed) return Promise.reject(new DisposedError("The inference worker"));
    if (this.exitError) return Promise.reject(this.exitError);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      const onAbort = () => this.post({ type: "abort", id });
      if (signal) {
        if (signal.aborted) queueMicrotask(onAbort);
        else signal.addEventListener("abort", onAbort, { once: true });
      }
      this.post(make(id));
    }).finally(() => undefined);
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    try {
      await this.call((id) => ({ type: "dispose", id }));
    } catch {
      // the worker is going away anyway
    }
    this.disposed = true;
    await this.worker.terminate();
  }
}

export class RemotePolicy implements Policy {
  constructor(
    private readonly client: InferenceWorkerClient,
    readonly name: string,
  ) {}
  propose(req: ProposeRequest): Promise<ProposeResult> {
    const { signal, ...rest } = req;
    return this.client.call((id) => ({ type: "propose", id, req: rest }), signal);
  }
  async reset(): Promise<void> {
    await this.client.call((id) => ({ type: "reset", id }));
  }
}

export class RemoteRewardModel implements RewardModel {
  constructor(
    private readonly client: InferenceWorkerClient,
    readonly name: string,
  ) {}
  scoreSteps(req: ScoreRequest): Promise<ScoreResult> {
    const { signal, ...rest } = req;
    return this.client.call((id) => ({ type: "score", id, req: rest }), signal);
  }
}

export async function loadModelsInWorker(opts: LoadModelsOptions): Promise<LoadedModels> {
  const client = new InferenceWorkerClient(opts.workerPath ?? findWorkerScript(), opts.logger);
  try {
    const ready = await client.init(opts);
    return {
      policy: new RemotePolicy(client, ready.info.policyName),
      reward: ready.hasReward ? new RemoteRewardModel(client, ready.info.rewardName ?? "reward") : undefined,
      info: ready.info,
      dispose: () => client.dispose(),
    };
  } catch (e) {
    await client.dispose();
    throw e;
  }
}
