#!/usr/bin/env node
// Browser UI test: Debian's Chromium (playwright-core) drives code-server with the extension under
// development. Opens a Markdown file, checks the empty-selection message, selects a problem, runs Solve
// Selection from the palette, reads the answer, a step's code and its output from inside the panel's
// webview (with what was checked and how sure the search is), clicks Insert Answer, checks the document
// changed, and saves screenshots of the panel in the dark and the light theme to test/.artifacts/e2e/. Then
// a search that cannot end on its own, started from Solve Problem…: shown running with a Cancel button, and
// cancelled by it. Then the panel's wording for verified / not verified / uncertain results, on hand-built results fed to the real
// webview bundle. (Hovers in a notebook cell are checked by the extension-host suite.) Ends with "N passed, N failed".

import { readFileSync, writeFileSync, createWriteStream } from "node:fs";
import { join } from "node:path";
import { resolve } from "node:path";
import { ROOT, ensureBuilt, runFolder, startCodeServer, launchBrowser, installVsix } from "../extension/code-server.mjs";

// STEPWISE_E2E_VSIX=path/to.vsix runs the same flow against the packaged extension instead of the sources.
const VSIX = process.env.STEPWISE_E2E_VSIX ? resolve(process.env.STEPWISE_E2E_VSIX) : undefined;

const started = Date.now();
const PROBLEM = "Tom has 3 boxes with 12 apples each. He gives away 5 apples. How many apples are left?";
if (!VSIX) ensureBuilt(["dist/extension.js", "dist/search-worker.js", "dist/sandbox-worker.js", "dist/webview.js"]);

const dir = runFolder(VSIX ? "e2e-vsix" : "e2e");
if (VSIX) installVsix(dir, VSIX);
const workspace = join(dir, "workspace");
writeFileSync(join(workspace, "homework.md"), `# Homework\n\n${PROBLEM}\n\nNotes go here.\n\nCheck: 2^10 + 3/4\n`);
const serverLog = createWriteStream(join(dir, "code-server.log"));

const checks = [];
function check(name, ok, detail = "") {
  checks.push({ name, ok });
  console.log(`${ok ? "✔" : "✖"} ${name}${detail ? ` — ${detail}` : ""}`);
}
/** Merges `patch` into code-server's Machine and User settings files (read again on a window reload). */
function updateSettings(patch) {
  for (const scope of ["Machine", "User"]) {
    const file = join(dir, "user-data", scope, "settings.json");
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, "utf8")), ...patch }, null, 2));
  }
}
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);

let server;
let browser;
try {
  server = await startCodeServer({
    dir,
    settings: {
      // The scripted fixture model, so the answer the test reads is known (31).
      "stepwise.models.policyPath": join(ROOT, "models/fixtures/stepwise-tiny.gguf"),
      "stepwise.models.rewardPath": join(ROOT, "models/fixtures/stepwise-tiny.gguf"),
      "stepwise.threads": 1, "workbench.colorTheme": "Default Dark Modern", "editor.minimap.enabled": false, "editor.wordWrap": "off", "[markdown]": { "editor.wordWrap": "off" } },
    log: (s) => serverLog.write(s),
  });
  browser = await launchBrowser(dir, { colorScheme: "dark" });
  const page = browser.pages()[0] ?? (await browser.newPage());
  const consoleLog = createWriteStream(join(dir, "browser-console.log"));
  const cspViolations = [];
  page.on("console", (m) => {
    consoleLog.write(`[${m.type()}] ${m.text()}\n`);
    if (/Refused to (load|apply|execute)|Content Security Policy/i.test(m.text()) && /stepwise|vscode-resource|vscode-cdn|webview/i.test(m.text())) cspViolations.push(m.text());
  });
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  await page.goto(server.workbenchUrl(workspace, VSIX ? undefined : [["extensionDevelopmentPath", remote(ROOT)]]));
  await page.locator(".monaco-workbench").waitFor({ timeout: 60_000 });
  console.log(`workbench ready (${seconds()} s)`);

  /** Runs a palette command by its title; the first F1 on a fresh profile sometimes leaves the palette hidden. */
  async function runCommand(title) {
    const input = page.locator(".quick-input-widget input");
    for (let attempt = 0; attempt < 6; attempt++) {
      await page.keyboard.press("F1");
      try {
        await input.waitFor({ state: "visible", timeout: 3000 });
        break;
      } catch {
        await page.keyboard.press("Escape");
      }
    }
    await input.fill(`>${title}`);
    const row = page.locator(".quick-input-list .monaco-list-row", { hasText: title }).first();
    await row.waitFor({ timeout: 10_000 });
    await page.keyboard.press("Enter");
  }

  // Open the file through Quick Open.
  const input = page.locator(".quick-input-widget input");
  for (let attempt = 0; attempt < 6; attempt++) {
    await page.keyboard.press("Control+P");
    try {
      await input.waitFor({ state: "visible", timeout: 3000 });
      break;
    } catch {
      await page.keyboard.press("Escape");
    }
  }
  await input.fill("homework.md");
  await page.locator(".quick-input-list .monaco-list-row", { hasText: "homework.md" }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press("Enter");
  const editor = page.locator(".editor-instance .monaco-editor").first();
  await editor.waitFor({ timeout: 20_000 });
  await page.locator(".view-lines", { hasText: "Tom has 3 boxes" }).first().waitFor({ timeout: 20_000 });
  await editor.click();
  console.log(`editor open (${seconds()} s)`);

  // Hovering an expression shows sympy's value (sandbox only, no model).
  const expr = page.locator(".view-lines .view-line", { hasText: "Check: 2^10" }).first();
  await expr.waitFor({ timeout: 10_000 });
  // Aim at the "10" itself: the rectangle of those two characters, measured in the page when the hover is
  // tried (a proportion of the line's width misses while the editor's font is still loading).
  const aimAtTen = async () => {
    const r = await expr.evaluate((line) => {
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const at = n.textContent.indexOf("2^10");
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(n, at + 2);
        range.setEnd(n, at + 4);
        const rect = range.getBoundingClientRect();
        return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
      }
      return null;
    });
    if (!r) throw new Error("the line has no 2^10");
    await page.mouse.move(5, 5);
    await page.mouse.move(r.x, r.y, { steps: 4 });
  };
  const hover = page.locator(".monaco-hover", { has: page.locator('img[src^="data:image/svg+xml"]') }).first();
  try {
    // The first hover also starts the search worker and its sandbox; a hover that did not open is tried again.
    for (let attempt = 1; ; attempt++) {
      await aimAtTen();
      try {
        await hover.waitFor({ timeout: 15_000 });
        break;
      } catch (e) {
        if (attempt === 3) throw e;
      }
    }
    const img = hover.locator('img[src^="data:image/svg+xml"]').first();
    const { alt, natural } = await img.evaluate((el) => ({ alt: el.getAttribute("alt"), natural: el.naturalWidth }));
    const text = await hover.innerText();
    check(
      "hovering 2^10 + 3/4 shows its value from sympy, rendered as an image",
      /frac\{4099\}\{4\}/.test(alt ?? "") && natural > 0 && !/LaTeX:/.test(text),
      `alt ${alt}, ${text.split("\n").slice(0, 2).join(" ")}`,
    );
    await page.screenshot({ path: join(dir, "hover.png") });
  } catch {
    check("hovering 2^10 + 3/4 shows its value from sympy, rendered as an image", false);
  }
  await page.mouse.move(5, 5);
  await page.keyboard.press("Escape");

  // Bad input: no selection.
  await page.keyboard.press("Control+End");
  await runCommand("Stepwise: Solve Selection");
  // The message shows as a toast, or (headless windows often lack focus) only in the notification centre.
  const message = page.locator(".notification-list-item-message", { hasText: "nothing to solve" });
  try {
    await message.first().waitFor({ timeout: 5_000 });
  } catch {
    await runCommand("Notifications: Show Notifications");
  }
  try {
    await message.first().waitFor({ timeout: 10_000 });
    check("empty selection shows a clear message", true, (await message.first().innerText()).split("\n")[0]);
  } catch {
    check("empty selection shows a clear message", false);
  }
  await page.screenshot({ path: join(dir, "empty-selection.png") });
  await page.keyboard.press("Escape");
  await runCommand("Notifications: Clear All Notifications").catch(() => page.keyboard.press("Escape"));
  // The empty secondary side bar (chat is disabled) only takes room in the screenshots.
  await runCommand("View: Hide Secondary Side Bar").catch(() => page.keyboard.press("Escape"));

  // Select the problem line (line 3) and solve it.
  await editor.click();
  await page.keyboard.press("Control+Home");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Home");
  await page.keyboard.press("Shift+End");
  const t0 = Date.now();
  await runCommand("Stepwise: Solve Selection");

  const frame = page.frameLocator("iframe.webview").frameLocator("#active-frame");
  const answer = frame.locator(".final-answer").first();
  await answer.waitFor({ timeout: 120_000 });
  const solveMs = Date.now() - t0;
  const answerText = await answer.getAttribute("data-answer");
  check("the ranked trajectory's answer is 31", answerText === "31", `answer ${answerText}, panel result after ${(solveMs / 1000).toFixed(1)} s`);
  const problemText = await frame.locator("#problem").innerText();
  check("the panel shows the problem", problemText.includes("Tom has 3 boxes"));
  const code = await frame.locator("pre.code").first().innerText();
  check("a step's code is shown, highlighted", code.includes("apples = 3 * 12") && (await frame.locator("pre.code .hljs-number").count()) > 0, code.split("\n").pop());
  const output = await frame.locator("pre.output").first().innerText();
  check("a step's execution output is shown", output.trim() === "31", `output ${JSON.stringify(output.trim())}`);
  const nodes = await frame.locator("#tree svg circle").count();
  check("the search tree is drawn", nodes >= 3, `${nodes} nodes`);
  const math = await frame.locator(".final-answer .katex").count();
  check("the answer is rendered with KaTeX", math > 0);
  // The final-answer box says what was checked and, beside it, how sure the search is.
  const verdictCheck = (await frame.locator("#verdict-check").innerText()).trim();
  const verdictSure = (await frame.locator("#verdict-sure").innerText()).trim();
  const uncertain = (await frame.locator("#verdict-uncertain").count()) > 0 ? (await frame.locator("#verdict-uncertain").innerText()).trim() : "";
  check(
    "the panel says what 'verified' means and how sure the search is",
    verdictCheck === "✓ verified: the code ran and the answer is what it printed" &&
      /^How sure: \d+ of \d+ trajector(y|ies) agree · PPM score [+−]\d\.\d\d$/.test(verdictSure) &&
      (uncertain === "" || /^Uncertain: /.test(uncertain)),
    `${verdictCheck} | ${verdictSure}${uncertain ? ` | ${uncertain}` : ""}`,
  );

  await page.waitForTimeout(500);
  await page.screenshot({ path: join(dir, "panel-dark.png") });

  // Keyboard: arrow keys move between ranked trajectories.
  const trajectories = await frame.locator("[data-trajectory]").count();
  if (trajectories > 1) {
    await frame.locator('[data-trajectory="0"]').focus();
    await page.keyboard.press("ArrowDown");
    const focused = await frame.locator(":focus").getAttribute("data-trajectory").catch(() => null);
    check("ArrowDown moves focus to the next trajectory", focused === "1", `focused ${focused}`);
  }

  // Insert the answer into the document.
  await frame.locator("vscode-button", { hasText: "Insert Answer" }).first().click();
  const inserted = page.locator(".view-lines", { hasText: "Answer:" }).first();
  try {
    await inserted.waitFor({ timeout: 15_000 });
    check("Insert Answer changed the document", true, (await inserted.innerText()).split("\n").find((l) => l.includes("Answer:")));
  } catch {
    check("Insert Answer changed the document", false);
  }

  // Choose Models… lists the embedded model, the recommended ones with size and RAM, and a file picker.
  await runCommand("Stepwise: Choose Models…");
  const rows = page.locator(".quick-input-list .monaco-list-row");
  await rows.filter({ hasText: "Embedded default" }).first().waitFor({ timeout: 10_000 }).catch(() => {});
  const pickText = (await rows.allInnerTexts()).join(" | ");
  check(
    "Choose Models… offers embedded, recommended (size, RAM) and a local GGUF",
    /Embedded default/.test(pickText) && /Qwen2\.5-Math-1\.5B/.test(pickText) && /986 MB/.test(pickText) && /RAM/.test(pickText) && /Pick a local GGUF/.test(pickText),
    pickText.replace(/\s+/g, " ").slice(0, 160),
  );
  await page.screenshot({ path: join(dir, "choose-models.png") });
  await page.keyboard.press("Escape");

  // The last part needs a search that runs until it is cancelled: the noise model as policy (it writes
  // until its token limit and never finishes a step) and self-consistency over 1,024 samples, minutes of
  // work. The reload below makes the extension read these settings.
  updateSettings({
    "stepwise.models.policyPath": join(ROOT, "models/fixtures/random-tiny.gguf"),
    "stepwise.search.strategy": "self-consistency",
    "stepwise.search.samples": 1024,
  });

  // The panel survives a window reload (serializer + saved webview state).
  await runCommand("Developer: Reload Window");
  await page.waitForTimeout(2000);
  await page.locator(".monaco-workbench").waitFor({ timeout: 60_000 });
  try {
    const revived = page.frameLocator("iframe.webview").frameLocator("#active-frame").locator(".final-answer").first();
    await revived.waitFor({ timeout: 60_000 });
    check("the panel is restored after a window reload", (await revived.getAttribute("data-answer")) === "31");
    // Its actions still work: the records behind it came back from workspace state.
    await page.frameLocator("iframe.webview").frameLocator("#active-frame").locator("vscode-button", { hasText: "Insert Solution" }).first().click();
    const solution = page.locator(".view-lines", { hasText: "apples = 3 * 12" }).first();
    await solution.waitFor({ timeout: 15_000 });
    check("Insert Solution works after the reload", true);
  } catch (e) {
    check("the panel is restored after a window reload, and Insert Solution still works", false, String(e?.message ?? e).split("\n")[0]);
  }

  // The light theme (the default light theme is the pair of the dark one).
  await runCommand("Preferences: Toggle between Light/Dark Themes");
  await page.waitForFunction(() => !!document.querySelector(".monaco-workbench.vs"), null, { timeout: 15_000 }).catch(() => {});
  await page.waitForTimeout(1500);
  await page.frameLocator("iframe.webview").frameLocator("#active-frame").locator(".final-answer").first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(dir, "panel-light.png") });
  // The panel's own assets load under its CSP; a remote image is refused.
  const panelFrame = page.frameLocator("iframe.webview").frameLocator("#active-frame");
  const ownViolations = await panelFrame.locator("body").getAttribute("data-csp-violations");
  const csp = await panelFrame.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  await panelFrame.locator("body").evaluate((body) => {
    const img = document.createElement("img");
    img.src = "https://example.com/remote.png";
    body.append(img);
  });
  await page.waitForTimeout(500);
  const afterRemote = await panelFrame.locator("body").getAttribute("data-csp-violations");
  await panelFrame.locator('img[src^="https://example.com/"]').evaluate((img) => img.remove());
  check(
    "the panel's CSP (default-src 'none', nonce scripts) blocks remote loads and none of its own",
    ownViolations === null && afterRemote === "1" && /default-src 'none'/.test(csp ?? "") && /script-src 'nonce-/.test(csp ?? ""),
    `own violations ${ownViolations ?? 0}, after a remote image ${afterRemote}`,
  );
  const light = await page.evaluate(() => !!document.querySelector(".monaco-workbench.vs"));
  check("the panel follows the light theme", light);

  // A search in progress: Solve Problem… from the palette, the panel shows it running with a Cancel button,
  // and Cancel stops it. The search cannot end on its own while this runs (see the settings above).
  try {
    await runCommand("Stepwise: Solve Problem…");
    const box = page.locator(".quick-input-widget input");
    await box.waitFor({ state: "visible", timeout: 10_000 });
    await box.fill(PROBLEM);
    await page.keyboard.press("Enter");
    const running = panelFrame.locator("#state.state-running");
    await running.waitFor({ timeout: 60_000 });
    const cancel = panelFrame.locator("#cancel");
    const hasCancel = (await cancel.count()) > 0;
    await page.screenshot({ path: join(dir, "panel-running.png") });
    check("the panel shows a running search with a Cancel button", hasCancel);
    await cancel.click();
    const cancelled = panelFrame.locator("#state.state-cancelled");
    await cancelled.waitFor({ timeout: 30_000 });
    check(
      "Cancel stops the search: the panel says Cancelled and offers the strategies again",
      (await panelFrame.locator("#cancel").count()) === 0 && (await panelFrame.locator("#strategy").count()) > 0,
      (await cancelled.innerText()).trim(),
    );
  } catch (e) {
    check("a running search is shown with a Cancel button, and Cancel stops it", false, String(e?.message ?? e).split("\n")[0]);
  }

  await panelWording(browser);
} catch (e) {
  const [first, ...rest] = String(e?.message ?? e).split("\n");
  check(`UI flow ran to the end`, false, first);
  if (rest.length) console.log(rest.map((l) => `    ${l}`).join("\n"));
  try {
    await browser?.pages()[0]?.screenshot({ path: join(dir, "failure.png") });
  } catch {}
} finally {
  await browser?.close().catch(() => {});
  await server?.stop();
  serverLog.end();
}

/**
 * The panel's wording for verified, not verified and uncertain results: the real webview bundle in Chromium,
 * fed hand-built results through the same "restore" message the extension sends (a stand-in replaces
 * VS Code's webview API and records what the panel posts back).
 */
async function panelWording(context) {
  const page = await context.newPage();
  try {
    await page.setContent('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><main id="app"></main></body></html>');
    await page.addStyleTag({ path: join(ROOT, "dist", "webview.css") });
    await page.addStyleTag({ path: join(ROOT, "media", "panel.css") });
    await page.evaluate(() => {
      window.__sent = [];
      window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__sent.push(m), getState: () => undefined, setState: () => {} });
    });
    await page.addScriptTag({ path: join(ROOT, "dist", "webview.js") });
    const step = (code, output, score = 0.5) => ({ id: 0, reasoning: "# a step", code, output, verified: true, score, q: score, visits: 1, raw: code });
    const trajectory = (answer, printed, { matches = true, verified = true, score = 0.5 } = {}) => ({
      steps: [step("x = 3 * 12", "", score), step("print(x - 5)", printed, score), step("", printed, score)],
      answer, verified, answerMatchesOutput: matches, score, source: 0,
    });
    const view = (trajectories, groups) => ({
      requestId: 1, problem: "Tom has 3 boxes with 12 apples each. He gives away 5 apples. How many apples are left?", strategy: "mcts", state: "finished",
      result: {
        problem: "p", strategy: "mcts", options: {}, trajectories, cancelled: false, tree: [],
        groups: groups.map(([answer, members]) => ({ answer, members, votes: members.length, weight: 0, bestScore: 0 })),
        answer: groups[0]?.[0],
        stats: { tokensEvaluated: 0, tokensInTree: 0, tokensGenerated: 0, modelMs: 0, sandboxMs: 0, wallMs: 0, policyCalls: 0, rewardCalls: 0, sandboxRuns: 0, rolloutsDone: 0 },
      },
    });
    const show = async (v) => {
      await page.evaluate((v) => window.postMessage({ type: "restore", view: v }, "*"), v);
      await page.locator("#verdict").waitFor({ timeout: 10_000 });
      const text = async (sel) => ((await page.locator(sel).count()) > 0 ? (await page.locator(sel).first().innerText()).trim() : "");
      return {
        check: await text("#verdict-check"), sure: await text("#verdict-sure"), uncertain: await text("#verdict-uncertain"), beyond: await text("#verdict-beyond"),
        pills: await page.locator('[data-trajectory="0"] .pill').allInnerTexts(),
        badge: await text('[data-trajectory="0"] .trajectory-badge'),
        trajectoryCheck: await text('[data-trajectory="0"] .trajectory-check'),
      };
    };

    const sure = await show(view([trajectory("31", "31"), trajectory("31", "31"), trajectory("41", "41")], [["31", [0, 1]], ["41", [2]]]));
    check(
      "panel wording, verified: what was checked, 2 of 3 agree, the PPM score, no 'uncertain'",
      sure.check === "✓ verified: the code ran and the answer is what it printed" && sure.sure === "How sure: 2 of 3 trajectories agree · PPM score +0.50" &&
        sure.uncertain === "" && sure.beyond === "" && sure.pills.join("|") === "✓ code ran|✓ code ran|✓ answer = printed output",
      `${sure.check} | ${sure.sure} | ${sure.pills.join(", ")}`,
    );

    const wrong = await show(view([trajectory("514", "31", { matches: false, verified: false })], [["514", [0]]]));
    check(
      "panel wording, not verified: the answer step is marked failed, the trajectory's own check apart, a stronger model offered",
      wrong.check === "✗ not verified: the answer differs from what the code printed (31)" && wrong.badge === "✗ not verified" &&
        wrong.trajectoryCheck === wrong.check && wrong.pills.join("|") === "✓ code ran|✓ code ran|✗ answer ≠ printed output" &&
        /^Uncertain: the answer is not verified; only one trajectory reached an answer\.$/.test(wrong.uncertain) && /beyond what the loaded model handles/.test(wrong.beyond),
      `${wrong.check} | ${wrong.pills.join(", ")} | ${wrong.uncertain}`,
    );
    await page.locator("#choose-models").click();
    const sent = await page.evaluate(() => window.__sent.map((m) => m.type));
    check("the panel's Choose a Stronger Model… button asks the extension for Choose Models…", sent.includes("choose-models"), sent.join(", "));

    const one = await show(view([trajectory("31", "31"), ...[1, 2, 3, 4, 5].map((k) => trajectory(String(100 + k), "0", { matches: false, verified: false }))], [["31", [0]]]));
    check(
      "panel wording, uncertain: one trajectory of six agrees",
      one.check === "✓ verified: the code ran and the answer is what it printed" && one.sure === "How sure: 1 of 6 trajectories agree · PPM score +0.50" &&
        one.uncertain === "Uncertain: only 1 of 6 trajectories agree." && one.beyond === "",
      `${one.sure} | ${one.uncertain}`,
    );
    await page.screenshot({ path: join(dir, "panel-wording.png"), fullPage: true });
  } catch (e) {
    check("panel wording checks ran", false, String(e?.message ?? e).split("\n")[0]);
  } finally {
    await page.close().catch(() => {});
  }
}

const passed = checks.filter((c) => c.ok).length;
const failed = checks.length - passed;
console.log(`e2e: ${seconds()} s; screenshots in ${dir}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
