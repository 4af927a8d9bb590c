//! The one error type, and the one place a status code is chosen.
//!
//! Expected outcomes are variants with a human message and a stable snake_case `code`.
//! Everything else is [`AppError::Unexpected`]: logged once (by the middleware in
//! `http::errors`, which finds it in the response extensions) and shown to the client only as
//! "Internal server error".

use std::borrow::Cow;
use std::sync::Arc;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

pub type Result<T, E = AppError> = std::result::Result<T, E>;

/// Every error `code` a client can see: stable snake_case strings (the variant's name, as
/// strum writes it), matched by the route sets and pages as values of this enum rather than
/// as strings.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    ToSchema,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
#[schema(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ErrorCode {
    AccountExists,
    BadRequest,
    ClientManagedByConfig,
    ClientNotFound,
    CrossOriginRequest,
    CsrfToken,
    EmailNotVerified,
    EmailTaken,
    Forbidden,
    GrantNotFound,
    Hs256Mode,
    IdentityNotFound,
    IdentityTaken,
    InsufficientScope,
    InternalError,
    InvalidApiKey,
    InvalidAuthorizationRequest,
    InvalidBody,
    InvalidCode,
    InvalidCeremony,
    InvalidClient,
    InvalidCredentials,
    InvalidEmail,
    InvalidField,
    InvalidJson,
    InvalidMfaToken,
    InvalidPassword,
    InvalidRefreshToken,
    InvalidState,
    InvalidText,
    InvalidToken,
    InvalidUsername,
    InvitationNotFound,
    LastOwner,
    LastWayIn,
    MemberNotFound,
    MethodNotAllowed,
    MfaAlreadyEnabled,
    MfaEnrollmentRequired,
    MfaNotEnabled,
    MfaRequired,
    MissingField,
    NoPendingEnrolment,
    NotAuthenticated,
    NoPasskey,
    NotFound,
    OauthDenied,
    OauthFailed,
    OrganizationNotFound,
    Overloaded,
    PasskeyNotFound,
    PasskeyRejected,
    PasskeyTaken,
    PasskeysUnavailable,
    /// A new password found in the breached-password filter.
    PasswordBreached,
    PayloadTooLarge,
    RateLimited,
    ReauthenticationRequired,
    RequestTimeout,
    SessionNotFound,
    SignupDisabled,
    SlugTaken,
    Timeout,
    Unavailable,
    UnknownEmail,
    UnknownProvider,
    UnsupportedMediaType,
    UserNotFound,
    UsernameTaken,
    WeakPassword,
}

impl ErrorCode {
    pub const ALL: &'static [ErrorCode] = <Self as strum::VariantArray>::VARIANTS;

    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

impl Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

type Msg = Cow<'static, str>;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// 400: an invalid field, a failed policy, a bad one-time token.
    #[error("{message}")]
    BadRequest { code: ErrorCode, message: Msg },
    /// 400 `missing_field`: the request lacks `field` (named, so a form can mark it).
    #[error("Missing required field: {field}")]
    MissingField { field: Msg },
    /// 401: not authenticated, or bad credentials.
    #[error("{message}")]
    Unauthorized { code: ErrorCode, message: Msg },
    /// 403: authenticated (or identified) but not allowed.
    #[error("{message}")]
    Forbidden { code: ErrorCode, message: Msg },
    /// 404
    #[error("{message}")]
    NotFound { code: ErrorCode, message: Msg },
    /// 409: email or username taken.
    #[error("{message}")]
    Conflict { code: ErrorCode, message: Msg },
    /// 413: body over the limit.
    #[error("Request body is too large")]
    PayloadTooLarge,
    /// 415
    #[error("Content type must be application/json or application/x-www-form-urlencoded")]
    UnsupportedMediaType,
    /// 408: the client did not send its body in time.
    #[error("The request body took too long")]
    RequestTimeout,
    /// 429
    #[error("Too many requests; try again later")]
    RateLimited { retry_after: u64 },
    /// 503: the password hasher's queue is full.
    #[error("The server is busy; try again shortly")]
    Overloaded { retry_after: u64 },
    /// 503: the database cannot be reached.
    #[error("The service is temporarily unavailable; try again shortly")]
    Unavailable { retry_after: u64 },
    /// 500: a bug or an unexpected failure. The detail is logged, never sent.
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

impl AppError {
    pub fn bad_request(code: ErrorCode, message: impl Into<Msg>) -> Self {
        Self::BadRequest { code, message: message.into() }
    }
    pub fn unauthorized(code: ErrorCode, message: impl Into<Msg>) -> Self {
        Self::Unauthorized { code, message: message.into() }
    }
    pub fn forbidden(code: ErrorCode, message: impl Into<Msg>) -> Self {
        Self::Forbidden { code, message: message.into() }
    }
    pub fn not_found(code: ErrorCode, message: impl Into<Msg>) -> Self {
        Self::NotFound { code, message: message.into() }
    }
    pub fn conflict(code: ErrorCode, message: impl Into<Msg>) -> Self {
        Self::Conflict { code, message: message.into() }
    }
    /// `400 missing_field` naming the field.
    pub fn missing(field: &str) -> Self {
        Self::MissingField { field: field.to_owned().into() }
    }
    /// The field a `missing_field` error names (none for one about the body as a whole).
    pub fn missing_field(&self) -> Option<&str> {
        match self {
            Self::MissingField { field } => Some(field),
            _ => None,
        }
    }
    /// `401 not_authenticated`.
    pub fn unauthenticated() -> Self {
        Self::unauthorized(ErrorCode::NotAuthenticated, "Authentication required")
    }

    /// For callers outside HTTP (startup, the command line): any error as an `anyhow::Error`.
    pub fn into_anyhow(self) -> anyhow::Error {
        match self {
            Self::Unexpected(e) => e,
            other => anyhow::anyhow!("{other}"),
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            Self::BadRequest { .. } | Self::MissingField { .. } => StatusCode::BAD_REQUEST,
            Self::Unauthorized { .. } => StatusCode::UNAUTHORIZED,
            Self::Forbidden { .. } => StatusCode::FORBIDDEN,
            Self::NotFound { .. } => StatusCode::NOT_FOUND,
            Self::Conflict { .. } => StatusCode::CONFLICT,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::RequestTimeout => StatusCode::REQUEST_TIMEOUT,
            Self::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Overloaded { .. } | Self::Unavailable { .. } => StatusCode::SERVICE_UNAVAILABLE,
            Self::Unexpected(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Self::BadRequest { code, .. }
            | Self::Unauthorized { code, .. }
            | Self::Forbidden { code, .. }
            | Self::NotFound { code, .. }
            | Self::Conflict { code, .. } => *code,
            Self::MissingField { .. } => ErrorCode::MissingField,
            Self::PayloadTooLarge => ErrorCode::PayloadTooLarge,
            Self::UnsupportedMediaType => ErrorCode::UnsupportedMediaType,
            Self::RequestTimeout => ErrorCode::RequestTimeout,
            Self::RateLimited { .. } => ErrorCode::RateLimited,
            Self::Overloaded { .. } => ErrorCode::Overloaded,
            Self::Unavailable { .. } => ErrorCode::Unavailable,
            Self::Unexpected(_) => ErrorCode::InternalError,
        }
    }

    /// The sentence shown to the client.
    pub fn public_message(&self) -> Cow<'static, str> {
        match self {
            Self::Unexpected(_) => "Internal server error".into(),
            Self::BadRequest { message, .. }
            | Self::Unauthorized { message, .. }
            | Self::Forbidden { message, .. }
            | Self::NotFound { message, .. }
            | Self::Conflict { message, .. } => message.clone(),
            other => other.to_string().into(),
        }
    }

    /// The seconds of the `Retry-After` header the answer carries, if any.
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            Self::RateLimited { retry_after }
            | Self::Overloaded { retry_after }
            | Self::Unavailable { retry_after } => Some(*retry_after),
            _ => None,
        }
    }
}

/// Every error body: `{"message", "code"}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub message: String,
    pub code: ErrorCode,
}

/// An unexpected error travelling in response extensions to the logging middleware.
#[derive(Clone)]
pub struct LoggedError(pub Arc<anyhow::Error>);

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let body = ErrorBody { message: self.public_message().into_owned(), code: self.code() };
        let mut res = (self.status(), axum::Json(body)).into_response();
        if let Some(secs) = self.retry_after() {
            res.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        if let Self::Unexpected(e) = self {
            res.extensions_mut().insert(LoggedError(Arc::new(e)));
        }
        res
    }
}

impl From<crate::auth::HashError> for AppError {
    fn from(e: crate::auth::HashError) -> Self {
        match e {
            crate::auth::HashError::Overloaded { retry_after } => Self::Overloaded { retry_after },
            crate::auth::HashError::Failed(e) => Self::Unexpected(e),
        }
    }
}

impl From<crate::limit::Limited> for AppError {
    fn from(e: crate::limit::Limited) -> Self {
        Self::RateLimited { retry_after: e.retry_after }
    }
}

impl From<crate::store::StoreError> for AppError {
    fn from(e: crate::store::StoreError) -> Self {
        match e {
            crate::store::StoreError::Database(e) => Self::from(e),
            crate::store::StoreError::Other(e) => Self::Unexpected(e),
        }
    }
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            // The database is down, saturated or too slow (a time limit ran out): tell the
            // client to come back, not that we broke.
            e if crate::store::is_transient(e) => {
                // An outage is logged by the store once as it begins and once as it ends, not
                // for every request it fails; a lock timeout or a deadlock is logged each time.
                if !crate::store::is_outage(e) {
                    tracing::warn!(error = %e, "database busy");
                }
                Self::Unavailable { retry_after: 2 }
            }
            e if crate::store::is_unencodable_text(e) => Self::bad_request(
                ErrorCode::InvalidText,
                "Text fields must not contain NUL characters",
            ),
            _ => Self::Unexpected(anyhow::Error::new(e).context("database error")),
        }
    }
}

/// An error and its causes in one line, `outer: cause: root`, for the command line and
/// startup. A cause whose text its parent already ends with is left out: sqlx's errors, for
/// one, print their source inside their own message.
pub fn report(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if out.ends_with(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::ErrorCode;

    /// Like sqlx's `Database` error: its message already holds its source's.
    #[derive(Debug)]
    struct Wrapper(std::io::Error);
    impl std::fmt::Display for Wrapper {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "error returned from database: {}", self.0)
        }
    }
    impl std::error::Error for Wrapper {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&self.0)
        }
    }

    #[test]
    fn a_report_says_each_cause_once() {
        let io = std::io::Error::other("database \"x\" does not exist");
        let e = anyhow::Error::new(Wrapper(io)).context("cannot connect to the database");
        assert_eq!(
            super::report(&e),
            "cannot connect to the database: error returned from database: database \"x\" does \
             not exist"
        );
        let plain = anyhow::anyhow!("root").context("middle").context("top");
        assert_eq!(super::report(&plain), "top: middle: root");
    }

    /// The wire strings, written out: a renamed variant must not change what clients see.
    const WIRE: &[&str] = &[
        "account_exists",
        "bad_request",
        "client_managed_by_config",
        "client_not_found",
        "cross_origin_request",
        "csrf_token",
        "email_not_verified",
        "email_taken",
        "forbidden",
        "grant_not_found",
        "hs256_mode",
        "identity_not_found",
        "identity_taken",
        "insufficient_scope",
        "internal_error",
        "invalid_api_key",
        "invalid_authorization_request",
        "invalid_body",
        "invalid_code",
        "invalid_ceremony",
        "invalid_client",
        "invalid_credentials",
        "invalid_email",
        "invalid_field",
        "invalid_json",
        "invalid_mfa_token",
        "invalid_password",
        "invalid_refresh_token",
        "invalid_state",
        "invalid_text",
        "invalid_token",
        "invalid_username",
        "invitation_not_found",
        "last_owner",
        "last_way_in",
        "member_not_found",
        "method_not_allowed",
        "mfa_already_enabled",
        "mfa_enrollment_required",
        "mfa_not_enabled",
        "mfa_required",
        "missing_field",
        "no_pending_enrolment",
        "not_authenticated",
        "no_passkey",
        "not_found",
        "oauth_denied",
        "oauth_failed",
        "organization_not_found",
        "overloaded",
        "passkey_not_found",
        "passkey_rejected",
        "passkey_taken",
        "passkeys_unavailable",
        "password_breached",
        "payload_too_large",
        "rate_limited",
        "reauthentication_required",
        "request_timeout",
        "session_not_found",
        "signup_disabled",
        "slug_taken",
        "timeout",
        "unavailable",
        "unknown_email",
        "unknown_provider",
        "unsupported_media_type",
        "user_not_found",
        "username_taken",
        "weak_password",
    ];

    #[test]
    fn every_code_round_trips_through_its_wire_string() {
        let names: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(names, WIRE);
        for code in ErrorCode::ALL {
            assert_eq!(code.as_str().parse::<ErrorCode>().unwrap(), *code);
        }
    }

    #[test]
    fn a_missing_field_error_names_its_field() {
        let e = super::AppError::missing("email");
        assert_eq!(e.missing_field(), Some("email"));
        assert_eq!(e.code(), ErrorCode::MissingField);
        assert_eq!(e.status(), axum::http::StatusCode::BAD_REQUEST);
        assert_eq!(e.public_message(), "Missing required field: email");
        let other = super::AppError::bad_request(ErrorCode::MissingField, "Nothing to update");
        assert_eq!(other.missing_field(), None);
    }

    #[test]
    fn codes_serialise_as_their_snake_case_names() {
        for code in ErrorCode::ALL {
            let json = serde_json::to_value(code).unwrap();
            assert_eq!(json, code.as_str());
            let name = format!("{code:?}");
            let snake: String = name
                .chars()
                .enumerate()
                .flat_map(|(i, c)| {
                    let lower = c.to_ascii_lowercase();
                    if c.is_ascii_uppercase() && i > 0 {
                        vec!['_', lower]
                    } else {
                        vec![lower]
                    }
                })
                .collect();
            assert_eq!(snake, code.as_str());
        }
    }
}
