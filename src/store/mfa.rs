//! Second factors: TOTP secrets, recovery codes, and the challenges that finish a login.
//! Every single-use thing (a TOTP step, a recovery code, a challenge) is spent by one
//! conditional `UPDATE` whose row count decides, so two requests cannot both spend it.

use super::row::{IsSet, Text};
use super::{Audit, OutboxMail, Result, Store};

/// A user's TOTP secret as stored (sealed when a key-encryption key is configured).
#[derive(Clone, sqlx::FromRow)]
pub struct TotpFactor {
    #[sqlx(try_from = "Text")]
    pub secret: String,
    /// `false` while enrolment waits for its first code.
    #[sqlx(rename = "confirmed_at", try_from = "IsSet")]
    pub confirmed: bool,
    /// When enrolment began (Unix ms).
    pub created_at: i64,
}

impl std::fmt::Debug for TotpFactor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TotpFactor").field("confirmed", &self.confirmed).finish_non_exhaustive()
    }
}

/// A login's pending second step.
#[derive(Debug)]
pub struct NewChallenge {
    pub hash: String,
    pub user_id: String,
    pub password_epoch: i64,
    /// The methods the first step proved, space-separated.
    pub amr: String,
    pub now: i64,
    pub expires_at: i64,
}

/// What confirming a new second factor does to the account's sessions: `keep` (the session
/// that proved the factor) becomes freshly authenticated with `amr`; every other one ends.
#[derive(Debug)]
pub struct SessionFence<'a> {
    pub keep: &'a str,
    pub amr: &'a str,
}

/// A live challenge.
#[derive(Debug, sqlx::FromRow)]
pub struct Challenge {
    #[sqlx(try_from = "Text")]
    pub user_id: String,
    pub password_epoch: i64,
    #[sqlx(try_from = "Text")]
    pub amr: String,
}

impl Store {
    /// `Ok(None)`: the user has no TOTP secret, not even a pending one.
    pub async fn totp_factor(&self, user_id: &str) -> Result<Option<TotpFactor>> {
        Ok(self
            .q_as("SELECT secret, confirmed_at, created_at FROM totp_factors WHERE user_id = $1")
            .bind(user_id.to_owned())
            .fetch_optional(self.db())
            .await?)
    }

    /// Stores a pending TOTP secret, replacing a pending one. `false`: the user already has a
    /// confirmed one (nothing changed).
    pub async fn set_pending_totp(&self, user_id: &str, secret: &str, now: i64) -> Result<bool> {
        let mut tx = self.begin().await?;
        self.q("DELETE FROM totp_factors WHERE user_id = $1 AND confirmed_at IS NULL")
            .bind(user_id.to_owned())
            .execute(self.on(&mut *tx))
            .await?;
        let inserted = self
            .q("INSERT INTO totp_factors (user_id, secret, created_at) VALUES ($1, $2, $3)")
            .bind(user_id.to_owned())
            .bind(secret.to_owned())
            .bind(now)
            .execute(self.on(&mut *tx))
            .await;
        match inserted {
            Ok(_) => {}
            Err(e) if super::is_unique_violation(&e) => return Ok(false),
            Err(e) => return Err(e.into()),
        }
        self.commit(tx).await?;
        Ok(true)
    }

    /// Turns the pending secret on with the time step of the code that proved it, stores
    /// `code_hashes` as the recovery codes (replacing any), queues `mail` and applies `fence`
    /// to the user's sessions, in one transaction. `false`: no pending secret, or that step
    /// was already used; nothing changed.
    #[allow(clippy::too_many_arguments)]
    pub async fn confirm_totp(
        &self,
        user_id: &str,
        step: i64,
        code_hashes: &[String],
        mail: &OutboxMail,
        fence: &SessionFence<'_>,
        now: i64,
        audit: &mut Audit,
    ) -> Result<bool> {
        let mut tx = self.begin().await?;
        // Under the user's row lock, as a password-only session is opened: a login that read
        // "no TOTP" either opens its session first (and the fence below ends it) or finds the
        // factor confirmed (`Store::create_session`).
        self.lock_user_in(&mut tx, user_id).await?;
        let n = self
            .q("UPDATE totp_factors SET confirmed_at = $1, last_step = $2 WHERE user_id = $3 \
                AND confirmed_at IS NULL AND last_step < $4")
            .bind(now)
            .bind(step)
            .bind(user_id.to_owned())
            .bind(step)
            .execute(self.on(&mut *tx))
            .await?
            .rows_affected();
        if n != 1 {
            return Ok(false);
        }
        self.put_recovery_codes(&mut tx, user_id, code_hashes, now).await?;
        self.fence_sessions_in(&mut tx, user_id, fence, now).await?;
        // Passkey registrations begun before (by a session that may have proven only the
        // password) do not finish after it.
        self.q("DELETE FROM webauthn_ceremonies WHERE user_id = $1 AND purpose = 'register' \
                AND used_at IS NULL")
            .bind(user_id.to_owned())
            .execute(self.on(&mut *tx))
            .await?;
        self.enqueue(&mut tx, mail, now).await?;
        self.commit_change(tx, Some(user_id), audit).await?;
        Ok(true)
    }

    /// Applies `fence` to the sessions of `user_id`, in `tx`.
    pub(super) async fn fence_sessions_in(
        &self,
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        user_id: &str,
        fence: &SessionFence<'_>,
        now: i64,
    ) -> Result<()> {
        self.revoke_sessions_in(tx, user_id, Some(fence.keep), now).await?;
        self.q("UPDATE sessions SET auth_time = $1, amr = $2 WHERE id = $3 AND user_id = $4")
            .bind(now)
            .bind(fence.amr.to_owned())
            .bind(fence.keep.to_owned())
            .bind(user_id.to_owned())
            .execute(self.on(&mut **tx))
            .await?;
        Ok(())
    }

    async fn put_recovery_codes(
        &self,
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        user_id: &str,
        code_hashes: &[String],
        now: i64,
    ) -> Result<()> {
        self.q("DELETE FROM recovery_codes WHERE user_id = $1")
            .bind(user_id.to_owned())
            .execute(self.on(&mut **tx))
            .await?;
        for hash in code_hashes {
            self.q(
                "INSERT INTO recovery_codes (code_hash, user_id, created_at) VALUES ($1, $2, $3)",
            )
            .bind(hash.clone())
            .bind(user_id.to_owned())
            .bind(now)
            .execute(self.on(&mut **tx))
            .await?;
        }
        Ok(())
    }

    /// Replaces the recovery codes of a user with a confirmed TOTP and queues `mail` (the
    /// owner's notice). `false`: none confirmed; nothing changed.
    pub async fn replace_recovery_codes(
        &self,
        user_id: &str,
        code_hashes: &[String],
        mail: &OutboxMail,
        now: i64,
        audit: &mut Audit,
    ) -> Result<bool> {
        let mut tx = self.begin().await?;
        let n = self
            .q("UPDATE totp_factors SET created_at = created_at WHERE user_id = $1 \
                AND confirmed_at IS NOT NULL")
            .bind(user_id.to_owned())
            .execute(self.on(&mut *tx))
            .await?
            .rows_affected();
        if n != 1 {
            return Ok(false);
        }
        self.put_recovery_codes(&mut tx, user_id, code_hashes, now).await?;
        self.enqueue(&mut tx, mail, now).await?;
        self.commit_change(tx, Some(user_id), audit).await?;
        Ok(true)
    }

    /// Removes the user's TOTP secret and recovery codes, queueing `mail` when there was one.
    /// `false`: there was none.
    pub async fn remove_totp(
        &self,
        user_id: &str,
        mail: Option<&OutboxMail>,
        now: i64,
        audit: &mut Audit,
    ) -> Result<bool> {
        let mut tx = self.begin().await?;
        let n = self
            .q("DELETE FROM totp_factors WHERE user_id = $1 AND confirmed_at IS NOT NULL")
            .bind(user_id.to_owned())
            .execute(self.on(&mut *tx))
            .await?
            .rows_affected();
        self.q("DELETE FROM totp_factors WHERE user_id = $1")
            .bind(user_id.to_owned())
            .execute(self.on(&mut *tx))
            .await?;
        // Sessions no longer count as two-factor (PORTCULLIS_REQUIRE_MFA sees them again).
        self.q("UPDATE sessions SET amr = 'pwd' WHERE user_id = $1")
            .bind(user_id.to_owned())
            .execute(self.on(&mut *tx))
            .await?;
        self.q("DELETE FROM recovery_codes WHERE user_id = $1")
            .bind(user_id.to_owned())
            .execute(self.on(&mut *tx))
            .await?;
        if n != 1 {
            // Only an unconfirmed enrolment went: no change to announce.
            self.commit(tx).await?;
            return Ok(false);
        }
        if let Some(mail) = mail {
            self.enqueue(&mut tx, mail, now).await?;
        }
        self.commit_change(tx, Some(user_id), audit).await?;
        Ok(true)
    }

    /// Accepts a TOTP code's time step once: `true` only if it is newer than every step
    /// accepted before (so a code seen once, or an older one, is refused).
    pub async fn accept_totp_step(&self, user_id: &str, step: i64) -> Result<bool> {
        let n = self
            .q("UPDATE totp_factors SET last_step = $1 WHERE user_id = $2 \
                AND confirmed_at IS NOT NULL AND last_step < $3")
            .bind(step)
            .bind(user_id.to_owned())
            .bind(step)
            .execute(self.db())
            .await?
            .rows_affected();
        Ok(n == 1)
    }

    /// Spends one of the user's recovery codes and queues `mail`. `false`: no such unused code.
    pub async fn use_recovery_code(
        &self,
        user_id: &str,
        code_hash: &str,
        mail: &OutboxMail,
        now: i64,
    ) -> Result<bool> {
        let mut tx = self.begin().await?;
        let n = self
            .q("UPDATE recovery_codes SET used_at = $1 WHERE code_hash = $2 AND user_id = $3 \
                AND used_at IS NULL")
            .bind(now)
            .bind(code_hash.to_owned())
            .bind(user_id.to_owned())
            .execute(self.on(&mut *tx))
            .await?
            .rows_affected();
        if n != 1 {
            return Ok(false);
        }
        self.enqueue(&mut tx, mail, now).await?;
        self.commit(tx).await?;
        Ok(true)
    }

    /// Unused recovery codes of a user.
    pub async fn recovery_codes_left(&self, user_id: &str) -> Result<i64> {
        Ok(self
            .q_scalar("SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL")
            .bind(user_id.to_owned())
            .fetch_one(self.db())
            .await?)
    }

    pub async fn insert_challenge(&self, c: &NewChallenge) -> Result<()> {
        self.q("INSERT INTO mfa_challenges (token_hash, user_id, password_epoch, amr, \
                created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(c.hash.clone())
            .bind(c.user_id.clone())
            .bind(c.password_epoch)
            .bind(c.amr.clone())
            .bind(c.now)
            .bind(c.expires_at)
            .execute(self.db())
            .await?;
        Ok(())
    }

    /// The challenge named by `hash`, while it is unspent, unexpired and has had fewer than
    /// `tries` tries. `Ok(None)` otherwise.
    pub async fn live_challenge(
        &self,
        hash: &str,
        now: i64,
        tries: i64,
    ) -> Result<Option<Challenge>> {
        Ok(self
            .q_as(
                "SELECT user_id, password_epoch, amr FROM mfa_challenges WHERE token_hash = $1 \
                 AND used_at IS NULL AND expires_at > $2 AND failures < $3",
            )
            .bind(hash.to_owned())
            .bind(now)
            .bind(tries)
            .fetch_optional(self.db())
            .await?)
    }

    /// Takes one of a live challenge's tries, before its code is checked, so that concurrent
    /// guesses cannot share a try. `false`: spent, expired or out of tries.
    pub async fn take_challenge_try(&self, hash: &str, now: i64, tries: i64) -> Result<bool> {
        let n = self
            .q("UPDATE mfa_challenges SET failures = failures + 1 WHERE token_hash = $1 \
                AND used_at IS NULL AND expires_at > $2 AND failures < $3")
            .bind(hash.to_owned())
            .bind(now)
            .bind(tries)
            .execute(self.db())
            .await?
            .rows_affected();
        Ok(n == 1)
    }

    /// Spends a challenge whose try was taken. `false`: spent or expired meanwhile.
    pub async fn spend_challenge(&self, hash: &str, now: i64, tries: i64) -> Result<bool> {
        let n = self
            .q("UPDATE mfa_challenges SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL \
                AND expires_at > $3 AND failures <= $4")
            .bind(now)
            .bind(hash.to_owned())
            .bind(now)
            .bind(tries)
            .execute(self.db())
            .await?
            .rows_affected();
        Ok(n == 1)
    }

    /// Marks a session freshly authenticated (step-up): `auth_time` now, with `amr`.
    pub async fn reauthenticate_session(
        &self,
        session_id: &str,
        amr: &str,
        now: i64,
    ) -> Result<()> {
        self.q("UPDATE sessions SET auth_time = $1, amr = $2 WHERE id = $3")
            .bind(now)
            .bind(amr.to_owned())
            .bind(session_id.to_owned())
            .execute(self.db())
            .await?;
        Ok(())
    }
}
