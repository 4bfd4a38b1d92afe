#!/usr/bin/env bash
# The project's own search strategies on held-out problems with the shipped models, through the bench
# harness (`stepwise bench`), then the accuracy table bench/results/models.{md,json}.
# Sizes through the environment: BENCH_GREEDY (problems for greedy, default 500), BENCH_SEARCH (problems for
# the sampling strategies, default 500), BENCH_MCTS_BIG (problems for MCTS with ROLLOUTS rollouts, default 500),
# POLICY / TAG (another policy file, and a suffix for its result names), SAMPLES (16), ROLLOUTS / EXPANSIONS (MCTS, default 24 / 4: about self-consistency@16's tokens; "mcts-6" is a cheaper 6 x 4), ONLY (space-separated names: run just those;
# a run resumes where an interrupted one stopped), NO_REPORT (skip the table: run_all.sh runs two lanes, then it).
# Every row but self-consistency and mcts-ungrounded ranks with the engine's default grounding ("guide").
# A second set, the hand-written problems in models/eval/handwritten.jsonl (never trained on), runs each strategy
# again under the name "<strategy>@handwritten" (HANDWRITTEN: problems from it, default all; 0 skips the set).
set -euo pipefail
cd "$(dirname "$0")/../.."
W=${WORK:-models/train/work}
D=${DATA:-models/train/data}
OUT=${OUT:-models}
mkdir -p "$W"
# The held-out split: the broad set's (run_all.sh stage 1: 60% stories.py and scenes.py, of the rest half everyday
# families, half chains; structures never trained on). Earlier tables used other splits: the everyday-half one
# (--seed 1 --everyday 0.5, bench/results/gpu-policy/) and the chain-only one (bench/results/finetune*/).
B=$D/broad
[ -f "$B/test.jsonl" ] || /usr/bin/python3 models/train/problems.py --train 10 --test 600 --seed 31 --wide 0.6 --everyday 0.5 \
  --fresh 0.3 --out "$B"
[ -f dist/cli.js ] || node esbuild.mjs >/dev/null
G=${BENCH_GREEDY:-500}
S=${BENCH_SEARCH:-500}
BIG=${BENCH_MCTS_BIG:-500}
SAMPLES=${SAMPLES:-16}
ROLLOUTS=${ROLLOUTS:-24}
EXPANSIONS=${EXPANSIONS:-4}
P=${POLICY:-$OUT/stepwise-policy.gguf}
TAG=${TAG:-}  # a suffix for the result names: POLICY=work/policy-round1.gguf TAG=-round1 benches an earlier round
R=$OUT/stepwise-ppm.gguf
HW=models/eval/handwritten.jsonl
HW_N=${HANDWRITTEN:-$(grep -c . "$HW")}
run() { # data file, name, limit, extra args...
  local data=$1 name=$2 limit=$3; shift 3
  local base=${name%@handwritten}; base=${base%"$TAG"}
  if [ -n "${ONLY:-}" ] && [[ " $ONLY " != *" $base "* ]]; then return 0; fi
  echo "== $name on $limit problems of $data ($(date +%T))"
  node dist/cli.js bench "$data" --limit "$limit" --policy "$P" --threads 1 --context-size 2048 --prompt-style rstar --quiet \
    --out "$W/bench-$name.jsonl" --summary "$W/bench-$name.summary.json" "$@"
}
for set in generator handwritten; do
  if [ "$set" = generator ]; then data=$B/test.jsonl; sfx=""; g=$G; s=$S; big=$BIG
  else data=$HW; sfx=@handwritten; g=$HW_N; s=$HW_N; big=$HW_N; [ "$HW_N" -gt 0 ] || continue; fi
  run "$data" "greedy$TAG$sfx" "$g" --strategy greedy --reward none
  # self-consistency is the plain majority vote (the baseline the goals name); "-grounded" is the engine's default
  # ranking, where trajectories whose code writes a number from nowhere lose the vote (src/engine/grounding.ts).
  run "$data" "self-consistency$TAG$sfx" "$s" --strategy self-consistency --samples "$SAMPLES" --reward none --grounding off
  run "$data" "self-consistency-grounded$TAG$sfx" "$s" --strategy self-consistency --samples "$SAMPLES" --reward none
  run "$data" "best-of-n$TAG$sfx" "$s" --strategy best-of-n --samples "$SAMPLES" --reward "$R"
  run "$data" "mcts-6$TAG$sfx" "$s" --strategy mcts --rollouts 6 --expansions "$EXPANSIONS" --reward "$R"
  run "$data" "mcts$TAG$sfx" "$big" --strategy mcts --rollouts "$ROLLOUTS" --expansions "$EXPANSIONS" --reward "$R"
  run "$data" "mcts-ungrounded$TAG$sfx" "$big" --strategy mcts --rollouts "$ROLLOUTS" --expansions "$EXPANSIONS" --reward "$R" --grounding off
done
[ -n "${NO_REPORT:-}" ] || /usr/bin/python3 models/train/report.py --work "$W" --results "${RESULTS:-bench/results}"
