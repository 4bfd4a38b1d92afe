// Where a step's numbers come from (src/engine/grounding.ts): numbers in the problem as digits and words,
// literals in Python code, and the steps that write a number from nowhere.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { codeLiterals, proseNumbers, ungroundedNumbers } from "../../src/engine/grounding";

const has = (xs: number[], v: number) => xs.some((x) => Math.abs(x - v) < 1e-9);

describe("numbers in a problem", () => {
  test("digits, thousands separators, decimals, fractions, mixed numbers and percentages", () => {
    const n = proseNumbers("Ann paid $1,250.50 for 3/4 of the land, 2 1/2 acres, and a tax of 8% (\\frac{5}{8} of it).");
    for (const v of [1250.5, 3, 4, 0.75, 2.5, 8, 0.08, 1.08, 0.92, 5, 8, 0.625]) assert.ok(has(n, v), `missing ${v} in ${n}`);
    assert.ok(!has(n, 250) && !has(n, 250.5), "a comma of thousands does not split the number");
  });

  test("numbers written as words, compounds included", () => {
    const n = proseNumbers("Forty-two birds, two hundred and five eggs, three thousand ants and a hundred bees.");
    for (const v of [42, 40, 2, 205, 5, 3000, 100]) assert.ok(has(n, v), `missing ${v} in ${n}`);
  });

  test("idioms that name a number", () => {
    const n = proseNumbers("She bought a dozen eggs, twice as many apples, half of the pears, a quarter of the plums and a third of the figs.");
    for (const v of [12, 2, 0.5, 4, 0.25, 3, 1 / 3]) assert.ok(has(n, v), `missing ${v} in ${n}`);
    assert.ok(!has(proseNumbers("Someone ran."), 1), "'one' inside another word is not a number");
  });
});

describe("literals in code", () => {
  test("comments, strings and f-strings count for nothing; names with digits are not numbers", () => {
    const code = [
      "# Step 1: 37 apples",
      "x1 = 3 * 12 + 0.5",
      "label = 'box 99' + \"crate 77\"",
      'print(f"{x1:.2f} and 55")',
      'doc = """line 66',
      'line 44"""',
      "y = x1 ** 2 - .25 + 1_000 + 4j  # 88 more",
    ].join("\n");
    assert.deepEqual(codeLiterals(code), ["3", "12", "0.5", "2", ".25", "1_000", "4j"]);
  });
});

describe("ungrounded numbers", () => {
  const problem = "Tom has 3 boxes with 12 apples each. He gives away 5 apples. How many apples are left?";

  test("a number copied from the problem, or computed earlier, is grounded; a number from nowhere is not", () => {
    const steps = [
      { code: "apples = 3 * 12", output: "" },
      { code: "left = apples - 17\nprint(left)", output: "19\n" },
      { code: "print(left - 19 + 17)", output: "17\n" },
    ];
    assert.deepEqual(ungroundedNumbers(problem, steps), [[], ["17"], []]);
  });

  test("common constants and what an earlier step printed are grounded", () => {
    const steps = [
      { code: "minutes = 3 * 60\nprint(minutes)", output: "180\n" },
      { code: "print(180 + 5)", output: "185\n" },
    ];
    assert.deepEqual(ungroundedNumbers(problem, steps), [[], []]);
  });

  test("tolerances with exponents are not quantities; each number is named once", () => {
    const steps = [{ code: "ok = abs(x - 41) < 1e-9\ny = 41 + 41 + 43", output: "" }];
    assert.deepEqual(ungroundedNumbers(problem, steps), [["41", "43"]]);
  });

  test("words and idioms in the problem ground the code's digits", () => {
    const q = "Sam reads twenty-five pages a day for a fortnight and then half as many for a dozen days. How many pages?";
    const steps = [{ code: "a = 25 * 14\nb = 25 * 0.5 * 12\nprint(a + b)", output: "500.0\n" }];
    assert.deepEqual(ungroundedNumbers(q, steps), [[]]);
  });
});
