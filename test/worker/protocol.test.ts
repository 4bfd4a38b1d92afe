import { test } from "node:test";
import assert from "node:assert/strict";
import { parseFromWebview } from "../../src/protocol";

test("accepts each well-formed webview message", () => {
  assert.deepEqual(parseFromWebview({ type: "ready", hasState: false }), { type: "ready", hasState: false });
  assert.deepEqual(parseFromWebview({ type: "insert", trajectory: 2, what: "solution" }), { type: "insert", trajectory: 2, what: "solution" });
  assert.deepEqual(parseFromWebview({ type: "rerun", strategy: "beam" }), { type: "rerun", strategy: "beam" });
  assert.deepEqual(parseFromWebview({ type: "cancel", requestId: 7 }), { type: "cancel", requestId: 7 });
});

test("rejects malformed messages and drops unknown fields", () => {
  assert.equal(parseFromWebview(null), undefined);
  assert.equal(parseFromWebview("insert"), undefined);
  assert.equal(parseFromWebview({ type: "insert", trajectory: -1, what: "answer" }), undefined);
  assert.equal(parseFromWebview({ type: "insert", trajectory: 1.5, what: "answer" }), undefined);
  assert.equal(parseFromWebview({ type: "copy", trajectory: 0, what: "everything" }), undefined);
  assert.equal(parseFromWebview({ type: "rerun", strategy: "rm -rf" }), undefined);
  assert.equal(parseFromWebview({ type: "run-python", code: "1" }), undefined);
  assert.deepEqual(parseFromWebview({ type: "export-tree", extra: "x" }), { type: "export-tree" });
});
