// Shared by the extension-host suites.

import * as path from "node:path";

/**
 * Settings (keys under "stepwise.") for a search that cannot end on its own while a test acts on it: the noise
 * fixture as policy (it writes until its token limit and never closes a step) and self-consistency over 1,024
 * samples, minutes of work.
 */
export function endlessSearchSettings(extensionPath: string): Record<string, unknown> {
  return {
    "models.policyPath": path.join(extensionPath, "models/fixtures/random-tiny.gguf"),
    "search.strategy": "self-consistency",
    "search.samples": 1024,
  };
}
