//! The use cases, called by every route set (canonical API, legacy sets, pages). Nothing here
//! knows about HTTP; errors are [`AppError`]s whose variant decides the status.

mod account;
mod admin;
pub mod admin_api;
pub mod audit;
mod clients;
pub mod console;
pub mod device;
pub mod dpop;
mod email_login;
mod login;
pub mod metadata_document;
mod mfa;
mod oauth;
mod org_admin;
mod orgs;
mod passkey;
pub mod provider;
mod provision;
mod registration;
mod session;

use std::sync::Arc;

use anyhow::Context as _;

use crate::auth::{keycrypt, Hasher, Jwt, KeyCipher, OpaqueToken};
use crate::clock::now_ms;
use crate::config::{ExposeSecret, Settings};
use crate::domain::Password;
use crate::error::{AppError, ErrorCode, Result};
use crate::limit::{LimitSettings, Limits, ThrottleKey};
use crate::mail::Mailer;
use crate::metrics::Metrics;
use crate::store::{NewToken, Store, TokenPurpose};

pub use account::{Declined, ForgotOutcome, ProfileUpdate, Registration};
pub use admin::{operator, Rotation};
pub use clients::{ClientSpec, ClientView, Registered};
pub use console::ConsoleAdmin;
pub use login::{Identified, Identifier, LoginOutcome, LoginStep, Principal, SecondFactor};
pub use mfa::{Enrolment, Factors, Fresh};
pub use oauth::{OAuthOutcome, OAuthStart};
pub use org_admin::{AdminOrganization, OrganizationMember, UserRef};
pub use orgs::{OrgClaims, OrgInput, Switched};
pub use passkey::Begun;
pub use provision::ClientPreview;
pub use session::{Access, Authenticated, Tokens};

// The links' lifetimes are the mail's: undelivered mail expires with its link.
const VERIFY_TTL_MS: i64 = crate::domain::mail::VERIFY_LINK_TTL_MS;
const RESET_TTL_MS: i64 = crate::domain::mail::RESET_LINK_TTL_MS;

/// Who is asking: recorded on sessions.
#[derive(Debug, Clone, Default)]
pub struct ClientInfo {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

/// The authentication service: every flow, once.
pub struct Auth {
    settings: Arc<Settings>,
    store: Arc<Store>,
    hasher: Arc<Hasher>,
    jwt: Arc<Jwt>,
    mailer: Mailer,
    limits: Arc<Limits>,
    /// This process's metrics registry.
    metrics: Arc<Metrics>,
    /// Seals and opens private signing keys at rest (`PORTCULLIS_KEY_ENCRYPTION_KEY`).
    cipher: Option<KeyCipher>,
    /// The external identity providers configured.
    providers: crate::auth::oauth::Providers,
    /// The WebAuthn relying party, or why `PORTCULLIS_PUBLIC_URL` cannot be one.
    webauthn: std::result::Result<webauthn_rs::Webauthn, String>,
    /// When an access token with an unknown key id last made this node re-read the keys.
    last_forced_reload: std::sync::atomic::AtomicI64,
    /// The provider's signing keys, made or loaded on first use (`provider::id_keys`).
    id_keys: tokio::sync::OnceCell<crate::auth::idkeys::IdKeys>,
    /// The key sets of `private_key_jwt` clients.
    client_keys: provider::ClientKeys,
    /// Client metadata documents being fetched (`service::metadata_document`).
    metadata_fetches: metadata_document::Fetches,
}

/// An access token with an unknown key id re-reads the key table at most this often, however
/// many such tokens arrive (a key added on another node is found within this).
const UNKNOWN_KID_RELOAD_MS: i64 = 1_000;

/// The stored form of a new key: sealed when a key-encryption key is configured.
fn seal_key(
    cipher: Option<&KeyCipher>,
    key: &crate::domain::SigningKeyRecord,
) -> anyhow::Result<crate::domain::SigningKeyRecord> {
    let mut stored = key.clone();
    if let Some(c) = cipher {
        stored.private_pkcs8 = c.seal(&key.kid, &key.private_pkcs8)?;
    }
    Ok(stored)
}

/// Stored keys made usable: sealed ones opened (refused without the key-encryption key).
fn open_keys(
    cipher: Option<&KeyCipher>,
    mut keys: Vec<crate::domain::SigningKeyRecord>,
) -> anyhow::Result<Vec<crate::domain::SigningKeyRecord>> {
    for key in &mut keys {
        if keycrypt::is_sealed(&key.private_pkcs8) {
            let cipher = cipher.ok_or_else(|| {
                anyhow::anyhow!(
                    "signing key {} is encrypted at rest: set PORTCULLIS_KEY_ENCRYPTION_KEY",
                    key.kid
                )
            })?;
            key.private_pkcs8 = cipher.open(&key.kid, &key.private_pkcs8)?;
        }
    }
    Ok(keys)
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Auth").finish_non_exhaustive()
    }
}

impl Auth {
    /// The settings this service was built with.
    pub fn settings(&self) -> &Arc<Settings> {
        &self.settings
    }

    /// The store: for the operational commands and the tests; flows go through the service.
    pub fn store(&self) -> &Arc<Store> {
        &self.store
    }

    /// The password hasher (its concurrency and metrics).
    pub fn hasher(&self) -> &Arc<Hasher> {
        &self.hasher
    }

    /// The access-token signer and its published keys.
    pub fn jwt(&self) -> &Arc<Jwt> {
        &self.jwt
    }

    /// What renders mail into the outbox.
    pub fn mailer(&self) -> &Mailer {
        &self.mailer
    }

    /// The per-IP and per-account budgets.
    pub fn limits(&self) -> &Arc<Limits> {
        &self.limits
    }

    /// This process's metrics registry.
    pub fn metrics(&self) -> &Arc<Metrics> {
        &self.metrics
    }

    /// Whether the database answers (the readiness probe).
    pub async fn database_answers(&self) -> std::result::Result<(), sqlx::Error> {
        self.store.ping().await
    }

    /// Dev mode's mailbox: the outbox as mail, oldest first, to `to` or to anyone.
    pub async fn dev_mailbox(&self, to: Option<&str>) -> Result<Vec<crate::store::StoredMail>> {
        Ok(self.store.dev_mail(to).await?)
    }

    /// Every account, oldest first (`portcullis user list`).
    pub async fn users(&self) -> Result<Vec<crate::domain::User>> {
        Ok(self.store.list_users().await?)
    }

    /// Closes the database pool: the last step of a shutdown or a command.
    pub async fn close(&self) {
        self.store.close().await;
    }

    /// Builds the service on a migrated store: loads (or creates) the signing keys.
    pub async fn new(settings: Arc<Settings>, store: Arc<Store>) -> anyhow::Result<Self> {
        let issuer = settings.public_url.clone();
        let ttl = settings.access_token_ttl.as_secs() as i64;
        let cipher =
            match &settings.key_encryption_key {
                Some(k) => Some(KeyCipher::parse(k.expose_secret()).ok_or_else(|| {
                    anyhow::anyhow!("PORTCULLIS_KEY_ENCRYPTION_KEY is not 32 bytes")
                })?),
                None => None,
            };
        let jwt = match &settings.jwt_secret {
            Some(secret) => Jwt::hs256(secret, issuer, ttl),
            None => {
                let mut keys = store.signing_keys().await?;
                if keys.is_empty() {
                    // Two nodes starting at once may both add one; both keys are then
                    // published and the newest signs, which is harmless.
                    let key = crate::auth::generate_signing_key(now_ms())?;
                    let stored = seal_key(cipher.as_ref(), &key)?;
                    store.insert_signing_key(&stored).await?;
                    keys = store.signing_keys().await?;
                }
                if let Some(cipher) = &cipher {
                    // Keys written before a key-encryption key was configured are sealed now.
                    for key in keys.iter().filter(|k| !keycrypt::is_sealed(&k.private_pkcs8)) {
                        let sealed = cipher.seal(&key.kid, &key.private_pkcs8)?;
                        store.seal_signing_key(&key.kid, &sealed).await?;
                    }
                }
                Jwt::eddsa(&open_keys(cipher.as_ref(), keys)?, issuer, ttl)?
            }
        };
        let hasher = Hasher::new(settings.argon2, settings.hash_concurrency, settings.hash_queue)?;
        calibrate_failure_floor(&store, &hasher).await?;
        // The catalogues are checked here, at startup: an operator's bad file stops it.
        let cats = crate::i18n::Catalogues::load(
            settings.locales_dir.as_deref(),
            &settings.default_locale,
        )
        .context("loading the message catalogues (PORTCULLIS_LOCALES_DIR)")?;
        let mailer = Mailer::new(
            &settings.verify_email_url,
            &settings.reset_password_url,
            &settings.email_login_url,
            Arc::new(cats),
        )?;
        let limits = Limits::new(LimitSettings {
            ip_per_minute: settings.rate_limit_per_minute,
            failures_per_hour: settings.login_failures_per_hour,
            writes_per_user_per_minute: settings.write_limit_per_minute,
            writes_per_ip_per_minute: settings.write_limit_per_ip_per_minute,
            registrations_per_ip_per_hour: settings.registrations_per_ip_per_hour,
            failure_window: settings.login_failure_window,
            redis_url: settings.redis_url.as_ref().map(|u| u.expose_secret()),
            redis_prefix: &settings.redis_prefix,
        })
        .await?;
        let pool_max = store.pool().options().get_max_connections();
        let metrics = Arc::new(Metrics::new(hasher.wait_histogram(), pool_max));
        let webauthn = crate::auth::passkey::relying_party(&settings.public_url, crate::PRODUCT);
        let providers = crate::auth::oauth::Providers::new(settings.providers.clone())?;
        Ok(Self {
            providers,
            webauthn,
            settings,
            store,
            hasher,
            jwt: Arc::new(jwt),
            cipher,
            last_forced_reload: std::sync::atomic::AtomicI64::new(0),
            id_keys: tokio::sync::OnceCell::new(),
            client_keys: provider::ClientKeys::default(),
            metadata_fetches: metadata_document::Fetches::default(),
            mailer,
            limits: Arc::new(limits),
            metrics,
        })
    }

    /// Re-reads the signing keys (after a rotation on this or another node).
    pub async fn reload_keys(&self) -> Result<()> {
        if self.jwt.is_eddsa() {
            let keys = open_keys(self.cipher.as_ref(), self.store.signing_keys().await?)?;
            self.jwt.set_ed_keys(&keys)?;
            self.metrics.key_reloaded();
        }
        // The provider's keys, if it has made them (another node may have rotated them).
        self.reload_id_keys().await
    }

    /// Re-reads the keys for an access token with an unknown key id, unless that happened
    /// less than [`UNKNOWN_KID_RELOAD_MS`] ago: tokens with made-up key ids cost no more than
    /// one read of the key table a second. `false`: skipped.
    async fn reload_keys_for_unknown_kid(&self) -> Result<bool> {
        use std::sync::atomic::Ordering;
        let now = now_ms();
        let last = self.last_forced_reload.load(Ordering::Acquire);
        if now - last < UNKNOWN_KID_RELOAD_MS
            || self
                .last_forced_reload
                .compare_exchange(last, now, Ordering::AcqRel, Ordering::Acquire)
                .is_err()
        {
            return Ok(false);
        }
        self.reload_keys().await?;
        Ok(true)
    }

    /// Every metric, read now, in the OpenMetrics text format.
    pub async fn metrics_text(&self) -> String {
        self.metrics.render(&self.store, &self.hasher, &self.limits).await
    }

    /// Adds a new signing key; older keys keep verifying until dropped.
    pub async fn rotate_keys(&self) -> Result<String> {
        let key = crate::auth::generate_signing_key(now_ms())?;
        self.store.insert_signing_key(&seal_key(self.cipher.as_ref(), &key)?).await?;
        // The provider's RS256 and ES256 keys rotate with it, once the provider has made them.
        let stored = self.store.all_signing_keys().await?;
        for alg in ["RS256", "ES256"] {
            if stored.iter().any(|(a, _)| a == alg) {
                let next = crate::auth::idkeys::generate(alg, now_ms())?;
                self.store
                    .insert_signing_key_for(alg, &seal_key(self.cipher.as_ref(), &next)?)
                    .await?;
            }
        }
        self.reload_keys().await?;
        Ok(key.kid)
    }

    /// A new one-time token for `user`, and its stored form.
    fn one_time_token(
        &self,
        user_id: &str,
        purpose: TokenPurpose,
        email: &str,
    ) -> (OpaqueToken, NewToken) {
        let now = now_ms();
        let token = OpaqueToken::generate();
        let ttl = match purpose {
            TokenPurpose::VerifyEmail => VERIFY_TTL_MS,
            TokenPurpose::ResetPassword => RESET_TTL_MS,
        };
        let record = NewToken {
            hash: token.hash.clone(),
            user_id: user_id.to_owned(),
            purpose,
            email_key: crate::domain::email_key(email),
            new_email: None,
            now,
            expires_at: now + ttl,
        };
        (token, record)
    }

    /// Re-checks a signed-in user's password (`401 invalid_password` when wrong). It spends
    /// the same budgets as a login: the client IP's bucket, and the account's failure budget,
    /// so a stolen cookie cannot be used to guess the password at full speed (`429`).
    /// `failed`: the audit event of a wrong password, the flow asking's.
    async fn confirm_password(
        &self,
        auth: &Authenticated,
        raw: Option<&str>,
        field: &str,
        failed: crate::domain::AuditEvent,
    ) -> Result<()> {
        let raw = raw.filter(|s| !s.is_empty()).ok_or_else(|| AppError::missing(field))?;
        let wrong = AppError::unauthorized(ErrorCode::InvalidPassword, "Password is incorrect");
        self.recheck(auth, failed, wrong, async {
            let stored = self.store.user_by_id(&auth.user.id).await?;
            let Some(pw) = Password::normalize(raw) else { return Ok(None) };
            let hash = stored.as_ref().map(|u| u.password_hash.as_str());
            Ok(self.hasher.verify(&pw, hash).await?.ok.then_some(()))
        })
        .await
    }

    /// Runs `check` of a signed-in user's secret (a password, a code) under the budgets of a
    /// login: the client IP's bucket and the account's failure budget, both before the check.
    /// `Ok(None)` from `check` is a wrong secret: counted, audited as `failed`, answered `wrong`.
    async fn recheck<T>(
        &self,
        auth: &Authenticated,
        failed: crate::domain::AuditEvent,
        wrong: AppError,
        check: impl std::future::Future<Output = Result<Option<T>>>,
    ) -> Result<T> {
        let now = now_ms();
        if let Some(ip) = auth.client.ip.as_deref().and_then(|ip| ip.parse().ok()) {
            self.limits.check_ip(ip, now).await?;
        }
        let budget = ThrottleKey::account(&auth.user.id);
        self.limits.login_allowed(budget, now).await?;
        let Some(value) = check.await? else {
            self.password_failed(&auth.client, budget, failed, Some(&auth.user.id), None, now)
                .await;
            return Err(wrong);
        };
        self.limits.clear(budget).await;
        Ok(value)
    }

    fn policy_error(e: crate::domain::PolicyError) -> AppError {
        let code = match e {
            crate::domain::PolicyError::Breached => ErrorCode::PasswordBreached,
            _ => ErrorCode::WeakPassword,
        };
        AppError::bad_request(code, e.to_string())
    }
}

/// Measures, before the first request, one check of each kind of stored hash in the database
/// that this node does not make itself (imported bcrypt, PBKDF2, scrypt, Argon2id with other
/// parameters), so that the failure floor covers them all from the start (see
/// [`Hasher::floor`]). A kind that appears later (an import while running) is covered from
/// its first check on.
async fn calibrate_failure_floor(store: &Store, hasher: &Hasher) -> anyhow::Result<()> {
    /// Rows read per query (pages keep each statement short on a large table).
    const PAGE: i64 = 1000;
    /// Kinds measured at most: each costs one check of a core at startup.
    const MAX_KINDS: usize = 32;
    let native = hasher.native_prefix();
    let mut samples: std::collections::HashMap<String, String> = Default::default();
    let mut after = String::new();
    loop {
        let page = store
            .foreign_password_hashes(&native, &after, PAGE)
            .await
            .context("reading stored password hash kinds")?;
        let Some((last, _)) = page.last() else { break };
        after = last.clone();
        for (_, hash) in &page {
            if let Some(kind) = crate::auth::password::cost_kind(hash) {
                if samples.len() < MAX_KINDS || samples.contains_key(&kind) {
                    samples.entry(kind).or_insert_with(|| hash.clone());
                }
            }
        }
        if (page.len() as i64) < PAGE {
            break;
        }
    }
    for sample in samples.values() {
        hasher.calibrate(sample).await.map_err(|e| anyhow::anyhow!("calibrating: {e}"))?;
    }
    if !samples.is_empty() {
        tracing::info!(
            kinds = samples.len(),
            floor_ms = hasher.floor().as_millis() as u64,
            "failure floor covers the imported password hashes"
        );
    }
    Ok(())
}
