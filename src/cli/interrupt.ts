// Ctrl-C handling: the first interrupt asks the running work to stop and report what it has;
// a second one quits at once.
import { EXIT_INTERRUPTED } from "./errors";

export interface Interrupt {
  signal: AbortSignal;
  /** True once Ctrl-C was pressed. */
  readonly interrupted: boolean;
  dispose(): void;
}

export function onInterrupt(notice: (message: string) => void): Interrupt {
  const controller = new AbortController();
  let count = 0;
  const handler = () => {
    count++;
    if (count === 1) {
      notice("Stopping: finishing the current step and reporting what was found (Ctrl-C again to quit now).");
      controller.abort(new Error("interrupted"));
    } else {
      process.exit(EXIT_INTERRUPTED);
    }
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  return {
    signal: controller.signal,
    get interrupted() {
      return count > 0;
    },
    dispose() {
      process.off("SIGINT", handler);
      process.off("SIGTERM", handler);
    },
  };
}
