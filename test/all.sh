#!/usr/bin/env bash
# The whole test suite from a clean clone: system packages, npm packages, offline Python assets, build,
# type-check, then every tier. Ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
LOG_DIR=test/.artifacts/logs
mkdir -p "$LOG_DIR"
export STEPWISE_CACHE="${STEPWISE_CACHE:-$HOME/.cache/stepwise}"

step() { printf '\n=== %s (%s)\n' "$1" "$(date +%T)"; }

# --- system packages (Debian): Chromium for the UI tests, torch + OpenBLAS for the model training check.
need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
/usr/bin/python3 -c "import torch, numpy" 2>/dev/null || need_apt+=(python3-torch python3-numpy libopenblas0-pthread)
if [ ${#need_apt[@]} -gt 0 ]; then
  step "apt-get install ${need_apt[*]}"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null || { echo "apt-get install failed"; exit 1; }
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null || { echo "apt-get install failed"; exit 1; }
  fi
fi

# --- npm packages and the build.
if [ -z "${STEPWISE_SKIP_INSTALL:-}" ]; then
  step "npm ci"
  npm ci --no-audit --no-fund --loglevel=error || { echo "npm ci failed"; exit 1; }
fi
step "build (Python assets, bundles)"
npm run --silent setup || { echo "build failed"; exit 1; }
step "type-check"
npm run --silent typecheck || { echo "type-check failed"; exit 1; }

# --- test tiers. Each runs even when an earlier one failed, so one run shows every failure.
total_pass=0
total_fail=0
failed_tiers=()
run_tier() {
  local name=$1; shift
  step "tier: $name"
  local log="$LOG_DIR/$name.log"
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  # node:test's spec reporter ends with "ℹ pass N" / "ℹ fail N"; our own runners print "N passed, N failed".
  local p f
  p=$(grep -E '^(ℹ|#) pass [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+$')
  f=$(grep -E '^(ℹ|#) fail [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+$')
  if [ -z "$p" ]; then
    p=$(grep -oE '^[a-z:]*[[:space:]]*[0-9]+ passed, [0-9]+ failed' "$log" | tail -1 | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+')
    f=$(grep -oE '^[a-z:]*[[:space:]]*[0-9]+ passed, [0-9]+ failed' "$log" | tail -1 | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+')
  fi
  p=${p:-0}; f=${f:-0}
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then echo "tier $name ran no test"; f=1; fi
  total_pass=$((total_pass + p)); total_fail=$((total_fail + f))
  [ "$f" -eq 0 ] || failed_tiers+=("$name")
  echo "tier $name: $p passed, $f failed (exit $rc)"
}

run_tier engine npm run --silent test:engine
run_tier sandbox npm run --silent test:sandbox
run_tier inference npm run --silent test:inference
run_tier cli npm run --silent test:cli
run_tier remote npm run --silent test:remote
run_tier models npm run --silent test:models
run_tier extension npm run --silent test:extension
run_tier e2e npm run --silent test:e2e

echo
[ ${#failed_tiers[@]} -eq 0 ] || echo "failing tiers: ${failed_tiers[*]}"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
