//! CSRF, CORS and HTTP hardening.

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::backends;
use crate::helpers::{error_body, Db, TestApp, PASSWORD};

backends!(
    a_cross_origin_post_with_the_session_cookie_is_refused,
    cors_allows_listed_origins_with_credentials_and_no_others,
    hsts_is_sent_only_for_an_https_public_url,
);

async fn a_cross_origin_post_with_the_session_cookie_is_refused(db: Db) {
    let app = TestApp::spawn(db).await;
    let login = app.user("csrf@example.com").await;
    let post = |origin: Option<&str>, site: Option<&str>| {
        let mut req = app
            .with_cookie(Method::POST, "/api/auth/change-password", &login.cookie)
            .json(&json!({"current_password": PASSWORD, "new_password": "another fine secret"}));
        if let Some(o) = origin {
            req = req.header("origin", o);
        }
        if let Some(s) = site {
            req = req.header("sec-fetch-site", s);
        }
        req.send()
    };
    for (origin, site) in [
        (Some("https://evil.example"), None),
        (Some("null"), None),
        (None, Some("cross-site")),
        (None, Some("same-site")),
        (Some("https://evil.example"), Some("same-origin")),
    ] {
        let res = post(origin, site).await.unwrap();
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{origin:?} {site:?}");
        assert_eq!(error_body(res).await["code"], "cross_origin_request");
    }
    // Nothing changed: the old password still works.
    app.login("csrf@example.com", PASSWORD).await;
    // Logins are covered too (login CSRF).
    let res = app
        .client
        .post(app.url("/api/auth/login"))
        .header("origin", "https://evil.example")
        .json(&json!({"email": "csrf@example.com", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // A bearer-token request is not a CSRF vector and is unaffected.
    let res = app
        .bearer(
            Method::POST,
            "/api/auth/logout",
            &app.login("csrf@example.com", PASSWORD).await.access_token,
        )
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    // Same origin passes, and so does a client that sends no Origin (the seeds' clients).
    let same = post(Some(&app.base), None).await.unwrap();
    assert_eq!(same.status(), StatusCode::OK);
    let res =
        app.with_cookie(Method::POST, "/api/auth/logout", &login.cookie).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
}

async fn cors_allows_listed_origins_with_credentials_and_no_others(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_CORS_ORIGINS", "https://app.example")]).await;
    let preflight = |origin: &str| {
        app.client
            .request(Method::OPTIONS, app.url("/api/auth/login"))
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "content-type")
            .send()
    };
    let ok = preflight("https://app.example").await.unwrap();
    assert_eq!(ok.headers()["access-control-allow-origin"], "https://app.example");
    assert_eq!(ok.headers()["access-control-allow-credentials"], "true");
    let other = preflight("https://evil.example").await.unwrap();
    assert!(other.headers().get("access-control-allow-origin").is_none());
    // A listed origin also passes the CSRF check.
    app.register("cors@example.com", PASSWORD).await;
    let res = app
        .client
        .post(app.url("/api/auth/login"))
        .header("origin", "https://app.example")
        .json(&json!({"email": "cors@example.com", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["access-control-allow-origin"], "https://app.example");
}

async fn hsts_is_sent_only_for_an_https_public_url(db: Db) {
    let plain = TestApp::spawn(db).await;
    assert!(plain.get("/health/live").await.headers().get("strict-transport-security").is_none());
    let tls = plain
        .another_node(&[
            ("PORTCULLIS_PUBLIC_URL", "https://auth.example.com"),
            ("PORTCULLIS_DEV", "false"),
        ])
        .await;
    let res = tls.get("/health/live").await;
    assert!(res.headers()["strict-transport-security"].to_str().unwrap().starts_with("max-age="));
}

backends!(a_slow_client_is_cut_off, security_events_are_in_the_audit_log_without_secrets,);

async fn a_slow_client_is_cut_off(db: Db) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app = TestApp::spawn_with(
        db,
        &[("PORTCULLIS_HEADER_TIMEOUT", "1s"), ("PORTCULLIS_BODY_TIMEOUT", "1s")],
    )
    .await;
    let addr = format!("127.0.0.1:{}", app.port);
    // Headers trickled a byte at a time, never finished: the server hangs up.
    let mut slow = tokio::net::TcpStream::connect(&addr).await.unwrap();
    slow.write_all(b"GET /health/live HTTP/1.1\r\nHost: x\r\n").await.unwrap();
    let started = std::time::Instant::now();
    let mut buf = [0u8; 512];
    let cut = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            if slow.write_all(b"X").await.is_err() {
                return;
            }
            match tokio::time::timeout(Duration::from_millis(200), slow.read(&mut buf)).await {
                Ok(Ok(0)) | Ok(Err(_)) => return,
                _ => {}
            }
        }
    })
    .await;
    assert!(cut.is_ok(), "a client that never finishes its headers must be dropped");
    assert!(started.elapsed() < Duration::from_secs(10));
    // A body that never arrives: 408 instead of holding the request.
    let mut body = tokio::net::TcpStream::connect(&addr).await.unwrap();
    body.write_all(
        b"POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"em",
    )
    .await
    .unwrap();
    let mut response = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), body.read_to_end(&mut response)).await;
    let text = String::from_utf8_lossy(&response);
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(text.contains("request_timeout"), "{text}");
    // The server is still serving everybody else.
    assert_eq!(app.get("/health/live").await.status(), StatusCode::OK);
}

async fn security_events_are_in_the_audit_log_without_secrets(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_LOGIN_FAILURES_PER_HOUR", "3")]).await;
    let login = app.unverified_user("audit@example.com").await;
    let id = login.body["user"]["id"].as_str().unwrap().to_owned();
    let res = app
        .client
        .post(app.url("/api/auth/login"))
        .header("user-agent", "attacker/1.0")
        .json(&json!({"email": "audit@example.com", "password": "not-the-password"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let res = app
        .bearer(Method::POST, "/api/auth/change-password", &login.access_token)
        .json(&json!({"current_password": PASSWORD, "new_password": "a whole new secret"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    for _ in 0..4 {
        app.post_json(
            "/api/auth/login",
            json!({"email": "ghost@example.com", "password": "guess-guess"}),
        )
        .await;
    }
    let res =
        app.bearer(Method::POST, "/api/auth/logout", &login.access_token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);

    let mine = app.auth.audit_log(0, Some("AUDIT@example.com")).await.unwrap();
    let seen: Vec<(String, String)> =
        mine.iter().map(|e| (e.event.clone(), e.outcome.clone())).collect();
    let expect = [
        ("register", "succeeded"),
        ("login", "succeeded"),
        ("login", "failed"),
        ("password_change", "succeeded"),
        ("logout", "succeeded"),
    ];
    let expect: Vec<(String, String)> =
        expect.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(seen, expect);
    assert_eq!(
        mine[0].ip.as_deref(),
        Some("127.0.0.1"),
        "a registration is recorded with its client"
    );
    let failed = &mine[2];
    assert_eq!(failed.user_id.as_deref(), Some(id.as_str()));
    assert_eq!(failed.ip.as_deref(), Some("127.0.0.1"));
    assert_eq!(failed.user_agent.as_deref(), Some("attacker/1.0"));
    // An unknown identifier is recorded by hash only, with its lockout.
    let ghost = app.auth.audit_log(0, Some("ghost@example.com")).await.unwrap();
    let outcomes: Vec<&str> = ghost.iter().map(|e| e.outcome.as_str()).collect();
    assert_eq!(outcomes, ["failed", "failed", "failed", "locked", "throttled"]);
    let everything = format!("{:?}", app.auth.audit_log(0, None).await.unwrap());
    for secret in
        [PASSWORD, "a whole new secret", "not-the-password", "ghost@example.com", &login.cookie]
    {
        assert!(!everything.contains(secret), "the audit log holds {secret:?}");
    }
}

/// The main listener, the admin API's and the metrics one put the same common stack over
/// their routes: an unknown route, and a known one asked with another method, is the same JSON
/// error with the same headers on each.
#[tokio::test]
async fn every_listener_answers_an_unknown_route_with_the_json_error_and_headers() {
    let app = TestApp::spawn_with(Db::Sqlite, &[("PORTCULLIS_ADMIN_BIND", "127.0.0.1:0")]).await;
    let ports = [Some(app.port), app.admin_port, app.metrics_port];
    for port in ports.map(|p| p.expect("three listeners")) {
        let url = format!("http://127.0.0.1:{port}/nowhere");
        let res = app.client.get(&url).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{url}");
        let headers = res.headers().clone();
        assert_eq!(headers["content-type"], "application/json", "{url}");
        assert_eq!(headers["x-content-type-options"], "nosniff", "{url}");
        assert_eq!(headers["referrer-policy"], "no-referrer", "{url}");
        assert_eq!(headers["cache-control"], "no-store", "{url}");
        assert!(headers.contains_key("x-request-id"), "{url}");
        let body = error_body(res).await;
        assert_eq!(body, json!({"message": "Not found", "code": "not_found"}), "{url}");
    }
    // A route each listener serves, asked with a method it does not answer.
    let known = [
        (Some(app.port), "/health/live"),
        (app.admin_port, "/api/admin/users"),
        (app.metrics_port, "/metrics"),
    ];
    for (port, path) in known {
        let url = format!("http://127.0.0.1:{}{path}", port.expect("three listeners"));
        let res = app.client.put(&url).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED, "{url}");
        assert_eq!(res.headers()["content-type"], "application/json", "{url}");
        assert_eq!(res.headers()["x-content-type-options"], "nosniff", "{url}");
        assert_eq!(error_body(res).await["code"], "method_not_allowed", "{url}");
    }
}

/// The admin API's own listener runs the Origin check as the main one does: a browser's
/// cross-origin write without a bearer token is refused before any key is looked for, and one
/// with the key passes to the key check.
#[tokio::test]
async fn the_admin_listener_refuses_a_browsers_cross_origin_write_as_the_main_one_does() {
    let app = TestApp::spawn_with(Db::Sqlite, &[("PORTCULLIS_ADMIN_BIND", "127.0.0.1:0")]).await;
    let port = app.admin_port.expect("an admin listener");
    let url = format!("http://127.0.0.1:{port}/api/admin/users");
    let body = json!({"email": "planted@example.com", "password": "a fine long secret"});
    let res = app
        .client
        .post(&url)
        .header("origin", "https://evil.example")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(error_body(res).await["code"], "cross_origin_request");
    let res = app
        .client
        .post(&url)
        .header("origin", "https://evil.example")
        .header("authorization", "Bearer pcak_not-a-key")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(error_body(res).await["code"], "invalid_api_key");
}
