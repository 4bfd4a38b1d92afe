// Settings and the search worker: which changes restart it, that a running search is never stopped without
// asking, and that progress counts every search. Runs after extension.suite.ts in the same extension host.

import * as assert from "node:assert/strict";
import * as path from "node:path";
import * as vscode from "vscode";
import type { StepwiseApi } from "../../../src/extension/extension";
import { endlessSearchSettings } from "./endless";

const PROBLEM = "Tom has 3 boxes with 12 apples each. He gives away 5 apples. How many apples are left?";

let api: StepwiseApi;

async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration("stepwise").update(key, value, vscode.ConfigurationTarget.Global);
  // Configuration events are delivered asynchronously; let the extension's listener run.
  await new Promise((r) => setTimeout(r, 100));
}

async function until(cond: () => boolean, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
}

const TOUCHED = ["sandbox.poolSize", "sandbox.memoryMb", "sandbox.timeoutMs", "search.rollouts", "search.searches"];
let fixture: string;
let endless: Record<string, unknown>;

describe("Stepwise settings and the search worker", () => {
  before(async () => {
    const ext = vscode.extensions.getExtension<StepwiseApi>("stepwise.stepwise");
    assert.ok(ext);
    api = await ext.activate();
    fixture = path.join(ext.extensionPath, "models/fixtures/stepwise-tiny.gguf");
    endless = endlessSearchSettings(ext.extensionPath);
    await setSetting("models.policyPath", fixture);
    await setSetting("models.rewardPath", fixture);
  });

  afterEach(async () => {
    await api.ctx.cancelAndWait();
    for (const k of [...TOUCHED, ...Object.keys(endless)]) await setSetting(k, undefined);
    await setSetting("models.policyPath", fixture);
  });

  it("an idle worker restarts for a pool setting, not for the time limit or a search setting", async () => {
    const first = api.ctx.client;
    await setSetting("sandbox.timeoutMs", 7000);
    await setSetting("search.rollouts", 5);
    assert.equal(api.ctx.client, first, "the time limit and search settings are read per search");
    await setSetting("sandbox.memoryMb", 768);
    assert.notEqual(api.ctx.client, first, "a new pool needs a new worker");
  });

  it("a pool setting changed during a search asks first and does not stop the search", async () => {
    // A search that cannot end on its own meanwhile (endless.ts).
    for (const [k, v] of Object.entries(endless)) await setSetting(k, v);
    const running = vscode.commands.executeCommand("stepwise.solveProblem", PROBLEM, { ifBusy: "cancel" });
    await until(() => api.ctx.busy !== undefined);
    const client = api.ctx.client;
    api.ctx.lastNotice = undefined;
    await setSetting("sandbox.poolSize", 2);
    await until(() => /Restart it now\?/.test(api.ctx.lastNotice ?? ""));
    assert.ok(api.ctx.busy, "the search is still running");
    assert.equal(api.ctx.client, client, "the worker was not restarted behind the user's back");
    assert.match(api.ctx.pendingRestart ?? "", /stepwise\.sandbox\.poolSize/);
    // Without an answer, the restart waits for the search to end.
    await vscode.commands.executeCommand("stepwise.cancel");
    await running;
    assert.equal(api.ctx.pendingRestart, undefined);
    assert.notEqual(api.ctx.client, client, "the worker restarted once the search had ended");
  });

  it("progress counts every search: the bar runs once from 0 to rollouts × searches", async () => {
    await setSetting("search.rollouts", 2);
    await setSetting("search.searches", 3);
    const seen: Array<{ requestId: number; done: number; total: number }> = [];
    const sub = api.ctx.onDidProgress((p) => seen.push(p));
    try {
      const result = await vscode.commands.executeCommand<{ cancelled: boolean } | undefined>("stepwise.solveProblem", PROBLEM, { ifBusy: "cancel" });
      assert.ok(result && !result.cancelled);
    } finally {
      sub.dispose();
    }
    const mine = seen.filter((p) => p.requestId === seen[0].requestId);
    assert.ok(mine.length > 3, `${mine.length} progress updates`);
    for (const p of mine) assert.equal(p.total, 6);
    for (let i = 1; i < mine.length; i++) assert.ok(mine[i].done >= mine[i - 1].done, `${mine[i].done} after ${mine[i - 1].done}`);
    assert.ok(mine.some((p) => p.done > 2), "the second search continued the count");
  });
});
