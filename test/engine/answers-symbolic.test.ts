// The grader's symbolic step against the real Pyodide sandbox: every labelled pair the plain rules leave
// open (kind "symbolic" in grader-pairs.jsonl) must get its label from sympy, through the same structural
// comparison (tuples and sets whose entries only sympy can settle included).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { compareAnswers } from "../../src/engine/answers";
import { PyodideSandbox } from "../../src/sandbox";
import { loadPairs } from "./grader-pairs";

let sandbox: PyodideSandbox | undefined;
let startError: string | undefined;

before(async () => {
  try {
    sandbox = await PyodideSandbox.create({ poolSize: 1 });
  } catch (err) {
    startError = (err as Error).message;
  }
});

after(() => sandbox?.dispose());

test("pairs only sympy can settle get their labels from the real sandbox", async (t) => {
  if (!sandbox) {
    t.skip(`the Pyodide sandbox could not start (${startError}); run 'npm run build:assets' first`);
    return;
  }
  const pairs = loadPairs().filter((p) => p.symbolic);
  assert.ok(pairs.length >= 10);
  for (const p of pairs) {
    const r = await compareAnswers(p.a, p.b, sandbox, undefined, { timeoutMs: 10_000 });
    assert.equal(r.equal, p.equal, `${p.a} vs ${p.b}: ${r.rules.join(", ")} ${JSON.stringify(r.symbolicPairs)}`);
    assert.ok(r.rules.includes("symbolic (sympy)"), `${p.a} vs ${p.b} was not decided by sympy`);
  }
});
