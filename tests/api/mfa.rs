//! Two-factor authentication: TOTP enrolment, the login's second step, recovery codes,
//! step-up. TOTP codes are computed here by an implementation of RFC 6238 of the tests' own
//! (ring's HMAC-SHA1), checked first against the RFC's test vectors.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::header::SET_COOKIE;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::backends;
use crate::helpers::{error_body, Db, Login, TestApp, PASSWORD};
use crate::keys::jwt_part;

backends!(
    enrolment_needs_a_valid_code_and_shows_ten_recovery_codes_once,
    a_login_with_totp_answers_a_second_step_and_only_a_code_opens_the_session,
    a_code_is_accepted_once_with_one_step_of_drift,
    five_wrong_codes_end_the_challenge_and_each_spends_the_account_budget,
    recovery_codes_work_once_and_are_mailed_about,
    changing_factors_needs_a_recent_authentication,
    legacy_route_sets_refuse_an_account_with_a_second_factor,
    require_mfa_holds_a_session_back_until_it_enrols,
    an_administrator_can_reset_the_factors,
    a_right_password_does_not_clear_the_budget_a_second_step_is_spending,
    an_abandoned_enrolment_is_no_way_around_step_up,
    require_mfa_allows_only_enrolment_and_no_turning_off,
    deleting_an_account_deletes_its_second_factors,
    turning_totp_on_ends_every_other_session_of_the_account,
    with_a_second_factor_on_the_password_alone_changes_no_factor,
    making_new_recovery_codes_is_audited_mailed_and_announced,
    an_enrolment_only_session_sees_no_sessions_and_can_finish_a_passkey_on_the_pages,
);

/// HOTP (RFC 4226) with HMAC-SHA1, `digits` long.
fn hotp(secret: &[u8], counter: u64, digits: u32) -> String {
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY, secret);
    let mac = ring::hmac::sign(&key, &counter.to_be_bytes());
    let mac = mac.as_ref();
    let offset = usize::from(mac[19] & 0x0f);
    let bin = (u32::from(mac[offset] & 0x7f) << 24)
        | (u32::from(mac[offset + 1]) << 16)
        | (u32::from(mac[offset + 2]) << 8)
        | u32::from(mac[offset + 3]);
    format!("{:0width$}", bin % 10u32.pow(digits), width = digits as usize)
}

/// TOTP (RFC 6238): 30-second steps from the Unix epoch.
pub fn totp_at(secret: &[u8], unix_secs: u64) -> String {
    hotp(secret, unix_secs / 30, 6)
}

pub fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs()
}

/// Waits, when the current 30-second step ends within 6 s, for the next one to begin: the
/// server's clock then reads the same step as the test's for what follows.
pub async fn fresh_step() {
    fresh_step_with(6).await;
}

/// Waits, when the current 30-second step ends within `margin` seconds, for the next one.
async fn fresh_step_with(margin: u64) {
    let into = now() % 30;
    if into >= 30 - margin {
        tokio::time::sleep(Duration::from_secs(30 - into)).await;
    }
}

pub fn base32_decode(text: &str) -> Vec<u8> {
    let (mut out, mut buffer, mut bits) = (Vec::new(), 0u32, 0u32);
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'2'..=b'7' => c - b'2' + 26,
            _ => panic!("not base32: {text}"),
        };
        buffer = (buffer << 5) | u32::from(v);
        bits += 5;
        if bits >= 8 {
            out.push((buffer >> (bits - 8)) as u8);
            bits -= 8;
        }
    }
    out
}

#[tokio::test]
async fn the_openapi_document_describes_the_two_factor_routes() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let doc: Value = app.get("/openapi.json").await.json().await.unwrap();
    for (path, method) in [
        ("/api/auth/mfa/totp", "post"),
        ("/api/auth/mfa/totp", "delete"),
        ("/api/auth/mfa/totp/confirm", "post"),
        ("/api/auth/mfa/recovery-codes", "post"),
        ("/api/auth/mfa/verify", "post"),
        ("/api/auth/reauthenticate", "post"),
    ] {
        let op = &doc["paths"][path][method];
        assert!(op.is_object(), "{method} {path} missing");
        assert!(op["responses"]["200"].is_object(), "{method} {path}: no 200");
    }
    assert!(doc["components"]["schemas"]["SecondFactorResponse"].is_object());
}

#[test]
fn the_tests_own_totp_matches_the_rfc_6238_vectors() {
    let secret = b"12345678901234567890";
    for (t, code) in [
        (59, "94287082"),
        (1_111_111_109, "07081804"),
        (1_111_111_111, "14050471"),
        (1_234_567_890, "89005924"),
        (2_000_000_000, "69279037"),
        (20_000_000_000, "65353130"),
    ] {
        assert_eq!(hotp(secret, t / 30, 8), code, "T={t}");
    }
}

/// A request with `login`'s bearer token and a JSON body.
pub async fn call(
    app: &TestApp,
    method: Method,
    path: &str,
    login: &Login,
    body: Value,
) -> reqwest::Response {
    app.bearer(method, path, &login.access_token).json(&body).send().await.unwrap()
}

/// Enrols TOTP for `login`'s account; returns the secret, the recovery codes and the time
/// whose code confirmed it (that step is then spent).
async fn enrol(app: &TestApp, login: &Login) -> (Vec<u8>, Vec<String>, u64) {
    fresh_step().await;
    let res = call(app, Method::POST, "/api/auth/mfa/totp", login, json!({})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    let secret = base32_decode(body["secret"].as_str().unwrap());
    let at = now();
    let code = totp_at(&secret, at);
    let res =
        call(app, Method::POST, "/api/auth/mfa/totp/confirm", login, json!({"code": code})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    let codes = body["recovery_codes"].as_array().unwrap();
    (secret, codes.iter().map(|c| c.as_str().unwrap().to_owned()).collect(), at)
}

/// Turns TOTP on for `login`'s account (for other files' tests); returns the secret.
pub async fn enrol_for(app: &TestApp, login: &Login) -> Vec<u8> {
    enrol(app, login).await.0
}

/// The first step of a login for an account with a second factor: its `mfa_token`.
async fn first_step(app: &TestApp, email: &str) -> String {
    let res = app.post_json("/api/auth/login", json!({"email": email, "password": PASSWORD})).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers().get(SET_COOKIE).is_none(), "no cookie before the second step");
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["mfa_required"], true, "{body}");
    assert!(body.get("access_token").is_none(), "{body}");
    body["mfa_token"].as_str().unwrap().to_owned()
}

async fn second_step(app: &TestApp, token: &str, code: &str) -> reqwest::Response {
    app.post_json("/api/auth/mfa/verify", json!({"mfa_token": token, "code": code})).await
}

async fn enrolment_needs_a_valid_code_and_shows_ten_recovery_codes_once(db: Db) {
    let app = TestApp::spawn(db).await;
    let login = app.user("enrol@example.com").await;
    fresh_step().await;
    let res = call(&app, Method::POST, "/api/auth/mfa/totp", &login, json!({})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    let secret = base32_decode(body["secret"].as_str().unwrap());
    assert_eq!(secret.len(), 20, "160 bits");
    let uri = body["otpauth_uri"].as_str().unwrap();
    assert!(uri.starts_with("otpauth://totp/") && uri.contains("secret="), "{uri}");
    assert!(body["qr_svg"].as_str().unwrap().contains("<svg"));
    // Not on until confirmed; a wrong code confirms nothing.
    assert_eq!(app.get_json_bearer("/api/auth/user", &login).await["factors"]["totp"], false);
    let wrong = if totp_at(&secret, now()) == "000000" { "111111" } else { "000000" };
    let res =
        call(&app, Method::POST, "/api/auth/mfa/totp/confirm", &login, json!({"code": wrong}))
            .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(error_body(res).await["code"], "invalid_code");
    let code = totp_at(&secret, now());
    let res =
        call(&app, Method::POST, "/api/auth/mfa/totp/confirm", &login, json!({"code": code})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let codes: Value = res.json().await.unwrap();
    assert_eq!(codes["recovery_codes"].as_array().unwrap().len(), 10);
    let user = app.get_json_bearer("/api/auth/user", &login).await;
    assert_eq!(user["factors"], json!({"totp": true, "recovery_codes_left": 10}));
    // Enrolling again while it is on is refused; the owner was told by mail.
    let res = call(&app, Method::POST, "/api/auth/mfa/totp", &login, json!({})).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let mail = app.mail_about("enrol@example.com", "Two-factor authentication is on").await;
    assert!(!mail["text"].as_str().unwrap().contains("http"));
}

async fn a_login_with_totp_answers_a_second_step_and_only_a_code_opens_the_session(db: Db) {
    let app = TestApp::spawn(db).await;
    let login = app.user("second@example.com").await;
    let (secret, _, _) = enrol(&app, &login).await;
    let token = first_step(&app, "second@example.com").await;
    // The challenge is no session.
    assert_eq!(app.user_status_bearer(&token).await, StatusCode::UNAUTHORIZED);
    let res = second_step(&app, &token, &totp_at(&secret, now() + 30)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(crate::helpers::session_cookie(res.headers()).is_some());
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["message"], "Login successful");
    let claims = jwt_part(body["access_token"].as_str().unwrap(), 1);
    assert_eq!(claims["amr"], json!(["pwd", "otp"]), "{claims}");
    assert_eq!(claims["aal"], "aal2");
    assert_eq!(claims["acr"], "aal2");
    assert_eq!(
        app.user_status_bearer(body["access_token"].as_str().unwrap()).await,
        StatusCode::OK
    );
    // A password-only token says aal1.
    let plain = jwt_part(&login.access_token, 1);
    assert_eq!((plain["aal"].as_str(), plain["amr"].clone()), (Some("aal1"), json!(["pwd"])));
    // The challenge is single-use.
    let res = second_step(&app, &token, &totp_at(&secret, now() + 30)).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    // A wrong password still gets the usual 401, with no challenge.
    assert_eq!(
        app.login_status("second@example.com", "wrong password").await,
        StatusCode::UNAUTHORIZED
    );
}

async fn a_code_is_accepted_once_with_one_step_of_drift(db: Db) {
    let app = TestApp::spawn(db).await;
    let login = app.user("drift@example.com").await;
    // The whole test inside one TOTP step, so "now" means the same step to both clocks.
    fresh_step_with(15).await;
    let (secret, _, t) = enrol(&app, &login).await; // spent the step of `t`
                                                    // Two steps ahead: outside the drift allowed.
    let token = first_step(&app, "drift@example.com").await;
    assert_eq!(
        second_step(&app, &token, &totp_at(&secret, t + 60)).await.status(),
        StatusCode::UNAUTHORIZED
    );
    // The code enrolment used: a replay, refused; the next step's is fine.
    let code_now = totp_at(&secret, t);
    assert_eq!(second_step(&app, &token, &code_now).await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(second_step(&app, &token, &totp_at(&secret, t + 30)).await.status(), StatusCode::OK);
    // That one is now spent too, and so is every older one.
    let token = first_step(&app, "drift@example.com").await;
    assert_eq!(
        second_step(&app, &token, &totp_at(&secret, t + 30)).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        second_step(&app, &token, &totp_at(&secret, t - 30)).await.status(),
        StatusCode::UNAUTHORIZED
    );
}

async fn five_wrong_codes_end_the_challenge_and_each_spends_the_account_budget(db: Db) {
    let app = TestApp::spawn(db).await;
    let login = app.user("tries@example.com").await;
    let (secret, _, _) = enrol(&app, &login).await;
    let token = first_step(&app, "tries@example.com").await;
    let right = totp_at(&secret, now() + 30);
    let wrong = if right == "123456" { "654321" } else { "123456" };
    for i in 0..5 {
        let res = second_step(&app, &token, wrong).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "try {i}");
        assert_eq!(error_body(res).await["code"], "invalid_code");
    }
    let res = second_step(&app, &token, &right).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "the challenge is over");
    assert_eq!(error_body(res).await["code"], "invalid_mfa_token");

    // With a failure budget, wrong codes spend the login's.
    let limited = app.another_node(&[("PORTCULLIS_LOGIN_FAILURES_PER_HOUR", "4")]).await;
    let token = first_step(&limited, "tries@example.com").await;
    for _ in 0..3 {
        assert_eq!(second_step(&limited, &token, wrong).await.status(), StatusCode::UNAUTHORIZED);
    }
    assert_eq!(second_step(&limited, &token, &right).await.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        limited.login_status("tries@example.com", PASSWORD).await,
        StatusCode::TOO_MANY_REQUESTS
    );
}

async fn recovery_codes_work_once_and_are_mailed_about(db: Db) {
    let app = TestApp::spawn(db).await;
    let login = app.user("lost@example.com").await;
    let (_, codes, _) = enrol(&app, &login).await;
    let token = first_step(&app, "lost@example.com").await;
    // Typed in capitals, with a space instead of the dash.
    let typed = codes[3].to_uppercase().replace('-', " ");
    let res = second_step(&app, &token, &typed).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    let again = Login {
        access_token: body["access_token"].as_str().unwrap().to_owned(),
        refresh_token: String::new(),
        cookie: String::new(),
        body: body.clone(),
    };
    assert_eq!(
        app.get_json_bearer("/api/auth/user", &again).await["factors"]["recovery_codes_left"],
        9
    );
    app.mail_about("lost@example.com", "recovery code").await;
    let token = first_step(&app, "lost@example.com").await;
    assert_eq!(second_step(&app, &token, &codes[3]).await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(second_step(&app, &token, &codes[4]).await.status(), StatusCode::OK);
}

async fn changing_factors_needs_a_recent_authentication(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_REAUTH_WINDOW", "2s")]).await;
    // Enrolment must start within the 2 s window of the login: start well inside a TOTP step,
    // so that `enrol` need not wait for the next one after logging in.
    fresh_step_with(12).await;
    let login = app.user("sudo@example.com").await;
    let (_, _, _) = enrol(&app, &login).await;
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let res = call(&app, Method::DELETE, "/api/auth/mfa/totp", &login, json!({})).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(error_body(res).await["code"], "reauthentication_required");
    let res = call(&app, Method::POST, "/api/auth/mfa/recovery-codes", &login, json!({})).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res =
        call(&app, Method::DELETE, "/api/auth/mfa/totp", &login, json!({"password": "wrong one"}))
            .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    // Authenticating again opens the window.
    let res =
        call(&app, Method::POST, "/api/auth/reauthenticate", &login, json!({"password": PASSWORD}))
            .await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    let fresh = jwt_part(body["access_token"].as_str().unwrap(), 1);
    assert!(fresh["auth_time"].as_i64() > jwt_part(&login.access_token, 1)["auth_time"].as_i64());
    let res = call(&app, Method::POST, "/api/auth/mfa/recovery-codes", &login, json!({})).await;
    assert_eq!(res.status(), StatusCode::OK);
    // Or the password in the request itself.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let res =
        call(&app, Method::DELETE, "/api/auth/mfa/totp", &login, json!({"password": PASSWORD}))
            .await;
    assert_eq!(res.status(), StatusCode::OK);
    app.mail_about("sudo@example.com", "Two-factor authentication is off").await;
    app.login("sudo@example.com", PASSWORD).await; // one step again
}

async fn legacy_route_sets_refuse_an_account_with_a_second_factor(db: Db) {
    let app = TestApp::spawn(db).await;
    let login = app.user("legacy2fa@example.com").await;
    enrol(&app, &login).await;
    let res = app
        .post_json("/login", json!({"email": "legacy2fa@example.com", "password": PASSWORD}))
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(res.json::<Value>().await.unwrap()["error"], "Invalid username or password");
    let res = app
        .post_form("/sessions", &[("email", "legacy2fa@example.com"), ("password", PASSWORD)])
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let res = app
        .post_json(
            "/api/v1/session",
            json!({"email": "legacy2fa@example.com", "password": PASSWORD}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

async fn require_mfa_holds_a_session_back_until_it_enrols(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_REQUIRE_MFA", "true")]).await;
    app.register("must@example.com", PASSWORD).await;
    app.verify("must@example.com").await;
    let res = app
        .post_json("/api/auth/login", json!({"email": "must@example.com", "password": PASSWORD}))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["mfa_enrollment_required"], true, "{body}");
    let login = Login {
        access_token: body["access_token"].as_str().unwrap().to_owned(),
        refresh_token: body["refresh_token"].as_str().unwrap().to_owned(),
        cookie: String::new(),
        body,
    };
    let res =
        app.bearer(Method::GET, "/api/auth/sessions", &login.access_token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(error_body(res).await["code"], "mfa_enrollment_required");
    assert_eq!(app.user_status_bearer(&login.access_token).await, StatusCode::OK);
    enrol(&app, &login).await;
    let res =
        app.bearer(Method::GET, "/api/auth/sessions", &login.access_token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK, "enrolled: the session is two-factor now");
}

async fn an_administrator_can_reset_the_factors(db: Db) {
    let app = TestApp::spawn(db).await;
    let login = app.user("phone@example.com").await;
    enrol(&app, &login).await;
    let (_, removed) = app.auth.admin_reset_mfa("phone@example.com").await.unwrap();
    assert!(removed);
    app.login("phone@example.com", PASSWORD).await;
    let entries = app.auth.audit_log(0, Some("phone@example.com")).await.unwrap();
    assert!(entries.iter().any(|e| e.event == "admin_mfa_reset"), "audited");
}

async fn a_right_password_does_not_clear_the_budget_a_second_step_is_spending(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_LOGIN_FAILURES_PER_HOUR", "4")]).await;
    let login = app.user("spent@example.com").await;
    let (secret, _, _) = enrol(&app, &login).await;
    let right = totp_at(&secret, now() + 30);
    let wrong = if right == "123456" { "654321" } else { "123456" };
    // Three wrong codes over three challenges, each opened with the right password.
    for _ in 0..3 {
        let token = first_step(&app, "spent@example.com").await;
        assert_eq!(second_step(&app, &token, wrong).await.status(), StatusCode::UNAUTHORIZED);
    }
    // The password did not wipe them: the next try waits.
    let res = app
        .post_json("/api/auth/login", json!({"email": "spent@example.com", "password": PASSWORD}))
        .await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
}

async fn an_abandoned_enrolment_is_no_way_around_step_up(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_REAUTH_WINDOW", "2s")]).await;
    let login = app.user("abandoned@example.com").await;
    let res = call(&app, Method::POST, "/api/auth/mfa/totp", &login, json!({})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let secret = base32_decode(res.json::<Value>().await.unwrap()["secret"].as_str().unwrap());
    tokio::time::sleep(Duration::from_millis(2500)).await;
    // A stale session (a stolen cookie, say) cannot finish the enrolment someone left.
    let code = totp_at(&secret, now());
    let res =
        call(&app, Method::POST, "/api/auth/mfa/totp/confirm", &login, json!({"code": code})).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(error_body(res).await["code"], "reauthentication_required");
    assert_eq!(app.get_json_bearer("/api/auth/user", &login).await["factors"]["totp"], false);
}

async fn require_mfa_allows_only_enrolment_and_no_turning_off(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_REQUIRE_MFA", "true")]).await;
    app.register("policy@example.com", PASSWORD).await;
    app.verify("policy@example.com").await;
    let res = app
        .post_json("/api/auth/login", json!({"email": "policy@example.com", "password": PASSWORD}))
        .await;
    let body: Value = res.json().await.unwrap();
    let login = Login {
        access_token: body["access_token"].as_str().unwrap().to_owned(),
        refresh_token: String::new(),
        cookie: String::new(),
        body,
    };
    for (method, path) in [(Method::PATCH, "/api/auth/user"), (Method::DELETE, "/api/auth/user")] {
        let res = call(
            &app,
            method.clone(),
            path,
            &login,
            json!({"username": "x", "password": PASSWORD}),
        )
        .await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{method} {path}");
    }
    // The legacy sets know no second step: nobody signs in there under this policy.
    let res =
        app.post_json("/login", json!({"email": "policy@example.com", "password": PASSWORD})).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    enrol(&app, &login).await;
    let res =
        call(&app, Method::DELETE, "/api/auth/mfa/totp", &login, json!({"password": PASSWORD}))
            .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(error_body(res).await["code"], "mfa_required");
}

async fn deleting_an_account_deletes_its_second_factors(db: Db) {
    use sqlx::Row;
    let app = TestApp::spawn(db).await;
    let login = app.user("gone@example.com").await;
    enrol(&app, &login).await;
    let res =
        call(&app, Method::DELETE, "/api/auth/user", &login, json!({"password": PASSWORD})).await;
    assert_eq!(res.status(), StatusCode::OK);
    for table in ["totp_factors", "recovery_codes", "mfa_challenges"] {
        let n: i64 = sqlx::query(&format!("SELECT COUNT(*) AS n FROM {table}"))
            .fetch_one(app.auth.store().pool())
            .await
            .unwrap()
            .try_get("n")
            .unwrap();
        assert_eq!(n, 0, "{table} keeps rows of a deleted account");
    }
}

/// Registers `email`, confirms its address and logs in (an account that may add factors).
async fn verified_user(app: &TestApp, email: &str) -> Login {
    app.register(email, PASSWORD).await;
    app.verify(email).await;
    app.login(email, PASSWORD).await
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

async fn turning_totp_on_ends_every_other_session_of_the_account(db: Db) {
    let app = TestApp::spawn(db).await;
    let email = "fence@example.com";
    let other = verified_user(&app, email).await;
    let this = app.login(email, PASSWORD).await;
    enrol(&app, &this).await;
    // The other session proved no second factor: its access token, cookie and refresh token
    // are all dead now.
    assert_eq!(app.user_status_bearer(&other.access_token).await, StatusCode::UNAUTHORIZED);
    assert_eq!(app.user_status_cookie(&other.cookie).await, StatusCode::UNAUTHORIZED);
    let res =
        app.post_json("/api/auth/refresh", json!({"refresh_token": other.refresh_token})).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    // The one that confirmed the code stays, two-factor: it may go on changing factors.
    let sessions = app.get_json_bearer("/api/auth/sessions", &this).await;
    assert_eq!(sessions["sessions"].as_array().unwrap().len(), 1, "{sessions}");
    let res = call(&app, Method::POST, "/api/auth/mfa/recovery-codes", &this, json!({})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let res =
        app.post_json("/api/auth/refresh", json!({"refresh_token": this.refresh_token})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    let claims = jwt_part(body["access_token"].as_str().unwrap(), 1);
    assert_eq!(
        (claims["amr"].clone(), claims["aal"].clone()),
        (json!(["pwd", "otp"]), json!("aal2"))
    );
}

/// A password-only session of an account that has TOTP on: one left from before that was
/// possible to prevent (a session of an earlier release, which did not end the others), made
/// here by bringing back the sessions that turning TOTP on ended.
async fn revive_sessions(app: &TestApp) {
    sqlx::query("UPDATE sessions SET revoked_at = NULL")
        .execute(app.auth.store().pool())
        .await
        .unwrap();
}

async fn with_a_second_factor_on_the_password_alone_changes_no_factor(db: Db) {
    let app = TestApp::spawn_on_localhost(
        db,
        &[
            ("PORTCULLIS_OAUTH_GITHUB_CLIENT_ID", "gh-client"),
            ("PORTCULLIS_OAUTH_GITHUB_CLIENT_SECRET", "gh-secret"),
        ],
    )
    .await;
    let email = "pwonly@example.com";
    let old = verified_user(&app, email).await;
    let this = app.login(email, PASSWORD).await;
    let (_, codes, _) = enrol(&app, &this).await;
    revive_sessions(&app).await;
    assert_eq!(app.user_status_bearer(&old.access_token).await, StatusCode::OK);
    // Signed in a moment ago and sending the password: neither will do, for every change of
    // factors (the passkey and identity ids need not exist: the step-up comes first).
    for (method, path) in [
        (Method::DELETE, "/api/auth/mfa/totp"),
        (Method::POST, "/api/auth/mfa/recovery-codes"),
        (Method::POST, "/api/auth/mfa/totp"),
        (Method::POST, "/api/auth/passkeys/register/options"),
        (Method::DELETE, "/api/auth/passkeys/some-passkey"),
        (Method::DELETE, "/api/auth/identities/some-identity"),
    ] {
        let res = call(&app, method.clone(), path, &old, json!({"password": PASSWORD})).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{method} {path}");
        assert_eq!(error_body(res).await["code"], "reauthentication_required", "{method} {path}");
    }
    let res = call(
        &app,
        Method::POST,
        "/api/auth/oauth/github/link",
        &old,
        json!({"next": "/account/", "password": PASSWORD}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN, "linking an identity");
    assert_eq!(error_body(res).await["code"], "reauthentication_required");
    // Authenticating again with the password refreshes the session, and still changes nothing.
    let res =
        call(&app, Method::POST, "/api/auth/reauthenticate", &old, json!({"password": PASSWORD}))
            .await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = call(&app, Method::POST, "/api/auth/mfa/recovery-codes", &old, json!({})).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // The same forms on the pages.
    let (csrf_cookie, csrf) = crate::browser::csrf(&app).await;
    let cookies = format!("session_id={}; {csrf_cookie}", old.cookie);
    for path in ["/account/mfa/disable", "/account/mfa/recovery-codes"] {
        let form = [("csrf", csrf.as_str()), ("mfa_password", PASSWORD)];
        let res = crate::browser::post_page(&app, path, &cookies, &form).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{path}: the form again, refused");
        let html = res.text().await.unwrap();
        assert!(html.contains("did not use your second factor"), "{path}");
    }
    let factors = app.get_json_bearer("/api/auth/user", &this).await["factors"].clone();
    assert_eq!(factors, json!({"totp": true, "recovery_codes_left": 10}), "nothing changed");
    // The factor itself does: a recovery code in the request.
    let res =
        call(&app, Method::POST, "/api/auth/mfa/recovery-codes", &old, json!({"code": codes[0]}))
            .await;
    assert_eq!(res.status(), StatusCode::OK);
}

async fn making_new_recovery_codes_is_audited_mailed_and_announced(db: Db) {
    // A webhook endpoint nobody listens on: its deliveries wait in the outbox.
    let app = TestApp::spawn_with(
        db,
        &[
            ("PORTCULLIS_WEBHOOK_AUDIT_URL", "http://127.0.0.1:9/hook"),
            ("PORTCULLIS_WEBHOOK_AUDIT_SECRET", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
        ],
    )
    .await;
    let email = "codes@example.com";
    let login = verified_user(&app, email).await;
    enrol(&app, &login).await;
    let res = call(&app, Method::POST, "/api/auth/mfa/recovery-codes", &login, json!({})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let codes: Value = res.json().await.unwrap();
    let entries = app.auth.audit_log(0, Some(email)).await.unwrap();
    assert!(
        entries.iter().any(|e| e.event == "mfa" && e.outcome == "recovery_codes_regenerated"),
        "audited"
    );
    let announced = "event_type = 'mfa.changed' AND payload LIKE '%recovery_codes_regenerated%'";
    assert_eq!(count_rows(&app, "webhook_outbox", announced).await, 1, "one mfa.changed event");
    let mail = app.mail_about(email, "New recovery codes").await;
    for code in codes["recovery_codes"].as_array().unwrap() {
        let code = code.as_str().unwrap();
        for part in ["text", "html"] {
            assert!(!mail[part].as_str().unwrap().contains(code), "the mail holds no code");
        }
    }
}

async fn an_enrolment_only_session_sees_no_sessions_and_can_finish_a_passkey_on_the_pages(db: Db) {
    let app = TestApp::spawn_on_localhost(db, &[("PORTCULLIS_REQUIRE_MFA", "true")]).await;
    let email = "enrolling@example.com";
    let login = verified_user(&app, email).await;
    assert_eq!(login.body["mfa_enrollment_required"], true);
    // The account page shows the set-up, not where the account is signed in.
    let res = app.with_cookie(Method::GET, "/account/", &login.cookie).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    assert!(html.contains("/account/mfa/setup"), "the set-up is offered");
    assert!(!html.contains("sessions-title") && !html.contains("127.0.0.1"), "no session list");
    // Nor does the legacy profile answer such a session.
    let res = app.with_cookie(Method::GET, "/profile", &login.cookie).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // A passkey's finish on the account page reaches its handler (here it refuses a made-up
    // ceremony) instead of being sent back to the account page.
    let (csrf_cookie, csrf) = crate::browser::csrf(&app).await;
    let cookies = format!("session_id={}; {csrf_cookie}", login.cookie);
    let form = [("csrf", csrf.as_str()), ("ceremony", "made up"), ("credential", "{}")];
    let res = crate::browser::post_page(&app, "/account/passkeys/register", &cookies, &form).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{:?}", res.headers());
    // Enrolled, the session is two-factor and sees everything again.
    enrol(&app, &login).await;
    let res = app.with_cookie(Method::GET, "/account/", &login.cookie).send().await.unwrap();
    assert!(res.text().await.unwrap().contains("sessions-title"));
    let res = app.with_cookie(Method::GET, "/profile", &login.cookie).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
}
