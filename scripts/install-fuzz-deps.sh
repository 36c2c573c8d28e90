#!/usr/bin/env bash
# What the `fuzz` and `asan` presets need beyond scripts/install-deps.sh:
# clang 14 and its compiler-rt (libFuzzer, AddressSanitizer). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh

scripts/apt-install.sh clang-14 libclang-rt-14-dev
