// The process reward model on the real runtime: the engineered fixture's tag head gives
// P("+") = sigmoid(mean quality of the steps so far) (models/fixtures/make_tiny.py).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { loadModelsHere } from "../../src/inference/load";
import type { LoadedModels } from "../../src/inference/load";
import { LlamaRewardModel } from "../../src/inference/reward";
import { MATH_SHEPHERD, POLICY_AS_JUDGE, STEPWISE_PPM } from "../../src/engine/steps/reward-descriptors";
import { PROBLEM, SCRIPT, TINY, sigmoid } from "./fixtures";

let models: LoadedModels;
const C = SCRIPT.chunks;
const Q = SCRIPT.quality;
const good = [C.S1_GOOD, C.S2_GOOD + C.OUT_31, C.ANS_31];
const bad = [C.S1_WRONG, C.S2_GOOD + C.OUT_10, C.ANS_10];
const expected = (names: string[]) =>
  names.map((_, i) => {
    const qs = names.slice(0, i + 1).map((n) => Q[n]);
    return 2 * sigmoid(qs.reduce((a, b) => a + b, 0) / qs.length) - 1;
  });

before(async () => {
  models = await loadModelsHere({ policyPath: TINY, rewardPath: TINY, threads: 1, contextSize: 1024, sequences: 1 });
});
after(async () => {
  await models?.dispose();
});

test("our own model files get the stepwise-ppm format; the tag follows each step", async () => {
  assert.equal(models.info.rewardDescriptor, "stepwise-ppm");
  const r = models.reward as LlamaRewardModel;
  const { tokens, probes } = r.layout(PROBLEM, good);
  assert.equal(probes.length, 3);
  for (const p of probes) assert.equal(tokens[p], SCRIPT.ids.TAG);
  assert.equal(tokens[probes[0] - 1], SCRIPT.ids.S1_GOOD);
});

test("every step is scored in one pass, mapped to [-1, 1], as engineered", async () => {
  const r = await models.reward!.scoreSteps({ problem: PROBLEM, steps: good });
  const want = expected(["S1_GOOD", "S2_GOOD", "ANS_31"]);
  assert.equal(r.scores.length, 3);
  r.scores.forEach((s, i) => assert.ok(Math.abs(s - want[i]) < 0.01, `step ${i}: ${s} vs ${want[i]}`));
  const b = await models.reward!.scoreSteps({ problem: PROBLEM, steps: bad });
  const wantBad = expected(["S1_WRONG", "S2_GOOD", "ANS_10"]);
  b.scores.forEach((s, i) => assert.ok(Math.abs(s - wantBad[i]) < 0.01, `bad step ${i}: ${s} vs ${wantBad[i]}`));
  assert.ok(b.scores[0] < 0 && r.scores[0] > 0.7);
  assert.ok(b.scores[2] < r.scores[2]);
  for (const s of [...r.scores, ...b.scores]) assert.ok(s >= -1 && s <= 1);
});

// llama.cpp computes a token in a batch of a different shape with float32 rounding differences of ~1e-8;
// "no number changes" is checked to 1e-6, far below anything a search could notice.
const close = (a: number[], b: number[]) => {
  assert.equal(a.length, b.length);
  a.forEach((x, i) => assert.ok(Math.abs(x - b[i]) < 1e-6, `score ${i}: ${x} vs ${b[i]}`));
};

test("prefix reuse changes no number: growing trajectories score as fresh evaluations", async () => {
  const reuse = models.reward as LlamaRewardModel;
  await reuse.reset();
  const fresh = new LlamaRewardModel(reuse.model, await reuse.model.createContext({ contextSize: 1024, threads: 1 }), STEPWISE_PPM, { reuse: false });
  try {
    const trajectories = [
      [C.S1_GOOD],
      [C.S1_GOOD, C.S2_WRONG + C.OUT_41],
      [C.S1_GOOD, C.S2_WRONG + C.OUT_41, C.ANS_41],
      [C.S1_GOOD, C.S2_GOOD + C.OUT_31],
      [C.S1_FAIL],
      [C.S1_GOOD, C.S2_GOOD + C.OUT_31, C.ANS_31],
    ];
    let reusedTokens = 0;
    let freshTokens = 0;
    for (const steps of trajectories) {
      const a = await reuse.scoreSteps({ problem: PROBLEM, steps });
      const b = await fresh.scoreSteps({ problem: PROBLEM, steps });
      close(a.scores, b.scores);
      reusedTokens += a.tokensEvaluated;
      freshTokens += b.tokensEvaluated;
    }
    assert.ok(reusedTokens < freshTokens / 3, `${reusedTokens} vs ${freshTokens}`);
    // the same trajectory again costs nothing
    const again = await reuse.scoreSteps({ problem: PROBLEM, steps: trajectories[5] });
    assert.equal(again.tokensEvaluated, 0);
  } finally {
    await fresh.dispose();
    await fresh.context.dispose();
  }
});

test("other families' formats: probes land at the tag / question positions", async () => {
  const model = (models.reward as LlamaRewardModel).model;
  const ctx = await model.createContext({ contextSize: 2048, threads: 1, sequences: 2 });
  try {
    const ms = new LlamaRewardModel(model, ctx, MATH_SHEPHERD, { sequences: 1 });
    const { tokens, probes } = ms.layout(PROBLEM, ["a", "b"]);
    for (const p of probes) assert.equal(tokens[p], SCRIPT.ids.TAG);
    // the fixture's tag averages the chunk tokens it sees; Math-Shepherd trims steps, and the answer chunk
    // (no trailing whitespace) survives that: quality 3
    const ms2 = await ms.scoreSteps({ problem: PROBLEM, steps: [C.ANS_31] });
    assert.ok(Math.abs(ms2.scores[0] - (2 * sigmoid(3) - 1)) < 0.01, String(ms2.scores[0]));
    const judge = new LlamaRewardModel(model, ctx, POLICY_AS_JUDGE, { sequences: 1 });
    const j = await judge.scoreSteps({ problem: PROBLEM, steps: good });
    assert.equal(j.scores.length, 3);
    for (const s of j.scores) assert.ok(s >= -1 && s <= 1 && Number.isFinite(s));
    await ms.dispose();
    await judge.dispose();
  } finally {
    await ctx.dispose();
  }
});

/** Distinct prefixes among token arrays: what a model must read at least once to see them all. */
function trieSize(arrays: readonly (readonly number[])[]): number {
  const seen = new Set<string>();
  for (const a of arrays) for (let i = 1; i <= a.length; i++) seen.add(a.slice(0, i).join(","));
  return seen.size;
}

test("branches stay cached: scoring in tree-search order reads each token of the tree once, numbers unchanged", async () => {
  const model = (models.reward as LlamaRewardModel).model;
  // a tree search's order: the root's children, the children of one that was not scored last, another
  // branch, then back down the first one
  const order = [
    [C.S1_GOOD],
    [C.S1_WRONG],
    [C.S1_FAIL],
    [C.S1_GOOD, C.S2_GOOD + C.OUT_31],
    [C.S1_GOOD, C.S2_WRONG + C.OUT_41],
    [C.S1_WRONG, C.S2_GOOD + C.OUT_10],
    [C.S1_GOOD, C.S2_GOOD + C.OUT_31, C.ANS_31],
    [C.S1_GOOD, C.S2_WRONG + C.OUT_41, C.ANS_41],
    [C.S1_WRONG, C.S2_GOOD + C.OUT_10, C.ANS_10],
  ];
  const freshCtx = await model.createContext({ contextSize: 1024, threads: 1 });
  const fresh = new LlamaRewardModel(model, freshCtx, STEPWISE_PPM, { reuse: false });
  try {
    for (const sequences of [1, 2]) {
      const ctx = await model.createContext({ contextSize: 1024, threads: 1, sequences });
      // the fixture's steps are single tokens: a threshold of 0 makes every branch worth keeping
      const r = new LlamaRewardModel(model, ctx, STEPWISE_PPM, { forkThreshold: 0 });
      try {
        let evaluated = 0;
        for (const steps of order) {
          const a = await r.scoreSteps({ problem: PROBLEM, steps });
          close(a.scores, (await fresh.scoreSteps({ problem: PROBLEM, steps })).scores);
          evaluated += a.tokensEvaluated;
        }
        const unique = trieSize(order.map((steps) => r.layout(PROBLEM, steps).tokens));
        assert.equal(evaluated, unique, `${sequences} sequence(s): ${evaluated} evaluated, ${unique} in the tree`);
        assert.ok(r.stateLoads > 0 && r.stateSaves > 0, `${r.stateSaves} saves, ${r.stateLoads} loads`);
      } finally {
        await r.dispose();
        await ctx.dispose();
      }
    }
    // without saved states one sequence must re-read the branches it left
    const ctx = await model.createContext({ contextSize: 1024, threads: 1 });
    const plain = new LlamaRewardModel(model, ctx, STEPWISE_PPM, { forkThreshold: 0, stateBudgetBytes: 0 });
    let evaluated = 0;
    for (const steps of order) evaluated += (await plain.scoreSteps({ problem: PROBLEM, steps })).tokensEvaluated;
    assert.ok(evaluated > trieSize(order.map((steps) => plain.layout(PROBLEM, steps).tokens)));
    await plain.dispose();
    await ctx.dispose();
  } finally {
    await fresh.dispose();
    await freshCtx.dispose();
  }
});
