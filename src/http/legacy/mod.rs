//! The seed services' APIs (CONTRACTS section 3): thin translations onto `service/`. Each
//! route set only reshapes requests and responses; sessions, tokens, policy, hashing and
//! limits are the canonical ones.

pub(crate) mod alx;
pub(crate) mod api_v1;
pub(crate) mod root;

use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::config::compat::LegacySet;
use crate::http::extract::{Client, Input, PresentedCookie};
use crate::http::state::AppState;
use crate::service::{ForgotOutcome, Identifier};
use axum::extract::State;
use axum::http::header::SET_COOKIE;
use axum::response::AppendHeaders;

/// `302 Found` to `location` (the seeds' redirects), with extra headers.
fn found(location: &'static str, set_cookie: HeaderValue) -> Response {
    let mut res = axum::http::StatusCode::FOUND.into_response();
    res.headers_mut().insert(axum::http::header::LOCATION, HeaderValue::from_static(location));
    res.headers_mut().append(axum::http::header::SET_COOKIE, set_cookie);
    res
}

/// Starts a password reset for `email`. With `wait` the outcome is awaited (dev mode shows the
/// token, reveal mode tells unknown addresses); otherwise the work is detached so that the
/// response takes the same time for known and unknown addresses.
async fn start_reset(
    state: &AppState,
    email: String,
    wait: bool,
) -> crate::error::Result<Option<ForgotOutcome>> {
    if wait {
        return state.auth.forgot_password(&email).await.map(Some);
    }
    let auth = state.auth.clone();
    crate::http::state::after_response("password reset request", async move {
        auth.forgot_password(&email).await.map(|_| ())
    });
    Ok(None)
}

/// The answer of seeds 001 and 004 to a reset request: the token itself in dev mode (as the
/// seeds did), otherwise a message while the token goes by mail. An unknown address gets
/// `unknown` when `PORTCULLIS_REVEAL_UNKNOWN_EMAILS` (or the seed's profile on `set`) asks for
/// the seeds' behaviour, otherwise the same answer as a known one: in dev mode with a decoy
/// token of the same shape that works nowhere, so even dev answers do not tell which addresses
/// exist.
async fn reset_token_answer(
    state: &AppState,
    set: LegacySet,
    email: String,
    unknown: crate::error::AppError,
) -> crate::error::Result<Response> {
    let settings = &state.auth.settings();
    let reveal = settings.reveals_unknown_emails_on(set);
    let wait = settings.dev || reveal;
    let token = match start_reset(state, email.clone(), wait).await? {
        Some(ForgotOutcome::UnknownEmail) if reveal => return Err(unknown),
        Some(ForgotOutcome::Sent { token }) if settings.dev => token,
        Some(ForgotOutcome::UnknownEmail) if settings.dev => {
            crate::auth::OpaqueToken::generate().plain
        }
        _ => {
            let body = json!({"email": email, "message": "Password reset instructions sent"});
            return Ok(Json(body).into_response());
        }
    };
    Ok(Json(json!({"email": email, "reset_token": token})).into_response())
}

#[derive(serde::Deserialize, utoipa::ToSchema)]
pub(super) struct Credentials {
    #[schema(required = true, value_type = String, min_length = 1, pattern = "\\S")]
    email: Option<String>,
    #[schema(required = true, value_type = String, min_length = 1, pattern = "\\S", format = Password)]
    password: Option<String>,
}

#[derive(serde::Deserialize, utoipa::ToSchema)]
pub(super) struct EmailBody {
    #[schema(required = true, value_type = String, min_length = 1, pattern = "\\S")]
    email: Option<String>,
}

/// Seeds 001 and 004 (one project, two versions): log in by email, answer
/// `{"email", "message": "logged in"}` with the session cookie.
#[utoipa::path(post, path = "/sessions", tag = "legacy alx (seed 004)", request_body = Credentials,
    responses((status = 200, description = "`{\"email\", \"message\": \"logged in\"}` and `Set-Cookie: session_id`"),
        (status = 400, description = "Missing field"), (status = 401, description = "Bad credentials")))]
async fn cookie_login(
    State(state): State<AppState>,
    Client(client): Client,
    PresentedCookie(presented): PresentedCookie,
    Input(b): Input<Credentials>,
) -> crate::error::Result<Response> {
    let identifier = b.email.as_deref().filter(|e| !e.trim().is_empty()).map(Identifier::Email);
    let out = state
        .auth
        .login(identifier, b.password.as_deref(), &client, presented.as_deref())
        .await?
        .session_only(state.auth.settings().require_mfa)?;
    let cookie = crate::http::cookies::session(state.auth.settings(), &out.session_token);
    let body = Json(json!({"email": b.email, "message": "logged in"}));
    let mut res = (AppendHeaders([(SET_COOKIE, cookie)]), body).into_response();
    res.extensions_mut().insert(crate::http::observe::UserId(out.user.id));
    Ok(res)
}

/// A field that must be present and non-blank.
fn required(v: Option<String>, field: &str) -> crate::error::Result<String> {
    v.map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .ok_or_else(|| crate::error::AppError::missing(field))
}
