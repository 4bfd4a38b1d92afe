#!/usr/bin/env node
// Builds the offline Python assets the sandbox loads: the Pyodide runtime copied from node_modules/pyodide,
// and sympy + mpmath (pure Python, taken from Debian's python3-sympy / python3-mpmath packages) zipped
// with .pyc files compiled inside Pyodide itself, so the first `import sympy` reads bytecode instead of
// compiling ~30 MB of source. Nothing is fetched when the sandbox runs.
//
// Output (default dist/python/, override with --out DIR):
//   pyodide.mjs pyodide.asm.mjs pyodide.asm.wasm python_stdlib.zip pyodide-lock.json package.json
//   python-packages.zip   sympy/ and mpmath/ without their tests, as sourceless unchecked-hash .pyc files
//   pyodide-snapshot.bin.gz  a memory snapshot of the interpreter after start-up, with sympy imported and
//                         src/sandbox/python/warmup.py run (what a worker would otherwise spend most of its
//                         cold start on), so a worker restores it in a fraction of a normal boot; made with
//                         Pyodide's (private) snapshot options, and the worker falls back to a normal boot
//                         (and runs the warm-up itself) if restoring ever fails
//   manifest.json         versions of everything above
//
// The packages zip is cached in .cache/python-assets/<key>/ where the key names the Pyodide, sympy and
// mpmath versions, so reruns only copy files. The .deb files are kept in .cache/debs/; when they are
// missing the script runs `apt-get download` (and `apt-get update` once if that fails).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, renameSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { PACKAGES_ZIP, WARMUP_FILE, warmUpSnippet } from "../src/sandbox/boot.cjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const outIndex = args.indexOf("--out");
const outDir = resolve(root, outIndex >= 0 ? args[outIndex + 1] : "dist/python");
const force = args.includes("--force");
const cacheRoot = join(root, ".cache");
const debDir = join(cacheRoot, "debs");

/** Files Pyodide needs to load offline (the lock file is required even when no package is loaded). */
const RUNTIME_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json", "package.json"];
const DEB_PACKAGES = ["python3-sympy", "python3-mpmath"];
/** Bump when the way the zip or the snapshot is made changes, so old caches are not reused. */
const RECIPE = 5;
/** What runs before the snapshot is taken; the worker runs the same file when it boots without one. */
const WARMUP_PY = readFileSync(join(root, "src", "sandbox", "python", "warmup.py"), "utf8");

function log(msg) {
  process.stderr.write(`[build-python-assets] ${msg}\n`);
}

function findDeb(pkg) {
  if (!existsSync(debDir)) return undefined;
  const found = readdirSync(debDir).filter((f) => f.startsWith(`${pkg}_`) && f.endsWith(".deb")).sort();
  return found.length ? join(debDir, found[found.length - 1]) : undefined;
}

function ensureDebs() {
  mkdirSync(debDir, { recursive: true });
  const missing = DEB_PACKAGES.filter((p) => !findDeb(p));
  if (missing.length) {
    log(`downloading ${missing.join(", ")} with apt-get`);
    const download = () => execFileSync("apt-get", ["download", ...missing], { cwd: debDir, stdio: ["ignore", "ignore", "pipe"] });
    try {
      download();
    } catch {
      log("apt-get download failed; running apt-get update once and retrying");
      try {
        execFileSync("apt-get", ["update"], { stdio: ["ignore", "ignore", "inherit"] });
        download();
      } catch (e) {
        throw new Error(
          `Could not obtain ${missing.join(", ")} from apt (${e.message.split("\n")[0]}). ` +
            `Place the .deb files in ${debDir} by hand, or run this script on a machine with Debian's apt.`,
        );
      }
    }
  }
  return Object.fromEntries(DEB_PACKAGES.map((p) => [p, findDeb(p)]));
}

function debVersion(deb) {
  return execFileSync("dpkg-deb", ["-f", deb, "Version"], { encoding: "utf8" }).trim();
}

const require = createRequire(import.meta.url);
const pyodideDir = dirname(require.resolve("pyodide/package.json"));
const pyodideVersion = JSON.parse(readFileSync(join(pyodideDir, "package.json"), "utf8")).version;

/** Compiles and zips the packages inside Pyodide; writes `zipPath`. */
async function buildPackagesZip(debs, zipPath) {
  const work = join(cacheRoot, "python-assets", `tmp-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  try {
    for (const deb of Object.values(debs)) execFileSync("dpkg-deb", ["-x", deb, join(work, "root")]);
    const site = join(work, "root", "usr", "lib", "python3", "dist-packages");
    for (const pkg of ["sympy", "mpmath"]) {
      if (!existsSync(join(site, pkg))) throw new Error(`The .deb files did not contain ${pkg}/ under ${site}`);
    }
    const { loadPyodide } = await import("pyodide");
    const py = await loadPyodide({ indexURL: pyodideDir + "/" });
    py.mountNodeFS("/host", work);
    py.globals.set("SITE", "/host/root/usr/lib/python3/dist-packages");
    py.runPython(`
import compileall, os, shutil, zipfile, py_compile
skip_dirs = {"tests", "benchmarks", "__pycache__"}
def ignore(dirpath, names):
    return [n for n in names if n in skip_dirs or n == "conftest.py" or not (
        n.endswith(".py") or n.endswith(".txt") or n == "py.typed" or os.path.isdir(os.path.join(dirpath, n)))]
shutil.rmtree("/tmp/pkgs", ignore_errors=True)
os.makedirs("/tmp/pkgs")
for pkg in ("sympy", "mpmath"):
    shutil.copytree(os.path.join(SITE, pkg), os.path.join("/tmp/pkgs", pkg), ignore=ignore)
# Sourceless: each module's .pyc sits where its .py was and the .py is left out, which halves the zip and
# the unpacking. Unchecked-hash, so no mtime or source check can ever make Python recompile.
import warnings
warnings.simplefilter("ignore", SyntaxWarning)
ok = compileall.compile_dir("/tmp/pkgs", quiet=1, legacy=True, invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
if not ok:
    raise RuntimeError("compileall reported errors")
with zipfile.ZipFile("/host/packages.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
    for dirpath, dirs, files in os.walk("/tmp/pkgs"):
        dirs.sort()
        for f in sorted(files):
            if f.endswith(".py"):
                continue
            full = os.path.join(dirpath, f)
            # A fixed timestamp keeps the zip byte-identical from one build to the next.
            info = zipfile.ZipInfo(os.path.relpath(full, "/tmp/pkgs"), date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            with open(full, "rb") as fh:
                z.writestr(info, fh.read(), compresslevel=6)
`);
    mkdirSync(dirname(zipPath), { recursive: true });
    renameSync(join(work, "packages.zip"), zipPath);
    chmodSync(zipPath, 0o644);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function main() {
  const debs = ensureDebs();
  const versions = { sympy: debVersion(debs["python3-sympy"]), mpmath: debVersion(debs["python3-mpmath"]) };
  const key = `pyodide-${pyodideVersion}_sympy-${versions.sympy}_mpmath-${versions.mpmath}_r${RECIPE}`.replace(/[^A-Za-z0-9._-]/g, "_");
  const cachedZip = join(cacheRoot, "python-assets", key, "python-packages.zip");
  if (force || !existsSync(cachedZip)) {
    log(`compiling sympy ${versions.sympy} + mpmath ${versions.mpmath} inside Pyodide ${pyodideVersion} (about a minute)`);
    const t0 = Date.now();
    await buildPackagesZip(debs, cachedZip);
    log(`packages zip built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  // The snapshot holds sympy's modules as the warm-up left them: its key names the packages and the warm-up.
  const warmupHash = createHash("sha256").update(WARMUP_PY).update(warmUpSnippet(true)).digest("hex").slice(0, 12);
  const snapshotKey = `${key}_warmup-${warmupHash}`;
  const cachedSnapshot = join(cacheRoot, "python-assets", snapshotKey, "pyodide-snapshot.bin.gz");
  if (force || !existsSync(cachedSnapshot)) {
    log(`making a start-up memory snapshot of Pyodide ${pyodideVersion} with sympy warmed up`);
    const { loadPyodide } = await import("pyodide");
    // Same options as the worker's boot: no JS globals, the same environment. The packages zip sits where
    // the worker puts it (src/sandbox/boot.cjs PACKAGES_ZIP) and is imported from in place; the file
    // system is not part of the snapshot, so the worker writes the same zip there again.
    const py = await loadPyodide({ indexURL: pyodideDir + "/", jsglobals: Object.create(null), env: { HOME: "/home/pyodide" }, _makeSnapshot: true });
    py.FS.writeFile(PACKAGES_ZIP, new Uint8Array(readFileSync(cachedZip)));
    py.FS.writeFile(WARMUP_FILE, WARMUP_PY);
    py.runPython(warmUpSnippet(true));
    const snap = py.makeMemorySnapshot();
    mkdirSync(dirname(cachedSnapshot), { recursive: true });
    writeFileSync(cachedSnapshot + ".tmp", gzipSync(snap, { level: 1 }));
    renameSync(cachedSnapshot + ".tmp", cachedSnapshot);
  }
  mkdirSync(outDir, { recursive: true });
  copyFileSync(cachedSnapshot, join(outDir, "pyodide-snapshot.bin.gz"));
  for (const f of RUNTIME_FILES) copyFileSync(join(pyodideDir, f), join(outDir, f));
  copyFileSync(cachedZip, join(outDir, "python-packages.zip"));
  const manifest = {
    pyodide: pyodideVersion,
    sympy: versions.sympy,
    mpmath: versions.mpmath,
    source: "Debian packages python3-sympy / python3-mpmath",
    key,
    snapshot: "pyodide-snapshot.bin.gz",
    snapshotKey,
    files: [...RUNTIME_FILES, "python-packages.zip", "pyodide-snapshot.bin.gz"],
  };
  writeFileSync(join(outDir, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  log(`assets ready in ${outDir} (${key})`);
}

main().catch((e) => {
  log(`error: ${e.message}`);
  process.exit(1);
});
