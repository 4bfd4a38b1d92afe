#!/usr/bin/env node
// Packages the extension for one VS Code platform target as an offline .vsix: release bundles, the Pyodide +
// sympy assets, the model manifest and embedded models, node-llama-cpp, and only that platform's native
// binaries (the packages in PLATFORMS). Binaries of other platforms are not in node_modules: they are fetched
// by name from the npm registry (`npm pack`) into a cache outside the repository and staged with the rest.
//   node scripts/package-vsix.mjs [--target linux-x64] [--out FILE.vsix] [--cuda]
//   node scripts/package-vsix.mjs --targets linux-x64,darwin-arm64 [--out-dir DIR]
//   node scripts/package-vsix.mjs --all [--out-dir DIR]     every target in PLATFORMS
// Environment: STEPWISE_PREBUILT_CACHE (default $STEPWISE_CACHE/prebuilt, that is ~/.cache/stepwise/prebuilt).

import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The one table of per-platform native code, by VS Code target. `llama`: the @node-llama-cpp/* packages
 * node-llama-cpp loads there (the CPU build, then the GPU builds it tries: Metal is inside mac-arm64-metal;
 * Vulkan works with most GPUs); `cuda`: the CUDA builds, added with --cuda (about 180 MB more, plus 360 MB of
 * CUDA runtime in the -ext package); `deno`: the @deno/* package with the `deno` binary, used once
 * package.json depends on `deno`; `reflink`: the @reflink/* binary of node-llama-cpp's download helper.
 */
export const PLATFORMS = {
  "linux-x64": { llama: ["linux-x64", "linux-x64-vulkan"], cuda: ["linux-x64-cuda", "linux-x64-cuda-ext"], deno: "linux-x64-glibc", reflink: "linux-x64-gnu" },
  "linux-arm64": { llama: ["linux-arm64"], deno: "linux-arm64-glibc", reflink: "linux-arm64-gnu" },
  "linux-armhf": { llama: ["linux-armv7l"] },
  "darwin-arm64": { llama: ["mac-arm64-metal"], deno: "darwin-arm64", reflink: "darwin-arm64" },
  "darwin-x64": { llama: ["mac-x64"], deno: "darwin-x64", reflink: "darwin-x64" },
  "win32-x64": { llama: ["win-x64", "win-x64-vulkan"], cuda: ["win-x64-cuda", "win-x64-cuda-ext"], deno: "win32-x64", reflink: "win32-x64-msvc" },
  "win32-arm64": { llama: ["win-arm64"], deno: "win32-arm64", reflink: "win32-arm64-msvc" },
};

/** Package names of one table entry. */
function namesOf(p, { cuda = true } = {}) {
  return [
    ...[...p.llama, ...(cuda ? (p.cuda ?? []) : [])].map((n) => `@node-llama-cpp/${n}`),
    ...(p.deno ? [`@deno/${p.deno}`] : []),
    ...(p.reflink ? [`@reflink/reflink-${p.reflink}`] : []),
  ];
}

/** Every platform package the table names, so a package can be checked for binaries of other platforms. */
export function allPlatformPackages() {
  return [...new Set(Object.values(PLATFORMS).flatMap((p) => namesOf(p)))];
}

/** The platform packages a target's vsix holds (given the package.json's dependencies). */
export function packagesOf(target, { cuda = false } = {}) {
  return packagesFor(target, { cuda }).wanted.map((p) => p.name);
}

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { cwd: root, stdio: "inherit", ...opts });
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
// Node refuses to spawn a .cmd file without a shell (Windows)
const npmOpts = process.platform === "win32" ? { shell: true } : {};
const readJson = (p) => JSON.parse(readFileSync(p, "utf8"));
const cacheDir = process.env.STEPWISE_PREBUILT_CACHE ?? join(process.env.STEPWISE_CACHE ?? join(homedir(), ".cache", "stepwise"), "prebuilt");

/** The packages (name@version) one target needs; a note for each one skipped. */
function packagesFor(target, { cuda }) {
  const p = PLATFORMS[target];
  const pkg = readJson(join(root, "package.json"));
  const llamaVersion = readJson(join(root, "node_modules/node-llama-cpp/package.json")).version;
  const wanted = [...p.llama, ...(cuda ? (p.cuda ?? []) : [])].map((n) => ({ name: `@node-llama-cpp/${n}`, version: llamaVersion }));
  const notes = [];
  const denoVersion = pkg.dependencies?.deno;
  if (!p.deno) notes.push(`${target}: no deno binary is published for this platform`);
  else if (!denoVersion) notes.push(`${target}: @deno/${p.deno} skipped (package.json does not depend on deno)`);
  else wanted.push({ name: `@deno/${p.deno}`, version: denoVersion.replace(/^[~^=]/, "") });
  const reflinkPkg = join(root, "node_modules/@reflink/reflink/package.json");
  if (p.reflink && existsSync(reflinkPkg)) {
    const name = `@reflink/reflink-${p.reflink}`;
    const version = readJson(reflinkPkg).optionalDependencies?.[name];
    if (version) wanted.push({ name, version });
  }
  return { wanted, notes };
}

/** A folder holding the package's files: node_modules when it is installed at that version, else the npm cache. */
function fetchPackage({ name, version }) {
  const installed = join(root, "node_modules", name);
  if (existsSync(join(installed, "package.json")) && readJson(join(installed, "package.json")).version === version) return installed;
  const dir = join(cacheDir, `${name.replace("/", "+")}@${version}`);
  if (existsSync(join(dir, "package.json"))) return dir;
  mkdirSync(cacheDir, { recursive: true });
  let tgz = `${name.slice(1).replace("/", "-")}-${version}.tgz`; // the name npm pack gives it
  if (!existsSync(join(cacheDir, tgz))) {
    console.log(`fetching ${name}@${version} from the npm registry…`);
    tgz = execFileSync(npm, ["pack", `${name}@${version}`, "--silent", "--pack-destination", cacheDir], { cwd: cacheDir, encoding: "utf8", ...npmOpts }).trim().split("\n").pop();
  }
  const tmp = `${dir}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  execFileSync("tar", ["-xzf", join(cacheDir, tgz), "-C", tmp, "--strip-components=1"]);
  rmSync(join(cacheDir, tgz), { force: true });
  cpSync(tmp, dir, { recursive: true });
  rmSync(tmp, { recursive: true, force: true });
  return dir;
}

/** The repository's packaged files (release build, .vscodeignore applied; no platform binaries). */
function packagedFiles() {
  const out = execFileSync(process.execPath, [join(root, "node_modules/@vscode/vsce/vsce"), "ls"], { cwd: root, encoding: "utf8", maxBuffer: 64 << 20 });
  return out.split("\n").map((l) => l.trim()).filter(Boolean);
}

/** Directories of the production dependencies (npm list), whose package.json files npm needs in the stage. */
function dependencyDirs() {
  let out;
  try {
    out = execFileSync(npm, ["ls", "--omit=dev", "--parseable", "--all", "--loglevel=error"], { cwd: root, encoding: "utf8", maxBuffer: 64 << 20, stdio: ["ignore", "pipe", "ignore"], ...npmOpts });
  } catch (e) {
    out = String(e.stdout ?? ""); // npm ls exits 1 on a problem it still lists past (an extraneous package)
  }
  return out.split("\n").map((l) => l.trim()).filter((l) => l && l !== root);
}

function build() {
  if (!existsSync(join(root, "dist/python/manifest.json"))) run(npm, ["run", "--silent", "build:assets"], npmOpts);
  run(process.execPath, [join(root, "esbuild.mjs"), "--release"]);
  for (const f of ["dist/extension.js", "dist/search-worker.js", "dist/sandbox-worker.mjs", "dist/webview.js", "dist/webview.css", "dist/python/manifest.json"]) {
    if (!existsSync(join(root, f))) throw new Error(`${f} is missing after the build`);
  }
}

function packageTarget(target, { cuda, out, files, deps }) {
  if (!PLATFORMS[target]) {
    console.error(`Unknown target ${target}; use one of ${Object.keys(PLATFORMS).join(", ")}.`);
    process.exit(2);
  }
  const { wanted, notes } = packagesFor(target, { cuda });
  for (const n of notes) console.log(`note: ${n}`);
  const stage = mkdtempSync(join(tmpdir(), `stepwise-vsix-${target}-`));
  try {
    for (const f of files) {
      mkdirSync(dirname(join(stage, f)), { recursive: true });
      cpSync(join(root, f), join(stage, f));
    }
    // npm list runs in the stage: every production dependency's package.json must be there
    for (const d of deps) {
      const rel = d.slice(root.length + 1);
      const pj = join(stage, rel, "package.json");
      if (!existsSync(pj) && existsSync(join(d, "package.json"))) {
        mkdirSync(dirname(pj), { recursive: true });
        cpSync(join(d, "package.json"), pj);
      }
    }
    for (const p of wanted) cpSync(fetchPackage(p), join(stage, "node_modules", p.name), { recursive: true, dereference: true });
    // the stage holds only this target's binaries; keep them (and only them) in the package
    const ignore = readFileSync(join(root, ".vscodeignore"), "utf8")
      .split("\n")
      .concat(wanted.map((p) => `!node_modules/${p.name}/**`), wanted.map((p) => `node_modules/${p.name}/**/*.md`))
      .join("\n");
    writeFileSync(join(stage, ".vscodeignore"), ignore);
    const t0 = Date.now();
    run(
      process.execPath,
      [
        join(root, "node_modules/@vscode/vsce/vsce"),
        "package",
        "--target", target,
        "--out", out,
        "--allow-missing-repository",
        "--skip-license",
        "--no-update-package-json",
        "--no-git-tag-version",
      ],
      { cwd: stage },
    );
    const mb = (statSync(out).size / 1024 / 1024).toFixed(1);
    console.log(`${out}: ${mb} MB, ${target} with ${wanted.map((p) => p.name).join(", ")} (packaged in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const cuda = process.argv.includes("--cuda");
  const targets = process.argv.includes("--all") ? Object.keys(PLATFORMS) : arg("--targets", arg("--target", "linux-x64")).split(",");
  const outDir = resolve(root, arg("--out-dir", "."));
  if (!existsSync(join(root, "node_modules/node-llama-cpp/package.json"))) throw new Error("node_modules is missing: run npm ci first.");
  build();
  const files = packagedFiles();
  const leaked = files.filter((f) => allPlatformPackages().some((p) => f.startsWith(`node_modules/${p}/`)));
  if (leaked.length) throw new Error(`.vscodeignore lets platform binaries through: ${leaked.slice(0, 3).join(", ")}`);
  const deps = dependencyDirs();
  for (const target of targets) {
    const out = targets.length === 1 && arg("--out") ? resolve(root, arg("--out")) : join(outDir, `stepwise-${target}.vsix`);
    packageTarget(target, { cuda, out, files, deps });
  }
}
