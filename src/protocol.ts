// The one message map between the extension and the panel's webview, split by direction. The webview
// imports only types from here (plus the validator, which is pure); the extension validates every message
// that comes from the webview with `parseFromWebview` before acting on it.

import type { SearchEvent, SearchResult, StrategyName } from "./engine/types";
import { STRATEGIES } from "./engine/knobs";

// The strategy list is the engine's; the webview reads it from here.
export { STRATEGIES };

/** What the panel shows about one search; also what the webview persists with `setState`. */
export interface PanelSearchView {
  /** Request id of the search (matches cancel requests). */
  requestId: number;
  problem: string;
  strategy: StrategyName;
  state: "running" | "finished" | "cancelled" | "failed";
  /** Why it failed, or a hint when it ended without an answer. */
  message?: string;
  result?: SearchResult;
  /** Rollouts (MCTS) or samples done so far, and the planned total. */
  progress?: { done: number; total: number; tokensPerSecond: number };
}

/** Messages the extension sends to the webview. */
export interface ToWebview {
  /** Sent when a search starts: clear the panel and show the problem. */
  "search-started": { requestId: number; problem: string; strategy: StrategyName; total: number };
  /** Live search events, batched (the tree grows from these). */
  "search-events": { requestId: number; events: SearchEvent[] };
  /** Rollouts done and throughput, for the progress bar. */
  progress: { requestId: number; done: number; total: number; tokensPerSecond: number };
  /** The search ended (finished or cancelled) with this result. */
  "search-finished": { requestId: number; result: SearchResult; message?: string };
  /** The search failed before producing a result. */
  "search-failed": { requestId: number; message: string };
  /** Restore a whole view (after a reload when the webview had no saved state, or on "open in panel"). */
  restore: { view: PanelSearchView | undefined; focusTrajectory?: number };
}

/** Messages the webview sends to the extension. */
export interface FromWebview {
  /** The webview has loaded and can receive messages. */
  ready: { hasState: boolean };
  /** Insert a trajectory's answer or whole solution into the editor the problem came from. */
  insert: { trajectory: number; what: "answer" | "solution" };
  /** Copy a trajectory's answer or whole solution to the clipboard. */
  copy: { trajectory: number; what: "answer" | "solution" };
  /** Solve the same problem again with another strategy. */
  rerun: { strategy: StrategyName };
  /** Solve the same problem again with a bigger budget. */
  "solve-again-bigger": Record<never, never>;
  /** Cancel the running search with this request id. */
  cancel: { requestId: number };
  /** Save the search tree as JSONL. */
  "export-tree": Record<never, never>;
  /** Open Choose Models… (offered when the problem looks beyond the loaded model). */
  "choose-models": Record<never, never>;
}

export type Envelope<M> = { [K in keyof M]: { type: K } & M[K] }[keyof M];
export type ToWebviewMessage = Envelope<ToWebview>;
export type FromWebviewMessage = Envelope<FromWebview>;

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function isIndex(x: unknown): x is number {
  return typeof x === "number" && Number.isInteger(x) && x >= 0 && x < 100_000;
}

function isWhat(x: unknown): x is "answer" | "solution" {
  return x === "answer" || x === "solution";
}

/** Checks a message from the webview; returns it typed, or undefined when it is malformed. */
export function parseFromWebview(data: unknown): FromWebviewMessage | undefined {
  if (!isRecord(data) || typeof data.type !== "string") return undefined;
  switch (data.type) {
    case "ready":
      return typeof data.hasState === "boolean" ? { type: "ready", hasState: data.hasState } : undefined;
    case "insert":
    case "copy":
      return isIndex(data.trajectory) && isWhat(data.what)
        ? { type: data.type, trajectory: data.trajectory, what: data.what }
        : undefined;
    case "rerun":
      return STRATEGIES.includes(data.strategy as StrategyName)
        ? { type: "rerun", strategy: data.strategy as StrategyName }
        : undefined;
    case "solve-again-bigger":
      return { type: "solve-again-bigger" };
    case "cancel":
      return isIndex(data.requestId) ? { type: "cancel", requestId: data.requestId } : undefined;
    case "export-tree":
      return { type: "export-tree" };
    case "choose-models":
      return { type: "choose-models" };
    default:
      return undefined;
  }
}
