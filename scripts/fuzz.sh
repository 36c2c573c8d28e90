#!/usr/bin/env bash
# Builds the libFuzzer targets (the `fuzz` preset: clang 14, ASan, nothing but
# the fuzz targets and what they link) and runs each one for N seconds,
# one after another, starting from its committed seed corpus. Fails on the
# first crash, leak, timeout or out-of-memory; the reproducer is left in
# build-fuzz/artifacts/<target>/.
# Usage: scripts/fuzz.sh [seconds per target, default 120] [target…]
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-120}
shift || true
all_targets=(fuzz_sseparser fuzz_ndjsonparser fuzz_eventstreamdecoder
             fuzz_openai fuzz_anthropic fuzz_gemini fuzz_cohere fuzz_ollama
             fuzz_bedrock fuzz_sagemaker fuzz_replicate fuzz_tgi)
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=("${all_targets[@]}")
fi

scripts/install-fuzz-deps.sh
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
if [ ! -f build-fuzz/build.ninja ]; then
  cmake --preset fuzz >/dev/null
fi
cmake --build build-fuzz --target "${targets[@]}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export QT_QPA_PLATFORM=offscreen
for target in "${targets[@]}"; do
  # libFuzzer adds what it finds to the first directory: a scratch copy, so
  # the committed seeds stay as they are.
  work=build-fuzz/corpus/$target
  artifacts=build-fuzz/artifacts/$target/
  mkdir -p "$work" "$artifacts"
  if [ -d "tests/fuzz/corpus/$target" ]; then
    cp -n tests/fuzz/corpus/"$target"/* "$work"/ 2>/dev/null || true
  fi
  echo "fuzz: $target for ${seconds}s" >&2
  # -timeout: one input taking longer than 10 s is a hang; -rss_limit_mb: a leak or blow-up.
  status=0
  build-fuzz/bin/"$target" "$work" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$artifacts" >"build-fuzz/$target.log" 2>&1 || status=$?
  grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|==[0-9]+==ERROR|SUMMARY)" "build-fuzz/$target.log" >&2 || true
  if [ "$status" -ne 0 ]; then
    echo "fuzz: $target failed (exit $status); see build-fuzz/$target.log and $artifacts" >&2
    exit 1
  fi
done
