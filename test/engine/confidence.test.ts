// The one rule that says how sure a result is, and the words for what was checked (src/engine/confidence.ts).
// The results here are built by hand: the rule is pure arithmetic over a SearchResult.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { agreementText, assessResult, groundingNote, groundingText, leftOutText, stepCheck, trajectoryCheck, uncertaintyText, unusedNote, voteText } from "../../src/engine/confidence";
import { defaultSearchOptions, emptyStats } from "../../src/engine";
import type { AnswerGroup, SearchResult, Trajectory, TrajectoryStep } from "../../src/engine/types";

function step(code: string, output: string, verified = true, score = 0.5): TrajectoryStep {
  return { id: 0, reasoning: "# a step", code, output, verified, score, q: score, visits: 1, raw: code };
}

/** A three-step trajectory: two code steps, then the answer step. */
function trajectory(answer: string | undefined, printed: string, opts: { verified?: boolean; matches?: boolean; score?: number; failStep?: boolean } = {}): Trajectory {
  const score = opts.score ?? 0.5;
  return {
    steps: [step("x = 3 * 12", "", !opts.failStep, score), step("print(x - 5)", printed, true, score), step("", printed, true, score)],
    answer,
    verified: opts.verified ?? true,
    answerMatchesOutput: opts.matches ?? (answer === undefined ? undefined : true),
    score,
    source: 0,
  };
}

function result(trajectories: Trajectory[], groups: Array<[string, number[]]>, cancelled = false): SearchResult {
  const g: AnswerGroup[] = groups.map(([answer, members]) => ({ answer, members, votes: members.length, weight: 0, bestScore: 0 }));
  return {
    problem: "p",
    strategy: "mcts",
    options: defaultSearchOptions("mcts"),
    trajectories,
    groups: g,
    answer: g[0]?.answer,
    cancelled,
    tree: [],
    stats: emptyStats(),
  };
}

describe("assessResult: verified, uncertain, beyond the model", () => {
  test("a verified answer most trajectories agree on, with a good PPM score, is not uncertain", () => {
    const r = result([trajectory("31", "31"), trajectory("31", "31"), trajectory("41", "41")], [["31", [0, 1]], ["41", [2]]]);
    const a = assessResult(r);
    assert.equal(a.verified, true);
    assert.equal(a.agree, 2);
    assert.equal(a.answered, 3);
    assert.equal(a.uncertain, false, a.reasons.join("; "));
    assert.equal(a.beyondModel, false);
    assert.equal(agreementText(a), "2 of 3 trajectories agree · PPM score +0.50");
  });

  test("one trajectory of six agreeing is uncertain, even when it is verified", () => {
    const ts = [trajectory("31", "31"), ...[1, 2, 3, 4, 5].map((k) => trajectory(String(100 + k), "0", { verified: false, matches: false }))];
    const a = assessResult(result(ts, [["31", [0]]]));
    assert.equal(a.verified, true);
    assert.equal(a.uncertain, true);
    assert.deepEqual(a.reasons, ["only 1 of 6 trajectories agree"]);
    assert.equal(a.beyondModel, false);
  });

  test("a low PPM score is uncertain; no reward model (all scores 0) is not counted as low", () => {
    const two = (score: number) => [trajectory("31", "31", { score }), trajectory("31", "31", { score })];
    const low = assessResult(result(two(-0.4), [["31", [0, 1]]]));
    assert.deepEqual(low.reasons, ["low PPM score −0.40"]);
    const unscored = assessResult(result(two(0), [["31", [0, 1]]]));
    assert.equal(unscored.scored, false);
    assert.equal(unscored.uncertain, false, unscored.reasons.join("; "));
    assert.match(agreementText(unscored), /no reward model score/);
  });

  test("one answered trajectory is uncertain however good it looks: agreeing with itself is no evidence", () => {
    const lone = [trajectory("31", "31", { score: 0.8 }), trajectory(undefined, "", { verified: false })];
    const a = assessResult(result(lone, [["31", [0]]]));
    assert.equal(a.verified, true);
    assert.equal(a.answered, 1);
    assert.deepEqual(a.reasons, ["only one trajectory reached an answer"]);
    assert.equal(a.beyondModel, false);
    assert.equal(uncertaintyText(a), "uncertain: only one trajectory reached an answer");
  });

  test("no verified trajectory: uncertain and beyond the loaded model", () => {
    const a = assessResult(result([trajectory("514", "31", { verified: false, matches: false })], [["514", [0]]]));
    assert.equal(a.uncertain, true);
    assert.ok(a.reasons.includes("the answer is not verified"));
    assert.equal(a.beyondModel, true);
  });

  test("no answer at all: beyond the loaded model", () => {
    const a = assessResult(result([trajectory(undefined, "", { verified: false })], []));
    assert.equal(a.answer, undefined);
    assert.deepEqual(a.reasons, ["no trajectory reached an answer"]);
    assert.equal(a.beyondModel, true);
  });

  test("a cancelled search is uncertain", () => {
    const a = assessResult(result([trajectory("31", "31")], [["31", [0]]], true));
    assert.ok(a.reasons.includes("the search was cancelled before it finished"));
  });
});

describe("what was checked, per step and per trajectory", () => {
  test("verified: every code step ran, and the answer step matches the printed output", () => {
    const t = trajectory("31", "31");
    assert.deepEqual(t.steps.map((_, i) => stepCheck(t, i)), [
      { ok: true, label: "code ran" },
      { ok: true, label: "code ran" },
      { ok: true, label: "answer = printed output" },
    ]);
    assert.equal(trajectoryCheck(t).text, "verified: the code ran and the answer is what it printed");
  });

  test("not verified because the answer misquotes the output: the steps do not all show a pass", () => {
    const t = trajectory("514", "31", { verified: false, matches: false });
    const checks = t.steps.map((_, i) => stepCheck(t, i));
    assert.deepEqual(checks.map((c) => c.ok), [true, true, false]);
    assert.equal(checks[2].label, "answer ≠ printed output");
    assert.equal(trajectoryCheck(t).text, "not verified: the answer differs from what the code printed (31)");
  });

  test("not verified because a step's code failed", () => {
    const t = trajectory("31", "31", { verified: false, failStep: true });
    assert.equal(stepCheck(t, 0).label, "code failed");
    assert.equal(trajectoryCheck(t).text, "not verified: step 1's code failed");
  });

  test("verified with nothing to compare says so instead of claiming the answer matched", () => {
    const t = { ...trajectory("31", ""), answerMatchesOutput: undefined };
    assert.equal(trajectoryCheck(t).text, "verified: the code ran (its output could not be compared with the answer)");
    assert.equal(stepCheck(t, 2).ok, undefined);
  });
});

describe("numbers from nowhere (grounding) in the verdict", () => {
  /** `trajectory` with the numbers `ungrounded` marked on its first step. */
  function ungrounded(answer: string, numbers: string[]): Trajectory {
    const t = trajectory(answer, answer);
    t.steps[0] = { ...t.steps[0], ungrounded: numbers };
    return { ...t, grounded: numbers.length === 0 };
  }

  test("a best trajectory whose step writes a number from nowhere is uncertain, and says which", () => {
    const a = assessResult(result([ungrounded("31", ["54"]), ungrounded("31", ["54"])], [["31", [0, 1]]]));
    assert.equal(a.uncertain, true);
    assert.deepEqual(a.reasons, ["step 1 uses 54, not in the problem"]);
    const clean = assessResult(result([ungrounded("31", []), ungrounded("31", [])], [["31", [0, 1]]]));
    assert.equal(clean.uncertain, false, clean.reasons.join("; "));
  });

  test("the step and trajectory notes name the numbers, and at most three of them", () => {
    assert.equal(groundingNote({ ungrounded: ["54"] }), "54 is not in the problem or an earlier step");
    assert.equal(groundingNote({ ungrounded: ["1", "2", "3", "4"] }), "1, 2, 3, … are not in the problem or an earlier step");
    assert.equal(groundingNote({ ungrounded: [] }), undefined);
    assert.equal(groundingText(ungrounded("31", ["7"])), "step 1: 7 is not in the problem or an earlier step");
    assert.match(groundingText(ungrounded("31", []))!, /^every number is in the problem/);
    assert.equal(groundingText(trajectory("31", "31")), undefined, "not checked: nothing said");
  });

  test("the trajectories the vote left out are counted by why", () => {
    const ts = [ungrounded("31", []), ungrounded("40", ["9"]), trajectory("41", "0", { verified: false, matches: false }), trajectory(undefined, "")];
    assert.equal(leftOutText(result(ts, [["31", [0]]])), "2 answered trajectories did not vote: 1 not verified, 1 with a number not in the problem");
    assert.equal(leftOutText(result(ts.slice(0, 2), [["31", [0]], ["40", [1]]])), undefined);
    assert.match(leftOutText(result([ungrounded("31", []), ungrounded("32", [])], [["31", [0]]]))!, /^1 answered trajectory did not vote: 1 not among those the vote counts/);
  });
});

describe("numbers of the problem left unused in the verdict", () => {
  const unused = (answer: string, numbers: string[]): Trajectory => ({ ...trajectory(answer, answer), grounded: true, unused: numbers });

  test("a best trajectory whose code never uses a number of the problem is uncertain, and says which", () => {
    const a = assessResult(result([unused("97", ["31"]), unused("97", ["31"])], [["97", [0, 1]]]));
    assert.deepEqual([a.uncertain, a.reasons], [true, ["its code: 31 from the problem is never used"]]);
    assert.equal(assessResult(result([unused("66", []), unused("66", [])], [["66", [0, 1]]])).uncertain, false);
  });

  test("the notes name the numbers, at most three, and the trajectory's line says both directions", () => {
    assert.equal(unusedNote({ unused: ["60", "3"] }), "60, 3 from the problem are never used");
    assert.equal(unusedNote({ unused: ["1", "2", "3", "4"] }), "1, 2, 3, … from the problem are never used");
    assert.equal(unusedNote({ unused: [] }), undefined);
    assert.equal(groundingText(unused("97", ["31"])), "every number is in the problem, an earlier step or the common constants; 31 from the problem is never used");
  });

  test("trajectories left out for leaving more numbers unused are counted as such", () => {
    const ts = [unused("66", []), unused("97", ["31"]), unused("97", ["31"])];
    assert.equal(leftOutText(result(ts, [["66", [0]]])), "2 answered trajectories did not vote: 2 leaving more of the problem's numbers unused");
    // With grounding off they were cut by the top K, not by their numbers.
    const off = { ...result(ts, [["66", [0]]]), options: { ...defaultSearchOptions("mcts"), grounding: "off" as const } };
    assert.equal(leftOutText(off), "2 answered trajectories did not vote: 2 not among those the vote counts (one per search, or the top K)");
  });
});

test("voteText: votes, and the group's share of the voting samples when the search recorded one", () => {
  const g = (votes: number, share?: number): AnswerGroup => ({ answer: "1", members: [], votes, share, weight: 0, bestScore: 0 });
  const tree = [g(1, 0.75), g(2, 0.25)];
  assert.equal(voteText(tree[0], tree), "1 vote, share 75%");
  assert.equal(voteText(tree[1], tree), "2 votes, share 25%");
  // Shares are relative to what voted: a pool that holds half the samples still sums to 100%.
  const half = [g(1, 0.3), g(1, 0.2)];
  assert.equal(voteText(half[0], half), "1 vote, share 60%");
  // A result ranked before shares existed: votes alone.
  const old = [g(3), g(1)];
  assert.equal(voteText(old[0], old), "3 votes");
});
