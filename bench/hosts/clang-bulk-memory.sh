#!/bin/sh
# The 'rlbox-bulk' experiment's wasm compiler (RLBOX_CLANG): clang with the bulk-memory feature, so that the
# library's memcpy/memmove/memset calls become memory.copy/memory.fill, which the generated C runs as the host
# libc's memmove/memset, instead of wasi-libc's byte loops compiled to wasm.
exec "${CLANG:-clang}" -mbulk-memory "$@"
