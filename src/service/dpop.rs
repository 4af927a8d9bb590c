//! DPoP (RFC 9449): proofs of possession of a key, checked at the token endpoint (so tokens
//! can be bound to the key, `cnf.jkt`) and wherever a bound access token is used (userinfo).
//!
//! A proof is a JWT signed by the client's key, carrying the public key in its header. It
//! names the request it was made for (`htm`, `htu`), when (`iat`), once (`jti`: a proof seen
//! before is refused, on every node, through the database) and, at a resource, the access
//! token (`ath`). With `PORTCULLIS_DPOP_NONCE`, the token endpoint also wants a nonce of
//! ours (section 8): a signed expiry, so that every node can check it without storing it.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde_json::Value;

use super::Auth;
use crate::auth::hash_token;
use crate::clock::now_ms;

/// The algorithms a proof may be signed with (`dpop_signing_alg_values_supported`).
pub const ALGORITHMS: &[&str] = &["ES256", "RS256", "PS256", "EdDSA"];

/// A proof older than this (by its `iat`) is refused, in seconds.
const MAX_AGE: i64 = 300;
/// A proof dated further ahead than this is refused (clock skew), in seconds.
const MAX_AHEAD: i64 = 60;
/// Our nonces are good this long, in seconds.
const NONCE_TTL: i64 = 300;
/// The `typ` of our nonces.
const NONCE_TYP: &str = "portcullis-dpop-nonce+jwt";
/// The longest proof read (an RSA key in the header makes it about 1 KiB).
const MAX_PROOF: usize = 8192;

/// Why a proof was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DpopError {
    /// `invalid_dpop_proof`, with what is wrong.
    Invalid(String),
    /// `use_dpop_nonce`: the proof must carry our nonce (sent along in `DPoP-Nonce`).
    UseNonce,
}

fn invalid(why: impl Into<String>) -> DpopError {
    DpopError::Invalid(why.into())
}

/// What a proof is checked against.
pub struct Expected<'a> {
    /// The request's method.
    pub htm: &'a str,
    /// The request's URL (its query and fragment are ignored).
    pub htu: &'a str,
    /// The access token the request presents, whose hash the proof must carry (`ath`).
    pub access_token: Option<&'a str>,
    /// Whether a nonce of ours is required.
    pub nonce: bool,
}

/// The JWK thumbprint (RFC 7638) of a public key: SHA-256 over its required members, in
/// lexicographic order, without whitespace.
pub fn thumbprint(jwk: &Value) -> Option<String> {
    let member = |k: &str| jwk.get(k).and_then(Value::as_str).map(|v| Value::from(v).to_string());
    let canonical = match jwk.get("kty").and_then(Value::as_str)? {
        "EC" => format!(
            r#"{{"crv":{},"kty":"EC","x":{},"y":{}}}"#,
            member("crv")?,
            member("x")?,
            member("y")?
        ),
        "RSA" => format!(r#"{{"e":{},"kty":"RSA","n":{}}}"#, member("e")?, member("n")?),
        "OKP" => format!(r#"{{"crv":{},"kty":"OKP","x":{}}}"#, member("crv")?, member("x")?),
        _ => return None,
    };
    let digest = ring::digest::digest(&ring::digest::SHA256, canonical.as_bytes());
    Some(URL_SAFE_NO_PAD.encode(digest.as_ref()))
}

/// The base64url SHA-256 of an access token (a proof's `ath`).
pub fn token_hash(token: &str) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, token.as_bytes());
    URL_SAFE_NO_PAD.encode(digest.as_ref())
}

/// A URL as `htu` compares it: parsed (so scheme and host case, default ports and
/// percent-encoding are normalised), without query or fragment.
fn htu_form(uri: &str) -> Option<String> {
    let mut u = url::Url::parse(uri).ok()?;
    u.set_query(None);
    u.set_fragment(None);
    Some(u.into())
}

/// Checks a proof's form and signature (not yet its `jti`): `(jkt, jti, iat, claims)`.
fn verify_signature(proof: &str) -> Result<(String, String, i64, Value), DpopError> {
    use jsonwebtoken::{Algorithm, DecodingKey, Validation};
    if proof.len() > MAX_PROOF {
        return Err(invalid("the proof is too long"));
    }
    let header_part = proof.split('.').next().unwrap_or_default();
    let header: Value = URL_SAFE_NO_PAD
        .decode(header_part)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .ok_or_else(|| invalid("the proof is not a JWT"))?;
    if header.get("typ").and_then(Value::as_str) != Some("dpop+jwt") {
        return Err(invalid("the proof's typ must be dpop+jwt"));
    }
    let alg = header.get("alg").and_then(Value::as_str).unwrap_or_default();
    if !ALGORITHMS.contains(&alg) {
        return Err(invalid(format!("alg must be one of {}", ALGORITHMS.join(", "))));
    }
    let jwk = header.get("jwk").filter(|j| j.is_object()).ok_or_else(|| invalid("no jwk"))?;
    // A private key in the header is a client's mistake: refuse rather than use it.
    if jwk.get("d").is_some() || jwk.get("p").is_some() {
        return Err(invalid("the jwk must be a public key"));
    }
    let jkt = thumbprint(jwk).ok_or_else(|| invalid("the jwk is not an EC, RSA or OKP key"))?;
    let key: jsonwebtoken::jwk::Jwk =
        serde_json::from_value(jwk.clone()).map_err(|_| invalid("the jwk is malformed"))?;
    let key = DecodingKey::from_jwk(&key).map_err(|_| invalid("the jwk is malformed"))?;
    let alg: Algorithm = alg.parse().map_err(|_| invalid("unknown alg"))?;
    let mut v = Validation::new(alg);
    v.validate_exp = false;
    v.validate_aud = false;
    v.required_spec_claims.clear();
    let claims = jsonwebtoken::decode::<Value>(proof, &key, &v)
        .map_err(|_| invalid("the proof's signature does not verify with its jwk"))?
        .claims;
    let jti = claims
        .get("jti")
        .and_then(Value::as_str)
        .filter(|j| !j.is_empty() && j.len() <= 256)
        .ok_or_else(|| invalid("jti is missing"))?
        .to_owned();
    let iat = claims.get("iat").and_then(Value::as_i64).ok_or_else(|| invalid("iat is missing"))?;
    Ok((jkt, jti, iat, claims))
}

impl Auth {
    /// Checks a DPoP proof for a request; `Ok`: the thumbprint of its key (`jkt`). Each proof
    /// is good once: its `jti` is recorded (for the key) until it could no longer pass.
    pub async fn check_dpop(&self, proof: &str, want: &Expected<'_>) -> Result<String, DpopError> {
        let (jkt, jti, iat, claims) = verify_signature(proof)?;
        if claims.get("htm").and_then(Value::as_str) != Some(want.htm) {
            return Err(invalid("htm does not match the request's method"));
        }
        let htu = claims.get("htu").and_then(Value::as_str).and_then(htu_form);
        if htu.is_none() || htu != htu_form(want.htu) {
            return Err(invalid("htu does not match the request's URL"));
        }
        let now = now_ms() / 1000;
        if iat < now - MAX_AGE || iat > now + MAX_AHEAD {
            return Err(invalid("iat is too old or too far ahead"));
        }
        if let Some(token) = want.access_token {
            let ath = claims.get("ath").and_then(Value::as_str).unwrap_or_default();
            if !super::provider::same(ath, &token_hash(token)) {
                return Err(invalid("ath does not match the access token"));
            }
        }
        if want.nonce {
            let nonce = claims.get("nonce").and_then(Value::as_str).unwrap_or_default();
            if !self.dpop_nonce_ok(nonce).await {
                return Err(DpopError::UseNonce);
            }
        }
        let key = hash_token(&format!("dpop:{jkt}:{jti}"));
        let keep_until = (iat + MAX_AGE + MAX_AHEAD) * 1000;
        match self.store.spend_jti_once(&key, keep_until, now_ms()).await {
            Ok(true) => Ok(jkt),
            Ok(false) => Err(invalid("the proof was used before")),
            Err(e) => {
                tracing::error!(error = %e, "could not record a DPoP proof");
                Err(invalid("the proof could not be checked; try again"))
            }
        }
    }

    /// A fresh nonce for `DPoP-Nonce`, when `PORTCULLIS_DPOP_NONCE` is on.
    pub async fn dpop_nonce(&self) -> Option<String> {
        if !self.settings.dpop_nonce {
            return None;
        }
        let exp = now_ms() / 1000 + NONCE_TTL;
        let claims = serde_json::json!({"iss": self.issuer(), "sub": "dpop-nonce", "exp": exp});
        let keys = self.id_keys().await.ok()?;
        keys.sign("EdDSA", NONCE_TYP, &claims).ok()
    }

    async fn dpop_nonce_ok(&self, nonce: &str) -> bool {
        let Ok(keys) = self.id_keys().await else { return false };
        !nonce.is_empty() && keys.verify::<Value>(nonce, NONCE_TYP, self.issuer(), true).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thumbprints_are_rfc_7638s() {
        // RFC 7638 section 3.1's example key and thumbprint.
        let jwk = serde_json::json!({
            "kty": "RSA",
            "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
            "e": "AQAB",
            "alg": "RS256",
            "kid": "2011-04-29"
        });
        assert_eq!(thumbprint(&jwk).unwrap(), "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
        assert_eq!(thumbprint(&serde_json::json!({"kty": "oct", "k": "x"})), None);
    }

    #[test]
    fn htu_ignores_query_and_fragment_and_normalises() {
        assert_eq!(
            htu_form("HTTPS://Example.com:443/oauth2/token?x=1#f"),
            Some("https://example.com/oauth2/token".into())
        );
        assert_ne!(htu_form("https://example.com/oauth2/token"), htu_form("https://example.com/x"));
    }

    #[test]
    fn malformed_proofs_are_refused_without_panicking() {
        for p in ["", "a.b.c", "eyJhbGciOiJub25lIn0.e30.", &"x".repeat(9000)] {
            assert!(verify_signature(p).is_err(), "{p}");
        }
        // typ dpop+jwt, alg none: refused.
        let h = URL_SAFE_NO_PAD.encode(br#"{"typ":"dpop+jwt","alg":"none","jwk":{}}"#);
        assert!(verify_signature(&format!("{h}.e30.")).is_err());
    }
}
