// A real MCTS search on the engineered fixture (policy and PPM through node-llama-cpp; the sandbox is the
// engine's scripted double, not Python): per-model figures add up, and the reward model reads each token of
// the tree it scores once.
import { test } from "node:test";
import assert from "node:assert/strict";
import { runSearch } from "../../src/engine";
import type { RewardModel, ScoreRequest } from "../../src/engine/types";
import { STEPWISE_PPM } from "../../src/engine/steps/reward-descriptors";
import { loadModelsHere } from "../../src/inference/load";
import { LlamaRewardModel } from "../../src/inference/reward";
import { ScriptedSandbox } from "../engine/doubles";
import { PROBLEM, TINY } from "./fixtures";

test("an MCTS search reports what each model spent, and the reward model reads its tree once", async () => {
  const m = await loadModelsHere({ policyPath: TINY, threads: 1, contextSize: 1024, sequences: 4 });
  const model = (m.policy as unknown as { model: LlamaRewardModel["model"] }).model;
  const ctx = await model.createContext({ contextSize: 1024, threads: 1, sequences: 2 });
  // the fixture's steps are single tokens: a threshold of 0 makes every branch worth keeping
  const ppm = new LlamaRewardModel(model, ctx, STEPWISE_PPM, { forkThreshold: 0 });
  const scored: ScoreRequest[] = [];
  const reward: RewardModel = { name: ppm.name, scoreSteps: (req) => (scored.push(req), ppm.scoreSteps(req)) };
  try {
    const r = await runSearch(PROBLEM, { policy: m.policy, reward, sandbox: new ScriptedSandbox() }, {
      strategy: "mcts",
      rollouts: 8,
      expansions: 4,
      temperature: 1,
      seed: 3,
    });
    const s = r.stats;
    assert.ok(s.rewardCalls >= 4 && s.policyCalls >= 2, `${s.policyCalls} policy calls, ${s.rewardCalls} reward calls`);
    assert.equal(s.policy.tokensEvaluated + s.reward.tokensEvaluated, s.tokensEvaluated);
    assert.equal(s.policy.tokensGenerated + s.reward.tokensGenerated, s.tokensGenerated);
    assert.ok(Math.abs(s.policy.modelMs + s.reward.modelMs - s.modelMs) < 1e-6);
    assert.equal(s.reward.tokensGenerated, 0);
    assert.ok(s.policy.tokensGenerated > 0 && s.reward.tokensEvaluated > 0 && s.policy.modelMs > 0 && s.reward.modelMs > 0);
    const seen = new Set<string>();
    for (const req of scored) {
      const t = ppm.layout(req.problem, req.steps).tokens;
      for (let i = 1; i <= t.length; i++) seen.add(t.slice(0, i).join(","));
    }
    assert.equal(s.reward.tokensEvaluated, seen.size, `${scored.length} trajectories scored`);
  } finally {
    await ppm.dispose();
    await ctx.dispose();
    await m.dispose();
  }
});
