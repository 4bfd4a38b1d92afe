// Answer equivalence: the rules the field's graders apply (normalised strings, numbers within a relative
// tolerance and percentages, tuples/intervals/sets/matrices element-wise, `x = 5` vs `5`, equations, choice
// letters), then an optional symbolic check in the sandbox when the rules cannot decide.

import type { Sandbox } from "../types";
import { extractBoxed } from "./extract";
import { compareExpressions, proportionalDifferences } from "./expression";
import { normalizeWithFlags } from "./normalize";
import { answerShape, splitTopLevel } from "./structure";

type Verdict = boolean | undefined;

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
  const stripped = s.replace(/\\[a-zA-Z]+/g, " ").replace(/\b(?:sqrt|pi|inf|sin|cos|tan|sec|csc|cot|log|ln|exp|arcsin|arccos|arctan|sinh|cosh|tanh)\b/g, " ");
  return /[a-zA-Z]{3,}/.test(stripped);
}

function wordsKey(s: string): string {
  return s.replace(/\\[a-zA-Z]+/g, "").replace(/[^a-zA-Z0-9]/g, "").toLowerCase();
}

/** An `lhs=rhs` split at a single top-level `=`, or undefined. */
function equation(s: string): [string, string] | undefined {
  const parts = splitTopLevel(s, "=");
  if (parts.length !== 2 || /[<>]$/.test(parts[0]) || parts[1].startsWith("=")) return undefined;
  return [parts[0], parts[1]];
}

/** A left side that only names the answer: `x`, `k_1`, `\theta`, `f(2)`, `AB`. */
function isNameOnly(lhs: string): boolean {
  return /^(?:[a-zA-Z]{1,2}(?:_\{?\w+\}?)?|\\[a-zA-Z]+|[a-zA-Z]\([^()]*\)|\\?[a-zA-Z]+\([^()]*\))$/.test(lhs);
}

/** Combine element verdicts: all true → true; any false → false; else undefined. */
function all(verdicts: Verdict[]): Verdict {
  if (verdicts.some((v) => v === false)) return false;
  return verdicts.every((v) => v === true) ? true : undefined;
}

/** Order-free matching of two item lists. */
function sameMultiset(a: string[], b: string[]): Verdict {
  if (a.length !== b.length) return false;
  const used = new Array<boolean>(b.length).fill(false);
  let undecided = false;
  for (const x of a) {
    let matched = false;
    for (let j = 0; j < b.length && !matched; j++) {
      if (used[j]) continue;
      const v = compareAtoms(x, b[j]);
      if (v === true) {
        used[j] = true;
        matched = true;
      } else if (v === undefined) undecided = true;
    }
    if (!matched) return undecided ? undefined : false;
  }
  return true;
}

function compareAtoms(a: string, b: string, scales?: readonly number[]): Verdict {
  if (a === b) return true;
  if (a.length === 0 || b.length === 0) return false;
  const la = choiceLetter(a);
  const lb = choiceLetter(b);
  if (la && lb) return la === lb;
  const ea = equation(a);
  const eb = equation(b);
  if (ea && eb) {
    const direct = all([compareAtoms(ea[0], eb[0]), compareAtoms(ea[1], eb[1])]);
    if (direct === true) return true;
    const swapped = all([compareAtoms(ea[0], eb[1]), compareAtoms(ea[1], eb[0])]);
    if (swapped === true) return true;
    if (isNameOnly(ea[0]) && isNameOnly(eb[0])) return direct;
    return proportionalDifferences(ea[0], ea[1], eb[0], eb[1]);
  }
  if (ea && isNameOnly(ea[0])) return compareAnswers(ea[1], b, scales);
  if (eb && isNameOnly(eb[0])) return compareAnswers(a, eb[1], scales);
  // An equation that does not just name the value is never equal to a value.
  if (ea || eb) return false;
  const ba = baseNumber(a);
  const bb = baseNumber(b);
  if (ba || bb) {
    // `52_8` vs `52_{8}` compares digits and base; vs `52` the digits only (the base is often left out).
    if (ba && bb) return ba.digits.toLowerCase() === bb.digits.toLowerCase() && ba.base === bb.base;
    const other = ba ? b : a;
    return /^[0-9A-Za-z]+$/.test(other) ? other.toLowerCase() === (ba ?? bb)!.digits.toLowerCase() : false;
  }
  const wa = isWords(a);
  const wb = isWords(b);
  if (wa || wb) return wa && wb ? wordsKey(a) === wordsKey(b) : false;
  return compareExpressions(a, b, { scales });
}

/** Compare two normalised answers by shape. */
function compareAnswers(a: string, b: string, scales?: readonly number[]): Verdict {
  if (a === b) return true;
  const sa = answerShape(a);
  const sb = answerShape(b);
  if (sa.kind === "atom" && sb.kind === "atom") return compareAtoms(a, b, scales);
  if (sa.kind === "matrix" || sb.kind === "matrix") {
    if (sa.kind !== "matrix" || sb.kind !== "matrix") return false;
    if (sa.rows.length !== sb.rows.length || sa.rows.some((r, i) => r.length !== sb.rows[i].length)) return false;
    return all(sa.rows.flatMap((r, i) => r.map((x, j) => compareAtoms(x, sb.rows[i][j]))));
  }
  if (sa.kind === "union" || sb.kind === "union") {
    if (sa.kind !== "union" || sb.kind !== "union") return false;
    return sa.parts.length === sb.parts.length ? all(sa.parts.map((p, i) => compareAnswers(p, sb.parts[i]))) : false;
  }
  if (sa.kind === "seq" && sb.kind === "seq") {
    if (sa.items.length !== sb.items.length) return false;
    const items = all(sa.items.map((x, i) => compareAtoms(x, sb.items[i])));
    // Brackets matter: [1,2) is not (1,2).
    return items === false ? false : sa.open === sb.open && sa.close === sb.close ? items : false;
  }
  const itemsA = sa.kind === "atom" ? [sa.text] : sa.items;
  const itemsB = sb.kind === "atom" ? [sb.text] : sb.items;
  if (sa.kind === "seq" || sb.kind === "seq") {
    // A bare list against a tuple: compare in order.
    if (sa.kind === "atom" || sb.kind === "atom" || itemsA.length !== itemsB.length) return false;
    return all(itemsA.map((x, i) => compareAtoms(x, itemsB[i])));
  }
  return sameMultiset(itemsA, itemsB);
}

/**
 * Whether two answers (raw or boxed text) are mathematically equal by the plain rules; synchronous.
 * Returns undefined when the rules cannot decide (e.g. an expression this reader does not understand)
 * and when either answer is empty.
 */
export function answersEqual(a: string, b: string): boolean | undefined {
  const na = normalizeWithFlags(a);
  const nb = normalizeWithFlags(b);
  if (na.text.length === 0 || nb.text.length === 0) return undefined;
  if (na.text === nb.text) return true;
  // A percent sign makes 50\% equal to both 50 and 0.5.
  const scales = na.percent && !nb.percent ? [1, 0.01] : nb.percent && !na.percent ? [1, 100] : undefined;
  return compareAnswers(na.text, nb.text, scales);
}

/** Options for `answersEquivalent`. */
export interface EquivalenceOptions {
  /** Time limit for the symbolic check in ms; the sandbox default when absent. */
  timeoutMs?: number;
}

/**
 * `answersEqual`, then — when it cannot decide and the sandbox offers `symbolicEqual` — a symbolic check
 * in the sandbox. Anything still undecided (or a sandbox failure) counts as not equal. Never throws for an
 * aborted signal; it resolves false.
 */
export async function answersEquivalent(
  a: string,
  b: string,
  sandbox?: Sandbox,
  signal?: AbortSignal,
  options: EquivalenceOptions = {},
): Promise<boolean> {
  const plain = answersEqual(a, b);
  if (plain !== undefined) return plain;
  if (!sandbox?.symbolicEqual || signal?.aborted) return false;
  if (normalizeWithFlags(a).text.length === 0 || normalizeWithFlags(b).text.length === 0) return false;
  // The sandbox gets the answers as written (boxed content only): its LaTeX reader needs the spacing.
  const bare = (s: string) => (extractBoxed(s) ?? s).trim();
  try {
    return (await sandbox.symbolicEqual(bare(a), bare(b), { signal, timeoutMs: options.timeoutMs })) === true;
  } catch {
    return false;
  }
}
