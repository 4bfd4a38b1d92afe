// The command line's flags: written from the engine's knob table, one name for the sandbox limit that
// reaches every comparison, and problem text that starts with '-'.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { SEARCH_KNOBS, STRATEGIES } from "../../src/engine/knobs";
import type { ExecOptions, SearchResult } from "../../src/engine/types";
import { looksLikeFlag, parse, SEARCH_OPTIONS, searchOptionsFrom } from "../../src/cli/args";
import { solveOne } from "../../src/cli/bench";
import { ScriptedPolicy, ScriptedSandbox } from "../engine/doubles";
import { FIXTURE_MODELS, runCli, tempDir } from "./helpers";

describe("help", () => {
  test("'stepwise --help' lists every command and every form of 'models', 'check' included", async () => {
    const r = await runCli(["--help"]);
    assert.equal(r.code, 0);
    for (const form of ["solve", "bench", "export", "grade", "sandbox", "models \\[list\\]", "models download", "models check"]) {
      assert.match(r.stdout, new RegExp(`stepwise ${form}`), form);
    }
  });

  test("'solve --help' shows every knob flag with the table's default and range", async () => {
    const r = await runCli(["solve", "--help"]);
    assert.equal(r.code, 0);
    const flagged = SEARCH_KNOBS.filter((k) => k.flag);
    assert.ok(flagged.length >= 10);
    for (const k of flagged) {
      // The flag's entry: from its line to the next flag's line, wrapped lines joined.
      const start = r.stdout.indexOf(`--${k.flag} `);
      assert.ok(start >= 0, k.flag);
      const rest = r.stdout.slice(start);
      const entry = rest.slice(0, rest.slice(1).search(/\n\s*(?:-\w, )?--/) + 1).replace(/\s+/g, " ");
      assert.ok(entry.includes(`(default ${k.default}`), `${k.flag}: ${entry}`);
      assert.ok(entry.includes(`${k.min}–${k.max})`), `${k.flag}: ${entry}`);
    }
    for (const s of STRATEGIES) assert.match(r.stdout, new RegExp(`\\b${s}\\b`));
  });
});

describe("knob flags", () => {
  test("every knob with a flag is an option, parsed within the table's range", () => {
    for (const k of SEARCH_KNOBS.filter((x) => x.flag)) {
      assert.ok(SEARCH_OPTIONS[k.flag!], k.flag);
      assert.equal(searchOptionsFrom(parse([`--${k.flag}`, String(k.max)], SEARCH_OPTIONS).values)[k.key], k.max);
      assert.throws(() => searchOptionsFrom(parse([`--${k.flag}`, String(k.max + 1)], SEARCH_OPTIONS).values), new RegExp(`--${k.flag} must be`));
    }
  });

  test("a flag's negative value is read as its value and checked, not taken for a flag", () => {
    assert.throws(() => searchOptionsFrom(parse(["--seed", "-3"], SEARCH_OPTIONS).values), /--seed must be a whole number ≥ 0/);
  });
});

describe("problem text that starts with '-'", () => {
  test("the rule: only flag-shaped arguments are flags", () => {
    for (const a of ["--rollouts", "--top-p=0.9", "-q", "-qn"]) assert.ok(looksLikeFlag(a), a);
    for (const a of ["-3 + 5", "-3", "-1/2", "-x^2 = 4", "- 2", "-.5"]) assert.ok(!looksLikeFlag(a), a);
    assert.deepEqual(parse(["-3 + 5", "-q"], { q: { type: "boolean", short: "q" } }), { values: { q: true }, positionals: ["-3 + 5"] });
    assert.deepEqual(parse(["-q", "--", "-q", "--x"], { q: { type: "boolean", short: "q" } }).positionals, ["-q", "--x"]);
  });

  for (const args of [["--", "-3 + 5"], ["-3 + 5"]]) {
    test(`stepwise solve ${args.map((a) => JSON.stringify(a)).join(" ")} solves "-3 + 5"`, async () => {
      const r = await runCli(["solve", "--json", "--strategy", "greedy", ...FIXTURE_MODELS, ...args]);
      assert.notEqual(r.code, 2, r.stderr);
      assert.equal((JSON.parse(r.stdout) as SearchResult).problem, "-3 + 5");
    });
  }

  test("a flag-shaped unknown argument is still a usage error that names it", async () => {
    const r = await runCli(["solve", "-x", ...FIXTURE_MODELS]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /'-x'/);
  });
});

describe("one sandbox limit", () => {
  // Runs about a second of wall-clock time, then prints: inside the default 5 s limit, outside 200 ms.
  const dir = tempDir();
  const second = join(dir, "second.py");
  writeFileSync(second, "import time\nt = time.time()\nwhile time.time() - t < 1.0:\n    pass\nprint('done')\n");

  test("'stepwise sandbox --step-timeout' is the solve flag's limit; --timeout is another name for it", async () => {
    const plain = await runCli(["sandbox", second]);
    assert.equal(JSON.parse(plain.stdout).status, "ok", plain.stderr);
    for (const flag of ["--step-timeout", "--timeout"]) {
      const r = await runCli(["sandbox", second, flag, "200"]);
      assert.equal(r.code, 1);
      assert.equal(JSON.parse(r.stdout).status, "timeout", flag);
    }
    const both = await runCli(["sandbox", second, "--timeout", "200", "--step-timeout", "200"]);
    assert.equal(both.code, 2);
    const low = await runCli(["sandbox", second, "--step-timeout", "5"]);
    assert.equal(low.code, 2);
    assert.match(low.stderr, /--step-timeout must be a whole number ≥ 100/);
  });

  test("bench's --step-timeout bounds the comparison with the reference too, not only the steps", async () => {
    const options = searchOptionsFrom(parse(["--step-timeout", "1234", "--strategy", "greedy"], SEARCH_OPTIONS).values);
    assert.equal(options.stepTimeoutMs, 1234);
    const limits: Array<[string, number | undefined]> = [];
    const sandbox = new (class extends ScriptedSandbox {
      override run(code: string, o?: ExecOptions) {
        limits.push(["run", o?.timeoutMs]);
        return super.run(code, o);
      }
      async symbolicEqual(_a: string, _b: string, o?: ExecOptions) {
        limits.push(["symbolicEqual", o?.timeoutMs]);
        return true;
      }
    })();
    // \sqrt{-2}\cdot\sqrt{-2} against -2 (complex intermediate values): the plain rules cannot decide, the
    // sandbox must.
    const policy = new ScriptedPolicy({ "": [{ text: "x = -2\nprint(x)", stop: "code" }], "x = -2\nprint(x)": [{ text: "The answer is \\boxed{\\sqrt{-2}\\cdot\\sqrt{-2}}", stop: "answer" }] });
    const rec = await solveOne({ index: 0, id: "0", question: "sqrt(-2) squared?", reference: "-2" }, { policy, sandbox }, options, new AbortController().signal);
    assert.equal(rec.error, undefined);
    assert.equal(rec.correct, true, "graded through the sandbox");
    assert.ok(limits.some(([c]) => c === "symbolicEqual"));
    for (const [call, ms] of limits) assert.equal(ms, 1234, call);
  });
});
