//! Opaque tokens (session, refresh, verification, reset): 256 random bits, URL-safe base64.
//! Only the SHA-256 of a token is ever stored, so a database leak yields no usable token.

use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ring::rand::{SecureRandom, SystemRandom};

/// A freshly generated token: `plain` goes to the user once, `hash` to the database.
pub struct OpaqueToken {
    pub plain: String,
    pub hash: String,
}

impl OpaqueToken {
    pub fn generate() -> Self {
        let mut bytes = [0u8; 32];
        // The OS random source failing is not recoverable and not something to paper over.
        #[allow(clippy::expect_used)]
        SystemRandom::new()
            .fill(&mut bytes)
            .expect("the operating system's random number generator failed");
        let plain = URL_SAFE_NO_PAD.encode(bytes);
        let hash = hash_token(&plain);
        Self { plain, hash }
    }
}

impl fmt::Debug for OpaqueToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("OpaqueToken([redacted])")
    }
}

/// The stored form of a token: lowercase hex SHA-256. A fast hash is right here: tokens carry
/// 256 bits of entropy, so there is nothing to brute-force.
pub fn hash_token(plain: &str) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, plain.as_bytes());
    let mut out = String::with_capacity(64);
    for b in digest.as_ref() {
        use fmt::Write;
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// Random bytes for salts and key ids.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    #[allow(clippy::expect_used)]
    SystemRandom::new()
        .fill(&mut bytes)
        .expect("the operating system's random number generator failed");
    bytes
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn tokens_carry_256_bits_and_are_url_safe() {
        let t = OpaqueToken::generate();
        let decoded = URL_SAFE_NO_PAD.decode(&t.plain).unwrap();
        assert_eq!(decoded.len(), 32);
        assert!(t.plain.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert_ne!(t.plain, OpaqueToken::generate().plain);
    }

    #[test]
    fn only_the_hash_is_derived_and_it_is_stable() {
        let t = OpaqueToken::generate();
        assert_eq!(t.hash, hash_token(&t.plain));
        assert_eq!(t.hash.len(), 64);
        assert!(!t.hash.contains(&t.plain));
        assert!(!format!("{t:?}").contains(&t.plain));
    }
}
