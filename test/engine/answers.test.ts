// The answer grader on its labelled pairs (test/engine/grader-pairs.jsonl: {a, b, equal, kind, symbolic?}),
// through the real pipeline, plus the rules of each stage. Pairs marked `symbolic` are the ones the plain
// rules must leave to sympy; answers-symbolic.test.ts runs them against the real Pyodide sandbox.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  answersEqual,
  answersEquivalent,
  compareAnswers,
  explainAnswers,
  extractAnswer,
  extractBoxed,
  latexToSympy,
  normalizeAnswer,
  parseGsm8kAnswer,
} from "../../src/engine/answers";
import type { ExecResult, Sandbox } from "../../src/engine/types";
import { loadPairs } from "./grader-pairs";

const PAIRS = loadPairs();
const KINDS = [...new Set(PAIRS.map((p) => p.kind))];

test("at least 400 labelled pairs, equal and not equal in every kind", () => {
  assert.ok(PAIRS.length >= 400, `only ${PAIRS.length} pairs`);
  for (const kind of KINDS) {
    const of = PAIRS.filter((p) => p.kind === kind);
    assert.ok(of.some((p) => p.equal) && of.some((p) => !p.equal), `kind ${kind} needs both labels`);
  }
  for (const kind of ["extraction", "numbers", "currency-units", "percent", "relations", "intervals", "sets", "tuples", "equations", "approximations", "matrices", "functions-constants", "symbolic"]) {
    assert.ok(KINDS.includes(kind), `no pairs of kind ${kind}`);
  }
});

test("the near misses the grader must not take for equal are labelled", () => {
  const has = (a: string, b: string, equal: boolean) =>
    PAIRS.some((p) => ((p.a === a && p.b === b) || (p.a === b && p.b === a)) && p.equal === equal);
  assert.ok(has("(1,000)", "1000", false), "a tuple vs a thousands number");
  assert.ok(has("[1,3]", "(1,3)", false), "closed vs open interval");
  assert.ok(has("0.33", "\\frac{1}{3}", false), "a short decimal vs an exact fraction");
  assert.ok(has("3, 5", "3.5", false) && has("3,5", "3.5", true) && has("3,5", "5,3", true), "list vs decimal comma");
});

for (const kind of KINDS) {
  test(`grader pairs: ${kind}`, () => {
    for (const p of PAIRS.filter((x) => x.kind === kind)) {
      const want = p.symbolic ? undefined : p.equal;
      const label = `${JSON.stringify(p.a)} vs ${JSON.stringify(p.b)}`;
      const r = explainAnswers(p.a, p.b);
      assert.equal(r.equal, want, `${label}: ${r.rules.join(", ")} (normalised ${r.a.normalized} / ${r.b.normalized})`);
      assert.equal(answersEqual(p.b, p.a), want, `${label} (swapped)`);
      if (p.symbolic) {
        assert.ok(r.symbolicPairs.length > 0, `${label}: no pair left for sympy`);
        // Only plain sympy syntax goes to the sandbox.
        for (const s of r.symbolicPairs.flat()) assert.match(s, /^[A-Za-z0-9_.+\-*/(), ]+$/, s);
      }
    }
  });
}

test("extraction: boxes, phrases, spans and numbers, in that order", () => {
  assert.deepEqual(extractAnswer("so \\boxed{7} and then \\boxed{9}."), { text: "9", rule: "boxed" });
  assert.deepEqual(extractAnswer("\\boxed{2} and \\boxed{-3}"), { text: "2,-3", rule: "boxed (several, joined)" });
  assert.deepEqual(extractAnswer("it is \\boxed{\\frac{1}{2}"), { text: "\\frac{1}{2}", rule: "boxed (unclosed)" });
  assert.deepEqual(extractAnswer("Final Answer: The final answer is $8$. I hope it is correct."), { text: "8", rule: "final-answer phrase" });
  assert.deepEqual(extractAnswer("Final answer: the least $n$ is 12."), { text: "12", rule: "final-answer phrase" });
  assert.deepEqual(extractAnswer("We find $a$ and then $b = 4$"), { text: "b = 4", rule: "last math span" });
  assert.deepEqual(extractAnswer("There were $x$ cats; so 14 cats remain."), { text: "14", rule: "last number in text" });
  assert.deepEqual(extractAnswer("In all she paid 1,250 euros for it"), { text: "1,250", rule: "last number in text" });
  assert.deepEqual(extractAnswer("x \\ge 7"), { text: "x \\ge 7", rule: "whole text" });
  assert.deepEqual(extractAnswer("B2B7 is the code"), { text: "B2B7 is the code", rule: "whole text" });
});

test("normalizeAnswer strips presentation and writes relations one way", () => {
  assert.equal(normalizeAnswer("$\\left( 3, \\frac{\\pi}{2} \\right)$"), "(3,\\frac{\\pi}{2})");
  assert.equal(normalizeAnswer("\\dfrac{1}{2}."), "\\frac{1}{2}");
  assert.equal(normalizeAnswer("\\cfrac{1}{2}"), "\\frac{1}{2}");
  assert.equal(normalizeAnswer("1,000"), "1000");
  assert.equal(normalizeAnswer("1\u2009000"), "1000");
  assert.equal(normalizeAnswer("10,\\!000"), "10000");
  assert.equal(normalizeAnswer("5 \\text{ cm}"), "5");
  assert.equal(normalizeAnswer("\\text{(A)}"), "(A)");
  assert.equal(normalizeAnswer("x \\geq 3"), "x>=3");
  assert.equal(normalizeAnswer("y \\neq 2"), "y!=2");
  assert.equal(normalizeAnswer("1, 2, 3, \\ldots"), "1,2,3,\\ldots");
});

test("extractBoxed takes the last complete box and keeps nested braces", () => {
  assert.equal(extractBoxed("so \\boxed{\\frac{1}{\\sqrt{2}}} done"), "\\frac{1}{\\sqrt{2}}");
  assert.equal(extractBoxed("\\boxed{1} then \\boxed{2}."), "2");
  assert.equal(extractBoxed("\\boxed{3} and a cut-off \\boxed{\\frac{1"), "3");
  assert.equal(extractBoxed("\\boxed 5."), "5");
  assert.equal(extractBoxed("\\boxed{\\{1,2\\}}"), "\\{1,2\\}");
  assert.equal(extractBoxed("no answer here"), undefined);
});

test("parseGsm8kAnswer reads the number after ####", () => {
  assert.equal(parseGsm8kAnswer("Half is 36.\n#### 1,234"), "1234");
  assert.equal(parseGsm8kAnswer("#### -5"), "-5");
  assert.equal(parseGsm8kAnswer("no marker"), undefined);
});

test("latexToSympy prints plain sympy syntax, or refuses", () => {
  assert.equal(latexToSympy("\\frac{1}{3}+\\frac{1}{6}"), "((1/3)+(1/6))");
  assert.equal(latexToSympy("2^{10} + 3/4"), "((2**10)+(3/4))");
  assert.equal(latexToSympy("\\sqrt[3]{27}"), "((27)**(1/(3)))");
  assert.equal(latexToSympy("\\binom{5}{2}\\cdot e^{i\\pi}"), "(binomial(5,2)*(E**(I*pi)))");
  assert.equal(latexToSympy("\\sec x"), "(1/cos(x))");
  assert.equal(latexToSympy("\\log_2 8"), "(log(8)/log(2))");
  assert.equal(latexToSympy("\\lambda^2"), "(v_0**2)");
  assert.throws(() => latexToSympy("\\frac{1}"), /Not an expression/);
  assert.throws(() => latexToSympy("(1, 2)"), /Not an expression/);
  assert.throws(() => latexToSympy("__import__('os')"), /Not an expression/);
});

test("verification may round the printed output; grading compares written-out numbers exactly", () => {
  assert.equal(answersEqual("16386.17", "16386.16986"), false);
  assert.equal(answersEqual("16386.17", "16386.16986", { literalRelTol: 1e-4 }), true);
  assert.equal(answersEqual("16386.20", "16386.17", { literalRelTol: 1e-4 }), true, "within 1e-4 relative");
  assert.equal(answersEqual("7.78", "7.777777777777778", { literalRelTol: 1e-4 }), false);
});

test("hostile answers: deep nesting, long words, many unclosed boxes end in a verdict, not a crash", () => {
  assert.notEqual(answersEqual("(".repeat(20000) + "1" + ")".repeat(20000), "1"), true);
  assert.equal(answersEqual("a".repeat(50000) + " 7", "7"), true);
  assert.notEqual(answersEqual("\\boxed{".repeat(20000) + "5", "5"), true);
  assert.notEqual(answersEqual("x^".repeat(5000) + "2", "1"), true);
  assert.equal(extractBoxed("\\boxed{".repeat(5000) + "\\boxed{7}"), "7");
});

test("explainAnswers names the rule that decided", () => {
  assert.deepEqual(explainAnswers("x \\ge 7", "[7, \\infty)").rules, ["same text", "inequality as interval"]);
  assert.deepEqual(explainAnswers("\\frac{1}{2}", "0.5").rules, ["numeric"]);
  const r = explainAnswers("The answer is $\\boxed{12}$", "twelve apples");
  assert.equal(r.a.extraction, "boxed");
  assert.equal(r.equal, false);
  assert.deepEqual(explainAnswers("(1,2)", "[1,2]").rules, ["same text", "brackets"]);
});

/** A symbolic checker that knows one identity, to show the fallback is consulted only when needed. */
class ScriptedSymbolicSandbox implements Sandbox {
  readonly seen: [string, string][] = [];
  async run(): Promise<ExecResult> {
    throw new Error("not used");
  }
  async symbolicEqual(a: string, b: string): Promise<boolean | undefined> {
    this.seen.push([a, b]);
    return a === "(sqrt((-2))*sqrt((-2)))" && b === "(-2)" ? true : undefined;
  }
}

test("the symbolic fallback gets only open scalar pairs, in sympy syntax, and its verdicts feed the structure", async () => {
  const sandbox = new ScriptedSymbolicSandbox();
  assert.equal(await answersEquivalent("\\frac{1}{2}", "0.5", sandbox), true);
  assert.equal(await answersEquivalent("3", "4", sandbox), false);
  assert.equal(sandbox.seen.length, 0);
  const r = await compareAnswers("(\\sqrt{-2}\\cdot\\sqrt{-2}, 1)", "(-2, 1)", sandbox);
  assert.equal(r.equal, true);
  assert.deepEqual(r.rules.includes("symbolic (sympy)"), true);
  assert.deepEqual(sandbox.seen, [["(sqrt((-2))*sqrt((-2)))", "(-2)"]]);
  assert.equal(await answersEquivalent("(\\sqrt{-2}\\cdot\\sqrt{-2}, 2)", "(-2, 1)", sandbox), false, "a decided entry still decides");
  assert.equal(await answersEquivalent("(\\sqrt{-2}\\cdot\\sqrt{-2}, 1)", "(-2, 1)"), false, "no sandbox: undecided is not equal");
  assert.equal(await answersEquivalent("\\sum_{k} k", "q", sandbox), false);
});

const MATH500 = join(process.cwd(), "../shared/data/math500-test.jsonl");

test("every MATH-500 answer equals itself and not a perturbed version", { skip: !existsSync(MATH500) && `the MATH-500 file is not there (${MATH500}): the data sets sit beside the repository in ../shared/data` }, () => {
  const answers = readFileSync(MATH500, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { answer: string }).answer);
  let perturbedChecked = 0;
  for (const a of answers) {
    assert.equal(answersEqual(a, a), true, a);
    // Perturb the first digit, when there is one.
    const m = /\d/.exec(a);
    if (!m) continue;
    const d = Number(m[0]);
    const perturbed = a.slice(0, m.index) + String((d + 1) % 10) + a.slice(m.index + 1);
    const v = answersEqual(a, perturbed);
    assert.notEqual(v, true, `${a} vs ${perturbed}`);
    perturbedChecked++;
  }
  assert.ok(perturbedChecked > 400);
});
