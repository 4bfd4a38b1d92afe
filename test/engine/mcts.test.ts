// MCTS arithmetic pinned with scripted test doubles: which child UCT picks, Q and visits after backup,
// pruning, −1 invalid terminals, depth and rollout limits, duplicate removal, voting, cancellation, events.
import { test } from "node:test";
import assert from "node:assert/strict";
import { defaultSearchOptions, exportTree, preferencePairs, rerank, runSearch, uct } from "../../src/engine";
import type { SearchEvent, SearchResult, TreeNodeSnapshot } from "../../src/engine/types";
import { prefixKey, ScriptedPolicy, ScriptedRewardModel, ScriptedSandbox, type ScriptedCandidate } from "./doubles";

const close = (a: number, b: number, msg?: string) => assert.ok(Math.abs(a - b) < 1e-9, `${msg ?? ""} ${a} ≠ ${b}`);

function byRaw(result: SearchResult, raw: string): TreeNodeSnapshot {
  const n = result.tree.find((x) => x.raw === raw);
  assert.ok(n, `no node ${raw}`);
  return n;
}

test("UCT: Q plus c·sqrt(ln N_parent / N_child), zero exploration without visits", () => {
  const node = (visits: number, valueSum: number) => ({ visits, valueSum }) as never;
  // parent 10 visits; child A: Q 0.5 over 5 visits; child B: Q 0.2 over 1 visit.
  close(uct(node(5, 2.5), node(10, 0), 2), 0.5 + 2 * Math.sqrt(Math.log(10) / 5));
  assert.ok(Math.abs(uct(node(5, 2.5), node(10, 0), 2) - 1.8572281) < 1e-6, "A");
  assert.ok(Math.abs(uct(node(1, 0.2), node(10, 0), 2) - 3.2348537) < 1e-6, "B");
  // Parent without visits, or child without visits: Q alone.
  close(uct(node(1, 0.7), node(0, 0), 2), 0.7);
  close(uct(node(0, 0), node(4, 0), 2), 0);
  // One parent visit: ln 1 = 0, so a fresh level is chosen by PPM score alone.
  close(uct(node(1, 0.3), node(1, 0.3), 2), 0.3);
});

// The scripted scenario (expansions 4, c 2):
//   root → A "a = 1" (0.3), B "b = 2" (0.6), "b =  2" (duplicate of B), F "c = FAIL" (code fails)
//   B → B1 "print(b)" ends the code (0.5), B2 "b2 = 3" (0.2)
//   B1 → "The answer is \boxed{2}" (0.9)
//   A → "a2 = FAIL" only (fails, so A is a dead end)
const ANSWER = "The answer is \\boxed{2}";
const SCRIPT: Record<string, ScriptedCandidate[]> = {
  "": [{ text: "a = 1" }, { text: "b = 2" }, { text: "b =  2" }, { text: "c = FAIL" }],
  "b = 2": [{ text: "print(b)", stop: "code" }, { text: "b2 = 3" }],
  "b = 2 > print(b)": [{ text: ANSWER, stop: "answer" }],
  "a = 1": [{ text: "a2 = FAIL" }],
};
const SCORES = { "a = 1": 0.3, "b = 2": 0.6, "print(b)": 0.5, "b2 = 3": 0.2, [ANSWER]: 0.9 };

async function scenario(rollouts: number, events?: SearchEvent[]) {
  const policy = new ScriptedPolicy(SCRIPT);
  const reward = new ScriptedRewardModel(SCORES);
  const sandbox = new ScriptedSandbox();
  const result = await runSearch("What is b?", { policy, reward, sandbox }, { rollouts, expansions: 4, c: 2, maxDepth: 8, widen: 0 }, {
    onEvent: (e) => events?.push(e),
  });
  return { result, policy, reward, sandbox };
}

test("MCTS rollout 1: PPM picks B, then B1, the terminal backs 0.9 up to the root", async () => {
  const { result, policy } = await scenario(1);
  assert.equal(policy.calls.length, 3);
  const root = result.tree.find((n) => n.parent === null)!;
  assert.equal(root.visits, 1);
  close(root.q, 0.9);
  const b = byRaw(result, "b = 2");
  assert.equal(b.visits, 2);
  close(b.q, 0.75); // (0.6 + 0.9) / 2
  const b1 = byRaw(result, "print(b)");
  assert.equal(b1.visits, 2);
  close(b1.q, 0.7);
  const a = byRaw(result, "a = 1");
  assert.equal(a.visits, 1);
  close(a.q, 0.3);
  const t = byRaw(result, ANSWER);
  assert.equal(t.status, "terminal");
  assert.equal(t.answer, "2");
  assert.equal(t.visits, 1);
  // The code step's output went into the answer step's prompt.
  assert.match(policy.calls[2].previousSteps[1], /<end_of_code>\n<output>2<end_of_output>\n<answer>$/);
});

test("MCTS: duplicates removed, failed code pruned and never selected", async () => {
  const { result, sandbox } = await scenario(1);
  const root = result.tree.find((n) => n.parent === null)!;
  const rootKids = result.tree.filter((n) => n.parent === root.id);
  assert.deepEqual(rootKids.map((n) => n.raw), ["a = 1", "b = 2", "c = FAIL"]);
  const f = byRaw(result, "c = FAIL");
  assert.equal(f.status, "failed");
  // −1 on itself only.
  assert.equal(f.visits, 1);
  assert.equal(f.q, -1);
  assert.match(f.error ?? "", /NameError/);
  // Verification re-runs the whole solution so far.
  assert.ok(sandbox.runs.includes("b = 2\nprint(b)"));
});

test("MCTS rollouts 2 and 3: hand-computed UCT choices, Q and visits", async () => {
  // Rollout 2: root has 1 visit → A: 0.3, B: 0.75 → B. Under B (2 visits):
  //   B1: 0.7 + 2·sqrt(ln 2 / 2) = 1.877410, B2: 0.2 + 2·sqrt(ln 2 / 1) = 1.865109 → B1 → terminal again.
  // Rollout 3: root has 2 visits → A: 0.3 + 2·sqrt(ln 2) = 1.965109, B: 0.8 + 2·sqrt(ln 2 / 3) = 1.761350 → A,
  //   whose only candidate fails: −1 on that candidate alone, and A has nothing open below it.
  close(0.7 + 2 * Math.sqrt(Math.log(2) / 2), 1.8774100225154747);
  const events: SearchEvent[] = [];
  const { result, policy } = await scenario(3, events);
  const root = result.tree.find((n) => n.parent === null)!;
  assert.equal(root.visits, 2);
  close(root.q, 0.9);
  const b = byRaw(result, "b = 2");
  assert.equal(b.visits, 3);
  close(b.q, 0.8);
  const b1 = byRaw(result, "print(b)");
  assert.equal(b1.visits, 3);
  close(b1.q, 2.3 / 3);
  assert.equal(byRaw(result, ANSWER).visits, 2);
  const b2 = byRaw(result, "b2 = 3");
  assert.equal(b2.visits, 1);
  close(b2.q, 0.2);
  const a = byRaw(result, "a = 1");
  assert.equal(a.status, "verified");
  assert.equal(a.visits, 1);
  close(a.q, 0.3);
  const a2 = byRaw(result, "a2 = FAIL");
  assert.equal(a2.status, "failed");
  close(a2.q, -1);
  assert.equal(policy.calls.length, 4);
  const selected = events.filter((e) => e.type === "node-selected").map((e) => (e as { id: number }).id);
  assert.deepEqual(selected, [b.id, b1.id, byRaw(result, ANSWER).id, b.id, b1.id, byRaw(result, ANSWER).id, a.id]);
  assert.equal(result.answer, "2");
  assert.equal(result.trajectories[0].verified, true);
  assert.deepEqual(result.trajectories[0].steps.map((s) => s.raw), ["b = 2", "print(b)", ANSWER]);
  close(result.trajectories[0].score, 0.9);
  assert.equal(result.stats.rolloutsDone, 3);
  assert.equal(result.stats.policyCalls, 4);
});

test("MCTS: events come in order (started, added → verified → scored → backed-up, finished last)", async () => {
  const events: SearchEvent[] = [];
  const { result } = await scenario(1, events);
  assert.equal(events[0].type, "started");
  assert.equal(events[events.length - 1].type, "finished");
  const seen = new Map<number, string[]>();
  for (const e of events) {
    const id = "id" in e ? e.id : e.type === "node-added" ? e.node.id : undefined;
    if (id !== undefined) seen.set(id, [...(seen.get(id) ?? []), e.type]);
  }
  const t = byRaw(result, ANSWER);
  assert.deepEqual(seen.get(t.id), ["node-added", "node-verified", "node-scored", "node-selected"]);
  assert.deepEqual(seen.get(byRaw(result, "c = FAIL").id), ["node-added", "node-verified", "node-pruned"]);
  const backed = events.findIndex((e) => e.type === "backed-up");
  const scored = events.findIndex((e) => e.type === "node-scored" && e.id === t.id);
  assert.ok(backed > scored);
  const b = events[backed] as { path: number[]; value: number };
  assert.equal(b.value, 0.9);
  assert.equal(b.path[b.path.length - 1], result.tree.find((n) => n.parent === null)!.id);
  assert.equal(events.filter((e) => e.type === "rollout-done").length, 1);
});

test("MCTS: max depth makes answerless paths invalid (−1), and the search stops when nothing is open", async () => {
  // Every step proposes two new steps; nothing ever answers.
  const policy = new ScriptedPolicy((req) => [{ text: `s${req.previousSteps.length}a = 1` }, { text: `s${req.previousSteps.length}b = 2` }]);
  const result = await runSearch("loop", { policy, sandbox: new ScriptedSandbox() }, { rollouts: 50, expansions: 2, maxDepth: 3, widen: 0 });
  assert.ok(result.tree.every((n) => n.depth <= 3));
  const deep = result.tree.filter((n) => n.depth === 3);
  assert.ok(deep.length > 0);
  for (const n of deep) {
    assert.equal(n.status, "invalid");
    assert.equal(n.q, -1);
    assert.equal(n.visits, 1);
  }
  assert.equal(result.answer, undefined);
  assert.equal(result.groups.length, 0);
  // Without a reward model every score is 0.
  assert.ok(result.tree.filter((n) => n.status === "verified" && n.parent !== null).every((n) => n.score === 0));
  // Stopped early: the full binary tree to depth 3 has 7 expandable nodes.
  assert.ok(result.stats.rolloutsDone < 50);
  assert.equal(result.stats.policyCalls, 7);
  // The best partial path is still reported.
  assert.equal(result.trajectories.length, 1);
  assert.equal(result.trajectories[0].answer, undefined);
});

test("MCTS: the rollout budget is respected", async () => {
  const policy = new ScriptedPolicy((req) => [{ text: `x${req.previousSteps.length} = ${req.seed}` }]);
  const result = await runSearch("p", { policy, sandbox: new ScriptedSandbox() }, { rollouts: 2, expansions: 1, maxDepth: 16, widen: 0 });
  // A single chain never answers: the first rollout goes down to max depth (invalid there), and the second
  // finds nothing open, so it does not count.
  assert.equal(result.stats.rolloutsDone, 1);
  assert.equal(result.stats.policyCalls, 16);
  const r2 = await runSearch("p", { policy: new ScriptedPolicy(SCRIPT), reward: new ScriptedRewardModel(SCORES), sandbox: new ScriptedSandbox() }, { rollouts: 2, expansions: 4 });
  assert.equal(r2.stats.rolloutsDone, 2);
});

// Widening. A policy that is sure of itself: each partial solution's first call writes one step in every
// candidate, and its later calls (new seeds) write the step after it in `then`.
function surePolicy(then: Record<string, ScriptedCandidate[]>, first: Record<string, ScriptedCandidate[]>) {
  const calls = new Map<string, number>();
  return new ScriptedPolicy((req, key) => {
    const k = calls.get(key) ?? 0;
    calls.set(key, k + 1);
    const list = (k === 0 ? first[key] : then[key]) ?? first[key] ?? [];
    return Array.from({ length: req.n }, (_, i) => list[i % list.length]).filter(Boolean);
  });
}
const SURE_FIRST: Record<string, ScriptedCandidate[]> = {
  "": [{ text: "x = 5" }],
  "x = 5": [{ text: "\\boxed{5}", stop: "answer" }],
  "y = 7": [{ text: "\\boxed{7}", stop: "answer" }],
};
const SURE_THEN: Record<string, ScriptedCandidate[]> = { "": [{ text: "y = 7" }] };

test("MCTS widen 0: a policy that writes one step every time leaves one path, and later rollouts generate nothing", async () => {
  const policy = surePolicy(SURE_THEN, SURE_FIRST);
  const result = await runSearch("p", { policy, sandbox: new ScriptedSandbox() }, { rollouts: 10, expansions: 4, widen: 0 });
  assert.equal(policy.calls.length, 2, "the root and x = 5, each expanded once");
  assert.equal(result.stats.rolloutsDone, 10);
  assert.equal(result.trajectories.length, 1);
  assert.equal(byRaw(result, "\\boxed{5}").visits, 10, "every rollout revisited the one terminal");
});

test("MCTS widening: a rollout that would only revisit a terminal expands the shallowest step again and goes down the new one", async () => {
  const events: SearchEvent[] = [];
  const policy = surePolicy(SURE_THEN, SURE_FIRST);
  const result = await runSearch("p", { policy, sandbox: new ScriptedSandbox() }, { rollouts: 2, expansions: 4, widen: 1 }, { onEvent: (e) => events.push(e) });
  // Rollout 1: root → x = 5 → \boxed{5}. Rollout 2: the root again (new seeds: y = 7, four times, kept once),
  // then y = 7's expansion → \boxed{7}.
  assert.deepEqual(policy.calls.map((c) => prefixKey(c.previousSteps)), ["", "x = 5", "", "y = 7"]);
  assert.deepEqual(result.trajectories.map((t) => t.answer).sort(), ["5", "7"]);
  const root = result.tree.find((n) => n.parent === null)!;
  assert.equal(root.visits, 2, "each terminal backed up once");
  const y = byRaw(result, "y = 7");
  const selected = events.filter((e) => e.type === "node-selected").map((e) => (e as { id: number }).id);
  const x = byRaw(result, "x = 5");
  assert.deepEqual(selected, [x.id, byRaw(result, "\\boxed{5}").id, x.id, y.id, byRaw(result, "\\boxed{7}").id]);
  // Each sample counts in the vote: the root drew 8 candidates, 4 of each step.
  for (const t of result.trajectories) close(t.share!, 1 / 2);
});

test("MCTS widening stops at `widen` more expansions of each step, shallowest first, and where only duplicates came", async () => {
  // The root writes a new step on each of its first three calls; x = 5 only ever writes its answer.
  let rootCalls = 0;
  const steps = ["x = 5", "y = 6", "z = 7"];
  const policy = new ScriptedPolicy((req, key) => {
    if (key === "") return [{ text: steps[Math.min(rootCalls++, steps.length - 1)] }];
    return [{ text: `\\boxed{${key.slice(-1)}}`, stop: "answer" }];
  });
  const result = await runSearch("p", { policy, sandbox: new ScriptedSandbox() }, { rollouts: 20, expansions: 1, widen: 2 });
  const keys = policy.calls.map((c) => prefixKey(c.previousSteps));
  // The root twice more (widen 2: y = 6, z = 7), each new step expanded at once; then, as rollouts reach them,
  // each of the three again (its answer again: only a duplicate, so never again); then nothing may widen and
  // rollouts revisit terminals.
  assert.deepEqual(keys, ["", "x = 5", "", "y = 6", "", "z = 7", "x = 5", "y = 6", "z = 7"]);
  assert.deepEqual(result.trajectories.map((t) => t.answer).sort(), ["5", "6", "7"]);
  assert.equal(result.stats.rolloutsDone, 20);
  const root = result.tree.find((n) => n.parent === null)!;
  assert.equal(root.visits, 20 - 3, "every rollout but the three that widened in vain backed a terminal up");
  // A policy that only repeats itself: the root is expanded again once, x = 5 once, and no more.
  const sure = new ScriptedPolicy(SURE_FIRST);
  const same = await runSearch("p", { policy: sure, sandbox: new ScriptedSandbox() }, { rollouts: 20, expansions: 4, widen: 3 });
  assert.deepEqual(sure.calls.map((c) => prefixKey(c.previousSteps)), ["", "x = 5", "", "x = 5"]);
  close(same.trajectories[0].share!, 1);
  assert.equal(byRaw(same, "\\boxed{5}").visits, 20 - 2);
});

test("MCTS widening: a root whose candidates all failed is expanded again", async () => {
  const policy = surePolicy({ "": [{ text: "x = 5" }] }, { "": [{ text: "x = FAIL" }], "x = 5": [{ text: "\\boxed{5}", stop: "answer" }] });
  const stuck = await runSearch("p", { policy, sandbox: new ScriptedSandbox() }, { rollouts: 4, expansions: 2, widen: 0 });
  assert.equal(stuck.answer, undefined);
  assert.equal(stuck.stats.rolloutsDone, 1, "widen 0: nothing is open after the first rollout");
  const policy2 = surePolicy({ "": [{ text: "x = 5" }] }, { "": [{ text: "x = FAIL" }], "x = 5": [{ text: "\\boxed{5}", stop: "answer" }] });
  const widened = await runSearch("p", { policy: policy2, sandbox: new ScriptedSandbox() }, { rollouts: 4, expansions: 2, widen: 1 });
  assert.equal(widened.answer, "5");
  assert.equal(byRaw(widened, "x = FAIL").status, "failed");
});

test("MCTS: an answer step without a box is an invalid terminal", async () => {
  const policy = new ScriptedPolicy({
    "": [{ text: "print(3)", stop: "code" }],
    "print(3)": [{ text: "The answer is three.", stop: "answer" }],
  });
  const result = await runSearch("p", { policy, sandbox: new ScriptedSandbox() }, { rollouts: 1, expansions: 2 });
  const n = byRaw(result, "The answer is three.");
  assert.equal(n.status, "invalid");
  assert.equal(n.q, -1);
  // −1 stays on the node: its parent is untouched by it.
  assert.equal(byRaw(result, "print(3)").visits, 1);
  assert.equal(byRaw(result, "print(3)").status, "verified");
  assert.equal(byRaw(result, "print(3)").q, 0);
});

test("MCTS: several searches vote; majority and score-weighted votes differ as scripted", async () => {
  // Search s gets seeds from s·1000003: searches 0 and 1 answer 5 (as 5 and 10/2) with low scores,
  // search 2 answers 7 with a high score.
  const policy = new ScriptedPolicy((req) => {
    const s = Math.floor(req.seed / 1_000_003);
    const ans = ["5", "\\frac{10}{2}", "7"][s];
    return [{ text: `The answer is \\boxed{${ans}}`, stop: "answer" }];
  });
  const reward = new ScriptedRewardModel((t) => (t.includes("{7}") ? 0.9 : 0.1));
  const parts = { policy, reward, sandbox: new ScriptedSandbox() };
  const majority = await runSearch("p", parts, { searches: 3, rollouts: 1, expansions: 1 });
  assert.equal(majority.answer, "5");
  assert.equal(majority.groups[0].votes, 2);
  assert.equal(majority.groups[0].share, 2, "each search's best trajectory is one vote, whatever its share in its tree");
  close(majority.groups[0].weight, 0.2);
  assert.equal(majority.groups[1].answer, "7");
  assert.equal(majority.trajectories[0].answer, "5");
  assert.equal(policy.resets, 3);
  const weighted = await runSearch("p", parts, { searches: 3, rollouts: 1, expansions: 1, vote: "weighted" });
  assert.equal(weighted.answer, "7");
  // Ranking the finished search again: the same options give the same ranking, another vote rule its own.
  const again = await rerank(majority, { options: majority.options });
  assert.deepEqual([again.answer, again.groups.map((g) => g.votes), again.trajectories], [majority.answer, majority.groups.map((g) => g.votes), majority.trajectories]);
  assert.equal((await rerank(majority, { options: { ...majority.options, vote: "weighted" } })).answer, "7");
  // Every group member index points at a trajectory with an equal answer.
  for (const g of majority.groups) for (const m of g.members) assert.ok(majority.trajectories[m].answer !== undefined);
});

test("MCTS majority counts the samples that duplicate removal dropped, not just distinct paths", async () => {
  // The policy writes "x = 5" three times in four candidates (two copies differ only in spaces and are
  // dropped), and "y = 7" once; below "y = 7" it writes two different steps that both answer 7.
  const script: Record<string, ScriptedCandidate[]> = {
    "": [{ text: "x = 5" }, { text: "x =  5" }, { text: "y = 7" }, { text: "x = 5 " }],
    "x = 5": [{ text: "\\boxed{5}", stop: "answer" }],
    "y = 7": [{ text: "print(y)", stop: "code" }, { text: "z = y" }],
    "y = 7 > print(y)": [{ text: "\\boxed{7}", stop: "answer" }],
    "y = 7 > z = y": [{ text: "\\boxed{7}", stop: "answer" }],
  };
  const result = await runSearch("p", { policy: new ScriptedPolicy(script), sandbox: new ScriptedSandbox() }, { rollouts: 12, expansions: 4, widen: 0 });
  const shares = new Map(result.trajectories.map((t) => [t.steps.map((s) => s.raw).join(" > "), t.share]));
  assert.equal(shares.size, 3, "three distinct trajectories");
  close(shares.get("x = 5 > \\boxed{5}")!, 3 / 4);
  close(shares.get("y = 7 > print(y) > \\boxed{7}")!, 1 / 8);
  close(shares.get("y = 7 > z = y > \\boxed{7}")!, 1 / 8);
  // Counting distinct paths, 7 would win two to one; counting samples, 5 wins 3/4 to 1/4.
  assert.deepEqual(result.groups.map((g) => [g.answer, g.votes]), [["5", 1], ["7", 2]]);
  close(result.groups[0].share!, 3 / 4);
  close(result.groups[1].share!, 1 / 4);
  assert.equal(result.answer, "5");
  assert.equal((await rerank(result, { options: result.options })).answer, "5");
  // Equal shares fall back to votes: the same tree with "y = 7" written as often as "x = 5".
  const even = { ...script, "": [{ text: "x = 5" }, { text: "y = 7" }, { text: "x =  5" }, { text: "y =  7" }] };
  const tied = await runSearch("p", { policy: new ScriptedPolicy(even), sandbox: new ScriptedSandbox() }, { rollouts: 12, expansions: 4, widen: 0 });
  assert.deepEqual(tied.groups.map((g) => [g.answer, g.votes, g.share]), [["7", 2, 0.5], ["5", 1, 0.5]]);
});

test("MCTS with grounding 'guide': a step that writes a number from nowhere starts at −1 and the search goes elsewhere", async () => {
  const problem = "Ann has 12 pens and buys 30 more. How many pens does she have?";
  const script: Record<string, ScriptedCandidate[]> = {
    "": [{ text: "s = 12 + 37" }, { text: "s = 12 + 30" }],
    "s = 12 + 37": [{ text: "\\boxed{49}", stop: "answer" }],
    "s = 12 + 30": [{ text: "\\boxed{42}", stop: "answer" }],
  };
  // The PPM prefers the miscopied step.
  const reward = new ScriptedRewardModel((t) => (t.includes("37") ? 0.9 : 0.1));
  const run = (grounding: "guide" | "prefer") =>
    runSearch(problem, { policy: new ScriptedPolicy(script), reward, sandbox: new ScriptedSandbox() }, { rollouts: 1, expansions: 2, grounding });
  const guided = await run("guide");
  const first = (r: SearchResult, raw: string) => r.tree.find((n) => n.raw === raw)!;
  assert.equal(first(guided, "s = 12 + 37").q, -1);
  assert.ok(first(guided, "s = 12 + 30").visits > 1, "the one rollout went down the grounded step");
  assert.equal(first(guided, "s = 12 + 37").visits, 1);
  assert.equal(guided.answer, "42");
  const ranked = await run("prefer");
  assert.ok(first(ranked, "s = 12 + 37").visits > 1, "without guide the rollout follows the PPM");
  assert.equal(first(ranked, "s = 12 + 37").score, 0.9);
});

test("equal answers form one group: 2/4, 0.5 and \\frac{1}{2}", async () => {
  const answers = ["2/4", "0.5", "\\frac{1}{2}", "3"];
  const policy = new ScriptedPolicy({ "": answers.map((a) => ({ text: `So \\boxed{${a}}`, stop: "answer" as const })) });
  const result = await runSearch("p", { policy, sandbox: new ScriptedSandbox() }, { strategy: "self-consistency", samples: 4 });
  assert.equal(result.groups.length, 2);
  assert.equal(result.groups[0].votes, 3);
  assert.equal(result.groups[1].answer, "3");
});

test("cancellation mid-search returns the partial tree with cancelled: true", async () => {
  const controller = new AbortController();
  const policy = new ScriptedPolicy(SCRIPT);
  policy.onCall = (_req, i) => {
    if (i === 2) controller.abort();
  };
  const events: SearchEvent[] = [];
  const result = await runSearch(
    "p",
    { policy, reward: new ScriptedRewardModel(SCORES), sandbox: new ScriptedSandbox() },
    { rollouts: 8, expansions: 4 },
    { signal: controller.signal, onEvent: (e) => events.push(e) },
  );
  assert.equal(result.cancelled, true);
  assert.equal(policy.calls.length, 3);
  assert.ok(result.tree.length >= 6);
  assert.equal(result.answer, undefined);
  // The best path found so far is reported.
  assert.deepEqual(result.trajectories[0].steps.map((s) => s.raw), ["b = 2", "print(b)"]);
  assert.equal(events[events.length - 1].type, "finished");

  const pre = new AbortController();
  pre.abort();
  const early = await runSearch("p", { policy: new ScriptedPolicy(SCRIPT), sandbox: new ScriptedSandbox() }, {}, { signal: pre.signal });
  assert.equal(early.cancelled, true);
  assert.equal(early.trajectories.length, 0);
});

test("run.terminalValue labels terminals (+1/−1) instead of the PPM score", async () => {
  const { result } = await (async () => {
    const policy = new ScriptedPolicy(SCRIPT);
    const result = await runSearch("p", { policy, reward: new ScriptedRewardModel(SCORES), sandbox: new ScriptedSandbox() }, { rollouts: 1, expansions: 4 }, {
      terminalValue: (answer) => (answer === "3" ? 1 : -1),
    });
    return { result };
  })();
  const root = result.tree.find((n) => n.parent === null)!;
  close(root.q, -1);
  close(byRaw(result, "b = 2").q, (0.6 - 1) / 2);
});

test("exportTree and preferencePairs: chosen Q > 0, rejected Q < 0 under the same parent", async () => {
  const { result } = await scenario(3);
  const exported = exportTree(result);
  assert.equal(exported.nodes.length, result.tree.length);
  const f = exported.nodes.find((n) => n.text === "c = FAIL")!;
  assert.equal(f.verified, false);
  assert.equal(f.score, null);
  assert.equal(exported.nodes.find((n) => n.text === "print(b)")!.verified, true);
  // Each step as the reward model reads it (what a PPM is trained on); the root has none.
  assert.equal(exported.nodes.find((n) => n.text === "b = 2")!.rendered, "b = 2\n<end_of_step>\n");
  assert.equal(f.rendered, "c = FAIL\n<end_of_step>\n");
  assert.equal(exported.nodes.find((n) => n.parent === null)!.rendered, null);
  assert.doesNotThrow(() => JSON.stringify(exported));
  // The ranked trajectories, each ending at a node of the tree, with what the ranking filtered on.
  assert.equal(exported.trajectories.length, result.trajectories.length);
  assert.deepEqual(exported.trajectories.map((t) => t.answer), result.trajectories.map((t) => t.answer ?? null));
  for (const t of exported.trajectories) {
    const leaf = exported.nodes.find((n) => n.id === t.leaf);
    assert.ok(leaf && leaf.parent !== null, `trajectory leaf ${t.leaf} is a step of the tree`);
    assert.equal(typeof t.verified, "boolean");
  }
  const pairs = preferencePairs(result, { minGap: 0.5 });
  // Under the root: B (0.8) and A (0.3) over F (failed, −1), largest gap first; A is not negative, so it is
  // never rejected.
  assert.deepEqual(pairs.map((p) => [p.prefix.length, p.chosen, p.rejected]), [[0, "b = 2", "c = FAIL"], [0, "a = 1", "c = FAIL"]]);
  for (const p of pairs) assert.ok(p.chosenQ > 0 && p.rejectedQ < 0 && p.chosenQ - p.rejectedQ >= 0.5);
  assert.equal(preferencePairs(result, { minGap: 1.5 }).length, 1);
  // Thresholds are options.
  assert.ok(preferencePairs(result, { minGap: 0, minChosenQ: -2, maxRejectedQ: 2 }).length > pairs.length);
});

test("defaultSearchOptions: paper defaults in one place", () => {
  const d = defaultSearchOptions();
  assert.equal(d.c, 2);
  assert.equal(d.maxDepth, 16);
  assert.equal(d.maxOutputChars, 1024);
  assert.equal(defaultSearchOptions("greedy").temperature, 0);
  assert.equal(defaultSearchOptions("self-consistency").voteTopK, 0);
});

test("bad options and input fail with a clear message", async () => {
  const parts = { policy: new ScriptedPolicy({}), sandbox: new ScriptedSandbox() };
  await assert.rejects(runSearch("p", parts, { rollouts: 0 }), /rollouts must be a whole number ≥ 1/);
  await assert.rejects(runSearch("p", parts, { topP: 2 }), /topP/);
  await assert.rejects(runSearch("  ", parts), /problem is empty/);
  await assert.rejects(runSearch("p", parts, { strategy: "dfs" as never }), /Unknown strategy 'dfs'/);
});

test("an answer that misquotes the printed output is not verified", async () => {
  const misquote = "The answer is \\boxed{3}";
  const policy = new ScriptedPolicy({
    "": [{ text: "b = 2" }],
    "b = 2": [{ text: "print(b)", stop: "code" }],
    "b = 2 > print(b)": [{ text: misquote, stop: "answer" }],
  });
  const result = await runSearch("What is b?", { policy, reward: new ScriptedRewardModel({}), sandbox: new ScriptedSandbox() }, { strategy: "greedy" });
  const [t] = result.trajectories;
  assert.equal(t.answer, "3");
  assert.equal(t.answerMatchesOutput, false);
  assert.equal(t.verified, false, "every step ran, but the answer contradicts the output 2");
  const { result: good } = await scenario(1);
  assert.equal(good.trajectories[0].answerMatchesOutput, true);
  assert.equal(good.trajectories[0].verified, true);
});

test("answers that misquote the printed output do not outvote a verified one", async () => {
  const policy = new ScriptedPolicy({
    "": [{ text: "b = 2" }],
    "b = 2": [{ text: "print(b)", stop: "code" }],
    "b = 2 > print(b)": [
      { text: "The answer is \\boxed{3}", stop: "answer" },
      { text: "The answer is \\boxed{3.0}", stop: "answer" },
      { text: "The answer is \\boxed{2}", stop: "answer" },
    ],
  });
  const parts = { policy, reward: new ScriptedRewardModel({}), sandbox: new ScriptedSandbox() };
  const result = await runSearch("What is b?", parts, { strategy: "mcts", rollouts: 4, expansions: 3 });
  const answered = result.trajectories.filter((t) => t.answer !== undefined);
  assert.equal(answered.length, 3, "all three answers finished");
  assert.equal(answered.filter((t) => !t.verified).length, 2, "two of them misquote the output 2");
  assert.equal(result.answer, "2", "two unverified votes for 3 lose to one verified vote for 2");
  assert.deepEqual(result.groups.map((g) => [g.answer, g.votes]), [["2", 1]]);
  assert.equal(result.trajectories[0].answer, "2");
});
