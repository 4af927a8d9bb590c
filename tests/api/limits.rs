//! Abuse resistance: per-IP token buckets, per-account login throttling, Redis-shared limits.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::json;

use crate::backends;
use crate::helpers::{error_body, Db, TestApp, PASSWORD};

backends!(
    the_ip_budget_runs_out_with_429_and_an_integer_retry_after,
    a_spoofed_x_forwarded_for_never_buys_a_new_budget,
    real_and_unknown_accounts_see_identical_statuses_under_attack,
    a_locked_account_unlocks_after_a_password_reset,
    a_lock_ends_with_its_window,
    two_nodes_sharing_redis_spend_one_budget,
    an_unreachable_redis_falls_back_to_per_node_limits,
    every_route_registered_as_open_to_anyone_spends_the_ip_budget,
);

fn redis_url() -> Option<String> {
    match std::env::var("TEST_REDIS_URL") {
        Ok(v) if !v.is_empty() => Some(v),
        _ if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("TEST_REDIS_URL must be set when CI=true")
        }
        _ => None,
    }
}

async fn the_ip_budget_runs_out_with_429_and_an_integer_retry_after(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_RATE_LIMIT_PER_MINUTE", "5")]).await;
    let login = app.unverified_user("ip@example.com").await; // 2 of 5: register and login
    for _ in 0..3 {
        assert_eq!(app.login_status("x@example.com", "whatever1").await, StatusCode::UNAUTHORIZED);
    }
    let res = app.post_json("/api/auth/forgot-password", json!({"email": "x@example.com"})).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS, "one budget across routes");
    let retry: u64 =
        res.headers()["retry-after"].to_str().unwrap().parse().expect("integer seconds");
    assert!((1..=60).contains(&retry), "{retry}");
    assert_eq!(error_body(res).await["code"], "rate_limited");
    // The legacy twins share it too, and authenticated routes are not limited.
    assert_eq!(
        app.post_form("/sessions", &[("email", "a@b.co"), ("password", "x")]).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(app.user_status_bearer(&login.access_token).await, StatusCode::OK);
}

async fn a_spoofed_x_forwarded_for_never_buys_a_new_budget(db: Db) {
    // Not behind a proxy: the header is ignored.
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_RATE_LIMIT_PER_MINUTE", "3")]).await;
    let mut statuses = Vec::new();
    for i in 0..5 {
        let res = app
            .client
            .post(app.url("/api/auth/login"))
            .header("x-forwarded-for", format!("203.0.113.{i}"))
            .json(&json!({"email": "s@example.com", "password": "whatever1"}))
            .send()
            .await
            .unwrap();
        statuses.push(res.status().as_u16());
    }
    assert_eq!(statuses, [401, 401, 401, 429, 429]);

    // Behind a proxy: only the entry the proxy appended (the rightmost) counts; whatever the
    // client put before it changes nothing.
    let proxied = TestApp::spawn_with(
        db,
        &[("PORTCULLIS_RATE_LIMIT_PER_MINUTE", "3"), ("PORTCULLIS_TRUST_PROXY", "true")],
    )
    .await;
    let mut statuses = Vec::new();
    for i in 0..5 {
        let res = proxied
            .client
            .post(proxied.url("/api/auth/login"))
            .header("x-forwarded-for", format!("198.51.100.{i}, 192.0.2.7"))
            .json(&json!({"email": "s@example.com", "password": "whatever1"}))
            .send()
            .await
            .unwrap();
        statuses.push(res.status().as_u16());
    }
    assert_eq!(statuses, [401, 401, 401, 429, 429]);
    // A different real client (another rightmost address) has its own budget.
    let res = proxied
        .client
        .post(proxied.url("/api/auth/login"))
        .header("x-forwarded-for", "192.0.2.8")
        .json(&json!({"email": "s@example.com", "password": "whatever1"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

async fn attack(app: &TestApp, email: &str) -> Vec<u16> {
    let mut out = Vec::new();
    for _ in 0..7 {
        out.push(app.login_status(email, "guess-guess-guess").await.as_u16());
    }
    out
}

async fn real_and_unknown_accounts_see_identical_statuses_under_attack(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_LOGIN_FAILURES_PER_HOUR", "4")]).await;
    app.register("victim@example.com", PASSWORD).await;
    let real = attack(&app, "victim@example.com").await;
    let unknown = attack(&app, "nobody@example.com").await;
    assert_eq!(real, unknown);
    // Three free failures, then a delay: the attack is slowed at once.
    assert_eq!(&real[..4], &[401, 401, 401, 429]);
    // While throttled even the right password is refused, so guessing gains nothing.
    assert_eq!(
        app.login_status("victim@example.com", PASSWORD).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // Other accounts are untouched.
    app.register("bystander@example.com", PASSWORD).await;
    app.login("bystander@example.com", PASSWORD).await;
}

async fn a_locked_account_unlocks_after_a_password_reset(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_LOGIN_FAILURES_PER_HOUR", "3")]).await;
    app.register("locked@example.com", PASSWORD).await;
    attack(&app, "locked@example.com").await;
    assert_eq!(
        app.login_status("locked@example.com", PASSWORD).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // Forgot-password keeps working for a locked account.
    let res =
        app.post_json("/api/auth/forgot-password", json!({"email": "locked@example.com"})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let token = app.token_from_mail("locked@example.com", "Reset").await;
    let res = app
        .post_json(
            "/api/auth/reset-password",
            json!({"token": token, "new_password": "a brand new secret"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    app.login("locked@example.com", "a brand new secret").await;
}

async fn a_lock_ends_with_its_window(db: Db) {
    let app = TestApp::spawn_with(
        db,
        &[("PORTCULLIS_LOGIN_FAILURES_PER_HOUR", "3"), ("PORTCULLIS_LOGIN_FAILURE_WINDOW", "2s")],
    )
    .await;
    app.register("w@example.com", PASSWORD).await;
    attack(&app, "w@example.com").await;
    assert_eq!(app.login_status("w@example.com", PASSWORD).await, StatusCode::TOO_MANY_REQUESTS);
    tokio::time::sleep(Duration::from_millis(2200)).await;
    assert_eq!(app.login_status("w@example.com", PASSWORD).await, StatusCode::OK);
}

async fn two_nodes_sharing_redis_spend_one_budget(db: Db) {
    let Some(redis) = redis_url() else {
        eprintln!("skipping: set TEST_REDIS_URL");
        return;
    };
    let prefix = format!("pct-{}", uuid::Uuid::new_v4().simple());
    let settings = [
        ("PORTCULLIS_REDIS_URL", redis.as_str()),
        ("PORTCULLIS_REDIS_PREFIX", prefix.as_str()),
        ("PORTCULLIS_RATE_LIMIT_PER_MINUTE", "6"),
        ("PORTCULLIS_LOGIN_FAILURES_PER_HOUR", "4"),
    ];
    let a = TestApp::spawn_with(db, &settings).await;
    let b = a.another_node(&settings).await;
    // Three failed logins on each node: six in all, against one account and one IP budget.
    let mut statuses = Vec::new();
    for i in 0..6 {
        let node = if i % 2 == 0 { &a } else { &b };
        statuses.push(node.login_status("shared@example.com", "guess-guess-1").await.as_u16());
    }
    // The account throttle saw all six: the fourth failure anywhere meets the delay.
    assert_eq!(statuses, [401, 401, 401, 429, 429, 429]);
    // And the IP budget of six is spent on both nodes.
    for node in [&a, &b] {
        let res =
            node.post_json("/api/auth/forgot-password", json!({"email": "q@example.com"})).await;
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    }
    assert_eq!(a.auth.limits().redis_fallbacks(), 0);
}

async fn an_unreachable_redis_falls_back_to_per_node_limits(db: Db) {
    let app = TestApp::spawn_with(
        db,
        &[
            ("PORTCULLIS_REDIS_URL", "redis://127.0.0.1:1/"),
            ("PORTCULLIS_RATE_LIMIT_PER_MINUTE", "2"),
        ],
    )
    .await;
    assert_eq!(app.login_status("f@example.com", "whatever1").await, StatusCode::UNAUTHORIZED);
    assert_eq!(app.login_status("f@example.com", "whatever1").await, StatusCode::UNAUTHORIZED);
    assert_eq!(app.login_status("f@example.com", "whatever1").await, StatusCode::TOO_MANY_REQUESTS);
}

/// The routes walked are those the surfaces registered as open to anyone (the pages' forms
/// too), straight from the registration; and every write the document says anyone may call is
/// among them.
async fn every_route_registered_as_open_to_anyone_spends_the_ip_budget(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_RATE_LIMIT_PER_MINUTE", "1")]).await;
    let state = portcullis::http::AppState { auth: app.auth.clone() };
    let limited: Vec<String> = portcullis::http::rate_limited_routes(&state)
        .into_iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    // A page's form is refused without its CSRF token before the budget is looked at; the
    // other routes read a form as well as JSON.
    let (csrf_cookie, csrf) = crate::browser::csrf(&app).await;
    // The one token of this client's bucket.
    assert_eq!(app.post_json("/api/auth/login", json!({})).await.status(), StatusCode::BAD_REQUEST);
    for route in &limited {
        let (method, path) = route.split_once(' ').unwrap();
        let path = path.replace("{provider}", "github").replace("{client_id}", "some-client");
        assert!(!path.contains('{'), "{route}: a path parameter to fill in");
        let res = app
            .client
            .request(reqwest::Method::from_bytes(method.as_bytes()).unwrap(), app.url(&path))
            .header(reqwest::header::COOKIE, &csrf_cookie)
            .form(&[("csrf", csrf.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS, "{route} spends no budget");
        assert!(res.headers().contains_key("retry-after"), "{route}");
        // Each surface refuses in its own shape: the pages (and the console) with the error
        // page.
        if path.starts_with("/account/") || path.starts_with("/admin/") {
            assert!(res.text().await.unwrap().contains("Too many requests"), "{route}");
        } else {
            assert_eq!(error_body(res).await["code"], "rate_limited", "{route}");
        }
    }
    // Every surface registered some: the canonical API, each legacy set and the pages.
    for route in [
        "POST /api/auth/register",
        "POST /api/auth/refresh",
        "GET /api/auth/oauth/{provider}/start",
        "POST /login",
        "PUT /reset_password",
        "POST /api/v1/update_password",
        "POST /account/login",
        "POST /account/passkeys/login",
        "POST /admin/login",
    ] {
        assert!(
            limited.iter().any(|r| r == route),
            "{route} not registered as limited: {limited:?}"
        );
    }
    // A write the document shows without a security requirement is open to anyone: it is
    // registered as limited.
    let doc: serde_json::Value = app.get("/openapi.json").await.json().await.unwrap();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let changes_state = matches!(method.as_str(), "post" | "put" | "patch" | "delete");
            let needs_session =
                op.get("security").is_some_and(|s| !s.as_array().unwrap().is_empty());
            let route = format!("{} {path}", method.to_uppercase());
            if changes_state && !needs_session {
                assert!(limited.contains(&route), "{route} is open to anyone but not limited");
            }
        }
    }
}
