#!/bin/sh
# Builds the example C programs (and the WASI test programs in test/wasi/c) to wasm32-wasi.
# Needs clang + lld + wasi-libc (Debian: apt-get install -y clang lld wasi-libc libclang-rt-dev-wasm32);
# binaryen's wasm-opt is used when present to drop DWARF but keep function names.
# The .wasm files are committed, so this only needs running after editing a .c file.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
CC=${CC:-clang}
# Debian's wasi-libc lives in clang's default wasm32-wasi search path; other installs use a sysroot.
SYSROOT=${WASI_SYSROOT:-/usr/share/wasi-sysroot}
target="--target=wasm32-wasi"
[ -d "$SYSROOT" ] && target="$target --sysroot=$SYSROOT"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Compile at -O2 but link without an -O level: at link time clang would otherwise run wasm-opt
# from PATH, which inlines everything and drops the name section, and trap stacks would be useless.
build() { # build SRC OUT
    echo "  CC $1"
    $CC $target -O2 -Wall -c "$1" -o "$tmp/obj.o"
    if command -v wasm-opt >/dev/null 2>&1; then
        $CC $target "$tmp/obj.o" -o "$tmp/full.wasm"
        wasm-opt -g --strip-dwarf "$tmp/full.wasm" -o "$2" # -g: keep the name section
    else
        $CC $target "$tmp/obj.o" -Wl,--strip-debug -o "$2"
    fi
}

for src in "$here"/*.c; do
    build "$src" "${src%.c}.wasm"
done
mkdir -p "$here/../test/wasi/wasm"
for src in "$here"/../test/wasi/c/*.c; do
    [ -e "$src" ] || continue
    build "$src" "$here/../test/wasi/wasm/$(basename "${src%.c}").wasm"
done
