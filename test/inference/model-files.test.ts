// Model files: broken files are refused with a message naming the file and what to do, and the downloader
// resumes over HTTP Range and refuses checksum mismatches (a local 127.0.0.1 server serves a fixture).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync, mkdtempSync, rmSync, statSync } from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkGgufFile } from "../../src/inference/gguf-check";
import { ModelDownloadError, ModelFileError } from "../../src/inference/errors";
import { loadModelsHere } from "../../src/inference/load";
import { MANIFEST, ModelManager, downloadFile, resolveDefaultModelPaths, resolveModelUri } from "../../src/inference/model-manager";
import { MODELS_DIR, TINY } from "./fixtures";

let dir: string;
const bytes = readFileSync(TINY);
const sha = createHash("sha256").update(bytes).digest("hex");

before(() => {
  dir = mkdtempSync(join(tmpdir(), "stepwise-model-files-"));
});
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

test("a good fixture passes the check and reports its size and architecture", async () => {
  const info = await checkGgufFile(TINY);
  assert.equal(info.version, 3);
  assert.equal(info.architecture, "llama");
  assert.equal(info.expectedSize, bytes.length);
});

test("missing, non-GGUF and truncated files are refused with a clear message", async () => {
  const missing = join(dir, "nope.gguf");
  await assert.rejects(checkGgufFile(missing), (e: unknown) => e instanceof ModelFileError && /not found: .*nope\.gguf.*Download/.test(e.message));
  const text = join(dir, "notes.gguf");
  writeFileSync(text, "this is not a model, just some text that is long enough to read a header from");
  await assert.rejects(checkGgufFile(text), (e: unknown) => e instanceof ModelFileError && /notes\.gguf is not a GGUF model file/.test(e.message));
  const cut = join(dir, "cut.gguf");
  writeFileSync(cut, bytes.subarray(0, bytes.length - 1000));
  await assert.rejects(checkGgufFile(cut), (e: unknown) => e instanceof ModelFileError && /cut\.gguf is truncated.*download it again/i.test(e.message));
  const header = join(dir, "header.gguf");
  writeFileSync(header, bytes.subarray(0, 2000));
  await assert.rejects(checkGgufFile(header), (e: unknown) => e instanceof ModelFileError && /header\.gguf is truncated/.test(e.message));
  // the loader checks before llama.cpp sees the file
  await assert.rejects(loadModelsHere({ policyPath: cut, threads: 1 }), (e: unknown) => e instanceof ModelFileError && e.message.includes(cut));
});

interface Server {
  url: string;
  requests: Array<{ range?: string }>;
  close(): Promise<void>;
}

/** Serves `body`; the first `drops` requests are cut off after `dropAfter` bytes. */
async function serve(body: Buffer, { drops = 0, dropAfter = 0 } = {}): Promise<Server> {
  const requests: Array<{ range?: string }> = [];
  let dropped = 0;
  const server = http.createServer((req, res) => {
    requests.push({ range: req.headers.range });
    if (!req.url?.endsWith(".gguf")) {
      res.writeHead(404).end();
      return;
    }
    const m = /bytes=(\d+)-/.exec(req.headers.range ?? "");
    const start = m ? Number(m[1]) : 0;
    const part = body.subarray(start);
    res.writeHead(m ? 206 : 200, {
      "content-length": part.length,
      ...(m ? { "content-range": `bytes ${start}-${body.length - 1}/${body.length}` } : {}),
    });
    if (dropped < drops) {
      dropped++;
      res.write(part.subarray(0, dropAfter), () => res.socket?.destroy());
      return;
    }
    res.end(part);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

test("a dropped connection is resumed with a Range request and the result verified", async () => {
  const s = await serve(bytes, { drops: 2, dropAfter: 50_000 });
  try {
    const dest = join(dir, "resumed.gguf");
    const progress: number[] = [];
    await downloadFile(`${s.url}/stepwise-tiny.gguf`, dest, { sha256: sha, onProgress: (p) => progress.push(p.downloadedBytes), retries: 3 });
    assert.deepEqual(readFileSync(dest), bytes);
    assert.equal(s.requests.length, 3);
    assert.equal(s.requests[0].range, undefined);
    assert.equal(s.requests[1].range, "bytes=50000-");
    assert.equal(s.requests[2].range, "bytes=100000-");
    assert.equal(progress.at(-1), bytes.length);
    assert.ok(!existsSync(`${dest}.part`));
    // the downloaded model loads and runs
    const m = await loadModelsHere({ policyPath: dest, threads: 1, contextSize: 512, sequences: 1, promptStyle: "rstar" });
    await m.dispose();
  } finally {
    await s.close();
  }
});

test("a download interrupted in an earlier run resumes from its .part file", async () => {
  const s = await serve(bytes);
  try {
    const dest = join(dir, "later.gguf");
    writeFileSync(`${dest}.part`, bytes.subarray(0, 123_456));
    let resumedFrom = -1;
    await downloadFile(`${s.url}/x.gguf`, dest, { sha256: sha, onProgress: (p) => (resumedFrom = p.resumedFromBytes) });
    assert.equal(s.requests[0].range, "bytes=123456-");
    assert.equal(resumedFrom, 123_456);
    assert.deepEqual(readFileSync(dest), bytes);
  } finally {
    await s.close();
  }
});

test("a checksum mismatch is refused and nothing is left behind; HTTP errors are reported", async () => {
  const s = await serve(bytes);
  try {
    const dest = join(dir, "bad-sum.gguf");
    await assert.rejects(
      downloadFile(`${s.url}/x.gguf`, dest, { sha256: "0".repeat(64) }),
      (e: unknown) => e instanceof ModelDownloadError && /Checksum mismatch/.test(e.message) && e.message.includes(sha),
    );
    assert.ok(!existsSync(dest) && !existsSync(`${dest}.part`));
    await assert.rejects(
      downloadFile(`${s.url}/missing.bin`, join(dir, "m.gguf")),
      (e: unknown) => e instanceof ModelDownloadError && /HTTP 404/.test(e.message),
    );
    // a server that sends something that is not GGUF
    const t = await serve(Buffer.from("<html>not a model</html>".repeat(10)));
    try {
      await assert.rejects(downloadFile(`${t.url}/x.gguf`, join(dir, "html.gguf")), (e: unknown) => e instanceof ModelDownloadError && /not a GGUF/.test(e.message));
    } finally {
      await t.close();
    }
  } finally {
    await s.close();
  }
});

test("the model manager: manifest, cache folder, ids, local paths", async () => {
  const ids = MANIFEST.models.map((m) => m.id);
  assert.deepEqual(ids.sort(), ["math-shepherd-mistral-7b-prm", "qwen2.5-math-1.5b-instruct", "qwen2.5-math-7b-instruct"]);
  for (const m of MANIFEST.models) {
    assert.ok(m.uri.startsWith("hf:") && m.file.endsWith(".gguf"));
    assert.ok(m.sha256 === null || /^[0-9a-f]{64}$/.test(m.sha256));
    assert.match(resolveModelUri(m.uri), /^https:\/\/huggingface\.co\/.+\/resolve\/main\/.+\.gguf$/);
  }
  const cacheDir = join(dir, "cache");
  const mm = new ModelManager({ cacheDir });
  assert.equal(mm.isDownloaded("qwen2.5-math-1.5b-instruct"), false);
  await assert.rejects(mm.resolve("qwen2.5-math-1.5b-instruct"), /not downloaded yet.*stepwise models download qwen2\.5-math-1\.5b-instruct/);
  assert.equal(await mm.resolve(TINY), TINY);
  const s = await serve(bytes);
  try {
    const p = await mm.download(`${s.url}/stepwise-tiny.gguf`);
    assert.equal(p, join(cacheDir, "stepwise-tiny.gguf"));
    assert.equal(statSync(p).size, bytes.length);
  } finally {
    await s.close();
  }
  const d = resolveDefaultModelPaths(MODELS_DIR);
  assert.ok(existsSync(d.policy) && existsSync(d.reward));
  if (d.policyIsFallback) assert.equal(d.policy, TINY);
});
