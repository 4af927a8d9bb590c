//! Unit tests.

#![allow(clippy::unwrap_used)]

use super::*;

fn pwd() -> AuthContext {
    AuthContext { amr: vec![crate::domain::Amr::Pwd], auth_time: 1 }
}

fn ed() -> (Jwt, SigningKeyRecord) {
    let rec = generate_signing_key(1).unwrap();
    (Jwt::eddsa(std::slice::from_ref(&rec), "http://issuer".into(), 900).unwrap(), rec)
}

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

#[test]
fn eddsa_tokens_round_trip_with_kid() {
    let (jwt, rec) = ed();
    let t = jwt.issue("u1", "s1", &pwd(), now()).unwrap();
    let header = jsonwebtoken::decode_header(&t).unwrap();
    assert_eq!(header.alg, Algorithm::EdDSA);
    assert_eq!(header.kid.as_deref(), Some(rec.kid.as_str()));
    let c = jwt.verify(&t).unwrap();
    assert_eq!((c.sub.as_str(), c.sid.as_str()), ("u1", "s1"));
    assert_eq!(c.exp - c.iat, 900);
    let jwks = jwt.jwks();
    assert_eq!(jwks["keys"][0]["kid"], rec.kid);
    assert!(jwks.to_string().find("private").is_none());
}

#[test]
fn expired_tokens_are_refused() {
    let (jwt, _) = ed();
    let t = jwt.issue("u1", "s1", &pwd(), now() - 902).unwrap();
    assert!(jwt.verify(&t).is_err());
}

#[test]
fn a_cached_verification_still_checks_expiry_and_the_key() {
    let (jwt, _) = ed();
    // Valid for two more seconds (one of them leeway): verified once, then from the cache.
    let t = jwt.issue("u1", "s1", &pwd(), now() - 899).unwrap();
    assert!(jwt.verify(&t).is_ok());
    assert!(jwt.verify(&t).is_ok());
    std::thread::sleep(std::time::Duration::from_millis(2100));
    assert!(jwt.verify(&t).is_err(), "expired while cached");
    // A token whose key left the key set is refused even when cached.
    let t = jwt.issue("u1", "s1", &pwd(), now()).unwrap();
    assert!(jwt.verify(&t).is_ok());
    jwt.set_ed_keys(&[generate_signing_key(2).unwrap()]).unwrap();
    assert!(jwt.verify(&t).is_err());
}

#[test]
fn a_tampered_copy_of_a_cached_token_is_still_refused() {
    let (jwt, _) = ed();
    let t = jwt.issue("u1", "s1", &pwd(), now()).unwrap();
    assert!(jwt.verify(&t).is_ok());
    let mut forged = t.clone().into_bytes();
    let i = forged.len() - 5;
    forged[i] = if forged[i] == b'A' { b'B' } else { b'A' };
    assert!(jwt.verify(std::str::from_utf8(&forged).unwrap()).is_err());
}

#[test]
fn other_issuers_and_keys_are_refused() {
    let (a, _) = ed();
    let (b, _) = ed();
    let t = a.issue("u1", "s1", &pwd(), now()).unwrap();
    assert!(matches!(b.verify(&t), Err(TokenError::UnknownKey)));
    let rec = generate_signing_key(1).unwrap();
    let other_iss = Jwt::eddsa(std::slice::from_ref(&rec), "http://evil".into(), 900).unwrap();
    let same_key = Jwt::eddsa(&[rec], "http://issuer".into(), 900).unwrap();
    let t = other_iss.issue("u1", "s1", &pwd(), now()).unwrap();
    assert!(same_key.verify(&t).is_err());
}

#[test]
fn algorithm_is_pinned() {
    let secret = SecretString::from("0123456789abcdef0123456789abcdef");
    let hs = Jwt::hs256(&secret, "http://issuer".into(), 900);
    let t = hs.issue("u1", "s1", &pwd(), now()).unwrap();
    assert!(hs.verify(&t).is_ok());
    assert_eq!(hs.jwks()["keys"].as_array().unwrap().len(), 0);
    // An unsigned token with the right claims is refused.
    let body = URL_SAFE_NO_PAD.encode(
        serde_json::json!({"sub":"u1","sid":"s1","iss":"http://issuer","aud":"http://issuer",
            "iat": now(), "exp": now() + 900, "jti": "x"})
        .to_string(),
    );
    let none = format!("{}.{}.", URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#), body);
    assert!(hs.verify(&none).is_err());
    let (ed, _) = ed();
    assert!(ed.verify(&none).is_err());
}

#[test]
fn rotation_keeps_old_keys_verifying_and_signs_with_the_newest() {
    let old = generate_signing_key(1).unwrap();
    let jwt = Jwt::eddsa(std::slice::from_ref(&old), "i".into(), 900).unwrap();
    let before = jwt.issue("u", "s", &pwd(), now()).unwrap();
    let new = generate_signing_key(2).unwrap();
    jwt.set_ed_keys(&[old, new.clone()]).unwrap();
    assert!(jwt.verify(&before).is_ok());
    let after = jwt.issue("u", "s", &pwd(), now()).unwrap();
    assert_eq!(jsonwebtoken::decode_header(&after).unwrap().kid, Some(new.kid));
}
