// The engine's RewardModel over HTTP: a process reward model served by llama-server (or an
// OpenAI-compatible server) scores each step from the next-token probabilities after each probe,
// P(good) / (P(good) + P(bad)) mapped to 2p - 1, laid out by the same RewardDescriptor the local reward
// model uses (src/engine/steps/reward-descriptors.ts).
//
// llama-server cannot return probabilities at earlier prompt positions (its /v1/completions refuses
// `echo`), so a trajectory of k steps is scored with ONE HTTP request carrying k prompts: the token
// prefixes ending at each probe, each asking for one token with `n_probs`. The server spreads them over
// its slots and reuses cached prefixes (`cache_prompt`), and reports what it really evaluated.
// Probabilities are the full-vocabulary softmax before sampling (`post_sampling_probs: false`). The token
// arrays are assembled piece by piece with the server's /tokenize exactly as the local model assembles
// them (template text parsed for special tokens only when the descriptor says, user text never), so both
// backends score the same tokens.

import type { RewardModel, ScoreRequest, ScoreResult } from "../engine/types";
import { descriptorPieces, stepsAsRead, type RewardDescriptor } from "../engine/steps/reward-descriptors";
import type { RemoteEndpoint } from "./endpoint";
import { LogprobsUnavailableError, RemoteError } from "./errors";
import type { EndpointPool } from "./pool";

export interface RemoteRewardModelOptions {
  pool: EndpointPool;
  /** How the served PRM reads a trajectory (the same descriptors as the local reward model). */
  descriptor: RewardDescriptor;
  /** Shown in reports. Default "remote:<first endpoint url> (<descriptor id>)". */
  name?: string;
  /**
   * How many top tokens the server returns per probe. The good/bad tokens must be among them; one outside
   * the list counts as probability 0. Default 40.
   */
  topProbs?: number;
}

interface TopProb {
  id?: number;
  token?: string;
  logprob?: number;
  prob?: number;
}

interface LlamaProbResult {
  completion_probabilities?: Array<{ top_logprobs?: TopProb[]; top_probs?: TopProb[] }>;
  timings?: { prompt_n?: number; predicted_n?: number; prompt_ms?: number; predicted_ms?: number };
  tokens_predicted?: number;
  index?: number;
}

type Piece = { id: number; piece: string | number[] };

/** Per-endpoint tokenizer facts, looked up once. */
interface Vocab {
  bos: number[];
  good: number[];
  bad: number[];
  tokenize(text: string, special: boolean, signal?: AbortSignal): Promise<number[]>;
}

export class RemoteRewardModel implements RewardModel {
  readonly name: string;
  readonly descriptor: RewardDescriptor;
  readonly #pool: EndpointPool;
  readonly #topProbs: number;
  readonly #vocabs = new WeakMap<RemoteEndpoint, Promise<Vocab>>();

  constructor(options: RemoteRewardModelOptions) {
    this.#pool = options.pool;
    this.descriptor = options.descriptor;
    this.#topProbs = options.topProbs ?? 40;
    this.name = options.name ?? `remote:${options.pool.endpoints[0].url} (${options.descriptor.id})`;
  }

  async scoreSteps(req: ScoreRequest): Promise<ScoreResult> {
    if (req.steps.length === 0) return { scores: [], tokensEvaluated: 0, tokensGenerated: 0, modelMs: 0 };
    const t0 = performance.now();
    const steps = stepsAsRead(this.descriptor, req.steps, req.outputs);
    const r = await this.#pool.run(async (ep, signal) => {
      const info = await ep.info(signal);
      return info.flavor === "llama.cpp"
        ? this.#scoreLlama(ep, req.problem, steps, signal)
        : this.#scoreOpenAi(ep, info.model, req.problem, steps, signal);
    }, req.signal, { affinity: req.problem });
    return { ...r, tokensGenerated: 0, modelMs: performance.now() - t0 };
  }

  #vocab(ep: RemoteEndpoint, signal?: AbortSignal): Promise<Vocab> {
    let v = this.#vocabs.get(ep);
    if (!v) {
      v = (async () => {
        const cache = new Map<string, number[]>();
        const raw = async (content: string, addSpecial: boolean, parseSpecial: boolean, sig?: AbortSignal) =>
          ((await ep.postJson("/tokenize", { content, add_special: addSpecial, parse_special: parseSpecial, with_pieces: true }, sig)) as {
            tokens?: Piece[];
          }).tokens ?? [];
        const tokenize = async (text: string, special: boolean, sig?: AbortSignal) => {
          const key = `${special ? 1 : 0}\u0000${text}`;
          let t = cache.get(key);
          if (!t) {
            t = (await raw(text, false, special, sig)).map((p) => p.id);
            if (cache.size > 4096) cache.clear();
            cache.set(key, t);
          }
          return t;
        };
        // The tokens that mean the label as the next token: the label alone or after a space, when that
        // last token's text trims to the label (like the local model).
        const candidates = async (label: string) => {
          const out = new Set<number>();
          for (const text of [label, ` ${label}`]) {
            const pieces = await raw(text, false, false, signal);
            const last = pieces[pieces.length - 1];
            if (!last) continue;
            const piece = typeof last.piece === "string" ? last.piece : Buffer.from(last.piece).toString("utf8");
            if (piece.replace(/\u2581/g, " ").trim() === label) out.add(last.id);
          }
          if (out.size === 0) {
            throw new RemoteError(`The model served at ${ep.url} has no single token for "${label}"; it cannot be used with the '${this.descriptor.id}' reward format.`, ep.url);
          }
          return [...out];
        };
        const bos = (await raw("", true, false, signal)).map((p) => p.id);
        return { bos, good: await candidates(this.descriptor.good), bad: await candidates(this.descriptor.bad), tokenize };
      })();
      v.catch(() => this.#vocabs.delete(ep));
      this.#vocabs.set(ep, v);
    }
    return v;
  }

  async #scoreLlama(ep: RemoteEndpoint, problem: string, steps: readonly string[], signal?: AbortSignal) {
    const vocab = await this.#vocab(ep, signal);
    const { pieces, probeAfter } = descriptorPieces(this.descriptor, problem, steps);
    const tokenized = await Promise.all(pieces.map((p) => vocab.tokenize(p.text, p.special, signal)));
    const tokens = [...vocab.bos];
    const ends: number[] = [];
    for (let i = 0; i < tokenized.length; i++) {
      tokens.push(...tokenized[i]);
      ends.push(tokens.length);
    }
    const prefixLengths = probeAfter.map((k) => ends[k - 1]);
    const body = {
      prompt: prefixLengths.map((n) => tokens.slice(0, n)),
      n_predict: 1,
      n_probs: this.#topProbs,
      temperature: 0,
      cache_prompt: true,
      post_sampling_probs: false,
    };
    const raw = await ep.postJson("/completion", body, signal);
    const results: LlamaProbResult[] = Array.isArray(raw) ? (raw as LlamaProbResult[]) : [raw as LlamaProbResult];
    if (results.length !== prefixLengths.length) {
      throw new RemoteError(`${ep.url} answered ${results.length} results for ${prefixLengths.length} prompts.`, ep.url);
    }
    results.sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
    let tokensEvaluated = 0;
    const scores = results.map((r) => {
      tokensEvaluated += (r.timings?.prompt_n ?? 0) + (r.timings?.predicted_n ?? r.tokens_predicted ?? 0);
      const top = r.completion_probabilities?.[0]?.top_logprobs ?? r.completion_probabilities?.[0]?.top_probs;
      if (!top || top.length === 0) {
        throw new LogprobsUnavailableError(
          `${ep.url} returned no token probabilities, which scoring steps needs. Serve the reward model with llama-server or vLLM, or score locally (--reward PATH).`,
          ep.url,
        );
      }
      const sum = (ids: number[]) => {
        let s = 0;
        for (const id of ids) {
          const t = top.find((x) => x.id === id);
          if (t) s += t.prob ?? Math.exp(t.logprob ?? -Infinity);
        }
        return s;
      };
      const pg = sum(vocab.good);
      const pb = sum(vocab.bad);
      return 2 * (pg + pb > 0 ? pg / (pg + pb) : 0.5) - 1;
    });
    return { scores, tokensEvaluated };
  }

  async #scoreOpenAi(ep: RemoteEndpoint, model: string | undefined, problem: string, steps: readonly string[], signal?: AbortSignal) {
    // No token ids here: send each prefix as text (the server tokenizes it; BOS is its business).
    const { pieces, probeAfter } = descriptorPieces(this.descriptor, problem, steps);
    const prompts = probeAfter.map((k) => pieces.slice(0, k).map((p) => p.text).join(""));
    const r = (await ep.postJson(
      "/v1/completions",
      { ...(model ? { model } : {}), prompt: prompts, max_tokens: 1, temperature: 0, logprobs: Math.min(this.#topProbs, 20) },
      signal,
    )) as {
      choices?: Array<{
        index?: number;
        logprobs?: {
          top_logprobs?: Array<Record<string, number>>;
          content?: Array<{ top_logprobs?: TopProb[] }>;
        } | null;
      }>;
      usage?: { prompt_tokens?: number; completion_tokens?: number; prompt_tokens_details?: { cached_tokens?: number } | null };
    };
    const choices = [...(r.choices ?? [])].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
    if (choices.length !== prompts.length) {
      throw new RemoteError(`${ep.url} answered ${choices.length} choices for ${prompts.length} prompts.`, ep.url);
    }
    const norm = (s: string) => s.replace(/\u2581/g, " ").trim();
    const scores = choices.map((c) => {
      const table = new Map<string, number>();
      const add = (tok: string, p: number) => table.set(norm(tok), (table.get(norm(tok)) ?? 0) + p);
      const legacy = c.logprobs?.top_logprobs?.[0];
      if (legacy) for (const [tok, lp] of Object.entries(legacy)) add(tok, Math.exp(lp));
      for (const t of c.logprobs?.content?.[0]?.top_logprobs ?? []) {
        if (t.token !== undefined) add(t.token, t.prob ?? Math.exp(t.logprob ?? -Infinity));
      }
      if (table.size === 0) {
        throw new LogprobsUnavailableError(
          `${ep.url} returned no log-probabilities for the completion; scoring steps needs them. Use a server that supports 'logprobs' on /v1/completions (llama-server, vLLM), or score locally (--reward PATH).`,
          ep.url,
        );
      }
      const pg = table.get(this.descriptor.good) ?? 0;
      const pb = table.get(this.descriptor.bad) ?? 0;
      return 2 * (pg + pb > 0 ? pg / (pg + pb) : 0.5) - 1;
    });
    const promptTokens = r.usage?.prompt_tokens ?? 0;
    const cached = r.usage?.prompt_tokens_details?.cached_tokens ?? 0;
    return { scores, tokensEvaluated: Math.max(0, promptTokens - cached) + (r.usage?.completion_tokens ?? 0) };
  }
}
