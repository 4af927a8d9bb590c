//! HTTP, built around surfaces: the JSON API ([`api`]), the hosted pages ([`pages`]), the admin
//! API ([`admin`]), each legacy route set ([`legacy`]) and the operational routes ([`ops`]).
//! Each surface registers its routes with their limit class and documentation and owns its
//! guards ([`surface`]); every listener puts the same common stack over its surfaces
//! ([`stack`]). This module is only the top: it decides which surfaces each listener serves.
//! Nothing below imports from it.

pub mod admin;
mod admin_orgs;
pub mod answers;
pub mod api;
pub mod cookies;
pub mod extract;
mod guards;
mod legacy;
pub(crate) mod observe;
pub mod openapi;
mod ops;
pub(crate) mod pages;
pub mod provider;
pub mod server;
mod stack;
pub mod state;
mod surface;

use axum::Router;

pub use pages::console::ADMIN_API_TWINS;
pub use state::AppState;
pub use surface::{Limit, LimitedRoute};

use stack::Cors;
use surface::Mounted;

/// The main listener: every surface the settings turn on, without binding a socket (tests can
/// drive it with `oneshot`).
pub fn router(state: AppState) -> Router {
    let settings = state.auth.settings().clone();
    let metrics = state.auth.metrics().clone();
    let app = main_surfaces(&state).routes.with_state(state);
    stack::common(app.into(), &settings, metrics, Cors::Allowed)
}

/// The admin API alone, for its own listener (`PORTCULLIS_ADMIN_BIND`), without CORS: no
/// browser page calls it.
pub fn admin_router(state: AppState) -> Router {
    let settings = state.auth.settings().clone();
    let metrics = state.auth.metrics().clone();
    let mut app = Mounted::empty(Default::default()).merge(admin::surface(Some(&state)));
    if settings.admin_console {
        app = app.merge(pages::console::surface(&state));
    }
    stack::common(app.routes.with_state(state).into(), &settings, metrics, Cors::Off)
}

/// The metrics listener (`PORTCULLIS_METRICS_BIND`): `/metrics` only.
pub fn metrics_router(state: AppState) -> Router {
    let settings = state.auth.settings().clone();
    let metrics = state.auth.metrics().clone();
    let app = Mounted::empty(Default::default()).merge(ops::metrics_surface(&state));
    stack::common(app.routes.with_state(state).into(), &settings, metrics, Cors::Off)
}

/// The routes of the main listener that spend the client IP's budget, as registered.
pub fn rate_limited_routes(state: &AppState) -> Vec<LimitedRoute> {
    main_surfaces(state).limited
}

/// The OpenAPI 3.1 document of every JSON route, whichever the settings turn on.
pub fn document() -> utoipa::openapi::OpenApi {
    let all = Mounted::empty(Default::default())
        .merge(api::surface(None))
        .merge(pages::oauth::surface(None))
        .merge(legacy::root::surface(None))
        .merge(legacy::alx::surface(None))
        .merge(legacy::api_v1::surface(None))
        .merge(ops::surface(None, None))
        .merge(ops::probes(None))
        .merge(ops::dev(None))
        .merge(admin::surface(None));
    openapi::document(all.routes.into_openapi())
}

/// [`document`] as this server answers (each new password's `minLength` is its policy's):
/// what `GET /openapi.json` serves.
pub fn document_for(settings: &crate::config::Settings) -> utoipa::openapi::OpenApi {
    openapi::for_settings(document(), settings)
}

/// The surfaces the main listener serves.
fn main_surfaces(state: &AppState) -> Mounted {
    let settings = &state.auth.settings();
    let mut app = Mounted::empty(Default::default())
        .merge(api::surface(Some(state)))
        .merge(pages::oauth::surface(Some(state)))
        .merge(provider::surface(Some(state)))
        .merge(ops::surface(Some(state), Some(document_for(settings))))
        .merge(ops::probes(Some(state)));
    for dialect in &settings.dialects {
        app = match dialect.as_str() {
            "root" => app.merge(legacy::root::surface(Some(state))),
            "alx" => app.merge(legacy::alx::surface(Some(state))),
            "api-v1" => app.merge(legacy::api_v1::surface(Some(state))),
            _ => app,
        };
    }
    if settings.dev {
        app = app.merge(ops::dev(Some(state)));
    }
    if settings.admin_api && settings.admin_bind.is_none() {
        app = app.merge(admin::surface(Some(state)));
        if settings.admin_console {
            app = app.merge(pages::console::surface(state));
        }
    }
    if settings.pages {
        app = app.merge(pages::surface(state));
    } else {
        pages::warn_if_links_point_here(settings);
    }
    if settings.metrics_token.is_some() {
        app = app.merge(ops::metrics_with_token_surface(state));
    }
    app
}
