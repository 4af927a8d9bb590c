//! CSRF, CORS and HTTP hardening.

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
    let tls = plain.another_node(&[("PORTCULLIS_PUBLIC_URL", "https://auth.example.com")]).await;
    let res = tls.get("/health/live").await;
    assert!(res.headers()["strict-transport-security"].to_str().unwrap().starts_with("max-age="));
}
