//! The provider against independent relying-party libraries from npm, not our own code:
//! `openid-client` and `oauth4webapi` each sign a person in through the hosted pages (the
//! login form, the second factor, the consent form), then refresh, read userinfo, introspect,
//! revoke, use client credentials and log out (RP-initiated); `openid-client` also
//! authenticates with `private_key_jwt` and checks ES256 and EdDSA ID tokens. A back-channel
//! logout receiver verifies Portcullis's logout tokens with `jose`; `openid-client` also runs
//! the device flow (RFC 8628) while the test answers on the verification page. The scripts are in
//! `tests/oidc/rp/` (see `tests/oidc/README.md`); each prints one JSON object of what its
//! library returned, validated or refused, and these tests assert on it.
//!
//! `node` and `tests/oidc/node_modules` (`npm ci --prefix tests/oidc`, which `.ci/run` runs)
//! are needed: without them the tests are skipped with a message, unless `CI=true`, where
//! that is a failure.

use std::io::{BufRead, BufReader, Read};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::backends;
use crate::helpers::{Db, Login, TestApp, PASSWORD};
use crate::mfa::{enrol_for, now, totp_at};
use portcullis::service::{ClientInfo, ClientSpec};

const REDIRECT: &str = "http://127.0.0.1:9/cb";
const LOGGED_OUT: &str = "http://127.0.0.1:9/bye";
const SCOPES: [&str; 4] = ["openid", "email", "profile", "offline_access"];

backends!(
    openid_client_signs_in_with_and_without_a_second_factor_and_uses_every_endpoint,
    oauth4webapi_signs_in_with_and_without_a_second_factor_and_uses_every_endpoint,
    back_channel_logout_tokens_verify_with_jose_and_name_the_ended_session,
    openid_client_registers_itself_and_signs_a_person_in,
    openid_client_binds_its_tokens_with_dpop_and_pushes_its_request,
    openid_client_runs_the_device_flow_while_the_person_answers_on_the_page,
);

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// `tests/oidc/rp`, when `node` and the packages are there. Otherwise `None` after saying so,
/// or, under `CI=true`, a failure: CI must run these tests, not skip them.
pub(crate) fn rp_dir() -> Option<PathBuf> {
    let oidc = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/oidc");
    let node = Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success());
    let packages = ["openid-client", "oauth4webapi", "jose"]
        .iter()
        .all(|p| oidc.join("node_modules").join(p).join("package.json").exists());
    if node && packages {
        return Some(oidc.join("rp"));
    }
    let why = if node {
        "tests/oidc/node_modules is missing: run npm ci --prefix tests/oidc"
    } else {
        "node is not installed"
    };
    assert!(std::env::var("CI").map_or(true, |v| v != "true"), "CI=true and {why}");
    eprintln!("skipping the relying-party interop test: {why}");
    None
}

/// Runs `script` with `env` (nothing else of this process's environment that the scripts
/// read), waiting at most two minutes; its one JSON line. A script that stopped on an error
/// prints `{"fatal"}`: that fails the test with the library's message.
pub(crate) async fn run(dir: &Path, script: &str, env: Vec<(&'static str, String)>) -> Value {
    let dir = dir.to_path_buf();
    let script = script.to_owned();
    // The server runs on this test's runtime: wait for node on a blocking thread.
    tokio::task::spawn_blocking(move || -> Result<Value, String> {
        let mut child = Command::new("node")
            .arg(&script)
            .current_dir(&dir)
            .env_remove("SESSION_COOKIE")
            .env_remove("TOTP_CODE")
            .envs(env)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("node starts");
        // Both pipes are drained while it runs, so a long output can never block it.
        let drain = |mut pipe: Box<dyn Read + Send>| {
            std::thread::spawn(move || {
                let mut text = String::new();
                let _ = pipe.read_to_string(&mut text);
                text
            })
        };
        let out = drain(Box::new(child.stdout.take().unwrap()));
        let err = drain(Box::new(child.stderr.take().unwrap()));
        let deadline = Instant::now() + Duration::from_secs(120);
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("{script} ran for more than two minutes"));
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        let (out, err) = (out.join().unwrap(), err.join().unwrap());
        let line = out.lines().last().unwrap_or_default();
        let value: Value = serde_json::from_str(line)
            .map_err(|e| format!("{script}: not one JSON line ({e}): {out}\n{err}"))?;
        if value.get("fatal").is_some() {
            return Err(format!("{script} failed: {value:#}\n{err}"));
        }
        if !status.success() {
            return Err(format!("{script} exited with {status}: {err}"));
        }
        Ok(value)
    })
    .await
    .unwrap()
    .unwrap_or_else(|e| panic!("{e}"))
}

/// A confidential client that may use every grant: the consent page is shown (not skipped),
/// so the browser goes through it.
fn main_client(id: &str) -> ClientSpec {
    ClientSpec {
        client_id: Some(id.to_owned()),
        name: Some(format!("App {id}")),
        redirect_uris: Some(vec![REDIRECT.to_owned()]),
        post_logout_redirect_uris: Some(vec![LOGGED_OUT.to_owned()]),
        grant_types: Some(
            ["authorization_code", "refresh_token", "client_credentials"]
                .map(String::from)
                .to_vec(),
        ),
        scopes: Some(
            ["openid", "profile", "email", "offline_access", "api.read"].map(String::from).to_vec(),
        ),
        skip_consent: Some(false),
        ..Default::default()
    }
}

/// A first-party client (no consent page) with the code and refresh grants.
fn plain_client(id: &str) -> ClientSpec {
    ClientSpec {
        client_id: Some(id.to_owned()),
        name: Some(format!("App {id}")),
        redirect_uris: Some(vec![REDIRECT.to_owned()]),
        skip_consent: Some(true),
        ..Default::default()
    }
}

/// Registers `spec`: its client id and secret (empty for a client without one).
async fn register(app: &TestApp, spec: ClientSpec) -> (String, String) {
    let made = app.auth.create_client(&spec, &ClientInfo::default()).await.unwrap();
    (made.client.client_id, made.client_secret.unwrap_or_default())
}

/// A person the scripts sign in as: the address, the user id, and (with a second factor) a
/// TOTP code the server has not seen yet.
struct Person {
    email: String,
    id: String,
    totp: Option<String>,
}

async fn person(app: &TestApp, email: &str, second_factor: bool) -> Person {
    let login: Login = app.user(email).await;
    let id = login.body["user"]["id"].as_str().unwrap().to_owned();
    let totp = if second_factor {
        // Enrolment spends the current 30-second step; the next step's code is accepted
        // (one step of drift) and is unspent.
        let secret = enrol_for(app, &login).await;
        Some(totp_at(&secret, now() + 30))
    } else {
        None
    };
    Person { email: email.to_owned(), id, totp }
}

/// The variables every relying-party script takes.
fn script_env(
    app: &TestApp,
    client: &(String, String),
    who: &Person,
) -> Vec<(&'static str, String)> {
    let mut env = vec![
        ("ISSUER", app.public.clone()),
        ("CLIENT_ID", client.0.clone()),
        ("CLIENT_SECRET", client.1.clone()),
        ("REDIRECT_URI", REDIRECT.to_owned()),
        ("POST_LOGOUT_REDIRECT_URI", LOGGED_OUT.to_owned()),
        ("EMAIL", who.email.clone()),
        ("PASSWORD", PASSWORD.to_owned()),
        ("CC_SCOPE", "api.read".to_owned()),
    ];
    if let Some(code) = &who.totp {
        env.push(("TOTP_CODE", code.clone()));
    }
    env
}

/// A server whose spent refresh tokens, seen again, end their grant at once (no grace), so
/// the libraries see reuse detection.
async fn app(db: Db) -> TestApp {
    TestApp::spawn_with(db, &[("PORTCULLIS_REFRESH_REUSE_GRACE", "0s")]).await
}

/// What both libraries must have seen and validated in the main flow.
fn check_main_flow(out: &Value, app: &TestApp, client_id: &str, who: &Person) {
    let d = &out["discovery"];
    assert_eq!(d["issuer"], app.public, "{d}");
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

    // The sign-in: through the login form, the second factor when there is one, and the
    // consent page listing what was asked; the library checked `iss`, state, nonce and the
    // ID token's signature, and these are the claims it validated.
    let s = &out["sign_in"];
    assert_eq!(s["forms"]["login"], true, "{s}");
    assert_eq!(s["forms"]["second_factor"].as_bool().unwrap_or(false), who.totp.is_some(), "{s}");
    assert_eq!(s["forms"]["consent"], json!(SCOPES), "{s}");
    assert_eq!(s["iss_in_response"], app.public);
    assert_eq!(s["id_token_alg"], "RS256", "the default algorithm");
    assert_eq!(s["scope"], SCOPES.join(" "));
    assert_eq!(s["has_refresh_token"], true, "offline_access");
    let id = &s["id_token"];
    assert_eq!(id["iss"], app.public);
    assert_eq!(id["aud"], client_id);
    assert_eq!(id["sub"], who.id.as_str());
    assert_eq!(id["email"], who.email.as_str());
    assert_eq!(id["email_verified"], true);
    assert!(id["nonce"].as_str().is_some_and(|n| !n.is_empty()), "{id}");
    assert!(id["sid"].as_str().is_some_and(|n| !n.is_empty()), "{id}");
    if who.totp.is_some() {
        assert_eq!(id["amr"], json!(["pwd", "otp"]), "{id}");
        assert_eq!(id["acr"], "aal2");
    } else {
        assert_eq!(id["amr"], json!(["pwd"]), "{id}");
        assert_eq!(id["acr"], "aal1");
    }

    let info = &out["userinfo"];
    assert_eq!(info["sub"], who.id.as_str(), "{info}");
    assert_eq!(info["email"], who.email.as_str());
    assert_eq!(out["userinfo_wrong_subject"]["refused"], true, "the library compares sub");

    let i = &out["introspection"];
    assert_eq!(i["access"]["active"], true, "{i}");
    assert_eq!(i["access"]["client_id"], client_id);
    assert_eq!(i["access"]["sub"], who.id.as_str());
    assert_eq!(i["refresh"]["active"], true, "{i}");

    // Refresh rotates; the rotated-away token is refused with invalid_grant, and its reuse
    // ended the grant: the new refresh token and access token are dead too.
    let r = &out["refresh"];
    assert_eq!(r["rotated"], true, "{r}");
    assert_eq!(r["new_access_active"], true);
    assert_eq!(r["id_token"]["sub"], who.id.as_str());
    assert_eq!(r["reused"]["error"], "invalid_grant", "{r}");
    assert_eq!(r["rotated_after_reuse"]["error"], "invalid_grant", "{r}");
    assert_eq!(r["access_after_reuse"]["active"], false, "{r}");

    // A second sign-in of the same browser: no form at all (signed in, consent remembered).
    assert_eq!(out["second_sign_in"], json!({"forms": {}, "same_sub": true}));
    let v = &out["revocation"];
    assert_eq!(v["before"]["active"], true, "{v}");
    assert_eq!(v["refresh_after"]["active"], false, "{v}");
    assert_eq!(v["access_after"]["active"], false, "{v}");
    assert_eq!(v["userinfo_after"]["error"], "invalid_token", "{v}");
    assert_eq!(v["userinfo_after"]["status"], 401);

    let cc = &out["client_credentials"];
    assert_eq!(cc["scope"], "api.read", "{cc}");
    assert_eq!(cc["has_refresh_token"], false);
    assert_eq!(cc["has_id_token"], false);
    assert_eq!(cc["introspection"]["active"], true, "{cc}");
    assert_eq!(cc["introspection"]["sub"], client_id, "the client itself");
    assert_eq!(cc["after_revocation"]["active"], false, "{cc}");

    // RP-initiated logout: back to the registered URI with the state, and the session is
    // over: a silent sign-in is refused with login_required.
    let l = &out["logout"];
    assert_eq!(l["landed"], LOGGED_OUT, "{l}");
    assert_eq!(l["state_back"], true, "{l}");
    assert_eq!(l["silent_sign_in_after"]["error"], "login_required", "{l}");
}

async fn openid_client_signs_in_with_and_without_a_second_factor_and_uses_every_endpoint(db: Db) {
    let Some(dir) = rp_dir() else { return };
    let app = app(db).await;
    let main = register(&app, main_client("oc-main")).await;
    let jwks_port = free_port();
    let pkjwt = ClientSpec {
        token_endpoint_auth_method: Some("private_key_jwt".into()),
        jwks_uri: Some(format!("http://127.0.0.1:{jwks_port}/jwks")),
        ..plain_client("oc-pkjwt")
    };
    let (pkjwt_id, _) = register(&app, pkjwt).await;
    let mut algs = Vec::new();
    for alg in ["ES256", "EdDSA"] {
        let spec = ClientSpec {
            id_token_signed_response_alg: Some(alg.into()),
            ..plain_client(&format!("oc-{}", alg.to_lowercase()))
        };
        let (id, secret) = register(&app, spec).await;
        algs.push(json!({"id": id, "secret": secret, "alg": alg}));
    }

    // A password-only person, with the extra clients.
    let plain = person(&app, "oc-plain@example.com", false).await;
    let mut env = script_env(&app, &main, &plain);
    env.push(("PKJWT_CLIENT_ID", pkjwt_id.clone()));
    env.push(("JWKS_PORT", jwks_port.to_string()));
    env.push(("ALG_CLIENTS", Value::Array(algs).to_string()));
    let out = run(&dir, "openid-client.mjs", env).await;
    check_main_flow(&out, &app, &main.0, &plain);
    assert_eq!(out["sign_in"]["token_type"], "bearer", "{}", out["sign_in"]);

    let p = &out["private_key_jwt"];
    assert_eq!(p["id_token"]["aud"], pkjwt_id.as_str(), "{p}");
    assert_eq!(p["id_token"]["sub"], plain.id.as_str());
    assert_eq!(p["introspection"]["active"], true, "introspection authenticated by a JWT too");
    assert_eq!(p["introspection"]["client_id"], pkjwt_id.as_str());
    assert_eq!(p["refreshed"], true, "{p}");
    assert_eq!(p["unknown_key"]["error"], "invalid_client", "a key not in its JWKS: {p}");
    assert_eq!(p["unknown_key"]["status"], 401);

    for (alg, client) in [("ES256", "oc-es256"), ("EdDSA", "oc-eddsa")] {
        let a = &out["algorithms"][alg];
        assert_eq!(a["id_token_alg"], alg, "{a}");
        assert_eq!(a["id_token"]["aud"], client, "{a}");
        assert_eq!(a["id_token"]["sub"], plain.id.as_str());
        assert_eq!(a["id_token"]["iss"], app.public);
        assert_eq!(a["expecting_rs256"]["refused"], true, "the library checks the alg: {a}");
    }

    // A person with TOTP: the browser goes through the second-factor form.
    let strong = person(&app, "oc-totp@example.com", true).await;
    let out = run(&dir, "openid-client.mjs", script_env(&app, &main, &strong)).await;
    check_main_flow(&out, &app, &main.0, &strong);
}

async fn oauth4webapi_signs_in_with_and_without_a_second_factor_and_uses_every_endpoint(db: Db) {
    let Some(dir) = rp_dir() else { return };
    let app = app(db).await;
    let main = register(&app, main_client("o4-main")).await;
    for second_factor in [false, true] {
        let who = person(&app, &format!("o4-{second_factor}@example.com"), second_factor).await;
        let out = run(&dir, "oauth4webapi.mjs", script_env(&app, &main, &who)).await;
        check_main_flow(&out, &app, &main.0, &who);
        // As a resource server, the library validated the access token as an RFC 9068 JWT,
        // and refused it for another audience.
        let at = &out["access_token_jwt"];
        assert_eq!(at["sub"], who.id.as_str(), "{at}");
        assert_eq!(at["client_id"], main.0.as_str());
        assert_eq!(at["aud"], main.0.as_str());
        assert_eq!(at["iss"], app.public);
        let other = &out["access_token_other_audience"];
        assert_eq!(other["code"], "OAUTH_JWT_CLAIM_COMPARISON_FAILED", "{other}");
        assert_eq!(out["client_credentials"]["access_token_jwt"]["sub"], main.0.as_str());
    }
}

/// The running back-channel receiver and every JSON line it printed.
struct Receiver {
    child: Child,
    port: u16,
    lines: Arc<Mutex<Vec<Value>>>,
}

impl Drop for Receiver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Receiver {
    /// Starts `backchannel.mjs` for `audience`, on a free port (another tried when the chosen
    /// one was taken before node could bind it).
    async fn start(dir: &Path, issuer: &str, audience: &str) -> Self {
        for _ in 0..5 {
            let port = free_port();
            let mut child = Command::new("node")
                .arg("backchannel.mjs")
                .current_dir(dir)
                .env("PORT", port.to_string())
                .env("ISSUER", issuer)
                .env("AUDIENCE", audience)
                .stdout(Stdio::piped())
                .stderr(Stdio::inherit())
                .spawn()
                .expect("node starts");
            let mut stdout = BufReader::new(child.stdout.take().unwrap());
            // The first line is `{"ready":true}`, or nothing when it could not listen.
            let ready = tokio::task::spawn_blocking(move || {
                let mut line = String::new();
                stdout.read_line(&mut line).unwrap();
                (line, stdout)
            })
            .await
            .unwrap();
            if serde_json::from_str::<Value>(&ready.0).is_ok_and(|v| v["ready"] == true) {
                let lines: Arc<Mutex<Vec<Value>>> = Arc::default();
                let sink = lines.clone();
                let mut stdout = ready.1;
                std::thread::spawn(move || {
                    let mut line = String::new();
                    while stdout.read_line(&mut line).is_ok_and(|n| n > 0) {
                        let v = serde_json::from_str(&line)
                            .unwrap_or_else(|_| json!({"unreadable": line.clone()}));
                        sink.lock().unwrap().push(v);
                        line.clear();
                    }
                });
                return Self { child, port, lines };
            }
            let _ = child.kill();
            let _ = child.wait();
        }
        panic!("the back-channel receiver did not start on any of five ports");
    }

    fn uri(&self) -> String {
        format!("http://127.0.0.1:{}/logout", self.port)
    }

    /// The verified logout token naming `sid`, waiting up to 20 s for the delivery worker.
    async fn verified_for(&self, sid: &str) -> Value {
        for _ in 0..200 {
            let found = self
                .lines
                .lock()
                .unwrap()
                .iter()
                .find(|l| l["verified"] == true && l["claims"]["sid"] == sid)
                .cloned();
            if let Some(line) = found {
                return line;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("no verified logout token for sid {sid}: {:#?}", self.lines.lock().unwrap());
    }
}

/// Signs in through openid-client with the browser holding the session of `cookie` (an API
/// login): the `sid` of the ID token the library validated, and the ID token itself.
async fn sign_in_with_session(
    app: &TestApp,
    dir: &Path,
    client: &(String, String),
    who: &Person,
    cookie: &str,
) -> (String, String) {
    let mut env = script_env(app, client, who);
    env.push(("MODE", "sign-in".to_owned()));
    env.push(("SESSION_COOKIE", cookie.to_owned()));
    let out = run(dir, "openid-client.mjs", env).await;
    let s = &out["sign_in"];
    assert_eq!(s["forms"], json!({}), "the browser was signed in already: {s}");
    assert_eq!(s["id_token_alg"], "EdDSA", "the client's algorithm");
    assert_eq!(s["id_token"]["sub"], who.id.as_str());
    let sid = s["id_token"]["sid"].as_str().expect("a sid in the ID token").to_owned();
    (sid, s["id_token_jwt"].as_str().unwrap().to_owned())
}

async fn back_channel_logout_tokens_verify_with_jose_and_name_the_ended_session(db: Db) {
    let Some(dir) = rp_dir() else { return };
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_WEBHOOK_POLL_INTERVAL", "100ms")]).await;
    let audience = "bcl-rp";
    let receiver = Receiver::start(&dir, &app.public, audience).await;
    let spec = ClientSpec {
        backchannel_logout_uri: Some(receiver.uri()),
        id_token_signed_response_alg: Some("EdDSA".into()),
        ..plain_client(audience)
    };
    let client = register(&app, spec).await;
    let email = "bcl-rp@example.com";
    let who = person(&app, email, false).await;
    let mut sids = Vec::new();

    // 1. An API logout ends the session.
    let login = app.login(email, PASSWORD).await;
    let (sid, id_token) = sign_in_with_session(&app, &dir, &client, &who, &login.cookie).await;
    let res = app
        .with_cookie(reqwest::Method::POST, "/api/auth/logout", &login.cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    receiver.verified_for(&sid).await;
    sids.push(sid);

    // 2. A password reset ends every session of the account.
    let login = app.login(email, PASSWORD).await;
    let (sid, _) = sign_in_with_session(&app, &dir, &client, &who, &login.cookie).await;
    app.post_json("/api/auth/forgot-password", json!({"email": email})).await;
    let token = app.token_from_mail(email, "Reset").await;
    let new_password = "another long passphrase";
    let body = json!({"token": token, "new_password": new_password});
    assert_eq!(app.post_json("/api/auth/reset-password", body).await.status(), StatusCode::OK);
    assert_eq!(app.user_status_cookie(&login.cookie).await, StatusCode::UNAUTHORIZED);
    receiver.verified_for(&sid).await;
    sids.push(sid);

    // 3. An administrator revokes the account's sessions.
    let login = app.login(email, new_password).await;
    let (sid, _) = sign_in_with_session(&app, &dir, &client, &who, &login.cookie).await;
    app.auth.admin_revoke_sessions(email).await.unwrap();
    receiver.verified_for(&sid).await;
    sids.push(sid);

    // Every token the receiver verified is one of these, once each, with the claims the
    // specification asks for (jose checked the signature against the JWKS, the issuer, the
    // audience, `typ`, the event and the absence of a nonce).
    let lines = receiver.lines.lock().unwrap().clone();
    let verified: Vec<&Value> = lines.iter().filter(|l| l["verified"] == true).collect();
    // Delivery is at least once (a delivery whose answer is lost is retried, as the spec
    // allows): a slow receiver may see a notice twice, never a session it was not told of.
    let mut got: Vec<&str> =
        verified.iter().map(|l| l["claims"]["sid"].as_str().unwrap()).collect();
    got.sort_unstable();
    got.dedup();
    sids.sort_unstable();
    assert_eq!(got, sids);
    assert_eq!(sids.iter().collect::<std::collections::HashSet<_>>().len(), 3, "three sessions");
    for l in &verified {
        assert_eq!(l["header"]["typ"], "logout+jwt", "{l}");
        assert_eq!(l["header"]["alg"], "EdDSA", "the client's algorithm: {l}");
        assert_eq!(l["claims"]["iss"], app.public);
        assert_eq!(l["claims"]["aud"], audience);
        assert_eq!(l["claims"]["sub"], who.id.as_str());
        assert!(l["claims"]["jti"].is_string(), "{l}");
    }
    assert!(lines.iter().all(|l| l["verified"] == true), "nothing refused: {lines:#?}");

    // The receiver refuses what is not a logout token: an ID token of the same client, signed
    // by the same key, is one (no event, a nonce, another `typ`).
    let res = app
        .client
        .post(receiver.uri())
        .form(&[("logout_token", id_token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    // The receiver prints its line after it answers: wait for it (at most ten seconds).
    let refused_count =
        || receiver.lines.lock().unwrap().iter().filter(|l| l["verified"] == false).count();
    for _ in 0..200 {
        if refused_count() > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let lines = receiver.lines.lock().unwrap().clone();
    let refused: Vec<&Value> = lines.iter().filter(|l| l["verified"] == false).collect();
    assert_eq!(refused.len(), 1, "the ID token, and only it, is refused: {lines:#?}");
}

/// RFC 7591 with `openid-client`: registration by initial access token, a public client, the
/// consent page it always gets, and the code flow and refresh the library checks.
async fn openid_client_registers_itself_and_signs_a_person_in(db: Db) {
    let Some(dir) = rp_dir() else { return };
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_DYNAMIC_REGISTRATION", "token")]).await;
    let who = person(&app, "agent-user@example.com", false).await;
    let day = Duration::from_secs(86_400);
    let by = portcullis::service::operator();
    let (_, initial) = app.auth.create_initial_token("agents", day, None, &by).await.unwrap();
    let env = vec![
        ("ISSUER", app.public.clone()),
        ("REDIRECT_URI", REDIRECT.to_owned()),
        ("EMAIL", who.email.clone()),
        ("PASSWORD", PASSWORD.to_owned()),
        ("INITIAL_ACCESS_TOKEN", initial),
    ];
    let out = run(&dir, "register.mjs", env).await;
    assert_eq!(out["without_token"]["refused"], true, "{out:#}");
    assert_eq!(out["without_token"]["status"], 401, "{out:#}");
    let registered = &out["registered"];
    let client_id = registered["client_id"].as_str().expect("a client_id");
    assert_eq!(registered["has_secret"], false, "a public client: {out:#}");
    assert_eq!(registered["token_endpoint_auth_method"], "none");
    assert_eq!(registered["has_registration_access_token"], true);
    assert_eq!(
        registered["registration_client_uri"],
        app.url(&format!("/oauth2/register/{client_id}"))
    );
    let stored = app.auth.client(client_id).await.unwrap();
    assert_eq!(stored.managed_by, "dynamic");
    // The person was asked, for exactly what the agent wanted.
    let consent = out["signed_in"]["consent"].as_array().expect("the consent page was shown");
    assert!(consent.iter().any(|s| s == "email"), "{out:#}");
    assert_eq!(out["signed_in"]["sub"], who.id.as_str());
    assert_eq!(out["signed_in"]["aud"], client_id);
    assert_eq!(out["signed_in"]["has_refresh_token"], true);
    assert_eq!(out["refreshed"]["rotated"], true);
    assert_eq!(out["userinfo"]["sub"], who.id.as_str());
    assert_eq!(out["userinfo"]["email"], who.email.as_str());
    assert_eq!(out["refused"]["refused"], true, "{out:#}");
    assert_eq!(out["refused"]["error"], "invalid_redirect_uri", "{out:#}");
    // Three registrations were tried; the two refused left nothing behind.
    assert_eq!(app.auth.clients().await.unwrap().len(), 1);
}

/// DPoP (RFC 9449) and PAR (RFC 9126) with `openid-client`: a public client pushes its request
/// with a proof (its code bound to the key), answers the server's nonce challenge, gets
/// DPoP-bound tokens whose `cnf.jkt` is the thumbprint `jose` works out, calls userinfo with
/// proofs (as a bearer token it is refused), and refreshes only with its own key.
async fn openid_client_binds_its_tokens_with_dpop_and_pushes_its_request(db: Db) {
    let Some(dir) = rp_dir() else { return };
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_DPOP_NONCE", "true")]).await;
    let who = person(&app, "dpop-user@example.com", false).await;
    let spec = ClientSpec {
        public: Some(true),
        require_pushed_authorization_requests: Some(true),
        ..plain_client("dpop-cli")
    };
    let (client_id, _) = register(&app, spec).await;
    let env = vec![
        ("ISSUER", app.public.clone()),
        ("REDIRECT_URI", REDIRECT.to_owned()),
        ("CLIENT_ID", client_id),
        ("EMAIL", who.email.clone()),
        ("PASSWORD", PASSWORD.to_owned()),
    ];
    let out = run(&dir, "dpop.mjs", env).await;
    let pushed = out["pushed"]["request_uri"].as_str().expect("a pushed request");
    assert!(pushed.starts_with("urn:ietf:params:oauth:request_uri:"), "{out:#}");
    assert_eq!(out["pushed"]["carries_state"], false, "the browser carries only the reference");
    let tokens = &out["tokens"];
    assert_eq!(tokens["token_type"].as_str().map(str::to_ascii_lowercase), Some("dpop".into()));
    assert_eq!(tokens["cnf_jkt"], tokens["expected_jkt"], "{out:#}");
    assert_eq!(tokens["sub"], who.id.as_str());
    assert_eq!(out["userinfo"]["sub"], who.id.as_str());
    assert_eq!(out["userinfo"]["email"], who.email.as_str());
    assert_eq!(out["as_bearer"]["refused"], true, "{out:#}");
    assert_eq!(out["as_bearer"]["status"], 401, "{out:#}");
    assert_eq!(out["other_key"]["refused"], true, "{out:#}");
    assert_eq!(out["other_key"]["error"], "invalid_grant", "{out:#}");
    assert_eq!(out["refreshed"]["rotated"], true);
    assert_eq!(out["refreshed"]["cnf_jkt"], tokens["expected_jkt"]);
}

/// A script that prints a line per step and waits meanwhile (`device.mjs`): its lines as they
/// come. Its standard error is kept for the failure message.
struct Steps {
    child: Child,
    lines: tokio::sync::mpsc::UnboundedReceiver<String>,
    stderr: Arc<Mutex<String>>,
}

impl Drop for Steps {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Steps {
    fn start(dir: &Path, script: &str, env: Vec<(&'static str, String)>) -> Self {
        let mut child = Command::new("node")
            .arg(script)
            .current_dir(dir)
            .env_remove("SESSION_COOKIE")
            .env_remove("TOTP_CODE")
            .envs(env)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("node starts");
        let (tx, lines) = tokio::sync::mpsc::unbounded_channel();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        std::thread::spawn(move || {
            let mut line = String::new();
            while stdout.read_line(&mut line).is_ok_and(|n| n > 0) {
                let _ = tx.send(std::mem::take(&mut line));
            }
        });
        let stderr: Arc<Mutex<String>> = Arc::default();
        let sink = stderr.clone();
        let mut pipe = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = pipe.read_to_string(&mut text);
            *sink.lock().unwrap() = text;
        });
        Self { child, lines, stderr }
    }

    /// The next line, waiting at most two minutes; a `{"fatal"}` line fails the test.
    async fn next(&mut self) -> Value {
        let line = tokio::time::timeout(Duration::from_secs(120), self.lines.recv()).await;
        let line = match line {
            Ok(Some(line)) => line,
            Ok(None) => panic!("the script ended early: {}", self.stderr.lock().unwrap()),
            Err(_) => panic!("no line from the script in two minutes"),
        };
        let value: Value =
            serde_json::from_str(&line).unwrap_or_else(|e| panic!("not a JSON line ({e}): {line}"));
        assert!(value.get("fatal").is_none(), "the script failed: {value:#}");
        value
    }
}

/// Waits (up to a minute) until the device request whose device code is `device_code`
/// satisfies `condition` (SQL over its row).
async fn until_device(app: &TestApp, device_code: &str, condition: &str) {
    let hash = portcullis::auth::hash_token(device_code);
    let sql = format!(
        "SELECT COUNT(*) FROM oauth_device_codes WHERE device_hash = '{hash}' AND {condition}"
    );
    for _ in 0..600 {
        let row = sqlx::query(&sql).fetch_one(app.auth.store().pool()).await.unwrap();
        if sqlx::Row::try_get::<i64, _>(&row, 0).unwrap() == 1 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the device request never came to {condition}");
}

/// RFC 8628 with `openid-client` as a command-line tool (a public client): the library polls
/// while the person answers on the verification page; it reports the denial as
/// `access_denied`, meets a `slow_down` and waits longer, and validates the tokens of the
/// request the person allowed.
async fn openid_client_runs_the_device_flow_while_the_person_answers_on_the_page(db: Db) {
    let Some(dir) = rp_dir() else { return };
    let app = TestApp::spawn(db).await;
    let (client_id, secret) = register(&app, crate::device::tool_spec("oc-device", true)).await;
    assert!(secret.is_empty(), "a public client");
    let who = person(&app, "oc-device@example.com", false).await;
    let login = app.login(&who.email, PASSWORD).await;
    let mut browser = crate::device::Browser::signed_in(&app, &login.cookie);
    let env = vec![("ISSUER", app.public.clone()), ("CLIENT_ID", client_id.clone())];
    let mut script = Steps::start(&dir, "device.mjs", env);

    // The first request: once the library is polling (pending), the person denies it.
    let first = script.next().await;
    assert_eq!(first["step"], "deny", "{first}");
    assert_eq!(first["verification_uri"], app.url("/oauth2/device"));
    assert_eq!(first["interval"], 5);
    let code = first["device_code"].as_str().unwrap();
    until_device(&app, code, "last_polled_at IS NOT NULL").await;
    let done = browser.approve(first["user_code"].as_str().unwrap(), "deny").await;
    assert!(done.contains("data-outcome=\"denied\""), "{done}");

    // The second: the library's next poll is made to come too soon (as if its last one had
    // arrived a second later), so it meets slow_down; once it has, the person allows.
    let second = script.next().await;
    assert_eq!(second["step"], "allow", "{second}");
    let code = second["device_code"].as_str().unwrap();
    until_device(&app, code, "last_polled_at IS NOT NULL").await;
    let hash = portcullis::auth::hash_token(code);
    let sooner = format!(
        "UPDATE oauth_device_codes SET last_polled_at = last_polled_at + 1000 \
         WHERE device_hash = '{hash}'"
    );
    sqlx::query(&sooner).execute(app.auth.store().pool()).await.unwrap();
    until_device(&app, code, "poll_interval = 10").await;
    let done = browser.approve(second["user_code"].as_str().unwrap(), "allow").await;
    assert!(done.contains("data-outcome=\"allowed\""), "{done}");

    let out = script.next().await;
    let d = &out["discovery"];
    assert_eq!(d["device_authorization_endpoint"], app.url("/oauth2/device_authorization"));
    assert!(d["grant_types_supported"]
        .as_array()
        .unwrap()
        .iter()
        .any(|g| g == crate::device::GRANT));
    assert_eq!(out["denied"]["refused"], true, "{out:#}");
    assert_eq!(out["denied"]["error"], "access_denied", "{out:#}");
    let t = &out["tokens"];
    assert_eq!(t["token_type"], "bearer", "{t}");
    assert_eq!(t["scope"], "openid email offline_access");
    assert_eq!(t["has_refresh_token"], true);
    assert_eq!(t["id_token"]["iss"], app.public);
    assert_eq!(t["id_token"]["aud"], client_id.as_str());
    assert_eq!(t["id_token"]["sub"], who.id.as_str());
    assert_eq!(t["id_token"]["email"], who.email.as_str());
    assert_eq!(t["id_token"]["amr"], json!(["pwd"]));
    assert_eq!(out["userinfo"]["sub"], who.id.as_str());
    assert_eq!(out["refreshed"], json!({"rotated": true, "sub": who.id}));
    // The library slowed down once, and then kept to the longer interval: no second one.
    let row = sqlx::query("SELECT MAX(poll_interval) FROM oauth_device_codes")
        .fetch_one(app.auth.store().pool())
        .await
        .unwrap();
    assert_eq!(sqlx::Row::try_get::<i64, _>(&row, 0).unwrap(), 10);
}
