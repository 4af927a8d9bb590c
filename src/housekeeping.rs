//! A node's periodic background work: housekeeping (deleting what no request can use any
//! more), re-reading the signing keys (a rotation on another node reaches this node's JWKS),
//! and forgetting rate-limit state that has run out.
//!
//! Housekeeping deletes, each in batches of [`SWEEP_BATCH`] rows per statement:
//! - sessions that expired or were revoked, after their refresh tokens (a spent refresh token
//!   of a live session is kept: presenting it again is how token theft is detected);
//! - verification and reset tokens that are spent or expired;
//! - undelivered mail whose one-time link has expired is marked `expired` and its bodies
//!   dropped (without SMTP nothing delivers it, and it must not keep a link for ever);
//! - delivered, failed or expired mail queued more than [`MAIL_RETENTION`] ago (never pending
//!   mail; the per-address mail throttle looks back one hour only), and webhook deliveries
//!   made or given up as long ago (never pending ones);
//! - signing keys whose last token has expired (see `Auth::retire_keys`);
//! - the OpenID Connect provider's leftovers: authorization codes an hour after they expired,
//!   refresh tokens that expired or whose grant was revoked, then grants that were revoked or
//!   whose session ended and that hold no refresh token or code, revoked access tokens past
//!   their expiry, back-channel logout notices delivered or given up as long ago as mail,
//!   dynamically registered clients nobody signed in to within
//!   `PORTCULLIS_DYNAMIC_REGISTRATION_UNUSED_TTL`, expired initial access tokens, clients
//!   known by a metadata document, stale for [`DOCUMENT_KEPT`], with no grant or consent left,
//!   and expired device authorization requests (RFC 8628).
//!
//! The audit log is kept. Every node runs the job; the deletes are idempotent, so two nodes at
//! once only share the work, and the interval is jittered so they rarely meet.

use std::sync::Arc;
use std::time::Duration;

use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use crate::clock::now_ms;
use crate::error::Result;
use crate::service::Auth;
use crate::store::{Sweep, SWEEP_BATCH};

/// Delivered and failed mail, and webhook deliveries made or given up, are kept this long (for
/// `/dev/mail`, support questions and the `failed` rows' `last_error`).
pub const MAIL_RETENTION: Duration = Duration::from_secs(7 * 24 * 3600);

/// Authorization codes are kept this long after they expire, so a spent code presented again
/// still revokes what it issued (OAuth 2.1 section 4.1.3) instead of being merely unknown.
const CODE_KEPT: Duration = Duration::from_secs(3600);

/// A client known by its metadata document, unused (no grant or consent), is deleted this long
/// after its copy went stale (its next use fetches the document again).
pub const DOCUMENT_KEPT: Duration = Duration::from_secs(24 * 3600);

/// Batches per kind in one run at most, so one run never holds the database for long; what
/// is left waits for the next run.
const MAX_BATCHES: u32 = 200;

/// A pause between two batches, so other writers (SQLite has one at a time) get their turn.
const PAUSE: Duration = Duration::from_millis(20);

/// Limiter state is swept this often.
const LIMITS_SWEEP: Duration = Duration::from_secs(60);

/// What one housekeeping run removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Swept {
    pub refresh_tokens: u64,
    pub sessions: u64,
    pub one_time_tokens: u64,
    pub outbox: u64,
    /// Webhook deliveries made or given up, past [`MAIL_RETENTION`].
    pub webhooks: u64,
    /// Undelivered mail marked expired with its link.
    pub expired_mail: u64,
    pub signing_keys: u64,
    /// The provider's codes, refresh tokens, grants, revoked access tokens and logout notices.
    pub provider: u64,
}

impl Swept {
    pub fn total(&self) -> u64 {
        self.refresh_tokens
            + self.sessions
            + self.one_time_tokens
            + self.outbox
            + self.webhooks
            + self.expired_mail
            + self.signing_keys
            + self.provider
    }
}

/// One housekeeping run, judged at `now` (Unix ms). `stop`, once cancelled, ends the run
/// between two batches.
pub async fn run_once(auth: &Auth, now: i64, stop: Option<&CancellationToken>) -> Result<Swept> {
    let mut swept = Swept::default();
    let mail_cutoff = now - MAIL_RETENTION.as_millis() as i64;
    let unused_cutoff = now - auth.settings().registration_unused_ttl.as_millis() as i64;
    let kinds = [
        (Sweep::RefreshTokens, "refresh_tokens", now),
        (Sweep::Sessions, "sessions", now),
        (Sweep::OneTimeTokens, "one_time_tokens", now),
        (Sweep::MfaChallenges, "mfa_challenges", now),
        (Sweep::Ceremonies, "webauthn_ceremonies", now),
        (Sweep::EmailLogins, "email_logins", now),
        (Sweep::OAuthStates, "oauth_states", now),
        (Sweep::ExpiredMail, "outbox_expired", now),
        (Sweep::Outbox, "outbox", mail_cutoff),
        (Sweep::Webhooks, "webhook_outbox", mail_cutoff),
        (Sweep::ProviderCodes, "oauth_codes", now - CODE_KEPT.as_millis() as i64),
        (Sweep::ProviderRefreshTokens, "oauth_refresh_tokens", now),
        (Sweep::ProviderGrants, "oauth_grants", now),
        (Sweep::RevokedAccessTokens, "oauth_revoked_tokens", now),
        (Sweep::Logouts, "logout_outbox", mail_cutoff),
        (Sweep::UnusedClients, "oauth_clients", unused_cutoff),
        (Sweep::InitialTokens, "oauth_initial_tokens", now),
        (Sweep::PushedRequests, "oauth_par_requests", now),
        (Sweep::DocumentClients, "oauth_client_documents", now - DOCUMENT_KEPT.as_millis() as i64),
        (Sweep::DeviceCodes, "oauth_device_codes", now),
        (Sweep::OrgInvitations, "organization_invitations", now),
    ];
    for (what, kind, at) in kinds {
        let mut deleted = 0;
        for _ in 0..MAX_BATCHES {
            if stop.is_some_and(CancellationToken::is_cancelled) {
                break;
            }
            let n = auth.store().sweep_batch(what, at).await?;
            deleted += n;
            auth.metrics().swept(kind, n);
            if n < SWEEP_BATCH {
                break;
            }
            tokio::time::sleep(PAUSE).await;
        }
        match what {
            Sweep::RefreshTokens => swept.refresh_tokens = deleted,
            Sweep::Sessions => swept.sessions = deleted,
            // Challenges are counted with the other one-time secrets.
            Sweep::OneTimeTokens
            | Sweep::MfaChallenges
            | Sweep::Ceremonies
            | Sweep::EmailLogins
            | Sweep::OAuthStates => swept.one_time_tokens += deleted,
            Sweep::ExpiredMail => swept.expired_mail = deleted,
            Sweep::Outbox => swept.outbox = deleted,
            Sweep::Webhooks => swept.webhooks = deleted,
            Sweep::ProviderCodes
            | Sweep::ProviderRefreshTokens
            | Sweep::ProviderGrants
            | Sweep::RevokedAccessTokens
            | Sweep::Logouts
            | Sweep::UnusedClients
            | Sweep::InitialTokens
            | Sweep::PushedRequests
            | Sweep::DocumentClients
            | Sweep::DeviceCodes => swept.provider += deleted,
            // Invitations are one-time secrets too.
            Sweep::OrgInvitations => swept.one_time_tokens += deleted,
        }
    }
    let retired = auth.retire_keys(now).await?.len() as u64;
    auth.metrics().swept("signing_keys", retired);
    swept.signing_keys = retired;
    Ok(swept)
}

/// Starts, in `tasks`, housekeeping (every `PORTCULLIS_HOUSEKEEPING_INTERVAL`, jittered), key
/// reloads (every `PORTCULLIS_KEY_RELOAD_INTERVAL`) and limiter sweeps (every minute), until
/// `stop` is cancelled; a housekeeping batch in progress then finishes.
pub fn spawn(auth: Arc<Auth>, tasks: &TaskTracker, stop: &CancellationToken) {
    let settings = auth.settings().clone();
    track(
        tasks,
        "housekeeping",
        every(settings.housekeeping_interval, true, stop.clone(), {
            let auth = auth.clone();
            let stop = stop.clone();
            move || {
                let (auth, stop) = (auth.clone(), stop.clone());
                async move { housekeeping(&auth, &stop).await }
            }
        }),
    );
    track(
        tasks,
        "signing-key reloads",
        every(settings.key_reload_interval, false, stop.clone(), {
            let auth = auth.clone();
            move || {
                let auth = auth.clone();
                async move {
                    if let Err(e) = auth.reload_keys().await {
                        tracing::warn!(error = %e, "reloading signing keys failed");
                    }
                }
            }
        }),
    );
    track(
        tasks,
        "limiter sweeps",
        every(LIMITS_SWEEP, false, stop.clone(), move || {
            let auth = auth.clone();
            async move { auth.limits().sweep() }
        }),
    );
}

/// Runs `task` in `tasks` (which a shutdown waits for), and logs it if it panics: a tracker
/// alone would let background work end without a word.
pub fn track<F>(tasks: &TaskTracker, what: &'static str, task: F)
where
    F: std::future::Future<Output = ()> + Send + 'static,
{
    let inner = tokio::spawn(task);
    tasks.spawn(async move {
        if let Err(e) = inner.await {
            tracing::error!(error = %e, task = what, "a background task ended abnormally");
        }
    });
}

/// Calls `work` every `period` (the first time after one period; with `jitter`, each wait is
/// between 90% and 110% of it) until `stop` is cancelled.
async fn every<F, Fut>(period: Duration, jitter: bool, stop: CancellationToken, work: F)
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    loop {
        let wait = if jitter { period.mul_f64(0.9 + 0.2 * fastrand::f64()) } else { period };
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = stop.cancelled() => return,
        }
        if stop.is_cancelled() {
            return;
        }
        work().await;
    }
}

async fn housekeeping(auth: &Auth, stop: &CancellationToken) {
    match run_once(auth, now_ms(), Some(stop)).await {
        Ok(swept) => {
            auth.metrics().housekeeping_run("ok");
            if swept.total() > 0 {
                tracing::info!(
                    sessions = swept.sessions,
                    refresh_tokens = swept.refresh_tokens,
                    one_time_tokens = swept.one_time_tokens,
                    outbox = swept.outbox,
                    expired_mail = swept.expired_mail,
                    signing_keys = swept.signing_keys,
                    "housekeeping deleted rows"
                );
            }
        }
        Err(e) => {
            auth.metrics().housekeeping_run("error");
            tracing::warn!(error = %e, "housekeeping failed; it will run again");
        }
    }
}
