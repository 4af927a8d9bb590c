//! Authentication of requests, logout, sessions and refresh tokens.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use futures::future::join_all;
use reqwest::header::{COOKIE, USER_AGENT};
use reqwest::{Method, Response, StatusCode};
use serde_json::{json, Value};

use crate::backends;
use crate::helpers::{error_body, session_cookie, set_cookie_line, Db, Login, TestApp, PASSWORD};
use crate::keys::jwt_part;

backends!(
    the_session_cookie_is_http_only_lax_and_secure_only_on_https,
    a_login_presenting_a_session_cookie_gets_a_new_session_and_revokes_the_old_one,
    logout_with_a_bearer_token_ends_the_session_for_token_and_cookie,
    logout_with_the_cookie_ends_the_session_for_cookie_and_token,
    logout_without_credentials_is_401,
    garbage_forged_and_unsigned_bearer_tokens_are_401,
    a_bad_bearer_token_is_not_rescued_by_a_valid_cookie,
    an_expired_access_token_is_401,
    the_session_list_shows_live_sessions_and_marks_the_current_one,
    revoking_one_session_ends_it_and_only_works_on_my_own_sessions,
    revoking_other_sessions_keeps_only_the_current_one,
    refresh_rotates_the_refresh_token_and_issues_a_working_access_token,
    a_spent_refresh_token_reused_within_the_grace_period_is_refused_without_revoking,
    a_spent_refresh_token_reused_after_the_grace_period_revokes_the_whole_session,
    concurrent_refreshes_with_one_token_succeed_once_and_keep_the_session,
    refresh_refuses_garbage_missing_and_logged_out_tokens,
    access_tokens_say_how_and_when_the_user_authenticated,
);

fn now_secs() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64
}

/// The lowercased attributes of a `Set-Cookie` line (everything after `name=value`).
fn cookie_attributes(line: &str) -> Vec<String> {
    line.split(';').skip(1).map(|a| a.trim().to_ascii_lowercase()).collect()
}

/// Logs in sending `User-Agent: user_agent`; panics unless `200`.
async fn login_as(app: &TestApp, email: &str, user_agent: &str) -> Login {
    let res = app
        .client
        .post(app.url("/api/auth/login"))
        .header(USER_AGENT, user_agent)
        .json(&json!({"email": email, "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK, "login {email}");
    let cookie = session_cookie(res.headers()).expect("login sets the session cookie");
    let body: Value = res.json().await.unwrap();
    Login {
        access_token: body["access_token"].as_str().unwrap().to_owned(),
        refresh_token: body["refresh_token"].as_str().unwrap().to_owned(),
        cookie,
        body,
    }
}

/// The session id an access token names (its `sid` claim).
fn sid(access_token: &str) -> String {
    jwt_part(access_token, 1)["sid"].as_str().unwrap().to_owned()
}

/// `GET /api/auth/sessions` with a bearer token; panics unless `200`.
async fn sessions(app: &TestApp, token: &str) -> Vec<Value> {
    let res = app.bearer(Method::GET, "/api/auth/sessions", token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    body["sessions"].as_array().unwrap().clone()
}

async fn refresh(app: &TestApp, refresh_token: &str) -> Response {
    app.post_json("/api/auth/refresh", json!({"refresh_token": refresh_token})).await
}

/// Refreshes; panics unless `200`. Returns `(access_token, refresh_token)`.
async fn rotate(app: &TestApp, refresh_token: &str) -> (String, String) {
    let res = refresh(app, refresh_token).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    (
        body["access_token"].as_str().unwrap().to_owned(),
        body["refresh_token"].as_str().unwrap().to_owned(),
    )
}

async fn the_session_cookie_is_http_only_lax_and_secure_only_on_https(db: Db) {
    let app = TestApp::spawn(db).await;
    app.register("c@example.com", PASSWORD).await;
    let res = app
        .post_json("/api/auth/login", json!({"email": "c@example.com", "password": PASSWORD}))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let line = set_cookie_line(res.headers()).expect("a session_id cookie");
    let attrs = cookie_attributes(&line);
    assert!(attrs.contains(&"httponly".to_owned()), "{line}");
    assert!(attrs.contains(&"samesite=lax".to_owned()), "{line}");
    assert!(attrs.contains(&"path=/".to_owned()), "{line}");
    assert!(!attrs.contains(&"secure".to_owned()), "not Secure on http: {line}");
    assert!(session_cookie(res.headers()).unwrap().len() >= 43, "256-bit token: {line}");

    let https = TestApp::spawn_with(
        db,
        &[("PORTCULLIS_PUBLIC_URL", "https://auth.example.com"), ("PORTCULLIS_DEV", "false")],
    )
    .await;
    https.register("c@example.com", PASSWORD).await;
    let res = https
        .post_json("/api/auth/login", json!({"email": "c@example.com", "password": PASSWORD}))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    // On https the default name is `__Host-` prefixed: no sibling subdomain can plant it.
    assert!(set_cookie_line(res.headers()).is_none(), "no plain session_id cookie");
    let line = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("__Host-session_id="))
        .expect("a __Host-session_id cookie")
        .to_owned();
    assert!(!line.to_ascii_lowercase().contains("domain="), "{line}");
    let token = line.split(';').next().unwrap().split_once('=').unwrap().1.to_owned();
    let res = https
        .client
        .get(https.url("/api/auth/user"))
        .header("cookie", format!("__Host-session_id={token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK, "the prefixed cookie authenticates");
    let attrs = cookie_attributes(&line);
    assert!(attrs.contains(&"secure".to_owned()), "Secure on https: {line}");
    assert!(attrs.contains(&"httponly".to_owned()), "{line}");
    assert!(attrs.contains(&"samesite=lax".to_owned()), "{line}");
    assert!(attrs.contains(&"path=/".to_owned()), "{line}");
}

async fn a_login_presenting_a_session_cookie_gets_a_new_session_and_revokes_the_old_one(db: Db) {
    let app = TestApp::spawn(db).await;
    let old = app.user("fix@example.com").await;
    assert_eq!(app.user_status_cookie(&old.cookie).await, StatusCode::OK);

    let res = app
        .client
        .post(app.url("/api/auth/login"))
        .header(COOKIE, format!("session_id={}", old.cookie))
        .json(&json!({"email": "fix@example.com", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let new_cookie = session_cookie(res.headers()).expect("a new session cookie");
    let body: Value = res.json().await.unwrap();
    assert_ne!(new_cookie, old.cookie, "never the presented session");
    assert_ne!(sid(body["access_token"].as_str().unwrap()), sid(&old.access_token));

    assert_eq!(app.user_status_cookie(&new_cookie).await, StatusCode::OK);
    assert_eq!(app.user_status_cookie(&old.cookie).await, StatusCode::UNAUTHORIZED);
    assert_eq!(app.user_status_bearer(&old.access_token).await, StatusCode::UNAUTHORIZED);
}

async fn logout_with_a_bearer_token_ends_the_session_for_token_and_cookie(db: Db) {
    let app = TestApp::spawn(db).await;
    let login = app.user("out@example.com").await;
    let other = app.login("out@example.com", PASSWORD).await;

    let res =
        app.bearer(Method::POST, "/api/auth/logout", &login.access_token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let line = set_cookie_line(res.headers()).expect("the cookie is cleared");
    assert_eq!(session_cookie(res.headers()).as_deref(), Some(""), "{line}");
    assert!(cookie_attributes(&line).contains(&"max-age=0".to_owned()), "{line}");
    let body: Value = res.json().await.unwrap();
    assert_eq!(body, json!({"message": "Logged out"}));

    assert_eq!(app.user_status_bearer(&login.access_token).await, StatusCode::UNAUTHORIZED);
    assert_eq!(app.user_status_cookie(&login.cookie).await, StatusCode::UNAUTHORIZED);
    // A second logout with the same token is no longer authenticated.
    let res =
        app.bearer(Method::POST, "/api/auth/logout", &login.access_token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    // Only that session ended.
    assert_eq!(app.user_status_bearer(&other.access_token).await, StatusCode::OK);
    assert_eq!(app.user_status_cookie(&other.cookie).await, StatusCode::OK);
}

async fn logout_with_the_cookie_ends_the_session_for_cookie_and_token(db: Db) {
    let app = TestApp::spawn(db).await;
    let login = app.user("out@example.com").await;
    let other = app.login("out@example.com", PASSWORD).await;

    let res =
        app.with_cookie(Method::POST, "/api/auth/logout", &login.cookie).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let line = set_cookie_line(res.headers()).expect("the cookie is cleared");
    assert_eq!(session_cookie(res.headers()).as_deref(), Some(""), "{line}");
    assert!(cookie_attributes(&line).contains(&"max-age=0".to_owned()), "{line}");
    let body: Value = res.json().await.unwrap();
    assert_eq!(body, json!({"message": "Logged out"}));

    assert_eq!(app.user_status_cookie(&login.cookie).await, StatusCode::UNAUTHORIZED);
    assert_eq!(app.user_status_bearer(&login.access_token).await, StatusCode::UNAUTHORIZED);
    assert_eq!(app.user_status_cookie(&other.cookie).await, StatusCode::OK);
    assert_eq!(app.user_status_bearer(&other.access_token).await, StatusCode::OK);
}

async fn logout_without_credentials_is_401(db: Db) {
    let app = TestApp::spawn(db).await;
    let login = app.user("anon@example.com").await;
    let res = app.client.post(app.url("/api/auth/logout")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    error_body(res).await;
    // An unknown cookie is no better.
    let res = app.with_cookie(Method::POST, "/api/auth/logout", "nope").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(app.user_status_cookie(&login.cookie).await, StatusCode::OK);
}

/// `token` with one character of its signature changed.
fn flip_signature(token: &str) -> String {
    let (head, sig) = token.rsplit_once('.').unwrap();
    let mut sig: Vec<char> = sig.chars().collect();
    // The first character carries six significant bits (the last one may carry padding bits).
    sig[0] = if sig[0] == 'A' { 'B' } else { 'A' };
    format!("{head}.{}", sig.into_iter().collect::<String>())
}

/// `token` with its header replaced by `{"alg":"none"}` and the signature kept or dropped.
fn unsigned(token: &str, keep_signature: bool) -> String {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    let mut parts = token.split('.');
    let (_, payload, sig) = (parts.next().unwrap(), parts.next().unwrap(), parts.next().unwrap());
    let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#);
    format!("{header}.{payload}.{}", if keep_signature { sig } else { "" })
}

async fn garbage_forged_and_unsigned_bearer_tokens_are_401(db: Db) {
    let app = TestApp::spawn(db).await;
    let login = app.user("jwt@example.com").await;
    assert_eq!(app.user_status_bearer(&login.access_token).await, StatusCode::OK);
    let forged = flip_signature(&login.access_token);
    assert_ne!(forged, login.access_token);
    for token in [
        "garbage".to_owned(),
        "a.b.c".to_owned(),
        login.refresh_token.clone(),
        forged,
        unsigned(&login.access_token, false),
        unsigned(&login.access_token, true),
    ] {
        let res = app.bearer(Method::GET, "/api/auth/user", &token).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{token}");
        error_body(res).await;
    }
    // The genuine token still works: the refusals were about the tokens, not the session.
    assert_eq!(app.user_status_bearer(&login.access_token).await, StatusCode::OK);
}

async fn a_bad_bearer_token_is_not_rescued_by_a_valid_cookie(db: Db) {
    let app = TestApp::spawn(db).await;
    let login = app.user("mix@example.com").await;
    for token in ["garbage".to_owned(), flip_signature(&login.access_token)] {
        let res = app
            .bearer(Method::GET, "/api/auth/user", &token)
            .header(COOKIE, format!("session_id={}", login.cookie))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{token}");
    }
    // The same request with a good token passes, and so does the cookie alone.
    let res = app
        .bearer(Method::GET, "/api/auth/user", &login.access_token)
        .header(COOKIE, format!("session_id={}", login.cookie))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(app.user_status_cookie(&login.cookie).await, StatusCode::OK);
}

async fn an_expired_access_token_is_401(db: Db) {
    let app = TestApp::spawn(db).await;
    let login = app.user("old@example.com").await;
    let user_id = login.body["user"]["id"].as_str().unwrap().to_owned();
    let current = sessions(&app, &login.access_token).await;
    let session_id =
        current.iter().find(|s| s["current"] == true).unwrap()["id"].as_str().unwrap().to_owned();

    let fresh = app
        .auth
        .jwt()
        .issue(&user_id, &session_id, &crate::helpers::password_context(), now_secs())
        .unwrap();
    assert_eq!(app.user_status_bearer(&fresh).await, StatusCode::OK, "same claims, not expired");
    let expired = app
        .auth
        .jwt()
        .issue(&user_id, &session_id, &crate::helpers::password_context(), now_secs() - 1000)
        .unwrap();
    let res = app.bearer(Method::GET, "/api/auth/user", &expired).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    error_body(res).await;
}

async fn the_session_list_shows_live_sessions_and_marks_the_current_one(db: Db) {
    let app = TestApp::spawn(db).await;
    app.register("list@example.com", PASSWORD).await;
    let one = login_as(&app, "list@example.com", "Agent One/1.0").await;
    let two = login_as(&app, "list@example.com", "Agent Two/2.0").await;
    let gone = login_as(&app, "list@example.com", "Agent Gone/3.0").await;
    let res =
        app.bearer(Method::POST, "/api/auth/logout", &gone.access_token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    // Someone else's session is not mine to see.
    app.user("stranger@example.com").await;

    let list = sessions(&app, &two.access_token).await;
    assert_eq!(list.len(), 2, "only live sessions of mine: {list:?}");
    let ids: Vec<&str> = list.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&sid(&one.access_token).as_str()), "{list:?}");
    assert!(ids.contains(&sid(&two.access_token).as_str()), "{list:?}");
    for s in &list {
        for field in ["id", "created_at", "last_used_at", "ip", "user_agent", "current"] {
            assert!(s.get(field).is_some(), "{field} in {s}");
        }
        assert!(s["created_at"].as_str().unwrap().ends_with('Z'), "{s}");
        assert!(s["last_used_at"].as_str().unwrap().ends_with('Z'), "{s}");
        assert_eq!(s["ip"], "127.0.0.1");
    }
    let current: Vec<&Value> = list.iter().filter(|s| s["current"] == true).collect();
    assert_eq!(current.len(), 1, "{list:?}");
    assert_eq!(current[0]["id"], sid(&two.access_token));
    assert_eq!(current[0]["user_agent"], "Agent Two/2.0");
    let first = list.iter().find(|s| s["id"] == sid(&one.access_token)).unwrap();
    assert_eq!(first["current"], false);
    assert_eq!(first["user_agent"], "Agent One/1.0");

    // Asked with the other session's cookie, the other one is current.
    let res = app.with_cookie(Method::GET, "/api/auth/sessions", &one.cookie).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    let current: Vec<&Value> =
        body["sessions"].as_array().unwrap().iter().filter(|s| s["current"] == true).collect();
    assert_eq!(current.len(), 1, "{body}");
    assert_eq!(current[0]["id"], sid(&one.access_token));

    let res = app.get("/api/auth/sessions").await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

async fn revoking_one_session_ends_it_and_only_works_on_my_own_sessions(db: Db) {
    let app = TestApp::spawn(db).await;
    let mine = app.user("me@example.com").await;
    let laptop = app.login("me@example.com", PASSWORD).await;
    let theirs = app.user("them@example.com").await;

    let path = format!("/api/auth/sessions/{}", sid(&laptop.access_token));
    let res = app.bearer(Method::DELETE, &path, &mine.access_token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.json::<Value>().await.unwrap().is_object());
    assert_eq!(app.user_status_bearer(&laptop.access_token).await, StatusCode::UNAUTHORIZED);
    assert_eq!(app.user_status_cookie(&laptop.cookie).await, StatusCode::UNAUTHORIZED);
    assert_eq!(app.user_status_bearer(&mine.access_token).await, StatusCode::OK);
    assert_eq!(app.user_status_cookie(&mine.cookie).await, StatusCode::OK);
    // Already revoked: no longer a session of mine.
    let res = app.bearer(Method::DELETE, &path, &mine.access_token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);

    let unknown = format!("/api/auth/sessions/{}", uuid::Uuid::new_v4());
    let res = app.bearer(Method::DELETE, &unknown, &mine.access_token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    error_body(res).await;

    let foreign = format!("/api/auth/sessions/{}", sid(&theirs.access_token));
    let res = app.with_cookie(Method::DELETE, &foreign, &mine.cookie).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND, "another user's session is not found");
    error_body(res).await;
    assert_eq!(app.user_status_bearer(&theirs.access_token).await, StatusCode::OK);
    assert_eq!(app.user_status_cookie(&theirs.cookie).await, StatusCode::OK);

    let res = app.client.delete(app.url(&foreign)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(app.user_status_bearer(&theirs.access_token).await, StatusCode::OK);
}

async fn revoking_other_sessions_keeps_only_the_current_one(db: Db) {
    let app = TestApp::spawn(db).await;
    let a = app.user("many@example.com").await;
    let b = app.login("many@example.com", PASSWORD).await;
    let c = app.login("many@example.com", PASSWORD).await;
    let stranger = app.user("stranger@example.com").await;

    let res = app.client.delete(app.url("/api/auth/sessions")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(app.user_status_bearer(&a.access_token).await, StatusCode::OK);

    let res =
        app.bearer(Method::DELETE, "/api/auth/sessions", &b.access_token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    for other in [&a, &c] {
        assert_eq!(app.user_status_bearer(&other.access_token).await, StatusCode::UNAUTHORIZED);
        assert_eq!(app.user_status_cookie(&other.cookie).await, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(app.user_status_bearer(&b.access_token).await, StatusCode::OK);
    assert_eq!(app.user_status_cookie(&b.cookie).await, StatusCode::OK);
    let list = sessions(&app, &b.access_token).await;
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(list[0]["id"], sid(&b.access_token));
    // Other users are untouched.
    assert_eq!(app.user_status_bearer(&stranger.access_token).await, StatusCode::OK);
}

async fn refresh_rotates_the_refresh_token_and_issues_a_working_access_token(db: Db) {
    let app = TestApp::spawn(db).await;
    let login = app.user("rot@example.com").await;

    let res = refresh(&app, &login.refresh_token).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 900);
    let access = body["access_token"].as_str().unwrap().to_owned();
    let next = body["refresh_token"].as_str().unwrap().to_owned();
    assert_ne!(next, login.refresh_token, "a new refresh token");
    assert!(next.len() >= 43, "256-bit token");
    assert_ne!(access, login.access_token);
    assert_eq!(sid(&access), sid(&login.access_token), "the same session");
    assert_eq!(app.user_status_bearer(&access).await, StatusCode::OK);

    // The new refresh token works once more, and gives yet another one.
    let (access2, next2) = rotate(&app, &next).await;
    assert_ne!(next2, next);
    assert_ne!(next2, login.refresh_token);
    assert_eq!(app.user_status_bearer(&access2).await, StatusCode::OK);

    // Form bodies are accepted too.
    let res = app.post_form("/api/auth/refresh", &[("refresh_token", next2.as_str())]).await;
    assert_eq!(res.status(), StatusCode::OK);
}

async fn a_spent_refresh_token_reused_within_the_grace_period_is_refused_without_revoking(db: Db) {
    let app = TestApp::spawn(db).await;
    let login = app.user("tabs@example.com").await;
    let (access, next) = rotate(&app, &login.refresh_token).await;

    let res = refresh(&app, &login.refresh_token).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "a spent token is refused");
    error_body(res).await;

    assert_eq!(app.user_status_bearer(&login.access_token).await, StatusCode::OK);
    assert_eq!(app.user_status_bearer(&access).await, StatusCode::OK);
    assert_eq!(app.user_status_cookie(&login.cookie).await, StatusCode::OK);
    let (newest, _) = rotate(&app, &next).await;
    assert_eq!(app.user_status_bearer(&newest).await, StatusCode::OK);
}

async fn a_spent_refresh_token_reused_after_the_grace_period_revokes_the_whole_session(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_REFRESH_REUSE_GRACE", "0s")]).await;
    let login = app.user("thief@example.com").await;
    let other = app.login("thief@example.com", PASSWORD).await;
    let (access, next) = rotate(&app, &login.refresh_token).await;
    assert_eq!(app.user_status_bearer(&access).await, StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(50)).await;

    let res = refresh(&app, &login.refresh_token).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    error_body(res).await;

    assert_eq!(app.user_status_cookie(&login.cookie).await, StatusCode::UNAUTHORIZED);
    assert_eq!(app.user_status_bearer(&login.access_token).await, StatusCode::UNAUTHORIZED);
    assert_eq!(app.user_status_bearer(&access).await, StatusCode::UNAUTHORIZED);
    let res = refresh(&app, &next).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "even the newest refresh token");
    // Only that session: the user's other session is untouched.
    assert_eq!(app.user_status_bearer(&other.access_token).await, StatusCode::OK);
    rotate(&app, &other.refresh_token).await;
}

async fn concurrent_refreshes_with_one_token_succeed_once_and_keep_the_session(db: Db) {
    let app = TestApp::spawn(db).await;
    let login = app.user("race@example.com").await;

    let attempts = (0..4).map(|_| refresh(&app, &login.refresh_token));
    let responses = join_all(attempts).await;
    let statuses: Vec<StatusCode> = responses.iter().map(|r| r.status()).collect();
    let ok = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    let refused = statuses.iter().filter(|s| **s == StatusCode::UNAUTHORIZED).count();
    assert_eq!((ok, refused), (1, 3), "{statuses:?}");

    let winner = responses.into_iter().find(|r| r.status() == StatusCode::OK).unwrap();
    let body: Value = winner.json().await.unwrap();
    let access = body["access_token"].as_str().unwrap();
    let next = body["refresh_token"].as_str().unwrap();
    assert_eq!(app.user_status_bearer(access).await, StatusCode::OK);
    assert_eq!(app.user_status_cookie(&login.cookie).await, StatusCode::OK);
    assert_eq!(app.user_status_bearer(&login.access_token).await, StatusCode::OK);
    rotate(&app, next).await;
}

async fn refresh_refuses_garbage_missing_and_logged_out_tokens(db: Db) {
    let app = TestApp::spawn(db).await;
    let login = app.user("bad@example.com").await;

    let res = refresh(&app, "garbage").await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    error_body(res).await;
    // An access token or a session cookie is not a refresh token.
    for token in [&login.access_token, &login.cookie] {
        let res = refresh(&app, token).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{token}");
    }

    for body in [json!({}), json!({"refresh_token": ""})] {
        let res = app.post_json("/api/auth/refresh", body.clone()).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(error_body(res).await["code"], "missing_field", "{body}");
    }

    let res =
        app.bearer(Method::POST, "/api/auth/logout", &login.access_token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let res = refresh(&app, &login.refresh_token).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "the session is over");
    error_body(res).await;
}

async fn access_tokens_say_how_and_when_the_user_authenticated(db: Db) {
    let app = TestApp::spawn(db).await;
    let before = now_secs();
    let login = app.user("amr@example.com").await;
    let claims = jwt_part(&login.access_token, 1);
    assert_eq!(claims["amr"], json!(["pwd"]), "{claims}");
    let auth_time = claims["auth_time"].as_i64().unwrap();
    assert!(auth_time >= before - 1 && auth_time <= now_secs() + 1, "{claims}");
    // A refreshed token is still the same authentication: same methods, same time.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let res =
        app.post_json("/api/auth/refresh", json!({"refresh_token": login.refresh_token})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    let refreshed = jwt_part(body["access_token"].as_str().unwrap(), 1);
    assert_eq!(refreshed["amr"], json!(["pwd"]));
    assert_eq!(refreshed["auth_time"], auth_time, "{refreshed}");
    assert!(refreshed["iat"].as_i64().unwrap() > claims["iat"].as_i64().unwrap());
}
