//! Registering the applications that sign their users in through Portcullis: the command line
//! (`portcullis client ...`), the admin API (`/api/admin/clients`) and the configuration
//! (`PORTCULLIS_CLIENT_<ID>_*`) all come here, so they share one set of rules
//! ([`OAuthClient::validate`]) and one audit trail.
//!
//! A confidential client's secret is 256 random bits, shown once and stored as its SHA-256
//! (like every token here: a fast hash is enough for a value nobody can guess, and Argon2 on
//! every token request would make the token endpoint as slow as a login).

use super::audit::Event;
use super::{Auth, ClientInfo};
use crate::auth::{hash_token, OpaqueToken};
use crate::clock::now_ms;
use crate::domain::client::{MANAGED_BY_API, MANAGED_BY_CONFIG, MANAGED_BY_METADATA_DOCUMENT};
use crate::domain::{AuditEvent, AuthMethod, OAuthClient};
use crate::error::{AppError, ErrorCode, Result};
use crate::store::Audit;

/// What a registration says; unset fields take the defaults (or, on update, keep their value).
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClientSpec {
    /// Chosen by the operator (letters, digits, `-._~`), or generated.
    pub client_id: Option<String>,
    pub name: Option<String>,
    pub redirect_uris: Option<Vec<String>>,
    pub post_logout_redirect_uris: Option<Vec<String>>,
    /// `authorization_code`, `refresh_token`, `client_credentials`,
    /// `urn:ietf:params:oauth:grant-type:device_code`. Default: the first two.
    pub grant_types: Option<Vec<String>>,
    /// Default: `openid profile email offline_access`.
    pub scopes: Option<Vec<String>>,
    pub backchannel_logout_uri: Option<String>,
    /// A first-party application: no consent page.
    pub skip_consent: Option<bool>,
    /// `client_secret_basic` (default), `client_secret_post`, `private_key_jwt`, or `none` (a
    /// public client; what `public: true` means).
    pub token_endpoint_auth_method: Option<String>,
    pub public: Option<bool>,
    pub jwks_uri: Option<String>,
    /// `RS256` (default), `ES256` or `EdDSA`.
    pub id_token_signed_response_alg: Option<String>,
    /// The resource indicators (RFC 8707) it may ask tokens for: absolute URIs, or prefixes
    /// written `https://api.example.com/*`.
    pub resources: Option<Vec<String>>,
    /// It must push its authorization requests (RFC 9126).
    pub require_pushed_authorization_requests: Option<bool>,
}

/// A client just registered (or given a new secret): the secret, when it has one, is shown
/// this once.
pub struct Registered {
    pub client: OAuthClient,
    pub client_secret: Option<String>,
}

impl std::fmt::Debug for Registered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registered").field("client", &self.client).finish_non_exhaustive()
    }
}

/// A client as the command line prints it and the admin API answers it: the registration's
/// names are OAuth's (RFC 7591), and `client_secret` appears only when it was just made.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct ClientView {
    pub client_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
    pub name: String,
    pub token_endpoint_auth_method: &'static str,
    pub redirect_uris: Vec<String>,
    pub post_logout_redirect_uris: Vec<String>,
    pub grant_types: Vec<String>,
    pub scopes: Vec<String>,
    pub backchannel_logout_uri: Option<String>,
    pub skip_consent: bool,
    pub jwks_uri: Option<String>,
    pub id_token_signed_response_alg: String,
    pub resources: Vec<String>,
    pub require_pushed_authorization_requests: bool,
    /// `api` (command line, admin API), `config` (rewritten from the configuration at start),
    /// `dynamic` (registered itself at `/oauth2/register`) or `document` (its
    /// `client_id` is the URL of its metadata document, from which it is written).
    pub managed_by: String,
    pub created_at: String,
    pub updated_at: String,
}

impl ClientView {
    pub fn new(c: &OAuthClient, secret: Option<String>) -> Self {
        Self {
            client_id: c.client_id.clone(),
            client_secret: secret,
            name: c.name.clone(),
            token_endpoint_auth_method: c.auth_method.as_str(),
            redirect_uris: c.redirect_uris.clone(),
            post_logout_redirect_uris: c.post_logout_redirect_uris.clone(),
            grant_types: c.grant_types.clone(),
            scopes: c.scopes.clone(),
            backchannel_logout_uri: c.backchannel_logout_uri.clone(),
            skip_consent: c.skip_consent,
            jwks_uri: c.jwks_uri.clone(),
            id_token_signed_response_alg: c.id_token_alg.clone(),
            resources: c.resources.clone(),
            require_pushed_authorization_requests: c.require_par,
            managed_by: c.managed_by.clone(),
            created_at: crate::clock::rfc3339(c.created_at),
            updated_at: crate::clock::rfc3339(c.updated_at),
        }
    }
}

impl From<Registered> for ClientView {
    fn from(r: Registered) -> Self {
        Self::new(&r.client, r.client_secret)
    }
}

pub(super) fn invalid(message: impl Into<String>) -> AppError {
    AppError::bad_request(ErrorCode::InvalidClient, message.into())
}

pub(super) fn no_such_client() -> AppError {
    AppError::not_found(ErrorCode::ClientNotFound, "No client has that client_id")
}

/// Applies `spec` over `base` (a new client's defaults, or the stored registration).
pub(super) fn apply(mut c: OAuthClient, spec: &ClientSpec) -> Result<OAuthClient> {
    if let Some(v) = &spec.name {
        c.name = v.trim().to_owned();
    }
    let list = |v: &Vec<String>| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for s in v.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
            if !out.iter().any(|o| o == s) {
                out.push(s.to_owned());
            }
        }
        out
    };
    if let Some(v) = &spec.redirect_uris {
        c.redirect_uris = list(v);
    }
    if let Some(v) = &spec.post_logout_redirect_uris {
        c.post_logout_redirect_uris = list(v);
    }
    if let Some(v) = &spec.grant_types {
        c.grant_types = list(v);
    }
    if let Some(v) = &spec.scopes {
        c.scopes = list(v);
    }
    if let Some(v) = &spec.backchannel_logout_uri {
        c.backchannel_logout_uri = Some(v.trim().to_owned()).filter(|s| !s.is_empty());
    }
    if let Some(v) = spec.skip_consent {
        c.skip_consent = v;
    }
    if let Some(v) = &spec.jwks_uri {
        c.jwks_uri = Some(v.trim().to_owned()).filter(|s| !s.is_empty());
    }
    if let Some(v) = &spec.resources {
        c.resources = list(v);
    }
    if let Some(v) = spec.require_pushed_authorization_requests {
        c.require_par = v;
    }
    if let Some(v) = &spec.id_token_signed_response_alg {
        c.id_token_alg = v.trim().to_owned();
    }
    match (spec.public, spec.token_endpoint_auth_method.as_deref()) {
        (Some(true), None | Some("none")) => c.auth_method = AuthMethod::None,
        (Some(true), Some(m)) => {
            return Err(invalid(format!("a public client authenticates with none, not {m}")))
        }
        (_, Some(m)) => {
            c.auth_method = m.parse().map_err(|_| {
                invalid(
                    "token_endpoint_auth_method must be client_secret_basic, \
                     client_secret_post, private_key_jwt or none",
                )
            })?;
        }
        (Some(false), None) if c.auth_method == AuthMethod::None => {
            c.auth_method = AuthMethod::ClientSecretBasic;
        }
        _ => {}
    }
    c.validate().map_err(invalid)?;
    Ok(c)
}

pub(super) fn defaults(client_id: String, now: i64, managed_by: &str) -> OAuthClient {
    OAuthClient {
        client_id,
        name: String::new(),
        auth_method: AuthMethod::ClientSecretBasic,
        redirect_uris: Vec::new(),
        post_logout_redirect_uris: Vec::new(),
        grant_types: vec!["authorization_code".into(), "refresh_token".into()],
        scopes: ["openid", "profile", "email", "offline_access"].map(String::from).to_vec(),
        backchannel_logout_uri: None,
        skip_consent: false,
        jwks_uri: None,
        id_token_alg: "RS256".into(),
        resources: Vec::new(),
        require_par: false,
        managed_by: managed_by.to_owned(),
        created_at: now,
        updated_at: now,
    }
}

/// The record of a change to `client_id`: by an admin caller `by` (`key <id>` or
/// `admin <user id>`, as every admin call's record names it), or by the operator at the
/// command line when there is none.
fn client_event(kind: AuditEvent, client_id: &str, by: Option<&str>) -> Event<'static> {
    keyed_event(kind, by, format!("client {client_id}"))
}

/// An operator's change, `what`, recorded as an admin caller's doing (`by`: `key <id>` or
/// `admin <user id>`) when there is one.
pub(super) fn keyed_event(kind: AuditEvent, by: Option<&str>, what: String) -> Event<'static> {
    match by {
        Some(by) => Event::new(kind).detail(format!("{by}: {what}")),
        None => Event::new(kind).detail(what),
    }
}

/// A new secret for a client that authenticates with one.
pub(super) fn new_secret(c: &OAuthClient) -> Option<OpaqueToken> {
    c.auth_method.uses_secret().then(OpaqueToken::generate)
}

impl Auth {
    /// Registers a client. `409` when the chosen `client_id` is taken.
    pub async fn create_client(&self, spec: &ClientSpec, by: &ClientInfo) -> Result<Registered> {
        self.create_client_by(spec, by, None).await
    }

    /// [`Auth::create_client`], recorded as the admin API key `key`'s doing when there is one.
    pub(super) async fn create_client_by(
        &self,
        spec: &ClientSpec,
        by: &ClientInfo,
        key: Option<&str>,
    ) -> Result<Registered> {
        let now = now_ms();
        let id = match &spec.client_id {
            Some(id) => id.trim().to_owned(),
            None => OpaqueToken::generate().plain[..22].to_owned(),
        };
        let client = apply(defaults(id, now, MANAGED_BY_API), spec)?;
        if self.store.client(&client.client_id).await?.is_some() {
            return Err(AppError::conflict(ErrorCode::InvalidClient, "That client_id is taken"));
        }
        let secret = new_secret(&client);
        self.store.insert_client(&client, secret.as_ref().map(|s| s.hash.as_str())).await?;
        self.audit(by, client_event(AuditEvent::AdminClientCreate, &client.client_id, key)).await;
        Ok(Registered { client, client_secret: secret.map(|s| s.plain) })
    }

    pub async fn clients(&self) -> Result<Vec<OAuthClient>> {
        Ok(self.store.clients().await?)
    }

    pub async fn client(&self, client_id: &str) -> Result<OAuthClient> {
        Ok(self.store.client(client_id).await?.ok_or_else(no_such_client)?.client)
    }

    /// Changes a registration; what `spec` leaves out is kept. A client that starts needing a
    /// secret gets one (returned, shown once); one that stops needing it loses it.
    pub async fn update_client(
        &self,
        client_id: &str,
        spec: &ClientSpec,
        by: &ClientInfo,
    ) -> Result<Registered> {
        self.update_client_by(client_id, spec, by, None).await
    }

    /// [`Auth::update_client`], recorded as the admin API key `key`'s doing when there is one.
    pub(super) async fn update_client_by(
        &self,
        client_id: &str,
        spec: &ClientSpec,
        by: &ClientInfo,
        key: Option<&str>,
    ) -> Result<Registered> {
        self.change_client(client_id, spec, by, AuditEvent::AdminClientUpdate, key).await
    }

    /// A change of registration, audited as `event` (an operator's change, by the admin API
    /// key `key` when there is one, or a registered client's own).
    pub(super) async fn change_client(
        &self,
        client_id: &str,
        spec: &ClientSpec,
        by: &ClientInfo,
        event: AuditEvent,
        key: Option<&str>,
    ) -> Result<Registered> {
        if spec.client_id.as_deref().is_some_and(|id| id != client_id) {
            return Err(invalid("client_id cannot be changed"));
        }
        let stored = self.store.client(client_id).await?.ok_or_else(no_such_client)?;
        if stored.client.managed_by == MANAGED_BY_METADATA_DOCUMENT {
            return Err(invalid(
                "this client is described by the metadata document at its \
                                client_id, which rewrites it: change the document",
            ));
        }
        let mut client = apply(stored.client, spec)?;
        client.updated_at = now_ms();
        if !self.store.update_client(&client).await? {
            return Err(no_such_client());
        }
        let secret = match (client.auth_method.uses_secret(), stored.secret_hash.is_some()) {
            (true, false) => new_secret(&client),
            _ => None,
        };
        if secret.is_some() || !client.auth_method.uses_secret() {
            let hash = secret.as_ref().map(|s| s.hash.as_str());
            self.store.set_client_secret(client_id, hash, client.updated_at).await?;
        }
        self.audit(by, client_event(event, client_id, key)).await;
        Ok(Registered { client, client_secret: secret.map(|s| s.plain) })
    }

    /// A new secret for a confidential client; the old one stops working at once.
    pub async fn rotate_client_secret(
        &self,
        client_id: &str,
        by: &ClientInfo,
    ) -> Result<Registered> {
        self.rotate_client_secret_by(client_id, by, None).await
    }

    /// [`Auth::rotate_client_secret`], recorded as the admin API key `key`'s doing when there
    /// is one.
    pub(super) async fn rotate_client_secret_by(
        &self,
        client_id: &str,
        by: &ClientInfo,
        key: Option<&str>,
    ) -> Result<Registered> {
        let client = self.client(client_id).await?;
        let secret = new_secret(&client)
            .ok_or_else(|| invalid("this client authenticates without a secret"))?;
        self.store.set_client_secret(client_id, Some(&secret.hash), now_ms()).await?;
        self.audit(by, client_event(AuditEvent::AdminClientRotateSecret, client_id, key)).await;
        Ok(Registered { client, client_secret: Some(secret.plain) })
    }

    /// Deletes a client with every grant and token it holds.
    pub async fn delete_client(&self, client_id: &str, by: &ClientInfo) -> Result<()> {
        self.delete_client_by(client_id, by, None).await
    }

    /// [`Auth::delete_client`], recorded as the admin API key `key`'s doing when there is one.
    pub(super) async fn delete_client_by(
        &self,
        client_id: &str,
        by: &ClientInfo,
        key: Option<&str>,
    ) -> Result<()> {
        let event = client_event(AuditEvent::AdminClientDelete, client_id, key);
        let delete =
            async |audit: &mut Audit| Ok(self.store.delete_client(client_id, audit).await?);
        if self.audited(by, event, delete).await? {
            Ok(())
        } else {
            Err(no_such_client())
        }
    }

    /// Writes the clients the configuration declares (`PORTCULLIS_CLIENT_<ID>_*`): each is
    /// created, or updated in place (never duplicated), at every start. Returns how many.
    pub async fn sync_declared_clients(&self) -> anyhow::Result<usize> {
        let by = ClientInfo { ip: None, user_agent: Some("configuration".into()) };
        for declared in &self.settings.clients {
            let now = now_ms();
            let stored = self.store.client(&declared.client_id).await?;
            let base = match &stored {
                Some(s) => s.client.clone(),
                None => defaults(declared.client_id.clone(), now, MANAGED_BY_CONFIG),
            };
            let mut client = apply(base, &declared.spec)
                .map_err(|e| anyhow::anyhow!("client {}: {}", declared.client_id, e))?;
            client.managed_by = MANAGED_BY_CONFIG.into();
            client.updated_at = now;
            let hash = declared
                .secret
                .as_ref()
                .map(|s| hash_token(crate::config::ExposeSecret::expose_secret(s)));
            anyhow::ensure!(
                !client.auth_method.uses_secret() || hash.is_some(),
                "client {}: PORTCULLIS_CLIENT_{}_SECRET is needed for {}",
                declared.client_id,
                declared.client_id.to_ascii_uppercase(),
                client.auth_method.as_str()
            );
            if stored.is_none() {
                self.store.insert_client(&client, hash.as_deref()).await?;
                let event = Event::new(AuditEvent::AdminClientCreate)
                    .detail(format!("client {} (configuration)", client.client_id));
                self.audit(&by, event).await;
            } else if stored.as_ref().is_some_and(|s| {
                let mut old = s.client.clone();
                old.updated_at = client.updated_at;
                old != client || s.secret_hash != hash
            }) {
                self.store.update_client(&client).await?;
                self.store.set_client_secret(&client.client_id, hash.as_deref(), now).await?;
                let event = Event::new(AuditEvent::AdminClientUpdate)
                    .detail(format!("client {} (configuration)", client.client_id));
                self.audit(&by, event).await;
            }
        }
        Ok(self.settings.clients.len())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_public_client_has_no_secret_and_no_client_credentials() {
        let spec = ClientSpec {
            name: Some("SPA".into()),
            redirect_uris: Some(vec!["https://spa.example/cb".into()]),
            public: Some(true),
            ..Default::default()
        };
        let c = apply(defaults("spa".into(), 0, MANAGED_BY_API), &spec).unwrap();
        assert!(c.is_public());
        assert!(new_secret(&c).is_none());
        let cc = ClientSpec { grant_types: Some(vec!["client_credentials".into()]), ..spec };
        assert!(apply(defaults("spa".into(), 0, MANAGED_BY_API), &cc).is_err());
    }

    #[test]
    fn registrations_are_checked() {
        let base = || defaults("x".into(), 0, MANAGED_BY_API);
        let named = |s: ClientSpec| ClientSpec { name: Some("n".into()), ..s };
        for bad in [
            ClientSpec {
                redirect_uris: Some(vec!["http://evil.example/cb".into()]),
                ..Default::default()
            },
            ClientSpec {
                redirect_uris: Some(vec!["https://a.example/cb#x".into()]),
                ..Default::default()
            },
            ClientSpec { grant_types: Some(vec!["password".into()]), ..Default::default() },
            ClientSpec {
                token_endpoint_auth_method: Some("private_key_jwt".into()),
                redirect_uris: Some(vec!["https://a/cb".into()]),
                ..Default::default()
            },
            ClientSpec {
                id_token_signed_response_alg: Some("none".into()),
                redirect_uris: Some(vec!["https://a/cb".into()]),
                ..Default::default()
            },
            ClientSpec { redirect_uris: Some(vec![]), ..Default::default() },
        ] {
            assert!(apply(base(), &named(bad.clone())).is_err(), "{bad:?}");
        }
    }
}
