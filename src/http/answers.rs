//! Answers shared by more than one surface: the login answer (the canonical API, the seeds'
//! root API, an external provider's callback without the pages), the second step of a
//! sign-in, the user object, a plain message; and how a login names its account. It sits
//! below every surface and imports none of them.

use axum::http::header::SET_COOKIE;
use axum::response::{AppendHeaders, IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

use crate::clock::rfc3339;
use crate::config::Settings;
use crate::domain::User;
use crate::service::{Identifier, LoginOutcome, LoginStep};

#[derive(Debug, Serialize, ToSchema)]
pub struct MessageResponse {
    pub message: String,
}

impl MessageResponse {
    pub fn new(message: &str) -> Self {
        Self { message: message.to_owned() }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LoginResponse {
    pub message: String,
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until `access_token` expires.
    pub expires_in: i64,
    pub refresh_token: String,
    pub user: UserView,
    /// Only with `PORTCULLIS_REQUIRE_MFA`, for an account without a second factor: enrol
    /// (`POST /api/auth/mfa/totp`) before anything else.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub mfa_enrollment_required: bool,
}

/// The first step of a login for an account with a second factor: no session yet.
#[derive(Debug, Serialize, ToSchema)]
pub struct SecondFactorResponse {
    /// Always `true`.
    pub mfa_required: bool,
    /// Send it with a code to `POST /api/auth/mfa/verify` within 5 minutes.
    pub mfa_token: String,
    /// `totp`, `recovery_code`.
    pub methods: Vec<String>,
}

/// The user object of CONTRACTS section 1.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserView {
    pub id: String,
    pub email: String,
    pub username: Option<String>,
    pub is_active: bool,
    pub email_verified: bool,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub updated_at: String,
}

impl From<&User> for UserView {
    fn from(u: &User) -> Self {
        Self {
            id: u.id.clone(),
            email: u.email.clone(),
            username: u.username.clone(),
            is_active: u.is_active,
            email_verified: u.email_verified,
            created_at: rfc3339(u.created_at),
            updated_at: rfc3339(u.updated_at),
        }
    }
}

/// What a login names: `email` when given, else `username`; blank counts as absent.
pub fn identifier<'a>(email: Option<&'a str>, username: Option<&'a str>) -> Option<Identifier<'a>> {
    match (email, username) {
        (Some(e), _) if !e.trim().is_empty() => Some(Identifier::Email(e)),
        (_, Some(u)) if !u.trim().is_empty() => Some(Identifier::Username(u)),
        _ => None,
    }
}

/// The answer of any sign-in: the login answer with its cookie, or the second step to take.
pub fn step_response(settings: &Settings, step: LoginStep) -> Response {
    match step {
        LoginStep::Session(out) => login_response(settings, out),
        LoginStep::SecondFactor(second) => Json(SecondFactorResponse {
            mfa_required: true,
            mfa_token: second.challenge,
            methods: second.methods.into_iter().map(str::to_owned).collect(),
        })
        .into_response(),
    }
}

/// The canonical login answer (also seeds 000/002's): tokens, user and the session cookie.
pub fn login_response(settings: &Settings, out: LoginOutcome) -> Response {
    let cookie = crate::http::cookies::session(settings, &out.session_token);
    let body = LoginResponse {
        message: "Login successful".into(),
        access_token: out.tokens.access_token,
        token_type: "Bearer".into(),
        expires_in: out.tokens.expires_in,
        refresh_token: out.tokens.refresh_token,
        user: UserView::from(&out.user),
        // PORTCULLIS_REQUIRE_MFA and no second factor yet: everything but enrolment waits.
        mfa_enrollment_required: settings.require_mfa
            && !crate::domain::Amr::multi_factor(&out.methods),
    };
    let mut res = (AppendHeaders([(SET_COOKIE, cookie)]), Json(body)).into_response();
    res.extensions_mut().insert(crate::http::observe::UserId(out.user.id));
    res
}
