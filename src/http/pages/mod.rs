//! The hosted account pages under `/account/` (CONTRACTS section 5): server-rendered HTML forms
//! that work without JavaScript, over the same `service::Auth` flows as the API.
//!
//! - Every page is rendered from `templates/pages/` (minijinja, HTML auto-escaping) and served
//!   with a strict Content-Security-Policy: nothing inline, nothing from another origin.
//! - Every form carries a CSRF token, checked on every POST before its handler runs
//!   ([`csrf`]).
//! - A successful POST answers `303 See Other` with a one-time message
//!   ([`render::Flash`]); a failed one re-renders the form with the error next to its field
//!   and the fields refilled, passwords excepted ([`form`]).
//!
//! This file only assembles the routes. Below it, each module imports only those under it:
//! the handlers; then [`extract`] (what a handler reads), [`form`] (a handler's error: the
//! form again, or the error page), [`render`] (the page a handler renders, redirects),
//! [`csrf`], [`flash`], [`error`] (the error page), [`headers`], [`templates`] and
//! [`assets`].
//!
//! The handlers: [`session`] (log in, log out), [`signup`] (register, confirm an address),
//! [`recovery`] (forgot and reset password), [`account`] (profile, sessions, change password),
//! [`mfa`] (two-factor set-up), [`passkeys`] (rename, delete; the script registers and signs
//! in), [`signin`] (sign-in by email, linking a provider), [`oauth`] (the provider's browser
//! routes under `/api/auth/oauth/`), [`assets`] (the stylesheet, the icon and the script).

mod account;
mod assets;
mod csrf;
mod error;
mod extract;
mod flash;
mod form;
mod headers;
mod mfa;
pub(crate) mod oauth;
mod passkeys;
mod recovery;
mod render;
mod session;
mod signin;
mod signup;
mod templates;

use std::sync::Arc;

use axum::routing::{get, post};
use axum::{Extension, Router};

use super::AppState;
use crate::config::Settings;

pub use error::error_response;
use templates::Pages;

/// The page routes, mounted when `PORTCULLIS_PAGES` is true.
pub fn routes(state: &AppState) -> Router<AppState> {
    let pages = Arc::new(Pages::new(&state.auth.settings));
    // The forms anyone may post spend the client IP's budget, like their API twins.
    let anyone = Router::new()
        .route("/account/login", post(session::login))
        .route("/account/register", post(signup::register))
        .route("/account/verify-email", post(signup::verify))
        .route("/account/verify-email/decline", post(signup::decline))
        .route("/account/resend-verification", post(signup::resend))
        .route("/account/forgot-password", post(recovery::forgot))
        .route("/account/reset-password", post(recovery::reset))
        .route("/account/mfa/verify", post(session::verify_code))
        .route("/account/passkeys/login", post(passkeys::login))
        .route("/account/email-login", post(signin::request_email_login))
        .route("/account/email-login/verify", post(signin::verify_email_login));
    super::public(state, anyone)
        .route("/account", get(account::to_index))
        .route("/account/", get(account::show))
        .route("/account/login", get(session::show))
        .route("/account/mfa/verify", get(session::show_code_prompt))
        .route("/account/email-login", get(signin::show_email_login))
        .route("/account/email-login/verify", get(signin::show_email_link))
        .route("/account/identities/link", post(signin::link))
        .route("/account/identities/{id}/unlink", post(signin::unlink))
        .route("/account/logout", post(session::logout))
        .route("/account/register", get(signup::show))
        .route("/account/verify-email", get(signup::show_verify))
        .route("/account/forgot-password", get(recovery::show_forgot))
        .route("/account/reset-password", get(recovery::show_reset))
        .route("/account/change-password", post(account::change_password))
        .route("/account/mfa/setup", post(mfa::setup))
        .route("/account/mfa/qr.svg", get(mfa::qr))
        .route("/account/mfa/confirm", post(mfa::confirm))
        .route("/account/mfa/recovery-codes", post(mfa::regenerate))
        .route("/account/mfa/recovery-codes.txt", post(mfa::download))
        .route("/account/mfa/disable", post(mfa::disable))
        .route("/account/sessions/revoke-others", post(account::revoke_others))
        .route("/account/sessions/{id}/revoke", post(account::revoke))
        .route("/account/passkeys/register", post(passkeys::register))
        .route("/account/passkeys/{id}/rename", post(passkeys::rename))
        .route("/account/passkeys/{id}/delete", post(passkeys::delete))
        .route("/account/static/portcullis.css", get(assets::stylesheet))
        .route("/account/static/passkeys.js", get(assets::script))
        .route("/account/static/portcullis.svg", get(assets::icon))
        .route("/account/{*rest}", get(error::not_found))
        .layer(axum::middleware::from_fn_with_state(pages.clone(), csrf::guard))
        .layer(Extension(pages))
        .layer(axum::middleware::from_fn(headers::page_headers))
}

/// Whether `path` is one of the pages' (for errors answered by middleware outside them).
pub fn is_page(path: &str) -> bool {
    path == "/account" || path.starts_with("/account/")
}

/// With the pages off, mailed links still point at them unless their templates were changed:
/// say so once at startup rather than let people land on a 404.
pub fn warn_if_links_point_here(settings: &Settings) {
    let ours = format!("{}/account/", settings.public_url);
    for (name, template) in [
        ("PORTCULLIS_VERIFY_EMAIL_URL", &settings.verify_email_url),
        ("PORTCULLIS_RESET_PASSWORD_URL", &settings.reset_password_url),
    ] {
        if template.starts_with(&ours) {
            tracing::warn!(
                setting = name,
                "PORTCULLIS_PAGES is false but {name} still points at the hosted pages"
            );
        }
    }
}
