//! Sign-in by a link or code mailed to the address (`PORTCULLIS_EMAIL_LOGIN`).

use portcullis::domain::{AuditEvent, WebhookEvent};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::backends;
use crate::helpers::{error_body, link_token, session_cookie, Db, TestApp, PASSWORD};

const ON: &[(&str, &str)] = &[("PORTCULLIS_EMAIL_LOGIN", "true")];

/// The link token and the code of the newest sign-in mail to `to` (waiting for the
/// `at_least`-th message to arrive).
async fn mailed(app: &TestApp, to: &str, at_least: usize) -> (String, String) {
    let mails = app.mails(to, at_least).await;
    let mail = mails
        .iter()
        .rev()
        .find(|m| m["subject"].as_str().unwrap().starts_with("Sign in to"))
        .unwrap_or_else(|| panic!("no sign-in mail to {to}: {mails:?}"));
    let text = mail["text"].as_str().unwrap();
    let at = text.find("code is ").expect("a code") + "code is ".len();
    (link_token(text), text[at..at + 6].to_owned())
}

async fn request(app: &TestApp, email: &str) -> Value {
    let res = app.post_json("/api/auth/email-login", json!({"email": email})).await;
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.unwrap()
}

/// The claims of an access token (unverified: only read).
fn claims(token: &str) -> Value {
    use base64::Engine as _;
    let payload = token.split('.').nth(1).unwrap();
    serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload).unwrap(),
    )
    .unwrap()
}

async fn a_mailed_code_signs_in_once_and_verifies_the_address(db: Db) {
    let app = TestApp::spawn_with(db, ON).await;
    let email = "elle@example.com";
    app.register(email, PASSWORD).await;
    let answer = request(&app, email).await;
    let (_, code) = mailed(&app, email, 2).await;
    let res = app
        .post_json(
            "/api/auth/email-login/verify",
            json!({"email": "ELLE@example.com", "code": code}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(session_cookie(res.headers()).is_some());
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["user"]["email_verified"], true);
    let c = claims(body["access_token"].as_str().unwrap());
    assert_eq!(c["amr"], json!(["email"]));
    assert_eq!(c["aal"], "aal1", "one factor");
    let again =
        app.post_json("/api/auth/email-login/verify", json!({"email": email, "code": code})).await;
    assert_eq!(again.status(), StatusCode::UNAUTHORIZED, "a code works once");
    // An unknown address: the same answer, and no mail.
    assert_eq!(request(&app, "nobody@example.com").await, answer);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(app.mails("nobody@example.com", 0).await.is_empty());
}

async fn a_mailed_link_signs_in_once(db: Db) {
    let app = TestApp::spawn_with(db, ON).await;
    let email = "lin@example.com";
    app.register(email, PASSWORD).await;
    request(&app, email).await;
    let (token, _) = mailed(&app, email, 2).await;
    let res = app.post_json("/api/auth/email-login/verify", json!({"token": token})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = app.post_json("/api/auth/email-login/verify", json!({"token": token})).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(error_body(res).await["code"], "invalid_token");
}

async fn five_wrong_codes_end_the_request_and_link_and_code_are_one(db: Db) {
    let app = TestApp::spawn_with(
        db,
        &[("PORTCULLIS_EMAIL_LOGIN", "true"), ("PORTCULLIS_RATE_LIMIT_PER_MINUTE", "0")],
    )
    .await;
    let email = "five@example.com";
    app.register(email, PASSWORD).await;
    request(&app, email).await;
    let (token, code) = mailed(&app, email, 2).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        let res = app
            .post_json("/api/auth/email-login/verify", json!({"email": email, "code": wrong}))
            .await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(error_body(res).await["code"], "invalid_code");
    }
    let res =
        app.post_json("/api/auth/email-login/verify", json!({"email": email, "code": code})).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "dead after five wrong codes");
    let res = app.post_json("/api/auth/email-login/verify", json!({"token": token})).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST, "the link dies with it");

    // Link and code are one request: signing in with the code spends the link.
    let other = "both@example.com";
    app.register(other, PASSWORD).await;
    request(&app, other).await;
    let (token, code) = mailed(&app, other, 2).await;
    let res =
        app.post_json("/api/auth/email-login/verify", json!({"email": other, "code": code})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = app.post_json("/api/auth/email-login/verify", json!({"token": token})).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST, "link and code are one request");
}

async fn signup_on_first_use_only_when_allowed(db: Db) {
    let app = TestApp::spawn_with(db, ON).await;
    request(&app, "new@example.com").await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(app.mails("new@example.com", 0).await.is_empty(), "no account, no signup: no mail");

    let app = TestApp::spawn_with(
        db,
        &[("PORTCULLIS_EMAIL_LOGIN", "true"), ("PORTCULLIS_EMAIL_LOGIN_SIGNUP", "true")],
    )
    .await;
    request(&app, "new@example.com").await;
    let (token, _) = mailed(&app, "new@example.com", 1).await;
    let res = app.post_json("/api/auth/email-login/verify", json!({"token": token})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["user"]["email"], "new@example.com");
    assert_eq!(body["user"]["email_verified"], true);
    // It has no password: nothing signs in with one.
    for password in ["", "!none", PASSWORD] {
        let res = app
            .post_json("/api/auth/login", json!({"email": "new@example.com", "password": password}))
            .await;
        assert_ne!(res.status(), StatusCode::OK, "{password:?}");
    }
}

async fn an_unproven_accounts_password_goes_when_the_owner_proves_the_address(db: Db) {
    // Someone registered the victim's address with a password of their own, never verified.
    let app = TestApp::spawn_with(db, ON).await;
    let email = "victim@example.com";
    app.register(email, PASSWORD).await;
    let squatter = app.login(email, PASSWORD).await;
    request(&app, email).await;
    let (token, _) = mailed(&app, email, 2).await;
    let res = app.post_json("/api/auth/email-login/verify", json!({"token": token})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = app.post_json("/api/auth/login", json!({"email": email, "password": PASSWORD})).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "the squatter's password is gone");
    assert_eq!(app.user_status_bearer(&squatter.access_token).await, StatusCode::UNAUTHORIZED);
}

async fn a_second_factor_still_follows(db: Db) {
    let app = TestApp::spawn_with(db, ON).await;
    let email = "two@example.com";
    app.register(email, PASSWORD).await;
    // A verified account (an unverified one loses its factors at the first proof).
    let verification = app.mails(email, 1).await;
    let token = link_token(verification[0]["text"].as_str().unwrap());
    let res = app.post_json("/api/auth/verify-email", json!({"token": token})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let login = app.login(email, PASSWORD).await;
    crate::mfa::enrol_for(&app, &login).await;
    request(&app, email).await;
    let (token, _) = mailed(&app, email, 3).await;
    let res = app.post_json("/api/auth/email-login/verify", json!({"token": token})).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(session_cookie(res.headers()).is_none(), "no session before the second step");
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["mfa_required"], true);
}

async fn bad_input_and_the_feature_off(db: Db) {
    let off = TestApp::spawn(db).await;
    let res = off.post_json("/api/auth/email-login", json!({"email": "a@example.com"})).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = off.post_json("/api/auth/email-login/verify", json!({"token": "x"})).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let app = TestApp::spawn_with(db, ON).await;
    for (path, body, status) in [
        ("/api/auth/email-login", json!({}), StatusCode::BAD_REQUEST),
        ("/api/auth/email-login", json!({"email": "not an address"}), StatusCode::BAD_REQUEST),
        ("/api/auth/email-login/verify", json!({}), StatusCode::BAD_REQUEST),
        (
            "/api/auth/email-login/verify",
            json!({"email": "a@example.com"}),
            StatusCode::BAD_REQUEST,
        ),
        ("/api/auth/email-login/verify", json!({"token": "nope"}), StatusCode::BAD_REQUEST),
        (
            "/api/auth/email-login/verify",
            json!({"email": "a@example.com", "code": "123456"}),
            StatusCode::UNAUTHORIZED,
        ),
    ] {
        let res = app.post_json(path, body.clone()).await;
        assert_eq!(res.status(), status, "{path} {body}");
        let err = error_body(res).await;
        assert!(err["code"].is_string(), "{err}");
    }
}

backends!(
    a_mailed_code_signs_in_once_and_verifies_the_address,
    a_mailed_link_signs_in_once,
    five_wrong_codes_end_the_request_and_link_and_code_are_one,
    signup_on_first_use_only_when_allowed,
    an_unproven_accounts_password_goes_when_the_owner_proves_the_address,
    a_second_factor_still_follows,
    bad_input_and_the_feature_off,
);

async fn the_hosted_pages_sign_in_by_code_and_by_link(db: Db) {
    use crate::browser::{csrf, location, post_page};
    let app = TestApp::spawn_with(db, ON).await;
    let email = "page@example.com";
    app.register(email, PASSWORD).await;
    let login_page = app.get("/account/login").await.text().await.unwrap();
    assert!(login_page.contains("/account/email-login"), "the login page offers it");
    let (cookie, token) = csrf(&app).await;
    let res =
        post_page(&app, "/account/email-login", &cookie, &[("csrf", &token), ("email", email)])
            .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.text().await.unwrap().contains("Check your email"));
    let (link, code) = mailed(&app, email, 2).await;
    let form = [("csrf", token.as_str()), ("email", email), ("code", &code), ("next", "/account/")];
    let res = post_page(&app, "/account/email-login/verify", &cookie, &form).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/account/");
    assert!(session_cookie(res.headers()).is_some());
    // The link of a spent request opens a button; pressing it is refused on the page.
    let res = app.get(&format!("/account/email-login/verify?token={link}")).await;
    assert_eq!(res.status(), StatusCode::OK, "opening the link spends nothing");
    let form = [("csrf", token.as_str()), ("token", link.as_str())];
    let res = post_page(&app, "/account/email-login/verify", &cookie, &form).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(session_cookie(res.headers()).is_none());
}

backends!(the_hosted_pages_sign_in_by_code_and_by_link);

async fn a_throttled_request_does_not_end_the_live_one_and_proof_clears_a_squatters_factors(
    db: Db,
) {
    let app = TestApp::spawn_with(db, ON).await;
    let email = "kept@example.com";
    app.register(email, PASSWORD).await;
    // A squatter who registered the address got a TOTP factor and an identity before the
    // owner turned up (before unproven accounts were refused them).
    crate::unproven::plant(&app, email, None).await;
    request(&app, email).await;
    let (_, code) = mailed(&app, email, 3).await;
    // More requests within the minute are held back by the throttle, and end nothing.
    for _ in 0..3 {
        request(&app, email).await;
    }
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(app.mails(email, 0).await.len(), 3, "no second sign-in mail within the minute");
    let res =
        app.post_json("/api/auth/email-login/verify", json!({"email": email, "code": code})).await;
    assert_eq!(res.status(), StatusCode::OK, "the mailed code still works");
    let body: Value = res.json().await.unwrap();
    assert!(
        body.get("mfa_required").is_none(),
        "the squatter's TOTP went with the password: {body}"
    );
    let token = body["access_token"].as_str().unwrap();
    let me = app
        .get_json_bearer(
            "/api/auth/user",
            &crate::helpers::Login {
                access_token: token.to_owned(),
                refresh_token: String::new(),
                cookie: String::new(),
                body: Value::Null,
            },
        )
        .await;
    assert_eq!(me["factors"]["totp"], false);
}

backends!(a_throttled_request_does_not_end_the_live_one_and_proof_clears_a_squatters_factors);

async fn the_fifth_code_may_be_the_right_one(db: Db) {
    let app = TestApp::spawn_with(db, ON).await;
    let email = "fifth@example.com";
    app.register(email, PASSWORD).await;
    request(&app, email).await;
    let (_, code) = mailed(&app, email, 2).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..4 {
        let res = app
            .post_json("/api/auth/email-login/verify", json!({"email": email, "code": wrong}))
            .await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    let res =
        app.post_json("/api/auth/email-login/verify", json!({"email": email, "code": code})).await;
    assert_eq!(res.status(), StatusCode::OK, "four wrong codes leave the fifth try");
}

async fn the_sixth_wrong_code_is_throttled_for_any_address(db: Db) {
    let app = TestApp::spawn_with(
        db,
        // Six failures before the first delay (a quarter of the budget).
        &[("PORTCULLIS_EMAIL_LOGIN", "true"), ("PORTCULLIS_LOGIN_FAILURES_PER_HOUR", "24")],
    )
    .await;
    let known = "known@example.com";
    app.register(known, PASSWORD).await;
    request(&app, known).await;
    let (_, code) = mailed(&app, known, 2).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    // An address with an account and a live request, and one with neither: the same answers.
    for email in [known, "unknown@example.com"] {
        let mut statuses = Vec::new();
        for _ in 0..7 {
            let res = app
                .post_json("/api/auth/email-login/verify", json!({"email": email, "code": wrong}))
                .await;
            statuses.push(res.status().as_u16());
        }
        // Five wrong codes end the request; the sixth is wrong too; then the delay.
        assert_eq!(statuses, [401, 401, 401, 401, 401, 401, 429], "{email}");
    }
}

/// A second live request for `email` (as a later request lets through once the throttle
/// allows), made straight in the store with the code `123456`.
async fn another_request(app: &TestApp, email: &str) {
    use portcullis::auth::hash_token;
    let key = portcullis::domain::email_key(email);
    let store = &app.auth.store();
    let user = store.user_by_email(&key).await.unwrap().unwrap().user;
    let now = portcullis::clock::now_ms();
    let later = portcullis::store::NewEmailLogin {
        token_hash: hash_token("another-link"),
        email_key: key.clone(),
        email: email.into(),
        user_id: Some(user.id),
        code_hash: hash_token(&format!("{key}\n{}", "123456")),
        now: now + 1,
        expires_at: now + 15 * 60 * 1000,
    };
    let mail =
        app.auth.mailer().in_locale(None).email_login(email, "another-link", "123456").unwrap();
    let open = portcullis::store::MailThrottle { min_interval_ms: 0, per_hour: 100 };
    assert!(store.insert_email_login(&later, &mail, open).await.unwrap());
}

async fn asking_again_does_not_end_a_pending_sign_in(db: Db) {
    let app = TestApp::spawn_with(db, ON).await;
    let email = "pending@example.com";
    app.register(email, PASSWORD).await;
    request(&app, email).await;
    let (_, code) = mailed(&app, email, 2).await;
    another_request(&app, email).await;
    // The first request's code still signs in.
    let res =
        app.post_json("/api/auth/email-login/verify", json!({"email": email, "code": code})).await;
    assert_eq!(res.status(), StatusCode::OK, "the older request is still live");
}

async fn five_wrong_codes_end_every_live_request_of_the_address(db: Db) {
    let app = TestApp::spawn_with(db, ON).await;
    let email = "both-live@example.com";
    app.register(email, PASSWORD).await;
    request(&app, email).await;
    let (_, code) = mailed(&app, email, 2).await;
    another_request(&app, email).await;
    let wrong = ["000000", "111111", "222222"].into_iter().find(|w| *w != code).unwrap();
    for _ in 0..5 {
        let res = app
            .post_json("/api/auth/email-login/verify", json!({"email": email, "code": wrong}))
            .await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    for right in [code.as_str(), "123456"] {
        let res = app
            .post_json("/api/auth/email-login/verify", json!({"email": email, "code": right}))
            .await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "both requests are dead: {right}");
    }
}

async fn an_email_sign_in_that_proves_an_address_is_audited_and_announced(db: Db) {
    let app = TestApp::spawn_with(db, ON).await;
    let email = "first-proof@example.com";
    app.register(email, PASSWORD).await;
    request(&app, email).await;
    let (token, _) = mailed(&app, email, 2).await;
    let res = app.post_json("/api/auth/email-login/verify", json!({"token": token})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let entries = app.auth.store().audit_entries(0, None).await.unwrap();
    let proofs: Vec<_> = entries.iter().filter(|e| e.event == "email_verification").collect();
    assert_eq!(proofs.len(), 1, "{entries:?}");
    assert!(proofs[0].detail.as_deref().unwrap_or_default().contains("email sign-in"));
    let event = AuditEvent::from_stored(&proofs[0].event, &proofs[0].outcome);
    assert_eq!(
        event.and_then(AuditEvent::webhook).map(WebhookEvent::as_str),
        Some("user.email_verified")
    );
}

backends!(
    the_fifth_code_may_be_the_right_one,
    the_sixth_wrong_code_is_throttled_for_any_address,
    asking_again_does_not_end_a_pending_sign_in,
    five_wrong_codes_end_every_live_request_of_the_address,
    an_email_sign_in_that_proves_an_address_is_audited_and_announced,
);
