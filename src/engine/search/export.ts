// Training data from a finished search: every node with its verification, score, Q and visits, and
// step-level preference pairs (for the same partial solution, a step with high Q over one with low Q) —
// the pairs rStar-Math trains its process preference model on.

import type { NodeStatus, SearchResult, TreeNodeSnapshot } from "../types";

export interface ExportedNode {
  id: number;
  parent: number | null;
  depth: number;
  /** The raw step text. */
  text: string;
  reasoning: string;
  code: string;
  output: string;
  /** The step as later prompts and the reward model read it (`renderStep`); null until its code ran. */
  rendered: string | null;
  status: NodeStatus;
  /** Code of the solution up to this node ran without error. */
  verified: boolean;
  error?: string;
  answer?: string;
  /** PPM score, null when unscored. */
  score: number | null;
  q: number;
  visits: number;
  tokenCount: number;
}

/** A finished trajectory as the ranking saw it: the path ends at node `leaf`. */
export interface ExportedTrajectory {
  leaf: number;
  answer: string | null;
  verified: boolean;
  /** null when grounding was not checked. */
  grounded: boolean | null;
  /** The numbers the problem writes with digits that its code never writes (src/engine/grounding.ts); null when not checked. */
  unused: string[] | null;
  /** How often the search's samples wrote this path (src/engine/search/rank.ts); null when not known. */
  share: number | null;
  /** The aggregate PPM score, null when unscored. */
  score: number | null;
}

export interface ExportedTree {
  problem: string;
  strategy: SearchResult["strategy"];
  answer: string | null;
  cancelled: boolean;
  nodes: ExportedNode[];
  /** The ranked trajectories, best first: which of them a vote or best-of-N may choose (verified, grounded, fewest unused). */
  trajectories: ExportedTrajectory[];
}

/** Splits a raw step into reasoning (comment lines, `#` removed) and the rest. */
function splitRaw(raw: string): { reasoning: string; code: string } {
  const reasoning: string[] = [];
  const code: string[] = [];
  for (const line of raw.split("\n")) {
    if (/^\s*#/.test(line)) reasoning.push(line.trim().replace(/^#+\s?/, ""));
    code.push(line);
  }
  return { reasoning: reasoning.join("\n"), code: code.join("\n").trim() };
}

/** Every node of the result's tree, JSON-ready (NaN scores become null). */
export function exportTree(result: SearchResult): ExportedTree {
  const stepById = new Map(result.trajectories.flatMap((t) => t.steps.map((s) => [s.id, s] as const)));
  const nodes = result.tree.map((n): ExportedNode => {
    const step = stepById.get(n.id);
    const split = step ? { reasoning: step.reasoning, code: step.code } : splitRaw(n.raw);
    return {
      id: n.id,
      parent: n.parent,
      depth: n.depth,
      text: n.raw,
      reasoning: split.reasoning,
      code: split.code,
      output: n.output,
      rendered: n.rendered ?? null,
      status: n.status,
      verified: n.parent !== null && (n.status === "verified" || n.status === "terminal" || n.status === "pruned"),
      error: n.error,
      answer: n.answer,
      score: Number.isNaN(n.score) ? null : n.score,
      q: n.q,
      visits: n.visits,
      tokenCount: n.tokenCount,
    };
  });
  const trajectories = result.trajectories
    .filter((t) => t.steps.length > 0)
    .map((t): ExportedTrajectory => ({
      leaf: t.steps[t.steps.length - 1].id,
      answer: t.answer ?? null,
      verified: t.verified,
      grounded: t.grounded ?? null,
      unused: t.unused ?? null,
      share: t.share ?? null,
      score: Number.isNaN(t.score) ? null : t.score,
    }));
  return { problem: result.problem, strategy: result.strategy, answer: result.answer ?? null, cancelled: result.cancelled, nodes, trajectories };
}

export interface PreferencePairOptions {
  /** Least Q difference between chosen and rejected. Default 0.5. */
  minGap?: number;
  /** A chosen step's Q must exceed this. Default 0 (rStar-Math: positive Q). */
  minChosenQ?: number;
  /** A rejected step's Q must be below this. Default 0 (rStar-Math: negative Q). */
  maxRejectedQ?: number;
  /** Pairs kept per parent, best gaps first. Default 4. */
  maxPairsPerParent?: number;
}

export interface PreferencePair {
  /** Ids of the shared parent, the chosen and the rejected step. */
  parent: number;
  /** The raw text of every step before the pair, in order. */
  prefix: string[];
  chosen: string;
  rejected: string;
  chosenQ: number;
  rejectedQ: number;
  chosenId: number;
  rejectedId: number;
}

/**
 * Step pairs under the same parent: (chosen, rejected) where chosen.Q > minChosenQ, rejected.Q <
 * maxRejectedQ and chosen.Q − rejected.Q ≥ minGap. Failed steps count as rejected with Q −1. Children
 * that were never visited are skipped.
 */
export function preferencePairs(result: SearchResult, options: PreferencePairOptions = {}): PreferencePair[] {
  const minGap = options.minGap ?? 0.5;
  const minChosenQ = options.minChosenQ ?? 0;
  const maxRejectedQ = options.maxRejectedQ ?? 0;
  const perParent = options.maxPairsPerParent ?? 4;
  const byId = new Map(result.tree.map((n) => [n.id, n]));
  const children = new Map<number, TreeNodeSnapshot[]>();
  for (const n of result.tree) {
    if (n.parent === null) continue;
    const list = children.get(n.parent) ?? [];
    list.push(n);
    children.set(n.parent, list);
  }
  const valueOf = (n: TreeNodeSnapshot): number | undefined =>
    n.status === "failed" ? -1 : n.status === "pending" || n.visits === 0 ? undefined : n.q;
  const pairs: PreferencePair[] = [];
  for (const [parentId, kids] of children) {
    const prefix: string[] = [];
    for (let p = byId.get(parentId); p && p.parent !== null; p = byId.get(p.parent)) prefix.unshift(p.raw);
    const candidates: PreferencePair[] = [];
    for (const a of kids) {
      const qa = valueOf(a);
      if (qa === undefined || !(qa > minChosenQ)) continue;
      for (const b of kids) {
        const qb = valueOf(b);
        if (b === a || qb === undefined || !(qb < maxRejectedQ) || qa - qb < minGap) continue;
        candidates.push({ parent: parentId, prefix, chosen: a.raw, rejected: b.raw, chosenQ: qa, rejectedQ: qb, chosenId: a.id, rejectedId: b.id });
      }
    }
    candidates.sort((x, y) => y.chosenQ - y.rejectedQ - (x.chosenQ - x.rejectedQ));
    pairs.push(...candidates.slice(0, perParent));
  }
  return pairs;
}
