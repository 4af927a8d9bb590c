//! The canonical API under `/api/auth` (CONTRACTS section 2).

mod account;
pub mod mfa;
mod passkeys;
pub mod session;
mod signin;
pub mod types;

use axum::routing::{delete, get, patch, post};
use axum::Router;
use utoipa::OpenApi;

use super::AppState;

/// The canonical routes: those anyone may call without a session spend the client IP's
/// budget ([`super::public`]); the rest need a session.
pub fn routes(state: &AppState) -> Router<AppState> {
    let anyone = Router::new()
        .route("/api/auth/register", post(account::register))
        .route("/api/auth/verify-email", post(account::verify_email))
        .route("/api/auth/verify-email-link", get(account::verify_email_link))
        .route("/api/auth/verify-email/decline", post(account::decline_verification))
        .route("/api/auth/resend-verification", post(account::resend_verification))
        .route("/api/auth/forgot-password", post(account::forgot_password))
        .route("/api/auth/reset-password", post(account::reset_password))
        .route("/api/auth/login", post(session::login))
        .route("/api/auth/mfa/verify", post(mfa::verify))
        .route("/api/auth/refresh", post(session::refresh))
        .route("/api/auth/passkeys/login/options", post(passkeys::login_options))
        .route("/api/auth/passkeys/login", post(passkeys::login))
        .route("/api/auth/email-login", post(signin::email_login))
        .route("/api/auth/email-login/verify", post(signin::email_login_verify));
    let signed_in = Router::new()
        .route(
            "/api/auth/user",
            get(account::get_user).patch(account::update_user).delete(account::delete_user),
        )
        .route("/api/auth/change-password", post(account::change_password))
        .route("/api/auth/logout", post(session::logout))
        .route("/api/auth/sessions", get(session::list).delete(session::revoke_others))
        .route("/api/auth/sessions/{id}", delete(session::revoke_one))
        .route("/api/auth/reauthenticate", post(mfa::reauthenticate))
        .route("/api/auth/mfa/totp", post(mfa::enrol).delete(mfa::disable))
        .route("/api/auth/mfa/totp/confirm", post(mfa::confirm))
        .route("/api/auth/mfa/recovery-codes", post(mfa::recovery_codes))
        .route("/api/auth/passkeys", get(passkeys::list))
        .route("/api/auth/passkeys/register/options", post(passkeys::register_options))
        .route("/api/auth/passkeys/register", post(passkeys::register))
        .route("/api/auth/passkeys/{id}", patch(passkeys::rename).delete(passkeys::delete))
        .route("/api/auth/identities", get(signin::identities))
        .route("/api/auth/identities/{id}", delete(signin::unlink));
    super::public(state, anyone).merge(signed_in)
}

/// The canonical API's routes in the OpenAPI document (assembled in `http::openapi`).
#[derive(OpenApi)]
#[openapi(
    paths(
        account::register,
        account::verify_email,
        account::verify_email_link,
        account::decline_verification,
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
        mfa::enrol,
        mfa::confirm,
        mfa::disable,
        mfa::recovery_codes,
        mfa::verify,
        mfa::reauthenticate,
        passkeys::register_options,
        passkeys::register,
        passkeys::list,
        passkeys::rename,
        passkeys::delete,
        passkeys::login_options,
        passkeys::login,
        signin::email_login,
        signin::email_login_verify,
        signin::identities,
        signin::unlink,
    ),
    components(schemas(types::SecondFactorResponse)),
    tags((name = "auth", description = "The canonical API"),
        (name = "mfa", description = "Two-factor authentication and step-up"),
        (name = "passkeys", description = "Passkeys (WebAuthn): sign in with one, or use one as the second step"),
        (name = "sign-in", description = "Sign in by email link or code, or with an external identity provider"))
)]
pub struct ApiDoc;
