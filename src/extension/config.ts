// Every setting, read in one place. The search settings' defaults and bounds come from the engine's knob
// table (src/engine/knobs.ts), which package.json's contributes.configuration must match (a test checks);
// the other settings' schema, types and readers change together here.

import * as os from "node:os";
import * as vscode from "vscode";
import { clampKnob, DEFAULT_STRATEGY, GROUNDINGS, knob, STRATEGIES, type NumericKnobKey } from "../engine/knobs";
import type { SearchOptions, StrategyName } from "../engine/types";

export const SECTION = "stepwise";

export interface StepwiseConfig {
  /** Policy GGUF path; "" means the embedded default model. */
  policyPath: string;
  /** Reward (PPM) GGUF path; "" means the embedded default; "none" disables the reward model. */
  rewardPath: string;
  strategy: StrategyName;
  grounding: NonNullable<SearchOptions["grounding"]>;
  rollouts: number;
  expansions: number;
  searches: number;
  samples: number;
  beamWidth: number;
  temperature: number;
  maxDepth: number;
  widen: number;
  /** llama.cpp threads; 0 means half the cores (at least 1). */
  threads: number;
  sandboxTimeoutMs: number;
  sandboxPoolSize: number;
  sandboxMemoryMb: number;
  hoverLanguages: string[];
  hoverNotebooks: boolean;
  hoverEvaluate: boolean;
  /** Policy servers (llama-server / OpenAI-compatible); non-empty means no local policy file is used. */
  remoteEndpoints: string[];
  /** Reward-model servers; empty keeps the reward model local. */
  remoteRewardEndpoints: string[];
  /** Reward descriptor id, or "auto". */
  remoteRewardFormat: string;
}

const urls = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string").map((x) => x.trim()).filter(Boolean) : [];

function get<T>(c: vscode.WorkspaceConfiguration, key: string, fallback: T): T {
  const v = c.get<T>(key);
  return v === undefined || v === null ? fallback : v;
}

function int(v: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(Number.isFinite(v) ? v : min)));
}

/** A search setting, clamped into its knob's range; the knob's default when unset. */
function knobSetting(c: vscode.WorkspaceConfiguration, key: NumericKnobKey): number {
  const k = knob(key);
  return clampKnob(k, c.get<number>(k.setting!));
}

export function readConfig(): StepwiseConfig {
  const c = vscode.workspace.getConfiguration(SECTION);
  const strategy = get<StrategyName>(c, "search.strategy", DEFAULT_STRATEGY);
  const grounding = get<StepwiseConfig["grounding"]>(c, "search.grounding", GROUNDINGS[0]);
  return {
    policyPath: get(c, "models.policyPath", "").trim(),
    rewardPath: get(c, "models.rewardPath", "").trim(),
    strategy: STRATEGIES.includes(strategy) ? strategy : DEFAULT_STRATEGY,
    grounding: GROUNDINGS.includes(grounding) ? grounding : GROUNDINGS[0],
    rollouts: knobSetting(c, "rollouts"),
    expansions: knobSetting(c, "expansions"),
    searches: knobSetting(c, "searches"),
    samples: knobSetting(c, "samples"),
    beamWidth: knobSetting(c, "beamWidth"),
    temperature: knobSetting(c, "temperature"),
    maxDepth: knobSetting(c, "maxDepth"),
    widen: knobSetting(c, "widen"),
    threads: int(get(c, "threads", 0), 0, 256),
    sandboxTimeoutMs: knobSetting(c, "stepTimeoutMs"),
    sandboxPoolSize: int(get(c, "sandbox.poolSize", 1), 1, 16),
    sandboxMemoryMb: int(get(c, "sandbox.memoryMb", 512), 64, 8192),
    hoverLanguages: get(c, "hover.languages", ["markdown", "latex", "plaintext"]),
    hoverNotebooks: get(c, "hover.notebooks", true),
    hoverEvaluate: get(c, "hover.evaluate", true),
    remoteEndpoints: urls(c.get("remote.endpoints")),
    remoteRewardEndpoints: urls(c.get("remote.rewardEndpoints")),
    remoteRewardFormat: get(c, "remote.rewardFormat", "auto"),
  };
}

/** The llama.cpp thread count to use: the setting, or half the cores (oversubscribing slows generation a lot). */
export function effectiveThreads(cfg: Pick<StepwiseConfig, "threads">): number {
  return cfg.threads > 0 ? cfg.threads : Math.max(1, Math.floor(os.cpus().length / 2));
}

/**
 * The search options the settings ask for; `scale` multiplies the budget (Solve Again with a Bigger Budget),
 * kept inside each knob's range.
 */
export function searchOptionsFrom(cfg: StepwiseConfig, overrides: { strategy?: StrategyName; scale?: number } = {}): Partial<SearchOptions> {
  const scale = overrides.scale ?? 1;
  const strategy = overrides.strategy ?? cfg.strategy;
  const scaled = (key: NumericKnobKey, value: number) => clampKnob(knob(key), Math.round(value));
  return {
    strategy,
    rollouts: scaled("rollouts", cfg.rollouts * scale),
    expansions: cfg.expansions,
    searches: cfg.searches,
    samples: scaled("samples", cfg.samples * scale),
    beamWidth: scaled("beamWidth", cfg.beamWidth * Math.sqrt(scale)),
    // Greedy decoding means temperature 0; the engine's default for it says so.
    temperature: strategy === "greedy" ? undefined : cfg.temperature,
    maxDepth: cfg.maxDepth,
    widen: cfg.widen,
    stepTimeoutMs: cfg.sandboxTimeoutMs,
    grounding: cfg.grounding,
  };
}

/**
 * Settings that only take effect in a new search worker (the sandbox pool is started with them). Every
 * other setting is read per search: the time limit travels with each search, models reload when their
 * spec changes.
 */
export const WORKER_RESTART_SETTINGS: readonly string[] = ["sandbox.poolSize", "sandbox.memoryMb"];

/** The worker-restart settings a configuration change touches. */
export function settingsNeedingRestart(e: Pick<vscode.ConfigurationChangeEvent, "affectsConfiguration">): string[] {
  return WORKER_RESTART_SETTINGS.filter((s) => e.affectsConfiguration(`${SECTION}.${s}`));
}
