// Lays out GGUF files under a temporary HOME as each tool keeps them (shared by the inference and CLI tests):
// Ollama (manifests naming blobs by digest), LM Studio (publisher/repo/file), the Hugging Face hub cache
// (snapshots linking into blobs) and node-llama-cpp's models folder. The models are written by
// make_discovery_ggufs.py; the engineered fixture stands in for a model that can really solve.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";

export interface Layout {
  home: string;
  /** Ollama blob of the engineered fixture (`stepwise-tiny:latest`). */
  tinyBlob: string;
  qwenBlob: string;
  shepherdBlob: string;
  lmStudioBase: string;
  lmStudioTiny: string;
  hfSnapshotFile: string;
  nodeLlamaCppFile: string;
}

const sha = (p: string) => createHash("sha256").update(readFileSync(p)).digest("hex");

function put(path: string, data: string | Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
}

/** Writes the fixtures (python3 + numpy) and the layout; throws with the reason when python3 cannot run. */
export function makeLayout(repoRoot: string, tinyPath: string): Layout {
  const models = mkdtempSync(join(tmpdir(), "stepwise-discovery-models-"));
  const py = spawnSync("python3", [join(repoRoot, "test", "inference", "make_discovery_ggufs.py"), models], { encoding: "utf8" });
  if (py.status !== 0) throw new Error(`python3 could not write the fixture models: ${py.error?.message ?? py.stderr}`);
  const home = mkdtempSync(join(tmpdir(), "stepwise-home-"));

  // Ollama
  const ollama = join(home, ".ollama", "models");
  const blob = (src: string) => {
    const hex = sha(src);
    const p = join(ollama, "blobs", `sha256-${hex}`);
    mkdirSync(dirname(p), { recursive: true });
    copyFileSync(src, p);
    return { hex, p };
  };
  const manifest = (name: string, modelHex: string) =>
    put(
      join(ollama, "manifests", name),
      JSON.stringify({
        schemaVersion: 2,
        mediaType: "application/vnd.docker.distribution.manifest.v2+json",
        config: { mediaType: "application/vnd.docker.container.image.v1+json", digest: `sha256:${"c".repeat(64)}`, size: 10 },
        layers: [
          { mediaType: "application/vnd.ollama.image.model", digest: `sha256:${modelHex}`, size: 1 },
          { mediaType: "application/vnd.ollama.image.template", digest: `sha256:${"d".repeat(64)}`, size: 1 },
        ],
      }),
    );
  const tiny = blob(tinyPath);
  const qwen = blob(join(models, "qwen-math-chat.gguf"));
  const shepherd = blob(join(models, "shepherd-prm.gguf"));
  manifest("registry.ollama.ai/library/stepwise-tiny/latest", tiny.hex);
  manifest("registry.ollama.ai/library/qwen2.5-math/1.5b", qwen.hex);
  manifest("registry.ollama.ai/library/qwen2.5-math/latest", qwen.hex); // a second tag of the same blob
  manifest("hf.co/QuantFactory/math-shepherd-mistral-7b-prm-GGUF/Q4_K_M", shepherd.hex);
  // hostile or broken manifests: a digest that climbs out of blobs/, a blob that is missing, not JSON
  put(
    join(ollama, "manifests", "registry.ollama.ai/library/evil/latest"),
    JSON.stringify({ layers: [{ mediaType: "application/vnd.ollama.image.model", digest: "sha256:../../../../etc/passwd" }] }),
  );
  manifest("registry.ollama.ai/library/gone/latest", "e".repeat(64));
  put(join(ollama, "manifests", "registry.ollama.ai/library/junk/latest"), "{not json");

  // LM Studio: both of its folders
  const lmStudioBase = join(home, ".lmstudio", "models", "lmstudio-community", "TinyBase-GGUF", "TinyBase-1M-F32.gguf");
  mkdirSync(dirname(lmStudioBase), { recursive: true });
  copyFileSync(join(models, "plain-base.gguf"), lmStudioBase);
  put(join(home, ".lmstudio", "models", "lmstudio-community", "TinyBase-GGUF", "mmproj-TinyBase-f16.gguf"), readFileSync(join(models, "plain-base.gguf")));
  put(join(home, ".lmstudio", "models", "someone", "broken", "notes.gguf"), "this is not a model, only text with a .gguf name");
  const lmStudioTiny = join(home, ".cache", "lm-studio", "models", "stepwise", "tiny-GGUF", "stepwise-tiny.gguf");
  mkdirSync(dirname(lmStudioTiny), { recursive: true });
  copyFileSync(tinyPath, lmStudioTiny);

  // Hugging Face hub cache: the snapshot file is a relative link into blobs/
  const repo = join(home, ".cache", "huggingface", "hub", "models--QuantFactory--math-shepherd-mistral-7b-prm-GGUF");
  const shepherdHex = sha(join(models, "shepherd-prm.gguf"));
  const hfBlob = join(repo, "blobs", shepherdHex);
  mkdirSync(dirname(hfBlob), { recursive: true });
  // a different file from the Ollama blob, so both are listed (same bytes, two tools)
  copyFileSync(join(models, "shepherd-prm.gguf"), hfBlob);
  const hfSnapshotFile = join(repo, "snapshots", "0123456789abcdef0123456789abcdef01234567", "math-shepherd-mistral-7b-prm.Q8_0.gguf");
  mkdirSync(dirname(hfSnapshotFile), { recursive: true });
  symlinkSync(relative(dirname(hfSnapshotFile), hfBlob), hfSnapshotFile);
  put(join(repo, "refs", "main"), "0123456789abcdef0123456789abcdef01234567");

  // node-llama-cpp's own folder (what `npx node-llama-cpp pull` fills)
  const nodeLlamaCppFile = join(home, ".node-llama-cpp", "models", "hf_Qwen_Qwen2.5-Math-1.5B-Instruct.Q8_0.gguf");
  mkdirSync(dirname(nodeLlamaCppFile), { recursive: true });
  copyFileSync(join(models, "qwen-math-chat.gguf"), nodeLlamaCppFile);
  const nonGguf = join(home, ".node-llama-cpp", "models", "README.txt");
  put(nonGguf, "not a model");

  return { home, tinyBlob: tiny.p, qwenBlob: qwen.p, shepherdBlob: shepherd.p, lmStudioBase, lmStudioTiny, hfSnapshotFile, nodeLlamaCppFile };
}
