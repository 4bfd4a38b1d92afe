// Errors of the remote backend, each with a message a user can act on. Transient ones (a reset connection,
// an overloaded server) are retried by the endpoint pool; the rest stop the search with their message.

/** Base class: anything that went wrong talking to an inference server. */
export class RemoteError extends Error {
  /** Retrying the same request (here or on another endpoint) may succeed. */
  readonly transient: boolean;
  /** The endpoint looks dead (refused, reset, timed out): take it out of the pool for a while. */
  readonly endpointDown: boolean;
  constructor(
    message: string,
    readonly endpoint: string | undefined,
    { transient = false, endpointDown = false }: { transient?: boolean; endpointDown?: boolean } = {},
  ) {
    super(message);
    this.name = "RemoteError";
    this.transient = transient;
    this.endpointDown = endpointDown;
  }
}

/** Nothing listens at the address, the host is unknown, the connection broke, or the server stopped answering. */
export class EndpointUnreachableError extends RemoteError {
  constructor(message: string, endpoint: string, readonly code?: string) {
    super(message, endpoint, { transient: true, endpointDown: true });
    this.name = "EndpointUnreachableError";
  }
}

/** The server answered 404: the URL is not the base address of an OpenAI-compatible / llama.cpp server. */
export class EndpointPathError extends RemoteError {
  constructor(message: string, endpoint: string) {
    super(message, endpoint);
    this.name = "EndpointPathError";
  }
}

/** The server answered 401 or 403: the API key is missing or was refused. */
export class ApiKeyRejectedError extends RemoteError {
  constructor(message: string, endpoint: string, readonly status: number) {
    super(message, endpoint);
    this.name = "ApiKeyRejectedError";
  }
}

/** The server or its model cannot return token log-probabilities, which reward scoring needs. */
export class LogprobsUnavailableError extends RemoteError {
  constructor(message: string, endpoint: string) {
    super(message, endpoint);
    this.name = "LogprobsUnavailableError";
  }
}

/** Any other HTTP error; 429 and 5xx "busy" answers are transient. */
export class RemoteRequestError extends RemoteError {
  constructor(message: string, endpoint: string, readonly status: number, transient: boolean) {
    super(message, endpoint, { transient });
    this.name = "RemoteRequestError";
  }
}

/** Every endpoint of the pool failed for the same request. */
export class NoEndpointAvailableError extends RemoteError {
  constructor(message: string, readonly causes: readonly Error[]) {
    super(message, undefined);
    this.name = "NoEndpointAvailableError";
  }
}

/** The caller's AbortSignal fired. */
export class RemoteAbortError extends Error {
  constructor() {
    super("The request was cancelled.");
    this.name = "AbortError";
  }
}

/** Replaces every occurrence of the secret in a text (error bodies may echo headers back). */
export function redact(text: string, secret: string | undefined): string {
  if (!secret) return text;
  return text.split(secret).join("***");
}
