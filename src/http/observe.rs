//! What operators see of each request: one log line (request id, method, route pattern,
//! status, latency, user id when known) and the HTTP metrics.
//!
//! The line names the route pattern (`/api/auth/sessions/{id}`), never the URI: query strings
//! carry tokens (`verify-email-link?token=…`), and raw paths would make unbounded metric
//! labels. Health probes and scrapes are logged at debug level only.

use std::sync::{Arc, OnceLock};
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::Extensions;
use axum::middleware::Next;
use axum::response::Response;

use crate::metrics::Metrics;

/// Set in a response's extensions by a handler that authenticated someone without a session
/// extractor (login): the user id for the request's log line.
#[derive(Debug, Clone)]
pub struct UserId(pub String);

/// A slot in the request's extensions where the session extractor notes who the request is
/// from, read back by [`observe`] for the log line.
#[derive(Debug, Clone, Default)]
struct RequestUser(Arc<OnceLock<String>>);

/// Notes that the request carrying `extensions` is from user `id` (for its log line).
pub fn note_user(extensions: &Extensions, id: &str) {
    if let Some(slot) = extensions.get::<RequestUser>() {
        let _ = slot.0.set(id.to_owned());
    }
}

/// Set in a response's extensions by the routes machines poll (probes, scrapes): their lines
/// are logged at debug level only.
#[derive(Debug, Clone, Copy)]
pub struct Quiet;

/// The middleware: times the request, counts it, and logs one line when it is answered.
pub async fn observe(
    State(metrics): State<Arc<Metrics>>,
    mut req: Request,
    next: Next,
) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    // Both shared, not copied: a matched path is reference-counted, a header value too.
    let matched = req.extensions().get::<MatchedPath>().cloned();
    let request_id = req.headers().get("x-request-id").cloned();
    let user = RequestUser::default();
    req.extensions_mut().insert(user.clone());
    let in_flight = metrics.request_started();
    let res = next.run(req).await;
    drop(in_flight);
    let elapsed = started.elapsed();
    let status = res.status().as_u16();
    let route = matched.as_ref().map_or("unmatched", MatchedPath::as_str);
    let request_id = request_id.as_ref().and_then(|v| v.to_str().ok()).unwrap_or_default();
    metrics.request_done(method.as_str(), route, status, elapsed);
    let user_id =
        res.extensions().get::<UserId>().map(|u| u.0.as_str()).or(user.0.get().map(String::as_str));
    let latency_ms = (elapsed.as_secs_f64() * 1e6).round() / 1e3;
    macro_rules! line {
        ($level:ident) => {
            tracing::$level!(
                request_id = %request_id,
                method = %method,
                route = %route,
                status,
                latency_ms,
                user_id,
                "request"
            )
        };
    }
    if res.extensions().get::<Quiet>().is_some() {
        line!(debug);
    } else if status >= 500 {
        line!(warn);
    } else {
        line!(info);
    }
    res
}
