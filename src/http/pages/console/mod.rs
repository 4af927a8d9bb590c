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

mod api_keys;
mod audit;
mod clients;
mod dashboard;
mod extract;
mod organizations;
mod session;
mod settings;
mod users;
mod webhooks;

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
        .get(Limit::None, "/admin/api-keys", api_keys::list)
        .post(Limit::None, "/admin/api-keys", api_keys::create)
        .post(Limit::None, "/admin/api-keys/{id}/revoke", api_keys::revoke)
        .get(Limit::None, "/admin/webhooks", webhooks::list)
        .get(Limit::None, "/admin/webhooks/deliveries/{id}", webhooks::show)
        .post(Limit::None, "/admin/webhooks/deliveries/{id}/retry", webhooks::retry)
        .get(Limit::None, "/admin/audit", audit::list)
        .get(Limit::None, "/admin/audit/export", audit::export)
        .get(Limit::None, "/admin/settings", settings::show)
        .get(Limit::None, "/admin/clients", clients::list)
        .post(Limit::None, "/admin/clients", clients::create)
        .get(Limit::None, "/admin/clients/{client_id}", clients::show)
        .post(Limit::None, "/admin/clients/{client_id}/update", clients::update)
        .post(Limit::None, "/admin/clients/{client_id}/rotate-secret", clients::rotate_secret)
        .post(Limit::None, "/admin/clients/{client_id}/delete", clients::delete)
        .get(Limit::None, "/admin/registration-tokens", clients::tokens)
        .post(Limit::None, "/admin/registration-tokens", clients::create_token)
        .post(Limit::None, "/admin/registration-tokens/{id}/revoke", clients::revoke_token)
        .get(Limit::None, "/admin/organizations", organizations::list)
        .post(Limit::None, "/admin/organizations", organizations::create)
        .get(Limit::None, "/admin/organizations/{id}", organizations::show)
        .post(Limit::None, "/admin/organizations/{id}/update", organizations::update)
        .post(Limit::None, "/admin/organizations/{id}/delete", organizations::delete)
        .post(Limit::None, "/admin/organizations/{id}/members", organizations::set_member)
        .post(
            Limit::None,
            "/admin/organizations/{id}/members/{user_id}/remove",
            organizations::remove_member,
        )
        .get(Limit::None, "/admin/{*rest}", error::not_found)
        .layer(axum::middleware::from_fn_with_state(pages.clone(), csrf::guard))
        .layer(axum::middleware::from_fn(error::scope_language))
        .layer(Extension(pages))
        .layer(axum::middleware::from_fn(headers::page_headers))
        .layer(axum::middleware::map_response(no_store))
}

/// What a console page shows (a secret once, accounts, the audit log) is never kept by the
/// browser or a proxy.
async fn no_store(mut res: axum::response::Response) -> axum::response::Response {
    let value = axum::http::HeaderValue::from_static("no-store");
    res.headers_mut().insert(axum::http::header::CACHE_CONTROL, value);
    res
}

/// Every admin API operation and the console page or form that does the same: `(the admin
/// API's method, its path as in the OpenAPI document, the console's method, its path as
/// registered above)`. Several operations may share a console page (an organisation's page
/// lists its members).
pub const ADMIN_API_TWINS: &[(&str, &str, &str, &str)] = &[
    ("GET", "/api/admin/users", "GET", "/admin/users"),
    ("POST", "/api/admin/users", "POST", "/admin/users"),
    ("GET", "/api/admin/users/{id}", "GET", "/admin/users/{id}"),
    ("PATCH", "/api/admin/users/{id}", "POST", "/admin/users/{id}/update"),
    ("DELETE", "/api/admin/users/{id}", "POST", "/admin/users/{id}/delete"),
    ("POST", "/api/admin/users/{id}/disable", "POST", "/admin/users/{id}/disable"),
    ("POST", "/api/admin/users/{id}/enable", "POST", "/admin/users/{id}/enable"),
    ("POST", "/api/admin/users/{id}/sessions/revoke", "POST", "/admin/users/{id}/sessions/revoke"),
    ("POST", "/api/admin/users/{id}/factors/reset", "POST", "/admin/users/{id}/factors/reset"),
    ("POST", "/api/admin/users/{id}/send-reset", "POST", "/admin/users/{id}/send-reset"),
    ("GET", "/api/admin/audit", "GET", "/admin/audit"),
    ("GET", "/api/admin/clients", "GET", "/admin/clients"),
    ("POST", "/api/admin/clients", "POST", "/admin/clients"),
    ("GET", "/api/admin/clients/{client_id}", "GET", "/admin/clients/{client_id}"),
    ("PATCH", "/api/admin/clients/{client_id}", "POST", "/admin/clients/{client_id}/update"),
    ("DELETE", "/api/admin/clients/{client_id}", "POST", "/admin/clients/{client_id}/delete"),
    (
        "POST",
        "/api/admin/clients/{client_id}/rotate-secret",
        "POST",
        "/admin/clients/{client_id}/rotate-secret",
    ),
    ("GET", "/api/admin/registration-tokens", "GET", "/admin/registration-tokens"),
    ("POST", "/api/admin/registration-tokens", "POST", "/admin/registration-tokens"),
    (
        "DELETE",
        "/api/admin/registration-tokens/{id}",
        "POST",
        "/admin/registration-tokens/{id}/revoke",
    ),
    ("GET", "/api/admin/organizations", "GET", "/admin/organizations"),
    ("POST", "/api/admin/organizations", "POST", "/admin/organizations"),
    ("GET", "/api/admin/organizations/{id}", "GET", "/admin/organizations/{id}"),
    ("PATCH", "/api/admin/organizations/{id}", "POST", "/admin/organizations/{id}/update"),
    ("DELETE", "/api/admin/organizations/{id}", "POST", "/admin/organizations/{id}/delete"),
    ("GET", "/api/admin/organizations/{id}/members", "GET", "/admin/organizations/{id}"),
    (
        "PUT",
        "/api/admin/organizations/{id}/members/{user_id}",
        "POST",
        "/admin/organizations/{id}/members",
    ),
    (
        "DELETE",
        "/api/admin/organizations/{id}/members/{user_id}",
        "POST",
        "/admin/organizations/{id}/members/{user_id}/remove",
    ),
];

/// A page's query string as `T`; anything it cannot read is left at the defaults (a page's
/// links are ours: a hand-edited one shows the first page rather than an error).
pub(super) fn query<T: DeserializeOwned + Default>(raw: Option<String>) -> T {
    raw.and_then(|q| serde_urlencoded::from_str(&q).ok()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::ADMIN_API_TWINS;

    /// Every operation of the admin API's document has its console twin, and every twin names
    /// an operation the document has.
    #[test]
    fn every_admin_api_operation_has_a_console_twin() {
        let doc = crate::http::document();
        let mut documented = Vec::new();
        for (path, item) in doc.paths.paths.iter().filter(|(p, _)| p.starts_with("/api/admin/")) {
            for (method, op) in [
                ("GET", &item.get),
                ("POST", &item.post),
                ("PUT", &item.put),
                ("PATCH", &item.patch),
                ("DELETE", &item.delete),
            ] {
                if op.is_some() {
                    documented.push((method, path.as_str()));
                }
            }
        }
        for (method, path) in &documented {
            assert!(
                ADMIN_API_TWINS.iter().any(|(m, p, _, _)| m == method && p == path),
                "{method} {path} has no console twin"
            );
        }
        for (method, path, console_method, console_path) in ADMIN_API_TWINS {
            assert!(documented.contains(&(method, path)), "{method} {path} is not documented");
            assert!(matches!(*console_method, "GET" | "POST"), "{console_method}");
            assert!(console_path.starts_with("/admin/"), "{console_path}");
        }
    }
}
