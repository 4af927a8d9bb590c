//! Request and response bodies of the canonical API. Request fields are optional on the wire
//! so that a missing field gets our `400 missing_field`, not a deserializer message.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::clock::rfc3339;
use crate::domain::{Session, User};

#[derive(Debug, Deserialize, ToSchema)]
pub struct RegisterRequest {
    #[schema(required = true, value_type = String, min_length = 1, pattern = "\\S", example = "alice@example.com")]
    pub email: Option<String>,
    #[schema(required = true, value_type = String, min_length = 1, pattern = "\\S", format = Password)]
    pub password: Option<String>,
    #[schema(example = "alice")]
    pub username: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct TokenRequest {
    #[schema(required = true, value_type = String, min_length = 1, pattern = "\\S")]
    pub token: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TokenQuery {
    #[param(required = true, value_type = String, min_length = 1, pattern = "\\S")]
    pub token: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct EmailRequest {
    #[schema(required = true, value_type = String, min_length = 1, pattern = "\\S")]
    pub email: Option<String>,
}

/// `email` or `username`, and `password`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct LoginRequest {
    pub email: Option<String>,
    pub username: Option<String>,
    #[schema(required = true, value_type = String, min_length = 1, format = Password)]
    pub password: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RefreshRequest {
    #[schema(required = true, value_type = String, min_length = 1, pattern = "\\S")]
    pub refresh_token: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ResetPasswordRequest {
    #[schema(required = true, value_type = String, min_length = 1, pattern = "\\S")]
    pub token: Option<String>,
    #[schema(required = true, value_type = String, min_length = 1, pattern = "\\S", format = Password)]
    pub new_password: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct UpdateUserRequest {
    pub username: Option<String>,
    pub email: Option<String>,
    /// Required when `email` changes.
    #[schema(format = Password)]
    pub current_password: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct DeleteUserRequest {
    #[schema(required = true, value_type = String, min_length = 1, pattern = "\\S", format = Password)]
    pub password: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ChangePasswordRequest {
    #[schema(required = true, value_type = String, min_length = 1, pattern = "\\S", format = Password)]
    pub current_password: Option<String>,
    #[schema(required = true, value_type = String, min_length = 1, pattern = "\\S", format = Password)]
    pub new_password: Option<String>,
}

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
pub struct RegisterResponse {
    pub message: String,
    pub user: UserView,
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

/// `GET /api/auth/user`: the user and which second factors are on.
#[derive(Debug, Serialize, ToSchema)]
pub struct CurrentUserResponse {
    pub user: UserView,
    pub factors: FactorsView,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FactorsView {
    pub totp: bool,
    pub recovery_codes_left: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RefreshResponse {
    pub access_token: String,
    pub token_type: String,
    pub expires_in: i64,
    pub refresh_token: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UserResponse {
    pub user: UserView,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionView {
    pub id: String,
    pub created_at: String,
    pub last_used_at: String,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    /// This request's own session.
    pub current: bool,
}

impl SessionView {
    pub fn new(s: &Session, current: bool) -> Self {
        Self {
            id: s.id.clone(),
            created_at: rfc3339(s.created_at),
            last_used_at: rfc3339(s.last_used_at),
            ip: s.ip.clone(),
            user_agent: s.user_agent.clone(),
            current,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionsResponse {
    pub sessions: Vec<SessionView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RevokedResponse {
    pub message: String,
    /// How many sessions were revoked.
    pub revoked: u64,
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
