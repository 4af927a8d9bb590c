//! The account of the authenticated user: GET/PATCH/DELETE /api/auth/user and
//! POST /api/auth/change-password.

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::backends;
use crate::helpers::{error_body, link_token, Db, Login, TestApp, PASSWORD};

backends!(
    user_is_returned_with_a_bearer_token_or_the_cookie,
    user_needs_authentication,
    username_can_be_changed,
    username_taken_by_another_user_is_409,
    invalid_username_or_empty_update_is_400,
    email_change_needs_the_current_password,
    email_change_takes_effect_only_once_the_new_address_is_verified,
    a_pending_email_change_cannot_squat_an_address,
    email_changes_are_throttled_per_account_and_per_address,
    email_taken_by_another_user_is_409,
    account_deletion_needs_the_password,
    deleted_account_and_its_sessions_are_gone,
    change_password_with_a_wrong_current_password_changes_nothing,
    change_password_enforces_the_policy,
    change_password_keeps_this_session_revokes_the_others_and_notifies,
);

const NEW_PASSWORD: &str = "a brand new passphrase";

async fn patch_user(app: &TestApp, login: &Login, body: Value) -> reqwest::Response {
    app.bearer(Method::PATCH, "/api/auth/user", &login.access_token)
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn delete_user(app: &TestApp, login: &Login, body: Value) -> reqwest::Response {
    app.bearer(Method::DELETE, "/api/auth/user", &login.access_token)
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn change_password(app: &TestApp, login: &Login, body: Value) -> reqwest::Response {
    app.bearer(Method::POST, "/api/auth/change-password", &login.access_token)
        .json(&body)
        .send()
        .await
        .unwrap()
}

/// The user object of CONTRACTS section 1, exactly.
fn assert_user_object(user: &Value, email: &str, username: Option<&str>) {
    let mut keys: Vec<&str> = user.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["created_at", "email", "email_verified", "id", "is_active", "updated_at", "username"],
        "{user}"
    );
    assert_eq!(user["email"], email);
    assert_eq!(user["username"], username.map_or(Value::Null, Value::from));
    assert_eq!(user["is_active"], true);
    assert!(user["email_verified"].is_boolean());
    assert!(user["id"].as_str().unwrap().len() >= 32);
    for field in ["created_at", "updated_at"] {
        let t = user[field].as_str().unwrap();
        assert!(t.ends_with('Z') && t.contains('T'), "{field}: {t}");
    }
}

async fn user_is_returned_with_a_bearer_token_or_the_cookie(db: Db) {
    let app = TestApp::spawn(db).await;
    let res = app
        .post_json(
            "/api/auth/register",
            json!({"email": "Me@Example.com", "password": PASSWORD, "username": "myself"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let registered: Value = res.json().await.unwrap();
    let login = app.login("me@example.com", PASSWORD).await;

    let by_bearer =
        app.bearer(Method::GET, "/api/auth/user", &login.access_token).send().await.unwrap();
    assert_eq!(by_bearer.status(), StatusCode::OK);
    let by_bearer: Value = by_bearer.json().await.unwrap();
    // `user`, `factors`, and (an addition, docs/languages.md) `locale`, unset by a request
    // that named no language.
    assert_eq!(by_bearer.as_object().unwrap().len(), 3, "{by_bearer}");
    assert_eq!(by_bearer["locale"], Value::Null);
    assert_eq!(by_bearer["factors"], json!({"totp": false, "recovery_codes_left": 0}));
    assert_user_object(&by_bearer["user"], "Me@Example.com", Some("myself"));
    assert_eq!(by_bearer["user"]["id"], registered["user"]["id"]);
    assert_eq!(by_bearer["user"]["email_verified"], false);

    let by_cookie =
        app.with_cookie(Method::GET, "/api/auth/user", &login.cookie).send().await.unwrap();
    assert_eq!(by_cookie.status(), StatusCode::OK);
    let by_cookie: Value = by_cookie.json().await.unwrap();
    assert_eq!(by_cookie, by_bearer);

    // A user without a username.
    let other = app.user("plain@example.com").await;
    assert_user_object(&app.current_user(&other.access_token).await, "plain@example.com", None);
}

async fn user_needs_authentication(db: Db) {
    let app = TestApp::spawn(db).await;
    let login = app.user("auth@example.com").await;
    let requests = [
        app.client.get(app.url("/api/auth/user")),
        app.bearer(Method::GET, "/api/auth/user", "not.a.jwt"),
        app.bearer(Method::GET, "/api/auth/user", &format!("{}x", login.access_token)),
        app.with_cookie(Method::GET, "/api/auth/user", "not-a-session"),
        // A session cookie is not an access token.
        app.bearer(Method::GET, "/api/auth/user", &login.cookie),
        app.client.patch(app.url("/api/auth/user")).json(&json!({"username": "nobody"})),
        app.client.delete(app.url("/api/auth/user")).json(&json!({"password": PASSWORD})),
        app.client
            .post(app.url("/api/auth/change-password"))
            .json(&json!({"current_password": PASSWORD, "new_password": NEW_PASSWORD})),
    ];
    for req in requests {
        let res = req.send().await.unwrap();
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        error_body(res).await;
    }
    // Nothing above changed the account.
    let user = app.current_user(&login.access_token).await;
    assert_eq!(user["username"], Value::Null);
    app.login("auth@example.com", PASSWORD).await;
}

async fn username_can_be_changed(db: Db) {
    let app = TestApp::spawn(db).await;
    let login = app.user("rename@example.com").await;
    let res = patch_user(&app, &login, json!({"username": "NewName"})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert_user_object(&body["user"], "rename@example.com", Some("NewName"));
    assert_eq!(app.current_user(&login.access_token).await["username"], "NewName");

    // The new name logs in (names compare case-insensitively).
    let res = app
        .post_json("/api/auth/login", json!({"username": "newname", "password": PASSWORD}))
        .await;
    assert_eq!(res.status(), StatusCode::OK);

    // Form bodies work too, and the cookie authenticates the change.
    let res = app
        .with_cookie(Method::PATCH, "/api/auth/user", &login.cookie)
        .form(&[("username", "third")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(app.current_user(&login.access_token).await["username"], "third");
}

async fn username_taken_by_another_user_is_409(db: Db) {
    let app = TestApp::spawn(db).await;
    let res = app
        .post_json(
            "/api/auth/register",
            json!({"email": "first@example.com", "password": PASSWORD, "username": "taken"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let login = app.user("second@example.com").await;
    for name in ["taken", "TAKEN"] {
        let res = patch_user(&app, &login, json!({"username": name})).await;
        assert_eq!(res.status(), StatusCode::CONFLICT, "{name}");
        assert_eq!(error_body(res).await["code"], "username_taken");
    }
    assert_eq!(app.current_user(&login.access_token).await["username"], Value::Null);
    // Taking one's own name again is no conflict.
    let res = patch_user(&app, &login, json!({"username": "mine"})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = patch_user(&app, &login, json!({"username": "mine"})).await;
    assert_eq!(res.status(), StatusCode::OK);
}

async fn invalid_username_or_empty_update_is_400(db: Db) {
    let app = TestApp::spawn(db).await;
    let login = app.user("invalid@example.com").await;
    patch_user(&app, &login, json!({"username": "valid_name"})).await;
    for name in ["a@b", "x", "has space", &"y".repeat(33)] {
        let res = patch_user(&app, &login, json!({"username": name})).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{name}");
        assert_eq!(error_body(res).await["code"], "invalid_username");
    }
    for body in [json!({}), json!({"current_password": PASSWORD})] {
        let res = patch_user(&app, &login, body.clone()).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{body}");
        error_body(res).await;
    }
    let res =
        app.bearer(Method::PATCH, "/api/auth/user", &login.access_token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST, "no body at all");
    error_body(res).await;
    assert_eq!(app.current_user(&login.access_token).await["username"], "valid_name");
}

async fn email_change_needs_the_current_password(db: Db) {
    let app = TestApp::spawn(db).await;
    let login = app.user("keep@example.com").await;
    let res = patch_user(&app, &login, json!({"email": "moved@example.com"})).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(error_body(res).await["code"], "missing_field");

    let res = patch_user(
        &app,
        &login,
        json!({"email": "moved@example.com", "current_password": "not my password"}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(error_body(res).await["code"], "invalid_password");

    let res =
        patch_user(&app, &login, json!({"email": "not an email", "current_password": PASSWORD}))
            .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(error_body(res).await["code"], "invalid_email");

    // Nothing changed, nothing was mailed, and the session was not touched.
    assert_eq!(app.current_user(&login.access_token).await["email"], "keep@example.com");
    assert_eq!(app.user_status_cookie(&login.cookie).await, StatusCode::OK);
    app.login("keep@example.com", PASSWORD).await;
    assert!(app.mails("moved@example.com", 0).await.is_empty());
    assert_eq!(app.mails("keep@example.com", 0).await.len(), 1, "only the registration mail");
}

async fn email_change_takes_effect_only_once_the_new_address_is_verified(db: Db) {
    let app = TestApp::spawn(db).await;
    let old = "before@example.com";
    let new = "After@Example.com";
    let login = app.unverified_user(old).await;
    app.verify(old).await;

    let res = patch_user(&app, &login, json!({"email": new, "current_password": PASSWORD})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    // Pending: the account keeps its verified address, which still logs in.
    assert_user_object(&body["user"], old, None);
    assert_eq!(body["user"]["email_verified"], true);
    assert_eq!(app.current_user(&login.access_token).await["email"], old);
    app.login(old, PASSWORD).await;
    assert_eq!(app.login_status(new, PASSWORD).await, StatusCode::UNAUTHORIZED);

    // A notice to the old address: no link, and none of the attacker-chosen address.
    let notice = app.mail_about(old, "change").await;
    for part in ["text", "html"] {
        let body = notice[part].as_str().unwrap();
        assert!(!body.contains("http"), "{body}");
        assert!(!body.to_lowercase().contains("after@example.com"), "{body}");
        assert!(!body.contains("href="), "{body}");
    }

    // The link mailed to the new address moves the account there, verified.
    let new_token = app.token_from_mail(new, "Confirm").await;
    let res = app.post_json("/api/auth/verify-email", json!({"token": new_token})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let user = app.current_user(&login.access_token).await;
    assert_eq!(user["email"], new);
    assert_eq!(user["email_verified"], true);
    // Spent: a second use changes nothing.
    let res = app.post_json("/api/auth/verify-email", json!({"token": new_token})).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);

    // Login goes by the new address only; the old one is free for someone else.
    assert_eq!(app.login_status(old, PASSWORD).await, StatusCode::UNAUTHORIZED);
    app.login("after@example.com", PASSWORD).await;
    app.register(old, PASSWORD).await;
}

async fn a_pending_email_change_cannot_squat_an_address(db: Db) {
    let app = TestApp::spawn(db).await;
    let attacker = app.user("attacker@example.com").await;
    let res = patch_user(
        &app,
        &attacker,
        json!({"email": "victim@example.com", "current_password": PASSWORD}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    // The address is not taken: its owner registers it, and the pending change then fails.
    app.register("victim@example.com", PASSWORD).await;
    let token = app.token_from_mail("victim@example.com", "Confirm").await;
    // (Either token to the victim's address: the change's is the older one.)
    let mails = app.mails("victim@example.com", 2).await;
    let change = link_token(mails[0]["text"].as_str().unwrap());
    assert_ne!(change, token);
    let res = app.post_json("/api/auth/verify-email", json!({"token": change})).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert_eq!(app.current_user(&attacker.access_token).await["email"], "attacker@example.com");
    app.login("victim@example.com", PASSWORD).await;
}

async fn email_changes_are_throttled_per_account_and_per_address(db: Db) {
    let app = TestApp::spawn(db).await;
    let login = app.user("busy@example.com").await;
    // Five changes an hour per account (each to a new address)...
    for i in 0..5 {
        let email = format!("next{i}@example.com");
        let res =
            patch_user(&app, &login, json!({"email": email, "current_password": PASSWORD})).await;
        assert_eq!(res.status(), StatusCode::OK, "change {i}");
    }
    let res = patch_user(
        &app,
        &login,
        json!({"email": "next5@example.com", "current_password": PASSWORD}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(res.headers().contains_key("retry-after"));
    assert_eq!(app.count_about("next5@example.com", "Confirm").await, 0, "nothing mailed");
    // ...and one mail a minute per target address, whichever account asks.
    let other = app.user("other@example.com").await;
    let res = patch_user(
        &app,
        &other,
        json!({"email": "next4@example.com", "current_password": PASSWORD}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(app.count_about("next4@example.com", "Confirm").await, 1);
    // Only the newest pending change can complete.
    let mails = app.mails("next3@example.com", 1).await;
    let stale = link_token(mails[0]["text"].as_str().unwrap());
    let res = app.post_json("/api/auth/verify-email", json!({"token": stale})).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(app.current_user(&login.access_token).await["email"], "busy@example.com");
}

async fn email_taken_by_another_user_is_409(db: Db) {
    let app = TestApp::spawn(db).await;
    app.register("owner@example.com", PASSWORD).await;
    let login = app.user("other@example.com").await;
    for email in ["owner@example.com", "OWNER@example.com"] {
        let res =
            patch_user(&app, &login, json!({"email": email, "current_password": PASSWORD})).await;
        assert_eq!(res.status(), StatusCode::CONFLICT, "{email}");
        let err = error_body(res).await;
        assert_eq!(err["code"], "email_taken");
    }
    assert_eq!(app.current_user(&login.access_token).await["email"], "other@example.com");
    app.login("other@example.com", PASSWORD).await;
    app.login("owner@example.com", PASSWORD).await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(app.mails("owner@example.com", 0).await.len(), 1, "only its registration mail");
    assert_eq!(app.count_about("other@example.com", "changed").await, 0);
}

async fn account_deletion_needs_the_password(db: Db) {
    let app = TestApp::spawn(db).await;
    let login = app.user("stay@example.com").await;
    let res = delete_user(&app, &login, json!({"password": "not my password"})).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(error_body(res).await["code"], "invalid_password");
    let res = delete_user(&app, &login, json!({})).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(error_body(res).await["code"], "missing_field");

    assert_eq!(app.user_status_bearer(&login.access_token).await, StatusCode::OK);
    assert_eq!(app.user_status_cookie(&login.cookie).await, StatusCode::OK);
    app.login("stay@example.com", PASSWORD).await;
}

async fn deleted_account_and_its_sessions_are_gone(db: Db) {
    let app = TestApp::spawn(db).await;
    let email = "gone@example.com";
    let login = app.user(email).await;
    let other = app.login(email, PASSWORD).await;
    let bystander = app.user("bystander@example.com").await;

    let res = delete_user(&app, &login, json!({"password": PASSWORD})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert!(body["message"].is_string(), "{body}");

    assert_eq!(app.login_status(email, PASSWORD).await, StatusCode::UNAUTHORIZED);
    for s in [&login, &other] {
        assert_eq!(app.user_status_bearer(&s.access_token).await, StatusCode::UNAUTHORIZED);
        assert_eq!(app.user_status_cookie(&s.cookie).await, StatusCode::UNAUTHORIZED);
        let res =
            app.post_json("/api/auth/refresh", json!({"refresh_token": s.refresh_token})).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    // Other accounts are untouched; the address can be registered anew.
    assert_eq!(app.user_status_bearer(&bystander.access_token).await, StatusCode::OK);
    let again = app.register(email, PASSWORD).await;
    assert_ne!(again["user"]["id"], login.body["user"]["id"], "a new account");
    let fresh = app.login(email, PASSWORD).await;
    assert_eq!(app.current_user(&fresh.access_token).await["email_verified"], false);
}

async fn change_password_with_a_wrong_current_password_changes_nothing(db: Db) {
    let app = TestApp::spawn(db).await;
    let email = "wrong@example.com";
    let login = app.user(email).await;
    let other = app.login(email, PASSWORD).await;
    let res = change_password(
        &app,
        &login,
        json!({"current_password": "not my password", "new_password": NEW_PASSWORD}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(error_body(res).await["code"], "invalid_password");
    for body in [json!({"new_password": NEW_PASSWORD}), json!({"current_password": PASSWORD})] {
        let res = change_password(&app, &login, body.clone()).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(error_body(res).await["code"], "missing_field");
    }

    assert_eq!(app.login_status(email, NEW_PASSWORD).await, StatusCode::UNAUTHORIZED);
    app.login(email, PASSWORD).await;
    for s in [&login, &other] {
        assert_eq!(app.user_status_bearer(&s.access_token).await, StatusCode::OK);
        assert_eq!(app.user_status_cookie(&s.cookie).await, StatusCode::OK);
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(app.count_about(email, "changed").await, 0, "no notification");
}

async fn change_password_enforces_the_policy(db: Db) {
    let app = TestApp::spawn(db).await;
    let email = "policy@example.com";
    let login = app.user(email).await;
    for weak in ["short", "password1"] {
        let res = change_password(
            &app,
            &login,
            json!({"current_password": PASSWORD, "new_password": weak}),
        )
        .await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{weak}");
        assert_eq!(error_body(res).await["code"], "weak_password");
        assert_eq!(app.login_status(email, weak).await, StatusCode::UNAUTHORIZED);
    }
    app.login(email, PASSWORD).await;
}

async fn change_password_keeps_this_session_revokes_the_others_and_notifies(db: Db) {
    let app = TestApp::spawn(db).await;
    let email = "change@example.com";
    let this = app.user(email).await;
    let other = app.login(email, PASSWORD).await;

    let res = change_password(
        &app,
        &this,
        json!({"current_password": PASSWORD, "new_password": NEW_PASSWORD}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert!(body["message"].is_string(), "{body}");

    assert_eq!(app.user_status_bearer(&this.access_token).await, StatusCode::OK);
    assert_eq!(app.user_status_cookie(&this.cookie).await, StatusCode::OK);
    let res =
        app.post_json("/api/auth/refresh", json!({"refresh_token": this.refresh_token})).await;
    assert_eq!(res.status(), StatusCode::OK, "this session's refresh token still works");

    assert_eq!(app.user_status_bearer(&other.access_token).await, StatusCode::UNAUTHORIZED);
    assert_eq!(app.user_status_cookie(&other.cookie).await, StatusCode::UNAUTHORIZED);
    let res =
        app.post_json("/api/auth/refresh", json!({"refresh_token": other.refresh_token})).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);

    assert_eq!(app.login_status(email, PASSWORD).await, StatusCode::UNAUTHORIZED);
    app.login(email, NEW_PASSWORD).await;

    let notice = app.mail_about(email, "changed").await;
    let text = notice["text"].as_str().unwrap();
    let html = notice["html"].as_str().unwrap();
    assert!(!text.contains("http"), "no link: {text}");
    assert!(!html.contains("http") && !html.contains("href="), "no link: {html}");
    assert!(!text.contains(NEW_PASSWORD) && !html.contains(NEW_PASSWORD));
    assert_eq!(app.count_about(email, "changed").await, 1);
}
