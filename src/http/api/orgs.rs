//! Organisations, self-service (docs/organizations.md): `/api/auth/organizations`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::clock::rfc3339;
use crate::domain::org::Organization;
use crate::error::{ErrorBody, Result};
use crate::http::answers::MessageResponse;
use crate::http::extract::{CurrentSession, Input, Path};
use crate::http::state::AppState;
use crate::service::{Fresh, OrgInput, OrganizationMember};

/// An organisation, with the caller's role in it.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrganizationView {
    pub id: String,
    pub slug: String,
    pub name: String,
    #[schema(value_type = Object)]
    pub metadata: serde_json::Value,
    /// The caller's role.
    pub role: String,
    /// What that role may do (the tokens' `org_permissions`).
    pub permissions: Vec<String>,
    pub created_at: String,
    pub updated_at: String,
}

impl OrganizationView {
    fn new(state: &AppState, org: &Organization, role: &str) -> Self {
        Self {
            id: org.id.clone(),
            slug: org.slug.clone(),
            name: org.name.clone(),
            metadata: org.metadata.clone(),
            role: role.to_owned(),
            permissions: state.auth.org_roles().permissions(role).unwrap_or_default(),
            created_at: rfc3339(org.created_at),
            updated_at: rfc3339(org.updated_at),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OrganizationsResponse {
    /// Oldest membership first.
    pub organizations: Vec<OrganizationView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MembersResponse {
    pub members: Vec<OrganizationMember>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleRequest {
    /// `owner`, `admin`, `member`, or a role of `PORTCULLIS_ORG_ROLES`.
    pub role: Option<String>,
}

/// A step-up for a deletion: the password or a code, unless the session authenticated within
/// `PORTCULLIS_REAUTH_WINDOW`.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeleteOrganizationRequest {
    pub password: Option<String>,
    pub code: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActiveOrganizationRequest {
    /// The organisation to act for, or `null` for none.
    pub organization_id: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ActiveOrganizationResponse {
    /// A new access token carrying the organisation (`org_id`, `org_slug`, `org_role`,
    /// `org_permissions`), or none.
    pub access_token: String,
    /// `Bearer`, or `DPoP` for a session bound to a key.
    pub token_type: String,
    pub expires_in: i64,
    pub organization: Option<OrganizationView>,
}

/// Make an organisation; the caller is its first owner.
#[utoipa::path(post, path = "/api/auth/organizations", tag = "organizations", request_body = OrgInput,
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 201, body = OrganizationView), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 403, description = "The account's address is not confirmed yet \
            (`email_not_verified`)", body = ErrorBody),
        (status = 409, description = "The slug is taken (`slug_taken`)", body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    CurrentSession(auth): CurrentSession,
    Input(input): Input<OrgInput>,
) -> Result<(StatusCode, Json<OrganizationView>)> {
    let (org, role) = state.auth.create_org(&auth, input).await?;
    Ok((StatusCode::CREATED, Json(OrganizationView::new(&state, &org, &role))))
}

/// The organisations the caller belongs to.
#[utoipa::path(get, path = "/api/auth/organizations", tag = "organizations",
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = OrganizationsResponse), (status = 401, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentSession(auth): CurrentSession,
) -> Result<Json<OrganizationsResponse>> {
    let orgs = state.auth.my_orgs(&auth).await?;
    let organizations = orgs.iter().map(|(o, r)| OrganizationView::new(&state, o, r)).collect();
    Ok(Json(OrganizationsResponse { organizations }))
}

/// One organisation the caller belongs to.
#[utoipa::path(get, path = "/api/auth/organizations/{organization_id}", tag = "organizations",
    params(("organization_id" = String, Path)),
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = OrganizationView), (status = 401, body = ErrorBody),
        (status = 404, description = "No such organisation, or the caller is not a member (`organization_not_found`)", body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    CurrentSession(auth): CurrentSession,
    Path(org_id): Path<String>,
) -> Result<Json<OrganizationView>> {
    let (org, role) = state.auth.org(&auth, &org_id).await?;
    Ok(Json(OrganizationView::new(&state, &org, &role)))
}

/// Change an organisation's name, slug or metadata (`organization:update`: owners, admins).
#[utoipa::path(patch, path = "/api/auth/organizations/{organization_id}", tag = "organizations",
    params(("organization_id" = String, Path)), request_body = OrgInput,
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = OrganizationView), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    CurrentSession(auth): CurrentSession,
    Path(org_id): Path<String>,
    Input(input): Input<OrgInput>,
) -> Result<Json<OrganizationView>> {
    let (org, role) = state.auth.update_org(&auth, &org_id, input).await?;
    Ok(Json(OrganizationView::new(&state, &org, &role)))
}

/// Delete an organisation (an owner, after a step-up); its members' tokens for it stop.
#[utoipa::path(delete, path = "/api/auth/organizations/{organization_id}", tag = "organizations",
    params(("organization_id" = String, Path)), request_body = DeleteOrganizationRequest,
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = MessageResponse), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not an owner, or `reauthentication_required`", body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn delete(
    State(state): State<AppState>,
    CurrentSession(auth): CurrentSession,
    Path(org_id): Path<String>,
    Input(req): Input<DeleteOrganizationRequest>,
) -> Result<Json<MessageResponse>> {
    let fresh = Fresh { password: req.password.as_deref(), code: req.code.as_deref() };
    state.auth.delete_org(&auth, &org_id, fresh).await?;
    Ok(Json(MessageResponse::new("Organisation deleted")))
}

/// The members of an organisation (`members:read`: every member).
#[utoipa::path(get, path = "/api/auth/organizations/{organization_id}/members", tag = "organizations",
    params(("organization_id" = String, Path)),
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = MembersResponse), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn members(
    State(state): State<AppState>,
    CurrentSession(auth): CurrentSession,
    Path(org_id): Path<String>,
) -> Result<Json<MembersResponse>> {
    let members = state.auth.org_members(&auth, &org_id).await?;
    Ok(Json(MembersResponse { members: members.iter().map(OrganizationMember::from).collect() }))
}

/// Give a member another role (`members:write`; to or from `owner`, an owner). The last
/// owner cannot be demoted.
#[utoipa::path(patch, path = "/api/auth/organizations/{organization_id}/members/{user_id}", tag = "organizations",
    params(("organization_id" = String, Path), ("user_id" = String, Path)), request_body = RoleRequest,
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = MessageResponse), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, description = "`organization_not_found` or `member_not_found`", body = ErrorBody),
        (status = 409, description = "The last owner (`last_owner`)", body = ErrorBody)))]
pub async fn set_role(
    State(state): State<AppState>,
    CurrentSession(auth): CurrentSession,
    Path((org_id, user_id)): Path<(String, String)>,
    Input(req): Input<RoleRequest>,
) -> Result<Json<MessageResponse>> {
    let role = req.role.ok_or_else(|| crate::error::AppError::missing("role"))?;
    state.auth.set_org_role(&auth, &org_id, &user_id, &role).await?;
    Ok(Json(MessageResponse::new("Role changed")))
}

/// Remove a member (`members:write`; an owner, an owner), or leave (one's own id). The last
/// owner cannot. The removed member's tokens for the organisation stop at once.
#[utoipa::path(delete, path = "/api/auth/organizations/{organization_id}/members/{user_id}", tag = "organizations",
    params(("organization_id" = String, Path), ("user_id" = String, Path)),
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = MessageResponse), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "The last owner (`last_owner`)", body = ErrorBody)))]
pub async fn remove_member(
    State(state): State<AppState>,
    CurrentSession(auth): CurrentSession,
    Path((org_id, user_id)): Path<(String, String)>,
) -> Result<Json<MessageResponse>> {
    state.auth.remove_org_member(&auth, &org_id, &user_id).await?;
    Ok(Json(MessageResponse::new("Member removed")))
}

/// Act for an organisation (or none) in this session: answers a new access token carrying it.
#[utoipa::path(put, path = "/api/auth/organizations/active", tag = "organizations",
    request_body = ActiveOrganizationRequest,
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = ActiveOrganizationResponse), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn switch(
    State(state): State<AppState>,
    CurrentSession(auth): CurrentSession,
    Input(req): Input<ActiveOrganizationRequest>,
) -> Result<Json<ActiveOrganizationResponse>> {
    let switched = state.auth.switch_org(&auth, req.organization_id.as_deref()).await?;
    Ok(Json(ActiveOrganizationResponse {
        access_token: switched.access_token,
        token_type: if switched.dpop_bound { "DPoP" } else { "Bearer" }.into(),
        expires_in: switched.expires_in,
        organization: switched.active.map(|(o, r)| OrganizationView::new(&state, &o, &r)),
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InviteRequest {
    pub email: Option<String>,
    /// Default `member`.
    pub role: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationView {
    pub id: String,
    pub organization_id: String,
    pub email: String,
    pub role: String,
    pub invited_by: String,
    pub created_at: String,
    pub expires_at: String,
}

impl From<&crate::store::Invitation> for InvitationView {
    fn from(i: &crate::store::Invitation) -> Self {
        Self {
            id: i.id.clone(),
            organization_id: i.organization_id.clone(),
            email: i.email.clone(),
            role: i.role.clone(),
            invited_by: i.inviter_id.clone(),
            created_at: rfc3339(i.created_at),
            expires_at: rfc3339(i.expires_at),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationsResponse {
    pub invitations: Vec<InvitationView>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptInvitationRequest {
    /// The token of the invitation's link.
    pub token: Option<String>,
}

/// Invite an address to join (`members:write`; as `owner`, an owner): a single-use link, good
/// for 7 days, is mailed to it.
#[utoipa::path(post, path = "/api/auth/organizations/{organization_id}/invitations", tag = "organizations",
    params(("organization_id" = String, Path)), request_body = InviteRequest,
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 201, body = InvitationView), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn invite(
    State(state): State<AppState>,
    CurrentSession(auth): CurrentSession,
    Path(org_id): Path<String>,
    Input(req): Input<InviteRequest>,
) -> Result<(StatusCode, Json<InvitationView>)> {
    let email = req.email.ok_or_else(|| crate::error::AppError::missing("email"))?;
    let role = req.role.unwrap_or_else(|| crate::domain::org::MEMBER.to_owned());
    let inv = state.auth.invite(&auth, &org_id, &email, &role).await?;
    Ok((StatusCode::CREATED, Json(InvitationView::from(&inv))))
}

/// The open invitations of an organisation (`members:write`).
#[utoipa::path(get, path = "/api/auth/organizations/{organization_id}/invitations", tag = "organizations",
    params(("organization_id" = String, Path)),
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = InvitationsResponse), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn invitations(
    State(state): State<AppState>,
    CurrentSession(auth): CurrentSession,
    Path(org_id): Path<String>,
) -> Result<Json<InvitationsResponse>> {
    let list = state.auth.invitations(&auth, &org_id).await?;
    Ok(Json(InvitationsResponse { invitations: list.iter().map(InvitationView::from).collect() }))
}

/// Revoke an open invitation (`members:write`): its link stops working.
#[utoipa::path(delete, path = "/api/auth/organizations/{organization_id}/invitations/{invitation_id}", tag = "organizations",
    params(("organization_id" = String, Path), ("invitation_id" = String, Path)),
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = MessageResponse), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, description = "`organization_not_found` or `invitation_not_found`", body = ErrorBody)))]
pub async fn revoke_invitation(
    State(state): State<AppState>,
    CurrentSession(auth): CurrentSession,
    Path((org_id, invitation_id)): Path<(String, String)>,
) -> Result<Json<MessageResponse>> {
    state.auth.revoke_invitation(&auth, &org_id, &invitation_id).await?;
    Ok(Json(MessageResponse::new("Invitation revoked")))
}

/// Accept an invitation with its link's token: the signed-in account must be the one whose
/// confirmed address it names. Single use.
#[utoipa::path(post, path = "/api/auth/organizations/invitations/accept", tag = "organizations",
    request_body = AcceptInvitationRequest,
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = OrganizationView),
        (status = 400, description = "`invalid_token`: unknown, used, revoked or expired", body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Another address's invitation, or `email_not_verified`", body = ErrorBody)))]
pub async fn accept_invitation(
    State(state): State<AppState>,
    CurrentSession(auth): CurrentSession,
    Input(req): Input<AcceptInvitationRequest>,
) -> Result<Json<OrganizationView>> {
    let token = req.token.ok_or_else(|| crate::error::AppError::missing("token"))?;
    let (org, role) = state.auth.accept_invitation(&auth, &token).await?;
    Ok(Json(OrganizationView::new(&state, &org, &role)))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TeamView {
    pub id: String,
    pub organization_id: String,
    pub name: String,
    pub created_at: String,
}

impl From<&crate::store::Team> for TeamView {
    fn from(t: &crate::store::Team) -> Self {
        Self {
            id: t.id.clone(),
            organization_id: t.organization_id.clone(),
            name: t.name.clone(),
            created_at: rfc3339(t.created_at),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TeamsResponse {
    pub teams: Vec<TeamView>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TeamRequest {
    /// 1 to 200 characters.
    pub name: Option<String>,
}

/// Make a team inside an organisation (`members:write`).
#[utoipa::path(post, path = "/api/auth/organizations/{organization_id}/teams", tag = "organizations",
    params(("organization_id" = String, Path)), request_body = TeamRequest,
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 201, body = TeamView), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn create_team(
    State(state): State<AppState>,
    CurrentSession(auth): CurrentSession,
    Path(org_id): Path<String>,
    Input(req): Input<TeamRequest>,
) -> Result<(StatusCode, Json<TeamView>)> {
    let name = req.name.ok_or_else(|| crate::error::AppError::missing("name"))?;
    let team = state.auth.create_team(&auth, &org_id, &name).await?;
    Ok((StatusCode::CREATED, Json(TeamView::from(&team))))
}

/// The teams of an organisation (every member).
#[utoipa::path(get, path = "/api/auth/organizations/{organization_id}/teams", tag = "organizations",
    params(("organization_id" = String, Path)),
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = TeamsResponse), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn teams(
    State(state): State<AppState>,
    CurrentSession(auth): CurrentSession,
    Path(org_id): Path<String>,
) -> Result<Json<TeamsResponse>> {
    let teams = state.auth.teams(&auth, &org_id).await?;
    Ok(Json(TeamsResponse { teams: teams.iter().map(TeamView::from).collect() }))
}

/// Delete a team (`members:write`); its members stay in the organisation.
#[utoipa::path(delete, path = "/api/auth/organizations/{organization_id}/teams/{team_id}", tag = "organizations",
    params(("organization_id" = String, Path), ("team_id" = String, Path)),
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = MessageResponse), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delete_team(
    State(state): State<AppState>,
    CurrentSession(auth): CurrentSession,
    Path((org_id, team_id)): Path<(String, String)>,
) -> Result<Json<MessageResponse>> {
    state.auth.delete_team(&auth, &org_id, &team_id).await?;
    Ok(Json(MessageResponse::new("Team deleted")))
}

/// The members of a team (every member of the organisation).
#[utoipa::path(get, path = "/api/auth/organizations/{organization_id}/teams/{team_id}/members", tag = "organizations",
    params(("organization_id" = String, Path), ("team_id" = String, Path)),
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = MembersResponse), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn team_members(
    State(state): State<AppState>,
    CurrentSession(auth): CurrentSession,
    Path((org_id, team_id)): Path<(String, String)>,
) -> Result<Json<MembersResponse>> {
    let members = state.auth.team_members(&auth, &org_id, &team_id).await?;
    Ok(Json(MembersResponse { members: members.iter().map(OrganizationMember::from).collect() }))
}

/// Put a member of the organisation in a team (`members:write`).
#[utoipa::path(put, path = "/api/auth/organizations/{organization_id}/teams/{team_id}/members/{user_id}", tag = "organizations",
    params(("organization_id" = String, Path), ("team_id" = String, Path), ("user_id" = String, Path)),
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = MessageResponse), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, description = "No such organisation, team, or member of the organisation", body = ErrorBody)))]
pub async fn add_team_member(
    State(state): State<AppState>,
    CurrentSession(auth): CurrentSession,
    Path((org_id, team_id, user_id)): Path<(String, String, String)>,
) -> Result<Json<MessageResponse>> {
    state.auth.add_team_member(&auth, &org_id, &team_id, &user_id).await?;
    Ok(Json(MessageResponse::new("Added to the team")))
}

/// Take a member out of a team (`members:write`).
#[utoipa::path(delete, path = "/api/auth/organizations/{organization_id}/teams/{team_id}/members/{user_id}", tag = "organizations",
    params(("organization_id" = String, Path), ("team_id" = String, Path), ("user_id" = String, Path)),
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = MessageResponse), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn remove_team_member(
    State(state): State<AppState>,
    CurrentSession(auth): CurrentSession,
    Path((org_id, team_id, user_id)): Path<(String, String, String)>,
) -> Result<Json<MessageResponse>> {
    state.auth.remove_team_member(&auth, &org_id, &team_id, &user_id).await?;
    Ok(Json(MessageResponse::new("Removed from the team")))
}
