// `stepwise grade A B`: the engine's answer comparison from a terminal, with exit codes and `--explain`.
import { compareAnswers, explainAnswers, type AnswerComparison } from "../engine";
import type { Sandbox } from "../engine/types";
import { PyodideSandbox } from "../sandbox";
import { CliError } from "./errors";

export const GRADE_HELP = `stepwise grade ANSWER REFERENCE [options]

Exit 0 when the answers are mathematically equal, 1 when not, 2 on bad input (an empty answer).
Either side may be a bare answer (-4, \\frac{1}{2}, x \\ge 7, (1,2)) or a model's whole reply: the final
answer is extracted from it (last \\boxed{}, a "final answer" phrase, the last math span, the last number).
Arguments that start with '-' are answers unless they are one of the options below; after '--' every
argument is an answer (stepwise grade -- -x x).

Options:
  --explain      print what was extracted and normalised from each side and which rule decided
  --plain        the plain rules only: no symbolic check in the Python sandbox for pairs they leave open
  -q, --quiet    print nothing; the exit code is the answer
  -h, --help     this text
`;

/** Exit code of a comparison: 0 equal, 1 not equal (or undecided), 2 bad input (an empty answer). */
export type GradeCode = 0 | 1 | 2;

export function gradeCode(result: Pick<AnswerComparison, "equal" | "a" | "b">): GradeCode {
  if (result.a.normalized.length === 0 || result.b.normalized.length === 0) return 2;
  return result.equal === true ? 0 : 1;
}

/** Plain-rule grade of two answers with `stepwise grade`'s exit codes (undecided counts as not equal). */
export function gradeCommand(answer: string, reference: string): GradeCode {
  return gradeCode(explainAnswers(answer, reference));
}

interface GradeArgs {
  positionals: string[];
  explain: boolean;
  plain: boolean;
  quiet: boolean;
  help: boolean;
}

/**
 * Reads grade's arguments by hand: a math tool must take `-4` and `-x` as answers, which a general
 * option parser refuses as unknown flags.
 */
export function parseGradeArgs(argv: readonly string[]): GradeArgs {
  const out: GradeArgs = { positionals: [], explain: false, plain: false, quiet: false, help: false };
  let optionsDone = false;
  for (const arg of argv) {
    if (optionsDone) out.positionals.push(arg);
    else if (arg === "--") optionsDone = true;
    else if (arg === "--explain") out.explain = true;
    else if (arg === "--plain") out.plain = true;
    else if (arg === "--quiet" || arg === "-q") out.quiet = true;
    else if (arg === "--help" || arg === "-h") out.help = true;
    else if (/^--[a-z][a-z-]*$/.test(arg)) throw new CliError(`Unknown option '${arg}' for grade. Run 'stepwise grade --help'.`);
    else out.positionals.push(arg);
  }
  return out;
}

function clip(s: string, n = 160): string {
  const one = s.replace(/\s+/g, " ").trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

/** The `--explain` report. */
export function explainText(r: AnswerComparison, symbolic: "used" | "not needed" | "off" | "unavailable"): string {
  const lines: string[] = [];
  for (const [name, s] of [["answer", r.a], ["reference", r.b]] as const) {
    lines.push(`${name}:`);
    if (s.input.trim() !== s.extracted) lines.push(`  input:      ${clip(s.input)}`);
    lines.push(`  extracted:  ${clip(s.extracted)}   (${s.extraction})`);
    lines.push(`  normalised: ${clip(s.normalized)}${s.percent ? "   (percent)" : ""}`);
  }
  const verdict = r.equal === true ? "equal" : r.equal === false ? "not equal" : "undecided (not equal)";
  lines.push(`verdict: ${verdict}`);
  lines.push(`decided by: ${r.rules.join(", ")}`);
  if (r.symbolicPairs.length > 0) {
    lines.push(`symbolic check (${symbolic}):`);
    for (const [a, b] of r.symbolicPairs) lines.push(`  ${a}  vs  ${b}`);
  }
  return lines.join("\n") + "\n";
}

export async function gradeCliCommand(argv: string[]): Promise<number> {
  const args = parseGradeArgs(argv);
  if (args.help) {
    process.stdout.write(GRADE_HELP);
    return 0;
  }
  if (args.positionals.length !== 2) throw new CliError("Give exactly two answers: stepwise grade ANSWER REFERENCE.");
  const [answer, reference] = args.positionals;
  let result = explainAnswers(answer, reference);
  let symbolic: "used" | "not needed" | "off" | "unavailable" = "not needed";
  if (result.equal === undefined && result.symbolicPairs.length > 0) {
    if (args.plain) symbolic = "off";
    else {
      // Started only for the pairs the plain rules leave open: most grades never pay for Pyodide.
      let sandbox: (Sandbox & { dispose(): void }) | undefined;
      try {
        sandbox = await PyodideSandbox.create({ poolSize: 1 });
        result = await compareAnswers(answer, reference, sandbox);
        symbolic = "used";
      } catch {
        symbolic = "unavailable";
      } finally {
        sandbox?.dispose();
      }
    }
  }
  const code = gradeCode(result);
  if (args.explain) process.stdout.write(explainText(result, symbolic));
  else if (!args.quiet) process.stdout.write(code === 0 ? "equal\n" : code === 1 ? "not equal\n" : "bad input\n");
  return code;
}
