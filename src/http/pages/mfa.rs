//! Two-factor pages: set up TOTP (a QR code and a code field), the recovery codes (with a
//! download as text), new codes, turning it off. Plain forms; the QR code is an image served
//! from here, so the page needs no script and no `data:` URL.

use axum::extract::State;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use minijinja::context;
use serde::Deserialize;

use super::account::AccountPage;
use super::extract::{PageForm, SignedIn};
use super::form::{Form, FormErrors, PageError};
use super::render::{Flash, Page};
use crate::http::state::AppState;
use crate::service::Fresh;

#[derive(Deserialize)]
pub struct PasswordForm {
    pub(super) mfa_password: Option<String>,
}

impl PasswordForm {
    pub(super) fn fresh(&self) -> Fresh<'_> {
        Fresh { password: self.mfa_password.as_deref(), code: None }
    }
}

#[derive(Deserialize)]
pub struct CodeForm {
    code: Option<String>,
}

#[derive(Deserialize)]
pub struct CodesForm {
    codes: Option<String>,
}

/// `POST /account/mfa/setup`: a new secret, shown with its QR code.
pub async fn setup(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    page: Page,
    PageForm(f): PageForm<PasswordForm>,
) -> Result<Response, PageError> {
    let account = AccountPage::new(&state, &page, &auth);
    let enrolment = account.step_up(state.auth.enrol_totp(&auth, f.fresh())).await?;
    Ok(setup_form(&page, &enrolment.secret).show(StatusCode::OK, &FormErrors::default()))
}

/// The secret being set up, and the field for its first code.
fn setup_form(page: &Page, secret: &str) -> Form {
    // Groups of four to read and type; the page sets them apart with a margin, not spaces, so
    // a copied key is the key.
    let chars: Vec<char> = secret.chars().collect();
    let groups: Vec<String> = chars.chunks(4).map(|c| c.iter().collect()).collect();
    Form::new(page, "mfa_setup.html", &["code"]).with(context! { groups })
}

/// `GET /account/mfa/qr.svg`: the QR code of the secret being set up.
pub async fn qr(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
) -> Result<Response, PageError> {
    Ok(match state.auth.pending_totp(&auth).await? {
        Some((_, svg)) => ([(CONTENT_TYPE, "image/svg+xml")], svg).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    })
}

/// `POST /account/mfa/confirm`: the first code turns it on; the recovery codes are shown.
pub async fn confirm(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    page: Page,
    PageForm(f): PageForm<CodeForm>,
) -> Result<Response, PageError> {
    let e = match state.auth.confirm_totp(&auth, f.code.as_deref()).await {
        Ok(codes) => return Ok(codes_page(page, &codes)),
        Err(e) => e,
    };
    // The set-up again with the error, unless there is nothing left to set up.
    match state.auth.pending_totp(&auth).await? {
        Some((secret, _)) => Err(setup_form(&page, &secret).error(e)),
        None => Ok(page.see_other("/account/").into_response()),
    }
}

fn codes_page(page: Page, codes: &[String]) -> Response {
    page.render(StatusCode::OK, "mfa_codes.html", context! { codes })
}

/// `POST /account/mfa/recovery-codes`: new codes (the old ones stop working).
pub async fn regenerate(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    page: Page,
    PageForm(f): PageForm<PasswordForm>,
) -> Result<Response, PageError> {
    let account = AccountPage::new(&state, &page, &auth);
    let codes = account.step_up(state.auth.regenerate_recovery_codes(&auth, f.fresh())).await?;
    Ok(codes_page(page, &codes))
}

/// `POST /account/mfa/disable`: turns two-factor authentication off.
pub async fn disable(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    page: Page,
    PageForm(f): PageForm<PasswordForm>,
) -> Result<Response, PageError> {
    let account = AccountPage::new(&state, &page, &auth);
    account.step_up(state.auth.disable_totp(&auth, f.fresh())).await?;
    Ok(page.see_other("/account/").flash(Flash::MfaDisabled).into_response())
}

/// `POST /account/mfa/recovery-codes.txt`: the codes the page showed, as a text file. It
/// echoes only what the browser sends (the server keeps no plain code to send).
pub async fn download(
    SignedIn(_): SignedIn,
    page: Page,
    PageForm(f): PageForm<CodesForm>,
) -> Response {
    let codes: Vec<String> = f
        .codes
        .unwrap_or_default()
        .split_whitespace()
        .map(|c| c.chars().filter(|ch| ch.is_ascii_alphanumeric() || *ch == '-').collect())
        .filter(|c: &String| !c.is_empty())
        .take(20)
        .collect();
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("product", crate::PRODUCT);
    let header = page.catalogues().message(page.locale(), "mfa-codes-file", Some(&args));
    let body = format!("{header}\n\n{}\n", codes.join("\n"));
    (
        [
            (CONTENT_TYPE, "text/plain; charset=utf-8"),
            (CONTENT_DISPOSITION, "attachment; filename=\"recovery-codes.txt\""),
        ],
        body,
    )
        .into_response()
}
