//! Housekeeping: deleting what no request can use any more, in small batches, and the outbox
//! figures for metrics.
//!
//! Each batch is one `DELETE … WHERE key IN (SELECT key FROM (SELECT … LIMIT n) AS batch)`:
//! portable (MySQL and MariaDB refuse `LIMIT` directly in an `IN` subquery, PostgreSQL has no
//! `DELETE … LIMIT`; the derived table satisfies all three), short (one small write
//! transaction, so SQLite's writers and other nodes' locks wait milliseconds), and idempotent:
//! several nodes may run it at once, and a row deleted by one is simply not found by another.

use super::row::Text;
use super::Result;
use super::Store;

/// Rows deleted by one statement at most.
pub const BATCH: u64 = 500;

/// Refresh tokens whose session has ended (expired or revoked).
const REFRESH_OF_ENDED: &str = "DELETE FROM refresh_tokens WHERE token_hash IN \
    (SELECT token_hash FROM (SELECT r.token_hash FROM refresh_tokens r \
    JOIN sessions s ON s.id = r.session_id \
    WHERE s.expires_at <= $1 OR s.revoked_at IS NOT NULL LIMIT 500) AS batch)";

/// Ended sessions whose refresh tokens are gone (so no refresh token is ever left without its
/// session, whatever the order in which nodes run this).
const ENDED_SESSIONS: &str = "DELETE FROM sessions WHERE id IN \
    (SELECT id FROM (SELECT s.id FROM sessions s \
    WHERE (s.expires_at <= $1 OR s.revoked_at IS NOT NULL) \
    AND NOT EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.session_id = s.id) LIMIT 500) AS batch)";

/// Verification and reset tokens that are spent or expired.
const DEAD_TOKENS: &str = "DELETE FROM one_time_tokens WHERE token_hash IN \
    (SELECT token_hash FROM (SELECT token_hash FROM one_time_tokens \
    WHERE expires_at <= $1 OR used_at IS NOT NULL LIMIT 500) AS batch)";

/// Second-step challenges of logins that are spent or expired.
const DEAD_CHALLENGES: &str = "DELETE FROM mfa_challenges WHERE token_hash IN \
    (SELECT token_hash FROM (SELECT token_hash FROM mfa_challenges \
    WHERE expires_at <= $1 OR used_at IS NOT NULL LIMIT 500) AS batch)";

/// WebAuthn ceremonies that are spent or expired.
const DEAD_CEREMONIES: &str = "DELETE FROM webauthn_ceremonies WHERE token_hash IN \
    (SELECT token_hash FROM (SELECT token_hash FROM webauthn_ceremonies \
    WHERE expires_at <= $1 OR used_at IS NOT NULL LIMIT 500) AS batch)";

/// Email sign-ins that are spent or expired.
const DEAD_EMAIL_LOGINS: &str = "DELETE FROM email_logins WHERE token_hash IN \
    (SELECT token_hash FROM (SELECT token_hash FROM email_logins \
    WHERE expires_at <= $1 OR used_at IS NOT NULL LIMIT 500) AS batch)";

/// External sign-ins begun and spent or expired.
const DEAD_OAUTH_STATES: &str = "DELETE FROM oauth_states WHERE state_hash IN \
    (SELECT state_hash FROM (SELECT state_hash FROM oauth_states \
    WHERE expires_at <= $1 OR used_at IS NOT NULL LIMIT 500) AS batch)";

/// Undelivered mail whose one-time link has expired by `$1`: never to be sent, so marked
/// `expired`, its bodies (which held the link) replaced, its lease dropped.
const EXPIRED_MAIL: &str = "UPDATE outbox SET status = 'expired', locked_until = NULL, \
    text_body = '[Not delivered: this message held a one-time link, which expired.]', \
    html_body = '[Not delivered: this message held a one-time link, which expired.]' \
    WHERE id IN (SELECT id FROM (SELECT id FROM outbox \
    WHERE status = 'pending' AND expires_at <= $1 LIMIT 500) AS batch)";

/// Delivered, given-up or expired mail queued before `$1`. Pending mail is never deleted.
const OLD_MAIL: &str = "DELETE FROM outbox WHERE id IN \
    (SELECT id FROM (SELECT id FROM outbox \
    WHERE status IN ('sent', 'failed', 'expired') AND created_at < $1 LIMIT 500) AS batch)";

/// Webhook deliveries made or given up, queued before `$1`. Pending ones are never deleted.
const OLD_WEBHOOKS: &str = "DELETE FROM webhook_outbox WHERE id IN \
    (SELECT id FROM (SELECT id FROM webhook_outbox \
    WHERE status IN ('delivered', 'failed') AND created_at < $1 LIMIT 500) AS batch)";

/// Authorization codes that expired before `$1` (an hour before now: a spent code presented
/// again within that hour still revokes what it issued).
const OLD_CODES: &str = "DELETE FROM oauth_codes WHERE code_hash IN \
    (SELECT code_hash FROM (SELECT code_hash FROM oauth_codes \
    WHERE expires_at <= $1 LIMIT 500) AS batch)";

/// Provider refresh tokens that expired, or whose grant was revoked. A spent token of a live
/// grant is kept until it expires: presenting it again is how theft is detected.
const DEAD_PROVIDER_REFRESH: &str = "DELETE FROM oauth_refresh_tokens WHERE token_hash IN \
    (SELECT token_hash FROM (SELECT r.token_hash FROM oauth_refresh_tokens r \
    JOIN oauth_grants g ON g.id = r.grant_id \
    WHERE r.expires_at <= $1 OR g.revoked_at IS NOT NULL LIMIT 500) AS batch)";

/// Grants no token can use any more: revoked, or made in a session that has ended, and with
/// no refresh token or code left (those go first, above, so none is ever left without its
/// grant). An offline grant lives while a refresh token of it does.
const ENDED_GRANTS: &str = "DELETE FROM oauth_grants WHERE id IN \
    (SELECT id FROM (SELECT g.id FROM oauth_grants g \
    WHERE NOT EXISTS (SELECT 1 FROM oauth_refresh_tokens r WHERE r.grant_id = g.id) \
    AND NOT EXISTS (SELECT 1 FROM oauth_codes c WHERE c.grant_id = g.id) \
    AND (g.revoked_at IS NOT NULL OR NOT EXISTS (SELECT 1 FROM sessions s \
    WHERE s.id = g.session_id AND s.revoked_at IS NULL AND s.expires_at > $1)) \
    LIMIT 500) AS batch)";

/// Revoked access tokens (of no grant) that have expired anyway.
const EXPIRED_REVOKED_JTIS: &str = "DELETE FROM oauth_revoked_tokens WHERE jti IN \
    (SELECT jti FROM (SELECT jti FROM oauth_revoked_tokens \
    WHERE expires_at <= $1 LIMIT 500) AS batch)";

/// Back-channel logout notices delivered or given up, queued before `$1`. Pending ones are
/// never deleted.
const OLD_LOGOUTS: &str = "DELETE FROM logout_outbox WHERE id IN \
    (SELECT id FROM (SELECT id FROM logout_outbox \
    WHERE status IN ('delivered', 'failed') AND created_at < $1 LIMIT 500) AS batch)";

/// Dynamically registered clients never used for a grant, registered before `$1` (the
/// registration row goes with its client: its foreign key cascades).
const UNUSED_CLIENTS: &str = "DELETE FROM oauth_clients WHERE client_id IN \
    (SELECT client_id FROM (SELECT client_id FROM oauth_client_registrations \
    WHERE used_at IS NULL AND created_at < $1 LIMIT 500) AS batch)";

/// Initial access tokens that expired.
const EXPIRED_INITIAL_TOKENS: &str = "DELETE FROM oauth_initial_tokens WHERE id IN \
    (SELECT id FROM (SELECT id FROM oauth_initial_tokens \
    WHERE expires_at <= $1 LIMIT 500) AS batch)";

/// Pushed authorization requests (RFC 9126) that expired.
const EXPIRED_PUSHED_REQUESTS: &str = "DELETE FROM oauth_par_requests WHERE request_hash IN \
    (SELECT request_hash FROM (SELECT request_hash FROM oauth_par_requests \
    WHERE expires_at <= $1 LIMIT 500) AS batch)";

/// Device authorization requests (RFC 8628) that expired, whatever became of them.
const EXPIRED_DEVICE_CODES: &str = "DELETE FROM oauth_device_codes WHERE device_hash IN \
    (SELECT device_hash FROM (SELECT device_hash FROM oauth_device_codes \
    WHERE expires_at <= $1 LIMIT 500) AS batch)";

/// Organisation invitations (docs/organizations.md) past their expiry.
const EXPIRED_INVITATIONS: &str = "DELETE FROM organization_invitations WHERE id IN \
    (SELECT id FROM (SELECT id FROM organization_invitations \
    WHERE expires_at <= $1 LIMIT 500) AS batch)";

/// The outbox as metrics show it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutboxStats {
    /// Messages waiting for delivery (or for a retry).
    pub pending: i64,
    /// Messages given up on, kept until housekeeping removes them.
    pub failed: i64,
    /// When the oldest pending message was queued (Unix ms).
    pub oldest_pending: Option<i64>,
}

/// One status's figures in the outbox (a row of [`Store::outbox_stats`]'s statement).
#[derive(sqlx::FromRow)]
struct StatusFigures {
    #[sqlx(try_from = "Text")]
    status: String,
    n: i64,
    oldest: Option<i64>,
}

/// Which of the housekeeping deletes to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sweep {
    /// Refresh tokens of sessions that have ended.
    RefreshTokens,
    /// Ended sessions (after their refresh tokens).
    Sessions,
    /// Spent or expired one-time tokens.
    OneTimeTokens,
    /// Spent or expired second-step challenges.
    MfaChallenges,
    /// Spent or expired WebAuthn ceremonies.
    Ceremonies,
    /// Spent or expired email sign-ins.
    EmailLogins,
    /// Spent or expired external sign-ins.
    OAuthStates,
    /// Undelivered mail whose link has expired (marked `expired`, bodies dropped).
    ExpiredMail,
    /// Delivered, failed or expired mail queued before the given time.
    Outbox,
    /// Webhook deliveries made or given up, queued before the given time.
    Webhooks,
    /// Authorization codes expired before the given time.
    ProviderCodes,
    /// Provider refresh tokens expired or of revoked grants.
    ProviderRefreshTokens,
    /// Provider grants revoked or of ended sessions, with no token or code left.
    ProviderGrants,
    /// Revoked access tokens past their expiry.
    RevokedAccessTokens,
    /// Back-channel logout notices delivered or given up, queued before the given time.
    Logouts,
    /// Dynamically registered clients never used, registered before the given time.
    UnusedClients,
    /// Expired initial access tokens.
    InitialTokens,
    /// Expired pushed authorization requests.
    PushedRequests,
    /// Clients known by a metadata document, stale before the given time and unused.
    DocumentClients,
    /// Expired device authorization requests.
    DeviceCodes,
    /// Organisation invitations past their expiry, accepted, revoked or not.
    OrgInvitations,
}

impl Store {
    /// Deletes (for [`Sweep::ExpiredMail`]: marks) one batch (at most [`BATCH`] rows) of `what`, judged at `at` (Unix ms: "now" for
    /// sessions and tokens, the cut-off for mail). Returns how many rows went.
    pub async fn sweep_batch(&self, what: Sweep, at: i64) -> Result<u64> {
        let sql = match what {
            Sweep::RefreshTokens => REFRESH_OF_ENDED,
            Sweep::Sessions => ENDED_SESSIONS,
            Sweep::OneTimeTokens => DEAD_TOKENS,
            Sweep::MfaChallenges => DEAD_CHALLENGES,
            Sweep::Ceremonies => DEAD_CEREMONIES,
            Sweep::EmailLogins => DEAD_EMAIL_LOGINS,
            Sweep::OAuthStates => DEAD_OAUTH_STATES,
            Sweep::ExpiredMail => EXPIRED_MAIL,
            Sweep::Outbox => OLD_MAIL,
            Sweep::Webhooks => OLD_WEBHOOKS,
            Sweep::ProviderCodes => OLD_CODES,
            Sweep::ProviderRefreshTokens => DEAD_PROVIDER_REFRESH,
            Sweep::ProviderGrants => ENDED_GRANTS,
            Sweep::RevokedAccessTokens => EXPIRED_REVOKED_JTIS,
            Sweep::Logouts => OLD_LOGOUTS,
            Sweep::UnusedClients => UNUSED_CLIENTS,
            Sweep::InitialTokens => EXPIRED_INITIAL_TOKENS,
            Sweep::PushedRequests => EXPIRED_PUSHED_REQUESTS,
            Sweep::DocumentClients => super::metadata_documents::STALE_DOCUMENT_CLIENTS,
            Sweep::DeviceCodes => EXPIRED_DEVICE_CODES,
            Sweep::OrgInvitations => EXPIRED_INVITATIONS,
        };
        Ok(self.q(sql).bind(at).execute(self.db()).await?.rows_affected())
    }

    /// Pending and failed message counts, and the age of the oldest pending one.
    pub async fn outbox_stats(&self) -> Result<OutboxStats> {
        let rows: Vec<StatusFigures> = self
            .q_as(
                "SELECT status, COUNT(*) AS n, MIN(created_at) AS oldest FROM outbox \
                WHERE status IN ('pending', 'failed') GROUP BY status",
            )
            .fetch_all(self.db())
            .await?;
        let mut stats = OutboxStats::default();
        for row in rows {
            match row.status.as_str() {
                "pending" => {
                    stats.pending = row.n;
                    stats.oldest_pending = row.oldest;
                }
                _ => stats.failed = row.n,
            }
        }
        Ok(stats)
    }

    /// Deletes a signing key (once its last token has expired).
    pub async fn delete_signing_key(&self, kid: &str) -> Result<bool> {
        let n = self
            .q("DELETE FROM signing_keys WHERE kid = $1")
            .bind(kid.to_owned())
            .execute(self.db())
            .await?
            .rows_affected();
        Ok(n == 1)
    }
}
