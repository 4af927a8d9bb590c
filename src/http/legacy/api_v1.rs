//! The `api-v1` route set: seed 001 (`/api/v1/register`, `/session`, `/logout`,
//! `/reset_password`, `/update_password`).

use axum::extract::State;
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{AppendHeaders, IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;
use utoipa_axum::routes;

use super::{required, reset_token_answer};
use crate::config::compat::LegacySet;
use crate::error::{AppError, ErrorCode, Result};
use crate::http::extract::{Client, Input};
use crate::http::state::AppState;
use crate::http::surface::{Limit, Surface};
use crate::service::Registration;

/// The `api-v1` route set (seed 001): the routes anyone may call spend the client IP's budget.
pub(crate) fn surface(state: Option<&AppState>) -> Surface {
    Surface::new(state, Default::default())
        .routes(Limit::PerIp, routes!(register))
        .routes(Limit::PerIp, routes!(session))
        // Logout needs no session to answer (it clears whatever cookie it is sent), so it is
        // limited like the rest.
        .routes(Limit::PerIp, routes!(logout))
        .routes(Limit::PerIp, routes!(reset_password))
        .routes(Limit::PerIp, routes!(update_password))
}

/// `201`; missing fields and a taken address are `400`, as the seed documents.
#[utoipa::path(post, path = "/api/v1/register", tag = "legacy api-v1 (seed 001)", request_body = super::Credentials,
    responses((status = 201, description = "`{\"email\", \"message\": \"user created\"}`"), (status = 400, description = "Missing field, or email taken")))]
pub(super) async fn register(
    State(state): State<AppState>,
    Client(client): Client,
    Input(b): Input<super::Credentials>,
) -> Result<Response> {
    state
        .auth
        .legacy_register(
            LegacySet::ApiV1,
            &client,
            Registration {
                email: b.email.as_deref(),
                password: b.password.as_deref(),
                username: None,
                username_required: false,
                locale: None,
            },
        )
        .await
        .map_err(|e| match e {
            AppError::Conflict { code, message } => AppError::BadRequest { code, message },
            other => other,
        })?;
    Ok((StatusCode::CREATED, Json(json!({"email": b.email, "message": "user created"})))
        .into_response())
}

/// `200`, the session revoked and the cookie deleted; `401` without a live session.
#[utoipa::path(post, path = "/api/v1/session", tag = "legacy api-v1 (seed 001)", request_body = super::Credentials,
    responses((status = 200, description = "`{\"email\", \"message\": \"logged in\"}` and the session cookie"),
        (status = 400, description = "Missing field"), (status = 401, description = "Bad credentials")))]
pub(super) async fn session(
    state: State<AppState>,
    client: Client,
    presented: crate::http::extract::PresentedCookie,
    body: Input<super::Credentials>,
) -> Result<Response> {
    super::cookie_login(state, client, presented, body).await
}

#[utoipa::path(post, path = "/api/v1/logout", tag = "legacy api-v1 (seed 001)",
    responses((status = 200, description = "Session revoked, cookie deleted"), (status = 401, description = "No live session")))]
pub(super) async fn logout(
    State(state): State<AppState>,
    Client(client): Client,
    headers: HeaderMap,
) -> Result<Response> {
    let token = crate::http::cookies::value(&headers, &state.auth.settings().session_cookie)
        .ok_or_else(AppError::unauthenticated)?;
    if !state.auth.logout_cookie(&token, &client).await? {
        return Err(AppError::unauthenticated());
    }
    let clear = crate::http::cookies::clear_session(state.auth.settings());
    Ok((AppendHeaders([(SET_COOKIE, clear)]), Json(json!({"message": "Logged out"})))
        .into_response())
}

#[utoipa::path(post, path = "/api/v1/reset_password", tag = "legacy api-v1 (seed 001)", request_body = super::EmailBody,
    responses((status = 200, description = "`{\"email\", \"reset_token\"}` in dev mode, else `{\"email\", \"message\"}`"),
        (status = 404, description = "Unknown email, only with PORTCULLIS_REVEAL_UNKNOWN_EMAILS=true")))]
pub(super) async fn reset_password(
    State(state): State<AppState>,
    Input(b): Input<super::EmailBody>,
) -> Result<Response> {
    let email = required(b.email, "email")?;
    reset_token_answer(
        &state,
        LegacySet::ApiV1,
        email,
        AppError::not_found(ErrorCode::UnknownEmail, "No user found with this email"),
    )
    .await
}

#[derive(Deserialize, utoipa::ToSchema)]
#[schema(as = ApiV1UpdatePassword)]
pub(super) struct UpdatePassword {
    #[schema(required = true, value_type = String, min_length = 1, pattern = "\\S")]
    reset_token: Option<String>,
    #[schema(required = true, value_type = String, min_length = 1, pattern = "\\S", format = Password)]
    new_password: Option<String>,
}

/// `200`; an invalid token is `400`.
#[utoipa::path(post, path = "/api/v1/update_password", tag = "legacy api-v1 (seed 001)", request_body = UpdatePassword,
    responses((status = 200, description = "`{\"message\": \"Password updated\"}`"), (status = 400, description = "Invalid token or password policy")))]
pub(super) async fn update_password(
    State(state): State<AppState>,
    Client(client): Client,
    Input(b): Input<UpdatePassword>,
) -> Result<Response> {
    state
        .auth
        .legacy_reset_password(
            LegacySet::ApiV1,
            None,
            b.reset_token.as_deref(),
            b.new_password.as_deref(),
            &client,
        )
        .await?;
    Ok(Json(json!({"message": "Password updated"})).into_response())
}
