// Human-readable rendering of a search result for a terminal.
import { agreeingWith, agreementText, assessResult, BEYOND_MODEL_TEXT, groundingNote, leftOutText, stepCheck, trajectoryCheck, unusedNote, voteText } from "../engine/confidence";
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
  const check = trajectoryCheck(t);
  const head =
    `#${rank}  answer: ${t.answer !== undefined ? c("1", t.answer) : c("33", "(none)")}   ` +
    `score ${fmtScore(t.score)}   ${c(check.verified ? "32" : "31", check.text)}   ` +
    (t.answer !== undefined ? `${agree} trajector${agree === 1 ? "y gives" : "ies give"} this answer` : "");
  const steps = t.steps.map((s, i) => {
    // Per step, what was checked: its code ran or failed; the answer step, whether it matches the output.
    const checked = stepCheck(t, i);
    const mark = checked.ok === true ? c("32", "✓") : checked.ok === false ? c("31", "✗") : "·";
    const note = groundingNote(s);
    const lines = [`  ${mark} step ${i + 1}  ${checked.label}${note ? `  ${c("33", `⚠ ${note}`)}` : ""}  ppm ${fmtScore(s.score)}  q ${fmtScore(s.q)}  visits ${s.visits}`];
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
  const unused = unusedNote(t);
  return [head, ...(unused ? [c("33", `  ⚠ its code: ${unused}`)] : []), ...steps].join("\n");
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
  result.trajectories.slice(0, top).forEach((t, i) => {
    out.push(formatTrajectory(t, i + 1, agreeingWith(result, i), c));
    out.push("");
  });
  if (result.trajectories.length > top) out.push(`(${result.trajectories.length - top} more trajectories; --top N shows more)`);
  if (result.groups.length > 0) {
    out.push(
      "Answers: " +
        result.groups
          .slice(0, 5)
          .map((g) => `${g.answer} (${voteText(g, result.groups)}, weight ${g.weight.toFixed(2)})`)
          .join("; "),
    );
    const leftOut = leftOutText(result);
    if (leftOut) out.push(c("2", `(${leftOut})`));
  }
  const a = assessResult(result);
  out.push(
    `Final answer: ${a.answer !== undefined ? c("1", a.answer) : "(none)"}` +
      (a.best ? `  — ${c(a.verified ? "32" : "31", trajectoryCheck(a.best).text)}` : ""),
  );
  if (a.answer !== undefined) out.push(`How sure: ${agreementText(a)}`);
  if (a.uncertain) out.push(c("33", `Uncertain: ${a.reasons.join("; ")}.`));
  if (a.beyondModel) out.push(c("33", `${BEYOND_MODEL_TEXT} See \`stepwise models\` for the recommended models (--policy, --reward).`));
  out.push(c("2", formatStats(result.stats)));
  return out.join("\n");
}
