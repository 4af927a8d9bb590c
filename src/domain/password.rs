//! The password policy: what a new password must be, and how every password is normalised.

use std::collections::HashSet;
use std::fmt;
use std::sync::{Arc, LazyLock};

use unicode_normalization::UnicodeNormalization;

/// The hard upper bound, in code points, checked before any hashing so a megabyte "password"
/// costs nothing. Generous enough for any passphrase or password manager.
pub const MAX_PASSWORD_CHARS: usize = 1024;

/// The 19,640 most common passwords (Django's list, from Royce Williams' compilation of
/// breached-password frequencies), compared case-insensitively.
static COMMON: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| include_str!("common_passwords.txt").lines().collect());

/// A password after NFKC normalisation (and, for hashes made by other systems, as typed).
/// `Debug` never shows it.
#[derive(Clone)]
pub struct Password {
    normalized: String,
    raw: String,
}

impl Password {
    /// Normalises a password as typed (NFKC), so the same password typed on two keyboards
    /// (composed or decomposed accents, full-width digits) is the same password. Applied both
    /// when a password is set and when it is checked. `None` when it is over the hard bound.
    pub fn normalize(raw: &str) -> Option<Self> {
        // Count before normalising too: NFKC can expand, and the bound protects the hasher.
        if raw.chars().count() > MAX_PASSWORD_CHARS {
            return None;
        }
        let s: String = raw.nfkc().collect();
        (s.chars().count() <= MAX_PASSWORD_CHARS)
            .then(|| Self { normalized: s, raw: raw.to_owned() })
    }

    /// The normalised password: what Portcullis hashes and checks.
    pub fn expose(&self) -> &str {
        &self.normalized
    }

    /// The password exactly as typed: what imported legacy hashes were made from.
    pub fn expose_raw(&self) -> &str {
        &self.raw
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password([redacted])")
    }
}

/// A list of breached passwords that new ones are screened against (the built-in filter, or
/// an operator's: `auth::breached`).
pub trait Screen: Send + Sync {
    fn contains(&self, password: &Password) -> bool;
}

/// The breached-password list a policy screens with; `None`: screening is off.
#[derive(Clone, Default)]
pub struct Blocklist(pub Option<Arc<dyn Screen>>);

impl Blocklist {
    pub const OFF: Self = Self(None);

    pub fn is_on(&self) -> bool {
        self.0.is_some()
    }

    /// Whether `password` is on the list (never, when screening is off).
    pub fn contains(&self, password: &Password) -> bool {
        self.0.as_ref().is_some_and(|l| l.contains(password))
    }
}

impl PartialEq for Blocklist {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (None, None) => true,
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl Eq for Blocklist {}

impl fmt::Debug for Blocklist {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.is_on() { "Blocklist(on)" } else { "Blocklist(off)" })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PasswordPolicy {
    pub min_length: usize,
    /// The minimum for an account that has a second factor, when it differs
    /// (`nist-800-63b-4`: 15 without one, 8 with one).
    pub min_length_with_second_factor: Option<usize>,
    pub require_letter_and_digit: bool,
    pub block_common: bool,
    /// Breached passwords refused (`PORTCULLIS_BREACHED_PASSWORDS`).
    pub breached: Blocklist,
}

/// Why a new password was refused; the message is shown to the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    #[error("Password is required")]
    Missing,
    #[error("Password must be at least {0} characters long")]
    TooShort(usize),
    #[error("Password must be at most {MAX_PASSWORD_CHARS} characters long")]
    TooLong,
    #[error("Password must contain both letters and numbers")]
    NeedsLetterAndDigit,
    #[error("This password is too common; choose a less guessable one")]
    TooCommon,
    #[error(
        "This password has appeared in a data breach, so attackers try it first; choose another"
    )]
    Breached,
}

impl PasswordPolicy {
    /// Checks a new password for an account without a second factor and returns it
    /// normalised. Nothing is truncated.
    pub fn check(&self, raw: &str) -> Result<Password, PolicyError> {
        self.check_for(raw, false)
    }

    /// The minimum length for an account with (`second_factor`) or without a second factor.
    pub fn min_length_for(&self, second_factor: bool) -> usize {
        match self.min_length_with_second_factor {
            Some(min) if second_factor => min,
            _ => self.min_length,
        }
    }

    /// Checks a new password for an account that has a second factor or not.
    pub fn check_for(&self, raw: &str, second_factor: bool) -> Result<Password, PolicyError> {
        if raw.is_empty() {
            return Err(PolicyError::Missing);
        }
        let pw = Password::normalize(raw).ok_or(PolicyError::TooLong)?;
        let s = pw.expose();
        let min = self.min_length_for(second_factor);
        if s.chars().count() < min {
            return Err(PolicyError::TooShort(min));
        }
        if self.require_letter_and_digit
            && !(s.chars().any(char::is_alphabetic) && s.chars().any(|c| c.is_ascii_digit()))
        {
            return Err(PolicyError::NeedsLetterAndDigit);
        }
        if self.block_common && COMMON.contains(s.to_lowercase().as_str()) {
            return Err(PolicyError::TooCommon);
        }
        if self.breached.contains(&pw) {
            return Err(PolicyError::Breached);
        }
        Ok(pw)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn policy() -> PasswordPolicy {
        PasswordPolicy {
            min_length: 8,
            min_length_with_second_factor: None,
            require_letter_and_digit: false,
            block_common: true,
            breached: Blocklist::OFF,
        }
    }

    #[test]
    fn the_bundled_list_has_at_least_ten_thousand_entries() {
        assert!(COMMON.len() >= 10_000, "{}", COMMON.len());
    }

    #[test]
    fn length_counts_code_points_not_bytes() {
        // Seven characters, 21 bytes: too short.
        assert_eq!(policy().check("ééééééé").unwrap_err(), PolicyError::TooShort(8));
        assert!(policy().check("éééééééé").is_ok());
    }

    #[test]
    fn long_passwords_are_accepted_whole_and_absurd_ones_refused() {
        let long = "correct horse battery staple ".repeat(5); // 145 characters
        assert_eq!(policy().check(&long).unwrap().expose(), long);
        let absurd = "x".repeat(MAX_PASSWORD_CHARS + 1);
        assert_eq!(policy().check(&absurd).unwrap_err(), PolicyError::TooLong);
    }

    #[test]
    fn common_passwords_are_refused_with_a_reason() {
        assert_eq!(policy().check("password1").unwrap_err(), PolicyError::TooCommon);
        assert_eq!(policy().check("PassWord1").unwrap_err(), PolicyError::TooCommon);
        let off = PasswordPolicy { block_common: false, ..policy() };
        assert!(off.check("password1").is_ok());
    }

    #[test]
    fn letter_and_digit_rule_is_optional() {
        let strict = PasswordPolicy { require_letter_and_digit: true, ..policy() };
        assert_eq!(strict.check("onlyletterszz").unwrap_err(), PolicyError::NeedsLetterAndDigit);
        assert_eq!(strict.check("9387465019").unwrap_err(), PolicyError::NeedsLetterAndDigit);
        assert!(strict.check("letters4nd9digits").is_ok());
        assert!(policy().check("onlyletterszz").is_ok());
    }

    #[test]
    fn nfkc_makes_equivalent_spellings_one_password() {
        let composed = Password::normalize("caf\u{e9}-pa55w0rd").unwrap();
        let decomposed = Password::normalize("cafe\u{301}-pa55w0rd").unwrap();
        assert_eq!(composed.expose(), decomposed.expose());
        let fullwidth = Password::normalize("ｐａｓｓ１２３").unwrap();
        assert_eq!(fullwidth.expose(), "pass123");
    }

    #[test]
    fn debug_never_shows_the_password() {
        let pw = Password::normalize("hunter2hunter2").unwrap();
        assert!(!format!("{pw:?}").contains("hunter2"));
    }
}
