//! The link to Redis, behind a circuit breaker.
//!
//! While Redis answers, limit checks go to it. The first call that fails or times out opens the
//! breaker: one warning is logged, the outage is counted, and from then on every check uses
//! this node's own limits at once, without waiting for Redis. A background task probes Redis
//! (a fresh connection and a `PING`) every [`PROBE_EVERY`]; the first probe that is answered
//! closes the breaker, with one line in the log. A Redis unreachable at startup is an outage
//! like any other.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, RwLock, Weak};
use std::time::Duration;

use redis::aio::{ConnectionManager, ConnectionManagerConfig};

/// How long a Redis call may take before we fall back.
pub(super) const REDIS_TIMEOUT: Duration = Duration::from_millis(250);
/// How long opening a connection may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(2);
/// How often an open breaker tries Redis again.
const PROBE_EVERY: Duration = Duration::from_secs(1);

pub(super) struct RedisLink {
    // `redis::Client` prints its connection info (with any password) in `Debug`: this type has
    // no `Debug` of its own for that reason.
    client: redis::Client,
    conn: RwLock<Option<ConnectionManager>>,
    up: AtomicBool,
    outages: AtomicU64,
}

impl RedisLink {
    /// Connects to Redis; if it does not answer, starts with the breaker open (and probing).
    pub(super) async fn connect(client: redis::Client) -> Arc<Self> {
        let link = Arc::new(Self {
            client,
            conn: RwLock::new(None),
            up: AtomicBool::new(false),
            outages: AtomicU64::new(0),
        });
        match link.open().await {
            Ok(conn) => link.close_breaker(conn, false),
            Err(e) => {
                link.outages.fetch_add(1, Ordering::Relaxed);
                // Start anyway: limits are per node until Redis answers.
                tracing::warn!(error = %e, "Redis unreachable at startup; limits are per node for now");
                link.probe();
            }
        }
        link
    }

    /// The connection, while the breaker is closed; `None` while Redis is known to be down.
    pub(super) fn conn(&self) -> Option<ConnectionManager> {
        if !self.up.load(Ordering::Acquire) {
            return None;
        }
        self.conn.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// A call failed or timed out: opens the breaker. Only the call that opens it logs.
    pub(super) fn failed(self: &Arc<Self>, what: &str, e: impl std::fmt::Display) {
        if self.up.swap(false, Ordering::AcqRel) {
            self.outages.fetch_add(1, Ordering::Relaxed);
            tracing::warn!(
                error = %e,
                "Redis unavailable ({what}); limits are per node until it answers again"
            );
            self.probe();
        }
    }

    /// Whether the breaker is closed (limits are shared through Redis).
    pub(super) fn is_up(&self) -> bool {
        self.up.load(Ordering::Acquire)
    }

    /// Times the breaker opened (including a Redis unreachable at startup).
    pub(super) fn outages(&self) -> u64 {
        self.outages.load(Ordering::Relaxed)
    }

    /// A fresh connection that has answered a `PING`. The error is a category, never the URL.
    async fn open(&self) -> Result<ConnectionManager, String> {
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(CONNECT_TIMEOUT)
            .set_response_timeout(REDIS_TIMEOUT)
            .set_number_of_retries(1);
        let attempt = async {
            let mut conn = self.client.get_connection_manager_with_config(config).await?;
            redis::cmd("PING").query_async::<String>(&mut conn).await?;
            Ok::<_, redis::RedisError>(conn)
        };
        match tokio::time::timeout(CONNECT_TIMEOUT + REDIS_TIMEOUT, attempt).await {
            Ok(Ok(conn)) => Ok(conn),
            Ok(Err(e)) => Err(e.category().to_owned()),
            Err(_) => Err("timeout".to_owned()),
        }
    }

    fn close_breaker(&self, conn: ConnectionManager, log: bool) {
        *self.conn.write().unwrap_or_else(|e| e.into_inner()) = Some(conn);
        self.up.store(true, Ordering::Release);
        if log {
            tracing::info!("Redis answers again; limits are shared again");
        }
    }

    /// Probes in the background until Redis answers. The task holds a weak reference, so it
    /// ends with the server.
    fn probe(self: &Arc<Self>) {
        let weak: Weak<Self> = Arc::downgrade(self);
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(PROBE_EVERY).await;
                let Some(link) = weak.upgrade() else { return };
                if let Ok(conn) = link.open().await {
                    link.close_breaker(conn, true);
                    return;
                }
            }
        });
    }
}
