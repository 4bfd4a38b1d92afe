// The knob table is the one source of every search default and range: package.json's settings must say
// the same, the engine must enforce it, and progress must count what the strategies report.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  defaultSearchOptions,
  GROUNDING_DESCRIPTIONS,
  GROUNDINGS,
  knobDefault,
  plannedProgress,
  resolveSearchOptions,
  runSearch,
  SEARCH_KNOBS,
  STRATEGIES,
  STRATEGY_DESCRIPTIONS,
} from "../../src/engine";
import type { ExecOptions, SearchEvent, StrategyName } from "../../src/engine/types";
import { ScriptedPolicy, ScriptedRewardModel, ScriptedSandbox, type ScriptedCandidate } from "./doubles";

interface SettingSchema {
  type: string;
  default: unknown;
  minimum?: number;
  maximum?: number;
  description?: string;
  enum?: string[];
  enumDescriptions?: string[];
}

const settings = (JSON.parse(readFileSync(join(process.cwd(), "package.json"), "utf8")).contributes.configuration.properties) as Record<string, SettingSchema>;

test("package.json's settings have the knob table's type, default, minimum, maximum and description", () => {
  const withSetting = SEARCH_KNOBS.filter((k) => k.setting);
  assert.ok(withSetting.length >= 8);
  for (const k of withSetting) {
    const s = settings[`stepwise.${k.setting}`];
    assert.ok(s, `stepwise.${k.setting} is contributed`);
    assert.equal(s.type, k.integer ? "integer" : "number", `${k.setting}: type`);
    assert.equal(s.default, k.default, `${k.setting}: default`);
    assert.equal(s.minimum, k.min, `${k.setting}: minimum`);
    assert.equal(s.maximum, k.max, `${k.setting}: maximum`);
    assert.equal(s.description, k.description, `${k.setting}: description`);
  }
  const strategy = settings["stepwise.search.strategy"];
  assert.deepEqual(strategy.enum, [...STRATEGIES]);
  assert.deepEqual(strategy.enumDescriptions, STRATEGIES.map((s) => STRATEGY_DESCRIPTIONS[s]));
  assert.equal(strategy.default, defaultSearchOptions().strategy);
  const grounding = settings["stepwise.search.grounding"];
  assert.deepEqual(grounding.enum, [...GROUNDINGS]);
  assert.deepEqual(grounding.enumDescriptions, GROUNDINGS.map((g) => GROUNDING_DESCRIPTIONS[g]));
  assert.equal(grounding.default, defaultSearchOptions().grounding);
  // No search setting lives outside the table.
  const known = new Set(["stepwise.search.strategy", "stepwise.search.grounding", ...withSetting.map((k) => `stepwise.${k.setting}`)]);
  for (const key of Object.keys(settings).filter((k) => k.startsWith("stepwise.search."))) assert.ok(known.has(key), `${key} is in the knob table`);
});

test("the engine's defaults are the table's, and every bound is enforced at both ends", () => {
  for (const strategy of STRATEGIES) {
    const d = defaultSearchOptions(strategy);
    for (const k of SEARCH_KNOBS) assert.equal(d[k.key], knobDefault(k, strategy), `${strategy}.${k.key}`);
  }
  assert.equal(defaultSearchOptions("greedy").temperature, 0, "greedy's own default is written in the table");
  for (const k of SEARCH_KNOBS) {
    assert.equal(resolveSearchOptions({ [k.key]: k.min })[k.key], k.min);
    assert.equal(resolveSearchOptions({ [k.key]: k.max })[k.key], k.max);
    const below = k.integer ? k.min - 1 : k.min - 0.001;
    const above = k.integer ? k.max + 1 : k.max + 0.001;
    assert.throws(() => resolveSearchOptions({ [k.key]: below }), new RegExp(`${k.key} must be`), `${k.key} below`);
    assert.throws(() => resolveSearchOptions({ [k.key]: above }), new RegExp(`${k.key} must be`), `${k.key} above`);
    if (k.integer) assert.throws(() => resolveSearchOptions({ [k.key]: k.min + 0.5 }), /whole number/);
  }
});

// A tree with two answers at depth 2, so an MCTS search always has rollouts to spend.
const SCRIPT: Record<string, ScriptedCandidate[]> = {
  "": [{ text: "a = 1" }, { text: "b = 2" }],
  "a = 1": [{ text: "print(a)", stop: "code" }],
  "b = 2": [{ text: "print(b)", stop: "code" }],
  "a = 1 > print(a)": [{ text: "The answer is \\boxed{1}", stop: "answer" }],
  "b = 2 > print(b)": [{ text: "The answer is \\boxed{2}", stop: "answer" }],
};

async function progressOf(strategy: StrategyName, options: object): Promise<{ events: Extract<SearchEvent, { type: "rollout-done" }>[]; planned: number }> {
  const events: Extract<SearchEvent, { type: "rollout-done" }>[] = [];
  const parts = { policy: new ScriptedPolicy(SCRIPT), reward: new ScriptedRewardModel({ "b = 2": 0.5 }), sandbox: new ScriptedSandbox() };
  const result = await runSearch("p", parts, { strategy, ...options }, { onEvent: (e) => e.type === "rollout-done" && events.push(e) });
  return { events, planned: plannedProgress(result.options) };
}

test("progress counts every search: MCTS units run from 1 to rollouts × searches and never restart", async () => {
  const { events, planned } = await progressOf("mcts", { rollouts: 3, searches: 4, expansions: 2 });
  assert.equal(planned, 12);
  assert.ok(events.length > 4, `${events.length} rollouts reported`);
  for (const e of events) assert.equal(e.total, planned, "every event names the whole run's total");
  for (let i = 1; i < events.length; i++) assert.ok(events[i].rollout > events[i - 1].rollout, `unit ${events[i].rollout} after ${events[i - 1].rollout}`);
  assert.ok(events[events.length - 1].rollout <= planned);
  assert.ok(events.some((e) => e.rollout > 3), "the second search continues the count");
});

test("progress of the other strategies agrees with plannedProgress", async () => {
  for (const [strategy, options] of [
    ["beam", { maxDepth: 5, beamWidth: 2, expansions: 2 }],
    ["self-consistency", { samples: 2 }],
    ["best-of-n", { samples: 2 }],
    ["greedy", {}],
  ] as const) {
    const { events, planned } = await progressOf(strategy, options);
    assert.ok(events.length > 0, strategy);
    for (const e of events) assert.equal(e.total, planned, strategy);
    for (let i = 1; i < events.length; i++) assert.ok(events[i].rollout > events[i - 1].rollout, strategy);
  }
});

/** Records the time limit of every run and symbolic comparison. */
class LimitRecordingSandbox extends ScriptedSandbox {
  readonly limits: Array<{ call: string; timeoutMs?: number }> = [];
  override run(code: string, options?: ExecOptions) {
    this.limits.push({ call: "run", timeoutMs: options?.timeoutMs });
    return super.run(code, options);
  }
  async symbolicEqual(_a: string, _b: string, options?: ExecOptions): Promise<boolean | undefined> {
    this.limits.push({ call: "symbolicEqual", timeoutMs: options?.timeoutMs });
    return undefined;
  }
}

test("the step time limit bounds every step and every symbolic answer comparison of a search", async () => {
  // \sqrt{-2}\cdot\sqrt{-2} and -2 cannot be told apart by the plain rules (complex intermediate values):
  // grouping asks the sandbox.
  const script: Record<string, ScriptedCandidate[]> = {
    "": [{ text: "The answer is \\boxed{\\sqrt{-2}\\cdot\\sqrt{-2}}", stop: "answer" }, { text: "The answer is \\boxed{-2}", stop: "answer" }],
  };
  const sandbox = new LimitRecordingSandbox();
  await runSearch("p", { policy: new ScriptedPolicy(script), sandbox }, { strategy: "self-consistency", samples: 2, stepTimeoutMs: 1234 });
  assert.ok(sandbox.limits.some((l) => l.call === "symbolicEqual"), "the answers were compared in the sandbox");
  for (const l of sandbox.limits) assert.equal(l.timeoutMs, 1234, l.call);
});
