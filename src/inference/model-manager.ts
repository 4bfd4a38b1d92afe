// Which models exist (the manifest), where they live (a cache folder, or any GGUF path), and getting them
// (download with progress, resume over HTTP Range, size and checksum checks).

import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import * as http from "node:http";
import * as https from "node:https";
import { homedir } from "node:os";
import { basename, dirname, isAbsolute, join, resolve } from "node:path";
import manifestJson from "../../models/manifest.json";
import { ModelDownloadError, ModelFileError } from "./errors";
import { checkGgufFile } from "./gguf-check";
import type { Logger } from "./runtime";

export interface ManifestModel {
  id: string;
  role: "policy" | "reward";
  title: string;
  /** `hf:owner/repo/file.gguf` or an http(s) URL. */
  uri: string;
  /** Hugging Face commit the file is fetched from; null or absent: main. */
  revision?: string | null;
  file: string;
  /** Exact unless sizeApproximate (then it is only shown, never checked). */
  sizeBytes: number;
  sizeApproximate?: boolean;
  /** Estimated memory need: file plus KV cache and buffers for a 4096-token context. */
  ramBytes: number;
  /** Lower-case hex; null when not known (then only the GGUF structure and size are checked). */
  sha256: string | null;
  /** What could not be confirmed from public sources. */
  unverified?: string;
  promptStyle?: "rstar" | "fewshot" | "chatml";
  rewardDescriptor?: string;
  license?: string;
}

export interface Manifest {
  version: number;
  embedded: {
    policy: { file: string; fallback: string; promptStyle?: string };
    /** The reward format comes from the file itself (its general.name names a descriptor), not from here. */
    reward: { file: string; fallback: string };
  };
  /** Recommended policy + reward combinations, with what they need; the `default` one is what Download Recommended Models fetches. */
  pairs?: ManifestPair[];
  models: ManifestModel[];
}

export interface ManifestPair {
  id: string;
  title: string;
  /** A manifest model id. */
  policy: string;
  /** A manifest model id, or "policy-as-judge" (the policy scores its own steps: nothing more to download). */
  reward: string;
  diskBytes: number;
  diskApproximate?: boolean;
  ramBytes: number;
  default?: boolean;
  note?: string;
}

export const MANIFEST: Manifest = manifestJson as Manifest;

/** The per-user cache folder for downloaded models (XDG on Linux, Library/Caches on macOS, LOCALAPPDATA on Windows). */
export function defaultCacheDir(): string {
  if (process.env.STEPWISE_MODELS_DIR) return process.env.STEPWISE_MODELS_DIR;
  if (process.platform === "win32") return join(process.env.LOCALAPPDATA ?? join(homedir(), "AppData", "Local"), "stepwise", "models");
  if (process.platform === "darwin") return join(homedir(), "Library", "Caches", "stepwise", "models");
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "stepwise", "models");
}

/** The project's `models/` folder: found upwards from this bundle (dist/, dist/test/…, or src/). */
export function findModelsDir(start: string = __dirname): string | undefined {
  let dir = start;
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, "models", "manifest.json"))) return join(dir, "models");
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}

export interface DefaultModelPaths {
  policy: string;
  reward: string;
  /** True when the trained model is not there yet and the scripted fixture stands in for it. */
  policyIsFallback: boolean;
  rewardIsFallback: boolean;
}

/**
 * The embedded default models (models/stepwise-policy.gguf and models/stepwise-ppm.gguf); until they are
 * trained, the engineered fixture models/fixtures/stepwise-tiny.gguf stands in (it follows a fixed script).
 */
export function resolveDefaultModelPaths(modelsDir: string | undefined = findModelsDir()): DefaultModelPaths {
  if (!modelsDir) {
    throw new ModelFileError("models/", "Cannot find Stepwise's models folder (models/manifest.json). Reinstall Stepwise or pass model paths.");
  }
  const pick = (file: string, fallback: string) => {
    const p = join(modelsDir, file);
    return existsSync(p) ? { path: p, fallback: false } : { path: join(modelsDir, fallback), fallback: true };
  };
  const p = pick(MANIFEST.embedded.policy.file, MANIFEST.embedded.policy.fallback);
  const r = pick(MANIFEST.embedded.reward.file, MANIFEST.embedded.reward.fallback);
  return { policy: p.path, reward: r.path, policyIsFallback: p.fallback, rewardIsFallback: r.fallback };
}

/** `hf:owner/repo/path/file.gguf` → the Hugging Face download URL at `revision` (default main); http(s) URLs unchanged. */
export function resolveModelUri(uri: string, revision?: string | null): string {
  if (uri.startsWith("hf:")) {
    const parts = uri.slice(3).split("/");
    if (parts.length < 3) throw new Error(`Bad Hugging Face model URI '${uri}': use hf:owner/repo/file.gguf`);
    const rev = revision ?? "main";
    if (!/^[A-Za-z0-9._-]+$/.test(rev)) throw new Error(`Bad revision '${rev}' for ${uri}.`);
    const [owner, repo, ...file] = parts;
    return `https://huggingface.co/${owner}/${repo}/resolve/${rev}/${file.join("/")}`;
  }
  if (/^https?:\/\//.test(uri)) return uri;
  throw new Error(`Unsupported model URI '${uri}': use hf:owner/repo/file.gguf, an http(s) URL, or a local path.`);
}

export interface DownloadProgress {
  downloadedBytes: number;
  totalBytes?: number;
  /** Bytes that were already on disk from an interrupted download. */
  resumedFromBytes: number;
}

export interface DownloadOptions {
  /** Expected sha256 (hex). When given, a mismatch deletes the file and throws. */
  sha256?: string | null;
  /** Expected size in bytes (exact); checked before the checksum. */
  sizeBytes?: number;
  onProgress?: (p: DownloadProgress) => void;
  signal?: AbortSignal;
  /** Attempts after a dropped connection (each resumes where the last stopped). Default 5. */
  retries?: number;
  /** Check that the result is a complete GGUF file. Default true. */
  checkGguf?: boolean;
  logger?: Logger;
}

/**
 * Download `url` to `dest`. Partial data goes to `dest + ".part"` and is resumed with an HTTP Range request,
 * both after a dropped connection (retried) and in a later call. Throws ModelDownloadError with the URL and
 * what to do.
 */
export async function downloadFile(url: string, dest: string, opts: DownloadOptions = {}): Promise<string> {
  await mkdir(dirname(dest), { recursive: true });
  const part = `${dest}.part`;
  const retries = opts.retries ?? 5;
  let attempt = 0;
  for (;;) {
    if (opts.signal?.aborted) throw new ModelDownloadError(url, `Download of ${url} was cancelled; run it again to resume.`);
    const have = existsSync(part) ? (await stat(part)).size : 0;
    try {
      const done = await fetchInto(url, part, have, opts);
      if (done) break;
    } catch (e) {
      if (e instanceof ModelDownloadError && e.fatal) throw e;
      if (opts.signal?.aborted) throw new ModelDownloadError(url, `Download of ${url} was cancelled; run it again to resume.`);
      attempt++;
      if (attempt > retries) {
        throw new ModelDownloadError(url, `Download of ${url} failed after ${retries + 1} attempts (${(e as Error).message}). Check the connection and run it again: it resumes.`);
      }
      opts.logger?.("warn", `download interrupted (${(e as Error).message}); resuming (attempt ${attempt + 1})`);
      await new Promise((r) => setTimeout(r, Math.min(2000, 100 * 2 ** attempt)));
    }
  }
  const size = (await stat(part)).size;
  if (opts.sizeBytes !== undefined && size !== opts.sizeBytes) {
    await rm(part, { force: true });
    throw new ModelDownloadError(url, `Downloaded ${size} bytes from ${url} but expected ${opts.sizeBytes}; the partial file was deleted. Run the download again.`);
  }
  if (opts.sha256) {
    const got = await sha256File(part);
    if (got !== opts.sha256.toLowerCase()) {
      await rm(part, { force: true });
      throw new ModelDownloadError(
        url,
        `Checksum mismatch for ${url}: expected sha256 ${opts.sha256}, got ${got}. The file was deleted; download it again, and if it keeps failing the source changed.`,
      );
    }
  }
  if (opts.checkGguf !== false) {
    try {
      await checkGgufFile(part);
    } catch (e) {
      await rm(part, { force: true });
      throw new ModelDownloadError(url, `${url} did not give a complete GGUF model (${(e as Error).message}). The file was deleted.`);
    }
  }
  await rename(part, dest);
  return dest;
}

function fatal(url: string, message: string): ModelDownloadError {
  const e = new ModelDownloadError(url, message);
  e.fatal = true;
  return e;
}

/** One request; resolves true when the file is complete, rejects on a dropped connection. */
function fetchInto(url: string, part: string, have: number, opts: DownloadOptions, redirects = 0): Promise<boolean> {
  return new Promise((resolvePromise, reject) => {
    const lib = url.startsWith("https:") ? https : http;
    const headers: Record<string, string> = { "user-agent": "stepwise-model-manager" };
    if (have > 0) headers.range = `bytes=${have}-`;
    const req = lib.get(url, { headers, signal: opts.signal }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        if (redirects > 5) return reject(fatal(url, `Too many redirects for ${url}.`));
        const next = new URL(res.headers.location, url).toString();
        fetchInto(next, part, have, opts, redirects + 1).then(resolvePromise, reject);
        return;
      }
      if (status === 416 && have > 0) {
        // the server has nothing past what we hold: the part file is complete
        res.resume();
        return resolvePromise(true);
      }
      if (status !== 200 && status !== 206) {
        res.resume();
        return reject(fatal(url, `Download of ${url} failed: HTTP ${status}. Check the address (or your access to it) and try again.`));
      }
      const resumed = status === 206 ? have : 0;
      const total =
        status === 206
          ? Number(/\/(\d+)$/.exec(String(res.headers["content-range"] ?? ""))?.[1] ?? NaN)
          : Number(res.headers["content-length"] ?? NaN);
      const totalBytes = Number.isFinite(total) ? total : undefined;
      const out = createWriteStream(part, { flags: resumed > 0 ? "a" : "w" });
      let got = resumed;
      let lastReport = 0;
      res.on("data", (chunk: Buffer) => {
        got += chunk.length;
        const now = Date.now();
        if (opts.onProgress && now - lastReport > 100) {
          lastReport = now;
          opts.onProgress({ downloadedBytes: got, totalBytes, resumedFromBytes: resumed });
        }
      });
      res.pipe(out);
      let failed = false;
      const fail = (e: Error) => {
        if (failed) return;
        failed = true;
        out.end(() => reject(e));
      };
      res.on("aborted", () => fail(new Error("connection dropped")));
      res.on("error", fail);
      out.on("error", (e) => reject(fatal(url, `Cannot write ${part}: ${e.message}. Check free disk space and permissions.`)));
      out.on("finish", () => {
        if (failed) return;
        opts.onProgress?.({ downloadedBytes: got, totalBytes, resumedFromBytes: resumed });
        if (totalBytes !== undefined && got < totalBytes) reject(new Error(`connection closed at ${got} of ${totalBytes} bytes`));
        else resolvePromise(true);
      });
    });
    req.on("error", reject);
  });
}

export async function sha256File(path: string): Promise<string> {
  const h = createHash("sha256");
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest("hex");
}

export interface ModelManagerOptions {
  /** Where downloads go. Default: defaultCacheDir(). */
  cacheDir?: string;
  manifest?: Manifest;
  logger?: Logger;
}

export class ModelManager {
  readonly cacheDir: string;
  readonly manifest: Manifest;
  constructor(private readonly opts: ModelManagerOptions = {}) {
    this.cacheDir = opts.cacheDir ?? defaultCacheDir();
    this.manifest = opts.manifest ?? MANIFEST;
  }

  list(): ManifestModel[] {
    return this.manifest.models;
  }

  pairs(): ManifestPair[] {
    return this.manifest.pairs ?? [];
  }

  find(id: string): ManifestModel | undefined {
    return this.manifest.models.find((m) => m.id === id);
  }

  /** Where a manifest model lives once downloaded. */
  pathFor(id: string): string {
    const m = this.find(id);
    if (!m) throw new Error(`Unknown model '${id}'. Known: ${this.manifest.models.map((x) => x.id).join(", ")}.`);
    return join(this.cacheDir, m.file);
  }

  isDownloaded(id: string): boolean {
    return existsSync(this.pathFor(id));
  }

  /** Download a manifest model (by id) or any URI (hf: or http[s]:) into the cache folder. */
  async download(idOrUri: string, opts: Omit<DownloadOptions, "sha256" | "sizeBytes"> & { sha256?: string | null } = {}): Promise<string> {
    const m = this.find(idOrUri);
    const url = resolveModelUri(m ? m.uri : idOrUri, m?.revision);
    const dest = m ? join(this.cacheDir, m.file) : join(this.cacheDir, basename(new URL(url).pathname));
    if (existsSync(dest)) {
      await checkGgufFile(dest);
      return dest;
    }
    return downloadFile(url, dest, {
      ...opts,
      sha256: opts.sha256 ?? m?.sha256 ?? undefined,
      sizeBytes: m && !m.sizeApproximate ? m.sizeBytes : undefined,
      logger: opts.logger ?? this.opts.logger,
    });
  }

  /**
   * A usable local path for a manifest id or a file path; checks the file is a complete GGUF.
   * Throws ModelFileError saying how to get it when it is missing.
   */
  async resolve(idOrPath: string): Promise<string> {
    const m = this.find(idOrPath);
    if (m) {
      const p = join(this.cacheDir, m.file);
      if (!existsSync(p)) {
        throw new ModelFileError(p, `Model '${m.id}' is not downloaded yet (${p}). Run: stepwise models download ${m.id}`);
      }
      await checkGgufFile(p);
      return p;
    }
    const p = isAbsolute(idOrPath) ? idOrPath : resolve(idOrPath);
    await checkGgufFile(p);
    return p;
  }
}
