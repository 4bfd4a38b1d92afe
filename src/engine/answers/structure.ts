// The shape of a normalised answer: a matrix, an interval union, a bracketed tuple/interval, a set, a bare
// list, an equation or a single expression. Splitting respects nesting, so `(1,\frac{1}{2})` has two items.

export type AnswerShape =
  | { kind: "matrix"; rows: string[][] }
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

/** Classify a normalised (space-free) answer. */
export function answerShape(s: string): AnswerShape {
  const matrix = /^\\begin\{([pbBvV]?matrix|array)\}(?:\{[^{}]*\})?(.*)\\end\{\1\}$/s.exec(s);
  if (matrix) {
    const rows = matrix[2].split(/\\\\/).filter((r) => r.length > 0).map((r) => r.split("&"));
    return { kind: "matrix", rows };
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
