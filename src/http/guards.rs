//! The guards a surface puts in front of its handlers, each refusing in the surface's own
//! shape ([`Guards::render`]: JSON, or the pages' error page): the client IP's budget on the
//! routes anyone may call, and the Origin check on state-changing requests. A surface chooses
//! them when it is built ([`super::surface::Surface`]); nothing here looks at the path.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::state::AppState;
use crate::error::{AppError, ErrorCode};

/// How a surface answers an error: [`json`], or the pages' error page.
pub(crate) type Render = fn(AppError) -> Response;

/// The JSON error shape (CONTRACTS section 1).
pub(crate) fn json(e: AppError) -> Response {
    e.into_response()
}

/// What a surface's guards need: the state, and the surface's way of answering a refusal.
#[derive(Clone)]
pub(crate) struct Guards {
    pub(crate) state: AppState,
    pub(crate) render: Render,
}

/// `429` with `Retry-After` once a client IP has spent its budget. Layered on the routes a
/// surface registers as open to anyone ([`super::surface::Limit::PerIp`]), so every request
/// it sees spends one token.
pub(crate) async fn rate_limit(
    State(Guards { state, render }): State<Guards>,
    req: Request,
    next: Next,
) -> Response {
    let ip = super::extract::client_ip(
        req.headers(),
        req.extensions(),
        state.auth.settings().trust_proxy,
    );
    if let Some(ip) = ip {
        if let Err(e) = state.auth.limits().check_ip(ip, crate::clock::now_ms()).await {
            return render(e.into());
        }
    }
    next.run(req).await
}

/// Refuses cross-origin state-changing requests that a browser could make with the user's
/// cookie (CSRF).
///
/// The rule, for POST, PUT, PATCH and DELETE without an `Authorization: Bearer` token (which
/// is never sent by a browser on its own, and which is then the request's only credential, and a cross-origin request that sets the header
/// needs a CORS preflight, which only allowed origins pass):
/// - an `Origin` header must be the public URL's origin or one of `PORTCULLIS_CORS_ORIGINS`;
/// - `Origin: null` passes only with `Sec-Fetch-Site: same-origin`: browsers send `null` for
///   a same-origin form post when the page's `Referrer-Policy` is `no-referrer` (as ours all
///   are), and also from sandboxed frames and after cross-site redirects, which that header
///   tells apart;
/// - without `Origin`, a `Sec-Fetch-Site` header must be `same-origin` or `none` (typed or
///   bookmarked by the user);
/// - with neither header the request did not come from a browser that could carry the
///   victim's cookie across sites (every current browser sends `Origin` on cross-origin
///   POSTs), so it passes: this is what keeps the seed services' original clients, which send
///   no `Origin`, working on the legacy route sets.
///
/// `SameSite=Lax` on the session cookie already keeps it off cross-site POSTs; this check is
/// the second, independent layer (and it also stops login CSRF, where no cookie is involved).
pub(crate) async fn origin(
    State(Guards { state, render }): State<Guards>,
    req: Request,
    next: Next,
) -> Response {
    use axum::http::Method;
    let changes_state =
        matches!(*req.method(), Method::POST | Method::PUT | Method::PATCH | Method::DELETE);
    // Only a bearer or DPoP token exempts a request: a browser never attaches one by itself,
    // whereas it does replay `Basic` (and other) credentials it has cached for the site, so
    // any other scheme is no sign that the request was made deliberately.
    let token = super::extract::bearer(req.headers()).or(super::extract::dpop_token(req.headers()));
    if changes_state && token.is_none() {
        let settings = &state.auth.settings();
        let headers = req.headers();
        let site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
        let allowed = match headers.get(axum::http::header::ORIGIN) {
            Some(origin) if origin == "null" => site == Some("same-origin"),
            Some(origin) => origin.to_str().is_ok_and(|o| {
                let o = o.trim_end_matches('/');
                o == public_origin(&settings.public_url)
                    || settings.cors_origins.iter().any(|c| c == o)
            }),
            None => site.is_none_or(|site| site == "same-origin" || site == "none"),
        };
        if !allowed {
            let refused =
                AppError::forbidden(ErrorCode::CrossOriginRequest, "Cross-origin request refused");
            return render(refused);
        }
    }
    next.run(req).await
}

/// `https://auth.example.com/base` -> `https://auth.example.com`.
fn public_origin(public_url: &str) -> &str {
    let after_scheme = public_url.find("://").map_or(0, |i| i + 3);
    match public_url[after_scheme..].find('/') {
        Some(i) => &public_url[..after_scheme + i],
        None => public_url,
    }
}
