//! The `api-v1` legacy route set (CONTRACTS section 3; seed 001): `/api/v1/register`,
//! `/api/v1/session`, `/api/v1/logout`, `/api/v1/reset_password`, `/api/v1/update_password`.

use reqwest::{Method, Response, StatusCode};
use serde_json::{json, Value};

use crate::backends;
use crate::helpers::{error_body, session_cookie, set_cookie_line, Db, TestApp, PASSWORD};
use crate::legacy_alx::mailed_reset_token;

backends!(
    seed_001_flow_works_end_to_end,
    register_is_201_and_the_account_can_open_a_session,
    register_with_a_missing_field_or_a_taken_email_is_400,
    session_with_missing_fields_is_400_and_with_bad_credentials_401,
    logout_revokes_the_session_and_deletes_the_cookie,
    reset_password_in_dev_mode_returns_a_token_that_update_password_accepts_once,
    outside_dev_mode_the_reset_token_is_only_mailed_and_works,
    reset_password_for_an_unknown_email_is_404_only_when_revealing,
    reset_password_without_an_email_is_400,
    update_password_with_an_invalid_or_missing_token_is_400_and_changes_nothing,
    update_password_follows_the_password_policy,
    json_bodies_are_accepted_as_well_as_forms,
    the_api_v1_set_is_not_served_when_dialects_leave_it_out,
);

/// `POST /api/v1/session` (form): the response.
async fn session(app: &TestApp, email: &str, password: &str) -> Response {
    app.post_form("/api/v1/session", &[("email", email), ("password", password)]).await
}

/// Opens a session; panics unless `200` with a session cookie. Returns the cookie.
async fn log_in(app: &TestApp, email: &str, password: &str) -> String {
    let res = session(app, email, password).await;
    assert_eq!(res.status(), StatusCode::OK, "log in {email}");
    let cookie = session_cookie(res.headers()).expect("a session cookie");
    assert!(cookie.len() >= 43, "{cookie}");
    cookie
}

/// `POST /api/v1/register` (form); panics unless `201`.
async fn register(app: &TestApp, email: &str, password: &str) {
    let res = app.post_form("/api/v1/register", &[("email", email), ("password", password)]).await;
    assert_eq!(res.status(), StatusCode::CREATED, "register {email}");
}

/// `POST /api/v1/reset_password` in dev mode; panics unless `200` with a `reset_token`.
async fn reset_token(app: &TestApp, email: &str) -> String {
    let res = app.post_form("/api/v1/reset_password", &[("email", email)]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    body["reset_token"].as_str().expect("a reset_token in dev mode").to_owned()
}

/// `POST /api/v1/update_password` (form).
async fn update(app: &TestApp, token: &str, new_password: &str) -> Response {
    app.post_form(
        "/api/v1/update_password",
        &[("reset_token", token), ("new_password", new_password)],
    )
    .await
}

async fn seed_001_flow_works_end_to_end(db: Db) {
    let app = TestApp::spawn(db).await;
    // Registration: 201; missing password 400; the same again 400.
    register(&app, "sam@example.com", PASSWORD).await;
    let res = app.post_form("/api/v1/register", &[("email", "sam@example.com")]).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let res = app
        .post_form("/api/v1/register", &[("email", "sam@example.com"), ("password", PASSWORD)])
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    // Login: 200 with a cookie; missing 400; bad credentials 401.
    let cookie = log_in(&app, "sam@example.com", PASSWORD).await;
    let res = app.post_form("/api/v1/session", &[("email", "sam@example.com")]).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        session(&app, "sam@example.com", "not sam's pw").await.status(),
        StatusCode::UNAUTHORIZED
    );
    // Logout: 200, the cookie deleted.
    let res = app.with_cookie(Method::POST, "/api/v1/logout", &cookie).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(session_cookie(res.headers()).as_deref(), Some(""));
    assert_eq!(app.user_status_cookie(&cookie).await, StatusCode::UNAUTHORIZED);
    // Reset token, update password (an invalid token first: 400).
    let token = reset_token(&app, "sam@example.com").await;
    let res = update(&app, "no-such-token", "sam's new passphrase").await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let res = update(&app, &token, "sam's new passphrase").await;
    assert_eq!(res.status(), StatusCode::OK);
    log_in(&app, "sam@example.com", "sam's new passphrase").await;
}

async fn register_is_201_and_the_account_can_open_a_session(db: Db) {
    let app = TestApp::spawn(db).await;
    let res = app
        .post_form("/api/v1/register", &[("email", "Tess@Example.com"), ("password", PASSWORD)])
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let body: Value = res.json().await.unwrap();
    assert!(body.is_object(), "{body}");
    let stored = app.auth.store().user_by_email("tess@example.com").await.unwrap().unwrap();
    assert_eq!(stored.user.email, "Tess@Example.com");

    let cookie = log_in(&app, "tess@example.com", PASSWORD).await;
    let res = app.with_cookie(Method::GET, "/api/auth/user", &cookie).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["user"]["email"], "Tess@Example.com");
    let res = session(&app, "tess@example.com", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::OK);
    let line = set_cookie_line(res.headers()).unwrap().to_ascii_lowercase();
    assert!(line.contains("httponly") && line.contains("path=/"), "{line}");
}

async fn register_with_a_missing_field_or_a_taken_email_is_400(db: Db) {
    let app = TestApp::spawn(db).await;
    for form in [
        vec![("password", PASSWORD)],
        vec![("email", "uma@example.com")],
        vec![("email", ""), ("password", PASSWORD)],
        vec![("email", "uma@example.com"), ("password", "")],
        vec![],
    ] {
        let res = app.post_form("/api/v1/register", &form).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{form:?}");
        assert_eq!(error_body(res).await["code"], "missing_field", "{form:?}");
    }
    assert!(app.auth.store().user_by_email("uma@example.com").await.unwrap().is_none());

    register(&app, "uma@example.com", PASSWORD).await;
    for email in ["uma@example.com", "UMA@example.COM", " uma@example.com "] {
        let res = app
            .post_form("/api/v1/register", &[("email", email), ("password", "another passphrase")])
            .await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "taken is 400 here, not 409: {email}");
        error_body(res).await;
    }
    // The account keeps its first password.
    log_in(&app, "uma@example.com", PASSWORD).await;
    assert_eq!(
        session(&app, "uma@example.com", "another passphrase").await.status(),
        StatusCode::UNAUTHORIZED
    );
}

async fn session_with_missing_fields_is_400_and_with_bad_credentials_401(db: Db) {
    let app = TestApp::spawn(db).await;
    register(&app, "vic@example.com", PASSWORD).await;
    for form in [
        vec![("email", "vic@example.com")],
        vec![("password", PASSWORD)],
        vec![("email", "vic@example.com"), ("password", "")],
        vec![("email", ""), ("password", PASSWORD)],
        vec![],
    ] {
        let res = app.post_form("/api/v1/session", &form).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{form:?}");
        assert!(session_cookie(res.headers()).is_none());
        assert_eq!(error_body(res).await["code"], "missing_field", "{form:?}");
    }
    let mut answers = Vec::new();
    for (email, password) in
        [("vic@example.com", "wrong passphrase"), ("nobody@example.com", PASSWORD)]
    {
        let res = session(&app, email, password).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{email}");
        assert!(session_cookie(res.headers()).is_none());
        answers.push(error_body(res).await);
    }
    assert_eq!(answers[0], answers[1], "identical failures");
}

async fn logout_revokes_the_session_and_deletes_the_cookie(db: Db) {
    let app = TestApp::spawn(db).await;
    register(&app, "wes@example.com", PASSWORD).await;
    let cookie = log_in(&app, "wes@example.com", PASSWORD).await;
    let other = log_in(&app, "wes@example.com", PASSWORD).await;
    assert_eq!(app.user_status_cookie(&cookie).await, StatusCode::OK);

    let res = app.with_cookie(Method::POST, "/api/v1/logout", &cookie).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let line = set_cookie_line(res.headers()).expect("the cookie is deleted");
    assert_eq!(session_cookie(res.headers()).as_deref(), Some(""), "{line}");
    assert!(line.to_ascii_lowercase().contains("max-age=0"), "{line}");
    let body: Value = res.json().await.unwrap();
    assert!(body.is_object(), "{body}");

    assert_eq!(app.user_status_cookie(&cookie).await, StatusCode::UNAUTHORIZED);
    // Only that session ended.
    assert_eq!(app.user_status_cookie(&other).await, StatusCode::OK);
}

async fn reset_password_in_dev_mode_returns_a_token_that_update_password_accepts_once(db: Db) {
    let app = TestApp::spawn(db).await;
    register(&app, "xia@example.com", PASSWORD).await;
    let cookie = log_in(&app, "xia@example.com", PASSWORD).await;
    let token = reset_token(&app, "XIA@example.com").await;
    assert!(token.len() >= 43, "{token}");
    // It is the mailed token.
    assert_eq!(app.token_from_mail("xia@example.com", "Reset").await, token);

    let res = update(&app, &token, "xia's new passphrase").await;
    assert_eq!(res.status(), StatusCode::OK);
    log_in(&app, "xia@example.com", "xia's new passphrase").await;
    assert_eq!(session(&app, "xia@example.com", PASSWORD).await.status(), StatusCode::UNAUTHORIZED);
    // The reset ended the sessions opened before it.
    assert_eq!(app.user_status_cookie(&cookie).await, StatusCode::UNAUTHORIZED);
    // A spent token is invalid.
    let res = update(&app, &token, "xia's third passphrase").await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    error_body(res).await;
    log_in(&app, "xia@example.com", "xia's new passphrase").await;
}

async fn outside_dev_mode_the_reset_token_is_only_mailed_and_works(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_DEV", "false")]).await;
    register(&app, "yan@example.com", PASSWORD).await;
    let res = app.post_form("/api/v1/reset_password", &[("email", "yan@example.com")]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert!(body.get("reset_token").is_none(), "{body}");
    let token = mailed_reset_token(&app, "yan@example.com").await;
    assert!(!body.to_string().contains(&token), "{body}");

    let res = update(&app, &token, "yan's new passphrase").await;
    assert_eq!(res.status(), StatusCode::OK);
    log_in(&app, "yan@example.com", "yan's new passphrase").await;
    // Same answer for an unknown address.
    let res = app.post_form("/api/v1/reset_password", &[("email", "ghost@example.com")]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let unknown: Value = res.json().await.unwrap();
    assert!(unknown.get("reset_token").is_none(), "{unknown}");
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&unknown), keys(&body));
}

async fn reset_password_for_an_unknown_email_is_404_only_when_revealing(db: Db) {
    let app = TestApp::spawn(db).await;
    let res = app.post_form("/api/v1/reset_password", &[("email", "ghost@example.com")]).await;
    assert_eq!(res.status(), StatusCode::OK);

    let reveal = TestApp::spawn_with(db, &[("PORTCULLIS_REVEAL_UNKNOWN_EMAILS", "true")]).await;
    register(&reveal, "zed@example.com", PASSWORD).await;
    let res = reveal.post_form("/api/v1/reset_password", &[("email", "ghost@example.com")]).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    error_body(res).await;
    // A known address still gets its token.
    let token = reset_token(&reveal, "zed@example.com").await;
    let res = update(&reveal, &token, "zed's new passphrase").await;
    assert_eq!(res.status(), StatusCode::OK);
}

async fn reset_password_without_an_email_is_400(db: Db) {
    let app = TestApp::spawn(db).await;
    for form in [vec![], vec![("email", "")], vec![("email", "  ")]] {
        let res = app.post_form("/api/v1/reset_password", &form).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{form:?}");
        assert_eq!(error_body(res).await["code"], "missing_field");
    }
}

async fn update_password_with_an_invalid_or_missing_token_is_400_and_changes_nothing(db: Db) {
    let app = TestApp::spawn(db).await;
    register(&app, "abe@example.com", PASSWORD).await;
    let token = reset_token(&app, "abe@example.com").await;
    for form in [
        vec![("reset_token", "no-such-token"), ("new_password", "abe's new passphrase")],
        vec![("reset_token", &token[1..]), ("new_password", "abe's new passphrase")],
        vec![("reset_token", ""), ("new_password", "abe's new passphrase")],
        vec![("new_password", "abe's new passphrase")],
        vec![],
    ] {
        let res = app.post_form("/api/v1/update_password", &form).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{form:?}");
        error_body(res).await;
    }
    log_in(&app, "abe@example.com", PASSWORD).await;
    // The real token was not spent by those attempts.
    let res = update(&app, &token, "abe's new passphrase").await;
    assert_eq!(res.status(), StatusCode::OK);
}

async fn update_password_follows_the_password_policy(db: Db) {
    let app = TestApp::spawn(db).await;
    register(&app, "bea@example.com", PASSWORD).await;
    let token = reset_token(&app, "bea@example.com").await;
    for weak in ["short", "password1"] {
        let res = update(&app, &token, weak).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{weak}");
        assert_eq!(error_body(res).await["code"], "weak_password");
    }
    let res = app.post_form("/api/v1/update_password", &[("reset_token", &token)]).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(error_body(res).await["code"], "missing_field");
    // A refused password does not spend the token.
    let res = update(&app, &token, "bea's new passphrase").await;
    assert_eq!(res.status(), StatusCode::OK);
    log_in(&app, "bea@example.com", "bea's new passphrase").await;
}

async fn json_bodies_are_accepted_as_well_as_forms(db: Db) {
    let app = TestApp::spawn(db).await;
    let creds = json!({"email": "cy@example.com", "password": PASSWORD});
    let res = app.post_json("/api/v1/register", creds.clone()).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let res = app.post_json("/api/v1/session", creds.clone()).await;
    assert_eq!(res.status(), StatusCode::OK);
    let cookie = session_cookie(res.headers()).unwrap();
    let res = app
        .client
        .post(app.url("/api/v1/logout"))
        .header("cookie", format!("session_id={cookie}"))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(app.user_status_cookie(&cookie).await, StatusCode::UNAUTHORIZED);
    let res = app.post_json("/api/v1/reset_password", json!({"email": "cy@example.com"})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    let token = body["reset_token"].as_str().unwrap();
    let res = app
        .post_json(
            "/api/v1/update_password",
            json!({"reset_token": token, "new_password": "cy's new passphrase"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = app
        .post_json(
            "/api/v1/session",
            json!({"email": "cy@example.com", "password": "cy's new passphrase"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
}

async fn the_api_v1_set_is_not_served_when_dialects_leave_it_out(db: Db) {
    for dialects in ["none", "root,alx"] {
        let app = TestApp::spawn_with(db, &[("PORTCULLIS_DIALECTS", dialects)]).await;
        for path in [
            "/api/v1/register",
            "/api/v1/session",
            "/api/v1/logout",
            "/api/v1/reset_password",
            "/api/v1/update_password",
        ] {
            let res =
                app.post_form(path, &[("email", "d@example.com"), ("password", PASSWORD)]).await;
            assert_eq!(res.status(), StatusCode::NOT_FOUND, "{dialects} {path}");
        }
    }
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_DIALECTS", "api-v1")]).await;
    register(&app, "d@example.com", PASSWORD).await;
}
