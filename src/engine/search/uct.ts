// UCT selection as rStar-Math runs it: Q + c·sqrt(ln N_parent / N_child), with no exploration term while
// the parent or the child has no visits, so a fresh level is chosen by its PPM scores alone.

import { q, type TreeNode } from "./tree";

export function uct(child: TreeNode, parent: TreeNode, c: number): number {
  const explore =
    parent.visits === 0 || child.visits === 0 ? 0 : c * Math.sqrt(Math.log(parent.visits) / child.visits);
  return q(child) + explore;
}

/**
 * A node can still lead somewhere: a valid terminal (selecting it again backs its value up again), or a
 * verified step that is unexpanded or has such a child. Failed, pruned and invalid nodes cannot.
 */
export function isOpen(node: TreeNode): boolean {
  if (node.status === "terminal") return true;
  if (node.status !== "verified") return false;
  return !node.expanded || node.children.some(isOpen);
}

/** The open child with the highest UCT value; ties go to the earlier child. Undefined when none is open. */
export function selectChild(parent: TreeNode, c: number): TreeNode | undefined {
  let best: TreeNode | undefined;
  let bestValue = -Infinity;
  for (const child of parent.children) {
    if (!isOpen(child)) continue;
    const v = uct(child, parent, c);
    if (v > bestValue) {
      best = child;
      bestValue = v;
    }
  }
  return best;
}
