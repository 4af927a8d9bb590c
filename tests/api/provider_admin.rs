//! The provider's clients in the admin API (`/api/admin/clients`: scopes, audit, a secret shown
//! once and stored hashed, declared clients left to the configuration) and a person's granted
//! applications (`/api/auth/grants` and the account page: listed, revoked with their tokens,
//! nobody else's). The token endpoint, introspection and userinfo are asked, as a client would,
//! whether what the admin and the person did took effect.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::backends;
use crate::browser::{csrf, post_page};
use crate::helpers::{error_body, Db, TestApp};
use portcullis::service::{ClientInfo, ClientSpec};

const REDIRECT: &str = "http://127.0.0.1:9/cb";

/// A key with `scopes`: its id (as the audit log names it) and the key itself.
async fn key(app: &TestApp, scopes: &[&str]) -> (String, String) {
    let scopes: Vec<String> = scopes.iter().map(|s| (*s).to_owned()).collect();
    let (made, plain) = app.auth.create_api_key("clients test", &scopes).await.unwrap();
    (made.id, plain)
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

/// `call`'s status and JSON body.
async fn answer(
    app: &TestApp,
    key: &str,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let res = call(app, key, method, path, body).await;
    let status = res.status();
    (status, res.json().await.unwrap())
}

/// A client-credentials token request authenticated with `client_secret_basic`: the status and
/// the RFC 6749 answer.
async fn client_credentials(app: &TestApp, id: &str, secret: &str) -> (StatusCode, Value) {
    let res = app
        .client
        .post(app.url("/oauth2/token"))
        .basic_auth(id, Some(secret))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap();
    let status = res.status();
    (status, res.json().await.unwrap())
}

/// SHA-256 in lower-case hex, computed here rather than by the server's own helper.
fn sha256_hex(s: &str) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, s.as_bytes());
    digest.as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

async fn database(app: &TestApp) -> sqlx::AnyPool {
    sqlx::any::install_default_drivers();
    sqlx::AnyPool::connect(&app.database_url).await.unwrap()
}

/// How many clients' stored secret column equals `value` (a hex digest or a URL-safe base64
/// secret: nothing to escape in either).
async fn clients_with_stored_secret(pool: &sqlx::AnyPool, value: &str) -> i64 {
    assert!(value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
    let sql = format!("SELECT COUNT(*) FROM oauth_clients WHERE secret_hash = '{value}'");
    sqlx::query_scalar::<_, i64>(&sql).fetch_one(pool).await.unwrap()
}

/// The admin-call audit entries of `event` whose detail is about `client_id`.
async fn audited(app: &TestApp, event: &str, client_id: &str) -> Vec<String> {
    let suffix = format!("client {client_id}");
    app.auth
        .audit_log(0, None)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.event == event)
        .filter_map(|e| e.detail)
        .filter(|d| d.ends_with(&suffix))
        .collect()
}

// ---- a person's side: a code flow that grants a client ----

fn pkce() -> (String, String) {
    let verifier = URL_SAFE_NO_PAD.encode(uuid::Uuid::new_v4().as_bytes().repeat(2));
    let digest = ring::digest::digest(&ring::digest::SHA256, verifier.as_bytes());
    (verifier, URL_SAFE_NO_PAD.encode(digest.as_ref()))
}

/// A confidential first-party client (no consent page) with refresh tokens.
async fn register(app: &TestApp, id: &str) -> String {
    let spec = ClientSpec {
        client_id: Some(id.to_owned()),
        name: Some(format!("App {id}")),
        redirect_uris: Some(vec![REDIRECT.to_owned()]),
        scopes: Some(["openid", "email", "offline_access"].map(String::from).to_vec()),
        skip_consent: Some(true),
        ..Default::default()
    };
    let made = app.auth.create_client(&spec, &ClientInfo::default()).await.unwrap();
    made.client_secret.unwrap()
}

/// The browser with session `cookie` signs in to client `id` (openid email offline_access):
/// the token response.
async fn sign_in(app: &TestApp, id: &str, secret: &str, cookie: &str) -> Value {
    let (verifier, challenge) = pkce();
    let res = app
        .client
        .get(app.url("/oauth2/authorize"))
        .query(&[
            ("response_type", "code"),
            ("client_id", id),
            ("redirect_uri", REDIRECT),
            ("scope", "openid email offline_access"),
            ("state", "s1"),
            ("code_challenge", &challenge),
            ("code_challenge_method", "S256"),
        ])
        .header(COOKIE, format!("session_id={cookie}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let back = url::Url::parse(res.headers()[LOCATION].to_str().unwrap()).unwrap();
    let code = back.query_pairs().find(|(k, _)| k == "code").unwrap().1.into_owned();
    let res = app
        .client
        .post(app.url("/oauth2/token"))
        .basic_auth(id, Some(secret))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", REDIRECT),
            ("code_verifier", &verifier),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert!(body["refresh_token"].is_string(), "{body}");
    body
}

async fn refresh(app: &TestApp, id: &str, secret: &str, rt: &str) -> (StatusCode, Value) {
    let res = app
        .client
        .post(app.url("/oauth2/token"))
        .basic_auth(id, Some(secret))
        .form(&[("grant_type", "refresh_token"), ("refresh_token", rt)])
        .send()
        .await
        .unwrap();
    let status = res.status();
    (status, res.json().await.unwrap())
}

async fn introspect(app: &TestApp, id: &str, secret: &str, token: &str) -> Value {
    let res = app
        .client
        .post(app.url("/oauth2/introspect"))
        .basic_auth(id, Some(secret))
        .form(&[("token", token)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.unwrap()
}

async fn grants(app: &TestApp, access_token: &str) -> Vec<Value> {
    let res = app.client.get(app.url("/api/auth/grants")).bearer_auth(access_token).send().await;
    let res = res.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    body["grants"].as_array().unwrap().clone()
}

// ---------------------------------------------------------------------------------------------

async fn clients_are_managed_through_the_admin_api_with_scopes_and_audit(db: Db) {
    let app = TestApp::spawn(db).await;
    let (writer_id, writer) = key(&app, &["clients:read", "clients:write"]).await;
    let (reader_id, reader) = key(&app, &["clients:read"]).await;
    let (_, neither) = key(&app, &["users:read", "users:write"]).await;

    // Created by a writer: the secret is in this answer, and only here.
    let spec = json!({
        "client_id": "wiki",
        "name": "Wiki",
        "redirect_uris": [REDIRECT],
        "grant_types": ["authorization_code", "refresh_token", "client_credentials"],
        "scopes": ["openid", "email", "api.read"],
    });
    let (status, made) =
        answer(&app, &writer, Method::POST, "/api/admin/clients", Some(spec.clone())).await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    assert_eq!(made["client_id"], "wiki");
    assert_eq!(made["managed_by"], "api");
    assert_eq!(made["token_endpoint_auth_method"], "client_secret_basic");
    let secret = made["client_secret"].as_str().unwrap().to_owned();
    assert!(secret.len() >= 43, "256 random bits");

    // Stored as its SHA-256, never as itself.
    let pool = database(&app).await;
    assert_eq!(clients_with_stored_secret(&pool, &sha256_hex(&secret)).await, 1);
    assert_eq!(clients_with_stored_secret(&pool, &secret).await, 0);
    // And it works where a client uses it.
    let (status, body) = client_credentials(&app, "wiki", &secret).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    // Reads never show a secret.
    let (status, list) = answer(&app, &reader, Method::GET, "/api/admin/clients", None).await;
    assert_eq!(status, StatusCode::OK);
    let listed = list["clients"].as_array().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["client_id"], "wiki");
    assert!(listed[0].get("client_secret").is_none(), "{list}");
    let (status, one) = answer(&app, &reader, Method::GET, "/api/admin/clients/wiki", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(one["name"], "Wiki");
    assert!(one.get("client_secret").is_none(), "{one}");

    // A read key cannot write; a key without either scope cannot even read.
    let writes = [
        (
            Method::POST,
            "/api/admin/clients",
            Some(json!({"name": "X", "redirect_uris": [REDIRECT]})),
        ),
        (Method::PATCH, "/api/admin/clients/wiki", Some(json!({"name": "Renamed"}))),
        (Method::POST, "/api/admin/clients/wiki/rotate-secret", None),
        (Method::DELETE, "/api/admin/clients/wiki", None),
    ];
    for (method, path, body) in writes.iter().cloned() {
        for k in [&reader, &neither] {
            let res = call(&app, k, method.clone(), path, body.clone()).await;
            assert_eq!(res.status(), StatusCode::FORBIDDEN, "{method} {path}");
            assert_eq!(error_body(res).await["code"], "insufficient_scope");
        }
    }
    for path in ["/api/admin/clients", "/api/admin/clients/wiki"] {
        let res = call(&app, &neither, Method::GET, path, None).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{path}");
        assert_eq!(error_body(res).await["code"], "insufficient_scope");
    }
    // None of the refused writes happened: one client, its name and secret unchanged.
    let (_, one) = answer(&app, &writer, Method::GET, "/api/admin/clients/wiki", None).await;
    assert_eq!(one["name"], "Wiki");
    assert_eq!(client_credentials(&app, "wiki", &secret).await.0, StatusCode::OK);
    let (_, list) = answer(&app, &writer, Method::GET, "/api/admin/clients", None).await;
    assert_eq!(list["clients"].as_array().unwrap().len(), 1);

    // An update keeps what it does not name, and shows no secret (the client had one).
    let (status, updated) = answer(
        &app,
        &writer,
        Method::PATCH,
        "/api/admin/clients/wiki",
        Some(json!({"name": "Wiki 2"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{updated}");
    assert_eq!(updated["name"], "Wiki 2");
    assert_eq!(updated["redirect_uris"], json!([REDIRECT]));
    assert!(updated.get("client_secret").is_none(), "{updated}");
    assert_eq!(client_credentials(&app, "wiki", &secret).await.0, StatusCode::OK);

    // A rotation: the new secret works, the old one stops at once.
    let (status, rotated) =
        answer(&app, &writer, Method::POST, "/api/admin/clients/wiki/rotate-secret", None).await;
    assert_eq!(status, StatusCode::OK, "{rotated}");
    let new_secret = rotated["client_secret"].as_str().unwrap().to_owned();
    assert_ne!(new_secret, secret);
    let (status, body) = client_credentials(&app, "wiki", &secret).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("invalid_client"))
    );
    assert_eq!(client_credentials(&app, "wiki", &new_secret).await.0, StatusCode::OK);
    assert_eq!(clients_with_stored_secret(&pool, &sha256_hex(&new_secret)).await, 1);
    assert_eq!(clients_with_stored_secret(&pool, &sha256_hex(&secret)).await, 0);

    // A public client has no secret; the update that makes it confidential gives it its first,
    // in that answer; a later update does not show it again.
    let spa =
        json!({"client_id": "spa", "name": "SPA", "redirect_uris": [REDIRECT], "public": true});
    let (status, made) = answer(&app, &writer, Method::POST, "/api/admin/clients", Some(spa)).await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    assert_eq!(made["token_endpoint_auth_method"], "none");
    assert!(made.get("client_secret").is_none(), "{made}");
    let (status, body) =
        answer(&app, &writer, Method::POST, "/api/admin/clients/spa/rotate-secret", None).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_client")));
    let confidential = json!({
        "public": false,
        "token_endpoint_auth_method": "client_secret_basic",
        "grant_types": ["authorization_code", "client_credentials"],
    });
    let (status, changed) =
        answer(&app, &writer, Method::PATCH, "/api/admin/clients/spa", Some(confidential)).await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    let first = changed["client_secret"].as_str().expect("its first secret").to_owned();
    assert_eq!(client_credentials(&app, "spa", &first).await.0, StatusCode::OK);
    let (_, again) = answer(
        &app,
        &writer,
        Method::PATCH,
        "/api/admin/clients/spa",
        Some(json!({"name": "SPA 2"})),
    )
    .await;
    assert!(again.get("client_secret").is_none(), "{again}");
    assert_eq!(client_credentials(&app, "spa", &first).await.0, StatusCode::OK);

    // Refusals: an invalid registration, an unknown field, a taken id, a changed id.
    for bad in [
        json!({"name": "Evil", "redirect_uris": ["http://evil.example/cb"]}),
        json!({"name": "No URIs", "redirect_uris": []}),
        json!({"name": "Bad grant", "redirect_uris": [REDIRECT], "grant_types": ["password"]}),
        // A dot segment: no URL could name it (`/api/admin/clients/..` is `/api/admin/`).
        json!({"client_id": "..", "name": "Dots", "redirect_uris": [REDIRECT]}),
    ] {
        let (status, body) =
            answer(&app, &writer, Method::POST, "/api/admin/clients", Some(bad.clone())).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (StatusCode::BAD_REQUEST, Some("invalid_client")),
            "{bad}"
        );
    }
    let unknown = json!({"name": "X", "redirect_uris": [REDIRECT], "client_secret": "mine"});
    let (status, _) =
        answer(&app, &writer, Method::POST, "/api/admin/clients", Some(unknown)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "a secret is never chosen by the caller");
    let (status, body) =
        answer(&app, &writer, Method::POST, "/api/admin/clients", Some(spec)).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("invalid_client")));
    let (status, body) = answer(
        &app,
        &writer,
        Method::PATCH,
        "/api/admin/clients/wiki",
        Some(json!({"client_id": "other"})),
    )
    .await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_client")));
    for (method, path, body) in [
        (Method::GET, "/api/admin/clients/nope", None),
        (Method::PATCH, "/api/admin/clients/nope", Some(json!({"name": "N"}))),
        (Method::POST, "/api/admin/clients/nope/rotate-secret", None),
        (Method::DELETE, "/api/admin/clients/nope", None),
    ] {
        let (status, body) = answer(&app, &writer, method.clone(), path, body).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (StatusCode::NOT_FOUND, Some("client_not_found")),
            "{method} {path}"
        );
    }

    // Deleted: gone from the API, and its secret no longer gets tokens.
    let (status, _) = answer(&app, &writer, Method::DELETE, "/api/admin/clients/wiki", None).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = answer(&app, &reader, Method::GET, "/api/admin/clients/wiki", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(client_credentials(&app, "wiki", &new_secret).await.0, StatusCode::UNAUTHORIZED);

    // Every write is in the audit log once, with the key that made it; the refused ones are not.
    let by_writer = format!("key {writer_id}: client wiki");
    for event in [
        "admin_client_create",
        "admin_client_update",
        "admin_client_rotate_secret",
        "admin_client_delete",
    ] {
        assert_eq!(audited(&app, event, "wiki").await, vec![by_writer.clone()], "{event}");
    }
    let spa_updates = audited(&app, "admin_client_update", "spa").await;
    assert_eq!(spa_updates, vec![format!("key {writer_id}: client spa"); 2]);
    // Reads are recorded too, with the reading key.
    let reads = audited(&app, "admin_read", "wiki").await;
    assert!(reads.contains(&format!("key {reader_id}: client wiki")), "{reads:?}");
}

async fn a_client_declared_in_the_configuration_is_read_but_changed_only_there(db: Db) {
    let secret = "a-declared-secret-that-is-long-enough-0123456789";
    let app = TestApp::spawn_with(
        db,
        &[
            ("PORTCULLIS_CLIENT_BILLING_APP_NAME", "Billing"),
            ("PORTCULLIS_CLIENT_BILLING_APP_REDIRECT_URIS", REDIRECT),
            ("PORTCULLIS_CLIENT_BILLING_APP_GRANT_TYPES", "authorization_code client_credentials"),
            ("PORTCULLIS_CLIENT_BILLING_APP_SECRET", secret),
        ],
    )
    .await;
    let (_, writer) = key(&app, &["clients:read", "clients:write"]).await;
    let (status, one) =
        answer(&app, &writer, Method::GET, "/api/admin/clients/billing-app", None).await;
    assert_eq!(status, StatusCode::OK, "{one}");
    assert_eq!(
        (one["managed_by"].as_str(), one["name"].as_str()),
        (Some("config"), Some("Billing"))
    );
    for (method, path, body) in [
        (Method::PATCH, "/api/admin/clients/billing-app", Some(json!({"name": "Changed"}))),
        (Method::POST, "/api/admin/clients/billing-app/rotate-secret", None),
        (Method::DELETE, "/api/admin/clients/billing-app", None),
    ] {
        let (status, body) = answer(&app, &writer, method.clone(), path, body).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (StatusCode::CONFLICT, Some("client_managed_by_config")),
            "{method} {path}"
        );
    }
    // Still as configured: its name, and the configured secret at the token endpoint.
    let (_, one) = answer(&app, &writer, Method::GET, "/api/admin/clients/billing-app", None).await;
    assert_eq!(one["name"], "Billing");
    let (status, body) = client_credentials(&app, "billing-app", secret).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // Nothing was recorded as changed by a key.
    for event in ["admin_client_update", "admin_client_rotate_secret", "admin_client_delete"] {
        let by_key: Vec<_> = audited(&app, event, "billing-app")
            .await
            .into_iter()
            .filter(|d| d.starts_with("key "))
            .collect();
        assert!(by_key.is_empty(), "{event}: {by_key:?}");
    }
}

async fn a_grant_is_listed_and_its_revocation_ends_its_tokens_at_once(db: Db) {
    let app = TestApp::spawn(db).await;
    let secret = register(&app, "notes").await;
    let alice = app.user("alice@example.com").await;
    let bob = app.user("bob@example.com").await;
    let tokens = sign_in(&app, "notes", &secret, &alice.cookie).await;
    let access = tokens["access_token"].as_str().unwrap().to_owned();
    let rt = tokens["refresh_token"].as_str().unwrap().to_owned();

    // Alice sees the application, with what it may read and when it was granted and used.
    let listed = grants(&app, &alice.access_token).await;
    assert_eq!(listed.len(), 1, "{listed:?}");
    let g = &listed[0];
    assert_eq!((g["client_id"].as_str(), g["name"].as_str()), (Some("notes"), Some("App notes")));
    let scopes: Vec<&str> =
        g["scopes"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    for s in ["openid", "email", "offline_access"] {
        assert!(scopes.contains(&s), "{g}");
    }
    for field in ["granted_at", "updated_at", "last_used_at"] {
        let at = g[field].as_str().unwrap_or_default();
        assert!(
            time::OffsetDateTime::parse(at, &time::format_description::well_known::Rfc3339).is_ok(),
            "{field}: {g}"
        );
    }
    // Bob sees nothing, and cannot withdraw Alice's grant.
    assert!(grants(&app, &bob.access_token).await.is_empty());
    let res = app
        .client
        .delete(app.url("/api/auth/grants/notes"))
        .bearer_auth(&bob.access_token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(error_body(res).await["code"], "grant_not_found");
    let (status, body) = refresh(&app, "notes", &secret, &rt).await;
    assert_eq!(status, StatusCode::OK, "Alice's grant is intact: {body}");
    let rt = body["refresh_token"].as_str().unwrap().to_owned();
    assert_eq!(introspect(&app, "notes", &secret, &access).await["active"], true);

    // The provider's access token is the client's, not a key to the account API.
    let res = app.client.get(app.url("/api/auth/grants")).bearer_auth(&access).send().await;
    assert_eq!(res.unwrap().status(), StatusCode::UNAUTHORIZED);
    // With the session cookie, another site's request is refused before anything changes.
    let res = app
        .client
        .delete(app.url("/api/auth/grants/notes"))
        .header(COOKIE, format!("session_id={}", alice.cookie))
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(error_body(res).await["code"], "cross_origin_request");
    assert_eq!(grants(&app, &alice.access_token).await.len(), 1);

    // Alice withdraws it from her own site (the cookie, same origin).
    let res = app
        .client
        .delete(app.url("/api/auth/grants/notes"))
        .header(COOKIE, format!("session_id={}", alice.cookie))
        .header("origin", &app.public)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    // At once: the refresh token is refused, the access token is dead to introspection and
    // userinfo, the list is empty, and there is nothing left to withdraw.
    let (status, body) = refresh(&app, "notes", &secret, &rt).await;
    assert_eq!((status, body["error"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_grant")));
    assert_eq!(introspect(&app, "notes", &secret, &access).await["active"], false);
    let res = app.client.get(app.url("/oauth2/userinfo")).bearer_auth(&access).send().await;
    assert_eq!(res.unwrap().status(), StatusCode::UNAUTHORIZED);
    assert!(grants(&app, &alice.access_token).await.is_empty());
    let res = app
        .client
        .delete(app.url("/api/auth/grants/notes"))
        .bearer_auth(&alice.access_token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(error_body(res).await["code"], "grant_not_found");
    // Audited once, on Alice's account.
    let alice_id = alice.body["user"]["id"].as_str().unwrap().to_owned();
    let revoked: Vec<_> = app
        .auth
        .audit_log(0, None)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.event == "oauth_grant_revoke")
        .collect();
    assert_eq!(revoked.len(), 1, "{revoked:?}");
    assert_eq!(revoked[0].user_id.as_deref(), Some(alice_id.as_str()));
    // Signing in again grants it anew.
    sign_in(&app, "notes", &secret, &alice.cookie).await;
    assert_eq!(grants(&app, &alice.access_token).await.len(), 1);
}

async fn the_account_page_lists_granted_applications_and_revokes_one_with_its_csrf_token(db: Db) {
    let app = TestApp::spawn(db).await;
    let secret = register(&app, "photos").await;
    let carol = app.user("carol@example.com").await;
    let dave = app.user("dave@example.com").await;
    let tokens = sign_in(&app, "photos", &secret, &carol.cookie).await;
    let rt = tokens["refresh_token"].as_str().unwrap().to_owned();
    let dave_tokens = sign_in(&app, "photos", &secret, &dave.cookie).await;
    let dave_rt = dave_tokens["refresh_token"].as_str().unwrap().to_owned();

    let (csrf_cookie, token) = csrf(&app).await;
    let cookies = format!("{csrf_cookie}; session_id={}", carol.cookie);
    let page = |cookies: String| {
        let app = &app;
        async move {
            let res = app.client.get(app.url("/account/")).header(COOKIE, cookies).send().await;
            let res = res.unwrap();
            assert_eq!(res.status(), StatusCode::OK);
            res.text().await.unwrap()
        }
    };
    let html = page(cookies.clone()).await;
    assert!(html.contains("<h2 id=\"grants-title\">Applications</h2>"), "{html}");
    assert!(html.contains("App photos"));
    assert!(html.contains("action=\"/account/grants/photos/revoke\""));

    // Without the form's token nothing is withdrawn.
    let res = post_page(&app, "/account/grants/photos/revoke", &cookies, &[]).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let (status, body) = refresh(&app, "photos", &secret, &rt).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let rt = body["refresh_token"].as_str().unwrap().to_owned();

    // With it: back to the account page with the message, and the grant is over.
    let res =
        post_page(&app, "/account/grants/photos/revoke", &cookies, &[("csrf", token.as_str())])
            .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()[LOCATION], "/account/");
    let flash = res
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok()?.split(';').next().map(str::to_owned))
        .find(|c| c.starts_with("portcullis_flash="))
        .expect("a message for the next page");
    assert_eq!(flash, "portcullis_flash=grant_revoked");
    let html = page(format!("{cookies}; {flash}")).await;
    assert!(html.contains("Access withdrawn."), "{html}");
    assert!(!html.contains("grants-title"), "no application left to list");
    let (status, body) = refresh(&app, "photos", &secret, &rt).await;
    assert_eq!((status, body["error"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_grant")));

    // Dave's grant of the same application was never Carol's to withdraw: a second post (now
    // about nothing of hers) changes nothing of his and says nothing.
    let res =
        post_page(&app, "/account/grants/photos/revoke", &cookies, &[("csrf", token.as_str())])
            .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let flashed = res
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .any(|v| v.to_str().unwrap().starts_with("portcullis_flash=grant_revoked"));
    assert!(!flashed, "nothing was withdrawn, so nothing is said");
    assert_eq!(grants(&app, &dave.access_token).await.len(), 1);
    let (status, body) = refresh(&app, "photos", &secret, &dave_rt).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

backends!(
    clients_are_managed_through_the_admin_api_with_scopes_and_audit,
    a_client_declared_in_the_configuration_is_read_but_changed_only_there,
    a_grant_is_listed_and_its_revocation_ends_its_tokens_at_once,
    the_account_page_lists_granted_applications_and_revokes_one_with_its_csrf_token,
);
