//! Access tokens: short-lived JWTs naming a user (`sub`) and a server-side session (`sid`).
//!
//! EdDSA (Ed25519) by default, with keys kept in the database so that every node signs and
//! verifies with the same set; HS256 when `PORTCULLIS_JWT_SECRET` is set. Verification pins
//! the algorithm, checks `exp` (one second of leeway), `iss` and `aud`; the caller then checks
//! that the session is still live.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};

use anyhow::Context;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use ring::signature::{Ed25519KeyPair, KeyPair};
use serde::{Deserialize, Serialize};

use crate::config::{ExposeSecret, SecretString};
pub use crate::domain::SigningKeyRecord;

/// The claims of an access token (CONTRACTS section 2).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AccessClaims {
    pub sub: String,
    pub sid: String,
    pub iss: String,
    pub aud: String,
    pub iat: i64,
    pub exp: i64,
    pub jti: String,
    /// How the session was authenticated (RFC 8176), e.g. `["pwd"]`. Tokens issued before
    /// sessions recorded it have none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub amr: Vec<String>,
    /// When the user last authenticated (Unix seconds); `0` in tokens issued before.
    #[serde(default)]
    pub auth_time: i64,
    /// The assurance level (NIST SP 800-63B): `aal1` for one factor, `aal2` for two. `acr`
    /// says the same, for clients that read OpenID Connect's name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub aal: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub acr: String,
    /// Bound to a DPoP key (RFC 9449): its thumbprint, `{"jkt"}`. Such a token is accepted only
    /// with `Authorization: DPoP` and a proof of that key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cnf: Option<crate::service::provider::Confirmation>,
    /// The organisation the session acts for (docs/organizations.md): `org_id`, `org_slug`,
    /// `org_role`, `org_permissions`.
    #[serde(flatten)]
    pub org: Option<crate::service::OrgClaims>,
}

/// How and when the user behind a token authenticated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthContext {
    pub amr: Vec<crate::domain::Amr>,
    /// Unix seconds.
    pub auth_time: i64,
}

impl AuthContext {
    /// `aal2` for two factors ([`crate::domain::Amr::multi_factor`]), else `aal1`.
    pub fn aal(&self) -> &'static str {
        if crate::domain::Amr::multi_factor(&self.amr) {
            "aal2"
        } else {
            "aal1"
        }
    }
}

/// A new Ed25519 signing key with a random `kid`.
pub fn generate_signing_key(now_ms: i64) -> anyhow::Result<SigningKeyRecord> {
    let rng = ring::rand::SystemRandom::new();
    let doc = Ed25519KeyPair::generate_pkcs8(&rng)
        .map_err(|_| anyhow::anyhow!("Ed25519 key generation failed"))?;
    Ok(SigningKeyRecord {
        kid: URL_SAFE_NO_PAD.encode(super::token::random_bytes::<12>()),
        private_pkcs8: STANDARD.encode(doc.as_ref()),
        created_at: now_ms,
    })
}

struct EdKey {
    kid: String,
    /// Parsed once (`jsonwebtoken` would parse the PKCS#8 document for every signature).
    pair: Ed25519KeyPair,
    decoding: DecodingKey,
    public_x: String,
}

enum Keys {
    Hs256 { encoding: EncodingKey, decoding: DecodingKey },
    EdDsa { signing: Arc<EdKey>, by_kid: HashMap<String, Arc<EdKey>> },
}

/// Issues and verifies access tokens.
pub struct Jwt {
    keys: RwLock<Arc<Keys>>,
    issuer: String,
    audience: String,
    ttl_secs: i64,
    /// Tokens whose signature already checked out, by SHA-256 of the whole token: a client
    /// sends the same token for up to its lifetime, and an Ed25519 verification is the
    /// costliest step of an authenticated request. Safe because the token is the signed
    /// bytes themselves: expiry and the signing key's presence are still checked each time,
    /// and the session's liveness is the caller's check on every request.
    verified: Mutex<HashMap<[u8; 32], Arc<VerifiedToken>>>,
}

/// A verified token in the cache: its key id and its claims.
type VerifiedToken = (String, AccessClaims);

/// Entries kept in the verified-token cache before it starts over.
const VERIFIED_CACHE: usize = 4096;

impl std::fmt::Debug for Jwt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Jwt").field("issuer", &self.issuer).finish_non_exhaustive()
    }
}

/// Why an access token was refused. All become `401`.
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    #[error("unknown signing key")]
    UnknownKey,
    #[error("invalid token")]
    Invalid,
}

impl Jwt {
    pub fn hs256(secret: &SecretString, issuer: String, ttl_secs: i64) -> Self {
        let keys = Keys::Hs256 {
            encoding: EncodingKey::from_secret(secret.expose_secret().as_bytes()),
            decoding: DecodingKey::from_secret(secret.expose_secret().as_bytes()),
        };
        Self::with_keys(keys, issuer, ttl_secs)
    }

    /// EdDSA with the given keys; the newest signs, all verify.
    pub fn eddsa(
        records: &[SigningKeyRecord],
        issuer: String,
        ttl_secs: i64,
    ) -> anyhow::Result<Self> {
        Ok(Self::with_keys(Self::ed_keys(records)?, issuer, ttl_secs))
    }

    fn with_keys(keys: Keys, issuer: String, ttl_secs: i64) -> Self {
        Self {
            keys: RwLock::new(Arc::new(keys)),
            audience: issuer.clone(),
            issuer,
            ttl_secs,
            verified: Mutex::new(HashMap::new()),
        }
    }

    fn ed_keys(records: &[SigningKeyRecord]) -> anyhow::Result<Keys> {
        let mut by_kid = HashMap::new();
        let mut newest: Option<(&SigningKeyRecord, Arc<EdKey>)> = None;
        for r in records {
            let der = STANDARD.decode(&r.private_pkcs8).context("signing key is not base64")?;
            let pair = Ed25519KeyPair::from_pkcs8_maybe_unchecked(&der).map_err(|_| {
                anyhow::anyhow!("signing key {} is not an Ed25519 PKCS#8 key", r.kid)
            })?;
            let public = pair.public_key().as_ref().to_vec();
            let key = Arc::new(EdKey {
                kid: r.kid.clone(),
                pair,
                decoding: DecodingKey::from_ed_der(&public),
                public_x: URL_SAFE_NO_PAD.encode(&public),
            });
            by_kid.insert(r.kid.clone(), key.clone());
            let newer = newest
                .as_ref()
                .is_none_or(|(n, _)| (r.created_at, &r.kid) > (n.created_at, &n.kid));
            if newer {
                newest = Some((r, key));
            }
        }
        let (_, signing) = newest.context("no signing key")?;
        Ok(Keys::EdDsa { signing, by_kid })
    }

    /// Replaces the EdDSA key set (after a rotation or when another node added a key).
    pub fn set_ed_keys(&self, records: &[SigningKeyRecord]) -> anyhow::Result<()> {
        let keys = Self::ed_keys(records)?;
        *self.keys.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(keys);
        Ok(())
    }

    pub fn is_eddsa(&self) -> bool {
        matches!(*self.current(), Keys::EdDsa { .. })
    }

    fn current(&self) -> Arc<Keys> {
        self.keys.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub fn ttl_secs(&self) -> i64 {
        self.ttl_secs
    }

    /// Signs an access token for `user_id` in session `session_id`, authenticated as `context`.
    pub fn issue(
        &self,
        user_id: &str,
        session_id: &str,
        context: &AuthContext,
        now_secs: i64,
    ) -> anyhow::Result<String> {
        self.issue_with(user_id, session_id, context, now_secs, None, None)
    }

    /// [`Jwt::issue`], bound to the DPoP key `jkt` when there is one, and carrying the
    /// organisation the session acts for, if any.
    pub fn issue_with(
        &self,
        user_id: &str,
        session_id: &str,
        context: &AuthContext,
        now_secs: i64,
        jkt: Option<&str>,
        org: Option<crate::service::OrgClaims>,
    ) -> anyhow::Result<String> {
        let claims = AccessClaims {
            sub: user_id.to_owned(),
            sid: session_id.to_owned(),
            iss: self.issuer.clone(),
            aud: self.audience.clone(),
            iat: now_secs,
            exp: now_secs + self.ttl_secs,
            jti: uuid::Uuid::now_v7().to_string(),
            amr: context.amr.iter().map(|m| m.as_str().to_owned()).collect(),
            auth_time: context.auth_time,
            aal: context.aal().to_owned(),
            acr: context.aal().to_owned(),
            cnf: jkt.map(|j| crate::service::provider::Confirmation { jkt: j.to_owned() }),
            org,
        };
        let keys = self.current();
        match &*keys {
            Keys::Hs256 { encoding, .. } => {
                let mut h = Header::new(Algorithm::HS256);
                h.kid = Some("hs256".into());
                jsonwebtoken::encode(&h, &claims, encoding).context("signing an access token")
            }
            Keys::EdDsa { signing, .. } => {
                let mut h = Header::new(Algorithm::EdDSA);
                h.kid = Some(signing.kid.clone());
                let sign = |m: &[u8]| Ok(signing.pair.sign(m).as_ref().to_vec());
                crate::auth::idkeys::encode_jws(&h, &claims, sign)
                    .context("signing an access token")
            }
        }
    }

    /// Verifies signature, algorithm, `exp`, `iss` and `aud`. The session check is the
    /// caller's. [`TokenError::UnknownKey`] tells the caller to reload keys once and retry.
    pub fn verify(&self, token: &str) -> Result<AccessClaims, TokenError> {
        let digest = ring::digest::digest(&ring::digest::SHA256, token.as_bytes());
        let mut id = [0u8; 32];
        id.copy_from_slice(digest.as_ref());
        let keys = self.current();
        let cached = self.verified.lock().unwrap_or_else(|e| e.into_inner()).get(&id).cloned();
        if let Some(entry) = cached {
            let (kid, claims) = &*entry;
            let key_present = match &*keys {
                Keys::Hs256 { .. } => true,
                Keys::EdDsa { by_kid, .. } => by_kid.contains_key(kid),
            };
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64);
            // The same one second of leeway as a full verification.
            if key_present && claims.exp + 1 > now {
                return Ok(claims.clone());
            }
            return Err(TokenError::Invalid);
        }
        let claims = self.verify_signed(token, &keys)?;
        let kid = jsonwebtoken::decode_header(token).ok().and_then(|h| h.kid).unwrap_or_default();
        let mut cache = self.verified.lock().unwrap_or_else(|e| e.into_inner());
        if cache.len() >= VERIFIED_CACHE {
            cache.clear();
        }
        cache.insert(id, Arc::new((kid, claims.clone())));
        Ok(claims)
    }

    fn verify_signed(&self, token: &str, keys: &Keys) -> Result<AccessClaims, TokenError> {
        let header = jsonwebtoken::decode_header(token).map_err(|_| TokenError::Invalid)?;
        let (alg, key) = match keys {
            Keys::Hs256 { decoding, .. } => (Algorithm::HS256, decoding),
            Keys::EdDsa { by_kid, .. } => {
                let kid = header.kid.as_deref().ok_or(TokenError::Invalid)?;
                let key = by_kid.get(kid).ok_or(TokenError::UnknownKey)?;
                (Algorithm::EdDSA, &key.decoding)
            }
        };
        // Pinning one algorithm defeats "alg: none" and HS256-with-the-public-key confusion.
        if header.alg != alg {
            return Err(TokenError::Invalid);
        }
        let mut v = Validation::new(alg);
        v.leeway = 1;
        v.set_issuer(&[&self.issuer]);
        v.set_audience(&[&self.audience]);
        v.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        jsonwebtoken::decode::<AccessClaims>(token, key, &v)
            .map(|d| d.claims)
            .map_err(|_| TokenError::Invalid)
    }

    /// The JSON Web Key Set: public keys only; empty in HS256 mode.
    pub fn jwks(&self) -> serde_json::Value {
        let keys = self.current();
        let list: Vec<serde_json::Value> = match &*keys {
            Keys::Hs256 { .. } => vec![],
            Keys::EdDsa { by_kid, .. } => {
                let mut ks: Vec<_> = by_kid.values().collect();
                ks.sort_by(|a, b| a.kid.cmp(&b.kid));
                ks.iter()
                    .map(|k| {
                        serde_json::json!({
                            "kty": "OKP", "crv": "Ed25519", "alg": "EdDSA", "use": "sig",
                            "kid": k.kid, "x": k.public_x,
                        })
                    })
                    .collect()
            }
        };
        serde_json::json!({ "keys": list })
    }
}

#[cfg(test)]
mod tests;
