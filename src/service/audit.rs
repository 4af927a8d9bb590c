//! The audit trail: every login success and failure, lockout, logout, password change and
//! reset, email verification and change, account deletion and administrative action, with
//! time, user id or identifier hash, IP, user agent and outcome. Never a secret, and an
//! identifier that may not belong to any account (a failed login) only by its SHA-256.

use super::{Auth, ClientInfo};
use crate::auth::hash_token;
use crate::clock::now_ms;
use crate::domain::email_key;
use crate::error::Result;
use crate::store::{AuditEntry, Store};

/// One event to record.
#[derive(Debug, Default)]
pub struct Event<'a> {
    pub name: &'static str,
    pub outcome: &'static str,
    pub user_id: Option<&'a str>,
    /// A login identifier (email or username key), stored hashed.
    pub identifier: Option<&'a str>,
    pub detail: Option<String>,
}

impl Auth {
    /// Records `event`. A failure to write is logged, not returned: the action it describes
    /// has already happened.
    pub async fn audit(&self, client: &ClientInfo, event: Event<'_>) {
        self.metrics.auth_event(event.name, event.outcome);
        record(&self.store, client, event).await;
    }

    /// Entries since `since_ms`, oldest first; with `email`, those about that account or that
    /// login identifier (including failed logins before the account existed).
    pub async fn audit_log(&self, since_ms: i64, email: Option<&str>) -> Result<Vec<AuditEntry>> {
        let Some(email) = email else {
            return Ok(self.store.audit_entries(since_ms, None).await?);
        };
        let key = email_key(email);
        let user_id = self.store.user_by_email(&key).await?.map(|u| u.user.id).unwrap_or_default();
        Ok(self.store.audit_entries(since_ms, Some((&user_id, &hash_token(&key)))).await?)
    }
}

/// Writes `event` to the audit log of `store` (for callers without an [`Auth`], such as
/// `portcullis migrate`). A failure is logged, not returned.
pub async fn record(store: &Store, client: &ClientInfo, event: Event<'_>) {
    let entry = AuditEntry {
        at: now_ms(),
        event: event.name.to_owned(),
        outcome: event.outcome.to_owned(),
        user_id: event.user_id.map(str::to_owned),
        identifier_hash: event.identifier.map(hash_token),
        ip: client.ip.clone(),
        user_agent: client.user_agent.as_ref().map(|ua| ua.chars().take(512).collect()),
        detail: event.detail,
    };
    if let Err(e) = store.insert_audit(&entry).await {
        tracing::error!(error = %e, event = event.name, "writing the audit log failed");
    }
}
