//! `portcullis db copy` and `db backup`: every table of one database into another, empty one
//! (SQLite, PostgreSQL, MySQL/MariaDB, any direction), read from one consistent snapshot,
//! written in one transaction, then verified table by table (row count and checksum, each
//! read again from both sides). Progress goes to standard error, the verification's table to
//! standard output; URLs are printed with their password masked. Exit 0 only when every table
//! matches (docs/backup-and-moving.md, CONTRACTS section 6).

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use clap::Subcommand;

use crate::config::DatabaseUrl;
use crate::store::copy::{MigrationGap, Reader, Schema, Table};
use crate::store::Store;

#[derive(Subcommand)]
pub(super) enum DbCommand {
    /// Copy every table into an empty database (SQLite, PostgreSQL or MySQL/MariaDB, any
    /// direction) and verify the copy. Stop the servers writing to the source first.
    Copy {
        /// The database to read, e.g. sqlite://portcullis.db.
        #[arg(long)]
        from: String,
        /// The database to write: migrated first, and it must hold no rows.
        #[arg(long)]
        to: String,
        /// Rows read and written at a time.
        #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u32).range(1..=100_000))]
        batch_size: u32,
        /// Only compare the two databases, table by table (row counts and checksums).
        #[arg(long)]
        verify_only: bool,
    },
    /// Write a new SQLite file holding a full copy of the database (restore it with
    /// `db copy --from sqlite://FILE --to URL`).
    Backup {
        /// The file to write; it must not exist.
        #[arg(long)]
        to: PathBuf,
        /// The database to back up (default: the configured one).
        #[arg(long)]
        from: Option<String>,
        /// Rows read and written at a time.
        #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u32).range(1..=100_000))]
        batch_size: u32,
    },
}

impl DbCommand {
    /// Whether the command reads the configuration (only `backup` without `--from`).
    pub(super) fn needs_settings(&self) -> bool {
        matches!(self, DbCommand::Backup { from: None, .. })
    }
}

pub(super) async fn run(command: DbCommand, configured: Option<DatabaseUrl>) -> anyhow::Result<()> {
    match command {
        DbCommand::Copy { from, to, batch_size, verify_only } => {
            let (from, to) = (DatabaseUrl::new(from), DatabaseUrl::new(to));
            copy(&from, &to, batch_size, verify_only, false).await
        }
        DbCommand::Backup { to, from, batch_size } => {
            let from = match from {
                Some(from) => DatabaseUrl::new(from),
                None => configured.context("no database to back up: give --from")?,
            };
            backup(&from, &to, batch_size).await
        }
    }
}

/// `db backup`: `db copy` into a new SQLite file, removed again if the copy fails.
async fn backup(from: &DatabaseUrl, file: &Path, batch: u32) -> anyhow::Result<()> {
    // Made here, so that an existing file is refused without a race.
    std::fs::OpenOptions::new().write(true).create_new(true).open(file).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            anyhow::anyhow!("{} already exists: db backup only writes a new file", file.display())
        } else {
            anyhow::anyhow!("cannot create {}: {e}", file.display())
        }
    })?;
    let to = DatabaseUrl::new(format!("sqlite://{}?mode=rwc", file.display()));
    let result = copy(from, &to, batch, false, true).await;
    if result.is_err() {
        for suffix in ["", "-wal", "-shm"] {
            let mut path = file.as_os_str().to_owned();
            path.push(suffix);
            let _ = std::fs::remove_file(path);
        }
    }
    result
}

async fn copy(
    from: &DatabaseUrl,
    to: &DatabaseUrl,
    batch: u32,
    verify_only: bool,
    single_file: bool,
) -> anyhow::Result<()> {
    if let Some(path) = sqlite_file(from.expose()) {
        // Connecting would make an empty file where none is.
        if !Path::new(path).exists() {
            bail!("the source {from} does not exist; nothing copied");
        }
    }
    let source = Store::connect(from).await.context("the source (--from)")?;
    match source.migration_gap().await? {
        MigrationGap::None => {}
        MigrationGap::NoHistory => bail!(
            "the source {from} has no migration history: it is not a Portcullis database, or \
             was never migrated; nothing copied"
        ),
        MigrationGap::Behind(v) => bail!(
            "the source {from} is behind this version (migrations {} not applied): run \
             `portcullis migrate` on the source first; nothing copied",
            list(&v)
        ),
        MigrationGap::Ahead(v) => bail!(
            "the source {from} was migrated by a newer Portcullis (migrations {} unknown to this \
             version): copy with that version or a newer one; nothing copied",
            list(&v)
        ),
        MigrationGap::Changed(v) => bail!(
            "the source {from} applied migration {v} from a different file than this version's; \
             nothing copied"
        ),
    }
    let target = Store::connect(to).await.context("the target (--to)")?;
    if source.same_database(&target).await? {
        bail!("--from and --to are the same database ({to}); nothing copied");
    }
    if verify_only {
        if target.migration_gap().await? != MigrationGap::None {
            bail!(
                "the target {to} is not at this version's schema: run `portcullis migrate` on it"
            );
        }
    } else {
        let full = target.tables_with_rows().await?;
        if !full.is_empty() {
            bail!(
                "the target {to} is not empty (rows in {}): db copy writes only into an empty \
                 database; nothing written",
                full.join(", ")
            );
        }
        if let MigrationGap::Ahead(v) = target.migration_gap().await? {
            bail!(
                "the target {to} was migrated by a newer Portcullis (migrations {}); nothing \
                 written",
                list(&v)
            );
        }
        target.migrate().await.context("migrating the target")?;
    }
    let schema = target.schema().await?;
    check_source_schema(&schema, &source.schema().await?)?;

    let mut snapshot = source.snapshot().await?;
    if !verify_only {
        if let Err(e) = write_all(&schema, &mut snapshot, &target, batch).await {
            snapshot.close().await;
            return Err(e);
        }
        let moved = target.fix_sequences(&schema).await?;
        for sequence in moved {
            eprintln!("sequence {sequence} moved past the copied rows");
        }
    }
    let differ = verify(&schema, &mut snapshot, &target, batch).await;
    snapshot.close().await;
    let (rows, differ) = differ?;
    if single_file {
        target.single_file().await?;
    }
    source.close().await;
    target.close().await;
    if !differ.is_empty() {
        bail!("verification failed: {} differ between {from} and {to}", differ.join(", "));
    }
    let tables = schema.tables.len();
    if verify_only {
        println!("{rows} rows in {tables} tables are the same in {from} and {to}");
    } else {
        println!("copied {rows} rows in {tables} tables from {from} to {to}; every table verified");
    }
    Ok(())
}

/// The file of an SQLite URL (`None`: another database, or one in memory).
fn sqlite_file(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && !path.contains(":memory:")).then_some(path)
}

fn list(versions: &[i64]) -> String {
    versions.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")
}

/// The source must have every table and column of the target's (this version's) schema, of the
/// same kinds. A table of its own (not one of ours) is named and left behind.
fn check_source_schema(target: &Schema, source: &Schema) -> anyhow::Result<()> {
    for table in &target.tables {
        let Some(theirs) = source.table(&table.name) else {
            bail!("the source has no table {}; nothing copied", table.name);
        };
        for column in &table.columns {
            match theirs.columns.iter().find(|c| c.name == column.name) {
                Some(c) if c.kind == column.kind => {}
                Some(_) => bail!(
                    "column {}.{} is text in one database and an integer in the other; \
                     nothing copied",
                    table.name,
                    column.name
                ),
                None => {
                    bail!("the source has no column {}.{}; nothing copied", table.name, column.name)
                }
            }
        }
        if theirs.columns.len() != table.columns.len() {
            bail!("the source's table {} has columns this version does not know", table.name);
        }
    }
    for table in &source.tables {
        if target.table(&table.name).is_none() {
            eprintln!("note: the source's table {} is not Portcullis's; not copied", table.name);
        }
    }
    Ok(())
}

/// Every table, parents first, in pages of `batch` rows, in one transaction of the target's.
async fn write_all(
    schema: &Schema,
    snapshot: &mut Reader<'_>,
    target: &Store,
    batch: u32,
) -> anyhow::Result<()> {
    let mut writer = target.bulk_writer().await?;
    for table in &schema.tables {
        if let Err(e) = copy_table(table, snapshot, &mut writer, batch).await {
            writer.rollback().await;
            return Err(e);
        }
    }
    writer.commit().await
}

async fn copy_table(
    table: &Table,
    snapshot: &mut Reader<'_>,
    writer: &mut crate::store::copy::Writer<'_>,
    batch: u32,
) -> anyhow::Result<()> {
    let total = snapshot.count(table).await?;
    let mut done = 0usize;
    let mut after = None;
    loop {
        let rows = snapshot.page(table, after.as_deref(), batch).await?;
        writer.insert(table, &rows).await?;
        done += rows.len();
        // A last, empty page (the table ended on a page boundary) has nothing to report.
        if !rows.is_empty() || done == 0 {
            eprintln!("{}: {done}/{total}", table.name);
        }
        match rows.last() {
            Some(last) if rows.len() == batch as usize => after = Some(Reader::key_of(table, last)),
            _ => return Ok(()),
        }
    }
}

/// Reads every table again from the source's snapshot and from the target, prints a line per
/// table; answers the rows in all and the tables that differ.
async fn verify(
    schema: &Schema,
    snapshot: &mut Reader<'_>,
    target: &Store,
    batch: u32,
) -> anyhow::Result<(u64, Vec<String>)> {
    let mut theirs = target.snapshot().await?;
    let mut differ = Vec::new();
    let mut rows = 0;
    println!("{:<28} {:>10} {:>10}  {:<16}  target sum", "table", "source", "target", "source sum");
    for table in &schema.tables {
        let sums = match snapshot.checksum(table, batch).await {
            Ok(a) => theirs.checksum(table, batch).await.map(|b| (a, b)),
            Err(e) => Err(e),
        };
        let (a, b) = match sums {
            Ok(sums) => sums,
            Err(e) => {
                theirs.close().await;
                return Err(e);
            }
        };
        let same = a == b;
        println!(
            "{:<28} {:>10} {:>10}  {:<16}  {:<16}  {}",
            table.name,
            a.0,
            b.0,
            &a.1[..16.min(a.1.len())],
            &b.1[..16.min(b.1.len())],
            if same { "ok" } else { "DIFFERS" }
        );
        rows += a.0;
        if !same {
            differ.push(table.name.clone());
        }
    }
    theirs.close().await;
    Ok((rows, differ))
}
