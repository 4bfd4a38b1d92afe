// One build for everything: the extension and CLI (CommonJS for Node), worker entry points, the webview
// bundle (browser), and the tests. node-llama-cpp is ESM-only with top-level await, so it stays external
// and is loaded with a dynamic import; vscode is provided by the host.
import * as esbuild from "esbuild";
import { readdirSync, statSync, existsSync, chmodSync, mkdirSync } from "node:fs";
import { join } from "node:path";

const release = process.argv.includes("--release");
const watch = process.argv.includes("--watch");

const external = ["vscode", "node-llama-cpp", "pyodide", "playwright-core", "fast-check"];

/** Every file under `dir` whose name ends with `suffix`. */
function findFiles(dir, suffix) {
  if (!existsSync(dir)) return [];
  const found = [];
  for (const name of readdirSync(dir)) {
    if (name.startsWith(".") || name === "node_modules") continue; // test artefacts, browser profiles
    const p = join(dir, name);
    if (statSync(p).isDirectory()) found.push(...findFiles(p, suffix));
    else if (p.endsWith(suffix)) found.push(p);
  }
  return found;
}

const node = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: release ? false : "linked",
  minify: release,
  external,
  logLevel: "warning",
  // Keep `import()` of ESM packages as a real dynamic import in the CJS output.
  supported: { "dynamic-import": true },
};

const nodeEntries = {
  extension: "src/extension/extension.ts",
  cli: "src/cli/main.ts",
  "search-worker": "src/worker/search-worker.ts",
};

const builds = [];
for (const [out, entry] of Object.entries(nodeEntries)) {
  if (!existsSync(entry)) continue;
  builds.push({
    ...node,
    entryPoints: { [out]: entry },
    outdir: "dist",
    banner: out === "cli" ? { js: "#!/usr/bin/env node" } : undefined,
  });
}

// The sandbox worker runs under Deno (or Node as a fallback) as an ES module, with its Python as text.
builds.push({
  ...node,
  format: "esm",
  entryPoints: { "sandbox-worker": "src/sandbox/worker.ts" },
  outdir: "dist",
  outExtension: { ".js": ".mjs" },
  loader: { ".py": "text" },
});

if (existsSync("webview/main.ts")) {
  builds.push({
    bundle: true,
    platform: "browser",
    format: "iife",
    target: "es2022",
    sourcemap: release ? false : "linked",
    minify: release,
    entryPoints: { webview: "webview/main.ts" },
    outdir: "dist",
    loader: { ".woff2": "file", ".woff": "file", ".ttf": "file" },
    logLevel: "warning",
  });
}

// Tests: every test/**/*.test.ts and test/**/*.suite.ts becomes dist/test/**/*.js.
const testEntries = [...findFiles("test", ".test.ts"), ...findFiles("test", ".suite.ts"), ...findFiles("test", "index.ts")];
const benchEntries = findFiles("bench", ".bench.ts");
if (!release && testEntries.length + benchEntries.length > 0) {
  builds.push({
    ...node,
    entryPoints: [...testEntries, ...benchEntries],
    outbase: ".",
    outdir: "dist",
  });
}

mkdirSync("dist", { recursive: true });
if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  if (existsSync("dist/cli.js")) chmodSync("dist/cli.js", 0o755);
}
