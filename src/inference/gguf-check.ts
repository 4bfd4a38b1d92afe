// Checks a GGUF file before llama.cpp sees it: llama.cpp aborts or crashes on some broken files, and its
// messages do not say what the user should do. We read the header and tensor table and compare the file
// size with where the last tensor's data must end.

import { open } from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import { ModelFileError } from "./errors";

export interface GgufInfo {
  version: number;
  tensorCount: number;
  metadata: Map<string, unknown>;
  /** Bytes the tensor data needs, from the tensor table; undefined when a tensor type is unknown. */
  expectedSize?: number;
  fileSize: number;
  architecture?: string;
}

// ggml type id -> [block bytes, block elements]
const TYPE_SIZES: Record<number, [number, number]> = {
  0: [4, 1], 1: [2, 1], 2: [18, 32], 3: [20, 32], 6: [22, 32], 7: [24, 32], 8: [34, 32], 9: [36, 32],
  10: [84, 256], 11: [110, 256], 12: [144, 256], 13: [176, 256], 14: [210, 256], 15: [292, 256],
  16: [66, 256], 17: [74, 256], 18: [98, 256], 19: [50, 256], 20: [18, 32], 21: [110, 256], 22: [82, 256],
  23: [136, 256], 24: [1, 1], 25: [2, 1], 26: [4, 1], 27: [8, 1], 28: [8, 1], 29: [56, 256], 30: [2, 1],
  34: [54, 256], 35: [66, 256], 39: [17, 32],
};

class Reader {
  private buf = Buffer.alloc(0);
  private bufStart = 0;
  pos = 0;
  constructor(
    private fh: FileHandle,
    private size: number,
    private path: string,
  ) {}

  private async need(n: number): Promise<void> {
    if (this.pos + n > this.size) {
      throw new ModelFileError(
        this.path,
        `${this.path} is truncated: its GGUF header ends early (file is ${this.size} bytes). ` +
          "Download the model again or pick another file.",
      );
    }
    if (this.pos >= this.bufStart && this.pos + n <= this.bufStart + this.buf.length) return;
    const len = Math.min(Math.max(n, 1 << 20), this.size - this.pos);
    const b = Buffer.alloc(len);
    await this.fh.read(b, 0, len, this.pos);
    this.buf = b;
    this.bufStart = this.pos;
  }
  private async view(n: number): Promise<Buffer> {
    await this.need(n);
    const off = this.pos - this.bufStart;
    this.pos += n;
    return this.buf.subarray(off, off + n);
  }
  async u32(): Promise<number> {
    return (await this.view(4)).readUInt32LE(0);
  }
  async u64(): Promise<number> {
    const v = (await this.view(8)).readBigUInt64LE(0);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ModelFileError(this.path, `${this.path}: a GGUF count is implausibly large; the file is damaged.`);
    return Number(v);
  }
  async str(): Promise<string> {
    const n = await this.u64();
    if (n > 1 << 24) throw new ModelFileError(this.path, `${this.path}: a GGUF string is implausibly long; the file is damaged.`);
    return (await this.view(n)).toString("utf8");
  }
  async skip(n: number): Promise<void> {
    await this.need(0);
    if (this.pos + n > this.size) await this.need(n);
    this.pos += n;
  }
}

const SCALAR_BYTES: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };

async function readValue(r: Reader, type: number, keep: boolean): Promise<unknown> {
  if (type === 8) return r.str();
  if (type === 9) {
    const et = await r.u32();
    const n = await r.u64();
    if (et === 8) {
      for (let i = 0; i < n; i++) await r.str();
      return undefined;
    }
    const w = SCALAR_BYTES[et];
    if (w === undefined) throw new Error(`unknown array element type ${et}`);
    await r.skip(w * n);
    return undefined;
  }
  const w = SCALAR_BYTES[type];
  if (w === undefined) throw new Error(`unknown value type ${type}`);
  if (!keep) {
    await r.skip(w);
    return undefined;
  }
  if (type === 4) return r.u32();
  if (type === 10) return r.u64();
  if (type === 8) return r.str();
  const before = r.pos;
  await r.skip(w);
  return before; // other scalars are not needed
}

/**
 * Read and check a GGUF file's header. Throws ModelFileError (naming the file and what to do) when the file
 * is missing, not GGUF, an unsupported version, or shorter than its tensor table says.
 */
export async function checkGgufFile(path: string): Promise<GgufInfo> {
  let fh: FileHandle;
  try {
    fh = await open(path, "r");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ModelFileError(
      path,
      code === "ENOENT"
        ? `Model file not found: ${path}. Download it (stepwise models download) or pick an existing .gguf file.`
        : `Cannot open model file ${path} (${code ?? String(e)}). Check its permissions.`,
    );
  }
  try {
    const { size } = await fh.stat();
    if (size < 24) {
      throw new ModelFileError(path, `${path} is not a GGUF model (only ${size} bytes). Download the model again or pick a .gguf file.`);
    }
    const r = new Reader(fh, size, path);
    const magic = await r.u32();
    if (magic !== 0x46554747) {
      throw new ModelFileError(
        path,
        `${path} is not a GGUF model file (wrong magic bytes). Stepwise runs GGUF models (llama.cpp format); ` +
          "convert the model to GGUF or pick a .gguf file.",
      );
    }
    const version = await r.u32();
    if (version !== 2 && version !== 3) {
      throw new ModelFileError(path, `${path} is GGUF version ${version}; only versions 2 and 3 are supported. Get a newer conversion of the model.`);
    }
    const tensorCount = await r.u64();
    const kvCount = await r.u64();
    const metadata = new Map<string, unknown>();
    try {
      for (let i = 0; i < kvCount; i++) {
        const key = await r.str();
        const type = await r.u32();
        const keep = key === "general.alignment" || key === "general.architecture";
        const v = await readValue(r, type, keep);
        if (keep) metadata.set(key, v);
      }
      const alignment = typeof metadata.get("general.alignment") === "number" ? (metadata.get("general.alignment") as number) : 32;
      let end = 0;
      let known = true;
      for (let i = 0; i < tensorCount; i++) {
        await r.str();
        const nd = await r.u32();
        let n = 1;
        for (let d = 0; d < nd; d++) n *= await r.u64();
        const type = await r.u32();
        const offset = await r.u64();
        const ts = TYPE_SIZES[type];
        if (!ts) known = false;
        else end = Math.max(end, offset + (n / ts[1]) * ts[0]);
      }
      const dataStart = Math.ceil(r.pos / alignment) * alignment;
      const expectedSize = known ? dataStart + end : undefined;
      if (expectedSize !== undefined && size < expectedSize) {
        throw new ModelFileError(
          path,
          `${path} is truncated: it has ${size} bytes but its tensors need ${expectedSize}. ` +
            "The download probably stopped early; download it again (it resumes) or pick another file.",
        );
      }
      const arch = metadata.get("general.architecture");
      return { version, tensorCount, metadata, expectedSize, fileSize: size, architecture: typeof arch === "string" ? arch : undefined };
    } catch (e) {
      if (e instanceof ModelFileError) throw e;
      throw new ModelFileError(path, `${path} has a damaged GGUF header (${(e as Error).message}). Download the model again or pick another file.`);
    }
  } finally {
    await fh.close();
  }
}
