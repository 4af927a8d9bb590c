//! Sign-in with external identity providers: against a real OpenID provider on loopback (the
//! `oidc-provider` package from npm, started from `tests/oidc/`), and GitHub's OAuth 2.0 flow
//! against a stand-in of its endpoints. The test plays the browser, following the redirects
//! and keeping each side's cookies.
//!
//! `tests/oidc/node_modules` comes from `npm ci --prefix tests/oidc` (`.ci/run` runs it);
//! without it the OpenID tests are skipped, unless `CI=true`.

use std::io::BufRead;
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::backends;
use crate::helpers::{error_body, session_cookie, Db, TestApp, PASSWORD};

const CLIENT_ID: &str = "portcullis";
const CLIENT_SECRET: &str = "testsecret0123456789";

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A running `oidc-provider`.
struct Idp {
    child: Child,
    port: u16,
}

impl Drop for Idp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Idp {
    /// `None` when its packages are not installed (a failure under `CI=true`). `env`: its
    /// modes (`ROGUE_KEYS`, `CLAIMS_IN_USERINFO`, `USERINFO_SUB`; see `tests/oidc/README.md`).
    fn start(redirect_uri: &str, env: &[(&str, &str)]) -> Option<Self> {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/oidc");
        if !dir.join("node_modules/oidc-provider").exists() {
            assert!(
                std::env::var("CI").map_or(true, |v| v != "true"),
                "tests/oidc/node_modules is missing and CI=true: run npm ci --prefix tests/oidc"
            );
            eprintln!("skipping: npm ci --prefix tests/oidc first");
            return None;
        }
        // The port is free when chosen but may be taken by another test's server before node
        // binds it: then node exits without `ready`, and a new port is tried.
        for _ in 0..5 {
            let port = free_port();
            let mut child = Command::new("node")
                .arg("provider.mjs")
                .current_dir(&dir)
                .env("PORT", port.to_string())
                .env("CLIENT_ID", CLIENT_ID)
                .env("CLIENT_SECRET", CLIENT_SECRET)
                .env("REDIRECT_URI", redirect_uri)
                .envs(env.iter().copied())
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .expect("node starts");
            let mut line = String::new();
            std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
            if line.trim() == "ready" {
                return Some(Self { child, port });
            }
            let _ = child.kill();
            let _ = child.wait();
        }
        panic!("the test provider did not start on any of five ports");
    }

    fn issuer(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    async fn next_user(&self, sub: &str, email: &str, verified: bool) {
        let res = reqwest::Client::new()
            .post(format!("{}/__test/next-user", self.issuer()))
            .json(&json!({"sub": sub, "email": email, "email_verified": verified, "name": sub}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::NO_CONTENT);
    }
}

/// A Portcullis whose public URL is known before it starts (the provider needs the redirect
/// URI first), with the provider `idp` configured when `issuer` is given.
async fn app_for(db: Db, port: u16, extra: &[(&str, &str)]) -> TestApp {
    let bind = format!("127.0.0.1:{port}");
    let public = format!("http://127.0.0.1:{port}");
    let mut all =
        vec![("PORTCULLIS_BIND", bind.as_str()), ("PORTCULLIS_PUBLIC_URL", public.as_str())];
    all.extend_from_slice(extra);
    TestApp::spawn_with(db, &all).await
}

fn idp_settings(issuer: &str) -> Vec<(&'static str, String)> {
    vec![
        ("PORTCULLIS_OAUTH_IDP_ISSUER", issuer.to_owned()),
        ("PORTCULLIS_OAUTH_IDP_CLIENT_ID", CLIENT_ID.to_owned()),
        ("PORTCULLIS_OAUTH_IDP_CLIENT_SECRET", CLIENT_SECRET.to_owned()),
    ]
}

/// The `name=value` of every `Set-Cookie` of a response.
fn cookies_of(res: &reqwest::Response) -> Vec<(String, String)> {
    res.headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| {
            v.split(';').next()?.split_once('=').map(|(n, v)| (n.to_owned(), v.to_owned()))
        })
        .collect()
}

fn cookie_header(jar: &[(String, String)]) -> String {
    jar.iter().map(|(n, v)| format!("{n}={v}")).collect::<Vec<_>>().join("; ")
}

fn keep(jar: &mut Vec<(String, String)>, res: &reqwest::Response) {
    for (name, value) in cookies_of(res) {
        jar.retain(|(n, _)| *n != name);
        if !value.is_empty() {
            jar.push((name, value));
        }
    }
}

/// A browser's sign-in: `start_path` on Portcullis (with `session` cookie if given), the
/// provider's redirects (the authorization URL passed through `tamper` first), and back:
/// the callback URL and the browser's Portcullis cookies (the binding one among them).
async fn through_provider(
    app: &TestApp,
    start_path: &str,
    session: Option<&str>,
    tamper: impl Fn(String) -> String,
) -> (String, Vec<(String, String)>) {
    let mut ours = Vec::new();
    if let Some(s) = session {
        ours.push(("session_id".to_owned(), s.to_owned()));
    }
    let res = app
        .client
        .get(app.url(start_path))
        .header(COOKIE, cookie_header(&ours))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "{}", res.text().await.unwrap());
    keep(&mut ours, &res);
    let url = tamper(res.headers()[LOCATION].to_str().unwrap().to_owned());
    (at_provider(app, url).await, ours)
}

/// The provider's redirects from its authorization URL `url` back to Portcullis: the callback
/// URL.
async fn at_provider(app: &TestApp, mut url: String) -> String {
    let mut theirs = Vec::new();
    for _ in 0..10 {
        if url.starts_with(&app.public) {
            return url;
        }
        let res = app.client.get(&url).header(COOKIE, cookie_header(&theirs)).send().await.unwrap();
        assert!(res.status().is_redirection(), "{url}: {}", res.status());
        keep(&mut theirs, &res);
        let location = res.headers()[LOCATION].to_str().unwrap();
        url = reqwest::Url::parse(&url).unwrap().join(location).unwrap().to_string();
    }
    panic!("the provider never sent the browser back");
}

/// Begins linking the provider's next user to the account of the session `cookie` (a POST with
/// a JSON body): the answer.
async fn post_link(app: &TestApp, cookie: &str) -> reqwest::Response {
    app.client
        .post(app.url("/api/auth/oauth/idp/link"))
        .header(COOKIE, format!("session_id={cookie}"))
        .json(&json!({"next": "/account/"}))
        .send()
        .await
        .unwrap()
}

/// A link begun from the session `cookie`, through the provider and back: the callback URL
/// and the browser's cookies (the binding one among them).
async fn link_through_provider(app: &TestApp, cookie: &str) -> (String, Vec<(String, String)>) {
    let res = post_link(app, cookie).await;
    let mut ours = vec![("session_id".to_owned(), cookie.to_owned())];
    keep(&mut ours, &res);
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    let url = body["url"].as_str().expect("the provider's URL").to_owned();
    (at_provider(app, url).await, ours)
}

async fn callback(app: &TestApp, url: &str, cookies: &[(String, String)]) -> reqwest::Response {
    app.client.get(url).header(COOKIE, cookie_header(cookies)).send().await.unwrap()
}

async fn sign_in(app: &TestApp) -> reqwest::Response {
    let (url, cookies) =
        through_provider(app, "/api/auth/oauth/idp/start?next=/account/", None, |u| u).await;
    callback(app, &url, &cookies).await
}

async fn user_of(app: &TestApp, cookie: &str) -> Value {
    let res = app
        .client
        .get(app.url("/api/auth/user"))
        .header(COOKIE, format!("session_id={cookie}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.unwrap()
}

async fn identities(app: &TestApp, cookie: &str) -> Vec<Value> {
    let res = app
        .client
        .get(app.url("/api/auth/identities"))
        .header(COOKIE, format!("session_id={cookie}"))
        .send()
        .await
        .unwrap();
    res.json::<Value>().await.unwrap()["identities"].as_array().unwrap().clone()
}

/// The provider and a Portcullis that uses it; `None` when skipped.
async fn setup(db: Db, rogue: bool, extra: &[(&str, &str)]) -> Option<(Idp, TestApp)> {
    setup_with(db, if rogue { &[("ROGUE_KEYS", "1")] } else { &[] }, extra).await
}

/// [`setup`] with the provider in the modes `idp_env`.
async fn setup_with(
    db: Db,
    idp_env: &[(&str, &str)],
    extra: &[(&str, &str)],
) -> Option<(Idp, TestApp)> {
    // The app's port is held while the provider starts (which takes a while), so no other
    // test's server takes it meanwhile; it is let go just before the app binds it.
    let reserved = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = reserved.local_addr().unwrap().port();
    let idp = Idp::start(&format!("http://127.0.0.1:{port}/api/auth/oauth/idp/callback"), idp_env)?;
    let settings = idp_settings(&idp.issuer());
    let mut all: Vec<(&str, &str)> = settings.iter().map(|(k, v)| (*k, v.as_str())).collect();
    all.extend_from_slice(extra);
    drop(reserved);
    let app = app_for(db, port, &all).await;
    Some((idp, app))
}

async fn a_first_sign_in_makes_an_account_and_the_next_finds_it(db: Db) {
    let Some((idp, app)) = setup(db, false, &[]).await else { return };
    idp.next_user("sub-ada", "ada@example.com", true).await;
    let res = sign_in(&app).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "{}", res.text().await.unwrap());
    assert_eq!(res.headers()[LOCATION], "/account/");
    let cookie = session_cookie(res.headers()).expect("signed in");
    let me = user_of(&app, &cookie).await;
    assert_eq!(me["user"]["email"], "ada@example.com");
    assert_eq!(me["user"]["email_verified"], true);
    let linked = identities(&app, &cookie).await;
    assert_eq!(linked.len(), 1);
    assert_eq!(linked[0]["provider"], "idp");
    // Again: the same account.
    let res = sign_in(&app).await;
    let again = session_cookie(res.headers()).expect("signed in again");
    assert_eq!(user_of(&app, &again).await["user"]["id"], me["user"]["id"]);
    // Its only way in cannot be unlinked.
    let res = app
        .client
        .delete(app.url(&format!("/api/auth/identities/{}", linked[0]["id"].as_str().unwrap())))
        .header(COOKIE, format!("session_id={again}"))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert_eq!(error_body(res).await["code"], "last_way_in");
    // An address the provider does not vouch for makes no account.
    idp.next_user("sub-unverified", "unverified@example.com", false).await;
    let res = sign_in(&app).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(session_cookie(res.headers()).is_none());
}

async fn an_existing_account_is_linked_only_by_its_signed_in_owner(db: Db) {
    let Some((idp, app)) = setup(db, false, &[]).await else { return };
    let email = "bob@example.com";
    app.register(email, PASSWORD).await;
    app.verify(email).await;
    idp.next_user("sub-bob", email, true).await;
    let res = sign_in(&app).await;
    assert_eq!(res.status(), StatusCode::CONFLICT, "never linked by the address alone");
    assert!(session_cookie(res.headers()).is_none());
    // Bob signs in, then links from his account.
    let login = app.login(email, PASSWORD).await;
    let (url, cookies) = link_through_provider(&app, &login.cookie).await;
    let res = callback(&app, &url, &cookies).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(identities(&app, &login.cookie).await.len(), 1);
    // Now the identity signs in to Bob's account; and with a password he may unlink it.
    let res = sign_in(&app).await;
    let cookie = session_cookie(res.headers()).expect("signed in");
    assert_eq!(user_of(&app, &cookie).await["user"]["email"], email);
    // With TOTP on, the provider's sign-in is the first step: the code prompt follows, its
    // challenge in a cookie, not in the URL.
    crate::mfa::enrol_for(&app, &login).await;
    let res = sign_in(&app).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(session_cookie(res.headers()).is_none(), "no session before the second step");
    let to = res.headers()[LOCATION].to_str().unwrap().to_owned();
    assert!(to.starts_with("/account/mfa/verify?next="), "{to}");
    let pending = cookies_of(&res).into_iter().find(|(n, _)| n == "portcullis_mfa").unwrap();
    assert!(!to.contains(&pending.1), "the challenge is not in the URL");
    let page = app
        .client
        .get(app.url(&to))
        .header(COOKIE, cookie_header(&[pending]))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.unwrap().contains("name=\"mfa_token\""));
    // Turning TOTP on ended the provider's session; the one that turned it on, two-factor,
    // may unlink the identity.
    assert_eq!(app.user_status_cookie(&cookie).await, StatusCode::UNAUTHORIZED);
    let id = identities(&app, &login.cookie).await[0]["id"].as_str().unwrap().to_owned();
    let res = app
        .client
        .delete(app.url(&format!("/api/auth/identities/{id}")))
        .header(COOKIE, format!("session_id={}", login.cookie))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    // Linking an identity whose address the provider does not vouch for is refused.
    idp.next_user("sub-bob-2", "bob2@example.com", false).await;
    let (url, cookies) = link_through_provider(&app, &login.cookie).await;
    let res = callback(&app, &url, &cookies).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(identities(&app, &login.cookie).await.len(), 0);
}

async fn a_forged_state_a_replayed_code_and_another_browser_are_refused(db: Db) {
    let Some((idp, app)) = setup(db, false, &[]).await else { return };
    idp.next_user("sub-cy", "cy@example.com", true).await;
    let (url, cookies) = through_provider(&app, "/api/auth/oauth/idp/start", None, |u| u).await;
    // Forged: a state Portcullis never issued.
    let forged = reqwest::Url::parse_with_params(
        &app.url("/api/auth/oauth/idp/callback"),
        &[("code", "abc"), ("state", "forged")],
    )
    .unwrap();
    let res = callback(&app, forged.as_str(), &cookies).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    // Another browser (no binding cookie) with the real callback URL: refused, and the
    // state is spent, so the real browser cannot use it either.
    let res = callback(&app, &url, &[]).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(session_cookie(res.headers()).is_none());
    // A fresh sign-in works once; its callback replayed does not.
    let (url, cookies) = through_provider(&app, "/api/auth/oauth/idp/start", None, |u| u).await;
    let res = callback(&app, &url, &cookies).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = callback(&app, &url, &cookies).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST, "a replayed code");
    assert!(session_cookie(res.headers()).is_none());
}

async fn a_wrong_nonce_is_refused(db: Db) {
    let Some((idp, app)) = setup(db, false, &[]).await else { return };
    idp.next_user("sub-di", "di@example.com", true).await;
    let swap_nonce = |url: String| {
        let mut u = reqwest::Url::parse(&url).unwrap();
        let pairs: Vec<(String, String)> = u
            .query_pairs()
            .map(|(k, v)| {
                let v = if k == "nonce" { "not-the-nonce".to_owned() } else { v.into_owned() };
                (k.into_owned(), v)
            })
            .collect();
        u.query_pairs_mut().clear().extend_pairs(pairs);
        u.to_string()
    };
    let (url, cookies) =
        through_provider(&app, "/api/auth/oauth/idp/start", None, swap_nonce).await;
    let res = callback(&app, &url, &cookies).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert!(session_cookie(res.headers()).is_none());
}

async fn an_id_token_signed_by_another_key_is_refused(db: Db) {
    let Some((idp, app)) = setup(db, true, &[]).await else { return };
    idp.next_user("sub-eve", "eve@example.com", true).await;
    let res = sign_in(&app).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert!(session_cookie(res.headers()).is_none());
}

/// An account with a verified address, signed in: its session cookie.
async fn verified_owner(app: &TestApp, email: &str) -> crate::helpers::Login {
    app.register(email, PASSWORD).await;
    app.verify(email).await;
    app.login(email, PASSWORD).await
}

fn binding_of(res: &reqwest::Response) -> Option<String> {
    cookies_of(res).into_iter().find(|(n, v)| n == "portcullis_oauth" && !v.is_empty()).map(|c| c.1)
}

fn unescape(s: &str) -> String {
    s.replace("&#x2f;", "/").replace("&amp;", "&").replace("&quot;", "\"")
}

async fn a_link_begins_only_with_a_post_from_this_site(db: Db) {
    let Some((idp, app)) = setup(db, false, &[]).await else { return };
    let email = "fay@example.com";
    let owner = verified_owner(&app, email).await;
    idp.next_user("sub-fay", email, true).await;
    let session = format!("session_id={}", owner.cookie);
    // The GET that a link on another site could make with the Lax cookie begins nothing.
    let res = app
        .client
        .get(app.url("/api/auth/oauth/idp/link?next=/account/"))
        .header(COOKIE, &session)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert!(binding_of(&res).is_none());
    assert_eq!(error_body(res).await["code"], "method_not_allowed");
    // Nor does a POST from another origin.
    let res = app
        .client
        .post(app.url("/api/auth/oauth/idp/link"))
        .header(COOKIE, &session)
        .header(reqwest::header::ORIGIN, "https://elsewhere.example")
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(binding_of(&res).is_none());
    // A form post: a 303 to the provider, with the binding cookie.
    let res = app
        .client
        .post(app.url("/api/auth/oauth/idp/link"))
        .header(COOKIE, &session)
        .form(&[("next", "/account/")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(res.headers()[LOCATION].to_str().unwrap().starts_with(&idp.issuer()));
    assert!(binding_of(&res).is_some());
    // The account page's button is a form with the CSRF token, no longer a link.
    let (csrf_cookie, token) = crate::browser::csrf(&app).await;
    let cookies = format!("{session}; {csrf_cookie}");
    let html = app
        .client
        .get(app.url("/account/"))
        .header(COOKIE, &cookies)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("action=\"/account/identities/link\""), "{html}");
    assert!(!html.contains("oauth&#x2f;idp&#x2f;link") && !html.contains("oauth/idp/link"));
    let link = "/account/identities/link";
    let res = crate::browser::post_page(&app, link, &cookies, &[("provider", "idp")]).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN, "no CSRF token");
    assert!(binding_of(&res).is_none());
    let form = [("provider", "idp"), ("csrf", token.as_str())];
    let res = crate::browser::post_page(&app, link, &cookies, &form).await;
    assert_eq!(res.status(), StatusCode::OK);
    let binding = binding_of(&res).expect("the binding cookie");
    let html = res.text().await.unwrap();
    let marker = "id=\"continue\" href=\"";
    let start = html.find(marker).expect("a link on to the provider") + marker.len();
    let url = unescape(&html[start..start + html[start..].find('"').unwrap()]);
    assert!(url.starts_with(&idp.issuer()), "{url}");
    assert!(html.contains("http-equiv=\"refresh\""), "it goes on by itself");
    let back = at_provider(&app, url).await;
    let res = callback(&app, &back, &[("portcullis_oauth".to_owned(), binding)]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()[LOCATION], "/account/");
    assert_eq!(identities(&app, &owner.cookie).await.len(), 1);
}

/// A link's callback refused (`400 invalid_state`, the error page), and nothing linked.
async fn refused_link(app: &TestApp, url: &str, cookies: &[(String, String)], owner: &str) {
    let res = callback(app, url, cookies).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(session_cookie(res.headers()).is_none());
    assert_eq!(identities(app, owner).await.len(), 0, "nothing linked");
}

async fn a_link_ends_with_the_session_and_the_password_that_began_it(db: Db) {
    let Some((idp, app)) = setup(db, false, &[]).await else { return };
    let email = "gil@example.com";
    let owner = verified_owner(&app, email).await;
    idp.next_user("sub-gil", email, true).await;
    // (a) The session that began it logs out.
    let thief = app.login(email, PASSWORD).await;
    let (url, cookies) = link_through_provider(&app, &thief.cookie).await;
    let res = app
        .client
        .post(app.url("/api/auth/logout"))
        .header(COOKIE, format!("session_id={}", thief.cookie))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.status());
    refused_link(&app, &url, &cookies, &owner.cookie).await;
    // (b) The owner revokes that session.
    let thief = app.login(email, PASSWORD).await;
    let (url, cookies) = link_through_provider(&app, &thief.cookie).await;
    let sid = crate::keys::jwt_part(&thief.access_token, 1)["sid"].as_str().unwrap().to_owned();
    let res = app
        .bearer(reqwest::Method::DELETE, &format!("/api/auth/sessions/{sid}"), &owner.access_token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    refused_link(&app, &url, &cookies, &owner.cookie).await;
    // (c) The password is changed, even from that very session (which it keeps).
    let thief = app.login(email, PASSWORD).await;
    let (url, cookies) = link_through_provider(&app, &thief.cookie).await;
    let new_password = "another horse battery staple";
    let res = app
        .bearer(reqwest::Method::POST, "/api/auth/change-password", &thief.access_token)
        .json(&json!({"current_password": PASSWORD, "new_password": new_password}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(app.user_status_cookie(&thief.cookie).await, StatusCode::OK, "it kept its session");
    let owner = app.login(email, new_password).await;
    refused_link(&app, &url, &cookies, &owner.cookie).await;
    // (d) The owner resets the password by mail.
    let thief = app.login(email, new_password).await;
    let (url, cookies) = link_through_provider(&app, &thief.cookie).await;
    let res = app.post_json("/api/auth/forgot-password", json!({"email": email})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let token = app.token_from_mail(email, "Reset").await;
    let res = app
        .post_json("/api/auth/reset-password", json!({"token": token, "new_password": PASSWORD}))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let owner = app.login(email, PASSWORD).await;
    refused_link(&app, &url, &cookies, &owner.cookie).await;
    // A link whose session lives on completes.
    let (url, cookies) = link_through_provider(&app, &owner.cookie).await;
    let res = callback(&app, &url, &cookies).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "{}", res.text().await.unwrap());
    assert_eq!(identities(&app, &owner.cookie).await.len(), 1);
}

async fn a_user_has_at_most_five_pending_links_and_a_sixth_replaces_the_oldest(db: Db) {
    let Some((idp, app)) = setup(db, false, &[]).await else { return };
    let email = "hal@example.com";
    let owner = verified_owner(&app, email).await;
    idp.next_user("sub-hal", email, true).await;
    let (oldest, oldest_cookies) = link_through_provider(&app, &owner.cookie).await;
    for _ in 0..4 {
        assert_eq!(post_link(&app, &owner.cookie).await.status(), StatusCode::OK);
    }
    let (newest, newest_cookies) = link_through_provider(&app, &owner.cookie).await;
    refused_link(&app, &oldest, &oldest_cookies, &owner.cookie).await;
    let res = callback(&app, &newest, &newest_cookies).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "{}", res.text().await.unwrap());
    assert_eq!(identities(&app, &owner.cookie).await.len(), 1);
}

async fn a_provider_that_gives_the_address_only_at_userinfo_signs_up(db: Db) {
    // oidc-provider's default: the scope claims only at the userinfo endpoint (OIDC Core 5.4).
    let idp_env = [("CLAIMS_IN_USERINFO", "1")];
    let Some((idp, app)) = setup_with(db, &idp_env, &[]).await else { return };
    idp.next_user("sub-ivy", "ivy@example.com", true).await;
    let res = sign_in(&app).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "{}", res.text().await.unwrap());
    let cookie = session_cookie(res.headers()).expect("signed in");
    let me = user_of(&app, &cookie).await;
    assert_eq!(me["user"]["email"], "ivy@example.com");
    assert_eq!(me["user"]["email_verified"], true);
    // An address the provider does not vouch for there still makes no account.
    idp.next_user("sub-jo", "jo@example.com", false).await;
    let res = sign_in(&app).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(session_cookie(res.headers()).is_none());
}

async fn a_userinfo_answer_about_another_subject_is_refused(db: Db) {
    let idp_env = [("CLAIMS_IN_USERINFO", "1"), ("USERINFO_SUB", "someone-else")];
    let Some((idp, app)) = setup_with(db, &idp_env, &[]).await else { return };
    idp.next_user("sub-kit", "kit@example.com", true).await;
    let res = sign_in(&app).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert!(session_cookie(res.headers()).is_none());
    // No account was made for the address: it can still be registered.
    app.register("kit@example.com", PASSWORD).await;
}

/// Linking and unlinking an identity mail the owner a notice (queued with the change) and are
/// announced to webhooks as `mfa.changed`; a sign-up by the provider mails nothing of the sort.
async fn linking_and_unlinking_an_identity_mails_the_owner(db: Db) {
    // A webhook endpoint nobody listens on: its deliveries wait in the outbox.
    let hook = [
        ("PORTCULLIS_WEBHOOK_AUDIT_URL", "http://127.0.0.1:9/hook"),
        ("PORTCULLIS_WEBHOOK_AUDIT_SECRET", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
    ];
    let Some((idp, app)) = setup(db, false, &hook).await else { return };
    let email = "noticed@example.com";
    let login = verified_owner(&app, email).await;
    idp.next_user("sub-noticed", email, true).await;
    let (url, cookies) = link_through_provider(&app, &login.cookie).await;
    let res = callback(&app, &url, &cookies).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let mail = app.mail_about(email, "sign-in was linked to your").await;
    let text = mail["text"].as_str().unwrap();
    assert!(text.contains("unlink"), "tells the owner how to remove it: {text}");
    let linked = "event_type = 'mfa.changed' AND payload LIKE '%identity_linked%'";
    assert_eq!(count_rows(&app, "webhook_outbox", linked).await, 1);
    let id = identities(&app, &login.cookie).await[0]["id"].as_str().unwrap().to_owned();
    let res = app
        .client
        .delete(app.url(&format!("/api/auth/identities/{id}")))
        .header(COOKIE, format!("session_id={}", login.cookie))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    app.mail_about(email, "sign-in was unlinked from your").await;
    let unlinked = "event_type = 'mfa.changed' AND payload LIKE '%identity_unlinked%'";
    assert_eq!(count_rows(&app, "webhook_outbox", unlinked).await, 1);
    // An unknown identity: 404, and no mail.
    let res = app
        .client
        .delete(app.url(&format!("/api/auth/identities/{id}")))
        .header(COOKIE, format!("session_id={}", login.cookie))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.count_about(email, "sign-in was").await, 2);
    // A sign-up by the provider: the account is made with the identity, no notice.
    idp.next_user("sub-fresh", "fresh@example.com", true).await;
    let res = sign_in(&app).await;
    assert!(session_cookie(res.headers()).is_some(), "signed up");
    assert_eq!(app.count_about("fresh@example.com", "sign-in was").await, 0);
}

/// How many rows of `table` match `filter` (an SQL condition, the same in every dialect).
async fn count_rows(app: &TestApp, table: &str, filter: &str) -> i64 {
    use sqlx::Row;
    sqlx::query(&format!("SELECT COUNT(*) AS n FROM {table} WHERE {filter}"))
        .fetch_one(app.auth.store().pool())
        .await
        .unwrap()
        .try_get("n")
        .unwrap()
}

backends!(
    a_first_sign_in_makes_an_account_and_the_next_finds_it,
    an_existing_account_is_linked_only_by_its_signed_in_owner,
    a_forged_state_a_replayed_code_and_another_browser_are_refused,
    a_wrong_nonce_is_refused,
    an_id_token_signed_by_another_key_is_refused,
    a_link_begins_only_with_a_post_from_this_site,
    a_link_ends_with_the_session_and_the_password_that_began_it,
    a_user_has_at_most_five_pending_links_and_a_sixth_replaces_the_oldest,
    a_provider_that_gives_the_address_only_at_userinfo_signs_up,
    a_userinfo_answer_about_another_subject_is_refused,
    linking_and_unlinking_an_identity_mails_the_owner,
);

// ---------------------------------------------------------------------------------------------
// GitHub, against a stand-in of its authorize, token and user endpoints
// ---------------------------------------------------------------------------------------------

/// What the stand-in's user looks like, and what it saw.
#[derive(Clone, Default)]
struct GitHub {
    verified: bool,
    /// The PKCE verifier and client secret the token request carried.
    seen: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

async fn github_stand_in(gh: GitHub) -> String {
    use axum::extract::{Query, State};
    use axum::response::{IntoResponse, Redirect};
    use axum::routing::{get, post};
    use std::collections::HashMap;

    async fn authorize(Query(q): Query<HashMap<String, String>>) -> Redirect {
        // The user approves at once.
        let to = reqwest::Url::parse_with_params(
            &q["redirect_uri"],
            &[("code", "gh-code"), ("state", q["state"].as_str())],
        )
        .unwrap();
        Redirect::to(to.as_str())
    }
    async fn token(
        State(gh): State<GitHub>,
        headers: axum::http::HeaderMap,
        body: String,
    ) -> axum::response::Response {
        let f: HashMap<String, String> = serde_urlencoded::from_str(&body).unwrap();
        let auth = headers.get("authorization").map(|v| v.to_str().unwrap().to_owned());
        gh.seen.lock().unwrap().push(format!(
            "code={} verifier={} auth={}",
            f.get("code").cloned().unwrap_or_default(),
            f.contains_key("code_verifier"),
            auth.is_some() || f.contains_key("client_secret"),
        ));
        if f.get("code").map(String::as_str) != Some("gh-code") {
            return axum::Json(json!({"error": "bad_verification_code"})).into_response();
        }
        axum::Json(json!({"access_token": "gho_test", "token_type": "bearer", "scope": "read:user,user:email"}))
            .into_response()
    }
    async fn user(headers: axum::http::HeaderMap) -> axum::response::Response {
        if headers.get("authorization").and_then(|v| v.to_str().ok()) != Some("Bearer gho_test") {
            return StatusCode::UNAUTHORIZED.into_response();
        }
        axum::Json(json!({"id": 4242, "login": "octo", "email": "public@example.com"}))
            .into_response()
    }
    async fn emails(State(gh): State<GitHub>) -> axum::Json<Value> {
        axum::Json(json!([
            {"email": "other@example.com", "primary": false, "verified": true},
            {"email": "octo@example.com", "primary": true, "verified": gh.verified},
        ]))
    }
    let router = axum::Router::new()
        .route("/login/oauth/authorize", get(authorize))
        .route("/login/oauth/access_token", post(token))
        .route("/user", get(user))
        .route("/user/emails", get(emails))
        .with_state(gh);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    format!("http://{addr}")
}

async fn github_signs_in_with_its_primary_verified_address(db: Db) {
    for verified in [true, false] {
        let gh = GitHub { verified, ..Default::default() };
        let base = github_stand_in(gh.clone()).await;
        let (authorize, token) =
            (format!("{base}/login/oauth/authorize"), format!("{base}/login/oauth/access_token"));
        let app = TestApp::spawn_with(
            db,
            &[
                ("PORTCULLIS_OAUTH_GITHUB_CLIENT_ID", "gh-client"),
                ("PORTCULLIS_OAUTH_GITHUB_CLIENT_SECRET", "gh-secret"),
                ("PORTCULLIS_OAUTH_GITHUB_AUTHORIZE_URL", &authorize),
                ("PORTCULLIS_OAUTH_GITHUB_TOKEN_URL", &token),
                ("PORTCULLIS_OAUTH_GITHUB_API_URL", &base),
            ],
        )
        .await;
        let res = app.client.get(app.url("/api/auth/oauth/github/start")).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let to_github = res.headers()[LOCATION].to_str().unwrap().to_owned();
        assert!(to_github.contains("code_challenge="), "PKCE: {to_github}");
        assert!(to_github.contains("scope=read%3Auser+user%3Aemail"), "{to_github}");
        let binding = cookies_of(&res);
        let res = app.client.get(&to_github).send().await.unwrap();
        let back = res.headers()[LOCATION].to_str().unwrap().to_owned();
        let res = callback(&app, &back, &binding).await;
        let seen = gh.seen.lock().unwrap().clone();
        assert_eq!(seen, ["code=gh-code verifier=true auth=true"]);
        if verified {
            assert_eq!(res.status(), StatusCode::SEE_OTHER, "{}", res.text().await.unwrap());
            let cookie = session_cookie(res.headers()).expect("signed in");
            assert_eq!(user_of(&app, &cookie).await["user"]["email"], "octo@example.com");
            let linked = identities(&app, &cookie).await;
            assert_eq!(linked[0]["provider"], "github");
        } else {
            assert_eq!(res.status(), StatusCode::BAD_REQUEST, "an unverified primary address");
            assert!(session_cookie(res.headers()).is_none());
        }
    }
}

async fn the_login_page_shows_a_button_per_provider(db: Db) {
    let app = TestApp::spawn_with(
        db,
        &[
            ("PORTCULLIS_OAUTH_GITHUB_CLIENT_ID", "id"),
            ("PORTCULLIS_OAUTH_GITHUB_CLIENT_SECRET", "secret"),
            ("PORTCULLIS_OAUTH_CORP_ISSUER", "https://sso.example.com"),
            ("PORTCULLIS_OAUTH_CORP_CLIENT_ID", "id"),
            ("PORTCULLIS_OAUTH_CORP_CLIENT_SECRET", "secret"),
            ("PORTCULLIS_OAUTH_CORP_DISPLAY_NAME", "Example SSO"),
        ],
    )
    .await;
    let html =
        app.client.get(app.url("/account/login")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("Continue with GitHub"), "{html}");
    assert!(html.contains("Continue with Example SSO"));
    assert!(html.contains("/api/auth/oauth/corp/start?next=&#x2f;account&#x2f;"), "{html}");
    let res = app.client.get(app.url("/api/auth/oauth/nope/start")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

backends!(
    github_signs_in_with_its_primary_verified_address,
    the_login_page_shows_a_button_per_provider
);
