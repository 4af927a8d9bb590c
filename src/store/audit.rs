//! The audit log table, and the entries of a change, written in its transaction.
//!
//! A change and its audit entry (with the webhook deliveries it causes) are written together
//! or not at all: the service hands an [`Audit`] to the store call that makes the change, and
//! that call commits with [`Store::commit_change`] on the path where it changed something. A
//! crash between the two cannot lose the event, and a change that rolled back announces
//! nothing. A write that is not audited is given [`Audit::none`].

use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, Transaction};

use super::row::{NullableText, Text};
use super::Result;
use super::Store;
use crate::domain::AuditEvent;

/// One audit entry as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AuditEntry {
    pub at: i64,
    #[sqlx(try_from = "Text")]
    pub event: String,
    #[sqlx(try_from = "Text")]
    pub outcome: String,
    #[sqlx(try_from = "NullableText")]
    pub user_id: Option<String>,
    #[sqlx(try_from = "NullableText")]
    pub identifier_hash: Option<String>,
    #[sqlx(try_from = "NullableText")]
    pub ip: Option<String>,
    #[sqlx(try_from = "NullableText")]
    pub user_agent: Option<String>,
    #[sqlx(try_from = "NullableText")]
    pub detail: Option<String>,
}

/// An audit entry to write, with the webhook endpoints it is delivered to.
#[derive(Debug)]
pub struct PendingAudit {
    pub event: AuditEvent,
    /// Its `event` and `outcome` are `event`'s.
    pub entry: AuditEntry,
    /// The endpoints that want `event`'s webhook type (none when it has none).
    pub endpoints: Vec<String>,
}

const AUDIT_INSERT: &str = "INSERT INTO audit_log (id, at, event, outcome, user_id, \
    identifier_hash, ip, user_agent, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

/// Writes `e` in a transaction of `store::direct`'s writer (SQLite), as
/// [`Store::audit_insert`] does through the pool.
pub(super) fn insert_audit_directly(
    tx: &rusqlite::Transaction<'_>,
    e: &AuditEntry,
) -> rusqlite::Result<()> {
    let id = uuid::Uuid::now_v7().to_string();
    tx.prepare_cached(AUDIT_INSERT)?.execute(rusqlite::params![
        id,
        e.at,
        e.event,
        e.outcome,
        e.user_id,
        e.identifier_hash,
        e.ip,
        e.user_agent,
        e.detail
    ])?;
    Ok(())
}

/// The audit entries of one change, given to the store call (or calls) that make it: the
/// first that commits a change writes them in its transaction.
#[derive(Debug, Default)]
pub struct Audit {
    entries: Vec<PendingAudit>,
    written: bool,
}

impl Audit {
    /// For a write that is not audited.
    pub fn none() -> Self {
        Self::default()
    }

    pub fn of(entries: Vec<PendingAudit>) -> Self {
        Self { entries, written: false }
    }

    /// Whether the entries were committed (with a change, or alone).
    pub fn is_written(&self) -> bool {
        self.written
    }

    /// Whether entries wait for a change.
    fn waiting(&self) -> bool {
        !self.written && !self.entries.is_empty()
    }

    /// The entries waiting, about `user_id` unless they name their account, for a transaction
    /// outside the pool's (`store::direct`); then [`Audit::mark_written`]. `None` when one
    /// goes to a webhook: the outbox is written through the pool ([`Store::commit_change`]).
    pub(super) fn entries_without_webhooks(
        &self,
        user_id: Option<&str>,
    ) -> Option<Vec<AuditEntry>> {
        if !self.waiting() {
            return Some(Vec::new());
        }
        if self.entries.iter().any(|p| !p.endpoints.is_empty()) {
            return None;
        }
        let named = |p: &PendingAudit| {
            let mut entry = p.entry.clone();
            if entry.user_id.is_none() {
                entry.user_id = user_id.map(str::to_owned);
            }
            entry
        };
        Some(self.entries.iter().map(named).collect())
    }

    /// The entries were written with their change.
    pub(super) fn mark_written(&mut self) {
        self.written = true;
    }

    pub fn events(&self) -> impl Iterator<Item = AuditEvent> + '_ {
        self.entries.iter().map(|p| p.event)
    }
}

impl Store {
    /// Writes `audit`'s entries, which describe no change of their own (a failed login, an
    /// admin read): one statement, or one transaction with their webhook deliveries.
    pub async fn insert_audit(&self, audit: &mut Audit) -> Result<()> {
        if !audit.waiting() {
            return Ok(());
        }
        if let [one] = audit.entries.as_slice() {
            if one.endpoints.is_empty() {
                self.audit_insert(&one.entry).execute(self.db()).await?;
                audit.written = true;
                return Ok(());
            }
        }
        let tx = self.begin().await?;
        self.commit_change(tx, None, audit).await?;
        Ok(())
    }

    /// A change of one statement, committed with `audit`'s entries when it changed a row.
    /// `false`: it changed none (nothing is written, the entries neither).
    pub(super) async fn change_one<'q>(
        &self,
        statement: Query<'q, Any, AnyArguments<'q>>,
        audit: &mut Audit,
    ) -> Result<bool> {
        let mut tx = self.begin().await?;
        if statement.execute(self.on(&mut *tx)).await?.rows_affected() == 0 {
            return Ok(false);
        }
        self.commit_change(tx, None, audit).await?;
        Ok(true)
    }

    /// [`Store::change_one`] for a statement a unique key may refuse: `false` when it did.
    pub(super) async fn change_unique<'q>(
        &self,
        statement: Query<'q, Any, AnyArguments<'q>>,
        audit: &mut Audit,
    ) -> Result<bool> {
        let mut tx = self.begin().await?;
        match statement.execute(self.on(&mut *tx)).await {
            Ok(_) => {}
            Err(e) if super::is_unique_violation(&e) => return Ok(false),
            Err(e) => return Err(e.into()),
        }
        self.commit_change(tx, None, audit).await?;
        Ok(true)
    }

    /// Commits the transaction of a change, with the entries of `audit` if they wait.
    /// `user_id`: the account changed, for entries that could not name it beforehand (a
    /// verification or reset link names its account only once spent).
    pub(super) async fn commit_change(
        &self,
        mut tx: Transaction<'static, Any>,
        user_id: Option<&str>,
        audit: &mut Audit,
    ) -> Result<(), sqlx::Error> {
        if !audit.waiting() {
            return self.commit(tx).await;
        }
        self.write_audit_in(&mut tx, user_id, audit).await?;
        self.commit(tx).await?;
        audit.written = true;
        Ok(())
    }

    /// Writes the entries of `audit` that wait, with their webhook deliveries, on `conn` (in
    /// the transaction of their change, which commits them; then [`Audit::mark_written`]).
    pub(super) async fn write_audit_in(
        &self,
        conn: &mut sqlx::AnyConnection,
        user_id: Option<&str>,
        audit: &mut Audit,
    ) -> Result<(), sqlx::Error> {
        if !audit.waiting() {
            return Ok(());
        }
        for p in &mut audit.entries {
            if p.entry.user_id.is_none() {
                p.entry.user_id = user_id.map(str::to_owned);
            }
            self.audit_insert(&p.entry).execute(self.on(&mut *conn)).await?;
            if let Some(kind) = p.event.webhook() {
                for endpoint in &p.endpoints {
                    self.enqueue_webhook(conn, endpoint, kind.as_str(), &p.entry).await?;
                }
            }
        }
        Ok(())
    }

    /// Runs one changing statement; `rows affected`. While `audit` waits, in a transaction
    /// with its entries, committed only when it changed a row.
    pub(super) async fn execute_change<'q>(
        &self,
        query: sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>,
        user_id: Option<&str>,
        audit: &mut Audit,
    ) -> Result<u64, sqlx::Error> {
        if !audit.waiting() {
            return Ok(query.execute(self.db()).await?.rows_affected());
        }
        let mut tx = self.begin().await?;
        let n = query.execute(self.on(&mut *tx)).await?.rows_affected();
        if n > 0 {
            self.commit_change(tx, user_id, audit).await?;
        }
        Ok(n)
    }

    /// The statement that writes `e`, to run on the pool or inside a transaction.
    pub(super) fn audit_insert<'q>(
        &self,
        e: &AuditEntry,
    ) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
        self.q(AUDIT_INSERT)
            .bind(uuid::Uuid::now_v7().to_string())
            .bind(e.at)
            .bind(e.event.clone())
            .bind(e.outcome.clone())
            .bind(e.user_id.clone())
            .bind(e.identifier_hash.clone())
            .bind(e.ip.clone())
            .bind(e.user_agent.clone())
            .bind(e.detail.clone())
    }

    /// Entries since `since` (Unix ms), oldest first; with `who`, only those about that user id
    /// or that identifier hash.
    pub async fn audit_entries(
        &self,
        since: i64,
        who: Option<(&str, &str)>,
    ) -> Result<Vec<AuditEntry>> {
        Ok(match who {
            None => {
                self.q_as(
                    "SELECT at, event, outcome, user_id, identifier_hash, ip, user_agent, detail \
                        FROM audit_log WHERE at >= $1 ORDER BY at, id",
                )
                .bind(since)
                .fetch_all(self.db())
                .await?
            }
            Some((user_id, identifier_hash)) => {
                self.q_as(
                    "SELECT at, event, outcome, user_id, identifier_hash, ip, user_agent, detail \
                        FROM audit_log WHERE at >= $1 AND (user_id = $2 OR identifier_hash = $3) \
                        ORDER BY at, id",
                )
                .bind(since)
                .bind(user_id.to_owned())
                .bind(identifier_hash.to_owned())
                .fetch_all(self.db())
                .await?
            }
        })
    }
}
