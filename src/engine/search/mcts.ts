// MCTS at inference, as rStar-Math runs it. One rollout descends from the root by UCT; at an unexpanded
// node it samples `expansions` candidate steps, drops duplicates, verifies each in the sandbox (failures are
// pruned), scores the rest with the PPM (the score is a new node's initial Q, one visit), then keeps going
// down the best new child — there are no random rollouts — until it reaches a terminal. A valid terminal
// (a step with a \boxed answer) backs its value (PPM score, or `run.terminalValue`) up to the root; an
// invalid one (no answer, answer without a box, too deep, empty) and a step whose code fails get −1 on
// themselves only; failed steps are pruned, never selected.
// Widening (`widen`), where this differs from the paper: a small policy often writes the same step in every
// candidate, so a node keeps one child and every later rollout walks the same path to the same terminal,
// learning nothing and generating nothing. A rollout that finds nothing new (it would only revisit a
// terminal, or nothing in the tree is open) instead expands again the shallowest node on its path that has
// been expanded again fewer than `widen` times, and goes on down the best of the new children. A node whose
// expansion again brought only steps it already had is not expanded again.
// Without a reward model every score is 0, so selection falls back to visit counts and order.

import { plannedProgress } from "../knobs";
import type { SearchContext } from "./context";
import { q, type SearchTree, type TreeNode } from "./tree";
import { isOpen, selectChild } from "./uct";

/** Grows one tree with `options.rollouts` rollouts. Throws `SearchCancelled` when the signal fires. */
export async function mctsSearch(ctx: SearchContext, source: number): Promise<SearchTree> {
  const tree = ctx.newTree(source);
  const { rollouts } = ctx.options;
  // Progress counts the rollouts of every search: search `source` covers units source·rollouts + 1 onwards.
  const total = plannedProgress(ctx.options);
  for (let r = 0; r < rollouts; r++) {
    ctx.checkAbort();
    const progressed = await rollout(ctx, tree);
    if (!progressed) break; // nothing left open in this tree, and nothing left to widen
    ctx.stats.rolloutsDone++;
    ctx.emit({ type: "rollout-done", rollout: source * rollouts + r + 1, total, stats: ctx.currentStats() });
  }
  return tree;
}

/** One rollout; false when the tree has nothing left to explore. */
async function rollout(ctx: SearchContext, tree: SearchTree): Promise<boolean> {
  const { expansions: n, temperature, c } = ctx.options;
  let node: TreeNode = tree.root;
  const path: TreeNode[] = [];
  const created = new Set<TreeNode>();
  for (;;) {
    path.push(node);
    if (!node.expanded) {
      const children = await ctx.expand(tree, node, { n, temperature, backupTerminals: true });
      children.forEach((ch) => created.add(ch));
      // Every candidate failed or was invalid: each holds its −1; this node has nothing open below it.
      if (!children.some(isOpen)) return true;
    }
    const child = selectChild(node, c);
    if (!child || (child.status === "terminal" && !created.has(child))) {
      // Nothing new down this path: widen it where it may still be widened.
      const next = await widen(ctx, tree, path);
      if (next === "nothing") {
        if (!child) return node !== tree.root;
        // A terminal reached again by selection is backed up again (a new one already was).
        ctx.emit({ type: "node-selected", id: child.id });
        await ctx.backupTerminal(child, false);
        return true;
      }
      if (next === "done") return true;
      ctx.emit({ type: "node-selected", id: next.id });
      path.length = path.indexOf(next.parent!) + 1;
      node = next;
      continue;
    }
    ctx.emit({ type: "node-selected", id: child.id });
    if (child.status === "terminal") return true;
    node = child;
  }
}

/**
 * Expands again the shallowest node of `path` that may still widen. "nothing": none may; "done": it gave no
 * new step to go on from (new terminals were backed up, failures hold their −1); else the best new step.
 */
async function widen(ctx: SearchContext, tree: SearchTree, path: readonly TreeNode[]): Promise<"nothing" | "done" | TreeNode> {
  const { expansions: n, temperature, widen: times } = ctx.options;
  const node = path.find((p) => p.status === "verified" && p.widened < times);
  if (!node) return "nothing";
  node.widened++;
  const fresh = await ctx.expand(tree, node, { n, temperature, backupTerminals: true });
  // Only steps it had already written: the policy is sure here, and sampling it again would waste tokens.
  if (fresh.length === 0) node.widened = times;
  let best: TreeNode | undefined;
  for (const ch of fresh) if (ch.status === "verified" && (!best || q(ch) > q(best))) best = ch;
  return best ?? "done";
}
