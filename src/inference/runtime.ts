// node-llama-cpp is ESM-only with top-level await: load it with a cached dynamic import (a `require` fails).

import type * as NodeLlamaCpp from "node-llama-cpp" with { "resolution-mode": "import" };
import type * as LifecycleUtils from "lifecycle-utils" with { "resolution-mode": "import" };
import { DisposedError, InferenceError } from "./errors";

export type LlamaModule = typeof NodeLlamaCpp;
export type Llama = NodeLlamaCpp.Llama;
export type LlamaModel = NodeLlamaCpp.LlamaModel;
export type LlamaContext = NodeLlamaCpp.LlamaContext;
export type LlamaContextSequence = NodeLlamaCpp.LlamaContextSequence;
export type Token = NodeLlamaCpp.Token;

/** Log lines from the runtime and our own wrappers. */
export type Logger = (level: "debug" | "info" | "warn" | "error", message: string) => void;

let modulePromise: Promise<LlamaModule> | undefined;
let lifecyclePromise: Promise<typeof LifecycleUtils> | undefined;

/** node-llama-cpp's own lifecycle helpers (withLock, AsyncDisposeAggregator); ESM-only, so imported dynamically. */
export function importLifecycleUtils(): Promise<typeof LifecycleUtils> {
  lifecyclePromise ??= import("lifecycle-utils");
  return lifecyclePromise;
}

/**
 * One loaded model's lock and disposed flag, shared by the policy and the reward model: calls on the model
 * run one at a time (lifecycle-utils' `withLock`), none starts after `dispose`, and the disposal itself
 * waits for the call in flight.
 */
export class ModelLock {
  private disposed = false;

  /** @param what the model's name in the error a call after disposal throws ("The policy"). */
  constructor(private readonly what: string) {}

  /** Runs `fn` alone on the model; throws DisposedError once the model is disposed. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.disposed) throw new DisposedError(this.what);
    return this.exclusive(fn);
  }

  /** Runs `fn` alone on the model, disposed or not (clearing caches is harmless either way). */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const { withLock } = await importLifecycleUtils();
    return withLock([this, "model"], fn);
  }

  /** Marks the model disposed and runs `release` once, after the call in flight; later calls do nothing. */
  async dispose(release: () => Promise<void> | void): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.exclusive(async () => release());
  }
}

const llamaPromises = new Map<string, Promise<Llama>>();

export function importLlamaModule(): Promise<LlamaModule> {
  modulePromise ??= (import("node-llama-cpp") as Promise<LlamaModule>).catch((e: unknown) => {
    modulePromise = undefined;
    throw new InferenceError(`Could not load node-llama-cpp (${(e as Error).message}). Reinstall Stepwise's dependencies.`);
  });
  return modulePromise;
}

export interface RuntimeOptions {
  /** GPU backend: "auto" (default, uses Metal/CUDA/Vulkan when present) or false for CPU only. */
  gpu?: "auto" | false;
  logger?: Logger;
}

/** One Llama runtime per gpu setting per thread (node-llama-cpp binds it to the process or worker). */
export async function getRuntime(opts: RuntimeOptions = {}): Promise<Llama> {
  const key = String(opts.gpu ?? "auto");
  let p = llamaPromises.get(key);
  if (!p) {
    p = importLlamaModule().then(async (m) => {
      const logger = opts.logger;
      return m.getLlama({
        gpu: opts.gpu ?? "auto",
        logLevel: m.LlamaLogLevel.warn,
        logger: logger
          ? (level, message) => {
              const l = String(level);
              logger(l === "error" || l === "fatal" ? "error" : l === "warn" ? "warn" : l === "info" ? "info" : "debug", message.trimEnd());
            }
          : undefined,
      });
    });
    p.catch(() => llamaPromises.delete(key));
    llamaPromises.set(key, p);
  }
  return p;
}
