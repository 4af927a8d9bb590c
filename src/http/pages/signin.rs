//! The other ways in on the pages: sign-in by a mailed link or code
//! (`/account/email-login`), and linking and unlinking an external identity. The login page's
//! provider buttons are plain links to `/api/auth/oauth/<name>/start` ([`super::oauth`]),
//! which redirects to the provider; the account page's "Link" buttons are forms (a POST with the CSRF token, so no
//! other site can begin a link with the user's session).

use axum::extract::{Path, RawQuery, State};
use axum::http::header::SET_COOKIE;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use cookie::time::Duration;
use minijinja::context;
use serde::Deserialize;

use super::account::AccountPage;
use super::error::not_found_response;
use super::extract::{query_param, safe_next, PageForm, SignedIn};
use super::form::{Form, FormErrors, OrForm, PageError};
use super::mfa::PasswordForm;
use super::render::{Flash, Page};
use super::session::{code_form, signed_in};
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

/// The email sign-in page: the address to mail to, or (once mailed, or from the link) the
/// code or the link's button.
fn email_form(
    page: &Page,
    next: &str,
    email: Option<&str>,
    token: Option<&str>,
    fields: &'static [&'static str],
) -> Form {
    Form::new(page, "email_login.html", fields).with(context! { next, email, token })
}

fn off(state: &AppState) -> Option<Response> {
    (!state.auth.settings().email_login).then(not_found_response)
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
    let form = email_form(&page, safe_next(next.as_deref()), None, None, &[]);
    form.show(StatusCode::OK, &FormErrors::default())
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
    let form = email_form(&page, "/account/", None, token.as_deref(), &[]);
    form.show(StatusCode::OK, &FormErrors::default())
}

/// `POST /account/email-login`: mails the link and code (the same answer for any address),
/// then asks for the code.
pub async fn request_email_login(
    State(state): State<AppState>,
    page: Page,
    PageForm(f): PageForm<EmailLoginForm>,
) -> Result<Response, PageError> {
    let next = safe_next(f.next.as_deref());
    let email = f.email.as_deref().map(str::trim).unwrap_or_default().to_owned();
    let form = email_form(&page, next, None, None, &["email"]);
    state.auth.email_login_request_valid(&email).or_form(&form)?;
    let auth = state.auth.clone();
    let to = email.clone();
    crate::http::state::after_response("email-login", async move {
        auth.request_email_login(&to).await
    });
    let form = email_form(&page, next, Some(&email), None, &[]);
    Ok(form.show(StatusCode::OK, &FormErrors::default()))
}

/// `POST /account/email-login/verify`: the link's token, or the address and its code.
pub async fn verify_email_login(
    State(state): State<AppState>,
    Client(client): Client,
    PresentedCookie(presented): PresentedCookie,
    page: Page,
    PageForm(f): PageForm<EmailLoginForm>,
) -> Result<Response, PageError> {
    let next = safe_next(f.next.as_deref());
    let form = email_form(&page, next, f.email.as_deref(), f.token.as_deref(), &["code"]);
    let verified = state.auth.verify_email_login(
        f.token.as_deref(),
        f.email.as_deref(),
        f.code.as_deref(),
        &client,
        presented.as_deref(),
    );
    Ok(match verified.await.or_form(&form)? {
        LoginStep::Session(out) => signed_in(&state, page, next, &out),
        LoginStep::SecondFactor(second) => {
            let passkey = second.methods.contains(&"passkey");
            let prompt = code_form(&page, next, &second.challenge, passkey);
            prompt.show(StatusCode::OK, &FormErrors::default())
        }
    })
}

/// `POST /account/identities/{id}/unlink` (step-up: the password unless signed in recently).
pub async fn unlink(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    page: Page,
    Path(id): Path<String>,
    PageForm(f): PageForm<PasswordForm>,
) -> Result<Response, PageError> {
    let account = AccountPage::new(&state, &page, &auth);
    account.step_up(state.auth.unlink_identity(&auth, &id, f.fresh())).await?;
    Ok(page.see_other("/account/").flash(Flash::IdentityUnlinked).into_response())
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
) -> Result<Response, PageError> {
    let provider = f.provider.as_deref().unwrap_or_default();
    let fresh = crate::service::Fresh { password: f.mfa_password.as_deref(), code: None };
    let account = AccountPage::new(&state, &page, &auth);
    let begin = state.auth.begin_oauth_link(provider, &auth, fresh, Some("/account/"));
    let start = account.step_up(begin).await?;
    let settings = &state.auth.settings();
    let provider_name = settings
        .providers
        .iter()
        .find(|p| p.name == provider)
        .map_or(provider, |p| p.display_name.as_str());
    let ctx = context! { provider_name, url => &start.url };
    let mut res = page.render(StatusCode::OK, "to_provider.html", ctx);
    let binding = cookies::oauth_binding(settings, &start.browser_token, Duration::minutes(10));
    res.headers_mut().append(SET_COOKIE, binding);
    Ok(res)
}
