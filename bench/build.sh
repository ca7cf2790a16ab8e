#!/bin/sh
# Rebuilds bench/kernels/*.wasm from bench/kernels/*.c. The .wasm files are committed, so running
# the bench does not need clang; this is only for changing a kernel.
# Needs clang + lld with the wasm32 target (Debian: apt-get install -y clang lld).
# Freestanding on purpose: no libc, no imports; each kernel exports `run(units) -> i32 checksum`.
# -mno-bulk-memory keeps the output MVP + what clang enables by default, so every engine can run it.
set -e
cd "$(dirname "$0")/kernels"
for c in *.c; do
  name="${c%.c}"
  clang --target=wasm32 -O2 -nostdlib -fno-builtin-memset -fno-builtin-memcpy \
    -Wl,--no-entry -Wl,--export=run -Wl,--strip-all -o "$name.wasm" "$c"
  echo "built $name.wasm ($(wc -c < "$name.wasm") bytes)"
done
