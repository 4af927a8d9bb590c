//! Passkey routes under `/api/auth/passkeys`: register (signed in, step-up), list, rename,
//! delete, and sign in (alone, or as the login's second step). The `options` they answer go
//! to `navigator.credentials.create()` / `.get()` (binary fields as base64url); the browser's
//! answer comes back as `credential` (what `PublicKeyCredential.toJSON()` gives).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::mfa::FreshRequest;
use crate::clock::rfc3339;
use crate::error::{ErrorBody, Result};
use crate::http::answers::MessageResponse;
use crate::http::extract::{Client, CurrentSession, Input, Path, PresentedCookie};
use crate::http::state::AppState;
use crate::store::StoredPasskey;

#[derive(Serialize, ToSchema)]
pub struct CeremonyResponse {
    /// Finishes this ceremony (once, within five minutes, on any node).
    pub ceremony: String,
    /// `{"publicKey": …}` for `navigator.credentials.create()` or `.get()`, binary fields as
    /// base64url.
    #[schema(value_type = Object)]
    pub options: serde_json::Value,
}

#[derive(Deserialize, ToSchema)]
pub struct RegisterPasskeyRequest {
    #[schema(required = true, value_type = String, min_length = 1, pattern = "\\S")]
    pub ceremony: Option<String>,
    /// What the user calls it (1 to 64 characters); `Passkey` when absent.
    pub name: Option<String>,
    /// The browser's answer to `navigator.credentials.create()`, as JSON.
    #[schema(required = true, value_type = Object)]
    pub credential: Option<serde_json::Value>,
}

#[derive(Deserialize, ToSchema)]
pub struct RenamePasskeyRequest {
    #[schema(required = true, value_type = String, min_length = 1, pattern = "\\S")]
    pub name: Option<String>,
}

#[derive(Default, Deserialize, ToSchema)]
pub struct PasskeyLoginOptionsRequest {
    /// To use a passkey as the second step of a password login: that login's `mfa_token`.
    /// Without it, a sign-in with a passkey alone, no username needed.
    pub mfa_token: Option<String>,
}

#[derive(Deserialize, ToSchema)]
pub struct PasskeyLoginRequest {
    #[schema(required = true, value_type = String, min_length = 1, pattern = "\\S")]
    pub ceremony: Option<String>,
    /// The browser's answer to `navigator.credentials.get()`, as JSON.
    #[schema(required = true, value_type = Object)]
    pub credential: Option<serde_json::Value>,
}

#[derive(Serialize, ToSchema)]
pub struct PasskeyView {
    pub id: String,
    pub name: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
    /// The authenticator may back it up (a synced passkey): it signs in as `swk`, else `hwk`.
    pub backup_eligible: bool,
    pub backed_up: bool,
}

impl From<&StoredPasskey> for PasskeyView {
    fn from(p: &StoredPasskey) -> Self {
        Self {
            id: p.id.clone(),
            name: p.name.clone(),
            created_at: rfc3339(p.created_at),
            last_used_at: p.last_used_at.map(rfc3339),
            backup_eligible: p.backup_eligible,
            backed_up: p.backup_state,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct PasskeyResponse {
    pub passkey: PasskeyView,
}

#[derive(Serialize, ToSchema)]
pub struct PasskeysResponse {
    pub passkeys: Vec<PasskeyView>,
}

fn ceremony<T: Serialize>(begun: crate::service::Begun<T>) -> Result<Json<CeremonyResponse>> {
    let options = serde_json::to_value(&begun.options).map_err(anyhow::Error::from)?;
    Ok(Json(CeremonyResponse { ceremony: begun.ceremony, options }))
}

/// Begin registering a passkey. Needs a recent authentication, or `password`/`code`.
#[utoipa::path(post, path = "/api/auth/passkeys/register/options", tag = "passkeys",
    request_body = FreshRequest, security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = CeremonyResponse), (status = 401, body = ErrorBody),
        (status = 403, description = "Authenticate again first (`reauthentication_required`)", body = ErrorBody),
        (status = 404, description = "Passkeys are off: `PORTCULLIS_PUBLIC_URL` cannot be a relying party (`passkeys_unavailable`)", body = ErrorBody),
        (status = 409, description = "Twenty passkeys already", body = ErrorBody)))]
pub async fn register_options(
    State(state): State<AppState>,
    CurrentSession(auth): CurrentSession,
    Input(req): Input<FreshRequest>,
) -> Result<Json<CeremonyResponse>> {
    ceremony(state.auth.start_passkey_registration(&auth, req.fresh()).await?)
}

/// Finish registering a passkey with the browser's answer.
#[utoipa::path(post, path = "/api/auth/passkeys/register", tag = "passkeys",
    request_body = RegisterPasskeyRequest, security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 201, body = PasskeyResponse),
        (status = 400, description = "Missing or malformed field, a dead ceremony (`invalid_ceremony`), or an answer that does not verify (`passkey_rejected`)", body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 404, description = "Passkeys are off: `PORTCULLIS_PUBLIC_URL` cannot be a relying party (`passkeys_unavailable`)", body = ErrorBody),
        (status = 409, description = "That passkey is registered already (`passkey_taken`)", body = ErrorBody)))]
pub async fn register(
    State(state): State<AppState>,
    CurrentSession(auth): CurrentSession,
    Input(req): Input<RegisterPasskeyRequest>,
) -> Result<Response> {
    let stored = state
        .auth
        .finish_passkey_registration(
            &auth,
            req.ceremony.as_deref(),
            req.name.as_deref(),
            req.credential,
        )
        .await?;
    Ok((StatusCode::CREATED, Json(PasskeyResponse { passkey: PasskeyView::from(&stored) }))
        .into_response())
}

/// The signed-in user's passkeys.
#[utoipa::path(get, path = "/api/auth/passkeys", tag = "passkeys",
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = PasskeysResponse), (status = 401, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentSession(auth): CurrentSession,
) -> Result<Json<PasskeysResponse>> {
    let passkeys = state.auth.passkeys(&auth).await?;
    Ok(Json(PasskeysResponse { passkeys: passkeys.iter().map(PasskeyView::from).collect() }))
}

/// Rename one of your passkeys.
#[utoipa::path(patch, path = "/api/auth/passkeys/{id}", tag = "passkeys",
    params(("id" = String, Path, description = "Passkey id from GET /api/auth/passkeys")),
    request_body = RenamePasskeyRequest, security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = MessageResponse), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn rename(
    State(state): State<AppState>,
    CurrentSession(auth): CurrentSession,
    Path(id): Path<String>,
    Input(req): Input<RenamePasskeyRequest>,
) -> Result<Json<MessageResponse>> {
    state.auth.rename_passkey(&auth, &id, req.name.as_deref()).await?;
    Ok(Json(MessageResponse::new("Passkey renamed")))
}

/// Delete one of your passkeys. Needs a recent authentication, or `password`/`code`.
#[utoipa::path(delete, path = "/api/auth/passkeys/{id}", tag = "passkeys",
    params(("id" = String, Path, description = "Passkey id from GET /api/auth/passkeys")),
    request_body = FreshRequest, security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = MessageResponse), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delete(
    State(state): State<AppState>,
    CurrentSession(auth): CurrentSession,
    Path(id): Path<String>,
    Input(req): Input<FreshRequest>,
) -> Result<Json<MessageResponse>> {
    state.auth.delete_passkey(&auth, &id, req.fresh()).await?;
    Ok(Json(MessageResponse::new("Passkey deleted")))
}

/// Begin a sign-in with a passkey: alone (no body), or as the second step of a password
/// login (`mfa_token`).
#[utoipa::path(post, path = "/api/auth/passkeys/login/options", tag = "passkeys",
    request_body = PasskeyLoginOptionsRequest,
    responses((status = 200, body = CeremonyResponse),
        (status = 400, description = "The account of `mfa_token` has no passkey (`no_passkey`)", body = ErrorBody),
        (status = 401, description = "A dead `mfa_token` (`invalid_mfa_token`)", body = ErrorBody),
        (status = 404, description = "Passkeys are off (`passkeys_unavailable`)", body = ErrorBody),
        (status = 429, body = ErrorBody)))]
pub async fn login_options(
    State(state): State<AppState>,
    Input(req): Input<PasskeyLoginOptionsRequest>,
) -> Result<Json<CeremonyResponse>> {
    ceremony(state.auth.start_passkey_login(req.mfa_token.as_deref()).await?)
}

/// Finish a passkey sign-in: the normal login answer, with `amr` `hwk` or `swk` (after `pwd`
/// when it was the second step).
#[utoipa::path(post, path = "/api/auth/passkeys/login", tag = "passkeys",
    request_body = PasskeyLoginRequest,
    responses((status = 200, body = crate::http::answers::LoginResponse),
        (status = 400, description = "Missing or malformed field, or a dead ceremony (`invalid_ceremony`)", body = ErrorBody),
        (status = 401, description = "The assertion does not verify, the passkey is unknown, or its sign counter went back (`passkey_rejected`); a dead login challenge (`invalid_mfa_token`)", body = ErrorBody),
        (status = 404, description = "Passkeys are off (`passkeys_unavailable`)", body = ErrorBody),
        (status = 429, body = ErrorBody)))]
pub async fn login(
    State(state): State<AppState>,
    Client(client): Client,
    PresentedCookie(presented): PresentedCookie,
    Input(req): Input<PasskeyLoginRequest>,
) -> Result<Response> {
    let out = state
        .auth
        .finish_passkey_login(
            req.ceremony.as_deref(),
            req.credential,
            &client,
            presented.as_deref(),
        )
        .await?;
    Ok(crate::http::answers::login_response(state.auth.settings(), out))
}
