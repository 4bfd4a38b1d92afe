// Escape attempts against the sandbox, each checked on the HOST: a canary file must not appear, a secret
// file's content and a secret environment variable of this process must not show up in any output, a
// local TCP server must see no connection, and a sacrificial host process must survive.
// Many attempts first strip the Python-level blocks (import blocker, patched os.system), because those
// alone are known to be bypassable; what must hold is the process-level hardening underneath.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
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
  victim = spawn("sleep", ["600"], { stdio: "ignore" });
  sb = await PyodideSandbox.create({ poolSize: 1, timeoutMs: 4000 });
});

after(() => {
  sb?.dispose();
  server?.close();
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
  assert.ok(victim.exitCode === null && victim.signalCode === null, `${what}: a host process was killed`);
  assert.ok(["ok", "error", "timeout", "crashed"].includes(r.status));
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
];

describe("escape attempts are contained (checked on the host)", () => {
  test("there are at least 40 distinct attempts", () => {
    assert.ok(attempts.length >= 40, `${attempts.length}`);
    assert.equal(new Set(attempts.map(([n]) => n)).size, attempts.length);
  });

  for (const [name, code] of attempts) {
    test(name, async () => {
      const r = await sb.run(fill(code), { timeoutMs: 3000 });
      assertHostUntouched(r, name);
    });
  }

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
});
