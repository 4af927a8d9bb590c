//! Client ID metadata documents (docs/provider.md): a `client_id` that is the URL of a JSON
//! document describing the client. A small HTTP server inside each test serves the documents
//! (and counts how often each is fetched); the development setting lets Portcullis fetch them
//! from loopback. The whole code flow with PKCE and no secret; each refusal (off, a private
//! address, a document naming another client, an unlisted redirect URI, too large, a redirect,
//! a host not on the list, not JSON, a secret) is the error page, never a redirect; the cache
//! follows the answer's headers and is shared through the database; a document over https
//! with a CA the settings trust; and `openid-client` signing in with such a client.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::http::{HeaderName, HeaderValue, Uri};
use axum::response::{IntoResponse, Response};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use reqwest::header::{COOKIE, LOCATION};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::backends;
use crate::helpers::{Db, TestApp, PASSWORD};
use crate::registration::allow_consent;

const REDIRECT: &str = "http://127.0.0.1:9/cb";
/// On, with loopback allowed: the test's document server listens on 127.0.0.1.
const ON: &[(&str, &str)] = &[
    ("PORTCULLIS_CLIENT_METADATA_DOCUMENTS", "true"),
    ("PORTCULLIS_CLIENT_METADATA_ALLOW_LOOPBACK", "true"),
];

backends!(
    metadata_documents_are_off_by_default,
    a_client_known_by_its_document_signs_in_with_pkce_and_no_secret,
    a_document_on_a_private_or_loopback_address_is_refused_unless_allowed,
    a_document_naming_another_client_id_is_refused,
    a_redirect_uri_the_document_does_not_list_gets_the_error_page,
    a_document_over_five_kib_is_refused_as_it_arrives,
    a_redirect_answer_is_refused_and_not_followed,
    a_host_outside_the_allow_list_is_never_fetched,
    documents_that_do_not_describe_a_public_client_are_refused,
    a_fresh_copy_is_shared_and_a_stale_one_fetched_again,
    a_document_over_https_is_fetched_with_a_trusted_local_ca,
    openid_client_signs_in_with_a_client_id_metadata_document,
);

// ---- the document server ----

/// A canned answer.
#[derive(Clone)]
struct Answer {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
    /// Sent in chunks, without `Content-Length`.
    chunked: bool,
}

#[derive(Clone, Default)]
struct Served {
    answers: Arc<Mutex<HashMap<String, Answer>>>,
    hits: Arc<Mutex<HashMap<String, usize>>>,
}

/// An HTTP server on 127.0.0.1 that answers each path as told, counting requests.
struct DocServer {
    port: u16,
    served: Served,
}

async fn answer(State(s): State<Served>, uri: Uri) -> Response {
    let path = uri.path().to_owned();
    *s.hits.lock().unwrap().entry(path.clone()).or_default() += 1;
    let Some(a) = s.answers.lock().unwrap().get(&path).cloned() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let body = if a.chunked {
        let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
            a.body.chunks(1024).map(|c| Ok(c.to_vec())).collect();
        axum::body::Body::from_stream(futures::stream::iter(chunks))
    } else {
        axum::body::Body::from(a.body)
    };
    let mut res = Response::new(body);
    *res.status_mut() = axum::http::StatusCode::from_u16(a.status).unwrap();
    for (k, v) in a.headers {
        res.headers_mut().append(HeaderName::from_static(k), HeaderValue::from_str(&v).unwrap());
    }
    res
}

impl DocServer {
    async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let served = Served::default();
        let router = axum::Router::new().fallback(answer).with_state(served.clone());
        tokio::spawn(async move { axum::serve(listener, router).await });
        Self { port, served }
    }

    /// The URL of `path` on this server, by IP address.
    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn set(&self, path: &str, a: Answer) {
        self.served.answers.lock().unwrap().insert(path.to_owned(), a);
    }

    /// Serves `doc` at `path` as JSON, with these extra headers.
    fn json(&self, path: &str, doc: &Value, headers: &[(&'static str, &str)]) {
        let mut all = vec![("content-type", "application/json".to_owned())];
        all.extend(headers.iter().map(|(k, v)| (*k, (*v).to_owned())));
        let body = serde_json::to_vec(doc).unwrap();
        self.set(path, Answer { status: 200, headers: all, body, chunked: false });
    }

    fn hits(&self, path: &str) -> usize {
        self.served.hits.lock().unwrap().get(path).copied().unwrap_or(0)
    }
}

/// A public client's document for `id`: the test's redirect URI, both grants, no secret.
fn document(id: &str) -> Value {
    json!({
        "client_id": id,
        "client_name": "Doc Agent",
        "client_uri": "https://agent.example/",
        "redirect_uris": [REDIRECT],
        "grant_types": ["authorization_code", "refresh_token"],
        "response_types": ["code"],
        "token_endpoint_auth_method": "none",
        "scope": "openid email offline_access",
    })
}

// ---- the client's side ----

/// A PKCE verifier and its S256 challenge.
fn pkce() -> (String, String) {
    let verifier = URL_SAFE_NO_PAD.encode(uuid::Uuid::new_v4().as_bytes().repeat(2));
    let digest = ring::digest::digest(&ring::digest::SHA256, verifier.as_bytes());
    (verifier, URL_SAFE_NO_PAD.encode(digest.as_ref()))
}

/// `GET /oauth2/authorize` for `client_id` (signed in as `cookie`, if any), not followed.
async fn authorize(
    app: &TestApp,
    client_id: &str,
    redirect_uri: &str,
    cookie: Option<&str>,
    challenge: &str,
) -> reqwest::Response {
    let mut req = app.client.get(app.url("/oauth2/authorize")).query(&[
        ("response_type", "code"),
        ("client_id", client_id),
        ("redirect_uri", redirect_uri),
        ("scope", "openid email offline_access"),
        ("state", "st"),
        ("code_challenge", challenge),
        ("code_challenge_method", "S256"),
    ]);
    if let Some(c) = cookie {
        req = req.header(COOKIE, format!("session_id={c}"));
    }
    req.send().await.unwrap()
}

/// The consent page for `client_id`, as the person signed in with `cookie` sees it.
async fn consent_page(app: &TestApp, client_id: &str, cookie: &str) -> String {
    let res = authorize(app, client_id, REDIRECT, Some(cookie), &pkce().1).await;
    assert_eq!(res.status(), StatusCode::OK, "the consent page");
    res.text().await.unwrap()
}

/// The error page an authorization request for `client_id` gets: `400`, and no redirect.
async fn refused(app: &TestApp, client_id: &str, redirect_uri: &str, cookie: &str) -> String {
    let res = authorize(app, client_id, redirect_uri, Some(cookie), &pkce().1).await;
    let status = res.status();
    assert!(res.headers().get(LOCATION).is_none(), "never a redirect");
    let html = res.text().await.unwrap();
    assert_eq!(status, StatusCode::BAD_REQUEST, "{html}");
    html
}

/// `POST /oauth2/token` with `form` (and no client authentication besides `client_id`).
async fn token(app: &TestApp, form: &[(&str, &str)]) -> (StatusCode, Value) {
    let res = app.client.post(app.url("/oauth2/token")).form(form).send().await.unwrap();
    (res.status(), res.json().await.unwrap())
}

/// A refresh as the public client `client_id`.
async fn refresh(app: &TestApp, client_id: &str, refresh_token: &str) -> (StatusCode, Value) {
    let form = [
        ("grant_type", "refresh_token"),
        ("refresh_token", refresh_token),
        ("client_id", client_id),
    ];
    token(app, &form).await
}

async fn discovery(app: &TestApp) -> Value {
    let res = app.client.get(app.url("/.well-known/openid-configuration")).send().await.unwrap();
    res.json().await.unwrap()
}

fn payload(jwt: &str) -> Value {
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(jwt.split('.').nth(1).unwrap()).unwrap())
        .unwrap()
}

/// The page's text with minijinja's escapes undone, for matching.
fn text(html: &str) -> String {
    html.replace("&#x2f;", "/").replace("&amp;", "&").replace("&#x27;", "'")
}

/// Marks every stored copy of a document stale, as time would.
async fn make_stale(app: &TestApp) {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(&app.database_url).await.unwrap();
    sqlx::query("UPDATE oauth_client_documents SET expires_at = 0")
        .execute(&mut conn)
        .await
        .unwrap();
}

// ---- the tests ----

async fn metadata_documents_are_off_by_default(db: Db) {
    let app = TestApp::spawn(db).await;
    let docs = DocServer::start().await;
    let id = docs.url("/client.json");
    docs.json("/client.json", &document(&id), &[]);
    let login = app.user("off@example.com").await;
    let html = refused(&app, &id, REDIRECT, &login.cookie).await;
    assert!(html.contains("No application is registered with this client_id"), "{html}");
    let (status, body) = refresh(&app, &id, "anything").await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("invalid_client"))
    );
    assert_eq!(docs.hits("/client.json"), 0, "nothing is fetched");
    assert!(app.auth.clients().await.unwrap().is_empty());
    assert!(discovery(&app).await.get("client_id_metadata_document_supported").is_none());
}

async fn a_client_known_by_its_document_signs_in_with_pkce_and_no_secret(db: Db) {
    let app = TestApp::spawn_with(db, ON).await;
    assert_eq!(discovery(&app).await["client_id_metadata_document_supported"], true);
    let docs = DocServer::start().await;
    let id = docs.url("/agents/doc-agent.json");
    docs.json("/agents/doc-agent.json", &document(&id), &[("cache-control", "max-age=600")]);

    // Signed out: the login page first, with the request as its `next`.
    let (verifier, challenge) = pkce();
    let res = authorize(&app, &id, REDIRECT, None, &challenge).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(res.headers()[LOCATION].to_str().unwrap().starts_with("/account/login?next="));

    // Signed in: the consent page, naming the client and where its description comes from.
    let login = app.user("doc-user@example.com").await;
    let res = authorize(&app, &id, REDIRECT, Some(&login.cookie), &challenge).await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    assert!(html.contains("Allow Doc Agent to sign you in?"), "{html}");
    assert!(text(&html).contains("it describes itself at <strong>127.0.0.1</strong>"), "{html}");
    let back = allow_consent(&app, &login.cookie, &html).await;
    assert_eq!(back["state"], "st");
    assert_eq!(back["iss"], app.public);

    // The code, with the verifier and no secret.
    let form = [
        ("grant_type", "authorization_code"),
        ("code", back["code"].as_str()),
        ("redirect_uri", REDIRECT),
        ("code_verifier", verifier.as_str()),
        ("client_id", id.as_str()),
    ];
    let (status, tokens) = token(&app, &form).await;
    assert_eq!(status, StatusCode::OK, "{tokens}");
    let user_id = login.body["user"]["id"].as_str().unwrap();
    let claims = payload(tokens["id_token"].as_str().unwrap());
    assert_eq!(
        (claims["aud"].as_str(), claims["sub"].as_str()),
        (Some(id.as_str()), Some(user_id))
    );
    assert_eq!(payload(tokens["access_token"].as_str().unwrap())["client_id"], id);
    let refresh_token = tokens["refresh_token"].as_str().expect("offline_access").to_owned();

    // A secret is refused (it has none), and so is a code without its verifier.
    let res = app
        .client
        .post(app.url("/oauth2/token"))
        .basic_auth(&id, Some("a-guessed-secret"))
        .form(&[("grant_type", "refresh_token"), ("refresh_token", refresh_token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let (status, refreshed) = refresh(&app, &id, &refresh_token).await;
    assert_eq!(status, StatusCode::OK, "{refreshed}");

    // Its row: a public third party, marked as known by its document.
    let stored = app.auth.client(&id).await.unwrap();
    assert_eq!(stored.managed_by, "document");
    assert_eq!(stored.name, "Doc Agent");
    assert!(stored.is_public() && !stored.skip_consent);
    assert_eq!(stored.grant_types, ["authorization_code", "refresh_token"]);
    assert_eq!(docs.hits("/agents/doc-agent.json"), 1, "one fetch within max-age");

    // The person sees it among their applications, and can withdraw it (its id is a URL: the
    // account page's form addresses it with its slashes escaped).
    let account = app
        .client
        .get(app.url("/account/"))
        .header(COOKIE, format!("session_id={}", login.cookie))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let escaped = id.replace(':', "%3A").replace('/', "%2F");
    assert!(account.contains(&format!("/account/grants/{escaped}/revoke")), "{account}");
    let grants: Value = app
        .client
        .get(app.url("/api/auth/grants"))
        .bearer_auth(&login.access_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(grants["grants"][0]["client_id"], id, "{grants}");
    let res = app
        .client
        .delete(app.url(&format!("/api/auth/grants/{escaped}")))
        .bearer_auth(&login.access_token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK, "{}", res.text().await.unwrap());
    let next = refreshed["refresh_token"].as_str().unwrap();
    let (status, body) = refresh(&app, &id, next).await;
    assert_eq!((status, body["error"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_grant")));
}

async fn a_document_on_a_private_or_loopback_address_is_refused_unless_allowed(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_CLIENT_METADATA_DOCUMENTS", "true")]).await;
    let docs = DocServer::start().await;
    let port = docs.port;
    docs.json("/client.json", &document("unused"), &[]);
    let login = app.user("private@example.com").await;
    for (id, why) in [
        (format!("https://127.0.0.1:{port}/client.json"), "its host has no public address"),
        (format!("https://localhost:{port}/client.json"), "its host has no public address"),
        (format!("https://[::1]:{port}/client.json"), "its host has no public address"),
        (format!("https://[::ffff:7f00:1]:{port}/client.json"), "no public address"),
        ("https://10.1.2.3/client.json".to_owned(), "its host has no public address"),
        ("https://169.254.169.254/latest/meta-data".to_owned(), "no public address"),
        ("https://[fd00::1]/client.json".to_owned(), "its host has no public address"),
        (format!("http://127.0.0.1:{port}/client.json"), "the URL must be https"),
        ("https://app.example/".to_owned(), "the URL must have a path"),
        ("https://app.example".to_owned(), "not in its plain form"),
        ("https://app.example/a/../client.json".to_owned(), "not in its plain form"),
        ("https://user:pw@app.example/client.json".to_owned(), "user name or password"),
    ] {
        let html = text(&refused(&app, &id, REDIRECT, &login.cookie).await);
        assert!(html.contains("client metadata document"), "{id}: {html}");
        assert!(html.contains(why), "{id}: {html}");
        // The token endpoint refuses the same client.
        let (status, body) = refresh(&app, &id, "anything").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{id}: {body}");
        assert_eq!(body["error"], "invalid_client");
    }
    assert_eq!(docs.hits("/client.json"), 0, "never fetched");
    assert!(app.auth.clients().await.unwrap().is_empty());

    // The development setting that allows loopback needs dev mode.
    let dir = tempfile::tempdir().unwrap();
    let db_url = format!("sqlite://{}/x.db", dir.path().display());
    let settings = portcullis::Settings::from_map([
        ("PORTCULLIS_DATABASE_URL", db_url.as_str()),
        ("PORTCULLIS_CLIENT_METADATA_ALLOW_LOOPBACK", "true"),
    ]);
    let err = settings.unwrap_err().to_string();
    assert!(err.contains("PORTCULLIS_CLIENT_METADATA_ALLOW_LOOPBACK"), "{err}");
}

async fn a_document_naming_another_client_id_is_refused(db: Db) {
    let app = TestApp::spawn_with(db, ON).await;
    let docs = DocServer::start().await;
    let id = docs.url("/client.json");
    let login = app.user("other-id@example.com").await;
    // Another URL, and the same one written differently.
    for other in [docs.url("/other.json"), format!("{id}/"), id.replace("127.0.0.1", "localhost")] {
        docs.json("/client.json", &document(&other), &[]);
        let html = text(&refused(&app, &id, REDIRECT, &login.cookie).await);
        assert!(html.contains("its client_id is not the URL it was fetched from"), "{html}");
    }
    assert_eq!(docs.hits("/client.json"), 3);
    assert!(app.auth.clients().await.unwrap().is_empty(), "nothing is stored");
}

async fn a_redirect_uri_the_document_does_not_list_gets_the_error_page(db: Db) {
    let app = TestApp::spawn_with(db, ON).await;
    let docs = DocServer::start().await;
    let id = docs.url("/client.json");
    let mut doc = document(&id);
    doc["redirect_uris"] = json!(["http://127.0.0.1/cb", "https://agent.example/cb"]);
    docs.json("/client.json", &doc, &[]);
    let login = app.user("redirects@example.com").await;
    for unlisted in [
        "https://evil.example/cb",
        "https://agent.example/cb/",
        "https://agent.example/cb?x=1",
        "http://127.0.0.1:5555/other",
        "http://localhost:5555/cb",
    ] {
        let html = refused(&app, &id, unlisted, &login.cookie).await;
        assert!(html.contains("The redirect_uri is not one this application registered"), "{html}");
    }
    // A listed one is accepted, and a loopback IP one on any port (RFC 8252), as for any client.
    for listed in ["https://agent.example/cb", "http://127.0.0.1:5555/cb"] {
        let res = authorize(&app, &id, listed, Some(&login.cookie), &pkce().1).await;
        assert_eq!(res.status(), StatusCode::OK, "{listed}: the consent page");
    }
}

async fn a_document_over_five_kib_is_refused_as_it_arrives(db: Db) {
    let app = TestApp::spawn_with(db, ON).await;
    let docs = DocServer::start().await;
    let login = app.user("large@example.com").await;
    // A document of `size` bytes (an unknown member pads it).
    let sized = |id: &str, size: usize| {
        let mut doc = document(id);
        doc["padding"] = json!("");
        let base = serde_json::to_vec(&doc).unwrap().len();
        doc["padding"] = json!("x".repeat(size - base));
        let body = serde_json::to_vec(&doc).unwrap();
        assert_eq!(body.len(), size);
        body
    };
    let json = || vec![("content-type", "application/json".to_owned())];
    for (path, chunked) in [("/large.json", false), ("/chunked.json", true)] {
        let id = docs.url(path);
        let body = sized(&id, 5 * 1024 + 1);
        docs.set(path, Answer { status: 200, headers: json(), body, chunked });
        let html = refused(&app, &id, REDIRECT, &login.cookie).await;
        assert!(html.contains("it is larger than 5 KiB"), "{path}: {html}");
    }
    // Exactly 5 KiB is accepted, even in chunks.
    let id = docs.url("/limit.json");
    let body = sized(&id, 5 * 1024);
    docs.set("/limit.json", Answer { status: 200, headers: json(), body, chunked: true });
    consent_page(&app, &id, &login.cookie).await;
}

async fn a_redirect_answer_is_refused_and_not_followed(db: Db) {
    let app = TestApp::spawn_with(db, ON).await;
    let docs = DocServer::start().await;
    let id = docs.url("/moved.json");
    docs.json("/client.json", &document(&id), &[]);
    for status in [301, 302, 303, 307, 308] {
        let headers = vec![("location", docs.url("/client.json"))];
        docs.set("/moved.json", Answer { status, headers, body: Vec::new(), chunked: false });
        let login = app.user(&format!("moved{status}@example.com")).await;
        let html = refused(&app, &id, REDIRECT, &login.cookie).await;
        assert!(html.contains("it answered with a redirect"), "{status}: {html}");
    }
    assert_eq!(docs.hits("/moved.json"), 5);
    assert_eq!(docs.hits("/client.json"), 0, "the redirect is never followed");
}

async fn a_host_outside_the_allow_list_is_never_fetched(db: Db) {
    let listed = [ON, &[("PORTCULLIS_CLIENT_METADATA_HOSTS", "agents.example, other.example")]];
    let app = TestApp::spawn_with(db, &listed.concat()).await;
    let docs = DocServer::start().await;
    let id = docs.url("/client.json");
    docs.json("/client.json", &document(&id), &[]);
    let login = app.user("hosts@example.com").await;
    let html = refused(&app, &id, REDIRECT, &login.cookie).await;
    assert!(
        html.contains("127.0.0.1 is not a host whose metadata documents are accepted"),
        "{html}"
    );
    assert_eq!(docs.hits("/client.json"), 0);

    // Listed, the same document is used.
    let listed = [ON, &[("PORTCULLIS_CLIENT_METADATA_HOSTS", "agents.example,127.0.0.1")]];
    let app = TestApp::spawn_with(db, &listed.concat()).await;
    let login = app.user("hosts@example.com").await;
    consent_page(&app, &id, &login.cookie).await;
    assert_eq!(docs.hits("/client.json"), 1);
}

async fn documents_that_do_not_describe_a_public_client_are_refused(db: Db) {
    let app = TestApp::spawn_with(db, ON).await;
    let docs = DocServer::start().await;
    let login = app.user("refusals@example.com").await;
    let json = |body: &str| Answer {
        status: 200,
        headers: vec![("content-type", "application/json".to_owned())],
        body: body.as_bytes().to_vec(),
        chunked: false,
    };
    let with = |id: &str, change: Value| {
        let mut doc = document(id);
        for (k, v) in change.as_object().unwrap() {
            doc[k] = v.clone();
        }
        json(&doc.to_string())
    };
    type Case = (&'static str, fn(&str) -> Value, &'static str);
    let cases: [Case; 8] = [
        ("/secret.json", |_| json!({"client_secret": "s3cret"}), "names a client secret"),
        (
            "/basic.json",
            |_| json!({"token_endpoint_auth_method": "client_secret_basic"}),
            "token_endpoint_auth_method must be none",
        ),
        ("/jwks.json", |_| json!({"jwks_uri": "https://agent.example/jwks"}), "private_key_jwt"),
        ("/grants.json", |_| json!({"grant_types": ["client_credentials"]}), "grant type"),
        ("/no-redirect.json", |_| json!({"redirect_uris": []}), "redirect_uris"),
        ("/http-redirect.json", |_| json!({"redirect_uris": ["http://agent.example/cb"]}), "http"),
        (
            "/logout.json",
            |_| json!({"backchannel_logout_uri": "https://a.example/l"}),
            "backchannel",
        ),
        ("/name.json", |_| json!({"client_name": 7}), "invalid type"),
    ];
    for (path, change, why) in cases {
        let id = docs.url(path);
        docs.set(path, with(&id, change(&id)));
        let html = text(&refused(&app, &id, REDIRECT, &login.cookie).await);
        assert!(html.contains(why), "{path}: {html}");
    }
    let id = docs.url("/text.json");
    let mut plain = with(&id, json!({}));
    plain.headers = vec![("content-type", "text/html".to_owned())];
    docs.set("/text.json", plain);
    assert!(refused(&app, &id, REDIRECT, &login.cookie).await.contains("not served as JSON"));
    docs.set("/broken.json", json("{\"client_id\": "));
    let id = docs.url("/broken.json");
    assert!(refused(&app, &id, REDIRECT, &login.cookie).await.contains("it is not JSON"));
    let id = docs.url("/missing.json");
    assert!(refused(&app, &id, REDIRECT, &login.cookie).await.contains("it answered HTTP 404"));
    assert!(app.auth.clients().await.unwrap().is_empty(), "nothing is stored");
}

async fn a_fresh_copy_is_shared_and_a_stale_one_fetched_again(db: Db) {
    let app = TestApp::spawn_with(db, ON).await;
    let docs = DocServer::start().await;
    let login = app.user("cache@example.com").await;
    // By name, so the name lookup and the connection to the checked address are used too.
    let id = format!("http://localhost:{}/cached.json", docs.port);
    docs.json("/cached.json", &document(&id), &[("cache-control", "public, max-age=600")]);
    assert!(consent_page(&app, &id, &login.cookie).await.contains("Doc Agent"));
    consent_page(&app, &id, &login.cookie).await;
    assert_eq!(docs.hits("/cached.json"), 1, "two authorizations within max-age: one fetch");
    // Another node reads the same copy from the database.
    let other = app.another_node(ON).await;
    consent_page(&other, &id, &login.cookie).await;
    assert_eq!(docs.hits("/cached.json"), 1, "the other node fetches nothing");

    // `no-store` is kept the shortest time allowed: not fetched on every request.
    let quick = format!("http://localhost:{}/no-store.json", docs.port);
    docs.json("/no-store.json", &document(&quick), &[("cache-control", "no-store")]);
    consent_page(&app, &quick, &login.cookie).await;
    consent_page(&app, &quick, &login.cookie).await;
    assert_eq!(docs.hits("/no-store.json"), 1);

    // Stale, it is fetched again, and a change is seen.
    let mut renamed = document(&id);
    renamed["client_name"] = json!("Renamed Agent");
    docs.json("/cached.json", &renamed, &[("cache-control", "max-age=600")]);
    make_stale(&app).await;
    assert!(consent_page(&app, &id, &login.cookie).await.contains("Renamed Agent"));
    assert_eq!(docs.hits("/cached.json"), 2);
    assert_eq!(app.auth.client(&id).await.unwrap().name, "Renamed Agent");

    // Stale and failing: the error page at the authorization endpoint, `invalid_client` at
    // the token endpoint (for a client that holds a refresh token).
    let (verifier, challenge) = pkce();
    let res = authorize(&app, &id, REDIRECT, Some(&login.cookie), &challenge).await;
    let back = allow_consent(&app, &login.cookie, &res.text().await.unwrap()).await;
    let form = [
        ("grant_type", "authorization_code"),
        ("code", back["code"].as_str()),
        ("redirect_uri", REDIRECT),
        ("code_verifier", verifier.as_str()),
        ("client_id", id.as_str()),
    ];
    let (status, tokens) = token(&app, &form).await;
    assert_eq!(status, StatusCode::OK, "{tokens}");
    let broken = Answer { status: 500, headers: Vec::new(), body: Vec::new(), chunked: false };
    docs.set("/cached.json", broken);
    make_stale(&app).await;
    let html = refused(&app, &id, REDIRECT, &login.cookie).await;
    assert!(html.contains("it answered HTTP 500"), "{html}");
    let (status, body) = refresh(&app, &id, tokens["refresh_token"].as_str().unwrap()).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("invalid_client"))
    );

    // Housekeeping forgets a client long stale that nobody holds anything of; one with a
    // grant (and a consent) stays.
    let later = portcullis::clock::now_ms() + 25 * 3600 * 1000;
    portcullis::housekeeping::run_once(&app.auth, later, None).await.unwrap();
    let left: Vec<String> =
        app.auth.clients().await.unwrap().into_iter().map(|c| c.client_id).collect();
    assert_eq!(left, [id], "the unused no-store client is gone");
}

async fn a_document_over_https_is_fetched_with_a_trusted_local_ca(db: Db) {
    let (ca_pem, server) = tls_server();
    let dir = tempfile::tempdir().unwrap();
    let ca_file = dir.path().join("ca.pem");
    std::fs::write(&ca_file, &ca_pem).unwrap();
    let id = format!("https://localhost:{}/client.json", server.port);
    *server.doc.lock().unwrap() = serde_json::to_vec(&document(&id)).unwrap();

    // Without the CA, the certificate is not trusted.
    let app = TestApp::spawn_with(db, ON).await;
    let login = app.user("tls@example.com").await;
    let html = refused(&app, &id, REDIRECT, &login.cookie).await;
    assert!(html.contains("it could not be fetched"), "{html}");

    let ca = ca_file.to_str().unwrap();
    let trusted = [ON, &[("PORTCULLIS_CLIENT_METADATA_CA_FILE", ca)]].concat();
    let app = TestApp::spawn_with(db, &trusted).await;
    let login = app.user("tls@example.com").await;
    assert!(consent_page(&app, &id, &login.cookie).await.contains("Doc Agent"));
    assert_eq!(app.auth.client(&id).await.unwrap().managed_by, "document");

    // A file that holds no certificate stops startup, naming the setting.
    let junk = dir.path().join("junk.pem");
    std::fs::write(&junk, "not a certificate").unwrap();
    let settings = portcullis::Settings::from_map([
        ("PORTCULLIS_DATABASE_URL", format!("sqlite://{}/x.db", dir.path().display())),
        ("PORTCULLIS_CLIENT_METADATA_CA_FILE", junk.display().to_string()),
    ]);
    assert!(settings.unwrap_err().to_string().contains("PORTCULLIS_CLIENT_METADATA_CA_FILE"));
}

/// An https server on 127.0.0.1 for `localhost`, its certificate issued by a CA made here:
/// the CA's PEM and the server (which answers every request with `doc`).
struct TlsServer {
    port: u16,
    doc: Arc<Mutex<Vec<u8>>>,
}

fn tls_server() -> (Vec<u8>, TlsServer) {
    use openssl::asn1::Asn1Time;
    use openssl::bn::BigNum;
    use openssl::ec::{EcGroup, EcKey};
    use openssl::hash::MessageDigest;
    use openssl::nid::Nid;
    use openssl::pkey::PKey;
    use openssl::ssl::{SslAcceptor, SslMethod};
    use openssl::x509::extension::{
        BasicConstraints, ExtendedKeyUsage, KeyUsage, SubjectAlternativeName,
    };
    use openssl::x509::{X509Builder, X509NameBuilder};

    let key = || {
        let group = EcGroup::from_curve_name(Nid::X9_62_PRIME256V1).unwrap();
        PKey::from_ec_key(EcKey::generate(&group).unwrap()).unwrap()
    };
    let name = |cn: &str| {
        let mut n = X509NameBuilder::new().unwrap();
        n.append_entry_by_text("CN", cn).unwrap();
        n.build()
    };
    let builder = |serial: u32, subject: &str, issuer: &str, public: &PKey<_>| {
        let mut b = X509Builder::new().unwrap();
        b.set_version(2).unwrap();
        b.set_serial_number(&BigNum::from_u32(serial).unwrap().to_asn1_integer().unwrap()).unwrap();
        b.set_subject_name(&name(subject)).unwrap();
        b.set_issuer_name(&name(issuer)).unwrap();
        b.set_pubkey(public).unwrap();
        b.set_not_before(&Asn1Time::days_from_now(0).unwrap()).unwrap();
        b.set_not_after(&Asn1Time::days_from_now(2).unwrap()).unwrap();
        b
    };
    let (ca_key, leaf_key) = (key(), key());
    let mut ca = builder(1, "Test CA", "Test CA", &ca_key);
    ca.append_extension(BasicConstraints::new().critical().ca().build().unwrap()).unwrap();
    ca.append_extension(KeyUsage::new().critical().key_cert_sign().build().unwrap()).unwrap();
    ca.sign(&ca_key, MessageDigest::sha256()).unwrap();
    let ca = ca.build();
    let mut leaf = builder(2, "localhost", "Test CA", &leaf_key);
    let san =
        SubjectAlternativeName::new().dns("localhost").build(&leaf.x509v3_context(Some(&ca), None));
    leaf.append_extension(san.unwrap()).unwrap();
    leaf.append_extension(ExtendedKeyUsage::new().server_auth().build().unwrap()).unwrap();
    leaf.sign(&ca_key, MessageDigest::sha256()).unwrap();
    let leaf = leaf.build();

    let mut acceptor = SslAcceptor::mozilla_intermediate_v5(SslMethod::tls()).unwrap();
    acceptor.set_private_key(&leaf_key).unwrap();
    acceptor.set_certificate(&leaf).unwrap();
    acceptor.add_extra_chain_cert(ca.clone()).unwrap();
    let acceptor = acceptor.build();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let doc = Arc::new(Mutex::new(Vec::new()));
    let served = doc.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let Ok(mut tls) = acceptor.accept(stream) else { continue };
            let mut request = Vec::new();
            let mut buf = [0u8; 1024];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                match tls.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => request.extend_from_slice(&buf[..n]),
                }
            }
            let body = served.lock().unwrap().clone();
            let head = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
                 connection: close\r\n\r\n",
                body.len()
            );
            let _ = tls.write_all(head.as_bytes()).and_then(|()| tls.write_all(&body));
            let _ = tls.shutdown();
        }
    });
    (ca.to_pem().unwrap(), TlsServer { port, doc })
}

async fn openid_client_signs_in_with_a_client_id_metadata_document(db: Db) {
    let Some(dir) = crate::provider_interop::rp_dir() else { return };
    let app = TestApp::spawn_with(db, ON).await;
    let docs = DocServer::start().await;
    let id = docs.url("/mcp/client.json");
    docs.json("/mcp/client.json", &document(&id), &[]);
    let login = app.user("interop-doc@example.com").await;
    let env = vec![
        ("ISSUER", app.public.clone()),
        ("CLIENT_ID", id.clone()),
        ("REDIRECT_URI", REDIRECT.to_owned()),
        ("EMAIL", "interop-doc@example.com".to_owned()),
        ("PASSWORD", PASSWORD.to_owned()),
    ];
    let out = crate::provider_interop::run(&dir, "cimd.mjs", env).await;
    assert_eq!(out["discovery"]["client_id_metadata_document_supported"], true, "{out:#}");
    let signed_in = &out["signed_in"];
    assert_eq!(signed_in["forms"]["login"], true, "{out:#}");
    assert_eq!(signed_in["forms"]["consent"], json!(["openid", "email", "offline_access"]));
    assert_eq!(signed_in["aud"], id);
    assert_eq!(signed_in["sub"], login.body["user"]["id"]);
    assert_eq!(signed_in["has_refresh_token"], true);
    assert_eq!(out["refreshed"]["rotated"], true);
    assert_eq!(out["userinfo"]["email"], "interop-doc@example.com");
    assert_eq!(out["with_secret"]["refused"], true, "{out:#}");
    assert_eq!(out["with_secret"]["error"], "invalid_client", "{out:#}");
    assert_eq!(app.auth.client(&id).await.unwrap().managed_by, "document");
    assert_eq!(docs.hits("/mcp/client.json"), 1);
}
