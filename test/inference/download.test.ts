// The recommended-model download through the manifest: a local 127.0.0.1 server serves a GGUF this test wrote;
// the manifest's sha256 (and exact size, when known) is checked, a mismatch is refused with a message that
// says what happened and what to do, and no partial file is left. Also: the manifest itself is well-formed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ModelDownloadError } from "../../src/inference/errors";
import { MANIFEST, ModelManager, resolveModelUri, type Manifest, type ManifestModel } from "../../src/inference/model-manager";
import { MODELS_DIR } from "./fixtures";

let dir: string;
let body: Buffer | undefined;
let skip: string | undefined;
let server: http.Server;
let base = "";

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "stepwise-download-"));
  const py = spawnSync("python3", [join(resolve(MODELS_DIR, ".."), "test", "inference", "make_discovery_ggufs.py"), join(dir, "made")], { encoding: "utf8" });
  if (py.status !== 0) {
    skip = `python3 could not write the fixture model: ${py.error?.message ?? py.stderr}`;
    return;
  }
  body = readFileSync(join(dir, "made", "qwen-math-chat.gguf"));
  server = http.createServer((req, res) => {
    if (req.url !== "/models/made.gguf") return void res.writeHead(404).end();
    res.writeHead(200, { "content-length": body!.length }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  if (server) await new Promise<void>((r) => server.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

function managerWith(entry: Partial<ManifestModel>, cacheDir: string): ModelManager {
  const model: ManifestModel = {
    id: "made",
    role: "policy",
    title: "A model this test wrote",
    uri: `${base}/models/made.gguf`,
    file: "made.gguf",
    sizeBytes: body!.length,
    ramBytes: 1,
    sha256: null,
    ...entry,
  };
  const manifest: Manifest = { ...MANIFEST, models: [model] };
  return new ModelManager({ cacheDir, manifest });
}

test("a sha256 that differs from the manifest's is refused, the partial file removed", async (t) => {
  if (skip) return t.skip(skip);
  const cacheDir = join(dir, "bad");
  const wrong = createHash("sha256").update("another file").digest("hex");
  const got = createHash("sha256").update(body!).digest("hex");
  const mm = managerWith({ sha256: wrong }, cacheDir);
  await assert.rejects(mm.download("made"), (e: unknown) => {
    assert.ok(e instanceof ModelDownloadError);
    assert.match(e.message, /Checksum mismatch/);
    assert.ok(e.message.includes(`expected sha256 ${wrong}`) && e.message.includes(`got ${got}`), e.message);
    assert.match(e.message, /deleted; download it again/);
    return true;
  });
  assert.deepEqual(readdirSync(cacheDir), [], "neither the file nor its .part is left");
  assert.equal(mm.isDownloaded("made"), false);
});

test("an exact size that differs is refused before the checksum, the partial file removed", async (t) => {
  if (skip) return t.skip(skip);
  const cacheDir = join(dir, "size");
  const mm = managerWith({ sizeBytes: body!.length + 1, sha256: createHash("sha256").update(body!).digest("hex") }, cacheDir);
  await assert.rejects(mm.download("made"), (e: unknown) => e instanceof ModelDownloadError && new RegExp(`Downloaded ${body!.length} bytes .* expected ${body!.length + 1}`).test(e.message));
  assert.deepEqual(readdirSync(cacheDir), []);
});

test("the matching sha256 is accepted and the model is then listed as downloaded", async (t) => {
  if (skip) return t.skip(skip);
  const cacheDir = join(dir, "good");
  const mm = managerWith({ sha256: createHash("sha256").update(body!).digest("hex") }, cacheDir);
  const p = await mm.download("made");
  assert.equal(p, join(cacheDir, "made.gguf"));
  assert.deepEqual(readFileSync(p), body);
  assert.ok(!existsSync(`${p}.part`));
  assert.equal(mm.isDownloaded("made"), true);
});

test("the manifest: pinned revisions, checksums or a reason, exact sizes, pairs of known models", () => {
  for (const m of MANIFEST.models) {
    assert.ok(m.sha256 === null ? !!m.unverified : /^[0-9a-f]{64}$/.test(m.sha256), `${m.id}: a sha256, or why not`);
    if (m.revision) {
      assert.match(m.revision, /^[0-9a-f]{40}$/, m.id);
      assert.match(resolveModelUri(m.uri, m.revision), new RegExp(`^https://huggingface\\.co/[^/]+/[^/]+/resolve/${m.revision}/${m.file.replace(/\./g, "\\.")}$`));
    } else assert.ok(m.unverified?.includes("commit"), `${m.id}: says the revision is not pinned`);
    assert.ok(Number.isInteger(m.sizeBytes) && m.sizeBytes > 0, m.id);
    if (m.sizeApproximate) assert.ok(m.unverified?.includes("size"), `${m.id}: says the size is not exact`);
  }
  assert.equal(MANIFEST.models.find((m) => m.id === "math-shepherd-mistral-7b-prm")?.uri.startsWith("hf:QuantFactory/math-shepherd-mistral-7b-prm-GGUF/"), true);
  const pairs = MANIFEST.pairs ?? [];
  assert.equal(pairs.filter((p) => p.default).length, 1, "one default pair");
  for (const p of pairs) {
    const policy = MANIFEST.models.find((m) => m.id === p.policy);
    const reward = MANIFEST.models.find((m) => m.id === p.reward);
    assert.equal(policy?.role, "policy", p.id);
    assert.ok(p.reward === "policy-as-judge" || reward?.role === "reward", p.id);
    assert.equal(Math.round(p.diskBytes / 1e7), Math.round(((policy?.sizeBytes ?? 0) + (reward?.sizeBytes ?? 0)) / 1e7), `${p.id}: disk = the files it downloads`);
  }
  const laptop = pairs.find((p) => p.default)!;
  assert.ok(laptop.ramBytes < 4e9 && laptop.diskBytes < 2e9, "the default pair fits a laptop");
});
