//! The admin API's use cases: API keys (created and revoked from the command line, checked on
//! every call against the database, so a revocation holds on every node at once), and the
//! user administration they allow, each call audited with the key's id.

use super::account::{parse_email, parse_username};
use super::audit::Event;
use super::{Auth, ClientInfo, ClientSpec, Registered, Registration};
use crate::auth::{hash_token, OpaqueToken};
use crate::clock::now_ms;
use crate::domain::client::MANAGED_BY_CONFIG;
use crate::domain::{AuditEvent, OAuthClient, User};
use crate::error::{AppError, ErrorCode, Result};
use crate::limit::{client_key, ThrottleKey};
use crate::store::{ApiKey, Audit, AuditFilter, AuditRow, TokenPurpose};

/// Every scope a key may hold.
pub const SCOPES: &[&str] = &[
    "users:read",
    "users:write",
    "sessions:write",
    "audit:read",
    "clients:read",
    "clients:write",
    "organizations:read",
    "organizations:write",
];

/// The prefix of every admin API key (so secret scanners can find leaked ones).
const KEY_PREFIX: &str = "pcak_";

/// Who makes an admin call: an API key, or an administrator in the console.
#[derive(Debug, Clone)]
pub enum AdminActor {
    /// The admin API, with a key (its scopes are checked by the route).
    Key(ApiKey),
    /// The administration console, signed in as this administrator's user id (every scope).
    Console(String),
}

/// Who called, from where: what every admin call carries, and audits.
#[derive(Debug, Clone)]
pub struct AdminCaller {
    pub actor: AdminActor,
    pub client: ClientInfo,
}

impl AdminCaller {
    /// How the audit log names the caller: `key <id>` or `admin <user id>`.
    pub fn label(&self) -> String {
        match &self.actor {
            AdminActor::Key(key) => format!("key {}", key.id),
            AdminActor::Console(user_id) => format!("admin {user_id}"),
        }
    }
}

/// An admin change to an account.
#[derive(Debug, Default)]
pub struct AdminUpdate<'a> {
    pub email: Option<&'a str>,
    pub username: Option<&'a str>,
    pub email_verified: Option<bool>,
}

fn invalid_key() -> AppError {
    AppError::unauthorized(ErrorCode::InvalidApiKey, "Invalid or revoked API key")
}

/// `404 user_not_found`.
pub(super) fn user_not_found() -> AppError {
    AppError::not_found(ErrorCode::UserNotFound, "No such user")
}

impl Auth {
    /// `portcullis api-key create`: a new key with `scopes`; the plain key is shown this once.
    pub async fn create_api_key(&self, name: &str, scopes: &[String]) -> Result<(ApiKey, String)> {
        self.create_api_key_by(name, scopes, &super::operator(), None).await
    }

    /// A new key made in the console by `caller` (audited with the administrator).
    pub async fn admin_create_api_key(
        &self,
        caller: &AdminCaller,
        name: &str,
        scopes: &[String],
    ) -> Result<(ApiKey, String)> {
        self.create_api_key_by(name, scopes, &caller.client, Some(&caller.label())).await
    }

    async fn create_api_key_by(
        &self,
        name: &str,
        scopes: &[String],
        client: &ClientInfo,
        by: Option<&str>,
    ) -> Result<(ApiKey, String)> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(AppError::bad_request(
                ErrorCode::InvalidField,
                "A key's name is 1 to 100 characters",
            ));
        }
        if scopes.is_empty() {
            return Err(AppError::bad_request(
                ErrorCode::InvalidField,
                "A key needs at least one scope",
            ));
        }
        if let Some(bad) = scopes.iter().find(|s| !SCOPES.contains(&s.as_str())) {
            return Err(AppError::bad_request(
                ErrorCode::InvalidField,
                format!("unknown scope {bad:?}; known: {}", SCOPES.join(", ")),
            ));
        }
        let secret = OpaqueToken::generate();
        let plain = format!("{KEY_PREFIX}{}", secret.plain);
        let key = ApiKey {
            id: uuid::Uuid::now_v7().to_string(),
            name: name.to_owned(),
            scopes: scopes.to_vec(),
            created_at: now_ms(),
            last_used_at: None,
            revoked_at: None,
        };
        self.store.insert_api_key(&key, &hash_token(&plain)).await?;
        let detail = format!("key {} ({}): {}", key.id, key.name, key.scopes.join(" "));
        let event = Event::new(AuditEvent::AdminApiKeyCreate).detail(by_whom(by, detail));
        self.audit(client, event).await;
        Ok((key, plain))
    }

    pub async fn api_keys(&self) -> Result<Vec<ApiKey>> {
        Ok(self.store.api_keys().await?)
    }

    /// Every key (never a secret), read by `caller` in the console.
    pub async fn admin_api_keys(&self, caller: &AdminCaller) -> Result<Vec<ApiKey>> {
        let keys = self.store.api_keys().await?;
        let detail = Some(format!("listed {} API keys", keys.len()));
        self.admin_audit(caller, AuditEvent::AdminRead, None, detail).await;
        Ok(keys)
    }

    /// `portcullis api-key revoke`: refused from the next call on, on every node.
    pub async fn revoke_api_key(&self, id: &str) -> Result<()> {
        self.revoke_api_key_by(id, &super::operator(), None).await
    }

    /// A key revoked in the console by `caller` (audited with the administrator).
    pub async fn admin_revoke_api_key(&self, caller: &AdminCaller, id: &str) -> Result<()> {
        self.revoke_api_key_by(id, &caller.client, Some(&caller.label())).await
    }

    async fn revoke_api_key_by(
        &self,
        id: &str,
        client: &ClientInfo,
        by: Option<&str>,
    ) -> Result<()> {
        if !self.store.revoke_api_key(id, now_ms()).await? {
            return Err(AppError::not_found(ErrorCode::NotFound, "No such live API key"));
        }
        let detail = by_whom(by, format!("key {id}"));
        let event = Event::new(AuditEvent::AdminApiKeyRevoke).detail(detail);
        self.audit(client, event).await;
        Ok(())
    }

    /// The live key `presented` (`Authorization: Bearer pcak_…`) by `client`, or `401`.
    ///
    /// Failed checks (no key, an unknown or revoked one) spend the client address's failure
    /// budget, the one logins spend per account (`PORTCULLIS_LOGIN_FAILURES_PER_HOUR`: a few
    /// free, then doubling delays, then a lock until the window ends), and each is audited
    /// (`admin_api_key`, `failed`, or `locked` for the one that spent the budget; never the key
    /// presented). While the address waits, every call from it gets `429` with `Retry-After`
    /// before any key is looked at, a valid one included: a guess is never checked.
    pub async fn admin_key(&self, presented: Option<&str>, client: &ClientInfo) -> Result<ApiKey> {
        let budget = client
            .ip
            .as_deref()
            .and_then(|ip| ip.parse::<std::net::IpAddr>().ok())
            .map(|ip| ThrottleKey::identifier(&format!("admin_api_key {}", client_key(ip))));
        if let Some(budget) = budget {
            self.limits.login_allowed(budget, now_ms()).await?;
        }
        let refused = match presented {
            Some(p) => match self.api_key(p).await {
                Err(AppError::Unauthorized { .. }) => "unknown or revoked key",
                checked => return checked,
            },
            None => "no key",
        };
        let locked = match budget {
            Some(budget) => self.limits.login_failed(budget, now_ms()).await,
            None => false,
        };
        let kind =
            if locked { AuditEvent::AdminApiKeyLocked } else { AuditEvent::AdminApiKeyFailed };
        let event = Event::new(kind).detail(refused);
        self.audit(client, event).await;
        Err(match presented {
            Some(_) => invalid_key(),
            None => {
                AppError::unauthorized(ErrorCode::InvalidApiKey, "An admin API key is required")
            }
        })
    }

    /// The live key `presented`, or `401`.
    async fn api_key(&self, presented: &str) -> Result<ApiKey> {
        if !presented.starts_with(KEY_PREFIX) || presented.len() > 200 {
            return Err(invalid_key());
        }
        let key =
            self.store.api_key_by_hash(&hash_token(presented)).await?.ok_or_else(invalid_key)?;
        self.store.touch_api_key(&key.id, now_ms()).await?;
        Ok(key)
    }

    /// Records an admin call that changes nothing: `kind` on `user_id`, by the caller's key.
    pub async fn admin_audit(
        &self,
        caller: &AdminCaller,
        kind: AuditEvent,
        user_id: Option<&str>,
        detail: Option<String>,
    ) {
        self.audit(&caller.client, admin_call(caller, kind, user_id, detail)).await;
    }

    /// Runs an admin call's `change`, recorded in its transaction (or alone, when the call
    /// changed nothing: every admin call is in the log).
    async fn admin_audited<T>(
        &self,
        caller: &AdminCaller,
        kind: AuditEvent,
        user_id: Option<&str>,
        change: impl AsyncFnOnce(&mut Audit) -> Result<T>,
    ) -> Result<T> {
        let event = admin_call(caller, kind, user_id, None);
        self.audited_all(&caller.client, vec![event], true, change).await
    }

    pub async fn admin_users(
        &self,
        caller: &AdminCaller,
        after: Option<&str>,
        query: Option<&str>,
        limit: i64,
    ) -> Result<Vec<User>> {
        let prefix = query.map(|q| crate::domain::email_key(q.trim())).filter(|q| !q.is_empty());
        let users = self.store.users_page(after, prefix.as_deref(), limit).await?;
        let detail = Some(format!("listed {} users", users.len()));
        self.admin_audit(caller, AuditEvent::AdminRead, None, detail).await;
        Ok(users)
    }

    pub async fn admin_user(&self, caller: &AdminCaller, id: &str) -> Result<User> {
        let user = self.store.user_by_id(id).await?.map(|u| u.user).ok_or_else(user_not_found)?;
        self.admin_audit(caller, AuditEvent::AdminRead, Some(id), None).await;
        Ok(user)
    }

    /// Creates an account: with a `password` (policy applies), or without one (it signs in by
    /// a reset link, sent now with `invite`, or by the other ways in). With `invite`, whether
    /// the invitation was queued (`Some(false)`: the per-address mail throttle held it back,
    /// the address having had a reset mail within the minute; the account exists either way).
    pub async fn admin_create_user(
        &self,
        caller: &AdminCaller,
        email: Option<&str>,
        username: Option<&str>,
        password: Option<&str>,
        email_verified: bool,
        invite: bool,
    ) -> Result<(User, Option<bool>)> {
        let email =
            email.filter(|e| !e.trim().is_empty()).ok_or_else(|| AppError::missing("email"))?;
        let create = async |audit: &mut Audit| match password {
            Some(p) => {
                let input = Registration {
                    email: Some(email),
                    password: Some(p),
                    username,
                    username_required: false,
                    locale: None,
                };
                self.create_user(input, email_verified, audit).await
            }
            None => {
                let parsed = parse_email(email)?;
                let username = username.map(parse_username).transpose()?;
                let new = crate::store::NewUser::new(
                    &parsed,
                    username.as_ref(),
                    super::email_login::NO_PASSWORD.to_owned(),
                    email_verified,
                );
                let inserted = self.store.insert_user(&new, None, audit).await?;
                Ok(inserted.map_err(super::account::taken)?)
            }
        };
        let user = self.admin_audited(caller, AuditEvent::AdminUserAdd, None, create).await?;
        let invited = match invite {
            true => Some(self.mail_reset_link(caller, &user).await?.is_none()),
            false => None,
        };
        Ok((user, invited))
    }

    /// Changes an account's username, address or verified flag. A new address takes effect
    /// at once and counts as unverified unless `email_verified: true` comes with it (the
    /// admin's word); moving the address also ends every session, spends the account's
    /// outstanding links and tells the former address (without naming the new one), all in
    /// the transaction of the change, which is audited with the sessions' end.
    pub async fn admin_update_user(
        &self,
        caller: &AdminCaller,
        id: &str,
        update: AdminUpdate<'_>,
    ) -> Result<User> {
        let found = self.store.user_by_id(id).await?.ok_or_else(user_not_found)?;
        let username = update.username.map(parse_username).transpose()?;
        let email = update.email.map(parse_email).transpose()?;
        let former = &found.user.email;
        let moves = email.as_ref().is_some_and(|e| e.key() != crate::domain::email_key(former));
        let notice = moves
            .then(|| {
                self.mailer.in_locale(found.user.locale.as_deref()).email_changed_by_admin(former)
            })
            .transpose()?;
        let change = async |audit: &mut Audit| {
            if email.is_some() || username.is_some() {
                let changed = self
                    .store
                    .admin_set_identity(
                        &found.user.id,
                        email.as_ref(),
                        username.as_ref(),
                        notice.as_ref(),
                        now_ms(),
                        audit,
                    )
                    .await?;
                changed.map_err(super::account::taken)?;
            }
            if let Some(v) = update.email_verified {
                self.store.set_email_verified(id, v, now_ms(), audit).await?;
            }
            Ok(())
        };
        let mut events = vec![admin_call(caller, AuditEvent::AdminUserUpdate, Some(id), None)];
        if moves {
            events[0].detail = events[0].detail.take().map(|d| format!("{d}: email changed"));
            let detail = Some("email changed: every session ended".to_owned());
            events.push(admin_call(caller, AuditEvent::AdminRevokeSessions, Some(id), detail));
        }
        self.audited_all(&caller.client, events, true, change).await?;
        self.store.user_by_id(id).await?.map(|u| u.user).ok_or_else(user_not_found)
    }

    pub async fn admin_set_user_active(
        &self,
        caller: &AdminCaller,
        id: &str,
        active: bool,
    ) -> Result<User> {
        let kind = if active { AuditEvent::AdminUserEnable } else { AuditEvent::AdminUserDisable };
        let change = async |audit: &mut Audit| match self
            .store
            .set_active(id, active, now_ms(), audit)
            .await?
        {
            true => Ok(()),
            false => Err(user_not_found()),
        };
        self.admin_audited(caller, kind, Some(id), change).await?;
        self.store.user_by_id(id).await?.map(|u| u.user).ok_or_else(user_not_found)
    }

    pub async fn admin_remove_user(&self, caller: &AdminCaller, id: &str) -> Result<()> {
        let change = async |audit: &mut Audit| {
            super::account::deletion_done(self.store.delete_user(id, audit).await?, "This user is")
        };
        self.admin_audited(caller, AuditEvent::AdminUserDelete, Some(id), change).await
    }

    pub async fn admin_end_sessions(&self, caller: &AdminCaller, id: &str) -> Result<u64> {
        self.store.user_by_id(id).await?.ok_or_else(user_not_found)?;
        let revoke = async |audit: &mut Audit| {
            Ok(self.store.revoke_sessions(id, None, now_ms(), audit).await?)
        };
        self.admin_audited(caller, AuditEvent::AdminRevokeSessions, Some(id), revoke).await
    }

    /// Removes the account's TOTP, recovery codes and passkeys; the owner is told by mail.
    pub async fn admin_reset_factors(&self, caller: &AdminCaller, id: &str) -> Result<()> {
        let user = self.store.user_by_id(id).await?.ok_or_else(user_not_found)?.user;
        let reset = async |audit: &mut Audit| self.remove_second_factors(&user, audit).await;
        self.admin_audited(caller, AuditEvent::AdminMfaReset, Some(id), reset).await?;
        Ok(())
    }

    /// Mails the account a password reset link (also the invitation of an account made
    /// without a password). `429` with the wait when the per-address mail throttle holds it
    /// back (a reset mail to the address within the minute, or five within the hour): then no
    /// mail is queued and no token stored.
    pub async fn admin_send_reset(&self, caller: &AdminCaller, id: &str) -> Result<()> {
        let user = self.store.user_by_id(id).await?.ok_or_else(user_not_found)?.user;
        match self.mail_reset_link(caller, &user).await? {
            None => Ok(()),
            Some(wait_ms) => {
                Err(AppError::RateLimited { retry_after: (wait_ms + 999) as u64 / 1000 })
            }
        }
    }

    /// Queues a reset link for `user` unless the mail throttle holds it back, and audits which.
    /// `Some(ms)`: held back, for this long at least.
    async fn mail_reset_link(&self, caller: &AdminCaller, user: &User) -> Result<Option<i64>> {
        let (token, record) =
            self.one_time_token(&user.id, TokenPurpose::ResetPassword, &user.email);
        let mail =
            self.mailer.in_locale(user.locale.as_deref()).reset(&user.email, &token.plain)?;
        let throttle = super::account::MAIL_THROTTLE;
        let sent = self.store.issue_token_throttled(&record, &mail, throttle, false).await?;
        let mut event = admin_call(caller, AuditEvent::AdminSendReset, Some(&user.id), None);
        if sent {
            self.audit(&caller.client, event).await;
            return Ok(None);
        }
        let to_key = crate::domain::email_key(&user.email);
        let wait = self.store.mail_wait(&to_key, mail.kind, throttle, record.now).await?.max(1);
        event.kind = AuditEvent::AdminSendResetThrottled;
        event.detail = event.detail.map(|d| format!("{d}: held back by the mail throttle"));
        self.audit(&caller.client, event).await;
        Ok(Some(wait))
    }

    pub async fn admin_audit_log(
        &self,
        caller: &AdminCaller,
        filter: &AuditFilter,
    ) -> Result<Vec<AuditRow>> {
        let rows = self.store.audit_page(filter).await?;
        self.admin_audit(
            caller,
            AuditEvent::AdminRead,
            filter.user_id.as_deref(),
            Some("audit log".into()),
        )
        .await;
        Ok(rows)
    }
}

/// The provider's clients (`/api/admin/clients`): the command line's operations, each recorded
/// with the key that made it. A client declared in the configuration is read like any other but
/// changed only there: the next start would rewrite whatever the API changed (bring a deleted
/// client back, replace a rotated secret by the configured one), so the API refuses to.
impl Auth {
    pub async fn admin_clients(&self, caller: &AdminCaller) -> Result<Vec<OAuthClient>> {
        let clients = self.clients().await?;
        let detail = Some(format!("listed {} clients", clients.len()));
        self.admin_audit(caller, AuditEvent::AdminRead, None, detail).await;
        Ok(clients)
    }

    pub async fn admin_client(&self, caller: &AdminCaller, client_id: &str) -> Result<OAuthClient> {
        let client = self.client(client_id).await?;
        let detail = Some(format!("client {client_id}"));
        self.admin_audit(caller, AuditEvent::AdminRead, None, detail).await;
        Ok(client)
    }

    pub async fn admin_create_client(
        &self,
        caller: &AdminCaller,
        spec: &ClientSpec,
    ) -> Result<Registered> {
        self.create_client_by(spec, &caller.client, Some(&caller.label())).await
    }

    pub async fn admin_update_client(
        &self,
        caller: &AdminCaller,
        client_id: &str,
        spec: &ClientSpec,
    ) -> Result<Registered> {
        self.not_declared(client_id).await?;
        self.update_client_by(client_id, spec, &caller.client, Some(&caller.label())).await
    }

    pub async fn admin_rotate_client_secret(
        &self,
        caller: &AdminCaller,
        client_id: &str,
    ) -> Result<Registered> {
        self.not_declared(client_id).await?;
        self.rotate_client_secret_by(client_id, &caller.client, Some(&caller.label())).await
    }

    pub async fn admin_delete_client(&self, caller: &AdminCaller, client_id: &str) -> Result<()> {
        self.not_declared(client_id).await?;
        self.delete_client_by(client_id, &caller.client, Some(&caller.label())).await
    }

    /// The initial access tokens for dynamic registration (never the tokens themselves).
    pub async fn admin_registration_tokens(
        &self,
        caller: &AdminCaller,
    ) -> Result<Vec<crate::store::InitialToken>> {
        let tokens = self.initial_tokens().await?;
        let detail = Some(format!("listed {} registration tokens", tokens.len()));
        self.admin_audit(caller, AuditEvent::AdminRead, None, detail).await;
        Ok(tokens)
    }

    /// Makes an initial access token (shown once), as `portcullis client registration-token
    /// create` does.
    pub async fn admin_create_registration_token(
        &self,
        caller: &AdminCaller,
        label: &str,
        ttl: std::time::Duration,
        uses: Option<u32>,
    ) -> Result<(crate::store::InitialToken, String)> {
        self.create_initial_token_by(label, ttl, uses, &caller.client, Some(&caller.label())).await
    }

    pub async fn admin_revoke_registration_token(
        &self,
        caller: &AdminCaller,
        id: &str,
    ) -> Result<()> {
        self.revoke_initial_token_by(id, &caller.client, Some(&caller.label())).await
    }

    /// `404` for an unknown client, `409 client_managed_by_config` for one the configuration
    /// declares (its `managed_by` is stored, so every node answers alike).
    async fn not_declared(&self, client_id: &str) -> Result<()> {
        if self.client(client_id).await?.managed_by == MANAGED_BY_CONFIG {
            return Err(AppError::conflict(
                ErrorCode::ClientManagedByConfig,
                "This client is declared in the configuration (PORTCULLIS_CLIENT_*): change it \
                 there",
            ));
        }
        Ok(())
    }
}

/// An audit detail with who made the change first (`admin <user id>: …`), when not the
/// command line's operator.
fn by_whom(by: Option<&str>, detail: String) -> String {
    match by {
        Some(by) => format!("{by}: {detail}"),
        None => detail,
    }
}

/// An admin call's record: by which key, on whom.
fn admin_call<'a>(
    caller: &AdminCaller,
    kind: AuditEvent,
    user_id: Option<&'a str>,
    detail: Option<String>,
) -> Event<'a> {
    let detail = match detail {
        Some(d) => format!("{}: {d}", caller.label()),
        None => caller.label(),
    };
    Event { user_id, ..Event::new(kind).detail(detail) }
}
