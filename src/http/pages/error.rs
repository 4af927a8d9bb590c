//! The error page: the pages' answer to any error that is not a form's business, with the
//! status, `Retry-After` and logging the JSON API would give it.

use std::sync::Arc;

use axum::http::header::RETRY_AFTER;
use axum::http::HeaderValue;
use axum::response::{Html, IntoResponse, Response};
use minijinja::context;

use super::headers::set_page_headers;
use super::templates::{error_environment, Pages};
use crate::error::{AppError, ErrorCode, LoggedError};
use crate::i18n::{error_message, Catalogues, Msg};

/// Any error as the error page. Also used for errors answered before a page handler runs
/// (rate limit, cross-origin refusal), so it needs nothing but the error: it compiles the two
/// templates it uses, which only happens on this unhappy path.
pub fn error_response(e: AppError) -> Response {
    let status = e.status();
    let (title, message) = match &e {
        AppError::Unexpected(_) => ("error-page-unexpected-title", "error-page-unexpected"),
        AppError::RateLimited { .. } => {
            ("error-page-rate-limited-title", "error-page-rate-limited")
        }
        AppError::NotFound { .. } => ("error-page-not-found-title", "error-page-not-found"),
        AppError::Forbidden { code: ErrorCode::CsrfToken, .. } => {
            ("error-page-form-expired-title", "error-page-form-expired")
        }
        AppError::Forbidden { .. } => ("error-page-refused-title", "error-page-refused"),
        _ => ("error-page-unexpected-title", ""),
    };
    // The page says it in its own words, by the code (the API's message is English).
    let detail = if message.is_empty() { error_message(e.code()) } else { Msg::new(message) };
    // An authorization request's fault is the application developer's to fix: the page
    // also shows the API's English detail, which names the parameter.
    let technical = matches!(e.code(), ErrorCode::InvalidAuthorizationRequest)
        .then(|| e.public_message().into_owned());
    let said = (title, &detail, technical.as_deref());
    let html = REQUEST_LANGUAGE
        .try_with(|(pages, locale)| render(pages.error_env(), &pages.cats, locale, said, status))
        .unwrap_or_else(|_| {
            let cats = Catalogues::shipped();
            render(&FALLBACK, &cats, cats.default_locale(), said, status)
        });
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

tokio::task_local! {
    /// The pages and the language of the request being answered, for an error page
    /// rendered without the request at hand ([`scope_language`]).
    static REQUEST_LANGUAGE: (Arc<Pages>, String);
}

/// The error page's templates over the shipped catalogues, for an error outside any request
/// of the pages.
static FALLBACK: std::sync::LazyLock<minijinja::Environment<'static>> =
    std::sync::LazyLock::new(|| error_environment(Catalogues::shipped()));

fn render(
    env: &minijinja::Environment<'static>,
    cats: &Catalogues,
    locale: &str,
    (title, message, technical): (&str, &Msg, Option<&str>),
    status: axum::http::StatusCode,
) -> Result<String, minijinja::Error> {
    let lang = cats.language(locale);
    let ctx = context! {
        title, message => minijinja::Value::from_serialize(message), status => status.as_u16(),
        locale, lang => lang.tag(), dir => lang.dir(), technical,
    };
    env.get_template("error.html").and_then(|t| t.render(ctx))
}

/// Runs the rest of a page request with its language known to [`error_response`]: the
/// request's own preferences (the stored locale is not known before the handler runs).
pub async fn scope_language(
    axum::extract::Extension(pages): axum::extract::Extension<Arc<Pages>>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let (parts, body) = req.into_parts();
    let locale = super::render::request_preferences(&parts).choose(&pages.cats).to_owned();
    let req = axum::extract::Request::from_parts(parts, body);
    REQUEST_LANGUAGE.scope((pages, locale), next.run(req)).await
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
