//! The administration console under `/admin/` (docs/admin-console.md): server-rendered forms
//! without script, like the hosted pages, over the admin API's use cases. Served on the admin
//! API's listener (the main one unless `PORTCULLIS_ADMIN_BIND` names another), with the pages'
//! headers (the same Content-Security-Policy, no framing) and their CSRF check on every form.
//!
//! Who may enter, and for how long, is `service::console`'s business: [`extract::Console`]
//! asks it on every request. Every change goes through [`ConsoleAdmin::changing`] first (the
//! step-up window), then through the same service call as its admin API twin, so it is
//! audited alike (`admin <user id>` where the API writes `key <id>`).
//!
//! The console speaks English only (like the JSON APIs' messages): it is the operators' tool,
//! and its words are the API's.
//!
//! [`ConsoleAdmin::changing`]: crate::service::ConsoleAdmin::changing

mod dashboard;
mod extract;
mod session;
mod users;

use std::sync::Arc;

use axum::Extension;
use serde::de::DeserializeOwned;

use super::templates::Pages;
use super::{assets, csrf, error, headers};
use crate::http::state::AppState;
use crate::http::surface::{Limit, Surface};

/// The console's routes. Nothing here spends the IP budget but the sign-in, which spends the
/// login's budgets besides.
pub(crate) fn surface(state: &AppState) -> Surface {
    let cats = state.auth.mailer().catalogues().clone();
    let pages = Arc::new(Pages::new(state.auth.settings(), cats));
    Surface::new(Some(state), Default::default())
        .render_with(error::error_response)
        .get(Limit::None, "/admin", dashboard::to_index)
        .get(Limit::None, "/admin/", dashboard::show)
        .get(Limit::None, "/admin/static/portcullis.css", assets::stylesheet)
        .get(Limit::None, "/admin/static/portcullis.svg", assets::icon)
        .get(Limit::None, "/admin/login", session::show)
        .post(Limit::PerIp, "/admin/login", session::login)
        .post(Limit::PerIp, "/admin/login/session", session::login_from_session)
        .get(Limit::None, "/admin/step-up", session::show_step_up)
        .post(Limit::None, "/admin/step-up", session::step_up)
        .post(Limit::None, "/admin/logout", session::logout)
        .get(Limit::None, "/admin/users", users::list)
        .post(Limit::None, "/admin/users", users::create)
        .get(Limit::None, "/admin/users/{id}", users::show)
        .post(Limit::None, "/admin/users/{id}/update", users::update)
        .post(Limit::None, "/admin/users/{id}/disable", users::disable)
        .post(Limit::None, "/admin/users/{id}/enable", users::enable)
        .post(Limit::None, "/admin/users/{id}/delete", users::delete)
        .post(Limit::None, "/admin/users/{id}/sessions/revoke", users::revoke_sessions)
        .post(Limit::None, "/admin/users/{id}/sessions/{session_id}/revoke", users::revoke_session)
        .post(Limit::None, "/admin/users/{id}/factors/reset", users::reset_factors)
        .post(Limit::None, "/admin/users/{id}/send-reset", users::send_reset)
        .post(Limit::None, "/admin/users/{id}/resend-verification", users::resend_verification)
        .post(Limit::None, "/admin/users/{id}/admin", users::set_admin)
        .get(Limit::None, "/admin/{*rest}", error::not_found)
        .layer(axum::middleware::from_fn_with_state(pages.clone(), csrf::guard))
        .layer(axum::middleware::from_fn(error::scope_language))
        .layer(Extension(pages))
        .layer(axum::middleware::from_fn(headers::page_headers))
}

/// A page's query string as `T`; anything it cannot read is left at the defaults (a page's
/// links are ours: a hand-edited one shows the first page rather than an error).
pub(super) fn query<T: DeserializeOwned + Default>(raw: Option<String>) -> T {
    raw.and_then(|q| serde_urlencoded::from_str(&q).ok()).unwrap_or_default()
}
