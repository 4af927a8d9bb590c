//! The device authorization grant (RFC 8628, docs/provider.md), for command-line tools and
//! devices without a browser: the device asks for a device code and a user code
//! (`/oauth2/device_authorization`), the person enters the user code on the verification page
//! (`/oauth2/device`, signed in) and allows or denies, and the device polls the token endpoint
//! until it gets its tokens, once.
//!
//! Everything is in the database (any node answers any step). What the person allows is a
//! grant like the code flow's, made in their browser's session: it ends as every grant does
//! (revocation, a password change, and without `offline_access` the end of that session).
//!
//! A user code is short (eight letters, about 2^34.6 values), so the page holds each person and
//! each client address to the failure budget of logins (`PORTCULLIS_LOGIN_FAILURES_PER_HOUR`:
//! a few free, then doubling delays, then a lock until the window ends): a code that names no
//! pending request spends both, and while either waits no code is looked at.

use serde::Serialize;

use super::audit::Event;
use super::provider::{OAuthError, TokenParams, TokenResponse};
use super::{Auth, Authenticated};
use crate::auth::token::random_bytes;
use crate::auth::{hash_token, OpaqueToken};
use crate::clock::now_ms;
use crate::domain::client::scope_list;
use crate::domain::device::{UserCode, DEVICE_CODE_GRANT};
use crate::domain::{AuditEvent, OAuthClient};
use crate::error::{AppError, ErrorCode, Result};
use crate::limit::{client_key, ThrottleKey};
use crate::store::{DevicePoll, Grant, NewDeviceCode};

/// A device authorization request lives this long (RFC 8628's `expires_in`).
pub const DEVICE_CODE_TTL_MS: i64 = 600_000;

/// The least time between two polls at first, in seconds (`interval`).
pub const POLL_INTERVAL: i64 = 5;

/// What each `slow_down` adds to the interval, in seconds (RFC 8628 section 3.5).
const SLOW_DOWN_STEP: i64 = 5;

/// User codes drawn before giving up (each draw collides with a stored one about once in
/// 2^34 per stored request).
const CODE_DRAWS: usize = 5;

/// The device authorization response (RFC 8628 section 3.2). Its `Debug` shows no code.
#[derive(Serialize)]
pub struct DeviceAuthorization {
    pub device_code: String,
    /// As people are shown it: `BCDF-GHJK`.
    pub user_code: String,
    pub verification_uri: String,
    pub verification_uri_complete: String,
    pub expires_in: i64,
    pub interval: i64,
}

impl std::fmt::Debug for DeviceAuthorization {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeviceAuthorization")
            .field("verification_uri", &self.verification_uri)
            .field("expires_in", &self.expires_in)
            .field("interval", &self.interval)
            .finish_non_exhaustive()
    }
}

/// A pending request as the verification page shows it, to be allowed or denied.
#[derive(Debug, Clone)]
pub struct DeviceRequest {
    pub user_code: UserCode,
    pub client: OAuthClient,
    pub scopes: Vec<String>,
}

/// What the person chose on the confirmation page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeviceDecision {
    Allow,
    Deny,
}

/// The stored form of a user code.
fn user_code_hash(code: &UserCode) -> String {
    hash_token(&format!("user-code:{}", code.as_str()))
}

/// The one answer for a code that names no pending request, whatever the reason (unknown,
/// mistyped, expired, decided already): the page says nothing more.
fn invalid_user_code() -> AppError {
    AppError::bad_request(
        ErrorCode::InvalidCode,
        "That code is not valid. Check it against the one your device shows, or start again \
         on the device.",
    )
}

impl Auth {
    /// `POST /oauth2/device_authorization` for an authenticated `client`: a new request for
    /// `scope` (each allowed to the client; none at all is plain OAuth: an access token alone).
    /// `400 unauthorized_client` for a client not allowed the device grant, `400
    /// invalid_scope` for a scope it may not ask for.
    pub async fn device_authorization(
        &self,
        client: &OAuthClient,
        scope: Option<&str>,
    ) -> std::result::Result<DeviceAuthorization, OAuthError> {
        if !client.allows_grant(DEVICE_CODE_GRANT) {
            return Err(OAuthError::new(
                400,
                "unauthorized_client",
                "this client may not use the device authorization grant",
            ));
        }
        let scopes = scope_list(scope.unwrap_or(""));
        if let Some(s) = scopes.iter().find(|s| !client.scopes.contains(s)) {
            return Err(OAuthError::new(
                400,
                "invalid_scope",
                format!("scope {s} is not allowed for this client"),
            ));
        }
        let device_code = OpaqueToken::generate();
        let now = now_ms();
        for _ in 0..CODE_DRAWS {
            let Some(user_code) = UserCode::from_random(&random_bytes::<32>()) else { continue };
            let row = NewDeviceCode {
                device_hash: device_code.hash.clone(),
                user_code_hash: user_code_hash(&user_code),
                client_id: client.client_id.clone(),
                scope: scopes.join(" "),
                now,
                expires_at: now + DEVICE_CODE_TTL_MS,
                interval: POLL_INTERVAL,
            };
            if self.store.insert_device_code(&row).await? {
                let verification_uri = format!("{}/oauth2/device", self.settings.public_url);
                let verification_uri_complete =
                    format!("{verification_uri}?user_code={}", user_code.display());
                return Ok(DeviceAuthorization {
                    device_code: device_code.plain,
                    user_code: user_code.display(),
                    verification_uri,
                    verification_uri_complete,
                    expires_in: DEVICE_CODE_TTL_MS / 1000,
                    interval: POLL_INTERVAL,
                });
            }
        }
        Err(anyhow::anyhow!("no free user code in {CODE_DRAWS} draws").into())
    }

    /// The token endpoint's `urn:ietf:params:oauth:grant-type:device_code` grant (RFC 8628
    /// section 3.4): `authorization_pending` until the person answers, `slow_down` (and a
    /// longer interval) for a poll sooner than the interval, `access_denied`, `expired_token`;
    /// once allowed, the tokens, once (`invalid_grant` after).
    pub(super) async fn device_code_grant(
        &self,
        client: &OAuthClient,
        p: &TokenParams,
        jkt: Option<&str>,
    ) -> std::result::Result<TokenResponse, OAuthError> {
        if p.resource.is_some() {
            // The device authorization request names none, so there is none to repeat.
            return Err(OAuthError::new(
                400,
                "invalid_target",
                "the device flow does not take a resource",
            ));
        }
        let code = p
            .device_code
            .as_deref()
            .filter(|c| !c.is_empty())
            .ok_or_else(|| OAuthError::invalid_request("device_code is missing"))?;
        let now = now_ms();
        let hash = hash_token(code);
        let poll = self.store.poll_device_code(&hash, &client.client_id, now, SLOW_DOWN_STEP);
        let grant = match poll.await? {
            DevicePoll::Approved(grant) => grant,
            DevicePoll::Pending => {
                return Err(OAuthError::new(
                    400,
                    "authorization_pending",
                    "the person has not answered yet",
                ))
            }
            DevicePoll::SlowDown => {
                return Err(OAuthError::new(
                    400,
                    "slow_down",
                    format!("polled too soon: wait {SLOW_DOWN_STEP} seconds more between polls"),
                ))
            }
            DevicePoll::Denied => {
                return Err(OAuthError::new(400, "access_denied", "the person denied the request"))
            }
            DevicePoll::Expired => {
                return Err(OAuthError::new(400, "expired_token", "the device code has expired"))
            }
            DevicePoll::Invalid => {
                return Err(OAuthError::invalid_grant(
                    "the device code is invalid or was used already",
                ))
            }
        };
        // As for a code: a grant whose session ended before the device came for its tokens
        // gives nothing (the code is spent either way).
        if !grant.session_live {
            self.store.revoke_grant(&grant.grant.id, now).await?;
            return Err(OAuthError::invalid_grant("the session that allowed the device has ended"));
        }
        let scopes = scope_list(&grant.grant.scope);
        let refresh = if scopes.iter().any(|s| s == "offline_access")
            && client.allows_grant("refresh_token")
        {
            Some(self.new_provider_refresh(&grant.grant.id, &grant.grant.scope, now).await?)
        } else {
            None
        };
        if let (Some(jkt), true) = (jkt, client.is_public()) {
            // A public client's refresh tokens are bound to its DPoP key (RFC 9449 section 5).
            self.store.bind_grant_to_dpop_key(&grant.grant.id, jkt).await?;
        }
        let bound = super::provider::Bound { resource: None, jkt };
        self.tokens_for(client, &grant, &scopes, None, refresh, now, bound).await
    }

    /// The failure budgets a code entered by `auth` spends: the person's and their address's.
    fn device_budgets(&self, auth: &Authenticated) -> Vec<ThrottleKey> {
        let mut budgets =
            vec![ThrottleKey::identifier(&format!("device_user_code user {}", auth.user.id))];
        if let Some(ip) = auth.client.ip.as_deref().and_then(|ip| ip.parse().ok()) {
            let key = format!("device_user_code ip {}", client_key(ip));
            budgets.push(ThrottleKey::identifier(&key));
        }
        budgets
    }

    /// The pending request whose user code is `input` (as typed: case, dashes and spaces do
    /// not matter), for the person `auth` to allow or deny. `400 invalid_code` for anything
    /// else, with one message whatever the reason, spending the person's and the address's
    /// failure budgets; `429` while either waits, before any code is looked at.
    pub async fn device_request(&self, auth: &Authenticated, input: &str) -> Result<DeviceRequest> {
        if self.must_enrol(auth) {
            return Err(AppError::forbidden(
                ErrorCode::MfaEnrollmentRequired,
                "Set up two-factor authentication first",
            ));
        }
        let now = now_ms();
        let budgets = self.device_budgets(auth);
        for budget in &budgets {
            self.limits.login_allowed(*budget, now).await?;
        }
        let found = match UserCode::parse(input) {
            Some(code) => {
                let pending = self.store.pending_device_code(&user_code_hash(&code), now).await?;
                match pending {
                    Some(p) => {
                        let client = self.store.client(&p.client_id).await?.map(|c| c.client);
                        // A client no longer allowed the grant would be refused its tokens.
                        client
                            .filter(|c| c.allows_grant(DEVICE_CODE_GRANT))
                            .map(|client| (code, client, p.scope))
                    }
                    None => None,
                }
            }
            None => None,
        };
        let Some((user_code, client, scope)) = found else {
            for budget in &budgets {
                self.limits.login_failed(*budget, now).await;
            }
            return Err(invalid_user_code());
        };
        Ok(DeviceRequest { user_code, client, scopes: scope_list(&scope) })
    }

    /// The person's decision on the request whose user code is `input` (checked again, as
    /// [`Auth::device_request`] does). Allowing makes a grant in their session, with the
    /// session's `amr` and `auth_time`, and remembers the consent (the account page lists
    /// it); denying ends the request. Audited either way (`oauth_device`). `400 invalid_code`
    /// when the request is no longer pending.
    pub async fn decide_device(
        &self,
        auth: &Authenticated,
        input: &str,
        decision: DeviceDecision,
    ) -> Result<DeviceRequest> {
        let req = self.device_request(auth, input).await?;
        let hash = user_code_hash(&req.user_code);
        let client_id = req.client.client_id.clone();
        let now = now_ms();
        let detail = format!("client {client_id} scope {}", req.scopes.join(" "));
        let done = match decision {
            DeviceDecision::Allow => {
                let grant = Grant {
                    id: uuid::Uuid::now_v7().to_string(),
                    user_id: auth.user.id.clone(),
                    client_id: client_id.clone(),
                    session_id: auth.session.id.clone(),
                    scope: req.scopes.join(" "),
                    amr: auth.session.amr.iter().map(|m| m.as_str()).collect::<Vec<_>>().join(" "),
                    auth_time: auth.session.auth_time,
                    resource: None,
                    dpop_jkt: None,
                };
                let mut consent =
                    self.store.consent(&auth.user.id, &client_id).await?.unwrap_or_default();
                for s in &req.scopes {
                    if !consent.contains(s) {
                        consent.push(s.clone());
                    }
                }
                let consent = consent.join(" ");
                let event =
                    Event::new(AuditEvent::DeviceApproved).user(&auth.user.id).detail(detail);
                let approve = async |audit: &mut crate::store::Audit| {
                    Ok(self.store.approve_device_code(&hash, &grant, &consent, now, audit).await?)
                };
                self.audited(&auth.client, event, approve).await?
            }
            DeviceDecision::Deny => {
                let event = Event::new(AuditEvent::DeviceDenied).user(&auth.user.id).detail(detail);
                let user_id = auth.user.id.as_str();
                let deny = async |audit: &mut crate::store::Audit| {
                    Ok(self.store.deny_device_code(&hash, &client_id, user_id, now, audit).await?)
                };
                self.audited(&auth.client, event, deny).await?
            }
        };
        if done {
            Ok(req)
        } else {
            Err(invalid_user_code())
        }
    }
}
