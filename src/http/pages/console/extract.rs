//! What console handlers read from a request, and how they answer: [`Console`] (an
//! administrator in a console session, or the sign-in page), [`ConsolePage`] (a console
//! template with what every console page shows) and [`ConsoleError`] (the console's error
//! page, or the step-up form when a change came too long after the last proof).

use axum::extract::FromRequestParts;
use axum::http::header::{LOCATION, REFERER, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use cookie::SameSite;
use minijinja::{context, Value};

use super::super::extract::safe_next;
use super::super::render::Page;
use crate::config::Settings;
use crate::error::{AppError, ErrorCode};
use crate::http::cookies;
use crate::http::extract::Client;
use crate::http::state::AppState;
use crate::service::ConsoleAdmin;

/// The console session's cookie: `HttpOnly`, `SameSite=Strict`, only sent under `/admin`.
fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Secure-portcullis_admin"
    } else {
        "portcullis_admin"
    }
}

fn attributes(settings: &Settings, max_age: cookie::time::Duration) -> cookies::Attributes {
    cookies::Attributes {
        same_site: SameSite::Strict,
        path: "/admin",
        secure: settings.secure_cookies(),
        max_age: Some(max_age),
    }
}

/// `Set-Cookie` for a new console session.
pub fn session_cookie(settings: &Settings, token: &str) -> HeaderValue {
    let age = cookie::time::Duration::seconds(settings.admin_session_ttl.as_secs() as i64);
    cookies::set(cookie_name(settings.secure_cookies()), token, attributes(settings, age))
}

/// `Set-Cookie` that deletes the console session's cookie.
pub fn clear_cookie(settings: &Settings) -> HeaderValue {
    let zero = cookie::time::Duration::ZERO;
    cookies::set(cookie_name(settings.secure_cookies()), "", attributes(settings, zero))
}

/// The console session's token this browser sent, if any.
pub fn presented(settings: &Settings, headers: &HeaderMap) -> Option<String> {
    cookies::value(headers, cookie_name(settings.secure_cookies()))
}

/// An administrator in a live console session. Without one, a `GET` goes to the sign-in page
/// and anything else gets the error page (`401`); a signed-in account that lost the role gets
/// `403`.
pub struct Console(pub ConsoleAdmin);

impl FromRequestParts<AppState> for Console {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let settings = state.auth.settings();
        let found = match presented(settings, &parts.headers) {
            Some(token) => {
                let access = crate::http::extract::access(parts, state);
                match state.auth.authenticate_console_cookie(&token, access).await {
                    Ok(mut auth) => {
                        let Ok(Client(client)) = Client::from_request_parts(parts, state).await;
                        auth.client = client;
                        state.auth.console_admin(auth).await.map(Some)
                    }
                    Err(AppError::Unauthorized { .. }) => Ok(None),
                    Err(e) => Err(e),
                }
            }
            None => Ok(None),
        };
        let page = Page::from_request_parts(parts, state).await?;
        match found {
            Ok(Some(admin)) => Ok(Self(admin)),
            Ok(None) | Err(AppError::Unauthorized { .. }) if parts.method == Method::GET => {
                let next = parts.uri.path_and_query().map_or("/admin/", |p| p.as_str());
                let to = format!("/admin/login?next={}", urlencoding(next));
                let mut res = page.see_other(&to).into_response();
                res.headers_mut().append(SET_COOKIE, clear_cookie(settings));
                Err(res)
            }
            Ok(None) => Err(ConsoleError::new(page, AppError::unauthenticated()).into_response()),
            Err(e) => Err(ConsoleError::new(page, e).into_response()),
        }
    }
}

fn urlencoding(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// Where a console page may send someone next: a path under `/admin/`, else the dashboard.
pub fn console_next(next: Option<&str>) -> &str {
    match safe_next(next) {
        n if n.starts_with("/admin/") => n,
        _ => "/admin/",
    }
}

/// The path (and query) of the console page a form was posted from, for coming back to it.
fn came_from(headers: &HeaderMap) -> Option<String> {
    let referer = headers.get(REFERER)?.to_str().ok()?;
    let url = url::Url::parse(referer).ok()?;
    let path = match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_owned(),
    };
    Some(console_next(Some(&path)).to_owned())
}

/// The page of what a console form at `action` acts on: `/admin/users/{id}` for
/// `/admin/users/{id}/disable` (and for `/admin/users/{id}/sessions/{sid}/revoke`),
/// `/admin/users` for `/admin/users`.
fn acted_on(action: &str) -> Option<String> {
    let path = action.split('?').next().unwrap_or_default();
    let page: Vec<&str> = path.split('/').take(4).collect();
    Some(console_next(Some(&page.join("/"))).to_owned())
}

/// A console page being answered: the pages' [`Page`] (templates, CSRF token) and who is
/// signed in.
pub struct ConsolePage {
    page: Page,
    admin: Option<(String, bool)>,
    back: Option<String>,
}

impl ConsolePage {
    pub fn new(page: Page) -> Self {
        Self { page, admin: None, back: None }
    }

    /// The page as `admin` sees it: the header names them, and says whether changes need a
    /// step-up first.
    pub fn of(page: Page, state: &AppState, admin: &ConsoleAdmin) -> Self {
        let fresh = admin.changing(&state.auth).is_ok();
        Self { page, admin: Some((admin.auth.user.email.clone(), fresh)), back: None }
    }

    /// `template` (under `admin/`) with `ctx` and what every console page shows.
    pub fn render(self, status: StatusCode, template: &str, ctx: Value) -> Response {
        let query = self.page.path().split_once('?').map(|(_, q)| q.to_owned());
        let notice: super::dashboard::Notice = super::query(query);
        let base = context! {
            notice => notice.message(),
            admin_email => self.admin.as_ref().map(|(e, _)| e.clone()),
            stepped_up => self.admin.as_ref().is_some_and(|(_, f)| *f),
            back => self.back,
            // The console's own copies: the hosted pages' may not be on this listener.
            css_url => Value::from_safe_string(super::super::assets::console_css_url()),
            icon_url => Value::from_safe_string(super::super::assets::console_icon_url()),
        };
        self.page.render(status, template, context! { ..ctx, ..base })
    }

    /// `303 See Other` to `location`, with the one-word notice `notice` shown there.
    pub fn done(&self, location: &str, notice: &str) -> Response {
        let sep = if location.contains('?') { '&' } else { '?' };
        let to = format!("{location}{sep}notice={notice}");
        let mut res = StatusCode::SEE_OTHER.into_response();
        let value =
            HeaderValue::from_str(&to).unwrap_or_else(|_| HeaderValue::from_static("/admin/"));
        res.headers_mut().insert(LOCATION, value);
        res
    }
}

/// A console handler's refusal: the console's error page with the service's (English)
/// message, or, for `reauthentication_required`, the step-up form that comes back to the page
/// the change was asked from.
pub struct ConsoleError {
    page: Page,
    error: AppError,
    back: Option<String>,
}

impl ConsoleError {
    pub fn new(page: Page, error: AppError) -> Self {
        Self { page, error, back: None }
    }

    /// Refusals of a form posted from a page: the step-up form comes back there (the page the
    /// `Referer` names; our pages send none, `Referrer-Policy: no-referrer`, so else the page
    /// of what the form acts on).
    pub fn from(page: Page, headers: &HeaderMap) -> impl Fn(AppError) -> Self {
        let back = came_from(headers).or_else(|| acted_on(page.path()));
        move |error| Self { page: page.clone(), error, back: back.clone() }
    }
}

impl IntoResponse for ConsoleError {
    fn into_response(self) -> Response {
        if let AppError::Unexpected(_) = self.error {
            return super::super::error_response(self.error);
        }
        let status = self.error.status();
        let mut page = ConsolePage::new(self.page);
        page.back = self.back;
        let message = self.error.public_message().into_owned();
        let template = match self.error.code() {
            ErrorCode::ReauthenticationRequired => "admin/step_up.html",
            _ => "admin/error.html",
        };
        let mut res =
            page.render(status, template, context! { message, code => self.error.code().as_str() });
        if let Some(secs) = self.error.retry_after() {
            res.headers_mut().insert(axum::http::header::RETRY_AFTER, HeaderValue::from(secs));
        }
        res
    }
}

/// A change without a form of its own (a button): runs `action` as the administrator once the
/// step-up window holds, then goes to `to` with `notice`; a refusal is the error page, or the
/// step-up form coming back to the page the button was on.
pub async fn act<T>(
    state: &AppState,
    admin: &ConsoleAdmin,
    headers: &HeaderMap,
    page: Page,
    to: &str,
    notice: &str,
    action: impl AsyncFnOnce(&crate::service::admin_api::AdminCaller) -> crate::error::Result<T>,
) -> Response {
    let fail = ConsoleError::from(page.clone(), headers);
    let caller = match admin.changing(&state.auth) {
        Ok(c) => c,
        Err(e) => return fail(e).into_response(),
    };
    match action(caller).await {
        Ok(_) => ConsolePage::of(page, state, admin).done(to, notice),
        Err(e) => fail(e).into_response(),
    }
}
