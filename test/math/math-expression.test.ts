import { test } from "node:test";
import assert from "node:assert/strict";
import { findExpressionAt, findSolvedProblemAt, toSympyInput } from "../../src/math/math-expression";

function at(text: string, needle: string): number {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, `${needle} not in ${text}`);
  return i;
}

test("finds a plain expression inside a sentence, without the words around it", () => {
  const text = "What is 2^10 + 3/4? Think about it.";
  const e = findExpressionAt(text, at(text, "10"));
  assert.equal(e?.text, "2^10 + 3/4");
  assert.equal(e?.kind, "plain");
  assert.equal(text.slice(e!.start, e!.end), "2^10 + 3/4");
});

test("finds inline LaTeX between dollars and converts \\frac", () => {
  const text = "Compute $\\frac{1}{3}+\\frac{1}{6}$ please.";
  const e = findExpressionAt(text, at(text, "frac{1}{6}"));
  assert.equal(e?.kind, "latex");
  assert.equal(e?.text, "\\frac{1}{3}+\\frac{1}{6}");
  assert.equal(toSympyInput(e!), "((1/3)+(1/6))");
});

test("finds a known function call such as integrate(x^2, x)", () => {
  const text = "Try integrate(x^2, x) here";
  const e = findExpressionAt(text, at(text, "grate"));
  assert.equal(e?.text, "integrate(x^2, x)");
});

test("ignores prose, lone numbers and unbalanced brackets", () => {
  const prose = "Tom has apples in boxes.";
  assert.equal(findExpressionAt(prose, 5), undefined);
  const lone = "There are 12 boxes.";
  assert.equal(findExpressionAt(lone, at(lone, "12")), undefined);
  const open = "see (2 + 3";
  assert.equal(findExpressionAt(open, at(open, "2")), undefined);
});

test("only looks at the hovered line", () => {
  const text = "1 + 1\nwords only here";
  assert.equal(findExpressionAt(text, at(text, "words")), undefined);
  assert.equal(findExpressionAt(text, 0)?.text, "1 + 1");
});

test("toSympyInput converts with the engine's reader: powers, roots, products and nested groups", () => {
  const latex = (text: string) => toSympyInput({ text, kind: "latex" });
  assert.equal(latex("2^{10}"), "(2**10)");
  assert.equal(latex("\\sqrt{16}\\cdot 3"), "(sqrt(16)*3)");
  assert.equal(latex("\\sqrt[3]{27}"), "((27)**(1/(3)))");
  assert.equal(latex("\\frac{\\frac{1}{2}}{4}"), "((1/2)/4)");
  assert.equal(latex("\\left(1+2\\right)\\times 3"), "((1+2)*3)");
  assert.throws(() => latex("\\frac{1}"), /Not an expression/);
  // Plain text the reader does not know is sympy syntax already.
  assert.equal(toSympyInput({ text: "integrate(x^2, x)", kind: "plain" }), "integrate(x^2, x)");
  assert.equal(toSympyInput({ text: "2^10 + 3/4", kind: "plain" }), "((2**10)+(3/4))");
});

test("findSolvedProblemAt matches a solved problem's text around the offset", () => {
  const problem = "Tom has 3 boxes with 12 apples each.";
  const doc = { getText: () => `# Notes\n\n${problem}\n\nMore text.` };
  const hit = findSolvedProblemAt(doc, doc.getText().indexOf("boxes"), [problem]);
  assert.equal(hit?.problem, problem);
  assert.equal(findSolvedProblemAt(doc, doc.getText().indexOf("More"), [problem]), undefined);
});

test("dates and number ranges are not taken for arithmetic", () => {
  for (const text of ["Due 2024-01-05.", "Groups of 3-5 people", "On 12/03/2024 we met"]) {
    const digit = text.search(/\d/);
    assert.equal(findExpressionAt(text, digit + 1), undefined, text);
  }
  assert.equal(findExpressionAt("Compute 10 - 4 * 2 now", 9)?.text, "10 - 4 * 2");
});
