//! Dynamic client registration (RFC 7591) and its management protocol (RFC 7592): agents,
//! MCP clients and command-line tools register themselves at `/oauth2/register`, when
//! `PORTCULLIS_DYNAMIC_REGISTRATION` is `open`, or `token` and they present an initial access
//! token an operator made (`portcullis client registration-token create`).
//!
//! A registered client is a third-party one: it always gets the consent page, may use only
//! the authorization code and refresh token grants, and may name no URL Portcullis would fetch
//! or post to (`jwks_uri`, `backchannel_logout_uri`), so registration opens no way to make the
//! server call an internal address. It is marked `dynamic` in lists, limited per client IP,
//! and deleted by housekeeping when nobody has signed in to it within
//! `PORTCULLIS_DYNAMIC_REGISTRATION_UNUSED_TTL`. Its registration access token (shown once,
//! stored as SHA-256) lets it read, replace or delete its own registration.

use serde::Deserialize;
use serde_json::{json, Value};

use super::audit::Event;
use super::clients::{apply, defaults, keyed_event, new_secret};
use super::provider::{same, OAuthError};
use super::{Auth, ClientInfo, ClientSpec};
use crate::auth::{hash_token, OpaqueToken};
use crate::clock::now_ms;
use crate::config::DynamicRegistration;
use crate::domain::client::{redirect_uri_ok, scope_list, KNOWN_SCOPES, MANAGED_BY_DYNAMIC};
use crate::domain::{AuditEvent, OAuthClient};
use crate::error::{AppError, ErrorCode, Result};
use crate::store::{Audit, InitialToken};

/// The grants a registered client may ask for.
const GRANTS: &[&str] = &["authorization_code", "refresh_token"];

/// The token endpoint methods a registered client may choose: the secret ones, or none (a
/// public client, with PKCE). `private_key_jwt` needs keys Portcullis would fetch.
const METHODS: &[&str] = &["client_secret_basic", "client_secret_post", "none"];

/// The metadata a client sends (RFC 7591 section 2). Fields it does not know are ignored, as
/// the RFC says; a known field of the wrong type is refused.
#[derive(Debug, Default, Deserialize)]
pub(super) struct Metadata {
    redirect_uris: Option<Vec<String>>,
    token_endpoint_auth_method: Option<String>,
    grant_types: Option<Vec<String>>,
    response_types: Option<Vec<String>>,
    client_name: Option<String>,
    scope: Option<String>,
    post_logout_redirect_uris: Option<Vec<String>>,
    id_token_signed_response_alg: Option<String>,
    jwks_uri: Option<Value>,
    jwks: Option<Value>,
    backchannel_logout_uri: Option<Value>,
    /// RFC 7592 section 2.2: a replacement names the client it replaces.
    client_id: Option<String>,
    /// RFC 7592 section 2.2: when sent, it must be the current secret.
    client_secret: Option<String>,
}

fn metadata_error(d: impl Into<String>) -> OAuthError {
    OAuthError::new(400, "invalid_client_metadata", d)
}

fn redirect_error(d: impl Into<String>) -> OAuthError {
    OAuthError::new(400, "invalid_redirect_uri", d)
}

/// RFC 6750's answer to a missing or wrong bearer token (here: an initial access token or a
/// registration access token). The caller adds `WWW-Authenticate`.
pub fn invalid_token() -> OAuthError {
    OAuthError::new(401, "invalid_token", "the access token is missing, unknown or expired")
}

/// Reads the body into the full specification of a registered client: every field set, so a
/// replacement (RFC 7592) drops what it leaves out.
pub(super) fn spec_of(body: &[u8]) -> Result<(ClientSpec, Metadata), OAuthError> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|_| metadata_error("the body must be a JSON object of client metadata"))?;
    if !value.is_object() {
        return Err(metadata_error("the body must be a JSON object of client metadata"));
    }
    let m: Metadata = serde_json::from_value(value).map_err(|e| metadata_error(e.to_string()))?;
    for (name, present) in [
        ("jwks_uri", m.jwks_uri.is_some()),
        ("jwks", m.jwks.is_some()),
        ("backchannel_logout_uri", m.backchannel_logout_uri.is_some()),
    ] {
        if present {
            return Err(metadata_error(format!(
                "{name} is not accepted from dynamic registration; ask the operator to register \
                 the client"
            )));
        }
    }
    let redirect_uris = m.redirect_uris.clone().unwrap_or_default();
    if redirect_uris.is_empty() {
        return Err(redirect_error("redirect_uris must name at least one URI"));
    }
    for uri in &redirect_uris {
        redirect_uri_ok(uri).map_err(|why| redirect_error(format!("{uri}: {why}")))?;
    }
    let grants = m.grant_types.clone().unwrap_or_else(|| vec!["authorization_code".into()]);
    if let Some(g) = grants.iter().find(|g| !GRANTS.contains(&g.as_str())) {
        return Err(metadata_error(format!(
            "grant type {g} is not offered to dynamically registered clients (only {})",
            GRANTS.join(", ")
        )));
    }
    if !grants.iter().any(|g| g == "authorization_code") {
        return Err(metadata_error("grant_types must include authorization_code"));
    }
    if let Some(r) = m.response_types.iter().flatten().find(|r| r.as_str() != "code") {
        return Err(metadata_error(format!("response type {r} is not supported (only code)")));
    }
    let method = m.token_endpoint_auth_method.clone().unwrap_or("client_secret_basic".into());
    if !METHODS.contains(&method.as_str()) {
        return Err(metadata_error(format!(
            "token_endpoint_auth_method must be one of {}",
            METHODS.join(", ")
        )));
    }
    // The scopes it may ask for: the OpenID ones it names (all of them when it names none);
    // others are dropped, and the answer says what was registered (RFC 7591 section 3.2.1).
    let offline = grants.iter().any(|g| g == "refresh_token");
    let wanted = match &m.scope {
        Some(s) => scope_list(s),
        // The OpenID scopes; `organization` only when asked for.
        None => {
            KNOWN_SCOPES.iter().filter(|s| **s != "organization").map(|s| (*s).to_owned()).collect()
        }
    };
    let scopes: Vec<String> = wanted
        .into_iter()
        .filter(|s| KNOWN_SCOPES.contains(&s.as_str()))
        .filter(|s| offline || s != "offline_access")
        .collect();
    let name = m
        .client_name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| n.chars().take(120).collect())
        .unwrap_or_else(|| "Unnamed application".to_owned());
    let spec = ClientSpec {
        client_id: None,
        name: Some(name),
        redirect_uris: Some(redirect_uris),
        post_logout_redirect_uris: Some(m.post_logout_redirect_uris.clone().unwrap_or_default()),
        grant_types: Some(grants),
        scopes: Some(scopes),
        backchannel_logout_uri: Some(String::new()),
        skip_consent: Some(false),
        token_endpoint_auth_method: Some(method),
        public: None,
        jwks_uri: Some(String::new()),
        id_token_signed_response_alg: Some(
            m.id_token_signed_response_alg.clone().unwrap_or("RS256".into()),
        ),
        // Resources come from PORTCULLIS_RESOURCES only: a client cannot allow itself more.
        resources: Some(Vec::new()),
        require_pushed_authorization_requests: Some(false),
    };
    Ok((spec, m))
}

/// What the endpoint answers: the registration as stored (RFC 7591 section 3.2.1), with the
/// secret and the registration access token when they were just made.
fn reply(
    auth: &Auth,
    c: &OAuthClient,
    secret: Option<String>,
    registration_token: Option<String>,
) -> Value {
    let mut out = json!({
        "client_id": c.client_id,
        "client_id_issued_at": c.created_at / 1000,
        "client_name": c.name,
        "redirect_uris": c.redirect_uris,
        "post_logout_redirect_uris": c.post_logout_redirect_uris,
        "grant_types": c.grant_types,
        "response_types": ["code"],
        "token_endpoint_auth_method": c.auth_method.as_str(),
        "scope": c.scopes.join(" "),
        "id_token_signed_response_alg": c.id_token_alg,
        "registration_client_uri":
            format!("{}/oauth2/register/{}", auth.settings().public_url, c.client_id),
    });
    if let Some(s) = secret {
        out["client_secret"] = s.into();
        out["client_secret_expires_at"] = 0.into();
    }
    if let Some(t) = registration_token {
        out["registration_access_token"] = t.into();
    }
    out
}

fn to_oauth(e: AppError) -> OAuthError {
    match e {
        AppError::BadRequest { message, .. } => metadata_error(message.to_string()),
        other => other.into(),
    }
}

impl Auth {
    /// `POST /oauth2/register`: registers a client; `Ok(None)` when registration is off.
    pub async fn register_client(
        &self,
        body: &[u8],
        bearer: Option<&str>,
        by: &ClientInfo,
    ) -> Result<Option<Value>, OAuthError> {
        let mode = self.settings.dynamic_registration;
        if mode == DynamicRegistration::Off {
            return Ok(None);
        }
        let now = now_ms();
        if let Some(ip) = by.ip.as_deref().and_then(|ip| ip.parse().ok()) {
            self.limits.check_registration(ip, now).await.map_err(AppError::from)?;
        }
        let (spec, _) = spec_of(body)?;
        if mode == DynamicRegistration::Token {
            let token = bearer.ok_or_else(invalid_token)?;
            if !self.store.spend_initial_token(&hash_token(token), now).await? {
                return Err(invalid_token());
            }
        }
        let id = OpaqueToken::generate().plain[..22].to_owned();
        let client = apply(defaults(id, now, MANAGED_BY_DYNAMIC), &spec).map_err(to_oauth)?;
        let secret = new_secret(&client);
        let access = OpaqueToken::generate();
        let secret_hash = secret.as_ref().map(|s| s.hash.as_str());
        self.store.insert_registered_client(&client, secret_hash, &access.hash).await?;
        let event = Event::new(AuditEvent::ClientRegistered)
            .detail(format!("client {}: {}", client.client_id, client.name));
        self.audit(by, event).await;
        Ok(Some(reply(self, &client, secret.map(|s| s.plain), Some(access.plain))))
    }

    /// The registered client `client_id` when `bearer` is its registration access token; any
    /// other case is `invalid_token` (whether the client exists is not told).
    async fn registered(&self, client_id: &str, bearer: Option<&str>) -> Result<(), OAuthError> {
        let token = bearer.ok_or_else(invalid_token)?;
        if self.settings.dynamic_registration == DynamicRegistration::Off
            || !self.store.registration_token_matches(client_id, &hash_token(token)).await?
        {
            return Err(invalid_token());
        }
        Ok(())
    }

    /// `GET /oauth2/register/{client_id}` (RFC 7592 section 2.1).
    pub async fn read_registration(
        &self,
        client_id: &str,
        bearer: Option<&str>,
    ) -> Result<Value, OAuthError> {
        self.registered(client_id, bearer).await?;
        let client = self.client(client_id).await.map_err(|_| invalid_token())?;
        Ok(reply(self, &client, None, None))
    }

    /// `PUT /oauth2/register/{client_id}` (RFC 7592 section 2.2): the body replaces the
    /// registration; a client that starts needing a secret gets one (in the answer).
    pub async fn replace_registration(
        &self,
        client_id: &str,
        bearer: Option<&str>,
        body: &[u8],
        by: &ClientInfo,
    ) -> Result<Value, OAuthError> {
        self.registered(client_id, bearer).await?;
        let (spec, sent) = spec_of(body)?;
        if sent.client_id.as_deref() != Some(client_id) {
            return Err(metadata_error("client_id must be sent, and be this client's"));
        }
        if let Some(secret) = &sent.client_secret {
            let stored = self.store.client(client_id).await?.ok_or_else(invalid_token)?;
            let hash = hash_token(secret);
            if !stored.secret_hash.as_deref().is_some_and(|h| same(h, &hash)) {
                return Err(metadata_error("client_secret is not this client's secret"));
            }
        }
        let event = AuditEvent::ClientRegistrationUpdated;
        let changed =
            self.change_client(client_id, &spec, by, event, None).await.map_err(to_oauth)?;
        Ok(reply(self, &changed.client, changed.client_secret, None))
    }

    /// `DELETE /oauth2/register/{client_id}` (RFC 7592 section 2.3): the client goes, with
    /// every grant and token it holds.
    pub async fn delete_registration(
        &self,
        client_id: &str,
        bearer: Option<&str>,
        by: &ClientInfo,
    ) -> Result<(), OAuthError> {
        self.registered(client_id, bearer).await?;
        let event =
            Event::new(AuditEvent::ClientRegistrationDeleted).detail(format!("client {client_id}"));
        let delete =
            async |audit: &mut Audit| Ok(self.store.delete_client(client_id, audit).await?);
        self.audited(by, event, delete).await?;
        Ok(())
    }

    // ---- initial access tokens (the operator's) ----

    /// Makes an initial access token, good for `ttl` and `uses` registrations (`None`: any
    /// number). Returns it (shown once) with its listing.
    pub async fn create_initial_token(
        &self,
        label: &str,
        ttl: std::time::Duration,
        uses: Option<u32>,
        by: &ClientInfo,
    ) -> Result<(InitialToken, String)> {
        self.create_initial_token_by(label, ttl, uses, by, None).await
    }

    /// [`Auth::create_initial_token`], recorded as the admin API key `key`'s doing when there
    /// is one.
    pub(super) async fn create_initial_token_by(
        &self,
        label: &str,
        ttl: std::time::Duration,
        uses: Option<u32>,
        by: &ClientInfo,
        key: Option<&str>,
    ) -> Result<(InitialToken, String)> {
        let label = label.trim();
        if label.is_empty() || label.chars().count() > 200 {
            return Err(AppError::bad_request(
                ErrorCode::InvalidField,
                "a label of 1 to 200 characters is required",
            ));
        }
        let now = now_ms();
        let token = OpaqueToken::generate();
        let made = InitialToken {
            id: OpaqueToken::generate().plain[..16].to_owned(),
            label: label.to_owned(),
            created_at: now,
            expires_at: now.saturating_add(ttl.as_millis().min(i64::MAX as u128) as i64),
            uses_left: uses.map(i64::from),
        };
        self.store.insert_initial_token(&made, &token.hash).await?;
        let what = format!("registration token {}: {}", made.id, made.label);
        let event = keyed_event(AuditEvent::AdminRegistrationTokenCreate, key, what);
        self.audit(by, event).await;
        Ok((made, token.plain))
    }

    pub async fn initial_tokens(&self) -> Result<Vec<InitialToken>> {
        Ok(self.store.initial_tokens().await?)
    }

    /// Revokes an initial access token. `404` when there is none with that id.
    pub async fn revoke_initial_token(&self, id: &str, by: &ClientInfo) -> Result<()> {
        self.revoke_initial_token_by(id, by, None).await
    }

    /// [`Auth::revoke_initial_token`], recorded as the admin API key `key`'s doing when there
    /// is one.
    pub(super) async fn revoke_initial_token_by(
        &self,
        id: &str,
        by: &ClientInfo,
        key: Option<&str>,
    ) -> Result<()> {
        let what = format!("registration token {id}");
        let event = keyed_event(AuditEvent::AdminRegistrationTokenRevoke, key, what);
        let delete =
            async |audit: &mut Audit| Ok(self.store.delete_initial_token(id, audit).await?);
        if self.audited(by, event, delete).await? {
            Ok(())
        } else {
            Err(AppError::not_found(ErrorCode::NotFound, "No registration token has that id"))
        }
    }
}
