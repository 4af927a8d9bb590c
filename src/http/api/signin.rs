//! The other ways in under `/api/auth`: a link or code mailed to the address
//! (`/email-login`), and external identity providers (`/oauth/{provider}/…`, `/identities`).
//! Each ends in the normal login answer (or its second step).

use axum::extract::State;
use axum::response::Response;
use axum::Json;
use serde::Deserialize;
use utoipa::ToSchema;

use super::session::step_response;
use super::types::{EmailRequest, MessageResponse};
use crate::error::{AppError, ErrorBody, Result};
use crate::http::extract::{Client, Input, PresentedCookie};
use crate::http::AppState;

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
    crate::http::after_response(
        "email-login",
        async move { auth.request_email_login(&email).await },
    );
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
