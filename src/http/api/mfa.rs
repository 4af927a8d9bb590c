//! Two-factor routes under `/api/auth/mfa`, the login's second step, and step-up.

use axum::extract::State;
use axum::response::Response;
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::{ErrorBody, Result};
use crate::http::answers::MessageResponse;
use crate::http::extract::{Client, CurrentSession, Input, PresentedCookie};
use crate::http::state::AppState;
use crate::service::Fresh;

// No `Debug` on these: they carry passwords, codes and secrets.

/// A fresh proof for a sensitive change, needed unless the session authenticated within
/// `PORTCULLIS_REAUTH_WINDOW`: the password, or a current code.
#[derive(Default, Deserialize, ToSchema)]
pub struct FreshRequest {
    #[schema(format = Password)]
    pub password: Option<String>,
    pub code: Option<String>,
}

impl FreshRequest {
    pub(super) fn fresh(&self) -> Fresh<'_> {
        Fresh { password: self.password.as_deref(), code: self.code.as_deref() }
    }
}

#[derive(Deserialize, ToSchema)]
pub struct CodeRequest {
    /// The 6-digit code the authenticator app shows.
    #[schema(required = true, value_type = String, min_length = 1, pattern = "\\S")]
    pub code: Option<String>,
}

#[derive(Deserialize, ToSchema)]
pub struct MfaVerifyRequest {
    /// From the login answer `{"mfa_required": true, "mfa_token", …}`.
    #[schema(required = true, value_type = String, min_length = 1, pattern = "\\S")]
    pub mfa_token: Option<String>,
    /// A TOTP code or a recovery code.
    #[schema(required = true, value_type = String, min_length = 1, pattern = "\\S")]
    pub code: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct EnrolmentResponse {
    /// Base32, to type into an authenticator app.
    pub secret: String,
    /// `otpauth://totp/…`: what the QR code holds.
    pub otpauth_uri: String,
    /// The QR code, as an SVG document.
    pub qr_svg: String,
}

#[derive(Serialize, ToSchema)]
pub struct RecoveryCodesResponse {
    /// Ten single-use codes, shown this once.
    pub recovery_codes: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ReauthResponse {
    /// A new access token whose `auth_time` is now.
    pub access_token: String,
    pub token_type: String,
    pub expires_in: i64,
}

/// Start TOTP enrolment: a new secret, its `otpauth://` URI and a QR code. Nothing is on until
/// `/mfa/totp/confirm`. Needs a recent authentication, or `password`/`code`.
#[utoipa::path(post, path = "/api/auth/mfa/totp", tag = "mfa", request_body = FreshRequest,
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = EnrolmentResponse), (status = 401, body = ErrorBody),
        (status = 403, description = "Authenticate again first (`reauthentication_required`)", body = ErrorBody),
        (status = 409, description = "Already on", body = ErrorBody)))]
pub async fn enrol(
    State(state): State<AppState>,
    CurrentSession(auth): CurrentSession,
    Input(req): Input<FreshRequest>,
) -> Result<Json<EnrolmentResponse>> {
    let e = state.auth.enrol_totp(&auth, req.fresh()).await?;
    Ok(Json(EnrolmentResponse { secret: e.secret, otpauth_uri: e.uri, qr_svg: e.qr_svg }))
}

/// Turn TOTP on with a valid code; answers the recovery codes, shown once.
#[utoipa::path(post, path = "/api/auth/mfa/totp/confirm", tag = "mfa", request_body = CodeRequest,
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = RecoveryCodesResponse), (status = 400, body = ErrorBody),
        (status = 401, description = "Wrong code", body = ErrorBody)))]
pub async fn confirm(
    State(state): State<AppState>,
    CurrentSession(auth): CurrentSession,
    Input(req): Input<CodeRequest>,
) -> Result<Json<RecoveryCodesResponse>> {
    let recovery_codes = state.auth.confirm_totp(&auth, req.code.as_deref()).await?;
    Ok(Json(RecoveryCodesResponse { recovery_codes }))
}

/// Turn TOTP off (and its recovery codes). Needs a recent authentication, or `password`/`code`.
#[utoipa::path(delete, path = "/api/auth/mfa/totp", tag = "mfa", request_body = FreshRequest,
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = MessageResponse), (status = 403, body = ErrorBody),
        (status = 404, description = "Not on", body = ErrorBody)))]
pub async fn disable(
    State(state): State<AppState>,
    CurrentSession(auth): CurrentSession,
    Input(req): Input<FreshRequest>,
) -> Result<Json<MessageResponse>> {
    state.auth.disable_totp(&auth, req.fresh()).await?;
    Ok(Json(MessageResponse::new("Two-factor authentication turned off")))
}

/// New recovery codes; the old ones stop working. Needs a recent authentication.
#[utoipa::path(post, path = "/api/auth/mfa/recovery-codes", tag = "mfa", request_body = FreshRequest,
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = RecoveryCodesResponse), (status = 403, body = ErrorBody),
        (status = 404, description = "Two-factor authentication is off", body = ErrorBody)))]
pub async fn recovery_codes(
    State(state): State<AppState>,
    CurrentSession(auth): CurrentSession,
    Input(req): Input<FreshRequest>,
) -> Result<Json<RecoveryCodesResponse>> {
    let recovery_codes = state.auth.regenerate_recovery_codes(&auth, req.fresh()).await?;
    Ok(Json(RecoveryCodesResponse { recovery_codes }))
}

/// The login's second step: the `mfa_token` of the first and a TOTP or recovery code. Gives
/// the normal login answer. Five wrong codes end the challenge; each spends the account's
/// failure budget.
#[utoipa::path(post, path = "/api/auth/mfa/verify", tag = "mfa", request_body = MfaVerifyRequest,
    responses((status = 200, body = crate::http::answers::LoginResponse), (status = 400, body = ErrorBody),
        (status = 401, description = "Wrong code, or a dead challenge (`invalid_mfa_token`)", body = ErrorBody),
        (status = 429, body = ErrorBody)))]
pub async fn verify(
    State(state): State<AppState>,
    Client(client): Client,
    PresentedCookie(presented): PresentedCookie,
    Input(req): Input<MfaVerifyRequest>,
) -> Result<Response> {
    let out = state
        .auth
        .verify_second_factor(
            req.mfa_token.as_deref(),
            req.code.as_deref(),
            &client,
            presented.as_deref(),
        )
        .await?;
    Ok(crate::http::answers::login_response(state.auth.settings(), out))
}

/// Authenticate again (a password or a code): the session's `auth_time` becomes now, for the
/// changes that need a recent authentication.
#[utoipa::path(post, path = "/api/auth/reauthenticate", tag = "mfa", request_body = FreshRequest,
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = ReauthResponse), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn reauthenticate(
    State(state): State<AppState>,
    CurrentSession(auth): CurrentSession,
    Input(req): Input<FreshRequest>,
) -> Result<Json<ReauthResponse>> {
    let tokens = state.auth.reauthenticate(&auth, req.fresh()).await?;
    Ok(Json(ReauthResponse {
        token_type: if tokens.dpop_bound { "DPoP" } else { "Bearer" }.into(),
        access_token: tokens.access_token,
        expires_in: tokens.expires_in,
    }))
}
