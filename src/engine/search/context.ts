// What every strategy shares: the parts, options, statistics, events, cancellation, and the expansion of a
// node (propose → deduplicate → verify in the sandbox → score with the PPM).

import { codeToVerify, hasCode, parseStep, truncateOutput } from "../steps/parse";
import { renderStep } from "../steps/format";
import { ContextFullError } from "../types";
import type {
  ExecResult,
  SearchEvent,
  SearchOptions,
  SearchParts,
  SearchRunOptions,
  SearchStats,
  StepCandidate,
  StepStopReason,
  TokenUsage,
} from "../types";
import { ungroundedAlong } from "./rank";
import { backup, pathTo, SearchTree, snapshot, updateLocal, type TreeNode } from "./tree";

/** Thrown inside a search when its signal fires; the runner turns it into a `cancelled` result. */
export class SearchCancelled extends Error {
  constructor() {
    super("The search was cancelled.");
    this.name = "SearchCancelled";
  }
}

export function emptyStats(): SearchStats {
  return {
    tokensEvaluated: 0,
    tokensInTree: 0,
    tokensGenerated: 0,
    modelMs: 0,
    sandboxMs: 0,
    wallMs: 0,
    policy: { tokensEvaluated: 0, tokensGenerated: 0, modelMs: 0 },
    reward: { tokensEvaluated: 0, tokensGenerated: 0, modelMs: 0 },
    policyCalls: 0,
    rewardCalls: 0,
    sandboxRuns: 0,
    rolloutsDone: 0,
  };
}

/** How one expansion samples and what it does with the new children. */
export interface ExpandOptions {
  n: number;
  temperature: number;
  /** Drop candidates whose normalised text repeats a sibling's. Default true. */
  dedupe?: boolean;
  /** Score each new valid child with the PPM. Default true. */
  score?: boolean;
  /** Back a valid terminal's value up to the root (MCTS). Default false: it is recorded on the node alone. */
  backupTerminals?: boolean;
}

/** Whitespace-insensitive key for duplicate removal. */
export function dedupeKey(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

export class SearchContext {
  readonly stats = emptyStats();
  readonly trees: SearchTree[] = [];
  private idCounter = 0;
  private seedCounter = 0;
  private readonly started = Date.now();

  constructor(
    readonly problem: string,
    readonly parts: SearchParts,
    readonly options: SearchOptions,
    readonly run: SearchRunOptions,
  ) {}

  get signal(): AbortSignal | undefined {
    return this.run.signal;
  }

  emit(event: SearchEvent): void {
    this.run.onEvent?.(event);
  }

  checkAbort(): void {
    if (this.run.signal?.aborted) throw new SearchCancelled();
  }

  /**
   * `call` for a model call on the path to `node`: when the path no longer fits the model's context
   * (ContextFullError), the result is undefined and (`prune`, the policy's calls) the node is pruned as too
   * long; a step the reward model cannot read stays, unscored. At the root the problem alone is too long, and
   * the error stands.
   */
  private async tooLong<T>(node: TreeNode, fn: () => Promise<T>, prune = true): Promise<T | undefined> {
    try {
      return await this.call(fn);
    } catch (e) {
      if (!(e instanceof ContextFullError) || !node.parent) throw e;
      if (prune) this.invalidate(node, `too long for the model's context (${e.message})`);
      return undefined;
    }
  }

  /** Runs a part's call; a failure after the signal fired counts as cancellation. */
  async call<T>(fn: () => Promise<T>): Promise<T> {
    this.checkAbort();
    try {
      return await fn();
    } catch (e) {
      if (this.run.signal?.aborted) throw new SearchCancelled();
      throw e;
    }
  }

  newTree(source: number): SearchTree {
    const tree = new SearchTree(() => this.idCounter++, source);
    this.trees.push(tree);
    this.emit({ type: "started", problem: this.problem, strategy: this.options.strategy, rootId: tree.root.id });
    return tree;
  }

  /** A seed that no other call of this run uses: base seed + search offset + a running counter. */
  private nextSeed(source: number, n: number): number {
    const seed = this.options.seed + source * 1_000_003 + this.seedCounter;
    this.seedCounter += n;
    return seed;
  }

  /** Current statistics with wall time and tree size filled in. */
  currentStats(): SearchStats {
    const inTree = this.trees.reduce((s, t) => s + t.promptTokens + t.nodes.reduce((a, n) => a + n.tokenCount, 0), 0);
    const { policy, reward } = this.stats;
    return { ...this.stats, policy: { ...policy }, reward: { ...reward }, tokensInTree: inTree, wallMs: Date.now() - this.started };
  }

  /** Generate, verify and score the children of `node`; returns the new children (failed ones included). */
  async expand(tree: SearchTree, node: TreeNode, opts: ExpandOptions): Promise<TreeNode[]> {
    const path = pathTo(node);
    const result = await this.tooLong(node, () =>
      this.parts.policy.propose({
        problem: this.problem,
        previousSteps: path.map((p) => p.rendered),
        n: opts.n,
        temperature: opts.temperature,
        topP: this.options.topP,
        seed: this.nextSeed(tree.source, opts.n),
        maxTokens: this.options.maxStepTokens,
        signal: this.signal,
      }),
    );
    if (!result) {
      // The path no longer fits the policy's context: it ends here, like one past maxDepth.
      node.expanded = true;
      return [];
    }
    this.stats.policyCalls++;
    addUsage(this.stats, result);
    addUsage(this.stats.policy, result);
    if (tree.promptTokens === 0) tree.promptTokens = result.promptTokens;
    node.expanded = true;
    this.checkAbort();

    const seen = new Map(node.children.map((c) => [dedupeKey(c.raw), c]));
    const fresh: TreeNode[] = [];
    for (const cand of result.candidates) {
      if (cand.stopReason === "abort") continue;
      node.drawn++;
      const key = dedupeKey(cand.text);
      if (opts.dedupe !== false) {
        const twin = seen.get(key);
        if (twin) {
          twin.copies++;
          continue;
        }
      }
      const child = tree.add(node, cand.text, cand.tokenCount, cand.stopReason);
      if (opts.dedupe !== false) seen.set(key, child);
      fresh.push(child);
      this.emit({ type: "node-added", node: snapshot(child) });
    }
    for (const child of fresh) {
      await this.verify(child, path, node);
      if (child.status === "failed" || child.status === "invalid") {
        updateLocal(child, -1);
        continue;
      }
      if (opts.score !== false) await this.score(child);
      // With grounding "guide", a step that writes a number from nowhere starts as low as a failed one.
      const value = this.options.grounding === "guide" && this.ungrounded(path, child) ? -1 : Number.isNaN(child.score) ? 0 : child.score;
      if (child.status === "terminal" && opts.backupTerminals) {
        await this.backupTerminal(child, true);
      } else {
        updateLocal(child, value);
      }
    }
    return fresh;
  }

  /** Whether `child`'s code writes a number that is not in the problem or the steps of `path` before it. */
  private ungrounded(path: readonly TreeNode[], child: TreeNode): boolean {
    return ungroundedAlong(this.problem, [...path, child]).at(-1)!.length > 0;
  }

  /** Backs a valid terminal's value (the reference check when given, else its PPM score) up to the root. */
  async backupTerminal(node: TreeNode, first: boolean): Promise<void> {
    let value = Number.isNaN(node.score) ? 0 : node.score;
    if (this.run.terminalValue && node.answer !== undefined) {
      const answer = node.answer;
      value = await this.call(async () => this.run.terminalValue!(answer));
    }
    const ids = backup(node, value);
    // The terminal's own first visit is its value, not passed on separately.
    if (first) node.localVisits = 0;
    this.emit({ type: "backed-up", path: ids, value });
  }

  /** Parse the step, run the solution so far, and classify the node. */
  private async verify(child: TreeNode, path: TreeNode[], parent: TreeNode): Promise<void> {
    const stop: StepStopReason = child.stopReason ?? "step";
    const step = parseStep(child.raw, { stopReason: stop, afterCode: parent.step?.endsCode === true });
    child.step = step;
    child.answer = step.answer;
    let ok = true;
    let output = "";
    if (hasCode(step)) {
      const code = codeToVerify(
        path.map((p) => p.step ?? { code: "" }),
        step,
      );
      const exec = await this.runCode(code);
      ok = exec.status === "ok";
      output = truncateOutput(exec.stdout, this.options.maxOutputChars);
      if (!ok) child.error = exec.error ?? (exec.stderr.trim().split("\n").pop() || exec.status);
    }
    child.output = output;
    const renderStop: Pick<StepCandidate, "stopReason">["stopReason"] = step.isAnswer ? "answer" : step.endsCode ? "code" : "step";
    child.rendered = renderStep({ text: step.text, stopReason: renderStop }, output);
    this.emit({ type: "node-verified", id: child.id, ok, output, error: child.error });
    if (!ok) {
      child.status = "failed";
      this.emit({ type: "node-pruned", id: child.id, reason: `code failed: ${child.error}` });
      return;
    }
    const finished = step.isAnswer || stop === "answer" || stop === "eos";
    if (step.answer !== undefined) child.status = "terminal";
    else if (child.raw.trim().length === 0) this.invalidate(child, "empty step");
    else if (finished) this.invalidate(child, "ended without a \\boxed{} answer");
    else if (child.depth >= this.options.maxDepth) this.invalidate(child, `no answer by depth ${this.options.maxDepth}`);
    else child.status = "verified";
  }

  private invalidate(child: TreeNode, reason: string): void {
    child.status = "invalid";
    child.error = reason;
    this.emit({ type: "node-pruned", id: child.id, reason });
  }

  private async runCode(code: string): Promise<ExecResult> {
    this.checkAbort();
    let exec: ExecResult;
    try {
      exec = await this.parts.sandbox.run(code, { timeoutMs: this.options.stepTimeoutMs, signal: this.signal });
    } catch (e) {
      if (this.run.signal?.aborted) throw new SearchCancelled();
      // A sandbox that throws instead of reporting is treated as a crash of this step.
      exec = { status: "crashed", stdout: "", stderr: String(e), error: e instanceof Error ? e.message : String(e), durationMs: 0 };
    }
    this.stats.sandboxRuns++;
    this.stats.sandboxMs += exec.durationMs;
    this.checkAbort();
    return exec;
  }

  /** Scores the trajectory ending at `node` and sets `node.score` to its last score (0 without a PPM). */
  async score(node: TreeNode): Promise<void> {
    const reward = this.parts.reward;
    if (!reward) {
      node.score = 0;
      this.emit({ type: "node-scored", id: node.id, score: 0 });
      return;
    }
    const path = pathTo(node);
    const result = await this.tooLong(
      node,
      () => reward.scoreSteps({ problem: this.problem, steps: path.map((p) => p.rendered), outputs: path.map((p) => p.output), signal: this.signal }),
      false,
    );
    if (!result) return; // unscored (NaN): its value starts at 0
    this.addRewardUsage(result);
    node.score = clampScore(result.scores[result.scores.length - 1]);
    this.emit({ type: "node-scored", id: node.id, score: node.score });
  }

  /** Scores a whole trajectory in one call and sets every step's score (sampling strategies). */
  async scorePath(leaf: TreeNode): Promise<void> {
    const reward = this.parts.reward;
    const path = pathTo(leaf);
    if (path.length === 0) return;
    if (!reward) {
      for (const n of path) {
        if (Number.isNaN(n.score)) {
          n.score = 0;
          this.emit({ type: "node-scored", id: n.id, score: 0 });
        }
      }
      return;
    }
    const result = await this.tooLong(
      leaf,
      () => reward.scoreSteps({ problem: this.problem, steps: path.map((p) => p.rendered), outputs: path.map((p) => p.output), signal: this.signal }),
      false,
    );
    if (!result) return; // the sample's steps stay unscored
    this.addRewardUsage(result);
    path.forEach((n, i) => {
      n.score = clampScore(result.scores[i]);
      this.emit({ type: "node-scored", id: n.id, score: n.score });
    });
  }

  private addRewardUsage(result: { tokensEvaluated: number; tokensGenerated: number; modelMs: number }): void {
    this.stats.rewardCalls++;
    addUsage(this.stats, result);
    addUsage(this.stats.reward, result);
  }
}

function addUsage(to: TokenUsage, result: TokenUsage): void {
  to.tokensEvaluated += result.tokensEvaluated;
  to.tokensGenerated += result.tokensGenerated;
  to.modelMs += result.modelMs;
}

/** Scores outside [−1, 1] are clamped; a missing or NaN score counts as 0. */
export function clampScore(s: number | undefined): number {
  if (s === undefined || Number.isNaN(s)) return 0;
  return Math.max(-1, Math.min(1, s));
}
