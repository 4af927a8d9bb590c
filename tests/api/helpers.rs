//! The test harness: a real Portcullis on port 0 with a fresh database per test, on SQLite
//! always and on PostgreSQL / MariaDB when `TEST_POSTGRES_URL` / `TEST_MYSQL_URL` are set
//! (under `CI=true` they must be).

use std::sync::{Arc, Once};
use std::time::Duration;

use portcullis::service::Auth;
use portcullis::{App, Settings};
use reqwest::header::{HeaderMap, CONTENT_TYPE, COOKIE, SET_COOKIE};
use reqwest::{Response, StatusCode};
use serde_json::{json, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Db {
    Sqlite,
    Postgres,
    MySql,
}

fn server_url(db: Db) -> Option<String> {
    let var = match db {
        Db::Sqlite => return Some(String::new()),
        Db::Postgres => "TEST_POSTGRES_URL",
        Db::MySql => "TEST_MYSQL_URL",
    };
    match std::env::var(var) {
        Ok(v) if !v.is_empty() => Some(v),
        _ if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("{var} must be set when CI=true: every test runs on every database")
        }
        _ => None,
    }
}

/// Whether tests for `db` run here. Skipped backends print why.
pub fn enabled(db: Db) -> bool {
    let on = server_url(db).is_some();
    if !on {
        eprintln!("skipping {db:?}: set TEST_POSTGRES_URL / TEST_MYSQL_URL to run it");
    }
    on
}

/// Replaces the database part of a server URL.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url.split_once('?').map_or((url, None), |(b, q)| (b, Some(q)));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let path_start = base[scheme_end..].find('/').map_or(base.len(), |i| i + scheme_end);
    let mut out = format!("{}/{}", &base[..path_start], name);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

static SWEEP: Once = Once::new();

fn now_secs() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()
}

/// Drops test databases left by earlier runs (once per test process, before any is made).
fn sweep_old_databases() {
    SWEEP.call_once(|| {
        std::thread::spawn(|| {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            rt.block_on(async {
                sqlx::any::install_default_drivers();
                for db in [Db::Postgres, Db::MySql] {
                    let Some(url) = server_url(db) else { continue };
                    let Ok(mut conn) = <sqlx::AnyConnection as sqlx::Connection>::connect(&url).await
                    else {
                        continue;
                    };
                    let list = match db {
                        Db::Postgres => "SELECT datname AS name FROM pg_database WHERE datname LIKE 'pct\\_%'",
                        _ => "SELECT CAST(schema_name AS CHAR) AS name FROM information_schema.schemata WHERE schema_name LIKE 'pct\\_%'",
                    };
                    let rows = sqlx::query(list).fetch_all(&mut conn).await.unwrap_or_default();
                    for row in rows {
                        use sqlx::Row;
                        let name: String = row.try_get("name").unwrap_or_default();
                        // Only databases over an hour old: another test process (a developer's
                        // second terminal) may be using younger ones right now.
                        let created: Option<u64> =
                            name.strip_prefix("pct_").and_then(|r| r.split('_').next()?.parse().ok());
                        if created.is_some_and(|t| t + 3600 < now_secs()) {
                            let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name}"))
                                .execute(&mut conn)
                                .await;
                        }
                    }
                }
            });
        })
        .join()
        .unwrap();
    });
}

/// A fresh, empty database for one test.
pub async fn fresh_database(db: Db, dir: &tempfile::TempDir) -> String {
    if db == Db::Sqlite {
        return format!("sqlite://{}/portcullis.db", dir.path().display());
    }
    sweep_old_databases();
    let url = server_url(db).expect("backend enabled");
    let name = format!("pct_{}_{}", now_secs(), uuid::Uuid::new_v4().simple());
    sqlx::any::install_default_drivers();
    let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(&url)
        .await
        .expect("connect to the test database server");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .expect("create a test database");
    with_database(&url, &name)
}

pub struct TestApp {
    pub base: String,
    /// `PORTCULLIS_PUBLIC_URL`: `base` unless the test set another (all nodes share it).
    pub public: String,
    pub port: u16,
    /// The private metrics listener, when the test left it on.
    pub metrics_port: Option<u16>,
    /// The admin API's own listener, when `PORTCULLIS_ADMIN_BIND` sets one.
    pub admin_port: Option<u16>,
    pub client: reqwest::Client,
    pub auth: Arc<Auth>,
    pub database_url: String,
    pub db: Db,
    _dir: tempfile::TempDir,
}

/// Settings every test server starts from: dev mode (mailbox at /dev/mail), a cheap Argon2
/// cost so the suite runs quickly, and no rate limits (every test client is 127.0.0.1). Tests
/// about hashing or limits set their own.
const BASE: &[(&str, &str)] = &[
    ("PORTCULLIS_DEV", "true"),
    ("PORTCULLIS_RATE_LIMIT_PER_MINUTE", "0"),
    ("PORTCULLIS_LOGIN_FAILURES_PER_HOUR", "0"),
    ("PORTCULLIS_ARGON2_MEMORY_KIB", "1024"),
    ("PORTCULLIS_ARGON2_ITERATIONS", "1"),
    ("PORTCULLIS_LOG", "warn"),
    ("PORTCULLIS_METRICS_BIND", "127.0.0.1:0"),
];

impl TestApp {
    pub async fn spawn(db: Db) -> Self {
        Self::spawn_with(db, &[]).await
    }

    /// A server with `overrides` on top of the test defaults.
    pub async fn spawn_with(db: Db, overrides: &[(&str, &str)]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let url = fresh_database(db, &dir).await;
        Self::start(db, url, dir, overrides).await
    }

    /// A server whose public URL is `http://localhost:<its port>`: a host name, which
    /// WebAuthn needs (browsers refuse an IP address as relying party).
    pub async fn spawn_on_localhost(db: Db, overrides: &[(&str, &str)]) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let bind = format!("127.0.0.1:{port}");
        let public = format!("http://localhost:{port}");
        let mut all = vec![("PORTCULLIS_BIND", bind.as_str()), ("PORTCULLIS_PUBLIC_URL", &public)];
        all.extend_from_slice(overrides);
        Self::spawn_with(db, &all).await
    }

    /// A second server on the same database (another node behind the same public URL).
    pub async fn another_node(&self, overrides: &[(&str, &str)]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let mut all = vec![("PORTCULLIS_PUBLIC_URL", self.public.as_str())];
        all.extend_from_slice(overrides);
        Self::start(self.db, self.database_url.clone(), dir, &all).await
    }

    /// A server on a database a test has filled itself (e.g. with `portcullis db copy`).
    pub async fn on_database(db: Db, url: String, overrides: &[(&str, &str)]) -> Self {
        Self::start(db, url, tempfile::tempdir().unwrap(), overrides).await
    }

    async fn start(
        db: Db,
        url: String,
        dir: tempfile::TempDir,
        overrides: &[(&str, &str)],
    ) -> Self {
        let mut map: Vec<(String, String)> =
            BASE.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        map.push(("PORTCULLIS_BIND".into(), "127.0.0.1:0".into()));
        map.push(("PORTCULLIS_DATABASE_URL".into(), url.clone()));
        for (k, v) in overrides {
            map.push((k.to_string(), v.to_string()));
        }
        // Server warnings and errors go into the failing test's output.
        let _ = tracing_subscriber::fmt()
            .with_env_filter(std::env::var("TEST_LOG").unwrap_or_else(|_| "warn".into()))
            .with_test_writer()
            .try_init();
        let settings = Settings::from_map(map).expect("valid test settings");
        let app = App::build(settings).await.expect("app builds");
        let port = app.port();
        let metrics_port = app.metrics_port();
        let admin_port = app.admin_port();
        let auth = app.auth();
        tokio::spawn(app.run_until(std::future::pending()));
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            // Below the server's 10 s header deadline, which closes an idle keep-alive
            // connection: a test that waits (for a fresh TOTP step, say) must not send
            // its next request into a connection the server is closing at that moment
            // (seen in CI as `IncompleteMessage`).
            .pool_idle_timeout(std::time::Duration::from_secs(5))
            .build()
            .unwrap();
        let base = format!("http://127.0.0.1:{port}");
        let public = overrides
            .iter()
            .rev()
            .find(|(k, _)| *k == "PORTCULLIS_PUBLIC_URL")
            .map_or_else(|| base.clone(), |(_, v)| v.to_string());
        Self {
            public,
            base,
            port,
            metrics_port,
            admin_port,
            client,
            auth,
            database_url: url,
            db,
            _dir: dir,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// `GET /metrics` on the private metrics listener.
    pub async fn metrics(&self) -> Response {
        let port = self.metrics_port.expect("a metrics listener");
        self.client.get(format!("http://127.0.0.1:{port}/metrics")).send().await.unwrap()
    }

    /// The current value of one metric sample (`0` when it is not printed yet).
    pub async fn metric(&self, series: &str) -> f64 {
        sample(&self.metrics().await.text().await.unwrap(), series).unwrap_or(0.0)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    pub async fn post_json(&self, path: &str, body: Value) -> Response {
        self.client.post(self.url(path)).json(&body).send().await.unwrap()
    }

    pub async fn post_form(&self, path: &str, form: &[(&str, &str)]) -> Response {
        self.client
            .post(self.url(path))
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(serde_urlencoded::to_string(form).unwrap())
            .send()
            .await
            .unwrap()
    }

    /// A request with `Authorization: Bearer`.
    pub fn bearer(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
    ) -> reqwest::RequestBuilder {
        self.client.request(method, self.url(path)).bearer_auth(token)
    }

    /// A request with the session cookie.
    pub fn with_cookie(
        &self,
        method: reqwest::Method,
        path: &str,
        cookie: &str,
    ) -> reqwest::RequestBuilder {
        self.client.request(method, self.url(path)).header(COOKIE, format!("session_id={cookie}"))
    }

    /// Registers `email` with `password`; panics unless `201`.
    pub async fn register(&self, email: &str, password: &str) -> Value {
        let res = self
            .post_json("/api/auth/register", json!({"email": email, "password": password}))
            .await;
        assert_eq!(res.status(), StatusCode::CREATED, "register {email}");
        res.json().await.unwrap()
    }

    /// Logs in; panics unless `200`.
    pub async fn login(&self, email: &str, password: &str) -> Login {
        let res =
            self.post_json("/api/auth/login", json!({"email": email, "password": password})).await;
        assert_eq!(res.status(), StatusCode::OK, "login {email}");
        let cookie = session_cookie(res.headers()).expect("login sets the session cookie");
        let body: Value = res.json().await.unwrap();
        Login {
            access_token: body["access_token"].as_str().unwrap().to_owned(),
            refresh_token: body["refresh_token"].as_str().unwrap().to_owned(),
            cookie,
            body,
        }
    }

    /// Registers, confirms the address (an unconfirmed account may not add sign-in methods
    /// or change its address) and logs in.
    pub async fn user(&self, email: &str) -> Login {
        self.register(email, PASSWORD).await;
        self.verify(email).await;
        self.login(email, PASSWORD).await
    }

    /// Registers and logs in, leaving the address unconfirmed.
    pub async fn unverified_user(&self, email: &str) -> Login {
        self.register(email, PASSWORD).await;
        self.login(email, PASSWORD).await
    }

    /// The dev mailbox for `to`, waiting up to five seconds for at least `at_least` messages
    /// (some mail is queued by a detached task after the response).
    pub async fn mails(&self, to: &str, at_least: usize) -> Vec<Value> {
        let mut last = Vec::new();
        for _ in 0..100 {
            let res = self.get(&format!("/dev/mail?to={}", urlencode(to))).await;
            assert_eq!(res.status(), StatusCode::OK);
            let body: Value = res.json().await.unwrap();
            last = body["messages"].as_array().cloned().unwrap_or_default();
            if last.len() >= at_least {
                return last;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        last
    }

    /// The newest mail to `to` whose subject contains `subject`, waiting up to five seconds.
    pub async fn mail_about(&self, to: &str, subject: &str) -> Value {
        for _ in 0..100 {
            let mails = self.mails(to, 0).await;
            if let Some(m) =
                mails.iter().rev().find(|m| m["subject"].as_str().unwrap().contains(subject))
            {
                return m.clone();
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("no mail to {to} about {subject:?}");
    }

    /// How many mails to `to` have a subject containing `subject` (no waiting).
    pub async fn count_about(&self, to: &str, subject: &str) -> usize {
        let mails = self.mails(to, 0).await;
        mails.iter().filter(|m| m["subject"].as_str().unwrap().contains(subject)).count()
    }

    /// The token in the link of the newest mail to `to` whose subject contains `subject`.
    pub async fn token_from_mail(&self, to: &str, subject: &str) -> String {
        link_token(self.mail_about(to, subject).await["text"].as_str().unwrap())
    }

    /// `GET /api/auth/user` with a bearer token: the user object (panics unless `200`).
    pub async fn current_user(&self, access_token: &str) -> Value {
        let res =
            self.bearer(reqwest::Method::GET, "/api/auth/user", access_token).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        let body: Value = res.json().await.unwrap();
        body["user"].clone()
    }

    /// `POST /api/auth/login` with `email` and `password`: the status only.
    pub async fn login_status(&self, email: &str, password: &str) -> StatusCode {
        self.post_json("/api/auth/login", json!({"email": email, "password": password}))
            .await
            .status()
    }

    /// Logs in to the mailbox of `email`'s verification mail and verifies it.
    pub async fn verify(&self, email: &str) {
        let token = self.token_from_mail(email, "Confirm").await;
        let res = self.post_json("/api/auth/verify-email", json!({"token": token})).await;
        assert_eq!(res.status(), StatusCode::OK);
    }

    /// A GET with `login`'s bearer token: the JSON body (panics unless `200`).
    pub async fn get_json_bearer(&self, path: &str, login: &Login) -> Value {
        let res =
            self.bearer(reqwest::Method::GET, path, &login.access_token).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "GET {path}");
        res.json().await.unwrap()
    }

    /// `GET /api/auth/user` with a bearer token: the status.
    pub async fn user_status_bearer(&self, token: &str) -> StatusCode {
        self.bearer(reqwest::Method::GET, "/api/auth/user", token).send().await.unwrap().status()
    }

    /// `GET /api/auth/user` with the session cookie: the status.
    pub async fn user_status_cookie(&self, cookie: &str) -> StatusCode {
        self.with_cookie(reqwest::Method::GET, "/api/auth/user", cookie)
            .send()
            .await
            .unwrap()
            .status()
    }
}

pub const PASSWORD: &str = "correct horse battery";

/// The context of a password login now, for tokens a test signs itself.
pub fn password_context() -> portcullis::auth::AuthContext {
    let now = portcullis::clock::now_ms() / 1000;
    portcullis::auth::AuthContext { amr: vec![portcullis::domain::Amr::Pwd], auth_time: now }
}

pub struct Login {
    pub access_token: String,
    pub refresh_token: String,
    pub cookie: String,
    pub body: Value,
}

/// The `session_id` value set by a response, if any.
pub fn session_cookie(headers: &HeaderMap) -> Option<String> {
    set_cookie_line(headers).and_then(|line| {
        let first = line.split(';').next()?;
        let (_, v) = first.split_once('=')?;
        Some(v.to_owned())
    })
}

/// The whole `Set-Cookie` line for `session_id`.
pub fn set_cookie_line(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("session_id="))
        .map(str::to_owned)
}

/// The `token` parameter of the one link in a mail body.
pub fn link_token(text: &str) -> String {
    let start = text.find("token=").expect("a link with a token") + "token=".len();
    text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

pub fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("v", s)]).unwrap()[2..].to_owned()
}

/// The value of the sample `series` (name with its labels, exactly as printed), if present.
pub fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .find_map(|l| l.strip_prefix(series).and_then(|rest| rest.strip_prefix(' ')))
        .map(|v| v.trim().parse().expect("a number"))
}

/// The JSON body of an error response, checked for the `{"message", "code"}` shape.
pub async fn error_body(res: Response) -> Value {
    let ct = res.headers().get(CONTENT_TYPE).map(|v| v.to_str().unwrap().to_owned());
    assert_eq!(ct.as_deref(), Some("application/json"), "errors are JSON");
    let body: Value = res.json().await.unwrap();
    assert!(body["message"].is_string(), "{body}");
    assert!(body["code"].is_string(), "{body}");
    body
}

/// Instantiates each test function `name(db: Db)` once per database server, as
/// `name::postgres` and `name::mysql`: for what only a server has (its connections, a link to
/// it), where an SQLite run would prove nothing.
#[macro_export]
macro_rules! servers {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                $crate::server_tests!($name);
            }
        )*
    };
}

/// The `postgres` and `mysql` tests of [`servers!`] and [`backends!`]: `super::name` on each
/// database server that is enabled.
#[macro_export]
macro_rules! server_tests {
    ($name:ident) => {
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn postgres() {
            if $crate::helpers::enabled($crate::helpers::Db::Postgres) {
                super::$name($crate::helpers::Db::Postgres).await
            }
        }

        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn mysql() {
            if $crate::helpers::enabled($crate::helpers::Db::MySql) {
                super::$name($crate::helpers::Db::MySql).await
            }
        }
    };
}

/// Instantiates each test function `name(db: Db)` once per backend, as
/// `name::sqlite`, `name::postgres` and `name::mysql`.
#[macro_export]
macro_rules! backends {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$name($crate::helpers::Db::Sqlite).await
                }

                $crate::server_tests!($name);
            }
        )*
    };
}
