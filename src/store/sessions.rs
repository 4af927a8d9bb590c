//! Sessions and their refresh tokens.

use sqlx::{Any, Transaction};

use super::provider::Ended;
use super::row::{IsSet, NullableText, Text};
use super::users::UserRow;
use super::Audit;
use super::Result;
use super::Store;
use crate::domain::{Amr, Session, User};

pub struct NewSession {
    pub id: String,
    pub user_id: String,
    /// The user's password epoch when the password (or other credential) was checked.
    pub password_epoch: i64,
    /// The authentication methods, space-separated (`pwd`, `pwd otp`, …).
    pub amr: String,
    /// When the user authenticated (Unix milliseconds).
    pub auth_time: i64,
    pub token_hash: String,
    pub refresh_hash: String,
    pub now: i64,
    pub expires_at: i64,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    /// `Some(passkeys)`: the session rests on one factor (a password, a mailed link, an
    /// external identity) because the account had no second factor when it was checked. It
    /// opens only if that still holds when it is written, under the user's row lock (which
    /// confirming TOTP and adding a passkey take too): no confirmed TOTP and, when `passkeys`
    /// (they count as a second factor, `PORTCULLIS_REQUIRE_MFA`), no passkey.
    pub single_factor: Option<bool>,
    /// The administration console's session (only the console accepts it).
    pub console: bool,
}

/// What presenting a refresh token did.
#[derive(Debug)]
pub enum RefreshOutcome {
    /// The token was live: it is now spent and `new_hash` is the session's refresh token.
    Rotated(Box<Rotated>),
    /// The session is bound to another DPoP key than the one presented (or to one, and none
    /// was): nothing is spent or revoked.
    WrongKey,
    /// Already spent, but within the grace period: refused, session kept (two tabs racing).
    SpentWithinGrace,
    /// Already spent, after the grace period: treated as theft, the session is revoked.
    ReuseDetected,
    /// Unknown token, or its session is over.
    Invalid,
}

/// A rotated refresh token's session and user, and the organisation the session acts for.
#[derive(Debug)]
pub struct Rotated {
    pub session: Session,
    pub user: User,
    /// `sessions.active_org_id`: the organisation the session acts for, if it still may.
    pub active_org_id: Option<String>,
}

/// The columns of a [`Session`] (named `s_…`: they share rows with a user's), from `$alias`.
/// Decoded by [`SessionRow`]; `store::direct` reads them by position: keep their order.
#[rustfmt::skip]
macro_rules! session_columns {
    ($alias:literal) => {
        concat!(
            $alias, "id AS s_id, ", $alias, "user_id AS s_user_id, ",
            $alias, "created_at AS s_created_at, ", $alias, "last_used_at AS s_last_used_at, ",
            $alias, "expires_at AS s_expires_at, ", $alias, "ip AS s_ip, ",
            $alias, "user_agent AS s_user_agent, ", $alias, "amr AS s_amr, ",
            $alias, "auth_time AS s_auth_time, ", $alias, "console AS s_console"
        )
    };
}

/// A live session with its active user, selected `FROM $from WHERE $key = $1`: not revoked,
/// not expired, and opened with the user's current password. Decoded by [`LiveSession`];
/// `store::direct` decodes these columns by position: keep their order.
macro_rules! live_session_sql {
    ($from:literal, $key:literal) => {
        live_session_sql!($from, $key, "")
    };
    ($from:literal, $key:literal, $more_columns:literal) => {
        concat!(
            "SELECT ",
            session_columns!("s."),
            ", ",
            user_columns!("u."),
            ", t.confirmed_at AS t_confirmed",
            $more_columns,
            " FROM ",
            $from,
            " LEFT JOIN totp_factors t ON t.user_id = u.id WHERE ",
            $key,
            " = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND u.is_active = 1 ",
            "AND s.password_epoch = u.password_epoch"
        )
    };
}

const SQL_BY_TOKEN: &str =
    live_session_sql!("sessions s JOIN users u ON u.id = s.user_id", "s.token_hash");

const SQL_BY_ID: &str = live_session_sql!("sessions s JOIN users u ON u.id = s.user_id", "s.id");

const SESSION_USER_SQL_BY_REFRESH: &str = live_session_sql!(
    "refresh_tokens r JOIN sessions s ON s.id = r.session_id JOIN users u ON u.id = s.user_id",
    "r.token_hash",
    ", s.active_org_id AS s_active_org_id"
);

/// A [`LiveSession`] found by a refresh token, with the organisation it acts for.
#[derive(sqlx::FromRow)]
struct RefreshedSession {
    #[sqlx(flatten)]
    live: LiveSession,
    #[sqlx(rename = "s_active_org_id", try_from = "super::row::NullableText")]
    active_org_id: Option<String>,
}

/// A row of `session_columns!`.
#[derive(sqlx::FromRow)]
pub(super) struct SessionRow {
    #[sqlx(rename = "s_id", try_from = "Text")]
    pub(super) id: String,
    #[sqlx(rename = "s_user_id", try_from = "Text")]
    pub(super) user_id: String,
    #[sqlx(rename = "s_created_at")]
    pub(super) created_at: i64,
    #[sqlx(rename = "s_last_used_at")]
    pub(super) last_used_at: i64,
    #[sqlx(rename = "s_expires_at")]
    pub(super) expires_at: i64,
    #[sqlx(rename = "s_ip", try_from = "NullableText")]
    pub(super) ip: Option<String>,
    #[sqlx(rename = "s_user_agent", try_from = "NullableText")]
    pub(super) user_agent: Option<String>,
    #[sqlx(rename = "s_amr", try_from = "Text")]
    pub(super) amr: String,
    #[sqlx(rename = "s_auth_time")]
    pub(super) auth_time: i64,
    #[sqlx(rename = "s_console", try_from = "super::row::Flag")]
    pub(super) console: bool,
}

impl From<SessionRow> for Session {
    fn from(r: SessionRow) -> Self {
        Self {
            id: r.id,
            user_id: r.user_id,
            created_at: r.created_at,
            last_used_at: r.last_used_at,
            expires_at: r.expires_at,
            ip: r.ip,
            user_agent: r.user_agent,
            amr: Amr::split(&r.amr),
            auth_time: r.auth_time,
            console: r.console,
        }
    }
}

/// A live session with its user, as authenticating a request reads them (one query: a row of
/// `live_session_sql!`).
#[derive(Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct LiveSession {
    #[sqlx(flatten, try_from = "SessionRow")]
    pub session: Session,
    #[sqlx(flatten, try_from = "UserRow")]
    pub user: User,
    /// The user has a confirmed TOTP factor.
    #[sqlx(rename = "t_confirmed", try_from = "IsSet")]
    pub totp: bool,
}

/// What a live session is looked up by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SessionKey {
    /// The hash of a session cookie's token.
    Token,
    /// The session id (an access token's `sid`).
    Id,
}

impl SessionKey {
    /// The statement: `$1` the key, `$2` now.
    pub(super) fn sql(self) -> &'static str {
        match self {
            Self::Token => SQL_BY_TOKEN,
            Self::Id => SQL_BY_ID,
        }
    }
}

/// A refresh token's session, when it was spent, and the key its session is bound to.
#[derive(sqlx::FromRow)]
struct RefreshToken {
    #[sqlx(try_from = "Text")]
    session_id: String,
    spent_at: Option<i64>,
    #[sqlx(try_from = "super::row::NullableText")]
    dpop_jkt: Option<String>,
}

impl Store {
    /// Creates a session with its first refresh token, if the user's password epoch is still
    /// the one the credentials were checked against: the insert itself is conditional on it,
    /// so a login that raced a password reset opens nothing (`Ok(false)`), and one whose
    /// insert slipped in before the reset committed is dead anyway, because every use of a
    /// session compares the epochs. `replaces`: the hash of a session token the client
    /// presented at login; that session is revoked (a login never reuses one).
    pub async fn create_session(
        &self,
        s: &NewSession,
        replaces: Option<&str>,
        audit: &mut Audit,
    ) -> Result<bool> {
        macro_rules! insert {
            ($tail:literal) => {
                concat!(
                    "INSERT INTO sessions (id, user_id, password_epoch, amr, auth_time, ",
                    "token_hash, created_at, last_used_at, expires_at, ip, user_agent, console) ",
                    "SELECT $1, id, password_epoch, $2, $3, $4, $5, $6, $7, $8, $9, $10 FROM users ",
                    "WHERE id = $11 AND password_epoch = $12 AND is_active = 1",
                    $tail
                )
            };
        }
        let mut tx = self.begin().await?;
        let sql = match s.single_factor {
            None => insert!(""),
            Some(passkeys) => {
                // A second factor confirmed meanwhile (its transaction took this lock first)
                // is seen by the insert below; one confirmed after waits for this session
                // and ends it.
                self.lock_user_in(&mut tx, &s.user_id).await?;
                if passkeys {
                    insert!(
                        " AND NOT EXISTS (SELECT 1 FROM totp_factors t WHERE t.user_id = \
                         users.id AND t.confirmed_at IS NOT NULL) AND NOT EXISTS \
                         (SELECT 1 FROM passkeys p WHERE p.user_id = users.id)"
                    )
                } else {
                    insert!(
                        " AND NOT EXISTS (SELECT 1 FROM totp_factors t WHERE t.user_id = \
                         users.id AND t.confirmed_at IS NOT NULL)"
                    )
                }
            }
        };
        let n = self
            .q(sql)
            .bind(s.id.clone())
            .bind(s.amr.clone())
            .bind(s.auth_time)
            .bind(s.token_hash.clone())
            .bind(s.now)
            .bind(s.now)
            .bind(s.expires_at)
            .bind(s.ip.clone())
            .bind(s.user_agent.clone())
            .bind(i64::from(s.console))
            .bind(s.user_id.clone())
            .bind(s.password_epoch)
            .execute(self.on(&mut *tx))
            .await?
            .rows_affected();
        if n != 1 {
            return Ok(false);
        }
        self.q(
            "INSERT INTO refresh_tokens (token_hash, session_id, created_at) VALUES ($1, $2, $3)",
        )
        .bind(s.refresh_hash.clone())
        .bind(s.id.clone())
        .bind(s.now)
        .execute(self.on(&mut *tx))
        .await?;
        if let Some(old) = replaces {
            self.q(
                "UPDATE sessions SET revoked_at = $1 WHERE token_hash = $2 AND revoked_at IS NULL",
            )
            .bind(s.now)
            .bind(old.to_owned())
            .execute(self.on(&mut *tx))
            .await?;
        }
        self.commit_change(tx, Some(&s.user_id), audit).await?;
        Ok(true)
    }

    /// Moves live sessions of `user_id` (only `only` when given) to the user's current
    /// password epoch, inside the transaction that changed it: the sessions a password change
    /// deliberately keeps.
    pub(super) async fn carry_sessions_in(
        &self,
        tx: &mut Transaction<'static, Any>,
        user_id: &str,
        only: Option<&str>,
    ) -> Result<()> {
        let sql = match only {
            Some(_) => {
                "UPDATE sessions SET password_epoch = \
                 (SELECT password_epoch FROM users WHERE id = $1) WHERE user_id = $2 \
                 AND revoked_at IS NULL AND id = $3"
            }
            None => {
                "UPDATE sessions SET password_epoch = \
                 (SELECT password_epoch FROM users WHERE id = $1) WHERE user_id = $2 \
                 AND revoked_at IS NULL"
            }
        };
        let mut q = self.q(sql).bind(user_id.to_owned()).bind(user_id.to_owned());
        if let Some(id) = only {
            q = q.bind(id.to_owned());
        }
        q.execute(self.on(&mut **tx)).await?;
        Ok(())
    }

    /// The live session named by a session-cookie token hash, with its (active) user.
    /// `Ok(None)`: unknown, revoked, expired, or the user is disabled.
    pub async fn session_by_token(
        &self,
        token_hash: &str,
        now: i64,
    ) -> Result<Option<LiveSession>> {
        self.live_session(SessionKey::Token, token_hash, now).await
    }

    /// The live session with this id (from an access token's `sid`). `Ok(None)` as above.
    pub async fn session_by_id(&self, id: &str, now: i64) -> Result<Option<LiveSession>> {
        self.live_session(SessionKey::Id, id, now).await
    }

    /// The one read of every authenticated request. On an SQLite file it runs inline
    /// (`store::direct`); there, and on every other database, the pool answers when that path
    /// cannot. Both read the same statement into the same [`LiveSession`].
    async fn live_session(
        &self,
        by: SessionKey,
        key: &str,
        now: i64,
    ) -> Result<Option<LiveSession>> {
        if let Some(found) = self.direct.as_ref().and_then(|d| d.live_session(by, key, now)) {
            return Ok(found);
        }
        self.pooled_live_session(by, key, now).await
    }

    /// [`Store::live_session`] without the SQLite shortcut: on a database server through the
    /// hot path (`store::hot`) or the pool.
    pub(super) async fn pooled_live_session(
        &self,
        by: SessionKey,
        key: &str,
        now: i64,
    ) -> Result<Option<LiveSession>> {
        let build = || self.q_as(by.sql()).bind(key.to_owned()).bind(now);
        Ok(self.hot_optional(build).await?)
    }

    /// Records use of a session, at most once per `min_interval_ms` (one cheap write a minute
    /// instead of one per request).
    pub async fn touch_session(&self, id: &str, now: i64, min_interval_ms: i64) -> Result<()> {
        self.q("UPDATE sessions SET last_used_at = $1 WHERE id = $2 AND last_used_at < $3")
            .bind(now)
            .bind(id.to_owned())
            .bind(now - min_interval_ms)
            .execute(self.db())
            .await?;
        Ok(())
    }

    /// Revokes one session. `false`: it was not live.
    pub async fn revoke_session(&self, id: &str, now: i64, audit: &mut Audit) -> Result<bool> {
        let mut tx = self.begin().await?;
        let n = self
            .q("UPDATE sessions SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
            .bind(now)
            .bind(id.to_owned())
            .execute(self.on(&mut *tx))
            .await?
            .rows_affected();
        if n != 1 {
            return Ok(false);
        }
        self.queue_logouts_in(&mut tx, Ended::Session(id), now).await?;
        self.commit_change(tx, None, audit).await?;
        Ok(true)
    }

    /// Revokes one of `user_id`'s live sessions. `false`: no such live session of this user.
    pub async fn revoke_user_session(
        &self,
        user_id: &str,
        id: &str,
        now: i64,
        audit: &mut Audit,
    ) -> Result<bool> {
        let mut tx = self.begin().await?;
        let n = self
            .q("UPDATE sessions SET revoked_at = $1 WHERE id = $2 AND user_id = $3 \
                AND revoked_at IS NULL AND expires_at > $4")
            .bind(now)
            .bind(id.to_owned())
            .bind(user_id.to_owned())
            .bind(now)
            .execute(self.on(&mut *tx))
            .await?
            .rows_affected();
        if n != 1 {
            return Ok(false);
        }
        self.queue_logouts_in(&mut tx, Ended::Session(id), now).await?;
        self.commit_change(tx, Some(user_id), audit).await?;
        Ok(true)
    }

    /// Revokes every live session of `user_id` except `keep`. Returns how many.
    pub async fn revoke_sessions(
        &self,
        user_id: &str,
        keep: Option<&str>,
        now: i64,
        audit: &mut Audit,
    ) -> Result<u64> {
        let mut tx = self.begin().await?;
        let n = self.revoke_sessions_in(&mut tx, user_id, keep, now).await?;
        if n > 0 {
            self.commit_change(tx, Some(user_id), audit).await?;
        }
        Ok(n)
    }

    pub(super) async fn revoke_sessions_in(
        &self,
        tx: &mut Transaction<'static, Any>,
        user_id: &str,
        keep: Option<&str>,
        now: i64,
    ) -> Result<u64> {
        let n = self
            .q("UPDATE sessions SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL \
                AND id <> $3")
            .bind(now)
            .bind(user_id.to_owned())
            .bind(keep.unwrap_or("").to_owned())
            .execute(self.on(&mut **tx))
            .await?
            .rows_affected();
        if n > 0 {
            self.queue_logouts_in(tx, Ended::User(user_id), now).await?;
        }
        Ok(n)
    }

    /// The live sessions of a user, most recently used first.
    pub async fn list_sessions(&self, user_id: &str, now: i64) -> Result<Vec<Session>> {
        const SQL: &str = concat!(
            "SELECT ",
            session_columns!(""),
            " FROM sessions WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2 \
             ORDER BY last_used_at DESC, id"
        );
        let rows: Vec<SessionRow> =
            self.q_as(SQL).bind(user_id.to_owned()).bind(now).fetch_all(self.db()).await?;
        Ok(rows.into_iter().map(Session::from).collect())
    }

    /// The DPoP key session `session_id` is bound to, if any.
    pub async fn session_dpop_key(&self, session_id: &str) -> Result<Option<String>> {
        let jkt: Option<super::row::NullableText> = self
            .q_scalar("SELECT dpop_jkt FROM sessions WHERE id = $1")
            .bind(session_id.to_owned())
            .fetch_optional(self.db())
            .await?;
        Ok(jkt.and_then(|j| j.0))
    }

    /// Spends refresh token `old_hash` and makes `new_hash` its session's, in one transaction
    /// with the session's DPoP binding: a session bound to a key needs `jkt` to be that key
    /// (otherwise nothing changes: [`RefreshOutcome::WrongKey`]), and an unbound one presented
    /// with a key is bound to it.
    pub async fn rotate_refresh(
        &self,
        old_hash: &str,
        new_hash: &str,
        jkt: Option<&str>,
        now: i64,
        grace_ms: i64,
    ) -> Result<RefreshOutcome> {
        let mut tx = self.begin().await?;
        let spent = self
            .q("UPDATE refresh_tokens SET spent_at = $1 WHERE token_hash = $2 AND spent_at IS NULL")
            .bind(now)
            .bind(old_hash.to_owned())
            .execute(self.on(&mut *tx))
            .await?
            .rows_affected();
        if spent == 1 {
            let found: Option<RefreshedSession> = self
                .q_as(SESSION_USER_SQL_BY_REFRESH)
                .bind(old_hash.to_owned())
                .bind(now)
                .fetch_optional(self.on(&mut *tx))
                .await?;
            let Some(RefreshedSession { live: LiveSession { session, user, .. }, active_org_id }) =
                found
            else {
                // A live token of a dead session: nothing to rotate.
                self.commit(tx).await?;
                return Ok(RefreshOutcome::Invalid);
            };
            // Its key, if bound, must be the one presented; unbound, it takes the presented one.
            let touched = self
                .q("UPDATE sessions SET last_used_at = $1, dpop_jkt = COALESCE(dpop_jkt, $2) \
                    WHERE id = $3 AND (dpop_jkt IS NULL OR dpop_jkt = $4)")
                .bind(now)
                .bind(jkt.map(str::to_owned))
                .bind(session.id.clone())
                .bind(jkt.map(str::to_owned))
                .execute(self.on(&mut *tx))
                .await?
                .rows_affected();
            if touched == 0 {
                drop(tx);
                return Ok(RefreshOutcome::WrongKey);
            }
            self.q("INSERT INTO refresh_tokens (token_hash, session_id, created_at) VALUES ($1, $2, $3)")
                .bind(new_hash.to_owned())
                .bind(session.id.clone())
                .bind(now)
                .execute(self.on(&mut *tx))
                .await?;
            self.commit(tx).await?;
            return Ok(RefreshOutcome::Rotated(Box::new(Rotated { session, user, active_org_id })));
        }
        drop(tx);
        let token: Option<RefreshToken> = self
            .q_as(
                "SELECT r.session_id, r.spent_at, s.dpop_jkt FROM refresh_tokens r \
                   JOIN sessions s ON s.id = r.session_id WHERE r.token_hash = $1",
            )
            .bind(old_hash.to_owned())
            .fetch_optional(self.db())
            .await?;
        let Some(RefreshToken { session_id, spent_at, dpop_jkt }) = token else {
            return Ok(RefreshOutcome::Invalid);
        };
        // Replayed without the bound session's key: refused before it counts as reuse.
        if dpop_jkt.is_some() && dpop_jkt.as_deref() != jkt {
            return Ok(RefreshOutcome::WrongKey);
        }
        match spent_at {
            Some(at) if now - at <= grace_ms => Ok(RefreshOutcome::SpentWithinGrace),
            _ => {
                // Someone holds a token that was already rotated away: the legitimate client
                // or the thief. Revoking the session stops both; the user logs in again.
                self.revoke_session(&session_id, now, &mut Audit::none()).await?;
                Ok(RefreshOutcome::ReuseDetected)
            }
        }
    }
}
