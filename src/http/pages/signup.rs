//! Registration and email confirmation.
//!
//! The confirmation link only shows a button: the token is spent by the POST it sends, so a
//! mail scanner that opens every link does not use it up.

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use minijinja::context;
use serde::Deserialize;

use super::extract::{query_param, MaybeSignedIn, PageForm};
use super::form::{values, Form, FormErrors, OrForm, PageError};
use super::render::{Flash, Page};
use crate::http::extract::Client;
use crate::http::state::AppState;
use crate::service::{Declined, Registration};

const MISMATCH: &str = "form-passwords-differ";

fn register_form(page: &Page) -> Form {
    Form::new(page, "register.html", &["email", "username", "password"]).password_field("password")
}

/// `GET /account/register`
pub async fn show(page: Page) -> Response {
    register_form(&page)
        .with(context! { values => values([]) })
        .show(StatusCode::OK, &FormErrors::default())
}

#[derive(Deserialize)]
pub struct RegisterForm {
    email: Option<String>,
    username: Option<String>,
    password: Option<String>,
    confirm_password: Option<String>,
}

/// `POST /account/register`: the API's registration (and its verification mail).
pub async fn register(
    State(state): State<AppState>,
    Client(client): Client,
    page: Page,
    PageForm(f): PageForm<RegisterForm>,
) -> Result<Response, PageError> {
    let refill = values([("email", f.email.as_deref()), ("username", f.username.as_deref())]);
    let form = register_form(&page).with(context! { values => refill });
    if f.confirm_password.as_deref().is_some_and(|c| Some(c) != f.password.as_deref()) {
        return Err(form.errors(mismatch()));
    }
    let registration = Registration {
        email: f.email.as_deref(),
        password: f.password.as_deref(),
        username: f.username.as_deref(),
        username_required: false,
        locale: Some(page.locale()),
    };
    state.auth.register(&client, registration).await.or_form(&form)?;
    Ok(page
        .see_other("/account/login")
        .flash(Flash::Registered)
        .login_hint(f.email.as_deref().unwrap_or_default())
        .into_response())
}

/// The two passwords differ (`400`, next to the confirmation).
pub fn mismatch() -> FormErrors {
    FormErrors::field("confirm_password", crate::i18n::Msg::new(MISMATCH))
}

/// `GET /account/verify-email?token=…`: a button that confirms (nothing is spent yet).
pub async fn show_verify(RawQuery(query): RawQuery, page: Page) -> Response {
    let token = query_param(query.as_deref(), "token").filter(|t| !t.trim().is_empty());
    let general_error = token.is_none().then_some(INCOMPLETE);
    let status = if token.is_some() { StatusCode::OK } else { StatusCode::BAD_REQUEST };
    page.render(status, "verify_email.html", context! { token, general_error })
}

const INCOMPLETE: &str = "form-link-incomplete";

#[derive(Deserialize)]
pub struct TokenForm {
    token: Option<String>,
}

/// `POST /account/verify-email`: spends the token.
pub async fn verify(
    State(state): State<AppState>,
    Client(client): Client,
    MaybeSignedIn(auth): MaybeSignedIn,
    page: Page,
    PageForm(f): PageForm<TokenForm>,
) -> Result<Response, PageError> {
    let form = Form::new(&page, "verify_email.html", &[])
        .general("form-verify-link-invalid")
        .with(context! { token => &f.token, expired => true });
    state.auth.verify_email(f.token.as_deref(), &client).await.or_form(&form)?;
    let to = if auth.is_some() { "/account/" } else { "/account/login" };
    Ok(page.see_other(to).flash(Flash::EmailVerified).into_response())
}

/// `POST /account/verify-email/decline`: "I did not create this account" (spends the token
/// the other way: the unconfirmed account is removed, or an email change to this address is
/// cancelled).
pub async fn decline(
    State(state): State<AppState>,
    Client(client): Client,
    page: Page,
    PageForm(f): PageForm<TokenForm>,
) -> Result<Response, PageError> {
    let form = Form::new(&page, "verify_email.html", &[])
        .general("form-verify-decline-invalid")
        .with(context! { expired => true });
    let outcome = state.auth.decline_verification(f.token.as_deref(), &client).await;
    let declined = match outcome.or_form(&form)? {
        Declined::AccountRemoved => "form-declined-account-removed",
        Declined::ChangeCancelled => "form-declined-change-cancelled",
    };
    Ok(page.render(StatusCode::OK, "verify_email.html", context! { declined }))
}
#[derive(Deserialize)]
pub struct ResendForm {
    email: Option<String>,
}

/// `POST /account/resend-verification`: a new confirmation link, for the logged-in account or
/// (from the login page, when an unconfirmed address is refused) for the `email` given. The
/// answer is the same whether or not the address has an account.
pub async fn resend(
    State(state): State<AppState>,
    MaybeSignedIn(auth): MaybeSignedIn,
    page: Page,
    PageForm(f): PageForm<ResendForm>,
) -> Response {
    let (email, back) = match auth {
        Some(auth) => (Some(auth.user.email), "/account/"),
        None => (f.email.filter(|e| !e.trim().is_empty()), "/account/login"),
    };
    if let Some(email) = email {
        // Detached, as in the API: the answer must not take longer for a real address.
        let auth = state.auth.clone();
        crate::http::state::after_response("resend-verification", async move {
            auth.resend_verification(&email).await
        });
    }
    page.see_other(back).flash(Flash::VerificationSent).into_response()
}
