#!/usr/bin/env bash
# Installs the official OpenAI and Anthropic npm SDKs that the gateway tests
# (tests/gateway/*.mjs) drive `muxi serve` with. Pinned versions, into a cache
# outside the tree (never committed); idempotent. Prints the prefix it used.
# Usage: scripts/install-gateway-npm.sh [prefix]   (default ~/.cache/muxi/npm-gateway)
set -euo pipefail

prefix=${1:-${MUXI_GATEWAY_NPM_DIR:-$HOME/.cache/muxi/npm-gateway}}
openai_version=7.60.0
anthropic_version=1.17.0

installed() {
  grep -qs "\"version\": \"$2\"" "$prefix/node_modules/$1/package.json"
}

if ! installed openai "$openai_version" || ! installed @anthropic-ai/sdk "$anthropic_version"; then
  echo "install-gateway-npm: installing openai $openai_version and @anthropic-ai/sdk $anthropic_version into $prefix" >&2
  mkdir -p "$prefix"
  npm install --prefix "$prefix" --no-audit --no-fund --no-update-notifier --loglevel=error \
    "openai@$openai_version" "@anthropic-ai/sdk@$anthropic_version" >/dev/null
fi
echo "$prefix"
