// How each family of process reward models reads a trajectory: data, not code. The reward model builds
//   BOS + prefix + for each step i: (i == 0 && firstStep ? firstStep : step) + probe [+ after, unless last]
// and reads the next-token distribution at the last token of each probe: p = P(good) / (P(good) + P(bad)),
// score = 2p - 1. Placeholders: {question}, {step} (the rendered step, trailing whitespace removed when
// `trimStep`), {index} (1-based).

import { ASSISTANT_OPENING, CODE_OPEN, END_OF_OUTPUT, END_OF_STEP, OUTPUT_OPEN } from "./format";

export interface RewardDescriptor {
  id: string;
  description: string;
  prefix: string;
  step: string;
  /** Template for the first step when it differs (e.g. the question and the first step in one turn). */
  firstStep?: string;
  /** Text after each step; the score is read after its last token. */
  probe: string;
  /** Text between a probe and the next step (e.g. the judged answer in a chat turn). */
  after: string;
  good: string;
  bad: string;
  /** Remove trailing whitespace from each step before inserting it. */
  trimStep: boolean;
  /** Parse special/control tokens in the template text (chat templates). User text is never parsed. */
  specialTokens: boolean;
  /**
   * For models trained to read what each step printed: appended to a step that ends `<end_of_step>` and
   * printed something new, `{output}` being that new output, trimmed, at most STEP_OUTPUT_CHARS
   * characters (the rule of models/train/ppm_text.py). Absent: steps are read as rendered.
   */
  stepOutput?: string;
}

/**
 * Fills a descriptor's templates: the text pieces in order (template text marked `special` when the
 * descriptor parses control tokens; the question, steps and indices never), and after which piece each
 * step's probe ends. The local reward model tokenizes the pieces itself, a served one through its server.
 */
export function descriptorPieces(
  d: RewardDescriptor,
  problem: string,
  steps: readonly string[],
): { pieces: Array<{ text: string; special: boolean }>; probeAfter: number[] } {
  const pieces: Array<{ text: string; special: boolean }> = [];
  const fill = (template: string, step: string, index: number) => {
    for (const p of template.split(/(\{question\}|\{step\}|\{index\})/)) {
      if (p === "{question}") pieces.push({ text: problem.trim(), special: false });
      else if (p === "{step}") pieces.push({ text: step, special: false });
      else if (p === "{index}") pieces.push({ text: String(index), special: false });
      else if (p) pieces.push({ text: p, special: d.specialTokens });
    }
  };
  fill(d.prefix, "", 0);
  const probeAfter: number[] = [];
  steps.forEach((raw, i) => {
    const step = d.trimStep ? raw.replace(/\s+$/, "") : raw;
    fill(i === 0 && d.firstStep ? d.firstStep : d.step, step, i + 1);
    fill(d.probe, "", i + 1);
    probeAfter.push(pieces.length);
    if (i < steps.length - 1) fill(d.after, "", i + 1);
  });
  return { pieces, probeAfter };
}

/** The most characters of a step's new output a `stepOutput` template carries. */
export const STEP_OUTPUT_CHARS = 200;

/**
 * The steps as a reward model with this descriptor reads them: as rendered, or, with `stepOutput`, each
 * intermediate step followed by what it printed beyond the step before it (`outputs[i]` is the output of
 * the solution up to step i). The last code step already carries its output in its rendered text.
 */
export function stepsAsRead(d: RewardDescriptor, steps: readonly string[], outputs?: readonly string[]): string[] {
  if (!d.stepOutput || !outputs) return [...steps];
  return steps.map((step, i) => {
    const output = outputs[i] ?? "";
    const before = i > 0 ? (outputs[i - 1] ?? "") : "";
    const printed = (output.startsWith(before) ? output.slice(before.length) : output).trim().slice(0, STEP_OUTPUT_CHARS);
    return printed && step.endsWith(`${END_OF_STEP}\n`) ? step + d.stepOutput!.replace("{output}", () => printed) : step;
  });
}

/** Math-Shepherd PRM (peiyi9979/math-shepherd-mistral-7b-prm): the step tag " ки" after each step. */
export const MATH_SHEPHERD: RewardDescriptor = {
  id: "math-shepherd",
  description: "Math-Shepherd: question, then each step followed by the tag ' ки'; P('+') vs P('-') at each tag.",
  prefix: "{question} ",
  step: "Step {index}: {step}",
  probe: " ки",
  after: "\n",
  good: "+",
  bad: "-",
  trimStep: true,
  specialTokens: false,
};

/** RLHFlow PRMs (Llama-3.1-8B-PRM-*): a chat where every step is a user turn and the assistant answers +/-. */
export const RLHFLOW: RewardDescriptor = {
  id: "rlhflow",
  description: "RLHFlow chat style: each step a user turn (the first with the question); the assistant answers + or -.",
  prefix: "",
  firstStep: "<|start_header_id|>user<|end_header_id|>\n\n{question} {step}<|eot_id|>",
  step: "<|start_header_id|>user<|end_header_id|>\n\n{step}<|eot_id|>",
  probe: "<|start_header_id|>assistant<|end_header_id|>\n\n",
  after: "+<|eot_id|>",
  good: "+",
  bad: "-",
  trimStep: true,
  specialTokens: true,
};

/** The policy model judging its own steps, for when no PRM is installed (weak, but better than nothing). */
export const POLICY_AS_JUDGE: RewardDescriptor = {
  id: "policy-as-judge",
  description: "The policy model asked after each step whether it is correct; P('+') vs P('-').",
  prefix:
    "Problem: {question}\nA student solves it step by step. After each step a careful teacher writes + if the step " +
    "is correct and useful, or - if it contains a mistake.\n\n",
  step: "Step {index}:\n{step}\n",
  probe: "Is this step correct? Answer + or -:",
  after: " +\n\n",
  good: "+",
  bad: "-",
  trimStep: true,
  specialTokens: false,
};

/**
 * Stepwise's own PPM (models/stepwise-ppm.gguf, trained in models/train): a small llama model (byte pieces plus
 * learnt word pieces) that reads exactly the policy's rstar prompt, then each rendered step (as `renderStep`
 * gives it, untrimmed) directly followed by the tag token "ки" (a USER_DEFINED token, no space before it).
 * The training target at each tag is the next token "+" (good step) or "-" (bad step); nothing is inserted
 * after the tag, so step i+1's text follows the tag directly:
 *   <s><|user|>:\n{question}\n<|assistant|>: Let's think step by step and solve the problem with code.\n<code>\n
 *   {step 1 rendered}ки{step 2 rendered}ки...
 */
export const STEPWISE_PPM: RewardDescriptor = {
  id: "stepwise-ppm",
  description: "Stepwise PPM: rstar prompt, each rendered step followed by the tag 'ки'; P('+') vs P('-').",
  prefix: `<|user|>:\n{question}\n<|assistant|>: ${ASSISTANT_OPENING}\n${CODE_OPEN}\n`,
  step: "{step}",
  probe: "ки",
  after: "",
  good: "+",
  bad: "-",
  trimStep: false,
  specialTokens: false,
};

/**
 * A Stepwise PPM trained on steps with their printed output (models/train/ppm_text.py): as STEPWISE_PPM, and
 * each intermediate step that printed something is followed by `<output>…<end_of_output>\n` before its tag.
 * Chosen with the reward format "stepwise-ppm-outputs", or for a GGUF whose file name or general.name holds that id.
 */
export const STEPWISE_PPM_OUTPUTS: RewardDescriptor = {
  ...STEPWISE_PPM,
  id: "stepwise-ppm-outputs",
  description: "Stepwise PPM reading outputs: as stepwise-ppm, each intermediate step followed by what it printed.",
  stepOutput: `${OUTPUT_OPEN}{output}${END_OF_OUTPUT}\n`,
};

export const REWARD_DESCRIPTORS: Readonly<Record<string, RewardDescriptor>> = {
  [MATH_SHEPHERD.id]: MATH_SHEPHERD,
  [RLHFLOW.id]: RLHFLOW,
  [POLICY_AS_JUDGE.id]: POLICY_AS_JUDGE,
  [STEPWISE_PPM.id]: STEPWISE_PPM,
  [STEPWISE_PPM_OUTPUTS.id]: STEPWISE_PPM_OUTPUTS,
};

/**
 * Pick a descriptor from a model's file name and GGUF `general.name` ("stepwise-ppm" for our own files;
 * "stepwise-ppm-outputs" for ours trained on steps with their printed output, as models/train names them).
 */
export function guessRewardDescriptor(fileName: string): RewardDescriptor {
  const f = fileName.toLowerCase();
  if (f.includes(STEPWISE_PPM_OUTPUTS.id)) return STEPWISE_PPM_OUTPUTS;
  if (f.includes("shepherd")) return MATH_SHEPHERD;
  if (f.includes("rlhflow") || f.includes("prm-deepseek") || f.includes("prm-mistral")) return RLHFLOW;
  return STEPWISE_PPM;
}
