// Bounded capture of a run's stdout/stderr and the truncation rule.
//
// Rule (rStar-Math keeps 1,024 characters of execution output): when a stream is longer than the limit,
// keep its beginning and its end, which usually holds the printed result, and put a marker saying how much
// was cut in between; the whole string, marker included, is never longer than the limit. The capture itself
// keeps only a head and a tail of that size, so a snippet printing in a loop cannot grow memory.

/** Default characters kept per stream (rStar-Math: 1,024). */
export const DEFAULT_MAX_OUTPUT_CHARS = 1024;

export function truncationMarker(omitted: number): string {
  return `\n…[${omitted} characters omitted]…\n`;
}

/** Collects decoded text and returns it truncated by the rule above. */
export class BoundedText {
  private head = "";
  private tail = "";
  private total = 0;
  private readonly decoder = new TextDecoder("utf-8");

  constructor(private readonly limit: number) {}

  writeBytes(bytes: Uint8Array): void {
    this.writeText(this.decoder.decode(bytes, { stream: true }));
  }

  writeText(text: string): void {
    if (!text) return;
    this.total += text.length;
    if (this.head.length < this.limit) {
      const take = Math.min(text.length, this.limit - this.head.length);
      this.head += text.slice(0, take);
      text = text.slice(take);
      if (!text) return;
    }
    this.tail = (this.tail + text).slice(-this.limit);
  }

  /** The captured text, truncated to at most `limit` characters. */
  finish(): string {
    this.writeText(this.decoder.decode());
    return truncateOutput(this.head + this.tail, this.limit, this.total);
  }
}

/**
 * Truncates `text` to at most `limit` characters: head + marker + tail.
 * `totalLength` is the original length when `text` is already a head/tail excerpt of something longer.
 */
export function truncateOutput(text: string, limit: number, totalLength = text.length): string {
  if (totalLength <= limit) return text;
  const headPart = (budget: number) => text.slice(0, budget);
  const tailPart = (budget: number) => (budget > 0 ? text.slice(-budget) : "");
  // The marker's length depends on the omitted count, which depends on the marker: two passes settle it.
  let marker = truncationMarker(totalLength);
  for (let i = 0; i < 2; i++) {
    const budget = Math.max(0, limit - marker.length);
    const kept = Math.floor(budget / 2) + Math.ceil(budget / 2);
    marker = truncationMarker(totalLength - kept);
  }
  if (marker.length >= limit) return text.slice(0, limit);
  const budget = limit - marker.length;
  const headLen = Math.floor(budget / 2);
  return headPart(headLen) + marker + tailPart(budget - headLen);
}
