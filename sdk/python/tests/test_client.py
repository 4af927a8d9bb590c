"""The generated Python client against a running Portcullis started with `--dev` (its mailbox
at /dev/mail gives the verification link): PORTCULLIS_URL names it, e.g.
`PORTCULLIS_URL=http://127.0.0.1:8080 python3 -m unittest discover -s sdk/python/tests`, with
sdk/python and its dependencies (sdk/python/.pylib) on PYTHONPATH.

One account goes the whole way: register, verify, log in (bearer), read and update the
profile, refresh, log out; and a wrong password is a typed error with the JSON error body.
"""

import json
import os
import re
import time
import unittest
import uuid

from portcullis_client import AuthenticatedClient, Client
from portcullis_client.api.auth import (
    get_user,
    login,
    logout,
    refresh,
    register,
    update_user,
    verify_email,
)
from portcullis_client.api.operations import operations_dev_mail
from portcullis_client.models import (
    CurrentUserResponse,
    ErrorBody,
    LoginRequest,
    LoginResponse,
    RefreshRequest,
    RefreshResponse,
    RegisterRequest,
    RegisterResponse,
    TokenRequest,
    UpdateUserRequest,
    UserResponse,
)

PASSWORD = "correct horse battery"


def server() -> str:
    url = os.environ.get("PORTCULLIS_URL")
    if not url:
        raise unittest.SkipTest("set PORTCULLIS_URL to a Portcullis started with --dev")
    return url


class ClientTest(unittest.TestCase):
    def setUp(self) -> None:
        self.base = server()
        # Each test its own client: httpx keeps cookies, and these tests are about the bearer.
        self.client = self.closed_after(Client(base_url=self.base, raise_on_unexpected_status=True))
        self.email = f"py-{uuid.uuid4().hex[:12]}@example.com"

    def closed_after(self, client):
        self.addCleanup(lambda: client.get_httpx_client().close())
        return client

    def bearer(self, token: str) -> AuthenticatedClient:
        return self.closed_after(
            AuthenticatedClient(base_url=self.base, token=token, raise_on_unexpected_status=True)
        )

    def verification_token(self) -> str:
        """The token of the verification link in the dev mailbox (mail is queued after the
        answer, so it may take a moment)."""
        for _ in range(100):
            res = operations_dev_mail.sync_detailed(client=self.client, to=self.email)
            self.assertEqual(res.status_code, 200)
            for mail in reversed(json.loads(res.content)["messages"]):
                found = re.search(r"[?&]token=([A-Za-z0-9_-]+)", mail["text"])
                if "Confirm" in mail["subject"] and found:
                    return found.group(1)
            time.sleep(0.05)
        self.fail(f"no verification mail to {self.email}")

    def test_an_account_registers_verifies_logs_in_updates_refreshes_and_logs_out(self) -> None:
        made = register.sync(
            client=self.client, body=RegisterRequest(email=self.email, password=PASSWORD)
        )
        self.assertIsInstance(made, RegisterResponse)
        self.assertEqual(made.user.email, self.email)
        self.assertFalse(made.user.email_verified)

        verified = verify_email.sync(
            client=self.client, body=TokenRequest(token=self.verification_token())
        )
        self.assertNotIsInstance(verified, ErrorBody)

        session = login.sync(
            client=self.client, body=LoginRequest(email=self.email, password=PASSWORD)
        )
        self.assertIsInstance(session, LoginResponse)
        self.assertEqual(session.token_type.lower(), "bearer")
        me = self.bearer(session.access_token)

        current = get_user.sync(client=me)
        self.assertIsInstance(current, CurrentUserResponse)
        self.assertEqual(current.user.email, self.email)
        self.assertTrue(current.user.email_verified)

        name = f"py_{uuid.uuid4().hex[:10]}"
        updated = update_user.sync(client=me, body=UpdateUserRequest(username=name))
        self.assertIsInstance(updated, UserResponse)
        self.assertEqual(updated.user.username, name)
        self.assertEqual(get_user.sync(client=me).user.username, name)

        rotated = refresh.sync(
            client=self.client, body=RefreshRequest(refresh_token=session.refresh_token)
        )
        self.assertIsInstance(rotated, RefreshResponse)
        self.assertNotEqual(rotated.refresh_token, session.refresh_token)
        fresh = self.bearer(rotated.access_token)
        self.assertEqual(get_user.sync(client=fresh).user.email, self.email)

        self.assertNotIsInstance(logout.sync(client=fresh), ErrorBody)
        after = get_user.sync_detailed(client=fresh)
        self.assertEqual(after.status_code, 401)
        self.assertIsInstance(after.parsed, ErrorBody)

    def test_a_wrong_password_is_a_typed_error_with_the_json_error_body(self) -> None:
        register.sync(client=self.client, body=RegisterRequest(email=self.email, password=PASSWORD))
        res = login.sync_detailed(
            client=self.client,
            body=LoginRequest(email=self.email, password="not the password at all"),
        )
        self.assertEqual(res.status_code, 401)
        self.assertIsInstance(res.parsed, ErrorBody)
        self.assertEqual(res.parsed.code, "invalid_credentials")
        self.assertEqual(res.parsed.message, json.loads(res.content)["message"])
        self.assertTrue(res.parsed.message)


if __name__ == "__main__":
    unittest.main()
