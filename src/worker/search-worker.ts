// The search worker: a worker_thread that owns the loaded models, the Pyodide sandbox pool and the running
// searches, so the extension host's main thread only forwards messages. Bundled to dist/search-worker.js.

import { parentPort, workerData } from "node:worker_threads";
import { existsSync } from "node:fs";
import { checkGgufFile } from "../inference/gguf-check";
import type { SearchOptions } from "../engine/types";
import { runSearch } from "../engine";
import { openModels, openSandbox, type OpenedModels, type OpenedSandbox } from "../parts";
import { describeModelSpec, publicModelSpec, type ClientToWorker, type ModelSpec, type ModelState, type WorkerError, type WorkerStartOptions, type WorkerToClient } from "./worker-protocol";
import { sympyEvaluationProgram } from "../math/math-expression";

const port = parentPort;
if (!port) throw new Error("search-worker.js must run inside a worker_thread");
const start = workerData as WorkerStartOptions;

function post(msg: WorkerToClient): void {
  port!.postMessage(msg);
}

function log(level: "trace" | "debug" | "info" | "warn" | "error", source: string, message: string): void {
  post({ type: "log", level, source, message });
}

/** A failure that already carries its user-facing kind. */
class CodedError extends Error {
  constructor(readonly error: WorkerError) {
    super(error.message);
  }
}

let sandboxPromise: Promise<OpenedSandbox> | undefined;
function sandbox(): Promise<OpenedSandbox> {
  sandboxPromise ??= openSandbox(start.sandbox, (level, message) => log(level, "sandbox", message))
    .catch((e: unknown) => {
      sandboxPromise = undefined;
      throw new CodedError({ code: "sandbox-failed", message: `The Python sandbox could not start: ${errorText(e)}` });
    });
  return sandboxPromise;
}

/** Removes the API key from a text, should any part below ever echo it. */
function redact(text: string, apiKey: string | undefined): string {
  return apiKey ? text.split(apiKey).join("[api key]") : text;
}

let models: { key: string; spec: ModelSpec; loaded: Promise<OpenedModels> } | undefined;

function setModelState(state: ModelState): void {
  post({ type: "model-state", state });
}

/** inference's GGUF check, with its failure sorted into a missing file and an unusable one. */
async function checkModelFile(path: string, role: string): Promise<void> {
  try {
    await checkGgufFile(path);
  } catch (e) {
    if (!existsSync(path)) throw new CodedError({ code: "model-not-found", path, message: `The ${role} model file was not found: ${path}` });
    throw new CodedError({ code: "model-invalid", path, message: `The ${role} model cannot be used: ${errorText(e)}` });
  }
}

function loadModels(fullSpec: ModelSpec): Promise<OpenedModels> {
  // States are posted and shown; the key stays with `fullSpec`, which only the loader sees.
  const spec = publicModelSpec(fullSpec);
  const key = JSON.stringify([spec.policyPath, spec.rewardPath ?? "", spec.threads, spec.endpoints ?? [], spec.rewardEndpoints ?? [], spec.rewardFormat ?? "", fullSpec.apiKey ?? ""]);
  if (models?.key === key) return models.loaded;
  const previous = models;
  const started = Date.now();
  setModelState({ state: "loading", spec });
  const loaded = (async () => {
    if (previous) await previous.loaded.then((m) => m.dispose(), () => undefined);
    const served = !!spec.endpoints?.length;
    if (!served) await checkModelFile(spec.policyPath, "policy");
    if (spec.rewardPath && !spec.rewardEndpoints?.length) await checkModelFile(spec.rewardPath, "reward");
    try {
      return await openModels(fullSpec, (level, message) => log(level, served ? "remote" : "llama", redact(message, fullSpec.apiKey)));
    } catch (e) {
      throw new CodedError({
        code: "model-load-failed",
        path: served ? undefined : spec.policyPath,
        message: redact(
          e instanceof Error && e.name === "ApiKeyRejectedError"
            ? `The server refused the API key: ${errorText(e)} In VS Code, set the key with "Stepwise: Set Server API Key…".`
            : `Loading the models failed (${describeModelSpec(spec)}): ${errorText(e)}`,
          fullSpec.apiKey,
        ),
      });
    }
  })();
  models = { key, spec, loaded };
  loaded.then(
    (m) => setModelState({ state: "ready", spec, policyName: m.policyName, rewardName: m.rewardName, loadMs: Date.now() - started }),
    (e: unknown) => {
      if (models?.loaded === loaded) models = undefined;
      setModelState({ state: "error", spec, error: toWorkerError(e) });
    },
  );
  return loaded;
}

const running = new Map<number, AbortController>();

async function search(id: number, problem: string, spec: ModelSpec, options: Partial<SearchOptions>): Promise<void> {
  const controller = new AbortController();
  running.set(id, controller);
  try {
    const [m, sb] = await Promise.all([loadModels(spec), sandbox()]);
    if (controller.signal.aborted) throw new CodedError({ code: "cancelled", message: "The search was cancelled." });
    const result = await runSearch(problem, { policy: m.policy, reward: m.reward, sandbox: sb.sandbox }, options, {
      signal: controller.signal,
      // The final result is posted once, below; the "finished" event would send it twice.
      onEvent: (event) => {
        if (event.type !== "finished") post({ type: "event", id, event });
      },
    });
    post({ type: "search-result", id, result });
  } catch (e) {
    const error = toWorkerError(e);
    post({ type: "error", id, error: controller.signal.aborted ? { code: "cancelled", message: "The search was cancelled." } : { ...error, message: redact(error.message, spec.apiKey) } });
  } finally {
    running.delete(id);
  }
}

async function evaluate(id: number, expression: string, timeoutMs: number): Promise<void> {
  try {
    const sb = await sandbox();
    const out = await sb.sandbox.run(sympyEvaluationProgram(expression), { timeoutMs });
    if (out.status !== "ok") {
      post({ type: "evaluate-result", id, result: { ok: false, error: out.error ?? out.status } });
      return;
    }
    const line = out.stdout.trim().split("\n").pop() ?? "";
    const parsed = JSON.parse(line) as { text: string; latex: string; approx: string | null };
    post({ type: "evaluate-result", id, result: { ok: true, text: parsed.text, latex: parsed.latex, approx: parsed.approx ?? undefined } });
  } catch (e) {
    post({ type: "error", id, error: toWorkerError(e) });
  }
}

function toWorkerError(e: unknown): WorkerError {
  if (e instanceof CodedError) return e.error;
  return { code: "internal", message: errorText(e) };
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

port.on("message", (msg: ClientToWorker) => {
  switch (msg.type) {
    case "search":
      void search(msg.id, msg.problem, msg.models, msg.options);
      break;
    case "evaluate":
      void evaluate(msg.id, msg.expression, msg.timeoutMs);
      break;
    case "load-models":
      loadModels(msg.models).then(
        () => post({ type: "models-loaded", id: msg.id }),
        (e: unknown) => post({ type: "error", id: msg.id, error: toWorkerError(e) }),
      );
      break;
    case "cancel":
      running.get(msg.id)?.abort();
      break;
    case "dispose": {
      for (const c of running.values()) c.abort();
      const m = models;
      models = undefined;
      const sb = sandboxPromise;
      sandboxPromise = undefined;
      void Promise.allSettled([m?.loaded.then((x) => x.dispose()), sb?.then((x) => x.dispose())])
        // The killed sandbox processes must be reaped by this thread's event loop before it is terminated,
        // or they linger as zombies of the extension host.
        .then(() => new Promise((r) => setTimeout(r, sb ? 300 : 0)))
        .then(() => post({ type: "disposed" }));
      break;
    }
    case "unload-models": {
      const m = models;
      models = undefined;
      void m?.loaded.then((x) => x.dispose(), () => undefined);
      setModelState({ state: "unloaded" });
      break;
    }
  }
});

process.on("unhandledRejection", (e) => log("error", "worker", `unhandled: ${errorText(e)}`));
