// Runs the built command line as a user would: a subprocess of `node dist/cli.js`.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/** The repository root (this file is built to dist/test/cli/). */
export const ROOT = resolve(__dirname, "..", "..", "..");
export const CLI = join(ROOT, "dist", "cli.js");
export const TINY = join(ROOT, "models", "fixtures", "stepwise-tiny.gguf");
export const SHARED_DATA = resolve(ROOT, "..", "shared", "data");
export const TINY_PROBLEM = "Tom has 3 boxes with 12 apples each. He gives away 5 apples. How many apples are left?";

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function startCli(args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv } = {}): { child: ChildProcess; done: Promise<Run> } {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...opts.env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => (stderr += d));
  if (opts.input !== undefined) child.stdin!.end(opts.input);
  else child.stdin!.end();
  const done = new Promise<Run>((res) => child.on("close", (code, signal) => res({ code, signal, stdout, stderr })));
  return { child, done };
}

export function runCli(args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<Run> {
  const { child, done } = startCli(args, opts);
  const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 120_000);
  return done.finally(() => clearTimeout(timer));
}

export function tempDir(prefix = "stepwise-cli-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Flags that load the engineered fixture as both policy and reward model. */
export const FIXTURE_MODELS = ["--policy", TINY, "--reward", TINY, "--threads", "1"];
