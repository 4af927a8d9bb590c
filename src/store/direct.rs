//! The one hot read of every authenticated request, on SQLite, without sqlx's hand-offs.
//!
//! sqlx runs each SQLite connection on a thread of its own: a query is sent there and its
//! rows sent back, two cross-thread wake-ups that cost more CPU than the point lookup itself
//! (a profile of `GET /api/auth/user` put a third of the time there). A session lookup by
//! primary key or unique index is a few microseconds of B-tree reads, so here it runs inline,
//! on a connection of this store's own, taken from a small stack and put back (never held
//! across an await). WAL mode means a read never waits for a writer; should the database be
//! busy all the same (a checkpoint restarting the log), or anything else go wrong, the caller
//! falls back to the pool, so this path can only ever be a shortcut.
//!
//! Every lookup is a fresh read transaction, so it sees every committed logout, revocation
//! and password change at once, exactly as the pool does.

use std::path::PathBuf;
use std::sync::Mutex;

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use super::sessions::LiveSession;
use crate::domain::{Amr, Session, User};

/// How many idle connections are kept (a lookup holds one for microseconds, on a runtime
/// worker thread, so more than one per worker is never needed).
const KEEP: usize = 4;

pub(super) struct DirectReads {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
}

impl DirectReads {
    /// For a file database (not `:memory:`, whose connections each see their own database).
    pub(super) fn for_url(url: &str) -> Option<Self> {
        use std::str::FromStr;
        let options = sqlx::sqlite::SqliteConnectOptions::from_str(url).ok()?;
        let path = options.get_filename().to_path_buf();
        let name = path.to_string_lossy();
        if name.is_empty() || name.contains(":memory:") {
            return None;
        }
        Some(Self { path, idle: Mutex::new(Vec::new()) })
    }

    fn open(&self) -> rusqlite::Result<Connection> {
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        // Never wait: a busy database sends the caller to the pool instead.
        conn.busy_timeout(std::time::Duration::ZERO)?;
        conn.pragma_update(None, "query_only", true)?;
        Ok(conn)
    }

    /// The live session `sql` selects for `key` at `now` (see `live_session_sql!`).
    /// `None`: this path could not answer; ask the pool.
    pub(super) fn live_session(
        &self,
        sql: &str,
        key: &str,
        now: i64,
    ) -> Option<Option<LiveSession>> {
        let taken = self.idle.lock().ok()?.pop();
        let conn = match taken {
            Some(c) => c,
            None => match self.open() {
                Ok(c) => c,
                Err(e) => {
                    tracing::debug!(error = %e, "direct SQLite read unavailable");
                    return None;
                }
            },
        };
        let found = conn
            .prepare_cached(sql)
            .and_then(|mut statement| {
                statement.query_row(rusqlite::params![key, now], live_session).optional()
            })
            .map_err(|e| tracing::debug!(error = %e, "direct SQLite read failed; using the pool"))
            .ok();
        if let Ok(mut idle) = self.idle.lock() {
            if idle.len() < KEEP {
                idle.push(conn);
            }
        }
        found
    }
}

/// Decodes a row of `live_session_sql!`, by position (its column order: session, user, TOTP);
/// a lookup by name compares every column name, which cost more than the B-tree walk.
fn live_session(row: &rusqlite::Row<'_>) -> rusqlite::Result<LiveSession> {
    let session = Session {
        id: row.get(0)?,
        user_id: row.get(1)?,
        created_at: row.get(2)?,
        last_used_at: row.get(3)?,
        expires_at: row.get(4)?,
        ip: row.get(5)?,
        user_agent: row.get(6)?,
        amr: Amr::split(&row.get::<_, String>(7)?),
        auth_time: row.get(8)?,
    };
    let user = User {
        id: row.get(9)?,
        email: row.get(10)?,
        username: row.get(11)?,
        is_active: row.get::<_, i64>(12)? != 0,
        email_verified: row.get::<_, i64>(13)? != 0,
        created_at: row.get(14)?,
        updated_at: row.get(15)?,
    };
    let totp = row.get::<_, Option<i64>>(16)?.is_some();
    Ok(LiveSession { session, user, totp })
}

#[cfg(test)]
mod tests {
    use super::super::{NewSession, NewUser, Store};
    use crate::config::DatabaseUrl;

    /// The direct path answers (it does not silently leave every lookup to the pool), and
    /// sees a revocation committed through the pool at once.
    #[tokio::test]
    async fn direct_lookups_answer_and_see_revocations_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/direct.db", dir.path().display());
        let store = Store::connect(&DatabaseUrl::new(url)).await.unwrap();
        store.migrate().await.unwrap();
        let email = crate::domain::Email::parse("direct@example.com").unwrap();
        let user = NewUser::new(&email, None, "!none".into(), true);
        store.insert_user(&user, None, &mut crate::store::Audit::none()).await.unwrap().unwrap();
        let now = crate::clock::now_ms();
        let session = NewSession {
            id: "s-direct".into(),
            user_id: user.id.clone(),
            password_epoch: 0,
            amr: "pwd".into(),
            auth_time: now,
            token_hash: "token-hash".into(),
            refresh_hash: "refresh-hash".into(),
            now,
            expires_at: now + 60_000,
            ip: None,
            user_agent: None,
            single_factor: None,
        };
        assert!(store
            .create_session(&session, None, &mut crate::store::Audit::none())
            .await
            .unwrap());
        let direct = store.direct.as_ref().expect("a file database reads directly");
        let found = direct.live_session(super::super::sessions::SQL_BY_ID, "s-direct", now);
        let live = found.expect("answered directly").expect("live");
        assert_eq!(live.user.id, user.id);
        assert_eq!(live.user.email, "direct@example.com");
        assert_eq!((live.session.id.as_str(), live.session.expires_at), ("s-direct", now + 60_000));
        assert!(live.user.is_active && !live.totp);
        let by_token = direct.live_session(super::super::sessions::SQL_BY_TOKEN, "token-hash", now);
        assert!(by_token.expect("answered directly").is_some());
        assert!(store
            .revoke_session("s-direct", now, &mut crate::store::Audit::none())
            .await
            .unwrap());
        let found = direct.live_session(super::super::sessions::SQL_BY_ID, "s-direct", now);
        assert!(found.expect("answered directly").is_none(), "revoked at once");
    }
}
