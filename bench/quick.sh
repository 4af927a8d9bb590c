#!/usr/bin/env bash
# Quick figures on this machine: authenticated GET throughput against /health/live (the
# ceiling, same run), and sequential login latency. Needs `wrk` (apt-get install wrk).
# Usage: bench/quick.sh   (builds the release binary first)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "install wrk first (apt-get install wrk)"; exit 1; }
cargo build --release --quiet
dir=$(mktemp -d)
port=${PORT:-18181}
export PORTCULLIS_DATABASE_URL="sqlite://$dir/bench.db" PORTCULLIS_BIND="127.0.0.1:$port" \
       PORTCULLIS_DEV=true PORTCULLIS_LOG=warn
./target/release/portcullis serve >"$dir/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/health/live" >/dev/null && break; sleep 0.1; done
base="http://127.0.0.1:$port"
curl -fs "$base/api/auth/register" -H 'content-type: application/json' \
  -d '{"email":"bench@example.com","password":"correct horse battery"}' >/dev/null
login=$(curl -fs -D "$dir/h" "$base/api/auth/login" -H 'content-type: application/json' \
  -d '{"email":"bench@example.com","password":"correct horse battery"}')
token=$(printf '%s' "$login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
cookie=$(grep -i '^set-cookie: session_id=' "$dir/h" | sed 's/^[^=]*=\([^;]*\);.*/\1/')

run() { # label, extra wrk args...
  local label=$1; shift
  local out; out=$(wrk -t2 -c32 -d"${DURATION:-10}"s --latency "$@")
  local rps; rps=$(printf '%s\n' "$out" | awk '/Requests\/sec/ {print $2}')
  local p50; p50=$(printf '%s\n' "$out" | awk '$1=="50%" {print $2}')
  local p99; p99=$(printf '%s\n' "$out" | awk '$1=="99%" {print $2}')
  printf '%-34s %10s req/s   p50 %8s   p99 %8s\n' "$label" "$rps" "$p50" "$p99"
  echo "$rps"  >"$dir/$label.rps"
}
echo "wrk -t2 -c32 -d${DURATION:-10}s on $(nproc) cores, SQLite, release build"
run health "$base/health/live"
run user-bearer -H "Authorization: Bearer $token" "$base/api/auth/user"
run user-cookie -H "Cookie: session_id=$cookie" "$base/api/auth/user"
python3 - "$dir" <<'PY'
import sys
d = sys.argv[1]
h = float(open(f"{d}/health.rps").read())
for k in ("user-bearer", "user-cookie"):
    print(f"ratio {k} / health: {float(open(f'{d}/{k}.rps').read()) / h:.2f}")
PY
# Sequential logins: each is one Argon2id verification (m=19456 KiB, t=2, p=1) plus a session.
python3 - "$base" <<'PY'
import json, sys, time, urllib.request
base = sys.argv[1]
body = json.dumps({"email": "bench@example.com", "password": "correct horse battery"}).encode()
times = []
for _ in range(40):
    req = urllib.request.Request(base + "/api/auth/login", data=body, headers={"content-type": "application/json"})
    t = time.perf_counter(); urllib.request.urlopen(req).read(); times.append((time.perf_counter() - t) * 1000)
times.sort()
print(f"login latency, 40 sequential: p50 {times[len(times)//2]:.1f} ms, max {times[-1]:.1f} ms")
PY
