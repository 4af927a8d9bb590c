//! The OpenID Connect provider's machine endpoints (docs/provider.md): discovery, the JWKS,
//! the token endpoint, userinfo, introspection and revocation. Their errors are RFC 6749's
//! (`{"error", "error_description"}`), not the API's, because OAuth client libraries read
//! those; their answers are never cached (`Cache-Control: no-store`) except discovery and
//! the JWKS. No Origin check: nothing here reads a cookie, every request carries its own
//! credentials, and single-page apps call them from their own origin (the common stack
//! answers CORS for [`OPEN_TO_ANY_ORIGIN`], without credentials).
//!
//! The browser endpoints (authorization, consent, logout) are pages: `pages::provider`.
//! The device flow (RFC 8628) has its device authorization endpoint here, and its
//! verification page in `pages::device`.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::header::{AUTHORIZATION, CACHE_CONTROL, CONTENT_TYPE, PRAGMA, WWW_AUTHENTICATE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use serde_json::json;

use super::extract::Client;
use super::state::AppState;
use super::surface::{Limit, Surface};
use crate::error::AppError;
use crate::service::provider::{
    AuthorizeParams, BearerError, ClientCredentials, OAuthError, Presented, ReadGrant, TokenParams,
};

/// The paths any origin may call from a browser (CORS without credentials).
pub const OPEN_TO_ANY_ORIGIN: &[&str] = &[
    "/.well-known/openid-configuration",
    "/.well-known/oauth-authorization-server",
    "/oauth2/jwks",
    "/oauth2/token",
    "/oauth2/userinfo",
    "/oauth2/introspect",
    "/oauth2/revoke",
    "/oauth2/register",
    "/oauth2/par",
    "/oauth2/device_authorization",
];

/// Whether `path` answers any origin (CORS without credentials): [`OPEN_TO_ANY_ORIGIN`] and
/// each client's registration (RFC 7592), which browser-based agents manage themselves.
pub fn open_to_any_origin(path: &str) -> bool {
    OPEN_TO_ANY_ORIGIN.contains(&path) || path.starts_with("/oauth2/register/")
}

const ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

pub(crate) fn surface(state: Option<&AppState>) -> Surface {
    Surface::new(state, Default::default())
        .without_origin_check()
        .get(Limit::None, "/.well-known/openid-configuration", discovery)
        .get(Limit::None, "/.well-known/oauth-authorization-server", discovery)
        .get(Limit::None, "/oauth2/jwks", jwks)
        .post(Limit::PerIp, "/oauth2/token", token)
        .post(Limit::PerIp, "/oauth2/device_authorization", device_authorization)
        .get(Limit::None, "/oauth2/userinfo", userinfo)
        .post(Limit::None, "/oauth2/userinfo", userinfo_post)
        .post(Limit::PerIp, "/oauth2/introspect", introspect)
        .post(Limit::PerIp, "/oauth2/revoke", revoke)
        .post(Limit::PerIp, "/oauth2/par", par)
        .post(Limit::PerIp, "/oauth2/register", register)
        .get(Limit::PerIp, "/oauth2/register/{client_id}", read_registration)
        .method(
            Limit::PerIp,
            "PUT",
            "/oauth2/register/{client_id}",
            axum::routing::put(replace_registration),
        )
        .method(
            Limit::PerIp,
            "DELETE",
            "/oauth2/register/{client_id}",
            axum::routing::delete(delete_registration),
        )
}

impl axum::response::IntoResponse for OAuthError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::BAD_REQUEST);
        let body = json!({"error": self.error, "error_description": self.description});
        let mut res = (status, axum::Json(body)).into_response();
        no_store(res.headers_mut());
        res
    }
}

fn no_store(h: &mut HeaderMap) {
    h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(PRAGMA, HeaderValue::from_static("no-cache"));
}

fn fresh_json(body: impl serde::Serialize) -> Response {
    let mut res = axum::Json(body).into_response();
    no_store(res.headers_mut());
    res
}

/// `GET /.well-known/openid-configuration` and `/.well-known/oauth-authorization-server`.
async fn discovery(State(state): State<AppState>) -> Response {
    let mut res = axum::Json(state.auth.discovery()).into_response();
    res.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static("public, max-age=300"));
    res
}

/// `GET /oauth2/jwks`: every key the provider signs with (public halves).
async fn jwks(State(state): State<AppState>) -> Result<Response, AppError> {
    let keys = state.auth.id_keys().await?;
    let json = HeaderValue::from_static("application/json");
    let mut res = ([(axum::http::header::CONTENT_TYPE, json)], keys.jwks_json()).into_response();
    res.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static("public, max-age=300"));
    Ok(res)
}

/// A urlencoded body, each parameter once (RFC 6749 section 3.2: "parameters MUST NOT be
/// included more than once"), empty values as absent.
struct Params(HashMap<String, String>);

impl Params {
    fn parse(headers: &HeaderMap, body: &[u8]) -> Result<Self, OAuthError> {
        let form = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| {
            v.to_ascii_lowercase().starts_with("application/x-www-form-urlencoded")
        });
        if !form && !body.is_empty() {
            return Err(OAuthError::invalid_request(
                "the body must be application/x-www-form-urlencoded",
            ));
        }
        let mut map = HashMap::new();
        for (k, v) in url::form_urlencoded::parse(body) {
            if map.insert(k.clone().into_owned(), v.into_owned()).is_some() {
                return Err(OAuthError::invalid_request(format!("parameter {k} is repeated")));
            }
        }
        map.retain(|_, v: &mut String| !v.is_empty());
        Ok(Self(map))
    }

    fn get(&self, k: &str) -> Option<String> {
        self.0.get(k).cloned()
    }
}

/// How the client presented itself: exactly one method.
fn credentials(headers: &HeaderMap, p: &Params) -> Result<ClientCredentials, OAuthError> {
    let basic = headers.get(AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| {
        let (scheme, rest) = v.split_once(' ')?;
        scheme.eq_ignore_ascii_case("basic").then(|| rest.trim().to_owned())
    });
    let secret = p.get("client_secret");
    let assertion = p.get("client_assertion");
    let methods = [basic.is_some(), secret.is_some(), assertion.is_some()];
    if methods.iter().filter(|m| **m).count() > 1 {
        return Err(OAuthError::invalid_request("use one client authentication method"));
    }
    let decode = |s: &str| -> Option<String> {
        let plus = s.replace('+', " ");
        percent_encoding::percent_decode_str(&plus).decode_utf8().ok().map(|c| c.into_owned())
    };
    if let Some(b) = basic {
        let bad = || OAuthError::invalid_client("malformed Basic credentials");
        let raw = base64::engine::general_purpose::STANDARD.decode(b).map_err(|_| bad())?;
        let text = String::from_utf8(raw).map_err(|_| bad())?;
        let (id, secret) = text.split_once(':').ok_or_else(bad)?;
        // RFC 6749 section 2.3.1: both are form-encoded before base64.
        let (id, secret) = (decode(id).ok_or_else(bad)?, decode(secret).ok_or_else(bad)?);
        if p.get("client_id").is_some_and(|c| c != id) {
            return Err(OAuthError::invalid_request(
                "client_id differs from the Basic credentials",
            ));
        }
        return Ok(ClientCredentials::Basic { id, secret });
    }
    let id = p.get("client_id");
    if let Some(secret) = secret {
        let id = id.ok_or_else(|| OAuthError::invalid_request("client_id is missing"))?;
        return Ok(ClientCredentials::Post { id, secret });
    }
    if let Some(assertion) = assertion {
        if p.get("client_assertion_type").as_deref() != Some(ASSERTION_TYPE) {
            return Err(OAuthError::invalid_request("unsupported client_assertion_type"));
        }
        return Ok(ClientCredentials::Assertion { id, assertion });
    }
    match id {
        Some(id) => Ok(ClientCredentials::Public { id }),
        None => Err(OAuthError::invalid_client("client authentication is required")),
    }
}

/// Reads the body and authenticates the client; a refused Basic client is told how to
/// authenticate (RFC 6749 section 5.2).
async fn authenticated(
    state: &AppState,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<(crate::domain::OAuthClient, Params), Response> {
    let (client, p, _) = authenticate(state, headers, body, false).await?;
    Ok((client, p))
}

/// [`authenticated`], and with `for_token` (introspection) the grant that the request's
/// `token` names, read with the client ([`ReadGrant`]).
async fn authenticate(
    state: &AppState,
    headers: &HeaderMap,
    body: &[u8],
    for_token: bool,
) -> Result<(crate::domain::OAuthClient, Params, Option<ReadGrant>), Response> {
    let p = Params::parse(headers, body).map_err(IntoResponse::into_response)?;
    let creds = credentials(headers, &p).map_err(IntoResponse::into_response)?;
    let basic = matches!(creds, ClientCredentials::Basic { .. });
    let token = p.get("token").filter(|_| for_token);
    match state.auth.authenticate_client_for_token(creds, token.as_deref()).await {
        Ok((client, read)) => Ok((client, p, read)),
        Err(e) => {
            let mut res = e.clone().into_response();
            if basic && e.status == 401 {
                res.headers_mut().insert(
                    WWW_AUTHENTICATE,
                    HeaderValue::from_static("Basic realm=\"portcullis\""),
                );
            }
            Err(res)
        }
    }
}

/// The request's `DPoP` header (RFC 9449): `Ok(None)` without one; more than one, or one
/// that is not text, is refused.
fn dpop_header(headers: &HeaderMap) -> Result<Option<String>, OAuthError> {
    let mut all = headers.get_all("dpop").iter();
    let Some(first) = all.next() else { return Ok(None) };
    if all.next().is_some() {
        return Err(OAuthError::new(400, "invalid_dpop_proof", "send one DPoP header"));
    }
    let text = first
        .to_str()
        .map_err(|_| OAuthError::new(400, "invalid_dpop_proof", "the DPoP header is not a JWT"))?;
    Ok(Some(text.to_owned()))
}

/// Adds a fresh `DPoP-Nonce` (RFC 9449 section 8) when the server asks for nonces.
async fn with_dpop_nonce(state: &AppState, mut res: Response) -> Response {
    if let Some(nonce) = state.auth.dpop_nonce().await {
        if let Ok(v) = HeaderValue::from_str(&nonce) {
            res.headers_mut().insert("dpop-nonce", v);
        }
    }
    res
}

/// `POST /oauth2/token`.
async fn token(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let dpop = match dpop_header(&headers) {
        Ok(d) => d,
        Err(e) => return e.into_response(),
    };
    let (client, p) = match authenticated(&state, &headers, &body).await {
        Ok(found) => found,
        Err(res) => return res,
    };
    let params = TokenParams {
        grant_type: p.get("grant_type"),
        code: p.get("code"),
        redirect_uri: p.get("redirect_uri"),
        code_verifier: p.get("code_verifier"),
        refresh_token: p.get("refresh_token"),
        scope: p.get("scope"),
        resource: p.get("resource"),
        dpop,
        device_code: p.get("device_code"),
    };
    let res = match state.auth.token(&client, &params).await {
        Ok(tokens) => fresh_json(tokens),
        Err(e) => e.into_response(),
    };
    with_dpop_nonce(&state, res).await
}

/// `POST /oauth2/par` (RFC 9126): an authenticated client pushes its authorization request
/// and is given a `request_uri` for it (`201`).
async fn par(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let res = push(&state, &headers, &body).await;
    with_dpop_nonce(&state, res).await
}

async fn push(state: &AppState, headers: &HeaderMap, body: &[u8]) -> Response {
    let dpop = match dpop_header(headers) {
        Ok(d) => d,
        Err(e) => return e.into_response(),
    };
    let (client, p) = match authenticated(state, headers, body).await {
        Ok(found) => found,
        Err(res) => return res,
    };
    let mut fields = p.0;
    // Client authentication is not part of the request.
    for k in ["client_secret", "client_assertion", "client_assertion_type"] {
        fields.remove(k);
    }
    let known = serde_json::to_value(AuthorizeParams::default()).unwrap_or_default();
    if let Some(k) = fields.keys().find(|k| known.get(k.as_str()).is_none() || *k == "auth_after") {
        // A parameter we do not know would be lost: say so rather than drop it.
        return OAuthError::invalid_request(format!("parameter {k} is not supported"))
            .into_response();
    }
    let params: AuthorizeParams =
        match serde_json::to_value(&fields).and_then(serde_json::from_value) {
            Ok(p) => p,
            Err(_) => return OAuthError::invalid_request("malformed parameters").into_response(),
        };
    match state.auth.push_authorization_request(&client, params, dpop.as_deref()).await {
        Ok((request_uri, expires_in)) => {
            let body = json!({"request_uri": request_uri, "expires_in": expires_in});
            let mut res = (StatusCode::CREATED, axum::Json(body)).into_response();
            no_store(res.headers_mut());
            res
        }
        Err(e) => e.into_response(),
    }
}

/// `POST /oauth2/introspect` (RFC 7662): for confidential clients.
async fn introspect(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let (client, p, read) = match authenticate(&state, &headers, &body, true).await {
        Ok(found) => found,
        Err(res) => return res,
    };
    if client.is_public() {
        return OAuthError::invalid_client("a public client cannot introspect tokens")
            .into_response();
    }
    let Some(token) = p.get("token") else {
        return OAuthError::invalid_request("token is missing").into_response();
    };
    match state.auth.introspect(&client, &token, read).await {
        Ok(answer) => fresh_json(answer),
        Err(e) => e.into_response(),
    }
}

/// `POST /oauth2/revoke` (RFC 7009): `200` whether or not the token was live.
async fn revoke(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let (client, p) = match authenticated(&state, &headers, &body).await {
        Ok(found) => found,
        Err(res) => return res,
    };
    let Some(token) = p.get("token") else {
        return OAuthError::invalid_request("token is missing").into_response();
    };
    match state.auth.revoke_token(&client, &token).await {
        Ok(()) => fresh_json(json!({})),
        Err(e) => e.into_response(),
    }
}

/// The access token of `Authorization: Bearer` or `Authorization: DPoP` (RFC 9449 section
/// 7.1), with which scheme it came.
fn authorization_token(headers: &HeaderMap) -> Option<(String, bool)> {
    if let Some(t) = super::extract::bearer(headers) {
        return Some((t.to_owned(), false));
    }
    super::extract::dpop_token(headers).map(|t| (t.to_owned(), true))
}

/// `GET /oauth2/userinfo` with an access token.
async fn userinfo(State(state): State<AppState>, headers: HeaderMap) -> Response {
    answer_userinfo(&state, &headers, "GET", authorization_token(&headers)).await
}

/// `POST /oauth2/userinfo`: the token in the header or, as RFC 6750 section 2.2 allows, the
/// body's `access_token`.
async fn userinfo_post(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let from_body = match Params::parse(&headers, &body) {
        Ok(p) => p.get("access_token"),
        Err(e) => return e.into_response(),
    };
    let header = authorization_token(&headers);
    if header.is_some() && from_body.is_some() {
        return OAuthError::invalid_request("the token was sent twice").into_response();
    }
    let token = header.or(from_body.map(|t| (t, false)));
    answer_userinfo(&state, &headers, "POST", token).await
}

async fn answer_userinfo(
    state: &AppState,
    headers: &HeaderMap,
    method: &str,
    token: Option<(String, bool)>,
) -> Response {
    let challenge = |status: StatusCode, value: String| {
        let mut res = status.into_response();
        if let Ok(v) = HeaderValue::from_str(&value) {
            res.headers_mut().insert(WWW_AUTHENTICATE, v);
        }
        no_store(res.headers_mut());
        res
    };
    let Some((token, dpop_scheme)) = token else {
        return challenge(StatusCode::UNAUTHORIZED, "Bearer realm=\"portcullis\"".into());
    };
    // The challenge names the scheme the token came with (RFC 9449 section 7.1).
    let scheme = if dpop_scheme {
        format!(
            "DPoP realm=\"portcullis\", algs=\"{}\"",
            crate::service::dpop::ALGORITHMS.join(" ")
        )
    } else {
        "Bearer realm=\"portcullis\"".to_owned()
    };
    let proof = match dpop_header(headers) {
        Ok(p) => p,
        Err(_) => {
            return challenge(
                StatusCode::UNAUTHORIZED,
                format!("{scheme}, error=\"invalid_dpop_proof\""),
            )
        }
    };
    let presented = Presented { token: &token, dpop_scheme, proof: proof.as_deref(), method };
    match state.auth.userinfo(&presented).await {
        Ok(claims) => fresh_json(claims),
        Err(Ok(BearerError::InvalidToken)) => {
            challenge(StatusCode::UNAUTHORIZED, format!("{scheme}, error=\"invalid_token\""))
        }
        Err(Ok(BearerError::InvalidDpopProof)) => {
            challenge(StatusCode::UNAUTHORIZED, format!("{scheme}, error=\"invalid_dpop_proof\""))
        }
        Err(Ok(BearerError::InsufficientScope)) => challenge(
            StatusCode::FORBIDDEN,
            format!("{scheme}, error=\"insufficient_scope\", scope=\"openid\""),
        ),
        Err(Err(e)) => OAuthError::from(e).into_response(),
    }
}

/// A registration endpoint's refusal: RFC 7591's error body, and for a missing or wrong
/// bearer token RFC 6750's challenge too.
fn registration_refusal(e: OAuthError) -> Response {
    let challenge = e.status == 401;
    let mut res = e.into_response();
    if challenge {
        res.headers_mut().insert(
            WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer realm=\"portcullis\", error=\"invalid_token\""),
        );
    }
    res
}

/// `POST /oauth2/register` (RFC 7591): `201` with the registration, its secret and its
/// registration access token.
async fn register(
    State(state): State<AppState>,
    Client(client): Client,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let bearer = super::extract::bearer(&headers);
    match state.auth.register_client(&body, bearer, &client).await {
        Ok(Some(registration)) => {
            let mut res = (StatusCode::CREATED, axum::Json(registration)).into_response();
            no_store(res.headers_mut());
            res
        }
        Ok(None) => OAuthError::new(
            404,
            "invalid_request",
            "dynamic client registration is not enabled on this server",
        )
        .into_response(),
        Err(e) => registration_refusal(e),
    }
}

/// `GET /oauth2/register/{client_id}` (RFC 7592), with the registration access token.
async fn read_registration(
    State(state): State<AppState>,
    Path(client_id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let bearer = super::extract::bearer(&headers);
    match state.auth.read_registration(&client_id, bearer).await {
        Ok(registration) => fresh_json(registration),
        Err(e) => registration_refusal(e),
    }
}

/// `PUT /oauth2/register/{client_id}` (RFC 7592): the body replaces the registration.
async fn replace_registration(
    State(state): State<AppState>,
    Path(client_id): Path<String>,
    Client(client): Client,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let bearer = super::extract::bearer(&headers);
    match state.auth.replace_registration(&client_id, bearer, &body, &client).await {
        Ok(registration) => fresh_json(registration),
        Err(e) => registration_refusal(e),
    }
}

/// `DELETE /oauth2/register/{client_id}` (RFC 7592): `204`, the client gone.
async fn delete_registration(
    State(state): State<AppState>,
    Path(client_id): Path<String>,
    Client(client): Client,
    headers: HeaderMap,
) -> Response {
    let bearer = super::extract::bearer(&headers);
    match state.auth.delete_registration(&client_id, bearer, &client).await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => registration_refusal(e),
    }
}

/// `POST /oauth2/device_authorization` (RFC 8628 section 3.1): the client authenticates as at
/// the token endpoint (a public client by its `client_id` alone).
async fn device_authorization(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let (client, p) = match authenticated(&state, &headers, &body).await {
        Ok(found) => found,
        Err(res) => return res,
    };
    match state.auth.device_authorization(&client, p.get("scope").as_deref()).await {
        Ok(answer) => fresh_json(answer),
        Err(e) => e.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(body: &str) -> Result<Params, OAuthError> {
        let mut h = HeaderMap::new();
        h.insert(CONTENT_TYPE, HeaderValue::from_static("application/x-www-form-urlencoded"));
        Params::parse(&h, body.as_bytes())
    }

    #[test]
    fn a_parameter_given_twice_is_refused() {
        assert!(form("grant_type=a&grant_type=b").is_err());
        assert_eq!(form("a=1&b=").unwrap().get("b"), None);
    }

    #[test]
    fn basic_credentials_are_form_decoded_and_one_method_only() {
        let mut h = HeaderMap::new();
        let raw = base64::engine::general_purpose::STANDARD.encode("my%20app:s%3Acret+x");
        h.insert(AUTHORIZATION, HeaderValue::from_str(&format!("Basic {raw}")).unwrap());
        match credentials(&h, &form("").unwrap()).unwrap() {
            ClientCredentials::Basic { id, secret } => {
                assert_eq!(id, "my app");
                assert_eq!(secret, "s:cret x");
            }
            other => panic!("{other:?}"),
        }
        assert!(credentials(&h, &form("client_secret=x&client_id=my+app").unwrap()).is_err());
        assert!(credentials(&HeaderMap::new(), &form("").unwrap()).is_err());
    }
}
