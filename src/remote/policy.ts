// The engine's Policy over HTTP: each candidate step is one completion request (seed + i), sent through
// the endpoint pool so the candidates of one expansion spread over the servers. llama-server's native
// `/completion` reports which stop marker fired and how many prompt tokens it really evaluated (the rest
// came from its prompt cache); OpenAI-compatible servers report usage, and vLLM the stop string.

import { END_OF_ANSWER, END_OF_CODE, END_OF_STEP, STOP_MARKERS, buildPrompt, buildPromptHeader, type PromptStyle } from "../engine/steps/format";
import type { Policy, ProposeRequest, ProposeResult, StepCandidate, StepStopReason } from "../engine/types";
import type { RemoteEndpoint } from "./endpoint";
import { RemoteError } from "./errors";
import type { EndpointPool } from "./pool";

export interface RemotePolicyOptions {
  pool: EndpointPool;
  /** Prompt layout the served model expects. Default "rstar". */
  promptStyle?: PromptStyle;
  /** Shown in reports. Default "remote:<first endpoint url>". */
  name?: string;
  /**
   * Extra fields merged into every completion request (e.g. `{top_k: 40}` or a vLLM option). Default none.
   * By default the sampler is plain temperature + top-p (top-k, min-p and repeat penalty off), like the
   * local policy.
   */
  extraBody?: Record<string, unknown>;
}

/** What one completion request gave back. */
export interface RemoteCompletion {
  text: string;
  stopReason: StepStopReason;
  /** Generated tokens (the stop marker included when the server generated it). */
  tokensGenerated: number;
  /** Prompt tokens in the request. */
  promptTokens: number;
  /** Prompt tokens the server evaluated (not served from its cache); equals promptTokens when it does not say. */
  promptTokensEvaluated: number;
  /** Server-side milliseconds when reported, otherwise the request's wall time. */
  ms: number;
  endpoint: string;
}

const MARKER_REASON: Record<string, StepStopReason> = {
  [END_OF_STEP]: "step",
  [END_OF_CODE]: "code",
  [END_OF_ANSWER]: "answer",
};

interface LlamaCompletionResponse {
  content?: string;
  stop_type?: string;
  stopping_word?: string;
  tokens_predicted?: number;
  tokens_evaluated?: number;
  tokens_cached?: number;
  timings?: { prompt_n?: number; prompt_ms?: number; predicted_n?: number; predicted_ms?: number; cache_n?: number };
}

interface OpenAiCompletionResponse {
  choices?: Array<{ text?: string; finish_reason?: string | null; stop_reason?: string | number | null }>;
  usage?: { prompt_tokens?: number; completion_tokens?: number; prompt_tokens_details?: { cached_tokens?: number } | null };
  timings?: LlamaCompletionResponse["timings"];
}

/** Which marker ended a text that was cut at one of them (the server strips the marker itself). */
function reasonFromStopWord(word: string | undefined): StepStopReason | undefined {
  if (!word) return undefined;
  for (const [marker, reason] of Object.entries(MARKER_REASON)) if (word.includes(marker)) return reason;
  return undefined;
}

export async function completeOnce(
  endpoint: RemoteEndpoint,
  prompt: string,
  params: { maxTokens: number; temperature: number; topP: number; seed: number; stop: readonly string[]; extraBody?: Record<string, unknown> },
  signal?: AbortSignal,
): Promise<RemoteCompletion> {
  const info = await endpoint.info(signal);
  const t0 = performance.now();
  if (info.flavor === "llama.cpp") {
    const r = (await endpoint.postJson(
      "/completion",
      {
        prompt,
        n_predict: params.maxTokens,
        temperature: params.temperature,
        top_p: params.topP,
        top_k: 0,
        min_p: 0,
        typical_p: 1,
        repeat_penalty: 1,
        seed: params.seed,
        stop: params.stop,
        cache_prompt: true,
        ...params.extraBody,
      },
      signal,
    )) as LlamaCompletionResponse;
    const promptTokens = r.tokens_evaluated ?? 0;
    let stopReason: StepStopReason;
    if (r.stop_type === "word") stopReason = reasonFromStopWord(r.stopping_word) ?? "step";
    else if (r.stop_type === "eos") stopReason = "eos";
    else stopReason = "maxTokens";
    const t = r.timings;
    return {
      text: r.content ?? "",
      stopReason,
      tokensGenerated: r.tokens_predicted ?? t?.predicted_n ?? 0,
      promptTokens,
      promptTokensEvaluated: t?.prompt_n ?? promptTokens,
      ms: t?.prompt_ms !== undefined && t.predicted_ms !== undefined ? t.prompt_ms + t.predicted_ms : performance.now() - t0,
      endpoint: endpoint.url,
    };
  }
  const r = (await endpoint.postJson(
    "/v1/completions",
    {
      ...(info.model ? { model: info.model } : {}),
      prompt,
      max_tokens: params.maxTokens,
      temperature: params.temperature,
      top_p: params.topP,
      seed: params.seed,
      stop: params.stop,
      n: 1,
      ...params.extraBody,
    },
    signal,
  )) as OpenAiCompletionResponse;
  const choice = r.choices?.[0];
  if (!choice) throw new RemoteError(`${endpoint.url} returned no completion choice.`, endpoint.url);
  let stopReason: StepStopReason;
  if (choice.finish_reason === "length") stopReason = "maxTokens";
  else if (typeof choice.stop_reason === "string") stopReason = reasonFromStopWord(choice.stop_reason) ?? "step";
  else if (choice.finish_reason === "stop" && choice.stop_reason == null && "stop_reason" in choice) stopReason = "eos";
  // The plain OpenAI API does not say which stop string fired (vLLM does, in stop_reason): an answer is
  // recognised by its \boxed{}; a code step cannot be told from an intermediate one.
  else stopReason = /\\boxed\{/.test(choice.text ?? "") ? "answer" : "step";
  const promptTokens = r.usage?.prompt_tokens ?? 0;
  const cached = r.usage?.prompt_tokens_details?.cached_tokens ?? 0;
  return {
    text: choice.text ?? "",
    stopReason,
    tokensGenerated: r.usage?.completion_tokens ?? 0,
    promptTokens,
    promptTokensEvaluated: r.timings?.prompt_n ?? Math.max(0, promptTokens - cached),
    ms: performance.now() - t0,
    endpoint: endpoint.url,
  };
}

/** Counts the tokens of a text on the server (llama.cpp `/tokenize`, vLLM `/tokenize`). */
export async function countTokens(endpoint: RemoteEndpoint, text: string, signal?: AbortSignal): Promise<number> {
  const info = await endpoint.info(signal);
  if (info.flavor === "llama.cpp") {
    const r = (await endpoint.postJson("/tokenize", { content: text, add_special: true, parse_special: true }, signal)) as {
      tokens?: unknown[];
    };
    return r.tokens?.length ?? 0;
  }
  const r = (await endpoint.postJson("/tokenize", { ...(info.model ? { model: info.model } : {}), prompt: text }, signal)) as {
    count?: number;
    tokens?: unknown[];
  };
  return r.count ?? r.tokens?.length ?? 0;
}

export class RemotePolicy implements Policy {
  readonly name: string;
  readonly #pool: EndpointPool;
  readonly #style: PromptStyle;
  readonly #extra?: Record<string, unknown>;
  /** Root-prompt token counts by problem (small; a search asks for the same problem many times). */
  readonly #headerTokens = new Map<string, number>();

  constructor(options: RemotePolicyOptions) {
    this.#pool = options.pool;
    this.#style = options.promptStyle ?? "rstar";
    this.#extra = options.extraBody;
    this.name = options.name ?? `remote:${options.pool.endpoints[0].url}`;
  }

  async propose(req: ProposeRequest): Promise<ProposeResult> {
    const t0 = performance.now();
    const prompt = buildPrompt(req.problem, req.previousSteps, this.#style);
    const params = {
      maxTokens: req.maxTokens,
      temperature: req.temperature,
      topP: req.topP,
      stop: STOP_MARKERS,
      extraBody: this.#extra,
    };
    const settled = await Promise.allSettled(
      Array.from({ length: req.n }, (_, i) =>
        this.#pool.run((ep, signal) => completeOnce(ep, prompt, { ...params, seed: req.seed + i }, signal), req.signal, {
          affinity: req.problem,
        }),
      ),
    );
    const candidates: StepCandidate[] = [];
    let tokensEvaluated = 0;
    let tokensGenerated = 0;
    let firstError: unknown;
    for (const s of settled) {
      if (s.status === "fulfilled") {
        const c = s.value;
        candidates.push({ text: c.text, stopReason: c.stopReason, tokenCount: c.tokensGenerated });
        tokensEvaluated += c.promptTokensEvaluated + c.tokensGenerated;
        tokensGenerated += c.tokensGenerated;
        if (req.previousSteps.length === 0 && !this.#headerTokens.has(req.problem)) this.#rememberHeader(req.problem, c.promptTokens);
      } else if (req.signal?.aborted) {
        candidates.push({ text: "", stopReason: "abort", tokenCount: 0 });
      } else {
        firstError ??= s.reason;
      }
    }
    if (firstError !== undefined) throw firstError;
    const promptTokens = await this.#promptTokens(req);
    return { candidates, promptTokens, tokensEvaluated, tokensGenerated, modelMs: performance.now() - t0 };
  }

  #rememberHeader(problem: string, tokens: number): void {
    if (this.#headerTokens.size > 256) this.#headerTokens.clear();
    this.#headerTokens.set(problem, tokens);
  }

  async #promptTokens(req: ProposeRequest): Promise<number> {
    const known = this.#headerTokens.get(req.problem);
    if (known !== undefined) return known;
    if (req.signal?.aborted) return 0;
    try {
      const header = buildPromptHeader(req.problem, this.#style);
      const n = await this.#pool.run((ep, signal) => countTokens(ep, header, signal), req.signal, { affinity: req.problem });
      this.#rememberHeader(req.problem, n);
      return n;
    } catch {
      return 0; // only used for the tree's token statistics
    }
  }

  async reset(): Promise<void> {
    this.#headerTokens.clear();
  }
}
