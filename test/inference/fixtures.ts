// Paths and the script of the engineered fixture models (models/fixtures), shared by the inference tests.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { findModelsDir } from "../../src/inference/model-manager";

export const MODELS_DIR = findModelsDir(__dirname) ?? join(process.cwd(), "models");
export const TINY = join(MODELS_DIR, "fixtures", "stepwise-tiny.gguf");
export const RANDOM_TINY = join(MODELS_DIR, "fixtures", "random-tiny.gguf");

export interface TinyScript {
  tag: string;
  chunks: Record<string, string>;
  ids: Record<string, number>;
  pStep1: Record<string, number>;
  pStep2: Record<string, number>;
  quality: Record<string, number>;
}
export const SCRIPT: TinyScript = JSON.parse(readFileSync(join(MODELS_DIR, "fixtures", "stepwise-tiny.json"), "utf8"));

/** The candidate text the policy returns for a scripted chunk: everything before its closing marker. */
export function chunkBody(name: string): string {
  const c = SCRIPT.chunks[name];
  const i = Math.min(...["<end_of_step>", "<end_of_code>", "<end_of_answer>"].map((m) => (c.includes(m) ? c.indexOf(m) : Infinity)));
  return c.slice(0, i);
}

export const PROBLEM = "Tom has 3 boxes with 12 apples each. He gives away 5 apples. How many apples are left?";
export const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
