// Several real llama-servers at once: requests spread over them, one is killed mid-search and the search
// finishes on the other with nothing lost; a dead endpoint comes back into the pool when it answers again.
import assert from "node:assert/strict";
import { after, afterEach, test } from "node:test";
import { runSearch } from "../../src/engine";
import type { SearchEvent } from "../../src/engine/types";
import { EndpointPool, completeOnce, createRemoteModels } from "../../src/remote";
import { PyodideSandbox } from "../../src/sandbox";
import { PROBLEM, startLlamaServer, type RunningServer } from "./llama-servers";

const started: RunningServer[] = [];
async function server(opts: Parameters<typeof startLlamaServer>[0] = {}): Promise<RunningServer> {
  const s = await startLlamaServer(opts);
  started.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
});

let sandbox: PyodideSandbox | undefined;
after(() => sandbox?.dispose());

test("two servers, one killed mid-search: the search finishes on the other, every rollout done", async () => {
  const [a, b] = await Promise.all([server(), server()]);
  const logs: string[] = [];
  const models = await createRemoteModels({
    endpoints: [a.url, b.url],
    rewardEndpoints: [a.url, b.url],
    pool: { reviveAfterMs: 60_000 },
    logger: (level, m) => logs.push(`${level}: ${m}`),
  });
  sandbox ??= await PyodideSandbox.create({ poolSize: 1 });
  const events: SearchEvent[] = [];
  let killedAfter = -1;
  let victim: RunningServer | undefined;
  const result = await runSearch(
    PROBLEM,
    { policy: models.policy!, reward: models.reward, sandbox },
    { strategy: "mcts", rollouts: 8, expansions: 4, maxStepTokens: 64, seed: 5 },
    {
      onEvent: (e) => {
        events.push(e);
        // As soon as the first expansion is in the tree, kill the server the search is using (a problem
        // sticks to one server for its prompt cache): scoring and later expansions must move.
        if (e.type === "node-added" && killedAfter < 0) {
          killedAfter = events.length;
          const [ra, rb] = models.stats().policy.map((s) => s.requests);
          victim = ra >= rb ? a : b;
          victim.kill();
        }
      },
    },
  );
  assert.ok(killedAfter > 0 && killedAfter < events.length / 2, "the kill happened early in the search");
  assert.equal(result.cancelled, false);
  assert.equal(result.stats.rolloutsDone, 8, "every rollout completed");
  assert.equal(events.filter((e) => e.type === "rollout-done").length, 8);
  assert.equal(result.answer, "31");
  const stats = models.stats().policy;
  const dead = stats.find((s) => s.url === victim!.url)!;
  const live = stats.find((s) => s.url !== victim!.url)!;
  assert.ok(dead.requests > 0 && live.requests > 0, `both served requests: ${JSON.stringify(stats)}`);
  assert.equal(dead.down, true, "the killed server is out of the pool");
  assert.equal(live.down, false);
  assert.ok(dead.failures > 0, "requests to the killed server failed and were retried elsewhere");
  assert.ok(logs.some((l) => l.startsWith("warn:") && l.includes(victim!.url)), `a warning names the dead endpoint: ${logs.join(" | ")}`);
});

test("a request in flight on a server that dies is retried on another and completes", async () => {
  // Long contexts so one generation runs long enough to be killed in the middle of it.
  const [a, b] = await Promise.all([server({ ctxSize: 4096, parallel: 2 }), server({ ctxSize: 4096, parallel: 2 })]);
  const pool = EndpointPool.fromUrls([a.url, b.url], {}, { reviveAfterMs: 60_000 });
  await pool.check();
  // Keep b busy-looking so the first request goes to a, then let the long generation start on a.
  pool.endpoints[1].inFlight += 1;
  let servedBy = "";
  const pending = pool.run(async (ep, signal) => {
    const r = await completeOnce(ep, "Count:", { maxTokens: 2000, temperature: 1, topP: 1, seed: 1, stop: [], extraBody: { ignore_eos: true, top_k: 40 } }, signal);
    servedBy = r.endpoint;
    return r;
  });
  // Wait until a's slot is generating, then kill it mid-generation.
  for (let i = 0; i < 100; i++) {
    const slots = (await (await fetch(`${a.url}/slots`)).json()) as Array<{ is_processing: boolean }>;
    if (slots.some((s) => s.is_processing)) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  pool.endpoints[1].inFlight -= 1;
  assert.equal(pool.endpoints[0].inFlight, 1, "the request is running on the first server");
  a.kill();
  const r = await pending;
  assert.equal(servedBy, b.url);
  assert.equal(r.tokensGenerated, 2000, "the whole answer came back from the second server");
  assert.ok(pool.endpoints[0].failures >= 1);
});

test("a dead endpoint is tried again later and rejoins when it answers", async () => {
  const a = await server();
  const b = await server();
  const pool = EndpointPool.fromUrls([a.url, b.url], {}, { reviveAfterMs: 300 });
  await pool.check();
  const port = a.port;
  a.kill();
  await new Promise((r) => a.proc.once("exit", r));
  const ask = () => pool.run((ep, s) => completeOnce(ep, "Hi", { maxTokens: 2, temperature: 0, topP: 1, seed: 0, stop: [] }, s));
  for (let i = 0; i < 4; i++) await ask();
  assert.equal(pool.stats()[0].down, true);
  // Same port, new process: after reviveAfterMs the pool sends it work again.
  const again = await server({ port });
  assert.equal(again.url, a.url);
  await new Promise((r) => setTimeout(r, 400));
  const before = pool.endpoints[0].requests;
  for (let i = 0; i < 4; i++) await ask();
  assert.ok(pool.endpoints[0].requests > before, "the revived server got requests");
  assert.equal(pool.stats()[0].down, false);
});

test("many problems at once: spread over both servers, each problem kept on one server unless it fails", async () => {
  const [a, b] = await Promise.all([server(), server()]);
  const pool = EndpointPool.fromUrls([a.url, b.url], {}, { reviveAfterMs: 60_000 });
  await pool.check();
  const servedBy = new Map<number, string[]>();
  const ask = (p: number, seed: number) =>
    pool.run((ep, s) => completeOnce(ep, `${PROBLEM} (problem ${p})`, { maxTokens: 4, temperature: 1, topP: 1, seed, stop: [] }, s), undefined, {
      affinity: `problem ${p}`,
    });
  const record = (p: number, endpoint: string) => servedBy.set(p, [...(servedBy.get(p) ?? []), endpoint]);
  // Eight problems, each three rounds of four requests at once, all problems concurrently: however the
  // requests interleave and however busy the machine is, a problem never changes server while both live.
  await Promise.all(
    Array.from({ length: 8 }, async (_, p) => {
      for (let round = 0; round < 3; round++) {
        const rs = await Promise.all(Array.from({ length: 4 }, (_, i) => ask(p, round * 4 + i)));
        for (const r of rs) record(p, r.endpoint);
      }
    }),
  );
  for (const [p, eps] of servedBy) assert.equal(new Set(eps).size, 1, `problem ${p} hopped between servers: ${eps.join(", ")}`);
  const onA = [...servedBy.values()].filter((eps) => eps[0] === a.url).length;
  assert.equal(onA, 4, `the problems are split evenly between the servers (4 on each), got ${onA} on the first`);
  // When a problem's server dies, its next requests move to the other one and then stay there.
  const moved = [...servedBy.entries()].filter(([, eps]) => eps[0] === a.url).map(([p]) => p);
  a.kill();
  await new Promise((r) => a.proc.once("exit", r));
  for (const p of moved) {
    for (let i = 0; i < 3; i++) record(p, (await ask(p, 100 + i)).endpoint);
    assert.deepEqual(servedBy.get(p)!.slice(-3), [b.url, b.url, b.url], `problem ${p} moved to the live server and stayed`);
  }
});
