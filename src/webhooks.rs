//! The webhook worker: delivers due rows of the webhook outbox, signed the Standard Webhooks
//! way (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256 of
//! "id.timestamp.body">`).
//!
//! Rows are written with the audit entry of what happened (`service::audit`), so an event is
//! queued exactly when it is recorded. A row is claimed with a lease before it is sent, so any
//! number of nodes can run this worker on one database and each delivery is attempted by one
//! node at a time; a node that dies mid-delivery leaves its row to be taken up again when the
//! lease runs out (at-least-once: receivers deduplicate by `webhook-id`, which stays the same
//! across retries). A failed attempt (a non-2xx answer, a timeout, no connection) is retried
//! after an exponential backoff with jitter, up to `PORTCULLIS_WEBHOOK_MAX_ATTEMPTS`; then the
//! row is marked `failed` and kept.

use std::sync::Arc;
use std::time::Duration;

use base64::Engine as _;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::clock::now_ms;
use crate::config::{Settings, Webhook};
use crate::store::{Result, Store, WebhookDelivery};

/// One delivery may take this long.
const TIMEOUT: Duration = Duration::from_secs(10);
/// Backoff never waits longer than this.
const MAX_BACKOFF: Duration = Duration::from_secs(3600);
/// Deliveries claimed per round.
const BATCH: i64 = 50;

/// The `webhook-signature` of `body` under `key`, as Standard Webhooks defines it.
pub fn signature(key: &[u8], id: &str, timestamp: i64, body: &str) -> String {
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, key);
    let tag = ring::hmac::sign(&key, format!("{id}.{timestamp}.{body}").as_bytes());
    format!("v1,{}", base64::engine::general_purpose::STANDARD.encode(tag.as_ref()))
}

pub struct WebhookWorker {
    store: Arc<Store>,
    hooks: Vec<Webhook>,
    http: openidconnect::reqwest::Client,
    poll: Duration,
    retry_base: Duration,
    max_attempts: i64,
}

/// A running worker; [`WebhookHandle::stop`] ends it.
pub struct WebhookHandle {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl WebhookHandle {
    /// Stops after the delivery in hand.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        if let Err(e) = self.task.await {
            tracing::error!(error = %e, "the webhook worker ended abnormally");
        }
    }
}

impl WebhookWorker {
    pub fn new(store: Arc<Store>, settings: &Settings) -> anyhow::Result<Self> {
        let http = openidconnect::reqwest::ClientBuilder::new()
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .timeout(TIMEOUT)
            .user_agent(crate::PRODUCT)
            .build()?;
        Ok(Self {
            store,
            hooks: settings.webhooks.clone(),
            http,
            poll: settings.webhook_poll_interval,
            retry_base: settings.webhook_retry_base,
            max_attempts: settings.webhook_max_attempts.into(),
        })
    }

    pub fn spawn(self) -> WebhookHandle {
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(self.run(stopped));
        WebhookHandle { stop, task }
    }

    async fn run(self, mut stop: watch::Receiver<bool>) {
        loop {
            let claimed = match self.deliver_due(&stop).await {
                Ok(n) => n,
                Err(e) => {
                    tracing::warn!(error = %e, "webhooks: the outbox could not be read or updated");
                    0
                }
            };
            if *stop.borrow() {
                break;
            }
            if claimed == 0 {
                tokio::select! {
                    _ = tokio::time::sleep(self.poll) => {}
                    _ = stop.changed() => break,
                }
            }
        }
    }

    async fn deliver_due(&self, stop: &watch::Receiver<bool>) -> Result<usize> {
        let mut claimed = 0;
        for (id, attempts) in self.store.due_webhooks(now_ms(), BATCH).await? {
            if *stop.borrow() {
                break;
            }
            let now = now_ms();
            let lease_until = now + 3 * TIMEOUT.as_millis() as i64;
            let Some(delivery) = self.store.claim_webhook(&id, attempts, now, lease_until).await?
            else {
                continue;
            };
            claimed += 1;
            self.deliver(delivery).await?;
        }
        Ok(claimed)
    }

    async fn deliver(&self, d: WebhookDelivery) -> Result<()> {
        let Some(hook) = self.hooks.iter().find(|h| h.name == d.endpoint) else {
            // The endpoint was removed from the configuration: nothing to send it to.
            return self
                .store
                .webhook_failed(&d.id, "endpoint no longer configured", 0, true)
                .await;
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
            Ok(res) if res.status().is_success() => {
                tracing::debug!(id = %d.id, event = %d.event_type, endpoint = %d.endpoint, "webhook delivered");
                return self.store.webhook_delivered(&d.id, now_ms()).await;
            }
            Ok(res) => format!("HTTP {}", res.status().as_u16()),
            Err(e) => describe(e, &hook.url),
        };
        let give_up = d.attempt >= self.max_attempts;
        let exp = self.retry_base.saturating_mul(1u32 << (d.attempt - 1).clamp(0, 20) as u32);
        let backoff = exp.min(MAX_BACKOFF).as_millis() as i64;
        let jitter = fastrand::i64(0..=backoff / 5 + 1);
        tracing::warn!(id = %d.id, event = %d.event_type, endpoint = %d.endpoint, attempt = d.attempt, give_up, error = %error, "webhook delivery failed");
        self.store.webhook_failed(&d.id, &error, now_ms() + backoff + jitter, give_up).await
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
