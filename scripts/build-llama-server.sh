#!/usr/bin/env bash
# Builds llama.cpp's `llama-server` and `ggml-rpc-server` from the llama.cpp source that node-llama-cpp
# ships as a git bundle, so the remote backend's tests run against a real serving engine.
#
# The binaries are cached OUTSIDE the repository, in
#   ${STEPWISE_CACHE:-$HOME/.cache/stepwise}/llama-server-<llama.cpp commit>/
# so reruns on the same machine skip the ~10-minute build. Idempotent: a finished cache dir (marked by
# .complete) is reused as is. Prints the binary dir as the last line of stdout; build logs go to stderr.
#
# Flags: GGML_NATIVE=OFF keeps the binary portable across CPUs of the same kind (x86-64 with AVX2, the
# ggml default when native is off); static libraries so the cached dir is self-contained; no curl, no
# OpenSSL, no web UI (nothing is downloaded). Jobs: STEPWISE_BUILD_JOBS (default 1, run under nice),
# because the machine is shared with test runs.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bundle="$repo_root/node_modules/node-llama-cpp/llama/gitRelease.bundle"
cache_root="${STEPWISE_CACHE:-$HOME/.cache/stepwise}"
jobs="${STEPWISE_BUILD_JOBS:-1}"

if [[ ! -f "$bundle" ]]; then
  echo "build-llama-server: $bundle not found; run npm install first" >&2
  exit 1
fi

for tool in git cmake c++ make; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "build-llama-server: '$tool' is missing; install it (Debian: apt-get install -y git cmake g++ make)" >&2
    exit 1
  fi
done

commit="$(git bundle list-heads "$bundle" | awk '$2=="HEAD"{print $1}' | head -n1)"
if [[ -z "$commit" ]]; then
  commit="$(git bundle list-heads "$bundle" | awk '{print $1}' | head -n1)"
fi
out_dir="$cache_root/llama-server-$commit"

if [[ -f "$out_dir/.complete" && -x "$out_dir/llama-server" && -x "$out_dir/ggml-rpc-server" ]]; then
  echo "$out_dir"
  exit 0
fi

mkdir -p "$cache_root"
# One build at a time per machine: a second caller waits for the first, then reuses its result.
exec 9>"$cache_root/.llama-server-build.lock"
flock 9
if [[ -f "$out_dir/.complete" && -x "$out_dir/llama-server" && -x "$out_dir/ggml-rpc-server" ]]; then
  echo "$out_dir"
  exit 0
fi

src_dir="$cache_root/llama.cpp-src-$commit"
build_dir="$cache_root/llama.cpp-build-$commit"
if [[ ! -d "$src_dir/.git" ]]; then
  rm -rf "$src_dir"
  git clone --quiet "$bundle" "$src_dir" >&2
fi
git -C "$src_dir" checkout --quiet "$commit" >&2

start=$(date +%s)
cmake -S "$src_dir" -B "$build_dir" \
  -DCMAKE_BUILD_TYPE=Release \
  -DBUILD_SHARED_LIBS=OFF \
  -DGGML_NATIVE=OFF \
  -DGGML_RPC=ON \
  -DLLAMA_CURL=OFF \
  -DLLAMA_OPENSSL=OFF \
  -DLLAMA_BUILD_UI=OFF \
  -DLLAMA_USE_PREBUILT_UI=OFF \
  -DLLAMA_BUILD_TESTS=OFF \
  -DLLAMA_BUILD_EXAMPLES=OFF \
  -DLLAMA_BUILD_SERVER=ON \
  -DLLAMA_BUILD_TOOLS=ON >&2
nice -n 10 cmake --build "$build_dir" --config Release -j "$jobs" --target llama-server ggml-rpc-server >&2
end=$(date +%s)

tmp_out="$out_dir.tmp.$$"
rm -rf "$tmp_out"
mkdir -p "$tmp_out"
cp "$build_dir/bin/llama-server" "$build_dir/bin/ggml-rpc-server" "$tmp_out/"
echo "commit=$commit build_seconds=$((end - start)) jobs=$jobs built=$(date -u +%FT%TZ)" > "$tmp_out/BUILD_INFO"
touch "$tmp_out/.complete"
rm -rf "$out_dir"
mv "$tmp_out" "$out_dir"
echo "build-llama-server: built in $((end - start)) s at -j$jobs" >&2
echo "$out_dir"
