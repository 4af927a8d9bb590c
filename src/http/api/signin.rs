//! The other ways in under `/api/auth`: a link or code mailed to the address
//! (`/email-login`), ending in the normal login answer (or its second step); and the linked
//! external identities (`/identities`). The provider's browser routes (`/oauth/{provider}/…`)
//! are the pages' (`http::pages::oauth`).

use axum::extract::State;
use axum::response::Response;
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::mfa::FreshRequest;
use super::types::EmailRequest;
use crate::error::{AppError, ErrorBody, Result};
use crate::http::answers::step_response;
use crate::http::answers::MessageResponse;
use crate::http::extract::{Client, CurrentSession, Input, Path, PresentedCookie};
use crate::http::state::AppState;

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
    responses((status = 200, description = "`LoginResponse`, or `SecondFactorResponse` for an account with a second factor", body = crate::http::answers::LoginResponse),
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
    Ok(step_response(state.auth.settings(), step))
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
