// From trees to ranked trajectories: every root-to-terminal path is a trajectory; the voting pool (each
// search's best trajectory when there are several searches, else all of them; only the verified ones when
// any is verified; then, with grounding "guide" or "prefer", only the grounded ones when any is grounded, and of
// those only the ones that leave the fewest of the problem's numbers unused; then the top
// `voteTopK` by score) is grouped by mathematically equal answers, and groups are ranked by the vote rule.
// A trajectory's share is how often the search's samples wrote its path: a step the policy wrote 3 times in
// 4 candidates (2 dropped as duplicates) carries 3/4, so a tree's vote counts samples as self-consistency does.

import { answersEqual, answersEquivalent } from "../answers/equal";
import { REL_TOL } from "../answers/expression";
import { ungroundedNumbers, unusedNumbers } from "../grounding";
import type { AnswerGroup, Sandbox, SearchOptions, SearchResult, Trajectory, TrajectoryStep } from "../types";
import { pathTo, q, type SearchTree, type TreeNode } from "./tree";

/** Aggregate step scores; NaN (unscored) steps are skipped, none scored gives 0. */
export function aggregateScores(scores: readonly number[], how: SearchOptions["aggregate"]): number {
  const s = scores.filter((x) => !Number.isNaN(x));
  if (s.length === 0) return 0;
  switch (how) {
    case "last":
      return s[s.length - 1];
    case "min":
      return Math.min(...s);
    case "mean":
      return s.reduce((a, b) => a + b, 0) / s.length;
    case "product": {
      // Scores live in [−1, 1]; the product is taken over probabilities (s+1)/2 and mapped back.
      const p = s.reduce((a, b) => a * ((b + 1) / 2), 1);
      return 2 * p - 1;
    }
  }
}

function stepOf(node: TreeNode, ungrounded: string[]): TrajectoryStep {
  return {
    id: node.id,
    reasoning: node.step?.reasoning ?? "",
    code: node.step?.code ?? "",
    output: node.output,
    verified: node.status !== "failed" && node.status !== "pending",
    error: node.error,
    score: node.score,
    q: q(node),
    visits: node.visits,
    raw: node.raw,
    ungrounded,
  };
}

/**
 * Whether `answer` agrees with the last line printed by the path's last code step that printed anything.
 * The model writes the answer itself after reading the output, so it can misquote it; a verified
 * trajectory must not.
 */
function matchesPrinted(answer: string, path: readonly TreeNode[]): boolean | undefined {
  for (let i = path.length - 1; i >= 0; i--) {
    const lines = path[i].output.trim().split("\n").filter((l) => l.trim() !== "");
    if (lines.length === 0) continue;
    // A model may round what its code printed (16386.16986 → 16386.17): written-out numbers within REL_TOL.
    return answersEqual(answer, lines[lines.length - 1].trim(), { literalRelTol: REL_TOL });
  }
  return undefined;
}

/** Per node of `path` (root first), the numbers its code writes that come from nowhere (src/engine/grounding.ts). */
export function ungroundedAlong(problem: string, path: readonly TreeNode[]): string[][] {
  return ungroundedNumbers(problem, path.map((n) => ({ code: n.step?.code ?? "", output: n.output })));
}

/** The trajectory ending at `leaf`, its numbers checked against `problem`. */
export function trajectoryOf(leaf: TreeNode, { aggregate, problem }: { aggregate: SearchOptions["aggregate"]; problem: string }): Trajectory {
  const path = pathTo(leaf);
  const ungrounded = ungroundedAlong(problem, path);
  const steps = path.map((n, i) => stepOf(n, ungrounded[i]));
  const answered = leaf.status === "terminal" && leaf.answer !== undefined;
  const answerMatchesOutput = answered ? matchesPrinted(leaf.answer!, path) : undefined;
  return {
    steps,
    answer: answered ? leaf.answer : undefined,
    answerMatchesOutput,
    verified:
      answered &&
      answerMatchesOutput !== false &&
      path.every((n) => n.status === "verified" || n.status === "terminal" || n.status === "pruned"),
    grounded: ungrounded.every((u) => u.length === 0),
    unused: unusedNumbers(problem, path.map((n) => n.step?.code ?? "")),
    score: aggregateScores(path.map((n) => n.score), aggregate),
    share: path.reduce((p, n) => p * (n.parent && n.parent.drawn > 0 ? n.copies / n.parent.drawn : 1), 1),
    source: leaf.source,
  };
}

const unusedCount = (t: Trajectory) => t.unused?.length ?? 0;

/** Best first: answered, verified, higher score, then earlier. */
function compareTrajectories(a: Trajectory, b: Trajectory): number {
  const ka = [a.answer !== undefined ? 1 : 0, a.verified ? 1 : 0, a.score];
  const kb = [b.answer !== undefined ? 1 : 0, b.verified ? 1 : 0, b.score];
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return kb[i] - ka[i];
  return 0;
}

/**
 * The most promising unfinished path: from the root, follow the child with the highest Q. Where every next
 * step failed, the path ends with the first failed one, so that it shows why it stopped.
 */
function bestPartial(tree: SearchTree): TreeNode | undefined {
  let node = tree.root;
  let last: TreeNode | undefined;
  for (;;) {
    const kids = node.children.filter((c) => c.status !== "pending" && c.status !== "failed");
    if (kids.length === 0) return node.children.find((c) => c.status === "failed") ?? last;
    node = kids.reduce((best, c) => (q(c) > q(best) ? c : best));
    last = node;
  }
}

export interface RankOptions {
  /** The problem's text, which every number a step writes is checked against. */
  problem: string;
  options: SearchOptions;
  /** For the symbolic check when the plain rules cannot decide whether two answers are equal. */
  sandbox?: Sandbox;
  signal?: AbortSignal;
}

export interface Ranking {
  trajectories: Trajectory[];
  groups: AnswerGroup[];
  answer?: string;
}

/** Rank every tree's trajectories and vote on the answer. */
export async function rankTrees(trees: readonly SearchTree[], { problem, options, sandbox, signal }: RankOptions): Promise<Ranking> {
  const of = (n: TreeNode) => trajectoryOf(n, { aggregate: options.aggregate, problem });
  const perTree = trees.map((t) => t.nodes.filter((n) => n.status === "terminal").map(of));
  // Nothing finished (cancelled early, or every path failed): show how far the best path got.
  const unfinished = perTree.some((ts) => ts.length > 0) ? [] : trees.map(bestPartial).filter((n): n is TreeNode => n !== undefined).map(of);
  return rankTrajectories(perTree, { options, sandbox, signal }, unfinished);
}

/**
 * Rank a finished search's trajectories again under other options (`vote`, `grounding`, `voteTopK`): the
 * same vote `runSearch` ran, over the same trajectories, so two rankings can be compared on one search.
 */
export async function rerank(result: Pick<SearchResult, "trajectories">, { options, sandbox, signal }: Omit<RankOptions, "problem">): Promise<Ranking> {
  const sources = [...new Set(result.trajectories.map((t) => t.source))].sort((a, b) => a - b);
  return rankTrajectories(sources.map((s) => result.trajectories.filter((t) => t.source === s)), { options, sandbox, signal });
}

/** The vote over each tree's finished trajectories (`perTree`), or, when none finished, `unfinished` in score order. */
async function rankTrajectories(
  perTreeUnsorted: readonly Trajectory[][],
  { options, sandbox, signal }: Omit<RankOptions, "problem">,
  unfinished: readonly Trajectory[] = [],
): Promise<Ranking> {
  const perTree = perTreeUnsorted.map((ts) => [...ts].sort(compareTrajectories));
  const all = (perTree.flat().length > 0 ? perTree.flat() : [...unfinished]).sort(compareTrajectories);
  const answered = all.filter((t) => t.answer !== undefined);
  const perSearch = options.searches > 1 && options.strategy === "mcts";
  let pool = perSearch ? perTree.map((ts) => ts[0]).filter((t) => t !== undefined) : answered;
  // An answer whose code failed or that misquotes what its code printed does not vote against verified ones.
  if (pool.some((t) => t.verified)) pool = pool.filter((t) => t.verified);
  // Nor does one whose code writes a number from nowhere vote against grounded ones (src/engine/grounding.ts).
  if (options.grounding !== "off" && pool.some((t) => t.grounded)) pool = pool.filter((t) => t.grounded);
  // Nor one that leaves more of the problem's numbers unused than another does (a quantity skipped).
  if (options.grounding !== "off" && pool.length > 0) {
    const fewest = Math.min(...pool.map(unusedCount));
    pool = pool.filter((t) => unusedCount(t) === fewest);
  }
  pool = [...pool].sort(compareTrajectories);
  if (options.voteTopK > 0) pool = pool.slice(0, options.voteTopK);

  // The search's step limit bounds each symbolic comparison too.
  const grouped = await groupAnswers(pool, { sandbox, signal, timeoutMs: options.stepTimeoutMs, perSearch });
  const rule = options.vote ?? "majority";
  grouped.sort((a, b) => compareGroups(a, b, rule));

  // Order: the winning group's members first (best score first), then the other groups, then the rest.
  const ordered: Trajectory[] = [];
  for (const g of grouped) ordered.push(...g.members.map((i) => pool[i]).sort(compareTrajectories));
  for (const t of all) if (!ordered.includes(t)) ordered.push(t);
  const groups: AnswerGroup[] = grouped.map((g) => ({
    answer: g.answer,
    members: g.members.map((i) => ordered.indexOf(pool[i])),
    votes: g.votes,
    share: g.share,
    weight: g.weight,
    bestScore: g.bestScore,
  }));
  return { trajectories: ordered, groups, answer: groups[0]?.answer };
}

function compareGroups(a: AnswerGroup, b: AnswerGroup, rule: NonNullable<SearchOptions["vote"]>): number {
  const keys: Record<typeof rule, (g: AnswerGroup) => number[]> = {
    majority: (g) => [g.share ?? g.votes, g.votes, g.weight, g.bestScore],
    weighted: (g) => [g.weight, g.votes, g.bestScore],
    best: (g) => [g.bestScore, g.votes, g.weight],
  };
  const ka = keys[rule](a);
  const kb = keys[rule](b);
  // Sums of shares and scores are floating point: equal sums added in another order must still tie.
  for (let i = 0; i < ka.length; i++) if (Math.abs(ka[i] - kb[i]) > 1e-9) return kb[i] - ka[i];
  return 0;
}

/**
 * Groups trajectories with equal answers (`2/4`, `0.5` and `\frac{1}{2}` are one group). Members are
 * indices into `trajectories`; a group's answer is its best-scored member's. Trajectories without an answer
 * are left out. A group's share sums its members' `share`s; with `perSearch` (each member is one independent
 * search's best trajectory) each member counts 1.
 */
export async function groupAnswers(
  trajectories: readonly Trajectory[],
  { sandbox, signal, timeoutMs, perSearch = false }: { sandbox?: Sandbox; signal?: AbortSignal; timeoutMs?: number; perSearch?: boolean } = {},
): Promise<AnswerGroup[]> {
  const groups: AnswerGroup[] = [];
  for (let i = 0; i < trajectories.length; i++) {
    const t = trajectories[i];
    if (t.answer === undefined) continue;
    let home: AnswerGroup | undefined;
    for (const g of groups) {
      const plain = answersEqual(t.answer, g.answer);
      const same = plain ?? (sandbox && !signal?.aborted ? await answersEquivalent(t.answer, g.answer, sandbox, signal, { timeoutMs }) : false);
      if (same) {
        home = g;
        break;
      }
    }
    if (!home) {
      home = { answer: t.answer, members: [], votes: 0, share: 0, weight: 0, bestScore: -Infinity };
      groups.push(home);
    }
    home.members.push(i);
    home.votes++;
    home.share = (home.share ?? 0) + (perSearch || t.share === undefined ? 1 : t.share);
    home.weight += t.score;
    if (t.score > home.bestScore) {
      home.bestScore = t.score;
      home.answer = t.answer;
    }
  }
  return groups;
}
