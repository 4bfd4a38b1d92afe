// The Python GGUF writer's tokenizer (models/tools/gguf_writer.py, used to train our models) must split text
// exactly as llama.cpp does, or a trained model would see different tokens at inference.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { getRuntime } from "../../src/inference/runtime";
import { MODELS_DIR, SCRIPT, TINY } from "./fixtures";

const TEXTS = [
  "<|user|>:\nTom has 3 boxes with 12 apples each.\n<|assistant|>: Let's think step by step and solve the problem with code.\n<code>\n",
  SCRIPT.chunks.S1_GOOD + "ки" + SCRIPT.chunks.S2_WRONG + SCRIPT.chunks.OUT_41 + "ки",
  "naïve ünïcode — 3×4 = 12 ✓ <end_of_step>x<end_of_code>  two  spaces\n\ttab",
  "# Step 1: Tom has 3 boxes of 12 apples each.\napples = 3 * 12\n<end_of_step>",
];

test("ByteSpmVocab.encode matches llama.cpp's tokenization of the fixture vocabulary", async (t) => {
  const script = [
    "import json, sys",
    `sys.path.insert(0, ${JSON.stringify(join(MODELS_DIR, "fixtures"))})`,
    `sys.path.insert(0, ${JSON.stringify(join(MODELS_DIR, "tools"))})`,
    "import make_tiny",
    "from gguf_writer import byte_spm_vocab, DEFAULT_EXTRA_TOKENS",
    "chunks = {}",
    "chunks.update(make_tiny.S1); chunks.update(make_tiny.S2)",
    "for v, name in make_tiny.OUTPUTS.items(): chunks[name] = make_tiny.out_tail(v); chunks['ANS_' + v] = make_tiny.answer(v)",
    "vocab = byte_spm_vocab(list(DEFAULT_EXTRA_TOKENS) + [make_tiny.CODE_NL] + list(chunks.values()))",
    "texts = json.load(sys.stdin)",
    "print(json.dumps([vocab.encode(x, add_bos=False) for x in texts]))",
  ].join("\n");
  const py = spawnSync("python3", ["-c", script], { input: JSON.stringify(TEXTS), encoding: "utf8" });
  if (py.error || (py.status !== 0 && /No module named 'numpy'/.test(py.stderr))) {
    t.skip(`python3 with numpy is not available here: ${py.error?.message ?? py.stderr.trim()}`);
    return;
  }
  assert.equal(py.status, 0, py.stderr);
  const fromPython: number[][] = JSON.parse(py.stdout);
  const llama = await getRuntime({ gpu: false });
  const model = await llama.loadModel({ modelPath: TINY });
  try {
    TEXTS.forEach((text, i) => assert.deepEqual(fromPython[i], [...model.tokenize(text)], `text ${i}`));
  } finally {
    await model.dispose();
  }
});
