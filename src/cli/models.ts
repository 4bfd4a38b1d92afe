// `stepwise models`: the embedded defaults, the recommended pairs and models, the GGUF files already on this
// machine (Ollama, LM Studio, the Hugging Face cache, node-llama-cpp), downloads and file checks.
import { checkGgufFile, describeFacts, discoverModels, ModelManager, resolveDefaultModelPaths, SOURCE_LABELS } from "../inference";
import type { DiscoveredModel, ManifestModel } from "../inference";
import { parse, str } from "./args";
import { CliError, EXIT_INTERRUPTED } from "./errors";
import { onInterrupt } from "./interrupt";
import { ProgressLine } from "./progress";

export const MODELS_HELP = `stepwise models [list]                 embedded and recommended models, and the GGUF files already
                                       on this machine (Ollama, LM Studio, Hugging Face cache,
                                       node-llama-cpp), with their role and prompt style
stepwise models found [--json]         only the files found on this machine (paths to pass to solve)
stepwise models download ID|URI [--dir DIR]
                                       download a recommended model (or an hf:/https: GGUF) with
                                       progress, resume and checksum verification
stepwise models check FILE.gguf        check that a file is a complete GGUF model

Downloads go to --dir, or the cache folder ($STEPWISE_MODELS_DIR, else the user cache folder).
Found files are used where they are: stepwise solve --policy PATH [--reward PATH] [--reward-format F]
`;

const gb = (bytes: number) => `${(bytes / 1e9).toFixed(1)} GB`;
const size = (m: Pick<ManifestModel, "sizeBytes" | "sizeApproximate">) => `${m.sizeApproximate ? "~" : ""}${gb(m.sizeBytes)}`;

/** Two lines per found file: name, role and facts; then the path to pass to solve. */
function foundLines(found: DiscoveredModel[]): string[] {
  if (!found.length) return ["  (none: no GGUF files in the Ollama, LM Studio, Hugging Face or node-llama-cpp folders)"];
  const out: string[] = [];
  for (const d of found) {
    const use = d.role === "reward" ? `reward (${d.rewardFormat})` : `policy (${d.promptStyle} prompt)`;
    out.push(`  ${SOURCE_LABELS[d.source].padEnd(18)} ${d.name}`);
    out.push(`  ${"".padEnd(18)} ${use}, ${d.roleReason}; ${describeFacts(d)}`);
    out.push(`  ${"".padEnd(18)} ${d.path}`);
  }
  return out;
}

export async function modelsCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { dir: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } });
  if (values.help) {
    process.stdout.write(MODELS_HELP);
    return 0;
  }
  const [sub = "list", ...rest] = positionals;
  const manager = new ModelManager({ cacheDir: str(values, "dir") ?? process.env.STEPWISE_MODELS_DIR });
  switch (sub) {
    case "list": {
      const d = resolveDefaultModelPaths();
      const out = [
        "Embedded (used when no --policy/--reward is given):",
        `  policy  ${d.policy}${d.policyIsFallback ? "  (test fixture: the trained default is not built)" : ""}`,
        `  reward  ${d.reward}${d.rewardIsFallback ? "  (test fixture: the trained default is not built)" : ""}`,
        "",
        "Recommended pairs:",
      ];
      for (const p of manager.pairs()) {
        out.push(`  ${p.id.padEnd(30)} ${p.diskApproximate ? "~" : ""}${gb(p.diskBytes)} to download, needs ~${gb(p.ramBytes)} RAM${p.default ? "  (default)" : ""}`);
        out.push(`  ${"".padEnd(30)} ${p.title}`);
        if (p.note) out.push(`  ${"".padEnd(30)} ${p.note}`);
      }
      out.push("", `Recommended models (download with: stepwise models download ID; cache: ${manager.cacheDir}):`);
      for (const m of manager.list()) {
        out.push(`  ${m.id.padEnd(30)} ${m.role.padEnd(7)} ${size(m).padStart(8)}, needs ~${gb(m.ramBytes)} RAM  ${manager.isDownloaded(m.id) ? "downloaded" : ""}`);
        out.push(`  ${"".padEnd(30)} ${m.title}${m.sha256 ? "" : "  (no checksum known)"}`);
      }
      out.push("", "On this machine:", ...foundLines(await discoverModels({ downloadsDir: manager.cacheDir })));
      process.stdout.write(out.join("\n") + "\n");
      return 0;
    }
    case "found": {
      const found = await discoverModels({ downloadsDir: manager.cacheDir });
      if (values.json) process.stdout.write(JSON.stringify(found, null, 2) + "\n");
      else process.stdout.write(foundLines(found).join("\n") + "\n");
      return 0;
    }
    case "download": {
      if (rest.length !== 1) throw new CliError("Give one model: stepwise models download ID (see stepwise models list).");
      const progress = new ProgressLine(process.stderr);
      const interrupt = onInterrupt((m) => process.stderr.write(`\n${m}\n`));
      try {
        const path = await manager.download(rest[0], {
          signal: interrupt.signal,
          onProgress: (p) => {
            const total = p.totalBytes ? ` of ${(p.totalBytes / 1e6).toFixed(1)} MB (${((100 * p.downloadedBytes) / p.totalBytes).toFixed(0)}%)` : "";
            progress.write(`downloading ${rest[0]}: ${(p.downloadedBytes / 1e6).toFixed(1)} MB${total}`);
          },
        });
        progress.clear();
        process.stdout.write(`${path}\n`);
        return 0;
      } catch (err) {
        progress.clear();
        if (interrupt.interrupted) {
          process.stderr.write("Download stopped; run the same command again to resume.\n");
          return EXIT_INTERRUPTED;
        }
        throw err;
      } finally {
        interrupt.dispose();
      }
    }
    case "check": {
      if (rest.length !== 1) throw new CliError("Give one file: stepwise models check FILE.gguf.");
      const info = await checkGgufFile(rest[0]);
      process.stdout.write(
        `${rest[0]}: GGUF v${info.version}, ${info.architecture ?? "unknown architecture"}, ${info.tensorCount} tensors, ${(info.fileSize / 1e6).toFixed(1)} MB — complete\n`,
      );
      return 0;
    }
    default:
      throw new CliError(`Unknown models command '${sub}'. Use list, found, download or check.`);
  }
}
