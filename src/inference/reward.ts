// The process reward model on a real GGUF model: scores every step of a trajectory in one pass, reading the
// next-token probabilities of the good/bad tokens at each probe position (controlledEvaluate).
// Prefix reuse: the sequence keeps its tokens and the probabilities it read at each probe; a new trajectory
// that shares a prefix evaluates only the rest, and earlier probes reuse their cached numbers (causal
// attention: the same prefix gives the same distribution).

import type { RewardModel, ScoreRequest, ScoreResult } from "../engine/types";
import { DisposedError } from "./errors";
import type { RewardDescriptor } from "./reward-descriptors";
import type { LlamaContext, LlamaContextSequence, LlamaModel, Token } from "./runtime";

export interface LlamaRewardModelOptions {
  name?: string;
  /** When false, every call starts from an empty sequence (for tests and baselines). Default true. */
  reuse?: boolean;
}

export class LlamaRewardModel implements RewardModel {
  readonly name: string;
  private readonly seq: LlamaContextSequence;
  private readonly good: Token[];
  private readonly bad: Token[];
  /** Probability pairs read at positions of the sequence's current tokens. */
  private probeCache = new Map<number, number>();
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;

  constructor(
    readonly model: LlamaModel,
    readonly context: LlamaContext,
    readonly descriptor: RewardDescriptor,
    private readonly options: LlamaRewardModelOptions = {},
  ) {
    this.name = options.name ?? `${model.filename ?? "reward"} (${descriptor.id})`;
    this.seq = context.getSequence();
    this.good = candidateTokens(model, descriptor.good);
    this.bad = candidateTokens(model, descriptor.bad);
    if (!this.good.length || !this.bad.length) {
      throw new Error(`The reward model's vocabulary has no single token for "${descriptor.good}" or "${descriptor.bad}".`);
    }
  }

  /** The token array and probe positions for a trajectory (exposed for tests). */
  layout(problem: string, steps: readonly string[]): { tokens: Token[]; probes: number[] } {
    const d = this.descriptor;
    const tok = (text: string, special: boolean) => this.model.tokenize(text, special && d.specialTokens);
    const bos = this.model.tokens.bos;
    const tokens: Token[] = this.model.tokens.shouldPrependBosToken && bos !== null ? [bos] : [];
    // template text may hold control tokens; the question and steps are user text and never parsed
    const fill = (template: string, step: string, index: number) => {
      const parts = template.split(/(\{question\}|\{step\}|\{index\})/);
      for (const p of parts) {
        if (p === "{question}") tokens.push(...tok(problem.trim(), false));
        else if (p === "{step}") tokens.push(...tok(step, false));
        else if (p === "{index}") tokens.push(...tok(String(index), false));
        else if (p) tokens.push(...tok(p, true));
      }
    };
    fill(d.prefix, "", 0);
    const probes: number[] = [];
    steps.forEach((raw, i) => {
      const step = d.trimStep ? raw.replace(/\s+$/, "") : raw;
      fill(i === 0 && d.firstStep ? d.firstStep : d.step, step, i + 1);
      fill(d.probe, "", i + 1);
      probes.push(tokens.length - 1);
      if (i < steps.length - 1) fill(d.after, "", i + 1);
    });
    return { tokens, probes };
  }

  scoreSteps(req: ScoreRequest): Promise<ScoreResult> {
    if (this.disposed) return Promise.reject(new DisposedError("The reward model"));
    const run = this.queue.then(() => this.scoreNow(req));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async scoreNow(req: ScoreRequest): Promise<ScoreResult> {
    const started = performance.now();
    if (req.signal?.aborted) return { scores: req.steps.map(() => NaN), tokensEvaluated: 0, tokensGenerated: 0, modelMs: 0 };
    const { tokens, probes } = this.layout(req.problem, req.steps);
    if (tokens.length >= this.context.contextSize) {
      throw new Error(`The trajectory has ${tokens.length} tokens; the reward model's context holds ${this.context.contextSize}.`);
    }
    let common = 0;
    if (this.options.reuse === false) {
      await this.seq.clearHistory();
      this.probeCache.clear();
    } else {
      common = this.seq.compareContextTokens(tokens).firstDifferentIndex;
    }
    // every probe before the reuse point must have a cached value; otherwise evaluate from there
    for (const p of probes) if (p < common && !this.probeCache.has(p)) common = Math.min(common, p);
    // the last token is always evaluated when its probe is not cached (there must be something to evaluate)
    if (common >= tokens.length && !this.probeCache.has(tokens.length - 1)) common = tokens.length - 1;
    if (this.seq.nextTokenIndex > common) {
      await this.seq.eraseContextTokenRanges([{ start: common, end: this.seq.nextTokenIndex }]);
    }
    for (const k of [...this.probeCache.keys()]) if (k >= common) this.probeCache.delete(k);
    const rest = tokens.slice(common);
    const probeSet = new Set(probes);
    let evaluated = 0;
    if (rest.length) {
      const input = rest.map((t, i) =>
        probeSet.has(common + i) ? ([t, { generateNext: { probabilities: true } }] as const) : t,
      );
      const out = await this.seq.controlledEvaluate(input as Parameters<LlamaContextSequence["controlledEvaluate"]>[0]);
      evaluated = rest.length;
      out.forEach((o, i) => {
        const probs = o?.next?.probabilities;
        if (!probs) return;
        const pg = sum(probs, this.good);
        const pb = sum(probs, this.bad);
        this.probeCache.set(common + i, pg + pb > 0 ? pg / (pg + pb) : 0.5);
      });
    }
    const scores = probes.map((p) => {
      const v = this.probeCache.get(p);
      return v === undefined ? NaN : 2 * v - 1;
    });
    return { scores, tokensEvaluated: evaluated, tokensGenerated: 0, modelMs: performance.now() - started };
  }

  async reset(): Promise<void> {
    await this.queue;
    this.probeCache.clear();
    await this.seq.clearHistory();
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.queue.catch(() => undefined);
    this.seq.dispose();
  }
}

function sum(probs: Map<Token, number>, ids: Token[]): number {
  let s = 0;
  for (const id of ids) s += probs.get(id) ?? 0;
  return s;
}

/**
 * The tokens that mean `text` as the next token: `text` alone and with a leading space (SentencePiece
 * vocabularies often only have "▁+"), when each is a single token whose text trims to `text`.
 */
function candidateTokens(model: LlamaModel, text: string): Token[] {
  const out = new Set<Token>();
  for (const t of [model.tokenize(text, false, "trimLeadingSpace"), model.tokenize(text), model.tokenize(" " + text)]) {
    const last = t[t.length - 1];
    if (last !== undefined && model.detokenize([last]).trim() === text) out.add(last);
  }
  return [...out];
}
