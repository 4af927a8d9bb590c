//! Unit tests.

#![allow(clippy::unwrap_used)]

use super::*;

fn cfg(ip_per_minute: u32, failures_per_hour: u32) -> LimitSettings<'static> {
    LimitSettings {
        ip_per_minute,
        failures_per_hour,
        writes_per_user_per_minute: 0,
        writes_per_ip_per_minute: 0,
        registrations_per_ip_per_hour: 0,
        failure_window: Duration::from_secs(3600),
        redis_url: None,
        redis_prefix: "test",
    }
}

async fn limits(per_hour: u32) -> Limits {
    Limits::new(cfg(0, per_hour)).await.unwrap()
}

fn k(s: &str) -> ThrottleKey {
    ThrottleKey::identifier(s)
}

#[tokio::test]
async fn the_failure_table_is_bounded_and_evicts_the_oldest() {
    let l = limits(20).await;
    for i in 0..(MAX_TRACKED as i64 + 10) {
        l.login_failed(k(&format!("user{i}")), 1_000 + i).await;
    }
    assert!(l.tracked() <= MAX_TRACKED, "{}", l.tracked());
    // The newest failure is remembered; the oldest was evicted.
    let newest = format!("user{}", MAX_TRACKED + 9);
    assert_eq!(l.failures(k(&newest)).await.count, 1);
    assert_eq!(l.failures(k("user0")).await.count, 0);
}

#[tokio::test]
async fn a_flood_of_unknown_identifiers_never_evicts_an_account_under_attack() {
    let l = limits(20).await;
    let victim = ThrottleKey::account("victim");
    l.login_failed(victim, 10).await;
    for i in 0..(MAX_TRACKED as i64 + 10) {
        l.login_failed(k(&format!("flood{i}")), 1_000 + i).await;
    }
    assert!(l.tracked() <= MAX_TRACKED);
    assert_eq!(l.failures(victim).await.count, 1, "the oldest entry, but an account's");
}

#[test]
fn throttle_keys_are_fixed_size_and_separate_accounts_from_identifiers() {
    let long = "x".repeat(65_536);
    assert_eq!(std::mem::size_of_val(&ThrottleKey::identifier(&long)), 17, "16 bytes and a flag");
    assert_ne!(ThrottleKey::identifier("abc"), ThrottleKey::account("abc"));
    assert_eq!(ThrottleKey::account("abc"), ThrottleKey::account("abc"));
}

#[tokio::test]
async fn failures_bring_doubling_delays_then_a_lock_that_ends_with_the_window() {
    let l = limits(20).await;
    let t0 = 1_000_000_000;
    for i in 0..5 {
        assert!(l.login_allowed(k("a@example.com"), t0 + i).await.is_ok(), "attempt {i}");
        l.login_failed(k("a@example.com"), t0 + i).await;
    }
    // Five failures, five free: the sixth attempt must wait 1 s after the last failure.
    let Err(Limited { retry_after }) = l.login_allowed(k("a@example.com"), t0 + 5).await else {
        panic!("expected a delay");
    };
    assert_eq!(retry_after, 1);
    assert!(l.login_allowed(k("a@example.com"), t0 + 4 + 1000).await.is_ok());
    for i in 5..20 {
        l.login_failed(k("a@example.com"), t0 + 10_000 * i).await;
    }
    // Budget spent: locked until the hour is over, then free again.
    let Err(Limited { retry_after }) = l.login_allowed(k("a@example.com"), t0 + 300_000).await
    else {
        panic!("expected a lock");
    };
    assert!(retry_after > 3000 && retry_after <= 3600, "{retry_after}");
    assert!(l.login_allowed(k("a@example.com"), t0 + 3_600_000).await.is_ok());
    // Other identifiers are untouched.
    assert!(l.login_allowed(k("b@example.com"), t0 + 300_000).await.is_ok());
}

#[tokio::test]
async fn clearing_unlocks_at_once() {
    let l = limits(4).await;
    for i in 0..4 {
        l.login_failed(k("x"), i).await;
    }
    assert!(l.login_allowed(k("x"), 10).await.is_err());
    l.clear(k("x")).await;
    assert!(l.login_allowed(k("x"), 10).await.is_ok());
}

#[tokio::test]
async fn zero_turns_limits_off() {
    let l = Limits::new(cfg(0, 0)).await.unwrap();
    for i in 0..100 {
        l.login_failed(k("x"), i).await;
        assert!(l.check_ip("127.0.0.1".parse().unwrap(), i).await.is_ok());
    }
    assert!(l.login_allowed(k("x"), 100).await.is_ok());
}

#[tokio::test]
async fn one_ipv6_slash_64_is_one_client() {
    let l = Limits::new(cfg(2, 0)).await.unwrap();
    l.check_ip("2001:db8:1:2::1".parse().unwrap(), 0).await.unwrap();
    l.check_ip("2001:db8:1:2:ffff::9".parse().unwrap(), 0).await.unwrap();
    assert!(l.check_ip("2001:db8:1:2:dead:beef::".parse().unwrap(), 0).await.is_err());
    assert!(l.check_ip("2001:db8:1:3::1".parse().unwrap(), 0).await.is_ok());
    // IPv4-mapped addresses share the IPv4 bucket.
    l.check_ip("192.0.2.1".parse().unwrap(), 0).await.unwrap();
    l.check_ip("::ffff:192.0.2.1".parse().unwrap(), 0).await.unwrap();
    assert!(l.check_ip("192.0.2.1".parse().unwrap(), 0).await.is_err());
}

#[tokio::test]
async fn the_ip_bucket_empties_and_names_the_wait() {
    let l = Limits::new(cfg(3, 0)).await.unwrap();
    let ip: IpAddr = "10.1.2.3".parse().unwrap();
    for _ in 0..3 {
        l.check_ip(ip, 0).await.unwrap();
    }
    let Err(Limited { retry_after }) = l.check_ip(ip, 0).await else {
        panic!("expected 429");
    };
    assert!((1..=20).contains(&retry_after), "{retry_after}");
    assert!(l.check_ip("10.1.2.4".parse().unwrap(), 0).await.is_ok());
}
