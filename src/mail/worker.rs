//! Mail's kind of delivery: sends claimed outbox rows over SMTP, one at a time, in its own
//! lane of the delivery worker (`crate::delivery`, which leases, retries and stops it).
//!
//! After `PORTCULLIS_MAIL_MAX_ATTEMPTS` attempts, or at once when the server refuses for good,
//! a row is marked `failed` and kept. Logs name the row, its kind and the error, never a body
//! (bodies hold tokens); addresses only at debug.

use std::sync::Arc;

use super::smtp::Smtp;
use crate::config::Settings;
use crate::delivery::{Backoff, Jitter, Lane, LaneSettings, Outcome, Sender, Sent};
use crate::domain::MailKind;
use crate::metrics::MailMetrics;
use crate::store::{Claim, Queue, QueuedMail, Result, Store};

/// What a delivered (or given-up) token mail keeps in the outbox instead of its bodies.
const SCRUBBED: &str = "[Delivered. This message held a one-time link, which is not kept.]";

/// Rows read per round.
const BATCH: i64 = 16;

/// Sends mail over SMTP.
pub struct MailSender {
    smtp: Smtp,
    metrics: MailMetrics,
}

impl std::fmt::Debug for MailSender {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailSender").field("smtp", &self.smtp).finish_non_exhaustive()
    }
}

impl MailSender {
    /// Mail's lane of the delivery worker, counting outcomes in `metrics`.
    pub fn lane(
        store: Arc<Store>,
        smtp: Smtp,
        settings: &Settings,
        metrics: MailMetrics,
    ) -> Lane<Self> {
        tracing::info!(smtp = %smtp.endpoint(), "delivering mail from the outbox over SMTP");
        let lane = LaneSettings {
            poll: settings.mail_poll_interval,
            backoff: Backoff { base: settings.mail_retry_base, jitter: Jitter::DownToHalf },
            max_attempts: settings.mail_max_attempts.into(),
            // A delivery is bounded by the SMTP timeout; the lease outlives it with room to
            // spare, so a slow but live worker never has its row taken from under it.
            lease: settings.smtp_timeout.saturating_mul(4),
            batch: BATCH,
        };
        Lane::new(store, Self { smtp, metrics }, lane)
    }
}

impl Sender for MailSender {
    type Item = QueuedMail;
    const QUEUE: Queue = Queue::Mail;

    async fn load(&self, store: &Store, claim: &Claim) -> Result<QueuedMail> {
        store.claimed_mail(claim).await
    }

    async fn send(&self, mail: &QueuedMail) -> Sent {
        let sent = self
            .smtp
            .send(&mail.id, &mail.to, &mail.subject, mail.text.clone(), mail.html.clone())
            .await;
        match sent {
            Ok(answer) => Sent::Delivered(answer.to_string()),
            Err(e) => Sent::Failed { error: e.message, permanent: e.permanent },
        }
    }

    fn scrub(&self, mail: &QueuedMail) -> Option<&'static str> {
        // A delivered (or given-up) token mail keeps no live link at rest, dev mode or not:
        // once SMTP is configured the mailbox is the place to read it.
        MailKind::parse(&mail.kind).is_none_or(MailKind::carries_token).then_some(SCRUBBED)
    }

    fn outcome(&self, mail: &QueuedMail, claim: &Claim, outcome: &Outcome<'_>) {
        let (id, kind, attempt) = (&claim.id, &mail.kind, claim.attempt);
        match outcome {
            Outcome::Delivered { answer } => {
                self.metrics.delivery("sent");
                tracing::debug!(%id, %kind, attempt, to = %mail.to, %answer, "mail delivered");
                return;
            }
            Outcome::GaveUp { error } => {
                self.metrics.delivery("failed");
                tracing::error!(
                    %id, %kind, attempt, error = %without_addresses(error),
                    "mail delivery failed for good; the message stays in the outbox as failed"
                );
            }
            Outcome::Retry { error, wait: retry_in } => {
                self.metrics.delivery("retry");
                tracing::warn!(
                    %id, %kind, attempt, error = %without_addresses(error), ?retry_in,
                    "mail delivery failed; will retry"
                );
            }
        }
        tracing::debug!(%id, to = %mail.to, "the failed mail's recipient");
    }
}

/// An SMTP error with every word that looks like an address replaced: servers often quote the
/// recipient, and addresses stay out of logs above debug level.
fn without_addresses(error: &str) -> String {
    error
        .split(' ')
        .map(|word| if word.contains('@') { "<address>" } else { word })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_taken_out_of_errors() {
        assert_eq!(
            without_addresses("permanent error (550): <bob@example.com>: no such user"),
            "permanent error (550): <address> no such user"
        );
    }
}
