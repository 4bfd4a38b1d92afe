// llama-server spreading the model over two RPC workers (ggml-rpc-server, the way it runs across machines):
// the log shows the layers on the RPC devices, and the remote backend generates and scores through it
// exactly as through a plain server.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { STEPWISE_PPM } from "../../src/engine/steps/reward-descriptors";
import { EndpointPool, RemotePolicy, RemoteRewardModel } from "../../src/remote";
import { renderStep } from "../../src/engine/steps/format";
import { PROBLEM, fixture, startLlamaServer, startRpcWorker, type RunningServer } from "./llama-servers";

let workers: RunningServer[] = [];
let distributed: RunningServer;
let plain: RunningServer;

before(async () => {
  workers = await Promise.all([startRpcWorker(), startRpcWorker()]);
  distributed = await startLlamaServer({ rpc: workers.map((w) => w.url), args: ["--device", "RPC0,RPC1", "-ts", "1,1", "-lv", "4"] });
  plain = await startLlamaServer();
});
after(async () => {
  await Promise.all([distributed?.stop(), plain?.stop()]);
  await Promise.all(workers.map((w) => w.stop()));
});

test("the server's log shows the model's layers and buffers on both RPC workers", () => {
  const log = distributed.log();
  for (const w of workers) {
    assert.ok(log.includes(`[${w.url}]`), `no device for worker ${w.url} in the log:\n${log.slice(0, 4000)}`);
    assert.match(log, new RegExp(`RPC\\d\\[${w.url.replace(/\./g, "\\.")}\\] model buffer size`), `no model weights on ${w.url}`);
  }
  assert.match(log, /offloaded (\d+)\/\1 layers/, "every layer offloaded");
});

test("generation and reward scores through the RPC workers equal a plain server's", async () => {
  const viaRpc = EndpointPool.fromUrls([distributed.url]);
  const direct = EndpointPool.fromUrls([plain.url]);
  const req = { problem: PROBLEM, previousSteps: [] as string[], n: 1, temperature: 0, topP: 1, seed: 0, maxTokens: 64 };
  const a = await new RemotePolicy({ pool: viaRpc }).propose(req);
  const b = await new RemotePolicy({ pool: direct }).propose(req);
  assert.equal(a.candidates[0].text, fixture().chunks.S1_GOOD.split("<end_of_")[0]);
  assert.deepEqual(a.candidates, b.candidates);
  const steps = [renderStep(a.candidates[0]), renderStep({ text: fixture().chunks.S2_WRONG.split("<end_of_")[0], stopReason: "code" }, "41")];
  const sa = await new RemoteRewardModel({ pool: viaRpc, descriptor: STEPWISE_PPM }).scoreSteps({ problem: PROBLEM, steps });
  const sb = await new RemoteRewardModel({ pool: direct, descriptor: STEPWISE_PPM }).scoreSteps({ problem: PROBLEM, steps });
  sa.scores.forEach((s, i) => assert.ok(Math.abs(s - sb.scores[i]) < 1e-3, `step ${i + 1}: ${s} vs ${sb.scores[i]}`));
});
