// One inference server reached over HTTP (Node's built-in fetch): llama.cpp's llama-server (native
// `/completion`, `/tokenize`, `/props`) or any OpenAI-compatible server (`/v1/completions`, e.g. vLLM).
// Turns every failure into a RemoteError subclass (a request longer than the server's context into the engine's
// ContextFullError, as a local model's) and never lets the API key into a message.

import {
  ApiKeyRejectedError,
  EndpointPathError,
  EndpointUnreachableError,
  RemoteAbortError,
  RemoteError,
  RemoteRequestError,
  redact,
} from "./errors";
import { ContextFullError } from "../engine/types";

/** Which API the server speaks. llama.cpp's native one gives token ids, probabilities and cache counts. */
export type ApiFlavor = "llama.cpp" | "openai";

export interface RemoteEndpointOptions {
  /** Base address, e.g. `http://127.0.0.1:8080`; a trailing `/v1` is accepted and dropped. */
  url: string;
  /** Sent as `Authorization: Bearer <key>`; never logged. Default: none. */
  apiKey?: string;
  /** Default "auto": llama.cpp when `GET /props` answers like llama-server, otherwise OpenAI-compatible. */
  flavor?: ApiFlavor | "auto";
  /** The OpenAI `model` field. Default: the first id of `GET /v1/models` (omitted when there is none). */
  model?: string;
  /** Limit for one HTTP request in ms; a server that takes longer is treated as dead. Default 300000. */
  requestTimeoutMs?: number;
}

export interface EndpointInfo {
  flavor: ApiFlavor;
  /** Model id as the server names it. */
  model?: string;
  /** Parallel slots (llama.cpp `total_slots`), when the server says. */
  slots?: number;
}

type FetchCause = { code?: string; message?: string };

function normaliseBaseUrl(raw: string): URL {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new EndpointPathError(`'${raw}' is not a URL. Give the server's base address, e.g. http://127.0.0.1:8080.`, raw);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") {
    throw new EndpointPathError(`'${raw}' must start with http:// or https://.`, raw);
  }
  u.username = "";
  u.password = "";
  u.search = "";
  u.hash = "";
  u.pathname = u.pathname.replace(/\/+$/, "").replace(/\/v1$/, "");
  return u;
}

export class RemoteEndpoint {
  /** Base URL without credentials, safe to show. */
  readonly url: string;
  /** Requests running now (the pool sends new work to the least loaded endpoint). */
  inFlight = 0;
  /** Requests started in total. */
  requests = 0;
  /** Failed requests in total. */
  failures = 0;
  /** Epoch ms until which the endpoint is considered dead; 0 when alive. */
  downUntil = 0;
  /** Why it was last taken out. */
  lastError?: string;
  readonly #apiKey?: string;
  readonly #options: RemoteEndpointOptions;
  #info?: Promise<EndpointInfo>;

  constructor(options: RemoteEndpointOptions) {
    this.#options = options;
    this.#apiKey = options.apiKey || undefined;
    this.url = normaliseBaseUrl(options.url).toString().replace(/\/$/, "");
  }

  /** The server's API flavor and model, detected once (a failed detection is retried next time). */
  info(signal?: AbortSignal): Promise<EndpointInfo> {
    if (!this.#info) {
      this.#info = this.#detect(signal);
      this.#info.catch(() => (this.#info = undefined));
    }
    return this.#info;
  }

  async #detect(signal?: AbortSignal): Promise<EndpointInfo> {
    const wanted = this.#options.flavor ?? "auto";
    if (wanted !== "openai") {
      try {
        const props = (await this.getJson("/props", signal)) as Record<string, unknown>;
        if (props && typeof props === "object" && ("default_generation_settings" in props || "total_slots" in props)) {
          const modelPath = typeof props.model_path === "string" ? props.model_path : undefined;
          return {
            flavor: "llama.cpp",
            model: this.#options.model ?? modelPath,
            slots: typeof props.total_slots === "number" ? props.total_slots : undefined,
          };
        }
      } catch (err) {
        // Not llama-server (404 on /props) is fine; anything else (refused, 401) is the real answer.
        if (!(err instanceof EndpointPathError) && !(err instanceof RemoteRequestError && err.status < 500)) throw err;
        if (wanted === "llama.cpp") throw err;
      }
    }
    let model = this.#options.model;
    try {
      const models = (await this.getJson("/v1/models", signal)) as { data?: Array<{ id?: string }> };
      model ??= models?.data?.[0]?.id;
    } catch (err) {
      if (err instanceof EndpointPathError) {
        throw new EndpointPathError(
          `${this.url} answers 404 for both /props and /v1/models: it does not look like a llama.cpp or ` +
            `OpenAI-compatible server. Give the server's base address (scheme, host and port, e.g. http://127.0.0.1:8080).`,
          this.url,
        );
      }
      throw err;
    }
    return { flavor: "openai", model };
  }

  getJson(path: string, signal?: AbortSignal): Promise<unknown> {
    return this.#request("GET", path, undefined, signal);
  }

  postJson(path: string, body: unknown, signal?: AbortSignal): Promise<unknown> {
    return this.#request("POST", path, body, signal);
  }

  async #request(method: string, path: string, body: unknown, signal?: AbortSignal): Promise<unknown> {
    if (signal?.aborted) throw new RemoteAbortError();
    const timeoutMs = this.#options.requestTimeoutMs ?? 300_000;
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const headers: Record<string, string> = { accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (this.#apiKey) headers.authorization = `Bearer ${this.#apiKey}`;
    const target = this.url + path;
    let res: Response;
    let text: string;
    try {
      res = await fetch(target, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: combined,
      });
      text = await res.text();
    } catch (err) {
      if (signal?.aborted) throw new RemoteAbortError();
      if (timeout.aborted) {
        throw new EndpointUnreachableError(
          `${target} did not answer within ${Math.round(timeoutMs / 1000)} s.`,
          this.url,
          "ETIMEDOUT",
        );
      }
      throw this.#networkError(err, target);
    }
    if (!res.ok) throw this.#httpError(res.status, text, target);
    try {
      return text.length ? JSON.parse(text) : {};
    } catch {
      throw new RemoteRequestError(
        `${target} answered HTTP ${res.status} with something that is not JSON: ${this.#clip(text)}`,
        this.url,
        res.status,
        false,
      );
    }
  }

  #clip(text: string): string {
    const t = redact(text, this.#apiKey).replace(/\s+/g, " ").trim();
    return t.length > 300 ? `${t.slice(0, 300)}…` : t;
  }

  #networkError(err: unknown, target: string): RemoteError {
    const cause = ((err as { cause?: FetchCause })?.cause ?? err) as FetchCause;
    const code = cause?.code ?? "";
    const detail = redact(cause?.message ?? String(err), this.#apiKey);
    switch (code) {
      case "ECONNREFUSED":
        return new EndpointUnreachableError(
          `Connection refused by ${this.url}: no server is listening there. Start llama-server (or your ` +
            `OpenAI-compatible server) or fix the --endpoint address.`,
          this.url,
          code,
        );
      case "ENOTFOUND":
      case "EAI_AGAIN":
        return new EndpointUnreachableError(`The host of ${this.url} could not be found (${code}). Check the --endpoint address.`, this.url, code);
      default:
        // Reset / closed sockets: the server died or restarted mid-request.
        return new EndpointUnreachableError(`The connection to ${target} failed (${code || "network error"}): ${detail}`, this.url, code);
    }
  }

  #httpError(status: number, text: string, target: string): RemoteError | ContextFullError {
    let serverMessage = text;
    let errorType: string | undefined;
    try {
      const j = JSON.parse(text) as { error?: { message?: string; type?: string } | string; message?: string };
      serverMessage = (typeof j.error === "string" ? j.error : j.error?.message) ?? j.message ?? text;
      if (typeof j.error === "object" && typeof j.error?.type === "string") errorType = j.error.type;
    } catch {
      /* not JSON: keep the raw text */
    }
    const msg = this.#clip(serverMessage);
    if (status === 401 || status === 403) {
      return new ApiKeyRejectedError(
        this.#apiKey
          ? `${this.url} refused the API key (HTTP ${status}). Check the key in the environment variable you named (--api-key-env, default STEPWISE_API_KEY).`
          : `${this.url} wants an API key (HTTP ${status}). Put it in the environment variable STEPWISE_API_KEY (or the one named by --api-key-env).`,
        this.url,
        status,
      );
    }
    if (status === 404) {
      return new EndpointPathError(
        `${target} does not exist (HTTP 404). Give the server's base address (e.g. http://127.0.0.1:8080), not a path inside it.`,
        this.url,
      );
    }
    if (status === 400 && errorType === "exceed_context_size_error") {
      // the engine's own error for it, whichever part asked: the search ends that path, not itself
      return new ContextFullError(`${target} answered HTTP 400: ${msg}`);
    }
    const transient = status === 429 || status === 502 || status === 503 || status === 504;
    return new RemoteRequestError(`${target} answered HTTP ${status}: ${msg}`, this.url, status, transient);
  }
}
