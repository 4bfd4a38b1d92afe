// The one tree every strategy grows: nodes hold the raw step, its parsed parts, verification, the PPM
// score and MCTS statistics (value sum and visits, Q = valueSum / visits).

import type { ParsedStep } from "../steps/parse";
import type { NodeStatus, StepStopReason, TreeNodeSnapshot } from "../types";

export interface TreeNode {
  id: number;
  parent: TreeNode | null;
  children: TreeNode[];
  /** 0 for the root (the problem); a step's depth is its 1-based position in the solution. */
  depth: number;
  /** Raw text as generated. */
  raw: string;
  stopReason?: StepStopReason;
  /** Parsed parts; undefined for the root. */
  step?: ParsedStep;
  /** What this step contributes to later prompts (`renderStep`). */
  rendered: string;
  status: NodeStatus;
  /** PPM score in [−1, 1]; NaN until scored. */
  score: number;
  valueSum: number;
  visits: number;
  /** Visits recorded on this node alone (its initial PPM value, or an invalid −1), not passed to the parent. */
  localVisits: number;
  /** Execution output of the solution up to this step (truncated). */
  output: string;
  error?: string;
  answer?: string;
  tokenCount: number;
  /** Children have been generated (once; MCTS may expand a node again, `widened`). */
  expanded: boolean;
  /** Which independent search (or sample) grew it. */
  source: number;
  /** How many of its parent's sampled candidates were this step (duplicates dropped count here). */
  copies: number;
  /** How many candidates its expansions sampled (0 until expanded). */
  drawn: number;
  /** How many times MCTS expanded it again after the first time (`widen`). */
  widened: number;
}

/** Q = valueSum / visits; 0 before any visit. */
export function q(node: TreeNode): number {
  return node.visits > 0 ? node.valueSum / node.visits : 0;
}

/** One search's tree. Ids come from a counter shared by every tree of a run so they stay unique. */
export class SearchTree {
  readonly root: TreeNode;
  readonly nodes: TreeNode[] = [];
  /** Tokens of the prompt before the first step, as the policy reported them. */
  promptTokens = 0;

  constructor(
    private readonly nextId: () => number,
    readonly source: number,
  ) {
    this.root = this.make(null, "", 0);
    this.root.status = "verified";
  }

  private make(parent: TreeNode | null, raw: string, tokenCount: number, stopReason?: StepStopReason): TreeNode {
    const node: TreeNode = {
      id: this.nextId(),
      parent,
      children: [],
      depth: parent ? parent.depth + 1 : 0,
      raw,
      stopReason,
      rendered: "",
      status: "pending",
      score: NaN,
      valueSum: 0,
      visits: 0,
      localVisits: 0,
      output: "",
      tokenCount,
      expanded: false,
      source: this.source,
      copies: 1,
      drawn: 0,
      widened: 0,
    };
    this.nodes.push(node);
    return node;
  }

  add(parent: TreeNode, raw: string, tokenCount: number, stopReason: StepStopReason): TreeNode {
    const node = this.make(parent, raw, tokenCount, stopReason);
    parent.children.push(node);
    return node;
  }
}

/** The steps from the first one down to `node` (root excluded). */
export function pathTo(node: TreeNode): TreeNode[] {
  const path: TreeNode[] = [];
  for (let n: TreeNode | null = node; n && n.parent; n = n.parent) path.push(n);
  return path.reverse();
}

/** Records a value on this node alone (initial PPM value, or −1 for an invalid terminal). */
export function updateLocal(node: TreeNode, value: number): void {
  node.visits += 1;
  node.localVisits += 1;
  node.valueSum += value;
}

/** Adds one visit with `value` to `node` and every ancestor up to the root; returns the ids touched. */
export function backup(node: TreeNode, value: number): number[] {
  const ids: number[] = [];
  for (let n: TreeNode | null = node; n; n = n.parent) {
    n.visits += 1;
    n.valueSum += value;
    ids.push(n.id);
  }
  return ids;
}

export function snapshot(node: TreeNode): TreeNodeSnapshot {
  return {
    id: node.id,
    parent: node.parent ? node.parent.id : null,
    depth: node.depth,
    raw: node.raw,
    status: node.status,
    score: node.score,
    q: q(node),
    visits: node.visits,
    output: node.output,
    ...(node.rendered ? { rendered: node.rendered } : {}),
    error: node.error,
    answer: node.answer,
    tokenCount: node.tokenCount,
  };
}
