// One call that loads the policy (and optionally a reward model) from GGUF files.

import { basename } from "node:path";
import type { Policy, RewardModel } from "../engine/types";
import type { PromptStyle } from "../engine/steps/format";
import { checkGgufFile } from "./gguf-check";
import { LlamaPolicy } from "./policy";
import { LlamaRewardModel } from "./reward";
import { POLICY_AS_JUDGE, REWARD_DESCRIPTORS, guessRewardDescriptor } from "../engine/steps/reward-descriptors";
import type { RewardDescriptor } from "../engine/steps/reward-descriptors";
import { getRuntime, importLifecycleUtils } from "./runtime";
import type { LlamaModel, Logger } from "./runtime";

export interface LoadModelsOptions {
  /** GGUF file of the policy. */
  policyPath: string;
  /**
   * GGUF file of the process reward model. Omit for no reward model; pass the policy's path (or
   * rewardDescriptor "policy-as-judge") to let the policy judge its own steps.
   */
  rewardPath?: string;
  /** Scoring format id from src/engine/steps/reward-descriptors.ts, or a descriptor. Default: guessed from the file name. */
  rewardDescriptor?: string | RewardDescriptor;
  /**
   * CPU threads per context. Default 1: oversubscribing cores makes llama.cpp collapse (see the platform
   * notes); raise it to the number of physical cores when nothing else runs, and to 2+ to gain from parallel
   * sequences.
   */
  threads?: number;
  /** Context size (tokens) of each context. Default 4096. */
  contextSize?: number;
  /** Parallel sequences of the policy's context (sibling candidates at once). Default 4. */
  sequences?: number;
  /**
   * Sequences of the reward model's context: each keeps one branch of the tree in its KV cache (saved states
   * cover the rest, see reward.ts). Default 2; each costs a context's worth of KV memory.
   */
  rewardSequences?: number;
  /** Prompt layout; default "auto": "rstar" for Stepwise's own models, "chatml" for models with a ChatML template, else "fewshot". */
  promptStyle?: PromptStyle | "auto";
  /** KV-cache strategy of the policy (see LlamaPolicyOptions.cache). Default "reuse". */
  cache?: "reuse" | "naive";
  /** GPU: "auto" (default) or false. */
  gpu?: "auto" | false;
  logger?: Logger;
}

export interface LoadedModels {
  policy: Policy;
  reward?: RewardModel;
  /** What was loaded, for logs and the UI. */
  info: { policyName: string; rewardName?: string; promptStyle: PromptStyle; rewardDescriptor?: string };
  dispose(): Promise<void>;
}

/** Loads the models in this thread (the extension runs the whole search in a worker thread). */
export function loadModels(opts: LoadModelsOptions): Promise<LoadedModels> {
  return loadModelsHere(opts);
}

/**
 * The prompt style for a file: our own models (file or metadata name "stepwise…"; a file found in another
 * tool's folder may be named by its digest) speak rstar; ChatML templates get chatml; else few-shot.
 */
export function promptStyleFor(o: { fileName: string; modelName?: unknown; chatTemplate?: unknown }): PromptStyle {
  const names = [basename(o.fileName), typeof o.modelName === "string" ? o.modelName : ""];
  if (names.some((n) => n.toLowerCase().startsWith("stepwise"))) return "rstar";
  if (typeof o.chatTemplate === "string" && o.chatTemplate.includes("<|im_start|>")) return "chatml";
  return "fewshot";
}

/** Pick the prompt style for a loaded model (see promptStyleFor). */
export function choosePromptStyle(model: LlamaModel, path: string): PromptStyle {
  const md = model.fileInfo.metadata;
  return promptStyleFor({ fileName: path, modelName: md?.general?.name, chatTemplate: md?.tokenizer?.chat_template });
}

export async function loadModelsHere(opts: LoadModelsOptions): Promise<LoadedModels> {
  const threads = opts.threads ?? 1;
  const contextSize = opts.contextSize ?? 4096;
  const llama = await getRuntime({ gpu: opts.gpu, logger: opts.logger });
  await checkGgufFile(opts.policyPath);
  const { AsyncDisposeAggregator } = await importLifecycleUtils();
  // the wrappers first (they wait for a running call), then contexts and models
  const wrappers = new AsyncDisposeAggregator();
  const resources = new AsyncDisposeAggregator();
  const dispose = async () => {
    await wrappers.dispose().catch(() => undefined);
    await resources.dispose().catch(() => undefined);
  };
  try {
    // One context per model, sized the same way; only the number of sequences differs.
    const openContext = (model: typeof policyModel, sequences: number) =>
      model.createContext({
        contextSize: fitContext(model, contextSize, opts.contextSize !== undefined),
        sequences: Math.max(1, sequences),
        threads,
        batchSize: Math.min(512, contextSize),
      });
    const policyModel = await llama.loadModel({ modelPath: opts.policyPath });
    resources.add(policyModel);
    const promptStyle = !opts.promptStyle || opts.promptStyle === "auto" ? choosePromptStyle(policyModel, opts.policyPath) : opts.promptStyle;
    const policyCtx = await openContext(policyModel, opts.sequences ?? 4);
    resources.add(policyCtx);
    const policy = new LlamaPolicy(policyModel, policyCtx, {
      name: basename(opts.policyPath),
      promptStyle,
      cache: opts.cache,
      logger: opts.logger,
    });
    wrappers.add(policy);
    let reward: LlamaRewardModel | undefined;
    let descriptor: RewardDescriptor | undefined;
    if (opts.rewardPath) {
      const samePath = opts.rewardPath === opts.policyPath;
      if (!samePath) await checkGgufFile(opts.rewardPath);
      const rewardModel = samePath ? policyModel : await llama.loadModel({ modelPath: opts.rewardPath });
      if (!samePath) resources.add(rewardModel);
      descriptor =
        typeof opts.rewardDescriptor === "object"
          ? opts.rewardDescriptor
          : opts.rewardDescriptor
            ? REWARD_DESCRIPTORS[opts.rewardDescriptor]
            : samePath && !basename(opts.rewardPath).toLowerCase().startsWith("stepwise")
              ? POLICY_AS_JUDGE
              : // a file named by digest (an Ollama blob) says what it is only in its metadata
                guessRewardDescriptor(`${basename(opts.rewardPath)} ${String(rewardModel.fileInfo.metadata?.general?.name ?? "")}`);
      if (!descriptor) {
        throw new Error(`Unknown reward format "${String(opts.rewardDescriptor)}"; use one of ${Object.keys(REWARD_DESCRIPTORS).join(", ")}.`);
      }
      const rewardCtx = await openContext(rewardModel, opts.rewardSequences ?? 2);
      resources.add(rewardCtx);
      reward = new LlamaRewardModel(rewardModel, rewardCtx, descriptor, { name: basename(opts.rewardPath) });
      wrappers.add(reward);
    }
    opts.logger?.("info", `policy ${basename(opts.policyPath)} (${promptStyle}), threads ${threads}, context ${contextSize}`);
    return {
      policy,
      reward,
      info: { policyName: policy.name, rewardName: reward?.name, promptStyle, rewardDescriptor: descriptor?.id },
      dispose,
    };
  } catch (e) {
    await dispose();
    throw e;
  }
}

/**
 * The default context never exceeds what the model was trained on (a small model trained on 2,048 tokens
 * gains nothing from 4,096 and llama.cpp warns about it); a size the caller asked for is kept.
 */
function fitContext(model: { trainContextSize: number }, size: number, explicit: boolean): number {
  return explicit || !(model.trainContextSize > 0) ? size : Math.min(size, model.trainContextSize);
}
