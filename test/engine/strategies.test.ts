// Greedy, self-consistency, best-of-N and beam search on scripted test doubles.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ContextFullError, rerank, runSearch, type ProposeRequest } from "../../src/engine";
import { ScriptedPolicy, ScriptedRewardModel, ScriptedSandbox, type ScriptedCandidate } from "./doubles";

// Five samples: three answer 4 with low scores, two answer 9 with high scores.
const SAMPLES: Record<string, ScriptedCandidate[]> = {
  "": [1, 2, 3, 4, 5].map((i) => ({ text: `s = ${i}` })),
  ...Object.fromEntries([1, 2, 3, 4, 5].map((i) => [`s = ${i}`, [{ text: `Thus \\boxed{${i <= 3 ? 4 : 9}}`, stop: "answer" as const }]])),
};
const sampleScore = (t: string) => (t.includes("{9}") ? 0.9 : t.includes("{4}") ? 0.1 : 0.5);

test("greedy: one sample, temperature 0, one candidate per step", async () => {
  const policy = new ScriptedPolicy(SAMPLES);
  const result = await runSearch("p", { policy, sandbox: new ScriptedSandbox() }, { strategy: "greedy" });
  assert.ok(policy.calls.every((c) => c.temperature === 0 && c.n === 1));
  assert.equal(policy.calls.length, 2);
  assert.equal(result.answer, "4");
  assert.equal(result.trajectories.length, 1);
  assert.equal(result.trajectories[0].verified, true);
  assert.deepEqual(result.trajectories[0].steps.map((s) => s.raw), ["s = 1", "Thus \\boxed{4}"]);
});

test("self-consistency: majority over all samples, whatever the scores", async () => {
  const policy = new ScriptedPolicy(SAMPLES);
  const reward = new ScriptedRewardModel(sampleScore);
  const result = await runSearch("p", { policy, reward, sandbox: new ScriptedSandbox() }, { strategy: "self-consistency", samples: 5 });
  assert.equal(policy.calls[0].n, 5);
  assert.ok(policy.calls.slice(1).every((c) => c.n === 1));
  assert.equal(result.answer, "4");
  assert.equal(result.groups[0].votes, 3);
  assert.equal(result.groups[1].votes, 2);
  assert.equal(result.trajectories.length, 5);
  // One PPM call per finished sample, scoring all of its steps.
  assert.equal(reward.calls.length, 5);
  assert.ok(reward.calls.every((c) => c.steps.length === 2));
});

/** Self-consistency over five scripted samples: sample i writes the code `sample(i)[0]`, then boxes `sample(i)[1]`. */
function fiveSamples(problem: string, sample: (i: number) => [string, string]) {
  const text = (i: number) => `${sample(i)[0]}  # sample ${i}`;
  const script: Record<string, ScriptedCandidate[]> = {
    "": [1, 2, 3, 4, 5].map((i) => ({ text: text(i) })),
    ...Object.fromEntries([1, 2, 3, 4, 5].map((i) => [text(i), [{ text: `Thus \\boxed{${sample(i)[1]}}`, stop: "answer" as const }]])),
  };
  return (grounding?: "prefer" | "off") =>
    runSearch(problem, { policy: new ScriptedPolicy(script), sandbox: new ScriptedSandbox() }, { strategy: "self-consistency", samples: 5, grounding });
}

test("grounding: trajectories whose code writes a number from nowhere lose the vote to grounded ones, unless it is off", async () => {
  // Three samples miscopy 30 as 37 (answer 49); two copy it (answer 42).
  const run = fiveSamples("Ann has 12 pens and buys 30 more. How many pens does she have?", (i) => [`s = 12 + ${i <= 3 ? 37 : 30}`, i <= 3 ? "49" : "42"]);
  const preferred = await run();
  assert.equal(preferred.answer, "42");
  assert.equal(preferred.groups.length, 1, "only the grounded trajectories voted");
  const miscopied = preferred.trajectories.filter((t) => t.answer === "49");
  assert.equal(miscopied.length, 3);
  for (const t of miscopied) {
    assert.equal(t.grounded, false);
    assert.deepEqual(t.steps[0].ungrounded, ["37"]);
    assert.equal(t.verified, true, "grounding is not part of verified");
  }
  assert.ok(preferred.trajectories.filter((t) => t.answer === "42").every((t) => t.grounded && t.steps.every((s) => s.ungrounded?.length === 0)));
  const off = await run("off");
  assert.equal(off.answer, "49");
  assert.deepEqual(off.groups.map((g) => g.votes), [3, 2]);
  // The same search ranked both ways (how the bench pairs the two choices).
  const reranked = await rerank(preferred, { options: { ...preferred.options, grounding: "off" } });
  assert.deepEqual([reranked.answer, reranked.groups.map((g) => g.votes)], ["49", [3, 2]]);
});

test("unused numbers: of the grounded trajectories, those that leave the fewest of the problem's numbers unused vote", async () => {
  // Three samples forget Tuesday's 31 pages (answer 97); one uses every number (66); one prints 66 from nowhere.
  const problem = "Jenna read 23 pages on Monday and 31 pages on Tuesday. Her book has 120 pages. How many pages are left?";
  const run = fiveSamples(problem, (i) => [i <= 3 ? "left = 120 - 23" : i === 4 ? "left = 120 - 23 - 31" : "left = 66", i <= 3 ? "97" : "66"]);
  const preferred = await run("prefer");
  assert.equal(preferred.answer, "66");
  assert.deepEqual(preferred.groups.map((g) => g.votes), [1], "only the grounded trajectory that uses every number voted");
  for (const t of preferred.trajectories.filter((t) => t.answer === "97")) {
    assert.deepEqual(t.unused, ["31"]);
    assert.equal(t.verified, true, "an unused number is not part of verified");
  }
  const fromNowhere = preferred.trajectories.find((t) => t.steps[0].code.startsWith("left = 66"))!;
  assert.equal(fromNowhere.grounded, false, "66 is not in the problem");
  assert.deepEqual(fromNowhere.unused, ["23", "31", "120"]);
  // Off: the plain majority of verified trajectories.
  assert.equal((await run("off")).answer, "97");
  // A problem whose every sample leaves the same number unused votes as before.
  const reranked = await rerank(preferred, { options: { ...preferred.options, grounding: "off" } });
  assert.deepEqual([reranked.answer, reranked.groups.map((g) => g.votes)], ["97", [3, 2]]);
});

test("best-of-N: the best PPM aggregate wins even in the minority", async () => {
  const result = await runSearch(
    "p",
    { policy: new ScriptedPolicy(SAMPLES), reward: new ScriptedRewardModel(sampleScore), sandbox: new ScriptedSandbox() },
    { strategy: "best-of-n", samples: 5 },
  );
  assert.equal(result.answer, "9");
  assert.equal(result.trajectories[0].answer, "9");
  assert.equal(result.trajectories[0].score, 0.9);
  // Aggregates: min over [0.5, 0.9] is 0.5, mean 0.7.
  const min = await runSearch(
    "p",
    { policy: new ScriptedPolicy(SAMPLES), reward: new ScriptedRewardModel(sampleScore), sandbox: new ScriptedSandbox() },
    { strategy: "best-of-n", samples: 5, aggregate: "min" },
  );
  assert.equal(min.trajectories[0].score, 0.5);
});

test("sampling: a sample whose code fails ends there and gets no answer", async () => {
  const policy = new ScriptedPolicy({ "": [{ text: "x = FAIL" }, { text: "y = 2" }], "y = 2": [{ text: "\\boxed{2}", stop: "answer" }] });
  const result = await runSearch("p", { policy, sandbox: new ScriptedSandbox() }, { strategy: "self-consistency", samples: 2 });
  assert.equal(result.answer, "2");
  assert.equal(result.trajectories.length, 1);
  assert.equal(result.tree.find((n) => n.raw === "x = FAIL")!.status, "failed");
});

test("beam search keeps the best beamWidth steps per level and stops when beamWidth have finished", async () => {
  const policy = new ScriptedPolicy({
    "": [{ text: "r1 = 1" }, { text: "r2 = 2" }, { text: "r3 = 3" }],
    "r2 = 2": [{ text: "r2a = 1" }, { text: "So \\boxed{22}", stop: "answer" }],
    "r1 = 1": [{ text: "r1a = 1" }],
    "r1 = 1 > r1a = 1": [{ text: "So \\boxed{11}", stop: "answer" }],
    "r2 = 2 > r2a = 1": [{ text: "z = FAIL" }],
  });
  const scores: Record<string, number> = { "r1 = 1": 0.5, "r2 = 2": 0.9, "r3 = 3": 0.1, "r2a = 1": 0.2, "So \\boxed{22}": 0.8, "r1a = 1": 0.7, "So \\boxed{11}": 0.6 };
  const result = await runSearch(
    "p",
    { policy, reward: new ScriptedRewardModel(scores), sandbox: new ScriptedSandbox() },
    { strategy: "beam", beamWidth: 2, expansions: 3 },
  );
  const status = (raw: string) => result.tree.find((n) => n.raw === raw)!.status;
  assert.equal(status("r3 = 3"), "pruned");
  assert.equal(status("r1 = 1"), "verified");
  assert.equal(status("z = FAIL"), "failed");
  assert.equal(policy.calls.length, 5);
  assert.equal(result.answer, "22");
  assert.deepEqual(result.trajectories.map((t) => t.answer), ["22", "11"]);
  assert.ok(policy.calls.every((c) => c.n === 3));
});

// A path that no longer fits the model's context ends there; the search goes on with the others.
const LONG: Record<string, ScriptedCandidate[]> = {
  "": [{ text: "a = 1" }, { text: "b = 2" }],
  "b = 2": [{ text: "Thus \\boxed{3}", stop: "answer" }],
};
function fullAt(prefix: string) {
  return (req: ProposeRequest, key: string): ScriptedCandidate[] => {
    if (key === prefix) throw new ContextFullError(`The prompt has 2050 tokens; the context holds 2048.`);
    return (LONG[key] ?? []).slice(0, req.n);
  };
}

test("a path too long for the policy's context is pruned, not fatal: MCTS answers from the other path", async () => {
  const policy = new ScriptedPolicy(fullAt("a = 1"));
  const result = await runSearch("p", { policy, sandbox: new ScriptedSandbox() }, { strategy: "mcts", rollouts: 4, expansions: 2 });
  assert.equal(result.answer, "3");
  const pruned = result.tree.find((n) => n.raw === "a = 1");
  assert.equal(pruned?.status, "invalid");
  assert.match(pruned?.error ?? "", /too long for the model's context/);
  // pruned once: no rollout asks the policy for that path again
  assert.equal(policy.calls.filter((c) => c.previousSteps.length === 1 && c.previousSteps[0].startsWith("a = 1")).length, 1);
});

test("a sample too long for the policy's context ends unanswered; the vote uses the rest", async () => {
  const policy = new ScriptedPolicy(fullAt("a = 1"));
  const result = await runSearch("p", { policy, sandbox: new ScriptedSandbox() }, { strategy: "self-consistency", samples: 2 });
  assert.equal(result.answer, "3");
  assert.equal(result.trajectories.filter((t) => t.answer !== undefined).length, 1);
});

test("a step the reward model cannot fit stays unscored (NaN) and keeps its answer", async () => {
  const policy = new ScriptedPolicy(LONG);
  const reward = new ScriptedRewardModel((t) => {
    if (t.startsWith("Thus")) throw new ContextFullError("The trajectory has 1300 tokens; the reward model's context holds 1280.");
    return 0.5;
  });
  for (const strategy of ["best-of-n", "mcts"] as const) {
    const result = await runSearch("p", { policy, reward, sandbox: new ScriptedSandbox() }, { strategy, samples: 2, rollouts: 4, expansions: 2 });
    assert.equal(result.answer, "3", strategy);
    const answer = result.tree.find((n) => n.raw.startsWith("Thus"));
    assert.equal(answer?.status, "terminal", strategy);
  }
});

test("a problem too long for the policy's context on its own fails the search with that error", async () => {
  const policy = new ScriptedPolicy(fullAt(""));
  await assert.rejects(runSearch("p", { policy, sandbox: new ScriptedSandbox() }, { strategy: "mcts", rollouts: 2 }), ContextFullError);
});

test("when nothing finishes, the best partial path ends with the step that stopped it: a failed next step is shown", async () => {
  // "# plan" (no code) scores best, but every step after it fails; after "a = 1" the search is out of depth.
  const policy = new ScriptedPolicy({
    "": [{ text: "a = 1" }, { text: "# plan the sum" }],
    "a = 1": [{ text: "b = 2" }],
    "# plan the sum": [{ text: "c = FAIL" }],
  });
  const reward = new ScriptedRewardModel({ "a = 1": 0.1, "# plan the sum": 0.5 });
  const result = await runSearch("p", { policy, reward, sandbox: new ScriptedSandbox() }, { strategy: "mcts", rollouts: 8, expansions: 2, maxDepth: 2 });
  assert.equal(result.answer, undefined);
  const best = result.trajectories[0];
  assert.deepEqual(best.steps.map((s) => s.raw), ["# plan the sum", "c = FAIL"]);
  assert.equal(best.steps[1].verified, false);
  assert.equal(best.verified, false);
});
