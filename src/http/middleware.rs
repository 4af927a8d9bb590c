//! Cross-cutting middleware: JSON for every error, one log line per unexpected error,
//! security headers.

use std::any::Any;

use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::{AppError, ErrorBody, ErrorCode, LoggedError};

/// Logs unexpected errors once, and turns the framework's own bodiless error responses
/// (405, 413 from a layer, …) into our JSON error shape.
pub async fn json_errors(req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let mut res = next.run(req).await;
    if let Some(LoggedError(e)) = res.extensions_mut().remove::<LoggedError>() {
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

/// `429` with `Retry-After` once a client IP has spent its budget. Layered on the public
/// routes only ([`crate::http::public`]), so every request it sees spends one token.
pub async fn rate_limit(
    axum::extract::State(state): axum::extract::State<crate::http::AppState>,
    req: Request,
    next: Next,
) -> Response {
    let ip =
        super::extract::client_ip(req.headers(), req.extensions(), state.auth.settings.trust_proxy);
    if let Some(ip) = ip {
        if let Err(e) = state.auth.limits.check_ip(ip, crate::clock::now_ms()).await {
            return refusal(&state, req.uri().path(), e.into());
        }
    }
    next.run(req).await
}

/// Refuses cross-origin state-changing requests that a browser could make with the user's
/// cookie (CSRF).
///
/// The rule, for POST, PUT, PATCH and DELETE without an `Authorization: Bearer` token (which
/// is never sent by a browser on its own, and which is then the request's only credential, and a cross-origin request that sets the header
/// needs a CORS preflight, which only allowed origins pass):
/// - an `Origin` header must be the public URL's origin or one of `PORTCULLIS_CORS_ORIGINS`;
/// - `Origin: null` passes only with `Sec-Fetch-Site: same-origin`: browsers send `null` for
///   a same-origin form post when the page's `Referrer-Policy` is `no-referrer` (as ours all
///   are), and also from sandboxed frames and after cross-site redirects, which that header
///   tells apart;
/// - without `Origin`, a `Sec-Fetch-Site` header must be `same-origin` or `none` (typed or
///   bookmarked by the user);
/// - with neither header the request did not come from a browser that could carry the
///   victim's cookie across sites (every current browser sends `Origin` on cross-origin
///   POSTs), so it passes: this is what keeps the seed services' original clients, which send
///   no `Origin`, working on the legacy route sets.
///
/// `SameSite=Lax` on the session cookie already keeps it off cross-site POSTs; this check is
/// the second, independent layer (and it also stops login CSRF, where no cookie is involved).
pub async fn csrf(
    axum::extract::State(state): axum::extract::State<crate::http::AppState>,
    req: Request,
    next: Next,
) -> Response {
    use axum::http::Method;
    let changes_state =
        matches!(*req.method(), Method::POST | Method::PUT | Method::PATCH | Method::DELETE);
    // Only a bearer token exempts a request: a browser never attaches one by itself, whereas
    // it does replay `Basic` (and other) credentials it has cached for the site, so any other
    // scheme is no sign that the request was made deliberately.
    if changes_state && super::extract::bearer(req.headers()).is_none() {
        let settings = &state.auth.settings;
        let headers = req.headers();
        let site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
        let allowed = match headers.get(axum::http::header::ORIGIN) {
            Some(origin) if origin == "null" => site == Some("same-origin"),
            Some(origin) => origin.to_str().is_ok_and(|o| {
                let o = o.trim_end_matches('/');
                o == public_origin(&settings.public_url)
                    || settings.cors_origins.iter().any(|c| c == o)
            }),
            None => site.is_none_or(|site| site == "same-origin" || site == "none"),
        };
        if !allowed {
            let refused =
                AppError::forbidden(ErrorCode::CrossOriginRequest, "Cross-origin request refused");
            return refusal(&state, req.uri().path(), refused);
        }
    }
    next.run(req).await
}

/// A refusal before any handler: JSON, or the error page for a hosted page's form.
fn refusal(state: &crate::http::AppState, path: &str, e: AppError) -> Response {
    if state.auth.settings.pages && super::pages::is_page(path) {
        super::pages::error_response(e)
    } else {
        e.into_response()
    }
}

/// `https://auth.example.com/base` -> `https://auth.example.com`.
fn public_origin(public_url: &str) -> &str {
    let after_scheme = public_url.find("://").map_or(0, |i| i + 3);
    match public_url[after_scheme..].find('/') {
        Some(i) => &public_url[..after_scheme + i],
        None => public_url,
    }
}

/// Strict-Transport-Security, once the public URL is https.
pub async fn hsts(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    res.headers_mut().insert(
        axum::http::header::STRICT_TRANSPORT_SECURITY,
        HeaderValue::from_static("max-age=31536000; includeSubDomains"),
    );
    res
}
