//! The login pipeline. First "who is this": [`Auth::identify_by_password`] today, and the
//! passkey, email-link and external-provider methods later, each answering [`Identified`].
//! Then "open a session for this user, authenticated by these methods":
//! [`Auth::open_session`], which every method shares. Every route set (the canonical API, the
//! legacy sets, the hosted pages) logs in through [`Auth::login`].

use super::audit::Event;
use super::{Auth, ClientInfo, Tokens};
use crate::auth::{hash_token, AuthContext, OpaqueToken};
use crate::clock::now_ms;
use crate::domain::{email_key, username_key, Amr, AuditEvent, Password, User};
use crate::error::{AppError, ErrorCode, Result};
use crate::limit::ThrottleKey;
use crate::store::{Audit, NewSession};

/// What a login names the account by.
#[derive(Debug, Clone, Copy)]
pub enum Identifier<'a> {
    Email(&'a str),
    Username(&'a str),
}

/// Someone proven to be `user` by `methods`.
#[derive(Debug)]
pub struct Principal {
    pub user: User,
    /// The user's password epoch when the credentials were checked: the session opened for
    /// them dies if it has moved on.
    pub password_epoch: i64,
    pub methods: Vec<Amr>,
    /// The identifier as looked up (for the audit log).
    pub identifier: String,
}

/// The answer of a "who is this" step; a refusal is its `Err`.
#[derive(Debug)]
pub enum Identified {
    /// Proven: a session may be opened.
    Authenticated(Principal),
    /// The first factor checked out, but the account needs a second one before a session
    /// opens: a short-lived, single-use challenge bound to the user.
    SecondFactorRequired(SecondFactor),
}

/// A pending second factor: what the first step proved, and the challenge that completes it.
pub struct SecondFactor {
    pub principal: Principal,
    /// The plain challenge token handed to the client.
    pub challenge: String,
    /// The kinds of code that may complete it (`totp`, `recovery_code`).
    pub methods: Vec<&'static str>,
}

impl std::fmt::Debug for SecondFactor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The challenge is a bearer secret for five minutes: never printed.
        f.debug_struct("SecondFactor")
            .field("principal", &self.principal)
            .field("methods", &self.methods)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for LoginOutcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The session token is the cookie's secret: never printed.
        f.debug_struct("LoginOutcome")
            .field("user", &self.user)
            .field("session_id", &self.session_id)
            .field("methods", &self.methods)
            .finish_non_exhaustive()
    }
}

/// What a login answers: a session, or the second step it still needs.
#[derive(Debug)]
pub enum LoginStep {
    Session(LoginOutcome),
    SecondFactor(SecondFactor),
}

impl LoginStep {
    /// For the legacy route sets, whose clients know no second step: an account with a
    /// second factor gets their usual `401` (it can sign in through the hosted pages).
    /// With `PORTCULLIS_REQUIRE_MFA` (`require_mfa`) every account needs a second factor, so
    /// none signs in there.
    pub fn session_only(self, require_mfa: bool) -> Result<LoginOutcome> {
        match self {
            Self::Session(out) if !require_mfa => Ok(out),
            _ => Err(invalid_credentials()),
        }
    }
}

/// The result of a successful login.
pub struct LoginOutcome {
    pub user: User,
    /// How the session was authenticated.
    pub methods: Vec<Amr>,
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

impl Auth {
    /// Logs in with a password: [`Auth::identify_by_password`], then
    /// [`Auth::open_session`]. `presented_cookie`: a session token the client already had;
    /// that session is replaced.
    pub async fn login(
        &self,
        identifier: Option<Identifier<'_>>,
        password: Option<&str>,
        client: &ClientInfo,
        presented_cookie: Option<&str>,
    ) -> Result<LoginStep> {
        match self.identify_by_password(identifier, password, client).await? {
            Identified::Authenticated(principal) => Ok(LoginStep::Session(
                self.open_session(principal, client, presented_cookie).await?,
            )),
            Identified::SecondFactorRequired(second) => Ok(LoginStep::SecondFactor(second)),
        }
    }

    /// "Who is this", by password. An unknown account, a wrong password and a disabled
    /// account all cost one Argon2 run and give the same `401`; `429` while the account (or
    /// identifier) is throttled.
    pub async fn identify_by_password(
        &self,
        identifier: Option<Identifier<'_>>,
        password: Option<&str>,
        client: &ClientInfo,
    ) -> Result<Identified> {
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
                user_id: known_id.as_deref(),
                ..Event::new(AuditEvent::LoginThrottled).identifier(&key)
            };
            self.audit(client, event).await;
            return Err(e.into());
        }
        // A wrong password, an unknown or disabled account, or one over the hard bound (refused
        // before any hashing): one failure, counted and answered alike.
        let failed = || {
            let (user_id, identifier) = (known_id.as_deref(), Some(key.as_str()));
            self.password_failed(client, budget, AuditEvent::LoginFailed, user_id, identifier, now)
        };
        let Some(password) = Password::normalize(raw) else {
            failed().await;
            return Err(invalid_credentials());
        };
        let verified =
            self.hasher.verify(&password, found.as_ref().map(|f| f.password_hash.as_str())).await?;
        let Some(found) = found.filter(|f| verified.ok && f.user.is_active) else {
            failed().await;
            return Err(invalid_credentials());
        };
        if self.settings.require_verified_email && !found.user.email_verified {
            let user_id = Some(found.user.id.as_str());
            let event = Event { user_id, ..Event::new(AuditEvent::LoginEmailNotVerified) };
            self.audit(client, event).await;
            return Err(AppError::unauthorized(
                ErrorCode::EmailNotVerified,
                "Please verify your email before logging in",
            ));
        }
        if verified.needs_rehash {
            self.upgrade_hash(&found.user.id, &found.password_hash, &password).await;
        }
        self.screen_at_login(&found.user, &password, client).await;
        let principal = Principal {
            user: found.user,
            password_epoch: found.password_epoch,
            methods: vec![Amr::Pwd],
            identifier: key,
        };
        let identified = self.second_factor_for(principal).await?;
        // A right password clears the budget only when it is the whole proof: with a second
        // factor to come, failures of that step keep counting.
        if matches!(identified, Identified::Authenticated(_)) {
            self.limits.clear(budget).await;
        }
        Ok(identified)
    }

    /// "Open a session for this user, authenticated by these methods": a new session (bound
    /// to the password epoch the credentials were checked against, recording the methods and
    /// the time), its refresh token, an access token, and the audit entry.
    pub async fn open_session(
        &self,
        principal: Principal,
        client: &ClientInfo,
        presented_cookie: Option<&str>,
    ) -> Result<LoginOutcome> {
        self.open_session_for(principal, client, presented_cookie, false).await
    }

    /// [`Auth::open_session`], or (`console`) a session of the administration console: marked
    /// as one, with the console's shorter lifetime.
    pub(super) async fn open_session_for(
        &self,
        principal: Principal,
        client: &ClientInfo,
        presented_cookie: Option<&str>,
        console: bool,
    ) -> Result<LoginOutcome> {
        let ttl = if console { self.settings.admin_session_ttl } else { self.settings.session_ttl };
        let now = now_ms();
        let key = principal.identifier;
        let user = principal.user;
        let session_token = OpaqueToken::generate();
        let refresh = OpaqueToken::generate();
        let session = NewSession {
            id: uuid::Uuid::now_v7().to_string(),
            user_id: user.id.clone(),
            password_epoch: principal.password_epoch,
            amr: Amr::join(&principal.methods),
            auth_time: now,
            token_hash: session_token.hash.clone(),
            refresh_hash: refresh.hash.clone(),
            now,
            expires_at: now + ttl.as_millis() as i64,
            ip: client.ip.clone(),
            user_agent: client.user_agent.as_ref().map(|ua| truncate(ua, 512)),
            // One factor (the account had no second one when it was checked): the session
            // opens only if that still holds when it is written, so a login racing the
            // confirmation of TOTP (or of a first passkey that counts as a second factor)
            // cannot keep a password-only session.
            single_factor: (!Amr::multi_factor(&principal.methods))
                .then(|| self.settings.require_mfa && self.webauthn.is_ok()),
            console,
        };
        let replaces = presented_cookie.map(hash_token);
        // The session, its refresh token and this record: one transaction per login.
        let opened = Event::new(AuditEvent::LoginSucceeded)
            .user(&user.id)
            .identifier(&key)
            .detail(format!("session {}", session.id));
        let open = async |audit: &mut Audit| {
            Ok(self.store.create_session(&session, replaces.as_deref(), audit).await?)
        };
        if !self.audited(client, opened, open).await? {
            // The password changed (or the account was disabled) while this one was checked:
            // the credentials are no longer the account's.
            let event =
                Event::new(AuditEvent::LoginCredentialsChanged).user(&user.id).identifier(&key);
            self.audit(client, event).await;
            return Err(invalid_credentials());
        }
        let context = AuthContext { amr: principal.methods.clone(), auth_time: now / 1000 };
        let access_token = self.jwt.issue(&user.id, &session.id, &context, now / 1000)?;
        Ok(LoginOutcome {
            user,
            methods: principal.methods,
            session_id: session.id,
            session_token: session_token.plain,
            tokens: Tokens {
                access_token,
                expires_in: self.jwt.ttl_secs(),
                refresh_token: refresh.plain,
                dpop_bound: false,
            },
        })
    }

    /// Counts a failed password check against `budget` and audits it (and the lockout it may
    /// cause). `failed`: a login's, or that of the flow that re-checked a signed-in user's
    /// password or code.
    pub(super) async fn password_failed(
        &self,
        client: &ClientInfo,
        budget: ThrottleKey,
        failed: AuditEvent,
        user_id: Option<&str>,
        identifier: Option<&str>,
        now: i64,
    ) {
        let locked = self.limits.login_failed(budget, now).await;
        let failed = Event { user_id, identifier, ..Event::new(failed) };
        self.audit(client, failed).await;
        if locked {
            let event = Event { user_id, identifier, ..Event::new(AuditEvent::Lockout) };
            self.audit(client, event).await;
        }
    }

    /// A correct password found on the breached-password list: the account is flagged and the
    /// event audited (and, with `PORTCULLIS_BREACHED_PASSWORDS_AT_LOGIN=mail`, the person asked
    /// by mail to change it), once until the password changes. Never a refusal: the login goes
    /// on, and a failure here only costs the report.
    async fn screen_at_login(&self, user: &User, password: &Password, client: &ClientInfo) {
        use crate::config::BreachedAtLogin;
        let mode = self.settings.breached_at_login;
        if mode == BreachedAtLogin::Off
            || !self.settings.password_policy.breached.contains(password)
        {
            return;
        }
        let result = async {
            let mail = match mode {
                BreachedAtLogin::Mail => Some(
                    self.mailer.in_locale(user.locale.as_deref()).password_breached(&user.email)?,
                ),
                _ => None,
            };
            let event = Event::new(AuditEvent::PasswordBreachedAtLogin).user(&user.id);
            let flag = async |audit: &mut Audit| {
                Ok(self
                    .store
                    .flag_breached_password(&user.id, now_ms(), mail.as_ref(), audit)
                    .await?)
            };
            self.audited(client, event, flag).await
        }
        .await;
        if let Err(e) = result {
            tracing::warn!(error = %e, "could not record a breached password found at login");
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
}

fn truncate(s: &str, max_chars: usize) -> String {
    s.chars().take(max_chars).collect()
}
