// The Python GGUF writer's tokenizer (models/tools/gguf_writer.py, used to train our models) must split text
// exactly as llama.cpp does, or a trained model would see different tokens at inference.
import { test, type TestContext } from "node:test";
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

/** Runs a Python script that reads the texts as JSON on stdin and prints JSON; skips the test without numpy. */
function runPython<T>(t: TestContext, script: string, texts: string[]): T | undefined {
  const py = spawnSync("python3", ["-c", script], { input: JSON.stringify(texts), encoding: "utf8" });
  if (py.error || (py.status !== 0 && /No module named 'numpy'/.test(py.stderr))) {
    t.skip(`python3 with numpy is not available here: ${py.error?.message ?? py.stderr.trim()}`);
    return undefined;
  }
  assert.equal(py.status, 0, py.stderr);
  return JSON.parse(py.stdout) as T;
}

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
  const fromPython = runPython<number[][]>(t, script, TEXTS);
  if (!fromPython) return;
  const llama = await getRuntime({ gpu: false });
  const model = await llama.loadModel({ modelPath: TINY });
  try {
    TEXTS.forEach((text, i) => assert.deepEqual(fromPython[i], [...model.tokenize(text)], `text ${i}`));
  } finally {
    await model.dispose();
  }
});

// The shipped models use learnt word pieces on top of the bytes (models/train/vocab.json): llama.cpp merges
// them by score (its SPM tokenizer); the training code must merge them the same way, or the models would
// be trained on token sequences they never see at inference.
const MERGED_TEXTS = [
  ...TEXTS,
  "Owen collected 184 toys last month. He splits the toys equally into 4 boxes and keeps one box.",
  "# Step 2: Owen keeps one of 4 equal parts.\ntoys = toys // 4\n<end_of_step>\n# Step 3: 2/6 of them\nlost = toys * 2 // 6\n",
  "print(value)\n<end_of_code>\n<output>1035<end_of_output>\n<answer>The answer is \\boxed{1035}<end_of_answer>",
  "the the  the   toys toystoys eeee heheheh aaaaaaa playgroundplayground Marcos' libraries",
  "  leading and trailing spaces  ",
  "Pяtь кошек ки и ещё ки",
  "x**2 + 3*x - (4/5) == sympy.Rational(4, 5) # done.\n\tif a>=b: pass",
];

test("the trained models' vocabulary splits text exactly as llama.cpp does with the shipped GGUFs", async (t) => {
  const script = [
    "import json, sys",
    `sys.path.insert(0, ${JSON.stringify(join(MODELS_DIR, "train"))})`,
    "from vocab import load_vocab",
    "vocab = load_vocab()",
    "texts = json.load(sys.stdin)",
    "print(json.dumps({'size': len(vocab.tokens), 'ids': [vocab.encode(x, add_bos=False) for x in texts]}))",
  ].join("\n");
  const fromPython = runPython<{ size: number; ids: number[][] }>(t, script, MERGED_TEXTS);
  if (!fromPython) return;
  const llama = await getRuntime({ gpu: false });
  for (const file of ["stepwise-policy.gguf", "stepwise-ppm.gguf"]) {
    const model = await llama.loadModel({ modelPath: join(MODELS_DIR, file) });
    try {
      const tokens = (model.fileInfo.metadata as { tokenizer?: { ggml?: { tokens?: readonly string[] } } }).tokenizer?.ggml?.tokens;
      assert.equal(tokens?.length, fromPython.size, `${file}: vocabulary size`);
      MERGED_TEXTS.forEach((text, i) => assert.deepEqual([...model.tokenize(text)], fromPython.ids[i], `${file}, text ${i}`));
      // the word pieces are in use: far fewer tokens than bytes
      const words = MERGED_TEXTS[4];
      assert.ok(model.tokenize(words).length * 2 < Buffer.byteLength(words), `${file}: no word pieces merged`);
    } finally {
      await model.dispose();
    }
  }
});
