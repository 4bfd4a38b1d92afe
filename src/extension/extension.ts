// Activation: build the context, register commands, the panel serializer, the hover provider and the
// settings watcher. Activation failures are shown with a way to the logs, then rethrown.

import * as vscode from "vscode";
import { Ctx } from "./context";
import { registerCommands } from "./commands";
import { SolutionPanel, SolutionPanelSerializer } from "./panel";
import { hoverSelector, StepwiseHoverProvider } from "./hover";
import { SECTION, settingsNeedingRestart } from "./config";

/** What activate returns: the tests use it to inspect state the UI shows. */
export interface StepwiseApi {
  ctx: Ctx;
  /** The open solution panel, if any. */
  panel(): SolutionPanel | undefined;
}

let current: Ctx | undefined;

export function activate(context: vscode.ExtensionContext): StepwiseApi {
  let ctx: Ctx | undefined;
  try {
    ctx = new Ctx(context);
    const c = ctx;
    current = c;
    context.subscriptions.push(c, ...registerCommands(c));
    context.subscriptions.push(vscode.window.registerWebviewPanelSerializer(SolutionPanel.viewType, new SolutionPanelSerializer(c)));

    let hover: vscode.Disposable | undefined;
    const registerHover = () => {
      hover?.dispose();
      const cfg = c.config;
      hover = vscode.languages.registerHoverProvider(hoverSelector(cfg.hoverLanguages, cfg.hoverNotebooks), new StepwiseHoverProvider(c));
    };
    registerHover();
    context.subscriptions.push({ dispose: () => hover?.dispose() });

    context.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(SECTION)) return;
        if (e.affectsConfiguration(`${SECTION}.hover`)) registerHover();
        const restart = settingsNeedingRestart(e);
        if (restart.length) void c.settingsNeedRestart(restart);
        else if (e.affectsConfiguration(`${SECTION}.models`) || e.affectsConfiguration(`${SECTION}.threads`)) {
          // The worker reloads models on the next search; free the old ones now.
          if (!c.busy) c.client.unloadModels();
        }
      }),
    );
    c.log.info(`Stepwise ${context.extension.packageJSON.version as string} activated`);
    return { ctx: c, panel: () => SolutionPanel.current };
  } catch (e) {
    const message = `Stepwise failed to start: ${(e as Error).message}`;
    ctx?.log.error((e as Error).stack ?? message);
    void vscode.window.showErrorMessage(message, "Open Logs").then((choice) => {
      if (choice === "Open Logs") ctx?.log.show();
    });
    throw e;
  }
}

export function deactivate(): void {
  current?.dispose();
  current = undefined;
}
