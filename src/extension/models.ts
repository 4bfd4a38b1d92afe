// Which model files a search uses: the settings, else the models embedded in the extension. Errors here are
// what "a command that cannot run yet" shows, with the actions that fix it.

import * as fs from "node:fs";
import * as path from "node:path";
import type { StepwiseConfig } from "./config";
import { MANIFEST } from "../inference/model-manager";

/** No policy model is configured and none is embedded. */
export class NoModelError extends Error {
  override readonly name = "NoModelError";
  constructor(detail?: string) {
    super(
      detail ??
        "Stepwise needs a policy model to solve problems, and none is installed. Download the recommended models or pick a local GGUF file.",
    );
  }
}

export interface ResolvedModels {
  /** "" when the policy is served (`endpoints`). */
  policyPath: string;
  rewardPath?: string;
  /** Where they came from, for the status bar tooltip. */
  origin: "settings" | "embedded" | "embedded stand-in" | "servers";
  endpoints?: string[];
  rewardEndpoints?: string[];
}

/**
 * The embedded models (models/stepwise-policy.gguf, models/stepwise-ppm.gguf). Until the trained ones are
 * shipped, the manifest's stand-in (the scripted fixture model) is used, and `fallback` says so.
 */
export function embeddedModelPaths(extensionPath: string): { policy: string; reward: string; fallback: boolean } {
  const dir = path.join(extensionPath, "models");
  const e = MANIFEST.embedded;
  const trained = path.join(dir, e.policy.file);
  if (fs.existsSync(trained)) return { policy: trained, reward: path.join(dir, e.reward.file), fallback: false };
  return { policy: path.join(dir, e.policy.fallback), reward: path.join(dir, e.reward.fallback), fallback: true };
}

/** The models to load for `cfg`; throws NoModelError (with the reason) when there is none to use. */
export function resolveModels(
  cfg: Pick<StepwiseConfig, "policyPath" | "rewardPath"> & Partial<Pick<StepwiseConfig, "remoteEndpoints" | "remoteRewardEndpoints">>,
  extensionPath: string,
): ResolvedModels {
  const embedded = embeddedModelPaths(extensionPath);
  const endpoints = cfg.remoteEndpoints ?? [];
  const rewardEndpoints = cfg.remoteRewardEndpoints ?? [];
  let policyPath: string;
  let origin: ResolvedModels["origin"] = "settings";
  if (endpoints.length) {
    // Served policy: no local policy file is needed.
    policyPath = "";
    origin = "servers";
  } else if (cfg.policyPath) {
    policyPath = cfg.policyPath;
    if (!fs.existsSync(policyPath)) {
      throw new NoModelError(`The policy model set in stepwise.models.policyPath does not exist: ${policyPath}. Choose another model or download the recommended ones.`);
    }
  } else if (fs.existsSync(embedded.policy)) {
    policyPath = embedded.policy;
    origin = embedded.fallback ? "embedded stand-in" : "embedded";
  } else {
    throw new NoModelError();
  }
  let rewardPath: string | undefined;
  if (rewardEndpoints.length || cfg.rewardPath === "none") rewardPath = undefined;
  else if (cfg.rewardPath) {
    if (!fs.existsSync(cfg.rewardPath)) {
      throw new NoModelError(`The reward model set in stepwise.models.rewardPath does not exist: ${cfg.rewardPath}. Choose another model, or set it to "none".`);
    }
    rewardPath = cfg.rewardPath;
  } else if (fs.existsSync(embedded.reward)) rewardPath = embedded.reward;
  return { policyPath, rewardPath, origin, endpoints: endpoints.length ? endpoints : undefined, rewardEndpoints: rewardEndpoints.length ? rewardEndpoints : undefined };
}
