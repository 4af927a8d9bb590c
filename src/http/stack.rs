//! The common stack: the layers every listener's routes sit under, the main one, the admin
//! API's and the metrics one alike, applied by [`common`]. Whatever a surface answers, and
//! whatever the framework answers by itself (an unknown route, a wrong method, a body too
//! large, a panic, a deadline), leaves with the JSON error shape, the security headers and a
//! request id, and is counted and logged once.

use std::any::Any;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};

use super::observe;
use crate::config::Settings;
use crate::error::{AppError, ErrorBody, ErrorCode, LoggedError};
use crate::metrics::Metrics;

/// Whether a listener answers browsers' CORS requests (the main one, for the listed origins).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cors {
    Allowed,
    Off,
}

/// `app` under the common stack, outermost last: a JSON `404` for any unmatched route, body
/// and request deadlines, JSON for every error the framework answers by itself (`405`,
/// `413`, …) and one log line per unexpected one, panics caught as a JSON `500`, CORS (the
/// main listener only), security headers (and HSTS on https), per-request metrics and logs,
/// and the `x-request-id`.
pub(crate) fn common(
    app: Router,
    settings: &Settings,
    metrics: Arc<Metrics>,
    cors: Cors,
) -> Router {
    let mut app = app
        .fallback(not_found)
        // A client trickling its body is cut off (408); no request runs forever (503).
        .layer(tower_http::timeout::RequestBodyTimeoutLayer::new(settings.body_timeout))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            settings.request_timeout,
        ))
        .layer(axum::middleware::from_fn(json_errors))
        // Inside the headers' layers, so a panic's answer has them too.
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(panic_response));
    if cors == Cors::Allowed {
        app = app.layer(self::cors(&settings.cors_origins));
    }
    if settings.secure_cookies() {
        app = app.layer(axum::middleware::from_fn(hsts));
    }
    app.layer(axum::middleware::from_fn(security_headers))
        .layer(axum::middleware::from_fn_with_state(metrics, observe::observe))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
}

async fn not_found() -> AppError {
    AppError::not_found(ErrorCode::NotFound, "Not found")
}

/// CORS for the listed origins, with credentials (cookies) allowed for them; `*` is refused at
/// startup, so credentials are never offered to every origin. The provider's machine
/// endpoints ([`super::provider::OPEN_TO_ANY_ORIGIN`]) answer any origin, without
/// credentials: they read no cookie, and single-page apps on any origin call them.
fn cors(origins: &[String]) -> tower_http::cors::CorsLayer {
    use axum::http::{header, HeaderName, Method};
    use tower_http::cors::{AllowCredentials, AllowOrigin};
    const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");
    let listed: std::sync::Arc<Vec<HeaderValue>> =
        std::sync::Arc::new(origins.iter().filter_map(|o| HeaderValue::from_str(o).ok()).collect());
    let open = super::provider::open_to_any_origin;
    let (for_origin, for_credentials) = (listed.clone(), listed);
    tower_http::cors::CorsLayer::new()
        .allow_origin(AllowOrigin::predicate(move |origin, parts| {
            for_origin.contains(origin) || open(parts.uri.path())
        }))
        .allow_credentials(AllowCredentials::predicate(move |origin, _| {
            for_credentials.contains(origin)
        }))
        .allow_methods([Method::GET, Method::POST, Method::PUT, Method::PATCH, Method::DELETE])
        .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION, REQUEST_ID])
        .expose_headers([header::RETRY_AFTER, REQUEST_ID])
        .max_age(std::time::Duration::from_secs(600))
}

/// Logs unexpected errors once, and turns the framework's own bodiless error responses
/// (405, 413 from a layer, …) into our JSON error shape.
async fn json_errors(req: Request, next: Next) -> Response {
    // Kept for the log line of an unexpected error: a `Uri` is shared, not copied.
    let (method, uri) = (req.method().clone(), req.uri().clone());
    let mut res = next.run(req).await;
    if let Some(LoggedError(e)) = res.extensions_mut().remove::<LoggedError>() {
        let path = uri.path();
        tracing::error!(%method, %path, error = crate::error::report(&e), "unexpected error");
    }
    let status = res.status();
    if matches!(status, StatusCode::PAYLOAD_TOO_LARGE | StatusCode::REQUEST_TIMEOUT) {
        // Answered before the body was read: the connection cannot be reused, so say so
        // rather than let the client send its next request into a closing socket.
        res.headers_mut().insert(axum::http::header::CONNECTION, HeaderValue::from_static("close"));
    }
    if (status.is_client_error() || status.is_server_error())
        && !res.headers().contains_key(CONTENT_TYPE)
    {
        let (code, message) = match status {
            StatusCode::METHOD_NOT_ALLOWED => (ErrorCode::MethodNotAllowed, "Method not allowed"),
            StatusCode::PAYLOAD_TOO_LARGE => {
                (ErrorCode::PayloadTooLarge, "Request body is too large")
            }
            StatusCode::UNSUPPORTED_MEDIA_TYPE => (
                ErrorCode::UnsupportedMediaType,
                "Content type must be application/json or application/x-www-form-urlencoded",
            ),
            StatusCode::NOT_FOUND => (ErrorCode::NotFound, "Not found"),
            StatusCode::REQUEST_TIMEOUT => {
                (ErrorCode::RequestTimeout, "The request body took too long")
            }
            StatusCode::SERVICE_UNAVAILABLE => {
                (ErrorCode::Timeout, "The request took too long; try again")
            }
            s if s.is_server_error() => (ErrorCode::InternalError, "Internal server error"),
            _ => (ErrorCode::BadRequest, "Bad request"),
        };
        let mut json =
            (status, axum::Json(ErrorBody { message: message.into(), code })).into_response();
        // What layers inside noted on the answer (alx's reason phrase) stays with it.
        *json.extensions_mut() = std::mem::take(res.extensions_mut());
        for (name, value) in res.headers() {
            if name != CONTENT_TYPE && name != axum::http::header::CONTENT_LENGTH {
                json.headers_mut().insert(name.clone(), value.clone());
            }
        }
        if status == StatusCode::SERVICE_UNAVAILABLE {
            json.headers_mut()
                .entry(axum::http::header::RETRY_AFTER)
                .or_insert(HeaderValue::from_static("1"));
        }
        return json;
    }
    res
}

/// Headers every response carries. Auth responses must never be cached by a proxy or browser.
async fn security_headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.entry(CACHE_CONTROL).or_insert(HeaderValue::from_static("no-store"));
    res
}

/// A panic becomes a plain 500 JSON error; the payload is logged, never sent.
fn panic_response(payload: Box<dyn Any + Send + 'static>) -> Response<Body> {
    let detail = payload
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| payload.downcast_ref::<&str>().copied())
        .unwrap_or("(non-string panic payload)");
    tracing::error!(panic = detail, "handler panicked");
    AppError::Unexpected(anyhow::anyhow!("panic")).into_response()
}

/// Strict-Transport-Security, once the public URL is https.
async fn hsts(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    res.headers_mut().insert(
        axum::http::header::STRICT_TRANSPORT_SECURITY,
        HeaderValue::from_static("max-age=31536000; includeSubDomains"),
    );
    res
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderMap;
    use axum::routing::get;
    use tower::ServiceExt;

    use super::*;

    /// A router of one panicking route under the common stack, as any listener builds it.
    fn listener() -> Router {
        let settings = Settings::from_map([("PORTCULLIS_DEV", "true")]).expect("settings");
        let hash_wait = prometheus_client::metrics::histogram::Histogram::new(std::iter::empty());
        let metrics = Arc::new(Metrics::new(hash_wait, 1));
        let app = Router::new().route("/boom", get(boom));
        common(app, &settings, metrics, Cors::Off)
    }

    async fn boom() -> StatusCode {
        panic!("a bug")
    }

    async fn answer(path: &str) -> (StatusCode, HeaderMap, serde_json::Value) {
        let req = Request::builder().uri(path).body(Body::empty()).expect("request");
        let res = listener().oneshot(req).await.expect("infallible");
        let (parts, body) = res.into_parts();
        let bytes = axum::body::to_bytes(body, 4096).await.expect("body");
        (parts.status, parts.headers, serde_json::from_slice(&bytes).expect("a JSON body"))
    }

    #[tokio::test]
    async fn a_panic_and_an_unknown_route_get_the_json_error_and_the_headers() {
        for (path, status, code) in [
            ("/boom", StatusCode::INTERNAL_SERVER_ERROR, "internal_error"),
            ("/nowhere", StatusCode::NOT_FOUND, "not_found"),
        ] {
            let (got, headers, body) = answer(path).await;
            assert_eq!(got, status, "{path}");
            assert_eq!(body["code"], code, "{path}");
            assert!(body["message"].is_string(), "{path}: {body}");
            assert!(!body.to_string().contains("a bug"), "the panic's message stays in the log");
            assert_eq!(headers[CONTENT_TYPE], "application/json", "{path}");
            assert_eq!(headers[X_CONTENT_TYPE_OPTIONS], "nosniff", "{path}");
            assert_eq!(headers[REFERRER_POLICY], "no-referrer", "{path}");
            assert_eq!(headers[CACHE_CONTROL], "no-store", "{path}");
            assert!(headers.contains_key("x-request-id"), "{path}");
        }
    }
}
