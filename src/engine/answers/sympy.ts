// Printing the expression reader's trees in plain sympy syntax: ASCII decimal numbers, names, + - * / **,
// parentheses, commas and a fixed set of functions (sqrt sin cos tan asin acos atan log exp Abs factorial
// binomial floor ceiling) and constants (pi E I oo). The sandbox parses exactly that without eval, so this
// is the only way LaTeX reaches sympy: the symbolic check of two answers and the hovers' evaluation.

import { parseExpression, type Expr } from "./expression";

/** Thrown when LaTeX or plain math cannot be read as one scalar expression. */
export class NotAnExpressionError extends Error {
  constructor(text: string) {
    super(`Not an expression this reader understands: ${JSON.stringify(text.length > 80 ? text.slice(0, 80) + "…" : text)}.`);
    this.name = "NotAnExpressionError";
  }
}

export interface SympyPrintOptions {
  /**
   * How a variable is named in the output. Default: its own name when it is a plain ASCII identifier that
   * sympy does not reserve, else `v_<n>`. The symbolic check passes one shared map for both answers.
   */
  rename?: (name: string) => string;
}

/** Names sympy's parser reads as something other than a free symbol, and Python keywords. */
const RESERVED = new Set([
  "E", "I", "N", "O", "Q", "S", "pi", "oo", "nan", "zoo", "sqrt", "sin", "cos", "tan", "asin", "acos", "atan", "log",
  "ln", "exp", "Abs", "factorial", "binomial", "floor", "ceiling", "gamma", "beta", "zeta", "lambda", "and", "or",
  "not", "if", "else", "for", "in", "is", "as", "def", "del", "from", "global", "import", "pass", "print", "return",
  "try", "while", "with", "yield", "class", "lambda", "None", "True", "False", "nonlocal", "assert", "break",
  "continue", "except", "finally", "raise", "elif", "await", "async",
]);

/** Renames that keep readable names where they are safe, numbering the others in order of appearance. */
export function safeNames(): (name: string) => string {
  const given = new Map<string, string>();
  return (name) => {
    let out = given.get(name);
    if (out === undefined) {
      out = /^[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)?$/.test(name) && !RESERVED.has(name) ? name : `v_${given.size}`;
      given.set(name, out);
    }
    return out;
  };
}

function num(text: string): string {
  // Normalise `.5` and `5.` for sympy; keep decimals as written (sympy reads them as Floats).
  const t = text.startsWith(".") ? "0" + text : text.endsWith(".") ? text.slice(0, -1) : text;
  return t;
}

const FN: Record<string, (a: string) => string> = {
  sin: (a) => `sin(${a})`,
  cos: (a) => `cos(${a})`,
  tan: (a) => `tan(${a})`,
  sec: (a) => `(1/cos(${a}))`,
  csc: (a) => `(1/sin(${a}))`,
  cot: (a) => `(1/tan(${a}))`,
  arcsin: (a) => `asin(${a})`,
  arccos: (a) => `acos(${a})`,
  arctan: (a) => `atan(${a})`,
  sinh: (a) => `((exp(${a})-exp(-(${a})))/2)`,
  cosh: (a) => `((exp(${a})+exp(-(${a})))/2)`,
  tanh: (a) => `((exp(${a})-exp(-(${a})))/(exp(${a})+exp(-(${a}))))`,
  ln: (a) => `log(${a})`,
  log: (a) => `log(${a})`,
  exp: (a) => `exp(${a})`,
};

/** The tree in sympy syntax, fully parenthesised. */
export function printSympy(e: Expr, options: SympyPrintOptions = {}): string {
  const rename = options.rename ?? safeNames();
  const p = (x: Expr): string => {
    switch (x.k) {
      case "num": return num(x.text);
      case "var": return x.name === "i" ? "I" : rename(x.name);
      case "const": return x.name === "pi" ? "pi" : x.name === "e" ? "E" : "oo";
      case "neg": return `(-${p(x.a)})`;
      case "bin": return `(${p(x.a)}${x.op === "^" ? "**" : x.op}${p(x.b)})`;
      case "root": return x.n ? `((${p(x.a)})**(1/(${p(x.n)})))` : `sqrt(${p(x.a)})`;
      case "fact": return `factorial(${p(x.a)})`;
      case "abs": return `Abs(${p(x.a)})`;
      case "binom": return `binomial(${p(x.a)},${p(x.b)})`;
      case "round": return x.dir === "floor" ? `floor(${p(x.a)})` : `ceiling(${p(x.a)})`;
      case "fn": {
        const arg = p(x.a);
        if (x.name === "log" && x.base) return `(log(${arg})/log(${p(x.base)}))`;
        const f = FN[x.name];
        if (!f) throw new NotAnExpressionError(x.name);
        return f(arg);
      }
    }
  };
  return p(e);
}

/**
 * LaTeX or plain math (`\frac{1}{3}+\frac{1}{6}`, `2^10 + 3/4`) as sympy syntax; the one converter the
 * project has. Throws `NotAnExpressionError` for anything that is not a single scalar expression.
 */
export function latexToSympy(text: string, options: SympyPrintOptions = {}): string {
  const e = parseExpression(text);
  if (!e) throw new NotAnExpressionError(text);
  return printSympy(e, options);
}
