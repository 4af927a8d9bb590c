//! `portcullis import`: seed databases and CSV files, idempotent, with legacy hashes that work
//! at login and are replaced by Argon2id there.

use portcullis::import::{self, Format};
use portcullis::store::Audit;
use reqwest::StatusCode;
use serde_json::json;
use sqlx::{AnyConnection, Connection};

use crate::backends;
use crate::helpers::{enabled, Db, TestApp};

backends!(
    an_alx_database_imports_and_its_bcrypt_bytes_log_in_then_become_argon2id,
    flask_sqlalchemy_tables_import_with_werkzeug_and_bcrypt_hashes,
    csv_import_rejects_bad_rows_by_line_and_never_prints_a_hash,
    a_stored_hash_with_an_absurd_cost_fails_fast_instead_of_stalling,
    argon2id_hashes_over_the_cost_bound_are_refused_at_import,
);

// Made by Python bcrypt 4 and Werkzeug 3.1.
const BCRYPT_B4L0U: &str = "$2b$04$CWyxQvcSJNYaXK0apjN2xO0LLRHGSMzNQvbIHT9SShx9XYbOyRu0C";
const BCRYPT_CHB: &str = "$2b$04$tI7MeA45PJd97SlefsJz2uoSroEfMTsklxlQHwGvFu14DX4vr1Lvi";
const PBKDF2_CHB: &str = "pbkdf2:sha512:1000$tZNlV2u24bG4kiEQ$f8a7eeff73173afb3c6549110de0118c6f33a8c5133207b060ede522ed237a9f4a2ecdcef2cde519a3d0be795408da1bacbd96c0ecfd094db8f23de53a6a29af";
const SCRYPT_CHB: &str = "scrypt:32768:8:1$Rc0Plm4wckdzz70S$60819a520d833f8942c2f6806b2cf46764d370e3e5a4e94a8285a9a11a620f1cdde3a6244431963c8a2170bdbe0edd8f72d8baab9c4478678b484adb87b9e012";
const CHB: &str = "correct horse battery";

async fn sqlite_source(
    dir: &tempfile::TempDir,
    schema: &str,
    rows: &[&str],
    binds: &[Vec<Vec<u8>>],
) -> String {
    let url = format!("sqlite://{}/seed.db?mode=rwc", dir.path().display());
    sqlx::any::install_default_drivers();
    let mut conn = AnyConnection::connect(&url).await.unwrap();
    sqlx::query(schema).execute(&mut conn).await.unwrap();
    for (sql, values) in rows.iter().zip(binds) {
        let mut q = sqlx::query(sql);
        for v in values {
            q = q.bind(v.clone());
        }
        q.execute(&mut conn).await.unwrap();
    }
    url
}

async fn stored_hash(app: &TestApp, email: &str) -> String {
    app.auth.store().user_by_email(email).await.unwrap().unwrap().password_hash
}

async fn an_alx_database_imports_and_its_bcrypt_bytes_log_in_then_become_argon2id(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_PASSWORD_MIN_LENGTH", "5")]).await;
    let dir = tempfile::tempdir().unwrap();
    // Seed 004's schema; SQLAlchemy stored bcrypt's bytes in a BLOB-typed column.
    let src = sqlite_source(
        &dir,
        "CREATE TABLE users (id INTEGER PRIMARY KEY, email VARCHAR(250) NOT NULL, \
         hashed_password BLOB NOT NULL, session_id VARCHAR(250), reset_token VARCHAR(250))",
        &[
            "INSERT INTO users (email, hashed_password) VALUES ($1, $2)",
            "INSERT INTO users (email, hashed_password) VALUES ($1, $2)",
        ],
        &[
            vec![b"guillaume@holberton.io".to_vec(), BCRYPT_B4L0U.as_bytes().to_vec()],
            vec![b"bob@holberton.io".to_vec(), BCRYPT_CHB.as_bytes().to_vec()],
        ],
    )
    .await;
    let report = import::run(app.auth.store(), &src, Format::Alx, false).await.unwrap();
    assert_eq!((report.imported, report.skipped, report.rejected.len()), (2, 0, 0), "{report}");

    let res = app
        .post_form("/sessions", &[("email", "guillaume@holberton.io"), ("password", "b4l0u")])
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let upgraded = stored_hash(&app, "guillaume@holberton.io").await;
    assert!(upgraded.starts_with("$argon2id$"), "replaced at the first login");
    // The new hash works, the old password still logs in, a wrong one does not.
    let res = app
        .post_json(
            "/api/auth/login",
            json!({"email": "guillaume@holberton.io", "password": "b4l0u"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = app
        .post_json("/api/auth/login", json!({"email": "bob@holberton.io", "password": "b4l0u"}))
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        stored_hash(&app, "bob@holberton.io").await,
        BCRYPT_CHB,
        "a failed login changes nothing"
    );

    let again = import::run(app.auth.store(), &src, Format::Alx, false).await.unwrap();
    assert_eq!((again.imported, again.skipped), (0, 2), "idempotent: {again}");
}

async fn flask_sqlalchemy_tables_import_with_werkzeug_and_bcrypt_hashes(db: Db) {
    let app = TestApp::spawn(db).await;
    let dir = tempfile::tempdir().unwrap();
    let src = sqlite_source(
        &dir,
        "CREATE TABLE user (id INTEGER PRIMARY KEY, username VARCHAR(80) UNIQUE NOT NULL, \
         email VARCHAR(120) UNIQUE NOT NULL, password_hash VARCHAR(256) NOT NULL)",
        &[
            "INSERT INTO user (username, email, password_hash) VALUES ($1, $2, $3)",
            "INSERT INTO user (username, email, password_hash) VALUES ($1, $2, $3)",
            "INSERT INTO user (username, email, password_hash) VALUES ($1, $2, $3)",
        ],
        &[
            vec![b"pat".to_vec(), b"pat@example.com".to_vec(), PBKDF2_CHB.as_bytes().to_vec()],
            vec![b"sam".to_vec(), b"sam@example.com".to_vec(), SCRYPT_CHB.as_bytes().to_vec()],
            vec![
                b"has space".to_vec(),
                b"kim@example.com".to_vec(),
                BCRYPT_CHB.as_bytes().to_vec(),
            ],
        ],
    )
    .await;
    let report = import::run(app.auth.store(), &src, Format::FlaskSqlalchemy, true).await.unwrap();
    assert_eq!(report.imported, 3, "{report}");
    assert_eq!(report.notes.len(), 1, "the invalid username is dropped and said so: {report}");
    // Seed 002 logs in by username.
    let res = app.post_json("/login", json!({"username": "pat", "password": CHB})).await;
    assert_eq!(res.status(), StatusCode::OK);
    app.login("sam@example.com", CHB).await;
    app.login("kim@example.com", CHB).await;
    for email in ["pat@example.com", "sam@example.com", "kim@example.com"] {
        assert!(stored_hash(&app, email).await.starts_with("$argon2id$"), "{email}");
    }
    let user = app.auth.store().user_by_email("pat@example.com").await.unwrap().unwrap().user;
    assert!(user.email_verified, "--verified marks imported addresses verified");

    // Seed 000/002 on MySQL: a `users` table with a `password` column.
    if enabled(Db::MySql) {
        let server = std::env::var("TEST_MYSQL_URL").unwrap();
        let mut admin = AnyConnection::connect(&server).await.unwrap();
        let name = format!("pct_src_{}", uuid::Uuid::new_v4().simple());
        sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut admin).await.unwrap();
        let url = format!("{}/{name}", server.rsplit_once('/').unwrap().0);
        let mut conn = AnyConnection::connect(&url).await.unwrap();
        sqlx::query(
            "CREATE TABLE users (id INT AUTO_INCREMENT PRIMARY KEY, username VARCHAR(80), \
                     email VARCHAR(120), password VARCHAR(255))",
        )
        .execute(&mut conn)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO users (username, email, password) VALUES ('myuser', 'my@example.com', ?)",
        )
        .bind(PBKDF2_CHB)
        .execute(&mut conn)
        .await
        .unwrap();
        let report =
            import::run(app.auth.store(), &url, Format::FlaskSqlalchemy, false).await.unwrap();
        assert_eq!(report.imported, 1, "{report}");
        app.login("my@example.com", CHB).await;
        sqlx::query(&format!("DROP DATABASE {name}")).execute(&mut admin).await.unwrap();
    }
}

async fn csv_import_rejects_bad_rows_by_line_and_never_prints_a_hash(db: Db) {
    let app = TestApp::spawn(db).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("users.csv");
    let unknown = "md5$0123456789abcdef$deadbeef";
    let absurd = "pbkdf2:sha256:1000000000$salt$00ff";
    std::fs::write(
        &path,
        format!(
            "email,username,password_hash,email_verified\n\
             ana@example.com,ana,{PBKDF2_CHB},true\n\
             bad@example.com,bad,{unknown},false\n\
             worse@example.com,,{absurd},\n\
             not-an-email,x,{BCRYPT_CHB},\n\
             ben@example.com,,{BCRYPT_CHB},\n"
        ),
    )
    .unwrap();
    let report =
        import::run(app.auth.store(), path.to_str().unwrap(), Format::Csv, false).await.unwrap();
    assert_eq!(report.imported, 2, "{report}");
    assert_eq!(report.rejected.len(), 3, "{report}");
    assert!(
        report.rejected[0].starts_with("line 3 (bad@example.com): unknown password hash format"),
        "{report}"
    );
    assert!(
        report.rejected[1].contains("line 4") && report.rejected[1].contains("out of bounds"),
        "{report}"
    );
    assert!(report.rejected[2].contains("line 5"), "{report}");
    let printed = report.to_string();
    for h in [PBKDF2_CHB, unknown, absurd, BCRYPT_CHB, "deadbeef", "tZNlV2u24bG4kiEQ"] {
        assert!(!printed.contains(h), "the report shows a hash: {printed}");
    }
    assert!(
        app.auth
            .store()
            .user_by_email("ana@example.com")
            .await
            .unwrap()
            .unwrap()
            .user
            .email_verified
    );
    assert!(
        !app.auth
            .store()
            .user_by_email("ben@example.com")
            .await
            .unwrap()
            .unwrap()
            .user
            .email_verified
    );
    app.login("ben@example.com", CHB).await;
    let again =
        import::run(app.auth.store(), path.to_str().unwrap(), Format::Csv, false).await.unwrap();
    assert_eq!((again.imported, again.skipped), (0, 2), "{again}");
}

async fn a_stored_hash_with_an_absurd_cost_fails_fast_instead_of_stalling(db: Db) {
    let app = TestApp::spawn(db).await;
    let new = portcullis::store::NewUser {
        id: uuid::Uuid::now_v7().to_string(),
        email: "evil@example.com".into(),
        email_key: "evil@example.com".into(),
        username: None,
        username_key: None,
        username_skeleton: None,
        password_hash: "pbkdf2:sha256:1000000000$salt$00ff".into(),
        email_verified: true,
        now: portcullis::clock::now_ms(),
        locale: None,
    };
    app.auth.store().insert_user(&new, None, &mut Audit::none()).await.unwrap().unwrap();
    // 10^9 iterations would hold a core for minutes; the bound refuses it before any work.
    let res = app
        .post_json("/api/auth/login", json!({"email": "evil@example.com", "password": "whatever1"}))
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

/// The command line end to end, as an operator runs it.
#[tokio::test]
async fn the_import_command_reports_counts_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("u.csv");
    std::fs::write(&csv, format!("email,username,password_hash\nz@example.com,zed,{BCRYPT_CHB}\n"))
        .unwrap();
    let db = format!("sqlite://{}/p.db", dir.path().display());
    let run = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_portcullis"))
            .args(["import", "--from", csv.to_str().unwrap(), "--format", "csv"])
            .env("PORTCULLIS_DATABASE_URL", &db)
            .env("PORTCULLIS_LOG", "warn")
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    let first = run();
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let out = String::from_utf8_lossy(&first.stdout);
    assert!(out.contains("imported 1, skipped 0 already present, rejected 0"), "{out}");
    assert!(!out.contains(BCRYPT_CHB));
    let second = run();
    let out = String::from_utf8_lossy(&second.stdout);
    assert!(out.contains("imported 0, skipped 1 already present"), "{out}");
}

async fn argon2id_hashes_over_the_cost_bound_are_refused_at_import(db: Db) {
    let app = TestApp::spawn(db).await;
    // A real hash within the bound (made here), and two claiming costs past it: their
    // parameters are read, never run. (PHC strings hold commas: CSV fields are quoted.)
    let cheap =
        portcullis::config::Argon2Params { memory_kib: 1024, iterations: 1, parallelism: 1 };
    let hasher = portcullis::auth::Hasher::new(cheap, 1, 1).unwrap();
    let good = hasher.hash(&portcullis::domain::Password::normalize(CHB).unwrap()).await.unwrap();
    let tail = "$c2FsdHNhbHRzYWx0c2FsdA$YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXphYmNkZWY";
    let huge_memory = format!("$argon2id$v=19$m=524288,t=2,p=1{tail}");
    let many_passes = format!("$argon2id$v=19$m=19456,t=11,p=1{tail}");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("users.csv");
    std::fs::write(
        &path,
        format!(
            "email,username,password_hash\n\
             fine@example.com,,\"{good}\"\n\
             memory@example.com,,\"{huge_memory}\"\n\
             passes@example.com,,\"{many_passes}\"\n"
        ),
    )
    .unwrap();
    let report =
        import::run(app.auth.store(), path.to_str().unwrap(), Format::Csv, false).await.unwrap();
    assert_eq!(report.imported, 1, "{report}");
    assert_eq!(report.rejected.len(), 2, "{report}");
    for (line, email) in [("line 3", "memory@example.com"), ("line 4", "passes@example.com")] {
        let row = report.rejected.iter().find(|r| r.contains(email)).expect(email);
        assert!(row.starts_with(line) && row.contains("out of bounds"), "{report}");
    }
    assert!(!report.to_string().contains("c2FsdHNhbHRz"), "no hash printed");
    app.login("fine@example.com", CHB).await;
}
