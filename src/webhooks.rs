//! The webhook worker: delivers due rows of the webhook outbox, signed the Standard Webhooks
//! way (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256 of
//! "id.timestamp.body">`).
//!
//! Rows are written with the audit entry of what happened (`service::audit`), so an event is
//! queued exactly when it is recorded. They are delivered in webhooks' own lane of the delivery
//! worker (`crate::delivery`: leased, so each is attempted by one node at a time; at-least-once,
//! so receivers deduplicate by `webhook-id`, which stays the same across retries). A failed
//! attempt (a non-2xx answer, a timeout, no connection) is retried after an exponential
//! backoff with jitter, up to `PORTCULLIS_WEBHOOK_MAX_ATTEMPTS`; then the row is marked
//! `failed` and kept.

use std::sync::Arc;
use std::time::Duration;

use base64::Engine as _;

use crate::clock::now_ms;
use crate::config::{Settings, Webhook};
use crate::delivery::{Backoff, Jitter, Lane, LaneSettings, Outcome, Sender, Sent};
use crate::store::{Claim, Queue, Result, Store, WebhookDelivery};

/// One delivery may take this long.
const TIMEOUT: Duration = Duration::from_secs(10);
/// Deliveries read per round.
const BATCH: i64 = 50;

/// The `webhook-signature` of `body` under `key`, as Standard Webhooks defines it.
pub fn signature(key: &[u8], id: &str, timestamp: i64, body: &str) -> String {
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, key);
    let tag = ring::hmac::sign(&key, format!("{id}.{timestamp}.{body}").as_bytes());
    format!("v1,{}", base64::engine::general_purpose::STANDARD.encode(tag.as_ref()))
}

/// Posts deliveries to the configured endpoints.
pub struct WebhookSender {
    hooks: Vec<Webhook>,
    http: openidconnect::reqwest::Client,
}

impl WebhookSender {
    /// Webhooks' lane of the delivery worker.
    pub fn lane(store: Arc<Store>, settings: &Settings) -> anyhow::Result<Lane<Self>> {
        let http = openidconnect::reqwest::ClientBuilder::new()
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .timeout(TIMEOUT)
            .user_agent(crate::PRODUCT)
            .build()?;
        let lane = LaneSettings {
            poll: settings.webhook_poll_interval,
            backoff: Backoff { base: settings.webhook_retry_base, jitter: Jitter::UpToAFifth },
            max_attempts: settings.webhook_max_attempts.into(),
            lease: TIMEOUT.saturating_mul(3),
            batch: BATCH,
        };
        Ok(Lane::new(store, Self { hooks: settings.webhooks.clone(), http }, lane))
    }
}

impl Sender for WebhookSender {
    type Item = WebhookDelivery;
    const QUEUE: Queue = Queue::Webhook;

    async fn load(&self, store: &Store, claim: &Claim) -> Result<WebhookDelivery> {
        store.claimed_webhook(claim).await
    }

    async fn send(&self, d: &WebhookDelivery) -> Sent {
        let Some(hook) = self.hooks.iter().find(|h| h.name == d.endpoint) else {
            // The endpoint was removed from the configuration: nothing to send it to.
            let error = "endpoint no longer configured".to_owned();
            return Sent::Failed { error, permanent: true };
        };
        let timestamp = now_ms() / 1000;
        let sent = self
            .http
            .post(&hook.url)
            .header("content-type", "application/json")
            .header("webhook-id", &d.id)
            .header("webhook-timestamp", timestamp.to_string())
            .header("webhook-signature", signature(&hook.key(), &d.id, timestamp, &d.payload))
            .body(d.payload.clone())
            .send()
            .await;
        let error = match sent {
            Ok(res) if res.status().is_success() => return Sent::Delivered(String::new()),
            Ok(res) => format!("HTTP {}", res.status().as_u16()),
            Err(e) => describe(e, &hook.url),
        };
        Sent::Failed { error, permanent: false }
    }

    fn outcome(&self, d: &WebhookDelivery, claim: &Claim, outcome: &Outcome<'_>) {
        let (id, event, endpoint, attempt) = (&claim.id, &d.event_type, &d.endpoint, claim.attempt);
        match outcome {
            Outcome::Delivered { .. } => {
                tracing::debug!(%id, %event, %endpoint, "webhook delivered");
            }
            Outcome::Retry { error, .. } => {
                tracing::warn!(%id, %event, %endpoint, attempt, give_up = false, %error, "webhook delivery failed");
            }
            Outcome::GaveUp { error } => {
                tracing::warn!(%id, %event, %endpoint, attempt, give_up = true, %error, "webhook delivery failed");
            }
        }
    }
}

/// A failed send as logged and stored: the error and its causes, without the endpoint's URL
/// (reqwest names it, and its query or credentials may hold the receiver's token).
fn describe(e: openidconnect::reqwest::Error, url: &str) -> String {
    let e = e.without_url();
    let mut text = e.to_string();
    let mut cause = std::error::Error::source(&e);
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    crate::config::redact_url_in(&text, url)
}

#[cfg(test)]
mod tests {
    #[test]
    fn signs_as_the_standard_webhooks_example_does() {
        // The example of the Standard Webhooks specification.
        use base64::Engine as _;
        let key = base64::engine::general_purpose::STANDARD
            .decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
            .unwrap();
        let sig = super::signature(
            &key,
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1614265330,
            r#"{"test": 2432232314}"#,
        );
        assert_eq!(sig, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }
}
