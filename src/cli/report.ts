// Human-readable rendering of a search result for a terminal.
import type { SearchResult, SearchStats, TokenUsage, Trajectory } from "../engine/types";

export interface ReportOptions {
  /** How many ranked trajectories to print. Default 3. */
  top?: number;
  /** ANSI colours. Default false. */
  color?: boolean;
}

const fmtScore = (s: number) => (Number.isNaN(s) ? "  n/a" : (s >= 0 ? "+" : "") + s.toFixed(3));

function indent(text: string, prefix: string): string {
  return text
    .replace(/\s+$/, "")
    .split("\n")
    .map((l) => prefix + l)
    .join("\n");
}

export function formatStats(s: SearchStats): string {
  const tps = s.modelMs > 0 ? (s.tokensGenerated / (s.modelMs / 1000)).toFixed(0) : "n/a";
  return (
    `${s.rolloutsDone} rollouts, ${s.policyCalls} policy calls, ${s.sandboxRuns} sandbox runs; ` +
    `tokens: ${s.tokensGenerated} generated, ${s.tokensEvaluated} evaluated, ${s.tokensInTree} in tree; ` +
    `${tps} tok/s; model ${(s.modelMs / 1000).toFixed(2)} s, sandbox ${(s.sandboxMs / 1000).toFixed(2)} s, ` +
    `wall ${(s.wallMs / 1000).toFixed(2)} s` +
    // results written before the per-model figures existed lack them
    (s.policy && s.reward ? `\n${formatModelUsage("policy", s.policy)}; ${formatModelUsage("reward model", s.reward)}` : "")
  );
}

function formatModelUsage(name: string, u: TokenUsage): string {
  return `${name}: ${u.tokensEvaluated} tokens evaluated, ${u.tokensGenerated} generated, ${(u.modelMs / 1000).toFixed(2)} s`;
}

function formatTrajectory(t: Trajectory, rank: number, agree: number, c: (code: string, s: string) => string): string {
  const head =
    `#${rank}  answer: ${t.answer !== undefined ? c("1", t.answer) : c("33", "(none)")}   ` +
    `score ${fmtScore(t.score)}   ${t.verified ? c("32", "verified") : c("31", "not verified")}   ` +
    (t.answerMatchesOutput === false ? c("31", "(the answer differs from what the code printed)   ") : "") +
    `${agree} trajector${agree === 1 ? "y" : "ies"} agree`;
  const steps = t.steps.map((s, i) => {
    const mark = s.verified ? c("32", "✓") : c("31", "✗");
    const lines = [`  ${mark} step ${i + 1}  ppm ${fmtScore(s.score)}  q ${fmtScore(s.q)}  visits ${s.visits}`];
    if (s.reasoning.trim()) lines.push(indent(s.reasoning, "      │ "));
    // The comments are already shown as the reasoning; print the statements only.
    const statements = s.code
      .split("\n")
      .filter((l) => !/^\s*#/.test(l))
      .join("\n");
    if (statements.trim()) lines.push(indent(statements, "      ┆ "));
    if (s.output.trim()) lines.push(indent(s.output, "      → "));
    if (s.error) lines.push(c("31", `      ! ${s.error}`));
    return lines.join("\n");
  });
  return [head, ...steps].join("\n");
}

/** The ranked trajectories, each with every step's reasoning, code, output, verification and scores. */
export function formatResult(result: SearchResult, opts: ReportOptions = {}): string {
  const color = opts.color ?? false;
  const c = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const top = opts.top ?? 3;
  const out: string[] = [];
  out.push(`Problem: ${result.problem.length > 300 ? result.problem.slice(0, 300) + "…" : result.problem}`);
  out.push(`Strategy: ${result.strategy}${result.cancelled ? c("33", "  (cancelled: partial result)") : ""}`);
  out.push("");
  if (result.trajectories.length === 0) {
    out.push(c("33", "No trajectory reached an answer."));
  }
  const agreeOf = (index: number) => result.groups.find((g) => g.members.includes(index))?.votes ?? 1;
  result.trajectories.slice(0, top).forEach((t, i) => {
    out.push(formatTrajectory(t, i + 1, agreeOf(i), c));
    out.push("");
  });
  if (result.trajectories.length > top) out.push(`(${result.trajectories.length - top} more trajectories; --top N shows more)`);
  if (result.groups.length > 0) {
    out.push(
      "Answers: " +
        result.groups
          .slice(0, 5)
          .map((g) => `${g.answer} (${g.votes} vote${g.votes === 1 ? "" : "s"}, weight ${g.weight.toFixed(2)})`)
          .join("; "),
    );
  }
  const best = result.trajectories[0];
  out.push(
    `Final answer: ${result.answer !== undefined ? c("1", result.answer) : "(none)"}` +
      (best ? (best.verified ? "  — every step verified" : "  — not every step verified") : ""),
  );
  out.push(c("2", formatStats(result.stats)));
  return out.join("\n");
}
