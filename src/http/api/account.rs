//! Account routes: register, verify, resend, forgot, reset, user, change password.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

use super::types::*;
use crate::error::{ErrorBody, Result};
use crate::http::answers::{MessageResponse, UserView};
use crate::http::extract::{Client, CurrentSession, Input, Query};
use crate::http::state::AppState;
use crate::service::{Declined, ProfileUpdate, Registration};

const FORGOT_MESSAGE: &str = "If your email is registered, you will receive a password reset link";
const RESEND_MESSAGE: &str =
    "If your email is registered and not yet verified, you will receive a new verification link";

/// Create an account; a verification email is sent.
#[utoipa::path(post, path = "/api/auth/register", tag = "auth", request_body = RegisterRequest,
    responses(
        (status = 201, body = RegisterResponse),
        (status = 400, description = "Missing field, invalid email or username, password policy", body = ErrorBody),
        (status = 409, description = "Email already registered, or username taken", body = ErrorBody),
        (status = 503, description = "Password hashing queue full", body = ErrorBody),
    ))]
pub async fn register(
    State(state): State<AppState>,
    Client(client): Client,
    headers: axum::http::HeaderMap,
    Input(req): Input<RegisterRequest>,
) -> Result<(StatusCode, Json<RegisterResponse>)> {
    // The account's language: the first of `Accept-Language` a catalogue matches, if any.
    let cats = state.auth.mailer().catalogues();
    let accept = headers.get(axum::http::header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    let locale = accept
        .map(crate::i18n::negotiate::accept_language)
        .unwrap_or_default()
        .iter()
        .find_map(|t| cats.resolve(t))
        .map(str::to_owned);
    let user = state
        .auth
        .register(
            &client,
            Registration {
                email: req.email.as_deref(),
                password: req.password.as_deref(),
                username: req.username.as_deref(),
                username_required: false,
                locale: locale.as_deref(),
            },
        )
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(RegisterResponse {
            message:
                "User registered successfully. Please check your email to verify your account."
                    .into(),
            user: UserView::from(&user),
        }),
    ))
}

/// Verify an email address with the token from the verification email.
#[utoipa::path(post, path = "/api/auth/verify-email", tag = "auth", request_body = TokenRequest,
    responses(
        (status = 200, body = MessageResponse),
        (status = 400, description = "Invalid or expired token", body = ErrorBody),
        (status = 409, description = "An email change whose new address was registered meanwhile", body = ErrorBody),
    ))]
pub async fn verify_email(
    State(state): State<AppState>,
    Client(client): Client,
    Input(req): Input<TokenRequest>,
) -> Result<Json<MessageResponse>> {
    state.auth.verify_email(req.token.as_deref(), &client).await?;
    Ok(Json(MessageResponse::new("Email verified successfully")))
}

/// Verify an email address from a link.
#[utoipa::path(get, path = "/api/auth/verify-email-link", tag = "auth", params(TokenQuery),
    responses(
        (status = 200, body = MessageResponse),
        (status = 400, description = "Invalid or expired token", body = ErrorBody),
        (status = 409, description = "An email change whose new address was registered meanwhile", body = ErrorBody),
    ))]
pub async fn verify_email_link(
    State(state): State<AppState>,
    Client(client): Client,
    Query(q): Query<TokenQuery>,
) -> Result<Json<MessageResponse>> {
    state.auth.verify_email(q.token.as_deref(), &client).await?;
    Ok(Json(MessageResponse::new("Email verified successfully. You can now log in.")))
}

/// "I did not create this account": the verification mail's other answer, for whoever
/// receives a mail they did not ask for. With the token of a new account's link, that account
/// (never confirmed) is deleted with its sessions, so nobody can keep using it in the
/// address owner's name; with the token of an email change to this address, the change is
/// cancelled. The token is spent either way.
#[utoipa::path(post, path = "/api/auth/verify-email/decline", tag = "auth", request_body = TokenRequest,
    responses(
        (status = 200, body = MessageResponse),
        (status = 400, description = "Invalid, expired or spent token, or an account whose address is confirmed already (`invalid_token`)", body = ErrorBody),
    ))]
pub async fn decline_verification(
    State(state): State<AppState>,
    Client(client): Client,
    Input(req): Input<TokenRequest>,
) -> Result<Json<MessageResponse>> {
    let message = match state.auth.decline_verification(req.token.as_deref(), &client).await? {
        Declined::AccountRemoved => "The account registered with your address has been removed",
        Declined::ChangeCancelled => "The change of address to yours has been cancelled",
    };
    Ok(Json(MessageResponse::new(message)))
}

/// Send a new verification email. Answers the same whether or not the address is registered.
#[utoipa::path(post, path = "/api/auth/resend-verification", tag = "auth", request_body = EmailRequest,
    responses((status = 200, body = MessageResponse), (status = 400, body = ErrorBody)))]
pub async fn resend_verification(
    State(state): State<AppState>,
    Input(req): Input<EmailRequest>,
) -> Result<Json<MessageResponse>> {
    let email = required(req.email, "email")?;
    // Detached so that known and unknown addresses answer in the same time.
    let auth = state.auth.clone();
    crate::http::state::after_response("resend-verification", async move {
        auth.resend_verification(&email).await
    });
    Ok(Json(MessageResponse::new(RESEND_MESSAGE)))
}

/// Ask for a password reset link. Same body and timing for unknown addresses.
#[utoipa::path(post, path = "/api/auth/forgot-password", tag = "auth", request_body = EmailRequest,
    responses((status = 200, body = MessageResponse), (status = 400, description = "Missing email", body = ErrorBody)))]
pub async fn forgot_password(
    State(state): State<AppState>,
    Input(req): Input<EmailRequest>,
) -> Result<Json<MessageResponse>> {
    let email = required(req.email, "email")?;
    // Detached: the response never waits on the lookup, token and outbox writes, so its
    // timing cannot tell a registered address from an unknown one.
    let auth = state.auth.clone();
    crate::http::state::after_response("forgot-password", async move {
        auth.forgot_password(&email).await.map(|_| ())
    });
    Ok(Json(MessageResponse::new(FORGOT_MESSAGE)))
}

/// Set a new password with the token from the reset email. Every session is revoked.
#[utoipa::path(post, path = "/api/auth/reset-password", tag = "auth", request_body = ResetPasswordRequest,
    responses(
        (status = 200, body = MessageResponse),
        (status = 400, description = "Invalid, expired or spent token; password policy", body = ErrorBody),
    ))]
pub async fn reset_password(
    State(state): State<AppState>,
    Client(client): Client,
    Input(req): Input<ResetPasswordRequest>,
) -> Result<Json<MessageResponse>> {
    state.auth.reset_password(req.token.as_deref(), req.new_password.as_deref(), &client).await?;
    Ok(Json(MessageResponse::new("Password reset successful")))
}

/// The authenticated user.
#[utoipa::path(get, path = "/api/auth/user", tag = "auth",
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = CurrentUserResponse), (status = 401, body = ErrorBody)))]
pub async fn get_user(
    State(state): State<AppState>,
    CurrentSession(auth): CurrentSession,
) -> Result<Json<CurrentUserResponse>> {
    let f = state.auth.factors(&auth).await?;
    let factors = FactorsView { totp: f.totp, recovery_codes_left: f.recovery_codes_left };
    let locale = auth.user.locale.clone();
    Ok(Json(CurrentUserResponse { user: UserView::from(&auth.user), locale, factors }))
}

/// Change username, email and/or language (`locale`). An email change needs `current_password` (which spends the
/// login failure budget) and takes effect only when the link mailed to the new address is
/// followed: until then the answer shows the old address, which still logs in.
#[utoipa::path(patch, path = "/api/auth/user", tag = "auth", request_body = UpdateUserRequest,
    security(("bearer" = []), ("session_cookie" = [])),
    responses(
        (status = 200, body = UserResponse),
        (status = 400, description = "Missing field, invalid email or username, or a `locale` no language matches (`invalid_field`)", body = ErrorBody), (status = 401, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 429, description = "Too many wrong passwords, or too many email changes of this account or to this address", body = ErrorBody),
    ))]
pub async fn update_user(
    State(state): State<AppState>,
    CurrentSession(auth): CurrentSession,
    Input(req): Input<UpdateUserRequest>,
) -> Result<Json<UserResponse>> {
    // The language is checked before anything changes, and set after the rest succeeded.
    let locale = req.locale.as_deref().map(str::trim);
    let cats = state.auth.mailer().catalogues();
    if locale.is_some_and(|l| !l.is_empty() && cats.resolve(l).is_none()) {
        return Err(crate::error::AppError::bad_request(
            crate::error::ErrorCode::InvalidField,
            "locale: no such language here",
        ));
    }
    let mut user = if locale.is_some() && req.username.is_none() && req.email.is_none() {
        auth.user.clone()
    } else {
        let update = ProfileUpdate {
            username: req.username.as_deref(),
            email: req.email.as_deref(),
            current_password: req.current_password.as_deref(),
        };
        state.auth.update_profile(&auth, update).await?
    };
    user.locale = match locale {
        Some(l) => state.auth.set_locale(&auth, Some(l)).await?,
        None => auth.user.locale.clone(),
    };
    let locale = user.locale.clone();
    Ok(Json(UserResponse { user: UserView::from(&user), locale }))
}

/// Delete the account (password required; it spends the login failure budget) and all its
/// sessions.
#[utoipa::path(delete, path = "/api/auth/user", tag = "auth", request_body = DeleteUserRequest,
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = MessageResponse), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 409, description = "The only owner of an organisation others belong to (`last_owner`)", body = ErrorBody),
        (status = 429, description = "Too many wrong passwords", body = ErrorBody)))]
pub async fn delete_user(
    State(state): State<AppState>,
    CurrentSession(auth): CurrentSession,
    Input(req): Input<DeleteUserRequest>,
) -> Result<Json<MessageResponse>> {
    state.auth.delete_account(&auth, req.password.as_deref()).await?;
    Ok(Json(MessageResponse::new("Account deleted")))
}

/// Change the password. Other sessions are revoked; this one is kept; outstanding reset links
/// die. A notification is mailed. A wrong `current_password` spends the login failure budget.
#[utoipa::path(post, path = "/api/auth/change-password", tag = "auth", request_body = ChangePasswordRequest,
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = MessageResponse), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 429, description = "Too many wrong passwords", body = ErrorBody)))]
pub async fn change_password(
    State(state): State<AppState>,
    CurrentSession(auth): CurrentSession,
    Input(req): Input<ChangePasswordRequest>,
) -> Result<Json<MessageResponse>> {
    state
        .auth
        .change_password(&auth, req.current_password.as_deref(), req.new_password.as_deref())
        .await?;
    Ok(Json(MessageResponse::new("Password changed")))
}

fn required(v: Option<String>, field: &str) -> Result<String> {
    v.map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .ok_or_else(|| crate::error::AppError::missing(field))
}
