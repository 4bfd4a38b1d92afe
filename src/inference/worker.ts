// Worker-thread entry (bundled to dist/inference-worker.js): runs the models off the caller's main thread.

import { parentPort } from "node:worker_threads";
import { loadModelsHere } from "./load";
import type { LoadedModels } from "./load";
import type { FromWorker, ToWorker } from "./worker-protocol";

const port = parentPort;
if (!port) throw new Error("inference-worker.js must run in a worker thread");

let models: LoadedModels | undefined;
const controllers = new Map<number, AbortController>();
const post = (m: FromWorker) => port.postMessage(m);
const errorOf = (e: unknown) => ({ name: (e as Error)?.name ?? "Error", message: (e as Error)?.message ?? String(e) });

port.on("message", (msg: ToWorker) => {
  void handle(msg);
});

async function handle(msg: ToWorker): Promise<void> {
  switch (msg.type) {
    case "init":
      try {
        models = await loadModelsHere({ ...msg.options, logger: (level, message) => post({ type: "log", level, message }) });
        post({ type: "ready", info: models.info, hasReward: !!models.reward });
      } catch (e) {
        post({ type: "error", id: 0, error: errorOf(e) });
      }
      return;
    case "abort":
      controllers.get(msg.id)?.abort();
      return;
    case "propose":
    case "score": {
      const ac = new AbortController();
      controllers.set(msg.id, ac);
      try {
        if (!models) throw new Error("The inference worker has no models loaded");
        let value;
        if (msg.type === "propose") value = await models.policy.propose({ ...msg.req, signal: ac.signal });
        else {
          if (!models.reward) throw new Error("No reward model is loaded");
          value = await models.reward.scoreSteps({ ...msg.req, signal: ac.signal });
        }
        post({ type: "result", id: msg.id, value });
      } catch (e) {
        post({ type: "error", id: msg.id, error: errorOf(e) });
      } finally {
        controllers.delete(msg.id);
      }
      return;
    }
    case "reset":
      try {
        await models?.policy.reset?.();
        post({ type: "result", id: msg.id, value: null });
      } catch (e) {
        post({ type: "error", id: msg.id, error: errorOf(e) });
      }
      return;
    case "dispose":
      try {
        await models?.dispose();
        models = undefined;
        post({ type: "result", id: msg.id, value: null });
      } catch (e) {
        post({ type: "error", id: msg.id, error: errorOf(e) });
      }
      return;
  }
}
