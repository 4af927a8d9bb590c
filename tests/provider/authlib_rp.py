"""A relying party built on authlib (PyPI), signing a person in through Portcullis.

Run by tests/api/provider_clients.rs. Everything a relying party does goes through authlib:
discovery is fetched by hand (authlib's requests client has no discovery helper; its Flask
and Django integrations read the same document the same way), the authorization URL, PKCE,
the token exchange, refresh, revocation, introspection and the client-credentials grant are
authlib's OAuth2Session, the ID token is checked by authlib's own OpenIDMixin.parse_id_token
(signature against the JWKS, iss, aud, exp, nonce, at_hash), and the logout URL is its
create_logout_url.

The person's browser is played by a plain requests.Session with its own cookie jar, which
reads the hosted pages' forms (CSRF token included) and fills them like a person would:
the login form, the second factor's code prompt, the consent page and the logout
confirmation, following redirects and the pages' meta refreshes until the browser is sent
back to the application.

Inputs (environment): ISSUER, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI,
POST_LOGOUT_REDIRECT_URI, EMAIL, PASSWORD, optionally TOTP_SECRET (base32) and
RECOVERY_CODE for an account with a second factor. Output: one JSON object on stdout, which
the Rust test asserts on; on an unexpected failure, {"crashed": "..."} and exit status 1.
"""

import base64
import contextlib
import hashlib
import hmac
import html.parser
import json
import os
import struct
import sys
import time
import traceback
import urllib.parse

import requests
from authlib.common.security import generate_token
from authlib.integrations.base_client import OAuthError
from authlib.integrations.base_client.sync_openid import OpenIDMixin
from authlib.integrations.requests_client import OAuth2Session

# Every URL in the test is plain http on 127.0.0.1; authlib refuses that unless told.
os.environ.setdefault("AUTHLIB_INSECURE_TRANSPORT", "1")

ENV = os.environ


# ------------------------------------------------------------------------------------------
# The person's authenticator app
# ------------------------------------------------------------------------------------------


def totp(secret_b32, at):
    """RFC 6238 TOTP, six digits, SHA-1, 30-second steps (what authenticator apps do)."""
    padded = secret_b32 + "=" * (-len(secret_b32) % 8)
    key = base64.b32decode(padded)
    mac = hmac.new(key, struct.pack(">Q", int(at) // 30), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    code = struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{code % 1_000_000:06d}"


# ------------------------------------------------------------------------------------------
# The person's browser
# ------------------------------------------------------------------------------------------


class PageReader(html.parser.HTMLParser):
    """The parts of a hosted page a person acts on: its title, forms and meta refresh."""

    def __init__(self):
        super().__init__()
        self.title = ""
        self.forms = []
        self.refresh = None
        self._in_title = False
        self._form = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "title":
            self._in_title = True
        elif tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
            content = a.get("content") or ""
            _, _, url = content.partition("url=")
            self.refresh = url.strip()
        elif tag == "form":
            self._form = {
                "action": a.get("action") or "",
                "method": (a.get("method") or "get").lower(),
                "fields": {},
                "buttons": [],
            }
            self.forms.append(self._form)
        elif tag == "input" and self._form is not None and a.get("name"):
            self._form["fields"][a["name"]] = a.get("value") or ""
        elif tag == "button" and self._form is not None and a.get("name"):
            self._form["buttons"].append((a["name"], a.get("value") or ""))

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "form":
            self._form = None

    def handle_data(self, data):
        if self._in_title:
            self.title += data


class Browser:
    """A person at a browser: follows redirects and meta refreshes, fills the hosted forms.

    `steps` records each page the person acted on, for the test to see which were shown.
    """

    def __init__(self, issuer, email, password, totp_secret=None, recovery_code=None):
        self.http = requests.Session()
        self.http.headers["User-Agent"] = "authlib-rp-test-browser"
        self.issuer = issuer.rstrip("/")
        origin = urllib.parse.urlsplit(self.issuer)
        self.origin = f"{origin.scheme}://{origin.netloc}"
        self.email = email
        self.password = password
        self.totp_secret = totp_secret
        self.recovery_code = recovery_code
        self.second_factor_uses = 0
        self.steps = []

    def _on_portcullis(self, url):
        return url.startswith(self.origin + "/")

    def go(self, url, until):
        """Browses from `url` until the browser is sent to a URL starting with `until` (not
        loaded: that is the application's). Returns that URL."""
        method, data = "GET", None
        for _ in range(30):
            if url.startswith(until):
                return url
            if not self._on_portcullis(url):
                raise RuntimeError(f"the browser was sent off to {url}")
            headers = {}
            if method == "POST":
                # What a browser sends with a form it posts to the page's own origin.
                headers["Origin"] = self.origin
            res = self.http.request(
                method, url, data=data, headers=headers, allow_redirects=False, timeout=30
            )
            method, data = "GET", None
            if res.is_redirect:
                url = urllib.parse.urljoin(url, res.headers["Location"])
                continue
            if res.status_code != 200:
                raise RuntimeError(f"{url} answered {res.status_code}: {res.text[:500]}")
            page = PageReader()
            page.feed(res.text)
            if page.refresh:
                url = urllib.parse.urljoin(url, page.refresh)
                continue
            action, fields = self._act(page, url)
            method, data = "POST", fields
            url = action
        raise RuntimeError("the browser went round in circles")

    def _form(self, page, action):
        for form in page.forms:
            if form["action"] == action and form["method"] == "post":
                return form
        return None

    def _act(self, page, url):
        """The one thing a person does on this page: its form's action URL and fields."""
        login = self._form(page, "/account/login")
        code = self._form(page, "/account/mfa/verify")
        consent = self._form(page, "/oauth2/consent")
        logout = self._form(page, "/oauth2/logout/confirm")
        if code is not None:
            form, step = code, "second_factor"
            fields = dict(form["fields"])
            if self.second_factor_uses == 0 and self.totp_secret:
                # The next step's code: the step of enrolment is spent, and Portcullis accepts
                # one step of drift.
                fields["code"] = totp(self.totp_secret, time.time() + 30)
            elif self.recovery_code:
                fields["code"] = self.recovery_code
                step = "recovery_code"
            else:
                raise RuntimeError("asked for a second factor with none to give")
            self.second_factor_uses += 1
        elif login is not None:
            form, step = login, "login"
            fields = dict(form["fields"])
            fields["email"] = self.email
            fields["password"] = self.password
        elif consent is not None:
            form, step = consent, "consent"
            fields = dict(form["fields"])
            if ("decision", "allow") not in form["buttons"]:
                raise RuntimeError(f"no Allow button on the consent page: {form}")
            fields["decision"] = "allow"
        elif logout is not None:
            form, step = logout, "logout_confirmation"
            fields = dict(form["fields"])
        else:
            raise RuntimeError(f"nothing to do on {url} ({page.title!r})")
        if not fields.get("csrf"):
            raise RuntimeError(f"the {step} form on {url} carries no CSRF token")
        self.steps.append(step)
        return urllib.parse.urljoin(url, form["action"]), fields

    def signed_in(self):
        """Whether this browser still has a Portcullis session: the account page opens."""
        res = self.http.get(self.origin + "/account/", allow_redirects=False, timeout=30)
        return res.status_code == 200


# ------------------------------------------------------------------------------------------
# The relying party
# ------------------------------------------------------------------------------------------


class OpenID(OpenIDMixin):
    """authlib's OpenID Connect helpers over an OAuth2Session and the discovery document."""

    def __init__(self, session, metadata):
        self.session = session
        self.client_id = session.client_id
        self.server_metadata = dict(metadata)

    def load_server_metadata(self):
        return self.server_metadata

    def _get_session(self):
        return contextlib.nullcontext(self.session)

    def get(self, url, **kwargs):
        # The session carries the token it fetched: userinfo() calls with it.
        return self.session.get(url, **kwargs)


def error_of(call):
    """Runs `call`; the OAuth error code authlib raised, or None when it succeeded."""
    try:
        call()
    except OAuthError as e:
        return e.error
    return None


def session_for(scope):
    return OAuth2Session(
        client_id=ENV["CLIENT_ID"],
        client_secret=ENV["CLIENT_SECRET"],
        scope=scope,
        redirect_uri=ENV["REDIRECT_URI"],
        code_challenge_method="S256",
        token_endpoint_auth_method="client_secret_basic",
    )


def sign_in(metadata, browser, scope):
    """One code flow with PKCE, state and nonce; returns what the test needs to see."""
    rp = session_for(scope)
    verifier = generate_token(64)
    nonce = generate_token(24)
    url, state = rp.create_authorization_url(
        metadata["authorization_endpoint"], code_verifier=verifier, nonce=nonce
    )
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)
    steps_before = len(browser.steps)
    back = browser.go(url, ENV["REDIRECT_URI"])
    answer = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(back).query))
    # authlib checks `state` (and raises on a mismatch) as it reads the code from the answer.
    token = rp.fetch_token(
        metadata["token_endpoint"],
        authorization_response=back,
        code_verifier=verifier,
        state=state,
    )
    openid = OpenID(rp, metadata)
    options = {
        "iss": {"essential": True, "values": [metadata["issuer"]]},
        "aud": {"essential": True, "values": [ENV["CLIENT_ID"]]},
    }
    claims = openid.parse_id_token(token, nonce, claims_options=options, leeway=5)
    header = json.loads(
        base64.urlsafe_b64decode(token["id_token"].split(".")[0] + "==").decode()
    )
    return {
        "request": {
            "code_challenge_method": query.get("code_challenge_method", [None])[0],
            "has_code_challenge": "code_challenge" in query,
            "has_nonce": "nonce" in query,
        },
        "steps": browser.steps[steps_before:],
        "answer_iss": answer.get("iss"),
        "answer_state_matches": answer.get("state") == state,
        "token": token,
        "token_fields": sorted(token.keys()),
        "id_token_alg": header.get("alg"),
        "id_token_claims": dict(claims),
        "rp": rp,
        "openid": openid,
    }


def logout(metadata, browser, openid, id_token_hint):
    """RP-initiated logout through authlib's create_logout_url; where the browser lands."""
    kwargs = {} if id_token_hint else {"client_id": ENV["CLIENT_ID"]}
    made = openid.create_logout_url(
        post_logout_redirect_uri=ENV["POST_LOGOUT_REDIRECT_URI"],
        id_token_hint=id_token_hint,
        **kwargs,
    )
    steps_before = len(browser.steps)
    landed = browser.go(made["url"], ENV["POST_LOGOUT_REDIRECT_URI"])
    parts = urllib.parse.urlsplit(landed)
    answer = dict(urllib.parse.parse_qsl(parts.query))
    return {
        "landed_on": f"{parts.scheme}://{parts.netloc}{parts.path}",
        "state_matches": answer.get("state") == made["state"],
        "steps": browser.steps[steps_before:],
        "still_signed_in": browser.signed_in(),
    }


def main():
    out = {}
    issuer = ENV["ISSUER"]
    metadata = requests.get(
        issuer.rstrip("/") + "/.well-known/openid-configuration", timeout=30
    ).json()
    out["discovery"] = {
        k: metadata.get(k)
        for k in (
            "issuer",
            "authorization_endpoint",
            "token_endpoint",
            "userinfo_endpoint",
            "jwks_uri",
            "introspection_endpoint",
            "revocation_endpoint",
            "end_session_endpoint",
            "code_challenge_methods_supported",
        )
    }
    browser = Browser(
        issuer,
        ENV["EMAIL"],
        ENV["PASSWORD"],
        totp_secret=ENV.get("TOTP_SECRET") or None,
        recovery_code=ENV.get("RECOVERY_CODE") or None,
    )

    # The first sign-in: every page the person can be shown.
    first = sign_in(metadata, browser, "openid profile email offline_access")
    rp, openid, token = first.pop("rp"), first.pop("openid"), first.pop("token")
    out["sign_in"] = first
    out["userinfo"] = dict(openid.userinfo())

    # Refresh: a new pair; the spent refresh token is refused; the new one still works.
    old_refresh = token["refresh_token"]
    refreshed = rp.refresh_token(metadata["token_endpoint"], refresh_token=old_refresh)
    out["refresh"] = {
        "rotated": refreshed.get("refresh_token") not in (None, old_refresh),
        "new_access_token": refreshed.get("access_token") != token["access_token"],
        "old_refresh_token_error": error_of(
            lambda: rp.refresh_token(metadata["token_endpoint"], refresh_token=old_refresh)
        ),
    }
    if "id_token" in refreshed:
        # OpenID Connect Core 12.2: the same person; no nonce in a refreshed ID token.
        claims = openid.parse_id_token(
            refreshed,
            None,
            claims_options={
                "iss": {"essential": True, "values": [metadata["issuer"]]},
                "aud": {"essential": True, "values": [ENV["CLIENT_ID"]]},
            },
            leeway=5,
        )
        out["refresh"]["id_token_sub"] = claims.get("sub")
        out["refresh"]["id_token_nonce"] = claims.get("nonce")
    access, refresh = refreshed["access_token"], refreshed["refresh_token"]

    # Introspection (RFC 7662) and revocation (RFC 7009), both as the client.
    endpoint = metadata["introspection_endpoint"]
    out["introspection_live"] = rp.introspect_token(endpoint, token=access).json()
    out["introspection_refresh_live"] = rp.introspect_token(
        endpoint, token=refresh, token_type_hint="refresh_token"
    ).json()
    revoked = rp.revoke_token(
        metadata["revocation_endpoint"], token=refresh, token_type_hint="refresh_token"
    )
    out["revocation_status"] = revoked.status_code
    out["introspection_after_revocation"] = rp.introspect_token(endpoint, token=access).json()
    out["introspection_refresh_after_revocation"] = rp.introspect_token(
        endpoint, token=refresh, token_type_hint="refresh_token"
    ).json()
    dead = requests.get(
        metadata["userinfo_endpoint"],
        headers={"Authorization": f"Bearer {access}"},
        timeout=30,
    )
    out["userinfo_after_revocation"] = {
        "status": dead.status_code,
        "www_authenticate": dead.headers.get("WWW-Authenticate"),
    }
    out["refresh_after_revocation_error"] = error_of(
        lambda: rp.refresh_token(metadata["token_endpoint"], refresh_token=refresh)
    )

    # The client for itself.
    machine = session_for("api.read")
    cc = machine.fetch_token(metadata["token_endpoint"], grant_type="client_credentials")
    out["client_credentials"] = {
        "token_type": cc.get("token_type"),
        "scope": cc.get("scope"),
        "has_refresh_token": "refresh_token" in cc,
        "has_id_token": "id_token" in cc,
        "introspection": machine.introspect_token(
            endpoint, token=cc["access_token"]
        ).json(),
    }

    # RP-initiated logout with the ID token as the hint: the session ends at once.
    out["logout_with_hint"] = logout(metadata, browser, openid, token["id_token"])

    # A second sign-in (consent is remembered), then a logout without a hint: Portcullis
    # asks the person first.
    second = sign_in(metadata, browser, "openid profile email")
    second.pop("rp"), second.pop("token")
    second_openid = second.pop("openid")
    out["second_sign_in"] = {
        "steps": second["steps"],
        "sub": second["id_token_claims"].get("sub"),
        "amr": second["id_token_claims"].get("amr"),
    }
    out["logout_without_hint"] = logout(metadata, browser, second_openid, None)
    print(json.dumps(out, default=str))


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # noqa: BLE001 - reported to the Rust test, which fails on it
        print(json.dumps({"crashed": f"{type(e).__name__}: {e}", "trace": traceback.format_exc()}))
        sys.exit(1)
