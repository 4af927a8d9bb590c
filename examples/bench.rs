//! portcullis-bench: how fast and how lean Portcullis is, against ceilings measured in the
//! same run on the same machine. Run it with `bench/run.sh` (which builds in release mode
//! first); it prints a table and writes `bench/results.json`.
//!
//! It starts the release `portcullis` binary as a child process (SQLite in a temporary
//! directory, or `--database-url` for an empty Postgres/MariaDB database), with rate limits
//! off, and drives it over loopback with a closed-loop client at a fixed concurrency (or an
//! open loop at a fixed rate for the flood). The load generator shares the machine's cores
//! with the server, as a co-located proxy would: the ratios, not the absolute numbers, are the
//! figures of merit.
//!
//! It is an example so that `cargo test` builds it (it cannot rot) without running it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::zombie_processes)]

use std::collections::BTreeMap;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};

const PASSWORD: &str = "correct horse battery staple";

struct Options {
    duration: Duration,
    max_users: u64,
    database_url: Option<String>,
    out: String,
    /// Also run the peers of `bench/peers/` (installed by its setup.sh).
    peers: bool,
    /// Run oidc-provider (only) beside the provider's phases, as `peers` does.
    oidc_peer: bool,
    /// Only the OpenID Connect provider's phases (with oidc-provider when `peers`).
    provider_only: bool,
    /// Only the administration console's user list and search, at `max_users` users.
    console_only: bool,
    /// Only `/health/live`, the authenticated GETs and the database path's ceiling.
    reads_only: bool,
}

fn options() -> Options {
    let mut o = Options {
        duration: Duration::from_secs(10),
        max_users: 1_000_000,
        database_url: None,
        out: String::new(),
        peers: false,
        oidc_peer: false,
        provider_only: false,
        console_only: false,
        reads_only: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--duration" => {
                o.duration = Duration::from_secs(
                    args.next().and_then(|v| v.parse().ok()).expect("--duration SECS"),
                )
            }
            "--max-users" => {
                o.max_users = args.next().and_then(|v| v.parse().ok()).expect("--max-users N")
            }
            "--database-url" => o.database_url = args.next(),
            "--out" => o.out = args.next().expect("--out FILE"),
            "--peers" => o.peers = true,
            "--oidc-peer" => o.oidc_peer = true,
            "--provider-only" => o.provider_only = true,
            "--console-only" => o.console_only = true,
            "--reads-only" => o.reads_only = true,
            "--quick" => {
                o.duration = Duration::from_secs(3);
                o.max_users = 100_000;
            }
            other => panic!("unknown argument {other}; see bench/run.sh"),
        }
    }
    if o.out.is_empty() {
        // A provider-only run does not overwrite the full run's results.
        o.out = if o.provider_only {
            "bench/results-provider.json"
        } else if o.console_only {
            "bench/results-console.json"
        } else if o.reads_only {
            "bench/results-reads.json"
        } else {
            "bench/results.json"
        }
        .into();
    }
    o
}

/// A running `portcullis serve`.
struct Server {
    child: Child,
    base: String,
    database_url: String,
}

impl Server {
    async fn start(database_url: &str, port: u16) -> Self {
        Self::start_with(database_url, port, &[]).await
    }

    /// A server with `extra` settings on top of the harness's (later wins).
    async fn start_with(database_url: &str, port: u16, extra: &[(&str, &str)]) -> Self {
        let child = Self::command(database_url, port, extra).spawn().expect("start portcullis");
        let base = format!("http://127.0.0.1:{port}");
        let client = Client::new();
        for _ in 0..200 {
            if client.get(format!("{base}/health/live")).send().await.is_ok() {
                return Self { child, base, database_url: database_url.to_owned() };
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("portcullis did not start");
    }

    /// The release binary next to the harness's folder (`target/release/portcullis`).
    fn binary() -> std::path::PathBuf {
        let exe = std::env::current_exe().unwrap();
        let bin = exe.parent().unwrap().parent().unwrap().join("portcullis");
        assert!(bin.exists(), "build the server first: cargo build --release (bench/run.sh does)");
        bin
    }

    /// `portcullis serve` with the harness's settings and `extra` on top (later wins).
    fn command(database_url: &str, port: u16, extra: &[(&str, &str)]) -> Command {
        let mut cmd = Command::new(Self::binary());
        cmd.arg("serve")
            .env("PORTCULLIS_DATABASE_URL", database_url)
            .env("PORTCULLIS_BIND", format!("127.0.0.1:{port}"))
            .env("PORTCULLIS_DEV", "true")
            .env("PORTCULLIS_RATE_LIMIT_PER_MINUTE", "0")
            .env("PORTCULLIS_LOGIN_FAILURES_PER_HOUR", "0")
            .env("PORTCULLIS_HASH_QUEUE", "8")
            .env("PORTCULLIS_LOG", "error")
            // Each server its own metrics port, one above its main port's thousand.
            .env("PORTCULLIS_METRICS_BIND", format!("127.0.0.1:{}", port + 1000))
            .envs(extra.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        cmd
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    /// A memory figure of the process, in KiB: a field of Linux's `/proc/PID/status`.
    fn status_kib(&self, field: &str) -> u64 {
        let status =
            std::fs::read_to_string(format!("/proc/{}/status", self.pid())).unwrap_or_default();
        status
            .lines()
            .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
            .and_then(|v| v.split_whitespace().next()?.parse().ok())
            .unwrap_or(0)
    }

    /// Peak resident memory since the last reset, in KiB.
    fn peak_rss_kib(&self) -> u64 {
        self.status_kib("VmHWM")
    }

    /// Resident memory now, in KiB.
    fn rss_kib(&self) -> u64 {
        self.status_kib("VmRSS")
    }

    /// Resets the peak so the next reading covers only what follows.
    fn reset_peak(&self) {
        let _ = std::fs::write(format!("/proc/{}/clear_refs", self.pid()), "5");
    }

    fn stop(mut self) {
        let _ = Command::new("kill").arg("-TERM").arg(self.pid().to_string()).status();
        let _ = self.child.wait();
    }
}

/// A server the run did not stop (a failed assertion unwinds through here) is killed, so it
/// does not hold its port against the next run.
impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

#[derive(Default)]
struct Stats {
    latencies_us: Vec<u32>,
    statuses: BTreeMap<u16, u64>,
    errors: u64,
    /// 2xx answers whose body was not what the phase expects (an introspection's
    /// `"active":false`, say): counted in `statuses`, but not as served.
    invalid: u64,
    elapsed: Duration,
}

impl Stats {
    fn merge(&mut self, other: Stats) {
        self.latencies_us.extend(other.latencies_us);
        for (k, v) in other.statuses {
            *self.statuses.entry(k).or_default() += v;
        }
        self.errors += other.errors;
        self.invalid += other.invalid;
    }

    fn ok(&self) -> u64 {
        let ok: u64 =
            self.statuses.iter().filter(|(s, _)| (200..300).contains(*s)).map(|(_, n)| n).sum();
        ok - self.invalid
    }

    fn rps(&self) -> f64 {
        self.ok() as f64 / self.elapsed.as_secs_f64()
    }

    fn percentile_ms(&mut self, p: f64) -> f64 {
        if self.latencies_us.is_empty() {
            return 0.0;
        }
        self.latencies_us.sort_unstable();
        let i = ((self.latencies_us.len() as f64 - 1.0) * p).round() as usize;
        f64::from(self.latencies_us[i]) / 1000.0
    }

    fn json(&mut self) -> Value {
        json!({
            "requests_per_second": round(self.rps()),
            "p50_ms": round(self.percentile_ms(0.50)),
            "p99_ms": round(self.percentile_ms(0.99)),
            "statuses": self.statuses,
            "transport_errors": self.errors,
            "invalid_answers": self.invalid,
        })
    }
}

fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn read(name: &str, stats: &mut Stats, rss: u64) -> Value {
    let mut v = stats.json();
    v["peak_rss_kib"] = json!(rss);
    eprintln!("{name:<28} {v}");
    v
}

type MakeRequest = Arc<dyn Fn(&Client, u64) -> reqwest::RequestBuilder + Send + Sync>;

/// What a 2xx answer's body must hold to count as served.
type Check = Arc<dyn Fn(&[u8]) -> bool + Send + Sync>;

async fn send(client: &Client, make: &MakeRequest, n: u64, stats: &mut Stats) {
    send_checked(client, make, None, n, stats).await
}

async fn send_checked(
    client: &Client,
    make: &MakeRequest,
    check: Option<&Check>,
    n: u64,
    stats: &mut Stats,
) {
    let started = Instant::now();
    match make(client, n).send().await {
        Ok(res) => {
            let status = res.status().as_u16();
            let body = res.bytes().await;
            stats.latencies_us.push(started.elapsed().as_micros().min(u128::from(u32::MAX)) as u32);
            *stats.statuses.entry(status).or_default() += 1;
            if let Some(check) = check {
                if (200..300).contains(&status) && !body.is_ok_and(|b| check(&b)) {
                    stats.invalid += 1;
                }
            }
        }
        Err(_) => stats.errors += 1,
    }
}

/// The workers' statistics, merged.
async fn merged(workers: Vec<tokio::task::JoinHandle<Stats>>) -> Stats {
    let mut total = Stats::default();
    for w in workers {
        total.merge(w.await.unwrap());
    }
    total
}

/// `concurrency` workers, each sending its next request when the last one answered.
async fn closed_loop(make: MakeRequest, concurrency: usize, duration: Duration) -> Stats {
    closed_loop_checked(make, None, concurrency, duration).await
}

/// [`closed_loop`], counting as served only the 2xx answers whose body passes `check`.
async fn closed_loop_checked(
    make: MakeRequest,
    check: Option<Check>,
    concurrency: usize,
    duration: Duration,
) -> Stats {
    let client = Client::builder().pool_max_idle_per_host(concurrency).build().unwrap();
    let counter = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let deadline = started + duration;
    let workers: Vec<_> = (0..concurrency)
        .map(|_| {
            let (client, make, counter) = (client.clone(), make.clone(), counter.clone());
            let check = check.clone();
            tokio::spawn(async move {
                let mut stats = Stats::default();
                while Instant::now() < deadline {
                    let n = counter.fetch_add(1, Ordering::Relaxed);
                    send_checked(&client, &make, check.as_ref(), n, &mut stats).await;
                }
                stats
            })
        })
        .collect();
    let mut total = merged(workers).await;
    total.elapsed = started.elapsed();
    total
}

/// Requests at a fixed `rate` per second whatever the answers (a flood does not wait).
async fn open_loop(make: MakeRequest, rate: f64, duration: Duration) -> Stats {
    let client = Client::builder().build().unwrap();
    let started = Instant::now();
    let interval = Duration::from_secs_f64(1.0 / rate.max(1.0));
    let mut tick = tokio::time::interval(interval);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
    let mut tasks = Vec::new();
    let mut n = 0u64;
    while started.elapsed() < duration {
        tick.tick().await;
        let (client, make) = (client.clone(), make.clone());
        tasks.push(tokio::spawn(async move {
            let mut stats = Stats::default();
            send(&client, &make, n, &mut stats).await;
            stats
        }));
        n += 1;
    }
    let mut total = merged(tasks).await;
    total.elapsed = duration;
    total
}

/// CPU time used by processes, in clock ticks (`utime + stime` of Linux's `/proc/PID/stat`).
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let field = |i: usize| fields.get(i).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
    field(11) + field(12)
}

/// CPU ticks of every database server process on the machine (PostgreSQL's backends,
/// MariaDB's server).
fn database_cpu_ticks() -> u64 {
    let Ok(dir) = std::fs::read_dir("/proc") else { return 0 };
    dir.filter_map(Result::ok)
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
            matches!(comm.trim(), "postgres" | "mariadbd" | "mysqld")
        })
        .map(cpu_ticks)
        .sum()
}

/// Where the CPU of a phase went, per served request: the server, the database server (when
/// there is one), and this load generator, from their CPU times before and after.
struct CpuMeter {
    server: u32,
    start: (u64, u64, u64),
}

impl CpuMeter {
    fn start(server: u32) -> Self {
        let me = std::process::id();
        Self { server, start: (cpu_ticks(server), database_cpu_ticks(), cpu_ticks(me)) }
    }

    fn per_request(&self, served: u64) -> Value {
        let me = std::process::id();
        let end = (cpu_ticks(self.server), database_cpu_ticks(), cpu_ticks(me));
        // Ticks of 10 ms (`sysconf(_SC_CLK_TCK)` is 100 on Linux).
        let us = |a: u64, b: u64| round((b - a) as f64 * 10_000.0 / served.max(1) as f64);
        json!({
            "server": us(self.start.0, end.0),
            "database": us(self.start.1, end.1),
            "load_generator": us(self.start.2, end.2),
        })
    }
}

/// Cold start and footprint: `runs` times, the time from `exec` of `portcullis serve` to the
/// first `200` of `/health/ready` (polled every millisecond), then the resident memory after a
/// second idle; and the binary's size. On SQLite each start is on a new database file, so it
/// includes making the file and every migration; on PostgreSQL and MariaDB it is on the run's
/// database, already migrated. The built-in breached-password filter is on (the default).
async fn startup_phase(database_url: Option<&str>, runs: usize) -> Value {
    let client = Client::new();
    let mut ready_ms = Vec::new();
    let mut idle_kib = Vec::new();
    for run in 0..runs {
        let dir = tempfile::tempdir().unwrap();
        let url = database_url
            .map_or_else(|| format!("sqlite://{}/start.db", dir.path().display()), str::to_owned);
        let port = 18_950 + run as u16;
        let started = Instant::now();
        let child = Server::command(&url, port, &[]).spawn().expect("start portcullis");
        let server =
            Server { child, base: format!("http://127.0.0.1:{port}"), database_url: url.clone() };
        let ready = format!("{}/health/ready", server.base);
        loop {
            let r = client.get(&ready).send().await;
            if r.is_ok_and(|r| r.status() == StatusCode::OK) {
                break;
            }
            assert!(started.elapsed() < Duration::from_secs(30), "not ready after 30 s");
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        ready_ms.push(round(started.elapsed().as_secs_f64() * 1000.0));
        tokio::time::sleep(Duration::from_secs(1)).await;
        idle_kib.push(server.rss_kib());
        server.stop();
    }
    let size = std::fs::metadata(Server::binary()).map(|m| m.len()).unwrap_or(0);
    let v = json!({
        "exec_to_ready_ms": ready_ms,
        "idle_rss_kib": idle_kib,
        "binary_bytes": size,
        "fresh_database": database_url.is_none(),
    });
    eprintln!("{:<28} {v}", "startup");
    v
}

/// The ceiling of the database path, served by the harness's own binary as a child process
/// (`bench --serve-ceiling DATABASE_URL PORT SESSION_ID`): Portcullis's connection loop
/// (`http::server::serve`), the same runtime (Tokio's multi-threaded default, as `portcullis`
/// builds it), the same allocator, and the store opened as `serve` opens it (the same pool
/// settings and driver), with one route that does exactly the session lookup of every
/// authenticated request (`Store::session_by_id`: the one-row primary-key read of the session
/// and its user) and nothing else: no middleware, no token to verify, no JSON to write.
async fn serve_ceiling(database_url: String, port: u16, sid: String) {
    let settings = portcullis::Settings::from_map([
        ("PORTCULLIS_DATABASE_URL", database_url.as_str()),
        ("PORTCULLIS_DEV", "true"),
    ])
    .unwrap();
    let store = Arc::new(portcullis::store::Store::connect(&settings.database_url).await.unwrap());
    let lookup = move || {
        let (store, sid) = (store.clone(), sid.clone());
        async move {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_millis() as i64;
            match store.session_by_id(&sid, now).await {
                Ok(Some(_)) => StatusCode::OK,
                Ok(None) => StatusCode::UNAUTHORIZED,
                Err(_) => StatusCode::SERVICE_UNAVAILABLE,
            }
        }
    };
    let router = axum::Router::new().route("/ceiling", axum::routing::get(lookup));
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.unwrap();
    let limits = portcullis::http::server::ServerLimits {
        header_timeout: settings.header_timeout,
        max_connections: settings.max_connections,
        max_connections_per_ip: settings.max_connections_per_ip,
        shutdown_timeout: settings.shutdown_timeout,
    };
    portcullis::http::server::serve(listener, router, limits, std::future::pending()).await;
}

/// Starts [`serve_ceiling`] on `port` for session `sid`, and waits until it finds the session.
async fn start_ceiling(database_url: &str, port: u16, sid: &str) -> Server {
    let child = Command::new(std::env::current_exe().unwrap())
        .args(["--serve-ceiling", database_url, &port.to_string(), sid])
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start the ceiling");
    let ceiling = Server {
        child,
        base: format!("http://127.0.0.1:{port}"),
        database_url: database_url.into(),
    };
    let client = Client::new();
    for _ in 0..200 {
        let r = client.get(format!("{}/ceiling", ceiling.base)).send().await;
        if r.is_ok_and(|r| r.status() == StatusCode::OK) {
            return ceiling;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the ceiling did not start or does not find session {sid}");
}

/// The session id (`sid`) of an access token (its payload, not verified: the harness's own).
fn sid_of(access_token: &str) -> String {
    use base64::Engine as _;
    let payload = access_token.split('.').nth(1).unwrap();
    let claims: Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload).unwrap(),
    )
    .unwrap();
    claims["sid"].as_str().unwrap().to_owned()
}

/// Argon2id hashes per second with Portcullis's default parameters, one thread per core,
/// without HTTP or a database: the ceiling for logins.
fn raw_argon2_rate(duration: Duration) -> f64 {
    use argon2::{Algorithm, Argon2, Params, Version};
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let done = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let threads: Vec<_> = (0..cores)
        .map(|_| {
            let done = done.clone();
            std::thread::spawn(move || {
                let argon = Argon2::new(
                    Algorithm::Argon2id,
                    Version::V0x13,
                    Params::new(19_456, 2, 1, None).unwrap(),
                );
                let mut out = [0u8; 32];
                while started.elapsed() < duration {
                    argon
                        .hash_password_into(PASSWORD.as_bytes(), b"bench-salt-16byt", &mut out)
                        .unwrap();
                    done.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    done.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64()
}

fn json_post(
    path: &'static str,
    base: String,
    body: impl Fn(u64) -> Value + Send + Sync + 'static,
) -> MakeRequest {
    Arc::new(move |c: &Client, n| c.post(format!("{base}{path}")).json(&body(n)))
}

fn get(path: &'static str, base: String, header: Option<(&'static str, String)>) -> MakeRequest {
    Arc::new(move |c: &Client, _| {
        let r = c.request(Method::GET, format!("{base}{path}"));
        match &header {
            Some((k, v)) => r.header(*k, v.clone()),
            None => r,
        }
    })
}

/// Sends `n` failed logins, `concurrency` at a time, each under identifier `ident(i)`.
async fn failed_logins(base: &str, n: u64, concurrency: u64, ident: fn(u64) -> String) -> Stats {
    let client = Client::new();
    let next = Arc::new(AtomicU64::new(0));
    let mut workers = Vec::new();
    for _ in 0..concurrency {
        let (client, next, url) = (client.clone(), next.clone(), format!("{base}/api/auth/login"));
        workers.push(tokio::spawn(async move {
            let mut stats = Stats::default();
            let make: MakeRequest = Arc::new(move |c: &Client, i| {
                c.post(url.clone()).json(&json!({"email": ident(i), "password": "not the one"}))
            });
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= n {
                    return stats;
                }
                send(&client, &make, i, &mut stats).await;
            }
        }));
    }
    merged(workers).await
}

/// The phase of that name: resident memory before, after 2,000 failed logins with 60 KiB
/// identifiers, and after more failed logins with distinct identifiers of 300 bytes (each
/// costs a dummy Argon2id, so their number follows the phase duration).
async fn throttle_state_attack(duration: Duration) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}/attack.db", dir.path().display());
    let server =
        Server::start_with(&db, 18_902, &[("PORTCULLIS_LOGIN_FAILURES_PER_HOUR", "20")]).await;
    let rss_before = server.rss_kib();
    let t = Instant::now();
    let mut huge = failed_logins(&server.base, 2_000, 8, |i| {
        format!("{}{i}@example.com", "a".repeat(60 * 1024))
    })
    .await;
    huge.elapsed = t.elapsed();
    let rss_after_huge = server.rss_kib();
    let in_bounds = (duration.as_secs() * 100).clamp(300, 1_000);
    let t = Instant::now();
    let mut long = failed_logins(&server.base, in_bounds, 4, |i| {
        format!("{}{i}@example.com", "b".repeat(280))
    })
    .await;
    long.elapsed = t.elapsed();
    let rss_after_long = server.rss_kib();
    let metrics = Client::new()
        .get("http://127.0.0.1:19902/metrics")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let tracked = metrics
        .lines()
        .find_map(|l| l.strip_prefix("portcullis_login_throttle_tracked "))
        .and_then(|v| v.trim().parse::<f64>().ok());
    let v = json!({
        "rss_before_kib": rss_before,
        "oversized_60kib_identifiers": huge.json(),
        "rss_after_oversized_kib": rss_after_huge,
        "distinct_300_byte_identifiers": long.json(),
        "rss_after_distinct_kib": rss_after_long,
        "identifiers_tracked": tracked,
        "peak_rss_kib": server.peak_rss_kib(),
    });
    eprintln!("{:<28} {v}", "throttle_state_attack");
    server.stop();
    v
}

/// Starts a peer of `bench/peers/` on `port` (with its SQLite file `db`, if it has one, and
/// `env` on top of the harness's) and waits until it answers `GET /health`.
async fn start_peer(
    name: &str,
    port: u16,
    db: Option<&std::path::Path>,
    env: &[(&str, &str)],
) -> Server {
    let mut cmd = Command::new("bench/peers/start.sh");
    cmd.arg(name).arg(port.to_string());
    if let Some(db) = db {
        cmd.arg(db);
    }
    let child = cmd
        .envs(env.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start a peer (bench/peers/setup.sh installs them)");
    // Made at once, so that a peer that never answers is killed when the panic below unwinds.
    let peer =
        Server { child, base: format!("http://127.0.0.1:{port}"), database_url: String::new() };
    let client = Client::new();
    for _ in 0..300 {
        let health = client.get(format!("{}/health", peer.base)).send().await;
        if health.is_ok_and(|r| r.status().is_success()) {
            return peer;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{name} did not start");
}

/// Resets the peak resident memory of process `pid` (Linux), so the next reading covers only
/// what follows.
fn reset_peak_of(pid: u32) {
    let _ = std::fs::write(format!("/proc/{pid}/clear_refs"), "5");
}

/// Peak resident memory of process `pid` since the last reset, in KiB (0 if unknown).
fn peak_rss_kib_of(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
        .unwrap_or(0)
}

/// A peer of `bench/peers/` (better-auth or FastAPI Users) on its own defaults and SQLite:
/// its session read (`get-session`, `/users/me`) in a closed loop, as Portcullis's
/// `GET /api/auth/user`, and its peak memory.
async fn peer_phase(name: &str, port: u16, duration: Duration) -> (Value, f64) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("peer.db");
    let peer = start_peer(name, port, Some(&db), &[]).await;
    let base = peer.base.clone();
    let client = Client::new();
    let email = "bench@example.com";
    let (path, header) = if name == "better-auth" {
        let origin = base.clone();
        let r = client
            .post(format!("{base}/api/auth/sign-up/email"))
            .header("origin", &origin)
            .json(&json!({"email": email, "password": PASSWORD, "name": "Bench"}))
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success(), "{name} sign-up: {}", r.status());
        let r = client
            .post(format!("{base}/api/auth/sign-in/email"))
            .header("origin", &origin)
            .json(&json!({"email": email, "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success(), "{name} sign-in: {}", r.status());
        let cookie = r.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap();
        ("/api/auth/get-session", ("cookie", cookie.to_owned()))
    } else {
        let r = client
            .post(format!("{base}/auth/register"))
            .json(&json!({"email": email, "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success(), "{name} register: {}", r.status());
        let r = client
            .post(format!("{base}/auth/jwt/login"))
            .form(&[("username", email), ("password", PASSWORD)])
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success(), "{name} login: {}", r.status());
        let token = r.json::<Value>().await.unwrap()["access_token"].as_str().unwrap().to_owned();
        ("/users/me", ("authorization", format!("Bearer {token}")))
    };
    // A bad session is `200 null` at better-auth: check this one is good before counting 200s.
    let check = client.get(format!("{base}{path}")).header(header.0, &header.1).send().await;
    let body: Value = check.unwrap().json().await.unwrap();
    assert!(!body.is_null() && body.get("email").or(body.get("user")).is_some(), "{body}");
    peer.reset_peak();
    let mut stats = closed_loop(get(path, base, Some(header)), 32, duration).await;
    let peak = peer.peak_rss_kib();
    let rps = stats.rps();
    let mut v = stats.json();
    v["route"] = json!(path);
    v["peak_rss_kib"] = json!(peak);
    eprintln!("{:<28} {v}", format!("peer_{name}"));
    peer.stop();
    (v, rps)
}

/// Signs `email` up and in; the login answer (the account is created if needed).
async fn sign_in(client: &Client, base: &str, email: &str) -> Value {
    let _ = client
        .post(format!("{base}/api/auth/register"))
        .json(&json!({"email": email, "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    let r = client
        .post(format!("{base}/api/auth/login"))
        .json(&json!({"email": email, "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "login {email}");
    r.json().await.unwrap()
}

/// Confirms `email`'s address with the token of its verification mail, read from the dev
/// mailbox (`/dev/mail`; the harness runs the server in dev mode). The mail is queued after
/// the registration answers, so it is waited for (up to five seconds).
async fn verify_email(client: &Client, base: &str, email: &str) {
    for _ in 0..100 {
        let r = client.get(format!("{base}/dev/mail")).query(&[("to", email)]).send().await;
        let mail: Value = r.unwrap().json().await.unwrap();
        let text = mail["messages"].as_array().and_then(|all| {
            all.iter()
                .rev()
                .find(|m| m["subject"].as_str().is_some_and(|s| s.contains("Confirm")))
                .and_then(|m| m["text"].as_str().map(str::to_owned))
        });
        if let Some(text) = text {
            let start = text.find("token=").expect("a link with a token") + "token=".len();
            let token: String = text[start..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            let r = client
                .post(format!("{base}/api/auth/verify-email"))
                .json(&json!({"token": token}))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::OK, "verifying {email}");
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("no verification mail to {email}");
}

/// `POST /api/auth/refresh` in a closed loop: each worker follows its own session's chain
/// of refresh tokens (each answer's token is the next request's; a spent one would revoke
/// the session).
async fn refresh_phase(base: &str, concurrency: usize, duration: Duration) -> Stats {
    let client = Client::builder().pool_max_idle_per_host(concurrency).build().unwrap();
    let mut tokens = Vec::new();
    for w in 0..concurrency {
        let login = sign_in(&client, base, &format!("refresh{w}@example.com")).await;
        tokens.push(login["refresh_token"].as_str().unwrap().to_owned());
    }
    let started = Instant::now();
    let deadline = started + duration;
    let workers: Vec<_> = tokens
        .into_iter()
        .map(|mut token| {
            let (client, url) = (client.clone(), format!("{base}/api/auth/refresh"));
            tokio::spawn(async move {
                let mut stats = Stats::default();
                while Instant::now() < deadline {
                    let t = Instant::now();
                    let res = client.post(&url).json(&json!({"refresh_token": token})).send();
                    let Ok(res) = res.await else {
                        stats.errors += 1;
                        continue;
                    };
                    let status = res.status().as_u16();
                    let body: Value = res.json().await.unwrap_or_default();
                    stats.latencies_us.push(t.elapsed().as_micros() as u32);
                    *stats.statuses.entry(status).or_default() += 1;
                    match body["refresh_token"].as_str() {
                        Some(next) => token = next.to_owned(),
                        None => break,
                    }
                }
                stats
            })
        })
        .collect();
    let mut total = merged(workers).await;
    total.elapsed = started.elapsed();
    total
}

/// The two-factor login's second step, `POST /api/auth/mfa/verify` with a TOTP code, once
/// for each of `users` accounts with TOTP on (a code's time step is accepted once per
/// account, so each account gives one sample per 30 seconds), `concurrency` at a time. The
/// first step (the password, an Argon2id check) is done beforehand and not timed.
async fn mfa_verify_phase(base: &str, users: usize, concurrency: usize) -> Value {
    use portcullis::auth::totp;
    let client = Client::builder().pool_max_idle_per_host(concurrency).build().unwrap();
    let mut secrets = Vec::new();
    for u in 0..users {
        let email = format!("mfa{u}@example.com");
        let login = sign_in(&client, base, &email).await;
        // Only the proven owner of an address may add a second factor (docs/contracts.md,
        // "Unproven accounts").
        verify_email(&client, base, &email).await;
        let bearer = format!("Bearer {}", login["access_token"].as_str().unwrap());
        let r = client
            .post(format!("{base}/api/auth/mfa/totp"))
            .header("authorization", &bearer)
            .json(&json!({}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "TOTP enrolment");
        let secret = r.json::<Value>().await.unwrap()["secret"].as_str().unwrap().to_owned();
        let secret = totp::base32_decode(&secret).unwrap();
        let code = totp::new(&secret, "bench", &email).generate_current().unwrap();
        let r = client
            .post(format!("{base}/api/auth/mfa/totp/confirm"))
            .header("authorization", &bearer)
            .json(&json!({"code": code}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "TOTP confirmation");
        secrets.push((email, secret));
    }
    // The confirmation spent this step's code of every account: wait for the next step.
    let step = |t: u64| t / 30;
    let now = || std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap();
    let confirmed_in = step(now().as_secs());
    while step(now().as_secs()) == confirmed_in {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let mut challenges = Vec::new();
    for (email, secret) in &secrets {
        let r = client
            .post(format!("{base}/api/auth/login"))
            .json(&json!({"email": email, "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        let body: Value = r.json().await.unwrap();
        let mfa_token = body["mfa_token"].as_str().expect("an mfa_token").to_owned();
        challenges.push((mfa_token, totp::new(secret, "bench", email)));
    }
    let queue = Arc::new(std::sync::Mutex::new(challenges));
    let started = Instant::now();
    let workers: Vec<_> = (0..concurrency)
        .map(|_| {
            let (client, queue, url) =
                (client.clone(), queue.clone(), format!("{base}/api/auth/mfa/verify"));
            tokio::spawn(async move {
                let mut stats = Stats::default();
                loop {
                    let Some((mfa_token, totp)) = queue.lock().unwrap().pop() else {
                        return stats;
                    };
                    let code = totp.generate_current().unwrap();
                    let url = url.clone();
                    let make: MakeRequest = Arc::new(move |c: &Client, _| {
                        c.post(&url).json(&json!({"mfa_token": mfa_token, "code": code}))
                    });
                    send(&client, &make, 0, &mut stats).await;
                }
            })
        })
        .collect();
    let mut total = merged(workers).await;
    total.elapsed = started.elapsed();
    let mut v = total.json();
    v["accounts"] = json!(users);
    v
}

/// Seeds users `from..to` and one live session each, straight into the database: the same
/// Argon2id hash for every user (of [`PASSWORD`]) and session tokens `bench-session-<n>`.
async fn seed(database_url: &str, from: u64, to: u64, hash: &str) {
    sqlx::any::install_default_drivers();
    let pool =
        sqlx::any::AnyPoolOptions::new().max_connections(1).connect(database_url).await.unwrap();
    let now = 1_800_000_000_000i64;
    let far = now + 10 * 365 * 86_400_000;
    let batch = 500;
    let mut i = from;
    while i < to {
        let end = (i + batch).min(to);
        let mut users = String::from(
            "INSERT INTO users (id, email, email_key, username, username_key, password_hash, is_active, \
             email_verified, created_at, updated_at, key_version) VALUES ",
        );
        let mut sessions = String::from(
            "INSERT INTO sessions (id, user_id, token_hash, created_at, last_used_at, expires_at) VALUES ",
        );
        let version = portcullis::domain::KEY_VERSION;
        for n in i..end {
            let sep = if n == i { "" } else { "," };
            // A username in no relation to the id (a bijection of the number, in hex), so that
            // a username prefix matches accounts spread evenly over the id order, as addresses
            // are over time-ordered ids; `seed<n>` addresses instead match runs of `u-<n>` ids.
            let spread = format!("spread{:08x}", (n as u32).wrapping_mul(2_654_435_761));
            users.push_str(&format!(
                "{sep}('u-{n}', 'seed{n}@example.com', 'seed{n}@example.com', '{spread}', '{spread}', '{hash}', 1, 1, {now}, {now}, {version})"
            ));
            let token_hash = portcullis::auth::hash_token(&format!("bench-session-{n}"));
            sessions
                .push_str(&format!("{sep}('s-{n}', 'u-{n}', '{token_hash}', {now}, {now}, {far})"));
        }
        // Organisations: one per 100 users (`org-<n / 100>`), each seeded user a member of its
        // hundred's.
        let mut orgs = String::from(
            "INSERT INTO organizations (id, slug, name, metadata, created_at, updated_at) VALUES ",
        );
        let mut members = String::from(
            "INSERT INTO organization_members (organization_id, user_id, role, created_at, \
             updated_at) VALUES ",
        );
        let mut new_orgs = 0;
        for n in i..end {
            let sep = if n == i { "" } else { "," };
            let org = n / 100;
            if n % 100 == 0 {
                let sep = if new_orgs == 0 { "" } else { "," };
                orgs.push_str(&format!(
                    "{sep}('org-{org}', 'org-{org}', 'Organisation {org}', '{{}}', {now}, {now})"
                ));
                new_orgs += 1;
            }
            members.push_str(&format!("{sep}('org-{org}', 'u-{n}', 'member', {now}, {now})"));
        }
        let mut tx = pool.begin().await.unwrap();
        sqlx::query(&users).execute(&mut *tx).await.unwrap();
        sqlx::query(&sessions).execute(&mut *tx).await.unwrap();
        if new_orgs > 0 {
            sqlx::query(&orgs).execute(&mut *tx).await.unwrap();
        }
        sqlx::query(&members).execute(&mut *tx).await.unwrap();
        tx.commit().await.unwrap();
        i = end;
    }
    // Statistics for the planner, as autovacuum gathers them after a bulk load in a
    // deployment (this machine's PostgreSQL runs with autovacuum off; MariaDB updates InnoDB's
    // own after a tenth of a table changes). Without them PostgreSQL plans the organisation
    // list and the console search as scans of the whole table.
    let analyze = match database_url.split(':').next() {
        Some("postgres" | "postgresql") => {
            Some("ANALYZE users, sessions, organizations, organization_members")
        }
        Some("mysql" | "mariadb") => {
            Some("ANALYZE TABLE users, sessions, organizations, organization_members")
        }
        _ => None,
    };
    if let Some(sql) = analyze {
        sqlx::query(sql).execute(&pool).await.unwrap();
    }
    pool.close().await;
}

/// Makes seeded user `u-<n>` a member of 50 organisations in all: its own hundred's and the
/// first 49 others (`org-0`, `org-1`, ...), as an admin of each.
async fn join_fifty(database_url: &str, n: u64) {
    let now = 1_800_000_000_000i64;
    let own = n / 100;
    let rows: Vec<String> = (0..)
        .filter(|&k| k != own)
        .take(49)
        .map(|k| format!("('org-{k}', 'u-{n}', 'admin', {now}, {now})"))
        .collect();
    let sql = format!(
        "INSERT INTO organization_members (organization_id, user_id, role, created_at, updated_at) \
         VALUES {}",
        rows.join(",")
    );
    run_sql(
        database_url,
        &[sql, format!("UPDATE organization_members SET role = 'admin' WHERE user_id = 'u-{n}'")],
    )
    .await;
}

/// Login and authenticated-GET latency with `users` users and sessions in the database.
async fn at_scale(server: &Server, users: u64, duration: Duration) -> Value {
    let base = server.base.clone();
    let client = Client::new();
    let mut logins = Stats::default();
    let started = Instant::now();
    for k in 0..20u64 {
        let n = (k * 7919) % users;
        let make = json_post(
            "/api/auth/login",
            base.clone(),
            move |_| json!({"email": format!("seed{n}@example.com"), "password": PASSWORD}),
        );
        send(&client, &make, 0, &mut logins).await;
    }
    logins.elapsed = started.elapsed();
    let cookie = format!("session_id=bench-session-{}", users / 2);
    let mut gets =
        closed_loop(get("/api/auth/user", base.clone(), Some(("cookie", cookie))), 8, duration)
            .await;

    // A user in 50 organisations (`join_fifty`): signed in with a password, the list of its
    // organisations, switching the session to one of them, and the authenticated GET with the
    // token that acts for it (every such request checks the membership still holds).
    let member = users / 2 + 1;
    let login = sign_in(&client, &base, &format!("seed{member}@example.com")).await;
    let bearer = format!("Bearer {}", login["access_token"].as_str().unwrap());
    let list = base.clone() + "/api/auth/organizations";
    let r = client.get(&list).header("authorization", &bearer).send().await.unwrap();
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["organizations"].as_array().map(Vec::len), Some(50), "{body}");
    let mut orgs = closed_loop_checked(
        get("/api/auth/organizations", base.clone(), Some(("authorization", bearer.clone()))),
        holds("\"slug\":\"org-48\""),
        8,
        duration,
    )
    .await;
    let mut switches = Stats::default();
    let started = Instant::now();
    let mut org_bearer = String::new();
    for k in 0..20u64 {
        let t = Instant::now();
        let r = client
            .put(format!("{base}/api/auth/organizations/active"))
            .header("authorization", &bearer)
            .json(&json!({"organization_id": format!("org-{}", k % 10)}))
            .send()
            .await
            .unwrap();
        let status = r.status();
        let body: Value = r.json().await.unwrap();
        switches.latencies_us.push(t.elapsed().as_micros() as u32);
        *switches.statuses.entry(status.as_u16()).or_default() += 1;
        assert_eq!(status, StatusCode::OK, "switching organisation: {body}");
        org_bearer = format!("Bearer {}", body["access_token"].as_str().unwrap());
    }
    switches.elapsed = started.elapsed();
    let mut org_gets =
        closed_loop(get("/api/auth/user", base, Some(("authorization", org_bearer))), 8, duration)
            .await;
    json!({
        "users_and_sessions": users,
        "organizations": users.div_ceil(100),
        "login_p50_ms": round(logins.percentile_ms(0.5)),
        "login_statuses": logins.statuses,
        "get_user_cookie": gets.json(),
        "member_of_50": {
            "list_organizations": orgs.json(),
            "switch_active_p50_ms": round(switches.percentile_ms(0.5)),
            "switch_active_max_ms": round(switches.percentile_ms(1.0)),
            "get_user_acting_for_organization": org_gets.json(),
        },
    })
}

// ---------------------------------------------------------------------------------------------
// The administration console: its user list and search over a seeded database.

/// An administrator with TOTP signed in to the console (`/admin/`), made by the harness in the
/// seeded database: registered, address verified, TOTP enrolled, given the role (straight in
/// the database, as `portcullis user make-admin` does), then signed in to the console with a
/// recovery code (the enrolment spent the current step's TOTP code). The console's cookies.
async fn console_session(server: &Server, email: &str) -> String {
    let base = &server.base;
    let client = Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let login = sign_in(&client, base, email).await;
    verify_email(&client, base, email).await;
    let bearer = format!("Bearer {}", login["access_token"].as_str().unwrap());
    let r = client
        .post(format!("{base}/api/auth/mfa/totp"))
        .header("authorization", &bearer)
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "TOTP enrolment");
    let secret = r.json::<Value>().await.unwrap()["secret"].as_str().unwrap().to_owned();
    let secret = portcullis::auth::totp::base32_decode(&secret).unwrap();
    let code = portcullis::auth::totp::new(&secret, "bench", email).generate_current().unwrap();
    let r = client
        .post(format!("{base}/api/auth/mfa/totp/confirm"))
        .header("authorization", &bearer)
        .json(&json!({"code": code}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "TOTP confirmation");
    let body: Value = r.json().await.unwrap();
    let recovery = body["recovery_codes"][0].as_str().unwrap().to_owned();
    sqlx::any::install_default_drivers();
    let pool = sqlx::any::AnyPoolOptions::new()
        .max_connections(1)
        .connect(&server.database_url)
        .await
        .unwrap();
    sqlx::query(&format!("UPDATE users SET is_admin = 1 WHERE email_key = '{email}'"))
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
    let cookies = |r: &reqwest::Response| -> Vec<String> {
        r.headers()
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_owned())
            .collect()
    };
    let r = client.get(format!("{base}/admin/login")).send().await.unwrap();
    let csrf_cookie = cookies(&r).into_iter().find(|c| c.starts_with("portcullis_csrf=")).unwrap();
    let csrf = csrf_cookie.split_once('=').unwrap().1.to_owned();
    let r = client
        .post(format!("{base}/admin/login"))
        .header("cookie", &csrf_cookie)
        .form(&[
            ("csrf", csrf.as_str()),
            ("login", email),
            ("password", PASSWORD),
            ("code", &recovery),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "console sign-in");
    let admin = cookies(&r).into_iter().find(|c| c.starts_with("portcullis_admin=")).unwrap();
    let r = client.get(format!("{base}/admin/users")).header("cookie", &admin).send().await;
    assert_eq!(r.unwrap().status(), StatusCode::OK, "the console answers");
    admin
}

/// `GET` of a console page with the console's cookie, in a closed loop at `concurrency`;
/// counted as served only when the page lists `expect` accounts or more.
async fn console_get(
    base: &str,
    cookie: &str,
    path: &str,
    expect: usize,
    duration: Duration,
) -> Value {
    let url = format!("{base}{path}");
    let cookie = cookie.to_owned();
    let make: MakeRequest =
        Arc::new(move |c: &Client, _| c.get(&url).header("cookie", cookie.clone()));
    let check: Check = Arc::new(move |body: &[u8]| {
        String::from_utf8_lossy(body).matches("<tr data-id=").count() >= expect
    });
    let mut stats = closed_loop_checked(make, Some(check), 4, duration).await;
    let mut v = stats.json();
    v["p95_ms"] = json!(round(stats.percentile_ms(0.95)));
    v["path"] = json!(path);
    v
}

/// The console's user list with `users` seeded accounts (ids `u-<n>`, addresses
/// `seed<n>@example.com`), three of them disabled: the first page, a narrow and a broad
/// search by address prefix, the disabled filter (three matches: the whole table read), and
/// a page in the middle (`after=`). Each request also writes its `admin_read` audit row.
async fn console_phase(server: &Server, users: u64, duration: Duration) -> Value {
    let cookie = console_setup(server, users).await;
    console_measure(&server.base, &cookie, users, duration).await
}

/// Three of the seeded accounts disabled, and the console's cookie.
async fn console_setup(server: &Server, users: u64) -> String {
    sqlx::any::install_default_drivers();
    let pool = sqlx::any::AnyPoolOptions::new()
        .max_connections(1)
        .connect(&server.database_url)
        .await
        .unwrap();
    let (a, b, c) = (users / 7, users / 2, users - 3);
    // Those of a smaller run on the same database are enabled again.
    sqlx::query("UPDATE users SET is_active = 1 WHERE is_active = 0").execute(&pool).await.unwrap();
    let sql = format!("UPDATE users SET is_active = 0 WHERE id IN ('u-{a}', 'u-{b}', 'u-{c}')");
    sqlx::query(&sql).execute(&pool).await.unwrap();
    pool.close().await;
    console_session(server, &format!("console-admin-{users}@example.com")).await
}

/// The measurements of [`console_phase`].
async fn console_measure(base: &str, cookie: &str, users: u64, duration: Duration) -> Value {
    let narrow = format!("seed{}", users / 20 + 7);
    let mut report = serde_json::Map::new();
    for (name, path, expect) in [
        ("list", "/admin/users".to_owned(), 50),
        ("search_narrow", format!("/admin/users?q={narrow}"), 1),
        ("search_broad", "/admin/users?q=seed9".to_owned(), 50),
        ("search_broad_spread", "/admin/users?q=spreada".to_owned(), 50),
        ("filter_disabled", "/admin/users?filter=disabled".to_owned(), 3),
        ("page_after", format!("/admin/users?after=u-{}", users / 3), 50),
    ] {
        let v = console_get(base, cookie, &path, expect, duration).await;
        eprintln!("{:<28} {v}", format!("console_{name}"));
        report.insert(name.into(), v);
    }
    report.insert("users".into(), json!(users));
    Value::Object(report)
}

/// `--console-only`: a fresh SQLite database (or `--database-url`) seeded with `max_users`
/// users, and [`console_phase`] over it.
async fn console_only(o: &Options, database_url: &str) -> Value {
    let server = Server::start(database_url, 18_902).await;
    server.stop();
    let hash = {
        let h = portcullis::auth::Hasher::new(portcullis::config::Argon2Params::default(), 1, 1)
            .unwrap();
        h.hash(&portcullis::domain::Password::normalize(PASSWORD).unwrap()).await.unwrap()
    };
    let t = Instant::now();
    seed(database_url, 0, o.max_users, &hash).await;
    eprintln!("seeded {} users and sessions in {:.1}s", o.max_users, t.elapsed().as_secs_f64());
    let server = Server::start(database_url, 18_902).await;
    // First without the indexes of migration 0026 (dropped here), then with them again (its
    // own statements): what the migration buys.
    let migration: Vec<&str> = console_migration(database_url)
        .lines()
        .filter(|l| !l.trim_start().starts_with("--"))
        .collect();
    let migration = migration.join("\n");
    let statements: Vec<&str> =
        migration.split(';').map(str::trim).filter(|s| s.starts_with("CREATE INDEX")).collect();
    let drops: Vec<String> = statements
        .iter()
        .map(|s| {
            let name = s.split("CREATE INDEX ").nth(1).unwrap().split_whitespace().next().unwrap();
            if database_url.starts_with("mysql") {
                format!("DROP INDEX {name} ON users")
            } else {
                format!("DROP INDEX {name}")
            }
        })
        .collect();
    let statements: Vec<String> = statements.iter().map(|s| (*s).to_owned()).collect();
    let cookie = console_setup(&server, o.max_users).await;
    run_sql(database_url, &drops).await;
    let before = console_measure(&server.base, &cookie, o.max_users, o.duration).await;
    run_sql(database_url, &statements).await;
    let after = console_measure(&server.base, &cookie, o.max_users, o.duration).await;
    server.stop();
    json!({"without_migration_0026": before, "with_migration_0026": after})
}

/// Migration 0026 (the console search's indexes) of the backend of `database_url`.
fn console_migration(database_url: &str) -> &'static str {
    match database_url.split(':').next() {
        Some("postgres" | "postgresql") => {
            include_str!("../migrations/postgres/0026_console_search.sql")
        }
        Some("mysql" | "mariadb") => include_str!("../migrations/mysql/0026_console_search.sql"),
        _ => include_str!("../migrations/sqlite/0026_console_search.sql"),
    }
}

async fn run_sql(database_url: &str, statements: &[String]) {
    sqlx::any::install_default_drivers();
    let pool =
        sqlx::any::AnyPoolOptions::new().max_connections(1).connect(database_url).await.unwrap();
    for s in statements {
        sqlx::query(s).execute(&pool).await.unwrap();
    }
    pool.close().await;
}

// ---------------------------------------------------------------------------------------------
// The OpenID Connect provider: Portcullis's `/oauth2/*` and oidc-provider's endpoints, driven
// with the same requests by the same client.

/// Where the bench client is sent back with its code. Nothing listens there: the harness reads
/// the code from the redirect's `Location` and never follows it.
const REDIRECT_URI: &str = "http://127.0.0.1:9/cb";
const CLIENT_ID: &str = "bench";
/// The bench client's secret on both providers; never used outside the bench.
const CLIENT_SECRET: &str = "portcullis-bench-oidc-client-secret-0123456789abcdef";
/// The scope a client asks for itself with client credentials (the OpenID scopes are a user's).
const API_SCOPE: &str = "api.read";
/// What the authorization code flows ask for: `offline_access` for a refresh token.
const USER_SCOPES: &str = "openid profile email offline_access";

/// Portcullis's settings that declare the bench client (docs/provider.md, "Clients can also be
/// declared in the configuration"): confidential, `client_secret_basic`, every grant, and no
/// consent page (a first-party application), so a signed-in browser gets its code at once.
const BENCH_CLIENT: [(&str, &str); 7] = [
    ("PORTCULLIS_CLIENT_BENCH_NAME", "Bench"),
    ("PORTCULLIS_CLIENT_BENCH_REDIRECT_URIS", REDIRECT_URI),
    ("PORTCULLIS_CLIENT_BENCH_GRANT_TYPES", "authorization_code refresh_token client_credentials"),
    ("PORTCULLIS_CLIENT_BENCH_SCOPES", "openid profile email offline_access api.read"),
    ("PORTCULLIS_CLIENT_BENCH_SKIP_CONSENT", "true"),
    ("PORTCULLIS_CLIENT_BENCH_TOKEN_ENDPOINT_AUTH_METHOD", "client_secret_basic"),
    ("PORTCULLIS_CLIENT_BENCH_SECRET", CLIENT_SECRET),
];

/// The phases of [`provider_phases`], in the order they run. The ones that only read come
/// first: oidc-provider's in-memory store is an LRU of 1,000 entries, and the phases that
/// issue tokens fill it, which would evict the access token the reading phases use.
const PROVIDER_PHASES: [&str; 6] = [
    "jwks",
    "userinfo",
    "introspect",
    "token_refresh",
    "token_client_credentials",
    "authorization_code_flow",
];

/// An OpenID Connect provider under test, as its client knows it from the discovery document.
#[derive(Clone)]
struct Oidc {
    authorize: String,
    token: String,
    userinfo: String,
    introspect: String,
    jwks: String,
    /// The browser's cookies (`name=value`) that sign the bench user in: Portcullis's session
    /// cookie of an API login; none at oidc-provider, whose scripted interaction signs in.
    cookies: Vec<String>,
    /// Extra authorization parameters: oidc-provider grants `offline_access` only with
    /// `prompt=consent` (OpenID Connect Core 11); Portcullis's first-party client needs none.
    extra: Vec<(&'static str, &'static str)>,
}

impl Oidc {
    async fn discover(
        base: &str,
        cookies: Vec<String>,
        extra: Vec<(&'static str, &'static str)>,
    ) -> Self {
        let doc: Value = Client::new()
            .get(format!("{base}/.well-known/openid-configuration"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let field = |name: &str| {
            doc[name].as_str().unwrap_or_else(|| panic!("{base}: no {name} in {doc}")).to_owned()
        };
        Self {
            authorize: field("authorization_endpoint"),
            token: field("token_endpoint"),
            userinfo: field("userinfo_endpoint"),
            introspect: field("introspection_endpoint"),
            jwks: field("jwks_uri"),
            cookies,
            extra,
        }
    }

    /// One authorization code flow with PKCE, as a browser and the client run it (redirects
    /// followed by hand, cookies kept from each answer for the next request): the token
    /// response, which must carry an access token, an ID token and a refresh token.
    async fn sign_in(&self, client: &Client) -> Value {
        let mut jar = self.jar();
        let scopes = (USER_SCOPES, self.extra.as_slice());
        let body = self.flow(client, &mut jar, scopes).await.unwrap_or_else(|e| panic!("{e}"));
        assert!(body["refresh_token"].is_string(), "code exchange without refresh_token: {body}");
        body
    }

    /// The browser's first cookies.
    fn jar(&self) -> BTreeMap<String, String> {
        self.cookies
            .iter()
            .filter_map(|c| c.split_once('='))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect()
    }

    /// One authorization code flow with PKCE for `scopes` (and extra parameters), with the
    /// browser's cookies in `jar` (kept up to date): the token response, which must carry an
    /// access token and an ID token.
    async fn flow(
        &self,
        client: &Client,
        jar: &mut BTreeMap<String, String>,
        (scopes, extra): (&str, &[(&'static str, &'static str)]),
    ) -> Result<Value, String> {
        use base64::Engine as _;
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let verifier = b64.encode(uuid::Uuid::new_v4().as_bytes().repeat(2));
        let challenge =
            b64.encode(ring::digest::digest(&ring::digest::SHA256, verifier.as_bytes()));
        let state = uuid::Uuid::new_v4().to_string();
        let mut url = reqwest::Url::parse(&self.authorize).unwrap();
        url.query_pairs_mut()
            .extend_pairs([
                ("response_type", "code"),
                ("client_id", CLIENT_ID),
                ("redirect_uri", REDIRECT_URI),
                ("scope", scopes),
                ("state", &state),
                ("code_challenge", &challenge),
                ("code_challenge_method", "S256"),
            ])
            .extend_pairs(extra.iter().copied());
        for _ in 0..10 {
            let mut req = client.get(url.clone());
            if !jar.is_empty() {
                let header: Vec<String> = jar.iter().map(|(k, v)| format!("{k}={v}")).collect();
                req = req.header("cookie", header.join("; "));
            }
            let res = req.send().await.map_err(|e| format!("{url}: {e}"))?;
            for set in res.headers().get_all("set-cookie") {
                let pair = set.to_str().unwrap_or_default().split(';').next().unwrap_or_default();
                if let Some((k, v)) = pair.split_once('=') {
                    // An emptied cookie is a deleted one.
                    if v.is_empty() {
                        jar.remove(k.trim());
                    } else {
                        jar.insert(k.trim().to_owned(), v.to_owned());
                    }
                }
            }
            let status = res.status();
            let Some(location) = res.headers().get("location").cloned() else {
                let body = res.text().await.unwrap_or_default();
                return Err(format!("{url} answered {status} without a redirect: {body}"));
            };
            let next =
                url.join(location.to_str().unwrap_or_default()).map_err(|e| e.to_string())?;
            if !next.as_str().starts_with(REDIRECT_URI) {
                url = next;
                continue;
            }
            let back: BTreeMap<String, String> = next.query_pairs().into_owned().collect();
            if back.get("state") != Some(&state) {
                return Err(format!("the state does not come back: {next}"));
            }
            let code = back.get("code").ok_or_else(|| format!("no code in {next}"))?;
            let form = [
                ("grant_type", "authorization_code"),
                ("code", code),
                ("redirect_uri", REDIRECT_URI),
                ("code_verifier", &verifier),
            ];
            let res = client
                .post(&self.token)
                .basic_auth(CLIENT_ID, Some(CLIENT_SECRET))
                .form(&form)
                .send()
                .await
                .map_err(|e| format!("code exchange: {e}"))?;
            let status = res.status();
            let body: Value = res.json().await.unwrap_or_default();
            if status != StatusCode::OK {
                return Err(format!("code exchange answered {status}: {body}"));
            }
            for field in ["access_token", "id_token"] {
                if !body[field].is_string() {
                    return Err(format!("code exchange without {field}: {body}"));
                }
            }
            return Ok(body);
        }
        Err("the authorization request never came back to the client".into())
    }
}

/// Whole authorization code flows in a closed loop: each worker is a browser whose user is
/// signed in and whose client holds its grant (`openid profile email`: no refresh token, so
/// no consent step at either provider), asking for a code at the authorization endpoint and
/// exchanging it, with PKCE, at the token endpoint. Each worker's first flow, which makes
/// oidc-provider's session and grant through its scripted interaction, is not timed.
async fn code_flow_phase(oidc: &Oidc, concurrency: usize, duration: Duration) -> Stats {
    const SCOPES: &str = "openid profile email";
    let client = Client::builder()
        .pool_max_idle_per_host(concurrency)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let mut jars = Vec::new();
    for _ in 0..concurrency {
        let mut jar = oidc.jar();
        oidc.flow(&client, &mut jar, (SCOPES, &[])).await.unwrap_or_else(|e| panic!("{e}"));
        jars.push(jar);
    }
    let oidc = Arc::new(Oidc { cookies: vec![], extra: vec![], ..oidc.clone() });
    let started = Instant::now();
    let deadline = started + duration;
    let workers: Vec<_> = jars
        .into_iter()
        .map(|mut jar| {
            let (client, oidc) = (client.clone(), oidc.clone());
            tokio::spawn(async move {
                let mut stats = Stats::default();
                while Instant::now() < deadline {
                    let t = Instant::now();
                    match oidc.flow(&client, &mut jar, (SCOPES, &[])).await {
                        Ok(_) => {
                            stats.latencies_us.push(t.elapsed().as_micros() as u32);
                            *stats.statuses.entry(200).or_default() += 1;
                        }
                        Err(e) => {
                            if stats.errors == 0 {
                                eprintln!("code flow failed: {e}");
                            }
                            stats.errors += 1;
                        }
                    }
                }
                stats
            })
        })
        .collect();
    let mut total = merged(workers).await;
    total.elapsed = started.elapsed();
    total
}

/// A check that the body holds `needle` (a cheap test of a JSON answer's content, so the load
/// generator spends its share of the cores on requests, not on parsing).
fn holds(needle: &'static str) -> Option<Check> {
    Some(Arc::new(move |body: &[u8]| body.windows(needle.len()).any(|w| w == needle.as_bytes())))
}

/// The refresh-token grant in a closed loop: each worker follows its own grant's chain of
/// refresh tokens (both providers rotate on every use, and a spent token presented again
/// would revoke the grant), from its own authorization code flow (done first, not timed). A
/// refusal ends that worker's chain, so it shows in the statuses and lowers the rate.
async fn oauth_refresh_phase(oidc: &Oidc, concurrency: usize, duration: Duration) -> Stats {
    let client = Client::builder()
        .pool_max_idle_per_host(concurrency)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let mut tokens = Vec::new();
    for _ in 0..concurrency {
        let signed_in = oidc.sign_in(&client).await;
        tokens.push(signed_in["refresh_token"].as_str().unwrap().to_owned());
    }
    let started = Instant::now();
    let deadline = started + duration;
    let workers: Vec<_> = tokens
        .into_iter()
        .map(|mut token| {
            let (client, url) = (client.clone(), oidc.token.clone());
            tokio::spawn(async move {
                let mut stats = Stats::default();
                while Instant::now() < deadline {
                    let t = Instant::now();
                    let form = [("grant_type", "refresh_token"), ("refresh_token", &token)];
                    let res = client
                        .post(&url)
                        .basic_auth(CLIENT_ID, Some(CLIENT_SECRET))
                        .form(&form)
                        .send();
                    let Ok(res) = res.await else {
                        stats.errors += 1;
                        continue;
                    };
                    let status = res.status().as_u16();
                    let body: Value = res.json().await.unwrap_or_default();
                    stats.latencies_us.push(t.elapsed().as_micros() as u32);
                    *stats.statuses.entry(status).or_default() += 1;
                    let next = body["refresh_token"].as_str();
                    if (200..300).contains(&status) && !body["access_token"].is_string() {
                        stats.invalid += 1;
                    }
                    match next {
                        Some(next) => token = next.to_owned(),
                        None => break,
                    }
                }
                stats
            })
        })
        .collect();
    let mut total = merged(workers).await;
    total.elapsed = started.elapsed();
    total
}

/// The provider phases on one provider (`name`, process `pid`), each a closed loop of 32
/// clients: the JWKS, userinfo and introspection with the access token of one authorization
/// code flow, the refresh-token grant, and the client-credentials grant. Each phase's report,
/// and its rate of served requests.
async fn provider_phases(
    name: &str,
    oidc: &Oidc,
    pid: u32,
    duration: Duration,
) -> (serde_json::Map<String, Value>, BTreeMap<&'static str, f64>) {
    let browser = Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let signed_in = oidc.sign_in(&browser).await;
    let access = signed_in["access_token"].as_str().unwrap().to_owned();
    let bearer = format!("Bearer {access}");
    // Each phase's request, answered as expected once before the load, so a misconfiguration
    // fails here instead of reading as a slow server.
    let r = browser.get(&oidc.userinfo).header("authorization", &bearer).send().await.unwrap();
    let (status, body) = (r.status(), r.text().await.unwrap());
    assert!(status == StatusCode::OK && body.contains("\"sub\""), "{name} userinfo: {body}");
    let r = browser
        .post(&oidc.introspect)
        .basic_auth(CLIENT_ID, Some(CLIENT_SECRET))
        .form(&[("token", &access)])
        .send()
        .await
        .unwrap();
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["active"], true, "{name} introspection: {body}");
    let r = browser
        .post(&oidc.token)
        .basic_auth(CLIENT_ID, Some(CLIENT_SECRET))
        .form(&[("grant_type", "client_credentials"), ("scope", API_SCOPE)])
        .send()
        .await
        .unwrap();
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["scope"], API_SCOPE, "{name} client credentials: {body}");

    let mut report = serde_json::Map::new();
    let mut rates = BTreeMap::new();
    for phase in PROVIDER_PHASES {
        reset_peak_of(pid);
        let mut stats = match phase {
            "jwks" => {
                let make: MakeRequest = Arc::new({
                    let url = oidc.jwks.clone();
                    move |c: &Client, _| c.get(&url)
                });
                closed_loop_checked(make, holds("\"kid\""), 32, duration).await
            }
            "userinfo" => {
                let make: MakeRequest = Arc::new({
                    let (url, bearer) = (oidc.userinfo.clone(), bearer.clone());
                    move |c: &Client, _| c.get(&url).header("authorization", &bearer)
                });
                closed_loop_checked(make, holds("\"sub\""), 32, duration).await
            }
            "introspect" => {
                let make: MakeRequest = Arc::new({
                    let (url, access) = (oidc.introspect.clone(), access.clone());
                    move |c: &Client, _| {
                        c.post(&url)
                            .basic_auth(CLIENT_ID, Some(CLIENT_SECRET))
                            .form(&[("token", &access)])
                    }
                });
                closed_loop_checked(make, holds("\"active\":true"), 32, duration).await
            }
            "token_refresh" => oauth_refresh_phase(oidc, 32, duration).await,
            "authorization_code_flow" => code_flow_phase(oidc, 32, duration).await,
            _ => {
                let make: MakeRequest = Arc::new({
                    let url = oidc.token.clone();
                    move |c: &Client, _| {
                        c.post(&url)
                            .basic_auth(CLIENT_ID, Some(CLIENT_SECRET))
                            .form(&[("grant_type", "client_credentials"), ("scope", API_SCOPE)])
                    }
                });
                closed_loop_checked(make, holds("\"access_token\""), 32, duration).await
            }
        };
        rates.insert(phase, stats.rps());
        let v = read(&format!("{name}_{phase}"), &mut stats, peak_rss_kib_of(pid));
        report.insert(phase.into(), v);
    }
    (report, rates)
}

/// The provider phases on Portcullis (the server `server`, whose user `cookie` is signed in)
/// and, with `peers`, on oidc-provider in the same run, with the ratios of their rates.
async fn provider_report(server: &Server, cookie: &str, peers: bool, duration: Duration) -> Value {
    let mut report = serde_json::Map::new();
    let ours = Oidc::discover(&server.base, vec![cookie.to_owned()], vec![]).await;
    let (v, our_rates) = provider_phases("portcullis", &ours, server.pid(), duration).await;
    report.insert("portcullis".into(), Value::Object(v));
    if peers {
        let env = [
            ("CLIENT_ID", CLIENT_ID),
            ("CLIENT_SECRET", CLIENT_SECRET),
            ("REDIRECT_URI", REDIRECT_URI),
        ];
        let peer = start_peer("oidc-provider", 18_912, None, &env).await;
        let theirs = Oidc::discover(&peer.base, vec![], vec![("prompt", "consent")]).await;
        let (v, their_rates) =
            provider_phases("oidc-provider", &theirs, peer.pid(), duration).await;
        peer.stop();
        report.insert("oidc-provider".into(), Value::Object(v));
        let ratios: serde_json::Map<String, Value> = PROVIDER_PHASES
            .iter()
            .map(|p| {
                (p.to_string(), json!(round(our_rates[p] / their_rates[p].max(f64::MIN_POSITIVE))))
            })
            .collect();
        eprintln!("{:<28} {}", "ratio_portcullis_to_oidc_provider", Value::Object(ratios.clone()));
        report.insert("ratio_portcullis_to_oidc-provider".into(), Value::Object(ratios));
    }
    Value::Object(report)
}

/// The harness's allocator is the server's, for the ceiling it serves (`serve_ceiling`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--serve-ceiling") {
        let [_, _, url, port, sid] = &args[..] else {
            panic!("--serve-ceiling DATABASE_URL PORT SESSION_ID");
        };
        return serve_ceiling(url.clone(), port.parse().unwrap(), sid.clone()).await;
    }
    let o = options();
    let dir = tempfile::tempdir().unwrap();
    let database_url = o
        .database_url
        .clone()
        .unwrap_or_else(|| format!("sqlite://{}/bench.db", dir.path().display()));
    if o.console_only {
        let mut report = serde_json::Map::new();
        report.insert("console".into(), console_only(&o, &database_url).await);
        let out = serde_json::to_string_pretty(&Value::Object(report)).unwrap();
        std::fs::write(&o.out, &out).unwrap();
        println!("{out}");
        return;
    }
    let server = Server::start_with(&database_url, 18_900, &BENCH_CLIENT).await;
    let base = server.base.clone();
    let mut report = serde_json::Map::new();
    if !o.provider_only {
        // The database is migrated by now: on PostgreSQL and MariaDB the starts reuse it.
        report.insert("startup".into(), startup_phase(o.database_url.as_deref(), 5).await);
    }
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    report.insert(
        "machine".into(),
        json!({"cores": cores, "database": database_url.split(':').next()}),
    );
    report.insert("rss_idle_kib".into(), json!(server.peak_rss_kib()));

    // One user with a bearer token and a cookie.
    let c = Client::new();
    let r = c
        .post(format!("{base}/api/auth/register"))
        .json(&json!({"email": "bench@example.com", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let r = c
        .post(format!("{base}/api/auth/login"))
        .json(&json!({"email": "bench@example.com", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    let cookie = r
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let token = r.json::<Value>().await.unwrap()["access_token"].as_str().unwrap().to_owned();

    if o.provider_only {
        report.insert(
            "provider".into(),
            provider_report(&server, &cookie, o.peers || o.oidc_peer, o.duration).await,
        );
        server.stop();
        let out = serde_json::to_string_pretty(&Value::Object(report)).unwrap();
        std::fs::write(&o.out, &out).unwrap();
        println!("{out}");
        return;
    }

    server.reset_peak();
    let cpu = CpuMeter::start(server.pid());
    let mut health = closed_loop(get("/health/live", base.clone(), None), 32, o.duration).await;
    let mut v = read("health_live", &mut health, server.peak_rss_kib());
    v["cpu_us_per_request"] = cpu.per_request(health.ok());
    report.insert("health_live".into(), v);
    server.reset_peak();
    let cpu = CpuMeter::start(server.pid());
    let mut bearer = closed_loop(
        get("/api/auth/user", base.clone(), Some(("authorization", format!("Bearer {token}")))),
        32,
        o.duration,
    )
    .await;
    let mut v = read("user_bearer", &mut bearer, server.peak_rss_kib());
    v["cpu_us_per_request"] = cpu.per_request(bearer.ok());
    eprintln!("{:<28} {}", "  cpu per request", v["cpu_us_per_request"]);
    report.insert("user_bearer".into(), v);
    server.reset_peak();
    let cpu = CpuMeter::start(server.pid());
    let mut by_cookie = closed_loop(
        get("/api/auth/user", base.clone(), Some(("cookie", cookie.clone()))),
        32,
        o.duration,
    )
    .await;
    let mut v = read("user_cookie", &mut by_cookie, server.peak_rss_kib());
    v["cpu_us_per_request"] = cpu.per_request(by_cookie.ok());
    eprintln!("{:<28} {}", "  cpu per request", v["cpu_us_per_request"]);
    report.insert("user_cookie".into(), v);
    report.insert(
        "ratio_user_to_health".into(),
        json!({"bearer": round(bearer.rps() / health.rps()), "cookie": round(by_cookie.rps() / health.rps())}),
    );
    // The database path's ceiling: the session lookup alone, on the same database (the main
    // server idles meanwhile).
    let ceiling = start_ceiling(&database_url, 18_902, &sid_of(&token)).await;
    ceiling.reset_peak();
    let cpu = CpuMeter::start(ceiling.pid());
    let mut bare = closed_loop(get("/ceiling", ceiling.base.clone(), None), 32, o.duration).await;
    let mut v = read("ceiling_session_lookup", &mut bare, ceiling.peak_rss_kib());
    v["cpu_us_per_request"] = cpu.per_request(bare.ok());
    eprintln!("{:<28} {}", "  cpu per request", v["cpu_us_per_request"]);
    ceiling.stop();
    report.insert("ceiling_session_lookup".into(), v);
    report.insert(
        "ratio_user_to_ceiling".into(),
        json!({"bearer": round(bearer.rps() / bare.rps()), "cookie": round(by_cookie.rps() / bare.rps())}),
    );
    if o.reads_only {
        server.stop();
        let out = serde_json::to_string_pretty(&Value::Object(report)).unwrap();
        std::fs::write(&o.out, &out).unwrap();
        println!("{out}");
        return;
    }
    if o.peers {
        let mut peers = serde_json::Map::new();
        for (name, port) in [("better-auth", 18_910u16), ("fastapi-users", 18_911)] {
            let (v, rps) = peer_phase(name, port, o.duration).await;
            peers.insert(name.into(), v);
            peers.insert(
                format!("ratio_portcullis_to_{name}"),
                json!({"bearer": round(bearer.rps() / rps), "cookie": round(by_cookie.rps() / rps)}),
            );
        }
        report.insert("peers".into(), Value::Object(peers));
    }
    server.reset_peak();
    let mut refresh = refresh_phase(&base, 32, o.duration).await;
    let v = read("refresh", &mut refresh, server.peak_rss_kib());
    report.insert("refresh".into(), v);
    report.insert("ratio_refresh_to_health".into(), json!(round(refresh.rps() / health.rps())));

    // Password work: raw Argon2id on every core (server idle), then logins and registrations.
    let raw = raw_argon2_rate(o.duration.min(Duration::from_secs(5)));
    report.insert("raw_argon2id_per_second".into(), json!(round(raw)));
    eprintln!("{:<28} {raw:.1}/s", "raw_argon2id");
    server.reset_peak();
    let mut login = closed_loop(
        json_post(
            "/api/auth/login",
            base.clone(),
            |_| json!({"email": "bench@example.com", "password": PASSWORD}),
        ),
        cores * 2,
        o.duration,
    )
    .await;
    let v = read("login", &mut login, server.peak_rss_kib());
    report.insert("login".into(), v);
    report.insert("ratio_login_to_raw_argon2id".into(), json!(round(login.rps() / raw)));
    server.reset_peak();
    let mut register = closed_loop(
        json_post(
            "/api/auth/register",
            base.clone(),
            |n| json!({"email": format!("r{n}@example.com"), "password": PASSWORD}),
        ),
        cores * 2,
        o.duration,
    )
    .await;
    let v = read("register", &mut register, server.peak_rss_kib());
    report.insert("register".into(), v);
    server.reset_peak();
    let accounts = if o.duration.as_secs() >= 10 { 200 } else { 50 };
    let mut v = mfa_verify_phase(&base, accounts, cores * 2).await;
    v["peak_rss_kib"] = json!(server.peak_rss_kib());
    eprintln!("{:<28} {v}", "mfa_verify_totp");
    report.insert("mfa_verify_totp".into(), v);

    // A login flood at twice the sustainable rate, with light traffic that must stay fast.
    server.reset_peak();
    let flood_rate = 2.0 * login.rps();
    let flood = tokio::spawn(open_loop(
        json_post(
            "/api/auth/login",
            base.clone(),
            |_| json!({"email": "bench@example.com", "password": PASSWORD}),
        ),
        flood_rate,
        o.duration,
    ));
    let live = tokio::spawn(open_loop(get("/health/live", base.clone(), None), 50.0, o.duration));
    let user = tokio::spawn(open_loop(
        get("/api/auth/user", base.clone(), Some(("cookie", cookie.clone()))),
        50.0,
        o.duration,
    ));
    let (mut flood, mut live, mut user) =
        (flood.await.unwrap(), live.await.unwrap(), user.await.unwrap());
    let unexpected_5xx: u64 =
        flood.statuses.iter().filter(|(s, _)| **s >= 500 && **s != 503).map(|(_, n)| n).sum();
    let flood_report = json!({
        "login_rate_offered": round(flood_rate),
        "login": flood.json(),
        "health_live_p99_ms": round(live.percentile_ms(0.99)),
        "user_cookie_p99_ms": round(user.percentile_ms(0.99)),
        "light_traffic_statuses": {"health_live": live.statuses, "user_cookie": user.statuses},
        "unexpected_5xx": unexpected_5xx,
        "peak_rss_kib": server.peak_rss_kib(),
    });
    eprintln!("{:<28} {flood_report}", "login_flood");
    report.insert("login_flood".into(), flood_report);

    // The OpenID Connect provider's endpoints, after every first-party phase: the provider's
    // keys and grants, made on first use, would otherwise count in those phases' peak memory.
    report.insert(
        "provider".into(),
        provider_report(&server, &cookie, o.peers || o.oidc_peer, o.duration).await,
    );

    // The throttling-state attack of the security review: failed logins under identifiers of
    // up to 60 KiB, each new, on a server with login throttling on. Identifiers over 320 bytes
    // are refused before any work; the rest are remembered as 16-byte hashes, in a bounded
    // table. Resident memory must stay flat.
    let report_attack = throttle_state_attack(o.duration).await;
    report.insert("throttle_state_attack".into(), report_attack);

    // Scale: the same measurements with 10,000 and then `max_users` users and sessions.
    let hash = {
        let h = portcullis::auth::Hasher::new(portcullis::config::Argon2Params::default(), 1, 1)
            .unwrap();
        h.hash(&portcullis::domain::Password::normalize(PASSWORD).unwrap()).await.unwrap()
    };
    let db = server.database_url.clone();
    server.stop();
    let mut scale = Vec::new();
    let mut consoles = Vec::new();
    let mut seeded = 0;
    for target in [10_000u64, o.max_users] {
        let t = Instant::now();
        seed(&db, seeded, target, &hash).await;
        join_fifty(&db, target / 2 + 1).await;
        seeded = target;
        eprintln!("seeded {target} users and sessions in {:.1}s", t.elapsed().as_secs_f64());
        let server = Server::start(&db, 18_901).await;
        let v = at_scale(&server, target, o.duration.min(Duration::from_secs(5))).await;
        eprintln!("{:<28} {v}", format!("scale_{target}"));
        scale.push(v);
        let v = console_phase(&server, target, o.duration.min(Duration::from_secs(5))).await;
        consoles.push(v);
        server.stop();
    }
    report.insert("scale".into(), json!(scale));
    report.insert("console".into(), json!(consoles));
    let out = serde_json::to_string_pretty(&Value::Object(report)).unwrap();
    std::fs::write(&o.out, &out).unwrap();
    println!("{out}");
}
