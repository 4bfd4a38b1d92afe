#!/usr/bin/env bash
# The whole test suite from a clean clone: system packages, npm packages, offline Python assets, build,
# type-check, the set-up of what the UI and server tiers need, then every tier. Ends with one line
# "N passed, N failed, N skipped". What each step installs and why: README, "Testing".
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
LOG_DIR=test/.artifacts/logs
mkdir -p "$LOG_DIR"
export STEPWISE_CACHE="${STEPWISE_CACHE:-$HOME/.cache/stepwise}"
SUITE_START=$(date +%s)

step() { printf '\n=== %s (%s)\n' "$1" "$(date +%T)"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# --- system packages (Debian). chromium: the browser that drives VS Code in the UI tiers; libkrb5-dev:
# headers one of code-server's native modules builds against; python3-torch, python3-numpy and
# libopenblas0-pthread: the model-training check; bubblewrap: the sandbox's Linux namespaces;
# python3-pyflakes: lints the sandbox's Python; cmake, g++, make, git: the llama-server build.
need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
/usr/bin/python3 -c "import torch, numpy" 2>/dev/null || need_apt+=(python3-torch python3-numpy libopenblas0-pthread)
command -v bwrap >/dev/null || need_apt+=(bubblewrap)
/usr/bin/python3 -c "import pyflakes" 2>/dev/null || need_apt+=(python3-pyflakes)
for tool in cmake g++ make git; do command -v "$tool" >/dev/null || need_apt+=("$tool"); done
if [ ${#need_apt[@]} -gt 0 ]; then
  step "apt-get install ${need_apt[*]}"
  { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null; } ||
    { echo "apt-get install ${need_apt[*]} failed"; exit 1; }
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

# --- set-up that the UI and server tiers need, cached in $STEPWISE_CACHE (outside the repository). Each is
# also started by its tier when missing; doing it here, before any tier, gives it the whole machine and
# prints its own error if it fails. The setup tier below checks the same scripts from an empty cache.
step "code-server 4.139.1 + Node 24 (cached in $STEPWISE_CACHE)"
bash test/extension/setup-code-server.sh >/dev/null || echo "code-server set-up failed (the extension and e2e tiers will fail; its error is above)"
step "llama-server build (cached in $STEPWISE_CACHE)"
STEPWISE_BUILD_JOBS="${STEPWISE_BUILD_JOBS:-$(nproc)}" bash scripts/build-llama-server.sh >/dev/null ||
  echo "llama-server build failed (the remote tier will fail; its error is above)"

# --- test tiers. Each runs even when an earlier one failed, so one run shows every failure.
total_pass=0
total_fail=0
total_skip=0
failed_tiers=()
skipped_lines=()
tier_times=()
count() { grep -oE "$1" "$2" | tail -1 | grep -oE '[0-9]+' | head -1; }
run_tier() {
  local name=$1; shift
  step "tier: $name"
  local log="$LOG_DIR/$name.log" t0
  t0=$(date +%s)
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  # node:test's spec reporter ends with "ℹ pass N" / "ℹ fail N" / "ℹ skipped N"; our own runners print
  # "N passed, N failed".
  local p f s
  p=$(grep -E '^(ℹ|#) pass [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+$')
  f=$(grep -E '^(ℹ|#) fail [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+$')
  s=$(grep -E '^(ℹ|#) skipped [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+$')
  if [ -z "$p" ]; then
    local line
    line=$(grep -oE '^[a-z:]*[[:space:]]*[0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?' "$log" | tail -1)
    p=$(count '[0-9]+ passed' <(echo "$line")); f=$(count '[0-9]+ failed' <(echo "$line")); s=$(count '[0-9]+ skipped' <(echo "$line"))
  fi
  p=${p:-0}; f=${f:-0}; s=${s:-0}
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then echo "tier $name ran no test"; f=1; fi
  total_pass=$((total_pass + p)); total_fail=$((total_fail + f)); total_skip=$((total_skip + s))
  [ "$f" -eq 0 ] || failed_tiers+=("$name")
  # node:test marks a skipped test "﹣ name (…) # reason".
  while IFS= read -r l; do skipped_lines+=("$name: ${l#*﹣ }"); done < <(grep -E '^\s*﹣ .*# ' "$log")
  tier_times+=("$name $(( $(date +%s) - t0 )) s")
  echo "tier $name: $p passed, $f failed, $s skipped (exit $rc)"
}

run_tier setup npm run --silent test:setup
run_tier engine npm run --silent test:engine
run_tier sandbox npm run --silent test:sandbox
run_tier inference npm run --silent test:inference
run_tier cli npm run --silent test:cli
run_tier remote npm run --silent test:remote
run_tier models npm run --silent test:models
run_tier package npm run --silent test:package
run_tier extension npm run --silent test:extension
run_tier e2e npm run --silent test:e2e

echo
echo "time per tier: ${tier_times[*]/%/;} whole suite $(( $(date +%s) - SUITE_START )) s"
if [ ${#skipped_lines[@]} -gt 0 ]; then
  echo "skipped, and why:"
  printf '  %s\n' "${skipped_lines[@]}"
fi
[ ${#failed_tiers[@]} -eq 0 ] || echo "failing tiers: ${failed_tiers[*]}"
echo "$total_pass passed, $total_fail failed, $total_skip skipped"
[ "$total_fail" -eq 0 ]
