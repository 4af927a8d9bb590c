//! The other ways in: email links and codes, external-provider sign-ins (their `state`), and
//! the external identities linked to accounts. Single-use things are spent by one conditional
//! `UPDATE`, as everywhere.

use super::row::{NullableText, Text};
use super::{Audit, MailThrottle, OutboxMail, Result, Store};

/// A new email sign-in request.
#[derive(Debug)]
pub struct NewEmailLogin {
    pub token_hash: String,
    pub email_key: String,
    pub email: String,
    pub user_id: Option<String>,
    pub code_hash: String,
    pub now: i64,
    pub expires_at: i64,
}

/// A spent email sign-in: who it was for.
#[derive(Debug, sqlx::FromRow)]
pub struct EmailLogin {
    #[sqlx(try_from = "Text")]
    pub email: String,
    #[sqlx(try_from = "NullableText")]
    pub user_id: Option<String>,
}

/// A live email sign-in request: the hashes its link and its code are checked against.
#[derive(sqlx::FromRow)]
struct LiveEmailLogin {
    #[sqlx(try_from = "Text")]
    token_hash: String,
    #[sqlx(try_from = "Text")]
    code_hash: String,
}

/// A begun external sign-in.
#[derive(Debug, sqlx::FromRow)]
pub struct OAuthState {
    #[sqlx(try_from = "Text")]
    pub provider: String,
    #[sqlx(try_from = "Text")]
    pub pkce_verifier: String,
    #[sqlx(try_from = "Text")]
    pub nonce: String,
    /// SHA-256 of the cookie set in the browser that began it.
    #[sqlx(try_from = "Text")]
    pub browser_hash: String,
    #[sqlx(try_from = "NullableText")]
    pub link_user_id: Option<String>,
    /// A link's session and the account's password epoch when it began: the link completes
    /// only while both are current.
    #[sqlx(try_from = "NullableText")]
    pub link_session_id: Option<String>,
    pub link_epoch: Option<i64>,
    #[sqlx(try_from = "NullableText")]
    pub next_path: Option<String>,
}

/// A pending provider link of a user's (`insert_oauth_state`).
#[derive(sqlx::FromRow)]
struct PendingLink {
    #[sqlx(try_from = "Text")]
    state_hash: String,
    created_at: i64,
}

/// What linking an identity from a session came to.
#[derive(Debug, PartialEq, Eq)]
pub enum SessionLink {
    Linked,
    /// The identity is linked already (to anyone).
    Taken,
    /// The session has ended, or the password epoch is not the one the link began with.
    Ended,
}

/// The session is live (as `store::sessions` reads one: not revoked, not expired, its user
/// active, at the user's password epoch) and the epoch is the one the link began with.
/// Placeholders from `$n`: the session id, its user id, now, the epoch.
macro_rules! link_session_live {
    ($head:literal, $session:literal, $user:literal, $now:literal, $epoch:literal) => {
        concat!(
            $head,
            " FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ",
            $session,
            " AND s.user_id = ",
            $user,
            " AND s.revoked_at IS NULL AND s.expires_at > ",
            $now,
            " AND u.is_active = 1 AND s.password_epoch = u.password_epoch AND u.password_epoch = ",
            $epoch
        )
    };
}

/// An external identity linked to an account.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Identity {
    #[sqlx(try_from = "Text")]
    pub id: String,
    #[sqlx(try_from = "Text")]
    pub provider: String,
    #[sqlx(try_from = "Text")]
    pub subject: String,
    #[sqlx(try_from = "Text")]
    pub user_id: String,
    #[sqlx(try_from = "NullableText")]
    pub email: Option<String>,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
}

/// [`Identity`] rows, selected with `$tail`.
macro_rules! identity_sql {
    ($tail:literal) => {
        concat!(
            "SELECT id, provider, subject, user_id, email, created_at, last_used_at ",
            "FROM identities ",
            $tail
        )
    };
}

impl Store {
    /// Stores an email sign-in request and queues its mail, unless the per-address throttle
    /// holds the mail back (then nothing is stored). Older requests for the address stay live
    /// (the throttle bounds how many there are): asking again must not end someone's pending
    /// sign-in.
    pub async fn insert_email_login(
        &self,
        login: &NewEmailLogin,
        mail: &OutboxMail,
        throttle: MailThrottle,
    ) -> Result<bool> {
        let mut tx = self.begin().await?;
        // The insert opens the transaction (SQLite's write lock up front); a throttled request
        // rolls it back and changes nothing, so nobody can end someone else's live request by
        // asking for more.
        self.q("INSERT INTO email_logins (token_hash, email_key, email, user_id, code_hash, \
                created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(login.token_hash.clone())
            .bind(login.email_key.clone())
            .bind(login.email.clone())
            .bind(login.user_id.clone())
            .bind(login.code_hash.clone())
            .bind(login.now)
            .bind(login.expires_at)
            .execute(self.on(&mut *tx))
            .await?;
        if !self.mail_allowed(&mut tx, &login.email_key, mail.kind, throttle, login.now).await? {
            return Ok(false);
        }
        self.enqueue(&mut tx, mail, login.now).await?;
        self.commit(tx).await?;
        Ok(true)
    }

    /// Spends the live request `token_hash` (fewer than `tries` wrong codes). `None`: unknown,
    /// expired, spent, or ended by wrong codes.
    pub async fn take_email_login(
        &self,
        token_hash: &str,
        now: i64,
        tries: i64,
    ) -> Result<Option<EmailLogin>> {
        let n = self
            .q("UPDATE email_logins SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL \
                AND expires_at > $3 AND failures < $4")
            .bind(now)
            .bind(token_hash.to_owned())
            .bind(now)
            .bind(tries)
            .execute(self.db())
            .await?
            .rows_affected();
        if n != 1 {
            return Ok(None);
        }
        Ok(self
            .q_as("SELECT email, user_id FROM email_logins WHERE token_hash = $1")
            .bind(token_hash.to_owned())
            .fetch_optional(self.db())
            .await?)
    }

    /// The live requests for an address, newest first: each one's token hash and code hash.
    pub async fn live_email_logins(
        &self,
        email_key: &str,
        now: i64,
        tries: i64,
    ) -> Result<Vec<(String, String)>> {
        let rows: Vec<LiveEmailLogin> = self
            .q_as(
                "SELECT token_hash, code_hash FROM email_logins WHERE email_key = $1 \
                 AND used_at IS NULL AND expires_at > $2 AND failures < $3 \
                 ORDER BY created_at DESC",
            )
            .bind(email_key.to_owned())
            .bind(now)
            .bind(tries)
            .fetch_all(self.db())
            .await?;
        Ok(rows.into_iter().map(|r| (r.token_hash, r.code_hash)).collect())
    }

    /// Takes one of a live request's `tries` before its code is compared, so concurrent
    /// guesses get one each. `false`: no try left (or the request is dead).
    pub async fn take_email_login_try(
        &self,
        token_hash: &str,
        now: i64,
        tries: i64,
    ) -> Result<bool> {
        let n = self
            .q("UPDATE email_logins SET failures = failures + 1 WHERE token_hash = $1 \
                AND used_at IS NULL AND expires_at > $2 AND failures < $3")
            .bind(token_hash.to_owned())
            .bind(now)
            .bind(tries)
            .execute(self.db())
            .await?
            .rows_affected();
        Ok(n == 1)
    }

    /// The address of `user_id` is proven by a mailed link or code. If it was not verified
    /// before, whoever made the account never proved the address, so everything they may have
    /// set goes: the password (and with the epoch every session), passkeys, linked identities
    /// and second factors. An account made in someone else's name is not theirs to keep.
    /// Answers the account's password epoch after the change; `None`: no such account with
    /// that address.
    pub async fn prove_email(
        &self,
        user_id: &str,
        email_key: &str,
        no_password: &str,
        now: i64,
        audit: &mut Audit,
    ) -> Result<Option<i64>> {
        let mut tx = self.begin().await?;
        let unproven = self
            .q("UPDATE users SET password_hash = $1, password_epoch = password_epoch + 1, \
                updated_at = $2 WHERE id = $3 AND email_key = $4 AND email_verified = 0 \
                AND proven_at IS NULL")
            .bind(no_password.to_owned())
            .bind(now)
            .bind(user_id.to_owned())
            .bind(email_key.to_owned())
            .execute(self.on(&mut *tx))
            .await?
            .rows_affected()
            == 1;
        if unproven {
            self.clear_unproven_in(&mut tx, user_id, now).await?;
        }
        self.q("UPDATE users SET email_verified = 1, proven_at = COALESCE(proven_at, $1) \
                WHERE id = $2 AND email_key = $3")
            .bind(now)
            .bind(user_id.to_owned())
            .bind(email_key.to_owned())
            .execute(self.on(&mut *tx))
            .await?;
        let epoch: Option<i64> = self
            .q_scalar("SELECT password_epoch FROM users WHERE id = $1 AND email_key = $2")
            .bind(user_id.to_owned())
            .bind(email_key.to_owned())
            .fetch_optional(self.on(&mut *tx))
            .await?;
        // Only a first proof is a change to record (see `Auth::audited`).
        if unproven {
            self.commit_change(tx, Some(user_id), audit).await?;
        } else {
            self.commit(tx).await?;
        }
        Ok(epoch)
    }

    /// The first proof of a never-proven account's address (`proven_at` unset): every way in
    /// its maker may have added before anyone proved the address goes (passkeys, linked
    /// identities, second factors, applications' grants and consents, and what was under way:
    /// passkey registrations, provider links, email changes). New ones are refused while the address is unproven, so this
    /// only finds what an older version let in; it runs on every first proof all the same,
    /// so an upgrade leaves nothing planted behind. An account proven once (an administrator
    /// may later give it an unverified address) never comes here: what its owner added stays.
    pub(super) async fn clear_unproven_in(
        &self,
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        user_id: &str,
        now: i64,
    ) -> Result<()> {
        for sql in [
            "DELETE FROM passkeys WHERE user_id = $1",
            "DELETE FROM webauthn_ceremonies WHERE user_id = $1",
            "DELETE FROM identities WHERE user_id = $1",
            "DELETE FROM oauth_states WHERE link_user_id = $1",
            "DELETE FROM totp_factors WHERE user_id = $1",
            "DELETE FROM recovery_codes WHERE user_id = $1",
            "DELETE FROM mfa_challenges WHERE user_id = $1",
        ] {
            self.q(sql).bind(user_id.to_owned()).execute(self.on(&mut **tx)).await?;
        }
        // Applications its maker signed in to (an offline grant outlives every session) and
        // what its maker allowed them.
        self.end_user_grants_in(tx, user_id, true, now).await?;
        self.q("UPDATE one_time_tokens SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL \
                AND new_email IS NOT NULL")
            .bind(now)
            .bind(user_id.to_owned())
            .execute(self.on(&mut **tx))
            .await?;
        Ok(())
    }

    /// Stores a begun external sign-in under the hash of its `state`. A link (one with
    /// `link_user_id`) keeps at most `max_links` of its user's links pending: the oldest beyond
    /// that are spent. The user's row is locked first, so concurrent starts queue, and a link's
    /// `created_at` is after every pending one's, so "oldest" is never a tie.
    pub async fn insert_oauth_state(
        &self,
        state_hash: &str,
        s: &OAuthState,
        now: i64,
        expires_at: i64,
        max_links: usize,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        let mut created_at = now;
        if let Some(user_id) = &s.link_user_id {
            self.q("UPDATE users SET updated_at = updated_at WHERE id = $1")
                .bind(user_id.clone())
                .execute(self.on(&mut *tx))
                .await?;
            let pending: Vec<PendingLink> = self
                .q_as(
                    "SELECT state_hash, created_at FROM oauth_states WHERE link_user_id = $1 \
                     AND used_at IS NULL AND expires_at > $2 ORDER BY created_at DESC",
                )
                .bind(user_id.clone())
                .bind(now)
                .fetch_all(self.on(&mut *tx))
                .await?;
            if let Some(newest) = pending.first() {
                created_at = created_at.max(newest.created_at + 1);
            }
            for old in pending.into_iter().skip(max_links.saturating_sub(1)) {
                self.q("UPDATE oauth_states SET used_at = $1 WHERE state_hash = $2")
                    .bind(now)
                    .bind(old.state_hash)
                    .execute(self.on(&mut *tx))
                    .await?;
            }
        }
        self.q("INSERT INTO oauth_states (state_hash, provider, pkce_verifier, nonce, \
                browser_hash, link_user_id, link_session_id, link_epoch, next_path, created_at, \
                expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
            .bind(state_hash.to_owned())
            .bind(s.provider.clone())
            .bind(s.pkce_verifier.clone())
            .bind(s.nonce.clone())
            .bind(s.browser_hash.clone())
            .bind(s.link_user_id.clone())
            .bind(s.link_session_id.clone())
            .bind(s.link_epoch)
            .bind(s.next_path.clone())
            .bind(created_at)
            .bind(expires_at)
            .execute(self.on(&mut *tx))
            .await?;
        self.commit(tx).await?;
        Ok(())
    }

    /// Spends a live begun sign-in. `None`: unknown (a forged `state`), expired or spent.
    pub async fn take_oauth_state(&self, state_hash: &str, now: i64) -> Result<Option<OAuthState>> {
        let n = self
            .q("UPDATE oauth_states SET used_at = $1 WHERE state_hash = $2 AND used_at IS NULL \
                AND expires_at > $3")
            .bind(now)
            .bind(state_hash.to_owned())
            .bind(now)
            .execute(self.db())
            .await?
            .rows_affected();
        if n != 1 {
            return Ok(None);
        }
        Ok(self
            .q_as(
                "SELECT provider, pkce_verifier, nonce, browser_hash, link_user_id, \
                 link_session_id, link_epoch, next_path FROM oauth_states WHERE state_hash = $1",
            )
            .bind(state_hash.to_owned())
            .fetch_optional(self.db())
            .await?)
    }

    /// Whether session `session_id` of `user_id` is live at password epoch `epoch`.
    pub async fn link_session_live(
        &self,
        session_id: &str,
        user_id: &str,
        epoch: i64,
        now: i64,
    ) -> Result<bool> {
        const SQL: &str = link_session_live!("SELECT s.id", "$1", "$2", "$3", "$4");
        let row = self
            .q(SQL)
            .bind(session_id.to_owned())
            .bind(user_id.to_owned())
            .bind(now)
            .bind(epoch)
            .fetch_optional(self.db())
            .await?;
        Ok(row.is_some())
    }

    /// The identity `subject` at `provider`, if linked.
    pub async fn identity(&self, provider: &str, subject: &str) -> Result<Option<Identity>> {
        const SQL: &str = identity_sql!("WHERE provider = $1 AND subject = $2");
        Ok(self
            .q_as(SQL)
            .bind(provider.to_owned())
            .bind(subject.to_owned())
            .fetch_optional(self.db())
            .await?)
    }

    /// The account's identities, oldest first.
    pub async fn identities(&self, user_id: &str) -> Result<Vec<Identity>> {
        const SQL: &str = identity_sql!("WHERE user_id = $1 ORDER BY created_at, id");
        Ok(self.q_as(SQL).bind(user_id.to_owned()).fetch_all(self.db()).await?)
    }

    /// Links an identity. `false`: that identity is linked already (to anyone).
    pub async fn insert_identity(&self, i: &Identity, audit: &mut Audit) -> Result<bool> {
        let inserted = self
            .q("INSERT INTO identities (id, provider, subject, user_id, email, created_at, \
                last_used_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(i.id.clone())
            .bind(i.provider.clone())
            .bind(i.subject.clone())
            .bind(i.user_id.clone())
            .bind(i.email.clone())
            .bind(i.created_at)
            .bind(i.last_used_at);
        match self.execute_change(inserted, Some(&i.user_id), audit).await {
            Ok(_) => Ok(true),
            Err(e) if super::is_unique_violation(&e) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    /// Links an identity to the account of session `session_id`, in the same statement that
    /// checks the session is live at password epoch `epoch`: a logout, revocation or password
    /// change that commits first leaves nothing linked. `mail` (the owner's notice) is queued
    /// with the link.
    pub async fn insert_session_identity(
        &self,
        i: &Identity,
        session_id: &str,
        epoch: i64,
        now: i64,
        mail: &OutboxMail,
        audit: &mut Audit,
    ) -> Result<SessionLink> {
        const SQL: &str = link_session_live!(
            "INSERT INTO identities (id, provider, subject, user_id, email, created_at, \
             last_used_at) SELECT $1, $2, $3, s.user_id, $4, $5, $6",
            "$7",
            "$8",
            "$9",
            "$10"
        );
        let inserted = self
            .q(SQL)
            .bind(i.id.clone())
            .bind(i.provider.clone())
            .bind(i.subject.clone())
            .bind(i.email.clone())
            .bind(i.created_at)
            .bind(i.last_used_at)
            .bind(session_id.to_owned())
            .bind(i.user_id.clone())
            .bind(now)
            .bind(epoch);
        let mut tx = self.begin().await?;
        match inserted.execute(self.on(&mut *tx)).await.map(|r| r.rows_affected()) {
            Ok(1) => {}
            Ok(_) => return Ok(SessionLink::Ended),
            Err(e) if super::is_unique_violation(&e) => return Ok(SessionLink::Taken),
            Err(e) => return Err(e.into()),
        }
        self.enqueue(&mut tx, mail, now).await?;
        self.commit_change(tx, Some(&i.user_id), audit).await?;
        Ok(SessionLink::Linked)
    }

    /// Records a sign-in with an identity (and the address the provider now gives).
    pub async fn touch_identity(&self, id: &str, email: Option<&str>, now: i64) -> Result<()> {
        self.q("UPDATE identities SET last_used_at = $1, email = $2 WHERE id = $3")
            .bind(now)
            .bind(email.map(str::to_owned))
            .bind(id.to_owned())
            .execute(self.db())
            .await?;
        Ok(())
    }

    /// Unlinks one of the account's identities and queues `mail` (the owner's notice) with
    /// it. `false`: no such identity of theirs; nothing changed.
    pub async fn delete_identity(
        &self,
        user_id: &str,
        id: &str,
        mail: &OutboxMail,
        now: i64,
        audit: &mut Audit,
    ) -> Result<bool> {
        self.delete_noticed(
            "DELETE FROM identities WHERE id = $1 AND user_id = $2",
            user_id,
            id,
            mail,
            now,
            audit,
        )
        .await
    }
}
