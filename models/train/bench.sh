#!/usr/bin/env bash
# The project's own search strategies on held-out problems with the shipped models, through the bench
# harness (`stepwise bench`), then the accuracy table bench/results/models.{md,json}.
# Sizes through the environment: BENCH_GREEDY (problems for greedy, default 500), BENCH_SEARCH (problems for
# the sampling strategies, default 500), BENCH_MCTS_BIG (problems for MCTS with ROLLOUTS rollouts, default 500),
# SAMPLES (16), ROLLOUTS / EXPANSIONS (MCTS, default 24 / 4: about self-consistency@16's tokens; "mcts-6" is a cheaper 6 x 4), ONLY (space-separated names: run just those;
# a run resumes where an interrupted one stopped), NO_REPORT (skip the table: run_all.sh runs two lanes, then it).
set -euo pipefail
cd "$(dirname "$0")/../.."
W=${WORK:-models/train/work}
D=${DATA:-models/train/data}
OUT=${OUT:-models}
mkdir -p "$W"
[ -f "$D/test.jsonl" ] || /usr/bin/python3 models/train/problems.py --train 30000 --test 600 --seed 1 --out "$D"
[ -f dist/cli.js ] || node esbuild.mjs >/dev/null
G=${BENCH_GREEDY:-500}
S=${BENCH_SEARCH:-500}
BIG=${BENCH_MCTS_BIG:-500}
SAMPLES=${SAMPLES:-16}
ROLLOUTS=${ROLLOUTS:-24}
EXPANSIONS=${EXPANSIONS:-4}
P=$OUT/stepwise-policy.gguf
R=$OUT/stepwise-ppm.gguf
run() { # name, limit, extra args...
  local name=$1 limit=$2; shift 2
  if [ -n "${ONLY:-}" ] && [[ " $ONLY " != *" $name "* ]]; then return 0; fi
  echo "== $name on $limit problems ($(date +%T))"
  node dist/cli.js bench "$D/test.jsonl" --limit "$limit" --policy "$P" --threads 1 --context-size 2048 --prompt-style rstar --quiet \
    --out "$W/bench-$name.jsonl" --summary "$W/bench-$name.summary.json" "$@"
}
run greedy "$G" --strategy greedy --reward none
run self-consistency "$S" --strategy self-consistency --samples "$SAMPLES" --reward none
run best-of-n "$S" --strategy best-of-n --samples "$SAMPLES" --reward "$R"
run mcts-6 "$S" --strategy mcts --rollouts 6 --expansions "$EXPANSIONS" --reward "$R"
run mcts "$BIG" --strategy mcts --rollouts "$ROLLOUTS" --expansions "$EXPANSIONS" --reward "$R"
[ -n "${NO_REPORT:-}" ] || /usr/bin/python3 models/train/report.py --work "$W" --results "${RESULTS:-bench/results}"
