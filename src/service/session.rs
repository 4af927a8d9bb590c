//! Session flows after login: refresh, authenticate, logout, list and revoke sessions.

use super::audit::Event;
use super::{Auth, ClientInfo};
use crate::auth::jwt::TokenError;
use crate::auth::{hash_token, AuthContext, OpaqueToken};
use crate::clock::now_ms;
use crate::domain::{AuditEvent, Session, User};
use crate::error::{AppError, ErrorCode, Result};
use crate::store::{Audit, LiveSession, RefreshOutcome, Rotated};

/// Touch `last_used_at` at most this often.
const TOUCH_INTERVAL_MS: i64 = 60_000;

/// A live session and its user: the proof that a request is authenticated.
#[derive(Debug, Clone)]
pub struct Authenticated {
    pub session: Session,
    pub user: User,
    /// The user has TOTP on (read with the session).
    pub totp: bool,
    /// Who sent the request (for the audit log); filled in by the HTTP layer.
    pub client: ClientInfo,
}

/// What a request means to do with its session. Every way of authenticating a session takes
/// one, so no route can skip the write budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Reads only (`GET`, `HEAD`, `OPTIONS`).
    Read,
    /// Changes something: spends one token of the user's write budget and one of the client
    /// IP's before anything else happens (`429` with `Retry-After` when either is spent).
    Write { ip: Option<std::net::IpAddr> },
}

/// Fresh tokens for a session.
pub struct Tokens {
    pub access_token: String,
    pub expires_in: i64,
    pub refresh_token: String,
    /// The access token is bound to a DPoP key (`token_type: "DPoP"`).
    pub dpop_bound: bool,
}

impl std::fmt::Debug for Tokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Tokens([redacted])")
    }
}

fn invalid_dpop_proof() -> AppError {
    AppError::unauthorized(
        ErrorCode::InvalidRefreshToken,
        "This session is bound to a DPoP key: send a valid DPoP proof made with it",
    )
}

fn invalid_refresh() -> AppError {
    AppError::unauthorized(ErrorCode::InvalidRefreshToken, "Invalid or expired refresh token")
}

impl Auth {
    /// Rotates a refresh token: the old one is spent, a new pair is issued. With a DPoP proof
    /// (RFC 9449) the session opts into DPoP: it is bound to the proof's key, its access
    /// tokens carry `cnf.jkt`, and each later refresh needs a proof of the same key (one
    /// without is refused before the token is spent).
    pub async fn refresh(&self, refresh_token: Option<&str>, dpop: Option<&str>) -> Result<Tokens> {
        let presented = refresh_token
            .filter(|t| !t.is_empty())
            .ok_or_else(|| AppError::missing("refresh_token"))?;
        let jkt = match dpop {
            None => None,
            Some(proof) => {
                let url = format!("{}/api/auth/refresh", self.settings.public_url);
                let want = super::dpop::Expected {
                    htm: "POST",
                    htu: &url,
                    access_token: None,
                    nonce: false,
                };
                Some(self.check_dpop(proof, &want).await.map_err(|_| invalid_dpop_proof())?)
            }
        };
        let old_hash = hash_token(presented.trim());
        let next = OpaqueToken::generate();
        let now = now_ms();
        let grace = self.settings.refresh_reuse_grace.as_millis() as i64;
        match self.store.rotate_refresh(&old_hash, &next.hash, jkt.as_deref(), now, grace).await? {
            RefreshOutcome::Rotated(found) => {
                let Rotated { session, user, active_org_id } = *found;
                let context =
                    AuthContext { amr: session.amr.clone(), auth_time: session.auth_time / 1000 };
                // Only a session that acts for an organisation reads it (with the role).
                let org = match active_org_id {
                    Some(_) => self.store.active_org(&session.id).await?,
                    None => None,
                };
                let org = org.map(|(o, role)| self.org_claims(&o, &role));
                let access_token = self.jwt.issue_with(
                    &user.id,
                    &session.id,
                    &context,
                    now / 1000,
                    jkt.as_deref(),
                    org,
                )?;
                Ok(Tokens {
                    access_token,
                    expires_in: self.jwt.ttl_secs(),
                    refresh_token: next.plain,
                    dpop_bound: jkt.is_some(),
                })
            }
            RefreshOutcome::WrongKey => Err(invalid_dpop_proof()),
            RefreshOutcome::SpentWithinGrace | RefreshOutcome::Invalid => Err(invalid_refresh()),
            RefreshOutcome::ReuseDetected => {
                tracing::warn!("spent refresh token presented again; its session is revoked");
                Err(invalid_refresh())
            }
        }
    }

    /// Authenticates an access token: signature, algorithm, expiry, issuer, audience, and that
    /// its session is still live and its user active.
    pub async fn authenticate_bearer(&self, token: &str, access: Access) -> Result<Authenticated> {
        let claims = self.verified_access_token(token).await?;
        // A DPoP-bound token is never a bearer token (RFC 9449 section 7.1).
        if claims.cnf.is_some() {
            return Err(AppError::unauthenticated());
        }
        self.session_of(&claims, access).await
    }

    /// Authenticates a DPoP-bound access token (`Authorization: DPoP`) with the request's
    /// proof: made by the key the token is bound to, for this method and URL, with the token's
    /// hash (`ath`), once.
    pub async fn authenticate_dpop(
        &self,
        token: &str,
        proof: Option<&str>,
        method: &str,
        path: &str,
        access: Access,
    ) -> Result<Authenticated> {
        let claims = self.verified_access_token(token).await?;
        let (Some(cnf), Some(proof)) = (&claims.cnf, proof) else {
            return Err(AppError::unauthenticated());
        };
        let url = format!("{}{path}", self.settings.public_url);
        let want = super::dpop::Expected {
            htm: method,
            htu: &url,
            access_token: Some(token),
            nonce: false,
        };
        match self.check_dpop(proof, &want).await {
            Ok(jkt) if jkt == cnf.jkt => self.session_of(&claims, access).await,
            _ => Err(AppError::unauthenticated()),
        }
    }

    async fn session_of(
        &self,
        claims: &crate::auth::AccessClaims,
        access: Access,
    ) -> Result<Authenticated> {
        let now = now_ms();
        let live = self
            .store
            .session_by_id(&claims.sid, now)
            .await?
            .filter(|l| l.user.id == claims.sub)
            .ok_or_else(AppError::unauthenticated)?;
        // A token that acts for an organisation does so while its session still does and its
        // user is still a member with that role (a removal ends it at once).
        if let Some(org) = &claims.org {
            if !self.org_claims_hold(&claims.sid, org).await? {
                return Err(AppError::unauthenticated());
            }
        }
        self.authenticated(live, now, access).await
    }

    async fn verified_access_token(&self, token: &str) -> Result<crate::auth::AccessClaims> {
        let claims = match self.jwt.verify(token) {
            Ok(c) => c,
            Err(TokenError::UnknownKey) => {
                // Maybe another node rotated keys: look once more (at a bounded rate).
                if !self.reload_keys_for_unknown_kid().await? {
                    return Err(AppError::unauthenticated());
                }
                self.jwt.verify(token).map_err(|_| AppError::unauthenticated())?
            }
            Err(TokenError::Invalid) => return Err(AppError::unauthenticated()),
        };
        Ok(claims)
    }

    /// Authenticates a session-cookie token.
    pub async fn authenticate_cookie(&self, token: &str, access: Access) -> Result<Authenticated> {
        let now = now_ms();
        let live = self
            .store
            .session_by_token(&hash_token(token), now)
            .await?
            .ok_or_else(AppError::unauthenticated)?;
        self.authenticated(live, now, access).await
    }

    /// Authenticates the administration console's session cookie: a console session only.
    pub async fn authenticate_console_cookie(
        &self,
        token: &str,
        access: Access,
    ) -> Result<Authenticated> {
        let now = now_ms();
        let live = self
            .store
            .session_by_token(&hash_token(token), now)
            .await?
            .filter(|l| l.session.console)
            .ok_or_else(AppError::unauthenticated)?;
        self.authenticated_any(live, now, access).await
    }

    /// Every way in but the console's: a console session is no session here.
    async fn authenticated(
        &self,
        live: LiveSession,
        now: i64,
        access: Access,
    ) -> Result<Authenticated> {
        if live.session.console {
            return Err(AppError::unauthenticated());
        }
        self.authenticated_any(live, now, access).await
    }

    async fn authenticated_any(
        &self,
        live: LiveSession,
        now: i64,
        access: Access,
    ) -> Result<Authenticated> {
        if let Access::Write { ip } = access {
            self.limits.check_write(&live.user.id, ip, now).await?;
        }
        self.touch(&live.session, now).await?;
        Ok(Authenticated {
            session: live.session,
            user: live.user,
            totp: live.totp,
            client: ClientInfo::default(),
        })
    }

    async fn touch(&self, session: &Session, now: i64) -> Result<()> {
        if now - session.last_used_at >= TOUCH_INTERVAL_MS {
            self.store.touch_session(&session.id, now, TOUCH_INTERVAL_MS).await?;
        }
        Ok(())
    }

    /// Ends the session (cookie and access tokens stop working at once).
    pub async fn logout(&self, auth: &Authenticated) -> Result<()> {
        let event = Event::new(AuditEvent::Logout).user(&auth.user.id);
        let revoke = async |audit: &mut Audit| {
            Ok(self.store.revoke_session(&auth.session.id, now_ms(), audit).await?)
        };
        self.audited(&auth.client, event, revoke).await?;
        Ok(())
    }

    /// Ends the session named by a cookie token, if it is live (legacy logout routes).
    /// `false`: there was no such live session.
    pub async fn logout_cookie(&self, token: &str, client: &ClientInfo) -> Result<bool> {
        let Some(LiveSession { session, user, .. }) =
            self.store.session_by_token(&hash_token(token), now_ms()).await?
        else {
            return Ok(false);
        };
        let event = Event::new(AuditEvent::Logout).user(&user.id);
        let revoke = async |audit: &mut Audit| {
            Ok(self.store.revoke_session(&session.id, now_ms(), audit).await?)
        };
        self.audited(client, event, revoke).await
    }

    pub async fn sessions(&self, auth: &Authenticated) -> Result<Vec<Session>> {
        Ok(self.store.list_sessions(&auth.user.id, now_ms()).await?)
    }

    /// Revokes one of the caller's sessions. `404` when it is not a live session of theirs.
    pub async fn revoke_session(&self, auth: &Authenticated, id: &str) -> Result<()> {
        let event = Event::new(AuditEvent::SessionRevoke)
            .user(&auth.user.id)
            .detail(format!("session {id}"));
        let revoke = async |audit: &mut Audit| {
            Ok(self.store.revoke_user_session(&auth.user.id, id, now_ms(), audit).await?)
        };
        if self.audited(&auth.client, event, revoke).await? {
            Ok(())
        } else {
            Err(AppError::not_found(ErrorCode::SessionNotFound, "Session not found"))
        }
    }

    /// Revokes every session of the caller but the current one.
    pub async fn revoke_other_sessions(&self, auth: &Authenticated) -> Result<u64> {
        let event =
            Event::new(AuditEvent::SessionRevoke).user(&auth.user.id).detail("other sessions");
        let keep = Some(auth.session.id.as_str());
        let revoke = async |audit: &mut Audit| {
            Ok(self.store.revoke_sessions(&auth.user.id, keep, now_ms(), audit).await?)
        };
        self.audited(&auth.client, event, revoke).await
    }
}
