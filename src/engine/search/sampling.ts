// Strategies made of independent complete samples, grown step by step in one tree whose root children
// are the samples' first steps: greedy (one sample at temperature 0), self-consistency (N samples, majority
// vote) and best-of-N (N samples, the best PPM aggregate wins). No duplicate removal: repeated samples are
// votes. A sample ends at an answer, a failed step or `maxDepth`. With a reward model each finished sample
// is scored in one call over all its steps.

import type { SearchContext } from "./context";
import type { SearchTree, TreeNode } from "./tree";

export interface SamplingOptions {
  samples: number;
  temperature: number;
}

export async function sampleSearch(ctx: SearchContext, opts: SamplingOptions): Promise<SearchTree> {
  const tree = ctx.newTree(0);
  // The first step of every sample comes from one call.
  const first = await ctx.expand(tree, tree.root, { n: opts.samples, temperature: opts.temperature, dedupe: false, score: false });
  let done = 0;
  for (const start of first) {
    let node: TreeNode = start;
    while (node.status === "verified") {
      ctx.checkAbort();
      const [next] = await ctx.expand(tree, node, { n: 1, temperature: opts.temperature, dedupe: false, score: false });
      if (!next) break;
      node = next;
    }
    if (node.status === "terminal" || node.status === "invalid") await ctx.scorePath(node);
    // A scored sample's nodes hold their scores as Q (one visit), like beam search.
    for (let n: TreeNode | null = node; n && n.parent; n = n.parent) {
      if (n.status !== "failed" && n.visits <= 1 && !Number.isNaN(n.score)) {
        n.valueSum = n.status === "invalid" ? -1 : n.score;
        n.visits = 1;
        n.localVisits = 1;
      }
    }
    done++;
    ctx.stats.rolloutsDone++;
    ctx.emit({ type: "rollout-done", rollout: done, total: first.length, stats: ctx.currentStats() });
  }
  return tree;
}
