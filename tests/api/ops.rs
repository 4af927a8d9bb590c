//! Operations: metrics, request logs, graceful shutdown of the real binary, database outages
//! through a TCP proxy the test controls, and housekeeping.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portcullis::clock::now_ms;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use sqlx::Row;
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

use crate::helpers::{error_body, sample, Db, TestApp, PASSWORD};
use crate::{backends, servers};

servers!(
    database_outages_give_quick_503s_and_service_resumes_by_itself,
    connections_closed_by_the_database_while_idle_are_replaced_unseen,
    a_statement_over_the_time_limit_is_stopped_by_the_server,
    a_database_outage_is_logged_once_each_way_not_per_request,
);

backends!(
    metrics_are_served_and_move_with_traffic,
    housekeeping_removes_what_it_should_and_nothing_else,
    housekeeping_runs_by_itself_at_its_interval,
    undelivered_mail_expires_with_its_link,
);

// ---------------------------------------------------------------------------------------------
// Metrics

/// The bearer secret of `/metrics` on the main port of the binaries these tests start.
const METRICS_TOKEN: &str = "metrics-token-for-tests";

async fn scrape(app: &TestApp) -> String {
    let res = app.metrics().await;
    assert_eq!(res.status(), StatusCode::OK);
    let ct = res.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(ct.starts_with("application/openmetrics-text"), "{ct}");
    res.text().await.unwrap()
}

async fn metrics_are_served_and_move_with_traffic(db: Db) {
    let app = TestApp::spawn(db).await;
    let before = scrape(&app).await;
    assert_eq!(sample(&before, r#"portcullis_build_info{version="0.1.0"}"#), Some(1.0));
    assert_eq!(sample(&before, "portcullis_database_up"), Some(1.0));
    assert!(sample(&before, "portcullis_db_pool_max_connections").unwrap() >= 1.0);
    assert!(sample(&before, r#"portcullis_db_pool_connections{state="idle"}"#).is_some());

    let alice = app.user("metrics@example.com").await;
    let other = app.login("metrics@example.com", PASSWORD).await;
    let res = app
        .post_json(
            "/api/auth/login",
            json!({"email": "metrics@example.com", "password": "wrong one"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    // A token in a query string and a path with an id: neither may become a label.
    let res = app.get("/api/auth/verify-email-link?token=QUERYSECRET123").await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let res = app.get("/no/such/place/UNMATCHED987").await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let sessions: Value = app
        .bearer(Method::GET, "/api/auth/sessions", &alice.access_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let other_id =
        sessions["sessions"].as_array().unwrap().iter().find(|s| s["current"] == false).unwrap()
            ["id"]
            .as_str()
            .unwrap()
            .to_owned();
    let res = app
        .bearer(Method::DELETE, &format!("/api/auth/sessions/{other_id}"), &alice.access_token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(app.user_status_bearer(&other.access_token).await, StatusCode::UNAUTHORIZED);

    let text = scrape(&app).await;
    let login_ok =
        r#"portcullis_http_requests_total{method="POST",route="/api/auth/login",status="200"}"#;
    assert_eq!(sample(&text, login_ok), Some(2.0), "{text}");
    let login_401 =
        r#"portcullis_http_requests_total{method="POST",route="/api/auth/login",status="401"}"#;
    assert_eq!(sample(&text, login_401), Some(1.0));
    let revoke = r#"portcullis_http_requests_total{method="DELETE",route="/api/auth/sessions/{id}",status="200"}"#;
    assert_eq!(sample(&text, revoke), Some(1.0), "the route pattern, not the path");
    let unmatched =
        r#"portcullis_http_requests_total{method="GET",route="unmatched",status="404"}"#;
    assert_eq!(sample(&text, unmatched), Some(1.0));
    for secret in ["QUERYSECRET123", "UNMATCHED987", other_id.as_str(), alice.access_token.as_str()]
    {
        assert!(!text.contains(secret), "{secret} in the metrics");
    }
    let latency =
        r#"portcullis_http_request_duration_seconds_count{method="POST",route="/api/auth/login"}"#;
    assert_eq!(sample(&text, latency), Some(3.0));
    assert!(text.contains(
        r#"portcullis_http_request_duration_seconds_bucket{le="+Inf",method="POST",route="/api/auth/login"} 3"#
    ));
    assert_eq!(sample(&text, r#"portcullis_logins_total{outcome="succeeded"}"#), Some(2.0));
    assert_eq!(sample(&text, r#"portcullis_logins_total{outcome="failed"}"#), Some(1.0));
    assert_eq!(
        sample(&text, r#"portcullis_auth_events_total{event="login",outcome="failed"}"#),
        Some(1.0)
    );
    // Register, two good logins and a bad one: four Argon2 runs, each having waited its turn.
    assert_eq!(sample(&text, "portcullis_password_hashes_total"), Some(4.0));
    assert_eq!(sample(&text, "portcullis_password_hash_wait_seconds_count"), Some(4.0));
    assert_eq!(sample(&text, r#"portcullis_password_hash_jobs{state="waiting"}"#), Some(0.0));
    assert!(sample(&text, "portcullis_password_hash_capacity").unwrap() >= 2.0);
    // The verification mail waits in the outbox (no SMTP in tests).
    assert_eq!(sample(&text, r#"portcullis_mail_outbox_messages{status="pending"}"#), Some(1.0));
    assert_eq!(sample(&text, r#"portcullis_mail_outbox_messages{status="failed"}"#), Some(0.0));
    assert!(sample(&text, "portcullis_mail_outbox_oldest_pending_age_seconds").is_some());
    assert_eq!(sample(&text, "portcullis_rate_limit_rejections_total"), Some(0.0));
    assert_eq!(sample(&text, "portcullis_rate_limit_redis_fallbacks_total"), Some(0.0));
    assert_eq!(sample(&text, "portcullis_http_requests_in_flight"), Some(1.0), "the scrape itself");

    // And they keep moving.
    app.login("metrics@example.com", PASSWORD).await;
    let text = scrape(&app).await;
    assert_eq!(sample(&text, login_ok), Some(3.0));
    assert_eq!(sample(&text, r#"portcullis_logins_total{outcome="succeeded"}"#), Some(3.0));

    // Rate-limit rejections are counted too.
    let limited = TestApp::spawn_with(db, &[("PORTCULLIS_RATE_LIMIT_PER_MINUTE", "2")]).await;
    for _ in 0..4 {
        limited
            .post_json("/api/auth/login", json!({"email": "x@example.com", "password": "y"}))
            .await;
    }
    let text = scrape(&limited).await;
    assert!(sample(&text, "portcullis_rate_limit_rejections_total").unwrap() >= 1.0, "{text}");
    let r429 =
        r#"portcullis_http_requests_total{method="POST",route="/api/auth/login",status="429"}"#;
    assert!(sample(&text, r429).unwrap() >= 1.0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_can_move_to_their_own_listener() {
    let dir = tempfile::tempdir().unwrap();
    let settings = portcullis::Settings::from_map([
        ("PORTCULLIS_BIND", "127.0.0.1:0".to_owned()),
        ("PORTCULLIS_METRICS_BIND", "127.0.0.1:0".to_owned()),
        ("PORTCULLIS_DATABASE_URL", format!("sqlite://{}/p.db", dir.path().display())),
        ("PORTCULLIS_DEV", "true".to_owned()),
        ("PORTCULLIS_LOG", "warn".to_owned()),
    ])
    .unwrap();
    let app = portcullis::App::build(settings).await.unwrap();
    let (port, metrics_port) = (app.port(), app.metrics_port().expect("a metrics listener"));
    assert_ne!(port, metrics_port);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(app.run_until(async {
        let _ = stopped.await;
    }));
    let client = reqwest::Client::new();
    let main = client.get(format!("http://127.0.0.1:{port}/metrics")).send().await.unwrap();
    assert_eq!(main.status(), StatusCode::NOT_FOUND, "not on the public listener");
    let live = client.get(format!("http://127.0.0.1:{port}/health/live")).send().await.unwrap();
    assert_eq!(live.status(), StatusCode::OK);
    let res = client.get(format!("http://127.0.0.1:{metrics_port}/metrics")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let text = res.text().await.unwrap();
    // The public listener's requests are counted there.
    let probe = r#"portcullis_http_requests_total{method="GET",route="/health/live",status="200"}"#;
    assert_eq!(sample(&text, probe), Some(1.0), "{text}");
    let other = client.get(format!("http://127.0.0.1:{metrics_port}/health/live")).send().await;
    assert_eq!(other.unwrap().status(), StatusCode::NOT_FOUND, "only /metrics there");
    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_metrics_address_in_use_names_the_setting_and_a_way_out() {
    // Another node (here: any listener) already holds the metrics address.
    let taken = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = taken.local_addr().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let settings = portcullis::Settings::from_map([
        ("PORTCULLIS_BIND", "127.0.0.1:0".to_owned()),
        ("PORTCULLIS_METRICS_BIND", addr.to_string()),
        ("PORTCULLIS_DATABASE_URL", format!("sqlite://{}/p.db", dir.path().display())),
        ("PORTCULLIS_DEV", "true".to_owned()),
        ("PORTCULLIS_LOG", "warn".to_owned()),
    ])
    .unwrap();
    let Err(e) = portcullis::App::build(settings).await else {
        panic!("a second listener on {addr}");
    };
    let message = format!("{e:#}");
    assert!(message.contains(&format!("cannot listen on {addr}")), "{message}");
    assert!(message.contains("in use"), "{message}");
    let next = format!("PORTCULLIS_METRICS_BIND=127.0.0.1:{}", addr.port() + 1);
    assert!(message.contains(&next), "suggests another port: {message}");
    assert!(message.contains("PORTCULLIS_METRICS_BIND=off"), "{message}");
}

// ---------------------------------------------------------------------------------------------
// The real binary: request logs and graceful shutdown

/// A `portcullis serve` process with JSON logs, its stderr collected line by line.
struct Server {
    child: Child,
    port: u16,
    lines: Arc<Mutex<Vec<String>>>,
    _dir: tempfile::TempDir,
}

impl Server {
    fn start(extra: &[(&str, &str)]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = format!("sqlite://{}/p.db", dir.path().display());
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_portcullis"));
        cmd.arg("serve").current_dir(dir.path()).env_clear();
        if let Ok(path) = std::env::var("PATH") {
            cmd.env("PATH", path);
        }
        cmd.envs([
            ("PORTCULLIS_BIND", "127.0.0.1:0"),
            ("PORTCULLIS_DATABASE_URL", db.as_str()),
            ("PORTCULLIS_DEV", "true"),
            ("PORTCULLIS_LOG", "info"),
            ("PORTCULLIS_LOG_FORMAT", "json"),
            ("PORTCULLIS_RATE_LIMIT_PER_MINUTE", "0"),
            ("PORTCULLIS_LOGIN_FAILURES_PER_HOUR", "0"),
            ("PORTCULLIS_ARGON2_MEMORY_KIB", "1024"),
            ("PORTCULLIS_ARGON2_ITERATIONS", "1"),
            // Port 0 cannot be told apart in the log: the metrics come from the main port.
            ("PORTCULLIS_METRICS_BIND", "off"),
            ("PORTCULLIS_METRICS_TOKEN", METRICS_TOKEN),
        ]);
        cmd.envs(extra.iter().copied());
        let mut child =
            cmd.stdout(Stdio::null()).stderr(Stdio::piped()).spawn().expect("start portcullis");
        let stderr = child.stderr.take().unwrap();
        let lines = Arc::new(Mutex::new(Vec::new()));
        let (port_tx, port_rx) = std::sync::mpsc::channel();
        {
            let lines = lines.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                    if let Ok(v) = serde_json::from_str::<Value>(&line) {
                        if v["fields"]["message"] == "portcullis listening" {
                            let addr = v["fields"]["addr"].as_str().unwrap_or_default();
                            let port = addr.rsplit(':').next().and_then(|p| p.parse().ok());
                            let _ = port_tx.send(port.unwrap_or(0u16));
                        }
                    }
                    lines.lock().unwrap().push(line);
                }
            });
        }
        let port = port_rx.recv_timeout(Duration::from_secs(60)).unwrap_or_else(|_| {
            panic!("no `portcullis listening` line: {:?}", lines.lock().unwrap())
        });
        Self { child, port, lines, _dir: dir }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn sigterm(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success());
    }

    /// Waits (at most `limit`) for the process to exit; its exit status.
    async fn wait(&mut self, limit: Duration) -> std::process::ExitStatus {
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader thread take the last lines.
                tokio::time::sleep(Duration::from_millis(100)).await;
                return status;
            }
            assert!(started.elapsed() < limit, "still running after {limit:?}: {:?}", self.log());
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    fn log(&self) -> Vec<String> {
        self.lines.lock().unwrap().clone()
    }

    /// Every JSON log line at `level` whose message contains `text`.
    fn lines_about(&self, level: &str, text: &str) -> Vec<Value> {
        self.log()
            .iter()
            .filter_map(|l| serde_json::from_str::<Value>(l).ok())
            .filter(|v| v["level"] == level)
            .filter(|v| v["fields"]["message"].as_str().is_some_and(|m| m.contains(text)))
            .collect()
    }

    /// `/metrics` from the main port, with the token.
    async fn scrape(&self, client: &reqwest::Client) -> String {
        let res = client.get(self.url("/metrics")).bearer_auth(METRICS_TOKEN).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        res.text().await.unwrap()
    }

    /// The `fields` of every JSON log line that is a request line.
    fn request_lines(&self) -> Vec<Value> {
        self.log()
            .iter()
            .map(|l| serde_json::from_str::<Value>(l).unwrap_or_else(|_| panic!("not JSON: {l}")))
            .filter(|v| v["fields"]["message"] == "request")
            .map(|v| v["fields"].clone())
            .collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_request_is_logged_once_as_json_with_its_route_and_never_a_secret() {
    let mut server = Server::start(&[]);
    let client = reqwest::Client::new();
    let res = client
        .post(server.url("/api/auth/register"))
        .json(&json!({"email": "log@example.com", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let user_id = res.json::<Value>().await.unwrap()["user"]["id"].as_str().unwrap().to_owned();
    let res = client
        .post(server.url("/api/auth/login"))
        .json(&json!({"email": "log@example.com", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let login: Value = res.json().await.unwrap();
    let token = login["access_token"].as_str().unwrap().to_owned();
    let refresh = login["refresh_token"].as_str().unwrap().to_owned();
    let res = client.get(server.url("/api/auth/user")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let res = client
        .get(server.url("/api/auth/verify-email-link?token=QUERYSECRET123"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let res = client
        .get(server.url("/nowhere/PATHSECRET456"))
        .header("x-request-id", "req-from-the-proxy-42")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(res.headers()["x-request-id"], "req-from-the-proxy-42");
    // Machines poll the probes: their lines are at debug level only.
    let res = client.get(server.url("/health/live")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);

    server.sigterm();
    assert!(server.wait(Duration::from_secs(30)).await.success());
    let log = server.log().join("\n");
    for secret in [PASSWORD, "QUERYSECRET123", "PATHSECRET456", &token, &refresh] {
        assert!(!log.contains(secret), "{secret} in the log:\n{log}");
    }
    let lines = server.request_lines();
    let by_route = |route: &str| -> Vec<Value> {
        lines.iter().filter(|l| l["route"] == route).cloned().collect()
    };
    assert_eq!(lines.len(), 5, "one line per request, the probe's at debug: {lines:#?}");
    assert!(by_route("/health/live").is_empty(), "{lines:#?}");
    let register = &by_route("/api/auth/register")[0];
    assert_eq!(register["method"], "POST");
    assert_eq!(register["status"], 201);
    assert!(register["latency_ms"].as_f64().unwrap() > 0.0);
    assert!(!register["request_id"].as_str().unwrap().is_empty());
    assert!(register.get("user_id").is_none(), "nobody is logged in yet");
    assert_eq!(by_route("/api/auth/login")[0]["user_id"], user_id.as_str());
    assert_eq!(by_route("/api/auth/user")[0]["user_id"], user_id.as_str());
    assert_eq!(by_route("/api/auth/verify-email-link")[0]["status"], 400);
    let unmatched = &by_route("unmatched")[0];
    assert_eq!(unmatched["status"], 404);
    assert_eq!(unmatched["request_id"], "req-from-the-proxy-42");
}

/// Polls `/metrics` until `series` reaches `at_least`.
async fn wait_for_sample(client: &reqwest::Client, url: &str, series: &str, at_least: f64) {
    for _ in 0..400 {
        let res = client.get(url).bearer_auth(METRICS_TOKEN).send().await.unwrap();
        let text = res.text().await.unwrap();
        if sample(&text, series).is_some_and(|v| v >= at_least) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("{series} never reached {at_least}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_lets_logins_in_flight_finish_then_stops_everything_and_exits_zero() {
    // Each hash takes a noticeable time and only one runs at once, so logins queue.
    let mut server = Server::start(&[
        ("PORTCULLIS_ARGON2_MEMORY_KIB", "131072"),
        ("PORTCULLIS_ARGON2_ITERATIONS", "6"),
        ("PORTCULLIS_HASH_CONCURRENCY", "1"),
        ("PORTCULLIS_SHUTDOWN_TIMEOUT", "60s"),
    ]);
    let client = reqwest::Client::new();
    let res = client
        .post(server.url("/api/auth/register"))
        .json(&json!({"email": "slow@example.com", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);

    let logins: Vec<_> = (0..3)
        .map(|_| {
            let (client, url) = (reqwest::Client::new(), server.url("/api/auth/login"));
            tokio::spawn(async move {
                let res = client
                    .post(url)
                    .json(&json!({"email": "slow@example.com", "password": PASSWORD}))
                    .send()
                    .await
                    .expect("an answer, not a dropped connection");
                (res.status(), res.json::<Value>().await.unwrap())
            })
        })
        .collect();
    // All three are inside the server: one hashing, two waiting for the core.
    let metrics = server.url("/metrics");
    wait_for_sample(&client, &metrics, r#"portcullis_password_hash_jobs{state="waiting"}"#, 2.0)
        .await;

    server.sigterm();
    // New connections are refused soon after the signal...
    let port = server.port;
    let mut refused = false;
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            refused = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(refused, "the listener closes at once");
    // ...while the ones in flight complete.
    for login in logins {
        let (status, body) = login.await.unwrap();
        assert_eq!(status, StatusCode::OK, "{body}");
        assert!(body["access_token"].is_string());
    }
    let status = server.wait(Duration::from_secs(30)).await;
    assert!(status.success(), "exit status {status:?}");
    assert_eq!(status.code(), Some(0));

    let messages: Vec<String> = server
        .log()
        .iter()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter_map(|v| v["fields"]["message"].as_str().map(str::to_owned))
        .collect();
    let at = |m: &str| {
        messages.iter().position(|x| x == m).unwrap_or_else(|| panic!("no {m:?}: {messages:?}"))
    };
    let signal = at("shutdown signal received");
    let drained = at("requests drained; stopping background work");
    let closed = at("stopped: database pool closed");
    assert!(signal < drained && drained < closed, "{messages:?}");
    let logins_logged = server
        .request_lines()
        .iter()
        .filter(|l| l["route"] == "/api/auth/login" && l["status"] == 200)
        .count();
    assert_eq!(logins_logged, 3);
    let last_login = messages.iter().rposition(|m| m == "request").unwrap();
    assert!(signal < last_login && last_login < drained, "{messages:?}");
}

// ---------------------------------------------------------------------------------------------
// Database outages, through a TCP proxy between Portcullis and the database

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Link {
    /// Bytes flow.
    Up,
    /// Every connection is closed, and new ones are closed as soon as they are accepted (the
    /// database stopped).
    Down,
    /// Nothing flows, but nothing is closed either (a network partition, a frozen host).
    Silent,
}

/// A TCP forwarder to the database whose link the test cuts and restores.
struct Proxy {
    port: u16,
    link: watch::Sender<Link>,
}

impl Proxy {
    async fn start(upstream: String) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let (link, state) = watch::channel(Link::Up);
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                tokio::spawn(Self::forward(client, upstream.clone(), state.clone()));
            }
        });
        Self { port, link }
    }

    async fn forward(mut client: TcpStream, upstream: String, mut state: watch::Receiver<Link>) {
        loop {
            let link = *state.borrow_and_update();
            match link {
                Link::Down => {
                    let _ = client.shutdown().await;
                    return;
                }
                Link::Silent => {
                    // Hold the connection without a word until the link changes.
                    if state.changed().await.is_err() {
                        return;
                    }
                }
                Link::Up => break,
            }
        }
        let Ok(mut server) = TcpStream::connect(&upstream).await else { return };
        let changed = tokio::select! {
            _ = tokio::io::copy_bidirectional(&mut client, &mut server) => return,
            changed = state.changed() => changed,
        };
        if changed.is_err() {
            return;
        }
        // Down: closing both ends, both sides see the connection drop. Silent: stop forwarding
        // mid-conversation but keep both sockets open until the link changes again; the
        // conversation is broken either way, so then it is dropped too.
        while *state.borrow_and_update() == Link::Silent {
            if state.changed().await.is_err() {
                return;
            }
        }
    }

    fn set(&self, link: Link) {
        self.link.send_replace(link);
    }
}

/// `host:port` of a database URL.
fn host_port(url: &str) -> String {
    let parsed = url::Url::parse(url).unwrap();
    format!("{}:{}", parsed.host_str().unwrap(), parsed.port_or_known_default().unwrap())
}

/// `url` with its host and port replaced by the proxy's.
fn through(url: &str, port: u16) -> String {
    let mut parsed = url::Url::parse(url).unwrap();
    parsed.set_host(Some("127.0.0.1")).unwrap();
    parsed.set_port(Some(port)).unwrap();
    parsed.to_string()
}

/// A request that needs the database must fail fast with `503` and `Retry-After`.
async fn expect_quick_503(res: impl std::future::Future<Output = reqwest::Response>, what: &str) {
    let started = Instant::now();
    let res = res.await;
    let took = started.elapsed();
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE, "{what}");
    assert!(res.headers().contains_key("retry-after"), "{what}");
    assert!(took < Duration::from_secs(6), "{what} took {took:?}");
    let body = error_body(res).await;
    assert_eq!(body["code"], "unavailable", "{what}: {body}");
}

async fn database_outages_give_quick_503s_and_service_resumes_by_itself(db: Db) {
    let app = TestApp::spawn(db).await;
    let user = app.user("outage@example.com").await;
    let proxy = Proxy::start(host_port(&app.database_url)).await;
    let proxied = through(&app.database_url, proxy.port);
    let node = app.another_node(&[("PORTCULLIS_DATABASE_URL", proxied.as_str())]).await;
    assert_eq!(node.user_status_bearer(&user.access_token).await, StatusCode::OK);
    assert_eq!(node.get("/health/ready").await.status(), StatusCode::OK);

    for outage in [Link::Down, Link::Silent] {
        proxy.set(outage);
        let what = format!("{outage:?}");
        expect_quick_503(node.get("/health/ready"), &format!("ready, {what}")).await;
        expect_quick_503(
            async {
                node.bearer(Method::GET, "/api/auth/user", &user.access_token).send().await.unwrap()
            },
            &format!("user, {what}"),
        )
        .await;
        expect_quick_503(
            node.post_json(
                "/api/auth/login",
                json!({"email": "outage@example.com", "password": PASSWORD}),
            ),
            &format!("login, {what}"),
        )
        .await;
        expect_quick_503(
            node.post_json(
                "/api/auth/register",
                json!({"email": "new@example.com", "password": PASSWORD}),
            ),
            &format!("register, {what}"),
        )
        .await;
        // The process itself is alive, and says the database is down.
        assert_eq!(node.get("/health/live").await.status(), StatusCode::OK);
        let text = node.metrics().await.text().await.unwrap();
        assert_eq!(sample(&text, "portcullis_database_up"), Some(0.0), "{what}");

        // Back up: the node recovers without a restart.
        proxy.set(Link::Up);
        let started = Instant::now();
        loop {
            if node.get("/health/ready").await.status() == StatusCode::OK {
                break;
            }
            assert!(started.elapsed() < Duration::from_secs(20), "no recovery after {what}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert_eq!(node.user_status_bearer(&user.access_token).await, StatusCode::OK, "{what}");
        node.login("outage@example.com", PASSWORD).await;
    }
    let text = node.metrics().await.text().await.unwrap();
    assert_eq!(sample(&text, "portcullis_database_up"), Some(1.0));
    let server_errors = text
        .lines()
        .filter(|l| l.starts_with("portcullis_http_requests_total") && l.contains("status=\"500\""))
        .count();
    assert_eq!(server_errors, 0, "never a 500: {text}");
}

/// Every connection the database server holds for Portcullis is closed under it while idle (an
/// administrator's `pg_terminate_backend`, MariaDB's `KILL`, a server restart between
/// requests): the next requests of every kind, each more times than there are connections of
/// the store's own, are answered as if nothing happened: reads of the hot path, the token
/// endpoint's writes (PostgreSQL's refresh without a transaction among them), the first
/// party's refresh, a login. Never a `500`, never a `503`.
async fn connections_closed_by_the_database_while_idle_are_replaced_unseen(db: Db) {
    use crate::provider::{refresh, register, sign_in, spec};
    let app = TestApp::spawn(db).await;
    let rp = register(&app, spec("idle")).await;
    let user = app.user("idle@example.com").await;
    let tokens = sign_in(&app, &rp, &user.cookie, "openid offline_access").await;
    let mut rt = tokens["refresh_token"].as_str().unwrap().to_owned();
    let mut first_party = user.refresh_token.clone();
    let ours = crate::provider::database(&app).await;
    for round in 0..2 {
        // Every connection of the app's database but the test's own.
        let mut conn = ours.acquire().await.unwrap();
        let killed = match db {
            Db::Postgres => sqlx::query(
                "SELECT pg_terminate_backend(pid) AS t FROM pg_stat_activity \
                 WHERE datname = current_database() AND pid <> pg_backend_pid()",
            )
            .fetch_all(&mut *conn)
            .await
            .unwrap()
            .len(),
            _ => {
                let ids: Vec<i64> = sqlx::query(
                    "SELECT CAST(id AS SIGNED) AS id FROM information_schema.processlist \
                     WHERE db = DATABASE() AND id <> CONNECTION_ID()",
                )
                .fetch_all(&mut *conn)
                .await
                .unwrap()
                .iter()
                .map(|r| r.get("id"))
                .collect();
                for id in &ids {
                    let _ = sqlx::query(&format!("KILL CONNECTION {id}")).execute(&mut *conn).await;
                }
                ids.len()
            }
        };
        drop(conn);
        assert!(killed >= 2, "round {round}: the pool's and the hot path's connections");
        tokio::time::sleep(Duration::from_millis(200)).await;
        for i in 0..10 {
            let what = format!("round {round}, request {i}");
            let res = app.bearer(Method::GET, "/api/auth/user", &user.access_token).send().await;
            assert_eq!(res.unwrap().status(), StatusCode::OK, "user, {what}");
            // Each round a different write first on the connections found closed: a code
            // flow's transaction, then a refresh (on PostgreSQL without a transaction).
            if round == 0 {
                let tokens = sign_in(&app, &rp, &user.cookie, "openid").await;
                assert!(tokens["id_token"].is_string(), "code flow first, {what}");
            }
            let (status, body) = refresh(&app, &rp, &rt, None).await;
            assert_eq!(status, StatusCode::OK, "provider refresh, {what}: {body}");
            rt = body["refresh_token"].as_str().unwrap().to_owned();
            let res =
                crate::provider::introspect(&app, &rp, body["access_token"].as_str().unwrap());
            assert_eq!(res.await["active"], true, "introspection, {what}");
            if round == 1 {
                let tokens = sign_in(&app, &rp, &user.cookie, "openid").await;
                assert!(tokens["id_token"].is_string(), "code flow, {what}");
            }
            let res = app.post_json("/api/auth/refresh", json!({"refresh_token": first_party}));
            let res = res.await;
            assert_eq!(res.status(), StatusCode::OK, "first-party refresh, {what}");
            let body: Value = res.json().await.unwrap();
            first_party = body["refresh_token"].as_str().unwrap().to_owned();
        }
        app.login("idle@example.com", PASSWORD).await;
    }
}

/// A statement over the server-side limit is stopped by the server, and the error is a `503`.
async fn a_statement_over_the_time_limit_is_stopped_by_the_server(db: Db) {
    let app = TestApp::spawn(db).await;
    let sleep = match db {
        Db::Postgres => "SELECT pg_sleep(30)",
        _ => "SELECT SLEEP(30)",
    };
    let started = Instant::now();
    let result = sqlx::query(sleep).execute(app.auth.store().pool()).await;
    let took = started.elapsed();
    assert!(took < Duration::from_secs(15), "stopped after {took:?}");
    // PostgreSQL and MariaDB interrupt the statement with an error; MySQL makes SLEEP return
    // early instead.
    assert!(db != Db::Postgres || result.is_err());
    if let Err(e) = result {
        let status = portcullis::error::AppError::from(e).status();
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_busy_sqlite_database_gives_503_not_500() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let user = app.user("busy@example.com").await;
    // Another process holds SQLite's write lock for longer than the busy timeout.
    let path = app.database_url.trim_start_matches("sqlite://").to_owned();
    let url = format!("sqlite://{path}");
    let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(&url).await.unwrap();
    sqlx::query("BEGIN IMMEDIATE").execute(&mut conn).await.unwrap();
    let started = Instant::now();
    let res =
        app.bearer(Method::POST, "/api/auth/logout", &user.access_token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(res.headers().contains_key("retry-after"));
    assert!(started.elapsed() < Duration::from_secs(15));
    sqlx::query("ROLLBACK").execute(&mut conn).await.unwrap();
    let res =
        app.bearer(Method::POST, "/api/auth/logout", &user.access_token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
}

/// An outage is logged once as it begins and once as it ends, however many requests meet it,
/// and counted in the metrics.
async fn a_database_outage_is_logged_once_each_way_not_per_request(db: Db) {
    let app = TestApp::spawn(db).await; // a fresh, migrated database
    let proxy = Proxy::start(host_port(&app.database_url)).await;
    let proxied = through(&app.database_url, proxy.port);
    let server = Server::start(&[("PORTCULLIS_DATABASE_URL", proxied.as_str())]);
    let client = reqwest::Client::new();
    let ready = || async { client.get(server.url("/health/ready")).send().await.unwrap().status() };
    assert_eq!(ready().await, StatusCode::OK);

    proxy.set(Link::Down);
    for i in 0..4 {
        let res = client
            .post(server.url("/api/auth/login"))
            .json(&json!({"email": format!("o{i}@example.com"), "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(ready().await, StatusCode::SERVICE_UNAVAILABLE);
    }
    proxy.set(Link::Up);
    for _ in 0..200 {
        if ready().await == StatusCode::OK {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(ready().await, StatusCode::OK, "recovered");

    let down = server.lines_about("WARN", "database unavailable");
    assert_eq!(down.len(), 1, "one warning for the outage: {:#?}", server.log());
    let up = server.lines_about("INFO", "database answers again");
    assert_eq!(up.len(), 1, "one line for the recovery: {:#?}", server.log());
    let text = server.scrape(&client).await;
    assert_eq!(sample(&text, "portcullis_database_outages_total"), Some(1.0), "{text}");
    // Each failed login still has its own request line (readiness probes log at debug).
    let failed = server.request_lines().iter().filter(|l| l["status"] == 503).count();
    assert_eq!(failed, 4);
}

// ---------------------------------------------------------------------------------------------
// Redis outages: a Redis that keeps its connections open and never answers

/// Limits shared through a Redis that goes silent: the first check that times out opens the
/// breaker (one warning, one outage counted), later checks use this node's limits without
/// waiting for Redis, and when Redis answers again a background probe closes the breaker.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_silent_redis_is_cut_off_logged_once_and_rejoined_when_it_answers() {
    let Some(real) = std::env::var("TEST_REDIS_URL").ok().filter(|v| !v.is_empty()) else {
        assert!(std::env::var("CI").map_or(true, |v| v != "true"), "TEST_REDIS_URL in CI");
        eprintln!("skipping: set TEST_REDIS_URL");
        return;
    };
    let redis = Proxy::start(host_port(&real)).await;
    let url = through(&real, redis.port);
    let prefix = format!("pct-{}", uuid::Uuid::new_v4().simple());
    let server = Server::start(&[
        ("PORTCULLIS_REDIS_URL", url.as_str()),
        ("PORTCULLIS_REDIS_PREFIX", prefix.as_str()),
        ("PORTCULLIS_RATE_LIMIT_PER_MINUTE", "1000"),
    ]);
    let client = reqwest::Client::new();
    let forgot = |i: usize| {
        let res = client
            .post(server.url("/api/auth/forgot-password"))
            .json(&json!({"email": format!("r{i}@example.com")}))
            .send();
        async move { res.await.unwrap().status() }
    };
    assert_eq!(forgot(0).await, StatusCode::OK);
    let text = server.scrape(&client).await;
    assert_eq!(sample(&text, "portcullis_rate_limit_shared"), Some(1.0), "{text}");

    // Connections stay open, nothing is answered.
    redis.set(Link::Silent);
    for i in 1..=10 {
        assert_eq!(forgot(i).await, StatusCode::OK, "request {i} completes");
    }
    let warnings = server.lines_about("WARN", "Redis");
    assert_eq!(warnings.len(), 1, "one warning for the outage: {:#?}", server.log());
    let text = server.scrape(&client).await;
    assert_eq!(sample(&text, "portcullis_rate_limit_shared"), Some(0.0), "{text}");
    assert_eq!(sample(&text, "portcullis_rate_limit_redis_outages_total"), Some(1.0), "{text}");
    let fallbacks = sample(&text, "portcullis_rate_limit_redis_fallbacks_total").unwrap();
    assert!(fallbacks >= 10.0, "{text}");

    // Redis answers again: the probe closes the breaker, and checks go to Redis again.
    redis.set(Link::Up);
    let mut shared = 0.0;
    for _ in 0..300 {
        let text = server.scrape(&client).await;
        shared = sample(&text, "portcullis_rate_limit_shared").unwrap();
        if shared == 1.0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(shared, 1.0, "the breaker closes");
    let text = server.scrape(&client).await;
    let fallbacks = sample(&text, "portcullis_rate_limit_redis_fallbacks_total").unwrap();
    for i in 11..=13 {
        assert_eq!(forgot(i).await, StatusCode::OK);
    }
    let text = server.scrape(&client).await;
    assert_eq!(sample(&text, "portcullis_rate_limit_redis_fallbacks_total"), Some(fallbacks));
    assert_eq!(sample(&text, "portcullis_rate_limit_redis_outages_total"), Some(1.0));
    assert_eq!(server.lines_about("WARN", "Redis").len(), 1, "{:#?}", server.log());
    assert_eq!(server.lines_about("INFO", "Redis answers again").len(), 1);
}

// ---------------------------------------------------------------------------------------------
// Housekeeping

/// Runs `sql` (no parameters) on the app's database.
async fn exec(app: &TestApp, sql: &str) {
    sqlx::query(sql).execute(app.auth.store().pool()).await.unwrap();
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    let row = sqlx::query(sql).fetch_one(app.auth.store().pool()).await.unwrap();
    row.try_get::<i64, _>(0).unwrap()
}

async fn ids(app: &TestApp, sql: &str) -> Vec<String> {
    let rows = sqlx::query(sql).fetch_all(app.auth.store().pool()).await.unwrap();
    let mut out: Vec<String> = rows
        .iter()
        .map(|r| {
            r.try_get::<String, _>(0)
                .or_else(|_| r.try_get::<Vec<u8>, _>(0).map(|b| String::from_utf8(b).unwrap()))
                .unwrap()
        })
        .collect();
    out.sort();
    out
}

async fn session_id(app: &TestApp, token: &str) -> String {
    let body: Value = app
        .bearer(Method::GET, "/api/auth/sessions", token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let sessions = body["sessions"].as_array().unwrap();
    sessions.iter().find(|s| s["current"] == true).unwrap()["id"].as_str().unwrap().to_owned()
}

async fn housekeeping_removes_what_it_should_and_nothing_else(db: Db) {
    let app = TestApp::spawn(db).await;
    let now = now_ms();
    let day = 86_400_000;

    // Sessions: one live (refreshed once, so it has a spent and a live refresh token), one
    // logged out, one expired.
    let live = app.unverified_user("keep@example.com").await;
    let res =
        app.post_json("/api/auth/refresh", json!({"refresh_token": live.refresh_token})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let rotated: Value = res.json().await.unwrap();
    let live_id = session_id(&app, &live.access_token).await;
    let out = app.login("keep@example.com", PASSWORD).await;
    let res = app.bearer(Method::POST, "/api/auth/logout", &out.access_token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let old = app.login("keep@example.com", PASSWORD).await;
    let old_id = session_id(&app, &old.access_token).await;
    exec(&app, &format!("UPDATE sessions SET expires_at = {} WHERE id = '{old_id}'", now - 1000))
        .await;

    // One-time tokens: keep@'s verification spent, pending@'s live, expired@'s expired, and a
    // live reset token for keep@.
    app.verify("keep@example.com").await;
    app.register("pending@example.com", PASSWORD).await;
    app.register("expired@example.com", PASSWORD).await;
    exec(
        &app,
        &format!(
            "UPDATE one_time_tokens SET expires_at = {} WHERE email_key = 'expired@example.com'",
            now - 1000
        ),
    )
    .await;
    let res =
        app.post_json("/api/auth/forgot-password", json!({"email": "keep@example.com"})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let reset = app.token_from_mail("keep@example.com", "Reset").await;
    let live_tokens = ids(
        &app,
        "SELECT token_hash FROM one_time_tokens WHERE used_at IS NULL AND email_key <> 'expired@example.com'",
    )
    .await;
    assert_eq!(live_tokens.len(), 2, "pending@'s verification and keep@'s reset");

    // Outbox: every message so far is pending. Make some delivered or failed, some of those
    // old; an old pending one stays.
    let mail = ids(&app, "SELECT id FROM outbox").await;
    assert!(mail.len() >= 4, "{mail:?}");
    let (old_sent, old_failed, recent_sent, old_pending) = (&mail[0], &mail[1], &mail[2], &mail[3]);
    let eight_days_ago = now - 8 * day;
    for (id, status, created) in [
        (old_sent, "sent", eight_days_ago),
        (old_failed, "failed", eight_days_ago),
        (recent_sent, "sent", now - 6 * day),
        (old_pending, "pending", eight_days_ago),
    ] {
        exec(
            &app,
            &format!(
                "UPDATE outbox SET status = '{status}', created_at = {created} WHERE id = '{id}'"
            ),
        )
        .await;
    }

    // Webhook deliveries: delivered or given up long ago go; a recent one and a pending one
    // (however old: it is still to be sent) stay.
    for (id, status, created) in [
        ("wh-old-delivered", "delivered", eight_days_ago),
        ("wh-old-failed", "failed", eight_days_ago),
        ("wh-recent-delivered", "delivered", now - 6 * day),
        ("wh-old-pending", "pending", eight_days_ago),
    ] {
        exec(
            &app,
            &format!(
                "INSERT INTO webhook_outbox (id, endpoint, event_type, payload, created_at, \
                 status, next_attempt_at) VALUES ('{id}', 'ops', 'user.created', '{{}}', \
                 {created}, '{status}', {created})"
            ),
        )
        .await;
    }

    // Many dead tokens, to go in several batches.
    let user_id = live.body["user"]["id"].as_str().unwrap().to_owned();
    for chunk in 0..3 {
        let values: Vec<String> = (0..400)
            .map(|i| {
                format!(
                    "('dead-{chunk}-{i}', '{user_id}', 'verify_email', 'keep@example.com', 0, 1, NULL)"
                )
            })
            .collect();
        exec(
            &app,
            &format!(
                "INSERT INTO one_time_tokens (token_hash, user_id, purpose, email_key, created_at, \
                 expires_at, used_at) VALUES {}",
                values.join(", ")
            ),
        )
        .await;
    }

    let swept = portcullis::housekeeping::run_once(&app.auth, now_ms(), None).await.unwrap();
    assert_eq!(swept.sessions, 2, "{swept:?}");
    assert_eq!(swept.refresh_tokens, 2, "one each for the ended sessions: {swept:?}");
    assert_eq!(swept.one_time_tokens, 1200 + 2, "{swept:?}");
    assert_eq!(swept.outbox, 2, "{swept:?}");
    assert_eq!(swept.webhooks, 2, "{swept:?}");
    assert_eq!(swept.signing_keys, 0);

    assert_eq!(ids(&app, "SELECT id FROM sessions").await, vec![live_id.clone()]);
    assert_eq!(
        count(&app, &format!("SELECT COUNT(*) FROM refresh_tokens WHERE session_id = '{live_id}'"))
            .await,
        2,
        "a live session keeps its spent refresh token (reuse detection)"
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM refresh_tokens").await, 2);
    assert_eq!(ids(&app, "SELECT token_hash FROM one_time_tokens").await, live_tokens);
    let mut kept_mail: Vec<String> =
        mail.iter().filter(|id| *id != old_sent && *id != old_failed).cloned().collect();
    kept_mail.sort();
    assert_eq!(ids(&app, "SELECT id FROM outbox").await, kept_mail);
    assert_eq!(
        ids(&app, "SELECT id FROM webhook_outbox").await,
        vec!["wh-old-pending".to_owned(), "wh-recent-delivered".to_owned()]
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM users").await, 3);

    // What was kept still works.
    assert_eq!(app.user_status_bearer(&live.access_token).await, StatusCode::OK);
    assert_eq!(app.user_status_cookie(&live.cookie).await, StatusCode::OK);
    let res = app
        .post_json("/api/auth/refresh", json!({"refresh_token": rotated["refresh_token"]}))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = app
        .post_json(
            "/api/auth/reset-password",
            json!({"token": reset, "new_password": "a new fine secret"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let text = scrape(&app).await;
    assert_eq!(
        sample(&text, r#"portcullis_housekeeping_deleted_rows_total{kind="one_time_tokens"}"#),
        Some(1202.0)
    );

    // A second run finds nothing it has not already done but what the reset just spent.
    let again = portcullis::housekeeping::run_once(&app.auth, now_ms(), None).await.unwrap();
    assert_eq!(again.outbox, 0);
    assert_eq!(again.webhooks, 0);
    assert_eq!(again.one_time_tokens, 1, "the reset token, spent just now");
}

/// Undelivered mail that holds a one-time link is not kept past the link's life (without SMTP
/// nothing delivers it): the worker never takes it, and housekeeping marks it `expired` and
/// drops its bodies. Mail without a link, and mail whose link still works, stay pending.
async fn undelivered_mail_expires_with_its_link(db: Db) {
    let app = TestApp::spawn(db).await;
    let email = "unsent@example.com";
    let login = app.user(email).await;
    let res = app.post_json("/api/auth/forgot-password", json!({"email": email})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let reset = app.token_from_mail(email, "Reset").await;
    let res = app
        .bearer(Method::POST, "/api/auth/change-password", &login.access_token)
        .json(&json!({"current_password": PASSWORD, "new_password": "another fine secret"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    app.mail_about(email, "password was changed").await;
    let kinds = |status: &'static str| {
        let app = &app;
        async move { ids(app, &format!("SELECT kind FROM outbox WHERE status = '{status}'")).await }
    };
    assert_eq!(kinds("pending").await, ["password_changed", "reset_password", "verify_email"]);
    let (now, hour) = (now_ms(), 3_600_000);

    // Two hours on: the reset link (1 h) is dead, the verification link (24 h) is not.
    let swept = portcullis::housekeeping::run_once(&app.auth, now + 2 * hour, None).await.unwrap();
    assert_eq!(swept.expired_mail, 1, "{swept:?}");
    assert_eq!(kinds("expired").await, ["reset_password"]);
    assert_eq!(kinds("pending").await, ["password_changed", "verify_email"]);
    let bodies = ids(&app, "SELECT text_body FROM outbox WHERE kind = 'reset_password'").await;
    assert!(bodies.iter().all(|b| !b.contains(&reset)), "no link kept: {bodies:?}");

    // A day on, the worker would take the notice alone; housekeeping expires the verification.
    let due =
        app.auth.store().due(portcullis::store::Queue::Mail, now + 25 * hour, 16).await.unwrap();
    let due: Vec<String> = due.into_iter().map(|d| d.id).collect();
    assert_eq!(due, ids(&app, "SELECT id FROM outbox WHERE kind = 'password_changed'").await);
    portcullis::housekeeping::run_once(&app.auth, now + 25 * hour, None).await.unwrap();
    assert_eq!(kinds("expired").await, ["reset_password", "verify_email"]);
    assert_eq!(kinds("pending").await, ["password_changed"]);
}

async fn housekeeping_runs_by_itself_at_its_interval(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_HOUSEKEEPING_INTERVAL", "200ms")]).await;
    let keep = app.user("stay@example.com").await;
    let gone = app.login("stay@example.com", PASSWORD).await;
    let gone_id = session_id(&app, &gone.access_token).await;
    let res =
        app.bearer(Method::POST, "/api/auth/logout", &gone.access_token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let started = Instant::now();
    let query = format!("SELECT COUNT(*) FROM sessions WHERE id = '{gone_id}'");
    while count(&app, &query).await > 0 {
        assert!(started.elapsed() < Duration::from_secs(10), "the revoked session stayed");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sessions").await, 1);
    assert_eq!(app.user_status_bearer(&keep.access_token).await, StatusCode::OK);
    // The run that deleted it ends a moment later.
    let started = Instant::now();
    loop {
        let text = scrape(&app).await;
        if sample(&text, r#"portcullis_housekeeping_runs_total{outcome="ok"}"#).is_some() {
            assert_eq!(
                sample(&text, r#"portcullis_housekeeping_runs_total{outcome="error"}"#),
                None
            );
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "{text}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
