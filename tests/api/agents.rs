//! What agents and command-line tools ask of the provider (docs/provider.md): resource
//! indicators (RFC 8707), DPoP (RFC 9449) and pushed authorization requests (RFC 9126).
//! DPoP proofs here are made by this file's own Ed25519 key and thumbprint code (RFC 7638),
//! not the server's; openid-client makes them independently in provider_interop.rs.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use reqwest::header::{AUTHORIZATION, LOCATION, WWW_AUTHENTICATE};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::backends;
use crate::helpers::{Db, TestApp};
use crate::provider::{
    authorize, introspect, location, pkce, query, register, signed_in_user, spec, token,
    verified_claims, Rp, REDIRECT,
};
use portcullis::service::ClientSpec;

const MCP: &str = "https://mcp.example.com/mcp";
const API: &str = "https://api.example.com/v1";

/// A DPoP key of the client's (Ed25519).
struct DpopKey {
    pkcs8: Vec<u8>,
    jwk: Value,
    /// Its RFC 7638 thumbprint, worked out here.
    jkt: String,
}

impl DpopKey {
    fn new() -> Self {
        use ring::signature::{Ed25519KeyPair, KeyPair};
        let rng = ring::rand::SystemRandom::new();
        let pkcs8 = Ed25519KeyPair::generate_pkcs8(&rng).unwrap();
        let pair = Ed25519KeyPair::from_pkcs8(pkcs8.as_ref()).unwrap();
        let x = URL_SAFE_NO_PAD.encode(pair.public_key().as_ref());
        let canonical = format!(r#"{{"crv":"Ed25519","kty":"OKP","x":"{x}"}}"#);
        let digest = ring::digest::digest(&ring::digest::SHA256, canonical.as_bytes());
        Self {
            pkcs8: pkcs8.as_ref().to_vec(),
            jwk: json!({"kty": "OKP", "crv": "Ed25519", "x": x}),
            jkt: URL_SAFE_NO_PAD.encode(digest.as_ref()),
        }
    }

    /// A proof for `htm htu`, with `extra` claims (`ath`, `nonce`, or overrides).
    fn proof(&self, htm: &str, htu: &str, extra: Value) -> String {
        let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::EdDSA);
        header.typ = Some("dpop+jwt".into());
        header.jwk = Some(serde_json::from_value(self.jwk.clone()).unwrap());
        let mut claims = json!({
            "jti": uuid::Uuid::new_v4().to_string(),
            "htm": htm,
            "htu": htu,
            "iat": portcullis::clock::now_ms() / 1000,
        });
        for (k, v) in extra.as_object().unwrap() {
            claims[k] = v.clone();
        }
        let key = jsonwebtoken::EncodingKey::from_ed_der(&self.pkcs8);
        jsonwebtoken::encode(&header, &claims, &key).unwrap()
    }
}

fn ath(token: &str) -> String {
    URL_SAFE_NO_PAD.encode(ring::digest::digest(&ring::digest::SHA256, token.as_bytes()).as_ref())
}

fn public_spec(id: &str) -> ClientSpec {
    ClientSpec { public: Some(true), grant_types: None, ..spec(id) }
}

/// A code for `rp` with `extra` authorization parameters, and its verifier.
async fn code_with(
    app: &TestApp,
    rp: &Rp,
    cookie: &str,
    extra: &[(&str, &str)],
) -> Result<(String, String), std::collections::HashMap<String, String>> {
    let (verifier, challenge) = pkce();
    let mut params = vec![
        ("response_type", "code"),
        ("client_id", rp.id.as_str()),
        ("redirect_uri", REDIRECT),
        ("scope", "openid offline_access"),
        ("code_challenge", &challenge),
        ("code_challenge_method", "S256"),
    ];
    params.extend_from_slice(extra);
    let res = authorize(app, Some(cookie), &params).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "{}", res.text().await.unwrap());
    let back = query(&location(&res));
    match back.get("code") {
        Some(code) => Ok((code.clone(), verifier)),
        None => Err(back),
    }
}

/// `POST /oauth2/token` as `rp`, with a `DPoP` header: status, body, `DPoP-Nonce`.
async fn token_dpop(
    app: &TestApp,
    rp: &Rp,
    proof: &str,
    form: &[(&str, &str)],
) -> (StatusCode, Value, Option<String>) {
    let mut form = form.to_vec();
    if rp.secret.is_none() {
        form.push(("client_id", &rp.id));
    }
    let mut req = app.client.post(app.url("/oauth2/token")).header("dpop", proof).form(&form);
    if let Some(secret) = &rp.secret {
        req = req.basic_auth(&rp.id, Some(secret));
    }
    let res = req.send().await.unwrap();
    let nonce = res.headers().get("dpop-nonce").map(|v| v.to_str().unwrap().to_owned());
    (res.status(), res.json().await.unwrap(), nonce)
}

fn exchange_form<'a>(code: &'a str, verifier: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", REDIRECT),
        ("code_verifier", verifier),
    ]
}

fn error_of(body: &Value) -> &str {
    body["error"].as_str().unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------

async fn a_resource_becomes_the_audience_and_only_allowed_ones_are_given(db: Db) {
    let app =
        TestApp::spawn_with(db, &[("PORTCULLIS_RESOURCES", "https://mcp.example.com/*")]).await;
    let rp =
        register(&app, ClientSpec { resources: Some(vec![API.into()]), ..spec("agent") }).await;
    let mcp_server = register(
        &app,
        ClientSpec {
            resources: Some(vec!["https://mcp.example.com/*".into()]),
            ..spec("mcp-server")
        },
    )
    .await;
    let api_server =
        register(&app, ClientSpec { resources: Some(vec![API.into()]), ..spec("api-server") })
            .await;
    let cookie = signed_in_user(&app, "res@example.com").await;

    // The configuration's pattern and the client's own list are both allowed; others are not.
    let (code, verifier) = code_with(&app, &rp, &cookie, &[("resource", MCP)]).await.unwrap();
    for refused in ["https://mcp.example.com.evil.example/mcp", "https://other.example/", "x"] {
        let back = code_with(&app, &rp, &cookie, &[("resource", refused)]).await.unwrap_err();
        assert_eq!(back["error"], "invalid_target", "{refused}");
    }
    // The token request may repeat the resource, not change it.
    let mut form = exchange_form(&code, &verifier);
    form.push(("resource", MCP));
    let (status, tokens) = token(&app, &rp, &form).await;
    assert_eq!(status, StatusCode::OK, "{tokens}");
    let access = tokens["access_token"].as_str().unwrap();
    let (_, claims) = verified_claims(&app, access).await;
    assert_eq!(claims["aud"], MCP);
    assert_eq!(claims["client_id"], rp.id);
    let (code2, verifier2) = code_with(&app, &rp, &cookie, &[("resource", MCP)]).await.unwrap();
    let mut form = exchange_form(&code2, &verifier2);
    form.push(("resource", API));
    let (status, body) = token(&app, &rp, &form).await;
    assert_eq!((status, error_of(&body)), (StatusCode::BAD_REQUEST, "invalid_target"));

    // Introspection: the resource server it is for sees it; another resource server does not.
    assert_eq!(introspect(&app, &mcp_server, access).await["active"], true);
    assert_eq!(introspect(&app, &mcp_server, access).await["aud"], MCP);
    assert_eq!(introspect(&app, &api_server, access).await["active"], false);
    assert_eq!(introspect(&app, &rp, access).await["active"], true, "its own client");
    // It is not a token for this server's userinfo.
    let res = app.client.get(app.url("/oauth2/userinfo")).bearer_auth(access).send().await;
    assert_eq!(res.unwrap().status(), StatusCode::UNAUTHORIZED);

    // A refresh keeps the audience; asking another resource is refused and spends nothing.
    let rt = tokens["refresh_token"].as_str().unwrap();
    let form = [("grant_type", "refresh_token"), ("refresh_token", rt), ("resource", API)];
    let (status, body) = token(&app, &rp, &form).await;
    assert_eq!((status, error_of(&body)), (StatusCode::BAD_REQUEST, "invalid_target"));
    let (status, again) =
        token(&app, &rp, &[("grant_type", "refresh_token"), ("refresh_token", rt)]).await;
    assert_eq!(status, StatusCode::OK, "{again}");
    let (_, claims) = verified_claims(&app, again["access_token"].as_str().unwrap()).await;
    assert_eq!(claims["aud"], MCP);

    // Client credentials: the client's own resource; another is refused.
    let cc = [("grant_type", "client_credentials"), ("scope", "api.read"), ("resource", API)];
    let (status, body) = token(&app, &rp, &cc).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let cc_access = body["access_token"].as_str().unwrap();
    assert_eq!(verified_claims(&app, cc_access).await.1["aud"], API);
    assert_eq!(introspect(&app, &api_server, cc_access).await["active"], true);
    assert_eq!(introspect(&app, &mcp_server, cc_access).await["active"], false);
    let cc = [("grant_type", "client_credentials"), ("resource", "https://else.example/")];
    let (status, body) = token(&app, &mcp_server, &cc).await;
    assert_eq!((status, error_of(&body)), (StatusCode::BAD_REQUEST, "invalid_target"));
    // A code authorized without a resource cannot be turned into one for a resource.
    let (code, verifier) = code_with(&app, &rp, &cookie, &[]).await.unwrap();
    let mut form = exchange_form(&code, &verifier);
    form.push(("resource", MCP));
    let (status, body) = token(&app, &rp, &form).await;
    assert_eq!((status, error_of(&body)), (StatusCode::BAD_REQUEST, "invalid_target"));
}

async fn dpop_binds_tokens_to_the_key_that_proved_possession(db: Db) {
    let app = TestApp::spawn(db).await;
    let rp = register(&app, public_spec("cli")).await;
    let cookie = signed_in_user(&app, "dpop@example.com").await;
    let key = DpopKey::new();
    let token_url = app.url("/oauth2/token");
    let (code, verifier) = code_with(&app, &rp, &cookie, &[]).await.unwrap();
    let proof = key.proof("POST", &token_url, json!({}));
    let (status, tokens, _) = token_dpop(&app, &rp, &proof, &exchange_form(&code, &verifier)).await;
    assert_eq!(status, StatusCode::OK, "{tokens}");
    assert_eq!(tokens["token_type"], "DPoP");
    let access = tokens["access_token"].as_str().unwrap().to_owned();
    let (_, claims) = verified_claims(&app, &access).await;
    assert_eq!(claims["cnf"]["jkt"], key.jkt.as_str(), "bound to the key (RFC 7638 thumbprint)");

    // A proof is good once, for its own URL and method, and recent.
    let (code, verifier) = code_with(&app, &rp, &cookie, &[]).await.unwrap();
    let form = exchange_form(&code, &verifier);
    let now = portcullis::clock::now_ms() / 1000;
    for bad in [
        proof.clone(),
        key.proof("POST", &app.url("/oauth2/userinfo"), json!({})),
        key.proof("GET", &token_url, json!({})),
        key.proof("POST", &token_url, json!({"iat": now - 3600})),
        key.proof("POST", "https://elsewhere.example/oauth2/token", json!({})),
        "not-a-jwt".to_owned(),
    ] {
        let (status, body, _) = token_dpop(&app, &rp, &bad, &form).await;
        assert_eq!((status, error_of(&body)), (StatusCode::BAD_REQUEST, "invalid_dpop_proof"));
    }
    // Nor on another node: the proofs seen are in the database.
    let node = app.another_node(&[]).await;
    let (status, body, _) = token_dpop(&node, &rp, &proof, &form).await;
    assert_eq!((status, error_of(&body)), (StatusCode::BAD_REQUEST, "invalid_dpop_proof"));
    // Refused proofs spent nothing: the code still works.
    let fresh = key.proof("POST", &token_url, json!({}));
    let (status, body, _) = token_dpop(&app, &rp, &fresh, &form).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    // Userinfo: only as DPoP, with a proof of the same key, for this request and token.
    let userinfo_url = app.url("/oauth2/userinfo");
    let call = |scheme: &'static str, proof: Option<String>| {
        let mut req = app
            .client
            .get(app.url("/oauth2/userinfo"))
            .header(AUTHORIZATION, format!("{scheme} {access}"));
        if let Some(p) = proof {
            req = req.header("dpop", p);
        }
        async move { req.send().await.unwrap() }
    };
    let res = call("Bearer", None).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "a bound token is not a bearer token");
    let res = call("DPoP", None).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let challenge = res.headers()[WWW_AUTHENTICATE].to_str().unwrap().to_owned();
    assert!(challenge.starts_with("DPoP ") && challenge.contains("invalid_dpop_proof"));
    let other = DpopKey::new();
    for bad in [
        key.proof("GET", &userinfo_url, json!({})),
        key.proof("GET", &userinfo_url, json!({"ath": ath("another token")})),
        key.proof("POST", &userinfo_url, json!({"ath": ath(&access)})),
        other.proof("GET", &userinfo_url, json!({"ath": ath(&access)})),
    ] {
        assert_eq!(call("DPoP", Some(bad)).await.status(), StatusCode::UNAUTHORIZED);
    }
    let good = key.proof("GET", &userinfo_url, json!({"ath": ath(&access)}));
    let res = call("DPoP", Some(good.clone())).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(call("DPoP", Some(good)).await.status(), StatusCode::UNAUTHORIZED, "replayed");

    // A public client's refresh token is bound too: no proof, or another key's, is refused
    // without spending it.
    let rt = tokens["refresh_token"].as_str().unwrap();
    let form = [("grant_type", "refresh_token"), ("refresh_token", rt)];
    let mut with_id = form.to_vec();
    with_id.push(("client_id", &rp.id));
    let (status, body) = token(&app, &rp, &with_id).await;
    assert_eq!((status, error_of(&body)), (StatusCode::BAD_REQUEST, "invalid_grant"));
    let (status, body, _) =
        token_dpop(&app, &rp, &other.proof("POST", &token_url, json!({})), &form).await;
    assert_eq!((status, error_of(&body)), (StatusCode::BAD_REQUEST, "invalid_grant"));
    let (status, body, _) =
        token_dpop(&app, &rp, &key.proof("POST", &token_url, json!({})), &form).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["token_type"], "DPoP");

    // A code bound at the authorization request (dpop_jkt) needs a proof of that key.
    let (code, verifier) = code_with(&app, &rp, &cookie, &[("dpop_jkt", &key.jkt)]).await.unwrap();
    let form = exchange_form(&code, &verifier);
    let (status, body, _) =
        token_dpop(&app, &rp, &other.proof("POST", &token_url, json!({})), &form).await;
    assert_eq!((status, error_of(&body)), (StatusCode::BAD_REQUEST, "invalid_grant"));
    let back = code_with(&app, &rp, &cookie, &[("dpop_jkt", "short")]).await.unwrap_err();
    assert_eq!(back["error"], "invalid_request");

    // Introspection tells a resource server what the token is bound to.
    let conf = register(&app, spec("dpop-conf")).await;
    let cc = [("grant_type", "client_credentials"), ("scope", "api.read")];
    let (status, body, _) =
        token_dpop(&app, &conf, &key.proof("POST", &token_url, json!({})), &cc).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let described = introspect(&app, &conf, body["access_token"].as_str().unwrap()).await;
    assert_eq!(described["token_type"], "DPoP");
    assert_eq!(described["cnf"]["jkt"], key.jkt.as_str());
}

async fn a_dpop_nonce_is_required_when_the_server_asks(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_DPOP_NONCE", "true")]).await;
    let rp = register(&app, spec("nonce")).await;
    let key = DpopKey::new();
    let url = app.url("/oauth2/token");
    let cc = [("grant_type", "client_credentials"), ("scope", "api.read")];
    let (status, body, nonce) =
        token_dpop(&app, &rp, &key.proof("POST", &url, json!({})), &cc).await;
    assert_eq!((status, error_of(&body)), (StatusCode::BAD_REQUEST, "use_dpop_nonce"));
    let nonce = nonce.expect("the answer carries a nonce");
    let forged = key.proof("POST", &url, json!({"nonce": "made-up"}));
    let (status, body, _) = token_dpop(&app, &rp, &forged, &cc).await;
    assert_eq!((status, error_of(&body)), (StatusCode::BAD_REQUEST, "use_dpop_nonce"));
    let proof = key.proof("POST", &url, json!({"nonce": nonce}));
    let (status, body, next) = token_dpop(&app, &rp, &proof, &cc).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(next.is_some(), "a fresh nonce comes with every answer");
}

/// `POST /oauth2/par` as `rp`.
async fn push(app: &TestApp, rp: &Rp, form: &[(&str, &str)]) -> (StatusCode, Value) {
    let mut req = app.client.post(app.url("/oauth2/par")).form(form);
    if let Some(secret) = &rp.secret {
        req = req.basic_auth(&rp.id, Some(secret));
    }
    let res = req.send().await.unwrap();
    (res.status(), res.json().await.unwrap())
}

async fn pushed_requests_stand_in_for_the_query_and_can_be_required(db: Db) {
    let app = TestApp::spawn(db).await;
    let rp = register(
        &app,
        ClientSpec { require_pushed_authorization_requests: Some(true), ..spec("par") },
    )
    .await;
    let other = register(&app, spec("par-other")).await;
    let cookie = signed_in_user(&app, "par@example.com").await;
    let (verifier, challenge) = pkce();
    let request = [
        ("response_type", "code"),
        ("redirect_uri", REDIRECT),
        ("scope", "openid"),
        ("state", "pushed-state"),
        ("code_challenge", challenge.as_str()),
        ("code_challenge_method", "S256"),
    ];
    // This client must push: a plain request is refused.
    let mut plain = request.to_vec();
    plain.push(("client_id", &rp.id));
    let res = authorize(&app, Some(&cookie), &plain).await;
    assert_eq!(query(&location(&res))["error"], "invalid_request");

    let (status, pushed) = push(&app, &rp, &request).await;
    assert_eq!(status, StatusCode::CREATED, "{pushed}");
    let request_uri = pushed["request_uri"].as_str().unwrap().to_owned();
    assert!(request_uri.starts_with("urn:ietf:params:oauth:request_uri:"));
    assert_eq!(pushed["expires_in"], 600);

    // Signed out: the login page's `next` carries the request_uri, not the pushed parameters.
    let by_ref = [("client_id", rp.id.as_str()), ("request_uri", request_uri.as_str())];
    let res = authorize(&app, None, &by_ref).await;
    let login = location(&res);
    assert!(login.starts_with("/account/login"), "{login}");
    assert!(login.contains("request_uri") && !login.contains("pushed-state"), "{login}");
    // Another client cannot use it.
    let res =
        authorize(&app, Some(&cookie), &[("client_id", &other.id), ("request_uri", &request_uri)])
            .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.headers().get(LOCATION).is_none());
    // Signed in: a code, with the pushed state.
    let res = authorize(&app, Some(&cookie), &by_ref).await;
    let back = query(&location(&res));
    assert_eq!(back["state"], "pushed-state");
    let (status, body) = token(&app, &rp, &exchange_form(&back["code"], &verifier)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // Its code issued, the pushed request is spent.
    let res = authorize(&app, Some(&cookie), &by_ref).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.headers().get(LOCATION).is_none());

    // What the authorization endpoint would refuse is refused when pushed, as JSON.
    let mut bad_redirect = request.to_vec();
    bad_redirect[1] = ("redirect_uri", "https://evil.example/cb");
    let (status, body) = push(&app, &rp, &bad_redirect).await;
    assert_eq!((status, error_of(&body)), (StatusCode::BAD_REQUEST, "invalid_request"));
    let mut bad_scope = request.to_vec();
    bad_scope[2] = ("scope", "openid admin");
    let (status, body) = push(&app, &rp, &bad_scope).await;
    assert_eq!((status, error_of(&body)), (StatusCode::BAD_REQUEST, "invalid_scope"));
    let mut unknown = request.to_vec();
    unknown.push(("claims", "{}"));
    let (status, body) = push(&app, &rp, &unknown).await;
    assert_eq!((status, error_of(&body)), (StatusCode::BAD_REQUEST, "invalid_request"));
    let mut nested = request.to_vec();
    nested.push(("request_uri", &request_uri));
    let (status, _) = push(&app, &rp, &nested).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let anonymous = Rp { id: rp.id.clone(), secret: Some("wrong".into()) };
    let (status, body) = push(&app, &anonymous, &request).await;
    assert_eq!((status, error_of(&body)), (StatusCode::UNAUTHORIZED, "invalid_client"));
    let discovery: Value = app
        .client
        .get(app.url("/.well-known/openid-configuration"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(discovery["pushed_authorization_request_endpoint"], app.url("/oauth2/par"));
    assert_eq!(discovery["require_pushed_authorization_requests"], false);
}

async fn the_server_can_require_every_request_to_be_pushed(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_REQUIRE_PAR", "true")]).await;
    let rp = register(&app, spec("par-all")).await;
    let cookie = signed_in_user(&app, "par-all@example.com").await;
    let back = code_with(&app, &rp, &cookie, &[]).await.unwrap_err();
    assert_eq!(back["error"], "invalid_request");
    let discovery: Value = app
        .client
        .get(app.url("/.well-known/openid-configuration"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(discovery["require_pushed_authorization_requests"], true);
}

/// `POST /api/auth/refresh` with an optional DPoP proof.
async fn first_party_refresh(
    app: &TestApp,
    rt: &str,
    proof: Option<String>,
) -> (StatusCode, Value) {
    let mut req = app.client.post(app.url("/api/auth/refresh")).json(&json!({"refresh_token": rt}));
    if let Some(p) = proof {
        req = req.header("dpop", p);
    }
    let res = req.send().await.unwrap();
    (res.status(), res.json().await.unwrap())
}

fn payload(jwt: &str) -> Value {
    let part = jwt.split('.').nth(1).unwrap();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).unwrap()).unwrap()
}

async fn a_first_party_session_opts_into_dpop_with_a_proof_at_refresh(db: Db) {
    let app = TestApp::spawn(db).await;
    let login = app.user("first-party-dpop@example.com").await;
    let key = DpopKey::new();
    let refresh_url = app.url("/api/auth/refresh");
    let (status, tokens) = first_party_refresh(
        &app,
        &login.refresh_token,
        Some(key.proof("POST", &refresh_url, json!({}))),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{tokens}");
    assert_eq!(tokens["token_type"], "DPoP");
    let access = tokens["access_token"].as_str().unwrap().to_owned();
    assert_eq!(payload(&access)["cnf"]["jkt"], key.jkt.as_str());

    // The bound token: only as DPoP, with a fresh proof of the key for this request.
    let user_url = app.url("/api/auth/user");
    let call = |scheme: &'static str, proof: Option<String>| {
        let mut req = app
            .client
            .get(app.url("/api/auth/user"))
            .header(AUTHORIZATION, format!("{scheme} {access}"));
        if let Some(p) = proof {
            req = req.header("dpop", p);
        }
        async move { req.send().await.unwrap().status() }
    };
    assert_eq!(call("Bearer", None).await, StatusCode::UNAUTHORIZED);
    assert_eq!(call("DPoP", None).await, StatusCode::UNAUTHORIZED);
    let other = DpopKey::new();
    assert_eq!(
        call("DPoP", Some(other.proof("GET", &user_url, json!({"ath": ath(&access)})))).await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        call(
            "DPoP",
            Some(key.proof("GET", &app.url("/api/auth/sessions"), json!({"ath": ath(&access)})))
        )
        .await,
        StatusCode::UNAUTHORIZED
    );
    let good = key.proof("GET", &user_url, json!({"ath": ath(&access)}));
    assert_eq!(call("DPoP", Some(good.clone())).await, StatusCode::OK);
    assert_eq!(call("DPoP", Some(good)).await, StatusCode::UNAUTHORIZED, "replayed");

    // From now on the session's refreshes need the key; a refused one spends nothing.
    let rt = tokens["refresh_token"].as_str().unwrap();
    let (status, _) = first_party_refresh(&app, rt, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) =
        first_party_refresh(&app, rt, Some(other.proof("POST", &refresh_url, json!({})))).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, again) =
        first_party_refresh(&app, rt, Some(key.proof("POST", &refresh_url, json!({})))).await;
    assert_eq!(status, StatusCode::OK, "{again}");
    assert_eq!(payload(again["access_token"].as_str().unwrap())["cnf"]["jkt"], key.jkt.as_str());
    // The spent token replayed without the key is refused before it counts as reuse: the
    // session (and its newest refresh token) lives on.
    let (status, _) = first_party_refresh(&app, rt, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let newest = again["refresh_token"].as_str().unwrap();
    let (status, body) =
        first_party_refresh(&app, newest, Some(key.proof("POST", &refresh_url, json!({})))).await;
    assert_eq!(status, StatusCode::OK, "not revoked: {body}");
    // A session that did not opt in keeps bearer tokens.
    let plain = app.login("first-party-dpop@example.com", crate::helpers::PASSWORD).await;
    assert_eq!(app.user_status_bearer(&plain.access_token).await, StatusCode::OK);
    let (status, body) = first_party_refresh(&app, &plain.refresh_token, None).await;
    assert_eq!((status, body["token_type"].as_str()), (StatusCode::OK, Some("Bearer")));
}

/// The device flow's tokens are bound like the others': a command-line tool polling with a
/// proof gets DPoP tokens, and (a public client) a refresh token only its key can use.
async fn a_device_flow_with_dpop_binds_the_tools_tokens(db: Db) {
    use crate::device::{start, tool, tool_spec, Browser, GRANT};
    let app = TestApp::spawn(db).await;
    let cli = tool(&app, tool_spec("dpop-device", true)).await;
    let rp = Rp { id: cli.id.clone(), secret: None };
    let started = start(&app, &cli, "openid offline_access").await;
    let login = app.user("device-dpop@example.com").await;
    let mut browser = Browser::signed_in(&app, &login.cookie);
    browser.approve(started["user_code"].as_str().unwrap(), "allow").await;
    let key = DpopKey::new();
    let url = app.url("/oauth2/token");
    let code = started["device_code"].as_str().unwrap();
    let form = [("grant_type", GRANT), ("device_code", code), ("resource", MCP)];
    let (status, body, _) = token_dpop(&app, &rp, &key.proof("POST", &url, json!({})), &form).await;
    assert_eq!((status, error_of(&body)), (StatusCode::BAD_REQUEST, "invalid_target"));
    let form = [("grant_type", GRANT), ("device_code", code)];
    let (status, tokens, _) =
        token_dpop(&app, &rp, &key.proof("POST", &url, json!({})), &form).await;
    assert_eq!(status, StatusCode::OK, "{tokens}");
    assert_eq!(tokens["token_type"], "DPoP");
    assert_eq!(payload(tokens["access_token"].as_str().unwrap())["cnf"]["jkt"], key.jkt.as_str());
    let rt = tokens["refresh_token"].as_str().unwrap();
    let form = [("grant_type", "refresh_token"), ("refresh_token", rt)];
    let other = DpopKey::new();
    let (status, body, _) =
        token_dpop(&app, &rp, &other.proof("POST", &url, json!({})), &form).await;
    assert_eq!((status, error_of(&body)), (StatusCode::BAD_REQUEST, "invalid_grant"));
    let (status, body, _) = token_dpop(&app, &rp, &key.proof("POST", &url, json!({})), &form).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

/// A DPoP-bound session that authenticates again (`POST /api/auth/reauthenticate`) gets an
/// access token bound to its key, not a bearer token for the session.
async fn reauthenticating_a_dpop_bound_session_keeps_its_tokens_bound(db: Db) {
    let app = TestApp::spawn(db).await;
    let login = app.user("reauth-dpop@example.com").await;
    let key = DpopKey::new();
    let refresh_url = app.url("/api/auth/refresh");
    let (status, tokens) = first_party_refresh(
        &app,
        &login.refresh_token,
        Some(key.proof("POST", &refresh_url, json!({}))),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{tokens}");
    let access = tokens["access_token"].as_str().unwrap().to_owned();
    let reauth_url = app.url("/api/auth/reauthenticate");
    let res = app
        .client
        .post(&reauth_url)
        .header(AUTHORIZATION, format!("DPoP {access}"))
        .header("dpop", key.proof("POST", &reauth_url, json!({"ath": ath(&access)})))
        .json(&json!({"password": crate::helpers::PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let fresh: Value = res.json().await.unwrap();
    let fresh_token = fresh["access_token"].as_str().unwrap();
    assert_eq!(fresh["token_type"], "DPoP", "{fresh}");
    assert_eq!(payload(fresh_token)["cnf"]["jkt"], key.jkt.as_str());
    // It is no bearer token: without a proof of the key it opens nothing.
    assert_eq!(app.user_status_bearer(fresh_token).await, StatusCode::UNAUTHORIZED);
}

/// A prefix pattern allows the resources under it, as a resource server reads the URL: dot
/// segments (plain or percent-encoded) cannot climb out of it to a sibling's resource.
async fn a_resource_pattern_cannot_be_climbed_out_of_with_dot_segments(db: Db) {
    let app = TestApp::spawn_with(
        db,
        &[("PORTCULLIS_RESOURCES", "https://mcp.example.com/tenants/acme/*")],
    )
    .await;
    let rp = register(&app, spec("tenant-agent")).await;
    let cookie = signed_in_user(&app, "tenant@example.com").await;
    let allowed = "https://mcp.example.com/tenants/acme/mcp";
    assert!(code_with(&app, &rp, &cookie, &[("resource", allowed)]).await.is_ok());
    for climbing in [
        "https://mcp.example.com/tenants/acme/../globex/mcp",
        "https://mcp.example.com/tenants/acme/%2e%2e/globex/mcp",
        "https://mcp.example.com/tenants/acme/%2E%2E/globex/mcp",
        "https://mcp.example.com/tenants/acme/./../globex/mcp",
    ] {
        let back = code_with(&app, &rp, &cookie, &[("resource", climbing)]).await.unwrap_err();
        assert_eq!(back["error"], "invalid_target", "{climbing}");
    }
    let cc = [
        ("grant_type", "client_credentials"),
        ("resource", "https://mcp.example.com/tenants/acme/../globex/"),
    ];
    let (status, body) = token(&app, &rp, &cc).await;
    assert_eq!((status, error_of(&body)), (StatusCode::BAD_REQUEST, "invalid_target"));
}

/// A public client that exchanged its code without DPoP and refreshes with a proof later is
/// bound from then on.
async fn a_public_client_that_starts_dpop_at_a_refresh_is_bound_from_then_on(db: Db) {
    let app = TestApp::spawn(db).await;
    let rp = register(&app, public_spec("late-dpop")).await;
    let cookie = signed_in_user(&app, "late-dpop@example.com").await;
    let (code, verifier) = code_with(&app, &rp, &cookie, &[]).await.unwrap();
    let mut form = exchange_form(&code, &verifier);
    form.push(("client_id", &rp.id));
    let (status, tokens) = token(&app, &rp, &form).await;
    assert_eq!((status, tokens["token_type"].as_str()), (StatusCode::OK, Some("Bearer")));
    let key = DpopKey::new();
    let url = app.url("/oauth2/token");
    let rt = tokens["refresh_token"].as_str().unwrap();
    let form = [("grant_type", "refresh_token"), ("refresh_token", rt)];
    let (status, bound, _) =
        token_dpop(&app, &rp, &key.proof("POST", &url, json!({})), &form).await;
    assert_eq!((status, bound["token_type"].as_str()), (StatusCode::OK, Some("DPoP")), "{bound}");
    let rt = bound["refresh_token"].as_str().unwrap();
    let form = [("grant_type", "refresh_token"), ("refresh_token", rt), ("client_id", &rp.id)];
    let (status, body) = token(&app, &rp, &form).await;
    assert_eq!((status, error_of(&body)), (StatusCode::BAD_REQUEST, "invalid_grant"));
}

backends!(
    a_public_client_that_starts_dpop_at_a_refresh_is_bound_from_then_on,
    a_device_flow_with_dpop_binds_the_tools_tokens,
    a_resource_pattern_cannot_be_climbed_out_of_with_dot_segments,
    reauthenticating_a_dpop_bound_session_keeps_its_tokens_bound,
    a_first_party_session_opts_into_dpop_with_a_proof_at_refresh,
    a_resource_becomes_the_audience_and_only_allowed_ones_are_given,
    dpop_binds_tokens_to_the_key_that_proved_possession,
    a_dpop_nonce_is_required_when_the_server_asks,
    pushed_requests_stand_in_for_the_query_and_can_be_required,
    the_server_can_require_every_request_to_be_pushed,
);
