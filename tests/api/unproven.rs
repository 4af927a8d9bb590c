//! Accounts whose address nobody has proven yet: what their maker may not add, what the first
//! proof ends, and "I did not create this account" (docs/contracts.md, "Unproven accounts").

use portcullis::store::{Audit, Identity};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::backends;
use crate::browser::{csrf, post_page};
use crate::helpers::{error_body, Db, Login, TestApp, PASSWORD};
use crate::mfa::call;

/// The id of the account registered with `email`.
async fn user_id(app: &TestApp, email: &str) -> String {
    let key = portcullis::domain::email_key(email);
    app.auth.store().user_by_email(&key).await.unwrap().expect("the account").user.id
}

/// The id of `login`'s own session.
async fn session_id(app: &TestApp, login: &Login) -> String {
    let list = app.get_json_bearer("/api/auth/sessions", login).await;
    let sessions = list["sessions"].as_array().unwrap();
    let this = sessions.iter().find(|s| s["current"] == true).expect("the current session");
    this["id"].as_str().unwrap().to_owned()
}

/// What an account made before the rule could have been given by its maker: a linked
/// identity and a confirmed TOTP factor, written straight to the store. Confirming the
/// factor keeps only the session of `maker` (when given), as the service does.
pub async fn plant(app: &TestApp, email: &str, maker: Option<&Login>) -> String {
    let keep = match maker {
        Some(login) => session_id(app, login).await,
        None => String::new(),
    };
    let id = user_id(app, email).await;
    let store = &app.auth.store();
    let identity = Identity {
        id: uuid_like(&id),
        provider: "example".into(),
        subject: format!("squatter-of-{id}"),
        user_id: id.clone(),
        email: Some("squatter@evil.example".into()),
        created_at: 1,
        last_used_at: None,
    };
    assert!(store.insert_identity(&identity, &mut Audit::none()).await.unwrap());
    assert!(store.set_pending_totp(&id, "JBSWY3DPEHPK3PXP", 1).await.unwrap());
    let mail = app.auth.mailer().in_locale(None).mfa_changed(email, true).unwrap();
    let fence = portcullis::store::SessionFence { keep: &keep, amr: "pwd otp" };
    assert!(store.confirm_totp(&id, 1, &[], &mail, &fence, 1, &mut Audit::none()).await.unwrap());
    assert!(store.totp_factor(&id).await.unwrap().is_some_and(|f| f.confirmed));
    id
}

fn uuid_like(seed: &str) -> String {
    format!("planted-{seed}")
}

/// Whether anything planted is left on the account.
async fn planted_left(app: &TestApp, id: &str) -> bool {
    let store = &app.auth.store();
    !store.identities(id).await.unwrap().is_empty()
        || store.totp_factor(id).await.unwrap().is_some()
}

async fn an_unproven_account_cannot_add_ways_in_or_change_its_address(db: Db) {
    let app = TestApp::spawn_on_localhost(db, &[]).await;
    let email = "owner@example.com";
    app.register(email, PASSWORD).await;
    let squatter = app.login(email, PASSWORD).await;
    let fresh = json!({"password": PASSWORD});
    for (method, path, body) in [
        (Method::POST, "/api/auth/mfa/totp", fresh.clone()),
        (Method::POST, "/api/auth/passkeys/register/options", fresh.clone()),
        (
            Method::PATCH,
            "/api/auth/user",
            json!({"email": "squatter@evil.example", "current_password": PASSWORD}),
        ),
    ] {
        let res = call(&app, method.clone(), path, &squatter, body).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{method} {path}");
        assert_eq!(error_body(res).await["code"], "email_not_verified", "{method} {path}");
    }
    let id = user_id(&app, email).await;
    assert!(app.auth.store().totp_factor(&id).await.unwrap().is_none(), "nothing pending");
    assert!(app.auth.store().passkeys(&id).await.unwrap().is_empty());
    assert_eq!(app.count_about("squatter@evil.example", "Confirm").await, 0, "no change mail");
    let me = app.current_user(&squatter.access_token).await;
    assert_eq!(me["email"], email, "the address did not change");

    // A username is not a way in: it may change.
    let res =
        call(&app, Method::PATCH, "/api/auth/user", &squatter, json!({"username": "squatter_one"}))
            .await;
    assert_eq!(res.status(), StatusCode::OK);

    // Once the address is proven, the same requests work.
    app.verify(email).await;
    let owner = app.login(email, PASSWORD).await;
    let res = call(&app, Method::POST, "/api/auth/mfa/totp", &owner, fresh.clone()).await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = call(&app, Method::POST, "/api/auth/passkeys/register/options", &owner, fresh).await;
    assert_eq!(res.status(), StatusCode::OK);
}

async fn a_reset_that_first_proves_the_address_ends_everything_its_maker_set(db: Db) {
    // The legacy option that keeps sessions across a reset does not keep a squatter's.
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_LEGACY_RESET_KEEPS_SESSIONS", "true")]).await;
    let email = "victim@example.com";
    app.register(email, "squatters password 1").await;
    let squatter = app.login(email, "squatters password 1").await;
    let id = plant(&app, email, Some(&squatter)).await;
    assert_eq!(app.user_status_bearer(&squatter.access_token).await, StatusCode::OK);

    // Seed 001's routes (dev mode answers the token), where the legacy option applies.
    let res = app.post_form("/api/v1/reset_password", &[("email", email)]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    let token = body["reset_token"].as_str().unwrap();
    let form = [("reset_token", token), ("new_password", PASSWORD)];
    let res = app.post_form("/api/v1/update_password", &form).await;
    assert_eq!(res.status(), StatusCode::OK);

    assert_eq!(app.user_status_bearer(&squatter.access_token).await, StatusCode::UNAUTHORIZED);
    assert_eq!(app.user_status_cookie(&squatter.cookie).await, StatusCode::UNAUTHORIZED);
    assert_eq!(app.login_status(email, "squatters password 1").await, StatusCode::UNAUTHORIZED);
    assert!(!planted_left(&app, &id).await, "the planted identity and TOTP are gone");
    // The owner signs in with the new password alone (no planted second factor).
    let owner = app.login(email, PASSWORD).await;
    assert_eq!(app.current_user(&owner.access_token).await["email_verified"], true);
}

async fn the_verification_link_keeps_the_registrants_sessions_but_nothing_planted(db: Db) {
    let app = TestApp::spawn(db).await;
    let email = "two-devices@example.com";
    app.register(email, PASSWORD).await;
    let first_device = app.login(email, PASSWORD).await;
    let id = plant(&app, email, Some(&first_device)).await;
    app.verify(email).await;
    assert_eq!(app.user_status_bearer(&first_device.access_token).await, StatusCode::OK);
    assert_eq!(app.login_status(email, PASSWORD).await, StatusCode::OK, "the password stays");
    assert!(!planted_left(&app, &id).await, "what was added before the proof is gone");
}

async fn an_administrator_marking_the_address_verified_keeps_nothing_planted(db: Db) {
    let app = TestApp::spawn(db).await;
    let email = "marked@example.com";
    app.register(email, PASSWORD).await;
    let id = plant(&app, email, None).await;
    assert!(app.auth.store().set_email_verified(&id, true, 2, &mut Audit::none()).await.unwrap());
    assert!(!planted_left(&app, &id).await);
    // Marking a proven address again changes nothing more.
    let identity = Identity {
        id: "kept".into(),
        provider: "example".into(),
        subject: "owner".into(),
        user_id: id.clone(),
        email: None,
        created_at: 3,
        last_used_at: None,
    };
    assert!(app.auth.store().insert_identity(&identity, &mut Audit::none()).await.unwrap());
    assert!(app.auth.store().set_email_verified(&id, true, 4, &mut Audit::none()).await.unwrap());
    assert_eq!(app.auth.store().identities(&id).await.unwrap().len(), 1);
}

async fn i_did_not_create_this_account_removes_it_with_its_sessions(db: Db) {
    let app = TestApp::spawn(db).await;
    let email = "not-me@example.com";
    app.register(email, "squatters password 1").await;
    let squatter = app.login(email, "squatters password 1").await;
    let mail = app.mail_about(email, "Confirm").await;
    assert!(mail["text"].as_str().unwrap().contains("I did not create this account"));
    assert!(mail["html"].as_str().unwrap().contains("I did not create this account"));
    let token = app.token_from_mail(email, "Confirm").await;

    let res = app.post_json("/api/auth/verify-email/decline", json!({"token": token})).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(app.user_status_bearer(&squatter.access_token).await, StatusCode::UNAUTHORIZED);
    assert_eq!(app.login_status(email, "squatters password 1").await, StatusCode::UNAUTHORIZED);
    let key = portcullis::domain::email_key(email);
    assert!(app.auth.store().user_by_email(&key).await.unwrap().is_none(), "the account is gone");
    // The token is spent: it neither confirms nor declines again.
    let res = app.post_json("/api/auth/verify-email", json!({"token": token})).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let res = app.post_json("/api/auth/verify-email/decline", json!({"token": token})).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(error_body(res).await["code"], "invalid_token");
    // The owner may register the address now.
    app.register(email, PASSWORD).await;
    let entries = app.auth.store().audit_entries(0, None).await.unwrap();
    assert!(
        entries.iter().any(|e| e.event == "account_deletion" && e.outcome == "disowned"),
        "the removal is audited"
    );
}

async fn declining_never_removes_a_proven_account(db: Db) {
    let app = TestApp::spawn(db).await;
    let email = "proven@example.com";
    app.register(email, PASSWORD).await;
    let token = app.token_from_mail(email, "Confirm").await;
    // The owner proves the address another way (a reset), then someone has the old link.
    app.post_json("/api/auth/forgot-password", json!({"email": email})).await;
    let reset = app.token_from_mail(email, "Reset").await;
    let res = app
        .post_json("/api/auth/reset-password", json!({"token": reset, "new_password": PASSWORD}))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = app.post_json("/api/auth/verify-email/decline", json!({"token": token})).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(error_body(res).await["code"], "invalid_token");
    assert_eq!(app.login_status(email, PASSWORD).await, StatusCode::OK, "the account stays");
    // Bad input changes nothing and says so.
    for body in [json!({}), json!({"token": ""}), json!({"token": "made-up"})] {
        let res = app.post_json("/api/auth/verify-email/decline", body.clone()).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{body}");
        error_body(res).await;
    }
}

async fn declining_an_email_change_to_ones_address_cancels_it(db: Db) {
    let app = TestApp::spawn(db).await;
    let email = "mover@example.com";
    app.register(email, PASSWORD).await;
    app.verify(email).await;
    let login = app.login(email, PASSWORD).await;
    let target = "someone-else@example.com";
    let res = call(
        &app,
        Method::PATCH,
        "/api/auth/user",
        &login,
        json!({"email": target, "current_password": PASSWORD}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let token = app.token_from_mail(target, "Confirm").await;
    let res = app.post_json("/api/auth/verify-email/decline", json!({"token": token})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert!(body["message"].as_str().unwrap().contains("cancelled"), "{body}");
    assert_eq!(app.current_user(&login.access_token).await["email"], email, "unchanged");
    assert_eq!(app.login_status(email, PASSWORD).await, StatusCode::OK, "the account stays");
    let res = app.post_json("/api/auth/verify-email", json!({"token": token})).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST, "the change is gone");
}

async fn the_confirmation_page_offers_i_did_not_create_this_account(db: Db) {
    let app = TestApp::spawn(db).await;
    let email = "page@example.com";
    app.register(email, PASSWORD).await;
    let token = app.token_from_mail(email, "Confirm").await;
    let page = app.get(&format!("/account/verify-email?token={token}")).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("action=\"/account/verify-email/decline\""), "{html}");
    assert!(html.contains("I did not create this account"));
    let (cookie, csrf_token) = csrf(&app).await;
    // Without the CSRF token: refused, nothing spent.
    let res = post_page(&app, "/account/verify-email/decline", &cookie, &[("token", &token)]).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.login_status(email, PASSWORD).await, StatusCode::OK);
    let form = [("token", token.as_str()), ("csrf", csrf_token.as_str())];
    let res = post_page(&app, "/account/verify-email/decline", &cookie, &form).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.text().await.unwrap().contains("has been removed"));
    assert_eq!(app.login_status(email, PASSWORD).await, StatusCode::UNAUTHORIZED);
}

/// An administrator's call with `key`.
async fn admin(
    app: &TestApp,
    key: &str,
    method: Method,
    path: &str,
    body: Value,
) -> reqwest::Response {
    app.client.request(method, app.url(path)).bearer_auth(key).json(&body).send().await.unwrap()
}

/// Moves `login`'s proven account to `to` by the admin API (left unverified), and mails a
/// verification link there: the token.
async fn moved_by_an_administrator(app: &TestApp, login: &Login, to: &str) -> (String, String) {
    let id = app.current_user(&login.access_token).await["id"].as_str().unwrap().to_owned();
    let scopes = ["users:read".to_owned(), "users:write".to_owned()];
    let key = app.auth.create_api_key("t", &scopes).await.unwrap().1;
    let path = format!("/api/admin/users/{id}");
    let res = admin(app, &key, Method::PATCH, &path, json!({"email": to})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = app.post_json("/api/auth/resend-verification", json!({"email": to})).await;
    assert_eq!(res.status(), StatusCode::OK);
    (app.token_from_mail(to, "Confirm").await, key)
}

async fn an_account_proven_once_keeps_its_factors_when_a_new_address_is_proven(db: Db) {
    let app = TestApp::spawn(db).await;
    let login = app.user("moved@example.com").await;
    crate::mfa::enrol_for(&app, &login).await;
    let to = "moved-new@example.com";
    let (token, _) = moved_by_an_administrator(&app, &login, to).await;
    let res = app.post_json("/api/auth/verify-email", json!({"token": token})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = app.post_json("/api/auth/login", json!({"email": to, "password": PASSWORD})).await;
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["mfa_required"], true, "the owner's TOTP stays: {body}");
}

async fn declining_never_removes_an_account_proven_once(db: Db) {
    let app = TestApp::spawn(db).await;
    let login = app.user("moved2@example.com").await;
    let id = app.current_user(&login.access_token).await["id"].as_str().unwrap().to_owned();
    let (token, key) = moved_by_an_administrator(&app, &login, "typo@example.com").await;
    let res = app.post_json("/api/auth/verify-email/decline", json!({"token": token})).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(error_body(res).await["code"], "invalid_token");
    let res = admin(&app, &key, Method::GET, &format!("/api/admin/users/{id}"), json!({})).await;
    assert_eq!(res.status(), StatusCode::OK, "the account stays");
}

async fn the_first_proof_ends_the_applications_its_maker_signed_in_to(db: Db) {
    let app = TestApp::spawn(db).await;
    let email = "adopted@example.com";
    app.register(email, PASSWORD).await;
    let squatter = app.login(email, PASSWORD).await;
    let spec = portcullis::service::ClientSpec {
        client_id: Some("wiki".into()),
        name: Some("Wiki".into()),
        redirect_uris: Some(vec!["http://127.0.0.1:9/cb".into()]),
        grant_types: Some(vec!["authorization_code".into(), "refresh_token".into()]),
        scopes: Some(vec!["openid".into(), "offline_access".into()]),
        skip_consent: Some(false),
        ..Default::default()
    };
    let client = app.auth.create_client(&spec, &Default::default()).await.unwrap();
    let secret = client.client_secret.unwrap();
    // The squatter allows the wiki offline access: a consent, then a code, then tokens.
    let authorize = app
        .client
        .get(app.url("/oauth2/authorize"))
        .query(&[
            ("response_type", "code"),
            ("client_id", "wiki"),
            ("redirect_uri", "http://127.0.0.1:9/cb"),
            ("scope", "openid offline_access"),
            ("code_challenge", "swBvgO_7WM9INwPdTp8Hdn2wVrHkaYOG19GDc9Om6hM"),
            ("code_challenge_method", "S256"),
        ])
        .header(reqwest::header::COOKIE, format!("session_id={}", squatter.cookie))
        .send()
        .await
        .unwrap();
    assert_eq!(authorize.status(), StatusCode::OK, "the consent page");
    let html = authorize.text().await.unwrap();
    let back = crate::registration::allow_consent(&app, &squatter.cookie, &html).await;
    let code = back.get("code").unwrap_or_else(|| panic!("a code: {back:?}")).clone();
    let res = app
        .client
        .post(app.url("/oauth2/token"))
        .basic_auth("wiki", Some(&secret))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", "http://127.0.0.1:9/cb"),
            ("code_verifier", "dBjftJeZ4CK1-zZ6q5GzXxTUMTa8w8uUZYmrJOQ0Qbk"),
        ])
        .send()
        .await
        .unwrap();
    let tokens: Value = res.json().await.unwrap();
    let refresh = tokens["refresh_token"].as_str().unwrap_or_else(|| panic!("{tokens}")).to_owned();
    let id = user_id(&app, email).await;
    assert_eq!(app.auth.store().granted_clients(&id).await.unwrap().len(), 1);

    // The owner proves the address (the mailed verification link): the wiki's grant ends,
    // offline or not, and the squatter's consent is forgotten.
    app.verify(email).await;
    let res = app
        .client
        .post(app.url("/oauth2/token"))
        .basic_auth("wiki", Some(&secret))
        .form(&[("grant_type", "refresh_token"), ("refresh_token", &refresh)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"], "invalid_grant");
    assert!(app.auth.store().granted_clients(&id).await.unwrap().is_empty());
}

backends!(
    an_unproven_account_cannot_add_ways_in_or_change_its_address,
    a_reset_that_first_proves_the_address_ends_everything_its_maker_set,
    the_verification_link_keeps_the_registrants_sessions_but_nothing_planted,
    an_administrator_marking_the_address_verified_keeps_nothing_planted,
    i_did_not_create_this_account_removes_it_with_its_sessions,
    declining_never_removes_a_proven_account,
    declining_an_email_change_to_ones_address_cancels_it,
    the_confirmation_page_offers_i_did_not_create_this_account,
    an_account_proven_once_keeps_its_factors_when_a_new_address_is_proven,
    declining_never_removes_an_account_proven_once,
    the_first_proof_ends_the_applications_its_maker_signed_in_to,
);
