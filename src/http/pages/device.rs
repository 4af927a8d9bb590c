//! The device flow's verification page (RFC 8628 section 3.3, docs/provider.md): a signed-in
//! person enters the code their device shows (`/oauth2/device`, prefilled from
//! `?user_code=`), sees which application asks for what, and allows or denies. Someone signed
//! out goes through the login page (second factor and all) and comes back with the code. What
//! is decided is `service::device`'s; nothing here runs a script.

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use minijinja::context;
use serde::Deserialize;

use super::extract::{query_param, MaybeSignedIn, PageForm};
use super::form::{values, Form, FormErrors, PageError};
use super::provider::describe;
use super::render::Page;
use crate::domain::device::UserCode;
use crate::error::{AppError, ErrorCode};
use crate::http::state::AppState;
use crate::service::device::{DeviceDecision, DeviceRequest};
use crate::service::Authenticated;

const PATH: &str = "/oauth2/device";

/// What of a refused code is written back into the field (it may be anything).
const REFILL: usize = 32;

#[derive(Deserialize)]
pub struct CodeForm {
    user_code: Option<String>,
}

#[derive(Deserialize)]
pub struct DecisionForm {
    user_code: Option<String>,
    decision: Option<String>,
}

/// The login page, then back here (with the code, when it is one).
fn to_login(page: &Page, code: Option<&UserCode>) -> Response {
    let next = match code {
        Some(c) => format!("{PATH}?user_code={}", c.display()),
        None => PATH.to_owned(),
    };
    let query =
        url::form_urlencoded::Serializer::new(String::new()).append_pair("next", &next).finish();
    page.see_other(&format!("/account/login?{query}")).into_response()
}

/// Where a session that must still enrol a second factor is sent instead
/// (`PORTCULLIS_REQUIRE_MFA`): it may not connect a device yet.
fn to_enrolment(page: &Page) -> Response {
    page.see_other("/account/").into_response()
}

fn entry_form(page: &Page, auth: &Authenticated, refill: Option<&str>) -> Form {
    let refill = refill.map(|c| c.chars().take(REFILL).collect::<String>());
    Form::new(page, "device.html", &["user_code"]).with(context! {
        account => &auth.user.email,
        values => values([("user_code", refill.as_deref())]),
    })
}

/// A refused code: the form again, with one message whatever the reason.
fn refused(form: &Form, e: AppError) -> PageError {
    match e.code() {
        ErrorCode::InvalidCode => form
            .errors(FormErrors::field("user_code", crate::i18n::Msg::new("device-code-invalid"))),
        _ => form.error(e),
    }
}

/// `GET /oauth2/device[?user_code=…]`: the form, prefilled with a well-formed code.
pub async fn show(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    MaybeSignedIn(session): MaybeSignedIn,
    page: Page,
) -> Response {
    let code = query_param(query.as_deref(), "user_code").and_then(|c| UserCode::parse(&c));
    let Some(auth) = session else { return to_login(&page, code.as_ref()) };
    if state.auth.must_enrol(&auth) {
        return to_enrolment(&page);
    }
    let prefill = code.map(|c| c.display());
    entry_form(&page, &auth, prefill.as_deref()).show(StatusCode::OK, &FormErrors::default())
}

/// `POST /oauth2/device`: the code checked; the confirmation page for a pending request.
pub async fn check(
    State(state): State<AppState>,
    MaybeSignedIn(session): MaybeSignedIn,
    page: Page,
    PageForm(f): PageForm<CodeForm>,
) -> Result<Response, PageError> {
    let Some(auth) = session else { return Ok(to_login(&page, None)) };
    if state.auth.must_enrol(&auth) {
        return Ok(to_enrolment(&page));
    }
    let input = f.user_code.unwrap_or_default();
    let form = entry_form(&page, &auth, Some(&input));
    let req = state.auth.device_request(&auth, &input).await.map_err(|e| refused(&form, e))?;
    Ok(confirmation(page, &auth, &req))
}

fn confirmation(page: Page, auth: &Authenticated, req: &DeviceRequest) -> Response {
    let scopes: Vec<_> =
        req.scopes.iter().map(|s| context! { name => s, text => describe(s) }).collect();
    let ctx = context! {
        client_name => &req.client.name,
        account => &auth.user.email,
        scopes,
        user_code => req.user_code.display(),
    };
    page.render(StatusCode::OK, "device_confirm.html", ctx)
}

/// `POST /oauth2/device/confirm`: allow or deny the request of the code in the form.
pub async fn decide(
    State(state): State<AppState>,
    MaybeSignedIn(session): MaybeSignedIn,
    page: Page,
    PageForm(f): PageForm<DecisionForm>,
) -> Result<Response, PageError> {
    let Some(auth) = session else { return Ok(to_login(&page, None)) };
    if state.auth.must_enrol(&auth) {
        return Ok(to_enrolment(&page));
    }
    let decision = match f.decision.as_deref() {
        Some("allow") => DeviceDecision::Allow,
        Some("deny") => DeviceDecision::Deny,
        _ => return Err(AppError::missing("decision").into()),
    };
    let form = entry_form(&page, &auth, None);
    let input = f.user_code.unwrap_or_default();
    let decided = state.auth.decide_device(&auth, &input, decision);
    let req = decided.await.map_err(|e| refused(&form, e))?;
    let ctx = context! {
        allowed => decision == DeviceDecision::Allow,
        client_name => &req.client.name,
    };
    Ok(page.render(StatusCode::OK, "device_done.html", ctx))
}
