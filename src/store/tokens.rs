//! One-time tokens (email verification, password reset): stored as hashes, bound to one user,
//! one purpose and the address they were sent to, consumed exactly once by a conditional
//! `UPDATE` whose row count decides.

use sqlx::{Any, Transaction};

use super::row::{NullableText, Text};
use super::users::UserRow;
use super::Audit;
use super::Result;
use super::{MailThrottle, OutboxMail, Store};
use crate::domain::User;

/// What a one-time token is for; its name (the variant's, in snake case) is the stored
/// `purpose`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
pub enum TokenPurpose {
    VerifyEmail,
    ResetPassword,
}

impl TokenPurpose {
    pub(super) fn as_str(self) -> &'static str {
        self.into()
    }
}

#[derive(Debug)]
pub struct NewToken {
    pub hash: String,
    pub user_id: String,
    pub purpose: TokenPurpose,
    /// The address the token was mailed to: a verification link proves only that address.
    pub email_key: String,
    /// On a verification token for an email change: the address (as typed) the account moves
    /// to when the link is followed.
    pub new_email: Option<String>,
    pub now: i64,
    pub expires_at: i64,
}

/// What following a verification link did.
#[derive(Debug)]
pub enum VerifyOutcome {
    /// The address is verified (for an email change: it is now the account's address).
    Verified(User),
    /// Unknown, expired or spent token, or sent to an address the account no longer has.
    Invalid,
    /// An email change whose new address another account registered in the meantime.
    Taken,
}

/// What "I did not create this account" did with a verification link.
#[derive(Debug)]
pub enum DeclineOutcome {
    /// The unproven account registered with the address is gone, with its sessions.
    Removed(User),
    /// The pending change of another account's address to this one is cancelled.
    ChangeCancelled(User),
    /// Unknown, expired or spent token, or an account whose address is proven already.
    Invalid,
}

impl Store {
    pub(super) async fn insert_token(
        &self,
        tx: &mut Transaction<'static, Any>,
        t: &NewToken,
    ) -> Result<()> {
        self.q("INSERT INTO one_time_tokens (token_hash, user_id, purpose, email_key, new_email, \
                created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(t.hash.clone())
            .bind(t.user_id.clone())
            .bind(t.purpose.as_str())
            .bind(t.email_key.clone())
            .bind(t.new_email.clone())
            .bind(t.now)
            .bind(t.expires_at)
            .execute(self.on(&mut **tx))
            .await?;
        Ok(())
    }

    /// Stores a token and queues the mail that carries it, atomically.
    pub async fn issue_token(&self, token: &NewToken, mail: &OutboxMail) -> Result<()> {
        let mut tx = self.begin().await?;
        self.insert_token(&mut tx, token).await?;
        self.enqueue(&mut tx, mail, token.now).await?;
        self.commit(tx).await?;
        Ok(())
    }

    /// [`Store::issue_token`] for mail that anyone can trigger by naming an address: the mail is
    /// queued only while `throttle` allows another one of its kind to that address, and the
    /// token is stored only with its mail or when `keep_token` says so (dev-mode answers show
    /// it). Returns whether the mail was queued.
    pub async fn issue_token_throttled(
        &self,
        token: &NewToken,
        mail: &OutboxMail,
        throttle: MailThrottle,
        keep_token: bool,
    ) -> Result<bool> {
        let mut tx = self.begin().await?;
        // The write that opens the transaction (SQLite's lock up front) also takes the user's row
        // lock on Postgres and MariaDB: concurrent requests for one address queue here, so two
        // of them cannot both count the throttle open and both send.
        self.q("UPDATE users SET updated_at = updated_at WHERE id = $1")
            .bind(token.user_id.clone())
            .execute(self.on(&mut *tx))
            .await?;
        let to_key = crate::domain::email_key(&mail.to);
        let allowed = self.mail_allowed(&mut tx, &to_key, mail.kind, throttle, token.now).await?;
        if allowed || keep_token {
            self.insert_token(&mut tx, token).await?;
        }
        if allowed {
            self.enqueue(&mut tx, mail, token.now).await?;
        }
        self.commit(tx).await?;
        Ok(allowed)
    }

    /// A live verification token's pending new address: `Some(None)` for a link that
    /// confirms the account's own address, `Some(Some(_))` for an email change, `None` when
    /// the token is unknown, expired or spent.
    pub async fn verification_new_email(&self, hash: &str) -> Result<Option<Option<String>>> {
        let new_email: Option<NullableText> = self
            .q_scalar(
                "SELECT new_email FROM one_time_tokens WHERE token_hash = $1 AND purpose = $2 \
                 AND used_at IS NULL",
            )
            .bind(hash.to_owned())
            .bind(TokenPurpose::VerifyEmail.as_str())
            .fetch_optional(self.db())
            .await?;
        Ok(new_email.map(Option::from))
    }

    /// The address a reset token was mailed to (its email key), whether or not it is still
    /// live. `Ok(None)`: no such reset token.
    pub async fn reset_token_email(&self, hash: &str) -> Result<Option<String>> {
        let email_key: Option<Text> = self
            .q_scalar(
                "SELECT email_key FROM one_time_tokens WHERE token_hash = $1 AND purpose = $2",
            )
            .bind(hash.to_owned())
            .bind(TokenPurpose::ResetPassword.as_str())
            .fetch_optional(self.db())
            .await?;
        Ok(email_key.map(String::from))
    }

    /// Spends a live token of `purpose` inside `tx`. `Ok(None)`: unknown, expired, already
    /// spent, or spent concurrently by another request.
    async fn consume(
        &self,
        tx: &mut Transaction<'static, Any>,
        hash: &str,
        purpose: TokenPurpose,
        now: i64,
    ) -> Result<Option<Consumed>> {
        let n = self
            .q("UPDATE one_time_tokens SET used_at = $1 WHERE token_hash = $2 AND purpose = $3 \
                AND used_at IS NULL AND expires_at > $4")
            .bind(now)
            .bind(hash.to_owned())
            .bind(purpose.as_str())
            .bind(now)
            .execute(self.on(&mut **tx))
            .await?
            .rows_affected();
        if n != 1 {
            return Ok(None);
        }
        let consumed = self
            .q_as("SELECT user_id, email_key, new_email FROM one_time_tokens WHERE token_hash = $1")
            .bind(hash.to_owned())
            .fetch_one(self.on(&mut **tx))
            .await?;
        Ok(Some(consumed))
    }

    /// Whether `user_id` still has the address `email_key` and has never had an address proven:
    /// spending a token mailed there is then the first proof of the account. (An account whose
    /// proven address an administrator changed is unverified, but not never-proven.)
    pub(super) async fn first_proof_in(
        &self,
        tx: &mut Transaction<'static, Any>,
        user_id: &str,
        email_key: &str,
    ) -> Result<bool> {
        let verified: Option<i64> = self
            .q_scalar(
                "SELECT email_verified FROM users WHERE id = $1 AND email_key = $2 \
                 AND proven_at IS NULL",
            )
            .bind(user_id.to_owned())
            .bind(email_key.to_owned())
            .fetch_optional(self.on(&mut **tx))
            .await?;
        Ok(verified == Some(0))
    }

    async fn user_in(&self, tx: &mut Transaction<'static, Any>, id: &str) -> Result<Option<User>> {
        const SQL: &str = concat!("SELECT ", user_columns!(), " FROM users WHERE id = $1");
        let row: Option<UserRow> =
            self.q_as(SQL).bind(id.to_owned()).fetch_optional(self.on(&mut **tx)).await?;
        Ok(row.map(User::from))
    }

    /// Spends a verification token: marks the address verified if it is still the account's,
    /// or, for an email change, makes the new address the account's (verified).
    pub async fn verify_email(
        &self,
        hash: &str,
        now: i64,
        audit: &mut Audit,
    ) -> Result<VerifyOutcome> {
        let mut tx = self.begin().await?;
        let Some(token) = self.consume(&mut tx, hash, TokenPurpose::VerifyEmail, now).await? else {
            return Ok(VerifyOutcome::Invalid);
        };
        let updated = match &token.new_email {
            None => {
                if self.first_proof_in(&mut tx, &token.user_id, &token.email_key).await? {
                    self.clear_unproven_in(&mut tx, &token.user_id, now).await?;
                }
                self.q("UPDATE users SET email_verified = 1, proven_at = COALESCE(proven_at, $1), \
                    updated_at = $2 WHERE id = $3 AND email_key = $4")
                    .bind(now)
                    .bind(now)
                    .bind(token.user_id.clone())
                    .bind(token.email_key.clone())
                    .execute(self.on(&mut *tx))
                    .await
            }
            Some(new_email) => {
                self.q("UPDATE users SET email = $1, email_key = $2, email_verified = 1, \
                    proven_at = COALESCE(proven_at, $3), updated_at = $4 WHERE id = $5")
                    .bind(new_email.clone())
                    .bind(token.email_key.clone())
                    .bind(now)
                    .bind(now)
                    .bind(token.user_id.clone())
                    .execute(self.on(&mut *tx))
                    .await
            }
        };
        let n = match updated {
            Ok(r) => r.rows_affected(),
            Err(e) if super::is_unique_violation(&e) => return Ok(VerifyOutcome::Taken),
            Err(e) => return Err(e.into()),
        };
        if n != 1 {
            return Ok(VerifyOutcome::Invalid);
        }
        let Some(user) = self.user_in(&mut tx, &token.user_id).await? else {
            return Ok(VerifyOutcome::Invalid);
        };
        self.commit_change(tx, Some(&user.id), audit).await?;
        Ok(VerifyOutcome::Verified(user))
    }

    /// Spends a verification token the other way: its address's owner disowns what it
    /// confirms. An account registered with the address and never proven is deleted; a
    /// pending change of an account's address to it is cancelled. A proven account is
    /// never deleted this way (`Invalid`, and the token stays unspent).
    pub async fn decline_verification(
        &self,
        hash: &str,
        now: i64,
        audit: &mut Audit,
    ) -> Result<DeclineOutcome> {
        let mut tx = self.begin().await?;
        let Some(token) = self.consume(&mut tx, hash, TokenPurpose::VerifyEmail, now).await? else {
            return Ok(DeclineOutcome::Invalid);
        };
        let Some(user) = self.user_in(&mut tx, &token.user_id).await? else {
            return Ok(DeclineOutcome::Invalid);
        };
        if token.new_email.is_some() {
            self.commit_change(tx, Some(&user.id), audit).await?;
            return Ok(DeclineOutcome::ChangeCancelled(user));
        }
        if !self.first_proof_in(&mut tx, &user.id, &token.email_key).await?
            || !self.delete_user_in(&mut tx, &user.id).await?
        {
            return Ok(DeclineOutcome::Invalid);
        }
        self.commit_change(tx, Some(&user.id), audit).await?;
        Ok(DeclineOutcome::Removed(user))
    }

    /// Spends a reset token, sets the new password hash (a new password epoch), spends the
    /// user's other reset tokens and queues the notification `mail_for(user)`. Every session
    /// of the user is revoked, unless `keep_sessions` (a legacy route set's documented, weaker
    /// option), which moves them to the new epoch instead.
    /// `Ok(None)`: invalid, expired or spent token.
    pub async fn reset_password(
        &self,
        hash: &str,
        new_hash: &str,
        now: i64,
        keep_sessions: bool,
        mail_for: impl FnOnce(&User) -> anyhow::Result<OutboxMail> + Send,
        audit: &mut Audit,
    ) -> Result<Option<User>> {
        let mut tx = self.begin().await?;
        let Some(token) = self.consume(&mut tx, hash, TokenPurpose::ResetPassword, now).await?
        else {
            return Ok(None);
        };
        // The link was mailed to `email_key`: it only works while that is still the account's
        // address. On an account whose address nobody had proven, the reset is the first proof
        // and its maker may not be the one resetting: nothing of theirs survives it (not even
        // under the legacy option to keep sessions).
        let user_id = token.user_id;
        let first_proof = self.first_proof_in(&mut tx, &user_id, &token.email_key).await?;
        if first_proof {
            self.clear_unproven_in(&mut tx, &user_id, now).await?;
        }
        if !self.set_password_in(&mut tx, &user_id, new_hash, Some(&token.email_key), now).await? {
            return Ok(None);
        }
        if keep_sessions && !first_proof {
            self.carry_sessions_in(&mut tx, &user_id, None).await?;
        } else {
            self.revoke_sessions_in(&mut tx, &user_id, None, now).await?;
        }
        let Some(user) = self.user_in(&mut tx, &user_id).await? else {
            return Ok(None);
        };
        self.enqueue(&mut tx, &mail_for(&user)?, now).await?;
        self.commit_change(tx, Some(&user.id), audit).await?;
        Ok(Some(user))
    }
}

/// A spent one-time token.
#[derive(sqlx::FromRow)]
struct Consumed {
    #[sqlx(try_from = "Text")]
    user_id: String,
    #[sqlx(try_from = "Text")]
    email_key: String,
    #[sqlx(try_from = "NullableText")]
    new_email: Option<String>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::TokenPurpose;
    use strum::VariantArray;

    #[test]
    fn every_purpose_round_trips_through_its_stored_name() {
        let names: Vec<&str> = TokenPurpose::VARIANTS.iter().map(|p| p.as_str()).collect();
        assert_eq!(names, ["verify_email", "reset_password"]);
        for &p in TokenPurpose::VARIANTS {
            assert_eq!(p.as_str().parse::<TokenPurpose>().unwrap(), p);
        }
        assert!("VerifyEmail".parse::<TokenPurpose>().is_err());
    }
}
