// The engine's public API: search, step format and answer checking. Pure TypeScript: no VS Code,
// node-llama-cpp or Pyodide imports below this folder.

export * from "./types";
export * from "./search";
export * from "./confidence";
export * from "./answers";
export { parseStep, codeToVerify, truncateOutput, hasCode, DEFAULT_MAX_OUTPUT_CHARS, type ParsedStep, type ParseContext } from "./steps/parse";
export * from "./steps/format";
export * from "./knobs";
export * from "./grounding";
