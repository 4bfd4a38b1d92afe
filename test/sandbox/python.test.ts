// The Python that runs inside the sandbox, checked as Python: pyflakes over every file, and the answer
// tokenizer's whitelist exercised directly (no sympy needed for that part).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";

const root = join(__dirname, "..", "..", "..");
const pyDir = join(root, "src", "sandbox", "python");
const files = readdirSync(pyDir).filter((f) => f.endsWith(".py"));

/** A Python 3 that has pyflakes (Debian: python3-pyflakes). */
function pythonWithPyflakes(): string | undefined {
  for (const py of ["python3", "/usr/bin/python3"]) {
    const r = spawnSync(py, ["-m", "pyflakes", "--version"], { encoding: "utf8" });
    if (r.status === 0) return py;
  }
  return undefined;
}

describe("the sandbox's Python sources", () => {
  test("there are Python files to check", () => {
    assert.deepEqual(files.sort(), ["equiv.py", "runner.py", "warmup.py"]);
  });

  test("pyflakes finds nothing", () => {
    const py = pythonWithPyflakes();
    assert.ok(py, "pyflakes is not installed (Debian package python3-pyflakes)");
    const r = spawnSync(py, ["-m", "pyflakes", ...files.map((f) => join(pyDir, f))], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });

  test("the answer tokenizer accepts plain sympy syntax and refuses everything else", () => {
    const script = `
import sys, json
sys.path.insert(0, ${JSON.stringify(pyDir)})
import equiv
ok = ["sqrt(2)/2", "x^2 + 2x + 1", "3.25 * pi", ".5", "log(8, 2)", "E**I*pi"]
bad = ["__import__('os')", "x.y", "a[0]", "lambda: 1", "1;2", "'s'", "x = 1", "{1}", "x @ y", "2 < 3", "\\u00e9", "", "1" * 3000]
out = {}
for s in ok:
    out[s] = [list(t) for t in equiv.tokenize(s)]
refused = []
for s in bad:
    try:
        equiv.tokenize(s)
    except equiv.NotAnAnswer:
        refused.append(s)
print(json.dumps({"ok": out, "refused": refused}))
`;
    const r = spawnSync("python3", ["-c", script], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    const res = JSON.parse(r.stdout) as { ok: Record<string, [string, string][]>; refused: string[] };
    assert.deepEqual(res.ok["x^2 + 2x + 1"], [["name", "x"], ["op", "**"], ["num", "2"], ["op", "+"], ["num", "2"], ["name", "x"], ["op", "+"], ["num", "1"]]);
    assert.deepEqual(res.ok["log(8, 2)"].map((t) => t[1]), ["log", "(", "8", ",", "2", ")"]);
    assert.equal(res.refused.length, 13, JSON.stringify(res.refused));
  });
});
