// What a search result says about itself, decided once and worded once for the CLI, the panel and the hovers.
//
// "Verified" is a narrow, mechanical claim: every step's code ran and the boxed answer is what the code
// printed. It is not a claim that the reasoning is right. How sure the search is comes beside it:
//
// The final answer is UNCERTAIN when any of these holds (`assessResult`):
//   1. its best trajectory is not verified;
//   2. half or fewer of the trajectories that reached an answer agree with it, or only one reached an answer
//      (one trajectory agreeing with itself is no evidence; greedy always ends here);
//   3. a reward model scored the steps and the best trajectory's PPM score is below 0 (the PPM judges it
//      more likely wrong than right);
//   4. the search was cancelled before it finished;
//   5. a step of its best trajectory writes a number that is not in the problem or an earlier step
//      (src/engine/grounding.ts);
//   6. its best trajectory's code never uses a number the problem writes with digits (grounding.ts,
//      `unusedNumbers`): a quantity may have been skipped, or the problem holds one that does not matter.
// The problem is reported as likely BEYOND THE LOADED MODEL when no trajectory reached an answer, or none
// of those that did is verified; the panel then offers a stronger model (Choose Models…).

import { answersEqual } from "./answers/equal";
import type { AnswerGroup, SearchResult, Trajectory, TrajectoryStep } from "./types";

/** The thresholds of the rule above. */
export const CONFIDENCE_RULE = {
  /** The final answer needs strictly more than this share of the answered trajectories. */
  agreeShare: 0.5,
  /** A PPM score below this is low. */
  minScore: 0,
} as const;

export interface Assessment {
  /** The final answer, when there is one. */
  answer?: string;
  /** The best trajectory that gives the final answer (the first ranked one). */
  best?: Trajectory;
  /** The best trajectory is verified. */
  verified: boolean;
  /** Answered trajectories whose answer equals the final answer. */
  agree: number;
  /** Trajectories that reached an answer. */
  answered: number;
  /** Whether a reward model scored any step (without one every score is 0). */
  scored: boolean;
  /** The best trajectory's aggregate PPM score (meaningful when `scored`). */
  score: number;
  uncertain: boolean;
  /** Why it is uncertain, one short phrase each. */
  reasons: string[];
  /** No answer, or no answered trajectory verified: a stronger model is likely needed. */
  beyondModel: boolean;
}

const fmt = (s: number) => (s >= 0 ? "+" : "−") + Math.abs(s).toFixed(2);

/** Applies the rule at the top of this file. */
export function assessResult(result: SearchResult): Assessment {
  const answeredTs = result.trajectories.filter((t) => t.answer !== undefined);
  const answer = result.answer;
  const winners = new Set(result.groups[0]?.members ?? []);
  const best = answer !== undefined ? (result.trajectories.find((_, i) => winners.has(i)) ?? result.trajectories[0]) : undefined;
  const agree = best ? agreeingWith(result, result.trajectories.indexOf(best)) : 0;
  const scored = result.trajectories.some((t) => t.steps.some((s) => !Number.isNaN(s.score) && s.score !== 0));
  const score = best?.score ?? 0;
  const verified = best?.verified === true;
  const reasons: string[] = [];
  if (answer === undefined) reasons.push("no trajectory reached an answer");
  else {
    if (!verified) reasons.push("the answer is not verified");
    if (answeredTs.length === 1) reasons.push("only one trajectory reached an answer");
    else if (answeredTs.length > 1 && agree <= answeredTs.length * CONFIDENCE_RULE.agreeShare) {
      reasons.push(`only ${agree} of ${answeredTs.length} trajectories agree`);
    }
    if (scored && score < CONFIDENCE_RULE.minScore) reasons.push(`low PPM score ${fmt(score)}`);
    if (best) reasons.push(...ungroundedReasons(best), ...unusedReasons(best));
  }
  if (result.cancelled) reasons.push("the search was cancelled before it finished");
  return {
    answer,
    best,
    verified,
    agree,
    answered: answeredTs.length,
    scored,
    score,
    uncertain: reasons.length > 0,
    reasons,
    beyondModel: answer === undefined || !answeredTs.some((t) => t.verified),
  };
}

/**
 * How many answered trajectories give the same answer as trajectory `index` (itself included): members of
 * its answer group, and trajectories outside the vote whose answer is plainly equal.
 */
export function agreeingWith(result: SearchResult, index: number): number {
  const t = result.trajectories[index];
  if (t?.answer === undefined) return 0;
  const group = result.groups.find((g) => g.members.includes(index));
  const members = new Set(group?.members ?? [index]);
  return result.trajectories.filter((u, i) => u.answer !== undefined && (members.has(i) || answersEqual(u.answer, t.answer!) === true)).length;
}

/** Whether a step's code has any statement (its comments are the reasoning). */
export function stepHasCode(step: Pick<TrajectoryStep, "code">): boolean {
  return step.code.split("\n").some((l) => l.trim() !== "" && !/^\s*#/.test(l));
}

/** What was checked about one step: `ok` true (passed), false (failed) or undefined (nothing to check). */
export interface StepCheck {
  ok: boolean | undefined;
  /** "code ran", "code failed", "answer = printed output", "answer ≠ printed output", … */
  label: string;
}

/** The check shown beside step `index` of trajectory `t`. */
export function stepCheck(t: Trajectory, index: number): StepCheck {
  const step = t.steps[index];
  if (stepHasCode(step)) return step.verified ? { ok: true, label: "code ran" } : { ok: false, label: "code failed" };
  const isAnswerStep = index === t.steps.length - 1 && t.answer !== undefined;
  if (!isAnswerStep) return step.verified ? { ok: undefined, label: "no code" } : { ok: false, label: "failed" };
  if (t.answerMatchesOutput === true) return { ok: true, label: "answer = printed output" };
  if (t.answerMatchesOutput === false) return { ok: false, label: "answer ≠ printed output" };
  return { ok: undefined, label: "answer not compared with the output" };
}

/** Why a trajectory is or is not verified, in one sentence that says precisely what was checked. */
export function trajectoryCheck(t: Trajectory): { verified: boolean; text: string } {
  if (t.verified) {
    return {
      verified: true,
      text:
        t.answerMatchesOutput === true
          ? "verified: the code ran and the answer is what it printed"
          : "verified: the code ran (its output could not be compared with the answer)",
    };
  }
  const failed = t.steps.findIndex((s, i) => stepCheck(t, i).ok === false && stepHasCode(s));
  if (failed >= 0) return { verified: false, text: `not verified: step ${failed + 1}'s code failed` };
  if (t.answer === undefined) return { verified: false, text: "not verified: no answer was reached" };
  if (t.answerMatchesOutput === false) {
    const printed = lastPrinted(t);
    return { verified: false, text: `not verified: the answer differs from what the code printed${printed ? ` (${printed})` : ""}` };
  }
  return { verified: false, text: "not verified: not every step ran" };
}

/** The last line the trajectory's code printed. */
export function lastPrinted(t: Trajectory): string | undefined {
  for (let i = t.steps.length - 1; i >= 0; i--) {
    const lines = t.steps[i].output.split("\n").filter((l) => l.trim() !== "");
    if (lines.length > 0) {
      const last = lines[lines.length - 1].trim();
      return last.length > 80 ? `${last.slice(0, 79)}…` : last;
    }
  }
  return undefined;
}

/** The first three of a step's numbers from nowhere, "…" for the rest: "54" · "1, 2, 3, …". */
function someNumbers(u: readonly string[]): string {
  return (u.length > 3 ? [...u.slice(0, 3), "…"] : u).join(", ");
}

/** The index of the first step that writes a number from nowhere, or −1. */
function firstUngrounded(t: Trajectory): number {
  return t.steps.findIndex((s) => (s.ungrounded ?? []).length > 0);
}

/** "7 is not in the problem or an earlier step" for a step that writes numbers from nowhere, else undefined. */
export function groundingNote(step: Pick<TrajectoryStep, "ungrounded">): string | undefined {
  const u = step.ungrounded ?? [];
  if (u.length === 0) return undefined;
  return `${someNumbers(u)} ${u.length === 1 ? "is" : "are"} not in the problem or an earlier step`;
}

/** Where the trajectory's numbers come from and whether it uses the problem's, in one line, or undefined when not checked. */
export function groundingText(t: Trajectory): string | undefined {
  if (t.grounded === undefined) return undefined;
  const first = firstUngrounded(t);
  const from = t.grounded ? "every number is in the problem, an earlier step or the common constants" : `step ${first + 1}: ${groundingNote(t.steps[first])}`;
  const unused = unusedNote(t);
  return unused ? `${from}; ${unused}` : from;
}

/** "31 from the problem is never used" for a trajectory that leaves numbers of the problem unused, else undefined. */
export function unusedNote(t: Pick<Trajectory, "unused">): string | undefined {
  const u = t.unused ?? [];
  if (u.length === 0) return undefined;
  return `${someNumbers(u)} from the problem ${u.length === 1 ? "is" : "are"} never used`;
}

function unusedReasons(t: Trajectory): string[] {
  const note = unusedNote(t);
  return note ? [`its code: ${note}`] : [];
}

function ungroundedReasons(t: Trajectory): string[] {
  const first = firstUngrounded(t);
  return first < 0 ? [] : [`step ${first + 1} uses ${someNumbers(t.steps[first].ungrounded!)}, not in the problem`];
}

/**
 * An answer group's votes and, when the search recorded it, its share of the voting samples: "1 vote, share
 * 75%" (the policy wrote that answer's paths in 3 of every 4 samples among the voting trajectories, duplicates
 * the tree dropped included). The majority vote ranks by share first (src/engine/search/rank.ts).
 */
export function voteText(group: AnswerGroup, groups: readonly AnswerGroup[]): string {
  const votes = `${group.votes} vote${group.votes === 1 ? "" : "s"}`;
  const total = groups.reduce((s, g) => s + (g.share ?? 0), 0);
  if (group.share === undefined || !(total > 0)) return votes;
  return `${votes}, share ${Math.round((100 * group.share) / total)}%`;
}

/**
 * Which answered trajectories the vote left out, and why, in one line ("3 answered trajectories did not vote:
 * 2 not verified, 1 with a number from nowhere"), or undefined when every one voted.
 */
export function leftOutText(result: Pick<SearchResult, "trajectories" | "groups"> & { options?: Pick<SearchResult["options"], "grounding"> }): string | undefined {
  const voters = new Set(result.groups.flatMap((g) => g.members));
  const out = result.trajectories.filter((t, i) => t.answer !== undefined && !voters.has(i));
  if (out.length === 0) return undefined;
  // With grounding off, numbers left no trajectory out of the vote.
  const byNumbers = result.options?.grounding !== "off";
  const unverified = out.filter((t) => !t.verified).length;
  const ungrounded = byNumbers ? out.filter((t) => t.verified && t.grounded === false).length : 0;
  // Of the rest, those that leave more of the problem's numbers unused than every voter does.
  const fewest = Math.min(...[...voters].map((i) => result.trajectories[i].unused?.length ?? 0));
  const unused = byNumbers ? out.filter((t) => t.verified && t.grounded !== false && (t.unused?.length ?? 0) > fewest).length : 0;
  const other = out.length - unverified - ungrounded - unused;
  const why = [
    unverified > 0 ? `${unverified} not verified` : "",
    ungrounded > 0 ? `${ungrounded} with a number not in the problem` : "",
    unused > 0 ? `${unused} leaving more of the problem's numbers unused` : "",
    other > 0 ? `${other} not among those the vote counts (one per search, or the top K)` : "",
  ].filter((x) => x);
  return `${out.length} answered trajector${out.length === 1 ? "y" : "ies"} did not vote: ${why.join(", ")}`;
}

/** How sure the search is, in one line: "4 of 6 trajectories agree · PPM score +0.41". */
export function agreementText(a: Assessment): string {
  const parts = [`${a.agree} of ${a.answered} trajector${a.answered === 1 ? "y" : "ies"} agree`];
  parts.push(a.scored ? `PPM score ${fmt(a.score)}` : "no reward model score");
  return parts.join(" · ");
}

/** "uncertain: only 1 of 6 trajectories agree; low PPM score −0.20", or "" when the rule finds nothing. */
export function uncertaintyText(a: Assessment): string {
  return a.uncertain ? `uncertain: ${a.reasons.join("; ")}` : "";
}

/** Said when the problem looks beyond the loaded model. */
export const BEYOND_MODEL_TEXT =
  "This problem may be beyond what the loaded model handles (no trajectory was verified). A stronger model may solve it.";
