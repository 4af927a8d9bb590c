//! Delivery of what the store queues (mail, webhooks): one worker loop, run as one lane per
//! kind of delivery, so a slow webhook receiver never holds back mail and an SMTP outage never
//! holds back webhooks.
//!
//! A lane finds due rows of its queue, claims each with a lease (`store::lease`), hands it to
//! its [`Sender`] and records the outcome: delivered; failed and retried after a [`Backoff`];
//! or, after the lane's last attempt or a permanent refusal, failed for good (the row is kept).
//! Any number of nodes run the same lanes on one database: no row is sent by two of them at
//! once, and a row whose node died mid-delivery is taken up again when its lease runs out
//! (at-least-once).
//!
//! A lane stops when its [`CancellationToken`] is cancelled, after the delivery in hand: that
//! delivery is finished (within the sender's own timeout) and recorded, so a shutdown leaves
//! no lease behind. A new kind of delivery is a [`Queue`] variant (its table) and a
//! [`Sender`].

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use tokio_util::sync::CancellationToken;

use crate::clock::now_ms;
use crate::store::{Claim, Queue, Result, Store};

/// What one attempt came to, as the sender saw it.
#[derive(Debug)]
pub enum Sent {
    /// Accepted; the receiver's answer, for the debug log.
    Delivered(String),
    /// Not accepted. `permanent`: retrying cannot help (an SMTP 5xx, an endpoint no longer
    /// configured), so it is given up at once.
    Failed { error: String, permanent: bool },
}

/// What was recorded after an attempt, for the sender's logs and metrics.
#[derive(Debug)]
pub enum Outcome<'a> {
    Delivered {
        answer: &'a str,
    },
    /// Failed; tried again after `wait`.
    Retry {
        error: &'a str,
        wait: Duration,
    },
    /// Failed for good: the row is kept as `failed`.
    GaveUp {
        error: &'a str,
    },
}

/// One kind of delivery: how a claimed row is read and sent.
pub trait Sender: Send + Sync + 'static {
    /// A claimed row, as the sender needs it.
    type Item: Send + Sync;
    /// The table this kind is queued in.
    const QUEUE: Queue;

    /// Reads the claimed row.
    fn load(&self, store: &Store, claim: &Claim)
        -> impl Future<Output = Result<Self::Item>> + Send;

    /// One attempt. Bounded in time by the sender (the lane's lease outlives that bound).
    fn send(&self, item: &Self::Item) -> impl Future<Output = Sent> + Send;

    /// The text that replaces the row's bodies once it is delivered or given up, for a row
    /// that holds a secret (a mail's one-time link). `None`: kept as it is.
    fn scrub(&self, _item: &Self::Item) -> Option<&'static str> {
        None
    }

    /// Logs and counts `outcome` (recorded already).
    fn outcome(&self, item: &Self::Item, claim: &Claim, outcome: &Outcome<'_>);
}

/// How long to wait after a failed attempt: `base`, doubled for each earlier failure, at most
/// an hour (or `base`, if longer), jittered so the retries of many rows that failed together
/// (an outage) do not all come back at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Backoff {
    pub base: Duration,
    pub jitter: Jitter,
}

/// How a [`Backoff`] spreads its waits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Jitter {
    /// Between half and all of the wait (mail).
    DownToHalf,
    /// The wait and up to a fifth more (webhooks).
    UpToAFifth,
}

impl Backoff {
    /// The longest wait before jitter.
    pub const MAX: Duration = Duration::from_secs(3600);

    /// The wait after failed attempt number `attempt` (1 for the first).
    pub fn wait(&self, attempt: i64) -> Duration {
        let full = self.full(attempt);
        match self.jitter {
            Jitter::DownToHalf => {
                let half = full / 2;
                half + half.mul_f64(fastrand::f64())
            }
            Jitter::UpToAFifth => full + (full / 5).mul_f64(fastrand::f64()),
        }
    }

    /// The wait after failed attempt `attempt`, before jitter.
    pub fn full(&self, attempt: i64) -> Duration {
        let doublings = attempt.saturating_sub(1).clamp(0, 30) as u32;
        self.base.saturating_mul(1u32 << doublings).min(Self::MAX.max(self.base))
    }
}

/// How a lane runs: the kind's settings.
#[derive(Clone, Copy, Debug)]
pub struct LaneSettings {
    /// How often to look for due rows when the last round found none.
    pub poll: Duration,
    pub backoff: Backoff,
    /// Attempts before a row is given up.
    pub max_attempts: i64,
    /// How long a claim holds a row: longer than one attempt can take, so a slow but live
    /// worker never has its row taken from under it.
    pub lease: Duration,
    /// Rows read per round.
    pub batch: i64,
}

/// One kind's worker loop: see the module comment.
pub struct Lane<S> {
    store: Arc<Store>,
    sender: S,
    settings: LaneSettings,
}

impl<S> std::fmt::Debug for Lane<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lane").field("settings", &self.settings).finish_non_exhaustive()
    }
}

impl<S: Sender> Lane<S> {
    pub fn new(store: Arc<Store>, sender: S, settings: LaneSettings) -> Self {
        Self { store, sender, settings }
    }

    /// Delivers until `stop` is cancelled; then returns after the delivery in hand.
    pub async fn run(self, stop: CancellationToken) {
        loop {
            let claimed = match self.round(&stop).await {
                Ok(n) => n,
                Err(e) => {
                    tracing::warn!(queue = ?S::QUEUE, error = %e, "delivery: the queue could not be read or updated");
                    0
                }
            };
            if stop.is_cancelled() {
                break;
            }
            // After a round that sent something more may be due at once; otherwise wait.
            if claimed == 0 {
                tokio::select! {
                    _ = tokio::time::sleep(self.settings.poll) => {}
                    _ = stop.cancelled() => break,
                }
            }
        }
    }

    /// One round: claims and delivers the due rows one by one. Returns how many this lane
    /// claimed (others may have been taken by another node).
    async fn round(&self, stop: &CancellationToken) -> Result<usize> {
        let mut claimed = 0;
        for due in self.store.due(S::QUEUE, now_ms(), self.settings.batch).await? {
            if stop.is_cancelled() {
                break;
            }
            let now = now_ms();
            let lease_until = now.saturating_add(self.settings.lease.as_millis() as i64);
            let Some(claim) = self.store.claim(S::QUEUE, &due, now, lease_until).await? else {
                continue;
            };
            claimed += 1;
            self.deliver(claim).await?;
        }
        Ok(claimed)
    }

    async fn deliver(&self, claim: Claim) -> Result<()> {
        let item = self.sender.load(&self.store, &claim).await?;
        let (store, queue) = (&self.store, S::QUEUE);
        match self.sender.send(&item).await {
            Sent::Delivered(answer) => {
                store.delivered(queue, &claim, now_ms(), self.sender.scrub(&item)).await?;
                self.sender.outcome(&item, &claim, &Outcome::Delivered { answer: &answer });
            }
            Sent::Failed { error, permanent } => {
                let error: String = error.chars().take(queue.error_chars()).collect();
                if permanent || claim.attempt >= self.settings.max_attempts {
                    let scrub = self.sender.scrub(&item);
                    store.attempt_failed(queue, &claim, None, &error, scrub).await?;
                    self.sender.outcome(&item, &claim, &Outcome::GaveUp { error: &error });
                } else {
                    let wait = self.settings.backoff.wait(claim.attempt);
                    let at = now_ms().saturating_add(wait.as_millis() as i64);
                    store.attempt_failed(queue, &claim, Some(at), &error, None).await?;
                    self.sender.outcome(&item, &claim, &Outcome::Retry { error: &error, wait });
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_with_jitter_and_is_capped() {
        let base = Duration::from_secs(30);
        let mail = Backoff { base, jitter: Jitter::DownToHalf };
        let hooks = Backoff { base, jitter: Jitter::UpToAFifth };
        for _ in 0..100 {
            let first = mail.wait(1);
            assert!(first >= base / 2 && first <= base, "{first:?}");
            let fourth = mail.wait(4);
            assert!(fourth >= base * 4 && fourth <= base * 8, "{fourth:?}");
            let late = mail.wait(40);
            assert!(late >= Backoff::MAX / 2 && late <= Backoff::MAX, "{late:?}");
            let first = hooks.wait(1);
            assert!(first >= base && first <= base * 6 / 5, "{first:?}");
            let late = hooks.wait(40);
            assert!(late >= Backoff::MAX && late <= Backoff::MAX * 6 / 5, "{late:?}");
        }
    }

    /// The schedule the settings table and the guides state: mail's ten attempts at the 30 s
    /// default wait about 3 hours in all (1.5 to 3 with jitter), webhooks' fifteen at 10 s about
    /// 6.4 hours (up to 7.7 with jitter).
    #[test]
    fn the_default_schedules_take_what_the_docs_say() {
        let total = |base: u64, attempts: i64| -> u64 {
            let b = Backoff { base: Duration::from_secs(base), jitter: Jitter::DownToHalf };
            (1..attempts).map(|n| b.full(n).as_secs()).sum()
        };
        assert_eq!(total(30, 10), 11_010);
        assert_eq!(total(10, 15), 23_110);
    }
}
