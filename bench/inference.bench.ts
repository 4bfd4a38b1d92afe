// Inference benchmark on a random-weight model with the real Qwen2.5-1.5B shapes (Q4_0, generated on demand
// by models/fixtures/make_qwen_shaped.py into .cache/models/; its text is noise, its speed is real):
//  (1) tokens the model evaluated ÷ unique tokens of a search tree, KV-cache reuse vs a naive policy that
//      re-evaluates the whole prompt for every candidate, both on the same fixed tree walk in this run;
//  (2) candidates per second, siblings in parallel sequences of one context vs one after another (threads 2);
//  (3) share of a real search's wall time spent outside the model (engine + Pyodide sandbox);
// and on the embedded default models (models/stepwise-policy.gguf, models/stepwise-ppm.gguf):
//  (4) a real MCTS search with the CLI's defaults: per model, tokens evaluated ÷ tokens it had to decode or
//      read once;
//  (5) generation time per token as steps grow (models/fixtures/random-tiny.gguf: noise that rarely ends a step).
// Writes bench/results/inference.json and bench/results/inference.md; `--sections search,steps` runs only
// those sections and keeps the other sections' last figures.
//
// Run: npm run build && node dist/bench/inference.bench.js [--model path.gguf] [--step-tokens 48] [--threads 2]
//      [--sections walk,parallel,overhead,search,steps]

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { runSearch } from "../src/engine";
import { renderStep } from "../src/engine/steps/format";
import type { Policy, ProposeRequest, ProposeResult, RewardModel, ScoreRequest } from "../src/engine/types";
import { loadModelsHere } from "../src/inference/load";
import { findModelsDir, resolveDefaultModelPaths } from "../src/inference/model-manager";
import { LlamaPolicy } from "../src/inference/policy";
import { LlamaRewardModel } from "../src/inference/reward";
import { PyodideSandbox } from "../src/sandbox";

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
}

const MODELS = findModelsDir(__dirname);
if (!MODELS) throw new Error("run from the repository (models/manifest.json not found)");
const ROOT = dirname(MODELS);
const MODEL = arg("model", join(ROOT, ".cache", "models", "qwen2.5-1.5b-shaped-q4_0.gguf"));
const STEP_TOKENS = Number(arg("step-tokens", "48"));
/** Threads for the parallel-vs-sequential comparison (parallel sequences gain nothing at 1 thread). */
const PAR_THREADS = Number(arg("threads", "2"));
const PROBLEM = "Tom has 3 boxes with 12 apples each. He gives away 5 apples. How many apples are left?";

function ensureModel(): void {
  if (existsSync(MODEL)) return;
  process.stderr.write(`writing ${MODEL} (about a minute)...\n`);
  execFileSync("python3", [join(MODELS!, "fixtures", "make_qwen_shaped.py"), MODEL], { stdio: "inherit" });
}

interface WalkResult {
  tokensEvaluated: number;
  tokensInTree: number;
  tokensGenerated: number;
  ratio: number;
  proposeCalls: number;
  candidates: number;
  forks: number;
  wallMs: number;
}

/**
 * A fixed tree walk shaped like an MCTS run: expand the root with 4 candidates; expand the first two
 * children (4 each); expand the first child of each of those (4 each); then revisit the root's third child.
 * Unique tokens = root prompt + every candidate's tokenCount (as the engine counts tokensInTree).
 */
async function treeWalk(cache: "reuse" | "naive", threads: number): Promise<WalkResult> {
  const m = await loadModelsHere({ policyPath: MODEL, threads, contextSize: 2048, sequences: 4, promptStyle: "rstar", cache, gpu: false });
  const policy = m.policy as LlamaPolicy;
  let tokensEvaluated = 0;
  let tokensGenerated = 0;
  let inTree = 0;
  let calls = 0;
  let candidates = 0;
  const t0 = performance.now();
  const expand = async (path: string[], seed: number) => {
    const r = await policy.propose({ problem: PROBLEM, previousSteps: path, n: 4, temperature: 1, topP: 0.95, seed, maxTokens: STEP_TOKENS });
    calls++;
    candidates += r.candidates.length;
    tokensEvaluated += r.tokensEvaluated;
    tokensGenerated += r.tokensGenerated;
    if (inTree === 0) inTree += r.promptTokens;
    inTree += r.candidates.reduce((s, c) => s + c.tokenCount, 0);
    return r.candidates.map((c) => renderStep({ text: c.text, stopReason: "step" }));
  };
  const level1 = await expand([], 1);
  for (let i = 0; i < 2; i++) {
    const level2 = await expand([level1[i]], 10 + i * 10);
    await expand([level1[i], level2[0]], 100 + i * 10);
  }
  await expand([level1[2]], 1000);
  const wallMs = performance.now() - t0;
  const forks = policy.forks;
  await m.dispose();
  return { tokensEvaluated, tokensInTree: inTree, tokensGenerated, ratio: tokensEvaluated / inTree, proposeCalls: calls, candidates, forks, wallMs };
}

async function candidatesPerSecond(parallel: boolean, threads: number): Promise<{ candidatesPerSec: number; tokensPerSec: number; runs: number[] }> {
  const m = await loadModelsHere({ policyPath: MODEL, threads, contextSize: 2048, sequences: parallel ? 4 : 1, promptStyle: "rstar", gpu: false });
  const runs: number[] = [];
  const tokens: number[] = [];
  // warm-up: the prompt enters the cache, so the timed calls measure generation of 4 siblings
  await m.policy.propose({ problem: PROBLEM, previousSteps: [], n: 1, temperature: 1, topP: 0.95, seed: 0, maxTokens: 2 });
  for (let rep = 0; rep < 3; rep++) {
    const t0 = performance.now();
    const r = await m.policy.propose({ problem: PROBLEM, previousSteps: [], n: 4, temperature: 1, topP: 0.95, seed: 50 + rep, maxTokens: STEP_TOKENS });
    runs.push(performance.now() - t0);
    tokens.push(r.tokensGenerated);
  }
  await m.dispose();
  const mid = runs.indexOf([...runs].sort((a, b) => a - b)[1]);
  const median = runs[mid];
  return { candidatesPerSec: 4 / (median / 1000), tokensPerSec: tokens[mid] / (median / 1000), runs };
}

async function searchOverhead(threads: number) {
  let sandbox: PyodideSandbox;
  try {
    sandbox = await PyodideSandbox.create({ poolSize: 1 });
  } catch (e) {
    return { skipped: `Pyodide sandbox unavailable: ${(e as Error).message}` };
  }
  const m = await loadModelsHere({ policyPath: MODEL, rewardPath: MODEL, rewardDescriptor: "policy-as-judge", threads, contextSize: 2048, sequences: 4, promptStyle: "rstar", gpu: false });
  try {
    const r = await runSearch(PROBLEM, { policy: m.policy, reward: m.reward, sandbox }, {
      strategy: "mcts",
      rollouts: 3,
      expansions: 4,
      maxStepTokens: STEP_TOKENS,
      maxDepth: 4,
      seed: 1,
    });
    const s = r.stats;
    return {
      sandbox: "Pyodide",
      wallMs: s.wallMs,
      modelMs: s.modelMs,
      sandboxMs: s.sandboxMs,
      outsideModelShare: (s.wallMs - s.modelMs) / s.wallMs,
      sandboxRuns: s.sandboxRuns,
      policyCalls: s.policyCalls,
      rewardCalls: s.rewardCalls,
      tokensEvaluated: s.tokensEvaluated,
      tokensInTree: s.tokensInTree,
      nodes: r.tree.length,
    };
  } finally {
    await m.dispose();
    await sandbox.dispose();
  }
}

/** Distinct prefixes of token arrays, as keys: each is a token position a model must process at least once. */
function prefixKeys(arrays: Iterable<readonly number[]>, from = 0, into = new Set<string>()): Set<string> {
  for (const a of arrays) {
    let key = a.slice(0, from).join(",");
    for (let i = from; i < a.length; i++) {
      key += (i ? "," : "") + a[i];
      into.add(key);
    }
  }
  return into;
}

const SEARCH_PROBLEMS = [
  "Tom has 3 boxes with 12 apples each. He gives away 5 apples. How many apples are left?",
  "A baker makes 24 muffins and sells 9 of them. Then she bakes 15 more. How many muffins does she have now?",
  "Sara reads 14 pages a day for 6 days. How many pages does she read in total?",
  "A farmer has 48 eggs and packs them into boxes of 6. How many boxes does he fill?",
];

/**
 * A real MCTS search (the CLI's defaults: 8 rollouts, 8 candidates per expansion, depth 16, temperature 1)
 * with the embedded policy and PPM and the Pyodide sandbox. What each model had to process once:
 *  - policy: every token it generated (each decoded once) plus every prompt position it did not generate
 *    itself (the header, each step's closing text and quoted output), one per distinct prefix;
 *  - reward model: every position of the trajectories it scored, one per distinct prefix.
 */
async function searchRatios(sandbox: PyodideSandbox) {
  const paths = resolveDefaultModelPaths(MODELS!);
  const m = await loadModelsHere({ policyPath: paths.policy, rewardPath: paths.reward, threads: 1, gpu: false });
  const policy = m.policy as LlamaPolicy;
  const ppm = m.reward as LlamaRewardModel;
  const runs: Array<Record<string, any>> = [];
  try {
    for (const [i, problem] of SEARCH_PROBLEMS.entries()) {
      await policy.reset();
      await ppm.reset();
      const calls: Array<{ req: ProposeRequest; res: ProposeResult }> = [];
      const scored: ScoreRequest[] = [];
      const recPolicy: Policy = { name: policy.name, propose: async (req) => { const res = await policy.propose(req); calls.push({ req, res }); return res; } };
      const recReward: RewardModel = { name: ppm.name, scoreSteps: (req) => (scored.push(req), ppm.scoreSteps(req)) };
      const savesBefore = ppm.stateSaves;
      const loadsBefore = ppm.stateLoads;
      const forksBefore = policy.forks;
      const r = await runSearch(problem, { policy: recPolicy, reward: recReward, sandbox }, { strategy: "mcts", seed: i });
      const s = r.stats;
      // policy: prompt positions, minus those it produced while generating (a step's own tokens in a later prompt)
      const prompts = new Set<string>();
      const produced = new Set<string>();
      for (const { req, res } of calls) {
        const prompt = policy.promptTokens(req.problem, req.previousSteps).tokens;
        prefixKeys([prompt], 0, prompts);
        for (const c of res.candidates) {
          if (c.stopReason === "abort" || c.tokenCount === 0) continue;
          const withStep = policy.promptTokens(req.problem, [...req.previousSteps, renderStep(c)]).tokens;
          prefixKeys([withStep.slice(0, prompt.length + c.tokenCount)], prompt.length, produced);
        }
      }
      let promptOnly = 0;
      for (const k of prompts) if (!produced.has(k)) promptOnly++;
      const policyOnce = s.policy.tokensGenerated + promptOnly;
      const rewardOnce = prefixKeys(scored.map((q) => ppm.layout(q.problem, q.steps).tokens)).size;
      runs.push({
        problem,
        answer: r.answer ?? null,
        nodes: r.tree.length,
        policyCalls: s.policyCalls,
        rewardCalls: s.rewardCalls,
        tokensInTree: s.tokensInTree,
        tokensGenerated: s.tokensGenerated,
        tokensEvaluated: s.tokensEvaluated,
        policy: { ...s.policy, once: policyOnce, ratio: s.policy.tokensEvaluated / policyOnce, stateCopies: policy.forks - forksBefore },
        reward: {
          ...s.reward,
          once: rewardOnce,
          ratio: s.reward.tokensEvaluated / rewardOnce,
          stateSaves: ppm.stateSaves - savesBefore,
          stateLoads: ppm.stateLoads - loadsBefore,
        },
        issueRatio: s.tokensEvaluated / (s.tokensGenerated + s.tokensInTree),
        wallMs: s.wallMs,
      });
    }
  } finally {
    await m.dispose();
  }
  const total = (f: (r: Record<string, any>) => number) => runs.reduce((a, r) => a + f(r), 0);
  return {
    models: { policy: paths.policy.replace(ROOT + "/", ""), reward: paths.reward.replace(ROOT + "/", "") },
    options: "mcts, CLI defaults (rollouts 8, expansions 8, max depth 16, temperature 1, top-p 0.95), threads 1, seed = problem index",
    runs,
    policyRatio: total((r) => r.policy.tokensEvaluated) / total((r) => r.policy.once),
    rewardRatio: total((r) => r.reward.tokensEvaluated) / total((r) => r.reward.once),
    issueRatio: total((r) => r.tokensEvaluated) / total((r) => r.tokensGenerated + r.tokensInTree),
    totals: {
      policyEvaluated: total((r) => r.policy.tokensEvaluated),
      policyOnce: total((r) => r.policy.once),
      rewardEvaluated: total((r) => r.reward.tokensEvaluated),
      rewardOnce: total((r) => r.reward.once),
      tokensGenerated: total((r) => r.tokensGenerated),
      tokensInTree: total((r) => r.tokensInTree),
    },
    goal: "each model's ratio <= 1.1",
  };
}

/**
 * Generation time per token for one candidate of growing length (one sequence, threads 1; the lengths
 * interleaved across repetitions so a change in the machine's load touches all of them), and the cost of
 * looking for stop markers alone: decoding the newest tokens (now) vs decoding the whole output (before).
 */
async function stepLengths() {
  const model = join(MODELS!, "fixtures", "random-tiny.gguf");
  const m = await loadModelsHere({ policyPath: model, threads: 1, contextSize: 2048, sequences: 1, promptStyle: "rstar", gpu: false });
  const lengths = [32, 64, 128, 256, 512, 1024];
  const wall = new Map<number, number[]>(lengths.map((n) => [n, []]));
  const cpu = new Map<number, number[]>(lengths.map((n) => [n, []]));
  const generated = new Map<number, number>();
  let longest = "";
  const policy = m.policy as LlamaPolicy;
  try {
    await policy.propose({ problem: PROBLEM, previousSteps: [], n: 1, temperature: 1, topP: 1, seed: 0, maxTokens: 2 });
    for (let rep = 0; rep < 5; rep++) {
      for (const maxTokens of lengths) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const r = await policy.propose({ problem: PROBLEM, previousSteps: [], n: 1, temperature: 1, topP: 1, seed: 100 + rep, maxTokens });
        const ms = performance.now() - t0;
        const c = process.cpuUsage(c0);
        wall.get(maxTokens)!.push(ms / r.tokensGenerated);
        cpu.get(maxTokens)!.push((c.user + c.system) / 1000 / r.tokensGenerated);
        generated.set(maxTokens, r.tokensGenerated);
        if (r.candidates[0].text.length > longest.length) longest = r.candidates[0].text;
      }
    }
    // stop-marker detection alone, on the tokens of the longest candidate
    const tokens = policy.model.tokenize(longest);
    const WINDOW = 17;
    const detection = [];
    for (const n of lengths.filter((x) => x <= tokens.length)) {
      const out = tokens.slice(0, n);
      // the fastest of 5 passes: other jobs on the machine only ever add time
      const time = (window: boolean) => {
        let best = Infinity;
        for (let rep = 0; rep < 5; rep++) {
          const t0 = performance.now();
          for (let i = 1; i <= n; i++) policy.model.detokenize(window ? out.slice(Math.max(0, i - WINDOW), i) : out.slice(0, i));
          best = Math.min(best, ((performance.now() - t0) * 1000) / n);
        }
        return best;
      };
      detection.push({ tokens: n, usPerTokenWindow: time(true), usPerTokenWholeOutput: time(false) });
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const rows = lengths.map((n) => ({
      maxTokens: n,
      tokensGenerated: generated.get(n),
      msPerTokenMedian: median(wall.get(n)!),
      msPerTokenMin: Math.min(...wall.get(n)!),
      cpuMsPerTokenMedian: median(cpu.get(n)!),
      msPerTokenRuns: wall.get(n)!,
    }));
    return { model: model.replace(ROOT + "/", ""), rows, detection };
  } finally {
    await m.dispose();
  }
}

async function main(): Promise<void> {
  const sections = new Set(arg("sections", "walk,parallel,overhead,search,steps").split(","));
  const started = Date.now();
  const log = (s: string) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${s}\n`);
  const outDir = join(ROOT, "bench", "results");
  const jsonPath = join(outDir, "inference.json");
  // sections not run this time keep their last figures
  const result = (existsSync(jsonPath) ? JSON.parse(readFileSync(jsonPath, "utf8")) : {}) as Record<string, any>;
  result.machine = { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version };
  if (sections.has("walk") || sections.has("parallel") || sections.has("overhead")) {
    ensureModel();
    result.date = new Date().toISOString();
    result.model = { file: MODEL.replace(ROOT + "/", ""), note: "random weights, real Qwen2.5-1.5B shapes, Q4_0 (noise text, real speed)" };
    result.stepTokens = STEP_TOKENS;
    result.loadAverage = loadavg()[0];
  }
  if (sections.has("walk")) {
    log("tree walk with KV reuse");
    const reuse = await treeWalk("reuse", 1);
    log(`ratio ${reuse.ratio.toFixed(3)}; naive tree walk`);
    const naive = await treeWalk("naive", 1);
    result.treeWalk = { reuse, naive, goal: "reuse ratio <= 1.1" };
  }
  if (sections.has("parallel")) {
    log("sequential candidates");
    const sequential = await candidatesPerSecond(false, PAR_THREADS);
    log(`sequential ${sequential.candidatesPerSec.toFixed(2)}/s; parallel candidates`);
    const parallel = await candidatesPerSecond(true, PAR_THREADS);
    result.parallel = { threads: PAR_THREADS, sequential, parallel, speedup: parallel.candidatesPerSec / sequential.candidatesPerSec, goal: ">= 1.5x" };
  }
  if (sections.has("overhead")) {
    log("search overhead");
    result.searchOverhead = { ...(await searchOverhead(1)), goal: "outside-model share <= 10%" };
  }
  if (sections.has("search")) {
    log("MCTS with the default policy and PPM");
    const sandbox = await PyodideSandbox.create({ poolSize: 1 });
    const load = [loadavg()[0]];
    try {
      result.defaultSearch = await searchRatios(sandbox);
    } finally {
      await sandbox.dispose();
    }
    load.push(loadavg()[0]);
    result.defaultSearch.date = new Date().toISOString();
    result.defaultSearch.loadAverage = load;
    log(`policy ${result.defaultSearch.policyRatio.toFixed(3)}, reward ${result.defaultSearch.rewardRatio.toFixed(3)}`);
  }
  if (sections.has("steps")) {
    log("generation time per token by step length");
    const load = [loadavg()[0]];
    result.stepLength = await stepLengths();
    load.push(loadavg()[0]);
    result.stepLength.date = new Date().toISOString();
    result.stepLength.loadAverage = load;
  }
  // `--sections none` only rewrites inference.md from inference.json
  if (!sections.has("none")) result.benchSeconds = (Date.now() - started) / 1000;
  mkdirSync(outDir, { recursive: true });
  writeFileSync(jsonPath, JSON.stringify(result, null, 2) + "\n");
  const md = markdown(result);
  writeFileSync(join(outDir, "inference.md"), md);
  process.stdout.write(md + "\n");
}

function markdown(result: Record<string, any>): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const reuse = result.treeWalk.reuse;
  const naive = result.treeWalk.naive;
  const parallel = result.parallel.parallel;
  const sequential = result.parallel.sequential;
  const PAR_THREADS = result.parallel.threads;
  const STEP_TOKENS = result.stepTokens;
  const overhead = result.searchOverhead;
  const o = overhead as Partial<{ outsideModelShare: number; wallMs: number; modelMs: number; sandboxMs: number; sandboxRuns: number; nodes: number; skipped: string }>;
  const md = [
    `### Inference (${result.model.note}; ${result.machine.cpus} CPU cores, ${result.date.slice(0, 10)})`,
    "",
    "| measure | result | goal |",
    "|---|---|---|",
    `| tokens evaluated ÷ unique tree tokens, KV reuse (threads 1) | **${reuse.ratio.toFixed(3)}** (${reuse.tokensEvaluated} / ${reuse.tokensInTree}, ${reuse.forks} state copies) | ≤ 1.1 |`,
    `| same, naive (whole prompt re-evaluated per candidate) | ${naive.ratio.toFixed(3)} (${naive.tokensEvaluated} / ${naive.tokensInTree}) | baseline |`,
    `| tree walk wall time, reuse vs naive | ${(reuse.wallMs / 1000).toFixed(1)} s vs ${(naive.wallMs / 1000).toFixed(1)} s | |`,
    `| candidates/s, 4 parallel sequences vs one after another (threads ${PAR_THREADS}, ${STEP_TOKENS}-token steps) | ${parallel.candidatesPerSec.toFixed(2)} vs ${sequential.candidatesPerSec.toFixed(2)} = **${result.parallel.speedup.toFixed(2)}×** | ≥ 1.5× |`,
    o.skipped
      ? `| share of search wall time outside the model | skipped: ${o.skipped} | ≤ 10% |`
      : `| share of search wall time outside the model (MCTS, 3 rollouts × 4, policy-as-judge PRM, Pyodide) | **${pct(o.outsideModelShare!)}** (wall ${(o.wallMs! / 1000).toFixed(1)} s, model ${(o.modelMs! / 1000).toFixed(1)} s, sandbox ${(o.sandboxMs! / 1000).toFixed(2)} s in ${o.sandboxRuns} runs, ${o.nodes} nodes) | ≤ 10% |`,
    "",
    "Tree walk: root → 4 candidates; 2 children → 4 each; one grandchild under each → 4 each; a third child → 4 " +
      `(6 expansions, 24 candidates of up to ${STEP_TOKENS} tokens). Unique tokens = root prompt + every candidate's tokens. ` +
      "Rendering a step adds its closing marker and newline, which the model must read once: that is most of the gap above 1. " +
      "The random model's steps are noise, so in the search their code fails in the sandbox at once and the tree stays small: " +
      "the outside-model share is a lower bound for real models, whose code runs longer (but whose steps also take longer to generate). " +
      `Load average during the run: ${(result.loadAverage ?? 1.4).toFixed(1)} on ${result.machine.cpus} cores (other jobs share this machine), so absolute speeds are far below an idle machine's; ` +
      "the ratios compare runs made under the same conditions (candidates/s uses the median of 3 timed calls; all times are in inference.json).",
    "",
  ];
  const d = result.defaultSearch;
  if (d) {
    const f = (x: number) => x.toFixed(3);
    md.push(
      `### MCTS with the default policy and PPM (${d.models.policy}, ${d.models.reward}; ${d.date.slice(0, 10)}, load average ${d.loadAverage.map((x: number) => x.toFixed(1)).join(" → ")} on ${result.machine.cpus} cores)`,
      "",
      `${d.options}; ${d.runs.length} problems. "Once" = what the model had to process at least once: for the policy every token it generated ` +
        "plus every prompt position it did not generate itself (header, each step's closing text and quoted output), for the reward model every " +
        "position of the trajectories it scored; positions shared by several prompts count once. The policy's count is exact " +
        "to about one token per expansion (a step's last sampled token is read when the step returns in a prompt; each sibling " +
        "reads the prompt's last token), hence a ratio can fall just below 1.",
      "",
      "| model | tokens evaluated | tokens once | evaluated ÷ once | goal |",
      "|---|---|---|---|---|",
      `| policy | ${d.totals.policyEvaluated} | ${d.totals.policyOnce} | **${f(d.policyRatio)}** | ≤ 1.1 |`,
      `| reward model (PPM) | ${d.totals.rewardEvaluated} | ${d.totals.rewardOnce} | **${f(d.rewardRatio)}** | ≤ 1.1 |`,
      `| both ÷ (tokens generated + tokens in tree), as issue 15 counted | ${d.totals.policyEvaluated + d.totals.rewardEvaluated} | ${d.totals.tokensGenerated + d.totals.tokensInTree} | ${f(d.issueRatio)} | |`,
      "",
      "| problem | nodes | policy calls | reward calls | policy evaluated / once | reward evaluated / once | policy state copies | PPM states saved / loaded | policy / PPM model time |",
      "|---|---|---|---|---|---|---|---|---|",
      ...d.runs.map(
        (r: any) =>
          `| ${r.problem.slice(0, 40)}… | ${r.nodes} | ${r.policyCalls} | ${r.rewardCalls} | ${r.policy.tokensEvaluated} / ${r.policy.once} (${f(r.policy.ratio)}) | ` +
          `${r.reward.tokensEvaluated} / ${r.reward.once} (${f(r.reward.ratio)}) | ${r.policy.stateCopies} | ${r.reward.stateSaves} / ${r.reward.stateLoads} | ` +
          `${(r.policy.modelMs / 1000).toFixed(2)} s / ${(r.reward.modelMs / 1000).toFixed(2)} s |`,
      ),
      "",
    );
  }
  const st = result.stepLength;
  if (st) {
    md.push(
      `### Generation time per token by step length (${st.model}, one sequence, threads 1; ${st.date.slice(0, 10)}, load average ${st.loadAverage.map((x: number) => x.toFixed(1)).join(" → ")} on ${result.machine.cpus} cores)`,
      "",
      "| step length (max tokens) | tokens generated | ms per token, wall: fastest of 5 | median of 5 | CPU ms per token (median of 5) |",
      "|---|---|---|---|---|",
      ...st.rows.map(
        (r: any) =>
          `| ${r.maxTokens} | ${r.tokensGenerated} | **${r.msPerTokenMin.toFixed(3)}** | ${r.msPerTokenMedian.toFixed(3)} | ${r.cpuMsPerTokenMedian.toFixed(3)} |`,
      ),
      "",
      "Stop-marker detection alone (decoding after each new token, on one generated candidate's tokens; fastest of 5 passes):",
      "",
      "| tokens in the step | µs per token, newest 17 tokens (now) | µs per token, whole output (before) |",
      "|---|---|---|",
      ...st.detection.map((d: any) => `| ${d.tokens} | ${d.usPerTokenWindow.toFixed(1)} | ${d.usPerTokenWholeOutput.toFixed(1)} |`),
      "",
      "Stop markers are looked for in the newest tokens only, so detection costs the same per token at any step length; " +
        "decoding the whole output, as before, grows with the step. Generation on a 2-layer random model (where any " +
        "per-token overhead shows) includes attention over a context that grows with the step; with this machine shared " +
        "by other jobs, wall times scatter widely, and CPU time per token is the steadier figure.",
      "",
    );
  }
  return md.join("\n");
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
