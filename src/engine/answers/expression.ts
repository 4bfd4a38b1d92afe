// The project's one LaTeX/plain-math expression reader: numbers (decimal and scientific), + − × ÷ ^,
// \frac, \sqrt, \binom, \pi, e, \infty, degrees, implicit multiplication, a few functions and free
// variables. Constant expressions are evaluated exactly (big rationals) where they stay rational, in
// floating point otherwise; expressions with variables are compared by evaluating both at fixed sample
// points. `sympy.ts` prints the same trees in sympy syntax for the sandbox and the hovers.

export type Expr =
  | { k: "num"; text: string }
  | { k: "var"; name: string }
  | { k: "const"; name: "pi" | "inf" | "e" }
  | { k: "neg"; a: Expr }
  | { k: "bin"; op: "+" | "-" | "*" | "/" | "^"; a: Expr; b: Expr }
  | { k: "fn"; name: string; a: Expr; base?: Expr }
  | { k: "root"; a: Expr; n?: Expr }
  | { k: "fact"; a: Expr }
  | { k: "abs"; a: Expr }
  | { k: "binom"; a: Expr; b: Expr }
  | { k: "round"; dir: "floor" | "ceil"; a: Expr };

type Tok =
  | { t: "num"; v: string }
  | { t: "var"; v: string }
  | { t: "cmd"; v: string }
  | { t: "op"; v: string };

const FUNCTIONS = ["arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "sin", "cos", "tan", "sec", "csc", "cot", "ln", "log", "exp"];

/** Single Unicode math characters and the tokens they stand for. */
const UNICODE_TOKENS: Record<string, readonly Tok[]> = {
  "×": [{ t: "op", v: "*" }],
  "·": [{ t: "op", v: "*" }],
  "⋅": [{ t: "op", v: "*" }],
  "÷": [{ t: "op", v: "/" }],
  "√": [{ t: "cmd", v: "sqrt" }],
  "−": [{ t: "op", v: "-" }],
  "°": [{ t: "op", v: "^" }, { t: "cmd", v: "circ" }],
  "π": [{ t: "cmd", v: "pi" }],
  "∞": [{ t: "cmd", v: "infty" }],
};

/** Greek letters read as variable names. */
const GREEK = [
  "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta", "iota", "kappa",
  "lambda", "mu", "nu", "xi", "rho", "sigma", "tau", "upsilon", "phi", "varphi", "chi", "psi", "omega",
  "Gamma", "Delta", "Theta", "Lambda", "Xi", "Sigma", "Phi", "Psi", "Omega",
];
const COMMANDS = [
  "frac", "sqrt", "binom", "pi", "infty", "infinity", "cdot", "times", "div", "circ", "lfloor", "rfloor", "lceil",
  "rceil", ...FUNCTIONS, ...GREEK,
];
const SORTED_COMMANDS = [...COMMANDS].sort((a, b) => b.length - a.length);
const PLAIN_WORDS = ["sqrt", "pi", "inf", "binomial", "factorial", "Abs", "abs", "floor", "ceiling", "exp", ...FUNCTIONS.filter((f) => f !== "exp")];

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
    const num = /^(\d+\.?\d*|\.\d+)(?:[eE]([+-]?\d+)(?![\d.]))?/.exec(src.slice(i));
    if (num) {
      // `2e3` is scientific notation; a lone `e` after a number (`2e`) is Euler's number times it.
      if (num[2] !== undefined) {
        toks.push({ t: "num", v: num[1] }, { t: "op", v: "*" }, { t: "num", v: "10" }, { t: "op", v: "^" });
        if (num[2].startsWith("-")) toks.push({ t: "op", v: "-" });
        toks.push({ t: "num", v: num[2].replace(/^[+-]/, "") });
      } else toks.push({ t: "num", v: num[1] });
      i += num[0].length;
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
      const cmd = SORTED_COMMANDS.find((c) => word.startsWith(c));
      if (!cmd) throw new ParseFail(`unknown command \\${word}`);
      i += 1 + cmd.length;
      if (cmd === "cdot" || cmd === "times") toks.push({ t: "op", v: "*" });
      else if (cmd === "div") toks.push({ t: "op", v: "/" });
      else if (GREEK.includes(cmd)) toks.push({ t: "var", v: cmd.replace(/^var/, "") });
      else if (cmd === "lfloor" || cmd === "lceil") toks.push({ t: "cmd", v: cmd === "lfloor" ? "floor" : "ceiling" });
      else if (cmd === "rfloor" || cmd === "rceil") toks.push({ t: "op", v: "⌋" });
      else toks.push({ t: "cmd", v: cmd === "infinity" ? "infty" : cmd });
      continue;
    }
    if (/[a-zA-Z]/.test(ch)) {
      const rest = src.slice(i);
      const word = PLAIN_WORDS.find((w) => rest.startsWith(w) && (!/^[a-zA-Z]/.test(rest.slice(w.length, w.length + 1)) || rest[w.length] === "("));
      if (word) {
        const canonical: Record<string, string> = { inf: "infty", binomial: "binom", abs: "Abs", ceiling: "ceiling" };
        toks.push({ t: "cmd", v: canonical[word] ?? word });
        i += word.length;
        continue;
      }
      // `oo` is sympy's infinity; `E` and `I` its constants in plain input.
      if (rest.startsWith("oo") && !/^[a-zA-Z]/.test(rest.slice(2, 3))) {
        toks.push({ t: "cmd", v: "infty" });
        i += 2;
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
    if ("+-*/^(){}[]|!_,⌋".includes(ch)) {
      toks.push({ t: "op", v: ch });
      i++;
      continue;
    }
    const unicode = UNICODE_TOKENS[ch];
    if (unicode) {
      toks.push(...unicode);
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
      // `30^\circ` / `30^{\circ}` / `30°`: degrees, i.e. times π/180.
      const t = this.peek();
      const braced = t?.t === "op" && t.v === "{" && this.toks[this.i + 1]?.v === "circ" && this.toks[this.i + 2]?.v === "}";
      if ((t?.t === "cmd" && t.v === "circ") || braced) {
        this.i += braced ? 3 : 1;
        const degree: Expr = { k: "bin", op: "/", a: { k: "const", name: "pi" }, b: { k: "num", text: "180" } };
        return { k: "bin", op: "*", a: base, b: degree };
      }
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
      // A lone e is Euler's number in answers (`e^{2}`, `\ln e`); E is sympy's spelling.
      if (t.v === "e" || t.v === "E") return { k: "const", name: "e" };
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
        return { k: "root", a: this.isOp("(") ? this.group("(", ")") : this.arg(), n };
      }
      case "binom": {
        if (this.isOp("(")) {
          this.i++;
          const a = this.expr();
          this.expect(",");
          const b = this.expr();
          this.expect(")");
          return { k: "binom", a, b };
        }
        const a = this.arg();
        return { k: "binom", a, b: this.arg() };
      }
      case "floor":
      case "ceiling": {
        const dir = t.v === "floor" ? "floor" : "ceil";
        if (this.isOp("(")) return { k: "round", dir, a: this.group("(", ")") };
        const a = this.expr();
        this.expect("⌋");
        return { k: "round", dir, a };
      }
      case "Abs":
        return { k: "abs", a: this.group("(", ")") };
      case "factorial":
        return { k: "fact", a: this.group("(", ")") };
      case "circ":
        throw new ParseFail("stray degree sign");
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

const MAX_EXPRESSION_CHARS = 2000;

/** Parses an expression; undefined when it is not one this reader understands (or longer than 2,000 characters). */
export function parseExpression(text: string): Expr | undefined {
  // Answers are short; a hostile one must not cost more than a bounded parse.
  if (text.length > MAX_EXPRESSION_CHARS) return undefined;
  try {
    // Presentation-only LaTeX (the grader's normaliser has removed it already; hovers have not).
    const clean = text
      .replace(/\\(?:left|right|bigl|bigr|Bigl|Bigr|big|Big)(?![a-zA-Z])/g, "")
      .replace(/\\(?:displaystyle|textstyle)(?![a-zA-Z])/g, "")
      .replace(/\\[dtc]frac(?![a-zA-Z])/g, "\\frac")
      .replace(/\\[dt]binom(?![a-zA-Z])/g, "\\binom")
      .replace(/\\(?:quad|qquad)(?![a-zA-Z])/g, " ");
    const toks = tokenize(clean);
    if (toks.length === 0) return undefined;
    return new Parser(toks).parseAll();
  } catch (e) {
    // RangeError: nesting deeper than the stack.
    if (e instanceof ParseFail || e instanceof RangeError) return undefined;
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
    case "binom": {
      const n = exact(e.a);
      const k = exact(e.b);
      if (!n || !k || n.d !== 1n || k.d !== 1n || n.n < 0n || n.n > 1000n) return undefined;
      if (k.n < 0n || k.n > n.n) return { n: 0n, d: 1n };
      let r = 1n;
      for (let i = 0n; i < k.n; i++) r = (r * (n.n - i)) / (i + 1n);
      return { n: r, d: 1n };
    }
    case "round": {
      const a = exact(e.a);
      if (!a) return undefined;
      const q = a.n / a.d; // truncates toward zero
      const down = a.n < 0n && q * a.d !== a.n ? q - 1n : q;
      return { n: e.dir === "floor" || down * a.d === a.n ? down : down + 1n, d: 1n };
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
    case "const": return e.name === "pi" ? Math.PI : e.name === "e" ? Math.E : Infinity;
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
    case "binom": {
      const n = evaluate(e.a, env);
      const k = evaluate(e.b, env);
      if (!Number.isInteger(n) || !Number.isInteger(k) || n < 0 || n > 1000) return NaN;
      if (k < 0 || k > n) return 0;
      let r = 1;
      for (let i = 0; i < k; i++) r = (r * (n - i)) / (i + 1);
      return r;
    }
    case "round": return e.dir === "floor" ? Math.floor(evaluate(e.a, env)) : Math.ceil(evaluate(e.a, env));
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
    case "neg": case "fact": case "abs": case "round": variables(e.a, into); break;
    case "binom": variables(e.a, into); variables(e.b, into); break;
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
// Negative points catch `\sqrt{x^2}` vs `x`; where a side is undefined (`\sqrt{x}` at x < 0) the point is skipped.
const SAMPLE_POINTS = [0.7316, 1.4142, 2.2361, 0.3679, 3.1623, -0.8253, -1.7321];

/** Options for `compareExpressions`. */
export interface CompareOptions {
  /** Scales that make `a` match `b` (percent handling), e.g. [1, 0.01]. Default [1]. */
  scales?: readonly number[];
  /**
   * Relative tolerance between two written-out numbers. Default 1e-9: only floating-point noise
   * (`0.30000000000000004` = `0.3`), so `16386.20` ≠ `16386.17`. Verification passes `REL_TOL`, because a
   * model rounds what its code printed (`16386.16986` → `16386.17`).
   */
  literalRelTol?: number;
}

// ---- complex values, for answers with i ----

type C = [number, number];

function cmul(a: C, b: C): C {
  return [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
}
function cdiv(a: C, b: C): C {
  const d = b[0] * b[0] + b[1] * b[1];
  return [(a[0] * b[0] + a[1] * b[1]) / d, (a[1] * b[0] - a[0] * b[1]) / d];
}
function cexp(a: C): C {
  const m = Math.exp(a[0]);
  return [m * Math.cos(a[1]), m * Math.sin(a[1])];
}
function clog(a: C): C {
  return [Math.log(Math.hypot(a[0], a[1])), Math.atan2(a[1], a[0])];
}
function cpow(a: C, b: C): C {
  if (b[1] === 0 && Number.isInteger(b[0]) && Math.abs(b[0]) <= 64) {
    let r: C = [1, 0];
    for (let k = 0; k < Math.abs(b[0]); k++) r = cmul(r, a);
    return b[0] < 0 ? cdiv([1, 0], r) : r;
  }
  if (a[0] === 0 && a[1] === 0) return [0, 0];
  return cexp(cmul(b, clog(a)));
}

/** The value with `i` as the imaginary unit; NaN parts for what this evaluator does not cover. */
function evaluateComplex(e: Expr, env: ReadonlyMap<string, number>): C {
  switch (e.k) {
    case "num": return [Number(e.text), 0];
    case "var": return e.name === "i" ? [0, 1] : [env.get(e.name) ?? NaN, 0];
    case "const": return e.name === "inf" ? [NaN, NaN] : [e.name === "pi" ? Math.PI : Math.E, 0];
    case "neg": {
      const a = evaluateComplex(e.a, env);
      return [-a[0], -a[1]];
    }
    case "bin": {
      const a = evaluateComplex(e.a, env);
      const b = evaluateComplex(e.b, env);
      switch (e.op) {
        case "+": return [a[0] + b[0], a[1] + b[1]];
        case "-": return [a[0] - b[0], a[1] - b[1]];
        case "*": return cmul(a, b);
        case "/": return cdiv(a, b);
        case "^": return cpow(a, b);
      }
      break;
    }
    case "root": return e.n ? [NaN, NaN] : cpow(evaluateComplex(e.a, env), [0.5, 0]);
    case "abs": {
      const a = evaluateComplex(e.a, env);
      return [Math.hypot(a[0], a[1]), 0];
    }
    case "fn":
      if (e.name === "exp") return cexp(evaluateComplex(e.a, env));
      if (e.name === "ln" || (e.name === "log" && !e.base)) return clog(evaluateComplex(e.a, env));
      if (e.name === "sin" || e.name === "cos") {
        const a = evaluateComplex(e.a, env);
        const p = cexp([-a[1], a[0]]);
        const q = cexp([a[1], -a[0]]);
        return e.name === "cos" ? [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2] : cdiv([p[0] - q[0], p[1] - q[1]], [0, 2]);
      }
      return [NaN, NaN];
  }
  return [NaN, NaN];
}

function complexClose(a: C, b: C, relTol: number): boolean {
  const scale = Math.max(Math.hypot(a[0], a[1]), Math.hypot(b[0], b[1]));
  return Math.hypot(a[0] - b[0], a[1] - b[1]) <= Math.max(relTol * scale, 1e-9);
}

/** A number written out (`42`, `-0.5`), as opposed to one computed from an expression. */
function isLiteral(e: Expr): boolean {
  return e.k === "num" || (e.k === "neg" && e.a.k === "num");
}

function hasInfinity(e: Expr): boolean {
  switch (e.k) {
    case "const": return e.name === "inf";
    case "num": case "var": return false;
    case "bin": case "binom": return hasInfinity(e.a) || hasInfinity(e.b);
    case "fn": return hasInfinity(e.a) || (e.base !== undefined && hasInfinity(e.base));
    case "root": return hasInfinity(e.a) || (e.n !== undefined && hasInfinity(e.n));
    default: return hasInfinity(e.a);
  }
}

function hasDecimal(e: Expr): boolean {
  switch (e.k) {
    case "num": return e.text.includes(".");
    case "const": case "var": return false;
    case "bin": case "binom": return hasDecimal(e.a) || hasDecimal(e.b);
    case "fn": return hasDecimal(e.a) || (e.base !== undefined && hasDecimal(e.base));
    case "root": return hasDecimal(e.a) || (e.n !== undefined && hasDecimal(e.n));
    default: return hasDecimal(e.a);
  }
}

const SCALE_RATS: Record<number, Rat> = { 1: { n: 1n, d: 1n }, 0.01: { n: 1n, d: 100n }, 100: { n: 100n, d: 1n } };

/** The variables of an expression tree. */
export function freeVariables(e: Expr): Set<string> {
  return variables(e);
}

/**
 * Whether two expression trees are equal:
 * - two written-out numbers (`16386.20` vs `16386.17`, `42` vs `42.0`) and two exact rational expressions
 *   without decimals (`\frac{2}{4}` vs `1/2`) are compared exactly (written-out numbers up to
 *   `literalRelTol`);
 * - anything else constant (a decimal against `\frac{14}{3}`, `\pi`, `\sqrt{2}`) within `REL_TOL`;
 * - expressions with variables at fixed sample points (relative 1e-6).
 * Undefined when a value cannot be computed here (complex values, overflow, sampling inconclusive, an
 * identity that may need i² = −1), which sends the pair to the symbolic check.
 */
export function compareTrees(ea: Expr, eb: Expr, options: CompareOptions = {}): boolean | undefined {
  const scales = options.scales ?? [1];
  const vars = new Set([...variables(ea), ...variables(eb)]);
  if (vars.size === 0) {
    const ra = exact(ea);
    const rb = exact(eb);
    const literals = isLiteral(ea) && isLiteral(eb);
    if (ra && rb && (literals || (!hasDecimal(ea) && !hasDecimal(eb)))) {
      const exactly = scales.some((s) => {
        const k = SCALE_RATS[s];
        return ra.n * k.n * rb.d === rb.n * ra.d * k.d;
      });
      if (exactly || !literals) return exactly;
      const va = Number(ra.n) / Number(ra.d);
      const vb = Number(rb.n) / Number(rb.d);
      return scales.some((s) => numbersClose(va * s, vb, options.literalRelTol ?? 1e-9));
    }
    const va = evaluate(ea, new Map());
    const vb = evaluate(eb, new Map());
    if (Number.isNaN(va) || Number.isNaN(vb)) return undefined;
    if ((!Number.isFinite(va) && !hasInfinity(ea)) || (!Number.isFinite(vb) && !hasInfinity(eb))) return undefined;
    return scales.some((s) => numbersClose(va * s, vb));
  }
  let agreed = 0;
  if (vars.has("i")) {
    // i is the imaginary unit: evaluate in complex numbers, the other variables at the sample points.
    vars.delete("i");
    const relTol = vars.size === 0 ? REL_TOL : 1e-6;
    for (let p = 0; p < (vars.size === 0 ? 1 : SAMPLE_POINTS.length); p++) {
      const env = new Map<string, number>();
      [...vars].sort().forEach((v, i) => env.set(v, SAMPLE_POINTS[(p + i) % SAMPLE_POINTS.length] + i * 0.1));
      const va = evaluateComplex(ea, env);
      const vb = evaluateComplex(eb, env);
      if (![...va, ...vb].every(Number.isFinite)) return undefined;
      if (!scales.some((s) => complexClose([va[0] * s, va[1] * s], vb, relTol))) return false;
      agreed++;
    }
    return vars.size === 0 || agreed >= 2 ? true : undefined;
  }
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

/** `compareTrees` on texts; undefined when either is not an expression this reader understands. */
export function compareExpressions(a: string, b: string, options: CompareOptions = {}): boolean | undefined {
  const ea = parseExpression(a);
  const eb = parseExpression(b);
  if (!ea || !eb) return undefined;
  return compareTrees(ea, eb, options);
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
