#!/usr/bin/env bash
# Refreshes the workbench's action icons from the pinned lucide-static npm
# package (ISC). The SVGs are committed: a build never needs the network.
# Strokes are made black because Qt Quick Controls tint monochrome icons
# with icon.color, which is how the icons follow the light and dark themes.
set -euo pipefail
version=1.62.0
root=$(cd "$(dirname "$0")/.." && pwd)
target="$root/resources/icons/actions"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "lucide-static@$version" >/dev/null && tar xzf "lucide-static-$version.tgz")
rm -f "$target"/*.svg
while read -r name; do
    [[ -z "$name" || "$name" == \#* ]] && continue
    sed -e 's/currentColor/#000000/g' -e '/^<!--.*-->$/d' "$work/package/icons/$name.svg" > "$target/$name.svg"
done < "$target/icons.txt"
cp "$work/package/LICENSE" "$target/LICENSE"
echo "lucide-static $version: $(ls "$target"/*.svg | wc -l) icons in $target"
