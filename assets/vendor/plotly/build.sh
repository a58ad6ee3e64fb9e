#!/usr/bin/env bash
# Rebuild plotly-dashboard.min.js: plotly.js 4.1.1 (the version plotly.py 7.1.0 ships) with
# only the traces the dashboard draws and the zh-CN locale; 1.4 MB instead of 4.8 MB.
# dcc.Graph uses window.Plotly when it exists, so the full bundle is never fetched.
# Needs Node and npm (build time only).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/entry.js" "$work/"
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund plotly.js@4.1.1 esbuild@0.28.2 >/dev/null
# maplibre's CSS is imported for map traces we do not use; some dependencies expect Node's `global`.
npx esbuild entry.js --bundle --minify --format=iife --target=es2018 --legal-comments=none \
  --loader:.css=empty --define:global=window --outfile="$here/plotly-dashboard.min.js"
cp node_modules/plotly.js/LICENSE "$here/LICENSE"
echo "wrote $here/plotly-dashboard.min.js ($(wc -c < "$here/plotly-dashboard.min.js") bytes)"
