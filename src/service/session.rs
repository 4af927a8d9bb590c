//! Session flows: login, refresh, authenticate, logout, list and revoke sessions.

use super::audit::Event;
use super::{Auth, ClientInfo};
use crate::auth::jwt::TokenError;
use crate::auth::{hash_token, OpaqueToken};
use crate::clock::now_ms;
use crate::domain::{email_key, username_key, Password, Session, User};
use crate::error::{AppError, ErrorCode, Result};
use crate::limit::ThrottleKey;
use crate::store::{NewSession, RefreshOutcome};

/// Touch `last_used_at` at most this often.
const TOUCH_INTERVAL_MS: i64 = 60_000;

/// What a login names the account by.
#[derive(Debug, Clone, Copy)]
pub enum Identifier<'a> {
    Email(&'a str),
    Username(&'a str),
}

/// A live session and its user: the proof that a request is authenticated.
#[derive(Debug, Clone)]
pub struct Authenticated {
    pub session: Session,
    pub user: User,
    /// Who sent the request (for the audit log); filled in by the HTTP layer.
    pub client: ClientInfo,
}

/// Fresh tokens for a session.
pub struct Tokens {
    pub access_token: String,
    pub expires_in: i64,
    pub refresh_token: String,
}

impl std::fmt::Debug for Tokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Tokens([redacted])")
    }
}

/// The result of a successful login.
#[derive(Debug)]
pub struct LoginOutcome {
    pub user: User,
    pub session_id: String,
    /// The plain session-cookie token.
    pub session_token: String,
    pub tokens: Tokens,
}

/// Longest email a login looks up (RFC 5321's path limit); longer cannot be an account.
const MAX_EMAIL_BYTES: usize = 320;
/// Longest username a login looks up, in characters (registration's limit).
const MAX_USERNAME_CHARS: usize = 32;

/// The lookup key of a login identifier and whether it is an email, refused with `400` before
/// any work when it is longer than any account's can be.
fn login_key(identifier: Identifier<'_>) -> Result<(String, bool)> {
    let (raw, by_email) = match identifier {
        Identifier::Email(e) => (e, true),
        Identifier::Username(u) => (u, u.contains('@')),
    };
    let raw = raw.trim();
    if by_email {
        if raw.len() > MAX_EMAIL_BYTES {
            return Err(AppError::bad_request(ErrorCode::InvalidEmail, "Invalid email format"));
        }
        return Ok((email_key(raw), true));
    }
    if raw.len() > 4 * MAX_USERNAME_CHARS || raw.chars().count() > MAX_USERNAME_CHARS {
        return Err(AppError::bad_request(ErrorCode::InvalidUsername, "Invalid username"));
    }
    Ok((username_key(raw), false))
}

fn invalid_credentials() -> AppError {
    AppError::unauthorized(ErrorCode::InvalidCredentials, "Invalid email or password")
}

fn invalid_refresh() -> AppError {
    AppError::unauthorized(ErrorCode::InvalidRefreshToken, "Invalid or expired refresh token")
}

impl Auth {
    /// Checks credentials and opens a new session. An unknown account, a wrong password and a
    /// disabled account all cost one Argon2 run and give the same `401`.
    /// `presented_cookie`: a session token the client already had; that session is replaced.
    pub async fn login(
        &self,
        identifier: Option<Identifier<'_>>,
        password: Option<&str>,
        client: &ClientInfo,
        presented_cookie: Option<&str>,
    ) -> Result<LoginOutcome> {
        let identifier = identifier.ok_or_else(|| AppError::missing("email"))?;
        let raw =
            password.filter(|p| !p.is_empty()).ok_or_else(|| AppError::missing("password"))?;
        let (key, by_email) = login_key(identifier)?;
        let found = if by_email {
            self.store.user_by_email(&key).await?
        } else {
            self.store.user_by_username(&key).await?
        };
        // One failure budget per account, however it is named (email or username); an
        // identifier that names no account has its own, with the same sequence of answers.
        // Checked before any password work: a 429 says nothing about which accounts exist.
        let budget = found
            .as_ref()
            .map_or_else(|| ThrottleKey::identifier(&key), |f| ThrottleKey::account(&f.user.id));
        let known_id = found.as_ref().map(|f| f.user.id.clone());
        let now = now_ms();
        if let Err(e) = self.limits.login_allowed(budget, now).await {
            let event = Event {
                name: "login",
                outcome: "throttled",
                user_id: known_id.as_deref(),
                identifier: Some(&key),
                ..Default::default()
            };
            self.audit(client, event).await;
            return Err(e);
        }
        // Over the hard bound: refused before any hashing, counted like any failure.
        let Some(password) = Password::normalize(raw) else {
            self.password_failed(client, budget, "login", known_id.as_deref(), Some(&key), now)
                .await;
            return Err(invalid_credentials());
        };
        let verified =
            self.hasher.verify(&password, found.as_ref().map(|f| f.password_hash.as_str())).await?;
        let Some(found) = found.filter(|f| verified.ok && f.user.is_active) else {
            self.password_failed(client, budget, "login", known_id.as_deref(), Some(&key), now)
                .await;
            return Err(invalid_credentials());
        };
        self.limits.clear(budget).await;
        if self.settings.require_verified_email && !found.user.email_verified {
            let user_id = Some(found.user.id.as_str());
            let event = Event {
                name: "login",
                outcome: "email_not_verified",
                user_id,
                ..Default::default()
            };
            self.audit(client, event).await;
            return Err(AppError::unauthorized(
                ErrorCode::EmailNotVerified,
                "Please verify your email before logging in",
            ));
        }
        if verified.needs_rehash {
            self.upgrade_hash(&found.user.id, &found.password_hash, &password).await;
        }
        let user = found.user;
        let session_token = OpaqueToken::generate();
        let refresh = OpaqueToken::generate();
        let session = NewSession {
            id: uuid::Uuid::now_v7().to_string(),
            user_id: user.id.clone(),
            password_epoch: found.password_epoch,
            token_hash: session_token.hash.clone(),
            refresh_hash: refresh.hash.clone(),
            now,
            expires_at: now + self.settings.session_ttl.as_millis() as i64,
            ip: client.ip.clone(),
            user_agent: client.user_agent.as_ref().map(|ua| truncate(ua, 512)),
        };
        let replaces = presented_cookie.map(hash_token);
        if !self.store.create_session(&session, replaces.as_deref()).await? {
            // The password changed (or the account was disabled) while this one was checked:
            // the credentials are no longer the account's.
            let event = Event {
                name: "login",
                outcome: "credentials_changed",
                user_id: Some(&user.id),
                identifier: Some(&key),
                ..Default::default()
            };
            self.audit(client, event).await;
            return Err(invalid_credentials());
        }
        let event = Event {
            name: "login",
            outcome: "succeeded",
            user_id: Some(&user.id),
            identifier: Some(&key),
            detail: Some(format!("session {}", session.id)),
        };
        self.audit(client, event).await;
        let access_token = self.jwt.issue(&user.id, &session.id, now / 1000)?;
        Ok(LoginOutcome {
            user,
            session_id: session.id,
            session_token: session_token.plain,
            tokens: Tokens {
                access_token,
                expires_in: self.jwt.ttl_secs(),
                refresh_token: refresh.plain,
            },
        })
    }

    /// Counts a failed password check against `budget` and audits it (and the lockout it may
    /// cause). `event`: `login`, or the flow that re-checked a signed-in user's password.
    pub(super) async fn password_failed(
        &self,
        client: &ClientInfo,
        budget: ThrottleKey,
        event: &'static str,
        user_id: Option<&str>,
        identifier: Option<&str>,
        now: i64,
    ) {
        let locked = self.limits.login_failed(budget, now).await;
        let failed =
            Event { name: event, outcome: "failed", user_id, identifier, ..Default::default() };
        self.audit(client, failed).await;
        if locked {
            let event = Event {
                name: "lockout",
                outcome: "locked",
                user_id,
                identifier,
                ..Default::default()
            };
            self.audit(client, event).await;
        }
    }

    /// Replaces a stored hash by one with the current parameters. Failure only costs the
    /// upgrade, never the login.
    async fn upgrade_hash(&self, user_id: &str, old: &str, password: &Password) {
        let result = async {
            let new = self.hasher.hash(password).await?;
            self.store.upgrade_password_hash(user_id, old, &new).await.map_err(AppError::from)
        }
        .await;
        if let Err(e) = result {
            tracing::warn!(error = %e, "password hash upgrade failed; will retry at next login");
        }
    }

    /// Rotates a refresh token: the old one is spent, a new pair is issued.
    pub async fn refresh(&self, refresh_token: Option<&str>) -> Result<Tokens> {
        let presented = refresh_token
            .filter(|t| !t.is_empty())
            .ok_or_else(|| AppError::missing("refresh_token"))?;
        let next = OpaqueToken::generate();
        let now = now_ms();
        let grace = self.settings.refresh_reuse_grace.as_millis() as i64;
        match self
            .store
            .rotate_refresh(&hash_token(presented.trim()), &next.hash, now, grace)
            .await?
        {
            RefreshOutcome::Rotated(found) => Ok(Tokens {
                access_token: self.jwt.issue(&found.1.id, &found.0.id, now / 1000)?,
                expires_in: self.jwt.ttl_secs(),
                refresh_token: next.plain,
            }),
            RefreshOutcome::SpentWithinGrace | RefreshOutcome::Invalid => Err(invalid_refresh()),
            RefreshOutcome::ReuseDetected => {
                tracing::warn!("spent refresh token presented again; its session is revoked");
                Err(invalid_refresh())
            }
        }
    }

    /// Authenticates an access token: signature, algorithm, expiry, issuer, audience, and that
    /// its session is still live and its user active.
    pub async fn authenticate_bearer(&self, token: &str) -> Result<Authenticated> {
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
        let now = now_ms();
        let (session, user) = self
            .store
            .session_by_id(&claims.sid, now)
            .await?
            .filter(|(_, u)| u.id == claims.sub)
            .ok_or_else(AppError::unauthenticated)?;
        self.touch(&session, now).await?;
        Ok(Authenticated { session, user, client: ClientInfo::default() })
    }

    /// Authenticates a session-cookie token.
    pub async fn authenticate_cookie(&self, token: &str) -> Result<Authenticated> {
        let now = now_ms();
        let (session, user) = self
            .store
            .session_by_token(&hash_token(token), now)
            .await?
            .ok_or_else(AppError::unauthenticated)?;
        self.touch(&session, now).await?;
        Ok(Authenticated { session, user, client: ClientInfo::default() })
    }

    async fn touch(&self, session: &Session, now: i64) -> Result<()> {
        if now - session.last_used_at >= TOUCH_INTERVAL_MS {
            self.store.touch_session(&session.id, now, TOUCH_INTERVAL_MS).await?;
        }
        Ok(())
    }

    /// Ends the session (cookie and access tokens stop working at once).
    pub async fn logout(&self, auth: &Authenticated) -> Result<()> {
        self.store.revoke_session(&auth.session.id, now_ms()).await?;
        let event = Event {
            name: "logout",
            outcome: "succeeded",
            user_id: Some(&auth.user.id),
            ..Default::default()
        };
        self.audit(&auth.client, event).await;
        Ok(())
    }

    /// Ends the session named by a cookie token, if it is live (legacy logout routes).
    /// `false`: there was no such live session.
    pub async fn logout_cookie(&self, token: &str, client: &ClientInfo) -> Result<bool> {
        let Some((session, user)) =
            self.store.session_by_token(&hash_token(token), now_ms()).await?
        else {
            return Ok(false);
        };
        let revoked = self.store.revoke_session(&session.id, now_ms()).await?;
        if revoked {
            let event = Event {
                name: "logout",
                outcome: "succeeded",
                user_id: Some(&user.id),
                ..Default::default()
            };
            self.audit(client, event).await;
        }
        Ok(revoked)
    }

    pub async fn sessions(&self, auth: &Authenticated) -> Result<Vec<Session>> {
        Ok(self.store.list_sessions(&auth.user.id, now_ms()).await?)
    }

    /// Revokes one of the caller's sessions. `404` when it is not a live session of theirs.
    pub async fn revoke_session(&self, auth: &Authenticated, id: &str) -> Result<()> {
        if self.store.revoke_user_session(&auth.user.id, id, now_ms()).await? {
            Ok(())
        } else {
            Err(AppError::not_found(ErrorCode::SessionNotFound, "Session not found"))
        }
    }

    /// Revokes every session of the caller but the current one.
    pub async fn revoke_other_sessions(&self, auth: &Authenticated) -> Result<u64> {
        Ok(self.store.revoke_sessions(&auth.user.id, Some(&auth.session.id), now_ms()).await?)
    }
}

fn truncate(s: &str, max_chars: usize) -> String {
    s.chars().take(max_chars).collect()
}
