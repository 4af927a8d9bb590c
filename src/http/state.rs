//! What every handler can reach: the state, and a way to finish work after answering.

use std::sync::Arc;

use crate::service::Auth;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub auth: Arc<Auth>,
}

/// Runs `flow` after the response is sent: a request naming an address (forgot password,
/// resend verification) then answers in the same time whether or not an account has it.
/// A failure is logged as `what` failed.
pub(crate) fn after_response<F>(what: &'static str, flow: F)
where
    F: std::future::Future<Output = crate::error::Result<()>> + Send + 'static,
{
    tokio::spawn(async move {
        if let Err(e) = flow.await {
            tracing::warn!(error = %e, "{what} failed");
        }
    });
}
