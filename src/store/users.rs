//! Users: create, find, change, delete.

use sqlx::{Any, Transaction};

use super::row::{Flag, NullableText, Text};
use super::Audit;
use super::Result;
use super::{is_unique_violation, MailThrottle, NewToken, OutboxMail, Store};
use crate::domain::User;

/// Which unique field a write collided with (`409`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Taken {
    Email,
    Username,
}

pub struct NewUser {
    pub id: String,
    pub email: String,
    pub email_key: String,
    pub username: Option<String>,
    pub username_key: Option<String>,
    /// UTS #39 skeleton of the username: unique, so a look-alike of a taken name is taken.
    pub username_skeleton: Option<String>,
    pub password_hash: String,
    pub email_verified: bool,
    pub now: i64,
    /// The language of the request that registered it, if one was chosen.
    pub locale: Option<String>,
}

impl NewUser {
    /// A new account, created now with a fresh time-ordered id.
    pub fn new(
        email: &crate::domain::Email,
        username: Option<&crate::domain::Username>,
        password_hash: String,
        email_verified: bool,
    ) -> Self {
        Self {
            id: uuid::Uuid::now_v7().to_string(),
            email: email.as_str().to_owned(),
            email_key: email.key(),
            username: username.map(|u| u.as_str().to_owned()),
            username_key: username.map(crate::domain::Username::key),
            username_skeleton: username.map(crate::domain::Username::skeleton),
            password_hash,
            email_verified,
            now: crate::clock::now_ms(),
            locale: None,
        }
    }
}

/// A user with the stored password hash, for the hasher only.
#[derive(sqlx::FromRow)]
pub struct UserWithHash {
    #[sqlx(flatten, try_from = "UserRow")]
    pub user: User,
    #[sqlx(try_from = "Text")]
    pub password_hash: String,
    /// Bumped by every password change or reset. A session opened after checking this hash
    /// records it, and is dead once the user's epoch moves on ([`Store::create_session`]).
    pub password_epoch: i64,
}

/// A profile update. An email change carries the verification token and mails it causes.
pub struct ProfileChange {
    /// The new username with its key and skeleton.
    pub username: Option<(String, String, String)>,
    pub email: Option<EmailChange>,
}

/// A requested email change: the verification token (carrying the new address) and the mails
/// it sends, each queued only while its throttle allows.
pub struct EmailChange {
    pub verification: NewToken,
    pub mails: Vec<(OutboxMail, MailThrottle)>,
}

/// Why a profile change was not applied.
/// What [`Store::delete_user`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserDeletion {
    Deleted,
    NotFound,
    /// Refused: the user is the only owner of these organisations (their names), which others
    /// belong to.
    SoleOwner(Vec<String>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileRefused {
    Taken(Taken),
    /// Too many email changes of this account, or to this address, lately.
    Throttled,
}

/// A row of `user_columns!()`.
#[derive(sqlx::FromRow)]
pub(super) struct UserRow {
    #[sqlx(try_from = "Text")]
    pub(super) id: String,
    #[sqlx(try_from = "Text")]
    pub(super) email: String,
    #[sqlx(try_from = "NullableText")]
    pub(super) username: Option<String>,
    #[sqlx(try_from = "Flag")]
    pub(super) is_active: bool,
    #[sqlx(try_from = "Flag")]
    pub(super) email_verified: bool,
    pub(super) created_at: i64,
    pub(super) updated_at: i64,
    #[sqlx(try_from = "NullableText")]
    pub(super) locale: Option<String>,
    #[sqlx(try_from = "Flag")]
    pub(super) is_admin: bool,
}

impl From<UserRow> for User {
    fn from(r: UserRow) -> Self {
        Self {
            id: r.id,
            email: r.email,
            username: r.username,
            is_active: r.is_active,
            email_verified: r.email_verified,
            created_at: r.created_at,
            updated_at: r.updated_at,
            locale: r.locale,
            is_admin: r.is_admin,
        }
    }
}

/// A stored password hash of a user (`foreign_password_hashes`).
#[derive(sqlx::FromRow)]
struct StoredHash {
    #[sqlx(try_from = "Text")]
    id: String,
    #[sqlx(try_from = "Text")]
    password_hash: String,
}

/// A [`UserWithHash`] selected by `$key = $1`.
macro_rules! user_with_hash_sql {
    ($key:literal) => {
        concat!(
            "SELECT ",
            user_columns!(),
            ", password_hash, password_epoch FROM users WHERE ",
            $key,
            " = $1"
        )
    };
}

impl Store {
    /// Inserts a user, with its verification token and mail in the same transaction.
    /// `Ok(Err(Taken))` when the email or username is already registered.
    pub async fn insert_user(
        &self,
        new: &NewUser,
        verification: Option<(&NewToken, &OutboxMail)>,
        audit: &mut Audit,
    ) -> Result<std::result::Result<User, Taken>> {
        let mut tx = self.begin().await?;
        let inserted = self
            .q("INSERT INTO users (id, email, email_key, username, username_key, \
                username_skeleton, key_version, password_hash, is_active, email_verified, \
                created_at, updated_at, proven_at, locale) \
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $10, $11, $12, $13)")
            .bind(new.id.clone())
            .bind(new.email.clone())
            .bind(new.email_key.clone())
            .bind(new.username.clone())
            .bind(new.username_key.clone())
            .bind(new.username_skeleton.clone())
            .bind(crate::domain::KEY_VERSION)
            .bind(new.password_hash.clone())
            .bind(i64::from(new.email_verified))
            .bind(new.now)
            .bind(new.now)
            .bind(new.email_verified.then_some(new.now))
            .bind(new.locale.clone())
            .execute(self.on(&mut *tx))
            .await;
        match inserted {
            Ok(_) => {}
            Err(e) if is_unique_violation(&e) => {
                drop(tx);
                return Ok(Err(self.which_taken(&new.email_key).await?));
            }
            Err(e) => return Err(e.into()),
        }
        if let Some((token, mail)) = verification {
            self.insert_token(&mut tx, token).await?;
            self.enqueue(&mut tx, mail, new.now).await?;
        }
        self.commit_change(tx, Some(&new.id), audit).await?;
        Ok(Ok(User {
            id: new.id.clone(),
            email: new.email.clone(),
            username: new.username.clone(),
            is_active: true,
            email_verified: new.email_verified,
            created_at: new.now,
            updated_at: new.now,
            locale: new.locale.clone(),
            is_admin: false,
        }))
    }

    async fn which_taken(&self, email_key: &str) -> Result<Taken> {
        let email_taken = self
            .q_scalar::<Text>("SELECT id FROM users WHERE email_key = $1")
            .bind(email_key.to_owned())
            .fetch_optional(self.db())
            .await?
            .is_some();
        Ok(if email_taken { Taken::Email } else { Taken::Username })
    }

    /// `Ok(None)`: no user has this email key.
    pub async fn user_by_email(&self, email_key: &str) -> Result<Option<UserWithHash>> {
        const SQL: &str = user_with_hash_sql!("email_key");
        Ok(self.q_as(SQL).bind(email_key.to_owned()).fetch_optional(self.db()).await?)
    }

    /// `Ok(None)`: no user has this username key.
    pub async fn user_by_username(&self, username_key: &str) -> Result<Option<UserWithHash>> {
        const SQL: &str = user_with_hash_sql!("username_key");
        Ok(self.q_as(SQL).bind(username_key.to_owned()).fetch_optional(self.db()).await?)
    }

    /// `Ok(None)`: no such user (deleted, or never existed).
    pub async fn user_by_id(&self, id: &str) -> Result<Option<UserWithHash>> {
        const SQL: &str = user_with_hash_sql!("id");
        Ok(self.q_as(SQL).bind(id.to_owned()).fetch_optional(self.db()).await?)
    }

    /// Up to `limit` stored password hashes that do not start with `native_prefix` (imported
    /// ones, or Argon2id made with other parameters), of users whose id sorts after `after`,
    /// in id order, as `(id, hash)`: pages for the hasher's startup calibration.
    pub async fn foreign_password_hashes(
        &self,
        native_prefix: &str,
        after: &str,
        limit: i64,
    ) -> Result<Vec<(String, String)>> {
        let rows: Vec<StoredHash> = self
            .q_as(
                "SELECT id, password_hash FROM users WHERE id > $1 AND password_hash NOT LIKE $2 \
                 ORDER BY id LIMIT $3",
            )
            .bind(after.to_owned())
            .bind(format!("{native_prefix}%"))
            .bind(limit)
            .fetch_all(self.db())
            .await?;
        Ok(rows.into_iter().map(|r| (r.id, r.password_hash)).collect())
    }

    /// Replaces a password hash with a stronger one of the same password (rehash at login).
    /// Only if it is still `old_hash`, so a concurrent password change is never overwritten.
    pub async fn upgrade_password_hash(
        &self,
        user_id: &str,
        old_hash: &str,
        new_hash: &str,
    ) -> Result<()> {
        self.q("UPDATE users SET password_hash = $1 WHERE id = $2 AND password_hash = $3")
            .bind(new_hash.to_owned())
            .bind(user_id.to_owned())
            .bind(old_hash.to_owned())
            .execute(self.db())
            .await?;
        Ok(())
    }

    /// Sets a new password, revokes every session but `keep_session` (which moves to the new
    /// password epoch), spends every outstanding reset link, and queues `mail`.
    pub async fn change_password(
        &self,
        user_id: &str,
        new_hash: &str,
        keep_session: Option<&str>,
        mail: &OutboxMail,
        now: i64,
        audit: &mut Audit,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        self.set_password_in(&mut tx, user_id, new_hash, None, now).await?;
        self.revoke_sessions_in(&mut tx, user_id, keep_session, now).await?;
        if let Some(keep) = keep_session {
            self.carry_sessions_in(&mut tx, user_id, Some(keep)).await?;
        }
        self.enqueue(&mut tx, mail, now).await?;
        self.commit_change(tx, Some(user_id), audit).await?;
        Ok(())
    }

    /// Sets the password hash and bumps the password epoch, which ends every session opened
    /// with the old password (they are checked against it on every use), and spends every
    /// outstanding reset link and pending email change of the user, and every application's
    /// grant (offline ones too: see [`Store::end_user_grants_in`]). `email_key`: only while
    /// the account still has this address (a mailed reset link); `false` when it has not.
    pub(super) async fn set_password_in(
        &self,
        tx: &mut Transaction<'static, Any>,
        user_id: &str,
        new_hash: &str,
        email_key: Option<&str>,
        now: i64,
    ) -> Result<bool> {
        let n = match email_key {
            None => {
                self.q("UPDATE users SET password_hash = $1, password_epoch = password_epoch + 1, \
                        password_breached_at = NULL, updated_at = $2 WHERE id = $3")
                    .bind(new_hash.to_owned())
                    .bind(now)
                    .bind(user_id.to_owned())
                    .execute(self.on(&mut **tx))
                    .await?
            }
            Some(key) => {
                // Following a mailed link proves the address, so it also verifies it.
                self.q("UPDATE users SET password_hash = $1, password_epoch = password_epoch + 1, \
                        password_breached_at = NULL, email_verified = 1, proven_at = COALESCE(proven_at, $2), updated_at = $3 \
                        WHERE id = $4 AND email_key = $5")
                    .bind(new_hash.to_owned())
                    .bind(now)
                    .bind(now)
                    .bind(user_id.to_owned())
                    .bind(key.to_owned())
                    .execute(self.on(&mut **tx))
                    .await?
            }
        };
        if n.rows_affected() != 1 {
            return Ok(false);
        }
        self.q("UPDATE one_time_tokens SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL \
                AND (purpose = $3 OR new_email IS NOT NULL)")
            .bind(now)
            .bind(user_id.to_owned())
            .bind(super::TokenPurpose::ResetPassword.as_str())
            .execute(self.on(&mut **tx))
            .await?;
        self.end_user_grants_in(tx, user_id, false, now).await?;
        Ok(true)
    }

    /// Applies a profile change: a new username at once; a new email address only as a
    /// pending change (a verification token carrying it, and its mails), which takes effect
    /// when the link is followed ([`Store::verify_email`]). Earlier pending changes are
    /// spent. `Ok(Err(_))` when the username is taken or a mail's throttle is closed.
    pub async fn update_profile(
        &self,
        user_id: &str,
        change: &ProfileChange,
        now: i64,
        audit: &mut Audit,
    ) -> Result<std::result::Result<(), ProfileRefused>> {
        let mut tx = self.begin().await?;
        // The opening write takes the user's row lock (and SQLite's write lock): concurrent
        // changes of one account queue here, so two cannot both find the throttle open.
        self.q("UPDATE users SET updated_at = $1 WHERE id = $2")
            .bind(now)
            .bind(user_id.to_owned())
            .execute(self.on(&mut *tx))
            .await?;
        if let Some((username, key, skeleton)) = &change.username {
            let r = self
                .q("UPDATE users SET username = $1, username_key = $2, username_skeleton = $3 \
                    WHERE id = $4")
                .bind(username.clone())
                .bind(key.clone())
                .bind(skeleton.clone())
                .bind(user_id.to_owned())
                .execute(self.on(&mut *tx))
                .await;
            if let Err(e) = r {
                return if is_unique_violation(&e) {
                    Ok(Err(ProfileRefused::Taken(Taken::Username)))
                } else {
                    Err(e.into())
                };
            }
        }
        if let Some(ec) = &change.email {
            for (mail, throttle) in &ec.mails {
                let to_key = crate::domain::email_key(&mail.to);
                if !self.mail_allowed(&mut tx, &to_key, mail.kind, *throttle, now).await? {
                    return Ok(Err(ProfileRefused::Throttled));
                }
            }
            self.q("UPDATE one_time_tokens SET used_at = $1 WHERE user_id = $2 \
                    AND new_email IS NOT NULL AND used_at IS NULL")
                .bind(now)
                .bind(user_id.to_owned())
                .execute(self.on(&mut *tx))
                .await?;
            self.insert_token(&mut tx, &ec.verification).await?;
            for (mail, _) in &ec.mails {
                self.enqueue(&mut tx, mail, now).await?;
            }
        }
        self.commit_change(tx, Some(user_id), audit).await?;
        Ok(Ok(()))
    }

    /// Sets (or with `None` clears) the user's language. `Ok(false)`: no such user.
    pub async fn set_locale(&self, user_id: &str, locale: Option<&str>, now: i64) -> Result<bool> {
        let done = self
            .q("UPDATE users SET locale = $1, updated_at = $2 WHERE id = $3")
            .bind(locale.map(str::to_owned))
            .bind(now)
            .bind(user_id.to_owned())
            .execute(self.db())
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Deletes a user with its sessions, refresh tokens and one-time tokens, unless it is the
    /// only owner of an organisation others belong to: those organisations are locked first, so
    /// that an owner leaving at the same moment cannot leave one ownerless.
    pub async fn delete_user(&self, user_id: &str, audit: &mut Audit) -> Result<UserDeletion> {
        let mut tx = self.begin().await?;
        let sole = self.orgs_only_owned_by_in(&mut tx, user_id).await?;
        if !sole.is_empty() {
            return Ok(UserDeletion::SoleOwner(sole));
        }
        if !self.delete_user_in(&mut tx, user_id).await? {
            return Ok(UserDeletion::NotFound);
        }
        self.commit_change(tx, Some(user_id), audit).await?;
        Ok(UserDeletion::Deleted)
    }

    /// [`Store::delete_user`] inside `tx`; `false`: no such user.
    pub(super) async fn delete_user_in(
        &self,
        tx: &mut Transaction<'static, Any>,
        user_id: &str,
    ) -> Result<bool> {
        let tx = &mut **tx;
        // Explicit deletes rather than relying on ON DELETE CASCADE being enforced.
        let n = self
            .q("DELETE FROM users WHERE id = $1")
            .bind(user_id.to_owned())
            .execute(self.on(&mut *tx))
            .await?
            .rows_affected();
        self.q("DELETE FROM refresh_tokens WHERE session_id IN \
                (SELECT id FROM sessions WHERE user_id = $1)")
            .bind(user_id.to_owned())
            .execute(self.on(&mut *tx))
            .await?;
        self.q("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id.to_owned())
            .execute(self.on(&mut *tx))
            .await?;
        for sql in [
            "DELETE FROM one_time_tokens WHERE user_id = $1",
            "DELETE FROM totp_factors WHERE user_id = $1",
            "DELETE FROM recovery_codes WHERE user_id = $1",
            "DELETE FROM mfa_challenges WHERE user_id = $1",
            "DELETE FROM passkeys WHERE user_id = $1",
            "DELETE FROM webauthn_ceremonies WHERE user_id = $1",
            "DELETE FROM email_logins WHERE user_id = $1",
            "DELETE FROM oauth_states WHERE link_user_id = $1",
            "DELETE FROM identities WHERE user_id = $1",
            // Its memberships go (an owner's left behind would still count as one).
            "DELETE FROM organization_team_members WHERE user_id = $1",
            "DELETE FROM organization_members WHERE user_id = $1",
        ] {
            self.q(sql).bind(user_id.to_owned()).execute(self.on(&mut *tx)).await?;
        }
        // An organisation no one belongs to any more goes with its last member.
        for sql in [
            "DELETE FROM organization_team_members WHERE team_id IN (SELECT id FROM \
             organization_teams WHERE organization_id NOT IN \
             (SELECT organization_id FROM organization_members))",
            "DELETE FROM organization_teams WHERE organization_id NOT IN \
             (SELECT organization_id FROM organization_members)",
            "DELETE FROM organization_invitations WHERE organization_id NOT IN \
             (SELECT organization_id FROM organization_members)",
            "DELETE FROM organizations WHERE id NOT IN \
             (SELECT organization_id FROM organization_members)",
        ] {
            self.q(sql).execute(self.on(&mut *tx)).await?;
        }
        Ok(n == 1)
    }

    /// Marks the account's password as found on the breached-password list, with `audit` (and
    /// `mail`, queued in the same transaction). `false`: it was already marked (nothing is
    /// written, nobody mailed again).
    pub async fn flag_breached_password(
        &self,
        user_id: &str,
        now: i64,
        mail: Option<&OutboxMail>,
        audit: &mut Audit,
    ) -> Result<bool> {
        let mut tx = self.begin().await?;
        let n = self
            .q("UPDATE users SET password_breached_at = $1 WHERE id = $2 \
                AND password_breached_at IS NULL")
            .bind(now)
            .bind(user_id.to_owned())
            .execute(self.on(&mut *tx))
            .await?
            .rows_affected();
        if n == 0 {
            return Ok(false);
        }
        if let Some(mail) = mail {
            self.enqueue(&mut tx, mail, now).await?;
        }
        self.commit_change(tx, Some(user_id), audit).await?;
        Ok(true)
    }

    /// Grants or revokes the administration console's role; a revocation also ends the
    /// account's console sessions, in the same transaction. `false`: no such account, or it
    /// already was so.
    pub async fn set_admin(
        &self,
        user_id: &str,
        admin: bool,
        now: i64,
        audit: &mut Audit,
    ) -> Result<bool> {
        let mut tx = self.begin().await?;
        let n = self
            .q("UPDATE users SET is_admin = $1, updated_at = $2 WHERE id = $3 AND is_admin <> $4")
            .bind(i64::from(admin))
            .bind(now)
            .bind(user_id.to_owned())
            .bind(i64::from(admin))
            .execute(self.on(&mut *tx))
            .await?
            .rows_affected();
        if n == 0 {
            return Ok(false);
        }
        if !admin {
            self.q("UPDATE sessions SET revoked_at = $1 WHERE user_id = $2 AND console = 1 \
                    AND revoked_at IS NULL")
                .bind(now)
                .bind(user_id.to_owned())
                .execute(self.on(&mut *tx))
                .await?;
        }
        self.commit_change(tx, Some(user_id), audit).await?;
        Ok(true)
    }

    /// Enables or disables an account; disabling also revokes its sessions.
    pub async fn set_active(
        &self,
        user_id: &str,
        active: bool,
        now: i64,
        audit: &mut Audit,
    ) -> Result<bool> {
        let mut tx = self.begin().await?;
        let n = self
            .q("UPDATE users SET is_active = $1, updated_at = $2 WHERE id = $3")
            .bind(i64::from(active))
            .bind(now)
            .bind(user_id.to_owned())
            .execute(self.on(&mut *tx))
            .await?
            .rows_affected();
        if n != 1 {
            return Ok(false);
        }
        if !active {
            self.revoke_sessions_in(&mut tx, user_id, None, now).await?;
        }
        self.commit_change(tx, Some(user_id), audit).await?;
        Ok(true)
    }

    /// Every user, oldest first (administration).
    pub async fn list_users(&self) -> Result<Vec<User>> {
        const SQL: &str =
            concat!("SELECT ", user_columns!(), " FROM users ORDER BY created_at, id");
        let rows: Vec<UserRow> = self.q_as(SQL).fetch_all(self.db()).await?;
        Ok(rows.into_iter().map(User::from).collect())
    }
}
