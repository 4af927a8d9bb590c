//! Building and running the server: `App::build(settings)` connects, migrates and binds (port 0
//! works, and [`App::port`] tells which port was taken), `App::run` serves until shutdown.

use std::future::Future;
use std::sync::Arc;

use anyhow::Context;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use crate::config::Settings;
use crate::delivery::Lane;
use crate::http::server::{serve, ServerLimits};
use crate::http::{metrics_router, router, AppState};
use crate::mail::{MailSender, Smtp};
use crate::notify::Notifier;
use crate::service::Auth;
use crate::store::Store;

pub struct App {
    listener: TcpListener,
    /// `PORTCULLIS_METRICS_BIND`: `/metrics` is served here instead of on the main listener.
    metrics_listener: Option<TcpListener>,
    /// `PORTCULLIS_ADMIN_BIND`: the admin API is served here instead of on the main listener.
    admin_listener: Option<TcpListener>,
    state: AppState,
    port: u16,
    /// Mail's delivery lane, when SMTP is configured; it runs while the server does.
    mail: Option<Lane<MailSender>>,
}

/// Why the metrics listener could not bind, and what to do about it. The default address is the
/// same for every node, so a second node on one machine meets it in use.
fn metrics_bind_error(addr: std::net::SocketAddr, e: &std::io::Error) -> anyhow::Error {
    if e.kind() == std::io::ErrorKind::AddrInUse {
        let next = std::net::SocketAddr::new(addr.ip(), addr.port().wrapping_add(1).max(1));
        anyhow::anyhow!(
            "cannot listen on {addr} (PORTCULLIS_METRICS_BIND): the address is in use, perhaps by \
             another Portcullis node on this machine. Give each node its own metrics address \
             (for example PORTCULLIS_METRICS_BIND={next}), or set PORTCULLIS_METRICS_BIND=off \
             and scrape the main listener with PORTCULLIS_METRICS_TOKEN"
        )
    } else {
        anyhow::anyhow!("cannot listen on {addr} (PORTCULLIS_METRICS_BIND): {e}")
    }
}

impl App {
    pub async fn build(mut settings: Settings) -> anyhow::Result<Self> {
        let listener = TcpListener::bind(settings.bind)
            .await
            .with_context(|| format!("cannot listen on {} (PORTCULLIS_BIND)", settings.bind))?;
        let bound = listener.local_addr()?;
        settings.adopt_bound_address(bound);
        let metrics_listener = match settings.metrics_bind {
            None => None,
            Some(addr) => {
                Some(TcpListener::bind(addr).await.map_err(|e| metrics_bind_error(addr, &e))?)
            }
        };
        let admin_listener = match settings.admin_bind {
            None => None,
            Some(addr) => Some(
                TcpListener::bind(addr)
                    .await
                    .with_context(|| format!("cannot listen on {addr} (PORTCULLIS_ADMIN_BIND)"))?,
            ),
        };
        let settings = Arc::new(settings);
        let smtp = Smtp::from_settings(&settings)?;
        let store = Arc::new(Store::connect(&settings.database_url).await?);
        store.migrate().await?;
        let auth = Arc::new(Auth::new(settings.clone(), store.clone()).await?);
        auth.sync_declared_clients().await?;
        if let Some(reason) = auth.passkeys_off() {
            tracing::warn!("passkeys are off: PORTCULLIS_PUBLIC_URL {reason}");
        }
        let mail = smtp.map(|smtp| MailSender::lane(store, smtp, &settings, auth.metrics().mail()));
        let port = bound.port();
        let live_keys = auth.api_keys().await.map_err(|e| e.into_anyhow())?;
        for warning in startup_warnings(&settings, live_keys.iter().any(|k| k.revoked_at.is_none()))
        {
            tracing::warn!("{warning}");
        }
        if let Some(notice) = dev_notice(&settings) {
            tracing::warn!("{notice}");
        }
        Ok(Self {
            listener,
            metrics_listener,
            admin_listener,
            state: AppState { auth },
            port,
            mail,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The port of the admin API's own listener, when `PORTCULLIS_ADMIN_BIND` sets one.
    pub fn admin_port(&self) -> Option<u16> {
        self.admin_listener.as_ref().and_then(|l| l.local_addr().ok()).map(|a| a.port())
    }

    /// The port of the metrics listener, when `PORTCULLIS_METRICS_BIND` is set.
    pub fn metrics_port(&self) -> Option<u16> {
        self.metrics_listener.as_ref().and_then(|l| l.local_addr().ok()).map(|a| a.port())
    }

    pub fn auth(&self) -> Arc<Auth> {
        self.state.auth.clone()
    }

    /// Serves until Ctrl-C or SIGTERM. Under a service manager (`NOTIFY_SOCKET`), also says
    /// when the node is ready, keeps its watchdog fed and says when it stops (`notify`).
    pub async fn run(self) -> anyhow::Result<()> {
        // The signal handlers first, before anyone can be told the node is up.
        let signal = shutdown_signal();
        let Some(notifier) = Notifier::from_env().map(Arc::new) else {
            return self.run_until(signal).await;
        };
        let addr = self.listener.local_addr()?;
        let ready = tokio::spawn(announce(notifier.clone(), self.auth(), addr));
        let stopping = async move {
            signal.await;
            notifier.notify("STOPPING=1\nSTATUS=Draining requests");
        };
        let result = self.run_until(stopping).await;
        ready.abort();
        result
    }

    /// Serves until `shutdown` completes, then: stops accepting, lets in-flight requests
    /// finish (for at most `PORTCULLIS_SHUTDOWN_TIMEOUT`), stops the background tasks and the
    /// delivery lanes (each after the batch or delivery in hand, so no lease is left behind),
    /// and closes the database pool.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let addr = self.listener.local_addr()?;
        tracing::info!(%addr, "portcullis listening");
        let auth = self.state.auth.clone();
        // Background work (housekeeping and the delivery lanes) runs in `work` until
        // `stop_work`; each listener but the main one runs until its own token.
        let webhooks = match auth.settings().webhooks.is_empty() {
            true => None,
            false => {
                Some(crate::webhooks::WebhookSender::lane(auth.store().clone(), auth.settings())?)
            }
        };
        let (work, stop_work) = (TaskTracker::new(), CancellationToken::new());
        crate::housekeeping::spawn(auth.clone(), &work, &stop_work);
        if let Some(mail) = self.mail {
            crate::housekeeping::track(&work, "mail delivery", mail.run(stop_work.clone()));
        }
        if let Some(webhooks) = webhooks {
            let run = webhooks.run(stop_work.clone());
            crate::housekeeping::track(&work, "webhook delivery", run);
        }
        let logouts = crate::backchannel::LogoutSender::lane(auth.clone(), auth.settings())?;
        crate::housekeeping::track(&work, "back-channel logout", logouts.run(stop_work.clone()));
        let settings = auth.settings().clone();
        let limits = ServerLimits {
            header_timeout: settings.header_timeout,
            max_connections: settings.max_connections,
            max_connections_per_ip: settings.max_connections_per_ip,
            shutdown_timeout: settings.shutdown_timeout,
        };
        // The metrics listener outlives the main one, so the drain itself can be watched.
        let stop_metrics = CancellationToken::new();
        let metrics = self.metrics_listener.map(|listener| {
            if let Ok(addr) = listener.local_addr() {
                tracing::info!(%addr, "metrics listening");
            }
            let app = metrics_router(self.state.clone());
            tokio::spawn(serve(listener, app, limits, stop_metrics.clone().cancelled_owned()))
        });
        let stop_admin = CancellationToken::new();
        let admin = self.admin_listener.map(|listener| {
            if let Ok(addr) = listener.local_addr() {
                tracing::info!(%addr, "admin API listening");
            }
            let app = crate::http::admin_router(self.state.clone());
            tokio::spawn(serve(listener, app, limits, stop_admin.clone().cancelled_owned()))
        });
        serve(self.listener, router(self.state), limits, shutdown).await;
        stop_admin.cancel();
        if let Some(admin) = admin {
            let _ = admin.await;
        }
        tracing::info!("requests drained; stopping background work");
        stop_work.cancel();
        work.close();
        work.wait().await;
        stop_metrics.cancel();
        if let Some(metrics) = metrics {
            let _ = metrics.await;
        }
        auth.close().await;
        tracing::info!("stopped: database pool closed");
        Ok(())
    }
}

/// What a node warns about when it starts outside dev mode: settings that work but leave
/// it weaker than a production deployment should be. `live_api_keys`: an admin API key
/// exists and is not revoked.
pub fn startup_warnings(settings: &Settings, live_api_keys: bool) -> Vec<&'static str> {
    let mut out = Vec::new();
    if settings.dev {
        return out;
    }
    if settings.smtp_url.is_none() {
        out.push(
            "PORTCULLIS_SMTP_URL is not set: mail waits in the outbox and is not delivered (a \
             message with a link expires there with its link)",
        );
    }
    if settings.key_encryption_key.is_none() {
        out.push(match settings.jwt_secret {
            Some(_) => {
                "PORTCULLIS_KEY_ENCRYPTION_KEY is not set: TOTP secrets are stored in plain \
                 text in the database"
            }
            None => {
                "PORTCULLIS_KEY_ENCRYPTION_KEY is not set: private signing keys and TOTP \
                 secrets are stored in plain text in the database"
            }
        });
    }
    if settings.admin_api && settings.admin_bind.is_none() && live_api_keys {
        // The default keeps working deployments working; the key check is throttled and
        // audited, but a private listener keeps key guessing off the internet entirely.
        out.push(
            "the admin API is served on the public listener and admin API keys exist: set \
             PORTCULLIS_ADMIN_BIND to a private address (or `off`)",
        );
    }
    out
}

/// In dev mode, what the node says at startup: the dev mailbox is open, and where.
pub fn dev_notice(settings: &Settings) -> Option<String> {
    settings.dev.then(|| {
        format!(
            "dev mode: every mail, with its links and codes, is readable by anyone who reaches \
             {}/dev/mail; never run a real deployment like this",
            settings.public_url
        )
    })
}

/// `READY=1` once the database answers (when `/health/ready` would first say `200`; the
/// listener is bound already), then `WATCHDOG=1` every half watchdog period for as long as the
/// runtime schedules this task.
async fn announce(notifier: Arc<Notifier>, auth: Arc<Auth>, addr: std::net::SocketAddr) {
    let mut waiting = false;
    while auth.database_answers().await.is_err() {
        if !waiting {
            notifier.notify("STATUS=Waiting for the database");
            waiting = true;
        }
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    }
    notifier.notify(&format!("READY=1\nSTATUS=Listening on {addr}"));
    let Some(every) = Notifier::watchdog_interval() else {
        return;
    };
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        notifier.notify("WATCHDOG=1");
    }
}

/// Ctrl-C or SIGTERM. The handlers are installed when this is called, not when the future is
/// first polled: a SIGTERM that comes right after `READY=1` (or the listening line) still
/// stops the node gracefully instead of killing it.
fn shutdown_signal() -> impl Future<Output = ()> + Send + 'static {
    #[cfg(unix)]
    let (mut term, mut int) = {
        use tokio::signal::unix::{signal, SignalKind};
        (signal(SignalKind::terminate()).ok(), signal(SignalKind::interrupt()).ok())
    };
    async move {
        #[cfg(unix)]
        {
            async fn next(s: Option<&mut tokio::signal::unix::Signal>) {
                match s {
                    Some(s) => {
                        s.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            }
            tokio::select! { _ = next(term.as_mut()) => {}, _ = next(int.as_mut()) => {} }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
        tracing::info!("shutdown signal received");
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn settings(extra: &[(&str, &str)]) -> Settings {
        let mut map = vec![
            ("PORTCULLIS_DATABASE_URL", "sqlite::memory:"),
            ("PORTCULLIS_SMTP_URL", "smtp://mail.example.com"),
            ("PORTCULLIS_KEY_ENCRYPTION_KEY", KEK),
        ];
        map.extend_from_slice(extra);
        Settings::from_map(map).unwrap()
    }

    const KEK: &str = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

    #[test]
    fn secrets_stored_in_plain_text_are_warned_about() {
        let plain = settings(&[("PORTCULLIS_KEY_ENCRYPTION_KEY", "")]);
        let warned = startup_warnings(&plain, false);
        assert!(warned.iter().any(|w| w.contains("signing keys and TOTP secrets")), "{warned:?}");
        let hs256 = settings(&[
            ("PORTCULLIS_KEY_ENCRYPTION_KEY", ""),
            ("PORTCULLIS_JWT_SECRET", "an HS256 secret of at least thirty-two bytes"),
        ]);
        let warned = startup_warnings(&hs256, false);
        assert!(warned.iter().any(|w| w.contains(": TOTP secrets")), "{warned:?}");
        let no_smtp = settings(&[("PORTCULLIS_SMTP_URL", "")]);
        let warned = startup_warnings(&no_smtp, false);
        assert!(warned.iter().any(|w| w.contains("PORTCULLIS_SMTP_URL")), "{warned:?}");
        let dev = settings(&[("PORTCULLIS_KEY_ENCRYPTION_KEY", ""), ("PORTCULLIS_DEV", "true")]);
        assert!(startup_warnings(&dev, false).is_empty());
    }

    #[test]
    fn dev_mode_says_its_mailbox_is_open() {
        let dev = settings(&[("PORTCULLIS_DEV", "true"), ("PORTCULLIS_BIND", "127.0.0.1:18090")]);
        let notice = dev_notice(&dev).unwrap();
        assert!(notice.contains("http://127.0.0.1:18090/dev/mail"), "{notice}");
        assert!(dev_notice(&settings(&[])).is_none());
    }

    #[test]
    fn an_admin_api_on_the_public_listener_is_warned_about_once_keys_exist() {
        let public = settings(&[]);
        assert!(startup_warnings(&public, false).is_empty(), "no key, nothing exposed");
        let warned = startup_warnings(&public, true);
        assert!(warned.iter().any(|w| w.contains("PORTCULLIS_ADMIN_BIND")), "{warned:?}");
        for bind in ["127.0.0.1:9470", "off"] {
            let private = settings(&[("PORTCULLIS_ADMIN_BIND", bind)]);
            assert!(startup_warnings(&private, true).is_empty(), "{bind}");
        }
        let dev = settings(&[("PORTCULLIS_DEV", "true")]);
        assert!(startup_warnings(&dev, true).is_empty(), "dev mode warns about nothing");
    }
}
