// Sandbox benchmark: cold start of a worker with sympy ready, warm step latency (plain and sympy, each
// including the per-step cleanliness check), throughput with 1 and 2 workers, the replacement of a
// discarded worker, symbolicEqual latency, and what each layer of the boundary costs (Deno inside
// bubblewrap, Deno alone, the Node fallback).
// Run: node dist/bench/sandbox.bench.js   → writes bench/results/sandbox.json and bench/results/sandbox.md
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, getPriority, loadavg } from "node:os";
import { join } from "node:path";
import { locateSandboxAssets, PyodideSandbox, type PyodideSandboxOptions } from "../src/sandbox";

const PLAIN_STEP = "# Each box holds 12 apples; Tom has 3 boxes and gives 5 away.\nboxes = 3\nper_box = 12\ntotal = boxes * per_box\nleft = total - 5\nprint(left)";
const SYMPY_STEP =
  "from sympy import symbols, solve, Rational, simplify\nx = symbols('x')\nroots = solve(x**2 - 5*x + 6, x)\nprint(roots, simplify(Rational(3, 4) + Rational(1, 6)))";

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}
const median = (xs: number[]) => quantile(xs, 0.5);
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/**
 * CPU time (user + system, all threads) used so far by this process's child processes, in ms (Linux only;
 * 0 elsewhere). Unlike wall time it barely depends on what else the machine is doing.
 */
function childCpuMs(): { all: number; mainThread: number } {
  const cpuOf = (statPath: string) => {
    const stat = readFileSync(statPath, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { ppid: Number(fields[1]), ms: ((Number(fields[11]) + Number(fields[12])) * 1000) / 100 }; // USER_HZ = 100
  };
  const total = { all: 0, mainThread: 0 };
  try {
    // Descendants, not only children: under bubblewrap the worker is a grandchild.
    const parents = new Map<number, number>();
    for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
      try {
        parents.set(Number(pid), cpuOf(`/proc/${pid}/stat`).ppid);
      } catch {
        // gone
      }
    }
    const isDescendant = (pid: number) => {
      for (let p = parents.get(pid), i = 0; p !== undefined && i < 10; p = parents.get(p), i++) if (p === process.pid) return true;
      return false;
    };
    for (const pid of [...parents.keys()].map(String)) {
      try {
        const proc = cpuOf(`/proc/${pid}/stat`);
        if (!isDescendant(Number(pid))) continue;
        total.all += proc.ms;
        // The main thread's own time: what a start costs on an otherwise idle machine, as V8's compile
        // threads can run on the other core.
        total.mainThread += cpuOf(`/proc/${pid}/task/${pid}/stat`).ms;
      } catch {
        // the process went away
      }
    }
  } catch {
    return total;
  }
  return total;
}

async function timeRuns(sb: PyodideSandbox, code: string, n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const r = await sb.run(code);
    times.push(performance.now() - t0);
    if (r.status !== "ok") throw new Error(`benchmark step failed: ${JSON.stringify(r)}`);
  }
  return times;
}

async function throughput(poolSize: number, n: number): Promise<number> {
  const sb = await PyodideSandbox.create({ poolSize, preloadSympy: false });
  try {
    await sb.warmup();
    await Promise.all(Array.from({ length: 50 }, () => sb.run("print(1)")));
    const t0 = performance.now();
    const rs = await Promise.all(Array.from({ length: n }, (_, i) => sb.run(`print(${i} * 2)`)));
    const secs = (performance.now() - t0) / 1000;
    if (rs.some((r) => r.status !== "ok")) throw new Error("throughput run failed");
    return n / secs;
  } finally {
    sb.dispose();
  }
}

async function main(): Promise<void> {
  const manifest = JSON.parse(readFileSync(join(locateSandboxAssets(), "manifest.json"), "utf8")) as Record<string, string>;
  const load = loadavg().map((x) => round(x));
  process.stderr.write(`sandbox bench: ${cpus().length} cores, load ${load.join(" ")}\n`);

  // Cold start: a fresh pool until its worker has sympy imported, warmed up, and answers a first step.
  async function coldStarts(options: PyodideSandboxOptions, n: number) {
    const wall: number[] = [];
    const cpuAll: number[] = [];
    const cpuMain: number[] = [];
    const first: number[] = [];
    let profile = "";
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      const sb = await PyodideSandbox.create({ poolSize: 1, ...options });
      wall.push(performance.now() - t0);
      const cpu = childCpuMs();
      cpuAll.push(cpu.all);
      cpuMain.push(cpu.mainThread);
      profile = sb.isolation?.profile ?? "?";
      const t1 = performance.now();
      await sb.run(SYMPY_STEP);
      first.push(performance.now() - t1);
      sb.dispose();
      await new Promise((r) => setTimeout(r, 200));
    }
    return { profile, wall, cpuAll, cpuMain, first };
  }
  const cold = await coldStarts({}, 3);
  process.stderr.write(`cold start ${cold.wall.map((x) => round(x, 0)).join(", ")} ms\n`);

  const sb = await PyodideSandbox.create({ poolSize: 1 });
  const isolation = sb.isolation;
  await timeRuns(sb, PLAIN_STEP, 20);
  await timeRuns(sb, SYMPY_STEP, 5);
  const plain = await timeRuns(sb, PLAIN_STEP, 300);
  const sympy = await timeRuns(sb, SYMPY_STEP, 100);
  const equiv: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    const eq = await sb.symbolicEqual("sqrt(2)/2", "1/sqrt(2)");
    equiv.push(performance.now() - t0);
    if (eq !== true) throw new Error("symbolicEqual failed in the benchmark");
  }
  const recycledByBenchSteps = sb.recycledWorkers;
  process.stderr.write(`warm plain median ${round(median(plain))} ms, sympy ${round(median(sympy))} ms\n`);

  // Replacement: a step that changes a module gets its worker discarded; time until the next step has run.
  const respawn: number[] = [];
  for (let i = 0; i < 3; i++) {
    const r = await sb.run("import math\nmath.pi = 3");
    if (r.status !== "ok") throw new Error(`expected ok, got ${r.status}`);
    const t0 = performance.now();
    const next = await sb.run("import math\nprint(math.pi)");
    respawn.push(performance.now() - t0);
    if (next.stdout !== "3.141592653589793\n") throw new Error("the next step saw the change");
  }
  sb.dispose();
  process.stderr.write(`respawn ${respawn.map((x) => round(x, 0)).join(", ")} ms\n`);

  // What each layer costs: the same cold start and warm steps on the weaker boundaries.
  const layers: { profile: string; coldMs: number; coldCpuMs: number; plainMs: number; sympyMs: number }[] = [];
  for (const options of [{ bwrapPath: "" }, { denoPath: "" }] as PyodideSandboxOptions[]) {
    let c: Awaited<ReturnType<typeof coldStarts>>;
    try {
      c = await coldStarts(options, 1);
    } catch (e) {
      process.stderr.write(`layer ${JSON.stringify(options)} did not start: ${(e as Error).message}\n`);
      continue;
    }
    const s2 = await PyodideSandbox.create({ poolSize: 1, ...options });
    await timeRuns(s2, PLAIN_STEP, 20);
    const p2 = await timeRuns(s2, PLAIN_STEP, 100);
    const y2 = await timeRuns(s2, SYMPY_STEP, 30);
    s2.dispose();
    layers.push({ profile: c.profile, coldMs: round(c.wall[0], 0), coldCpuMs: round(c.cpuAll[0], 0), plainMs: round(median(p2)), sympyMs: round(median(y2)) });
  }
  const loadAfter = loadavg().map((x) => round(x));

  const tp1 = await throughput(1, 500);
  const tp2 = await throughput(2, 500);

  const results = {
    date: new Date().toISOString(),
    machine: { cores: cpus().length, cpu: cpus()[0]?.model, node: process.version, loadAverageAtStart: load, niceness: getPriority() },
    assets: manifest,
    isolation: isolation && { profile: isolation.profile, missing: isolation.missing },
    loadAverageAtEnd: loadAfter,
    coldStartMs: { runs: cold.wall.map((x) => round(x, 0)), median: round(median(cold.wall), 0), goal: 2500 },
    coldStartWorkerCpuMs: { runs: cold.cpuAll.map((x) => round(x, 0)), median: round(median(cold.cpuAll), 0) },
    coldStartWorkerMainThreadCpuMs: { runs: cold.cpuMain.map((x) => round(x, 0)), median: round(median(cold.cpuMain), 0) },
    firstSympyStepAfterColdMs: round(median(cold.first)),
    warmPlainStepMs: { median: round(median(plain)), p95: round(quantile(plain, 0.95)), n: plain.length, goalMedian: 10 },
    warmSympyStepMs: { median: round(median(sympy)), p95: round(quantile(sympy, 0.95)), n: sympy.length, goalMedian: 40 },
    workersDiscardedByBenchSteps: recycledByBenchSteps,
    layers,
    symbolicEqualMs: { median: round(median(equiv)), p95: round(quantile(equiv, 0.95)), n: equiv.length },
    throughputRunsPerSec: { workers1: round(tp1, 0), workers2: round(tp2, 0) },
    respawnToNextRunMs: { runs: respawn.map((x) => round(x, 0)), median: round(median(respawn), 0) },
    steps: { plain: PLAIN_STEP, sympy: SYMPY_STEP },
  };
  const dir = join(__dirname, "..", "..", "bench", "results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "sandbox.json"), JSON.stringify(results, null, 2) + "\n");
  const ok = (v: number, goal: number) => (v <= goal ? "✓" : "✗");
  const md = [
    `### Python sandbox (Pyodide ${manifest.pyodide}, sympy ${manifest.sympy}, ${cpus().length} cores, Node ${process.version}, load ${load[0]} at start, ${loadAfter[0]} at the end${getPriority() !== 0 ? `, run at niceness ${getPriority()}` : ""})`,
    "",
    "| measure | result | goal |",
    "|---|---|---|",
    `| cold start, worker with sympy imported (median of 3) | ${results.coldStartMs.median} ms | ≤ 2500 ms ${ok(results.coldStartMs.median, 2500)} |`,
    `| CPU time the worker used to get there, all threads (user+sys) | ${results.coldStartWorkerCpuMs.median} ms | |`,
    `| … of it on the main thread (the serial part: a lower bound of the wall time on an idle machine) | ${results.coldStartWorkerMainThreadCpuMs.median} ms | |`,
    `| warm plain step incl. the cleanliness check, median / p95 | ${results.warmPlainStepMs.median} / ${results.warmPlainStepMs.p95} ms | median ≤ 10 ms ${ok(results.warmPlainStepMs.median, 10)} |`,
    `| warm sympy step incl. the check and cache reset, median / p95 | ${results.warmSympyStepMs.median} / ${results.warmSympyStepMs.p95} ms | median ≤ 40 ms ${ok(results.warmSympyStepMs.median, 40)} |`,
    `| workers discarded by the ${plain.length + sympy.length + 55} benchmark steps above | ${recycledByBenchSteps} | 0 |`,
    `| symbolicEqual, median / p95 | ${results.symbolicEqualMs.median} / ${results.symbolicEqualMs.p95} ms | |`,
    `| throughput, trivial steps, 1 worker | ${results.throughputRunsPerSec.workers1} runs/s | |`,
    `| throughput, trivial steps, 2 workers | ${results.throughputRunsPerSec.workers2} runs/s | |`,
    `| a step changes a module: its worker is discarded; until the next step ran (median of 3) | ${results.respawnToNextRunMs.median} ms | |`,
    "",
    "What each layer costs (one cold start each, then warm medians):",
    "",
    "| boundary | cold start | its CPU | warm plain | warm sympy |",
    "|---|---|---|---|---|",
    `| ${results.isolation?.profile ?? "?"} | ${results.coldStartMs.runs[0]} ms | ${results.coldStartWorkerCpuMs.runs[0]} ms | ${results.warmPlainStepMs.median} ms | ${results.warmSympyStepMs.median} ms |`,
    ...layers.map((l) => `| ${l.profile} | ${l.coldMs} ms | ${l.coldCpuMs} ms | ${l.plainMs} ms | ${l.sympyMs} ms |`),
    "",
    `Wall times depend on the machine's load (the 1-minute load average is in the title; 2 means both cores busy);`,
    `CPU times barely do.`,
    `Isolation: ${results.isolation?.profile ?? "?"}${results.isolation?.missing.length ? ` (missing: ${results.isolation.missing.join("; ")})` : " (all layers active)"}. Latencies are measured from \`run()\` to its result, IPC included.`,
    "",
  ].join("\n");
  writeFileSync(join(dir, "sandbox.md"), md);
  process.stdout.write(md);
}

main().catch((e) => {
  process.stderr.write(`sandbox bench failed: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
