// The command line against real llama-server processes: --endpoint for the policy and the reward model,
// and a benchmark that runs several problems at once across two servers.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { SearchResult } from "../../src/engine/types";
import { runCli, tempDir, TINY, TINY_PROBLEM } from "../cli/helpers";
import { startLlamaServer, type RunningServer } from "./llama-servers";

describe("stepwise with --endpoint (real llama-server)", () => {
  let a: RunningServer;
  let b: RunningServer;
  before(async () => {
    [a, b] = await Promise.all([startLlamaServer(), startLlamaServer()]);
  });
  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  test("solve: remote policy and remote reward model, the fixture's PPM scoring its right answer highest", async () => {
    const r = await runCli(["solve", TINY_PROBLEM, "--json", "--endpoint", a.url, "--reward-endpoint", a.url, "--reward-format", "stepwise-ppm", "--rollouts", "6", "--expansions", "4"]);
    assert.equal(r.code, 0, r.stderr);
    const result = JSON.parse(r.stdout) as SearchResult;
    // The vote is by sampled share, so the answer may be another; the PPM's preference is what is fixed.
    const top = [...result.trajectories].sort((x, y) => y.score - x.score)[0];
    assert.equal(top.answer, "31");
    assert.equal(result.answer, result.groups[0].answer);
    assert.ok(result.trajectories[0].verified);
    assert.ok(result.stats.tokensEvaluated > 0);
  });

  test("bench -j 2 over two servers solves every problem once", async () => {
    const dir = tempDir();
    const file = join(dir, "p.jsonl");
    writeFileSync(file, Array.from({ length: 6 }, () => JSON.stringify({ question: TINY_PROBLEM, answer: "31" })).join("\n") + "\n");
    const out = join(dir, "out.jsonl");
    const r = await runCli(["bench", file, "-j", "2", "--endpoint", a.url, "--endpoint", b.url, "--reward", TINY, "--strategy", "greedy", "--out", out]);
    assert.equal(r.code, 0, r.stderr);
    const records = readFileSync(out, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    assert.deepEqual(records.map((x) => x.index).sort(), [0, 1, 2, 3, 4, 5]);
    assert.ok(records.every((x) => x.correct), "every answer graded correct");
    const summary = JSON.parse(readFileSync(out.replace(/\.jsonl$/, ".summary.json"), "utf8"));
    assert.equal(summary.concurrency, 2);
    assert.ok(summary.problemsPerMinute > 0);
  });

  test("concurrency without servers is refused with the reason", async () => {
    const dir = tempDir();
    const file = join(dir, "p.jsonl");
    writeFileSync(file, JSON.stringify({ question: TINY_PROBLEM, answer: "31" }) + "\n");
    const r = await runCli(["bench", file, "-j", "2", "--policy", TINY, "--reward", "none", "--out", join(dir, "o.jsonl")]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--concurrency above 1 needs a served policy/);
  });

  test("a refused connection names the URL", async () => {
    const r = await runCli(["solve", TINY_PROBLEM, "--endpoint", "http://127.0.0.1:9", "--reward", "none"]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /127\.0\.0\.1:9/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });
});
