//! POST /api/auth/register

use futures::future::join_all;
use reqwest::StatusCode;
use serde_json::json;

use crate::backends;
use crate::helpers::{error_body, link_token, Db, TestApp, PASSWORD};

backends!(
    registration_returns_201_with_the_user_and_mails_one_verification_link,
    registration_accepts_form_bodies,
    missing_fields_are_400,
    invalid_email_is_400,
    duplicate_email_is_409_whatever_its_case,
    duplicate_username_is_409,
    concurrent_registrations_of_one_email_create_one_account,
    password_policy_is_enforced_with_reasons,
    letters_and_digits_rule_applies_when_configured,
    passwords_are_nfkc_normalised_on_set_and_check,
);

async fn registration_returns_201_with_the_user_and_mails_one_verification_link(db: Db) {
    let app = TestApp::spawn(db).await;
    let res = app
        .post_json(
            "/api/auth/register",
            json!({"email": " Alice@Example.com ", "password": PASSWORD, "username": "alice"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(
        body["message"],
        "User registered successfully. Please check your email to verify your account."
    );
    let user = &body["user"];
    assert_eq!(user["email"], "Alice@Example.com", "trimmed, stored as given");
    assert_eq!(user["username"], "alice");
    assert_eq!(user["is_active"], true);
    assert_eq!(user["email_verified"], false);
    assert!(user["id"].as_str().unwrap().len() >= 32);
    assert!(user["created_at"].as_str().unwrap().ends_with('Z'));
    assert!(user.get("password_hash").is_none() && user.get("password").is_none());

    let mails = app.mails("alice@example.com", 1).await;
    assert_eq!(mails.len(), 1, "the filter is case-insensitive");
    let mail = &mails[0];
    let text = mail["text"].as_str().unwrap();
    let html = mail["html"].as_str().unwrap();
    assert_eq!(text.matches("http").count(), 1, "exactly one link: {text}");
    assert_eq!(html.matches("href=").count(), 1, "exactly one link: {html}");
    let token = link_token(text);
    assert!(token.len() >= 43, "256-bit token");
    assert_eq!(text.matches(&token).count(), 1, "the token only inside the link");
    assert_eq!(html.matches(&token).count(), 1);
    assert!(!mail["subject"].as_str().unwrap().contains(&token));
    assert!(text.contains("/account/verify-email?token="), "{text}");
}

async fn registration_accepts_form_bodies(db: Db) {
    let app = TestApp::spawn(db).await;
    let res = app
        .post_form("/api/auth/register", &[("email", "form@example.com"), ("password", PASSWORD)])
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    app.login("form@example.com", PASSWORD).await;
}

async fn missing_fields_are_400(db: Db) {
    let app = TestApp::spawn(db).await;
    for body in [
        json!({"password": PASSWORD}),
        json!({"email": "a@example.com"}),
        json!({}),
        json!({"email": "", "password": PASSWORD}),
    ] {
        let res = app.post_json("/api/auth/register", body.clone()).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{body}");
        let err = error_body(res).await;
        assert_eq!(err["code"], "missing_field", "{body}");
    }
    // Nothing was created.
    assert!(app.mails("a@example.com", 0).await.is_empty());
}

async fn invalid_email_is_400(db: Db) {
    let app = TestApp::spawn(db).await;
    for email in ["not-an-email", "a@b", "a b@example.com", "a@example.com\r\nBcc: x@y.com"] {
        let res = app
            .post_json("/api/auth/register", json!({"email": email, "password": PASSWORD}))
            .await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{email:?}");
        assert_eq!(error_body(res).await["code"], "invalid_email");
    }
}

async fn duplicate_email_is_409_whatever_its_case(db: Db) {
    let app = TestApp::spawn(db).await;
    app.register("bob@example.com", PASSWORD).await;
    let res = app
        .post_json("/api/auth/register", json!({"email": "BOB@example.COM", "password": PASSWORD}))
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let err = error_body(res).await;
    assert_eq!(err["message"], "Email already registered");
    assert_eq!(err["code"], "email_taken");
}

async fn duplicate_username_is_409(db: Db) {
    let app = TestApp::spawn(db).await;
    let r1 = app
        .post_json(
            "/api/auth/register",
            json!({"email": "c1@example.com", "password": PASSWORD, "username": "Carol"}),
        )
        .await;
    assert_eq!(r1.status(), StatusCode::CREATED);
    let r2 = app
        .post_json(
            "/api/auth/register",
            json!({"email": "c2@example.com", "password": PASSWORD, "username": "carol"}),
        )
        .await;
    assert_eq!(r2.status(), StatusCode::CONFLICT);
    assert_eq!(error_body(r2).await["code"], "username_taken");
    // The second account does not exist.
    let res = app
        .post_json("/api/auth/login", json!({"email": "c2@example.com", "password": PASSWORD}))
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

async fn concurrent_registrations_of_one_email_create_one_account(db: Db) {
    let app = TestApp::spawn(db).await;
    let attempts = (0..8).map(|i| {
        let email = if i % 2 == 0 { "race@example.com" } else { "RACE@example.com" };
        app.post_json("/api/auth/register", json!({"email": email, "password": PASSWORD}))
    });
    let statuses: Vec<StatusCode> = join_all(attempts).await.iter().map(|r| r.status()).collect();
    let created = statuses.iter().filter(|s| **s == StatusCode::CREATED).count();
    let conflicts = statuses.iter().filter(|s| **s == StatusCode::CONFLICT).count();
    assert_eq!((created, conflicts), (1, 7), "{statuses:?}");
    assert_eq!(app.mails("race@example.com", 1).await.len(), 1);
}

async fn password_policy_is_enforced_with_reasons(db: Db) {
    let app = TestApp::spawn(db).await;
    let cases =
        [("short", "at least 8"), ("password1", "too common"), ("qwertyuiop", "too common")];
    for (pw, reason) in cases {
        let res = app
            .post_json("/api/auth/register", json!({"email": "p@example.com", "password": pw}))
            .await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{pw}");
        let err = error_body(res).await;
        assert_eq!(err["code"], "weak_password");
        assert!(err["message"].as_str().unwrap().contains(reason), "{err}");
    }
    // Over the hard bound: refused before hashing.
    let huge = "x".repeat(5000);
    let res = app
        .post_json("/api/auth/register", json!({"email": "p@example.com", "password": huge}))
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    // 128 characters and more are accepted, never truncated: a 129th character matters.
    let long = "Tr0ub4dor&3-".repeat(11); // 132 characters
    let res = app
        .post_json("/api/auth/register", json!({"email": "p@example.com", "password": long}))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    app.login("p@example.com", &long).await;
    let res = app
        .post_json("/api/auth/login", json!({"email": "p@example.com", "password": &long[..131]}))
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

async fn letters_and_digits_rule_applies_when_configured(db: Db) {
    let app =
        TestApp::spawn_with(db, &[("PORTCULLIS_PASSWORD_REQUIRE_LETTER_AND_DIGIT", "true")]).await;
    let res = app
        .post_json(
            "/api/auth/register",
            json!({"email": "d@example.com", "password": "nodigitshere"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(error_body(res).await["message"].as_str().unwrap().contains("letters and numbers"));
    app.register("d@example.com", "YourPassword123").await;
}

async fn passwords_are_nfkc_normalised_on_set_and_check(db: Db) {
    let app = TestApp::spawn(db).await;
    // "é" composed at registration, decomposed (e + combining acute) at login.
    app.register("n@example.com", "caf\u{e9} au lait 42").await;
    app.login("n@example.com", "cafe\u{301} au lait 42").await;
}
