// The policy on the real node-llama-cpp runtime with the engineered fixture (models/fixtures/stepwise-tiny.gguf).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { renderStep } from "../../src/engine/steps/format";
import { loadModelsHere } from "../../src/inference/load";
import type { LoadedModels } from "../../src/inference/load";
import { LlamaPolicy } from "../../src/inference/policy";
import type { ProposeRequest } from "../../src/engine/types";
import { MODELS_DIR, PROBLEM, RANDOM_TINY, SCRIPT, TINY, chunkBody } from "./fixtures";

let models: LoadedModels;
const base: ProposeRequest = { problem: PROBLEM, previousSteps: [], n: 1, temperature: 0, topP: 1, seed: 0, maxTokens: 64 };

before(async () => {
  models = await loadModelsHere({ policyPath: TINY, threads: 1, contextSize: 1024, sequences: 4 });
});
after(async () => {
  await models?.dispose();
});

test("greedy candidates follow the script and stop at each marker", async () => {
  const p = models.policy;
  assert.equal(models.info.promptStyle, "rstar");
  const r1 = await p.propose({ ...base, n: 2 });
  assert.equal(r1.candidates.length, 2);
  for (const c of r1.candidates) {
    assert.equal(c.text, chunkBody("S1_GOOD"));
    assert.equal(c.stopReason, "step");
    assert.equal(c.tokenCount, 1);
    assert.ok(!c.text.includes("<end_of_step>"));
  }
  const s1 = renderStep(r1.candidates[0]);
  assert.equal(s1, SCRIPT.chunks.S1_GOOD);
  const r2 = await p.propose({ ...base, previousSteps: [s1] });
  assert.equal(r2.candidates[0].text, chunkBody("S2_GOOD"));
  assert.equal(r2.candidates[0].stopReason, "code");
  const s2 = renderStep(r2.candidates[0], "31\n");
  const r3 = await p.propose({ ...base, previousSteps: [s1, s2] });
  assert.equal(r3.candidates[0].text, "Tom has \\boxed{31} apples left.");
  assert.equal(r3.candidates[0].stopReason, "answer");
  // after the answer the model ends: an eos candidate with no text
  const r4 = await p.propose({ ...base, previousSteps: [s1, s2, renderStep(r3.candidates[0])] });
  assert.equal(r4.candidates[0].stopReason, "eos");
  assert.equal(r4.candidates[0].text, "");
});

test("sampling at temperature 1 gives the engineered variety, and the same seed the same candidates", async () => {
  const req = { ...base, n: 60, temperature: 1, topP: 1, seed: 7 };
  const a = await models.policy.propose(req);
  const b = await models.policy.propose(req);
  assert.deepEqual(a.candidates, b.candidates);
  const counts = new Map<string, number>();
  for (const c of a.candidates) counts.set(c.text, (counts.get(c.text) ?? 0) + 1);
  const good = counts.get(chunkBody("S1_GOOD")) ?? 0;
  const wrong = counts.get(chunkBody("S1_WRONG")) ?? 0;
  const fail = counts.get(chunkBody("S1_FAIL")) ?? 0;
  assert.equal(good + wrong + fail, 60, `unexpected texts: ${[...counts.keys()].join(" | ")}`);
  // binomial(60, 0.6 / 0.3 / 0.1): these bounds are > 4 standard deviations wide
  assert.ok(good >= 20 && good <= 52, `good ${good}`);
  assert.ok(wrong >= 5 && wrong <= 34, `wrong ${wrong}`);
  assert.ok(fail >= 1 && fail <= 18, `fail ${fail}`);
  const c = await models.policy.propose({ ...req, seed: 8 });
  assert.notDeepEqual(c.candidates, a.candidates);
});

test("parallel and sequential generation give the same candidates for the same seed", async () => {
  const seqModels = await loadModelsHere({ policyPath: TINY, threads: 1, contextSize: 1024, sequences: 1 });
  try {
    const req = { ...base, n: 12, temperature: 1, seed: 3 };
    const par = await models.policy.propose(req);
    const ser = await seqModels.policy.propose(req);
    assert.deepEqual(par.candidates, ser.candidates);
  } finally {
    await seqModels.dispose();
  }
});

test("token accounting: prefix reuse evaluates only new tokens; the naive mode re-reads the prompt", async () => {
  const p = models.policy as LlamaPolicy;
  await p.reset();
  const root = await p.propose({ ...base, n: 4 });
  const { tokens: rootPrompt, headerLength } = p.promptTokens(PROBLEM, []);
  assert.equal(root.promptTokens, headerLength);
  assert.equal(root.tokensGenerated, 4);
  // one slot reads the prompt but its last token; the three others copy that state (the prompt is longer
  // than forkThreshold); each slot then reads the last prompt token while generating. Single-token steps
  // add nothing more.
  assert.equal(root.tokensEvaluated, rootPrompt.length - 1 + 4);
  assert.deepEqual(p.cachedTokenCounts(), [1, 2, 3, 4].map(() => rootPrompt.length));
  const s1 = renderStep(root.candidates[0]);
  const child = await p.propose({ ...base, n: 4, previousSteps: [s1] });
  // every slot already holds the prompt and the step token it generated: 1 token each
  assert.equal(child.tokensEvaluated, 4);
  // the sequences hold what the counts say: the prompt, then the prompt plus the step token
  assert.deepEqual(p.cachedTokenCounts(), [1, 2, 3, 4].map(() => rootPrompt.length + 1));
  const naive = await loadModelsHere({ policyPath: TINY, threads: 1, contextSize: 1024, sequences: 4, cache: "naive" });
  try {
    const n1 = await naive.policy.propose({ ...base, n: 4, previousSteps: [s1] });
    const full = (naive.policy as LlamaPolicy).promptTokens(PROBLEM, [s1]).tokens.length;
    assert.equal(n1.tokensEvaluated, 4 * full);
    assert.deepEqual(n1.candidates, child.candidates);
  } finally {
    await naive.dispose();
  }
});

test("the few-shot and chatml prompt styles run on the same model", async () => {
  for (const promptStyle of ["fewshot", "chatml"] as const) {
    const m = await loadModelsHere({ policyPath: TINY, threads: 1, contextSize: 2048, sequences: 1, promptStyle });
    try {
      const r = await m.policy.propose(base);
      // both headers end in "<code>\n", the token the script starts from
      assert.equal(r.candidates[0].text, chunkBody("S1_GOOD"));
    } finally {
      await m.dispose();
    }
  }
});

test("maxTokens stops noise, and cancellation mid-generation frees the sequences", async () => {
  const m = await loadModelsHere({ policyPath: RANDOM_TINY, threads: 1, contextSize: 2048, sequences: 4, promptStyle: "rstar" });
  try {
    const short = await m.policy.propose({ ...base, n: 2, temperature: 1, maxTokens: 5 });
    for (const c of short.candidates) {
      assert.equal(c.stopReason, "maxTokens");
      assert.equal(c.tokenCount, 5);
    }
    // Greedy, so that the comparison below cannot flip on the last bits of a logit: the sequences decode in one
    // batch whose make-up depends on timing, and a sampled token at temperature 1 can change with it.
    const fresh = await m.policy.propose({ ...base, n: 4, temperature: 0, maxTokens: 30 });
    const ac = new AbortController();
    // cancel mid-generation: once the sequences have produced a few tokens (each new token is decoded once)
    const model = (m.policy as LlamaPolicy).model;
    const detokenize = model.detokenize.bind(model);
    let decoded = 0;
    model.detokenize = (tokens, ...rest) => {
      if (++decoded === 20) ac.abort();
      return detokenize(tokens, ...rest);
    };
    const started = Date.now();
    const aborted = await m.policy.propose({ ...base, n: 8, temperature: 1, maxTokens: 1500, signal: ac.signal });
    model.detokenize = detokenize;
    assert.ok(Date.now() - started < 5000, "cancellation took too long");
    assert.ok(aborted.candidates.every((c) => c.stopReason === "abort"));
    assert.ok(aborted.candidates.some((c) => c.tokenCount > 0 && c.tokenCount < 1500));
    // the sequences are free again and the next request is unaffected by the cancelled one
    const again = await m.policy.propose({ ...base, n: 4, temperature: 0, maxTokens: 30 });
    assert.deepEqual(again.candidates, fresh.candidates);
  } finally {
    await m.dispose();
  }
});

test("stop markers are found without decoding the whole output again for every token", async () => {
  const m = await loadModelsHere({ policyPath: RANDOM_TINY, threads: 1, contextSize: 2048, sequences: 1, promptStyle: "rstar" });
  try {
    const model = (m.policy as LlamaPolicy).model;
    const detokenize = model.detokenize.bind(model);
    let decoded = 0;
    model.detokenize = (tokens, ...rest) => {
      decoded += tokens.length;
      return detokenize(tokens, ...rest);
    };
    const r = await m.policy.propose({ ...base, n: 1, temperature: 1, seed: 5, maxTokens: 400 });
    const n = r.candidates[0].tokenCount;
    assert.ok(n >= 200, `the noise model stopped after ${n} tokens (${r.candidates[0].stopReason})`);
    // a window of at most 20 tokens per new token, and the whole output once; re-decoding everything would be n²/2
    assert.ok(decoded <= 21 * n, `${decoded} tokens decoded for ${n} generated`);
  } finally {
    await m.dispose();
  }
});

test("a branch whose slot was reused is loaded back, not evaluated again", async () => {
  const counts: number[] = [];
  for (const stateBudgetBytes of [undefined, 0]) {
    const llama = await loadModelsHere({ policyPath: RANDOM_TINY, threads: 1, contextSize: 2048, sequences: 4, promptStyle: "rstar" });
    const p = new LlamaPolicy((llama.policy as LlamaPolicy).model, await (llama.policy as LlamaPolicy).model.createContext({ contextSize: 2048, threads: 1, sequences: 4 }), { promptStyle: "rstar", stateBudgetBytes });
    try {
      // 8 candidates in 4 slots: the second wave takes the slots of the first
      const root = await p.propose({ ...base, n: 8, temperature: 1, seed: 21, maxTokens: 12 });
      const first = root.candidates[0];
      assert.equal(first.tokenCount, 12);
      const step = renderStep(first);
      const child = await p.propose({ ...base, previousSteps: [step], n: 4, temperature: 1, seed: 40, maxTokens: 4 });
      const { tokens, headerLength } = p.promptTokens(PROBLEM, [step]);
      // the slot that generated the candidate held the header and all its tokens but the last (sampled, not read)
      const needed = tokens.length - 1 - (headerLength + first.tokenCount - 1);
      counts.push(child.tokensEvaluated - child.tokensGenerated);
      if (stateBudgetBytes === undefined) {
        assert.equal(counts[0], needed, `${counts[0]} prompt tokens evaluated, ${needed} needed`);
        assert.ok(p.stateLoads > 0);
      }
    } finally {
      await p.dispose();
      await p.context.dispose();
      await llama.dispose();
    }
  }
  // without saved states the step's tokens are read again
  assert.ok(counts[1] >= counts[0] + 11, `${counts[1]} vs ${counts[0]}`);
});

test("the shipped policy samples sibling candidates the same way on every run: no race between sequences sampled at once", async () => {
  // Four sequences sample each round together. Before they were queued in the order of their sequence ids,
  // llama.cpp's lazy reordering of a batch's logits raced with node-llama-cpp's parallel sampling: two runs of
  // these 30 calls differed on every try. The same calls twice, each in a fresh context, must agree.
  const problem = "Pedro has 5 more marbles than Lucy. Lucy has 17 marbles. How many marbles do they have together?";
  const run = async (): Promise<string[]> => {
    const m = await loadModelsHere({ policyPath: join(MODELS_DIR, "stepwise-policy.gguf"), threads: 1, contextSize: 2048, sequences: 4 });
    try {
      const texts: string[] = [];
      let previous: string[] = [];
      for (let i = 0; i < 30; i++) {
        const r = await m.policy.propose({ problem, previousSteps: previous, n: 4, temperature: 1, topP: 0.95, seed: 4 * i, maxTokens: 128 });
        texts.push(...r.candidates.map((c) => c.text));
        previous = i % 5 === 4 ? [] : [...previous, renderStep(r.candidates[i % 4])];
      }
      return texts;
    } finally {
      await m.dispose();
    }
  };
  const a = await run();
  assert.ok(new Set(a).size > 20, "the calls sample different candidates");
  assert.deepEqual(await run(), a);
});

test("a disposed policy refuses new work with a clear error", async () => {
  const m = await loadModelsHere({ policyPath: TINY, threads: 1, contextSize: 512, sequences: 1 });
  await m.dispose();
  await assert.rejects(m.policy.propose(base), /disposed/);
});
