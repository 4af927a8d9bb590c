//! Metrics in the Prometheus (OpenMetrics) text format, from one registry per process that the
//! service owns: no global recorder, so tests run many servers in one process, each with its
//! own numbers.
//!
//! Counters and histograms are updated where things happen (the request middleware, the audit
//! trail, the mail worker, housekeeping, the password hasher). Figures that already live
//! elsewhere (the pool, the hasher's queue, the limiters' counters, the outbox backlog) are
//! read when `/metrics` is scraped. Every name starts with `portcullis_`; see
//! `docs/deployment.md` for the list. Labels are bounded: a route is the router's pattern
//! (`/api/auth/sessions/{id}`, `unmatched` for anything else), never a raw path.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::metrics::info::Info;
use prometheus_client::registry::{Registry, Unit};

use crate::auth::Hasher;
use crate::clock::now_ms;
use crate::limit::Limits;
use crate::store::Store;

/// The content type of [`Metrics::render`]'s output.
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// How long a scrape waits for the outbox figures before showing the last ones it had.
const SCRAPE_QUERY_TIMEOUT: Duration = Duration::from_secs(1);

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: &'static str,
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: &'static str,
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OutcomeLabels {
    outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct EventLabels {
    event: &'static str,
    outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct StatusLabels {
    status: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct StateLabels {
    state: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct KindLabels {
    kind: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct VersionLabels {
    version: &'static str,
}

/// Delivery outcomes, counted by the mail worker.
#[derive(Clone, Debug, Default)]
pub struct MailMetrics {
    deliveries: Family<OutcomeLabels, Counter>,
}

impl MailMetrics {
    /// One delivery attempt ended: `sent`, `retry` (failed, will be retried) or `failed` (given
    /// up).
    pub fn delivery(&self, outcome: &'static str) {
        self.deliveries.get_or_create(&OutcomeLabels { outcome }).inc();
    }
}

/// Every metric of one process.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    durations: Family<RouteLabels, Histogram, fn() -> Histogram>,
    in_flight: Gauge,
    logins: Family<OutcomeLabels, Counter>,
    auth_events: Family<EventLabels, Counter>,
    mail: MailMetrics,
    outbox: Family<StatusLabels, Gauge>,
    outbox_oldest: Gauge<f64, AtomicU64>,
    database_up: Gauge,
    pool: Family<StateLabels, Gauge>,
    pool_max: Gauge,
    hash_jobs: Family<StateLabels, Gauge>,
    hash_capacity: Gauge,
    hashes: Counter,
    hash_rejections: Counter,
    rate_rejections: Counter,
    redis_fallbacks: Counter,
    redis_outages: Counter,
    limits_shared: Gauge,
    database_outages: Counter,
    throttle_tracked: Gauge,
    key_reloads: Counter,
    hash_held: Counter,
    hash_floor: Gauge<f64, AtomicU64>,
    swept: Family<KindLabels, Counter>,
    housekeeping_runs: Family<OutcomeLabels, Counter>,
}

fn latency_histogram() -> Histogram {
    // 1 ms to ~16 s.
    Histogram::new(exponential_buckets(0.001, 2.0, 15))
}

impl Metrics {
    /// A registry with every metric, `hash_wait` being the hasher's own histogram of the time
    /// a job waits for a core.
    pub fn new(hash_wait: Histogram, pool_max: u32) -> Self {
        let mut registry = Registry::with_prefix("portcullis");
        let m = Self {
            requests: Family::default(),
            durations: Family::new_with_constructor(latency_histogram),
            in_flight: Gauge::default(),
            logins: Family::default(),
            auth_events: Family::default(),
            mail: MailMetrics::default(),
            outbox: Family::default(),
            outbox_oldest: Gauge::default(),
            database_up: Gauge::default(),
            pool: Family::default(),
            pool_max: Gauge::default(),
            hash_jobs: Family::default(),
            hash_capacity: Gauge::default(),
            hashes: Counter::default(),
            hash_rejections: Counter::default(),
            rate_rejections: Counter::default(),
            redis_fallbacks: Counter::default(),
            redis_outages: Counter::default(),
            limits_shared: Gauge::default(),
            database_outages: Counter::default(),
            throttle_tracked: Gauge::default(),
            key_reloads: Counter::default(),
            hash_held: Counter::default(),
            hash_floor: Gauge::default(),
            swept: Family::default(),
            housekeeping_runs: Family::default(),
            registry: Registry::default(),
        };
        m.pool_max.set(pool_max.into());
        m.database_up.set(1);
        let r = &mut registry;
        r.register(
            "build",
            "The running version",
            Info::new(VersionLabels { version: env!("CARGO_PKG_VERSION") }),
        );
        r.register(
            "http_requests",
            "HTTP requests answered, by method, route pattern and status",
            m.requests.clone(),
        );
        r.register_with_unit(
            "http_request_duration",
            "Time from request to response, by method and route pattern",
            Unit::Seconds,
            m.durations.clone(),
        );
        r.register("http_requests_in_flight", "Requests being handled now", m.in_flight.clone());
        r.register(
            "logins",
            "Login attempts by outcome: succeeded, failed, throttled, email_not_verified",
            m.logins.clone(),
        );
        r.register(
            "auth_events",
            "Audited events (logins, lockouts, logouts, password and email changes, \
             administration) by event and outcome",
            m.auth_events.clone(),
        );
        r.register(
            "mail_deliveries",
            "SMTP delivery attempts by outcome: sent, retry, failed",
            m.mail.deliveries.clone(),
        );
        r.register(
            "mail_outbox_messages",
            "Messages in the outbox by status: pending (the backlog) and failed",
            m.outbox.clone(),
        );
        r.register_with_unit(
            "mail_outbox_oldest_pending_age",
            "Age of the oldest pending message (0 when none)",
            Unit::Seconds,
            m.outbox_oldest.clone(),
        );
        r.register(
            "database_up",
            "1 when the last scrape's database query succeeded",
            m.database_up.clone(),
        );
        r.register(
            "database_outages",
            "Times the database became unreachable (logged once, and once on recovery)",
            m.database_outages.clone(),
        );
        r.register(
            "db_pool_connections",
            "Database pool connections by state: idle, in_use",
            m.pool.clone(),
        );
        r.register(
            "db_pool_max_connections",
            "Size limit of the database pool",
            m.pool_max.clone(),
        );
        r.register(
            "password_hash_jobs",
            "Password-hash jobs by state: running, waiting (the queue depth)",
            m.hash_jobs.clone(),
        );
        r.register(
            "password_hash_capacity",
            "Jobs that may run or wait before new ones get 503",
            m.hash_capacity.clone(),
        );
        r.register_with_unit(
            "password_hash_wait",
            "Time a password-hash job waited for a free core",
            Unit::Seconds,
            hash_wait,
        );
        r.register("password_hashes", "Argon2 (or legacy) hashes computed", m.hashes.clone());
        r.register(
            "password_hash_rejections",
            "Hash jobs turned away with 503 because the queue was full",
            m.hash_rejections.clone(),
        );
        r.register(
            "rate_limit_rejections",
            "Requests refused with 429 by the per-IP or per-account limits",
            m.rate_rejections.clone(),
        );
        r.register(
            "rate_limit_redis_fallbacks",
            "Limit checks made with this node's own limits because Redis failed or was down",
            m.redis_fallbacks.clone(),
        );
        r.register(
            "rate_limit_redis_outages",
            "Times Redis stopped answering (or was unreachable at startup) and limits went per node",
            m.redis_outages.clone(),
        );
        r.register(
            "rate_limit_shared",
            "1 while limits are shared through Redis; 0 without Redis or while it is down",
            m.limits_shared.clone(),
        );
        r.register(
            "login_throttle_tracked",
            "Identifiers this node tracks failed password checks for (bounded)",
            m.throttle_tracked.clone(),
        );
        r.register(
            "password_failures_held",
            "Failed password checks held to the failure floor (every failure is)",
            m.hash_held.clone(),
        );
        r.register(
            "password_failure_floor_seconds",
            "No failed password check answers sooner: the costliest known kind of stored hash, plus a margin",
            m.hash_floor.clone(),
        );
        r.register(
            "signing_key_reloads",
            "Times this node re-read the signing keys (periodic, or for an unknown key id)",
            m.key_reloads.clone(),
        );
        r.register(
            "housekeeping_deleted_rows",
            "Rows deleted by housekeeping, by kind",
            m.swept.clone(),
        );
        r.register(
            "housekeeping_runs",
            "Housekeeping runs by outcome: ok, error",
            m.housekeeping_runs.clone(),
        );
        Self { registry, ..m }
    }

    /// A request began; it counts as in flight until the guard is dropped.
    pub fn request_started(&self) -> InFlight {
        self.in_flight.inc();
        InFlight(self.in_flight.clone())
    }

    /// A request was answered. `route` is the matched pattern, or `unmatched`.
    pub fn request_done(&self, method: &str, route: &str, status: u16, elapsed: Duration) {
        let method = known_method(method);
        let route = route.to_owned();
        self.requests.get_or_create(&RequestLabels { method, route: route.clone(), status }).inc();
        self.durations.get_or_create(&RouteLabels { method, route }).observe(elapsed.as_secs_f64());
    }

    /// An audited event happened (see `service::audit`).
    pub fn auth_event(&self, event: &'static str, outcome: &'static str) {
        self.auth_events.get_or_create(&EventLabels { event, outcome }).inc();
        if event == "login" {
            self.logins.get_or_create(&OutcomeLabels { outcome }).inc();
        }
    }

    /// The mail worker's counters.
    pub fn mail(&self) -> MailMetrics {
        self.mail.clone()
    }

    /// The signing keys were re-read.
    pub fn key_reloaded(&self) {
        self.key_reloads.inc();
    }

    /// Housekeeping deleted `n` rows of `kind`.
    pub fn swept(&self, kind: &'static str, n: u64) {
        self.swept.get_or_create(&KindLabels { kind }).inc_by(n);
    }

    /// A housekeeping run ended (`ok` or `error`).
    pub fn housekeeping_run(&self, outcome: &'static str) {
        self.housekeeping_runs.get_or_create(&OutcomeLabels { outcome }).inc();
    }

    /// Reads the current figures from their sources and encodes everything.
    pub async fn render(&self, store: &Store, hasher: &Hasher, limits: &Limits) -> String {
        let pool = store.pool();
        let (size, idle) = (pool.size() as i64, pool.num_idle() as i64);
        self.pool.get_or_create(&StateLabels { state: "idle" }).set(idle);
        self.pool.get_or_create(&StateLabels { state: "in_use" }).set((size - idle).max(0));
        let running = hasher.running() as i64;
        let waiting = (hasher.in_flight() as i64 - running).max(0);
        self.hash_jobs.get_or_create(&StateLabels { state: "running" }).set(running);
        self.hash_jobs.get_or_create(&StateLabels { state: "waiting" }).set(waiting);
        self.hash_capacity.set(hasher.capacity() as i64);
        set_counter(&self.hashes, hasher.runs());
        set_counter(&self.hash_rejections, hasher.rejections());
        set_counter(&self.rate_rejections, limits.rejections());
        set_counter(&self.redis_fallbacks, limits.redis_fallbacks());
        set_counter(&self.redis_outages, limits.redis_outages());
        self.limits_shared.set(i64::from(limits.redis_up()));
        set_counter(&self.database_outages, store.outages());
        self.throttle_tracked.set(limits.tracked() as i64);
        set_counter(&self.hash_held, hasher.held());
        self.hash_floor.set(hasher.floor().as_secs_f64());
        match tokio::time::timeout(SCRAPE_QUERY_TIMEOUT, store.outbox_stats()).await {
            Ok(Ok(stats)) => {
                self.database_up.set(1);
                self.outbox.get_or_create(&StatusLabels { status: "pending" }).set(stats.pending);
                self.outbox.get_or_create(&StatusLabels { status: "failed" }).set(stats.failed);
                let age = stats.oldest_pending.map_or(0.0, |t| (now_ms() - t).max(0) as f64 / 1e3);
                self.outbox_oldest.set(age);
            }
            Ok(Err(_)) | Err(_) => {
                self.database_up.set(0);
            }
        }
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.registry);
        out
    }
}

/// A request in flight (see [`Metrics::request_started`]).
#[derive(Debug)]
pub struct InFlight(Gauge);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.dec();
    }
}

/// A counter that mirrors a monotonic count kept elsewhere.
fn set_counter(counter: &Counter, value: u64) {
    counter.inner().store(value, Ordering::Relaxed);
}

/// The method as a label: the usual ones by name, anything else as `other` (a client may send
/// any token as a method, and labels must stay few).
fn known_method(method: &str) -> &'static str {
    match method {
        "GET" => "GET",
        "HEAD" => "HEAD",
        "POST" => "POST",
        "PUT" => "PUT",
        "PATCH" => "PATCH",
        "DELETE" => "DELETE",
        "OPTIONS" => "OPTIONS",
        _ => "other",
    }
}
