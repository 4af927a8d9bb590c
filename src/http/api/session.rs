//! Session routes: login, refresh, logout, list and revoke sessions.

use axum::extract::State;
use axum::http::header::SET_COOKIE;
use axum::response::{AppendHeaders, IntoResponse, Response};
use axum::Json;

use super::types::*;
use crate::error::{ErrorBody, Result};
use crate::http::answers::{identifier, step_response, LoginResponse, MessageResponse};
use crate::http::extract::{Client, CurrentSession, Input, Path, PresentedCookie};
use crate::http::state::AppState;

/// Log in with `email` or `username` and `password`. Sets the session cookie and returns an
/// access token and a refresh token. Every login opens a new session.
#[utoipa::path(post, path = "/api/auth/login", tag = "auth", request_body = LoginRequest,
    responses(
        (status = 200, description = "Logged in (`LoginResponse`, with the session cookie), or, for an account with a second factor, `SecondFactorResponse` with no session and no cookie: finish with `POST /api/auth/mfa/verify`", body = LoginResponse, headers(("set-cookie" = String, description = "session_id=… (`__Host-session_id` on https); HttpOnly; SameSite=Lax; Path=/"))),
        (status = 400, description = "Missing field, or an email over 320 bytes / a username over 32 characters", body = ErrorBody),
        (status = 429, description = "Too many failures for this account or identifier, or from this client", body = ErrorBody),
        (status = 401, description = "Invalid email or password; or email not verified (when required)", body = ErrorBody),
        (status = 503, description = "Password hashing queue full", body = ErrorBody),
    ))]
pub async fn login(
    State(state): State<AppState>,
    Client(client): Client,
    PresentedCookie(presented): PresentedCookie,
    Input(req): Input<LoginRequest>,
) -> Result<Response> {
    let identifier = identifier(req.email.as_deref(), req.username.as_deref());
    let step = state
        .auth
        .login(identifier, req.password.as_deref(), &client, presented.as_deref())
        .await?;
    Ok(step_response(state.auth.settings(), step))
}

/// Exchange a refresh token for a new access token and a new refresh token. The old refresh
/// token is spent; presenting it again after the grace period revokes the session.
#[utoipa::path(post, path = "/api/auth/refresh", tag = "auth", request_body = RefreshRequest,
    responses((status = 200, body = RefreshResponse), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn refresh(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    Input(req): Input<RefreshRequest>,
) -> Result<Json<RefreshResponse>> {
    // An optional DPoP proof (RFC 9449) opts the session into DPoP-bound tokens.
    let mut proofs = headers.get_all("dpop").iter();
    let dpop = proofs.next().map(|v| v.to_str().unwrap_or_default());
    if proofs.next().is_some() {
        return Err(crate::error::AppError::bad_request(
            crate::error::ErrorCode::InvalidRefreshToken,
            "Send one DPoP header",
        ));
    }
    let t = state.auth.refresh(req.refresh_token.as_deref(), dpop).await?;
    Ok(Json(RefreshResponse {
        access_token: t.access_token,
        token_type: if t.dpop_bound { "DPoP" } else { "Bearer" }.into(),
        expires_in: t.expires_in,
        refresh_token: t.refresh_token,
    }))
}

/// End this session: the cookie and every access token of the session stop working.
#[utoipa::path(post, path = "/api/auth/logout", tag = "auth",
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = MessageResponse), (status = 401, body = ErrorBody)))]
pub async fn logout(
    State(state): State<AppState>,
    CurrentSession(auth): CurrentSession,
) -> Result<Response> {
    state.auth.logout(&auth).await?;
    let clear = crate::http::cookies::clear_session(state.auth.settings());
    Ok((AppendHeaders([(SET_COOKIE, clear)]), Json(MessageResponse::new("Logged out")))
        .into_response())
}

/// The live sessions of the authenticated user.
#[utoipa::path(get, path = "/api/auth/sessions", tag = "auth",
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = SessionsResponse), (status = 401, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentSession(auth): CurrentSession,
) -> Result<Json<SessionsResponse>> {
    let sessions = state.auth.sessions(&auth).await?;
    Ok(Json(SessionsResponse {
        sessions: sessions.iter().map(|s| SessionView::new(s, s.id == auth.session.id)).collect(),
    }))
}

/// Revoke one of your sessions.
#[utoipa::path(delete, path = "/api/auth/sessions/{id}", tag = "auth",
    params(("id" = String, Path, description = "Session id from GET /api/auth/sessions")),
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = MessageResponse), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn revoke_one(
    State(state): State<AppState>,
    CurrentSession(auth): CurrentSession,
    Path(id): Path<String>,
) -> Result<Json<MessageResponse>> {
    state.auth.revoke_session(&auth, &id).await?;
    Ok(Json(MessageResponse::new("Session revoked")))
}

/// Revoke every session but this one.
#[utoipa::path(delete, path = "/api/auth/sessions", tag = "auth",
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = RevokedResponse), (status = 401, body = ErrorBody)))]
pub async fn revoke_others(
    State(state): State<AppState>,
    CurrentSession(auth): CurrentSession,
) -> Result<Json<RevokedResponse>> {
    let revoked = state.auth.revoke_other_sessions(&auth).await?;
    Ok(Json(RevokedResponse { message: "Other sessions revoked".into(), revoked }))
}
