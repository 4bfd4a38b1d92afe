#!/usr/bin/env bash
# The whole model pipeline from scratch, one command, on a 2-core CPU machine (about 21 hours, an estimate: the
# shipped policy's recipe alone is about 19 of them, see POLICY_RECIPE; with POLICY_RECIPE=cpu about 3.5 hours):
#   bash models/train/run_all.sh
# rStar-Math's self-evolution: 1 problems and vocabulary; 2 round-1 policy SFT on generated solutions (the
# shipped policy: policy_gpu.sh's recipe replayed on the CPU; or, POLICY_RECIPE=cpu, the chains and then two
# fine-tunes on new mixes of chains and everyday problems, the previous policy); 3 round 1, the project's MCTS
# (terminal-guided) with that policy on new training problems; 4 (ROUNDS=2) round-2 policy SFT on the verified right
# trajectories round 1 found; 5 (ROUNDS=2) round 2, the same search with the round-2 policy on other new problems;
# then, whatever ROUNDS, the search on held-out problems for the PPM's held-out pairs, the PPM trained on every
# round's step pairs, and its pairwise accuracy by kind (also on the hand-written set's trees); 6 the accuracy
# tables (two lanes). ROUNDS=1 (the default) is how the shipped files were made: the round-1 policy is shipped
# and the PPM learns from its trees; ROUNDS=2 ships the round-2 policy (measured once, worse: models/MODEL_CARD.md).
# Writes models/stepwise-policy.gguf, models/stepwise-ppm.gguf, the numbers under models/train/work/ and
# bench/results/models.*; OUT, WORK, DATA and RESULTS move them elsewhere (a trial run that keeps the shipped models).
# STAGES="3 4" runs only those stages, from the files an earlier run left in WORK.
# Sizes can be changed through the environment (defaults = the shipped models):
#   POLICY_MIN=45 ROUND2_MIN=8 PPM_MIN=25 TRAIN_PROBLEMS=30000 COLLECT_PROBLEMS=1000 (per round)
#   COLLECT_ROLLOUTS=8 VOCAB_SIZE=1024 REPLAY=3 (generator solutions replayed per verified one in round 2)
#   VERIFIED_PER_PROBLEM=4 HELDOUT_PROBLEMS=100 (for the PPM's held-out pairs) EVERYDAY (share of everyday.py's problems
#   in stage 1's main set, the policy's SFT data; 0 = the chains alone; default 0.5, with POLICY_RECIPE=cpu 0)
#   BROAD_PROBLEMS=150000 (the broad set: the rounds' problems and the benchmark's held-out split) ANSWER_PAIRS=4
#   ROUNDS=1 (1 or 2) HOT_PROBLEMS=0 HOT_TEMPERATURE=1.3 (500: round 1's second, hotter search, for more tree pairs
#   where the policy is sure of itself; on the broad set its trees already branch) LONG_PROBLEMS=0 (1000: a third search, on 6-8 operation
#   chains; measured once, its PPM was no better: models/MODEL_CARD.md)
#   FINETUNE_MIN=40 FINETUNE_PROBLEMS=45000 FINETUNE_EVERYDAY=0.6 (the second SFT: a new problem set, 1-5 operations,
#   everyday.py's first eight families) FINETUNE2_MIN=30 FINETUNE2_PROBLEMS=40000 FINETUNE2_EVERYDAY=0.7 (the third:
#   another new set, all the families)
#   CORRUPTIONS=3 (copies of each reference solution with one error, for the PPM's pairs)
#   POLICY_RECIPE=large (stage 2 as the shipped policy was made, LARGE_CONFIG=deep LARGE_STEPS=3577 LARGE_LR=2.5e-3;
#   the FINETUNE* and POLICY_MIN sizes belong to POLICY_RECIPE=cpu, the previous policy's three passes)
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
PPM_MIN=${PPM_MIN:-25}
VOCAB_SIZE=${VOCAB_SIZE:-1024}
TRAIN_PROBLEMS=${TRAIN_PROBLEMS:-30000}
COLLECT_PROBLEMS=${COLLECT_PROBLEMS:-1000}
COLLECT_ROLLOUTS=${COLLECT_ROLLOUTS:-8}
FINETUNE_MIN=${FINETUNE_MIN:-40}
FINETUNE_PROBLEMS=${FINETUNE_PROBLEMS:-45000}
FINETUNE_EVERYDAY=${FINETUNE_EVERYDAY:-0.6}
FINETUNE2_MIN=${FINETUNE2_MIN:-30}
FINETUNE2_PROBLEMS=${FINETUNE2_PROBLEMS:-40000}
FINETUNE2_EVERYDAY=${FINETUNE2_EVERYDAY:-0.7}
CORRUPTIONS=${CORRUPTIONS:-3}
ROUND2_MIN=${ROUND2_MIN:-8}
# POLICY_RECIPE: large (the shipped policy's: policy_gpu.sh's deep candidate, LARGE_STEPS steps; about 19 hours on
# 2 cores, an estimate) or cpu (the three time-budgeted passes of the previous policy, about 2 hours)
POLICY_RECIPE=${POLICY_RECIPE:-large}
if [ "$POLICY_RECIPE" = cpu ]; then EVERYDAY=${EVERYDAY:-0}; else EVERYDAY=${EVERYDAY:-0.5}; fi
ROUNDS=${ROUNDS:-1}
HOT_PROBLEMS=${HOT_PROBLEMS:-0}
HOT_TEMPERATURE=${HOT_TEMPERATURE:-1.3}
LONG_PROBLEMS=${LONG_PROBLEMS:-0}
ANSWER_PAIRS=${ANSWER_PAIRS:-4}
BROAD_PROBLEMS=${BROAD_PROBLEMS:-150000}
B=$D/broad
LARGE_CONFIG=${LARGE_CONFIG:-deep}
LARGE_STEPS=${LARGE_STEPS:-3577}
LARGE_LR=${LARGE_LR:-2.5e-3}
REPLAY=${REPLAY:-3}
VERIFIED_PER_PROBLEM=${VERIFIED_PER_PROBLEM:-4}
HELDOUT_PROBLEMS=${HELDOUT_PROBLEMS:-100}
export EVERYDAY
# The vocabulary (stage 1 learns it): the committed models/train/vocab.json belongs to the committed GGUFs, so a run
# that writes its models elsewhere learns and reads its own, in WORK (every script reads STEPWISE_VOCAB).
if [ "$(realpath -m "$OUT")" = "$(realpath -m models)" ]; then V=models/train/vocab.json; else V=$W/vocab.json; fi
export STEPWISE_VOCAB=${STEPWISE_VOCAB:-$(realpath -m "$V")}
# STAGES: the stages to run (default all; e.g. STAGES="3 4" resumes after an interrupted run, from the files in WORK)
STAGES=${STAGES:-1 2 3 4 5 6}
want() { [[ " $STAGES " == *" $1 "* ]]; }
step() { printf '\n== %s (%s)\n' "$1" "$(date +%T)"; }

KINDS=number,digit,operation,sign,carry
# One search round: the project's MCTS (`stepwise export`, every step's code in the Pyodide sandbox) with the
# given policy on a problems file split in two lanes (folders OUT-a, OUT-b), and on a second file in lane b.
export_tree() { # policy, problems file, export folder [, sampling temperature]
  node dist/cli.js export --problems "$2" --out "$3" --policy "$1" --reward none --strategy mcts \
    --rollouts "$COLLECT_ROLLOUTS" --expansions 4 --threads 1 --context-size 2048 --prompt-style rstar --quiet \
    ${4:+--temperature "$4"}
}
search_round() { # policy, problems, export prefix [, second problems, its export folder]
  local n half
  n=$(grep -c . "$2"); half=$(( (n + 1) / 2 ))
  head -n "$half" "$2" > "$3-a.jsonl"; tail -n +"$((half + 1))" "$2" > "$3-b.jsonl"
  export_tree "$1" "$3-a.jsonl" "$3-a" & local lane=$!
  export_tree "$1" "$3-b.jsonl" "$3-b"
  if [ -n "${4:-}" ]; then export_tree "$1" "$4" "$5"; fi
  wait "$lane"
}
# A round's PPM labels: Q-value step pairs of the tree, plus (a problem the policy never solves in its tree
# still gets them) the generator's solution and copies with one error each, paired at the same prefix.
# ANSWER_PAIRS more a problem: a right finished solution over a wrong one at their answer steps, the step the
# engine ranks finished solutions by (two of the search's own first).
label_one() { # export folder, its problems file, output prefix (writes PREFIX.jsonl and its counts, PREFIX.json)
  $PY models/train/from_export.py "$1" "$3.jsonl" --add-reference "$2" \
    --corruptions "$CORRUPTIONS" --kinds "$KINDS" --answer-pairs "$ANSWER_PAIRS" > "$3.json"
}
labels() { # export prefix (its lanes' problems files beside it), output prefix
  local lane
  for lane in a b; do label_one "$1-$lane" "$1-$lane.jsonl" "$2-$lane"; done
  collect "$2" "$2-a" "$2-b"
}
# Several label sets as one: output prefix, input prefixes (each PREFIX.jsonl with its counts PREFIX.json)
collect() {
  local out=$1 p; shift
  for p in "$@"; do cat "$p.jsonl"; done > "$out.jsonl"
  sum_counts "${@/%/.json}" | tee "$out.json"
}
# The counts of several from_export.py summaries added up, key by key.
sum_counts() { # summary files...
  $PY - "$@" <<'PYEOF'
import json, sys
total = {}
for p in sys.argv[1:]:
    for k, v in json.load(open(p)).items():
        total[k] = total.get(k, 0) + v
print(json.dumps(total))
PYEOF
}

$PY -c "import torch, numpy" 2>/dev/null || apt-get install -y -qq python3-torch libopenblas0-pthread python3-numpy

if want 1; then
step "1. problems: $TRAIN_PROBLEMS training, 600 held-out (unseen operation sequences), two curriculum sets"
# (problems.py never writes one of the hand-written evaluation problems in models/eval/, and checks it)
$PY models/train/problems.py --train "$TRAIN_PROBLEMS" --test 600 --seed 1 --everyday "$EVERYDAY" --out "$D"
$PY models/train/problems.py --train 20000 --test 10 --seed 2 --train-ops 1,2 --everyday "$EVERYDAY" --out "$D/short"
$PY models/train/problems.py --train 20000 --test 10 --seed 3 --train-ops 1,5 --everyday "$EVERYDAY" --out "$D/mix"
# the second SFT's problems: another seed, so new problems; the held-out split's sequences and variants stay out
$PY models/train/problems.py --train "$FINETUNE_PROBLEMS" --test 10 --seed 4 --train-ops 1,5 --everyday "$FINETUNE_EVERYDAY" \
  --families first --out "$D/finetune"
# the third SFT's: another seed, and all of everyday.py's families (the ten added after the second SFT was made)
$PY models/train/problems.py --train "$FINETUNE2_PROBLEMS" --test 10 --seed 5 --train-ops 1,5 --everyday "$FINETUNE2_EVERYDAY" \
  --out "$D/finetune2"
# round 1's third search: longer chains (6-8 operations, 30% everyday) than any the policy trained on, where it errs
# as it does on new problems (a wrong quantity carried forward, a step left out), not on the held-out split's sequences
[ "$LONG_PROBLEMS" -eq 0 ] || $PY models/train/problems.py --train "$LONG_PROBLEMS" --test 10 --seed 8 --train-ops 6,8 --everyday 0.3 --out "$D/long"
# The broad set: 60% from the wide generators (stories.py, scenes.py), of the rest half everyday.py's families and half
# chains, 30% of all with invented people and things. No policy stage trains on it (a 40-minute pass on its first
# 40,000 did not raise the hand-written score: models/MODEL_CARD.md); its last 2 x COLLECT_PROBLEMS problems are
# round 1's searches, and its held-out split (structures never generated for training) is the benchmark's and the
# PPM's held-out set.
$PY models/train/problems.py --train "$BROAD_PROBLEMS" --test 600 --seed 31 --wide 0.6 --everyday 0.5 --fresh 0.3 --out "$B"
# round 2's problems (ROUNDS=2): the same mix, another seed
$PY models/train/problems.py --train "$COLLECT_PROBLEMS" --test 10 --seed 33 --wide 0.6 --everyday 0.5 --fresh 0.3 --out "$D/round2"
# The vocabulary: byte pieces + word pieces learnt from the chains' training problems (deterministic for a given
# generator: it is seeded; this set, whatever EVERYDAY, gives the committed models/train/vocab.json byte for byte)
$PY models/train/problems.py --train 30000 --test 10 --seed 1 --everyday 0 --out "$D/vocab"
$PY models/train/vocab.py --data "$D/vocab/train.jsonl" --size "$VOCAB_SIZE" --out "$STEPWISE_VOCAB"

fi

if want 2 && [ "$POLICY_RECIPE" = large ]; then
step "2. policy SFT, round 1 (the shipped recipe): $LARGE_CONFIG network, 16 x 60,000 new problems, $LARGE_STEPS steps of 32,768 tokens"
# The shipped policy was made by this recipe on one GPU (policy_gpu.sh, 6.3 minutes; models/MODEL_CARD.md); here
# the same data, seed, initial weights, batches and step count run on the CPU (float32), the learning rate
# scheduled over the steps instead of the GPU's minutes. Its problems (seeds 101-116) are new to stage 1's sets.
WORK="$W/large" PY=$PY SEED=100 SHARDS=16 PER_SHARD=60000 EVERYDAY=0.7 FRESH=0.5 STEPS="$LARGE_STEPS" \
  BATCH_TOKENS=32768 GPU_MODE=fast CANDIDATES="round1:$LARGE_CONFIG:$LARGE_LR" bash models/train/policy_gpu.sh \
  | tee "$W/policy-round1.log"
cp "$W/large/round1.pt" "$W/policy-round1.pt"
cp "$W/large/policy-round1.gguf" "$W/policy-round1.gguf"
elif want 2; then
step "2. policy SFT, round 1 ($POLICY_MIN + $FINETUNE_MIN + $FINETUNE2_MIN min): all three sets together, 1-5 operations, less the problems kept for the search rounds; then the two fine-tune sets"
# The last 2 x COLLECT_PROBLEMS of the 2-5 operation set are never trained on: round 1 searches the last
# COLLECT_PROBLEMS of them, round 2 the ones before (new problems each round, as rStar-Math does it).
head -n -"$((2 * COLLECT_PROBLEMS))" "$D/train.jsonl" | cat - "$D/short/train.jsonl" "$D/mix/train.jsonl" > "$W/sft.jsonl"
$PY models/train/train_policy.py --data "$W/sft.jsonl" --val "$D/test.jsonl" --minutes "$POLICY_MIN" \
  --lr 3e-3 --batch-tokens 4096 --ckpt "$W/policy-sft.pt" --gguf "$W/policy-sft.gguf" | tee "$W/policy-sft.log"
# A second pass at a lower learning rate on new problems, a share of them everyday ones: measured on the shipped
# files, it took greedy on the chains' held-out split from 30.6% to 94.8% (models/MODEL_CARD.md).
$PY models/train/train_policy.py --data "$D/finetune/train.jsonl" --val "$D/test.jsonl" --minutes "$FINETUNE_MIN" \
  --init "$W/policy-sft.pt" --lr 1.5e-3 --batch-tokens 4096 --seed 4 --ckpt "$W/policy-ft1.pt" --gguf "$W/policy-ft1.gguf" \
  | tee "$W/policy-ft1.log"
# A third pass on the wider language of everyday.py's later families (ages, prices, comings and goings, goals,
# groups, rectangles, savings, facts, fractions of a whole, work in sittings).
$PY models/train/train_policy.py --data "$D/finetune2/train.jsonl" --val "$D/test.jsonl" --minutes "$FINETUNE2_MIN" \
  --init "$W/policy-ft1.pt" --lr 1.2e-3 --batch-tokens 4096 --seed 5 --ckpt "$W/policy-round1.pt" --gguf "$W/policy-round1.gguf" \
  | tee "$W/policy-round1.log"
fi
if want 2; then
$PY models/train/check_export.py --ckpt "$W/policy-round1.pt" --gguf "$W/policy-round1.gguf" \
  --problems "$D/test.jsonl" --n 3 --report "$W/policy-round1-check.json"
fi

if want 3; then
step "3. round 1: the project's MCTS with the round-1 policy on $COLLECT_PROBLEMS new training problems (terminal-guided, no PPM yet: terminals +1/-1 against the reference), in two lanes"
node esbuild.mjs >/dev/null
tail -n "$COLLECT_PROBLEMS" "$B/train.jsonl" > "$W/collect-round1.jsonl"
search_round "$W/policy-round1.gguf" "$W/collect-round1.jsonl" "$W/export-round1"
labels "$W/export-round1" "$W/labels-round1-t1"
ROUND1=("$W/labels-round1-t1")
# A hotter pass over HOT_PROBLEMS more new problems (one lane), the first of the COLLECT_PROBLEMS before round 1's:
# on problems of its training kind a confident policy's trees at temperature 1 are mostly one path (95% of them
# for the GPU-trained policy on the everyday-half set: 67 tree pairs from 1,000 problems; at 1.3, 43 from 500). On the
# broad set its trees branch at temperature 1 (448 tree pairs from 1,000), so HOT_PROBLEMS defaults to 0.
if [ "$HOT_PROBLEMS" -gt 0 ]; then
  tail -n "$((2 * COLLECT_PROBLEMS))" "$B/train.jsonl" | head -n "$HOT_PROBLEMS" > "$W/collect-hot.jsonl"
  export_tree "$W/policy-round1.gguf" "$W/collect-hot.jsonl" "$W/export-hot" "$HOT_TEMPERATURE"
  label_one "$W/export-hot" "$W/collect-hot.jsonl" "$W/labels-hot"
  ROUND1+=("$W/labels-hot")
fi
if [ "$LONG_PROBLEMS" -gt 0 ]; then
  search_round "$W/policy-round1.gguf" "$D/long/train.jsonl" "$W/export-long"
  labels "$W/export-long" "$W/labels-long"
  ROUND1+=("$W/labels-long")
fi
collect "$W/labels-round1" "${ROUND1[@]}"
# the verified, right trajectories the search found: round 2's SFT data
$PY models/train/verified.py "$W/export-round1-a" "$W/export-round1-b" --per-problem "$VERIFIED_PER_PROBLEM" \
  --out "$W/verified-round1.jsonl" | tee "$W/verified-round1.json"
fi

if want 4 && [ "$ROUNDS" = 2 ]; then
step "4. policy SFT, round 2 ($ROUND2_MIN min): the round-1 policy on its own verified right trajectories, with replayed generator solutions"
# Replay (REPLAY x as many generator solutions, drawn from the round-1 SFT data) keeps what round 1 learnt
# about the problems the search could not solve.
n=$(grep -c . "$W/verified-round1.jsonl" || true)
[ "$n" -gt 0 ] || { echo "round 1 found no verified right trajectory: nothing for round 2 to learn from" >&2; exit 1; }
[ -f "$W/sft.jsonl" ] || head -n -"$((2 * COLLECT_PROBLEMS))" "$D/train.jsonl" > "$W/sft.jsonl"
$PY - "$W/sft.jsonl" "$((REPLAY * n))" <<'PYEOF' | cat "$W/verified-round1.jsonl" - > "$W/sft-round2.jsonl"
import random, sys
lines = open(sys.argv[1]).readlines()
random.Random(2).shuffle(lines)
sys.stdout.write("".join(lines[:int(sys.argv[2])]))
PYEOF
$PY models/train/train_policy.py --data "$W/sft-round2.jsonl" --val "$D/test.jsonl" --minutes "$ROUND2_MIN" \
  --init "$W/policy-round1.pt" --lr 1e-3 --batch-tokens 4096 --ckpt "$W/policy.pt" --gguf "$OUT/stepwise-policy.gguf" \
  | tee "$W/policy.log"
$PY models/train/check_export.py --ckpt "$W/policy.pt" --gguf "$OUT/stepwise-policy.gguf" \
  --problems "$D/test.jsonl" --n 3 --report "$W/policy-check.json"
elif want 4; then
step "4. no second round (ROUNDS=1): the round-1 policy is the one shipped"
[ "$(realpath -m "$W/policy-round1.gguf")" = "$(realpath -m "$OUT/stepwise-policy.gguf")" ] \
  || cp "$W/policy-round1.gguf" "$OUT/stepwise-policy.gguf"
fi

if want 5; then
# The PPM starts from the shipped policy's weights: with ROUNDS=2 the round-2 checkpoint, with ROUNDS=1 the
# round-1 file as shipped (f16, what the shipped PPM started from; model.load_ckpt reads a GGUF)
if [ "$ROUNDS" = 2 ]; then PPM_INIT=$W/policy.pt; else PPM_INIT=$OUT/stepwise-policy.gguf; fi
node esbuild.mjs >/dev/null
# the held-out pairs come from the last HELDOUT_PROBLEMS held-out problems; the bench uses the first 500 of the 600
tail -n "$HELDOUT_PROBLEMS" "$B/test.jsonl" > "$W/ppm-heldout.jsonl"
if [ "$ROUNDS" = 2 ]; then
step "5. round 2: the same search with the round-2 policy on $COLLECT_PROBLEMS other new training problems and on $HELDOUT_PROBLEMS held-out ones; the PPM ($PPM_MIN min) on both rounds' step pairs"
cp "$D/round2/train.jsonl" "$W/collect-round2.jsonl"
search_round "$OUT/stepwise-policy.gguf" "$W/collect-round2.jsonl" "$W/export-round2" "$W/ppm-heldout.jsonl" "$W/export-heldout"
labels "$W/export-round2" "$W/labels-round2"
$PY models/train/verified.py "$W/export-round2-a" "$W/export-round2-b" --out "$W/verified-round2.jsonl" \
  | tee "$W/verified-round2.json"
collect "$W/collect-labels" "$W/labels-round1" "$W/labels-round2"
else
step "5. the same search with the shipped policy on $HELDOUT_PROBLEMS held-out problems (two lanes, with the hand-written set's); the PPM ($PPM_MIN min) on round 1's step pairs"
export_tree "$OUT/stepwise-policy.gguf" "$W/ppm-heldout.jsonl" "$W/export-heldout" & lane=$!
export_tree "$OUT/stepwise-policy.gguf" models/eval/handwritten.jsonl "$W/export-handwritten"
wait "$lane"
collect "$W/collect-labels" "$W/labels-round1"
fi
label_one "$W/export-heldout" "$W/ppm-heldout.jsonl" "$W/ppm-heldout-labels" && cat "$W/ppm-heldout-labels.json"
$PY models/train/train_ppm.py --labels "$W/collect-labels.jsonl" --heldout-labels "$W/ppm-heldout-labels.jsonl" \
  --policy "$PPM_INIT" --minutes "$PPM_MIN" --ckpt "$W/ppm.pt" --gguf "$OUT/stepwise-ppm.gguf" \
  --check | tee "$W/ppm.log"
$PY models/train/ppm_pairs.py --labels "$W/ppm-heldout-labels.jsonl" --ppm "$W/ppm.pt" --before "$PPM_INIT" \
  --out "$W/ppm-pairs.json"
# Tree-vs-tree pairs on the hand-written problems (never trained on; no reference solutions, so tree pairs only)
if [ -d "$W/export-handwritten" ]; then
  $PY models/train/from_export.py "$W/export-handwritten" "$W/ppm-handwritten-labels.jsonl" \
    --answer-pairs "$ANSWER_PAIRS" | tee "$W/ppm-handwritten-labels.json"
  $PY models/train/ppm_pairs.py --labels "$W/ppm-handwritten-labels.jsonl" --ppm "$W/ppm.pt" --before "$PPM_INIT" \
    --out "$W/ppm-pairs-handwritten.json"
fi
fi

if want 6; then
step "6. the project's search on held-out problems: greedy (both rounds' policies), self-consistency, best-of-N, MCTS (bench/results/models.*), two lanes"
NO_REPORT=1 ONLY="greedy self-consistency mcts" bash models/train/bench.sh > "$W/bench-lane1.log" 2>&1 & B1=$!
NO_REPORT=1 ONLY="best-of-n mcts-6" bash models/train/bench.sh
[ "$ROUNDS" = 1 ] || NO_REPORT=1 ONLY=greedy POLICY="$W/policy-round1.gguf" TAG=-round1 bash models/train/bench.sh
wait "$B1"
$PY models/train/report.py --work "$W" --results "$RESULTS"
fi

step "done"
