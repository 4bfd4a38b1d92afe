// Escape attempts against the sandbox, each checked on the HOST: a canary file must not appear, a secret
// file's content and a secret environment variable of this process must not show up in any output, a
// local TCP server and a UDP socket must receive nothing, a sacrificial host process must survive, and
// the NEXT step in the same pool must print exactly what it would in a fresh interpreter.
// Many attempts first strip the Python-level blocks (import blocker, patched os.system), because those
// alone are known to be bypassable; what must hold is the process-level hardening underneath.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { createSocket, type Socket } from "node:dgram";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { ExecResult } from "../../src/engine/types";
import { PyodideSandbox } from "../../src/sandbox";
import { ensureSandboxAssets } from "./helpers";

const ENV_SECRET = `envsecret${randomBytes(8).toString("hex")}`;
const FILE_SECRET = `filesecret${randomBytes(8).toString("hex")}`;
process.env.STEPWISE_TEST_SECRET = ENV_SECRET;

let sb: PyodideSandbox;
let hostDir: string;
let canary: string;
let secretFile: string;
let server: Server;
let port = 0;
let connections = 0;
let udp: Socket;
let udpPort = 0;
let datagrams = 0;
let victim: ChildProcess;
const passwdFirstLine = readFileSync("/etc/passwd", "utf8").split("\n")[0];

before(async () => {
  ensureSandboxAssets();
  hostDir = mkdtempSync(join(tmpdir(), "stepwise-escape-"));
  canary = join(hostDir, "pwned");
  secretFile = join(hostDir, "secret.txt");
  writeFileSync(secretFile, FILE_SECRET);
  server = createServer((s) => {
    connections++;
    s.destroy();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as { port: number }).port;
  udp = createSocket("udp4", () => datagrams++);
  await new Promise<void>((r) => udp.bind(0, "127.0.0.1", r));
  udpPort = udp.address().port;
  victim = spawn("sleep", ["86400"], { stdio: "ignore" });
  // Most attempts make their worker unusable (it is discarded after them): two workers without sympy
  // keep the suite's wait for a replacement short.
  sb = await PyodideSandbox.create({ poolSize: 2, timeoutMs: 4000, preloadSympy: false, rssLimitMb: 1600 });
});

after(() => {
  sb?.dispose();
  server?.close();
  udp?.close();
  victim?.kill();
  if (hostDir) rmSync(hostDir, { recursive: true, force: true });
});

/** Code that strips the Python-level blocks, so the attempt after it meets only the process hardening. */
const STRIP = `
import sys, importlib
sys.meta_path[:] = [f for f in sys.meta_path if "Blocker" not in getattr(f, "__name__", type(f).__name__)]
importlib.invalidate_caches()
`;

function fill(code: string): string {
  return code
    .replaceAll("CANARY", JSON.stringify(canary))
    .replaceAll("SECRETFILE", JSON.stringify(secretFile))
    .replaceAll("HOSTDIR", JSON.stringify(hostDir))
    .replaceAll("UDPPORT", String(udpPort))
    .replaceAll("PORT", String(port))
    .replaceAll("VICTIM", String(victim.pid))
    .replaceAll("STRIP", STRIP);
}

/** The host-side checks every attempt must pass. */
function assertHostUntouched(r: ExecResult, what: string): void {
  const all = `${r.stdout}\n${r.stderr}\n${r.error ?? ""}`;
  assert.ok(!existsSync(canary), `${what}: the canary file was created on the host`);
  assert.deepEqual(readdirSync(hostDir).sort(), ["secret.txt"], `${what}: the host folder changed`);
  assert.ok(!all.includes(FILE_SECRET), `${what}: a host file's content leaked`);
  assert.ok(!all.includes(ENV_SECRET), `${what}: the parent's environment leaked`);
  assert.ok(!all.includes(passwdFirstLine), `${what}: the host's /etc/passwd leaked`);
  assert.equal(connections, 0, `${what}: the host's TCP server saw a connection`);
  assert.equal(datagrams, 0, `${what}: the host's UDP socket received a datagram`);
  assert.ok(victim.exitCode === null && victim.signalCode === null, `${what}: a host process was killed`);
  assert.ok(["ok", "error", "timeout", "crashed"].includes(r.status));
}

/** What the step after an attempt prints in a fresh interpreter; it must print exactly that. */
const FOLLOW_UP = [
  "import math, sys, builtins, json, decimal, random",
  "sys.stderr.write('e\\n')",
  "print(math.pi, 2 ** 10, len(str(10 ** 50)), sum(range(10)), json.dumps({'a': 1}), decimal.Decimal(1) / decimal.Decimal(3))",
  "try:",
  "    import js",
  "    print('js reachable')",
  "except ImportError:",
  "    print('blocked')",
  "print(type(sys.stdout).__name__, sys.gettrace(), sys.getprofile(), callable(print), 'planted' if hasattr(builtins, 'os_ok') else 'fresh')",
  "import os",
  "print(os.path.exists('/tmp/note.txt'), 'os_ok' in os.environ, sys.getrecursionlimit() > 100, len(str(10 ** 1000)))",
].join("\n");
const FOLLOW_UP_STDOUT =
  "3.141592653589793 1024 51 45 {\"a\": 1} 0.3333333333333333333333333333\nblocked\nTextIOWrapper None None True fresh\nFalse False True 1001\n";

async function assertNextStepExact(what: string): Promise<void> {
  const next = await sb.run(FOLLOW_UP, { timeoutMs: 30000 });
  assert.equal(next.status, "ok", `${what}: the next step failed: ${JSON.stringify(next)}`);
  assert.equal(next.stdout, FOLLOW_UP_STDOUT, `${what}: the next step's output changed`);
  assert.equal(next.stderr, "e\n", `${what}: the next step's error stream changed`);
}

const attempts: [string, string][] = [
  // Shell and processes
  ["os.system", `import os\nprint(os.system("touch " + CANARY + "; echo $STEPWISE_TEST_SECRET; cat " + SECRETFILE))`],
  ["posix.system", `import posix\nprint(posix.system("touch " + CANARY))`],
  ["fresh posix module via _imp", `import _imp, sys, importlib.machinery\nspec = importlib.machinery.ModuleSpec("posix", None, origin="built-in")\nm = _imp.create_builtin(spec)\nprint(m.system("touch " + CANARY))`],
  ["reload os", `import importlib, os, sys\nsys.modules.pop("posix", None)\nos = importlib.reload(os)\nprint(os.system("touch " + CANARY))`],
  ["subprocess.run", `import subprocess\nprint(subprocess.run(["touch", CANARY]))`],
  ["subprocess shell", `import subprocess\nprint(subprocess.check_output("cat " + SECRETFILE, shell=True))`],
  ["os.popen", `import os\nprint(os.popen("cat " + SECRETFILE).read())`],
  ["os.exec*", `import os\nos.execv("/bin/sh", ["sh", "-c", "touch " + CANARY])`],
  ["os.spawn*", `import os\nprint(os.spawnv(os.P_WAIT, "/usr/bin/touch", ["touch", CANARY]))`],
  ["posix_spawn", `import posix\nprint(posix.posix_spawn("/usr/bin/touch", ["touch", CANARY], {}))`],
  ["pty.spawn", `import pty\npty.spawn(["touch", CANARY])`],
  ["os.fork", `import os\npid = os.fork()\nprint(pid)`],
  ["fork bomb", `import os\nwhile True:\n    os.fork()`],
  ["multiprocessing", `import multiprocessing\np = multiprocessing.Process(target=print, args=("x",))\np.start()\np.join()`],
  ["threads", `import threading\nt = threading.Thread(target=lambda: open(CANARY, "w"))\nt.start()\nt.join()`],
  ["asyncio subprocess", `import asyncio\nasync def main():\n    p = await asyncio.create_subprocess_exec("touch", CANARY)\n    await p.wait()\nasyncio.run(main())`],
  ["kill a host process", `import os, signal\nos.kill(VICTIM, signal.SIGKILL)\nprint("sent")`],
  ["signal tricks", `import signal, os\nsignal.signal(signal.SIGALRM, lambda *a: os.system("touch " + CANARY))\nsignal.alarm(1)\nsignal.raise_signal(signal.SIGTERM)`],
  // The JS bridge
  ["import js", `import js\nprint(js.process.env.STEPWISE_TEST_SECRET)`],
  ["import js after stripping the blocker", `STRIP\nimport js\nprint(dir(js))\nprint(js.process.env.STEPWISE_TEST_SECRET)\njs.require("child_process").execSync("touch " + CANARY)`],
  ["pyodide_js", `STRIP\nimport pyodide_js\nprint(pyodide_js.mountNodeFS("/h", HOSTDIR))\nprint(open("/h/secret.txt").read())\nopen("/h/pwned", "w").write("x")`],
  ["pyodide.code.run_js", `STRIP\nfrom pyodide.code import run_js\nprint(run_js("process.env.STEPWISE_TEST_SECRET"))\nrun_js("require('fs').writeFileSync(" + repr(CANARY) + ", 'x')")`],
  ["to_js constructor", `STRIP\nfrom pyodide.ffi import to_js\nF = to_js({}).constructor.constructor\nprint(F("return process.env.STEPWISE_TEST_SECRET")())`],
  ["loadPackage constructor", `STRIP\nimport pyodide_js\nF = pyodide_js.loadPackage.constructor\nprint(F("return process")())`],
  ["AsyncFunction constructor", `STRIP\nimport pyodide_js\nAF = pyodide_js.loadPyodide.constructor\nprint(AF("return process.env")())`],
  ["__import__ _pyodide", `m = __import__("_pyodide._base")\nprint(m)`],
  ["_pyodide_core after strip", `STRIP\nimport _pyodide_core\nprint(dir(_pyodide_core))\nimport pyodide_js\nprint(pyodide_js._module.FS.readdir("/"))`],
  ["gc.get_objects JsProxy hunt", `STRIP\nimport gc\nfound = []\nfor o in gc.get_objects():\n    t = type(o).__name__\n    if "Js" in t:\n        found.append(o)\nprint(len(found))\nfor o in found:\n    try:\n        F = o.constructor.constructor\n        print(F("return process.env.STEPWISE_TEST_SECRET")())\n    except BaseException as e:\n        pass\n    try:\n        print(o.process.env.STEPWISE_TEST_SECRET)\n    except BaseException:\n        pass`],
  ["gc hunt for to_js and mount", `import gc\nfor o in gc.get_objects():\n    try:\n        name = getattr(o, "__name__", "")\n    except BaseException:\n        continue\n    if name in ("to_js", "run_js", "create_proxy"):\n        try:\n            j = o({"a": 1})\n            print(j.constructor.constructor("return process")())\n        except BaseException as e:\n            print(type(e).__name__)\nimport sys\nfor m in list(sys.modules.values()):\n    pass`],
  ["gc hunt for module objects", `import gc, types\nfor o in gc.get_objects():\n    if isinstance(o, types.ModuleType) and (o.__name__.startswith("pyodide") or o.__name__.startswith("_pyodide") or o.__name__ == "js"):\n        print(o.__name__)\n        try:\n            api = o.__dict__.get("pyodide_js") or o.__dict__.get("API")\n            print(api.mountNodeFS("/hh", HOSTDIR))\n            print(open("/hh/secret.txt").read())\n        except BaseException as e:\n            print(type(e).__name__)`],
  [
    "crawl the Pyodide API for process/require",
    `STRIP\nimport pyodide_js\nseen = set()\nqueue = [(pyodide_js, 0)]\nhits = 0\nwhile queue:\n    obj, depth = queue.pop()\n    if id(obj) in seen or depth > 2:\n        continue\n    seen.add(id(obj))\n    try:\n        names = [n for n in dir(obj) if not n.startswith("__")][:200]\n    except BaseException:\n        continue\n    for n in names:\n        try:\n            v = getattr(obj, n)\n        except BaseException:\n            continue\n        for probe in ("env", "binding", "mainModule", "getBuiltinModule", "dlopen"):\n            try:\n                w = getattr(v, probe)\n                hits += 1\n                if probe == "env":\n                    print(w.STEPWISE_TEST_SECRET)\n                elif probe == "binding":\n                    print(w("spawn_sync").spawn({"file": "/usr/bin/touch", "args": ["touch", CANARY], "stdio": []}))\n                elif probe == "getBuiltinModule":\n                    print(w("child_process").execSync("touch " + CANARY))\n                elif probe == "mainModule":\n                    print(w.require("child_process").execSync("touch " + CANARY))\n                else:\n                    print(w)\n            except BaseException:\n                pass\n        if type(v).__name__.startswith("Js"):\n            queue.append((v, depth + 1))\nprint("hits", hits)`,
  ],
  ["object.__subclasses__ hunt", `for c in object.__subclasses__():\n    if "Js" in c.__name__:\n        print(c)\n        for v in list(vars(c).values()):\n            try:\n                print(v())\n            except BaseException:\n                pass`],
  ["importlib by file path", `STRIP\nimport importlib.util, sys, os\nfor base in sys.path:\n    p = os.path.join(base, "pyodide", "__init__.py")\n    if os.path.exists(p):\n        spec = importlib.util.spec_from_file_location("pyo2", p)\n        print(spec)\nimport pyodide.ffi\nprint(pyodide.ffi.run_js("1+1"))`],
  ["sys.meta_path edit", `import sys\nsys.meta_path.clear()\nimport js\nprint(js)`],
  ["sys.modules injection", `import sys, importlib\nsys.modules.pop("js", None)\nfor f in list(sys.meta_path):\n    if "Blocker" in getattr(f, "__name__", ""):\n        f.find_spec = staticmethod(lambda *a, **k: None)\nimport js\nprint(js.process)`],
  ["FS.mount NODEFS", `STRIP\nimport pyodide_js\nFS = pyodide_js._module.FS\nprint(FS.mount(pyodide_js._module.NODEFS, {"root": HOSTDIR}, "/m"))\nprint(open("/m/secret.txt").read())`],
  ["filesystems.NODEFS", `STRIP\nimport pyodide_js\nFS = pyodide_js._module.FS\nFS.mkdir("/m2")\nFS.mount(FS.filesystems.NODEFS, {"root": HOSTDIR}, "/m2")\nopen("/m2/pwned", "w").write("x")`],
  ["emscripten_run_script via ctypes", `import ctypes\nlib = ctypes.CDLL(None)\nlib.emscripten_run_script(b"require('fs').writeFileSync('/tmp/x', 'x')")`],
  ["_ctypes after strip", `STRIP\nimport ctypes\nlib = ctypes.CDLL(None)\nprint(lib.system(("touch " + CANARY).encode()))\nlib.emscripten_run_script(("require('fs').writeFileSync(" + repr(CANARY) + ", 'x')").encode())`],
  ["eval via JS", `STRIP\nimport js\nprint(js.eval("process.env.STEPWISE_TEST_SECRET"))`],
  ["js.Function", `STRIP\nimport js\nprint(js.Function("return process")())`],
  // Files
  ["open /etc/passwd", `print(open("/etc/passwd").read())`],
  ["read the host secret file", `print(open(SECRETFILE).read())`],
  ["write the canary path", `open(CANARY, "w").write("x")\nimport os\nprint(os.path.exists(CANARY))`],
  ["write outside via pathlib", `import pathlib\np = pathlib.Path(HOSTDIR) / "pwned"\np.parent.mkdir(parents=True, exist_ok=True)\np.write_text("x")\nprint(list(pathlib.Path("/").iterdir()))`],
  ["/proc/self/environ", `print(open("/proc/self/environ").read())`],
  ["list host directories", `import os\nfor d in ("/", "/home", "/root", "/work", "/tmp", HOSTDIR):\n    try:\n        print(d, os.listdir(d))\n    except BaseException as e:\n        print(d, type(e).__name__)`],
  ["symlink out", `import os\nos.symlink(HOSTDIR, "/tmp/link")\nprint(os.listdir("/tmp/link"))\nprint(open("/tmp/link/secret.txt").read())`],
  // Environment
  ["os.environ", `import os\nprint(dict(os.environ))\nprint(os.environ.get("STEPWISE_TEST_SECRET"))`],
  ["os.getenv + posix.environ", `import os, posix\nprint(os.getenv("STEPWISE_TEST_SECRET"), posix.environ)`],
  // Network
  ["socket", `import socket\ns = socket.create_connection(("127.0.0.1", PORT), timeout=1)\nprint(s)`],
  ["raw socket connect", `import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_STREAM)\ns.settimeout(1)\ns.connect(("127.0.0.1", PORT))\ns.send(b"x")`],
  ["urllib", `import urllib.request\nprint(urllib.request.urlopen("http://127.0.0.1:PORT/", timeout=1).read())`],
  ["http.client", `import http.client\nc = http.client.HTTPConnection("127.0.0.1", PORT, timeout=1)\nc.request("GET", "/")\nprint(c.getresponse())`],
  ["pyodide.http", `STRIP\nfrom pyodide.http import open_url\nprint(open_url("http://127.0.0.1:PORT/").read())`],
  ["fetch via js", `STRIP\nimport js\nprint(js.fetch("http://127.0.0.1:PORT/"))`],
  ["webbrowser", `import webbrowser\nprint(webbrowser.open("http://127.0.0.1:PORT/"))`],
  // The audit's classes (issue 13): reaching JavaScript, then Node's process, loader hooks and Workers
  [
    "full escape: re-open the JS bridge, reach process, loader hooks, a Worker",
    `STRIP\nimport sys, importlib, importlib.machinery\nfor name in ("_pyodide_core", "pyodide_js", "js"):\n    try:\n        spec = importlib.machinery.BuiltinImporter.find_spec(name)\n        print(name, spec)\n        if spec:\n            m = importlib.util.module_from_spec(spec)\n            print(dir(m)[:5])\n    except BaseException as e:\n        print(name, type(e).__name__)\nfor f in list(sys.meta_path) + list(sys.path_importer_cache.values()):\n    for attr in ("_finders", "finders", "_cache"):\n        print(type(f).__name__, getattr(f, attr, None) is not None)\nimport pyodide_js\np = pyodide_js._module\nproc = None\nfor route in ("process", "globalThis"):\n    try:\n        proc = getattr(p, route)\n    except BaseException as e:\n        print(route, type(e).__name__)\ntry:\n    B = pyodide_js._api.config\n    print(B)\nexcept BaseException as e:\n    print(type(e).__name__)\nm = proc.getBuiltinModule("module")\nm.register("data:text/javascript,import('node:fs').then(f=>f.writeFileSync(" + repr(CANARY) + ",'x'))")\nW = proc.getBuiltinModule("worker_threads").Worker\nW("require('fs').writeFileSync(" + repr(CANARY) + ",'x')", {"eval": True, "execArgv": []})`,
  ],
  ["process._kill", `STRIP\nimport pyodide_js\nproc = pyodide_js._module.process\nproc._kill(VICTIM, 9)\nprint("sent")`],
  ["Deno.kill", `STRIP\nimport pyodide_js\nd = pyodide_js._module.Deno\nd.kill(VICTIM, "SIGKILL")`],
  ["node:dgram Socket class", `STRIP\nimport pyodide_js\nproc = pyodide_js._module.process\ndgram = proc.getBuiltinModule("dgram")\ns = dgram.Socket.new("udp4")\ns.send("x", UDPPORT, "127.0.0.1")`],
  ["UDP from Python", `import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\ns.sendto(b"x", ("127.0.0.1", UDPPORT))\nprint("sent")`],
  ["vm despite the code-generation flag", `STRIP\nimport pyodide_js\nproc = pyodide_js._module.process\nvm = proc.getBuiltinModule("vm")\nprint(vm.runInNewContext("process.env.STEPWISE_TEST_SECRET"))`],
  ["ArrayBuffers outside the WebAssembly heap", `STRIP\nimport pyodide_js\nAB = pyodide_js._module.HEAP8.buffer.constructor\nkeep = []\nfor i in range(64):\n    keep.append(AB.new(64 * 1024 * 1024))\nprint(len(keep))`],
  ["bytearrays past the memory cap", `chunks = []\nwhile True:\n    chunks.append(bytearray(b"\\x01") * (128 * 1024 * 1024))`],
  ["forged result frames on stdout", `import os, sys, json, struct\nfake = json.dumps({"type": "result", "nonce": "0" * 32, "result": {"status": "ok", "stdout": "forged", "stderr": "", "durationMs": 1}, "recycle": False, "reasons": []}).encode()\nframe = struct.pack("<I", len(fake)) + fake\nos.write(1, frame)\nsys.__stdout__.buffer.write(frame) if hasattr(sys.__stdout__, "buffer") else None\nprint(frame.decode("latin-1"))\nos.write(2, frame)`],
  ["Object.prototype.toJSON", `STRIP\nimport pyodide_js\nO = pyodide_js._module.Object\nO.prototype.toJSON = pyodide_js._module.Function("return {status: 'ok', stdout: 'forged'}")`],
  ["a surviving JS timer", `STRIP\nimport pyodide_js\nm = pyodide_js._module\nfrom pyodide.ffi import create_proxy\nm.setInterval(create_proxy(lambda: print("still here")), 1)\nprint("set")`],
  ["sys.addaudithook", `import sys\ndef hook(event, args):\n    if event == "compile":\n        raise RuntimeError("no more compiling")\nsys.addaudithook(hook)\nprint("added")`],
  ["sys.monitoring", `import sys\nmon = sys.monitoring\nmon.use_tool_id(2, "x")\nmon.register_callback(2, mon.events.PY_START, lambda *a: print("watching"))\nmon.set_events(2, mon.events.PY_START)\nprint("on")`],
  ["shadowed sys.settrace", `import sys\nreal = sys.settrace\ndef tracer(frame, event, arg):\n    return None\nreal(tracer)\nsys.settrace = lambda *a: None\nsys.setprofile = lambda *a: None\nprint("shadowed")`],
  ["attributes on sys.stdout", `import sys\nw = sys.stdout.write\nsys.stdout.write = lambda s: w(s.upper())\nsys.stdout.mode = "rw"\nprint("patched")`],
  ["swapped runner closure cell", `import gc, sys\nfor f in gc.get_objects():\n    if type(f).__name__ == "function" and f.__name__ == "run" and f.__closure__:\n        for cell in f.__closure__:\n            try:\n                if cell.cell_contents is exec:\n                    cell.cell_contents = lambda code, ns: print("pwned")\n            except ValueError:\n                pass\nframe = sys._getframe(1)\nprint(frame.f_code.co_name)`],
  ["runner frame via the traceback", `try:\n    1 / 0\nexcept ZeroDivisionError as e:\n    f = e.__traceback__.tb_frame\n    while f.f_back is not None:\n        f = f.f_back\n    print(f.f_code.co_name)`],
  ["sys.modules['math'] replaced", `import sys, types\nfake = types.ModuleType("math")\nfake.pi = 3\nsys.modules["math"] = fake\nprint("replaced")`],
  ["math.pi rebound", `import math\nmath.pi = 3\nimport builtins\nbuiltins.os_ok = 1`],
  ["math.pi written through the module's dict", `import math, builtins\nvars(math)["pi"] = 3\nbuiltins.__dict__.update(os_ok=1)`],
  ["json.dumps's keyword defaults replaced", `import json\njson.dumps.__kwdefaults__ = dict(json.dumps.__kwdefaults__ or {}, indent=2, sort_keys=True)\nprint(json.dumps({"a": 1}))`],
  ["a module global rebound by a function's global statement", `import decimal\ncode = compile("global Decimal\\nDecimal = float", "<x>", "exec")\nexec(code, decimal.__dict__)\nprint("rebound")`],
  ["decimal and random state", `import decimal, random\ndecimal.getcontext().prec = 3\ndecimal.DefaultContext.prec = 3\nrandom.seed(0)\nprint(decimal.Decimal(1) / decimal.Decimal(3))`],
  ["int max str digits", `import sys\nsys.set_int_max_str_digits(640)\nsys.setrecursionlimit(50)`],
  ["SIGINT ignored", `import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nprint("ignoring")`],
  ["garbage bytecode", `def f():\n    return 1\nf.__code__ = f.__code__.replace(co_code=b"\\xff\\xff\\xff\\xff" * 8)\nf()`],
  ["garbage bytecode via CodeType", `import types\nc = (lambda: 0).__code__\nbad = types.CodeType(c.co_argcount, c.co_posonlyargcount, c.co_kwonlyargcount, c.co_nlocals, c.co_stacksize, c.co_flags, b"\\x00\\xff" * 16, c.co_consts, c.co_names, c.co_varnames, c.co_filename, c.co_name, c.co_qualname, c.co_firstlineno, c.co_linetable, c.co_exceptiontable)\nexec(bad)`],
  ["files left in the in-memory FS", `open("/tmp/note.txt", "w").write("left behind")\nimport os\nos.makedirs("/home/pyodide/x", exist_ok=True)\nos.environ["os_ok"] = "1"`],
  ["a finalizer that runs after the step", `import gc\nclass Later:\n    def __del__(self):\n        import math\n        math.pi = 3\na = Later()\na.self = a\ndel a`],
];

describe("escape attempts are contained (checked on the host)", () => {
  test("there are at least 80 distinct attempts", () => {
    assert.ok(attempts.length >= 80, `${attempts.length}`);
    assert.equal(new Set(attempts.map(([n]) => n)).size, attempts.length);
  });

  for (const [name, code] of attempts) {
    test(name, async () => {
      const r = await sb.run(fill(code), { timeoutMs: 3000 });
      assertHostUntouched(r, name);
      await assertNextStepExact(name);
      assertHostUntouched(r, `${name} (after the next step)`);
    });
  }

  test("SIGINT ignored does not stop the time limit", async () => {
    await sb.run("import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)");
    const r = await sb.run("while True:\n    pass", { timeoutMs: 500 });
    assert.equal(r.status, "timeout");
    assert.ok(r.durationMs < 1500, `${r.durationMs} ms`);
    await assertNextStepExact("SIGINT then a loop");
  });

  test("the sandbox still works after every attempt", async () => {
    const r = await sb.run("print(2 ** 10)");
    assert.equal(r.status, "ok");
    assert.equal(r.stdout, "1024\n");
  });

  test("the host checks themselves can fail (control)", () => {
    writeFileSync(canary, "x");
    try {
      assert.throws(() => assertHostUntouched({ status: "ok", stdout: "", stderr: "", durationMs: 0 }, "control"));
    } finally {
      rmSync(canary);
    }
    assert.throws(() => assertHostUntouched({ status: "ok", stdout: ENV_SECRET, stderr: "", durationMs: 0 }, "control"));
    assert.throws(() => assertHostUntouched({ status: "ok", stdout: "", stderr: FILE_SECRET, durationMs: 0 }, "control"));
  });

  test("the next-step check itself can fail (control)", async () => {
    // Same worker, no recycling: a changed module shows in a follow-up that is not the fresh one.
    const r = await sb.run("import math\nprint(math.pi == 3.141592653589793)");
    assert.equal(r.stdout, "True\n");
    await assert.rejects(
      (async () => {
        const next = await sb.run(FOLLOW_UP.replace("2 ** 10", "2 ** 11"));
        assert.equal(next.stdout, FOLLOW_UP_STDOUT);
      })(),
    );
  });
});
