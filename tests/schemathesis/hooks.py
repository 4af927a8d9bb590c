"""Credentials for schemathesis (loaded by run.sh through SCHEMATHESIS_HOOKS).

Only operations with a security requirement are given credentials. The admin API gets the
admin key; every other one the access token of a fresh login of the test user, so that an
operation that ends a session (a logout, a session revoked) never leaves the next one signed
out.
"""

import json
import os
import urllib.error
import urllib.request

import schemathesis

BASE = os.environ["PORTCULLIS_BASE_URL"]
ADMIN_KEY = os.environ["PORTCULLIS_ADMIN_KEY"]
EMAIL = os.environ["PORTCULLIS_TEST_EMAIL"]
PASSWORD = os.environ["PORTCULLIS_TEST_PASSWORD"]


def _post(path, body, headers=None):
    req = urllib.request.Request(
        BASE + path,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", **(headers or {})},
        method="POST",
    )
    with urllib.request.urlopen(req, timeout=30) as res:
        return json.load(res)


_user = {"email": EMAIL, "n": 0}


def _login():
    """A fresh access token; the admin API under test may have disabled, deleted or renamed
    the account, in which case a new one is made with the admin key."""
    try:
        return _post("/api/auth/login", {"email": _user["email"], "password": PASSWORD})[
            "access_token"
        ]
    except urllib.error.HTTPError:
        _user["n"] += 1
        _user["email"] = f"schemathesis-{_user['n']}@example.com"
        account = {"email": _user["email"], "password": PASSWORD, "email_verified": True}
        _post("/api/admin/users", account, {"Authorization": f"Bearer {ADMIN_KEY}"})
        return _post("/api/auth/login", {"email": _user["email"], "password": PASSWORD})[
            "access_token"
        ]


@schemathesis.auth(refresh_interval=None)
class Portcullis:
    def get(self, case, ctx):
        if not case.operation.definition.raw.get("security"):
            return None
        if case.operation.path.startswith("/api/admin/"):
            return ADMIN_KEY
        return _login()

    def set(self, case, data, ctx):
        if data is None:
            return
        case.headers = case.headers or {}
        case.headers["Authorization"] = f"Bearer {data}"
