//! `portcullis db copy` and `db backup` (docs/backup-and-moving.md): a database moved from
//! SQLite to each backend and back keeps everyone signed in; refusals change nothing; the
//! verification finds a changed row; a backup restores; no password is printed.

use std::process::{Command, Output, Stdio};

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::backends;
use crate::helpers::{fresh_database, Db, Login, TestApp, PASSWORD};
use crate::mfa::{enrol_for, now, totp_at};
use crate::provider::{register, spec, token, Rp};

backends!(
    users_signed_in_before_a_copy_stay_signed_in_after_it,
    a_copy_into_a_database_with_rows_is_refused_and_changes_nothing,
    a_copy_onto_its_own_source_is_refused,
    a_changed_row_in_the_copy_is_found_by_verify_only,
    a_backup_restores_into_every_database,
);

/// The settings both servers share, as a real move would: the key sealing TOTP secrets and
/// private signing keys, and no grace for a reused refresh token (so reuse is seen at once).
const CONFIG: &[(&str, &str)] = &[
    (
        "PORTCULLIS_KEY_ENCRYPTION_KEY",
        "8c1f0e3a5b7d9f11223344556677889900aabbccddeeff0011223344556677aa",
    ),
    ("PORTCULLIS_REFRESH_REUSE_GRACE", "0s"),
];

/// `portcullis ARGS` with `env` (and nothing else of the test's environment but PATH).
async fn portcullis(args: &[&str], env: &[(&str, &str)]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_portcullis"));
    cmd.args(args).current_dir(dir.path()).env_clear();
    if let Ok(path) = std::env::var("PATH") {
        cmd.env("PATH", path);
    }
    cmd.envs(env.iter().copied()).env("PORTCULLIS_LOG", "warn");
    tokio::task::spawn_blocking(move || {
        let out = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).output().unwrap();
        drop(dir);
        out
    })
    .await
    .unwrap()
}

fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `db copy --from FROM --to TO`, which must succeed; its standard output and error.
async fn copy(from: &str, to: &str) -> (String, String) {
    let out =
        portcullis(&["db", "copy", "--from", from, "--to", to, "--batch-size", "2"], &[]).await;
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "db copy failed:\n{stdout}\n{stderr}");
    (stdout, stderr)
}

/// What a source server holds: a verified user signed in three ways, a user with TOTP, an
/// admin API key, a confidential client with a secret, and an organisation.
struct Filled {
    login: Login,
    totp_secret: Vec<u8>,
    api_key: String,
    rp: Rp,
}

const MFA_EMAIL: &str = "second@example.com";

async fn fill(app: &TestApp) -> Filled {
    let login = app.user("moved@example.com").await;
    let mfa = app.user(MFA_EMAIL).await;
    let totp_secret = enrol_for(app, &mfa).await;
    let api_key = app.auth.create_api_key("moved", &["users:read".into()]).await.unwrap().1;
    let rp = register(app, spec("moved-rp")).await;
    let res = app
        .bearer(Method::POST, "/api/auth/organizations", &login.access_token)
        .json(&json!({"name": "Moved Org"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED, "{}", res.text().await.unwrap());
    Filled { login, totp_secret, api_key, rp }
}

/// Everything `fill` made still works on `app`, without spending anything.
async fn still_works(app: &TestApp, f: &Filled) {
    assert_eq!(app.user_status_cookie(&f.login.cookie).await, StatusCode::OK, "cookie session");
    assert_eq!(app.user_status_bearer(&f.login.access_token).await, StatusCode::OK, "bearer JWT");
    let user = app.current_user(&f.login.access_token).await;
    assert_eq!(user["email"], "moved@example.com");
    let res = app.bearer(Method::GET, "/api/admin/users", &f.api_key).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK, "the admin API key");
    let body: Value = res.json().await.unwrap();
    assert!(body.to_string().contains(MFA_EMAIL), "{body}");
    let cc = [("grant_type", "client_credentials"), ("scope", "api.read")];
    let (status, body) = token(app, &f.rp, &cc).await;
    assert_eq!(status, StatusCode::OK, "the client secret: {body}");
    let orgs = app.get_json_bearer("/api/auth/organizations", &f.login).await;
    assert!(orgs.to_string().contains("Moved Org"), "{orgs}");
    let res =
        app.post_json("/api/auth/login", json!({"email": MFA_EMAIL, "password": PASSWORD})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["mfa_required"], true, "TOTP is still required: {body}");
}

async fn refresh(app: &TestApp, token: &str) -> reqwest::Response {
    app.post_json("/api/auth/refresh", json!({"refresh_token": token})).await
}

/// The same settings as `app`'s, as a server that takes its place would have: [`CONFIG`] and
/// its public URL (the issuer of its tokens).
fn same_config(app: &TestApp) -> Vec<(&str, &str)> {
    let mut all = CONFIG.to_vec();
    all.push(("PORTCULLIS_PUBLIC_URL", app.public.as_str()));
    all
}

/// SQLite -> `db` -> SQLite again, each hop by `db copy` with a server on the copy.
async fn users_signed_in_before_a_copy_stay_signed_in_after_it(db: Db) {
    let source = TestApp::spawn_with(Db::Sqlite, CONFIG).await;
    let f = fill(&source).await;
    let sqlite_rows = source.auth.users().await.unwrap().len();
    assert_eq!(sqlite_rows, 2);

    let dir = tempfile::tempdir().unwrap();
    let middle_url = fresh_database(db, &dir).await;
    let (stdout, stderr) = copy(&source.database_url, &middle_url).await;
    assert!(stderr.contains("users: 2/2"), "progress per table: {stderr}");
    assert!(stdout.contains("every table verified"), "{stdout}");
    let users_line = stdout.lines().find(|l| l.starts_with("users ")).unwrap();
    assert!(users_line.ends_with(" ok") && users_line.contains(" 2 "), "{users_line}");

    let middle = TestApp::on_database(db, middle_url.clone(), &same_config(&source)).await;
    still_works(&middle, &f).await;
    // The refresh token rotates on the copy.
    let res = refresh(&middle, &f.login.refresh_token).await;
    assert_eq!(res.status(), StatusCode::OK);
    let next = res.json::<Value>().await.unwrap()["refresh_token"].as_str().unwrap().to_owned();

    // And back to SQLite, with the server on `db` still running: the copy reads a snapshot.
    let back_dir = tempfile::tempdir().unwrap();
    let back_url = format!("sqlite://{}/back.db", back_dir.path().display());
    copy(&middle_url, &back_url).await;
    let back = TestApp::on_database(Db::Sqlite, back_url, &same_config(&source)).await;
    still_works(&back, &f).await;
    // The spent token stays spent (reusing it ends the session), the newest one works.
    let res = refresh(&back, &next).await;
    assert_eq!(res.status(), StatusCode::OK, "the newest refresh token");
    let newest = res.json::<Value>().await.unwrap()["refresh_token"].as_str().unwrap().to_owned();
    let res = refresh(&back, &f.login.refresh_token).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "a token spent before the copies");
    assert_eq!(refresh(&back, &newest).await.status(), StatusCode::UNAUTHORIZED, "reuse detected");
    assert_eq!(back.user_status_cookie(&f.login.cookie).await, StatusCode::UNAUTHORIZED);
    // The TOTP secret was unsealed with the same key: a code for the next step completes a
    // login (the step of the enrolment is spent, on every copy).
    let res =
        back.post_json("/api/auth/login", json!({"email": MFA_EMAIL, "password": PASSWORD})).await;
    let mfa_token = res.json::<Value>().await.unwrap()["mfa_token"].as_str().unwrap().to_owned();
    let code = totp_at(&f.totp_secret, now() + 30);
    let res =
        back.post_json("/api/auth/mfa/verify", json!({"mfa_token": mfa_token, "code": code})).await;
    assert_eq!(res.status(), StatusCode::OK, "{}", res.text().await.unwrap());
}

async fn a_copy_into_a_database_with_rows_is_refused_and_changes_nothing(db: Db) {
    let source = TestApp::spawn(Db::Sqlite).await;
    source.user("new@example.com").await;
    let target = TestApp::spawn(db).await;
    target.user("already@example.com").await;
    let before = target.auth.users().await.unwrap();

    let args = ["db", "copy", "--from", &source.database_url, "--to", &target.database_url];
    let out = portcullis(&args, &[]).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    assert!(stderr.contains("is not empty (rows in"), "{stderr}");
    assert!(stderr.contains("users"), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "one line: {stderr}");
    let after = target.auth.users().await.unwrap();
    let emails =
        |v: &[portcullis::domain::User]| v.iter().map(|u| u.email.clone()).collect::<Vec<_>>();
    assert_eq!(emails(&after), emails(&before));
    assert_eq!(emails(&after), ["already@example.com"]);
}

async fn a_copy_onto_its_own_source_is_refused(db: Db) {
    let app = TestApp::spawn(db).await;
    app.user("self@example.com").await;
    let url = app.database_url.clone();
    // The same database spelled another way, where there is one.
    let other = match db {
        Db::Sqlite => url.replace("/portcullis.db", "/./portcullis.db"),
        _ => url.clone(),
    };
    for to in [&url, &other] {
        let out = portcullis(&["db", "copy", "--from", &url, "--to", to], &[]).await;
        let (stdout, stderr) = text(&out);
        assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
        assert!(stderr.contains("are the same database"), "{stderr}");
    }
    assert_eq!(app.auth.users().await.unwrap().len(), 1);
}

async fn a_changed_row_in_the_copy_is_found_by_verify_only(db: Db) {
    let source = TestApp::spawn(Db::Sqlite).await;
    source.user("a@example.com").await;
    source.user("b@example.com").await;
    let dir = tempfile::tempdir().unwrap();
    let target_url = fresh_database(db, &dir).await;
    copy(&source.database_url, &target_url).await;

    let verify =
        ["db", "copy", "--verify-only", "--from", &source.database_url, "--to", &target_url];
    let out = portcullis(&verify, &[]).await;
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(stdout.contains("are the same in"), "{stdout}");

    let target = TestApp::on_database(db, target_url.clone(), &[]).await;
    sqlx::query("UPDATE users SET username = 'changed' WHERE email = 'b@example.com'")
        .execute(target.auth.store().pool())
        .await
        .unwrap();
    let out = portcullis(&verify, &[]).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    let users_line = stdout.lines().find(|l| l.starts_with("users ")).unwrap();
    assert!(users_line.ends_with("DIFFERS"), "{stdout}");
    let sessions_line = stdout.lines().find(|l| l.starts_with("sessions ")).unwrap();
    assert!(sessions_line.ends_with(" ok"), "{stdout}");
    assert!(stderr.contains("verification failed: users differ"), "{stderr}");
}

async fn a_backup_restores_into_every_database(db: Db) {
    let source = TestApp::spawn_with(Db::Sqlite, CONFIG).await;
    let login = source.user("kept@example.com").await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("backup.sqlite3");
    let file_arg = file.to_str().unwrap();
    // From the configured database.
    let env = [("PORTCULLIS_DATABASE_URL", source.database_url.as_str())];
    let out = portcullis(&["db", "backup", "--to", file_arg], &env).await;
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(stdout.contains("every table verified"), "{stdout}");
    assert!(file.exists());
    assert!(!dir.path().join("backup.sqlite3-wal").exists(), "one self-contained file");

    let again =
        portcullis(&["db", "backup", "--to", file_arg, "--from", &source.database_url], &[]).await;
    let (_, stderr) = text(&again);
    assert_eq!(again.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("already exists"), "{stderr}");

    let restore_dir = tempfile::tempdir().unwrap();
    let restored_url = fresh_database(db, &restore_dir).await;
    copy(&format!("sqlite://{file_arg}"), &restored_url).await;
    let restored = TestApp::on_database(db, restored_url, &same_config(&source)).await;
    assert_eq!(restored.user_status_cookie(&login.cookie).await, StatusCode::OK);
    assert_eq!(restored.user_status_bearer(&login.access_token).await, StatusCode::OK);
}

/// A PostgreSQL URL with a password (the test server trusts every connection, so any password
/// does): it is masked wherever the URL is printed, on success and on a refusal.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_database_password_is_printed() {
    if !crate::helpers::enabled(Db::Postgres) {
        return;
    }
    let source = TestApp::spawn(Db::Sqlite).await;
    source.user("masked@example.com").await;
    let dir = tempfile::tempdir().unwrap();
    let plain = url::Url::parse(&fresh_database(Db::Postgres, &dir).await).unwrap();
    let mut in_authority = plain.clone();
    in_authority.set_password(Some("pw-s3cr3t-4417")).unwrap();
    let mut in_query = plain.clone();
    in_query.query_pairs_mut().append_pair("password", "pw-s3cr3t-4417");
    // The second time the target has rows: refused, and the refusal names the URL.
    for (url, expect_ok) in [(in_authority.to_string(), true), (in_query.to_string(), false)] {
        let out =
            portcullis(&["db", "copy", "--from", &source.database_url, "--to", &url], &[]).await;
        let (stdout, stderr) = text(&out);
        assert_eq!(out.status.success(), expect_ok, "{stdout}{stderr}");
        let all = format!("{stdout}{stderr}");
        assert!(all.contains("***"), "the URL is shown, masked: {all}");
        assert!(!all.contains("s3cr3t"), "{all}");
    }
}

/// A source whose migrations are behind this binary's is refused (migrate it first), and so is
/// one migrated by a newer binary; nothing is written.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_source_at_another_version_is_refused() {
    for (change, says) in [
        (
            "DELETE FROM _sqlx_migrations \
             WHERE version = (SELECT MAX(version) FROM _sqlx_migrations)",
            "run `portcullis migrate` on the source first",
        ),
        (
            "INSERT INTO _sqlx_migrations \
             (version, description, success, checksum, execution_time) \
             SELECT 99999, 'from the future', 1, checksum, 0 FROM _sqlx_migrations LIMIT 1",
            "was migrated by a newer Portcullis",
        ),
    ] {
        let source = TestApp::spawn(Db::Sqlite).await;
        source.user("old@example.com").await;
        sqlx::query(change).execute(source.auth.store().pool()).await.unwrap();
        let dir = tempfile::tempdir().unwrap();
        let copy_url = format!("sqlite://{}/copy.db", dir.path().display());
        let args = ["db", "copy", "--from", &source.database_url, "--to", &copy_url];
        let out = portcullis(&args, &[]).await;
        let (stdout, stderr) = text(&out);
        assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
        assert!(stderr.contains(says), "{stderr}");
        assert!(!dir.path().join("copy.db").exists(), "nothing written");
    }
}

/// A source SQLite file that is not there is named, and not made.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_source_file_is_refused_and_not_made() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("typo.db");
    let from = format!("sqlite://{}", missing.display());
    let to = format!("sqlite://{}/copy.db", dir.path().display());
    let out = portcullis(&["db", "copy", "--from", &from, "--to", &to], &[]).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    assert!(stderr.contains("does not exist"), "{stderr}");
    assert!(!missing.exists() && !dir.path().join("copy.db").exists());
}

/// PostgreSQL: a `serial` column's sequence is moved past the rows a copy wrote with their own
/// ids, so the next row the database numbers does not collide. (No table of ours has one
/// today; a table of this test's stands in.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sequence_is_moved_past_the_copied_rows() {
    if !crate::helpers::enabled(Db::Postgres) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let url = portcullis::config::DatabaseUrl::new(fresh_database(Db::Postgres, &dir).await);
    let store = portcullis::store::Store::connect(&url).await.unwrap();
    store.migrate().await.unwrap();
    let pool = store.pool();
    sqlx::query("CREATE TABLE numbered (id BIGSERIAL PRIMARY KEY, v TEXT)")
        .execute(pool)
        .await
        .unwrap();
    sqlx::query("INSERT INTO numbered (id, v) VALUES (1, 'a'), (7, 'b')")
        .execute(pool)
        .await
        .unwrap();
    let schema = store.schema().await.unwrap();
    let moved = store.fix_sequences(&schema).await.unwrap();
    assert_eq!(moved, ["public.numbered_id_seq"]);
    let id: i64 = sqlx::query_scalar("INSERT INTO numbered (v) VALUES ('c') RETURNING id")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(id, 8);
    store.close().await;
}
