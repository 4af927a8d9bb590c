//! The mail outbox: written in the same transaction as the change that causes a message,
//! delivered later by a worker (so an SMTP outage never fails a request and loses nothing).
//!
//! Delivery leases a row (`store::lease`, shared with the webhook outbox), so two workers never
//! send one row at once and a crashed worker's row is retried once its lease has run out. The
//! per-address throttle counts recent rows here too, so it holds across nodes.

use sqlx::{Any, Row, Transaction};

use super::Audit;
use super::Result;
use super::{opt_text, text, Claim, Store};

/// A message to queue. Verification and reset mails carry their token only inside the link.
#[derive(Clone)]
pub struct OutboxMail {
    pub kind: crate::domain::MailKind,
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

impl std::fmt::Debug for OutboxMail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Bodies may hold a token: never printed.
        f.debug_struct("OutboxMail").field("kind", &self.kind).finish_non_exhaustive()
    }
}

/// Per-address limits on mail that anyone can trigger by naming an address (resend
/// verification, forgot password), counted over the outbox rows of one kind to one address.
#[derive(Clone, Copy, Debug)]
pub struct MailThrottle {
    /// No second message of a kind to an address within this many milliseconds.
    pub min_interval_ms: i64,
    /// At most this many messages of a kind to an address within an hour.
    pub per_hour: i64,
}

/// A message claimed for delivery ([`Store::claimed_mail`]).
pub struct QueuedMail {
    pub id: String,
    pub kind: String,
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// Which attempt this claim is (1 for the first); it fences the claim's later updates.
    pub attempt: i64,
}

impl std::fmt::Debug for QueuedMail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Bodies may hold a token, and the address is personal data: neither is printed.
        f.debug_struct("QueuedMail")
            .field("id", &self.id)
            .field("kind", &self.kind)
            .field("attempt", &self.attempt)
            .finish_non_exhaustive()
    }
}

/// A queued or delivered message as the dev mailbox shows it.
#[derive(Debug, serde::Serialize)]
pub struct StoredMail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// RFC 3339: when it was queued (or delivered, once it has been).
    pub sent_at: String,
    pub status: String,
}

impl Store {
    /// Deletes one row of `user_id`'s by `sql` (`DELETE … WHERE id = $1 AND user_id = $2`) and
    /// queues `mail` (the owner's notice) in the same transaction. `false`: no such row of
    /// theirs; nothing changed and nothing queued.
    pub(super) async fn delete_noticed(
        &self,
        sql: &'static str,
        user_id: &str,
        id: &str,
        mail: &OutboxMail,
        now: i64,
        audit: &mut Audit,
    ) -> Result<bool> {
        let mut tx = self.begin().await?;
        let n = self
            .q(sql)
            .bind(id.to_owned())
            .bind(user_id.to_owned())
            .execute(self.on(&mut *tx))
            .await?
            .rows_affected();
        if n != 1 {
            return Ok(false);
        }
        self.enqueue(&mut tx, mail, now).await?;
        self.commit_change(tx, Some(user_id), audit).await?;
        Ok(true)
    }

    pub(super) async fn enqueue(
        &self,
        tx: &mut Transaction<'static, Any>,
        mail: &OutboxMail,
        now: i64,
    ) -> Result<()> {
        // A message with a one-time link expires with it (the token is made at `now` too).
        let expires_at = mail.kind.link_lifetime_ms().map(|ttl| now + ttl);
        self.q("INSERT INTO outbox (id, kind, to_addr, to_key, subject, text_body, html_body, \
                created_at, status, attempts, next_attempt_at, expires_at) \
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', 0, $9, $10)")
            .bind(uuid::Uuid::now_v7().to_string())
            .bind(mail.kind.as_str())
            .bind(mail.to.clone())
            .bind(crate::domain::email_key(&mail.to))
            .bind(mail.subject.clone())
            .bind(mail.text.clone())
            .bind(mail.html.clone())
            .bind(now)
            .bind(now)
            .bind(expires_at)
            .execute(self.on(&mut **tx))
            .await?;
        Ok(())
    }

    /// Queues one message on its own (no other change goes with it).
    pub async fn enqueue_mail(&self, mail: &OutboxMail, now: i64) -> Result<()> {
        let mut tx = self.begin().await?;
        self.enqueue(&mut tx, mail, now).await?;
        self.commit(tx).await?;
        Ok(())
    }

    /// Whether `throttle` allows another message of `kind` to `to_key` at `now`, counted inside
    /// `tx`. The caller holds a lock that serialises writers for this address, so two requests
    /// cannot both see the throttle open.
    pub(super) async fn mail_allowed(
        &self,
        tx: &mut Transaction<'static, Any>,
        to_key: &str,
        kind: crate::domain::MailKind,
        throttle: MailThrottle,
        now: i64,
    ) -> Result<bool> {
        let row = self
            .q("SELECT COUNT(*) AS n, MAX(created_at) AS latest FROM outbox \
                WHERE to_key = $1 AND kind = $2 AND created_at > $3")
            .bind(to_key.to_owned())
            .bind(kind.as_str())
            .bind(now - 3_600_000)
            .fetch_one(self.on(&mut **tx))
            .await?;
        let count: i64 = row.try_get("n")?;
        let latest: Option<i64> = row.try_get("latest")?;
        Ok(count < throttle.per_hour && latest.is_none_or(|t| t <= now - throttle.min_interval_ms))
    }

    /// How long (ms, at least 1) until `throttle` lets another message of `kind` go to
    /// `to_key`, counted from the outbox at `now`; 0 when it would now. For answers that say
    /// when to try again: taken outside any lock, so a moment's race may make it a little off.
    pub async fn mail_wait(
        &self,
        to_key: &str,
        kind: crate::domain::MailKind,
        throttle: MailThrottle,
        now: i64,
    ) -> Result<i64> {
        let row = self
            .q("SELECT COUNT(*) AS n, MIN(created_at) AS oldest, MAX(created_at) AS latest \
                FROM outbox WHERE to_key = $1 AND kind = $2 AND created_at > $3")
            .bind(to_key.to_owned())
            .bind(kind.as_str())
            .bind(now - 3_600_000)
            .fetch_one(self.db())
            .await?;
        let count: i64 = row.try_get("n")?;
        let oldest: Option<i64> = row.try_get("oldest")?;
        let latest: Option<i64> = row.try_get("latest")?;
        let interval = latest.map_or(0, |t| t + throttle.min_interval_ms - now);
        let hourly = match oldest {
            Some(t) if count >= throttle.per_hour => t + 3_600_000 - now,
            _ => 0,
        };
        Ok(interval.max(hourly).max(0))
    }

    /// The message `claim` leased (see `store::lease`), for its delivery.
    pub async fn claimed_mail(&self, claim: &Claim) -> Result<QueuedMail> {
        let row = self
            .q("SELECT kind, to_addr, subject, text_body, html_body FROM outbox WHERE id = $1")
            .bind(claim.id.clone())
            .fetch_one(self.db())
            .await?;
        Ok(QueuedMail {
            id: claim.id.clone(),
            kind: text(&row, "kind")?,
            to: text(&row, "to_addr")?,
            subject: text(&row, "subject")?,
            text: text(&row, "text_body")?,
            html: text(&row, "html_body")?,
            attempt: claim.attempt,
        })
    }

    /// Every message, oldest first; `to` filters by address, case-insensitively.
    pub async fn dev_mail(&self, to: Option<&str>) -> Result<Vec<StoredMail>> {
        let rows = self
            .q("SELECT to_addr, subject, text_body, html_body, created_at, sent_at, status \
                FROM outbox ORDER BY created_at, id")
            .fetch_all(self.db())
            .await?;
        let want = to.map(crate::domain::email_key);
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let addr = text(&row, "to_addr")?;
            if want.as_ref().is_some_and(|w| *w != crate::domain::email_key(&addr)) {
                continue;
            }
            let created: i64 = row.try_get("created_at")?;
            let sent: Option<i64> = row.try_get("sent_at")?;
            out.push(StoredMail {
                to: addr,
                subject: text(&row, "subject")?,
                text: text(&row, "text_body")?,
                html: text(&row, "html_body")?,
                sent_at: crate::clock::rfc3339(sent.unwrap_or(created)),
                status: opt_text(&row, "status")?.unwrap_or_default(),
            });
        }
        Ok(out)
    }
}
