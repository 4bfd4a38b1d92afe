#!/usr/bin/env node
// Packages the extension for one platform (default linux-x64) as an offline .vsix: release bundles, the
// Pyodide + sympy assets, node-llama-cpp with only that platform's CPU prebuilt (see .vscodeignore), the
// model manifest and the embedded models. Prints the size and the biggest parts.
//   node scripts/package-vsix.mjs [--target linux-x64] [--out stepwise-linux-x64.vsix]

import { execFileSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const target = arg("--target", "linux-x64");
const out = resolve(root, arg("--out", `stepwise-${target}.vsix`));
if (target !== "linux-x64") {
  console.error(`Only linux-x64 is packaged here (its prebuilt is what .vscodeignore keeps); got ${target}.`);
  process.exit(2);
}
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: "inherit" });

if (!existsSync(join(root, "dist/python/manifest.json"))) run("npm", ["run", "--silent", "build:assets"]);
run(process.execPath, [join(root, "esbuild.mjs"), "--release"]);
for (const f of ["dist/extension.js", "dist/search-worker.js", "dist/sandbox-worker.mjs", "dist/webview.js", "dist/webview.css"]) {
  if (!existsSync(join(root, f))) throw new Error(`${f} is missing after the build`);
}
if (!existsSync(join(root, "node_modules/@node-llama-cpp/linux-x64"))) {
  throw new Error("node_modules/@node-llama-cpp/linux-x64 is missing: run npm install first.");
}
const t0 = Date.now();
run(process.execPath, [
  join(root, "node_modules/@vscode/vsce/vsce"),
  "package",
  "--target", target,
  "--out", out,
  "--allow-missing-repository",
  "--skip-license",
  "--no-update-package-json",
  "--no-git-tag-version",
]);
const mb = (statSync(out).size / 1024 / 1024).toFixed(1);
console.log(`${out}: ${mb} MB (packaged in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
