//! The canonical API under `/api/auth` (CONTRACTS section 2), and its OpenAPI description,
//! generated from the handlers' annotations.

mod account;
pub mod session;
pub mod types;

pub use session::{identifier, login_response};

use axum::http::HeaderValue;
use axum::routing::{delete, get, post};
use axum::Router;
use cookie::{Cookie, SameSite};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::AppState;
use crate::config::Settings;
use crate::error::ErrorBody;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/auth/register", post(account::register))
        .route("/api/auth/verify-email", post(account::verify_email))
        .route("/api/auth/verify-email-link", get(account::verify_email_link))
        .route("/api/auth/resend-verification", post(account::resend_verification))
        .route("/api/auth/forgot-password", post(account::forgot_password))
        .route("/api/auth/reset-password", post(account::reset_password))
        .route(
            "/api/auth/user",
            get(account::get_user).patch(account::update_user).delete(account::delete_user),
        )
        .route("/api/auth/change-password", post(account::change_password))
        .route("/api/auth/login", post(session::login))
        .route("/api/auth/refresh", post(session::refresh))
        .route("/api/auth/logout", post(session::logout))
        .route("/api/auth/sessions", get(session::list).delete(session::revoke_others))
        .route("/api/auth/sessions/{id}", delete(session::revoke_one))
}

/// The session cookie: `HttpOnly`, `SameSite=Lax`, `Path=/`, `Secure` on https.
pub fn session_cookie(settings: &Settings, value: &str) -> HeaderValue {
    let c = Cookie::build((settings.session_cookie.as_str(), value))
        .http_only(true)
        .same_site(SameSite::Lax)
        .path("/")
        .secure(settings.secure_cookies())
        .max_age(cookie::time::Duration::seconds(settings.session_ttl.as_secs() as i64))
        .build();
    header_value(&c)
}

/// Deletes the session cookie in the browser.
pub fn clear_session_cookie(settings: &Settings) -> HeaderValue {
    let c = Cookie::build((settings.session_cookie.as_str(), ""))
        .http_only(true)
        .same_site(SameSite::Lax)
        .path("/")
        .secure(settings.secure_cookies())
        .max_age(cookie::time::Duration::ZERO)
        .expires(cookie::time::OffsetDateTime::UNIX_EPOCH)
        .build();
    header_value(&c)
}

fn header_value(c: &Cookie<'_>) -> HeaderValue {
    // Cookie names are validated at startup and values are URL-safe base64.
    HeaderValue::from_str(&c.to_string()).unwrap_or_else(|_| HeaderValue::from_static(""))
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Portcullis",
        description = "User authentication: registration, email verification, login with a \
            session cookie or JWT, refresh-token rotation, password reset, profile and sessions. \
            Every request body may be sent as application/json or as \
            application/x-www-form-urlencoded. Errors are `{\"message\", \"code\"}`."
    ),
    paths(
        account::register,
        account::verify_email,
        account::verify_email_link,
        account::resend_verification,
        session::login,
        session::refresh,
        session::logout,
        account::forgot_password,
        account::reset_password,
        account::get_user,
        account::update_user,
        account::delete_user,
        account::change_password,
        session::list,
        session::revoke_one,
        session::revoke_others,
    ),
    components(schemas(ErrorBody)),
    modifiers(&SecuritySchemes),
    tags((name = "auth", description = "The canonical API"))
)]
struct ApiDoc;

struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new().scheme(HttpAuthScheme::Bearer).bearer_format("JWT").build(),
            ),
        );
        components.add_security_scheme(
            "session_cookie",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("session_id"))),
        );
    }
}

/// The OpenAPI 3.1 document of every JSON route.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    doc.merge(super::legacy::LegacyDoc::openapi());
    doc.merge(super::OpsDoc::openapi());
    doc
}
