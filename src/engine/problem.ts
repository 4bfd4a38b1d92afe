// Checks a problem text before any model sees it, so bad input fails fast with a message a user can act on.

/** Longest problem accepted, in characters. Real problems are a few hundred; the models' contexts are small. */
export const MAX_PROBLEM_CHARS = 8_000;

export class ProblemError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProblemError";
  }
}

/** Returns the trimmed problem, or throws ProblemError for empty, oversized or binary text. */
export function validateProblem(text: string, maxChars: number = MAX_PROBLEM_CHARS): string {
  const problem = text.replace(/\r\n?/g, "\n").trim();
  if (problem.length === 0) {
    throw new ProblemError("The problem is empty. Give a math problem as text, e.g. \"What is 15% of 80?\".");
  }
  if (problem.length > maxChars) {
    throw new ProblemError(
      `The problem is ${problem.length.toLocaleString("en-US")} characters long; the limit is ` +
        `${maxChars.toLocaleString("en-US")}. Select just the problem statement.`,
    );
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000e-\u001f]/.test(problem)) {
    throw new ProblemError("The problem contains binary control characters; give plain text.");
  }
  return problem;
}

/**
 * A cheap hint that the text is not a math problem at all (no digit, no operator, no math word).
 * Callers may warn; it is not a refusal, since word problems can spell numbers out.
 */
export function looksLikeMath(text: string): boolean {
  return (
    /[0-9=+\-*/^√π∫∑<>%]/.test(text) ||
    /\\(frac|sqrt|pi|sum|int|cdot|times)|\b(solve|how many|how much|what is|find|compute|calculate|evaluate|simplify|prove|percent|sum|product|equation|integral|derivative|probability)\b/i.test(
      text,
    )
  );
}
