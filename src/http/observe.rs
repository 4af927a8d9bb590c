//! What operators see of each request: one log line (request id, method, route pattern,
//! status, latency, user id when known) and the HTTP metrics; and `GET /metrics`.
//!
//! The line names the route pattern (`/api/auth/sessions/{id}`), never the URI: query strings
//! carry tokens (`verify-email-link?token=…`), and raw paths would make unbounded metric
//! labels. Health probes and scrapes are logged at debug level only.

use std::sync::{Arc, OnceLock};
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::{Extensions, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};

use super::AppState;
use crate::config::ExposeSecret;
use crate::service::Auth;

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

/// Routes polled by machines, logged at debug level only.
const QUIET: &[&str] = &["/health/live", "/health/ready", "/metrics"];

/// The middleware: times the request, counts it, and logs one line when it is answered.
pub async fn observe(State(auth): State<Arc<Auth>>, mut req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let route =
        req.extensions().get::<MatchedPath>().map_or("unmatched", |p| p.as_str()).to_owned();
    let request_id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let user = RequestUser::default();
    req.extensions_mut().insert(user.clone());
    let in_flight = auth.metrics.request_started();
    let res = next.run(req).await;
    drop(in_flight);
    let elapsed = started.elapsed();
    let status = res.status().as_u16();
    auth.metrics.request_done(method.as_str(), &route, status, elapsed);
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
    if QUIET.contains(&route.as_str()) {
        line!(debug);
    } else if status >= 500 {
        line!(warn);
    } else {
        line!(info);
    }
    res
}

/// `GET /metrics`: every metric in the OpenMetrics text format, which Prometheus reads.
pub async fn metrics(State(state): State<AppState>) -> Response {
    let body = state.auth.metrics_text().await;
    let mut res = body.into_response();
    res.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static(crate::metrics::CONTENT_TYPE));
    res
}

/// `/metrics` on the main listener, with `PORTCULLIS_METRICS_TOKEN` set: only to a request
/// bearing that secret (compared in constant time); `401` otherwise. Some figures (the mail
/// backlog) move when a public route finds an account, so they are never public.
pub async fn metrics_with_token(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
) -> Response {
    let expected = state.auth.settings.metrics_token.as_ref().map(|t| t.expose_secret().as_bytes());
    let presented = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim().as_bytes());
    match (expected, presented) {
        (Some(want), Some(got)) if bool::from(subtle::ConstantTimeEq::ct_eq(want, got)) => {
            metrics(State(state)).await
        }
        _ => crate::error::AppError::unauthenticated().into_response(),
    }
}

/// The router of the separate metrics listener (`PORTCULLIS_METRICS_BIND`): `/metrics` only.
pub fn metrics_router(state: AppState) -> Router {
    let auth = state.auth.clone();
    Router::new()
        .route("/metrics", get(metrics))
        .with_state(state)
        .layer(axum::middleware::from_fn_with_state(auth, observe))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
}
