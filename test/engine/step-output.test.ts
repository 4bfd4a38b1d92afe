// What a PPM trained on steps with their printed output reads (stepsAsRead), against the training side's
// own rule (models/train/ppm_text.py), run as Python on the same cases.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { STEPWISE_PPM, STEPWISE_PPM_OUTPUTS, guessRewardDescriptor, stepsAsRead } from "../../src/engine/steps/reward-descriptors";

const ROOT = resolve(__dirname, "../../..");
const step = (n: number) => `# Step ${n}: compute\nx${n} = ${n} * 12\nprint(x${n})\n<end_of_step>\n`;
const last = "# Step 3: answer\nprint(x2 - 5)\n<end_of_code>\n<output>31\n<end_of_output>\n<answer>The answer is \\boxed{31}<end_of_answer>";

const cases: { steps: string[]; outputs: string[] }[] = [
  // each step re-runs the code before it: its output starts with what the steps before printed
  { steps: [step(1), step(2), last], outputs: ["12\n", "12\n24\n", "12\n24\n31\n"] },
  // a step that printed nothing reads as rendered
  { steps: [step(1), step(2)], outputs: ["", ""] },
  // output that does not continue the previous one (a truncated run) is taken whole
  { steps: [step(1), step(2)], outputs: ["12\n", "…[5 characters omitted]…\n24\n"] },
  // long output is cut to 200 characters after trimming
  { steps: [step(1)], outputs: [`${"7".repeat(500)}\n`] },
  // "$&" in printed text is not a replacement pattern
  { steps: [step(1)], outputs: ["cost $& more\n"] },
];

test("without stepOutput the steps are read as rendered", () => {
  for (const c of cases) assert.deepEqual(stepsAsRead(STEPWISE_PPM, c.steps, c.outputs), c.steps);
});

test("with stepOutput an intermediate step carries what it newly printed; the answer step is unchanged", () => {
  const [s1, s2, s3] = stepsAsRead(STEPWISE_PPM_OUTPUTS, cases[0].steps, cases[0].outputs);
  assert.equal(s1, `${step(1)}<output>12<end_of_output>\n`);
  assert.equal(s2, `${step(2)}<output>24<end_of_output>\n`);
  assert.equal(s3, last);
  assert.deepEqual(stepsAsRead(STEPWISE_PPM_OUTPUTS, cases[1].steps, cases[1].outputs), cases[1].steps);
  assert.deepEqual(stepsAsRead(STEPWISE_PPM_OUTPUTS, cases[0].steps), cases[0].steps, "no outputs given: as rendered");
});

test("the engine reads steps exactly as models/train/ppm_text.py builds them for training", (t) => {
  const program = [
    "import json, sys",
    `sys.path.insert(0, ${JSON.stringify(join(ROOT, "models", "train"))})`,
    "from ppm_text import new_output, ppm_step",
    "out = []",
    "for c in json.load(sys.stdin):",
    "    prev = ''",
    "    row = []",
    "    for s, o in zip(c['steps'], c['outputs']):",
    "        row.append(ppm_step(s, new_output(o, prev)))",
    "        prev = o",
    "    out.append(row)",
    "print(json.dumps(out))",
  ].join("\n");
  const py = spawnSync("python3", ["-c", program], { input: JSON.stringify(cases), encoding: "utf8" });
  if (py.error) return t.skip(`python3 is not available (${py.error.message})`);
  assert.equal(py.status, 0, py.stderr);
  const expected = JSON.parse(py.stdout) as string[][];
  cases.forEach((c, i) => assert.deepEqual(stepsAsRead(STEPWISE_PPM_OUTPUTS, c.steps, c.outputs), expected[i], `case ${i}`));
});

test("a GGUF named stepwise-ppm-outputs (file or general.name) is read with outputs; one named stepwise-ppm without", () => {
  assert.equal(guessRewardDescriptor("stepwise-ppm.gguf stepwise-ppm").id, "stepwise-ppm");
  assert.equal(guessRewardDescriptor("sha256-0af3 stepwise-ppm-outputs").id, "stepwise-ppm-outputs");
});
