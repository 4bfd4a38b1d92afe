// Spreads requests over several inference servers: each request goes to the least-loaded live endpoint
// (work on one problem stays on one server while that server lives, for its prompt cache);
// an endpoint that refuses or drops connections is taken out for a while (then tried again), and the
// request is retried on the others with exponential backoff, so a search survives losing a server.

import { RemoteEndpoint, type RemoteEndpointOptions } from "./endpoint";
import { NoEndpointAvailableError, RemoteAbortError, RemoteError } from "./errors";

export type RemoteLogger = (level: "debug" | "info" | "warn" | "error", message: string) => void;

export interface EndpointPoolOptions {
  /** Tries per request, over all endpoints together. Default 8. */
  maxAttempts?: number;
  /** First wait before a retry in ms; doubled each time up to `maxBackoffMs`. Default 200. */
  backoffMs?: number;
  /** Default 4000. */
  maxBackoffMs?: number;
  /** How long a dead endpoint stays out before it gets another request. Default 5000. */
  reviveAfterMs?: number;
  /**
   * Requests that share an affinity key (the remote parts use the problem text) stay on the endpoint that
   * first served the key for as long as it is alive, so its prompt cache holds their common prefix; a key
   * moves only when its endpoint fails. A new key goes to the live endpoint holding the fewest keys (then
   * the least busy). Default true; false: every request goes to the least-loaded endpoint.
   */
  affinity?: boolean;
  logger?: RemoteLogger;
}

export interface EndpointStats {
  url: string;
  inFlight: number;
  requests: number;
  failures: number;
  down: boolean;
  lastError?: string;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new RemoteAbortError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new RemoteAbortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export class EndpointPool {
  readonly endpoints: readonly RemoteEndpoint[];
  readonly #opts: Required<Omit<EndpointPoolOptions, "logger">>;
  readonly #log: RemoteLogger;
  #turn = 0;
  /** Affinity key → the endpoint that served it last (bounded; oldest keys dropped first). */
  readonly #affinity = new Map<string, RemoteEndpoint>();

  constructor(endpoints: readonly RemoteEndpoint[], options: EndpointPoolOptions = {}) {
    if (endpoints.length === 0) throw new RemoteError("At least one endpoint is needed.", undefined);
    this.endpoints = endpoints;
    this.#opts = {
      maxAttempts: options.maxAttempts ?? 8,
      backoffMs: options.backoffMs ?? 200,
      maxBackoffMs: options.maxBackoffMs ?? 4000,
      reviveAfterMs: options.reviveAfterMs ?? 5000,
      affinity: options.affinity ?? true,
    };
    this.#log = options.logger ?? (() => {});
  }

  /** A pool over URLs that share one API key and request settings. */
  static fromUrls(
    urls: readonly string[],
    endpointOptions: Omit<RemoteEndpointOptions, "url"> = {},
    poolOptions: EndpointPoolOptions = {},
  ): EndpointPool {
    return new EndpointPool(urls.map((url) => new RemoteEndpoint({ ...endpointOptions, url })), poolOptions);
  }

  stats(): EndpointStats[] {
    const now = Date.now();
    return this.endpoints.map((e) => ({
      url: e.url,
      inFlight: e.inFlight,
      requests: e.requests,
      failures: e.failures,
      down: e.downUntil > now,
      lastError: e.lastError,
    }));
  }

  /**
   * Checks every endpoint once (detects its API flavor). Endpoints that fail are marked down and logged;
   * throws the first endpoint's own error (refused, 404, key refused…) only when none answers, and any
   * key-refused or wrong-path error at once since retrying cannot fix those.
   */
  async check(signal?: AbortSignal): Promise<void> {
    const results = await Promise.allSettled(this.endpoints.map((e) => e.info(signal)));
    const errors: Error[] = [];
    results.forEach((r, i) => {
      if (r.status === "fulfilled") return;
      const e = this.endpoints[i];
      const err = r.reason as Error;
      errors.push(err);
      if (err instanceof RemoteError && !err.transient) throw err;
      this.#markDown(e, err);
    });
    if (errors.length === this.endpoints.length) throw errors[0];
  }

  #markDown(e: RemoteEndpoint, err: Error): void {
    const wasUp = e.downUntil <= Date.now();
    e.downUntil = Date.now() + this.#opts.reviveAfterMs;
    e.lastError = err.message;
    if (wasUp) {
      this.#log("warn", `${e.url} taken out of the pool for ${this.#opts.reviveAfterMs} ms: ${err.message}`);
    }
  }

  /**
   * The key's endpoint while it is alive; for a new key (or one whose endpoint died) the live endpoint with the
   * fewest keys, then the fewest requests in flight (ties: round robin); a dead one only when all are dead.
   */
  #pick(affinity?: string): { endpoint: RemoteEndpoint; waitMs: number } {
    const now = Date.now();
    const keyed = affinity !== undefined && this.#opts.affinity;
    const sticky = keyed ? this.#affinity.get(affinity) : undefined;
    if (sticky && sticky.downUntil <= now) return { endpoint: sticky, waitMs: 0 };
    const keys = new Map<RemoteEndpoint, number>();
    if (keyed) for (const e of this.#affinity.values()) keys.set(e, (keys.get(e) ?? 0) + 1);
    const load = (e: RemoteEndpoint): [number, number] => [keyed ? (keys.get(e) ?? 0) : 0, e.inFlight];
    const n = this.endpoints.length;
    const start = this.#turn++ % n;
    let best: RemoteEndpoint | undefined;
    for (let k = 0; k < n; k++) {
      const e = this.endpoints[(start + k) % n];
      if (e.downUntil > now) continue;
      if (!best) {
        best = e;
        continue;
      }
      const [ek, ef] = load(e);
      const [bk, bf] = load(best);
      if (ek < bk || (ek === bk && ef < bf)) best = e;
    }
    if (best) return { endpoint: best, waitMs: 0 };
    const soonest = [...this.endpoints].sort((a, b) => a.downUntil - b.downUntil)[0];
    return { endpoint: soonest, waitMs: Math.max(0, soonest.downUntil - now) };
  }

  /**
   * Runs `task` on an endpoint, retrying transient failures (reset or refused connections, 429/503) on
   * the least-loaded live endpoint. Non-transient errors (key refused, bad request) are thrown at once.
   */
  async run<T>(
    task: (endpoint: RemoteEndpoint, signal?: AbortSignal) => Promise<T>,
    signal?: AbortSignal,
    { affinity }: { affinity?: string } = {},
  ): Promise<T> {
    const causes: Error[] = [];
    let backoff = this.#opts.backoffMs;
    for (let attempt = 1; attempt <= this.#opts.maxAttempts; attempt++) {
      if (signal?.aborted) throw new RemoteAbortError();
      const { endpoint, waitMs } = this.#pick(affinity);
      if (affinity !== undefined && this.#opts.affinity) {
        this.#affinity.delete(affinity);
        this.#affinity.set(affinity, endpoint);
        if (this.#affinity.size > 1024) this.#affinity.delete(this.#affinity.keys().next().value as string);
      }
      if (waitMs > 0) await sleep(Math.min(waitMs, backoff), signal);
      endpoint.inFlight++;
      endpoint.requests++;
      try {
        const result = await task(endpoint, signal);
        if (endpoint.downUntil > 0) {
          endpoint.downUntil = 0;
          this.#log("info", `${endpoint.url} answers again; back in the pool.`);
        }
        return result;
      } catch (err) {
        if (signal?.aborted || (err as Error)?.name === "AbortError") throw err;
        endpoint.failures++;
        if (!(err instanceof RemoteError) || !err.transient) throw err;
        causes.push(err);
        if (err.endpointDown) this.#markDown(endpoint, err);
        const otherAlive = this.endpoints.some((e) => e !== endpoint && e.downUntil <= Date.now());
        this.#log("debug", `attempt ${attempt} on ${endpoint.url} failed: ${err.message}`);
        // Another live server can take the request at once; otherwise back off before the next try.
        if (!(err.endpointDown && otherAlive)) {
          await sleep(backoff, signal);
          backoff = Math.min(backoff * 2, this.#opts.maxBackoffMs);
        }
      } finally {
        endpoint.inFlight--;
      }
    }
    const last = causes[causes.length - 1];
    if (this.endpoints.length === 1 && last) throw last;
    const perEndpoint = this.endpoints.map((e) => `${e.url}: ${e.lastError ?? "busy"}`).join("; ");
    throw new NoEndpointAvailableError(
      `No endpoint could serve the request after ${this.#opts.maxAttempts} tries (${perEndpoint}).`,
      causes,
    );
  }
}
