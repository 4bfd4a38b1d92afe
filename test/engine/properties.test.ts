// Property-based tests of tree invariants on random scripted searches (test doubles, random scripts).
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { answersEqual, runSearch } from "../../src/engine";
import type { SearchResult, StrategyName, TreeNodeSnapshot } from "../../src/engine/types";
import { ScriptedPolicy, ScriptedRewardModel, ScriptedSandbox, type ScriptedCandidate } from "./doubles";

/** Small deterministic hash → [0, 1). */
function rand(...parts: (string | number)[]): number {
  let h = 2166136261;
  for (const ch of parts.join("|")) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return ((h >>> 0) % 100000) / 100000;
}

interface World {
  seed: number;
  pFail: number;
  pAnswer: number;
  pDup: number;
}

function randomPolicy(w: World): ScriptedPolicy {
  return new ScriptedPolicy((req, key) => {
    const out: ScriptedCandidate[] = [];
    for (let i = 0; i < req.n; i++) {
      const r = rand(w.seed, key, req.seed, i);
      if (i > 0 && rand("dup", w.seed, key, i) < w.pDup) out.push(out[i - 1]);
      else if (r < w.pFail) out.push({ text: `bad${i} = FAIL` });
      else if (r < w.pFail + w.pAnswer) out.push({ text: `So \\boxed{${Math.floor(rand("a", key, i) * 3)}}`, stop: "answer" });
      else out.push({ text: `v${req.previousSteps.length}_${Math.floor(r * 1e5)} = ${i}` });
    }
    return out;
  });
}

/** Visits a node records on itself alone: one for its initial value, except terminals (their value is a backup). */
const local = (n: TreeNodeSnapshot) => (n.parent === null || n.status === "terminal" || n.status === "pending" ? 0 : 1);

function checkTree(result: SearchResult, maxDepth: number): void {
  const kids = new Map<number, TreeNodeSnapshot[]>();
  for (const n of result.tree) if (n.parent !== null) kids.set(n.parent, [...(kids.get(n.parent) ?? []), n]);
  for (const n of result.tree) {
    assert.ok(n.q >= -1 - 1e-12 && n.q <= 1 + 1e-12, `q ${n.q}`);
    assert.ok(n.depth <= maxDepth);
    const children = kids.get(n.id) ?? [];
    if (n.status === "failed" || n.status === "invalid" || n.status === "terminal") assert.equal(children.length, 0, n.status);
    if (result.strategy !== "mcts") {
      // No backup outside MCTS: each scored node holds one visit whose value is its score (−1 when failed).
      if (n.parent !== null && n.status !== "pending") {
        assert.equal(n.visits, 1);
        if (n.status === "failed" || n.status === "invalid") assert.equal(n.q, -1);
        else if (!Number.isNaN(n.score)) assert.ok(Math.abs(n.q - n.score) < 1e-12, `q ${n.q} score ${n.score}`);
      }
      continue;
    }
    if (n.status === "terminal") continue;
    // Backed-up visits are conserved: what passed through a node passed through exactly one of its children.
    const through = children.reduce((s, c) => s + c.visits - local(c), 0);
    assert.ok(n.visits >= through, "parent visits ≥ children's backed-up visits");
    assert.equal(n.visits - local(n), through);
  }
  for (const t of result.trajectories) {
    if (t.verified) {
      assert.ok(t.answer !== undefined);
      assert.ok(t.steps.every((s) => s.verified), "verified trajectory with an unverified step");
    }
    assert.ok(t.score >= -1 && t.score <= 1);
    assert.ok(t.share !== undefined && t.share > 0 && t.share <= 1, `share ${t.share}`);
  }
  // Shares are the chance of sampling each path: one tree's terminals together never exceed 1.
  const bySource = new Map<number, number>();
  for (const t of result.trajectories) if (t.answer !== undefined) bySource.set(t.source, (bySource.get(t.source) ?? 0) + t.share!);
  for (const [source, sum] of bySource) assert.ok(sum <= 1 + 1e-9, `tree ${source}: shares sum to ${sum}`);
  const inTree = result.tree.reduce((s, n) => s + n.tokenCount, 0);
  assert.ok(result.stats.tokensInTree >= inTree);
  assert.ok(result.stats.tokensGenerated >= inTree, "every node's tokens were generated");
  const votes = result.groups.reduce((s, g) => s + g.votes, 0);
  assert.ok(votes <= result.trajectories.filter((t) => t.answer !== undefined).length);
  for (const g of result.groups) for (const m of g.members) assert.notEqual(answersEqual(result.trajectories[m].answer!, g.answer), false);
}

const worldArb = fc.record({
  seed: fc.integer({ min: 0, max: 1e6 }),
  pFail: fc.double({ min: 0, max: 0.5, noNaN: true }),
  pAnswer: fc.double({ min: 0, max: 0.5, noNaN: true }),
  pDup: fc.double({ min: 0, max: 0.5, noNaN: true }),
});

test("MCTS invariants hold on random trees", async () => {
  await fc.assert(
    fc.asyncProperty(
      worldArb,
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 1, max: 8 }),
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 1, max: 3 }),
      fc.boolean(),
      async (w, expansions, rollouts, maxDepth, searches, withReward) => {
        const reward = withReward ? new ScriptedRewardModel((t) => rand("score", w.seed, t) * 2 - 1) : undefined;
        const result = await runSearch("p", { policy: randomPolicy(w), reward, sandbox: new ScriptedSandbox() }, {
          expansions,
          rollouts,
          maxDepth,
          searches,
          seed: w.seed,
        });
        assert.ok(result.stats.rolloutsDone <= rollouts * searches);
        assert.equal(result.cancelled, false);
        checkTree(result, maxDepth);
      },
    ),
    { numRuns: 150 },
  );
});

test("every strategy keeps the invariants", async () => {
  const strategies: StrategyName[] = ["beam", "greedy", "self-consistency", "best-of-n"];
  await fc.assert(
    fc.asyncProperty(worldArb, fc.constantFrom(...strategies), fc.integer({ min: 1, max: 5 }), async (w, strategy, maxDepth) => {
      const reward = new ScriptedRewardModel((t) => rand("score", w.seed, t) * 2 - 1);
      const result = await runSearch("p", { policy: randomPolicy(w), reward, sandbox: new ScriptedSandbox() }, {
        strategy,
        maxDepth,
        samples: 4,
        beamWidth: 2,
        expansions: 3,
        seed: w.seed,
      });
      checkTree(result, maxDepth);
    }),
    { numRuns: 80 },
  );
});

test("cancelling at any policy call never throws and returns a consistent partial tree", async () => {
  await fc.assert(
    fc.asyncProperty(worldArb, fc.integer({ min: 0, max: 12 }), async (w, abortAt) => {
      const controller = new AbortController();
      const policy = randomPolicy(w);
      policy.onCall = (_req, i) => {
        if (i === abortAt) controller.abort();
      };
      const result = await runSearch("p", { policy, sandbox: new ScriptedSandbox() }, { rollouts: 6, expansions: 3, maxDepth: 4 }, { signal: controller.signal });
      assert.equal(result.cancelled, controller.signal.aborted);
      assert.ok(policy.calls.length <= abortAt + 1);
      for (const n of result.tree) assert.ok(n.q >= -1 && n.q <= 1);
    }),
    { numRuns: 60 },
  );
});

test("answers: integers equal exactly, fractions equal their decimals, equality is symmetric", () => {
  fc.assert(
    fc.property(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: -1e6, max: 1e6 }), (a, b) => {
      assert.equal(answersEqual(String(a), String(b)), a === b);
      assert.equal(answersEqual(a.toLocaleString("en-US"), String(a)), true);
    }),
  );
  fc.assert(
    fc.property(fc.integer({ min: -999, max: 999 }), fc.integer({ min: 1, max: 999 }), (p, q) => {
      assert.equal(answersEqual(`\\frac{${p}}{${q}}`, (p / q).toPrecision(8)), true);
      assert.equal(answersEqual(`\\frac{${p}}{${q}}`, `${p}/${q}`), true);
      assert.equal(answersEqual(`\\frac{${p}}{${q}}`, `\\frac{${p + 1}}{${q}}`), false);
    }),
  );
});
