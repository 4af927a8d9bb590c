//! What `portcullis db copy` and `db backup` need from a database: the schema as the
//! migrations made it (tables, columns, primary keys, parents before children), the migration
//! history, whether two URLs name the same database, a consistent read snapshot, a write
//! transaction, and a checksum of a table's rows.
//!
//! The table and column names are not known at compile time (the copy follows the schema, not a
//! list that would rot), so the few statements here are built at run time. Their names come
//! only from the database's own catalog, are checked to be plain identifiers
//! (`[a-z_][a-z0-9_]*`) and quoted for the dialect; every value is a bound parameter. Each
//! statement still runs with the store's deadline ([`Store::on`]), on a connection of its own
//! whose server-side time limits are lifted (a long snapshot or a big table is expected here,
//! as in `migrate`).

use anyhow::{bail, Context};
use sqlx::any::{AnyRow, AnyTypeInfoKind};
use sqlx::{AnyConnection, Row, TypeInfo, ValueRef};

use super::deadline::within;

mod checksum;
use super::{limit_session, Backend, Store};
pub use checksum::Checksum;

/// The deadline of the statements that may rightly take long on a big database: counting a
/// table's rows, and committing the whole copy.
const LONG_DEADLINE: std::time::Duration = std::time::Duration::from_secs(120);

/// How the copy reads and writes a column. The store keeps every column as text or a 64-bit
/// integer (see the store's portability rules); anything else is refused when the schema is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    Int,
}

/// One value of a row, as the copy moves it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Null,
    Int(i64),
    Text(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    pub kind: Kind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub name: String,
    /// In the order the table declares them.
    pub columns: Vec<Column>,
    /// Positions in `columns` of the primary key's columns, in key order.
    pub key: Vec<usize>,
}

/// Every application table (not `_sqlx_migrations`), parents before the children whose foreign
/// keys point at them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Schema {
    pub tables: Vec<Table>,
}

impl Schema {
    pub fn table(&self, name: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.name == name)
    }
}

/// How a database's migration history compares with this binary's migrations.
#[derive(Debug, PartialEq, Eq)]
pub enum MigrationGap {
    /// Exactly this binary's migrations.
    None,
    /// No history at all: never migrated (or not a Portcullis database).
    NoHistory,
    /// Versions this binary has that the database has not applied.
    Behind(Vec<i64>),
    /// Versions the database applied that this binary does not know (a newer binary migrated it).
    Ahead(Vec<i64>),
    /// A version applied from a different file than this binary's.
    Changed(i64),
}

/// A name from the catalog, checked to be one the copy may put into a statement.
fn identifier(name: String) -> anyhow::Result<String> {
    let mut chars = name.chars();
    let plain = chars.next().is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !plain || name.len() > 64 {
        bail!("the schema has a table or column named {name:?}, which db copy does not handle");
    }
    Ok(name)
}

/// A text column from a catalog query (MariaDB hands some as bytes).
fn text(row: &AnyRow, i: usize) -> anyhow::Result<String> {
    match row.try_get::<String, _>(i) {
        Ok(s) => Ok(s),
        Err(_) => {
            let bytes: Vec<u8> = row.try_get(i).context("reading the database's catalog")?;
            String::from_utf8(bytes).context("reading the database's catalog")
        }
    }
}

impl Backend {
    fn quote(self, name: &str) -> String {
        match self {
            Backend::MySql => format!("`{name}`"),
            _ => format!("\"{name}\""),
        }
    }

    /// The `n`th placeholder (from 1).
    fn placeholder(self, n: usize) -> String {
        match self {
            Backend::MySql => "?".to_owned(),
            _ => format!("${n}"),
        }
    }
}

impl Store {
    /// How this database's applied migrations compare with this binary's.
    pub async fn migration_gap(&self) -> anyhow::Result<MigrationGap> {
        let has_history = match self.backend {
            // Listed apart: `table_names` leaves it out.
            Backend::Sqlite => {
                self.q_scalar::<i64>(
                    "SELECT COUNT(*) FROM sqlite_master WHERE name = '_sqlx_migrations'",
                )
                .fetch_one(self.db())
                .await?
                    > 0
            }
            Backend::Postgres => {
                self.q_scalar::<i64>(
                    "SELECT COUNT(*) FROM information_schema.tables \
                     WHERE table_schema = current_schema() AND table_name = '_sqlx_migrations'",
                )
                .fetch_one(self.db())
                .await?
                    > 0
            }
            Backend::MySql => {
                self.q_scalar::<i64>(
                    "SELECT COUNT(*) FROM information_schema.tables \
                     WHERE table_schema = DATABASE() AND table_name = '_sqlx_migrations'",
                )
                .fetch_one(self.db())
                .await?
                    > 0
            }
        };
        if !has_history {
            return Ok(MigrationGap::NoHistory);
        }
        let applied: Vec<(i64, Vec<u8>)> = self
            .q_as("SELECT version, checksum FROM _sqlx_migrations ORDER BY version")
            .fetch_all(self.db())
            .await
            .context("reading the migration history")?;
        let ours: Vec<(i64, &[u8])> = self
            .migrator()
            .iter()
            .filter(|m| m.migration_type.is_up_migration())
            .map(|m| (m.version, &*m.checksum))
            .collect();
        let ahead: Vec<i64> =
            applied.iter().map(|a| a.0).filter(|v| !ours.iter().any(|o| o.0 == *v)).collect();
        if !ahead.is_empty() {
            return Ok(MigrationGap::Ahead(ahead));
        }
        for (version, checksum) in &applied {
            if ours.iter().any(|o| o.0 == *version && o.1 != checksum.as_slice()) {
                return Ok(MigrationGap::Changed(*version));
            }
        }
        let behind: Vec<i64> =
            ours.iter().map(|o| o.0).filter(|v| !applied.iter().any(|a| a.0 == *v)).collect();
        if !behind.is_empty() {
            return Ok(MigrationGap::Behind(behind));
        }
        Ok(MigrationGap::None)
    }

    /// Every table but sqlx's history and SQLite's own, by name.
    async fn table_names(&self) -> anyhow::Result<Vec<String>> {
        let sql = match self.backend {
            Backend::Sqlite => {
                "SELECT name FROM sqlite_master WHERE type = 'table' \
                 AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> '_sqlx_migrations' \
                 ORDER BY name"
            }
            Backend::Postgres => {
                "SELECT table_name::text FROM information_schema.tables \
                 WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
                 AND table_name <> '_sqlx_migrations' ORDER BY table_name"
            }
            Backend::MySql => {
                "SELECT CAST(table_name AS CHAR) FROM information_schema.tables \
                 WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' \
                 AND table_name <> '_sqlx_migrations' ORDER BY table_name"
            }
        };
        let rows = self.q(sql).fetch_all(self.db()).await.context("listing the tables")?;
        rows.iter().map(|r| text(r, 0)).collect()
    }

    /// The tables (of any schema, before migrating) that hold at least one row.
    pub async fn tables_with_rows(&self) -> anyhow::Result<Vec<String>> {
        let mut found = Vec::new();
        for name in self.table_names().await? {
            let name = identifier(name)?;
            let sql = format!("SELECT 1 FROM {} LIMIT 1", self.backend.quote(&name));
            let row = sqlx::query(&sql)
                .fetch_optional(self.db())
                .await
                .with_context(|| format!("reading table {name}"))?;
            if row.is_some() {
                found.push(name);
            }
        }
        Ok(found)
    }

    /// The schema: every table with its columns and primary key, parents first.
    pub async fn schema(&self) -> anyhow::Result<Schema> {
        let names = self.table_names().await?;
        let (column_sql, key_sql, parent_sql) = match self.backend {
            Backend::Sqlite => (
                "SELECT m.name, p.name, p.type FROM sqlite_master m \
                 JOIN pragma_table_info(m.name) p WHERE m.type = 'table' ORDER BY m.name, p.cid",
                "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p \
                 WHERE m.type = 'table' AND p.pk > 0 ORDER BY m.name, p.pk",
                "SELECT m.name, f.\"table\" FROM sqlite_master m \
                 JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table'",
            ),
            Backend::Postgres => (
                "SELECT table_name::text, column_name::text, data_type::text \
                 FROM information_schema.columns WHERE table_schema = current_schema() \
                 ORDER BY table_name, ordinal_position",
                "SELECT k.table_name::text, k.column_name::text \
                 FROM information_schema.table_constraints c \
                 JOIN information_schema.key_column_usage k ON k.constraint_name = c.constraint_name \
                 AND k.table_schema = c.table_schema AND k.table_name = c.table_name \
                 WHERE c.constraint_type = 'PRIMARY KEY' AND c.table_schema = current_schema() \
                 ORDER BY k.table_name, k.ordinal_position",
                "SELECT child.relname::text, parent.relname::text FROM pg_constraint k \
                 JOIN pg_class child ON child.oid = k.conrelid \
                 JOIN pg_class parent ON parent.oid = k.confrelid \
                 JOIN pg_namespace n ON n.oid = child.relnamespace \
                 WHERE k.contype = 'f' AND n.nspname = current_schema()",
            ),
            Backend::MySql => (
                "SELECT CAST(table_name AS CHAR), CAST(column_name AS CHAR), \
                 CAST(data_type AS CHAR) FROM information_schema.columns \
                 WHERE table_schema = DATABASE() ORDER BY table_name, ordinal_position",
                "SELECT CAST(table_name AS CHAR), CAST(column_name AS CHAR) \
                 FROM information_schema.key_column_usage \
                 WHERE table_schema = DATABASE() AND constraint_name = 'PRIMARY' \
                 ORDER BY table_name, ordinal_position",
                "SELECT CAST(table_name AS CHAR), CAST(referenced_table_name AS CHAR) \
                 FROM information_schema.referential_constraints \
                 WHERE constraint_schema = DATABASE()",
            ),
        };
        let columns = self.q(column_sql).fetch_all(self.db()).await.context("reading columns")?;
        let keys = self.q(key_sql).fetch_all(self.db()).await.context("reading primary keys")?;
        let parents =
            self.q(parent_sql).fetch_all(self.db()).await.context("reading foreign keys")?;
        let mut tables = Vec::new();
        for name in names {
            let name = identifier(name)?;
            let mut table = Table { name: name.clone(), columns: Vec::new(), key: Vec::new() };
            for row in &columns {
                if text(row, 0)? != name {
                    continue;
                }
                let column = identifier(text(row, 1)?)?;
                let ty = text(row, 2)?.to_ascii_lowercase();
                let kind = if ty.contains("char") || ty.contains("text") {
                    Kind::Text
                } else if ty == "bigint" || ty == "integer" || ty == "int" || ty == "int8" {
                    Kind::Int
                } else {
                    bail!(
                        "column {name}.{column} has type {ty}: db copy moves text and 64-bit \
                         integers only"
                    )
                };
                table.columns.push(Column { name: column, kind });
            }
            for row in &keys {
                if text(row, 0)? != name {
                    continue;
                }
                let column = text(row, 1)?;
                let at = table.columns.iter().position(|c| c.name == column);
                table.key.push(at.with_context(|| format!("key column {name}.{column}"))?);
            }
            if table.key.is_empty() {
                bail!("table {name} has no primary key: db copy pages through tables by their key");
            }
            tables.push(table);
        }
        let mut edges = Vec::new();
        for row in &parents {
            let (child, parent) = (text(row, 0)?, text(row, 1)?);
            if child != parent {
                edges.push((child, parent));
            }
        }
        Ok(Schema { tables: parents_first(tables, &edges)? })
    }

    /// Whether `self` and `other` are the same database, asked of the databases themselves
    /// (two URLs may spell one database differently). SQLite: the same file. PostgreSQL: an
    /// advisory lock taken through `self` is seen as taken through `other` (these locks belong
    /// to one database of one server). MySQL: a named lock taken through `self` is in use as
    /// seen through `other` (these belong to the server) and both name the same database.
    /// Nothing is written.
    pub async fn same_database(&self, other: &Store) -> anyhow::Result<bool> {
        if self.backend != other.backend {
            return Ok(false);
        }
        match self.backend {
            Backend::Sqlite => {
                let (a, b) = (self.sqlite_file().await?, other.sqlite_file().await?);
                Ok(match (a, b) {
                    (Some(a), Some(b)) => {
                        let canon = |p: &str| {
                            std::fs::canonicalize(p).unwrap_or_else(|_| std::path::PathBuf::from(p))
                        };
                        canon(&a) == canon(&b)
                    }
                    // `:memory:`: a database of its own.
                    _ => false,
                })
            }
            Backend::Postgres => {
                let key = i64::from(fastrand::u32(..)) | (0x5043_0000_i64 << 32);
                let mut mine = self.pool.acquire().await.context("connecting")?.detach();
                let mut theirs = other.pool.acquire().await.context("connecting")?.detach();
                let lock = "SELECT pg_try_advisory_lock($1)";
                let taken: bool =
                    self.q_scalar(lock).bind(key).fetch_one(self.on(&mut mine)).await?;
                let free: bool =
                    other.q_scalar(lock).bind(key).fetch_one(other.on(&mut theirs)).await?;
                // Session locks end with their sessions.
                let _ = sqlx::Connection::close(mine).await;
                let _ = sqlx::Connection::close(theirs).await;
                Ok(taken && !free)
            }
            Backend::MySql => {
                let name = format!("portcullis-db-copy-{:016x}", fastrand::u64(..));
                let mut mine = self.pool.acquire().await.context("connecting")?.detach();
                let mut theirs = other.pool.acquire().await.context("connecting")?.detach();
                let taken: i64 = self
                    .q_scalar("SELECT CAST(COALESCE(GET_LOCK($1, 0), 0) AS SIGNED)")
                    .bind(&name)
                    .fetch_one(self.on(&mut mine))
                    .await?;
                let used: i64 = other
                    .q_scalar("SELECT CAST(CASE WHEN IS_USED_LOCK($1) IS NULL THEN 0 ELSE 1 END AS SIGNED)")
                    .bind(&name)
                    .fetch_one(other.on(&mut theirs))
                    .await?;
                let database = "SELECT CAST(DATABASE() AS CHAR)";
                let a = self.q(database).fetch_one(self.on(&mut mine)).await?;
                let b = other.q(database).fetch_one(other.on(&mut theirs)).await?;
                let same = taken == 1 && used == 1 && text(&a, 0)? == text(&b, 0)?;
                // Named locks end with their sessions.
                let _ = sqlx::Connection::close(mine).await;
                let _ = sqlx::Connection::close(theirs).await;
                Ok(same)
            }
        }
    }

    /// The SQLite file (`None` in memory).
    async fn sqlite_file(&self) -> anyhow::Result<Option<String>> {
        let row = self
            .q("SELECT file FROM pragma_database_list WHERE name = 'main'")
            .fetch_one(self.db())
            .await?;
        let file = text(&row, 0)?;
        Ok((!file.is_empty()).then_some(file))
    }

    /// A connection of its own for a long piece of work: out of the pool, with the server-side
    /// time limits lifted (each statement keeps the client-side deadline).
    async fn long_connection(&self) -> anyhow::Result<AnyConnection> {
        let mut conn = self.pool.acquire().await.context("connecting")?.detach();
        limit_session(&mut conn, self.backend, false).await.context("lifting time limits")?;
        Ok(conn)
    }

    /// A consistent view of the whole database: one read-only transaction that sees the
    /// database as it was when it began, whatever is written meanwhile (SQLite: a read
    /// transaction, in WAL mode; PostgreSQL: `REPEATABLE READ READ ONLY`; MySQL: `WITH
    /// CONSISTENT SNAPSHOT`).
    pub async fn snapshot(&self) -> anyhow::Result<Reader<'_>> {
        let mut conn = self.long_connection().await?;
        let begin: &[&str] = match self.backend {
            Backend::Sqlite => &["BEGIN"],
            Backend::Postgres => &["BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"],
            Backend::MySql => &[
                "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ",
                "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY",
            ],
        };
        for sql in begin {
            sqlx::raw_sql(sql).execute(self.on(&mut conn)).await.context("beginning a snapshot")?;
        }
        let mut reader = Reader { store: self, conn };
        if self.backend == Backend::Sqlite {
            // SQLite takes the snapshot at the first read, not at BEGIN.
            reader.count_sql("SELECT COUNT(*) FROM sqlite_master").await?;
        }
        Ok(reader)
    }

    /// One write transaction for the whole copy: a copy that fails leaves nothing behind, so it
    /// can simply be run again.
    pub async fn bulk_writer(&self) -> anyhow::Result<Writer<'_>> {
        let mut conn = self.long_connection().await?;
        let begin = match self.backend {
            // The write lock up front (the store's rule for writing transactions).
            Backend::Sqlite => "BEGIN IMMEDIATE",
            Backend::Postgres => "BEGIN",
            Backend::MySql => "START TRANSACTION",
        };
        sqlx::raw_sql(begin).execute(self.on(&mut conn)).await.context("beginning the copy")?;
        Ok(Writer { store: self, conn })
    }

    /// Brings PostgreSQL's sequences behind `serial`/identity columns up to the largest value
    /// copied. (The schema has none today; MySQL's auto-increment counters follow inserted
    /// values by themselves, SQLite's rowids too.) Answers the sequences moved.
    pub async fn fix_sequences(&self, schema: &Schema) -> anyhow::Result<Vec<String>> {
        let mut moved = Vec::new();
        if self.backend != Backend::Postgres {
            return Ok(moved);
        }
        for table in &schema.tables {
            for column in table.columns.iter().filter(|c| c.kind == Kind::Int) {
                let sequence: Option<String> = self
                    .q_scalar("SELECT pg_get_serial_sequence($1, $2)::text")
                    .bind(self.backend.quote(&table.name))
                    .bind(&column.name)
                    .fetch_one(self.db())
                    .await?;
                let Some(sequence) = sequence else { continue };
                let sql = format!(
                    "SELECT setval($1::regclass, COALESCE(MAX({c}), 0) + 1, false) FROM {t}",
                    c = self.backend.quote(&column.name),
                    t = self.backend.quote(&table.name),
                );
                sqlx::query(&sql).bind(&sequence).execute(self.db()).await?;
                moved.push(sequence);
            }
        }
        Ok(moved)
    }

    /// SQLite: leaves the file in rollback-journal mode, so that it is one self-contained file
    /// (a backup is copied around as one).
    pub async fn single_file(&self) -> anyhow::Result<()> {
        if self.backend == Backend::Sqlite {
            self.q("PRAGMA journal_mode = DELETE").execute(self.db()).await?;
        }
        Ok(())
    }
}

/// `tables` ordered so that every table comes after the tables its foreign keys name.
fn parents_first(mut tables: Vec<Table>, edges: &[(String, String)]) -> anyhow::Result<Vec<Table>> {
    let mut out: Vec<Table> = Vec::with_capacity(tables.len());
    while !tables.is_empty() {
        let ready = tables.iter().position(|t| {
            edges.iter().filter(|(child, _)| *child == t.name).all(|(_, parent)| {
                out.iter().any(|done| done.name == *parent)
                    || !tables.iter().any(|left| left.name == *parent)
            })
        });
        match ready {
            Some(i) => out.push(tables.remove(i)),
            None => bail!(
                "the foreign keys between {} form a cycle: db copy cannot order them",
                tables.iter().map(|t| t.name.as_str()).collect::<Vec<_>>().join(", ")
            ),
        }
    }
    Ok(out)
}

/// Reads tables page by page, in primary-key order, on a connection of its own.
pub struct Reader<'s> {
    store: &'s Store,
    conn: AnyConnection,
}

impl Reader<'_> {
    async fn count_sql(&mut self, sql: &str) -> anyhow::Result<i64> {
        let count = sqlx::query_scalar(sql).fetch_one(&mut self.conn);
        let n: i64 = within(LONG_DEADLINE, count).await?;
        Ok(n)
    }

    /// Rows in `table`.
    pub async fn count(&mut self, table: &Table) -> anyhow::Result<i64> {
        let sql = format!("SELECT COUNT(*) FROM {}", self.store.backend.quote(&table.name));
        self.count_sql(&sql).await.with_context(|| format!("counting the rows of {}", table.name))
    }

    /// Up to `limit` rows of `table` after the key `after` (from the start when `None`), in key
    /// order, each as its columns' values in `table.columns` order.
    pub async fn page(
        &mut self,
        table: &Table,
        after: Option<&[Value]>,
        limit: u32,
    ) -> anyhow::Result<Vec<Vec<Value>>> {
        let b = self.store.backend;
        let columns: Vec<String> = table.columns.iter().map(|c| b.quote(&c.name)).collect();
        let keys: Vec<String> = table.key.iter().map(|&i| columns[i].clone()).collect();
        let mut sql = format!("SELECT {} FROM {}", columns.join(", "), b.quote(&table.name));
        if after.is_some() {
            let marks: Vec<String> = (1..=keys.len()).map(|n| b.placeholder(n)).collect();
            if keys.len() == 1 {
                sql.push_str(&format!(" WHERE {} > {}", keys[0], marks[0]));
            } else {
                sql.push_str(&format!(" WHERE ({}) > ({})", keys.join(", "), marks.join(", ")));
            }
        }
        sql.push_str(&format!(" ORDER BY {} LIMIT {limit}", keys.join(", ")));
        let mut query = sqlx::query(&sql);
        for value in after.unwrap_or_default() {
            query = match value {
                Value::Null => query.bind(None::<String>),
                Value::Int(i) => query.bind(*i),
                Value::Text(s) => query.bind(s.clone()),
            };
        }
        let rows = query
            .fetch_all(self.store.on(&mut self.conn))
            .await
            .with_context(|| format!("reading table {}", table.name))?;
        rows.iter()
            .map(|row| {
                table
                    .columns
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        decode(row, i, c.kind)
                            .with_context(|| format!("reading {}.{}", table.name, c.name))
                    })
                    .collect()
            })
            .collect()
    }

    /// The key of a row read by [`Reader::page`].
    pub fn key_of(table: &Table, row: &[Value]) -> Vec<Value> {
        table.key.iter().map(|&i| row[i].clone()).collect()
    }

    /// `table`'s row count and checksum, read in pages of `batch` (see [`Checksum`]).
    pub async fn checksum(&mut self, table: &Table, batch: u32) -> anyhow::Result<(u64, String)> {
        let mut sum = Checksum::new(&table.name);
        let mut after: Option<Vec<Value>> = None;
        loop {
            let rows = self.page(table, after.as_deref(), batch).await?;
            for row in &rows {
                sum.add(row);
            }
            match rows.last() {
                Some(last) if rows.len() == batch as usize => {
                    after = Some(Self::key_of(table, last))
                }
                _ => break,
            }
        }
        Ok((sum.rows(), sum.finish()))
    }

    /// Ends the read transaction (if any) and closes the connection.
    pub async fn close(mut self) {
        let _ = sqlx::raw_sql("ROLLBACK").execute(self.store.on(&mut self.conn)).await;
        let _ = sqlx::Connection::close(self.conn).await;
    }
}

/// A value of one column of a row.
fn decode(row: &AnyRow, i: usize, kind: Kind) -> anyhow::Result<Value> {
    let (null, blob, ty) = {
        let raw = row.try_get_raw(i)?;
        let info = raw.type_info();
        (raw.is_null(), info.kind() == AnyTypeInfoKind::Blob, info.name().to_owned())
    };
    if null {
        return Ok(Value::Null);
    }
    Ok(match kind {
        Kind::Int => Value::Int(
            row.try_get::<i64, _>(i)
                .with_context(|| format!("a {ty} value in an integer column"))?,
        ),
        // MySQL/MariaDB hand `TEXT` to the `Any` driver as bytes.
        Kind::Text if blob => Value::Text(
            String::from_utf8(row.try_get::<Vec<u8>, _>(i)?).context("text that is not UTF-8")?,
        ),
        Kind::Text => Value::Text(
            row.try_get::<String, _>(i)
                .with_context(|| format!("a {ty} value in a text column"))?,
        ),
    })
}

/// Writes rows inside the one transaction begun by [`Store::bulk_writer`].
pub struct Writer<'s> {
    store: &'s Store,
    conn: AnyConnection,
}

/// At most this many bound values in one `INSERT` (SQLite allows 32766, the others 65535).
const MAX_VALUES: usize = 30_000;
/// SQLite's: an `INSERT`'s cost grows with the square of its parameters (each is looked up by
/// its name `$n`), so 1000 rows of 11 columns at once were ten times slower than 100 at a
/// time; under a thousand values a statement, that cost is lost in the rest.
const MAX_SQLITE_VALUES: usize = 999;
/// At most about this many bytes in one `INSERT` (MariaDB's `max_allowed_packet` is 16 MiB by
/// default; an outbox row holds a whole mail).
const MAX_BYTES: usize = 4 << 20;

impl Writer<'_> {
    /// Inserts `rows` (values in `table.columns` order) with as few statements as the limits
    /// above allow.
    pub async fn insert(&mut self, table: &Table, rows: &[Vec<Value>]) -> anyhow::Result<()> {
        let per_row = table.columns.len().max(1);
        let max_values = match self.store.backend {
            Backend::Sqlite => MAX_SQLITE_VALUES.max(per_row),
            _ => MAX_VALUES,
        };
        let mut start = 0;
        while start < rows.len() {
            let (mut end, mut bytes) = (start, 0usize);
            while end < rows.len() && (end - start + 1) * per_row <= max_values {
                let size: usize = rows[end]
                    .iter()
                    .map(|v| if let Value::Text(s) = v { s.len() } else { 8 })
                    .sum();
                if end > start && bytes + size > MAX_BYTES {
                    break;
                }
                bytes += size;
                end += 1;
            }
            self.insert_some(table, &rows[start..end]).await?;
            start = end;
        }
        Ok(())
    }

    async fn insert_some(&mut self, table: &Table, rows: &[Vec<Value>]) -> anyhow::Result<()> {
        let b = self.store.backend;
        let columns: Vec<String> = table.columns.iter().map(|c| b.quote(&c.name)).collect();
        let mut sql =
            format!("INSERT INTO {} ({}) VALUES ", b.quote(&table.name), columns.join(", "));
        let mut n = 0;
        for (r, _) in rows.iter().enumerate() {
            if r > 0 {
                sql.push_str(", ");
            }
            sql.push('(');
            for c in 0..columns.len() {
                if c > 0 {
                    sql.push_str(", ");
                }
                n += 1;
                sql.push_str(&b.placeholder(n));
            }
            sql.push(')');
        }
        let mut query = sqlx::query(&sql);
        for row in rows {
            for (value, column) in row.iter().zip(&table.columns) {
                // A NULL is bound with its column's type (PostgreSQL checks it).
                query = match (value, column.kind) {
                    (Value::Null, Kind::Int) => query.bind(None::<i64>),
                    (Value::Null, Kind::Text) => query.bind(None::<String>),
                    (Value::Int(i), Kind::Int) => query.bind(*i),
                    (Value::Text(s), Kind::Text) => query.bind(s.clone()),
                    (_, _) => bail!("a value of the wrong kind for {}.{}", table.name, column.name),
                };
            }
        }
        query
            .execute(self.store.on(&mut self.conn))
            .await
            .with_context(|| format!("writing table {}", table.name))?;
        Ok(())
    }

    /// Commits everything written.
    pub async fn commit(mut self) -> anyhow::Result<()> {
        let commit = sqlx::raw_sql("COMMIT").execute(&mut self.conn);
        within(LONG_DEADLINE, commit).await.context("committing the copy")?;
        let _ = sqlx::Connection::close(self.conn).await;
        Ok(())
    }

    /// Undoes everything written.
    pub async fn rollback(mut self) {
        let _ = sqlx::raw_sql("ROLLBACK").execute(self.store.on(&mut self.conn)).await;
        let _ = sqlx::Connection::close(self.conn).await;
    }
}

#[cfg(test)]
mod tests {
    use super::{parents_first, Table};

    fn table(name: &str) -> Table {
        Table { name: name.into(), columns: Vec::new(), key: Vec::new() }
    }

    #[test]
    fn parents_come_before_children_and_a_cycle_is_refused() {
        let edges = vec![("b".to_owned(), "a".to_owned()), ("c".to_owned(), "b".to_owned())];
        let order = parents_first(vec![table("c"), table("b"), table("a")], &edges);
        let names: Vec<String> = order.unwrap_or_default().into_iter().map(|t| t.name).collect();
        assert_eq!(names, ["a", "b", "c"]);
        let cycle = vec![("a".to_owned(), "b".to_owned()), ("b".to_owned(), "a".to_owned())];
        assert!(parents_first(vec![table("a"), table("b")], &cycle).is_err());
    }
}
