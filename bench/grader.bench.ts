// Grader benchmark: time per labelled pair (test/engine/grader-pairs.jsonl) through the plain rules
// (TypeScript only) and through the whole pipeline with the symbolic fallback on a warm Pyodide sandbox,
// the sandbox's cold start, and `stepwise grade` run once as a new process.
// Run from the repository root: npm run bench:grader → bench/results/grader.json and bench/results/grader.md
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { compareAnswers, explainAnswers } from "../src/engine/answers";
import { PyodideSandbox } from "../src/sandbox";

interface Pair {
  a: string;
  b: string;
  equal: boolean;
  kind: string;
  symbolic?: boolean;
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}
const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
const stats = (xs: number[]) => ({ median: round(quantile(xs, 0.5)), p95: round(quantile(xs, 0.95)), max: round(Math.max(...xs)), n: xs.length });

async function main(): Promise<void> {
  const root = process.cwd();
  const pairs = readFileSync(join(root, "test/engine/grader-pairs.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as Pair);
  const loadStart = loadavg().map((x) => round(x, 2));

  // Plain rules: 5 rounds over every pair; the first round is warm-up and not counted.
  const plain: number[] = [];
  let plainAgree = 0;
  for (let round_ = 0; round_ < 6; round_++) {
    for (const p of pairs) {
      const t = performance.now();
      const r = explainAnswers(p.a, p.b);
      const ms = performance.now() - t;
      if (round_ === 0) {
        if (r.equal === (p.symbolic ? undefined : p.equal)) plainAgree++;
        continue;
      }
      plain.push(ms);
    }
  }

  // The sandbox: cold start until it answers a first symbolic pair.
  const coldStart = performance.now();
  const sandbox = await PyodideSandbox.create({ poolSize: 1 });
  await sandbox.symbolicEqual("sqrt(2)", "2**(1/2)");
  const coldStartMs = performance.now() - coldStart;

  // Whole pipeline with the symbolic fallback on the warm sandbox: 3 rounds over every pair.
  const full: number[] = [];
  const fullSymbolic: number[] = [];
  let fullAgree = 0;
  for (let round_ = 0; round_ < 3; round_++) {
    for (const p of pairs) {
      const t = performance.now();
      const r = await compareAnswers(p.a, p.b, sandbox);
      const ms = performance.now() - t;
      full.push(ms);
      if (p.symbolic) fullSymbolic.push(ms);
      if (round_ === 0 && r.equal === p.equal) fullAgree++;
    }
  }
  sandbox.dispose();

  // `stepwise grade` as a new process: plain pairs (3 runs), and one pair that needs the sandbox (1 run).
  const cli = join(root, "dist", "cli.js");
  const oneShot = (args: string[]) => {
    const t = performance.now();
    const r = spawnSync(process.execPath, [cli, "grade", "-q", ...args], { encoding: "utf8" });
    return { ms: performance.now() - t, code: r.status };
  };
  const cliPlain = [0, 1, 2].map(() => oneShot(["\\frac{14}{3}", "4.6667"]).ms);
  const cliSymbolic = oneShot(["\\sqrt{-2}\\cdot\\sqrt{-2}", "-2"]);

  const results = {
    machine: { cpus: cpus().length, node: process.version, loadAtStart: loadStart, loadAtEnd: loadavg().map((x) => round(x, 2)) },
    pairs: pairs.length,
    symbolicPairs: pairs.filter((p) => p.symbolic).length,
    agreement: { plainRules: `${plainAgree}/${pairs.length}`, withSymbolic: `${fullAgree}/${pairs.length}` },
    plainMsPerPair: stats(plain),
    withSymbolicMsPerPair: stats(full),
    symbolicPairsMs: stats(fullSymbolic),
    sandboxColdStartMs: round(coldStartMs, 0),
    cliPlainMs: stats(cliPlain),
    cliSymbolicMs: { ms: round(cliSymbolic.ms, 0), exitCode: cliSymbolic.code },
  };
  const dir = join(root, "bench", "results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "grader.json"), JSON.stringify(results, null, 2) + "\n");
  const ok = (ms: number) => (ms <= 2000 ? "✓" : "✗");
  const md = [
    `### Answer grader (${results.pairs} labelled pairs, ${results.symbolicPairs} of them need sympy; ${results.machine.cpus} cores, Node ${results.machine.node}, load ${loadStart.join(" / ")} at start, ${results.machine.loadAtEnd.join(" / ")} at end)`,
    "",
    "| measure | median | p95 | max | goal: every pair within 2 s |",
    "|---|---|---|---|---|",
    `| plain rules (TypeScript only), per pair | ${results.plainMsPerPair.median} ms | ${results.plainMsPerPair.p95} ms | ${results.plainMsPerPair.max} ms | ${ok(results.plainMsPerPair.max)} |`,
    `| whole pipeline with the symbolic fallback (warm sandbox), per pair | ${results.withSymbolicMsPerPair.median} ms | ${results.withSymbolicMsPerPair.p95} ms | ${results.withSymbolicMsPerPair.max} ms | ${ok(results.withSymbolicMsPerPair.max)} |`,
    `| … only the pairs sympy decides | ${results.symbolicPairsMs.median} ms | ${results.symbolicPairsMs.p95} ms | ${results.symbolicPairsMs.max} ms | ${ok(results.symbolicPairsMs.max)} |`,
    `| \`stepwise grade\` as a new process, plain pair (3 runs) | ${round(results.cliPlainMs.median, 0)} ms | | ${round(results.cliPlainMs.max, 0)} ms | ${ok(results.cliPlainMs.max)} |`,
    `| \`stepwise grade\` as a new process, pair that starts the sandbox (1 run) | ${results.cliSymbolicMs.ms} ms | | | ${ok(results.cliSymbolicMs.ms)} |`,
    `| sandbox cold start until its first symbolic answer | ${results.sandboxColdStartMs} ms | | | |`,
    "",
    `Agreement with the labels: plain rules ${results.agreement.plainRules} (the sympy pairs count as agreeing when left undecided), with the symbolic fallback ${results.agreement.withSymbolic}.`,
    "Wall times depend on the machine's load (the 1/5/15-minute load averages are in the title; the machine has 2 cores).",
    "",
  ].join("\n");
  writeFileSync(join(dir, "grader.md"), md);
  process.stdout.write(md);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
