//! The audit trail: every login success and failure, lockout, logout, password change and
//! reset, email verification and change, account deletion and administrative action, with
//! time, user id or identifier hash, IP, user agent and outcome. Never a secret, and an
//! identifier that may not belong to any account (a failed login) only by its SHA-256.

use std::future::Future;

use super::{Auth, ClientInfo};
use crate::auth::hash_token;
use crate::clock::now_ms;
use crate::domain::email_key;
use crate::error::Result;
use crate::store::{AuditEntry, PendingAudit, Store};

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
    /// Records `event`, which describes no change of its own (a failed login, a read by an
    /// admin key). A failure to write is logged, not returned: what it describes has happened.
    pub async fn audit(&self, client: &ClientInfo, event: Event<'_>) {
        self.metrics.auth_event(event.name, event.outcome);
        let name = event.name;
        if let Err(e) = self.store.insert_audits(vec![self.audit_entry(client, event)]).await {
            tracing::error!(error = %e, event = name, "writing the audit log failed");
        }
    }

    /// Runs `change` (one store call, or a few) and records `event` in the transaction that
    /// makes the change, with the webhook deliveries it causes: both happen or neither does.
    /// When `change` commits no change (a spent link, a taken name), nothing is recorded.
    pub async fn audited<T>(
        &self,
        client: &ClientInfo,
        event: Event<'_>,
        change: impl Future<Output = Result<T>>,
    ) -> Result<T> {
        self.audited_all(client, vec![event], false, change).await
    }

    /// [`Auth::audited`] for a call that is recorded even when it changed nothing (an admin
    /// call: every one is in the log), and for several events of one change.
    pub async fn audited_all<T>(
        &self,
        client: &ClientInfo,
        events: Vec<Event<'_>>,
        always: bool,
        change: impl Future<Output = Result<T>>,
    ) -> Result<T> {
        let names: Vec<_> = events.iter().map(|e| (e.name, e.outcome)).collect();
        let pending = events.into_iter().map(|e| self.audit_entry(client, e)).collect();
        let (out, unwritten) = crate::store::with_audit(pending, change).await;
        if !unwritten.is_empty() {
            if !(always && out.is_ok()) {
                return out;
            }
            // Nothing to share a transaction with: the record is the only write.
            if let Err(e) = self.store.insert_audits(unwritten).await {
                tracing::error!(error = %e, "writing the audit log failed");
            }
        }
        for (name, outcome) in names {
            self.metrics.auth_event(name, outcome);
        }
        out
    }

    /// `event` as an entry, with the configured webhooks that want it.
    fn audit_entry(&self, client: &ClientInfo, event: Event<'_>) -> PendingAudit {
        let webhooks = match webhook_event(event.name, event.outcome) {
            Some(kind) => self
                .settings
                .webhooks
                .iter()
                .filter(|h| h.wants(kind))
                .map(|h| (h.name.clone(), kind))
                .collect(),
            None => Vec::new(),
        };
        PendingAudit { entry: entry(client, event), webhooks }
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
    let name = event.name;
    if let Err(e) = store.insert_audit(&entry(client, event)).await {
        tracing::error!(error = %e, event = name, "writing the audit log failed");
    }
}

/// The webhook event an audit event is, if any.
pub fn webhook_event(name: &str, outcome: &str) -> Option<&'static str> {
    Some(match (name, outcome) {
        ("register", "succeeded") | ("admin_user_add", _) => "user.created",
        ("email_verification", "succeeded") => "user.email_verified",
        ("email_change", "succeeded") | ("profile_update", "succeeded") => "user.updated",
        ("admin_user_update" | "admin_user_disable" | "admin_user_enable", _) => "user.updated",
        ("account_deletion", "succeeded" | "disowned") | ("admin_user_delete", _) => "user.deleted",
        ("login", "succeeded") => "login.succeeded",
        ("login", "failed" | "throttled" | "credentials_changed" | "email_not_verified")
        | ("passkey_login" | "oauth_login" | "email_login" | "mfa_verify", "failed") => {
            "login.failed"
        }
        ("password_change", "succeeded") => "password.changed",
        ("password_reset", "succeeded") => "password.reset",
        ("logout", "succeeded") | ("session_revoke", _) | ("admin_revoke_sessions", _) => {
            "session.revoked"
        }
        ("mfa", _) | ("passkey_added" | "passkey_removed" | "admin_mfa_reset", _) => "mfa.changed",
        // A linked identity is a way in, like a passkey.
        ("identity_linked" | "identity_unlinked", "succeeded") => "mfa.changed",
        _ => return None,
    })
}

fn entry(client: &ClientInfo, event: Event<'_>) -> AuditEntry {
    AuditEntry {
        at: now_ms(),
        event: event.name.to_owned(),
        outcome: event.outcome.to_owned(),
        user_id: event.user_id.map(str::to_owned),
        identifier_hash: event.identifier.map(hash_token),
        ip: client.ip.clone(),
        user_agent: client.user_agent.as_ref().map(|ua| ua.chars().take(512).collect()),
        detail: event.detail,
    }
}
