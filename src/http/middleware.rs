//! Cross-cutting middleware: JSON for every error, one log line per unexpected error,
//! security headers.

use std::any::Any;

use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::{AppError, ErrorBody, LoggedError};

/// Logs unexpected errors once, and turns the framework's own bodiless error responses
/// (405, 413 from a layer, …) into our JSON error shape.
pub async fn json_errors(req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let mut res = next.run(req).await;
    if let Some(LoggedError(e)) = res.extensions_mut().remove::<LoggedError>() {
        tracing::error!(%method, %path, error = format!("{e:#}"), "unexpected error");
    }
    let status = res.status();
    if (status.is_client_error() || status.is_server_error())
        && !res.headers().contains_key(CONTENT_TYPE)
    {
        let (code, message) = match status {
            StatusCode::METHOD_NOT_ALLOWED => ("method_not_allowed", "Method not allowed"),
            StatusCode::PAYLOAD_TOO_LARGE => ("payload_too_large", "Request body is too large"),
            StatusCode::UNSUPPORTED_MEDIA_TYPE => (
                "unsupported_media_type",
                "Content type must be application/json or application/x-www-form-urlencoded",
            ),
            StatusCode::NOT_FOUND => ("not_found", "Not found"),
            s if s.is_server_error() => ("internal_error", "Internal server error"),
            _ => ("bad_request", "Bad request"),
        };
        let mut json =
            (status, axum::Json(ErrorBody { message: message.into(), code: code.into() }))
                .into_response();
        for (name, value) in res.headers() {
            if name != CONTENT_TYPE && name != axum::http::header::CONTENT_LENGTH {
                json.headers_mut().insert(name.clone(), value.clone());
            }
        }
        return json;
    }
    res
}

/// Headers every response carries. Auth responses must never be cached by a proxy or browser.
pub async fn security_headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.entry(CACHE_CONTROL).or_insert(HeaderValue::from_static("no-store"));
    res
}

/// A panic becomes a plain 500 JSON error; the payload is logged, never sent.
pub fn panic_response(payload: Box<dyn Any + Send + 'static>) -> Response<Body> {
    let detail = payload
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| payload.downcast_ref::<&str>().copied())
        .unwrap_or("(non-string panic payload)");
    tracing::error!(panic = detail, "handler panicked");
    AppError::Unexpected(anyhow::anyhow!("panic")).into_response()
}
