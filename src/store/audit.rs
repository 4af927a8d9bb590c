//! The audit log table, and the entries that wait for the transaction of the change they
//! describe.
//!
//! A change and its audit entry (with the webhook deliveries it causes) are written together
//! or not at all: the service runs the store call inside [`with_audit`], and the store
//! function that makes the change commits with [`Store::commit_change`] on the path where it
//! changed something. A crash between the two cannot lose the event, and a change that rolled
//! back announces nothing.

use std::cell::RefCell;
use std::future::Future;

use sqlx::{Any, Row, Transaction};

use super::Result;
use super::{opt_text, text, Store};

/// One audit entry as stored.
#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub at: i64,
    pub event: String,
    pub outcome: String,
    pub user_id: Option<String>,
    pub identifier_hash: Option<String>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub detail: Option<String>,
}

/// An audit entry with the webhook endpoints it is delivered to (and as which event type).
#[derive(Debug)]
pub struct PendingAudit {
    pub entry: AuditEntry,
    pub webhooks: Vec<(String, &'static str)>,
}

tokio::task_local! {
    static PENDING: RefCell<Vec<PendingAudit>>;
}

/// Runs `change` with `pending` waiting: the first transaction it commits with
/// [`Store::commit_change`] writes them too. Returns what was not written: nothing when the
/// change happened, all of `pending` when it committed no change.
pub async fn with_audit<T>(
    pending: Vec<PendingAudit>,
    change: impl Future<Output = T>,
) -> (T, Vec<PendingAudit>) {
    PENDING
        .scope(RefCell::new(pending), async {
            let out = change.await;
            (out, take_waiting())
        })
        .await
}

/// Whether entries wait for a change of this task.
pub(super) fn audit_waiting() -> bool {
    PENDING.try_with(|p| !p.borrow().is_empty()).unwrap_or(false)
}

fn take_waiting() -> Vec<PendingAudit> {
    PENDING.try_with(|p| std::mem::take(&mut *p.borrow_mut())).unwrap_or_default()
}

impl Store {
    /// Writes one entry (a single statement, no transaction: it is on every login's path).
    pub async fn insert_audit(&self, e: &AuditEntry) -> Result<()> {
        self.audit_insert(e).execute(self.db()).await?;
        Ok(())
    }

    /// Writes entries that describe no change of their own (a failed login, an admin read):
    /// one statement, or one transaction with their webhook deliveries.
    pub async fn insert_audits(&self, pending: Vec<PendingAudit>) -> Result<()> {
        if let [one] = pending.as_slice() {
            if one.webhooks.is_empty() {
                return self.insert_audit(&one.entry).await;
            }
        }
        let mut tx = self.begin().await?;
        self.write_audits_in(&mut tx, pending, None).await?;
        self.commit(tx).await?;
        Ok(())
    }

    /// Commits the transaction of a change, with the audit entries waiting for it (see
    /// [`with_audit`]). `user_id`: the account changed, for entries that could not name it
    /// beforehand (a verification or reset link names its account only once spent).
    pub(super) async fn commit_change(
        &self,
        mut tx: Transaction<'static, Any>,
        user_id: Option<&str>,
    ) -> Result<(), sqlx::Error> {
        let waiting = take_waiting();
        if !waiting.is_empty() {
            self.write_audits_in(&mut tx, waiting, user_id).await?;
        }
        self.commit(tx).await
    }

    /// Runs one changing statement; `rows affected`. While audit entries wait for the change
    /// (see [`with_audit`]), in a transaction with them, committed only when it changed a row.
    pub(super) async fn execute_change<'q>(
        &self,
        query: sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>,
        user_id: Option<&str>,
    ) -> Result<u64, sqlx::Error> {
        if !audit_waiting() {
            return Ok(query.execute(self.db()).await?.rows_affected());
        }
        let mut tx = self.begin().await?;
        let n = query.execute(self.on(&mut *tx)).await?.rows_affected();
        if n > 0 {
            self.commit_change(tx, user_id).await?;
        }
        Ok(n)
    }

    async fn write_audits_in(
        &self,
        tx: &mut Transaction<'static, Any>,
        pending: Vec<PendingAudit>,
        user_id: Option<&str>,
    ) -> Result<(), sqlx::Error> {
        for mut p in pending {
            if p.entry.user_id.is_none() {
                p.entry.user_id = user_id.map(str::to_owned);
            }
            self.audit_insert(&p.entry).execute(self.on(&mut **tx)).await?;
            for (endpoint, kind) in &p.webhooks {
                self.enqueue_webhook(tx, endpoint, kind, &p.entry).await?;
            }
        }
        Ok(())
    }

    /// The statement that writes `e`, to run on the pool or inside a transaction.
    pub(super) fn audit_insert<'q>(
        &self,
        e: &AuditEntry,
    ) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
        self.q("INSERT INTO audit_log (id, at, event, outcome, user_id, identifier_hash, ip, \
                user_agent, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
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
        let rows = match who {
            None => {
                self.q(
                    "SELECT at, event, outcome, user_id, identifier_hash, ip, user_agent, detail \
                        FROM audit_log WHERE at >= $1 ORDER BY at, id",
                )
                .bind(since)
                .fetch_all(self.db())
                .await?
            }
            Some((user_id, identifier_hash)) => {
                self.q(
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
        };
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            out.push(AuditEntry {
                at: r.try_get("at")?,
                event: text(&r, "event")?,
                outcome: text(&r, "outcome")?,
                user_id: opt_text(&r, "user_id")?,
                identifier_hash: opt_text(&r, "identifier_hash")?,
                ip: opt_text(&r, "ip")?,
                user_agent: opt_text(&r, "user_agent")?,
                detail: opt_text(&r, "detail")?,
            });
        }
        Ok(out)
    }
}
