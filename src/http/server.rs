//! The connection loop. `axum::serve` has no knobs for slow clients, so Portcullis drives hyper
//! itself: HTTP/1.1 with a deadline for request headers (on every request of a connection, so
//! an idle keep-alive or a slowloris client is dropped), a cap on open connections, and a
//! graceful shutdown that lets in-flight requests finish within a deadline. Body read and
//! whole-request deadlines are tower layers of the common stack (`http::stack`).

use std::collections::HashMap;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

/// Limits of the connection loop.
#[derive(Debug, Clone, Copy)]
pub struct ServerLimits {
    /// A client must send a request's headers within this time.
    pub header_timeout: Duration,
    /// Open connections at most; further clients wait in the kernel's accept queue.
    pub max_connections: usize,
    /// Open connections from one client address (an IPv6 /64) at most; a connection over it
    /// is closed at once, so one client holding idle sockets cannot take every slot. `0`: off.
    pub max_connections_per_ip: usize,
    /// In-flight requests get this long to finish after shutdown begins.
    pub shutdown_timeout: Duration,
}

/// Serves `router` on `listener` until `shutdown` completes, then drains.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ServerLimits,
    shutdown: impl Future<Output = ()>,
) {
    let permits = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let per_ip = Arc::new(PerIp::default());
    let graceful = GracefulShutdown::new();
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder.timer(TokioTimer::new()).header_read_timeout(limits.header_timeout);
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            biased;
            () = &mut shutdown => break,
            p = permits.clone().acquire_owned() => match p {
                Ok(p) => p,
                Err(_) => break,
            },
        };
        let (stream, peer) = tokio::select! {
            biased;
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(c) => c,
                Err(e) => {
                    // Out of file descriptors and the like: back off instead of spinning.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let Some(slot) = per_ip.enter(peer.ip(), limits.max_connections_per_ip) else {
            tracing::debug!("connection refused: too many open connections from one client");
            drop(stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
            req.extensions_mut().insert(ConnectInfo::<SocketAddr>(peer));
            router.clone().oneshot(req.map(axum::body::Body::new))
        });
        let conn = graceful.watch(builder.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            if let Err(e) = conn.await {
                tracing::debug!(error = %e, "connection ended with an error");
            }
            drop(slot);
            drop(permit);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(limits.shutdown_timeout) => {
            tracing::warn!("shutdown deadline reached; closing the remaining connections");
        }
    }
}

/// Open connections per client address.
#[derive(Default)]
struct PerIp(Mutex<HashMap<IpAddr, usize>>);

/// One open connection of a client; leaving gives its place back.
struct Slot {
    table: Arc<PerIp>,
    key: IpAddr,
}

impl PerIp {
    /// A place for one more connection from `ip`, or `None` when it already has `cap`.
    fn enter(self: &Arc<Self>, ip: IpAddr, cap: usize) -> Option<Option<Slot>> {
        if cap == 0 {
            return Some(None);
        }
        let key = crate::limit::client_key(ip);
        let mut table = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let n = table.entry(key).or_insert(0);
        if *n >= cap {
            return None;
        }
        *n += 1;
        Some(Some(Slot { table: self.clone(), key }))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut table = self.table.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = table.get_mut(&self.key) {
            *n -= 1;
            if *n == 0 {
                table.remove(&self.key);
            }
        }
    }
}
