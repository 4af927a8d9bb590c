//! The other ways in under `/api/auth`: a link or code mailed to the address
//! (`/email-login`), and external identity providers (`/oauth/{provider}/…`, `/identities`).
//! Each ends in the normal login answer (or its second step).

use axum::extract::{Path, Query, State};
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{AppendHeaders, IntoResponse, Response};
use axum::Json;
use cookie::time::Duration;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::mfa::FreshRequest;
use super::session::step_response;
use super::types::{EmailRequest, MessageResponse};
use crate::error::{AppError, ErrorBody, Result};
use crate::http::cookies;
use crate::http::extract::{Client, CurrentSession, Input, PresentedCookie};
use crate::http::state::AppState;
use crate::service::{Fresh, LoginStep, OAuthOutcome};
use crate::store::Identity;

/// The answer to every email sign-in request, whatever the address.
pub const EMAIL_LOGIN_MESSAGE: &str =
    "If this address can sign in, a link and a code are on their way";

#[derive(Deserialize, ToSchema)]
pub struct EmailLoginVerifyRequest {
    /// The `token` of the mailed link; or else `email` and `code`.
    pub token: Option<String>,
    pub email: Option<String>,
    /// The 6-digit code of the mail.
    pub code: Option<String>,
}

/// Ask for a sign-in link and code by email (`PORTCULLIS_EMAIL_LOGIN`). The same answer, as
/// fast, whether or not the address has an account.
#[utoipa::path(post, path = "/api/auth/email-login", tag = "sign-in", request_body = EmailRequest,
    responses((status = 200, body = MessageResponse),
        (status = 400, description = "Missing or malformed email", body = ErrorBody),
        (status = 404, description = "Sign-in by email is off", body = ErrorBody),
        (status = 429, body = ErrorBody)))]
pub async fn email_login(
    State(state): State<AppState>,
    Input(req): Input<EmailRequest>,
) -> Result<Json<MessageResponse>> {
    let email = req
        .email
        .map(|e| e.trim().to_owned())
        .filter(|e| !e.is_empty())
        .ok_or_else(|| AppError::missing("email"))?;
    state.auth.email_login_request_valid(&email)?;
    // Detached: the answer never waits on the lookup and the writes, so its timing cannot
    // tell an address with an account from one without.
    let auth = state.auth.clone();
    crate::http::state::after_response("email-login", async move {
        auth.request_email_login(&email).await
    });
    Ok(Json(MessageResponse::new(EMAIL_LOGIN_MESSAGE)))
}

/// Finish an email sign-in with the link's `token`, or `email` and `code` (five wrong codes
/// end the request). The address is verified; the answer is the login's.
#[utoipa::path(post, path = "/api/auth/email-login/verify", tag = "sign-in",
    request_body = EmailLoginVerifyRequest,
    responses((status = 200, description = "`LoginResponse`, or `SecondFactorResponse` for an account with a second factor", body = super::types::LoginResponse),
        (status = 400, description = "Missing field, or a dead link (`invalid_token`)", body = ErrorBody),
        (status = 401, description = "Wrong or dead code (`invalid_code`)", body = ErrorBody),
        (status = 404, description = "Sign-in by email is off", body = ErrorBody),
        (status = 429, body = ErrorBody)))]
pub async fn email_login_verify(
    State(state): State<AppState>,
    Client(client): Client,
    PresentedCookie(presented): PresentedCookie,
    Input(req): Input<EmailLoginVerifyRequest>,
) -> Result<Response> {
    let step = state
        .auth
        .verify_email_login(
            req.token.as_deref(),
            req.email.as_deref(),
            req.code.as_deref(),
            &client,
            presented.as_deref(),
        )
        .await?;
    Ok(step_response(&state.auth.settings, step))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct StartQuery {
    /// A path on this server to go to afterwards (default: `/account/`, or `/` without the
    /// hosted pages).
    pub next: Option<String>,
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct CallbackQuery {
    pub code: Option<String>,
    pub state: Option<String>,
    pub error: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct IdentityView {
    pub id: String,
    /// The provider's name, as in `/api/auth/oauth/{provider}/…`.
    pub provider: String,
    /// The address the provider gave at the last sign-in.
    pub email: Option<String>,
    pub created_at: String,
    pub last_used_at: Option<String>,
}

impl From<&Identity> for IdentityView {
    fn from(i: &Identity) -> Self {
        Self {
            id: i.id.clone(),
            provider: i.provider.clone(),
            email: i.email.clone(),
            created_at: crate::clock::rfc3339(i.created_at),
            last_used_at: i.last_used_at.map(crate::clock::rfc3339),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct IdentitiesResponse {
    pub identities: Vec<IdentityView>,
}

fn default_next(state: &AppState) -> &'static str {
    if state.auth.settings.pages {
        "/account/"
    } else {
        "/"
    }
}

/// A begun sign-in as an answer: `303` to the provider, with the cookie that binds the
/// callback to this browser.
fn to_provider(state: &AppState, start: crate::service::OAuthStart) -> Response {
    let settings = &state.auth.settings;
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
    let next = crate::http::pages::safe_next(q.next.as_deref());
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
    let next = crate::http::pages::safe_next(req.next.as_deref());
    let fresh = Fresh { password: req.password.as_deref(), code: req.code.as_deref() };
    let start = state.auth.begin_oauth_link(&provider, &auth, fresh, Some(next)).await?;
    if crate::http::extract::is_form(&headers) {
        return Ok(to_provider(&state, start));
    }
    let settings = &state.auth.settings;
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
        (status = 400, description = "A forged, replayed or expired `state`, or another browser's (`invalid_state`); an address the provider does not vouch for (`email_not_verified`)", body = ErrorBody),
        (status = 401, description = "The provider's answer did not verify: code exchange, ID-token signature, issuer, audience, expiry or nonce (`oauth_failed`); or the user refused (`oauth_denied`)", body = ErrorBody),
        (status = 403, description = "No account, and `PORTCULLIS_OAUTH_SIGNUP=false` (`signup_disabled`)", body = ErrorBody),
        (status = 409, description = "An account has this address: sign in and link (`account_exists`); or the identity is another account's (`identity_taken`)", body = ErrorBody)))]
pub async fn oauth_callback(
    State(state): State<AppState>,
    Client(client): Client,
    PresentedCookie(presented): PresentedCookie,
    Path(provider): Path<String>,
    Query(q): Query<CallbackQuery>,
    headers: HeaderMap,
) -> Response {
    let settings = state.auth.settings.clone();
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
                        let csrf = crate::http::pages::fresh_csrf(&settings);
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
        Err(e) if settings.pages => crate::http::pages::error_response(e),
        Err(e) => e.into_response(),
    };
    res.headers_mut().append(SET_COOKIE, clear);
    res
}

/// The signed-in user's linked external identities.
#[utoipa::path(get, path = "/api/auth/identities", tag = "sign-in",
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = IdentitiesResponse), (status = 401, body = ErrorBody)))]
pub async fn identities(
    State(state): State<AppState>,
    CurrentSession(auth): CurrentSession,
) -> Result<Json<IdentitiesResponse>> {
    let identities = state.auth.identities(&auth).await?;
    Ok(Json(IdentitiesResponse { identities: identities.iter().map(IdentityView::from).collect() }))
}

/// Unlink an external identity. Needs a recent authentication, or `password`/`code`; refused
/// when it is the account's last way in (`409 last_way_in`).
#[utoipa::path(delete, path = "/api/auth/identities/{id}", tag = "sign-in",
    params(("id" = String, Path, description = "From GET /api/auth/identities")),
    request_body = FreshRequest, security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = MessageResponse), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn unlink(
    State(state): State<AppState>,
    CurrentSession(auth): CurrentSession,
    Path(id): Path<String>,
    Input(req): Input<FreshRequest>,
) -> Result<Json<MessageResponse>> {
    state.auth.unlink_identity(&auth, &id, req.fresh()).await?;
    Ok(Json(MessageResponse::new("Identity unlinked")))
}
