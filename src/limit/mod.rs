//! Abuse limits: a per-IP token bucket on unauthenticated routes, per-user and per-IP token
//! buckets on every signed-in write, and per-account throttling of failed logins (progressive
//! delays, then a temporary lock; never permanent).
//!
//! Without Redis both live in this process. With `PORTCULLIS_REDIS_URL` they live in Redis, so
//! every node spends one budget. If Redis stops answering, each node falls back to its own
//! in-process limits (fail open to a weaker limit, never to none) behind a circuit breaker
//! (`breaker`): one warning when Redis goes, checks that no longer wait for it while it is
//! gone, and one line when a background probe finds it answering again.

mod breaker;

use std::collections::HashMap;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use self::breaker::RedisLink;

/// A refusal: the caller must wait `retry_after` seconds (rounded up) before the next try.
/// `crate::error` makes it a `429` with `Retry-After`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limited {
    pub retry_after: u64,
}

/// What a check answers: go ahead, or [`Limited`].
pub type Result<T = (), E = Limited> = std::result::Result<T, E>;

/// Longest delay between two attempts before the lock.
const MAX_DELAY_MS: i64 = 5 * 60 * 1000;
/// Identifiers with failures this process remembers at once (about 64 bytes each). When the
/// table is full, entries whose window has ended go first, then the oldest tenth.
pub const MAX_TRACKED: usize = 100_000;

/// What login throttling counts failures against: a fixed-size hash, so an attacker's
/// 64 KiB identifier costs the same 16 bytes as any other. A known account is keyed by its id
/// (its email and username spend one budget); an unknown identifier by its normalised text.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ThrottleKey {
    hash: [u8; 16],
    /// A known account's budget (kept longest when the table is full).
    account: bool,
}

impl ThrottleKey {
    /// The budget of an existing account, however it was named.
    pub fn account(user_id: &str) -> Self {
        Self { account: true, ..Self::of("account", user_id) }
    }

    /// The budget of an identifier (email or username key) that names no account.
    pub fn identifier(key: &str) -> Self {
        Self::of("identifier", key)
    }

    fn of(kind: &str, value: &str) -> Self {
        let mut ctx = ring::digest::Context::new(&ring::digest::SHA256);
        ctx.update(kind.as_bytes());
        ctx.update(b"\0");
        ctx.update(value.as_bytes());
        let mut hash = [0u8; 16];
        hash.copy_from_slice(&ctx.finish().as_ref()[..16]);
        Self { hash, account: false }
    }

    fn hex(&self) -> String {
        self.hash.iter().map(|b| format!("{b:02x}")).collect()
    }
}

impl std::fmt::Debug for ThrottleKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ThrottleKey({})", self.hex())
    }
}
use self::breaker::REDIS_TIMEOUT;

/// Failed logins of one identifier within the window.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Failures {
    count: u32,
    window_start: i64,
    last: i64,
}

/// What [`Limits::new`] needs from the settings.
#[derive(Debug, Clone)]
pub struct LimitSettings<'a> {
    /// `0`: no per-IP limit.
    pub ip_per_minute: u32,
    /// `0`: no account throttling.
    pub failures_per_hour: u32,
    /// Writes (anything but `GET`/`HEAD`/`OPTIONS`) by one signed-in user; `0`: no limit.
    pub writes_per_user_per_minute: u32,
    /// Signed-in writes from one client IP, whoever is signed in; `0`: no limit.
    pub writes_per_ip_per_minute: u32,
    /// Dynamic client registrations from one client IP per hour; `0`: no limit.
    pub registrations_per_ip_per_hour: u32,
    /// How long failures count (and the longest lock). One hour by default.
    pub failure_window: Duration,
    pub redis_url: Option<&'a str>,
    /// Prefix of every Redis key, so several deployments can share one Redis.
    pub redis_prefix: &'a str,
}

pub struct Limits {
    window_ms: i64,
    prefix: String,
    per_ip: Option<DefaultKeyedRateLimiter<IpAddr>>,
    ip_per_minute: u32,
    writes_per_user: Option<(u32, DefaultKeyedRateLimiter<String>)>,
    writes_per_ip: Option<(u32, DefaultKeyedRateLimiter<IpAddr>)>,
    registrations_per_ip: Option<(u32, DefaultKeyedRateLimiter<IpAddr>)>,
    failures_per_hour: u32,
    accounts: Mutex<HashMap<ThrottleKey, Failures>>,
    redis: Option<Arc<RedisLink>>,
    gcra: redis::Script,
    fail: redis::Script,
    redis_fallbacks: AtomicU64,
    rejections: AtomicU64,
}

impl std::fmt::Debug for Limits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Limits")
            .field("ip_per_minute", &self.ip_per_minute)
            .field("failures_per_hour", &self.failures_per_hour)
            .field("redis", &self.redis.is_some())
            .finish_non_exhaustive()
    }
}

/// Token bucket (GCRA) in Redis: one key per client, `tat` = theoretical arrival time in ms.
/// Returns 0 when allowed, else the milliseconds to wait.
const GCRA: &str = r"
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local burst = tonumber(ARGV[3])
if tat < now then tat = now end
local allow_at = tat - burst * interval
if now < allow_at then
  return math.max(1, math.ceil(allow_at - now))
end
local new_tat = tat + interval
redis.call('SET', KEYS[1], new_tat, 'PX', math.ceil(new_tat - now) + 1000)
return 0
";

/// Records a failed login: returns {count, window_start, last}.
const FAIL: &str = r"
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local start = tonumber(redis.call('HGET', KEYS[1], 'start') or '0')
if now - start >= window then
  redis.call('DEL', KEYS[1])
  redis.call('HSET', KEYS[1], 'start', now)
  start = now
end
local count = redis.call('HINCRBY', KEYS[1], 'count', 1)
redis.call('HSET', KEYS[1], 'last', now)
redis.call('PEXPIRE', KEYS[1], window)
return {count, start, now}
";

impl Limits {
    /// `ip_per_minute == 0` / `failures_per_hour == 0` turn a limit off.
    pub async fn new(cfg: LimitSettings<'_>) -> anyhow::Result<Self> {
        let LimitSettings {
            ip_per_minute,
            failures_per_hour,
            writes_per_user_per_minute,
            writes_per_ip_per_minute,
            registrations_per_ip_per_hour,
            failure_window,
            redis_url,
            redis_prefix,
        } = cfg;
        let per_ip =
            NonZeroU32::new(ip_per_minute).map(|n| RateLimiter::keyed(Quota::per_minute(n)));
        let redis = match redis_url {
            None => None,
            Some(url) => {
                let client = redis::Client::open(url).map_err(|e| {
                    anyhow::anyhow!(
                        "PORTCULLIS_REDIS_URL is not a valid Redis URL: {}",
                        e.category()
                    )
                })?;
                Some(RedisLink::connect(client).await)
            }
        };
        Ok(Self {
            window_ms: failure_window.as_millis() as i64,
            prefix: redis_prefix.to_owned(),
            per_ip,
            ip_per_minute,
            writes_per_user: bucket(writes_per_user_per_minute),
            writes_per_ip: bucket(writes_per_ip_per_minute),
            registrations_per_ip: NonZeroU32::new(registrations_per_ip_per_hour)
                .map(|n| (n.get(), RateLimiter::keyed(Quota::per_hour(n).allow_burst(n)))),
            failures_per_hour,
            accounts: Mutex::new(HashMap::new()),
            redis,
            gcra: redis::Script::new(GCRA),
            fail: redis::Script::new(FAIL),
            redis_fallbacks: AtomicU64::new(0),
            rejections: AtomicU64::new(0),
        })
    }

    /// Limit checks this node made with its own limits because Redis had failed (the call
    /// that failed, and every check while the breaker was open).
    pub fn redis_fallbacks(&self) -> u64 {
        self.redis_fallbacks.load(Ordering::Relaxed)
    }

    /// Whether limits are shared through Redis now: `false` without Redis, or while it is down.
    pub fn redis_up(&self) -> bool {
        self.redis.as_ref().is_some_and(|r| r.is_up())
    }

    /// Times Redis went down (the breaker opened), counting a Redis unreachable at startup.
    pub fn redis_outages(&self) -> u64 {
        self.redis.as_ref().map_or(0, |r| r.outages())
    }

    /// Requests refused with `429` so far.
    pub fn rejections(&self) -> u64 {
        self.rejections.load(Ordering::Relaxed)
    }

    /// Runs one Redis call with a deadline. `None`: no Redis, Redis known to be down (the
    /// breaker is open: no wait), or this call failed (which opens the breaker); the caller
    /// uses this node's limits.
    async fn redis_try<T, F, Fut>(&self, what: &str, call: F) -> Option<T>
    where
        F: FnOnce(redis::aio::ConnectionManager) -> Fut,
        Fut: std::future::Future<Output = redis::RedisResult<T>>,
    {
        let link = self.redis.as_ref()?;
        let Some(conn) = link.conn() else {
            self.redis_fallbacks.fetch_add(1, Ordering::Relaxed);
            return None;
        };
        let failure = match tokio::time::timeout(REDIS_TIMEOUT, call(conn)).await {
            Ok(Ok(v)) => return Some(v),
            Ok(Err(e)) => e.category().to_owned(),
            Err(_) => "timeout".to_owned(),
        };
        self.redis_fallbacks.fetch_add(1, Ordering::Relaxed);
        link.failed(what, failure);
        None
    }

    fn rejected(&self, wait_ms: i64) -> Limited {
        self.rejections.fetch_add(1, Ordering::Relaxed);
        // Round up: a client that waits Retry-After seconds is always let through.
        Limited { retry_after: ((wait_ms.max(1) + 999) / 1000) as u64 }
    }

    /// Spends one token of `ip`'s bucket. `429` with the wait when it is empty.
    pub async fn check_ip(&self, ip: IpAddr, now_ms: i64) -> Result<()> {
        let Some(local) = &self.per_ip else {
            return Ok(());
        };
        let ip = client_key(ip);
        let key = format!("{}:ip:{ip}", self.prefix);
        self.spend(key, self.ip_per_minute, local, &ip, now_ms).await
    }

    /// Spends one token of the signed-in user's write bucket and one of the client IP's
    /// (`PORTCULLIS_WRITE_LIMIT_PER_MINUTE`, `PORTCULLIS_WRITE_LIMIT_PER_IP_PER_MINUTE`).
    /// `429` with the wait when either is empty, before the write is tried.
    pub async fn check_write(&self, user_id: &str, ip: Option<IpAddr>, now_ms: i64) -> Result<()> {
        if let Some((per_minute, local)) = &self.writes_per_user {
            let key = format!("{}:writes:user:{user_id}", self.prefix);
            self.spend(key, *per_minute, local, &user_id.to_owned(), now_ms).await?;
        }
        if let (Some((per_minute, local)), Some(ip)) = (&self.writes_per_ip, ip) {
            let ip = client_key(ip);
            let key = format!("{}:writes:ip:{ip}", self.prefix);
            self.spend(key, *per_minute, local, &ip, now_ms).await?;
        }
        Ok(())
    }

    /// Spends one token of the client IP's registration bucket
    /// (`PORTCULLIS_DYNAMIC_REGISTRATION_PER_IP_PER_HOUR`). `429` with the wait when it is
    /// empty.
    pub async fn check_registration(&self, ip: IpAddr, now_ms: i64) -> Result<()> {
        let Some((per_hour, local)) = &self.registrations_per_ip else {
            return Ok(());
        };
        let ip = client_key(ip);
        let key = format!("{}:registrations:ip:{ip}", self.prefix);
        self.spend_in(key, *per_hour, 3_600_000.0, local, &ip, now_ms).await
    }

    /// One token of a bucket of `per_minute` (burst as large): in Redis under `redis_key`
    /// when it answers, else in `local` under `key`.
    async fn spend<K>(
        &self,
        redis_key: String,
        per_minute: u32,
        local: &DefaultKeyedRateLimiter<K>,
        key: &K,
        now_ms: i64,
    ) -> Result<()>
    where
        K: Clone + std::hash::Hash + Eq,
    {
        self.spend_in(redis_key, per_minute, 60_000.0, local, key, now_ms).await
    }

    /// One token of a bucket of `count` per `period_ms` (burst as large), as [`Self::spend`].
    async fn spend_in<K>(
        &self,
        redis_key: String,
        count: u32,
        period_ms: f64,
        local: &DefaultKeyedRateLimiter<K>,
        key: &K,
        now_ms: i64,
    ) -> Result<()>
    where
        K: Clone + std::hash::Hash + Eq,
    {
        let interval = period_ms / f64::from(count);
        let burst = f64::from(count.saturating_sub(1));
        let shared = self
            .redis_try("rate limits", |mut conn| async move {
                let mut call = self.gcra.key(redis_key);
                call.arg(now_ms).arg(interval).arg(burst);
                call.invoke_async::<i64>(&mut conn).await
            })
            .await;
        match shared {
            Some(0) => return Ok(()),
            Some(wait) => return Err(self.rejected(wait)),
            None => {}
        }
        match local.check_key(key) {
            Ok(()) => Ok(()),
            Err(not_until) => {
                let wait = not_until.wait_time_from(DefaultClock::default().now());
                Err(self.rejected(wait.as_millis() as i64))
            }
        }
    }

    /// Forgets buckets that are full again (bounded memory under a flood of addresses).
    pub fn sweep(&self) {
        if let Some(l) = &self.per_ip {
            l.retain_recent();
            l.shrink_to_fit();
        }
        if let Some((_, l)) = &self.writes_per_user {
            l.retain_recent();
            l.shrink_to_fit();
        }
        if let Some((_, l)) = &self.writes_per_ip {
            l.retain_recent();
            l.shrink_to_fit();
        }
        if let Some((_, l)) = &self.registrations_per_ip {
            l.retain_recent();
            l.shrink_to_fit();
        }
        let now = crate::clock::now_ms();
        let mut accounts = self.accounts.lock().unwrap_or_else(|e| e.into_inner());
        accounts.retain(|_, f| now - f.window_start < self.window_ms);
    }

    /// Identifiers this process currently tracks failures for (bounded by [`MAX_TRACKED`]).
    pub fn tracked(&self) -> usize {
        self.accounts.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// Whether a login (or another password check) for `identifier` may be tried now. `429`
    /// while it is in a delay or locked.
    pub async fn login_allowed(&self, identifier: ThrottleKey, now_ms: i64) -> Result<()> {
        if self.failures_per_hour == 0 {
            return Ok(());
        }
        let failures = self.failures(identifier).await;
        match self.wait_ms(failures, now_ms) {
            0 => Ok(()),
            wait => Err(self.rejected(wait)),
        }
    }

    /// How long `identifier` must wait, given its failures: nothing for the first quarter of
    /// the budget, then doubling delays (1 s, 2 s, 4 s … up to 5 min) after each failure, and
    /// once the budget is spent a lock until the window ends (at most an hour).
    fn wait_ms(&self, f: Failures, now: i64) -> i64 {
        if f.count == 0 || now - f.window_start >= self.window_ms {
            return 0;
        }
        if f.count >= self.failures_per_hour {
            return f.window_start + self.window_ms - now;
        }
        let free = (self.failures_per_hour / 4).max(3);
        if f.count < free {
            return 0;
        }
        let delay = (1000i64 << (f.count - free).min(20)).min(MAX_DELAY_MS);
        (f.last + delay - now).max(0)
    }

    async fn failures(&self, identifier: ThrottleKey) -> Failures {
        let key = format!("{}:login:{}", self.prefix, identifier.hex());
        let shared = self
            .redis_try("login throttling", |mut conn| async move {
                redis::cmd("HMGET")
                    .arg(&key)
                    .arg(&["count", "start", "last"])
                    .query_async::<Vec<Option<i64>>>(&mut conn)
                    .await
            })
            .await;
        if let Some(v) = shared {
            let get = |i: usize| v.get(i).copied().flatten().unwrap_or(0);
            return Failures { count: get(0) as u32, window_start: get(1), last: get(2) };
        }
        let accounts = self.accounts.lock().unwrap_or_else(|e| e.into_inner());
        accounts.get(&identifier).copied().unwrap_or_default()
    }

    /// Counts a failed login for `identifier`. `true` when this failure spent the budget and
    /// locked the identifier (for the audit log).
    pub async fn login_failed(&self, identifier: ThrottleKey, now_ms: i64) -> bool {
        if self.failures_per_hour == 0 {
            return false;
        }
        let recorded = self
            .redis_try("login throttling", |mut conn| async move {
                let mut call = self.fail.key(format!("{}:login:{}", self.prefix, identifier.hex()));
                call.arg(now_ms).arg(self.window_ms);
                call.invoke_async::<Vec<i64>>(&mut conn).await
            })
            .await;
        if let Some(v) = recorded {
            return v.first().copied() == Some(i64::from(self.failures_per_hour));
        }
        let mut accounts = self.accounts.lock().unwrap_or_else(|e| e.into_inner());
        if accounts.len() >= MAX_TRACKED && !accounts.contains_key(&identifier) {
            self.evict(&mut accounts, now_ms);
        }
        let f = accounts.entry(identifier).or_default();
        if now_ms - f.window_start >= self.window_ms {
            *f = Failures { count: 0, window_start: now_ms, last: now_ms };
        }
        f.count += 1;
        f.last = now_ms;
        f.count == self.failures_per_hour
    }

    /// Makes room in a full table: entries whose window has ended, then the tenth with the
    /// oldest last failure among identifiers that name no account (which is what a flood of
    /// made-up identifiers fills it with), and only when those are gone, among accounts: a
    /// flood cannot push out the budget of an account under a slow attack.
    fn evict(&self, accounts: &mut HashMap<ThrottleKey, Failures>, now_ms: i64) {
        accounts.retain(|_, f| now_ms - f.window_start < self.window_ms);
        if accounts.len() < MAX_TRACKED {
            return;
        }
        let unknown = accounts.keys().filter(|k| !k.account).count();
        if unknown > 0 {
            let mut lasts: Vec<i64> =
                accounts.iter().filter(|(k, _)| !k.account).map(|(_, f)| f.last).collect();
            let nth = lasts.len() / 10;
            let (_, cutoff, _) = lasts.select_nth_unstable(nth);
            let cutoff = *cutoff;
            accounts.retain(|k, f| k.account || f.last > cutoff);
            if accounts.len() < MAX_TRACKED {
                return;
            }
        }
        let mut lasts: Vec<i64> = accounts.values().map(|f| f.last).collect();
        let nth = lasts.len() / 10;
        let (_, cutoff, _) = lasts.select_nth_unstable(nth);
        let cutoff = *cutoff;
        accounts.retain(|_, f| f.last > cutoff);
    }

    /// Forgets the failures of `identifier` (after a successful login or password reset).
    pub async fn clear(&self, identifier: ThrottleKey) {
        if self.failures_per_hour == 0 {
            return;
        }
        let key = format!("{}:login:{}", self.prefix, identifier.hex());
        self.redis_try("login throttling", |mut conn| async move {
            redis::cmd("DEL").arg(&key).query_async::<i64>(&mut conn).await
        })
        .await;
        self.accounts.lock().unwrap_or_else(|e| e.into_inner()).remove(&identifier);
    }
}

/// A keyed bucket of `per_minute` tokens a minute, or none for `0`.
fn bucket<K: Clone + std::hash::Hash + Eq>(
    per_minute: u32,
) -> Option<(u32, DefaultKeyedRateLimiter<K>)> {
    NonZeroU32::new(per_minute).map(|n| (n.get(), RateLimiter::keyed(Quota::per_minute(n))))
}

/// The bucket a client address spends from. An IPv6 client usually holds a whole /64 (and can
/// pick any address in it), so IPv6 addresses are bucketed by /64; an IPv4-mapped IPv6
/// address counts as the IPv4 address it is.
pub(crate) fn client_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
    }
}

#[cfg(test)]
mod tests;
