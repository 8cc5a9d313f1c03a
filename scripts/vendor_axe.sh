#!/usr/bin/env bash
# Vendor axe-core (the accessibility checker the browser tests run in Chromium) from the npm registry,
# so `make test` needs no npm and no network. Run once; the result is committed under
# tests/fixtures/axe/ with the package's licence and its version.
set -euo pipefail
cd "$(dirname "$0")/.."
version=${1:-4.14.1}
dest=tests/fixtures/axe
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "axe-core@$version" >/dev/null && tar -xzf ./*.tgz)
rm -rf "$dest"; mkdir -p "$dest"
cp "$work/package/axe.min.js" "$work/package/LICENSE" "$dest/"
[ -f "$work/package/LICENSE-3RD-PARTY.txt" ] && cp "$work/package/LICENSE-3RD-PARTY.txt" "$dest/"
echo "axe-core $version (npm registry, MPL-2.0), copied by scripts/vendor_axe.sh" > "$dest/VERSION"
du -sh "$dest"
