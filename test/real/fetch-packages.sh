#!/bin/sh
# Installs the npm packages the real-toolchain tests (test/real/*.test.ts) run: .wasm built by
# Emscripten (sql.js) and wasm-bindgen (lz4-wasm-nodejs, brotli-wasm), plus hash-wasm (hand-written
# C via clang, loaded through WebAssembly.compile). Into test/.cache/real (gitignored); the tests
# skip with a message when it is absent. Usage: sh test/real/fetch-packages.sh
set -e
cd "$(dirname "$0")/../.."
DIR=test/.cache/real
mkdir -p "$DIR"
[ -f "$DIR/package.json" ] || echo '{ "name": "weft-real-packages", "private": true }' > "$DIR/package.json"
npm install --prefix "$DIR" --no-audit --no-fund --ignore-scripts --loglevel=error \
  sql.js@1.16.0 hash-wasm@4.13.0 lz4-wasm-nodejs@0.9.2 brotli-wasm@3.0.1
