//! The one password hasher: Argon2id on the blocking pool, behind a semaphore sized to the
//! cores, with a bounded wait queue that answers `503` instead of letting logins pile up.
//!
//! Every failed check (wrong password, unknown user, unusable row) answers no sooner than the
//! failure floor: the cost of the costliest kind of stored hash this node knows of (measured
//! on this machine: the slowest of its recent checks, so the floor rises under load), plus a
//! margin. The wait is an async sleep after the core is released, so
//! it costs no CPU. A wrong password on an imported bcrypt or PBKDF2 account therefore takes
//! as long as on a native account or on no account at all, and timing does not tell which
//! accounts came from an import. See [`Hasher::floor`].

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use argon2::password_hash::PasswordHash;
use argon2::{Algorithm, Argon2, Block, Params, Version};
use base64::engine::general_purpose::STANDARD_NO_PAD;
use base64::Engine;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use subtle::ConstantTimeEq;
use tokio::sync::Semaphore;

use super::legacy::LegacyHash;
use crate::config::Argon2Params;
use crate::domain::Password;

/// Why a password could not be hashed or checked.
#[derive(Debug, thiserror::Error)]
pub enum HashError {
    /// Every core is busy and the queue is full: try again shortly (`503`).
    #[error("the password hasher is busy")]
    Overloaded { retry_after: u64 },
    #[error(transparent)]
    Failed(#[from] anyhow::Error),
}

type Result<T, E = HashError> = std::result::Result<T, E>;

/// The outcome of checking a password.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verified {
    pub ok: bool,
    /// The stored hash uses other parameters (or another algorithm) than the configured ones:
    /// replace it now that the password is known.
    pub needs_rehash: bool,
}

pub struct Hasher {
    params: Params,
    permits: Semaphore,
    /// Jobs waiting or running.
    in_flight: AtomicUsize,
    /// Hashes computed so far (metrics, and the proof in tests that unknown users cost one).
    runs: AtomicU64,
    /// Jobs turned away because the queue was full.
    rejections: AtomicU64,
    /// Failed checks held to the failure floor (metrics, and the proof in tests that every
    /// failure path is).
    held: AtomicU64,
    /// What checking each kind of stored hash costs here, which sets the failure floor.
    costs: std::sync::Mutex<Costs>,
    /// How long jobs waited for a permit (metrics).
    wait: Histogram,
    concurrency: usize,
    capacity: usize,
    /// A hash of a random password with the configured cost, checked for unknown users so that
    /// "no such user" takes as long as "wrong password".
    dummy: String,
    /// Argon2 working memory (`m_cost` KiB each), kept between jobs, one per running job at
    /// most. Allocating 19 MiB per login, which glibc then keeps in per-thread arenas, is what
    /// made a login flood grow the process to hundreds of MiB; reuse bounds it to
    /// `concurrency x m_cost`.
    memory: std::sync::Mutex<Vec<Memory>>,
}

/// One Argon2 working area.
type Memory = Vec<Block>;

impl std::fmt::Debug for Hasher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hasher")
            .field("params", &self.params)
            .field("capacity", &self.capacity)
            .finish_non_exhaustive()
    }
}

struct InFlight<'a>(&'a AtomicUsize);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Hasher {
    /// `concurrency` hashes run at once; up to `queue` more may wait for a turn.
    pub fn new(cost: Argon2Params, concurrency: usize, queue: usize) -> anyhow::Result<Arc<Self>> {
        let params = Params::new(cost.memory_kib, cost.iterations, cost.parallelism, None)
            .map_err(|e| anyhow::anyhow!("invalid Argon2 parameters: {e}"))?;
        let mut hasher = Self {
            params,
            permits: Semaphore::new(concurrency.max(1)),
            in_flight: AtomicUsize::new(0),
            runs: AtomicU64::new(0),
            rejections: AtomicU64::new(0),
            held: AtomicU64::new(0),
            costs: std::sync::Mutex::new(Costs::default()),
            // 1 ms to ~16 s.
            wait: Histogram::new(exponential_buckets(0.001, 2.0, 15)),
            concurrency: concurrency.max(1),
            capacity: concurrency.max(1) + queue,
            dummy: String::new(),
            memory: std::sync::Mutex::new(Vec::new()),
        };
        let random = super::token::OpaqueToken::generate().plain;
        let started = Instant::now();
        hasher.dummy = hash_sync(&hasher.params, &random, &mut Vec::new())?;
        // The native cost, so that the floor covers a native check from the first request.
        if let Some(kind) = cost_kind(&hasher.dummy) {
            hasher.learn(kind, started.elapsed());
        }
        Ok(Arc::new(hasher))
    }

    /// The PHC prefix of every hash this hasher makes (`$argon2id$v=19$m=…,t=…,p=…$`): a stored
    /// hash without it is imported or made with other parameters.
    pub fn native_prefix(&self) -> String {
        format!(
            "$argon2id$v=19$m={},t={},p={}$",
            self.params.m_cost(),
            self.params.t_cost(),
            self.params.p_cost()
        )
    }

    /// The failure floor: a failed check answers no sooner than this after it started
    /// running (queueing for a core comes on top, the same for every kind of account).
    /// [`FLOOR_MARGIN`] times the cost of the costliest kind of stored hash known here: the
    /// slowest of its recent checks (see [`RECENT_CHECKS`], [`RECENT_FOR`]).
    pub fn floor(&self) -> Duration {
        self.costs.lock().unwrap_or_else(|e| e.into_inner()).floor(Instant::now())
    }

    /// The kinds of stored hash whose cost is known here (`bcrypt:12`, `pbkdf2:sha256:600000`,
    /// `argon2id:v=19,m=19456,t=2,p=1` …), for tests and diagnostics.
    pub fn known_kinds(&self) -> Vec<String> {
        let costs = self.costs.lock().unwrap_or_else(|e| e.into_inner());
        let mut kinds: Vec<String> = costs.by_kind.keys().cloned().collect();
        kinds.sort();
        kinds
    }

    /// Failed checks held to the floor so far.
    pub fn held(&self) -> u64 {
        self.held.load(Ordering::Relaxed)
    }

    /// Measures what checking `stored`'s kind of hash costs (a check of a random password,
    /// through the same queue and cores as a login), so the floor covers it before any login
    /// meets it. Run at startup for each kind found in the database.
    pub async fn calibrate(&self, stored: &str) -> Result<()> {
        let Some(random) = Password::normalize(&super::token::OpaqueToken::generate().plain) else {
            return Ok(());
        };
        self.check(&random, stored.to_owned()).await.map(|_| ())
    }

    /// Records one measured check of `kind`; a kind's cost is the slowest of its recent
    /// checks, so the floor follows the machine's load, and a slow spell ages out.
    fn learn(&self, kind: String, spent: Duration) {
        self.costs.lock().unwrap_or_else(|e| e.into_inner()).learn(kind, spent, Instant::now());
    }

    /// Jobs currently waiting or running (for metrics and tests).
    pub fn in_flight(&self) -> usize {
        self.in_flight.load(Ordering::Acquire)
    }

    /// Argon2 computations run so far.
    pub fn runs(&self) -> u64 {
        self.runs.load(Ordering::Relaxed)
    }

    /// Jobs running now (holding a core).
    pub fn running(&self) -> usize {
        self.concurrency.saturating_sub(self.permits.available_permits())
    }

    /// Jobs that may run or wait at once; the next one gets `503`.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Jobs refused so far because the queue was full.
    pub fn rejections(&self) -> u64 {
        self.rejections.load(Ordering::Relaxed)
    }

    /// The histogram of the time jobs waited for a core (shared: metrics register it).
    pub fn wait_histogram(&self) -> Histogram {
        self.wait.clone()
    }

    /// Hashes a new password with the configured Argon2id parameters.
    /// [`HashError::Overloaded`] when the queue is full.
    pub async fn hash(&self, password: &Password) -> Result<String> {
        let params = self.params.clone();
        let pw = password.clone();
        self.run(move |memory| hash_sync(&params, pw.expose(), memory)).await
    }

    /// Checks `password` against `stored`, or against the dummy hash when there is no user, so
    /// both cases cost the same. With `stored == None` the result is never `ok`. A failure
    /// answers no sooner than [`Hasher::floor`]: every password check (login on every route
    /// set, step-up, password change, account deletion) comes through here.
    pub async fn verify(&self, password: &Password, stored: Option<&str>) -> Result<Verified> {
        let known = stored.is_some();
        let stored = stored.unwrap_or(&self.dummy).to_owned();
        let (verified, spent) = self.check(password, stored).await?;
        let verified =
            Verified { ok: known && verified.ok, needs_rehash: known && verified.needs_rehash };
        if !verified.ok {
            self.hold_to_floor(spent).await;
        }
        Ok(verified)
    }

    /// One check on a core, timed, its kind's cost recorded.
    async fn check(&self, password: &Password, stored: String) -> Result<(Verified, Duration)> {
        let kind = cost_kind(&stored);
        let params = self.params.clone();
        let pw = password.clone();
        let (verified, spent) = self
            .run(move |memory| {
                let started = Instant::now();
                let verified = verify_sync(&params, &pw, &stored, memory);
                Ok((verified, started.elapsed()))
            })
            .await?;
        if let Some(kind) = kind {
            self.learn(kind, spent);
        }
        Ok((verified, spent))
    }

    /// Waits out the rest of the floor after a failed check that took `spent` on a core. The
    /// core is free again: the wait costs no CPU and holds no place in the queue.
    async fn hold_to_floor(&self, spent: Duration) {
        self.held.fetch_add(1, Ordering::Relaxed);
        let rest = self.floor().saturating_sub(spent);
        if !rest.is_zero() {
            tokio::time::sleep(rest).await;
        }
    }

    async fn run<T, F>(&self, job: F) -> Result<T>
    where
        F: FnOnce(&mut Memory) -> anyhow::Result<T> + Send + 'static,
        T: Send + 'static,
    {
        let _slot = self.reserve()?;
        let waited = Instant::now();
        let _permit = self.permits.acquire().await.context("password hasher semaphore closed")?;
        self.wait.observe(waited.elapsed().as_secs_f64());
        tracing::trace!(waited_ms = waited.elapsed().as_millis() as u64, "hash slot acquired");
        let span = tracing::Span::current();
        let mut memory =
            self.memory.lock().unwrap_or_else(|e| e.into_inner()).pop().unwrap_or_default();
        let (out, memory) = tokio::task::spawn_blocking(move || {
            let out = span.in_scope(|| job(&mut memory));
            (out, memory)
        })
        .await
        .context("password hashing task failed")?;
        // Keep only working areas of the configured size (a rehash check of an old, costlier
        // hash borrows a bigger one once), and never more than can be in use at once.
        if memory.len() == self.params.block_count() {
            let mut pool = self.memory.lock().unwrap_or_else(|e| e.into_inner());
            if pool.len() < self.concurrency {
                pool.push(memory);
            }
        }
        self.runs.fetch_add(1, Ordering::Relaxed);
        out.map_err(HashError::Failed)
    }

    fn reserve(&self) -> Result<InFlight<'_>> {
        let prev = self.in_flight.fetch_add(1, Ordering::AcqRel);
        let slot = InFlight(&self.in_flight);
        if prev >= self.capacity {
            self.rejections.fetch_add(1, Ordering::Relaxed);
            return Err(HashError::Overloaded { retry_after: 1 });
        }
        Ok(slot)
    }
}

/// The failure floor over the costliest known kind of hash, as a fraction (5/4): room for
/// the ordinary jitter of that kind's checks.
pub const FLOOR_MARGIN: (u32, u32) = (5, 4);

/// How many of a kind's latest checks its cost is taken over.
pub const RECENT_CHECKS: usize = 32;

/// How long a check counts as recent: after that, a kind's cost falls back to the least one
/// seen (a spell of load, or one slow check, does not raise the floor for good).
pub const RECENT_FOR: Duration = Duration::from_secs(600);

/// What checking each kind of stored hash costs: the slowest of its recent checks (the last
/// [`RECENT_CHECKS`], within [`RECENT_FOR`]), or the least ever seen when none is recent.
/// Under load every check slows down; taking the recent tail lets the floor rise with the
/// costliest kind, so that its failures keep hiding under it.
#[derive(Debug, Default)]
struct Costs {
    by_kind: HashMap<String, KindCost>,
}

#[derive(Debug)]
struct KindCost {
    least: Duration,
    /// The latest checks, oldest first: when each ended, and what it took.
    recent: std::collections::VecDeque<(Instant, Duration)>,
}

impl KindCost {
    fn cost(&self, now: Instant) -> Duration {
        self.recent
            .iter()
            .filter(|(at, _)| now.saturating_duration_since(*at) <= RECENT_FOR)
            .map(|(_, spent)| *spent)
            .max()
            .unwrap_or(self.least)
            .max(self.least)
    }
}

impl Costs {
    fn learn(&mut self, kind: String, spent: Duration, at: Instant) {
        let cost = self.by_kind.entry(kind).or_insert_with(|| KindCost {
            least: spent,
            recent: std::collections::VecDeque::with_capacity(RECENT_CHECKS),
        });
        cost.least = cost.least.min(spent);
        if cost.recent.len() == RECENT_CHECKS {
            cost.recent.pop_front();
        }
        cost.recent.push_back((at, spent));
    }

    /// The costliest kind's cost at `now`, with the margin.
    fn floor(&self, now: Instant) -> Duration {
        let costliest = self.by_kind.values().map(|c| c.cost(now)).max().unwrap_or_default();
        costliest * FLOOR_MARGIN.0 / FLOOR_MARGIN.1
    }
}

/// What a check of `stored` costs depends on: its algorithm and cost parameters, never its
/// salt or digest (`argon2id:v=19,m=19456,t=2,p=1`, `bcrypt:12`, `pbkdf2:sha256:600000`,
/// `scrypt:15:8:1`). `None` for a row in no format we check (it fails at once).
pub fn cost_kind(stored: &str) -> Option<String> {
    if !stored.starts_with("$argon2") {
        return LegacyHash::parse(stored).ok().map(|h| h.cost_kind());
    }
    let parsed = PasswordHash::new(stored).ok()?;
    let params = Params::try_from(&parsed).ok()?;
    Some(format!(
        "{}:v={},m={},t={},p={}",
        parsed.algorithm,
        parsed.version.unwrap_or(0x13),
        params.m_cost(),
        params.t_cost(),
        params.p_cost()
    ))
}

/// The costliest imported Argon2id hash accepted: 256 MiB, 10 passes, 16 lanes. Above that
/// one login would take seconds of a core and a large share of memory.
pub const MAX_IMPORT_ARGON2: (u32, u32, u32) = (256 * 1024, 10, 16);

/// Whether an Argon2id PHC string may be imported: well-formed and within
/// [`MAX_IMPORT_ARGON2`].
pub fn check_import_argon2(stored: &str) -> std::result::Result<(), super::legacy::LegacyError> {
    use super::legacy::LegacyError;
    let parsed = PasswordHash::new(stored).map_err(|_| LegacyError::UnknownFormat)?;
    if parsed.algorithm.as_str() != "argon2id" || parsed.hash.is_none() || parsed.salt.is_none() {
        return Err(LegacyError::UnknownFormat);
    }
    let params = Params::try_from(&parsed).map_err(|_| LegacyError::UnknownFormat)?;
    let (m, t, p) = MAX_IMPORT_ARGON2;
    if params.m_cost() > m || params.t_cost() > t || params.p_cost() > p {
        return Err(LegacyError::CostTooHigh);
    }
    Ok(())
}

/// Argon2 of `password` and `salt` into `out`, in `memory` (grown to the size `params` needs).
fn argon2_into(
    algorithm: Algorithm,
    version: Version,
    params: &Params,
    password: &[u8],
    salt: &[u8],
    out: &mut [u8],
    memory: &mut Memory,
) -> anyhow::Result<()> {
    let blocks = params.block_count();
    if memory.len() != blocks {
        memory.clear();
        memory.resize(blocks, Block::default());
    }
    Argon2::new(algorithm, version, params.clone())
        .hash_password_into_with_memory(password, salt, out, &mut memory[..])
        .map_err(|e| anyhow::anyhow!("argon2 hashing failed: {e}"))
}

/// A new Argon2id hash of `password` as a PHC string (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`).
fn hash_sync(params: &Params, password: &str, memory: &mut Memory) -> anyhow::Result<String> {
    let salt = super::token::random_bytes::<16>();
    let mut out = [0u8; 32];
    argon2_into(
        Algorithm::Argon2id,
        Version::V0x13,
        params,
        password.as_bytes(),
        &salt,
        &mut out,
        memory,
    )?;
    Ok(format!(
        "$argon2id$v=19$m={},t={},p={}${}${}",
        params.m_cost(),
        params.t_cost(),
        params.p_cost(),
        STANDARD_NO_PAD.encode(salt),
        STANDARD_NO_PAD.encode(out)
    ))
}

/// Verifies against any stored format we know. Unknown formats never match. A legacy hash
/// (imported from a seed service) is checked against the password as typed, and always asks
/// to be replaced.
fn verify_sync(
    params: &Params,
    password: &Password,
    stored: &str,
    memory: &mut Memory,
) -> Verified {
    let no = Verified { ok: false, needs_rehash: false };
    if !stored.starts_with("$argon2") {
        let ok = LegacyHash::parse(stored).is_ok_and(|h| h.verify(password.expose_raw()));
        return Verified { ok, needs_rehash: ok };
    }
    let password = password.expose();
    let Ok(parsed) = PasswordHash::new(stored) else {
        return no;
    };
    if parsed.algorithm.as_str() != "argon2id"
        && parsed.algorithm.as_str() != "argon2i"
        && parsed.algorithm.as_str() != "argon2d"
    {
        return no;
    }
    let Ok(stored_params) = Params::try_from(&parsed) else {
        return no;
    };
    // A stored hash far costlier than ours (a corrupted or hostile row) must not stall a core
    // or take a large share of memory.
    if stored_params.m_cost() > 1 << 18
        || stored_params.t_cost() > 64
        || stored_params.p_cost() > 16
    {
        return no;
    }
    let ok = verify_argon2(&parsed, &stored_params, password.as_bytes(), memory).unwrap_or(false);
    let needs_rehash = parsed.algorithm.as_str() != "argon2id"
        || stored_params.m_cost() != params.m_cost()
        || stored_params.t_cost() != params.t_cost()
        || stored_params.p_cost() != params.p_cost();
    Verified { ok, needs_rehash: ok && needs_rehash }
}

/// Recomputes a stored Argon2 hash with its own algorithm, version, parameters and salt, and
/// compares in constant time.
fn verify_argon2(
    parsed: &PasswordHash<'_>,
    params: &Params,
    password: &[u8],
    memory: &mut Memory,
) -> Option<bool> {
    let algorithm = Algorithm::try_from(parsed.algorithm).ok()?;
    let version = parsed.version.map_or(Some(Version::V0x13), |v| Version::try_from(v).ok())?;
    let expected = parsed.hash?;
    let mut salt = [0u8; 64];
    let salt = parsed.salt?.decode_b64(&mut salt).ok()?;
    let mut out = vec![0u8; expected.len()];
    argon2_into(algorithm, version, params, password, salt, &mut out, memory).ok()?;
    Some(bool::from(out.ct_eq(expected.as_bytes())))
}

#[cfg(test)]
mod tests;
