//! The `alx` route set: seed 004, the "0x03 user authentication service". Its clients compare
//! whole bodies, so the bodies documented in CONTRACTS section 3 are exact; other errors
//! follow section 1.

use axum::extract::State;
use axum::http::header::{ACCEPT, SET_COOKIE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{AppendHeaders, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;

use super::{found, required, start_reset};
use crate::error::{AppError, Result};
use crate::http::api::{clear_session_cookie, session_cookie};
use crate::http::extract::{cookie_value, Client, Input, PresentedCookie};
use crate::http::AppState;
use crate::service::{ForgotOutcome, Identifier, Registration};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(index))
        .route("/users", post(users))
        .route("/sessions", post(login).delete(logout))
        .route("/profile", get(profile))
        .route("/reset_password", post(get_reset_token).put(update_password))
}

fn forbidden() -> AppError {
    AppError::forbidden("forbidden", "Forbidden")
}

/// `{"message": "Bienvenue"}`; a browser (preferring HTML) goes to the account pages.
async fn index(headers: HeaderMap) -> Response {
    let wants_html = headers
        .get(ACCEPT)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .is_some_and(|first| first.trim().starts_with("text/html"));
    if wants_html {
        return Redirect::to("/account/").into_response();
    }
    Json(json!({"message": "Bienvenue"})).into_response()
}

#[derive(Deserialize)]
struct Credentials {
    email: Option<String>,
    password: Option<String>,
}

async fn users(State(state): State<AppState>, Input(b): Input<Credentials>) -> Result<Response> {
    let registered = state
        .auth
        .register(Registration {
            email: b.email.as_deref(),
            password: b.password.as_deref(),
            username: None,
            username_required: false,
        })
        .await;
    match registered {
        Ok(_) => Ok(Json(json!({"email": b.email, "message": "user created"})).into_response()),
        Err(e) if e.code() == "email_taken" => {
            Ok((StatusCode::BAD_REQUEST, Json(json!({"message": "email already registered"})))
                .into_response())
        }
        Err(e) => Err(e),
    }
}

async fn login(
    State(state): State<AppState>,
    Client(client): Client,
    PresentedCookie(presented): PresentedCookie,
    Input(b): Input<Credentials>,
) -> Result<Response> {
    let identifier = b.email.as_deref().filter(|e| !e.trim().is_empty()).map(Identifier::Email);
    let out =
        state.auth.login(identifier, b.password.as_deref(), &client, presented.as_deref()).await?;
    let cookie = session_cookie(&state.auth.settings, &out.session_token);
    let body = Json(json!({"email": b.email, "message": "logged in"}));
    Ok((AppendHeaders([(SET_COOKIE, cookie)]), body).into_response())
}

/// `DELETE /sessions`: the cookie's session ends and the client goes to `/`; `403` without a
/// live session.
async fn logout(
    State(state): State<AppState>,
    Client(client): Client,
    headers: HeaderMap,
) -> Result<Response> {
    let token =
        cookie_value(&headers, &state.auth.settings.session_cookie).ok_or_else(forbidden)?;
    if !state.auth.logout_cookie(&token, &client).await? {
        return Err(forbidden());
    }
    Ok(found("/", clear_session_cookie(&state.auth.settings)))
}

async fn profile(State(state): State<AppState>, headers: HeaderMap) -> Result<Response> {
    let token =
        cookie_value(&headers, &state.auth.settings.session_cookie).ok_or_else(forbidden)?;
    let auth = state.auth.authenticate_cookie(&token).await.map_err(|e| match e {
        AppError::Unauthorized { .. } => forbidden(),
        other => other,
    })?;
    Ok(Json(json!({"email": auth.user.email})).into_response())
}

#[derive(Deserialize)]
struct EmailBody {
    email: Option<String>,
}

/// `POST /reset_password`: the token is mailed; dev mode also returns it. An unknown address
/// gets the same answer unless `PORTCULLIS_REVEAL_UNKNOWN_EMAILS` (then `403`, as the seed).
async fn get_reset_token(
    State(state): State<AppState>,
    Input(b): Input<EmailBody>,
) -> Result<Response> {
    let email = required(b.email, "email")?;
    let settings = &state.auth.settings;
    let wait = settings.dev || settings.reveal_unknown_emails;
    match start_reset(&state, email.clone(), wait).await? {
        Some(ForgotOutcome::UnknownEmail) if settings.reveal_unknown_emails => Err(forbidden()),
        Some(ForgotOutcome::Sent { token }) if settings.dev => {
            Ok(Json(json!({"email": email, "reset_token": token})).into_response())
        }
        // Dev mode answers an unknown address with a token of the same shape that works
        // nowhere, so even dev answers do not tell which addresses exist.
        Some(ForgotOutcome::UnknownEmail) if settings.dev => {
            let decoy = crate::auth::OpaqueToken::generate().plain;
            Ok(Json(json!({"email": email, "reset_token": decoy})).into_response())
        }
        _ => Ok(Json(json!({"email": email, "message": "Password reset instructions sent"}))
            .into_response()),
    }
}

#[derive(Deserialize)]
struct UpdatePassword {
    email: Option<String>,
    reset_token: Option<String>,
    new_password: Option<String>,
}

/// `PUT /reset_password`: `403` for a missing, wrong, spent or other user's token.
async fn update_password(
    State(state): State<AppState>,
    Client(client): Client,
    Input(b): Input<UpdatePassword>,
) -> Result<Response> {
    let email = required(b.email, "email")?;
    let token = b.reset_token.filter(|t| !t.trim().is_empty()).ok_or_else(forbidden)?;
    state
        .auth
        .reset_password_for(Some(&email), Some(&token), b.new_password.as_deref(), &client)
        .await
        .map_err(|e| if e.code() == "invalid_token" { forbidden() } else { e })?;
    Ok(Json(json!({"email": email, "message": "Password updated"})).into_response())
}
