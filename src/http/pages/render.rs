//! Rendering pages: the templates, the [`Page`] a handler renders through (CSRF token and
//! one-time message included), redirects with a [`Flash`], form errors, and the error page.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE, LOCATION, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use minijinja::{context, Environment, Value};

pub use super::flash::Flash;
use super::flash::{clear_login_hint, flash_cookie, login_hint, login_hint_cookie, FLASH_COOKIE};
use super::{assets, csrf};
use crate::config::Settings;
use crate::error::{AppError, ErrorCode};
use crate::http::state::AppState;

macro_rules! templates {
    ($env:ident, $($name:literal),* $(,)?) => {
        $( $env.add_template($name, include_str!(concat!("../../../templates/pages/", $name)))?; )*
    };
}

fn environment(settings: &Settings) -> Result<Environment<'static>, minijinja::Error> {
    let mut env = Environment::new();
    templates!(
        env,
        "_layout.html",
        "_forms.html",
        "login.html",
        "register.html",
        "verify_email.html",
        "forgot_password.html",
        "reset_password.html",
        "account.html",
        "mfa_code.html",
        "mfa_setup.html",
        "mfa_codes.html",
        "email_login.html",
        "to_provider.html",
        "error.html",
    );
    add_asset_urls(&mut env);
    let passkeys =
        crate::auth::passkey::relying_party(&settings.public_url, crate::mail::PRODUCT).is_ok();
    env.add_global("passkeys", passkeys);
    env.add_global("email_login", settings.email_login);
    let providers: Vec<_> = settings
        .providers
        .iter()
        .map(|p| minijinja::context! { name => &p.name, display_name => &p.display_name })
        .collect();
    env.add_global("providers", Value::from_serialize(&providers));
    env.add_global("password_hint", password_hint(&settings.password_policy));
    Ok(env)
}

/// Our own constant paths: marked safe so that they are not entity-escaped (`&#x2f;`).
fn add_asset_urls(env: &mut Environment<'static>) {
    env.add_global("css_url", Value::from_safe_string(assets::css_url()));
    env.add_global("script_url", Value::from_safe_string(assets::script_url()));
    env.add_global("icon_url", Value::from_safe_string(assets::icon_url()));
}

/// What a new password must be, in a sentence.
fn password_hint(policy: &crate::domain::PasswordPolicy) -> String {
    let mut hint = format!("At least {} characters", policy.min_length);
    if policy.require_letter_and_digit {
        hint.push_str(", with a letter and a digit");
    }
    hint.push_str("; a long phrase is best.");
    hint
}

/// The compiled templates and what every page needs to know of the settings.
pub struct Pages {
    env: Environment<'static>,
    /// Cookies get `Secure` (and the CSRF cookie the `__Host-` prefix) on https.
    pub secure: bool,
}

impl Pages {
    /// The templates are part of the binary; one that does not compile is a bug caught by the
    /// tests, never a runtime condition.
    pub fn new(settings: &Settings) -> Self {
        #[allow(clippy::expect_used)]
        let env = environment(settings).expect("the page templates compile");
        Self { env, secure: settings.secure_cookies() }
    }

    fn render(&self, template: &str, ctx: Value) -> Result<String, AppError> {
        self.env
            .get_template(template)
            .and_then(|t| t.render(ctx))
            .map_err(|e| AppError::Unexpected(anyhow::Error::new(e).context("rendering a page")))
    }
}

/// What a page handler renders through: the templates, this browser's CSRF token (an existing
/// one, or a new one set with the response), and the one-time message waiting for it.
pub struct Page {
    pages: Arc<Pages>,
    csrf: String,
    set_csrf: bool,
    flash: Option<Flash>,
    /// The address just registered in this browser, for the login form.
    login_hint: Option<String>,
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
        Ok(Self { pages, csrf, set_csrf, flash, login_hint })
    }
}

impl Page {
    /// `template` with `ctx`, the CSRF token and the waiting message (which is then cleared).
    /// `ctx` may set `errors` and `values` (maps by field name); both default to empty.
    pub fn render(self, status: StatusCode, template: &str, ctx: Value) -> Response {
        let base = context! {
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

/// Errors by form field, and one for the whole form.
#[derive(Debug, Default)]
pub struct FormErrors {
    pub fields: BTreeMap<String, String>,
    pub general: Option<String>,
    pub status: Option<StatusCode>,
    /// The service's error code, when the errors came from one.
    pub code: Option<ErrorCode>,
}

impl FormErrors {
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        let mut e = Self::default();
        e.fields.insert(field.to_owned(), message.into());
        e
    }

    /// The status the re-rendered form is sent with.
    pub fn status(&self) -> StatusCode {
        self.status.unwrap_or(StatusCode::BAD_REQUEST)
    }

    /// `(errors, general_error)` for a template.
    pub fn view(&self) -> (Value, Option<&str>) {
        (Value::from_serialize(&self.fields), self.general.as_deref())
    }
}

/// Places an error from the service next to the form field it concerns (or over the whole
/// form); `fields` are the form's fields, `password_field` the one the password policy is
/// about. Unexpected errors are not a form's business: they come back as `Err`.
pub fn form_errors(
    e: AppError,
    fields: &[&str],
    password_field: &str,
) -> Result<FormErrors, AppError> {
    if matches!(e, AppError::Unexpected(_)) {
        return Err(e);
    }
    let message = e.public_message().into_owned();
    let (field, message) = match e.code() {
        ErrorCode::MissingField => {
            let named = message.strip_prefix("Missing required field: ").unwrap_or_default();
            (Some(named.to_owned()), "This field is required.".to_owned())
        }
        ErrorCode::InvalidEmail | ErrorCode::EmailTaken => (Some("email".to_owned()), message),
        ErrorCode::InvalidUsername | ErrorCode::UsernameTaken => {
            (Some("username".to_owned()), message)
        }
        ErrorCode::WeakPassword => (Some(password_field.to_owned()), message),
        ErrorCode::InvalidCredentials => (Some("password".to_owned()), message),
        ErrorCode::InvalidPassword => (Some("current_password".to_owned()), message),
        ErrorCode::InvalidCode => (Some("code".to_owned()), message),
        ErrorCode::RateLimited => {
            (None, "Too many attempts. Wait a little and try again.".to_owned())
        }
        _ => (None, message),
    };
    let mut errors =
        FormErrors { status: Some(e.status()), code: Some(e.code()), ..Default::default() };
    match field.filter(|f| fields.contains(&f.as_str())) {
        Some(f) => {
            errors.fields.insert(f, message);
        }
        None => errors.general = Some(message),
    }
    Ok(errors)
}

/// The values a re-rendered form is refilled with (never a password: pass only the others).
pub fn values<'a>(pairs: impl IntoIterator<Item = (&'a str, Option<&'a str>)>) -> Value {
    let map: BTreeMap<&str, &str> =
        pairs.into_iter().filter_map(|(k, v)| v.map(|v| (k, v))).collect();
    Value::from_serialize(&map)
}

/// Any error as the error page, with the status, `Retry-After` and logging the API would give
/// it. Also used for errors answered before a page handler runs (rate limit, cross-origin
/// refusal), so it needs nothing but the error: it compiles the two templates it uses, which
/// only happens on this unhappy path.
pub fn error_response(e: AppError) -> Response {
    let status = e.status();
    let (title, message) = match &e {
        AppError::Unexpected(_) => {
            ("Something went wrong", "The server could not handle this request. Try again later.")
        }
        AppError::RateLimited { .. } => (
            "Too many requests",
            "Too many attempts from your network. Wait a minute and try again.",
        ),
        AppError::NotFound { .. } => ("Page not found", "There is no page at this address."),
        AppError::Forbidden { code: ErrorCode::CsrfToken, .. } => {
            ("This form has expired", "Go back, reload the page and submit the form again.")
        }
        AppError::Forbidden { .. } => {
            ("Request refused", "This request did not come from this site's own pages.")
        }
        _ => ("Something went wrong", ""),
    };
    let detail = if message.is_empty() { e.public_message().into_owned() } else { message.into() };
    let html = error_environment().and_then(|env| {
        env.get_template("error.html")?
            .render(context! { title, message => detail, status => status.as_u16() })
    });
    let html = html.unwrap_or_else(|_| format!("<!doctype html><title>{status}</title>{status}"));
    // Keep what the JSON response would carry (Retry-After, the error for the log), with an
    // HTML body instead.
    let (mut parts, _) = e.into_response().into_parts();
    parts.headers.remove(CONTENT_LENGTH);
    parts.headers.insert(CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    super::set_page_headers(&mut parts.headers);
    Response::from_parts(parts, axum::body::Body::from(html))
}

fn error_environment() -> Result<Environment<'static>, minijinja::Error> {
    let mut env = Environment::new();
    templates!(env, "_layout.html", "error.html");
    add_asset_urls(&mut env);
    Ok(env)
}

/// An unknown page under `/account/`: the HTML 404.
pub async fn not_found() -> Response {
    not_found_response()
}

pub fn not_found_response() -> Response {
    error_response(AppError::not_found(ErrorCode::NotFound, "Not found"))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn templates_compile() {
        environment(&Settings::from_map(Vec::<(String, String)>::new()).unwrap()).unwrap();
        error_environment().unwrap();
    }

    #[test]
    fn flash_codes_round_trip_and_others_are_ignored() {
        for f in Flash::ALL {
            assert_eq!(Flash::parse(f.code()), Some(f));
        }
        assert_eq!(Flash::parse("<script>"), None);
    }

    #[test]
    fn service_errors_land_next_to_their_field() {
        let fields = ["email", "password"];
        let e = form_errors(AppError::missing("email"), &fields, "password").unwrap();
        assert_eq!(e.fields["email"], "This field is required.");
        let e = form_errors(
            AppError::bad_request(ErrorCode::WeakPassword, "too short"),
            &fields,
            "password",
        )
        .unwrap();
        assert_eq!(e.fields["password"], "too short");
        let e = form_errors(
            AppError::bad_request(ErrorCode::InvalidToken, "Invalid"),
            &fields,
            "password",
        )
        .unwrap();
        assert_eq!(e.general.as_deref(), Some("Invalid"));
        assert!(form_errors(AppError::Unexpected(anyhow::anyhow!("x")), &fields, "p").is_err());
    }
}
