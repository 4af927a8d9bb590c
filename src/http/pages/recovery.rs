//! Forgotten password: ask for a link, then set a new password with it.
//!
//! As with confirmation links, opening the reset link spends nothing; only submitting the new
//! password does.

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use minijinja::context;
use serde::Deserialize;

use super::extract::PageForm;
use super::query_param;
use super::render::{error_response, form_errors, values, Flash, FormErrors, Page};
use super::signup::mismatch;
use crate::error::{AppError, ErrorCode};
use crate::http::extract::Client;
use crate::http::state::AppState;

/// `GET /account/forgot-password`
pub async fn show_forgot(page: Page) -> Response {
    forgot_form(page, StatusCode::OK, &FormErrors::default(), values([]))
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
) -> Response {
    let Some(email) = f.email.map(|e| e.trim().to_owned()).filter(|e| !e.is_empty()) else {
        let errors = form_errors(AppError::missing("email"), &["email"], "");
        return match errors {
            Ok(errors) => forgot_form(page, errors.status(), &errors, values([])),
            Err(e) => error_response(e),
        };
    };
    // Detached, as in the API: the response never waits on the lookup or the outbox, so its
    // timing cannot tell a registered address from an unknown one.
    let auth = state.auth.clone();
    crate::http::state::after_response("forgot-password", async move {
        auth.forgot_password(&email).await.map(|_| ())
    });
    page.see_other("/account/login").flash(Flash::CheckEmail).into_response()
}

fn forgot_form(
    page: Page,
    status: StatusCode,
    errors: &FormErrors,
    values: minijinja::Value,
) -> Response {
    let (errors, general_error) = errors.view();
    page.render(status, "forgot_password.html", context! { errors, general_error, values })
}

/// `GET /account/reset-password?token=…`: the new-password form (nothing is spent yet).
pub async fn show_reset(RawQuery(query): RawQuery, page: Page) -> Response {
    let token = query_param(query.as_deref(), "token").filter(|t| !t.trim().is_empty());
    let mut errors = FormErrors::default();
    if token.is_none() {
        errors.general = Some(INCOMPLETE.into());
    }
    let status = if token.is_some() { StatusCode::OK } else { StatusCode::BAD_REQUEST };
    reset_form(page, status, token, &errors)
}

const INCOMPLETE: &str = "This link is incomplete. Open the whole link from the email.";
const EXPIRED: &str = "This reset link is invalid, has expired or was already used.";

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
) -> Response {
    if f.confirm_password.as_deref().is_some_and(|c| Some(c) != f.new_password.as_deref()) {
        return reset_form(page, StatusCode::BAD_REQUEST, f.token, &mismatch());
    }
    let result =
        state.auth.reset_password(f.token.as_deref(), f.new_password.as_deref(), &client).await;
    match result {
        Ok(_) => page
            .see_other("/account/login")
            .flash(Flash::PasswordReset)
            .cookie(crate::http::cookies::clear_session(&state.auth.settings))
            .into_response(),
        Err(e) => match form_errors(e, &["new_password"], "new_password") {
            Ok(mut errors) => {
                let spent = errors.code == Some(ErrorCode::InvalidToken)
                    || (errors.code == Some(ErrorCode::MissingField) && errors.fields.is_empty());
                if spent {
                    errors.general = Some(EXPIRED.into());
                    return reset_form(page, errors.status(), None, &errors);
                }
                reset_form(page, errors.status(), f.token, &errors)
            }
            Err(e) => error_response(e),
        },
    }
}

fn reset_form(
    page: Page,
    status: StatusCode,
    token: Option<String>,
    errors: &FormErrors,
) -> Response {
    let (errors, general_error) = errors.view();
    page.render(status, "reset_password.html", context! { token, errors, general_error })
}
