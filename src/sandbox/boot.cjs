// How a sandbox interpreter is warmed up, in one place for the two that must do it alike: the worker
// (worker.ts), when it boots without the start-up snapshot, and the snapshot build
// (scripts/build-python-assets.mjs). Plain CommonJS, so the build script loads it as it is.
"use strict";

/** Where the packages zip sits in the in-memory FS: Python imports from it in place (zipimport). */
const PACKAGES_ZIP = "/lib/python-packages.zip";

/** Where python/warmup.py is written before the warm-up snippet runs it. */
const WARMUP_FILE = "/tmp/warmup.py";
const WARMUP_DIR = WARMUP_FILE.slice(0, WARMUP_FILE.lastIndexOf("/"));

/** Python that runs python/warmup.py (already written to WARMUP_FILE) as a module, then forgets it. */
function warmUpSnippet(withSympy) {
  return `import sys
sys.path.insert(0, ${JSON.stringify(WARMUP_DIR)})
import warmup
warmup.warm_up(${withSympy ? "True" : "False"}, ${JSON.stringify(PACKAGES_ZIP)})
del sys.modules["warmup"], warmup
sys.path.remove(${JSON.stringify(WARMUP_DIR)})`;
}

module.exports = { PACKAGES_ZIP, WARMUP_FILE, warmUpSnippet };
