// The command line, run as a subprocess on the real fixture model, real Pyodide and real node-llama-cpp.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import type { SearchResult } from "../../src/engine/types";
import { FIXTURE_MODELS, ROOT, runCli, SHARED_DATA, startCli, tempDir, TINY, TINY_PROBLEM } from "./helpers";

const GSM8K = join(SHARED_DATA, "gsm8k-test.jsonl");

async function waitFor(predicate: () => boolean, timeoutMs: number): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 100));
  }
}

const lines = (path: string) => readFileSync(path, "utf8").split("\n").filter((l) => l.trim() !== "");

describe("stepwise (usage)", () => {
  test("--help lists every command", async () => {
    const r = await runCli(["--help"]);
    assert.equal(r.code, 0);
    for (const c of ["solve", "bench", "export", "grade", "sandbox", "models"]) assert.match(r.stdout, new RegExp(`stepwise ${c}`));
  });

  test("an unknown command or flag is a usage error (exit 2), not a stack trace", async () => {
    const a = await runCli(["frobnicate"]);
    assert.equal(a.code, 2);
    assert.match(a.stderr, /Unknown command 'frobnicate'/);
    const b = await runCli(["solve", "1+1", "--no-such-flag"]);
    assert.equal(b.code, 2);
    assert.match(b.stderr, /no-such-flag/);
    assert.doesNotMatch(a.stderr + b.stderr, /\n\s+at /);
  });

  test("grade: 0 equal, 1 not equal, 2 bad input", async () => {
    assert.equal((await runCli(["grade", "0.5", "\\frac{1}{2}"])).code, 0);
    assert.equal((await runCli(["grade", "2/4", "0.5"])).code, 0);
    assert.equal((await runCli(["grade", "x = 5", "5"])).code, 0);
    assert.equal((await runCli(["grade", "3", "4"])).code, 1);
    assert.equal((await runCli(["grade", "", "4"])).code, 2);
    assert.equal((await runCli(["grade", "4"])).code, 2);
  });

  test("grade: negative numbers and anything starting with '-' are answers", async () => {
    assert.equal((await runCli(["grade", "-4", "-4"])).code, 0);
    assert.equal((await runCli(["grade", "-4", "4"])).code, 1);
    assert.equal((await runCli(["grade", "--", "-x", "x"])).code, 1);
    assert.equal((await runCli(["grade", "-x", "--", "-x"])).code, 0);
    assert.equal((await runCli(["grade", "-\\frac{1}{2}", "-0.5"])).code, 0);
    const bad = await runCli(["grade", "--no-such-flag", "1", "1"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /no-such-flag/);
  });

  test("grade --explain: what each side gave and which rule decided", async () => {
    const r = await runCli(["grade", "--explain", "So the total is $42$ dollars.", "x = 42"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /extracted:\s+42\s+\(last math span\)/);
    assert.match(r.stdout, /verdict: equal/);
    assert.match(r.stdout, /decided by: .*named value/);
    const no = await runCli(["grade", "--explain", "[1,3]", "(1,3)"]);
    assert.equal(no.code, 1);
    assert.match(no.stdout, /decided by: .*brackets/);
  });
});

describe("stepwise solve", () => {
  test("greedy: a readable, ranked, verified trajectory with the fixture's scripted answer", async () => {
    const r = await runCli(["solve", TINY_PROBLEM, "--strategy", "greedy", ...FIXTURE_MODELS]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /#1\s+answer: 31/);
    assert.match(r.stdout, /apples = 3 \* 12/); // the step's code
    assert.match(r.stdout, /→ 31/); // the execution output
    // What was checked, said precisely, and how sure the search is, beside it.
    assert.match(r.stdout, /^Final answer: 31 {2}— verified: the code ran and the answer is what it printed$/m);
    assert.match(r.stdout, /^How sure: 1 of 1 trajectory agree · PPM score \+0\.\d\d$/m);
    // one trajectory is all greedy has: nothing corroborates it, and the verdict says so
    assert.match(r.stdout, /^Uncertain: only one trajectory reached an answer\.$/m);
    // Per step: the code steps ran, the answer step matches the printed output.
    assert.match(r.stdout, /✓ step 1 {2}code ran/);
    assert.match(r.stdout, /✓ step 3 {2}answer = printed output/);
  });

  test("mcts on the fixture: a verified answer only half the trajectories give is marked uncertain", async () => {
    const r = await runCli(["solve", TINY_PROBLEM, "--top", "5", ...FIXTURE_MODELS]);
    assert.equal(r.code, 0, r.stderr);
    const result = JSON.parse((await runCli(["solve", TINY_PROBLEM, "--json", ...FIXTURE_MODELS])).stdout) as SearchResult;
    const answered = result.trajectories.filter((t) => t.answer !== undefined).length;
    const agree = result.groups[0].votes;
    assert.ok(answered > 1 && agree * 2 <= answered, `the fixture gives ${agree} of ${answered}: the case under test`);
    assert.match(r.stdout, /^Final answer: 31 {2}— verified: the code ran and the answer is what it printed$/m);
    assert.match(r.stdout, new RegExp(`^How sure: ${agree} of ${answered} trajectories agree · PPM score \\+0\\.\\d\\d$`, "m"));
    assert.match(r.stdout, new RegExp(`^Uncertain: only ${agree} of ${answered} trajectories agree\\.$`, "m"));
  });

  test("the embedded models on the README's example, cut at depth 2: a trajectory marked not verified shows why in its steps", async () => {
    // The shipped policy answers this problem in three steps and its code always runs, so a depth limit of two is
    // what makes unverified trajectories here (every one ends without an answer).
    const r = await runCli(["solve", TINY_PROBLEM, "--top", "20", "--threads", "1", "--max-depth", "2"], { timeoutMs: 240_000 });
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    const blocks = r.stdout.split(/\n(?=#\d+ {2}answer:)/).filter((b) => /^#\d+/.test(b));
    const unverified = blocks.filter((b) => /^#\d+ .*\bnot verified: /.test(b));
    assert.ok(unverified.length > 0, "no trajectory is marked not verified at depth 2");
    for (const b of unverified) {
      const head = b.split("\n")[0];
      // the trajectory line says why
      assert.match(head, /not verified: (the answer differs from what the code printed|step \d+'s code failed|no answer was reached)/);
      const marks = [...b.matchAll(/^ {2}([✓✗·]) step \d+/gm)].map((m) => m[1]);
      assert.ok(marks.length > 0);
      if (/no answer was reached/.test(head)) {
        assert.match(b, /^ {6}! no answer by depth 2$/m, `a trajectory without an answer does not say where it stopped:\n${b.slice(0, 400)}`);
      } else {
        assert.ok(marks.some((m) => m !== "✓"), `every step shows ✓ in a trajectory marked not verified:\n${b.slice(0, 400)}`);
      }
    }
  });

  test("the embedded models on a problem whose greedy solution drops a quantity: the number is named, and the vote passes over it", async () => {
    // The shipped policy's greedy solution subtracts Monday's pages only; most of its samples do the same.
    const problem = "Jenna read 23 pages on Monday and 31 pages on Tuesday. Her book has 120 pages. How many pages does she still have to read?";
    const greedy = await runCli(["solve", problem, "--strategy", "greedy", "--threads", "1"], { timeoutMs: 240_000 });
    assert.equal(greedy.code, 0, greedy.stderr);
    assert.match(greedy.stdout, /^#1 {2}answer: 97 .*\n {2}⚠ its code: 31 from the problem is never used$/m);
    assert.match(greedy.stdout, /^Uncertain: only one trajectory reached an answer; its code: 31 from the problem is never used\.$/m);
    const args = ["solve", problem, "--strategy", "self-consistency", "--threads", "1"];
    const [voted, plain] = await Promise.all([runCli([...args, "--json"], { timeoutMs: 240_000 }), runCli([...args, "--json", "--grounding", "off"], { timeoutMs: 240_000 })]);
    const byDefault = JSON.parse(voted.stdout) as SearchResult;
    const off = JSON.parse(plain.stdout) as SearchResult;
    const leaving = byDefault.trajectories.filter((t) => t.verified && (t.unused ?? []).length > 0);
    assert.ok(leaving.length > byDefault.trajectories.length / 2, "most samples leave a number unused: the case under test");
    assert.equal(off.answer, "97", "the plain majority");
    // Every voter uses every number; the answer is theirs.
    const voters = byDefault.groups.flatMap((g) => g.members).map((i) => byDefault.trajectories[i]);
    assert.ok(voters.length > 0 && voters.every((t) => (t.unused ?? []).length === 0));
    assert.equal(byDefault.answer, "66");
  });

  test("non-math text is refused with exit 1 and a clear message, before any model loads", async () => {
    for (const text of ["hello how are you", "Write a poem about the sea"]) {
      const r = await runCli(["solve", text, ...FIXTURE_MODELS]);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /does not look like a math problem/);
      assert.equal(r.stdout, "");
      assert.doesNotMatch(r.stderr, /Loading models|Ready in/);
    }
  });

  test("mcts --json: the whole result with stats, read from standard input", async () => {
    const r = await runCli(["solve", "--json", "--strategy", "mcts", "--rollouts", "6", "--expansions", "4", ...FIXTURE_MODELS], {
      input: TINY_PROBLEM,
    });
    assert.equal(r.code, 0, r.stderr);
    const result = JSON.parse(r.stdout) as SearchResult;
    assert.equal(result.strategy, "mcts");
    // The fixture's PPM prefers the correct path (the vote is by sampled share, so the answer may differ).
    const top = [...result.trajectories].sort((a, b) => b.score - a.score)[0];
    assert.equal(top.answer, "31", "the fixture's PPM prefers the correct path");
    assert.equal(result.answer, result.groups[0].answer);
    assert.equal(result.cancelled, false);
    for (const key of ["tokensEvaluated", "tokensInTree", "tokensGenerated", "modelMs", "sandboxMs", "wallMs"] as const) {
      assert.equal(typeof result.stats[key], "number", key);
    }
    assert.ok(result.stats.tokensInTree > 0 && result.stats.tokensGenerated > 0);
    assert.ok(result.tree.length > 3);
    const best = result.trajectories[0];
    assert.ok(best.verified && best.steps.every((s) => s.verified));
  });

  test("bad input: empty problem, a 1 MB problem, a missing model, a corrupt model", async () => {
    const empty = await runCli(["solve", "   ", ...FIXTURE_MODELS]);
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /empty/);

    const dir = tempDir();
    const huge = join(dir, "huge.txt");
    writeFileSync(huge, "What is 1 + 1? ".repeat(70_000));
    const big = await runCli(["solve", "--file", huge, ...FIXTURE_MODELS]);
    assert.equal(big.code, 2);
    assert.match(big.stderr, /characters long; the limit is/);

    const missing = await runCli(["solve", TINY_PROBLEM, "--policy", join(dir, "nope.gguf")]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.gguf' does not exist/);

    const corrupt = join(dir, "corrupt.gguf");
    writeFileSync(corrupt, Buffer.concat([Buffer.from("GGUF"), Buffer.alloc(64, 7)]));
    const bad = await runCli(["solve", TINY_PROBLEM, "--policy", corrupt, "--reward", "none"]);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /corrupt\.gguf/);
    assert.doesNotMatch(bad.stderr, /\n\s+at /, "no stack trace");
  });

  test("a model that never emits a step marker ends with 'no answer', not a hang", async () => {
    const dir = tempDir();
    const babbler = join(dir, "babbler.gguf");
    execFileSync("python3", [join(ROOT, "test", "cli", "make_babbler.py"), babbler]);
    const r = await runCli(
      ["solve", "What is 2 + 2?", "--policy", babbler, "--reward", "none", "--strategy", "mcts", "--rollouts", "3", "--expansions", "2", "--max-step-tokens", "24", "--max-depth", "3"],
      { timeoutMs: 90_000 },
    );
    assert.equal(r.code, 1, r.stderr);
    // Every step failed: the best partial path shows the failed step and its error, and nothing is answered.
    assert.match(r.stdout, /^Uncertain: no trajectory reached an answer\.$/m);
    assert.match(r.stdout, /^Final answer: \(none\)$/m);
  });

  test("Ctrl-C (SIGINT) stops the search and prints what was found so far", async () => {
    const { child, done } = startCli(["solve", TINY_PROBLEM, "--json", "--strategy", "mcts", "--searches", "400", "--rollouts", "8", ...FIXTURE_MODELS]);
    let stderr = "";
    child.stderr!.on("data", (d) => (stderr += d));
    await waitFor(() => stderr.includes("searching"), 60_000);
    await new Promise((r) => setTimeout(r, 1500));
    child.kill("SIGINT");
    const r = await Promise.race([done, new Promise<never>((_, rej) => setTimeout(() => rej(new Error("did not stop")), 30_000))]);
    assert.equal(r.code, 130, r.stderr);
    const result = JSON.parse(r.stdout) as SearchResult;
    assert.equal(result.cancelled, true);
    assert.ok(result.tree.length > 0);
  });
});

describe("stepwise bench", () => {
  test("20 GSM8K problems: reports, and resumes after an interrupt without redoing work", { skip: !existsSync(GSM8K) && `the GSM8K file is not there (${GSM8K}): the data sets sit beside the repository in ../shared/data` }, async () => {
    const dir = tempDir();
    const out = join(dir, "gsm8k.jsonl");
    const args = ["bench", GSM8K, "--limit", "20", "--strategy", "greedy", "--out", out, ...FIXTURE_MODELS];
    const first = startCli(args);
    await waitFor(() => existsSync(out) && lines(out).length >= 3, 90_000);
    first.child.kill("SIGINT");
    const r1 = await first.done;
    assert.equal(r1.code, 130, r1.stderr);
    const partial = lines(out).length;
    assert.ok(partial >= 3 && partial < 20, `interrupted after ${partial}`);

    const r2 = await runCli(args);
    assert.equal(r2.code, 0, r2.stderr);
    assert.match(r2.stderr + r2.stdout, /Resuming/);
    const records = lines(out).map((l) => JSON.parse(l));
    assert.equal(records.length, 20);
    assert.deepEqual(
      records.map((x) => x.index).sort((a: number, b: number) => a - b),
      [...Array(20).keys()],
    );
    const summary = JSON.parse(readFileSync(out.replace(/\.jsonl$/, ".summary.json"), "utf8"));
    assert.equal(summary.problems, 20);
    assert.equal(summary.correct, records.filter((x) => x.correct).length);
    assert.match(r2.stdout, /greedy: \d+\/20 correct/);
    // every record was graded against GSM8K's '#### n' number
    for (const rec of records) assert.match(rec.reference, /^-?[\d,.]+$/);
  });

  test("a problem's search does not depend on the problems solved before it in the same process", async () => {
    // Seven of the broad split's held-out problems. After the six others, the last one's MCTS tree came out
    // otherwise than alone when slots kept their last problem's use order and the PPM kept its cache.
    const dir = tempDir();
    const problems = [
      {"question": "Railbaon collected 202 leendzas last month. Then the number of leendzas becomes 4 times as large. 75% of the leendzas get damaged and are thrown out. If each leendza is worth $6, how many dollars are all of his leendzas worth?", "answer": "1212"},
      {"question": "Thandi already had $67 saved, and she added $12 each week. Carmen had $53 in her piggy bank and saved $14 a week. After 11 weeks, how many dollars do they have in all?", "answer": "406"},
      {"question": "At the corner store, Ines buys eight rulers at $2 each. She pays with a $20 bill. Work it out: how much change does she get back?", "answer": "4"},
      {"question": "Leila has 30 beads, while Mrs. Brennan has 22. Mrs. Brennan drops 19 beads on the way home. How many beads do Leila and Mrs. Brennan have in all?", "answer": "33"},
      {"question": "Mrs. Brennan had some buttons. First, she gave away 37 of her buttons. After that, she bought 34 more. In the end, she had 50 buttons. How many buttons did Mrs. Brennan start with?", "answer": "53"},
      {"question": "Half a dozen eggs cost $5. Nadia bought 30 eggs. How much do the eggs cost in all?", "answer": "25"},
      {"question": "Ibrahim saves $30 every week. How much money will he have after 6 weeks?", "answer": "180"}
    ];
    const all = join(dir, "seven.jsonl");
    const last = join(dir, "last.jsonl");
    writeFileSync(all, problems.map((p) => JSON.stringify(p)).join("\n") + "\n");
    writeFileSync(last, JSON.stringify(problems[6]) + "\n");
    const bench = (file: string, out: string) =>
      runCli(["bench", file, "--out", out, "--strategy", "mcts", "--rollouts", "48", "--expansions", "4", "--threads", "1", "--context-size", "2048", "--quiet"], { timeoutMs: 600_000 });
    const [a, b] = await Promise.all([bench(all, join(dir, "all-out.jsonl")), bench(last, join(dir, "last-out.jsonl"))]);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    const after = lines(join(dir, "all-out.jsonl")).map((l) => JSON.parse(l)).find((r) => r.index === 6);
    const alone = JSON.parse(lines(join(dir, "last-out.jsonl"))[0]);
    const seen = (r: { answer: string; trajectories: number; stats: { tokensGenerated: number; tokensEvaluated: number; policyCalls: number } }) =>
      [r.answer, r.trajectories, r.stats.tokensGenerated, r.stats.tokensEvaluated, r.stats.policyCalls];
    assert.deepEqual(seen(after), seen(alone));
  });

  test("the oracle column: a right answer that was found but outvoted counts there, not in accuracy", async () => {
    const dir = tempDir();
    const file = join(dir, "p.jsonl");
    // The fixture's 16 samples (seed 7) answer 31 (9 votes), 10 (4), 41 and 20: 10 is found but loses the vote.
    writeFileSync(file, [JSON.stringify({ question: TINY_PROBLEM, answer: "10" }), JSON.stringify({ question: TINY_PROBLEM, answer: "999" })].join("\n") + "\n");
    const out = join(dir, "r.jsonl");
    const r = await runCli(["bench", file, "--strategy", "self-consistency", "--samples", "16", "--seed", "7", "--out", out, "--policy", TINY, "--reward", "none", "--threads", "1"]);
    assert.equal(r.code, 0, r.stderr);
    const [found, missing] = lines(out).map((l) => JSON.parse(l));
    assert.deepEqual([found.answer, found.correct, found.anyCorrect], ["31", false, true]);
    assert.ok(found.answers >= 2, `answers ${found.answers}`);
    assert.deepEqual([missing.correct, missing.anyCorrect], [false, false]);
    const summary = JSON.parse(readFileSync(out.replace(/\.jsonl$/, ".summary.json"), "utf8"));
    assert.deepEqual([summary.accuracy, summary.oracleAccuracy], [0, 0.5]);
    assert.match(r.stdout, /some trajectory right in 50\.0%/);
  });

  test("a malformed JSONL line is named, before any model loads", async () => {
    const dir = tempDir();
    const file = join(dir, "bad.jsonl");
    writeFileSync(file, '{"question": "1+1?", "answer": "2"}\n{"question": oops}\n');
    const r = await runCli(["bench", file, "--policy", TINY]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Line 2 of .*bad\.jsonl is not valid JSON/);
  });
});

describe("stepwise export", () => {
  test("trees and preference pairs consistent with the tree's Q-values", async () => {
    const dir = tempDir();
    const problems = join(dir, "p.jsonl");
    writeFileSync(problems, JSON.stringify({ question: TINY_PROBLEM, answer: "31" }) + "\n");
    const out = join(dir, "out");
    const r = await runCli(["export", "--problems", problems, "--out", out, "--rollouts", "12", "--expansions", "6", ...FIXTURE_MODELS]);
    assert.equal(r.code, 0, r.stderr);
    const [tree] = lines(join(out, "trees.jsonl")).map((l) => JSON.parse(l));
    assert.ok(Array.isArray(tree.nodes) && tree.nodes.length > 3);
    const byId = new Map<number, { id: number; parent: number | null; q: number; raw: string }>(tree.nodes.map((n: { id: number }) => [n.id, n]));
    const pairs = lines(join(out, "pairs.jsonl")).map((l) => JSON.parse(l));
    assert.ok(pairs.length > 0, "the fixture's wrong and right steps give pairs");
    for (const p of pairs) {
      const chosen = byId.get(p.chosenId)!;
      const rejected = byId.get(p.rejectedId)!;
      assert.ok(chosen && rejected, "pair nodes are in the tree");
      assert.equal(chosen.parent, rejected.parent, "same partial solution");
      assert.ok(chosen.q > rejected.q, `chosen Q ${chosen.q} > rejected Q ${rejected.q}`);
      assert.equal(p.chosenQ, chosen.q);
      assert.equal(p.rejectedQ, rejected.q);
    }
  });

  test("export: a problem too long for the context is named and skipped; the others keep their trees", async () => {
    const dir = tempDir();
    const problems = join(dir, "p.jsonl");
    const long = `${"Ann has 3 red pens and 4 blue pens in a cup on her desk. ".repeat(40)}How many pens does Ann have?`;
    writeFileSync(problems, [{ id: "long", question: long, answer: "7" }, { id: "tiny", question: TINY_PROBLEM, answer: "31" }].map((p) => JSON.stringify(p)).join("\n") + "\n");
    const out = join(dir, "out");
    const r = await runCli(["export", "--problems", problems, "--out", out, "--rollouts", "4", "--expansions", "2", "--context-size", "512", ...FIXTURE_MODELS]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /problem long: The prompt has \d+ tokens; the context holds 512/);
    assert.match(r.stdout, /Wrote 1 trees .* 1 problem failed and have no tree \(long\)/);
    const trees = lines(join(out, "trees.jsonl")).map((l) => JSON.parse(l));
    assert.deepEqual(trees.map((t) => t.id), ["tiny"]);
  });
});

describe("stepwise sandbox", () => {
  test("runs a file as a step and prints the structured result", async () => {
    const dir = tempDir();
    const ok = join(dir, "ok.py");
    writeFileSync(ok, "from sympy import Rational\nprint(Rational(1, 3) + Rational(1, 6))\n");
    const a = await runCli(["sandbox", ok]);
    assert.equal(a.code, 0, a.stderr);
    const res = JSON.parse(a.stdout);
    assert.equal(res.status, "ok");
    assert.equal(res.stdout.trim(), "1/2");
    assert.equal(typeof res.durationMs, "number");

    const loop = join(dir, "loop.py");
    writeFileSync(loop, "while True:\n    pass\n");
    const b = await runCli(["sandbox", loop, "--timeout", "500"]);
    assert.equal(b.code, 1);
    assert.equal(JSON.parse(b.stdout).status, "timeout");
  });
});
