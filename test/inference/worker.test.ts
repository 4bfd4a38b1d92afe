// The same policy and reward model through the worker thread (dist/inference-worker.js): identical results
// to the direct path, cancellation across threads, errors carried back.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { loadModels } from "../../src/inference/load";
import type { LoadedModels } from "../../src/inference/load";
import type { ProposeRequest } from "../../src/engine/types";
import { PROBLEM, RANDOM_TINY, SCRIPT, TINY } from "./fixtures";

let direct: LoadedModels;
let remote: LoadedModels;
const req: ProposeRequest = { problem: PROBLEM, previousSteps: [], n: 8, temperature: 1, topP: 0.95, seed: 5, maxTokens: 32 };

before(async () => {
  const opts = { policyPath: TINY, rewardPath: TINY, threads: 1, contextSize: 1024, sequences: 4 };
  direct = await loadModels(opts);
  remote = await loadModels({ ...opts, inWorker: true });
});
after(async () => {
  await direct?.dispose();
  await remote?.dispose();
});

test("the worker's policy proposes exactly what the direct one does", async () => {
  assert.deepEqual(remote.info, direct.info);
  const a = await direct.policy.propose(req);
  const b = await remote.policy.propose(req);
  assert.deepEqual(b.candidates, a.candidates);
  assert.equal(b.promptTokens, a.promptTokens);
  const steps = [SCRIPT.chunks.S1_GOOD];
  const c = await direct.policy.propose({ ...req, previousSteps: steps });
  const d = await remote.policy.propose({ ...req, previousSteps: steps });
  assert.deepEqual(d.candidates, c.candidates);
  assert.equal(d.tokensEvaluated, c.tokensEvaluated);
});

test("the worker's reward model scores exactly what the direct one does", async () => {
  const steps = [SCRIPT.chunks.S1_GOOD, SCRIPT.chunks.S2_WRONG + SCRIPT.chunks.OUT_41, SCRIPT.chunks.ANS_41];
  const a = await direct.reward!.scoreSteps({ problem: PROBLEM, steps });
  const b = await remote.reward!.scoreSteps({ problem: PROBLEM, steps });
  assert.deepEqual(b.scores, a.scores);
});

test("cancelling through the worker stops generation and leaves the worker usable", async () => {
  const m = await loadModels({ policyPath: RANDOM_TINY, threads: 1, contextSize: 4096, sequences: 2, promptStyle: "rstar", inWorker: true });
  try {
    const ac = new AbortController();
    const started = Date.now();
    const p = m.policy.propose({ ...req, n: 2, maxTokens: 3000, signal: ac.signal });
    setTimeout(() => ac.abort(), 100);
    const r = await p;
    assert.ok(Date.now() - started < 5000);
    assert.ok(r.candidates.every((c) => c.stopReason === "abort"), JSON.stringify(r.candidates.map((c) => [c.stopReason, c.tokenCount])));
    const after = await m.policy.propose({ ...req, n: 2, maxTokens: 4 });
    assert.ok(after.candidates.every((c) => c.stopReason === "maxTokens" && c.tokenCount === 4));
  } finally {
    await m.dispose();
  }
});

test("a bad model file is reported from the worker with the file's name", async () => {
  await assert.rejects(loadModels({ policyPath: "/nonexistent/model.gguf", inWorker: true }), /not found: \/nonexistent\/model\.gguf/);
});
