// The extension's one context object, with two lifetimes (as rust-analyzer's Ctx): things that live as long
// as the extension (log, status bar, panel, solved problems) and a session that lives as long as the loaded
// models and the search worker, disposed together when settings change or the extension stops.

import * as path from "node:path";
import * as vscode from "vscode";
import type { SearchEvent, SearchOptions, SearchResult, StrategyName } from "../engine/types";
import { plannedProgress, resolveSearchOptions } from "../engine";
import type { PanelSearchView } from "../protocol";
import { ModelLoadError, SearchCancelledError, SearchClient, type ModelState } from "../worker/search-client";
import { effectiveThreads, readConfig, searchOptionsFrom, type StepwiseConfig } from "./config";
import { NoModelError, resolveModels } from "./models";
import { looksLikeMath, NOT_MATH_MESSAGE } from "../engine/problem";

/** SecretStorage key of the server API key. */
export const API_KEY_SECRET = "stepwise.remote.apiKey";
import { StatusBar } from "./status";
import { SolutionPanel } from "./panel";

/** Longest problem text Stepwise accepts; a selection beyond it is almost surely not one problem. */
export const MAX_PROBLEM_CHARS = 8000;

const LAST_KEY = "stepwise.lastSolve";
const SOLVED_KEY = "stepwise.solved";
/** Solved problems remembered across reloads for the hovers. */
const MAX_REMEMBERED = 20;

/** The problem is empty, too long, or has nothing to solve. */
export class BadProblemError extends Error {
  override readonly name = "BadProblemError";
}

/** Where a problem came from, so Insert can put the answer after it. */
export interface ProblemSource {
  uri: string;
  /** Offsets of the selection in the document when solved. */
  start: number;
  end: number;
  languageId: string;
}

/** One solve: its problem, where it came from, and (once done) its result. */
export interface SolveRecord {
  requestId: number;
  problem: string;
  strategy: StrategyName;
  /** Budget multiplier (1, then 2, 4, … for Solve Again with a Bigger Budget). */
  scale: number;
  source?: ProblemSource;
  view: PanelSearchView;
}

export interface SolveRequest {
  problem: string;
  source?: ProblemSource;
  strategy?: StrategyName;
  scale?: number;
  /** What to do when a search is already running: ask (default), cancel it, or refuse. */
  ifBusy?: "ask" | "cancel" | "refuse";
}

/** Session lifetime: the worker and the models it has loaded. */
class Session implements vscode.Disposable {
  readonly client: SearchClient;
  constructor(ctx: Ctx, cfg: StepwiseConfig) {
    this.client = new SearchClient({
      workerPath: path.join(ctx.extensionPath, "dist", "search-worker.js"),
      start: { sandbox: { poolSize: cfg.sandboxPoolSize, memoryMb: cfg.sandboxMemoryMb } },
      // The time limit is read at each use, so changing it needs no new worker.
      evaluateTimeoutMs: () => Math.min(readConfig().sandboxTimeoutMs, 5000),
      log: (level, message) => ctx.logAt(level, message),
      onModelState: (s) => ctx.onModelState(s),
    });
  }
  dispose(): void {
    void this.client.dispose();
  }
}

export class Ctx implements vscode.Disposable {
  readonly log: vscode.LogOutputChannel;
  readonly status: StatusBar;
  /** Extension lifetime disposables. */
  private readonly subscriptions: vscode.Disposable[] = [];
  private session: Session | undefined;
  private running: { record: SolveRecord; controller: AbortController; done: Promise<SearchResult | undefined> } | undefined;
  private nextRequestId = 1;
  /** The latest solve (shown in the panel). */
  last: SolveRecord | undefined;
  /** Finished solves by problem text, for the hover. */
  readonly solved = new Map<string, SolveRecord>();
  private readonly modelStateEmitter = new vscode.EventEmitter<ModelState>();
  readonly onDidChangeModelState = this.modelStateEmitter.event;
  private readonly progressEmitter = new vscode.EventEmitter<{ requestId: number; done: number; total: number }>();
  /** Fires with every progress update the panel and status bar get (from `search-started` on). */
  readonly onDidProgress = this.progressEmitter.event;

  constructor(readonly extension: vscode.ExtensionContext) {
    this.log = vscode.window.createOutputChannel("Stepwise", { log: true });
    this.status = new StatusBar();
    this.subscriptions.push(this.log, this.status, this.modelStateEmitter, this.progressEmitter);
    this.restoreSolved();
  }

  /**
   * After a window reload the panel restores itself from its webview state; the records behind it (for
   * Insert, Copy, Export and the hovers) come back from workspace state.
   */
  private restoreSolved(): void {
    const last = this.extension.workspaceState.get<SolveRecord>(LAST_KEY);
    const solved = this.extension.workspaceState.get<SolveRecord[]>(SOLVED_KEY) ?? [];
    for (const r of solved) if (r?.problem && r.view?.result) this.solved.set(r.problem, r);
    if (last?.view?.result) {
      this.last = last;
      this.nextRequestId = last.requestId + 1;
    }
  }

  private persistSolved(record: SolveRecord): void {
    void this.extension.workspaceState.update(LAST_KEY, record);
    // The hovers need the answers and steps, not the trees; keep the most recent ones.
    const recent = [...this.solved.values()].slice(-MAX_REMEMBERED).map((r) => ({
      ...r,
      view: r.view.result ? { ...r.view, result: { ...r.view.result, tree: [] } } : r.view,
    }));
    void this.extension.workspaceState.update(SOLVED_KEY, recent);
  }

  /** The server API key from VS Code's secret storage (never from settings). */
  async apiKey(): Promise<string | undefined> {
    return (await this.extension.secrets.get(API_KEY_SECRET)) || undefined;
  }

  get extensionPath(): string {
    return this.extension.extensionPath;
  }

  get extensionUri(): vscode.Uri {
    return this.extension.extensionUri;
  }

  get config(): StepwiseConfig {
    return readConfig();
  }

  /** The running search, if any. */
  get busy(): SolveRecord | undefined {
    return this.running?.record;
  }

  /** The last message shown to the user (also logged); the extension-host tests read it. */
  lastNotice: string | undefined;

  /** Shows a warning or information message and logs it. Resolves with the chosen action. */
  notify(kind: "warning" | "info", message: string, ...actions: string[]): Thenable<string | undefined> {
    this.lastNotice = message;
    this.log.info(`Notice: ${message}`);
    return kind === "warning" ? vscode.window.showWarningMessage(message, ...actions) : vscode.window.showInformationMessage(message, ...actions);
  }

  logAt(level: "trace" | "debug" | "info" | "warn" | "error", message: string): void {
    this.log[level](message);
  }

  /** The search worker, started on first use. */
  get client(): SearchClient {
    this.session ??= new Session(this, this.config);
    return this.session.client;
  }

  /** Drops the worker and its models (settings changed); the next use starts a fresh one. */
  restartSession(reason: string): void {
    this.pendingRestart = undefined;
    if (!this.session) return;
    this.log.info(`Restarting the search worker: ${reason}`);
    this.cancel();
    this.session.dispose();
    this.session = undefined;
    this.status.setModel({ state: "unloaded" });
  }

  /** Why the worker is to restart once the running search ends (the user chose "Later"). */
  pendingRestart: string | undefined;

  /**
   * Settings that need a new worker changed. Without a worker nothing needs doing; an idle worker restarts
   * at once; a running search is never stopped without asking: "Restart Now" stops it, "Later" (or no
   * answer) restarts the worker when the search ends.
   */
  async settingsNeedRestart(settings: readonly string[]): Promise<void> {
    if (!this.session || settings.length === 0) return;
    const reason = `${settings.map((s) => `stepwise.${s}`).join(", ")} changed`;
    if (!this.running) {
      this.restartSession(reason);
      return;
    }
    this.pendingRestart = reason;
    this.log.info(`${reason}: the search worker restarts when the running search ends, unless restarted now`);
    const choice = await this.notify(
      "info",
      `Stepwise: ${settings.map((s) => `stepwise.${s}`).join(" and ")} take effect when the search worker restarts, which stops the running search. Restart it now?`,
      "Restart Now",
      "Later",
    );
    if (choice === "Restart Now" && this.pendingRestart) this.restartSession(reason);
  }

  onModelState(state: ModelState): void {
    this.status.setModel(state);
    if (state.state === "error") this.log.error(state.error.message);
    if (state.state === "ready") this.log.info(`Models ready in ${state.loadMs} ms: ${state.policyName}${state.rewardName ? ` + ${state.rewardName}` : ""}`);
    this.modelStateEmitter.fire(state);
  }

  /** Checks a problem text before a search is started for it. */
  static validateProblem(problem: string): string {
    const text = problem.trim();
    if (!text) throw new BadProblemError("There is nothing to solve: select the text of a math problem first (or use Stepwise: Solve Problem…).");
    if (text.length > MAX_PROBLEM_CHARS) {
      const kb = Math.round(text.length / 1024);
      throw new BadProblemError(
        `The selection is ${kb >= 1 ? `${kb} KB` : `${text.length} characters`}; Stepwise solves one problem at a time, up to ${MAX_PROBLEM_CHARS.toLocaleString("en-US")} characters. Select just the problem statement.`,
      );
    }
    if (!/[\p{L}\p{N}]/u.test(text)) throw new BadProblemError("The selection has no letters or numbers, so there is no problem to solve.");
    // Chat and prose are refused before any model runs (the rule is in src/engine/problem.ts).
    if (!looksLikeMath(text)) throw new BadProblemError(NOT_MATH_MESSAGE);
    return text;
  }

  /**
   * Solves a problem: checks it, resolves the models, shows the panel and runs the search in the worker.
   * Resolves with the result (also when cancelled part-way), or undefined when it did not start or failed.
   */
  async solve(req: SolveRequest): Promise<SearchResult | undefined> {
    let problem: string;
    try {
      problem = Ctx.validateProblem(req.problem);
    } catch (e) {
      void this.notify("warning", (e as Error).message);
      return undefined;
    }
    const cfg = this.config;
    let models;
    try {
      models = resolveModels(cfg, this.extensionPath);
    } catch (e) {
      if (e instanceof NoModelError) {
        void this.offerModelFix(e.message);
        return undefined;
      }
      throw e;
    }
    if (this.running) {
      const mode = req.ifBusy ?? "ask";
      const current = this.running.record.problem;
      if (mode === "refuse") {
        void this.notify("warning", `A search is already running ("${shorten(current)}"). Cancel it first (Stepwise: Cancel Search).`);
        return undefined;
      }
      if (mode === "ask") {
        const choice = await this.notify(
          "warning",
          `A search is already running ("${shorten(current)}"). Stop it and solve the new problem?`,
          "Stop and Solve",
          "Keep Running",
        );
        if (choice !== "Stop and Solve") return undefined;
      }
      await this.cancelAndWait();
    }

    const strategy = req.strategy ?? cfg.strategy;
    const scale = req.scale ?? 1;
    const options = searchOptionsFrom(cfg, { strategy, scale });
    const requestId = this.nextRequestId++;
    const total = plannedTotal(options);
    const record: SolveRecord = {
      requestId,
      problem,
      strategy,
      scale,
      source: req.source,
      view: { requestId, problem, strategy, state: "running", progress: { done: 0, total, tokensPerSecond: 0 } },
    };
    this.last = record;
    const panel = SolutionPanel.createOrShow(this);
    panel.post({ type: "search-started", requestId, problem, strategy, total });
    this.status.setRunning({ done: 0, total });
    this.progressEmitter.fire({ requestId, done: 0, total });
    void vscode.commands.executeCommand("setContext", "stepwise.searching", true);
    this.log.info(`Solving (${strategy}, request ${requestId}): ${shorten(problem, 120)}`);

    const controller = new AbortController();
    const batcher = new EventBatcher((events) => SolutionPanel.current?.post({ type: "search-events", requestId, events }));
    const onEvent = (event: SearchEvent) => {
      batcher.push(event);
      if (event.type === "rollout-done") {
        const tps = event.stats.wallMs > 0 ? (event.stats.tokensGenerated * 1000) / event.stats.wallMs : 0;
        record.view.progress = { done: event.rollout, total: event.total, tokensPerSecond: tps };
        SolutionPanel.current?.post({ type: "progress", requestId, done: event.rollout, total: event.total, tokensPerSecond: tps });
        this.status.setRunning({ done: event.rollout, total: event.total });
        this.progressEmitter.fire({ requestId, done: event.rollout, total: event.total });
      }
    };
    const done = (async (): Promise<SearchResult | undefined> => {
      try {
        const result = await this.client.search(
          {
            problem,
            models: {
              policyPath: models.policyPath,
              rewardPath: models.rewardPath,
              threads: effectiveThreads(cfg),
              endpoints: models.endpoints,
              rewardEndpoints: models.rewardEndpoints,
              rewardFormat: cfg.remoteRewardFormat,
              // From secret storage, in memory only; only sent when a server is in use.
              apiKey: models.endpoints || models.rewardEndpoints ? await this.apiKey() : undefined,
            },
            options,
          },
          { signal: controller.signal, onEvent },
        );
        batcher.flush();
        const message = result.cancelled
          ? "Cancelled. These are the trajectories found so far."
          : result.answer === undefined
            ? "No answer found. The text may not be a math problem, or the budget was too small: try Solve Again with a Bigger Budget."
            : undefined;
        record.view = { ...record.view, state: result.cancelled ? "cancelled" : "finished", result, message };
        SolutionPanel.current?.post({ type: "search-finished", requestId, result, message });
        if (!result.cancelled) {
          this.solved.delete(problem);
          this.solved.set(problem, record);
        }
        this.persistSolved(record);
        if (!result.cancelled && result.answer === undefined) void this.notify("info", `Stepwise: ${message}`);
        this.log.info(`Request ${requestId} ${result.cancelled ? "cancelled" : "finished"}: answer ${result.answer ?? "(none)"}, ${result.trajectories.length} trajectories, ${result.stats.wallMs} ms`);
        return result;
      } catch (e) {
        batcher.flush();
        const cancelled = e instanceof SearchCancelledError;
        const message = cancelled ? "Cancelled before any trajectory was finished." : (e as Error).message;
        record.view = { ...record.view, state: cancelled ? "cancelled" : "failed", message };
        SolutionPanel.current?.post({ type: "search-failed", requestId, message });
        if (cancelled) this.log.info(`Request ${requestId} cancelled`);
        else {
          this.log.error(`Request ${requestId} failed: ${(e as Error).stack ?? message}`);
          if (e instanceof ModelLoadError) void this.offerModelFix(message);
          else void this.showError(`Stepwise: the search failed: ${message}`);
        }
        return undefined;
      } finally {
        batcher.dispose();
        if (this.running?.record === record) {
          this.running = undefined;
          this.status.setIdle();
          void vscode.commands.executeCommand("setContext", "stepwise.searching", false);
          if (this.pendingRestart) this.restartSession(this.pendingRestart);
        }
      }
    })();
    this.running = { record, controller, done };
    return done;
  }

  /** Cancels the running search (nothing happens when none runs). */
  cancel(): boolean {
    if (!this.running) return false;
    this.running.controller.abort();
    return true;
  }

  async cancelAndWait(): Promise<void> {
    const r = this.running;
    if (!r) return;
    r.controller.abort();
    await r.done;
  }

  /** Says why a solve cannot run and offers the fixes. */
  async offerModelFix(message: string): Promise<void> {
    const choice = await this.notify("warning", message, "Download Recommended Models", "Choose Models…", "Open Settings");
    if (choice === "Download Recommended Models") await vscode.commands.executeCommand("stepwise.downloadModels");
    else if (choice === "Choose Models…") await vscode.commands.executeCommand("stepwise.chooseModels");
    else if (choice === "Open Settings") await vscode.commands.executeCommand("workbench.action.openSettings", "stepwise.models");
  }

  async showError(message: string): Promise<void> {
    this.lastNotice = message;
    const choice = await vscode.window.showErrorMessage(message, "Open Logs");
    if (choice === "Open Logs") this.log.show();
  }

  dispose(): void {
    this.cancel();
    this.session?.dispose();
    this.session = undefined;
    for (const d of this.subscriptions.splice(0)) d.dispose();
  }
}

/** The progress units the search will report, all searches together (the engine's own count). */
export function plannedTotal(options: Partial<SearchOptions>): number {
  return plannedProgress(resolveSearchOptions(options));
}

export function shorten(s: string, n = 60): string {
  const one = s.replace(/\s+/g, " ").trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

/** Groups search events into one message per 100 ms: a busy tree sends hundreds per second. */
class EventBatcher {
  private events: SearchEvent[] = [];
  private timer: NodeJS.Timeout | undefined;
  constructor(private readonly send: (events: SearchEvent[]) => void) {}
  push(e: SearchEvent): void {
    this.events.push(e);
    this.timer ??= setTimeout(() => this.flush(), 100);
  }
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.events.length === 0) return;
    const batch = this.events;
    this.events = [];
    this.send(batch);
  }
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
