// The solution panel. Components come from @vscode-elements/elements (the design named
// @vscode/webview-ui-toolkit, which is deprecated and archived; vscode-elements is its maintained
// successor in spirit). KaTeX renders math, highlight.js colours Python; both are bundled, nothing remote.
// State lives in `vscode.setState` so the panel survives a window reload.

import "@vscode-elements/elements/dist/vscode-button/index.js";
import "@vscode-elements/elements/dist/vscode-badge/index.js";
import "@vscode-elements/elements/dist/vscode-collapsible/index.js";
import "@vscode-elements/elements/dist/vscode-progress-bar/index.js";
import "@vscode-elements/elements/dist/vscode-single-select/index.js";
import "@vscode-elements/elements/dist/vscode-option/index.js";
import "@vscode-elements/elements/dist/vscode-divider/index.js";
import katex from "katex";
import "katex/dist/katex.min.css";
import hljs from "highlight.js/lib/core";
import python from "highlight.js/lib/languages/python";
import type { NodeStatus, SearchEvent, SearchResult, StrategyName, Trajectory, TrajectoryStep, TreeNodeSnapshot } from "../src/engine/types";
import { agreeingWith, agreementText, assessResult, BEYOND_MODEL_TEXT, stepCheck, trajectoryCheck } from "../src/engine/confidence";
import { displayCode, displayReasoning } from "../src/engine/solution-text";
import { STRATEGIES, type FromWebviewMessage, type PanelSearchView, type ToWebviewMessage } from "../src/protocol";

hljs.registerLanguage("python", python);

interface VsCodeApi {
  postMessage(msg: FromWebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;
const vscode = acquireVsCodeApi();

/** A tree node as the panel draws it. */
interface DrawnNode {
  id: number;
  parent: number | null;
  depth: number;
  status: NodeStatus;
  score: number;
  visits: number;
  q: number;
  label: string;
  answer?: string;
}

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

// ---------- helpers ----------

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string | undefined)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== undefined) e.append(c);
  return e;
}

function custom(tag: string, attrs: Record<string, string> = {}, ...children: (Node | string | undefined)[]): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) if (c !== undefined) e.append(c);
  return e;
}

function button(label: string, onClick: () => void, opts: { secondary?: boolean; aria?: string; id?: string; icon?: string } = {}): HTMLElement {
  const b = custom("vscode-button", { "aria-label": opts.aria ?? label });
  if (opts.secondary) b.setAttribute("secondary", "");
  if (opts.id) b.id = opts.id;
  b.textContent = label;
  b.addEventListener("click", onClick);
  return b;
}

function send(msg: FromWebviewMessage): void {
  vscode.postMessage(msg);
}

/** Renders LaTeX into an element; falls back to the source text when KaTeX cannot parse it. */
function mathInto(target: HTMLElement, latex: string, displayMode = false): void {
  try {
    katex.render(latex, target, { displayMode, throwOnError: true, output: "htmlAndMathml" });
  } catch {
    target.textContent = latex;
  }
}

/** Text with $…$, $$…$$, \(…\), \[…\] and \boxed{…} rendered as math. */
function richText(text: string): HTMLElement {
  const out = el("span", { class: "rich" });
  const re = /\$\$([^$]+)\$\$|\$([^$\n]+)\$|\\\((.+?)\\\)|\\\[(.+?)\\\]|(\\boxed\{(?:[^{}]|\{[^{}]*\})*\})/gs;
  let last = 0;
  for (const m of text.matchAll(re)) {
    const at = m.index ?? 0;
    if (at > last) out.append(text.slice(last, at));
    const span = el("span", { class: "math" });
    const display = m[1] !== undefined || m[4] !== undefined;
    mathInto(span, m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5], display);
    out.append(span);
    last = at + m[0].length;
  }
  if (last < text.length) out.append(text.slice(last));
  return out;
}

function fmtScore(x: number): string {
  return Number.isFinite(x) ? x.toFixed(2) : "–";
}

function firstLine(raw: string): string {
  const line = raw.split("\n").find((l) => l.trim()) ?? "";
  return line.replace(/^#\s*/, "").slice(0, 100);
}

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

function fromSnapshot(n: TreeNodeSnapshot): DrawnNode {
  return { id: n.id, parent: n.parent, depth: n.depth, status: n.status, score: n.score, visits: n.visits, q: n.q, label: firstLine(n.raw), answer: n.answer };
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

const STATUS_TEXT: Record<NodeStatus, string> = {
  pending: "pending", verified: "verified", failed: "failed", pruned: "pruned", terminal: "answer", invalid: "invalid",
};

/** Draws the tree: depth downwards, leaves left to right, parents centred over their children. */
function renderTree(): void {
  const host = document.getElementById("tree");
  if (!host) return;
  const all = [...nodes.values()];
  if (all.length === 0) {
    host.replaceChildren(el("p", { class: "muted" }, state.view?.state === "running" ? "Waiting for the first steps…" : "No tree."));
    return;
  }
  const children = new Map<number | null, DrawnNode[]>();
  for (const n of all) {
    const p = n.parent !== null && nodes.has(n.parent) ? n.parent : null;
    if (!children.has(p)) children.set(p, []);
    children.get(p)!.push(n);
  }
  const x = new Map<number, number>();
  let leaf = 0;
  const place = (n: DrawnNode): number => {
    const kids = children.get(n.id) ?? [];
    const pos = kids.length === 0 ? leaf++ : kids.map(place).reduce((a, b) => a + b, 0) / kids.length;
    x.set(n.id, pos);
    return pos;
  };
  for (const r of children.get(null) ?? []) place(r);
  const chosen = new Set<number>(state.view?.result?.trajectories[0]?.steps.map((s) => s.id) ?? []);
  const dx = 22;
  const dy = 34;
  const pad = 14;
  const minDepth = Math.min(...all.map((n) => n.depth));
  const maxDepth = Math.max(...all.map((n) => n.depth));
  const width = Math.max(1, leaf) * dx + pad * 2;
  const height = (maxDepth - minDepth) * dy + pad * 2;
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("width", String(width));
  svg.setAttribute("height", String(height));
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  const px = (n: DrawnNode) => pad + (x.get(n.id) ?? 0) * dx + dx / 2;
  const py = (n: DrawnNode) => pad + (n.depth - minDepth) * dy;
  for (const n of all) {
    const p = n.parent !== null ? nodes.get(n.parent) : undefined;
    if (!p) continue;
    const line = document.createElementNS(ns, "line");
    line.setAttribute("x1", String(px(p)));
    line.setAttribute("y1", String(py(p)));
    line.setAttribute("x2", String(px(n)));
    line.setAttribute("y2", String(py(n)));
    line.setAttribute("class", `edge${chosen.has(n.id) ? " chosen" : ""}${n.status === "pruned" || n.status === "failed" ? " dead" : ""}`);
    svg.append(line);
  }
  for (const n of all) {
    const c = document.createElementNS(ns, "circle");
    c.setAttribute("cx", String(px(n)));
    c.setAttribute("cy", String(py(n)));
    c.setAttribute("r", n.parent === null ? "5" : String(4 + Math.min(3, Math.log2(1 + n.visits))));
    c.setAttribute("class", `node s-${n.status}${chosen.has(n.id) ? " chosen" : ""}${state.selected === n.id ? " selected" : ""}`);
    const title = document.createElementNS(ns, "title");
    title.textContent = `${n.label || (n.parent === null ? "problem" : "step")} — ${STATUS_TEXT[n.status]}, PPM ${fmtScore(n.score)}, Q ${fmtScore(n.q)}, visits ${n.visits}${n.answer ? `, answer ${n.answer}` : ""}`;
    c.append(title);
    svg.append(c);
  }
  const legend = el("div", { class: "legend", "aria-hidden": "true" });
  for (const s of ["verified", "failed", "pruned", "terminal", "pending"] as NodeStatus[]) {
    legend.append(el("span", { class: `key s-${s}` }, STATUS_TEXT[s]));
  }
  const counts = `${all.length} nodes · ${all.filter((n) => n.status === "terminal").length} answers · ${all.filter((n) => n.status === "failed" || n.status === "pruned").length} failed or pruned`;
  host.setAttribute("aria-label", `Search tree: ${counts}`);
  host.replaceChildren(el("div", { class: "tree-scroll" }, svg), el("div", { class: "tree-meta" }, counts), legend);
}

/**
 * The final answer with what was checked, how sure the search is, a plain "uncertain" when the rule in
 * src/engine/confidence.ts says so, and a way to a stronger model when the problem looks beyond this one.
 */
function renderVerdict(result: SearchResult): HTMLElement {
  const a = assessResult(result);
  const box = el("section", { class: `verdict${a.uncertain ? " uncertain" : ""}`, id: "verdict", role: "status", "aria-label": "Final answer" });
  const line = el("div", { class: "verdict-answer" }, el("span", { class: "label" }, "Final answer"));
  const math = el("span", { class: "answer-math", id: "verdict-answer", "data-answer": a.answer ?? "" });
  if (a.answer !== undefined) mathInto(math, a.answer);
  else math.textContent = "none";
  line.append(math);
  box.append(line);
  if (a.best) {
    const check = trajectoryCheck(a.best);
    box.append(el("div", { class: `verdict-check ${check.verified ? "ok" : "bad"}`, id: "verdict-check" }, `${check.verified ? "✓" : "✗"} ${check.text}`));
  }
  if (a.answer !== undefined) box.append(el("div", { class: "verdict-sure", id: "verdict-sure" }, `How sure: ${agreementText(a)}`));
  if (a.uncertain) box.append(el("div", { class: "verdict-uncertain", id: "verdict-uncertain" }, `Uncertain: ${a.reasons.join("; ")}.`));
  if (a.beyondModel) {
    box.append(
      el("div", { class: "verdict-beyond", id: "verdict-beyond" },
        el("span", {}, BEYOND_MODEL_TEXT),
        button("Choose a Stronger Model…", () => send({ type: "choose-models" }), { id: "choose-models", aria: "Choose a stronger model (Stepwise: Choose Models…)" }),
      ),
    );
  }
  return box;
}

function renderResult(result: SearchResult): HTMLElement {
  const section = el("section", { class: "result", "aria-label": "Ranked trajectories" });
  section.append(renderVerdict(result));
  if (result.groups.length > 0) {
    const answers = el("div", { class: "answers", role: "list", "aria-label": "Answers by votes" });
    result.groups.slice(0, 6).forEach((g, i) => {
      const math = el("span", { class: "answer-math" });
      mathInto(math, g.answer);
      answers.append(
        el("div", { class: `answer-chip${i === 0 ? " best" : ""}`, role: "listitem", "aria-label": `Answer ${g.answer}, ${g.votes} votes` },
          math, el("span", { class: "votes" }, `${g.votes} vote${g.votes === 1 ? "" : "s"}`)),
      );
    });
    section.append(el("h2", {}, "Answers"), answers);
  }
  section.append(el("h2", {}, `Trajectories (${result.trajectories.length})`));
  if (result.trajectories.length === 0) section.append(el("p", { class: "muted" }, "No finished trajectory."));
  const list = el("div", { class: "trajectories", id: "trajectories" });
  result.trajectories.forEach((t, i) => list.append(renderTrajectory(result, t, i)));
  // Arrow keys move between trajectories; Enter/Space toggles (handled by the component).
  list.addEventListener("keydown", (e) => {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    const items = [...list.querySelectorAll<HTMLElement>(":scope > vscode-collapsible")];
    const at = items.findIndex((x) => x === e.target || x.contains(e.target as Node));
    if (at < 0 || (e.target as HTMLElement).tagName !== "VSCODE-COLLAPSIBLE") return;
    const next = items[at + (e.key === "ArrowDown" ? 1 : -1)];
    if (next) {
      e.preventDefault();
      next.focus();
    }
  });
  section.append(list);
  return section;
}

function renderTrajectory(result: SearchResult, t: Trajectory, i: number): HTMLElement {
  const agree = agreeingWith(result, i);
  const answered = result.trajectories.filter((u) => u.answer !== undefined).length;
  const check = trajectoryCheck(t);
  const heading = `#${i + 1}  ${t.answer !== undefined ? `Answer ${t.answer}` : "No answer"}`;
  const description = `score ${fmtScore(t.score)}${t.answer !== undefined ? ` · ${agree} of ${answered} agree` : ""}`;
  const c = custom("vscode-collapsible", { heading, description, "data-trajectory": String(i), tabindex: "0", "aria-label": `Trajectory ${i + 1}: ${heading}, ${description}, ${check.text}` });
  c.classList.add("trajectory");
  if (i === 0) c.setAttribute("open", "");
  const badge = custom("vscode-badge", { slot: "decorations", variant: t.verified ? "counter" : "default", class: "trajectory-badge" });
  badge.textContent = t.verified ? "✓ verified" : "✗ not verified";
  c.append(badge);

  const body = el("div", { class: "trajectory-body" });
  const summary = el("div", { class: "summary" });
  const ans = el("span", { class: "answer-math final-answer", "data-answer": t.answer ?? "" });
  if (t.answer !== undefined) mathInto(ans, t.answer);
  else ans.textContent = "no answer";
  summary.append(
    el("span", { class: "label" }, "Answer"), ans,
    el("span", { class: "label" }, "Score"), el("span", {}, fmtScore(t.score)),
    el("span", { class: "label" }, "Agree"), el("span", {}, t.answer !== undefined ? `${agree} of ${answered}` : "–"),
    // The trajectory-level check, apart from the per-step ones below.
    el("span", { class: "label" }, "Checked"), el("span", { class: `trajectory-check ${check.verified ? "ok" : "bad"}` }, `${check.verified ? "✓" : "✗"} ${check.text}`),
  );
  body.append(summary);

  const steps = el("ol", { class: "steps", "aria-label": `Steps of trajectory ${i + 1}` });
  t.steps.forEach((s, k) => steps.append(renderStep(t, s, k)));
  body.append(steps);

  const actions = el("div", { class: "actions", role: "toolbar", "aria-label": `Actions for trajectory ${i + 1}` });
  actions.append(
    button("Insert Answer", () => send({ type: "insert", trajectory: i, what: "answer" }), { aria: `Insert the answer of trajectory ${i + 1} into the editor` }),
    button("Insert Solution", () => send({ type: "insert", trajectory: i, what: "solution" }), { secondary: true, aria: `Insert the whole solution of trajectory ${i + 1} into the editor` }),
    button("Copy Answer", () => send({ type: "copy", trajectory: i, what: "answer" }), { secondary: true }),
    button("Copy Solution", () => send({ type: "copy", trajectory: i, what: "solution" }), { secondary: true }),
  );
  body.append(actions);
  c.append(body);
  return c;
}

function renderStep(t: Trajectory, s: TrajectoryStep, k: number): HTMLElement {
  // What was checked for this step: its code ran or failed; for the answer step, whether it is what the code printed.
  const checked = stepCheck(t, k);
  const kind = checked.ok === true ? "ok" : checked.ok === false ? "bad" : "none";
  const li = el("li", { class: `step ${kind}`, "aria-label": `Step ${k + 1}, ${checked.label}` });
  const head = el("div", { class: "step-head" });
  head.append(
    el("span", { class: "step-no" }, `Step ${k + 1}`),
    el("span", { class: `pill pill-${kind}` }, `${checked.ok === true ? "✓" : checked.ok === false ? "✗" : "·"} ${checked.label}`),
    el("span", { class: "metric", title: "Process preference model score" }, `PPM ${fmtScore(s.score)}`),
    el("span", { class: "metric", title: "MCTS value and visit count" }, `Q ${fmtScore(s.q)} · ${s.visits} visit${s.visits === 1 ? "" : "s"}`),
  );
  li.append(head);
  const reasoning = displayReasoning(s.reasoning);
  if (reasoning) li.append(el("div", { class: "reasoning" }, richText(reasoning)));
  // The reasoning above is the code's comments; show the code lines only (the full text is in the tree export).
  const codeText = displayCode(s.code);
  if (codeText) {
    const code = el("code", { class: "hljs language-python" });
    code.innerHTML = hljs.highlight(codeText, { language: "python", ignoreIllegals: true }).value;
    li.append(el("pre", { class: "code", "aria-label": "Python code" }, code));
  }
  if (s.output.trim() || s.error) {
    li.append(
      el("div", { class: "output-label" }, s.error ? "Error" : "Output"),
      el("pre", { class: `output${s.error ? " error" : ""}`, "aria-label": s.error ? "Execution error" : "Execution output" }, s.error ?? s.output.replace(/\s+$/, "")),
    );
  }
  return li;
}

// ---------- start ----------

renderAll();
send({ type: "ready", hasState: state.view !== undefined });
