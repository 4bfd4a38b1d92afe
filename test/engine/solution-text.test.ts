import { test } from "node:test";
import assert from "node:assert/strict";
import { solutionText } from "../../src/engine/solution-text";
import type { Trajectory } from "../../src/engine/types";

const trajectory: Trajectory = {
  answer: "31",
  verified: true,
  answerMatchesOutput: true,
  score: 0.9,
  source: 0,
  steps: [
    { id: 1, reasoning: "Step 1: Tom has 3 boxes of 12 apples.", code: "# Step 1: Tom has 3 boxes of 12 apples.\napples = 3 * 12", output: "", verified: true, score: 0.8, q: 0.8, visits: 2, raw: "" },
    { id: 2, reasoning: "Step 2: He gives away 5.", code: "# Step 2: He gives away 5.\nleft = apples - 5\nprint(left)", output: "31", verified: true, score: 0.9, q: 0.9, visits: 2, raw: "" },
  ],
};
const problem = "Tom has 3 boxes with 12 apples each. He gives away 5 apples. How many are left?";

test("Markdown documents get LaTeX math and fenced Python", () => {
  const md = solutionText(trajectory, { languageId: "markdown", what: "solution", problem });
  assert.match(md, /\*\*Answer:\*\* \$31\$ \(verified: the code ran and the answer is what it printed\)/);
  assert.match(md, /^1\. Tom has 3 boxes of 12 apples\.\n\n {3}```python\n {3}apples = 3 \* 12\n {3}```/);
  assert.doesNotMatch(md, /Step 1:/);
  assert.equal(solutionText(trajectory, { languageId: "markdown", what: "answer", problem }), "**Answer:** $31$ (verified: the code ran and the answer is what it printed)");
});

test("source files get a comment in their own syntax", () => {
  const py = solutionText(trajectory, { languageId: "python", what: "solution", problem });
  for (const line of py.split("\n")) assert.ok(line.startsWith("# "), line);
  assert.match(py, /# Answer: 31 \(verified: the code ran and the answer is what it printed\)/);
  const ts = solutionText(trajectory, { languageId: "typescript", what: "answer", problem });
  assert.equal(ts, "// Answer: 31 (verified: the code ran and the answer is what it printed)");
  const tex = solutionText(trajectory, { languageId: "latex", what: "answer", problem });
  assert.equal(tex, "% Answer: 31 (verified: the code ran and the answer is what it printed)");
  const html = solutionText(trajectory, { languageId: "html", what: "answer", problem });
  assert.equal(html, "<!--\nAnswer: 31 (verified: the code ran and the answer is what it printed)\n-->");
});

test("an answer that misquotes the output says why it is not verified", () => {
  const t: Trajectory = { ...trajectory, answer: "514", verified: false, answerMatchesOutput: false };
  assert.equal(
    solutionText(t, { languageId: "markdown", what: "answer", problem }),
    "**Answer:** $514$ (not verified: the answer differs from what the code printed (31))",
  );
});

test("a bare \\boxed{} in the reasoning becomes inline math in Markdown", () => {
  const t: Trajectory = { ...trajectory, steps: [{ ...trajectory.steps[0], reasoning: "Tom has \\boxed{31} apples left.", code: "" }] };
  const md = solutionText(t, { languageId: "markdown", what: "solution", problem });
  assert.match(md, /^1\. Tom has \$\\boxed\{31\}\$ apples left\./);
});
