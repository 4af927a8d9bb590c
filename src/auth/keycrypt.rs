//! Private signing keys at rest: sealed with AES-256-GCM under `PORTCULLIS_KEY_ENCRYPTION_KEY`
//! when one is configured, so a copy of the database (a backup, a replica) holds no key that
//! can sign access tokens. The key id is the associated data: a sealed key cannot be moved to
//! another row.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM, NONCE_LEN};

/// Stored form of a sealed key: this prefix, then base64 of nonce and ciphertext.
const SEALED: &str = "enc:v1:";

/// The key-encryption key.
pub struct KeyCipher(LessSafeKey);

impl std::fmt::Debug for KeyCipher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KeyCipher([redacted])")
    }
}

impl KeyCipher {
    /// 32 bytes written as 64 hex digits or as base64 ([`crate::config::parse_key32`]).
    /// `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        let bytes = crate::config::parse_key32(text)?;
        let key = UnboundKey::new(&AES_256_GCM, &bytes).ok()?;
        Some(Self(LessSafeKey::new(key)))
    }

    /// Seals `plain` (a key's PKCS#8 base64) for the row of `kid`.
    pub fn seal(&self, kid: &str, plain: &str) -> anyhow::Result<String> {
        let nonce = super::token::random_bytes::<NONCE_LEN>();
        let mut data = plain.as_bytes().to_vec();
        self.0
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(kid.as_bytes()),
                &mut data,
            )
            .map_err(|_| anyhow::anyhow!("sealing signing key {kid} failed"))?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&data);
        Ok(format!("{SEALED}{}", STANDARD.encode(out)))
    }

    /// Opens a sealed key of row `kid`. Fails for a wrong key or a tampered row.
    pub fn open(&self, kid: &str, stored: &str) -> anyhow::Result<String> {
        let wrong = || {
            anyhow::anyhow!(
                "signing key {kid} does not open with PORTCULLIS_KEY_ENCRYPTION_KEY \
                 (another key, or a damaged row)"
            )
        };
        let raw = stored.strip_prefix(SEALED).ok_or_else(wrong)?;
        let mut data = STANDARD.decode(raw).map_err(|_| wrong())?;
        if data.len() < NONCE_LEN {
            return Err(wrong());
        }
        let nonce: [u8; NONCE_LEN] = data[..NONCE_LEN].try_into().map_err(|_| wrong())?;
        let plain = self
            .0
            .open_in_place(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(kid.as_bytes()),
                &mut data[NONCE_LEN..],
            )
            .map_err(|_| wrong())?;
        String::from_utf8(plain.to_vec()).map_err(|_| wrong())
    }
}

/// Whether a stored private key is sealed.
pub fn is_sealed(stored: &str) -> bool {
    stored.starts_with(SEALED)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    const HEX: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    #[test]
    fn sealed_keys_open_only_with_their_key_and_row() {
        let c = KeyCipher::parse(HEX).unwrap();
        let sealed = c.seal("kid1", "MC4CAQAwBQYDK2VwBCIEI").unwrap();
        assert!(is_sealed(&sealed));
        assert!(!sealed.contains("MC4CAQ"));
        assert_eq!(c.open("kid1", &sealed).unwrap(), "MC4CAQAwBQYDK2VwBCIEI");
        assert!(c.open("kid2", &sealed).is_err(), "moved to another row");
        let other = KeyCipher::parse(&STANDARD.encode([7u8; 32])).unwrap();
        assert!(other.open("kid1", &sealed).is_err(), "another key");
    }

    #[test]
    fn only_32_byte_keys_parse() {
        assert!(KeyCipher::parse(HEX).is_some());
        assert!(KeyCipher::parse(&STANDARD.encode([1u8; 32])).is_some());
        assert!(KeyCipher::parse(&URL_SAFE_NO_PAD.encode([1u8; 32])).is_some());
        assert!(KeyCipher::parse(&STANDARD.encode([1u8; 16])).is_none());
        assert!(KeyCipher::parse("not a key").is_none());
    }
}
