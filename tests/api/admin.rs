//! The administration command line (CONTRACTS section 6), run as an operator runs it: the real
//! binary against the database of a running server.

use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::backends;
use crate::helpers::{Db, TestApp};

backends!(each_admin_command_does_what_it_says_and_is_audited);

const ADMIN_PASSWORD: &str = "an operator's long secret";

/// Runs `portcullis ARGS` against `app`'s database with `stdin`, in a directory of its own
/// (no stray `portcullis.toml` or `.env`).
async fn cli(app: &TestApp, args: &[&str], stdin: &str) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_portcullis"));
    cmd.args(args).current_dir(dir.path()).env_clear();
    if let Ok(path) = std::env::var("PATH") {
        cmd.env("PATH", path);
    }
    cmd.envs([
        ("PORTCULLIS_DATABASE_URL", app.database_url.as_str()),
        ("PORTCULLIS_LOG", "warn"),
        ("PORTCULLIS_ARGON2_MEMORY_KIB", "1024"),
        ("PORTCULLIS_ARGON2_ITERATIONS", "1"),
        ("USER", "ops-tester"),
    ]);
    let stdin = stdin.to_owned();
    tokio::task::spawn_blocking(move || {
        use std::io::Write;
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start portcullis");
        child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        drop(dir);
        out
    })
    .await
    .unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs a command that must succeed; its standard output.
async fn ok(app: &TestApp, args: &[&str], stdin: &str) -> String {
    let out = cli(app, args, stdin).await;
    assert!(out.status.success(), "{args:?}: {}{}", stdout(&out), stderr(&out));
    stdout(&out)
}

async fn login_status(app: &TestApp) -> StatusCode {
    app.post_json(
        "/api/auth/login",
        json!({"email": "ops@example.com", "password": ADMIN_PASSWORD}),
    )
    .await
    .status()
}

async fn jwks_kids(app: &TestApp) -> Vec<String> {
    let body: Value = app.get("/.well-known/jwks.json").await.json().await.unwrap();
    body["keys"].as_array().unwrap().iter().map(|k| k["kid"].as_str().unwrap().to_owned()).collect()
}

async fn each_admin_command_does_what_it_says_and_is_audited(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_KEY_RELOAD_INTERVAL", "200ms")]).await;

    // The password comes from standard input, never from an argument.
    let out = cli(&app, &["user", "add", "ops@example.com", ADMIN_PASSWORD], "").await;
    assert!(!out.status.success(), "a password argument is refused");
    let added = ok(
        &app,
        &["user", "add", "ops@example.com", "--username", "ops", "--verified"],
        &format!("{ADMIN_PASSWORD}\n"),
    )
    .await;
    assert!(added.starts_with("created user "), "{added}");
    assert!(added.contains("<ops@example.com>"), "{added}");
    assert!(!added.contains(ADMIN_PASSWORD));
    let list = ok(&app, &["user", "list"], "").await;
    let line = list.lines().find(|l| l.contains("ops@example.com")).expect("listed");
    assert!(line.contains("\tops\tactive\tverified"), "{line}");
    let weak = cli(&app, &["user", "add", "weak@example.com"], "short\n").await;
    assert!(!weak.status.success());
    assert!(stderr(&weak).contains("error:"), "{}", stderr(&weak));

    // revoke-sessions: cookie and token stop working at once on the running server.
    let first = app.login("ops@example.com", ADMIN_PASSWORD).await;
    let second = app.login("ops@example.com", ADMIN_PASSWORD).await;
    let revoked = ok(&app, &["user", "revoke-sessions", "ops@example.com"], "").await;
    assert!(revoked.starts_with("revoked 2 sessions of user "), "{revoked}");
    assert_eq!(app.user_status_bearer(&first.access_token).await, StatusCode::UNAUTHORIZED);
    assert_eq!(app.user_status_cookie(&second.cookie).await, StatusCode::UNAUTHORIZED);
    assert_eq!(login_status(&app).await, StatusCode::OK, "the account itself is fine");

    // disable: no login, no session; enable: back.
    let live = app.login("ops@example.com", ADMIN_PASSWORD).await;
    let disabled = ok(&app, &["user", "disable", "OPS@example.com"], "").await;
    assert!(disabled.starts_with("disabled user "), "{disabled}");
    assert!(disabled.contains("sessions ended"), "{disabled}");
    assert_eq!(app.user_status_bearer(&live.access_token).await, StatusCode::UNAUTHORIZED);
    assert_eq!(login_status(&app).await, StatusCode::UNAUTHORIZED);
    let list = ok(&app, &["user", "list"], "").await;
    assert!(list.contains("\tdisabled\t"), "{list}");
    let enabled = ok(&app, &["user", "enable", "ops@example.com"], "").await;
    assert!(enabled.starts_with("enabled user "), "{enabled}");
    assert_eq!(login_status(&app).await, StatusCode::OK);

    // keys rotate: a new key, the old one stays published; the server picks it up by itself.
    let before = jwks_kids(&app).await;
    assert_eq!(before.len(), 1);
    let rotated = ok(&app, &["keys", "rotate"], "").await;
    let kid = rotated
        .lines()
        .find_map(|l| l.strip_prefix("new signing key "))
        .expect("the new kid")
        .to_owned();
    assert!(!rotated.contains("retired key"), "the old key's tokens are still valid: {rotated}");
    let started = Instant::now();
    loop {
        let kids = jwks_kids(&app).await;
        if kids.contains(&kid) {
            assert!(kids.contains(&before[0]), "the old key stays: {kids:?}");
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "the server never saw {kid}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let fresh = app.login("ops@example.com", ADMIN_PASSWORD).await;
    let header = crate::keys::jwt_part(&fresh.access_token, 0);
    assert_eq!(header["kid"], kid.as_str(), "new tokens are signed with the new key");

    // delete: gone, with its sessions.
    let deleted = ok(&app, &["user", "delete", "ops@example.com"], "").await;
    assert!(deleted.starts_with("deleted user "), "{deleted}");
    assert_eq!(app.user_status_bearer(&fresh.access_token).await, StatusCode::UNAUTHORIZED);
    assert_eq!(login_status(&app).await, StatusCode::UNAUTHORIZED);
    assert!(!ok(&app, &["user", "list"], "").await.contains("ops@example.com"));

    // An unknown address is an error that says so, for every command that takes one.
    for command in ["disable", "enable", "delete", "revoke-sessions"] {
        let out = cli(&app, &["user", command, "nobody@example.com"], "").await;
        assert!(!out.status.success(), "{command}");
        assert!(stderr(&out).contains("No user has that email address"), "{}", stderr(&out));
    }

    let migrated = ok(&app, &["migrate"], "").await;
    assert!(migrated.starts_with("migrations applied to "), "{migrated}");

    // Every action is in the audit log, attributed to the operator.
    let audit = ok(&app, &["audit", "--since", "1h"], "").await;
    for event in [
        "admin_user_add",
        "admin_revoke_sessions",
        "admin_user_disable",
        "admin_user_enable",
        "admin_keys_rotate",
        "admin_user_delete",
        "admin_migrate",
    ] {
        let line = audit
            .lines()
            .find(|l| l.contains(&format!("\t{event}\t")))
            .unwrap_or_else(|| panic!("{event} not audited:\n{audit}"));
        assert!(line.contains("succeeded"), "{line}");
        assert!(line.contains("user ops-tester"), "{line}");
    }
    assert!(!audit.contains(ADMIN_PASSWORD));
}

/// `keys rotate` in HS256 mode has nothing to rotate and says why.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keys_rotate_explains_that_hs256_has_no_keys() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let dir = tempfile::tempdir().unwrap();
    let out = tokio::task::spawn_blocking({
        let url = app.database_url.clone();
        move || {
            Command::new(env!("CARGO_BIN_EXE_portcullis"))
                .args(["keys", "rotate"])
                .current_dir(dir.path())
                .env("PORTCULLIS_DATABASE_URL", url)
                .env("PORTCULLIS_JWT_SECRET", "0123456789abcdefghijklmnopqrstuvwxyz")
                .env("PORTCULLIS_LOG", "warn")
                .output()
                .unwrap()
        }
    })
    .await
    .unwrap();
    assert!(!out.status.success());
    assert!(stderr(&out).contains("PORTCULLIS_JWT_SECRET is set"), "{}", stderr(&out));
}
