//! Leasing of queued deliveries: how any node's worker finds due rows, claims one for one
//! attempt, and records what came of it. Written once for every kind of delivery, over the
//! kinds' tables ([`Queue`]).
//!
//! A claim is one conditional `UPDATE` that sets a lease and bumps the attempt count where the
//! row is still pending, unleased (or its lease has run out) and at the attempt count the
//! worker read: of several workers claiming at once exactly one changes the row, so no row is
//! sent by two workers at once, and a row whose worker died is taken up again once its lease
//! has run out (at-least-once). Every later update of a failed attempt is fenced by that
//! attempt count and by the row still being pending: a worker whose lease ran out, and whose
//! row was claimed again (and perhaps delivered) meanwhile, changes nothing.
//!
//! Why one module over two tables, not one table: the rows differ (a mail has an address, a
//! subject and two bodies that are scrubbed after delivery, read by the per-address throttle
//! and the dev mailbox; a webhook has an endpoint and a JSON payload), and one table would
//! mean moving live queues between tables in a migration on three databases. The lease is the
//! same on both, so it is written here once, as one set of statements per table. A new kind
//! of delivery is a table with the same lease columns and a variant here.

use super::row::Text;
use super::{Result, Store};

/// A table of deliveries that workers lease.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Queue {
    /// `outbox`: mail, sent over SMTP (`mail::worker`).
    Mail,
    /// `webhook_outbox`: signed event deliveries (`webhooks`).
    Webhook,
    /// `logout_outbox`: back-channel logout tokens for provider clients (`provider::logout`).
    Logout,
}

/// A row this worker has leased for one attempt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    pub id: String,
    /// Which attempt this claim is (1 for the first); it fences the claim's later updates.
    pub attempt: i64,
}

/// A row due for an attempt, as read before claiming it: a candidate only, since another
/// worker may claim it first.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Due {
    #[sqlx(try_from = "Text")]
    pub id: String,
    /// Attempts made so far.
    pub attempts: i64,
}

/// The statements of one queue. Every queue's statements take the same parameters in the same
/// order, but for `expires` (below).
struct Statements {
    /// `$1` now, `$2` now, (`$3` now when `expires`), then the limit.
    due: &'static str,
    /// `$1` lease until, `$2` id, `$3` attempts read, `$4` now, (`$5` now when `expires`).
    claim: &'static str,
    /// `$1` now, `$2` id.
    done: &'static str,
    /// `$1` now, `$2` and `$3` the scrub note, `$4` id.
    done_scrubbed: Option<&'static str>,
    /// `$1` retry at, `$2` error, `$3` id, `$4` attempt.
    retry: &'static str,
    /// `$1` error, `$2` id, `$3` attempt.
    give_up: &'static str,
    /// `$1` error, `$2` and `$3` the scrub note, `$4` id, `$5` attempt.
    give_up_scrubbed: Option<&'static str>,
    /// Rows carry an `expires_at` past which they are never sent.
    expires: bool,
    /// `last_error` holds at most this many characters.
    error_chars: usize,
}

const MAIL: Statements = Statements {
    due: "SELECT id, attempts FROM outbox WHERE status = 'pending' AND next_attempt_at <= $1 \
          AND (locked_until IS NULL OR locked_until < $2) \
          AND (expires_at IS NULL OR expires_at > $3) ORDER BY next_attempt_at, id LIMIT $4",
    claim: "UPDATE outbox SET locked_until = $1, attempts = attempts + 1 WHERE id = $2 \
            AND status = 'pending' AND attempts = $3 \
            AND (locked_until IS NULL OR locked_until < $4) \
            AND (expires_at IS NULL OR expires_at > $5)",
    // Recorded even if the lease ran out meanwhile: the message did go.
    done: "UPDATE outbox SET status = 'sent', sent_at = $1, locked_until = NULL, \
           last_error = NULL WHERE id = $2 AND status = 'pending'",
    done_scrubbed: Some(
        "UPDATE outbox SET status = 'sent', sent_at = $1, locked_until = NULL, \
         last_error = NULL, text_body = $2, html_body = $3 WHERE id = $4 AND status = 'pending'",
    ),
    retry: "UPDATE outbox SET locked_until = NULL, next_attempt_at = $1, last_error = $2 \
            WHERE id = $3 AND attempts = $4 AND status = 'pending'",
    give_up: "UPDATE outbox SET status = 'failed', locked_until = NULL, last_error = $1 \
              WHERE id = $2 AND attempts = $3 AND status = 'pending'",
    give_up_scrubbed: Some(
        "UPDATE outbox SET status = 'failed', locked_until = NULL, last_error = $1, \
         text_body = $2, html_body = $3 WHERE id = $4 AND attempts = $5 AND status = 'pending'",
    ),
    expires: true,
    // MariaDB's column is VARCHAR(1000).
    error_chars: 1000,
};

const WEBHOOK: Statements = Statements {
    due: "SELECT id, attempts FROM webhook_outbox WHERE status = 'pending' \
          AND next_attempt_at <= $1 AND claimed_until < $2 ORDER BY id LIMIT $3",
    claim: "UPDATE webhook_outbox SET claimed_until = $1, attempts = attempts + 1 \
            WHERE id = $2 AND status = 'pending' AND attempts = $3 AND claimed_until < $4",
    done: "UPDATE webhook_outbox SET status = 'delivered', delivered_at = $1, \
           claimed_until = 0, last_error = NULL WHERE id = $2",
    done_scrubbed: None,
    retry: "UPDATE webhook_outbox SET claimed_until = 0, next_attempt_at = $1, last_error = $2 \
            WHERE id = $3 AND attempts = $4 AND status = 'pending'",
    give_up: "UPDATE webhook_outbox SET status = 'failed', claimed_until = 0, last_error = $1 \
              WHERE id = $2 AND attempts = $3 AND status = 'pending'",
    give_up_scrubbed: None,
    expires: false,
    error_chars: 500,
};

const LOGOUT: Statements = Statements {
    due: "SELECT id, attempts FROM logout_outbox WHERE status = 'pending' \
          AND next_attempt_at <= $1 AND claimed_until < $2 ORDER BY next_attempt_at, id LIMIT $3",
    claim: "UPDATE logout_outbox SET claimed_until = $1, attempts = attempts + 1 \
            WHERE id = $2 AND status = 'pending' AND attempts = $3 AND claimed_until < $4",
    done: "UPDATE logout_outbox SET status = 'delivered', delivered_at = $1, \
           claimed_until = 0, last_error = NULL WHERE id = $2",
    done_scrubbed: None,
    retry: "UPDATE logout_outbox SET claimed_until = 0, next_attempt_at = $1, last_error = $2 \
            WHERE id = $3 AND attempts = $4 AND status = 'pending'",
    give_up: "UPDATE logout_outbox SET status = 'failed', claimed_until = 0, last_error = $1 \
              WHERE id = $2 AND attempts = $3 AND status = 'pending'",
    give_up_scrubbed: None,
    expires: false,
    error_chars: 500,
};

impl Queue {
    fn statements(self) -> &'static Statements {
        match self {
            Self::Mail => &MAIL,
            Self::Webhook => &WEBHOOK,
            Self::Logout => &LOGOUT,
        }
    }

    /// The longest error text a row keeps.
    pub fn error_chars(self) -> usize {
        self.statements().error_chars
    }
}

impl Store {
    /// Up to `limit` rows of `queue` due at `now` whose lease (if any) has run out and which
    /// have not expired, in the queue's order. Candidates only: [`Store::claim`] decides who
    /// sends.
    pub async fn due(&self, queue: Queue, now: i64, limit: i64) -> Result<Vec<Due>> {
        let s = queue.statements();
        let mut query = self.q_as(s.due).bind(now).bind(now);
        if s.expires {
            query = query.bind(now);
        }
        Ok(query.bind(limit).fetch_all(self.db()).await?)
    }

    /// Leases `due` until `lease_until` for one attempt, if it is still pending with the
    /// attempts read and unleased at `now` (and, where rows expire, not expired: a dead link
    /// is never sent). `Ok(None)`: another worker has it, or it is no longer due.
    pub async fn claim(
        &self,
        queue: Queue,
        due: &Due,
        now: i64,
        lease_until: i64,
    ) -> Result<Option<Claim>> {
        let s = queue.statements();
        let mut query =
            self.q(s.claim).bind(lease_until).bind(due.id.clone()).bind(due.attempts).bind(now);
        if s.expires {
            query = query.bind(now);
        }
        let claimed = query.execute(self.db()).await?.rows_affected() == 1;
        Ok(claimed.then(|| Claim { id: due.id.clone(), attempt: due.attempts + 1 }))
    }

    /// Records a delivery and releases the lease. `scrub`: for a queue whose rows keep bodies
    /// (mail), the text that replaces them.
    pub async fn delivered(
        &self,
        queue: Queue,
        claim: &Claim,
        now: i64,
        scrub: Option<&str>,
    ) -> Result<()> {
        let s = queue.statements();
        let query = match (scrub, s.done_scrubbed) {
            (Some(note), Some(sql)) => {
                self.q(sql).bind(now).bind(note.to_owned()).bind(note.to_owned())
            }
            _ => self.q(s.done).bind(now),
        };
        query.bind(claim.id.clone()).execute(self.db()).await?;
        Ok(())
    }

    /// Records a failed attempt and releases the lease: retried from `retry_at`, or, when
    /// `None`, marked `failed` for good (kept, and scrubbed like a delivered row when `scrub`
    /// is given). Fenced by the claim's attempt: changes nothing once the row was claimed
    /// again, delivered or given up.
    pub async fn attempt_failed(
        &self,
        queue: Queue,
        claim: &Claim,
        retry_at: Option<i64>,
        error: &str,
        scrub: Option<&str>,
    ) -> Result<()> {
        let s = queue.statements();
        let error: String = error.chars().take(s.error_chars).collect();
        let query = match (retry_at, scrub, s.give_up_scrubbed) {
            (Some(at), _, _) => self.q(s.retry).bind(at).bind(error),
            (None, Some(note), Some(sql)) => {
                self.q(sql).bind(error).bind(note.to_owned()).bind(note.to_owned())
            }
            (None, _, _) => self.q(s.give_up).bind(error),
        };
        query.bind(claim.id.clone()).bind(claim.attempt).execute(self.db()).await?;
        Ok(())
    }
}
