// Reading one generated step: reasoning (the comments), Python code, whether it closes the code part, and
// the boxed answer. Model output is messy — doubled or missing markers, stray `<code>` tags, Markdown
// fences left open, prose after the box — so parsing never throws; it keeps what it can use.

import { extractBoxed } from "../answers/extract";
import type { StepStopReason } from "../types";
import { ANSWER_OPEN, CODE_OPEN, END_OF_ANSWER, END_OF_CODE, END_OF_OUTPUT, END_OF_STEP, OUTPUT_OPEN } from "./format";

/** A step split into its parts. */
export interface ParsedStep {
  /** The step's own text: cut at the first stray marker, tags and invented output removed. */
  text: string;
  /** Natural-language reasoning: comment lines with `#` removed, plus any answer prose. */
  reasoning: string;
  /** Python code (comment lines kept, so the code runs as written); empty for an answer step. */
  code: string;
  /** The step closes the code part (`<end_of_code>`): its output is quoted and the answer follows. */
  endsCode: boolean;
  /** Content of the last complete `\boxed{}`; undefined when none. */
  answer?: string;
  /** The step is the final answer (prose after the output, or stopped at `<end_of_answer>`). */
  isAnswer: boolean;
}

/** Where the step sits, when known; both default to false/undefined. */
export interface ParseContext {
  /** Why generation stopped. */
  stopReason?: StepStopReason;
  /** The previous step ended the code, so this one is the answer prose. */
  afterCode?: boolean;
}

/** Characters of execution output kept in prompts and results (rStar-Math: 1024). */
export const DEFAULT_MAX_OUTPUT_CHARS = 1024;

/**
 * Truncates execution output to `maxChars` (default 1024), keeping its start and its end — the final
 * `print` is what the answer quotes — joined by a `...` line.
 */
export function truncateOutput(output: string, maxChars: number = DEFAULT_MAX_OUTPUT_CHARS): string {
  if (output.length <= maxChars) return output;
  const marker = "\n...\n";
  if (maxChars <= marker.length) return output.slice(0, maxChars);
  const head = Math.ceil((maxChars - marker.length) / 2);
  const tail = maxChars - marker.length - head;
  return output.slice(0, head) + marker + (tail > 0 ? output.slice(output.length - tail) : "");
}

const FENCE = /^\s*(```|~~~)/;

/** Parse one raw candidate step. Never throws. */
export function parseStep(raw: string, context: ParseContext = {}): ParsedStep {
  let text = raw.replace(/\r\n?/g, "\n");
  let endsCode = context.stopReason === "code";
  let isAnswer = context.afterCode === true || context.stopReason === "answer";
  let answerProse = "";

  // A candidate should hold one step; if the model ran past a marker, keep the first step only.
  const cut = firstMarker(text, [END_OF_STEP, END_OF_CODE]);
  if (cut && !isAnswer) {
    if (cut.marker === END_OF_CODE) endsCode = true;
    const rest = text.slice(cut.index + cut.marker.length);
    text = text.slice(0, cut.index);
    // `<end_of_code>` followed by a (hallucinated) output and the answer: keep the answer prose.
    const answerAt = rest.indexOf(ANSWER_OPEN);
    if (cut.marker === END_OF_CODE && answerAt >= 0) answerProse = rest.slice(answerAt + ANSWER_OPEN.length);
  }
  // An explicit `<answer>` inside the step: what follows is prose.
  const answerAt = text.indexOf(ANSWER_OPEN);
  if (answerAt >= 0) {
    answerProse = text.slice(answerAt + ANSWER_OPEN.length) + answerProse;
    text = text.slice(0, answerAt);
  }
  // Output the model invented is not ours to keep.
  const outAt = text.indexOf(OUTPUT_OPEN);
  if (outAt >= 0) {
    const outEnd = text.indexOf(END_OF_OUTPUT, outAt);
    text = text.slice(0, outAt) + (outEnd >= 0 ? text.slice(outEnd + END_OF_OUTPUT.length) : "");
  }
  // Nothing after `<end_of_answer>` belongs to the solution.
  const beyond = (t: string) => (t.includes(END_OF_ANSWER) ? t.slice(0, t.indexOf(END_OF_ANSWER)) : t);
  text = stripTags(beyond(text));
  answerProse = stripTags(beyond(answerProse));

  if (isAnswer) {
    const prose = (text + "\n" + answerProse).trim();
    return { text: prose, reasoning: prose, code: "", endsCode: false, answer: extractBoxed(prose), isAnswer: true };
  }

  const { reasoning, code, prose } = splitLines(text);
  const allProse = [prose, answerProse.trim()].filter((p) => p.length > 0).join("\n");
  const answer = extractBoxed(text + "\n" + answerProse);
  const reasoningText = [reasoning, allProse].filter((p) => p.length > 0).join("\n");
  // A step with no code that states a boxed answer is an answer step written without the markers.
  const answerOnly = code.trim().length === 0 && answer !== undefined;
  return {
    text: (text.replace(/\s+$/, "") + (answerProse.trim() ? `\n${ANSWER_OPEN}${answerProse.trim()}` : "")).replace(/^\n+/, ""),
    reasoning: reasoningText,
    code,
    endsCode: endsCode && !answerOnly,
    answer,
    isAnswer: answerOnly || context.stopReason === "answer" || answerProse.trim().length > 0,
  };
}

function firstMarker(text: string, markers: readonly string[]): { index: number; marker: string } | undefined {
  let best: { index: number; marker: string } | undefined;
  for (const marker of markers) {
    const index = text.indexOf(marker);
    if (index >= 0 && (!best || index < best.index)) best = { index, marker };
  }
  return best;
}

/** Removes step-format tags wherever they stray (`<code>`, doubled markers, `</code>`). */
function stripTags(text: string): string {
  let s = text;
  for (const tag of [CODE_OPEN, "</code>", END_OF_STEP, END_OF_CODE, END_OF_ANSWER, OUTPUT_OPEN, END_OF_OUTPUT, ANSWER_OPEN, "</answer>"]) {
    s = s.split(tag).join("");
  }
  return s;
}

/**
 * Classifies lines: `#` comments are reasoning (and stay in the code), Markdown fence lines are dropped;
 * when the step uses fences, unfenced lines are prose, otherwise every other line is code — except lines
 * that state a `\boxed` answer in prose, which would not run.
 */
function splitLines(text: string): { reasoning: string; code: string; prose: string } {
  const lines = text.split("\n");
  const fenced = lines.some((l) => FENCE.test(l));
  const reasoning: string[] = [];
  const code: string[] = [];
  const prose: string[] = [];
  let inFence = false;
  for (const line of lines) {
    if (FENCE.test(line)) {
      inFence = !inFence;
      continue;
    }
    const trimmed = line.trim();
    const comment = /^\s*#/.test(line);
    if (comment) {
      reasoning.push(trimmed.replace(/^#+\s?/, "").trimEnd());
      code.push(line);
    } else if (fenced && !inFence) {
      if (trimmed) prose.push(trimmed);
    } else if (/\\boxed|\\fbox/.test(line) && !/^\s*print\s*\(|["']/.test(line)) {
      prose.push(trimmed);
    } else {
      code.push(line);
    }
  }
  // Trim blank lines at both ends of the code but keep indentation inside it.
  while (code.length > 0 && code[0].trim() === "") code.shift();
  while (code.length > 0 && code[code.length - 1].trim() === "") code.pop();
  return {
    reasoning: reasoning.filter((r) => r.length > 0).join("\n"),
    code: code.join("\n"),
    prose: prose.join("\n"),
  };
}

/** Whether a parsed step has statements to execute (comments alone do not). */
export function hasCode(step: Pick<ParsedStep, "code">): boolean {
  return step.code.split("\n").some((l) => l.trim() !== "" && !/^\s*#/.test(l));
}

/**
 * The program a new step's verification runs: every earlier step's code, then the new step's, each on its
 * own lines (rStar-Math re-executes the whole solution so far, so later steps see earlier variables).
 */
export function codeToVerify(previousSteps: readonly Pick<ParsedStep, "code">[], newStep: Pick<ParsedStep, "code">): string {
  return [...previousSteps, newStep]
    .map((s) => s.code.replace(/\s+$/, ""))
    .filter((c) => c.trim().length > 0)
    .join("\n");
}
