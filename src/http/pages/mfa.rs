//! Two-factor pages: set up TOTP (a QR code and a code field), the recovery codes (with a
//! download as text), new codes, turning it off. Plain forms; the QR code is an image served
//! from here, so the page needs no script and no `data:` URL.

use axum::extract::State;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use minijinja::context;
use serde::Deserialize;

use super::account::render as account_page;
use super::extract::{PageForm, SignedIn};
use super::render::{error_response, form_errors, Flash, FormErrors, Page};
use crate::error::{AppError, ErrorCode};
use crate::http::state::AppState;
use crate::service::{Authenticated, Fresh};

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

/// The account page again, with a step-up refusal next to the password field.
pub(super) async fn refused(
    state: &AppState,
    page: Page,
    auth: &Authenticated,
    e: AppError,
) -> Response {
    let errors = match e.code() {
        ErrorCode::InvalidPassword => FormErrors::field("mfa_password", e.public_message()),
        // A session from before the second factor was turned on: its password will not do.
        ErrorCode::ReauthenticationRequired
            if auth.totp && !crate::domain::Amr::multi_factor(&auth.session.amr) =>
        {
            FormErrors::field(
                "mfa_password",
                "This session did not use your second factor: log out and log in again with it.",
            )
        }
        ErrorCode::ReauthenticationRequired => {
            FormErrors::field("mfa_password", "Enter your password to continue.")
        }
        _ => match form_errors(e, &[], "") {
            Ok(errors) => errors,
            Err(e) => return error_response(e),
        },
    };
    account_page(state, page, auth, errors.status(), &errors).await
}

/// `POST /account/mfa/setup`: a new secret, shown with its QR code.
pub async fn setup(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    page: Page,
    PageForm(f): PageForm<PasswordForm>,
) -> Response {
    match state.auth.enrol_totp(&auth, f.fresh()).await {
        Ok(e) => setup_page(page, StatusCode::OK, &e.secret, &FormErrors::default()),
        Err(e) => refused(&state, page, &auth, e).await,
    }
}

fn setup_page(page: Page, status: StatusCode, secret: &str, errors: &FormErrors) -> Response {
    let (errors, general_error) = errors.view();
    // Groups of four to read and type; the page sets them apart with a margin, not spaces, so
    // a copied key is the key.
    let chars: Vec<char> = secret.chars().collect();
    let groups: Vec<String> = chars.chunks(4).map(|c| c.iter().collect()).collect();
    page.render(status, "mfa_setup.html", context! { groups, errors, general_error })
}

/// `GET /account/mfa/qr.svg`: the QR code of the secret being set up.
pub async fn qr(State(state): State<AppState>, SignedIn(auth): SignedIn) -> Response {
    match state.auth.pending_totp(&auth).await {
        Ok(Some((_, svg))) => ([(CONTENT_TYPE, "image/svg+xml")], svg).into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => error_response(e),
    }
}

/// `POST /account/mfa/confirm`: the first code turns it on; the recovery codes are shown.
pub async fn confirm(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    page: Page,
    PageForm(f): PageForm<CodeForm>,
) -> Response {
    match state.auth.confirm_totp(&auth, f.code.as_deref()).await {
        Ok(codes) => codes_page(page, &codes),
        Err(e) => {
            let secret = match state.auth.pending_totp(&auth).await {
                Ok(Some((secret, _))) => secret,
                Ok(None) => return page.see_other("/account/").into_response(),
                Err(e) => return error_response(e),
            };
            match form_errors(e, &["code"], "") {
                Ok(errors) => setup_page(page, errors.status(), &secret, &errors),
                Err(e) => error_response(e),
            }
        }
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
) -> Response {
    match state.auth.regenerate_recovery_codes(&auth, f.fresh()).await {
        Ok(codes) => codes_page(page, &codes),
        Err(e) => refused(&state, page, &auth, e).await,
    }
}

/// `POST /account/mfa/disable`: turns two-factor authentication off.
pub async fn disable(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    page: Page,
    PageForm(f): PageForm<PasswordForm>,
) -> Response {
    match state.auth.disable_totp(&auth, f.fresh()).await {
        Ok(()) => page.see_other("/account/").flash(Flash::MfaDisabled).into_response(),
        Err(e) => refused(&state, page, &auth, e).await,
    }
}

/// `POST /account/mfa/recovery-codes.txt`: the codes the page showed, as a text file. It
/// echoes only what the browser sends (the server keeps no plain code to send).
pub async fn download(SignedIn(_): SignedIn, PageForm(f): PageForm<CodesForm>) -> Response {
    let codes: Vec<String> = f
        .codes
        .unwrap_or_default()
        .split_whitespace()
        .map(|c| c.chars().filter(|ch| ch.is_ascii_alphanumeric() || *ch == '-').collect())
        .filter(|c: &String| !c.is_empty())
        .take(20)
        .collect();
    let body = format!(
        "{} recovery codes. Each signs you in once.\n\n{}\n",
        crate::mail::PRODUCT,
        codes.join("\n")
    );
    (
        [
            (CONTENT_TYPE, "text/plain; charset=utf-8"),
            (CONTENT_DISPOSITION, "attachment; filename=\"recovery-codes.txt\""),
        ],
        body,
    )
        .into_response()
}
