//! Passkeys: the ceremonies end to end in real Chromium, whose virtual authenticator (driven
//! through WebDriver's WebAuthn commands) plays the user's device; and the API's answers to
//! bad input. Every test runs on every database.

use axum::http::Method;
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::Client;
use portcullis::store::Audit;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::backends;
use crate::browser::{
    assert_self_contained, click, fill, flash, screenshot, text, wait_for_path, wait_for_title,
    Browser,
};
use crate::helpers::{error_body, session_cookie, Db, TestApp, PASSWORD};

// ---------------------------------------------------------------------------------------------
// The virtual authenticator
// ---------------------------------------------------------------------------------------------

/// One of WebDriver's WebAuthn commands (`/session/{id}/webauthn/…`).
#[derive(Debug)]
struct WebAuthn {
    method: Method,
    path: String,
    body: Option<Value>,
}

impl WebDriverCompatibleCommand for WebAuthn {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/webauthn/{}", session_id.unwrap_or_default(), self.path))
    }

    fn method_and_body(&self, _: &url::Url) -> (Method, Option<String>) {
        (self.method.clone(), self.body.as_ref().map(Value::to_string))
    }
}

async fn webauthn(b: &Client, method: Method, path: String, body: Option<Value>) -> Value {
    b.issue_cmd(WebAuthn { method, path: path.clone(), body })
        .await
        .unwrap_or_else(|e| panic!("WebDriver webauthn/{path}: {e}"))
}

/// A platform authenticator that holds discoverable credentials and verifies its user (as a
/// phone's fingerprint reader does). Returns its id.
async fn add_authenticator(b: &Client) -> String {
    let options = json!({
        "protocol": "ctap2",
        "transport": "internal",
        "hasResidentKey": true,
        "hasUserVerification": true,
        "isUserVerified": true,
        "isUserConsenting": true,
    });
    let id = webauthn(b, Method::POST, "authenticator".into(), Some(options)).await;
    id.as_str().expect("an authenticator id").to_owned()
}

async fn credentials(b: &Client, authenticator: &str) -> Vec<Value> {
    let path = format!("authenticator/{authenticator}/credentials");
    webauthn(b, Method::GET, path, None).await.as_array().cloned().unwrap_or_default()
}

/// Puts `credential` (as `credentials` listed it) back in place of what the authenticator
/// holds: a clone of the device as it was then.
async fn restore(b: &Client, authenticator: &str, credential: &Value) {
    webauthn(b, Method::DELETE, format!("authenticator/{authenticator}/credentials"), None).await;
    let path = format!("authenticator/{authenticator}/credential");
    webauthn(b, Method::POST, path, Some(credential.clone())).await;
}

// ---------------------------------------------------------------------------------------------
// In the browser
// ---------------------------------------------------------------------------------------------

async fn log_in_with_password(app: &TestApp, b: &Client, email: &str) {
    b.goto(&format!("{}/account/login", app.public)).await.unwrap();
    fill(b, "email", email).await;
    fill(b, "password", PASSWORD).await;
    click(b, "form[action='/account/login'] button[type=submit]").await;
}

async fn log_out(b: &Client) {
    click(b, "form[action='/account/logout'] button").await;
    wait_for_path(b, "/account/login").await;
}

/// The `amr` claim of an access token (its payload, unverified: the test only reads it).
fn amr(access_token: &str) -> Vec<String> {
    use base64::Engine as _;
    let payload = access_token.split('.').nth(1).unwrap();
    let claims: Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload).unwrap(),
    )
    .unwrap();
    claims["amr"].as_array().unwrap().iter().map(|m| m.as_str().unwrap().to_owned()).collect()
}

/// Runs `navigator.credentials.get()` in the page with `options` (as the API answers them)
/// and returns the browser's answer as JSON, the way `passkeys.js` sends it.
async fn assert_in_page(b: &Client, options: &Value) -> Value {
    let script = r#"
        const [options, done] = arguments;
        const decode = (t) => {
            const b64 = t.replace(/-/g, "+").replace(/_/g, "/");
            return Uint8Array.from(atob(b64 + "===".slice((b64.length + 3) % 4)), (c) => c.charCodeAt(0)).buffer;
        };
        const encode = (buf) => btoa(String.fromCharCode(...new Uint8Array(buf)))
            .replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
        const pk = options.publicKey;
        pk.challenge = decode(pk.challenge);
        pk.allowCredentials = (pk.allowCredentials || []).map((c) => ({ ...c, id: decode(c.id) }));
        navigator.credentials.get({ publicKey: pk }).then((cred) => done({
            id: cred.id,
            rawId: encode(cred.rawId),
            type: cred.type,
            response: {
                clientDataJSON: encode(cred.response.clientDataJSON),
                authenticatorData: encode(cred.response.authenticatorData),
                signature: encode(cred.response.signature),
                userHandle: cred.response.userHandle ? encode(cred.response.userHandle) : null,
            },
            clientExtensionResults: cred.getClientExtensionResults(),
        }), (e) => done({ error: String(e) }));
    "#;
    let answer = b.execute_async(script, vec![options.clone()]).await.unwrap();
    assert!(answer.get("error").is_none(), "the browser answered: {answer}");
    answer
}

async fn passkeys_in_a_real_browser(db: Db) {
    let app = TestApp::spawn_on_localhost(db, &[]).await;
    let Some(browser) = Browser::start(1000, 900).await else { return };
    browser.run(|b| ceremonies(app, b)).await;
}

async fn ceremonies(app: TestApp, b: Client) {
    let email = "pia@example.com";
    app.register(email, PASSWORD).await;
    app.verify(email).await;
    b.goto(&format!("{}/account/login", app.public)).await.unwrap();
    let authenticator = add_authenticator(&b).await;

    // Registration on the account page: signed in a moment ago, so no password is asked for.
    log_in_with_password(&app, &b, email).await;
    wait_for_path(&b, "/account/").await;
    assert_self_contained(&b, &app.public).await;
    fill(&b, "name", "Test phone").await;
    click(&b, "#passkey-add").await;
    // The browser is on /account/ already: wait for the list, which only a passkey makes.
    assert!(text(&b, ".passkeys").await.contains("Test phone"));
    wait_for_path(&b, "/account/").await;
    assert_eq!(flash(&b).await, "Passkey added. You can sign in with it now.");
    let mails = app.mails(email, 2).await;
    assert!(mails.iter().any(|m| m["subject"].as_str().unwrap().contains("A passkey was added")));
    screenshot(&b, "passkeys.png").await;
    let held = credentials(&b, &authenticator).await;
    assert_eq!(held.len(), 1, "one credential on the device: {held:?}");
    assert_eq!(held[0]["isResidentCredential"], true, "discoverable, for sign-in by itself");

    // Passwordless: no username typed, the passkey alone.
    log_out(&b).await;
    click(&b, "#passkey-login").await;
    wait_for_path(&b, "/account/").await;
    assert!(text(&b, ".facts").await.contains(email));

    // A clone: the device as it was before the next sign-in, its counter now behind.
    let before = credentials(&b, &authenticator).await.remove(0);
    log_out(&b).await;
    click(&b, "#passkey-login").await;
    wait_for_path(&b, "/account/").await;
    log_out(&b).await;
    restore(&b, &authenticator, &before).await;
    click(&b, "#passkey-login").await;
    // The refusal is the login page again, answering the form's post (the browser was on
    // the login page already, so its title alone would not tell).
    wait_for_path(&b, "/account/passkeys/login").await;
    let refusal = text(&b, ".alert").await;
    assert!(refusal.contains("not accepted"), "a counter that goes back is refused: {refusal}");
    assert!(b.get_named_cookie("session_id").await.is_err(), "and no session opened");

    // The device again, its counter ahead, begun on one node and finished on another (both
    // behind the same public URL); a device-bound key signs in as `hwk`.
    let mut ahead = before.clone();
    ahead["signCount"] = json!(1000);
    restore(&b, &authenticator, &ahead).await;
    let other = app.another_node(&[]).await;
    let res = app.post_json("/api/auth/passkeys/login/options", json!({})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let begun: Value = res.json().await.unwrap();
    let answer = assert_in_page(&b, &begun["options"]).await;
    let finish = json!({"ceremony": begun["ceremony"], "credential": answer});
    let res = other.post_json("/api/auth/passkeys/login", finish.clone()).await;
    assert_eq!(res.status(), StatusCode::OK, "{}", res.text().await.unwrap());
    assert!(session_cookie(res.headers()).is_some());
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["user"]["email"], email);
    assert_eq!(amr(body["access_token"].as_str().unwrap()), ["hwk"]);
    // The ceremony is spent: the same answer again, on either node, opens nothing.
    for node in [&app, &other] {
        let res = node.post_json("/api/auth/passkeys/login", finish.clone()).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST);
        assert_eq!(error_body(res).await["code"], "invalid_ceremony");
    }

    // As the second step: with TOTP on, the password then the passkey instead of a code.
    let login = app.login(email, PASSWORD).await;
    crate::mfa::enrol_for(&app, &login).await;
    log_in_with_password(&app, &b, email).await;
    wait_for_title(&b, "Two-factor code · Portcullis").await;
    click(&b, "#passkey-login").await;
    wait_for_path(&b, "/account/").await;
    assert!(text(&b, ".facts").await.contains(email));
    let res = app.post_json("/api/auth/login", json!({"email": email, "password": PASSWORD})).await;
    let first: Value = res.json().await.unwrap();
    assert_eq!(first["methods"], json!(["totp", "recovery_code", "passkey"]));
    let res = app
        .post_json("/api/auth/passkeys/login/options", json!({"mfa_token": first["mfa_token"]}))
        .await;
    let begun: Value = res.json().await.unwrap();
    let allowed = begun["options"]["publicKey"]["allowCredentials"].as_array().unwrap();
    assert_eq!(allowed.len(), 1, "the account's own passkey is asked for");
    let answer = assert_in_page(&b, &begun["options"]).await;
    let finish = json!({"ceremony": begun["ceremony"], "credential": answer});
    let res = other.post_json("/api/auth/passkeys/login", finish).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert_eq!(amr(body["access_token"].as_str().unwrap()), ["pwd", "hwk"]);
    // The login challenge is spent with it.
    let res = app
        .post_json("/api/auth/passkeys/login/options", json!({"mfa_token": first["mfa_token"]}))
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

/// Under `PORTCULLIS_REQUIRE_MFA`, a password login of an account without a second factor
/// may only enrol one, on the account page: a passkey will do, and then it is that account's
/// second factor, so the session that registered it becomes two-factor and every other ends.
async fn a_first_passkey_under_require_mfa_is_enrolment_and_ends_other_sessions(db: Db) {
    let app = TestApp::spawn_on_localhost(db, &[("PORTCULLIS_REQUIRE_MFA", "true")]).await;
    let Some(browser) = Browser::start(1000, 900).await else { return };
    browser.run(|b| first_passkey(app, b)).await;
}

async fn first_passkey(app: TestApp, b: Client) {
    let email = "quinn@example.com";
    app.register(email, PASSWORD).await;
    app.verify(email).await;
    let other = app.login(email, PASSWORD).await;
    assert_eq!(other.body["mfa_enrollment_required"], true);
    b.goto(&format!("{}/account/login", app.public)).await.unwrap();
    add_authenticator(&b).await;
    log_in_with_password(&app, &b, email).await;
    wait_for_path(&b, "/account/").await;
    assert!(!b.source().await.unwrap().contains("sessions-title"), "enrolment only");
    fill(&b, "name", "Phone").await;
    click(&b, "#passkey-add").await;
    assert!(text(&b, ".passkeys").await.contains("Phone"));
    wait_for_path(&b, "/account/").await;
    assert_eq!(flash(&b).await, "Passkey added. You can sign in with it now.");
    assert!(b.source().await.unwrap().contains("sessions-title"), "two-factor now");
    assert_eq!(app.user_status_bearer(&other.access_token).await, StatusCode::UNAUTHORIZED);
    assert_eq!(app.user_status_cookie(&other.cookie).await, StatusCode::UNAUTHORIZED);
}

backends!(
    passkeys_in_a_real_browser,
    a_first_passkey_under_require_mfa_is_enrolment_and_ends_other_sessions,
);

// ---------------------------------------------------------------------------------------------
// Over the API
// ---------------------------------------------------------------------------------------------

/// An assertion that parses but comes from no authenticator we know.
fn forged_assertion() -> Value {
    json!({
        "id": "AAECAwQFBgcICQoLDA0ODw",
        "rawId": "AAECAwQFBgcICQoLDA0ODw",
        "type": "public-key",
        "response": {
            "clientDataJSON": "e30",
            "authenticatorData": "AAAA",
            "signature": "AAAA",
            "userHandle": null
        },
        "clientExtensionResults": {}
    })
}

async fn begin_login(app: &TestApp) -> String {
    let res = app.post_json("/api/auth/passkeys/login/options", json!({})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    let pk = &body["options"]["publicKey"];
    assert!(pk["challenge"].as_str().is_some_and(|c| c.len() >= 43), "{body}");
    assert_eq!(pk["rpId"], "localhost");
    assert_eq!(pk["userVerification"], "required");
    body["ceremony"].as_str().unwrap().to_owned()
}

async fn bad_input_is_refused_with_a_clear_error(db: Db) {
    let app = TestApp::spawn_on_localhost(db, &[]).await;
    let cases = [
        (json!({}), StatusCode::BAD_REQUEST, "missing_field"),
        (json!({"ceremony": "x"}), StatusCode::BAD_REQUEST, "missing_field"),
        (json!({"ceremony": "x", "credential": "text"}), StatusCode::BAD_REQUEST, "invalid_field"),
        (
            json!({"ceremony": "x", "credential": {"id": 1}}),
            StatusCode::BAD_REQUEST,
            "invalid_field",
        ),
        (
            json!({"ceremony": "no such ceremony", "credential": forged_assertion()}),
            StatusCode::BAD_REQUEST,
            "invalid_ceremony",
        ),
    ];
    for (body, status, code) in cases {
        let res = app.post_json("/api/auth/passkeys/login", body.clone()).await;
        assert_eq!(res.status(), status, "{body}");
        assert_eq!(error_body(res).await["code"], code, "{body}");
    }
    // A live ceremony and an assertion of no registered passkey: refused, and the ceremony
    // is spent.
    let ceremony = begin_login(&app).await;
    let finish = json!({"ceremony": ceremony, "credential": forged_assertion()});
    let res = app.post_json("/api/auth/passkeys/login", finish.clone()).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(error_body(res).await["code"], "passkey_rejected");
    let res = app.post_json("/api/auth/passkeys/login", finish).await;
    assert_eq!(error_body(res).await["code"], "invalid_ceremony");
    // A dead login challenge.
    let res = app.post_json("/api/auth/passkeys/login/options", json!({"mfa_token": "nope"})).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(error_body(res).await["code"], "invalid_mfa_token");
}

async fn registration_needs_a_session_step_up_and_its_own_ceremony(db: Db) {
    let app = TestApp::spawn_on_localhost(db, &[("PORTCULLIS_REAUTH_WINDOW", "1s")]).await;
    let res = app.post_json("/api/auth/passkeys/register/options", json!({})).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    app.register("reg@example.com", PASSWORD).await;
    app.verify("reg@example.com").await;
    let login = app.login("reg@example.com", PASSWORD).await;
    let call = |method: reqwest::Method, path: &str, body: Value| {
        app.bearer(method, path, &login.access_token).json(&body).send()
    };
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let res = call(reqwest::Method::POST, "/api/auth/passkeys/register/options", json!({}))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN, "step-up after the window");
    assert_eq!(error_body(res).await["code"], "reauthentication_required");
    let with_password = json!({"password": PASSWORD});
    let res = call(reqwest::Method::POST, "/api/auth/passkeys/register/options", with_password)
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    let pk = &body["options"]["publicKey"];
    assert_eq!(pk["rp"]["id"], "localhost");
    assert_eq!(pk["authenticatorSelection"]["residentKey"], "preferred");
    assert_eq!(pk["authenticatorSelection"]["userVerification"], "required");
    assert_ne!(pk["user"]["id"], json!(login.body["user"]["id"]), "a random handle, not the id");
    // A login ceremony does not finish a registration (and is spent trying).
    let ceremony = begin_login(&app).await;
    let res = call(
        reqwest::Method::POST,
        "/api/auth/passkeys/register",
        json!({"ceremony": ceremony, "credential": {"id": "x", "rawId": "AA", "type": "public-key",
            "response": {"attestationObject": "AA", "clientDataJSON": "AA"}}}),
    )
    .await
    .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(error_body(res).await["code"], "invalid_ceremony");
    // A registration answer that does not verify.
    let res = call(
        reqwest::Method::POST,
        "/api/auth/passkeys/register",
        json!({"ceremony": body["ceremony"], "credential": {"id": "x", "rawId": "AA",
            "type": "public-key", "response": {"attestationObject": "AA", "clientDataJSON": "e30"}}}),
    )
    .await
    .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(error_body(res).await["code"], "passkey_rejected");
    // Names, and passkeys that are not there.
    let long = "n".repeat(65);
    let res = call(reqwest::Method::PATCH, "/api/auth/passkeys/nope", json!({"name": long}))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let res = call(reqwest::Method::PATCH, "/api/auth/passkeys/nope", json!({"name": "ok"}))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(error_body(res).await["code"], "passkey_not_found");
    let res =
        call(reqwest::Method::DELETE, "/api/auth/passkeys/nope", json!({"password": PASSWORD}))
            .await
            .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = call(reqwest::Method::GET, "/api/auth/passkeys", json!({})).await.unwrap();
    assert_eq!(res.json::<Value>().await.unwrap(), json!({"passkeys": []}));
}

async fn passkeys_are_off_where_the_public_url_cannot_be_a_relying_party(db: Db) {
    // The test default: http://127.0.0.1:…, an IP address.
    let app = TestApp::spawn(db).await;
    let res = app.post_json("/api/auth/passkeys/login/options", json!({})).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let body = error_body(res).await;
    assert_eq!(body["code"], "passkeys_unavailable");
    assert!(body["message"].as_str().unwrap().contains("PORTCULLIS_PUBLIC_URL"), "{body}");
    let page = app.client.get(app.url("/account/login")).send().await.unwrap();
    let html = page.text().await.unwrap();
    assert!(!html.contains("passkey"), "the login page offers no passkey button");
}

async fn the_passkey_limit_holds_when_registrations_finish_at_once(db: Db) {
    use portcullis::store::{PasskeyInsert, StoredPasskey};
    let app = TestApp::spawn(db).await;
    let email = "many@example.com";
    let user = app.register(email, PASSWORD).await;
    let user_id = user["user"]["id"].as_str().unwrap().to_owned();
    let store = &app.auth.store();
    let mail = app.auth.mailer().in_locale(None).passkey_changed(email, true).unwrap();
    let passkey = |i: i64| StoredPasskey {
        id: format!("passkey-{i}"),
        user_id: user_id.clone(),
        credential_id: format!("credential-{i}"),
        user_handle: "handle".into(),
        name: format!("Key {i}"),
        credential: "{}".into(),
        sign_count: 0,
        backup_eligible: false,
        backup_state: false,
        created_at: 1_700_000_000_000 + i,
        last_used_at: None,
    };
    for i in 0..19 {
        let p = passkey(i);
        let added = store
            .insert_passkey(&p, &format!("hash-{i}"), &mail, 20, None, None, &mut Audit::none())
            .await
            .unwrap();
        assert_eq!(added, PasskeyInsert::Inserted);
    }
    // Three registrations begun at 19 finish at once: one fits.
    let finishing: Vec<_> = (19..22).map(passkey).collect();
    let outcomes = futures::future::join_all(finishing.iter().map(|p| {
        let hash = format!("hash-{}", p.id);
        let mail = &mail;
        async move {
            store.insert_passkey(p, &hash, mail, 20, None, None, &mut Audit::none()).await.unwrap()
        }
    }))
    .await;
    let added = outcomes.iter().filter(|o| **o == PasskeyInsert::Inserted).count();
    assert_eq!(added, 1, "{outcomes:?}");
    assert!(outcomes.iter().all(|o| matches!(o, PasskeyInsert::Inserted | PasskeyInsert::Full)));
    assert_eq!(store.passkey_count(&user_id).await.unwrap(), 20);
}

async fn a_user_has_at_most_five_passkey_registrations_pending(db: Db) {
    use sqlx::Row;
    let app = TestApp::spawn_on_localhost(db, &[]).await;
    let email = "pending@example.com";
    app.register(email, PASSWORD).await;
    app.verify(email).await;
    let login = app.login(email, PASSWORD).await;
    let mut ceremonies = Vec::new();
    for _ in 0..7 {
        // Ceremonies are ordered by when they began, to the millisecond: one apart.
        tokio::time::sleep(std::time::Duration::from_millis(3)).await;
        let res = app
            .bearer(
                reqwest::Method::POST,
                "/api/auth/passkeys/register/options",
                &login.access_token,
            )
            .json(&json!({}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        ceremonies
            .push(res.json::<Value>().await.unwrap()["ceremony"].as_str().unwrap().to_owned());
    }
    let live: i64 =
        sqlx::query("SELECT COUNT(*) AS n FROM webauthn_ceremonies WHERE used_at IS NULL")
            .fetch_one(app.auth.store().pool())
            .await
            .unwrap()
            .try_get("n")
            .unwrap();
    assert_eq!(live, 5, "the newest five");
    let finish = |ceremony: &str| {
        let answer = json!({"id": "x", "rawId": "AA", "type": "public-key",
            "response": {"attestationObject": "AA", "clientDataJSON": "e30"}});
        app.bearer(reqwest::Method::POST, "/api/auth/passkeys/register", &login.access_token)
            .json(&json!({"ceremony": ceremony, "credential": answer}))
            .send()
    };
    // The two oldest stopped working; the others are still live (the made-up answer is what
    // they refuse).
    for (i, ceremony) in ceremonies.iter().enumerate() {
        let res = finish(ceremony).await.unwrap();
        assert_eq!(res.status(), StatusCode::BAD_REQUEST);
        let expected = if i < 2 { "invalid_ceremony" } else { "passkey_rejected" };
        assert_eq!(error_body(res).await["code"], expected, "ceremony {i}");
    }
}

backends!(
    bad_input_is_refused_with_a_clear_error,
    registration_needs_a_session_step_up_and_its_own_ceremony,
    passkeys_are_off_where_the_public_url_cannot_be_a_relying_party,
    the_passkey_limit_holds_when_registrations_finish_at_once,
    a_user_has_at_most_five_passkey_registrations_pending,
);

#[tokio::test]
async fn the_openapi_document_describes_the_passkey_routes() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let doc: Value =
        app.client.get(app.url("/openapi.json")).send().await.unwrap().json().await.unwrap();
    for (path, method) in [
        ("/api/auth/passkeys", "get"),
        ("/api/auth/passkeys/register/options", "post"),
        ("/api/auth/passkeys/register", "post"),
        ("/api/auth/passkeys/{id}", "patch"),
        ("/api/auth/passkeys/{id}", "delete"),
        ("/api/auth/passkeys/login/options", "post"),
        ("/api/auth/passkeys/login", "post"),
    ] {
        assert!(doc["paths"][path][method].is_object(), "{method} {path} is in the document");
    }
}
