// The Python sandbox with the real Pyodide: outputs, errors, limits, pool behaviour, symbolic equality.
// One pool of two workers is shared by the whole file (a worker start costs ~2-3 s).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { PyodideSandbox, runSandboxFile, SandboxDisposedError, SandboxInputError, SandboxStartError } from "../../src/sandbox";
import { ensureSandboxAssets } from "./helpers";

let sb: PyodideSandbox;
const warnings: string[] = [];
const debugLines: string[] = [];

before(async () => {
  ensureSandboxAssets();
  sb = await PyodideSandbox.create({
    poolSize: 2,
    timeoutMs: 5000,
    logger: (level, msg) => {
      if (level === "warn" || level === "error") warnings.push(msg);
      else debugLines.push(msg);
    },
  });
  await sb.warmup();
});

after(() => sb?.dispose());

describe("running steps", () => {
  test("captures stdout exactly", async () => {
    const r = await sb.run("x = 6 * 7\nprint(x)\nprint('a', 'b', sep='-', end='')");
    assert.equal(r.status, "ok");
    assert.equal(r.stdout, "42\na-b");
    assert.equal(r.stderr, "");
    assert.equal(r.error, undefined);
    assert.ok(r.durationMs >= 0);
  });

  test("captures stderr separately", async () => {
    const r = await sb.run("import sys\nsys.stderr.write('careful\\n')\nprint('done')");
    assert.equal(r.status, "ok");
    assert.equal(r.stdout, "done\n");
    assert.equal(r.stderr, "careful\n");
  });

  test("an exception is an error with the traceback's last line", async () => {
    const r = await sb.run("print('before')\ndef f(n):\n    return 10 / n\nf(0)");
    assert.equal(r.status, "error");
    assert.equal(r.error, "ZeroDivisionError: division by zero");
    assert.equal(r.stdout, "before\n");
    assert.match(r.stderr, /Traceback[\s\S]*line 3, in f[\s\S]*ZeroDivisionError/);
  });

  test("a syntax error is an error", async () => {
    const r = await sb.run("print(1 +)");
    assert.equal(r.status, "error");
    assert.match(r.error ?? "", /^SyntaxError/);
  });

  test("sys.exit(0) is ok, sys.exit(3) an error", async () => {
    assert.equal((await sb.run("import sys\nprint('x')\nsys.exit(0)")).status, "ok");
    const r = await sb.run("import sys\nsys.exit(3)");
    assert.equal(r.status, "error");
    assert.match(r.error ?? "", /SystemExit: 3/);
  });

  test("input() reads end-of-file instead of hanging", async () => {
    const r = await sb.run("input()");
    assert.equal(r.status, "error");
    assert.match(r.error ?? "", /EOFError/);
  });

  test("sympy works offline", async () => {
    const r = await sb.run(
      "from sympy import symbols, solve, Rational, simplify, sqrt\nx = symbols('x')\nprint(sorted(solve(x**2 - 5*x + 6, x)))\nprint(Rational(3, 4) + Rational(1, 4))\nprint(simplify(sqrt(8)))",
    );
    assert.equal(r.status, "ok", r.stderr);
    assert.equal(r.stdout, "[2, 3]\n1\n2*sqrt(2)\n");
  });

  test("long output keeps its head and tail within 1024 characters", async () => {
    const r = await sb.run("print('A' * 3000)\nprint('the answer is 17')");
    assert.equal(r.status, "ok");
    assert.ok(r.stdout.length <= 1024, `length ${r.stdout.length}`);
    assert.ok(r.stdout.startsWith("AAAA"));
    assert.ok(r.stdout.endsWith("the answer is 17\n"));
    assert.match(r.stdout, /A\n\.\.\.\nA/);
  });

  test("a flood of output does not exhaust the worker", async () => {
    const r = await sb.run("for i in range(200000):\n    print(i)", { timeoutMs: 30000 });
    assert.equal(r.status, "ok");
    assert.ok(r.stdout.length <= 1024);
    assert.ok(r.stdout.endsWith("199999\n"));
  });
});

describe("no state leaks between runs", () => {
  test("top-level names do not survive", async () => {
    assert.equal((await sb.run("secret_value = 41")).status, "ok");
    const r = await sb.run("print(secret_value)");
    assert.equal(r.status, "error");
    assert.match(r.error ?? "", /NameError/);
  });

  test("builtins replaced by a run are restored", async () => {
    // Both workers get the poisoning run, then each must print normally.
    await Promise.all([sb.run("import builtins\nbuiltins.print = lambda *a, **k: None\nbuiltins.len = None"), sb.run("import builtins\nbuiltins.print = None")]);
    const rs = await Promise.all([sb.run("print(len('abc'))"), sb.run("print(len('abcd'))")]);
    assert.deepEqual(rs.map((r) => r.stdout).sort(), ["3\n", "4\n"]);
  });

  test("a removed import blocker is put back for the next run", async () => {
    await Promise.all([0, 1].map(() => sb.run("import sys\nsys.meta_path.clear()")));
    const rs = await Promise.all([0, 1].map(() => sb.run("import js\nprint(js)")));
    for (const r of rs) assert.equal(r.status, "error", r.stdout);
  });
});

describe("time limits", () => {
  test("while True is interrupted", async () => {
    const r = await sb.run("while True:\n    pass", { timeoutMs: 700 });
    assert.equal(r.status, "timeout");
    assert.ok(r.durationMs < 1700, `took ${r.durationMs} ms`);
    assert.equal((await sb.run("print('alive')")).stdout, "alive\n");
  });

  test("10**10**8 is interrupted", async () => {
    const r = await sb.run("x = 10**10**8\nprint(len(str(x)))", { timeoutMs: 700 });
    assert.equal(r.status, "timeout");
  });

  test("a blocking time.sleep is killed within the limit + 1 s, and the pool recovers", async () => {
    const r = await sb.run("import time\nprint('going to sleep')\ntime.sleep(30)", { timeoutMs: 500 });
    assert.equal(r.status, "timeout");
    // durationMs counts from the run's dispatch to its result (the wait for a free worker is not in it).
    assert.ok(r.durationMs < 1500, `${r.durationMs} ms`);
    const next = await sb.run("print(1 + 1)");
    assert.equal(next.status, "ok");
    assert.equal(next.stdout, "2\n");
  });

  test("a loop that swallows BaseException is killed", async () => {
    const code = "while True:\n    try:\n        while True:\n            pass\n    except BaseException:\n        pass";
    const r = await sb.run(code, { timeoutMs: 500 });
    assert.equal(r.status, "timeout");
    assert.equal((await sb.run("print('ok')")).stdout, "ok\n");
  });

  test("an AbortSignal kills the running job", async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 300);
    const r = await sb.run("while True:\n    pass", { timeoutMs: 10000, signal: ac.signal });
    assert.equal(r.status, "killed");
    assert.equal((await sb.run("print(5)")).stdout, "5\n");
  });

  test("an already aborted signal never runs the code", async () => {
    const ac = new AbortController();
    ac.abort();
    const r = await sb.run("print('ran')", { signal: ac.signal });
    assert.equal(r.status, "killed");
    assert.equal(r.stdout, "");
  });
});

describe("memory", () => {
  test("a worker whose resident memory passes rssLimitMb is killed from outside, and the pool recovers", async () => {
    const own = await PyodideSandbox.create({ preloadSympy: false, rssLimitMb: 450 });
    try {
      const r = await own.run("chunks = []\nfor i in range(12):\n    chunks.append(bytearray(b'\\x01') * (64 * 1024**2))\nprint('survived')", { timeoutMs: 60000 });
      assert.equal(r.status, "crashed", JSON.stringify(r));
      assert.match(r.error ?? "", /MemoryError: the sandbox process used \d+ MB, over its limit of 450 MB/);
      assert.equal((await own.run("print('next')")).stdout, "next\n");
    } finally {
      own.dispose();
    }
  });

  test("MemoryError is contained and the worker lives on", async () => {
    const r = await sb.run("x = bytearray(1536 * 1024**2)");
    assert.equal(r.status, "error");
    assert.match(r.error ?? "", /MemoryError/);
    const r2 = await sb.run("x = [0] * 10**9");
    assert.equal(r2.status, "error");
    assert.match(r2.error ?? "", /MemoryError/);
    const ok = await sb.run("print(sum(range(10)))");
    assert.equal(ok.stdout, "45\n");
  });

  test("growing past the memory cap is a MemoryError", async () => {
    const r = await sb.run("chunks = []\nwhile True:\n    chunks.append(bytearray(64 * 1024**2))", { timeoutMs: 20000 });
    assert.equal(r.status, "error", JSON.stringify(r));
    assert.match(r.error ?? "", /MemoryError/);
    assert.equal((await sb.run("print('after')")).stdout, "after\n");
  });
});

describe("the pool", () => {
  test("queues runs when every worker is busy", async () => {
    const codes = Array.from({ length: 8 }, (_, i) => `import time\nt = time.time()\nwhile time.time() - t < 0.05:\n    pass\nprint(${i} * ${i})`);
    const rs = await Promise.all(codes.map((c) => sb.run(c)));
    assert.deepEqual(
      rs.map((r) => r.stdout),
      Array.from({ length: 8 }, (_, i) => `${i * i}\n`),
    );
  });

  test("reports the isolation it runs with: Deno inside bubblewrap, nothing missing", () => {
    const iso = sb.isolation;
    assert.ok(iso);
    assert.equal(iso.profile, "deno+bwrap");
    assert.deepEqual(iso.missing, []);
    assert.equal(iso.layers.runtime, "deno");
    assert.equal(iso.layers.permissionsDenied, true);
    assert.equal(iso.layers.codegenBlocked, true);
    assert.equal(iso.layers.namespaces, true);
    assert.equal(iso.layers.rssWatch, true);
    assert.ok(iso.layers.pid <= 2, `pid ${iso.layers.pid}`);
    assert.ok(!iso.flags.includes("--allow-all") && !iso.flags.some((f) => /^--allow-(env|net|write|run|ffi|sys|worker)/.test(f)), iso.flags.join(" "));
    assert.deepEqual(warnings, []);
  });

  test("a step that changes nothing outside its namespace keeps its worker", async () => {
    const before = sb.recycledWorkers;
    for (let i = 0; i < 5; i++) {
      const r = await sb.run(`from sympy import symbols, solve\nx = symbols('x')\nprint(solve(x - ${i}, x))\nimport math\nprint(math.sqrt(16))`);
      assert.equal(r.stdout, `[${i}]\n4.0\n`);
    }
    assert.equal(sb.recycledWorkers, before);
  });

  test("a module attribute written back unchanged keeps the worker; one rebound, one written through the module's __dict__, or a replaced function default discards it", async () => {
    const before = sb.recycledWorkers;
    // The dict watcher sees the write; the full comparison then finds every attribute as it was.
    const same = await sb.run("import math\nmath.pi = math.pi\nprint(math.pi)");
    assert.equal(same.stdout, "3.141592653589793\n");
    assert.equal(sb.recycledWorkers, before);
    const changes = [
      ["import math\nmath.tau = 6", "import math\nprint(math.tau)", "6.283185307179586\n"],
      ["import math\nvars(math)['e'] = 2", "import math\nprint(math.e)", "2.718281828459045\n"],
      ["import json\njson.dumps.__kwdefaults__ = dict(json.dumps.__kwdefaults__, indent=4)", "import json\nprint(json.dumps([1]))", "[1]\n"],
      ["import sympy\nsympy.nsimplify.__defaults__ = (None,) * len(sympy.nsimplify.__defaults__)", "import sympy\nprint(sympy.nsimplify.__defaults__[-1])", "base10\n"],
    ];
    for (const [i, [change, probe, expected]] of changes.entries()) {
      await sb.run(change);
      assert.equal(sb.recycledWorkers, before + i + 1, change);
      assert.equal((await sb.run(probe)).stdout, expected, change);
    }
  });

  test("workers boot from the start-up snapshot", () => {
    assert.ok(debugLines.some((l) => /ready in \d+ ms \(from the start-up snapshot\)/.test(l)), debugLines.join("\n"));
  });

  test("bad options are clear errors", async () => {
    await assert.rejects(PyodideSandbox.create({ poolSize: 0 }), SandboxInputError);
    await assert.rejects(PyodideSandbox.create({ assetsDir: "/nonexistent/python" }), /build:assets/);
    await assert.rejects(sb.run("print(1)", { timeoutMs: -1 }), SandboxInputError);
  });
});

describe("symbolicEqual", () => {
  const cases: [string, string, boolean | undefined][] = [
    ["sqrt(2)/2", "1/sqrt(2)", true],
    ["1/2", "0.5", true],
    ["3/4", "0.75", true],
    ["2*sqrt(3)", "sqrt(12)", true],
    ["2sqrt(3)", "sqrt(12)", true],
    ["x^2 + 2x + 1", "(x+1)^2", true],
    ["x**2 - 1", "(x - 1)*(x + 1)", true],
    ["pi/2", "asin(1)", true],
    ["8^(1/3)", "2", true],
    ["root(8, 3)", "2", true],
    ["3", "4", false],
    ["1/3", "0.33", false],
    ["E^2", "exp(2)", true],
    ["log(8, 2)", "3", true],
    ["ln(E)", "1", true],
    ["binomial(5, 2)", "factorial(5)/(factorial(2)*factorial(3))", true],
    ["gcd(12, 18) + lcm(4, 6)", "18", true],
    ["Abs(-3) + floor(2.5) + ceiling(2.5)", "8", true],
    ["I^2", "-1", true],
    ["sin(pi/6)", "1/2", true],
    ["1/(", "1", undefined],
    ["x = 5", "5", undefined],
    ["(1, 2)", "(1, 2)", undefined],
    ["{1, 2}", "{2, 1}", undefined],
    ["\\frac{1}{2}", "0.5", undefined],
  ];
  for (const [a, b, want] of cases) {
    test(`${a} vs ${b} → ${want}`, async () => {
      assert.equal(await sb.symbolicEqual(a, b), want);
    });
  }

  test("answers are parsed, never evaluated: code-shaped answers are undefined and change nothing later", async () => {
    for (const hostile of [
      "__import__('os').system('true')",
      "globals()",
      "chr(95)*2",
      "eval(chr(49))",
      "Symbol('x').__class__",
      "lambda: 1",
      "x.__class__",
      "getattr(x, chr(95))",
    ]) {
      assert.equal(await sb.symbolicEqual(hostile, "1"), undefined, hostile);
    }
    assert.equal(await sb.symbolicEqual("1", "2"), false);
    assert.equal(await sb.symbolicEqual("2", "2"), true);
  });

  test("hostile answers stay inside the limits", async () => {
    assert.equal(await sb.symbolicEqual("9**9**9**9", "1", { timeoutMs: 1000 }), undefined);
    assert.equal(await sb.symbolicEqual("(((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((1)))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))", "1"), undefined);
    assert.equal(await sb.symbolicEqual("1".repeat(3000), "1"), undefined);
  });
});

describe("runSandboxFile and dispose", () => {
  test("runs a file as a step", async () => {
    const dir = mkdtempSync(join(tmpdir(), "stepwise-sb-"));
    try {
      const file = join(dir, "step.py");
      writeFileSync(file, "from fractions import Fraction\nprint(Fraction(1, 3) + Fraction(1, 6))\n");
      const r = await runSandboxFile(file, { timeoutMs: 5000, preloadSympy: false });
      assert.equal(r.status, "ok");
      assert.equal(r.stdout, "1/2\n");
      await assert.rejects(runSandboxFile(join(dir, "missing.py")), SandboxInputError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("stepwise sandbox A.py B.py runs the files as consecutive steps of one pool, one JSON line each", () => {
    const dir = mkdtempSync(join(tmpdir(), "stepwise-sb-"));
    try {
      const files = ["change.py", "look.py", "fail.py"].map((f) => join(dir, f));
      writeFileSync(files[0], "import math, builtins\nmath.pi = 3\nbuiltins.planted = 1\nprint(math.pi)\n");
      writeFileSync(files[1], "import math, builtins\nprint(math.pi, hasattr(builtins, 'planted'))\n");
      writeFileSync(files[2], "1 / 0\n");
      const cli = join(__dirname, "..", "..", "cli.js");
      const r = spawnSync(process.execPath, [cli, "sandbox", ...files], { encoding: "utf8", timeout: 600_000 });
      assert.equal(r.status, 1, r.stderr);
      const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as { file: string; status: string; stdout: string; error?: string });
      assert.deepEqual(lines.map((l) => [l.file, l.status, l.stdout]), [
        [files[0], "ok", "3\n"],
        [files[1], "ok", "3.141592653589793 False\n"],
        [files[2], "error", ""],
      ]);
      assert.equal(lines[2].error, "ZeroDivisionError: division by zero");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a disposed sandbox refuses work", async () => {
    const own = await PyodideSandbox.create({ preloadSympy: false });
    const running = own.run("while True:\n    pass", { timeoutMs: 30000 });
    own.dispose();
    assert.equal((await running).status, "killed");
    await assert.rejects(own.run("print(1)"), SandboxDisposedError);
  });
});

describe("weaker boundaries are logged, and refused under strict isolation", () => {
  // Stands in for an Electron-as-Node binary that rejects the permission-model flags: a wrapper around
  // this Node that exits with "bad option" when it sees them.
  let dir: string;
  let fakeNode: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "stepwise-node-"));
    fakeNode = join(dir, "node-without-permissions");
    writeFileSync(
      fakeNode,
      `#!/bin/sh\nfor a in "$@"; do case "$a" in --experimental-permission|--permission) echo "bad option: $a" >&2; exit 9;; esac; done\nexec ${JSON.stringify(process.execPath)} "$@"\n`,
    );
    chmodSync(fakeNode, 0o755);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test("without bubblewrap: Deno alone, with a warning naming the namespaces", async () => {
    const logged: string[] = [];
    const weak = await PyodideSandbox.create({ bwrapPath: "", preloadSympy: false, logger: (level, msg) => level === "warn" && logged.push(msg) });
    try {
      assert.equal(weak.isolation?.profile, "deno");
      assert.equal(weak.isolation?.layers.permissionsDenied, true);
      assert.equal(weak.isolation?.layers.namespaces, false);
      assert.ok(logged.some((m) => /WITHOUT: bubblewrap namespaces/.test(m)), logged.join("\n"));
      assert.equal((await weak.run("print(7 * 6)")).stdout, "42\n");
    } finally {
      weak.dispose();
    }
    await assert.rejects(PyodideSandbox.create({ bwrapPath: "", preloadSympy: false, isolation: "strict" }), SandboxStartError);
  });

  test("without Deno: the Node fallback, logged as weaker, and without its permission model when refused", async () => {
    const logged: string[] = [];
    const weak = await PyodideSandbox.create({ denoPath: "", nodePath: fakeNode, preloadSympy: false, logger: (level, msg) => level === "warn" && logged.push(msg) });
    try {
      assert.equal(weak.isolation?.profile, "node-no-permission-model");
      assert.equal(weak.isolation?.layers.runtime, "node");
      assert.equal(weak.isolation?.layers.codegenBlocked, true);
      assert.equal(weak.isolation?.layers.permissionsDenied, false);
      assert.ok(logged.some((m) => /WITHOUT: Deno/.test(m) && /Node permission model/.test(m)), logged.join("\n"));
      assert.equal((await weak.run("print(7 * 6)")).stdout, "42\n");
    } finally {
      weak.dispose();
    }
  });

  test("strict isolation refuses to start without Deno", async () => {
    await assert.rejects(PyodideSandbox.create({ denoPath: "", preloadSympy: false, isolation: "strict" }), SandboxStartError);
  });
});
