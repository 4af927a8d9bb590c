#!/usr/bin/env bash
# Builds Portcullis and the benchmark harness in release mode and runs it.
#   bench/run.sh                      # SQLite, 10 s per phase, up to 1,000,000 users
#   bench/run.sh --quick              # 3 s per phase, up to 100,000 users
#   bench/run.sh --database-url postgres://postgres@127.0.0.1/portcullis_bench   # an empty database
# Results: a line per phase on stderr, bench/results.json.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin portcullis --example bench
exec ./target/release/examples/bench "$@"
