//! The console's API keys, webhooks, audit log and settings screens (`/admin/api-keys`,
//! `/admin/webhooks`, `/admin/audit`, `/admin/settings`), driven as a browser without script
//! would: a console session opened with a password and a TOTP code, every form with the CSRF
//! token.

use std::time::Duration;

use reqwest::header::{CONTENT_DISPOSITION, CONTENT_TYPE, SET_COOKIE, USER_AGENT};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::backends;
use crate::console::{
    console_admin, console_get, console_page, console_post, console_post_raw, href_of, location,
    row_ids, unescape,
};
use crate::helpers::{Db, TestApp};

backends!(
    api_keys_are_made_shown_once_used_and_revoked,
    a_failed_webhook_delivery_is_tried_again,
    the_audit_log_filters_pages_and_exports,
    the_settings_are_shown_with_secrets_masked,
);

async fn audit_count(app: &TestApp, event: &str, detail_has: &str) -> usize {
    let filter = portcullis::store::AuditFilter {
        event: Some(event.to_owned()),
        limit: 1000,
        ..Default::default()
    };
    let rows = app.auth.store().audit_page(&filter).await.unwrap();
    rows.iter().filter(|r| r.entry.detail.as_deref().unwrap_or("").contains(detail_has)).count()
}

async fn api_keys_are_made_shown_once_used_and_revoked(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut admin = console_admin(&app, "root@example.com").await;

    // Bad input: refused with the error page, nothing made.
    for form in [
        vec![("name", "ci")],
        vec![("name", ""), ("scope", "users:read")],
        vec![("name", "ci"), ("scope", "users:everything")],
    ] {
        let res = console_post(&app, &mut admin, "/admin/api-keys", &form).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{form:?}");
    }
    assert!(app.auth.api_keys().await.unwrap().is_empty());

    let form = [("name", "ci robot"), ("scope", "users:read"), ("scope", "audit:read")];
    let res = console_post(&app, &mut admin, "/admin/api-keys", &form).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["cache-control"], "no-store");
    assert!(res.headers().get(SET_COOKIE).is_none());
    let html = res.text().await.unwrap();
    let start = html.find("id=\"plain-key\">").unwrap() + "id=\"plain-key\">".len();
    let plain = html[start..start + html[start..].find('<').unwrap()].to_owned();
    assert!(plain.starts_with("pcak_"), "{plain}");
    let keys = app.auth.api_keys().await.unwrap();
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0].scopes, ["users:read", "audit:read"]);
    let key_id = keys[0].id.clone();
    // Audited with the administrator, not the command line.
    assert_eq!(audit_count(&app, "admin_api_key_create", &admin.label()).await, 1);

    // The list shows the key, never its secret.
    let list = console_page(&app, &mut admin, "/admin/api-keys").await;
    assert!(list.contains("ci robot") && list.contains(&key_id));
    assert!(!list.contains(&plain));

    // The key works against the admin API, within its scopes.
    let use_key = |path: &'static str| app.client.get(app.url(path)).bearer_auth(&plain).send();
    assert_eq!(use_key("/api/admin/users").await.unwrap().status(), StatusCode::OK);
    assert_eq!(use_key("/api/admin/clients").await.unwrap().status(), StatusCode::FORBIDDEN);

    // Revoked: refused from then on; revoking again is a 404 and changes nothing.
    let res =
        console_post(&app, &mut admin, &format!("/admin/api-keys/{key_id}/revoke"), &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/admin/api-keys?notice=revoked");
    assert_eq!(use_key("/api/admin/users").await.unwrap().status(), StatusCode::UNAUTHORIZED);
    let res =
        console_post(&app, &mut admin, &format!("/admin/api-keys/{key_id}/revoke"), &[]).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(audit_count(&app, "admin_api_key_revoke", &admin.label()).await, 1);
    let list = console_page(&app, &mut admin, "/admin/api-keys").await;
    assert!(!list.contains(&format!("id=\"revoke-{key_id}\"")));

    // Without the CSRF token, nothing is made.
    let res = console_post_raw(&app, &mut admin, "/admin/api-keys", &form).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.auth.api_keys().await.unwrap().len(), 1);
    // Without a console session neither.
    admin.cookies.0.remove("portcullis_admin").expect("a console session");
    let res = console_post(&app, &mut admin, "/admin/api-keys", &form).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(app.auth.api_keys().await.unwrap().len(), 1);
}

/// Starts a receiver that accepts every delivery on `port`; counts them.
async fn receiver_on(port: u16) -> std::sync::Arc<std::sync::atomic::AtomicUsize> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let got = std::sync::Arc::new(AtomicUsize::new(0));
    let counter = got.clone();
    let hook = move || {
        let counter = counter.clone();
        async move {
            counter.fetch_add(1, Ordering::SeqCst);
            axum::http::StatusCode::NO_CONTENT
        }
    };
    let router = axum::Router::new().route("/hook", axum::routing::post(hook));
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    got
}

const HOOK_SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

async fn a_failed_webhook_delivery_is_tried_again(db: Db) {
    // Nothing listens on the endpoint's port yet: every delivery fails, at its first attempt.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{port}/hook?token=receiver-credential");
    let app = TestApp::spawn_with(
        db,
        &[
            ("PORTCULLIS_WEBHOOK_TEST_URL", &url),
            ("PORTCULLIS_WEBHOOK_TEST_SECRET", HOOK_SECRET),
            ("PORTCULLIS_WEBHOOK_TEST_EVENTS", "user.created"),
            ("PORTCULLIS_WEBHOOK_MAX_ATTEMPTS", "1"),
            ("PORTCULLIS_WEBHOOK_POLL_INTERVAL", "100ms"),
            ("PORTCULLIS_WEBHOOK_RETRY_BASE", "100ms"),
        ],
    )
    .await;
    let mut admin = console_admin(&app, "root@example.com").await;

    // The endpoint is listed with its events, its URL masked, never its secret.
    let html = unescape(&console_page(&app, &mut admin, "/admin/webhooks").await);
    assert!(html.contains(&format!("http://127.0.0.1:{port}/hook?[redacted]")), "{html}");
    assert!(html.contains("user.created"));
    assert!(
        !html.contains("receiver-credential") && !html.contains("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
    );

    // The administrator's own account's user.created gives up after one attempt.
    let mut failed = Vec::new();
    for _ in 0..100 {
        failed = row_ids(
            &console_page(&app, &mut admin, "/admin/webhooks?status=failed&endpoint=test").await,
        );
        if !failed.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(failed.len(), 1, "one failed delivery");
    let id = failed[0].clone();
    assert!(row_ids(&console_page(&app, &mut admin, "/admin/webhooks?status=delivered").await)
        .is_empty());
    assert!(
        row_ids(&console_page(&app, &mut admin, "/admin/webhooks?endpoint=other").await).is_empty()
    );
    let res = console_get(&app, &mut admin, "/admin/webhooks?status=lost").await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);

    let html = console_page(&app, &mut admin, &format!("/admin/webhooks/deliveries/{id}")).await;
    assert!(html.contains("id=\"delivery-status\">failed<"), "{html}");
    assert!(html.contains("id=\"delivery-attempts\">1<"));
    assert!(html.contains("&quot;type&quot;: &quot;user.created&quot;"), "the payload: {html}");
    assert!(!html.contains("id=\"delivery-error\">none<"), "the last error is shown");
    assert!(!html.contains("receiver-credential"));
    let res = console_get(&app, &mut admin, "/admin/webhooks/deliveries/no-such-delivery").await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);

    // Once the receiver is up, the retried delivery arrives.
    let got = receiver_on(port).await;
    let res =
        console_post(&app, &mut admin, &format!("/admin/webhooks/deliveries/{id}/retry"), &[])
            .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), format!("/admin/webhooks/deliveries/{id}?notice=retried"));
    let mut html = String::new();
    for _ in 0..100 {
        html = console_page(&app, &mut admin, &format!("/admin/webhooks/deliveries/{id}")).await;
        if html.contains("id=\"delivery-status\">delivered<") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(html.contains("id=\"delivery-status\">delivered<"), "{html}");
    assert!(html.contains("id=\"delivery-attempts\">1<"), "the attempts started again: {html}");
    assert_eq!(got.load(std::sync::atomic::Ordering::SeqCst), 1);
    assert_eq!(
        audit_count(&app, "admin_webhook_retry", &format!("{}: delivery {id}", admin.label()))
            .await,
        1
    );

    // Only a failed delivery is tried again.
    let res =
        console_post(&app, &mut admin, &format!("/admin/webhooks/deliveries/{id}/retry"), &[])
            .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let res =
        console_post(&app, &mut admin, "/admin/webhooks/deliveries/no-such-delivery/retry", &[])
            .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(audit_count(&app, "admin_webhook_retry", "").await, 1);
    let delivered = console_page(&app, &mut admin, "/admin/webhooks?status=delivered").await;
    assert_eq!(row_ids(&delivered), [id]);
}

async fn the_audit_log_filters_pages_and_exports(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut admin = console_admin(&app, "root@example.com").await;
    let other = app.user("someone@example.com").await;
    let other_id = other.body["user"]["id"].as_str().unwrap().to_owned();
    // Failed logins from a client whose User-Agent looks like a spreadsheet formula.
    let formula = "=HYPERLINK(\"http://evil.example\",\"click\")";
    for _ in 0..55 {
        let res = app
            .client
            .post(app.url("/api/auth/login"))
            .header(USER_AGENT, formula)
            .json(&json!({"email": "someone@example.com", "password": "wrong password"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }

    // Pages of 50, newest first: the older page and back again.
    let q = format!("user_id={other_id}&event=login&since=1h");
    let first = console_page(&app, &mut admin, &format!("/admin/audit?{q}")).await;
    let first_ids = row_ids(&first);
    assert_eq!(first_ids.len(), 50);
    let mut sorted = first_ids.clone();
    sorted.sort();
    sorted.reverse();
    assert_eq!(first_ids, sorted, "newest first");
    assert!(href_of(&first, "newer-page").is_none());
    let older = href_of(&first, "older-page").expect("an older page");
    let second = console_page(&app, &mut admin, &older).await;
    let second_ids = row_ids(&second);
    // 55 failures and the one success of app.user.
    assert_eq!(second_ids.len(), 6);
    assert!(second_ids[0] < first_ids[49]);
    assert!(href_of(&second, "older-page").is_none());
    let back =
        console_page(&app, &mut admin, &href_of(&second, "newer-page").expect("a newer page"))
            .await;
    assert_eq!(row_ids(&back), first_ids);
    assert!(first.contains("HYPERLINK"), "the entries' user agent is shown");

    // Filters: another account, another event, a bad age.
    let path = format!("/admin/audit?user_id={}&event=login", admin.user_id);
    let mine = console_page(&app, &mut admin, &path).await;
    assert!(!row_ids(&mine).iter().any(|id| first_ids.contains(id)));
    let none =
        console_page(&app, &mut admin, &format!("/admin/audit?user_id={other_id}&event=logout"))
            .await;
    assert!(row_ids(&none).is_empty());
    let res = console_get(&app, &mut admin, "/admin/audit?since=yesterday").await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let res = console_get(&app, &mut admin, &format!("/admin/audit/export?format=xlsx&{q}")).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);

    // JSON Lines: every entry the filters keep, oldest first.
    let res = console_get(&app, &mut admin, &format!("/admin/audit/export?format=jsonl&{q}")).await;
    assert_eq!(res.status(), StatusCode::OK);
    let disposition = res.headers()[CONTENT_DISPOSITION].to_str().unwrap().to_owned();
    assert!(disposition.starts_with("attachment;") && disposition.contains(".jsonl"));
    let text = res.text().await.unwrap();
    let lines: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 56);
    assert!(lines.iter().all(|l| l["event"] == "login" && l["user_id"] == other_id.as_str()));
    let ids: Vec<&str> = lines.iter().map(|l| l["id"].as_str().unwrap()).collect();
    let mut all_pages: Vec<&str> =
        first_ids.iter().chain(&second_ids).map(String::as_str).collect();
    all_pages.reverse();
    assert_eq!(ids, all_pages);
    assert_eq!(lines.iter().filter(|l| l["user_agent"] == formula).count(), 55);

    // CSV: quoted where needed, formulas neutralised.
    let res = console_get(&app, &mut admin, &format!("/admin/audit/export?format=csv&{q}")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()[CONTENT_TYPE].to_str().unwrap().starts_with("text/csv"));
    let disposition = res.headers()[CONTENT_DISPOSITION].to_str().unwrap().to_owned();
    assert!(disposition.starts_with("attachment;") && disposition.contains(".csv"));
    let text = res.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        ["id", "at", "event", "outcome", "user_id", "ip", "user_agent", "detail"]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 56);
    assert_eq!(records.iter().map(|r| r[0].to_owned()).collect::<Vec<_>>(), ids);
    let neutral = format!("'{formula}");
    assert_eq!(records.iter().filter(|r| r[6] == *neutral).count(), 55);
    assert!(!records.iter().any(|r| r.iter().any(|c| c.starts_with('='))));

    // Every read is in the log, with the administrator.
    let reads = console_page(&app, &mut admin, "/admin/audit?event=admin_read&since=1h").await;
    assert!(reads.contains("audit log export (csv)") && reads.contains("audit log export (jsonl)"));
    assert!(reads.contains(&format!("{}: audit log", admin.label())));
}

async fn the_settings_are_shown_with_secrets_masked(db: Db) {
    let token = "metrics-token-that-must-stay-secret-0123456789";
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_METRICS_TOKEN", token)]).await;
    let mut admin = console_admin(&app, "root@example.com").await;
    let html = console_page(&app, &mut admin, "/admin/settings").await;
    assert!(!html.contains(token));
    let row = |name: &str| {
        let start =
            html.find(&format!("id=\"setting-{name}\"")).unwrap_or_else(|| panic!("{name}"));
        html[start..start + html[start..].find("</tr>").unwrap()].to_owned()
    };
    assert!(row("PORTCULLIS_METRICS_TOKEN").contains("[redacted]"));
    assert!(row("PORTCULLIS_DEV").contains("<code>true</code>"));
    // Every row of `portcullis config --explain`, in its order.
    let explained = app.auth.settings().explained();
    assert!(explained.len() > 50);
    let mut at = 0;
    for e in &explained {
        let found = html[at..].find(&format!("id=\"setting-{}\"", e.name));
        at += found.unwrap_or_else(|| panic!("{} in order", e.name));
    }
    assert_eq!(audit_count(&app, "admin_read", "effective settings").await, 1);
}
