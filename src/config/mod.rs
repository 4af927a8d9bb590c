//! Settings: every `PORTCULLIS_*` name of CONTRACTS section 4. `table` lists them (name,
//! default, kind, doc); `sources` reads the layers (defaults, `portcullis.toml`, `.env`, the
//! environment, flags); `build` turns them into checked [`Settings`]; `secrets` keeps secret
//! values out of `Debug` and logs.

mod build;
mod clients;
pub mod compat;
mod providers;
mod secrets;
mod sources;
pub mod stored;
pub mod table;
#[cfg(test)]
mod tests;
mod webhooks;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use build::parse_duration;
pub use clients::{client_setting, DeclaredClient};
pub use providers::{provider_setting, Provider, ProviderKind};
pub use secrets::{mask_url_password, parse_key32, DatabaseUrl, ExposeSecret, SecretString};
pub(crate) use sources::toml_value;
pub use sources::ConfigError;
use sources::Layers;
pub use webhooks::{redact_url, redact_url_in, webhook_setting, Webhook, EVENTS as WEBHOOK_EVENTS};

use crate::domain::PasswordPolicy;

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

/// What a correct login with a breached password does (`PORTCULLIS_BREACHED_PASSWORDS_AT_LOGIN`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BreachedAtLogin {
    /// Flag the account, audit, and mail the person once.
    Mail,
    /// Flag and audit only.
    Flag,
    Off,
}

/// `PORTCULLIS_DYNAMIC_REGISTRATION`: who may register a client at `/oauth2/register`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DynamicRegistration {
    /// Nobody: the endpoint answers 404 and discovery does not name it.
    Off,
    /// Anyone (MCP clients and agents register themselves this way).
    Open,
    /// Whoever presents an initial access token (RFC 7591 section 3).
    Token,
}

/// `PORTCULLIS_CLIENT_METADATA_*`: client ID metadata documents (docs/provider.md).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClientMetadataDocuments {
    /// `PORTCULLIS_CLIENT_METADATA_DOCUMENTS`: an https URL as `client_id` is fetched.
    pub enabled: bool,
    /// `PORTCULLIS_CLIENT_METADATA_HOSTS`, lower case: only these hosts (empty: any public one).
    pub hosts: Vec<String>,
    /// `PORTCULLIS_CLIENT_METADATA_CA_FILE`: PEM certificates trusted besides the usual roots.
    pub ca_file: Option<PathBuf>,
    /// `PORTCULLIS_CLIENT_METADATA_ALLOW_LOOPBACK`: loopback addresses and plain http on them
    /// (dev mode only).
    pub allow_loopback: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

/// One setting as read: its value as `--explain` may show it, and where it came from.
#[derive(Clone, Debug)]
pub struct Effective {
    pub name: &'static str,
    /// The value as it is read (`yes` is `true`, a list without blanks, `empty` when empty),
    /// secrets shown as `[redacted]` and URL passwords masked; `unset` when none.
    pub shown: String,
    /// `default`, `database (provision)` (addition), the configuration file's path
    /// (`portcullis.toml`), `.env`, `environment`, `command line` or `settings`.
    pub origin: &'static str,
}

impl Effective {
    fn new(name: &'static str, value: Option<&str>, origin: &'static str) -> Self {
        let kind = table::setting(name).map(|s| s.kind);
        let shown = match (value, kind) {
            (None, _) => "unset".to_owned(),
            (Some(_), Some(table::Kind::Secret)) => "[redacted]".to_owned(),
            (Some(v), Some(table::Kind::Url)) => mask_url_password(v),
            (Some(v), Some(kind)) => shown_as_read(v, kind),
            (Some(v), None) => v.to_owned(),
        };
        Self { name, shown, origin }
    }
}

/// A value as the loader reads it (a value it refuses is shown as written).
fn shown_as_read(value: &str, kind: table::Kind) -> String {
    let shown = match kind {
        table::Kind::Bool => match value.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" | "on" => "true".to_owned(),
            "false" | "0" | "no" | "off" | "" => "false".to_owned(),
            _ => value.to_owned(),
        },
        table::Kind::List => {
            value.split(',').map(str::trim).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(",")
        }
        _ => value.trim().to_owned(),
    };
    if shown.is_empty() {
        "empty".to_owned()
    } else {
        shown
    }
}

/// The fully validated configuration of one Portcullis process.
#[derive(Clone, Debug)]
pub struct Settings {
    pub bind: SocketAddr,
    pub database_url: DatabaseUrl,
    /// Base of links in emails, without a trailing slash.
    pub public_url: String,
    pub dev: bool,
    pub smtp_url: Option<SecretString>,
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
    pub jwt_secret: Option<SecretString>,
    pub access_token_ttl: Duration,
    pub session_ttl: Duration,
    pub session_cookie: String,
    pub refresh_reuse_grace: Duration,
    /// Step-up: how recent an authentication must be to change a factor (`10m`).
    pub reauth_window: Duration,
    /// Every account needs a second factor (`PORTCULLIS_REQUIRE_MFA`).
    pub require_mfa: bool,
    pub require_verified_email: bool,
    pub password_policy: PasswordPolicy,
    /// `PORTCULLIS_BREACHED_PASSWORDS_AT_LOGIN`
    pub breached_at_login: BreachedAtLogin,
    pub reveal_unknown_emails: bool,
    pub dialects: Vec<String>,
    pub verify_email_url: String,
    pub reset_password_url: String,
    /// Link template of the email sign-in mail (`{token}` once).
    pub email_login_url: String,
    /// `PORTCULLIS_EMAIL_LOGIN`: sign-in by mailed link or code.
    pub email_login: bool,
    /// `PORTCULLIS_EMAIL_LOGIN_SIGNUP`: an email sign-in may create the account.
    pub email_login_signup: bool,
    /// `PORTCULLIS_OAUTH_SIGNUP`: a first external sign-in may create the account.
    pub oauth_signup: bool,
    /// External identity providers (`PORTCULLIS_OAUTH_<NAME>_*`).
    pub providers: Vec<Provider>,
    /// Webhook endpoints (`PORTCULLIS_WEBHOOK_<NAME>_*`).
    pub webhooks: Vec<Webhook>,
    /// Provider clients declared in the configuration (`PORTCULLIS_CLIENT_<NAME>_*`).
    pub clients: Vec<DeclaredClient>,
    /// `PORTCULLIS_DYNAMIC_REGISTRATION`.
    pub dynamic_registration: DynamicRegistration,
    /// `PORTCULLIS_DYNAMIC_REGISTRATION_PER_IP_PER_HOUR`: `0` no limit.
    pub registrations_per_ip_per_hour: u32,
    /// `PORTCULLIS_DYNAMIC_REGISTRATION_UNUSED_TTL`.
    pub registration_unused_ttl: Duration,
    /// `PORTCULLIS_RESOURCES`: resource indicators (or `/*` prefixes) any client may ask for.
    pub resources: Vec<String>,
    /// `PORTCULLIS_ORG_ROLES`, with the built-in roles.
    pub org_roles: crate::domain::org::Roles,
    /// `PORTCULLIS_REQUIRE_PAR`.
    pub require_par: bool,
    /// `PORTCULLIS_DPOP_NONCE`.
    pub dpop_nonce: bool,
    /// `PORTCULLIS_CLIENT_METADATA_*`.
    pub client_metadata: ClientMetadataDocuments,
    /// `PORTCULLIS_WEBHOOK_POLL_INTERVAL`
    pub webhook_poll_interval: Duration,
    /// `PORTCULLIS_WEBHOOK_RETRY_BASE`
    pub webhook_retry_base: Duration,
    /// `PORTCULLIS_WEBHOOK_MAX_ATTEMPTS`
    pub webhook_max_attempts: u32,
    /// `PORTCULLIS_ADMIN_BIND`: the admin API's own listener (`None`: on the main one).
    pub admin_bind: Option<SocketAddr>,
    /// `PORTCULLIS_ADMIN_BIND=off`: no admin API.
    pub admin_api: bool,
    /// `PORTCULLIS_ADMIN_CONSOLE`: the console under `/admin/`, wherever the admin API is.
    pub admin_console: bool,
    /// `PORTCULLIS_ADMIN_SESSION_TTL`
    pub admin_session_ttl: Duration,
    /// `PORTCULLIS_ADMIN_STEP_UP_WINDOW`
    pub admin_step_up_window: Duration,
    pub cors_origins: Vec<String>,
    pub rate_limit_per_minute: u32,
    pub login_failures_per_hour: u32,
    /// `PORTCULLIS_WRITE_LIMIT_PER_MINUTE`: signed-in writes per user (`0`: no limit).
    pub write_limit_per_minute: u32,
    /// `PORTCULLIS_WRITE_LIMIT_PER_IP_PER_MINUTE`: signed-in writes per client IP.
    pub write_limit_per_ip_per_minute: u32,
    pub trust_proxy: bool,
    pub redis_url: Option<SecretString>,
    /// Prefix of Portcullis's Redis keys (`portcullis`).
    pub redis_prefix: String,
    /// How long failed logins count toward the lock (`1h`).
    pub login_failure_window: Duration,
    pub pages: bool,
    /// `PORTCULLIS_DEFAULT_LOCALE`: the language when nothing else decides (`en`).
    pub default_locale: String,
    /// `PORTCULLIS_LOCALES_DIR`: an operator's catalogues, `<dir>/<tag>/*.ftl`, over ours.
    pub locales_dir: Option<std::path::PathBuf>,
    /// The metrics listener (`127.0.0.1:9464` unless set; `None`: `off`).
    pub metrics_bind: Option<SocketAddr>,
    /// With this set, the main listener serves `/metrics` too, to `Authorization: Bearer`
    /// with this secret only.
    pub metrics_token: Option<SecretString>,
    /// Open connections from one client address at most (`0`: no per-address cap).
    pub max_connections_per_ip: usize,
    /// Encrypts the private signing keys at rest (AES-256-GCM) when set.
    pub key_encryption_key: Option<SecretString>,
    /// The legacy reset routes keep the user's sessions (weaker; off by default).
    pub legacy_reset_keeps_sessions: bool,
    /// `PORTCULLIS_COMPAT`: the seeds' compatibility profiles (none by default).
    pub compat: compat::Compat,
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
    /// Warnings raised while loading, for the caller to log once logging has started.
    pub warnings: Vec<String>,
    /// Every setting as read, and where from (`portcullis config --explain`).
    pub effective: Vec<Effective>,
}

impl Settings {
    /// Every setting, its effective value (secrets masked) and where it came from: one line
    /// each, in the table's order.
    pub fn explain(&self) -> String {
        let rows = self.explained();
        let width = rows.iter().map(|r| r.name.len()).max().unwrap_or(0);
        let mut out = String::new();
        for r in rows {
            out.push_str(&format!("{:<width$}  {}  ({})\n", r.name, r.shown, r.origin));
        }
        out
    }

    /// What [`Settings::explain`] prints, a row per setting in the table's order (also the
    /// administration console's settings page): its value as read, secrets masked, and where
    /// it came from (`default, not used` for one read only when another setting calls for it,
    /// dev mode say).
    pub fn explained(&self) -> Vec<Effective> {
        table::SETTINGS
            .iter()
            .map(|s| match self.effective.iter().find(|e| e.name == s.name) {
                Some(e) => e.clone(),
                None => Effective {
                    name: s.name,
                    shown: match s.default {
                        table::Fallback::Fixed(v) => shown_as_read(v, s.kind),
                        _ => "unset".to_owned(),
                    },
                    origin: "default, not used",
                },
            })
            .collect()
    }

    /// The password rule of `set`'s registration and reset routes: its seed's own under that
    /// seed's compatibility profile, otherwise the configured policy.
    pub fn password_policy_on(&self, set: compat::LegacySet) -> PasswordPolicy {
        self.compat.password_policy_on(set, &self.password_policy)
    }

    /// `set` answers unknown addresses as its seed did (`PORTCULLIS_REVEAL_UNKNOWN_EMAILS`, or
    /// its seed's profile).
    pub fn reveals_unknown_emails_on(&self, set: compat::LegacySet) -> bool {
        self.reveal_unknown_emails || self.compat.reveals_unknown_emails_on(set)
    }

    /// `set`'s reset keeps the user's sessions (`PORTCULLIS_LEGACY_RESET_KEEPS_SESSIONS`, or
    /// its seed's profile).
    pub fn reset_keeps_sessions_on(&self, set: compat::LegacySet) -> bool {
        self.legacy_reset_keeps_sessions || self.compat.reset_keeps_sessions_on(set)
    }

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
        for template in
            [&mut self.verify_email_url, &mut self.reset_password_url, &mut self.email_login_url]
        {
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
        build::build(layers)
    }

    /// Loads every layer in order. `config_file` is `--config`; without it `portcullis.toml` in
    /// the working directory is read when present. `flags` are command-line overrides, keyed
    /// by environment name.
    pub fn load(config_file: Option<&Path>, flags: &[(&str, String)]) -> Result<Self, ConfigError> {
        let mut layers = Layers::default();
        layers.add_files_and_environment(config_file, flags)?;
        build::build(layers)
    }
}
