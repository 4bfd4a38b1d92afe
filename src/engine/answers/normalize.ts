// Normalising an answer string the way the field's graders do before comparing: strip presentation
// (`$`, `\left`/`\right`, `\text{}`, spacing, units, a trailing period) and keep the mathematics.

import { extractBoxed, matchingBrace } from "./extract";

/** A normalised answer and what normalisation removed that still matters for comparing. */
export interface NormalizedAnswer {
  text: string;
  /** The answer carried a percent sign (`50\%`, `50 pct`, `50 percent`), so 50 and 0.5 may both match it. */
  percent: boolean;
  /**
   * `3,5` or `0,111`: a comma that may be a decimal comma (it cannot be a thousands separator). This is the
   * decimal reading (`3.5`); `text` keeps the list reading. The comparison picks the one that fits the other
   * answer's shape.
   */
  decimalComma?: string;
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
  "pounds", "pound", "ounces", "ounce", "grams", "gram", "kilograms", "kg", "liters", "liter", "litres", "litre",
  "gallons", "gallon", "ml", "mL", "km/h", "m/s", "kmh", "euros", "euro", "USD", "EUR", "GBP", "cm^3", "m^2", "m^3",
  "cm^2", "km^2", "ft^2", "in^2", "sq ft", "sq m", "percentile",
  "people", "persons", "students", "apples", "marbles", "cookies", "ways", "points", "times", "games", "books",
  "boxes", "cars", "children", "coins", "pieces", "tickets", "steps", "handshakes", "integers", "numbers", "digits",
];
const UNITS = UNIT_WORDS.map((w) => w.replace(/[/^]/g, "\\$&").replace(/ /g, "\\s+")).join("|");
const UNIT_RE = new RegExp(`^(?:${UNITS})(?:\\^\\{?[23]\\}?|²|³)?$`, "i");
const TRAILING_UNIT_RE = new RegExp(`([0-9}])\\s*(?:${UNITS})(?:\\^\\{?[23]\\}?|²|³)?\\s*$`, "i");
// Single-letter units only with a square/cube mark or after a space (`1,000.99m²`, `12 m`), since a bare
// letter after a number is usually a variable (`5x`, `2m`).
const TRAILING_LETTER_UNIT_RE = /(\d)\s*(?:m|s|g|L|h)(?:²|³|\^\{?[23]\}?)\s*$|(\d)\s+(?:m|s|g|L|h)\s*$/;
const CURRENCY_RE = /[€£¥₹]|\\euro\b|\\pounds\b/g;

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

/** Relation spellings, each to one canonical token. */
const RELATIONS: [RegExp, string][] = [
  [/\\(?:leqslant|leq|le)(?![a-zA-Z])|≤|⩽|=</g, "<="],
  [/\\(?:geqslant|geq|ge)(?![a-zA-Z])|≥|⩾|=>/g, ">="],
  [/\\(?:neq|ne)(?![a-zA-Z])|≠|\\not\s*=/g, "!="],
  [/\\lt(?![a-zA-Z])/g, "<"],
  [/\\gt(?![a-zA-Z])/g, ">"],
  [/\\approx(?![a-zA-Z])|≈|\\simeq(?![a-zA-Z])/g, "≈"],
];

/** Normalise and also report a percent sign and a possible decimal comma; see `normalizeAnswer`. */
export function normalizeWithFlags(answer: string): NormalizedAnswer {
  let s = answer.trim();
  if (s.includes("\\boxed") || s.includes("\\fbox")) s = extractBoxed(s) ?? s;
  s = s.replace(/[\u00a0\u2009\u202f\u2007\u205f]/g, " ").replace(/\u2212/g, "-");
  s = s.replace(/\\displaystyle|\\textstyle/g, "").replace(/\\(?:mathbf|boldsymbol|bm|mathit|mathsf)\s*\{/g, "{");
  // Math delimiters and surrounding prose markers.
  s = s.replace(/^\\\(|\\\)$/g, "").replace(/^\\\[|\\\]$/g, "");
  s = s.replace(/\\\$/g, "$").replace(/\$/g, "").replace(CURRENCY_RE, "");
  s = s.replace(/\\(?:left|right|bigl|bigr|Bigl|Bigr|big|Big|bigg|Bigg)\s*(?=[()[\]|.<>]|\\[{}|]|\\[lr]?[vV]ert|\\langle|\\rangle)/g, "");
  s = s.replace(/\\(?:left|right)\./g, "");
  // `10,\!000`: a thousands comma with a negative space after it.
  s = s.replace(/,\s*\\!\s*/g, ",");
  s = s.replace(/(?<!\\)\\(?:[!,;:>]|\s|quad|qquad|thinspace|medspace)|~/g, " ");
  s = s.replace(/\\[dtc]frac/g, "\\frac").replace(/\\[dt]binom/g, "\\binom");
  s = s.replace(/\\(?:mbox|mathrm|textrm|textbf|textit|textsf|texttt|textup|textnormal|operatorname|hbox)\s*\{/g, "\\text{");
  for (const [re, token] of RELATIONS) s = s.replace(re, token);
  // Degrees at the end of a value; inside an expression (`\sin 30^\circ`) the reader converts them.
  if (!/\\(?:sin|cos|tan|sec|csc|cot)|\b(?:sin|cos|tan)\b/.test(s)) {
    s = s.replace(/(?:\^\s*\{\s*\\circ\s*\}|\^\s*\\circ|°|\\degree)\s*(?:\\text\{\s*\}\s*)?$/g, "");
  }
  // Percent.
  let percent = false;
  const percentRe = /(?:\\?%|\\text\{\s*(?:percent|percentage|pct)\s*\}|\b(?:percent|percentage|pct)\b)\s*\.?\s*$/i;
  if (percentRe.test(s)) {
    percent = true;
    s = s.replace(percentRe, "");
  }
  s = s.replace(/\\%/g, "%");
  // Units inside \text{} are dropped; other \text{} is unwrapped.
  s = s.replace(/\\text\{([^{}]*)\}\s*\^\s*\{?[23]\}?/g, (m, inner: string) => (UNIT_RE.test(inner.trim()) ? " " : m));
  s = mapCommandArg(s, "text", (inner) => (UNIT_RE.test(inner.trim()) ? " " : inner));
  s = s.replace(TRAILING_UNIT_RE, "$1").replace(TRAILING_LETTER_UNIT_RE, "$1$2");
  s = s.replace(/\\(?:text|textnormal)\s*\{([^{}]*)\}/g, "$1");
  s = s.replace(/\\in\s*$/, "");
  // `{,}` is a thousands separator in LaTeX.
  s = s.replace(/\{,\}/g, ",");
  // One trailing sentence period (not an ellipsis), then trailing/leading separators.
  s = s.trim().replace(/(?<![.])\.\s*$/, "").replace(/^[,:;\s]+|[,;\s]+$/g, "").trim();
  s = s.replace(/^\\[lc]?dots$/, "...");
  let decimalComma: string | undefined;
  // A mixed number in plain text: `4 4/9` is 40/9, `-1 000 1/2` is −1000.5 (not 4·4/9).
  const mixed = /^([+-]?)([1-9]\d{0,2}(?: \d{3})+|\d+) (\d+)\/(\d+)$/.exec(s);
  if (mixed) s = `${mixed[1]}(${mixed[2].replace(/ /g, "")}+\\frac{${mixed[3]}}{${mixed[4]}})`;
  if (/^[+-]?[1-9]\d{0,2}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, "");
  else if (/^[+-]?[1-9]\d{0,2}( \d{3})+(\.\d+)?$/.test(s)) s = s.replace(/ /g, "");
  else if (/^[+-]?\d+,\d+$/.test(s)) decimalComma = s.replace(",", ".");
  s = s.replace(/\s+/g, "");
  // `x \in [1, 2]` names the variable; the set is the answer.
  s = s.replace(/^[a-zA-Z](?:_\{?\w+\}?)?\\in(?=[[(\\{]|\\emptyset|\\varnothing|\\mathbb)/, "");
  s = s.replace(/^(?:\\varnothing|\\\{\\\}|∅)$/, "\\emptyset");
  // `{1,3}`: a LaTeX group around the whole answer is only grouping.
  while (s.startsWith("{") && matchingBrace(s, 0) === s.length - 1) s = s.slice(1, -1);
  // A matrix wrapped in brackets (`\left[\begin{array}…\end{array}\right]`) is the matrix.
  const wrapped = /^[([](\\begin\{([a-zA-Z]*matrix|array)\}.*\\end\{\2\})[)\]]$/s.exec(s);
  if (wrapped) s = wrapped[1];
  // `\frac12` → `\frac{1}{2}`, `\sqrt3` → `\sqrt{3}`.
  s = s.replace(/\\frac(\d)(\d)/g, "\\frac{$1}{$2}").replace(/\\frac\{([^{}]*)\}(\d)/g, "\\frac{$1}{$2}").replace(/\\frac(\d)\{/g, "\\frac{$1}{");
  s = s.replace(/\\sqrt(\d+|[a-zA-Z])/g, "\\sqrt{$1}");
  s = s.replace(/^\+(?=\d)/, "");
  return decimalComma === undefined ? { text: s, percent } : { text: s, percent, decimalComma };
}

/**
 * Canonical text of an answer: boxed content if boxed, no math delimiters, `\left`/`\right`, spacing,
 * degrees, percent sign, currency, unit words or trailing period; `\dfrac`/`\tfrac`/`\cfrac` as `\frac`;
 * relations as `<=`, `>=`, `!=`, `≈`; thousands separators (commas, spaces, thin spaces) removed from a lone
 * number. Two answers with the same canonical text are equal.
 */
export function normalizeAnswer(answer: string): string {
  return normalizeWithFlags(answer).text;
}
