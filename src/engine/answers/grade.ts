// Grading one answer against a reference, with exit-code semantics for `stepwise grade`.

import type { Sandbox } from "../types";
import { answersEqual, answersEquivalent } from "./equal";
import { normalizeAnswer } from "./normalize";

/** 0: equal, 1: not equal, 2: bad input (an empty answer or reference). */
export type GradeCode = 0 | 1 | 2;

/** Plain-rule grade; undecidable pairs count as not equal (1). */
export function gradeCommand(answer: string, reference: string): GradeCode {
  if (normalizeAnswer(answer).length === 0 || normalizeAnswer(reference).length === 0) return 2;
  return answersEqual(answer, reference) === true ? 0 : 1;
}

/** Like `gradeCommand`, with the sandbox's symbolic check for pairs the plain rules cannot decide. */
export async function gradeAnswer(
  answer: string,
  reference: string,
  options: { sandbox?: Sandbox; signal?: AbortSignal } = {},
): Promise<GradeCode> {
  if (normalizeAnswer(answer).length === 0 || normalizeAnswer(reference).length === 0) return 2;
  return (await answersEquivalent(answer, reference, options.sandbox, options.signal)) ? 0 : 1;
}
