// The recommended-model catalog (manifest, download, cache folder) seen through a narrow interface, so the
// commands do not depend on the model manager's full API.

import type { Ctx } from "./context";

export interface CatalogEntry {
  id: string;
  name: string;
  role: "policy" | "reward";
  description?: string;
  sizeBytes?: number;
  ramBytes?: number;
  /** Part of the recommended pair that "Download Recommended Models" fetches. */
  default: boolean;
  /** Local path when already downloaded. */
  installedPath?: string;
}

export interface ModelCatalog {
  recommended(): Promise<CatalogEntry[]>;
  download(entry: CatalogEntry, o: { signal: AbortSignal; onProgress: (done: number, total: number) => void }): Promise<string>;
}

export function catalog(ctx: Ctx): ModelCatalog {
  const cacheDir = ctx.extension.globalStorageUri.fsPath;
  return {
    async recommended() {
      void cacheDir;
      return [];
    },
    async download() {
      throw new Error("No model download source is available in this build.");
    },
  };
}
