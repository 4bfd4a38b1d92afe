// The step parser on ugly, real-looking model output.
import { test } from "node:test";
import assert from "node:assert/strict";
import { codeToVerify, hasCode, parseStep, truncateOutput } from "../../src/engine";

test("a plain step: comments are reasoning, code keeps them", () => {
  const s = parseStep("# Step 1: Each box has 12 apples.\napples = 3 * 12\n", { stopReason: "step" });
  assert.equal(s.reasoning, "Step 1: Each box has 12 apples.");
  assert.equal(s.code, "# Step 1: Each box has 12 apples.\napples = 3 * 12");
  assert.equal(s.endsCode, false);
  assert.equal(s.answer, undefined);
  assert.equal(s.isAnswer, false);
});

test("the last code step ends the code", () => {
  const s = parseStep("# Now print the final answer\nprint(apples - 5)", { stopReason: "code" });
  assert.equal(s.endsCode, true);
  assert.ok(hasCode(s));
});

test("LaTeX and braces in comments stay reasoning and do not break the code", () => {
  const raw = "# We need $\\frac{a}{b}$ where $a = \\sqrt{x^{2}}$ and {braces}\nfrom sympy import sqrt, Rational\nr = Rational(1, 2)";
  const s = parseStep(raw);
  assert.equal(s.reasoning, "We need $\\frac{a}{b}$ where $a = \\sqrt{x^{2}}$ and {braces}");
  assert.match(s.code, /^# We need/);
  assert.match(s.code, /r = Rational\(1, 2\)$/);
  assert.equal(s.answer, undefined);
});

test("a doubled or leaked end marker keeps only the first step", () => {
  const s = parseStep("x = 1\n<end_of_step>\n<end_of_step>\n# Step 2\ny = 2\n");
  assert.equal(s.code, "x = 1");
  assert.equal(s.endsCode, false);
  const c = parseStep("print(x)\n<end_of_code>\n<output>1<end_of_output>\n<answer>So \\boxed{1}");
  assert.equal(c.code, "print(x)");
  assert.equal(c.endsCode, true);
  // The model ran on into the answer: the step states a boxed answer, so it is terminal.
  assert.equal(c.answer, "1");
  assert.equal(c.isAnswer, true);
});

test("stray <code> tags and Markdown fences, even unterminated, are dropped", () => {
  const s = parseStep("<code>\n```python\n# Step 1: add\ntotal = 2 + 3\n");
  assert.equal(s.code, "# Step 1: add\ntotal = 2 + 3");
  assert.equal(s.reasoning, "Step 1: add");
  const fenced = parseStep("Let me compute it.\n```python\nx = 4\n```\nThat gives x.");
  assert.equal(fenced.code, "x = 4");
  assert.equal(fenced.reasoning, "Let me compute it.\nThat gives x.");
});

test("the answer step: last brace-matched box with nested braces, text after the box ignored", () => {
  const s = parseStep("The total is $\\boxed{\\frac{1}{\\sqrt{2}}}$. I hope this helps! \\boxed{", { afterCode: true });
  assert.equal(s.isAnswer, true);
  assert.equal(s.code, "");
  assert.equal(s.answer, "\\frac{1}{\\sqrt{2}}");
  const two = parseStep("First \\boxed{3}, corrected: \\boxed{4}", { stopReason: "answer" });
  assert.equal(two.answer, "4");
  // Rambling past the end marker does not count.
  const past = parseStep("So \\boxed{5}<end_of_answer>\n<|user|>: next problem \\boxed{6}", { afterCode: true });
  assert.equal(past.answer, "5");
  assert.equal(past.text, "So \\boxed{5}");
});

test("a truncated answer (maxTokens) has no answer and no crash", () => {
  const s = parseStep("The answer is \\boxed{\\frac{3}{", { stopReason: "maxTokens", afterCode: true });
  assert.equal(s.answer, undefined);
  assert.equal(s.isAnswer, true);
});

test("an answer line in prose inside a code step is not code", () => {
  const s = parseStep("# compute\nx = 2 + 2\nSo the answer is \\boxed{4}");
  assert.equal(s.code, "# compute\nx = 2 + 2");
  assert.equal(s.answer, "4");
  // print of a boxed string is code.
  const p = parseStep("print(f'\\\\boxed{{{x}}}')");
  assert.equal(p.code, "print(f'\\\\boxed{{{x}}}')");
});

test("only comments: no code to run; empty text parses to nothing", () => {
  const s = parseStep("# Let's think about the parity first.");
  assert.equal(hasCode(s), false);
  const e = parseStep("   \n");
  assert.equal(e.code, "");
  assert.equal(e.reasoning, "");
});

test("invented output after the code is removed", () => {
  const s = parseStep("print(5)\n<output>5<end_of_output>\n", { stopReason: "code" });
  assert.equal(s.code, "print(5)");
  assert.equal(s.endsCode, true);
});

test("codeToVerify re-runs every earlier step, then the new one", () => {
  const prev = [parseStep("a = 2"), parseStep("# only a comment"), parseStep("b = a * 3")];
  assert.equal(codeToVerify(prev, parseStep("print(b)")), "a = 2\n# only a comment\nb = a * 3\nprint(b)");
  assert.equal(codeToVerify([], parseStep("x = 1")), "x = 1");
  // Indentation survives.
  assert.equal(codeToVerify([], parseStep("for i in range(2):\n    print(i)")), "for i in range(2):\n    print(i)");
});

test("truncateOutput keeps the start and the end within the limit", () => {
  assert.equal(truncateOutput("short"), "short");
  const long = "a".repeat(2000) + "FINAL";
  const t = truncateOutput(long, 1024);
  assert.equal(t.length, 1024);
  assert.ok(t.endsWith("FINAL"));
  assert.ok(t.startsWith("aaa"));
  assert.equal(truncateOutput("abcdef", 3), "abc");
});
