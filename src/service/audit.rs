//! The audit trail: every login success and failure, lockout, logout, password change and
//! reset, email verification and change, account deletion and administrative action, with
//! time, user id or identifier hash, IP, user agent and outcome. Never a secret, and an
//! identifier that may not belong to any account (a failed login) only by its SHA-256.

use super::{Auth, ClientInfo};
use crate::auth::hash_token;
use crate::clock::now_ms;
use crate::domain::{email_key, AuditEvent};
use crate::error::Result;
use crate::store::{Audit, AuditEntry, PendingAudit, Store};

/// One event to record: what happened, about whom.
#[derive(Debug)]
pub struct Event<'a> {
    pub kind: AuditEvent,
    pub user_id: Option<&'a str>,
    /// A login identifier (email or username key), stored hashed.
    pub identifier: Option<&'a str>,
    pub detail: Option<String>,
}

impl<'a> Event<'a> {
    /// `kind`, about nobody named yet (the change names its account, see
    /// [`crate::store::Audit`]).
    pub fn new(kind: AuditEvent) -> Self {
        Self { kind, user_id: None, identifier: None, detail: None }
    }

    /// About the account `user_id`.
    pub fn user(self, user_id: &'a str) -> Self {
        Self { user_id: Some(user_id), ..self }
    }

    /// About the login identifier `key` (stored hashed).
    pub fn identifier(self, key: &'a str) -> Self {
        Self { identifier: Some(key), ..self }
    }

    pub fn detail(self, detail: impl Into<String>) -> Self {
        Self { detail: Some(detail.into()), ..self }
    }
}

impl From<AuditEvent> for Event<'_> {
    fn from(kind: AuditEvent) -> Self {
        Self::new(kind)
    }
}

impl Auth {
    /// Records `event`, which describes no change of its own (a failed login, a read by an
    /// admin key). A failure to write is logged, not returned: what it describes has happened.
    pub async fn audit(&self, client: &ClientInfo, event: impl Into<Event<'_>>) {
        let mut audit = self.audit_of(client, vec![event.into()]);
        self.write_alone(&mut audit).await;
    }

    /// Runs `change` (one store call, or a few), which hands the [`Audit`] of `event` to the
    /// store call that makes the change: the entry is written in its transaction, with the
    /// webhook deliveries it causes, so both happen or neither does. When `change` commits no
    /// change (a spent link, a taken name), nothing is recorded.
    pub async fn audited<T>(
        &self,
        client: &ClientInfo,
        event: impl Into<Event<'_>>,
        change: impl AsyncFnOnce(&mut Audit) -> Result<T>,
    ) -> Result<T> {
        self.audited_all(client, vec![event.into()], false, change).await
    }

    /// [`Auth::audited`] for a call that is recorded even when it changed nothing (`always`:
    /// an admin call, every one of which is in the log), and for several events of one change.
    pub async fn audited_all<T>(
        &self,
        client: &ClientInfo,
        events: Vec<Event<'_>>,
        always: bool,
        change: impl AsyncFnOnce(&mut Audit) -> Result<T>,
    ) -> Result<T> {
        let mut audit = self.audit_of(client, events);
        let out = change(&mut audit).await;
        if !audit.is_written() {
            if !(always && out.is_ok()) {
                return out;
            }
            // Nothing to share a transaction with: the record is the only write.
            self.write_alone(&mut audit).await;
        } else {
            self.count(&audit);
        }
        out
    }

    /// Writes `audit` without a change of its own, and counts it. A failure is logged.
    async fn write_alone(&self, audit: &mut Audit) {
        match self.store.insert_audit(audit).await {
            Ok(()) => {}
            Err(e) => {
                let events: Vec<_> = audit.events().map(AuditEvent::name).collect();
                tracing::error!(error = %e, ?events, "writing the audit log failed");
            }
        }
        self.count(audit);
    }

    fn count(&self, audit: &Audit) {
        for event in audit.events() {
            self.metrics.auth_event(event.name(), event.outcome());
        }
    }

    /// The audit of `events`, with the configured webhooks that want each.
    fn audit_of(&self, client: &ClientInfo, events: Vec<Event<'_>>) -> Audit {
        let pending = events
            .into_iter()
            .map(|event| {
                let endpoints = match event.kind.webhook() {
                    Some(kind) => self
                        .settings
                        .webhooks
                        .iter()
                        .filter(|h| h.wants(kind.as_str()))
                        .map(|h| h.name.clone())
                        .collect(),
                    None => Vec::new(),
                };
                PendingAudit { event: event.kind, entry: entry(client, event), endpoints }
            })
            .collect();
        Audit::of(pending)
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
pub async fn record(store: &Store, client: &ClientInfo, event: impl Into<Event<'_>>) {
    let event = event.into();
    let (kind, entry) = (event.kind, entry(client, event));
    let mut audit = Audit::of(vec![PendingAudit { event: kind, entry, endpoints: Vec::new() }]);
    if let Err(e) = store.insert_audit(&mut audit).await {
        tracing::error!(error = %e, event = kind.name(), "writing the audit log failed");
    }
}

fn entry(client: &ClientInfo, event: Event<'_>) -> AuditEntry {
    AuditEntry {
        at: now_ms(),
        event: event.kind.name().to_owned(),
        outcome: event.kind.outcome().to_owned(),
        user_id: event.user_id.map(str::to_owned),
        identifier_hash: event.identifier.map(hash_token),
        ip: client.ip.clone(),
        user_agent: client.user_agent.as_ref().map(|ua| ua.chars().take(512).collect()),
        detail: event.detail,
    }
}
