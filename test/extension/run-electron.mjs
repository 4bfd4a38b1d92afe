#!/usr/bin/env node
// Runs the same extension-host suite in desktop VS Code downloaded by @vscode/test-electron. Needs a
// machine that can reach update.code.visualstudio.com (CI here uses run-code-server.mjs instead).
// Ends with one line "N passed, N failed".

import { writeFileSync, readFileSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { runTests } from "@vscode/test-electron";
import { ROOT, ensureBuilt, runFolder } from "./code-server.mjs";

ensureBuilt(["dist/extension.js", "dist/search-worker.js", "dist/sandbox-worker.js", "dist/webview.js", "dist/test/extension/suite/index.js"]);
const dir = runFolder("extension-electron");
const workspace = join(dir, "workspace");
writeFileSync(
  join(workspace, "problems.md"),
  "# Practice\n\nTom has 3 boxes with 12 apples each. He gives away 5 apples. How many apples are left?\n\nQuick check: 2^10 + 3/4 and $\\frac{1}{3}+\\frac{1}{6}$.\n",
);
mkdirSync(join(dir, "user-data/User"), { recursive: true });
writeFileSync(join(dir, "user-data/User/settings.json"), JSON.stringify({ "stepwise.threads": 1, "chat.disableAIFeatures": true, "security.workspace.trust.enabled": false }));
const resultsPath = join(dir, "results.json");

let code = 1;
try {
  code = await runTests({
    version: process.env.STEPWISE_VSCODE_VERSION ?? "stable",
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: join(ROOT, "dist/test/extension/suite/index.js"),
    extensionTestsEnv: { STEPWISE_TEST_RESULTS: resultsPath },
    launchArgs: [workspace, "--disable-extensions", "--disable-workspace-trust", "--user-data-dir", join(dir, "user-data"), "--extensions-dir", join(dir, "extensions")],
  });
} catch (e) {
  console.log(`VS Code could not be run: ${e?.message ?? e}`);
}
let passed = 0;
let failed = 0;
if (existsSync(resultsPath)) {
  const { tests } = JSON.parse(readFileSync(resultsPath, "utf8"));
  for (const t of tests) console.log(`${t.state === "passed" ? "✔" : "✖"} ${t.title}${t.error ? `\n    ${t.error}` : ""}`);
  passed = tests.filter((t) => t.state === "passed").length;
  failed = tests.length - passed;
}
if (code !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
