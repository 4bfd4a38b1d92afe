// A small LaTeX/plain-math expression reader for comparing answers without Python: numbers, + − × ÷ ^,
// \frac, \sqrt, \pi, \infty, implicit multiplication, a few functions and free variables. Constant
// expressions are evaluated exactly (big rationals) where they stay rational, in floating point otherwise;
// expressions with variables are compared by evaluating both at fixed sample points.

export type Expr =
  | { k: "num"; text: string }
  | { k: "var"; name: string }
  | { k: "const"; name: "pi" | "inf" }
  | { k: "neg"; a: Expr }
  | { k: "bin"; op: "+" | "-" | "*" | "/" | "^"; a: Expr; b: Expr }
  | { k: "fn"; name: string; a: Expr; base?: Expr }
  | { k: "root"; a: Expr; n?: Expr }
  | { k: "fact"; a: Expr }
  | { k: "abs"; a: Expr };

type Tok =
  | { t: "num"; v: string }
  | { t: "var"; v: string }
  | { t: "cmd"; v: string }
  | { t: "op"; v: string };

const FUNCTIONS = ["arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "sin", "cos", "tan", "sec", "csc", "cot", "ln", "log", "exp"];
const COMMANDS = ["frac", "sqrt", "pi", "infty", "infinity", "cdot", "times", "div", ...FUNCTIONS];
const PLAIN_WORDS = ["sqrt", "pi", "inf", ...FUNCTIONS];

class ParseFail extends Error {}

function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const num = /^(\d+\.?\d*|\.\d+)/.exec(src.slice(i));
    if (num) {
      toks.push({ t: "num", v: num[1] });
      i += num[1].length;
      continue;
    }
    if (ch === "\\") {
      const word = /^[a-zA-Z]+/.exec(src.slice(i + 1))?.[0] ?? "";
      if (!word) {
        const next = src[i + 1];
        if (next === "{" || next === "}") throw new ParseFail("set braces");
        i += 2; // `\,` and friends
        continue;
      }
      // Longest known command that prefixes the word: `\pir` is `\pi r` once spaces are gone.
      const cmd = [...COMMANDS].sort((a, b) => b.length - a.length).find((c) => word.startsWith(c));
      if (!cmd) throw new ParseFail(`unknown command \\${word}`);
      i += 1 + cmd.length;
      if (cmd === "cdot" || cmd === "times") toks.push({ t: "op", v: "*" });
      else if (cmd === "div") toks.push({ t: "op", v: "/" });
      else toks.push({ t: "cmd", v: cmd === "infinity" ? "infty" : cmd });
      continue;
    }
    if (/[a-zA-Z]/.test(ch)) {
      const rest = src.slice(i);
      const word = PLAIN_WORDS.find((w) => rest.startsWith(w) && !/^[a-zA-Z]/.test(rest.slice(w.length, w.length + 1)) || (rest.startsWith(w) && FUNCTIONS.includes(w) && rest[w.length] === "("));
      if (word) {
        toks.push({ t: "cmd", v: word === "inf" ? "infty" : word });
        i += word.length;
        continue;
      }
      let name = ch;
      i++;
      const sub = /^_(\{[a-zA-Z0-9]+\}|[a-zA-Z0-9])/.exec(src.slice(i));
      if (sub) {
        name += "_" + sub[1].replace(/[{}]/g, "");
        i += sub[0].length;
      }
      toks.push({ t: "var", v: name });
      continue;
    }
    if (src.startsWith("**", i)) {
      toks.push({ t: "op", v: "^" });
      i += 2;
      continue;
    }
    if ("+-*/^(){}[]|!_".includes(ch)) {
      toks.push({ t: "op", v: ch });
      i++;
      continue;
    }
    if (ch === "−") {
      toks.push({ t: "op", v: "-" });
      i++;
      continue;
    }
    if (ch === "π") {
      toks.push({ t: "cmd", v: "pi" });
      i++;
      continue;
    }
    if (ch === "∞") {
      toks.push({ t: "cmd", v: "infty" });
      i++;
      continue;
    }
    throw new ParseFail(`unexpected '${ch}'`);
  }
  return toks;
}

class Parser {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}

  parseAll(): Expr {
    const e = this.expr();
    if (this.i !== this.toks.length) throw new ParseFail("trailing input");
    return e;
  }

  private peek(): Tok | undefined {
    return this.toks[this.i];
  }
  private isOp(v: string): boolean {
    const t = this.peek();
    return t !== undefined && t.t === "op" && t.v === v;
  }
  private expect(v: string): void {
    if (!this.isOp(v)) throw new ParseFail(`expected ${v}`);
    this.i++;
  }

  private expr(): Expr {
    let a = this.term();
    while (this.isOp("+") || this.isOp("-")) {
      const op = (this.toks[this.i++] as { v: "+" | "-" }).v;
      a = { k: "bin", op, a, b: this.term() };
    }
    return a;
  }

  private startsAtom(): boolean {
    const t = this.peek();
    if (!t) return false;
    if (t.t !== "op") return true;
    return t.v === "(" || t.v === "{" || t.v === "[";
  }

  private term(): Expr {
    let a = this.unary();
    for (;;) {
      if (this.isOp("*") || this.isOp("/")) {
        const op = (this.toks[this.i++] as { v: "*" | "/" }).v;
        a = { k: "bin", op, a, b: this.unary() };
      } else if (this.startsAtom()) {
        a = { k: "bin", op: "*", a, b: this.power() };
      } else return a;
    }
  }

  private unary(): Expr {
    if (this.isOp("-")) {
      this.i++;
      return { k: "neg", a: this.unary() };
    }
    if (this.isOp("+")) {
      this.i++;
      return this.unary();
    }
    return this.power();
  }

  private power(): Expr {
    const base = this.postfix();
    if (this.isOp("^")) {
      this.i++;
      return { k: "bin", op: "^", a: base, b: this.exponent() };
    }
    return base;
  }

  private exponent(): Expr {
    if (this.isOp("{")) return this.group("{", "}");
    if (this.isOp("-")) {
      this.i++;
      return { k: "neg", a: this.exponent() };
    }
    return this.power();
  }

  private postfix(): Expr {
    let a = this.atom();
    while (this.isOp("!")) {
      this.i++;
      a = { k: "fact", a };
    }
    return a;
  }

  private group(open: string, close: string): Expr {
    this.expect(open);
    const e = this.expr();
    this.expect(close);
    return e;
  }

  /** A command argument: a braced group or a single token (`\frac12` has args 1 and 2). */
  private arg(): Expr {
    if (this.isOp("{")) return this.group("{", "}");
    const t = this.peek();
    if (t?.t === "num" && t.v.length > 1) {
      this.toks[this.i] = { t: "num", v: t.v.slice(1) };
      return { k: "num", text: t.v[0] };
    }
    return this.atom();
  }

  private atom(): Expr {
    const t = this.peek();
    if (!t) throw new ParseFail("unexpected end");
    if (t.t === "num") {
      this.i++;
      return { k: "num", text: t.v };
    }
    if (t.t === "var") {
      this.i++;
      return { k: "var", name: t.v };
    }
    if (t.t === "op") {
      if (t.v === "(") return this.group("(", ")");
      if (t.v === "{") return this.group("{", "}");
      if (t.v === "[") return this.group("[", "]");
      if (t.v === "|") {
        this.i++;
        const a = this.expr();
        this.expect("|");
        return { k: "abs", a };
      }
      throw new ParseFail(`unexpected ${t.v}`);
    }
    this.i++;
    switch (t.v) {
      case "pi":
        return { k: "const", name: "pi" };
      case "infty":
        return { k: "const", name: "inf" };
      case "frac": {
        const a = this.arg();
        const b = this.arg();
        return { k: "bin", op: "/", a, b };
      }
      case "sqrt": {
        let n: Expr | undefined;
        if (this.isOp("[")) n = this.group("[", "]");
        return { k: "root", a: this.arg(), n };
      }
      default: {
        let base: Expr | undefined;
        if (t.v === "log" && this.isOp("_")) {
          this.i++;
          base = this.arg();
        }
        let power: Expr | undefined;
        if (this.isOp("^")) {
          this.i++;
          power = this.exponent();
        }
        const a = this.isOp("(") ? this.group("(", ")") : this.isOp("{") ? this.group("{", "}") : this.power();
        const f: Expr = { k: "fn", name: t.v, a, base };
        return power ? { k: "bin", op: "^", a: f, b: power } : f;
      }
    }
  }
}

/** Parses an expression; undefined when it is not one this reader understands. */
export function parseExpression(text: string): Expr | undefined {
  try {
    const toks = tokenize(text);
    if (toks.length === 0) return undefined;
    return new Parser(toks).parseAll();
  } catch (e) {
    if (e instanceof ParseFail) return undefined;
    throw e;
  }
}

// ---- exact rational arithmetic ----

interface Rat {
  n: bigint;
  d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
}
function rat(n: bigint, d: bigint = 1n): Rat | undefined {
  if (d === 0n) return undefined;
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}
/** Integer k-th root when exact. */
function exactRoot(x: bigint, k: number): bigint | undefined {
  if (x < 0n) return k % 2 === 1 ? (() => { const r = exactRoot(-x, k); return r === undefined ? undefined : -r; })() : undefined;
  const guess = BigInt(Math.round(Math.pow(Number(x), 1 / k)));
  for (const c of [guess - 1n, guess, guess + 1n]) if (c >= 0n && c ** BigInt(k) === x) return c;
  return undefined;
}
const BIG = 10n ** 60n;

function exact(e: Expr): Rat | undefined {
  switch (e.k) {
    case "num": {
      const [int, frac = ""] = e.text.split(".");
      return rat(BigInt((int || "0") + frac), 10n ** BigInt(frac.length));
    }
    case "neg": {
      const a = exact(e.a);
      return a && { n: -a.n, d: a.d };
    }
    case "bin": {
      const a = exact(e.a);
      const b = exact(e.b);
      if (!a || !b) return undefined;
      let r: Rat | undefined;
      switch (e.op) {
        case "+": r = rat(a.n * b.d + b.n * a.d, a.d * b.d); break;
        case "-": r = rat(a.n * b.d - b.n * a.d, a.d * b.d); break;
        case "*": r = rat(a.n * b.n, a.d * b.d); break;
        case "/": r = rat(a.n * b.d, a.d * b.n); break;
        case "^": {
          if (b.d === 1n) {
            if (b.n > 256n || b.n < -256n) return undefined;
            const k = b.n < 0n ? -b.n : b.n;
            r = b.n >= 0n ? rat(a.n ** k, a.d ** k) : rat(a.d ** k, a.n ** k);
          } else if (b.d <= 12n && b.n > 0n && b.n <= 64n) {
            const rn = exactRoot(a.n, Number(b.d));
            const rd = exactRoot(a.d, Number(b.d));
            r = rn !== undefined && rd !== undefined ? rat(rn ** b.n, rd ** b.n) : undefined;
          }
          break;
        }
      }
      if (r && (r.n > BIG || r.n < -BIG || r.d > BIG)) return undefined;
      return r;
    }
    case "root": {
      const a = exact(e.a);
      const n = e.n ? exact(e.n) : { n: 2n, d: 1n };
      if (!a || !n || n.d !== 1n || n.n < 2n || n.n > 12n) return undefined;
      const rn = exactRoot(a.n, Number(n.n));
      const rd = exactRoot(a.d, Number(n.n));
      return rn !== undefined && rd !== undefined ? rat(rn, rd) : undefined;
    }
    case "fact": {
      const a = exact(e.a);
      if (!a || a.d !== 1n || a.n < 0n || a.n > 100n) return undefined;
      let f = 1n;
      for (let i = 2n; i <= a.n; i++) f *= i;
      return { n: f, d: 1n };
    }
    case "abs": {
      const a = exact(e.a);
      return a && { n: a.n < 0n ? -a.n : a.n, d: a.d };
    }
    default:
      return undefined;
  }
}

// ---- floating point ----

function gamma(n: number): number {
  if (Number.isInteger(n) && n >= 0 && n <= 170) {
    let f = 1;
    for (let i = 2; i <= n; i++) f *= i;
    return f;
  }
  return NaN;
}

function evaluate(e: Expr, env: ReadonlyMap<string, number>): number {
  switch (e.k) {
    case "num": return Number(e.text);
    case "var": return env.get(e.name) ?? NaN;
    case "const": return e.name === "pi" ? Math.PI : Infinity;
    case "neg": return -evaluate(e.a, env);
    case "bin": {
      const a = evaluate(e.a, env);
      const b = evaluate(e.b, env);
      switch (e.op) {
        case "+": return a + b;
        case "-": return a - b;
        case "*": return a * b;
        case "/": return a / b;
        case "^": return Math.pow(a, b);
      }
      break;
    }
    case "root": {
      const a = evaluate(e.a, env);
      const n = e.n ? evaluate(e.n, env) : 2;
      return a < 0 && n % 2 === 1 ? -Math.pow(-a, 1 / n) : Math.pow(a, 1 / n);
    }
    case "fact": return gamma(evaluate(e.a, env));
    case "abs": return Math.abs(evaluate(e.a, env));
    case "fn": {
      const a = evaluate(e.a, env);
      switch (e.name) {
        case "sin": return Math.sin(a);
        case "cos": return Math.cos(a);
        case "tan": return Math.tan(a);
        case "sec": return 1 / Math.cos(a);
        case "csc": return 1 / Math.sin(a);
        case "cot": return 1 / Math.tan(a);
        case "arcsin": return Math.asin(a);
        case "arccos": return Math.acos(a);
        case "arctan": return Math.atan(a);
        case "sinh": return Math.sinh(a);
        case "cosh": return Math.cosh(a);
        case "tanh": return Math.tanh(a);
        case "ln": return Math.log(a);
        case "exp": return Math.exp(a);
        case "log": return e.base ? Math.log(a) / Math.log(evaluate(e.base, env)) : Math.log(a);
      }
      return NaN;
    }
  }
  return NaN;
}

function variables(e: Expr, into: Set<string> = new Set()): Set<string> {
  switch (e.k) {
    case "var": into.add(e.name); break;
    case "neg": case "fact": case "abs": variables(e.a, into); break;
    case "bin": variables(e.a, into); variables(e.b, into); break;
    case "fn": variables(e.a, into); if (e.base) variables(e.base, into); break;
    case "root": variables(e.a, into); if (e.n) variables(e.n, into); break;
  }
  return into;
}

/** Relative tolerance the field's graders use for numbers. */
export const REL_TOL = 1e-4;

/** Close within `REL_TOL` (absolute 1e-9 near zero); infinities only equal themselves. */
export function numbersClose(a: number, b: number, relTol: number = REL_TOL): boolean {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= Math.max(relTol * Math.max(Math.abs(a), Math.abs(b)), 1e-9);
}

/** The value of a constant expression, or undefined when it has variables or is not understood. */
export function constantValue(text: string): number | undefined {
  const e = parseExpression(text);
  if (!e || variables(e).size > 0) return undefined;
  const v = evaluate(e, new Map());
  return Number.isNaN(v) ? undefined : v;
}

// Fixed, irregular sample points: deterministic, and unlikely to hit a special value.
const SAMPLE_POINTS = [0.7316, 1.4142, 2.2361, 0.3679, 3.1623];

/** Options for `compareExpressions`. */
export interface CompareOptions {
  /** Scales that make `a` match `b` (percent handling), e.g. [1, 0.01]. Default [1]. */
  scales?: readonly number[];
}

/**
 * Whether two expression texts are equal: exactly for rational constants written without decimals, within
 * `REL_TOL` otherwise, and at sample points when they have variables. Undefined when either is not
 * understood or sampling is inconclusive.
 */
export function compareExpressions(a: string, b: string, options: CompareOptions = {}): boolean | undefined {
  const ea = parseExpression(a);
  const eb = parseExpression(b);
  if (!ea || !eb) return undefined;
  const scales = options.scales ?? [1];
  const vars = new Set([...variables(ea), ...variables(eb)]);
  if (vars.size === 0) {
    const ra = exact(ea);
    const rb = exact(eb);
    const decimals = /\d\.\d|(^|[^\d])\.\d/.test(a + " " + b);
    if (ra && rb && !decimals && scales.length === 1) return ra.n === rb.n && ra.d === rb.d;
    const va = evaluate(ea, new Map());
    const vb = evaluate(eb, new Map());
    if (Number.isNaN(va) || Number.isNaN(vb)) return undefined;
    return scales.some((s) => numbersClose(va * s, vb));
  }
  let agreed = 0;
  for (let p = 0; p < SAMPLE_POINTS.length; p++) {
    const env = new Map<string, number>();
    [...vars].sort().forEach((v, i) => env.set(v, SAMPLE_POINTS[(p + i) % SAMPLE_POINTS.length] + i * 0.1));
    const va = evaluate(ea, env);
    const vb = evaluate(eb, env);
    if (!Number.isFinite(va) || !Number.isFinite(vb)) continue;
    if (!numbersClose(va, vb, 1e-6)) return false;
    agreed++;
  }
  return agreed >= 2 ? true : undefined;
}

/**
 * Whether two equation sides-differences are proportional (`2x+2y=4` and `x+y=2` are the same equation).
 * Undefined when not understood.
 */
export function proportionalDifferences(l1: string, r1: string, l2: string, r2: string): boolean | undefined {
  const parts = [l1, r1, l2, r2].map(parseExpression);
  if (parts.some((p) => !p)) return undefined;
  const [a, b, c, d] = parts as Expr[];
  const d1: Expr = { k: "bin", op: "-", a, b };
  const d2: Expr = { k: "bin", op: "-", a: c, b: d };
  const vars = new Set([...variables(d1), ...variables(d2)]);
  if (vars.size === 0) return undefined;
  let ratio: number | undefined;
  let agreed = 0;
  for (let p = 0; p < SAMPLE_POINTS.length; p++) {
    const env = new Map<string, number>();
    [...vars].sort().forEach((v, i) => env.set(v, SAMPLE_POINTS[(p + i) % SAMPLE_POINTS.length] + i * 0.1));
    const v1 = evaluate(d1, env);
    const v2 = evaluate(d2, env);
    if (!Number.isFinite(v1) || !Number.isFinite(v2) || Math.abs(v2) < 1e-12) continue;
    const r = v1 / v2;
    if (ratio === undefined) ratio = r;
    else if (!numbersClose(r, ratio, 1e-6)) return false;
    agreed++;
  }
  return agreed >= 2 && ratio !== undefined && Math.abs(ratio) > 1e-12 ? true : undefined;
}
