#!/usr/bin/env bash
# The policy trained on one GPU, sized by measurement: several candidate networks trained side by side on the same
# large generated set for the same wall-clock budget, each written as a GGUF for the greedy and search tables.
#   bash models/train/policy_gpu.sh            # on a machine whose python3 has torch with CUDA
# Stages: 1 problems (SHARDS parallel generator runs of PER_SHARD problems each, seeds SEED+1.., chains of 1-5
# operations, a share EVERYDAY of everyday.py's families, a share FRESH renamed); 2 tokenised once into one array
# file; 3 the candidates (CANDIDATES: name:config:lr[:init]) trained in parallel for MINUTES each; 4 a summary.
# STEPS: train each candidate for that many steps, the learning rate scheduled over them, with no time budget:
# the shipped policy's step count replayed on a CPU (run_all.sh does; device auto falls back to the CPU).
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PY:-python3}
W=${WORK:-models/train/work/gpu}
SHARDS=${SHARDS:-16}
PER_SHARD=${PER_SHARD:-50000}
SEED=${SEED:-100}
EVERYDAY=${EVERYDAY:-0.7}
FRESH=${FRESH:-0.5}
MINUTES=${MINUTES:-6}
STEPS=${STEPS:-}
BATCH_TOKENS=${BATCH_TOKENS:-32768}
CANDIDATES=${CANDIDATES:-full:full:3e-3 wide:wide:2e-3}
GPU_MODE=${GPU_MODE:-}
mkdir -p "$W"
step() { printf '\n== %s (%s)\n' "$1" "$(date +%T)"; }

step "1 problems: $SHARDS x $PER_SHARD"
for s in $(seq 1 "$SHARDS"); do
  $PY models/train/problems.py --train "$PER_SHARD" --test 20 --seed $((SEED + s)) --train-ops 1,5 \
    --everyday "$EVERYDAY" --fresh "$FRESH" --out "$W/shard$s" > "$W/shard$s.log" 2>&1 &
done
# While the problems are drawn: does the fast GPU path (bfloat16, fused attention) train? Else the safe one.
if [ -z "$GPU_MODE" ]; then
  $PY models/train/problems.py --train 2000 --test 20 --seed "$SEED" --out "$W/smoke" > /dev/null
  if $PY models/train/train_policy.py --config tiny --data "$W/smoke/train.jsonl" --val "$W/smoke/test.jsonl" \
      --device auto --max-steps 30 --minutes 2 --ckpt "$W/smoke.pt" --gguf "$W/smoke.gguf" > "$W/smoke.log" 2>&1; then
    GPU_MODE=fast
  else
    GPU_MODE=safe; tail -5 "$W/smoke.log"
  fi
fi
echo "gpu mode: $GPU_MODE"
wait
cat "$W"/shard1.log

step "2 tokenise"
rm -f "$W/train.npz"  # train_policy.py reads a cache that exists: never one from other shards
$PY models/train/train_policy.py --data "$W"/shard*/train.jsonl --cache "$W/train.npz" --tokenize-only \
  --workers "$SHARDS"

# The budget: STEPS steps with no time limit (--minutes 0), else MINUTES of wall clock.
if [ -n "$STEPS" ]; then budget=(--max-steps "$STEPS" --minutes 0); each="$STEPS steps"
else budget=(--minutes "$MINUTES"); each="$MINUTES min"; fi
step "3 candidates: $CANDIDATES, $each each"
pids=()
for c in $CANDIDATES; do
  IFS=: read -r name config lr init <<< "$c"
  $PY models/train/train_policy.py --data "$W"/shard*/train.jsonl --cache "$W/train.npz" \
    --val "$W/shard1/test.jsonl" --config "$config" ${init:+--init "$init"} --lr "$lr" \
    --batch-tokens "$BATCH_TOKENS" "${budget[@]}" --device auto --gpu-mode "$GPU_MODE" --seed "$SEED" \
    --ckpt "$W/$name.pt" --gguf "$W/policy-$name.gguf" > "$W/$name.log" 2>&1 &
  pids+=($!)
done
fail=0
for p in "${pids[@]}"; do wait "$p" || fail=1; done

step "4 summary"
for c in $CANDIDATES; do
  name=${c%%:*}
  echo "$name: $(tail -n 2 "$W/$name.log" | head -n 1)"
done
exit $fail
