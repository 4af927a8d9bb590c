//! Webhooks: a real HTTP receiver on loopback checks every delivery's Standard Webhooks
//! signature with its own implementation, and sees events survive its own outage and arrive
//! once from two nodes.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine as _;
use serde_json::Value;

use crate::backends;
use crate::helpers::{Db, TestApp, PASSWORD};

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

/// What the receiver got: (webhook-id, event type, body), in arrival order.
type Got = Arc<Mutex<Vec<(String, String, String)>>>;

/// The receiver's own check of a delivery, written from the Standard Webhooks
/// specification: HMAC-SHA256 over `id.timestamp.body` with the base64 secret after
/// `whsec_`, sent as `v1,<base64>` (several may be listed, space-separated), and a timestamp
/// within five minutes.
fn verify(headers: &axum::http::HeaderMap, body: &str) -> Result<(), String> {
    let get = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
            .ok_or(format!("no {name}"))
    };
    let (id, ts, sigs) = (get("webhook-id")?, get("webhook-timestamp")?, get("webhook-signature")?);
    let ts: i64 = ts.parse().map_err(|_| "bad timestamp")?;
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()
        as i64;
    if (now - ts).abs() > 300 {
        return Err("stale timestamp".into());
    }
    let secret =
        base64::engine::general_purpose::STANDARD.decode(&SECRET["whsec_".len()..]).unwrap();
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, &secret);
    let signed = format!("{id}.{ts}.{body}");
    for sig in sigs.split(' ') {
        let Some(b64) = sig.strip_prefix("v1,") else { continue };
        let Ok(tag) = base64::engine::general_purpose::STANDARD.decode(b64) else { continue };
        if ring::hmac::verify(&key, signed.as_bytes(), &tag).is_ok() {
            return Ok(());
        }
    }
    Err("no signature matches".into())
}

/// Starts the receiver on `port` (which may have been refusing connections until now).
/// A receiver on `port` (0: a free one the system picks, which is then returned: a port taken
/// from a closed listener can be bound by another test's server before the receiver binds it).
async fn receiver_on(port: u16, got: Got) -> u16 {
    use axum::response::IntoResponse;
    async fn hook(
        axum::extract::State(got): axum::extract::State<Got>,
        headers: axum::http::HeaderMap,
        body: String,
    ) -> axum::response::Response {
        if let Err(e) = verify(&headers, &body) {
            return (axum::http::StatusCode::BAD_REQUEST, e).into_response();
        }
        let v: Value = serde_json::from_str(&body).unwrap();
        let id = headers["webhook-id"].to_str().unwrap().to_owned();
        got.lock().unwrap().push((id, v["type"].as_str().unwrap().to_owned(), body));
        axum::http::StatusCode::NO_CONTENT.into_response()
    }
    let router = axum::Router::new().route("/hook", axum::routing::post(hook)).with_state(got);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    port
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn hook_settings(port: u16) -> Vec<(&'static str, String)> {
    vec![
        ("PORTCULLIS_WEBHOOK_TEST_URL", format!("http://127.0.0.1:{port}/hook")),
        ("PORTCULLIS_WEBHOOK_TEST_SECRET", SECRET.to_owned()),
        ("PORTCULLIS_WEBHOOK_POLL_INTERVAL", "100ms".to_owned()),
        ("PORTCULLIS_WEBHOOK_RETRY_BASE", "100ms".to_owned()),
    ]
}

async fn spawn(db: Db, port: u16) -> TestApp {
    let s = hook_settings(port);
    let all: Vec<(&str, &str)> = s.iter().map(|(k, v)| (*k, v.as_str())).collect();
    TestApp::spawn_with(db, &all).await
}

/// Waits until the receiver has `n` deliveries (or ten seconds).
async fn wait_for(got: &Got, n: usize) -> Vec<(String, String, String)> {
    for _ in 0..200 {
        if got.lock().unwrap().len() >= n {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // A little longer, to see any duplicate arrive.
    tokio::time::sleep(Duration::from_millis(300)).await;
    got.lock().unwrap().clone()
}

async fn signed_events_arrive_and_carry_no_secret(db: Db) {
    let got: Got = Arc::default();
    let port = receiver_on(0, got.clone()).await;
    let app = spawn(db, port).await;
    let email = "hooked@example.com";
    app.register(email, PASSWORD).await;
    let login = app.login(email, PASSWORD).await;
    let res = app
        .post_json("/api/auth/login", serde_json::json!({"email": email, "password": "wrong one"}))
        .await;
    assert_eq!(res.status(), reqwest::StatusCode::UNAUTHORIZED);
    let res = app
        .bearer(reqwest::Method::POST, "/api/auth/change-password", &login.access_token)
        .json(&serde_json::json!({"current_password": PASSWORD, "new_password": "a brand new passphrase"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), reqwest::StatusCode::OK);
    let seen = wait_for(&got, 4).await;
    let types: Vec<&str> = seen.iter().map(|(_, t, _)| t.as_str()).collect();
    for t in ["user.created", "login.succeeded", "login.failed", "password.changed"] {
        assert!(types.contains(&t), "{t} in {types:?}");
    }
    for (_, _, body) in &seen {
        for secret in [
            PASSWORD,
            "a brand new passphrase",
            &login.access_token,
            &login.refresh_token,
            &login.cookie,
        ] {
            assert!(!body.contains(secret), "a webhook carries a secret: {body}");
        }
    }
    let created = seen.iter().find(|(_, t, _)| t == "user.created").unwrap();
    let v: Value = serde_json::from_str(&created.2).unwrap();
    assert_eq!(v["data"]["user_id"], login.body["user"]["id"]);
}

async fn a_receiver_down_then_up_loses_nothing(db: Db) {
    // Nothing listens on the receiver's port yet: every attempt is refused.
    let port = free_port();
    let app = spawn(db, port).await;
    for i in 0..3 {
        app.register(&format!("down{i}@example.com"), PASSWORD).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let got: Got = Arc::default();
    let _ = receiver_on(port, got.clone()).await;
    let seen = wait_for(&got, 3).await;
    let created = seen.iter().filter(|(_, t, _)| t == "user.created").count();
    assert_eq!(created, 3, "every event, after the outage: {seen:?}");
}

async fn two_nodes_deliver_each_event_once(db: Db) {
    let got: Got = Arc::default();
    let port = receiver_on(0, got.clone()).await;
    let app = spawn(db, port).await;
    let s = hook_settings(port);
    let all: Vec<(&str, &str)> = s.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let other = app.another_node(&all).await;
    for i in 0..10 {
        let node = if i % 2 == 0 { &app } else { &other };
        node.register(&format!("twice{i}@example.com"), PASSWORD).await;
    }
    let seen = wait_for(&got, 10).await;
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    for (id, _, _) in &seen {
        *by_id.entry(id.as_str()).or_default() += 1;
    }
    assert!(by_id.values().all(|n| *n == 1), "each delivery once: {by_id:?}");
    assert_eq!(seen.iter().filter(|(_, t, _)| t == "user.created").count(), 10);
}

/// The events of `kind` the receiver got, as JSON bodies.
fn of_kind(seen: &[(String, String, String)], kind: &str) -> Vec<Value> {
    seen.iter()
        .filter(|(_, t, _)| t == kind)
        .map(|(_, _, body)| serde_json::from_str(body).unwrap())
        .collect()
}

/// Events the change itself names the account of (a link's token names it only once spent)
/// carry it; a link spent twice, a logout of a dead session, a refused change: no event.
async fn each_change_announces_itself_once_with_its_account(db: Db) {
    let got: Got = Arc::default();
    let port = receiver_on(0, got.clone()).await;
    let app = spawn(db, port).await;
    let email = "changes@example.com";
    let user = app.register(email, PASSWORD).await;
    let id = user["user"]["id"].clone();
    let token = app.token_from_mail(email, "Confirm").await;
    for expected in [reqwest::StatusCode::OK, reqwest::StatusCode::BAD_REQUEST] {
        let res =
            app.post_json("/api/auth/verify-email", serde_json::json!({"token": token})).await;
        assert_eq!(res.status(), expected);
    }
    app.post_json("/api/auth/forgot-password", serde_json::json!({"email": email})).await;
    let reset = app.token_from_mail(email, "Reset").await;
    let body = serde_json::json!({"token": reset, "new_password": "a brand new passphrase"});
    assert_eq!(app.post_json("/api/auth/reset-password", body.clone()).await.status(), 200);
    assert_eq!(app.post_json("/api/auth/reset-password", body).await.status(), 400);
    let login = app.login(email, "a brand new passphrase").await;
    for _ in 0..2 {
        app.bearer(reqwest::Method::POST, "/api/auth/logout", &login.access_token)
            .send()
            .await
            .unwrap();
    }
    let other = app.login(email, "a brand new passphrase").await;
    let res = app
        .bearer(reqwest::Method::DELETE, "/api/auth/user", &other.access_token)
        .json(&serde_json::json!({"password": "a brand new passphrase"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), reqwest::StatusCode::OK);
    let seen = wait_for(&got, 6).await;
    for kind in ["user.email_verified", "password.reset", "session.revoked", "user.deleted"] {
        let events = of_kind(&seen, kind);
        assert_eq!(events.len(), 1, "one {kind}: {seen:?}");
        assert_eq!(events[0]["data"]["user_id"], id, "{kind} names the account");
    }
}

/// The audit entry and its deliveries are written in the transaction of the change: when
/// they cannot be written, the change does not happen either (here the outbox table is
/// renamed away under the running server).
async fn a_change_and_its_event_commit_together(db: Db) {
    use sqlx::Connection as _;
    let got: Got = Arc::default();
    let port = receiver_on(0, got.clone()).await;
    let app = spawn(db, port).await;
    let login = app.user("together@example.com").await;
    let mut conn = sqlx::AnyConnection::connect(&app.database_url).await.unwrap();
    sqlx::query("ALTER TABLE webhook_outbox RENAME TO webhook_outbox_away")
        .execute(&mut conn)
        .await
        .unwrap();
    let res = app
        .bearer(reqwest::Method::POST, "/api/auth/logout", &login.access_token)
        .send()
        .await
        .unwrap();
    assert!(res.status().is_server_error(), "{}", res.status());
    assert_eq!(
        app.user_status_bearer(&login.access_token).await,
        reqwest::StatusCode::OK,
        "no logout without its event"
    );
    sqlx::query("ALTER TABLE webhook_outbox_away RENAME TO webhook_outbox")
        .execute(&mut conn)
        .await
        .unwrap();
    let res = app
        .bearer(reqwest::Method::POST, "/api/auth/logout", &login.access_token)
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.status());
    assert_eq!(
        app.user_status_bearer(&login.access_token).await,
        reqwest::StatusCode::UNAUTHORIZED
    );
    let seen = wait_for(&got, 3).await;
    assert_eq!(of_kind(&seen, "session.revoked").len(), 1, "{seen:?}");
}

/// A receiver that authenticates by a token in its URL's query: a failed delivery's error, as
/// stored in the outbox (and logged: the same text), names no token.
async fn a_failed_delivery_keeps_the_urls_token_out_of_its_error(db: Db) {
    use sqlx::Connection as _;
    // Nothing listens there: every attempt fails with reqwest's own error, which names the URL.
    let port = free_port();
    let url = format!("http://user:pa55word@127.0.0.1:{port}/hook?token=supersecret");
    let settings = [
        ("PORTCULLIS_WEBHOOK_TEST_URL", url.as_str()),
        ("PORTCULLIS_WEBHOOK_TEST_SECRET", SECRET),
        ("PORTCULLIS_WEBHOOK_POLL_INTERVAL", "100ms"),
        ("PORTCULLIS_WEBHOOK_RETRY_BASE", "100ms"),
    ];
    let app = TestApp::spawn_with(db, &settings).await;
    app.register("token-in-url@example.com", PASSWORD).await;
    let mut conn = sqlx::AnyConnection::connect(&app.database_url).await.unwrap();
    let mut errors = Vec::new();
    for _ in 0..100 {
        let rows =
            sqlx::query("SELECT last_error FROM webhook_outbox WHERE last_error IS NOT NULL")
                .fetch_all(&mut conn)
                .await
                .unwrap();
        errors = rows.iter().map(|r| sqlx::Row::get::<String, _>(r, "last_error")).collect();
        if !errors.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(!errors.is_empty(), "the delivery failed and said why");
    for e in &errors {
        assert!(!e.contains("supersecret") && !e.contains("pa55word"), "{e}");
    }
}

/// A row queued for delivery as the audit path writes it, with nothing running that would
/// deliver it (the app has no webhook configured, so no worker): the test leases it by hand.
async fn queued_webhook_row(app: &TestApp, id: &str) {
    let now = portcullis::clock::now_ms();
    let sql = format!(
        "INSERT INTO webhook_outbox (id, endpoint, event_type, payload, created_at, status, \
         next_attempt_at) VALUES ('{id}', 'test', 'user.created', '{{}}', {now}, 'pending', {now})"
    );
    sqlx::query(&sql).execute(app.auth.store().pool()).await.unwrap();
}

async fn webhook_status(app: &TestApp, id: &str) -> String {
    let sql = format!("SELECT status FROM webhook_outbox WHERE id = '{id}'");
    let row = sqlx::query(&sql).fetch_one(app.auth.store().pool()).await.unwrap();
    match sqlx::Row::try_get::<String, _>(&row, "status") {
        Ok(s) => s,
        Err(_) => String::from_utf8(sqlx::Row::get::<Vec<u8>, _>(&row, "status")).unwrap(),
    }
}

/// A worker whose lease ran out while its receiver was slow reports its failure after
/// another node has claimed the row again and delivered it: the row stays delivered, and is
/// not queued to be sent a second time. Both queues share the lease statements' rules; each
/// is checked (the app has neither SMTP nor a webhook configured, so nothing else claims).
async fn a_late_failure_from_a_lapsed_lease_does_not_requeue_a_delivered_item(db: Db) {
    use portcullis::store::{Due, Queue};
    let app = TestApp::spawn(db).await;
    let store = &app.auth.store();
    queued_webhook_row(&app, "late-failure").await;
    let mail = app.auth.mailer().in_locale(None).password_changed("late@example.com").unwrap();
    store.enqueue_mail(&mail, portcullis::clock::now_ms()).await.unwrap();
    for queue in [Queue::Webhook, Queue::Mail] {
        let now = portcullis::clock::now_ms();
        let due = store.due(queue, now, 10).await.unwrap();
        assert_eq!(due.len(), 1, "{queue:?}: {due:?}");
        let first = store.claim(queue, &due[0], now, now + 1).await.unwrap();
        let first = first.expect("first claim");
        let due = Due { id: first.id.clone(), attempts: first.attempt };
        let second = store.claim(queue, &due, now + 2, now + 60_000).await.unwrap();
        let second = second.expect("claimed again once the first lease ran out");
        assert_eq!(second.attempt, 2);
        store.delivered(queue, &second, now + 3, None).await.unwrap();
        store.attempt_failed(queue, &first, Some(now + 4), "late", None).await.unwrap();
        store.attempt_failed(queue, &first, None, "late", None).await.unwrap();
        let due = store.due(queue, now + 86_400_000, 10).await.unwrap();
        assert!(due.is_empty(), "{queue:?}: nothing left to send: {due:?}");
    }
    assert_eq!(webhook_status(&app, "late-failure").await, "delivered");
    let sent = sqlx::query("SELECT COUNT(*) AS n FROM outbox WHERE status = 'sent'")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(sqlx::Row::get::<i64, _>(&sent, "n"), 1, "the mail stays sent");
}

/// An organisation's life, through the API, reaches a receiver as signed `organization.*`
/// events, once each.
async fn an_organisations_life_is_announced_to_webhooks(db: Db) {
    use reqwest::Method;
    let got: Got = Arc::default();
    let port = receiver_on(0, got.clone()).await;
    let app = spawn(db, port).await;
    let owner = app.user("hooked-owner@example.com").await;
    let before = wait_for(&got, 2).await.len();
    let send = |method: Method, path: String, body: Value| {
        let req = app.bearer(method, &path, &owner.access_token).json(&body);
        async move {
            let res = req.send().await.unwrap();
            assert!(res.status().is_success(), "{path}: {}", res.status());
            res.json::<Value>().await.unwrap()
        }
    };
    let org =
        send(Method::POST, "/api/auth/organizations".into(), serde_json::json!({"name": "Hooked"}))
            .await;
    let id = org["id"].as_str().unwrap().to_owned();
    let base = format!("/api/auth/organizations/{id}");
    send(
        Method::POST,
        format!("{base}/invitations"),
        serde_json::json!({"email": "hooked@example.com"}),
    )
    .await;
    let token = app.token_from_mail("hooked@example.com", "join Hooked").await;
    let member = app.user("hooked@example.com").await;
    let res = app
        .bearer(Method::POST, "/api/auth/organizations/invitations/accept", &member.access_token)
        .json(&serde_json::json!({"token": token}))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success());
    let member_id = member.body["user"]["id"].as_str().unwrap().to_owned();
    send(
        Method::PATCH,
        format!("{base}/members/{member_id}"),
        serde_json::json!({"role": "admin"}),
    )
    .await;
    send(Method::DELETE, format!("{base}/members/{member_id}"), serde_json::json!(null)).await;
    send(Method::PATCH, base.clone(), serde_json::json!({"name": "Hooked Inc"})).await;
    send(Method::DELETE, base.clone(), serde_json::json!({})).await;
    let seen = wait_for(&got, before + 6).await;
    // Each once (deliveries may overlap, so the order they arrive in is not asserted).
    let mut types: Vec<&str> = seen[before..]
        .iter()
        .map(|(_, t, _)| t.as_str())
        .filter(|t| t.starts_with("organization."))
        .collect();
    types.sort_unstable();
    assert_eq!(
        types,
        [
            "organization.created",
            "organization.deleted",
            "organization.member_added",
            "organization.member_removed",
            "organization.member_updated",
            "organization.updated",
        ]
    );
}

backends!(
    an_organisations_life_is_announced_to_webhooks,
    signed_events_arrive_and_carry_no_secret,
    a_receiver_down_then_up_loses_nothing,
    two_nodes_deliver_each_event_once,
    each_change_announces_itself_once_with_its_account,
    a_change_and_its_event_commit_together,
    a_failed_delivery_keeps_the_urls_token_out_of_its_error,
    a_late_failure_from_a_lapsed_lease_does_not_requeue_a_delivered_item,
    every_audit_event_is_stored_by_its_name_and_announced_as_its_type,
);

#[test]
fn a_bad_webhook_secret_or_event_stops_startup_naming_the_setting() {
    for (name, value) in [
        ("PORTCULLIS_WEBHOOK_X_SECRET", "not-whsec"),
        ("PORTCULLIS_WEBHOOK_X_EVENTS", "user.created,user.exploded"),
        ("PORTCULLIS_WEBHOOK_X_URL", "ftp://example.com/"),
    ] {
        let mut map = vec![
            ("PORTCULLIS_WEBHOOK_X_URL", "https://example.com/hook"),
            ("PORTCULLIS_WEBHOOK_X_SECRET", SECRET),
        ];
        map.retain(|(k, _)| *k != name);
        map.push((name, value));
        let err = portcullis::Settings::from_map(map).unwrap_err().to_string();
        assert!(err.contains(name), "{err}");
    }
}

/// Every audit event, recorded through the service, is stored under its name and outcome and
/// delivered as its webhook type, or not at all (the table of docs/admin-and-webhooks.md,
/// which `domain::audit`'s unit test holds the enum to).
async fn every_audit_event_is_stored_by_its_name_and_announced_as_its_type(db: Db) {
    use portcullis::domain::AuditEvent;
    use portcullis::service::audit::Event;
    use strum::IntoEnumIterator;
    let got: Got = Arc::default();
    let port = receiver_on(0, got.clone()).await;
    let app = spawn(db, port).await;
    let client = portcullis::service::ClientInfo::default();
    for (i, kind) in AuditEvent::iter().enumerate() {
        app.auth.audit(&client, Event::new(kind).detail(format!("event {i}"))).await;
    }
    let entries = app.auth.store().audit_entries(0, None).await.unwrap();
    assert_eq!(entries.len(), AuditEvent::iter().count(), "{entries:?}");
    let announced = AuditEvent::iter().filter(|k| k.webhook().is_some()).count();
    let seen = wait_for(&got, announced).await;
    assert_eq!(seen.len(), announced, "{seen:?}");
    for (i, kind) in AuditEvent::iter().enumerate() {
        let detail = format!("event {i}");
        let stored: Vec<_> =
            entries.iter().filter(|e| e.detail.as_deref() == Some(detail.as_str())).collect();
        assert_eq!(stored.len(), 1, "{kind:?}: {entries:?}");
        assert_eq!((stored[0].event.as_str(), stored[0].outcome.as_str()), kind.stored());
        let sent: Vec<Value> = seen
            .iter()
            .map(|(_, _, body)| serde_json::from_str::<Value>(body).unwrap())
            .filter(|v| v["data"]["detail"] == detail.as_str())
            .collect();
        match kind.webhook() {
            None => assert!(sent.is_empty(), "{kind:?} is not announced: {sent:?}"),
            Some(webhook) => {
                assert_eq!(sent.len(), 1, "{kind:?}: {seen:?}");
                assert_eq!(sent[0]["type"], webhook.as_str(), "{kind:?}");
                assert_eq!(sent[0]["data"]["event"], kind.name(), "{kind:?}");
                assert_eq!(sent[0]["data"]["outcome"], kind.outcome(), "{kind:?}");
            }
        }
    }
}
