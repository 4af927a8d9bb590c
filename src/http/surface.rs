//! A surface: one route set (the JSON API, the pages, the admin API, a legacy set, the
//! operational routes) that owns its whole pipeline below the common stack. A route is
//! registered once, with its limit class and, for the JSON routes, its OpenAPI documentation
//! (`utoipa_axum::routes!` reads the handler's `#[utoipa::path]`), so the routes that spend the
//! client IP's budget and the routes in the document are the routes served. A surface chooses
//! its guards (the Origin check, and how a refusal looks) and adds its own layers; nothing
//! outside it tells its routes apart by path.

use std::convert::Infallible;

use axum::extract::Request;
use axum::handler::Handler;
use axum::response::IntoResponse;
use axum::routing::{MethodRouter, Route};
use tower::{Layer, Service};
use utoipa::openapi::path::PathItem;
use utoipa::openapi::OpenApi;
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouter};

use super::extract::Reach;
use super::guards::{self, Guards, Render};
use super::state::AppState;

/// What a route costs a client before its handler runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// Open to anyone without a session: each request spends the client IP's budget (`429`
    /// with `Retry-After` once it is spent).
    PerIp,
    /// No IP budget: the route needs a session or an API key (whose writes spend the
    /// account's own budget), or it only shows a page, an asset or a probe.
    None,
}

/// How a route is registered: its [`Limit`], and whether a signed-in request may do more there
/// than on an ordinary route ([`Reach`]: a session that must still enrol may reach it, or it
/// signs out). A bare [`Limit`] is an ordinary route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Class {
    limit: Limit,
    reach: Option<Reach>,
}

impl Class {
    /// Part of enrolling a second factor: a session that must still enrol may reach it.
    pub(crate) const ENROLMENT: Self = Self { limit: Limit::None, reach: Some(Reach::Enrolment) };
    /// Signing out: spends no write budget, and a session that must still enrol may do it.
    pub(crate) const SIGN_OUT: Self = Self { limit: Limit::None, reach: Some(Reach::SignOut) };
}

impl From<Limit> for Class {
    fn from(limit: Limit) -> Self {
        Self { limit, reach: None }
    }
}

/// A route registered as [`Limit::PerIp`]: `method` (upper case) and `path` (as registered,
/// `{name}` for a path parameter).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LimitedRoute {
    pub method: String,
    pub path: String,
}

/// A surface being built.
pub(crate) struct Surface {
    routes: OpenApiRouter<AppState>,
    /// `None` when only the document is built (`portcullis openapi`): no guards then.
    guards: Option<Guards>,
    limited: Vec<LimitedRoute>,
    /// The Origin check on state-changing requests (every surface but the provider's machine
    /// endpoints, where no cookie counts).
    origin_check: bool,
}

impl Surface {
    /// A surface whose document starts from `doc` (its tags and shared schemas), answering
    /// refusals as JSON, with the Origin check on its state-changing requests (every surface
    /// has it: a request with a bearer token passes it, and so does one from no browser).
    /// Without a state only its routes' document is built.
    pub(crate) fn new(state: Option<&AppState>, doc: OpenApi) -> Self {
        Self {
            routes: OpenApiRouter::with_openapi(doc),
            guards: state.map(|state| Guards { state: state.clone(), render: guards::json }),
            limited: Vec::new(),
            origin_check: true,
        }
    }

    /// No Origin check: for routes that never read a cookie and that browsers on other
    /// origins call with credentials of their own (the provider's token endpoint).
    pub(crate) fn without_origin_check(mut self) -> Self {
        self.origin_check = false;
        self
    }

    /// Refusals by this surface's guards look like `render`'s answers.
    pub(crate) fn render_with(mut self, render: Render) -> Self {
        if let Some(guards) = &mut self.guards {
            guards.render = render;
        }
        self
    }

    /// Documented routes (`utoipa_axum::routes!`: one path, one or more methods).
    pub(crate) fn routes(
        mut self,
        class: impl Into<Class>,
        routes: UtoipaMethodRouter<AppState>,
    ) -> Self {
        let class = class.into();
        let (schemas, mut paths, method_router) = routes;
        if let Some(reach) = class.reach {
            mark_reach(&mut paths.paths, reach);
        }
        if class.limit == Limit::PerIp {
            for (path, item) in &paths.paths {
                for method in methods(item) {
                    self.limited.push(LimitedRoute { method: method.into(), path: path.clone() });
                }
            }
        }
        let method_router = self.guard(class, method_router);
        self.routes = self.routes.routes((schemas, paths, method_router));
        self
    }

    /// An undocumented `GET` route (a page, an asset, the document itself).
    pub(crate) fn get<H, T>(self, class: impl Into<Class>, path: &str, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.undocumented(class.into(), "GET", path, axum::routing::get(handler))
    }

    /// An undocumented `POST` route (a page's form).
    pub(crate) fn post<H, T>(self, class: impl Into<Class>, path: &str, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.undocumented(class.into(), "POST", path, axum::routing::post(handler))
    }

    /// An undocumented route of another method (`PUT`, `DELETE`).
    pub(crate) fn method(
        self,
        class: impl Into<Class>,
        method: &str,
        path: &str,
        method_router: MethodRouter<AppState>,
    ) -> Self {
        self.undocumented(class.into(), method, path, method_router)
    }

    fn undocumented(
        mut self,
        class: Class,
        method: &str,
        path: &str,
        method_router: MethodRouter<AppState>,
    ) -> Self {
        if class.limit == Limit::PerIp {
            self.limited.push(LimitedRoute { method: method.into(), path: path.into() });
        }
        let method_router = self.guard(class, method_router);
        self.routes = self.routes.route(path, method_router);
        self
    }

    /// `method_router` behind the IP budget when `class` says so (and a state is there), its
    /// requests marked with the class's [`Reach`] for the session extractors.
    fn guard(&self, class: Class, method_router: MethodRouter<AppState>) -> MethodRouter<AppState> {
        let method_router = match class.reach {
            Some(reach) => method_router.route_layer(axum::Extension(reach)),
            None => method_router,
        };
        match (&self.guards, class.limit) {
            (Some(guards), Limit::PerIp) => method_router.route_layer(
                axum::middleware::from_fn_with_state(guards.clone(), guards::rate_limit),
            ),
            _ => method_router,
        }
    }

    /// A layer of this surface's own over every route registered so far (and over their
    /// `405`s), inside the Origin check.
    pub(crate) fn layer<L>(mut self, layer: L) -> Self
    where
        L: Layer<Route> + Clone + Send + Sync + 'static,
        L::Service: Service<Request> + Clone + Send + Sync + 'static,
        <L::Service as Service<Request>>::Response: IntoResponse + 'static,
        <L::Service as Service<Request>>::Error: Into<Infallible> + 'static,
        <L::Service as Service<Request>>::Future: Send + 'static,
    {
        self.routes = self.routes.layer(layer);
        self
    }

    /// The finished surface: the Origin check outermost.
    pub(crate) fn finish(self) -> Mounted {
        let routes = match &self.guards {
            Some(guards) if self.origin_check => self
                .routes
                .layer(axum::middleware::from_fn_with_state(guards.clone(), guards::origin)),
            _ => self.routes,
        };
        Mounted { routes, limited: self.limited }
    }
}

/// Finished surfaces, merged: their routes with their document, and the routes that spend
/// the client IP's budget.
pub(crate) struct Mounted {
    pub(crate) routes: OpenApiRouter<AppState>,
    pub(crate) limited: Vec<LimitedRoute>,
}

impl Mounted {
    /// Nothing yet, with `doc` (the document's title, description and security schemes).
    pub(crate) fn empty(doc: OpenApi) -> Self {
        Self { routes: OpenApiRouter::with_openapi(doc), limited: Vec::new() }
    }

    pub(crate) fn merge(mut self, other: Surface) -> Self {
        let other = other.finish();
        self.routes = self.routes.merge(other.routes);
        self.limited.extend(other.limited);
        self
    }
}

/// The methods `item` documents, upper case.
fn methods(item: &PathItem) -> Vec<&'static str> {
    [
        ("GET", &item.get),
        ("PUT", &item.put),
        ("POST", &item.post),
        ("DELETE", &item.delete),
        ("OPTIONS", &item.options),
        ("HEAD", &item.head),
        ("PATCH", &item.patch),
        ("TRACE", &item.trace),
    ]
    .into_iter()
    .filter_map(|(name, op)| op.is_some().then_some(name))
    .collect()
}

/// Tells the document what a signed-in request may do on these operations beyond an ordinary
/// one's (`x-portcullis-reach`): `openapi::CommonAnswers` lists their answers from it.
fn mark_reach(paths: &mut utoipa::openapi::path::PathsMap<String, PathItem>, reach: Reach) {
    use super::openapi::{REACH, REACH_ENROLMENT, REACH_SIGN_OUT};
    let value = match reach {
        Reach::Enrolment => REACH_ENROLMENT,
        Reach::SignOut => REACH_SIGN_OUT,
    };
    for item in paths.values_mut() {
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.options,
            &mut item.head,
            &mut item.patch,
            &mut item.trace,
        ];
        for op in operations.into_iter().flatten() {
            op.extensions
                .get_or_insert_with(Default::default)
                .insert(REACH.to_owned(), serde_json::Value::from(value));
        }
    }
}
