// The code-augmented chain-of-thought step format (rStar-Math): reasoning as Python comments plus code,
// each step closed by a marker; the last code step's output is quoted, then the answer in \boxed{}.

import type { StepCandidate } from "../types";

export const END_OF_STEP = "<end_of_step>";
export const END_OF_CODE = "<end_of_code>";
export const END_OF_ANSWER = "<end_of_answer>";
export const OUTPUT_OPEN = "<output>";
export const END_OF_OUTPUT = "<end_of_output>";
export const ANSWER_OPEN = "<answer>";
export const CODE_OPEN = "<code>";

/** Strings the policy stops at. */
export const STOP_MARKERS = [END_OF_STEP, END_OF_CODE, END_OF_ANSWER] as const;

/**
 * How the prompt is laid out:
 * - "rstar": the format a model fine-tuned on rStar-Math data (or ours, in models/) expects.
 * - "fewshot": an instruction plus two worked examples, for models never trained on the format.
 * - "chatml": the rStar instruction inside a ChatML turn, for chat models that know `<|im_start|>`.
 */
export type PromptStyle = "rstar" | "fewshot" | "chatml";

export const ASSISTANT_OPENING = "Let's think step by step and solve the problem with code.";

const FEWSHOT_INSTRUCTION =
  "Solve the math problem step by step. Write each step as Python: reasoning in # comments, then code that does " +
  "ALL the calculation (math and sympy are available). End each step with <end_of_step>. In the last code step " +
  "print the result and end it with <end_of_code>. After the output, give the final answer in \\boxed{} and end " +
  "with <end_of_answer>.";

const FEWSHOT_EXAMPLES: ReadonlyArray<{ question: string; solution: string }> = [
  {
    question: "A shop sells pens at $3 each. Ana buys 4 pens and pays with a $20 bill. How much change does she get?",
    solution:
      `${CODE_OPEN}\n# Step 1: The pens cost 4 times $3.\ncost = 4 * 3\n${END_OF_STEP}\n` +
      `# Step 2: The change is what is left of $20.\nchange = 20 - cost\n# Now print the final answer\nprint(change)\n${END_OF_CODE}\n` +
      `${OUTPUT_OPEN}8${END_OF_OUTPUT}\n${ANSWER_OPEN}Ana gets $8 back. The answer is \\boxed{8}${END_OF_ANSWER}`,
  },
  {
    question: "Solve for x: 2x^2 - 8 = 0, and give the positive root.",
    solution:
      `${CODE_OPEN}\n# Step 1: Solve the equation with sympy.\nfrom sympy import symbols, solve\nx = symbols('x')\nroots = solve(2*x**2 - 8, x)\n${END_OF_STEP}\n` +
      `# Step 2: Keep the positive root.\npositive = [r for r in roots if r > 0][0]\n# Now print the final answer\nprint(positive)\n${END_OF_CODE}\n` +
      `${OUTPUT_OPEN}2${END_OF_OUTPUT}\n${ANSWER_OPEN}The positive root is \\boxed{2}${END_OF_ANSWER}`,
  },
];

/** The text before the first step: the question and the assistant's opening, ending with `<code>\n`. */
export function buildPromptHeader(problem: string, style: PromptStyle = "rstar"): string {
  const q = problem.trim();
  switch (style) {
    case "rstar":
      return `<|user|>:\n${q}\n<|assistant|>: ${ASSISTANT_OPENING}\n${CODE_OPEN}\n`;
    case "chatml":
      return (
        `<|im_start|>system\n${FEWSHOT_INSTRUCTION}<|im_end|>\n<|im_start|>user\n${q}<|im_end|>\n` +
        `<|im_start|>assistant\n${ASSISTANT_OPENING}\n${CODE_OPEN}\n`
      );
    case "fewshot": {
      const shots = FEWSHOT_EXAMPLES.map(
        (e) => `<|user|>:\n${e.question}\n<|assistant|>: ${ASSISTANT_OPENING}\n${e.solution}\n\n`,
      ).join("");
      return `${FEWSHOT_INSTRUCTION}\n\n${shots}<|user|>:\n${q}\n<|assistant|>: ${ASSISTANT_OPENING}\n${CODE_OPEN}\n`;
    }
  }
}

/** The whole prompt for proposing the next step: header plus every earlier rendered step. */
export function buildPrompt(problem: string, previousSteps: readonly string[], style: PromptStyle = "rstar"): string {
  return buildPromptHeader(problem, style) + previousSteps.join("");
}

/**
 * The text a step contributes to later prompts: its raw text, its closing marker and, for the last code
 * step, the quoted interpreter output that the answer step reads.
 */
export function renderStep(candidate: Pick<StepCandidate, "text" | "stopReason">, output?: string): string {
  const body = candidate.text.replace(/\s+$/, "");
  switch (candidate.stopReason) {
    case "code":
      return `${body}\n${END_OF_CODE}\n${OUTPUT_OPEN}${(output ?? "").replace(/\s+$/, "")}${END_OF_OUTPUT}\n${ANSWER_OPEN}`;
    case "answer":
    case "eos":
      return `${body}${END_OF_ANSWER}`;
    default:
      return `${body}\n${END_OF_STEP}\n`;
  }
}
