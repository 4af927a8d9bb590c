//! The provider's signing keys (docs/provider.md): RS256 (what OpenID Connect requires every
//! provider to offer, and the default for ID tokens), ES256 and EdDSA, each chosen per client
//! for its ID tokens; access tokens for clients are EdDSA (small and fast to check).
//!
//! Kept in `signing_keys` with the first-party keys (`algorithm` tells them apart), so every
//! node signs with the same set and `portcullis keys rotate` rotates them all; the newest key of
//! each algorithm signs, every key is published. RSA keys are made with OpenSSL (ring cannot
//! make them), 2048 bits, stored as PKCS#1; the others as PKCS#8, as ring makes them.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};

use anyhow::Context;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use jsonwebtoken::{Algorithm, DecodingKey, Header};
use ring::signature::{EcdsaKeyPair, Ed25519KeyPair, KeyPair, ECDSA_P256_SHA256_FIXED_SIGNING};
use serde::Serialize;

pub use crate::domain::SigningKeyRecord;

/// The algorithms the provider signs with, as stored and as named in JWS headers.
pub const ALGORITHMS: &[&str] = &["RS256", "ES256", "EdDSA"];

/// A new key for `alg` (one of [`ALGORITHMS`]) with a random `kid`.
pub fn generate(alg: &str, now_ms: i64) -> anyhow::Result<SigningKeyRecord> {
    let der = match alg {
        "RS256" => openssl::rsa::Rsa::generate(2048)
            .and_then(|k| k.private_key_to_der())
            .context("RSA key generation failed")?,
        "ES256" => {
            let rng = ring::rand::SystemRandom::new();
            EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng)
                .map_err(|_| anyhow::anyhow!("P-256 key generation failed"))?
                .as_ref()
                .to_vec()
        }
        "EdDSA" => return super::jwt::generate_signing_key(now_ms),
        other => anyhow::bail!("no such signing algorithm: {other}"),
    };
    Ok(SigningKeyRecord {
        kid: URL_SAFE_NO_PAD.encode(super::token::random_bytes::<12>()),
        private_pkcs8: STANDARD.encode(der),
        created_at: now_ms,
    })
}

struct Key {
    kid: String,
    alg: Algorithm,
    created_at: i64,
    signer: Signer,
    decoding: DecodingKey,
    jwk: serde_json::Value,
}

/// A private key parsed once, when the set is loaded. (`jsonwebtoken` keeps the key's DER and
/// parses it again for every signature: for RSA that parse, with its consistency checks,
/// cost more than the signature itself.) RSA signs with OpenSSL, which took half ring's time
/// for a 2048-bit PKCS#1 v1.5 signature on the machine of BENCHMARKS.md (341 against 687 µs);
/// the signature is the same bytes either way (the scheme is deterministic), checked by
/// `rsa_signatures_are_pkcs1_v1_5_as_ring_makes_them`.
enum Signer {
    Rsa(openssl::pkey::PKey<openssl::pkey::Private>),
    Ecdsa(EcdsaKeyPair),
    Ed(Ed25519KeyPair),
}

impl Signer {
    fn sign(&self, message: &[u8]) -> anyhow::Result<Vec<u8>> {
        match self {
            Self::Rsa(key) => {
                let mut signer =
                    openssl::sign::Signer::new(openssl::hash::MessageDigest::sha256(), key)?;
                signer.update(message)?;
                Ok(signer.sign_to_vec().context("RSA signing failed")?)
            }
            Self::Ecdsa(pair) => Ok(pair
                .sign(&ring::rand::SystemRandom::new(), message)
                .map_err(|_| anyhow::anyhow!("ECDSA signing failed"))?
                .as_ref()
                .to_vec()),
            Self::Ed(pair) => Ok(pair.sign(message).as_ref().to_vec()),
        }
    }
}

/// A compact JWS of `claims` under `header`, signed by `signer`: what `jsonwebtoken::encode`
/// makes (the same header and claims serialisation), with a key parsed once.
pub(crate) fn encode_jws<T: Serialize>(
    header: &Header,
    claims: &T,
    sign: impl FnOnce(&[u8]) -> anyhow::Result<Vec<u8>>,
) -> anyhow::Result<String> {
    let mut out = URL_SAFE_NO_PAD.encode(serde_json::to_vec(header)?);
    out.push('.');
    URL_SAFE_NO_PAD.encode_string(serde_json::to_vec(claims)?, &mut out);
    let signature = sign(out.as_bytes())?;
    out.push('.');
    URL_SAFE_NO_PAD.encode_string(signature, &mut out);
    Ok(out)
}

impl Key {
    fn load(alg: &str, r: &SigningKeyRecord) -> anyhow::Result<Self> {
        let der = STANDARD.decode(&r.private_pkcs8).context("signing key is not base64")?;
        let (alg, signer, decoding, jwk) = match alg {
            "RS256" => {
                let rsa = openssl::rsa::Rsa::private_key_from_der(&der)
                    .with_context(|| format!("signing key {} is not an RSA key", r.kid))?;
                let n = URL_SAFE_NO_PAD.encode(rsa.n().to_vec());
                let e = URL_SAFE_NO_PAD.encode(rsa.e().to_vec());
                let decoding = DecodingKey::from_rsa_components(&n, &e)?;
                let jwk = serde_json::json!({"kty": "RSA", "n": n, "e": e});
                anyhow::ensure!(
                    rsa.check_key().unwrap_or(false) && rsa.size() >= 256,
                    "signing key {} is refused: not a consistent RSA key of 2048 bits or more",
                    r.kid
                );
                let key = openssl::pkey::PKey::from_rsa(rsa)?;
                (Algorithm::RS256, Signer::Rsa(key), decoding, jwk)
            }
            "ES256" => {
                let rng = ring::rand::SystemRandom::new();
                let pair =
                    EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &der, &rng)
                        .map_err(|_| anyhow::anyhow!("signing key {} is not a P-256 key", r.kid))?;
                let point = pair.public_key().as_ref();
                anyhow::ensure!(point.len() == 65, "unexpected P-256 public key");
                let x = URL_SAFE_NO_PAD.encode(&point[1..33]);
                let y = URL_SAFE_NO_PAD.encode(&point[33..65]);
                let decoding = DecodingKey::from_ec_components(&x, &y)?;
                let jwk = serde_json::json!({"kty": "EC", "crv": "P-256", "x": x, "y": y});
                (Algorithm::ES256, Signer::Ecdsa(pair), decoding, jwk)
            }
            "EdDSA" => {
                let pair = Ed25519KeyPair::from_pkcs8_maybe_unchecked(&der)
                    .map_err(|_| anyhow::anyhow!("signing key {} is not an Ed25519 key", r.kid))?;
                let public = pair.public_key().as_ref().to_vec();
                let x = URL_SAFE_NO_PAD.encode(&public);
                let jwk = serde_json::json!({"kty": "OKP", "crv": "Ed25519", "x": x});
                (Algorithm::EdDSA, Signer::Ed(pair), DecodingKey::from_ed_der(&public), jwk)
            }
            other => anyhow::bail!("no such signing algorithm: {other}"),
        };
        let mut jwk = jwk;
        if let Some(o) = jwk.as_object_mut() {
            o.insert("kid".into(), r.kid.clone().into());
            o.insert("alg".into(), format!("{alg:?}").into());
            o.insert("use".into(), "sig".into());
        }
        Ok(Self { kid: r.kid.clone(), alg, created_at: r.created_at, signer, decoding, jwk })
    }
}

struct KeySet {
    /// The newest key of each algorithm.
    signing: HashMap<Algorithm, Arc<Key>>,
    by_kid: HashMap<String, Arc<Key>>,
    /// [`IdKeys::jwks`], serialised once per set (the JWKS endpoint answers it as is).
    jwks_json: String,
}

/// The provider's keys: signs ID, access and logout tokens; publishes the JWKS.
pub struct IdKeys {
    set: RwLock<Arc<KeySet>>,
    /// Tokens whose signature already checked out, by SHA-256 of the whole token, with the key
    /// that checked it: a client sends the same access token to userinfo or introspection for
    /// its whole lifetime, and the signature is the costliest step of those requests. Safe
    /// because the token is the signed bytes themselves; the key must still be in the set,
    /// and `typ`, `exp` and `iss` are checked every time (as the first-party tokens' cache).
    verified: Mutex<HashMap<[u8; 32], String>>,
}

/// Entries kept in the verified-token cache before it starts over.
const VERIFIED_CACHE: usize = 4096;

impl std::fmt::Debug for IdKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdKeys").finish_non_exhaustive()
    }
}

/// Why a token of ours was refused.
#[derive(Debug, thiserror::Error)]
pub enum IdTokenError {
    #[error("unknown signing key")]
    UnknownKey,
    #[error("invalid token")]
    Invalid,
}

impl IdKeys {
    /// From stored `(algorithm, key)` rows (private halves already opened). Each of
    /// [`ALGORITHMS`] needs at least one key.
    pub fn new(records: &[(String, SigningKeyRecord)]) -> anyhow::Result<Self> {
        Ok(Self {
            set: RwLock::new(Arc::new(Self::build(records)?)),
            verified: Mutex::new(HashMap::new()),
        })
    }

    fn build(records: &[(String, SigningKeyRecord)]) -> anyhow::Result<KeySet> {
        let mut signing: HashMap<Algorithm, Arc<Key>> = HashMap::new();
        let mut by_kid = HashMap::new();
        for (alg, r) in records {
            let key = Arc::new(Key::load(alg, r)?);
            by_kid.insert(key.kid.clone(), key.clone());
            let newer = signing
                .get(&key.alg)
                .is_none_or(|n| (key.created_at, &key.kid) > (n.created_at, &n.kid));
            if newer {
                signing.insert(key.alg, key);
            }
        }
        for alg in [Algorithm::RS256, Algorithm::ES256, Algorithm::EdDSA] {
            anyhow::ensure!(signing.contains_key(&alg), "no {alg:?} signing key");
        }
        let mut keys: Vec<&Arc<Key>> = by_kid.values().collect();
        keys.sort_by(|a, b| a.kid.cmp(&b.kid));
        let jwks = serde_json::json!({ "keys": keys.iter().map(|k| &k.jwk).collect::<Vec<_>>() });
        Ok(KeySet { signing, by_kid, jwks_json: jwks.to_string() })
    }

    /// Replaces the set (after a rotation, or when another node added a key).
    pub fn replace(&self, records: &[(String, SigningKeyRecord)]) -> anyhow::Result<()> {
        let set = Self::build(records)?;
        *self.set.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(set);
        Ok(())
    }

    fn current(&self) -> Arc<KeySet> {
        self.set.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Signs `claims` with the newest key of `alg` (`RS256`, `ES256` or `EdDSA`), with `typ`.
    pub fn sign<T: Serialize>(&self, alg: &str, typ: &str, claims: &T) -> anyhow::Result<String> {
        let (key, header) = self.signing_key(alg, typ)?;
        encode_jws(&header, claims, |m| key.signer.sign(m)).context("signing a token")
    }

    /// The newest key of `alg` and the JWS header it signs under, with `typ`.
    fn signing_key(&self, alg: &str, typ: &str) -> anyhow::Result<(Arc<Key>, Header)> {
        let alg = parse_alg(alg).context("unsupported signing algorithm")?;
        let key = self.current().signing.get(&alg).context("no signing key")?.clone();
        let mut header = Header::new(alg);
        header.kid = Some(key.kid.clone());
        header.typ = Some(typ.to_owned());
        Ok((key, header))
    }

    /// [`IdKeys::sign`], with an RSA signature made on the blocking pool: it is about a third
    /// of a millisecond of CPU (measured: a fifth of all CPU in a refresh-grant profile),
    /// which on a runtime worker would hold up every task queued behind it, among them
    /// transactions holding a lock. Rates did not change measurably either way on the 2-core
    /// machine; latency of the cheap requests beside it is what this protects.
    pub async fn sign_off_thread<T: Serialize>(
        &self,
        alg: &str,
        typ: &str,
        claims: &T,
    ) -> anyhow::Result<String> {
        let (key, header) = self.signing_key(alg, typ)?;
        if key.alg != Algorithm::RS256 {
            return encode_jws(&header, claims, |m| key.signer.sign(m)).context("signing a token");
        }
        let claims = serde_json::to_value(claims)?;
        tokio::task::spawn_blocking(move || {
            encode_jws(&header, &claims, |m| key.signer.sign(m)).context("signing a token")
        })
        .await
        .context("the signing task failed")?
    }

    /// Checks a token we signed: its key, its algorithm (the key's own), its `typ`, `exp`
    /// (one second of leeway) and `iss`. Audience is the caller's to check.
    pub fn verify<T: serde::de::DeserializeOwned>(
        &self,
        token: &str,
        typ: &str,
        issuer: &str,
        check_exp: bool,
    ) -> Result<T, IdTokenError> {
        let header = jsonwebtoken::decode_header(token).map_err(|_| IdTokenError::Invalid)?;
        if header.typ.as_deref().is_some_and(|t| !t.eq_ignore_ascii_case(typ))
            || (header.typ.is_none() && typ != "JWT")
        {
            return Err(IdTokenError::Invalid);
        }
        let set = self.current();
        let kid = header.kid.as_deref().ok_or(IdTokenError::Invalid)?;
        let key = set.by_kid.get(kid).ok_or(IdTokenError::UnknownKey)?;
        if header.alg != key.alg {
            return Err(IdTokenError::Invalid);
        }
        let mut v = jsonwebtoken::Validation::new(key.alg);
        v.leeway = 1;
        v.validate_exp = check_exp;
        v.validate_aud = false;
        v.set_issuer(&[issuer]);
        v.set_required_spec_claims(&["iss", "sub"]);
        let digest: [u8; 32] = ring::digest::digest(&ring::digest::SHA256, token.as_bytes())
            .as_ref()
            .try_into()
            .map_err(|_| IdTokenError::Invalid)?;
        let lock = || self.verified.lock().unwrap_or_else(|e| e.into_inner());
        let known = lock().get(&digest).is_some_and(|k| k == kid);
        if known {
            v.insecure_disable_signature_validation();
        }
        let claims = jsonwebtoken::decode::<T>(token, &key.decoding, &v)
            .map(|d| d.claims)
            .map_err(|_| IdTokenError::Invalid)?;
        if !known {
            let mut verified = lock();
            if verified.len() >= VERIFIED_CACHE {
                verified.clear();
            }
            verified.insert(digest, kid.to_owned());
        }
        Ok(claims)
    }

    /// The JSON Web Key Set: every key's public half, sorted by `kid`.
    pub fn jwks(&self) -> serde_json::Value {
        serde_json::from_str(&self.current().jwks_json).unwrap_or_default()
    }

    /// [`IdKeys::jwks`] as the JSON text the endpoint sends.
    pub fn jwks_json(&self) -> String {
        self.current().jwks_json.clone()
    }
}

/// `RS256`, `ES256` or `EdDSA`.
pub fn parse_alg(alg: &str) -> Option<Algorithm> {
    match alg {
        "RS256" => Some(Algorithm::RS256),
        "ES256" => Some(Algorithm::ES256),
        "EdDSA" => Some(Algorithm::EdDSA),
        _ => None,
    }
}

/// The left half of the token's hash, base64url (OIDC Core 3.1.3.6): SHA-256 for RS256 and
/// ES256, SHA-512 for EdDSA (Ed25519's hash, as the certified relying parties check it).
pub fn half_hash(token: &str, alg: &str) -> String {
    let (algorithm, half) = match alg {
        "EdDSA" => (&ring::digest::SHA512, 32),
        _ => (&ring::digest::SHA256, 16),
    };
    let digest = ring::digest::digest(algorithm, token.as_bytes());
    URL_SAFE_NO_PAD.encode(&digest.as_ref()[..half])
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn set() -> IdKeys {
        let records: Vec<(String, SigningKeyRecord)> =
            ALGORITHMS.iter().map(|a| ((*a).to_owned(), generate(a, 1).unwrap())).collect();
        IdKeys::new(&records).unwrap()
    }

    #[derive(Serialize, serde::Deserialize)]
    struct C {
        iss: String,
        sub: String,
        exp: i64,
    }

    #[test]
    fn every_algorithm_signs_and_is_published() {
        let keys = set();
        let exp = time::OffsetDateTime::now_utc().unix_timestamp() + 60;
        for alg in ALGORITHMS {
            let c = C { iss: "https://i".into(), sub: "u".into(), exp };
            let token = keys.sign(alg, "JWT", &c).unwrap();
            let back: C = keys.verify(&token, "JWT", "https://i", true).unwrap();
            assert_eq!(back.sub, "u");
            assert!(keys.verify::<C>(&token, "JWT", "https://other", true).is_err());
            assert!(keys.verify::<C>(&token, "logout+jwt", "https://i", true).is_err());
        }
        let jwks = keys.jwks();
        let algs: Vec<&str> =
            jwks["keys"].as_array().unwrap().iter().map(|k| k["alg"].as_str().unwrap()).collect();
        for alg in ALGORITHMS {
            assert!(algs.contains(alg), "{algs:?}");
        }
        for k in jwks["keys"].as_array().unwrap() {
            for private in ["d", "p", "q", "dp", "dq", "qi"] {
                assert!(k.get(private).is_none(), "private part {private} published");
            }
        }
    }

    /// The verified-signature cache skips only the signature: a token whose key has left the
    /// set is refused, `exp` and `iss` are checked on every use, and a token differing from a
    /// cached one in its signature alone is checked afresh.
    #[test]
    fn a_cached_token_is_still_checked_for_key_expiry_and_issuer() {
        let records: Vec<(String, SigningKeyRecord)> =
            ALGORITHMS.iter().map(|a| ((*a).to_owned(), generate(a, 1).unwrap())).collect();
        let keys = IdKeys::new(&records).unwrap();
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        for alg in ALGORITHMS {
            let past = C { iss: "https://i".into(), sub: "u".into(), exp: now - 3600 };
            let token = keys.sign(alg, "JWT", &past).unwrap();
            // Cached by a check that skips `exp`; the next one that checks it refuses.
            assert!(keys.verify::<C>(&token, "JWT", "https://i", false).is_ok());
            assert!(matches!(
                keys.verify::<C>(&token, "JWT", "https://i", true),
                Err(IdTokenError::Invalid)
            ));
            assert!(keys.verify::<C>(&token, "JWT", "https://other", false).is_err());
            // The same header and claims under a forged signature: not the cached token.
            let (signed, signature) = token.rsplit_once('.').unwrap();
            let mut forged = signature.as_bytes().to_vec();
            forged[0] = if forged[0] == b'A' { b'B' } else { b'A' };
            let forged = format!("{signed}.{}", String::from_utf8(forged).unwrap());
            assert!(matches!(
                keys.verify::<C>(&forged, "JWT", "https://i", false),
                Err(IdTokenError::Invalid)
            ));
        }
        let live = C { iss: "https://i".into(), sub: "u".into(), exp: now + 60 };
        let token = keys.sign("EdDSA", "JWT", &live).unwrap();
        assert!(keys.verify::<C>(&token, "JWT", "https://i", true).is_ok());
        assert!(keys.verify::<C>(&token, "JWT", "https://i", true).is_ok(), "from the cache");
        // The EdDSA key is replaced by a new one and leaves the set: the cached token is refused.
        let rotated: Vec<(String, SigningKeyRecord)> = records
            .iter()
            .filter(|(a, _)| a != "EdDSA")
            .cloned()
            .chain([("EdDSA".to_owned(), generate("EdDSA", 2).unwrap())])
            .collect();
        keys.replace(&rotated).unwrap();
        assert!(matches!(
            keys.verify::<C>(&token, "JWT", "https://i", true),
            Err(IdTokenError::UnknownKey)
        ));
    }

    /// OpenSSL's RSA signature is the PKCS#1 v1.5 signature ring makes (and every relying
    /// party checks): the same bytes for the same key and message.
    #[test]
    fn rsa_signatures_are_pkcs1_v1_5_as_ring_makes_them() {
        let record = generate("RS256", 1).unwrap();
        let key = Key::load("RS256", &record).unwrap();
        let der = STANDARD.decode(&record.private_pkcs8).unwrap();
        let ring_pair = ring::signature::RsaKeyPair::from_der(&der).unwrap();
        let message = b"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0";
        let mut expected = vec![0; ring_pair.public().modulus_len()];
        let rng = ring::rand::SystemRandom::new();
        ring_pair.sign(&ring::signature::RSA_PKCS1_SHA256, &rng, message, &mut expected).unwrap();
        assert_eq!(key.signer.sign(message).unwrap(), expected);
    }

    #[test]
    fn at_hash_matches_the_spec_example() {
        // OIDC Core appendix A.3's access token and at_hash.
        assert_eq!(
            half_hash("jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y", "RS256"),
            "77QmUPtjPfzWtF2AnpK9RQ"
        );
        // EdDSA takes the left half of SHA-512: 32 bytes, 43 characters.
        let eddsa = half_hash("jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y", "EdDSA");
        assert_eq!(eddsa.len(), 43);
        let full = ring::digest::digest(
            &ring::digest::SHA512,
            b"jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y",
        );
        assert_eq!(eddsa, URL_SAFE_NO_PAD.encode(&full.as_ref()[..32]));
    }
}
