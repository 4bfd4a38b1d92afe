// The entry point: pick the strategy, run it, rank what it found, report. Cancellation through
// `run.signal` never throws: the result holds what was found so far, with `cancelled: true`.

import type { Policy, SearchOptions, SearchParts, SearchResult, SearchRunOptions } from "../types";
import { beamSearch } from "./beam";
import { SearchCancelled, SearchContext } from "./context";
import { mctsSearch } from "./mcts";
import { resolveSearchOptions } from "./options";
import { rankTrees } from "./rank";
import { sampleSearch } from "./sampling";
import { snapshot } from "./tree";

/** An empty problem, or parts that cannot run a search. */
export class SearchInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SearchInputError";
  }
}

/**
 * Solve `problem` with the strategy in `options` (default MCTS with `defaultSearchOptions()`), reporting the
 * growing tree through `run.onEvent`. Without `parts.reward` every PPM score is 0: MCTS then explores by
 * visit counts, votes are plain majorities and best-of-N keeps the first answered sample. Throws `SearchOptionsError`/`SearchInputError` for bad input and
 * whatever a part throws for a real failure; never throws on cancellation.
 */
export async function runSearch(
  problem: string,
  parts: SearchParts,
  options: Partial<SearchOptions> = {},
  run: SearchRunOptions = {},
): Promise<SearchResult> {
  if (problem.trim().length === 0) throw new SearchInputError("The problem is empty; give the text of a math problem.");
  if (!parts?.policy || !parts.sandbox) throw new SearchInputError("A search needs a policy and a sandbox.");
  const opts = resolveSearchOptions(options);
  const ctx = new SearchContext(problem, parts, opts, run);
  let cancelled = false;
  try {
    await runStrategy(ctx);
  } catch (e) {
    if (!(e instanceof SearchCancelled)) throw e;
    cancelled = true;
    // Best effort: a cancelled search should not leave cached state behind, and must not throw.
    for (const part of cachingParts(parts)) await part?.reset?.().catch(() => undefined);
  }
  // Grouping may consult the sandbox; after cancellation only the plain rules are used.
  const ranking = await rankTrees(ctx.trees, {
    problem,
    options: opts,
    sandbox: cancelled ? undefined : parts.sandbox,
    signal: run.signal,
  });
  const result: SearchResult = {
    problem,
    strategy: opts.strategy,
    options: opts,
    trajectories: ranking.trajectories,
    groups: ranking.groups,
    answer: ranking.answer,
    cancelled: cancelled || run.signal?.aborted === true,
    tree: ctx.trees.flatMap((t) => t.nodes.map(snapshot)),
    stats: ctx.currentStats(),
  };
  ctx.emit({ type: "finished", result });
  return result;
}

async function runStrategy(ctx: SearchContext): Promise<void> {
  const o = ctx.options;
  switch (o.strategy) {
    case "mcts":
      for (let s = 0; s < o.searches; s++) {
        await mctsSearch(ctx, s);
        await forget(ctx);
      }
      return;
    case "beam":
      await beamSearch(ctx);
      break;
    case "greedy":
      await sampleSearch(ctx, { samples: 1, temperature: 0 });
      break;
    case "self-consistency":
    case "best-of-n":
      await sampleSearch(ctx, { samples: o.samples, temperature: o.temperature });
      break;
  }
  await forget(ctx);
}

/**
 * Empties the parts' caches after a search (each of several MCTS searches too), so that the next search starts
 * from nothing: how a model's batches are split changes its logits in the last bits, so a cache left by an
 * earlier problem could change this one's samples, and a search would depend on what ran before it.
 */
async function forget(ctx: SearchContext): Promise<void> {
  for (const part of cachingParts(ctx.parts)) await ctx.call(async () => part?.reset?.());
}

/** The parts that may cache state between calls: every reset after a search, or after a cancel, goes through this list. */
function cachingParts(parts: SearchParts): Array<Pick<Policy, "reset"> | undefined> {
  return [parts.policy, parts.reward];
}
