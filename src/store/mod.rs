//! The only module with SQL. One `Store` over an `sqlx::AnyPool` serves SQLite, PostgreSQL and
//! MySQL/MariaDB with the same statements.
//!
//! Portability rules that every statement here follows:
//! - columns are TEXT/VARCHAR or BIGINT only (timestamps are Unix milliseconds, booleans 0/1),
//!   the types the `Any` driver maps identically on all three;
//! - placeholders are written `$1, $2, …` in order of appearance, each used once; for MySQL
//!   they are rewritten to `?` once per statement ([`Store::q`]);
//! - a transaction that writes starts with its write, so SQLite takes the write lock up front
//!   and concurrent writers queue on the busy timeout instead of failing with `SQLITE_BUSY`;
//! - every statement runs with a deadline: on `self.db()` (the pool) or `self.on(&mut *tx)`
//!   (a transaction begun with `self.begin()` and ended with `self.commit(tx)`), never on the
//!   bare pool or connection (see `deadline`);
//! - rows are read one way: `self.q_as` into a `#[derive(sqlx::FromRow)]` struct named by its
//!   columns, or `self.q_scalar` for one column, with `row`'s column types where the `Any`
//!   form differs by database (see `row`).
//!
//! The schema itself differs by dialect and lives in `migrations/<backend>/`, embedded at
//! compile time; `tests/api/schema.rs` checks that the three make the same tables, columns and
//! indexes.

/// The columns every statement that reads a [`crate::domain::User`] selects, in this order
/// (`store::direct` reads them by position), each prefixed with `$alias` (a table alias and its
/// dot, in a join). Decoded by `users::UserRow`.
#[rustfmt::skip]
macro_rules! user_columns {
    () => {
        user_columns!("")
    };
    ($alias:literal) => {
        concat!(
            $alias, "id, ", $alias, "email, ", $alias, "username, ", $alias, "is_active, ",
            $alias, "email_verified, ", $alias, "created_at, ", $alias, "updated_at, ",
            $alias, "locale, ", $alias, "is_admin"
        )
    };
}

mod admin;
mod audit;
mod console;
pub mod copy;
pub mod deadline;
mod device;
mod direct;
mod error;
mod hot;
mod housekeeping;
mod keys;
mod lease;
mod metadata_documents;
mod mfa;
mod orgs;
mod outbox;
mod overrides;
mod passkeys;
mod provider;
mod registration;
mod rekey;
mod row;
mod sessions;
mod signin;
mod tokens;
mod users;

use std::collections::HashMap;
use std::sync::Mutex;

use anyhow::Context;
use sqlx::any::{AnyArguments, AnyPoolOptions, AnyRow};
use sqlx::migrate::Migrator;
use sqlx::query::{Query, QueryAs, QueryScalar};
use sqlx::{Any, AnyConnection, AnyPool, Executor, Transaction};

pub use admin::{
    ApiKey, AuditFilter, AuditRow, DeliveryDetail, DeliveryFilter, DeliveryRow, Requeued,
    WebhookDelivery,
};
pub use audit::{Audit, AuditEntry, PendingAudit};
pub use console::{ConsoleFigures, UserFilter};
pub use deadline::{is_outage, is_transient};
use deadline::{within, Health, Timed, ACQUIRE_TIMEOUT, DEADLINE, STATEMENT_TIMEOUT};
pub use device::{DevicePoll, NewDeviceCode, PendingDevice};
pub use error::{is_unencodable_text, Result, StoreError};
pub use housekeeping::{OutboxStats, Sweep, BATCH as SWEEP_BATCH};
pub use lease::{Claim, Due, Queue};
pub use mfa::{Challenge, NewChallenge, SessionFence, TotpFactor};
pub use orgs::{Invitation, MemberChange, NewInvitation, OrgMember, Team};
pub use outbox::{MailThrottle, OutboxMail, QueuedMail, StoredMail};
pub use passkeys::{Ceremony, PasskeyInsert, StoredPasskey};
pub use provider::{
    older_than_a_minute, CodeOutcome, Grant, GrantedClient, LiveGrant, LogoutNotice, NewGrant,
    ProviderRefresh, RefreshWithCode, StoredClient,
};
pub use registration::InitialToken;
pub use sessions::{LiveSession, NewSession, RefreshOutcome, Rotated};
pub use signin::{EmailLogin, Identity, NewEmailLogin, OAuthState, SessionLink};
pub use tokens::{DeclineOutcome, VerifyOutcome};
pub use tokens::{NewToken, TokenPurpose};
pub use users::{
    EmailChange, NewUser, ProfileChange, ProfileRefused, Taken, UserDeletion, UserWithHash,
};

use crate::config::DatabaseUrl;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
    MySql,
}

impl Backend {
    pub fn from_url(url: &str) -> anyhow::Result<Self> {
        let scheme = url.split(':').next().unwrap_or_default();
        match scheme {
            "sqlite" => Ok(Self::Sqlite),
            "postgres" | "postgresql" => Ok(Self::Postgres),
            "mysql" | "mariadb" => Ok(Self::MySql),
            _ => anyhow::bail!("unsupported database URL scheme {scheme:?}"),
        }
    }
}

pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// MySQL spellings of our statements, made once each (a bounded set: one per statement).
    mysql_sql: Mutex<HashMap<&'static str, &'static str>>,
    /// SQLite (a file): session lookups without the pool's thread hand-offs.
    direct: Option<direct::DirectReads>,
    /// PostgreSQL and MariaDB: the hot reads without the pool's pings.
    hot: Option<hot::HotReads>,
    /// PostgreSQL and MariaDB: the same for the token endpoint's write transactions
    /// ([`Store::write`]), on connections of their own so a transaction never holds up a read.
    hot_writes: Option<hot::HotReads>,
    /// Outages seen by the statements (logged once each way).
    health: Health,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("backend", &self.backend).finish_non_exhaustive()
    }
}

/// The migrations of each dialect, embedded at compile time from `migrations/<backend>/`
/// (`build.rs` rebuilds when a file there changes). Every dialect has the same versions; a new
/// one is a file in each folder. The history table records each file's checksum, the same as
/// the hand-written loader before this recorded, so databases it migrated are taken over.
static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("migrations/postgres");
static MYSQL_MIGRATIONS: Migrator = sqlx::migrate!("migrations/mysql");

impl Store {
    /// Connects (creating an SQLite file if needed, in WAL mode). Does not migrate.
    pub async fn connect(url: &DatabaseUrl) -> anyhow::Result<Self> {
        sqlx::any::install_default_drivers();
        let backend = Backend::from_url(url.expose())?;
        let mut raw = url.expose().to_owned();
        if raw.starts_with("mariadb:") {
            raw = raw.replacen("mariadb:", "mysql:", 1);
        }
        let memory = backend == Backend::Sqlite && raw.contains(":memory:");
        if backend == Backend::Sqlite && !memory && !raw.contains("mode=") {
            raw.push(if raw.contains('?') { '&' } else { '?' });
            raw.push_str("mode=rwc");
        }
        let mut options =
            AnyPoolOptions::new().acquire_timeout(ACQUIRE_TIMEOUT).max_connections(match backend {
                Backend::Sqlite if memory => 1,
                Backend::Sqlite => 4,
                _ => 16,
            });
        if memory {
            // Every connection to `:memory:` is a new database: keep the one forever.
            options = options.min_connections(1).idle_timeout(None).max_lifetime(None);
        }
        options = options.after_connect(move |conn, _| {
            Box::pin(async move { limit_session(conn, backend, true).await })
        });
        let pool = match options.connect(&raw).await {
            Ok(pool) => pool,
            Err(e) => return Err(connect_error(url, backend, &raw, e).await),
        };
        if backend == Backend::Sqlite && !memory {
            sqlx::query("PRAGMA journal_mode = WAL")
                .execute(&pool)
                .await
                .context("cannot switch SQLite to WAL mode")?;
        }
        let direct = if backend == Backend::Sqlite && !memory {
            direct::DirectReads::for_url(&raw)
        } else {
            None
        };
        let hot = hot::HotReads::for_url(&raw, backend);
        let hot_writes = hot::HotReads::for_url(&raw, backend);
        Ok(Self {
            pool,
            backend,
            mysql_sql: Mutex::new(HashMap::new()),
            direct,
            hot,
            hot_writes,
            health: Health::default(),
        })
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Applies pending migrations for this backend (concurrent nodes take a lock first), then
    /// re-keys users keyed by an older normalisation ([`Store::rekey_users`]).
    /// On PostgreSQL and MySQL migrations run on a connection of their own without the
    /// statement time limits (a migration may rightly take minutes, and so may waiting for
    /// another node's lock); the connection is closed afterwards.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        let migrator = self.migrator();
        if self.backend == Backend::Sqlite {
            // No server-side limits to lift (and `:memory:` lives in the pool's one connection).
            migrator.run(&self.pool).await.context("applying database migrations")?;
        } else {
            let mut conn = self.pool.acquire().await.context("connecting to migrate")?.detach();
            limit_session(&mut conn, self.backend, false)
                .await
                .context("lifting time limits for migrations")?;
            let result = migrator.run(&mut conn).await;
            let _ = sqlx::Connection::close(conn).await;
            result.map_err(|e| migrate_error(self.backend, e))?;
        }
        let rekeyed = self.rekey_users().await?;
        if rekeyed > 0 {
            tracing::info!(rekeyed, "user keys brought to the current normalisation");
        }
        Ok(())
    }

    /// This backend's migrations.
    fn migrator(&self) -> &'static Migrator {
        match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
            Backend::MySql => &MYSQL_MIGRATIONS,
        }
    }

    /// One round trip to the database (readiness probe).
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT 1").execute(self.db()).await.map(|_| ())
    }

    /// The pool, with a deadline on each statement.
    fn db(&self) -> Timed<'_, &AnyPool> {
        Timed(&self.pool, &self.health)
    }

    /// Times the database became unreachable (see [`Health`]).
    pub fn outages(&self) -> u64 {
        self.health.outages()
    }

    /// A transaction's connection, with a deadline on each statement.
    fn on<'c, E: Executor<'c, Database = Any>>(&self, executor: E) -> Timed<'_, E> {
        Timed(executor, &self.health)
    }

    /// Begins a transaction (connection and `BEGIN` within the deadlines).
    async fn begin(&self) -> Result<Transaction<'static, Any>, sqlx::Error> {
        let result = within(ACQUIRE_TIMEOUT + DEADLINE, self.pool.begin()).await;
        self.health.note(&result);
        result
    }

    /// Commits, within the deadline.
    async fn commit(&self, tx: Transaction<'static, Any>) -> Result<(), sqlx::Error> {
        let result = within(DEADLINE, tx.commit()).await;
        self.health.note(&result);
        result
    }

    /// A statement in this backend's placeholder syntax.
    fn q<'q>(&self, sql: &'static str) -> Query<'q, Any, AnyArguments<'q>> {
        sqlx::query(self.sql(sql))
    }

    /// A statement whose rows decode as `T` (a `#[derive(sqlx::FromRow)]` struct: see `row`).
    fn q_as<'q, T>(&self, sql: &'static str) -> QueryAs<'q, Any, T, AnyArguments<'q>>
    where
        T: for<'r> sqlx::FromRow<'r, AnyRow>,
    {
        sqlx::query_as(self.sql(sql))
    }

    /// The one row or none of a read that runs on every request of some kind (a session, a
    /// grant, a client): on PostgreSQL and MariaDB through the store's own connections
    /// ([`hot`]: one round trip instead of the pool's three), else, or when that path cannot
    /// answer, through the pool. `build` makes the statement (twice when the first try fails).
    async fn hot_optional<T>(
        &self,
        build: impl Fn() -> QueryAs<'static, Any, T, AnyArguments<'static>>,
    ) -> Result<Option<T>, sqlx::Error>
    where
        T: for<'r> sqlx::FromRow<'r, AnyRow> + Send + Unpin + 'static,
    {
        if let Some(hot) = &self.hot {
            let result = match hot.fetch_optional(build()).await {
                hot::Hot::Answered(found) => Ok(found),
                hot::Hot::Failed(e) => Err(e),
                hot::Hot::Unavailable => return build().fetch_optional(self.db()).await,
            };
            self.health.note(&result);
            return result;
        }
        build().fetch_optional(self.db()).await
    }

    /// A write transaction of a few statements by key, run on every request of some kind (a
    /// code or refresh token spent, a grant made): `work` runs them on the transaction's
    /// connection and says whether to commit. On PostgreSQL and MariaDB on a connection of
    /// the store's own ([`hot`]), without the pool's ping on lending and on taking back, two
    /// round trips of the eight of a refresh; else, or when none is free or it cannot begin
    /// (a connection closed while idle), through the pool. Once `work` has begun, an error is
    /// the answer: its connection is closed (the server rolls back what it did), not retried.
    async fn write<T>(
        &self,
        work: impl AsyncFnOnce(&mut AnyConnection) -> Result<direct::Finish<T>, sqlx::Error>,
    ) -> Result<T, sqlx::Error> {
        'hot: {
            let Some(hot) = &self.hot_writes else { break 'hot };
            let Some(mut lease) = hot.lease().await else { break 'hot };
            let mut tx = match within(DEADLINE, sqlx::Connection::begin(&mut lease.conn)).await {
                Ok(tx) => tx,
                Err(_) => break 'hot,
            };
            let (result, found) = match work(&mut tx).await? {
                direct::Finish::Commit(v) => (within(DEADLINE, tx.commit()).await, v),
                direct::Finish::Rollback(v) => (within(DEADLINE, tx.rollback()).await, v),
            };
            self.health.note(&result);
            result?;
            lease.give_back();
            return Ok(found);
        }
        let mut tx = self.begin().await?;
        match work(&mut tx).await? {
            direct::Finish::Commit(v) => {
                self.commit(tx).await?;
                Ok(v)
            }
            // Rolled back as it is dropped.
            direct::Finish::Rollback(v) => Ok(v),
        }
    }

    /// Statements by key that need no transaction around them, each its own (one that does
    /// all the work, or several ordered so that stopping between any two leaves nothing half
    /// made that anyone could use), on PostgreSQL and MariaDB on a connection of the store's
    /// own as [`Store::write`] takes, else the pool's. A connection found closed (one the
    /// server or an administrator closed while it was idle: [`connection_lost`]) sends `work`
    /// to the pool once; any other error is the answer, and closes its connection. Each
    /// statement's deadline and the outage it may reveal are `work`'s, through [`Store::on`].
    async fn autocommit<T>(
        &self,
        work: impl AsyncFnOnce(&mut AnyConnection) -> Result<T, sqlx::Error> + Clone,
    ) -> Result<T, sqlx::Error> {
        if let Some(hot) = &self.hot_writes {
            if let Some(mut lease) = hot.lease().await {
                match work.clone()(&mut lease.conn).await {
                    Ok(done) => {
                        lease.give_back();
                        return Ok(done);
                    }
                    Err(e) if connection_lost(&e) => {
                        tracing::debug!(error = %e, "hot write failed; using the pool");
                    }
                    Err(e) => return Err(e),
                }
            }
        }
        let conn = within(ACQUIRE_TIMEOUT, self.pool.acquire()).await;
        self.health.note(&conn);
        work(&mut *conn?).await
    }

    /// A statement whose one column decodes as `T`.
    fn q_scalar<'q, T>(&self, sql: &'static str) -> QueryScalar<'q, Any, T, AnyArguments<'q>>
    where
        (T,): for<'r> sqlx::FromRow<'r, AnyRow>,
    {
        sqlx::query_scalar(self.sql(sql))
    }

    fn sql(&self, sql: &'static str) -> &'static str {
        if self.backend != Backend::MySql {
            return sql;
        }
        let mut cache = self.mysql_sql.lock().unwrap_or_else(|e| e.into_inner());
        cache.entry(sql).or_insert_with(|| Box::leak(to_mysql(sql).into_boxed_str()))
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Whether `e` says the connection was gone rather than that its statement failed: an I/O
/// error other than a missed deadline (after which the database may still be running the
/// statement), or the database's word that it closed the session (PostgreSQL's
/// `pg_terminate_backend` or shutdown, class `08` or `57P0x`; MariaDB's `KILL` or shutdown),
/// which it sends to an idle connection before closing it and which the next statement reads.
fn connection_lost(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Io(io) => io.kind() != std::io::ErrorKind::TimedOut,
        sqlx::Error::Database(_) => is_outage(e),
        _ => false,
    }
}

/// A failed migration, with what to do when the cause is a known one.
fn migrate_error(backend: Backend, e: sqlx::migrate::MigrateError) -> anyhow::Error {
    let owner = backend == Backend::Postgres
        && e.to_string().contains("permission denied for schema public");
    let e = anyhow::Error::new(e);
    if owner {
        // PostgreSQL 15 took CREATE on `public` away from everyone but the database's owner.
        return e.context(
            "applying database migrations (on PostgreSQL 15 and later the database user must \
             own the database: ALTER DATABASE <name> OWNER TO <user>)",
        );
    }
    e.context("applying database migrations")
}

/// Why the database cannot be reached, in words an operator can act on, naming the SQLite
/// file or the server's host and port (never the password). The pool retries a refused
/// connection until its wait is over and then only says it timed out, so one plain
/// connection attempt learns the cause.
async fn connect_error(
    url: &DatabaseUrl,
    backend: Backend,
    raw: &str,
    e: sqlx::Error,
) -> anyhow::Error {
    let e = match e {
        sqlx::Error::PoolTimedOut => {
            match tokio::time::timeout(
                ACQUIRE_TIMEOUT,
                <AnyConnection as sqlx::Connection>::connect(raw),
            )
            .await
            {
                Ok(Err(cause)) => cause,
                Ok(Ok(conn)) => {
                    let _ = sqlx::Connection::close(conn).await;
                    sqlx::Error::PoolTimedOut
                }
                Err(_) => sqlx::Error::PoolTimedOut,
            }
        }
        other => other,
    };
    if backend == Backend::Sqlite {
        let path =
            raw.strip_prefix("sqlite://").or_else(|| raw.strip_prefix("sqlite:")).unwrap_or(raw);
        let path = std::path::Path::new(path.split('?').next().unwrap_or(path));
        let path =
            std::env::current_dir().map_or_else(|_| path.to_path_buf(), |dir| dir.join(path));
        return anyhow::Error::new(e)
            .context(format!("cannot open the SQLite database file {}", path.display()));
    }
    let parsed = url::Url::parse(raw).ok();
    let host = parsed.as_ref().and_then(|u| u.host_str().map(str::to_owned));
    let port = parsed.as_ref().and_then(url::Url::port);
    let port = port.unwrap_or(if backend == Backend::Postgres { 5432 } else { 3306 });
    let place = format!("{}:{port}", host.as_deref().unwrap_or("localhost"));
    match &e {
        sqlx::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            anyhow::anyhow!(
                "cannot connect to the database at {url}: connection refused by {place} (is the \
             database server running and listening there?)"
            )
        }
        sqlx::Error::PoolTimedOut => anyhow::anyhow!(
            "cannot connect to the database at {url}: no answer from {place} within {}s",
            ACQUIRE_TIMEOUT.as_secs()
        ),
        _ => anyhow::Error::new(e).context(format!("cannot connect to the database at {url}")),
    }
}

/// Sets (`on`) or lifts the server-side time limits of one connection (see `deadline`).
/// Best effort: a server without a setting (MySQL has no `max_statement_time`, MariaDB no
/// `max_execution_time`) keeps its default.
async fn limit_session(
    conn: &mut AnyConnection,
    backend: Backend,
    on: bool,
) -> Result<(), sqlx::Error> {
    let ms = if on { STATEMENT_TIMEOUT.as_millis() } else { 0 };
    match backend {
        Backend::Sqlite => {
            if on {
                // Safe with WAL: a crash may lose the last commits, never corrupt the file.
                sqlx::query("PRAGMA synchronous = NORMAL").execute(&mut *conn).await?;
                sqlx::query("PRAGMA foreign_keys = ON").execute(&mut *conn).await?;
            }
        }
        Backend::Postgres => {
            // A transaction left open by a vanished client must not hold its locks for long.
            let idle = if on { 60_000 } else { 0 };
            // No NOTICEs: `CREATE TABLE IF NOT EXISTS _sqlx_migrations` would print "relation
            // already exists, skipping" through sqlx's log on every start and every command.
            sqlx::query("SET client_min_messages = warning").execute(&mut *conn).await?;
            sqlx::query(&format!("SET statement_timeout = {ms}")).execute(&mut *conn).await?;
            sqlx::query(&format!("SET idle_in_transaction_session_timeout = {idle}"))
                .execute(&mut *conn)
                .await?;
        }
        Backend::MySql => {
            let lock_wait = if on { STATEMENT_TIMEOUT.as_secs() } else { 50 };
            for sql in [
                format!("SET SESSION innodb_lock_wait_timeout = {lock_wait}"),
                // MariaDB: seconds, every statement.
                format!("SET SESSION max_statement_time = {}", ms as f64 / 1000.0),
                // MySQL: milliseconds, SELECTs.
                format!("SET SESSION max_execution_time = {ms}"),
            ] {
                let _ = sqlx::query(&sql).execute(&mut *conn).await;
            }
        }
    }
    Ok(())
}

/// `$1 … $n` (in order, each once) to MySQL's `?`.
fn to_mysql(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    let mut expected = 1;
    while let Some(c) = chars.next() {
        if c == '$' && chars.peek().is_some_and(char::is_ascii_digit) {
            let mut n = 0u32;
            while let Some(d) = chars.peek().and_then(|c| c.to_digit(10)) {
                n = n * 10 + d;
                chars.next();
            }
            debug_assert_eq!(n, expected, "placeholders must be in order: {sql}");
            expected += 1;
            out.push('?');
        } else {
            out.push(c);
        }
    }
    out
}

fn is_unique_violation(e: &sqlx::Error) -> bool {
    e.as_database_error().is_some_and(|d| d.is_unique_violation())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::Store;
    use crate::config::DatabaseUrl;
    use crate::error::report;

    #[tokio::test]
    async fn an_unreachable_database_is_named_by_host_and_port() {
        // A port that was free a moment ago: nothing listens there, so connecting is refused.
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        for scheme in ["postgres", "mysql"] {
            let url = DatabaseUrl::new(format!("{scheme}://u:hunter2@127.0.0.1:{port}/x"));
            let err = report(&Store::connect(&url).await.unwrap_err());
            assert!(err.contains(&format!("connection refused by 127.0.0.1:{port}")), "{err}");
            assert!(!err.contains("hunter2") && !err.contains("pool timed out"), "{err}");
        }
    }

    #[tokio::test]
    async fn an_sqlite_file_that_cannot_be_opened_is_named_by_its_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no-such-directory").join("p.db");
        let url = DatabaseUrl::new(format!("sqlite://{}", path.display()));
        let err = report(&Store::connect(&url).await.unwrap_err());
        let named = format!("cannot open the SQLite database file {}", path.display());
        assert!(err.contains(&named), "{err}");
        assert_eq!(err.matches("unable to open database file").count(), 1, "{err}");
    }

    #[test]
    fn placeholders_become_question_marks_for_mysql() {
        assert_eq!(
            super::to_mysql("UPDATE t SET a = $1 WHERE b = $2 AND c = '$'"),
            "UPDATE t SET a = ? WHERE b = ? AND c = '$'"
        );
    }
}
