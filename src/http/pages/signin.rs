//! The other ways in on the pages: sign-in by a mailed link or code
//! (`/account/email-login`), and linking and unlinking an external identity. The login page's
//! provider buttons are plain links to `/api/auth/oauth/<name>/start`, which redirects to the
//! provider; the account page's "Link" buttons are forms (a POST with the CSRF token, so no
//! other site can begin a link with the user's session).

use axum::extract::{Path, RawQuery, State};
use axum::http::header::SET_COOKIE;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use cookie::time::Duration;
use minijinja::context;
use serde::Deserialize;

use super::extract::{PageForm, SignedIn};
use super::mfa::{refused, PasswordForm};
use super::render::{error_response, form_errors, Flash, FormErrors, Page};
use super::{query_param, safe_next};
use crate::http::cookies;
use crate::http::extract::{Client, PresentedCookie};
use crate::http::state::AppState;
use crate::service::LoginStep;

#[derive(Deserialize)]
pub struct EmailLoginForm {
    email: Option<String>,
    code: Option<String>,
    token: Option<String>,
    next: Option<String>,
}

fn email_page(
    page: Page,
    status: StatusCode,
    next: &str,
    email: Option<&str>,
    token: Option<&str>,
    errors: &FormErrors,
) -> Response {
    let (errors, general_error) = errors.view();
    let ctx = context! { next, email, token, errors, general_error };
    page.render(status, "email_login.html", ctx)
}

fn off(state: &AppState) -> Option<Response> {
    (!state.auth.settings.email_login).then(super::render::not_found_response)
}

/// `GET /account/email-login`: the address to mail a link and code to.
pub async fn show_email_login(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    page: Page,
) -> Response {
    if let Some(res) = off(&state) {
        return res;
    }
    let next = query_param(query.as_deref(), "next");
    email_page(page, StatusCode::OK, safe_next(next.as_deref()), None, None, &FormErrors::default())
}

/// `GET /account/email-login/verify?token=…`: the mailed link opens a button (nothing is
/// spent until it is pressed: mail scanners open links).
pub async fn show_email_link(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    page: Page,
) -> Response {
    if let Some(res) = off(&state) {
        return res;
    }
    let token = query_param(query.as_deref(), "token").filter(|t| !t.trim().is_empty());
    email_page(page, StatusCode::OK, "/account/", None, token.as_deref(), &FormErrors::default())
}

/// `POST /account/email-login`: mails the link and code (the same answer for any address),
/// then asks for the code.
pub async fn request_email_login(
    State(state): State<AppState>,
    page: Page,
    PageForm(f): PageForm<EmailLoginForm>,
) -> Response {
    let next = safe_next(f.next.as_deref());
    let email = f.email.as_deref().map(str::trim).unwrap_or_default().to_owned();
    if let Err(e) = state.auth.email_login_request_valid(&email) {
        return match form_errors(e, &["email"], "") {
            Ok(errors) => email_page(page, errors.status(), next, None, None, &errors),
            Err(e) => error_response(e),
        };
    }
    let auth = state.auth.clone();
    let to = email.clone();
    crate::http::state::after_response("email-login", async move {
        auth.request_email_login(&to).await
    });
    email_page(page, StatusCode::OK, next, Some(&email), None, &FormErrors::default())
}

/// `POST /account/email-login/verify`: the link's token, or the address and its code.
pub async fn verify_email_login(
    State(state): State<AppState>,
    Client(client): Client,
    PresentedCookie(presented): PresentedCookie,
    page: Page,
    PageForm(f): PageForm<EmailLoginForm>,
) -> Response {
    let next = safe_next(f.next.as_deref());
    let verified = state.auth.verify_email_login(
        f.token.as_deref(),
        f.email.as_deref(),
        f.code.as_deref(),
        &client,
        presented.as_deref(),
    );
    match verified.await {
        Ok(LoginStep::Session(out)) => super::session::signed_in(&state, page, next, &out),
        Ok(LoginStep::SecondFactor(second)) => {
            let passkey = second.methods.contains(&"passkey");
            super::session::code_form(
                page,
                StatusCode::OK,
                next,
                &second.challenge,
                passkey,
                &FormErrors::default(),
            )
        }
        Err(e) => match form_errors(e, &["code"], "") {
            Ok(errors) => email_page(
                page,
                errors.status(),
                next,
                f.email.as_deref(),
                f.token.as_deref(),
                &errors,
            ),
            Err(e) => error_response(e),
        },
    }
}

/// `POST /account/identities/{id}/unlink` (step-up: the password unless signed in recently).
pub async fn unlink(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    page: Page,
    Path(id): Path<String>,
    PageForm(f): PageForm<PasswordForm>,
) -> Response {
    match state.auth.unlink_identity(&auth, &id, f.fresh()).await {
        Ok(()) => page.see_other("/account/").flash(Flash::IdentityUnlinked).into_response(),
        Err(e) => refused(&state, page, &auth, e).await,
    }
}

#[derive(Deserialize)]
pub struct LinkForm {
    provider: Option<String>,
    mfa_password: Option<String>,
}

/// `POST /account/identities/link` (step-up: the password unless signed in recently): on to
/// the provider, to link the identity it signs in to this account. A page that goes on by
/// itself rather than a `303`: browsers hold a form post's redirects to the pages'
/// `form-action 'self'`, which a provider's origin is not.
pub async fn link(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    page: Page,
    PageForm(f): PageForm<LinkForm>,
) -> Response {
    let provider = f.provider.as_deref().unwrap_or_default();
    let fresh = crate::service::Fresh { password: f.mfa_password.as_deref(), code: None };
    match state.auth.begin_oauth_link(provider, &auth, fresh, Some("/account/")).await {
        Ok(start) => {
            let settings = &state.auth.settings;
            let provider_name = settings
                .providers
                .iter()
                .find(|p| p.name == provider)
                .map_or(provider, |p| p.display_name.as_str());
            let ctx = context! { provider_name, url => &start.url };
            let mut res = page.render(StatusCode::OK, "to_provider.html", ctx);
            let binding =
                cookies::oauth_binding(settings, &start.browser_token, Duration::minutes(10));
            res.headers_mut().append(SET_COOKIE, binding);
            res
        }
        Err(e) => refused(&state, page, &auth, e).await,
    }
}
