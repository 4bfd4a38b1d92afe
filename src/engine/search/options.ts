// The search defaults, in one place. They follow rStar-Math's evaluation settings, scaled down where the
// paper's values are too slow for a laptop (its values are noted in types.ts).

import type { SearchOptions, StrategyName } from "../types";

/** Bad search options, with a message that names the option and the accepted range. */
export class SearchOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SearchOptionsError";
  }
}

const STRATEGIES: readonly StrategyName[] = ["mcts", "beam", "best-of-n", "self-consistency", "greedy"];

/**
 * The defaults for a strategy (default "mcts"): rollouts 8, expansions 8, c 2, maxDepth 16, searches 1,
 * voteTopK 8, temperature 1.0 (greedy: 0), topP 0.95, maxStepTokens 256, seed 0, beamWidth 4, samples 16,
 * stepTimeoutMs 5000, maxOutputChars 1024, aggregate "last"; vote "majority" for mcts and
 * self-consistency, "best" otherwise; voteTopK 0 (= all samples) for self-consistency and best-of-n.
 */
export function defaultSearchOptions(strategy: StrategyName = "mcts"): SearchOptions {
  if (!STRATEGIES.includes(strategy)) {
    throw new SearchOptionsError(`Unknown strategy '${String(strategy)}'; use one of ${STRATEGIES.join(", ")}.`);
  }
  const sampling = strategy === "self-consistency" || strategy === "best-of-n";
  return {
    strategy,
    rollouts: 8,
    expansions: 8,
    c: 2,
    maxDepth: 16,
    searches: 1,
    voteTopK: sampling ? 0 : 8,
    temperature: strategy === "greedy" ? 0 : 1.0,
    topP: 0.95,
    maxStepTokens: 256,
    seed: 0,
    beamWidth: 4,
    samples: 16,
    stepTimeoutMs: 5000,
    maxOutputChars: 1024,
    aggregate: "last",
    vote: strategy === "mcts" || strategy === "self-consistency" ? "majority" : "best",
  };
}

type IntKey = "rollouts" | "expansions" | "maxDepth" | "searches" | "beamWidth" | "samples" | "maxStepTokens";

/** Defaults for `partial.strategy`, overridden by the defined fields of `partial`, then checked. */
export function resolveSearchOptions(partial: Partial<SearchOptions> = {}): SearchOptions {
  const base = defaultSearchOptions(partial.strategy ?? "mcts");
  const o: SearchOptions = { ...base };
  for (const [k, v] of Object.entries(partial)) {
    if (v !== undefined) (o as unknown as Record<string, unknown>)[k] = v;
  }
  const ints: IntKey[] = ["rollouts", "expansions", "maxDepth", "searches", "beamWidth", "samples", "maxStepTokens"];
  for (const k of ints) {
    if (!Number.isInteger(o[k]) || o[k] < 1) throw new SearchOptionsError(`${k} must be a whole number ≥ 1; got ${o[k]}.`);
  }
  if (!Number.isInteger(o.voteTopK) || o.voteTopK < 0) {
    throw new SearchOptionsError(`voteTopK must be a whole number ≥ 0 (0 = all); got ${o.voteTopK}.`);
  }
  if (!(o.temperature >= 0 && o.temperature <= 5)) throw new SearchOptionsError(`temperature must be in [0, 5]; got ${o.temperature}.`);
  if (!(o.topP > 0 && o.topP <= 1)) throw new SearchOptionsError(`topP must be in (0, 1]; got ${o.topP}.`);
  if (!(o.c >= 0 && Number.isFinite(o.c))) throw new SearchOptionsError(`c must be a finite number ≥ 0; got ${o.c}.`);
  if (!Number.isInteger(o.seed)) throw new SearchOptionsError(`seed must be a whole number; got ${o.seed}.`);
  if (!(o.stepTimeoutMs > 0)) throw new SearchOptionsError(`stepTimeoutMs must be > 0; got ${o.stepTimeoutMs}.`);
  if (!Number.isInteger(o.maxOutputChars) || o.maxOutputChars < 0) {
    throw new SearchOptionsError(`maxOutputChars must be a whole number ≥ 0; got ${o.maxOutputChars}.`);
  }
  if (!["last", "min", "mean", "product"].includes(o.aggregate)) {
    throw new SearchOptionsError(`aggregate must be last, min, mean or product; got '${String(o.aggregate)}'.`);
  }
  if (o.vote !== undefined && !["majority", "weighted", "best"].includes(o.vote)) {
    throw new SearchOptionsError(`vote must be majority, weighted or best; got '${String(o.vote)}'.`);
  }
  return o;
}
