//! Administration, for the `portcullis user …` and `portcullis keys …` commands: every action
//! is audited (`admin_*` events, the operator's login name in the user-agent column), and
//! signing keys are retired only once no token they signed can still be valid.

use super::audit::Event;
use super::{Auth, ClientInfo};
use crate::clock::now_ms;
use crate::domain::{email_key, AuditEvent, User};
use crate::error::{AppError, ErrorCode, Result};
use crate::store::Audit;

/// Tokens carry one second of leeway, and nodes' clocks and reloads drift a little: a retired
/// key is kept this much longer than strictly needed.
const RETIRE_MARGIN_MS: i64 = 60_000;

/// Who acts from the command line, for the audit log.
pub fn operator() -> ClientInfo {
    let who = std::env::var("SUDO_USER")
        .or_else(|_| std::env::var("USER"))
        .unwrap_or_else(|_| "unknown".into());
    ClientInfo { ip: None, user_agent: Some(format!("portcullis command line (user {who})")) }
}

fn no_such_user() -> AppError {
    AppError::not_found(ErrorCode::UserNotFound, "No user has that email address")
}

fn admin_event<'a>(kind: AuditEvent, user_id: &'a str, detail: Option<String>) -> Event<'a> {
    Event { detail, ..Event::new(kind).user(user_id) }
}

/// What `keys rotate` did.
#[derive(Debug, Clone)]
pub struct Rotation {
    /// The new signing key.
    pub kid: String,
    /// Older keys deleted because every token they signed has expired.
    pub retired: Vec<String>,
    /// Keys still published for tokens they signed.
    pub kept: Vec<String>,
}

impl Auth {
    /// `user add`: creates an account (verified or not, in which case the verification mail is
    /// queued).
    pub async fn admin_add_user(
        &self,
        email: &str,
        username: Option<&str>,
        password: &str,
        verified: bool,
    ) -> Result<User> {
        let input = super::Registration {
            email: Some(email),
            password: Some(password),
            username,
            username_required: false,
            locale: None,
        };
        let detail = verified.then(|| "created verified".to_owned());
        let added = Event { detail, ..Event::new(AuditEvent::AdminUserAdd) };
        let create = async |audit: &mut Audit| self.create_user(input, verified, audit).await;
        self.audited(&operator(), added, create).await
    }

    async fn user_named(&self, email: &str) -> Result<User> {
        let found = self.store.user_by_email(&email_key(email)).await?;
        found.map(|u| u.user).ok_or_else(no_such_user)
    }

    /// `user disable` / `user enable`. Disabling revokes every session at once (cookie and
    /// access tokens, on every node); returns the user and how many sessions that ended.
    /// `404 user_not_found` for an unknown address.
    pub async fn admin_set_active(&self, email: &str, active: bool) -> Result<(User, usize)> {
        let user = self.user_named(email).await?;
        let now = now_ms();
        let live = if active { 0 } else { self.store.list_sessions(&user.id, now).await?.len() };
        let (kind, detail) = if active {
            (AuditEvent::AdminUserEnable, None)
        } else {
            (AuditEvent::AdminUserDisable, Some(format!("{live} sessions revoked")))
        };
        let change = async |audit: &mut Audit| {
            Ok(self.store.set_active(&user.id, active, now, audit).await?)
        };
        self.audited(&operator(), admin_event(kind, &user.id, detail), change).await?;
        let user = User { is_active: active, ..user };
        Ok((user, live))
    }

    /// `user make-admin` / `user revoke-admin`: the administration console's role. `false`:
    /// the account already was so (nothing changed, nothing recorded).
    pub async fn admin_set_role(&self, email: &str, admin: bool) -> Result<(User, bool)> {
        let user = self.user_named(email).await?;
        let changed = self.set_admin_role(&operator(), None, &user.id, admin).await?;
        Ok((User { is_admin: admin, ..user }, changed))
    }

    /// Grants or revokes the console's role of `user_id`, recorded as `by`'s doing (an admin
    /// caller's label, or the operator's when `None`).
    pub(super) async fn set_admin_role(
        &self,
        client: &ClientInfo,
        by: Option<&str>,
        user_id: &str,
        admin: bool,
    ) -> Result<bool> {
        let kind = if admin { AuditEvent::AdminRoleGranted } else { AuditEvent::AdminRoleRevoked };
        let event = Event { detail: by.map(str::to_owned), ..Event::new(kind).user(user_id) };
        let change = async |audit: &mut Audit| {
            Ok(self.store.set_admin(user_id, admin, now_ms(), audit).await?)
        };
        self.audited(client, event, change).await
    }

    /// `user delete`: the account, its sessions and tokens. `404` for an unknown address.
    pub async fn admin_delete_user(&self, email: &str) -> Result<User> {
        let user = self.user_named(email).await?;
        let delete = async |audit: &mut Audit| {
            super::account::deletion_done(self.store.delete_user(&user.id, audit).await?, "It is")
        };
        let event = admin_event(AuditEvent::AdminUserDelete, &user.id, None);
        self.audited(&operator(), event, delete).await?;
        Ok(user)
    }

    /// `user revoke-sessions`: ends every session of the account; returns how many.
    pub async fn admin_revoke_sessions(&self, email: &str) -> Result<(User, u64)> {
        let user = self.user_named(email).await?;
        let now = now_ms();
        let live = self.store.list_sessions(&user.id, now).await?.len();
        let detail = Some(format!("{live} live"));
        let event = admin_event(AuditEvent::AdminRevokeSessions, &user.id, detail);
        let revoke = async |audit: &mut Audit| {
            Ok(self.store.revoke_sessions(&user.id, None, now, audit).await?)
        };
        let n = self.audited_all(&operator(), vec![event], true, revoke).await?;
        Ok((user, n))
    }

    /// `user mfa-reset`: removes the account's second factors (a lost phone). `false`: it had
    /// none. The owner is told by mail.
    pub async fn admin_reset_mfa(&self, email: &str) -> Result<(User, bool)> {
        let user = self.user_named(email).await?;
        let event = admin_event(AuditEvent::AdminMfaReset, &user.id, None);
        let reset = async |audit: &mut Audit| self.remove_second_factors(&user, audit).await;
        let removed = self.audited_all(&operator(), vec![event], true, reset).await?;
        Ok((user, removed))
    }

    /// Removes TOTP, recovery codes and passkeys (a lost device), each removal mailed to the
    /// owner; for the command line and the admin API. `false`: there were none. `audit` is
    /// written with the first removal.
    pub(super) async fn remove_second_factors(
        &self,
        user: &User,
        audit: &mut Audit,
    ) -> Result<bool> {
        let letters = self.mailer.in_locale(user.locale.as_deref());
        let mail = letters.mfa_changed(&user.email, false)?;
        let mut removed = self.store.remove_totp(&user.id, Some(&mail), now_ms(), audit).await?;
        for p in self.store.passkeys(&user.id).await? {
            let notice = letters.passkey_changed(&user.email, false)?;
            removed |= self.store.delete_passkey(&user.id, &p.id, &notice, now_ms(), audit).await?;
        }
        Ok(removed)
    }

    /// `keys rotate`: a new EdDSA signing key, then retirement of the keys whose tokens have
    /// all expired. Refused in HS256 mode, where the key is `PORTCULLIS_JWT_SECRET`.
    pub async fn admin_rotate_keys(&self) -> Result<Rotation> {
        if !self.jwt.is_eddsa() {
            return Err(AppError::bad_request(
                ErrorCode::Hs256Mode,
                "PORTCULLIS_JWT_SECRET is set: access tokens are HS256 and there are no keys to \
                 rotate (change the secret instead; every access token then stops working)",
            ));
        }
        let kid = self.rotate_keys().await?;
        let retired = self.retire_keys(now_ms()).await?;
        let kept = self.store.signing_keys().await?.into_iter().map(|k| k.kid).collect();
        let detail = Some(format!("new key {kid}; retired {}", retired.len()));
        let event = Event { detail, ..Event::new(AuditEvent::AdminKeysRotate) };
        self.audit(&operator(), event).await;
        Ok(Rotation { kid, retired, kept })
    }

    /// Deletes the signing keys that no valid token can name any more, judged at `now` (Unix
    /// ms), and returns their ids. A key stops signing when a newer one appears, at the latest
    /// once every node has reloaded (`PORTCULLIS_KEY_RELOAD_INTERVAL`); its last token expires
    /// `PORTCULLIS_ACCESS_TOKEN_TTL` after that. So a key is kept until its successor is older
    /// than both together, plus a margin; the newest key is never retired. Run by
    /// housekeeping and by `keys rotate`.
    pub async fn retire_keys(&self, now: i64) -> Result<Vec<String>> {
        if !self.jwt.is_eddsa() {
            return Ok(Vec::new());
        }
        let keep_ms = (self.settings.access_token_ttl + self.settings.key_reload_interval)
            .as_millis() as i64
            + RETIRE_MARGIN_MS;
        let mut retired = Vec::new();
        // Each algorithm's keys by age (the provider's ID tokens live as long as access
        // tokens, so the same rule retires its RS256 and ES256 keys).
        let all = self.store.all_signing_keys().await?;
        for alg in ["EdDSA", "RS256", "ES256"] {
            let keys: Vec<_> = all.iter().filter(|(a, _)| a == alg).map(|(_, k)| k).collect();
            for pair in keys.windows(2) {
                let (old, successor) = (pair[0], pair[1]);
                if successor.created_at + keep_ms < now
                    && self.store.delete_signing_key(&old.kid).await?
                {
                    retired.push(old.kid.clone());
                }
            }
        }
        if !retired.is_empty() {
            tracing::info!(retired = ?retired, "retired signing keys whose tokens have all expired");
            self.reload_keys().await?;
        }
        Ok(retired)
    }
}
