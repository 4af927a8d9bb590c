//! Section 1 conventions: JSON errors for every bad input, including the framework's own
//! rejections; request ids; the operational routes.

use reqwest::header::CONTENT_TYPE;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::backends;
use crate::helpers::{error_body, Db, TestApp, PASSWORD};

backends!(
    malformed_json_wrong_types_and_bad_utf8_are_400_json,
    unsupported_content_types_are_415_json,
    bodies_over_64_kib_are_413_json,
    unknown_routes_and_methods_get_json_errors,
    request_ids_are_echoed_or_generated,
    no_input_produces_a_500,
    health_openapi_and_jwks_are_served,
    dev_mailbox_filters_by_address_and_is_absent_outside_dev_mode,
    migrations_can_run_again_on_a_migrated_database,
    security_headers_are_on_every_response,
    a_json_array_is_not_a_body,
    a_query_string_of_the_wrong_shape_is_a_json_400,
    a_path_segment_that_is_not_utf8_is_a_json_400,
);

async fn malformed_json_wrong_types_and_bad_utf8_are_400_json(db: Db) {
    let app = TestApp::spawn(db).await;
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("application/json", b"{\"email\": ".to_vec()),
        ("application/json", b"[1,2,3]".to_vec()),
        ("application/json", br#"{"email": 5, "password": true}"#.to_vec()),
        (
            "application/json",
            b"{\"email\": \"\xff\xfe@example.com\", \"password\": \"x\"}".to_vec(),
        ),
        ("application/x-www-form-urlencoded", b"email=%ff%fe&password=x".to_vec()),
        ("application/x-www-form-urlencoded", b"email=a@example.com&email=b@example.com".to_vec()),
    ];
    for (ct, body) in cases {
        let res = app
            .client
            .post(app.url("/api/auth/register"))
            .header(CONTENT_TYPE, ct)
            .body(body.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(
            res.status(),
            StatusCode::BAD_REQUEST,
            "{ct} {:?}",
            String::from_utf8_lossy(&body)
        );
        error_body(res).await;
    }
    assert!(app.mails("a@example.com", 0).await.is_empty(), "nothing was created");
}

/// A body is a JSON object: an array is not read as the fields in their declared order.
async fn a_json_array_is_not_a_body(db: Db) {
    let app = TestApp::spawn(db).await;
    let res =
        app.post_json("/api/auth/register", json!(["array@example.com", PASSWORD, null])).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(error_body(res).await["code"], "invalid_field");
    let login = json!({"email": "array@example.com", "password": PASSWORD});
    let res = app.post_json("/api/auth/login", login).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "no account was made");
}

async fn a_query_string_of_the_wrong_shape_is_a_json_400(db: Db) {
    let app = TestApp::spawn(db).await;
    for query in ["token=a&token=b", "token=a&token=b&token=c"] {
        let res = app.get(&format!("/api/auth/verify-email-link?{query}")).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(error_body(res).await["code"], "invalid_field", "{query}");
    }
}

async fn a_path_segment_that_is_not_utf8_is_a_json_400(db: Db) {
    let app = TestApp::spawn(db).await;
    let res = app.get("/api/auth/oauth/%FF/start").await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(error_body(res).await["code"], "invalid_field");
}

async fn unsupported_content_types_are_415_json(db: Db) {
    let app = TestApp::spawn(db).await;
    for ct in [Some("text/plain"), Some("multipart/form-data; boundary=x"), None] {
        let mut req =
            app.client.post(app.url("/api/auth/login")).body("email=a@example.com&password=x");
        if let Some(ct) = ct {
            req = req.header(CONTENT_TYPE, ct);
        }
        let res = req.send().await.unwrap();
        assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE, "{ct:?}");
        assert_eq!(error_body(res).await["code"], "unsupported_media_type");
    }
    // JSON with a charset parameter is still JSON.
    let res = app
        .client
        .post(app.url("/api/auth/login"))
        .header(CONTENT_TYPE, "application/json; charset=utf-8")
        .body(r#"{"email":"a@example.com","password":"xxxxxxxxxx"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

async fn bodies_over_64_kib_are_413_json(db: Db) {
    let app = TestApp::spawn(db).await;
    let big = json!({"email": "a@example.com", "password": "x".repeat(70 * 1024)});
    let res = app.post_json("/api/auth/register", big).await;
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(error_body(res).await["code"], "payload_too_large");
    // Without a Content-Length (chunked), the limit still holds.
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        (0..80).map(|_| Ok(vec![b' '; 1024])).collect();
    let res = app
        .client
        .post(app.url("/api/auth/login"))
        .header(CONTENT_TYPE, "application/json")
        .body(reqwest::Body::wrap_stream(futures::stream::iter(chunks)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    error_body(res).await;
}

async fn unknown_routes_and_methods_get_json_errors(db: Db) {
    let app = TestApp::spawn(db).await;
    let res = app.get("/api/auth/nope").await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    error_body(res).await;
    let res = app.client.put(app.url("/api/auth/login")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(error_body(res).await["code"], "method_not_allowed");
    let res = app.get("/api/auth/user").await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(error_body(res).await["code"], "not_authenticated");
}

async fn request_ids_are_echoed_or_generated(db: Db) {
    let app = TestApp::spawn(db).await;
    let res = app
        .client
        .get(app.url("/health/live"))
        .header("x-request-id", "trace-me-123")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["x-request-id"], "trace-me-123");
    let res = app.get("/api/auth/does-not-exist").await;
    assert!(!res.headers()["x-request-id"].is_empty());
}

/// A small fuzz over every route: odd bodies must never produce a 5xx.
async fn no_input_produces_a_500(db: Db) {
    let app = TestApp::spawn(db).await;
    let login = app.user("fuzz@example.com").await;
    let routes: &[(Method, &str)] = &[
        (Method::POST, "/api/auth/register"),
        (Method::POST, "/api/auth/verify-email"),
        (Method::GET, "/api/auth/verify-email-link?token=%00%ff"),
        (Method::POST, "/api/auth/resend-verification"),
        (Method::POST, "/api/auth/login"),
        (Method::POST, "/api/auth/refresh"),
        (Method::POST, "/api/auth/forgot-password"),
        (Method::POST, "/api/auth/reset-password"),
        (Method::PATCH, "/api/auth/user"),
        (Method::POST, "/api/auth/change-password"),
        (Method::DELETE, "/api/auth/sessions/%00"),
        (Method::DELETE, "/api/auth/user"),
        (Method::POST, "/api/auth/logout"),
    ];
    let bodies: Vec<(&str, String)> = vec![
        ("application/json", "null".into()),
        ("application/json", "\"str\"".into()),
        ("application/json", json!({"email": ["a"], "password": {"x": 1}, "token": 1.5}).to_string()),
        ("application/json", json!({"email": "\u{0}@x.com", "username": "\u{202e}evil", "password": "\u{0}".repeat(10),
            "token": "../../etc/passwd", "refresh_token": "' OR 1=1 --", "new_password": "😀".repeat(300),
            "current_password": ""}).to_string()),
        ("application/x-www-form-urlencoded", "email=%00&password=%C3%28&token=%&username=a%2".into()),
        ("application/x-www-form-urlencoded", "=&&==&email".into()),
    ];
    for (method, path) in routes {
        for (ct, body) in &bodies {
            for auth in [None, Some(login.access_token.as_str()), Some("garbage.token.here")] {
                let mut req = app
                    .client
                    .request(method.clone(), app.url(path))
                    .header(CONTENT_TYPE, *ct)
                    .body(body.clone());
                if let Some(t) = auth {
                    req = req.bearer_auth(t);
                }
                let res = req.send().await.unwrap();
                assert!(res.status().as_u16() < 500, "{method} {path} {body} -> {}", res.status());
                if !res.status().is_success() {
                    error_body(res).await;
                }
            }
        }
    }
}

async fn health_openapi_and_jwks_are_served(db: Db) {
    let app = TestApp::spawn(db).await;
    assert_eq!(app.get("/health/live").await.status(), StatusCode::OK);
    let ready = app.get("/health/ready").await;
    assert_eq!(ready.status(), StatusCode::OK);
    let doc: Value = app.get("/openapi.json").await.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"), "{}", doc["openapi"]);
    let paths = doc["paths"].as_object().unwrap();
    for p in [
        "/api/auth/register",
        "/api/auth/verify-email",
        "/api/auth/verify-email-link",
        "/api/auth/resend-verification",
        "/api/auth/login",
        "/api/auth/refresh",
        "/api/auth/logout",
        "/api/auth/forgot-password",
        "/api/auth/reset-password",
        "/api/auth/user",
        "/api/auth/change-password",
        "/api/auth/sessions",
        "/api/auth/sessions/{id}",
    ] {
        assert!(paths.contains_key(p), "{p} missing from the OpenAPI document");
    }
    for m in ["get", "patch", "delete"] {
        assert!(paths["/api/auth/user"].get(m).is_some(), "{m} /api/auth/user");
    }
    // The legacy route sets and the operational routes are described too.
    for (p, m) in [
        ("/register", "post"),
        ("/login", "post"),
        ("/forgot-password", "post"),
        ("/logout", "get"),
        ("/", "get"),
        ("/users", "post"),
        ("/sessions", "post"),
        ("/sessions", "delete"),
        ("/profile", "get"),
        ("/reset_password", "post"),
        ("/reset_password", "put"),
        ("/api/v1/register", "post"),
        ("/api/v1/session", "post"),
        ("/api/v1/logout", "post"),
        ("/api/v1/reset_password", "post"),
        ("/api/v1/update_password", "post"),
        ("/health/live", "get"),
        ("/health/ready", "get"),
        ("/.well-known/jwks.json", "get"),
    ] {
        assert!(
            paths.get(p).and_then(|i| i.get(m)).is_some(),
            "{m} {p} missing from the OpenAPI document"
        );
    }
    let jwks: Value = app.get("/.well-known/jwks.json").await.json().await.unwrap();
    assert!(!jwks["keys"].as_array().unwrap().is_empty());
}

async fn dev_mailbox_filters_by_address_and_is_absent_outside_dev_mode(db: Db) {
    let app = TestApp::spawn(db).await;
    app.register("m1@example.com", PASSWORD).await;
    app.register("m2@example.com", PASSWORD).await;
    let all: Value = app.get("/dev/mail").await.json().await.unwrap();
    let all = all["messages"].as_array().unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0]["to"], "m1@example.com", "oldest first");
    for key in ["to", "subject", "text", "html", "sent_at"] {
        assert!(all[0].get(key).is_some(), "{key}");
    }
    assert_eq!(app.mails("M2@example.com", 1).await.len(), 1);

    let prod = app.another_node(&[("PORTCULLIS_DEV", "false")]).await;
    let res = prod.get("/dev/mail").await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    error_body(res).await;
}

async fn migrations_can_run_again_on_a_migrated_database(db: Db) {
    let app = TestApp::spawn(db).await;
    app.register("mig@example.com", PASSWORD).await;
    app.auth.store().migrate().await.unwrap();
    let node = app.another_node(&[]).await;
    node.login("mig@example.com", PASSWORD).await;
}

async fn security_headers_are_on_every_response(db: Db) {
    let app = TestApp::spawn(db).await;
    for path in ["/health/live", "/api/auth/user", "/nope"] {
        let res = app.get(path).await;
        assert_eq!(res.headers()["x-content-type-options"], "nosniff");
        assert_eq!(res.headers()["referrer-policy"], "no-referrer");
        assert_eq!(res.headers()["cache-control"], "no-store");
    }
}
