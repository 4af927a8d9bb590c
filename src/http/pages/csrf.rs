//! CSRF protection for the pages' forms: a double-submitted token.
//!
//! Each browser gets a random 256-bit token in an `HttpOnly; SameSite=Strict` cookie (named
//! `__Host-portcullis_csrf` on https, so a sibling subdomain cannot plant one), and every form
//! carries the same token in a hidden `csrf` field. [`guard`] runs before every page handler
//! that is not a GET or HEAD: it reads the form body, and unless the field equals the cookie
//! (compared in constant time) the request is answered `403` and its handler never runs.
//!
//! Another site can make a browser post a form here, but it can neither read the cookie nor
//! set it, so it cannot fill in the field. This sits on top of the Origin check every
//! state-changing route gets (`guards::origin`) and of `SameSite` on the session cookie;
//! unlike those, it also holds for a browser that sends no `Origin` header.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;
use cookie::SameSite;

use super::error::error_response;
use super::templates::Pages;
use crate::auth::OpaqueToken;
use crate::error::{AppError, ErrorCode};
use crate::http::cookies;
use crate::http::extract::{body_error, BODY_LIMIT};

/// The hidden form field.
const FIELD: &str = "csrf";

fn cookie_name(secure: bool) -> &'static str {
    // `__Host-` cookies must be Secure, so plain-http deployments (dev, tests) use a plain name.
    if secure {
        "__Host-portcullis_csrf"
    } else {
        "portcullis_csrf"
    }
}

pub fn new_token() -> String {
    OpaqueToken::generate().plain
}

/// The token cookie the browser sent, if it is one of ours in shape (43 URL-safe characters).
pub fn presented_cookie(headers: &HeaderMap, secure: bool) -> Option<String> {
    cookies::value(headers, cookie_name(secure)).filter(|t| {
        t.len() == 43 && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    })
}

/// The token cookie: for this browser session, on every path (the `__Host-` rules want `/`).
pub fn cookie(token: &str, secure: bool) -> HeaderValue {
    let attrs =
        cookies::Attributes { same_site: SameSite::Strict, path: "/", secure, max_age: None };
    cookies::set(cookie_name(secure), token, attrs)
}

/// Refuses (`403`, handler not run) any page request other than GET and HEAD whose form does
/// not carry the browser's token.
pub async fn guard(State(pages): State<Arc<Pages>>, req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD) {
        return next.run(req).await;
    }
    let expected = presented_cookie(req.headers(), pages.secure);
    let (parts, body) = req.into_parts();
    let bytes = match axum::body::to_bytes(body, BODY_LIMIT).await {
        Ok(bytes) => bytes,
        Err(e) => return error_response(body_error(e)),
    };
    let presented = url::form_urlencoded::parse(&bytes)
        .find(|(name, _)| name == FIELD)
        .map(|(_, value)| value.into_owned());
    let valid = match (expected, presented) {
        (Some(expected), Some(presented)) => same(expected.as_bytes(), presented.as_bytes()),
        _ => false,
    };
    if !valid {
        return error_response(AppError::forbidden(
            ErrorCode::CsrfToken,
            "Missing or invalid CSRF token",
        ));
    }
    next.run(Request::from_parts(parts, Body::from(bytes))).await
}

/// Equality whose time does not depend on where the first difference is.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_compare_whole() {
        assert!(same(b"abc", b"abc"));
        assert!(!same(b"abc", b"abd"));
        assert!(!same(b"abc", b"ab"));
        assert!(!same(b"", b"a"));
    }

    #[test]
    fn only_well_formed_cookies_count() {
        let token = new_token();
        let mut headers = HeaderMap::new();
        headers.insert(
            "cookie",
            HeaderValue::from_str(&format!("portcullis_csrf={token}"))
                .unwrap_or_else(|_| HeaderValue::from_static("")),
        );
        assert_eq!(presented_cookie(&headers, false).as_deref(), Some(token.as_str()));
        assert_eq!(presented_cookie(&headers, true), None, "https wants the __Host- cookie");
        headers.insert("cookie", HeaderValue::from_static("portcullis_csrf=short"));
        assert_eq!(presented_cookie(&headers, false), None);
    }
}
