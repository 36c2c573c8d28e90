#!/usr/bin/env bash
# Builds the Release tree (build-release/, the release preset) and the Debian
# packages libmuxi0, libmuxi-dev, muxi and muxi-workbench from it, stripped,
# into build-release/packages/. Run scripts/install-deps.sh once before.
#
# The BPE ranks come from the js-tiktoken npm package install-deps.sh puts
# into ~/.cache/muxi/npm; MUXI_JS_TIKTOKEN_DIR (the package) or
# MUXI_TIKTOKEN_DIR (its dist/ranks) name another copy.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -n "${MUXI_JS_TIKTOKEN_DIR:-}" ]; then
  js_tiktoken=$MUXI_JS_TIKTOKEN_DIR
elif [ -n "${MUXI_TIKTOKEN_DIR:-}" ]; then
  js_tiktoken=$(cd "$MUXI_TIKTOKEN_DIR/../.." && pwd)
else
  js_tiktoken=$HOME/.cache/muxi/npm/node_modules/js-tiktoken
fi

export CCACHE_BASEDIR="$PWD"
export CCACHE_NOHASHDIR=1
cmake --preset release -DMUXI_PRESET=release -DMUXI_JS_TIKTOKEN_DIR="$js_tiktoken" >/dev/null
cmake --build build-release

rm -rf build-release/packages
(cd build-release && cpack -G DEB >/dev/null)
ls build-release/packages/*.deb
