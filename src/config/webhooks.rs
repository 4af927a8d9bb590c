//! Webhook endpoints, configured by `PORTCULLIS_WEBHOOK_<NAME>_URL`, `_SECRET` (Standard
//! Webhooks: `whsec_` and base64 of 24 to 64 random bytes) and optionally `_EVENTS` (a
//! comma-separated subset of [`EVENTS`]; all by default). Any number of them, so these names
//! are recognised by pattern.

use std::collections::BTreeMap;

use base64::Engine as _;

use super::sources::ConfigError;
use super::{ExposeSecret, SecretString};

/// Every event a webhook may receive.
pub const EVENTS: &[&str] = &[
    "user.created",
    "user.email_verified",
    "user.updated",
    "user.deleted",
    "login.succeeded",
    "login.failed",
    "password.changed",
    "password.reset",
    "session.revoked",
    "mfa.changed",
    "organization.created",
    "organization.updated",
    "organization.deleted",
    "organization.member_added",
    "organization.member_updated",
    "organization.member_removed",
];

const PREFIX: &str = "PORTCULLIS_WEBHOOK_";
const FIELDS: &[&str] = &["URL", "SECRET", "EVENTS"];

/// One endpoint. `Debug` shows its URL [`redacted`](redact_url).
#[derive(Clone)]
pub struct Webhook {
    /// Lowercase name, as stored with each delivery.
    pub name: String,
    pub url: String,
    /// The signing key (decoded from `whsec_…`).
    pub secret: SecretString,
    pub events: Vec<String>,
}

impl std::fmt::Debug for Webhook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Webhook")
            .field("name", &self.name)
            .field("url", &redact_url(&self.url))
            .field("secret", &self.secret)
            .field("events", &self.events)
            .finish()
    }
}

/// `url` as it may be shown (logs, errors, `Debug`): a receiver often authenticates by a
/// token in the query or by credentials in the URL, so the query becomes `?[redacted]` and
/// any user name and password go; the fragment goes too. Unparsable text shows as
/// `[unparsable URL]`.
pub fn redact_url(url: &str) -> String {
    let Ok(mut u) = url::Url::parse(url) else {
        return "[unparsable URL]".to_owned();
    };
    let had_query = u.query().is_some();
    let _ = u.set_username("");
    let _ = u.set_password(None);
    u.set_query(None);
    u.set_fragment(None);
    let mut shown = u.to_string();
    if had_query {
        shown.push_str("?[redacted]");
    }
    shown
}

/// `text` with every spelling of `url` in it (as configured, and as parsed, which may
/// differ) replaced by its [`redact_url`] form, and its query and password taken out
/// wherever else they appear.
pub fn redact_url_in(text: &str, url: &str) -> String {
    let shown = redact_url(url);
    let mut out = text.replace(url, &shown);
    if let Ok(u) = url::Url::parse(url) {
        out = out.replace(u.as_str(), &shown);
        let secrets = [u.query(), u.password(), Some(u.username()), u.fragment()];
        for secret in secrets.into_iter().flatten().filter(|s| !s.is_empty()) {
            out = out.replace(secret, "[redacted]");
        }
    }
    out
}

impl Webhook {
    /// The key's bytes.
    pub fn key(&self) -> Vec<u8> {
        decode_secret(self.secret.expose_secret()).unwrap_or_default()
    }

    pub fn wants(&self, event: &str) -> bool {
        self.events.iter().any(|e| e == event)
    }
}

fn decode_secret(s: &str) -> Option<Vec<u8>> {
    let key = base64::engine::general_purpose::STANDARD.decode(s.strip_prefix("whsec_")?).ok()?;
    (24..=64).contains(&key.len()).then_some(key)
}

/// `(NAME, FIELD)` of a webhook setting's name.
pub fn webhook_setting(name: &str) -> Option<(&str, &str)> {
    let rest = name.strip_prefix(PREFIX)?;
    FIELDS.iter().find_map(|field| {
        let hook = rest.strip_suffix(field)?.strip_suffix('_')?;
        let ok = !hook.is_empty()
            && hook.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
        ok.then_some((hook, *field))
    })
}

pub(super) fn webhooks(
    values: &BTreeMap<String, (String, &'static str)>,
) -> Result<Vec<Webhook>, ConfigError> {
    let mut by_name: BTreeMap<&str, BTreeMap<&str, (&str, &'static str)>> = BTreeMap::new();
    for (key, (value, origin)) in values {
        if let Some((name, field)) = webhook_setting(key) {
            if !value.is_empty() {
                by_name.entry(name).or_default().insert(field, (value.as_str(), *origin));
            }
        }
    }
    let mut out = Vec::new();
    for (name, fields) in by_name {
        let get = |f: &str| fields.get(f).map(|v| v.0.trim().to_owned());
        let err = |f: &str, why: &str| {
            let origin = fields.get(f).map_or("default", |v| v.1);
            ConfigError::setting(&format!("{PREFIX}{name}_{f}"), origin, why)
        };
        let url = get("URL").ok_or_else(|| err("URL", "is required"))?;
        if url::Url::parse(&url).map_or(true, |u| !matches!(u.scheme(), "http" | "https")) {
            return Err(err("URL", "must be an http:// or https:// URL"));
        }
        let secret = get("SECRET").ok_or_else(|| err("SECRET", "is required"))?;
        if decode_secret(&secret).is_none() {
            return Err(err(
                "SECRET",
                "must be `whsec_` and base64 of 24 to 64 bytes (e.g. whsec_$(openssl rand -base64 32))",
            ));
        }
        let events: Vec<String> = match get("EVENTS") {
            None => EVENTS.iter().map(|e| (*e).to_owned()).collect(),
            Some(list) => {
                list.split(',').map(|e| e.trim().to_owned()).filter(|e| !e.is_empty()).collect()
            }
        };
        if let Some(bad) = events.iter().find(|e| !EVENTS.contains(&e.as_str())) {
            return Err(err(
                "EVENTS",
                &format!("unknown event {bad:?}; known: {}", EVENTS.join(", ")),
            ));
        }
        out.push(Webhook {
            name: name.to_ascii_lowercase(),
            url,
            secret: SecretString::from(secret),
            events,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_webhook_url_is_shown_without_its_query_or_credentials() {
        let url = "https://hook:pa55@billing.example/in?token=s3cret&x=1#frag";
        let shown = redact_url(url);
        assert_eq!(shown, "https://billing.example/in?[redacted]");
        let said = format!("error sending request for url ({url}): refused");
        let told = redact_url_in(&said, url);
        for secret in ["s3cret", "pa55", "hook:", "frag"] {
            assert!(!told.contains(secret), "{told}");
        }
        assert!(told.contains("billing.example/in"), "{told}");
        let hook = Webhook {
            name: "billing".into(),
            url: url.into(),
            secret: SecretString::from("whsec_x"),
            events: vec![],
        };
        let debug = format!("{hook:?}");
        assert!(!debug.contains("s3cret") && !debug.contains("pa55"), "{debug}");
    }
}
