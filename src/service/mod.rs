//! The use cases, called by every route set (canonical API, legacy sets, pages). Nothing here
//! knows about HTTP; errors are [`AppError`]s whose variant decides the status.

mod account;
mod admin;
pub mod audit;
mod session;

use std::sync::Arc;

use crate::auth::{Hasher, Jwt, OpaqueToken};
use crate::config::Settings;
use crate::domain::Password;
use crate::error::{AppError, Result};
use crate::limit::{LimitSettings, Limits};
use crate::mail::Mailer;
use crate::metrics::Metrics;
use crate::store::{now_ms, NewToken, Store, TokenPurpose};

pub use account::{ForgotOutcome, ProfileUpdate, Registration};
pub use admin::{operator, Rotation};
pub use session::{Authenticated, Identifier, LoginOutcome, Tokens};

const VERIFY_TTL_MS: i64 = 24 * 3600 * 1000;
const RESET_TTL_MS: i64 = 3600 * 1000;

/// Who is asking: recorded on sessions.
#[derive(Debug, Clone, Default)]
pub struct ClientInfo {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

/// The authentication service: every flow, once.
pub struct Auth {
    pub settings: Arc<Settings>,
    pub store: Arc<Store>,
    pub hasher: Arc<Hasher>,
    pub jwt: Arc<Jwt>,
    pub mailer: Mailer,
    pub limits: Arc<Limits>,
    /// This process's metrics registry.
    pub metrics: Arc<Metrics>,
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Auth").finish_non_exhaustive()
    }
}

impl Auth {
    /// Builds the service on a migrated store: loads (or creates) the signing keys.
    pub async fn new(settings: Arc<Settings>, store: Arc<Store>) -> anyhow::Result<Self> {
        let issuer = settings.public_url.clone();
        let ttl = settings.access_token_ttl.as_secs() as i64;
        let jwt = match &settings.jwt_secret {
            Some(secret) => Jwt::hs256(secret, issuer, ttl),
            None => {
                let mut keys = store.signing_keys().await.map_err(AppError::into_anyhow)?;
                if keys.is_empty() {
                    // Two nodes starting at once may both add one; both keys are then
                    // published and the newest signs, which is harmless.
                    let key = crate::auth::SigningKeyRecord::generate(now_ms())?;
                    store.insert_signing_key(&key).await.map_err(AppError::into_anyhow)?;
                    keys = store.signing_keys().await.map_err(AppError::into_anyhow)?;
                }
                Jwt::eddsa(&keys, issuer, ttl)?
            }
        };
        let hasher = Hasher::new(settings.argon2, settings.hash_concurrency, settings.hash_queue)?;
        let mailer = Mailer::new(&settings.verify_email_url, &settings.reset_password_url)?;
        let limits = Limits::new(LimitSettings {
            ip_per_minute: settings.rate_limit_per_minute,
            failures_per_hour: settings.login_failures_per_hour,
            failure_window: settings.login_failure_window,
            redis_url: settings.redis_url.as_ref().map(|u| u.expose()),
            redis_prefix: &settings.redis_prefix,
        })
        .await?;
        let pool_max = store.pool().options().get_max_connections();
        let metrics = Arc::new(Metrics::new(hasher.wait_histogram(), pool_max));
        Ok(Self {
            settings,
            store,
            hasher,
            jwt: Arc::new(jwt),
            mailer,
            limits: Arc::new(limits),
            metrics,
        })
    }

    /// Re-reads the signing keys (after a rotation on this or another node).
    pub async fn reload_keys(&self) -> Result<()> {
        if self.jwt.is_eddsa() {
            let keys = self.store.signing_keys().await?;
            self.jwt.set_ed_keys(&keys)?;
        }
        Ok(())
    }

    /// Every metric, read now, in the OpenMetrics text format.
    pub async fn metrics_text(&self) -> String {
        self.metrics.render(&self.store, &self.hasher, &self.limits).await
    }

    /// Adds a new signing key; older keys keep verifying until dropped.
    pub async fn rotate_keys(&self) -> Result<String> {
        let key = crate::auth::SigningKeyRecord::generate(now_ms())?;
        self.store.insert_signing_key(&key).await?;
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
            now,
            expires_at: now + ttl,
        };
        (token, record)
    }

    /// Checks `raw` against the user's stored password (a wrong one is `401 invalid_password`).
    async fn confirm_password(&self, user_id: &str, raw: Option<&str>, field: &str) -> Result<()> {
        let raw = raw.filter(|s| !s.is_empty()).ok_or_else(|| AppError::missing(field))?;
        let stored = self.store.user_by_id(user_id).await?;
        let ok = match Password::normalize(raw) {
            Some(pw) => {
                self.hasher.verify(&pw, stored.as_ref().map(|u| u.password_hash.as_str())).await?.ok
            }
            None => false,
        };
        if !ok {
            return Err(AppError::unauthorized("invalid_password", "Password is incorrect"));
        }
        Ok(())
    }

    fn policy_error(e: crate::domain::PolicyError) -> AppError {
        AppError::bad_request("weak_password", e.to_string())
    }
}
