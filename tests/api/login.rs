//! POST /api/auth/login: credentials, identical failures, hashing behaviour.

use futures::future::join_all;
use portcullis::store::Audit;
use reqwest::StatusCode;
use serde_json::json;

use crate::backends;
use crate::helpers::{error_body, session_cookie, Db, TestApp, PASSWORD};

backends!(
    login_by_email_returns_tokens_user_and_cookie,
    login_by_username_and_by_form_body,
    missing_credentials_are_400,
    unknown_user_wrong_password_and_disabled_account_fail_identically,
    unknown_users_cost_one_password_hash_like_known_ones,
    every_login_opens_a_new_session,
    stored_hashes_are_upgraded_when_parameters_change,
    a_full_hashing_queue_answers_503_with_retry_after,
    over_long_passwords_are_refused_without_error,
);

async fn login_by_email_returns_tokens_user_and_cookie(db: Db) {
    let app = TestApp::spawn(db).await;
    app.register("Dana@Example.com", PASSWORD).await;
    let res = app
        .post_json("/api/auth/login", json!({"email": "dana@example.COM", "password": PASSWORD}))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let cookie = session_cookie(res.headers()).unwrap();
    assert!(cookie.len() >= 43);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["message"], "Login successful");
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 900);
    assert_eq!(body["user"]["email"], "Dana@Example.com");
    let access = body["access_token"].as_str().unwrap();
    assert_eq!(access.split('.').count(), 3, "a JWT");
    assert!(body["refresh_token"].as_str().unwrap().len() >= 43);
    assert_ne!(body["refresh_token"].as_str().unwrap(), cookie);
    assert_eq!(app.user_status_bearer(access).await, StatusCode::OK);
    assert_eq!(app.user_status_cookie(&cookie).await, StatusCode::OK);
}

async fn login_by_username_and_by_form_body(db: Db) {
    let app = TestApp::spawn(db).await;
    let res = app
        .post_json(
            "/api/auth/register",
            json!({"email": "e@example.com", "password": PASSWORD, "username": "Erin"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let res =
        app.post_form("/api/auth/login", &[("username", "erin"), ("password", PASSWORD)]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = app
        .post_form("/api/auth/login", &[("email", "e@example.com"), ("password", PASSWORD)])
        .await;
    assert_eq!(res.status(), StatusCode::OK);
}

async fn missing_credentials_are_400(db: Db) {
    let app = TestApp::spawn(db).await;
    for body in [json!({"password": PASSWORD}), json!({"email": "x@example.com"}), json!({})] {
        let res = app.post_json("/api/auth/login", body.clone()).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(error_body(res).await["code"], "missing_field");
    }
}

async fn unknown_user_wrong_password_and_disabled_account_fail_identically(db: Db) {
    let app = TestApp::spawn(db).await;
    app.register("known@example.com", PASSWORD).await;
    app.register("disabled@example.com", PASSWORD).await;
    let id = app.auth.store().user_by_email("disabled@example.com").await.unwrap().unwrap().user.id;
    assert!(app
        .auth
        .store()
        .set_active(&id, false, portcullis::clock::now_ms(), &mut Audit::none())
        .await
        .unwrap());

    let mut answers = Vec::new();
    for (email, pw) in [
        ("nobody@example.com", PASSWORD),
        ("known@example.com", "wrong password here"),
        ("disabled@example.com", PASSWORD),
    ] {
        let res = app.post_json("/api/auth/login", json!({"email": email, "password": pw})).await;
        let status = res.status();
        assert!(session_cookie(res.headers()).is_none());
        answers.push((status, res.text().await.unwrap()));
    }
    assert_eq!(answers[0].0, StatusCode::UNAUTHORIZED);
    assert_eq!(answers[0], answers[1]);
    assert_eq!(answers[1], answers[2]);
    let body: serde_json::Value = serde_json::from_str(&answers[0].1).unwrap();
    assert_eq!(body["message"], "Invalid email or password");
}

async fn unknown_users_cost_one_password_hash_like_known_ones(db: Db) {
    let app = TestApp::spawn(db).await;
    app.register("k@example.com", PASSWORD).await;
    let before = app.auth.hasher().runs();
    let res = app
        .post_json("/api/auth/login", json!({"email": "ghost@example.com", "password": PASSWORD}))
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(app.auth.hasher().runs(), before + 1, "the dummy hash was checked");
    let res = app
        .post_json(
            "/api/auth/login",
            json!({"email": "k@example.com", "password": "not it at all"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(app.auth.hasher().runs(), before + 2);
}

async fn every_login_opens_a_new_session(db: Db) {
    let app = TestApp::spawn(db).await;
    let first = app.user("f@example.com").await;
    let res = app
        .client
        .post(app.url("/api/auth/login"))
        .header("cookie", format!("session_id={}", first.cookie))
        .json(&json!({"email": "f@example.com", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let second = session_cookie(res.headers()).unwrap();
    assert_ne!(second, first.cookie, "the session id is rotated at login");
    assert_eq!(app.user_status_cookie(&second).await, StatusCode::OK);
    assert_eq!(app.user_status_cookie(&first.cookie).await, StatusCode::UNAUTHORIZED);
}

async fn stored_hashes_are_upgraded_when_parameters_change(db: Db) {
    let app = TestApp::spawn(db).await;
    app.register("g@example.com", PASSWORD).await;
    let old = app.auth.store().user_by_email("g@example.com").await.unwrap().unwrap().password_hash;
    assert!(old.contains("m=1024,t=1,p=1"), "{old}");
    // The operator raises the cost: a new node with new parameters on the same database.
    let node = app
        .another_node(&[
            ("PORTCULLIS_ARGON2_MEMORY_KIB", "2048"),
            ("PORTCULLIS_ARGON2_ITERATIONS", "2"),
        ])
        .await;
    node.login("g@example.com", PASSWORD).await;
    let new = app.auth.store().user_by_email("g@example.com").await.unwrap().unwrap().password_hash;
    assert!(new.starts_with("$argon2id$v=19$m=2048,t=2,p=1$"), "{new}");
    node.login("g@example.com", PASSWORD).await;
    // A failed login never rewrites the hash.
    let res = node
        .post_json("/api/auth/login", json!({"email": "g@example.com", "password": "wrong wrong"}))
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let after =
        app.auth.store().user_by_email("g@example.com").await.unwrap().unwrap().password_hash;
    assert_eq!(after, new);
}

async fn a_full_hashing_queue_answers_503_with_retry_after(db: Db) {
    let app = TestApp::spawn_with(
        db,
        &[
            ("PORTCULLIS_ARGON2_MEMORY_KIB", "65536"),
            ("PORTCULLIS_ARGON2_ITERATIONS", "3"),
            ("PORTCULLIS_HASH_CONCURRENCY", "1"),
            ("PORTCULLIS_HASH_QUEUE", "1"),
        ],
    )
    .await;
    let attempts = (0..12).map(|i| {
        app.post_json(
            "/api/auth/login",
            json!({"email": format!("h{i}@example.com"), "password": PASSWORD}),
        )
    });
    let responses = join_all(attempts).await;
    let mut overloaded = 0;
    for res in responses {
        match res.status() {
            StatusCode::UNAUTHORIZED => {}
            StatusCode::SERVICE_UNAVAILABLE => {
                overloaded += 1;
                let retry = res.headers().get("retry-after").expect("Retry-After on 503");
                assert!(retry.to_str().unwrap().parse::<u64>().unwrap() >= 1);
                assert_eq!(error_body(res).await["code"], "overloaded");
            }
            other => panic!("unexpected {other}"),
        }
    }
    assert!(overloaded >= 1, "twelve slow hashes at once on one slot and a queue of one");
}

async fn over_long_passwords_are_refused_without_error(db: Db) {
    let app = TestApp::spawn(db).await;
    app.register("i@example.com", PASSWORD).await;
    let before = app.auth.hasher().runs();
    let res = app
        .post_json(
            "/api/auth/login",
            json!({"email": "i@example.com", "password": "y".repeat(60_000)}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(app.auth.hasher().runs(), before, "refused before hashing");
}
