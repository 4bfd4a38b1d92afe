/** Base class for sandbox errors a user can act on. */
export class SandboxError extends Error {
  override name = "SandboxError";
}

/** The offline Pyodide/sympy assets or the worker script are missing. */
export class SandboxAssetsError extends SandboxError {
  override name = "SandboxAssetsError";
}

/** A worker could not start (repeatedly). */
export class SandboxStartError extends SandboxError {
  override name = "SandboxStartError";
}

/** The sandbox was used after dispose(). */
export class SandboxDisposedError extends SandboxError {
  override name = "SandboxDisposedError";
  constructor() {
    super("The Python sandbox has been disposed; create a new one.");
  }
}

/** Bad input to the sandbox (unreadable file, bad option). */
export class SandboxInputError extends SandboxError {
  override name = "SandboxInputError";
}
