// PyodideSandbox: the engine's Sandbox on a small pool of hardened Pyodide worker processes.
// Each run goes to an idle worker (or waits in a queue); a worker that times out, is aborted or crashes
// is killed and replaced in the background, so one bad snippet never breaks the pool.
import { fork, type ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { ExecOptions, ExecResult, Sandbox } from "../engine/types";
import { checkSandboxAssets, locateSandboxAssets, locateSandboxWorker } from "./assets";
import { SandboxDisposedError, SandboxInputError, SandboxStartError } from "./errors";
import { DEFAULT_MAX_OUTPUT_CHARS } from "./output";
import type { FromWorker, ToWorker, WorkerConfig, WorkerLayers, WorkerRunResult } from "./protocol";

export type SandboxLogLevel = "debug" | "info" | "warn" | "error";
export type SandboxLogger = (level: SandboxLogLevel, message: string) => void;

export interface PyodideSandboxOptions {
  /** Worker processes kept warm. Default 1. */
  poolSize?: number;
  /** Default wall-clock limit per run in ms (a run's own `timeoutMs` wins). Default 5000. */
  timeoutMs?: number;
  /** Cap on each worker's Python (WebAssembly) memory in MiB; beyond it Python raises MemoryError. Default 1024. */
  memoryMb?: number;
  /** Cap on each worker's JavaScript heap in MiB (`--max-old-space-size`). Default 256. */
  jsHeapMb?: number;
  /** Characters kept per output stream; longer output keeps its head and tail (see output.ts). Default 1024. */
  maxOutputChars?: number;
  /** How long after the interrupt a run that ignores it is killed, in ms. Default 500. */
  killGraceMs?: number;
  /** How long a worker may take to start before it counts as failed, in ms. Default 60000. */
  startTimeoutMs?: number;
  /** Import sympy when a worker starts (slower start, fast first sympy step). Default true. */
  preloadSympy?: boolean;
  /** Offline assets folder. Default: found next to the bundle (see locateSandboxAssets). */
  assetsDir?: string;
  /** Worker script. Default: dist/sandbox-worker.js found next to the bundle. */
  workerPath?: string;
  /** Receives warnings (missing isolation, respawns) and debug lines. Default: none. */
  logger?: SandboxLogger;
  /** The Node (or Electron-as-Node) binary for the workers. Default process.execPath. */
  nodePath?: string;
  /** Extra Node flags for the workers, added to the hardening flags. Default none. */
  execArgv?: string[];
  /**
   * "best-effort" (default): when the runtime refuses a hardening flag, start without it and log a
   * warning naming the missing isolation. "strict": refuse to start instead (SandboxStartError).
   */
  isolation?: "best-effort" | "strict";
}

/** Which hardening the workers actually run with. */
export interface IsolationReport {
  /** Name of the flag set that started: "full", "no-permission-model" or "none". */
  profile: string;
  flags: string[];
  layers: WorkerLayers;
  /** Human-readable list of isolation that is missing (empty when everything is active). */
  missing: string[];
}

interface FlagProfile {
  name: string;
  flags: string[];
  expects: Partial<WorkerLayers>;
}

interface Job {
  id: number;
  code: string;
  timeoutMs: number;
  signal?: AbortSignal;
  resolve(result: ExecResult): void;
  onAbort?: () => void;
}

type WorkerState = "starting" | "idle" | "busy" | "dead";

interface WorkerHandle {
  proc: ChildProcess;
  state: WorkerState;
  job?: Job;
  timer?: NodeJS.Timeout;
  startedAt: number;
  dispatchedAt: number;
  stderrTail: string;
  /** First line of the worker's own start-up failure report, if it sent one. */
  fatal?: string;
  ready: Promise<void>;
}

const CRASH_LIMIT = 3;

function noop(): void {}

export class PyodideSandbox implements Sandbox {
  private readonly opts: Required<Omit<PyodideSandboxOptions, "logger" | "execArgv">> & { execArgv: string[] };
  private readonly log: SandboxLogger;
  private readonly workers = new Set<WorkerHandle>();
  private readonly queue: Job[] = [];
  private profile?: FlagProfile;
  private report?: IsolationReport;
  private disposed = false;
  private nextJobId = 1;
  private startFailures = 0;
  private lastStartError = "";

  private constructor(options: PyodideSandboxOptions) {
    const assetsDir = options.assetsDir ?? locateSandboxAssets();
    checkSandboxAssets(assetsDir);
    const poolSize = options.poolSize ?? 1;
    if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 64) throw new SandboxInputError(`poolSize must be an integer from 1 to 64 (got ${poolSize}).`);
    this.opts = {
      poolSize,
      timeoutMs: positive(options.timeoutMs, 5000, "timeoutMs"),
      memoryMb: positive(options.memoryMb, 1024, "memoryMb"),
      jsHeapMb: positive(options.jsHeapMb, 256, "jsHeapMb"),
      maxOutputChars: positive(options.maxOutputChars, DEFAULT_MAX_OUTPUT_CHARS, "maxOutputChars"),
      killGraceMs: positive(options.killGraceMs, 500, "killGraceMs"),
      startTimeoutMs: positive(options.startTimeoutMs, 60000, "startTimeoutMs"),
      preloadSympy: options.preloadSympy ?? true,
      assetsDir,
      workerPath: options.workerPath ?? locateSandboxWorker(),
      nodePath: options.nodePath ?? process.execPath,
      execArgv: options.execArgv ?? [],
      isolation: options.isolation ?? "best-effort",
    };
    this.log = options.logger ?? noop;
  }

  /** Starts the pool: probes which hardening flags the runtime accepts and waits for the first worker. */
  static async create(options: PyodideSandboxOptions = {}): Promise<PyodideSandbox> {
    const sandbox = new PyodideSandbox(options);
    try {
      await sandbox.startFirst();
    } catch (e) {
      sandbox.dispose();
      throw e;
    }
    for (let i = 1; i < sandbox.opts.poolSize; i++) sandbox.spawn();
    return sandbox;
  }

  /** The hardening the workers run with (set once the first worker has started). */
  get isolation(): IsolationReport | undefined {
    return this.report;
  }

  /** Resolves when every worker of the pool is started and ready. */
  async warmup(): Promise<void> {
    this.ensureAlive();
    this.fillPool();
    await Promise.all([...this.workers].map((w) => w.ready.catch(noop)));
  }

  run(code: string, options: ExecOptions = {}): Promise<ExecResult> {
    if (this.disposed) return Promise.reject(new SandboxDisposedError());
    if (typeof code !== "string") return Promise.reject(new SandboxInputError("Sandbox.run expects the Python code as a string."));
    const timeoutMs = options.timeoutMs ?? this.opts.timeoutMs;
    if (!(timeoutMs > 0)) return Promise.reject(new SandboxInputError(`timeoutMs must be a positive number (got ${timeoutMs}).`));
    if (options.signal?.aborted) return Promise.resolve(killedResult(0, "the run was cancelled before it started"));
    return new Promise<ExecResult>((resolve) => {
      const job: Job = { id: this.nextJobId++, code, timeoutMs, signal: options.signal, resolve };
      if (job.signal) {
        job.onAbort = () => this.abortJob(job);
        job.signal.addEventListener("abort", job.onAbort, { once: true });
      }
      this.queue.push(job);
      this.fillPool();
      this.pump();
    });
  }

  /**
   * Whether two answers (plain, e.g. `sqrt(2)/2`, or LaTeX-ish, e.g. `\frac{\sqrt{2}}{2}`) are equal,
   * decided by sympy inside the sandbox under the same limits. `undefined` when it cannot tell.
   */
  async symbolicEqual(a: string, b: string, options: ExecOptions = {}): Promise<boolean | undefined> {
    if (typeof a !== "string" || typeof b !== "string") throw new SandboxInputError("symbolicEqual expects two strings.");
    if (a.length > 4000 || b.length > 4000) return undefined;
    const code = `from _stepwise_equiv import check\ncheck(${JSON.stringify(a)}, ${JSON.stringify(b)})\n`;
    const result = await this.run(code, options);
    if (result.status !== "ok") return undefined;
    const answer = result.stdout.trim();
    return answer === "True" ? true : answer === "False" ? false : undefined;
  }

  /** Kills every worker; queued and running jobs resolve as "killed". Later calls are refused. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const job of this.queue.splice(0)) this.finish(job, killedResult(0, "the sandbox was disposed"));
    for (const w of this.workers) {
      if (w.job) this.finish(w.job, killedResult(performance.now() - w.dispatchedAt, "the sandbox was disposed"));
      w.job = undefined;
      this.kill(w);
    }
    this.workers.clear();
  }

  // ---- workers ----

  private ensureAlive(): void {
    if (this.disposed) throw new SandboxDisposedError();
  }

  private profiles(): FlagProfile[] {
    const heap = `--max-old-space-size=${this.opts.jsHeapMb}`;
    const codegen = "--disallow-code-generation-from-strings";
    const reads = [this.opts.assetsDir, this.opts.workerPath].map((p) => `--allow-fs-read=${p}`);
    const major = Number(process.versions.node.split(".")[0]);
    // Node 20-22 spell it --experimental-permission; later versions --permission. Try the likely one first.
    const permFlags = major >= 23 ? ["--permission", "--experimental-permission"] : ["--experimental-permission", "--permission"];
    const full = permFlags.map((p) => ({
      name: "full",
      flags: [codegen, p, ...reads, "--allow-worker", heap, ...this.opts.execArgv],
      expects: { codegenBlocked: true, permissionModel: true, emptyEnv: true },
    }));
    return [
      ...full,
      { name: "no-permission-model", flags: [codegen, heap, ...this.opts.execArgv], expects: { codegenBlocked: true, emptyEnv: true } },
      { name: "none", flags: [...this.opts.execArgv], expects: { emptyEnv: true } },
    ];
  }

  /** Starts the first worker, trying flag sets from strongest to weakest until one starts. */
  private async startFirst(): Promise<void> {
    const profiles = this.opts.isolation === "strict" ? this.profiles().filter((p) => p.name === "full") : this.profiles();
    let lastError = "";
    for (const profile of profiles) {
      const w = this.spawnWith(profile);
      let hello: Extract<FromWorker, { type: "hello" }> | undefined;
      try {
        hello = await waitForHello(w.proc, this.opts.startTimeoutMs);
      } catch (e) {
        lastError = (e as Error).message + (w.stderrTail ? `: ${w.stderrTail.trim().split("\n").slice(-3).join(" | ")}` : "");
        this.log("warn", `Python sandbox: the runtime refused worker flags [${profile.flags.join(" ")}] (${lastError}); trying weaker isolation.`);
        this.kill(w);
        this.workers.delete(w);
        continue;
      }
      const missing = missingIsolation(profile, hello.layers);
      this.profile = profile;
      this.report = { profile: profile.name, flags: profile.flags, layers: hello.layers, missing };
      if (missing.length) {
        const msg = `Python sandbox runs WITHOUT: ${missing.join("; ")}. Model-written code has fewer barriers between it and this machine.`;
        if (this.opts.isolation === "strict") {
          this.kill(w);
          this.workers.delete(w);
          throw new SandboxStartError(`${msg} (isolation "strict" refuses to start)`);
        }
        this.log("warn", msg);
      } else {
        this.log("debug", `Python sandbox isolation: ${profile.flags.join(" ")}`);
      }
      await w.ready;
      return;
    }
    throw new SandboxStartError(`No Python sandbox worker could start (${lastError}).`);
  }

  /** Adds workers until the pool is full (and the pool is not failing to start). */
  private fillPool(): void {
    if (this.disposed || !this.profile) return;
    if (this.startFailures >= CRASH_LIMIT) {
      // Give a failing runtime another chance only when someone asks for a run.
      if (this.queue.length === 0) return;
      this.startFailures = CRASH_LIMIT - 1;
    }
    while (this.workers.size < this.opts.poolSize) this.spawn();
  }

  private spawn(): void {
    if (this.profile) this.spawnWith(this.profile).ready.catch(noop);
  }

  private spawnWith(profile: FlagProfile): WorkerHandle {
    const config: WorkerConfig = { assetsDir: this.opts.assetsDir, wasmMemoryMb: this.opts.memoryMb, preloadSympy: this.opts.preloadSympy };
    // The worker gets none of this process's environment (tokens, paths); Electron needs its one switch.
    const env: Record<string, string> = {};
    if (process.versions.electron) env.ELECTRON_RUN_AS_NODE = "1";
    // Windows processes need SystemRoot to start at all.
    if (process.platform === "win32" && process.env.SystemRoot) env.SystemRoot = process.env.SystemRoot;
    const proc = fork(this.opts.workerPath, [JSON.stringify(config)], {
      execPath: this.opts.nodePath,
      execArgv: profile.flags,
      env,
      cwd: dirname(this.opts.workerPath),
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      serialization: "json",
    });
    let resolveReady!: () => void;
    let rejectReady!: (e: Error) => void;
    const w: WorkerHandle = {
      proc,
      state: "starting",
      startedAt: performance.now(),
      dispatchedAt: 0,
      stderrTail: "",
      ready: new Promise<void>((res, rej) => {
        resolveReady = res;
        rejectReady = rej;
      }),
    };
    w.ready.catch(noop);
    this.workers.add(w);
    const startTimer = setTimeout(() => {
      if (w.state === "starting") {
        this.log("warn", `Python sandbox: a worker did not start within ${this.opts.startTimeoutMs} ms; killing it.`);
        this.kill(w);
      }
    }, this.opts.startTimeoutMs);
    startTimer.unref();
    proc.stderr?.setEncoding("utf8");
    proc.stderr?.on("data", (chunk: string) => {
      w.stderrTail = (w.stderrTail + chunk).slice(-4000);
      for (const line of chunk.split("\n")) {
        if (line.trim() && !/ExperimentalWarning|--trace-warnings/.test(line)) this.log("debug", `sandbox worker: ${line}`);
      }
    });
    proc.on("message", (raw: unknown) => this.onMessage(w, raw as FromWorker, resolveReady));
    proc.on("error", (e) => this.log("debug", `sandbox worker process error: ${e.message}`));
    proc.on("exit", (code, signal) => {
      clearTimeout(startTimer);
      const wasStarting = w.state === "starting";
      w.state = "dead";
      this.workers.delete(w);
      if (w.timer) clearTimeout(w.timer);
      if (w.job) {
        const job = w.job;
        w.job = undefined;
        this.finish(job, {
          status: "crashed",
          stdout: "",
          stderr: "",
          error: `The sandbox worker exited unexpectedly (${signal ?? `code ${code}`}).`,
          durationMs: performance.now() - w.dispatchedAt,
        });
      }
      if (wasStarting) {
        this.startFailures++;
        this.lastStartError = w.fatal ?? (w.stderrTail.trim().split("\n").slice(-3).join(" | ") || `exit ${signal ?? code}`);
        rejectReady(new SandboxStartError(`A Python sandbox worker failed to start: ${this.lastStartError}`));
        if (this.startFailures >= CRASH_LIMIT) {
          const err = `The Python sandbox could not start a worker ${CRASH_LIMIT} times in a row (${this.lastStartError}).`;
          this.log("error", err);
          if (this.workers.size === 0) {
            for (const job of this.queue.splice(0)) this.finish(job, { status: "crashed", stdout: "", stderr: "", error: err, durationMs: 0 });
          }
        }
      }
      if (!this.disposed && this.profile) {
        if (!wasStarting) this.log("debug", `Python sandbox: worker exited (${signal ?? `code ${code}`}); starting a replacement.`);
        this.fillPool();
      }
    });
    return w;
  }

  private onMessage(w: WorkerHandle, msg: FromWorker, resolveReady: () => void): void {
    if (!msg || typeof msg !== "object") return;
    switch (msg.type) {
      case "ready":
        if (w.state !== "starting") return;
        w.state = "idle";
        this.startFailures = 0;
        this.log(
          "debug",
          `Python sandbox worker ready in ${Math.round(performance.now() - w.startedAt)} ms${msg.fromSnapshot ? " (from the start-up snapshot)" : ""}` +
            ` (boot ${Math.round(msg.loadMs)} ms, unpack ${Math.round(msg.unpackMs)} ms, sympy ${Math.round(msg.sympyMs)} ms; ${Math.round(msg.cpuMs)} ms CPU)`,
        );
        resolveReady();
        this.pump();
        return;
      case "log":
        this.log(msg.level === "warn" ? "warn" : "debug", String(msg.message).slice(0, 2000));
        return;
      case "fatal":
        w.fatal = String(msg.message).split("\n")[0].slice(0, 500);
        this.log("error", `Python sandbox worker failed: ${String(msg.message).split("\n")[0]}`);
        return;
      case "result": {
        const job = w.job;
        if (!job || msg.id !== job.id) return;
        if (w.timer) clearTimeout(w.timer);
        w.job = undefined;
        this.finish(job, sanitizeResult(msg.result, this.opts.maxOutputChars));
        if (msg.result?.status === "crashed") {
          w.state = "dead";
          return;
        }
        w.state = "idle";
        this.pump();
        return;
      }
      default:
        return;
    }
  }

  /** Hands queued jobs to idle workers. */
  private pump(): void {
    for (const w of this.workers) {
      if (this.queue.length === 0) return;
      if (w.state !== "idle") continue;
      const job = this.queue.shift()!;
      this.dispatch(w, job);
    }
  }

  private dispatch(w: WorkerHandle, job: Job): void {
    w.state = "busy";
    w.job = job;
    w.dispatchedAt = performance.now();
    const msg: ToWorker = { type: "run", id: job.id, code: job.code, timeoutMs: job.timeoutMs, maxOutputChars: this.opts.maxOutputChars };
    // The worker interrupts Python itself at timeoutMs; this timer kills runs that ignore the interrupt.
    w.timer = setTimeout(() => {
      if (w.job !== job) return;
      w.job = undefined;
      this.log("debug", `Python sandbox: a run ignored the interrupt; killing its worker.`);
      this.finish(job, {
        status: "timeout",
        stdout: "",
        stderr: "",
        error: `TimeoutError: the step ran longer than ${job.timeoutMs} ms and ignored the interrupt (worker restarted)`,
        durationMs: performance.now() - w.dispatchedAt,
      });
      this.kill(w);
    }, job.timeoutMs + this.opts.killGraceMs);
    try {
      w.proc.send(msg);
    } catch {
      this.kill(w);
    }
  }

  private abortJob(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.finish(job, killedResult(0, "the run was cancelled while waiting"));
      return;
    }
    for (const w of this.workers) {
      if (w.job === job) {
        w.job = undefined;
        if (w.timer) clearTimeout(w.timer);
        this.finish(job, killedResult(performance.now() - w.dispatchedAt, "the run was cancelled"));
        this.kill(w);
        return;
      }
    }
  }

  private finish(job: Job, result: ExecResult): void {
    if (job.signal && job.onAbort) job.signal.removeEventListener("abort", job.onAbort);
    job.resolve(result);
  }

  private kill(w: WorkerHandle): void {
    if (w.state !== "dead") w.state = "dead";
    if (w.timer) clearTimeout(w.timer);
    try {
      w.proc.kill("SIGKILL");
    } catch {
      // already gone
    }
  }
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !(value > 0) || !Number.isFinite(value)) throw new SandboxInputError(`${name} must be a positive number (got ${value}).`);
  return value;
}

function killedResult(durationMs: number, why: string): ExecResult {
  return { status: "killed", stdout: "", stderr: "", error: `Killed: ${why}`, durationMs };
}

/** The child is untrusted: keep only well-typed, bounded fields. */
function sanitizeResult(r: WorkerRunResult | undefined, maxChars: number): ExecResult {
  const statuses = ["ok", "error", "timeout", "crashed"];
  const status = r && statuses.includes(r.status) ? r.status : "crashed";
  const str = (v: unknown) => (typeof v === "string" ? v.slice(0, maxChars) : "");
  const result: ExecResult = {
    status,
    stdout: str(r?.stdout),
    stderr: str(r?.stderr),
    durationMs: typeof r?.durationMs === "number" && Number.isFinite(r.durationMs) ? r.durationMs : 0,
  };
  if (typeof r?.error === "string") result.error = r.error.slice(0, 1000);
  return result;
}

function missingIsolation(profile: FlagProfile, layers: WorkerLayers): string[] {
  const missing: string[] = [];
  if (!layers.codegenBlocked) missing.push("code generation from strings is not disabled (eval/new Function reachable from a JS escape)");
  if (!layers.permissionModel) missing.push("the Node permission model is off (a JS escape could read/write host files and start processes)");
  if (!layers.emptyEnv) missing.push("the worker's environment is not empty");
  void profile;
  return missing;
}

function waitForHello(proc: ChildProcess, timeoutMs: number): Promise<Extract<FromWorker, { type: "hello" }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (m: unknown) => {
      const msg = m as FromWorker;
      if (msg && msg.type === "hello" && msg.layers && typeof msg.layers === "object") done(undefined, msg);
    };
    const onExit = (code: number | null, signal: string | null) => done(new Error(`the worker exited at once (${signal ?? `code ${code}`})`));
    function done(err?: Error, msg?: Extract<FromWorker, { type: "hello" }>) {
      clearTimeout(timer);
      proc.off("message", onMessage);
      proc.off("exit", onExit);
      if (err) reject(err);
      else resolve(msg!);
    }
    proc.on("message", onMessage);
    proc.on("exit", onExit);
  });
}

/**
 * Runs a Python file through the sandbox exactly as a step would run (fresh pool of one worker), for
 * `stepwise sandbox <file.py>`. Throws SandboxInputError when the file cannot be read.
 */
export async function runSandboxFile(path: string, options: PyodideSandboxOptions & { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<ExecResult> {
  let code: string;
  try {
    code = await readFile(path, "utf8");
  } catch (e) {
    throw new SandboxInputError(`Cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const { signal, ...rest } = options;
  const sandbox = await PyodideSandbox.create({ ...rest, poolSize: 1 });
  try {
    return await sandbox.run(code, { timeoutMs: options.timeoutMs, signal });
  } finally {
    sandbox.dispose();
  }
}
