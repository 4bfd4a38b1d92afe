// Starts real llama.cpp servers (llama-server, ggml-rpc-server) on 127.0.0.1 for the remote tests and the
// benchmark. The binaries come from scripts/build-llama-server.sh (cached outside the repo); when they are
// missing they are built here, never skipped.

import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { join, resolve } from "node:path";

/** The repository root: the nearest folder above this bundle holding scripts/build-llama-server.sh. */
export const REPO_ROOT = ((): string => {
  let dir = __dirname;
  for (;;) {
    if (existsSync(join(dir, "scripts", "build-llama-server.sh"))) return dir;
    const up = resolve(dir, "..");
    if (up === dir) return resolve(__dirname, "..", "..", "..");
    dir = up;
  }
})();
export const TINY_MODEL = join(REPO_ROOT, "models", "fixtures", "stepwise-tiny.gguf");

let binDir: string | undefined;

/** The folder holding llama-server and ggml-rpc-server, building them first when needed (~10+ min). */
export function llamaServerBinDir(): string {
  if (binDir) return binDir;
  const override = process.env.STEPWISE_LLAMA_SERVER_DIR;
  if (override) {
    if (!existsSync(join(override, "llama-server"))) throw new Error(`STEPWISE_LLAMA_SERVER_DIR=${override} has no llama-server`);
    return (binDir = override);
  }
  const script = join(REPO_ROOT, "scripts", "build-llama-server.sh");
  const out = execFileSync("bash", [script], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 20 });
  const dir = out.trim().split("\n").pop() ?? "";
  if (!existsSync(join(dir, "llama-server")) || !existsSync(join(dir, "ggml-rpc-server"))) {
    throw new Error(`build-llama-server.sh did not produce the binaries (got '${dir}')`);
  }
  return (binDir = dir);
}

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.unref();
    s.on("error", rej);
    s.listen(0, "127.0.0.1", () => {
      const addr = s.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      s.close(() => res(port));
    });
  });
}

export interface RunningServer {
  url: string;
  port: number;
  proc: ChildProcess;
  /** Everything the process printed so far. */
  log(): string;
  /** SIGKILL (a crash, as far as clients can tell). */
  kill(): void;
  stop(): Promise<void>;
}

function track(proc: ChildProcess): { log: () => string; exited: Promise<void> } {
  let text = "";
  proc.stdout?.on("data", (d: Buffer) => (text += d.toString()));
  proc.stderr?.on("data", (d: Buffer) => (text += d.toString()));
  const exited = new Promise<void>((r) => proc.once("exit", () => r()));
  return { log: () => text, exited };
}

function wrap(proc: ChildProcess, port: number, url: string, log: () => string, exited: Promise<void>): RunningServer {
  return {
    url,
    port,
    proc,
    log,
    kill: () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
    },
    stop: async () => {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill("SIGTERM");
        const t = setTimeout(() => proc.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(t);
      }
    },
  };
}

export interface LlamaServerOptions {
  model?: string;
  /** Default 1 (2 shared cores). */
  threads?: number;
  /** Total context over all slots. Default 4096. */
  ctxSize?: number;
  /** Parallel slots. Default 4. */
  parallel?: number;
  /** RPC workers as host:port. */
  rpc?: string[];
  /** Extra command-line arguments. */
  args?: string[];
  /** Require this API key. */
  apiKey?: string;
  /** Port to listen on. Default: a free one. */
  port?: number;
  /** How long to wait for /health. Default 60000 ms. */
  readyTimeoutMs?: number;
}

export async function startLlamaServer(opts: LlamaServerOptions = {}): Promise<RunningServer> {
  const dir = llamaServerBinDir();
  const port = opts.port ?? (await freePort());
  const args = [
    "-m", opts.model ?? TINY_MODEL,
    "--host", "127.0.0.1",
    "--port", String(port),
    "-t", String(opts.threads ?? 1),
    "-tb", String(opts.threads ?? 1),
    "-c", String(opts.ctxSize ?? 4096),
    "-np", String(opts.parallel ?? 4),
    "--no-webui",
  ];
  if (opts.rpc?.length) args.push("--rpc", opts.rpc.join(","), "-ngl", "99");
  if (opts.apiKey) args.push("--api-key", opts.apiKey);
  args.push(...(opts.args ?? []));
  const proc = spawn(join(dir, "llama-server"), args, { stdio: ["ignore", "pipe", "pipe"] });
  const { log, exited } = track(proc);
  const url = `http://127.0.0.1:${port}`;
  const server = wrap(proc, port, url, log, exited);
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (proc.exitCode !== null || proc.signalCode !== null) {
      throw new Error(`llama-server exited (${proc.exitCode ?? proc.signalCode}) before it was ready:\n${log().slice(-3000)}`);
    }
    try {
      const r = await fetch(`${url}/health`, opts.apiKey ? { headers: { authorization: `Bearer ${opts.apiKey}` } } : {});
      if (r.ok) return server;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`llama-server did not become ready within ${opts.readyTimeoutMs ?? 60_000} ms:\n${log().slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts one ggml-rpc-server on 127.0.0.1 (CPU backend, one thread). */
export async function startRpcWorker(): Promise<RunningServer & { endpoint: string }> {
  const dir = llamaServerBinDir();
  const port = await freePort();
  const proc = spawn(join(dir, "ggml-rpc-server"), ["-H", "127.0.0.1", "-p", String(port), "-t", "1"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const { log, exited } = track(proc);
  const server = wrap(proc, port, `127.0.0.1:${port}`, log, exited);
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`ggml-rpc-server exited early:\n${log()}`);
    const open = await new Promise<boolean>((res) => {
      const s = connect(port, "127.0.0.1");
      s.once("connect", () => (s.destroy(), res(true)));
      s.once("error", () => res(false));
    });
    if (open) return { ...server, endpoint: `127.0.0.1:${port}` };
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`ggml-rpc-server did not listen within 20 s:\n${log()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Any problem works with the fixture (its script ignores the question); this is the one its answers fit. */
export const PROBLEM = "Tom has 3 boxes with 12 apples each. He gives away 5 apples. How many apples are left?";

export interface TinyFixture {
  chunks: Record<string, string>;
  greedy: string[];
  outputs: Record<string, string>;
}

let fixtureCache: TinyFixture | undefined;
/** models/fixtures/stepwise-tiny.json: the scripted steps the fixture model emits. */
export function fixture(): TinyFixture {
  fixtureCache ??= JSON.parse(readFileSync(join(REPO_ROOT, "models", "fixtures", "stepwise-tiny.json"), "utf8")) as TinyFixture;
  return fixtureCache;
}
