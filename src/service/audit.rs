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
        let Some(kind) = webhook_event(event.name, event.outcome) else {
            return record(&self.store, client, event).await;
        };
        let hooks: Vec<_> = self.settings.webhooks.iter().filter(|h| h.wants(kind)).collect();
        if hooks.is_empty() {
            return record(&self.store, client, event).await;
        }
        let entry = entry(client, event);
        // What a receiver gets: what happened, to whom, from where. Never a secret (the audit
        // entry holds none; the login identifier is not sent even hashed).
        let payload = serde_json::json!({
            "type": kind,
            "timestamp": crate::clock::rfc3339(entry.at),
            "data": {
                "user_id": entry.user_id,
                "event": entry.event,
                "outcome": entry.outcome,
                "ip": entry.ip,
                "user_agent": entry.user_agent,
                "detail": entry.detail,
            },
        })
        .to_string();
        let deliveries: Vec<_> =
            hooks.iter().map(|h| (h.name.clone(), kind.to_owned(), payload.clone())).collect();
        if let Err(e) = self.store.insert_audit_with_webhooks(&entry, &deliveries).await {
            tracing::error!(error = %e, event = kind, "writing the audit log and webhooks failed");
        }
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
        ("account_deletion", "succeeded") | ("admin_user_delete", _) => "user.deleted",
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
