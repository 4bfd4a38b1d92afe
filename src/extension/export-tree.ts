// The search tree as JSON Lines, in the engine's export shape: one header line (problem, strategy, answer,
// options, stats), then one line per node. Pure, so it is unit-tested on plain Node.

import { exportTree } from "../engine";
import type { SearchResult } from "../engine/types";

export function treeToJsonl(result: SearchResult): string {
  const { nodes, ...header } = exportTree(result);
  const lines = [JSON.stringify({ kind: "search", ...header, options: result.options, stats: result.stats, groups: result.groups })];
  for (const node of nodes) lines.push(JSON.stringify({ kind: "node", ...node }));
  return `${lines.join("\n")}\n`;
}
