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
//! [`recovery`] (forgot and reset password), [`account`] (profile, sessions, granted
//! applications, change password), [`mfa`] (two-factor set-up), [`passkeys`] (rename, delete;
//! the script registers and signs in), [`signin`] (sign-in by email, linking a provider),
//! [`oauth`] (the provider's browser routes under `/api/auth/oauth/`), [`provider`] (the
//! OpenID Connect provider's authorization, consent and logout pages), [`device`] (the device
//! flow's verification page), [`assets`] (the stylesheet, the icon and the script).

mod account;
mod assets;
pub(crate) mod console;
mod csrf;
mod device;
mod error;
mod extract;
mod flash;
mod form;
mod headers;
mod invitation;
mod language;
mod mfa;
pub(crate) mod oauth;
mod organizations;
mod passkeys;
mod provider;
mod recovery;
mod render;
mod session;
mod signin;
mod signup;
mod templates;

use std::sync::Arc;

use axum::Extension;

use crate::config::Settings;
use crate::http::state::AppState;
use crate::http::surface::{Class, Limit, Surface};

pub use error::error_response;
use templates::Pages;

/// The page routes, mounted when `PORTCULLIS_PAGES` is true: the forms anyone may post
/// spend the client IP's budget, like their API twins; every refusal is the error page.
pub(crate) fn surface(state: &AppState) -> Surface {
    let cats = state.auth.mailer().catalogues().clone();
    let pages = Arc::new(Pages::new(state.auth.settings(), cats));
    Surface::new(Some(state), Default::default())
        .render_with(error_response)
        .get(Limit::None, "/account", account::to_index)
        // The account page shows a session that must still enrol only its set-up.
        .get(Class::ENROLMENT, "/account/", account::show)
        .get(Limit::None, "/account/login", session::show)
        .post(Limit::PerIp, "/account/login", session::login)
        .get(Limit::None, "/account/mfa/verify", session::show_code_prompt)
        .post(Limit::PerIp, "/account/mfa/verify", session::verify_code)
        .get(Limit::None, "/account/email-login", signin::show_email_login)
        .post(Limit::PerIp, "/account/email-login", signin::request_email_login)
        .get(Limit::None, "/account/email-login/verify", signin::show_email_link)
        .post(Limit::PerIp, "/account/email-login/verify", signin::verify_email_login)
        .post(Limit::None, "/account/identities/link", signin::link)
        .post(Limit::None, "/account/identities/{id}/unlink", signin::unlink)
        .post(Class::SIGN_OUT, "/account/logout", session::logout)
        .get(Limit::None, "/account/register", signup::show)
        .post(Limit::PerIp, "/account/register", signup::register)
        .get(Limit::None, "/account/verify-email", signup::show_verify)
        .post(Limit::PerIp, "/account/verify-email", signup::verify)
        .post(Limit::PerIp, "/account/verify-email/decline", signup::decline)
        .post(Limit::PerIp, "/account/resend-verification", signup::resend)
        .get(Limit::None, "/account/forgot-password", recovery::show_forgot)
        .post(Limit::PerIp, "/account/forgot-password", recovery::forgot)
        .get(Limit::None, "/account/reset-password", recovery::show_reset)
        .post(Limit::PerIp, "/account/reset-password", recovery::reset)
        .post(Limit::None, "/account/change-password", account::change_password)
        .post(Class::ENROLMENT, "/account/mfa/setup", mfa::setup)
        .get(Class::ENROLMENT, "/account/mfa/qr.svg", mfa::qr)
        .post(Class::ENROLMENT, "/account/mfa/confirm", mfa::confirm)
        .post(Limit::None, "/account/mfa/recovery-codes", mfa::regenerate)
        .post(Limit::None, "/account/mfa/recovery-codes.txt", mfa::download)
        .post(Limit::None, "/account/mfa/disable", mfa::disable)
        .post(Limit::None, "/account/sessions/revoke-others", account::revoke_others)
        .post(Limit::None, "/account/sessions/{id}/revoke", account::revoke)
        .post(Limit::None, "/account/grants/{client_id}/revoke", account::revoke_grant)
        .post(Limit::PerIp, "/account/passkeys/login", passkeys::login)
        .post(Class::ENROLMENT, "/account/passkeys/register", passkeys::register)
        .post(Limit::None, "/account/passkeys/{id}/rename", passkeys::rename)
        .post(Limit::None, "/account/passkeys/{id}/delete", passkeys::delete)
        // The OpenID Connect provider's browser routes (docs/provider.md).
        .get(Limit::None, "/oauth2/authorize", provider::authorize)
        .post(Limit::None, "/oauth2/consent", provider::consent)
        .get(Limit::None, "/oauth2/logout", provider::logout)
        .post(Class::SIGN_OUT, "/oauth2/logout/confirm", provider::logout_confirm)
        // The device flow's verification page (RFC 8628): signed in, so no IP budget; wrong
        // codes spend the person's and the address's failure budgets (`service::device`).
        .get(Limit::None, "/oauth2/device", device::show)
        .post(Limit::None, "/oauth2/device", device::check)
        .post(Limit::None, "/oauth2/device/confirm", device::decide)
        // An organisation's invitation (docs/organizations.md): signed in, single-use token.
        .get(Limit::None, "/account/invitation", invitation::show)
        .post(Limit::None, "/account/invitation", invitation::accept)
        .post(Limit::None, "/account/organizations", organizations::create)
        .get(Limit::None, "/account/organizations/{id}", organizations::show)
        .post(Limit::None, "/account/organizations/{id}/switch", organizations::switch)
        .post(Limit::None, "/account/organizations/{id}/invitations", organizations::invite)
        .post(
            Limit::None,
            "/account/organizations/{id}/invitations/{invitation_id}/revoke",
            organizations::revoke_invitation,
        )
        .post(
            Limit::None,
            "/account/organizations/{id}/members/{user_id}/role",
            organizations::set_role,
        )
        .post(
            Limit::None,
            "/account/organizations/{id}/members/{user_id}/remove",
            organizations::remove,
        )
        // The language switcher of every page's footer (docs/languages.md).
        .post(Limit::None, "/account/language", language::choose)
        .get(Limit::None, "/account/static/portcullis.css", assets::stylesheet)
        .get(Limit::None, "/account/static/passkeys.js", assets::script)
        .get(Limit::None, "/account/static/portcullis.svg", assets::icon)
        .get(Limit::None, "/account/{*rest}", error::not_found)
        .layer(axum::middleware::from_fn_with_state(pages.clone(), csrf::guard))
        .layer(axum::middleware::from_fn(error::scope_language))
        .layer(Extension(pages))
        .layer(axum::middleware::from_fn(headers::page_headers))
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
