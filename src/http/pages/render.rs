//! What a page handler renders through: the [`Page`] (the templates, this browser's CSRF
//! token and the one-time message waiting for it), and redirects with a [`Flash`].

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::header::{ACCEPT_LANGUAGE, LOCATION, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use minijinja::{context, Value};

use super::csrf;
use super::error::error_response;
pub use super::flash::Flash;
use super::flash::{clear_login_hint, flash_cookie, login_hint, login_hint_cookie, FLASH_COOKIE};
use super::templates::Pages;
use crate::error::AppError;
use crate::http::state::AppState;
use crate::i18n::negotiate::Preferences;
use crate::i18n::LANG_COOKIE;

/// What a page handler renders through: the templates, this browser's CSRF token (an existing
/// one, or a new one set with the response), and the one-time message waiting for it.
#[derive(Clone)]
pub struct Page {
    pages: Arc<Pages>,
    csrf: String,
    set_csrf: bool,
    flash: Option<Flash>,
    /// The address just registered in this browser, for the login form.
    login_hint: Option<String>,
    /// The language the page is in (a tag of the catalogues).
    locale: String,
    /// This request's path and query, where the language switcher comes back to.
    path: String,
}

/// The signed-in person's stored locale, left in the request by the extractor that found the
/// session, for the [`Page`] extracted after it.
#[derive(Clone)]
pub struct StoredLocale(pub Option<String>);

/// What the request says of its language, without the person's stored locale: the
/// `ui_locales` of an authorization request (this one, or the one in its `next`), the
/// switcher's cookie and `Accept-Language`.
pub fn request_preferences(parts: &Parts) -> Preferences {
    let query = parts.uri.query().unwrap_or("");
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap_or_default();
    let find = |pairs: &[(String, String)], name: &str| {
        pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    };
    let ui_locales = find(&pairs, "ui_locales").or_else(|| {
        // The login page on the way to an authorization: its `next` holds the request.
        let next = find(&pairs, "next")?;
        let (_, next_query) = next.split_once('?')?;
        let next_pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(next_query).unwrap_or_default();
        find(&next_pairs, "ui_locales")
    });
    Preferences {
        stored: None,
        ui_locales,
        cookie: crate::http::cookies::value(&parts.headers, LANG_COOKIE),
        accept_language: parts
            .headers
            .get(ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
    }
}

impl FromRequestParts<AppState> for Page {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, Response> {
        let Some(pages) = parts.extensions.get::<Arc<Pages>>().cloned() else {
            return Err(error_response(AppError::Unexpected(anyhow::anyhow!(
                "page handler outside the pages router"
            ))));
        };
        let (csrf, set_csrf) = match csrf::presented_cookie(&parts.headers, pages.secure) {
            Some(token) => (token, false),
            None => (csrf::new_token(), true),
        };
        let flash = crate::http::cookies::value(&parts.headers, FLASH_COOKIE)
            .and_then(|c| Flash::parse(&c));
        let login_hint = login_hint(&parts.headers, pages.secure);
        let mut prefs = request_preferences(parts);
        prefs.stored = parts.extensions.get::<StoredLocale>().and_then(|s| s.0.clone());
        let locale = prefs.choose(&pages.cats).to_owned();
        let path = parts.uri.path_and_query().map_or("/account/", |p| p.as_str()).to_owned();
        Ok(Self { pages, csrf, set_csrf, flash, login_hint, locale, path })
    }
}

impl Page {
    /// `template` with `ctx`, the CSRF token and the waiting message (which is then cleared).
    /// `ctx` may set `errors` and `values` (maps by field name); both default to empty.
    pub fn render(self, status: StatusCode, template: &str, ctx: Value) -> Response {
        let lang = self.pages.cats.language(&self.locale);
        let base = context! {
            locale => &self.locale,
            lang => lang.tag(),
            dir => lang.dir(),
            path => &self.path,
            csrf => &self.csrf,
            flash => self.flash.map(Flash::view),
            errors => Value::from(BTreeMap::<String, String>::new()),
            values => Value::from(BTreeMap::<String, String>::new()),
        };
        let html = match self.pages.render(template, context! { ..ctx, ..base }) {
            Ok(html) => html,
            Err(e) => return error_response(e),
        };
        let mut res = (status, Html(html)).into_response();
        self.attach_cookies(&mut res);
        if self.flash.is_some() {
            let clear = flash_cookie("", self.pages.secure, cookie::time::Duration::ZERO);
            res.headers_mut().append(SET_COOKIE, clear);
        }
        res
    }

    /// Whether cookies get `Secure`.
    pub fn secure(&self) -> bool {
        self.pages.secure
    }

    /// The language the page is in.
    pub fn locale(&self) -> &str {
        &self.locale
    }

    /// The catalogues the page is written from.
    pub fn catalogues(&self) -> &Arc<crate::i18n::Catalogues> {
        &self.pages.cats
    }

    /// This request's path and query.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The address registered last in this browser (within the hour, and nobody has logged in
    /// since), for the login form.
    pub fn login_hint(&self) -> Option<&str> {
        self.login_hint.as_deref()
    }

    /// `303 See Other` to `location` (a path on this server).
    pub fn see_other(&self, location: &str) -> Redirect {
        Redirect {
            location: HeaderValue::from_str(location)
                .unwrap_or_else(|_| HeaderValue::from_static("/account/")),
            cookies: Vec::new(),
            secure: self.pages.secure,
        }
    }

    fn attach_cookies(&self, res: &mut Response) {
        if self.set_csrf {
            res.headers_mut().append(SET_COOKIE, csrf::cookie(&self.csrf, self.pages.secure));
        }
    }
}

/// A `303 See Other`, with a one-time message and cookies.
pub struct Redirect {
    location: HeaderValue,
    cookies: Vec<HeaderValue>,
    secure: bool,
}

impl Redirect {
    pub fn flash(mut self, flash: Flash) -> Self {
        let max_age = cookie::time::Duration::seconds(60);
        self.cookies.push(flash_cookie(flash.code(), self.secure, max_age));
        self
    }

    /// Remembers `email` for the login form (after registering).
    pub fn login_hint(self, email: &str) -> Self {
        let secure = self.secure;
        self.cookie(login_hint_cookie(email, secure))
    }

    /// Forgets the login hint (after logging in).
    pub fn clear_login_hint(self) -> Self {
        let secure = self.secure;
        self.cookie(clear_login_hint(secure))
    }

    pub fn cookie(mut self, cookie: HeaderValue) -> Self {
        self.cookies.push(cookie);
        self
    }

    /// A fresh CSRF token for what follows (after a login, so that a token planted before it,
    /// say by a sibling subdomain, is worthless after).
    pub fn new_csrf(self) -> Self {
        let secure = self.secure;
        self.cookie(csrf::cookie(&csrf::new_token(), secure))
    }
}

impl Redirect {
    /// The same, as a page that goes on to the location by itself (`continue.html`), with the
    /// same cookies, after them the page's own.
    /// `message` is a key of the catalogues.
    pub fn into_page(self, page: Page, url: &str, message: &str) -> Response {
        let mut res = page.render(StatusCode::OK, "continue.html", context! { url, message });
        for c in self.cookies {
            res.headers_mut().append(SET_COOKIE, c);
        }
        res
    }
}

impl IntoResponse for Redirect {
    fn into_response(self) -> Response {
        let mut res = StatusCode::SEE_OTHER.into_response();
        res.headers_mut().insert(LOCATION, self.location);
        for c in self.cookies {
            res.headers_mut().append(SET_COOKIE, c);
        }
        res
    }
}

/// A page for unit tests: a CSRF token of its own, no message waiting.
#[cfg(test)]
pub(super) fn test_page(pages: Arc<Pages>) -> Page {
    let locale = pages.cats.default_locale().to_owned();
    Page {
        pages,
        csrf: csrf::new_token(),
        set_csrf: false,
        flash: None,
        login_hint: None,
        locale,
        path: "/account/".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flash_codes_round_trip_and_others_are_ignored() {
        for &f in Flash::ALL {
            assert_eq!(Flash::parse(f.code()), Some(f));
        }
        assert_eq!(Flash::parse("<script>"), None);
    }
}
