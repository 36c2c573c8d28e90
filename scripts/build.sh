#!/usr/bin/env bash
# Configures and builds the tree in build/ with Ninja and ccache.
# Usage: scripts/build.sh [preset] [ninja targets…]   (preset: dev or ci)
set -euo pipefail
cd "$(dirname "$0")/.."

preset=${1:-dev}
shift || true

# Paths inside the tree hash the same from any checkout, so a fresh clone
# (as CI makes) still hits the cache of an earlier build.
export CCACHE_BASEDIR="$PWD"
export CCACHE_NOHASHDIR=1

if [ ! -f build/CMakeCache.txt ] || ! grep -q "MUXI_PRESET:STRING=$preset" build/CMakeCache.txt; then
  cmake --preset "$preset" -DMUXI_PRESET="$preset" >/dev/null
fi
cmake --build build -- "$@"
