//! Passkeys and the WebAuthn ceremonies that register and use them. A ceremony is spent by one
//! conditional `UPDATE` (so it finishes once, on whichever node), and a sign counter only
//! moves forward by one conditional `UPDATE` (so two uses of one counter value cannot both
//! pass).

use super::row::{Flag, NullableText, Text};
use super::{Audit, OutboxMail, Result, SessionFence, Store};

/// What storing a new passkey did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasskeyInsert {
    Inserted,
    /// That credential is registered already (to anyone).
    Taken,
    /// The account holds as many passkeys as it may.
    Full,
    /// The session adding it ended meanwhile (a second factor confirmed since ends the
    /// sessions that did not prove it).
    SessionEnded,
}

/// A registered passkey.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredPasskey {
    #[sqlx(try_from = "Text")]
    pub id: String,
    #[sqlx(try_from = "Text")]
    pub user_id: String,
    #[sqlx(try_from = "Text")]
    pub credential_id: String,
    #[sqlx(try_from = "Text")]
    pub user_handle: String,
    #[sqlx(try_from = "Text")]
    pub name: String,
    /// webauthn-rs's record, as JSON (public key, counter, flags: nothing secret).
    #[sqlx(try_from = "Text")]
    pub credential: String,
    pub sign_count: i64,
    #[sqlx(try_from = "Flag")]
    pub backup_eligible: bool,
    #[sqlx(try_from = "Flag")]
    pub backup_state: bool,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
}

/// A ceremony begun: what finishing it needs.
#[derive(Debug, sqlx::FromRow)]
pub struct Ceremony {
    #[sqlx(try_from = "Text")]
    pub purpose: String,
    #[sqlx(try_from = "NullableText")]
    pub user_id: Option<String>,
    #[sqlx(try_from = "NullableText")]
    pub mfa_hash: Option<String>,
    /// webauthn-rs's state, as JSON.
    #[sqlx(try_from = "Text")]
    pub state: String,
}

/// An unspent ceremony of a user's (`insert_user_ceremony`).
#[derive(sqlx::FromRow)]
struct PendingCeremony {
    #[sqlx(try_from = "Text")]
    token_hash: String,
    expires_at: i64,
}

macro_rules! passkey_sql {
    ($tail:literal) => {
        concat!(
            "SELECT id, user_id, credential_id, user_handle, name, credential, sign_count, ",
            "backup_eligible, backup_state, created_at, last_used_at FROM passkeys ",
            $tail
        )
    };
}

impl Store {
    /// The user's passkeys, oldest first.
    pub async fn passkeys(&self, user_id: &str) -> Result<Vec<StoredPasskey>> {
        const SQL: &str = passkey_sql!("WHERE user_id = $1 ORDER BY created_at, id");
        Ok(self.q_as(SQL).bind(user_id.to_owned()).fetch_all(self.db()).await?)
    }

    /// The passkey with this credential id (its SHA-256, `credential_hash`).
    pub async fn passkey_by_credential(
        &self,
        credential_hash: &str,
    ) -> Result<Option<StoredPasskey>> {
        const SQL: &str = passkey_sql!("WHERE credential_hash = $1");
        Ok(self.q_as(SQL).bind(credential_hash.to_owned()).fetch_optional(self.db()).await?)
    }

    /// Stores a new passkey and queues `mail` (the owner's notice) with it, unless the user
    /// holds `max` passkeys already. `fence`: applied to the user's sessions when this is the
    /// account's first passkey (it has just become its second factor). `by_session`: the
    /// session adding it, which must still be live under the user's row lock. Nothing changes
    /// unless the answer is [`PasskeyInsert::Inserted`].
    #[allow(clippy::too_many_arguments)]
    pub async fn insert_passkey(
        &self,
        p: &StoredPasskey,
        credential_hash: &str,
        mail: &OutboxMail,
        max: i64,
        fence: Option<&SessionFence<'_>>,
        by_session: Option<&str>,
        audit: &mut Audit,
    ) -> Result<PasskeyInsert> {
        let mut tx = self.begin().await?;
        // The limit is counted where the row is written, under the user's row lock (SQLite's
        // write lock): registrations finishing at once queue here, so none sees a count that
        // another is about to raise.
        self.lock_user_in(&mut tx, &p.user_id).await?;
        // Confirming TOTP takes the same lock and ends the sessions that did not prove it: a
        // registration that such a session was finishing stops here.
        if let Some(session) = by_session {
            let live = self
                .q("SELECT id FROM sessions WHERE id = $1 AND user_id = $2 \
                    AND revoked_at IS NULL")
                .bind(session.to_owned())
                .bind(p.user_id.clone())
                .fetch_optional(self.on(&mut *tx))
                .await?;
            if live.is_none() {
                return Ok(PasskeyInsert::SessionEnded);
            }
        }
        let held: i64 = self
            .q_scalar("SELECT COUNT(*) FROM passkeys WHERE user_id = $1")
            .bind(p.user_id.clone())
            .fetch_one(self.on(&mut *tx))
            .await?;
        if held >= max {
            return Ok(PasskeyInsert::Full);
        }
        let inserted = self
            .q("INSERT INTO passkeys (id, user_id, credential_hash, credential_id, user_handle, \
                name, credential, sign_count, backup_eligible, backup_state, created_at) \
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
            .bind(p.id.clone())
            .bind(p.user_id.clone())
            .bind(credential_hash.to_owned())
            .bind(p.credential_id.clone())
            .bind(p.user_handle.clone())
            .bind(p.name.clone())
            .bind(p.credential.clone())
            .bind(p.sign_count)
            .bind(i64::from(p.backup_eligible))
            .bind(i64::from(p.backup_state))
            .bind(p.created_at)
            .execute(self.on(&mut *tx))
            .await;
        match inserted {
            Ok(_) => {}
            Err(e) if super::is_unique_violation(&e) => return Ok(PasskeyInsert::Taken),
            Err(e) => return Err(e.into()),
        }
        if let Some(fence) = fence.filter(|_| held == 0) {
            self.fence_sessions_in(&mut tx, &p.user_id, fence, p.created_at).await?;
        }
        self.enqueue(&mut tx, mail, p.created_at).await?;
        self.commit_change(tx, Some(&p.user_id), audit).await?;
        Ok(PasskeyInsert::Inserted)
    }

    /// Takes the user's row lock in `tx` (on SQLite, the database's write lock): the first
    /// statement of a transaction that counts the user's rows before adding one, or that
    /// changes what signing in to the account takes. Every one-factor login takes it too, so
    /// PostgreSQL and MariaDB lock with `SELECT … FOR UPDATE`, which writes no row version;
    /// SQLite has no row locks, and a write is what takes its lock up front.
    pub(super) async fn lock_user_in(
        &self,
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        user_id: &str,
    ) -> Result<()> {
        let sql = match self.backend {
            super::Backend::Sqlite => "UPDATE users SET updated_at = updated_at WHERE id = $1",
            _ => "SELECT id FROM users WHERE id = $1 FOR UPDATE",
        };
        self.q(sql).bind(user_id.to_owned()).execute(self.on(&mut **tx)).await?;
        Ok(())
    }

    /// Records a use: the new record and counter, only if the stored counter is still
    /// `seen_count` (the one the check ran against). `false`: another use got there first.
    pub async fn record_passkey_use(
        &self,
        id: &str,
        seen_count: i64,
        p: &StoredPasskey,
        now: i64,
    ) -> Result<bool> {
        let n = self
            .q("UPDATE passkeys SET credential = $1, sign_count = $2, backup_eligible = $3, \
                backup_state = $4, last_used_at = $5 WHERE id = $6 AND sign_count = $7")
            .bind(p.credential.clone())
            .bind(p.sign_count)
            .bind(i64::from(p.backup_eligible))
            .bind(i64::from(p.backup_state))
            .bind(now)
            .bind(id.to_owned())
            .bind(seen_count)
            .execute(self.db())
            .await?
            .rows_affected();
        Ok(n == 1)
    }

    /// Renames one of the user's passkeys. `false`: no such passkey of theirs.
    pub async fn rename_passkey(&self, user_id: &str, id: &str, name: &str) -> Result<bool> {
        let n = self
            .q("UPDATE passkeys SET name = $1 WHERE id = $2 AND user_id = $3")
            .bind(name.to_owned())
            .bind(id.to_owned())
            .bind(user_id.to_owned())
            .execute(self.db())
            .await?
            .rows_affected();
        Ok(n == 1)
    }

    /// Deletes one of the user's passkeys and queues `mail` (the owner's notice) with it.
    /// `false`: no such passkey of theirs; nothing changed.
    pub async fn delete_passkey(
        &self,
        user_id: &str,
        id: &str,
        mail: &OutboxMail,
        now: i64,
        audit: &mut Audit,
    ) -> Result<bool> {
        self.delete_noticed(
            "DELETE FROM passkeys WHERE id = $1 AND user_id = $2",
            user_id,
            id,
            mail,
            now,
            audit,
        )
        .await
    }

    /// How many passkeys the user has.
    pub async fn passkey_count(&self, user_id: &str) -> Result<i64> {
        Ok(self
            .q_scalar("SELECT COUNT(*) FROM passkeys WHERE user_id = $1")
            .bind(user_id.to_owned())
            .fetch_one(self.db())
            .await?)
    }

    /// Stores a ceremony begun (not tied to a user, or tied to one by a login's challenge).
    #[allow(clippy::too_many_arguments)]
    pub async fn insert_ceremony(
        &self,
        token_hash: &str,
        purpose: &str,
        user_id: Option<&str>,
        mfa_hash: Option<&str>,
        state: &str,
        now: i64,
        expires_at: i64,
    ) -> Result<()> {
        self.ceremony_insert(token_hash, purpose, user_id, mfa_hash, state, now, expires_at)
            .execute(self.db())
            .await?;
        Ok(())
    }

    /// Stores a ceremony `purpose` begun by `user_id`, keeping at most `live` of that user's
    /// unspent, unexpired ceremonies of that purpose: the oldest beyond it stop working.
    /// Under the user's row lock, so starts at once cannot leave more.
    #[allow(clippy::too_many_arguments)]
    pub async fn insert_user_ceremony(
        &self,
        token_hash: &str,
        purpose: &str,
        user_id: &str,
        state: &str,
        now: i64,
        expires_at: i64,
        live: usize,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        self.lock_user_in(&mut tx, user_id).await?;
        let rows: Vec<PendingCeremony> = self
            .q_as(
                "SELECT token_hash, expires_at FROM webauthn_ceremonies WHERE user_id = $1 \
                 AND purpose = $2 AND used_at IS NULL ORDER BY expires_at DESC, token_hash DESC",
            )
            .bind(user_id.to_owned())
            .bind(purpose.to_owned())
            .fetch_all(self.on(&mut *tx))
            .await?;
        // Newest first: the new one and `live - 1` of these stay; expired ones go too. A row
        // spent meanwhile (`used_at` set) is left to the sweep: its finish is under way.
        let mut kept = 0;
        for row in rows {
            if row.expires_at > now && kept + 1 < live {
                kept += 1;
                continue;
            }
            self.q("DELETE FROM webauthn_ceremonies WHERE token_hash = $1 AND used_at IS NULL")
                .bind(row.token_hash)
                .execute(self.on(&mut *tx))
                .await?;
        }
        self.ceremony_insert(token_hash, purpose, Some(user_id), None, state, now, expires_at)
            .execute(self.on(&mut *tx))
            .await?;
        self.commit(tx).await?;
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn ceremony_insert<'q>(
        &self,
        token_hash: &str,
        purpose: &str,
        user_id: Option<&str>,
        mfa_hash: Option<&str>,
        state: &str,
        now: i64,
        expires_at: i64,
    ) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
        self.q("INSERT INTO webauthn_ceremonies (token_hash, purpose, user_id, mfa_hash, state, \
                created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(token_hash.to_owned())
            .bind(purpose.to_owned())
            .bind(user_id.map(str::to_owned))
            .bind(mfa_hash.map(str::to_owned))
            .bind(state.to_owned())
            .bind(now)
            .bind(expires_at)
    }

    /// Spends a live ceremony and answers it; `None` when unknown, expired or spent already
    /// (here or on another node).
    pub async fn take_ceremony(&self, token_hash: &str, now: i64) -> Result<Option<Ceremony>> {
        let n = self
            .q("UPDATE webauthn_ceremonies SET used_at = $1 \
                WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $3")
            .bind(now)
            .bind(token_hash.to_owned())
            .bind(now)
            .execute(self.db())
            .await?
            .rows_affected();
        if n != 1 {
            return Ok(None);
        }
        Ok(self
            .q_as(
                "SELECT purpose, user_id, mfa_hash, state FROM webauthn_ceremonies \
                 WHERE token_hash = $1",
            )
            .bind(token_hash.to_owned())
            .fetch_optional(self.db())
            .await?)
    }
}
