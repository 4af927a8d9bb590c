//! Email addresses and usernames, parsed once at the edge.

/// A syntactically valid email address: trimmed, stored as given, compared by [`Email::key`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    /// Parses a user-supplied address. The check is deliberately modest (one `@`, a dotted
    /// domain, no spaces or control characters, at most 254 bytes): the only real proof of an
    /// address is the verification mail.
    pub fn parse(input: &str) -> Result<Self, &'static str> {
        let s = input.trim();
        if s.is_empty() {
            return Err("Email is required");
        }
        if s.len() > 254 || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err("Invalid email format");
        }
        let Some((local, domain)) = s.rsplit_once('@') else {
            return Err("Invalid email format");
        };
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '.');
        if local.is_empty() || local.len() > 64 || local.contains('@') || !domain_ok {
            return Err("Invalid email format");
        }
        if s.contains(['<', '>', '"', ',', ';', '\\']) {
            // Characters that let an address smuggle a second recipient into a mail header.
            return Err("Invalid email format");
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The comparison key: emails are compared case-insensitively.
    pub fn key(&self) -> String {
        email_key(&self.0)
    }
}

/// The case-insensitive comparison key of any (possibly unparsed) address.
pub fn email_key(s: &str) -> String {
    fold(s.trim())
}

/// The version of the normalisation behind stored keys ([`email_key`], [`Username::key`],
/// [`Username::skeleton`]). Rows keyed by an older version are re-keyed at startup.
pub const KEY_VERSION: i64 = 1;

/// NFKC, then full Unicode case folding, then NFKC again (case folding can undo a
/// normalisation): `ＡＬＩＣＥ`, `Alice` and `alice` are one key, and so are `Straße` and
/// `strasse`.
fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let nfkc: String = s.nfkc().collect();
    caseless::default_case_fold_str(&nfkc).nfkc().collect()
}

/// A username: 3 to 32 letters, digits, `_`, `.` or `-`. Never contains `@`, so a login
/// identifier is unambiguously an email or a username.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Username(String);

impl Username {
    pub fn parse(input: &str) -> Result<Self, &'static str> {
        let s = input.trim();
        let n = s.chars().count();
        if !(3..=32).contains(&n) {
            return Err("Username must be 3 to 32 characters long");
        }
        if !s.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '.' || c == '-') {
            return Err("Username may contain only letters, digits, '_', '.' and '-'");
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn key(&self) -> String {
        username_key(&self.0)
    }

    /// The UTS #39 confusable skeleton of the key: `аlice` (Cyrillic а), `alice` and `ａlice`
    /// share one, so a look-alike of a taken username is refused as taken.
    pub fn skeleton(&self) -> String {
        unicode_security::confusable_detection::skeleton(&self.key()).collect()
    }
}

/// The key a username is compared by (also for a login by username).
pub fn username_key(s: &str) -> String {
    fold(s.trim())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_and_keyed_case_insensitively() {
        let e = Email::parse("  Alice@Example.COM ").unwrap();
        assert_eq!(e.as_str(), "Alice@Example.COM");
        assert_eq!(e.key(), "alice@example.com");
    }

    #[test]
    fn bad_emails_are_refused() {
        for bad in [
            "",
            "plain",
            "a@b",
            "@x.com",
            "a@.com",
            "a b@x.com",
            "a@x..com",
            "a@x.com\r\nBcc: y@z.com",
            "<a@x.com>",
            "a@x.com,b@y.com",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn keys_fold_width_and_case() {
        assert_eq!(email_key("ＡＬＩＣＥ@Example.com"), "alice@example.com");
        assert_eq!(Username::parse("Straße").unwrap().key(), "strasse");
        assert_eq!(Username::parse("ａｌｉｃｅ").unwrap().key(), "alice");
    }

    #[test]
    fn look_alike_usernames_share_a_skeleton() {
        let plain = Username::parse("alice").unwrap().skeleton();
        assert_eq!(Username::parse("\u{430}lice").unwrap().skeleton(), plain);
        assert_eq!(Username::parse("ALICE").unwrap().skeleton(), plain);
        assert_ne!(Username::parse("alicia").unwrap().skeleton(), plain);
    }

    #[test]
    fn usernames_never_contain_at() {
        assert!(Username::parse("al@ce").is_err());
        assert!(Username::parse("ab").is_err());
        assert_eq!(Username::parse("Alice_1").unwrap().key(), "alice_1");
    }
}
