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

// ---------- is it math at all? ----------
//
// A problem is accepted when it carries one strong sign of mathematics, or signs of two different kinds
// that word problems combine. The rule errs towards accepting: a real problem refused is worse than a
// chat message answered, and the search itself says when it is unsure.
//
// Strong signs (one is enough):
//   - an operator or relation written between operands (`3 + 4`, `x^2`, `2x = 6`, `15%`, `a/b`), or a math
//     symbol (`√ π ∫ ∑ ≤ ≠ ×`), or a LaTeX math command (`\frac`, `\sqrt`, …);
//   - text that is nothing but numbers, operators and brackets (`48`, `(2)(3)`);
//   - a word only mathematics uses (`equation`, `integral`, `divisible`, `perimeter`, `percent`, …).
// Weak signs (two different kinds are needed): a number written in digits; a second number; a
// number word (`seven`, `half`, `dozen`); a quantity question (`how many`, `how much`, `how far`); the
// language of word problems (`each`, `altogether`, `left`, `per`, `times`, `more than`, `total`, `solve`, `calculate`).

const OPERATOR_BETWEEN =
  /(?:[0-9)\]}]\s*[-+*/^=<>×÷·]|[-+*/^=<>×÷·]\s*[0-9(]|\b[a-zA-Z]\s*[-+*/^=]\s*(?:[a-zA-Z]\b|[0-9(])|[0-9]\s*%|[0-9][a-zA-Z]\b\s*[-+=])/;
const MATH_SYMBOL = /[√π∫∑∏∞≤≥≠≈±×÷∂∇∈∉⊂⊆∪∩°²³½¼¾]/;
const LATEX_COMMAND = /\\(?:frac|dfrac|tfrac|sqrt|pi|sum|prod|int|lim|log|ln|sin|cos|tan|cdot|times|div|pm|le|ge|leq|geq|neq|approx|infty|binom|left|right|boxed|alpha|beta|theta|mathbb|vec|overline)\b/;
const ONLY_MATH = /^[\d\s.,+\-*/^()[\]{}=<>%!]+$/;
const MATH_WORDS =
  /\b(?:equations?|integrals?|integrate|derivatives?|differentiate|polynomials?|quadratic|logarithms?|factorials?|prime numbers?|primes|prime factors?|divisible|divisors?|remainder|quotient|multiply|multiplied|divided by|subtract(?:ed)?|fractions?|decimals?|percent(?:age)?|perimeter|area of|volume of|circumference|radius|diameter|hypotenuse|triangles?|rectangles?|square roots?|square of|squared|cubed|integers?|sum of|product of|average of|mean of|median|arithmetic|geometric|matri(?:x|ces)|theorem|inequality|probability|factori[sz]e|lcm|gcd|greatest common|least common|exponents?|powers? of|real numbers?|even numbers?|odd numbers?|solve for|digits?|ratios?)\b/i;
const NUMBER_WORDS =
  /\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|half|halves|twice|double|triple|thirds?|quarters?|dozens?)\b/i;
const QUANTITY_QUESTION = /\bhow\s+(?:many|much|far|long|old|fast|tall|often)\b/i;
const WORD_PROBLEM =
  /\b(?:each|altogether|in total|total|left|remaining|remain|per|times|more than|less than|fewer than|as many|as much|plus|minus|sum|difference|product|cost|costs|spent|spends|earns?|earned|price|sold|bought|buys|shares?|split|equally|solve|simplify|evaluate|compute|calculate|prime|find the|value of)\b/i;

/** The kinds of mathematical signs found in `text` (see the rule above). */
export function mathSigns(text: string): { strong: string[]; weak: string[] } {
  const strong: string[] = [];
  const weak: string[] = [];
  if (OPERATOR_BETWEEN.test(text)) strong.push("operator");
  if (MATH_SYMBOL.test(text)) strong.push("symbol");
  if (LATEX_COMMAND.test(text)) strong.push("latex");
  if (ONLY_MATH.test(text) && /\d/.test(text)) strong.push("only math");
  if (MATH_WORDS.test(text)) strong.push("math word");
  const numbers = text.match(/\d+(?:[.,]\d+)?/g) ?? [];
  if (numbers.length > 0) weak.push("number");
  if (numbers.length > 1) weak.push("second number");
  if (NUMBER_WORDS.test(text)) weak.push("number word");
  if (QUANTITY_QUESTION.test(text)) weak.push("quantity question");
  if (WORD_PROBLEM.test(text)) weak.push("word-problem language");
  return { strong, weak };
}

/** Whether `text` looks like a math problem: one strong sign, or weak signs of two kinds (see above). */
export function looksLikeMath(text: string): boolean {
  const { strong, weak } = mathSigns(text);
  return strong.length > 0 || weak.length >= 2;
}

/** What a user reads when the text is refused. */
export const NOT_MATH_MESSAGE =
  "This does not look like a math problem, so Stepwise did not try to solve it. Give a math problem or an " +
  "expression, e.g. \"What is 15% of 80?\" or \"Solve x^2 - 5x + 6 = 0\".";

/** The text is not a math problem. */
export class NotMathError extends ProblemError {
  constructor() {
    super(NOT_MATH_MESSAGE);
    this.name = "NotMathError";
  }
}

/** Throws NotMathError when `problem` does not look like math (`looksLikeMath`). */
export function refuseNonMath(problem: string): string {
  if (!looksLikeMath(problem)) throw new NotMathError();
  return problem;
}
