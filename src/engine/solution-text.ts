// Turning a trajectory into text for the editor: Markdown with LaTeX for prose documents, or a comment block
// in the document's own language. Pure (no vscode import) so it is unit-tested on plain Node.

import { trajectoryCheck } from "./confidence";
import type { Trajectory } from "./types";

/** Line-comment prefix per languageId; block comments for the few languages without line comments. */
const LINE_COMMENTS: Record<string, string> = {
  python: "#", r: "#", ruby: "#", perl: "#", shellscript: "#", powershell: "#", julia: "#", yaml: "#",
  toml: "#", makefile: "#", dockerfile: "#", coffeescript: "#", elixir: "#", nim: "#",
  javascript: "//", typescript: "//", javascriptreact: "//", typescriptreact: "//", c: "//", cpp: "//",
  csharp: "//", java: "//", go: "//", rust: "//", swift: "//", kotlin: "//", scala: "//", dart: "//",
  php: "//", fsharp: "//", jsonc: "//", groovy: "//", zig: "//", "objective-c": "//",
  latex: "%", tex: "%", bibtex: "%", matlab: "%", erlang: "%", prolog: "%",
  sql: "--", lua: "--", haskell: "--", ada: "--", elm: "--",
  clojure: ";", lisp: ";", scheme: ";", ini: ";", "asm": ";",
  vb: "'", bat: "REM",
};
const BLOCK_COMMENTS: Record<string, [string, string]> = {
  html: ["<!--", "-->"], xml: ["<!--", "-->"], css: ["/*", "*/"], scss: ["/*", "*/"], less: ["/*", "*/"],
};
/** Languages that take the Markdown form as is. */
const PROSE = new Set(["markdown", "mdx", "plaintext", "quarto", "rmd", "restructuredtext"]);

export interface SolutionTextOptions {
  /** The document's languageId. */
  languageId: string;
  /** "answer": one line; "solution": every step and the answer. */
  what: "answer" | "solution";
  problem: string;
}

/**
 * A step's reasoning for display: without the "Step N:" label (the list numbers the steps already) and
 * without the format's boilerplate line before the final print.
 */
export function displayReasoning(reasoning: string): string {
  return reasoning
    .split("\n")
    .map((l) => l.replace(/^\s*Step\s*\d+\s*[:.]\s*/i, ""))
    .filter((l) => !/^\s*Now print the final answer\.?\s*$/i.test(l))
    .join("\n")
    .trim();
}

/** A step's code without its comment lines (they are the reasoning, shown above it). */
export function displayCode(code: string): string {
  return code
    .split("\n")
    .filter((l) => !/^\s*#/.test(l))
    .join("\n")
    .replace(/^\s*\n/, "")
    .replace(/\s+$/, "");
}

/** Markdown text with bare \boxed{…} put in $…$ so it renders. */
function markdownMath(text: string): string {
  return text.replace(/(?<!\$)(\\boxed\{(?:[^{}]|\{[^{}]*\})*\})(?!\$)/g, "$$$1$$");
}

/** LaTeX answers are wrapped in $…$ for Markdown; plain numbers too, so they render alike. */
function mathInline(answer: string): string {
  return `$${answer}$`;
}

function markdown(t: Trajectory, o: SolutionTextOptions): string {
  const answer = t.answer === undefined ? "no answer reached" : mathInline(t.answer);
  // Says what was checked, as the CLI and the panel do: "verified: the code ran and the answer is what it printed".
  const verdict = trajectoryCheck(t).text;
  if (o.what === "answer") return `**Answer:** ${answer} (${verdict})`;
  const lines: string[] = [];
  t.steps.forEach((s, i) => {
    const reasoning = markdownMath(displayReasoning(s.reasoning)) || "(no reasoning given)";
    lines.push(`${i + 1}. ${reasoning.replace(/\n/g, "\n   ")}`);
    const code = displayCode(s.code);
    if (code) lines.push("", "   ```python", ...code.split("\n").map((l) => `   ${l}`), "   ```");
    if (s.output.trim()) lines.push("", `   Output: \`${s.output.trim().split("\n").pop()}\``);
  });
  lines.push("", `**Answer:** ${answer} (${verdict})`);
  return lines.join("\n");
}

function plain(t: Trajectory, o: SolutionTextOptions): string[] {
  const answer = t.answer ?? "no answer reached";
  const verdict = trajectoryCheck(t).text;
  if (o.what === "answer") return [`Answer: ${answer} (${verdict})`];
  const lines: string[] = [`Solution: ${o.problem.trim().split("\n")[0]}`];
  t.steps.forEach((s, i) => {
    lines.push(`Step ${i + 1}: ${displayReasoning(s.reasoning).replace(/\n/g, " ") || "(no reasoning given)"}`);
    for (const l of displayCode(s.code).split("\n")) if (l.trim()) lines.push(`    ${l}`);
  });
  lines.push(`Answer: ${answer} (${verdict})`);
  return lines;
}

/** The text to insert after the problem, for a document of `languageId`. */
export function solutionText(t: Trajectory, o: SolutionTextOptions): string {
  if (PROSE.has(o.languageId)) return markdown(t, o);
  const block = BLOCK_COMMENTS[o.languageId];
  const lines = plain(t, o);
  if (block) return `${block[0]}\n${lines.join("\n")}\n${block[1]}`;
  const prefix = LINE_COMMENTS[o.languageId] ?? "#";
  return lines.map((l) => `${prefix} ${l}`).join("\n");
}
