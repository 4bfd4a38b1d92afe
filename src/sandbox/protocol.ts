// Frames between the pool (parent) and one sandbox worker process, over the child's stdin and stdout:
// each frame is a 4-byte little-endian length followed by that many bytes of UTF-8 JSON. The parent
// treats every byte from the child as hostile: a frame that is too long, not JSON, of the wrong shape or
// without the run's nonce kills the worker, and the run is `crashed`.
import type { ExecStatus } from "../engine/types";

/** What the child is started with (JSON in its last argument). */
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
  /** The runtime the worker runs on. */
  runtime: "deno" | "node";
  /** `eval`/`new Function` throw (V8's --disallow-code-generation-from-strings). */
  codegenBlocked: boolean;
  /** Deno: env, net, write, run, ffi, sys and reading `/` are all denied. Node: the permission model is on. */
  permissionsDenied: boolean;
  /** The child's own process id (1 or 2 inside a PID namespace of its own). */
  pid: number;
}

/** Child → parent. */
export type FromWorker =
  /** Sent first thing, before Pyodide loads. */
  | { type: "hello"; layers: WorkerLayers; version: string }
  /** Pyodide is loaded, hardened, warmed up, and the clean baseline taken. */
  | { type: "ready"; loadMs: number; unpackMs: number; sympyMs: number; warmupMs: number; totalMs: number; fromSnapshot: boolean }
  /** Something the parent should log (e.g. a fallback during start-up). */
  | { type: "log"; level: "debug" | "warn"; message: string }
  /** Startup failed; the child exits after sending this. */
  | { type: "fatal"; message: string }
  /** One run finished. `recycle`: the interpreter may have changed beyond the step; discard the process. */
  | { type: "result"; nonce: string; result: WorkerRunResult; recycle: boolean; reasons: string[] };

export interface WorkerRunResult {
  status: Extract<ExecStatus, "ok" | "error">;
  stdout: string;
  stderr: string;
  error?: string;
  durationMs: number;
}

/** Parent → child. */
export type ToWorker = { type: "run"; nonce: string; code: string; maxOutputChars: number };

/** Largest frame the parent accepts from a worker, for a given output limit. */
export function maxFrameBytes(maxOutputChars: number): number {
  // Two streams of maxOutputChars characters, each up to 6 bytes once JSON-escaped, plus the envelope.
  return 2 * 6 * maxOutputChars + 16_384;
}

/** Encodes one frame. */
export function encodeFrame(message: unknown): Uint8Array {
  const body = new TextEncoder().encode(JSON.stringify(message));
  const frame = new Uint8Array(4 + body.length);
  new DataView(frame.buffer).setUint32(0, body.length, true);
  frame.set(body, 4);
  return frame;
}

/** Splits a byte stream into frames; `onFrame` gets each body, `onError` a reason (and nothing after it). */
export class FrameReader {
  private chunks: Uint8Array[] = [];
  private size = 0;
  private failed = false;

  constructor(
    private maxBytes: number,
    private readonly onFrame: (body: Uint8Array) => void,
    private readonly onError: (reason: string) => void,
  ) {}

  setMaxBytes(n: number): void {
    this.maxBytes = n;
  }

  push(chunk: Uint8Array): void {
    if (this.failed) return;
    this.chunks.push(chunk);
    this.size += chunk.length;
    for (;;) {
      if (this.size < 4) return;
      const buf = this.concat();
      const len = new DataView(buf.buffer, buf.byteOffset, 4).getUint32(0, true);
      if (len > this.maxBytes) {
        this.failed = true;
        this.onError(`a frame of ${len} bytes (limit ${this.maxBytes})`);
        return;
      }
      if (this.size < 4 + len) return;
      const body = buf.slice(4, 4 + len);
      const rest = buf.subarray(4 + len);
      this.chunks = rest.length ? [rest] : [];
      this.size = rest.length;
      this.onFrame(body);
      if (this.failed) return;
    }
  }

  fail(): void {
    this.failed = true;
  }

  private concat(): Uint8Array {
    if (this.chunks.length === 1) return this.chunks[0];
    const all = new Uint8Array(this.size);
    let off = 0;
    for (const c of this.chunks) {
      all.set(c, off);
      off += c.length;
    }
    this.chunks = [all];
    return all;
  }
}
