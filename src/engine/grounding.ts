// Where a step's numbers come from. A number that a step's code writes and that is not in the problem (as
// digits or as words: "a dozen", "twice", "half", "forty-two"), not in an earlier step's code or output, and
// not a common constant, came from nowhere. On the policy's own search trees, when exactly one of two sibling
// steps wrote such a number, that step was the wrong one 85% of the time (models/MODEL_CARD.md, "Grounded
// numbers"). It is a hint for ranking and for the reader; it is never part of "verified".
//
// The other direction: a number the problem writes with digits that no step's code ever writes was left
// unused: a slip the small policy often makes (it drops one of three quantities). On the shipped policy's 16
// samples a problem, letting only the trajectories that leave the fewest such numbers unused vote turned 5
// wrong majorities of the 172 hand-written problems right and 7 of the 500 broad ones, none the other way
// (models/MODEL_CARD.md, "Unused numbers"). A problem may hold a number that does not matter, so this too is
// a hint, never a check.

/**
 * Numbers every step may use without the problem naming them: small counts, the units of time, calendar and
 * measure, angles, percent, halves and quarters. A step that needs another constant (9.81, 2.54) is shown as
 * using a number that is not in the problem, which is true, and only loses votes to grounded trajectories.
 */
export const COMMON_CONSTANTS: readonly number[] = [
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 16, 20, 24, 28, 30, 31, 36, 52, 60, 90, 100, 180, 360, 365, 366, 1000,
  1440, 3600, 5280, 0.5, 0.25, 0.75, 0.1, 0.01,
];

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
  twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const SCALES: Record<string, number> = { hundred: 100, thousand: 1000, million: 1e6, billion: 1e9 };

/** Words that name a number without spelling it: each stands for all of its values. */
const IDIOMS: Record<string, readonly number[]> = {
  dozen: [12], dozens: [12], score: [20], gross: [144], pair: [2], pairs: [2], couple: [2],
  half: [2, 0.5], halves: [2, 0.5], halved: [2, 0.5], twice: [2], double: [2], doubled: [2], doubles: [2],
  triple: [3], tripled: [3], triples: [3], thrice: [3], quadruple: [4], quadrupled: [4],
  third: [3, 1 / 3], thirds: [3, 1 / 3], quarter: [4, 0.25], quarters: [4, 0.25], fourth: [4, 0.25], fourths: [4, 0.25],
  fifth: [5, 0.2], fifths: [5, 0.2], sixth: [6, 1 / 6], sixths: [6, 1 / 6], seventh: [7, 1 / 7], eighth: [8, 0.125],
  eighths: [8, 0.125], ninth: [9, 1 / 9], tenth: [10, 0.1], tenths: [10, 0.1], hundredth: [100, 0.01],
  century: [100], fortnight: [14], fortnights: [14],
};

// A number as the problem or an output writes it: 1,200 · 3.5 · .5 · 1e6 (signs are operators, not part of it).
const PROSE_NUMBER = /(?<![\d.])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][+-]?\d+)?|(?<![\d.])\.\d+/g;
// A numeric literal in Python, not part of a name (x1) or of another number.
const CODE_NUMBER = /(?<![\w.])(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d+)?[jJ]?/g;

/** The numbers in prose (a problem, a step's output), as digits, fractions, percentages and words. */
export function proseNumbers(text: string): number[] {
  const num = (x: string) => Number(x.replace(/,/g, ""));
  const out = [...text.matchAll(PROSE_NUMBER)].map((m) => num(m[0]));
  // a/b and \frac{a}{b} also mean their value, 2 1/2 its sum; x% or "x percent" also x/100 and 1 ± x/100.
  for (const m of text.matchAll(/(?<![\d.])(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)/g)) out.push(num(m[1]) / num(m[2]));
  for (const m of text.matchAll(/\\[dt]?frac\{(\d+)\}\{(\d+)\}/g)) out.push(num(m[1]) / num(m[2]));
  for (const m of text.matchAll(/(?<![\d.])(\d+)\s+(\d+)\s*\/\s*(\d+)(?![\d.])/g)) out.push(num(m[1]) + num(m[2]) / num(m[3]));
  for (const m of text.matchAll(/(\d[\d,]*(?:\.\d+)?)\s*(?:%|percent\b|per cent\b)/gi)) {
    const x = num(m[1]) / 100;
    out.push(x, 1 + x, 1 - x);
  }
  out.push(...wordNumbers(text));
  return out.filter((x) => Number.isFinite(x));
}

/** Numbers written as words: "forty-two", "two hundred and five", "a dozen", "twice", "a third". */
function wordNumbers(text: string): number[] {
  const out: number[] = [];
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  let total = 0;
  let group = 0;
  let inNumber = false;
  const flush = () => {
    if (inNumber) out.push(total + group);
    total = 0;
    group = 0;
    inNumber = false;
  };
  for (const w of words) {
    if (w in UNITS || w in TENS) {
      group += UNITS[w] ?? TENS[w];
      out.push(UNITS[w] ?? TENS[w]);
      inNumber = true;
    } else if (w in SCALES && inNumber) {
      if (w === "hundred") group *= 100;
      else {
        total += group * SCALES[w];
        group = 0;
      }
    } else if (w in SCALES) {
      out.push(SCALES[w]);
    } else if (w === "and" && inNumber) {
      continue;
    } else {
      flush();
    }
    if (w in IDIOMS) out.push(...IDIOMS[w]);
  }
  flush();
  return out;
}

/** The numeric literals of Python code, as written; comments and string literals are skipped. */
export function codeLiterals(code: string): string[] {
  return [...stripStringsAndComments(code).matchAll(CODE_NUMBER)].map((m) => m[0]);
}

/** Python source with every comment and string literal blanked out (so "# 3 apples" and f"{x:.2f}" count for nothing). */
function stripStringsAndComments(code: string): string {
  let out = "";
  let i = 0;
  while (i < code.length) {
    const ch = code[i];
    if (ch === "#") {
      while (i < code.length && code[i] !== "\n") i++;
      continue;
    }
    if (ch === "'" || ch === '"') {
      const quote = code.startsWith(ch.repeat(3), i) ? ch.repeat(3) : ch;
      i += quote.length;
      while (i < code.length && !code.startsWith(quote, i)) {
        if (code[i] === "\\") i++;
        else if (quote.length === 1 && code[i] === "\n") break;
        i++;
      }
      i += quote.length;
      out += " ";
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

function literalValue(literal: string): number {
  return Number(literal.replace(/_/g, "").replace(/[jJ]$/, ""));
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * For each step, the literals its code writes that come from nowhere (see the top of this file), each once,
 * in order. A literal with an exponent (1e-9, a tolerance) is never counted. `output` is what the solution
 * had printed up to and including that step.
 */
export function ungroundedNumbers(problem: string, steps: ReadonlyArray<{ code: string; output: string }>): string[][] {
  const known: number[] = [...COMMON_CONSTANTS, ...proseNumbers(problem)];
  const isKnown = (v: number) => known.some((k) => close(k, Math.abs(v)));
  return steps.map((step) => {
    const literals = codeLiterals(step.code);
    const found: string[] = [];
    for (const lit of literals) {
      if (/[eE]/.test(lit)) continue;
      const v = literalValue(lit);
      if (!Number.isFinite(v) || isKnown(v) || found.includes(lit)) continue;
      found.push(lit);
    }
    // What this step wrote and printed is known to the steps after it.
    for (const lit of literals) known.push(literalValue(lit));
    known.push(...proseNumbers(step.output).map(Math.abs));
    return found;
  });
}

// A number the problem writes with digits, as a quantity: not 0 or 1 (a solution seldom needs to multiply by
// one), not an ordinal or a label glued to letters (3rd, 4th, A4), not part of a time of day (3:30).
const PROBLEM_QUANTITY = /(?<![\d.,:\w])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d:]|[.,]\d|[a-zA-Z])/g;

/**
 * The numbers `problem` writes with digits that no step's code writes as a literal of the same value (or of
 * its hundredth, for a percentage), as the problem writes them, each once, in order.
 */
export function unusedNumbers(problem: string, codes: readonly string[]): string[] {
  const written = codes.flatMap(codeLiterals).filter((l) => !/[eE]/.test(l)).map(literalValue);
  const unused: string[] = [];
  for (const m of problem.matchAll(PROBLEM_QUANTITY)) {
    const v = Number(m[0].replace(/,/g, ""));
    if (v === 0 || v === 1 || unused.includes(m[0])) continue;
    const percent = /^\s*(?:%|percent\b|per cent\b)/i.test(problem.slice(m.index! + m[0].length));
    if (written.some((w) => close(w, v) || (percent && close(w, v / 100)))) continue;
    unused.push(m[0]);
  }
  return unused;
}
