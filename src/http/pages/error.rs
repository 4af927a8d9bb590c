//! The error page: the pages' answer to any error that is not a form's business, with the
//! status, `Retry-After` and logging the JSON API would give it.

use std::sync::Arc;

use axum::http::header::RETRY_AFTER;
use axum::http::HeaderValue;
use axum::response::{Html, IntoResponse, Response};
use minijinja::context;

use super::headers::set_page_headers;
use super::templates::error_environment;
use crate::error::{AppError, ErrorCode, LoggedError};

/// Any error as the error page. Also used for errors answered before a page handler runs
/// (rate limit, cross-origin refusal), so it needs nothing but the error: it compiles the two
/// templates it uses, which only happens on this unhappy path.
pub fn error_response(e: AppError) -> Response {
    let status = e.status();
    let (title, message) = match &e {
        AppError::Unexpected(_) => {
            ("Something went wrong", "The server could not handle this request. Try again later.")
        }
        AppError::RateLimited { .. } => (
            "Too many requests",
            "Too many attempts from your network. Wait a minute and try again.",
        ),
        AppError::NotFound { .. } => ("Page not found", "There is no page at this address."),
        AppError::Forbidden { code: ErrorCode::CsrfToken, .. } => {
            ("This form has expired", "Go back, reload the page and submit the form again.")
        }
        AppError::Forbidden { .. } => {
            ("Request refused", "This request did not come from this site's own pages.")
        }
        _ => ("Something went wrong", ""),
    };
    let detail = if message.is_empty() { e.public_message().into_owned() } else { message.into() };
    let html = error_environment()
        .get_template("error.html")
        .and_then(|t| t.render(context! { title, message => detail, status => status.as_u16() }));
    let html = html.unwrap_or_else(|_| format!("<!doctype html><title>{status}</title>{status}"));
    // What the JSON answer would carry besides its body: `Retry-After`, and an unexpected
    // error for the middleware that logs it once.
    let mut res = (status, Html(html)).into_response();
    if let Some(secs) = e.retry_after() {
        res.headers_mut().insert(RETRY_AFTER, HeaderValue::from(secs));
    }
    set_page_headers(res.headers_mut());
    if let AppError::Unexpected(e) = e {
        res.extensions_mut().insert(LoggedError(Arc::new(e)));
    }
    res
}

/// An unknown page under `/account/`: the HTML 404.
pub async fn not_found() -> Response {
    not_found_response()
}

pub fn not_found_response() -> Response {
    error_response(AppError::not_found(ErrorCode::NotFound, "Not found"))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_error_page_keeps_the_apis_status_retry_after_and_logged_error() {
        let res = error_response(AppError::RateLimited { retry_after: 7 });
        assert_eq!(res.status(), axum::http::StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(res.headers()[RETRY_AFTER], "7");
        assert_eq!(res.headers()["content-type"], "text/html; charset=utf-8");
        assert!(res.headers().contains_key("content-security-policy"));
        assert!(res.extensions().get::<LoggedError>().is_none());

        let res = error_response(AppError::Unexpected(anyhow::anyhow!("broken")));
        assert_eq!(res.status(), axum::http::StatusCode::INTERNAL_SERVER_ERROR);
        let logged = res.extensions().get::<LoggedError>().unwrap();
        assert_eq!(logged.0.to_string(), "broken", "the middleware logs it once");
    }
}
