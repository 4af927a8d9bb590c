//! Settings: every `PORTCULLIS_*` name of CONTRACTS section 4, loaded in layers and validated.
//!
//! Layers, later wins: built-in defaults, `portcullis.toml` (or `--config FILE`), `.env` in the
//! working directory, the process environment, command-line flags. Every layer is reduced to
//! the same map of environment names (`bind = "…"` in TOML is `PORTCULLIS_BIND`), so one parser
//! and one validator serve them all and every error names the setting as users write it.

use std::collections::BTreeMap;
use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::domain::PasswordPolicy;

/// A value that must never be printed: `Debug` shows `[redacted]`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// A database URL. `Debug` and `Display` hide the password.
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseUrl(String);

impl DatabaseUrl {
    pub fn new(url: impl Into<String>) -> Self {
        Self(url.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// `scheme://user:secret@host` -> `scheme://user:***@host`.
pub fn mask_url_password(url: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        return url.to_owned();
    };
    let rest = &url[scheme_end + 3..];
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    match (authority.rfind('@'), authority.find(':')) {
        (Some(at), Some(colon)) if colon < at => {
            format!("{}{}:***{}", &url[..scheme_end + 3], &authority[..colon], &rest[at..])
        }
        _ => url.to_owned(),
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", mask_url_password(&self.0))
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&mask_url_password(&self.0))
    }
}

/// Argon2id cost parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Argon2Params {
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

impl Default for Argon2Params {
    fn default() -> Self {
        // OWASP's first recommended Argon2id configuration.
        Self { memory_kib: 19_456, iterations: 2, parallelism: 1 }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

/// The fully validated configuration of one Portcullis process.
#[derive(Clone, Debug)]
pub struct Settings {
    pub bind: SocketAddr,
    pub database_url: DatabaseUrl,
    /// Base of links in emails, without a trailing slash.
    pub public_url: String,
    pub dev: bool,
    pub smtp_url: Option<Secret>,
    pub mail_from: String,
    /// Bound on one SMTP delivery, connection included (`PORTCULLIS_SMTP_TIMEOUT`).
    pub smtp_timeout: Duration,
    /// How often the delivery worker looks for due mail.
    pub mail_poll_interval: Duration,
    /// Delay before the first retry of a failed delivery; it doubles with each attempt (up to
    /// an hour), with jitter.
    pub mail_retry_base: Duration,
    /// Delivery attempts before a message is marked failed.
    pub mail_max_attempts: u32,
    pub jwt_secret: Option<Secret>,
    pub access_token_ttl: Duration,
    pub session_ttl: Duration,
    pub session_cookie: String,
    pub refresh_reuse_grace: Duration,
    pub require_verified_email: bool,
    pub password_policy: PasswordPolicy,
    pub reveal_unknown_emails: bool,
    pub dialects: Vec<String>,
    pub verify_email_url: String,
    pub reset_password_url: String,
    pub cors_origins: Vec<String>,
    pub rate_limit_per_minute: u32,
    pub login_failures_per_hour: u32,
    pub trust_proxy: bool,
    pub redis_url: Option<Secret>,
    /// Prefix of Portcullis's Redis keys (`portcullis`).
    pub redis_prefix: String,
    /// How long failed logins count toward the lock (`1h`).
    pub login_failure_window: Duration,
    pub pages: bool,
    /// The metrics listener (`127.0.0.1:9464` unless set; `None`: `off`).
    pub metrics_bind: Option<SocketAddr>,
    /// With this set, the main listener serves `/metrics` too, to `Authorization: Bearer`
    /// with this secret only.
    pub metrics_token: Option<Secret>,
    /// Open connections from one client address at most (`0`: no per-address cap).
    pub max_connections_per_ip: usize,
    /// Encrypts the private signing keys at rest (AES-256-GCM) when set.
    pub key_encryption_key: Option<Secret>,
    /// The legacy reset routes keep the user's sessions (weaker; off by default).
    pub legacy_reset_keeps_sessions: bool,
    pub shutdown_timeout: Duration,
    /// How often each node deletes ended sessions, dead one-time tokens and old mail (`15m`).
    pub housekeeping_interval: Duration,
    /// How often each node re-reads the signing keys, so a rotation on another node reaches
    /// its JWKS within this time (`60s`).
    pub key_reload_interval: Duration,
    /// A client must send a request's headers within this (`10s`).
    pub header_timeout: Duration,
    /// A client must send a request's body within this (`10s`).
    pub body_timeout: Duration,
    /// No request may take longer than this, start to finish (`30s`).
    pub request_timeout: Duration,
    /// Open connections at most (`1024`).
    pub max_connections: usize,
    pub log: String,
    pub log_format: LogFormat,
    pub argon2: Argon2Params,
    /// Password-hash jobs allowed to wait for a core before new ones get `503`.
    pub hash_queue: usize,
    /// Password-hash jobs run at once; defaults to the number of cores.
    pub hash_concurrency: usize,
}

impl Settings {
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// Once the listener is bound: with port 0 (tests), a public URL that was derived from
    /// the bind address (and the link templates derived from it) take the real port.
    pub fn adopt_bound_address(&mut self, bound: SocketAddr) {
        let derived = format!("http://{}", self.bind);
        if self.bind.port() != 0 || self.public_url != derived {
            return;
        }
        let real = format!("http://{bound}");
        for template in [&mut self.verify_email_url, &mut self.reset_password_url] {
            if let Some(rest) = template.strip_prefix(&derived) {
                *template = format!("{real}{rest}");
            }
        }
        self.public_url = real;
        self.bind = bound;
    }

    /// Settings from defaults plus `overrides` only (no files, no environment): for tests and
    /// embedding.
    pub fn from_map<I, K, V>(overrides: I) -> Result<Self, ConfigError>
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: Into<String>,
    {
        let mut layers = Layers::default();
        for (k, v) in overrides {
            layers.set(k.into(), v.into(), "settings");
        }
        layers.build()
    }

    /// Loads every layer in order. `config_file` is `--config`; without it `portcullis.toml` in
    /// the working directory is read when present. `flags` are command-line overrides, keyed
    /// by environment name.
    pub fn load(config_file: Option<&Path>, flags: &[(&str, String)]) -> Result<Self, ConfigError> {
        let mut layers = Layers::default();
        let toml_path =
            config_file.map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("portcullis.toml"));
        if config_file.is_some() || toml_path.exists() {
            layers.add_toml_file(&toml_path)?;
        }
        if Path::new(".env").exists() {
            layers.add_dotenv(Path::new(".env"))?;
        }
        layers.add_env(std::env::vars());
        for (name, value) in flags {
            layers.set((*name).to_owned(), value.clone(), "command line");
        }
        layers.build()
    }
}

/// A setting that cannot be used. The message names the setting.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ConfigError(String);

impl ConfigError {
    fn setting(name: &str, origin: &str, why: impl fmt::Display) -> Self {
        Self(format!("{name} (from {origin}): {why}"))
    }
}

/// Every environment name Portcullis reads. Anything else starting with `PORTCULLIS_` is a typo
/// and stops startup.
const KNOWN: &[&str] = &[
    "PORTCULLIS_BIND",
    "PORTCULLIS_DATABASE_URL",
    "PORTCULLIS_PUBLIC_URL",
    "PORTCULLIS_DEV",
    "PORTCULLIS_SMTP_URL",
    "PORTCULLIS_MAIL_FROM",
    "PORTCULLIS_SMTP_TIMEOUT",
    "PORTCULLIS_MAIL_POLL_INTERVAL",
    "PORTCULLIS_MAIL_RETRY_BASE",
    "PORTCULLIS_MAIL_MAX_ATTEMPTS",
    "PORTCULLIS_JWT_SECRET",
    "PORTCULLIS_ACCESS_TOKEN_TTL",
    "PORTCULLIS_SESSION_TTL",
    "PORTCULLIS_SESSION_COOKIE",
    "PORTCULLIS_REFRESH_REUSE_GRACE",
    "PORTCULLIS_REQUIRE_VERIFIED_EMAIL",
    "PORTCULLIS_PASSWORD_MIN_LENGTH",
    "PORTCULLIS_PASSWORD_REQUIRE_LETTER_AND_DIGIT",
    "PORTCULLIS_PASSWORD_BLOCK_COMMON",
    "PORTCULLIS_REVEAL_UNKNOWN_EMAILS",
    "PORTCULLIS_DIALECTS",
    "PORTCULLIS_VERIFY_EMAIL_URL",
    "PORTCULLIS_RESET_PASSWORD_URL",
    "PORTCULLIS_CORS_ORIGINS",
    "PORTCULLIS_RATE_LIMIT_PER_MINUTE",
    "PORTCULLIS_LOGIN_FAILURES_PER_HOUR",
    "PORTCULLIS_TRUST_PROXY",
    "PORTCULLIS_REDIS_URL",
    "PORTCULLIS_REDIS_PREFIX",
    "PORTCULLIS_LOGIN_FAILURE_WINDOW",
    "PORTCULLIS_PAGES",
    "PORTCULLIS_METRICS_BIND",
    "PORTCULLIS_METRICS_TOKEN",
    "PORTCULLIS_MAX_CONNECTIONS_PER_IP",
    "PORTCULLIS_KEY_ENCRYPTION_KEY",
    "PORTCULLIS_LEGACY_RESET_KEEPS_SESSIONS",
    "PORTCULLIS_DEV_ALLOW_PUBLIC",
    "PORTCULLIS_SHUTDOWN_TIMEOUT",
    "PORTCULLIS_HOUSEKEEPING_INTERVAL",
    "PORTCULLIS_KEY_RELOAD_INTERVAL",
    "PORTCULLIS_HEADER_TIMEOUT",
    "PORTCULLIS_BODY_TIMEOUT",
    "PORTCULLIS_REQUEST_TIMEOUT",
    "PORTCULLIS_MAX_CONNECTIONS",
    "PORTCULLIS_LOG",
    "PORTCULLIS_LOG_FORMAT",
    "PORTCULLIS_ARGON2_MEMORY_KIB",
    "PORTCULLIS_ARGON2_ITERATIONS",
    "PORTCULLIS_ARGON2_PARALLELISM",
    "PORTCULLIS_HASH_QUEUE",
    "PORTCULLIS_HASH_CONCURRENCY",
];

const DIALECTS: &[&str] = &["root", "alx", "api-v1"];

#[derive(Default)]
struct Layers {
    /// name -> (value, where it came from)
    values: BTreeMap<String, (String, &'static str)>,
}

impl Layers {
    fn set(&mut self, name: String, value: String, origin: &'static str) {
        self.values.insert(name, (value, origin));
    }

    fn add_toml_file(&mut self, path: &Path) -> Result<(), ConfigError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| ConfigError(format!("cannot read {}: {e}", path.display())))?;
        let table: toml::Table = text
            .parse()
            .map_err(|e| ConfigError(format!("{} is not valid TOML: {e}", path.display())))?;
        for (key, value) in table {
            let name = format!("PORTCULLIS_{}", key.to_ascii_uppercase().replace('-', "_"));
            let bad = || {
                ConfigError(format!(
                    "{key} in {}: expected a string, number, boolean or list of those",
                    path.display()
                ))
            };
            let value = match &value {
                toml::Value::Array(items) => items
                    .iter()
                    .map(|v| toml_scalar(v).ok_or_else(bad))
                    .collect::<Result<Vec<_>, _>>()?
                    .join(","),
                scalar => toml_scalar(scalar).ok_or_else(bad)?,
            };
            self.set(name, value, "portcullis.toml");
        }
        Ok(())
    }

    fn add_dotenv(&mut self, path: &Path) -> Result<(), ConfigError> {
        let iter = dotenvy::from_path_iter(path).map_err(|e| ConfigError(format!(".env: {e}")))?;
        for item in iter {
            let (k, v) = item.map_err(|e| ConfigError(format!(".env: {e}")))?;
            if k.starts_with("PORTCULLIS_") || k == "DATABASE_URL" {
                self.set(k, v, ".env");
            }
        }
        Ok(())
    }

    fn add_env(&mut self, vars: impl Iterator<Item = (String, String)>) {
        for (k, v) in vars {
            if k.starts_with("PORTCULLIS_") || k == "DATABASE_URL" {
                self.set(k, v, "environment");
            }
        }
    }

    fn build(mut self) -> Result<Settings, ConfigError> {
        // DATABASE_URL is the conventional name; PORTCULLIS_DATABASE_URL wins over it.
        if let Some(v) = self.values.remove("DATABASE_URL") {
            self.values.entry("PORTCULLIS_DATABASE_URL".into()).or_insert(v);
        }
        if let Some(unknown) = self.values.keys().find(|k| !KNOWN.contains(&k.as_str())) {
            let origin = self.values[unknown].1;
            return Err(ConfigError::setting(
                unknown,
                origin,
                "unknown setting (check the spelling against the README)",
            ));
        }
        let p = Parser { values: &self.values };

        let bind: SocketAddr = p.parse_with("PORTCULLIS_BIND", "127.0.0.1:8080", |s| {
            s.parse().map_err(|_| "expected HOST:PORT, e.g. 127.0.0.1:8080".to_owned())
        })?;
        let database_url = p.string("PORTCULLIS_DATABASE_URL", "sqlite://portcullis.db");
        if !["sqlite:", "postgres:", "postgresql:", "mysql:", "mariadb:"]
            .iter()
            .any(|s| database_url.starts_with(s))
        {
            return Err(p.err(
                "PORTCULLIS_DATABASE_URL",
                "must start with sqlite://, postgres:// or mysql://",
            ));
        }
        let public_url = p
            .string("PORTCULLIS_PUBLIC_URL", &format!("http://{bind}"))
            .trim_end_matches('/')
            .to_owned();
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            return Err(p.err("PORTCULLIS_PUBLIC_URL", "must be an http:// or https:// URL"));
        }
        let dev = p.bool("PORTCULLIS_DEV", false)?;
        if dev && !p.bool("PORTCULLIS_DEV_ALLOW_PUBLIC", false)? {
            // Dev mode hands out every mail (tokens included) at /dev/mail: never to the world.
            if !bind.ip().is_loopback() {
                return Err(p.err(
                    "PORTCULLIS_BIND",
                    "dev mode (PORTCULLIS_DEV / --dev) serves every mail at /dev/mail, so it \
                     listens on loopback only; bind 127.0.0.1, or set \
                     PORTCULLIS_DEV_ALLOW_PUBLIC=true if you really mean it",
                ));
            }
            if public_url.starts_with("https://") {
                return Err(p.err(
                    "PORTCULLIS_PUBLIC_URL",
                    "dev mode (PORTCULLIS_DEV / --dev) with an https:// public URL looks like \
                     a real deployment, and dev mode serves every mail at /dev/mail; turn dev \
                     mode off, or set PORTCULLIS_DEV_ALLOW_PUBLIC=true if you really mean it",
                ));
            }
        }

        let jwt_secret = p.optional("PORTCULLIS_JWT_SECRET").map(Secret::new);
        if let Some(secret) = &jwt_secret {
            if secret.expose().len() < 32 {
                return Err(p.err(
                    "PORTCULLIS_JWT_SECRET",
                    "must be at least 32 bytes (use a random string, e.g. `openssl rand -base64 48`)",
                ));
            }
        }
        let access_token_ttl = p.duration("PORTCULLIS_ACCESS_TOKEN_TTL", "15m")?;
        let session_ttl = p.duration("PORTCULLIS_SESSION_TTL", "30d")?;
        if access_token_ttl.is_zero() || access_token_ttl > Duration::from_secs(24 * 3600) {
            return Err(p.err(
                "PORTCULLIS_ACCESS_TOKEN_TTL",
                "must be between 1s and 24h: access tokens cannot be revoked before they expire",
            ));
        }
        if session_ttl < access_token_ttl {
            return Err(p.err(
                "PORTCULLIS_SESSION_TTL",
                "must not be shorter than PORTCULLIS_ACCESS_TOKEN_TTL",
            ));
        }
        // On https the default name takes the `__Host-` prefix: the browser then accepts the
        // cookie only with `Secure`, `Path=/` and no `Domain`, so a sibling subdomain cannot
        // plant or overwrite it. A name set explicitly is used as it is.
        let default_cookie =
            if public_url.starts_with("https://") { "__Host-session_id" } else { "session_id" };
        let session_cookie = p.string("PORTCULLIS_SESSION_COOKIE", default_cookie);
        if session_cookie.is_empty()
            || !session_cookie.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        {
            return Err(p.err("PORTCULLIS_SESSION_COOKIE", "must be letters, digits, '_' or '-'"));
        }
        let refresh_reuse_grace = p.duration("PORTCULLIS_REFRESH_REUSE_GRACE", "10s")?;
        if refresh_reuse_grace > Duration::from_secs(300) {
            return Err(p.err(
                "PORTCULLIS_REFRESH_REUSE_GRACE",
                "must be at most 5m: a long grace hides stolen refresh tokens",
            ));
        }

        let min_length = p.number("PORTCULLIS_PASSWORD_MIN_LENGTH", 8)?;
        if !(1..=128).contains(&min_length) {
            return Err(p.err("PORTCULLIS_PASSWORD_MIN_LENGTH", "must be between 1 and 128"));
        }
        let password_policy = PasswordPolicy {
            min_length: min_length as usize,
            require_letter_and_digit: p
                .bool("PORTCULLIS_PASSWORD_REQUIRE_LETTER_AND_DIGIT", false)?,
            block_common: p.bool("PORTCULLIS_PASSWORD_BLOCK_COMMON", true)?,
        };

        let dialects_raw = p.string("PORTCULLIS_DIALECTS", "root,alx,api-v1");
        let mut dialects = Vec::new();
        for d in dialects_raw.split(',').map(str::trim).filter(|d| !d.is_empty()) {
            if d == "none" {
                continue;
            }
            if !DIALECTS.contains(&d) {
                return Err(p.err(
                    "PORTCULLIS_DIALECTS",
                    format!("unknown route set {d:?}; expected some of root, alx, api-v1, or none"),
                ));
            }
            dialects.push(d.to_owned());
        }

        let verify_email_url = p.string(
            "PORTCULLIS_VERIFY_EMAIL_URL",
            &format!("{public_url}/account/verify-email?token={{token}}"),
        );
        let reset_password_url = p.string(
            "PORTCULLIS_RESET_PASSWORD_URL",
            &format!("{public_url}/account/reset-password?token={{token}}"),
        );
        for (name, template) in [
            ("PORTCULLIS_VERIFY_EMAIL_URL", &verify_email_url),
            ("PORTCULLIS_RESET_PASSWORD_URL", &reset_password_url),
        ] {
            if template.matches("{token}").count() != 1 {
                return Err(p.err(name, "must contain {token} exactly once"));
            }
        }

        let cors_origins: Vec<String> = p
            .string("PORTCULLIS_CORS_ORIGINS", "")
            .split(',')
            .map(|s| s.trim().trim_end_matches('/').to_owned())
            .filter(|s| !s.is_empty())
            .collect();
        if cors_origins.iter().any(|o| o == "*") {
            return Err(p.err(
                "PORTCULLIS_CORS_ORIGINS",
                "`*` is refused: credentials are allowed for listed origins, so list them one by one",
            ));
        }

        let smtp_timeout = p.duration("PORTCULLIS_SMTP_TIMEOUT", "30s")?;
        let mail_poll_interval = p.duration("PORTCULLIS_MAIL_POLL_INTERVAL", "2s")?;
        let mail_retry_base = p.duration("PORTCULLIS_MAIL_RETRY_BASE", "30s")?;
        let mail_max_attempts = p.number("PORTCULLIS_MAIL_MAX_ATTEMPTS", 10)?;
        for (name, value) in [
            ("PORTCULLIS_SMTP_TIMEOUT", smtp_timeout),
            ("PORTCULLIS_MAIL_POLL_INTERVAL", mail_poll_interval),
            ("PORTCULLIS_MAIL_RETRY_BASE", mail_retry_base),
        ] {
            if value.is_zero() {
                return Err(p.err(name, "must be longer than zero"));
            }
        }
        if !(1..=100).contains(&mail_max_attempts) {
            return Err(p.err("PORTCULLIS_MAIL_MAX_ATTEMPTS", "must be between 1 and 100"));
        }

        let login_failure_window = p.duration("PORTCULLIS_LOGIN_FAILURE_WINDOW", "1h")?;
        if login_failure_window.is_zero() || login_failure_window > Duration::from_secs(86_400) {
            return Err(p.err(
                "PORTCULLIS_LOGIN_FAILURE_WINDOW",
                "must be between 1s and 24h: a lock is always temporary",
            ));
        }
        let metrics_bind = match p.string("PORTCULLIS_METRICS_BIND", "127.0.0.1:9464").as_str() {
            "off" | "none" => None,
            s => Some(
                s.parse()
                    .map_err(|_| p.err("PORTCULLIS_METRICS_BIND", "expected HOST:PORT, or off"))?,
            ),
        };
        let metrics_token = p.optional("PORTCULLIS_METRICS_TOKEN").map(Secret::new);
        if metrics_token.as_ref().is_some_and(|t| t.expose().len() < 16) {
            return Err(p.err("PORTCULLIS_METRICS_TOKEN", "must be at least 16 bytes"));
        }
        let key_encryption_key = p.optional("PORTCULLIS_KEY_ENCRYPTION_KEY").map(Secret::new);
        if let Some(key) = &key_encryption_key {
            if crate::auth::KeyCipher::parse(key.expose()).is_none() {
                return Err(p.err(
                    "PORTCULLIS_KEY_ENCRYPTION_KEY",
                    "must be 32 bytes, as 64 hex digits or base64 (e.g. `openssl rand -base64 32`)",
                ));
            }
        }
        let trust_proxy = p.bool("PORTCULLIS_TRUST_PROXY", false)?;
        // Behind a proxy every connection comes from the proxy: no per-address cap by default.
        let per_ip_default = if trust_proxy { 0 } else { 128 };
        let log_format = match p.string("PORTCULLIS_LOG_FORMAT", "text").as_str() {
            "text" => LogFormat::Text,
            "json" => LogFormat::Json,
            _ => return Err(p.err("PORTCULLIS_LOG_FORMAT", "must be text or json")),
        };

        let defaults = Argon2Params::default();
        let argon2 = Argon2Params {
            memory_kib: p.number("PORTCULLIS_ARGON2_MEMORY_KIB", defaults.memory_kib.into())?
                as u32,
            iterations: p.number("PORTCULLIS_ARGON2_ITERATIONS", defaults.iterations.into())?
                as u32,
            parallelism: p.number("PORTCULLIS_ARGON2_PARALLELISM", defaults.parallelism.into())?
                as u32,
        };
        if argon2.memory_kib < 1024 && !dev {
            // Below 1 MiB Argon2id is cheap to brute-force; tests and dev mode may go lower.
            tracing::warn!(
                memory_kib = argon2.memory_kib,
                "PORTCULLIS_ARGON2_MEMORY_KIB is below 1024: fine for tests, weak in production"
            );
        }
        if argon2::Params::new(argon2.memory_kib, argon2.iterations, argon2.parallelism, None)
            .is_err()
        {
            return Err(p.err(
                "PORTCULLIS_ARGON2_MEMORY_KIB",
                "Argon2 parameters out of range (memory >= 8 x parallelism KiB, iterations >= 1)",
            ));
        }
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let hash_concurrency = p.number("PORTCULLIS_HASH_CONCURRENCY", cores as u64)? as usize;
        if hash_concurrency == 0 {
            return Err(p.err("PORTCULLIS_HASH_CONCURRENCY", "must be at least 1"));
        }

        Ok(Settings {
            bind,
            database_url: DatabaseUrl::new(database_url),
            public_url,
            dev,
            smtp_url: p.optional("PORTCULLIS_SMTP_URL").map(Secret::new),
            mail_from: p.string("PORTCULLIS_MAIL_FROM", "Portcullis <no-reply@localhost>"),
            smtp_timeout,
            mail_poll_interval,
            mail_retry_base,
            mail_max_attempts: mail_max_attempts as u32,
            jwt_secret,
            access_token_ttl,
            session_ttl,
            session_cookie,
            refresh_reuse_grace,
            require_verified_email: p.bool("PORTCULLIS_REQUIRE_VERIFIED_EMAIL", false)?,
            password_policy,
            reveal_unknown_emails: p.bool("PORTCULLIS_REVEAL_UNKNOWN_EMAILS", false)?,
            dialects,
            verify_email_url,
            reset_password_url,
            cors_origins,
            rate_limit_per_minute: p.number("PORTCULLIS_RATE_LIMIT_PER_MINUTE", 60)? as u32,
            login_failures_per_hour: p.number("PORTCULLIS_LOGIN_FAILURES_PER_HOUR", 20)? as u32,
            trust_proxy,
            redis_url: p.optional("PORTCULLIS_REDIS_URL").map(Secret::new),
            redis_prefix: p.string("PORTCULLIS_REDIS_PREFIX", "portcullis"),
            login_failure_window,
            pages: p.bool("PORTCULLIS_PAGES", true)?,
            metrics_bind,
            metrics_token,
            max_connections_per_ip: p.number("PORTCULLIS_MAX_CONNECTIONS_PER_IP", per_ip_default)?
                as usize,
            key_encryption_key,
            legacy_reset_keeps_sessions: p.bool("PORTCULLIS_LEGACY_RESET_KEEPS_SESSIONS", false)?,
            shutdown_timeout: p.duration("PORTCULLIS_SHUTDOWN_TIMEOUT", "30s")?,
            housekeeping_interval: p.nonzero_duration("PORTCULLIS_HOUSEKEEPING_INTERVAL", "15m")?,
            key_reload_interval: p.nonzero_duration("PORTCULLIS_KEY_RELOAD_INTERVAL", "60s")?,
            header_timeout: p.nonzero_duration("PORTCULLIS_HEADER_TIMEOUT", "10s")?,
            body_timeout: p.nonzero_duration("PORTCULLIS_BODY_TIMEOUT", "10s")?,
            request_timeout: p.nonzero_duration("PORTCULLIS_REQUEST_TIMEOUT", "30s")?,
            max_connections: p.number("PORTCULLIS_MAX_CONNECTIONS", 1024)?.max(1) as usize,
            log: p.string("PORTCULLIS_LOG", "info"),
            log_format,
            argon2,
            hash_queue: p.number("PORTCULLIS_HASH_QUEUE", 64)? as usize,
            hash_concurrency,
        })
    }
}

fn toml_scalar(v: &toml::Value) -> Option<String> {
    match v {
        toml::Value::String(s) => Some(s.clone()),
        toml::Value::Integer(i) => Some(i.to_string()),
        toml::Value::Float(f) => Some(f.to_string()),
        toml::Value::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

struct Parser<'a> {
    values: &'a BTreeMap<String, (String, &'static str)>,
}

impl Parser<'_> {
    fn origin(&self, name: &str) -> &'static str {
        self.values.get(name).map_or("default", |v| v.1)
    }

    fn err(&self, name: &str, why: impl fmt::Display) -> ConfigError {
        ConfigError::setting(name, self.origin(name), why)
    }

    fn optional(&self, name: &str) -> Option<String> {
        self.values.get(name).map(|v| v.0.clone()).filter(|v| !v.is_empty())
    }

    fn string(&self, name: &str, default: &str) -> String {
        self.optional(name).unwrap_or_else(|| default.to_owned())
    }

    fn parse_with<T>(
        &self,
        name: &str,
        default: &str,
        f: impl FnOnce(&str) -> Result<T, String>,
    ) -> Result<T, ConfigError> {
        f(&self.string(name, default)).map_err(|why| self.err(name, why))
    }

    fn bool(&self, name: &str, default: bool) -> Result<bool, ConfigError> {
        match self.optional(name) {
            None => Ok(default),
            Some(v) => match v.to_ascii_lowercase().as_str() {
                "true" | "1" | "yes" | "on" => Ok(true),
                "false" | "0" | "no" | "off" => Ok(false),
                _ => Err(self.err(name, "expected true or false")),
            },
        }
    }

    fn number(&self, name: &str, default: u64) -> Result<u64, ConfigError> {
        match self.optional(name) {
            None => Ok(default),
            Some(v) => v.trim().parse().map_err(|_| self.err(name, "expected a whole number")),
        }
    }

    fn duration(&self, name: &str, default: &str) -> Result<Duration, ConfigError> {
        self.parse_with(name, default, parse_duration)
    }

    fn nonzero_duration(&self, name: &str, default: &str) -> Result<Duration, ConfigError> {
        let d = self.duration(name, default)?;
        if d.is_zero() {
            return Err(self.err(name, "must be longer than 0s"));
        }
        Ok(d)
    }
}

/// Parses `10s`, `15m`, `24h`, `30d` (and `500ms`; a bare number is seconds).
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (digits, unit) = s.split_at(split);
    let n: u64 =
        digits.parse().map_err(|_| format!("{s:?} is not a duration like 10s, 15m, 24h or 30d"))?;
    let secs = match unit {
        "" | "s" => n,
        "ms" => return Ok(Duration::from_millis(n)),
        "m" => n.saturating_mul(60),
        "h" => n.saturating_mul(3600),
        "d" => n.saturating_mul(86_400),
        _ => return Err(format!("{s:?} is not a duration like 10s, 15m, 24h or 30d")),
    };
    Ok(Duration::from_secs(secs))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn defaults_match_the_contract() {
        let s = Settings::from_map(Vec::<(String, String)>::new()).unwrap();
        assert_eq!(s.bind.to_string(), "127.0.0.1:8080");
        assert_eq!(s.database_url.expose(), "sqlite://portcullis.db");
        assert_eq!(s.public_url, "http://127.0.0.1:8080");
        assert_eq!(s.access_token_ttl, Duration::from_secs(900));
        assert_eq!(s.session_ttl, Duration::from_secs(30 * 86400));
        assert_eq!(s.refresh_reuse_grace, Duration::from_secs(10));
        assert_eq!(s.session_cookie, "session_id");
        assert_eq!(s.password_policy.min_length, 8);
        assert!(s.password_policy.block_common);
        assert_eq!(s.dialects, ["root", "alx", "api-v1"]);
        assert_eq!(s.verify_email_url, "http://127.0.0.1:8080/account/verify-email?token={token}");
        assert_eq!(s.argon2, Argon2Params::default());
        assert!(!s.secure_cookies());
    }

    #[test]
    fn dev_mode_refuses_to_face_the_world() {
        let err =
            Settings::from_map([("PORTCULLIS_DEV", "true"), ("PORTCULLIS_BIND", "0.0.0.0:8080")])
                .unwrap_err();
        assert!(err.to_string().contains("PORTCULLIS_BIND"), "{err}");
        let err = Settings::from_map([
            ("PORTCULLIS_DEV", "true"),
            ("PORTCULLIS_PUBLIC_URL", "https://auth.example.com"),
        ])
        .unwrap_err();
        assert!(err.to_string().contains("PORTCULLIS_PUBLIC_URL"), "{err}");
        // Loopback is fine, and so is an explicit override.
        assert!(Settings::from_map([
            ("PORTCULLIS_DEV", "true"),
            ("PORTCULLIS_BIND", "[::1]:8080")
        ])
        .is_ok());
        assert!(Settings::from_map([
            ("PORTCULLIS_DEV", "true"),
            ("PORTCULLIS_BIND", "0.0.0.0:8080"),
            ("PORTCULLIS_DEV_ALLOW_PUBLIC", "true"),
        ])
        .is_ok());
        // Outside dev mode any address may be bound.
        assert!(Settings::from_map([("PORTCULLIS_BIND", "0.0.0.0:8080")]).is_ok());
    }

    #[test]
    fn the_session_cookie_takes_the_host_prefix_on_https_unless_named() {
        let https = [("PORTCULLIS_PUBLIC_URL", "https://auth.example.com")];
        assert_eq!(Settings::from_map(https).unwrap().session_cookie, "__Host-session_id");
        let named = Settings::from_map([
            ("PORTCULLIS_PUBLIC_URL", "https://auth.example.com"),
            ("PORTCULLIS_SESSION_COOKIE", "session_id"),
        ])
        .unwrap();
        assert_eq!(named.session_cookie, "session_id");
        assert_eq!(
            Settings::from_map(Vec::<(String, String)>::new()).unwrap().session_cookie,
            "session_id"
        );
    }

    #[test]
    fn metrics_listen_privately_by_default() {
        let s = Settings::from_map(Vec::<(String, String)>::new()).unwrap();
        assert_eq!(s.metrics_bind, Some("127.0.0.1:9464".parse().unwrap()));
        assert!(s.metrics_token.is_none());
        let off = Settings::from_map([("PORTCULLIS_METRICS_BIND", "off")]).unwrap();
        assert_eq!(off.metrics_bind, None);
        let err = Settings::from_map([("PORTCULLIS_METRICS_TOKEN", "short")]).unwrap_err();
        assert!(err.to_string().contains("PORTCULLIS_METRICS_TOKEN"), "{err}");
    }

    #[test]
    fn key_encryption_key_must_be_32_bytes() {
        let err = Settings::from_map([("PORTCULLIS_KEY_ENCRYPTION_KEY", "c2hvcnQ=")]).unwrap_err();
        assert!(err.to_string().contains("PORTCULLIS_KEY_ENCRYPTION_KEY"), "{err}");
        assert!(!err.to_string().contains("c2hvcnQ"), "{err}");
        let hex = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        let s = Settings::from_map([("PORTCULLIS_KEY_ENCRYPTION_KEY", hex)]).unwrap();
        assert!(!format!("{s:?}").contains(hex));
    }

    #[test]
    fn short_jwt_secret_is_refused_by_name() {
        let err = Settings::from_map([("PORTCULLIS_JWT_SECRET", "short")]).unwrap_err();
        assert!(err.to_string().contains("PORTCULLIS_JWT_SECRET"), "{err}");
        assert!(!err.to_string().contains("short\""), "{err}");
    }

    #[test]
    fn unknown_portcullis_setting_is_refused_by_name() {
        let err = Settings::from_map([("PORTCULLIS_BINDD", "x")]).unwrap_err();
        assert!(err.to_string().contains("PORTCULLIS_BINDD"), "{err}");
    }

    #[test]
    fn wildcard_cors_is_refused() {
        let err = Settings::from_map([("PORTCULLIS_CORS_ORIGINS", "*")]).unwrap_err();
        assert!(err.to_string().contains("PORTCULLIS_CORS_ORIGINS"));
    }

    #[test]
    fn https_public_url_makes_cookies_secure() {
        let s =
            Settings::from_map([("PORTCULLIS_PUBLIC_URL", "https://auth.example.com/")]).unwrap();
        assert!(s.secure_cookies());
        assert_eq!(s.public_url, "https://auth.example.com");
    }

    #[test]
    fn database_url_precedence_and_masking() {
        let s = Settings::from_map([
            ("DATABASE_URL", "postgres://a:b@h/db1"),
            ("PORTCULLIS_DATABASE_URL", "postgres://u:hunter2@h/db2"),
        ])
        .unwrap();
        assert_eq!(s.database_url.expose(), "postgres://u:hunter2@h/db2");
        let shown = format!("{s:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("postgres://u:***@h/db2"), "{shown}");
    }

    #[test]
    fn secrets_are_redacted_in_debug() {
        let s = Settings::from_map([
            ("PORTCULLIS_JWT_SECRET", "0123456789abcdef0123456789abcdef-secret"),
            ("PORTCULLIS_SMTP_URL", "smtp://me:mailpass@localhost:25"),
        ])
        .unwrap();
        let shown = format!("{s:?}");
        assert!(!shown.contains("-secret"));
        assert!(!shown.contains("mailpass"));
    }

    #[test]
    fn mail_delivery_settings_have_defaults_and_refuse_nonsense() {
        let s = Settings::from_map(Vec::<(String, String)>::new()).unwrap();
        assert_eq!(s.smtp_timeout, Duration::from_secs(30));
        assert_eq!(s.mail_poll_interval, Duration::from_secs(2));
        assert_eq!(s.mail_retry_base, Duration::from_secs(30));
        assert_eq!(s.mail_max_attempts, 10);
        let s = Settings::from_map([("PORTCULLIS_MAIL_POLL_INTERVAL", "50ms")]).unwrap();
        assert_eq!(s.mail_poll_interval, Duration::from_millis(50));
        for (name, value) in [
            ("PORTCULLIS_MAIL_POLL_INTERVAL", "0s"),
            ("PORTCULLIS_SMTP_TIMEOUT", "0"),
            ("PORTCULLIS_MAIL_MAX_ATTEMPTS", "0"),
        ] {
            let err = Settings::from_map([(name, value)]).unwrap_err();
            assert!(err.to_string().contains(name), "{err}");
        }
    }

    #[test]
    fn background_intervals_have_defaults_and_refuse_zero() {
        let s = Settings::from_map(Vec::<(String, String)>::new()).unwrap();
        assert_eq!(s.housekeeping_interval, Duration::from_secs(900));
        assert_eq!(s.key_reload_interval, Duration::from_secs(60));
        let s = Settings::from_map([("PORTCULLIS_KEY_RELOAD_INTERVAL", "500ms")]).unwrap();
        assert_eq!(s.key_reload_interval, Duration::from_millis(500));
        for name in ["PORTCULLIS_HOUSEKEEPING_INTERVAL", "PORTCULLIS_KEY_RELOAD_INTERVAL"] {
            let err = Settings::from_map([(name, "0s")]).unwrap_err();
            assert!(err.to_string().contains(name), "{err}");
        }
    }

    #[test]
    fn durations_parse() {
        assert_eq!(parse_duration("10s").unwrap(), Duration::from_secs(10));
        assert_eq!(parse_duration("15m").unwrap(), Duration::from_secs(900));
        assert_eq!(parse_duration("24h").unwrap(), Duration::from_secs(86400));
        assert_eq!(parse_duration("30d").unwrap(), Duration::from_secs(2_592_000));
        assert!(parse_duration("ten").is_err());
        assert!(parse_duration("5y").is_err());
        assert!(Settings::from_map([("PORTCULLIS_SESSION_TTL", "forever")])
            .unwrap_err()
            .to_string()
            .contains("PORTCULLIS_SESSION_TTL"));
    }

    #[test]
    fn layers_later_wins() {
        let mut layers = Layers::default();
        layers.set("PORTCULLIS_BIND".into(), "127.0.0.1:1".into(), "portcullis.toml");
        layers.add_env([("PORTCULLIS_BIND".to_owned(), "127.0.0.1:2".to_owned())].into_iter());
        layers.set("PORTCULLIS_BIND".into(), "127.0.0.1:3".into(), "command line");
        assert_eq!(layers.build().unwrap().bind.port(), 3);
    }

    #[test]
    fn toml_keys_map_to_environment_names() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.toml");
        std::fs::write(&path, "bind = \"127.0.0.1:9\"\npassword_min_length = 5\ndev = true\n")
            .unwrap();
        let mut layers = Layers::default();
        layers.add_toml_file(&path).unwrap();
        let s = layers.build().unwrap();
        assert_eq!(s.bind.port(), 9);
        assert_eq!(s.password_policy.min_length, 5);
        assert!(s.dev);
    }
}
