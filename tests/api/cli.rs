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
