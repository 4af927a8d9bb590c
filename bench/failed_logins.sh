#!/usr/bin/env bash
# Failed-login latency side by side, per kind of account: no account, native Argon2id, an
# imported bcrypt hash at the seeds' cost (12, Python bcrypt's default) and an imported
# Werkzeug PBKDF2 hash (pbkdf2:sha256:600000). Every failure should answer no sooner than
# the failure floor (README, "Password hashing"), so the four columns should be alike.
#   bench/failed_logins.sh            # 40 rounds, the release binary if built, else debug
#   ROUNDS=100 BIN=path/to/portcullis bench/failed_logins.sh
# The debug build hashes at full speed too (argon2, blowfish and ring are optimised in the
# dev profile). Logins are sequential and interleaved by kind, on SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
bin=${BIN:-}
if [ -z "$bin" ]; then
  if [ -x "$target/release/portcullis" ]; then bin=$target/release/portcullis
  else cargo build --quiet --bin portcullis; bin=$target/debug/portcullis; fi
fi
dir=$(mktemp -d)
port=${PORT:-18191}
export PORTCULLIS_DATABASE_URL="sqlite://$dir/bench.db" PORTCULLIS_BIND="127.0.0.1:$port" \
       PORTCULLIS_DEV=true PORTCULLIS_LOG=warn PORTCULLIS_RATE_LIMIT_PER_MINUTE=0 \
       PORTCULLIS_LOGIN_FAILURES_PER_HOUR=0 PORTCULLIS_METRICS_BIND="127.0.0.1:$((port + 1000))"
# Imported rows: any well-formed hash of these kinds costs a full check for a wrong password.
python3 - "$dir/users.csv" <<'PY'
import hashlib, os, sys
salt = os.urandom(12).hex()
pbkdf2 = hashlib.pbkdf2_hmac("sha256", b"the old password", salt.encode(), 600000).hex()
with open(sys.argv[1], "w") as f:
    f.write("email,username,password_hash,email_verified\n")
    f.write("bcrypt@example.com,,$2b$12$tI7MeA45PJd97SlefsJz2uoSroEfMTsklxlQHwGvFu14DX4vr1Lvi,true\n")
    f.write(f"werkzeug@example.com,,pbkdf2:sha256:600000${salt}${pbkdf2},true\n")
PY
"$bin" migrate >/dev/null 2>&1 || true
"$bin" import --from "$dir/users.csv" --format csv --verified
"$bin" serve >"$dir/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/health/live" >/dev/null && break; sleep 0.1; done
base="http://127.0.0.1:$port"
curl -fs "$base/api/auth/register" -H 'content-type: application/json' \
  -d '{"email":"native@example.com","password":"correct horse battery"}' >/dev/null
echo "$bin, $(nproc) cores, ${ROUNDS:-40} rounds"
python3 - "$base" "${ROUNDS:-40}" <<'PY'
import json, sys, time, urllib.error, urllib.request
base, rounds = sys.argv[1], int(sys.argv[2])
kinds = {"unknown": "nobody@example.com", "native argon2id": "native@example.com",
         "imported bcrypt 12": "bcrypt@example.com",
         "imported pbkdf2 600000": "werkzeug@example.com"}
times = {k: [] for k in kinds}
for _ in range(rounds):
    for kind, email in kinds.items():
        body = json.dumps({"email": email, "password": "a wrong password"}).encode()
        req = urllib.request.Request(base + "/api/auth/login", data=body,
                                     headers={"content-type": "application/json"})
        t = time.perf_counter()
        try:
            urllib.request.urlopen(req).read()
            raise SystemExit("a wrong password logged in")
        except urllib.error.HTTPError as e:
            assert e.code == 401, e.code
        times[kind].append((time.perf_counter() - t) * 1000)
print(f"{'failed login':<24} {'min':>8} {'p50':>8} {'p90':>8} {'max':>8}  (ms)")
for kind, ts in times.items():
    ts.sort()
    p = lambda q: ts[min(len(ts) - 1, int(q * len(ts)))]
    print(f"{kind:<24} {ts[0]:8.1f} {p(0.5):8.1f} {p(0.9):8.1f} {ts[-1]:8.1f}")
PY
floor=$(curl -fs "http://127.0.0.1:$((port + 1000))/metrics" | awk '/^portcullis_password_failure_floor_seconds/ {print $2}')
echo "failure floor (metric): ${floor:-?} s"
