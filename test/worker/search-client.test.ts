// The search client and worker on plain Node with the real parts: dist/search-worker.js, Pyodide and
// node-llama-cpp on the project's fixture model. Run after `node esbuild.mjs`.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ModelLoadError, SearchCancelledError, SearchClient } from "../../src/worker/search-client";

const root = resolve(__dirname, "../../..");
const fixture = join(root, "models/fixtures/stepwise-tiny.gguf");
const PROBLEM = "Tom has 3 boxes with 12 apples each. He gives away 5 apples. How many apples are left?";
const logs: string[] = [];
const client = new SearchClient({
  workerPath: join(root, "dist/search-worker.js"),
  start: { sandbox: { poolSize: 1, memoryMb: 512 } },
  log: (level, message) => logs.push(`${level} ${message}`),
});
const models = { policyPath: fixture, rewardPath: fixture, threads: 1 };

/** This process's children, without the `ps` that lists them. */
function children(): string[] {
  try {
    return execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(process.pid)], { encoding: "utf8" })
      .trim()
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l && !/^\d+ ps /.test(l));
  } catch {
    return [];
  }
}

after(() => client.dispose());

test("evaluates expressions with sympy in the sandbox, no model loaded", async () => {
  assert.deepEqual(await client.evaluate("2^10 + 3/4"), { ok: true, text: "4099/4", latex: "\\frac{4099}{4}", approx: "1024.75000000" });
  assert.equal((await client.evaluate("2^10")).approx, undefined);
  assert.equal((await client.evaluate("integrate(x^2, x)")).text, "x**3/3");
  const bad = await client.evaluate("1 +* 2");
  assert.equal(bad.ok, false);
  assert.equal(client.models.state, "unloaded");
});

test("runs a whole search in the worker and streams its events", async () => {
  const seen = new Set<string>();
  const result = await client.search({ problem: PROBLEM, models, options: { strategy: "mcts", rollouts: 4, expansions: 3 } }, { onEvent: (e) => seen.add(e.type) });
  assert.equal(result.answer, "31");
  assert.ok(result.trajectories[0].verified);
  for (const t of ["started", "node-added", "node-verified", "rollout-done"]) assert.ok(seen.has(t), `saw ${t}`);
  assert.ok(!seen.has("finished"), "the result is sent once, not also as an event");
  assert.equal(client.models.state, "ready");
  assert.ok(logs.some((l) => l.includes("[llama]")), "llama.cpp's log reaches the client");
});

test("an aborted signal cancels the search", async () => {
  const controller = new AbortController();
  const running = client.search({ problem: PROBLEM, models, options: { rollouts: 1000 } }, { signal: controller.signal, onEvent: (e) => e.type === "rollout-done" && controller.abort() });
  const outcome = await running.then((r) => r, (e: unknown) => e);
  assert.ok(outcome instanceof SearchCancelledError || (outcome as { cancelled?: boolean }).cancelled === true, String(outcome));
});

test("model files that are missing or not GGUF give ModelLoadError with a clear message", async () => {
  await assert.rejects(client.search({ problem: PROBLEM, models: { ...models, policyPath: "/nowhere/model.gguf" }, options: {} }), (e: unknown) => {
    assert.ok(e instanceof ModelLoadError);
    assert.equal(e.code, "model-not-found");
    assert.match(e.message, /policy model file was not found: \/nowhere\/model\.gguf/);
    return true;
  });
  const notGguf = join(mkdtempSync(join(tmpdir(), "stepwise-")), "notes.gguf");
  writeFileSync(notGguf, "just text");
  await assert.rejects(client.search({ problem: PROBLEM, models: { ...models, policyPath: notGguf }, options: {} }), (e: unknown) => e instanceof ModelLoadError && e.code === "model-invalid");
});

test("dispose stops the worker and its sandbox processes, and refuses later use", async () => {
  assert.ok(children().length > 0, "the sandbox runs in child processes");
  await client.dispose();
  for (let i = 0; i < 20 && children().length > 0; i++) await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(children(), []);
  await assert.rejects(client.evaluate("1+1"), /disposed/);
});
