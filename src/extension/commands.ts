// Every command, as a small factory `(ctx) => handler`, registered from one table. Commands that cannot run
// yet say why and offer the fix.

import * as vscode from "vscode";
import type { SearchResult, StrategyName } from "../engine/types";
import { STRATEGIES } from "../engine/knobs";
import { API_KEY_SECRET, type Ctx, type SolveRequest } from "./context";
import { SECTION } from "./config";
import { SolutionPanel } from "./panel";
import { solutionText } from "../engine/solution-text";
import { chooseModels, downloadRecommendedModels } from "./model-commands";
import { treeToJsonl } from "./export-tree";

type Handler = (...args: any[]) => unknown;

/** Options the tests (and other commands) may pass; users get the defaults. */
interface SolveArgs {
  ifBusy?: SolveRequest["ifBusy"];
}

function solveSelection(ctx: Ctx): Handler {
  return async (args?: SolveArgs): Promise<SearchResult | undefined> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void ctx.notify("warning", "Open a document and select a math problem to solve (or use Stepwise: Solve Problem…).");
      return undefined;
    }
    const doc = editor.document;
    const sel = editor.selection;
    const text = doc.getText(sel);
    return ctx.solve({
      problem: text,
      ifBusy: args?.ifBusy,
      source: { uri: doc.uri.toString(), start: doc.offsetAt(sel.start), end: doc.offsetAt(sel.end), languageId: doc.languageId },
    });
  };
}

function solveProblem(ctx: Ctx): Handler {
  return async (problem?: string, args?: SolveArgs): Promise<SearchResult | undefined> => {
    const text =
      typeof problem === "string"
        ? problem
        : await vscode.window.showInputBox({
            title: "Stepwise: Solve Problem",
            prompt: "A math problem or an expression to solve step by step",
            placeHolder: "e.g. Tom has 3 boxes of 12 apples and gives away 5. How many are left?",
            ignoreFocusOut: true,
            validateInput: (v) => (v.trim() ? undefined : "Type a problem to solve"),
          });
    if (text === undefined) return undefined;
    const editor = vscode.window.activeTextEditor;
    return ctx.solve({
      problem: text,
      ifBusy: args?.ifBusy,
      // Insert goes to the active editor, at its cursor.
      source: editor
        ? { uri: editor.document.uri.toString(), start: editor.document.offsetAt(editor.selection.active), end: editor.document.offsetAt(editor.selection.active), languageId: editor.document.languageId }
        : undefined,
    });
  };
}

function solveAgain(ctx: Ctx, bigger: boolean): Handler {
  return async (args?: { strategy?: StrategyName } & SolveArgs): Promise<SearchResult | undefined> => {
    const last = ctx.last;
    if (!last) {
      void ctx.notify("info", "Nothing to solve again yet: solve a problem first (select it and run Stepwise: Solve Selection).");
      return undefined;
    }
    const strategy = args?.strategy && STRATEGIES.includes(args.strategy) ? args.strategy : last.strategy;
    return ctx.solve({
      problem: last.problem,
      source: last.source,
      strategy,
      scale: bigger ? last.scale * 2 : last.scale,
      ifBusy: args?.ifBusy ?? "cancel",
    });
  };
}

function cancel(ctx: Ctx): Handler {
  return () => {
    if (!ctx.cancel()) void vscode.window.setStatusBarMessage("Stepwise: no search is running", 3000);
  };
}

function showPanel(ctx: Ctx): Handler {
  return () => {
    const panel = SolutionPanel.createOrShow(ctx);
    panel.panel.reveal(undefined, false);
  };
}

/** Opens a solved problem in the panel (the hover's link). */
function showSolution(ctx: Ctx): Handler {
  return (problem?: string) => {
    const rec = typeof problem === "string" ? ctx.solved.get(problem) : ctx.last;
    if (!rec) {
      void vscode.window.showInformationMessage("That problem has not been solved in this window yet.");
      return;
    }
    ctx.last = rec;
    SolutionPanel.createOrShow(ctx).show(rec.view, 0);
  };
}

/** Inserts a trajectory's answer or solution after the problem in the document it came from. */
function insert(ctx: Ctx): Handler {
  return async (args?: { trajectory?: number; what?: "answer" | "solution" }): Promise<boolean> => {
    const rec = ctx.last;
    const t = rec?.view.result?.trajectories[args?.trajectory ?? 0];
    if (!rec || !t) {
      void ctx.notify("info", "There is no solution to insert yet.");
      return false;
    }
    let editor: vscode.TextEditor;
    let offset: number;
    if (rec.source) {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(rec.source.uri));
      editor = await vscode.window.showTextDocument(doc, { preview: false, viewColumn: findColumn(rec.source.uri) });
      offset = Math.min(rec.source.end, doc.getText().length);
    } else if (vscode.window.activeTextEditor) {
      editor = vscode.window.activeTextEditor;
      offset = editor.document.offsetAt(editor.selection.active);
    } else {
      void vscode.window.showInformationMessage("Open the document to insert the solution into.");
      return false;
    }
    const doc = editor.document;
    const text = solutionText(t, { languageId: doc.languageId, what: args?.what ?? "answer", problem: rec.problem });
    const at = doc.positionAt(offset);
    // A paragraph of its own right after the problem's line: one blank line before and after it.
    const line = doc.lineAt(at.line);
    const prefix = line.text.trim() ? "\n\n" : "\n";
    const nextIsBlank = at.line + 1 < doc.lineCount && !doc.lineAt(at.line + 1).text.trim();
    const insertText = `${prefix}${text}${nextIsBlank || at.line + 1 >= doc.lineCount ? "" : "\n"}`;
    const ok = await editor.edit((b) => b.insert(line.range.end, insertText));
    if (ok) {
      const end = doc.positionAt(doc.offsetAt(line.range.end) + insertText.length);
      editor.selection = new vscode.Selection(end, end);
      editor.revealRange(new vscode.Range(end, end));
    }
    return ok;
  };
}

function findColumn(uri: string): vscode.ViewColumn | undefined {
  return vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri)?.viewColumn;
}

function exportTree(ctx: Ctx): Handler {
  return async (target?: vscode.Uri): Promise<vscode.Uri | undefined> => {
    const result = ctx.last?.view.result;
    if (!result) {
      void ctx.notify("info", "There is no search tree to export yet: solve a problem first.");
      return undefined;
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const uri =
      target instanceof vscode.Uri
        ? target
        : await vscode.window.showSaveDialog({
            title: "Export Search Tree",
            saveLabel: "Export",
            filters: { "JSON Lines": ["jsonl"] },
            defaultUri: folder ? vscode.Uri.joinPath(folder, "stepwise-tree.jsonl") : undefined,
          });
    if (!uri) return undefined;
    await vscode.workspace.fs.writeFile(uri, Buffer.from(treeToJsonl(result), "utf8"));
    void vscode.window.showInformationMessage(`Stepwise: exported ${result.tree.length} nodes to ${uri.fsPath}`);
    return uri;
  };
}

function openLogs(ctx: Ctx): Handler {
  return () => ctx.log.show();
}

function openSettings(): Handler {
  return () => vscode.commands.executeCommand("workbench.action.openSettings", `@ext:stepwise.stepwise ${SECTION}`);
}

/** Command id → factory. Ids match package.json's contributes.commands. */
/** Stores the server API key in VS Code's secret storage only: never in settings, never logged. */
function setApiKey(ctx: Ctx): Handler {
  return async () => {
    const key = await vscode.window.showInputBox({
      title: "Stepwise: Server API Key",
      prompt: "API key for the servers in stepwise.remote.endpoints / rewardEndpoints (kept in VS Code's secret storage)",
      password: true,
      ignoreFocusOut: true,
    });
    if (key === undefined) return;
    if (!key.trim()) {
      await ctx.extension.secrets.delete(API_KEY_SECRET);
      void vscode.window.showInformationMessage("Stepwise: server API key cleared.");
      return;
    }
    await ctx.extension.secrets.store(API_KEY_SECRET, key.trim());
    void vscode.window.showInformationMessage("Stepwise: server API key saved in secret storage.");
  };
}

function clearApiKey(ctx: Ctx): Handler {
  return async () => {
    await ctx.extension.secrets.delete(API_KEY_SECRET);
    void vscode.window.showInformationMessage("Stepwise: server API key cleared.");
  };
}

const COMMANDS: Record<string, (ctx: Ctx) => Handler> = {
  "stepwise.setApiKey": setApiKey,
  "stepwise.clearApiKey": clearApiKey,
  "stepwise.solveSelection": solveSelection,
  "stepwise.solveProblem": solveProblem,
  "stepwise.solveAgainBigger": (ctx) => solveAgain(ctx, true),
  "stepwise.solveAgain": (ctx) => solveAgain(ctx, false),
  "stepwise.cancel": cancel,
  "stepwise.showPanel": showPanel,
  "stepwise.showSolution": showSolution,
  "stepwise.insert": insert,
  "stepwise.chooseModels": (ctx) => () => chooseModels(ctx),
  "stepwise.downloadModels": (ctx) => () => downloadRecommendedModels(ctx),
  "stepwise.exportTree": exportTree,
  "stepwise.openLogs": openLogs,
  "stepwise.openSettings": openSettings,
};

export function registerCommands(ctx: Ctx): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([id, factory]) => vscode.commands.registerCommand(id, factory(ctx)));
}

