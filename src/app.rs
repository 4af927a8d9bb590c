//! Building and running the server: `App::build(settings)` connects, migrates and binds (port 0
//! works, and [`App::port`] tells which port was taken), `App::run` serves until shutdown.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use tokio::net::TcpListener;

use crate::config::Settings;
use crate::http::{router, AppState};
use crate::service::Auth;
use crate::store::Store;

pub struct App {
    listener: TcpListener,
    state: AppState,
    port: u16,
}

impl App {
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let settings = Arc::new(settings);
        let store = Arc::new(Store::connect(&settings.database_url).await?);
        store.migrate().await?;
        let auth = Arc::new(Auth::new(settings.clone(), store).await?);
        let listener = TcpListener::bind(settings.bind)
            .await
            .with_context(|| format!("cannot listen on {} (PORTCULLIS_BIND)", settings.bind))?;
        let port = listener.local_addr()?.port();
        if !settings.dev && settings.smtp_url.is_none() {
            tracing::warn!(
                "PORTCULLIS_SMTP_URL is not set: mail waits in the outbox and is not delivered"
            );
        }
        Ok(Self { listener, state: AppState { auth }, port })
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

    /// Serves until `shutdown` completes, then lets in-flight requests finish.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let addr = self.listener.local_addr()?;
        tracing::info!(%addr, "portcullis listening");
        let store = self.state.auth.store.clone();
        let keys = tokio::spawn(reload_keys_periodically(self.state.auth.clone()));
        let app = router(self.state).into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(self.listener, app)
            .with_graceful_shutdown(shutdown)
            .await
            .context("server error")?;
        keys.abort();
        store.close().await;
        Ok(())
    }
}

/// Another node may rotate the signing keys: pick them up within a minute, so this node's
/// JWKS lists every key in use. (A token with an unknown `kid` also triggers a reload.)
async fn reload_keys_periodically(auth: Arc<Auth>) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(60));
    every.tick().await;
    loop {
        every.tick().await;
        if let Err(e) = auth.reload_keys().await {
            tracing::warn!(error = %e, "reloading signing keys failed");
        }
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
