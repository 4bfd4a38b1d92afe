// Errors a user can act on: each names the file or model and says what to do.

/** A model file is missing, truncated, or not a GGUF file. */
export class ModelFileError extends Error {
  override name = "ModelFileError";
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/** A download failed (network, HTTP status, size or checksum). */
export class ModelDownloadError extends Error {
  override name = "ModelDownloadError";
  /** True when retrying cannot help (HTTP error, disk error). */
  fatal = false;
  constructor(
    readonly url: string,
    message: string,
  ) {
    super(message);
  }
}

/** The model runtime (node-llama-cpp) could not be loaded or used. */
export class InferenceError extends Error {
  override name = "InferenceError";
}

/** Thrown when an object is used after `dispose()`. */
export class DisposedError extends Error {
  override name = "DisposedError";
  constructor(what: string) {
    super(`${what} has been disposed; load the models again`);
  }
}
