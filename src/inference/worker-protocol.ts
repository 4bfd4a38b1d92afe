// Messages between the inference worker thread and its client. AbortSignals cannot cross threads, so a
// request is cancelled with an "abort" message carrying its id.

import type { ProposeRequest, ProposeResult, ScoreRequest, ScoreResult } from "../engine/types";
import type { LoadModelsOptions, LoadedModels } from "./load";

export type WorkerLoadOptions = Omit<LoadModelsOptions, "logger" | "inWorker" | "workerPath" | "rewardDescriptor"> & {
  rewardDescriptor?: string;
};

/** Client → worker. */
export type ToWorker =
  /** Load the models; answered by "ready" or "error" with id 0. */
  | { type: "init"; options: WorkerLoadOptions }
  | { type: "propose"; id: number; req: Omit<ProposeRequest, "signal"> }
  | { type: "score"; id: number; req: Omit<ScoreRequest, "signal"> }
  /** Cancel a running propose/score. */
  | { type: "abort"; id: number }
  | { type: "reset"; id: number }
  | { type: "dispose"; id: number };

/** Worker → client. */
export type FromWorker =
  | { type: "ready"; info: LoadedModels["info"]; hasReward: boolean }
  | { type: "result"; id: number; value: ProposeResult | ScoreResult | null }
  | { type: "error"; id: number; error: { name: string; message: string } }
  | { type: "log"; level: "debug" | "info" | "warn" | "error"; message: string };
