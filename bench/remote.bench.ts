// Remote backend benchmark on this machine: problems per minute for a bench-like loop (many problems at once,
// MCTS with remote policy + remote PRM + the real Pyodide sandbox) over 1 vs 2 llama-servers, and whether
// the local (node-llama-cpp) and remote (llama-server) backends give the same search answers for the same
// seed. Writes bench/results/remote.json and bench/results/remote.md.
//
// Run: npm run build && node dist/bench/remote.bench.js [--problems 24] [--concurrency 4]
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { runSearch } from "../src/engine";
import type { SearchOptions, SearchParts, SearchResult } from "../src/engine/types";
import { loadModels } from "../src/inference/load";
import { createRemoteModels } from "../src/remote";
import { PyodideSandbox } from "../src/sandbox";
import { PROBLEM, REPO_ROOT, TINY_MODEL, llamaServerBinDir, startLlamaServer, type RunningServer } from "../test/remote/llama-servers";

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
}

const PROBLEMS = arg("problems", 24);
const CONCURRENCY = arg("concurrency", 4);
const MCTS: Partial<SearchOptions> = { strategy: "mcts", rollouts: 4, expansions: 4, maxStepTokens: 64 };

/** The fixture's script ignores the question; distinct texts keep the servers' prompt caches honest. */
const problemText = (i: number) => `${PROBLEM} (copy ${i})`;

async function throughput(servers: RunningServer[], sandbox: PyodideSandbox) {
  const urls = servers.map((s) => s.url);
  const models = await createRemoteModels({ endpoints: urls, rewardEndpoints: urls });
  const parts: SearchParts = { policy: models.policy!, reward: models.reward, sandbox };
  let next = 0;
  let correct = 0;
  let tokensEvaluated = 0;
  let tokensInTree = 0;
  const t0 = performance.now();
  const worker = async () => {
    for (let i = next++; i < PROBLEMS; i = next++) {
      const r = await runSearch(problemText(i), parts, { ...MCTS, seed: i });
      if (r.answer === "31") correct++;
      tokensEvaluated += r.stats.tokensEvaluated;
      tokensInTree += r.stats.tokensInTree;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const wallS = (performance.now() - t0) / 1000;
  return {
    servers: servers.length,
    problems: PROBLEMS,
    concurrency: CONCURRENCY,
    wallS: +wallS.toFixed(2),
    problemsPerMinute: +((PROBLEMS / wallS) * 60).toFixed(1),
    correct,
    tokensEvaluated,
    tokensInTree,
    requestsPerEndpoint: models.stats().policy.map((s) => s.requests),
  };
}

function summary(r: SearchResult) {
  return {
    answer: r.answer ?? null,
    trajectories: r.trajectories.map((t) => ({ answer: t.answer ?? null, score: +t.score.toFixed(4), steps: t.steps.map((s) => s.raw) })),
    nodes: r.tree.map((n) => n.raw).sort(),
  };
}

async function main() {
  const binDir = llamaServerBinDir();
  const sandbox = await PyodideSandbox.create({ poolSize: 1 });
  const started: RunningServer[] = [];
  try {
    // --- throughput: 1 server, then 2 servers (each llama-server uses one thread, 4 slots).
    const one = [await startLlamaServer()];
    started.push(...one);
    await throughput(one, sandbox); // warm-up: Pyodide imports, server caches
    const t1 = await throughput(one, sandbox);
    const two = [one[0], await startLlamaServer()];
    started.push(two[1]);
    const t2 = await throughput(two, sandbox);

    // --- local vs remote, same seeds.
    const local = await loadModels({ policyPath: TINY_MODEL, rewardPath: TINY_MODEL, rewardDescriptor: "stepwise-ppm", threads: 1, contextSize: 2048 });
    const remote = await createRemoteModels({ endpoints: [one[0].url], rewardEndpoints: [one[0].url] });
    const compare: Array<Record<string, unknown>> = [];
    try {
      const cases: Array<[string, Partial<SearchOptions>]> = [
        ["greedy", { strategy: "greedy", maxStepTokens: 64 }],
        ["beam (temperature 0)", { strategy: "beam", beamWidth: 2, expansions: 2, temperature: 0, maxStepTokens: 64 }],
        ["mcts (temperature 1)", { ...MCTS, seed: 7 }],
        ["best-of-n (temperature 1)", { strategy: "best-of-n", samples: 6, maxStepTokens: 64, seed: 7 }],
      ];
      for (const [label, opts] of cases) {
        const a = summary(await runSearch(PROBLEM, { policy: local.policy, reward: local.reward, sandbox }, opts));
        const b = summary(await runSearch(PROBLEM, { policy: remote.policy!, reward: remote.reward, sandbox }, opts));
        const maxScoreDiff = Math.max(
          0,
          ...a.trajectories.flatMap((t, i) => (b.trajectories[i] && JSON.stringify(t.steps) === JSON.stringify(b.trajectories[i].steps) ? [Math.abs(t.score - b.trajectories[i].score)] : [])),
        );
        compare.push({
          search: label,
          localAnswer: a.answer,
          remoteAnswer: b.answer,
          sameAnswer: a.answer === b.answer,
          sameTree: JSON.stringify(a.nodes) === JSON.stringify(b.nodes),
          sameRanking: JSON.stringify(a.trajectories.map((t) => t.steps)) === JSON.stringify(b.trajectories.map((t) => t.steps)),
          maxScoreDiffOfMatchingTrajectories: +maxScoreDiff.toExponential(2),
        });
      }
    } finally {
      await local.dispose();
    }

    const result = {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, model: cpus()[0]?.model },
      llamaServer: binDir,
      model: "models/fixtures/stepwise-tiny.gguf (engineered 1-layer fixture)",
      search: MCTS,
      throughput: [t1, t2],
      speedup2vs1: +(t2.problemsPerMinute / t1.problemsPerMinute).toFixed(2),
      localVsRemote: compare,
      notes: [
        "Each llama-server runs with -t 1 -np 4 on the same 2-core machine as the search, the sandbox and the other server.",
        "Sampled searches (temperature > 0) draw from different samplers: node-llama-cpp's and llama-server's sampler chains use the seed differently, so the same seed does not give the same candidates; greedy and temperature-0 searches are deterministic in both and must agree.",
      ],
    };
    const dir = join(REPO_ROOT, "bench", "results");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "remote.json"), JSON.stringify(result, null, 2) + "\n");
    const md = [
      "### Remote backend (llama-server) on this machine",
      "",
      `MCTS (rollouts ${MCTS.rollouts}, expansions ${MCTS.expansions}), ${PROBLEMS} problems, ${CONCURRENCY} at a time, remote policy + remote PRM (fixture model), real Pyodide sandbox; ${result.machine.cpus} CPUs.`,
      "",
      "| servers | problems/min | wall s | requests per server | correct |",
      "|---|---|---|---|---|",
      ...[t1, t2].map((t) => `| ${t.servers} | ${t.problemsPerMinute} | ${t.wallS} | ${t.requestsPerEndpoint.join(" / ")} | ${t.correct}/${t.problems} |`),
      "",
      `2 servers vs 1: ×${result.speedup2vs1}.`,
      "",
      "Local (node-llama-cpp) vs remote (llama-server), same model, same seed:",
      "",
      "| search | local answer | remote answer | same tree | same ranking | max score diff |",
      "|---|---|---|---|---|---|",
      ...compare.map((c) => `| ${c.search} | ${c.localAnswer} | ${c.remoteAnswer} | ${c.sameTree ? "yes" : "no"} | ${c.sameRanking ? "yes" : "no"} | ${c.maxScoreDiffOfMatchingTrajectories} |`),
      "",
      ...result.notes.map((n) => `- ${n}`),
      "",
    ].join("\n");
    writeFileSync(join(dir, "remote.md"), md);
    process.stdout.write(md);
  } finally {
    sandbox.dispose();
    await Promise.all(started.map((s) => s.stop()));
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
