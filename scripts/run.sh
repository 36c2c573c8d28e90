#!/usr/bin/env bash
# Installs what is needed, builds the Release tree (build-release/) and starts
# the Muxi workbench from it.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
scripts/build.sh release muxi muxi-workbench
exec build-release/bin/muxi-workbench "$@"
