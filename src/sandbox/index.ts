// The Python sandbox: hardened Pyodide worker processes behind the engine's Sandbox interface.
export { PyodideSandbox, runSandboxFile, runSandboxFiles, findDeno } from "./pool";
export type { PyodideSandboxOptions, SandboxLogger, SandboxLogLevel, IsolationReport } from "./pool";
export { locateSandboxAssets, locateSandboxWorker, checkSandboxAssets, ASSETS_DIR_NAME, WORKER_FILE_NAME } from "./assets";
export { SandboxError, SandboxAssetsError, SandboxStartError, SandboxDisposedError, SandboxInputError } from "./errors";
export { truncateOutput, DEFAULT_MAX_OUTPUT_CHARS } from "./output";
