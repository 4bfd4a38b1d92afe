import { constantValue } from "./expression";

// The shape of a normalised answer: a matrix, a relation (inequalities, read as intervals when they bound
// one variable), an interval union, a bracketed tuple/interval, a set, a bare list, or a single expression
// (equations included). Splitting respects nesting, so `(1,\frac{1}{2})` has two items.

/** An interval with endpoint texts; `-\infty` / `\infty` for unbounded ends. */
export interface Interval {
  lo: string;
  hi: string;
  loClosed: boolean;
  hiClosed: boolean;
}

/** Relation operators as the normaliser writes them. */
export type RelOp = "<" | "<=" | ">" | ">=" | "!=";

export type AnswerShape =
  | { kind: "matrix"; rows: string[][] }
  | { kind: "intervals"; variable: string; parts: Interval[] }
  | { kind: "relation"; ops: RelOp[]; terms: string[] }
  | { kind: "union"; parts: string[] }
  | { kind: "seq"; open: string; close: string; items: string[] }
  | { kind: "set"; items: string[] }
  | { kind: "list"; items: string[] }
  | { kind: "atom"; text: string };

/** Split `s` on `sep` where it is not nested inside (), [], {} or a \begin…\end block. */
export function splitTopLevel(s: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s.startsWith("\\begin", i)) depth++;
    else if (s.startsWith("\\end", i)) depth--;
    const ch = s[i];
    if (ch === "\\" && (s[i + 1] === "{" || s[i + 1] === "}")) {
      depth += s[i + 1] === "{" ? 1 : -1;
      i++;
      continue;
    }
    if (ch === "(" || ch === "[" || ch === "{") depth++;
    else if (ch === ")" || ch === "]" || ch === "}") depth--;
    else if (depth === 0 && s.startsWith(sep, i)) {
      parts.push(s.slice(start, i));
      start = i + sep.length;
      i += sep.length - 1;
    }
  }
  parts.push(s.slice(start));
  return parts;
}

/** True when the bracket at 0 closes at the very end (so `(1)(2)` is not one group). */
function wrapsWhole(s: string): boolean {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === "(" || ch === "[" || ch === "{") depth++;
    else if (ch === ")" || ch === "]" || ch === "}") {
      depth--;
      if (depth === 0 && i < s.length - 1) return false;
    }
  }
  return depth === 0;
}

/** `a\pm b` → [`a+b`, `a-b`]; other items unchanged. */
function expandPlusMinus(items: string[]): string[] {
  return items.flatMap((it) => {
    const parts = it.split(/\\pm|±/);
    return parts.length === 2 ? [`${parts[0]}+${parts[1]}`, `${parts[0]}-${parts[1]}`] : [it];
  });
}

/** Split at top-level relation operators: `-1<=t<=4` → terms [-1, t, 4], ops [<=, <=]. */
export function splitRelation(s: string): { ops: RelOp[]; terms: string[] } | undefined {
  const ops: RelOp[] = [];
  const terms: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === "\\") {
      if (s[i + 1] === "{" || s[i + 1] === "}") depth += s[i + 1] === "{" ? 1 : -1;
      i++;
      continue;
    }
    if (ch === "(" || ch === "[" || ch === "{") depth++;
    else if (ch === ")" || ch === "]" || ch === "}") depth--;
    else if (depth === 0) {
      const two = s.slice(i, i + 2);
      const op = two === "<=" || two === ">=" || two === "!=" ? two : ch === "<" || ch === ">" ? ch : undefined;
      if (op) {
        terms.push(s.slice(start, i));
        ops.push(op as RelOp);
        start = i + op.length;
        i += op.length - 1;
      }
    }
  }
  if (ops.length === 0) return undefined;
  terms.push(s.slice(start));
  return terms.every((t) => t.length > 0) ? { ops, terms } : undefined;
}

/** A bare variable name: `x`, `k_1`, `\theta`. */
export function isVariableName(s: string): boolean {
  return /^(?:[a-zA-Z](?:_\{?\w+\}?)?|\\[a-zA-Z]+)$/.test(s) && !/^\\(?:pi|infty|e)$/.test(s);
}

const FLIP: Record<RelOp, RelOp> = { "<": ">", "<=": ">=", ">": "<", ">=": "<=", "!=": "!=" };
const INF = "\\infty";
const NEG_INF = "-\\infty";

/** `x op bound` as intervals. */
function boundIntervals(op: RelOp, bound: string): Interval[] {
  switch (op) {
    case "<": return [{ lo: NEG_INF, hi: bound, loClosed: false, hiClosed: false }];
    case "<=": return [{ lo: NEG_INF, hi: bound, loClosed: false, hiClosed: true }];
    case ">": return [{ lo: bound, hi: INF, loClosed: false, hiClosed: false }];
    case ">=": return [{ lo: bound, hi: INF, loClosed: true, hiClosed: false }];
    case "!=": return [
      { lo: NEG_INF, hi: bound, loClosed: false, hiClosed: false },
      { lo: bound, hi: INF, loClosed: false, hiClosed: false },
    ];
  }
}

/**
 * Inequalities that bound one variable, as intervals: `7<=y` is `y>=7` is `[7,∞)`; `-y>-2` is `y<2`;
 * `-1<=t<=4` is `[-1,4]`; `x!=3` is `(-∞,3)∪(3,∞)`. Undefined for other relations (`f(2)<f(1)<f(4)`).
 */
export function relationIntervals(rel: { ops: RelOp[]; terms: string[] }): { variable: string; parts: Interval[] } | undefined {
  const { ops, terms } = rel;
  if (ops.length === 1) {
    let [l, r] = terms;
    let op = ops[0];
    if (!isVariableName(l) && !isVariableName(l.replace(/^-/, ""))) {
      [l, r] = [r, l];
      op = FLIP[op];
    }
    if (l.startsWith("-") && isVariableName(l.slice(1))) {
      l = l.slice(1);
      r = `-(${r})`;
      op = FLIP[op];
    }
    if (!isVariableName(l) || isVariableName(r) || /[a-zA-Z]/.test(r.replace(/\\(?:frac|sqrt|pi|infty|cdot)/g, ""))) return undefined;
    return { variable: l, parts: boundIntervals(op, r) };
  }
  if (ops.length === 2 && isVariableName(terms[1]) && !ops.includes("!=")) {
    const up = ops.every((o) => o === "<" || o === "<=");
    const down = ops.every((o) => o === ">" || o === ">=");
    if (!up && !down) return undefined;
    const [a, , b] = terms;
    const lo = up ? a : b;
    const hi = up ? b : a;
    const loOp = up ? ops[0] : ops[1];
    const hiOp = up ? ops[1] : ops[0];
    return { variable: terms[1], parts: [{ lo, hi, loClosed: loOp.endsWith("="), hiClosed: hiOp.endsWith("=") }] };
  }
  return undefined;
}

const MATRIX_BLOCK = /^\\begin\{([pbBvV]?matrix|array)\}(?:\{[^{}]*\})?(.*?)\\end\{\1\}/s;

function matrixRows(body: string): string[][] {
  return body.split(/\\\\/).filter((r) => r.length > 0).map((r) => r.split("&"));
}

type NumMatrix = number[][];

function matMul(a: NumMatrix, b: NumMatrix): NumMatrix | undefined {
  if (a[0].length !== b.length) return undefined;
  return a.map((row) => b[0].map((_, j) => row.reduce((sum, x, k) => sum + x * b[k][j], 0)));
}

/**
 * Sums, differences, products and numeric multiples of matrices with constant entries, evaluated:
 * `\begin{pmatrix}1&2\end{pmatrix}+\begin{pmatrix}3&4\end{pmatrix}` is the matrix (4 6). Undefined for
 * anything else, including a single plain matrix.
 */
export function matrixArithmetic(s: string): string[][] | undefined {
  if (!s.includes("\\begin{")) return undefined;
  const single = MATRIX_BLOCK.exec(s);
  if (single && single[0].length === s.length) return undefined;
  let i = 0;
  let total: NumMatrix | undefined;
  let sign = 1;
  while (i < s.length) {
    if (s[i] === "+" || s[i] === "-") {
      sign = s[i] === "-" ? -1 : 1;
      i++;
    }
    // One term: an optional numeric factor, then matrices multiplied together.
    let scale = 1;
    const next = s.indexOf("\\begin{", i);
    if (next < 0) return undefined;
    if (next > i) {
      const factor = s.slice(i, next).replace(/\\cdot$|\\times$/, "");
      const v = constantValue(factor);
      if (v === undefined) return undefined;
      scale = v;
      i = next;
    }
    let product: NumMatrix | undefined;
    for (;;) {
      const m = MATRIX_BLOCK.exec(s.slice(i));
      if (!m) break;
      const rows = matrixRows(m[2]).map((r) => r.map((x) => constantValue(x)));
      if (rows.length === 0 || rows.some((r) => r.length !== rows[0].length || r.some((x) => x === undefined))) return undefined;
      const num = rows as NumMatrix;
      product = product ? matMul(product, num) : num;
      if (!product) return undefined;
      i += m[0].length;
      const op = /^(?:\\cdot|\\times)/.exec(s.slice(i));
      if (op) i += op[0].length;
      if (!s.startsWith("\\begin{", i)) break;
    }
    if (!product) return undefined;
    const term = product.map((r) => r.map((x) => sign * scale * x));
    if (!total) total = term;
    else if (total.length !== term.length || total[0].length !== term[0].length) return undefined;
    else total = total.map((r, a) => r.map((x, b) => x + term[a][b]));
    if (i < s.length && s[i] !== "+" && s[i] !== "-") return undefined;
  }
  return total?.map((r) => r.map((x) => String(Number(x.toPrecision(12)))));
}

/** Classify a normalised (space-free) answer. */
export function answerShape(s: string): AnswerShape {
  const computed = matrixArithmetic(s);
  if (computed) return { kind: "matrix", rows: computed };
  const matrix = /^\\begin\{([pbBvV]?matrix|array)\}(?:\{[^{}]*\})?(.*)\\end\{\1\}$/s.exec(s);
  if (matrix) {
    const rows = matrix[2].split(/\\\\/).filter((r) => r.length > 0).map((r) => r.split("&"));
    return { kind: "matrix", rows };
  }
  const rel = splitRelation(s);
  if (rel) {
    const iv = relationIntervals(rel);
    return iv ? { kind: "intervals", ...iv } : { kind: "relation", ...rel };
  }
  const union = splitTopLevel(s, "\\cup");
  if (union.length > 1) return { kind: "union", parts: union };
  if (s.startsWith("\\{") && s.endsWith("\\}")) {
    return { kind: "set", items: expandPlusMinus(splitTopLevel(s.slice(2, -2), ",")) };
  }
  if (/^[([]/.test(s) && /[)\]]$/.test(s) && wrapsWhole(s)) {
    const items = splitTopLevel(s.slice(1, -1), ",");
    if (items.length > 1) return { kind: "seq", open: s[0], close: s[s.length - 1], items };
  }
  const items = splitTopLevel(s, ",").filter((x) => x.length > 0);
  if (items.length > 1) return { kind: "list", items: expandPlusMinus(items) };
  const pm = expandPlusMinus([s]);
  if (pm.length > 1) return { kind: "list", items: pm };
  return { kind: "atom", text: s };
}
