//! The admin API (`/api/admin`): API keys with scopes, checked on every call on every node,
//! stable pagination, and the user administration it allows.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::backends;
use crate::helpers::{error_body, Db, TestApp, PASSWORD};

async fn key(app: &TestApp, scopes: &[&str]) -> String {
    let scopes: Vec<String> = scopes.iter().map(|s| (*s).to_owned()).collect();
    app.auth.create_api_key("test", &scopes).await.unwrap().1
}

async fn call(
    app: &TestApp,
    key: &str,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> reqwest::Response {
    let mut req = app.client.request(method, app.url(path)).bearer_auth(key);
    if let Some(b) = body {
        req = req.json(&b);
    }
    req.send().await.unwrap()
}

async fn scopes_are_enforced_and_sessions_are_never_enough(db: Db) {
    let app = TestApp::spawn(db).await;
    let reader = key(&app, &["users:read"]).await;
    let res = call(&app, &reader, Method::GET, "/api/admin/users", None).await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = call(
        &app,
        &reader,
        Method::POST,
        "/api/admin/users",
        Some(json!({"email": "x@example.com"})),
    )
    .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN, "a read key cannot write");
    assert_eq!(error_body(res).await["code"], "insufficient_scope");
    let res = call(&app, &reader, Method::GET, "/api/admin/audit", None).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // No key, a made-up key, a user's access token or session cookie: 401.
    let login = app.user("admin-wannabe@example.com").await;
    for bearer in ["", "pcak_made-up", login.access_token.as_str()] {
        let res = call(&app, bearer, Method::GET, "/api/admin/users", None).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{bearer:?}");
    }
    let res = app
        .client
        .get(app.url("/api/admin/users"))
        .header("cookie", format!("session_id={}", login.cookie))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "never through a session cookie");
}

async fn a_revoked_key_is_refused_at_once_on_every_node(db: Db) {
    let app = TestApp::spawn(db).await;
    let other = app.another_node(&[]).await;
    let created = app.auth.create_api_key("revoke me", &["users:read".into()]).await.unwrap();
    for node in [&app, &other] {
        let res = call(node, &created.1, Method::GET, "/api/admin/users", None).await;
        assert_eq!(res.status(), StatusCode::OK);
    }
    app.auth.revoke_api_key(&created.0.id).await.unwrap();
    for node in [&other, &app] {
        let res = call(node, &created.1, Method::GET, "/api/admin/users", None).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "refused at once");
    }
}

async fn pages_stay_stable_while_users_are_added(db: Db) {
    let app = TestApp::spawn(db).await;
    let k = key(&app, &["users:read", "users:write"]).await;
    for i in 0..5 {
        app.register(&format!("page{i}@example.com"), PASSWORD).await;
    }
    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    let mut added = 0;
    loop {
        let path = match &after {
            Some(a) => format!("/api/admin/users?limit=2&after={a}"),
            None => "/api/admin/users?limit=2".to_owned(),
        };
        let page: Value = call(&app, &k, Method::GET, &path, None).await.json().await.unwrap();
        for u in page["users"].as_array().unwrap() {
            seen.push(u["email"].as_str().unwrap().to_owned());
        }
        // Users arrive while the listing goes on.
        if added < 3 {
            let res = call(
                &app,
                &k,
                Method::POST,
                "/api/admin/users",
                Some(json!({"email": format!("late{added}@example.com")})),
            )
            .await;
            assert_eq!(res.status(), StatusCode::CREATED);
            added += 1;
        }
        match page["next"].as_str() {
            Some(n) => after = Some(n.to_owned()),
            None => break,
        }
    }
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), seen.len(), "no user twice: {seen:?}");
    for i in 0..5 {
        assert!(seen.contains(&format!("page{i}@example.com")), "none skipped: {seen:?}");
    }
    assert_eq!(seen.len(), 8, "the late ones come at the end: {seen:?}");
    let res = call(&app, &k, Method::GET, "/api/admin/users?limit=0", None).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let res = call(&app, &k, Method::GET, "/api/admin/users?q=late", None).await;
    let found: Value = res.json().await.unwrap();
    assert_eq!(found["users"].as_array().unwrap().len(), 3);
}

async fn the_admin_manages_an_account_and_every_call_is_audited(db: Db) {
    let app = TestApp::spawn(db).await;
    let created = app
        .auth
        .create_api_key(
            "backend",
            &[
                "users:read".into(),
                "users:write".into(),
                "sessions:write".into(),
                "audit:read".into(),
            ],
        )
        .await
        .unwrap();
    let (k, key_id) = (created.1, created.0.id);
    // Created without a password, invited.
    let res = call(
        &app,
        &k,
        Method::POST,
        "/api/admin/users",
        Some(json!({"email": "invitee@example.com", "invite": true})),
    )
    .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let id = res.json::<Value>().await.unwrap()["user"]["id"].as_str().unwrap().to_owned();
    let mails = app.mails("invitee@example.com", 1).await;
    assert!(mails.iter().any(|m| m["subject"].as_str().unwrap().contains("Reset")), "{mails:?}");
    let res = call(
        &app,
        &k,
        Method::POST,
        "/api/admin/users",
        Some(json!({"email": "invitee@example.com"})),
    )
    .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    // Updated, read back.
    let res = call(
        &app,
        &k,
        Method::PATCH,
        &format!("/api/admin/users/{id}"),
        Some(json!({"username": "invitee", "email_verified": true})),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let u: Value = call(&app, &k, Method::GET, &format!("/api/admin/users/{id}"), None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(u["user"]["username"], "invitee");
    assert_eq!(u["user"]["email_verified"], true);
    // A user with a session: disabling ends it at once; enabling lets them back in.
    let login = app.user("member@example.com").await;
    let member = login.body["user"]["id"].as_str().unwrap().to_owned();
    let res =
        call(&app, &k, Method::POST, &format!("/api/admin/users/{member}/disable"), None).await;
    assert_eq!(res.json::<Value>().await.unwrap()["user"]["is_active"], false);
    assert_eq!(app.user_status_bearer(&login.access_token).await, StatusCode::UNAUTHORIZED);
    call(&app, &k, Method::POST, &format!("/api/admin/users/{member}/enable"), None).await;
    let again = app.login("member@example.com", PASSWORD).await;
    let res =
        call(&app, &k, Method::POST, &format!("/api/admin/users/{member}/sessions/revoke"), None)
            .await;
    assert_eq!(res.json::<Value>().await.unwrap()["revoked"], 1);
    assert_eq!(app.user_status_bearer(&again.access_token).await, StatusCode::UNAUTHORIZED);
    let res =
        call(&app, &k, Method::POST, &format!("/api/admin/users/{member}/factors/reset"), None)
            .await;
    assert_eq!(res.status(), StatusCode::OK);
    let res =
        call(&app, &k, Method::POST, &format!("/api/admin/users/{member}/send-reset"), None).await;
    assert_eq!(res.status(), StatusCode::OK);
    // Deleted.
    let res = call(&app, &k, Method::DELETE, &format!("/api/admin/users/{id}"), None).await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = call(&app, &k, Method::GET, &format!("/api/admin/users/{id}"), None).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    // The audit log, filtered by account: each change, with the key's id.
    let log: Value =
        call(&app, &k, Method::GET, &format!("/api/admin/audit?user_id={member}"), None)
            .await
            .json()
            .await
            .unwrap();
    let entries = log["entries"].as_array().unwrap();
    for event in [
        "admin_user_disable",
        "admin_user_enable",
        "admin_revoke_sessions",
        "admin_mfa_reset",
        "admin_send_reset",
    ] {
        let e = entries
            .iter()
            .find(|e| e["event"] == event)
            .unwrap_or_else(|| panic!("{event} in {log}"));
        assert!(e["detail"].as_str().unwrap().contains(&key_id), "{e}");
    }
    let res =
        call(&app, &k, Method::GET, "/api/admin/audit?event=admin_read&limit=500", None).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
}

async fn the_admin_api_can_have_its_own_listener(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_ADMIN_BIND", "127.0.0.1:0")]).await;
    let k = key(&app, &["users:read"]).await;
    let res = call(&app, &k, Method::GET, "/api/admin/users", None).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND, "not on the main listener");
    let port = app.admin_port.expect("an admin listener");
    let res = app
        .client
        .get(format!("http://127.0.0.1:{port}/api/admin/users"))
        .bearer_auth(&k)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let off = TestApp::spawn_with(db, &[("PORTCULLIS_ADMIN_BIND", "off")]).await;
    let k = key(&off, &["users:read"]).await;
    assert_eq!(
        call(&off, &k, Method::GET, "/api/admin/users", None).await.status(),
        StatusCode::NOT_FOUND
    );
}

/// A reset link asked for within a minute of the invitation is held back by the per-address
/// mail throttle: the answer says so (`429` with `Retry-After`) rather than claim a mail, the
/// audit log records it as throttled, and an invitation held back at creation says so too.
async fn a_reset_link_held_back_by_the_mail_throttle_is_not_claimed_as_sent(db: Db) {
    let app = TestApp::spawn(db).await;
    let k = key(&app, &["users:write", "audit:read"]).await;
    let invitee = "held-back@example.com";
    let res = call(
        &app,
        &k,
        Method::POST,
        "/api/admin/users",
        Some(json!({"email": invitee, "invite": true})),
    )
    .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["invited"], true, "{body}");
    let id = body["user"]["id"].as_str().unwrap().to_owned();
    let res =
        call(&app, &k, Method::POST, &format!("/api/admin/users/{id}/send-reset"), None).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = res.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait), "Retry-After: {wait}");
    assert_eq!(error_body(res).await["code"], "rate_limited");
    assert_eq!(app.count_about(invitee, "Reset").await, 1, "no second mail");
    let path = format!("/api/admin/audit?user_id={id}&event=admin_send_reset");
    let log: Value = call(&app, &k, Method::GET, &path, None).await.json().await.unwrap();
    let outcomes: Vec<&str> =
        log["entries"].as_array().unwrap().iter().filter_map(|e| e["outcome"].as_str()).collect();
    assert_eq!(outcomes, ["succeeded", "throttled"], "{log}");
    // Made again at once under the same address: the account exists, the invitation did not go.
    let res = call(&app, &k, Method::DELETE, &format!("/api/admin/users/{id}"), None).await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = call(
        &app,
        &k,
        Method::POST,
        "/api/admin/users",
        Some(json!({"email": invitee, "invite": true})),
    )
    .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["invited"], false, "{body}");
    assert_eq!(app.count_about(invitee, "Reset").await, 1);
}

/// An admin's change of address is no silent takeover: it ends every session of the account,
/// spends the links mailed to the old address, tells the old address (naming no new one), and
/// is audited with the sessions' end. The new address counts as unverified unless the admin
/// says otherwise; "changing" to the same address changes nothing.
async fn an_admin_email_change_ends_sessions_and_tells_the_former_address(db: Db) {
    let app = TestApp::spawn(db).await;
    let k = key(&app, &["users:write", "audit:read"]).await;
    let (old, new) = ("moved-from@example.com", "moved-to@example.com");
    app.register(old, PASSWORD).await;
    app.verify(old).await;
    let login = app.login(old, PASSWORD).await;
    let id = login.body["user"]["id"].as_str().unwrap().to_owned();
    app.post_json("/api/auth/forgot-password", json!({"email": old})).await;
    let reset = app.token_from_mail(old, "Reset").await;
    let path = format!("/api/admin/users/{id}");
    let res = call(&app, &k, Method::PATCH, &path, Some(json!({"email": new}))).await;
    assert_eq!(res.status(), StatusCode::OK);
    let user: Value = res.json().await.unwrap();
    assert_eq!(user["user"]["email"], new);
    assert_eq!(user["user"]["email_verified"], false, "not verified by the change itself");
    assert_eq!(app.user_status_bearer(&login.access_token).await, StatusCode::UNAUTHORIZED);
    assert_eq!(app.user_status_cookie(&login.cookie).await, StatusCode::UNAUTHORIZED);
    let res =
        app.post_json("/api/auth/refresh", json!({"refresh_token": login.refresh_token})).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let notice = app.mail_about(old, "email address of your").await;
    let text = notice["text"].as_str().unwrap();
    assert!(text.contains("administrator") && !text.contains(new), "{text}");
    assert!(!text.contains("http"), "no link: {text}");
    let body = json!({"token": reset, "new_password": "another long passphrase"});
    let res = app.post_json("/api/auth/reset-password", body).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST, "the old mailbox's link is spent");
    assert_eq!(app.login_status(old, PASSWORD).await, StatusCode::UNAUTHORIZED);
    assert_eq!(app.login_status(new, PASSWORD).await, StatusCode::OK);
    let log: Value = call(&app, &k, Method::GET, &format!("/api/admin/audit?user_id={id}"), None)
        .await
        .json()
        .await
        .unwrap();
    let events: Vec<&str> =
        log["entries"].as_array().unwrap().iter().filter_map(|e| e["event"].as_str()).collect();
    for event in ["admin_user_update", "admin_revoke_sessions"] {
        assert!(events.contains(&event), "{event} in {events:?}");
    }
    // The admin may vouch for the new address; the same address again moves nothing.
    let body = json!({"email": "moved-again@example.com", "email_verified": true});
    let res = call(&app, &k, Method::PATCH, &path, Some(body)).await;
    assert_eq!(res.json::<Value>().await.unwrap()["user"]["email_verified"], true);
    let again = app.login("moved-again@example.com", PASSWORD).await;
    let body = json!({"email": "Moved-Again@example.com"});
    assert_eq!(call(&app, &k, Method::PATCH, &path, Some(body)).await.status(), StatusCode::OK);
    assert_eq!(app.user_status_bearer(&again.access_token).await, StatusCode::OK);
    assert_eq!(app.count_about("moved-to@example.com", "email address of your").await, 1);
}

/// Failed key checks spend the client address's failure budget and are audited (never with
/// the key presented); once it is spent that address waits (`429`), a valid key included,
/// while another address is not held up.
async fn failed_admin_key_checks_are_throttled_per_address_and_audited(db: Db) {
    let app = TestApp::spawn_with(
        db,
        &[("PORTCULLIS_LOGIN_FAILURES_PER_HOUR", "4"), ("PORTCULLIS_TRUST_PROXY", "true")],
    )
    .await;
    let k = key(&app, &["users:read"]).await;
    let from = |ip: &str, bearer: Option<&str>| {
        let mut req =
            app.client.get(app.url("/api/admin/users")).header("x-forwarded-for", ip.to_owned());
        if let Some(b) = bearer {
            req = req.bearer_auth(b);
        }
        req.send()
    };
    let guesser = "203.0.113.7";
    for guess in [Some("pcak_guess-one"), None, Some("pcak_guess-two")] {
        let res = from(guesser, guess).await.unwrap();
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{guess:?}");
        assert_eq!(error_body(res).await["code"], "invalid_api_key");
    }
    let res = from(guesser, Some(&k)).await.unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS, "the address waits, whatever key");
    assert!(res.headers().contains_key("retry-after"));
    let res = from("198.51.100.1", Some(&k)).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK, "another address is not held up");
    let entries = app.auth.audit_log(0, None).await.unwrap();
    let failed: Vec<_> = entries.iter().filter(|e| e.event == "admin_api_key").collect();
    assert_eq!(failed.len(), 3, "{failed:?}");
    for e in failed {
        assert_eq!(e.outcome, "failed");
        assert_eq!(e.ip.as_deref(), Some(guesser));
        let detail = e.detail.clone().unwrap_or_default();
        assert!(!detail.contains("guess") && !detail.contains("pcak_"), "{detail}");
    }
}

/// The admin API's own listener answers like the main one: request ids, security headers,
/// JSON errors for what the framework answers by itself (405, 404, bad JSON).
async fn the_admin_listener_has_the_main_listeners_headers_and_errors(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_ADMIN_BIND", "127.0.0.1:0")]).await;
    let k = key(&app, &["users:read", "users:write"]).await;
    let admin = format!("http://127.0.0.1:{}", app.admin_port.unwrap());
    let res = app.client.get(format!("{admin}/api/admin/users")).bearer_auth(&k).send().await;
    let res = res.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let h = res.headers();
    assert!(h.contains_key("x-request-id"), "{h:?}");
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["cache-control"], "no-store");
    assert_eq!(h["referrer-policy"], "no-referrer");
    let res = app.client.put(format!("{admin}/api/admin/users")).bearer_auth(&k).send().await;
    let res = res.unwrap();
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    assert_eq!(error_body(res).await["code"], "method_not_allowed");
    let res = app.client.get(format!("{admin}/nowhere")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(error_body(res).await["code"], "not_found");
    let res = app
        .client
        .post(format!("{admin}/api/admin/users"))
        .bearer_auth(&k)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(error_body(res).await["code"].is_string());
}

backends!(
    scopes_are_enforced_and_sessions_are_never_enough,
    a_revoked_key_is_refused_at_once_on_every_node,
    pages_stay_stable_while_users_are_added,
    the_admin_manages_an_account_and_every_call_is_audited,
    the_admin_api_can_have_its_own_listener,
    a_reset_link_held_back_by_the_mail_throttle_is_not_claimed_as_sent,
    an_admin_email_change_ends_sessions_and_tells_the_former_address,
    failed_admin_key_checks_are_throttled_per_address_and_audited,
    the_admin_listener_has_the_main_listeners_headers_and_errors,
);

#[tokio::test]
async fn the_openapi_document_describes_the_admin_api() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let doc: Value =
        app.client.get(app.url("/openapi.json")).send().await.unwrap().json().await.unwrap();
    for (path, method) in [
        ("/api/admin/users", "get"),
        ("/api/admin/users", "post"),
        ("/api/admin/users/{id}", "patch"),
        ("/api/admin/users/{id}/disable", "post"),
        ("/api/admin/users/{id}/sessions/revoke", "post"),
        ("/api/admin/audit", "get"),
    ] {
        assert!(doc["paths"][path][method].is_object(), "{method} {path}");
    }
    assert!(doc["components"]["securitySchemes"]["api_key"].is_object());
}
