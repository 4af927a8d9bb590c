//! What page handlers read from a request. Extractors named for what they guarantee, so that
//! handlers hold no repeated `match`: [`PageForm`] (a form body, or the error page),
//! [`SignedIn`] (a live session, or a redirect to the login page) and [`MaybeSignedIn`]; and
//! [`safe_next`], which says where a page may send someone next.

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

use super::form::PageError;
use super::render::{Flash, Page};
use crate::error::AppError;
use crate::http::extract::{enrolment_route, Client, Input, PresentedCookie};
use crate::http::state::AppState;
use crate::service::Authenticated;

/// A form body (urlencoded or JSON); a malformed, oversized or slow one is answered with the
/// error page before the handler runs.
pub struct PageForm<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for PageForm<T> {
    type Rejection = PageError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, PageError> {
        let Input(form) = Input::<T>::from_request(req, state).await?;
        Ok(Self(form))
    }
}

/// The session this browser's cookie names, if it is live. Pages only ever look at the cookie:
/// a bearer token is for API clients. A broken database is the error page.
pub struct MaybeSignedIn(pub Option<Authenticated>);

impl FromRequestParts<AppState> for MaybeSignedIn {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, PageError> {
        let Ok(PresentedCookie(cookie)) = PresentedCookie::from_request_parts(parts, state).await;
        let Some(token) = cookie else { return Ok(Self(None)) };
        let access = crate::http::extract::access(parts, state);
        match state.auth.authenticate_cookie(&token, access).await {
            Ok(mut auth) => {
                let Ok(Client(client)) = Client::from_request_parts(parts, state).await;
                auth.client = client;
                // The page extracted next speaks the person's language, if they chose one.
                let stored = super::render::StoredLocale(auth.user.locale.clone());
                parts.extensions.insert(stored);
                Ok(Self(Some(auth)))
            }
            Err(AppError::Unauthorized { .. }) => Ok(Self(None)),
            Err(e) => Err(e.into()),
        }
    }
}

/// A live session; without one the browser is sent to the login page, with a message.
pub struct SignedIn(pub Authenticated);

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let signed_in = MaybeSignedIn::from_request_parts(parts, state).await;
        match signed_in.map_err(IntoResponse::into_response)? {
            // PORTCULLIS_REQUIRE_MFA: a session without a second factor sees its account page
            // and the set-up, nothing else.
            MaybeSignedIn(Some(auth))
                if state.auth.must_enrol(&auth) && !enrolment_route(&parts.extensions) =>
            {
                let page = Page::from_request_parts(parts, state).await?;
                Err(page.see_other("/account/").into_response())
            }
            MaybeSignedIn(Some(auth)) => Ok(Self(auth)),
            MaybeSignedIn(None) => {
                let page = Page::from_request_parts(parts, state).await?;
                Err(page.see_other("/account/login").flash(Flash::LoginRequired).into_response())
            }
        }
    }
}

/// Where the pages send someone after logging in: `next` if it is a path on this server,
/// `/account/` otherwise.
///
/// Only a plain absolute path is accepted: it starts with one `/` (not `//host`, which a
/// browser reads as another origin, nor `/\host`, which some browsers normalise into one), and
/// holds no backslash, no control character and nothing outside visible ASCII (so it is a
/// valid `Location` and cannot smuggle a header). No scheme can appear before the first `/`.
pub fn safe_next(next: Option<&str>) -> &str {
    const DEFAULT: &str = "/account/";
    let Some(next) = next else { return DEFAULT };
    // An authorization request carries its client's `state`, `nonce` and redirect URI, which
    // may be long; any other page's address is short.
    let limit = if next.starts_with("/oauth2/authorize?") { 8192 } else { 2048 };
    let ok = next.len() <= limit
        && next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && next.bytes().all(|b| b.is_ascii_graphic());
    if ok {
        next
    } else {
        DEFAULT
    }
}

/// The first value of `name` in a query string.
pub fn query_param(query: Option<&str>, name: &str) -> Option<String> {
    url::form_urlencoded::parse(query?.as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_accepts_only_paths_on_this_server() {
        for good in ["/account/", "/account/?tab=sessions", "/x/y%2Fz", "/"] {
            assert_eq!(safe_next(Some(good)), good);
        }
        for bad in [
            "//evil.example",
            "///evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "https://evil.example/",
            "javascript:alert(1)",
            "evil.example",
            "",
            "/a b",
            "/a\r\nSet-Cookie: x=y",
            "/caf\u{e9}",
            "/\t/evil.example",
        ] {
            assert_eq!(safe_next(Some(bad)), "/account/", "{bad:?}");
        }
        assert_eq!(safe_next(None), "/account/");
    }
}
