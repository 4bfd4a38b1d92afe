// Samples complete code solutions (up to <end_of_code>) from a GGUF policy with node-llama-cpp, threads 1.
// Used for the quick pipeline's search-free checks and, when the CLI's search is unavailable, for
// rollout-based Q-value labels. One JSON line per problem: {index, answer, samples: [{text, stop}]}.
//   node models/train/sample.mjs model.gguf problems.jsonl out.jsonl --k 16 --temperature 1 --offset 0 --limit 100
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    k: { type: "string", default: "16" },
    temperature: { type: "string", default: "1" },
    "top-p": { type: "string", default: "1" },
    seed: { type: "string", default: "0" },
    offset: { type: "string", default: "0" },
    limit: { type: "string", default: "1000000" },
    "max-tokens": { type: "string", default: "700" },
  },
});
const [modelPath, problemsPath, outPath] = positionals;
if (!outPath) {
  console.error("usage: node sample.mjs <model.gguf> <problems.jsonl> <out.jsonl> [--k N --temperature T ...]");
  process.exit(2);
}
const k = Number(values.k);
const temperature = Number(values.temperature);
const offset = Number(values.offset);
const problems = readFileSync(problemsPath, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l))
  .slice(offset, offset + Number(values.limit));
const header = (q) =>
  `<|user|>:\n${q.trim()}\n<|assistant|>: Let's think step by step and solve the problem with code.\n<code>\n`;

const { getLlama, LlamaCompletion } = await import("node-llama-cpp");
const llama = await getLlama({ gpu: false, logLevel: "error" });
const model = await llama.loadModel({ modelPath });
const context = await model.createContext({ contextSize: 2048, threads: 1, sequences: 1 });
const completion = new LlamaCompletion({ contextSequence: context.getSequence() });
writeFileSync(outPath, "");
const t0 = Date.now();
let tokens = 0;
for (const [j, p] of problems.entries()) {
  const prompt = [model.tokens.bos, ...model.tokenize(header(p.question), false)];
  const samples = [];
  for (let i = 0; i < k; i++) {
    const r = await completion.generateCompletionWithMeta(prompt, {
      maxTokens: Number(values["max-tokens"]),
      temperature,
      topP: Number(values["top-p"]),
      seed: Number(values.seed) + i,
      customStopTriggers: ["<end_of_code>", "<end_of_answer>"],
      repeatPenalty: false,
    });
    const n = model.tokenize(r.response, false).length + 1;
    tokens += n;
    samples.push({ text: r.response, stop: r.metadata.stopReason, tokens: n });
  }
  appendFileSync(outPath, JSON.stringify({ index: offset + j, question: p.question, answer: p.answer, samples }) + "\n");
}
const secs = (Date.now() - t0) / 1000;
console.error(JSON.stringify({ problems: problems.length, samples: problems.length * k, generatedTokens: tokens,
  seconds: secs, tokensPerSecond: Math.round(tokens / secs) }));
await context.dispose();
await model.dispose();
