//! The mail outbox: written in the same transaction as the change that causes a message,
//! delivered later by a worker (so an SMTP outage never fails a request and loses nothing).

use sqlx::{Any, Row, Transaction};

use super::{opt_text, text, Store};
use crate::error::Result;

/// A message to queue. Verification and reset mails carry their token only inside the link.
#[derive(Clone)]
pub struct OutboxMail {
    pub kind: &'static str,
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
    pub(super) async fn enqueue(
        &self,
        tx: &mut Transaction<'static, Any>,
        mail: &OutboxMail,
        now: i64,
    ) -> Result<()> {
        self.q("INSERT INTO outbox (id, kind, to_addr, subject, text_body, html_body, created_at, \
                status, attempts, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', 0, $8)")
            .bind(uuid::Uuid::now_v7().to_string())
            .bind(mail.kind)
            .bind(mail.to.clone())
            .bind(mail.subject.clone())
            .bind(mail.text.clone())
            .bind(mail.html.clone())
            .bind(now)
            .bind(now)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// Queues one message on its own (no other change goes with it).
    pub async fn enqueue_mail(&self, mail: &OutboxMail, now: i64) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        self.enqueue(&mut tx, mail, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Every message, oldest first; `to` filters by address, case-insensitively.
    pub async fn dev_mail(&self, to: Option<&str>) -> Result<Vec<StoredMail>> {
        let rows = self
            .q("SELECT to_addr, subject, text_body, html_body, created_at, sent_at, status \
                FROM outbox ORDER BY created_at, id")
            .fetch_all(&self.pool)
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
                sent_at: crate::domain::rfc3339(sent.unwrap_or(created)),
                status: opt_text(&row, "status")?.unwrap_or_default(),
            });
        }
        Ok(out)
    }
}
