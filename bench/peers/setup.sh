#!/usr/bin/env bash
# Installs the peer servers the benchmark compares Portcullis with.
#   bench/peers/setup.sh            # idempotent: a second run only checks stamps
#   FORCE=1 bench/peers/setup.sh    # reinstall them all
# better-auth:   npm ci in better-auth/ (node_modules, from package-lock.json)
# oidc-provider: npm ci in oidc-provider/ (the same)
# fastapi-users: a venv at fastapi-users/.venv with requirements.txt
# Each is skipped when its stamp file holds the hash of its lock/requirements
# file and of the runtime (Node, or the Python the venv was made with).
set -euo pipefail
cd "$(dirname "$0")"
here=$(pwd)

die() { echo "bench/peers/setup.sh: $*" >&2; exit 1; }
hash_of() { cat "$@" | sha256sum | cut -d' ' -f1; }

PYTHON=${PYTHON:-python3}

# --- what must be on the machine -------------------------------------------
command -v node >/dev/null || die "node is missing: install Node.js 20+ (e.g. apt-get install -y nodejs npm)"
command -v npm >/dev/null || die "npm is missing: install npm (e.g. apt-get install -y npm)"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || die "node $(node --version) is too old: better-auth and better-sqlite3 need Node 20+"
command -v "$PYTHON" >/dev/null || die "$PYTHON is missing: install Python 3.10+"
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 10))' \
  || die "$("$PYTHON" --version) is too old: fastapi-users 15 needs Python 3.10+"
"$PYTHON" -c 'import venv, ensurepip' 2>/dev/null \
  || die "$PYTHON -m venv is not usable: on Debian, apt-get install -y python3-venv"

# --- better-auth -------------------------------------------------------------
ba=$here/better-auth
ba_want=$(hash_of "$ba/package.json" "$ba/package-lock.json"; node --version)
if [ -z "${FORCE:-}" ] && [ -f "$ba/node_modules/.bench-stamp" ] \
  && [ "$(cat "$ba/node_modules/.bench-stamp")" = "$ba_want" ]; then
  echo "better-auth: node_modules up to date"
else
  echo "better-auth: npm ci"
  # better-sqlite3 first tries a prebuilt binary from GitHub, which this network
  # can't reach, then compiles with node-gyp. Point node-gyp at the headers the
  # machine's Node ships (/usr/include/node) so it needn't download them either.
  if [ -z "${npm_config_nodedir:-}" ]; then
    for d in "$(dirname "$(dirname "$(command -v node)")")" /usr /usr/local; do
      if [ -f "$d/include/node/node.h" ]; then export npm_config_nodedir=$d; break; fi
    done
  fi
  (cd "$ba" && npm ci --no-audit --no-fund --loglevel=error) \
    || die "npm ci failed in $ba (better-sqlite3 needs python3, make and a C++ compiler to build)"
  (cd "$ba" && node -e 'new (require("better-sqlite3"))(":memory:").close()') \
    || die "better-sqlite3 did not load after npm ci in $ba"
  echo "$ba_want" >"$ba/node_modules/.bench-stamp"
fi

# --- oidc-provider -----------------------------------------------------------
# Pure JavaScript (koa and friends): nothing to compile.
op=$here/oidc-provider
op_want=$(hash_of "$op/package.json" "$op/package-lock.json"; node --version)
if [ -z "${FORCE:-}" ] && [ -f "$op/node_modules/.bench-stamp" ] \
  && [ "$(cat "$op/node_modules/.bench-stamp")" = "$op_want" ]; then
  echo "oidc-provider: node_modules up to date"
else
  echo "oidc-provider: npm ci"
  (cd "$op" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed in $op"
  (cd "$op" && node -e 'import("oidc-provider").then((m) => { if (typeof m.default !== "function") process.exit(1); })') \
    || die "oidc-provider did not load after npm ci in $op"
  echo "$op_want" >"$op/node_modules/.bench-stamp"
fi

# --- fastapi-users -----------------------------------------------------------
fu=$here/fastapi-users
venv=$fu/.venv
fu_want=$(hash_of "$fu/requirements.txt"; "$PYTHON" -c 'import sys; print(sys.version)')
if [ -z "${FORCE:-}" ] && [ -x "$venv/bin/python" ] && [ -f "$venv/.bench-stamp" ] \
  && [ "$(cat "$venv/.bench-stamp")" = "$fu_want" ]; then
  echo "fastapi-users: .venv up to date"
else
  echo "fastapi-users: venv + pip install -r requirements.txt"
  rm -rf "$venv"
  "$PYTHON" -m venv "$venv" || die "$PYTHON -m venv failed: on Debian, apt-get install -y python3-venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$fu/requirements.txt" \
    || die "pip install -r $fu/requirements.txt failed"
  "$venv/bin/python" -c 'import fastapi_users, fastapi_users_db_sqlalchemy, aiosqlite, uvicorn, argon2' \
    || die "fastapi-users' venv does not import its packages"
  echo "$fu_want" >"$venv/.bench-stamp"
fi
