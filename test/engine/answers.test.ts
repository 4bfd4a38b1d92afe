// Labelled answer pairs across every category the graders handle. MATH-500 answers are copied in as
// literals (marked "math500") so the test needs no data set.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  answersEqual,
  answersEquivalent,
  extractBoxed,
  gradeAnswer,
  gradeCommand,
  normalizeAnswer,
  parseGsm8kAnswer,
} from "../../src/engine/answers";
import type { ExecResult, Sandbox } from "../../src/engine/types";

/** [answer, reference, expected]; undefined = the plain rules must leave it to the symbolic check. */
type Pair = [string, string, boolean | undefined];

const PAIRS: Record<string, Pair[]> = {
  strings: [
    ["5", "5", true],
    ["$5$", "5", true],
    ["5.", "5", true],
    ["\\text{even}", "even", true],
    ["\\text{Even}", "\\text{odd}", false],
    ["\\text{(E)}", "E", true],
    ["\\text{(E)}", "(D)", false],
    ["(C)", "C", true],
    ["B", "\\textbf{(B)}", true],
    ["A", "B", false],
    ["\\left( 3, \\frac{\\pi}{2} \\right)", "(3,\\frac{\\pi}{2})", true],
    ["\\displaystyle 7", "7", true],
    ["\\(12\\)", "12", true],
    ["\\text{no solution}", "\\text{No Solution}", true],
    ["\\text{Monday}", "\\text{Tuesday}", false],
    ["Evelyn", "Evelny", false],
  ],
  numbers: [
    ["42", "42.0", true],
    ["42", "42.00001", true],
    ["42", "42.1", false],
    ["10000", "10001", false],
    ["2220", "2,220", true],
    ["1,000,000", "1000000", true],
    ["1{,}000", "1000", true],
    ["-4", "-4", true],
    ["-4", "4", false],
    ["0.5", ".5", true],
    ["3.14159", "\\pi", true],
    ["3.14", "\\pi", false],
    ["1.4142", "\\sqrt{2}", true],
    ["27648", "27648", true],
    ["27648", "27649", false],
    ["\\$18.90", "18.9", true],
    ["\\$1,000", "1000", true],
    ["+7", "7", true],
    ["0", "0.0", true],
    ["0", "0.001", false],
    ["1e", "1", false],
  ],
  percentages: [
    ["50\\%", "0.5", true],
    ["50\\%", "50", true],
    ["50%", "0.5", true],
    ["0.5", "50\\%", true],
    ["25\\%", "0.5", false],
    ["2", "200", false],
    ["12.5\\%", "\\frac{1}{8}", true],
  ],
  units: [
    ["5\\text{ cm}", "5", true],
    ["5 \\text{ cm}^2", "5", true],
    ["12 dollars", "12", true],
    ["145^\\circ", "145", true],
    ["145^{\\circ}", "145^\\circ", true],
    ["120^\\circ", "60^\\circ", false],
    ["6 \\text{ square units}", "6", true],
    ["30 \\text{ minutes}", "30", true],
    ["30 \\text{ minutes}", "40", false],
    ["8 inches", "8", true],
  ],
  fractions: [
    ["\\frac{1}{2}", "0.5", true],
    ["\\frac{1}{2}", "2/4", true],
    ["\\dfrac{1}{2}", "\\frac12", true],
    ["\\tfrac{3}{4}", "0.75", true],
    ["\\frac{14}{3}", "4.6667", true],
    ["\\frac{14}{3}", "4.6", false],
    ["\\frac{11}{36}", "11/36", true],
    ["\\frac{11}{36}", "\\frac{11}{35}", false],
    ["\\frac 59", "\\frac{5}{9}", true],
    ["\\frac9{19}", "\\frac{9}{19}", true],
    ["\\frac9{19}", "\\frac{9}{17}", false],
    ["-\\frac{24}{25}", "\\frac{-24}{25}", true],
    ["-\\frac{24}{25}", "\\frac{24}{25}", false],
    ["\\frac{16}{27}", "16/27", true],
    ["\\frac{3}{2}", "1.5", true],
    ["\\frac{3}{2}", "\\frac{2}{3}", false],
    ["\\frac{1}{3}", "0.3333", true],
    ["\\frac{1}{3}", "0.33", false],
    ["\\frac{7}{4}", "1\\frac{3}{4}", false],
    ["\\frac{2}{4}", "\\frac{1}{2}", true],
  ],
  roots: [
    ["\\sqrt{5}", "\\sqrt5", true],
    ["\\sqrt{5}", "5^{1/2}", true],
    ["\\sqrt{5}", "\\sqrt{6}", false],
    ["2\\sqrt{2}", "\\sqrt{8}", true],
    ["2\\sqrt{2}", "\\sqrt{2}", false],
    ["\\sqrt{16}", "4", true],
    ["\\frac{\\sqrt{3}}{2}", "\\frac{1}{2}\\sqrt{3}", true],
    ["\\frac{\\sqrt{3}}{3}", "\\frac{1}{\\sqrt{3}}", true],
    ["\\sqrt[3]{27}", "3", true],
    ["3\\sqrt{3}", "\\sqrt{27}", true],
    ["\\sqrt{2}+1", "1+\\sqrt{2}", true],
    ["\\sqrt{2}-1", "1-\\sqrt{2}", false],
  ],
  pi: [
    ["2\\pi", "2 \\pi", true],
    ["\\frac{\\pi}{2}", "\\pi/2", true],
    ["\\frac{\\pi}{2}", "\\frac{\\pi}{3}", false],
    ["6\\pi", "6 pi", true],
    ["\\frac{3\\pi}{4}", "\\frac34\\pi", true],
    ["\\pi r^2", "r^2\\pi", true],
  ],
  arithmetic: [
    ["2^{10}", "1024", true],
    ["2^{10}", "1000", false],
    ["3 \\cdot 4", "12", true],
    ["3 \\times 4", "12", true],
    ["12 \\div 4", "3", true],
    ["5!", "120", true],
    ["\\binom{5}{2}", "10", undefined],
    ["(2+3)(4)", "20", true],
    ["-2^2", "-4", true],
    ["10^{-2}", "0.01", true],
  ],
  algebra: [
    ["-13x+3", "3-13x", true],
    ["-13x+3", "13x+3", false],
    ["6 - 5i", "6-5i", true],
    ["6+9i", "9i+6", true],
    ["6+9i", "6-9i", false],
    ["3R^2", "3 R^2", true],
    ["3R^2", "3R", false],
    ["p - q", "-q+p", true],
    ["p - q", "q - p", false],
    ["x^2+2x+1", "(x+1)^2", true],
    ["x^2+2x+1", "(x-1)^2", false],
    ["\\frac{x}{2}", "0.5x", true],
    ["2x", "x2", true],
    ["a^2b", "ba^2", true],
  ],
  equations: [
    ["x = 5", "5", true],
    ["5", "x=5", true],
    ["x=5", "y=5", false],
    ["x = 5", "6", false],
    ["y = 2x + 3", "y = 3 + 2x", true],
    ["y = 2x + 3", "2x + 3", true],
    ["y=2x+3", "y=2x-3", false],
    ["2x+2y=4", "x+y=2", true],
    ["2x+2y=4", "x+y=3", false],
    ["k = \\frac{1}{2}", "0.5", true],
    ["f(2) = 7", "7", true],
    ["\\theta = \\frac{\\pi}{4}", "\\frac{\\pi}{4}", true],
  ],
  tuples: [
    ["(6,31,-1)", "(6, 31, -1)", true],
    ["(6,31,-1)", "(6,-1,31)", false],
    ["(6,31,-1)", "(6,31)", false],
    ["(1,\\frac{1}{2})", "(1,0.5)", true],
    ["\\left(3,\\frac{\\pi}{2}\\right)", "(3, 1.5708)", true],
    ["(3, \\frac{\\pi}{2})", "(3, \\pi)", false],
    ["(1,2)", "1,2", true],
  ],
  intervals: [
    ["[1,2)", "[1,2)", true],
    ["[1,2)", "(1,2)", false],
    ["[1,2]", "[1,2)", false],
    ["(0,9) \\cup (9,36)", "(0, 9)\\cup(9, 36)", true],
    ["(0,9) \\cup (9,36)", "(0,36)", false],
    ["(-\\infty, 2) \\cup (3, \\infty)", "(-\\infty,2)\\cup(3,\\infty)", true],
    ["(-\\infty, 2) \\cup (3, \\infty)", "(-\\infty,2]\\cup(3,\\infty)", false],
    ["(2,12) \\cup (12,102)", "(2,12)\\cup(12,102)", true],
    ["(-\\infty, 0]", "(-\\infty,0]", true],
    ["(-\\infty, 0]", "(-\\infty, 0)", false],
    ["[-2, 7]", "[-2,7.0]", true],
  ],
  sets: [
    ["1,-2", "-2, 1", true],
    ["1,-2", "1, 2", false],
    ["\\{1,2,3\\}", "\\{3,2,1\\}", true],
    ["\\{1,2,3\\}", "\\{1,2\\}", false],
    ["\\{1,2,3\\}", "3, 1, 2", true],
    ["2, \\frac{1}{2}", "0.5, 2", true],
    ["1 \\pm \\sqrt{2}", "1+\\sqrt{2}, 1-\\sqrt{2}", true],
    ["1 \\pm \\sqrt{2}", "1+\\sqrt{2}", false],
    ["-1, 1", "1", false],
    ["1, 1, 2", "1, 2, 2", false],
  ],
  matrices: [
    ["\\begin{pmatrix} -2 \\\\ -14 \\\\ -7 \\end{pmatrix}", "\\begin{bmatrix}-2\\\\-14\\\\-7\\end{bmatrix}", true],
    ["\\begin{pmatrix} -2 \\\\ -14 \\\\ -7 \\end{pmatrix}", "\\begin{pmatrix}-2\\\\14\\\\-7\\end{pmatrix}", false],
    ["\\begin{pmatrix} 16/49 \\\\ 48/49 \\\\ 24/49 \\end{pmatrix}", "\\begin{pmatrix}\\frac{16}{49}\\\\\\frac{48}{49}\\\\\\frac{24}{49}\\end{pmatrix}", true],
    ["\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}", "\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}", true],
    ["\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}", "\\begin{pmatrix} 1 & 3 \\\\ 2 & 4 \\end{pmatrix}", false],
    ["\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}", "\\begin{pmatrix} 1 & 2 & 3 & 4 \\end{pmatrix}", false],
    ["\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}", "(1,2)", false],
  ],
  boxed: [
    ["The answer is \\boxed{\\frac{1}{2}}.", "0.5", true],
    ["\\boxed{7}", "7", true],
    ["\\boxed{x = 3}", "3", true],
  ],
  math500: [
    ["42", "42", true],
    ["2220", "2220", true],
    ["52_8", "52_8", true],
    ["203", "230", false],
    ["40_9", "40_9", true],
    ["501", "501.0", true],
    ["1260", "1,260", true],
    ["\\frac{4}{9}", "0.4444", true],
    ["1736", "1763", false],
    ["\\frac{13}{18}", "13/18", true],
    ["\\frac{16}{5}", "3.2", true],
    ["4005", "4,005", true],
    ["-\\frac{24}{25}", "-0.96", true],
    ["55^\\circ", "55", true],
    ["75^\\circ", "57", false],
    ["4.5", "\\frac{9}{2}", true],
    ["121", "11^2", true],
    ["-41", "-14", false],
    ["52_8", "52_{8}", true],
    ["52_8", "52", true],
    ["52_8", "42", false],
    ["52_8", "52_9", false],
    ["4210_{5}", "4210_5", true],
    ["5x - 7y + 11z + 4 = 0", "5x-7y+11z+4=0", true],
    ["5x - 7y + 11z + 4 = 0", "-5x+7y-11z-4=0", true],
    ["5x - 7y + 11z + 4 = 0", "5x-7y+11z-4=0", false],
    ["5x - 7y + 11z + 4 = 0", "9", false],
  ],
};

for (const [category, pairs] of Object.entries(PAIRS)) {
  test(`answer equivalence: ${category}`, () => {
    for (const [a, b, expected] of pairs) {
      assert.equal(answersEqual(a, b), expected, `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
      // Symmetry.
      assert.equal(answersEqual(b, a), expected, `${JSON.stringify(b)} vs ${JSON.stringify(a)} (swapped)`);
    }
  });
}

test("at least 150 labelled pairs", () => {
  const n = Object.values(PAIRS).reduce((s, p) => s + p.length, 0);
  assert.ok(n >= 150, `only ${n} pairs`);
});

test("normalizeAnswer strips presentation", () => {
  assert.equal(normalizeAnswer("$\\left( 3, \\frac{\\pi}{2} \\right)$"), "(3,\\frac{\\pi}{2})");
  assert.equal(normalizeAnswer("\\dfrac{1}{2}."), "\\frac{1}{2}");
  assert.equal(normalizeAnswer("1,000"), "1000");
  assert.equal(normalizeAnswer("5 \\text{ cm}"), "5");
  assert.equal(normalizeAnswer("\\text{(A)}"), "(A)");
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

test("gradeCommand: 0 equal, 1 not, 2 bad input", () => {
  assert.equal(gradeCommand("\\frac{1}{2}", "0.5"), 0);
  assert.equal(gradeCommand("3", "4"), 1);
  assert.equal(gradeCommand("", "4"), 2);
  assert.equal(gradeCommand("4", "  $ $ "), 2);
});

/** A symbolic checker that only knows one fact, to show the fallback is consulted only when needed. */
class ScriptedSymbolicSandbox implements Sandbox {
  calls = 0;
  async run(): Promise<ExecResult> {
    throw new Error("not used");
  }
  async symbolicEqual(a: string, b: string): Promise<boolean | undefined> {
    this.calls++;
    return a.includes("binom") && b === "10" ? true : undefined;
  }
}

test("answersEquivalent falls back to the sandbox only when the rules cannot decide", async () => {
  const sandbox = new ScriptedSymbolicSandbox();
  assert.equal(await answersEquivalent("\\frac{1}{2}", "0.5", sandbox), true);
  assert.equal(await answersEquivalent("3", "4", sandbox), false);
  assert.equal(sandbox.calls, 0);
  assert.equal(await answersEquivalent("\\binom{5}{2}", "10", sandbox), true);
  assert.equal(await answersEquivalent("\\binom{5}{2}", "10"), false);
  assert.equal(await answersEquivalent("\\sum_{k} k", "q"), false);
  assert.equal(await gradeAnswer("\\binom{5}{2}", "10", { sandbox }), 0);
});

// Run from the repository root (as npm scripts do); the data set sits beside it in ../shared/data.
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
