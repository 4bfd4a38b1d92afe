// Option definitions shared by the subcommands, and their conversion into engine options. The search flags,
// their ranges and their help lines come from the engine's knob table.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { AGGREGATES, DEFAULT_STRATEGY, GROUNDINGS, knobDefault, knobProblem, SEARCH_KNOBS, STRATEGIES, type Knob } from "../engine/knobs";
import type { SearchOptions, StrategyName } from "../engine/types";
import { CliError } from "./errors";

type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

const FLAG_KNOBS = SEARCH_KNOBS.filter((k): k is Knob & { flag: string } => k.flag !== undefined);

/** Options that choose and size a search (solve, bench, export): the strategy, every knob with a flag, the aggregate. */
export const SEARCH_OPTIONS: OptionSpec = {
  strategy: { type: "string", short: "s" },
  ...Object.fromEntries(FLAG_KNOBS.map((k) => [k.flag, k.short ? { type: "string", short: k.short } : { type: "string" }])),
  aggregate: { type: "string" },
  grounding: { type: "string" },
};

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

/** The part of a problem list that --offset and --limit (DATASET_OPTIONS) select. */
export function selectByFlags<T>(values: Parsed["values"], all: readonly T[]): T[] {
  const offset = num(values, "offset", { min: 0, integer: true }) ?? 0;
  const limit = num(values, "limit", { min: 1, integer: true }) ?? all.length;
  return all.slice(offset, offset + limit);
}

/** Every search command takes these. */
export const COMMON_OPTIONS = {
  quiet: { type: "boolean", short: "q" },
  help: { type: "boolean", short: "h" },
} satisfies OptionSpec;

/** The "Search:" section of the help of every search command, written from the knob table. */
export function searchHelp(defaultStrategy: StrategyName = DEFAULT_STRATEGY): string {
  const lines: Array<[string, string]> = [
    ["-s, --strategy NAME", `${STRATEGIES.map((s) => (s === defaultStrategy ? `${s} (default)` : s)).join(", ")}`],
  ];
  for (const k of FLAG_KNOBS) {
    const meta = k.unit === "ms" ? "MS" : k.integer ? "N" : "X";
    const other = Object.entries(k.strategyDefaults ?? {}).map(([s, v]) => `; ${s} ${v}`).join("");
    const d = knobDefault(k, defaultStrategy);
    lines.push([`${k.short ? `-${k.short}, ` : "    "}--${k.flag} ${meta}`, `${k.description.replace(/\.$/, "")} (default ${d}${other}; ${k.min}–${k.max})`]);
  }
  lines.push(["    --aggregate HOW", `trajectory score: ${AGGREGATES.map((a, i) => (i === 0 ? `${a} (default)` : a)).join(", ")}`]);
  lines.push([
    "    --grounding HOW",
    `${GROUNDINGS.map((g, i) => (i === 0 ? `${g} (default)` : g)).join(", ")}: whether trajectories whose code writes a number that is not in the problem or an earlier step lose the vote to those that do not, and then those that leave more of the problem's numbers unused to those that leave fewer (guide: and tree searches value a step of the first kind as a failed one)`,
  ]);
  return lines.map(([flag, text]) => wrap(`  ${flag.padEnd(26)}`, text)).join("\n") + "\n";
}

/** `first` then `text`, wrapped at 100 columns under the text's column. */
function wrap(first: string, text: string): string {
  const width = 100 - first.length;
  const out: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  out.push(line);
  return out.map((l, i) => (i === 0 ? first : " ".repeat(first.length)) + l).join("\n");
}

/**
 * Whether a command-line argument is read as a flag: `--name`, `--name=value` or `-x` (letters only).
 * Anything else that starts with '-' cannot be a flag — `-3 + 5`, `-1/2`, `-x^2 = 4` — and is read as text:
 * a problem, or the value of the flag before it. After `--`, everything is text.
 */
export function looksLikeFlag(arg: string): boolean {
  return /^--[A-Za-z][\w-]*(=[\s\S]*)?$/.test(arg) || /^-[A-Za-z]+$/.test(arg);
}

export const NEGATIVE_TEXT_RULE =
  "An argument that starts with '-' is a flag only when it looks like one (--name, --name=value, -x);\n" +
  "other text such as \"-3 + 5\" is read as the problem. After '--' everything is the problem.";

export interface Parsed {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** Parses argv strictly; unknown flags are a usage error that names the flag. Text that starts with '-' but cannot be a flag stays text (`looksLikeFlag`). */
export function parse(argv: string[], options: OptionSpec): Parsed {
  // node's parser reads every '-…' argument as flags; hand it placeholders for the ones that cannot be.
  const texts = new Map<string, string>();
  const end = argv.indexOf("--");
  const args = argv.map((a, i) => {
    if ((end >= 0 && i > end) || a === "-" || a === "--" || !a.startsWith("-") || looksLikeFlag(a)) return a;
    const key = `\u0000${i}`;
    texts.set(key, a);
    return key;
  });
  const back = (v: string) => texts.get(v) ?? v;
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    const restored: Parsed["values"] = {};
    for (const [k, v] of Object.entries(values)) restored[k] = typeof v === "string" ? back(v) : Array.isArray(v) ? v.map((x) => (typeof x === "string" ? back(x) : String(x))) : (v as boolean | undefined);
    return { values: restored, positionals: positionals.map(back) };
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

/** A knob's flag, checked against the knob's range. */
export function knobFlag(values: Parsed["values"], k: Knob & { flag: string }): number | undefined {
  const raw = str(values, k.flag);
  if (raw === undefined) return undefined;
  const n = raw.trim() === "" ? NaN : Number(raw);
  const problem = knobProblem(k, n);
  if (problem) throw new CliError(`--${k.flag} must be ${problem}; got '${raw}'.`);
  return n;
}

/** The engine options the flags ask for; unset flags stay unset so the engine's defaults apply. */
export function searchOptionsFrom(values: Parsed["values"], fallbackStrategy: StrategyName = DEFAULT_STRATEGY): Partial<SearchOptions> {
  const strategy = (str(values, "strategy") ?? fallbackStrategy) as StrategyName;
  if (!STRATEGIES.includes(strategy)) {
    throw new CliError(`Unknown strategy '${strategy}'. Choose one of: ${STRATEGIES.join(", ")}.`);
  }
  const aggregate = str(values, "aggregate");
  if (aggregate !== undefined && !AGGREGATES.includes(aggregate as SearchOptions["aggregate"])) {
    throw new CliError(`--aggregate must be ${AGGREGATES.join(", ")}; got '${aggregate}'.`);
  }
  const grounding = str(values, "grounding");
  if (grounding !== undefined && !GROUNDINGS.includes(grounding as NonNullable<SearchOptions["grounding"]>)) {
    throw new CliError(`--grounding must be ${GROUNDINGS.join(", ")}; got '${grounding}'.`);
  }
  const opts: Partial<SearchOptions> = { strategy };
  for (const k of FLAG_KNOBS) {
    const v = knobFlag(values, k);
    if (v !== undefined) opts[k.key] = v;
  }
  if (aggregate !== undefined) opts.aggregate = aggregate as SearchOptions["aggregate"];
  if (grounding !== undefined) opts.grounding = grounding as SearchOptions["grounding"];
  return opts;
}
