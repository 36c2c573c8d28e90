#!/usr/bin/env bash
# Installs what is needed, builds and starts the Muxi workbench.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
scripts/build.sh dev muxi muxi-workbench
exec build/bin/muxi-workbench "$@"
