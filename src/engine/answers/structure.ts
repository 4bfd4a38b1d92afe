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

/** Classify a normalised (space-free) answer. */
export function answerShape(s: string): AnswerShape {
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
