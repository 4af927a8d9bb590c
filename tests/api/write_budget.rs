//! The write budget of signed-in users: every request that changes something, on every route
//! set, spends a token of the user's bucket and of the client IP's (`429` with `Retry-After`
//! when spent, before anything changes); reads spend nothing.

use reqwest::header::{CONTENT_TYPE, COOKIE, RETRY_AFTER};
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::backends;
use crate::browser::csrf;
use crate::helpers::{error_body, Db, Login, TestApp};

backends!(
    a_signed_in_users_write_past_the_budget_gets_429_and_changes_nothing,
    signed_in_writes_from_one_ip_share_its_budget,
    every_signed_in_write_route_in_the_openapi_document_spends_the_budget,
);

async fn rename(app: &TestApp, login: &Login, username: &str) -> reqwest::Response {
    app.bearer(Method::PATCH, "/api/auth/user", &login.access_token)
        .json(&json!({ "username": username }))
        .send()
        .await
        .unwrap()
}

async fn username(app: &TestApp, login: &Login) -> serde_json::Value {
    app.get_json_bearer("/api/auth/user", login).await["user"]["username"].clone()
}

async fn a_signed_in_users_write_past_the_budget_gets_429_and_changes_nothing(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_WRITE_LIMIT_PER_MINUTE", "3")]).await;
    let alice = app.user("alice@example.com").await;
    let bob = app.user("bob@example.com").await;
    for name in ["alicea", "aliceb", "alicec"] {
        assert_eq!(rename(&app, &alice, name).await.status(), StatusCode::OK);
    }
    let res = rename(&app, &alice, "aliced").await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = res.headers()[RETRY_AFTER].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    let body = error_body(res).await;
    assert_eq!(body["code"], "rate_limited");
    assert!(body["message"].is_string());
    // Nothing changed, and reading spends nothing.
    for _ in 0..5 {
        assert_eq!(username(&app, &alice).await, "alicec");
    }
    // The budget is the user's, whichever session or credential: the cookie is refused too,
    // on the API and on the pages.
    let res = app
        .with_cookie(Method::PATCH, "/api/auth/user", &alice.cookie)
        .json(&json!({"username": "alicee"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let (csrf_cookie, token) = csrf(&app).await;
    let res = app
        .client
        .post(app.url("/account/sessions/revoke-others"))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(COOKIE, format!("{csrf_cookie}; session_id={}", alice.cookie))
        .body(format!("csrf={token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(username(&app, &alice).await, "alicec");
    // Another user's budget is their own.
    assert_eq!(rename(&app, &bob, "bobby").await.status(), StatusCode::OK);
    assert_eq!(username(&app, &bob).await, "bobby");
    // Signing out is never refused.
    let res = app.bearer(Method::POST, "/api/auth/logout", &alice.access_token).send().await;
    assert_eq!(res.unwrap().status(), StatusCode::OK);
    assert_eq!(app.user_status_bearer(&alice.access_token).await, StatusCode::UNAUTHORIZED);
}

async fn signed_in_writes_from_one_ip_share_its_budget(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_WRITE_LIMIT_PER_IP_PER_MINUTE", "4")]).await;
    let alice = app.user("alice@example.com").await;
    let bob = app.user("bob@example.com").await;
    for (login, name) in [(&alice, "alicea"), (&bob, "boba"), (&alice, "aliceb"), (&bob, "bobb")] {
        assert_eq!(rename(&app, login, name).await.status(), StatusCode::OK);
    }
    let carol = app.user("carol@example.com").await;
    let res = rename(&app, &carol, "carol").await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS, "a fresh user, the same address");
    assert!(res.headers().contains_key(RETRY_AFTER));
    assert_eq!(username(&app, &carol).await, serde_json::Value::Null);
}

/// Routes that end a session: never refused, so a user over the budget can still sign out.
const LOGOUTS: &[&str] = &["/api/auth/logout", "/sessions", "/api/v1/logout", "/logout"];

async fn every_signed_in_write_route_in_the_openapi_document_spends_the_budget(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_WRITE_LIMIT_PER_MINUTE", "1")]).await;
    let login = app.user("walker@example.com").await;
    let doc: serde_json::Value = app.get("/openapi.json").await.json().await.unwrap();
    // The one token of this user's bucket.
    assert_eq!(rename(&app, &login, "walker").await.status(), StatusCode::OK);
    let mut checked = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let writes = matches!(method.as_str(), "post" | "put" | "patch" | "delete");
            let needs_session =
                op.get("security").is_some_and(|s| !s.as_array().unwrap().is_empty());
            // Signing out is never refused; the admin API has keys, not sessions.
            let logout = LOGOUTS.contains(&path.as_str());
            if !writes || !needs_session || logout || path.starts_with("/api/admin") {
                continue;
            }
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let url = path.replace("{provider}", "github").replace("{id}", "x");
            let res = app.bearer(method.clone(), &url, &login.access_token).json(&json!({})).send();
            let res = res.await.unwrap();
            assert_eq!(
                res.status(),
                StatusCode::TOO_MANY_REQUESTS,
                "{method} {path} writes for a signed-in user but spends no budget"
            );
            checked.push(format!("{method} {path}"));
        }
    }
    for route in [
        "POST /api/auth/change-password",
        "POST /api/auth/passkeys/register/options",
        "POST /api/auth/mfa/totp",
        "DELETE /api/auth/user",
        "POST /api/auth/oauth/{provider}/link",
    ] {
        assert!(checked.iter().any(|c| c == route), "{route} not checked: {checked:?}");
    }
    // Reads still answer.
    assert_eq!(username(&app, &login).await, "walker");
}
