// The search tree as an SVG drawing: depth downwards, leaves left to right, parents over their children.
import type { NodeStatus, TreeNodeSnapshot } from "../src/engine/types";
import { el, fmtScore, firstLine } from "./dom";

export /** A tree node as the panel draws it. */
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

/** What the drawing needs from the panel's state. */
export interface TreeView {
  /** A search is running (an empty tree is "waiting", not "no tree"). */
  running: boolean;
  /** Node ids of the best trajectory, drawn as the chosen path. */
  chosen: number[];
  /** Node most recently selected by the search (drawn with a ring). */
  selected?: number;
}

export function fromSnapshot(n: TreeNodeSnapshot): DrawnNode {
  return { id: n.id, parent: n.parent, depth: n.depth, status: n.status, score: n.score, visits: n.visits, q: n.q, label: firstLine(n.raw), answer: n.answer };
}

const STATUS_TEXT: Record<NodeStatus, string> = {
  pending: "pending", verified: "verified", failed: "failed", pruned: "pruned", terminal: "answer", invalid: "invalid",
};

/** Draws the tree: depth downwards, leaves left to right, parents centred over their children. */
export function renderTree(host: HTMLElement, nodes: Map<number, DrawnNode>, view: TreeView): void {
  const all = [...nodes.values()];
  if (all.length === 0) {
    host.replaceChildren(el("p", { class: "muted" }, view.running ? "Waiting for the first steps…" : "No tree."));
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
  const chosen = new Set<number>(view.chosen);
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
    c.setAttribute("class", `node s-${n.status}${chosen.has(n.id) ? " chosen" : ""}${view.selected === n.id ? " selected" : ""}`);
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
