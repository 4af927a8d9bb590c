//! `portcullis import`: users and their password hashes from a seed service's database or a
//! CSV file. Idempotent (an address already present is skipped), one line per rejected row,
//! and never a hash in any output.

use std::fmt;

use anyhow::Context;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Connection, Row};

use crate::auth::legacy::{LegacyError, LegacyHash};
use crate::domain::{Email, Username};
use crate::store::{Backend, NewUser, Store, Taken};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Seed 004: `users(id, email, hashed_password, …)`, bcrypt stored as bytes.
    Alx,
    /// Seeds 000/002: a `user` or `users` table with `username`, `email` and `password` or
    /// `password_hash`.
    FlaskSqlalchemy,
    /// `email,username,password_hash[,email_verified]` with a header line.
    Csv,
}

/// What an import did.
#[derive(Debug, Default)]
pub struct Report {
    pub imported: usize,
    pub skipped: usize,
    /// One line per rejected row: where it is and why, never its hash.
    pub rejected: Vec<String>,
    /// Rows imported with a remark (e.g. a username Portcullis cannot accept was dropped).
    pub notes: Vec<String>,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for line in self.rejected.iter().chain(&self.notes) {
            writeln!(f, "{line}")?;
        }
        write!(
            f,
            "imported {}, skipped {} already present, rejected {}",
            self.imported,
            self.skipped,
            self.rejected.len()
        )
    }
}

/// One user as read from a source, before any checks.
struct SourceRow {
    /// Where the row is, for messages: `row 3` or `id 17`.
    place: String,
    email: String,
    username: Option<String>,
    hash: String,
    email_verified: bool,
}

/// Reads every user of `from` and adds those not yet present to `store`.
/// `all_verified` marks imported addresses verified (their old service had no verification).
pub async fn run(
    store: &Store,
    from: &str,
    format: Format,
    all_verified: bool,
) -> anyhow::Result<Report> {
    let rows = match format {
        Format::Csv => read_csv(from)?,
        Format::Alx => read_alx(from).await?,
        Format::FlaskSqlalchemy => read_flask(from).await?,
    };
    let mut report = Report::default();
    for row in rows {
        import_row(store, row, all_verified, &mut report).await?;
    }
    Ok(report)
}

async fn import_row(
    store: &Store,
    row: SourceRow,
    all_verified: bool,
    report: &mut Report,
) -> anyhow::Result<()> {
    let place = &row.place;
    let email = match Email::parse(&row.email) {
        Ok(e) => e,
        Err(why) => {
            report.rejected.push(format!("{place}: {why}"));
            return Ok(());
        }
    };
    let hash = row.hash.trim();
    let checked = if hash.starts_with("$argon2id$") {
        crate::auth::password::check_import_argon2(hash)
    } else {
        LegacyHash::parse(hash).map(|_| ())
    };
    if let Err(e) = checked {
        let why = match e {
            LegacyError::UnknownFormat => "unknown password hash format",
            LegacyError::CostTooHigh => {
                "password hash cost out of bounds (at most bcrypt 14, PBKDF2 2,000,000 \
                 iterations, scrypt 64 MiB, Argon2id m=262144 KiB t=10 p=16)"
            }
        };
        report.rejected.push(format!("{place} ({}): {why}", email.as_str()));
        return Ok(());
    }
    if store.user_by_email(&email.key()).await?.is_some() {
        report.skipped += 1;
        return Ok(());
    }
    let username = match row.username.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
        None => None,
        Some(u) => match Username::parse(u) {
            Ok(u) => Some(u),
            Err(why) => {
                report.notes.push(format!("{place} ({}): username dropped: {why}", email.as_str()));
                None
            }
        },
    };
    let new = NewUser::new(
        &email,
        username.as_ref(),
        hash.to_owned(),
        all_verified || row.email_verified,
    );
    match store.insert_user(&new, None, &mut crate::store::Audit::none()).await? {
        Ok(_) => report.imported += 1,
        Err(Taken::Email) => report.skipped += 1,
        Err(Taken::Username) => report.rejected.push(format!(
            "{place} ({}): username already taken by another account",
            email.as_str()
        )),
    }
    Ok(())
}

fn read_csv(from: &str) -> anyhow::Result<Vec<SourceRow>> {
    let path = from.strip_prefix("file://").unwrap_or(from);
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_path(path)
        .with_context(|| format!("cannot read {path}"))?;
    let headers: Vec<String> = reader.headers()?.iter().map(|h| h.to_ascii_lowercase()).collect();
    let col = |name: &str| headers.iter().position(|h| h == name);
    let (Some(e), Some(h)) = (col("email"), col("password_hash")) else {
        anyhow::bail!("{path}: the header must be email,username,password_hash[,email_verified]");
    };
    let (u, v) = (col("username"), col("email_verified"));
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        // Line numbers as an editor shows them: the header is line 1.
        let place = format!("line {}", i + 2);
        let record = match record {
            Ok(r) => r,
            Err(_) => {
                rows.push(SourceRow {
                    place,
                    email: String::new(),
                    username: None,
                    hash: String::new(),
                    email_verified: false,
                });
                continue;
            }
        };
        let get = |c: Option<usize>| c.and_then(|c| record.get(c)).map(str::to_owned);
        rows.push(SourceRow {
            place,
            email: get(Some(e)).unwrap_or_default(),
            username: get(u),
            hash: get(Some(h)).unwrap_or_default(),
            email_verified: get(v)
                .is_some_and(|s| matches!(s.to_ascii_lowercase().as_str(), "true" | "1" | "yes")),
        });
    }
    Ok(rows)
}

async fn connect(from: &str) -> anyhow::Result<(AnyConnection, Backend)> {
    sqlx::any::install_default_drivers();
    let backend = Backend::from_url(from)?;
    let conn = AnyConnection::connect(from)
        .await
        .with_context(|| format!("cannot open {}", crate::config::mask_url_password(from)))?;
    Ok((conn, backend))
}

/// A text column that a seed may have stored as text or as bytes (seed 004's bcrypt).
fn text_or_bytes(row: &AnyRow, col: &str) -> Option<String> {
    if let Ok(Some(s)) = row.try_get::<Option<String>, _>(col) {
        return Some(s);
    }
    let bytes: Option<Vec<u8>> = row.try_get(col).ok().flatten();
    bytes.and_then(|b| String::from_utf8(b).ok())
}

fn id_of(row: &AnyRow) -> String {
    row.try_get::<i64, _>("id")
        .map(|i| i.to_string())
        .ok()
        .or_else(|| text_or_bytes(row, "id"))
        .unwrap_or_else(|| "?".into())
}

async fn read_alx(from: &str) -> anyhow::Result<Vec<SourceRow>> {
    let (mut conn, _) = connect(from).await?;
    let rows = sqlx::query("SELECT id, email, hashed_password FROM users ORDER BY id")
        .fetch_all(&mut conn)
        .await
        .context("reading users(id, email, hashed_password)")?;
    Ok(rows
        .iter()
        .map(|r| SourceRow {
            place: format!("id {}", id_of(r)),
            email: text_or_bytes(r, "email").unwrap_or_default(),
            username: None,
            hash: text_or_bytes(r, "hashed_password").unwrap_or_default(),
            email_verified: false,
        })
        .collect())
}

async fn read_flask(from: &str) -> anyhow::Result<Vec<SourceRow>> {
    let (mut conn, backend) = connect(from).await?;
    let quote = |t: &str| match backend {
        Backend::MySql => format!("`{t}`"),
        _ => format!("\"{t}\""),
    };
    for table in ["user", "users"] {
        for password in ["password_hash", "password"] {
            let sql = format!(
                "SELECT id, username, email, {password} AS pw FROM {} ORDER BY id",
                quote(table)
            );
            let Ok(rows) = sqlx::query(&sql).fetch_all(&mut conn).await else {
                continue;
            };
            return Ok(rows
                .iter()
                .map(|r| SourceRow {
                    place: format!("{table} id {}", id_of(r)),
                    email: text_or_bytes(r, "email").unwrap_or_default(),
                    username: text_or_bytes(r, "username"),
                    hash: text_or_bytes(r, "pw").unwrap_or_default(),
                    email_verified: false,
                })
                .collect());
        }
    }
    anyhow::bail!(
        "no `user` or `users` table with id, username, email and password or password_hash"
    )
}
