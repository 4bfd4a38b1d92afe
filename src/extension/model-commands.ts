// Choose Models… and Download Recommended Models: the fixes a "no model" message offers.

import * as fs from "node:fs";
import * as vscode from "vscode";
import type { Ctx } from "./context";
import { embeddedModelPaths } from "./models";
import { catalog, type CatalogEntry } from "./catalog";

function formatBytes(n: number | undefined): string {
  if (!n) return "size unknown";
  return n >= 1e9 ? `${(n / 1e9).toFixed(1)} GB` : `${Math.round(n / 1e6)} MB`;
}

interface ModelPick extends vscode.QuickPickItem {
  action: "embedded" | "recommended" | "local";
  entry?: CatalogEntry;
}

async function setModelPaths(policyPath: string, rewardPath: string): Promise<void> {
  const c = vscode.workspace.getConfiguration("stepwise");
  await c.update("models.policyPath", policyPath, vscode.ConfigurationTarget.Global);
  await c.update("models.rewardPath", rewardPath, vscode.ConfigurationTarget.Global);
}

export async function chooseModels(ctx: Ctx): Promise<void> {
  const embedded = embeddedModelPaths(ctx.extensionPath);
  const cfg = ctx.config;
  const items: ModelPick[] = [];
  items.push({
    label: "$(package) Embedded default",
    description: fs.existsSync(embedded.policy) ? "small, bundled with the extension" : "not bundled in this build",
    detail: cfg.policyPath ? undefined : "current",
    action: "embedded",
  });
  const entries = await catalog(ctx).recommended().catch((e: unknown) => {
    ctx.log.warn(`Could not read the recommended-model manifest: ${(e as Error).message}`);
    return [] as CatalogEntry[];
  });
  if (entries.length) items.push({ label: "Recommended", kind: vscode.QuickPickItemKind.Separator, action: "recommended" });
  for (const entry of entries) {
    items.push({
      label: `${entry.installedPath ? "$(check)" : "$(cloud-download)"} ${entry.name}`,
      description: `${entry.role} · ${formatBytes(entry.sizeBytes)}${entry.ramBytes ? ` · needs ~${formatBytes(entry.ramBytes)} RAM` : ""}`,
      detail: entry.description,
      action: "recommended",
      entry,
    });
  }
  items.push({ label: "", kind: vscode.QuickPickItemKind.Separator, action: "local" });
  items.push({ label: "$(folder-opened) Pick a local GGUF…", description: "policy model, then an optional reward model", action: "local" });

  const pick = await vscode.window.showQuickPick(items, { title: "Stepwise: Choose Models", placeHolder: "Which models should Stepwise use?" });
  if (!pick) return;
  if (pick.action === "embedded") {
    await setModelPaths("", "");
    void vscode.window.showInformationMessage("Stepwise will use the embedded models.");
  } else if (pick.action === "local") {
    const policy = await vscode.window.showOpenDialog({ title: "Policy model (GGUF)", canSelectMany: false, filters: { GGUF: ["gguf"] }, openLabel: "Use as Policy" });
    if (!policy?.[0]) return;
    const reward = await vscode.window.showOpenDialog({ title: "Reward model (GGUF), optional: cancel for none", canSelectMany: false, filters: { GGUF: ["gguf"] }, openLabel: "Use as Reward Model" });
    await setModelPaths(policy[0].fsPath, reward?.[0]?.fsPath ?? "none");
    void vscode.window.showInformationMessage(`Stepwise will use ${policy[0].fsPath}.`);
  } else if (pick.entry) {
    const path = pick.entry.installedPath ?? (await downloadEntries(ctx, [pick.entry]))?.[0];
    if (!path) return;
    const c = vscode.workspace.getConfiguration("stepwise");
    await c.update(pick.entry.role === "reward" ? "models.rewardPath" : "models.policyPath", path, vscode.ConfigurationTarget.Global);
    void vscode.window.showInformationMessage(`Stepwise will use ${pick.entry.name}.`);
  }
}

/** Downloads entries with a cancellable progress notification; returns their paths, or undefined if cancelled/failed. */
async function downloadEntries(ctx: Ctx, entries: CatalogEntry[]): Promise<string[] | undefined> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: "Stepwise: downloading models", cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      const paths: string[] = [];
      try {
        for (const entry of entries) {
          let last = 0;
          const p = await catalog(ctx).download(entry, {
            signal: controller.signal,
            onProgress: (done, total) => {
              const pct = total ? (100 * done) / total : 0;
              progress.report({ message: `${entry.name}: ${formatBytes(done)} of ${formatBytes(total)}`, increment: (pct - last) / entries.length });
              last = pct;
            },
          });
          paths.push(p);
        }
        return paths;
      } catch (e) {
        if (controller.signal.aborted) void vscode.window.showInformationMessage("Stepwise: download cancelled.");
        else void ctx.showError(`Stepwise: the download failed: ${(e as Error).message}`);
        return undefined;
      }
    },
  );
}

export async function downloadRecommendedModels(ctx: Ctx): Promise<void> {
  let entries: CatalogEntry[];
  try {
    entries = (await catalog(ctx).recommended()).filter((e) => e.default);
  } catch (e) {
    void ctx.showError(`Stepwise: could not read the recommended models: ${(e as Error).message}`);
    return;
  }
  const missing = entries.filter((e) => !e.installedPath);
  if (entries.length === 0) {
    void vscode.window.showInformationMessage("Stepwise: no recommended models are listed in this build.");
    return;
  }
  if (missing.length === 0) {
    void vscode.window.showInformationMessage("Stepwise: the recommended models are already downloaded.");
  } else if (!(await downloadEntries(ctx, missing))) return;
  const all = await catalog(ctx).recommended();
  const policy = all.find((e) => e.default && e.role === "policy")?.installedPath;
  const reward = all.find((e) => e.default && e.role === "reward")?.installedPath;
  if (policy) await setModelPaths(policy, reward ?? "");
  void vscode.window.showInformationMessage("Stepwise: the recommended models are ready.");
}
