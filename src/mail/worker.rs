//! The delivery worker: sends due outbox rows over SMTP, one claimed row at a time.
//!
//! A row is claimed with a lease (see `store::outbox`), so any number of nodes can run a worker
//! on one database and no row is sent by two of them at once; a row whose worker died is taken
//! up again when its lease runs out, so delivery is at-least-once. A failed attempt is retried
//! after an exponential backoff with jitter; after `PORTCULLIS_MAIL_MAX_ATTEMPTS` attempts, or
//! at once when the server refuses for good, the row is marked `failed` and kept. Logs name the
//! row, its kind and the error, never a body (bodies hold tokens); addresses only at debug.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::smtp::Smtp;
use crate::clock::now_ms;
use crate::config::Settings;
use crate::domain::MailKind;
use crate::metrics::MailMetrics;
use crate::store::Result;
use crate::store::{QueuedMail, Store};

/// What a delivered (or given-up) token mail keeps in the outbox instead of its bodies.
const SCRUBBED: &str = "[Delivered. This message held a one-time link, which is not kept.]";

/// Backoff never waits longer than this between two attempts.
const MAX_BACKOFF: Duration = Duration::from_secs(3600);

/// `last_error` is at most this long (MariaDB's column is VARCHAR(1000)).
const MAX_ERROR_CHARS: usize = 1000;

pub struct Worker {
    store: Arc<Store>,
    smtp: Smtp,
    poll: Duration,
    retry_base: Duration,
    max_attempts: i64,
    lease: Duration,
    metrics: MailMetrics,
}

impl std::fmt::Debug for Worker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Worker").field("smtp", &self.smtp).finish_non_exhaustive()
    }
}

/// A running worker; [`WorkerHandle::stop`] ends it.
#[derive(Debug)]
pub struct WorkerHandle {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl WorkerHandle {
    /// Asks the worker to stop and waits for it: a message being sent is finished (within
    /// `PORTCULLIS_SMTP_TIMEOUT`) and recorded, so no lease is left behind.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        if let Err(e) = self.task.await {
            tracing::error!(error = %e, "the mail delivery worker ended abnormally");
        }
    }
}

impl Worker {
    pub fn new(store: Arc<Store>, smtp: Smtp, settings: &Settings) -> Self {
        Self {
            store,
            smtp,
            poll: settings.mail_poll_interval,
            retry_base: settings.mail_retry_base,
            max_attempts: settings.mail_max_attempts.into(),
            // A delivery is bounded by the SMTP timeout; the lease outlives it with room to
            // spare, so a slow but live worker never has its row taken from under it.
            lease: settings.smtp_timeout.saturating_mul(4),
            metrics: MailMetrics::default(),
        }
    }

    /// Counts delivery outcomes in `metrics`.
    pub fn with_metrics(mut self, metrics: MailMetrics) -> Self {
        self.metrics = metrics;
        self
    }

    pub fn spawn(self) -> WorkerHandle {
        tracing::info!(smtp = %self.smtp.endpoint(), "delivering mail from the outbox over SMTP");
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(self.run(stopped));
        WorkerHandle { stop, task }
    }

    async fn run(self, mut stop: watch::Receiver<bool>) {
        loop {
            let claimed = match self.deliver_due(&stop).await {
                Ok(n) => n,
                Err(e) => {
                    tracing::warn!(error = %e, "mail delivery: the outbox could not be read or updated");
                    0
                }
            };
            if *stop.borrow() {
                break;
            }
            // After a round that sent something more may be due at once; otherwise wait.
            if claimed == 0 {
                tokio::select! {
                    _ = tokio::time::sleep(self.poll) => {}
                    _ = stop.changed() => break,
                }
            }
        }
    }

    /// One round: claims and delivers the due messages one by one. Returns how many this
    /// worker claimed (others may have been taken by another node).
    async fn deliver_due(&self, stop: &watch::Receiver<bool>) -> Result<usize> {
        let mut claimed = 0;
        for (id, attempts) in self.store.due_mail(now_ms()).await? {
            if *stop.borrow() {
                break;
            }
            let now = now_ms();
            let lease_until = now.saturating_add(self.lease.as_millis() as i64);
            let Some(mail) = self.store.claim_mail(&id, attempts, now, lease_until).await? else {
                continue;
            };
            claimed += 1;
            self.deliver(mail).await?;
        }
        Ok(claimed)
    }

    async fn deliver(&self, mail: QueuedMail) -> Result<()> {
        // A delivered (or given-up) token mail keeps no live link at rest, dev mode or not:
        // once SMTP is configured the mailbox is the place to read it.
        let carries_token = MailKind::parse(&mail.kind).is_none_or(MailKind::carries_token);
        let scrub = carries_token.then_some(SCRUBBED);
        let sent = self
            .smtp
            .send(&mail.id, &mail.to, &mail.subject, mail.text.clone(), mail.html.clone())
            .await;
        let (id, kind, attempt) = (&mail.id, &mail.kind, mail.attempt);
        match sent {
            Ok(answer) => {
                self.metrics.delivery("sent");
                self.store.mail_sent(id, now_ms(), scrub).await?;
                tracing::debug!(%id, %kind, attempt, to = %mail.to, %answer, "mail delivered");
            }
            Err(e) => {
                let error: String = e.message.chars().take(MAX_ERROR_CHARS).collect();
                let shown = without_addresses(&error);
                if e.permanent || attempt >= self.max_attempts {
                    self.metrics.delivery("failed");
                    self.store.mail_failed(&mail, None, &error, scrub).await?;
                    tracing::error!(
                        %id, %kind, attempt, error = %shown,
                        "mail delivery failed for good; the message stays in the outbox as failed"
                    );
                } else {
                    let wait = backoff(self.retry_base, attempt);
                    let at = now_ms().saturating_add(wait.as_millis() as i64);
                    self.metrics.delivery("retry");
                    self.store.mail_failed(&mail, Some(at), &error, None).await?;
                    tracing::warn!(
                        %id, %kind, attempt, error = %shown, retry_in = ?wait,
                        "mail delivery failed; will retry"
                    );
                }
                tracing::debug!(%id, to = %mail.to, "the failed mail's recipient");
            }
        }
        Ok(())
    }
}

/// The wait after failed attempt number `attempt`: `base`, doubled for each earlier failure,
/// at most an hour; then between half and all of that, at random, so that the retries of many
/// messages that failed together (an SMTP outage) do not all come back at once.
fn backoff(base: Duration, attempt: i64) -> Duration {
    let doublings = attempt.saturating_sub(1).clamp(0, 30) as u32;
    let full = base.saturating_mul(1u32 << doublings).min(MAX_BACKOFF.max(base));
    let half = full / 2;
    half + half.mul_f64(fastrand::f64())
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
    fn backoff_doubles_with_jitter_and_is_capped() {
        let base = Duration::from_secs(30);
        for _ in 0..100 {
            let first = backoff(base, 1);
            assert!(first >= base / 2 && first <= base, "{first:?}");
            let fourth = backoff(base, 4);
            assert!(fourth >= base * 4 && fourth <= base * 8, "{fourth:?}");
            let late = backoff(base, 40);
            assert!(late >= MAX_BACKOFF / 2 && late <= MAX_BACKOFF, "{late:?}");
        }
    }

    #[test]
    fn addresses_are_taken_out_of_errors() {
        assert_eq!(
            without_addresses("permanent error (550): <bob@example.com>: no such user"),
            "permanent error (550): <address> no such user"
        );
    }
}
