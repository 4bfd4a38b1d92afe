// The solution panel. Components come from @vscode-elements/elements (the design named
// @vscode/webview-ui-toolkit, which is deprecated and archived; vscode-elements is its maintained
// successor in spirit). KaTeX renders math, highlight.js colours Python; both are bundled, nothing remote.
// State lives in `vscode.setState` so the panel survives a window reload. This file holds the state, the
// messages from the extension, the header and the progress; the tree is drawn by tree.ts, the result by
// result.ts, with the DOM helpers of dom.ts and the one channel to the extension in api.ts.

import "@vscode-elements/elements/dist/vscode-button/index.js";
import "@vscode-elements/elements/dist/vscode-badge/index.js";
import "@vscode-elements/elements/dist/vscode-collapsible/index.js";
import "@vscode-elements/elements/dist/vscode-progress-bar/index.js";
import "@vscode-elements/elements/dist/vscode-single-select/index.js";
import "@vscode-elements/elements/dist/vscode-option/index.js";
import "@vscode-elements/elements/dist/vscode-divider/index.js";
import "katex/dist/katex.min.css";
import type { SearchEvent, SearchResult, StrategyName } from "../src/engine/types";
import { STRATEGIES, type PanelSearchView, type ToWebviewMessage } from "../src/protocol";
import { send, vscode } from "./api";
import { button, custom, el, richText } from "./dom";
import { renderResult } from "./result";
import { fromSnapshot, renderTree as drawTree, type DrawnNode } from "./tree";

interface PanelState {
  view?: PanelSearchView;
  nodes: DrawnNode[];
  /** Node most recently selected by the search (drawn with a ring). */
  selected?: number;
}

let state: PanelState = (vscode.getState() as PanelState | undefined) ?? { nodes: [] };
const nodes = new Map<number, DrawnNode>(state.nodes.map((n) => [n.id, n]));

const app = document.getElementById("app")!;

// Counted on the body so a UI test can assert that nothing the panel loads is blocked by its CSP.
let cspViolations = 0;
document.addEventListener("securitypolicyviolation", () => {
  document.body.dataset.cspViolations = String(++cspViolations);
});

function save(): void {
  state.nodes = [...nodes.values()];
  vscode.setState(state);
}

// ---------- search state from messages ----------

function applyEvent(e: SearchEvent): void {
  switch (e.type) {
    case "started":
      break;
    case "node-added": {
      const n = e.node;
      nodes.set(n.id, fromSnapshot(n));
      break;
    }
    case "node-verified": {
      const n = nodes.get(e.id);
      if (n) n.status = e.ok ? (n.status === "terminal" ? "terminal" : "verified") : "failed";
      break;
    }
    case "node-scored": {
      const n = nodes.get(e.id);
      if (n) n.score = e.score;
      break;
    }
    case "node-pruned": {
      const n = nodes.get(e.id);
      if (n) n.status = "pruned";
      break;
    }
    case "node-selected":
      state.selected = e.id;
      break;
    case "backed-up":
      for (const id of e.path) {
        const n = nodes.get(id);
        if (n) {
          n.visits += 1;
          n.q = n.q + (e.value - n.q) / n.visits;
        }
      }
      break;
    case "rollout-done":
      if (state.view) {
        const tps = e.stats.wallMs > 0 ? (e.stats.tokensGenerated * 1000) / e.stats.wallMs : 0;
        state.view.progress = { done: e.rollout, total: e.total, tokensPerSecond: tps };
      }
      break;
    case "finished":
      break;
  }
}

function setResult(result: SearchResult): void {
  nodes.clear();
  for (const n of result.tree) nodes.set(n.id, fromSnapshot(n));
}

window.addEventListener("message", (ev: MessageEvent<ToWebviewMessage>) => {
  const msg = ev.data;
  switch (msg.type) {
    case "search-started":
      nodes.clear();
      state = {
        nodes: [],
        view: { requestId: msg.requestId, problem: msg.problem, strategy: msg.strategy, state: "running", progress: { done: 0, total: msg.total, tokensPerSecond: 0 } },
      };
      renderAll();
      break;
    case "search-events":
      if (state.view?.requestId !== msg.requestId) return;
      for (const e of msg.events) applyEvent(e);
      scheduleLive();
      break;
    case "progress":
      if (state.view?.requestId !== msg.requestId) return;
      state.view.progress = { done: msg.done, total: msg.total, tokensPerSecond: msg.tokensPerSecond };
      scheduleLive();
      break;
    case "search-finished":
      if (state.view?.requestId !== msg.requestId) return;
      state.view = { ...state.view, state: msg.result.cancelled ? "cancelled" : "finished", result: msg.result, message: msg.message };
      setResult(msg.result);
      renderAll();
      break;
    case "search-failed":
      if (state.view?.requestId !== msg.requestId) return;
      state.view = { ...state.view, state: state.view.state === "running" && /cancel/i.test(msg.message) ? "cancelled" : "failed", message: msg.message };
      renderAll();
      break;
    case "restore":
      nodes.clear();
      state = { nodes: [], view: msg.view };
      if (msg.view?.result) setResult(msg.view.result);
      renderAll(msg.focusTrajectory);
      break;
  }
});

// ---------- rendering ----------

let liveScheduled = false;
function scheduleLive(): void {
  if (liveScheduled) return;
  liveScheduled = true;
  requestAnimationFrame(() => {
    liveScheduled = false;
    renderProgress();
    renderTree();
    save();
  });
}

function renderAll(focusTrajectory?: number): void {
  save();
  app.replaceChildren();
  const view = state.view;
  if (!view) {
    app.append(
      el("section", { class: "empty" },
        el("h2", {}, "Stepwise"),
        el("p", {}, "Select a math problem in an editor and run “Stepwise: Solve Selection” (Ctrl+Alt+M), or run “Stepwise: Solve Problem…” from the Command Palette."),
      ),
    );
    return;
  }
  app.append(renderHeader(view));
  app.append(el("div", { id: "progress" }));
  const treeSection = custom("vscode-collapsible", { heading: "Search tree", description: view.strategy, id: "tree-section" });
  treeSection.setAttribute("open", "");
  treeSection.append(el("div", { id: "tree", class: "tree", role: "img", "aria-label": "Search tree" }));
  app.append(treeSection);
  if (view.message) app.append(el("p", { class: `message ${view.state}`, role: view.state === "failed" ? "alert" : "status" }, view.message));
  if (view.result) app.append(renderResult(view.result));
  renderProgress();
  renderTree();
  if (focusTrajectory !== undefined) {
    const t = document.querySelector<HTMLElement>(`[data-trajectory="${focusTrajectory}"]`);
    t?.setAttribute("open", "");
    t?.scrollIntoView({ block: "start" });
    t?.focus();
  }
}

function renderHeader(view: PanelSearchView): HTMLElement {
  const header = el("header", { class: "header" });
  header.append(el("h2", { class: "problem-label" }, "Problem"));
  const problem = el("div", { class: "problem", id: "problem" }, richText(view.problem));
  header.append(problem);

  const bar = el("div", { class: "toolbar", role: "toolbar", "aria-label": "Search actions" });
  if (view.state === "running") {
    bar.append(button("Cancel", () => send({ type: "cancel", requestId: view.requestId }), { id: "cancel", aria: "Cancel the running search" }));
  } else {
    const select = custom("vscode-single-select", { id: "strategy", "aria-label": "Strategy to re-run with" });
    for (const s of STRATEGIES) {
      const o = custom("vscode-option", { value: s });
      o.textContent = strategyLabel(s);
      if (s === view.strategy) o.setAttribute("selected", "");
      select.append(o);
    }
    bar.append(select);
    bar.append(
      button("Re-run", () => send({ type: "rerun", strategy: ((select as unknown as { value: string }).value || view.strategy) as StrategyName }), { secondary: true, aria: "Re-run with the chosen strategy" }),
      button("Bigger Budget", () => send({ type: "solve-again-bigger" }), { secondary: true, aria: "Solve again with a bigger budget" }),
      button("Export Tree", () => send({ type: "export-tree" }), { secondary: true, aria: "Export the search tree as JSON Lines" }),
    );
  }
  const stateBadge = el("span", { class: `state state-${view.state}`, id: "state" }, stateLabel(view.state));
  bar.append(stateBadge);
  header.append(bar);
  return header;
}

function strategyLabel(s: StrategyName): string {
  return { mcts: "MCTS", beam: "Beam search", "best-of-n": "Best-of-N", "self-consistency": "Self-consistency", greedy: "Greedy" }[s];
}

function stateLabel(s: PanelSearchView["state"]): string {
  return { running: "Searching…", finished: "Finished", cancelled: "Cancelled", failed: "Failed" }[s];
}

function renderProgress(): void {
  const host = document.getElementById("progress");
  const view = state.view;
  if (!host || !view) return;
  const p = view.progress;
  host.replaceChildren();
  if (view.state !== "running" && !p) return;
  const bar = custom("vscode-progress-bar", { "aria-label": "Search progress" });
  const b = bar as unknown as { value?: number; max: number };
  // Indeterminate until the first rollout is done (the models and the sandbox may still be starting).
  if (p && p.total > 0 && p.done > 0) {
    b.max = p.total;
    b.value = view.state === "running" ? p.done : p.total;
  }
  if (view.state === "running") host.append(bar);
  const unit = view.strategy === "mcts" ? "rollouts" : view.strategy === "beam" ? "levels" : "samples";
  const starting = view.state === "running" && (!p || p.done === 0) ? " · starting (models and sandbox load on the first solve)" : "";
  const text = p ? `${p.done} of ${p.total} ${unit}${p.tokensPerSecond > 0 ? ` · ${p.tokensPerSecond.toFixed(1)} tokens/s` : ""}${starting}` : "";
  const stats = view.result?.stats;
  const extra = stats ? ` · ${stats.tokensGenerated} tokens generated · ${stats.sandboxRuns} code runs · ${(stats.wallMs / 1000).toFixed(1)} s` : "";
  host.append(el("div", { class: "progress-text", id: "progress-text", role: "status" }, text + extra));
}

function renderTree(): void {
  const host = document.getElementById("tree");
  if (!host) return;
  drawTree(host, nodes, {
    running: state.view?.state === "running",
    chosen: state.view?.result?.trajectories[0]?.steps.map((s) => s.id) ?? [],
    selected: state.selected,
  });
}

// ---------- start ----------

renderAll();
send({ type: "ready", hasState: state.view !== undefined });
