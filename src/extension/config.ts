// Every setting, read in one place. The package.json schema (contributes.configuration), these types and
// these readers change together.

import * as os from "node:os";
import * as vscode from "vscode";
import type { SearchOptions, StrategyName } from "../engine/types";

export const SECTION = "stepwise";

export interface StepwiseConfig {
  /** Policy GGUF path; "" means the embedded default model. */
  policyPath: string;
  /** Reward (PPM) GGUF path; "" means the embedded default; "none" disables the reward model. */
  rewardPath: string;
  strategy: StrategyName;
  rollouts: number;
  expansions: number;
  searches: number;
  samples: number;
  beamWidth: number;
  temperature: number;
  maxDepth: number;
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

export function readConfig(): StepwiseConfig {
  const c = vscode.workspace.getConfiguration(SECTION);
  return {
    policyPath: get(c, "models.policyPath", "").trim(),
    rewardPath: get(c, "models.rewardPath", "").trim(),
    strategy: get<StrategyName>(c, "search.strategy", "mcts"),
    rollouts: int(get(c, "search.rollouts", 8), 1, 1000),
    expansions: int(get(c, "search.expansions", 4), 1, 64),
    searches: int(get(c, "search.searches", 1), 1, 64),
    samples: int(get(c, "search.samples", 8), 1, 256),
    beamWidth: int(get(c, "search.beamWidth", 4), 1, 64),
    temperature: Math.min(2, Math.max(0, get(c, "search.temperature", 1))),
    maxDepth: int(get(c, "search.maxDepth", 12), 1, 64),
    threads: int(get(c, "threads", 0), 0, 256),
    sandboxTimeoutMs: int(get(c, "sandbox.timeoutMs", 5000), 100, 120_000),
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

/** The search options the settings ask for; `scale` multiplies the budget (Solve Again with a Bigger Budget). */
export function searchOptionsFrom(cfg: StepwiseConfig, overrides: { strategy?: StrategyName; scale?: number } = {}): Partial<SearchOptions> {
  const scale = overrides.scale ?? 1;
  const strategy = overrides.strategy ?? cfg.strategy;
  return {
    strategy,
    rollouts: Math.round(cfg.rollouts * scale),
    expansions: cfg.expansions,
    searches: cfg.searches,
    samples: Math.round(cfg.samples * scale),
    beamWidth: Math.round(cfg.beamWidth * Math.sqrt(scale)),
    // Greedy decoding means temperature 0; the engine's default for it says so.
    temperature: strategy === "greedy" ? undefined : cfg.temperature,
    maxDepth: cfg.maxDepth,
    stepTimeoutMs: cfg.sandboxTimeoutMs,
  };
}

/** Whether a configuration change touches settings that need the worker restarted. */
export function affectsWorker(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration(`${SECTION}.sandbox`);
}
