// Pulling the final answer out of model text and out of dataset reference fields.

/**
 * Content of the last complete `\boxed{...}` (or `\fbox{...}`) in `text`, braces matched so nested groups
 * such as `\boxed{\frac{1}{2}}` survive. A truncated last box (no closing brace) is skipped in favour of an
 * earlier complete one. `\boxed 5` (no braces) yields the following token. Undefined when there is none.
 */
export function extractBoxed(text: string): string | undefined {
  let found: string | undefined;
  const re = /\\(?:boxed|fbox)\s*(\{|\s+)/g;
  let closes: Map<number, number> | undefined;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const start = m.index + m[0].length;
    if (m[1] === "{") {
      closes ??= braceMatches(text);
      const end = closes.get(start - 1) ?? -1;
      if (end < 0) continue;
      found = text.slice(start, end).trim();
      re.lastIndex = end + 1;
    } else {
      const token = /^[^\s$]+/.exec(text.slice(start));
      if (token) found = token[0].replace(/[.,;]+$/, "");
    }
  }
  return found;
}

/** Index of the brace closing the `{` at `open`, or −1 when it is never closed. `\{` and `\}` are skipped. */
export function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\\") {
      i++;
      continue;
    }
    if (ch === "{") depth++;
    else if (ch === "}") {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** The number after `####` in a GSM8K answer field, commas and `$` removed; undefined when absent. */
export function parseGsm8kAnswer(answerField: string): string | undefined {
  const m = /####\s*(.+?)\s*$/s.exec(answerField);
  if (!m) return undefined;
  const value = m[1].trim().replace(/^\$/, "").replace(/,/g, "").replace(/\.$/, "").trim();
  return value.length > 0 ? value : undefined;
}

/** Where an extracted answer came from, for `--explain`. */
export type ExtractionRule =
  | "boxed"
  | "boxed (several, joined)"
  | "boxed (unclosed)"
  | "final-answer phrase"
  | "last math span"
  | "last number in text"
  | "whole text";

export interface ExtractedAnswer {
  text: string;
  rule: ExtractionRule;
}

/** Boxes separated only by these are one answer (`\boxed{-2} and \boxed{1}`). */
const BOX_JOINER = /^(?:\s|,|;|\.|\$|\\quad|\\qquad|\\text\{\s*(?:and|or|,)\s*\}|\band\b|\bor\b|\\[,;!]|\\\(|\\\)|\\\[|\\\])*$/;

/** Every `{` index → its closing `}` index, in one pass (`\{`, `\}` skipped); unclosed ones are absent. */
function braceMatches(text: string): Map<number, number> {
  const out = new Map<number, number>();
  const stack: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\\") i++;
    else if (ch === "{") stack.push(i);
    else if (ch === "}" && stack.length > 0) out.set(stack.pop()!, i);
  }
  return out;
}

function boxes(text: string): { start: number; end: number; inner: string }[] {
  const out: { start: number; end: number; inner: string }[] = [];
  const re = /\\(?:boxed|fbox)\s*\{/g;
  const closes = braceMatches(text);
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const open = m.index + m[0].length - 1;
    const end = closes.get(open) ?? -1;
    if (end < 0) continue;
    out.push({ start: m.index, end: end + 1, inner: text.slice(open + 1, end).trim() });
    re.lastIndex = end + 1;
  }
  return out;
}

/** Math spans `$…$`, `$$…$$`, `\(…\)`, `\[…\]`, in order; inline ones do not cross a line break. */
function mathSpans(text: string): { start: number; end: number; inner: string }[] {
  const out: { start: number; end: number; inner: string }[] = [];
  const re = /\$\$([\s\S]+?)\$\$|\\\[([\s\S]+?)\\\]|\\\(([^\n]+?)\\\)|(?<!\\)\$((?:\\\$|[^$\n])+?)(?<!\\)\$/g;
  for (const m of text.matchAll(re)) {
    const inner = (m[1] ?? m[2] ?? m[3] ?? m[4]).trim();
    if (inner.length > 0) out.push({ start: m.index!, end: m.index! + m[0].length, inner });
  }
  return out;
}

/**
 * Prose rather than one written answer: words of three or more letters outside math function names, and no
 * LaTeX commands beyond `\text{}`, `\$`, `\%` and spacing (LaTeX is mathematics, read whole).
 */
export function looksLikeProse(text: string): boolean {
  const noText = text.replace(/\\(?:text|mbox|textbf|textnormal|mathrm)\s*\{[^{}]*\}/g, " ");
  if (/\\[a-zA-Z]{2,}/.test(noText.replace(/\\(?:quad|qquad|cdot|times|approx)\b/g, ""))) return false;
  const stripped = noText
    .replace(/\\[a-zA-Z]+/g, " ")
    .replace(/\b(?:sqrt|pi|inf|sin|cos|tan|sec|csc|cot|log|ln|exp|arcsin|arccos|arctan|sinh|cosh|tanh|binomial|factorial|floor|ceiling|Abs|abs|oo|and|or)\b/g, " ");
  // Linear-time tests only: replies can be long. Two words, the first of three or more letters:
  const words = stripped.match(/[a-zA-Z]+/g) ?? [];
  if (words.findIndex((w) => w.length >= 3) >= 0 && words.slice(words.findIndex((w) => w.length >= 3) + 1).some((w) => w.length >= 2)) return true;
  // A word and a number outside math delimiters ("12 dollars"; not "Answer $ 9 $").
  return stripped.split(/[$\\]/).some((part) => /[a-zA-Z]{3,}/.test(part) && /\d/.test(part));
}

// The last number (or simple arithmetic on numbers) in prose, not glued to letters (`AZYUK2A` has none),
// with the thousands separators, decimal commas, currency, percent and scientific forms the normaliser reads.
const NUMBER_RUN =
  /(?<![A-Za-z0-9_.])[-+−]?[$€£]?\s?(?:\d[\d,.  \u2009\u202f]*\d|\d)(?:[eE][-+]?\d+)?(?:\s*[/*^]\s*[-+]?\d+(?:\.\d+)?)*(?:\s?(?:%|\\%|€|\$|pct\b|percent\b|percentage\b|m²|m\^2|km\b|cm\b))?(?![A-Za-z0-9_])/g;

function lastNumber(text: string): { start: number; text: string } | undefined {
  let last: { start: number; text: string } | undefined;
  for (const m of text.matchAll(NUMBER_RUN)) {
    // A date-like or list-like run ("1, 2, 3") keeps only its last item.
    let t = m[0].trim().replace(/[.,]+$/, "");
    if (/,\s/.test(t)) t = t.slice(t.lastIndexOf(",") + 1).trim();
    if (/\d/.test(t)) last = { start: m.index!, text: t };
  }
  return last;
}

/** The answer in a final-answer phrase ("Final Answer: The final answer is $28\%$", "the answer is 7"). */
function finalAnswerPhrase(text: string): string | undefined {
  const re = /(?:final\s+answer|the\s+answer|answer)\s*(?:is|:|=)\s*:?/gi;
  let last: RegExpExecArray | undefined;
  for (const m of text.matchAll(re)) last = m as RegExpExecArray;
  if (!last) return undefined;
  let rest = text.slice(last.index + last[0].length);
  // Up to the end of the sentence: a period followed by a space or line end, outside math spans.
  const spans = mathSpans(rest);
  const inSpan = (i: number) => spans.some((s) => i > s.start && i < s.end);
  for (const m of rest.matchAll(/\.(?=\s|$)|\n\s*\n|<\|/g)) {
    if (!inSpan(m.index!)) {
      rest = rest.slice(0, m.index);
      break;
    }
  }
  rest = rest.trim();
  // "The largest $n$ is 34": the part after the last " is ".
  const is = /\b(?:is|are|equals|be)\s+(?![^$]*\$[^$]*$)/gi;
  let cut = -1;
  for (const m of rest.matchAll(is)) cut = m.index! + m[0].length;
  if (cut >= 0 && cut < rest.length) rest = rest.slice(cut);
  return rest.length > 0 ? rest : undefined;
}

function fromFragment(fragment: string): string | undefined {
  const spans = mathSpans(fragment);
  if (spans.length > 0) {
    const lastSpan = spans[spans.length - 1];
    const after = lastNumber(fragment.slice(lastSpan.end));
    if (after && looksLikeProse(fragment)) return after.text;
    return lastSpan.inner;
  }
  if (!looksLikeProse(fragment)) return fragment.trim();
  return lastNumber(fragment)?.text;
}

/**
 * The final answer in a model's or a dataset's text, by these rules in order:
 * 1. the last complete `\boxed{…}` (boxes that follow each other with only "and", commas or spacing
 *    between them are one list answer); an unclosed last box when there is no complete one;
 * 2. a final-answer phrase ("Final answer: …", "the answer is …"): its last math span, else its last number;
 * 3. the last math span (`$…$`, `$$…$$`, `\(…\)`, `\[…\]`), unless prose with a number follows it;
 * 4. in prose, the last number (with its separators, currency, unit or percent sign);
 * 5. the whole text.
 */
export function extractAnswer(text: string): ExtractedAnswer {
  const t = text.trim();
  const found = boxes(t);
  if (found.length > 0) {
    let i = found.length - 1;
    while (i > 0 && BOX_JOINER.test(t.slice(found[i - 1].end, found[i].start))) i--;
    if (i < found.length - 1) {
      return { text: found.slice(i).map((b) => b.inner).join(","), rule: "boxed (several, joined)" };
    }
    return { text: found[found.length - 1].inner, rule: "boxed" };
  }
  const open = /\\(?:boxed|fbox)\s*\{/.exec(t);
  if (open) {
    const rest = t.slice(open.index + open[0].length).replace(/[\s$.]*$/, "").replace(/\\\]$|\\\)$/, "").trim();
    if (rest.length > 0) return { text: rest, rule: "boxed (unclosed)" };
  }
  const bare = /\\boxed\s+([^\s$]+)/.exec(t);
  if (bare) return { text: bare[1].replace(/[.,;]+$/, ""), rule: "boxed" };
  const phrase = finalAnswerPhrase(t);
  if (phrase !== undefined) {
    const inner = fromFragment(phrase);
    if (inner !== undefined) return { text: inner, rule: "final-answer phrase" };
  }
  const spans = mathSpans(t);
  if (spans.length > 0) {
    const lastSpan = spans[spans.length - 1];
    const after = lastNumber(t.slice(lastSpan.end));
    if (after && looksLikeProse(t.slice(lastSpan.end))) return { text: after.text, rule: "last number in text" };
    return { text: lastSpan.inner, rule: "last math span" };
  }
  if (looksLikeProse(t)) {
    const n = lastNumber(t);
    if (n) return { text: n.text, rule: "last number in text" };
  }
  return { text: t, rule: "whole text" };
}
