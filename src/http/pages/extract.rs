//! Extractors for page handlers, named for what they guarantee, so that handlers hold no
//! repeated `match`: [`PageForm`] (a form body, or the error page), [`SignedIn`] (a live
//! session, or a redirect to the login page) and [`MaybeSignedIn`].

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

use super::render::{error_response, Flash, Page};
use crate::error::AppError;
use crate::http::extract::{enrolment_route, Client, Input, PresentedCookie};
use crate::http::state::AppState;
use crate::service::Authenticated;

/// A form body (urlencoded or JSON); a malformed, oversized or slow one is answered with the
/// error page before the handler runs.
pub struct PageForm<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for PageForm<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Response> {
        match Input::<T>::from_request(req, state).await {
            Ok(Input(form)) => Ok(Self(form)),
            Err(e) => Err(error_response(e)),
        }
    }
}

/// The session this browser's cookie names, if it is live. Pages only ever look at the cookie:
/// a bearer token is for API clients. A broken database is the error page.
pub struct MaybeSignedIn(pub Option<Authenticated>);

impl FromRequestParts<AppState> for MaybeSignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let Ok(PresentedCookie(cookie)) = PresentedCookie::from_request_parts(parts, state).await;
        let Some(token) = cookie else { return Ok(Self(None)) };
        let access = crate::http::extract::access(parts, state);
        match state.auth.authenticate_cookie(&token, access).await {
            Ok(mut auth) => {
                let Ok(Client(client)) = Client::from_request_parts(parts, state).await;
                auth.client = client;
                Ok(Self(Some(auth)))
            }
            Err(AppError::Unauthorized { .. }) => Ok(Self(None)),
            Err(e) => Err(error_response(e)),
        }
    }
}

/// A live session; without one the browser is sent to the login page, with a message.
pub struct SignedIn(pub Authenticated);

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        match MaybeSignedIn::from_request_parts(parts, state).await? {
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
