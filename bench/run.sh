#!/usr/bin/env bash
# Builds Portcullis and the benchmark harness in release mode and runs it: on SQLite with the
# peers (better-auth and FastAPI Users, installed by bench/peers/setup.sh), then on PostgreSQL
# and MariaDB when they answer (each in a fresh database named portcullis_bench).
#   bench/run.sh                 # 10 s per phase, up to 1,000,000 users (about 25 minutes)
#   bench/run.sh --quick         # 3 s per phase, up to 100,000 users
#   bench/run.sh --sqlite-only   # no PostgreSQL or MariaDB run
#   bench/run.sh --no-peers      # no peer servers
#   bench/run.sh --provider-only # only the OpenID Connect provider's phases, with oidc-provider
#                                # (about 4 minutes after the build; add --sqlite-only for 2)
#   bench/run.sh --console-only  # only the administration console's user list and search, at
#                                # --max-users users (100,000 with --quick)
#   bench/run.sh --reads-only    # only /health/live, GET /api/auth/user and the database
#                                # path's ceiling (the session lookup alone)
# Other arguments go to the harness (examples/bench.rs). Results: a line per phase on stderr,
# bench/results.json (SQLite and the peers), bench/results-postgres.json,
# bench/results-mysql.json; with --provider-only, bench/results-provider.json,
# bench/results-provider-postgres.json and bench/results-provider-mysql.json; with
# --console-only, bench/results-console.json (and -postgres, -mysql).
# Database servers: PG_URL (default postgres://postgres@127.0.0.1:5432) and MYSQL_URL
# (default mysql://root@127.0.0.1:3306).
set -euo pipefail
cd "$(dirname "$0")/.."
sqlite_only=false
peers=true
results=bench/results
args=()
for a in "$@"; do
  case "$a" in
    --sqlite-only) sqlite_only=true ;;
    --no-peers) peers=false ;;
    --provider-only) results=bench/results-provider; args+=("$a") ;;
    --console-only) results=bench/results-console; args+=("$a") ;;
    --reads-only) results=bench/results-reads; args+=("$a") ;;
    *) args+=("$a") ;;
  esac
done
cargo build --release --quiet --bin portcullis --example bench
bench=${CARGO_TARGET_DIR:-target}/release/examples/bench
peer_args=()
oidc_peer=()
if $peers; then
  bench/peers/setup.sh
  peer_args=(--peers)
  # oidc-provider keeps its state in memory whatever the database: measured again beside the
  # PostgreSQL and MariaDB runs, so each run's provider phases have their ratio.
  oidc_peer=(--oidc-peer)
fi
"$bench" --out "$results.json" "${args[@]}" "${peer_args[@]}"
$sqlite_only && exit 0

pg=${PG_URL:-postgres://postgres@127.0.0.1:5432}
if psql "$pg/postgres" -qtAc 'SELECT 1' >/dev/null 2>&1; then
  psql "$pg/postgres" -qc 'DROP DATABASE IF EXISTS portcullis_bench' -c 'CREATE DATABASE portcullis_bench'
  "$bench" "${args[@]}" "${oidc_peer[@]}" --database-url "$pg/portcullis_bench" --out "$results-postgres.json"
else
  echo "PostgreSQL at $pg does not answer: skipped" >&2
fi

my=${MYSQL_URL:-mysql://root@127.0.0.1:3306}
if mysql --protocol=tcp -h 127.0.0.1 -u root -e 'SELECT 1' >/dev/null 2>&1; then
  mysql --protocol=tcp -h 127.0.0.1 -u root \
    -e 'DROP DATABASE IF EXISTS portcullis_bench; CREATE DATABASE portcullis_bench'
  "$bench" "${args[@]}" "${oidc_peer[@]}" --database-url "$my/portcullis_bench" --out "$results-mysql.json"
else
  echo "MariaDB at $my does not answer: skipped" >&2
fi
