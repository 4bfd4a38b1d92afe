// Saved sequence states on the real node-llama-cpp runtime (random-tiny fixture): loading a state never
// loses it to the budget on the way, and a state that cannot be loaded leaves the slot empty for its tokens
// to be evaluated instead.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { rm } from "node:fs/promises";
import { KvStateStore, type KvSlot } from "../../src/inference/kv-states";
import { loadModelsHere, type LoadedModels } from "../../src/inference/load";
import { LlamaPolicy } from "../../src/inference/policy";
import type { LlamaContext, Token } from "../../src/inference/runtime";
import { PROBLEM, RANDOM_TINY } from "./fixtures";

let llama: LoadedModels;
let context: LlamaContext;
let x: Token[];
let y: Token[];

before(async () => {
  llama = await loadModelsHere({ policyPath: RANDOM_TINY, threads: 1, contextSize: 256, sequences: 1 });
  const model = (llama.policy as LlamaPolicy).model;
  context = await model.createContext({ contextSize: 256, threads: 1, sequences: 1 });
  x = model.tokenize(PROBLEM.repeat(4)).slice(0, 60);
  y = model.tokenize(PROBLEM.toUpperCase().repeat(4)).slice(0, 60);
  assert.equal(x.length, 60);
  assert.notDeepEqual(x.slice(0, 5), y.slice(0, 5));
});
after(async () => {
  await context?.dispose();
  await llama?.dispose();
});

async function slotWith(tokens: Token[]): Promise<KvSlot> {
  const seq = context.sequencesLeft > 0 ? context.getSequence() : undefined;
  assert.ok(seq);
  await seq.evaluateWithoutGeneratingNewTokens(tokens);
  return { seq, covered: 0, used: 0 };
}

test("loading a state into a slot whose own tail is saved first keeps that state, even past the budget", async () => {
  // a budget of one byte: every save is over it, and the older state is what the budget would drop
  const store = new KvStateStore<undefined>({ budgetBytes: 1, threshold: 0, name: "kv-test" });
  const a = await slotWith(x);
  try {
    const sx = await store.save(a, undefined);
    await store.truncate(a, 0, () => undefined); // its tail is the saved state: nothing new is saved
    assert.equal(store.saves, 1);
    await a.seq.evaluateWithoutGeneratingNewTokens(y);
    assert.equal(await store.load(a, sx, () => undefined), true);
    assert.equal(store.saves, 2, "the slot's own tail was saved before the load");
    assert.equal(sx.dropped, false);
    assert.equal(store.loads, 1);
    assert.deepEqual(a.seq.contextTokens, x);
    assert.equal(a.coveredBy, sx);
  } finally {
    a.seq.dispose();
    await store.dispose();
  }
});

test("a state that cannot be loaded (its file is gone): load returns false, the slot is empty, its tokens can be evaluated", async () => {
  const store = new KvStateStore<undefined>({ budgetBytes: 1 << 24, threshold: 0, name: "kv-test" });
  const a = await slotWith(x);
  try {
    const sx = await store.save(a, undefined);
    await rm(sx.file);
    assert.equal(await store.load(a, sx, () => undefined), false);
    assert.equal(store.failedLoads, 1);
    assert.equal(store.loads, 0);
    assert.equal(a.seq.nextTokenIndex, 0);
    assert.equal(a.covered, 0);
    assert.equal(a.coveredBy, undefined);
    await a.seq.evaluateWithoutGeneratingNewTokens(x);
    assert.deepEqual(a.seq.contextTokens, x);
  } finally {
    a.seq.dispose();
    await store.dispose();
  }
});
