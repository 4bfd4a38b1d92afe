// Finding the offline Python assets and the worker script relative to the running bundle. The same search
// works for the CLI (dist/cli.js), the extension (dist/extension.js inside the packaged .vsix), the tests
// (dist/test/sandbox/*.js) and the benchmark (dist/bench/*.js): walk up from this bundle's folder.
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { SandboxAssetsError } from "./errors";

/** The assets folder's name inside dist/. */
export const ASSETS_DIR_NAME = "python";
/** The worker bundle's file name inside dist/. */
export const WORKER_FILE_NAME = "sandbox-worker.mjs";

function searchUp(start: string, relative: string, isMatch: (p: string) => boolean): string | undefined {
  let dir = resolve(start);
  for (let i = 0; i < 6; i++) {
    for (const candidate of [join(dir, relative), join(dir, "dist", relative)]) {
      if (isMatch(candidate)) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

/**
 * The folder with pyodide.mjs, the runtime files and python-packages.zip (built by `npm run build:assets`).
 * Searches upward from `from` (default: this bundle's folder) for `python/manifest.json` or
 * `dist/python/manifest.json`. Throws SandboxAssetsError with the fix when nothing is found.
 */
export function locateSandboxAssets(from: string = __dirname): string {
  const found = searchUp(from, ASSETS_DIR_NAME, (p) => existsSync(join(p, "manifest.json")) && existsSync(join(p, "pyodide.mjs")));
  if (!found) {
    throw new SandboxAssetsError(
      `The Python sandbox assets were not found near ${from}. Run \`npm run build:assets\` to create dist/${ASSETS_DIR_NAME}/.`,
    );
  }
  return found;
}

/** The worker script (dist/sandbox-worker.js), searched for the same way. */
export function locateSandboxWorker(from: string = __dirname): string {
  const found = searchUp(from, WORKER_FILE_NAME, existsSync);
  if (!found) {
    throw new SandboxAssetsError(`The sandbox worker (${WORKER_FILE_NAME}) was not found near ${from}. Run \`npm run build\`.`);
  }
  return found;
}

/** Checks that an explicitly given assets folder has what the worker loads. */
export function checkSandboxAssets(dir: string): void {
  for (const f of ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json", "python-packages.zip"]) {
    if (!existsSync(join(dir, f))) {
      throw new SandboxAssetsError(`${join(dir, f)} is missing. Run \`npm run build:assets\` to rebuild the Python sandbox assets.`);
    }
  }
}
