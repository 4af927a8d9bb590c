#!/usr/bin/env python3
"""The document the SDK generators read, made from sdk/openapi.json (stdin to stdout).

The server's document describes every route it can serve. For the clients:
- the legacy route sets (tags "legacy ...") are left out, with the schemas only they use: they
  answer in the seeds' shapes for clients that exist already; new code uses the canonical API;
- every operation gets a name that is unique in the whole document (OpenAPI requires it; the
  server's handler names repeat across surfaces: `list`, `get_user`, `login`): the canonical
  API's (tag `auth`) keep theirs, the others are prefixed with their tag
  (`admin_get_user`, `passkeys_login`, `organizations_list`), and the few names repeated
  within `auth` are named here (RENAMES).

A name still repeated after that stops the generation with the operations that share it, so a
new route cannot silently shadow another in a client.
"""

import json
import sys

# (method, path) -> operationId: names repeated within the `auth` tag, and names that say
# little on their own in a client.
RENAMES = {
    ("get", "/api/auth/grants"): "list_grants",
    ("delete", "/api/auth/grants/{client_id}"): "revoke_grant",
    ("get", "/api/auth/sessions"): "list_sessions",
    ("delete", "/api/auth/sessions/{id}"): "revoke_session",
    ("delete", "/api/auth/sessions"): "revoke_other_sessions",
}

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def refs(node, found):
    """Adds the schema names `node` refers to (`#/components/schemas/NAME`) to `found`."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            found.add(ref.rsplit("/", 1)[1])
        for value in node.values():
            refs(value, found)
    elif isinstance(node, list):
        for value in node:
            refs(value, found)


def prune_schemas(doc):
    """Drops the schemas no kept operation reaches (the legacy sets' bodies)."""
    schemas = doc.get("components", {}).get("schemas", {})
    used = set()
    refs(doc["paths"], used)
    todo = list(used)
    while todo:
        found = set()
        refs(schemas.get(todo.pop(), {}), found)
        todo.extend(found - used)
        used |= found
    doc["components"]["schemas"] = {n: s for n, s in schemas.items() if n in used}


def main() -> int:
    doc = json.load(sys.stdin)
    paths = {}
    seen = {}
    for path, item in doc["paths"].items():
        kept = {}
        for key, op in item.items():
            if key not in METHODS:
                kept[key] = op
                continue
            tag = (op.get("tags") or ["untagged"])[0]
            if tag.startswith("legacy"):
                continue
            name = RENAMES.get((key, path))
            if name is None:
                name = op["operationId"]
                if tag != "auth":
                    name = f"{tag.replace('-', '_')}_{name}"
            op["operationId"] = name
            seen.setdefault(name, []).append(f"{key.upper()} {path}")
            kept[key] = op
        if any(k in METHODS for k in kept):
            paths[path] = kept
    repeated = {n: ops for n, ops in seen.items() if len(ops) > 1}
    if repeated:
        for name, ops in sorted(repeated.items()):
            print(f"operationId {name!r} is repeated: {', '.join(ops)}", file=sys.stderr)
        print("name them in RENAMES in sdk/client-document.py", file=sys.stderr)
        return 1
    doc["paths"] = paths
    prune_schemas(doc)
    json.dump(doc, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
