// `stepwise export`: search trees as JSONL, plus the step-preference pairs a PPM is trained on.
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { answersEquivalent, exportTree, preferencePairs, resolveSearchOptions, runSearch, type SearchResult } from "../engine";
import { validateProblem } from "../engine/problem";
import { COMMON_OPTIONS, DATASET_OPTIONS, MODEL_OPTIONS, num, parse, SEARCH_OPTIONS, searchOptionsFrom, selectByFlags, str } from "./args";
import { readProblems, type Problem } from "./dataset";
import { CliError, EXIT_INTERRUPTED } from "./errors";
import { onInterrupt } from "./interrupt";
import { toJson } from "./json";
import { openParts, type Logger } from "./parts";
import { ProgressLine } from "./progress";
import { readProblemSource } from "./solve";

export const EXPORT_HELP = `stepwise export [PROBLEM | --problems FILE.jsonl] --out DIR [options]

Runs the search (MCTS by default) and writes, into DIR:
  trees.jsonl   one line per problem: every node with its text, code, output, verification,
                PPM score, Q-value and visits
  pairs.jsonl   step-preference pairs: for the same partial solution, a high-Q step over a low-Q step
With --problems, each problem's reference answer labels the terminal nodes (+1 correct, -1 wrong), so
Q-values say which steps lead to the right answer (rStar-Math's training signal).

      --out DIR             output folder (required)
      --problems FILE       JSONL of problems with reference answers
      --limit N, --offset N
      --min-gap G           least Q difference for a pair (default 0.5)
  plus every search and model option of 'stepwise solve'.
`;

export async function exportCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...SEARCH_OPTIONS,
    ...MODEL_OPTIONS,
    out: { type: "string", short: "o" },
    problems: { type: "string" },
    "min-gap": { type: "string" },
    file: { type: "string", short: "f" },
    ...DATASET_OPTIONS,
    ...COMMON_OPTIONS,
  });
  if (values.help) {
    process.stdout.write(EXPORT_HELP);
    return 0;
  }
  const outDir = str(values, "out");
  if (!outDir) throw new CliError("Name the output folder with --out DIR.");
  const options = searchOptionsFrom(values, "mcts");
  // Labelling a terminal compares answers under the same limit as the search's steps.
  const { stepTimeoutMs } = resolveSearchOptions(options);
  const minGap = num(values, "min-gap", { min: 0, max: 2 }) ?? 0.5;
  let problems: Problem[];
  const file = str(values, "problems");
  if (file) {
    const all = readProblems(file, { questionField: str(values, "question-field"), answerField: str(values, "answer-field") });
    problems = selectByFlags(values, all);
  } else {
    const question = validateProblem(readProblemSource(positionals, str(values, "file")));
    problems = [{ index: 0, id: "0", question, reference: "" }];
  }
  mkdirSync(outDir, { recursive: true });
  const treesPath = join(outDir, "trees.jsonl");
  const pairsPath = join(outDir, "pairs.jsonl");
  writeFileSync(treesPath, "");
  writeFileSync(pairsPath, "");

  const quiet = values.quiet === true;
  const progress = new ProgressLine(process.stderr, !quiet && process.stderr.isTTY === true);
  const log: Logger = (level, message) => {
    if (!quiet && (level === "warn" || level === "error")) process.stderr.write(`[${level}] ${message}\n`);
  };
  const interrupt = onInterrupt((m) => !quiet && process.stderr.write(`\n${m}\n`));
  const opened = await openParts(values, log);
  let trees = 0;
  let pairs = 0;
  const failed: string[] = [];
  try {
    for (const [i, p] of problems.entries()) {
      if (interrupt.interrupted) break;
      progress.write(`problem ${i + 1}/${problems.length}`);
      const reference = p.reference;
      const terminalValue = reference
        ? async (answer: string) => ((await answersEquivalent(answer, reference, opened.parts.sandbox, interrupt.signal, { timeoutMs: stepTimeoutMs })) ? 1 : -1)
        : undefined;
      let result: SearchResult;
      try {
        result = await runSearch(p.question, opened.parts, options, { signal: interrupt.signal, terminalValue });
      } catch (err) {
        if (interrupt.interrupted) break;
        // One problem's failure (a problem too long for the context, a part that crashed) costs that problem's
        // tree only, as in `stepwise bench`; it is named here and counted in the last line.
        failed.push(p.id);
        process.stderr.write(`[error] problem ${p.id}: ${(err as Error).message}\n`);
        continue;
      }
      if (interrupt.interrupted) break;
      const tree = exportTree(result);
      appendFileSync(treesPath, toJson({ id: p.id, question: p.question, reference: reference || null, ...tree }, false) + "\n");
      trees++;
      for (const pair of preferencePairs(result, { minGap })) {
        appendFileSync(pairsPath, toJson({ id: p.id, question: p.question, ...pair }, false) + "\n");
        pairs++;
      }
    }
  } finally {
    progress.clear();
    interrupt.dispose();
    await opened.dispose();
  }
  const skipped = failed.length ? ` ${failed.length} problem${failed.length === 1 ? "" : "s"} failed and have no tree (${failed.slice(0, 10).join(", ")}${failed.length > 10 ? ", …" : ""}).` : "";
  process.stdout.write(`Wrote ${trees} trees to ${treesPath} and ${pairs} preference pairs to ${pairsPath}.${skipped}\n`);
  return interrupt.interrupted ? EXIT_INTERRUPTED : 0;
}
