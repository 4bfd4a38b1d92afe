// Finding a math expression in a line of text and turning it into something sympy's parser reads (with the
// engine's converter). Pure and vscode-free (the hover provider passes narrow document types) so it is
// unit-tested on plain Node.
import { latexToSympy, NotAnExpressionError } from "../engine/answers/sympy";

/** A span of a document's text. */
export interface TextSpan {
  start: number;
  end: number;
  text: string;
}

export interface FoundExpression extends TextSpan {
  /** "latex" when it came from $…$, \(…\) or contains LaTeX commands; "plain" otherwise. */
  kind: "latex" | "plain";
}

/** The narrow part of a text document the helpers need (a subset of vscode.TextDocument). */
export interface TextSource {
  getText(): string;
}

/** Functions and constants sympy knows that may appear in a plain expression. */
const KNOWN_NAMES = new Set([
  "integrate", "diff", "limit", "sqrt", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh",
  "log", "ln", "exp", "pi", "oo", "factorial", "binomial", "gcd", "lcm", "simplify", "expand", "factor",
  "solve", "Rational", "Abs", "abs", "floor", "ceiling", "mod", "E", "I", "Sum", "Product", "Integral",
]);

const MAX_EXPRESSION_CHARS = 300;

/** Finds the math expression covering `offset` in `text` (searching only the line it is on). */
export function findExpressionAt(text: string, offset: number): FoundExpression | undefined {
  if (offset < 0 || offset > text.length) return undefined;
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  let lineEnd = text.indexOf("\n", offset);
  if (lineEnd < 0) lineEnd = text.length;
  const line = text.slice(lineStart, lineEnd);
  const col = offset - lineStart;

  const delimited = findDelimitedMath(line, col);
  if (delimited) {
    return usable({ ...delimited, start: delimited.start + lineStart, end: delimited.end + lineStart, kind: "latex" });
  }
  const run = findMathRun(line, col);
  if (!run) return undefined;
  const kind = /\\[a-zA-Z]/.test(run.text) ? "latex" : "plain";
  return usable({ start: run.start + lineStart, end: run.end + lineStart, text: run.text, kind });
}

function usable(e: FoundExpression): FoundExpression | undefined {
  const t = e.text.trim();
  if (!t || t.length > MAX_EXPRESSION_CHARS) return undefined;
  // Something to compute: an operator between operands or a function call.
  const hasOperator = /[0-9a-zA-Z)}\]]\s*(\^|\*\*|[+\-*/]|\\cdot|\\times|\\div)\s*[-0-9a-zA-Z({\\]/.test(t);
  const hasCall = /\\(frac|dfrac|tfrac|sqrt|int|sum|binom)\b/.test(t) || /[A-Za-z]\s*\(/.test(t) && callsKnownName(t);
  if (!hasOperator && !hasCall) return undefined;
  // Dates, ranges and phone-like numbers ("2024-01-05", "3-5 people") are not sums to evaluate.
  if (e.kind === "plain" && /^\d+(\s*[-/]\s*\d+){2,}$|^\d+\s*-\s*\d+$/.test(t)) return undefined;
  if (!balanced(t)) return undefined;
  return { ...e, text: t };
}

function callsKnownName(t: string): boolean {
  for (const m of t.matchAll(/([A-Za-z]+)\s*\(/g)) if (KNOWN_NAMES.has(m[1])) return true;
  return false;
}

function balanced(t: string): boolean {
  let depth = 0;
  for (const ch of t) {
    if (ch === "(" || ch === "{" || ch === "[") depth++;
    else if (ch === ")" || ch === "}" || ch === "]") depth--;
    if (depth < 0) return false;
  }
  return depth === 0;
}

/** `$…$`, `$$…$$`, `\(…\)` or `\[…\]` on the line around `col`. */
function findDelimitedMath(line: string, col: number): TextSpan | undefined {
  const patterns = [/\$\$([^$]+)\$\$/g, /(?<![\\$])\$([^$]+)\$/g, /\\\((.+?)\\\)/g, /\\\[(.+?)\\\]/g];
  for (const re of patterns) {
    for (const m of line.matchAll(re)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (col >= start && col <= end) {
        const innerStart = start + m[0].indexOf(m[1]);
        return { start: innerStart, end: innerStart + m[1].length, text: m[1] };
      }
    }
  }
  return undefined;
}

/**
 * The longest run of math tokens around `col`: numbers, operators, brackets, LaTeX commands, single-letter
 * variables and known function names. Any other word ends the run, so "What is 2^10 + 3/4?" yields "2^10 + 3/4".
 */
function findMathRun(line: string, col: number): TextSpan | undefined {
  const tokenRe = /\\[a-zA-Z]+|[A-Za-z_][A-Za-z_0-9]*|\d+(?:\.\d+)?|\*\*|[-+*/^(){}[\],=!.]|\s+|./g;
  type Tok = { start: number; end: number; math: boolean; text: string };
  const toks: Tok[] = [];
  for (const m of line.matchAll(tokenRe)) {
    const s = m[0];
    const start = m.index ?? 0;
    let math: boolean;
    if (/^\s+$/.test(s)) math = true;
    else if (/^\\[a-zA-Z]+$/.test(s)) math = true;
    else if (/^[A-Za-z_]/.test(s)) math = s.length === 1 || KNOWN_NAMES.has(s);
    else math = /^(\d|\*\*|[-+*/^(){}[\],!.])/.test(s);
    toks.push({ start, end: start + s.length, math, text: s });
  }
  const at = toks.findIndex((t) => col >= t.start && col < t.end);
  const i0 = at >= 0 ? at : toks.findIndex((t) => t.end === col);
  if (i0 < 0 || !toks[i0].math || /^\s+$/.test(toks[i0].text)) return undefined;
  let a = i0;
  let b = i0;
  while (a > 0 && toks[a - 1].math) a--;
  while (b < toks.length - 1 && toks[b + 1].math) b++;
  // Trim whitespace, sentence punctuation and a lone leading article-like letter ("a", "I") followed by space.
  const trimmable = (t: Tok) => /^\s+$/.test(t.text) || /^[.,!]$/.test(t.text);
  while (a < b && trimmable(toks[a])) a++;
  while (b > a && trimmable(toks[b])) b--;
  while (a < b && /^[A-Za-z]$/.test(toks[a].text) && /^\s+$/.test(toks[a + 1]?.text ?? "") && !/^[-+*/^]/.test(nextSolid(toks, a + 1))) {
    a += 2;
    while (a < b && /^\s+$/.test(toks[a].text)) a++;
  }
  if (a > i0 || b < i0) return undefined;
  const start = toks[a].start;
  const end = toks[b].end;
  return { start, end, text: line.slice(start, end) };
}

function nextSolid(toks: ReadonlyArray<{ text: string }>, from: number): string {
  for (let i = from; i < toks.length; i++) if (!/^\s+$/.test(toks[i].text)) return toks[i].text;
  return "";
}

/**
 * The expression in sympy's syntax, converted by the engine's one LaTeX/plain-math reader. LaTeX it cannot
 * read throws (the hover then shows nothing); plain text it cannot read (`integrate(x^2, x)`) is already
 * sympy syntax and goes as typed.
 */
export function toSympyInput(e: Pick<FoundExpression, "text" | "kind">): string {
  if (e.kind === "latex") return latexToSympy(e.text);
  try {
    return latexToSympy(e.text);
  } catch (err) {
    if (err instanceof NotAnExpressionError) return e.text.trim();
    throw err;
  }
}

/** Python that parses `input` with sympy, evaluates it and prints `{"text", "latex", "approx"}` as JSON. */
export function sympyEvaluationProgram(input: string): string {
  return [
    "import json, sympy",
    "from sympy.parsing.sympy_parser import parse_expr, standard_transformations, implicit_multiplication_application, convert_xor",
    `src = ${JSON.stringify(input)}`,
    "x, y, z, t, n, k = sympy.symbols('x y z t n k')",
    "names = {'x': x, 'y': y, 'z': z, 't': t, 'n': n, 'k': k, 'ln': sympy.log, 'abs': sympy.Abs, 'mod': sympy.Mod}",
    "e = parse_expr(src, local_dict=names, transformations=standard_transformations + (implicit_multiplication_application, convert_xor))",
    "if hasattr(e, 'doit'): e = e.doit()",
    "e = sympy.simplify(e) if getattr(e, 'free_symbols', None) else e",
    "approx = str(sympy.N(e, 12)) if getattr(e, 'is_number', False) and not getattr(e, 'is_Integer', False) else None",
    "print(json.dumps({'text': str(e), 'latex': sympy.latex(e), 'approx': approx}))",
  ].join("\n");
}

/** Where a solved problem's text occurs in a document, if `offset` falls inside one occurrence. */
export function findSolvedProblemAt(
  doc: TextSource,
  offset: number,
  problems: readonly string[],
): { problem: string; span: TextSpan } | undefined {
  const text = doc.getText();
  for (const problem of problems) {
    const needle = problem.trim();
    if (!needle) continue;
    for (let from = text.indexOf(needle); from >= 0; from = text.indexOf(needle, from + 1)) {
      if (offset >= from && offset <= from + needle.length) {
        return { problem, span: { start: from, end: from + needle.length, text: needle } };
      }
    }
  }
  return undefined;
}
