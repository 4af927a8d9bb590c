//! Unit tests.

#![allow(clippy::unwrap_used)]

use super::*;

fn cheap() -> Argon2Params {
    Argon2Params { memory_kib: 256, iterations: 1, parallelism: 1 }
}

fn pw(s: &str) -> Password {
    Password::normalize(s).unwrap()
}

#[tokio::test]
async fn hashes_are_argon2id_with_the_configured_cost() {
    let h = Hasher::new(Argon2Params::default(), 1, 1).unwrap();
    let hash = h.hash(&pw("a long passphrase")).await.unwrap();
    assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
    let v = h.verify(&pw("a long passphrase"), Some(&hash)).await.unwrap();
    assert_eq!(v, Verified { ok: true, needs_rehash: false });
    assert!(!h.verify(&pw("another one"), Some(&hash)).await.unwrap().ok);
}

#[tokio::test]
async fn hashes_interoperate_with_the_argon2_crates_own_format() {
    use argon2::password_hash::{PasswordHasher, PasswordVerifier, SaltString};
    let h = Hasher::new(cheap(), 1, 1).unwrap();
    // Ours verify with the reference verifier...
    let ours = h.hash(&pw("a long passphrase")).await.unwrap();
    let parsed = PasswordHash::new(&ours).unwrap();
    assert!(Argon2::default().verify_password(b"a long passphrase", &parsed).is_ok());
    // ...and hashes made by the reference hasher (argon2i too) verify with ours.
    let params = Params::new(256, 1, 1, None).unwrap();
    for alg in [Algorithm::Argon2id, Algorithm::Argon2i] {
        let salt = SaltString::encode_b64(b"0123456789abcdef").unwrap();
        let theirs = Argon2::new(alg, Version::V0x13, params.clone())
            .hash_password(b"a long passphrase", &salt)
            .unwrap()
            .to_string();
        let v = h.verify(&pw("a long passphrase"), Some(&theirs)).await.unwrap();
        assert!(v.ok, "{theirs}");
        assert_eq!(v.needs_rehash, alg != Algorithm::Argon2id);
        assert!(!h.verify(&pw("a long passphrasE"), Some(&theirs)).await.unwrap().ok);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn working_memory_is_reused_and_bounded_by_the_concurrency() {
    let h = Hasher::new(cheap(), 2, 8).unwrap();
    let p = pw("a long passphrase");
    for _ in 0..4 {
        futures::future::join_all((0..6).map(|_| h.hash(&p))).await;
    }
    let pool = h.memory.lock().unwrap();
    assert!(!pool.is_empty() && pool.len() <= 2, "{}", pool.len());
    assert!(pool.iter().all(|m| m.len() == 256));
}

#[tokio::test]
async fn unknown_users_never_verify() {
    let h = Hasher::new(cheap(), 1, 1).unwrap();
    let v = h.verify(&pw("whatever"), None).await.unwrap();
    assert!(!v.ok);
}

#[tokio::test]
async fn changed_parameters_ask_for_a_rehash() {
    let old = Hasher::new(cheap(), 1, 1).unwrap();
    let hash = old.hash(&pw("a long passphrase")).await.unwrap();
    let new = Hasher::new(Argon2Params { memory_kib: 512, ..cheap() }, 1, 1).unwrap();
    let v = new.verify(&pw("a long passphrase"), Some(&hash)).await.unwrap();
    assert_eq!(v, Verified { ok: true, needs_rehash: true });
    // A wrong password never asks for a rehash.
    let v = new.verify(&pw("wrong"), Some(&hash)).await.unwrap();
    assert_eq!(v, Verified { ok: false, needs_rehash: false });
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_queue_answers_overloaded_instead_of_waiting() {
    let h = Hasher::new(Argon2Params { memory_kib: 65536, iterations: 3, parallelism: 1 }, 1, 1)
        .unwrap();
    let p = pw("a long passphrase");
    let results = futures::future::join_all((0..6).map(|_| h.hash(&p))).await;
    let overloaded =
        results.iter().filter(|r| matches!(r, Err(HashError::Overloaded { .. }))).count();
    let ok = results.iter().filter(|r| r.is_ok()).count();
    // One runs, one waits: the other four are turned away at once.
    assert_eq!((ok, overloaded), (2, 4));
    assert_eq!(h.in_flight(), 0);
}

#[tokio::test]
async fn legacy_hashes_verify_as_typed_and_ask_for_a_rehash() {
    let h = Hasher::new(cheap(), 1, 1).unwrap();
    // Werkzeug hashed the raw text: the decomposed "é" must be checked as sent.
    let stored = "pbkdf2:sha256:1000$8T829iAv1I1B7yqW$5beb96180278ba5910ad0667fa49d8bf06bf6b95f8866cee51dfb2c380b4f482";
    let v = h.verify(&pw("caf\u{e9}-pass 1"), Some(stored)).await.unwrap();
    assert_eq!(v, Verified { ok: true, needs_rehash: true });
    let v = h.verify(&pw("wrong"), Some(stored)).await.unwrap();
    assert_eq!(v, Verified { ok: false, needs_rehash: false });
}

#[test]
fn absurd_stored_costs_are_refused_without_running() {
    let params = Params::new(256, 1, 1, None).unwrap();
    let hostile = "$argon2id$v=19$m=4000000,t=1000,p=1$c29tZXNhbHQ$aGFzaGhhc2hoYXNoaGFzaA";
    assert!(!verify_sync(&params, &pw("x"), hostile, &mut Vec::new()).ok);
    assert!(!verify_sync(&params, &pw("x"), "not a hash", &mut Vec::new()).ok);
}

// bcrypt (cost 4) and Werkzeug PBKDF2 of "a long passphrase" are not needed: any wrong
// password fails, and the kind is read from the parameters.
const BCRYPT_04: &str = "$2b$04$tI7MeA45PJd97SlefsJz2uoSroEfMTsklxlQHwGvFu14DX4vr1Lvi";
const PBKDF2_1000: &str = "pbkdf2:sha256:1000$8T829iAv1I1B7yqW$5beb96180278ba5910ad0667fa49d8bf06bf6b95f8866cee51dfb2c380b4f482";

#[tokio::test]
async fn every_failed_check_is_held_to_the_floor_and_no_success_is() {
    let h = Hasher::new(cheap(), 1, 1).unwrap();
    let native = h.hash(&pw("a long passphrase")).await.unwrap();
    let wrong = pw("wrong password");
    // Unknown user, native, bcrypt, PBKDF2, and a row in no known format.
    for stored in [None, Some(native.as_str()), Some(BCRYPT_04), Some(PBKDF2_1000), Some("x")] {
        let before = h.held();
        assert!(!h.verify(&wrong, stored).await.unwrap().ok);
        assert_eq!(h.held(), before + 1, "{stored:?}");
    }
    let held = h.held();
    assert!(h.verify(&pw("a long passphrase"), Some(&native)).await.unwrap().ok);
    assert!(h.verify(&pw("caf\u{e9}-pass 1"), Some(PBKDF2_1000)).await.unwrap().ok);
    assert_eq!(h.held(), held, "a right password answers at once");
}

#[test]
fn the_floor_is_the_slowest_recent_check_of_the_costliest_kind_with_a_margin() {
    let t0 = Instant::now();
    let mut costs = Costs::default();
    assert_eq!(costs.floor(t0), Duration::ZERO);
    costs.learn("argon2id:v=19,m=19456,t=2,p=1".into(), Duration::from_millis(16), t0);
    assert_eq!(costs.floor(t0), Duration::from_millis(20));
    costs.learn("bcrypt:12".into(), Duration::from_millis(240), t0);
    costs.learn("pbkdf2:sha256:600000".into(), Duration::from_millis(100), t0);
    assert_eq!(costs.floor(t0), Duration::from_millis(300));
    // Under load the costliest kind's checks slow down: the floor rises with them (it was
    // the least seen, 240 ms, and a bcrypt check of 400 ms showed through).
    costs.learn("bcrypt:12".into(), Duration::from_millis(400), t0);
    assert_eq!(costs.floor(t0), Duration::from_millis(500));
    // A slow check of a cheaper kind counts too when it is the slowest of all.
    costs.learn("argon2id:v=19,m=19456,t=2,p=1".into(), Duration::from_millis(800), t0);
    assert_eq!(costs.floor(t0), Duration::from_millis(1000));
}

#[test]
fn a_slow_spell_ages_out_of_the_floor() {
    let t0 = Instant::now();
    let mut costs = Costs::default();
    costs.learn("bcrypt:12".into(), Duration::from_millis(240), t0);
    costs.learn("bcrypt:12".into(), Duration::from_millis(2000), t0);
    assert_eq!(costs.floor(t0), Duration::from_millis(2500));
    // After RECENT_FOR without checks, the least seen again.
    let later = t0 + RECENT_FOR + Duration::from_secs(1);
    assert_eq!(costs.floor(later), Duration::from_millis(300));
    // Or after RECENT_CHECKS faster checks.
    for _ in 0..RECENT_CHECKS {
        costs.learn("bcrypt:12".into(), Duration::from_millis(320), t0);
    }
    assert_eq!(costs.floor(t0), Duration::from_millis(400));
    // Bounded: no more than RECENT_CHECKS kept per kind.
    assert_eq!(costs.by_kind["bcrypt:12"].recent.len(), RECENT_CHECKS);
}

#[tokio::test]
async fn the_floor_covers_every_kind_checked_or_calibrated() {
    let h = Hasher::new(cheap(), 1, 1).unwrap();
    assert_eq!(h.known_kinds(), ["argon2id:v=19,m=256,t=1,p=1"], "the native cost, from the start");
    assert!(h.floor() > Duration::ZERO);
    h.calibrate(PBKDF2_1000).await.unwrap();
    assert!(!h.verify(&pw("wrong password"), Some(BCRYPT_04)).await.unwrap().ok);
    assert_eq!(h.known_kinds(), ["argon2id:v=19,m=256,t=1,p=1", "bcrypt:04", "pbkdf2:sha256:1000"]);
    let costs = h.costs.lock().unwrap();
    let now = Instant::now();
    let costliest = costs.by_kind.values().map(|c| c.cost(now)).max().unwrap();
    drop(costs);
    assert_eq!(h.floor(), costliest * 5 / 4);
    assert!(h.native_prefix().starts_with("$argon2id$v=19$m=256,t=1,p=1$"));
}

#[test]
fn cost_kinds_ignore_salt_and_digest() {
    let a =
        "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";
    let b =
        "$argon2id$v=19$m=19456,t=2,p=1$b3RoZXJzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";
    assert_eq!(cost_kind(a).as_deref(), Some("argon2id:v=19,m=19456,t=2,p=1"));
    assert_eq!(cost_kind(a), cost_kind(b));
    assert_eq!(cost_kind(BCRYPT_04).as_deref(), Some("bcrypt:04"));
    assert_eq!(cost_kind("not a hash"), None);
}
