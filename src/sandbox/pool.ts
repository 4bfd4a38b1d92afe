// PyodideSandbox: the engine's Sandbox on a small pool of sandbox worker processes.
// Each worker is Deno with every permission denied but reading the assets (inside bubblewrap on Linux);
// Node with its permission model is a fallback that is logged as weaker. Runs go to an idle worker or
// wait in a queue. A worker that overruns its time, goes over its memory, sends anything unexpected, or
// reports that a step changed the interpreter beyond its own namespace is killed and replaced in the
// background, so no step can outlive itself and one bad snippet never breaks the pool.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, lstatSync, readlinkSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import type { ExecOptions, ExecResult, Sandbox } from "../engine/types";
import { checkSandboxAssets, locateSandboxAssets, locateSandboxWorker } from "./assets";
import { SandboxDisposedError, SandboxInputError, SandboxStartError } from "./errors";
import { DEFAULT_MAX_OUTPUT_CHARS } from "./output";
import { encodeFrame, FrameReader, maxFrameBytes, type FromWorker, type ToWorker, type WorkerConfig, type WorkerLayers } from "./protocol";

export type SandboxLogLevel = "debug" | "info" | "warn" | "error";
export type SandboxLogger = (level: SandboxLogLevel, message: string) => void;

export interface PyodideSandboxOptions {
  /** Worker processes kept warm. Default 1. */
  poolSize?: number;
  /** Default wall-clock limit per run in ms (a run's own `timeoutMs` wins). Default 5000. */
  timeoutMs?: number;
  /** Cap on each worker's Python (WebAssembly) memory in MiB; beyond it Python raises MemoryError. Default 1024. */
  memoryMb?: number;
  /** Cap on each worker's JavaScript heap in MiB (V8's `--max-old-space-size`). Default 256. */
  jsHeapMb?: number;
  /** Resident memory of a worker (all its processes) above which the pool kills it, in MiB. Default memoryMb + jsHeapMb + 512. */
  rssLimitMb?: number;
  /** Characters kept per output stream; longer output keeps its head and tail (see output.ts). Default 1024. */
  maxOutputChars?: number;
  /** How long after `timeoutMs` a run is killed, in ms (covers the frame's trip). Default 250. */
  killGraceMs?: number;
  /** How long a worker may take to start before it counts as failed, in ms. Default 300000 (a hang guard: a start took 65-78 s on a 2-core machine at load 20). */
  startTimeoutMs?: number;
  /**
   * Import sympy when a worker boots without the start-up snapshot (slower start, fast first sympy step).
   * The snapshot already holds sympy, so a worker restored from it has sympy either way. Default true.
   */
  preloadSympy?: boolean;
  /** Offline assets folder. Default: found next to the bundle (see locateSandboxAssets). */
  assetsDir?: string;
  /** Worker script. Default: dist/sandbox-worker.mjs found next to the bundle. */
  workerPath?: string;
  /** Receives warnings (missing isolation, respawns) and debug lines. Default: none. */
  logger?: SandboxLogger;
  /** The Deno binary. Default: the one from the `deno` npm package, else `deno` on PATH. "" disables Deno. */
  denoPath?: string;
  /** Linux: the bubblewrap binary. Default: `bwrap` on PATH. "" disables bubblewrap. */
  bwrapPath?: string;
  /** The Node (or Electron-as-Node) binary for the weaker fallback. Default process.execPath. */
  nodePath?: string;
  /** Extra Node flags for the fallback workers. Default none. */
  execArgv?: string[];
  /**
   * "best-effort" (default): when a layer is missing, start with what there is and log a warning naming it.
   * "strict": refuse to start (SandboxStartError) unless Deno runs (inside bubblewrap on Linux).
   */
  isolation?: "best-effort" | "strict";
}

/** Which hardening the workers actually run with. */
export interface IsolationReport {
  /** "deno+bwrap", "deno", "node", "node-no-permission-model" or "none". */
  profile: string;
  /** The command line the workers start with. */
  flags: string[];
  layers: WorkerLayers & {
    /** bubblewrap: own network, PID, IPC and UTS namespaces, a read-only minimal file system. */
    namespaces: boolean;
    /** The pool reads the workers' resident memory and kills one over `rssLimitMb`. */
    rssWatch: boolean;
  };
  /** Human-readable list of isolation that is missing (empty when everything is active). */
  missing: string[];
}

interface Profile {
  name: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  namespaces: boolean;
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
  nonce?: string;
  timer?: NodeJS.Timeout;
  startedAt: number;
  dispatchedAt: number;
  stderrTail: string;
  hello?: Extract<FromWorker, { type: "hello" }>;
  fatal?: string;
  ready: Promise<void>;
  resolveReady(): void;
  /** Why the pool killed it, for the job's result. */
  killedFor?: ExecResult;
}

const CRASH_LIMIT = 3;
/** How often the pool reads the workers' resident memory (Linux reads /proc; macOS runs ps). */
const RSS_POLL_MS = process.platform === "linux" ? 100 : 500;

function noop(): void {}

export class PyodideSandbox implements Sandbox {
  private readonly opts: Required<Omit<PyodideSandboxOptions, "logger" | "execArgv" | "denoPath" | "bwrapPath">> & {
    execArgv: string[];
    denoPath?: string;
    bwrapPath?: string;
  };
  private readonly log: SandboxLogger;
  private readonly workers = new Set<WorkerHandle>();
  private readonly queue: Job[] = [];
  private profile?: Profile;
  private report?: IsolationReport;
  private disposed = false;
  private nextJobId = 1;
  private startFailures = 0;
  private lastStartError = "";
  private rssTimer?: NodeJS.Timeout;
  private recycles = 0;

  private constructor(options: PyodideSandboxOptions) {
    const assetsDir = options.assetsDir ?? locateSandboxAssets();
    checkSandboxAssets(assetsDir);
    const poolSize = options.poolSize ?? 1;
    if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 64) throw new SandboxInputError(`poolSize must be an integer from 1 to 64 (got ${poolSize}).`);
    const memoryMb = positive(options.memoryMb, 1024, "memoryMb");
    const jsHeapMb = positive(options.jsHeapMb, 256, "jsHeapMb");
    this.opts = {
      poolSize,
      timeoutMs: positive(options.timeoutMs, 5000, "timeoutMs"),
      memoryMb,
      jsHeapMb,
      rssLimitMb: positive(options.rssLimitMb, memoryMb + jsHeapMb + 512, "rssLimitMb"),
      maxOutputChars: positive(options.maxOutputChars, DEFAULT_MAX_OUTPUT_CHARS, "maxOutputChars"),
      killGraceMs: positive(options.killGraceMs, 250, "killGraceMs"),
      startTimeoutMs: positive(options.startTimeoutMs, 300000, "startTimeoutMs"),
      preloadSympy: options.preloadSympy ?? true,
      assetsDir: realpathSync(assetsDir),
      workerPath: realpathSync(options.workerPath ?? locateSandboxWorker()),
      nodePath: options.nodePath ?? process.execPath,
      execArgv: options.execArgv ?? [],
      isolation: options.isolation ?? "best-effort",
      denoPath: options.denoPath,
      bwrapPath: options.bwrapPath,
    };
    this.log = options.logger ?? noop;
  }

  /** Starts the pool: finds the strongest boundary that starts here and waits for the first worker. */
  static async create(options: PyodideSandboxOptions = {}): Promise<PyodideSandbox> {
    const sandbox = new PyodideSandbox(options);
    try {
      await sandbox.startFirst();
    } catch (e) {
      sandbox.dispose();
      throw e;
    }
    sandbox.fillPool();
    return sandbox;
  }

  /** The hardening the workers run with (set once the first worker has started). */
  get isolation(): IsolationReport | undefined {
    return this.report;
  }

  /** Workers discarded so far because a step changed the interpreter (or crashed, or timed out). */
  get recycledWorkers(): number {
    return this.recycles;
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
   * Whether two plain scalar answers in sympy syntax (e.g. `sqrt(2)/2` and `1/sqrt(2)`) are equal, decided
   * by sympy inside the sandbox under the same limits. The answers are parsed by a whitelisting parser,
   * never evaluated as Python. `undefined` when it cannot tell (including relations, tuples and sets,
   * which are for the caller to split).
   */
  async symbolicEqual(a: string, b: string, options: ExecOptions = {}): Promise<boolean | undefined> {
    if (typeof a !== "string" || typeof b !== "string") throw new SandboxInputError("symbolicEqual expects two strings.");
    if (!isPlainScalar(a) || !isPlainScalar(b)) return undefined;
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
    if (this.rssTimer) clearInterval(this.rssTimer);
    for (const job of this.queue.splice(0)) this.finish(job, killedResult(0, "the sandbox was disposed"));
    for (const w of this.workers) {
      if (w.job) this.finish(w.job, killedResult(performance.now() - w.dispatchedAt, "the sandbox was disposed"));
      w.job = undefined;
      this.kill(w);
    }
    this.workers.clear();
  }

  // ---- boundary ----

  private ensureAlive(): void {
    if (this.disposed) throw new SandboxDisposedError();
  }

  private config(): string {
    const config: WorkerConfig = { assetsDir: this.opts.assetsDir, wasmMemoryMb: this.opts.memoryMb, preloadSympy: this.opts.preloadSympy };
    return JSON.stringify(config);
  }

  /** Candidate boundaries, strongest first. */
  private profiles(): Profile[] {
    const { assetsDir, workerPath, jsHeapMb } = this.opts;
    const profiles: Profile[] = [];
    const deno = this.opts.denoPath === "" ? undefined : (this.opts.denoPath ?? findDeno());
    const v8 = `--v8-flags=--max-old-space-size=${jsHeapMb},--disallow-code-generation-from-strings`;
    const denoArgs = (cacheDir: string) => ({
      args: ["run", "--no-prompt", "--no-config", "--no-lock", "--no-remote", "--no-npm", "--no-code-cache", `--allow-read=${assetsDir},${workerPath}`, v8, workerPath, this.config()],
      env: withPlatformEnv({ DENO_DIR: cacheDir, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" }),
    });
    if (deno) {
      const bwrap = process.platform === "linux" && this.opts.bwrapPath !== "" ? (this.opts.bwrapPath ?? findOnPath("bwrap")) : undefined;
      if (bwrap) {
        const inner = denoArgs("/tmp/deno");
        profiles.push({ name: "deno+bwrap", command: bwrap, args: [...bwrapArgs([deno, assetsDir, workerPath]), deno, ...inner.args], env: inner.env, namespaces: true });
      }
      const dir = join(tmpdir(), "stepwise-deno-cache");
      const plain = denoArgs(dir);
      profiles.push({ name: "deno", command: deno, args: plain.args, env: plain.env, namespaces: false });
    }
    const node = this.opts.nodePath;
    const nodeEnv = withPlatformEnv(process.versions.electron ? { ELECTRON_RUN_AS_NODE: "1" } : {});
    const heap = `--max-old-space-size=${jsHeapMb}`;
    const codegen = "--disallow-code-generation-from-strings";
    const major = Number(process.versions.node.split(".")[0]);
    const perm = major >= 23 ? "--permission" : "--experimental-permission";
    const reads = [`--allow-fs-read=${assetsDir}`, `--allow-fs-read=${workerPath}`];
    const tail = [...this.opts.execArgv, workerPath, this.config()];
    profiles.push({ name: "node", command: node, args: [codegen, perm, ...reads, heap, ...tail], env: nodeEnv, namespaces: false });
    profiles.push({ name: "node-no-permission-model", command: node, args: [codegen, heap, ...tail], env: nodeEnv, namespaces: false });
    profiles.push({ name: "none", command: node, args: tail, env: nodeEnv, namespaces: false });
    return profiles;
  }

  /** Starts the first worker, trying boundaries from strongest to weakest until one starts. */
  private async startFirst(): Promise<void> {
    const all = this.profiles();
    const strongest = process.platform === "linux" ? "deno+bwrap" : "deno";
    const profiles = this.opts.isolation === "strict" ? all.filter((p) => p.name === strongest) : all;
    let lastError = profiles.length ? "" : `${strongest} is not available (no Deno binary${process.platform === "linux" ? " or no bwrap" : ""})`;
    for (const profile of profiles) {
      const w = this.spawnWith(profile);
      try {
        await Promise.race([w.ready.then(() => undefined), helloOrExit(w, this.opts.startTimeoutMs)]);
        if (!w.hello) throw new Error("no hello");
      } catch (e) {
        lastError = `${(e as Error).message}${w.fatal ? `: ${w.fatal}` : w.stderrTail ? `: ${w.stderrTail.trim().split("\n").slice(-3).join(" | ")}` : ""}`;
        this.log("warn", `Python sandbox: the ${profile.name} boundary did not start (${lastError.slice(0, 500)}); trying the next one.`);
        this.kill(w);
        this.workers.delete(w);
        continue;
      }
      const report = this.isolationOf(profile, w.hello.layers);
      this.profile = profile;
      this.report = report;
      if (report.missing.length) {
        const msg = `Python sandbox runs WITHOUT: ${report.missing.join("; ")}. Model-written code has fewer barriers between it and this machine.`;
        if (this.opts.isolation === "strict") {
          this.kill(w);
          this.workers.delete(w);
          throw new SandboxStartError(`${msg} (isolation "strict" refuses to start)`);
        }
        this.log("warn", msg);
      }
      this.log("debug", `Python sandbox boundary: ${profile.name} (${w.hello.version}): ${profile.command} ${profile.args.slice(0, -1).join(" ")}`);
      try {
        await w.ready;
      } catch (e) {
        throw new SandboxStartError(`The Python sandbox worker failed to start: ${(e as Error).message}`);
      }
      return;
    }
    throw new SandboxStartError(`No Python sandbox worker could start (${lastError}).`);
  }

  private isolationOf(profile: Profile, layers: WorkerLayers): IsolationReport {
    const rssWatch = process.platform === "linux" || process.platform === "darwin";
    const namespaces = profile.namespaces && layers.pid <= 2;
    const missing: string[] = [];
    if (layers.runtime !== "deno") missing.push("Deno (the workers run on Node, whose permission model is not built to contain hostile code)");
    if (process.platform === "linux" && !namespaces) missing.push("bubblewrap namespaces (own network, PID and IPC namespaces, a read-only minimal file system)");
    if (!layers.permissionsDenied) missing.push(layers.runtime === "deno" ? "Deno's permission denial" : "the Node permission model");
    if (!layers.codegenBlocked) missing.push("code generation from strings is not disabled");
    if (!rssWatch) missing.push("the resident-memory watch (only the WebAssembly and V8 heap caps hold)");
    return { profile: profile.name, flags: [profile.command, ...profile.args.slice(0, -1)], layers: { ...layers, namespaces, rssWatch }, missing };
  }

  // ---- workers ----

  /** Adds workers until the pool is full (and the pool is not failing to start). */
  private fillPool(): void {
    if (this.disposed || !this.profile) return;
    if (this.startFailures >= CRASH_LIMIT) {
      // Give a failing runtime another chance only when someone asks for a run.
      if (this.queue.length === 0) return;
      this.startFailures = CRASH_LIMIT - 1;
    }
    while (this.workers.size < this.opts.poolSize) this.spawnWith(this.profile).ready.catch(noop);
  }

  private spawnWith(profile: Profile): WorkerHandle {
    if (profile.name === "deno") mkdirSync(profile.env.DENO_DIR, { recursive: true });
    const proc = spawn(profile.command, profile.args, { env: profile.env, cwd: dirname(this.opts.workerPath), stdio: ["pipe", "pipe", "pipe"], windowsHide: true });
    let resolveReady!: () => void;
    let rejectReady!: (e: Error) => void;
    const ready = new Promise<void>((res, rej) => {
      resolveReady = res;
      rejectReady = rej;
    });
    ready.catch(noop);
    const w: WorkerHandle = { proc, state: "starting", startedAt: performance.now(), dispatchedAt: 0, stderrTail: "", ready, resolveReady };
    this.workers.add(w);
    this.ensureRssWatch();
    const startTimer = setTimeout(() => {
      if (w.state === "starting") {
        this.log("warn", `Python sandbox: a worker did not start within ${this.opts.startTimeoutMs} ms; killing it.`);
        this.kill(w);
      }
    }, this.opts.startTimeoutMs);
    startTimer.unref();
    const reader = new FrameReader(
      maxFrameBytes(this.opts.maxOutputChars),
      (body) => this.onFrame(w, body),
      (why) => this.reject(w, `the worker sent ${why}`),
    );
    proc.stdout!.on("data", (chunk: Buffer) => reader.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
    proc.stderr!.setEncoding("utf8");
    proc.stderr!.on("data", (chunk: string) => {
      w.stderrTail = (w.stderrTail + chunk).slice(-4000);
      if (w.state === "starting") for (const line of chunk.split("\n")) if (line.trim() && !/ExperimentalWarning|--trace-warnings/.test(line)) this.log("debug", `sandbox worker: ${line.slice(0, 500)}`);
    });
    proc.stdin!.on("error", noop);
    proc.on("error", (e) => {
      w.fatal = w.fatal ?? e.message;
      this.log("debug", `sandbox worker process error: ${e.message}`);
    });
    proc.on("exit", (code, signal) => {
      clearTimeout(startTimer);
      reader.fail();
      const wasStarting = w.state === "starting";
      w.state = "dead";
      this.workers.delete(w);
      if (w.timer) clearTimeout(w.timer);
      if (w.job) {
        const job = w.job;
        w.job = undefined;
        this.finish(
          job,
          w.killedFor ?? { status: "crashed", stdout: "", stderr: "", error: `The sandbox worker exited unexpectedly (${signal ?? `code ${code}`}).`, durationMs: performance.now() - w.dispatchedAt },
        );
      }
      if (wasStarting) {
        this.startFailures++;
        this.lastStartError = w.fatal ?? (w.stderrTail.trim().split("\n").slice(-3).join(" | ") || `exit ${signal ?? code}`);
        rejectReady(new SandboxStartError(`A Python sandbox worker failed to start: ${this.lastStartError}`));
        if (this.startFailures >= CRASH_LIMIT && this.profile) {
          const err = `The Python sandbox could not start a worker ${CRASH_LIMIT} times in a row (${this.lastStartError}).`;
          this.log("error", err);
          if (this.workers.size === 0) for (const job of this.queue.splice(0)) this.finish(job, { status: "crashed", stdout: "", stderr: "", error: err, durationMs: 0 });
        }
      }
      if (!this.disposed && this.profile) this.fillPool();
    });
    return w;
  }

  /** Every frame from a worker is untrusted: anything out of place kills it. */
  private onFrame(w: WorkerHandle, body: Uint8Array): void {
    if (w.state === "dead") return;
    let msg: FromWorker;
    try {
      msg = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body)) as FromWorker;
    } catch {
      return this.reject(w, "the worker sent a frame that is not JSON");
    }
    if (!msg || typeof msg !== "object" || Array.isArray(msg)) return this.reject(w, "the worker sent a frame that is not an object");
    if (w.state === "starting") {
      if (msg.type === "hello" && !w.hello && isLayers(msg.layers) && typeof msg.version === "string") {
        w.hello = { type: "hello", layers: pickLayers(msg.layers), version: msg.version.slice(0, 100) };
        return;
      }
      if (msg.type === "log" && typeof msg.message === "string" && w.hello) {
        this.log(msg.level === "warn" ? "warn" : "debug", msg.message.slice(0, 2000));
        return;
      }
      if (msg.type === "fatal" && typeof msg.message === "string") {
        w.fatal = msg.message.split("\n")[0].slice(0, 500);
        this.log("error", `Python sandbox worker failed: ${w.fatal}`);
        return;
      }
      if (msg.type === "ready" && w.hello) {
        w.state = "idle";
        this.startFailures = 0;
        const n = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? Math.round(v) : -1);
        this.log(
          "debug",
          `Python sandbox worker ready in ${Math.round(performance.now() - w.startedAt)} ms${msg.fromSnapshot === true ? " (from the start-up snapshot)" : ""}` +
            ` (boot ${n(msg.loadMs)} ms, unpack ${n(msg.unpackMs)} ms, sympy ${n(msg.sympyMs)} ms, warm-up ${n(msg.warmupMs)} ms)`,
        );
        w.resolveReady();
        this.pump();
        return;
      }
      return this.reject(w, `the worker sent an unexpected ${String((msg as { type?: unknown }).type).slice(0, 40)} frame while starting`);
    }
    if (w.state === "busy" && w.job && msg.type === "result" && msg.nonce === w.nonce) {
      const result = checkResult(msg, this.opts.maxOutputChars);
      if (!result) return this.reject(w, "the worker sent a malformed result");
      const job = w.job;
      if (w.timer) clearTimeout(w.timer);
      w.job = undefined;
      w.nonce = undefined;
      this.finish(job, result.result);
      if (result.recycle) {
        this.recycles++;
        this.log("debug", `Python sandbox: discarding a worker after a step that ${result.reasons.join("; ").slice(0, 300) || "changed the interpreter"}.`);
        this.kill(w);
        return;
      }
      w.state = "idle";
      this.pump();
      return;
    }
    return this.reject(w, "the worker sent an unexpected frame");
  }

  /** Kills a worker that broke the protocol; its run (if any) is `crashed`. */
  private reject(w: WorkerHandle, why: string): void {
    this.log("warn", `Python sandbox: ${why}; killing it.`);
    w.killedFor = { status: "crashed", stdout: "", stderr: "", error: `The sandbox worker was killed: ${why}.`, durationMs: performance.now() - w.dispatchedAt };
    this.kill(w);
  }

  /** Hands queued jobs to idle workers. */
  private pump(): void {
    for (const w of this.workers) {
      if (this.queue.length === 0) return;
      if (w.state !== "idle") continue;
      this.dispatch(w, this.queue.shift()!);
    }
  }

  private dispatch(w: WorkerHandle, job: Job): void {
    w.state = "busy";
    w.job = job;
    w.nonce = randomBytes(16).toString("hex");
    w.dispatchedAt = performance.now();
    const msg: ToWorker = { type: "run", nonce: w.nonce, code: job.code, maxOutputChars: this.opts.maxOutputChars };
    // The only time limit: the process is killed, whatever the step does to the interpreter.
    w.timer = setTimeout(() => {
      if (w.job !== job) return;
      w.killedFor = {
        status: "timeout",
        stdout: "",
        stderr: "",
        error: `TimeoutError: the step ran longer than ${job.timeoutMs} ms (worker killed)`,
        durationMs: performance.now() - w.dispatchedAt,
      };
      this.kill(w);
    }, job.timeoutMs + this.opts.killGraceMs);
    try {
      w.proc.stdin!.write(encodeFrame(msg));
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
        w.killedFor = killedResult(performance.now() - w.dispatchedAt, "the run was cancelled");
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
    if (w.timer) clearTimeout(w.timer);
    const pids = w.proc.pid ? descendants(w.proc.pid) : [];
    try {
      w.proc.kill("SIGKILL");
    } catch {
      // already gone
    }
    for (const pid of pids) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    if (w.state !== "dead" && w.state !== "starting") w.state = "dead";
    // The job resolves in the exit handler, with killedFor.
  }

  /** One timer for the pool: reads each worker's resident memory and kills any over the limit. */
  private ensureRssWatch(): void {
    if (this.rssTimer || (process.platform !== "linux" && process.platform !== "darwin")) return;
    const limitKb = this.opts.rssLimitMb * 1024;
    this.rssTimer = setInterval(() => {
      if (this.workers.size === 0) return;
      for (const w of this.workers) {
        if (w.state === "dead" || !w.proc.pid) continue;
        const kb = residentKb(w.proc.pid);
        if (kb > limitKb) {
          this.log("warn", `Python sandbox: a worker used ${Math.round(kb / 1024)} MB, over its ${this.opts.rssLimitMb} MB limit; killing it.`);
          w.killedFor = {
            status: "crashed",
            stdout: "",
            stderr: "",
            error: `MemoryError: the sandbox process used ${Math.round(kb / 1024)} MB, over its limit of ${this.opts.rssLimitMb} MB (killed)`,
            durationMs: performance.now() - w.dispatchedAt,
          };
          this.kill(w);
        }
      }
    }, RSS_POLL_MS);
    this.rssTimer.unref();
  }
}

// ---- helpers ----

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !(value > 0) || !Number.isFinite(value)) throw new SandboxInputError(`${name} must be a positive number (got ${value}).`);
  return value;
}

function killedResult(durationMs: number, why: string): ExecResult {
  return { status: "killed", stdout: "", stderr: "", error: `Killed: ${why}`, durationMs };
}

const SCALAR = /^[0-9A-Za-z_.+\-*/^(), \t]*$/;

/** The plain scalar subset the sandbox's parser accepts: no relations, sets, or top-level commas. */
function isPlainScalar(s: string): boolean {
  if (s.length === 0 || s.length > 2000 || !SCALAR.test(s)) return false;
  let depth = 0;
  for (const c of s) {
    if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "," && depth === 0) return false;
    if (depth < 0) return false;
  }
  return depth === 0;
}

function isLayers(v: unknown): v is WorkerLayers {
  const l = v as WorkerLayers;
  return !!l && typeof l === "object" && (l.runtime === "deno" || l.runtime === "node") && typeof l.codegenBlocked === "boolean" && typeof l.permissionsDenied === "boolean" && Number.isInteger(l.pid);
}

function pickLayers(l: WorkerLayers): WorkerLayers {
  return { runtime: l.runtime, codegenBlocked: l.codegenBlocked, permissionsDenied: l.permissionsDenied, pid: l.pid };
}

/** A result frame checked field by field; undefined when anything is off. */
function checkResult(msg: Record<string, unknown>, maxChars: number): { result: ExecResult; recycle: boolean; reasons: string[] } | undefined {
  const r = msg.result as Record<string, unknown> | undefined;
  if (!r || typeof r !== "object" || Array.isArray(r)) return undefined;
  if (r.status !== "ok" && r.status !== "error") return undefined;
  if (typeof r.stdout !== "string" || typeof r.stderr !== "string" || r.stdout.length > maxChars || r.stderr.length > maxChars) return undefined;
  if (r.error !== undefined && (typeof r.error !== "string" || r.error.length > 4000)) return undefined;
  if (typeof r.durationMs !== "number" || !Number.isFinite(r.durationMs) || r.durationMs < 0) return undefined;
  if (typeof msg.recycle !== "boolean" || !Array.isArray(msg.reasons) || msg.reasons.length > 8 || !msg.reasons.every((x) => typeof x === "string" && x.length <= 200)) return undefined;
  const result: ExecResult = { status: r.status, stdout: r.stdout, stderr: r.stderr, durationMs: r.durationMs };
  if (typeof r.error === "string") result.error = r.error.slice(0, 1000);
  return { result, recycle: msg.recycle, reasons: msg.reasons as string[] };
}

function helloOrExit(w: WorkerHandle, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    const poll = setInterval(() => w.hello && done(), 20);
    const onExit = (code: number | null, signal: string | null) => done(new Error(`the worker exited at once (${signal ?? `code ${code}`})`));
    function done(err?: Error) {
      clearTimeout(timer);
      clearInterval(poll);
      w.proc.off("exit", onExit);
      if (err) reject(err);
      else resolve();
    }
    w.proc.on("exit", onExit);
  });
}

function withPlatformEnv(env: Record<string, string>): Record<string, string> {
  // Windows processes need SystemRoot to start at all.
  if (process.platform === "win32" && process.env.SystemRoot) env.SystemRoot = process.env.SystemRoot;
  return env;
}

function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    for (const ext of process.platform === "win32" ? [".exe", ".cmd", ""] : [""]) {
      const p = join(dir, name + ext);
      if (existsSync(p)) return p;
    }
  }
  return undefined;
}

/** The Deno binary of the `deno` npm package (its platform package), else `deno` on PATH. */
export function findDeno(): string | undefined {
  const exe = process.platform === "win32" ? "deno.exe" : "deno";
  const libc = process.platform === "linux" ? "-glibc" : "";
  const candidates: string[] = [];
  for (let dir = __dirname, i = 0; i < 8; i++, dir = dirname(dir)) {
    candidates.push(join(dir, "node_modules", "@deno", `${process.platform}-${process.arch}${libc}`, exe));
    candidates.push(join(dir, "node_modules", "deno", exe));
    if (dirname(dir) === dir) break;
  }
  for (const c of candidates) if (existsSync(c)) return realpathSync(c);
  const onPath = findOnPath("deno");
  return onPath ? realpathSync(onPath) : undefined;
}

/** bubblewrap: no network, own PID/IPC/UTS namespaces, only the runtime, the assets and the worker readable. */
function bwrapArgs(readable: string[]): string[] {
  const args = ["--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL", "--ro-bind", "/usr", "/usr"];
  for (const top of ["/lib", "/lib64", "/bin", "/sbin", "/lib32", "/libx32"]) {
    try {
      const st = lstatSync(top);
      if (st.isSymbolicLink()) args.push("--symlink", readlinkSync(top), top);
      else if (st.isDirectory()) args.push("--ro-bind", top, top);
    } catch {
      // not on this system
    }
  }
  // bubblewrap applies these in order: the empty /tmp first, so assets that live under /tmp (a checkout there)
  // are bound on top of it instead of being hidden by it.
  args.push("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp");
  for (const p of readable) if (!p.startsWith("/usr/")) args.push("--ro-bind", p, p);
  args.push("--chdir", "/tmp");
  return args;
}

/** A process and all its descendants (Linux: /proc/<pid>/task/<tid>/children). */
function descendants(pid: number): number[] {
  if (process.platform !== "linux") return [];
  const out: number[] = [];
  const stack = [pid];
  while (stack.length && out.length < 64) {
    const p = stack.pop()!;
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${p}/task`);
    } catch {
      continue;
    }
    for (const t of tasks) {
      try {
        for (const c of readFileSync(`/proc/${p}/task/${t}/children`, "utf8").trim().split(/\s+/)) {
          if (c) {
            out.push(Number(c));
            stack.push(Number(c));
          }
        }
      } catch {
        // gone
      }
    }
  }
  return out;
}

/** Resident memory of a process tree in KiB (0 when unknown). */
function residentKb(pid: number): number {
  if (process.platform === "linux") {
    let total = 0;
    for (const p of [pid, ...descendants(pid)]) {
      try {
        const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"));
        if (m) total += Number(m[1]);
      } catch {
        // gone
      }
    }
    return total;
  }
  if (process.platform === "darwin") {
    try {
      return Number(execFileSync("ps", ["-o", "rss=", "-p", String(pid)], { encoding: "utf8", timeout: 1000 }).trim()) || 0;
    } catch {
      return 0;
    }
  }
  return 0;
}

/**
 * Runs Python files through one pool, one after another, as consecutive steps of a search would (so a
 * step's effect on the next one shows), for `stepwise sandbox A.py B.py …`. `onResult` gets each result
 * as it comes. Throws SandboxInputError when a file cannot be read (before anything runs).
 */
export async function runSandboxFiles(
  paths: string[],
  options: PyodideSandboxOptions & { timeoutMs?: number; signal?: AbortSignal; onResult?: (path: string, result: ExecResult) => void } = {},
): Promise<ExecResult[]> {
  const codes: string[] = [];
  for (const path of paths) {
    try {
      codes.push(await readFile(path, "utf8"));
    } catch (e) {
      throw new SandboxInputError(`Cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  const { signal, onResult, ...rest } = options;
  const sandbox = await PyodideSandbox.create({ ...rest, poolSize: 1 });
  try {
    const results: ExecResult[] = [];
    for (let i = 0; i < codes.length; i++) {
      const r = await sandbox.run(codes[i], { timeoutMs: options.timeoutMs, signal });
      results.push(r);
      onResult?.(paths[i], r);
    }
    return results;
  } finally {
    sandbox.dispose();
  }
}

/** One file, as `runSandboxFiles` runs it. */
export async function runSandboxFile(path: string, options: PyodideSandboxOptions & { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<ExecResult> {
  return (await runSandboxFiles([path], options))[0];
}
