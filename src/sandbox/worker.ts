// The sandbox worker process (built to dist/sandbox-worker.js, started by the pool with child_process.fork).
// It loads Pyodide from the offline assets folder, locks it down, and runs one snippet at a time.
//
// Hardening, in the order it is applied (see src/sandbox/README.md):
//   the process itself: an empty environment, `--disallow-code-generation-from-strings`, the Node
//     permission model (reads only the assets folder and this file), a JS heap cap — set by the parent;
//   C  before Pyodide loads: child_process, net, tls, http(s), dgram and process.binding/dlopen/kill
//      patched to refuse; fetch/WebSocket removed; the WebAssembly heap capped;
//   A  `jsglobals` empty, so `import js` sees nothing;
//   C' after loading: NODEFS removed, FS.mount limited to MEMFS, mountNodeFS/loadPackage refused;
//   B  in Python: an import blocker for js/pyodide/_pyodide*/ctypes, `os.system` returning an error,
//      and a restore step after each run.
// Timeouts: Python runs on this process's main thread, so a small watchdog thread writes Pyodide's
// interrupt buffer (a SharedArrayBuffer shared inside this process) when a run overstays; code that
// ignores the interrupt is killed by the parent. The watchdog also kills this process if the parent is gone.
import { isMainThread, parentPort, workerData, Worker } from "node:worker_threads";
import { BoundedText } from "./output";
import type { FromWorker, ToWorker, WorkerConfig, WorkerLayers } from "./protocol";
import { EQUIV_PY, RUNNER_PY } from "./python-sources";

interface WatchdogData {
  role: "watchdog";
  control: SharedArrayBuffer;
  interrupt: SharedArrayBuffer;
}

// Control words shared with the watchdog: [RUNNING] = id of the run in progress (0: none, -id: the
// watchdog claimed it), [WRITTEN] = id of the last run whose interrupt the watchdog has written.
const RUNNING = 0;
const WRITTEN = 1;

if (!isMainThread && (workerData as WatchdogData | undefined)?.role === "watchdog") {
  watchdogMain(workerData as WatchdogData);
} else if (isMainThread) {
  void workerMain();
}

function watchdogMain(data: WatchdogData): void {
  const control = new Int32Array(data.control);
  const interrupt = new Int32Array(data.interrupt);
  const timers = new Map<number, NodeJS.Timeout>();
  parentPort!.on("message", (msg: { id: number; timeoutMs: number; hardMs: number }) => {
    for (const t of timers.values()) clearTimeout(t);
    timers.clear();
    const soft = setTimeout(() => {
      // Claim the run first, so the main thread can tell a late interrupt from a fresh run.
      if (Atomics.compareExchange(control, RUNNING, msg.id, -msg.id) === msg.id) {
        Atomics.store(interrupt, 0, 2);
        Atomics.store(control, WRITTEN, msg.id);
        Atomics.notify(control, WRITTEN);
      }
    }, msg.timeoutMs);
    // Backstop if the parent could not kill us (it died): leave nothing running.
    const hard = setTimeout(() => {
      const cur = Atomics.load(control, RUNNING);
      if (cur === msg.id || cur === -msg.id) process.kill(process.pid, "SIGKILL");
    }, msg.hardMs);
    timers.set(1, soft);
    timers.set(2, hard);
  });
  const parentPid = process.ppid;
  setInterval(() => {
    if (process.ppid !== parentPid) process.kill(process.pid, "SIGKILL");
  }, 1000).unref();
}

/** Which isolation layers are really in force in this process. */
function probeLayers(): WorkerLayers {
  let codegenBlocked = false;
  try {
    // eslint-disable-next-line no-new-func
    new Function("return 1");
  } catch {
    codegenBlocked = true;
  }
  const perm = (process as unknown as { permission?: { has(scope: string, ref?: string): boolean } }).permission;
  let permissionModel = false;
  try {
    permissionModel = !!perm && !perm.has("fs.write") && !perm.has("child");
  } catch {
    permissionModel = false;
  }
  const envKeys = Object.keys(process.env).filter((k) => k !== "ELECTRON_RUN_AS_NODE");
  return { codegenBlocked, permissionModel, emptyEnv: envKeys.length === 0 };
}

function refuse(what: string): never {
  const err = new Error(`${what} is not available in the sandbox`) as Error & { code: string };
  err.code = "EACCES";
  throw err;
}

/** Layer C, first half: Node APIs that reach the host are replaced before Pyodide can capture them. */
function patchNodeBeforeLoad(): void {
  const cp = require("node:child_process") as Record<string, unknown>;
  // Emscripten's system() calls spawnSync and expects a result object; throwing there would kill the
  // interpreter, so the sync forms answer "command not found" (status 127) instead.
  const deniedSync = () => ({ pid: 0, status: 127, signal: null, output: [null, "", ""], stdout: "", stderr: "", error: new Error("denied") });
  for (const name of ["spawnSync", "execSync", "execFileSync"]) cp[name] = deniedSync;
  for (const name of ["spawn", "exec", "execFile", "fork"]) cp[name] = () => refuse(`child_process.${name}`);
  const net = require("node:net") as typeof import("node:net");
  net.Socket.prototype.connect = function () {
    refuse("network access");
  } as never;
  (net as Record<string, unknown>).connect = () => refuse("network access");
  (net as Record<string, unknown>).createConnection = () => refuse("network access");
  (net as Record<string, unknown>).createServer = () => refuse("network access");
  for (const mod of ["node:tls", "node:http", "node:https", "node:http2", "node:dgram"]) {
    const m = require(mod) as Record<string, unknown>;
    for (const fn of ["connect", "request", "get", "createServer", "createSocket", "createSecureContext"]) {
      if (typeof m[fn] === "function") m[fn] = () => refuse(`${mod.slice(5)}.${fn}`);
    }
  }
  const dns = require("node:dns") as Record<string, unknown>;
  for (const fn of Object.keys(dns)) if (typeof dns[fn] === "function" && /^(lookup|resolve|reverse)/.test(fn)) dns[fn] = () => refuse("dns");
  if (dns.promises) {
    const dp = dns.promises as Record<string, unknown>;
    for (const fn of Object.keys(dp)) if (typeof dp[fn] === "function" && /^(lookup|resolve|reverse)/.test(fn)) dp[fn] = () => refuse("dns");
  }
  const inspector = require("node:inspector") as Record<string, unknown>;
  inspector.open = () => refuse("the inspector");
  const g = globalThis as Record<string, unknown>;
  for (const name of ["fetch", "WebSocket", "XMLHttpRequest", "EventSource", "Request", "Response", "Headers"]) {
    try {
      delete g[name];
    } catch {
      g[name] = undefined;
    }
  }
  // Pyodide's NODEFS setup reads process.binding("constants"); the permission model forbids
  // process.binding, so answer that one request from the public constants and refuse the rest.
  const fs = require("node:fs") as typeof import("node:fs");
  const os = require("node:os") as typeof import("node:os");
  const proc = process as unknown as Record<string, unknown>;
  proc.binding = (name: string) => {
    if (name === "constants") return { fs: fs.constants, os: os.constants };
    refuse(`process.binding(${JSON.stringify(name)})`);
  };
  proc._linkedBinding = () => refuse("process._linkedBinding");
  proc.dlopen = () => refuse("native addons");
}

/** Caps the WebAssembly heap: growth beyond the cap fails, which Python reports as MemoryError. */
function capWasmMemory(maxBytes: number): void {
  const proto = WebAssembly.Memory.prototype;
  const grow = proto.grow;
  proto.grow = function (this: WebAssembly.Memory, delta: number): number {
    if (this.buffer.byteLength + delta * 65536 > maxBytes) throw new RangeError("WebAssembly memory cap reached");
    return grow.call(this, delta);
  };
}

/** Unpacks a zip (stored or deflated entries) into Pyodide's in-memory FS. Faster than unpackArchive. */
function unzipInto(fsApi: PyFS, buf: Buffer, base: string): void {
  const zlib = require("node:zlib") as typeof import("node:zlib");
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error("python-packages.zip is not a zip file");
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const made = new Set<string>();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error("python-packages.zip: bad central directory");
    const method = buf.readUInt16LE(p + 10);
    const csize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const offset = buf.readUInt32LE(p + 42);
    const name = buf.toString("utf8", p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith("/")) continue;
    if (name.startsWith("/") || name.split("/").includes("..")) throw new Error(`python-packages.zip: unsafe path ${name}`);
    const start = offset + 30 + buf.readUInt16LE(offset + 26) + buf.readUInt16LE(offset + 28);
    const raw = buf.subarray(start, start + csize);
    let data: Uint8Array;
    if (method === 0) data = raw;
    else if (method === 8) data = zlib.inflateRawSync(raw);
    else throw new Error(`python-packages.zip: unsupported compression ${method} for ${name}`);
    const full = `${base}/${name}`;
    const dir = full.slice(0, full.lastIndexOf("/"));
    if (!made.has(dir)) {
      fsApi.mkdirTree(dir);
      made.add(dir);
    }
    fsApi.writeFile(full, data);
  }
}

interface PyFS {
  mkdirTree(path: string): void;
  writeFile(path: string, data: Uint8Array | string): void;
  mount: (...args: unknown[]) => unknown;
  filesystems: Record<string, unknown>;
}

interface PyProxyFn {
  (code: string): string;
}

interface PyodideApi {
  FS: PyFS;
  globals: { get(name: string): unknown };
  runPython(code: string): unknown;
  setStdout(opts: { write(buf: Uint8Array): number; isatty?: boolean }): void;
  setStderr(opts: { write(buf: Uint8Array): number; isatty?: boolean }): void;
  setStdin(opts: { stdin(): undefined; isatty?: boolean }): void;
  setInterruptBuffer(buf: Int32Array): void;
  [key: string]: unknown;
}

async function workerMain(): Promise<void> {
  const send = process.send!.bind(process);
  const post = (msg: FromWorker) => send(msg);
  const t0 = performance.now();
  let config: WorkerConfig;
  try {
    config = JSON.parse(process.argv[2] ?? "") as WorkerConfig;
  } catch {
    post({ type: "fatal", message: "sandbox worker started without its configuration" });
    process.exit(2);
  }
  post({ type: "hello", layers: probeLayers(), node: process.version });
  process.on("disconnect", () => process.exit(0));

  try {
    // The watchdog is started before Worker is disabled below.
    const control = new SharedArrayBuffer(8);
    const interrupt = new SharedArrayBuffer(4);
    const controlView = new Int32Array(control);
    const interruptView = new Int32Array(interrupt);
    const watchdog = new Worker(__filename, { workerData: { role: "watchdog", control, interrupt } satisfies WatchdogData });
    watchdog.unref();
    watchdog.on("error", () => process.exit(3));

    patchNodeBeforeLoad();
    capWasmMemory(config.wasmMemoryMb * 1024 * 1024);
    const wt = require("node:worker_threads") as Record<string, unknown>;
    wt.Worker = function () {
      refuse("worker_threads");
    };

    const { readFileSync } = require("node:fs") as typeof import("node:fs");
    const { join } = require("node:path") as typeof import("node:path");
    const { pathToFileURL } = require("node:url") as typeof import("node:url");
    const zipBuf = readFileSync(join(config.assetsDir, "python-packages.zip"));
    const mod = (await import(pathToFileURL(join(config.assetsDir, "pyodide.mjs")).href)) as {
      loadPyodide(opts: Record<string, unknown>): Promise<PyodideApi>;
    };
    const indexURL = config.assetsDir.endsWith("/") ? config.assetsDir : config.assetsDir + "/";
    // Layer A: no JS globals. The same options made the start-up snapshot (scripts/build-python-assets.mjs).
    const bootOptions = () => ({
      indexURL,
      jsglobals: Object.create(null),
      env: { HOME: "/home/pyodide" },
      stdout: () => undefined,
      stderr: () => undefined,
      checkAPIVersion: true,
    });
    let py: PyodideApi | undefined;
    let fromSnapshot = false;
    const snapshot = readSnapshot(join(config.assetsDir, "pyodide-snapshot.bin.gz"));
    if (snapshot) {
      try {
        py = await mod.loadPyodide({ ...bootOptions(), _loadSnapshot: snapshot });
        fromSnapshot = true;
      } catch (e) {
        post({ type: "log", level: "warn", message: `Python sandbox: the start-up snapshot did not restore (${String((e as Error)?.message ?? e).split("\n")[0]}); booting normally.` });
      }
    }
    if (!py) py = await mod.loadPyodide(bootOptions());
    const tLoad = performance.now();
    const cLoad = process.cpuUsage();
    unzipInto(py.FS, zipBuf, "/lib/python3.14/site-packages");
    py.FS.writeFile("/lib/python3.14/site-packages/_stepwise_equiv.py", EQUIV_PY);
    const tUnpack = performance.now();
    const cUnpack = process.cpuUsage();
    if (config.preloadSympy) py.runPython("import sympy");
    const tSympy = performance.now();
    const cSympy = process.cpuUsage();
    // Modules most steps use, imported once so the first step does not pay for them.
    py.runPython("import math, fractions, itertools, functools, decimal, collections, re, json, random, statistics");
    py.runPython(RUNNER_PY);
    const runFn = py.globals.get("_stepwise_run") as PyProxyFn;
    py.runPython("del _stepwise_run");

    // Layer C, second half: the Emscripten FS can only mount in-memory file systems.
    const fsApi = py.FS;
    const memfs = fsApi.filesystems.MEMFS;
    const mount = fsApi.mount.bind(fsApi);
    fsApi.mount = (type: unknown, opts: unknown, mountpoint: unknown) => {
      if (type !== memfs) refuse("mounting a host file system");
      return mount(type, opts, mountpoint);
    };
    for (const name of Object.keys(fsApi.filesystems)) if (name !== "MEMFS") delete fsApi.filesystems[name];
    const module = (py as Record<string, unknown>)._module as Record<string, unknown> | undefined;
    if (module) for (const name of ["NODEFS", "NODERAWFS", "PROXYFS", "WORKERFS", "IDBFS"]) delete module[name];
    // input() sees end-of-file rather than whatever the process's stdin is.
    py.setStdin({ stdin: () => undefined, isatty: false });
    for (const name of ["mountNodeFS", "mountNativeFS", "loadPackage", "loadPackagesFromImports", "registerJsModule", "setStdin"]) {
      (py as Record<string, unknown>)[name] = () => refuse(`pyodide.${name}`);
    }
    delete (globalThis as Record<string, unknown>).require;
    const proc = process as unknown as Record<string, unknown>;
    proc.kill = () => refuse("process.kill");
    proc.chdir = () => refuse("process.chdir");
    if (typeof proc.getBuiltinModule === "function") proc.getBuiltinModule = () => refuse("process.getBuiltinModule");

    // Per-run capture; the handlers write into whichever run is current.
    let out: BoundedText | undefined;
    let err: BoundedText | undefined;
    py.setStdout({ write: (b) => (out?.writeBytes(b), b.length), isatty: false });
    py.setStderr({ write: (b) => (err?.writeBytes(b), b.length), isatty: false });
    py.setInterruptBuffer(interruptView);

    let runCounter = 0;
    const tReady = performance.now();
    post({
      type: "ready",
      loadMs: tLoad - t0,
      unpackMs: tUnpack - tLoad,
      sympyMs: tSympy - tUnpack,
      totalMs: tReady - t0,
      fromSnapshot,
      cpuMs: cpuMsOf(process.cpuUsage()),
      cpuPhasesMs: { load: cpuMsOf(cLoad), unpack: cpuMsOf(cUnpack) - cpuMsOf(cLoad), sympy: cpuMsOf(cSympy) - cpuMsOf(cUnpack) },
    });

    process.on("message", (raw: unknown) => {
      const msg = raw as ToWorker;
      if (!msg || msg.type !== "run" || typeof msg.code !== "string") return;
      const id = (runCounter = (runCounter % 1_000_000_000) + 1);
      out = new BoundedText(msg.maxOutputChars);
      err = new BoundedText(msg.maxOutputChars);
      Atomics.store(interruptView, 0, 0);
      Atomics.store(controlView, RUNNING, id);
      watchdog.postMessage({ id, timeoutMs: msg.timeoutMs, hardMs: msg.timeoutMs * 3 + 2000 });
      const start = performance.now();
      let outcome: string;
      try {
        outcome = runFn(msg.code);
      } catch (e) {
        // An exception at the JS level means the interpreter itself failed (fatal error, stack overflow
        // in wasm): report it and exit; the pool starts a fresh worker.
        post({
          type: "result",
          id: msg.id,
          result: {
            status: "crashed",
            stdout: out.finish(),
            stderr: err.finish(),
            error: `Interpreter crashed: ${String((e as Error)?.message ?? e).split("\n")[0]}`,
            durationMs: performance.now() - start,
          },
        });
        process.exit(4);
      }
      const durationMs = performance.now() - start;
      const fired = Atomics.compareExchange(controlView, RUNNING, id, 0) !== id;
      if (fired) {
        // The watchdog claimed this run; wait for its (imminent) write, then clear it for the next run.
        while (Atomics.load(controlView, WRITTEN) !== id) Atomics.wait(controlView, WRITTEN, Atomics.load(controlView, WRITTEN), 5);
        Atomics.store(interruptView, 0, 0);
        Atomics.store(controlView, RUNNING, 0);
      }
      const [status, detail] = splitOutcome(outcome);
      const timedOut = fired;
      post({
        type: "result",
        id: msg.id,
        result: {
          status: timedOut ? "timeout" : status === "ok" ? "ok" : "error",
          stdout: out.finish(),
          stderr: err.finish(),
          error: timedOut ? `TimeoutError: the step ran longer than ${msg.timeoutMs} ms` : detail,
          durationMs,
        },
      });
      out = err = undefined;
    });
  } catch (e) {
    post({ type: "fatal", message: String((e as Error)?.stack ?? e) });
    process.exit(5);
  }
}

function cpuMsOf(u: NodeJS.CpuUsage): number {
  return (u.user + u.system) / 1000;
}

/** The gzipped start-up snapshot, or undefined when the assets have none. */
function readSnapshot(path: string): Uint8Array | undefined {
  const { readFileSync } = require("node:fs") as typeof import("node:fs");
  const { gunzipSync } = require("node:zlib") as typeof import("node:zlib");
  let gz: Buffer;
  try {
    gz = readFileSync(path);
  } catch {
    return undefined;
  }
  return gunzipSync(gz);
}

function splitOutcome(outcome: unknown): [string, string | undefined] {
  const s = typeof outcome === "string" ? outcome : "error\nthe runner returned nothing";
  const nl = s.indexOf("\n");
  return nl < 0 ? [s, undefined] : [s.slice(0, nl), s.slice(nl + 1)];
}
