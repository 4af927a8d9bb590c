//! The OpenID Connect provider's rules, each refusal a test (docs/provider.md): redirect URIs,
//! PKCE, codes, client authentication, prompts, refresh rotation, revocation, sessions ending,
//! RP-initiated logout, back-channel logout, ID token algorithms, and two nodes sharing codes
//! and grants. The test plays both the browser (the session cookie of an API login opens the
//! pages) and the client (raw HTTP, so every refusal can be seen as it is sent); independent
//! client libraries drive the same endpoints in `provider_interop` and friends.

use std::collections::HashMap;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use reqwest::header::{COOKIE, LOCATION, SET_COOKIE, WWW_AUTHENTICATE};
use reqwest::StatusCode;
use serde_json::Value;

use crate::backends;
use crate::helpers::{Db, TestApp};
use portcullis::service::{ClientInfo, ClientSpec};

pub(crate) const REDIRECT: &str = "http://127.0.0.1:9/cb";
const LOGGED_OUT: &str = "http://127.0.0.1:9/bye";

/// A registered client, as its application knows it.
pub(crate) struct Rp {
    pub(crate) id: String,
    pub(crate) secret: Option<String>,
}

pub(crate) fn all_grants() -> Vec<String> {
    ["authorization_code", "refresh_token", "client_credentials"].map(String::from).to_vec()
}

pub(crate) fn scopes(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

/// A confidential client with every grant, the OpenID scopes and `api.read`, no consent page.
pub(crate) fn spec(id: &str) -> ClientSpec {
    ClientSpec {
        client_id: Some(id.to_owned()),
        name: Some(format!("App {id}")),
        redirect_uris: Some(vec![REDIRECT.to_owned()]),
        post_logout_redirect_uris: Some(vec![LOGGED_OUT.to_owned()]),
        grant_types: Some(all_grants()),
        scopes: Some(scopes(&["openid", "profile", "email", "offline_access", "api.read"])),
        skip_consent: Some(true),
        ..Default::default()
    }
}

pub(crate) async fn register(app: &TestApp, spec: ClientSpec) -> Rp {
    let made = app.auth.create_client(&spec, &ClientInfo::default()).await.unwrap();
    Rp { id: made.client.client_id, secret: made.client_secret }
}

/// A PKCE verifier and its S256 challenge.
pub(crate) fn pkce() -> (String, String) {
    let verifier = URL_SAFE_NO_PAD.encode(uuid::Uuid::new_v4().as_bytes().repeat(2));
    let digest = ring::digest::digest(&ring::digest::SHA256, verifier.as_bytes());
    (verifier, URL_SAFE_NO_PAD.encode(digest.as_ref()))
}

/// The query of a `Location` (or any URL).
pub(crate) fn query(url: &str) -> HashMap<String, String> {
    let parsed = url::Url::parse(url).unwrap();
    parsed.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect()
}

pub(crate) fn location(res: &reqwest::Response) -> String {
    res.headers().get(LOCATION).map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default()
}

/// `GET /oauth2/authorize` with `params` (and the session cookie, if any); not followed.
pub(crate) async fn authorize(
    app: &TestApp,
    cookie: Option<&str>,
    params: &[(&str, &str)],
) -> reqwest::Response {
    let mut req = app.client.get(app.url("/oauth2/authorize")).query(params);
    if let Some(c) = cookie {
        req = req.header(COOKIE, format!("session_id={c}"));
    }
    req.send().await.unwrap()
}

/// A code for `rp` from a signed-in browser (the client skips consent), with its verifier.
pub(crate) async fn code(app: &TestApp, rp: &Rp, cookie: &str, scope: &str) -> (String, String) {
    let (verifier, challenge) = pkce();
    let res = authorize(
        app,
        Some(cookie),
        &[
            ("response_type", "code"),
            ("client_id", &rp.id),
            ("redirect_uri", REDIRECT),
            ("scope", scope),
            ("state", "s1"),
            ("nonce", "n1"),
            ("code_challenge", &challenge),
            ("code_challenge_method", "S256"),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "{}", res.text().await.unwrap());
    let back = query(&location(&res));
    assert_eq!(back["state"], "s1");
    assert_eq!(back["iss"], app.public, "RFC 9207: the issuer comes back with the code");
    (back["code"].clone(), verifier)
}

/// `POST /oauth2/token` as `rp` (Basic), with `form`.
pub(crate) async fn token(app: &TestApp, rp: &Rp, form: &[(&str, &str)]) -> (StatusCode, Value) {
    let mut req = app.client.post(app.url("/oauth2/token")).form(form);
    if let Some(secret) = &rp.secret {
        req = req.basic_auth(&rp.id, Some(secret));
    }
    let res = req.send().await.unwrap();
    let status = res.status();
    assert_eq!(res.headers()["cache-control"], "no-store");
    (status, res.json().await.unwrap())
}

pub(crate) async fn exchange(
    app: &TestApp,
    rp: &Rp,
    code: &str,
    verifier: &str,
) -> (StatusCode, Value) {
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", REDIRECT),
        ("code_verifier", verifier),
    ];
    token(app, rp, &form).await
}

/// Signs in through the code flow: the token response.
pub(crate) async fn sign_in(app: &TestApp, rp: &Rp, cookie: &str, scope: &str) -> Value {
    let (code, verifier) = code(app, rp, cookie, scope).await;
    let (status, body) = exchange(app, rp, &code, &verifier).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

pub(crate) async fn userinfo(app: &TestApp, access: &str) -> reqwest::Response {
    app.client.get(app.url("/oauth2/userinfo")).bearer_auth(access).send().await.unwrap()
}

pub(crate) async fn introspect(app: &TestApp, rp: &Rp, tok: &str) -> Value {
    let res = app
        .client
        .post(app.url("/oauth2/introspect"))
        .basic_auth(&rp.id, rp.secret.as_deref())
        .form(&[("token", tok)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.unwrap()
}

pub(crate) async fn refresh(
    app: &TestApp,
    rp: &Rp,
    rt: &str,
    scope: Option<&str>,
) -> (StatusCode, Value) {
    let mut form = vec![("grant_type", "refresh_token"), ("refresh_token", rt)];
    if let Some(s) = scope {
        form.push(("scope", s));
    }
    token(app, rp, &form).await
}

/// The claims of a JWT, checked against the provider's JWKS with the algorithm its key names.
pub(crate) async fn verified_claims(app: &TestApp, jwt: &str) -> (String, Value) {
    let jwks: jsonwebtoken::jwk::JwkSet =
        app.client.get(app.url("/oauth2/jwks")).send().await.unwrap().json().await.unwrap();
    let header = jsonwebtoken::decode_header(jwt).unwrap();
    let kid = header.kid.clone().unwrap();
    let jwk = jwks.find(&kid).expect("the signing key is published");
    let key = jsonwebtoken::DecodingKey::from_jwk(jwk).unwrap();
    let mut v = jsonwebtoken::Validation::new(header.alg);
    v.validate_aud = false;
    v.set_issuer(&[&app.public]);
    let data = jsonwebtoken::decode::<Value>(jwt, &key, &v).expect("signature verifies");
    (format!("{:?}", header.alg), data.claims)
}

/// The test's own connection to the app's database, to make time pass.
pub(crate) async fn database(app: &TestApp) -> sqlx::AnyPool {
    sqlx::any::install_default_drivers();
    sqlx::AnyPool::connect(&app.database_url).await.unwrap()
}

pub(crate) async fn signed_in_user(app: &TestApp, email: &str) -> String {
    app.user(email).await.cookie
}

// ---------------------------------------------------------------------------------------------

async fn discovery_names_every_endpoint_and_the_issuer(db: Db) {
    let app = TestApp::spawn(db).await;
    for path in ["/.well-known/openid-configuration", "/.well-known/oauth-authorization-server"] {
        let doc: Value = app.get(path).await.json().await.unwrap();
        assert_eq!(doc["issuer"], app.public);
        for (field, endpoint) in [
            ("authorization_endpoint", "/oauth2/authorize"),
            ("token_endpoint", "/oauth2/token"),
            ("userinfo_endpoint", "/oauth2/userinfo"),
            ("jwks_uri", "/oauth2/jwks"),
            ("introspection_endpoint", "/oauth2/introspect"),
            ("revocation_endpoint", "/oauth2/revoke"),
            ("end_session_endpoint", "/oauth2/logout"),
        ] {
            assert_eq!(doc[field], format!("{}{endpoint}", app.public), "{field}");
        }
        assert_eq!(doc["code_challenge_methods_supported"], serde_json::json!(["S256"]));
        assert_eq!(doc["authorization_response_iss_parameter_supported"], true);
    }
    let jwks: Value = app.get("/oauth2/jwks").await.json().await.unwrap();
    let algs: Vec<&str> =
        jwks["keys"].as_array().unwrap().iter().map(|k| k["alg"].as_str().unwrap()).collect();
    for alg in ["RS256", "ES256", "EdDSA"] {
        assert!(algs.contains(&alg), "{algs:?}");
    }
}

async fn a_full_code_flow_gives_verified_tokens_with_the_claims(db: Db) {
    let app = TestApp::spawn(db).await;
    let rp = register(&app, spec("full")).await;
    let cookie = signed_in_user(&app, "full@example.com").await;
    let tokens = sign_in(&app, &rp, &cookie, "openid email profile offline_access").await;
    assert_eq!(tokens["token_type"], "Bearer");
    let (alg, id) = verified_claims(&app, tokens["id_token"].as_str().unwrap()).await;
    assert_eq!(alg, "RS256", "OpenID Connect's default");
    assert_eq!(id["aud"], rp.id);
    assert_eq!(id["nonce"], "n1");
    assert_eq!(id["email"], "full@example.com");
    assert_eq!(id["email_verified"], true);
    assert_eq!(id["amr"], serde_json::json!(["pwd"]));
    assert_eq!(id["acr"], "aal1");
    for claim in [
        "sub",
        "iat",
        "exp",
        "auth_time",
        "sid",
        "at_hash",
        "preferred_username",
        "name",
        "updated_at",
    ] {
        assert!(!id[claim].is_null(), "{claim} in {id}");
    }
    let access = tokens["access_token"].as_str().unwrap();
    let digest = ring::digest::digest(&ring::digest::SHA256, access.as_bytes());
    assert_eq!(id["at_hash"], URL_SAFE_NO_PAD.encode(&digest.as_ref()[..16]));
    let info: Value = userinfo(&app, access).await.json().await.unwrap();
    assert_eq!(info["sub"], id["sub"]);
    assert_eq!(info["email"], "full@example.com");
    // The access token is the provider's, not a first-party one: the API refuses it.
    assert_eq!(app.user_status_bearer(access).await, StatusCode::UNAUTHORIZED);
    // Without `email` and `profile`, neither their claims nor a refresh token.
    let plain = sign_in(&app, &rp, &cookie, "openid").await;
    assert!(plain.get("refresh_token").is_none(), "no offline_access, no refresh token");
    let (_, id) = verified_claims(&app, plain["id_token"].as_str().unwrap()).await;
    assert!(id.get("email").is_none() && id.get("name").is_none(), "{id}");
}

async fn each_client_gets_id_tokens_in_its_own_algorithm(db: Db) {
    let app = TestApp::spawn(db).await;
    let cookie = signed_in_user(&app, "algs@example.com").await;
    for alg in ["ES256", "EdDSA", "RS256"] {
        let rp = register(
            &app,
            ClientSpec {
                id_token_signed_response_alg: Some(alg.into()),
                ..spec(&format!("alg-{alg}"))
            },
        )
        .await;
        let tokens = sign_in(&app, &rp, &cookie, "openid").await;
        let (signed, _) = verified_claims(&app, tokens["id_token"].as_str().unwrap()).await;
        assert_eq!(signed, alg);
    }
}

async fn an_unregistered_redirect_uri_gets_an_error_page_never_a_redirect(db: Db) {
    let app = TestApp::spawn(db).await;
    let rp = register(&app, spec("redir")).await;
    let cookie = signed_in_user(&app, "redir@example.com").await;
    let (_, challenge) = pkce();
    for uri in [
        "https://evil.example/cb",
        "http://127.0.0.1:9/cb/extra",
        "http://127.0.0.1:9/CB",
        "http://127.0.0.1:9/cb?x=1",
    ] {
        let res = authorize(
            &app,
            Some(&cookie),
            &[
                ("response_type", "code"),
                ("client_id", &rp.id),
                ("redirect_uri", uri),
                ("scope", "openid"),
                ("code_challenge", &challenge),
                ("code_challenge_method", "S256"),
            ],
        )
        .await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{uri}");
        assert!(res.headers().get(LOCATION).is_none(), "{uri}");
        assert!(res.text().await.unwrap().contains("redirect_uri"));
    }
    // An unknown client, too.
    let res = authorize(
        &app,
        Some(&cookie),
        &[("response_type", "code"), ("client_id", "nobody"), ("redirect_uri", REDIRECT)],
    )
    .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.headers().get(LOCATION).is_none());
}

async fn pkce_is_required_of_public_clients_and_plain_is_refused(db: Db) {
    let app = TestApp::spawn(db).await;
    let public = register(
        &app,
        ClientSpec {
            public: Some(true),
            grant_types: Some(vec!["authorization_code".into(), "refresh_token".into()]),
            ..spec("spa")
        },
    )
    .await;
    assert!(public.secret.is_none());
    let cookie = signed_in_user(&app, "pkce@example.com").await;
    let base = [
        ("response_type", "code"),
        ("client_id", "spa"),
        ("redirect_uri", REDIRECT),
        ("scope", "openid"),
        ("state", "st"),
    ];
    let res = authorize(&app, Some(&cookie), &base).await;
    let back = query(&location(&res));
    assert_eq!(back["error"], "invalid_request", "no PKCE");
    assert_eq!(back["state"], "st");
    let fake = "a".repeat(43);
    let mut plain = base.to_vec();
    plain.extend([("code_challenge", fake.as_str()), ("code_challenge_method", "plain")]);
    let back = query(&location(&authorize(&app, Some(&cookie), &plain).await));
    assert_eq!(back["error"], "invalid_request", "plain is refused");
    // With S256 it works, and the public client redeems its code with the verifier alone.
    let (code, verifier) = code(&app, &public, &cookie, "openid offline_access").await;
    let form = [
        ("grant_type", "authorization_code"),
        ("code", &code),
        ("redirect_uri", REDIRECT),
        ("code_verifier", "wrong-verifier-wrong-verifier-wrong-verifier-x"),
        ("client_id", "spa"),
    ];
    let (status, body) = token(&app, &public, &form).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant")),
        "a wrong verifier"
    );
    let (code, verifier2) = self::code(&app, &public, &cookie, "openid offline_access").await;
    let _ = verifier;
    let form = [
        ("grant_type", "authorization_code"),
        ("code", &code),
        ("redirect_uri", REDIRECT),
        ("code_verifier", &verifier2),
        ("client_id", "spa"),
    ];
    let (status, body) = token(&app, &public, &form).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body["refresh_token"].is_string());
}

async fn a_reused_code_fails_and_revokes_what_the_first_use_issued(db: Db) {
    let app = TestApp::spawn(db).await;
    let rp = register(&app, spec("reuse")).await;
    let cookie = signed_in_user(&app, "reuse@example.com").await;
    let (code, verifier) = code(&app, &rp, &cookie, "openid offline_access").await;
    let (status, first) = exchange(&app, &rp, &code, &verifier).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        userinfo(&app, first["access_token"].as_str().unwrap()).await.status(),
        StatusCode::OK
    );
    let (status, again) = exchange(&app, &rp, &code, &verifier).await;
    assert_eq!((status, again["error"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_grant")));
    assert_eq!(
        userinfo(&app, first["access_token"].as_str().unwrap()).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let (status, body) = refresh(&app, &rp, first["refresh_token"].as_str().unwrap(), None).await;
    assert_eq!((status, body["error"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_grant")));
}

async fn a_code_of_another_client_an_expired_code_and_a_wrong_secret_are_refused(db: Db) {
    let app = TestApp::spawn(db).await;
    let a = register(&app, spec("client-a")).await;
    let b = register(&app, spec("client-b")).await;
    let cookie = signed_in_user(&app, "mixed@example.com").await;
    let (code, verifier) = code(&app, &a, &cookie, "openid").await;
    let (status, body) = exchange(&app, &b, &code, &verifier).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant")),
        "b redeems a's code"
    );
    let (status, _) = exchange(&app, &a, &code, &verifier).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "the code was spent by the attempt");
    // An expired code (sixty seconds, made to have passed).
    let (code, verifier) = self::code(&app, &a, &cookie, "openid").await;
    let pool = database(&app).await;
    sqlx::query("UPDATE oauth_codes SET expires_at = 0").execute(&pool).await.unwrap();
    let (status, body) = exchange(&app, &a, &code, &verifier).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant")),
        "expired"
    );
    // A wrong secret: 401 invalid_client, and Basic is asked for.
    let res = app
        .client
        .post(app.url("/oauth2/token"))
        .basic_auth(&a.id, Some("not-the-secret"))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert!(res.headers()[WWW_AUTHENTICATE].to_str().unwrap().starts_with("Basic"));
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"], "invalid_client");
    // The right secret in the body works as well: a secret may be presented either way
    // (openid-client posts it by default), but not both at once.
    let res = app
        .client
        .post(app.url("/oauth2/token"))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", &a.id),
            ("client_secret", a.secret.as_deref().unwrap()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK, "the secret in the body");
    let res = app
        .client
        .post(app.url("/oauth2/token"))
        .basic_auth(&a.id, a.secret.as_deref())
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", &a.id),
            ("client_secret", a.secret.as_deref().unwrap()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST, "two methods at once");
    // A parameter given twice.
    let res = app
        .client
        .post(app.url("/oauth2/token"))
        .basic_auth(&a.id, a.secret.as_deref())
        .header("content-type", "application/x-www-form-urlencoded")
        .body("grant_type=client_credentials&grant_type=client_credentials")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(res.json::<Value>().await.unwrap()["error"], "invalid_request");
}

async fn prompt_none_without_a_session_answers_login_required(db: Db) {
    let app = TestApp::spawn(db).await;
    let rp = register(&app, ClientSpec { skip_consent: Some(false), ..spec("silent") }).await;
    let (_, challenge) = pkce();
    let params = [
        ("response_type", "code"),
        ("client_id", rp.id.as_str()),
        ("redirect_uri", REDIRECT),
        ("scope", "openid"),
        ("state", "quiet"),
        ("prompt", "none"),
        ("code_challenge", &challenge),
        ("code_challenge_method", "S256"),
    ];
    let back = query(&location(&authorize(&app, None, &params).await));
    assert_eq!(back["error"], "login_required");
    assert_eq!(back["state"], "quiet");
    assert_eq!(back["iss"], app.public);
    // Signed in but never asked: consent_required, still without a page.
    let cookie = signed_in_user(&app, "silent@example.com").await;
    let back = query(&location(&authorize(&app, Some(&cookie), &params).await));
    assert_eq!(back["error"], "consent_required");
    // Without prompt=none, a login page for the signed-out and the consent page for the other.
    let mut asking = params.to_vec();
    asking.retain(|(k, _)| *k != "prompt");
    let res = authorize(&app, None, &asking).await;
    assert!(
        location(&res).starts_with("/account/login?next=%2Foauth2%2Fauthorize"),
        "{}",
        location(&res)
    );
    let res = authorize(&app, Some(&cookie), &asking).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.text().await.unwrap().contains("action=\"/oauth2/consent\""));
    // prompt=login sends even a signed-in person to the login form, which shows it.
    asking.push(("prompt", "login"));
    let res = authorize(&app, Some(&cookie), &asking).await;
    let to = location(&res);
    assert!(to.contains("prompt=login") && to.contains("auth_after"), "{to}");
    let page = app
        .client
        .get(app.url(&to))
        .header(COOKIE, format!("session_id={cookie}"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK, "the form, not a redirect");
}

async fn consent_is_asked_remembered_and_refusable(db: Db) {
    let app = TestApp::spawn(db).await;
    let rp = register(&app, ClientSpec { skip_consent: Some(false), ..spec("third") }).await;
    let login = app.user("consent@example.com").await;
    let (_, challenge) = pkce();
    let params = [
        ("response_type", "code"),
        ("client_id", rp.id.as_str()),
        ("redirect_uri", REDIRECT),
        ("scope", "openid email"),
        ("state", "c1"),
        ("code_challenge", &challenge),
        ("code_challenge_method", "S256"),
    ];
    let page = authorize(&app, Some(&login.cookie), &params).await;
    assert_eq!(page.status(), StatusCode::OK);
    let csrf_cookie = page
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .find_map(|v| {
            v.to_str()
                .unwrap()
                .strip_prefix("portcullis_csrf=")
                .map(|r| r.split(';').next().unwrap().to_owned())
        })
        .unwrap();
    let html = page.text().await.unwrap();
    let field = |name: &str| {
        let start = html.find(&format!("name=\"{name}\" value=\"")).unwrap() + name.len() + 15;
        let raw = &html[start..start + html[start..].find('"').unwrap()];
        raw.replace("&amp;", "&").replace("&#x2f;", "/").replace("&quot;", "\"")
    };
    let (csrf, request) = (field("csrf"), field("request"));
    let cookies = format!("session_id={}; portcullis_csrf={csrf_cookie}", login.cookie);
    let post = |decision: &'static str, csrf: String| {
        let (cookies, request) = (cookies.clone(), request.clone());
        let app = &app;
        async move {
            app.client
                .post(app.url("/oauth2/consent"))
                .header(COOKIE, cookies)
                .header("origin", &app.base)
                .form(&[
                    ("csrf", csrf.as_str()),
                    ("request", request.as_str()),
                    ("decision", decision),
                ])
                .send()
                .await
                .unwrap()
        }
    };
    // Without the CSRF field: refused, nothing issued.
    let res = post("allow", "forged".into()).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // Deny: access_denied back to the client.
    let res = post("deny", csrf.clone()).await;
    let text = res.text().await.unwrap();
    assert!(text.contains("error=access_denied") && text.contains("state=c1"), "{text}");
    let res = post("allow", csrf.clone()).await;
    let text = res.text().await.unwrap();
    assert!(text.contains("code="), "{text}");
    // Remembered: the same request now goes straight back with a code.
    let res = authorize(&app, Some(&login.cookie), &params).await;
    assert!(query(&location(&res)).contains_key("code"));
    // prompt=consent asks again; a new scope asks again.
    let mut again = params.to_vec();
    again.push(("prompt", "consent"));
    assert_eq!(authorize(&app, Some(&login.cookie), &again).await.status(), StatusCode::OK);
    let mut more = params.to_vec();
    more[3] = ("scope", "openid email profile");
    assert_eq!(authorize(&app, Some(&login.cookie), &more).await.status(), StatusCode::OK);
}

/// The remembered consent grows with each new scope at once, however soon; a sign-in that asks
/// for nothing new within a minute of the last does not write it again (its `updated_at`, kept
/// to the minute), and one a minute later does.
async fn the_remembered_consent_grows_at_once_and_is_rewritten_to_the_minute(db: Db) {
    let app = TestApp::spawn(db).await;
    let rp = register(&app, spec("grows")).await;
    let login = app.user("grows@example.com").await;
    let pool = database(&app).await;
    // Its scopes as the person sees them, and its `updated_at` to the millisecond.
    let listed = async || {
        let res = app.client.get(app.url("/api/auth/grants")).bearer_auth(&login.access_token);
        let body: Value = res.send().await.unwrap().json().await.unwrap();
        let g = body["grants"][0].clone();
        let scopes: Vec<String> =
            g["scopes"].as_array().unwrap().iter().map(|s| s.as_str().unwrap().into()).collect();
        let at: i64 = sqlx::query_scalar("SELECT updated_at FROM oauth_consents")
            .fetch_one(&pool)
            .await
            .unwrap();
        (scopes, at)
    };
    sign_in(&app, &rp, &login.cookie, "openid").await;
    sign_in(&app, &rp, &login.cookie, "openid email").await;
    let (scopes, _) = listed().await;
    assert!(scopes.contains(&"email".to_owned()), "grown within the minute: {scopes:?}");
    let set = "UPDATE oauth_consents SET updated_at = updated_at - 120000";
    sqlx::query(set).execute(&pool).await.unwrap();
    let (_, before) = listed().await;
    sign_in(&app, &rp, &login.cookie, "openid email").await;
    let (_, after) = listed().await;
    assert_ne!(before, after, "written again two minutes later");
    sign_in(&app, &rp, &login.cookie, "email").await;
    let (scopes, again) = listed().await;
    assert_eq!(after, again, "nothing new within the minute: not written");
    assert!(scopes.contains(&"openid".to_owned()), "nothing forgotten: {scopes:?}");
}

async fn refresh_rotates_refuses_escalation_and_reuse_revokes_the_grant(db: Db) {
    let app = TestApp::spawn(db).await;
    let rp = register(&app, spec("rot")).await;
    let cookie = signed_in_user(&app, "rot@example.com").await;
    let first = sign_in(&app, &rp, &cookie, "openid email offline_access").await;
    let rt1 = first["refresh_token"].as_str().unwrap();
    // Scope escalation: refused, and the token is not spent by the refusal.
    let (status, body) = refresh(&app, &rp, rt1, Some("openid email profile")).await;
    assert_eq!((status, body["error"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_scope")));
    let (status, second) = refresh(&app, &rp, rt1, Some("openid offline_access")).await;
    assert_eq!(status, StatusCode::OK, "{second}");
    assert_eq!(second["scope"], "openid offline_access", "narrowed");
    let rt2 = second["refresh_token"].as_str().unwrap();
    assert_ne!(rt1, rt2, "rotated");
    let (_, id) = verified_claims(&app, second["id_token"].as_str().unwrap()).await;
    assert!(id.get("email").is_none(), "a narrowed refresh's ID token has only what it holds");
    // Another client cannot use it.
    let other = register(&app, spec("rot-other")).await;
    let (status, _) = refresh(&app, &other, rt2, None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    // The spent one again (after the grace period, which is 0 here? see below): the grant ends.
    let pool = database(&app).await;
    sqlx::query("UPDATE oauth_refresh_tokens SET spent_at = 1 WHERE spent_at IS NOT NULL")
        .execute(&pool)
        .await
        .unwrap();
    let (status, body) = refresh(&app, &rp, rt1, None).await;
    assert_eq!((status, body["error"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_grant")));
    let (status, _) = refresh(&app, &rp, rt2, None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "reuse detection ended the whole grant");
    assert_eq!(
        userinfo(&app, second["access_token"].as_str().unwrap()).await.status(),
        StatusCode::UNAUTHORIZED
    );
}

/// Eight requests with the same refresh token at once, round after round: exactly one gets
/// the next token, the others are refused within the reuse grace without ending the grant,
/// and no token is left live but the winner's (none made for a loser that read the token
/// live before the winner spent it). Then the same code twice at once: exactly one gets
/// tokens, and the second use revokes what the first issued.
async fn the_same_token_or_code_twice_at_once_is_spent_once(db: Db) {
    let app = TestApp::spawn(db).await;
    let rp = register(&app, spec("twice")).await;
    let cookie = signed_in_user(&app, "twice@example.com").await;
    let first = sign_in(&app, &rp, &cookie, "openid offline_access").await;
    let pool = database(&app).await;
    let mut rt = first["refresh_token"].as_str().unwrap().to_owned();
    for round in 0..6 {
        let all = futures::future::join_all((0..8).map(|_| refresh(&app, &rp, &rt, None))).await;
        let (won, lost): (Vec<_>, Vec<_>) = all.iter().partition(|(s, _)| *s == StatusCode::OK);
        assert_eq!(won.len(), 1, "round {round}: {all:?}");
        assert!(lost.iter().all(|(_, v)| v["error"] == "invalid_grant"), "round {round}: {lost:?}");
        rt = won[0].1["refresh_token"].as_str().unwrap().to_owned();
        let live: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM oauth_refresh_tokens WHERE spent_at IS NULL")
                .fetch_one(&pool)
                .await
                .unwrap();
        assert_eq!(live, 1, "round {round}: only the winner's token is live");
    }
    let (status, body) = refresh(&app, &rp, &rt, None).await;
    assert_eq!(status, StatusCode::OK, "the grant lives on: {body}");

    let (code, verifier) = code(&app, &rp, &cookie, "openid offline_access").await;
    let (a, b) =
        tokio::join!(exchange(&app, &rp, &code, &verifier), exchange(&app, &rp, &code, &verifier));
    let won: Vec<&Value> =
        [&a, &b].into_iter().filter(|(s, _)| *s == StatusCode::OK).map(|(_, v)| v).collect();
    assert_eq!(won.len(), 1, "{a:?} {b:?}");
    let access = won[0]["access_token"].as_str().unwrap();
    assert_eq!(userinfo(&app, access).await.status(), StatusCode::UNAUTHORIZED, "revoked");
    let (status, _) = refresh(&app, &rp, won[0]["refresh_token"].as_str().unwrap(), None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "its refresh token went with the grant");
}

async fn revocation_and_introspection_follow_the_grant(db: Db) {
    let app = TestApp::spawn(db).await;
    let rp = register(&app, spec("intro")).await;
    let other = register(&app, spec("intro-other")).await;
    let cookie = signed_in_user(&app, "intro@example.com").await;
    let tokens = sign_in(&app, &rp, &cookie, "openid offline_access").await;
    let (access, rt) =
        (tokens["access_token"].as_str().unwrap(), tokens["refresh_token"].as_str().unwrap());
    let live = introspect(&app, &rp, access).await;
    assert_eq!(live["active"], true);
    assert_eq!(live["client_id"], rp.id);
    assert_eq!(introspect(&app, &rp, rt).await["active"], true);
    assert_eq!(introspect(&app, &other, access).await["active"], false, "another client's token");
    assert_eq!(introspect(&app, &rp, "garbage").await["active"], false);
    // Another client's revocation changes nothing.
    let res = app
        .client
        .post(app.url("/oauth2/revoke"))
        .basic_auth(&other.id, other.secret.as_deref())
        .form(&[("token", rt)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(introspect(&app, &rp, rt).await["active"], true);
    let res = app
        .client
        .post(app.url("/oauth2/revoke"))
        .basic_auth(&rp.id, rp.secret.as_deref())
        .form(&[("token", rt)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(introspect(&app, &rp, rt).await["active"], false);
    assert_eq!(
        introspect(&app, &rp, access).await["active"],
        false,
        "the grant's access token too"
    );
    assert_eq!(userinfo(&app, access).await.status(), StatusCode::UNAUTHORIZED);
    // Client credentials: a token of the client's own scopes, revocable on its own.
    let (status, cc) =
        token(&app, &rp, &[("grant_type", "client_credentials"), ("scope", "api.read")]).await;
    assert_eq!(status, StatusCode::OK, "{cc}");
    assert!(cc.get("refresh_token").is_none() && cc.get("id_token").is_none());
    let cc_access = cc["access_token"].as_str().unwrap();
    assert_eq!(introspect(&app, &rp, cc_access).await["sub"], rp.id);
    let (status, body) =
        token(&app, &rp, &[("grant_type", "client_credentials"), ("scope", "openid")]).await;
    assert_eq!((status, body["error"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_scope")));
    assert_eq!(
        userinfo(&app, cc_access).await.status(),
        StatusCode::FORBIDDEN,
        "no user behind it"
    );
    app.client
        .post(app.url("/oauth2/revoke"))
        .basic_auth(&rp.id, rp.secret.as_deref())
        .form(&[("token", cc_access)])
        .send()
        .await
        .unwrap();
    assert_eq!(introspect(&app, &rp, cc_access).await["active"], false);
    // A client not allowed client credentials.
    let code_only = register(
        &app,
        ClientSpec { grant_types: Some(vec!["authorization_code".into()]), ..spec("code-only") },
    )
    .await;
    let (status, body) = token(&app, &code_only, &[("grant_type", "client_credentials")]).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("unauthorized_client"))
    );
}

async fn a_grant_ends_with_its_session_unless_it_is_offline(db: Db) {
    let app = TestApp::spawn(db).await;
    let rp = register(&app, spec("sess")).await;
    let login = app.user("sess@example.com").await;
    let online = sign_in(&app, &rp, &login.cookie, "openid").await;
    let offline = sign_in(&app, &rp, &login.cookie, "openid offline_access").await;
    let res = app
        .with_cookie(reqwest::Method::POST, "/api/auth/logout", &login.cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        userinfo(&app, online["access_token"].as_str().unwrap()).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        userinfo(&app, offline["access_token"].as_str().unwrap()).await.status(),
        StatusCode::OK,
        "offline_access outlives the session"
    );
    let (status, body) = refresh(&app, &rp, offline["refresh_token"].as_str().unwrap(), None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // A code whose session ended before it was redeemed gives nothing.
    let login = app.login("sess@example.com", crate::helpers::PASSWORD).await;
    let (code, verifier) = code(&app, &rp, &login.cookie, "openid").await;
    app.with_cookie(reqwest::Method::POST, "/api/auth/logout", &login.cookie).send().await.unwrap();
    let (status, _) = exchange(&app, &rp, &code, &verifier).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

async fn rp_initiated_logout_follows_only_registered_uris_of_the_hinted_client(db: Db) {
    let app = TestApp::spawn(db).await;
    let rp = register(&app, spec("bye")).await;
    let other = register(&app, spec("bye-other")).await;
    let login = app.user("bye@example.com").await;
    let tokens = sign_in(&app, &rp, &login.cookie, "openid").await;
    let hint = tokens["id_token"].as_str().unwrap();
    let logout = |params: Vec<(&'static str, String)>, cookie: Option<String>| {
        let app = &app;
        async move {
            let mut req = app.client.get(app.url("/oauth2/logout")).query(&params);
            if let Some(c) = cookie {
                req = req.header(COOKIE, format!("session_id={c}"));
            }
            req.send().await.unwrap()
        }
    };
    // Open redirects: an unregistered URI, one registered for another client, none without
    // a client.
    for (uri, client) in [("https://evil.example/", None), (LOGGED_OUT, Some(other.id.clone()))] {
        let mut params =
            vec![("id_token_hint", hint.to_owned()), ("post_logout_redirect_uri", uri.to_owned())];
        if let Some(c) = client {
            params.push(("client_id", c));
        }
        let res = logout(params, Some(login.cookie.clone())).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{uri}");
        assert!(res.headers().get(LOCATION).is_none());
    }
    let res = logout(vec![("post_logout_redirect_uri", LOGGED_OUT.to_owned())], None).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST, "no hint, no client: no redirect");
    assert_eq!(app.user_status_cookie(&login.cookie).await, StatusCode::OK, "nothing ended");
    // Without a hint, the person is asked.
    let res = logout(vec![], Some(login.cookie.clone())).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.text().await.unwrap().contains("/oauth2/logout/confirm"));
    assert_eq!(app.user_status_cookie(&login.cookie).await, StatusCode::OK);
    // The hint of this session: out at once, back to the registered URI with the state.
    let params = vec![
        ("id_token_hint", hint.to_owned()),
        ("post_logout_redirect_uri", LOGGED_OUT.to_owned()),
        ("state", "after".to_owned()),
    ];
    let res = logout(params, Some(login.cookie.clone())).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), format!("{LOGGED_OUT}?state=after"));
    assert_eq!(app.user_status_cookie(&login.cookie).await, StatusCode::UNAUTHORIZED);
    // A forged hint is refused.
    let res = logout(vec![("id_token_hint", "e30.e30.sig".to_owned())], None).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
}

async fn back_channel_logout_reaches_the_client_when_a_session_ends_any_way(db: Db) {
    use std::sync::{Arc, Mutex};
    let received: Arc<Mutex<Vec<String>>> = Arc::default();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let sink = received.clone();
    let router = axum::Router::new().route(
        "/logout",
        axum::routing::post(move |body: String| {
            let sink = sink.clone();
            async move {
                sink.lock().unwrap().push(body);
                StatusCode::OK
            }
        }),
    );
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_WEBHOOK_POLL_INTERVAL", "100ms")]).await;
    let uri = format!("http://127.0.0.1:{port}/logout");
    let rp = register(
        &app,
        ClientSpec {
            backchannel_logout_uri: Some(uri),
            id_token_signed_response_alg: Some("ES256".into()),
            ..spec("bcl")
        },
    )
    .await;
    // Ended by a logout (one session), then by the administrator's revocation of every
    // session of the user.
    let login = app.user("bcl@example.com").await;
    let mut sids = Vec::new();
    let id = sign_in(&app, &rp, &login.cookie, "openid").await;
    sids.push(verified_claims(&app, id["id_token"].as_str().unwrap()).await.1["sid"].clone());
    app.with_cookie(reqwest::Method::POST, "/api/auth/logout", &login.cookie).send().await.unwrap();
    let again = app.login("bcl@example.com", crate::helpers::PASSWORD).await;
    let id = sign_in(&app, &rp, &again.cookie, "openid").await;
    sids.push(verified_claims(&app, id["id_token"].as_str().unwrap()).await.1["sid"].clone());
    app.auth.admin_revoke_sessions("bcl@example.com").await.unwrap();
    let mut tokens = Vec::new();
    for _ in 0..100 {
        tokens = received.lock().unwrap().clone();
        if tokens.len() >= 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(tokens.len(), 2, "one logout token per ended session");
    let mut got = Vec::new();
    for body in tokens {
        let form: HashMap<String, String> = serde_urlencoded::from_str(&body).unwrap();
        let jwt = &form["logout_token"];
        assert_eq!(jsonwebtoken::decode_header(jwt).unwrap().typ.as_deref(), Some("logout+jwt"));
        let (alg, claims) = verified_claims(&app, jwt).await;
        assert_eq!(alg, "ES256", "the client's algorithm");
        assert_eq!(claims["aud"], "bcl");
        assert!(claims["events"]["http://schemas.openid.net/event/backchannel-logout"].is_object());
        assert!(claims.get("nonce").is_none());
        got.push(claims["sid"].clone());
    }
    got.sort_by_key(|v| v.to_string());
    sids.sort_by_key(|v| v.to_string());
    assert_eq!(got, sids);
}

async fn codes_and_grants_work_across_two_nodes(db: Db) {
    let a = TestApp::spawn(db).await;
    let b = a.another_node(&[]).await;
    let rp = register(&a, spec("nodes")).await;
    let cookie = signed_in_user(&a, "nodes@example.com").await;
    let (code, verifier) = code(&a, &rp, &cookie, "openid offline_access").await;
    let (status, tokens) = exchange(&b, &rp, &code, &verifier).await;
    assert_eq!(status, StatusCode::OK, "a code made on one node is redeemed on the other");
    // Node b checks the ID token against its own JWKS: the keys are shared.
    verified_claims(&b, tokens["id_token"].as_str().unwrap()).await;
    let access = tokens["access_token"].as_str().unwrap();
    assert_eq!(userinfo(&a, access).await.status(), StatusCode::OK);
    let (status, rotated) = refresh(&a, &rp, tokens["refresh_token"].as_str().unwrap(), None).await;
    assert_eq!(status, StatusCode::OK);
    let res = b
        .client
        .post(b.url("/oauth2/revoke"))
        .basic_auth(&rp.id, rp.secret.as_deref())
        .form(&[("token", rotated["refresh_token"].as_str().unwrap())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        userinfo(&a, rotated["access_token"].as_str().unwrap()).await.status(),
        StatusCode::UNAUTHORIZED,
        "revoked on b, refused on a"
    );
}

async fn housekeeping_removes_what_no_token_can_use_and_keeps_the_rest(db: Db) {
    let app = TestApp::spawn(db).await;
    let rp = register(&app, spec("tidy")).await;
    let count = |sql: &'static str| {
        let pool = app.auth.store().pool().clone();
        async move {
            let row = sqlx::query(sql).fetch_one(&pool).await.unwrap();
            sqlx::Row::try_get::<i64, _>(&row, 0).unwrap()
        }
    };
    // An ended session: its online grant can go, its offline one stays while its refresh
    // token lives.
    let first = app.user("tidy@example.com").await;
    sign_in(&app, &rp, &first.cookie, "openid").await;
    let offline = sign_in(&app, &rp, &first.cookie, "openid offline_access").await;
    let res = app
        .with_cookie(reqwest::Method::POST, "/api/auth/logout", &first.cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    // A live session's grant stays; a revoked offline grant goes, with its refresh token.
    let second = app.login("tidy@example.com", crate::helpers::PASSWORD).await;
    let live = sign_in(&app, &rp, &second.cookie, "openid").await;
    let revoked = sign_in(&app, &rp, &second.cookie, "openid offline_access").await;
    let secret = rp.secret.clone().unwrap();
    for tok in [revoked["refresh_token"].as_str().unwrap().to_owned(), {
        let (status, cc) = token(&app, &rp, &[("grant_type", "client_credentials")]).await;
        assert_eq!(status, StatusCode::OK, "{cc}");
        cc["access_token"].as_str().unwrap().to_owned()
    }] {
        let res = app
            .client
            .post(app.url("/oauth2/revoke"))
            .basic_auth(&rp.id, Some(&secret))
            .form(&[("token", tok.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
    }
    // Back-channel notices: one delivered long ago goes, one pending as long ago stays. The
    // pending one's next attempt is tomorrow, so the server's own delivery worker leaves it
    // alone (it would give it up, the client having no back-channel URI, and a failed notice
    // is swept: a race with the runs below).
    let long_ago = portcullis::clock::now_ms() - 8 * 24 * 3600 * 1000;
    let tomorrow = portcullis::clock::now_ms() + 24 * 3600 * 1000;
    for (id, status, next) in
        [("notice-delivered", "delivered", long_ago), ("notice-pending", "pending", tomorrow)]
    {
        sqlx::query(&format!(
            "INSERT INTO logout_outbox (id, client_id, user_id, session_id, created_at, status, \
             attempts, next_attempt_at, claimed_until) VALUES ('{id}', '{}', 'u', 's', {long_ago}, \
             '{status}', 0, {next}, 0)",
            rp.id
        ))
        .execute(app.auth.store().pool())
        .await
        .unwrap();
    }
    assert_eq!(count("SELECT COUNT(*) FROM oauth_grants").await, 4);
    assert_eq!(count("SELECT COUNT(*) FROM oauth_codes").await, 4);
    assert_eq!(count("SELECT COUNT(*) FROM oauth_revoked_tokens").await, 1);

    // Revoking the grant deleted its refresh token at once.
    assert_eq!(count("SELECT COUNT(*) FROM oauth_refresh_tokens").await, 1);

    // Now: the old delivered notice goes; codes are kept an hour past their expiry, so every
    // grant still holds one and stays.
    let now = portcullis::clock::now_ms();
    let swept = portcullis::housekeeping::run_once(&app.auth, now, None).await.unwrap();
    assert_eq!(swept.provider, 1, "{swept:?}");
    assert_eq!(count("SELECT COUNT(*) FROM oauth_grants").await, 4);
    assert_eq!(count("SELECT COUNT(*) FROM logout_outbox WHERE id = 'notice-pending'").await, 1);
    assert_eq!(count("SELECT COUNT(*) FROM logout_outbox").await, 1);

    // Two hours on: the four codes, the ended session's online grant, the revoked grant and the
    // expired revoked access token go. The offline grant and the live session's grant stay.
    let later = now + 2 * 3600 * 1000;
    let swept = portcullis::housekeeping::run_once(&app.auth, later, None).await.unwrap();
    assert_eq!(swept.provider, 4 + 2 + 1, "{swept:?}");
    assert_eq!(count("SELECT COUNT(*) FROM oauth_codes").await, 0);
    assert_eq!(count("SELECT COUNT(*) FROM oauth_grants").await, 2);
    assert_eq!(count("SELECT COUNT(*) FROM oauth_revoked_tokens").await, 0);
    assert_eq!(count("SELECT COUNT(*) FROM oauth_refresh_tokens").await, 1);
    // What stayed still works.
    let (status, body) = refresh(&app, &rp, offline["refresh_token"].as_str().unwrap(), None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        userinfo(&app, live["access_token"].as_str().unwrap()).await.status(),
        StatusCode::OK
    );
    // A second run finds nothing more (idempotent).
    let swept = portcullis::housekeeping::run_once(&app.auth, later, None).await.unwrap();
    assert_eq!(swept.provider, 0, "{swept:?}");
}

async fn the_flow_resumes_after_an_email_sign_in(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_EMAIL_LOGIN", "true")]).await;
    let rp = register(&app, spec("by-mail")).await;
    app.register("mailed@example.com", crate::helpers::PASSWORD).await;
    let (verifier, challenge) = pkce();
    let params = [
        ("response_type", "code"),
        ("client_id", rp.id.as_str()),
        ("redirect_uri", REDIRECT),
        ("scope", "openid email"),
        ("state", "by-mail"),
        ("nonce", "n-mail"),
        ("code_challenge", &challenge),
        ("code_challenge_method", "S256"),
    ];
    // Signed out: the request becomes the login page's `next`, which the email sign-in keeps.
    let res = authorize(&app, None, &params).await;
    let login = location(&res);
    let next = query(&app.url(&login))["next"].clone();
    assert!(next.starts_with("/oauth2/authorize?"), "{next}");
    let (csrf_cookie, csrf) = crate::browser::csrf(&app).await;
    let form = [("email", "mailed@example.com"), ("next", &next), ("csrf", &csrf)];
    let res = crate::browser::post_page(&app, "/account/email-login", &csrf_cookie, &form).await;
    assert_eq!(res.status(), StatusCode::OK);
    let mails = app.mails("mailed@example.com", 2).await;
    let text = mails
        .iter()
        .rev()
        .find(|m| m["subject"].as_str().unwrap().starts_with("Sign in to"))
        .and_then(|m| m["text"].as_str())
        .unwrap()
        .to_owned();
    let at = text.find("code is ").unwrap() + "code is ".len();
    let code = &text[at..at + 6];
    let form = [("email", "mailed@example.com"), ("code", code), ("next", &next), ("csrf", &csrf)];
    let res =
        crate::browser::post_page(&app, "/account/email-login/verify", &csrf_cookie, &form).await;
    // Signed in, the page goes on to the request (a page, not a 303: see continue.html).
    let session = crate::helpers::session_cookie(res.headers()).expect("a session");
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    let marker = "id=\"continue\" href=\"";
    let start = html.find(marker).expect("a continue link") + marker.len();
    let resumed = html[start..start + html[start..].find('"').unwrap()]
        .replace("&#x2f;", "/")
        .replace("&amp;", "&");
    assert_eq!(resumed, next, "the very request resumes");
    let res = app
        .client
        .get(app.url(&resumed))
        .header(COOKIE, format!("session_id={session}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let back = query(&location(&res));
    assert_eq!(back["state"], "by-mail");
    let (status, body) = exchange(&app, &rp, &back["code"], &verifier).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, claims) = verified_claims(&app, body["id_token"].as_str().unwrap()).await;
    assert_eq!(claims["amr"], serde_json::json!(["email"]), "{claims}");
    assert_eq!(claims["email"], "mailed@example.com");
    assert_eq!(claims["nonce"], "n-mail");
}

async fn a_password_change_or_reset_ends_every_grant_offline_ones_too(db: Db) {
    let app = TestApp::spawn(db).await;
    let rp = register(&app, spec("pw")).await;
    let email = "pw@example.com";
    let login = app.user(email).await;
    let offline = sign_in(&app, &rp, &login.cookie, "openid offline_access").await;
    // A change of password, from this very session.
    let res = app
        .with_cookie(reqwest::Method::POST, "/api/auth/change-password", &login.cookie)
        .json(&serde_json::json!({
            "current_password": crate::helpers::PASSWORD,
            "new_password": "another long passphrase 2",
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK, "{}", res.text().await.unwrap());
    let (status, body) = refresh(&app, &rp, offline["refresh_token"].as_str().unwrap(), None).await;
    assert_eq!((status, body["error"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_grant")));
    assert_eq!(
        userinfo(&app, offline["access_token"].as_str().unwrap()).await.status(),
        StatusCode::UNAUTHORIZED
    );
    // A reset, by the mailed link's token.
    let login = app.login(email, "another long passphrase 2").await;
    let offline = sign_in(&app, &rp, &login.cookie, "openid offline_access").await;
    app.post_json("/api/auth/forgot-password", serde_json::json!({"email": email})).await;
    let reset = app.token_from_mail(email, "Reset").await;
    let res = app
        .post_json(
            "/api/auth/reset-password",
            serde_json::json!({"token": reset, "new_password": "a third long passphrase"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK, "{}", res.text().await.unwrap());
    let (status, body) = refresh(&app, &rp, offline["refresh_token"].as_str().unwrap(), None).await;
    assert_eq!((status, body["error"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_grant")));
}

// ---- the security review's findings, each a test ----

async fn a_forged_or_foreign_auth_after_does_not_skip_a_fresh_login(db: Db) {
    let app = TestApp::spawn(db).await;
    let a = register(&app, spec("fresh-a")).await;
    let b = register(&app, spec("fresh-b")).await;
    let login = app.user("fresh@example.com").await;
    let (_, challenge) = pkce();
    let params = |rp: &Rp, extra: &[(&'static str, String)]| {
        let mut p: Vec<(&'static str, String)> = vec![
            ("response_type", "code".into()),
            ("client_id", rp.id.clone()),
            ("redirect_uri", REDIRECT.into()),
            ("scope", "openid".into()),
            ("state", "f1".into()),
            ("code_challenge", challenge.clone()),
            ("code_challenge_method", "S256".into()),
        ];
        p.extend(extra.iter().cloned());
        p
    };
    let send = |p: Vec<(&'static str, String)>, cookie: String| {
        let app = &app;
        async move {
            let q: Vec<(&str, &str)> = p.iter().map(|(k, v)| (*k, v.as_str())).collect();
            authorize(app, Some(&cookie), &q).await
        }
    };
    // prompt=login with a made-up auth_after: still the login form.
    let forged = params(&a, &[("prompt", "login".into()), ("auth_after", "0".into())]);
    let res = send(forged, login.cookie.clone()).await;
    assert!(location(&res).starts_with("/account/login?"), "{}", location(&res));
    // prompt=none with max_age=0 and a made-up auth_after: login_required, no code (a second
    // on, so the login is older than max_age allows).
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let silent = params(
        &a,
        &[("prompt", "none".into()), ("max_age", "0".into()), ("auth_after", "1".into())],
    );
    let back = query(&location(&send(silent, login.cookie.clone()).await));
    assert_eq!(back.get("error").map(String::as_str), Some("login_required"), "{back:?}");
    // The sealed value the login page is given, for client a.
    let res = send(params(&a, &[("prompt", "login".into())]), login.cookie.clone()).await;
    let next = query(&app.url(&location(&res)))["next"].clone();
    let sealed = query(&app.url(&next))["auth_after"].clone();
    assert!(sealed.split('.').count() == 3, "sealed, not a bare time: {sealed}");
    // It does not open client b's request.
    let foreign = params(&b, &[("prompt", "login".into()), ("auth_after", sealed.clone())]);
    let res = send(foreign, login.cookie.clone()).await;
    assert!(location(&res).starts_with("/account/login?"), "{}", location(&res));
    // After a fresh login it does its job: the request resumes with a code.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let fresh = app.login("fresh@example.com", crate::helpers::PASSWORD).await;
    let res = app
        .client
        .get(app.url(&next))
        .header(COOKIE, format!("session_id={}", fresh.cookie))
        .send()
        .await
        .unwrap();
    assert!(query(&location(&res)).contains_key("code"), "{}", location(&res));
}

async fn a_loopback_ip_redirect_uri_matches_on_any_port(db: Db) {
    let app = TestApp::spawn(db).await;
    let registered = "http://127.0.0.1/native/cb";
    let rp = register(
        &app,
        ClientSpec { redirect_uris: Some(vec![registered.into()]), ..spec("native") },
    )
    .await;
    let cookie = signed_in_user(&app, "native@example.com").await;
    let (verifier, challenge) = pkce();
    let ask = |uri: &'static str| {
        let (app, rp, cookie, challenge) = (&app, &rp, cookie.clone(), challenge.clone());
        async move {
            let p = [
                ("response_type", "code"),
                ("client_id", rp.id.as_str()),
                ("redirect_uri", uri),
                ("scope", "openid"),
                ("code_challenge", challenge.as_str()),
                ("code_challenge_method", "S256"),
            ];
            authorize(app, Some(&cookie), &p).await
        }
    };
    let port = "http://127.0.0.1:53123/native/cb";
    let res = ask(port).await;
    let to = location(&res);
    assert!(to.starts_with(port), "{to}");
    let code = query(&to)["code"].clone();
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", port),
        ("code_verifier", verifier.as_str()),
    ];
    let (status, body) = token(&app, &rp, &form).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    for other in ["http://127.0.0.1:53123/other", "http://localhost:53123/native/cb"] {
        let res = ask(other).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{other}: an error page");
        assert!(location(&res).is_empty());
    }
}

async fn prompt_consent_asks_even_for_a_first_party_client(db: Db) {
    let app = TestApp::spawn(db).await;
    let rp = register(&app, spec("first-party")).await;
    let cookie = signed_in_user(&app, "first@example.com").await;
    let (_, challenge) = pkce();
    let mut p = vec![
        ("response_type", "code"),
        ("client_id", rp.id.as_str()),
        ("redirect_uri", REDIRECT),
        ("scope", "openid"),
        ("code_challenge", challenge.as_str()),
        ("code_challenge_method", "S256"),
    ];
    let res = authorize(&app, Some(&cookie), &p).await;
    assert!(query(&location(&res)).contains_key("code"), "no page without the prompt");
    p.push(("prompt", "consent"));
    let res = authorize(&app, Some(&cookie), &p).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.text().await.unwrap().contains("action=\"/oauth2/consent\""));
}

async fn a_long_nonce_is_refused_before_anything_is_stored(db: Db) {
    let app = TestApp::spawn(db).await;
    let rp = register(&app, spec("nonce")).await;
    let cookie = signed_in_user(&app, "nonce@example.com").await;
    let (_, challenge) = pkce();
    let nonce = "n".repeat(513);
    let p = [
        ("response_type", "code"),
        ("client_id", rp.id.as_str()),
        ("redirect_uri", REDIRECT),
        ("scope", "openid"),
        ("nonce", nonce.as_str()),
        ("code_challenge", challenge.as_str()),
        ("code_challenge_method", "S256"),
    ];
    let back = query(&location(&authorize(&app, Some(&cookie), &p).await));
    assert_eq!(back["error"], "invalid_request");
    let pool = database(&app).await;
    let row = sqlx::query("SELECT COUNT(*) FROM oauth_codes").fetch_one(&pool).await.unwrap();
    assert_eq!(sqlx::Row::try_get::<i64, _>(&row, 0).unwrap(), 0);
}

async fn a_client_credentials_token_ends_with_its_client(db: Db) {
    let app = TestApp::spawn(db).await;
    let rp = register(&app, spec("machine")).await;
    let fresh_token = || async {
        let (status, body) = token(&app, &rp, &[("grant_type", "client_credentials")]).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["access_token"].as_str().unwrap().to_owned()
    };
    let first = fresh_token().await;
    assert_eq!(introspect(&app, &rp, &first).await["active"], true);
    // The grant withdrawn: its tokens stop.
    let by = ClientInfo::default();
    let no_cc = ClientSpec {
        grant_types: Some(vec!["authorization_code".into(), "refresh_token".into()]),
        ..Default::default()
    };
    app.auth.update_client(&rp.id, &no_cc, &by).await.unwrap();
    assert_eq!(introspect(&app, &rp, &first).await["active"], false);
    // Given back, a new token works; then the client is deleted and another registered under
    // the same id: the old token is not the new client's.
    app.auth.update_client(&rp.id, &spec("machine"), &by).await.unwrap();
    let second = fresh_token().await;
    assert_eq!(introspect(&app, &rp, &second).await["active"], true);
    app.auth.delete_client(&rp.id, &by).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let again = register(&app, spec("machine")).await;
    assert_eq!(introspect(&app, &again, &second).await["active"], false);
}

async fn private_key_jwt_assertions_are_single_use_single_audience_and_short_lived(db: Db) {
    use ring::signature::{EcdsaKeyPair, KeyPair, ECDSA_P256_SHA256_FIXED_SIGNING};
    let rng = ring::rand::SystemRandom::new();
    let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng).unwrap();
    let pair =
        EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8.as_ref(), &rng).unwrap();
    let point = pair.public_key().as_ref().to_vec();
    let jwks = serde_json::json!({"keys": [{
        "kty": "EC", "crv": "P-256", "kid": "k1", "use": "sig", "alg": "ES256",
        "x": URL_SAFE_NO_PAD.encode(&point[1..33]), "y": URL_SAFE_NO_PAD.encode(&point[33..]),
    }]});
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let jwks_uri = format!("http://127.0.0.1:{}/jwks", listener.local_addr().unwrap().port());
    let router = axum::Router::new()
        .route("/jwks", axum::routing::get(move || async move { axum::Json(jwks.clone()) }));
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    let app = TestApp::spawn(db).await;
    let rp = register(
        &app,
        ClientSpec {
            token_endpoint_auth_method: Some("private_key_jwt".into()),
            jwks_uri: Some(jwks_uri),
            ..spec("signed")
        },
    )
    .await;
    let key = jsonwebtoken::EncodingKey::from_ec_der(pkcs8.as_ref());
    let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::ES256);
    header.kid = Some("k1".into());
    let now = portcullis::clock::now_ms() / 1000;
    let assertion = |aud: Value, exp: i64| {
        let claims = serde_json::json!({
            "iss": rp.id, "sub": rp.id, "aud": aud, "iat": now, "exp": exp,
            "jti": uuid::Uuid::new_v4().to_string(),
        });
        jsonwebtoken::encode(&header, &claims, &key).unwrap()
    };
    let send = |jwt: String| {
        let (app, id) = (&app, rp.id.clone());
        async move {
            app.client
                .post(app.url("/oauth2/token"))
                .form(&[
                    ("grant_type", "client_credentials"),
                    ("client_id", id.as_str()),
                    (
                        "client_assertion_type",
                        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                    ),
                    ("client_assertion", jwt.as_str()),
                ])
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    let issuer = Value::from(app.public.clone());
    let good = assertion(issuer.clone(), now + 60);
    assert_eq!(send(good.clone()).await, StatusCode::OK);
    assert_eq!(send(good).await, StatusCode::UNAUTHORIZED, "a replay");
    let two = serde_json::json!([app.public, "https://elsewhere.example"]);
    assert_eq!(send(assertion(two, now + 60)).await, StatusCode::UNAUTHORIZED, "two audiences");
    let far = assertion(issuer.clone(), now + 2 * 86_400);
    assert_eq!(send(far).await, StatusCode::UNAUTHORIZED, "valid for two days");
    // The same new assertion twice at once: exactly one is let through.
    let once = assertion(issuer, now + 60);
    let (x, y) = tokio::join!(send(once.clone()), send(once));
    let oks = [x, y].iter().filter(|s| **s == StatusCode::OK).count();
    assert_eq!(oks, 1, "{x} {y}");
}

backends!(
    discovery_names_every_endpoint_and_the_issuer,
    a_full_code_flow_gives_verified_tokens_with_the_claims,
    each_client_gets_id_tokens_in_its_own_algorithm,
    an_unregistered_redirect_uri_gets_an_error_page_never_a_redirect,
    pkce_is_required_of_public_clients_and_plain_is_refused,
    a_reused_code_fails_and_revokes_what_the_first_use_issued,
    a_code_of_another_client_an_expired_code_and_a_wrong_secret_are_refused,
    prompt_none_without_a_session_answers_login_required,
    consent_is_asked_remembered_and_refusable,
    refresh_rotates_refuses_escalation_and_reuse_revokes_the_grant,
    the_remembered_consent_grows_at_once_and_is_rewritten_to_the_minute,
    the_same_token_or_code_twice_at_once_is_spent_once,
    revocation_and_introspection_follow_the_grant,
    a_grant_ends_with_its_session_unless_it_is_offline,
    rp_initiated_logout_follows_only_registered_uris_of_the_hinted_client,
    back_channel_logout_reaches_the_client_when_a_session_ends_any_way,
    codes_and_grants_work_across_two_nodes,
    housekeeping_removes_what_no_token_can_use_and_keeps_the_rest,
    the_flow_resumes_after_an_email_sign_in,
    a_password_change_or_reset_ends_every_grant_offline_ones_too,
    a_forged_or_foreign_auth_after_does_not_skip_a_fresh_login,
    a_loopback_ip_redirect_uri_matches_on_any_port,
    prompt_consent_asks_even_for_a_first_party_client,
    a_long_nonce_is_refused_before_anything_is_stored,
    a_client_credentials_token_ends_with_its_client,
    private_key_jwt_assertions_are_single_use_single_audience_and_short_lived,
);
