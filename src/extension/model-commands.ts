// Choose Models… and Download Recommended Models: the fixes a "no model" message offers. The picker lists the
// embedded models, the recommended pairs (with download size and RAM) and models, and the GGUF files already on
// this machine (src/inference/discovery.ts), which are used in place.

import * as fs from "node:fs";
import * as vscode from "vscode";
import type { Ctx } from "./context";
import { embeddedModelPaths } from "./models";
import { catalog, type CatalogEntry, type CatalogPair, type FoundEntry } from "./catalog";

function formatBytes(n: number | undefined): string {
  if (!n) return "size unknown";
  return n >= 1e9 ? `${(n / 1e9).toFixed(1)} GB` : `${Math.round(n / 1e6)} MB`;
}

interface ModelPick extends vscode.QuickPickItem {
  action: "embedded" | "pair" | "recommended" | "found" | "local";
  entry?: CatalogEntry;
  pair?: CatalogPair;
  found?: FoundEntry;
}

async function setModelPaths(policyPath: string, rewardPath: string, rewardFormat = "auto"): Promise<void> {
  const c = vscode.workspace.getConfiguration("stepwise");
  await c.update("models.policyPath", policyPath, vscode.ConfigurationTarget.Global);
  await c.update("models.rewardPath", rewardPath, vscode.ConfigurationTarget.Global);
  // "auto" is the default: remove the setting rather than write the default into the user's settings
  await c.update("remote.rewardFormat", rewardFormat === "auto" ? undefined : rewardFormat, vscode.ConfigurationTarget.Global);
}

/** The picker's items: embedded, recommended pairs and models, then the GGUF files already on this machine. */
export async function modelPickItems(ctx: Ctx, signal?: AbortSignal): Promise<ModelPick[]> {
  const embedded = embeddedModelPaths(ctx.extensionPath);
  const cfg = ctx.config;
  const cat = catalog(ctx);
  const orNone = <T>(what: string, p: Promise<T[]>): Promise<T[]> =>
    p.catch((e: unknown) => {
      ctx.log.warn(`Could not ${what}: ${(e as Error).message}`);
      return [];
    });
  const [pairs, entries, found] = await Promise.all([
    orNone("read the recommended pairs", cat.pairs()),
    orNone("read the recommended-model manifest", cat.recommended()),
    orNone("look for models on this machine", cat.found(signal)),
  ]);
  const items: ModelPick[] = [];
  items.push({
    label: "$(package) Embedded default",
    description: fs.existsSync(embedded.policy) ? "small, bundled with the extension" : "not bundled in this build",
    detail: cfg.policyPath ? undefined : "current",
    action: "embedded",
  });
  if (pairs.length) items.push({ label: "Recommended pairs", kind: vscode.QuickPickItemKind.Separator, action: "pair" });
  for (const pair of pairs) {
    const installed = !!pair.policy.installedPath && (!pair.reward || !!pair.reward.installedPath);
    items.push({
      label: `${installed ? "$(check)" : "$(cloud-download)"} ${pair.name}`,
      description: `${formatBytes(pair.diskBytes)} download · needs ~${formatBytes(pair.ramBytes)} RAM${pair.default ? " · default" : ""}`,
      detail: pair.note,
      action: "pair",
      pair,
    });
  }
  if (entries.length) items.push({ label: "Recommended models", kind: vscode.QuickPickItemKind.Separator, action: "recommended" });
  for (const entry of entries) {
    items.push({
      label: `${entry.installedPath ? "$(check)" : "$(cloud-download)"} ${entry.name}`,
      description: `${entry.role} · ${formatBytes(entry.sizeBytes)}${entry.ramBytes ? ` · needs ~${formatBytes(entry.ramBytes)} RAM` : ""}`,
      detail: entry.description,
      action: "recommended",
      entry,
    });
  }
  items.push({ label: "On this machine", kind: vscode.QuickPickItemKind.Separator, action: "found" });
  for (const f of found) {
    const current = f.path === cfg.policyPath || f.path === cfg.rewardPath;
    items.push({ label: `$(file) ${f.name}`, description: f.description, detail: `${f.detail}${current ? " · current" : ""}`, action: "found", found: f });
  }
  if (!found.length) items.push({ label: "$(info) No GGUF models found in the Ollama, LM Studio, Hugging Face or node-llama-cpp folders", action: "found" });
  items.push({ label: "$(folder-opened) Pick a local GGUF…", description: "policy model, then an optional reward model", action: "local" });
  return items;
}

export async function chooseModels(ctx: Ctx): Promise<void> {
  const controller = new AbortController();
  const pick = await vscode.window.showQuickPick(modelPickItems(ctx, controller.signal), {
    title: "Stepwise: Choose Models",
    placeHolder: "Which models should Stepwise use? (files found on this machine are used in place)",
    matchOnDescription: true,
    matchOnDetail: true,
  });
  controller.abort();
  if (!pick) return;
  const c = vscode.workspace.getConfiguration("stepwise");
  if (pick.action === "embedded") {
    await setModelPaths("", "");
    void vscode.window.showInformationMessage("Stepwise will use the embedded models.");
  } else if (pick.action === "local") {
    const policy = await vscode.window.showOpenDialog({ title: "Policy model (GGUF)", canSelectMany: false, filters: { GGUF: ["gguf"] }, openLabel: "Use as Policy" });
    if (!policy?.[0]) return;
    const reward = await vscode.window.showOpenDialog({ title: "Reward model (GGUF), optional: cancel for none", canSelectMany: false, filters: { GGUF: ["gguf"] }, openLabel: "Use as Reward Model" });
    await setModelPaths(policy[0].fsPath, reward?.[0]?.fsPath ?? "none");
    void vscode.window.showInformationMessage(`Stepwise will use ${policy[0].fsPath}.`);
  } else if (pick.action === "found" && pick.found) {
    // in place: the settings point at the file where the other tool keeps it
    const f = pick.found;
    if (f.role === "reward") {
      await c.update("models.rewardPath", f.path, vscode.ConfigurationTarget.Global);
      await c.update("remote.rewardFormat", f.rewardFormat, vscode.ConfigurationTarget.Global);
      void vscode.window.showInformationMessage(`Stepwise will score steps with ${f.name} (${f.path}).`);
    } else {
      await c.update("models.policyPath", f.path, vscode.ConfigurationTarget.Global);
      void vscode.window.showInformationMessage(`Stepwise will use ${f.name} as the policy (${f.path}).`);
    }
  } else if (pick.action === "pair" && pick.pair) {
    await usePair(ctx, pick.pair);
  } else if (pick.entry) {
    const path = pick.entry.installedPath ?? (await downloadEntries(ctx, [pick.entry]))?.[0];
    if (!path) return;
    await c.update(pick.entry.role === "reward" ? "models.rewardPath" : "models.policyPath", path, vscode.ConfigurationTarget.Global);
    void vscode.window.showInformationMessage(`Stepwise will use ${pick.entry.name}.`);
  }
}

/** Downloads what a pair still lacks and points the settings at it; false when cancelled or failed. */
async function usePair(ctx: Ctx, pair: CatalogPair): Promise<boolean> {
  const members = [pair.policy, ...(pair.reward ? [pair.reward] : [])];
  const missing = members.filter((e) => !e.installedPath);
  const got = missing.length ? await downloadEntries(ctx, missing) : [];
  if (!got) return false;
  const pathOf = (e: CatalogEntry) => e.installedPath ?? got[missing.indexOf(e)];
  const policyPath = pathOf(pair.policy);
  // no reward model in the pair: the policy's own file as reward makes it judge its own steps
  const rewardPath = pair.reward ? pathOf(pair.reward) : policyPath;
  await setModelPaths(policyPath, rewardPath, pair.reward ? "auto" : "policy-as-judge");
  void vscode.window.showInformationMessage(`Stepwise will use the ${pair.name}.`);
  return true;
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
  let pair: CatalogPair | undefined;
  try {
    pair = (await catalog(ctx).pairs()).find((p) => p.default);
  } catch (e) {
    void ctx.showError(`Stepwise: could not read the recommended models: ${(e as Error).message}`);
    return;
  }
  if (!pair) {
    void vscode.window.showInformationMessage("Stepwise: no recommended models are listed in this build.");
    return;
  }
  await usePair(ctx, pair);
}
