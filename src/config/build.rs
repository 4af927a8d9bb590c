//! From layered text to checked [`Settings`]: each setting read by name (its default from
//! the table), then checked alone and against the others. Every error names the setting.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use super::sources::{ConfigError, Layers};
use super::{table, Argon2Params, DatabaseUrl, Effective, LogFormat, Settings};
use super::{ExposeSecret, SecretString};
use crate::domain::PasswordPolicy;

const DIALECTS: &[&str] = &["root", "alx", "api-v1"];

/// Reads and checks every setting of `layers` (defaults from the table).
pub(super) fn build(mut layers: Layers) -> Result<Settings, ConfigError> {
    // DATABASE_URL is the conventional name; PORTCULLIS_DATABASE_URL wins over it.
    if let Some(v) = layers.values.remove("DATABASE_URL") {
        layers.values.entry("PORTCULLIS_DATABASE_URL".into()).or_insert(v);
    }
    let unknown = |k: &&String| {
        table::setting(k).is_none()
            && super::provider_setting(k).is_none()
            && super::webhook_setting(k).is_none()
            && super::client_setting(k).is_none()
    };
    if let Some(unknown) = layers.values.keys().find(unknown) {
        let origin = layers.values[unknown].1;
        let why = match table::nearest(unknown) {
            Some(known) => format!("unknown setting; did you mean {known}?"),
            None => "unknown setting (check the spelling against the README)".to_owned(),
        };
        return Err(ConfigError::setting(unknown, origin, why));
    }
    let mut warnings = Vec::new();
    let p = Parser { values: &layers.values, read: RefCell::new(Vec::new()) };

    let bind: SocketAddr = p.parse_with("PORTCULLIS_BIND", |s| {
        parse_address(s).ok_or_else(|| {
            "expected HOST:PORT with an IP address or localhost, e.g. 127.0.0.1:8080".to_owned()
        })
    })?;
    let database_url = p.string("PORTCULLIS_DATABASE_URL");
    if !["sqlite:", "postgres:", "postgresql:", "mysql:", "mariadb:"]
        .iter()
        .any(|s| database_url.starts_with(s))
    {
        return Err(
            p.err("PORTCULLIS_DATABASE_URL", "must start with sqlite://, postgres:// or mysql://")
        );
    }
    let public_url = p
        .string_or("PORTCULLIS_PUBLIC_URL", &format!("http://{bind}"))
        .trim_end_matches('/')
        .to_owned();
    if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
        return Err(p.err("PORTCULLIS_PUBLIC_URL", "must be an http:// or https:// URL"));
    }
    let dev = p.bool("PORTCULLIS_DEV")?;
    if dev && !p.bool("PORTCULLIS_DEV_ALLOW_PUBLIC")? {
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

    let jwt_secret = p.optional("PORTCULLIS_JWT_SECRET").map(SecretString::from);
    if let Some(secret) = &jwt_secret {
        if secret.expose_secret().len() < 32 {
            return Err(p.err(
                "PORTCULLIS_JWT_SECRET",
                "must be at least 32 bytes (use a random string, e.g. `openssl rand -base64 48`)",
            ));
        }
    }
    let access_token_ttl = p.duration("PORTCULLIS_ACCESS_TOKEN_TTL")?;
    let session_ttl = p.duration("PORTCULLIS_SESSION_TTL")?;
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
    let session_cookie = p.string_or("PORTCULLIS_SESSION_COOKIE", default_cookie);
    if session_cookie.is_empty()
        || !session_cookie.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        return Err(p.err("PORTCULLIS_SESSION_COOKIE", "must be letters, digits, '_' or '-'"));
    }
    let refresh_reuse_grace = p.duration("PORTCULLIS_REFRESH_REUSE_GRACE")?;
    if refresh_reuse_grace > Duration::from_secs(300) {
        return Err(p.err(
            "PORTCULLIS_REFRESH_REUSE_GRACE",
            "must be at most 5m: a long grace hides stolen refresh tokens",
        ));
    }

    let compat = super::compat::Compat::parse(&p.string("PORTCULLIS_COMPAT"))
        .map_err(|why| p.err("PORTCULLIS_COMPAT", why))?;
    warnings.extend(compat.warnings());
    let nist = match p.string("PORTCULLIS_PASSWORD_POLICY").as_str() {
        "default" => false,
        "nist-800-63b-4" => true,
        _ => return Err(p.err("PORTCULLIS_PASSWORD_POLICY", "expected default or nist-800-63b-4")),
    };
    let min_length = p.number_or("PORTCULLIS_PASSWORD_MIN_LENGTH", if nist { 15 } else { 8 })?;
    if !(1..=128).contains(&min_length) {
        return Err(p.err("PORTCULLIS_PASSWORD_MIN_LENGTH", "must be between 1 and 128"));
    }
    if nist && min_length < 15 {
        let why = "nist-800-63b-4 needs at least 15 (8 is allowed only with a second factor)";
        return Err(p.err("PORTCULLIS_PASSWORD_MIN_LENGTH", why));
    }
    let mut breached_on = p.bool("PORTCULLIS_BREACHED_PASSWORDS")?;
    if breached_on && compat.profiles.iter().any(|c| c.turns_off_breached_screening()) {
        if nist {
            let why = "seed003's profile turns off breached-password screening, which \
                       nist-800-63b-4 requires";
            return Err(p.err("PORTCULLIS_COMPAT", why));
        }
        breached_on = false;
        warnings.push(
            "PORTCULLIS_COMPAT=seed003: breached passwords are not refused on the canonical API \
             (seed 003's client sets one); unset the profile once its clients are gone"
                .to_owned(),
        );
    }
    if nist && !breached_on {
        let why = "nist-800-63b-4 screens new passwords against breached ones: it cannot be off";
        return Err(p.err("PORTCULLIS_BREACHED_PASSWORDS", why));
    }
    let breached_file = p.optional("PORTCULLIS_BREACHED_PASSWORDS_FILE");
    let breached = if breached_on {
        let list = match &breached_file {
            Some(path) => crate::auth::breached::BreachedList::open(std::path::Path::new(path))
                .map_err(|e| p.err("PORTCULLIS_BREACHED_PASSWORDS_FILE", format!("{e:#}")))?,
            None => crate::auth::breached::BreachedList::built_in()
                .map_err(|e| p.err("PORTCULLIS_BREACHED_PASSWORDS", format!("{e:#}")))?,
        };
        crate::domain::Blocklist(Some(std::sync::Arc::new(list)))
    } else {
        crate::domain::Blocklist::OFF
    };
    let breached_at_login = match p.string("PORTCULLIS_BREACHED_PASSWORDS_AT_LOGIN").as_str() {
        "mail" => super::BreachedAtLogin::Mail,
        "flag" => super::BreachedAtLogin::Flag,
        "off" => super::BreachedAtLogin::Off,
        _ => {
            let why = "expected mail, flag or off";
            return Err(p.err("PORTCULLIS_BREACHED_PASSWORDS_AT_LOGIN", why));
        }
    };
    let letter_and_digit = p.bool("PORTCULLIS_PASSWORD_REQUIRE_LETTER_AND_DIGIT")?;
    if nist && compat.profiles.iter().any(|c| c.requires_letter_and_digit()) {
        let why = "seed003's profile adds a composition rule, which nist-800-63b-4 forbids";
        return Err(p.err("PORTCULLIS_COMPAT", why));
    }
    if nist && letter_and_digit {
        let why = "nist-800-63b-4 has no composition rules";
        return Err(p.err("PORTCULLIS_PASSWORD_REQUIRE_LETTER_AND_DIGIT", why));
    }
    let password_policy = PasswordPolicy {
        min_length: min_length as usize,
        min_length_with_second_factor: nist.then_some(8),
        // Seed 003's profile adds its rule; it never removes one.
        require_letter_and_digit: letter_and_digit
            || compat.profiles.iter().any(|c| c.requires_letter_and_digit()),
        block_common: p.bool("PORTCULLIS_PASSWORD_BLOCK_COMMON")?,
        breached,
    };

    let dialects_raw = p.string("PORTCULLIS_DIALECTS");
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
    // A profile serves its seed's route set, whatever PORTCULLIS_DIALECTS leaves out.
    for set in compat.profiles.iter().filter_map(|c| c.route_set()) {
        if !dialects.iter().any(|d| d == set.name()) {
            dialects.push(set.name().to_owned());
        }
    }

    let verify_email_url = p.string_or(
        "PORTCULLIS_VERIFY_EMAIL_URL",
        &format!("{public_url}/account/verify-email?token={{token}}"),
    );
    let reset_password_url = p.string_or(
        "PORTCULLIS_RESET_PASSWORD_URL",
        &format!("{public_url}/account/reset-password?token={{token}}"),
    );
    let email_login_url = p.string_or(
        "PORTCULLIS_EMAIL_LOGIN_URL",
        &format!("{public_url}/account/email-login/verify?token={{token}}"),
    );
    for (name, template) in [
        ("PORTCULLIS_VERIFY_EMAIL_URL", &verify_email_url),
        ("PORTCULLIS_RESET_PASSWORD_URL", &reset_password_url),
        ("PORTCULLIS_EMAIL_LOGIN_URL", &email_login_url),
    ] {
        if template.matches("{token}").count() != 1 {
            return Err(p.err(name, "must contain {token} exactly once"));
        }
    }

    let cors_origins: Vec<String> = p
        .string("PORTCULLIS_CORS_ORIGINS")
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

    let smtp_timeout = p.duration("PORTCULLIS_SMTP_TIMEOUT")?;
    let mail_poll_interval = p.duration("PORTCULLIS_MAIL_POLL_INTERVAL")?;
    let mail_retry_base = p.duration("PORTCULLIS_MAIL_RETRY_BASE")?;
    let mail_max_attempts = p.number("PORTCULLIS_MAIL_MAX_ATTEMPTS")?;
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

    let login_failure_window = p.duration("PORTCULLIS_LOGIN_FAILURE_WINDOW")?;
    if login_failure_window.is_zero() || login_failure_window > Duration::from_secs(86_400) {
        return Err(p.err(
            "PORTCULLIS_LOGIN_FAILURE_WINDOW",
            "must be between 1s and 24h: a lock is always temporary",
        ));
    }
    let metrics_bind = match p.string("PORTCULLIS_METRICS_BIND").as_str() {
        "off" | "none" => None,
        s => Some(
            parse_address(s)
                .ok_or_else(|| p.err("PORTCULLIS_METRICS_BIND", "expected HOST:PORT, or off"))?,
        ),
    };
    let metrics_token = p.optional("PORTCULLIS_METRICS_TOKEN").map(SecretString::from);
    if metrics_token.as_ref().is_some_and(|t| t.expose_secret().len() < 16) {
        return Err(p.err("PORTCULLIS_METRICS_TOKEN", "must be at least 16 bytes"));
    }
    let key_encryption_key = p.optional("PORTCULLIS_KEY_ENCRYPTION_KEY").map(SecretString::from);
    if let Some(key) = &key_encryption_key {
        if super::secrets::parse_key32(key.expose_secret()).is_none() {
            return Err(p.err(
                "PORTCULLIS_KEY_ENCRYPTION_KEY",
                "must be 32 bytes, as 64 hex digits or base64 (e.g. `openssl rand -base64 32`)",
            ));
        }
    }
    let (admin_api, admin_bind) = match p.optional("PORTCULLIS_ADMIN_BIND").as_deref() {
        None | Some("main") => (true, None),
        Some("off") => (false, None),
        Some(addr) => (
            true,
            Some(parse_address(addr).ok_or_else(|| {
                p.err("PORTCULLIS_ADMIN_BIND", "expected HOST:PORT, `main` or `off`")
            })?),
        ),
    };
    let trust_proxy = p.bool("PORTCULLIS_TRUST_PROXY")?;
    // Behind a proxy every connection comes from the proxy: no per-address cap by default.
    let per_ip_default = if trust_proxy { 0 } else { 128 };
    let log_format = match p.string("PORTCULLIS_LOG_FORMAT").as_str() {
        "text" => LogFormat::Text,
        "json" => LogFormat::Json,
        _ => return Err(p.err("PORTCULLIS_LOG_FORMAT", "must be text or json")),
    };

    let argon2 = Argon2Params {
        memory_kib: p.number("PORTCULLIS_ARGON2_MEMORY_KIB")? as u32,
        iterations: p.number("PORTCULLIS_ARGON2_ITERATIONS")? as u32,
        parallelism: p.number("PORTCULLIS_ARGON2_PARALLELISM")? as u32,
    };
    if argon2.memory_kib < 1024 && !dev {
        // Below 1 MiB Argon2id is cheap to brute-force; tests and dev mode may go lower.
        warnings.push(format!(
            "PORTCULLIS_ARGON2_MEMORY_KIB is {}: below 1024 is fine for tests, weak in production",
            argon2.memory_kib
        ));
    }
    if argon2::Params::new(argon2.memory_kib, argon2.iterations, argon2.parallelism, None).is_err()
    {
        return Err(p.err(
            "PORTCULLIS_ARGON2_MEMORY_KIB",
            "Argon2 parameters out of range (memory >= 8 x parallelism KiB, iterations >= 1)",
        ));
    }
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let hash_concurrency = p.number_or("PORTCULLIS_HASH_CONCURRENCY", cores as u64)? as usize;
    if hash_concurrency == 0 {
        return Err(p.err("PORTCULLIS_HASH_CONCURRENCY", "must be at least 1"));
    }

    Ok(Settings {
        bind,
        database_url: DatabaseUrl::new(database_url),
        public_url,
        dev,
        smtp_url: p.optional("PORTCULLIS_SMTP_URL").map(SecretString::from),
        mail_from: p.string("PORTCULLIS_MAIL_FROM"),
        smtp_timeout,
        mail_poll_interval,
        mail_retry_base,
        mail_max_attempts: mail_max_attempts as u32,
        jwt_secret,
        access_token_ttl,
        session_ttl,
        session_cookie,
        refresh_reuse_grace,
        reauth_window: p.nonzero_duration("PORTCULLIS_REAUTH_WINDOW")?,
        require_mfa: p.bool("PORTCULLIS_REQUIRE_MFA")?,
        require_verified_email: p.bool("PORTCULLIS_REQUIRE_VERIFIED_EMAIL")?,
        password_policy,
        breached_at_login,
        reveal_unknown_emails: p.bool("PORTCULLIS_REVEAL_UNKNOWN_EMAILS")?,
        dialects,
        verify_email_url,
        reset_password_url,
        email_login_url,
        email_login: p.bool("PORTCULLIS_EMAIL_LOGIN")?,
        email_login_signup: p.bool("PORTCULLIS_EMAIL_LOGIN_SIGNUP")?,
        oauth_signup: p.bool("PORTCULLIS_OAUTH_SIGNUP")?,
        providers: super::providers::providers(&layers.values)?,
        webhooks: super::webhooks::webhooks(&layers.values)?,
        clients: super::clients::clients(&layers.values)?,
        dynamic_registration: p.parse_with("PORTCULLIS_DYNAMIC_REGISTRATION", |s| {
            match s.trim().to_ascii_lowercase().as_str() {
                "off" | "false" | "" => Ok(super::DynamicRegistration::Off),
                "open" => Ok(super::DynamicRegistration::Open),
                "token" => Ok(super::DynamicRegistration::Token),
                _ => Err("must be off, open or token".to_owned()),
            }
        })?,
        registrations_per_ip_per_hour: p
            .number("PORTCULLIS_DYNAMIC_REGISTRATION_PER_IP_PER_HOUR")?
            .min(u64::from(u32::MAX)) as u32,
        registration_unused_ttl: p
            .nonzero_duration("PORTCULLIS_DYNAMIC_REGISTRATION_UNUSED_TTL")?,
        resources: p.parse_with("PORTCULLIS_RESOURCES", |s| {
            let list: Vec<String> =
                s.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect();
            for r in &list {
                crate::domain::client::resource_pattern_ok(r).map_err(|e| format!("{r:?}: {e}"))?;
            }
            Ok(list)
        })?,
        require_par: p.bool("PORTCULLIS_REQUIRE_PAR")?,
        org_roles: p.parse_with("PORTCULLIS_ORG_ROLES", crate::domain::org::Roles::parse)?,
        dpop_nonce: p.bool("PORTCULLIS_DPOP_NONCE")?,
        client_metadata: client_metadata(&p, dev)?,
        webhook_poll_interval: p.nonzero_duration("PORTCULLIS_WEBHOOK_POLL_INTERVAL")?,
        webhook_retry_base: p.nonzero_duration("PORTCULLIS_WEBHOOK_RETRY_BASE")?,
        webhook_max_attempts: p.number("PORTCULLIS_WEBHOOK_MAX_ATTEMPTS")?.max(1) as u32,
        admin_bind,
        admin_console: admin_api && p.bool("PORTCULLIS_ADMIN_CONSOLE")?,
        admin_session_ttl: p.nonzero_duration("PORTCULLIS_ADMIN_SESSION_TTL")?,
        admin_step_up_window: p.nonzero_duration("PORTCULLIS_ADMIN_STEP_UP_WINDOW")?,
        admin_api,
        cors_origins,
        rate_limit_per_minute: p.number("PORTCULLIS_RATE_LIMIT_PER_MINUTE")? as u32,
        login_failures_per_hour: p.number("PORTCULLIS_LOGIN_FAILURES_PER_HOUR")? as u32,
        write_limit_per_minute: p.number("PORTCULLIS_WRITE_LIMIT_PER_MINUTE")? as u32,
        write_limit_per_ip_per_minute: p.number("PORTCULLIS_WRITE_LIMIT_PER_IP_PER_MINUTE")? as u32,
        trust_proxy,
        redis_url: p.optional("PORTCULLIS_REDIS_URL").map(SecretString::from),
        redis_prefix: p.string("PORTCULLIS_REDIS_PREFIX"),
        login_failure_window,
        pages: p.bool("PORTCULLIS_PAGES")?,
        default_locale: p.string("PORTCULLIS_DEFAULT_LOCALE"),
        locales_dir: p.optional("PORTCULLIS_LOCALES_DIR").map(std::path::PathBuf::from),
        metrics_bind,
        metrics_token,
        max_connections_per_ip: p.number_or("PORTCULLIS_MAX_CONNECTIONS_PER_IP", per_ip_default)?
            as usize,
        key_encryption_key,
        legacy_reset_keeps_sessions: p.bool("PORTCULLIS_LEGACY_RESET_KEEPS_SESSIONS")?,
        compat,
        shutdown_timeout: p.duration("PORTCULLIS_SHUTDOWN_TIMEOUT")?,
        housekeeping_interval: p.nonzero_duration("PORTCULLIS_HOUSEKEEPING_INTERVAL")?,
        key_reload_interval: p.nonzero_duration("PORTCULLIS_KEY_RELOAD_INTERVAL")?,
        header_timeout: p.nonzero_duration("PORTCULLIS_HEADER_TIMEOUT")?,
        body_timeout: p.nonzero_duration("PORTCULLIS_BODY_TIMEOUT")?,
        request_timeout: p.nonzero_duration("PORTCULLIS_REQUEST_TIMEOUT")?,
        max_connections: p.number("PORTCULLIS_MAX_CONNECTIONS")?.max(1) as usize,
        log: p.string("PORTCULLIS_LOG"),
        log_format,
        argon2,
        hash_queue: p.number("PORTCULLIS_HASH_QUEUE")? as usize,
        hash_concurrency,
        warnings,
        effective: p.read.into_inner(),
    })
}

/// Reads settings by name, with the table's defaults, and remembers what it read and from
/// where (for `portcullis config --explain`).
struct Parser<'a> {
    values: &'a BTreeMap<String, (String, &'static str)>,
    read: RefCell<Vec<Effective>>,
}

impl Parser<'_> {
    fn origin(&self, name: &str) -> &'static str {
        self.values.get(name).map_or("default", |v| v.1)
    }

    fn err(&self, name: &str, why: impl fmt::Display) -> ConfigError {
        ConfigError::setting(name, self.origin(name), why)
    }

    /// The value a layer set (empty counts as unset), or `default`; recorded either way.
    fn value(&self, name: &'static str, default: Option<&str>) -> Option<String> {
        debug_assert!(table::setting(name).is_some(), "{name} is not in the table");
        let set = self.values.get(name).map(|v| v.0.clone()).filter(|v| !v.is_empty());
        let value = set.clone().or_else(|| default.map(str::to_owned));
        let origin = if set.is_some() { self.origin(name) } else { "default" };
        self.read.borrow_mut().push(Effective::new(name, value.as_deref(), origin));
        value
    }

    /// The table's fixed default of `name` (none for derived and unset ones).
    fn fixed(name: &str) -> Option<&'static str> {
        match table::setting(name).map(|s| s.default) {
            Some(table::Fallback::Fixed(v)) => Some(v),
            _ => None,
        }
    }

    fn optional(&self, name: &'static str) -> Option<String> {
        self.value(name, Self::fixed(name))
    }

    fn string(&self, name: &'static str) -> String {
        self.optional(name).unwrap_or_default()
    }

    /// A setting whose default is worked out from others.
    fn string_or(&self, name: &'static str, derived: &str) -> String {
        self.value(name, Some(derived)).unwrap_or_default()
    }

    fn parse_with<T>(
        &self,
        name: &'static str,
        f: impl FnOnce(&str) -> Result<T, String>,
    ) -> Result<T, ConfigError> {
        f(&self.string(name)).map_err(|why| self.err(name, why))
    }

    fn bool(&self, name: &'static str) -> Result<bool, ConfigError> {
        match self.string(name).to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" | "on" => Ok(true),
            "false" | "0" | "no" | "off" | "" => Ok(false),
            _ => Err(self.err(name, "expected true or false")),
        }
    }

    fn number(&self, name: &'static str) -> Result<u64, ConfigError> {
        self.parse_number(name, self.string(name))
    }

    fn number_or(&self, name: &'static str, derived: u64) -> Result<u64, ConfigError> {
        self.parse_number(name, self.string_or(name, &derived.to_string()))
    }

    fn parse_number(&self, name: &str, v: String) -> Result<u64, ConfigError> {
        v.trim().parse().map_err(|_| self.err(name, "expected a whole number"))
    }

    fn duration(&self, name: &'static str) -> Result<Duration, ConfigError> {
        self.parse_with(name, parse_duration)
    }

    fn nonzero_duration(&self, name: &'static str) -> Result<Duration, ConfigError> {
        let d = self.duration(name)?;
        if d.is_zero() {
            return Err(self.err(name, "must be longer than 0s"));
        }
        Ok(d)
    }
}

/// `PORTCULLIS_CLIENT_METADATA_*`. The CA file is read now, so a missing or unreadable one
/// stops startup instead of failing every fetch; loopback fetching is for tests and local
/// development, so it needs dev mode.
fn client_metadata(
    p: &Parser<'_>,
    dev: bool,
) -> Result<super::ClientMetadataDocuments, ConfigError> {
    let hosts = p
        .string("PORTCULLIS_CLIENT_METADATA_HOSTS")
        .split(',')
        .map(|h| h.trim().trim_end_matches('.').to_ascii_lowercase())
        .filter(|h| !h.is_empty())
        .collect::<Vec<_>>();
    if let Some(bad) = hosts.iter().find(|h| url::Host::parse(h).is_err() || h.contains(':')) {
        let why = format!("{bad:?} is not a host name (list hosts, without scheme or port)");
        return Err(p.err("PORTCULLIS_CLIENT_METADATA_HOSTS", why));
    }
    let ca_file = p.optional("PORTCULLIS_CLIENT_METADATA_CA_FILE").map(PathBuf::from);
    if let Some(path) = &ca_file {
        let pem = std::fs::read(path).map_err(|e| {
            p.err("PORTCULLIS_CLIENT_METADATA_CA_FILE", format!("{}: {e}", path.display()))
        })?;
        openidconnect::reqwest::Certificate::from_pem_bundle(&pem)
            .ok()
            .filter(|certs| !certs.is_empty())
            .ok_or_else(|| {
                let why = format!("{} holds no PEM certificate", path.display());
                p.err("PORTCULLIS_CLIENT_METADATA_CA_FILE", why)
            })?;
    }
    let allow_loopback = p.bool("PORTCULLIS_CLIENT_METADATA_ALLOW_LOOPBACK")?;
    if allow_loopback && !dev {
        return Err(p.err(
            "PORTCULLIS_CLIENT_METADATA_ALLOW_LOOPBACK",
            "is for tests and local development: it needs PORTCULLIS_DEV=true",
        ));
    }
    Ok(super::ClientMetadataDocuments {
        enabled: p.bool("PORTCULLIS_CLIENT_METADATA_DOCUMENTS")?,
        hosts,
        ca_file,
        allow_loopback,
    })
}

/// A listen address: `IP:PORT` (`[::1]:8080` for IPv6), or `localhost:PORT`, read as
/// `127.0.0.1:PORT` (no name is looked up: a listener binds one address, known at startup).
fn parse_address(s: &str) -> Option<SocketAddr> {
    let s = s.trim();
    if let Ok(addr) = s.parse() {
        return Some(addr);
    }
    let (host, port) = s.rsplit_once(':')?;
    let port: u16 = port.parse().ok()?;
    host.eq_ignore_ascii_case("localhost").then(|| SocketAddr::from(([127, 0, 0, 1], port)))
}

/// The longest duration a setting may hold: 100 years (`36525d`, or `100y`). Anything longer
/// is refused, so that no deadline computed from a setting can overflow.
pub const MAX_DURATION: Duration = Duration::from_secs(36_525 * 86_400);

/// Parses a duration: `10s`, `15m`, `24h`, `30d`, `500ms`, a bare number of seconds, or any
/// other form humantime reads (`1h 30m`, `90min`, `2days`; `M` is a month, `m` a minute).
/// Longer than [`MAX_DURATION`] is refused.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let too_long = || format!("{s:?} is longer than 100 years");
    let d = if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        Duration::from_secs(s.parse().map_err(|_| too_long())?)
    } else {
        humantime::parse_duration(s).map_err(|e| match e {
            humantime::DurationError::NumberOverflow => too_long(),
            _ => format!("{s:?} is not a duration like 10s, 15m, 24h or 30d"),
        })?
    };
    if d > MAX_DURATION {
        return Err(too_long());
    }
    Ok(d)
}
