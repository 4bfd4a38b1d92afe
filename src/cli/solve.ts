// `stepwise solve`: one problem, ranked and verified trajectories.
import { readFileSync } from "node:fs";
import { runSearch } from "../engine";
import { NotMathError, ProblemError, refuseNonMath, validateProblem } from "../engine/problem";
import { COMMON_OPTIONS, MODEL_OPTIONS, NEGATIVE_TEXT_RULE, num, parse, SEARCH_OPTIONS, searchHelp, searchOptionsFrom, str } from "./args";
import { CliError, EXIT_INTERRUPTED } from "./errors";
import { onInterrupt } from "./interrupt";
import { openParts, type Logger } from "./parts";
import { ProgressLine } from "./progress";
import { formatResult } from "./report";
import { toJson } from "./json";

export const SOLVE_HELP = `stepwise solve [PROBLEM] [options]

Solves one math problem and prints ranked, verified trajectories.
The problem comes from the argument, --file FILE, or standard input ('-' or piped).
${NEGATIVE_TEXT_RULE}

Search:
${searchHelp()}Models:
      --policy PATH         policy GGUF (default: the embedded model in models/)
      --reward PATH|none    process reward model GGUF (default: the embedded PPM)
      --threads N           CPU threads for the models (default 1)
      --context-size N      context tokens
      --prompt-style S      rstar, fewshot, chatml or auto
      --sandbox-workers N   Python sandbox processes (default 1)
      --endpoint URL        a llama-server / OpenAI-compatible server for the policy (repeatable:
                            requests are spread over the servers, a dead one is skipped)
      --reward-endpoint URL a server for the reward model (repeatable)
      --reward-format ID    how the reward model reads steps: stepwise-ppm, math-shepherd, rlhflow,
                            policy-as-judge (default: guessed from the model file name)
      --api-key-env NAME    environment variable holding the servers' API key (default STEPWISE_API_KEY)
Output:
      --json                print the whole result (trajectories, tree, stats) as JSON
      --top N               trajectories to print (default 3)
      --file FILE           read the problem from FILE
  -q, --quiet               no progress line or log messages
`;

export function readProblemSource(positionals: string[], file: string | undefined): string {
  if (file !== undefined) {
    try {
      return readFileSync(file, "utf8");
    } catch (err) {
      throw new CliError(`Cannot read the problem file '${file}': ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`);
    }
  }
  if (positionals.length === 0 || (positionals.length === 1 && positionals[0] === "-")) {
    if (process.stdin.isTTY) throw new CliError("Give a problem: stepwise solve \"What is 15% of 80?\" (or --file FILE, or pipe it in).");
    try {
      return readFileSync(0, "utf8");
    } catch {
      throw new CliError("Could not read the problem from standard input.");
    }
  }
  return positionals.join(" ");
}

export async function solveCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...SEARCH_OPTIONS,
    ...MODEL_OPTIONS,
    json: { type: "boolean" },
    top: { type: "string" },
    file: { type: "string", short: "f" },
    ...COMMON_OPTIONS,
  });
  if (values.help) {
    process.stdout.write(SOLVE_HELP);
    return 0;
  }
  let problem: string;
  try {
    problem = refuseNonMath(validateProblem(readProblemSource(positionals, str(values, "file"))));
  } catch (err) {
    // Text that is not math is refused (exit 1), not answered; empty or oversized input is a usage error (2).
    if (err instanceof NotMathError) throw new CliError(err.message, 1);
    if (err instanceof ProblemError) throw new CliError(err.message);
    throw err;
  }
  const options = searchOptionsFrom(values);
  const top = num(values, "top", { min: 1, max: 1000, integer: true }) ?? 3;
  const quiet = values.quiet === true;
  const json = values.json === true;
  const progress = new ProgressLine(process.stderr, !quiet && process.stderr.isTTY === true);
  const log: Logger = (level, message) => {
    if (quiet || level === "debug") return;
    if (level === "info" && !process.stderr.isTTY) return;
    progress.clear();
    process.stderr.write(`[${level}] ${message}\n`);
  };

  const interrupt = onInterrupt((m) => {
    progress.clear();
    process.stderr.write(`\n${m}\n`);
  });
  progress.write("Loading models and the Python sandbox…");
  const loadStart = Date.now();
  const opened = await openParts(values, log);
  try {
    if (interrupt.interrupted) return EXIT_INTERRUPTED;
    progress.clear();
    if (!quiet) process.stderr.write(`Ready in ${((Date.now() - loadStart) / 1000).toFixed(1)} s; searching (${options.strategy})…\n`);
    const result = await runSearch(problem, opened.parts, options, { signal: interrupt.signal, onEvent: progress.onEvent });
    progress.clear();
    if (json) process.stdout.write(toJson(result) + "\n");
    else process.stdout.write(formatResult(result, { top, color: process.stdout.isTTY === true }) + "\n");
    if (result.cancelled || interrupt.interrupted) return EXIT_INTERRUPTED;
    return result.answer !== undefined ? 0 : 1;
  } finally {
    progress.clear();
    interrupt.dispose();
    await opened.dispose();
  }
}
