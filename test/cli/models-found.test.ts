// `stepwise models` as a user with models in other tools runs it: the files laid out as Ollama, LM Studio and
// the Hugging Face cache keep them (under a temporary HOME) are listed with role and prompt style, and a search
// runs on the found Ollama blob in place.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import type { DiscoveredModel } from "../../src/inference/discovery";
import { makeLayout, type Layout } from "../inference/discovery-layout";
import { ROOT, runCli, tempDir, TINY, TINY_PROBLEM } from "./helpers";

let layout: Layout | undefined;
let skip: string | undefined;
let env: NodeJS.ProcessEnv = {};

before(() => {
  try {
    layout = makeLayout(ROOT, TINY);
  } catch (e) {
    skip = (e as Error).message;
    return;
  }
  env = { HOME: layout.home, USERPROFILE: layout.home, STEPWISE_MODELS_DIR: tempDir("stepwise-downloads-"), OLLAMA_MODELS: "", HF_HOME: "", HF_HUB_CACHE: "", XDG_CACHE_HOME: "" };
});
after(() => {
  if (layout) rmSync(layout.home, { recursive: true, force: true });
});

test("models list shows what is on the machine, with role and prompt style", async (t) => {
  if (skip) return t.skip(skip);
  const r = await runCli(["models", "list"], { env });
  assert.equal(r.code, 0, r.stderr);
  const onMachine = r.stdout.slice(r.stdout.indexOf("On this machine:"));
  assert.match(onMachine, /Ollama\s+qwen2\.5-math:(1\.5b|latest)\n\s+policy \(chatml prompt\).*llama · .* params · Q8_0 · .* · context 4096/);
  assert.match(onMachine, /Ollama\s+hf\.co\/QuantFactory\/math-shepherd-mistral-7b-prm-GGUF:Q4_K_M\n\s+reward \(math-shepherd\)/);
  assert.match(onMachine, /LM Studio\s+lmstudio-community\/TinyBase-GGUF\/TinyBase-1M-F32\.gguf\n\s+policy \(fewshot prompt\)/);
  assert.match(onMachine, /Hugging Face cache\s+QuantFactory\/math-shepherd-mistral-7b-prm-GGUF\/math-shepherd-mistral-7b-prm\.Q8_0\.gguf\n\s+reward/);
  assert.match(onMachine, /node-llama-cpp\s+hf_Qwen_Qwen2\.5-Math-1\.5B-Instruct\.Q8_0\.gguf/);
  assert.doesNotMatch(onMachine, /mmproj|notes\.gguf|evil|gone|junk/);
});

test("solve runs on a found Ollama blob where it lies (no copy, no download)", async (t) => {
  if (skip) return t.skip(skip);
  const r = await runCli(["models", "found", "--json"], { env });
  assert.equal(r.code, 0, r.stderr);
  const found = JSON.parse(r.stdout) as DiscoveredModel[];
  const tiny = found.find((d) => d.source === "ollama" && d.name === "stepwise-tiny:latest");
  assert.ok(tiny, `the fixture's blob is listed: ${found.map((d) => d.name).join(", ")}`);
  assert.equal(tiny.path, layout!.tinyBlob);
  assert.equal(tiny.promptStyle, "rstar");
  const s = await runCli(["solve", TINY_PROBLEM, "--strategy", "greedy", "--policy", tiny.path, "--reward", tiny.path, "--reward-format", "stepwise-ppm", "--threads", "1"], { env });
  assert.equal(s.code, 0, s.stderr);
  assert.match(s.stdout, /Final answer: 31/);
  assert.match(s.stdout, /Final answer: 31\s+— verified: the code ran/);
  // in place: the downloads folder is still empty
  const { readdirSync } = await import("node:fs");
  assert.deepEqual(readdirSync(env.STEPWISE_MODELS_DIR!), []);
});
