// The solution panel's host side: one webview panel (create, show, revive after a reload), its HTML with a
// nonce-based CSP, and the handling of validated messages from the webview.

import * as crypto from "node:crypto";
import * as vscode from "vscode";
import { parseFromWebview, type FromWebviewMessage, type PanelSearchView, type ToWebviewMessage } from "../protocol";
import type { Ctx } from "./context";
import { solutionText } from "../engine/solution-text";

export class SolutionPanel implements vscode.Disposable {
  static readonly viewType = "stepwise.solution";
  static current: SolutionPanel | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private readonly queue: ToWebviewMessage[] = [];

  /** Shows the panel (creating it if needed) beside the editor, keeping the editor focused. */
  static createOrShow(ctx: Ctx): SolutionPanel {
    if (SolutionPanel.current) {
      SolutionPanel.current.panel.reveal(undefined, true);
      return SolutionPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(
      SolutionPanel.viewType,
      "Stepwise",
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      SolutionPanel.webviewOptions(ctx),
    );
    SolutionPanel.current = new SolutionPanel(ctx, panel);
    return SolutionPanel.current;
  }

  /** Called by the serializer after a window reload: the webview restores itself from its saved state. */
  static revive(ctx: Ctx, panel: vscode.WebviewPanel): SolutionPanel {
    panel.webview.options = SolutionPanel.webviewOptions(ctx);
    SolutionPanel.current = new SolutionPanel(ctx, panel);
    return SolutionPanel.current;
  }

  private static webviewOptions(ctx: Ctx): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      // The live tree and scroll position survive hiding; state is also saved with setState for reloads.
      retainContextWhenHidden: true,
      localResourceRoots: [vscode.Uri.joinPath(ctx.extensionUri, "dist"), vscode.Uri.joinPath(ctx.extensionUri, "media")],
    };
  }

  private constructor(
    private readonly ctx: Ctx,
    readonly panel: vscode.WebviewPanel,
  ) {
    panel.iconPath = vscode.Uri.joinPath(ctx.extensionUri, "media", "icon.png");
    panel.webview.html = this.html();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((data: unknown) => {
        const msg = parseFromWebview(data);
        if (!msg) {
          ctx.log.warn(`Ignored a malformed message from the panel: ${JSON.stringify(data).slice(0, 200)}`);
          return;
        }
        void this.handle(msg).catch((e: unknown) => ctx.log.error(`Panel action ${msg.type} failed: ${(e as Error).message}`));
      }),
    );
  }

  /** Sends a message, queueing it until the webview has said it is ready. */
  post(msg: ToWebviewMessage): void {
    if (!this.ready) {
      this.queue.push(msg);
      return;
    }
    void this.panel.webview.postMessage(msg);
  }

  /** Shows a given solve (hover link "open in panel"). */
  show(view: PanelSearchView, focusTrajectory?: number): void {
    this.panel.reveal(undefined, false);
    this.post({ type: "restore", view, focusTrajectory });
  }

  private async handle(msg: FromWebviewMessage): Promise<void> {
    const ctx = this.ctx;
    switch (msg.type) {
      case "ready": {
        this.ready = true;
        // After a reload the webview restores its own state; otherwise send what the extension has.
        if (!msg.hasState && this.queue.length === 0 && ctx.last) this.queue.push({ type: "restore", view: ctx.last.view });
        for (const m of this.queue.splice(0)) void this.panel.webview.postMessage(m);
        return;
      }
      case "cancel":
        if (ctx.busy?.requestId === msg.requestId) ctx.cancel();
        return;
      case "rerun":
        await vscode.commands.executeCommand("stepwise.solveAgain", { strategy: msg.strategy });
        return;
      case "solve-again-bigger":
        await vscode.commands.executeCommand("stepwise.solveAgainBigger");
        return;
      case "export-tree":
        await vscode.commands.executeCommand("stepwise.exportTree");
        return;
      case "choose-models":
        await vscode.commands.executeCommand("stepwise.chooseModels");
        return;
      case "insert":
        await vscode.commands.executeCommand("stepwise.insert", { trajectory: msg.trajectory, what: msg.what });
        return;
      case "copy": {
        const rec = ctx.last;
        const t = rec?.view.result?.trajectories[msg.trajectory];
        if (!rec || !t) return;
        await vscode.env.clipboard.writeText(solutionText(t, { languageId: "markdown", what: msg.what, problem: rec.problem }));
        void vscode.window.setStatusBarMessage(`Stepwise: copied the ${msg.what}`, 3000);
        return;
      }
    }
  }

  private html(): string {
    const webview = this.panel.webview;
    const nonce = crypto.randomBytes(16).toString("base64");
    const asset = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.ctx.extensionUri, ...p)).toString();
    // KaTeX and highlight.js are bundled into dist/webview.{js,css} (fonts beside them): nothing remote.
    // Styles: stylesheets from the extension only; the web components use constructed stylesheets and
    // KaTeX's katex.render sets element styles through the DOM, neither of which needs 'unsafe-inline'.
    const csp = [
      "default-src 'none'",
      `img-src ${webview.cspSource} data:`,
      `font-src ${webview.cspSource}`,
      `style-src ${webview.cspSource}`,
      `script-src 'nonce-${nonce}'`,
    ].join("; ");
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset("dist", "webview.css")}">
<link rel="stylesheet" href="${asset("media", "panel.css")}">
<title>Stepwise</title>
</head>
<body>
<main id="app" aria-live="polite"></main>
<script nonce="${nonce}" src="${asset("dist", "webview.js")}"></script>
</body>
</html>`;
  }

  dispose(): void {
    if (SolutionPanel.current === this) SolutionPanel.current = undefined;
    // Closing the panel mid-search cancels it: nothing is left running that nobody can see.
    if (this.ctx.busy) {
      this.ctx.log.info("Panel closed during a search: cancelling it");
      this.ctx.cancel();
    }
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

/** Restores the panel after a window reload. */
export class SolutionPanelSerializer implements vscode.WebviewPanelSerializer {
  constructor(private readonly ctx: Ctx) {}
  async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
    SolutionPanel.revive(this.ctx, panel);
  }
}
