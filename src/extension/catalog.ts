// The recommended-model catalog (the inference package's manifest and model manager) seen through a narrow
// interface, so the commands depend on little of its API. Downloads go to the extension's global storage.

import * as path from "node:path";
import { ModelManager, type ManifestModel } from "../inference/model-manager";
import type { Ctx } from "./context";

export interface CatalogEntry {
  id: string;
  name: string;
  role: "policy" | "reward";
  description?: string;
  sizeBytes?: number;
  ramBytes?: number;
  /** Part of what "Download Recommended Models" fetches: the first (smallest) policy. */
  default: boolean;
  /** Local path when already downloaded. */
  installedPath?: string;
}

export interface ModelCatalog {
  recommended(): Promise<CatalogEntry[]>;
  download(entry: CatalogEntry, o: { signal: AbortSignal; onProgress: (done: number, total: number) => void }): Promise<string>;
}

export function catalog(ctx: Ctx): ModelCatalog {
  const manager = new ModelManager({
    cacheDir: path.join(ctx.extension.globalStorageUri.fsPath, "models"),
    logger: (level, message) => ctx.logAt(level, `[models] ${message}`),
  });
  const toEntry = (m: ManifestModel, isDefault: boolean): CatalogEntry => ({
    id: m.id,
    name: m.title,
    role: m.role,
    description: m.license ? `license: ${m.license}` : undefined,
    sizeBytes: m.sizeBytes,
    ramBytes: m.ramBytes,
    default: isDefault,
    installedPath: manager.isDownloaded(m.id) ? manager.pathFor(m.id) : undefined,
  });
  return {
    async recommended() {
      const models = manager.list();
      const firstPolicy = models.find((m) => m.role === "policy");
      return models.map((m) => toEntry(m, m === firstPolicy));
    },
    download(entry, o) {
      return manager.download(entry.id, {
        signal: o.signal,
        onProgress: (p) => o.onProgress(p.downloadedBytes, p.totalBytes ?? entry.sizeBytes ?? 0),
      });
    },
  };
}
