//! One-time tokens: POST /api/auth/verify-email, GET /api/auth/verify-email-link,
//! POST /api/auth/resend-verification, POST /api/auth/forgot-password,
//! POST /api/auth/reset-password.

use std::time::Duration;

use futures::future::join_all;
use portcullis::auth::OpaqueToken;
use portcullis::clock::now_ms;
use portcullis::store::{NewToken, TokenPurpose};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::backends;
use crate::helpers::{error_body, urlencode, Db, TestApp, PASSWORD};

backends!(
    verification_token_verifies_the_email_once,
    verification_link_verifies_the_email_with_a_get,
    concurrent_uses_of_one_verification_token_verify_once,
    expired_tokens_are_refused,
    tokens_work_only_for_their_own_purpose,
    resend_verification_answers_the_same_and_mails_only_unverified_accounts,
    required_verification_refuses_login_only_after_the_password_checks_out,
    forgot_password_answers_the_same_and_mails_only_known_addresses,
    password_reset_sets_the_password_revokes_every_session_and_notifies,
    reset_token_works_exactly_once,
    concurrent_uses_of_one_reset_token_reset_once,
    weak_new_password_is_refused_without_spending_the_token,
    invalid_or_incomplete_reset_requests_are_400,
    password_reset_marks_the_email_verified,
);

const NEW_PASSWORD: &str = "a brand new passphrase";
const FORGOT_MESSAGE: &str = "If your email is registered, you will receive a password reset link";

/// Asks for a reset link for `email` and returns its token.
async fn reset_token(app: &TestApp, email: &str) -> String {
    let before = app.count_about(email, "Reset").await;
    let res = app.post_json("/api/auth/forgot-password", json!({"email": email})).await;
    assert_eq!(res.status(), StatusCode::OK);
    // The reset mail is queued by a detached task: wait for this request's one.
    for _ in 0..100 {
        if app.count_about(email, "Reset").await > before {
            return app.token_from_mail(email, "Reset").await;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("no reset mail to {email}");
}

async fn reset(app: &TestApp, token: &str, new_password: &str) -> reqwest::Response {
    app.post_json("/api/auth/reset-password", json!({"token": token, "new_password": new_password}))
        .await
}

async fn assert_invalid_token(res: reqwest::Response) {
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let err = error_body(res).await;
    assert_eq!(err["message"], "Invalid or expired token");
    assert_eq!(err["code"], "invalid_token");
}

async fn verification_token_verifies_the_email_once(db: Db) {
    let app = TestApp::spawn(db).await;
    let login = app.unverified_user("v@example.com").await;
    assert_eq!(app.current_user(&login.access_token).await["email_verified"], false);

    let token = app.token_from_mail("v@example.com", "Confirm").await;
    let res = app.post_json("/api/auth/verify-email", json!({"token": token})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body, json!({"message": "Email verified successfully"}));
    assert_eq!(app.current_user(&login.access_token).await["email_verified"], true);

    let again = app.post_json("/api/auth/verify-email", json!({"token": token})).await;
    assert_invalid_token(again).await;
}

async fn verification_link_verifies_the_email_with_a_get(db: Db) {
    let app = TestApp::spawn(db).await;
    let login = app.unverified_user("link@example.com").await;
    let token = app.token_from_mail("link@example.com", "Confirm").await;

    let bad = app.get("/api/auth/verify-email-link?token=not-a-real-token").await;
    assert_invalid_token(bad).await;
    let missing = app.get("/api/auth/verify-email-link").await;
    assert_eq!(missing.status(), StatusCode::BAD_REQUEST);
    assert_eq!(error_body(missing).await["code"], "missing_field");
    assert_eq!(app.current_user(&login.access_token).await["email_verified"], false);

    let res = app.get(&format!("/api/auth/verify-email-link?token={}", urlencode(&token))).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body, json!({"message": "Email verified successfully. You can now log in."}));
    assert_eq!(app.current_user(&login.access_token).await["email_verified"], true);

    let again = app.get(&format!("/api/auth/verify-email-link?token={}", urlencode(&token))).await;
    assert_invalid_token(again).await;
}

async fn concurrent_uses_of_one_verification_token_verify_once(db: Db) {
    let app = TestApp::spawn(db).await;
    let login = app.unverified_user("twice@example.com").await;
    let token = app.token_from_mail("twice@example.com", "Confirm").await;
    let (a, b) = tokio::join!(
        app.post_json("/api/auth/verify-email", json!({"token": token})),
        app.post_json("/api/auth/verify-email", json!({"token": token})),
    );
    let mut statuses = [a.status(), b.status()];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::BAD_REQUEST]);
    assert_eq!(app.current_user(&login.access_token).await["email_verified"], true);
}

/// Stores a token for `user_id` of `purpose` expiring at `expires_at` (and its mail); returns
/// the plain token.
async fn insert_token(
    app: &TestApp,
    user_id: &str,
    email: &str,
    purpose: TokenPurpose,
    expires_at: i64,
) -> String {
    let token = OpaqueToken::generate();
    let now = now_ms();
    let record = NewToken {
        hash: token.hash.clone(),
        user_id: user_id.to_owned(),
        purpose,
        email_key: email.to_lowercase(),
        new_email: None,
        now: now.min(expires_at - 1),
        expires_at,
    };
    let mail = match purpose {
        TokenPurpose::VerifyEmail => {
            app.auth.mailer().in_locale(None).verification(email, &token.plain)
        }
        TokenPurpose::ResetPassword => app.auth.mailer().in_locale(None).reset(email, &token.plain),
    }
    .unwrap();
    app.auth.store().issue_token(&record, &mail).await.unwrap();
    token.plain
}

async fn expired_tokens_are_refused(db: Db) {
    let app = TestApp::spawn(db).await;
    let email = "old@example.com";
    let registered = app.register(email, PASSWORD).await;
    let id = registered["user"]["id"].as_str().unwrap();
    let past = now_ms() - 60_000;

    let verify = insert_token(&app, id, email, TokenPurpose::VerifyEmail, past).await;
    let res = app.post_json("/api/auth/verify-email", json!({"token": verify})).await;
    assert_invalid_token(res).await;
    let reset_tok = insert_token(&app, id, email, TokenPurpose::ResetPassword, past).await;
    assert_invalid_token(reset(&app, &reset_tok, NEW_PASSWORD).await).await;
    assert_eq!(app.login_status(email, NEW_PASSWORD).await, StatusCode::UNAUTHORIZED);
    let login = app.login(email, PASSWORD).await;
    assert_eq!(app.current_user(&login.access_token).await["email_verified"], false);

    // The same tokens made live work: the refusals above were for the expiry alone.
    let future = now_ms() + 60_000;
    let verify = insert_token(&app, id, email, TokenPurpose::VerifyEmail, future).await;
    let res = app.post_json("/api/auth/verify-email", json!({"token": verify})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let reset_tok = insert_token(&app, id, email, TokenPurpose::ResetPassword, future).await;
    assert_eq!(reset(&app, &reset_tok, NEW_PASSWORD).await.status(), StatusCode::OK);
    app.login(email, NEW_PASSWORD).await;
}

async fn tokens_work_only_for_their_own_purpose(db: Db) {
    let app = TestApp::spawn(db).await;
    let email = "purpose@example.com";
    let login = app.unverified_user(email).await;
    let verify = app.token_from_mail(email, "Confirm").await;
    let reset_tok = reset_token(&app, email).await;

    // A verification token is no reset token: refused, password unchanged, token not spent.
    assert_invalid_token(reset(&app, &verify, NEW_PASSWORD).await).await;
    assert_eq!(app.login_status(email, NEW_PASSWORD).await, StatusCode::UNAUTHORIZED);
    assert_eq!(app.user_status_bearer(&login.access_token).await, StatusCode::OK);

    // A reset token is no verification token: refused, still unverified, token not spent.
    let res = app.post_json("/api/auth/verify-email", json!({"token": reset_tok})).await;
    assert_invalid_token(res).await;
    let res =
        app.get(&format!("/api/auth/verify-email-link?token={}", urlencode(&reset_tok))).await;
    assert_invalid_token(res).await;
    assert_eq!(app.current_user(&login.access_token).await["email_verified"], false);

    // Each still works where it belongs.
    let res = app.post_json("/api/auth/verify-email", json!({"token": verify})).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(reset(&app, &reset_tok, NEW_PASSWORD).await.status(), StatusCode::OK);
    app.login(email, NEW_PASSWORD).await;
}

async fn resend_verification_answers_the_same_and_mails_only_unverified_accounts(db: Db) {
    let app = TestApp::spawn(db).await;
    app.register("unverified@example.com", PASSWORD).await;
    app.register("verified@example.com", PASSWORD).await;
    app.verify("verified@example.com").await;
    assert_eq!(app.mails("unverified@example.com", 1).await.len(), 1);
    assert_eq!(app.mails("verified@example.com", 1).await.len(), 1);

    // One verification mail a minute per address (the registration's counts): let it pass.
    sqlx::query("UPDATE outbox SET created_at = created_at - 61000")
        .execute(app.auth.store().pool())
        .await
        .unwrap();
    let mut answers = Vec::new();
    // The addresses that must get nothing go first, so their mail (if any) would be queued
    // before the one we wait for.
    for email in ["verified@example.com", "nobody@example.com", "UNVERIFIED@example.com"] {
        let res = app.post_json("/api/auth/resend-verification", json!({"email": email})).await;
        let status = res.status();
        let body: Value = res.json().await.unwrap();
        answers.push((status, body));
    }
    assert_eq!(answers[0].0, StatusCode::OK);
    assert!(answers[0].1["message"].is_string(), "{}", answers[0].1);
    assert!(answers.iter().all(|a| *a == answers[0]), "{answers:?}");

    let mails = app.mails("unverified@example.com", 2).await;
    assert_eq!(mails.len(), 2, "a new verification mail");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(app.mails("verified@example.com", 0).await.len(), 1, "nothing new");
    assert!(app.mails("nobody@example.com", 0).await.is_empty());

    // The new link works.
    app.verify("unverified@example.com").await;
    let login = app.login("unverified@example.com", PASSWORD).await;
    assert_eq!(app.current_user(&login.access_token).await["email_verified"], true);

    let res = app.post_json("/api/auth/resend-verification", json!({})).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(error_body(res).await["code"], "missing_field");
}

async fn required_verification_refuses_login_only_after_the_password_checks_out(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_REQUIRE_VERIFIED_EMAIL", "true")]).await;
    let email = "strict@example.com";
    app.register(email, PASSWORD).await;

    let res = app.post_json("/api/auth/login", json!({"email": email, "password": PASSWORD})).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert!(crate::helpers::session_cookie(res.headers()).is_none());
    let err = error_body(res).await;
    assert_eq!(err["message"], "Please verify your email before logging in");

    let res = app
        .post_json("/api/auth/login", json!({"email": email, "password": "wrong password"}))
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let err = error_body(res).await;
    assert_eq!(err["message"], "Invalid email or password");

    app.verify(email).await;
    app.login(email, PASSWORD).await;
}

async fn forgot_password_answers_the_same_and_mails_only_known_addresses(db: Db) {
    let app = TestApp::spawn(db).await;
    app.register("known@example.com", PASSWORD).await;

    let mut answers = Vec::new();
    for email in ["unknown@example.com", "Known@Example.com"] {
        let res = app.post_json("/api/auth/forgot-password", json!({"email": email})).await;
        let status = res.status();
        let body: String = res.text().await.unwrap();
        answers.push((status, body));
    }
    assert_eq!(answers[0], answers[1], "identical answers");
    assert_eq!(answers[0].0, StatusCode::OK);
    let body: Value = serde_json::from_str(&answers[0].1).unwrap();
    assert_eq!(body, json!({"message": FORGOT_MESSAGE}));

    let mail = app.mail_about("known@example.com", "Reset").await;
    let text = mail["text"].as_str().unwrap();
    assert!(text.contains("/account/reset-password?token="), "{text}");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(app.mails("unknown@example.com", 0).await.is_empty());
    assert_eq!(app.count_about("known@example.com", "Reset").await, 1);

    for body in [json!({}), json!({"email": ""}), json!({"email": "   "})] {
        let res = app.post_json("/api/auth/forgot-password", body.clone()).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(error_body(res).await["code"], "missing_field");
    }
}

async fn password_reset_sets_the_password_revokes_every_session_and_notifies(db: Db) {
    let app = TestApp::spawn(db).await;
    let email = "reset@example.com";
    let first = app.user(email).await;
    let second = app.login(email, PASSWORD).await;
    for s in [&first, &second] {
        assert_eq!(app.user_status_bearer(&s.access_token).await, StatusCode::OK);
        assert_eq!(app.user_status_cookie(&s.cookie).await, StatusCode::OK);
    }

    let token = reset_token(&app, email).await;
    let res = reset(&app, &token, NEW_PASSWORD).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body, json!({"message": "Password reset successful"}));

    for s in [&first, &second] {
        assert_eq!(app.user_status_bearer(&s.access_token).await, StatusCode::UNAUTHORIZED);
        assert_eq!(app.user_status_cookie(&s.cookie).await, StatusCode::UNAUTHORIZED);
        let res =
            app.post_json("/api/auth/refresh", json!({"refresh_token": s.refresh_token})).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    assert_eq!(app.login_status(email, PASSWORD).await, StatusCode::UNAUTHORIZED);
    let fresh = app.login(email, NEW_PASSWORD).await;
    assert_eq!(app.user_status_cookie(&fresh.cookie).await, StatusCode::OK);

    let notice = app.mail_about(email, "changed").await;
    let text = notice["text"].as_str().unwrap();
    let html = notice["html"].as_str().unwrap();
    assert!(!text.contains("http"), "no link: {text}");
    assert!(!html.contains("http") && !html.contains("href="), "no link: {html}");
    assert!(!text.contains(&token) && !html.contains(&token));
    assert!(!text.contains(NEW_PASSWORD) && !html.contains(NEW_PASSWORD));
}

async fn reset_token_works_exactly_once(db: Db) {
    let app = TestApp::spawn(db).await;
    let email = "once@example.com";
    app.register(email, PASSWORD).await;
    let token = reset_token(&app, email).await;
    assert_eq!(reset(&app, &token, NEW_PASSWORD).await.status(), StatusCode::OK);
    assert_invalid_token(reset(&app, &token, "yet another passphrase").await).await;
    app.login(email, NEW_PASSWORD).await;
    assert_eq!(app.login_status(email, "yet another passphrase").await, StatusCode::UNAUTHORIZED);
}

async fn concurrent_uses_of_one_reset_token_reset_once(db: Db) {
    let app = TestApp::spawn(db).await;
    let email = "race-reset@example.com";
    app.register(email, PASSWORD).await;
    let token = reset_token(&app, email).await;
    let passwords: Vec<String> = (0..4).map(|i| format!("parallel passphrase {i}")).collect();
    let attempts = passwords.iter().map(|p| reset(&app, &token, p));
    let statuses: Vec<StatusCode> = join_all(attempts).await.iter().map(|r| r.status()).collect();
    let ok = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    let refused = statuses.iter().filter(|s| **s == StatusCode::BAD_REQUEST).count();
    assert_eq!((ok, refused), (1, 3), "{statuses:?}");

    // The password is the winner's.
    let winner = statuses.iter().position(|s| *s == StatusCode::OK).unwrap();
    for (i, p) in passwords.iter().enumerate() {
        let expected = if i == winner { StatusCode::OK } else { StatusCode::UNAUTHORIZED };
        assert_eq!(app.login_status(email, p).await, expected, "{p}");
    }
    assert_eq!(app.count_about(email, "changed").await, 1, "one notification");
}

async fn weak_new_password_is_refused_without_spending_the_token(db: Db) {
    let app = TestApp::spawn(db).await;
    let email = "weak@example.com";
    app.register(email, PASSWORD).await;
    let token = reset_token(&app, email).await;
    for weak in ["short", "password1"] {
        let res = reset(&app, &token, weak).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{weak}");
        assert_eq!(error_body(res).await["code"], "weak_password");
        assert_eq!(app.login_status(email, weak).await, StatusCode::UNAUTHORIZED);
    }
    app.login(email, PASSWORD).await;
    assert_eq!(reset(&app, &token, NEW_PASSWORD).await.status(), StatusCode::OK);
    app.login(email, NEW_PASSWORD).await;
}

async fn invalid_or_incomplete_reset_requests_are_400(db: Db) {
    let app = TestApp::spawn(db).await;
    let email = "garbage@example.com";
    app.register(email, PASSWORD).await;
    let unknown = OpaqueToken::generate().plain;
    for token in [unknown.as_str(), "garbage", "../../etc/passwd", "' OR 1=1 --"] {
        assert_invalid_token(reset(&app, token, NEW_PASSWORD).await).await;
    }

    let token = reset_token(&app, email).await;
    let cases = [
        (json!({"new_password": NEW_PASSWORD}), "token"),
        (json!({"token": "", "new_password": NEW_PASSWORD}), "token"),
        (json!({"token": token}), "new_password"),
        (json!({"token": token, "new_password": ""}), "new_password"),
        (json!({}), "token"),
    ];
    for (body, field) in cases {
        let res = app.post_json("/api/auth/reset-password", body.clone()).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{body}");
        let err = error_body(res).await;
        assert_eq!(err["code"], "missing_field", "{body}");
        assert!(err["message"].as_str().unwrap().contains(field), "{err}");
    }
    // None of that spent the real token or changed the password.
    app.login(email, PASSWORD).await;
    assert_eq!(reset(&app, &token, NEW_PASSWORD).await.status(), StatusCode::OK);
    app.login(email, NEW_PASSWORD).await;
}

async fn password_reset_marks_the_email_verified(db: Db) {
    let app = TestApp::spawn(db).await;
    let email = "proved@example.com";
    let login = app.unverified_user(email).await;
    assert_eq!(app.current_user(&login.access_token).await["email_verified"], false);
    let token = reset_token(&app, email).await;
    assert_eq!(reset(&app, &token, NEW_PASSWORD).await.status(), StatusCode::OK);
    let login = app.login(email, NEW_PASSWORD).await;
    assert_eq!(app.current_user(&login.access_token).await["email_verified"], true);
    assert_eq!(login.body["user"]["email_verified"], true);
}
