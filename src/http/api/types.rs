//! Request and response bodies of the canonical API. Request fields are optional on the wire
//! so that a missing field gets our `400 missing_field`, not a deserializer message.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::clock::rfc3339;
use crate::domain::Session;

use crate::http::answers::UserView;

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
    /// The language of the hosted pages and mails: a tag such as `fr` or `pt-BR` (stored as
    /// the language that matched it, here `pt`); `""` clears it (each request decides). A
    /// tag no language matches is `400 invalid_field`.
    #[schema(example = "fr", max_length = 35)]
    pub locale: Option<String>,
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
pub struct RegisterResponse {
    pub message: String,
    pub user: UserView,
}

/// `GET /api/auth/user`: the user and which second factors are on.
#[derive(Debug, Serialize, ToSchema)]
pub struct CurrentUserResponse {
    /// The user object of every route set, unchanged.
    pub user: UserView,
    /// The language chosen for the hosted pages and mails (a tag such as `fr`); `null`: each
    /// request decides (docs/languages.md). Only on `/api/auth/user`.
    pub locale: Option<String>,
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
    /// As in `GET /api/auth/user`.
    pub locale: Option<String>,
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
