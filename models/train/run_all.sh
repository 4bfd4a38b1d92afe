#!/usr/bin/env bash
# The whole model pipeline from scratch, one command (stages 1-3 are time-budgeted to about 1 hour on a
# 2-core machine; stage 4, the accuracy table on 500 problems per strategy in two lanes, takes about 30 more minutes):
#   bash models/train/run_all.sh
# Writes models/stepwise-policy.gguf, models/stepwise-ppm.gguf, the numbers under models/train/work/ and
# bench/results/models.*; OUT, WORK, DATA and RESULTS move them elsewhere (a trial run that keeps the shipped models).
# Sizes can be changed through the environment (defaults = the shipped models):
#   POLICY_MIN=45 PPM_MIN=12 TRAIN_PROBLEMS=30000 COLLECT_PROBLEMS=200 COLLECT_ROLLOUTS=8 VOCAB_SIZE=1024
#   EVERYDAY=0.5 (share of everyday.py's problems; 0 = the chains alone, what the shipped models were trained on)
#   CORRUPTIONS=3 (copies of each reference solution with one error, for the PPM's pairs)
# and those of models/train/bench.sh (BENCH_GREEDY, BENCH_SEARCH, ...).
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=/usr/bin/python3
W=${WORK:-models/train/work}
D=${DATA:-models/train/data}
OUT=${OUT:-models}
export WORK="$W" DATA="$D" OUT RESULTS="${RESULTS:-bench/results}"
mkdir -p "$W" "$OUT"
POLICY_MIN=${POLICY_MIN:-45}
PPM_MIN=${PPM_MIN:-12}
VOCAB_SIZE=${VOCAB_SIZE:-1024}
TRAIN_PROBLEMS=${TRAIN_PROBLEMS:-30000}
COLLECT_PROBLEMS=${COLLECT_PROBLEMS:-200}
COLLECT_ROLLOUTS=${COLLECT_ROLLOUTS:-8}
EVERYDAY=${EVERYDAY:-0.5}
CORRUPTIONS=${CORRUPTIONS:-3}
export EVERYDAY
step() { printf '\n== %s (%s)\n' "$1" "$(date +%T)"; }

$PY -c "import torch, numpy" 2>/dev/null || apt-get install -y -qq python3-torch libopenblas0-pthread python3-numpy

step "1. problems: $TRAIN_PROBLEMS training, 600 held-out (unseen operation sequences), two curriculum sets"
# (problems.py never writes one of the hand-written evaluation problems in models/eval/, and checks it)
$PY models/train/problems.py --train "$TRAIN_PROBLEMS" --test 600 --seed 1 --everyday "$EVERYDAY" --out "$D"
$PY models/train/problems.py --train 20000 --test 10 --seed 2 --train-ops 1,2 --everyday "$EVERYDAY" --out "$D/short"
$PY models/train/problems.py --train 20000 --test 10 --seed 3 --train-ops 1,5 --everyday "$EVERYDAY" --out "$D/mix"
# The vocabulary: byte pieces + word pieces learnt from the training problems (deterministic: the generator is
# seeded, so this rewrites models/train/vocab.json with the same pieces)
$PY models/train/vocab.py --data "$D/train.jsonl" --size "$VOCAB_SIZE" --out models/train/vocab.json

step "2. policy SFT ($POLICY_MIN min): all three sets together, 1-5 operations"
cat "$D/train.jsonl" "$D/short/train.jsonl" "$D/mix/train.jsonl" > "$W/sft.jsonl"
$PY models/train/train_policy.py --data "$W/sft.jsonl" --val "$D/test.jsonl" --minutes "$POLICY_MIN" \
  --lr 3e-3 --batch-tokens 4096 --ckpt "$W/policy.pt" --gguf "$OUT/stepwise-policy.gguf" | tee "$W/policy.log"
$PY models/train/check_export.py --ckpt "$W/policy.pt" --gguf "$OUT/stepwise-policy.gguf" \
  --problems "$D/test.jsonl" --n 3 --report "$W/policy-check.json"

step "3. round 1: the project's MCTS with the policy on training problems (terminal-guided: no PPM yet, terminals +1/-1 against the reference), Q-value labels, step pairs, PPM ($PPM_MIN min)"
# Problems from the END of the 2-5 operation set (the SFT saw them at most about once), in two lanes.
tail -n "$COLLECT_PROBLEMS" "$D/train.jsonl" > "$W/collect.jsonl"
half=$(( (COLLECT_PROBLEMS + 1) / 2 ))
head -n "$half" "$W/collect.jsonl" > "$W/collect-a.jsonl"
tail -n +"$((half + 1))" "$W/collect.jsonl" > "$W/collect-b.jsonl"
tail -n 60 "$D/test.jsonl" > "$W/ppm-heldout.jsonl"
round1() { # problems file, export folder (every step's code runs in the Pyodide sandbox)
  node dist/cli.js export --problems "$1" --out "$2" --policy "$OUT/stepwise-policy.gguf" --reward none --strategy mcts \
    --rollouts "$COLLECT_ROLLOUTS" --expansions 4 --threads 1 --context-size 2048 --prompt-style rstar --quiet
}
node esbuild.mjs >/dev/null
round1 "$W/collect-a.jsonl" "$W/export-train-a" & R1=$!
round1 "$W/collect-b.jsonl" "$W/export-train-b"
round1 "$W/ppm-heldout.jsonl" "$W/export-heldout"
wait "$R1"
# A problem the policy never solves in its tree still gets the generator's solution and copies with one error
# each, so the pairs always include right-vs-wrong steps at the same prefix.
KINDS=number,digit,operation,sign,carry
for lane in a b; do
  $PY models/train/from_export.py "$W/export-train-$lane" "$W/collect-labels-$lane.jsonl" \
    --add-reference "$W/collect-$lane.jsonl" --corruptions "$CORRUPTIONS" --kinds "$KINDS" > "$W/collect-labels-$lane.json"
done
cat "$W/collect-labels-a.jsonl" "$W/collect-labels-b.jsonl" > "$W/collect-labels.jsonl"
$PY - "$W/collect-labels-a.json" "$W/collect-labels-b.json" <<'PYEOF' | tee "$W/collect-labels.json"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
print(json.dumps({k: a.get(k, 0) + b.get(k, 0) for k in {**a, **b}}))
PYEOF
$PY models/train/from_export.py "$W/export-heldout" "$W/ppm-heldout-labels.jsonl" --add-reference "$W/ppm-heldout.jsonl" \
  --corruptions "$CORRUPTIONS" --kinds "$KINDS" | tee "$W/ppm-heldout-labels.json"
$PY models/train/train_ppm.py --labels "$W/collect-labels.jsonl" --heldout-labels "$W/ppm-heldout-labels.jsonl" \
  --policy "$W/policy.pt" --minutes "$PPM_MIN" --ckpt "$W/ppm.pt" --gguf "$OUT/stepwise-ppm.gguf" \
  --check | tee "$W/ppm.log"
$PY models/train/ppm_pairs.py --labels "$W/ppm-heldout-labels.jsonl" --ppm "$W/ppm.pt" --before "$W/policy.pt" \
  --out "$W/ppm-pairs.json"

step "4. the project's search on held-out problems: greedy, self-consistency, best-of-N, MCTS (bench/results/models.*), two lanes"
NO_REPORT=1 ONLY="greedy self-consistency mcts" bash models/train/bench.sh > "$W/bench-lane1.log" 2>&1 & B1=$!
NO_REPORT=1 ONLY="best-of-n mcts-6" bash models/train/bench.sh
wait "$B1"
$PY models/train/report.py --work "$W" --results "$RESULTS"

step "done"
