#!/usr/bin/env bash
# Vendor the JavaScript/CSS that folium maps need, from the npm registry, so that maps
# work offline in Voilà and in the static datapakke, and the partial plotly.js bundle the
# static datapakke draws its charts with. Run once; the result is committed under
# landsby_utils/static/vendor/ with each package's licence file.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=landsby_utils/static/vendor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf "$dest"; mkdir -p "$dest"
fetch() {  # fetch NAME@VERSION into $work/<dirname>
  local spec=$1 dir=$2
  (cd "$work" && npm pack --silent "$spec" >/dev/null && mkdir -p "$dir" && tar -xzf ./*.tgz -C "$dir" --strip-components=1 && rm ./*.tgz)
}
fetch leaflet@1.9.3 leaflet
fetch leaflet.awesome-markers@2.0.5 awesome
fetch leaflet.markercluster@1.5.3 cluster
fetch @fortawesome/fontawesome-free@6.2.0 fa
fetch jquery@3.7.1 jquery   # folium popups use $()
# The static site's charts: plotly.js's "basic" bundle (scatter, bar, pie: the charts use scatter and bar),
# 1.2 MB instead of the full 4.8 MB. Same plotly.js version as the plotly Python package's (package_data/plotly.min.js).
fetch plotly.js-basic-dist-min@4.1.1 plotly
mkdir -p "$dest/plotly" "$dest/jquery" "$dest/leaflet/images" "$dest/awesome/images" "$dest/markercluster" "$dest/fontawesome/css" "$dest/fontawesome/webfonts"
cp "$work"/leaflet/dist/leaflet.js "$work"/leaflet/dist/leaflet.css "$work"/leaflet/LICENSE "$dest/leaflet/"
cp "$work"/leaflet/dist/images/* "$dest/leaflet/images/"
cp "$work"/awesome/dist/leaflet.awesome-markers.js "$work"/awesome/dist/leaflet.awesome-markers.css "$dest/awesome/"
cp "$work"/awesome/dist/images/* "$dest/awesome/images/"
cp "$work"/awesome/LICENSE "$dest/awesome/" 2>/dev/null || true
cp "$work"/cluster/dist/leaflet.markercluster.js "$work"/cluster/dist/MarkerCluster.css "$work"/cluster/dist/MarkerCluster.Default.css "$dest/markercluster/"
cp "$work"/cluster/MIT-LICENCE.txt "$dest/markercluster/" 2>/dev/null || cp "$work"/cluster/LICENSE* "$dest/markercluster/" 2>/dev/null || true
cp "$work"/plotly/plotly-basic.min.js "$work"/plotly/LICENSE "$dest/plotly/"
cp "$work"/jquery/dist/jquery.min.js "$work"/jquery/LICENSE.txt "$dest/jquery/"
cp "$work"/fa/css/all.min.css "$dest/fontawesome/css/"
cp "$work"/fa/webfonts/*.woff2 "$dest/fontawesome/webfonts/"
cp "$work"/fa/LICENSE.txt "$dest/fontawesome/"
du -sh "$dest"
# The accessibility checker the browser tests run in every page (tests only; not part of the package).
fetch axe-core@4.14.1 axe
mkdir -p tests/fixtures/axe-core
cp "$work"/axe/axe.min.js "$work"/axe/LICENSE "$work"/axe/LICENSE-3RD-PARTY.txt tests/fixtures/axe-core/
du -sh tests/fixtures/axe-core
