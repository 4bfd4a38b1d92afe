// The extension-host suite: runs inside a real VS Code (code-server here, desktop VS Code through
// @vscode/test-electron elsewhere) against the real search worker, Pyodide sandbox and node-llama-cpp.
// Most tests set the engineered fixture model (models/fixtures/stepwise-tiny.gguf, a scripted policy + PPM)
// so they can state exact answers; one solves with the embedded default models the extension ships.

import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { knob } from "../../../src/engine/knobs";
import type { SearchResult } from "../../../src/engine/types";
import type { StepwiseApi } from "../../../src/extension/extension";
import { endlessSearchSettings } from "./endless";

const PROBLEM = "Tom has 3 boxes with 12 apples each. He gives away 5 apples. How many apples are left?";

let api: StepwiseApi;
let fixture: string;

/** The scripted fixture as policy and reward model (user settings, as Choose Models… writes them). */
async function useFixture(): Promise<void> {
  await setSetting("models.policyPath", fixture);
  await setSetting("models.rewardPath", fixture);
}
/** A search that cannot end on its own while a test acts on it (endless.ts); `endEndlessSearch` undoes it. */
function endless(): Record<string, unknown> {
  return endlessSearchSettings(vscode.extensions.getExtension("stepwise.stepwise")!.extensionPath);
}
async function useEndlessSearch(): Promise<void> {
  for (const [k, v] of Object.entries(endless())) await setSetting(k, v);
}
async function endEndlessSearch(): Promise<void> {
  for (const k of Object.keys(endless())) await setSetting(k, undefined);
  await useFixture();
}
let doc: vscode.TextDocument;
let editor: vscode.TextEditor;

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration("stepwise");
}

async function setSetting(key: string, value: unknown): Promise<void> {
  await config().update(key, value, vscode.ConfigurationTarget.Global);
}

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, "the test workspace folder is open");
  return vscode.Uri.joinPath(folder.uri, name);
}

async function openProblems(): Promise<void> {
  doc = await vscode.workspace.openTextDocument(workspaceFile("problems.md"));
  editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
}

function select(text: string): void {
  const start = doc.getText().indexOf(text);
  assert.ok(start >= 0, `${text} is in the document`);
  editor.selection = new vscode.Selection(doc.positionAt(start), doc.positionAt(start + text.length));
}

async function solveSelection(args?: object): Promise<SearchResult | undefined> {
  return vscode.commands.executeCommand<SearchResult | undefined>("stepwise.solveSelection", args);
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === "string" ? c : "value" in c ? c.value : ""))
    .join("\n");
}

const SVG_IMAGE = /!\[((?:\\.|[^\]\\])*)\]\(data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)\)/;

/** The rendered math in a hover: the image's alt text (its TeX, escaped) and the SVG it holds. */
function hoverImage(text: string): { alt: string; svg: string } | undefined {
  const m = SVG_IMAGE.exec(text);
  return m ? { alt: m[1], svg: Buffer.from(m[2], "base64").toString("utf8") } : undefined;
}

async function until(cond: () => boolean, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("Stepwise extension", () => {
  before(async () => {
    const ext = vscode.extensions.getExtension<StepwiseApi>("stepwise.stepwise");
    assert.ok(ext, "the extension is installed");
    api = await ext.activate();
    fixture = path.join(ext.extensionPath, "models/fixtures/stepwise-tiny.gguf");
    await useFixture();
    await openProblems();
  });

  afterEach(async () => {
    // Whatever a test did, nothing may be left running for the next one.
    await api.ctx.cancelAndWait();
  });

  it("activates and registers every command it contributes", async () => {
    assert.ok(api.ctx, "activate returns the context");
    const contributed: string[] = (vscode.extensions.getExtension("stepwise.stepwise")!.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    const all = new Set(await vscode.commands.getCommands(true));
    for (const id of contributed) assert.ok(all.has(id), `${id} is registered`);
    assert.ok(contributed.includes("stepwise.solveSelection") && contributed.length >= 10);
  });

  it("Solve Selection works with the embedded default models (no model settings)", async () => {
    await setSetting("models.policyPath", undefined);
    await setSetting("models.rewardPath", undefined);
    try {
      select(PROBLEM);
      const result = await solveSelection({ ifBusy: "cancel" });
      assert.ok(result, "a result came back");
      assert.equal(result.problem, PROBLEM);
      assert.equal(result.cancelled, false);
      assert.ok(result.tree.length > 1, "the search grew a tree");
      const state = api.ctx.client.models;
      assert.equal(state.state, "ready");
      assert.match(state.state === "ready" ? state.spec.policyPath : "", /models[\\/](stepwise-policy|fixtures[\\/]stepwise-tiny)\.gguf$/);
    } finally {
      await useFixture();
    }
  });

  it("Solve Selection solves the selected problem with the fixture models and shows the panel", async () => {
    select(PROBLEM);
    const result = await solveSelection();
    assert.ok(result, "a result came back");
    assert.equal(result.problem, PROBLEM);
    assert.equal(result.strategy, "mcts");
    assert.equal(result.cancelled, false);
    assert.ok(result.trajectories.length >= 1, "at least one trajectory");
    assert.equal(result.answer, "31");
    const best = result.trajectories[0];
    assert.equal(best.answer, "31");
    assert.ok(best.verified, "the best trajectory's code ran");
    assert.ok(best.steps.some((s) => s.code.includes("3 * 12")), "its steps carry the code");
    assert.ok(result.stats.sandboxRuns > 0, "steps ran in the sandbox");
    const panel = api.panel();
    assert.ok(panel, "the panel is open");
    assert.equal(api.ctx.last?.view.state, "finished");
  });

  it("hovering the solved problem shows its answer and a link to the panel", async () => {
    const at = doc.positionAt(doc.getText().indexOf("boxes with"));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", doc.uri, at);
    const text = hoverText(hovers);
    // The answer is a rendered image of the math, not its source.
    assert.match(text, /Stepwise answer:\*\* !\[31\]\(data:image\/svg\+xml;base64,/);
    const image = hoverImage(text);
    assert.ok(image, "the hover holds an SVG image");
    assert.match(image.svg, /^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.ok((image.svg.match(/<path /g) ?? []).length >= 2, "the digits 3 and 1 are drawn as glyph paths");
    // What was checked, and how sure the search is (appendText keeps spaces as &nbsp; and escapes punctuation).
    const words = text.replace(/&nbsp;/g, " ").replace(/\\(.)/g, "$1");
    assert.match(words, /verified: the code ran and the answer is what it printed/);
    assert.match(words, /\d+ of \d+ trajector(y|ies) agree · PPM score [+−]\d\.\d\d/);
    assert.match(text, /command:stepwise\.showSolution/);
  });

  it("hovering a math expression shows sympy's value without a model", async () => {
    const at = doc.positionAt(doc.getText().indexOf("2^10") + 1);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", doc.uri, at);
    const t1 = hoverText(hovers);
    // sympy's value, rendered: the image's alt text is its LaTeX, \frac{4099}{4}
    assert.equal(hoverImage(t1)?.alt, String.raw`\frac{4099}{4}`);
    assert.match(hoverImage(t1)!.svg, /<rect /, "a fraction bar is drawn");
    assert.doesNotMatch(t1, /LaTeX:/, "no LaTeX source is shown");
    const frac = doc.positionAt(doc.getText().indexOf("frac{1}{6}"));
    const hovers2 = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", doc.uri, frac);
    const t2 = hoverText(hovers2);
    assert.equal(hoverImage(t2)?.alt, String.raw`\frac{1}{2}`);
    assert.match(t2, /command:stepwise\.solveProblem/);
  });

  it("hovering an expression in a notebook's Markdown cell shows its value rendered", async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const uri = vscode.Uri.joinPath(folder, "practice.ipynb");
    const notebook = {
      cells: [
        { cell_type: "markdown", metadata: {}, source: ["## Practice\n", "\n", "Check: $\\frac{1}{3}+\\frac{1}{6}$ before the test."] },
        { cell_type: "code", execution_count: null, metadata: {}, outputs: [], source: ["print(1)"] },
      ],
      metadata: { language_info: { name: "python" } },
      nbformat: 4,
      nbformat_minor: 5,
    };
    fs.writeFileSync(uri.fsPath, JSON.stringify(notebook, null, 1));
    // The built-in ipynb serializer opens it as a notebook (no Jupyter extension needed for Markdown cells).
    const nb = await vscode.workspace.openNotebookDocument(uri);
    await vscode.window.showNotebookDocument(nb);
    try {
      const cell = nb.cellAt(0);
      assert.equal(cell.kind, vscode.NotebookCellKind.Markup);
      assert.equal(cell.document.uri.scheme, "vscode-notebook-cell");
      const at = cell.document.positionAt(cell.document.getText().indexOf("frac{1}{6}"));
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", cell.document.uri, at);
      const text = hoverText(hovers);
      const image = hoverImage(text);
      assert.ok(image, `the notebook hover holds a rendered image: ${text.slice(0, 200)}`);
      assert.equal(image.alt, String.raw`\frac{1}{2}`);
      assert.match(image.svg, /<path /);
    } finally {
      // Later tests work in the problems file: leave the notebook even when a check above fails.
      await vscode.commands.executeCommand("workbench.action.closeActiveEditor");
      await openProblems();
    }
  });

  it("Insert puts the answer into the document after the problem", async () => {
    const before = doc.getText();
    const ok = await vscode.commands.executeCommand<boolean>("stepwise.insert", { trajectory: 0, what: "answer" });
    assert.equal(ok, true);
    const after = doc.getText();
    assert.notEqual(after, before);
    const problemEnd = after.indexOf(PROBLEM) + PROBLEM.length;
    assert.match(after.slice(problemEnd, problemEnd + 80), /^\n\n\*\*Answer:\*\* \$31\$ \(verified: the code ran and the answer is what it printed\)/);
  });

  it("Export Search Tree writes the tree as JSON Lines", async () => {
    const target = workspaceFile("tree.jsonl");
    const uri = await vscode.commands.executeCommand<vscode.Uri>("stepwise.exportTree", target);
    assert.equal(uri?.toString(), target.toString());
    const lines = fs.readFileSync(target.fsPath, "utf8").trim().split("\n").map((l) => JSON.parse(l) as { kind: string });
    assert.equal(lines[0].kind, "search");
    assert.equal(lines.length - 1, api.ctx.last?.view.result?.tree.length);
  });

  it("the strategy setting is respected", async () => {
    await setSetting("search.strategy", "greedy");
    try {
      select(PROBLEM);
      const result = await solveSelection({ ifBusy: "cancel" });
      assert.ok(result);
      assert.equal(result.strategy, "greedy");
      assert.equal(result.trajectories.length, 1);
      assert.equal(result.options.temperature, 0);
    } finally {
      await setSetting("search.strategy", undefined);
    }
  });

  it("the widen setting reaches the search, and the knob's default applies when it is unset", async () => {
    select(PROBLEM);
    const unset = await solveSelection({ ifBusy: "cancel" });
    assert.ok(unset);
    assert.equal(unset.options.widen, knob("widen").default);
    await setSetting("search.widen", 0);
    try {
      select(PROBLEM);
      const once = await solveSelection({ ifBusy: "cancel" });
      assert.ok(once);
      assert.equal(once.options.widen, 0);
      // Out of range (a hand-edited settings file) is clamped into the knob's range, never an error.
      await setSetting("search.widen", knob("widen").max + 1000);
      select(PROBLEM);
      const clamped = await solveSelection({ ifBusy: "cancel" });
      assert.ok(clamped);
      assert.equal(clamped.options.widen, knob("widen").max);
    } finally {
      await setSetting("search.widen", undefined);
    }
  });

  it("the extension host stays responsive while models load and a search runs (they live in a worker)", async () => {
    api.ctx.client.unloadModels();
    select(PROBLEM);
    let maxGap = 0;
    let last = Date.now();
    const timer = setInterval(() => {
      const now = Date.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
    }, 10);
    try {
      const result = await solveSelection({ ifBusy: "cancel" });
      assert.ok(result && result.answer === "31");
    } finally {
      clearInterval(timer);
    }
    assert.ok(maxGap < 250, `the main thread stalled for ${maxGap} ms`);
  });

  it("Solve Again with a Bigger Budget doubles the budget of the last solve", async () => {
    select(PROBLEM);
    const first = await solveSelection({ ifBusy: "cancel" });
    assert.ok(first);
    const again = await vscode.commands.executeCommand<SearchResult | undefined>("stepwise.solveAgainBigger");
    assert.ok(again);
    assert.equal(again.problem, first.problem);
    assert.equal(again.options.rollouts, first.options.rollouts * 2);
  });

  it("Cancel stops a running search and leaves nothing running", async () => {
    await useEndlessSearch();
    try {
      select(PROBLEM);
      const running = solveSelection();
      await until(() => api.ctx.busy !== undefined);
      await vscode.commands.executeCommand("stepwise.cancel");
      const result = await running;
      assert.ok(result === undefined || result.cancelled, "the search ended as cancelled");
      assert.equal(api.ctx.busy, undefined);
      assert.equal(api.ctx.last?.view.state, "cancelled");
    } finally {
      await endEndlessSearch();
    }
  });

  it("closing the panel mid-search cancels the search", async () => {
    await useEndlessSearch();
    try {
      select(PROBLEM);
      const running = solveSelection();
      await until(() => api.ctx.busy !== undefined && api.panel() !== undefined);
      api.panel()!.panel.dispose();
      const result = await running;
      assert.ok(result === undefined || result.cancelled);
      assert.equal(api.ctx.busy, undefined);
      assert.equal(api.panel(), undefined);
    } finally {
      await endEndlessSearch();
    }
  });

  it("a second solve while one runs is refused with a clear message", async () => {
    await useEndlessSearch();
    try {
      select(PROBLEM);
      const first = solveSelection();
      await until(() => api.ctx.busy !== undefined);
      const running = api.ctx.busy;
      const second = await vscode.commands.executeCommand("stepwise.solveProblem", "1 + 1", { ifBusy: "refuse" });
      assert.equal(second, undefined);
      assert.match(api.ctx.lastNotice ?? "", /already running/);
      assert.equal(api.ctx.busy, running, "the first search still runs");
      await vscode.commands.executeCommand("stepwise.cancel");
      await first;
    } finally {
      await endEndlessSearch();
    }
  });

  it("an empty selection and a 200 KB selection are refused with messages", async () => {
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    assert.equal(await solveSelection(), undefined);
    assert.match(api.ctx.lastNotice ?? "", /nothing to solve/i);
    const huge = "2 + 2 = ? ".repeat(20_480);
    assert.equal(await vscode.commands.executeCommand("stepwise.solveProblem", huge), undefined);
    assert.match(api.ctx.lastNotice ?? "", /200 KB.*up to 8,000 characters/);
    assert.equal(api.ctx.busy, undefined);
  });

  it("a search that reaches no answer says so and suggests a bigger budget", async () => {
    // random-tiny never closes a step, so no trajectory can reach an answer, whatever the text.
    const root = vscode.extensions.getExtension("stepwise.stepwise")!.extensionPath;
    await setSetting("models.policyPath", path.join(root, "models/fixtures/random-tiny.gguf"));
    await setSetting("models.rewardPath", "none");
    await setSetting("search.strategy", "greedy");
    await setSetting("search.maxDepth", 2);
    try {
      const result = await vscode.commands.executeCommand<SearchResult | undefined>("stepwise.solveProblem", "What is 2 + 2?", { ifBusy: "cancel" });
      assert.ok(result);
      assert.equal(result.answer, undefined);
      assert.match(api.ctx.lastNotice ?? "", /No answer found\. The text may not be a math problem.*Bigger Budget/);
      assert.match(api.ctx.last?.view.message ?? "", /No answer found/);
    } finally {
      for (const k of ["search.strategy", "search.maxDepth"]) await setSetting(k, undefined);
      await useFixture();
    }
  });

  it("text that is not math is refused with a message, and no search starts", async () => {
    const before = api.ctx.last;
    select("The weather was nice and the birds were singing.");
    assert.equal(await solveSelection(), undefined);
    assert.match(api.ctx.lastNotice ?? "", /does not look like a math problem/);
    assert.equal(await vscode.commands.executeCommand("stepwise.solveProblem", "hello how are you"), undefined);
    assert.match(api.ctx.lastNotice ?? "", /does not look like a math problem/);
    assert.equal(api.ctx.busy, undefined);
    assert.equal(api.ctx.last, before, "no search was started");
    // A real problem in the same words as a chat line is still solved.
    const r = await vscode.commands.executeCommand<SearchResult | undefined>("stepwise.solveProblem", "What is 15% of 80?", { ifBusy: "cancel" });
    assert.ok(r, "a math problem starts a search");
  });

  it("a missing model file gives a message that offers the fix", async () => {
    await setSetting("models.policyPath", path.join(path.dirname(doc.uri.fsPath), "missing.gguf"));
    try {
      select(PROBLEM);
      assert.equal(await solveSelection(), undefined);
      assert.match(api.ctx.lastNotice ?? "", /does not exist: .*missing\.gguf\. Choose another model/);
    } finally {
      await useFixture();
    }
  });
});
