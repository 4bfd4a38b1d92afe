// The search defaults and their checks, read from the knob table (src/engine/knobs.ts) so that the engine,
// the CLI and the extension agree on every default and range.

import { AGGREGATES, DEFAULT_STRATEGY, GROUNDINGS, knobDefault, knobProblem, SEARCH_KNOBS, STRATEGIES, VOTES } from "../knobs";
import type { SearchOptions, StrategyName } from "../types";

/** Bad search options, with a message that names the option and the accepted range. */
export class SearchOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SearchOptionsError";
  }
}

/**
 * The defaults for a strategy (default "mcts"): every knob's default from `SEARCH_KNOBS` (rollouts 8,
 * expansions 8, c 2, widen 3, maxDepth 16, searches 1, voteTopK 8 — 0, i.e. all samples, for self-consistency and
 * best-of-n —, temperature 1.0 — greedy: 0 —, topP 0.95, maxStepTokens 256, seed 0, beamWidth 4, samples 16,
 * stepTimeoutMs 5000, maxOutputChars 1024), aggregate "last"; vote "majority" for mcts and self-consistency,
 * "best" otherwise; grounding "guide".
 */
export function defaultSearchOptions(strategy: StrategyName = DEFAULT_STRATEGY): SearchOptions {
  if (!STRATEGIES.includes(strategy)) {
    throw new SearchOptionsError(`Unknown strategy '${String(strategy)}'; use one of ${STRATEGIES.join(", ")}.`);
  }
  const numbers = Object.fromEntries(SEARCH_KNOBS.map((k) => [k.key, knobDefault(k, strategy)]));
  return {
    ...(numbers as Pick<SearchOptions, (typeof SEARCH_KNOBS)[number]["key"]>),
    strategy,
    aggregate: "last",
    vote: strategy === "mcts" || strategy === "self-consistency" ? "majority" : "best",
    grounding: GROUNDINGS[0],
  };
}

/** Defaults for `partial.strategy`, overridden by the defined fields of `partial`, then checked. */
export function resolveSearchOptions(partial: Partial<SearchOptions> = {}): SearchOptions {
  const base = defaultSearchOptions(partial.strategy ?? DEFAULT_STRATEGY);
  const o: SearchOptions = { ...base };
  for (const [k, v] of Object.entries(partial)) {
    if (v !== undefined) (o as unknown as Record<string, unknown>)[k] = v;
  }
  for (const k of SEARCH_KNOBS) {
    const problem = knobProblem(k, o[k.key]);
    if (problem) throw new SearchOptionsError(`${k.key} must be ${problem}; got ${String(o[k.key])}.`);
  }
  if (!AGGREGATES.includes(o.aggregate)) {
    throw new SearchOptionsError(`aggregate must be ${AGGREGATES.join(", ")}; got '${String(o.aggregate)}'.`);
  }
  if (o.vote !== undefined && !VOTES.includes(o.vote)) {
    throw new SearchOptionsError(`vote must be ${VOTES.join(", ")}; got '${String(o.vote)}'.`);
  }
  if (o.grounding !== undefined && !GROUNDINGS.includes(o.grounding)) {
    throw new SearchOptionsError(`grounding must be ${GROUNDINGS.join(", ")}; got '${String(o.grounding)}'.`);
  }
  return o;
}
