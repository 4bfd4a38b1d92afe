// Loads a GGUF with node-llama-cpp (threads: 1) and, for each prompt in a JSON request, reports how
// llama.cpp tokenizes it, the next-token probabilities at every prompt position, and a greedy continuation
// with its probabilities. check_export.py compares all of it with torch.
//   node models/train/check_gguf.mjs model.gguf request.json response.json
import { readFileSync, writeFileSync } from "node:fs";

const [modelPath, reqPath, resPath] = process.argv.slice(2);
if (!resPath) {
  console.error("usage: node check_gguf.mjs <model.gguf> <request.json> <response.json>");
  process.exit(2);
}
const req = JSON.parse(readFileSync(reqPath, "utf8"));
const { getLlama } = await import("node-llama-cpp");
const llama = await getLlama({ gpu: false, logLevel: "error" });
const model = await llama.loadModel({ modelPath });
const context = await model.createContext({ contextSize: 2048, threads: 1, sequences: 1, batchSize: 2048 });
const seq = context.getSequence();
const nVocab = model.tokens.bos !== undefined ? null : null;
const out = [];
const probsArray = (m) => {
  const a = new Array(req.nVocab).fill(0);
  for (const [t, p] of m) a[t] = p;
  return a;
};
for (const item of req.prompts) {
  const ids = model.tokenize(item.text, false);
  const input = [model.tokens.bos, ...ids];
  await seq.clearHistory();
  const res = await seq.controlledEvaluate(input.map((t) => [t, { generateNext: { probabilities: true } }]));
  const promptProbs = res.map((r) => probsArray(r.next.probabilities));
  const gen = [];
  const genProbs = [];
  let last = promptProbs[promptProbs.length - 1];
  for (let i = 0; i < item.maxNew; i++) {
    let best = 0;
    for (let t = 1; t < last.length; t++) if (last[t] > last[best]) best = t;
    gen.push(best);
    if (item.stop.includes(best)) break;
    const r = await seq.controlledEvaluate([[best, { generateNext: { probabilities: true } }]]);
    last = probsArray(r[0].next.probabilities);
    genProbs.push(last);
  }
  out.push({ ids, bos: model.tokens.bos, promptProbs, gen, genText: model.detokenize(gen, true), genProbs });
}
writeFileSync(resPath, JSON.stringify({ prompts: out }));
await context.dispose();
await model.dispose();
void nVocab;
