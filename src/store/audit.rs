//! The audit log table.

use sqlx::Row;

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

impl Store {
    /// Writes one entry (a single statement, no transaction: it is on every login's path).
    pub async fn insert_audit(&self, e: &AuditEntry) -> Result<()> {
        self.audit_insert(e).execute(self.db()).await?;
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
