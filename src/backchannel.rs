//! Back-channel logout (OpenID Connect Back-Channel Logout 1.0): when a Portcullis session
//! ends (a logout, a reset, an admin's revocation, on any route set), each client holding a
//! grant from it that registered a `backchannel_logout_uri` is sent a signed logout token.
//!
//! The notices are queued in `logout_outbox` by the same transaction that ends the sessions
//! (`store::sessions`), and delivered in their own lane of the delivery worker
//! (`crate::delivery`), with its leases and retries, like mail and webhooks: a client that is
//! down hears of the logout when it is back.

use std::sync::Arc;
use std::time::Duration;

use serde_json::json;

use crate::clock::now_ms;
use crate::config::Settings;
use crate::delivery::{Backoff, Jitter, Lane, LaneSettings, Outcome, Sender, Sent};
use crate::service::Auth;
use crate::store::{Claim, LogoutNotice, Queue, Result, Store};

/// One delivery may take this long.
const TIMEOUT: Duration = Duration::from_secs(10);
/// Notices read per round.
const BATCH: i64 = 50;
/// Attempts before a notice is given up.
const MAX_ATTEMPTS: i64 = 8;
/// The event a logout token carries.
pub const EVENT: &str = "http://schemas.openid.net/event/backchannel-logout";

/// Posts logout tokens to clients.
pub struct LogoutSender {
    auth: Arc<Auth>,
    http: openidconnect::reqwest::Client,
}

/// A claimed notice, with what it needs to be sent.
pub struct Notice {
    notice: LogoutNotice,
}

impl LogoutSender {
    /// Back-channel logout's lane of the delivery worker.
    pub fn lane(auth: Arc<Auth>, settings: &Settings) -> anyhow::Result<Lane<Self>> {
        let http = openidconnect::reqwest::ClientBuilder::new()
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .timeout(TIMEOUT)
            .user_agent(crate::PRODUCT)
            .build()?;
        let lane = LaneSettings {
            poll: settings.webhook_poll_interval,
            backoff: Backoff { base: settings.webhook_retry_base, jitter: Jitter::UpToAFifth },
            max_attempts: MAX_ATTEMPTS,
            lease: TIMEOUT.saturating_mul(3),
            batch: BATCH,
        };
        let store: Arc<Store> = auth.store().clone();
        Ok(Lane::new(store, Self { auth, http }, lane))
    }
}

impl Sender for LogoutSender {
    type Item = Notice;
    const QUEUE: Queue = Queue::Logout;

    async fn load(&self, store: &Store, claim: &Claim) -> Result<Notice> {
        Ok(Notice { notice: store.claimed_logout(claim).await? })
    }

    async fn send(&self, n: &Notice) -> Sent {
        let n = &n.notice;
        let client = match self.auth.client(&n.client_id).await {
            Ok(c) => c,
            Err(e) => {
                let permanent = e.code() == crate::error::ErrorCode::ClientNotFound;
                return Sent::Failed { error: e.to_string(), permanent };
            }
        };
        let Some(uri) = client.backchannel_logout_uri.clone() else {
            let error = "the client no longer has a back-channel logout URI".to_owned();
            return Sent::Failed { error, permanent: true };
        };
        let now = now_ms() / 1000;
        let claims = json!({
            "iss": self.auth.issuer(),
            "aud": client.client_id,
            "iat": now,
            "exp": now + 120,
            "jti": uuid::Uuid::new_v4().to_string(),
            "sub": n.user_id,
            "sid": crate::service::provider::sid_for(&n.session_id),
            "events": { EVENT: {} },
        });
        let keys = match self.auth.id_keys().await {
            Ok(k) => k,
            Err(e) => return Sent::Failed { error: e.to_string(), permanent: false },
        };
        let token = match keys.sign(&client.id_token_alg, "logout+jwt", &claims) {
            Ok(t) => t,
            Err(e) => return Sent::Failed { error: e.to_string(), permanent: false },
        };
        let sent = self.http.post(&uri).form(&[("logout_token", token)]).send().await;
        match sent {
            Ok(res) if res.status().is_success() => Sent::Delivered(res.status().to_string()),
            Ok(res) => {
                Sent::Failed { error: format!("HTTP {}", res.status().as_u16()), permanent: false }
            }
            Err(e) => {
                let text = crate::config::redact_url_in(&e.without_url().to_string(), &uri);
                Sent::Failed { error: text, permanent: false }
            }
        }
    }

    fn outcome(&self, n: &Notice, claim: &Claim, outcome: &Outcome<'_>) {
        let (id, client, attempt) = (&claim.id, &n.notice.client_id, claim.attempt);
        match outcome {
            Outcome::Delivered { .. } => {
                tracing::debug!(%id, %client, "back-channel logout delivered")
            }
            Outcome::Retry { error, .. } => {
                tracing::warn!(%id, %client, attempt, give_up = false, %error, "back-channel logout failed")
            }
            Outcome::GaveUp { error } => {
                tracing::warn!(%id, %client, attempt, give_up = true, %error, "back-channel logout failed")
            }
        }
    }
}
