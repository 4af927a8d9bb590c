//! The admin API's organisations (docs/organizations.md, "The operator's side"):
//! `/api/admin/organizations`, with the scopes `organizations:read` and `organizations:write`.
//! The operator is no member of them: these routes check the key's scope, not a role, and
//! keep the rules every path keeps (the last owner stays).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::admin::{limit, Admin};
use super::answers::MessageResponse;
use super::extract::{Input, Path, Query};
use super::state::AppState;
use crate::error::{AppError, ErrorBody, ErrorCode, Result};
use crate::service::{AdminOrganization, OrgInput, OrganizationMember, UserRef};

const READ: &str = "organizations:read";
const WRITE: &str = "organizations:write";

#[derive(Serialize, ToSchema)]
pub struct AdminOrganizationsPage {
    pub organizations: Vec<AdminOrganization>,
    /// Pass as `after` for the next page; absent on the last one.
    pub next: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrganizationsQuery {
    /// The cursor: `next` of the previous page.
    pub after: Option<String>,
    /// 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
}

/// A new organisation and its first owner, an existing user named by id or by address (one of
/// the two).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AdminCreateOrganizationRequest {
    /// 1 to 200 characters.
    #[schema(required = true, value_type = String, min_length = 1, max_length = 200)]
    pub name: Option<String>,
    /// 2 to 48 of `a-z`, `0-9` and inner `-`; unique. Default: made from the name.
    pub slug: Option<String>,
    /// A JSON object of the application's own, at most 4 KiB.
    #[schema(value_type = Option<Object>)]
    pub metadata: Option<serde_json::Value>,
    /// The first owner, by id.
    pub owner_user_id: Option<String>,
    /// The first owner, by email address.
    pub owner_email: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct AdminOrganizationMembersPage {
    /// Oldest first.
    pub members: Vec<OrganizationMember>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AdminMemberRoleRequest {
    /// `owner`, `admin`, `member`, or a role of `PORTCULLIS_ORG_ROLES`.
    #[schema(required = true, value_type = String, min_length = 1)]
    pub role: Option<String>,
}

/// The member just added or changed.
#[derive(Serialize, ToSchema)]
pub struct AdminMemberResponse {
    pub member: OrganizationMember,
    /// `true`: they were not a member before this call.
    pub added: bool,
}

/// Every organisation, in a stable order (by id), a page at a time.
#[utoipa::path(get, path = "/api/admin/organizations", tag = "admin", params(OrganizationsQuery),
    security(("api_key" = ["organizations:read"])),
    responses((status = 200, body = AdminOrganizationsPage), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list_organizations(
    State(state): State<AppState>,
    admin: Admin,
    Query(q): Query<OrganizationsQuery>,
) -> Result<Json<AdminOrganizationsPage>> {
    let caller = admin.needs(READ)?;
    let limit = limit(q.limit)?;
    let orgs = state.auth.admin_organizations(&caller, q.after.as_deref(), limit).await?;
    let next = (orgs.len() as i64 == limit).then(|| orgs.last().map(|o| o.id.clone())).flatten();
    let organizations = orgs.iter().map(AdminOrganization::from).collect();
    Ok(Json(AdminOrganizationsPage { organizations, next }))
}

/// Make an organisation whose first owner is an existing user.
#[utoipa::path(post, path = "/api/admin/organizations", tag = "admin",
    request_body = AdminCreateOrganizationRequest, security(("api_key" = ["organizations:write"])),
    responses((status = 201, body = AdminOrganization),
        (status = 400, description = "A name, slug or metadata outside the rules, no owner or both ways of naming one, or an unknown field", body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, description = "No such user (`user_not_found`)", body = ErrorBody),
        (status = 409, description = "The slug is taken (`slug_taken`)", body = ErrorBody)))]
pub async fn create_organization(
    State(state): State<AppState>,
    admin: Admin,
    Input(req): Input<AdminCreateOrganizationRequest>,
) -> Result<Response> {
    let caller = admin.needs(WRITE)?;
    let owner = match (req.owner_user_id.as_deref(), req.owner_email.as_deref()) {
        (Some(id), None) => UserRef::Id(id),
        (None, Some(email)) => UserRef::Email(email),
        (None, None) => return Err(AppError::missing("owner_user_id")),
        (Some(_), Some(_)) => {
            return Err(AppError::bad_request(
                ErrorCode::InvalidField,
                "name the owner by owner_user_id or by owner_email, not both",
            ))
        }
    };
    let input = OrgInput { name: req.name, slug: req.slug, metadata: req.metadata };
    let org = state.auth.admin_create_organization(&caller, input, owner).await?;
    Ok((StatusCode::CREATED, Json(AdminOrganization::from(&org))).into_response())
}

#[utoipa::path(get, path = "/api/admin/organizations/{id}", tag = "admin",
    params(("id" = String, Path)), security(("api_key" = ["organizations:read"])),
    responses((status = 200, body = AdminOrganization), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, description = "No such organisation (`organization_not_found`)", body = ErrorBody)))]
pub async fn get_organization(
    State(state): State<AppState>,
    admin: Admin,
    Path(id): Path<String>,
) -> Result<Json<AdminOrganization>> {
    let caller = admin.needs(READ)?;
    Ok(Json(AdminOrganization::from(&state.auth.admin_organization(&caller, &id).await?)))
}

/// Change an organisation's name, slug or metadata; what the body leaves out is kept.
#[utoipa::path(patch, path = "/api/admin/organizations/{id}", tag = "admin",
    params(("id" = String, Path)), request_body = OrgInput,
    security(("api_key" = ["organizations:write"])),
    responses((status = 200, body = AdminOrganization),
        (status = 400, description = "A name, slug or metadata outside the rules, or an unknown field", body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, description = "No such organisation (`organization_not_found`)", body = ErrorBody),
        (status = 409, description = "The slug is taken (`slug_taken`)", body = ErrorBody)))]
pub async fn update_organization(
    State(state): State<AppState>,
    admin: Admin,
    Path(id): Path<String>,
    Input(input): Input<OrgInput>,
) -> Result<Json<AdminOrganization>> {
    let caller = admin.needs(WRITE)?;
    let org = state.auth.admin_update_organization(&caller, &id, input).await?;
    Ok(Json(AdminOrganization::from(&org)))
}

/// Delete an organisation with its memberships: the tokens that carry it fail at once.
#[utoipa::path(delete, path = "/api/admin/organizations/{id}", tag = "admin",
    params(("id" = String, Path)), security(("api_key" = ["organizations:write"])),
    responses((status = 200, body = MessageResponse), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, description = "No such organisation (`organization_not_found`)", body = ErrorBody)))]
pub async fn delete_organization(
    State(state): State<AppState>,
    admin: Admin,
    Path(id): Path<String>,
) -> Result<Json<MessageResponse>> {
    let caller = admin.needs(WRITE)?;
    state.auth.admin_delete_organization(&caller, &id).await?;
    Ok(Json(MessageResponse::new("Organisation deleted")))
}

/// The members of an organisation, oldest first.
#[utoipa::path(get, path = "/api/admin/organizations/{id}/members", tag = "admin",
    params(("id" = String, Path)), security(("api_key" = ["organizations:read"])),
    responses((status = 200, body = AdminOrganizationMembersPage), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, description = "No such organisation (`organization_not_found`)", body = ErrorBody)))]
pub async fn organization_members(
    State(state): State<AppState>,
    admin: Admin,
    Path(id): Path<String>,
) -> Result<Json<AdminOrganizationMembersPage>> {
    let caller = admin.needs(READ)?;
    let members = state.auth.admin_organization_members(&caller, &id).await?;
    let members = members.iter().map(OrganizationMember::from).collect();
    Ok(Json(AdminOrganizationMembersPage { members }))
}

/// Make an existing user a member with a role, or give a member another role. The last owner
/// cannot be demoted.
#[utoipa::path(put, path = "/api/admin/organizations/{id}/members/{user_id}", tag = "admin",
    params(("id" = String, Path), ("user_id" = String, Path)), request_body = AdminMemberRoleRequest,
    security(("api_key" = ["organizations:write"])),
    responses((status = 200, body = AdminMemberResponse),
        (status = 400, description = "A role this deployment does not have, or an unknown field", body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, description = "`organization_not_found` or `user_not_found`", body = ErrorBody),
        (status = 409, description = "The last owner (`last_owner`)", body = ErrorBody)))]
pub async fn set_organization_member(
    State(state): State<AppState>,
    admin: Admin,
    Path((id, user_id)): Path<(String, String)>,
    Input(req): Input<AdminMemberRoleRequest>,
) -> Result<Json<AdminMemberResponse>> {
    let caller = admin.needs(WRITE)?;
    let role = req.role.ok_or_else(|| AppError::missing("role"))?;
    let (member, added) =
        state.auth.admin_set_organization_member(&caller, &id, &user_id, &role).await?;
    Ok(Json(AdminMemberResponse { member: OrganizationMember::from(&member), added }))
}

/// Remove a member: the tokens that carry the organisation for them fail at once. The last
/// owner cannot be removed.
#[utoipa::path(delete, path = "/api/admin/organizations/{id}/members/{user_id}", tag = "admin",
    params(("id" = String, Path), ("user_id" = String, Path)),
    security(("api_key" = ["organizations:write"])),
    responses((status = 200, body = MessageResponse), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, description = "`organization_not_found` or `member_not_found`", body = ErrorBody),
        (status = 409, description = "The last owner (`last_owner`)", body = ErrorBody)))]
pub async fn remove_organization_member(
    State(state): State<AppState>,
    admin: Admin,
    Path((id, user_id)): Path<(String, String)>,
) -> Result<Json<MessageResponse>> {
    let caller = admin.needs(WRITE)?;
    state.auth.admin_remove_organization_member(&caller, &id, &user_id).await?;
    Ok(Json(MessageResponse::new("Member removed")))
}
