//! The hot reads on PostgreSQL and MariaDB (the session of every authenticated request, a
//! provider grant, a client) without the pool's two extra round trips.
//!
//! sqlx's pool tests a connection with a ping when it hands it out (`test_before_acquire`)
//! and pings it again when it comes back (always, in sqlx 0.8), so a one-row read through the
//! pool is three round trips to the database, not one. A profile of `GET /api/auth/user` on
//! PostgreSQL put most of the server's time in those sends and the wake-ups they cause in the
//! database (BENCHMARKS.md). Here a few connections of the store's own answer those reads:
//! taken from a small stack, used for the one statement (prepared once per connection, as
//! through the pool), and put back, without a ping either way.
//!
//! What the pings guard against is handled instead: a connection is put back only after its
//! statement completed, so one abandoned mid-query (a client that went away) is dropped and
//! closed rather than reused; an error on this path (a connection the database closed while
//! it was idle, a restart) drops that connection and sends the caller to the pool, which
//! tests its connections, as does a connection that cannot be opened in time; and a read the
//! database does not answer within 4 s is an outage, answered `503` at once rather than
//! waited for a second time through the pool. Each statement is its own transaction, so it
//! sees every committed logout and revocation at once, exactly as through the pool.

use std::sync::Mutex;

use sqlx::any::{AnyArguments, AnyConnectOptions, AnyRow};
use sqlx::query::QueryAs;
use sqlx::{Any, AnyConnection, ConnectOptions};
use tokio::sync::Semaphore;

use super::deadline::{within, ACQUIRE_TIMEOUT};
use super::Backend;

/// The client-side bound on one read of this path. A one-row read by key that takes longer is
/// an outage, not a slow query; but a loaded database server (one busy with DDL, say) can
/// take seconds over a read it does answer, so the bound is above the pool's 2 s acquire
/// timeout and below the 5 s statement timeout, and keeps the outage's `503` well within
/// what `ops::database_outages_give_quick_503s_and_service_resumes_by_itself` allows (6 s).
const READ_DEADLINE: std::time::Duration = std::time::Duration::from_secs(4);

/// What a read on this path came to.
pub(super) enum Hot<T> {
    /// The row, or that there is none.
    Answered(Option<T>),
    /// The database did not answer within the bound: an outage, for the caller to report.
    Failed(sqlx::Error),
    /// This path could not make the read; the pool should.
    Unavailable,
}

/// A missed deadline (ours or the driver's), as opposed to an error of one connection.
fn is_timeout(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Io(io) => io.kind() == std::io::ErrorKind::TimedOut,
        sqlx::Error::PoolTimedOut => true,
        _ => false,
    }
}

/// Connections at most (opened as needed, kept while they work): two per core, at least 4.
/// A read holds one for one round trip; more than this in flight wait for one, up to the
/// pool's acquire timeout. More would not help: on the 2-core machine of BENCHMARKS.md, 2, 4,
/// 8 and 16 of them gave the same rate of authenticated `GET`s on PostgreSQL within noise
/// (the database's own processes share the cores), 4 a little the best.
fn connections() -> usize {
    let cores = std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get);
    (2 * cores).clamp(4, 32)
}

pub(super) struct HotReads {
    options: AnyConnectOptions,
    backend: Backend,
    idle: Mutex<Vec<AnyConnection>>,
    permits: Semaphore,
}

impl HotReads {
    /// For a database server (PostgreSQL, MariaDB) at `url`; `None` for SQLite, which has its
    /// own shortcut (`store::direct`), or a URL sqlx cannot parse (the pool reports that).
    pub(super) fn for_url(url: &str, backend: Backend) -> Option<Self> {
        if backend == Backend::Sqlite {
            return None;
        }
        let options = url.parse::<AnyConnectOptions>().ok()?.disable_statement_logging();
        Some(Self {
            options,
            backend,
            idle: Mutex::new(Vec::new()),
            permits: Semaphore::new(connections()),
        })
    }

    /// `query`'s one row or none, on a connection of this path. Nothing is changed either way
    /// (these are reads), so a read this path cannot make is asked of the pool instead
    /// ([`Hot::Unavailable`]), except when the database did not answer the read in time: then
    /// that is the answer ([`Hot::Failed`]), rather than a second wait on the pool.
    pub(super) async fn fetch_optional<T>(
        &self,
        query: QueryAs<'static, Any, T, AnyArguments<'static>>,
    ) -> Hot<T>
    where
        T: for<'r> sqlx::FromRow<'r, AnyRow> + Send + Unpin + 'static,
    {
        let Some(mut lease) = self.lease().await else {
            return Hot::Unavailable;
        };
        let read = within(READ_DEADLINE, query.fetch_optional(&mut lease.conn)).await;
        match read {
            Ok(found) => {
                lease.give_back();
                Hot::Answered(found)
            }
            // Dropped, not put back, either way.
            Err(e) if is_timeout(&e) => Hot::Failed(e),
            Err(e) => {
                tracing::debug!(error = %e, "hot read failed; using the pool");
                Hot::Unavailable
            }
        }
    }

    /// A connection of this path, held until the [`Lease`] is given back (or dropped, which
    /// closes it). `None`: none free within the acquire timeout, or none could be opened in
    /// time (a connection's setup is slow on a loaded server); the pool's connections, which
    /// are open, are there for it, and a database that is down fails there.
    pub(super) async fn lease(&self) -> Option<Lease<'_>> {
        let permit =
            tokio::time::timeout(ACQUIRE_TIMEOUT, self.permits.acquire()).await.ok()?.ok()?;
        let taken = self.idle.lock().ok()?.pop();
        let conn = match taken {
            Some(c) => c,
            None => match within(ACQUIRE_TIMEOUT, self.open()).await {
                Ok(c) => c,
                Err(e) => {
                    tracing::debug!(error = %e, "hot connection unavailable; using the pool");
                    return None;
                }
            },
        };
        Some(Lease { conn, hot: self, _permit: permit })
    }

    async fn open(&self) -> Result<AnyConnection, sqlx::Error> {
        let mut conn = self.options.connect().await?;
        super::limit_session(&mut conn, self.backend, true).await?;
        Ok(conn)
    }
}

/// A connection taken by [`HotReads::lease`].
pub(super) struct Lease<'h> {
    pub(super) conn: AnyConnection,
    hot: &'h HotReads,
    _permit: tokio::sync::SemaphorePermit<'h>,
}

impl Lease<'_> {
    /// Puts the connection back for the next read or write: only after what it ran completed
    /// (a lease dropped instead closes its connection, and with it any open transaction).
    pub(super) fn give_back(self) {
        if let Ok(mut idle) = self.hot.idle.lock() {
            idle.push(self.conn);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_has_no_hot_path() {
        assert!(HotReads::for_url("sqlite://x.db", Backend::Sqlite).is_none());
        assert!(HotReads::for_url("postgres://u@127.0.0.1/db", Backend::Postgres).is_some());
    }
}
