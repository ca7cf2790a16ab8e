#!/bin/sh
# Rebuilds lines.wasm from lines.c (freestanding wasm32, no libc). Needs clang and wasm-ld.
set -e
cd "$(dirname "$0")"
clang --target=wasm32 -O2 -nostdlib -ffreestanding -Wl,--no-entry -Wl,--strip-all -o lines.wasm lines.c
ls -l lines.wasm
