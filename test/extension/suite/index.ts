// Entry point the VS Code test harness calls inside the extension host: runs the mocha suites in
// extension.suite.js and settings.suite.js (built beside this file) and writes a JSON summary where the runner reads it.

import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";
import * as path from "node:path";

interface TestRecord {
  title: string;
  state: "passed" | "failed";
  durationMs: number;
  error?: string;
}

export function run(): Promise<void> {
  // Loaded from node_modules at run time, not bundled (mocha resolves reporters dynamically).
  const req = createRequire(__filename);
  const Mocha = req("mocha") as typeof import("mocha");
  const mocha = new Mocha({ ui: "bdd", timeout: 120_000, color: false, reporter: "spec" });
  mocha.addFile(path.join(__dirname, "extension.suite.js"));
  mocha.addFile(path.join(__dirname, "settings.suite.js"));
  const tests: TestRecord[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const out = process.env.STEPWISE_TEST_RESULTS;
      if (out) writeFileSync(out, JSON.stringify({ tests }, null, 2));
      if (failures > 0) reject(new Error(`${failures} test(s) failed`));
      else resolve();
    });
    runner.on("pass", (t) => tests.push({ title: t.fullTitle(), state: "passed", durationMs: t.duration ?? 0 }));
    runner.on("fail", (t, err: Error) => tests.push({ title: t.fullTitle(), state: "failed", durationMs: t.duration ?? 0, error: err?.stack ?? String(err) }));
  });
}
