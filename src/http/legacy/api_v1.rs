//! The `api-v1` route set: seed 001 (`/api/v1/register`, `/session`, `/logout`,
//! `/reset_password`, `/update_password`).

use axum::extract::State;
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{AppendHeaders, IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;

use super::{required, reset_token_answer};
use crate::error::{AppError, Result};
use crate::http::api::clear_session_cookie;
use crate::http::extract::{cookie_value, Client, Input};
use crate::http::AppState;
use crate::service::Registration;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/register", post(register))
        .route("/api/v1/session", post(super::cookie_login))
        .route("/api/v1/logout", post(logout))
        .route("/api/v1/reset_password", post(reset_password))
        .route("/api/v1/update_password", post(update_password))
}

/// `201`; missing fields and a taken address are `400`, as the seed documents.
async fn register(
    State(state): State<AppState>,
    Input(b): Input<super::Credentials>,
) -> Result<Response> {
    state
        .auth
        .register(Registration {
            email: b.email.as_deref(),
            password: b.password.as_deref(),
            username: None,
            username_required: false,
        })
        .await
        .map_err(|e| match e {
            AppError::Conflict { code, message } => AppError::BadRequest { code, message },
            other => other,
        })?;
    Ok((StatusCode::CREATED, Json(json!({"email": b.email, "message": "user created"})))
        .into_response())
}

/// `200`, the session revoked and the cookie deleted; `401` without a live session.
async fn logout(
    State(state): State<AppState>,
    Client(client): Client,
    headers: HeaderMap,
) -> Result<Response> {
    let token = cookie_value(&headers, &state.auth.settings.session_cookie)
        .ok_or_else(AppError::unauthenticated)?;
    if !state.auth.logout_cookie(&token, &client).await? {
        return Err(AppError::unauthenticated());
    }
    let clear = clear_session_cookie(&state.auth.settings);
    Ok((AppendHeaders([(SET_COOKIE, clear)]), Json(json!({"message": "Logged out"})))
        .into_response())
}

#[derive(Deserialize)]
struct EmailBody {
    email: Option<String>,
}

async fn reset_password(
    State(state): State<AppState>,
    Input(b): Input<EmailBody>,
) -> Result<Response> {
    let email = required(b.email, "email")?;
    reset_token_answer(
        &state,
        email,
        AppError::not_found("unknown_email", "No user found with this email"),
    )
    .await
}

#[derive(Deserialize)]
struct UpdatePassword {
    reset_token: Option<String>,
    new_password: Option<String>,
}

/// `200`; an invalid token is `400`.
async fn update_password(
    State(state): State<AppState>,
    Client(client): Client,
    Input(b): Input<UpdatePassword>,
) -> Result<Response> {
    state
        .auth
        .reset_password_for(None, b.reset_token.as_deref(), b.new_password.as_deref(), &client)
        .await?;
    Ok(Json(json!({"message": "Password updated"})).into_response())
}
