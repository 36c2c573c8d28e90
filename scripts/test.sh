#!/usr/bin/env bash
# Installs what is needed, builds with warnings as errors and runs every test
# suite, inside a private D-Bus session with an unlocked gnome-keyring so the
# keychain tests talk to a real secret service. MUXI_TEST_PRESET=coverage runs
# them in build-coverage/ instead (scripts/coverage.sh does).
set -euo pipefail
cd "$(dirname "$0")/.."

preset=${MUXI_TEST_PRESET:-ci}
case "$preset" in
  ci) build_dir=build ;;
  coverage) build_dir=build-coverage ;;
  *) echo "test.sh: MUXI_TEST_PRESET must be ci or coverage" >&2; exit 2 ;;
esac
export MUXI_TEST_BUILD_DIR="$PWD/$build_dir"

if [ -z "${MUXI_TEST_NO_BUILD:-}" ]; then
  scripts/install-deps.sh
  scripts/build.sh "$preset"
fi

# The BPE ranks install-deps.sh put into the real cache stay visible to the token tests.
# Likewise the npm SDKs the gateway tests use.
export MUXI_GATEWAY_NPM_DIR="${MUXI_GATEWAY_NPM_DIR:-$HOME/.cache/muxi/npm-gateway}"
export MUXI_TIKTOKEN_DIR="${MUXI_TIKTOKEN_DIR:-$HOME/.cache/muxi/npm/node_modules/js-tiktoken/dist/ranks}"

# The MCP servers and conformance suite the "mcp" tests run, from npm at pinned versions.
export MUXI_MCP_NPM_DIR="${MUXI_MCP_NPM_DIR:-$HOME/.cache/muxi/npm-mcp}"
scripts/install-mcp-test-servers.sh

# The packaging test builds the Release tree; it keeps using the real compiler cache.
if command -v ccache >/dev/null 2>&1; then
  export CCACHE_DIR="${CCACHE_DIR:-$(ccache --get-config cache_dir)}"
fi

# Test runs never see the developer's own data, settings or keyring.
sandbox=$(mktemp -d)
trap 'rm -rf "$sandbox"' EXIT
export HOME="$sandbox/home" XDG_DATA_HOME="$sandbox/data" XDG_CONFIG_HOME="$sandbox/config" \
       XDG_CACHE_HOME="$sandbox/cache" XDG_RUNTIME_DIR="$sandbox/runtime"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
export QT_QPA_PLATFORM=offscreen

dbus-run-session -- bash -c '
  set -euo pipefail
  # The password only unlocks this throw-away keyring.
  printf "muxi-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  cd "$MUXI_TEST_BUILD_DIR"
  ctest --output-on-failure --parallel 2 "$@"
' muxi-tests "$@"
