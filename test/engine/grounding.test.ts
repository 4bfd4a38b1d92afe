// Where a step's numbers come from (src/engine/grounding.ts): numbers in the problem as digits and words,
// literals in Python code, the steps that write a number from nowhere, and the problem's numbers no step uses.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { codeLiterals, proseNumbers, ungroundedNumbers, unusedNumbers } from "../../src/engine/grounding";

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

describe("unused numbers", () => {
  const q = "Jenna read 23 pages on Monday and 31 pages on Tuesday. Her book has 120 pages. How many pages are left?";

  test("a number of the problem that no step's code writes is unused, in the problem's order and spelling", () => {
    assert.deepEqual(unusedNumbers(q, ["goal = 120", "done = 23\nprint(goal - done)"]), ["31"]);
    assert.deepEqual(unusedNumbers(q, ["print(120 - (23 + 31))"]), []);
    assert.deepEqual(unusedNumbers(q, []), ["23", "31", "120"]);
  });

  test("only code counts: a number in a comment, a string or an output is not a use", () => {
    assert.deepEqual(unusedNumbers(q, ["# 31 pages on Tuesday\nx = 120 - 23\nprint(f'{x} after 31')"]), ["31"]);
  });

  test("values count, not spellings: 1,200 as 1200 or 1_200, $4.50 as 4.5, 25% as 0.25", () => {
    const p = "A bike costs $1,200 and a helmet $4.50. With 25% off the bike, what do both cost?";
    assert.deepEqual(unusedNumbers(p, ["bike = 1_200 * (1 - 0.25)\nprint(bike + 4.5)"]), []);
    assert.deepEqual(unusedNumbers(p, ["print(1200 * 0.75)"]), ["4.50", "25"]);
  });

  test("0, 1, ordinals, labels glued to letters and times of day are not quantities to use", () => {
    const p = "On the 3rd floor, room B12, 1 teacher and 0 parents watch 14 kids from 3:30. How many kids?";
    assert.deepEqual(unusedNumbers(p, ["print(14)"]), []);
  });

  test("a number the problem repeats is named once", () => {
    assert.deepEqual(unusedNumbers("Ann has 5 cats and 5 dogs. Bo has 7. How many pets?", ["print(7)"]), ["5"]);
  });
});
