//! Log in and log out.

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use minijinja::context;
use serde::Deserialize;

use super::extract::{query_param, safe_next, MaybeSignedIn, PageForm};
use super::form::{values, Form, FormErrors, OrForm, PageError};
use super::render::{Flash, Page};
use crate::error::ErrorCode;
use crate::http::answers::identifier;
use crate::http::extract::{Client, PresentedCookie};
use crate::http::state::AppState;
use crate::service::{LoginOutcome, LoginStep};

/// The login form; a failure puts its error next to the address or the password (or, for a
/// passkey, over the form: no `fields`), and offers a new link for an unconfirmed address
/// (PORTCULLIS_REQUIRE_VERIFIED_EMAIL).
pub(super) fn login_form(page: &Page, next: &str, fields: &'static [&'static str]) -> Form {
    Form::new(page, "login.html", fields).password_field("password").with(context! { next })
}

const LOGIN_FIELDS: &[&str] = &["email", "password"];

/// `GET /account/login[?next=/path]`; someone already logged in goes straight on.
pub async fn show(
    MaybeSignedIn(auth): MaybeSignedIn,
    RawQuery(query): RawQuery,
    page: Page,
) -> Response {
    let next = query_param(query.as_deref(), "next");
    let next = safe_next(next.as_deref());
    // `prompt=login`: an application asked for a fresh login (the provider's `prompt=login`
    // or `max_age`), so the form is shown even to someone signed in.
    let again = query_param(query.as_deref(), "prompt").as_deref() == Some("login");
    // The provider's `login_hint`, from the application that sent the person here.
    let hint = query_param(query.as_deref(), "login_hint");
    match auth {
        Some(_) if !again => page.see_other(next).into_response(),
        _ => {
            // The address registered last in this browser, so the person only types the
            // password (from a cookie: an address has no place in a URL).
            let email = values([("email", hint.as_deref().or(page.login_hint()))]);
            login_form(&page, next, LOGIN_FIELDS)
                .with(context! { values => email })
                .show(StatusCode::OK, &FormErrors::default())
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
        Some(token) => {
            code_form(&page, next, &token, true).show(StatusCode::OK, &FormErrors::default())
        }
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
) -> Result<Response, PageError> {
    let next = safe_next(f.next.as_deref());
    let refill = values([("email", f.email.as_deref())]);
    let form = login_form(&page, next, LOGIN_FIELDS).with(context! { values => refill });
    // `Username` also covers an address: the service looks up anything with an `@` by email.
    let who = identifier(None, f.email.as_deref());
    let login = state.auth.login(who, f.password.as_deref(), &client, presented.as_deref());
    Ok(match login.await.or_form(&form)? {
        LoginStep::Session(out) => signed_in(&state, page, next, &out),
        LoginStep::SecondFactor(second) => {
            let passkey = second.methods.contains(&"passkey");
            code_form(&page, next, &second.challenge, passkey)
                .show(StatusCode::OK, &FormErrors::default())
        }
    })
}

/// On to `next` with the new session's cookie (and a new CSRF token: a login starts one).
pub(super) fn signed_in(state: &AppState, page: Page, next: &str, out: &LoginOutcome) -> Response {
    let settings = &state.auth.settings();
    let spent = crate::http::cookies::mfa_pending(settings, "", cookie::time::Duration::ZERO);
    let redirect = page
        .see_other(next)
        .cookie(crate::http::cookies::session(settings, &out.session_token))
        .cookie(spent)
        .clear_login_hint()
        .new_csrf();
    if next.starts_with("/oauth2/") {
        // On to an application: its redirect leaves this origin, which the form's
        // `form-action 'self'` would stop. A page that goes on by itself is not held to it.
        return redirect.into_page(page, next, "continue-signed-in");
    }
    redirect.into_response()
}

/// The code prompt after the password, for an account with a second factor (`passkey`: it
/// offers a passkey too).
pub(super) fn code_form(page: &Page, next: &str, mfa_token: &str, passkey: bool) -> Form {
    Form::new(page, "mfa_code.html", &["code"]).with(context! { next, mfa_token, passkey })
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
) -> Result<Response, PageError> {
    let next = safe_next(f.next.as_deref());
    let token = f.mfa_token.as_deref();
    let form = code_form(&page, next, token.unwrap_or_default(), f.passkey.is_some());
    let verify =
        state.auth.verify_second_factor(token, f.code.as_deref(), &client, presented.as_deref());
    match verify.await {
        // A dead challenge (expired, spent, five wrong codes): start again.
        Err(e) if e.code() == ErrorCode::InvalidMfaToken => {
            Ok(page.see_other("/account/login").flash(Flash::LoginRequired).into_response())
        }
        verified => Ok(signed_in(&state, page, next, &verified.or_form(&form)?)),
    }
}

/// `POST /account/logout`: ends this browser's session (if any) and clears its cookie.
pub async fn logout(
    State(state): State<AppState>,
    Client(client): Client,
    PresentedCookie(cookie): PresentedCookie,
    page: Page,
) -> Result<Response, PageError> {
    if let Some(token) = cookie {
        state.auth.logout_cookie(&token, &client).await?;
    }
    Ok(page
        .see_other("/account/login")
        .flash(Flash::LoggedOut)
        .cookie(crate::http::cookies::clear_session(state.auth.settings()))
        .into_response())
}
