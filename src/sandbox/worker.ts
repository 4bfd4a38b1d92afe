// The sandbox worker (built to dist/sandbox-worker.mjs). The pool starts it under Deno with every
// permission denied except reading the assets folder and this file (inside bubblewrap on Linux), or, as
// a loudly logged fallback, under Node with its permission model. It loads Pyodide from the offline
// assets, locks it down, warms it up, records what a clean interpreter looks like, and then runs one step
// per frame from stdin, answering one frame on stdout. It has no timers and no threads: the parent
// enforces every time limit by killing the process, and watches its memory from outside.
//
// Layers applied here (see src/sandbox/README.md):
//   A  `jsglobals` empty, so `import js` sees nothing;
//   C  before Pyodide loads: child_process answers "not found" (Emscripten's system() would otherwise
//      abort the interpreter on Deno's denial); the WebAssembly heap capped; Worker removed;
//   C' after loading: only MEMFS can be mounted, mountNodeFS/loadPackage & co. refuse;
//   B  in Python (python/runner.py): an import blocker, os.system returning an error, an audit hook and
//      the per-run cleanliness check that tells the parent to discard the process.
import { constants as fsConstants, readFileSync, writeSync } from "node:fs";
import childProcess from "node:child_process";
import { gunzipSync } from "node:zlib";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { BoundedText } from "./output";
import type { FromWorker, ToWorker, WorkerConfig, WorkerLayers } from "./protocol";
import { encodeFrame, FrameReader } from "./protocol";
import RUNNER_PY from "./python/runner.py";
import EQUIV_PY from "./python/equiv.py";
import WARMUP_PY from "./python/warmup.py";
import { PACKAGES_ZIP, WARMUP_FILE, warmUpSnippet } from "./boot.cjs";

interface DenoLike {
  pid: number;
  version: { deno: string };
  args: string[];
  permissions: { querySync(desc: { name: string; path?: string }): { state: string } };
  stdin: { read(buf: Uint8Array): Promise<number | null> };
  stdout: { writeSync(buf: Uint8Array): number };
  exit(code: number): never;
}

const deno = (globalThis as { Deno?: DenoLike }).Deno;

function post(msg: FromWorker): void {
  const frame = encodeFrame(msg);
  let off = 0;
  while (off < frame.length) off += deno ? deno.stdout.writeSync(frame.subarray(off)) : writeSync(1, frame, off);
}

function exit(code: number): never {
  if (deno) deno.exit(code);
  process.exit(code);
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
  let permissionsDenied = false;
  if (deno) {
    try {
      const q = (name: string, path?: string) => deno.permissions.querySync(path ? { name, path } : { name }).state;
      permissionsDenied = ["env", "net", "write", "run", "ffi", "sys"].every((n) => q(n) !== "granted") && q("read", "/") !== "granted";
    } catch {
      permissionsDenied = false;
    }
  } else {
    const perm = (process as unknown as { permission?: { has(scope: string, ref?: string): boolean } }).permission;
    try {
      permissionsDenied = !!perm && !perm.has("fs.write") && !perm.has("child") && !perm.has("worker") && !perm.has("fs.read", "/");
    } catch {
      permissionsDenied = false;
    }
  }
  return { runtime: deno ? "deno" : "node", codegenBlocked, permissionsDenied, pid: deno ? deno.pid : process.pid };
}

function refuse(what: string): never {
  const err = new Error(`${what} is not available in the sandbox`) as Error & { code: string };
  err.code = "EACCES";
  throw err;
}

/** Before Pyodide loads: what it could reach that the runtime's own denial would turn into a crash. */
function patchBeforeLoad(): void {
  // Emscripten's system() calls spawnSync and expects a result object; a denial that throws there aborts
  // the interpreter, so the sync forms answer "command not found" (status 127) and nothing runs.
  const cp = childProcess as unknown as Record<string, unknown>;
  const deniedSync = () => ({ pid: 0, status: 127, signal: null, output: [null, "", ""], stdout: "", stderr: "", error: new Error("denied") });
  for (const name of ["spawnSync", "execSync", "execFileSync"]) cp[name] = deniedSync;
  for (const name of ["spawn", "exec", "execFile", "fork"]) cp[name] = () => refuse(`child_process.${name}`);
  const g = globalThis as Record<string, unknown>;
  for (const name of ["fetch", "WebSocket", "XMLHttpRequest", "EventSource", "Worker", "SharedWorker", "BroadcastChannel"]) {
    try {
      delete g[name];
    } catch {
      g[name] = undefined;
    }
  }
  if (!deno) {
    // Node's permission model forbids process.binding, which Pyodide's NODEFS set-up reads once.
    const proc = process as unknown as Record<string, unknown>;
    proc.binding = (name: string) => (name === "constants" ? { fs: fsConstants, os: {} } : refuse(`process.binding(${JSON.stringify(name)})`));
    proc.dlopen = () => refuse("native addons");
  }
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

interface PyFS {
  mkdirTree(path: string): void;
  writeFile(path: string, data: Uint8Array | string): void;
  unlink(path: string): void;
  mount: (...args: unknown[]) => unknown;
  filesystems: Record<string, unknown>;
}

interface PyProxy {
  (...args: unknown[]): unknown;
  get(i: number): PyProxy;
  destroy?(): void;
}

interface PyodideApi {
  FS: PyFS;
  globals: { get(name: string): unknown };
  runPython(code: string): unknown;
  setStdout(opts: { write(buf: Uint8Array): number; isatty?: boolean }): void;
  setStderr(opts: { write(buf: Uint8Array): number; isatty?: boolean }): void;
  setStdin(opts: { stdin(): undefined; isatty?: boolean }): void;
  [key: string]: unknown;
}

/** Reads frames from stdin and hands each to `onFrame`, one at a time. */
function readFrames(onFrame: (msg: ToWorker) => void): void {
  const reader = new FrameReader(
    64 * 1024 * 1024,
    (body) => {
      let msg: ToWorker;
      try {
        msg = JSON.parse(new TextDecoder().decode(body)) as ToWorker;
      } catch {
        exit(6);
      }
      onFrame(msg);
    },
    () => exit(6),
  );
  if (deno) {
    const buf = new Uint8Array(1 << 16);
    void (async () => {
      for (;;) {
        const n = await deno.stdin.read(buf);
        if (n === null) exit(0);
        reader.push(buf.slice(0, n));
      }
    })();
  } else {
    process.stdin.on("data", (chunk: Buffer) => reader.push(new Uint8Array(chunk)));
    process.stdin.on("end", () => exit(0));
  }
}

async function main(): Promise<void> {
  const t0 = performance.now();
  let config: WorkerConfig;
  try {
    const args = deno ? deno.args : process.argv.slice(2);
    config = JSON.parse(args[args.length - 1] ?? "") as WorkerConfig;
  } catch {
    post({ type: "fatal", message: "sandbox worker started without its configuration" });
    exit(2);
  }
  post({ type: "hello", layers: probeLayers(), version: deno ? `deno ${deno.version.deno}` : `node ${process.version}` });

  try {
    patchBeforeLoad();
    capWasmMemory(config.wasmMemoryMb * 1024 * 1024);
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
      const restoreGrowth = growMemoryForSnapshot(snapshot.length);
      try {
        py = await mod.loadPyodide({ ...bootOptions(), _loadSnapshot: snapshot });
        fromSnapshot = true;
      } catch (e) {
        post({ type: "log", level: "warn", message: `Python sandbox: the start-up snapshot did not restore (${String((e as Error)?.message ?? e).split("\n")[0]}); booting normally.` });
      } finally {
        restoreGrowth();
      }
    }
    if (!py) py = await mod.loadPyodide(bootOptions());
    const tLoad = performance.now();
    py.FS.writeFile(PACKAGES_ZIP, zipBuf);
    py.FS.writeFile("/lib/python3.14/site-packages/_stepwise_equiv.py", EQUIV_PY);
    const tUnpack = performance.now();
    // The snapshot already holds the warmed-up modules; a normal boot does the warm-up now.
    if (!fromSnapshot) {
      py.FS.writeFile(WARMUP_FILE, WARMUP_PY);
      py.runPython(warmUpSnippet(config.preloadSympy));
      py.FS.unlink(WARMUP_FILE);
    }
    const tSympy = performance.now();

    // Layer C': the Emscripten FS can only mount in-memory file systems.
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
    // input() sees end-of-file rather than whatever the process's stdin is (the frames).
    py.setStdin({ stdin: () => undefined, isatty: false });
    for (const name of ["mountNodeFS", "mountNativeFS", "loadPackage", "loadPackagesFromImports", "registerJsModule", "setStdin", "setInterruptBuffer"]) {
      (py as Record<string, unknown>)[name] = () => refuse(`pyodide.${name}`);
    }

    // Per-run capture; the handlers write into whichever run is current.
    let out: BoundedText | undefined;
    let err: BoundedText | undefined;
    py.setStdout({ write: (b) => (out?.writeBytes(b), b.length), isatty: false });
    py.setStderr({ write: (b) => (err?.writeBytes(b), b.length), isatty: false });

    // Set by Python (audit hook, cleanliness check); only ever set, never cleared: once dirty, the
    // process answers its current run and is discarded.
    const reasons: string[] = [];
    const markDirty = (reason: unknown) => {
      if (reasons.length < 8) reasons.push(String(reason).slice(0, 200));
    };
    py.runPython(RUNNER_PY);
    const setup = py.globals.get("setup") as PyProxy;
    const pair = setup(markDirty) as PyProxy;
    const runFn = pair.get(0);
    const takeBaseline = pair.get(1);
    const checkModules = pair.get(2);
    const watchTargets = pair.get(3);
    py.runPython("del setup");
    const tWarm0 = performance.now();
    out = new BoundedText(1024);
    err = new BoundedText(1024);
    // symbolicEqual's module, then the runner's own paths once (a step that prints): the module is
    // imported only when sympy is loaded; otherwise its first use imports sympy and discards that worker
    // afterwards, like any step importing a new module.
    const sympyLoaded = py.runPython("'sympy' in __import__('sys').modules") === true;
    for (const code of [...(sympyLoaded ? ['from _stepwise_equiv import check\ncheck("sqrt(8)", "2*sqrt(2)")\nprint(1)'] : []), "import math\nprint(math.pi)"]) {
      const warm = runFn(code) as string;
      if (warm !== "ok") post({ type: "log", level: "warn", message: `Python sandbox: the warm-up failed (${String(warm).slice(0, 300)}; ${err.finish().slice(0, 300)})` });
    }
    takeBaseline();
    const api = watcherApi(py);
    const watch = watchModuleDicts(api, watchTargets);
    if (!watchFunctions(api, markDirty)) post({ type: "log", level: "warn", message: "Python sandbox: no function watcher in this runtime; a step that replaces a library function's defaults is not detected." });
    reasons.length = 0;
    out = err = undefined;
    const tReady = performance.now();
    post({
      type: "ready",
      loadMs: tLoad - t0,
      unpackMs: tUnpack - tLoad,
      sympyMs: tSympy - tUnpack,
      warmupMs: tReady - tWarm0,
      totalMs: tReady - t0,
      fromSnapshot,
    });

    readFrames((msg) => {
      if (!msg || msg.type !== "run" || typeof msg.code !== "string" || typeof msg.nonce !== "string") exit(6);
      const limit = Math.max(16, Math.min(1 << 20, Number(msg.maxOutputChars) || 1024));
      out = new BoundedText(limit);
      err = new BoundedText(limit);
      const start = performance.now();
      let outcome: unknown;
      try {
        outcome = runFn(msg.code);
      } catch (e) {
        // An exception at the JS level means the interpreter itself failed (fatal error, stack overflow
        // in wasm): the process is not reused.
        outcome = `error\nInterpreter crashed: ${String((e as Error)?.message ?? e).split("\n")[0]}`;
        markDirty("the interpreter crashed");
      }
      if (!watch.active || watch.takeWrites()) {
        try {
          checkModules();
        } catch {
          markDirty("the module check failed");
        }
      }
      const durationMs = performance.now() - start;
      const [status, detail] = splitOutcome(outcome);
      // A null-prototype object of primitives: nothing a step does to prototypes can change how it serialises.
      const result = Object.create(null) as Record<string, unknown>;
      result.status = status === "ok" ? "ok" : "error";
      result.stdout = out.finish();
      result.stderr = err.finish();
      if (detail !== undefined) result.error = detail;
      result.durationMs = durationMs;
      const frame = Object.create(null) as Record<string, unknown>;
      frame.type = "result";
      frame.nonce = msg.nonce;
      frame.result = result;
      frame.recycle = reasons.length > 0;
      frame.reasons = reasons.slice();
      post(frame as unknown as FromWorker);
      out = err = undefined;
      if (reasons.length > 0) exit(0);
    });
  } catch (e) {
    post({ type: "fatal", message: String((e as Error)?.stack ?? e) });
    exit(5);
  }
}

/** The CPython C API entry points the watchers need, as Pyodide's module exports them (absent elsewhere). */
interface WatcherApi {
  addFunction(fn: (...args: number[]) => number, signature: string): number;
  addDictWatcher(callback: number): number;
  watchDict(watcher: number, dict: number): number;
  addFunctionWatcher?(callback: number): number;
  clearError(): void;
}

function watcherApi(py: PyodideApi): WatcherApi | undefined {
  const m = (py as Record<string, unknown>)._module as Record<string, ((...args: never[]) => number) | undefined> | undefined;
  if (!m?.addFunction || !m._PyDict_AddWatcher || !m._PyDict_Watch || !m._PyErr_Clear) return undefined;
  return {
    addFunction: m.addFunction as WatcherApi["addFunction"],
    addDictWatcher: m._PyDict_AddWatcher as WatcherApi["addDictWatcher"],
    watchDict: m._PyDict_Watch as WatcherApi["watchDict"],
    addFunctionWatcher: m._PyFunction_AddWatcher as WatcherApi["addFunctionWatcher"],
    clearError: m._PyErr_Clear as () => void,
  };
}

interface DictWatch {
  /** False where the runtime offers no dict watcher: then every run checks every module. */
  active: boolean;
  /** Whether any watched dict was written since the last call (and forgets it). */
  takeWrites(): boolean;
}

/**
 * Watches every module's __dict__ and sys.modules with CPython's dict watchers (PyDict_AddWatcher, called
 * from C on any write, whatever code wrote it), so a run that wrote none of them can skip comparing tens of
 * thousands of module attributes. The callback only sets a flag in this JavaScript, out of the step's reach.
 * Any write, even one that leaves the same value, sends the run through the full comparison.
 */
function watchModuleDicts(api: WatcherApi | undefined, watchTargets: PyProxy): DictWatch {
  const none: DictWatch = { active: false, takeWrites: () => true };
  if (!api) return none;
  let writes = false;
  let id: number;
  try {
    id = api.addDictWatcher(api.addFunction(() => ((writes = true), 0), "iiiii"));
  } catch {
    return none;
  }
  if (id < 0) {
    api.clearError();
    return none;
  }
  const targets = (watchTargets() as PyProxy & { toJs(): number[] }).toJs();
  for (const address of targets) {
    if (typeof address !== "number" || api.watchDict(id, address) !== 0) {
      api.clearError();
      return none;
    }
  }
  writes = false;
  return {
    active: targets.length > 0,
    takeWrites: () => {
      const w = writes;
      writes = false;
      return w;
    },
  };
}

/** PyFunction_WatchEvent: CREATE 0, DESTROY 1, MODIFY_CODE 2, MODIFY_DEFAULTS 3, MODIFY_KWDEFAULTS 4. */
const FUNCTION_EVENT_MODIFY_CODE = 2;

/**
 * A function watcher sees every function in the interpreter: a step that replaces the code, defaults or
 * keyword defaults of any function (sympy's, reached through its class, included) leaves the worker dirty.
 * Creating or destroying a function is ignored. Returns whether the watcher is in place.
 */
function watchFunctions(api: WatcherApi | undefined, markDirty: (reason: string) => void): boolean {
  if (!api?.addFunctionWatcher) return false;
  try {
    const onEvent = (event: number) => {
      if (event >= FUNCTION_EVENT_MODIFY_CODE) markDirty("a function's code or defaults changed");
      return 0;
    };
    if (api.addFunctionWatcher(api.addFunction(onEvent, "iiii")) >= 0) return true;
  } catch {
    return false;
  }
  api.clearError();
  return false;
}

/**
 * Pyodide copies a snapshot into the memory its module starts with, which is smaller than a snapshot taken
 * after sympy was imported. This grows the freshly instantiated module's memory to the snapshot's size
 * before Pyodide makes its views of it (the wasm memory cap still applies); the returned function undoes
 * the hook, which is only in place while Pyodide loads.
 */
function growMemoryForSnapshot(bytes: number): () => void {
  const wasm = WebAssembly as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const saved: [string, (...args: unknown[]) => Promise<unknown>][] = [];
  for (const name of ["instantiate", "instantiateStreaming"]) {
    const original = wasm[name];
    saved.push([name, original]);
    wasm[name] = async function (this: unknown, ...args: unknown[]) {
      const result = (await original.apply(this, args)) as { instance?: WebAssembly.Instance } & WebAssembly.Instance;
      const memory = (result.instance ?? result).exports?.memory;
      if (memory instanceof WebAssembly.Memory && memory.buffer.byteLength < bytes) {
        memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / 65536));
      }
      return result;
    };
  }
  return () => {
    for (const [name, original] of saved) wasm[name] = original;
  };
}

/** The gzipped start-up snapshot, or undefined when the assets have none. */
function readSnapshot(path: string): Uint8Array | undefined {
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

void main();
