// Bounded capture of a run's stdout/stderr and the truncation rule.
//
// Rule (rStar-Math keeps 1,024 characters of execution output): when a stream is longer than the limit,
// keep its beginning and its end, which usually holds the printed result, joined by a `...` line; the whole
// string is never longer than the limit. The capture itself keeps only a head and a tail of that size, so a
// snippet printing in a loop cannot grow memory.

// The rule itself is the engine's (one truncateOutput for the project): this module only bounds the capture.
import { truncateOutput } from "../engine/steps/parse";

export { truncateOutput, DEFAULT_MAX_OUTPUT_CHARS } from "../engine/steps/parse";

/** Collects decoded text and returns it truncated by the rule above. */
export class BoundedText {
  private head = "";
  private tail = "";
  private readonly decoder = new TextDecoder("utf-8");

  constructor(private readonly limit: number) {}

  writeBytes(bytes: Uint8Array): void {
    this.writeText(this.decoder.decode(bytes, { stream: true }));
  }

  writeText(text: string): void {
    if (!text) return;
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
    // head + tail hold the first and last `limit` characters, so truncating them gives what truncating
    // the whole output would.
    return truncateOutput(this.head + this.tail, this.limit);
  }
}

