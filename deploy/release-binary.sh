#!/bin/sh
# Prints the path of an up-to-date release build of `portcullis`: `cargo build --release
# --locked` rebuilds only when the binary is missing or older than its sources (a no-op of a
# second otherwise; a fresh release build takes several minutes: one codegen unit, fat LTO).
# PORTCULLIS_BINARY=path uses that binary instead. Used by deploy/image.sh and deploy/deb.sh;
# cargo's progress goes to standard error.
set -eu
if [ -n "${PORTCULLIS_BINARY:-}" ]; then
    [ -x "$PORTCULLIS_BINARY" ] || { echo "PORTCULLIS_BINARY=$PORTCULLIS_BINARY is not an executable" >&2; exit 1; }
    echo "$PORTCULLIS_BINARY"
    exit 0
fi
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cargo build --release --locked --bin portcullis >&2
echo "${CARGO_TARGET_DIR:-$root/target}/release/portcullis"
