//! Passkeys on the pages. The WebAuthn calls need the browser's API, so `passkeys.js` (the
//! pages' only script) fetches the ceremony's options from the JSON API, runs
//! `navigator.credentials`, and posts the answer with the form it sits in: the finish is an
//! ordinary CSRF-checked form post here, like every other page action. Renaming and deleting
//! are plain forms that work without script; without script the passkey buttons stay hidden.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::extract::{PageForm, SignedIn};
use super::mfa::{refused, PasswordForm};
use minijinja::Value;

use super::render::{error_response, form_errors, Flash, Page};
use super::safe_next;
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
) -> Response {
    let finished = async {
        let answer = credential(f.credential.as_deref())?;
        state
            .auth
            .finish_passkey_registration(&auth, f.ceremony.as_deref(), f.name.as_deref(), answer)
            .await
    };
    match finished.await {
        Ok(_) => page.see_other("/account/").flash(Flash::PasskeyAdded).into_response(),
        Err(e) => refused(&state, page, &auth, e).await,
    }
}

/// `POST /account/passkeys/login`: the script's finish of a passkey sign-in (alone, or as
/// the second step), then on to `next` like a password login.
pub async fn login(
    State(state): State<AppState>,
    Client(client): Client,
    PresentedCookie(presented): PresentedCookie,
    page: Page,
    PageForm(f): PageForm<FinishForm>,
) -> Response {
    let next = safe_next(f.next.as_deref());
    let finished = async {
        let answer = credential(f.credential.as_deref())?;
        state
            .auth
            .finish_passkey_login(f.ceremony.as_deref(), answer, &client, presented.as_deref())
            .await
    };
    match finished.await {
        Ok(out) => super::session::signed_in(&state, page, next, &out),
        Err(e) => match form_errors(e, &[], "") {
            Ok(errors) => {
                super::session::form(page, errors.status(), next, &errors, Value::UNDEFINED)
            }
            Err(e) => error_response(e),
        },
    }
}

/// `POST /account/passkeys/{id}/rename`
pub async fn rename(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    page: Page,
    Path(id): Path<String>,
    PageForm(f): PageForm<RenameForm>,
) -> Response {
    match state.auth.rename_passkey(&auth, &id, f.name.as_deref()).await {
        Ok(()) => page.see_other("/account/").flash(Flash::PasskeyRenamed).into_response(),
        Err(e) => refused(&state, page, &auth, e).await,
    }
}

/// `POST /account/passkeys/{id}/delete` (step-up: the password unless signed in recently).
pub async fn delete(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    page: Page,
    Path(id): Path<String>,
    PageForm(f): PageForm<PasswordForm>,
) -> Response {
    match state.auth.delete_passkey(&auth, &id, f.fresh()).await {
        Ok(()) => page.see_other("/account/").flash(Flash::PasskeyDeleted).into_response(),
        Err(e) => refused(&state, page, &auth, e).await,
    }
}
