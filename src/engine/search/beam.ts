// Step-level beam search: every beam is expanded with `expansions` candidates, the candidates are verified
// and scored, finished ones (a \boxed answer) are kept aside, and the `beamWidth` best unfinished steps by
// initial value (PPM score) become the next beams. Stops when `beamWidth` trajectories have finished, no beam is left, or
// `maxDepth` is reached. A node's Q is its score (one visit).

import type { SearchContext } from "./context";
import { q, type SearchTree, type TreeNode } from "./tree";

export async function beamSearch(ctx: SearchContext): Promise<SearchTree> {
  const tree = ctx.newTree(0);
  const { beamWidth, expansions, temperature, maxDepth } = ctx.options;
  let beams: TreeNode[] = [tree.root];
  let finished = 0;
  for (let depth = 1; depth <= maxDepth && beams.length > 0 && finished < beamWidth; depth++) {
    const next: TreeNode[] = [];
    for (const beam of beams) {
      ctx.checkAbort();
      const children = await ctx.expand(tree, beam, { n: expansions, temperature });
      for (const ch of children) {
        if (ch.status === "terminal") finished++;
        else if (ch.status === "verified") next.push(ch);
      }
    }
    // By initial value (the PPM score, or −1 for a step grounding "guide" marks); stable: ties keep generation order.
    next.sort((a, b) => q(b) - q(a));
    for (const cut of next.slice(beamWidth)) {
      cut.status = "pruned";
      ctx.emit({ type: "node-pruned", id: cut.id, reason: "outside the beam" });
    }
    beams = next.slice(0, beamWidth);
    ctx.stats.rolloutsDone++;
    ctx.emit({ type: "rollout-done", rollout: depth, total: maxDepth, stats: ctx.currentStats() });
  }
  return tree;
}
