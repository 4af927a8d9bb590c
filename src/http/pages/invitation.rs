//! The page an invitation's link opens (docs/organizations.md): a signed-in person sees which
//! organisation invites them with which role, and joins with one form. Someone signed out goes
//! through the login page and comes back. What is decided is `service::orgs`'s.

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use minijinja::context;
use serde::Deserialize;

use super::extract::{query_param, MaybeSignedIn, PageForm};
use super::form::PageError;
use super::render::Page;
use crate::error::AppError;
use crate::http::state::AppState;

const PATH: &str = "/account/invitation";

#[derive(Deserialize)]
pub struct AcceptForm {
    token: Option<String>,
}

fn to_login(page: &Page, token: &str) -> Response {
    let next = url::form_urlencoded::Serializer::new(format!("{PATH}?"))
        .append_pair("token", token)
        .finish();
    let query =
        url::form_urlencoded::Serializer::new(String::new()).append_pair("next", &next).finish();
    page.see_other(&format!("/account/login?{query}")).into_response()
}

/// `GET /account/invitation?token=…`: what the invitation offers, and the form to accept it.
pub async fn show(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    MaybeSignedIn(session): MaybeSignedIn,
    page: Page,
) -> Result<Response, PageError> {
    let token = query_param(query.as_deref(), "token").unwrap_or_default();
    let Some(auth) = session else { return Ok(to_login(&page, &token)) };
    let (inv, org) = state.auth.invitation_offer(&token).await?;
    let ctx = context! {
        account => &auth.user.email,
        organization => &org.name,
        role => &inv.role,
        token => &token,
    };
    Ok(page.render(StatusCode::OK, "invitation.html", ctx))
}

/// `POST /account/invitation`: joins.
pub async fn accept(
    State(state): State<AppState>,
    MaybeSignedIn(session): MaybeSignedIn,
    page: Page,
    PageForm(f): PageForm<AcceptForm>,
) -> Result<Response, PageError> {
    let token = f.token.ok_or_else(|| AppError::missing("token"))?;
    let Some(auth) = session else { return Ok(to_login(&page, &token)) };
    let (org, role) = state.auth.accept_invitation(&auth, &token).await?;
    let ctx = context! { joined => true, organization => &org.name, role => &role };
    Ok(page.render(StatusCode::OK, "invitation.html", ctx))
}
