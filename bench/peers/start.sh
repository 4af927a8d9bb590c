#!/usr/bin/env bash
# Runs one peer in the foreground; exec, so this process's PID is the server's.
#   bench/peers/start.sh better-auth   PORT DB
#   bench/peers/start.sh fastapi-users PORT DB
#   bench/peers/start.sh oidc-provider PORT [DB]   # DB ignored: it keeps state in memory
# DB is a SQLite file, made (with its tables) at startup if absent. Listens on
# 127.0.0.1:PORT. Run bench/peers/setup.sh first. Ends on SIGTERM or SIGINT.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

usage() { echo "usage: $0 better-auth|fastapi-users PORT DB, or $0 oidc-provider PORT" >&2; exit 2; }
[ $# -eq 3 ] || { [ $# -eq 2 ] && [ "$1" = oidc-provider ]; } || usage
name=$1 port=$2 db=${3:-unused}
case $port in '' | *[!0-9]*) usage ;; esac
# Absolute, so the peer's working directory doesn't matter.
case $db in /*) ;; *) db=$(pwd)/$db ;; esac

case $name in
better-auth)
  dir=$here/better-auth
  [ -d "$dir/node_modules/better-auth" ] || { echo "$0: run bench/peers/setup.sh first" >&2; exit 1; }
  cd "$dir"
  # better-auth reads NODE_ENV (production turns its rate limiter on) and TEST
  # (truthy skips the origin check); unset both so it runs on its plain defaults.
  PORT=$port DB=$db exec env -u NODE_ENV -u TEST node server.mjs
  ;;
fastapi-users)
  dir=$here/fastapi-users
  [ -x "$dir/.venv/bin/uvicorn" ] || { echo "$0: run bench/peers/setup.sh first" >&2; exit 1; }
  cd "$dir"
  # uvicorn's defaults otherwise: one worker, uvloop + httptools (uvicorn[standard]).
  DB=$db exec "$dir/.venv/bin/uvicorn" app:app --host 127.0.0.1 --port "$port" \
    --log-level warning --no-access-log
  ;;
oidc-provider)
  dir=$here/oidc-provider
  [ -d "$dir/node_modules/oidc-provider" ] || { echo "$0: run bench/peers/setup.sh first" >&2; exit 1; }
  cd "$dir"
  # NODE_ENV=production, as a deployment runs it (koa reads it; oidc-provider itself does not).
  PORT=$port NODE_ENV=production exec node server.mjs
  ;;
*) usage ;;
esac
