// GGUF models already on this machine: the folders of Ollama, LM Studio, the Hugging Face cache and
// node-llama-cpp, Stepwise's own download cache and models/ folder. Each file's facts are read through
// node-llama-cpp (readGgufFileInfo + GgufInsights), and its role and prompt style are guessed from its name,
// metadata and chat template. Found files are used where they are: nothing is copied or downloaded.
//
// Everything on disk here is treated as untrusted: manifests are size-capped and checked before use, digests
// must be hex, links are resolved and must end at a regular file, and walks are bounded in depth and count.

import { existsSync } from "node:fs";
import { open, readdir, readFile, realpath, stat } from "node:fs/promises";
import { homedir } from "node:os";
import { basename, join } from "node:path";
import type { PromptStyle } from "../engine/steps/format";
import { promptStyleFor } from "./load";
import { defaultCacheDir, findModelsDir } from "./model-manager";
import { guessRewardDescriptor, STEPWISE_PPM } from "../engine/steps/reward-descriptors";
import { importLlamaModule } from "./runtime";
import type { Logger } from "./runtime";

export type ModelSource = "stepwise" | "stepwise-downloads" | "ollama" | "lm-studio" | "huggingface" | "node-llama-cpp";

/** How each source is named to users. */
export const SOURCE_LABELS: Readonly<Record<ModelSource, string>> = {
  stepwise: "Stepwise",
  "stepwise-downloads": "Stepwise downloads",
  ollama: "Ollama",
  "lm-studio": "LM Studio",
  huggingface: "Hugging Face cache",
  "node-llama-cpp": "node-llama-cpp",
};

export interface DiscoveredModel {
  /** The file to load, as found (an Ollama blob, a Hugging Face snapshot link, a plain file). */
  path: string;
  source: ModelSource;
  /** What the tool calls it: `qwen2.5-math:1.5b` (Ollama), `org/name/file.gguf` (Hugging Face), … */
  name: string;
  sizeBytes: number;
  architecture?: string;
  /** Total parameters, from the tensor table. */
  parameters?: number;
  /** e.g. "Q4_K_M", from general.file_type (else the dominant tensor type). */
  quantization?: string;
  /** Context length the model was trained with. */
  contextLength?: number;
  role: "policy" | "reward";
  /** Why that role was guessed, for the picker's detail line. */
  roleReason: string;
  /** Prompt layout the policy gets when this file is the policy. */
  promptStyle: PromptStyle;
  /** Scoring format id (reward-descriptors.ts) when this file is the reward model. */
  rewardFormat?: string;
}

export interface DiscoveryOptions {
  /** Home folder whose tool folders are searched. Default: os.homedir(). */
  home?: string;
  /** Environment for OLLAMA_MODELS, HF_HUB_CACHE, HF_HOME, STEPWISE_MODELS_DIR. Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** Stepwise's models/ folder. Default: found upwards from this bundle; null to skip it. */
  projectModelsDir?: string | null;
  /** Stepwise's download folder. Default: defaultCacheDir() under `env`; null to skip it. */
  downloadsDir?: string | null;
  /** Most files read in one discovery. Default 400. */
  maxFiles?: number;
  logger?: Logger;
  signal?: AbortSignal;
}

interface Candidate {
  path: string;
  source: ModelSource;
  name: string;
}

/** Folders each tool keeps models in, for `home` and `env` (the defaults of each tool on Windows, macOS, Linux). */
export function modelFolders(home: string, env: NodeJS.ProcessEnv = {}): Record<Exclude<ModelSource, "stepwise" | "stepwise-downloads">, string[]> {
  const hfHub = env.HF_HUB_CACHE || (env.HF_HOME ? join(env.HF_HOME, "hub") : join(env.XDG_CACHE_HOME || join(home, ".cache"), "huggingface", "hub"));
  return {
    ollama: env.OLLAMA_MODELS ? [env.OLLAMA_MODELS] : [join(home, ".ollama", "models")],
    "lm-studio": [join(home, ".lmstudio", "models"), join(home, ".cache", "lm-studio", "models")],
    huggingface: [hfHub],
    "node-llama-cpp": [join(home, ".node-llama-cpp", "models")],
  };
}

const HEX64 = /^[a-f0-9]{64}$/;
const SPLIT_PART = /-(\d{5})-of-(\d{5})\.gguf$/i;

/** A regular file behind `p` (links followed), or undefined. */
async function regularFile(p: string): Promise<{ real: string; size: number } | undefined> {
  try {
    const real = await realpath(p);
    const s = await stat(real);
    return s.isFile() ? { real, size: s.size } : undefined;
  } catch {
    return undefined;
  }
}

async function entries(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((n) => !n.startsWith("."));
  } catch {
    return [];
  }
}

async function isDir(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

/** *.gguf files under `dir`, at most `depth` folders down; split models by their first part only. */
async function ggufFilesUnder(dir: string, depth: number, limit: { left: number }): Promise<string[]> {
  const found: string[] = [];
  for (const name of await entries(dir)) {
    if (limit.left <= 0) break;
    const p = join(dir, name);
    if (name.toLowerCase().endsWith(".gguf")) {
      const split = SPLIT_PART.exec(name);
      if (split && Number(split[1]) !== 1) continue;
      if (/mmproj/i.test(name)) continue; // vision projectors are not language models
      found.push(p);
      limit.left--;
    } else if (depth > 0 && (await isDir(p))) {
      found.push(...(await ggufFilesUnder(p, depth - 1, limit)));
    }
  }
  return found;
}

/**
 * Ollama: manifests/<registry>/<namespace>/<model>/<tag> are JSON documents whose layers name blobs by digest;
 * the `application/vnd.ollama.image.model` layer is the GGUF, stored as blobs/sha256-<hex>.
 */
async function ollamaCandidates(root: string, limit: { left: number }, logger?: Logger): Promise<Candidate[]> {
  const out: Candidate[] = [];
  const manifests = join(root, "manifests");
  for (const registry of await entries(manifests)) {
    for (const ns of await entries(join(manifests, registry))) {
      for (const model of await entries(join(manifests, registry, ns))) {
        for (const tag of await entries(join(manifests, registry, ns, model))) {
          if (limit.left <= 0) return out;
          const file = join(manifests, registry, ns, model, tag);
          const digest = await ollamaModelDigest(file, logger);
          if (!digest) continue;
          const blob = join(root, "blobs", `sha256-${digest}`);
          const prefix = registry === "registry.ollama.ai" ? (ns === "library" ? "" : `${ns}/`) : `${registry}/${ns}/`;
          out.push({ path: blob, source: "ollama", name: `${prefix}${model}:${tag}` });
          limit.left--;
        }
      }
    }
  }
  return out;
}

async function ollamaModelDigest(file: string, logger?: Logger): Promise<string | undefined> {
  try {
    const s = await stat(file);
    if (!s.isFile() || s.size > 1 << 20) return undefined;
    const doc: unknown = JSON.parse(await readFile(file, "utf8"));
    const layers = (doc as { layers?: unknown }).layers;
    if (!Array.isArray(layers)) return undefined;
    for (const layer of layers) {
      const l = layer as { mediaType?: unknown; digest?: unknown };
      if (l?.mediaType !== "application/vnd.ollama.image.model" || typeof l.digest !== "string") continue;
      const hex = l.digest.replace(/^sha256[:-]/, "");
      if (HEX64.test(hex)) return hex;
    }
  } catch (e) {
    logger?.("debug", `skipping Ollama manifest ${file}: ${(e as Error).message}`);
  }
  return undefined;
}

/** Hugging Face hub cache: models--<org>--<name>/snapshots/<revision>/**.gguf (links into blobs/). */
async function huggingFaceCandidates(root: string, limit: { left: number }): Promise<Candidate[]> {
  const out: Candidate[] = [];
  for (const repo of await entries(root)) {
    if (!repo.startsWith("models--")) continue;
    const repoName = repo.slice("models--".length).split("--").join("/");
    const snapshots = join(root, repo, "snapshots");
    for (const rev of await entries(snapshots)) {
      const base = join(snapshots, rev);
      for (const f of await ggufFilesUnder(base, 3, limit)) {
        out.push({ path: f, source: "huggingface", name: `${repoName}/${f.slice(base.length + 1).split("\\").join("/")}` });
      }
    }
  }
  return out;
}

/** LM Studio and node-llama-cpp keep plain files: <publisher>/<repo>/<file>.gguf, or flat. */
async function folderCandidates(root: string, source: ModelSource, depth: number, limit: { left: number }): Promise<Candidate[]> {
  return (await ggufFilesUnder(root, depth, limit)).map((f) => ({ path: f, source, name: f.slice(root.length + 1).split("\\").join("/") }));
}

const GGUF_MAGIC = 0x46554747;

async function hasGgufMagic(path: string): Promise<boolean> {
  try {
    const fh = await open(path, "r");
    try {
      const b = Buffer.alloc(4);
      const { bytesRead } = await fh.read(b, 0, 4, 0);
      return bytesRead === 4 && b.readUInt32LE(0) === GGUF_MAGIC;
    } finally {
      await fh.close();
    }
  } catch {
    return false;
  }
}

/** Role from what the file calls itself: process reward models say so in their names. */
export function guessRole(names: readonly string[]): { role: "policy" | "reward"; reason: string; rewardFormat?: string } {
  const all = names.filter(Boolean).join(" ").toLowerCase();
  if (/stepwise-ppm/.test(all)) return { role: "reward", reason: "Stepwise's own process preference model", rewardFormat: STEPWISE_PPM.id };
  const m = /(\bprm\b|[-_.]prm[-_.]|process[-_ ]reward|reward|shepherd|\bppm\b)/.exec(all);
  if (m) {
    const d = guessRewardDescriptor(all);
    return { role: "reward", reason: `its name says "${m[1].replace(/^[-_.]|[-_.]$/g, "")}"`, rewardFormat: d.id };
  }
  return { role: "policy", reason: "a generative model (no reward-model name)" };
}

const QUANT_PREFIX = /^(MOSTLY_|ALL_)/;

/**
 * Reads one file through node-llama-cpp; undefined when it is not a GGUF model node-llama-cpp can read.
 * Large token lists are skipped: only the facts shown are needed.
 */
export async function describeModel(c: Candidate, logger?: Logger): Promise<DiscoveredModel | undefined> {
  const file = await regularFile(c.path);
  if (!file || file.size < 24 || !(await hasGgufMagic(file.real))) return undefined;
  const m = await importLlamaModule();
  try {
    const info = await m.readGgufFileInfo(file.real, {
      sourceType: "filesystem",
      logWarnings: false,
      ignoreKeys: ["tokenizer.ggml.tokens", "tokenizer.ggml.scores", "tokenizer.ggml.token_type", "tokenizer.ggml.merges"],
    });
    const insights = await m.GgufInsights.from(info);
    const md = info.metadata as { general?: Record<string, unknown>; tokenizer?: { chat_template?: unknown } };
    const general = md.general ?? {};
    const fileType = typeof general.file_type === "number" ? m.GgufFileType[general.file_type] : undefined;
    const dominant = insights.dominantTensorType !== undefined ? m.GgmlType[insights.dominantTensorType] : undefined;
    const quantization = (fileType ?? dominant)?.replace(QUANT_PREFIX, "");
    const template = typeof md.tokenizer?.chat_template === "string" ? md.tokenizer.chat_template : undefined;
    const generalName = typeof general.name === "string" ? general.name : "";
    const fileName = basename(c.path);
    const role = guessRole([c.name, fileName, generalName, typeof general.basename === "string" ? general.basename : ""]);
    const arch = typeof general.architecture === "string" ? general.architecture : undefined;
    const params = insights.totalParameters;
    const ctx = insights.trainContextSize;
    return {
      path: c.path,
      source: c.source,
      name: c.name,
      sizeBytes: file.size,
      architecture: arch,
      parameters: Number.isFinite(params) && params > 0 ? params : undefined,
      quantization,
      contextLength: ctx && ctx > 0 ? ctx : undefined,
      role: role.role,
      roleReason: role.reason,
      // the same inputs the loader uses, so the style shown is the style a search gets
      promptStyle: promptStyleFor({ fileName, modelName: generalName, chatTemplate: template }),
      rewardFormat: role.rewardFormat,
    };
  } catch (e) {
    logger?.("debug", `skipping ${c.path}: ${(e as Error).message}`);
    return undefined;
  }
}

/** Every GGUF model found, Stepwise's own first, then by source and name. One entry per file on disk. */
export async function discoverModels(opts: DiscoveryOptions = {}): Promise<DiscoveredModel[]> {
  const home = opts.home ?? homedir();
  const env = opts.env ?? process.env;
  const limit = { left: opts.maxFiles ?? 400 };
  const folders = modelFolders(home, env);
  const candidates: Candidate[] = [];
  const project = opts.projectModelsDir === undefined ? findModelsDir() : opts.projectModelsDir;
  if (project) candidates.push(...(await folderCandidates(project, "stepwise", 0, limit)));
  const downloads = opts.downloadsDir === undefined ? (env.STEPWISE_MODELS_DIR ?? defaultCacheDirFor(home, env)) : opts.downloadsDir;
  if (downloads && downloads !== project) candidates.push(...(await folderCandidates(downloads, "stepwise-downloads", 0, limit)));
  for (const root of folders.ollama) if (existsSync(root)) candidates.push(...(await ollamaCandidates(root, limit, opts.logger)));
  for (const root of folders["lm-studio"]) if (existsSync(root)) candidates.push(...(await folderCandidates(root, "lm-studio", 3, limit)));
  for (const root of folders.huggingface) if (existsSync(root)) candidates.push(...(await huggingFaceCandidates(root, limit)));
  for (const root of folders["node-llama-cpp"]) if (existsSync(root)) candidates.push(...(await folderCandidates(root, "node-llama-cpp", 2, limit)));

  const seen = new Set<string>();
  const found: DiscoveredModel[] = [];
  for (const c of candidates) {
    if (opts.signal?.aborted) break;
    const real = (await regularFile(c.path))?.real;
    if (!real || seen.has(real)) continue; // the same blob under two names or two tools: list it once
    seen.add(real);
    const d = await describeModel(c, opts.logger);
    if (d) found.push(d);
  }
  return found;
}

/** defaultCacheDir() for another home (tests give a temporary one). */
function defaultCacheDirFor(home: string, env: NodeJS.ProcessEnv): string {
  if (home === homedir() && env === process.env) return defaultCacheDir();
  if (process.platform === "win32") return join(env.LOCALAPPDATA ?? join(home, "AppData", "Local"), "stepwise", "models");
  if (process.platform === "darwin") return join(home, "Library", "Caches", "stepwise", "models");
  return join(env.XDG_CACHE_HOME ?? join(home, ".cache"), "stepwise", "models");
}

/** One line of facts for lists: "qwen2 · 1.5B params · Q4_K_M · 986 MB · context 4096". */
export function describeFacts(d: DiscoveredModel): string {
  const parts: string[] = [];
  if (d.architecture) parts.push(d.architecture);
  if (d.parameters) parts.push(`${formatCount(d.parameters)} params`);
  if (d.quantization) parts.push(d.quantization);
  parts.push(formatSize(d.sizeBytes));
  if (d.contextLength) parts.push(`context ${d.contextLength}`);
  return parts.join(" · ");
}

export function formatCount(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)}B`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(0)}K`;
  return String(n);
}

export function formatSize(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e3).toFixed(0)} KB`;
}
