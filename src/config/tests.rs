//! Unit tests of loading and checking settings.

#![allow(clippy::unwrap_used)]

use super::sources::Layers;
use super::*;

#[test]
fn defaults_match_the_contract() {
    let s = Settings::from_map(Vec::<(String, String)>::new()).unwrap();
    assert_eq!(s.bind.to_string(), "127.0.0.1:8080");
    assert_eq!(s.database_url.expose(), "sqlite://portcullis.db");
    assert_eq!(s.public_url, "http://127.0.0.1:8080");
    assert_eq!(s.access_token_ttl, Duration::from_secs(900));
    assert_eq!(s.session_ttl, Duration::from_secs(30 * 86400));
    assert_eq!(s.refresh_reuse_grace, Duration::from_secs(10));
    assert_eq!(s.session_cookie, "session_id");
    assert_eq!(s.password_policy.min_length, 8);
    assert!(s.password_policy.block_common);
    assert_eq!(s.dialects, ["root", "alx", "api-v1"]);
    assert_eq!(s.verify_email_url, "http://127.0.0.1:8080/account/verify-email?token={token}");
    assert_eq!(s.argon2, Argon2Params::default());
    assert!(!s.secure_cookies());
}

#[test]
fn dev_mode_refuses_to_face_the_world() {
    let err = Settings::from_map([("PORTCULLIS_DEV", "true"), ("PORTCULLIS_BIND", "0.0.0.0:8080")])
        .unwrap_err();
    assert!(err.to_string().contains("PORTCULLIS_BIND"), "{err}");
    let err = Settings::from_map([
        ("PORTCULLIS_DEV", "true"),
        ("PORTCULLIS_PUBLIC_URL", "https://auth.example.com"),
    ])
    .unwrap_err();
    assert!(err.to_string().contains("PORTCULLIS_PUBLIC_URL"), "{err}");
    // Loopback is fine, and so is an explicit override.
    assert!(
        Settings::from_map([("PORTCULLIS_DEV", "true"), ("PORTCULLIS_BIND", "[::1]:8080")]).is_ok()
    );
    assert!(Settings::from_map([
        ("PORTCULLIS_DEV", "true"),
        ("PORTCULLIS_BIND", "0.0.0.0:8080"),
        ("PORTCULLIS_DEV_ALLOW_PUBLIC", "true"),
    ])
    .is_ok());
    // Outside dev mode any address may be bound.
    assert!(Settings::from_map([("PORTCULLIS_BIND", "0.0.0.0:8080")]).is_ok());
}

#[test]
fn the_session_cookie_takes_the_host_prefix_on_https_unless_named() {
    let https = [("PORTCULLIS_PUBLIC_URL", "https://auth.example.com")];
    assert_eq!(Settings::from_map(https).unwrap().session_cookie, "__Host-session_id");
    let named = Settings::from_map([
        ("PORTCULLIS_PUBLIC_URL", "https://auth.example.com"),
        ("PORTCULLIS_SESSION_COOKIE", "session_id"),
    ])
    .unwrap();
    assert_eq!(named.session_cookie, "session_id");
    assert_eq!(
        Settings::from_map(Vec::<(String, String)>::new()).unwrap().session_cookie,
        "session_id"
    );
}

#[test]
fn metrics_listen_privately_by_default() {
    let s = Settings::from_map(Vec::<(String, String)>::new()).unwrap();
    assert_eq!(s.metrics_bind, Some("127.0.0.1:9464".parse().unwrap()));
    assert!(s.metrics_token.is_none());
    let off = Settings::from_map([("PORTCULLIS_METRICS_BIND", "off")]).unwrap();
    assert_eq!(off.metrics_bind, None);
    let err = Settings::from_map([("PORTCULLIS_METRICS_TOKEN", "short")]).unwrap_err();
    assert!(err.to_string().contains("PORTCULLIS_METRICS_TOKEN"), "{err}");
}

#[test]
fn key_encryption_key_must_be_32_bytes() {
    let err = Settings::from_map([("PORTCULLIS_KEY_ENCRYPTION_KEY", "c2hvcnQ=")]).unwrap_err();
    assert!(err.to_string().contains("PORTCULLIS_KEY_ENCRYPTION_KEY"), "{err}");
    assert!(!err.to_string().contains("c2hvcnQ"), "{err}");
    let hex = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    let s = Settings::from_map([("PORTCULLIS_KEY_ENCRYPTION_KEY", hex)]).unwrap();
    assert!(!format!("{s:?}").contains(hex));
}

#[test]
fn short_jwt_secret_is_refused_by_name() {
    let err = Settings::from_map([("PORTCULLIS_JWT_SECRET", "short")]).unwrap_err();
    assert!(err.to_string().contains("PORTCULLIS_JWT_SECRET"), "{err}");
    assert!(!err.to_string().contains("short\""), "{err}");
}

#[test]
fn unknown_portcullis_setting_is_refused_by_name() {
    let err = Settings::from_map([("PORTCULLIS_BINDD", "x")]).unwrap_err();
    assert!(err.to_string().contains("PORTCULLIS_BINDD"), "{err}");
}

#[test]
fn wildcard_cors_is_refused() {
    let err = Settings::from_map([("PORTCULLIS_CORS_ORIGINS", "*")]).unwrap_err();
    assert!(err.to_string().contains("PORTCULLIS_CORS_ORIGINS"));
}

#[test]
fn https_public_url_makes_cookies_secure() {
    let s = Settings::from_map([("PORTCULLIS_PUBLIC_URL", "https://auth.example.com/")]).unwrap();
    assert!(s.secure_cookies());
    assert_eq!(s.public_url, "https://auth.example.com");
}

#[test]
fn database_url_precedence_and_masking() {
    let s = Settings::from_map([
        ("DATABASE_URL", "postgres://a:b@h/db1"),
        ("PORTCULLIS_DATABASE_URL", "postgres://u:hunter2@h/db2"),
    ])
    .unwrap();
    assert_eq!(s.database_url.expose(), "postgres://u:hunter2@h/db2");
    let shown = format!("{s:?}");
    assert!(!shown.contains("hunter2"), "{shown}");
    assert!(shown.contains("postgres://u:***@h/db2"), "{shown}");
}

#[test]
fn secrets_are_redacted_in_debug() {
    let s = Settings::from_map([
        ("PORTCULLIS_JWT_SECRET", "0123456789abcdef0123456789abcdef-secret"),
        ("PORTCULLIS_SMTP_URL", "smtp://me:mailpass@localhost:25"),
    ])
    .unwrap();
    let shown = format!("{s:?}");
    assert!(!shown.contains("-secret"));
    assert!(!shown.contains("mailpass"));
}

/// Every secret setting, each with a value holding a marker that `Debug` must not show. A
/// setting the table marks `Secret` or `Url` that is missing here fails the test, so a new one
/// is checked too.
#[test]
fn every_secret_setting_is_redacted_in_debug() {
    const KEY: &str = "5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed";
    const WHSEC: &str = "ZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fH1+f4CBgoM=";
    // (setting, value, what must not be shown)
    let secrets = [
        ("PORTCULLIS_DATABASE_URL", "postgres://u:db-pw-1@h/db".to_owned(), "db-pw-1"),
        ("PORTCULLIS_SMTP_URL", "smtp://me:smtp-pw-2@localhost:25".into(), "smtp-pw-2"),
        ("PORTCULLIS_REDIS_URL", "redis://:redis-pw-3@127.0.0.1:6379/".into(), "redis-pw-3"),
        ("PORTCULLIS_JWT_SECRET", "jwt-secret-4-0123456789abcdef0123456789".into(), "jwt-secret-4"),
        ("PORTCULLIS_METRICS_TOKEN", "metrics-token-5-0123456789".into(), "metrics-token-5"),
        ("PORTCULLIS_KEY_ENCRYPTION_KEY", KEY.into(), "5eed5eed"),
        ("PORTCULLIS_OAUTH_GITHUB_CLIENT_SECRET", "oauth-secret-6".into(), "oauth-secret-6"),
        (
            "PORTCULLIS_WEBHOOK_BILLING_URL",
            "https://h:hook-pw-7@x.example/in?t=hook-q-8".into(),
            "hook-",
        ),
        ("PORTCULLIS_WEBHOOK_BILLING_SECRET", format!("whsec_{WHSEC}"), WHSEC),
    ];
    for setting in table::SETTINGS {
        if matches!(setting.kind, table::Kind::Secret | table::Kind::Url) {
            assert!(
                secrets.iter().any(|(name, ..)| *name == setting.name),
                "{} is secret: add it to this test",
                setting.name
            );
        }
    }
    let mut values: Vec<(&str, String)> =
        secrets.iter().map(|(name, value, _)| (*name, value.clone())).collect();
    values.push(("PORTCULLIS_OAUTH_GITHUB_CLIENT_ID", "client-id".into()));
    let s = Settings::from_map(values).unwrap();
    assert_eq!(s.providers.len(), 1);
    assert_eq!(s.webhooks.len(), 1);
    let shown = format!("{s:?}");
    for (name, _, hidden) in &secrets {
        assert!(!shown.contains(hidden), "{name} is shown: {shown}");
    }
}

#[test]
fn mail_delivery_settings_have_defaults_and_refuse_nonsense() {
    let s = Settings::from_map(Vec::<(String, String)>::new()).unwrap();
    assert_eq!(s.smtp_timeout, Duration::from_secs(30));
    assert_eq!(s.mail_poll_interval, Duration::from_secs(2));
    assert_eq!(s.mail_retry_base, Duration::from_secs(30));
    assert_eq!(s.mail_max_attempts, 10);
    let s = Settings::from_map([("PORTCULLIS_MAIL_POLL_INTERVAL", "50ms")]).unwrap();
    assert_eq!(s.mail_poll_interval, Duration::from_millis(50));
    for (name, value) in [
        ("PORTCULLIS_MAIL_POLL_INTERVAL", "0s"),
        ("PORTCULLIS_SMTP_TIMEOUT", "0"),
        ("PORTCULLIS_MAIL_MAX_ATTEMPTS", "0"),
    ] {
        let err = Settings::from_map([(name, value)]).unwrap_err();
        assert!(err.to_string().contains(name), "{err}");
    }
}

#[test]
fn background_intervals_have_defaults_and_refuse_zero() {
    let s = Settings::from_map(Vec::<(String, String)>::new()).unwrap();
    assert_eq!(s.housekeeping_interval, Duration::from_secs(900));
    assert_eq!(s.key_reload_interval, Duration::from_secs(60));
    let s = Settings::from_map([("PORTCULLIS_KEY_RELOAD_INTERVAL", "500ms")]).unwrap();
    assert_eq!(s.key_reload_interval, Duration::from_millis(500));
    for name in ["PORTCULLIS_HOUSEKEEPING_INTERVAL", "PORTCULLIS_KEY_RELOAD_INTERVAL"] {
        let err = Settings::from_map([(name, "0s")]).unwrap_err();
        assert!(err.to_string().contains(name), "{err}");
    }
}

#[test]
fn durations_in_humantime_forms_parse_too() {
    assert_eq!(parse_duration("1h 30m").unwrap(), Duration::from_secs(5400));
    assert_eq!(parse_duration("90min").unwrap(), Duration::from_secs(5400));
    assert_eq!(parse_duration("2days").unwrap(), Duration::from_secs(172_800));
    assert_eq!(parse_duration("36525d").unwrap(), super::build::MAX_DURATION);
}

#[test]
fn durations_that_overflow_are_refused_with_the_settings_name() {
    for v in [
        "36526d",
        "101y",
        "99999999999999999999",
        "18446744073709551615s",
        "99999999999999999999999d",
        "9999999999999999h",
    ] {
        assert!(parse_duration(v).unwrap_err().contains("longer than 100 years"), "{v}");
        let err = Settings::from_map([("PORTCULLIS_SESSION_TTL", v)]).unwrap_err().to_string();
        assert!(
            err.contains("PORTCULLIS_SESSION_TTL") && err.contains("longer than 100 years"),
            "{err}"
        );
    }
}

#[test]
fn durations_parse() {
    assert_eq!(parse_duration("10s").unwrap(), Duration::from_secs(10));
    assert_eq!(parse_duration("15m").unwrap(), Duration::from_secs(900));
    assert_eq!(parse_duration("24h").unwrap(), Duration::from_secs(86400));
    assert_eq!(parse_duration("30d").unwrap(), Duration::from_secs(2_592_000));
    assert_eq!(parse_duration("500ms").unwrap(), Duration::from_millis(500));
    assert_eq!(parse_duration("90").unwrap(), Duration::from_secs(90));
    assert_eq!(parse_duration(" 0s ").unwrap(), Duration::ZERO);
    assert!(parse_duration("ten").is_err());
    assert!(parse_duration("5x").is_err());
    assert!(parse_duration("").is_err());
    assert!(parse_duration("-5s").is_err());
    assert!(Settings::from_map([("PORTCULLIS_SESSION_TTL", "forever")])
        .unwrap_err()
        .to_string()
        .contains("PORTCULLIS_SESSION_TTL"));
}

#[test]
fn layers_later_wins() {
    let mut layers = Layers::default();
    layers.set("PORTCULLIS_BIND".into(), "127.0.0.1:1".into(), "portcullis.toml");
    layers.add_env([("PORTCULLIS_BIND".to_owned(), "127.0.0.1:2".to_owned())].into_iter());
    layers.set("PORTCULLIS_BIND".into(), "127.0.0.1:3".into(), "command line");
    assert_eq!(build::build(layers).unwrap().bind.port(), 3);
}

#[test]
fn toml_keys_map_to_environment_names() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.toml");
    std::fs::write(&path, "bind = \"127.0.0.1:9\"\npassword_min_length = 5\ndev = true\n").unwrap();
    let mut layers = Layers::default();
    layers.add_toml_file(&path).unwrap();
    let s = build::build(layers).unwrap();
    assert_eq!(s.bind.port(), 9);
    assert_eq!(s.password_policy.min_length, 5);
    assert!(s.dev);
}

#[test]
fn the_readme_table_is_the_settings_table() {
    let readme = include_str!("../../README.md");
    let start = readme.find("<!-- settings:begin -->\n").expect("README marks its settings table");
    let end = readme.find("<!-- settings:end -->").expect("README marks its settings table");
    let listed = &readme[start + "<!-- settings:begin -->\n".len()..end];
    assert_eq!(
        listed,
        table::markdown(),
        "README.md's settings table is out of date: paste `portcullis config --markdown`"
    );
}

#[test]
fn explain_names_every_setting_and_masks_secrets() {
    let s = Settings::from_map([
        ("PORTCULLIS_JWT_SECRET", "0123456789abcdef0123456789abcdef-secret"),
        ("PORTCULLIS_DATABASE_URL", "postgres://u:hunter2@h/db"),
    ])
    .unwrap();
    let text = s.explain();
    for setting in table::SETTINGS {
        assert!(text.contains(setting.name), "{} missing", setting.name);
    }
    assert!(!text.contains("-secret") && !text.contains("hunter2"), "{text}");
    assert!(text.contains("postgres://u:***@h/db  (settings)"), "{text}");
    assert!(text.contains("PORTCULLIS_JWT_SECRET"));
    assert!(
        text.lines()
            .any(|l| l.starts_with("PORTCULLIS_ACCESS_TOKEN_TTL") && l.contains("15m  (default)")),
        "{text}"
    );
}

#[test]
fn loading_warnings_wait_for_the_caller() {
    let s = Settings::from_map([("PORTCULLIS_ARGON2_MEMORY_KIB", "512")]).unwrap();
    assert_eq!(s.warnings.len(), 1, "{:?}", s.warnings);
    assert!(s.warnings[0].contains("PORTCULLIS_ARGON2_MEMORY_KIB"));
}

#[test]
fn an_unknown_setting_suggests_the_nearest_known_name() {
    let err = Settings::from_map([("PORTCULLIS_DEVV", "true")]).unwrap_err().to_string();
    assert!(err.contains("did you mean PORTCULLIS_DEV?"), "{err}");
    let err = Settings::from_map([("PORTCULLIS_RATE_LIMIT_PER_MINUTES", "5")]).unwrap_err();
    assert!(err.to_string().contains("did you mean PORTCULLIS_RATE_LIMIT_PER_MINUTE?"), "{err}");
    // Nothing close: no guess.
    let err = Settings::from_map([("PORTCULLIS_QUUX", "1")]).unwrap_err().to_string();
    assert!(!err.contains("did you mean"), "{err}");
    assert_eq!(table::nearest("PORTCULLIS_PUBLIC_ULR"), Some("PORTCULLIS_PUBLIC_URL"));
}

#[test]
fn a_config_file_is_named_as_given() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.toml");
    std::fs::write(&path, "bnd = \"127.0.0.1:9\"\n").unwrap();
    let mut layers = Layers::default();
    layers.add_toml_file(&path).unwrap();
    let err = build::build(layers).unwrap_err().to_string();
    assert!(err.contains("t.toml") && !err.contains("portcullis.toml"), "{err}");
    assert!(err.contains("did you mean PORTCULLIS_BIND?"), "{err}");
}

#[test]
fn localhost_is_a_bind_address() {
    let s = Settings::from_map([
        ("PORTCULLIS_BIND", "localhost:18090"),
        ("PORTCULLIS_METRICS_BIND", "localhost:9464"),
        ("PORTCULLIS_ADMIN_BIND", "localhost:9470"),
    ])
    .unwrap();
    assert_eq!(s.bind.to_string(), "127.0.0.1:18090");
    assert_eq!(s.metrics_bind.unwrap().to_string(), "127.0.0.1:9464");
    assert_eq!(s.admin_bind.unwrap().to_string(), "127.0.0.1:9470");
    assert_eq!(s.public_url, "http://127.0.0.1:18090");
    for bad in ["localhost", "nowhere.invalid:80", "127.0.0.1:99999", ":8080"] {
        let err = Settings::from_map([("PORTCULLIS_BIND", bad)]).unwrap_err().to_string();
        assert!(err.contains("PORTCULLIS_BIND") && err.contains("HOST:PORT"), "{bad}: {err}");
    }
}

#[test]
fn explain_shows_values_as_they_were_read() {
    let s = Settings::from_map([
        ("PORTCULLIS_PAGES", "yes"),
        ("PORTCULLIS_DEV", "On"),
        ("PORTCULLIS_DIALECTS", " root , alx "),
        ("PORTCULLIS_HASH_QUEUE", " 32 "),
    ])
    .unwrap();
    let text = s.explain();
    let line = |name: &str| {
        text.lines()
            .find(|l| l.split_whitespace().next() == Some(name))
            .unwrap_or_else(|| panic!("{name} missing: {text}"))
            .split_whitespace()
            .skip(1)
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(line("PORTCULLIS_PAGES"), "true (settings)");
    assert_eq!(line("PORTCULLIS_DEV"), "true (settings)");
    assert_eq!(line("PORTCULLIS_DIALECTS"), "root,alx (settings)");
    assert_eq!(line("PORTCULLIS_HASH_QUEUE"), "32 (settings)");
    assert_eq!(line("PORTCULLIS_CORS_ORIGINS"), "empty (default)");
    assert_eq!(line("PORTCULLIS_TRUST_PROXY"), "false (default)");
}
