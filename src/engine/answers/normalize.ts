// Normalising an answer string the way the field's graders do before comparing: strip presentation
// (`$`, `\left`/`\right`, `\text{}`, spacing, units, a trailing period) and keep the mathematics.

import { extractBoxed, matchingBrace } from "./extract";

/** A normalised answer and what normalisation removed that still matters for comparing. */
export interface NormalizedAnswer {
  text: string;
  /** The answer carried a percent sign (`50\%`), so 50 and 0.5 may both match it. */
  percent: boolean;
}

// Unit words graders drop after a number (`5 cm`, `\text{ dollars}`). Single letters are left alone
// because they are usually variables.
const UNIT_WORDS = [
  "square units", "sq units", "cubic units", "units", "unit",
  "square centimeters", "square meters", "square feet", "square inches", "square miles", "square yards",
  "cubic centimeters", "cubic meters", "cubic feet", "cubic inches", "cubic yards",
  "centimeters", "centimeter", "cm", "millimeters", "mm", "meters", "meter", "kilometers", "km",
  "inches", "inch", "feet", "foot", "ft", "yards", "yard", "miles", "mile", "mph",
  "degrees", "degree", "radians", "dollars", "dollar", "cents", "cent",
  "hours", "hour", "minutes", "minute", "seconds", "second", "days", "day", "weeks", "week", "years", "year",
  "pounds", "pound", "ounces", "ounce", "grams", "gram", "kilograms", "kg", "liters", "liter", "gallons",
  "people", "students", "apples", "marbles", "cookies", "ways", "points", "times",
];
const UNIT_RE = new RegExp(`^(?:${UNIT_WORDS.map((w) => w.replace(/ /g, "\\s+")).join("|")})(?:\\^\\{?[23]\\}?)?$`, "i");
const TRAILING_UNIT_RE = new RegExp(
  `([0-9}])\\s*(?:${UNIT_WORDS.map((w) => w.replace(/ /g, "\\s+")).join("|")})(?:\\^\\{?[23]\\}?|²|³)?\\s*$`,
  "i",
);

/** Replace every `\cmd{...}` by `fn(content)`; brace-matched, so nesting survives. */
function mapCommandArg(s: string, cmd: string, fn: (inner: string) => string): string {
  const needle = `\\${cmd}`;
  let out = "";
  let i = 0;
  for (;;) {
    const at = s.indexOf(needle, i);
    if (at < 0) break;
    let j = at + needle.length;
    while (s[j] === " ") j++;
    if (/[a-zA-Z]/.test(s[at + needle.length] ?? "") || s[j] !== "{") {
      out += s.slice(i, at + needle.length);
      i = at + needle.length;
      continue;
    }
    const end = matchingBrace(s, j);
    if (end < 0) break;
    out += s.slice(i, at) + fn(s.slice(j + 1, end));
    i = end + 1;
  }
  return out + s.slice(i);
}

/** Normalise and also report a percent sign; see `normalizeAnswer`. */
export function normalizeWithFlags(answer: string): NormalizedAnswer {
  let s = answer.trim();
  if (s.includes("\\boxed") || s.includes("\\fbox")) s = extractBoxed(s) ?? s;
  s = s.replace(/\\displaystyle/g, "").replace(/\\mathbf\s*\{/g, "{").replace(/\\boldsymbol\s*\{/g, "{");
  // Math delimiters and surrounding prose markers.
  s = s.replace(/^\\\(|\\\)$/g, "").replace(/^\\\[|\\\]$/g, "");
  s = s.replace(/\\\$/g, "$").replace(/\$/g, "");
  s = s.replace(/\\(?:left|right|bigl|bigr|Bigl|Bigr|big|Big)\s*(?=[()[\]|.]|\\[{}|])/g, "");
  s = s.replace(/\\(?:left|right)\./g, "");
  s = s.replace(/(?<!\\)\\(?:[!,;:]|\s|quad|qquad)|~/g, " ");
  s = s.replace(/\\[dt]frac/g, "\\frac");
  s = s.replace(/\\(?:mbox|mathrm|textrm|textbf|textit|mathit|operatorname)\s*\{/g, "\\text{");
  // Degrees.
  s = s.replace(/\^\s*\{\s*\\circ\s*\}|\^\s*\\circ|°|\\degree/g, "");
  // Percent.
  let percent = false;
  if (/\\?%\s*$/.test(s) || /\\text\{\s*percent\s*\}|\bpercent\s*$/.test(s)) {
    percent = true;
    s = s.replace(/\\?%\s*$/, "").replace(/\\text\{\s*percent\s*\}|\bpercent\s*$/, "");
  }
  s = s.replace(/\\%/g, "%");
  // Units inside \text{} are dropped; other \text{} is unwrapped.
  s = s.replace(/\\text\{([^{}]*)\}\s*\^\s*\{?[23]\}?/g, (m, inner: string) => (UNIT_RE.test(inner.trim()) ? " " : m));
  s = mapCommandArg(s, "text", (inner) => (UNIT_RE.test(inner.trim()) ? " " : inner));
  s = s.replace(TRAILING_UNIT_RE, "$1");
  s = s.replace(/\\(?:text|textnormal)\s*\{([^{}]*)\}/g, "$1");
  s = s.replace(/\\in\s*$/, "");
  // `{,}` is a thousands separator in LaTeX.
  s = s.replace(/\{,\}/g, ",");
  s = s.trim().replace(/[.\s]+$/, "").replace(/^[,:;\s]+|[,;\s]+$/g, "");
  s = s.replace(/\s+/g, "");
  // `x \in [1, 2]` names the variable; the set is the answer.
  s = s.replace(/^[a-zA-Z]\\in(?=[[(\\{])/, "");
  // 1,000,000 → 1000000, only when the whole answer is one number.
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, "");
  // `\frac12` → `\frac{1}{2}`, `\sqrt3` → `\sqrt{3}`.
  s = s.replace(/\\frac(\d)(\d)/g, "\\frac{$1}{$2}").replace(/\\frac\{([^{}]*)\}(\d)/g, "\\frac{$1}{$2}");
  s = s.replace(/\\sqrt(\d+|[a-zA-Z])/g, "\\sqrt{$1}");
  s = s.replace(/^\+(?=\d)/, "");
  return { text: s, percent };
}

/**
 * Canonical text of an answer: boxed content if boxed, no math delimiters, `\left`/`\right`, spacing,
 * degrees, percent sign, unit words or trailing period; `\dfrac`/`\tfrac` as `\frac`; thousands commas
 * removed from a lone number. Two answers with the same canonical text are equal.
 */
export function normalizeAnswer(answer: string): string {
  return normalizeWithFlags(answer).text;
}
