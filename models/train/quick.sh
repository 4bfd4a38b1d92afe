#!/usr/bin/env bash
# Quick mode of the model pipeline (CI: `npm run test:models`, a few minutes on 2 cores).
# Every stage of run_all.sh on tiny data with a tiny network, with real checks:
#   1. the generator's solutions print their answers, the held-out op sequences never occur in training, and no
#      generated problem is one of the hand-written evaluation set (models/eval/); renamed problems (--fresh)
#      are the same problems with no listed name left;
#   2. the exported policy GGUF, loaded by node-llama-cpp, tokenizes like training and gives the same
#      next-token probabilities and greedy tokens as torch, and so do the weights read back from that GGUF;
#   3. the PPM set-up fits its own training pairs: a PPM trained from the tiny policy on a few hundred step
#      pairs (a solution against copies with one error) must rank at least 95% of them right (ppm_fit.py),
#      and its packed encoding (each problem's shared steps encoded once) scores as separate sequences do;
#   4. round 1: the project's MCTS (`stepwise export`, real Pyodide) on training problems with terminals valued
#      against the reference, step-preference pairs, PPM pairwise training, and the same check on the PPM GGUF;
#   5. round 2's data: the verified right trajectories of the project's search (verified.py) are well-formed
#      solutions whose code prints the reference answer, and the policy trains on them;
#   6. the committed default models (models/stepwise-*.gguf) drive the project's own search (`stepwise solve`,
#      MCTS + PPM, real Pyodide) to a verified trajectory that uses the question's numbers and PPM scores.
#      (Not necessarily the right answer: see models/MODEL_CARD.md for how often it is.)
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=/usr/bin/python3
W=models/.build/quick
rm -rf "$W"; mkdir -p "$W"
# Each stage is one check: it passes when every command in it succeeds (set -e stops at the first failure).
# The last line is "N passed, N failed", the form the test runner (test/all.sh) counts.
passed=0; current=""
step() {
  if [ -n "$current" ]; then passed=$((passed + 1)); fi
  current="$1"; printf '\n== %s (%ss)\n' "$1" "$SECONDS"
}
trap 'rc=$?; if [ $rc -ne 0 ]; then echo "FAILED: $current"; echo "$passed passed, 1 failed"; fi' EXIT

if ! $PY -c "import torch, numpy" 2>/dev/null; then
  echo "installing Debian's python3-torch (one time)"
  apt-get install -y -qq python3-torch libopenblas0-pthread python3-numpy >/dev/null
fi

step "generate problems (chains and everyday families; none of the hand-written set)"
$PY models/train/problems.py --train 600 --test 20 --seed 7 --out "$W/data"
$PY models/train/problems.py --train 300 --test 5 --seed 7 --everyday 1 --families first --out "$W/data-first" >/dev/null
# the same draws with every problem's people and things renamed (fresh.py); problems.py checks each renamed solution
$PY models/train/problems.py --train 300 --test 5 --seed 8 --everyday 0.7 --out "$W/data-plain" >/dev/null
$PY models/train/problems.py --train 300 --test 5 --seed 8 --everyday 0.7 --fresh 1 --out "$W/data-fresh" >/dev/null
$PY - "$W/data/train.jsonl" "$W/data/test.jsonl" "$W/data-first/train.jsonl" <<'PYEOF'
import json, sys
sys.path.insert(0, "models/train")
from everyday import FIRST_FAMILIES
from problems import eval_questions, normalise
hw = eval_questions()
rows = [json.loads(l) for p in sys.argv[1:3] for l in open(p)]
assert len(hw) >= 150, "the hand-written set has %d problems" % len(hw)
assert not [r for r in rows if normalise(r["question"]) in hw], "a generated problem equals a hand-written one"
fams = {r["ops"].split("|")[1] for r in rows if r["ops"].startswith("everyday|")}
assert len(fams) >= 14, fams
# the first fine-tune's families alone (a signature's second field names its family)
first = {json.loads(l)["ops"].split("|")[1] for l in open(sys.argv[3])}
assert first <= set(FIRST_FAMILIES) and len(first) >= 6, first
print("%d generated problems, %d everyday families, none of the %d hand-written ones" % (len(rows), len(fams), len(hw)))
PYEOF
$PY - "$W/data-plain/train.jsonl" "$W/data-fresh/train.jsonl" <<'PYEOF'
import json, re, sys
sys.path.insert(0, "models/train")
from problems import freshener
plain, fresh = ([json.loads(l) for l in open(p)] for p in sys.argv[1:3])
f = freshener()
listed = re.compile(r"\b(%s)\b" % "|".join(re.escape(w) for w in sorted(f.people, key=len, reverse=True)))
# the same problems (answers and signatures), renamed: no listed name is left in a question that had one
assert [(p["answer"], p["ops"]) for p in plain] == [(p["answer"], p["ops"]) for p in fresh]
had = [i for i, p in enumerate(plain) if listed.search(p["question"])]
assert len(had) > 100 and not [i for i in had if listed.search(fresh[i]["question"])], "a listed name survived"
changed = sum(a["question"] != b["question"] for a, b in zip(plain, fresh))
assert changed > 0.8 * len(plain), changed
print("%d of %d problems renamed, answers unchanged" % (changed, len(plain)))
PYEOF
# the wide generators' own checks: every family's code gives its answer, every number the code writes is stated in
# the question (digits, words, idioms) or a common constant, enough signatures on both sides of the held-out split
$PY models/train/stories.py 1500 3 | tail -n 2
$PY models/train/scenes.py 6000 3 | tail -n 1
# quoted steps (quote.py): the same draws, each step's comment a sentence of its question where one states its numbers
$PY models/train/problems.py --train 400 --test 10 --seed 9 --wide 0.7 --everyday 0.5 --out "$W/data-wide" >/dev/null
$PY models/train/problems.py --train 400 --test 10 --seed 9 --wide 0.7 --everyday 0.5 --quote --out "$W/data-quote" >/dev/null
$PY - "$W/data-wide/train.jsonl" "$W/data-quote/train.jsonl" <<'PYEOF'
import json, re, sys
sys.path.insert(0, "models/train")
from numwords import stated
from quote import split_sentences
plain, quoted = ([json.loads(l) for l in open(p)] for p in sys.argv[1:3])
assert [(p["question"], p["answer"], p["ops"]) for p in plain] == [(p["question"], p["answer"], p["ops"]) for p in quoted]
code = lambda s: [l for l in s.split("<end_of_code>")[0].splitlines() if not l.startswith(("#", "<"))]
assert all(code(a["solution"]) == code(b["solution"]) for a, b in zip(plain, quoted)), "quoting changed the code"
steps = quotes = 0
for p in quoted:
    sents = split_sentences(p["question"])
    for c in re.findall(r"^# Step \d+: (.*)$", p["solution"], re.M):
        steps += 1
        quotes += any(c == s or c.startswith(s + " (") for s in sents)
assert quotes > 0.6 * steps, (quotes, steps)
assert stated("Mom bought a dozen eggs and twenty-four apples for $3.50.") == {12: "dozen", 24: "twenty-four", 3.5: None}
assert split_sentences("Mr. Lee has 5 pens. He buys 2 more. Work it out: how many pens?") == \
    ["Mr. Lee has 5 pens.", "He buys 2 more.", "Work it out:", "how many pens?"]
print("quoted steps: %d of %d comments are sentences of their question; code unchanged" % (quotes, steps))
PYEOF

step "train a tiny policy (75 s, two processes: parallel.py)"
$PY models/train/train_policy.py --config tiny --minutes 1.25 --lr 3e-3 --batch-tokens 4096 --procs 2 \
  --data "$W/data/train.jsonl" --ckpt "$W/policy.pt" --gguf "$W/policy.gguf" | grep -E "^(policy|done|wrote)"

step "check the policy export against torch in node-llama-cpp"
$PY models/train/check_export.py --ckpt "$W/policy.pt" --gguf "$W/policy.gguf" \
  --problems "$W/data/test.jsonl" --n 2 --max-new 120 --report "$W/policy-check.json"
# the same weights read back from the GGUF (models/tools/gguf_reader.py: training can start from a shipped file)
$PY models/train/check_export.py --ckpt "$W/policy.gguf" --gguf "$W/policy.gguf" \
  --problems "$W/data/test.jsonl" --n 1 --max-new 40 --report "$W/policy-gguf-check.json"

step "the PPM fits its own training pairs (>= 95% of a few hundred)"
# short problems (1-2 operations) keep it quick; at most 30 epochs, it stops once 97% are ranked right
$PY models/train/problems.py --train 300 --test 10 --seed 8 --train-ops 1,2 --out "$W/fit-data" >/dev/null
$PY models/train/ppm_fit.py --problems "$W/fit-data/train.jsonl" --policy "$W/policy.pt" --pairs 200 --epochs 30 \
  --report "$W/ppm-fit.json" | grep -E "^(epoch|ppm fit|FAILED)"

step "round 1: the project's MCTS labels steps against the reference answers (stepwise export)"
head -n 6 "$W/data/train.jsonl" > "$W/few.jsonl"
[ -f dist/cli.js ] || node esbuild.mjs >/dev/null
node dist/cli.js export --problems "$W/few.jsonl" --out "$W/export" --policy "$W/policy.gguf" --reward none \
  --strategy mcts --rollouts 4 --expansions 3 --max-step-tokens 120 --threads 1 --prompt-style rstar --quiet
# A 75-second policy rarely finishes a solution: add the generator's solution and a corrupted copy so there
# are preference pairs to train on.
$PY models/train/from_export.py "$W/export" "$W/labels.jsonl" --add-reference "$W/few.jsonl" | tee "$W/labels.json"
$PY - "$W/export/trees.jsonl" "$W/labels.jsonl" <<'PYEOF'
import json, sys
trees = [json.loads(l) for l in open(sys.argv[1])]
labs = [json.loads(l) for l in open(sys.argv[2])]
assert len(trees) == 6 == len(labs), (len(trees), len(labs))
for t, lab in zip(trees, labs):
    steps = [n for n in t["nodes"] if n["parent"] is not None]
    assert steps, "an empty tree"
    # every terminal is valued against the reference: Q backed up from +1 or -1
    for n in steps:
        if n["status"] == "terminal":
            assert -1 <= n["q"] <= 1 and n["visits"] >= 1, n
    assert all(s.endswith(("<end_of_step>\n", "<end_of_output>\n", "<answer>", "<end_of_answer>")) for tr in lab["trajectories"] for s in tr["steps"])
    assert lab["pairs"], "no preference pair for problem %s" % lab["index"]
    for p in lab["pairs"]:
        assert p["chosenQ"] > 0 > p["rejectedQ"], p
print("%d trees, %d nodes, %d pairs" % (len(trees), sum(len(t["nodes"]) for t in trees), sum(len(l["pairs"]) for l in labs)))
PYEOF

step "train the PPM from the pairs (two processes) and check its export"
$PY models/train/train_ppm.py --labels "$W/labels.jsonl" --policy "$W/policy.pt" --minutes 0.4 --procs 2 \
  --ckpt "$W/ppm.pt" --gguf "$W/ppm.gguf" --check | grep -E "^(ppm|held|done|export)"
$PY models/train/ppm_pairs.py --labels "$W/labels.jsonl" --ppm "$W/ppm.pt" --before "$W/policy.pt" --out "$W/ppm-pairs.json" >/dev/null
$PY - "$W/ppm-pairs.json" <<'PYEOF'
import json, sys
r = json.load(open(sys.argv[1]))
for m in ("ppm", "before"):
    assert r[m]["all"]["pairs"] == sum(r[m][k]["pairs"] for k in ("tree-vs-tree", "reference-vs-tree", "reference-vs-corrupted")) > 0, r
print("pairwise accuracy by kind: %s" % {k: v["accuracy"] for k, v in r["ppm"].items()})
PYEOF

step "round 2: the verified right trajectories of a search become SFT data the policy trains on"
# The committed policy (the tiny one rarely finishes a solution) searches 12 one-or-two-operation problems;
# verified.py keeps the root-to-terminal paths whose code ran and whose answer is the reference's.
[ -f dist/cli.js ] || node esbuild.mjs >/dev/null
head -n 12 "$W/fit-data/train.jsonl" > "$W/round2.jsonl"
node dist/cli.js export --problems "$W/round2.jsonl" --out "$W/export-round2" --policy models/stepwise-policy.gguf \
  --reward none --strategy mcts --rollouts 6 --expansions 3 --threads 1 --context-size 2048 --prompt-style rstar --quiet
$PY models/train/verified.py "$W/export-round2" --out "$W/verified.jsonl" | tee "$W/verified.json"
$PY - "$W/verified.jsonl" "$W/round2.jsonl" <<'PYEOF'
import json, re, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
refs = {json.loads(l)["question"]: json.loads(l)["answer"] for l in open(sys.argv[2])}
assert rows, "the search found no verified right trajectory on 12 one-or-two-operation problems"
for r in rows:
    assert refs[r["question"]] == r["answer"], r
    boxed = re.findall(r"\\boxed\{([^}]*)\}", r["solution"])
    assert boxed and boxed[-1] == r["answer"], r["solution"]
    # the output the engine inserted is what the sandbox printed when it ran the code (the model's code never
    # runs outside the sandbox)
    printed = re.findall(r"<output>(.*?)<end_of_output>", r["solution"], re.S)
    assert printed and printed[-1].strip().splitlines()[-1] == r["answer"], r["solution"]
    assert r["solution"].count("<end_of_code>") == 1 and r["solution"].endswith("<end_of_answer>"), r["solution"]
print("%d verified right trajectories; each one's sandbox output and boxed answer are the reference" % len(rows))
PYEOF
$PY models/train/train_policy.py --init "$W/policy.pt" --data "$W/verified.jsonl" --max-steps 5 --minutes 1 \
  --lr 1e-3 --batch-tokens 4096 --ckpt "$W/policy-round2.pt" --gguf "$W/policy-round2.gguf" | grep -E "^(policy|done|wrote)"

step "the committed models drive the project's search to a verified trajectory"
if [ -f models/stepwise-policy.gguf ] && [ -f models/stepwise-ppm.gguf ]; then
  [ -f dist/cli.js ] || node esbuild.mjs >/dev/null
  Q="Nora has 6 boxes, and each box holds 12 shells. She gives 15 shells to Omar. How many shells does Nora have now?"
  node dist/cli.js solve "$Q" --policy models/stepwise-policy.gguf --reward models/stepwise-ppm.gguf \
    --strategy mcts --rollouts 4 --expansions 4 --threads 1 --context-size 2048 --json > "$W/solve.json"
  $PY - "$W/solve.json" <<'PYEOF'
import json, math, sys
r = json.load(open(sys.argv[1]))
ok = [t for t in r["trajectories"] if t["verified"] and t.get("answerMatchesOutput")]
assert ok, "no verified trajectory whose boxed answer matches its printed output"
t = ok[0]
code = "\n".join(s["code"] for s in t["steps"])
# the policy must take the numbers from the question (the arithmetic is the code's job)
import re
assert re.search(r"\b6\b", code) and re.search(r"\b12\b", code), "the steps do not use the question's numbers:\n" + code
scores = [s["score"] for s in t["steps"]]
assert all(isinstance(x, (int, float)) and -1 <= x <= 1 for x in scores), "PPM scores missing: %r" % scores
print("verified trajectory, answer %s (reference 57), PPM step scores %s" % (t["answer"], [round(x, 2) for x in scores]))
PYEOF
else
  echo "FAILED: models/stepwise-policy.gguf or models/stepwise-ppm.gguf is missing"; exit 1
fi
passed=$((passed + 1))
printf '\n== quick model pipeline done (%ss)\n%s passed, 0 failed\n' "$SECONDS" "$passed"
