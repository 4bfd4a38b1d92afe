// Answer equivalence, one pipeline for grading, the vote and verification:
// extract → normalise → parse (shape, then expression trees) → compare numerically → symbolically.
// The plain rules are synchronous; the symbolic step sends only scalar sympy-syntax pairs to the sandbox
// and feeds its verdicts back into the same structural comparison. See README.md here for the order.

import type { Sandbox } from "../types";
import { extractAnswer, type ExtractionRule } from "./extract";
import { compareTrees, parseExpression, proportionalDifferences, type Expr } from "./expression";
import { normalizeWithFlags, type NormalizedAnswer } from "./normalize";
import { answerShape, splitTopLevel, type AnswerShape, type Interval } from "./structure";
import { printSympy, safeNames } from "./sympy";

type Verdict = boolean | undefined;

/** Verdicts for scalar pairs the plain rules left open, keyed by `pairKey`. */
type Oracle = ReadonlyMap<string, boolean>;

/** One comparison's bookkeeping: the rules that decided, and the scalar pairs left for sympy. */
class Judge {
  readonly rules: string[] = [];
  readonly open = new Map<string, [string, string]>();
  constructor(private readonly oracle: Oracle = new Map()) {}

  /** Records the rule and returns its verdict. */
  note(rule: string, v: Verdict): Verdict {
    if (v !== undefined && !this.rules.includes(rule)) this.rules.push(rule);
    return v;
  }

  /** A scalar pair the plain rules cannot decide: the sandbox's verdict when known, else recorded. */
  symbolic(ea: Expr, eb: Expr): Verdict {
    const rename = safeNames();
    let pa: string;
    let pb: string;
    try {
      pa = printSympy(ea, { rename });
      pb = printSympy(eb, { rename });
    } catch {
      return undefined;
    }
    const key = `${pa}\u0000${pb}`;
    const known = this.oracle.get(key);
    if (known !== undefined) return this.note("symbolic (sympy)", known);
    if (this.open.size < MAX_SYMBOLIC_PAIRS) this.open.set(key, [pa, pb]);
    return undefined;
  }
}

/** At most this many scalar pairs of one comparison go to the sandbox. */
const MAX_SYMBOLIC_PAIRS = 16;

/** Letters of a multiple-choice answer: `C`, `(C)`, `C)`, `\text{(C)}` → `C`. */
function choiceLetter(s: string): string | undefined {
  return /^\(?([A-E])\)?$/.exec(s)?.[1];
}

/** A number written in a base: `52_8`, `4210_{5}`, `1011_2`. */
function baseNumber(s: string): { digits: string; base: number } | undefined {
  const m = /^([0-9A-Za-z]+)_\{?(\d+)\}?$/.exec(s);
  return m && /\d/.test(m[1]) ? { digits: m[1], base: Number(m[2]) } : undefined;
}

/** Text that is words, not mathematics: a run of 3+ letters outside a known command. */
function isWords(s: string): boolean {
  const stripped = s
    .replace(/\\[a-zA-Z]+/g, " ")
    .replace(/\b(?:sqrt|pi|inf|sin|cos|tan|sec|csc|cot|log|ln|exp|arcsin|arccos|arctan|sinh|cosh|tanh|binomial|factorial|floor|ceiling|Abs|oo)\b/g, " ");
  return /[a-zA-Z]{3,}/.test(stripped);
}

function wordsKey(s: string): string {
  return s.replace(/\\[a-zA-Z]+/g, "").replace(/[^a-zA-Z0-9]/g, "").toLowerCase();
}

/** Split at top-level `=` signs that are not part of `<=`, `>=`, `!=` or `==`. */
function splitEquals(s: string): string[] {
  const parts = splitTopLevel(s, "=");
  const out: string[] = [];
  for (const p of parts) {
    if (out.length > 0 && (/[<>!=]$/.test(out[out.length - 1]) || p === "")) out[out.length - 1] += "=" + p;
    else out.push(p);
  }
  return out;
}

/** An `lhs=rhs` split at a single top-level `=`, or undefined. */
function equation(s: string): [string, string] | undefined {
  const parts = splitEquals(s);
  return parts.length === 2 && parts[0] && parts[1] ? [parts[0], parts[1]] : undefined;
}

/** A left side that only names the answer: `x`, `k_1`, `\theta`, `f(2)`, `AB`, `(p,q,r)`. */
function isNameOnly(lhs: string): boolean {
  return /^(?:[a-zA-Z]{1,2}(?:_\{?\w+\}?)?|\\[a-zA-Z]+|[a-zA-Z]\([^()]*\)|\\?[a-zA-Z]+\([^()]*\)|\([a-zA-Z](?:,[a-zA-Z])+\))$/.test(lhs);
}

function isConstant(s: string): boolean {
  const e = parseExpression(s);
  if (!e) return false;
  return !/[a-zA-Z]/.test(s.replace(/\\(?:frac|sqrt|pi|cdot|times|infty|binom)/g, ""));
}

/**
 * What an equality chain or approximation answers: `y=2+3=5` → `y=5`; `1=\zzz=x=0` → `0`;
 * `\frac{70}{9}≈7.78` → `\frac{70}{9}` (the exact value before ≈); `x≈11` → `x=11`; `\frac{1}{2}=\frac{10}{9}`
 * (both sides numbers) → `\frac{10}{9}`.
 */
function reduceEquality(s: string): string {
  if (s.includes("≈")) {
    const parts = splitTopLevel(s, "≈").filter((p) => p.length > 0);
    if (parts.length >= 2) s = isNameOnly(parts[0]) ? `${parts[0]}=${parts[1]}` : parts[0];
    else if (parts.length === 1) s = parts[0];
  }
  const parts = splitEquals(s).filter((p) => p.length > 0);
  if (parts.length >= 3) return isNameOnly(parts[0]) ? `${parts[0]}=${parts[parts.length - 1]}` : parts[parts.length - 1];
  if (parts.length === 2 && isConstant(parts[0]) && isConstant(parts[1])) return parts[1];
  return s;
}

/** Combine element verdicts: any false → false; all true → true; else undefined. */
function all(verdicts: Verdict[]): Verdict {
  if (verdicts.some((v) => v === false)) return false;
  return verdicts.every((v) => v === true) ? true : undefined;
}

/** Order-free matching of two lists with an element comparison. */
function sameMultiset<T>(a: T[], b: T[], eq: (x: T, y: T) => Verdict): Verdict {
  if (a.length !== b.length) return false;
  const used = new Array<boolean>(b.length).fill(false);
  let undecided = false;
  for (const x of a) {
    let matched = false;
    for (let j = 0; j < b.length && !matched; j++) {
      if (used[j]) continue;
      const v = eq(x, b[j]);
      if (v === true) {
        used[j] = true;
        matched = true;
      } else if (v === undefined) undecided = true;
    }
    if (!matched) return undecided ? undefined : false;
  }
  return true;
}

type Region = { interval: Interval } | { points: string[] };

/** An answer read as a union of intervals and finite sets, when it can be one. */
function regions(s: string, shape: AnswerShape): Region[] | undefined {
  switch (shape.kind) {
    case "intervals":
      return shape.parts.map((interval) => ({ interval }));
    case "seq":
      if (shape.items.length !== 2) return undefined;
      return [{ interval: { lo: shape.items[0], hi: shape.items[1], loClosed: shape.open === "[", hiClosed: shape.close === "]" } }];
    case "set":
      return [{ points: shape.items }];
    case "union": {
      const out: Region[] = [];
      for (const p of shape.parts) {
        const r = regions(p, answerShape(p));
        if (!r) return undefined;
        out.push(...r);
      }
      return out;
    }
    default:
      return s === "\\emptyset" || s === "\\varnothing" || s === "\\{\\}" ? [] : undefined;
  }
}

class Comparison {
  constructor(
    readonly judge: Judge,
    private readonly literalRelTol?: number,
  ) {}

  atoms(a: string, b: string, scales?: readonly number[]): Verdict {
    const j = this.judge;
    if (a === b) return j.note("same text", true);
    if (a.length === 0 || b.length === 0) return false;
    const la = choiceLetter(a);
    const lb = choiceLetter(b);
    if (la && lb) return j.note("choice letter", la === lb);
    const ea = equation(a);
    const eb = equation(b);
    if (ea && eb) {
      const direct = all([this.atoms(ea[0], eb[0]), this.atoms(ea[1], eb[1])]);
      if (direct === true) return j.note("equation sides", true);
      const swapped = all([this.atoms(ea[0], eb[1]), this.atoms(ea[1], eb[0])]);
      if (swapped === true) return j.note("equation sides swapped", true);
      if (isNameOnly(ea[0]) && isNameOnly(eb[0])) return j.note("equation sides", direct);
      return j.note("equations proportional", proportionalDifferences(ea[0], ea[1], eb[0], eb[1]));
    }
    if (ea && isNameOnly(ea[0])) return j.note("named value (x = …)", this.answers(ea[1], b, scales));
    if (eb && isNameOnly(eb[0])) return j.note("named value (x = …)", this.answers(a, eb[1], scales));
    // An equation that does not just name the value is never equal to a value.
    if (ea || eb) return j.note("equation vs value", false);
    const ba = baseNumber(a);
    const bb = baseNumber(b);
    if (ba || bb) {
      // `52_8` vs `52_{8}` compares digits and base; vs `52` the digits only (the base is often left out).
      if (ba && bb) return j.note("base number", ba.digits.toLowerCase() === bb.digits.toLowerCase() && ba.base === bb.base);
      const other = ba ? b : a;
      return j.note("base number", /^[0-9A-Za-z]+$/.test(other) ? other.toLowerCase() === (ba ?? bb)!.digits.toLowerCase() : false);
    }
    const wa = isWords(a);
    const wb = isWords(b);
    if (wa || wb) return j.note("words", wa && wb ? wordsKey(a) === wordsKey(b) : false);
    const ta = parseExpression(a);
    const tb = parseExpression(b);
    if (!ta || !tb) return undefined;
    const v = compareTrees(ta, tb, { scales, literalRelTol: this.literalRelTol });
    if (v !== undefined) return j.note(scales ? "numeric (percent)" : "numeric", v);
    return scales ? undefined : j.symbolic(ta, tb);
  }

  regions(ra: Region[], rb: Region[]): Verdict {
    return sameMultiset(ra, rb, (x, y) => {
      if ("interval" in x && "interval" in y) {
        if (x.interval.loClosed !== y.interval.loClosed || x.interval.hiClosed !== y.interval.hiClosed) {
          const ends = all([this.atoms(x.interval.lo, y.interval.lo), this.atoms(x.interval.hi, y.interval.hi)]);
          return ends === undefined ? undefined : false;
        }
        return all([this.atoms(x.interval.lo, y.interval.lo), this.atoms(x.interval.hi, y.interval.hi)]);
      }
      if ("points" in x && "points" in y) return sameMultiset(x.points, y.points, (p, q) => this.atoms(p, q));
      return false;
    });
  }

  /** Compare two normalised answers by shape. */
  answers(a0: string, b0: string, scales?: readonly number[]): Verdict {
    const j = this.judge;
    if (a0 === b0) return j.note("same text", true);
    const a = reduceEquality(a0);
    const b = reduceEquality(b0);
    if (a === b) return j.note("equality chain / approximation", true);
    // `x = (1,2)` or `(p,q,r) = (6,31,-1)` against a value of any shape.
    const ea = equation(a);
    const eb = equation(b);
    if (ea && !eb && isNameOnly(ea[0])) return j.note("named value (x = …)", this.answers(ea[1], b, scales));
    if (eb && !ea && isNameOnly(eb[0])) return j.note("named value (x = …)", this.answers(a, eb[1], scales));
    const sa = answerShape(a);
    const sb = answerShape(b);
    if (sa.kind === "atom" && sb.kind === "atom") return this.atoms(a, b, scales);
    if (sa.kind === "matrix" || sb.kind === "matrix") {
      if (sa.kind !== "matrix" || sb.kind !== "matrix") return j.note("matrix vs non-matrix", false);
      if (sa.rows.length !== sb.rows.length || sa.rows.some((r, i) => r.length !== sb.rows[i].length)) {
        return j.note("matrix dimensions", false);
      }
      return j.note("matrix entries", all(sa.rows.flatMap((r, i) => r.map((x, k) => this.atoms(x, sb.rows[i][k])))));
    }
    if (sa.kind === "relation" || sb.kind === "relation") {
      if (sa.kind !== "relation" || sb.kind !== "relation") return j.note("relation vs non-relation", false);
      if (sa.ops.length !== sb.ops.length) return j.note("relation operators", false);
      const same = sa.ops.every((o, i) => o === sb.ops[i]);
      const flip: Record<string, string> = { "<": ">", "<=": ">=", ">": "<", ">=": "<=", "!=": "!=" };
      const reversed = sa.ops.every((o, i) => flip[o] === sb.ops[sb.ops.length - 1 - i]);
      if (same) {
        const v = all(sa.terms.map((t, i) => this.atoms(t, sb.terms[i])));
        if (v !== false || !reversed) return j.note("relation terms", v);
      }
      if (reversed) return j.note("relation terms (reversed)", all(sa.terms.map((t, i) => this.atoms(t, sb.terms[sb.terms.length - 1 - i]))));
      return j.note("relation operators", false);
    }
    if (sa.kind === "intervals" || sb.kind === "intervals" || sa.kind === "union" || sb.kind === "union") {
      const ra = regions(a, sa);
      const rb = regions(b, sb);
      if (!ra || !rb) return j.note("interval vs other shape", false);
      return j.note(sa.kind === "intervals" || sb.kind === "intervals" ? "inequality as interval" : "interval union", this.regions(ra, rb));
    }
    if (sa.kind === "seq" && sb.kind === "seq") {
      if (sa.items.length !== sb.items.length) return j.note("tuple length", false);
      const items = all(sa.items.map((x, i) => this.atoms(x, sb.items[i])));
      // Brackets matter: [1,2) is not (1,2).
      if (items === false) return j.note("tuple entries", false);
      return sa.open === sb.open && sa.close === sb.close ? j.note("tuple entries", items) : j.note("brackets", false);
    }
    const itemsA = sa.kind === "atom" ? [sa.text] : sa.items;
    const itemsB = sb.kind === "atom" ? [sb.text] : sb.items;
    if (sa.kind === "seq" || sb.kind === "seq") {
      // A bare list against a tuple: compare in order.
      if (sa.kind === "atom" || sb.kind === "atom" || sa.kind === "set" || sb.kind === "set" || itemsA.length !== itemsB.length) {
        return j.note("tuple vs other shape", false);
      }
      return j.note("list vs tuple, in order", all(itemsA.map((x, i) => this.atoms(x, itemsB[i]))));
    }
    return j.note("list / set, any order", sameMultiset(itemsA, itemsB, (x, y) => this.atoms(x, y)));
  }
}

/** One side of a comparison, as `--explain` shows it. */
export interface AnswerSide {
  /** The text given. */
  input: string;
  /** What extraction took from it, and by which rule. */
  extracted: string;
  extraction: ExtractionRule;
  /** The normalised text the comparison read. */
  normalized: string;
  percent: boolean;
}

/** The full account of one comparison. */
export interface AnswerComparison {
  /** true: equal; false: not equal; undefined: undecided (counted as not equal by callers that must decide). */
  equal: boolean | undefined;
  /** The rules that decided, in the order they fired; `undecided` when none did. */
  rules: string[];
  a: AnswerSide;
  b: AnswerSide;
  /** Scalar pairs in sympy syntax that were (or would be) sent to the symbolic check. */
  symbolicPairs: [string, string][];
}

/** Options for comparing answers. */
export interface CompareAnswerOptions {
  /** Extract the answer from free text first (boxes, final-answer phrases, math spans, the last number). Default true. */
  extract?: boolean;
  /**
   * Relative tolerance between two written-out numbers; default 1e-9 (floating-point noise only).
   * Verification (a boxed answer against the printed output) passes `REL_TOL`, as models round.
   */
  literalRelTol?: number;
}

function side(input: string, extract: boolean): { side: AnswerSide; norm: NormalizedAnswer } {
  const ex = extract ? extractAnswer(input) : { text: input, rule: "whole text" as const };
  const norm = normalizeWithFlags(ex.text);
  return { side: { input, extracted: ex.text, extraction: ex.rule, normalized: norm.text, percent: norm.percent }, norm };
}

function runPlain(na: NormalizedAnswer, nb: NormalizedAnswer, oracle?: Oracle, literalRelTol?: number): { v: Verdict; judge: Judge } {
  const judge = new Judge(oracle);
  if (na.text.length === 0 || nb.text.length === 0) return { v: undefined, judge };
  if (na.text === nb.text) return { v: judge.note("same text", true), judge };
  // `3,5` is 3.5 against one number, a list against a list.
  let ta = na.text;
  let tb = nb.text;
  const single = (t: string) => answerShape(t).kind === "atom";
  if (na.decimalComma && !nb.decimalComma && single(tb)) ta = na.decimalComma;
  if (nb.decimalComma && !na.decimalComma && single(ta)) tb = nb.decimalComma;
  if (ta !== na.text || tb !== nb.text) judge.note("decimal comma", true);
  // A percent sign makes 50\% equal to both 50 and 0.5.
  const scales = na.percent && !nb.percent ? [1, 0.01] : nb.percent && !na.percent ? [1, 100] : undefined;
  const v = new Comparison(judge, literalRelTol).answers(ta, tb, scales);
  return { v, judge };
}

/** Compare two answers by the plain rules only, with the account of what decided. Synchronous. */
export function explainAnswers(a: string, b: string, options: CompareAnswerOptions = {}): AnswerComparison {
  const extract = options.extract ?? true;
  const A = side(a, extract);
  const B = side(b, extract);
  const { v, judge } = runPlain(A.norm, B.norm, undefined, options.literalRelTol);
  return {
    equal: v,
    rules: v === undefined ? ["undecided"] : judge.rules,
    a: A.side,
    b: B.side,
    symbolicPairs: [...judge.open.values()],
  };
}

/**
 * Whether two answers (raw, boxed or free text) are mathematically equal by the plain rules; synchronous.
 * Returns undefined when the rules cannot decide (e.g. an identity only a CAS can settle) and when either
 * answer is empty.
 */
export function answersEqual(a: string, b: string, options: CompareAnswerOptions = {}): boolean | undefined {
  return explainAnswers(a, b, options).equal;
}

/** Options for `answersEquivalent` and `compareAnswersSymbolic`. */
export interface EquivalenceOptions extends CompareAnswerOptions {
  /** Time limit for each symbolic check in ms; the sandbox default when absent. */
  timeoutMs?: number;
}

/**
 * The plain rules, then — for the scalar pairs they left open — the sandbox's `symbolicEqual` on sympy
 * syntax, fed back into the same structural comparison. Never throws for a sandbox failure or an aborted
 * signal: the pair stays undecided.
 */
export async function compareAnswers(
  a: string,
  b: string,
  sandbox?: Sandbox,
  signal?: AbortSignal,
  options: EquivalenceOptions = {},
): Promise<AnswerComparison> {
  const plain = explainAnswers(a, b, options);
  if (plain.equal !== undefined || plain.symbolicPairs.length === 0 || !sandbox?.symbolicEqual || signal?.aborted) return plain;
  const oracle = new Map<string, boolean>();
  for (const [pa, pb] of plain.symbolicPairs) {
    if (signal?.aborted) break;
    try {
      const v = await sandbox.symbolicEqual(pa, pb, { signal, timeoutMs: options.timeoutMs });
      if (v !== undefined) oracle.set(`${pa}\u0000${pb}`, v);
    } catch {
      // A sandbox failure leaves the pair undecided.
    }
  }
  const A = normalizeWithFlags(plain.a.extracted);
  const B = normalizeWithFlags(plain.b.extracted);
  const { v, judge } = runPlain(A, B, oracle, options.literalRelTol);
  return { ...plain, equal: v, rules: v === undefined ? ["undecided"] : judge.rules };
}

/**
 * `compareAnswers` reduced to a decision: anything still undecided counts as not equal.
 */
export async function answersEquivalent(
  a: string,
  b: string,
  sandbox?: Sandbox,
  signal?: AbortSignal,
  options: EquivalenceOptions = {},
): Promise<boolean> {
  return (await compareAnswers(a, b, sandbox, signal, options)).equal === true;
}
