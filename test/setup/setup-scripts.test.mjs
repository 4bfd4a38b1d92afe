// The cold path, checked on every run: the set-up scripts that install what other tiers need must work
// from an empty cache when they are started by `npm test` (this tier runs as an npm script too, so it sees
// npm's exported npm_* variables, its PATH and `--silent` log level, exactly as the real tiers do).
// setup-code-server.sh runs for real, into an empty temporary cache, installing Node 24 from the registry;
// only the package it then installs is a small local one whose postinstall refuses any Node but 24 (as
// code-server's does) and records the environment it ran in. A second package whose postinstall fails
// checks that the failure's own message reaches the tier's output. The cache sits inside another npm project.
import assert from "node:assert/strict";
import { spawnSync, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, rmSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { after, test } from "node:test";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const SCRIPT = join(ROOT, "test/extension/setup-code-server.sh");
const work = mkdtempSync(join(tmpdir(), "stepwise-setup-"));
after(() => rmSync(work, { recursive: true, force: true }));

/** Packs a package whose postinstall runs `body` (JS) into a tarball and returns its path. */
function probePackage(name, body) {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, version: "1.0.0", scripts: { postinstall: "node probe.js" } }));
  writeFileSync(join(dir, "probe.js"), body);
  execFileSync("npm", ["pack", "--silent", "--pack-destination", work], { cwd: dir, stdio: ["ignore", "pipe", "inherit"] });
  return join(work, readdirSync(work).find((f) => f.startsWith(`${name}-1.0.0`) && f.endsWith(".tgz")));
}

// The cache lies inside a folder that is an npm project of its own (a package.json and a node_modules), as a
// cache under a user's project or home can: the nested installs must still go into the cache, not up there.
writeFileSync(join(work, "package.json"), JSON.stringify({ name: "outer-project", version: "1.0.0", private: true }));
mkdirSync(join(work, "node_modules"));
const cache = join(work, "cache");
function runSetup(spec) {
  return spawnSync("bash", [SCRIPT], { encoding: "utf8", env: { ...process.env, STEPWISE_CACHE: cache, STEPWISE_CODE_SERVER_SPEC: spec }, maxBuffer: 64 << 20 });
}

test("this tier runs inside npm's environment (otherwise it would prove nothing)", () => {
  assert.ok(process.env.npm_lifecycle_event, "run it through npm (npm run test:setup), as npm test does");
});

test("setup-code-server.sh from an empty cache, under npm test: the nested install runs on Node 24 with its own npm settings", () => {
  const tgz = probePackage(
    "stepwise-setup-probe",
    `const fs = require("fs");
     fs.writeFileSync("probe.json", JSON.stringify({ node: process.version, execPath: process.execPath,
       npmNode: process.env.npm_node_execpath, loglevel: process.env.npm_config_loglevel ?? null,
       path: process.env.PATH }));
     if (!process.version.startsWith("v24.")) { console.error("probe: needs Node 24, got " + process.version); process.exit(1); }`,
  );
  const r = runSetup(tgz);
  assert.equal(r.status, 0, `setup failed:\n${r.stderr.slice(-3000)}`);
  const dir = r.stdout.trim().split("\n").pop();
  const seen = JSON.parse(readFileSync(join(dir, "node_modules/stepwise-setup-probe/probe.json"), "utf8"));
  assert.match(seen.node, /^v24\./);
  assert.ok(seen.execPath.startsWith(cache), `the postinstall ran on the cached Node 24: ${seen.execPath}`);
  assert.ok(!seen.npmNode || seen.npmNode.startsWith(cache), `npm inside ran on Node 24 too: ${seen.npmNode}`);
  assert.notEqual(seen.loglevel, "silent", "npm's --silent did not leak into the nested install");
  assert.ok(!seen.path.split(":").some((p) => p.startsWith(ROOT)), "no folder of this repository's node_modules on the nested PATH");
  assert.deepEqual(readdirSync(join(work, "node_modules")), [], "nothing was installed into the folder around the cache");
  // A second run finds the finished install and does nothing.
  const again = runSetup(tgz);
  assert.equal(again.status, 0);
  assert.equal(again.stdout.trim().split("\n").pop(), dir);
  assert.doesNotMatch(again.stderr, /installing/);
});

test("a failing set-up step shows its own error, not just 'command failed'", () => {
  const tgz = probePackage("stepwise-setup-broken", `console.error("probe-failure-marker: the native build broke"); process.exit(3);`);
  const r = runSetup(tgz);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /probe-failure-marker: the native build broke/);
});
