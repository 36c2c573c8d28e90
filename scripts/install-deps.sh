#!/usr/bin/env bash
# Installs every Debian package the build, the workbench and the tests need,
# the js-tiktoken npm package into ~/.cache/muxi/npm and the SDKs the gateway
# tests use into ~/.cache/muxi/npm-gateway. Idempotent: what is
# already present is not fetched again, and apt is not touched at all when
# nothing is missing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git curl
  qt6-base-dev qt6-declarative-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-httpserver-dev qt6-multimedia-dev qt6-svg-dev
  libqt6sql6-sqlite
  qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts
  qml6-module-qtquick-window qml6-module-qtquick-dialogs qml6-module-qtquick-templates
  qml6-module-qtqml-workerscript qml6-module-qttest qml6-module-qtcore
  qml6-module-qt-labs-platform qml6-module-qt-labs-settings qml6-module-qt-labs-qmlmodels
  qml6-module-qt-labs-folderlistmodel
  qml6-module-qtmultimedia qml6-module-qtquick-shapes
  qtkeychain-qt6-dev libsecret-tools gnome-keyring dbus dbus-x11
  libmd4c-dev libmd4c-html0-dev libsource-highlight-dev
  xvfb xauth
  doxygen graphviz
  # the coverage report (scripts/build.sh coverage, target coverage_report)
  gcovr
  zlib1g-dev
  libhttp-parser-dev libhiredis-dev redis-server redis-tools
  # Debian packages (scripts/package.sh) and their checks in the packaging test
  file librsvg2-bin lintian desktop-file-utils appstream bash-completion
)
# npm installs js-tiktoken below. A Node.js that brings its own npm (NodeSource) is
# left alone: Debian's npm package would conflict with it.
if ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

"$(dirname "$0")/apt-install.sh" "${packages[@]}"

# OpenAI's BPE ranks for `muxi tokens` and TokenCounter, from the js-tiktoken
# npm package (MIT licence). They are loaded at run time from this cache and
# never committed; MUXI_TIKTOKEN_DIR points muxi elsewhere.
tiktoken_version=1.0.21
tiktoken_prefix="$HOME/.cache/muxi/npm"
if ! grep -qs "\"version\": \"$tiktoken_version\"" "$tiktoken_prefix/node_modules/js-tiktoken/package.json"; then
  echo "install-deps: installing js-tiktoken $tiktoken_version into $tiktoken_prefix" >&2
  npm install --prefix "$tiktoken_prefix" --no-audit --no-fund --no-update-notifier --loglevel=error "js-tiktoken@$tiktoken_version" >/dev/null
fi

# The official OpenAI and Anthropic SDKs the gateway tests drive `muxi serve` with.
"$(dirname "$0")/install-gateway-npm.sh" >/dev/null
