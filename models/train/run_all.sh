#!/usr/bin/env bash
# The whole model pipeline from scratch, one command (about 1.5 hours on a 2-core machine):
#   bash models/train/run_all.sh
# Writes models/stepwise-policy.gguf, models/stepwise-ppm.gguf and the numbers under models/train/work/.
# Sizes can be changed through the environment (defaults = the shipped models):
#   POLICY_MIN=28 PPM_MIN=10 TRAIN_PROBLEMS=30000 COLLECT_PROBLEMS=240 COLLECT_K=8
#   EVAL_GREEDY=600 EVAL_SAMPLED=120 EVAL_K=16
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=/usr/bin/python3
W=models/train/work
D=models/train/data
mkdir -p "$W"
POLICY_MIN=${POLICY_MIN:-28}
PPM_MIN=${PPM_MIN:-10}
TRAIN_PROBLEMS=${TRAIN_PROBLEMS:-30000}
COLLECT_PROBLEMS=${COLLECT_PROBLEMS:-240}
COLLECT_K=${COLLECT_K:-8}
EVAL_GREEDY=${EVAL_GREEDY:-600}
EVAL_SAMPLED=${EVAL_SAMPLED:-120}
EVAL_K=${EVAL_K:-16}
step() { printf '\n== %s (%s)\n' "$1" "$(date +%T)"; }

$PY -c "import torch, numpy" 2>/dev/null || apt-get install -y -qq python3-torch libopenblas0-pthread python3-numpy

step "1. problems: $TRAIN_PROBLEMS training, 600 held-out (unseen operation sequences)"
$PY models/train/problems.py --train "$TRAIN_PROBLEMS" --test 600 --seed 1 --out "$D"

step "2. policy SFT ($POLICY_MIN min) and export"
$PY models/train/train_policy.py --data "$D/train.jsonl" --val "$D/test.jsonl" --minutes "$POLICY_MIN" \
  --lr 3e-3 --batch-tokens 4096 --ckpt "$W/policy.pt" --gguf models/stepwise-policy.gguf | tee "$W/policy.log"
$PY models/train/check_export.py --ckpt "$W/policy.pt" --gguf models/stepwise-policy.gguf \
  --problems "$D/test.jsonl" --n 3 --report "$W/policy-check.json"

step "3. round 1: rollouts of the policy on training problems, Q-value labels, step pairs"
# Problems from the END of the training file (the policy saw few of them within its time budget).
tail -n "$COLLECT_PROBLEMS" "$D/train.jsonl" > "$W/collect.jsonl"
node models/train/sample.mjs models/stepwise-policy.gguf "$W/collect.jsonl" "$W/collect-samples.jsonl" \
  --k "$COLLECT_K" --temperature 1 --seed 100 2> "$W/collect-speed.json"
$PY models/train/label.py "$W/collect-samples.jsonl" "$W/collect-labels.jsonl" | tee "$W/collect-labels.json"

step "4. held-out samples: greedy on $EVAL_GREEDY, $EVAL_K samples on $EVAL_SAMPLED"
node models/train/sample.mjs models/stepwise-policy.gguf "$D/test.jsonl" "$W/greedy-samples.jsonl" \
  --k 1 --temperature 0 --limit "$EVAL_GREEDY" 2> "$W/greedy-speed.json"
$PY models/train/label.py "$W/greedy-samples.jsonl" "$W/greedy-labels.jsonl"
node models/train/sample.mjs models/stepwise-policy.gguf "$D/test.jsonl" "$W/test-samples.jsonl" \
  --k "$EVAL_K" --temperature 1 --seed 500 --limit "$EVAL_SAMPLED" 2> "$W/test-speed.json"
$PY models/train/label.py "$W/test-samples.jsonl" "$W/test-labels.jsonl"

step "5. PPM ($PPM_MIN min, pairwise loss) and export"
$PY models/train/train_ppm.py --labels "$W/collect-labels.jsonl" --heldout-labels "$W/test-labels.jsonl" \
  --policy "$W/policy.pt" --minutes "$PPM_MIN" --ckpt "$W/ppm.pt" --gguf models/stepwise-ppm.gguf --check \
  | tee "$W/ppm.log"

step "6. search-free baselines on held-out problems"
$PY models/train/eval_samples.py --greedy "$W/greedy-labels.jsonl" --sampled "$W/test-labels.jsonl" \
  --ppm "$W/ppm.pt" --out "$W/eval.json"

step "7. the project's search on held-out problems (bench/results/models.*)"
bash models/train/bench.sh

step "done"
