// The process reward model on a real GGUF model: scores every step of a trajectory in one pass, reading the
// next-token probabilities of the good/bad tokens at each probe position (controlledEvaluate).
//
// Token economy, as the policy keeps it: a tree search scores path after path of one tree, and the paths
// share long prefixes. The context holds a few sequences ("slots"), each keeping the tokens of the last
// trajectory it scored and the probabilities it read at each probe. A request takes the slot that shares the
// longest prefix with its trajectory (the least recently used on a tie), rolls the rest back with
// eraseContextTokenRanges, and evaluates only the missing suffix. Before a slot drops a long tail that no
// saved state covers (a sibling replacing the branch just scored), the slot's state is saved to a file; a
// later request whose prefix a saved state holds for more tokens than any slot loads that state instead of
// re-reading the branch. Saved states are kept within a byte budget, least recently used first out.
// Earlier probes reuse their cached numbers (causal attention: the same prefix gives the same distribution).

import { ContextFullError, type RewardModel, type ScoreRequest, type ScoreResult } from "../engine/types";
import { descriptorPieces, stepsAsRead, type RewardDescriptor } from "../engine/steps/reward-descriptors";
import { KvStateStore, type KvSlot } from "./kv-states";
import { ModelLock } from "./runtime";
import type { LlamaContext, LlamaContextSequence, LlamaModel, Token } from "./runtime";

export interface LlamaRewardModelOptions {
  name?: string;
  /** When false, every call starts from an empty sequence (for tests and baselines). Default true. */
  reuse?: boolean;
  /**
   * A saved state is loaded (and a slot's tail saved before it is dropped) only when that spares more than
   * this many tokens of evaluation. Default 8.
   */
  forkThreshold?: number;
  /** Bytes of saved states kept on disk; the least recently used go first. 0 disables saving. Default 256 MiB. */
  stateBudgetBytes?: number;
  /** Folder for saved states. Default: a fresh folder under the OS temp dir, removed on dispose. */
  tempDir?: string;
  /** How many of the context's free sequences to keep branches in. Default: all of them. */
  sequences?: number;
}

interface Slot extends KvSlot {
  /** Probe values read at positions of the slot's current tokens. */
  probes: Map<number, number>;
}

export class LlamaRewardModel implements RewardModel {
  readonly name: string;
  private readonly slots: Slot[] = [];
  private readonly states: KvStateStore<Map<number, number>>;
  private readonly good: Token[];
  private readonly bad: Token[];
  private readonly forkThreshold: number;
  private readonly lock = new ModelLock("The reward model");

  constructor(
    readonly model: LlamaModel,
    readonly context: LlamaContext,
    readonly descriptor: RewardDescriptor,
    private readonly options: LlamaRewardModelOptions = {},
  ) {
    this.name = options.name ?? `${model.filename ?? "reward"} (${descriptor.id})`;
    // one slot without reuse: every call starts from an empty sequence anyway
    const wanted = options.reuse === false ? 1 : (options.sequences ?? context.totalSequences);
    for (let i = 0; i < wanted && context.sequencesLeft > 0; i++) {
      this.slots.push({ seq: context.getSequence(), probes: new Map(), covered: 0, used: 0 });
    }
    if (this.slots.length === 0) throw new Error("LlamaRewardModel needs a context with at least one free sequence");
    this.forkThreshold = options.forkThreshold ?? 8;
    this.states = new KvStateStore({
      budgetBytes: options.stateBudgetBytes ?? 256 * 1024 * 1024,
      threshold: this.forkThreshold,
      tempDir: options.tempDir,
      name: "ppm",
    });
    this.good = candidateTokens(model, descriptor.good);
    this.bad = candidateTokens(model, descriptor.bad);
    if (!this.good.length || !this.bad.length) {
      throw new Error(`The reward model's vocabulary has no single token for "${descriptor.good}" or "${descriptor.bad}".`);
    }
  }

  /** States saved and loaded (for logs and the benchmark). */
  get stateSaves(): number {
    return this.states.saves;
  }
  get stateLoads(): number {
    return this.states.loads;
  }

  /** The token array and probe positions for a trajectory (exposed for tests and the benchmark). */
  layout(problem: string, steps: readonly string[]): { tokens: Token[]; probes: number[] } {
    const bos = this.model.tokens.bos;
    const tokens: Token[] = this.model.tokens.shouldPrependBosToken && bos !== null ? [bos] : [];
    const { pieces, probeAfter } = descriptorPieces(this.descriptor, problem, steps);
    const probes: number[] = [];
    let next = 0;
    // the score is read at the last token of each probe, which ends after piece probeAfter[k] - 1
    const probesEndingAt = (piecesSoFar: number) => {
      while (next < probeAfter.length && probeAfter[next] === piecesSoFar) {
        probes.push(tokens.length - 1);
        next++;
      }
    };
    probesEndingAt(0);
    pieces.forEach((piece, i) => {
      tokens.push(...this.model.tokenize(piece.text, piece.special));
      probesEndingAt(i + 1);
    });
    return { tokens, probes };
  }

  async scoreSteps(req: ScoreRequest): Promise<ScoreResult> {
    return this.lock.run(() => this.scoreNow(req));
  }

  private async scoreNow(req: ScoreRequest): Promise<ScoreResult> {
    const started = performance.now();
    if (req.signal?.aborted) return { scores: req.steps.map(() => NaN), tokensEvaluated: 0, tokensGenerated: 0, modelMs: 0 };
    const { tokens, probes } = this.layout(req.problem, stepsAsRead(this.descriptor, req.steps, req.outputs));
    if (tokens.length >= this.context.contextSize) {
      throw new ContextFullError(`The trajectory has ${tokens.length} tokens; the reward model's context holds ${this.context.contextSize}.`);
    }
    let slot: Slot;
    let common: number;
    if (this.options.reuse === false) {
      slot = this.slots[0];
      await slot.seq.clearHistory();
      slot.probes.clear();
      common = 0;
    } else {
      ({ slot, common } = await this.place(tokens));
    }
    slot.used = this.states.tick();
    // every probe before the reuse point must have a cached value; otherwise evaluate from there
    for (const p of probes) if (p < common && !slot.probes.has(p)) common = Math.min(common, p);
    // the last token is always evaluated when its probe is not cached (there must be something to evaluate)
    if (common >= tokens.length && !slot.probes.has(tokens.length - 1)) common = tokens.length - 1;
    const rest = tokens.slice(common);
    // a trajectory read in full before keeps the slot's longer branch
    if (rest.length) await this.truncate(slot, common);
    const probeSet = new Set(probes);
    if (rest.length) {
      const input = rest.map((t, i) =>
        probeSet.has(common + i) ? ([t, { generateNext: { probabilities: true } }] as const) : t,
      );
      const out = await slot.seq.controlledEvaluate(input as Parameters<LlamaContextSequence["controlledEvaluate"]>[0]);
      out.forEach((o, i) => {
        const probs = o?.next?.probabilities;
        if (!probs) return;
        const pg = sum(probs, this.good);
        const pb = sum(probs, this.bad);
        slot.probes.set(common + i, pg + pb > 0 ? pg / (pg + pb) : 0.5);
      });
    }
    const scores = probes.map((p) => {
      const v = slot.probes.get(p);
      return v === undefined ? NaN : 2 * v - 1;
    });
    return { scores, tokensEvaluated: rest.length, tokensGenerated: 0, modelMs: performance.now() - started };
  }

  /** The slot to evaluate `tokens` in and how many of its tokens already match; loads a saved state when that pays. */
  private async place(tokens: Token[]): Promise<{ slot: Slot; common: number }> {
    let slot = this.slots[0];
    let common = -1;
    for (const s of this.slots) {
      const c = s.seq.compareContextTokens(tokens).firstDifferentIndex;
      if (c > common || (c === common && s.used < slot.used)) {
        slot = s;
        common = c;
      }
    }
    const saved = this.states.best(tokens, common + this.forkThreshold);
    if (!saved) return { slot, common };
    // load into the least recently used slot, keeping the others' branches
    const target = this.slots.reduce((a, b) => (b.used < a.used ? b : a));
    const loaded = await this.states.load(target, saved.state, () => new Map(target.probes));
    target.probes = loaded ? new Map(saved.state.data) : new Map();
    return { slot: target, common: target.seq.compareContextTokens(tokens).firstDifferentIndex };
  }

  /** Roll a slot back to `length` tokens (saving a long tail first, see kv-states.ts). */
  private async truncate(slot: Slot, length: number): Promise<void> {
    await this.states.truncate(slot, length, () => new Map(slot.probes));
    for (const k of [...slot.probes.keys()]) if (k >= length) slot.probes.delete(k);
  }

  async reset(): Promise<void> {
    await this.lock.exclusive(async () => {
      await this.states.clear();
      for (const s of this.slots) {
        s.probes.clear();
        s.covered = 0;
        s.coveredBy = undefined;
        // as a fresh slot: ties in choosing a slot fall to the slots' order, not to the last problem's use
        s.used = 0;
        await s.seq.clearHistory();
      }
    });
  }

  async dispose(): Promise<void> {
    await this.lock.dispose(async () => {
      await this.states.dispose();
      for (const s of this.slots) s.seq.dispose();
    });
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
