//! Organisations on the hosted pages (docs/organizations.md): the account page lists the
//! person's and makes new ones; an organisation's page shows its members and, to those whose
//! role allows it, the forms to invite, change a role, remove, and revoke an invitation; every
//! member may make the session act for it, or leave. Each form does what the API route of the
//! same name does (`service::orgs`), so the rules are the same.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use minijinja::context;
use serde::Deserialize;

use super::extract::{PageForm, SignedIn};
use super::form::PageError;
use super::render::{Flash, Page};
use crate::domain::org::permission;
use crate::error::AppError;
use crate::http::state::AppState;
use crate::service::OrgInput;

fn org_path(id: &str) -> String {
    format!("/account/organizations/{id}")
}

#[derive(Deserialize)]
pub struct CreateForm {
    name: Option<String>,
}

#[derive(Deserialize)]
pub struct InviteForm {
    email: Option<String>,
    role: Option<String>,
}

#[derive(Deserialize)]
pub struct RoleForm {
    role: Option<String>,
}

/// `POST /account/organizations`: makes one; its page next.
pub async fn create(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    page: Page,
    PageForm(f): PageForm<CreateForm>,
) -> Result<Response, PageError> {
    let input = OrgInput { name: f.name, ..Default::default() };
    let (org, _) = state.auth.create_org(&auth, input).await?;
    Ok(page.see_other(&org_path(&org.id)).flash(Flash::OrgCreated).into_response())
}

/// `GET /account/organizations/{id}`: the organisation as its member sees it.
pub async fn show(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    Path(id): Path<String>,
    page: Page,
) -> Result<Response, PageError> {
    let (org, role) = state.auth.org(&auth, &id).await?;
    let roles = state.auth.org_roles();
    let manage = roles.allows(&role, permission::MEMBERS_WRITE);
    let members = state.auth.org_members(&auth, &id).await?;
    let members: Vec<_> = members
        .iter()
        .map(|m| {
            context! {
                user_id => &m.user_id, email => &m.email, role => &m.role,
                me => m.user_id == auth.user.id, joined => m.created_at,
            }
        })
        .collect();
    let invitations = if manage { state.auth.invitations(&auth, &id).await? } else { Vec::new() };
    let invitations: Vec<_> = invitations
        .iter()
        .map(|i| context! { id => &i.id, email => &i.email, role => &i.role, expires => i.expires_at })
        .collect();
    let ctx = context! {
        id => &org.id,
        name => &org.name,
        slug => &org.slug,
        role => &role,
        manage,
        owners => roles.allows(&role, permission::OWNERS_WRITE),
        roles => roles.names(),
        members,
        invitations,
        account => &auth.user.email,
    };
    Ok(page.render(StatusCode::OK, "organization.html", ctx))
}

/// `POST /account/organizations/{id}/switch`: this session acts for it.
pub async fn switch(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    Path(id): Path<String>,
    page: Page,
) -> Result<Response, PageError> {
    state.auth.switch_org(&auth, Some(&id)).await?;
    Ok(page.see_other(&org_path(&id)).flash(Flash::OrgSwitched).into_response())
}

/// `POST /account/organizations/{id}/invitations`: invites an address.
pub async fn invite(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    Path(id): Path<String>,
    page: Page,
    PageForm(f): PageForm<InviteForm>,
) -> Result<Response, PageError> {
    let email = f.email.ok_or_else(|| AppError::missing("email"))?;
    let role = f.role.unwrap_or_else(|| crate::domain::org::MEMBER.to_owned());
    state.auth.invite(&auth, &id, &email, &role).await?;
    Ok(page.see_other(&org_path(&id)).flash(Flash::OrgInvited).into_response())
}

/// `POST /account/organizations/{id}/invitations/{invitation_id}/revoke`.
pub async fn revoke_invitation(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    Path((id, invitation_id)): Path<(String, String)>,
    page: Page,
) -> Result<Response, PageError> {
    state.auth.revoke_invitation(&auth, &id, &invitation_id).await?;
    Ok(page.see_other(&org_path(&id)).flash(Flash::OrgInvitationRevoked).into_response())
}

/// `POST /account/organizations/{id}/members/{user_id}/role`.
pub async fn set_role(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    Path((id, user_id)): Path<(String, String)>,
    page: Page,
    PageForm(f): PageForm<RoleForm>,
) -> Result<Response, PageError> {
    let role = f.role.ok_or_else(|| AppError::missing("role"))?;
    state.auth.set_org_role(&auth, &id, &user_id, &role).await?;
    Ok(page.see_other(&org_path(&id)).flash(Flash::OrgRoleChanged).into_response())
}

/// `POST /account/organizations/{id}/members/{user_id}/remove`: removes a member, or, for
/// oneself, leaves.
pub async fn remove(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    Path((id, user_id)): Path<(String, String)>,
    page: Page,
) -> Result<Response, PageError> {
    state.auth.remove_org_member(&auth, &id, &user_id).await?;
    if user_id == auth.user.id {
        return Ok(page.see_other("/account/").flash(Flash::OrgLeft).into_response());
    }
    Ok(page.see_other(&org_path(&id)).flash(Flash::OrgMemberRemoved).into_response())
}
