//! Log in and log out.

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use minijinja::context;
use serde::Deserialize;

use super::extract::{MaybeSignedIn, PageForm};
use super::render::{error_response, form_errors, values, Flash, FormErrors, Page};
use super::{query_param, safe_next};
use crate::error::ErrorCode;
use crate::http::api::identifier;
use crate::http::extract::{Client, PresentedCookie};
use crate::http::state::AppState;
use crate::service::{LoginOutcome, LoginStep};

/// `GET /account/login[?next=/path]`; someone already logged in goes straight on.
pub async fn show(
    MaybeSignedIn(auth): MaybeSignedIn,
    RawQuery(query): RawQuery,
    page: Page,
) -> Response {
    let next = query_param(query.as_deref(), "next");
    let next = safe_next(next.as_deref());
    match auth {
        Some(_) => page.see_other(next).into_response(),
        None => {
            // The address registered last in this browser, so the person only types the
            // password (from a cookie: an address has no place in a URL).
            let hint = page.login_hint().map(str::to_owned);
            let email = values([("email", hint.as_deref())]);
            form(page, StatusCode::OK, next, &FormErrors::default(), email)
        }
    }
}

/// `GET /account/mfa/verify`: the code prompt for a sign-in that began elsewhere (an external
/// provider), its challenge in a short-lived cookie rather than the URL.
pub async fn show_code_prompt(
    headers: axum::http::HeaderMap,
    RawQuery(query): RawQuery,
    page: Page,
) -> Response {
    let next = query_param(query.as_deref(), "next");
    let next = safe_next(next.as_deref());
    match crate::http::cookies::value(&headers, crate::http::cookies::MFA_PENDING) {
        Some(token) => code_form(page, StatusCode::OK, next, &token, true, &FormErrors::default()),
        None => page.see_other("/account/login").flash(Flash::LoginRequired).into_response(),
    }
}

#[derive(Deserialize)]
pub struct LoginForm {
    /// An email address or a username.
    email: Option<String>,
    password: Option<String>,
    next: Option<String>,
}

/// `POST /account/login`: the API's login, its session cookie, then on to `next`.
pub async fn login(
    State(state): State<AppState>,
    Client(client): Client,
    PresentedCookie(presented): PresentedCookie,
    page: Page,
    PageForm(f): PageForm<LoginForm>,
) -> Response {
    let next = safe_next(f.next.as_deref());
    // `Username` also covers an address: the service looks up anything with an `@` by email.
    let who = identifier(None, f.email.as_deref());
    let login = state.auth.login(who, f.password.as_deref(), &client, presented.as_deref());
    match login.await {
        Ok(LoginStep::Session(out)) => signed_in(&state, page, next, &out),
        Ok(LoginStep::SecondFactor(second)) => {
            let passkey = second.methods.contains(&"passkey");
            let errors = FormErrors::default();
            code_form(page, StatusCode::OK, next, &second.challenge, passkey, &errors)
        }
        Err(e) => match form_errors(e, &["email", "password"], "password") {
            Ok(errors) => {
                let refill = values([("email", f.email.as_deref())]);
                form(page, errors.status(), next, &errors, refill)
            }
            Err(e) => error_response(e),
        },
    }
}

/// On to `next` with the new session's cookie (and a new CSRF token: a login starts one).
pub(super) fn signed_in(state: &AppState, page: Page, next: &str, out: &LoginOutcome) -> Response {
    let settings = &state.auth.settings;
    let spent = crate::http::cookies::mfa_pending(settings, "", cookie::time::Duration::ZERO);
    page.see_other(next)
        .cookie(crate::http::cookies::session(settings, &out.session_token))
        .cookie(spent)
        .clear_login_hint()
        .new_csrf()
        .into_response()
}

/// The code prompt after the password, for an account with a second factor.
pub(super) fn code_form(
    page: Page,
    status: StatusCode,
    next: &str,
    mfa_token: &str,
    passkey: bool,
    errors: &FormErrors,
) -> Response {
    let (errors, general_error) = errors.view();
    let ctx = context! { next, mfa_token, passkey, errors, general_error };
    page.render(status, "mfa_code.html", ctx)
}

#[derive(Deserialize)]
pub struct CodeForm {
    mfa_token: Option<String>,
    code: Option<String>,
    next: Option<String>,
    /// Set when the prompt offers a passkey too (carried so a re-render offers it again).
    passkey: Option<String>,
}

/// `POST /account/mfa/verify`: the login's second step, then on to `next`.
pub async fn verify_code(
    State(state): State<AppState>,
    Client(client): Client,
    PresentedCookie(presented): PresentedCookie,
    page: Page,
    PageForm(f): PageForm<CodeForm>,
) -> Response {
    let next = safe_next(f.next.as_deref());
    let token = f.mfa_token.as_deref();
    let verify =
        state.auth.verify_second_factor(token, f.code.as_deref(), &client, presented.as_deref());
    match verify.await {
        Ok(out) => signed_in(&state, page, next, &out),
        // A dead challenge (expired, spent, five wrong codes): start again.
        Err(e) if e.code() == ErrorCode::InvalidMfaToken => {
            page.see_other("/account/login").flash(Flash::LoginRequired).into_response()
        }
        Err(e) => match form_errors(e, &["code"], "") {
            Ok(errors) => {
                let passkey = f.passkey.is_some();
                code_form(page, errors.status(), next, token.unwrap_or_default(), passkey, &errors)
            }
            Err(e) => error_response(e),
        },
    }
}

pub(super) fn form(
    page: Page,
    status: StatusCode,
    next: &str,
    errors: &FormErrors,
    values: minijinja::Value,
) -> Response {
    // Refused for an unconfirmed address (PORTCULLIS_REQUIRE_VERIFIED_EMAIL): offer a new link.
    let unverified = errors.code == Some(ErrorCode::EmailNotVerified);
    let (errors, general_error) = errors.view();
    let ctx = context! { next, errors, general_error, values, unverified };
    page.render(status, "login.html", ctx)
}

/// `POST /account/logout`: ends this browser's session (if any) and clears its cookie.
pub async fn logout(
    State(state): State<AppState>,
    Client(client): Client,
    PresentedCookie(cookie): PresentedCookie,
    page: Page,
) -> Response {
    if let Some(token) = cookie {
        if let Err(e) = state.auth.logout_cookie(&token, &client).await {
            return error_response(e);
        }
    }
    page.see_other("/account/login")
        .flash(Flash::LoggedOut)
        .cookie(crate::http::cookies::clear_session(&state.auth.settings))
        .into_response()
}
