#!/usr/bin/env bash
# The time from the "stopped" log line to the process's exit, when a password hash is left
# running by a client that gave up: the hash has no one to answer, so the process should not
# wait for it (it did: as long as the hash took). Prints both times and the gap.
#   bench/shutdown.sh                  # the release binary if built, else debug
#   BIN=path/to/portcullis ITERATIONS=12 bench/shutdown.sh
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
bin=${BIN:-}
if [ -z "$bin" ]; then
  if [ -x "$target/release/portcullis" ]; then bin=$target/release/portcullis
  else cargo build --quiet --bin portcullis; bin=$target/debug/portcullis; fi
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
port=${PORT:-18192}
# A hash of about a second (64 MiB, 12 passes on a 2020s core).
PORTCULLIS_DATABASE_URL="sqlite://$dir/bench.db" PORTCULLIS_BIND="127.0.0.1:$port" \
  PORTCULLIS_DEV=true PORTCULLIS_LOG=info PORTCULLIS_METRICS_BIND=off \
  PORTCULLIS_RATE_LIMIT_PER_MINUTE=0 PORTCULLIS_HASH_CONCURRENCY=1 \
  PORTCULLIS_ARGON2_MEMORY_KIB=65536 PORTCULLIS_ARGON2_ITERATIONS="${ITERATIONS:-12}" \
  "$bin" serve 2>"$dir/log" &
pid=$!
for _ in $(seq 1 600); do curl -s -o /dev/null "127.0.0.1:$port/health/live" && break; sleep 0.1; done
# The client gives up while the hash of its login runs.
curl -s -o /dev/null --max-time 0.5 "127.0.0.1:$port/api/auth/login" \
  -d 'email=nobody@example.com&password=not the password' || true
kill -TERM "$pid"
while kill -0 "$pid" 2>/dev/null; do sleep 0.01; done
exited=$(date -u +%s.%N)
stopped=$(grep 'stopped: database pool closed' "$dir/log" | sed 's/\x1b\[[0-9;]*m//g' | cut -d' ' -f1)
python3 - "$stopped" "$exited" <<'PY'
import datetime, sys
stopped = datetime.datetime.fromisoformat(sys.argv[1].replace("Z", "+00:00")).timestamp()
exited = float(sys.argv[2])
print(f"stopped logged {stopped:.3f}, exited {exited:.3f}: {1000 * (exited - stopped):.0f} ms later")
PY
