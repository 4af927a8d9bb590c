//! The `alx` route set: seed 004, the "0x03 user authentication service". Its clients compare
//! whole bodies, so the bodies documented in CONTRACTS section 3 are exact; other errors
//! follow section 1.

use axum::extract::State;
use axum::http::header::ACCEPT;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;
use utoipa_axum::routes;

use super::{found, required, reset_token_answer};
use crate::config::compat::LegacySet;
use crate::error::{AppError, ErrorCode, Result};
use crate::http::extract::{Client, Input};
use crate::http::state::AppState;
use crate::http::surface::{Limit, Surface};
use crate::service::Registration;

/// The `alx` route set (seed 004): the routes anyone may call spend the client IP's budget.
pub(crate) fn surface(state: Option<&AppState>) -> Surface {
    Surface::new(state, Default::default())
        .routes(Limit::None, routes!(index))
        .routes(Limit::PerIp, routes!(users))
        .routes(Limit::PerIp, routes!(super::cookie_login))
        .routes(Limit::None, routes!(logout))
        .routes(Limit::None, routes!(profile))
        .routes(Limit::PerIp, routes!(get_reset_token, update_password))
        .layer(axum::middleware::from_fn(werkzeug_reasons))
}

/// Seed 004 ran on Werkzeug, whose status lines carry upper-case reason phrases
/// (`401 UNAUTHORIZED`), and some of its clients compare them. A layer of this surface over
/// all its routes, so refusals made before a handler (`429`, `403`, `405`) get them too.
async fn werkzeug_reasons(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let mut res = next.run(req).await;
    let status = res.status();
    let reason = match status.as_u16() {
        413 => Some("REQUEST ENTITY TOO LARGE".to_owned()),
        _ => status.canonical_reason().map(str::to_ascii_uppercase),
    };
    if let Some(phrase) = reason.and_then(|r| hyper::ext::ReasonPhrase::try_from(r).ok()) {
        res.extensions_mut().insert(phrase);
    }
    res
}

fn forbidden() -> AppError {
    AppError::forbidden(ErrorCode::Forbidden, "Forbidden")
}

/// `{"message": "Bienvenue"}`; a browser (preferring HTML) goes to the account pages.
#[utoipa::path(get, path = "/", tag = "legacy alx (seed 004)",
    responses((status = 200, description = "`{\"message\": \"Bienvenue\"}`"), (status = 303, description = "Browsers go to /account/")))]
pub(super) async fn index(State(state): State<AppState>, headers: HeaderMap) -> Response {
    // Only when the pages are served: otherwise the redirect would lead to a 404.
    let wants_html = state.auth.settings().pages
        && headers
            .get(ACCEPT)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .is_some_and(|first| first.trim().starts_with("text/html"));
    if wants_html {
        return Redirect::to("/account/").into_response();
    }
    Json(json!({"message": "Bienvenue"})).into_response()
}

#[utoipa::path(post, path = "/users", tag = "legacy alx (seed 004)", request_body = super::Credentials,
    responses((status = 200, description = "`{\"email\", \"message\": \"user created\"}`"),
        (status = 400, description = "`{\"message\": \"email already registered\"}`, or a section 1 error")))]
pub(super) async fn users(
    State(state): State<AppState>,
    Client(client): Client,
    Input(b): Input<super::Credentials>,
) -> Result<Response> {
    let registered = state
        .auth
        .legacy_register(
            LegacySet::Alx,
            &client,
            Registration {
                email: b.email.as_deref(),
                password: b.password.as_deref(),
                username: None,
                username_required: false,
                locale: None,
            },
        )
        .await;
    match registered {
        Ok(_) => Ok(Json(json!({"email": b.email, "message": "user created"})).into_response()),
        Err(e) if e.code() == ErrorCode::EmailTaken => {
            Ok((StatusCode::BAD_REQUEST, Json(json!({"message": "email already registered"})))
                .into_response())
        }
        Err(e) => Err(e),
    }
}

/// `DELETE /sessions`: the cookie's session ends and the client goes to `/`; `403` without a
/// live session.
#[utoipa::path(delete, path = "/sessions", tag = "legacy alx (seed 004)",
    security(("session_cookie" = [])),
    responses((status = 302, description = "Session ended, redirect to /"), (status = 403, description = "No live session")))]
pub(super) async fn logout(
    State(state): State<AppState>,
    Client(client): Client,
    headers: HeaderMap,
) -> Result<Response> {
    let token = crate::http::cookies::value(&headers, &state.auth.settings().session_cookie)
        .ok_or_else(forbidden)?;
    if !state.auth.logout_cookie(&token, &client).await? {
        return Err(forbidden());
    }
    Ok(found("/", crate::http::cookies::clear_session(state.auth.settings())))
}

#[utoipa::path(get, path = "/profile", tag = "legacy alx (seed 004)",
    responses((status = 200, description = "`{\"email\"}`"), (status = 403, description = "No live session")))]
pub(super) async fn profile(State(state): State<AppState>, headers: HeaderMap) -> Result<Response> {
    let token = crate::http::cookies::value(&headers, &state.auth.settings().session_cookie)
        .ok_or_else(forbidden)?;
    let access = crate::service::Access::Read;
    let auth = state.auth.authenticate_cookie(&token, access).await.map_err(|e| match e {
        AppError::Unauthorized { .. } => forbidden(),
        other => other,
    })?;
    // PORTCULLIS_REQUIRE_MFA: a session that must still enrol a second factor reaches only
    // the enrolment; this set knows none.
    if state.auth.must_enrol(&auth) {
        return Err(forbidden());
    }
    Ok(Json(json!({"email": auth.user.email})).into_response())
}

/// `POST /reset_password`: the token is mailed; dev mode also returns it. An unknown address
/// gets the same answer unless `PORTCULLIS_REVEAL_UNKNOWN_EMAILS` (then `403`, as the seed).
#[utoipa::path(post, path = "/reset_password", tag = "legacy alx (seed 004)", request_body = super::EmailBody,
    responses((status = 200, description = "`{\"email\", \"reset_token\"}` in dev mode, else `{\"email\", \"message\"}`"),
        (status = 403, description = "Unknown email, only with PORTCULLIS_REVEAL_UNKNOWN_EMAILS=true")))]
pub(super) async fn get_reset_token(
    State(state): State<AppState>,
    Input(b): Input<super::EmailBody>,
) -> Result<Response> {
    let email = required(b.email, "email")?;
    reset_token_answer(&state, LegacySet::Alx, email, forbidden()).await
}

#[derive(Deserialize, utoipa::ToSchema)]
#[schema(as = AlxUpdatePassword)]
pub(super) struct UpdatePassword {
    #[schema(required = true, value_type = String, min_length = 1, pattern = "\\S")]
    email: Option<String>,
    #[schema(required = true, value_type = String, min_length = 1, pattern = "\\S")]
    reset_token: Option<String>,
    #[schema(required = true, value_type = String, min_length = 1, pattern = "\\S", format = Password)]
    new_password: Option<String>,
}

/// `PUT /reset_password`: `403` for a missing, wrong, spent or other user's token.
#[utoipa::path(put, path = "/reset_password", tag = "legacy alx (seed 004)", request_body = UpdatePassword,
    responses((status = 200, description = "`{\"email\", \"message\": \"Password updated\"}`"),
        (status = 400, description = "Password policy"), (status = 403, description = "Missing, wrong, spent or another user's token")))]
pub(super) async fn update_password(
    State(state): State<AppState>,
    Client(client): Client,
    Input(b): Input<UpdatePassword>,
) -> Result<Response> {
    let email = required(b.email, "email")?;
    let token = b.reset_token.filter(|t| !t.trim().is_empty()).ok_or_else(forbidden)?;
    state
        .auth
        .legacy_reset_password(
            LegacySet::Alx,
            Some(&email),
            Some(&token),
            b.new_password.as_deref(),
            &client,
        )
        .await
        .map_err(|e| if e.code() == ErrorCode::InvalidToken { forbidden() } else { e })?;
    Ok(Json(json!({"email": email, "message": "Password updated"})).into_response())
}
