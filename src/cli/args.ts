// Option definitions shared by the subcommands, and their conversion into engine options.
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { SearchOptions, StrategyName } from "../engine/types";
import { CliError } from "./errors";

type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

/** Options that choose and size a search (solve, bench, export). */
export const SEARCH_OPTIONS = {
  strategy: { type: "string", short: "s" },
  rollouts: { type: "string" },
  expansions: { type: "string", short: "n" },
  searches: { type: "string" },
  samples: { type: "string" },
  "beam-width": { type: "string" },
  "max-depth": { type: "string" },
  temperature: { type: "string" },
  "top-p": { type: "string" },
  "max-step-tokens": { type: "string" },
  seed: { type: "string" },
  "step-timeout": { type: "string" },
  aggregate: { type: "string" },
} satisfies OptionSpec;

/** Options that choose the models and the machine resources. */
export const MODEL_OPTIONS = {
  policy: { type: "string" },
  reward: { type: "string" },
  threads: { type: "string" },
  "context-size": { type: "string" },
  "prompt-style": { type: "string" },
  "sandbox-workers": { type: "string" },
  endpoint: { type: "string", multiple: true },
  "reward-endpoint": { type: "string", multiple: true },
  "reward-format": { type: "string" },
  "api-key-env": { type: "string" },
} satisfies OptionSpec;

/** Options of the commands that read a file of problems (bench, export). */
export const DATASET_OPTIONS = {
  limit: { type: "string" },
  offset: { type: "string" },
  "question-field": { type: "string" },
  "answer-field": { type: "string" },
} satisfies OptionSpec;

/** Every search command takes these. */
export const COMMON_OPTIONS = {
  quiet: { type: "boolean", short: "q" },
  help: { type: "boolean", short: "h" },
} satisfies OptionSpec;

export const STRATEGIES: readonly StrategyName[] = ["mcts", "beam", "best-of-n", "self-consistency", "greedy"];

export interface Parsed {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** Parses argv strictly; unknown flags are a usage error that names the flag. */
export function parse(argv: string[], options: OptionSpec): Parsed {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: values as Parsed["values"], positionals };
  } catch (err) {
    throw new CliError(`${(err as Error).message.replace(/\. To specify a positional.*$/s, "")}. Run 'stepwise --help'.`);
  }
}

export function str(values: Parsed["values"], name: string): string | undefined {
  const v = values[name];
  return typeof v === "string" ? v : undefined;
}

/** A numeric option: must parse fully and lie within [min, max]. */
export function num(
  values: Parsed["values"],
  name: string,
  { min = -Infinity, max = Infinity, integer = false }: { min?: number; max?: number; integer?: boolean } = {},
): number | undefined {
  const raw = str(values, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min || n > max) {
    const kind = integer ? "an integer" : "a number";
    throw new CliError(`--${name} must be ${kind} between ${min} and ${max}; got '${raw}'.`);
  }
  return n;
}

/** The engine options the flags ask for; unset flags stay unset so the engine's defaults apply. */
export function searchOptionsFrom(values: Parsed["values"], fallbackStrategy: StrategyName = "mcts"): Partial<SearchOptions> {
  const strategy = (str(values, "strategy") ?? fallbackStrategy) as StrategyName;
  if (!STRATEGIES.includes(strategy)) {
    throw new CliError(`Unknown strategy '${strategy}'. Choose one of: ${STRATEGIES.join(", ")}.`);
  }
  const aggregate = str(values, "aggregate");
  if (aggregate !== undefined && !["last", "min", "mean", "product"].includes(aggregate)) {
    throw new CliError(`--aggregate must be last, min, mean or product; got '${aggregate}'.`);
  }
  const opts: Partial<SearchOptions> = { strategy };
  const set = <K extends keyof SearchOptions>(key: K, value: SearchOptions[K] | undefined) => {
    if (value !== undefined) opts[key] = value;
  };
  set("rollouts", num(values, "rollouts", { min: 1, max: 10_000, integer: true }));
  set("expansions", num(values, "expansions", { min: 1, max: 256, integer: true }));
  set("searches", num(values, "searches", { min: 1, max: 1024, integer: true }));
  set("samples", num(values, "samples", { min: 1, max: 1024, integer: true }));
  set("beamWidth", num(values, "beam-width", { min: 1, max: 256, integer: true }));
  set("maxDepth", num(values, "max-depth", { min: 1, max: 64, integer: true }));
  set("temperature", num(values, "temperature", { min: 0, max: 5 }));
  set("topP", num(values, "top-p", { min: 0, max: 1 }));
  set("maxStepTokens", num(values, "max-step-tokens", { min: 1, max: 8192, integer: true }));
  set("seed", num(values, "seed", { min: 0, max: 2 ** 31 - 1, integer: true }));
  set("stepTimeoutMs", num(values, "step-timeout", { min: 10, max: 600_000, integer: true }));
  set("aggregate", aggregate as SearchOptions["aggregate"] | undefined);
  return opts;
}
