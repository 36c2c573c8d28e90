#!/usr/bin/env bash
# The Debian packages as a user gets them: scripts/package.sh builds them
# (Release, stripped), then each package's files and Depends are checked,
# lintian must report no errors, the .desktop and AppStream files must
# validate, and the packages are unpacked into a temporary root whose
# programs run from a bare home directory: muxi --version, models, an exact
# token count, the bash completion, and the workbench offscreen.
#
# Usage: test-packages.sh <source dir> <version>
set -uo pipefail

source_dir=$1
version=$2
deb_version=$version-1
failures=0

fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

pass() {
  echo "ok: $*"
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== building the packages"
if ! "$source_dir/scripts/package.sh" >"$work/package.log" 2>&1; then
  cat "$work/package.log"
  echo "FAIL: scripts/package.sh"
  exit 1
fi
packages_dir=$source_dir/build-release/packages
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
arch=$(dpkg --print-architecture)
libdir=usr/lib/$multiarch

deb() {
  echo "$packages_dir/${1}_${deb_version}_$arch.deb"
}

# Paths of the files (not directories) a package holds, without the leading "./".
files_of() {
  dpkg-deb --fsys-tarfile "$(deb "$1")" | tar -t | grep -v '/$' | sed 's|^\./||' | sort
}

expect_file() {
  local package=$1 path=$2
  if grep -qxF "$path" "$work/$package.files"; then
    pass "$package has $path"
  else
    fail "$package lacks $path"
  fi
}

expect_no_file() {
  local package=$1 pattern=$2
  if grep -qE "$pattern" "$work/$package.files"; then
    fail "$package holds files matching $pattern: $(grep -E "$pattern" "$work/$package.files" | tr '\n' ' ')"
  else
    pass "$package has nothing matching $pattern"
  fi
}

expect_depends() {
  local package=$1 dependency=$2
  local depends
  depends=$(dpkg-deb -f "$(deb "$package")" Depends)
  if [[ ", $depends, " == *", $dependency, "* ]]; then
    pass "$package depends on $dependency"
  else
    fail "$package does not depend on $dependency (Depends: $depends)"
  fi
}

echo "== file lists and control fields"
for package in libmuxi0 libmuxi-dev muxi muxi-workbench; do
  if [ ! -f "$(deb $package)" ]; then
    fail "no package $(deb $package)"
    continue
  fi
  files_of $package >"$work/$package.files"
  for field in Package Version Architecture Maintainer Section Priority Homepage Description; do
    [ -n "$(dpkg-deb -f "$(deb $package)" $field)" ] || fail "$package has no $field field"
  done
  [ "$(dpkg-deb -f "$(deb $package)" Version)" = "$deb_version" ] || fail "$package is not version $deb_version"
  expect_file $package usr/share/doc/$package/copyright
  expect_file $package usr/share/doc/$package/changelog.Debian.gz
done
[ "$failures" -eq 0 ] || exit 1

expect_file libmuxi0 "$libdir/libmuxi-core.so.0"
expect_file libmuxi0 "$libdir/libmuxi-core.so.$version"
expect_file libmuxi0 "$libdir/libmuxi-providers.so.0"
expect_file libmuxi0 "$libdir/libmuxi-providers.so.$version"
expect_file libmuxi0 usr/share/muxi/tiktoken/o200k_base.json
expect_file libmuxi0 usr/share/muxi/tiktoken/cl100k_base.json
expect_file libmuxi0 usr/share/muxi/tiktoken/LICENSE.js-tiktoken
expect_no_file libmuxi0 '^usr/(bin|include)/|\.so$|\.js$'
for library in libqt6core6 libqt6network6; do
  dpkg-deb -f "$(deb libmuxi0)" Depends | grep -q "$library" || fail "libmuxi0 lacks the shlibs dependency on $library"
done
dpkg-deb --ctrl-tarfile "$(deb libmuxi0)" | tar -xO ./shlibs >"$work/shlibs" 2>/dev/null
grep -qxF "libmuxi-core 0 libmuxi0 (= $deb_version)" "$work/shlibs" || fail "libmuxi0's shlibs file: $(cat "$work/shlibs")"

expect_file libmuxi-dev usr/include/muxi/client.h
expect_file libmuxi-dev usr/include/muxi/muxi_core_export.h
expect_file libmuxi-dev usr/include/muxi/providers/builtinproviders.h
expect_file libmuxi-dev "$libdir/libmuxi-core.so"
expect_file libmuxi-dev "$libdir/libmuxi-providers.so"
expect_file libmuxi-dev "$libdir/cmake/Muxi/MuxiConfig.cmake"
expect_file libmuxi-dev "$libdir/cmake/Muxi/MuxiConfigVersion.cmake"
expect_file libmuxi-dev "$libdir/cmake/Muxi/MuxiTargets.cmake"
expect_file libmuxi-dev "$libdir/pkgconfig/muxi.pc"
expect_no_file libmuxi-dev '\.so\.|^usr/bin/'
expect_depends libmuxi-dev "libmuxi0 (= $deb_version)"
expect_depends libmuxi-dev qt6-base-dev

expect_file muxi usr/bin/muxi
for page in muxi muxi-chat muxi-complete muxi-embed muxi-mcp muxi-models muxi-serve muxi-tokens; do
  expect_file muxi usr/share/man/man1/$page.1.gz
done
expect_file muxi usr/share/bash-completion/completions/muxi
expect_file muxi usr/share/zsh/vendor-completions/_muxi
expect_no_file muxi '\.so|muxi-workbench'
expect_depends muxi "libmuxi0 (= $deb_version)"
dpkg-deb -f "$(deb muxi)" Depends | grep -q 'libqt6core6' || fail "muxi lacks the shlibs dependency on libqt6core6"

expect_file muxi-workbench usr/bin/muxi-workbench
expect_file muxi-workbench usr/share/man/man1/muxi-workbench.1.gz
expect_file muxi-workbench usr/share/applications/org.muxi.Workbench.desktop
expect_file muxi-workbench usr/share/metainfo/org.muxi.Workbench.metainfo.xml
expect_file muxi-workbench usr/share/icons/hicolor/scalable/apps/org.muxi.Workbench.svg
for size in 16 22 24 32 48 64 128 256; do
  expect_file muxi-workbench usr/share/icons/hicolor/${size}x$size/apps/org.muxi.Workbench.png
done
expect_no_file muxi-workbench '\.so|^usr/bin/muxi$'
expect_depends muxi-workbench "libmuxi0 (= $deb_version)"
expect_depends muxi-workbench qml6-module-qtquick-controls
dpkg-deb -f "$(deb muxi-workbench)" Depends | grep -q 'libqt6qml6' || fail "muxi-workbench lacks the shlibs dependency on libqt6qml6"

# dpkg refuses to install two packages holding the same file.
shared=$(cat "$work"/*.files | sort | uniq -d)
[ -z "$shared" ] || fail "files in more than one package: $shared"

echo "== unpacked into a temporary root"
root=$work/root
for package in libmuxi0 libmuxi-dev muxi muxi-workbench; do
  dpkg-deb -x "$(deb $package)" "$root"
done
while IFS= read -r elf; do
  name=${elf#"$root"/}
  if file -b "$elf" | grep -q 'not stripped'; then
    fail "$name is not stripped"
  fi
  if readelf -d "$elf" | grep -qE '\((RUNPATH|RPATH)\)'; then
    fail "$name has a library search path: $(readelf -d "$elf" | grep -E 'RUNPATH|RPATH')"
  fi
done < <(find "$root" -type f -exec sh -c 'head -c 4 "$1" | grep -q ELF' _ {} \; -print)
# Without LD_LIBRARY_PATH the programs must not find libmuxi in the build tree.
if env -u LD_LIBRARY_PATH ldd "$root/usr/bin/muxi" | grep 'libmuxi' | grep -qF "$source_dir"; then
  fail "muxi finds libmuxi in the source tree: $(ldd "$root/usr/bin/muxi" | grep libmuxi)"
fi

# A home that never saw the build tree or the npm cache; the unpacked root
# stands in for / (its libraries for /usr/lib, its data for /usr/share).
bare=$work/bare
mkdir -p "$bare/home" "$bare/runtime"
chmod 700 "$bare/runtime"
run_bare() {
  env -i HOME="$bare/home" XDG_RUNTIME_DIR="$bare/runtime" PATH="$root/usr/bin:/usr/bin:/bin" LANG=C.UTF-8 \
    LD_LIBRARY_PATH="$root/$libdir" XDG_DATA_DIRS="$root/usr/share" \
    ${DBUS_SESSION_BUS_ADDRESS:+DBUS_SESSION_BUS_ADDRESS="$DBUS_SESSION_BUS_ADDRESS"} "$@"
}

out=$(run_bare muxi --version 2>&1)
[ "$out" = "muxi $version" ] && pass "muxi --version: $out" || fail "muxi --version printed: $out"

out=$(run_bare muxi models 2>&1) && grep -q openai <<<"$out" && grep -q anthropic <<<"$out" \
  && pass "muxi models lists the providers" || fail "muxi models: $out"

out=$(run_bare muxi tokens -m gpt-4o "hello world" 2>&1)
[ "$out" = "2 tokens (exact, o200k_base)" ] && pass "muxi tokens -m gpt-4o: $out" || fail "muxi tokens -m gpt-4o printed: $out"
out=$(run_bare muxi tokens -m openai/gpt-4 --json "Hello, world!" 2>&1)
grep -q '"tokens":4' <<<"$out" && grep -q '"encoding":"cl100k_base"' <<<"$out" && grep -q '"exact":true' <<<"$out" \
  && pass "muxi tokens -m openai/gpt-4: $out" || fail "muxi tokens -m openai/gpt-4 printed: $out"

for page in "$root"/usr/share/man/man1/*.1.gz; do
  warnings=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z "$page" 2>&1 >/dev/null)
  [ -z "$warnings" ] && pass "man page $(basename "$page") renders cleanly" || fail "$(basename "$page"): $warnings"
done

# What bash offers after "muxi ", "muxi chat --st" and "muxi tokens -m op".
complete_bash() {
  run_bare bash -c 'source /usr/share/bash-completion/bash_completion
    source "$0"
    compopt() { :; }  # only works inside a completion bash itself started
    COMP_LINE="$1"; COMP_WORDS=($1); [[ $1 == *" " ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMP_POINT=${#COMP_LINE}
    _muxi muxi "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
    echo "${COMPREPLY[*]}"' "$root/usr/share/bash-completion/completions/muxi" "$1"
}
out=$(complete_bash "muxi ")
[ "$out" = "chat complete embed models mcp serve tokens --help --version" ] && pass "bash completes the commands" || fail "bash completion of \"muxi \": $out"
out=$(complete_bash "muxi chat --st")
[ "$out" = "--stream" ] && pass "bash completes chat's options" || fail "bash completion of \"muxi chat --st\": $out"
out=$(complete_bash "muxi tokens -m op")
[[ " $out " == *" openai/ "* ]] && pass "bash completes providers after -m: $out" || fail "bash completion of \"muxi tokens -m op\": $out"
out=$(complete_bash "muxi mcp ")
[ "$out" = "tools call" ] && pass "bash completes mcp's commands" || fail "bash completion of \"muxi mcp \": $out"
out=$(complete_bash "muxi chat --mcp-u")
[ "$out" = "--mcp-url" ] && pass "bash completes chat's MCP options" || fail "bash completion of \"muxi chat --mcp-u\": $out"
out=$(complete_bash "muxi mcp tools --elicit d")
[ "$out" = "defaults decline" ] && pass "bash completes option values" || fail "bash completion of \"muxi mcp tools --elicit d\": $out"
out=$(complete_bash "muxi serve --re")
[ "$out" = "--redis" ] && pass "bash completes serve's options" || fail "bash completion of \"muxi serve --re\": $out"
out=$(complete_bash "muxi models anth")
[ "$out" = "anthropic" ] && pass "bash completes the provider of models" || fail "bash completion of \"muxi models anth\": $out"

echo "== the workbench, offscreen"
# It must come up, show its window (the scene graph logs each frame it renders
# into an exposed window) and keep running, with nothing else on stderr: a QML
# error or a missing QML module would be printed there.
frame_log=qt.scenegraph.time.renderloop
run_bare QT_QPA_PLATFORM=offscreen QT_LOGGING_RULES="$frame_log=true" \
  timeout 8 muxi-workbench >"$work/workbench.log" 2>&1
status=$?
if [ $status -ne 124 ]; then
  fail "the workbench exited with status $status instead of running: $(cat "$work/workbench.log")"
elif ! grep -q "^$frame_log: Frame rendered" "$work/workbench.log"; then
  fail "the workbench rendered no window: $(cat "$work/workbench.log")"
elif grep -v "^$frame_log: " "$work/workbench.log" | grep -q .; then
  fail "the workbench reported: $(grep -v "^$frame_log: " "$work/workbench.log")"
else
  pass "the workbench started and showed its window"
fi

echo "== validators"
out=$(desktop-file-validate "$root/usr/share/applications/org.muxi.Workbench.desktop" 2>&1)
[ -z "$out" ] && pass "desktop-file-validate" || fail "desktop-file-validate: $out"
out=$(appstreamcli validate --no-net "$root/usr/share/metainfo/org.muxi.Workbench.metainfo.xml" 2>&1)
if [ $? -eq 0 ] && ! grep -qE '^[EWI]: ' <<<"$out"; then
  pass "appstreamcli validate"
else
  fail "appstreamcli validate: $out"
fi

echo "== lintian"
lintian --tag-display-limit 0 --display-info "$packages_dir"/*.deb >"$work/lintian.log" 2>&1
lintian_status=$?
cat "$work/lintian.log"
if grep -q '^E: ' "$work/lintian.log"; then
  fail "lintian reports errors"
elif [ $lintian_status -gt 1 ]; then
  fail "lintian did not run (status $lintian_status)"
else
  pass "lintian reports no errors ($(grep -c '^W: ' "$work/lintian.log") warnings)"
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all package checks passed"
