//! The operational routes: the token keys, health probes, the OpenAPI document, the dev
//! mailbox and `/metrics` (on the main listener with `PORTCULLIS_METRICS_TOKEN`, or alone on
//! the metrics listener). None spends an IP budget: probes and scrapes come often, and none
//! changes anything.

use std::sync::Arc;

use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use utoipa::openapi::OpenApi;
use utoipa_axum::routes;

use super::extract::Query;
use super::observe::Quiet;
use super::state::AppState;
use super::surface::{Limit, Surface};
use crate::config::ExposeSecret;
use crate::error::AppError;

/// The token keys, and `GET /openapi.json` serving `document` (built once). Without a state,
/// only their document.
pub(crate) fn surface(state: Option<&AppState>, document: Option<OpenApi>) -> Surface {
    let mut surface = Surface::new(state, OpenApi::default()).routes(Limit::None, routes!(jwks));
    if let Some(document) = document {
        surface =
            surface.get(Limit::None, "/openapi.json", openapi).layer(Extension(Arc::new(document)));
    }
    surface
}

/// The health probes, logged at debug level only (machines poll them).
pub(crate) fn probes(state: Option<&AppState>) -> Surface {
    Surface::new(state, OpenApi::default())
        .routes(Limit::None, routes!(live))
        .routes(Limit::None, routes!(ready))
        .layer(axum::middleware::map_response(quiet))
}

/// Dev mode's mailbox (`PORTCULLIS_DEV`).
pub(crate) fn dev(state: Option<&AppState>) -> Surface {
    Surface::new(state, OpenApi::default()).routes(Limit::None, routes!(dev_mail))
}

/// `/metrics` on the main listener, only to a request bearing `PORTCULLIS_METRICS_TOKEN`.
pub(crate) fn metrics_with_token_surface(state: &AppState) -> Surface {
    Surface::new(Some(state), OpenApi::default())
        .get(Limit::None, "/metrics", metrics_with_token)
        .layer(axum::middleware::map_response(quiet))
}

/// The metrics listener's one route (`PORTCULLIS_METRICS_BIND`): `/metrics`, to anyone who
/// reaches that address.
pub(crate) fn metrics_surface(state: &AppState) -> Surface {
    Surface::new(Some(state), OpenApi::default())
        .get(Limit::None, "/metrics", metrics)
        .layer(axum::middleware::map_response(quiet))
}

/// Marks an answer of a route machines poll, for its log line ([`Quiet`]).
async fn quiet(mut res: Response) -> Response {
    res.extensions_mut().insert(Quiet);
    res
}

async fn openapi(Extension(document): Extension<Arc<OpenApi>>) -> Response {
    Json(&*document).into_response()
}

/// The public keys that verify access tokens (an empty set in HS256 mode).
#[utoipa::path(get, path = "/.well-known/jwks.json", tag = "operations",
    responses((status = 200, description = "A JSON Web Key Set: `{\"keys\": [{\"kty\": \"OKP\", \"crv\": \"Ed25519\", \"kid\", \"x\", …}]}`")))]
async fn jwks(State(state): State<AppState>) -> Response {
    Json(state.auth.jwt().jwks()).into_response()
}

/// Liveness: the process answers.
#[utoipa::path(get, path = "/health/live", tag = "operations", responses((status = 200, description = "`{\"status\": \"ok\"}`")))]
async fn live() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "status": "ok" }))
}

/// Readiness: the database answers.
#[utoipa::path(get, path = "/health/ready", tag = "operations",
    responses((status = 200, description = "`{\"status\": \"ok\"}`"), (status = 503, description = "Database unreachable", body = crate::error::ErrorBody)))]
async fn ready(State(state): State<AppState>) -> Response {
    match state.auth.database_answers().await {
        Ok(()) => Json(serde_json::json!({ "status": "ok" })).into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check: database unreachable");
            let mut res = AppError::Unavailable { retry_after: 2 }.into_response();
            *res.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
            res
        }
    }
}

#[derive(serde::Deserialize)]
struct MailFilter {
    to: Option<String>,
}

/// Dev mode only: the outbox as a mailbox.
#[utoipa::path(get, path = "/dev/mail", tag = "operations", params(("to" = Option<String>, Query, description = "only mail to this address")),
    responses((status = 200, description = "`{\"messages\": [{\"to\", \"subject\", \"text\", \"html\", \"sent_at\"}]}`, oldest first"),
        (status = 404, description = "Not in dev mode")))]
async fn dev_mail(
    State(state): State<AppState>,
    Query(filter): Query<MailFilter>,
) -> Result<Json<serde_json::Value>, AppError> {
    let messages = state.auth.dev_mailbox(filter.to.as_deref()).await?;
    Ok(Json(serde_json::json!({ "messages": messages })))
}

/// `GET /metrics`: every metric in the OpenMetrics text format, which Prometheus reads.
async fn metrics(State(state): State<AppState>) -> Response {
    let body = state.auth.metrics_text().await;
    let mut res = body.into_response();
    res.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static(crate::metrics::CONTENT_TYPE));
    res
}

/// `/metrics` on the main listener, with `PORTCULLIS_METRICS_TOKEN` set: only to a request
/// bearing that secret (compared in constant time); `401` otherwise. Some figures (the mail
/// backlog) move when a public route finds an account, so they are never public.
async fn metrics_with_token(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
) -> Response {
    let expected =
        state.auth.settings().metrics_token.as_ref().map(|t| t.expose_secret().as_bytes());
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
