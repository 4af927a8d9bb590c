//! Building and running the server: `App::build(settings)` connects, migrates and binds (port 0
//! works, and [`App::port`] tells which port was taken), `App::run` serves until shutdown.

use std::future::Future;
use std::sync::Arc;

use anyhow::Context;
use tokio::net::TcpListener;

use crate::config::Settings;
use crate::http::server::{serve, ServerLimits};
use crate::http::{router, AppState};
use crate::mail::{Smtp, Worker};
use crate::service::Auth;
use crate::store::Store;

pub struct App {
    listener: TcpListener,
    state: AppState,
    port: u16,
    /// The mail delivery worker, when SMTP is configured; it runs while the server does.
    mail: Option<Worker>,
}

impl App {
    pub async fn build(mut settings: Settings) -> anyhow::Result<Self> {
        let listener = TcpListener::bind(settings.bind)
            .await
            .with_context(|| format!("cannot listen on {} (PORTCULLIS_BIND)", settings.bind))?;
        let bound = listener.local_addr()?;
        settings.adopt_bound_address(bound);
        let settings = Arc::new(settings);
        let smtp = Smtp::from_settings(&settings)?;
        let store = Arc::new(Store::connect(&settings.database_url).await?);
        store.migrate().await?;
        let mail = smtp.map(|smtp| Worker::new(store.clone(), smtp, &settings));
        let auth = Arc::new(Auth::new(settings.clone(), store).await?);
        let port = bound.port();
        if !settings.dev && settings.smtp_url.is_none() {
            tracing::warn!(
                "PORTCULLIS_SMTP_URL is not set: mail waits in the outbox and is not delivered"
            );
        }
        Ok(Self { listener, state: AppState { auth }, port, mail })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn auth(&self) -> Arc<Auth> {
        self.state.auth.clone()
    }

    /// Serves until Ctrl-C or SIGTERM.
    pub async fn run(self) -> anyhow::Result<()> {
        self.run_until(shutdown_signal()).await
    }

    /// Serves until `shutdown` completes, then lets in-flight requests finish and stops the
    /// mail worker (after the message it is sending, if any).
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let addr = self.listener.local_addr()?;
        tracing::info!(%addr, "portcullis listening");
        let store = self.state.auth.store.clone();
        let keys = tokio::spawn(every_minute(self.state.auth.clone()));
        let mail = self.mail.map(Worker::spawn);
        let settings = self.state.auth.settings.clone();
        let limits = ServerLimits {
            header_timeout: settings.header_timeout,
            max_connections: settings.max_connections,
            shutdown_timeout: settings.shutdown_timeout,
        };
        serve(self.listener, router(self.state), limits, shutdown).await;
        keys.abort();
        if let Some(mail) = mail {
            mail.stop().await;
        }
        store.close().await;
        Ok(())
    }
}

/// Once a minute: pick up signing keys another node may have rotated, so this node's JWKS
/// lists every key in use (a token with an unknown `kid` also triggers a reload), and forget
/// rate-limit state that has run out.
async fn every_minute(auth: Arc<Auth>) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(60));
    every.tick().await;
    loop {
        every.tick().await;
        if let Err(e) = auth.reload_keys().await {
            tracing::warn!(error = %e, "reloading signing keys failed");
        }
        auth.limits.sweep();
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutdown signal received");
}
