//! The OpenID Connect provider's rows: clients, grants, codes, refresh tokens, consents,
//! revoked client-credentials tokens and the back-channel logout queue (docs/provider.md).
//!
//! A grant is one authorization of a client by a user in one session: its code, its refresh
//! tokens and the access tokens that name it (`gid`) live and die with it. A grant without
//! `offline_access` also dies with its session (checked on every use: [`LiveGrant`]).

use sqlx::any::AnyRow;
use sqlx::{Any, Transaction};

use super::row::{Flag, NullableText, Text, Words};
use super::users::UserRow;
use super::{Audit, Backend, Result, Store};
use crate::domain::{AuthMethod, OAuthClient, User};

/// A client's columns (`$alias` before each: `"c."` in a join), its times named
/// `c_created_at` and `c_updated_at` so that they never meet a joined user's.
#[rustfmt::skip]
macro_rules! client_columns {
    ($alias:literal) => {
        concat!(
            $alias, "client_id, ", $alias, "name, ", $alias, "secret_hash, ",
            $alias, "auth_method, ", $alias, "redirect_uris, ",
            $alias, "post_logout_redirect_uris, ", $alias, "grant_types, ", $alias, "scopes, ",
            $alias, "backchannel_logout_uri, ", $alias, "skip_consent, ", $alias, "jwks_uri, ",
            $alias, "id_token_alg, ", $alias, "resources, ", $alias, "require_par, ",
            $alias, "managed_by, ", $alias, "created_at AS c_created_at, ",
            $alias, "updated_at AS c_updated_at"
        )
    };
}

/// `SELECT` every column of `oauth_clients` (decoded by [`ClientRow`]) and then `$tail`.
macro_rules! client_sql {
    ($tail:literal) => {
        concat!("SELECT ", client_columns!(""), " FROM oauth_clients ", $tail)
    };
}

#[derive(sqlx::FromRow)]
struct ClientRow {
    #[sqlx(try_from = "Text")]
    client_id: String,
    #[sqlx(try_from = "Text")]
    name: String,
    #[sqlx(try_from = "NullableText")]
    secret_hash: Option<String>,
    #[sqlx(try_from = "Text")]
    auth_method: String,
    #[sqlx(try_from = "Words")]
    redirect_uris: Vec<String>,
    #[sqlx(try_from = "Words")]
    post_logout_redirect_uris: Vec<String>,
    #[sqlx(try_from = "Words")]
    grant_types: Vec<String>,
    #[sqlx(try_from = "Words")]
    scopes: Vec<String>,
    #[sqlx(try_from = "NullableText")]
    backchannel_logout_uri: Option<String>,
    #[sqlx(try_from = "Flag")]
    skip_consent: bool,
    #[sqlx(try_from = "NullableText")]
    jwks_uri: Option<String>,
    #[sqlx(try_from = "Text")]
    id_token_alg: String,
    #[sqlx(try_from = "Words")]
    resources: Vec<String>,
    #[sqlx(try_from = "Flag")]
    require_par: bool,
    #[sqlx(try_from = "Text")]
    managed_by: String,
    #[sqlx(rename = "c_created_at")]
    created_at: i64,
    #[sqlx(rename = "c_updated_at")]
    updated_at: i64,
}

impl ClientRow {
    /// A row of `client_sql!` read by position (`store::direct`, on SQLite).
    fn at(row: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
        let words = |i: usize| -> rusqlite::Result<Vec<String>> {
            Ok(row.get::<_, String>(i)?.split_whitespace().map(str::to_owned).collect())
        };
        Ok(Self {
            client_id: row.get(0)?,
            name: row.get(1)?,
            secret_hash: row.get(2)?,
            auth_method: row.get(3)?,
            redirect_uris: words(4)?,
            post_logout_redirect_uris: words(5)?,
            grant_types: words(6)?,
            scopes: words(7)?,
            backchannel_logout_uri: row.get(8)?,
            skip_consent: row.get::<_, i64>(9)? != 0,
            jwks_uri: row.get(10)?,
            id_token_alg: row.get(11)?,
            resources: words(12)?,
            require_par: row.get::<_, i64>(13)? != 0,
            managed_by: row.get(14)?,
            created_at: row.get(15)?,
            updated_at: row.get(16)?,
        })
    }
}

/// A client with the hash of its secret (which only the client check reads).
pub struct StoredClient {
    pub client: OAuthClient,
    pub secret_hash: Option<String>,
}

impl std::fmt::Debug for StoredClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoredClient").field("client", &self.client).finish_non_exhaustive()
    }
}

impl From<ClientRow> for StoredClient {
    fn from(r: ClientRow) -> Self {
        let client = OAuthClient {
            client_id: r.client_id,
            name: r.name,
            // A method the code no longer knows is treated as the strictest one.
            auth_method: r.auth_method.parse().unwrap_or(AuthMethod::PrivateKeyJwt),
            redirect_uris: r.redirect_uris,
            post_logout_redirect_uris: r.post_logout_redirect_uris,
            grant_types: r.grant_types,
            scopes: r.scopes,
            backchannel_logout_uri: r.backchannel_logout_uri,
            skip_consent: r.skip_consent,
            jwks_uri: r.jwks_uri,
            id_token_alg: r.id_token_alg,
            resources: r.resources,
            require_par: r.require_par,
            managed_by: r.managed_by,
            created_at: r.created_at,
            updated_at: r.updated_at,
        };
        Self { client, secret_hash: r.secret_hash }
    }
}

/// A grant to write, with its first code.
#[derive(Clone)]
pub struct NewGrant {
    pub id: String,
    pub user_id: String,
    pub client_id: String,
    pub session_id: String,
    pub scope: String,
    pub amr: String,
    /// Unix milliseconds.
    pub auth_time: i64,
    pub code_hash: String,
    pub redirect_uri: String,
    pub code_challenge: Option<String>,
    pub nonce: Option<String>,
    pub now: i64,
    pub code_expires_at: i64,
    /// RFC 8707: the resource its access tokens are for.
    pub resource: Option<String>,
    /// RFC 9449 section 10: the DPoP key its code must be redeemed with.
    pub dpop_jkt: Option<String>,
    /// Whether the client registered itself (RFC 7591): a grant marks its registration used.
    pub self_registered: bool,
}

/// A grant as read back.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Grant {
    #[sqlx(rename = "g_id", try_from = "Text")]
    pub id: String,
    #[sqlx(rename = "g_user_id", try_from = "Text")]
    pub user_id: String,
    #[sqlx(rename = "g_client_id", try_from = "Text")]
    pub client_id: String,
    #[sqlx(rename = "g_session_id", try_from = "Text")]
    pub session_id: String,
    #[sqlx(rename = "g_scope", try_from = "Text")]
    pub scope: String,
    #[sqlx(rename = "g_amr", try_from = "Text")]
    pub amr: String,
    #[sqlx(rename = "g_auth_time")]
    pub auth_time: i64,
    /// RFC 8707: the resource its access tokens are for.
    #[sqlx(rename = "g_resource", try_from = "NullableText")]
    pub resource: Option<String>,
    /// The DPoP key its refresh tokens are bound to (a public client's).
    #[sqlx(rename = "g_dpop_jkt", try_from = "NullableText")]
    pub dpop_jkt: Option<String>,
}

/// A grant that is not revoked, of an active user, with whether its session is still live
/// (a grant without `offline_access` is over when it is not).
#[derive(Debug, Clone)]
pub struct LiveGrant {
    pub grant: Grant,
    pub user: User,
    pub session_live: bool,
}

#[derive(sqlx::FromRow)]
struct LiveGrantRow {
    #[sqlx(flatten)]
    grant: Grant,
    #[sqlx(flatten)]
    user: UserRow,
    #[sqlx(try_from = "Flag")]
    session_live: bool,
}

/// A row of [`Store::client_with_grant`]: the client, and the grant when one was found (its
/// columns are all null otherwise).
struct ClientGrantRow {
    client: ClientRow,
    grant: Option<LiveGrantRow>,
}

impl<'r> sqlx::FromRow<'r, AnyRow> for ClientGrantRow {
    fn from_row(row: &'r AnyRow) -> Result<Self, sqlx::Error> {
        use sqlx::{Row, ValueRef};
        let client = ClientRow::from_row(row)?;
        let found = !row.try_get_raw("g_id")?.is_null();
        let grant = if found { Some(LiveGrantRow::from_row(row)?) } else { None };
        Ok(Self { client, grant })
    }
}

/// A [`LiveGrantRow`] found by a refresh token, with the scope that token holds.
#[derive(sqlx::FromRow)]
struct RefreshGrantRow {
    #[sqlx(flatten)]
    live: LiveGrantRow,
    #[sqlx(rename = "r_scope", try_from = "Text")]
    scope: String,
    #[sqlx(rename = "g_used_at")]
    used_at: Option<i64>,
}

/// A row of [`ANY_REFRESH_GRANT`].
#[derive(sqlx::FromRow)]
struct AnyRefreshGrantRow {
    #[sqlx(flatten)]
    found: RefreshGrantRow,
    #[sqlx(rename = "r_spent_at")]
    spent_at: Option<i64>,
    #[sqlx(rename = "r_expires_at")]
    expires_at: i64,
}

impl LiveGrantRow {
    /// A row of `live_grant_sql!` read by position (`store::direct`, on SQLite).
    fn at(row: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
        let grant = Grant {
            id: row.get(0)?,
            user_id: row.get(1)?,
            client_id: row.get(2)?,
            session_id: row.get(3)?,
            scope: row.get(4)?,
            amr: row.get(5)?,
            auth_time: row.get(6)?,
            resource: row.get(7)?,
            dpop_jkt: row.get(8)?,
        };
        let user = super::direct::user_at(row, 9)?;
        Ok(Self { grant, user, session_live: row.get::<_, i64>(18)? != 0 })
    }
}

impl From<LiveGrantRow> for LiveGrant {
    fn from(r: LiveGrantRow) -> Self {
        Self { grant: r.grant, user: r.user.into(), session_live: r.session_live }
    }
}

/// `$1` now, then the key. The user active; the session's liveness computed.
macro_rules! live_grant_sql {
    ($from:literal, $key:literal) => {
        live_grant_sql!($from, $key, "")
    };
    ($from:literal, $key:literal, $more_columns:literal) => {
        concat!(
            "SELECT g.id AS g_id, g.user_id AS g_user_id, g.client_id AS g_client_id, ",
            "g.session_id AS g_session_id, g.scope AS g_scope, g.amr AS g_amr, ",
            "g.auth_time AS g_auth_time, g.resource AS g_resource, g.dpop_jkt AS g_dpop_jkt, ",
            user_columns!("u."),
            ", CASE WHEN s.id IS NOT NULL AND s.revoked_at IS NULL AND s.expires_at > $1 ",
            "AND s.password_epoch = u.password_epoch THEN 1 ELSE 0 END AS session_live",
            $more_columns,
            " FROM ",
            $from,
            " JOIN users u ON u.id = g.user_id LEFT JOIN sessions s ON s.id = g.session_id ",
            "WHERE ",
            $key,
            " = $2 AND g.revoked_at IS NULL AND u.is_active = 1"
        )
    };
}

/// The statements of spending a code ([`Store::exchange_code`]) and rotating a refresh token
/// ([`Store::rotate_provider_refresh`]), the same through the pool and `store::direct`.
const SPEND_CODE: &str = "UPDATE oauth_codes SET used_at = $1 WHERE code_hash = $2 \
    AND used_at IS NULL AND expires_at > $3";
const CODE: &str = "SELECT grant_id, redirect_uri, code_challenge, nonce, dpop_jkt \
    FROM oauth_codes WHERE code_hash = $1";
const CODE_GRANT: &str = live_grant_sql!("oauth_grants g", "g.id");
const GRANT_USED: &str = "UPDATE oauth_grants SET used_at = $1 WHERE id = $2";
const INSERT_GRANT: &str = "INSERT INTO oauth_grants (id, user_id, client_id, session_id, \
    scope, amr, auth_time, created_at, resource) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
const INSERT_CODE: &str = "INSERT INTO oauth_codes (code_hash, grant_id, redirect_uri, \
    code_challenge, nonce, created_at, expires_at, dpop_jkt) \
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
const UPDATE_CONSENT: &str = "UPDATE oauth_consents SET scope = $1, updated_at = $2 \
    WHERE user_id = $3 AND client_id = $4";
const INSERT_CONSENT: &str = "INSERT INTO oauth_consents (user_id, client_id, scope, \
    created_at, updated_at) VALUES ($1, $2, $3, $4, $5)";
/// A dynamically registered client's first use keeps it from housekeeping.
const REGISTRATION_USED: &str = "UPDATE oauth_client_registrations SET used_at = $1 \
    WHERE client_id = $2 AND used_at IS NULL";
const SPEND_REFRESH: &str = "UPDATE oauth_refresh_tokens SET spent_at = $1 WHERE token_hash = $2 \
    AND spent_at IS NULL AND expires_at > $3";
const REFRESH_GRANT: &str = live_grant_sql!(
    "oauth_refresh_tokens r JOIN oauth_grants g ON g.id = r.grant_id",
    "r.token_hash",
    ", r.scope AS r_scope, g.used_at AS g_used_at"
);

/// [`REFRESH_GRANT`] for any token, with whether it is spent or expired (read outside a
/// transaction by [`Rotation::run_on_server`]).
const ANY_REFRESH_GRANT: &str = live_grant_sql!(
    "oauth_refresh_tokens r JOIN oauth_grants g ON g.id = r.grant_id",
    "r.token_hash",
    ", r.scope AS r_scope, g.used_at AS g_used_at, r.spent_at AS r_spent_at, \
    r.expires_at AS r_expires_at"
);
/// PostgreSQL: a live token of a live grant (`$3`) of the client (`$4`) spent and its
/// successor stored, in one statement (`$1` now, `$2` the token, then the successor's hash,
/// scope and expiry): one row inserted, or none and nothing changed. The grant is checked by
/// its key alone (the read before this saw its user active): joined to the user, the planner
/// may walk every grant of that user and client to find it (it did, for a user with
/// thousands).
const ROTATE_REFRESH_PG: &str = "WITH spent AS (UPDATE oauth_refresh_tokens SET spent_at = $1 \
    WHERE token_hash = $2 AND spent_at IS NULL AND expires_at > $1 AND grant_id = $3 \
    AND EXISTS (SELECT 1 FROM oauth_grants g WHERE g.id = $3 AND g.revoked_at IS NULL \
    AND g.client_id = $4) RETURNING grant_id) \
    INSERT INTO oauth_refresh_tokens (token_hash, grant_id, scope, created_at, expires_at) \
    SELECT $5, grant_id, $6, $1, $7 FROM spent";

/// How stale a grant's `used_at` may grow before a refresh writes it again: it says when the
/// grant was last used (the account page, `GET /api/auth/grants`), to the minute, and a
/// client refreshing more often than that does not rewrite its grant's row each time.
const USED_AT_RESOLUTION_MS: i64 = 60_000;

/// Whether a grant last used at `used_at` is written as used at `now`; also whether a consent
/// that already holds every scope asked for, last written at `used_at`, is written again
/// ([`Store::create_grant`]): a burst of sign-ins to one application does not queue on its
/// consent's row.
pub fn older_than_a_minute(used_at: Option<i64>, now: i64) -> bool {
    used_at.is_none_or(|at| now - at >= USED_AT_RESOLUTION_MS)
}
const INSERT_REFRESH: &str = "INSERT INTO oauth_refresh_tokens (token_hash, grant_id, scope, \
    created_at, expires_at) VALUES ($1, $2, $3, $4, $5)";

impl CodeRow {
    /// A row of [`CODE`] read by position (`store::direct`).
    fn at(row: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
        Ok(Self {
            grant_id: row.get(0)?,
            redirect_uri: row.get(1)?,
            code_challenge: row.get(2)?,
            nonce: row.get(3)?,
            dpop_jkt: row.get(4)?,
        })
    }

    /// What a code just spent came to, given its grant (`None`: not this client's, or gone).
    fn exchanged(self, grant: Option<LiveGrant>, refresh_stored: bool) -> CodeOutcome {
        match grant {
            Some(grant) => CodeOutcome::Exchanged {
                grant: Box::new(grant),
                redirect_uri: self.redirect_uri,
                code_challenge: self.code_challenge,
                nonce: self.nonce,
                dpop_jkt: self.dpop_jkt,
                refresh_stored,
            },
            None => CodeOutcome::Invalid,
        }
    }
}

/// [`Store::create_grant`]'s rows, in a transaction of `store::direct`'s writer.
fn write_grant(
    tx: &rusqlite::Transaction<'_>,
    g: &NewGrant,
    consent: Option<&str>,
) -> rusqlite::Result<()> {
    use rusqlite::params;
    tx.prepare_cached(INSERT_GRANT)?.execute(params![
        g.id,
        g.user_id,
        g.client_id,
        g.session_id,
        g.scope,
        g.amr,
        g.auth_time,
        g.now,
        g.resource
    ])?;
    tx.prepare_cached(INSERT_CODE)?.execute(params![
        g.code_hash,
        g.id,
        g.redirect_uri,
        g.code_challenge,
        g.nonce,
        g.now,
        g.code_expires_at,
        g.dpop_jkt
    ])?;
    let Some(consent) = consent else {
        return registration_used(tx, g);
    };
    let updated = tx.prepare_cached(UPDATE_CONSENT)?.execute(params![
        consent,
        g.now,
        g.user_id,
        g.client_id
    ])?;
    if updated == 0 {
        tx.prepare_cached(INSERT_CONSENT)?.execute(params![
            g.user_id,
            g.client_id,
            consent,
            g.now,
            g.now
        ])?;
    }
    registration_used(tx, g)
}

/// A self-registered client's registration marked used by its first grant.
fn registration_used(tx: &rusqlite::Transaction<'_>, g: &NewGrant) -> rusqlite::Result<()> {
    if g.self_registered {
        tx.prepare_cached(REGISTRATION_USED)?.execute(rusqlite::params![g.now, g.client_id])?;
    }
    Ok(())
}

/// [`Store::exchange_code`]'s transaction on `store::direct`'s connection.
fn spend_code(
    tx: &rusqlite::Transaction<'_>,
    code_hash: &str,
    client_id: &str,
    now: i64,
    refresh: Option<&RefreshWithCode>,
) -> rusqlite::Result<super::direct::Finish<Option<CodeOutcome>>> {
    use super::direct::Finish;
    use rusqlite::OptionalExtension;
    let spent = tx.prepare_cached(SPEND_CODE)?.execute(rusqlite::params![now, code_hash, now])?;
    if spent != 1 {
        return Ok(Finish::Rollback(None));
    }
    let code = tx.prepare_cached(CODE)?.query_row([code_hash], CodeRow::at)?;
    let grant = tx
        .prepare_cached(CODE_GRANT)?
        .query_row(rusqlite::params![now, code.grant_id], LiveGrantRow::at)
        .optional()?
        .map(LiveGrant::from)
        .filter(|g| g.grant.client_id == client_id);
    if grant.is_some() {
        tx.prepare_cached(GRANT_USED)?.execute(rusqlite::params![now, code.grant_id])?;
    }
    let stored = RefreshWithCode::for_grant(refresh, grant.as_ref());
    if let (Some(r), Some(g)) = (stored, &grant) {
        tx.prepare_cached(INSERT_REFRESH)?.execute(rusqlite::params![
            r.hash,
            g.grant.id,
            g.grant.scope,
            now,
            r.expires_at
        ])?;
    }
    let stored = stored.is_some();
    Ok(Finish::Commit(Some(code.exchanged(grant, stored))))
}

/// One refresh token's rotation ([`Store::rotate_provider_refresh`]).
struct Rotation {
    old: String,
    new: String,
    client_id: String,
    now: i64,
    expires_at: i64,
}

impl Rotation {
    /// Through the pool: what the rotation came to, or `None` when the token was not spent
    /// now (unknown, expired or spent before).
    async fn run<R>(
        self,
        store: &Store,
        narrow: impl Fn(&str, &Grant) -> std::result::Result<String, R>,
    ) -> Result<Option<ProviderRefresh<R>>> {
        use super::direct::Finish;
        let now = self.now;
        let work = async |conn: &mut sqlx::AnyConnection| {
            let spent = store
                .q(SPEND_REFRESH)
                .bind(now)
                .bind(self.old.clone())
                .bind(now)
                .execute(store.on(&mut *conn))
                .await?
                .rows_affected();
            if spent != 1 {
                return Ok(Finish::Rollback(None));
            }
            let row: Option<RefreshGrantRow> = store
                .q_as(REFRESH_GRANT)
                .bind(now)
                .bind(self.old.clone())
                .fetch_optional(store.on(&mut *conn))
                .await?;
            let found = row.map(|r| (r.used_at, LiveGrant::from(r.live), r.scope));
            let (used_at, grant, new_scope) = match self.decide(found, &narrow) {
                Ok(decided) => decided,
                Err(finish) => return Ok(finish),
            };
            store
                .q(INSERT_REFRESH)
                .bind(self.new.clone())
                .bind(grant.grant.id.clone())
                .bind(new_scope.clone())
                .bind(now)
                .bind(self.expires_at)
                .execute(store.on(&mut *conn))
                .await?;
            if older_than_a_minute(used_at, now) {
                store
                    .q(GRANT_USED)
                    .bind(now)
                    .bind(grant.grant.id.clone())
                    .execute(store.on(&mut *conn))
                    .await?;
            }
            let rotated = ProviderRefresh::Rotated { grant: Box::new(grant), scope: new_scope };
            Ok(Finish::Commit(Some(rotated)))
        };
        Ok(store.write(work).await?)
    }

    /// On PostgreSQL: the token's grant read first, on the hot path, and the decision made;
    /// then the spend and the successor written by one statement, which is its own
    /// transaction: two round trips instead of [`Rotation::run`]'s five. Anything but a live
    /// token of this client's live grant (unknown, spent, expired, another client's, its grant
    /// or user gone) goes to that transaction, which answers those; so does a race lost to
    /// another rotation or a revocation between the read and the write, as a token not spent
    /// now. (On MariaDB, which has no `UPDATE … RETURNING`, the same in two statements, the
    /// successor stored first, measured slower than the transaction: two log flushes instead
    /// of one. SQLite has `store::direct`.)
    async fn run_on_server<R>(
        self,
        store: &Store,
        narrow: impl Fn(&str, &Grant) -> std::result::Result<String, R>,
    ) -> Result<Option<ProviderRefresh<R>>> {
        if store.backend != Backend::Postgres {
            return self.run(store, narrow).await;
        }
        let now = self.now;
        let row: Option<AnyRefreshGrantRow> = store
            .hot_optional(|| store.q_as(ANY_REFRESH_GRANT).bind(now).bind(self.old.clone()))
            .await?;
        let Some(row) = row.filter(|r| r.spent_at.is_none() && r.expires_at > now) else {
            return self.run(store, narrow).await;
        };
        let RefreshGrantRow { live, scope, used_at } = row.found;
        let found = Some((used_at, LiveGrant::from(live), scope));
        let (used_at, grant, new_scope) = match self.decide(found, &narrow) {
            Ok(decided) => decided,
            // Refused: nothing spent, as by the transaction.
            Err(super::direct::Finish::Rollback(refused)) => return Ok(refused),
            // Another client's token: the transaction spends it.
            Err(super::direct::Finish::Commit(_)) => return self.run(store, narrow).await,
        };
        let grant_id = grant.grant.id.clone();
        let work = async |conn: &mut sqlx::AnyConnection| {
            let rotated = store
                .q(ROTATE_REFRESH_PG)
                .bind(now)
                .bind(self.old.clone())
                .bind(grant_id.clone())
                .bind(self.client_id.clone())
                .bind(self.new.clone())
                .bind(new_scope.clone())
                .bind(self.expires_at)
                .execute(store.on(&mut *conn))
                .await?
                .rows_affected()
                == 1;
            if rotated && older_than_a_minute(used_at, now) {
                store
                    .q(GRANT_USED)
                    .bind(now)
                    .bind(grant_id.clone())
                    .execute(store.on(&mut *conn))
                    .await?;
            }
            Ok(rotated)
        };
        if !store.autocommit(work).await? {
            return Ok(None);
        }
        Ok(Some(ProviderRefresh::Rotated { grant: Box::new(grant), scope: new_scope }))
    }

    /// What a spent token's grant row (its `used_at`, the grant, the token's scope) comes to:
    /// the grant and the new token's scope, or how the transaction ends without one (another
    /// client's token or a grant gone: spent, nothing issued; refused by `narrow`, with its
    /// reason: nothing spent).
    #[allow(clippy::type_complexity)]
    fn decide<R>(
        &self,
        found: Option<(Option<i64>, LiveGrant, String)>,
        narrow: impl Fn(&str, &Grant) -> std::result::Result<String, R>,
    ) -> std::result::Result<
        (Option<i64>, LiveGrant, String),
        super::direct::Finish<Option<ProviderRefresh<R>>>,
    > {
        use super::direct::Finish;
        let Some((used_at, grant, scope)) =
            found.filter(|(_, g, _)| g.grant.client_id == self.client_id)
        else {
            return Err(Finish::Commit(Some(ProviderRefresh::Invalid)));
        };
        match narrow(&scope, &grant.grant) {
            Ok(new_scope) => Ok((used_at, grant, new_scope)),
            Err(why) => Err(Finish::Rollback(Some(ProviderRefresh::Refused(why)))),
        }
    }

    /// The same transaction on `store::direct`'s connection.
    fn run_directly<R>(
        &self,
        tx: &rusqlite::Transaction<'_>,
        narrow: impl Fn(&str, &Grant) -> std::result::Result<String, R>,
    ) -> rusqlite::Result<super::direct::Finish<Option<ProviderRefresh<R>>>> {
        use super::direct::Finish;
        use rusqlite::OptionalExtension;
        let now = self.now;
        let spent =
            tx.prepare_cached(SPEND_REFRESH)?.execute(rusqlite::params![now, self.old, now])?;
        if spent != 1 {
            return Ok(Finish::Rollback(None));
        }
        let found = tx
            .prepare_cached(REFRESH_GRANT)?
            .query_row(rusqlite::params![now, self.old], |row| {
                let grant = LiveGrant::from(LiveGrantRow::at(row)?);
                Ok((row.get::<_, Option<i64>>(20)?, grant, row.get::<_, String>(19)?))
            })
            .optional()?;
        let (used_at, grant, new_scope) = match self.decide(found, &narrow) {
            Ok(decided) => decided,
            Err(finish) => return Ok(finish),
        };
        let id = &grant.grant.id;
        tx.prepare_cached(INSERT_REFRESH)?.execute(rusqlite::params![
            self.new,
            id,
            new_scope,
            now,
            self.expires_at
        ])?;
        if older_than_a_minute(used_at, now) {
            tx.prepare_cached(GRANT_USED)?.execute(rusqlite::params![now, id])?;
        }
        Ok(Finish::Commit(Some(ProviderRefresh::Rotated {
            grant: Box::new(grant),
            scope: new_scope,
        })))
    }
}

/// A refresh token to store in the transaction that spends a code, when the code's grant
/// holds the scope `when_scope_holds` (`offline_access`), with the grant's scope.
#[derive(Clone)]
pub struct RefreshWithCode {
    pub hash: String,
    pub expires_at: i64,
    pub when_scope_holds: &'static str,
}

impl RefreshWithCode {
    /// Whether `grant` gets this token.
    fn for_grant<'r>(refresh: Option<&'r Self>, grant: Option<&LiveGrant>) -> Option<&'r Self> {
        let (r, g) = (refresh?, grant?);
        g.grant.scope.split_whitespace().any(|s| s == r.when_scope_holds).then_some(r)
    }
}

/// What presenting an authorization code did.
#[derive(Debug)]
pub enum CodeOutcome {
    /// First use, in time: the grant it belongs to, and what the code was bound to.
    Exchanged {
        grant: Box<LiveGrant>,
        redirect_uri: String,
        code_challenge: Option<String>,
        nonce: Option<String>,
        /// The DPoP key it must be redeemed with.
        dpop_jkt: Option<String>,
        /// Whether the refresh token asked for was stored with it.
        refresh_stored: bool,
    },
    /// Used before: its grant (and every token it issued) is now revoked.
    Reused,
    /// Unknown, expired, or its grant or user is gone.
    Invalid,
}

#[derive(sqlx::FromRow)]
struct CodeRow {
    #[sqlx(try_from = "Text")]
    grant_id: String,
    #[sqlx(try_from = "Text")]
    redirect_uri: String,
    #[sqlx(try_from = "NullableText")]
    code_challenge: Option<String>,
    #[sqlx(try_from = "NullableText")]
    nonce: Option<String>,
    #[sqlx(try_from = "NullableText")]
    dpop_jkt: Option<String>,
}

#[derive(sqlx::FromRow)]
struct SpentRow {
    #[sqlx(try_from = "Text")]
    grant_id: String,
    spent_at: Option<i64>,
}

/// What presenting a provider refresh token did.
#[derive(Debug)]
pub enum ProviderRefresh<R> {
    /// Rotated: the grant, and the scope the new token carries.
    Rotated {
        grant: Box<LiveGrant>,
        scope: String,
    },
    /// Refused by the caller's check of the grant, with its reason: nothing spent.
    Refused(R),
    /// Spent already, within the grace period (two requests racing): refused, grant kept.
    SpentWithinGrace,
    /// Spent already: the grant is revoked (reuse detection).
    ReuseDetected,
    Invalid,
}

/// A client the user has granted, for `/account/` and `GET /api/auth/grants`.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct GrantedClient {
    #[sqlx(try_from = "Text")]
    pub client_id: String,
    #[sqlx(try_from = "Text")]
    pub name: String,
    #[sqlx(try_from = "Words")]
    pub scopes: Vec<String>,
    pub created_at: i64,
    pub updated_at: i64,
    /// When one of its grants last gave out tokens (a code exchanged, a refresh), if ever.
    pub last_used_at: Option<i64>,
}

/// A claimed back-channel logout notice.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LogoutNotice {
    #[sqlx(try_from = "Text")]
    pub client_id: String,
    #[sqlx(try_from = "Text")]
    pub user_id: String,
    #[sqlx(try_from = "Text")]
    pub session_id: String,
}

/// Which ended sessions [`Store::queue_logouts_in`] looks at.
pub(super) enum Ended<'a> {
    /// Every revoked session of this user.
    User(&'a str),
    /// This session.
    Session(&'a str),
}

impl Store {
    pub async fn insert_client(&self, c: &OAuthClient, secret_hash: Option<&str>) -> Result<()> {
        let mut tx = self.begin().await?;
        self.insert_client_in(&mut tx, c, secret_hash).await?;
        self.commit(tx).await?;
        Ok(())
    }

    pub(super) async fn insert_client_in(
        &self,
        tx: &mut Transaction<'static, Any>,
        c: &OAuthClient,
        secret_hash: Option<&str>,
    ) -> Result<()> {
        self.q("INSERT INTO oauth_clients (client_id, name, secret_hash, auth_method, \
                redirect_uris, post_logout_redirect_uris, grant_types, scopes, \
                backchannel_logout_uri, skip_consent, jwks_uri, id_token_alg, managed_by, \
                created_at, updated_at, resources, require_par) \
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, \
                $17)")
            .bind(c.client_id.clone())
            .bind(c.name.clone())
            .bind(secret_hash.map(str::to_owned))
            .bind(c.auth_method.as_str())
            .bind(c.redirect_uris.join(" "))
            .bind(c.post_logout_redirect_uris.join(" "))
            .bind(c.grant_types.join(" "))
            .bind(c.scopes.join(" "))
            .bind(c.backchannel_logout_uri.clone())
            .bind(i64::from(c.skip_consent))
            .bind(c.jwks_uri.clone())
            .bind(c.id_token_alg.clone())
            .bind(c.managed_by.clone())
            .bind(c.created_at)
            .bind(c.updated_at)
            .bind(c.resources.join(" "))
            .bind(i64::from(c.require_par))
            .execute(self.on(&mut **tx))
            .await?;
        Ok(())
    }

    /// Rewrites a client's registration (not its secret, not `created_at`). `false`: no such
    /// client.
    pub async fn update_client(&self, c: &OAuthClient) -> Result<bool> {
        let n = self
            .q("UPDATE oauth_clients SET name = $1, auth_method = $2, redirect_uris = $3, \
                post_logout_redirect_uris = $4, grant_types = $5, scopes = $6, \
                backchannel_logout_uri = $7, skip_consent = $8, jwks_uri = $9, \
                id_token_alg = $10, managed_by = $11, updated_at = $12, resources = $13, \
                require_par = $14 WHERE client_id = $15")
            .bind(c.name.clone())
            .bind(c.auth_method.as_str())
            .bind(c.redirect_uris.join(" "))
            .bind(c.post_logout_redirect_uris.join(" "))
            .bind(c.grant_types.join(" "))
            .bind(c.scopes.join(" "))
            .bind(c.backchannel_logout_uri.clone())
            .bind(i64::from(c.skip_consent))
            .bind(c.jwks_uri.clone())
            .bind(c.id_token_alg.clone())
            .bind(c.managed_by.clone())
            .bind(c.updated_at)
            .bind(c.resources.join(" "))
            .bind(i64::from(c.require_par))
            .bind(c.client_id.clone())
            .execute(self.db())
            .await?
            .rows_affected();
        Ok(n == 1)
    }

    /// Sets (or, with `None`, clears) a client's secret hash. `false`: no such client.
    pub async fn set_client_secret(
        &self,
        client_id: &str,
        hash: Option<&str>,
        now: i64,
    ) -> Result<bool> {
        let n = self
            .q("UPDATE oauth_clients SET secret_hash = $1, updated_at = $2 WHERE client_id = $3")
            .bind(hash.map(str::to_owned))
            .bind(now)
            .bind(client_id.to_owned())
            .execute(self.db())
            .await?
            .rows_affected();
        Ok(n == 1)
    }

    pub async fn client(&self, client_id: &str) -> Result<Option<StoredClient>> {
        const SQL: &str = client_sql!("WHERE client_id = $1");
        if let Some(direct) = &self.direct {
            if let Some(found) = direct.read_one(SQL, [client_id], ClientRow::at) {
                return Ok(found.map(StoredClient::from));
            }
        }
        let row: Option<ClientRow> =
            self.hot_optional(|| self.q_as(SQL).bind(client_id.to_owned())).await?;
        Ok(row.map(StoredClient::from))
    }

    /// Client `client_id` and, in the same statement, live grant `grant_id` (of any client:
    /// a resource server introspects the tokens of others), as [`Store::client`] and
    /// [`Store::live_grant`] would read them: one round trip instead of two for the
    /// introspection of an access token. `None`: no such client.
    pub async fn client_with_grant(
        &self,
        client_id: &str,
        grant_id: &str,
        now: i64,
    ) -> Result<Option<(StoredClient, Option<LiveGrant>)>> {
        if self.hot.is_none() {
            // SQLite reads each inline (`store::direct`): nothing to save.
            let Some(client) = self.client(client_id).await? else { return Ok(None) };
            return Ok(Some((client, self.live_grant(grant_id, now).await?)));
        }
        const SQL: &str = concat!(
            "SELECT ",
            client_columns!("c."),
            ", gl.* FROM oauth_clients c LEFT JOIN (",
            live_grant_sql!("oauth_grants g", "g.id"),
            ") gl ON 1 = 1 WHERE c.client_id = $3"
        );
        let build =
            || self.q_as(SQL).bind(now).bind(grant_id.to_owned()).bind(client_id.to_owned());
        let row: Option<ClientGrantRow> = self.hot_optional(build).await?;
        Ok(row.map(|r| (StoredClient::from(r.client), r.grant.map(LiveGrant::from))))
    }

    pub async fn clients(&self) -> Result<Vec<OAuthClient>> {
        const SQL: &str = client_sql!("ORDER BY created_at, client_id");
        let rows: Vec<ClientRow> = self.q_as(SQL).fetch_all(self.db()).await?;
        Ok(rows.into_iter().map(|r| StoredClient::from(r).client).collect())
    }

    /// Deletes a client with its grants, codes, refresh tokens and consents. `false`: no such
    /// client.
    pub async fn delete_client(&self, client_id: &str, audit: &mut Audit) -> Result<bool> {
        let mut tx = self.begin().await?;
        let n = self
            .q("DELETE FROM oauth_clients WHERE client_id = $1")
            .bind(client_id.to_owned())
            .execute(self.on(&mut *tx))
            .await?
            .rows_affected();
        if n == 0 {
            return Ok(false);
        }
        // SQLite enforces foreign keys only when asked; say it in SQL for every database.
        for sql in [
            "DELETE FROM oauth_refresh_tokens WHERE grant_id IN \
             (SELECT id FROM oauth_grants WHERE client_id = $1)",
            "DELETE FROM oauth_codes WHERE grant_id IN \
             (SELECT id FROM oauth_grants WHERE client_id = $1)",
            "DELETE FROM oauth_grants WHERE client_id = $1",
            "DELETE FROM oauth_consents WHERE client_id = $1",
            "DELETE FROM oauth_par_requests WHERE client_id = $1",
            "DELETE FROM oauth_client_registrations WHERE client_id = $1",
            "DELETE FROM oauth_client_documents WHERE client_id = $1",
            "DELETE FROM oauth_device_codes WHERE client_id = $1",
        ] {
            self.q(sql).bind(client_id.to_owned()).execute(self.on(&mut *tx)).await?;
        }
        self.commit_change(tx, None, audit).await?;
        Ok(true)
    }

    /// Writes a grant and its authorization code, and remembers the user's consent to
    /// `consent` (the scopes granted so far, these included; `None`: as remembered), with
    /// `audit`'s entries.
    pub async fn create_grant(
        &self,
        g: &NewGrant,
        consent: Option<&str>,
        audit: &mut Audit,
    ) -> Result<()> {
        if let (Some(direct), Some(entries)) =
            (&self.direct, audit.entries_without_webhooks(Some(&g.user_id)))
        {
            let (g, consent) = (g.clone(), consent.map(str::to_owned));
            let work = move |tx: &rusqlite::Transaction<'_>| {
                write_grant(tx, &g, consent.as_deref())?;
                for e in &entries {
                    super::audit::insert_audit_directly(tx, e)?;
                }
                Ok(super::direct::Finish::Commit(()))
            };
            if direct.writer.transaction(work).await.is_some() {
                audit.mark_written();
                return Ok(());
            }
        }
        let grant = Grant {
            id: g.id.clone(),
            user_id: g.user_id.clone(),
            client_id: g.client_id.clone(),
            session_id: g.session_id.clone(),
            scope: g.scope.clone(),
            amr: g.amr.clone(),
            auth_time: g.auth_time,
            resource: g.resource.clone(),
            dpop_jkt: None,
        };
        let work = async |conn: &mut sqlx::AnyConnection| {
            self.insert_grant_in(&mut *conn, &grant, g.now).await?;
            self.q(INSERT_CODE)
                .bind(g.code_hash.clone())
                .bind(g.id.clone())
                .bind(g.redirect_uri.clone())
                .bind(g.code_challenge.clone())
                .bind(g.nonce.clone())
                .bind(g.now)
                .bind(g.code_expires_at)
                .bind(g.dpop_jkt.clone())
                .execute(self.on(&mut *conn))
                .await?;
            if let Some(consent) = consent {
                self.set_consent_in(&mut *conn, &g.user_id, &g.client_id, consent, g.now).await?;
            }
            if g.self_registered {
                self.q(REGISTRATION_USED)
                    .bind(g.now)
                    .bind(g.client_id.clone())
                    .execute(self.on(&mut *conn))
                    .await?;
            }
            self.write_audit_in(&mut *conn, Some(&g.user_id), &mut *audit).await?;
            Ok(super::direct::Finish::Commit(()))
        };
        self.write(work).await?;
        audit.mark_written();
        Ok(())
    }

    /// Writes a grant made at `now`, inside `tx` (the code flow's with its code, the device
    /// flow's with the device code it answers).
    pub(super) async fn insert_grant_in(
        &self,
        conn: &mut sqlx::AnyConnection,
        g: &Grant,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        self.q(INSERT_GRANT)
            .bind(g.id.clone())
            .bind(g.user_id.clone())
            .bind(g.client_id.clone())
            .bind(g.session_id.clone())
            .bind(g.scope.clone())
            .bind(g.amr.clone())
            .bind(g.auth_time)
            .bind(now)
            .bind(g.resource.clone())
            .execute(self.on(&mut *conn))
            .await?;
        Ok(())
    }

    pub(super) async fn set_consent_in(
        &self,
        conn: &mut sqlx::AnyConnection,
        user_id: &str,
        client_id: &str,
        scope: &str,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        let n = self
            .q(UPDATE_CONSENT)
            .bind(scope.to_owned())
            .bind(now)
            .bind(user_id.to_owned())
            .bind(client_id.to_owned())
            .execute(self.on(&mut *conn))
            .await?
            .rows_affected();
        if n == 0 {
            self.q(INSERT_CONSENT)
                .bind(user_id.to_owned())
                .bind(client_id.to_owned())
                .bind(scope.to_owned())
                .bind(now)
                .bind(now)
                .execute(self.on(&mut *conn))
                .await?;
        }
        Ok(())
    }

    /// The scopes this user has allowed this client, if any.
    pub async fn consent(&self, user_id: &str, client_id: &str) -> Result<Option<Vec<String>>> {
        Ok(self.consent_at(user_id, client_id).await?.map(|(scopes, _)| scopes))
    }

    /// The scopes this user has allowed this client, if any, and when that was last written
    /// (Unix milliseconds).
    pub async fn consent_at(
        &self,
        user_id: &str,
        client_id: &str,
    ) -> Result<Option<(Vec<String>, i64)>> {
        const SQL: &str =
            "SELECT scope, updated_at FROM oauth_consents WHERE user_id = $1 AND client_id = $2";
        let list = crate::domain::client::scope_list;
        if let Some(direct) = &self.direct {
            let read = |row: &rusqlite::Row<'_>| Ok((row.get::<_, String>(0)?, row.get(1)?));
            if let Some(found) = direct.read_one(SQL, [user_id, client_id], read) {
                return Ok(found.map(|(s, at)| (list(&s), at)));
            }
        }
        let (user_id, client_id) = (user_id.to_owned(), client_id.to_owned());
        let found: Option<(Text, i64)> = self
            .hot_optional(|| self.q_as(SQL).bind(user_id.clone()).bind(client_id.clone()))
            .await?;
        Ok(found.map(|(s, at)| (list(&s.0), at)))
    }

    /// Spends an authorization code of `client_id`. A second use revokes the grant the first
    /// one made (RFC 6749 section 4.1.2), with its refresh tokens.
    pub async fn exchange_code(
        &self,
        code_hash: &str,
        client_id: &str,
        now: i64,
        refresh: Option<&RefreshWithCode>,
    ) -> Result<CodeOutcome> {
        let spent = match &self.direct {
            Some(direct) => {
                let (code, client) = (code_hash.to_owned(), client_id.to_owned());
                let r = refresh.cloned();
                let work = move |tx: &rusqlite::Transaction<'_>| {
                    spend_code(tx, &code, &client, now, r.as_ref())
                };
                direct.writer.transaction(work).await
            }
            None => None,
        };
        let spent = match spent {
            Some(spent) => spent,
            None => self.spend_code(code_hash, client_id, now, refresh).await?,
        };
        if let Some(outcome) = spent {
            return Ok(outcome);
        }
        let used: Option<SpentRow> = self
            .q_as("SELECT grant_id, used_at AS spent_at FROM oauth_codes WHERE code_hash = $1")
            .bind(code_hash.to_owned())
            .fetch_optional(self.db())
            .await?;
        match used {
            Some(SpentRow { grant_id, spent_at: Some(_) }) => {
                self.revoke_grant(&grant_id, now).await?;
                Ok(CodeOutcome::Reused)
            }
            _ => Ok(CodeOutcome::Invalid),
        }
    }

    /// The transaction of [`Store::exchange_code`] through the pool: what the code came to,
    /// or `None` when it was not spent now (unknown, expired or used before).
    async fn spend_code(
        &self,
        code_hash: &str,
        client_id: &str,
        now: i64,
        refresh: Option<&RefreshWithCode>,
    ) -> Result<Option<CodeOutcome>> {
        use super::direct::Finish;
        let work = async |conn: &mut sqlx::AnyConnection| {
            let spent = self
                .q(SPEND_CODE)
                .bind(now)
                .bind(code_hash.to_owned())
                .bind(now)
                .execute(self.on(&mut *conn))
                .await?
                .rows_affected();
            if spent != 1 {
                return Ok(Finish::Rollback(None));
            }
            let code: CodeRow =
                self.q_as(CODE).bind(code_hash.to_owned()).fetch_one(self.on(&mut *conn)).await?;
            let row: Option<LiveGrantRow> = self
                .q_as(CODE_GRANT)
                .bind(now)
                .bind(code.grant_id.clone())
                .fetch_optional(self.on(&mut *conn))
                .await?;
            let grant = row.map(LiveGrant::from).filter(|g| g.grant.client_id == client_id);
            if grant.is_some() {
                self.q(GRANT_USED)
                    .bind(now)
                    .bind(code.grant_id.clone())
                    .execute(self.on(&mut *conn))
                    .await?;
            }
            let stored = RefreshWithCode::for_grant(refresh, grant.as_ref());
            if let (Some(r), Some(g)) = (stored, &grant) {
                self.q(INSERT_REFRESH)
                    .bind(r.hash.clone())
                    .bind(g.grant.id.clone())
                    .bind(g.grant.scope.clone())
                    .bind(now)
                    .bind(r.expires_at)
                    .execute(self.on(&mut *conn))
                    .await?;
            }
            let stored = stored.is_some();
            // Another client's code, or a grant or user gone: spent all the same, nothing
            // issued.
            Ok(Finish::Commit(Some(code.exchanged(grant, stored))))
        };
        Ok(self.write(work).await?)
    }

    /// Binds a grant's refresh tokens to a DPoP key (RFC 7638 thumbprint).
    pub async fn bind_grant_to_dpop_key(&self, grant_id: &str, jkt: &str) -> Result<()> {
        self.q("UPDATE oauth_grants SET dpop_jkt = $1 WHERE id = $2")
            .bind(jkt.to_owned())
            .bind(grant_id.to_owned())
            .execute(self.db())
            .await?;
        Ok(())
    }

    /// Keeps a pushed authorization request (RFC 9126) until `expires_at`.
    pub async fn push_request(
        &self,
        request_hash: &str,
        client_id: &str,
        params: &str,
        now: i64,
        expires_at: i64,
    ) -> Result<()> {
        self.q("INSERT INTO oauth_par_requests (request_hash, client_id, params, created_at, \
                expires_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(request_hash.to_owned())
            .bind(client_id.to_owned())
            .bind(params.to_owned())
            .bind(now)
            .bind(expires_at)
            .execute(self.db())
            .await?;
        Ok(())
    }

    /// The parameters of a live pushed request of `client_id`.
    pub async fn pushed_request(
        &self,
        request_hash: &str,
        client_id: &str,
        now: i64,
    ) -> Result<Option<String>> {
        let params: Option<Text> = self
            .q_scalar(
                "SELECT params FROM oauth_par_requests WHERE request_hash = $1 \
                   AND client_id = $2 AND expires_at > $3",
            )
            .bind(request_hash.to_owned())
            .bind(client_id.to_owned())
            .bind(now)
            .fetch_optional(self.db())
            .await?;
        Ok(params.map(|p| p.0))
    }

    pub async fn delete_pushed_request(&self, request_hash: &str) -> Result<()> {
        self.q("DELETE FROM oauth_par_requests WHERE request_hash = $1")
            .bind(request_hash.to_owned())
            .execute(self.db())
            .await?;
        Ok(())
    }

    /// A grant that is still in force (not revoked, user active), with its session's state.
    pub async fn live_grant(&self, grant_id: &str, now: i64) -> Result<Option<LiveGrant>> {
        const SQL: &str = live_grant_sql!("oauth_grants g", "g.id");
        if let Some(direct) = &self.direct {
            let params = rusqlite::params![now, grant_id];
            if let Some(found) = direct.read_one(SQL, params, LiveGrantRow::at) {
                return Ok(found.map(LiveGrant::from));
            }
        }
        let row: Option<LiveGrantRow> =
            self.hot_optional(|| self.q_as(SQL).bind(now).bind(grant_id.to_owned())).await?;
        Ok(row.map(LiveGrant::from))
    }

    pub async fn insert_provider_refresh(
        &self,
        token_hash: &str,
        grant_id: &str,
        scope: &str,
        now: i64,
        expires_at: i64,
    ) -> Result<()> {
        self.q("INSERT INTO oauth_refresh_tokens (token_hash, grant_id, scope, created_at, \
                expires_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(token_hash.to_owned())
            .bind(grant_id.to_owned())
            .bind(scope.to_owned())
            .bind(now)
            .bind(expires_at)
            .execute(self.db())
            .await?;
        Ok(())
    }

    /// Spends refresh token `old_hash` of `client_id` and stores `new_hash` in its place, with
    /// the scope `narrow` decides from the held scope and the grant (the same or fewer scopes;
    /// its refusal, with its reason, spends nothing). A spent token presented again after
    /// `grace_ms` revokes its grant.
    #[allow(clippy::too_many_arguments)]
    pub async fn rotate_provider_refresh<R: Send + 'static>(
        &self,
        old_hash: &str,
        new_hash: &str,
        client_id: &str,
        now: i64,
        expires_at: i64,
        grace_ms: i64,
        narrow: impl Fn(&str, &Grant) -> std::result::Result<String, R> + Clone + Send + 'static,
    ) -> Result<ProviderRefresh<R>> {
        let spent = match &self.direct {
            Some(direct) => {
                let keys = Rotation {
                    old: old_hash.to_owned(),
                    new: new_hash.to_owned(),
                    client_id: client_id.to_owned(),
                    now,
                    expires_at,
                };
                let narrow = narrow.clone();
                let work = move |tx: &rusqlite::Transaction<'_>| keys.run_directly(tx, narrow);
                direct.writer.transaction(work).await
            }
            None => None,
        };
        let spent = match spent {
            Some(spent) => spent,
            None => {
                let keys = Rotation {
                    old: old_hash.to_owned(),
                    new: new_hash.to_owned(),
                    client_id: client_id.to_owned(),
                    now,
                    expires_at,
                };
                keys.run_on_server(self, narrow).await?
            }
        };
        if let Some(outcome) = spent {
            return Ok(outcome);
        }
        let token: Option<SpentRow> = self
            .q_as("SELECT grant_id, spent_at FROM oauth_refresh_tokens WHERE token_hash = $1")
            .bind(old_hash.to_owned())
            .fetch_optional(self.db())
            .await?;
        match token {
            Some(SpentRow { spent_at: Some(at), .. }) if now - at <= grace_ms => {
                Ok(ProviderRefresh::SpentWithinGrace)
            }
            Some(SpentRow { grant_id, spent_at: Some(_) }) => {
                self.revoke_grant(&grant_id, now).await?;
                Ok(ProviderRefresh::ReuseDetected)
            }
            _ => Ok(ProviderRefresh::Invalid),
        }
    }

    /// A refresh token that is neither spent nor expired: `(scope, expires_at, created_at)`.
    pub async fn live_provider_refresh(
        &self,
        token_hash: &str,
        now: i64,
    ) -> Result<Option<(String, i64, i64)>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            #[sqlx(try_from = "Text")]
            scope: String,
            expires_at: i64,
            created_at: i64,
        }
        let row: Option<Row> = self
            .q_as(
                "SELECT scope, expires_at, created_at FROM oauth_refresh_tokens \
                   WHERE token_hash = $1 AND spent_at IS NULL AND expires_at > $2",
            )
            .bind(token_hash.to_owned())
            .bind(now)
            .fetch_optional(self.db())
            .await?;
        Ok(row.map(|r| (r.scope, r.expires_at, r.created_at)))
    }

    /// The grant a refresh token of `client_id` belongs to (spent or not), for revocation.
    pub async fn refresh_token_grant(
        &self,
        token_hash: &str,
        client_id: &str,
    ) -> Result<Option<String>> {
        let id: Option<Text> = self
            .q_scalar(
                "SELECT g.id FROM oauth_refresh_tokens r JOIN oauth_grants g \
                       ON g.id = r.grant_id WHERE r.token_hash = $1 AND g.client_id = $2",
            )
            .bind(token_hash.to_owned())
            .bind(client_id.to_owned())
            .fetch_optional(self.db())
            .await?;
        Ok(id.map(|t| t.0))
    }

    /// Revokes a grant: its access tokens fail from now on, its refresh tokens are deleted.
    pub async fn revoke_grant(&self, grant_id: &str, now: i64) -> Result<bool> {
        let mut tx = self.begin().await?;
        let n = self
            .q("UPDATE oauth_grants SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
            .bind(now)
            .bind(grant_id.to_owned())
            .execute(self.on(&mut *tx))
            .await?
            .rows_affected();
        self.q("DELETE FROM oauth_refresh_tokens WHERE grant_id = $1")
            .bind(grant_id.to_owned())
            .execute(self.on(&mut *tx))
            .await?;
        self.commit(tx).await?;
        Ok(n == 1)
    }

    /// Ends every grant of `user_id`, `offline_access` ones too (their refresh tokens deleted,
    /// their access tokens refused from now on), inside `tx`. A password set (change or reset)
    /// and the first proof of an unproven address (with `consents`: what its maker allowed is
    /// forgotten too) call it: no application keeps a way in that the old password, or a
    /// squatter, gave it.
    pub(super) async fn end_user_grants_in(
        &self,
        tx: &mut Transaction<'static, Any>,
        user_id: &str,
        consents: bool,
        now: i64,
    ) -> Result<()> {
        self.q("DELETE FROM oauth_refresh_tokens WHERE grant_id IN \
                (SELECT id FROM oauth_grants WHERE user_id = $1)")
            .bind(user_id.to_owned())
            .execute(self.on(&mut **tx))
            .await?;
        self.q("UPDATE oauth_grants SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL")
            .bind(now)
            .bind(user_id.to_owned())
            .execute(self.on(&mut **tx))
            .await?;
        if consents {
            self.q("DELETE FROM oauth_consents WHERE user_id = $1")
                .bind(user_id.to_owned())
                .execute(self.on(&mut **tx))
                .await?;
        }
        Ok(())
    }

    /// Withdraws everything a user gave a client: every grant (their tokens stop at once) and
    /// the remembered consent. `false`: the user had granted it nothing.
    pub async fn revoke_client_for_user(
        &self,
        user_id: &str,
        client_id: &str,
        now: i64,
        audit: &mut Audit,
    ) -> Result<bool> {
        let mut tx = self.begin().await?;
        let consents = self
            .q("DELETE FROM oauth_consents WHERE user_id = $1 AND client_id = $2")
            .bind(user_id.to_owned())
            .bind(client_id.to_owned())
            .execute(self.on(&mut *tx))
            .await?
            .rows_affected();
        self.q("DELETE FROM oauth_refresh_tokens WHERE grant_id IN (SELECT id FROM oauth_grants \
                WHERE user_id = $1 AND client_id = $2)")
            .bind(user_id.to_owned())
            .bind(client_id.to_owned())
            .execute(self.on(&mut *tx))
            .await?;
        let grants = self
            .q("UPDATE oauth_grants SET revoked_at = $1 WHERE user_id = $2 AND client_id = $3 \
                AND revoked_at IS NULL")
            .bind(now)
            .bind(user_id.to_owned())
            .bind(client_id.to_owned())
            .execute(self.on(&mut *tx))
            .await?
            .rows_affected();
        if consents + grants == 0 {
            return Ok(false);
        }
        self.commit_change(tx, Some(user_id), audit).await?;
        Ok(true)
    }

    /// The clients a user has granted (remembered consents), newest first.
    pub async fn granted_clients(&self, user_id: &str) -> Result<Vec<GrantedClient>> {
        Ok(self
            .q_as(
                "SELECT c.client_id, c.name, k.scope AS scopes, k.created_at, k.updated_at, \
                        (SELECT MAX(g.used_at) FROM oauth_grants g WHERE g.user_id = k.user_id \
                           AND g.client_id = k.client_id) AS last_used_at \
                   FROM oauth_consents k JOIN oauth_clients c ON c.client_id = k.client_id \
                   WHERE k.user_id = $1 ORDER BY k.updated_at DESC, c.client_id",
            )
            .bind(user_id.to_owned())
            .fetch_all(self.db())
            .await?)
    }

    /// Records a revoked access token that belongs to no grant, until it would expire.
    pub async fn revoke_jti(&self, jti: &str, expires_at: i64) -> Result<()> {
        let mut tx = self.begin().await?;
        self.q("DELETE FROM oauth_revoked_tokens WHERE jti = $1")
            .bind(jti.to_owned())
            .execute(self.on(&mut *tx))
            .await?;
        self.q("INSERT INTO oauth_revoked_tokens (jti, expires_at) VALUES ($1, $2)")
            .bind(jti.to_owned())
            .bind(expires_at)
            .execute(self.on(&mut *tx))
            .await?;
        self.commit(tx).await?;
        Ok(())
    }

    /// Records `jti` as spent until `expires_at`, once: `false` when it already was (a replay).
    /// One `INSERT` decides, so two requests with the same `jti` cannot both pass.
    pub async fn spend_jti_once(&self, jti: &str, expires_at: i64, now: i64) -> Result<bool> {
        // A record past its time may be left (housekeeping runs every few minutes).
        self.q("DELETE FROM oauth_revoked_tokens WHERE jti = $1 AND expires_at <= $2")
            .bind(jti.to_owned())
            .bind(now)
            .execute(self.db())
            .await?;
        let inserted = self
            .q("INSERT INTO oauth_revoked_tokens (jti, expires_at) VALUES ($1, $2)")
            .bind(jti.to_owned())
            .bind(expires_at)
            .execute(self.db())
            .await;
        match inserted {
            Ok(_) => Ok(true),
            Err(e) if super::is_unique_violation(&e) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    pub async fn jti_revoked(&self, jti: &str) -> Result<bool> {
        let found: Option<i64> = self
            .q_scalar("SELECT expires_at FROM oauth_revoked_tokens WHERE jti = $1")
            .bind(jti.to_owned())
            .fetch_optional(self.db())
            .await?;
        Ok(found.is_some())
    }

    /// Queues a back-channel logout notice for each exchanged grant, of a client with a
    /// back-channel URI, whose session has ended (`which`), once per grant. Runs inside the
    /// transaction that ended the sessions, so a notice is queued exactly when they end.
    pub(super) async fn queue_logouts_in(
        &self,
        tx: &mut Transaction<'static, Any>,
        which: Ended<'_>,
        now: i64,
    ) -> Result<()> {
        macro_rules! queue {
            ($cond:literal) => {
                concat!(
                    "INSERT INTO logout_outbox (id, client_id, user_id, session_id, created_at, ",
                    "status, attempts, next_attempt_at, claimed_until) ",
                    "SELECT g.id, g.client_id, g.user_id, g.session_id, $1, 'pending', 0, $2, 0 ",
                    "FROM oauth_grants g JOIN sessions s ON s.id = g.session_id ",
                    "JOIN oauth_clients c ON c.client_id = g.client_id ",
                    "WHERE ",
                    $cond,
                    " = $3 AND s.revoked_at IS NOT NULL AND g.used_at IS NOT NULL ",
                    "AND c.backchannel_logout_uri IS NOT NULL ",
                    "AND NOT EXISTS (SELECT 1 FROM logout_outbox o WHERE o.id = g.id)"
                )
            };
        }
        let (sql, key) = match which {
            Ended::User(u) => (queue!("g.user_id"), u),
            Ended::Session(s) => (queue!("g.session_id"), s),
        };
        self.q(sql).bind(now).bind(now).bind(key.to_owned()).execute(self.on(&mut **tx)).await?;
        Ok(())
    }

    pub async fn claimed_logout(&self, claim: &super::Claim) -> Result<LogoutNotice> {
        Ok(self
            .q_as("SELECT client_id, user_id, session_id FROM logout_outbox WHERE id = $1")
            .bind(claim.id.clone())
            .fetch_one(self.db())
            .await?)
    }
}

#[cfg(test)]
impl Store {
    /// Client `client_id` and live grant `grant_id` read both ways, as `Debug` text:
    /// `(directly, through the pool)` for each (an SQLite file's store).
    pub(super) async fn client_and_grant_both_ways(
        &self,
        client_id: &str,
        grant_id: &str,
        now: i64,
    ) -> [(String, String); 2] {
        const CLIENT: &str = client_sql!("WHERE client_id = $1");
        const GRANT: &str = live_grant_sql!("oauth_grants g", "g.id");
        let direct = self.direct.as_ref().expect("a file database reads directly");
        let client = |c: Option<ClientRow>| {
            format!("{:?}", c.map(StoredClient::from).map(|s| (s.client, s.secret_hash)))
        };
        let grant = |g: Option<LiveGrantRow>| format!("{:?}", g.map(LiveGrant::from));
        let directly = direct.read_one(CLIENT, [client_id], ClientRow::at).expect("answered");
        let pooled: Option<ClientRow> = self
            .q_as(CLIENT)
            .bind(client_id.to_owned())
            .fetch_optional(self.pool())
            .await
            .expect("read");
        let params = rusqlite::params![now, grant_id];
        let grant_directly = direct.read_one(GRANT, params, LiveGrantRow::at).expect("answered");
        let grant_pooled: Option<LiveGrantRow> = self
            .q_as(GRANT)
            .bind(now)
            .bind(grant_id.to_owned())
            .fetch_optional(self.pool())
            .await
            .expect("read");
        [(client(directly), client(pooled)), (grant(grant_directly), grant(grant_pooled))]
    }

    /// [`Store::exchange_code`]'s transaction on the direct path alone: `None` when it could
    /// not run there (the caller would have used the pool).
    pub(super) async fn exchange_code_directly(
        &self,
        code_hash: &str,
        client_id: &str,
        now: i64,
    ) -> Option<Option<CodeOutcome>> {
        let (code, client) = (code_hash.to_owned(), client_id.to_owned());
        let direct = self.direct.as_ref().expect("a file database writes directly");
        let refresh = RefreshWithCode {
            hash: format!("refresh-of-{code}"),
            expires_at: now + 60_000,
            when_scope_holds: "offline_access",
        };
        let work = move |tx: &rusqlite::Transaction<'_>| {
            spend_code(tx, &code, &client, now, Some(&refresh))
        };
        direct.writer.transaction(work).await
    }

    /// [`Store::rotate_provider_refresh`]'s transaction on the direct path alone.
    pub(super) async fn rotate_refresh_directly<R: Send + 'static>(
        &self,
        old: &str,
        new: &str,
        client_id: &str,
        now: i64,
        narrow: impl Fn(&str, &Grant) -> std::result::Result<String, R> + Send + 'static,
    ) -> Option<Option<ProviderRefresh<R>>> {
        let keys = Rotation {
            old: old.to_owned(),
            new: new.to_owned(),
            client_id: client_id.to_owned(),
            now,
            expires_at: now + 60_000,
        };
        let direct = self.direct.as_ref().expect("a file database writes directly");
        direct.writer.transaction(move |tx| keys.run_directly(tx, narrow)).await
    }
}
