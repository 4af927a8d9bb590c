//! The pages' only assets, built into the binary: one stylesheet, one icon and one script. Pages link them
//! with a hash of their content in the query, so browsers may cache them for a year and still
//! see a new version at once.

use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};

const CSS: &str = include_str!("../../../templates/pages/static/portcullis.css");
const SVG: &str = include_str!("../../../templates/pages/static/portcullis.svg");
const JS: &str = include_str!("../../../templates/pages/static/passkeys.js");

const CSS_VERSION: u64 = fnv1a(CSS.as_bytes());
const SVG_VERSION: u64 = fnv1a(SVG.as_bytes());
const JS_VERSION: u64 = fnv1a(JS.as_bytes());

/// 64-bit FNV-1a, at compile time: a cache key, not a security measure.
const fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    hash
}

pub fn css_url() -> String {
    format!("/account/static/portcullis.css?v={CSS_VERSION:016x}")
}

pub fn icon_url() -> String {
    format!("/account/static/portcullis.svg?v={SVG_VERSION:016x}")
}

/// The stylesheet and icon as the console links them: under `/admin/`, so that they are
/// served wherever the console is (its own listener with `PORTCULLIS_ADMIN_BIND`, where the
/// hosted pages' `/account/static/` is not).
pub fn console_css_url() -> String {
    format!("/admin/static/portcullis.css?v={CSS_VERSION:016x}")
}

pub fn console_icon_url() -> String {
    format!("/admin/static/portcullis.svg?v={SVG_VERSION:016x}")
}

pub fn script_url() -> String {
    format!("/account/static/passkeys.js?v={JS_VERSION:016x}")
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable"));
    res
}

pub async fn stylesheet() -> Response {
    asset("text/css; charset=utf-8", CSS)
}

pub async fn icon() -> Response {
    asset("image/svg+xml", SVG)
}

pub async fn script() -> Response {
    asset("text/javascript; charset=utf-8", JS)
}
