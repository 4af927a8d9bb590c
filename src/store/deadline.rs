//! Time limits on every database call, so that an unreachable or stuck database turns into a
//! quick `503` instead of requests that hang.
//!
//! Three layers, innermost first:
//! - the pool's acquire timeout ([`ACQUIRE_TIMEOUT`]): no free connection, or none can be
//!   opened (database down, refusing, or silent), within it gives `PoolTimedOut`;
//! - a server-side limit per statement where the backend has one ([`STATEMENT_TIMEOUT`]):
//!   PostgreSQL `statement_timeout`, MariaDB `max_statement_time` / MySQL `max_execution_time`,
//!   InnoDB's lock wait, SQLite's busy timeout. It ends a slow query on the server too;
//! - a client-side deadline on every statement, `BEGIN` and `COMMIT` ([`DEADLINE`]), for what
//!   the server cannot see: a connection whose peer vanished mid-query (a network partition
//!   or a dead host, where TCP alone would wait many minutes).
//!
//! Every statement in `store/` runs through [`Timed`]: `execute(self.db())` on the pool,
//! `execute(self.on(&mut *tx))` inside a transaction. Its outcome goes to the store's
//! [`Health`], which logs an outage once when it begins and once when it ends.

use std::future::Future;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use futures_core::future::BoxFuture;
use futures_core::stream::BoxStream;
use sqlx::any::{AnyQueryResult, AnyRow, AnyTypeInfo};
use sqlx::{Any, Describe, Either, Execute, Executor};

/// How long a request waits for a database connection.
pub const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(2);
/// The server-side limit on one statement (and on lock waits).
pub const STATEMENT_TIMEOUT: Duration = Duration::from_secs(5);
/// The client-side limit on one statement, a little longer than the server's so that a slow
/// query normally ends with the server's own error.
pub const DEADLINE: Duration = Duration::from_secs(7);

/// The error a missed [`DEADLINE`] becomes: an I/O timeout, which callers treat like any lost
/// connection (`503` with `Retry-After`).
pub fn deadline_error() -> sqlx::Error {
    sqlx::Error::Io(std::io::Error::new(
        std::io::ErrorKind::TimedOut,
        "the database did not answer within the statement deadline",
    ))
}

/// `fut` within `limit`, or [`deadline_error`].
pub async fn within<T>(
    limit: Duration,
    fut: impl Future<Output = Result<T, sqlx::Error>>,
) -> Result<T, sqlx::Error> {
    tokio::time::timeout(limit, fut).await.unwrap_or_else(|_| Err(deadline_error()))
}

/// Whether the database answers, as the statements see it. An outage (the database unreachable,
/// refusing connections, or silent: see [`is_outage`]) is logged once as it begins, with a
/// count for the metrics, and once more when a statement is answered again; in between, each
/// request still gets its `503` and its request log line, but no further warning. Other errors
/// (a deadlock, a statement over its time limit, a bug) are not outages and are logged as
/// before.
#[derive(Debug, Default)]
pub struct Health {
    down: AtomicBool,
    outages: AtomicU64,
}

impl Health {
    /// Notes the outcome of one statement (or `BEGIN`, `COMMIT`).
    pub fn note<T>(&self, result: &Result<T, sqlx::Error>) {
        match result {
            Err(e) if is_outage(e) => {
                if !self.down.swap(true, Ordering::AcqRel) {
                    self.outages.fetch_add(1, Ordering::Relaxed);
                    tracing::warn!(
                        error = %e,
                        "database unavailable; requests that need it get 503 until it answers"
                    );
                }
            }
            // Any answer, even an error from the server, means it is reachable.
            _ => {
                if self.down.swap(false, Ordering::AcqRel) {
                    tracing::info!("database answers again");
                }
            }
        }
    }

    /// Times the database became unreachable.
    pub fn outages(&self) -> u64 {
        self.outages.load(Ordering::Relaxed)
    }

    /// Whether the last statement met an outage.
    pub fn is_down(&self) -> bool {
        self.down.load(Ordering::Acquire)
    }
}

/// `fut` within `limit`, its outcome noted in `health`.
async fn watched<T>(
    health: &Health,
    limit: Duration,
    fut: impl Future<Output = Result<T, sqlx::Error>>,
) -> Result<T, sqlx::Error> {
    let result = within(limit, fut).await;
    health.note(&result);
    result
}

/// An executor (the pool, or a transaction's connection) whose statements each get
/// [`DEADLINE`], their outcomes noted in the store's [`Health`].
#[derive(Debug)]
pub struct Timed<'h, E>(pub E, pub &'h Health);

impl<'c, 'h: 'c, E> Executor<'c> for Timed<'h, E>
where
    E: Executor<'c, Database = Any>,
{
    type Database = Any;

    fn execute<'e, 'q: 'e, Q>(self, query: Q) -> BoxFuture<'e, Result<AnyQueryResult, sqlx::Error>>
    where
        'c: 'e,
        Q: 'q + Execute<'q, Any>,
    {
        let health = self.1;
        let fut = self.0.execute(query);
        Box::pin(watched(health, DEADLINE, fut))
    }

    fn fetch_all<'e, 'q: 'e, Q>(self, query: Q) -> BoxFuture<'e, Result<Vec<AnyRow>, sqlx::Error>>
    where
        'c: 'e,
        Q: 'q + Execute<'q, Any>,
    {
        let health = self.1;
        let fut = self.0.fetch_all(query);
        Box::pin(watched(health, DEADLINE, fut))
    }

    fn fetch_one<'e, 'q: 'e, Q>(self, query: Q) -> BoxFuture<'e, Result<AnyRow, sqlx::Error>>
    where
        'c: 'e,
        Q: 'q + Execute<'q, Any>,
    {
        let health = self.1;
        let fut = self.0.fetch_one(query);
        Box::pin(watched(health, DEADLINE, fut))
    }

    fn fetch_optional<'e, 'q: 'e, Q>(
        self,
        query: Q,
    ) -> BoxFuture<'e, Result<Option<AnyRow>, sqlx::Error>>
    where
        'c: 'e,
        Q: 'q + Execute<'q, Any>,
    {
        let health = self.1;
        let fut = self.0.fetch_optional(query);
        Box::pin(watched(health, DEADLINE, fut))
    }

    // Streams are not used by the store; they pass through without a deadline.
    fn fetch_many<'e, 'q: 'e, Q>(
        self,
        query: Q,
    ) -> BoxStream<'e, Result<Either<AnyQueryResult, AnyRow>, sqlx::Error>>
    where
        'c: 'e,
        Q: 'q + Execute<'q, Any>,
    {
        self.0.fetch_many(query)
    }

    fn prepare_with<'e, 'q: 'e>(
        self,
        sql: &'q str,
        parameters: &'e [AnyTypeInfo],
    ) -> BoxFuture<'e, Result<sqlx::any::AnyStatement<'q>, sqlx::Error>>
    where
        'c: 'e,
    {
        let health = self.1;
        let fut = self.0.prepare_with(sql, parameters);
        Box::pin(watched(health, DEADLINE, fut))
    }

    fn describe<'e, 'q: 'e>(self, sql: &'q str) -> BoxFuture<'e, Result<Describe<Any>, sqlx::Error>>
    where
        'c: 'e,
    {
        let health = self.1;
        let fut = self.0.describe(sql);
        Box::pin(watched(health, DEADLINE, fut))
    }
}

/// Whether `e` says the database cannot be reached at all (rather than that one statement was
/// slow, deadlocked or wrong): no connection within the acquire timeout, a lost or silent
/// connection, the server refusing connections or shutting down. A subset of [`is_transient`].
pub fn is_outage(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => true,
        sqlx::Error::Database(d) => {
            if let Some(my) = d.try_downcast_ref::<sqlx::mysql::MySqlDatabaseError>() {
                // Too many connections, server shutdown, connection killed.
                return matches!(my.number(), 1040 | 1053 | 1927);
            }
            if d.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some() {
                return false;
            }
            let code = d.code().unwrap_or_default();
            // PostgreSQL: connection exceptions, too many connections, shutting down or starting.
            code.starts_with("08") || matches!(code.as_ref(), "53300" | "57P01" | "57P02" | "57P03")
        }
        _ => false,
    }
}

/// Whether `e` says the database is unreachable, overloaded or timed out (worth a retry: `503`),
/// rather than that a statement is wrong.
pub fn is_transient(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => true,
        sqlx::Error::Database(d) => {
            if let Some(my) = d.try_downcast_ref::<sqlx::mysql::MySqlDatabaseError>() {
                // Lock wait timeout, deadlock, too many connections, server shutdown, statement
                // time limits (MariaDB's 1969, MySQL's 3024), connection killed.
                return matches!(my.number(), 1040 | 1053 | 1205 | 1213 | 1927 | 1969 | 3024);
            }
            if d.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some() {
                // SQLITE_BUSY and SQLITE_LOCKED with their extended codes.
                let code = d.code().and_then(|c| c.parse::<i32>().ok()).unwrap_or_default();
                return matches!(code & 0xff, 5 | 6);
            }
            let code = d.code().unwrap_or_default();
            // PostgreSQL: connection exceptions (class 08), serialization failure, deadlock,
            // too many connections, query cancelled (statement_timeout), lock not available,
            // the server shutting down or starting.
            code.starts_with("08")
                || matches!(
                    code.as_ref(),
                    "40001" | "40P01" | "53300" | "57014" | "55P03" | "57P01" | "57P02" | "57P03"
                )
        }
        _ => false,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_statement_past_its_deadline_is_a_transient_error() {
        let hung = std::future::pending::<Result<(), sqlx::Error>>();
        let e = within(Duration::from_millis(10), hung).await.unwrap_err();
        assert!(matches!(&e, sqlx::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut));
        assert!(is_transient(&e));
        assert!(is_transient(&sqlx::Error::PoolTimedOut));
        assert!(!is_transient(&sqlx::Error::RowNotFound));
    }
}
