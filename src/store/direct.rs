//! The hot reads on SQLite without sqlx's hand-offs: the session of every authenticated
//! request, and the provider's client and grant behind every token, userinfo and
//! introspection request.
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

use super::sessions::{LiveSession, SessionKey, SessionRow};
use super::users::UserRow;

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

    /// The live session `by` `key` at `now` (the statement `Store::live_session` runs through
    /// the pool). `None`: this path could not answer; ask the pool.
    pub(super) fn live_session(
        &self,
        by: SessionKey,
        key: &str,
        now: i64,
    ) -> Option<Option<LiveSession>> {
        self.read_one(by.sql(), rusqlite::params![key, now], live_session)
    }

    /// The one row or none of `sql` (a read of the pool's statements, by primary key or a
    /// unique index) with `params`, decoded by position by `decode`. `None`: this path could
    /// not answer; ask the pool.
    pub(super) fn read_one<T>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
        decode: impl FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Option<Option<T>> {
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
            .and_then(|mut statement| statement.query_row(params, decode).optional())
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

/// The columns of `user_columns!` from position `at` on, as the pool's decoder makes them.
pub(super) fn user_at(row: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<UserRow> {
    Ok(UserRow {
        id: row.get(at)?,
        email: row.get(at + 1)?,
        username: row.get(at + 2)?,
        is_active: row.get::<_, i64>(at + 3)? != 0,
        email_verified: row.get::<_, i64>(at + 4)? != 0,
        created_at: row.get(at + 5)?,
        updated_at: row.get(at + 6)?,
        locale: row.get(at + 7)?,
        is_admin: row.get::<_, i64>(at + 8)? != 0,
    })
}

/// Decodes a row of `live_session_sql!` by position (its column order: `session_columns!`,
/// `user_columns!`, TOTP) into the rows the pool's decoder makes; a lookup by name compares
/// every column name, which cost more than the B-tree walk.
fn live_session(row: &rusqlite::Row<'_>) -> rusqlite::Result<LiveSession> {
    let session = SessionRow {
        id: row.get(0)?,
        user_id: row.get(1)?,
        created_at: row.get(2)?,
        last_used_at: row.get(3)?,
        expires_at: row.get(4)?,
        ip: row.get(5)?,
        user_agent: row.get(6)?,
        amr: row.get(7)?,
        auth_time: row.get(8)?,
        console: row.get::<_, i64>(9)? != 0,
    };
    let user = user_at(row, 10)?;
    let totp = row.get::<_, Option<i64>>(19)?.is_some();
    Ok(LiveSession { session: session.into(), user: user.into(), totp })
}

#[cfg(test)]
mod tests {
    use super::super::sessions::SessionKey;
    use super::super::{NewSession, NewUser, Store};
    use crate::config::DatabaseUrl;

    async fn file_store(dir: &tempfile::TempDir) -> Store {
        let url = format!("sqlite://{}/direct.db", dir.path().display());
        let store = Store::connect(&DatabaseUrl::new(url)).await.unwrap();
        store.migrate().await.unwrap();
        store
    }

    async fn user(store: &Store, email: &str, username: Option<&str>, verified: bool) -> NewUser {
        let email = crate::domain::Email::parse(email).unwrap();
        let username = username.map(|u| crate::domain::Username::parse(u).unwrap());
        let user = NewUser::new(&email, username.as_ref(), "!none".into(), verified);
        store.insert_user(&user, None, &mut crate::store::Audit::none()).await.unwrap().unwrap();
        user
    }

    fn session(id: &str, user_id: &str, now: i64) -> NewSession {
        NewSession {
            id: id.into(),
            user_id: user_id.into(),
            password_epoch: 0,
            amr: "pwd".into(),
            auth_time: now,
            token_hash: format!("token-{id}"),
            refresh_hash: format!("refresh-{id}"),
            now,
            expires_at: now + 60_000,
            ip: None,
            user_agent: None,
            single_factor: None,
            console: false,
        }
    }

    /// The direct path answers (it does not silently leave every lookup to the pool), and
    /// sees a revocation committed through the pool at once.
    #[tokio::test]
    async fn direct_lookups_answer_and_see_revocations_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let store = file_store(&dir).await;
        let user = user(&store, "direct@example.com", None, true).await;
        let now = crate::clock::now_ms();
        assert!(store
            .create_session(
                &session("s-direct", &user.id, now),
                None,
                &mut crate::store::Audit::none()
            )
            .await
            .unwrap());
        let direct = store.direct.as_ref().expect("a file database reads directly");
        let found = direct.live_session(SessionKey::Id, "s-direct", now);
        let live = found.expect("answered directly").expect("live");
        assert_eq!(live.user.id, user.id);
        assert_eq!(live.user.email, "direct@example.com");
        assert_eq!((live.session.id.as_str(), live.session.expires_at), ("s-direct", now + 60_000));
        assert!(live.user.is_active && !live.totp);
        let by_token = direct.live_session(SessionKey::Token, "token-s-direct", now);
        assert!(by_token.expect("answered directly").is_some());
        assert!(store
            .revoke_session("s-direct", now, &mut crate::store::Audit::none())
            .await
            .unwrap());
        let found = direct.live_session(SessionKey::Id, "s-direct", now);
        assert!(found.expect("answered directly").is_none(), "revoked at once");
    }

    /// The direct path and the pool read the same rows: every field of the session and its
    /// user, set or not, and the TOTP flag, by id and by token, and the same "none".
    #[tokio::test]
    async fn direct_and_pooled_lookups_return_equal_rows() {
        let dir = tempfile::tempdir().unwrap();
        let store = file_store(&dir).await;
        let now = crate::clock::now_ms();
        let plain = user(&store, "plain@example.com", None, false).await;
        let full = user(&store, "full@example.com", Some("Full_Name"), true).await;
        assert!(store.set_pending_totp(&full.id, "sealed-secret", now).await.unwrap());
        sqlx::query("UPDATE totp_factors SET confirmed_at = $1 WHERE user_id = $2")
            .bind(now)
            .bind(full.id.clone())
            .execute(store.pool())
            .await
            .unwrap();
        let mut with_all = session("s-full", &full.id, now - 5);
        with_all.amr = "pwd otp".into();
        with_all.auth_time = now - 3;
        with_all.ip = Some("203.0.113.7".into());
        with_all.user_agent = Some("Agent/1.0 (ünïcode)".into());
        assert!(store
            .create_session(&with_all, None, &mut crate::store::Audit::none())
            .await
            .unwrap());
        assert!(store
            .create_session(
                &session("s-plain", &plain.id, now),
                None,
                &mut crate::store::Audit::none()
            )
            .await
            .unwrap());
        let direct = store.direct.as_ref().expect("a file database reads directly");
        let mut compared = 0;
        for (by, key) in [
            (SessionKey::Id, "s-full"),
            (SessionKey::Token, "token-s-full"),
            (SessionKey::Id, "s-plain"),
            (SessionKey::Token, "token-s-plain"),
            (SessionKey::Id, "s-none"),
            (SessionKey::Token, "token-none"),
        ] {
            let directly = direct.live_session(by, key, now).expect("answered directly");
            let pooled = store.pooled_live_session(by, key, now).await.unwrap();
            assert_eq!(directly, pooled, "{by:?} {key}");
            compared += usize::from(pooled.is_some());
        }
        assert_eq!(compared, 4);
        let full_live = store.pooled_live_session(SessionKey::Id, "s-full", now).await.unwrap();
        let full_live = full_live.unwrap();
        assert!(full_live.totp && full_live.user.email_verified);
        assert_eq!(full_live.user.username.as_deref(), Some("Full_Name"));
        assert_eq!(full_live.session.user_agent.as_deref(), Some("Agent/1.0 (ünïcode)"));
        assert_eq!(full_live.session.amr.len(), 2);
        let plain_live = store.pooled_live_session(SessionKey::Id, "s-plain", now).await.unwrap();
        let plain_live = plain_live.unwrap();
        assert!(!plain_live.totp && !plain_live.user.email_verified);
        assert_eq!((plain_live.user.username, plain_live.session.ip), (None, None));
    }

    /// The provider's client and grant, read directly (SQLite) and through the pool: the same
    /// rows, every field, set or not, and the same "none".
    #[tokio::test]
    async fn direct_and_pooled_client_and_grant_reads_are_equal() {
        use crate::domain::client::{AuthMethod, OAuthClient};
        let dir = tempfile::tempdir().unwrap();
        let store = file_store(&dir).await;
        let now = crate::clock::now_ms();
        let owner = user(&store, "grant@example.com", Some("Granted"), true).await;
        let mut audit = crate::store::Audit::none();
        assert!(store
            .create_session(&session("s-g", &owner.id, now), None, &mut audit)
            .await
            .unwrap());
        let full = OAuthClient {
            client_id: "c-full".into(),
            name: "Full (ünïcode)".into(),
            auth_method: AuthMethod::ClientSecretBasic,
            redirect_uris: vec!["https://a.example/cb".into(), "https://b.example/cb".into()],
            post_logout_redirect_uris: vec!["https://a.example/bye".into()],
            grant_types: vec!["authorization_code".into(), "refresh_token".into()],
            scopes: vec!["openid".into(), "email".into(), "offline_access".into()],
            backchannel_logout_uri: Some("https://a.example/bc".into()),
            skip_consent: true,
            jwks_uri: Some("https://a.example/jwks".into()),
            id_token_alg: "ES256".into(),
            resources: vec!["https://api.example/*".into()],
            require_par: true,
            managed_by: "config".into(),
            created_at: now - 9,
            updated_at: now - 2,
        };
        store.insert_client(&full, Some("secret-hash")).await.unwrap();
        let plain = OAuthClient {
            client_id: "c-plain".into(),
            auth_method: AuthMethod::None,
            post_logout_redirect_uris: vec![],
            backchannel_logout_uri: None,
            skip_consent: false,
            jwks_uri: None,
            resources: vec![],
            require_par: false,
            ..full.clone()
        };
        store.insert_client(&plain, None).await.unwrap();
        let grant = super::super::NewGrant {
            id: "g-1".into(),
            user_id: owner.id.clone(),
            client_id: "c-full".into(),
            session_id: "s-g".into(),
            scope: "openid email".into(),
            amr: "pwd otp".into(),
            auth_time: now - 7,
            code_hash: "code-hash".into(),
            redirect_uri: "https://a.example/cb".into(),
            code_challenge: None,
            nonce: None,
            now,
            code_expires_at: now + 60_000,
            resource: Some("https://api.example/v1".into()),
            dpop_jkt: None,
        };
        store.create_grant(&grant, "openid email").await.unwrap();
        for (client, grant) in [("c-full", "g-1"), ("c-plain", "g-none"), ("c-none", "g-1")] {
            for (directly, pooled) in store.client_and_grant_both_ways(client, grant, now).await {
                assert_eq!(directly, pooled, "{client} {grant}");
            }
        }
        let [(client, _), (grant, _)] =
            store.client_and_grant_both_ways("c-full", "g-1", now).await;
        assert!(
            client.contains("secret-hash") && client.contains("https://b.example/cb"),
            "{client}"
        );
        assert!(grant.contains("g-1") && grant.contains("grant@example.com"), "{grant}");
        assert!(grant.contains("session_live: true"), "{grant}");
    }
}
