//! HTTP: the router, cross-cutting middleware, and the route sets.

pub mod admin;
pub mod answers;
pub mod api;
pub mod cookies;
pub mod extract;
mod legacy;
mod middleware;
pub(crate) mod observe;
pub mod openapi;
pub(crate) mod pages;
pub mod server;

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};

use crate::error::{AppError, ErrorCode};
use crate::service::Auth;

pub use observe::metrics_router;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub auth: Arc<Auth>,
}

/// The whole HTTP surface, without binding a socket (tests can drive it with `oneshot`).
pub fn router(state: AppState) -> Router {
    let mut app = Router::new()
        .merge(api::routes(&state))
        .merge(pages::oauth::routes(&state))
        .merge(legacy::routes(&state))
        .route("/.well-known/jwks.json", get(jwks))
        .route("/health/live", get(live))
        .route("/health/ready", get(ready))
        .route("/openapi.json", get(openapi));
    if state.auth.settings.dev {
        app = app.route("/dev/mail", get(dev_mail));
    }
    if state.auth.settings.admin_api && state.auth.settings.admin_bind.is_none() {
        app = app.merge(admin::routes());
    }
    if state.auth.settings.pages {
        app = app.merge(pages::routes(&state));
    } else {
        pages::warn_if_links_point_here(&state.auth.settings);
    }
    if state.auth.settings.metrics_token.is_some() {
        app = app.route("/metrics", get(observe::metrics_with_token));
    }
    let settings = state.auth.settings.clone();
    let observed = state.auth.clone();
    let app = app
        .fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::csrf))
        .with_state(state);
    let mut app = common_layers(app, &settings, observed, true);
    if settings.dialects.iter().any(|d| d == "alx") {
        app = app.layer(axum::middleware::from_fn(legacy::werkzeug_reasons));
    }
    app
}

/// The layers every listener's routes sit under (the main one, and the admin API's own):
/// body and request deadlines, JSON for every error the framework answers by itself (404,
/// 405, 413, …) and one log line per unexpected one, CORS (`cors`: the main listener),
/// security headers (and HSTS on https), panics caught as a JSON 500, per-request metrics
/// and logs, and the `x-request-id`.
pub(crate) fn common_layers(
    app: Router,
    settings: &crate::config::Settings,
    observed: Arc<Auth>,
    cors: bool,
) -> Router {
    let mut app = app
        // A client trickling its body is cut off (408); no request runs forever (408 too).
        .layer(tower_http::timeout::RequestBodyTimeoutLayer::new(settings.body_timeout))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            settings.request_timeout,
        ))
        .layer(axum::middleware::from_fn(middleware::json_errors));
    if cors && !settings.cors_origins.is_empty() {
        app = app.layer(self::cors(&settings.cors_origins));
    }
    if settings.secure_cookies() {
        app = app.layer(axum::middleware::from_fn(middleware::hsts));
    }
    app.layer(axum::middleware::from_fn(middleware::security_headers))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(middleware::panic_response))
        .layer(axum::middleware::from_fn_with_state(observed, observe::observe))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
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

/// Routes anyone may call without a session: each spends the client IP's budget. Every
/// route set puts its unauthenticated routes through here, so a new one is limited unless
/// it is deliberately left out (a test walks the OpenAPI document to prove it).
pub(crate) fn public(state: &AppState, routes: Router<AppState>) -> Router<AppState> {
    routes.route_layer(axum::middleware::from_fn_with_state(state.clone(), middleware::rate_limit))
}

/// CORS for the listed origins only, with credentials (cookies) allowed for them. `*` is
/// refused at startup, so credentials are never offered to every origin.
fn cors(origins: &[String]) -> tower_http::cors::CorsLayer {
    use axum::http::{header, HeaderName, HeaderValue, Method};
    const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");
    let origins: Vec<HeaderValue> =
        origins.iter().filter_map(|o| HeaderValue::from_str(o).ok()).collect();
    tower_http::cors::CorsLayer::new()
        .allow_origin(origins)
        .allow_credentials(true)
        .allow_methods([Method::GET, Method::POST, Method::PUT, Method::PATCH, Method::DELETE])
        .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION, REQUEST_ID])
        .expose_headers([header::RETRY_AFTER, REQUEST_ID])
        .max_age(std::time::Duration::from_secs(600))
}

/// The operational routes in the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(jwks, live, ready, dev_mail))]
struct OpsDoc;

async fn not_found() -> AppError {
    AppError::not_found(ErrorCode::NotFound, "Not found")
}

/// The public keys that verify access tokens (an empty set in HS256 mode).
#[utoipa::path(get, path = "/.well-known/jwks.json", tag = "operations",
    responses((status = 200, description = "A JSON Web Key Set: `{\"keys\": [{\"kty\": \"OKP\", \"crv\": \"Ed25519\", \"kid\", \"x\", …}]}`")))]
async fn jwks(State(state): State<AppState>) -> Response {
    Json(state.auth.jwt.jwks()).into_response()
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
    match state.auth.store.ping().await {
        Ok(()) => Json(serde_json::json!({ "status": "ok" })).into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check: database unreachable");
            let mut res = AppError::Unavailable { retry_after: 2 }.into_response();
            *res.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
            res
        }
    }
}

async fn openapi(State(state): State<AppState>) -> Json<utoipa::openapi::OpenApi> {
    Json(openapi::document_for(&state.auth.settings))
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
    extract::Query(filter): extract::Query<MailFilter>,
) -> Result<Json<serde_json::Value>, AppError> {
    let messages = state.auth.store.dev_mail(filter.to.as_deref()).await?;
    Ok(Json(serde_json::json!({ "messages": messages })))
}
