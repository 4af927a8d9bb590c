#!/usr/bin/env bash
# The OpenAPI document against the server: schemathesis (pinned) with every check, a bounded
# number of examples per operation and a fixed seed, against the debug binary in dev mode on
# a free port and a fresh SQLite database, with a verified user and an admin API key so that
# the authenticated operations are exercised (tests/schemathesis/hooks.py). Fails on any
# failure. Installs schemathesis once into .cache/schemathesis (ignored by git). Arguments
# are passed on to `schemathesis run` (e.g. `--output-sanitize false` to see the bodies sent).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

version=4.32.5
venv=$root/.cache/schemathesis
if [ "$("$venv/bin/schemathesis" --version 2>/dev/null)" != "schemathesis, version $version" ]; then
  echo "==> installing schemathesis $version into .cache/schemathesis"
  if ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv
  fi
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "schemathesis==$version"
fi

# The binary as `cargo test` builds it (`--tests`: the same features, so after the test run this
# builds nothing; `--bin` alone would resolve features without the dev-dependencies and rebuild).
cargo build --locked --quiet --tests
bin=${CARGO_TARGET_DIR:-$root/target}/debug/portcullis

work=$(mktemp -d)
server=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port
export PORTCULLIS_DATABASE_URL=sqlite://$work/portcullis.db
export PORTCULLIS_BIND=127.0.0.1:$port
export PORTCULLIS_DEV=true
export PORTCULLIS_METRICS_BIND=off
export PORTCULLIS_LOG=warn
export PORTCULLIS_ARGON2_MEMORY_KIB=1024 PORTCULLIS_ARGON2_ITERATIONS=1
# Limits off: schemathesis sends many requests from one address to one account.
export PORTCULLIS_RATE_LIMIT_PER_MINUTE=0 PORTCULLIS_WRITE_LIMIT_PER_MINUTE=0
export PORTCULLIS_WRITE_LIMIT_PER_IP_PER_MINUTE=0 PORTCULLIS_LOGIN_FAILURES_PER_HOUR=0
export PORTCULLIS_EMAIL_LOGIN=true

email=schemathesis@example.com
password='correct horse battery staple'
(cd "$work" && printf '%s\n' "$password" | "$bin" user add "$email" --verified >/dev/null)
admin_key=$(cd "$work" && "$bin" api-key create --name schemathesis \
  --scopes users:read,users:write,sessions:write,audit:read,clients:read,clients:write,organizations:read,organizations:write 2>/dev/null)

(cd "$work" && exec "$bin" serve) >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 300); do
  curl -fsS "$base/health/ready" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.2
done
curl -fsS "$base/health/ready" >/dev/null || { echo "the server did not come up" >&2; exit 1; }

export PORTCULLIS_BASE_URL=$base PORTCULLIS_ADMIN_KEY=$admin_key
export PORTCULLIS_TEST_EMAIL=$email PORTCULLIS_TEST_PASSWORD=$password
export PYTHONPATH=$root/tests/schemathesis SCHEMATHESIS_HOOKS=hooks
started=$(date +%s)
status=0
# From the temporary directory: schemathesis keeps a cache of crashes where it runs.
(cd "$work" && exec "$venv/bin/schemathesis" --config-file "$root/tests/schemathesis/schemathesis.toml" \
  run "$base/openapi.json" --checks all --max-examples 20 --seed 24 --workers 1 --no-color \
  --generation-database none --report-dir "$work/report" "$@") || status=$?
echo "==> schemathesis: $(( $(date +%s) - started )) s"
if [ "$status" -ne 0 ] && grep -q . "$work/server.log"; then
  echo "==> server log" >&2
  tail -n 50 "$work/server.log" >&2
fi
exit "$status"
