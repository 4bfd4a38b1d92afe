export { runSearch, SearchInputError } from "./run";
export { emptyStats } from "./context";
export { defaultSearchOptions, resolveSearchOptions, SearchOptionsError } from "./options";
export { exportTree, preferencePairs, type ExportedNode, type ExportedTree, type PreferencePair, type PreferencePairOptions } from "./export";
export { aggregateScores, groupAnswers, rerank } from "./rank";
export { uct, selectChild, isOpen } from "./uct";
export { q, pathTo, backup, SearchTree, type TreeNode } from "./tree";
