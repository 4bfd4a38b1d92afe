// The grader's labelled pairs (grader-pairs.jsonl beside this file): {a, b, equal, kind, symbolic?}.
import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface LabelledPair {
  a: string;
  b: string;
  equal: boolean;
  kind: string;
  /** The plain rules must leave this pair to sympy. */
  symbolic?: boolean;
}

/** Reads the pairs; run from the repository root (as npm scripts do). */
export function loadPairs(): LabelledPair[] {
  return readFileSync(join(process.cwd(), "test/engine/grader-pairs.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as LabelledPair);
}
