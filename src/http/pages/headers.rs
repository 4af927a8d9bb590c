//! The headers of every page, the error page included: a strict Content-Security-Policy and
//! no framing.

use axum::extract::Request;
use axum::http::header::{CONTENT_SECURITY_POLICY, X_FRAME_OPTIONS};
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// The policy of every page: the stylesheet, the icon and the one script (`passkeys.js`) from
/// this origin, no inline script or style, requests and forms only to here, never framed
/// (clickjacking).
const CSP: &str = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; \
                   img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

pub async fn page_headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    set_page_headers(res.headers_mut());
    res
}

pub fn set_page_headers(h: &mut HeaderMap) {
    h.insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
}
