// Pulling the final answer out of model text and out of dataset reference fields.

/**
 * Content of the last complete `\boxed{...}` (or `\fbox{...}`) in `text`, braces matched so nested groups
 * such as `\boxed{\frac{1}{2}}` survive. A truncated last box (no closing brace) is skipped in favour of an
 * earlier complete one. `\boxed 5` (no braces) yields the following token. Undefined when there is none.
 */
export function extractBoxed(text: string): string | undefined {
  let found: string | undefined;
  const re = /\\(?:boxed|fbox)\s*(\{|\s+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const start = m.index + m[0].length;
    if (m[1] === "{") {
      const end = matchingBrace(text, start - 1);
      if (end < 0) continue;
      found = text.slice(start, end).trim();
      re.lastIndex = end + 1;
    } else {
      const token = /^[^\s$]+/.exec(text.slice(start));
      if (token) found = token[0].replace(/[.,;]+$/, "");
    }
  }
  return found;
}

/** Index of the brace closing the `{` at `open`, or −1 when it is never closed. `\{` and `\}` are skipped. */
export function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\\") {
      i++;
      continue;
    }
    if (ch === "{") depth++;
    else if (ch === "}") {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** The number after `####` in a GSM8K answer field, commas and `$` removed; undefined when absent. */
export function parseGsm8kAnswer(answerField: string): string | undefined {
  const m = /####\s*(.+?)\s*$/s.exec(answerField);
  if (!m) return undefined;
  const value = m[1].trim().replace(/^\$/, "").replace(/,/g, "").replace(/\.$/, "").trim();
  return value.length > 0 ? value : undefined;
}
