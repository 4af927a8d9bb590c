//! The provider driven by independent client libraries, not our own code (issue 25):
//!
//! - `authlib` (PyPI), a confidential client: discovery, the code flow with PKCE, state and
//!   nonce through the hosted login (with and without the second factor) and consent pages,
//!   the ID token checked by authlib against the JWKS, userinfo, refresh with rotation (the
//!   spent refresh token refused), introspection, revocation, client credentials, and
//!   RP-initiated logout with and without an `id_token_hint` (`tests/provider/authlib_rp.py`,
//!   which prints one JSON object that is checked here). On every database.
//! - `oidc-client-ts` (npm) in Chromium, a single-page app on another origin as a public
//!   client: `signinRedirect`, the person logging in and consenting on the hosted pages,
//!   `signinRedirectCallback` (the token call and userinfo cross-origin, under CORS),
//!   `getUser`, a refresh with rotation (`signinSilent`), and `signoutRedirect`, which revokes
//!   the refresh token first (`tests/provider/spa/`). SQLite only, as the other browser tests:
//!   it tests the pages and the protocol, not the store.
//!
//! authlib is installed by `.ci/run` into `tests/provider/.pylib` (pinned in
//! `tests/provider/requirements.txt`), oidc-client-ts into `tests/oidc/node_modules`. Without
//! them (or without Python or Chromium) the tests say so and skip, unless `CI=true`, where a
//! missing tool fails.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use fantoccini::Client;
use reqwest::Method;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::backends;
use crate::browser::{ci, click, css, fill, wait_for_path, Browser};
use crate::helpers::{Db, Login, TestApp, PASSWORD};
use crate::mfa::{base32_decode, fresh_step, now, totp_at};
use portcullis::service::{ClientInfo, ClientSpec};

const REDIRECT: &str = "http://127.0.0.1:9/cb";
const LOGGED_OUT: &str = "http://127.0.0.1:9/bye";

backends!(
    authlib_signs_a_person_in_with_a_password,
    authlib_signs_a_person_in_through_the_second_factor
);

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/provider/.pylib` with authlib in it, or `None` (with a message) when it is not
/// installed; under `CI=true` that fails.
fn authlib() -> Option<PathBuf> {
    let lib = root().join("tests/provider/.pylib");
    let python =
        Command::new("python3").arg("--version").output().is_ok_and(|o| o.status.success());
    if python && lib.join("authlib").is_dir() {
        return Some(lib);
    }
    assert!(
        !ci(),
        "authlib is missing and CI=true: python3 -m pip install --target tests/provider/.pylib \
         -r tests/provider/requirements.txt (.ci/run does)"
    );
    eprintln!(
        "skipping the authlib test: python3 or tests/provider/.pylib/authlib is missing (python3 \
         -m pip install --target tests/provider/.pylib -r tests/provider/requirements.txt)"
    );
    None
}

/// Turns TOTP on for `login`'s account through the API: the secret (base32, as an
/// authenticator app is given it) and one recovery code.
async fn enrol_totp(app: &TestApp, login: &Login) -> (String, String) {
    fresh_step().await;
    let res = app
        .bearer(Method::POST, "/api/auth/mfa/totp", &login.access_token)
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    let secret = body["secret"].as_str().unwrap().to_owned();
    let code = totp_at(&base32_decode(&secret), now());
    let res = app
        .bearer(Method::POST, "/api/auth/mfa/totp/confirm", &login.access_token)
        .json(&json!({ "code": code }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    let recovery = body["recovery_codes"][0].as_str().unwrap().to_owned();
    (secret, recovery)
}

async fn authlib_signs_a_person_in_with_a_password(db: Db) {
    authlib_relying_party(db, false, "RS256").await;
}

async fn authlib_signs_a_person_in_through_the_second_factor(db: Db) {
    authlib_relying_party(db, true, "EdDSA").await;
}

/// The whole life of a relying party written with authlib, against a fresh server; every
/// answer authlib got is checked here.
async fn authlib_relying_party(db: Db, second_factor: bool, alg: &str) {
    let Some(pylib) = authlib() else { return };
    let app = TestApp::spawn(db).await;
    let email = "authlib@example.com";
    let login = app.user(email).await;
    let user_id = login.body["user"]["id"].as_str().unwrap().to_owned();
    let (totp_secret, recovery) = if second_factor {
        let (secret, recovery) = enrol_totp(&app, &login).await;
        (Some(secret), Some(recovery))
    } else {
        (None, None)
    };
    let spec = ClientSpec {
        client_id: Some("authlib-rp".into()),
        name: Some("Authlib RP".into()),
        redirect_uris: Some(vec![REDIRECT.into()]),
        post_logout_redirect_uris: Some(vec![LOGGED_OUT.into()]),
        grant_types: Some(
            ["authorization_code", "refresh_token", "client_credentials"].map(String::from).into(),
        ),
        scopes: Some(
            ["openid", "profile", "email", "offline_access", "api.read"].map(String::from).into(),
        ),
        // A third-party application: the person is asked.
        skip_consent: Some(false),
        id_token_signed_response_alg: Some(alg.into()),
        ..Default::default()
    };
    let made = app.auth.create_client(&spec, &ClientInfo::default()).await.unwrap();
    let secret = made.client_secret.expect("a confidential client has a secret");

    let mut cmd = Command::new("python3");
    cmd.arg(root().join("tests/provider/authlib_rp.py"))
        .env("PYTHONPATH", &pylib)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("ISSUER", &app.public)
        .env("CLIENT_ID", "authlib-rp")
        .env("CLIENT_SECRET", &secret)
        .env("REDIRECT_URI", REDIRECT)
        .env("POST_LOGOUT_REDIRECT_URI", LOGGED_OUT)
        .env("EMAIL", email)
        .env("PASSWORD", PASSWORD)
        .env("TOTP_SECRET", totp_secret.as_deref().unwrap_or(""))
        .env("RECOVERY_CODE", recovery.as_deref().unwrap_or(""));
    let out = tokio::task::spawn_blocking(move || cmd.output().unwrap()).await.unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "authlib_rp.py failed:\n{stdout}\n{stderr}");
    let r: Value = serde_json::from_str(stdout.trim())
        .unwrap_or_else(|e| panic!("not one JSON object ({e}):\n{stdout}\n{stderr}"));

    // Discovery, as authlib read it.
    let d = &r["discovery"];
    assert_eq!(d["issuer"], app.public.as_str());
    for (field, path) in [
        ("authorization_endpoint", "/oauth2/authorize"),
        ("token_endpoint", "/oauth2/token"),
        ("userinfo_endpoint", "/oauth2/userinfo"),
        ("jwks_uri", "/oauth2/jwks"),
        ("introspection_endpoint", "/oauth2/introspect"),
        ("revocation_endpoint", "/oauth2/revoke"),
        ("end_session_endpoint", "/oauth2/logout"),
    ] {
        assert_eq!(d[field], format!("{}{path}", app.public), "{field}");
    }
    assert_eq!(d["code_challenge_methods_supported"], json!(["S256"]));

    // The sign-in: the pages the person went through, and what came back.
    let s = &r["sign_in"];
    assert_eq!(s["request"]["code_challenge_method"], "S256", "{s}");
    assert_eq!(s["request"]["has_code_challenge"], true);
    assert_eq!(s["request"]["has_nonce"], true);
    let pages = if second_factor {
        json!(["login", "second_factor", "consent"])
    } else {
        json!(["login", "consent"])
    };
    assert_eq!(s["steps"], pages, "{s}");
    assert_eq!(s["answer_iss"], app.public.as_str(), "RFC 9207");
    assert_eq!(s["answer_state_matches"], true);
    for field in ["access_token", "id_token", "refresh_token", "expires_in", "token_type", "scope"]
    {
        assert!(s["token_fields"].as_array().unwrap().contains(&json!(field)), "{field}: {s}");
    }
    // authlib verified the signature with the JWKS and iss, aud, exp, nonce and at_hash; the
    // claims it accepted:
    assert_eq!(s["id_token_alg"], alg);
    let c = &s["id_token_claims"];
    assert_eq!(c["sub"], user_id.as_str());
    assert_eq!(c["aud"], "authlib-rp");
    assert_eq!(c["iss"], app.public.as_str());
    assert_eq!(c["email"], email);
    assert_eq!(c["email_verified"], true);
    assert!(c["at_hash"].is_string() && c["nonce"].is_string() && c["sid"].is_string(), "{c}");
    if second_factor {
        assert_eq!(c["amr"], json!(["pwd", "otp"]), "{c}");
        assert_eq!(c["acr"], "aal2");
    } else {
        assert_eq!(c["amr"], json!(["pwd"]), "{c}");
        assert_eq!(c["acr"], "aal1");
    }
    assert_eq!(r["userinfo"]["sub"], user_id.as_str());
    assert_eq!(r["userinfo"]["email"], email);

    // Refresh rotates; the spent token is refused; the new ID token names the same person.
    let f = &r["refresh"];
    assert_eq!(f["rotated"], true, "{f}");
    assert_eq!(f["new_access_token"], true);
    assert_eq!(f["old_refresh_token_error"], "invalid_grant");
    assert_eq!(f["id_token_sub"], user_id.as_str());

    // Introspection while live, then revocation of the refresh token ends the whole grant.
    let live = &r["introspection_live"];
    assert_eq!(live["active"], true, "{live}");
    assert_eq!(live["client_id"], "authlib-rp");
    assert_eq!(live["sub"], user_id.as_str());
    assert_eq!(live["scope"], "openid profile email offline_access");
    assert_eq!(r["introspection_refresh_live"]["active"], true);
    assert_eq!(r["revocation_status"], 200);
    assert_eq!(r["introspection_after_revocation"], json!({"active": false}));
    assert_eq!(r["introspection_refresh_after_revocation"], json!({"active": false}));
    assert_eq!(r["userinfo_after_revocation"]["status"], 401);
    let challenge = r["userinfo_after_revocation"]["www_authenticate"].as_str().unwrap();
    assert!(challenge.contains("error=\"invalid_token\""), "{challenge}");
    assert_eq!(r["refresh_after_revocation_error"], "invalid_grant");

    // Client credentials: a token for the client itself, nothing of a person's.
    let cc = &r["client_credentials"];
    assert_eq!(cc["token_type"], "Bearer");
    assert_eq!(cc["scope"], "api.read");
    assert_eq!(cc["has_refresh_token"], false);
    assert_eq!(cc["has_id_token"], false);
    assert_eq!(cc["introspection"]["active"], true, "{cc}");
    assert_eq!(cc["introspection"]["sub"], "authlib-rp");

    // RP-initiated logout with the ID token as the hint: no question, the session ends, the
    // browser goes to the registered URI with authlib's state.
    let out = &r["logout_with_hint"];
    assert_eq!(out["steps"], json!([]), "{out}");
    assert_eq!(out["landed_on"], LOGGED_OUT);
    assert_eq!(out["state_matches"], true);
    assert_eq!(out["still_signed_in"], false);

    // Signing in again: consent is remembered; the second factor again (a recovery code now:
    // the TOTP step is spent).
    let again = &r["second_sign_in"];
    let pages = if second_factor { json!(["login", "recovery_code"]) } else { json!(["login"]) };
    assert_eq!(again["steps"], pages, "{again}");
    assert_eq!(again["sub"], user_id.as_str());

    // Without a hint, Portcullis asks the person before signing them out.
    let out = &r["logout_without_hint"];
    assert_eq!(out["steps"], json!(["logout_confirmation"]), "{out}");
    assert_eq!(out["landed_on"], LOGGED_OUT);
    assert_eq!(out["state_matches"], true);
    assert_eq!(out["still_signed_in"], false);
}

// ---------------------------------------------------------------------------------------------
// oidc-client-ts in Chromium
// ---------------------------------------------------------------------------------------------

/// The browser build of oidc-client-ts, or `None` (with a message) when it is not installed;
/// under `CI=true` that fails.
fn oidc_client_ts() -> Option<PathBuf> {
    let path =
        root().join("tests/oidc/node_modules/oidc-client-ts/dist/browser/oidc-client-ts.min.js");
    if path.is_file() {
        return Some(path);
    }
    assert!(
        !ci(),
        "{} is missing and CI=true: npm ci --prefix tests/oidc (.ci/run does)",
        path.display()
    );
    eprintln!(
        "skipping the single-page app test: {} is missing (npm ci --prefix tests/oidc)",
        path.display()
    );
    None
}

/// Serves the single-page app on a port of its own (another origin than Portcullis's), with
/// `/config.json` naming the provider and the client.
async fn serve_spa(library: &Path, listener: tokio::net::TcpListener, config: Value) {
    use axum::http::header::CONTENT_TYPE;
    use axum::routing::get;
    let dir = root().join("tests/provider/spa");
    let read = |p: &Path| std::fs::read_to_string(p).unwrap();
    let index = read(&dir.join("index.html"));
    let app_js = read(&dir.join("app.js"));
    let lib = read(library);
    let html = move || {
        let index = index.clone();
        async move { ([(CONTENT_TYPE, "text/html; charset=utf-8")], index) }
    };
    let js = |body: String| {
        move || {
            let body = body.clone();
            async move { ([(CONTENT_TYPE, "text/javascript; charset=utf-8")], body) }
        }
    };
    let router = axum::Router::new()
        .route("/", get(html.clone()))
        .route("/callback", get(html.clone()))
        .route("/signed-out", get(html))
        .route("/app.js", get(js(app_js)))
        .route("/oidc-client-ts.min.js", get(js(lib)))
        .route("/config.json", get(move || async move { axum::Json(config) }));
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
}

/// The app's `#result`, once it shows the page `page` (it is written when the page's
/// work is done).
async fn result(b: &Client, page: &str) -> Value {
    let mut last = String::new();
    for _ in 0..200 {
        last = b
            .execute(
                "const r = document.getElementById('result'); return r ? r.textContent : '';",
                vec![],
            )
            .await
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        if let Ok(v) = serde_json::from_str::<Value>(&last) {
            assert!(v.get("error").is_none_or(Value::is_null), "the app failed: {v}");
            if v["page"] == page {
                return v;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the app never showed {page}: {last:?} on {}", b.current_url().await.unwrap());
}

/// The claims of a JWT, its signature checked against the provider's JWKS (our own check of
/// what oidc-client-ts received, which it does not verify itself: it trusts the TLS channel).
async fn verified_claims(app: &TestApp, jwt: &str) -> (String, Value) {
    let jwks: jsonwebtoken::jwk::JwkSet =
        app.client.get(app.url("/oauth2/jwks")).send().await.unwrap().json().await.unwrap();
    let header = jsonwebtoken::decode_header(jwt).unwrap();
    let jwk = jwks.find(header.kid.as_deref().unwrap()).expect("the signing key is published");
    let key = jsonwebtoken::DecodingKey::from_jwk(jwk).unwrap();
    let mut v = jsonwebtoken::Validation::new(header.alg);
    v.set_audience(&["spa"]);
    v.set_issuer(&[&app.public]);
    let data = jsonwebtoken::decode::<Value>(jwt, &key, &v).expect("signature and claims verify");
    (format!("{:?}", header.alg), data.claims)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_single_page_app_signs_in_and_out_with_oidc_client_ts_in_chromium() {
    let Some(library) = oidc_client_ts() else { return };
    // A long grace for a spent refresh token (refused, the grant left alone), so that however
    // slow the machine, the grant lives until the sign-out revokes it.
    let app = TestApp::spawn_with(Db::Sqlite, &[("PORTCULLIS_REFRESH_REUSE_GRACE", "5m")]).await;
    let login = app.user("spa@example.com").await;
    let user_id = login.body["user"]["id"].as_str().unwrap().to_owned();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let spa = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
    let spec = ClientSpec {
        client_id: Some("spa".into()),
        name: Some("The SPA".into()),
        redirect_uris: Some(vec![format!("{spa}/callback")]),
        post_logout_redirect_uris: Some(vec![format!("{spa}/signed-out")]),
        scopes: Some(["openid", "profile", "email", "offline_access"].map(String::from).into()),
        public: Some(true),
        ..Default::default()
    };
    let made = app.auth.create_client(&spec, &ClientInfo::default()).await.unwrap();
    assert!(made.client_secret.is_none(), "a public client has no secret");
    serve_spa(&library, listener, json!({"authority": app.public, "client_id": "spa"})).await;
    let Some(browser) = Browser::start(1000, 800).await else { return };
    browser.run(|b| spa_life(app, b, spa, user_id)).await;
}

async fn spa_life(app: TestApp, b: Client, spa: String, user_id: String) {
    b.goto(&format!("{spa}/")).await.unwrap();
    let start = result(&b, "start").await;
    assert_eq!(start["user"], Value::Null, "nobody is signed in yet");

    // signinRedirect: to Portcullis's authorization endpoint, which asks for a login.
    click(&b, "#signin").await;
    wait_for_path(&b, "/account/login").await;
    let at = b.current_url().await.unwrap();
    assert_eq!(at.origin().ascii_serialization(), app.base, "on Portcullis's own page");
    fill(&b, "email", "spa@example.com").await;
    fill(&b, "password", PASSWORD).await;
    click(&b, "form[action='/account/login'] button[type=submit]").await;

    // The consent page (a third-party client), then back to the app.
    wait_for_path(&b, "/oauth2/authorize").await;
    let scopes = css(&b, "#scopes").await.text().await.unwrap();
    assert!(scopes.contains("email address") && scopes.contains("Stay connected"), "{scopes}");
    click(&b, "#allow").await;
    wait_for_path(&b, "/callback").await;
    let got = result(&b, "callback").await;

    // What oidc-client-ts accepted: the state it kept, the code exchange, the ID token's
    // claims, userinfo merged into the profile.
    assert_eq!(got["callback_had_iss"], app.public.as_str(), "RFC 9207");
    assert_eq!(got["user_state"], "spa-signin", "{got}");
    assert_eq!(got["token_type"], "Bearer");
    assert_eq!(got["scope"], "openid profile email offline_access");
    let first_refresh = got["refresh_token"].as_str().expect("a refresh token").to_owned();
    assert_eq!(got["expired"], false);
    assert_eq!(got["stored_same_user"], true, "getUser gives the signed-in user");
    let profile = &got["profile"];
    assert_eq!(profile["sub"], user_id.as_str());
    assert_eq!(profile["iss"], app.public.as_str());
    assert_eq!(profile["aud"], "spa");
    assert_eq!(profile["email"], "spa@example.com");
    // (oidc-client-ts leaves the protocol claims, amr, acr, nonce, at_hash, out of the profile.)
    // Userinfo called by the page itself, cross-origin: CORS for any origin, no credentials.
    assert_eq!(got["userinfo_status"], 200, "{got}");
    // (The page can read the answer only because CORS let it. What Portcullis told Chromium:
    // this origin, without credentials, for the preflight the Authorization header needs.)
    let preflight = app
        .client
        .request(Method::OPTIONS, app.url("/oauth2/userinfo"))
        .header("Origin", &spa)
        .header("Access-Control-Request-Method", "GET")
        .header("Access-Control-Request-Headers", "authorization")
        .send()
        .await
        .unwrap();
    assert!(preflight.status().is_success(), "{}", preflight.status());
    assert_eq!(preflight.headers()["access-control-allow-origin"], spa.as_str());
    assert!(preflight.headers().get("access-control-allow-credentials").is_none());
    assert_eq!(got["userinfo"]["sub"], user_id.as_str());
    assert_eq!(got["userinfo"]["email"], "spa@example.com");
    // The ID token it was given is ours, signed with the client's key (RS256 by default).
    let (alg, claims) = verified_claims(&app, got["id_token"].as_str().unwrap()).await;
    assert_eq!(alg, "RS256");
    assert_eq!(claims["sub"], user_id.as_str());
    // oidc-client-ts sends no nonce with the code flow (PKCE binds the code), and Portcullis
    // puts one in only when the request had one.
    assert!(claims.get("nonce").is_none(), "{claims}");
    assert_eq!(claims["amr"], json!(["pwd"]));
    assert_eq!(claims["aud"], "spa");
    let userinfo = |token: String| {
        let req = app.client.get(app.url("/oauth2/userinfo")).bearer_auth(token);
        async move { req.send().await.unwrap().status() }
    };
    let first_access = got["access_token"].as_str().unwrap().to_owned();
    assert_eq!(userinfo(first_access.clone()).await, StatusCode::OK);

    // A refresh (signinSilent with a refresh token is the refresh_token grant, cross-origin):
    // new tokens, the refresh token rotated.
    click(&b, "#refresh").await;
    let refreshed = result(&b, "refreshed").await;
    assert_eq!(refreshed["same_sub"], true, "{refreshed}");
    assert_eq!(refreshed["new_access_token"], true);
    assert_eq!(refreshed["rotated"], true);
    let access = refreshed["access_token"].as_str().unwrap().to_owned();
    assert_eq!(userinfo(access.clone()).await, StatusCode::OK);
    // The spent refresh token is refused (as a public client presents it: its id, no secret).
    let res = app
        .client
        .post(app.url("/oauth2/token"))
        .form(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", first_refresh.as_str()),
            ("client_id", "spa"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(res.json::<Value>().await.unwrap()["error"], "invalid_grant");
    assert_eq!(userinfo(access.clone()).await, StatusCode::OK, "within the grace: no revocation");

    // signoutRedirect: oidc-client-ts revokes the refresh token, then goes to the logout
    // endpoint with the ID token as the hint; Portcullis ends the session at once and sends the
    // browser back with oidc-client-ts's state.
    click(&b, "#signout").await;
    wait_for_path(&b, "/signed-out").await;
    let out = result(&b, "signed-out").await;
    assert_eq!(out["url_had_state"], true, "{out}");
    assert_eq!(out["user_state"], "spa-logout", "{out}");
    assert_eq!(out["user_after"], Value::Null);
    // The Portcullis session is over: the account page asks for a login. The grant (an offline
    // one, which a sign-out alone leaves in force) was revoked by oidc-client-ts: its tokens
    // are dead.
    b.goto(&app.url("/account/")).await.unwrap();
    wait_for_path(&b, "/account/login").await;
    assert_eq!(userinfo(access).await, StatusCode::UNAUTHORIZED);
    assert_eq!(userinfo(first_access).await, StatusCode::UNAUTHORIZED);
}
