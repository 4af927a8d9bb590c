//! Signing in with an external identity provider, in the browser: `start` and `link` send the
//! browser to the provider, `callback` is where the provider sends it back. Their paths are
//! under `/api/auth/oauth/` (CONTRACTS section 2), but they are browser routes: they answer
//! with redirects, and a failed callback is the error page when the pages are on. They are
//! mounted whether or not the pages are, and without the pages' own layers.

use axum::extract::State;
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{AppendHeaders, IntoResponse, Response};
use axum::Json;
use cookie::time::Duration;
use serde::{Deserialize, Serialize};
use utoipa::openapi::OpenApi;
use utoipa::ToSchema;
use utoipa_axum::routes;

use super::csrf;
use super::error::error_response;
use super::extract::safe_next;
use crate::error::{ErrorBody, Result};
use crate::http::answers::step_response;
use crate::http::cookies;
use crate::http::extract::{Client, CurrentSession, Input, Path, PresentedCookie, Query};
use crate::http::state::AppState;
use crate::http::surface::{Limit, Surface};
use crate::service::{Fresh, LoginStep, OAuthOutcome};

/// The provider routes: beginning a sign-in and the callback spend the client IP's budget;
/// linking needs a session. Their refusals are JSON, as before the pages existed (their paths
/// are the API's). Without a state, only their document.
pub(crate) fn surface(state: Option<&AppState>) -> Surface {
    Surface::new(state, OpenApi::default())
        .routes(Limit::PerIp, routes!(oauth_start))
        .routes(Limit::None, routes!(oauth_link))
        .routes(Limit::PerIp, routes!(oauth_callback))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StartQuery {
    /// A path on this server to go to afterwards (default: `/account/`, or `/` without the
    /// hosted pages).
    pub next: Option<String>,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CallbackQuery {
    pub code: Option<String>,
    pub state: Option<String>,
    pub error: Option<String>,
}

fn default_next(state: &AppState) -> &'static str {
    if state.auth.settings().pages {
        "/account/"
    } else {
        "/"
    }
}

/// A begun sign-in as an answer: `303` to the provider, with the cookie that binds the
/// callback to this browser.
fn to_provider(state: &AppState, start: crate::service::OAuthStart) -> Response {
    let settings = &state.auth.settings();
    let binding = cookies::oauth_binding(settings, &start.browser_token, Duration::minutes(10));
    let mut res = (StatusCode::SEE_OTHER, AppendHeaders([(LOCATION, start.url)])).into_response();
    res.headers_mut().append(SET_COOKIE, binding);
    res
}

/// Begin a sign-in with an external identity provider: a redirect to it. Configured by
/// `PORTCULLIS_OAUTH_<NAME>_*`.
#[utoipa::path(get, path = "/api/auth/oauth/{provider}/start", tag = "sign-in",
    params(("provider" = String, Path, description = "A configured provider, e.g. `google`, `github`"), StartQuery),
    responses((status = 303, description = "To the provider's authorization endpoint, with a cookie that binds the callback to this browser"),
        (status = 404, description = "No such provider (`unknown_provider`)", body = ErrorBody),
        (status = 503, description = "The provider could not be reached", body = ErrorBody)))]
pub async fn oauth_start(
    State(state): State<AppState>,
    Path(provider): Path<String>,
    Query(q): Query<StartQuery>,
) -> Result<Response> {
    let next = safe_next(q.next.as_deref());
    let start = state.auth.begin_oauth(&provider, Some(next)).await?;
    Ok(to_provider(&state, start))
}

#[derive(Default, Deserialize, ToSchema)]
pub struct LinkRequest {
    /// A path on this server to go to afterwards (default: `/account/`, or `/` without the
    /// hosted pages).
    pub next: Option<String>,
    /// Needed unless the session authenticated within `PORTCULLIS_REAUTH_WINDOW`: the
    /// password, or a current code.
    #[schema(format = Password)]
    pub password: Option<String>,
    pub code: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct LinkResponse {
    /// The provider's authorization URL: send the browser there (in the browser that made
    /// this request, which now holds the cookie that binds the callback to it).
    pub url: String,
}

/// Link an external identity to the signed-in account: like `start`, for an account that
/// authenticated within `PORTCULLIS_REAUTH_WINDOW` (or that sends its password or a code).
/// A POST, so another site cannot begin it with the user's cookie (`SameSite=Lax` cookies
/// ride along on a cross-site GET). The provider must vouch for the identity's address. The
/// link is bound to this session and its password: it completes only while this session is
/// live and the password unchanged.
#[utoipa::path(post, path = "/api/auth/oauth/{provider}/link", tag = "sign-in",
    params(("provider" = String, Path, description = "A configured provider")),
    request_body = LinkRequest,
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, description = "A JSON body: the provider's URL, with the cookie that binds the callback to this browser", body = LinkResponse),
        (status = 303, description = "A form body: to the provider, with that cookie"),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Authenticate again first (`reauthentication_required`)", body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn oauth_link(
    State(state): State<AppState>,
    CurrentSession(auth): CurrentSession,
    Path(provider): Path<String>,
    headers: HeaderMap,
    Input(req): Input<LinkRequest>,
) -> Result<Response> {
    let next = safe_next(req.next.as_deref());
    let fresh = Fresh { password: req.password.as_deref(), code: req.code.as_deref() };
    let start = state.auth.begin_oauth_link(&provider, &auth, fresh, Some(next)).await?;
    if crate::http::extract::is_form(&headers) {
        return Ok(to_provider(&state, start));
    }
    let settings = &state.auth.settings();
    let binding = cookies::oauth_binding(settings, &start.browser_token, Duration::minutes(10));
    let mut res = Json(LinkResponse { url: start.url }).into_response();
    res.headers_mut().append(SET_COOKIE, binding);
    Ok(res)
}

/// Where the provider sends the browser back. Signed in: a redirect to `next` with the
/// session cookie. A second factor still needed: the hosted code prompt (or, without the
/// pages, the `SecondFactorResponse`).
#[utoipa::path(get, path = "/api/auth/oauth/{provider}/callback", tag = "sign-in",
    params(("provider" = String, Path, description = "A configured provider"), CallbackQuery),
    responses((status = 303, description = "Signed in (or linked): on to `next`"),
        (status = 200, description = "Without the hosted pages (`PORTCULLIS_PAGES=false`), an account with a second factor: no session yet", body = crate::http::answers::SecondFactorResponse),
        (status = 400, description = "A forged, replayed or expired `state`, or another browser's (`invalid_state`); an address the provider does not vouch for (`email_not_verified`). Every error is the hosted error page (`text/html`) while the pages are on (the default), else the JSON error", content((ErrorBody = "application/json"), (String = "text/html"))),
        (status = 401, description = "The provider's answer did not verify: code exchange, ID-token signature, issuer, audience, expiry or nonce (`oauth_failed`); or the user refused (`oauth_denied`)", content((ErrorBody = "application/json"), (String = "text/html"))),
        (status = 403, description = "No account, and `PORTCULLIS_OAUTH_SIGNUP=false` (`signup_disabled`)", content((ErrorBody = "application/json"), (String = "text/html"))),
        (status = 404, description = "No such provider (`unknown_provider`)", content((ErrorBody = "application/json"), (String = "text/html"))),
        (status = 409, description = "An account has this address: sign in and link (`account_exists`); or the identity is another account's (`identity_taken`)", content((ErrorBody = "application/json"), (String = "text/html"))),
        (status = 503, description = "The provider could not be reached", content((ErrorBody = "application/json"), (String = "text/html")))))]
pub async fn oauth_callback(
    State(state): State<AppState>,
    Client(client): Client,
    PresentedCookie(presented): PresentedCookie,
    Path(provider): Path<String>,
    Query(q): Query<CallbackQuery>,
    headers: HeaderMap,
) -> Response {
    let settings = state.auth.settings().clone();
    let binding = cookies::value(&headers, cookies::oauth_binding_name(&settings));
    let outcome = state
        .auth
        .finish_oauth(
            &provider,
            q.code.as_deref(),
            q.state.as_deref(),
            q.error.as_deref(),
            binding.as_deref(),
            &client,
            presented.as_deref(),
        )
        .await;
    let clear = cookies::oauth_binding(&settings, "", Duration::ZERO);
    let mut res = match outcome {
        Ok(OAuthOutcome::SignedIn { step, next }) => {
            let next = next.unwrap_or_else(|| default_next(&state).to_owned());
            match *step {
                LoginStep::Session(out) => {
                    let cookie = cookies::session(&settings, &out.session_token);
                    let mut res =
                        (StatusCode::SEE_OTHER, AppendHeaders([(LOCATION, next)])).into_response();
                    res.headers_mut().append(SET_COOKIE, cookie);
                    if settings.pages {
                        // A sign-in starts a new CSRF token, as the login form's does.
                        let csrf = csrf::cookie(&csrf::new_token(), settings.secure_cookies());
                        res.headers_mut().append(SET_COOKIE, csrf);
                    }
                    res.extensions_mut().insert(crate::http::observe::UserId(out.user.id));
                    res
                }
                step @ LoginStep::SecondFactor(_) if !settings.pages => {
                    step_response(&settings, step)
                }
                LoginStep::SecondFactor(second) => {
                    // The hosted code prompt, its challenge in a cookie rather than the URL.
                    let pending =
                        cookies::mfa_pending(&settings, &second.challenge, Duration::minutes(5));
                    let next = percent_encoding::utf8_percent_encode(
                        &next,
                        percent_encoding::NON_ALPHANUMERIC,
                    );
                    let to = format!("/account/mfa/verify?next={next}");
                    let mut res =
                        (StatusCode::SEE_OTHER, AppendHeaders([(LOCATION, to)])).into_response();
                    res.headers_mut().append(SET_COOKIE, pending);
                    res
                }
            }
        }
        Ok(OAuthOutcome::Linked { next }) => {
            let next = next.unwrap_or_else(|| default_next(&state).to_owned());
            (StatusCode::SEE_OTHER, AppendHeaders([(LOCATION, next)])).into_response()
        }
        Err(e) if settings.pages => error_response(e),
        Err(e) => e.into_response(),
    };
    res.headers_mut().append(SET_COOKIE, clear);
    res
}
