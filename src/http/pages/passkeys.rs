//! Passkeys on the pages. The WebAuthn calls need the browser's API, so `passkeys.js` (the
//! pages' only script) fetches the ceremony's options from the JSON API, runs
//! `navigator.credentials`, and posts the answer with the form it sits in: the finish is an
//! ordinary CSRF-checked form post here, like every other page action. Renaming and deleting
//! are plain forms that work without script; without script the passkey buttons stay hidden.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::account::AccountPage;
use super::extract::{safe_next, PageForm, SignedIn};
use super::form::{OrForm, PageError};
use super::mfa::PasswordForm;
use super::render::{Flash, Page};
use super::session::{login_form, signed_in};
use crate::error::{AppError, ErrorCode};
use crate::http::extract::{Client, PresentedCookie};
use crate::http::state::AppState;

#[derive(Deserialize)]
pub struct RenameForm {
    name: Option<String>,
}

#[derive(Deserialize)]
pub struct FinishForm {
    ceremony: Option<String>,
    /// The browser's answer, as the JSON the script made of it.
    credential: Option<String>,
    name: Option<String>,
    next: Option<String>,
}

fn credential(raw: Option<&str>) -> Result<Option<serde_json::Value>, AppError> {
    match raw.filter(|c| !c.is_empty()) {
        None => Ok(None),
        Some(c) => serde_json::from_str(c).map(Some).map_err(|e| {
            AppError::bad_request(ErrorCode::InvalidField, format!("Invalid credential: {e}"))
        }),
    }
}

/// `POST /account/passkeys/register`: the script's finish of a registration.
pub async fn register(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    page: Page,
    PageForm(f): PageForm<FinishForm>,
) -> Result<Response, PageError> {
    let finished = async {
        let answer = credential(f.credential.as_deref())?;
        state
            .auth
            .finish_passkey_registration(&auth, f.ceremony.as_deref(), f.name.as_deref(), answer)
            .await
    };
    AccountPage::new(&state, &page, &auth).step_up(finished).await?;
    Ok(page.see_other("/account/").flash(Flash::PasskeyAdded).into_response())
}

/// `POST /account/passkeys/login`: the script's finish of a passkey sign-in (alone, or as
/// the second step), then on to `next` like a password login; a refusal is the login form
/// again, the error over it.
pub async fn login(
    State(state): State<AppState>,
    Client(client): Client,
    PresentedCookie(presented): PresentedCookie,
    page: Page,
    PageForm(f): PageForm<FinishForm>,
) -> Result<Response, PageError> {
    let next = safe_next(f.next.as_deref());
    let finished = async {
        let answer = credential(f.credential.as_deref())?;
        state
            .auth
            .finish_passkey_login(f.ceremony.as_deref(), answer, &client, presented.as_deref())
            .await
    };
    let out = finished.await.or_form(&login_form(&page, next, &[]))?;
    Ok(signed_in(&state, page, next, &out))
}

/// `POST /account/passkeys/{id}/rename`
pub async fn rename(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    page: Page,
    Path(id): Path<String>,
    PageForm(f): PageForm<RenameForm>,
) -> Result<Response, PageError> {
    let account = AccountPage::new(&state, &page, &auth);
    account.step_up(state.auth.rename_passkey(&auth, &id, f.name.as_deref())).await?;
    Ok(page.see_other("/account/").flash(Flash::PasskeyRenamed).into_response())
}

/// `POST /account/passkeys/{id}/delete` (step-up: the password unless signed in recently).
pub async fn delete(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    page: Page,
    Path(id): Path<String>,
    PageForm(f): PageForm<PasswordForm>,
) -> Result<Response, PageError> {
    let account = AccountPage::new(&state, &page, &auth);
    account.step_up(state.auth.delete_passkey(&auth, &id, f.fresh())).await?;
    Ok(page.see_other("/account/").flash(Flash::PasskeyDeleted).into_response())
}
