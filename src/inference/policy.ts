// The policy on a real GGUF model: proposes candidate next steps, stopping at the step markers.
//
// Token economy: a tree search asks again and again for continuations of prompts that share long prefixes.
// The context holds several sequences ("slots"); each slot keeps what it last evaluated. A request reuses
// the slot whose cached tokens share the longest prefix with the new prompt, rolls the rest back with
// eraseContextTokenRanges, and evaluates only the missing suffix. Sibling candidates run in parallel slots
// (one batched decode per token); a slot that lacks a long part of the prompt gets a copy of the first
// slot's state (state save/load) instead of re-evaluating it. A branch the slots drop (the candidates of an
// earlier wave, an older rollout's path) is saved first and loaded back when the search returns to it
// (kv-states.ts). Prompts are assembled from token arrays:
// the tokens a step was generated with are reused when the step comes back in a later prompt, so the cache
// matches even where re-tokenizing the text would split it differently.

import { ContextFullError, type Policy, type ProposeRequest, type ProposeResult, type StepCandidate, type StepStopReason } from "../engine/types";
import { END_OF_ANSWER, END_OF_CODE, END_OF_STEP, buildPromptHeader } from "../engine/steps/format";
import type { PromptStyle } from "../engine/steps/format";
import { KvStateStore, type KvSlot, type SavedKvState } from "./kv-states";
import { ModelLock } from "./runtime";
import type { LlamaContext, LlamaContextSequence, LlamaModel, Logger, Token } from "./runtime";

const MARKER_REASONS: ReadonlyArray<[string, StepStopReason]> = [
  [END_OF_STEP, "step"],
  [END_OF_CODE, "code"],
  [END_OF_ANSWER, "answer"],
];
/**
 * Tokens decoded after each new token to look for a marker that it completes. The markers are ASCII and
 * every token adds at least one byte, so a marker ending in the newest token lies within its last
 * `length` tokens; two more keep a multi-byte character cut at the window's start away from it.
 */
const MARKER_WINDOW = Math.max(...MARKER_REASONS.map(([m]) => m.length)) + 2;

export interface LlamaPolicyOptions {
  /** Display name. Default: the model file's name. */
  name?: string;
  /** Prompt layout (see format.ts). Default "rstar". */
  promptStyle?: PromptStyle;
  /**
   * "reuse" (default): KV-cache reuse along the tree as described above. "naive": every candidate
   * re-evaluates its whole prompt from an empty sequence (the baseline the benchmark compares with).
   */
  cache?: "reuse" | "naive";
  /**
   * Run sibling candidates in parallel sequences (default true when the context has more than one).
   * false generates them one after another in one sequence.
   */
  parallel?: boolean;
  /** A slot missing more than this many prompt tokens copies the first slot's state instead. Default 8. */
  forkThreshold?: number;
  /**
   * Bytes of saved states (branches the slots have left, see kv-states.ts) kept on disk; the least recently
   * used go first. 0 keeps only the state being copied between slots. Default 256 MiB.
   */
  stateBudgetBytes?: number;
  /** Folder for saved states. Default: a fresh folder under the OS temp dir, removed on dispose. */
  tempDir?: string;
  logger?: Logger;
}

type Slot = KvSlot;

export class LlamaPolicy implements Policy {
  readonly name: string;
  readonly promptStyle: PromptStyle;
  private readonly slots: Slot[];
  private readonly opts: Required<Pick<LlamaPolicyOptions, "cache" | "parallel" | "forkThreshold">>;
  private readonly stepTokens = new Map<string, Token[]>();
  private readonly headerTokens = new Map<string, Token[]>();
  private readonly states: KvStateStore<undefined>;
  private readonly lock = new ModelLock("The policy");
  /** State copies made between slots (for logs and the benchmark). */
  forks = 0;

  constructor(
    readonly model: LlamaModel,
    readonly context: LlamaContext,
    private readonly options: LlamaPolicyOptions = {},
  ) {
    this.name = options.name ?? (model.filename ?? "llama-policy");
    this.promptStyle = options.promptStyle ?? "rstar";
    const n = context.totalSequences;
    this.slots = [];
    // a context hands out its sequence ids in order, so the slots' order is their ids' (generateWave needs it)
    for (let i = 0; i < n && context.sequencesLeft > 0; i++) this.slots.push({ seq: context.getSequence(), covered: 0, used: 0 });
    if (this.slots.length === 0) throw new Error("LlamaPolicy needs a context with at least one free sequence");
    this.opts = {
      cache: options.cache ?? "reuse",
      parallel: options.parallel ?? this.slots.length > 1,
      forkThreshold: options.forkThreshold ?? 8,
    };
    this.states = new KvStateStore({
      budgetBytes: options.stateBudgetBytes ?? 256 * 1024 * 1024,
      threshold: this.opts.forkThreshold,
      tempDir: options.tempDir,
      name: "policy",
    });
  }

  /** States saved and loaded, state copies between slots included (for logs and the benchmark). */
  get stateSaves(): number {
    return this.states.saves;
  }
  get stateLoads(): number {
    return this.states.loads;
  }

  /** Tokens of the prompt for `previousSteps` (BOS + header + each step). */
  promptTokens(problem: string, previousSteps: readonly string[]): { tokens: Token[]; headerLength: number } {
    const header = this.header(problem);
    const tokens = [...header];
    for (const s of previousSteps) tokens.push(...this.tokensOfStep(s));
    return { tokens, headerLength: header.length };
  }

  private header(problem: string): Token[] {
    const key = `${this.promptStyle}\u0000${problem}`;
    let t = this.headerTokens.get(key);
    if (!t) {
      const text = buildPromptHeader(problem, this.promptStyle);
      const bos = this.model.tokens.bos;
      const addBos = this.model.tokens.shouldPrependBosToken && bos !== null;
      // chatml prompts carry the model's control tokens: parse special tokens in the template text, never in
      // the user's question (which could otherwise smuggle in "<|im_end|>")
      const special = this.promptStyle === "chatml";
      const q = problem.trim();
      const at = special && q ? text.lastIndexOf(q) : -1;
      const body =
        at >= 0
          ? [
              ...this.model.tokenize(text.slice(0, at), true),
              ...this.model.tokenize(q, false),
              ...this.model.tokenize(text.slice(at + q.length), true),
            ]
          : this.model.tokenize(text, special);
      t = [...(addBos ? [bos as Token] : []), ...body];
      this.headerTokens.set(key, t);
    }
    return t;
  }

  private tokensOfStep(rendered: string): Token[] {
    const exact = this.stepTokens.get(rendered);
    if (exact) return [...exact];
    const withRest = (end: number): Token[] | undefined => {
      const cached = this.stepTokens.get(rendered.slice(0, end));
      if (!cached) return undefined;
      const rest = rendered.slice(end);
      return rest ? [...cached, ...this.model.tokenize(rest)] : [...cached];
    };
    for (const [m] of MARKER_REASONS) {
      for (let i = rendered.indexOf(m); i >= 0; i = rendered.indexOf(m, i + 1)) {
        // generated text ends with the token holding the marker, possibly a few characters past it
        const e = i + m.length;
        for (let j = Math.min(rendered.length, e + 8); j >= e; j--) {
          const t = withRest(j);
          if (t) return t;
        }
        // a step cut by maxTokens: its text is the rendering up to the newline before the marker
        const t = withRest(i > 0 && rendered[i - 1] === "\n" ? i - 1 : i);
        if (t) return t;
      }
    }
    return this.model.tokenize(rendered);
  }

  async propose(req: ProposeRequest): Promise<ProposeResult> {
    return this.lock.run(() => this.proposeNow(req));
  }

  private async proposeNow(req: ProposeRequest): Promise<ProposeResult> {
    const started = performance.now();
    const { tokens: prompt, headerLength } = this.promptTokens(req.problem, req.previousSteps);
    const n = Math.max(0, Math.floor(req.n));
    const maxCtx = this.context.contextSize;
    if (prompt.length + 1 >= maxCtx) {
      throw new ContextFullError(`The prompt has ${prompt.length} tokens; the context holds ${maxCtx}. Raise contextSize or lower maxDepth.`);
    }
    const maxTokens = Math.max(1, Math.min(req.maxTokens, maxCtx - prompt.length - 1));
    const candidates: StepCandidate[] = new Array(n);
    let tokensEvaluated = 0;
    let tokensGenerated = 0;
    const width = this.opts.parallel ? this.slots.length : 1;
    for (let first = 0; first < n; first += width) {
      const wave = Math.min(width, n - first);
      const slots = await this.prepareSlots(prompt, wave);
      tokensEvaluated += slots.evaluated;
      const results = await this.generateWave(slots.slots, prompt, req, first, maxTokens);
      for (let k = 0; k < wave; k++) {
        const r = results[k];
        candidates[first + k] = r.candidate;
        tokensEvaluated += r.evaluated;
        tokensGenerated += r.generated;
      }
      if (req.signal?.aborted) {
        for (let i = first + wave; i < n; i++) candidates[i] = { text: "", stopReason: "abort", tokenCount: 0 };
        break;
      }
    }
    return {
      candidates,
      promptTokens: headerLength,
      tokensEvaluated,
      tokensGenerated,
      modelMs: performance.now() - started,
    };
  }

  /**
   * Bring `count` slots to hold prompt[0 .. len-1) (the last prompt token is evaluated with generation).
   * Returns the slots and how many tokens were evaluated to get there.
   */
  private async prepareSlots(prompt: Token[], count: number): Promise<{ slots: Slot[]; evaluated: number }> {
    const target = prompt.length - 1;
    const base = prompt.slice(0, target);
    let evaluated = 0;
    if (this.opts.cache === "naive") {
      const chosen = this.slots.slice(0, count);
      for (const s of chosen) {
        await s.seq.clearHistory();
        if (base.length) await s.seq.evaluateWithoutGeneratingNewTokens(base);
        evaluated += base.length;
      }
      return { slots: chosen, evaluated };
    }
    const commonOf = (s: Slot) => Math.min(s.seq.compareContextTokens(base).firstDifferentIndex, target);
    const ranked = this.slots
      .map((s) => ({ s, common: commonOf(s) }))
      .sort((a, b) => b.common - a.common || a.s.used - b.s.used)
      .slice(0, count);
    for (const r of ranked) r.s.used = this.states.tick();
    const primary = ranked[0];
    // a branch the slots have lost since (a sibling of an earlier wave, an older rollout's path)
    const saved = this.states.best(base, primary.common + this.opts.forkThreshold);
    if (saved) {
      await this.states.load(primary.s, saved.state, () => undefined);
      primary.common = commonOf(primary.s);
    }
    evaluated += await this.bringTo(primary.s, base, primary.common);
    let fork: SavedKvState<undefined> | undefined;
    for (const r of ranked.slice(1)) {
      if (target - r.common > this.opts.forkThreshold) {
        // copy the primary's state rather than evaluate the missing part again; a saved state that starts with
        // the whole prompt will do (what it holds beyond is rolled back)
        const own = primary.s.coveredBy;
        fork ??= own && !own.dropped && primary.s.covered >= target
          ? (own as SavedKvState<undefined>)
          : await this.states.save(primary.s, undefined);
        await this.states.load(r.s, fork, () => undefined);
        this.forks++;
        r.common = commonOf(r.s);
      }
      evaluated += await this.bringTo(r.s, base, r.common);
    }
    return { slots: ranked.map((r) => r.s), evaluated };
  }

  /** Roll a slot back to `common` tokens and evaluate the rest of `base`. */
  private async bringTo(slot: Slot, base: Token[], common: number): Promise<number> {
    const seq = slot.seq;
    await this.states.truncate(slot, common, () => undefined);
    const rest = base.slice(seq.nextTokenIndex);
    if (rest.length) await seq.evaluateWithoutGeneratingNewTokens(rest);
    return rest.length;
  }

  /**
   * Generates one candidate in each slot, in lockstep: every round resumes each unfinished candidate's
   * generator (it evaluates its last token and samples the next), all in the same tick and in the order of
   * their sequence ids, so they go to llama.cpp as one batch in that order. Why: llama.cpp splits a batch of
   * several sequences into per-sequence runs in ascending sequence order and, when that differs from the
   * batch's order, moves the rows of its logits into place lazily, inside the first read of them.
   * node-llama-cpp samples the sequences of a batch on several threads at once, so with any other order those
   * reads race: a candidate could be sampled from a half-moved row, or from a sibling's. Generators left to run
   * on their own also let the machine's load decide which sequences shared a batch. Either way a search with a
   * fixed seed gave another tree on some runs (1 in 8 on one problem, 5 of 5 runs of 30 calls), and with one
   * sequence or one libuv thread it never did. Candidate k samples with seed `req.seed + first + k`, one
   * sampler for all its tokens, as llama-server does for a request with that seed.
   */
  private async generateWave(
    slots: Slot[],
    prompt: Token[],
    req: ProposeRequest,
    first: number,
    maxTokens: number,
  ): Promise<Array<{ candidate: StepCandidate; evaluated: number; generated: number }>> {
    const greedy = req.temperature <= 0;
    const runs = slots.map((slot, k) => ({
      slot,
      iter: slot.seq.evaluate([prompt[prompt.length - 1]], {
        temperature: greedy ? 0 : req.temperature,
        topP: greedy ? undefined : req.topP,
        topK: greedy ? undefined : 0,
        seed: req.seed + first + k,
      }),
      out: [] as Token[],
      evaluated: 0,
      stop: undefined as StepStopReason | undefined,
      text: "",
      cut: -1,
    }));
    // in the order of their sequence ids (the slots' order, see the constructor)
    const order = [...runs].sort((a, b) => this.slots.indexOf(a.slot) - this.slots.indexOf(b.slot));
    try {
      while (runs.some((r) => !r.stop)) {
        const active = order.filter((r) => !r.stop);
        if (req.signal?.aborted) {
          for (const r of active) r.stop = "abort";
          break;
        }
        const next = await Promise.all(active.map((r) => r.iter.next()));
        active.forEach((r, i) => {
          r.evaluated++;
          const step = next[i];
          // the generator ends by itself when the model emits an end-of-generation token
          if (step.done || this.model.isEogToken(step.value)) {
            r.stop = "eos";
            return;
          }
          r.out.push(step.value);
          // only the newest tokens can complete a marker: decoding the whole output each time is quadratic
          const hit = firstMarker(this.model.detokenize(r.out.slice(-MARKER_WINDOW)));
          if (hit) {
            r.text = this.model.detokenize(r.out);
            const at = firstMarker(r.text);
            r.stop = at?.reason ?? hit.reason;
            r.cut = at?.index ?? -1;
          } else if (r.out.length >= maxTokens) {
            r.stop = "maxTokens";
          }
        });
      }
    } finally {
      for (const r of runs) await r.iter.return(undefined);
    }
    return runs.map((r) => {
      const stop = r.stop ?? "abort";
      if (r.cut < 0) r.text = this.model.detokenize(r.out);
      const candidateText = r.cut >= 0 ? r.text.slice(0, r.cut) : r.text;
      if (this.opts.cache === "reuse" && stop !== "abort" && stop !== "eos" && r.out.length > 0) {
        // remember how this step was tokenized, keyed by its generated text (through the marker's token)
        if (this.stepTokens.size > 50_000) this.stepTokens.clear();
        this.stepTokens.set(r.text, r.out.slice());
      }
      // the end-of-generation token closes the step: it counts like a marker
      const count = r.out.length + (stop === "eos" ? 1 : 0);
      return { candidate: { text: candidateText, stopReason: stop, tokenCount: count }, evaluated: r.evaluated, generated: count };
    });
  }

  async reset(): Promise<void> {
    await this.lock.exclusive(async () => {
      this.stepTokens.clear();
      this.headerTokens.clear();
      await this.states.clear();
      for (const s of this.slots) {
        s.covered = 0;
        s.coveredBy = undefined;
        // as a fresh slot: ties in choosing a slot fall to the slots' order, not to the last problem's use
        s.used = 0;
        await s.seq.clearHistory();
      }
    });
  }

  /** Tokens currently cached in each slot (for tests). */
  cachedTokenCounts(): number[] {
    return this.slots.map((s) => s.seq.nextTokenIndex);
  }

  async dispose(): Promise<void> {
    await this.lock.dispose(async () => {
      await this.states.dispose();
      for (const s of this.slots) s.seq.dispose();
    });
  }
}

function firstMarker(text: string): { index: number; reason: StepStopReason } | undefined {
  let best: { index: number; reason: StepStopReason } | undefined;
  for (const [m, reason] of MARKER_REASONS) {
    const i = text.indexOf(m);
    if (i >= 0 && (!best || i < best.index)) best = { index: i, reason };
  }
  return best;
}
