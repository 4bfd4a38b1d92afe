// Messages between the pool (parent) and one sandbox worker process, over the fork IPC channel.
// The parent treats everything from the child as untrusted data and checks its shape before use.
import type { ExecStatus } from "../engine/types";

/** What the child is started with (JSON in argv[2]). */
export interface WorkerConfig {
  /** Folder holding pyodide.mjs, the runtime files and python-packages.zip. */
  assetsDir: string;
  /** Cap on the WebAssembly heap (Python's memory), in MiB. */
  wasmMemoryMb: number;
  /** Import sympy while starting, so the first step that uses it is fast. */
  preloadSympy: boolean;
}

/** Which isolation layers the child found active in itself. */
export interface WorkerLayers {
  /** `--disallow-code-generation-from-strings`: `eval`/`new Function` throw. */
  codegenBlocked: boolean;
  /** Node permission model: no fs writes, no child processes outside the allowed set. */
  permissionModel: boolean;
  /** The child has no environment variables of the parent (only ELECTRON_RUN_AS_NODE where needed). */
  emptyEnv: boolean;
}

/** Child → parent. */
export type FromWorker =
  /** Sent first thing, before Pyodide loads: the process started with its flags. */
  | { type: "hello"; layers: WorkerLayers; node: string }
  /** Pyodide is loaded, hardened and (optionally) sympy imported. */
  | { type: "ready"; loadMs: number; unpackMs: number; sympyMs: number; totalMs: number; fromSnapshot: boolean; cpuMs: number; cpuPhasesMs: Record<string, number> }
  /** Something the parent should log (e.g. a fallback during start-up). */
  | { type: "log"; level: "debug" | "warn"; message: string }
  /** Startup failed; the child exits after sending this. */
  | { type: "fatal"; message: string }
  /** One run finished. */
  | { type: "result"; id: number; result: WorkerRunResult };

export interface WorkerRunResult {
  status: Extract<ExecStatus, "ok" | "error" | "timeout" | "crashed">;
  stdout: string;
  stderr: string;
  error?: string;
  durationMs: number;
}

/** Parent → child. */
export type ToWorker = { type: "run"; id: number; code: string; timeoutMs: number; maxOutputChars: number };
