// `stepwise bench`: a strategy over a file of problems, graded with the engine's answer equivalence.
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { answersEquivalent, emptyStats, rerank, runSearch } from "../engine";
import type { SearchOptions, SearchStats } from "../engine/types";
import { COMMON_OPTIONS, DATASET_OPTIONS, MODEL_OPTIONS, num, parse, SEARCH_OPTIONS, searchOptionsFrom, selectByFlags, str } from "./args";
import { readProblems, type Problem } from "./dataset";
import { CliError, EXIT_INTERRUPTED } from "./errors";
import { onInterrupt } from "./interrupt";
import { toJson } from "./json";
import { openParts, type Logger } from "./parts";
import { ProgressLine } from "./progress";

export const BENCH_HELP = `stepwise bench FILE.jsonl [options]

Runs a strategy over a JSONL file of problems and grades every answer.
Fields are detected (GSM8K question/answer with '#### n', MATH-500 and AIME problem/answer)
or named with --question-field / --answer-field.

      --out FILE            per-problem results, JSONL (default: bench-<strategy>.jsonl);
                            an existing file is resumed: problems already in it are skipped
      --fresh               start over instead of resuming
      --summary FILE        summary JSON (default: <out>.summary.json)
      --limit N             first N problems (after --offset)
  -j, --concurrency N       problems solved at once (default 1; above 1 needs --endpoint servers,
                            whose requests are spread over them)
      --offset N            skip the first N problems
      --question-field F, --answer-field F
  plus every search and model option of 'stepwise solve' (see stepwise solve --help).
`;

/** One line of the per-problem results file. */
export interface BenchRecord {
  index: number;
  id: string;
  question: string;
  reference: string;
  answer: string | null;
  correct: boolean;
  /** Some trajectory's answer equals the reference: what a perfect ranker would have picked. */
  anyCorrect: boolean;
  verified: boolean;
  trajectories: number;
  /** Distinct answers found (answer groups). */
  answers: number;
  stats: SearchStats;
  /** The same search ranked with the other grounding choice (`grounding` "prefer" or "off"): a paired comparison. */
  otherGrounding?: { grounding: NonNullable<SearchOptions["grounding"]>; answer: string | null; correct: boolean };
  error?: string;
}

export interface BenchSummary {
  file: string;
  strategy: string;
  options: Partial<SearchOptions>;
  problems: number;
  correct: number;
  accuracy: number;
  /** Share of problems where some trajectory had the right answer (the ceiling for any ranking). */
  oracleAccuracy: number;
  /** Problems whose best trajectory verified every step. */
  verified: number;
  /** Accuracy of the same searches ranked with the other grounding choice (records that have it). */
  otherGrounding?: { grounding: string; problems: number; accuracy: number };
  errors: number;
  tokensGenerated: number;
  tokensEvaluated: number;
  tokensGeneratedPerProblem: number;
  wallMsPerProblem: number;
  wallMsMedian: number;
  sandboxMsPerProblem: number;
  modelMsPerProblem: number;
  policy: string;
  reward: string;
  /** Problems solved per minute of wall time by the last invocation (a resumed run counts its own part). */
  problemsPerMinute?: number;
  concurrency?: number;
}

function readDone(out: string): Map<number, BenchRecord> {
  const done = new Map<number, BenchRecord>();
  if (!existsSync(out)) return done;
  for (const line of readFileSync(out, "utf8").split("\n")) {
    if (!line.trim()) continue;
    try {
      const rec = JSON.parse(line) as BenchRecord;
      if (typeof rec.index === "number") done.set(rec.index, rec);
    } catch {
      // A line cut short by an interrupt is simply redone.
    }
  }
  return done;
}

export function summarize(records: BenchRecord[], meta: Pick<BenchSummary, "file" | "strategy" | "options" | "policy" | "reward">): BenchSummary {
  const n = records.length || 1;
  const sum = (f: (r: BenchRecord) => number) => records.reduce((a, r) => a + f(r), 0);
  const walls = records.map((r) => r.stats.wallMs).sort((a, b) => a - b);
  const correct = records.filter((r) => r.correct).length;
  const paired = records.filter((r) => r.otherGrounding);
  return {
    ...meta,
    problems: records.length,
    correct,
    accuracy: records.length ? correct / records.length : 0,
    // Records written before this field existed count as their own correctness.
    oracleAccuracy: records.length ? records.filter((r) => r.anyCorrect ?? r.correct).length / records.length : 0,
    verified: records.filter((r) => r.verified).length,
    otherGrounding: paired.length
      ? { grounding: paired[0].otherGrounding!.grounding, problems: paired.length, accuracy: paired.filter((r) => r.otherGrounding!.correct).length / paired.length }
      : undefined,
    errors: records.filter((r) => r.error).length,
    tokensGenerated: sum((r) => r.stats.tokensGenerated),
    tokensEvaluated: sum((r) => r.stats.tokensEvaluated),
    tokensGeneratedPerProblem: sum((r) => r.stats.tokensGenerated) / n,
    wallMsPerProblem: sum((r) => r.stats.wallMs) / n,
    wallMsMedian: walls.length ? walls[Math.floor(walls.length / 2)] : 0,
    sandboxMsPerProblem: sum((r) => r.stats.sandboxMs) / n,
    modelMsPerProblem: sum((r) => r.stats.modelMs) / n,
  };
}

export function formatSummary(s: BenchSummary): string {
  return (
    `${s.strategy}: ${s.correct}/${s.problems} correct (${(100 * s.accuracy).toFixed(1)}%; some trajectory right in ${(100 * s.oracleAccuracy).toFixed(1)}%), ` +
    `${s.verified} fully verified, ${s.errors} errors; ` +
    `${s.tokensGeneratedPerProblem.toFixed(0)} tokens generated and ${(s.tokensEvaluated / Math.max(1, s.problems)).toFixed(0)} evaluated per problem; ` +
    `${(s.wallMsPerProblem / 1000).toFixed(2)} s per problem (median ${(s.wallMsMedian / 1000).toFixed(2)} s), ` +
    `sandbox ${(s.sandboxMsPerProblem / 1000).toFixed(2)} s per problem` +
    (s.otherGrounding ? `; the same searches with grounding ${s.otherGrounding.grounding}: ${(100 * s.otherGrounding.accuracy).toFixed(1)}%` : "")
  );
}

export async function benchCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...SEARCH_OPTIONS,
    ...MODEL_OPTIONS,
    out: { type: "string", short: "o" },
    summary: { type: "string" },
    fresh: { type: "boolean" },
    concurrency: { type: "string", short: "j" },
    ...DATASET_OPTIONS,
    ...COMMON_OPTIONS,
  });
  if (values.help) {
    process.stdout.write(BENCH_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new CliError("Give one JSONL file: stepwise bench problems.jsonl [options].");
  const file = positionals[0];
  const options = searchOptionsFrom(values, "greedy");
  const all = readProblems(file, { questionField: str(values, "question-field"), answerField: str(values, "answer-field") });
  const selected = selectByFlags(values, all);
  const out = str(values, "out") ?? `bench-${options.strategy}.jsonl`;
  const summaryPath = str(values, "summary") ?? out.replace(/\.jsonl$/, "") + ".summary.json";
  mkdirSync(dirname(out), { recursive: true });
  if (values.fresh && existsSync(out)) writeFileSync(out, "");
  const done = readDone(out);
  const todo = selected.filter((p) => !done.has(p.index));
  const quiet = values.quiet === true;
  const progress = new ProgressLine(process.stderr, !quiet && process.stderr.isTTY === true);
  const say = (m: string) => {
    if (quiet) return;
    progress.clear();
    process.stderr.write(m + "\n");
  };
  const log: Logger = (level, message) => {
    if (level === "warn" || level === "error") say(`[${level}] ${message}`);
  };
  if (done.size > 0 && todo.length < selected.length) say(`Resuming ${out}: ${selected.length - todo.length} of ${selected.length} problems already done.`);

  const interrupt = onInterrupt(say);
  const concurrency = num(values, "concurrency", { min: 1, max: 256, integer: true }) ?? 1;
  const opened = await openParts(values, log);
  if (concurrency > 1 && !opened.remotePolicy) {
    await opened.dispose();
    throw new CliError("--concurrency above 1 needs a served policy (--endpoint URL): a local model runs one problem at a time.");
  }
  const meta = { file, strategy: options.strategy ?? "greedy", options, policy: opened.description.policy, reward: opened.description.reward };
  let next = 0;
  let finished = 0;
  const runStart = Date.now();
  // Each lane takes the next unsolved problem; with one lane this is a plain loop in file order.
  const lane = async () => {
    while (!interrupt.interrupted && next < todo.length) {
      const p = todo[next++];
      progress.write(`${finished}/${todo.length} done; solving #${p.index}`);
      const rec = await solveOne(p, opened.parts, options, interrupt.signal);
      if (interrupt.interrupted) return; // an interrupted problem is not recorded; a resume redoes it
      appendFileSync(out, toJson(rec, false) + "\n");
      done.set(p.index, rec);
      finished++;
      say(`#${p.index} ${rec.correct ? "✓" : "✗"} answer ${rec.answer ?? "(none)"} reference ${rec.reference}${rec.error ? ` error: ${rec.error}` : ""}`);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, todo.length) }, lane));
  } finally {
    progress.clear();
    interrupt.dispose();
    await opened.dispose();
  }
  const records = selected.map((p) => done.get(p.index)).filter((r): r is BenchRecord => r !== undefined);
  const summary: BenchSummary = {
    ...summarize(records, meta),
    concurrency,
    problemsPerMinute: finished > 0 ? finished / ((Date.now() - runStart) / 60_000) : undefined,
  };
  writeFileSync(summaryPath, toJson(summary) + "\n");
  process.stdout.write(formatSummary(summary) + "\n");
  process.stdout.write(`Per-problem results: ${out}\nSummary: ${summaryPath}\n`);
  if (interrupt.interrupted) {
    process.stdout.write(`Interrupted after ${records.length} of ${selected.length} problems; run the same command again to resume.\n`);
    return EXIT_INTERRUPTED;
  }
  return 0;
}

/** Solves and grades one problem; the comparison with the reference runs under the search's step limit. */
export async function solveOne(
  p: Pick<Problem, "index" | "id" | "question" | "reference">,
  parts: Awaited<ReturnType<typeof openParts>>["parts"],
  options: Partial<SearchOptions>,
  signal: AbortSignal,
): Promise<BenchRecord> {
  const base = { index: p.index, id: p.id, question: p.question, reference: p.reference };
  try {
    const result = await runSearch(p.question, parts, options, { signal });
    const answer = result.answer;
    const limit = { timeoutMs: result.options.stepTimeoutMs };
    const correct = answer !== undefined && (await answersEquivalent(answer, p.reference, parts.sandbox, signal, limit));
    let anyCorrect = correct;
    for (const g of result.groups) {
      if (anyCorrect) break;
      anyCorrect = await answersEquivalent(g.answer, p.reference, parts.sandbox, signal, limit);
    }
    // Trajectories outside the vote (unverified, or outside voteTopK) count for the oracle too.
    const tried = new Set(result.groups.map((g) => g.answer));
    for (const t of result.trajectories) {
      if (anyCorrect) break;
      if (t.answer === undefined || tried.has(t.answer)) continue;
      tried.add(t.answer);
      anyCorrect = await answersEquivalent(t.answer, p.reference, parts.sandbox, signal, limit);
    }
    const grounding = result.options.grounding === "off" ? "prefer" : "off";
    const other = (await rerank(result, { options: { ...result.options, grounding }, sandbox: parts.sandbox, signal })).answer;
    const otherCorrect =
      other === undefined ? false : other === answer ? correct : await answersEquivalent(other, p.reference, parts.sandbox, signal, limit);
    return {
      ...base,
      answer: answer ?? null,
      correct,
      anyCorrect,
      verified: result.trajectories[0]?.verified ?? false,
      trajectories: result.trajectories.length,
      answers: result.groups.length,
      stats: result.stats,
      otherGrounding: { grounding, answer: other ?? null, correct: otherCorrect },
    };
  } catch (err) {
    return {
      ...base,
      answer: null,
      correct: false,
      anyCorrect: false,
      verified: false,
      trajectories: 0,
      answers: 0,
      stats: emptyStats(),
      error: (err as Error).message,
    };
  }
}

