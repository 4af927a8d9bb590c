//! Forgotten password: ask for a link, then set a new password with it.
//!
//! As with confirmation links, opening the reset link spends nothing; only submitting the new
//! password does.

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use minijinja::context;
use serde::Deserialize;

use super::extract::{query_param, PageForm};
use super::form::{values, Form, FormErrors, OrForm, PageError};
use super::render::{Flash, Page};
use super::signup::mismatch;
use crate::error::{AppError, ErrorCode};
use crate::http::extract::Client;
use crate::http::state::AppState;

fn forgot_form(page: &Page) -> Form {
    Form::new(page, "forgot_password.html", &["email"]).with(context! { values => values([]) })
}

/// `GET /account/forgot-password`
pub async fn show_forgot(page: Page) -> Response {
    forgot_form(&page).show(StatusCode::OK, &FormErrors::default())
}

#[derive(Deserialize)]
pub struct ForgotForm {
    email: Option<String>,
}

/// `POST /account/forgot-password`: the same answer, at the same speed, for any address.
pub async fn forgot(
    State(state): State<AppState>,
    page: Page,
    PageForm(f): PageForm<ForgotForm>,
) -> Result<Response, PageError> {
    let Some(email) = f.email.map(|e| e.trim().to_owned()).filter(|e| !e.is_empty()) else {
        return Err(forgot_form(&page).error(AppError::missing("email")));
    };
    // Detached, as in the API: the response never waits on the lookup or the outbox, so its
    // timing cannot tell a registered address from an unknown one.
    let auth = state.auth.clone();
    crate::http::state::after_response("forgot-password", async move {
        auth.forgot_password(&email).await.map(|_| ())
    });
    Ok(page.see_other("/account/login").flash(Flash::CheckEmail).into_response())
}

/// The new-password form of a reset link (`token`: none once the link is known to be dead).
fn reset_form(page: &Page, token: Option<&str>) -> Form {
    Form::new(page, "reset_password.html", &["new_password"])
        .password_field("new_password")
        .with(context! { token })
}

/// `GET /account/reset-password?token=…`: the new-password form (nothing is spent yet).
pub async fn show_reset(RawQuery(query): RawQuery, page: Page) -> Response {
    let token = query_param(query.as_deref(), "token").filter(|t| !t.trim().is_empty());
    let mut errors = FormErrors::default();
    if token.is_none() {
        errors.general = Some(crate::i18n::Msg::new(INCOMPLETE));
    }
    let status = if token.is_some() { StatusCode::OK } else { StatusCode::BAD_REQUEST };
    reset_form(&page, token.as_deref()).show(status, &errors)
}

const INCOMPLETE: &str = "form-link-incomplete";
const EXPIRED: &str = "form-reset-link-invalid";

#[derive(Deserialize)]
pub struct ResetForm {
    token: Option<String>,
    new_password: Option<String>,
    confirm_password: Option<String>,
}

/// `POST /account/reset-password`: the API's reset. Every session of the account ends, this
/// browser's too, so it goes to the login page.
pub async fn reset(
    State(state): State<AppState>,
    Client(client): Client,
    page: Page,
    PageForm(f): PageForm<ResetForm>,
) -> Result<Response, PageError> {
    let form = reset_form(&page, f.token.as_deref());
    if f.confirm_password.as_deref().is_some_and(|c| Some(c) != f.new_password.as_deref()) {
        return Err(form.errors(mismatch()));
    }
    let result =
        state.auth.reset_password(f.token.as_deref(), f.new_password.as_deref(), &client).await;
    match result {
        // A dead or missing token (anything missing but the new password): the form without
        // it, and why.
        Err(e)
            if e.code() == ErrorCode::InvalidToken
                || (e.code() == ErrorCode::MissingField
                    && e.missing_field() != Some("new_password")) =>
        {
            return Err(reset_form(&page, None).general(EXPIRED).error(e));
        }
        result => result.or_form(&form)?,
    };
    Ok(page
        .see_other("/account/login")
        .flash(Flash::PasswordReset)
        .cookie(crate::http::cookies::clear_session(state.auth.settings()))
        .into_response())
}
