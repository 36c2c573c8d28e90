#!/usr/bin/env bash
# Configures and builds a tree with Ninja and ccache: build/ for the dev and ci
# presets, build-release/ for release (what scripts/run.sh starts and the
# Debian packages are made from), build-coverage/ for coverage (gcc --coverage,
# see docs/development.md#coverage).
# Usage: scripts/build.sh [preset] [ninja targets…]   (preset: dev, ci, release or coverage)
set -euo pipefail
cd "$(dirname "$0")/.."

preset=${1:-dev}
shift || true
case "$preset" in
  release) dir=build-release ;;
  coverage) dir=build-coverage ;;
  *) dir=build ;;
esac

# Paths inside the tree hash the same from any checkout, so a fresh clone
# (as CI makes) still hits the cache of an earlier build.
export CCACHE_BASEDIR="$PWD"
export CCACHE_NOHASHDIR=1

if [ ! -f "$dir/build.ninja" ] || ! grep -q "MUXI_PRESET:STRING=$preset" "$dir/CMakeCache.txt"; then
  cmake --preset "$preset" -DMUXI_PRESET="$preset" >/dev/null
fi
cmake --build "$dir" -- "$@"
