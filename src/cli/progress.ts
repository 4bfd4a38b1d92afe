// A one-line live progress display on a terminal; silent when stderr is not a TTY.
import type { SearchEvent } from "../engine/types";

export class ProgressLine {
  private last = 0;
  private nodes = 0;
  private pruned = 0;
  private shown = false;

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly enabled: boolean = stream.isTTY === true,
    private readonly prefix = "",
  ) {}

  /** Feeds a search event; redraws at most ten times a second. */
  onEvent = (event: SearchEvent): void => {
    if (!this.enabled) return;
    if (event.type === "node-added") this.nodes++;
    else if (event.type === "node-pruned") this.pruned++;
    if (event.type !== "rollout-done" && Date.now() - this.last < 100) return;
    this.last = Date.now();
    let text = `${this.prefix}${this.nodes} nodes, ${this.pruned} pruned`;
    if (event.type === "rollout-done") {
      const s = event.stats;
      const tps = s.modelMs > 0 ? Math.round(s.tokensGenerated / (s.modelMs / 1000)) : 0;
      text = `${this.prefix}rollout ${event.rollout}/${event.total}, ${this.nodes} nodes, ${this.pruned} pruned, ${tps} tok/s`;
    }
    this.write(text);
  };

  write(text: string): void {
    if (!this.enabled) return;
    const width = this.stream.columns ?? 100;
    this.stream.write(`\r\x1b[2K${text.slice(0, width - 1)}`);
    this.shown = true;
  }

  clear(): void {
    if (this.enabled && this.shown) this.stream.write("\r\x1b[2K");
    this.shown = false;
  }
}
