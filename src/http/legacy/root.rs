//! The `root` route set: seeds 000 and 002 (`/register`, `/login`, `/forgot-password`,
//! `GET /logout`). Errors carry the seed's `error` sentence beside `message` and `code`.

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;
use utoipa_axum::routes;

use super::{found, required, start_reset};
use crate::config::compat::LegacySet;
use crate::error::{AppError, ErrorCode};
use crate::http::answers::{identifier, login_response};
use crate::http::extract::{Client, Input, PresentedCookie};
use crate::http::state::AppState;
use crate::http::surface::{Limit, Surface};
use crate::service::{ForgotOutcome, Registration};

/// The `root` route set (seeds 000 and 002): the routes anyone may call spend the client IP's budget.
pub(crate) fn surface(state: Option<&AppState>) -> Surface {
    Surface::new(state, Default::default())
        .routes(Limit::PerIp, routes!(register))
        .routes(Limit::PerIp, routes!(login))
        .routes(Limit::PerIp, routes!(forgot_password))
        .routes(Limit::None, routes!(logout))
}

/// An [`AppError`] in this set's shape: `{"error", "message", "code"}`, with the seeds'
/// sentences for the cases they document.
pub(super) struct RootError(AppError);

impl From<AppError> for RootError {
    fn from(e: AppError) -> Self {
        Self(e)
    }
}

impl IntoResponse for RootError {
    fn into_response(self) -> Response {
        let (status, sentence) = match self.0.code() {
            ErrorCode::EmailTaken | ErrorCode::UsernameTaken => {
                (StatusCode::BAD_REQUEST, "User already exists".into())
            }
            ErrorCode::InvalidEmail => (StatusCode::BAD_REQUEST, "Invalid email format".into()),
            ErrorCode::InvalidCredentials => {
                (StatusCode::UNAUTHORIZED, "Invalid username or password".into())
            }
            _ => (self.0.status(), self.0.public_message()),
        };
        let code = self.0.code();
        // Keep what the canonical response carries (Retry-After, the logged error).
        let (mut parts, _) = self.0.into_response().into_parts();
        parts.status = status;
        parts.headers.remove(axum::http::header::CONTENT_LENGTH);
        let body = json!({"error": sentence, "message": sentence, "code": code}).to_string();
        Response::from_parts(parts, axum::body::Body::from(body))
    }
}

/// The request body, its rejection (malformed, wrong type, too large, unsupported media type)
/// kept so that it too is answered in this set's error shape.
type BodyInput<T> = Result<Input<T>, AppError>;

#[derive(Deserialize, utoipa::ToSchema)]
pub(super) struct RegisterBody {
    #[schema(required = true, value_type = String, min_length = 1, pattern = "\\S")]
    username: Option<String>,
    #[schema(required = true, value_type = String, min_length = 1, pattern = "\\S")]
    email: Option<String>,
    #[schema(required = true, value_type = String, min_length = 1, pattern = "\\S", format = Password)]
    password: Option<String>,
}

#[utoipa::path(post, path = "/register", tag = "legacy root (seeds 000, 002)", request_body = RegisterBody,
    responses((status = 201, description = "`{\"message\": \"User registered successfully\"}`"),
        (status = 400, description = "`{\"error\": \"User already exists\" | \"Invalid email format\" | …, \"message\", \"code\"}`")))]
pub(super) async fn register(
    State(state): State<AppState>,
    Client(client): Client,
    input: BodyInput<RegisterBody>,
) -> Result<Response, RootError> {
    let Input(b) = input?;
    state
        .auth
        .legacy_register(
            LegacySet::Root,
            &client,
            Registration {
                email: b.email.as_deref(),
                password: b.password.as_deref(),
                username: b.username.as_deref(),
                username_required: true,
                locale: None,
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(json!({"message": "User registered successfully"})))
        .into_response())
}

/// `email` or `username`, and `password`.
#[derive(Deserialize, utoipa::ToSchema)]
pub(super) struct LoginBody {
    email: Option<String>,
    username: Option<String>,
    #[schema(required = true, value_type = String, min_length = 1, format = Password)]
    password: Option<String>,
}

#[utoipa::path(post, path = "/login", tag = "legacy root (seeds 000, 002)", request_body = LoginBody,
    responses((status = 200, description = "As `POST /api/auth/login`, with the session cookie"),
        (status = 400, description = "Missing field"),
        (status = 401, description = "`{\"error\": \"Invalid username or password\", …}`")))]
pub(super) async fn login(
    State(state): State<AppState>,
    Client(client): Client,
    PresentedCookie(presented): PresentedCookie,
    input: BodyInput<LoginBody>,
) -> Result<Response, RootError> {
    let Input(b) = input?;
    let identifier = identifier(b.email.as_deref(), b.username.as_deref());
    let out = state
        .auth
        .login(identifier, b.password.as_deref(), &client, presented.as_deref())
        .await?
        .session_only(state.auth.settings().require_mfa)?;
    Ok(login_response(state.auth.settings(), out))
}

#[utoipa::path(post, path = "/forgot-password", tag = "legacy root (seeds 000, 002)", request_body = super::EmailBody,
    responses((status = 200, description = "`{\"message\": \"Password reset instructions sent\"}`"),
        (status = 400, description = "Missing email"),
        (status = 404, description = "Unknown email, only with PORTCULLIS_REVEAL_UNKNOWN_EMAILS=true")))]
pub(super) async fn forgot_password(
    State(state): State<AppState>,
    input: BodyInput<super::EmailBody>,
) -> Result<Response, RootError> {
    let Input(b) = input?;
    let email = required(b.email, "email")?;
    let reveal = state.auth.settings().reveals_unknown_emails_on(LegacySet::Root);
    if let Some(ForgotOutcome::UnknownEmail) = start_reset(&state, email, reveal).await? {
        return Err(
            AppError::not_found(ErrorCode::UnknownEmail, "No user found with this email").into()
        );
    }
    Ok(Json(json!({"message": "Password reset instructions sent"})).into_response())
}

/// `GET /logout`: ends the cookie's session if there is one, clears the cookie, and sends the
/// browser to the login page.
#[utoipa::path(get, path = "/logout", tag = "legacy root (seeds 000, 002)",
    responses((status = 302, description = "Session ended, cookie cleared, redirect to /account/login")))]
pub(super) async fn logout(
    State(state): State<AppState>,
    Client(client): Client,
    headers: HeaderMap,
) -> Result<Response, RootError> {
    if let Some(token) =
        crate::http::cookies::value(&headers, &state.auth.settings().session_cookie)
    {
        state.auth.logout_cookie(&token, &client).await?;
    }
    let clear: HeaderValue = crate::http::cookies::clear_session(state.auth.settings());
    Ok(found("/account/login", clear))
}
