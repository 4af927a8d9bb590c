//! The error of every page handler, and the forms a failure shows again.
//!
//! A page handler returns `Result<Response, PageError>` and uses `?`: a service error becomes
//! either the form again ([`Form`]: its template, the fields an error can sit next to, the
//! values refilled, passwords never), for what the person can correct; or the error page
//! ([`error_response`]) for the rest, with the status the API would give it. Both are HTML
//! from the start.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use minijinja::{context, Value};

use super::error::error_response;
use super::render::Page;
use crate::error::{AppError, ErrorCode};
use crate::i18n::{error_message, password_policy_message, Msg};

/// What a page handler answers when it does not succeed.
pub enum PageError {
    /// Not a form's business (unexpected, or before any form): the error page.
    Page(AppError),
    /// A form again, its errors next to their fields.
    Form(Box<Failed>),
}

/// A form page to render again: everything its template shows, errors included.
pub struct Failed {
    page: Page,
    template: &'static str,
    status: StatusCode,
    ctx: Value,
}

impl PageError {
    /// `template` rendered with `ctx` (which holds the errors) and `status`.
    pub fn form(page: Page, template: &'static str, status: StatusCode, ctx: Value) -> Self {
        Self::Form(Box::new(Failed { page, template, status, ctx }))
    }
}

impl From<AppError> for PageError {
    fn from(e: AppError) -> Self {
        Self::Page(e)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        match self {
            Self::Page(e) => error_response(e),
            Self::Form(f) => f.page.render(f.status, f.template, f.ctx),
        }
    }
}

/// Errors by form field, and one for the whole form: messages of the catalogues, put into
/// words by the template (`tr`) in the page's language.
#[derive(Debug, Default)]
pub struct FormErrors {
    pub fields: BTreeMap<String, Msg>,
    pub general: Option<Msg>,
    pub status: Option<StatusCode>,
    /// The service's error code, when the errors came from one.
    pub code: Option<ErrorCode>,
}

impl FormErrors {
    pub fn field(field: &str, message: Msg) -> Self {
        let mut e = Self::default();
        e.fields.insert(field.to_owned(), message);
        e
    }

    /// Places an error from the service next to the form field it concerns (or over the
    /// whole form); `fields` are the form's fields, `password_field` the one the password
    /// policy is about. Unexpected errors are not a form's business: they come back as `Err`.
    pub fn place(e: AppError, fields: &[&str], password_field: &str) -> Result<Self, AppError> {
        if matches!(e, AppError::Unexpected(_)) {
            return Err(e);
        }
        // The page says it in its own words, by the code (the API's message is English).
        let message = error_message(e.code());
        let (field, message) = match e.code() {
            ErrorCode::MissingField => (e.missing_field(), Msg::new("form-required")),
            ErrorCode::InvalidEmail | ErrorCode::EmailTaken => (Some("email"), message),
            ErrorCode::InvalidUsername | ErrorCode::UsernameTaken => (Some("username"), message),
            ErrorCode::WeakPassword => {
                (Some(password_field), password_policy_message(&e.public_message()))
            }
            ErrorCode::PasswordBreached => (Some(password_field), message),
            ErrorCode::InvalidCredentials => (Some("password"), message),
            ErrorCode::InvalidPassword => (Some("current_password"), message),
            ErrorCode::InvalidCode => (Some("code"), message),
            ErrorCode::RateLimited => (None, Msg::new("form-too-many-attempts")),
            _ => (None, message),
        };
        let mut errors =
            Self { status: Some(e.status()), code: Some(e.code()), ..Default::default() };
        match field.filter(|f| fields.contains(f)) {
            Some(f) => {
                errors.fields.insert(f.to_owned(), message);
            }
            None => errors.general = Some(message),
        }
        Ok(errors)
    }

    /// The status the re-rendered form is sent with.
    pub fn status(&self) -> StatusCode {
        self.status.unwrap_or(StatusCode::BAD_REQUEST)
    }

    /// What a template shows of the errors: `errors` (by field), `general_error` and
    /// `error_code` (the service's code, if any).
    pub fn view(&self) -> Value {
        context! {
            errors => Value::from_serialize(&self.fields),
            general_error => self.general.as_ref().map(Value::from_serialize),
            error_code => self.code.map(ErrorCode::as_str),
        }
    }
}

/// A form a page shows, and shows again when what it posts fails: its template, the fields
/// an error can sit next to, and the rest of what the template shows (`next`, the values
/// refilled, …).
#[derive(Clone)]
pub struct Form {
    page: Page,
    template: &'static str,
    fields: &'static [&'static str],
    password_field: &'static str,
    ctx: Value,
    general: Option<&'static str>,
}

impl Form {
    pub fn new(page: &Page, template: &'static str, fields: &'static [&'static str]) -> Self {
        Self {
            page: page.clone(),
            template,
            fields,
            password_field: "",
            ctx: context! {},
            general: None,
        }
    }

    /// The field the password policy's refusal goes next to.
    pub fn password_field(mut self, field: &'static str) -> Self {
        self.password_field = field;
        self
    }

    /// More of what the template shows (what is set already stays).
    pub fn with(mut self, ctx: Value) -> Self {
        self.ctx = context! { ..self.ctx, ..ctx };
        self
    }

    /// One sentence over the form for any failure, in place of the service's (a key).
    pub fn general(mut self, message: &'static str) -> Self {
        self.general = Some(message);
        self
    }

    /// The form with `errors` (none, for a first showing).
    pub fn show(self, status: StatusCode, errors: &FormErrors) -> Response {
        let ctx = context! { ..errors.view(), ..self.ctx };
        self.page.render(status, self.template, ctx)
    }

    /// The form again with `errors`.
    pub fn errors(&self, mut errors: FormErrors) -> PageError {
        if let Some(general) = self.general {
            errors.general = Some(Msg::new(general));
        }
        let ctx = context! { ..errors.view(), ..self.ctx.clone() };
        PageError::form(self.page.clone(), self.template, errors.status(), ctx)
    }

    /// The form again with `e` next to its field, or the error page for an unexpected one.
    pub fn error(&self, e: AppError) -> PageError {
        match FormErrors::place(e, self.fields, self.password_field) {
            Ok(errors) => self.errors(errors),
            Err(e) => PageError::Page(e),
        }
    }
}

/// `?` with a form: `flow.await.or_form(&form)?`.
pub trait OrForm<T> {
    fn or_form(self, form: &Form) -> Result<T, PageError>;
}

impl<T> OrForm<T> for Result<T, AppError> {
    fn or_form(self, form: &Form) -> Result<T, PageError> {
        self.map_err(|e| form.error(e))
    }
}

/// The values a re-rendered form is refilled with (never a password: pass only the others).
pub fn values<'a>(pairs: impl IntoIterator<Item = (&'a str, Option<&'a str>)>) -> Value {
    let map: BTreeMap<&str, &str> =
        pairs.into_iter().filter_map(|(k, v)| v.map(|v| (k, v))).collect();
    Value::from_serialize(&map)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn service_errors_land_next_to_their_field() {
        let fields = ["email", "password"];
        let e = FormErrors::place(AppError::missing("email"), &fields, "password").unwrap();
        assert_eq!(e.fields["email"], Msg::new("form-required"));
        let e = FormErrors::place(AppError::missing("token"), &fields, "password").unwrap();
        assert_eq!(e.general, Some(Msg::new("form-required")));
        assert!(e.fields.is_empty());
        let weak = AppError::bad_request(ErrorCode::WeakPassword, "too short");
        let e = FormErrors::place(weak, &fields, "password").unwrap();
        assert_eq!(e.fields["password"], Msg::new("error-weak-password"));
        let invalid = AppError::bad_request(ErrorCode::InvalidToken, "Invalid");
        let e = FormErrors::place(invalid, &fields, "password").unwrap();
        assert_eq!(e.general, Some(Msg::new("error-invalid-token")));
        let unexpected = AppError::Unexpected(anyhow::anyhow!("x"));
        assert!(FormErrors::place(unexpected, &fields, "p").is_err());
    }

    fn login_form() -> Form {
        let settings = crate::config::Settings::from_map(Vec::<(String, String)>::new()).unwrap();
        let cats = std::sync::Arc::new(crate::i18n::Catalogues::load(None, "en").unwrap());
        let pages = std::sync::Arc::new(super::super::templates::Pages::new(&settings, cats));
        let page = super::super::render::test_page(pages);
        Form::new(&page, "login.html", &["email", "password"])
            .password_field("password")
            .with(context! { next => "/account/", values => values([("email", Some("a@x.org"))]) })
    }

    async fn html(e: PageError) -> (StatusCode, String) {
        let res = e.into_response();
        let status = res.status();
        let content_type = res.headers().get("content-type").unwrap().to_str().unwrap();
        assert!(content_type.starts_with("text/html"), "{content_type}");
        let body = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap();
        (status, String::from_utf8(body.to_vec()).unwrap())
    }

    #[tokio::test]
    async fn a_refused_form_is_its_template_again_with_the_error_by_its_field() {
        let refused = AppError::unauthorized(ErrorCode::InvalidCredentials, "Wrong password here");
        let (status, body) = html(login_form().error(refused)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let said = r#"<p class="field-error" id="password-error">Invalid email or password"#;
        assert!(body.contains(said), "in the page's words, not the API's");
        assert!(body.contains(r#"value="a@x.org""#), "the address is refilled");
        assert!(!body.contains("Send a new confirmation link"));

        let (status, body) = html(login_form().error(AppError::missing("email"))).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(body.contains(r#"id="email-error">This field is required."#));
    }

    #[tokio::test]
    async fn an_unconfirmed_address_is_offered_a_new_link_on_the_login_form() {
        let refused = AppError::unauthorized(ErrorCode::EmailNotVerified, "Confirm it first");
        let (_, body) = html(login_form().error(refused)).await;
        assert!(body.contains("Send a new confirmation link"));
        assert!(body.contains("Confirm your email address first"));
    }

    #[tokio::test]
    async fn an_unexpected_error_is_the_error_page_not_the_form() {
        let unexpected = AppError::Unexpected(anyhow::anyhow!("secret detail"));
        let (status, body) = html(login_form().error(unexpected)).await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(body.contains("Something went wrong"));
        assert!(!body.contains("secret detail"));
        assert!(!body.contains("Log in to manage your account"));
    }
}
