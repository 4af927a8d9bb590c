//! The provider's browser routes (docs/provider.md): the authorization endpoint, the consent
//! page and RP-initiated logout. They live with the pages for their templates, CSRF token and
//! headers; what they decide is `service::provider`'s.
//!
//! The authorization request travels through the login page as its `next` (every way of
//! logging in, second factor and passkeys included, ends on `next`), and through the consent
//! and logout forms as a hidden field holding the request's query, which is checked again
//! when the form comes back: nothing about a pending request is stored.

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use minijinja::context;
use serde::Deserialize;

use super::error::error_response;
use super::extract::{MaybeSignedIn, PageForm};
use super::form::PageError;
use super::render::Page;
use crate::error::{AppError, ErrorCode};
use crate::http::cookies;
use crate::http::state::AppState;
use crate::service::provider::{AuthorizeParams, AuthorizeStep, LogoutParams, Refusal};
use crate::service::Authenticated;

fn bad_request() -> AppError {
    AppError::bad_request(
        ErrorCode::InvalidAuthorizationRequest,
        "The request's parameters are malformed (a parameter given twice, or not text).",
    )
}

fn parse<T: serde::de::DeserializeOwned>(query: Option<&str>) -> Result<T, AppError> {
    serde_urlencoded::from_str(query.unwrap_or("")).map_err(|_| bad_request())
}

/// What a person is told each scope allows (a message; the template puts it into words).
pub(super) fn describe(scope: &str) -> crate::i18n::Msg {
    use crate::i18n::Msg;
    match scope {
        "openid" | "profile" | "email" | "offline_access" | "organization" => {
            Msg::new(format!("scope-{}", scope.replace('_', "-")))
        }
        other => Msg::new("scope-other").arg("scope", other),
    }
}

/// `GET /oauth2/authorize`: the authorization request (OpenID Connect Core 3.1.2).
pub async fn authorize(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    MaybeSignedIn(session): MaybeSignedIn,
    page: Page,
) -> Response {
    let params: AuthorizeParams = match parse(query.as_deref()) {
        Ok(p) => p,
        Err(e) => return error_response(e),
    };
    step(&state, params, session.as_ref(), page, false).await
}

/// Runs the request to its next step. `consented`: the consent form was just submitted.
async fn step(
    state: &AppState,
    mut params: AuthorizeParams,
    session: Option<&Authenticated>,
    page: Page,
    consented: bool,
) -> Response {
    let req = match state.auth.authorization_request(&params).await {
        Ok(req) => req,
        Err(Refusal::Page(e)) => return error_response(e),
        Err(Refusal::Redirect(url)) => return go(page, &url, consented),
    };
    match state.auth.authorize_step(&req, session, consented).await {
        Err(e) => error_response(e),
        Ok(AuthorizeStep::Redirect(url)) => go(page, &url, consented),
        Ok(AuthorizeStep::Login { auth_after }) => {
            let fresh = auth_after.is_some();
            if let Some(sealed) = auth_after {
                params.auth_after = Some(sealed);
            }
            let next = format!(
                "/oauth2/authorize?{}",
                serde_urlencoded::to_string(&params).unwrap_or_default()
            );
            let mut login = url::form_urlencoded::Serializer::new(String::new());
            login.append_pair("next", &next);
            if fresh {
                login.append_pair("prompt", "login");
            }
            if let Some(hint) = &req.login_hint {
                login.append_pair("login_hint", hint);
            }
            page.see_other(&format!("/account/login?{}", login.finish())).into_response()
        }
        Ok(AuthorizeStep::Consent) => {
            let Some(auth) = session else { return error_response(bad_request()) };
            let scopes: Vec<_> =
                req.scopes.iter().map(|s| context! { name => s, text => describe(s) }).collect();
            let redirect_host = url::Url::parse(&req.redirect_uri)
                .ok()
                .and_then(|u| u.host_str().map(str::to_owned))
                .unwrap_or_else(|| req.redirect_uri.clone());
            let ctx = context! {
                client_name => &req.client.name,
                // A client known by its metadata document names itself: the page says where
                // that name comes from, the one thing about it Portcullis has checked.
                document_host => crate::service::metadata_document::document_host(&req.client),
                account => &auth.user.email,
                scopes,
                redirect_host,
                request => serde_urlencoded::to_string(&params).unwrap_or_default(),
            };
            page.render(StatusCode::OK, "consent.html", ctx)
        }
    }
}

/// On to `url` (on the client's origin): a `303`, or after a form post a page that goes on by
/// itself (the pages' `form-action 'self'` would stop a form's redirect to another origin).
fn go(page: Page, url: &str, after_form: bool) -> Response {
    if after_form {
        let ctx = context! { url, message => "continue-returning" };
        page.render(StatusCode::OK, "continue.html", ctx)
    } else {
        page.see_other(url).into_response()
    }
}

#[derive(Deserialize)]
pub struct DecisionForm {
    request: Option<String>,
    decision: Option<String>,
}

/// `POST /oauth2/consent`: allow or deny, for the request carried in the form.
pub async fn consent(
    State(state): State<AppState>,
    MaybeSignedIn(session): MaybeSignedIn,
    page: Page,
    PageForm(f): PageForm<DecisionForm>,
) -> Result<Response, PageError> {
    let params: AuthorizeParams = parse(f.request.as_deref())?;
    let Some(auth) = session else {
        // Signed out meanwhile: start the request again (it will ask for a login).
        return Ok(step(&state, params, None, page, false).await);
    };
    match f.decision.as_deref() {
        Some("allow") => Ok(step(&state, params, Some(&auth), page, true).await),
        Some("deny") => {
            let req = match state.auth.authorization_request(&params).await {
                Ok(req) => req,
                Err(Refusal::Page(e)) => return Err(e.into()),
                Err(Refusal::Redirect(url)) => return Ok(go(page, &url, true)),
            };
            let url = state.auth.authorize_error(&req, "access_denied", "the user denied access");
            Ok(go(page, &url, true))
        }
        _ => Err(AppError::missing("decision").into()),
    }
}

/// `GET /oauth2/logout`: RP-initiated logout. With an `id_token_hint` for this browser's
/// session the session ends at once; otherwise the person is asked.
pub async fn logout(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    MaybeSignedIn(session): MaybeSignedIn,
    page: Page,
) -> Result<Response, PageError> {
    let params: LogoutParams = parse(query.as_deref())?;
    let req = state.auth.logout_request(&params).await?;
    let Some(auth) = session else {
        return Ok(logged_out(&state, page, req.redirect.as_deref(), false));
    };
    let sid = crate::service::provider::sid_for(&auth.session.id);
    if req.hint.as_ref().is_some_and(|(s, sub)| *s == sid && *sub == auth.user.id) {
        state.auth.logout(&auth).await?;
        return Ok(logged_out(&state, page, req.redirect.as_deref(), false));
    }
    let ctx = context! {
        client_name => req.client_name,
        request => serde_urlencoded::to_string(&params).unwrap_or_default(),
    };
    Ok(page.render(StatusCode::OK, "logout.html", ctx))
}

/// `POST /oauth2/logout/confirm`: the person confirmed.
pub async fn logout_confirm(
    State(state): State<AppState>,
    MaybeSignedIn(session): MaybeSignedIn,
    page: Page,
    PageForm(f): PageForm<DecisionForm>,
) -> Result<Response, PageError> {
    let params: LogoutParams = parse(f.request.as_deref())?;
    let req = state.auth.logout_request(&params).await?;
    if let Some(auth) = session {
        state.auth.logout(&auth).await?;
    }
    Ok(logged_out(&state, page, req.redirect.as_deref(), true))
}

fn logged_out(state: &AppState, page: Page, redirect: Option<&str>, after_form: bool) -> Response {
    let clear = cookies::clear_session(state.auth.settings());
    let mut res = match redirect {
        Some(url) => go(page, url, after_form),
        None => page.render(StatusCode::OK, "logout.html", context! { done => true }),
    };
    res.headers_mut().append(axum::http::header::SET_COOKIE, clear);
    res
}
