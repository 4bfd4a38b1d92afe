#!/usr/bin/env bash
# The whole model pipeline from scratch, one command (stages 1-3 are time-budgeted to about 1.5 hours on a
# 2-core machine; stage 4, the accuracy table on 500 problems per strategy, takes about 2 more hours):
#   bash models/train/run_all.sh
# Writes models/stepwise-policy.gguf, models/stepwise-ppm.gguf, the numbers under models/train/work/ and
# bench/results/models.*; OUT, WORK, DATA and RESULTS move them elsewhere (a trial run that keeps the shipped models).
# Sizes can be changed through the environment (defaults = the shipped models):
#   POLICY_MIN=28 POLICY_B_MIN=14 POLICY_C_MIN=22 PPM_MIN=14 TRAIN_PROBLEMS=30000 COLLECT_PROBLEMS=200
#   COLLECT_ROLLOUTS=8
# and those of models/train/bench.sh (BENCH_GREEDY, BENCH_SEARCH, ...).
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=/usr/bin/python3
W=${WORK:-models/train/work}
D=${DATA:-models/train/data}
OUT=${OUT:-models}
export WORK="$W" DATA="$D" OUT RESULTS="${RESULTS:-bench/results}"
mkdir -p "$W" "$OUT"
POLICY_MIN=${POLICY_MIN:-28}
PPM_MIN=${PPM_MIN:-14}
POLICY_B_MIN=${POLICY_B_MIN:-14}
POLICY_C_MIN=${POLICY_C_MIN:-22}
TRAIN_PROBLEMS=${TRAIN_PROBLEMS:-30000}
COLLECT_PROBLEMS=${COLLECT_PROBLEMS:-200}
COLLECT_ROLLOUTS=${COLLECT_ROLLOUTS:-8}
step() { printf '\n== %s (%s)\n' "$1" "$(date +%T)"; }

$PY -c "import torch, numpy" 2>/dev/null || apt-get install -y -qq python3-torch libopenblas0-pthread python3-numpy

step "1. problems: $TRAIN_PROBLEMS training, 600 held-out (unseen operation sequences), two curriculum sets"
$PY models/train/problems.py --train "$TRAIN_PROBLEMS" --test 600 --seed 1 --out "$D"
$PY models/train/problems.py --train 20000 --test 10 --seed 2 --train-ops 1,2 --out "$D/short"
$PY models/train/problems.py --train 20000 --test 10 --seed 3 --train-ops 1,5 --out "$D/mix"

step "2. policy SFT: A ($POLICY_MIN min, 2-5 operations), B ($POLICY_B_MIN min, 1-2 operations), C ($POLICY_C_MIN min, 1-5)"
$PY models/train/train_policy.py --data "$D/train.jsonl" --val "$D/test.jsonl" --minutes "$POLICY_MIN" \
  --lr 3e-3 --batch-tokens 4096 --ckpt "$W/policy.pt" --gguf "$W/policy.gguf" | tee "$W/policy.log"
$PY models/train/train_policy.py --init "$W/policy.pt" --data "$D/short/train.jsonl" --minutes "$POLICY_B_MIN" \
  --lr 2e-3 --batch-tokens 2048 --ckpt "$W/policy2.pt" --gguf "$W/policy2.gguf" | tee "$W/policy2.log"
# Stage C trains in the background while round 1 collects rollouts with stage B and trains the PPM.
$PY models/train/train_policy.py --init "$W/policy2.pt" --data "$D/mix/train.jsonl" --minutes "$POLICY_C_MIN" \
  --lr 2e-3 --batch-tokens 2048 --ckpt "$W/policy3.pt" --gguf "$OUT/stepwise-policy.gguf" > "$W/policy3.log" 2>&1 &
STAGE_C=$!

step "3. round 1: the project's MCTS with policy B on training problems (terminal-guided: no PPM yet, terminals +1/-1 against the reference), Q-value labels, step pairs, PPM"
# Problems from the END of the training file (stage A saw few of them within its time budget).
tail -n "$COLLECT_PROBLEMS" "$D/train.jsonl" > "$W/collect.jsonl"
tail -n 60 "$D/test.jsonl" > "$W/ppm-heldout.jsonl"
round1() { # problems file, export folder (every step's code runs in the Pyodide sandbox)
  node dist/cli.js export --problems "$1" --out "$2" --policy "$W/policy2.gguf" --reward none --strategy mcts \
    --rollouts "$COLLECT_ROLLOUTS" --expansions 4 --threads 1 --context-size 2048 --prompt-style rstar --quiet
}
[ -f dist/cli.js ] || node esbuild.mjs >/dev/null
round1 "$W/collect.jsonl" "$W/export-train" & R1=$!
round1 "$W/ppm-heldout.jsonl" "$W/export-heldout"
wait "$R1"
# The policy rarely reaches a right answer yet, so every problem also gets the generator's solution and a copy
# with one number changed: the pairs then always include right-vs-wrong steps at the same prefix.
$PY models/train/from_export.py "$W/export-train" "$W/collect-labels.jsonl" --add-reference "$W/collect.jsonl" \
  | tee "$W/collect-labels.json"
$PY models/train/from_export.py "$W/export-heldout" "$W/ppm-heldout-labels.jsonl" --add-reference "$W/ppm-heldout.jsonl" \
  | tee "$W/ppm-heldout-labels.json"
$PY models/train/train_ppm.py --labels "$W/collect-labels.jsonl" --heldout-labels "$W/ppm-heldout-labels.jsonl" \
  --policy "$W/policy2.pt" --minutes "$PPM_MIN" --max-traj 4 --ckpt "$W/ppm.pt" --gguf "$OUT/stepwise-ppm.gguf" \
  --check | tee "$W/ppm.log"
$PY models/train/ppm_pairs.py --labels "$W/ppm-heldout-labels.jsonl" --ppm "$W/ppm.pt" --before "$W/policy2.pt" \
  --out "$W/ppm-pairs.json"
wait "$STAGE_C"
cp "$W/policy3.pt" "$W/policy-final.pt"
$PY models/train/check_export.py --ckpt "$W/policy3.pt" --gguf "$OUT/stepwise-policy.gguf" \
  --problems "$D/test.jsonl" --n 3 --report "$W/policy-check.json"

step "4. the project's search on held-out problems: greedy, self-consistency, best-of-N, MCTS (bench/results/models.*)"
bash models/train/bench.sh

step "done"
