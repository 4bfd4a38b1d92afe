// Clear errors a user can act on: nothing listening, a URL that points inside the server, an API key the
// server refuses or that is missing (a real llama-server started with --api-key), and the key never
// appearing in any message.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  ApiKeyRejectedError,
  EndpointPathError,
  EndpointUnreachableError,
  RemoteRewardModel,
  apiKeyFromEnv,
  createRemoteModels,
  EndpointPool,
} from "../../src/remote";
import { STEPWISE_PPM } from "../../src/engine/steps/reward-descriptors";
import { ContextFullError } from "../../src/engine/types";
import { PROBLEM, freePort, startLlamaServer, type RunningServer } from "./llama-servers";

const KEY = "sk-stepwise-test-4f9a1c";
let open: RunningServer;
let keyed: RunningServer;
before(async () => {
  [open, keyed] = await Promise.all([startLlamaServer(), startLlamaServer({ apiKey: KEY })]);
});
after(async () => {
  await Promise.all([open?.stop(), keyed?.stop()]);
});

test("connection refused: names the URL and says nothing listens there", async () => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  await assert.rejects(createRemoteModels({ endpoints: [url] }), (e: Error) => {
    assert.ok(e instanceof EndpointUnreachableError, `${e.name}: ${e.message}`);
    assert.match(e.message, /refused/i);
    assert.ok(e.message.includes(url));
    return true;
  });
  assert.ok(Date.now() - t0 < 5000, "a refused connection fails fast");
});

test("wrong URL path: a 404 from the server says to give the base address", async () => {
  await assert.rejects(createRemoteModels({ endpoints: [`${open.url}/api/not-here`] }), (e: Error) => {
    assert.ok(e instanceof EndpointPathError, `${e.name}: ${e.message}`);
    assert.match(e.message, /base address/);
    return true;
  });
  // A trailing /v1 (as OpenAI clients are configured) is accepted.
  const ok = await createRemoteModels({ endpoints: [`${open.url}/v1`] });
  assert.equal(ok.policyPool?.endpoints[0].url, open.url);
});

test("API key refused (401) or missing: a clear error, and the key is never in the message", async () => {
  await assert.rejects(createRemoteModels({ endpoints: [keyed.url], apiKey: "sk-wrong-key-000" }), (e: Error) => {
    assert.ok(e instanceof ApiKeyRejectedError, `${e.name}: ${e.message}`);
    assert.equal((e as ApiKeyRejectedError).status, 401);
    assert.match(e.message, /refused the API key/);
    assert.ok(!e.message.includes("sk-wrong-key-000"), "the key leaked into the message");
    assert.ok(!(e.stack ?? "").includes("sk-wrong-key-000"));
    return true;
  });
  await assert.rejects(createRemoteModels({ endpoints: [keyed.url] }), (e: Error) => {
    assert.ok(e instanceof ApiKeyRejectedError);
    assert.match(e.message, /STEPWISE_API_KEY/);
    return true;
  });
  // With the right key, from the environment variable the CLI names, it works.
  const key = apiKeyFromEnv("STEPWISE_TEST_KEY", { STEPWISE_TEST_KEY: KEY });
  const models = await createRemoteModels({ endpoints: [keyed.url], rewardEndpoints: [keyed.url], apiKey: key });
  const r = await models.policy!.propose({ problem: PROBLEM, previousSteps: [], n: 1, temperature: 0, topP: 1, seed: 0, maxTokens: 32 });
  assert.equal(r.candidates[0].stopReason, "step");
  const s = await models.reward!.scoreSteps({ problem: PROBLEM, steps: [`${r.candidates[0].text}<end_of_step>\n`] });
  assert.equal(s.scores.length, 1);
  assert.ok(!JSON.stringify(models.description).includes(KEY));
});

test("one endpoint down at start, another up: the pool starts, warns, and serves from the live one", async () => {
  const dead = `http://127.0.0.1:${await freePort()}`;
  const warnings: string[] = [];
  const models = await createRemoteModels({
    endpoints: [dead, open.url],
    rewardEndpoints: [dead, open.url],
    logger: (level, m) => level === "warn" && warnings.push(m),
  });
  assert.ok(warnings.some((w) => w.includes(dead)), warnings.join(" | "));
  for (let i = 0; i < 3; i++) {
    const r = await models.policy!.propose({ problem: PROBLEM, previousSteps: [], n: 2, temperature: 0, topP: 1, seed: i, maxTokens: 32 });
    assert.equal(r.candidates.length, 2);
  }
  const [d, o] = models.stats().policy;
  assert.equal(d.down, true);
  assert.ok(o.requests >= 6);
});

test("a pool whose every endpoint refuses gives up with the per-endpoint reasons", async () => {
  const urls = [`http://127.0.0.1:${await freePort()}`, `http://127.0.0.1:${await freePort()}`];
  const pool = EndpointPool.fromUrls(urls, {}, { maxAttempts: 3, backoffMs: 20 });
  const reward = new RemoteRewardModel({ pool, descriptor: STEPWISE_PPM });
  await assert.rejects(reward.scoreSteps({ problem: PROBLEM, steps: ["x = 1\n<end_of_step>\n"] }), (e: Error) => {
    assert.equal(e.name, "NoEndpointAvailableError");
    for (const u of urls) assert.ok(e.message.includes(u), e.message);
    return true;
  });
});

test("a request longer than the server's context is the engine's ContextFullError, so a search ends that path, not itself", async () => {
  // 4 slots share 1,024 tokens: 256 each, less than a long problem's prompt.
  const small = await startLlamaServer({ ctxSize: 1024 });
  try {
    const models = await createRemoteModels({ endpoints: [small.url], rewardEndpoints: [small.url], rewardDescriptor: "stepwise-ppm" });
    const problem = `${"Ann has 3 red pens and 4 blue pens in a cup on her desk. ".repeat(30)}How many pens does Ann have?`;
    await assert.rejects(models.policy!.propose({ problem, previousSteps: [], n: 1, temperature: 0, topP: 1, seed: 0, maxTokens: 16 }), (e: Error) => {
      assert.ok(e instanceof ContextFullError, `${e.name}: ${e.message}`);
      assert.match(e.message, /exceeds the available context size/);
      return true;
    });
    await assert.rejects(models.reward!.scoreSteps({ problem, steps: ["x = 1\n<end_of_step>"], outputs: [""] }), ContextFullError);
  } finally {
    await small.stop();
  }
});
