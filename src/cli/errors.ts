/** An error the command line reports as one clear line and a non-zero exit code, without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    /** 2 for bad input or usage, 1 for a failure while running. */
    readonly exitCode: number = 2,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** Exit code after an interrupt (128 + SIGINT), as shells expect. */
export const EXIT_INTERRUPTED = 130;
