// Model discovery: GGUF files laid out as Ollama, LM Studio, the Hugging Face cache and node-llama-cpp lay them
// out under a temporary HOME are found, described through node-llama-cpp, given the right role and prompt
// style, and load in place (test/cli runs a search on a found Ollama blob).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { discoverModels, guessRole, type DiscoveredModel } from "../../src/inference/discovery";
import { loadModelsHere } from "../../src/inference/load";
import { makeLayout, type Layout } from "./discovery-layout";
import { MODELS_DIR, TINY } from "./fixtures";

let layout: Layout | undefined;
let skip: string | false = false;
let found: DiscoveredModel[] = [];

before(async () => {
  try {
    layout = makeLayout(resolve(MODELS_DIR, ".."), TINY);
  } catch (e) {
    skip = (e as Error).message;
    return;
  }
  found = await discoverModels({ home: layout.home, env: {}, projectModelsDir: null, downloadsDir: null });
});
after(() => {
  if (layout) rmSync(layout.home, { recursive: true, force: true });
});

const byPath = (p: string) => found.find((d) => d.path === p);

test("every tool's layout is found, once per file, and nothing else", (t) => {
  if (skip) return t.skip(skip);
  const l = layout!;
  const paths = found.map((d) => d.path).sort();
  assert.deepEqual(paths, [l.tinyBlob, l.qwenBlob, l.shepherdBlob, l.lmStudioBase, l.lmStudioTiny, l.hfSnapshotFile, l.nodeLlamaCppFile].sort());
  assert.equal(new Set(paths).size, paths.length, "the two Ollama tags of one blob are listed once");
  const names = Object.fromEntries(found.map((d) => [d.path, `${d.source} ${d.name}`]));
  assert.equal(names[l.qwenBlob].startsWith("ollama qwen2.5-math:"), true);
  assert.equal(names[l.tinyBlob], "ollama stepwise-tiny:latest");
  assert.equal(names[l.shepherdBlob], "ollama hf.co/QuantFactory/math-shepherd-mistral-7b-prm-GGUF:Q4_K_M");
  assert.equal(names[l.lmStudioBase], "lm-studio lmstudio-community/TinyBase-GGUF/TinyBase-1M-F32.gguf");
  assert.equal(names[l.lmStudioTiny], "lm-studio stepwise/tiny-GGUF/stepwise-tiny.gguf");
  assert.equal(names[l.hfSnapshotFile], "huggingface QuantFactory/math-shepherd-mistral-7b-prm-GGUF/math-shepherd-mistral-7b-prm.Q8_0.gguf");
  assert.equal(names[l.nodeLlamaCppFile], "node-llama-cpp hf_Qwen_Qwen2.5-Math-1.5B-Instruct.Q8_0.gguf");
});

test("facts come from the file: architecture, parameters, quantisation, size, context length", async (t) => {
  if (skip) return t.skip(skip);
  const m = await import("node-llama-cpp");
  for (const d of found) {
    // parameters: the tensor table's element counts, summed here independently of GgufInsights
    const info = await m.readGgufFileInfo(d.path, { logWarnings: false });
    const expected = (info.fullTensorInfo ?? []).reduce((s, t) => s + t.dimensions.reduce((a: number, b) => a * Number(b), 1), 0);
    assert.equal(d.parameters, expected, d.name);
    assert.equal(d.architecture, "llama", d.name);
  }
  const qwen = byPath(layout!.qwenBlob)!;
  assert.equal(qwen.quantization, "Q8_0");
  assert.equal(qwen.contextLength, 4096);
  const base = byPath(layout!.lmStudioBase)!;
  assert.equal(base.quantization, "F32");
  assert.equal(base.contextLength, 1024);
  assert.equal(byPath(layout!.tinyBlob)!.contextLength, 2048);
  const { statSync } = await import("node:fs");
  for (const d of found) assert.equal(d.sizeBytes, statSync(d.path).size);
});

test("role and prompt style: ChatML policy, few-shot base, rstar for Stepwise's own, PRMs as reward", (t) => {
  if (skip) return t.skip(skip);
  const l = layout!;
  const qwen = byPath(l.qwenBlob)!;
  assert.equal(qwen.role, "policy");
  assert.equal(qwen.promptStyle, "chatml", "the chat template is ChatML");
  assert.equal(byPath(l.nodeLlamaCppFile)!.promptStyle, "chatml");
  const base = byPath(l.lmStudioBase)!;
  assert.equal(base.role, "policy");
  assert.equal(base.promptStyle, "fewshot", "no chat template");
  // an Ollama blob is named by digest: Stepwise's model is recognised by its metadata name
  assert.equal(byPath(l.tinyBlob)!.promptStyle, "rstar");
  assert.equal(byPath(l.lmStudioTiny)!.promptStyle, "rstar");
  for (const p of [l.shepherdBlob, l.hfSnapshotFile]) {
    const d = byPath(p)!;
    assert.equal(d.role, "reward", d.name);
    assert.equal(d.rewardFormat, "math-shepherd", d.name);
    assert.match(d.roleReason, /prm|shepherd/);
  }
  // the guess on names alone
  assert.equal(guessRole(["Qwen2.5-Math-7B-Instruct-Q4_K_M.gguf"]).role, "policy");
  assert.equal(guessRole(["Llama3.1-8B-PRM-Mistral-Data.Q4_K_M.gguf"]).rewardFormat, "rlhflow");
  assert.equal(guessRole(["stepwise-ppm.gguf"]).rewardFormat, "stepwise-ppm");
  assert.equal(guessRole(["prompt-engineer-7b.gguf"]).role, "policy", "'prm' inside a word is not a PRM");
});

test("found files load in place with the prompt style and reward format discovery showed", async (t) => {
  if (skip) return t.skip(skip);
  for (const p of [layout!.tinyBlob, layout!.qwenBlob, layout!.lmStudioBase]) {
    const d = byPath(p)!;
    const models = await loadModelsHere({ policyPath: d.path, threads: 1, contextSize: 512, sequences: 1 });
    try {
      assert.equal(models.info.promptStyle, d.promptStyle, d.name);
    } finally {
      await models.dispose();
    }
  }
  // a PRM named by its digest: the loader reads the same metadata name discovery did
  const shepherd = byPath(layout!.shepherdBlob)!;
  const models = await loadModelsHere({ policyPath: layout!.qwenBlob, rewardPath: shepherd.path, threads: 1, contextSize: 512, sequences: 1 });
  try {
    assert.equal(models.info.rewardDescriptor, shepherd.rewardFormat);
  } finally {
    await models.dispose();
  }
});

test("missing tool folders are no error; a file limit bounds the walk", async (t) => {
  if (skip) return t.skip(skip);
  assert.deepEqual(await discoverModels({ home: join(layout!.home, "nobody"), env: {}, projectModelsDir: null, downloadsDir: null }), []);
  const few = await discoverModels({ home: layout!.home, env: {}, projectModelsDir: null, downloadsDir: null, maxFiles: 2 });
  assert.ok(few.length <= 2);
});
