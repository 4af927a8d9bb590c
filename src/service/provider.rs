//! The OpenID Connect provider's flows (docs/provider.md): the authorization request and its
//! decision (log in, consent, or a code), the token endpoint's grants, client authentication,
//! userinfo, introspection (RFC 7662), revocation (RFC 7009) and RP-initiated logout. The
//! HTTP layer only reads requests and shapes answers; every rule is here.
//!
//! Tokens: the authorization code and refresh tokens are opaque (stored as SHA-256); access
//! tokens are JWTs (RFC 9068, `typ: at+jwt`, EdDSA) naming their grant (`gid`), so every use
//! checks that the grant, its user and (without `offline_access`) its session are still live;
//! ID tokens are signed with the client's algorithm (RS256 by default).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::audit::Event;
use super::{Auth, Authenticated, ClientInfo};
use crate::auth::idkeys::{self, IdKeys, IdTokenError};
use crate::auth::{hash_token, OpaqueToken};
use crate::clock::now_ms;
use crate::domain::client::{redirect_uri_matches, resource_matches, resource_ok, scope_list};
use crate::domain::{Amr, AuditEvent, AuthMethod, OAuthClient, User};
use crate::error::{AppError, ErrorCode};
use crate::store::{CodeOutcome, LiveGrant, NewGrant, ProviderRefresh, RefreshWithCode};

/// Authorization codes live this long (the issue's 60 seconds; RFC 6749 advises at most 10
/// minutes).
pub const CODE_TTL_MS: i64 = 60_000;
/// How long a client's JWKS (`private_key_jwt`) is reused before it is fetched again.
const CLIENT_JWKS_TTL_MS: i64 = 300_000;

/// A client's keys are fetched again for an unknown key id at most this often.
const CLIENT_JWKS_REFETCH_MS: i64 = 60_000;

/// The largest JWKS a client's `jwks_uri` may answer.
const MAX_CLIENT_JWKS: usize = 256 * 1024;
/// The longest `state`, `nonce` and `login_hint` accepted.
const MAX_PARAM: usize = 2048;

/// The longest a client assertion (`private_key_jwt`) may be valid for, in seconds.
const MAX_ASSERTION_LIFETIME: i64 = 3600;

/// The longest `nonce` (it is stored with the code: `VARCHAR(512)` on MySQL).
const MAX_NONCE: usize = 512;
const OFFLINE: &str = "offline_access";
/// The scope whose tokens carry the organisation the person acts for (docs/organizations.md).
const ORGANIZATION: &str = "organization";

/// The prefix of a pushed request's `request_uri` (RFC 9126 section 2.2).
pub const PAR_URN: &str = "urn:ietf:params:oauth:request_uri:";
/// A pushed request is good this long, in seconds (it is carried through the login, so it
/// allows for a second factor or an emailed link; it ends when a code is issued for it).
pub const PAR_TTL: i64 = 600;

/// An error of the token, introspection and revocation endpoints, as RFC 6749 section 5.2
/// shapes it: `{"error", "error_description"}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthError {
    pub status: u16,
    pub error: &'static str,
    pub description: String,
}

impl OAuthError {
    pub(crate) fn new(status: u16, error: &'static str, description: impl Into<String>) -> Self {
        Self { status, error, description: description.into() }
    }
    pub fn invalid_request(d: impl Into<String>) -> Self {
        Self::new(400, "invalid_request", d)
    }
    pub fn invalid_client(d: impl Into<String>) -> Self {
        Self::new(401, "invalid_client", d)
    }
    pub fn invalid_grant(d: impl Into<String>) -> Self {
        Self::new(400, "invalid_grant", d)
    }
    fn unauthorized_client(d: impl Into<String>) -> Self {
        Self::new(400, "unauthorized_client", d)
    }
    fn invalid_scope(d: impl Into<String>) -> Self {
        Self::new(400, "invalid_scope", d)
    }
    fn invalid_target(d: impl Into<String>) -> Self {
        Self::new(400, "invalid_target", d)
    }
}

impl From<AppError> for OAuthError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::Unavailable { .. } | AppError::Overloaded { .. } => {
                Self::new(503, "temporarily_unavailable", "try again shortly")
            }
            AppError::RateLimited { .. } => Self::new(429, "slow_down", "too many requests"),
            AppError::BadRequest { message, .. } => Self::invalid_request(message.to_string()),
            AppError::MissingField { field } => {
                Self::invalid_request(format!("missing parameter: {field}"))
            }
            other => {
                tracing::error!(error = %other, "provider request failed");
                Self::new(500, "server_error", "the server could not answer")
            }
        }
    }
}

impl From<crate::store::StoreError> for OAuthError {
    fn from(e: crate::store::StoreError) -> Self {
        AppError::from(e).into()
    }
}

impl From<anyhow::Error> for OAuthError {
    fn from(e: anyhow::Error) -> Self {
        AppError::from(e).into()
    }
}

/// How a client presented itself at an endpoint that authenticates clients.
pub enum ClientCredentials {
    /// `Authorization: Basic` (already form-decoded).
    Basic { id: String, secret: String },
    /// `client_id` and `client_secret` in the body.
    Post { id: String, secret: String },
    /// `client_assertion` (RFC 7523), with the `client_id` of the body if any.
    Assertion { id: Option<String>, assertion: String },
    /// `client_id` alone: a public client.
    Public { id: String },
}

impl std::fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ClientCredentials([redacted])")
    }
}

/// The parameters of an authorization request, as sent.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
pub struct AuthorizeParams {
    pub client_id: Option<String>,
    pub redirect_uri: Option<String>,
    pub response_type: Option<String>,
    pub response_mode: Option<String>,
    pub scope: Option<String>,
    pub state: Option<String>,
    pub nonce: Option<String>,
    pub code_challenge: Option<String>,
    pub code_challenge_method: Option<String>,
    pub prompt: Option<String>,
    pub max_age: Option<String>,
    pub login_hint: Option<String>,
    pub ui_locales: Option<String>,
    pub request: Option<String>,
    pub request_uri: Option<String>,
    /// RFC 8707: the resource the access token is for (its `aud`).
    pub resource: Option<String>,
    /// RFC 9449 section 10: the code is bound to this DPoP key.
    pub dpop_jkt: Option<String>,
    /// Ours: the person must have authenticated at or after this time (Unix seconds). Set
    /// when the request is sent to the login page for `prompt=login` or `max_age`, so the
    /// request that comes back after the login is satisfied by it, not sent there again.
    pub auth_after: Option<String>,
}

/// What `prompt` asks.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Prompt {
    pub none: bool,
    pub login: bool,
    pub consent: bool,
}

/// A checked authorization request.
#[derive(Debug, Clone)]
pub struct AuthorizeRequest {
    pub client: OAuthClient,
    pub redirect_uri: String,
    pub scopes: Vec<String>,
    pub state: Option<String>,
    pub nonce: Option<String>,
    pub code_challenge: Option<String>,
    pub prompt: Prompt,
    pub max_age: Option<i64>,
    pub login_hint: Option<String>,
    pub auth_after: Option<i64>,
    /// RFC 8707: the resource the access tokens are for.
    pub resource: Option<String>,
    /// RFC 9449 section 10: the DPoP key the code must be redeemed with.
    pub dpop_jkt: Option<String>,
    /// The pushed request (RFC 9126) this came from: the hash of its `request_uri`.
    pub pushed: Option<String>,
}

/// Why an authorization request is not answered with a code.
#[derive(Debug)]
pub enum Refusal {
    /// No client or redirect URI to send an answer to: an error page, never a redirect.
    Page(AppError),
    /// An error sent back to the client's redirect URI (this URL).
    Redirect(String),
}

/// The `typ` of a sealed `auth_after` (see `Auth::seal_auth_after`).
const AUTH_AFTER: &str = "portcullis-auth-after+jwt";

/// A sealed `auth_after` is good this long (seconds): a login started then must end by then.
const AUTH_AFTER_TTL: i64 = 3600;

#[derive(serde::Serialize, serde::Deserialize)]
struct AuthAfter {
    iss: String,
    /// The client the request is for.
    sub: String,
    /// The time (Unix seconds) a login must be newer than.
    t: i64,
    exp: i64,
}

/// What an authorization request needs next.
#[derive(Debug)]
pub enum AuthorizeStep {
    /// The person must log in (again: `auth_after` is then, sealed: see [`AUTH_AFTER`]).
    Login { auth_after: Option<String> },
    /// The person must be asked.
    Consent,
    /// Done: send the browser here (the code, or an error).
    Redirect(String),
}

/// An answer of the token endpoint (RFC 6749 section 5.1). Its `Debug` shows no token.
#[derive(Serialize)]
pub struct TokenResponse {
    pub access_token: String,
    /// `Bearer`, or `DPoP` for a token bound to a key.
    pub token_type: &'static str,
    pub expires_in: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id_token: Option<String>,
    /// Omitted when the grant has no scope (an empty `scope` is not RFC 6749 section 3.3's
    /// syntax): an MCP client may ask for none.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub scope: String,
}

/// The parameters of a token request. Its `Debug` shows no code, verifier or token.
#[derive(Default, Deserialize)]
pub struct TokenParams {
    pub grant_type: Option<String>,
    pub code: Option<String>,
    pub redirect_uri: Option<String>,
    pub code_verifier: Option<String>,
    pub refresh_token: Option<String>,
    pub scope: Option<String>,
    /// The device flow's (RFC 8628).
    pub device_code: Option<String>,
    /// RFC 8707.
    pub resource: Option<String>,
    /// The request's `DPoP` header (RFC 9449), if it had one.
    pub dpop: Option<String>,
}

/// An access token's confirmation claim (RFC 7800): the DPoP key it is bound to.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Confirmation {
    pub jkt: String,
}

/// The claims of an access token issued to a client (RFC 9068).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClientAccessClaims {
    pub iss: String,
    pub sub: String,
    pub aud: String,
    pub client_id: String,
    #[serde(default)]
    pub scope: String,
    pub iat: i64,
    pub exp: i64,
    pub jti: String,
    /// The grant it was issued under; none for client credentials.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_time: Option<i64>,
    /// Bound to a DPoP key (RFC 9449 section 6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cnf: Option<Confirmation>,
    /// With the `organization` scope, the organisation the session acts for.
    #[serde(flatten)]
    pub org: Option<super::OrgClaims>,
}

/// An access token as a request presented it.
pub struct Presented<'a> {
    pub token: &'a str,
    /// `Authorization: DPoP` rather than `Bearer`.
    pub dpop_scheme: bool,
    /// The request's `DPoP` header.
    pub proof: Option<&'a str>,
    /// The request's method.
    pub method: &'a str,
}

/// A refused bearer token at userinfo (RFC 6750 section 3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BearerError {
    /// `401`, `error="invalid_token"`.
    InvalidToken,
    /// `401`, `DPoP error="invalid_dpop_proof"` (RFC 9449 section 7.1).
    InvalidDpopProof,
    /// `403`, `error="insufficient_scope"`.
    InsufficientScope,
}

/// A checked logout request (RP-Initiated Logout 1.0).
#[derive(Debug, Default)]
pub struct LogoutRequest {
    /// Where to send the browser afterwards (registered, with `state`), if anywhere.
    pub redirect: Option<String>,
    /// The client's name, for the confirmation page.
    pub client_name: Option<String>,
    /// The `sid` and `sub` of a valid `id_token_hint`.
    pub hint: Option<(String, String)>,
}

/// The parameters of a logout request. Its `Debug` shows no ID token.
#[derive(Default, Clone, Deserialize, Serialize)]
pub struct LogoutParams {
    pub id_token_hint: Option<String>,
    pub post_logout_redirect_uri: Option<String>,
    pub state: Option<String>,
    pub client_id: Option<String>,
    pub logout_hint: Option<String>,
    pub ui_locales: Option<String>,
}

impl std::fmt::Debug for TokenResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenResponse")
            .field("expires_in", &self.expires_in)
            .field("refresh_token", &self.refresh_token.is_some())
            .field("id_token", &self.id_token.is_some())
            .field("scope", &self.scope)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for TokenParams {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenParams")
            .field("grant_type", &self.grant_type)
            .field("redirect_uri", &self.redirect_uri)
            .field("scope", &self.scope)
            .field("resource", &self.resource)
            .field("dpop", &self.dpop.is_some())
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for LogoutParams {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LogoutParams")
            .field("post_logout_redirect_uri", &self.post_logout_redirect_uri)
            .field("client_id", &self.client_id)
            .finish_non_exhaustive()
    }
}

/// What a grant's access token is bound to: its audience (RFC 8707) and key (RFC 9449).
#[derive(Clone, Copy, Default)]
pub(super) struct Bound<'a> {
    pub(super) resource: Option<&'a str>,
    pub(super) jkt: Option<&'a str>,
}

fn token_type(jkt: Option<&str>) -> &'static str {
    if jkt.is_some() {
        "DPoP"
    } else {
        "Bearer"
    }
}

/// A refused DPoP proof as the token endpoint answers it (RFC 9449 sections 5 and 8).
fn dpop_refusal(e: super::dpop::DpopError) -> OAuthError {
    match e {
        super::dpop::DpopError::Invalid(why) => OAuthError::new(400, "invalid_dpop_proof", why),
        super::dpop::DpopError::UseNonce => OAuthError::new(
            400,
            "use_dpop_nonce",
            "the DPoP proof must carry the nonce sent in the DPoP-Nonce header",
        ),
    }
}

/// The `sid` clients see for a Portcullis session: derived from its id, not the id itself.
pub fn sid_for(session_id: &str) -> String {
    let digest = ring::digest::digest(
        &ring::digest::SHA256,
        format!("portcullis-sid:{session_id}").as_bytes(),
    );
    URL_SAFE_NO_PAD.encode(&digest.as_ref()[..18])
}

fn has(scopes: &[String], s: &str) -> bool {
    scopes.iter().any(|x| x == s)
}

fn secs(ms: i64) -> i64 {
    ms / 1000
}

/// `uri` with `params` added to its query.
fn with_query(uri: &str, params: &[(&str, Option<&str>)]) -> String {
    let Ok(mut url) = url::Url::parse(uri) else { return uri.to_owned() };
    {
        let mut q = url.query_pairs_mut();
        for (k, v) in params {
            if let Some(v) = v {
                q.append_pair(k, v);
            }
        }
    }
    url.into()
}

/// An authorization error redirect as the error a pushed request answers (RFC 9126 section
/// 2.3: the authorization endpoint's errors, in the token endpoint's shape).
fn redirect_as_error(url: &str) -> OAuthError {
    const KNOWN: &[&str] = &[
        "invalid_request",
        "invalid_scope",
        "invalid_target",
        "unauthorized_client",
        "unsupported_response_type",
        "request_not_supported",
        "invalid_request_uri",
    ];
    let pairs: HashMap<String, String> =
        url::Url::parse(url).map(|u| u.query_pairs().into_owned().collect()).unwrap_or_default();
    let error = pairs.get("error").map(String::as_str).unwrap_or("invalid_request");
    let error = KNOWN.iter().find(|k| **k == error).copied().unwrap_or("invalid_request");
    let description = pairs.get("error_description").cloned().unwrap_or_default();
    OAuthError::new(400, error, description)
}

fn page_error(message: &'static str) -> Refusal {
    Refusal::Page(AppError::bad_request(ErrorCode::InvalidAuthorizationRequest, message))
}

/// The `code_challenge` syntax of RFC 7636 (for S256 it is always 43 characters).
fn pkce_syntax(s: &str) -> bool {
    (43..=128).contains(&s.len())
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b))
}

/// The payload of a JWS, unverified: only to learn whose keys to check it with.
fn unverified_claims(jwt: &str) -> Option<Value> {
    let payload = jwt.split('.').nth(1)?;
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()
}

/// A grant read with its client by [`Auth::authenticate_client_for_token`]: `grant` is `None`
/// when grant `grant_id` was not live (or does not exist) at that read.
#[derive(Debug)]
pub struct ReadGrant {
    grant_id: String,
    grant: Option<LiveGrant>,
}

/// Constant-time equality of two strings.
pub(super) fn same(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

/// The scope claims of OpenID Connect Core section 5.4 for `scopes`.
fn scope_claims(user: &User, scopes: &[String], out: &mut Map<String, Value>) {
    if has(scopes, "email") {
        out.insert("email".into(), user.email.clone().into());
        out.insert("email_verified".into(), user.email_verified.into());
    }
    if has(scopes, "profile") {
        let name = user.username.clone().unwrap_or_else(|| user.email.clone());
        out.insert("preferred_username".into(), name.clone().into());
        out.insert("name".into(), name.into());
        out.insert("updated_at".into(), secs(user.updated_at).into());
    }
}

/// The organisation claims, when there are any, into `out`.
fn org_claims(org: Option<&super::OrgClaims>, out: &mut Map<String, Value>) {
    if let Some(o) = org {
        out.insert("org_id".into(), o.org_id.clone().into());
        out.insert("org_slug".into(), o.org_slug.clone().into());
        out.insert("org_role".into(), o.org_role.clone().into());
        out.insert("org_permissions".into(), o.org_permissions.clone().into());
    }
}

/// Caches the key sets of `private_key_jwt` clients.
#[derive(Default)]
pub struct ClientKeys {
    by_uri: Mutex<HashMap<String, (i64, Arc<jsonwebtoken::jwk::JwkSet>)>>,
}

impl std::fmt::Debug for ClientKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientKeys").finish_non_exhaustive()
    }
}

impl Auth {
    /// The provider's keys, made on first use (a deployment that never uses the provider
    /// never makes RSA keys) and sealed like the access-token keys.
    pub async fn id_keys(&self) -> crate::error::Result<&IdKeys> {
        let keys = self
            .id_keys
            .get_or_try_init(|| async {
                let mut records = self.provider_key_records().await?;
                let mut made = false;
                for alg in idkeys::ALGORITHMS {
                    if !records.iter().any(|(a, _)| a == alg) {
                        let key = idkeys::generate(alg, now_ms())?;
                        let stored = super::seal_key(self.cipher.as_ref(), &key)?;
                        self.store.insert_signing_key_for(alg, &stored).await?;
                        made = true;
                    }
                }
                if made {
                    records = self.provider_key_records().await?;
                }
                Ok::<_, AppError>(IdKeys::new(&records)?)
            })
            .await?;
        Ok(keys)
    }

    async fn provider_key_records(
        &self,
    ) -> crate::error::Result<Vec<(String, crate::domain::SigningKeyRecord)>> {
        let rows = self.store.all_signing_keys().await?;
        let (algs, keys): (Vec<String>, Vec<_>) = rows.into_iter().unzip();
        let keys = super::open_keys(self.cipher.as_ref(), keys)?;
        Ok(algs.into_iter().zip(keys).collect())
    }

    /// Reloads the provider's keys if they were loaded (after a rotation here or elsewhere).
    pub async fn reload_id_keys(&self) -> crate::error::Result<()> {
        if let Some(keys) = self.id_keys.get() {
            let records = self.provider_key_records().await?;
            keys.replace(&records)?;
        }
        Ok(())
    }

    /// The provider's issuer: the public URL.
    pub fn issuer(&self) -> &str {
        &self.settings.public_url
    }

    fn endpoint(&self, path: &str) -> String {
        format!("{}{path}", self.settings.public_url)
    }

    /// The discovery document (OpenID Connect Discovery 1.0 and RFC 8414).
    pub fn discovery(&self) -> Value {
        let e = |p: &str| self.endpoint(p);
        let mut doc = json!({
            "issuer": self.issuer(),
            "authorization_endpoint": e("/oauth2/authorize"),
            "token_endpoint": e("/oauth2/token"),
            "userinfo_endpoint": e("/oauth2/userinfo"),
            "jwks_uri": e("/oauth2/jwks"),
            "introspection_endpoint": e("/oauth2/introspect"),
            "revocation_endpoint": e("/oauth2/revoke"),
            "end_session_endpoint": e("/oauth2/logout"),
            "device_authorization_endpoint": e("/oauth2/device_authorization"),
            "scopes_supported": crate::domain::client::KNOWN_SCOPES,
            "response_types_supported": ["code"],
            "response_modes_supported": ["query"],
            "grant_types_supported": crate::domain::client::GRANT_TYPES,
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": idkeys::ALGORITHMS,
            "token_endpoint_auth_methods_supported":
                ["client_secret_basic", "client_secret_post", "private_key_jwt", "none"],
            "token_endpoint_auth_signing_alg_values_supported":
                ["RS256", "PS256", "ES256", "EdDSA"],
            "introspection_endpoint_auth_methods_supported":
                ["client_secret_basic", "client_secret_post", "private_key_jwt"],
            "revocation_endpoint_auth_methods_supported":
                ["client_secret_basic", "client_secret_post", "private_key_jwt", "none"],
            "code_challenge_methods_supported": ["S256"],
            "claims_supported": [
                "sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "amr", "acr", "sid",
                "at_hash", "email", "email_verified", "preferred_username", "name", "updated_at",
                "org_id", "org_slug", "org_role", "org_permissions"
            ],
            "prompt_values_supported": ["none", "login", "consent"],
            "authorization_response_iss_parameter_supported": true,
            "backchannel_logout_supported": true,
            "backchannel_logout_session_supported": true,
            "frontchannel_logout_supported": false,
            "request_parameter_supported": false,
            "request_uri_parameter_supported": false,
            "claims_parameter_supported": false,
        });
        if self.settings.dynamic_registration != crate::config::DynamicRegistration::Off {
            doc["registration_endpoint"] = e("/oauth2/register").into();
        }
        doc["pushed_authorization_request_endpoint"] = e("/oauth2/par").into();
        doc["require_pushed_authorization_requests"] = self.settings.require_par.into();
        doc["dpop_signing_alg_values_supported"] = super::dpop::ALGORITHMS.into();
        if self.settings.client_metadata.enabled {
            doc["client_id_metadata_document_supported"] = true.into();
        }
        doc
    }

    // ---- client authentication ----

    /// Authenticates a client as it registered to (one method, RFC 6749 section 2.3).
    pub async fn authenticate_client(
        &self,
        creds: ClientCredentials,
    ) -> Result<OAuthClient, OAuthError> {
        Ok(self.authenticate_client_reading(creds, None).await?.0)
    }

    /// [`Auth::authenticate_client`] for a request about `token` (introspection): the live
    /// grant an access token names (`gid`, read unverified only to know which row to read) is
    /// read in the same statement as the client ([`crate::store::Store::client_with_grant`]),
    /// for [`Auth::introspect`] to use once the token is verified.
    pub async fn authenticate_client_for_token(
        &self,
        creds: ClientCredentials,
        token: Option<&str>,
    ) -> Result<(OAuthClient, Option<ReadGrant>), OAuthError> {
        let gid = token.and_then(unverified_claims).and_then(|c| match c.get("gid") {
            Some(Value::String(g)) => Some(g.clone()),
            _ => None,
        });
        self.authenticate_client_reading(creds, gid).await
    }

    async fn authenticate_client_reading(
        &self,
        creds: ClientCredentials,
        grant_id: Option<String>,
    ) -> Result<(OAuthClient, Option<ReadGrant>), OAuthError> {
        let unknown = || OAuthError::invalid_client("client authentication failed");
        let (id, method) = match &creds {
            ClientCredentials::Basic { id, .. } => (id.clone(), AuthMethod::ClientSecretBasic),
            ClientCredentials::Post { id, .. } => (id.clone(), AuthMethod::ClientSecretPost),
            ClientCredentials::Public { id } => (id.clone(), AuthMethod::None),
            ClientCredentials::Assertion { id, assertion } => {
                // Only to find the client whose keys will check it.
                let claimed = unverified_claims(assertion)
                    .and_then(|c| c.get("sub").and_then(Value::as_str).map(str::to_owned));
                let id = match (id, claimed) {
                    (Some(id), Some(sub)) if *id != sub => return Err(unknown()),
                    (Some(id), _) => id.clone(),
                    (None, Some(sub)) => sub,
                    (None, None) => return Err(unknown()),
                };
                (id, AuthMethod::PrivateKeyJwt)
            }
        };
        let (stored, read) = match grant_id.filter(|_| !super::metadata_document::is_url(&id)) {
            Some(grant_id) => match self.store.client_with_grant(&id, &grant_id, now_ms()).await? {
                Some((client, grant)) => (Some(client), Some(ReadGrant { grant_id, grant })),
                None => (None, None),
            },
            None => (self.find_client(&id).await.map_err(OAuthError::for_client)?, None),
        };
        let stored = stored.ok_or_else(unknown)?;
        // A client with a secret may present it either way, in the header or in the body:
        // both carry the same secret, and libraries differ in their default (openid-client
        // posts it, most others use Basic). Keys and public clients use their method only.
        let secret_either_way = stored.client.auth_method.uses_secret() && method.uses_secret();
        if stored.client.auth_method != method && !secret_either_way {
            return Err(unknown());
        }
        match creds {
            ClientCredentials::Basic { secret, .. } | ClientCredentials::Post { secret, .. } => {
                let ok =
                    stored.secret_hash.as_deref().is_some_and(|h| same(h, &hash_token(&secret)));
                if !ok {
                    return Err(unknown());
                }
            }
            ClientCredentials::Assertion { assertion, .. } => {
                self.check_client_assertion(&stored.client, &assertion).await.map_err(|why| {
                    tracing::info!(client_id = %stored.client.client_id, %why, "client assertion refused");
                    unknown()
                })?;
            }
            ClientCredentials::Public { .. } => {}
        }
        Ok((stored.client, read))
    }

    /// RFC 7523 section 3 for `private_key_jwt`: signed by a key of the client's JWKS, `iss`
    /// and `sub` the client, `aud` the token endpoint or the issuer, unexpired, and its `jti`
    /// never seen before (kept until it expires, on every node through the database).
    async fn check_client_assertion(&self, client: &OAuthClient, jwt: &str) -> Result<(), String> {
        use jsonwebtoken::{Algorithm, DecodingKey, Validation};
        let header = jsonwebtoken::decode_header(jwt).map_err(|e| e.to_string())?;
        if !matches!(
            header.alg,
            Algorithm::RS256 | Algorithm::PS256 | Algorithm::ES256 | Algorithm::EdDSA
        ) {
            return Err(format!("algorithm {:?} not allowed", header.alg));
        }
        let uri = client.jwks_uri.as_deref().ok_or("no jwks_uri")?;
        let set = self.client_jwks(uri, false).await?;
        let pick = |set: &jsonwebtoken::jwk::JwkSet| {
            set.keys
                .iter()
                .filter(|k| header.kid.is_none() || k.common.key_id == header.kid)
                .filter_map(|k| DecodingKey::from_jwk(k).ok())
                .collect::<Vec<_>>()
        };
        let mut keys = pick(&set);
        if keys.is_empty() {
            // Perhaps the client rotated its keys: look again, once.
            keys = pick(&*self.client_jwks(uri, true).await?);
        }
        let mut v = Validation::new(header.alg);
        v.leeway = 5;
        v.set_issuer(&[&client.client_id]);
        v.sub = Some(client.client_id.clone());
        let token_endpoint = self.endpoint("/oauth2/token");
        v.set_audience(&[token_endpoint.as_str(), self.issuer()]);
        v.set_required_spec_claims(&["exp", "iss", "sub", "aud"]);
        let claims = keys
            .iter()
            .find_map(|k| jsonwebtoken::decode::<Value>(jwt, k, &v).ok())
            .ok_or("no key of the client verifies it")?
            .claims;
        // One audience (RFC 7523bis): an assertion made for several servers is refused.
        if claims.get("aud").and_then(Value::as_array).is_some_and(|a| a.len() != 1) {
            return Err("aud must name this server only".into());
        }
        let jti = claims.get("jti").and_then(Value::as_str).ok_or("no jti")?;
        let now = secs(now_ms());
        // The replay record lives until the assertion expires, so an unbounded `exp` would
        // keep it for ever (or, past i64, for no time at all).
        let exp = claims.get("exp").and_then(Value::as_i64).ok_or("exp is not a time")?;
        if exp - now > MAX_ASSERTION_LIFETIME {
            return Err("exp is too far ahead".into());
        }
        // One 64-character digest, so the key fits the revoked-jti column on every database.
        let key = hash_token(&format!("assertion:{}:{jti}", client.client_id));
        let spent = self.store.spend_jti_once(&key, (exp + 60) * 1000, now_ms());
        if !spent.await.map_err(|e| e.to_string())? {
            return Err("jti replayed".into());
        }
        Ok(())
    }

    async fn client_jwks(
        &self,
        uri: &str,
        fresh: bool,
    ) -> Result<Arc<jsonwebtoken::jwk::JwkSet>, String> {
        let now = now_ms();
        let cached =
            self.client_keys.by_uri.lock().unwrap_or_else(|e| e.into_inner()).get(uri).cloned();
        if let Some((at, set)) = cached {
            // A forced look (an unknown key id) at most once a minute: assertions with made-up
            // key ids must not make this server fetch the client's keys on every request.
            let ttl = if fresh { CLIENT_JWKS_REFETCH_MS } else { CLIENT_JWKS_TTL_MS };
            if now - at < ttl {
                return Ok(set);
            }
        }
        let http = openidconnect::reqwest::ClientBuilder::new()
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(5))
            .user_agent(crate::PRODUCT)
            .build()
            .map_err(|e| e.to_string())?;
        let res = http.get(uri).send().await.map_err(|e| e.without_url().to_string())?;
        if !res.status().is_success() {
            return Err(format!("jwks_uri answered {}", res.status()));
        }
        // Read at most MAX_CLIENT_JWKS bytes: a larger answer is refused as it arrives.
        let too_much = || "jwks_uri answered too much".to_owned();
        if res.content_length().is_some_and(|n| n > MAX_CLIENT_JWKS as u64) {
            return Err(too_much());
        }
        let mut res = res;
        let mut bytes = Vec::new();
        while let Some(chunk) = res.chunk().await.map_err(|e| e.without_url().to_string())? {
            if bytes.len() + chunk.len() > MAX_CLIENT_JWKS {
                return Err(too_much());
            }
            bytes.extend_from_slice(&chunk);
        }
        let set: jsonwebtoken::jwk::JwkSet =
            serde_json::from_slice(&bytes).map_err(|e| format!("not a JWKS: {e}"))?;
        let set = Arc::new(set);
        let mut cache = self.client_keys.by_uri.lock().unwrap_or_else(|e| e.into_inner());
        if cache.len() > 1000 {
            cache.clear();
        }
        cache.insert(uri.to_owned(), (now, set.clone()));
        Ok(set)
    }

    // ---- the authorization request ----

    /// Checks an authorization request. Until the client and its redirect URI are known to
    /// be right, errors are a page; after, they go back to the client. A `request_uri` of a
    /// pushed request (RFC 9126) stands for the request the client pushed: the browser carries
    /// only it and the `client_id`.
    pub async fn authorization_request(
        &self,
        p: &AuthorizeParams,
    ) -> Result<AuthorizeRequest, Refusal> {
        let Some(uri) = p.request_uri.as_deref().filter(|u| !u.is_empty()) else {
            return self.check_authorization_request(p, None).await;
        };
        let Some(client_id) = p.client_id.as_deref().filter(|s| !s.is_empty()) else {
            return Err(page_error("The request names no client (client_id is missing)."));
        };
        let gone = || {
            page_error(
                "The application's pushed authorization request is unknown or has expired; \
                 go back to the application and start again.",
            )
        };
        let Some(secret) = uri.strip_prefix(PAR_URN) else { return Err(gone()) };
        let hash = hash_token(secret);
        let stored = self.store.pushed_request(&hash, client_id, now_ms()).await;
        let stored = stored.map_err(|e| Refusal::Page(e.into()))?.ok_or_else(gone)?;
        let mut pushed: AuthorizeParams = serde_json::from_str(&stored).map_err(|_| gone())?;
        pushed.auth_after = p.auth_after.clone();
        self.check_authorization_request(&pushed, Some(hash)).await
    }

    /// Pushes an authorization request (RFC 9126) of an authenticated client: checked now as
    /// the authorization endpoint would, kept for [`PAR_TTL`]. A DPoP proof sent with it binds
    /// its code to the proof's key (RFC 9449 section 10.1). `Ok`: `(request_uri, expires_in)`.
    pub async fn push_authorization_request(
        &self,
        client: &OAuthClient,
        mut p: AuthorizeParams,
        dpop: Option<&str>,
    ) -> Result<(String, i64), OAuthError> {
        if let Some(proof) = dpop {
            let endpoint = self.endpoint("/oauth2/par");
            let want = super::dpop::Expected {
                htm: "POST",
                htu: &endpoint,
                access_token: None,
                nonce: self.settings.dpop_nonce,
            };
            let jkt = self.check_dpop(proof, &want).await.map_err(dpop_refusal)?;
            if p.dpop_jkt.as_ref().is_some_and(|j| *j != jkt) {
                return Err(OAuthError::new(
                    400,
                    "invalid_dpop_proof",
                    "dpop_jkt is not the thumbprint of the proof's key",
                ));
            }
            p.dpop_jkt = Some(jkt);
        }
        if p.client_id.as_ref().is_some_and(|c| *c != client.client_id) {
            return Err(OAuthError::invalid_request("client_id is not the authenticated client"));
        }
        if p.request_uri.is_some() {
            return Err(OAuthError::invalid_request("request_uri cannot be pushed"));
        }
        p.client_id = Some(client.client_id.clone());
        p.auth_after = None;
        match self.check_authorization_request(&p, Some(String::new())).await {
            Ok(_) => {}
            Err(Refusal::Page(e)) => return Err(e.into()),
            Err(Refusal::Redirect(url)) => return Err(redirect_as_error(&url)),
        }
        let secret = OpaqueToken::generate();
        let now = now_ms();
        let params = serde_json::to_string(&p).map_err(anyhow::Error::from)?;
        let expires = now + PAR_TTL * 1000;
        self.store.push_request(&secret.hash, &client.client_id, &params, now, expires).await?;
        Ok((format!("{PAR_URN}{}", secret.plain), PAR_TTL))
    }

    /// Whether `client` may ask for a token for `resource` (RFC 8707): one the configuration
    /// allows every client, or this one.
    pub fn resource_allowed(&self, client: &OAuthClient, resource: &str) -> bool {
        resource_ok(resource).is_ok()
            && self
                .settings
                .resources
                .iter()
                .chain(&client.resources)
                .any(|p| resource_matches(p, resource))
    }

    async fn check_authorization_request(
        &self,
        p: &AuthorizeParams,
        pushed: Option<String>,
    ) -> Result<AuthorizeRequest, Refusal> {
        let client_id = p.client_id.as_deref().filter(|s| !s.is_empty());
        let Some(client_id) = client_id else {
            return Err(page_error("The request names no client (client_id is missing)."));
        };
        let stored = self.find_client(client_id).await.map_err(Refusal::Page)?;
        let Some(client) = stored.map(|s| s.client) else {
            return Err(page_error("No application is registered with this client_id."));
        };
        let redirect_uri = match p.redirect_uri.as_deref() {
            Some(uri) if client.redirect_uris.iter().any(|r| redirect_uri_matches(r, uri)) => {
                uri.to_owned()
            }
            Some(_) => {
                return Err(page_error(
                    "The redirect_uri is not one this application registered, so the answer \
                     cannot be sent back to it.",
                ))
            }
            None if client.redirect_uris.len() == 1 => client.redirect_uris[0].clone(),
            None => return Err(page_error("The request names no redirect_uri.")),
        };
        let state = p.state.clone().filter(|s| !s.is_empty());
        let back = |error: &str, description: &str| {
            Refusal::Redirect(with_query(
                &redirect_uri,
                &[
                    ("error", Some(error)),
                    ("error_description", Some(description)),
                    ("state", state.as_deref()),
                    ("iss", Some(self.issuer())),
                ],
            ))
        };
        if state.as_ref().is_some_and(|s| s.len() > MAX_PARAM) {
            return Err(back("invalid_request", "state is too long"));
        }
        if p.request.is_some() {
            return Err(back("request_not_supported", "request objects are not supported"));
        }
        if p.request_uri.is_some() {
            return Err(back("invalid_request_uri", "request_uri must name a pushed request"));
        }
        if pushed.is_none() && (self.settings.require_par || client.require_par) {
            return Err(back(
                "invalid_request",
                "this client must push its authorization requests first (RFC 9126)",
            ));
        }
        match p.response_type.as_deref() {
            Some("code") => {}
            None => return Err(back("invalid_request", "response_type is missing")),
            Some(_) => {
                return Err(back(
                    "unsupported_response_type",
                    "only response_type=code is supported",
                ))
            }
        }
        if p.response_mode.as_deref().is_some_and(|m| m != "query") {
            return Err(back("invalid_request", "only response_mode=query is supported"));
        }
        if !client.allows_grant("authorization_code") {
            return Err(back("unauthorized_client", "this client may not use the code flow"));
        }
        let scopes = scope_list(p.scope.as_deref().unwrap_or(""));
        if let Some(s) = scopes.iter().find(|s| !has(&client.scopes, s)) {
            return Err(back(
                "invalid_scope",
                &format!("scope {s} is not allowed for this client"),
            ));
        }
        let code_challenge = match (p.code_challenge.as_deref(), p.code_challenge_method.as_deref())
        {
            (None, None) if client.is_public() => {
                return Err(back("invalid_request", "PKCE (code_challenge with S256) is required"))
            }
            (None, None) => None,
            (None, Some(_)) => return Err(back("invalid_request", "code_challenge is missing")),
            (Some(_), None | Some("plain")) => {
                return Err(back("invalid_request", "code_challenge_method must be S256"))
            }
            (Some(c), Some("S256")) if pkce_syntax(c) => Some(c.to_owned()),
            (Some(_), Some("S256")) => {
                return Err(back("invalid_request", "malformed code_challenge"))
            }
            (Some(_), Some(_)) => {
                return Err(back("invalid_request", "code_challenge_method must be S256"))
            }
        };
        let nonce = p.nonce.clone().filter(|s| !s.is_empty());
        if nonce.as_ref().is_some_and(|n| n.len() > MAX_NONCE) {
            return Err(back("invalid_request", "nonce is too long"));
        }
        let mut prompt = Prompt::default();
        for v in p.prompt.as_deref().unwrap_or("").split(' ').filter(|s| !s.is_empty()) {
            match v {
                "none" => prompt.none = true,
                "login" => prompt.login = true,
                "consent" => prompt.consent = true,
                // One account per browser session: choosing it is logging in.
                "select_account" => prompt.login = true,
                _ => return Err(back("invalid_request", "unknown prompt value")),
            }
        }
        if prompt.none && (prompt.login || prompt.consent) {
            return Err(back(
                "invalid_request",
                "prompt=none cannot be combined with other values",
            ));
        }
        let max_age = match p.max_age.as_deref() {
            None | Some("") => None,
            Some(v) => match v.parse::<i64>() {
                Ok(n) if n >= 0 => Some(n),
                _ => return Err(back("invalid_request", "max_age must be a non-negative integer")),
            },
        };
        let auth_after = match p.auth_after.as_deref() {
            Some(sealed) => self.unseal_auth_after(sealed, &client.client_id).await,
            None => None,
        };
        let login_hint = p.login_hint.clone().filter(|h| !h.is_empty() && h.len() <= 320);
        let resource = p.resource.clone().filter(|r| !r.is_empty());
        if resource.as_ref().is_some_and(|r| !self.resource_allowed(&client, r)) {
            return Err(back("invalid_target", "this client may not ask for that resource"));
        }
        let dpop_jkt = p.dpop_jkt.clone().filter(|j| !j.is_empty());
        let jkt_syntax = |j: &String| {
            j.len() == 43 && j.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        };
        if dpop_jkt.as_ref().is_some_and(|j| !jkt_syntax(j)) {
            return Err(back("invalid_request", "malformed dpop_jkt"));
        }
        Ok(AuthorizeRequest {
            client,
            redirect_uri,
            scopes,
            state,
            nonce,
            code_challenge,
            prompt,
            max_age,
            login_hint,
            auth_after,
            resource,
            dpop_jkt,
            pushed: pushed.filter(|h| !h.is_empty()),
        })
    }

    /// The error redirect for `req`.
    pub fn authorize_error(
        &self,
        req: &AuthorizeRequest,
        error: &str,
        description: &str,
    ) -> String {
        with_query(
            &req.redirect_uri,
            &[
                ("error", Some(error)),
                ("error_description", Some(description)),
                ("state", req.state.as_deref()),
                ("iss", Some(self.issuer())),
            ],
        )
    }

    /// `auth_after` for the login page's `next`: when a fresh login was asked for
    /// (`prompt=login`, `max_age`), signed with the provider's EdDSA key and bound to the
    /// client, so that the browser, which carries the request, cannot forge an older time and
    /// skip the login (a forged or foreign one is ignored: a login is asked for again).
    async fn seal_auth_after(&self, at: i64, client_id: &str) -> crate::error::Result<String> {
        let claims = AuthAfter {
            iss: self.issuer().to_owned(),
            sub: client_id.to_owned(),
            t: at,
            exp: at + AUTH_AFTER_TTL,
        };
        let keys = self.id_keys().await?;
        Ok(keys.sign("EdDSA", AUTH_AFTER, &claims)?)
    }

    /// The time a sealed `auth_after` holds, if it is ours, in time, and for `client_id`.
    async fn unseal_auth_after(&self, sealed: &str, client_id: &str) -> Option<i64> {
        let keys = self.id_keys().await.ok()?;
        let claims: AuthAfter = keys.verify(sealed, AUTH_AFTER, self.issuer(), true).ok()?;
        (claims.sub == client_id).then_some(claims.t)
    }

    /// What comes next for a checked request, given the browser's session (if any).
    pub async fn authorize_step(
        &self,
        req: &AuthorizeRequest,
        session: Option<&Authenticated>,
        consented: bool,
    ) -> crate::error::Result<AuthorizeStep> {
        let now_s = secs(now_ms());
        let fresh_enough = |auth: &Authenticated| {
            let auth_time = secs(auth.session.auth_time);
            if req.auth_after.is_some_and(|t| auth_time >= t) {
                return true;
            }
            !req.prompt.login && req.max_age.is_none_or(|max| now_s - auth_time <= max)
        };
        let auth = match session {
            Some(auth) if fresh_enough(auth) && !self.must_enrol(auth) => auth,
            _ if req.prompt.none => {
                let url = self.authorize_error(req, "login_required", "the user is not logged in");
                return Ok(AuthorizeStep::Redirect(url));
            }
            _ => {
                let again = req.prompt.login || req.max_age.is_some();
                let auth_after = match again {
                    true => Some(self.seal_auth_after(now_s, &req.client.client_id).await?),
                    false => None,
                };
                return Ok(AuthorizeStep::Login { auth_after });
            }
        };
        // A first-party client skips the page, unless the request asks for it (OIDC Core
        // 3.1.2.1: `prompt=consent` asks the person again).
        if !consented && (!req.client.skip_consent || req.prompt.consent) {
            let remembered = self.store.consent(&auth.user.id, &req.client.client_id).await?;
            let covered = remembered.is_some_and(|r| req.scopes.iter().all(|s| has(&r, s)));
            if req.prompt.consent || !covered {
                if req.prompt.none {
                    let url = self.authorize_error(req, "consent_required", "consent is required");
                    return Ok(AuthorizeStep::Redirect(url));
                }
                return Ok(AuthorizeStep::Consent);
            }
        }
        Ok(AuthorizeStep::Redirect(self.issue_code(req, auth).await?))
    }

    /// Makes the grant and its code, remembers the consent, and answers the redirect.
    async fn issue_code(
        &self,
        req: &AuthorizeRequest,
        auth: &Authenticated,
    ) -> crate::error::Result<String> {
        let now = now_ms();
        let code = OpaqueToken::generate();
        let remembered = self.store.consent_at(&auth.user.id, &req.client.client_id).await?;
        let written = remembered.as_ref().map(|(_, at)| *at);
        let mut consent = remembered.map(|(scopes, _)| scopes).unwrap_or_default();
        let known = consent.len();
        for s in &req.scopes {
            if !has(&consent, s) {
                consent.push(s.clone());
            }
        }
        // Written when it grows, and otherwise at most once a minute (its `updated_at`).
        let write_consent =
            consent.len() > known || crate::store::older_than_a_minute(written, now);
        let grant = NewGrant {
            id: uuid::Uuid::now_v7().to_string(),
            user_id: auth.user.id.clone(),
            client_id: req.client.client_id.clone(),
            session_id: auth.session.id.clone(),
            scope: req.scopes.join(" "),
            amr: auth.session.amr.iter().map(|m| m.as_str()).collect::<Vec<_>>().join(" "),
            auth_time: auth.session.auth_time,
            code_hash: code.hash.clone(),
            redirect_uri: req.redirect_uri.clone(),
            code_challenge: req.code_challenge.clone(),
            nonce: req.nonce.clone(),
            now,
            code_expires_at: now + CODE_TTL_MS,
            resource: req.resource.clone(),
            dpop_jkt: req.dpop_jkt.clone(),
            self_registered: req.client.managed_by == crate::domain::client::MANAGED_BY_DYNAMIC,
        };
        let event = Event::new(AuditEvent::GrantCreated)
            .user(&auth.user.id)
            .detail(format!("client {} scope {}", req.client.client_id, grant.scope));
        let consent = write_consent.then(|| consent.join(" "));
        self.audited(&auth.client, event, async |audit| {
            Ok(self.store.create_grant(&grant, consent.as_deref(), audit).await?)
        })
        .await?;
        if let Some(pushed) = &req.pushed {
            // Its code is issued: the pushed request is spent.
            self.store.delete_pushed_request(pushed).await?;
        }
        Ok(with_query(
            &req.redirect_uri,
            &[
                ("code", Some(&code.plain)),
                ("state", req.state.as_deref()),
                ("iss", Some(self.issuer())),
            ],
        ))
    }

    // ---- the token endpoint ----

    /// Answers a token request of an authenticated client.
    pub async fn token(
        &self,
        client: &OAuthClient,
        p: &TokenParams,
    ) -> Result<TokenResponse, OAuthError> {
        let grant_type = p
            .grant_type
            .as_deref()
            .ok_or_else(|| OAuthError::invalid_request("grant_type is missing"))?;
        if !crate::domain::client::GRANT_TYPES.contains(&grant_type) {
            return Err(OAuthError::new(400, "unsupported_grant_type", "unsupported grant_type"));
        }
        if !client.allows_grant(grant_type) {
            return Err(OAuthError::unauthorized_client(format!(
                "this client may not use the {grant_type} grant"
            )));
        }
        let jkt = match p.dpop.as_deref() {
            None => None,
            Some(proof) => {
                let token_endpoint = self.endpoint("/oauth2/token");
                let want = super::dpop::Expected {
                    htm: "POST",
                    htu: &token_endpoint,
                    access_token: None,
                    nonce: self.settings.dpop_nonce,
                };
                Some(self.check_dpop(proof, &want).await.map_err(dpop_refusal)?)
            }
        };
        let jkt = jkt.as_deref();
        match grant_type {
            "authorization_code" => self.code_grant(client, p, jkt).await,
            "refresh_token" => self.refresh_grant(client, p, jkt).await,
            crate::domain::device::DEVICE_CODE_GRANT => {
                self.device_code_grant(client, p, jkt).await
            }
            _ => self.client_credentials_grant(client, p, jkt).await,
        }
    }

    /// The resource a token request's tokens are for: the one the grant was authorized for,
    /// which the request may repeat (RFC 8707 section 2.2); none when neither names one.
    fn token_resource(
        granted: Option<&str>,
        asked: Option<&str>,
    ) -> Result<Option<String>, OAuthError> {
        match (granted, asked) {
            (granted, None) => Ok(granted.map(str::to_owned)),
            (Some(g), Some(a)) if g == a => Ok(Some(a.to_owned())),
            (Some(_), Some(_)) => {
                Err(OAuthError::invalid_target("the resource is not the one that was authorized"))
            }
            (None, Some(_)) => Err(OAuthError::invalid_target(
                "the authorization request named no resource; name it there",
            )),
        }
    }

    async fn code_grant(
        &self,
        client: &OAuthClient,
        p: &TokenParams,
        jkt: Option<&str>,
    ) -> Result<TokenResponse, OAuthError> {
        let code = p
            .code
            .as_deref()
            .filter(|c| !c.is_empty())
            .ok_or_else(|| OAuthError::invalid_request("code is missing"))?;
        let now = now_ms();
        // Stored with the code's spending when the grant holds `offline_access`; a request
        // refused below revokes the grant, and the token with it.
        let refresh = client.allows_grant("refresh_token").then(OpaqueToken::generate);
        let with_code = refresh.as_ref().map(|t| RefreshWithCode {
            hash: t.hash.clone(),
            expires_at: now + self.settings.session_ttl.as_millis() as i64,
            when_scope_holds: OFFLINE,
        });
        let code_hash = hash_token(code);
        let outcome = self
            .store
            .exchange_code(&code_hash, &client.client_id, now, with_code.as_ref())
            .await?;
        let (grant, redirect_uri, challenge, nonce, bound_to, refresh) = match outcome {
            CodeOutcome::Exchanged {
                grant,
                redirect_uri,
                code_challenge,
                nonce,
                dpop_jkt,
                refresh_stored,
            } => {
                let refresh = refresh.filter(|_| refresh_stored).map(|t| t.plain);
                (grant, redirect_uri, code_challenge, nonce, dpop_jkt, refresh)
            }
            CodeOutcome::Reused => {
                tracing::warn!(client_id = %client.client_id, "authorization code used twice; its grant is revoked");
                let event = Event::new(AuditEvent::GrantReplayed)
                    .detail(format!("client {} code reused", client.client_id));
                self.audit(&ClientInfo::default(), event).await;
                return Err(OAuthError::invalid_grant("the code was already used"));
            }
            CodeOutcome::Invalid => {
                return Err(OAuthError::invalid_grant("the code is invalid or has expired"))
            }
        };
        // Every check below fails closed: the code is spent either way, and its grant with it.
        let refuse = async |why: &str| -> Result<TokenResponse, OAuthError> {
            self.store.revoke_grant(&grant.grant.id, now).await?;
            Err(OAuthError::invalid_grant(why))
        };
        if p.redirect_uri.as_deref().is_some_and(|r| r != redirect_uri)
            || (p.redirect_uri.is_none() && client.redirect_uris.len() > 1)
        {
            return refuse("redirect_uri does not match the authorization request").await;
        }
        match (challenge.as_deref(), p.code_verifier.as_deref()) {
            (None, None) => {}
            (Some(challenge), Some(verifier)) if pkce_syntax(verifier) => {
                let digest = ring::digest::digest(&ring::digest::SHA256, verifier.as_bytes());
                if !same(&URL_SAFE_NO_PAD.encode(digest.as_ref()), challenge) {
                    return refuse("code_verifier does not match the code_challenge").await;
                }
            }
            (Some(_), _) => return refuse("a valid code_verifier is required").await,
            (None, Some(_)) => {
                return refuse("code_verifier sent, but the request had no code_challenge").await
            }
        }
        if !grant.session_live {
            return refuse("the session that made the code has ended").await;
        }
        if bound_to.is_some() && bound_to.as_deref() != jkt {
            return refuse("the code is bound to a DPoP key; send a proof made with it").await;
        }
        let resource =
            match Self::token_resource(grant.grant.resource.as_deref(), p.resource.as_deref()) {
                Ok(r) => r,
                Err(e) => {
                    self.store.revoke_grant(&grant.grant.id, now).await?;
                    return Err(e);
                }
            };
        if let (Some(jkt), true) = (jkt, client.is_public()) {
            // A public client's refresh tokens are bound to its key (RFC 9449 section 5).
            self.store.bind_grant_to_dpop_key(&grant.grant.id, jkt).await?;
        }
        let scopes = scope_list(&grant.grant.scope);
        let bound = Bound { resource: resource.as_deref(), jkt };
        self.tokens_for(client, &grant, &scopes, nonce.as_deref(), refresh, now, bound).await
    }

    pub(super) async fn new_provider_refresh(
        &self,
        grant_id: &str,
        scope: &str,
        now: i64,
    ) -> Result<String, OAuthError> {
        let token = OpaqueToken::generate();
        let expires = now + self.settings.session_ttl.as_millis() as i64;
        self.store.insert_provider_refresh(&token.hash, grant_id, scope, now, expires).await?;
        Ok(token.plain)
    }

    async fn refresh_grant(
        &self,
        client: &OAuthClient,
        p: &TokenParams,
        jkt: Option<&str>,
    ) -> Result<TokenResponse, OAuthError> {
        let presented = p
            .refresh_token
            .as_deref()
            .filter(|t| !t.is_empty())
            .ok_or_else(|| OAuthError::invalid_request("refresh_token is missing"))?;
        let asked = p.scope.as_deref().map(scope_list);
        let (jkt_owned, resource_asked) = (jkt.map(str::to_owned), p.resource.clone());
        // Checked before the token is spent, in its transaction: a refused request spends
        // nothing.
        let narrow = move |held: &str, grant: &crate::store::Grant| {
            if grant.dpop_jkt.is_some() && grant.dpop_jkt != jkt_owned {
                return Err(OAuthError::invalid_grant(
                    "the refresh token is bound to a DPoP key; send a proof made with it",
                ));
            }
            Self::token_resource(grant.resource.as_deref(), resource_asked.as_deref())?;
            let held = scope_list(held);
            match &asked {
                None => Ok(held.join(" ")),
                Some(asked) if asked.iter().all(|s| has(&held, s)) => Ok(asked.join(" ")),
                Some(_) => Err(OAuthError::invalid_scope(
                    "a refresh cannot ask for scopes the grant does not hold",
                )),
            }
        };
        let next = OpaqueToken::generate();
        let now = now_ms();
        let expires = now + self.settings.session_ttl.as_millis() as i64;
        let grace = self.settings.refresh_reuse_grace.as_millis() as i64;
        let outcome = self
            .store
            .rotate_provider_refresh(
                &hash_token(presented.trim()),
                &next.hash,
                &client.client_id,
                now,
                expires,
                grace,
                narrow,
            )
            .await?;
        match outcome {
            ProviderRefresh::Rotated { grant, scope } => {
                if let (Some(jkt), true, None) = (jkt, client.is_public(), &grant.grant.dpop_jkt) {
                    // A public client that starts using DPoP later binds its grant then.
                    self.store.bind_grant_to_dpop_key(&grant.grant.id, jkt).await?;
                }
                let resource =
                    Self::token_resource(grant.grant.resource.as_deref(), p.resource.as_deref())?;
                let scopes = scope_list(&scope);
                let bound = Bound { resource: resource.as_deref(), jkt };
                self.tokens_for(client, &grant, &scopes, None, Some(next.plain), now, bound).await
            }
            ProviderRefresh::Refused(why) => Err(why),
            ProviderRefresh::ReuseDetected => {
                tracing::warn!(client_id = %client.client_id, "spent refresh token presented again; its grant is revoked");
                let event = Event::new(AuditEvent::GrantReplayed)
                    .detail(format!("client {} refresh token reused", client.client_id));
                self.audit(&ClientInfo::default(), event).await;
                Err(OAuthError::invalid_grant("the refresh token is invalid"))
            }
            ProviderRefresh::SpentWithinGrace | ProviderRefresh::Invalid => {
                Err(OAuthError::invalid_grant("the refresh token is invalid or has expired"))
            }
        }
    }

    async fn client_credentials_grant(
        &self,
        client: &OAuthClient,
        p: &TokenParams,
        jkt: Option<&str>,
    ) -> Result<TokenResponse, OAuthError> {
        let resource = p.resource.as_deref();
        if resource.is_some_and(|r| !self.resource_allowed(client, r)) {
            return Err(OAuthError::invalid_target("this client may not ask for that resource"));
        }
        const USER_SCOPES: [&str; 5] = ["openid", "profile", "email", OFFLINE, ORGANIZATION];
        let own: Vec<String> =
            client.scopes.iter().filter(|s| !USER_SCOPES.contains(&s.as_str())).cloned().collect();
        let scopes = match p.scope.as_deref().map(scope_list) {
            None => own,
            Some(asked) => match asked.iter().find(|s| !has(&own, s)) {
                Some(s) => {
                    return Err(OAuthError::invalid_scope(format!(
                        "scope {s} is not allowed for client credentials"
                    )))
                }
                None => asked,
            },
        };
        let now = now_ms();
        let ttl = self.settings.access_token_ttl.as_secs() as i64;
        let claims = ClientAccessClaims {
            iss: self.issuer().to_owned(),
            sub: client.client_id.clone(),
            aud: resource.unwrap_or(&client.client_id).to_owned(),
            client_id: client.client_id.clone(),
            scope: scopes.join(" "),
            iat: secs(now),
            exp: secs(now) + ttl,
            jti: uuid::Uuid::now_v7().to_string(),
            gid: None,
            auth_time: None,
            cnf: jkt.map(|j| Confirmation { jkt: j.to_owned() }),
            org: None,
        };
        let access_token = self.id_keys().await?.sign("EdDSA", "at+jwt", &claims)?;
        Ok(TokenResponse {
            access_token,
            token_type: token_type(jkt),
            expires_in: ttl,
            refresh_token: None,
            id_token: None,
            scope: claims.scope,
        })
    }

    /// With the `organization` scope, the organisation the grant's session acts for now.
    async fn grant_org(
        &self,
        grant: &LiveGrant,
        scopes: &[String],
    ) -> crate::error::Result<Option<super::OrgClaims>> {
        if !has(scopes, ORGANIZATION) {
            return Ok(None);
        }
        let active = self.store.active_org(&grant.grant.session_id).await?;
        Ok(active.map(|(o, role)| self.org_claims(&o, &role)))
    }

    /// The access token (and ID token, with `openid`) of a grant.
    #[allow(clippy::too_many_arguments)]
    pub(super) async fn tokens_for(
        &self,
        client: &OAuthClient,
        grant: &LiveGrant,
        scopes: &[String],
        nonce: Option<&str>,
        refresh_token: Option<String>,
        now: i64,
        bound: Bound<'_>,
    ) -> Result<TokenResponse, OAuthError> {
        let ttl = self.settings.access_token_ttl.as_secs() as i64;
        let keys = self.id_keys().await?;
        let auth_time = secs(grant.grant.auth_time);
        let org = self.grant_org(grant, scopes).await?;
        let claims = ClientAccessClaims {
            iss: self.issuer().to_owned(),
            sub: grant.user.id.clone(),
            aud: bound.resource.unwrap_or(&client.client_id).to_owned(),
            client_id: client.client_id.clone(),
            scope: scopes.join(" "),
            iat: secs(now),
            exp: secs(now) + ttl,
            jti: uuid::Uuid::now_v7().to_string(),
            gid: Some(grant.grant.id.clone()),
            auth_time: Some(auth_time),
            cnf: bound.jkt.map(|j| Confirmation { jkt: j.to_owned() }),
            org: org.clone(),
        };
        let access_token = keys.sign("EdDSA", "at+jwt", &claims)?;
        let id_token = if has(scopes, "openid") {
            let amr: Vec<Amr> = grant.grant.amr.split(' ').filter_map(|m| m.parse().ok()).collect();
            let acr = if Amr::multi_factor(&amr) { "aal2" } else { "aal1" };
            let mut c = Map::new();
            c.insert("iss".into(), self.issuer().into());
            c.insert("sub".into(), grant.user.id.clone().into());
            c.insert("aud".into(), client.client_id.clone().into());
            c.insert("iat".into(), secs(now).into());
            c.insert("exp".into(), (secs(now) + ttl).into());
            c.insert("auth_time".into(), auth_time.into());
            if let Some(n) = nonce {
                c.insert("nonce".into(), n.into());
            }
            c.insert("amr".into(), amr.iter().map(|m| m.as_str()).collect::<Vec<_>>().into());
            c.insert("acr".into(), acr.into());
            c.insert("sid".into(), sid_for(&grant.grant.session_id).into());
            c.insert(
                "at_hash".into(),
                idkeys::half_hash(&access_token, &client.id_token_alg).into(),
            );
            scope_claims(&grant.user, scopes, &mut c);
            org_claims(org.as_ref(), &mut c);
            Some(keys.sign_off_thread(&client.id_token_alg, "JWT", &Value::Object(c)).await?)
        } else {
            None
        };
        Ok(TokenResponse {
            access_token,
            token_type: token_type(bound.jkt),
            expires_in: ttl,
            refresh_token,
            id_token,
            scope: scopes.join(" "),
        })
    }

    // ---- using tokens ----

    /// A client access token that is still good: signed by us, unexpired, and its grant (and,
    /// without `offline_access`, its session) still live, or for client credentials, not
    /// revoked and its client still registered.
    async fn live_access_token(
        &self,
        token: &str,
    ) -> crate::error::Result<Option<(ClientAccessClaims, Option<LiveGrant>)>> {
        self.live_access_token_read(token, None).await
    }

    /// [`Auth::live_access_token`], with its grant taken from `read` when that is the grant
    /// the verified token names.
    async fn live_access_token_read(
        &self,
        token: &str,
        read: Option<ReadGrant>,
    ) -> crate::error::Result<Option<(ClientAccessClaims, Option<LiveGrant>)>> {
        let keys = self.id_keys().await?;
        let claims: ClientAccessClaims = match keys.verify(token, "at+jwt", self.issuer(), true) {
            Ok(c) => c,
            Err(IdTokenError::UnknownKey) => {
                // Another node may have rotated; made-up key ids cost one read a second.
                if !self.reload_keys_for_unknown_kid().await? {
                    return Ok(None);
                }
                match keys.verify(token, "at+jwt", self.issuer(), true) {
                    Ok(c) => c,
                    Err(_) => return Ok(None),
                }
            }
            Err(IdTokenError::Invalid) => return Ok(None),
        };
        // Its audience is its client, or the resource (RFC 8707) it was issued for.
        let for_client = claims.aud == claims.client_id;
        match &claims.gid {
            Some(gid) => {
                let grant = match read {
                    Some(read) if read.grant_id == *gid => read.grant,
                    _ => self.store.live_grant(gid, now_ms()).await?,
                };
                let Some(grant) = grant else {
                    return Ok(None);
                };
                let offline = has(&scope_list(&grant.grant.scope), OFFLINE);
                if grant.grant.client_id != claims.client_id
                    || grant.user.id != claims.sub
                    || !(grant.session_live || offline)
                    || !(for_client || grant.grant.resource.as_deref() == Some(&claims.aud))
                {
                    return Ok(None);
                }
                // A token that carries an organisation ends with the membership it names.
                if let Some(org) = &claims.org {
                    if !self.org_claims_hold(&grant.grant.session_id, org).await? {
                        return Ok(None);
                    }
                }
                Ok(Some((claims, Some(grant))))
            }
            None => {
                // The client's own token: refused once revoked, or once its client is gone, no
                // longer allowed the grant, or is another client registered later under the
                // same id (a token older than the registration).
                let live_client = self.store.client(&claims.client_id).await?.is_some_and(|c| {
                    c.client.allows_grant("client_credentials")
                        && secs(c.client.created_at) <= claims.iat
                        && (for_client || self.resource_allowed(&c.client, &claims.aud))
                });
                if !live_client || self.store.jti_revoked(&claims.jti).await? {
                    return Ok(None);
                }
                Ok(Some((claims, None)))
            }
        }
    }

    /// The userinfo endpoint's claims for an access token: one issued for this server (not
    /// for another resource), presented as it is bound (RFC 9449 section 7: a DPoP-bound token
    /// with a proof of its key, made for this request).
    pub async fn userinfo(
        &self,
        presented: &Presented<'_>,
    ) -> Result<Value, Result<BearerError, AppError>> {
        let found = self.live_access_token(presented.token).await.map_err(Err)?;
        let Some((claims, grant)) = found.filter(|(c, _)| c.aud == c.client_id) else {
            return Err(Ok(BearerError::InvalidToken));
        };
        self.check_binding(&claims, presented, "/oauth2/userinfo").await.map_err(Ok)?;
        let Some(grant) = grant else { return Err(Ok(BearerError::InsufficientScope)) };
        let scopes = scope_list(&claims.scope);
        if !has(&scopes, "openid") {
            return Err(Ok(BearerError::InsufficientScope));
        }
        let mut out = Map::new();
        out.insert("sub".into(), grant.user.id.clone().into());
        scope_claims(&grant.user, &scopes, &mut out);
        org_claims(claims.org.as_ref(), &mut out);
        Ok(Value::Object(out))
    }

    /// Checks how a token was presented against what it is bound to.
    async fn check_binding(
        &self,
        claims: &ClientAccessClaims,
        presented: &Presented<'_>,
        path: &str,
    ) -> Result<(), BearerError> {
        match (&claims.cnf, presented.dpop_scheme, presented.proof) {
            (None, false, _) => Ok(()),
            // An unbound token is a bearer token; a bound one is never accepted as one.
            (None, true, _) | (Some(_), false, _) => Err(BearerError::InvalidToken),
            (Some(_), true, None) => Err(BearerError::InvalidDpopProof),
            (Some(cnf), true, Some(proof)) => {
                let htu = self.endpoint(path);
                let want = super::dpop::Expected {
                    htm: presented.method,
                    htu: &htu,
                    access_token: Some(presented.token),
                    nonce: false,
                };
                match self.check_dpop(proof, &want).await {
                    Ok(jkt) if same(&jkt, &cnf.jkt) => Ok(()),
                    _ => Err(BearerError::InvalidDpopProof),
                }
            }
        }
    }

    /// Whether `client` may have `claims` described by introspection: its own token, or a
    /// token for a resource the client serves (an operator-registered confidential client
    /// whose `resources` name it: a resource server). A token for another resource is not.
    fn may_introspect(client: &OAuthClient, claims: &ClientAccessClaims) -> bool {
        if claims.client_id == client.client_id {
            return true;
        }
        claims.aud != claims.client_id
            && !client.is_public()
            && client.managed_by != crate::domain::client::MANAGED_BY_DYNAMIC
            && client.resources.iter().any(|p| resource_matches(p, &claims.aud))
    }

    /// Token introspection (RFC 7662) for `client`: its own tokens, and tokens for a resource
    /// it serves, are described; any other token, or one that is not live, is
    /// `{"active": false}`.
    pub async fn introspect(
        &self,
        client: &OAuthClient,
        token: &str,
        read: Option<ReadGrant>,
    ) -> Result<Value, OAuthError> {
        let inactive = json!({"active": false});
        if let Some((claims, grant)) = self.live_access_token_read(token, read).await? {
            if !Self::may_introspect(client, &claims) {
                return Ok(inactive);
            }
            let mut out = json!({
                "active": true,
                "token_type": "Bearer",
                "scope": claims.scope,
                "client_id": claims.client_id,
                "sub": claims.sub,
                "aud": claims.aud,
                "iss": claims.iss,
                "iat": claims.iat,
                "exp": claims.exp,
                "jti": claims.jti,
            });
            if let Some(cnf) = &claims.cnf {
                out["token_type"] = "DPoP".into();
                out["cnf"] = json!({"jkt": cnf.jkt});
            }
            if let Some(g) = grant {
                out["username"] = g.user.username.clone().unwrap_or(g.user.email.clone()).into();
                out["auth_time"] = secs(g.grant.auth_time).into();
            }
            return Ok(out);
        }
        let Some(grant_id) =
            self.store.refresh_token_grant(&hash_token(token), &client.client_id).await?
        else {
            return Ok(inactive);
        };
        let refresh = self.store.live_provider_refresh(&hash_token(token), now_ms()).await?;
        let Some((scope, exp, iat)) = refresh else { return Ok(inactive) };
        let Some(grant) = self.store.live_grant(&grant_id, now_ms()).await? else {
            return Ok(inactive);
        };
        Ok(json!({
            "active": true,
            "token_type": "refresh_token",
            "scope": scope,
            "client_id": client.client_id,
            "sub": grant.user.id,
            "iss": self.issuer(),
            "iat": secs(iat),
            "exp": secs(exp),
        }))
    }

    /// Token revocation (RFC 7009): a refresh token or access token of `client` ends its whole
    /// grant (section 2.1 allows it; the person authorizes again); a client-credentials token
    /// is listed as revoked until it expires. Unknown tokens and other clients' tokens change
    /// nothing, and the answer is the same.
    pub async fn revoke_token(&self, client: &OAuthClient, token: &str) -> Result<(), OAuthError> {
        let now = now_ms();
        if let Some(grant_id) =
            self.store.refresh_token_grant(&hash_token(token), &client.client_id).await?
        {
            self.store.revoke_grant(&grant_id, now).await?;
            return Ok(());
        }
        if let Some((claims, grant)) = self.live_access_token(token).await? {
            if claims.client_id != client.client_id {
                return Ok(());
            }
            match grant {
                Some(g) => {
                    self.store.revoke_grant(&g.grant.id, now).await?;
                }
                None => self.store.revoke_jti(&claims.jti, claims.exp * 1000).await?,
            }
        }
        Ok(())
    }

    // ---- what users see of their grants ----

    pub async fn granted_clients(
        &self,
        auth: &Authenticated,
    ) -> crate::error::Result<Vec<crate::store::GrantedClient>> {
        Ok(self.store.granted_clients(&auth.user.id).await?)
    }

    /// Withdraws everything the user granted `client_id`: its tokens stop at once, and the
    /// next sign-in asks again. `404` when nothing was granted.
    pub async fn revoke_granted_client(
        &self,
        auth: &Authenticated,
        client_id: &str,
    ) -> crate::error::Result<()> {
        let event = Event::new(AuditEvent::GrantRevoked)
            .user(&auth.user.id)
            .detail(format!("client {client_id}"));
        let revoke = async |audit: &mut crate::store::Audit| {
            Ok(self.store.revoke_client_for_user(&auth.user.id, client_id, now_ms(), audit).await?)
        };
        if self.audited(&auth.client, event, revoke).await? {
            Ok(())
        } else {
            Err(AppError::not_found(ErrorCode::GrantNotFound, "Nothing is granted to that client"))
        }
    }

    // ---- RP-initiated logout ----

    /// Checks a logout request. A `post_logout_redirect_uri` is followed only when it is
    /// registered, exactly, for the client the hint (or `client_id`) names; anything else is
    /// refused with the error page, so this endpoint is never an open redirect.
    pub async fn logout_request(&self, p: &LogoutParams) -> crate::error::Result<LogoutRequest> {
        let bad =
            |m: &'static str| AppError::bad_request(ErrorCode::InvalidAuthorizationRequest, m);
        let mut client_id = p.client_id.clone().filter(|c| !c.is_empty());
        let mut hint = None;
        if let Some(token) = p.id_token_hint.as_deref().filter(|t| !t.is_empty()) {
            let keys = self.id_keys().await?;
            // An expired hint still says who asks (RP-Initiated Logout section 2).
            let claims: Value = keys
                .verify(token, "JWT", self.issuer(), false)
                .map_err(|_| bad("The id_token_hint is not an ID token this server issued."))?;
            let aud = match &claims["aud"] {
                Value::String(a) => Some(a.clone()),
                Value::Array(a) if a.len() == 1 => a[0].as_str().map(str::to_owned),
                _ => None,
            }
            .ok_or_else(|| bad("The id_token_hint names no single client."))?;
            if client_id.as_ref().is_some_and(|c| *c != aud) {
                return Err(bad("The id_token_hint was issued to another client."));
            }
            client_id = Some(aud);
            let sid = claims["sid"].as_str().unwrap_or_default().to_owned();
            let sub = claims["sub"].as_str().unwrap_or_default().to_owned();
            hint = Some((sid, sub));
        }
        let client = match &client_id {
            Some(id) => {
                Some(self.store.client(id).await?.ok_or_else(|| bad("Unknown client."))?.client)
            }
            None => None,
        };
        let redirect = match p.post_logout_redirect_uri.as_deref().filter(|u| !u.is_empty()) {
            None => None,
            Some(uri) => {
                let client = client.as_ref().ok_or_else(|| {
                    bad("A post_logout_redirect_uri needs an id_token_hint or a client_id.")
                })?;
                if !client.post_logout_redirect_uris.iter().any(|u| u == uri) {
                    return Err(bad(
                        "The post_logout_redirect_uri is not one this application registered.",
                    ));
                }
                Some(with_query(uri, &[("state", p.state.as_deref())]))
            }
        };
        Ok(LogoutRequest { redirect, client_name: client.map(|c| c.name), hint })
    }
}
