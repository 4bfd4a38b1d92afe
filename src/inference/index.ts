// Local models through node-llama-cpp: the policy, the process reward model and the model manager. See load.ts
// for the one-call entry point.

export { loadModels, loadModelsHere, choosePromptStyle, promptStyleFor } from "./load";
export type { LoadModelsOptions, LoadedModels } from "./load";
export { LlamaPolicy } from "./policy";
export type { LlamaPolicyOptions } from "./policy";
export { LlamaRewardModel } from "./reward";
export type { LlamaRewardModelOptions } from "./reward";
export { REWARD_DESCRIPTORS, MATH_SHEPHERD, RLHFLOW, POLICY_AS_JUDGE, STEPWISE_PPM, guessRewardDescriptor } from "../engine/steps/reward-descriptors";
export type { RewardDescriptor } from "../engine/steps/reward-descriptors";
export {
  ModelManager,
  MANIFEST,
  defaultCacheDir,
  downloadFile,
  findModelsDir,
  resolveDefaultModelPaths,
  resolveModelUri,
  sha256File,
} from "./model-manager";
export type { DefaultModelPaths, DownloadOptions, DownloadProgress, Manifest, ManifestModel, ManifestPair, ModelManagerOptions } from "./model-manager";
export { discoverModels, describeFacts, describeModel, guessRole, modelFolders, SOURCE_LABELS } from "./discovery";
export type { DiscoveredModel, DiscoveryOptions, ModelSource } from "./discovery";
export { checkGgufFile } from "./gguf-check";
export type { GgufInfo } from "./gguf-check";
export { DisposedError, InferenceError, ModelDownloadError, ModelFileError } from "./errors";
export type { Logger } from "./runtime";
