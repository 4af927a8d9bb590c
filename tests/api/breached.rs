//! Breached-password screening (docs/breached-passwords.md): a password found in the built-in
//! filter is refused wherever a password is set, with `400 password_breached`; a correct login
//! with one is let in, and the account flagged, audited and mailed once; the NIST SP 800-63B-4
//! policy; and the check needs no network.

use std::process::{Command, Stdio};

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::backends;
use crate::helpers::{error_body, Db, TestApp, PASSWORD};

backends!(
    a_breached_password_is_refused_wherever_a_password_is_set,
    a_correct_login_with_a_breached_password_is_flagged_mailed_once_and_let_in,
    the_nist_policy_asks_fifteen_characters_or_eight_with_a_second_factor,
    an_operators_own_filter_replaces_the_built_in_one,
);

/// In the corpus (data/breached-passwords-sample.txt), long enough for the default policy, not
/// on the 19,640-entry common list: only the breached filter refuses it.
const BREACHED: &str = "goldorak1971";

fn code(v: &Value) -> &str {
    v["code"].as_str().unwrap_or_default()
}

async fn a_breached_password_is_refused_wherever_a_password_is_set(db: Db) {
    let app = TestApp::spawn(db).await;
    // The canonical API.
    let res = app
        .post_json("/api/auth/register", json!({"email": "b@example.com", "password": BREACHED}))
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let err = error_body(res).await;
    assert_eq!(code(&err), "password_breached", "{err}");
    assert!(err["message"].as_str().unwrap().contains("data breach"), "{err}");
    // The seeds' route sets, with their own shapes.
    let res = app
        .post_json(
            "/register",
            json!({"username": "bee", "email": "b@example.com", "password": BREACHED}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(code(&error_body(res).await), "password_breached");
    let res = app.post_form("/users", &[("email", "b@example.com"), ("password", BREACHED)]).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let res = app
        .post_form("/api/v1/register", &[("email", "b@example.com"), ("password", BREACHED)])
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(code(&error_body(res).await), "password_breached");
    // Nothing was made by any of them: the address is still free.
    let res = app
        .post_json("/api/auth/register", json!({"email": "b@example.com", "password": PASSWORD}))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);

    // A change, a reset, and the admin API's creation.
    let login = app.user("c@example.com").await;
    let res = app
        .bearer(Method::POST, "/api/auth/change-password", &login.access_token)
        .json(&json!({"current_password": PASSWORD, "new_password": BREACHED}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(code(&error_body(res).await), "password_breached");
    app.login("c@example.com", PASSWORD).await;
    let res = app.post_json("/api/auth/forgot-password", json!({"email": "c@example.com"})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let token = app.token_from_mail("c@example.com", "Reset").await;
    let res = app
        .post_json("/api/auth/reset-password", json!({"token": token, "new_password": BREACHED}))
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(code(&error_body(res).await), "password_breached");
    // The refused reset did not spend the link.
    let res = app
        .post_json(
            "/api/auth/reset-password",
            json!({"token": token, "new_password": "a fine new passphrase"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let key = app.auth.create_api_key("t", &["users:write".into()]).await.unwrap().1;
    let res = app
        .client
        .post(app.url("/api/admin/users"))
        .bearer_auth(&key)
        .json(&json!({"email": "d@example.com", "password": BREACHED}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(code(&error_body(res).await), "password_breached");

    // The hosted page says it next to the field, in the page's language.
    let (cookie, csrf) = crate::browser::csrf(&app).await;
    let form = [("csrf", csrf.as_str()), ("email", "e@example.com"), ("password", BREACHED)];
    let res = crate::browser::post_page(&app, "/account/register", &cookie, &form).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let html = res.text().await.unwrap();
    assert!(html.contains("appeared in a data breach"), "{html}");

    // Turned off, the same password is accepted (the seed APIs' old behaviour, if wanted).
    let off = TestApp::spawn_with(db, &[("PORTCULLIS_BREACHED_PASSWORDS", "false")]).await;
    let res = off
        .post_json("/api/auth/register", json!({"email": "b@example.com", "password": BREACHED}))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
}

async fn a_correct_login_with_a_breached_password_is_flagged_mailed_once_and_let_in(db: Db) {
    // The account was made before screening was on (an import, or an older version).
    let before = TestApp::spawn_with(db, &[("PORTCULLIS_BREACHED_PASSWORDS", "false")]).await;
    let res = before
        .post_json("/api/auth/register", json!({"email": "f@example.com", "password": BREACHED}))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    before.verify("f@example.com").await;
    let app = before.another_node(&[]).await;
    let subject = "Change your Portcullis password";
    // Let in, twice; flagged, audited and mailed once.
    app.login("f@example.com", BREACHED).await;
    app.login("f@example.com", BREACHED).await;
    assert_eq!(app.count_about("f@example.com", subject).await, 1);
    let mail = app.mail_about("f@example.com", subject).await;
    assert!(mail["text"].as_str().unwrap().contains("data breaches"), "{mail}");
    assert!(!mail["text"].as_str().unwrap().contains(BREACHED), "never the password");
    let key = app.auth.create_api_key("t", &["audit:read".into()]).await.unwrap().1;
    let audit: Value = app
        .client
        .get(app.url("/api/admin/audit?event=password_breached"))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let entries = audit["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 1, "{audit}");
    assert_eq!(entries[0]["outcome"], "detected");
    // A wrong password is no report (nothing is learnt from it).
    assert_eq!(app.login_status("f@example.com", "goldorak1972").await, StatusCode::UNAUTHORIZED);
    // A new password clears the flag: a later breached one is reported again.
    let login = app.login("f@example.com", BREACHED).await;
    let res = app
        .bearer(Method::POST, "/api/auth/change-password", &login.access_token)
        .json(&json!({"current_password": BREACHED, "new_password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    app.login("f@example.com", PASSWORD).await;
    assert_eq!(app.count_about("f@example.com", subject).await, 1);

    // `flag`: audited, no mail; `off`: nothing.
    let flag = before.another_node(&[("PORTCULLIS_BREACHED_PASSWORDS_AT_LOGIN", "flag")]).await;
    let res = before
        .post_json("/api/auth/register", json!({"email": "g@example.com", "password": BREACHED}))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    before.verify("g@example.com").await;
    flag.login("g@example.com", BREACHED).await;
    assert_eq!(flag.count_about("g@example.com", subject).await, 0);
    let audit: Value = flag
        .client
        .get(flag.url("/api/admin/audit?event=password_breached"))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(audit["entries"].as_array().unwrap().len(), 2, "{audit}");
}

async fn the_nist_policy_asks_fifteen_characters_or_eight_with_a_second_factor(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_PASSWORD_POLICY", "nist-800-63b-4")]).await;
    let register = |email: &'static str, password: &'static str| {
        app.post_json("/api/auth/register", json!({"email": email, "password": password}))
    };
    let res = register("n@example.com", "fourteen chars").await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let err = error_body(res).await;
    assert_eq!(code(&err), "weak_password");
    assert!(err["message"].as_str().unwrap().contains("at least 15"), "{err}");
    // No composition rules: fifteen lower-case letters and spaces will do.
    assert_eq!(register("n@example.com", "fifteen letters").await.status(), StatusCode::CREATED);
    // The document says what this server asks.
    let doc: Value = app.get("/openapi.json").await.json().await.unwrap();
    let doc = doc.to_string();
    assert!(doc.contains("\"minLength\":15"), "the document's minimum is the policy's");

    // With a second factor, eight characters are enough.
    app.verify("n@example.com").await;
    let login = app.login("n@example.com", "fifteen letters").await;
    crate::mfa::enrol_for(&app, &login).await;
    let res = app
        .bearer(Method::POST, "/api/auth/change-password", &login.access_token)
        .json(&json!({"current_password": "fifteen letters", "new_password": "eight ch"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK, "{}", res.text().await.unwrap());

    // What the policy forbids to turn off.
    for (name, value) in [
        ("PORTCULLIS_BREACHED_PASSWORDS", "false"),
        ("PORTCULLIS_PASSWORD_MIN_LENGTH", "12"),
        ("PORTCULLIS_PASSWORD_REQUIRE_LETTER_AND_DIGIT", "true"),
    ] {
        let map = vec![
            ("PORTCULLIS_PASSWORD_POLICY".to_owned(), "nist-800-63b-4".to_owned()),
            (name.to_owned(), value.to_owned()),
        ];
        let e = portcullis::Settings::from_map(map).unwrap_err().to_string();
        assert!(e.contains(name), "{e}");
    }
}

/// The check runs in a process with no network at all (a network namespace with only a
/// loopback that is down): a breached password is found, a strong one is not.
#[test]
fn the_check_needs_no_network() {
    let bin = env!("CARGO_BIN_EXE_portcullis");
    let unshare =
        ["/usr/bin/unshare", "/bin/unshare"].into_iter().find(|p| std::path::Path::new(p).exists());
    let Some(unshare) = unshare else {
        eprintln!("skipping: no unshare(1) here");
        return;
    };
    // Without a namespace of its own (a container that forbids them) the proof cannot run.
    let probe = Command::new(unshare).args(["-rn", "true"]).status();
    if !probe.is_ok_and(|s| s.success()) {
        assert!(
            std::env::var("CI").map_or(true, |v| v != "true"),
            "CI must be able to run the no-network check (unshare -rn)"
        );
        eprintln!("skipping: unshare -rn is not permitted here");
        return;
    }
    let check = |password: &str| {
        let mut child = Command::new(unshare)
            .args(["-rn", bin, "passwords", "check"])
            .env("PORTCULLIS_DATABASE_URL", "postgres://nowhere.invalid/x")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child.stdin.take().unwrap().write_all(password.as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(check(BREACHED).trim(), "breached");
    assert_eq!(check("v8#Lq-2mZ!pR7wXd").trim(), "not on the list");
}

/// `portcullis passwords build-filter` makes a filter from an operator's list (passwords and
/// SHA-1 lines), and `PORTCULLIS_BREACHED_PASSWORDS_FILE` screens with it instead of the
/// built-in one; a file that is no filter stops startup naming the setting.
async fn an_operators_own_filter_replaces_the_built_in_one(db: Db) {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("ours.txt");
    // One password as text, one as the SHA-1 a Have I Been Pwned file would hold.
    let sha1 = "9E0E1E0AD1E7E5D6E79B8A2B68A40E7BC8AE6C0D"; // not a password of ours: padding
    let hashed = {
        let d =
            ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, b"our own leaked one 2");
        d.as_ref().iter().map(|b| format!("{b:02X}")).collect::<String>()
    };
    std::fs::write(&list, format!("our own leaked one 1\n{sha1}:3\n{hashed}:7\n")).unwrap();
    let out = dir.path().join("ours.pcbf");
    let built = Command::new(env!("CARGO_BIN_EXE_portcullis"))
        .args(["passwords", "build-filter"])
        .arg(&list)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(built.status.success(), "{built:?}");
    let said = String::from_utf8(built.stdout).unwrap();
    assert!(
        said.contains("3 lines, 3 distinct passwords") && said.contains("peak memory"),
        "{said}"
    );

    let path = out.to_str().unwrap();
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_BREACHED_PASSWORDS_FILE", path)]).await;
    for (i, refused) in ["our own leaked one 1", "our own leaked one 2"].into_iter().enumerate() {
        let email = format!("o{i}@example.com");
        let res =
            app.post_json("/api/auth/register", json!({"email": email, "password": refused})).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{refused}");
        assert_eq!(code(&error_body(res).await), "password_breached");
    }
    // The built-in list is not consulted any more.
    let res = app
        .post_json("/api/auth/register", json!({"email": "o@example.com", "password": BREACHED}))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);

    std::fs::write(dir.path().join("not-a-filter"), b"hello").unwrap();
    let bad = dir.path().join("not-a-filter");
    let map =
        vec![("PORTCULLIS_BREACHED_PASSWORDS_FILE".to_owned(), bad.to_str().unwrap().to_owned())];
    let e = portcullis::Settings::from_map(map).unwrap_err().to_string();
    assert!(e.contains("PORTCULLIS_BREACHED_PASSWORDS_FILE"), "{e}");
}
