#!/usr/bin/env node
// Runs the extension-host suite (mocha inside a real VS Code) in code-server 4.139.1 driven by Debian's
// Chromium: the workbench is opened with a `payload` naming the extension under development and the
// suite (what @vscode/test-web does), and the smoke-test driver reports the exit code back to the page.
// Also runs the glue's plain unit tests (dist/test/worker, dist/test/math). Ends with one line "N passed, N failed".

import { writeFileSync, readFileSync, existsSync, statSync, createWriteStream } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { ROOT, ensureBuilt, runFolder, startCodeServer, launchBrowser } from "./code-server.mjs";

const TIMEOUT_MS = Number(process.env.STEPWISE_EXTENSION_TEST_TIMEOUT_MS ?? 8 * 60_000);
const started = Date.now();

ensureBuilt(["dist/extension.js", "dist/search-worker.js", "dist/sandbox-worker.js", "dist/webview.js", "dist/test/extension/suite/index.js", "dist/test/worker/protocol.test.js"]);

const dir = runFolder("extension-host");
const workspace = join(dir, "workspace");
writeFileSync(
  join(workspace, "problems.md"),
  [
    "# Practice",
    "",
    "Tom has 3 boxes with 12 apples each. He gives away 5 apples. How many apples are left?",
    "",
    "Quick check: 2^10 + 3/4 and $\\frac{1}{3}+\\frac{1}{6}$.",
    "",
    "The weather was nice and the birds were singing.",
    "",
  ].join("\n"),
);
const resultsPath = join(dir, "results.json");
const serverLog = createWriteStream(join(dir, "code-server.log"));

let server;
let browser;
let exitCode = 1;
try {
  server = await startCodeServer({
    dir,
    settings: { "stepwise.threads": 1 },
    env: { STEPWISE_TEST_RESULTS: resultsPath, STEPWISE_TEST_WORKSPACE: workspace },
    log: (s) => serverLog.write(s),
  });
  console.log(`code-server up at ${server.url} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  browser = await launchBrowser(dir);
  const page = browser.pages()[0] ?? (await browser.newPage());
  const browserLog = createWriteStream(join(dir, "browser-console.log"));
  page.on("console", (m) => browserLog.write(`[${m.type()}] ${m.text()}\n`));
  const done = new Promise((resolve) => {
    void page.exposeFunction("codeAutomationLog", (type, args) => {
      const text = Array.isArray(args) ? args.join(" ") : String(args);
      browserLog.write(`[automation ${type}] ${text}\n`);
    });
    void page.exposeFunction("codeAutomationExit", (code) => resolve(Number(code)));
  });
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  await page.goto(
    server.workbenchUrl(workspace, [
      ["extensionDevelopmentPath", remote(ROOT)],
      ["extensionTestsPath", remote(join(ROOT, "dist/test/extension/suite/index.js"))],
    ]),
  );
  const timeout = new Promise((resolve) => setTimeout(() => resolve("timeout"), TIMEOUT_MS));
  const outcome = await Promise.race([done, timeout]);
  if (outcome === "timeout") console.log(`the suite did not finish within ${TIMEOUT_MS / 1000} s`);
  else exitCode = outcome;
} catch (e) {
  console.log(`runner failed: ${e?.stack ?? e}`);
} finally {
  await browser?.close().catch(() => {});
  await server?.stop();
  serverLog.end();
}

let passed = 0;
let failed = 0;
// The vscode-free glue helpers' unit tests (node:test) run here too, so this tier covers all the glue.
const unit = spawnSync(process.execPath, ["--test", "--test-reporter=tap", join(ROOT, "dist/test/worker/"), join(ROOT, "dist/test/math/")], { encoding: "utf8" });
const unitPass = Number(/^# pass (\d+)/m.exec(unit.stdout)?.[1] ?? 0);
const unitFail = Number(/^# fail (\d+)/m.exec(unit.stdout)?.[1] ?? (unit.status === 0 ? 0 : 1));
console.log(`glue unit tests (dist/test/worker, dist/test/math): ${unitPass} passed, ${unitFail} failed`);
if (unitFail > 0) console.log(unit.stdout.split("\n").filter((l) => /^not ok|^\s+(error|expected|actual):/.test(l)).join("\n"));
passed += unitPass;
failed += unitFail;
if (existsSync(resultsPath)) {
  const results = JSON.parse(readFileSync(resultsPath, "utf8"));
  for (const t of results.tests) {
    console.log(`${t.state === "passed" ? "✔" : "✖"} ${t.title} (${t.durationMs} ms)`);
    if (t.error) console.log(`    ${t.error.split("\n").join("\n    ")}`);
  }
  const suitePassed = results.tests.filter((t) => t.state === "passed").length;
  passed += suitePassed;
  failed += results.tests.length - suitePassed;
} else {
  const logs = ["code-server.log", "browser-console.log"].map((f) => join(dir, f)).filter((f) => existsSync(f) && statSync(f).size > 0);
  console.log(`no results were written${logs.length ? `; see ${logs.join(" and ")}` : " (code-server never started: see the error above)"}`);
}
if (exitCode !== 0 && failed === unitFail) failed += 1;
console.log(`extension host suite: ${((Date.now() - started) / 1000).toFixed(1)} s, exit code ${exitCode}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && exitCode === 0 ? 0 : 1);
