// The search knobs, written once: every numeric search option's default, range, unit and description, the
// strategy list and the names of the other choices. `resolveSearchOptions` checks options against this
// table; the CLI builds its flags and help from it; the extension reads its settings with its defaults and
// bounds; package.json's `contributes.configuration` must agree with it (test/engine/knobs.test.ts).

import type { SearchOptions, StrategyName } from "./types";

/** Every strategy, in the order menus show them. */
export const STRATEGIES: readonly StrategyName[] = ["mcts", "beam", "best-of-n", "self-consistency", "greedy"];

export const DEFAULT_STRATEGY: StrategyName = "mcts";

/** One line per strategy (the settings' enum descriptions and the CLI's help). */
export const STRATEGY_DESCRIPTIONS: Readonly<Record<StrategyName, string>> = {
  mcts: "Monte Carlo Tree Search guided by the reward model (rStar-Math)",
  beam: "Beam search over steps, keeping the best-scored partial solutions",
  "best-of-n": "Sample complete solutions and keep the best-scored one",
  "self-consistency": "Sample complete solutions and take the majority answer",
  greedy: "One greedy solution (fastest)",
};

export const AGGREGATES: readonly SearchOptions["aggregate"][] = ["last", "min", "mean", "product"];
export const VOTES: readonly NonNullable<SearchOptions["vote"]>[] = ["majority", "weighted", "best"];

/** How grounding enters the ranking, the default first (the setting's enum and the CLI's --grounding). */
export const GROUNDINGS: readonly NonNullable<SearchOptions["grounding"]>[] = ["guide", "prefer", "off"];

/** One line per grounding choice (the setting's enum descriptions and the CLI's help). */
export const GROUNDING_DESCRIPTIONS: Readonly<Record<NonNullable<SearchOptions["grounding"]>, string>> = {
  guide: "As prefer, and tree searches give a step that writes a number from nowhere the value of a failed step",
  prefer: "When some trajectory's numbers all come from the problem or earlier steps, only such trajectories vote, and of them only those that leave the fewest of the problem's numbers unused",
  off: "Every verified trajectory votes; numbers from nowhere and unused numbers are shown but do not change the ranking",
};

/** The numeric fields of `SearchOptions`. */
export type NumericKnobKey = {
  [K in keyof SearchOptions]-?: SearchOptions[K] extends number ? K : never;
}[keyof SearchOptions];

export interface Knob {
  key: NumericKnobKey;
  /** One sentence, shown as the setting's description and in the CLI's help. */
  description: string;
  /** The default for every strategy, except those named in `strategyDefaults`. */
  default: number;
  /** Where a strategy needs another default, and only there (greedy samples at temperature 0). */
  strategyDefaults?: Partial<Record<StrategyName, number>>;
  /** Smallest and largest accepted values, inclusive. */
  min: number;
  max: number;
  integer: boolean;
  /** Unit of the value, when it has one. */
  unit?: "ms" | "tokens" | "characters";
  /** The CLI flag (without `--`); absent when the option is not a flag. */
  flag?: string;
  /** One-letter CLI alias. */
  short?: string;
  /** The VS Code setting (without `stepwise.`); absent when the option is not a setting. */
  setting?: string;
}

/**
 * Every numeric search option. The defaults follow rStar-Math's cheaper evaluation setting scaled to a
 * laptop: the paper evaluates with 16 rollouts of 32 candidates and 64 searches, its cheaper runs use 8
 * rollouts of 16. The CLI and the extension use these same defaults.
 */
export const SEARCH_KNOBS: readonly Knob[] = [
  { key: "rollouts", flag: "rollouts", setting: "search.rollouts", default: 8, min: 1, max: 10_000, integer: true,
    description: "MCTS rollouts per search; more rollouts explore more steps and take longer." },
  { key: "expansions", flag: "expansions", short: "n", setting: "search.expansions", default: 8, min: 1, max: 256, integer: true,
    description: "Candidate steps the policy proposes each time a node is expanded (MCTS and beam search)." },
  { key: "searches", flag: "searches", setting: "search.searches", default: 1, min: 1, max: 1024, integer: true,
    description: "Independent MCTS runs whose best trajectories vote on the final answer." },
  { key: "samples", flag: "samples", setting: "search.samples", default: 16, min: 1, max: 1024, integer: true,
    description: "Complete solutions sampled by best-of-n and self-consistency." },
  { key: "beamWidth", flag: "beam-width", setting: "search.beamWidth", default: 4, min: 1, max: 256, integer: true,
    description: "Partial solutions kept per level by beam search." },
  { key: "maxDepth", flag: "max-depth", setting: "search.maxDepth", default: 16, min: 1, max: 64, integer: true,
    description: "Most steps in one solution." },
  { key: "temperature", flag: "temperature", setting: "search.temperature", default: 1, strategyDefaults: { greedy: 0 }, min: 0, max: 2, integer: false,
    description: "Sampling temperature of the policy model (greedy always uses 0)." },
  { key: "topP", flag: "top-p", default: 0.95, min: 0.01, max: 1, integer: false,
    description: "Nucleus sampling: the smallest set of tokens whose probabilities add up to this." },
  { key: "maxStepTokens", flag: "max-step-tokens", default: 256, min: 1, max: 8192, integer: true, unit: "tokens",
    description: "Most tokens the policy may generate for one step." },
  { key: "seed", flag: "seed", default: 0, min: 0, max: 2 ** 31 - 1, integer: true,
    description: "Base seed of the sampling; candidate i of a call uses seed + i." },
  { key: "stepTimeoutMs", flag: "step-timeout", setting: "sandbox.timeoutMs", default: 5000, min: 100, max: 600_000, integer: true, unit: "ms",
    description: "Time limit in milliseconds for running one step's Python code, and for each symbolic answer comparison, in the sandbox." },
  { key: "c", default: 2, min: 0, max: 100, integer: false,
    description: "UCT exploration constant." },
  { key: "widen", flag: "widen", setting: "search.widen", default: 3, min: 0, max: 64, integer: true,
    description: "MCTS: how many more times one step may be expanded when a rollout finds nothing new below it (the policy wrote the same candidates again); 0 expands each step once, as rStar-Math does." },
  { key: "voteTopK", default: 8, strategyDefaults: { "self-consistency": 0, "best-of-n": 0 }, min: 0, max: 100_000, integer: true,
    description: "Top trajectories by score that enter the final vote; 0 means all." },
  { key: "maxOutputChars", default: 1024, min: 0, max: 1_000_000, integer: true, unit: "characters",
    description: "Characters of execution output kept per step (rStar-Math keeps 1,024)." },
];

/** The knob of one option. */
export function knob(key: NumericKnobKey): Knob {
  const k = SEARCH_KNOBS.find((x) => x.key === key);
  if (!k) throw new Error(`no knob ${key}`);
  return k;
}

/** A knob's default for a strategy. */
export function knobDefault(k: Knob, strategy: StrategyName = DEFAULT_STRATEGY): number {
  return k.strategyDefaults?.[strategy] ?? k.default;
}

/** Why `value` is not acceptable for the knob, or undefined when it is. */
export function knobProblem(k: Knob, value: unknown): string | undefined {
  const ok = typeof value === "number" && Number.isFinite(value) && (!k.integer || Number.isInteger(value)) && value >= k.min && value <= k.max;
  if (ok) return undefined;
  return `${k.integer ? "a whole number" : "a number"} ≥ ${k.min} and ≤ ${k.max}`;
}

/** The knob's value clamped into its range (for settings, where a bad value must not stop the extension). */
export function clampKnob(k: Knob, value: unknown, strategy: StrategyName = DEFAULT_STRATEGY): number {
  if (typeof value !== "number" || !Number.isFinite(value)) return knobDefault(k, strategy);
  const v = k.integer ? Math.round(value) : value;
  return Math.min(k.max, Math.max(k.min, v));
}

/**
 * How many units of progress a search reports in its `rollout-done` events, all searches together:
 * rollouts × searches for MCTS, levels (at most `maxDepth`) for beam search, samples for best-of-n and
 * self-consistency, one for greedy.
 */
export function plannedProgress(o: Pick<SearchOptions, "strategy" | "rollouts" | "searches" | "maxDepth" | "samples">): number {
  switch (o.strategy) {
    case "mcts":
      return o.rollouts * o.searches;
    case "beam":
      return o.maxDepth;
    case "best-of-n":
    case "self-consistency":
      return o.samples;
    default:
      return 1;
  }
}
