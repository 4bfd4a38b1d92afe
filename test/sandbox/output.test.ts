// The output truncation rule, without Pyodide.
import assert from "node:assert/strict";
import { test } from "node:test";
import { BoundedText, truncateOutput } from "../../src/sandbox/output";

test("short output is kept whole", () => {
  assert.equal(truncateOutput("hello\n", 1024), "hello\n");
  const b = new BoundedText(10);
  b.writeText("0123456789");
  assert.equal(b.finish(), "0123456789");
});

test("long output keeps head and tail within the limit", () => {
  const text = "H".repeat(2000) + "T".repeat(2000);
  const out = truncateOutput(text, 1024);
  assert.ok(out.length <= 1024);
  assert.ok(out.startsWith("HHH"));
  assert.ok(out.endsWith("TTT"));
  assert.equal(out, "H".repeat(510) + "\n...\n" + "T".repeat(509));
});

test("streamed capture matches truncating the whole text", () => {
  for (const limit of [50, 100, 1024]) {
    for (const size of [limit - 1, limit, limit + 1, 2 * limit, 10 * limit + 7]) {
      const text = Array.from({ length: size }, (_, i) => String.fromCharCode(97 + (i % 26))).join("");
      const b = new BoundedText(limit);
      for (let i = 0; i < text.length; i += 7) b.writeText(text.slice(i, i + 7));
      assert.equal(b.finish(), truncateOutput(text, limit), `limit ${limit} size ${size}`);
    }
  }
});

test("multi-byte characters split across writes decode correctly", () => {
  const bytes = new TextEncoder().encode("π≈3.14159 ✓\n");
  const b = new BoundedText(1024);
  for (const byte of bytes) b.writeBytes(new Uint8Array([byte]));
  assert.equal(b.finish(), "π≈3.14159 ✓\n");
});
