// The recommended-model catalog (the inference package's manifest and model manager) and the models found on
// this machine, seen through a narrow interface, so the commands depend on little of their API. Downloads go
// to the extension's global storage; found files are used where they are.

import * as path from "node:path";
import { ModelManager, type ManifestModel, type ManifestPair } from "../inference/model-manager";
import { describeFacts, discoverModels, SOURCE_LABELS, type DiscoveredModel } from "../inference/discovery";
import type { Ctx } from "./context";

export interface CatalogEntry {
  id: string;
  name: string;
  role: "policy" | "reward";
  description?: string;
  sizeBytes?: number;
  ramBytes?: number;
  /** Part of what "Download Recommended Models" fetches: the models of the default pair. */
  default: boolean;
  /** Local path when already downloaded. */
  installedPath?: string;
}

export interface CatalogPair {
  id: string;
  name: string;
  policy: CatalogEntry;
  /** undefined: the policy judges its own steps. */
  reward?: CatalogEntry;
  diskBytes: number;
  ramBytes: number;
  note?: string;
  default: boolean;
}

/** A GGUF file already on this machine, as the picker shows it. */
export interface FoundEntry {
  path: string;
  name: string;
  role: "policy" | "reward";
  /** "policy · chatml prompt · Ollama" */
  description: string;
  /** facts and why the role was guessed */
  detail: string;
  rewardFormat?: string;
}

export interface ModelCatalog {
  recommended(): Promise<CatalogEntry[]>;
  pairs(): Promise<CatalogPair[]>;
  found(signal?: AbortSignal): Promise<FoundEntry[]>;
  download(entry: CatalogEntry, o: { signal: AbortSignal; onProgress: (done: number, total: number) => void }): Promise<string>;
}

export function toFoundEntry(d: DiscoveredModel): FoundEntry {
  const use = d.role === "reward" ? `reward (${d.rewardFormat})` : `policy · ${d.promptStyle} prompt`;
  return {
    path: d.path,
    name: d.name,
    role: d.role,
    description: `${use} · ${SOURCE_LABELS[d.source]}`,
    detail: `${describeFacts(d)} — ${d.roleReason}`,
    rewardFormat: d.rewardFormat,
  };
}

export function catalog(ctx: Ctx): ModelCatalog {
  const cacheDir = path.join(ctx.extension.globalStorageUri.fsPath, "models");
  const manager = new ModelManager({
    cacheDir,
    logger: (level, message) => ctx.logAt(level, `[models] ${message}`),
  });
  const defaultPair = manager.pairs().find((p) => p.default);
  const defaultIds = new Set([defaultPair?.policy, defaultPair?.reward]);
  const toEntry = (m: ManifestModel): CatalogEntry => ({
    id: m.id,
    name: m.title,
    role: m.role,
    description: [m.license ? `license: ${m.license}` : "", m.sha256 ? "" : "no checksum known"].filter(Boolean).join(" · ") || undefined,
    sizeBytes: m.sizeBytes,
    ramBytes: m.ramBytes,
    default: defaultIds.has(m.id),
    installedPath: manager.isDownloaded(m.id) ? manager.pathFor(m.id) : undefined,
  });
  const toPair = (p: ManifestPair): CatalogPair | undefined => {
    const policy = manager.find(p.policy);
    const reward = p.reward === "policy-as-judge" ? undefined : manager.find(p.reward);
    if (!policy || (p.reward !== "policy-as-judge" && !reward)) return undefined;
    return { id: p.id, name: p.title, policy: toEntry(policy), reward: reward && toEntry(reward), diskBytes: p.diskBytes, ramBytes: p.ramBytes, note: p.note, default: !!p.default };
  };
  return {
    async recommended() {
      return manager.list().map(toEntry);
    },
    async pairs() {
      return manager.pairs().map(toPair).filter((p): p is CatalogPair => !!p);
    },
    async found(signal) {
      const found = await discoverModels({ downloadsDir: cacheDir, projectModelsDir: null, signal, logger: (level, message) => ctx.logAt(level, `[discovery] ${message}`) });
      return found.map(toFoundEntry);
    },
    download(entry, o) {
      return manager.download(entry.id, {
        signal: o.signal,
        onProgress: (p) => o.onProgress(p.downloadedBytes, p.totalBytes ?? entry.sizeBytes ?? 0),
      });
    },
  };
}
