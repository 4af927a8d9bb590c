//! Values that must never be printed: secrets (`secrecy`'s [`SecretString`], whose `Debug`
//! redacts them), and URLs whose password is masked.

use std::fmt;

pub use secrecy::{ExposeSecret, SecretString};

/// A database URL. `Debug` and `Display` hide the password.
#[derive(Clone)]
pub struct DatabaseUrl(SecretString);

impl DatabaseUrl {
    pub fn new(url: impl Into<String>) -> Self {
        Self(SecretString::from(url.into()))
    }
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

/// `scheme://user:secret@host` -> `scheme://user:***@host`, and a `password=` query parameter
/// (PostgreSQL takes one) -> `password=***`.
pub fn mask_url_password(url: &str) -> String {
    mask_query_password(&mask_authority_password(url))
}

fn mask_query_password(url: &str) -> String {
    let Some((base, query)) = url.split_once('?') else {
        return url.to_owned();
    };
    let pairs: Vec<String> = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((k, _)) if k.eq_ignore_ascii_case("password") => format!("{k}=***"),
            _ => pair.to_owned(),
        })
        .collect();
    format!("{base}?{}", pairs.join("&"))
}

fn mask_authority_password(url: &str) -> String {
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
        write!(f, "{:?}", mask_url_password(self.expose()))
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&mask_url_password(self.expose()))
    }
}

/// 32 key bytes written as 64 hex digits or as base64 (standard or URL-safe, padded or not).
pub fn parse_key32(text: &str) -> Option<[u8; 32]> {
    use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
    use base64::Engine;
    let text = text.trim();
    let bytes: Vec<u8> = if text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit()) {
        (0..32)
            .map(|i| u8::from_str_radix(&text[2 * i..2 * i + 2], 16).ok())
            .collect::<Option<_>>()?
    } else {
        STANDARD
            .decode(text)
            .ok()
            .or_else(|| URL_SAFE_NO_PAD.decode(text.trim_end_matches('=')).ok())?
    };
    bytes.try_into().ok()
}

#[cfg(test)]
mod tests {
    use super::mask_url_password;

    #[test]
    fn a_password_in_the_authority_or_the_query_is_masked() {
        assert_eq!(
            mask_url_password("postgres://u:hunter2@db/x?sslmode=require"),
            "postgres://u:***@db/x?sslmode=require"
        );
        assert_eq!(
            mask_url_password("postgres://db/x?user=u&password=hunter2&sslmode=require"),
            "postgres://db/x?user=u&password=***&sslmode=require"
        );
        assert_eq!(mask_url_password("sqlite://p.db?mode=rwc"), "sqlite://p.db?mode=rwc");
    }
}
