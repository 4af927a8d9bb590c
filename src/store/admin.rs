//! What the admin API needs beyond the account flows: its keys, pages of users, the audit log
//! with filters, and the webhook outbox (leased like mail: `store::lease`).

use super::row::{NullableText, Text, Words};
use super::users::UserRow;
use super::{Audit, AuditEntry, Claim, Result, Store};
use crate::domain::User;

/// An admin API key as stored (never its secret).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ApiKey {
    #[sqlx(try_from = "Text")]
    pub id: String,
    #[sqlx(try_from = "Text")]
    pub name: String,
    /// Stored space-separated.
    #[sqlx(try_from = "Words")]
    pub scopes: Vec<String>,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

/// A webhook delivery claimed by this node.
#[derive(Debug)]
pub struct WebhookDelivery {
    pub id: String,
    pub endpoint: String,
    pub event_type: String,
    pub payload: String,
    pub attempt: i64,
}

/// Filters of the audit log.
#[derive(Debug, Default)]
pub struct AuditFilter {
    pub user_id: Option<String>,
    pub event: Option<String>,
    /// Entries after this cursor (an entry id), oldest first.
    pub after: Option<String>,
    pub since: Option<i64>,
    pub limit: i64,
}

/// An audit entry with its id (the cursor).
#[derive(Debug, sqlx::FromRow)]
pub struct AuditRow {
    #[sqlx(try_from = "Text")]
    pub id: String,
    #[sqlx(flatten)]
    pub entry: AuditEntry,
}

/// Which webhook deliveries a console page lists: newest first, before the cursor `before`
/// (a delivery id), with this `status` and to this `endpoint` when set.
#[derive(Debug, Default)]
pub struct DeliveryFilter {
    pub before: Option<String>,
    pub status: Option<String>,
    pub endpoint: Option<String>,
    pub limit: i64,
}

/// A row of the webhook outbox as the console shows it (the payload only with one row).
#[derive(Debug, sqlx::FromRow)]
pub struct DeliveryRow {
    #[sqlx(try_from = "Text")]
    pub id: String,
    #[sqlx(try_from = "Text")]
    pub endpoint: String,
    #[sqlx(try_from = "Text")]
    pub event_type: String,
    pub created_at: i64,
    #[sqlx(try_from = "Text")]
    pub status: String,
    pub attempts: i64,
    pub next_attempt_at: i64,
    pub delivered_at: Option<i64>,
    #[sqlx(try_from = "NullableText")]
    pub last_error: Option<String>,
}

/// One delivery with its payload.
#[derive(Debug, sqlx::FromRow)]
pub struct DeliveryDetail {
    #[sqlx(flatten)]
    pub row: DeliveryRow,
    #[sqlx(try_from = "Text")]
    pub payload: String,
}

/// What became of a request to deliver a webhook again.
#[derive(Debug, PartialEq, Eq)]
pub enum Requeued {
    Done,
    NotFound,
    /// The delivery is not `failed` (its status is given).
    NotFailed(String),
}

/// The columns of a claimed webhook delivery that the claim does not hold.
#[derive(sqlx::FromRow)]
struct WebhookRow {
    #[sqlx(try_from = "Text")]
    endpoint: String,
    #[sqlx(try_from = "Text")]
    event_type: String,
    #[sqlx(try_from = "Text")]
    payload: String,
}

impl Store {
    pub async fn insert_api_key(&self, k: &ApiKey, key_hash: &str) -> Result<()> {
        self.q("INSERT INTO api_keys (id, name, key_hash, scopes, created_at) \
                VALUES ($1, $2, $3, $4, $5)")
            .bind(k.id.clone())
            .bind(k.name.clone())
            .bind(key_hash.to_owned())
            .bind(k.scopes.join(" "))
            .bind(k.created_at)
            .execute(self.db())
            .await?;
        Ok(())
    }

    /// The live (not revoked) key with this hash. Read on every admin request, so a
    /// revocation holds on every node at once.
    pub async fn api_key_by_hash(&self, key_hash: &str) -> Result<Option<ApiKey>> {
        Ok(self
            .q_as(
                "SELECT id, name, scopes, created_at, last_used_at, revoked_at FROM api_keys \
                   WHERE key_hash = $1 AND revoked_at IS NULL",
            )
            .bind(key_hash.to_owned())
            .fetch_optional(self.db())
            .await?)
    }

    /// Records a use, at most once a minute per key.
    pub async fn touch_api_key(&self, id: &str, now: i64) -> Result<()> {
        self.q("UPDATE api_keys SET last_used_at = $1 WHERE id = $2 \
                AND (last_used_at IS NULL OR last_used_at < $3)")
            .bind(now)
            .bind(id.to_owned())
            .bind(now - 60_000)
            .execute(self.db())
            .await?;
        Ok(())
    }

    pub async fn api_keys(&self) -> Result<Vec<ApiKey>> {
        Ok(self
            .q_as(
                "SELECT id, name, scopes, created_at, last_used_at, revoked_at FROM api_keys \
                   ORDER BY created_at, id",
            )
            .fetch_all(self.db())
            .await?)
    }

    /// `false`: no such live key.
    pub async fn revoke_api_key(&self, id: &str, now: i64) -> Result<bool> {
        let n = self
            .q("UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
            .bind(now)
            .bind(id.to_owned())
            .execute(self.db())
            .await?
            .rows_affected();
        Ok(n == 1)
    }

    /// A page of users in id order after `after` (a keyset cursor: stable while users are
    /// added or removed), optionally those whose email key or username key starts with
    /// `prefix`.
    pub async fn users_page(
        &self,
        after: Option<&str>,
        prefix: Option<&str>,
        limit: i64,
    ) -> Result<Vec<User>> {
        let after = after.unwrap_or("").to_owned();
        let rows: Vec<UserRow> = match prefix {
            None => {
                const SQL: &str = concat!(
                    "SELECT ",
                    user_columns!(),
                    " FROM users WHERE id > $1 ORDER BY id LIMIT $2"
                );
                self.q_as(SQL).bind(after).bind(limit).fetch_all(self.db()).await?
            }
            Some(p) => {
                let like =
                    format!("{}%", p.replace('!', "!!").replace('%', "!%").replace('_', "!_"));
                const SQL: &str = concat!(
                    "SELECT ",
                    user_columns!(),
                    " FROM users WHERE id > $1 \
                     AND (email_key LIKE $2 ESCAPE '!' OR username_key LIKE $3 ESCAPE '!') \
                     ORDER BY id LIMIT $4"
                );
                self.q_as(SQL)
                    .bind(after)
                    .bind(like.clone())
                    .bind(like)
                    .bind(limit)
                    .fetch_all(self.db())
                    .await?
            }
        };
        Ok(rows.into_iter().map(User::from).collect())
    }

    /// Sets an account's address and/or username (administration: no re-verification; the
    /// address counts as unverified unless the caller says otherwise). When the address does
    /// change, in the same transaction: every session of the account ends, its outstanding
    /// one-time tokens (reset links, verification links, pending email changes, all mailed
    /// to or for the old address) are spent, and `notice` is queued (to the former address).
    /// `Ok(Ok(true))`: the address changed. `Ok(Err(_))`: taken.
    pub async fn admin_set_identity(
        &self,
        user_id: &str,
        email: Option<&crate::domain::Email>,
        username: Option<&crate::domain::Username>,
        notice: Option<&super::OutboxMail>,
        now: i64,
        audit: &mut Audit,
    ) -> Result<std::result::Result<bool, super::Taken>> {
        let mut tx = self.begin().await?;
        let mut moved = false;
        if let Some(e) = email {
            let done = self
                .q("UPDATE users SET email = $1, email_key = $2, email_verified = 0, updated_at = $3 \
                    WHERE id = $4 AND email_key <> $5")
                .bind(e.as_str().to_owned())
                .bind(e.key())
                .bind(now)
                .bind(user_id.to_owned())
                .bind(e.key())
                .execute(self.on(&mut *tx))
                .await;
            match done {
                Ok(r) => moved = r.rows_affected() == 1,
                Err(err) if super::is_unique_violation(&err) => {
                    return Ok(Err(super::Taken::Email))
                }
                Err(err) => return Err(err.into()),
            }
        }
        if moved {
            // Whoever held the account through the old address (a session, a link in that
            // mailbox) holds nothing now: an admin key cannot quietly move an account.
            self.revoke_sessions_in(&mut tx, user_id, None, now).await?;
            self.q(
                "UPDATE one_time_tokens SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL",
            )
            .bind(now)
            .bind(user_id.to_owned())
            .execute(self.on(&mut *tx))
            .await?;
            if let Some(mail) = notice {
                self.enqueue(&mut tx, mail, now).await?;
            }
        }
        if let Some(u) = username {
            let done = self
                .q("UPDATE users SET username = $1, username_key = $2, username_skeleton = $3, \
                    updated_at = $4 WHERE id = $5")
                .bind(u.as_str().to_owned())
                .bind(u.key())
                .bind(u.skeleton())
                .bind(now)
                .bind(user_id.to_owned())
                .execute(self.on(&mut *tx))
                .await;
            match done {
                Ok(_) => {}
                Err(err) if super::is_unique_violation(&err) => {
                    return Ok(Err(super::Taken::Username))
                }
                Err(err) => return Err(err.into()),
            }
        }
        self.commit_change(tx, Some(user_id), audit).await?;
        Ok(Ok(moved))
    }

    /// Sets whether the address is verified (administration). Marking an unproven address
    /// verified is a first proof like any other: what was added to the account before it
    /// goes ([`Store::clear_unproven_in`]); the password and sessions stay, as with the link.
    pub async fn set_email_verified(
        &self,
        user_id: &str,
        verified: bool,
        now: i64,
        audit: &mut Audit,
    ) -> Result<bool> {
        let mut tx = self.begin().await?;
        // The write first (SQLite takes its lock with it), then what it means.
        let first_proof = verified
            && self
                .q("UPDATE users SET email_verified = 1, proven_at = $1, updated_at = $2 \
                    WHERE id = $3 AND email_verified = 0 AND proven_at IS NULL")
                .bind(now)
                .bind(now)
                .bind(user_id.to_owned())
                .execute(self.on(&mut *tx))
                .await?
                .rows_affected()
                == 1;
        if first_proof {
            self.clear_unproven_in(&mut tx, user_id, now).await?;
        }
        let n = self
            .q("UPDATE users SET email_verified = $1, updated_at = $2, \
                proven_at = CASE WHEN $3 = 1 THEN COALESCE(proven_at, $4) ELSE proven_at END \
                WHERE id = $5")
            .bind(i64::from(verified))
            .bind(now)
            .bind(i64::from(verified))
            .bind(now)
            .bind(user_id.to_owned())
            .execute(self.on(&mut *tx))
            .await?
            .rows_affected();
        if n != 1 {
            return Ok(false);
        }
        self.commit_change(tx, Some(user_id), audit).await?;
        Ok(true)
    }

    /// A page of the audit log, oldest first, after the cursor `after`.
    pub async fn audit_page(&self, f: &AuditFilter) -> Result<Vec<AuditRow>> {
        Ok(self
            .q_as(
                "SELECT id, at, event, outcome, user_id, identifier_hash, ip, user_agent, detail \
                 FROM audit_log WHERE id > $1 AND at >= $2 \
                 AND ($3 = '' OR user_id = $4) AND ($5 = '' OR event = $6) \
                 ORDER BY id LIMIT $7",
            )
            .bind(f.after.clone().unwrap_or_default())
            .bind(f.since.unwrap_or(0))
            .bind(f.user_id.clone().unwrap_or_default())
            .bind(f.user_id.clone().unwrap_or_default())
            .bind(f.event.clone().unwrap_or_default())
            .bind(f.event.clone().unwrap_or_default())
            .bind(f.limit)
            .fetch_all(self.db())
            .await?)
    }

    /// Queues the delivery of `entry` to `endpoint` as a `kind` event, in `tx`. What a receiver
    /// gets: what happened, to whom, from where. Never a secret (the audit entry holds none;
    /// the login identifier is not sent even hashed).
    pub(super) async fn enqueue_webhook(
        &self,
        conn: &mut sqlx::AnyConnection,
        endpoint: &str,
        kind: &str,
        entry: &AuditEntry,
    ) -> Result<(), sqlx::Error> {
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
        self.q("INSERT INTO webhook_outbox (id, endpoint, event_type, payload, created_at, \
                status, next_attempt_at) VALUES ($1, $2, $3, $4, $5, 'pending', $6)")
            .bind(uuid::Uuid::now_v7().to_string())
            .bind(endpoint.to_owned())
            .bind(kind.to_owned())
            .bind(payload)
            .bind(entry.at)
            .bind(entry.at)
            .execute(self.on(&mut *conn))
            .await?;
        Ok(())
    }

    /// The delivery `claim` leased (see `store::lease`), for sending.
    pub async fn claimed_webhook(&self, claim: &Claim) -> Result<WebhookDelivery> {
        let row: WebhookRow = self
            .q_as("SELECT endpoint, event_type, payload FROM webhook_outbox WHERE id = $1")
            .bind(claim.id.clone())
            .fetch_one(self.db())
            .await?;
        Ok(WebhookDelivery {
            id: claim.id.clone(),
            endpoint: row.endpoint,
            event_type: row.event_type,
            payload: row.payload,
            attempt: claim.attempt,
        })
    }
}

impl Store {
    /// A page of the audit log, newest first, before the cursor `before` (and after
    /// `f.after`, when set), as `f` filters it.
    pub async fn audit_page_newest(
        &self,
        f: &AuditFilter,
        before: Option<&str>,
    ) -> Result<Vec<AuditRow>> {
        let before = before.unwrap_or_default().to_owned();
        Ok(self
            .q_as(
                "SELECT id, at, event, outcome, user_id, identifier_hash, ip, user_agent, detail \
                 FROM audit_log WHERE ($1 = '' OR id < $2) AND id > $3 AND at >= $4 \
                 AND ($5 = '' OR user_id = $6) AND ($7 = '' OR event = $8) \
                 ORDER BY id DESC LIMIT $9",
            )
            .bind(before.clone())
            .bind(before)
            .bind(f.after.clone().unwrap_or_default())
            .bind(f.since.unwrap_or(0))
            .bind(f.user_id.clone().unwrap_or_default())
            .bind(f.user_id.clone().unwrap_or_default())
            .bind(f.event.clone().unwrap_or_default())
            .bind(f.event.clone().unwrap_or_default())
            .bind(f.limit)
            .fetch_all(self.db())
            .await?)
    }

    /// A page of webhook deliveries, newest first (ids are time-ordered).
    pub async fn webhook_deliveries(&self, f: &DeliveryFilter) -> Result<Vec<DeliveryRow>> {
        let before = f.before.clone().unwrap_or_default();
        let status = f.status.clone().unwrap_or_default();
        let endpoint = f.endpoint.clone().unwrap_or_default();
        Ok(self
            .q_as(
                "SELECT id, endpoint, event_type, created_at, status, attempts, next_attempt_at, \
                 delivered_at, last_error FROM webhook_outbox \
                 WHERE ($1 = '' OR id < $2) AND ($3 = '' OR status = $4) \
                 AND ($5 = '' OR endpoint = $6) ORDER BY id DESC LIMIT $7",
            )
            .bind(before.clone())
            .bind(before)
            .bind(status.clone())
            .bind(status)
            .bind(endpoint.clone())
            .bind(endpoint)
            .bind(f.limit)
            .fetch_all(self.db())
            .await?)
    }

    /// One delivery, with its payload.
    pub async fn webhook_delivery(&self, id: &str) -> Result<Option<DeliveryDetail>> {
        Ok(self
            .q_as(
                "SELECT id, endpoint, event_type, created_at, status, attempts, next_attempt_at, \
                 delivered_at, last_error, payload FROM webhook_outbox WHERE id = $1",
            )
            .bind(id.to_owned())
            .fetch_optional(self.db())
            .await?)
    }

    /// Sends a `failed` delivery back to the queue: pending, no attempts yet, due `now`
    /// (its last error stays, for the record, until the next attempt replaces it).
    pub async fn requeue_webhook(&self, id: &str, now: i64, audit: &mut Audit) -> Result<Requeued> {
        let mut tx = self.begin().await?;
        let n = self
            .q("UPDATE webhook_outbox SET status = 'pending', attempts = 0, next_attempt_at = $1, \
                claimed_until = 0, delivered_at = NULL WHERE id = $2 AND status = 'failed'")
            .bind(now)
            .bind(id.to_owned())
            .execute(self.on(&mut *tx))
            .await?
            .rows_affected();
        if n != 1 {
            drop(tx);
            return Ok(match self.webhook_delivery(id).await? {
                None => Requeued::NotFound,
                Some(d) => Requeued::NotFailed(d.row.status),
            });
        }
        self.commit_change(tx, None, audit).await?;
        Ok(Requeued::Done)
    }
}
