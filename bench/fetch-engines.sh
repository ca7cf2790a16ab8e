#!/bin/sh
# Installs the third-party JS-hosted engines the bench compares against, into bench/.cache
# (gitignored, never committed). The bench skips an engine with a note when it is missing.
#   - polywasm (npm): a WebAssembly polyfill that translates wasm to JS.
#   - wasm2js (binaryen): the Debian package's CLI is used if present; otherwise the npm
#     `binaryen` package's bin/wasm2js is installed here.
# Usage: sh bench/fetch-engines.sh
set -e
cd "$(dirname "$0")"
DIR=.cache
mkdir -p "$DIR"
[ -f "$DIR/package.json" ] || echo '{ "name": "weft-bench-engines", "private": true }' > "$DIR/package.json"
PKGS="polywasm@0.2.0"
if ! command -v wasm2js >/dev/null 2>&1; then PKGS="$PKGS binaryen@132.0.0"; fi
npm install --prefix "$DIR" --no-audit --no-fund --ignore-scripts --loglevel=error $PKGS
echo "engines installed in bench/$DIR"
