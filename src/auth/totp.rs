//! TOTP primitives (RFC 6238: SHA-1, 6 digits, 30-second steps), recovery codes, base32 and
//! the QR code of an `otpauth://` URI. No HTTP, no SQL.

use subtle::ConstantTimeEq;

/// TOTP time step, in seconds.
pub const STEP_SECS: i64 = 30;

/// A TOTP of `secret` for `account`, labelled `issuer` in authenticator apps.
pub fn new(secret: &[u8], issuer: &str, account: &str) -> totp_rs::TOTP {
    totp_rs::TOTP::new_unchecked(
        totp_rs::Algorithm::SHA1,
        6,
        1,
        STEP_SECS as u64,
        secret.to_vec(),
        Some(issuer.to_owned()),
        account.to_owned(),
    )
}

/// `xxxx-xxxx-xxxx-xxxx`: sixteen base32 characters (80 random bits), easy to copy from paper,
/// and out of reach of a brute-force sweep even with the database in hand.
pub fn new_recovery_code() -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz234567";
    let bytes = super::token::random_bytes::<16>();
    let chars: Vec<char> = bytes.iter().map(|b| ALPHABET[usize::from(b & 31)] as char).collect();
    chars.chunks(4).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join("-")
}

/// The stored form of `user_id`'s recovery code: case, spaces and dashes do not matter, and
/// the user id salts it, so one sweep cannot crack every account's codes.
pub fn recovery_code_hash(user_id: &str, code: &str) -> String {
    let normal: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    super::hash_token(&format!("recovery:{user_id}:{normal}"))
}

/// The time step a 6-digit `code` matches, now or one step either side.
pub fn matching_step(totp: &totp_rs::TOTP, code: &str, now_secs: i64) -> Option<i64> {
    let code = code.trim();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let step = now_secs / STEP_SECS;
    [step - 1, step, step + 1].into_iter().find(|&s| {
        let expected = totp.generate((s * STEP_SECS).max(0) as u64);
        bool::from(expected.as_bytes().ct_eq(code.as_bytes()))
    })
}

/// The QR code of `text`, as an SVG document, rendered here (no third party sees the secret).
pub fn qr_svg(text: &str) -> anyhow::Result<String> {
    Ok(qrcode::QrCode::new(text.as_bytes())
        .map_err(|e| anyhow::anyhow!("QR code: {e}"))?
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(200, 200)
        .build())
}

/// RFC 4648 base32 without padding (what authenticator apps expect).
pub fn base32_encode(bytes: &[u8]) -> String {
    totp_rs::Secret::Raw(bytes.to_vec()).to_encoded().to_string()
}

/// The bytes of a base32 secret; `None` when it is not base32.
pub fn base32_decode(text: &str) -> Option<Vec<u8>> {
    totp_rs::Secret::Encoded(text.trim_end_matches('=').to_owned()).to_bytes().ok()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn base32_round_trips_and_matches_rfc_4648() {
        assert_eq!(base32_encode(b"foobar"), "MZXW6YTBOI");
        assert_eq!(base32_decode("MZXW6YTBOI").unwrap(), b"foobar");
        let secret = super::super::token::random_bytes::<20>();
        assert_eq!(base32_decode(&base32_encode(&secret)).unwrap(), secret);
    }

    #[test]
    fn recovery_codes_ignore_case_and_dashes() {
        let code = new_recovery_code();
        assert_eq!(code.len(), 19);
        assert_eq!(
            recovery_code_hash("u1", &code),
            recovery_code_hash("u1", &code.to_uppercase().replace('-', " "))
        );
        assert_ne!(recovery_code_hash("u1", &code), recovery_code_hash("u2", &code));
    }
}
