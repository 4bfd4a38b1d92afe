// The engine stays pure: nothing under src/engine imports VS Code, the model runtime, Pyodide or the
// folders that wrap them, so the CLI, benchmarks and these tests run it in plain Node.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { answersEqual, normalizeAnswer, parseStep, extractBoxed } from "../../src/engine";

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });
}

test("src/engine imports no vscode, node-llama-cpp, pyodide or outer folders", () => {
  const engine = join(process.cwd(), "src/engine");
  const sources = files(engine);
  assert.ok(sources.length > 5);
  for (const f of sources) {
    const text = readFileSync(f, "utf8");
    const imports = [...text.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1]);
    for (const spec of imports) {
      assert.ok(!/^(vscode|node-llama-cpp|pyodide)(\/|$)/.test(spec), `${f} imports ${spec}`);
      assert.ok(!/\.\.\/(inference|sandbox|extension|cli|host)(\/|$)/.test(spec), `${f} imports ${spec}`);
    }
  }
});

const latexish = fc.array(
  fc.constantFrom("\\frac", "{", "}", "(", ")", "[", "]", "\\sqrt", "\\pi", "x", "2", "-", "+", "^", ",", "=", "\\boxed{", "\\text{", " cm", "\\left(", "\\right)", "\\%", ".", "\\{", "\\}", "&", "\\\\", "\\begin{pmatrix}", "\\end{pmatrix}", "!", "|", "_", "e", "1,000", "\\infty", "\\cup", "\\pm"),
  { maxLength: 14 },
).map((parts) => parts.join(""));

test("answer helpers and the step parser never throw on garbage", () => {
  fc.assert(
    fc.property(fc.oneof(latexish, fc.string({ maxLength: 60 })), fc.oneof(latexish, fc.string({ maxLength: 60 })), (a, b) => {
      const v = answersEqual(a, b);
      assert.ok(v === true || v === false || v === undefined);
      // Every answer that can be decided equals itself.
      if (normalizeAnswer(a).length > 0) assert.notEqual(answersEqual(a, a), false);
      extractBoxed(a);
      const s = parseStep(a + "\n<end_of_step>" + b, { stopReason: "step" });
      assert.equal(typeof s.code, "string");
    }),
    { numRuns: 2000 },
  );
});
