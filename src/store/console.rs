//! What the administration console reads beyond the admin API's calls: the dashboard's
//! figures and the user search with filters (`http::pages::console`).

use super::users::UserRow;
use super::{Result, Store};
use crate::domain::User;

/// Which accounts a user search lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UserFilter {
    #[default]
    All,
    Disabled,
    Unverified,
    Admins,
}

impl UserFilter {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "" | "all" => Self::All,
            "disabled" => Self::Disabled,
            "unverified" => Self::Unverified,
            "admins" => Self::Admins,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::All => "all",
            Self::Disabled => "disabled",
            Self::Unverified => "unverified",
            Self::Admins => "admins",
        }
    }
}

/// The dashboard's counts.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct ConsoleFigures {
    pub users: i64,
    pub disabled: i64,
    pub unverified: i64,
    pub admins: i64,
    pub organizations: i64,
    pub clients: i64,
    pub live_api_keys: i64,
    pub live_sessions: i64,
    /// Since the given time: successful sign-ins, and failed ones.
    pub sign_ins: i64,
    pub sign_in_failures: i64,
    /// Webhook deliveries waiting, and given up on.
    pub webhooks_pending: i64,
    pub webhooks_failed: i64,
}

#[derive(sqlx::FromRow)]
struct Counts {
    users: i64,
    disabled: i64,
    unverified: i64,
    admins: i64,
}

#[derive(sqlx::FromRow)]
struct One {
    n: i64,
}

/// The search's statements for a filter: without a prefix; with one, among the next
/// [`WINDOW_PAGES`] pages' worth of accounts in id order (`$1` the cursor, `$2` how many, then
/// the prefix twice, email key and username key, then the limit); and with one over the whole
/// table, as an `OR` of the two keys' `LIKE` (MariaDB merges their indexes) or as ids from
/// each key's index (SQLite and PostgreSQL: given the `OR`, SQLite walks the whole primary key
/// in id order instead, migration 0026 or not) (`$1` the cursor, the prefix twice, the limit).
macro_rules! search_sql {
    ($cond:literal) => {
        (
            concat!("SELECT ", user_columns!(), " FROM users WHERE id > $1", $cond, " ORDER BY id LIMIT $2"),
            concat!(
                "SELECT ", user_columns!(), " FROM (SELECT ", user_columns!(),
                ", email_key, username_key FROM users WHERE id > $1 ORDER BY id LIMIT $2) AS w WHERE ",
                "(email_key LIKE $3 ESCAPE '!' OR username_key LIKE $4 ESCAPE '!')", $cond,
                " ORDER BY id LIMIT $5"
            ),
            concat!(
                "SELECT ", user_columns!(), " FROM users WHERE id > $1", $cond,
                " AND (email_key LIKE $2 ESCAPE '!' OR username_key LIKE $3 ESCAPE '!') ORDER BY id LIMIT $4"
            ),
            concat!(
                "SELECT ", user_columns!(), " FROM users WHERE id > $1", $cond,
                " AND id IN (SELECT id FROM users WHERE email_key LIKE $2 ESCAPE '!' \
                 UNION SELECT id FROM users WHERE username_key LIKE $3 ESCAPE '!') ORDER BY id LIMIT $4"
            ),
        )
    };
}

/// A prefix that many accounts share is first looked for among this many pages' worth of
/// accounts after the cursor in id order (the primary key, stopping there): where one account
/// in forty or more matches, evenly, its page is there. The keys' indexes return every match
/// (a ninth of a million accounts for a prefix of `seed9`: two seconds on MariaDB), all to be
/// sorted by id for one page; they answer a prefix that fewer accounts share, and one whose
/// matches the window missed.
const WINDOW_PAGES: i64 = 40;

/// The accounts whose email key, and those whose username key, start with a prefix, each
/// counted up to a bound from its index alone (`$1` the prefix, `$2` the bound, twice).
const COUNT_UP_TO: &str = "SELECT \
    (SELECT COUNT(*) FROM (SELECT 1 AS x FROM users WHERE email_key LIKE $1 ESCAPE '!' LIMIT $2) AS e) + \
    (SELECT COUNT(*) FROM (SELECT 1 AS x FROM users WHERE username_key LIKE $3 ESCAPE '!' LIMIT $4) AS u) AS n";

impl Store {
    /// The dashboard's figures; sign-ins counted from `since` (Unix ms), sessions live at `now`.
    pub async fn console_figures(&self, since: i64, now: i64) -> Result<ConsoleFigures> {
        let counts: Counts = self
            .q_as(
                // COUNT, not SUM: MariaDB's SUM is a DECIMAL, which the Any driver cannot read.
                "SELECT COUNT(*) AS users, \
                 COUNT(CASE WHEN is_active = 0 THEN 1 END) AS disabled, \
                 COUNT(CASE WHEN email_verified = 0 THEN 1 END) AS unverified, \
                 COUNT(CASE WHEN is_admin = 1 THEN 1 END) AS admins FROM users",
            )
            .fetch_one(self.db())
            .await?;
        let count = async |sql: &'static str, binds: &[i64]| -> Result<i64> {
            let mut q = self.q_as::<One>(sql);
            for b in binds {
                q = q.bind(*b);
            }
            Ok(q.fetch_one(self.db()).await?.n)
        };
        Ok(ConsoleFigures {
            users: counts.users,
            disabled: counts.disabled,
            unverified: counts.unverified,
            admins: counts.admins,
            organizations: count("SELECT COUNT(*) AS n FROM organizations", &[]).await?,
            clients: count("SELECT COUNT(*) AS n FROM oauth_clients", &[]).await?,
            live_api_keys: count("SELECT COUNT(*) AS n FROM api_keys WHERE revoked_at IS NULL", &[])
                .await?,
            live_sessions: count(
                "SELECT COUNT(*) AS n FROM sessions WHERE revoked_at IS NULL AND expires_at > $1",
                &[now],
            )
            .await?,
            sign_ins: count(
                "SELECT COUNT(*) AS n FROM audit_log WHERE at >= $1 AND event = 'login' \
                 AND outcome = 'succeeded'",
                &[since],
            )
            .await?,
            sign_in_failures: count(
                "SELECT COUNT(*) AS n FROM audit_log WHERE at >= $1 AND event IN ('login', \
                 'mfa_verify', 'passkey_login', 'oauth_login', 'email_login') AND outcome = 'failed'",
                &[since],
            )
            .await?,
            webhooks_pending: count(
                "SELECT COUNT(*) AS n FROM webhook_outbox WHERE status = 'pending'",
                &[],
            )
            .await?,
            webhooks_failed: count(
                "SELECT COUNT(*) AS n FROM webhook_outbox WHERE status = 'failed'",
                &[],
            )
            .await?,
        })
    }

    /// A page of users in id order after `after` (keyset), those `filter` keeps whose email or
    /// username key starts with `prefix` (or whose id is `prefix`, checked first).
    pub async fn console_users(
        &self,
        after: Option<&str>,
        prefix: Option<&str>,
        filter: UserFilter,
        limit: i64,
    ) -> Result<Vec<User>> {
        let (plain, windowed, or, union) = match filter {
            UserFilter::All => search_sql!(""),
            UserFilter::Disabled => search_sql!(" AND is_active = 0"),
            UserFilter::Unverified => search_sql!(" AND email_verified = 0"),
            UserFilter::Admins => search_sql!(" AND is_admin = 1"),
        };
        let after = after.unwrap_or("").to_owned();
        let Some(p) = prefix else {
            let rows: Vec<UserRow> =
                self.q_as(plain).bind(after).bind(limit).fetch_all(self.db()).await?;
            return Ok(rows.into_iter().map(User::from).collect());
        };
        let like = format!("{}%", p.replace('!', "!!").replace('%', "!%").replace('_', "!_"));
        let window = limit.saturating_mul(WINDOW_PAGES);
        // The matches counted in each key's index, up to a window's worth: fewer, and the
        // indexes give them all at once; as many, and the window is read first. Each statement
        // is planned for its own prefix (`persistent(false)`): PostgreSQL's plan of a prepared
        // `LIKE $1` that no longer looks at the prefix is a scan of the whole table, which it
        // turns to for good on a connection after a few costly (broad) searches.
        let counted: One = self
            .q_as(COUNT_UP_TO)
            .persistent(false)
            .bind(like.clone())
            .bind(window)
            .bind(like.clone())
            .bind(window)
            .fetch_one(self.db())
            .await?;
        if counted.n >= window {
            let near: Vec<UserRow> = self
                .q_as(windowed)
                .persistent(false)
                .bind(after.clone())
                .bind(window)
                .bind(like.clone())
                .bind(like.clone())
                .bind(limit)
                .fetch_all(self.db())
                .await?;
            if near.len() as i64 >= limit {
                // The first `limit` matches after the cursor: none can come before them.
                return Ok(near.into_iter().map(User::from).collect());
            }
        }
        let searched = if self.backend == super::Backend::MySql { or } else { union };
        let rows: Vec<UserRow> = self
            .q_as(searched)
            .persistent(false)
            .bind(after)
            .bind(like.clone())
            .bind(like)
            .bind(limit)
            .fetch_all(self.db())
            .await?;
        Ok(rows.into_iter().map(User::from).collect())
    }
}
