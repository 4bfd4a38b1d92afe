// The search client and worker with the policy served by a real llama-server (the fixture model on
// 127.0.0.1) and the reward model loaded locally, as the extension runs them when stepwise.remote.endpoints
// is set; and a refused API key, which must give a clear error without the key in it or in any log.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { ModelLoadError, SearchClient } from "../../src/worker/search-client";
import { PROBLEM, REPO_ROOT, TINY_MODEL, startLlamaServer, type RunningServer } from "../remote/llama-servers";

const KEY = "stepwise-test-key-7f3a9c";
const WRONG_KEY = "stepwise-wrong-key-51d2e0";
const logs: string[] = [];
let server: RunningServer;
let client: SearchClient;

before(async () => {
  server = await startLlamaServer({ apiKey: KEY });
  client = new SearchClient({
    workerPath: join(REPO_ROOT, "dist/search-worker.js"),
    start: { sandbox: { poolSize: 1, memoryMb: 512 } },
    log: (level, message) => logs.push(`${level} ${message}`),
  });
});

after(async () => {
  await client?.dispose();
  await server?.stop();
});

test("solves through the server: served policy, local reward model, the key kept out of states and logs", async () => {
  const states: string[] = [];
  const result = await client.search({
    problem: PROBLEM,
    models: { policyPath: "", rewardPath: TINY_MODEL, threads: 1, endpoints: [server.url], rewardFormat: "auto", apiKey: KEY },
    options: { strategy: "mcts", rollouts: 4, expansions: 3 },
  });
  states.push(JSON.stringify(client.models));
  assert.equal(result.answer, "31");
  assert.ok(result.trajectories[0].verified);
  assert.equal(client.models.state, "ready");
  if (client.models.state === "ready") {
    assert.deepEqual(client.models.spec.endpoints, [server.url]);
    assert.equal(client.models.spec.apiKey, undefined, "the posted model state carries no key");
    assert.ok(client.models.rewardName, "the local reward model was loaded beside the served policy");
  }
  for (const text of [...logs, ...states]) assert.ok(!text.includes(KEY), `key leaked into: ${text.slice(0, 200)}`);
});

test("a wrong API key gives a clear error that names the server, not the key", async () => {
  const outcome = await client
    .search({ problem: PROBLEM, models: { policyPath: "", threads: 1, endpoints: [server.url], apiKey: WRONG_KEY }, options: { rollouts: 1 } })
    .then((r) => r, (e: unknown) => e);
  assert.ok(outcome instanceof ModelLoadError, `got ${String(outcome)}`);
  assert.match(outcome.message, /API key/);
  assert.match(outcome.message, /Set Server API Key/);
  assert.ok(outcome.message.includes(server.url));
  assert.equal(client.models.state, "error");
  for (const text of [outcome.message, JSON.stringify(client.models), ...logs]) {
    assert.ok(!text.includes(WRONG_KEY) && !text.includes(KEY), `key leaked into: ${text.slice(0, 200)}`);
  }
});
