// Each platform's .vsix: built by scripts/package-vsix.mjs into a temporary folder and read back. It must hold
// its platform's native binaries (node-llama-cpp's prebuilts, and deno/reflink where the table names them),
// no other platform's, the offline Pyodide + sympy assets, the bundles, the manifest and the embedded models,
// and say its target. Packaging fetches other platforms' prebuilts from the npm registry once (cached), so by
// default this builds linux-x64 and darwin-arm64; STEPWISE_VSIX_TARGETS=all (or a comma list) builds more.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = resolve(__dirname, "..", "..", "..");
const SCRIPT = join(ROOT, "scripts", "package-vsix.mjs");

interface Packager {
  PLATFORMS: Record<string, unknown>;
  allPlatformPackages(): string[];
  packagesOf(target: string): string[];
}

let packager: Packager;
let out: string;
let targets: string[] = [];
let built: string | undefined;
const hasUnzip = spawnSync("unzip", ["-v"]).status === 0;

before(async () => {
  const url = pathToFileURL(SCRIPT).href;
  packager = (await import(url)) as Packager;
  const wanted = process.env.STEPWISE_VSIX_TARGETS ?? "linux-x64,darwin-arm64";
  targets = wanted === "all" ? Object.keys(packager.PLATFORMS) : wanted.split(",");
  out = mkdtempSync(join(tmpdir(), "stepwise-vsix-test-"));
  if (!hasUnzip) return;
  const r = spawnSync(process.execPath, [SCRIPT, "--targets", targets.join(","), "--out-dir", out], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20 });
  built = r.status === 0 ? r.stdout : undefined;
  if (r.status !== 0) throw new Error(`packaging failed (${r.status}):\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
});
after(() => rmSync(out, { recursive: true, force: true }));

const list = (vsix: string) => execFileSync("unzip", ["-Z1", vsix], { encoding: "utf8", maxBuffer: 64 << 20 }).split("\n").filter(Boolean);

test("each target's vsix has its binaries, no other platform's, and the offline assets", async (t) => {
  if (!hasUnzip) return t.skip("unzip is not installed");
  const sizes: string[] = [];
  for (const target of targets) {
    const vsix = join(out, `stepwise-${target}.vsix`);
    const files = list(vsix);
    const mine = packager.packagesOf(target);
    assert.ok(mine.some((p) => p.startsWith("@node-llama-cpp/")), target);
    for (const p of mine) {
      assert.ok(files.some((f) => f.startsWith(`extension/node_modules/${p}/`) && f.endsWith("/package.json")), `${target}: ${p} is inside`);
    }
    // the llama.cpp addon itself, for every node-llama-cpp build of this target
    for (const p of mine.filter((n) => n.startsWith("@node-llama-cpp/") && !n.endsWith("-ext"))) {
      assert.ok(files.some((f) => f.startsWith(`extension/node_modules/${p}/bins/`) && f.endsWith("llama-addon.node")), `${target}: ${p} has its llama-addon.node`);
    }
    for (const other of packager.allPlatformPackages().filter((p) => !mine.includes(p))) {
      assert.ok(!files.some((f) => f.startsWith(`extension/node_modules/${other}/`)), `${target}: no ${other}`);
    }
    // every native file lies inside one of this target's packages
    const natives = files.filter((f) => /\.(node|dll|dylib|so|exe)$/.test(f) || /\/bin\/deno$/.test(f));
    const stray = natives.filter((f) => !mine.some((p) => f.startsWith(`extension/node_modules/${p}/`)));
    assert.deepEqual(stray, [], `${target}: native files outside its platform packages`);
    if (target.startsWith("win32")) assert.ok(!natives.some((f) => /\.(so|dylib)$/.test(f)), `${target}: no Linux or macOS libraries`);
    if (target.startsWith("linux")) assert.ok(!natives.some((f) => /\.(dll|dylib)$/.test(f)), `${target}: no Windows or macOS libraries`);
    for (const f of [
      "extension/package.json",
      "extension/dist/extension.js",
      "extension/dist/search-worker.js",
      "extension/dist/sandbox-worker.mjs",
      "extension/dist/webview.js",
      "extension/dist/python/manifest.json",
      "extension/dist/python/pyodide.asm.wasm",
      "extension/dist/python/python-packages.zip",
      "extension/models/manifest.json",
      "extension/node_modules/node-llama-cpp/package.json",
    ]) {
      assert.ok(files.includes(f), `${target}: ${f}`);
    }
    assert.ok(!files.some((f) => f.startsWith("extension/src/") || f.startsWith("extension/test/") || f.startsWith("extension/dist/test/")), `${target}: no sources or tests`);
    // sympy is inside the offline package archive
    const inner = join(out, `${target}-packages.zip`);
    writeFileSync(inner, execFileSync("unzip", ["-p", vsix, "extension/dist/python/python-packages.zip"], { maxBuffer: 256 << 20 }));
    assert.ok(list(inner).some((f) => /(^|\/)sympy\/__init__\.pyc?$/.test(f)), `${target}: sympy in python-packages.zip`);
    const manifest = execFileSync("unzip", ["-p", vsix, "extension.vsixmanifest"], { encoding: "utf8" });
    assert.match(manifest, new RegExp(`TargetPlatform="${target}"`));
    sizes.push(`${target} ${(statSync(vsix).size / 1024 / 1024).toFixed(1)} MB`);
  }
  t.diagnostic(`sizes: ${sizes.join(", ")}`);
  assert.ok(built);
});

test("this machine's vsix, unpacked, solves with only its packaged binaries and assets", async (t) => {
  const host = `${process.platform === "win32" ? "win32" : process.platform}-${process.arch === "arm" ? "armhf" : process.arch}`;
  if (!hasUnzip) return t.skip("unzip is not installed");
  if (!targets.includes(host)) return t.skip(`${host} was not built in this run`);
  const dir = join(out, "unpacked");
  execFileSync("unzip", ["-q", join(out, `stepwise-${host}.vsix`), "-d", dir]);
  const ext = join(dir, "extension");
  const tiny = join(ext, "models", "fixtures", "stepwise-tiny.gguf");
  const problem = "Tom has 3 boxes with 12 apples each. He gives away 5 apples. How many apples are left?";
  const r = spawnSync(process.execPath, [join(ext, "dist", "cli.js"), "solve", problem, "--strategy", "greedy", "--policy", tiny, "--reward", tiny, "--threads", "1"], {
    cwd: dir, // not the repository: nothing outside the package can be picked up
    encoding: "utf8",
    timeout: 300_000,
  });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Final answer: 31/);
  assert.match(r.stdout, /Final answer: 31\s+— verified: the code ran/);
});
