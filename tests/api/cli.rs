//! The command line as an operator reads it: its log lines on every database.

use std::process::{Command, Stdio};

use crate::backends;
use crate::helpers::{Db, TestApp};

backends!(a_command_logs_plain_text_and_no_database_notices);

/// `portcullis migrate` on a database already migrated (the server did it), its standard error
/// going to a pipe as it would to a file or journald: the one warning it has, in plain text,
/// and nothing from the database itself (PostgreSQL says "relation `_sqlx_migrations` already
/// exists, skipping" when asked to create the table again).
async fn a_command_logs_plain_text_and_no_database_notices(db: Db) {
    let app = TestApp::spawn(db).await;
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_portcullis"));
    cmd.arg("migrate").current_dir(dir.path()).env_clear();
    if let Ok(path) = std::env::var("PATH") {
        cmd.env("PATH", path);
    }
    cmd.envs([
        ("PORTCULLIS_DATABASE_URL", app.database_url.as_str()),
        ("PORTCULLIS_LOG", "info"),
        // Too cheap for production: the command warns, so there is a line to look at.
        ("PORTCULLIS_ARGON2_MEMORY_KIB", "512"),
        ("PORTCULLIS_ARGON2_ITERATIONS", "1"),
    ]);
    let out = tokio::task::spawn_blocking(move || {
        cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).output().unwrap()
    })
    .await
    .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("PORTCULLIS_ARGON2_MEMORY_KIB is 512"), "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "colour codes in a log that is not a terminal: {stderr:?}");
    assert!(!stderr.contains("already exists"), "a database notice in the log: {stderr}");
}

/// PostgreSQL 15 and later: a user with every right on a database it does not own may not
/// create tables in its `public` schema. `migrate` says so, and what to do.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn migrating_as_a_user_that_does_not_own_the_database_says_to_make_it_the_owner() {
    if !crate::helpers::enabled(Db::Postgres) {
        return;
    }
    let admin_url = std::env::var("TEST_POSTGRES_URL").unwrap();
    sqlx::any::install_default_drivers();
    let mut admin = <sqlx::AnyConnection as sqlx::Connection>::connect(&admin_url).await.unwrap();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap();
    let name = format!("pct_{}_{}", now.as_secs(), uuid::Uuid::new_v4().simple());
    let version: String = sqlx::Row::get(
        &sqlx::query("SELECT current_setting('server_version_num') AS v")
            .fetch_one(&mut admin)
            .await
            .unwrap(),
        "v",
    );
    if version.parse::<u32>().unwrap_or(0) < 150_000 {
        eprintln!("skipping: PostgreSQL {version} still lets every user create in public");
        return;
    }
    for sql in [
        format!("CREATE ROLE {name} LOGIN PASSWORD 'not-the-owner-pw'"),
        format!("CREATE DATABASE {name}"),
        format!("GRANT ALL ON DATABASE {name} TO {name}"),
    ] {
        sqlx::query(&sql).execute(&mut admin).await.unwrap();
    }
    let mut url = url::Url::parse(&admin_url).unwrap();
    url.set_username(&name).unwrap();
    url.set_password(Some("not-the-owner-pw")).unwrap();
    url.set_path(&name);
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_portcullis"));
    cmd.arg("migrate").current_dir(dir.path()).env_clear();
    cmd.env("PORTCULLIS_DATABASE_URL", url.as_str());
    let out = tokio::task::spawn_blocking(move || cmd.output().unwrap()).await.unwrap();
    for sql in [format!("DROP DATABASE {name}"), format!("DROP ROLE {name}")] {
        sqlx::query(&sql).execute(&mut admin).await.unwrap();
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(stderr.contains("permission denied for schema public"), "{stderr}");
    assert!(stderr.contains("must own the database: ALTER DATABASE"), "{stderr}");
    assert!(!stderr.contains("not-the-owner-pw"), "{stderr}");
}
