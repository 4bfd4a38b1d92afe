// MCTS at inference, as rStar-Math runs it. One rollout descends from the root by UCT; at an unexpanded
// node it samples `expansions` candidate steps, drops duplicates, verifies each in the sandbox (failures are
// pruned), scores the rest with the PPM (the score is a new node's initial Q, one visit), then keeps going
// down the best new child — there are no random rollouts — until it reaches a terminal. A valid terminal
// (a step with a \boxed answer) backs its value (PPM score, or `run.terminalValue`) up to the root; an
// invalid one (no answer, answer without a box, too deep, empty) and a step whose code fails get −1 on
// themselves only; failed steps are pruned, never selected.
// Without a reward model every score is 0, so selection falls back to visit counts and order.

import { plannedProgress } from "../knobs";
import type { SearchContext } from "./context";
import type { SearchTree, TreeNode } from "./tree";
import { selectChild } from "./uct";

/** Grows one tree with `options.rollouts` rollouts. Throws `SearchCancelled` when the signal fires. */
export async function mctsSearch(ctx: SearchContext, source: number): Promise<SearchTree> {
  const tree = ctx.newTree(source);
  const { rollouts, expansions, temperature, c } = ctx.options;
  // Progress counts the rollouts of every search: search `source` covers units source·rollouts + 1 onwards.
  const total = plannedProgress(ctx.options);
  for (let r = 0; r < rollouts; r++) {
    ctx.checkAbort();
    const progressed = await rollout(ctx, tree, expansions, temperature, c);
    if (!progressed) break; // nothing left open in this tree
    ctx.stats.rolloutsDone++;
    ctx.emit({ type: "rollout-done", rollout: source * rollouts + r + 1, total, stats: ctx.currentStats() });
  }
  return tree;
}

/** One rollout; false when the tree has nothing left to explore. */
async function rollout(ctx: SearchContext, tree: SearchTree, n: number, temperature: number, c: number): Promise<boolean> {
  let node: TreeNode = tree.root;
  const created = new Set<TreeNode>();
  for (;;) {
    if (!node.expanded) {
      const children = await ctx.expand(tree, node, { n, temperature, backupTerminals: true });
      children.forEach((ch) => created.add(ch));
      // Every candidate failed or was invalid: each holds its −1; this node has nothing open below it.
      if (!children.some((ch) => ch.status === "verified" || ch.status === "terminal")) return true;
    }
    const child = selectChild(node, c);
    if (!child) return node !== tree.root;
    ctx.emit({ type: "node-selected", id: child.id });
    if (child.status === "terminal") {
      // A terminal reached again by selection is backed up again; a new one already was.
      if (!created.has(child)) await ctx.backupTerminal(child, false);
      return true;
    }
    node = child;
  }
}
