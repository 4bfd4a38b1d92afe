// The `stepwise` command line: the same engine the extension uses, from a terminal.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runSandboxFiles } from "../sandbox";
import { knob, type Knob } from "../engine/knobs";
import { knobFlag, NEGATIVE_TEXT_RULE, parse } from "./args";
import { benchCommand, BENCH_HELP } from "./bench";
import { CliError } from "./errors";
import { exportCommand, EXPORT_HELP } from "./export";
import { gradeCliCommand, GRADE_HELP } from "./grade";
import { toJson } from "./json";
import { modelsCommand, MODELS_HELP } from "./models";
import { solveCommand, SOLVE_HELP } from "./solve";

const SANDBOX_HELP = `stepwise sandbox FILE.py [MORE.py …] [--step-timeout MS]

Runs the files one after another in one sandbox worker, exactly as consecutive steps' code runs, and
prints one JSON line per file: {file, status, stdout, stderr, error, durationMs}. Exit 0 when every
status is ok, 1 otherwise.

      --step-timeout MS     ${knob("stepTimeoutMs").description} (default ${knob("stepTimeoutMs").default}; the same
                            limit as 'stepwise solve --step-timeout'; --timeout is another name for it)
`;

async function sandbox(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { "step-timeout": { type: "string" }, timeout: { type: "string" }, help: { type: "boolean", short: "h" } });
  if (values.help) {
    process.stdout.write(SANDBOX_HELP);
    return 0;
  }
  if (values.timeout !== undefined && values["step-timeout"] !== undefined) throw new CliError("Give --step-timeout once (--timeout is another name for it).");
  const limit = knob("stepTimeoutMs") as Knob & { flag: string };
  const timeoutMs = knobFlag({ [limit.flag]: values["step-timeout"] ?? values.timeout }, limit);
  if (positionals.length === 0) throw new CliError("Give one or more Python files: stepwise sandbox step.py [next.py …].");
  for (const file of positionals) {
    try {
      readFileSync(file);
    } catch (err) {
      throw new CliError(`Cannot read '${file}': ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`);
    }
  }
  const results = await runSandboxFiles(positionals, {
    timeoutMs,
    onResult: (file, result) => process.stdout.write(toJson({ file, ...result }, false) + "\n"),
  });
  return results.every((r) => r.status === "ok") ? 0 : 1;
}

interface Command {
  run: (argv: string[]) => Promise<number>;
  /** One line per form of the command, for 'stepwise --help'. */
  usage: Array<[string, string]>;
  help?: string;
}

const COMMANDS: Record<string, Command> = {
  solve: { run: solveCommand, help: SOLVE_HELP, usage: [["solve [PROBLEM] [options]", "solve one problem; ranked, verified trajectories"]] },
  bench: { run: benchCommand, help: BENCH_HELP, usage: [["bench FILE.jsonl [options]", "run a strategy over a benchmark file and grade it"]] },
  export: { run: exportCommand, help: EXPORT_HELP, usage: [["export [PROBLEM] --out DIR", "search trees and step-preference pairs as JSONL"]] },
  grade: { run: gradeCliCommand, help: GRADE_HELP, usage: [["grade ANSWER REFERENCE", "exit 0 if equal, 1 if not, 2 on bad input; --explain"]] },
  sandbox: { run: sandbox, help: SANDBOX_HELP, usage: [["sandbox FILE.py [MORE.py …]", "run Python files as consecutive steps; a JSON line each"]] },
  models: {
    run: modelsCommand,
    help: MODELS_HELP,
    usage: [
      ["models [list]", "embedded, recommended and already-installed models"],
      ["models found [--json]", "GGUF files already on this machine (Ollama, LM Studio, Hugging Face cache, node-llama-cpp)"],
      ["models download ID|URI", "download a recommended model, with progress and resume"],
      ["models check FILE.gguf", "check that a file is a complete GGUF model"],
    ],
  },
};

const HELP = `stepwise — verified, step-by-step math help that runs on your machine

Usage:
${Object.values(COMMANDS)
  .flatMap((c) => c.usage)
  .concat([["COMMAND --help", "options of one command"]])
  .map(([form, what]) => `  stepwise ${form.padEnd(36)} ${what}`)
  .join("\n")}

${NEGATIVE_TEXT_RULE}
Exit codes: 0 success, 1 no answer / not equal / failure, 2 bad input, 130 interrupted.
`;

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
