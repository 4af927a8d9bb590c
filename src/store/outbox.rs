//! The mail outbox: written in the same transaction as the change that causes a message,
//! delivered later by a worker (so an SMTP outage never fails a request and loses nothing).
//!
//! Delivery leases a row (`store::lease`, shared with the webhook outbox), so two workers never
//! send one row at once and a crashed worker's row is retried once its lease has run out. The
//! per-address throttle counts recent rows here too, so it holds across nodes.

use sqlx::{Any, Transaction};

use super::row::{NullableText, Text};
use super::Audit;
use super::Result;
use super::{Claim, Store};

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

/// `Recent`'s statement: `$1` the address's key, `$2` the kind, `$3` the start of the hour.
const RECENT_MAIL: &str = "SELECT COUNT(*) AS n, MIN(created_at) AS oldest, \
    MAX(created_at) AS latest FROM outbox WHERE to_key = $1 AND kind = $2 AND created_at > $3";

/// The recent messages of one kind to one address, as the throttle counts them.
#[derive(sqlx::FromRow)]
struct Recent {
    n: i64,
    oldest: Option<i64>,
    latest: Option<i64>,
}

/// The columns of a claimed message that the claim does not hold.
#[derive(sqlx::FromRow)]
struct MailRow {
    #[sqlx(try_from = "Text")]
    kind: String,
    #[sqlx(try_from = "Text")]
    to_addr: String,
    #[sqlx(try_from = "Text")]
    subject: String,
    #[sqlx(try_from = "Text")]
    text_body: String,
    #[sqlx(try_from = "Text")]
    html_body: String,
}

/// A message as the dev mailbox reads it.
#[derive(sqlx::FromRow)]
struct DevMailRow {
    #[sqlx(try_from = "Text")]
    to_addr: String,
    #[sqlx(try_from = "Text")]
    subject: String,
    #[sqlx(try_from = "Text")]
    text_body: String,
    #[sqlx(try_from = "Text")]
    html_body: String,
    created_at: i64,
    sent_at: Option<i64>,
    #[sqlx(try_from = "NullableText")]
    status: Option<String>,
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
        let recent: Recent = self
            .q_as(RECENT_MAIL)
            .bind(to_key.to_owned())
            .bind(kind.as_str())
            .bind(now - 3_600_000)
            .fetch_one(self.on(&mut **tx))
            .await?;
        Ok(recent.n < throttle.per_hour
            && recent.latest.is_none_or(|t| t <= now - throttle.min_interval_ms))
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
        let recent: Recent = self
            .q_as(RECENT_MAIL)
            .bind(to_key.to_owned())
            .bind(kind.as_str())
            .bind(now - 3_600_000)
            .fetch_one(self.db())
            .await?;
        let interval = recent.latest.map_or(0, |t| t + throttle.min_interval_ms - now);
        let hourly = match recent.oldest {
            Some(t) if recent.n >= throttle.per_hour => t + 3_600_000 - now,
            _ => 0,
        };
        Ok(interval.max(hourly).max(0))
    }

    /// The message `claim` leased (see `store::lease`), for its delivery.
    pub async fn claimed_mail(&self, claim: &Claim) -> Result<QueuedMail> {
        let row: MailRow = self
            .q_as("SELECT kind, to_addr, subject, text_body, html_body FROM outbox WHERE id = $1")
            .bind(claim.id.clone())
            .fetch_one(self.db())
            .await?;
        Ok(QueuedMail {
            id: claim.id.clone(),
            kind: row.kind,
            to: row.to_addr,
            subject: row.subject,
            text: row.text_body,
            html: row.html_body,
            attempt: claim.attempt,
        })
    }

    /// Every message, oldest first; `to` filters by address, case-insensitively.
    pub async fn dev_mail(&self, to: Option<&str>) -> Result<Vec<StoredMail>> {
        let rows: Vec<DevMailRow> = self
            .q_as(
                "SELECT to_addr, subject, text_body, html_body, created_at, sent_at, status \
                 FROM outbox ORDER BY created_at, id",
            )
            .fetch_all(self.db())
            .await?;
        let want = to.map(crate::domain::email_key);
        Ok(rows
            .into_iter()
            .filter(|row| {
                want.as_ref().is_none_or(|w| *w == crate::domain::email_key(&row.to_addr))
            })
            .map(|row| StoredMail {
                to: row.to_addr,
                subject: row.subject,
                text: row.text_body,
                html: row.html_body,
                sent_at: crate::clock::rfc3339(row.sent_at.unwrap_or(row.created_at)),
                status: row.status.unwrap_or_default(),
            })
            .collect())
    }
}
