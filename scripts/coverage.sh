#!/usr/bin/env bash
# Line coverage of core, providers, app, cli, gateway and mcp: builds
# build-coverage/ (gcc --coverage, -O0), runs the test suite there as CI
# does (scripts/test.sh, whose D-Bus keyring the keychain tests need) from
# zero counts, then writes the gcovr report to build-coverage/coverage/.
# The packaging and install tests build trees of their own, which count
# nothing here, and are left out; so is the API documentation.
# Usage: scripts/coverage.sh [ctest arguments…]
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
scripts/build.sh coverage
find build-coverage -name '*.gcda' -delete
# A failing test still leaves its counts; the report is written either way
# and the script fails afterwards.
status=0
MUXI_TEST_PRESET=coverage MUXI_TEST_NO_BUILD=1 scripts/test.sh -LE 'packaging|install|docs' "$@" || status=$?
cmake --build build-coverage --target coverage_report
exit "$status"
