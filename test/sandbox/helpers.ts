// Shared by the sandbox test files: make sure the offline assets exist (a clean clone may have run only
// `npm run build`), building them once with the cached script if needed.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { locateSandboxAssets } from "../../src/sandbox";

export function ensureSandboxAssets(): string {
  try {
    return locateSandboxAssets();
  } catch {
    const root = join(__dirname, "..", "..", "..");
    execFileSync(process.execPath, [join(root, "scripts", "build-python-assets.mjs")], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
    return locateSandboxAssets();
  }
}
