// The `stepwise` command line: the same engine the extension uses, from a terminal.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gradeCommand } from "../engine";
import { runSandboxFile } from "../sandbox";
import { num, parse } from "./args";
import { benchCommand, BENCH_HELP } from "./bench";
import { CliError } from "./errors";
import { exportCommand, EXPORT_HELP } from "./export";
import { toJson } from "./json";
import { modelsCommand, MODELS_HELP } from "./models";
import { solveCommand, SOLVE_HELP } from "./solve";

const HELP = `stepwise — verified, step-by-step math help that runs on your machine

Usage:
  stepwise solve [PROBLEM] [options]        solve one problem; ranked, verified trajectories
  stepwise bench FILE.jsonl [options]       run a strategy over a benchmark file and grade it
  stepwise export [PROBLEM] --out DIR       search trees and step-preference pairs as JSONL
  stepwise grade ANSWER REFERENCE           exit 0 if equal, 1 if not, 2 on bad input
  stepwise sandbox FILE.py [--timeout MS]   run Python exactly as a step runs; JSON result
  stepwise models [list|found|download ID]  embedded, recommended and already-installed models
  stepwise COMMAND --help                   options of one command

Exit codes: 0 success, 1 no answer / not equal / failure, 2 bad input, 130 interrupted.
`;

async function grade(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { help: { type: "boolean", short: "h" }, quiet: { type: "boolean", short: "q" } });
  if (values.help) {
    process.stdout.write("stepwise grade ANSWER REFERENCE\n\nExit 0 when the answers are mathematically equal, 1 when not, 2 on bad input.\n");
    return 0;
  }
  if (positionals.length !== 2) throw new CliError("Give exactly two answers: stepwise grade ANSWER REFERENCE.");
  const code = gradeCommand(positionals[0], positionals[1]);
  if (!values.quiet) process.stdout.write(code === 0 ? "equal\n" : code === 1 ? "not equal\n" : "bad input\n");
  return code;
}

async function sandbox(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { timeout: { type: "string" }, help: { type: "boolean", short: "h" } });
  if (values.help) {
    process.stdout.write(
      "stepwise sandbox FILE.py [--timeout MS]\n\nRuns FILE.py in the Python sandbox exactly as a step's code runs and prints\n" +
        "{status, stdout, stderr, error, durationMs} as JSON. Exit 0 when status is ok, 1 otherwise.\n",
    );
    return 0;
  }
  if (positionals.length !== 1) throw new CliError("Give one Python file: stepwise sandbox step.py.");
  const file = positionals[0];
  try {
    readFileSync(file);
  } catch (err) {
    throw new CliError(`Cannot read '${file}': ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`);
  }
  const result = await runSandboxFile(file, { timeoutMs: num(values, "timeout", { min: 10, max: 600_000, integer: true }) });
  process.stdout.write(toJson(result) + "\n");
  return result.status === "ok" ? 0 : 1;
}

const COMMANDS: Record<string, { run: (argv: string[]) => Promise<number>; help?: string }> = {
  solve: { run: solveCommand, help: SOLVE_HELP },
  bench: { run: benchCommand, help: BENCH_HELP },
  export: { run: exportCommand, help: EXPORT_HELP },
  grade: { run: grade },
  sandbox: { run: sandbox },
  models: { run: modelsCommand, help: MODELS_HELP },
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    const topic = name === "help" ? rest[0] : undefined;
    process.stdout.write(topic && COMMANDS[topic]?.help ? COMMANDS[topic].help! : HELP);
    return 0;
  }
  if (name === "--version" || name === "-v") {
    process.stdout.write(`${readVersion()}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) throw new CliError(`Unknown command '${name}'. Run 'stepwise --help'.`);
  return command.run(rest);
}

function readVersion(): string {
  try {
    return JSON.parse(readFileSync(join(__dirname, "..", "package.json"), "utf8")).version;
  } catch {
    return "unknown";
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof CliError) {
      process.stderr.write(`stepwise: ${err.message}\n`);
      process.exit(err.exitCode);
    }
    // Errors from the parts (a missing or corrupt model, a sandbox that cannot start) carry a message a user
    // can act on; print it without a stack trace unless asked for one.
    const e = err as Error;
    process.stderr.write(`stepwise: ${e?.message ?? String(err)}\n`);
    if (process.env.STEPWISE_DEBUG) process.stderr.write(`${e?.stack ?? ""}\n`);
    process.exit(1);
  },
);
