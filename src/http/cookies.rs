//! Every cookie Portcullis sets or reads: the session cookie, and the hosted pages' CSRF and
//! one-time-message cookies. All are `HttpOnly`; `Secure` whenever the public URL is https.

use axum::http::header::COOKIE;
use axum::http::{HeaderMap, HeaderValue};
use cookie::time::Duration;
use cookie::{Cookie, SameSite};

use crate::config::Settings;

/// A cookie's attributes besides its name and value.
pub struct Attributes {
    pub same_site: SameSite,
    pub path: &'static str,
    pub secure: bool,
    /// `None`: for this browser session only.
    pub max_age: Option<Duration>,
}

/// `Set-Cookie` for `name=value` with `attrs`, always `HttpOnly`.
pub fn set(name: &str, value: &str, attrs: Attributes) -> HeaderValue {
    let mut c = Cookie::build((name, value))
        .http_only(true)
        .same_site(attrs.same_site)
        .path(attrs.path)
        .secure(attrs.secure);
    if let Some(age) = attrs.max_age {
        c = c.max_age(age);
        if age.is_zero() {
            c = c.expires(cookie::time::OffsetDateTime::UNIX_EPOCH);
        }
    }
    // Names are ours (validated at startup) and values URL-safe base64 or fixed codes: always
    // a valid header.
    HeaderValue::from_str(&c.build().to_string()).unwrap_or_else(|_| HeaderValue::from_static(""))
}

fn session_attributes(settings: &Settings, max_age: Duration) -> Attributes {
    Attributes {
        same_site: SameSite::Lax,
        path: "/",
        secure: settings.secure_cookies(),
        max_age: Some(max_age),
    }
}

/// The session cookie: `HttpOnly`, `SameSite=Lax`, `Path=/`, `Secure` on https, as long as the
/// session lives.
pub fn session(settings: &Settings, value: &str) -> HeaderValue {
    let age = Duration::seconds(settings.session_ttl.as_secs() as i64);
    set(&settings.session_cookie, value, session_attributes(settings, age))
}

/// Deletes the session cookie in the browser.
pub fn clear_session(settings: &Settings) -> HeaderValue {
    set(&settings.session_cookie, "", session_attributes(settings, Duration::ZERO))
}

/// The value of cookie `name`, if the request carries a non-empty one.
pub fn value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_owned())
        .filter(|v| !v.is_empty())
}

/// The cookie that binds an external sign-in to the browser that began it: `SameSite=Lax`
/// (the provider's redirect back is a top-level navigation), ten minutes.
pub fn oauth_binding_name(settings: &Settings) -> &'static str {
    if settings.secure_cookies() {
        "__Host-portcullis_oauth"
    } else {
        "portcullis_oauth"
    }
}

pub fn oauth_binding(settings: &Settings, value: &str, max_age: Duration) -> HeaderValue {
    let attrs = Attributes {
        same_site: SameSite::Lax,
        path: "/",
        secure: settings.secure_cookies(),
        max_age: Some(max_age),
    };
    set(oauth_binding_name(settings), value, attrs)
}

/// The login challenge of an external sign-in that needs its second step, for the hosted
/// code prompt (`Path=/account/`, five minutes): never in a URL.
pub const MFA_PENDING: &str = "portcullis_mfa";

pub fn mfa_pending(settings: &Settings, value: &str, max_age: Duration) -> HeaderValue {
    let attrs = Attributes {
        same_site: SameSite::Lax,
        path: "/account/",
        secure: settings.secure_cookies(),
        max_age: Some(max_age),
    };
    set(MFA_PENDING, value, attrs)
}
