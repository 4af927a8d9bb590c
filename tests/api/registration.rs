//! Dynamic client registration (RFC 7591) and its management (RFC 7592), docs/provider.md:
//! off by default; `open` or with an initial access token; what a registered client may not
//! ask for; its registration access token; the per-IP limit; housekeeping of clients nobody
//! used. Independent clients register in `provider_interop` (openid-client).

use reqwest::header::{AUTHORIZATION, COOKIE, WWW_AUTHENTICATE};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::backends;
use crate::helpers::{Db, TestApp};

const OPEN: &[(&str, &str)] = &[("PORTCULLIS_DYNAMIC_REGISTRATION", "open")];
const REDIRECT: &str = "http://127.0.0.1:9/cb";

async fn register(app: &TestApp, bearer: Option<&str>, body: Value) -> (StatusCode, Value) {
    let mut req = app.client.post(app.url("/oauth2/register")).json(&body);
    if let Some(t) = bearer {
        req = req.bearer_auth(t);
    }
    let res = req.send().await.unwrap();
    let status = res.status();
    if status == StatusCode::UNAUTHORIZED {
        let challenge = res.headers()[WWW_AUTHENTICATE].to_str().unwrap();
        assert!(challenge.contains("invalid_token"), "{challenge}");
    }
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn clients(app: &TestApp) -> usize {
    app.auth.clients().await.unwrap().len()
}

async fn discovery(app: &TestApp) -> Value {
    app.client
        .get(app.url("/.well-known/openid-configuration"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// `/oauth2/introspect` as the client (Basic): the status says whether its secret works.
async fn secret_works(app: &TestApp, id: &str, secret: &str) -> bool {
    let res = app
        .client
        .post(app.url("/oauth2/introspect"))
        .basic_auth(id, Some(secret))
        .form(&[("token", "nothing")])
        .send()
        .await
        .unwrap();
    res.status() == StatusCode::OK
}

/// The authorization page for `client_id`, signed in as `cookie`.
async fn authorize(app: &TestApp, client_id: &str, cookie: &str) -> reqwest::Response {
    app.client
        .get(app.url("/oauth2/authorize"))
        .query(&[
            ("response_type", "code"),
            ("client_id", client_id),
            ("redirect_uri", REDIRECT),
            ("scope", "openid"),
            ("code_challenge", "swBvgO_7WM9INwPdTp8Hdn2wVrHkaYOG19GDc9Om6hM"),
            ("code_challenge_method", "S256"),
        ])
        .header(COOKIE, format!("session_id={cookie}"))
        .send()
        .await
        .unwrap()
}

/// Allows the consent page `html` as the person signed in with session `cookie`, as a browser
/// would (its CSRF token and `Origin`): the query of the client's redirect URI that the page
/// then goes on to (`code`, `state`, `iss`).
pub(crate) async fn allow_consent(
    app: &TestApp,
    cookie: &str,
    html: &str,
) -> std::collections::HashMap<String, String> {
    let between = |html: &str, marker: &str| {
        let start =
            html.find(marker).unwrap_or_else(|| panic!("{marker} in {html}")) + marker.len();
        html[start..start + html[start..].find('"').unwrap()]
            .replace("&amp;", "&")
            .replace("&#x2f;", "/")
    };
    let (request, csrf) =
        (between(html, "name=\"request\" value=\""), between(html, "name=\"csrf\" value=\""));
    let res = app
        .client
        .post(app.url("/oauth2/consent"))
        .header(COOKIE, format!("session_id={cookie}; portcullis_csrf={csrf}"))
        .header("origin", &app.base)
        .form(&[("csrf", csrf.as_str()), ("request", request.as_str()), ("decision", "allow")])
        .send()
        .await
        .unwrap();
    let to = between(&res.text().await.unwrap(), "id=\"continue\" href=\"");
    url::Url::parse(&to).unwrap().query_pairs().into_owned().collect()
}

async fn registration_is_off_by_default(db: Db) {
    let app = TestApp::spawn(db).await;
    let (status, body) = register(&app, None, json!({"redirect_uris": [REDIRECT]})).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    assert_eq!(clients(&app).await, 0);
    assert!(discovery(&app).await.get("registration_endpoint").is_none());
}

async fn an_open_registration_makes_a_third_party_client_it_can_manage(db: Db) {
    let app = TestApp::spawn_with(db, OPEN).await;
    assert_eq!(discovery(&app).await["registration_endpoint"], app.url("/oauth2/register"));
    let (status, made) = register(
        &app,
        None,
        json!({
            "client_name": "Agent",
            "redirect_uris": [REDIRECT],
            "grant_types": ["authorization_code", "refresh_token"],
            "scope": "openid email offline_access mcp:tools",
            // Not ours to set, or unknown: ignored (RFC 7591 section 2).
            "skip_consent": true,
            "logo_uri": "https://agent.example/logo.png",
        }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    let id = made["client_id"].as_str().unwrap().to_owned();
    let secret = made["client_secret"].as_str().unwrap().to_owned();
    let access = made["registration_access_token"].as_str().unwrap().to_owned();
    assert_eq!(made["token_endpoint_auth_method"], "client_secret_basic", "RFC 7591's default");
    assert_eq!(made["client_secret_expires_at"], 0);
    assert_eq!(made["scope"], "openid email offline_access", "what was registered");
    assert_eq!(made["registration_client_uri"], app.url(&format!("/oauth2/register/{id}")));
    assert!(secret_works(&app, &id, &secret).await);
    let listed = app.auth.client(&id).await.unwrap();
    assert_eq!(listed.managed_by, "dynamic");
    assert!(!listed.skip_consent);
    // A third-party client: its users see the consent page.
    let login = app.user("agent-user@example.com").await;
    let page = authorize(&app, &id, &login.cookie).await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.unwrap().contains("action=\"/oauth2/consent\""));

    // RFC 7592: read with the registration access token, and only with it.
    let uri = format!("/oauth2/register/{id}");
    let read = |token: &str| app.client.get(app.url(&uri)).bearer_auth(token).send();
    let res = read(&access).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["client_name"], "Agent");
    assert!(body.get("client_secret").is_none() && body.get("registration_access_token").is_none());
    for wrong in [secret.as_str(), "forged"] {
        let res = read(wrong).await.unwrap();
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        assert!(res.headers()[WWW_AUTHENTICATE].to_str().unwrap().contains("invalid_token"));
    }
    let res = app.client.get(app.url(&uri)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    // Another client's token does not open this one.
    let (_, other) = register(&app, None, json!({"redirect_uris": [REDIRECT]})).await;
    let other_token = other["registration_access_token"].as_str().unwrap();
    assert_eq!(read(other_token).await.unwrap().status(), StatusCode::UNAUTHORIZED);

    // Replace: client_id must be named; a wrong client_secret is refused; what is left out
    // goes back to the defaults.
    let put = |body: Value| app.client.put(app.url(&uri)).bearer_auth(&access).json(&body).send();
    let res = put(json!({"redirect_uris": [REDIRECT], "client_name": "Renamed"})).await.unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let wrong = json!({"client_id": id, "client_secret": "not it", "redirect_uris": [REDIRECT]});
    assert_eq!(put(wrong).await.unwrap().status(), StatusCode::BAD_REQUEST);
    let res = put(json!({
        "client_id": id,
        "client_secret": secret,
        "redirect_uris": [REDIRECT, "http://127.0.0.1:9/other"],
        "client_name": "Renamed",
    }))
    .await
    .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["client_name"], "Renamed");
    assert_eq!(body["grant_types"], json!(["authorization_code"]));
    assert_eq!(app.auth.client(&id).await.unwrap().redirect_uris.len(), 2);
    assert!(secret_works(&app, &id, &secret).await, "the secret stays");

    // Delete: gone, its secret and its registration token with it.
    let res = app.client.delete(app.url(&uri)).bearer_auth(&access).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert!(!secret_works(&app, &id, &secret).await);
    assert_eq!(read(&access).await.unwrap().status(), StatusCode::UNAUTHORIZED);
    assert!(app.auth.client(&id).await.is_err());
}

async fn a_registration_may_not_ask_for_what_a_third_party_must_not_have(db: Db) {
    let app = TestApp::spawn_with(db, OPEN).await;
    for (body, error) in [
        (json!({}), "invalid_redirect_uri"),
        (json!({"redirect_uris": []}), "invalid_redirect_uri"),
        (json!({"redirect_uris": ["http://agent.example/cb"]}), "invalid_redirect_uri"),
        (json!({"redirect_uris": ["https://agent.example/cb#x"]}), "invalid_redirect_uri"),
        (json!({"redirect_uris": "https://agent.example/cb"}), "invalid_client_metadata"),
        (
            json!({"redirect_uris": [REDIRECT], "grant_types": ["client_credentials"]}),
            "invalid_client_metadata",
        ),
        (
            json!({"redirect_uris": [REDIRECT], "grant_types": ["refresh_token"]}),
            "invalid_client_metadata",
        ),
        (
            json!({"redirect_uris": [REDIRECT], "response_types": ["token"]}),
            "invalid_client_metadata",
        ),
        (
            json!({"redirect_uris": [REDIRECT], "token_endpoint_auth_method": "private_key_jwt"}),
            "invalid_client_metadata",
        ),
        (
            json!({"redirect_uris": [REDIRECT], "jwks_uri": "http://169.254.169.254/keys"}),
            "invalid_client_metadata",
        ),
        (json!({"redirect_uris": [REDIRECT], "jwks": {"keys": []}}), "invalid_client_metadata"),
        (
            json!({"redirect_uris": [REDIRECT], "backchannel_logout_uri": "http://127.0.0.1:6379/"}),
            "invalid_client_metadata",
        ),
        (
            json!({"redirect_uris": [REDIRECT], "id_token_signed_response_alg": "none"}),
            "invalid_client_metadata",
        ),
        (
            json!({"redirect_uris": [REDIRECT], "post_logout_redirect_uris": ["javascript:alert(1)"]}),
            "invalid_client_metadata",
        ),
        (json!([REDIRECT]), "invalid_client_metadata"),
    ] {
        let (status, answer) = register(&app, None, body.clone()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}: {answer}");
        assert_eq!(answer["error"], error, "{body}: {answer}");
    }
    let res = app
        .client
        .post(app.url("/oauth2/register"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(clients(&app).await, 0, "nothing was registered");
    // A public client: no secret, and PKCE (required of it at the authorization endpoint).
    let (status, made) = register(
        &app,
        None,
        json!({"redirect_uris": [REDIRECT], "token_endpoint_auth_method": "none"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    assert!(made.get("client_secret").is_none());
    assert_eq!(made["scope"], "openid profile email", "no offline_access without refresh_token");
}

async fn registration_by_token_needs_a_live_initial_access_token(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_DYNAMIC_REGISTRATION", "token")]).await;
    let body = json!({"redirect_uris": [REDIRECT]});
    assert_eq!(register(&app, None, body.clone()).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(register(&app, Some("forged"), body.clone()).await.0, StatusCode::UNAUTHORIZED);
    let by = portcullis::service::operator();
    let day = std::time::Duration::from_secs(86_400);
    let (once, once_token) = app.auth.create_initial_token("ci", day, Some(1), &by).await.unwrap();
    assert_eq!(register(&app, Some(&once_token), body.clone()).await.0, StatusCode::CREATED);
    assert_eq!(
        register(&app, Some(&once_token), body.clone()).await.0,
        StatusCode::UNAUTHORIZED,
        "used up"
    );
    let (many, many_token) = app.auth.create_initial_token("team", day, None, &by).await.unwrap();
    for _ in 0..3 {
        assert_eq!(register(&app, Some(&many_token), body.clone()).await.0, StatusCode::CREATED);
    }
    app.auth.revoke_initial_token(&many.id, &by).await.unwrap();
    assert_eq!(register(&app, Some(&many_token), body.clone()).await.0, StatusCode::UNAUTHORIZED);
    let listed = app.auth.initial_tokens().await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!((listed[0].id.as_str(), listed[0].uses_left), (once.id.as_str(), Some(0)));
    // An expired token: housekeeping removes it, and it never worked past its time.
    let (_, short) = app
        .auth
        .create_initial_token("short", std::time::Duration::from_millis(1), None, &by)
        .await
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    assert_eq!(register(&app, Some(&short), body.clone()).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(clients(&app).await, 4);
    let res = app
        .client
        .post(app.url("/oauth2/register"))
        .header(AUTHORIZATION, "Basic Zm9vOmJhcg==")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "a bearer token, not Basic");
}

async fn registrations_are_limited_per_ip(db: Db) {
    let app = TestApp::spawn_with(
        db,
        &[
            ("PORTCULLIS_DYNAMIC_REGISTRATION", "open"),
            ("PORTCULLIS_DYNAMIC_REGISTRATION_PER_IP_PER_HOUR", "2"),
        ],
    )
    .await;
    let body = json!({"redirect_uris": [REDIRECT]});
    assert_eq!(register(&app, None, body.clone()).await.0, StatusCode::CREATED);
    assert_eq!(register(&app, None, body.clone()).await.0, StatusCode::CREATED);
    let (status, answer) = register(&app, None, body.clone()).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{answer}");
    assert_eq!(clients(&app).await, 2);
}

async fn housekeeping_deletes_registered_clients_nobody_used(db: Db) {
    let app = TestApp::spawn_with(db, OPEN).await;
    let body = json!({"redirect_uris": [REDIRECT], "token_endpoint_auth_method": "none"});
    let (_, unused) = register(&app, None, body.clone()).await;
    let (_, used) = register(&app, None, body.clone()).await;
    let used_id = used["client_id"].as_str().unwrap();
    // Someone signs in to `used`: a consent, a code, a grant.
    let login = app.user("user-of-agent@example.com").await;
    let page = authorize(&app, used_id, &login.cookie).await;
    let back = allow_consent(&app, &login.cookie, &page.text().await.unwrap()).await;
    assert!(back.contains_key("code"), "a code for the client: {back:?}");
    // An operator's client is never housekept, used or not.
    let spec = portcullis::service::ClientSpec {
        name: Some("Operator's".into()),
        redirect_uris: Some(vec![REDIRECT.into()]),
        ..Default::default()
    };
    let operators = app.auth.create_client(&spec, &Default::default()).await.unwrap();

    let now = portcullis::clock::now_ms();
    portcullis::housekeeping::run_once(&app.auth, now, None).await.unwrap();
    assert_eq!(clients(&app).await, 3, "within the TTL, all stay");
    let day_later = now + 25 * 3600 * 1000;
    portcullis::housekeeping::run_once(&app.auth, day_later, None).await.unwrap();
    let left: Vec<String> =
        app.auth.clients().await.unwrap().into_iter().map(|c| c.client_id).collect();
    assert!(!left.contains(&unused["client_id"].as_str().unwrap().to_owned()), "{left:?}");
    assert!(left.contains(&used_id.to_owned()), "{left:?}");
    assert!(left.contains(&operators.client.client_id), "{left:?}");
    assert_eq!(left.len(), 2);
}

async fn the_admin_api_makes_lists_and_revokes_registration_tokens(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_DYNAMIC_REGISTRATION", "token")]).await;
    let scopes = |s: &[&str]| s.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
    let (writer, write_key) = app
        .auth
        .create_api_key("registrar", &scopes(&["clients:write", "clients:read"]))
        .await
        .unwrap();
    let (_, read_key) =
        app.auth.create_api_key("reader", &scopes(&["clients:read"])).await.unwrap();
    let admin = |key: &str, method: reqwest::Method, path: &str, body: Option<Value>| {
        let mut req = app.client.request(method, app.url(path)).bearer_auth(key);
        if let Some(b) = body {
            req = req.json(&b);
        }
        req.send()
    };
    let path = "/api/admin/registration-tokens";
    let body = json!({"label": "agents", "expires_in": 3600, "uses": 2});
    // A reader may list, not make.
    let res = admin(&read_key, reqwest::Method::POST, path, Some(body.clone())).await.unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    for bad in [
        json!({"label": "  "}),
        json!({"label": "x", "expires_in": 0}),
        json!({"label": "x", "uses": 0}),
        json!({"label": "x", "extra": 1}),
    ] {
        let res = admin(&write_key, reqwest::Method::POST, path, Some(bad.clone())).await.unwrap();
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{bad}");
    }
    let res = admin(&write_key, reqwest::Method::POST, path, Some(body)).await.unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let made: Value = res.json().await.unwrap();
    let token = made["token"].as_str().unwrap().to_owned();
    assert_eq!(made["uses_left"], 2);
    // It registers a client, and the list shows one use left and never the token.
    let client = json!({"redirect_uris": [REDIRECT]});
    assert_eq!(register(&app, Some(&token), client.clone()).await.0, StatusCode::CREATED);
    let res = admin(&read_key, reqwest::Method::GET, path, None).await.unwrap();
    let listed: Value = res.json().await.unwrap();
    assert_eq!(listed["tokens"].as_array().unwrap().len(), 1, "{listed}");
    assert_eq!(listed["tokens"][0]["uses_left"], 1);
    assert!(listed["tokens"][0].get("token").is_none());
    assert!(!listed.to_string().contains(&token));
    // Revoked: it registers nothing more.
    let id = made["id"].as_str().unwrap();
    let one = format!("{path}/{id}");
    let res = admin(&write_key, reqwest::Method::DELETE, &one, None).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(register(&app, Some(&token), client).await.0, StatusCode::UNAUTHORIZED);
    let res = admin(&write_key, reqwest::Method::DELETE, &one, None).await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    // Both writes are the key's, in the audit log.
    let filter = portcullis::store::AuditFilter {
        user_id: None,
        event: None,
        after: None,
        since: None,
        limit: 500,
    };
    let entries = app.auth.store().audit_page(&filter).await.unwrap();
    let by_writer = format!("key {}:", writer.id);
    let mine = entries
        .iter()
        .map(|e| &e.entry)
        .filter(|e| e.detail.as_deref().is_some_and(|d| d.starts_with(&by_writer)))
        .filter(|e| e.event.starts_with("admin_registration_token_"))
        .count();
    assert_eq!(mine, 2);
}

/// What an MCP client does: registers itself as a public client, then asks for no scope at
/// all (plain OAuth): the person is asked, and the answer is an access token alone.
async fn a_registered_public_client_may_ask_for_no_scope_at_all(db: Db) {
    let app = TestApp::spawn_with(db, OPEN).await;
    let (_, made) = register(
        &app,
        None,
        json!({"client_name": "MCP client", "redirect_uris": [REDIRECT],
               "token_endpoint_auth_method": "none"}),
    )
    .await;
    let id = made["client_id"].as_str().unwrap();
    let login = app.user("mcp-user@example.com").await;
    // The RFC 7636 appendix B pair: verifier and its S256 challenge.
    let verifier = "dBjftJeZ4CK1-zZ6q5GzXxTUMTa8w8uUZYmrJOQ0Qbk";
    let page = app
        .client
        .get(app.url("/oauth2/authorize"))
        .query(&[
            ("response_type", "code"),
            ("client_id", id),
            ("redirect_uri", REDIRECT),
            ("state", "mcp"),
            ("code_challenge", "swBvgO_7WM9INwPdTp8Hdn2wVrHkaYOG19GDc9Om6hM"),
            ("code_challenge_method", "S256"),
        ])
        .header(COOKIE, format!("session_id={}", login.cookie))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK, "the consent page");
    let back = allow_consent(&app, &login.cookie, &page.text().await.unwrap()).await;
    assert_eq!(back["state"], "mcp");
    let res = app
        .client
        .post(app.url("/oauth2/token"))
        .form(&[
            ("grant_type", "authorization_code"),
            ("client_id", id),
            ("code", back["code"].as_str()),
            ("redirect_uri", REDIRECT),
            ("code_verifier", verifier),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let tokens: Value = res.json().await.unwrap();
    assert_eq!(tokens["token_type"], "Bearer");
    assert!(tokens["access_token"].is_string());
    assert!(tokens.get("id_token").is_none(), "no openid, no ID token: {tokens}");
    assert!(tokens.get("refresh_token").is_none(), "no offline_access: {tokens}");
    assert!(tokens.get("scope").is_none(), "no scope, and not an empty one: {tokens}");
    // The token is the person's, for this client; userinfo is OpenID's, so it is refused.
    let res = app
        .client
        .get(app.url("/oauth2/userinfo"))
        .bearer_auth(tokens["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(res.headers()[WWW_AUTHENTICATE].to_str().unwrap().contains("insufficient_scope"));
}

backends!(
    registration_is_off_by_default,
    an_open_registration_makes_a_third_party_client_it_can_manage,
    a_registration_may_not_ask_for_what_a_third_party_must_not_have,
    registration_by_token_needs_a_live_initial_access_token,
    registrations_are_limited_per_ip,
    housekeeping_deletes_registered_clients_nobody_used,
    the_admin_api_makes_lists_and_revokes_registration_tokens,
    a_registered_public_client_may_ask_for_no_scope_at_all,
);
