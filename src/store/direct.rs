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
use std::sync::{Arc, Mutex};

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use super::sessions::{LiveSession, SessionKey, SessionRow};
use super::users::UserRow;

/// How many idle connections are kept (a lookup holds one for microseconds, on a runtime
/// worker thread, so more than one per worker is never needed).
const KEEP: usize = 4;

pub(super) struct DirectReads {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
    /// The short write transactions of the provider's token endpoint ([`DirectWriter`]).
    pub(super) writer: DirectWriter,
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
        let writer = DirectWriter { path: Arc::new(path.clone()), conn: Arc::default() };
        Some(Self { path, idle: Mutex::new(Vec::new()), writer })
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

/// How a transaction of [`DirectWriter::transaction`] ends, with what it found.
pub(super) enum Finish<T> {
    Commit(T),
    /// Nothing it did is kept (a request refused before it spends anything).
    Rollback(T),
}

/// A connection of the store's own for the few write transactions that run on every token
/// request (spending a refresh token or an authorization code: an update, a read or two and
/// an insert, all by key), run whole on one blocking thread.
///
/// Through the pool each statement of those is a hand-off to the connection's thread and
/// back, made while the transaction holds SQLite's write lock: six round trips between
/// threads for `BEGIN`, four statements and `COMMIT`, where this takes one (a profile of the
/// refresh grant put a fifth of the server's CPU in those switches). Writers queue on the
/// one connection here and on SQLite's busy timeout against the pool's writers, as the pool's
/// own do. The transaction is `BEGIN IMMEDIATE`, so it holds the write lock from its first
/// statement: no other writer comes between its read and its write. Should anything fail
/// (the connection cannot be opened, a statement or the commit fails), nothing is kept and
/// the caller runs the same transaction through the pool.
#[derive(Clone)]
pub(super) struct DirectWriter {
    path: Arc<PathBuf>,
    conn: Arc<Mutex<Option<Connection>>>,
}

impl DirectWriter {
    fn open(path: &std::path::Path) -> rusqlite::Result<Connection> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        // As the pool's connections: queue on a busy database, foreign keys enforced, and no
        // sync at each commit in WAL mode (a crash may lose the last commits, never corrupt).
        conn.busy_timeout(super::deadline::STATEMENT_TIMEOUT)?;
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        Ok(conn)
    }

    /// Runs `work` in one `BEGIN IMMEDIATE` transaction on a blocking thread and commits or
    /// rolls back as it says. `None`: nothing was kept; run the transaction through the pool.
    pub(super) async fn transaction<T: Send + 'static>(
        &self,
        work: impl FnOnce(&rusqlite::Transaction<'_>) -> rusqlite::Result<Finish<T>> + Send + 'static,
    ) -> Option<T> {
        let this = self.clone();
        tokio::task::spawn_blocking(move || {
            this.run(work)
                .map_err(
                    |e| tracing::debug!(error = %e, "direct SQLite write failed; using the pool"),
                )
                .ok()
        })
        .await
        .ok()
        .flatten()
    }

    fn run<T>(
        &self,
        work: impl FnOnce(&rusqlite::Transaction<'_>) -> rusqlite::Result<Finish<T>>,
    ) -> rusqlite::Result<T> {
        let mut slot = self.conn.lock().unwrap_or_else(|e| e.into_inner());
        let conn = match slot.as_mut() {
            Some(conn) => conn,
            None => slot.insert(Self::open(&self.path)?),
        };
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        match work(&tx) {
            Ok(Finish::Commit(found)) => {
                tx.commit()?;
                Ok(found)
            }
            Ok(Finish::Rollback(found)) => {
                tx.rollback()?;
                Ok(found)
            }
            Err(e) => {
                // Rolled back as it is dropped; a connection in a bad state is not kept.
                drop(tx);
                if !conn.is_autocommit() {
                    *slot = None;
                }
                Err(e)
            }
        }
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
            self_registered: false,
        };
        let mut audit = crate::store::Audit::none();
        store.create_grant(&grant, Some("openid email"), &mut audit).await.unwrap();
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

    /// The provider's two write transactions on the direct writer: they run there (rather
    /// than always falling back to the pool), spend once, decode what the pool decodes, keep
    /// nothing when the caller refuses, and what they commit is what the pool then sees.
    #[tokio::test]
    async fn direct_code_exchange_and_refresh_rotation_spend_once() {
        use super::super::provider::{CodeOutcome, ProviderRefresh};
        use crate::domain::client::{AuthMethod, OAuthClient};
        let dir = tempfile::tempdir().unwrap();
        let store = file_store(&dir).await;
        let now = crate::clock::now_ms();
        let owner = user(&store, "spend@example.com", None, true).await;
        let mut audit = crate::store::Audit::none();
        assert!(store
            .create_session(&session("s-w", &owner.id, now), None, &mut audit)
            .await
            .unwrap());
        let client = OAuthClient {
            client_id: "c-w".into(),
            name: "Writer".into(),
            auth_method: AuthMethod::ClientSecretBasic,
            redirect_uris: vec!["https://w.example/cb".into()],
            post_logout_redirect_uris: vec![],
            grant_types: vec!["authorization_code".into(), "refresh_token".into()],
            scopes: vec!["openid".into(), "email".into(), "offline_access".into()],
            backchannel_logout_uri: None,
            skip_consent: true,
            jwks_uri: None,
            id_token_alg: "RS256".into(),
            resources: vec![],
            require_par: false,
            managed_by: "config".into(),
            created_at: now,
            updated_at: now,
        };
        store.insert_client(&client, Some("secret-hash")).await.unwrap();
        let grant = super::super::NewGrant {
            id: "g-w".into(),
            user_id: owner.id.clone(),
            client_id: "c-w".into(),
            session_id: "s-w".into(),
            scope: "openid email offline_access".into(),
            amr: "pwd".into(),
            auth_time: now - 5,
            code_hash: "code-w".into(),
            redirect_uri: "https://w.example/cb".into(),
            code_challenge: Some("challenge-w".into()),
            nonce: Some("nonce-w".into()),
            now,
            code_expires_at: now + 60_000,
            resource: None,
            dpop_jkt: None,
            self_registered: false,
        };
        // Written with its audit entry, in the one transaction.
        let entry = crate::store::AuditEntry {
            at: now,
            event: "grant.created".into(),
            outcome: "success".into(),
            user_id: None,
            identifier_hash: None,
            ip: None,
            user_agent: None,
            detail: Some("client c-w".into()),
        };
        let pending = crate::store::PendingAudit {
            event: crate::domain::AuditEvent::GrantCreated,
            entry,
            endpoints: vec![],
        };
        let mut audit = crate::store::Audit::of(vec![pending]);
        store.create_grant(&grant, Some("openid email offline_access"), &mut audit).await.unwrap();
        assert!(audit.is_written());
        let logged = store.audit_entries(now, None).await.unwrap();
        assert_eq!(logged.len(), 1, "{logged:?}");
        assert_eq!(logged[0].user_id.as_deref(), Some(owner.id.as_str()), "about the grant's user");
        assert_eq!(store.consent(&owner.id, "c-w").await.unwrap().unwrap().len(), 3);

        let first = store.exchange_code_directly("code-w", "c-w", now).await;
        let Some(Some(CodeOutcome::Exchanged {
            grant,
            redirect_uri,
            code_challenge,
            nonce,
            refresh_stored,
            ..
        })) = first
        else {
            panic!("the direct writer exchanged nothing: {first:?}");
        };
        assert_eq!(
            (grant.grant.id.as_str(), grant.user.email.as_str()),
            ("g-w", "spend@example.com")
        );
        assert!(grant.session_live);
        assert_eq!(redirect_uri, "https://w.example/cb");
        // The refresh token asked for was stored with it (the grant holds offline_access).
        assert!(refresh_stored);
        let (scope, ..) =
            store.live_provider_refresh("refresh-of-code-w", now).await.unwrap().unwrap();
        assert_eq!(scope, "openid email offline_access");
        assert_eq!(
            (code_challenge.as_deref(), nonce.as_deref()),
            (Some("challenge-w"), Some("nonce-w"))
        );
        // Spent: not again, on either path; the pool then sees the reuse and revokes below.
        assert!(matches!(store.exchange_code_directly("code-w", "c-w", now).await, Some(None)));

        store
            .insert_provider_refresh("r-1", "g-w", "openid email offline_access", now, now + 60_000)
            .await
            .unwrap();
        // Refused by the caller: nothing spent.
        let refused = store
            .rotate_refresh_directly("r-1", "r-x", "c-w", now, |_, _| Err::<String, _>("no"))
            .await;
        assert!(matches!(refused, Some(Some(ProviderRefresh::Refused("no")))), "{refused:?}");
        assert!(store.live_provider_refresh("r-1", now).await.unwrap().is_some());
        // Another client's token: spent, nothing issued.
        store.insert_provider_refresh("r-other", "g-w", "openid", now, now + 60_000).await.unwrap();
        let other = store
            .rotate_refresh_directly("r-other", "r-y", "c-x", now, |h, _| Ok::<_, ()>(h.to_owned()))
            .await;
        assert!(matches!(other, Some(Some(ProviderRefresh::Invalid))), "{other:?}");
        assert!(store.live_provider_refresh("r-other", now).await.unwrap().is_none());
        // Rotated: the old token spent, the new one live with the narrowed scope.
        let rotated = store
            .rotate_refresh_directly("r-1", "r-2", "c-w", now, |held, grant| {
                assert_eq!((held, grant.id.as_str()), ("openid email offline_access", "g-w"));
                Ok::<_, ()>("openid offline_access".to_owned())
            })
            .await;
        let Some(Some(ProviderRefresh::Rotated { grant, scope })) = rotated else {
            panic!("the direct writer rotated nothing: {rotated:?}");
        };
        assert_eq!((grant.grant.id.as_str(), scope.as_str()), ("g-w", "openid offline_access"));
        assert!(store.live_provider_refresh("r-1", now).await.unwrap().is_none());
        let (scope, expires_at, _) =
            store.live_provider_refresh("r-2", now).await.unwrap().unwrap();
        assert_eq!((scope.as_str(), expires_at), ("openid offline_access", now + 60_000));
        let again = store
            .rotate_refresh_directly("r-1", "r-3", "c-w", now, |h, _| Ok::<_, ()>(h.to_owned()))
            .await;
        assert!(matches!(again, Some(None)), "{again:?}");
        // The full path after the direct spend: a reused code revokes the grant.
        let reused = store.exchange_code("code-w", "c-w", now, None).await.unwrap();
        assert!(matches!(reused, CodeOutcome::Reused), "{reused:?}");
        assert!(store.live_grant("g-w", now).await.unwrap().is_none());
    }
}
