//! Password hashes made by the seed services, verified so their users can log in after an
//! import, then replaced by Argon2id at the first successful login.
//!
//! Formats: bcrypt (`$2a$`, `$2b$`, `$2y$`), Werkzeug `pbkdf2:sha256:<iterations>$salt$hex`
//! (and sha512), Werkzeug `scrypt:N:r:p$salt$hex`. Every cost parameter is bounded first: a
//! row claiming 10^9 PBKDF2 iterations or gigabytes of scrypt memory is refused, not run.

use std::num::NonZeroU32;

use subtle::ConstantTimeEq;

/// bcrypt cost: 2^14 rounds is already ~1 s on a server core.
const MAX_BCRYPT_COST: u32 = 14;
/// Werkzeug 3.1 uses 1,000,000; twice that is the ceiling.
const MAX_PBKDF2_ITERATIONS: u32 = 2_000_000;
/// scrypt memory is 128·N·r bytes: Werkzeug's default (N=2^15, r=8) is 32 MiB.
const MAX_SCRYPT_BYTES: u64 = 64 << 20;
const MAX_SCRYPT_P: u32 = 4;

/// A stored hash in a format we can verify, with its cost within bounds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LegacyHash<'a> {
    Bcrypt(&'a str),
    Pbkdf2 { digest: Digest, iterations: NonZeroU32, salt: &'a str, hash: Vec<u8> },
    Scrypt { log_n: u8, r: u32, p: u32, salt: &'a str, hash: Vec<u8> },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Digest {
    Sha256,
    Sha512,
}

/// Why a stored hash cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LegacyError {
    #[error("unknown password hash format")]
    UnknownFormat,
    #[error("password hash cost is out of bounds")]
    CostTooHigh,
}

impl<'a> LegacyHash<'a> {
    pub fn parse(stored: &'a str) -> Result<Self, LegacyError> {
        if let Some(rest) = ["$2a$", "$2b$", "$2y$"].iter().find_map(|p| stored.strip_prefix(p)) {
            let cost: u32 =
                rest.get(..2).and_then(|c| c.parse().ok()).ok_or(LegacyError::UnknownFormat)?;
            if stored.len() != 60 {
                return Err(LegacyError::UnknownFormat);
            }
            if cost > MAX_BCRYPT_COST {
                return Err(LegacyError::CostTooHigh);
            }
            return Ok(Self::Bcrypt(stored));
        }
        let (method, rest) = stored.split_once('$').ok_or(LegacyError::UnknownFormat)?;
        let (salt, hex) = rest.split_once('$').ok_or(LegacyError::UnknownFormat)?;
        let hash = decode_hex(hex).ok_or(LegacyError::UnknownFormat)?;
        if salt.is_empty() || hash.is_empty() {
            return Err(LegacyError::UnknownFormat);
        }
        let parts: Vec<&str> = method.split(':').collect();
        match parts.as_slice() {
            ["pbkdf2", digest, iterations] => {
                let digest = match *digest {
                    "sha256" => Digest::Sha256,
                    "sha512" => Digest::Sha512,
                    _ => return Err(LegacyError::UnknownFormat),
                };
                let n: u64 = iterations.parse().map_err(|_| LegacyError::UnknownFormat)?;
                if n > u64::from(MAX_PBKDF2_ITERATIONS) {
                    return Err(LegacyError::CostTooHigh);
                }
                let iterations = NonZeroU32::new(n as u32).ok_or(LegacyError::UnknownFormat)?;
                Ok(Self::Pbkdf2 { digest, iterations, salt, hash })
            }
            ["scrypt", n, r, p] => {
                let parse = |s: &str| s.parse::<u64>().map_err(|_| LegacyError::UnknownFormat);
                let (n, r, p) = (parse(n)?, parse(r)?, parse(p)?);
                if n < 2 || !n.is_power_of_two() || r == 0 || p == 0 {
                    return Err(LegacyError::UnknownFormat);
                }
                if n.saturating_mul(r).saturating_mul(128) > MAX_SCRYPT_BYTES
                    || p > u64::from(MAX_SCRYPT_P)
                {
                    return Err(LegacyError::CostTooHigh);
                }
                Ok(Self::Scrypt {
                    log_n: n.trailing_zeros() as u8,
                    r: r as u32,
                    p: p as u32,
                    salt,
                    hash,
                })
            }
            _ => Err(LegacyError::UnknownFormat),
        }
    }

    /// What a check of this hash costs depends on, without salt or digest: `bcrypt:12`,
    /// `pbkdf2:sha256:600000`, `scrypt:15:8:1` (see `password::cost_kind`).
    pub fn cost_kind(&self) -> String {
        match self {
            // `$2b$12$…`: the two digits after the prefix (checked by `parse`).
            Self::Bcrypt(stored) => format!("bcrypt:{}", stored.get(4..6).unwrap_or_default()),
            Self::Pbkdf2 { digest, iterations, .. } => {
                let digest = match digest {
                    Digest::Sha256 => "sha256",
                    Digest::Sha512 => "sha512",
                };
                format!("pbkdf2:{digest}:{iterations}")
            }
            Self::Scrypt { log_n, r, p, .. } => format!("scrypt:{log_n}:{r}:{p}"),
        }
    }

    /// Checks `password` (as the user types it) against this hash.
    pub fn verify(&self, password: &str) -> bool {
        match self {
            Self::Bcrypt(stored) => bcrypt::verify(password, stored).unwrap_or(false),
            Self::Pbkdf2 { digest, iterations, salt, hash } => {
                let alg = match digest {
                    Digest::Sha256 => ring::pbkdf2::PBKDF2_HMAC_SHA256,
                    Digest::Sha512 => ring::pbkdf2::PBKDF2_HMAC_SHA512,
                };
                ring::pbkdf2::verify(alg, *iterations, salt.as_bytes(), password.as_bytes(), hash)
                    .is_ok()
            }
            Self::Scrypt { log_n, r, p, salt, hash } => {
                let Ok(params) = scrypt::Params::new(*log_n, *r, *p, hash.len()) else {
                    return false;
                };
                let mut out = vec![0u8; hash.len()];
                if scrypt::scrypt(password.as_bytes(), salt.as_bytes(), &params, &mut out).is_err()
                {
                    return false;
                }
                bool::from(out.ct_eq(hash))
            }
        }
    }
}

fn decode_hex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 || s.len() > 1024 {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok()).collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    // Made by Werkzeug 3.1 and Python bcrypt 4 for the password "correct horse battery".
    const PBKDF2_SHA256: &str = "pbkdf2:sha256:600000$M169iEge5Hps7nOv$73c6703fa7bfab94b011d78939da4cc74d030ca3a7db93131cda62cf35894e4d";
    const PBKDF2_SHA512: &str = "pbkdf2:sha512:1000$tZNlV2u24bG4kiEQ$f8a7eeff73173afb3c6549110de0118c6f33a8c5133207b060ede522ed237a9f4a2ecdcef2cde519a3d0be795408da1bacbd96c0ecfd094db8f23de53a6a29af";
    const SCRYPT: &str = "scrypt:32768:8:1$Rc0Plm4wckdzz70S$60819a520d833f8942c2f6806b2cf46764d370e3e5a4e94a8285a9a11a620f1cdde3a6244431963c8a2170bdbe0edd8f72d8baab9c4478678b484adb87b9e012";
    const BCRYPT: &str = "$2b$04$tI7MeA45PJd97SlefsJz2uoSroEfMTsklxlQHwGvFu14DX4vr1Lvi";
    const PW: &str = "correct horse battery";

    #[test]
    fn werkzeug_and_bcrypt_hashes_verify() {
        for h in [PBKDF2_SHA256, PBKDF2_SHA512, SCRYPT, BCRYPT] {
            let parsed = LegacyHash::parse(h).unwrap();
            assert!(parsed.verify(PW), "{h}");
            assert!(!parsed.verify("correct horse batterY"), "{h}");
        }
    }

    #[test]
    fn cost_kinds_name_the_parameters_and_nothing_else() {
        let kinds: Vec<String> = [PBKDF2_SHA256, PBKDF2_SHA512, SCRYPT, BCRYPT]
            .iter()
            .map(|h| LegacyHash::parse(h).unwrap().cost_kind())
            .collect();
        assert_eq!(
            kinds,
            ["pbkdf2:sha256:600000", "pbkdf2:sha512:1000", "scrypt:15:8:1", "bcrypt:04"]
        );
        let other_salt = BCRYPT.replacen("tI7M", "xxxx", 1);
        assert_eq!(LegacyHash::parse(&other_salt).unwrap().cost_kind(), "bcrypt:04");
    }

    #[test]
    fn all_bcrypt_prefixes_verify() {
        for prefix in ["$2a$", "$2y$"] {
            let h = BCRYPT.replacen("$2b$", prefix, 1);
            assert!(LegacyHash::parse(&h).unwrap().verify(PW), "{prefix}");
        }
    }

    #[test]
    fn absurd_costs_are_refused_before_any_work() {
        let pbkdf2 = "pbkdf2:sha256:1000000000$salt$00ff";
        assert_eq!(LegacyHash::parse(pbkdf2), Err(LegacyError::CostTooHigh));
        let scrypt = "scrypt:1073741824:8:1$salt$00ff";
        assert_eq!(LegacyHash::parse(scrypt), Err(LegacyError::CostTooHigh));
        let bcrypt = BCRYPT.replacen("$04$", "$31$", 1);
        assert_eq!(LegacyHash::parse(&bcrypt), Err(LegacyError::CostTooHigh));
    }

    #[test]
    fn unknown_formats_are_refused() {
        for h in [
            "",
            "plaintext",
            "md5$x$y",
            "sha256$salt$abcd",
            "pbkdf2:sha1:1000$s$00",
            "$argon2id$v=19$m=1,t=1,p=1$x$y",
            "scrypt:3:8:1$s$00",
        ] {
            assert_eq!(LegacyHash::parse(h), Err(LegacyError::UnknownFormat), "{h}");
        }
    }
}
