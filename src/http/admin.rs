//! The admin API under `/api/admin`, for the services built on Portcullis. Authenticated by
//! API keys only (`Authorization: Bearer pcak_…`, made with `portcullis api-key create`):
//! a session cookie or an access token is never enough. Each route needs a scope; each call
//! is audited with the key's id. On the main listener, or with `PORTCULLIS_ADMIN_BIND` on
//! its own.

use axum::extract::{FromRequestParts, State};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};
use utoipa_axum::routes;

use super::admin_orgs as orgs;
use super::answers::{MessageResponse, UserView};
use super::extract::{Client, Input, Path, Query};
use super::state::AppState;
use super::surface::{Limit, Surface};
use crate::error::{AppError, ErrorBody, ErrorCode, Result};
use crate::service::admin_api::{AdminActor, AdminCaller, AdminUpdate};
use crate::service::{ClientSpec, ClientView};
use crate::store::AuditFilter;

/// The admin routes: every one needs an API key (no IP budget; each key's calls are
/// audited). The Origin check too, on either listener: a key only travels as a bearer token,
/// which exempts a request from it, so it refuses only what no key could pass.
pub(crate) fn surface(state: Option<&AppState>) -> Surface {
    Surface::new(state, AdminDoc::openapi())
        .routes(Limit::None, routes!(list_users, create_user))
        .routes(Limit::None, routes!(get_user, update_user, delete_user))
        .routes(Limit::None, routes!(disable_user))
        .routes(Limit::None, routes!(enable_user))
        .routes(Limit::None, routes!(revoke_sessions))
        .routes(Limit::None, routes!(reset_factors))
        .routes(Limit::None, routes!(send_reset))
        .routes(Limit::None, routes!(audit_log))
        .routes(Limit::None, routes!(list_clients, create_client))
        .routes(Limit::None, routes!(get_client, update_client, delete_client))
        .routes(Limit::None, routes!(rotate_client_secret))
        .routes(Limit::None, routes!(list_registration_tokens, create_registration_token))
        .routes(Limit::None, routes!(revoke_registration_token))
        .routes(Limit::None, routes!(orgs::list_organizations, orgs::create_organization))
        .routes(
            Limit::None,
            routes!(orgs::get_organization, orgs::update_organization, orgs::delete_organization),
        )
        .routes(Limit::None, routes!(orgs::organization_members))
        .routes(
            Limit::None,
            routes!(orgs::set_organization_member, orgs::remove_organization_member),
        )
}

/// A call authenticated by an admin API key.
pub struct Admin(pub AdminCaller);

impl FromRequestParts<AppState> for Admin {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        let presented = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(|v| v.trim().to_owned());
        let Ok(Client(client)) = Client::from_request_parts(parts, state).await;
        let key = state.auth.admin_key(presented.as_deref(), &client).await?;
        Ok(Self(AdminCaller { actor: AdminActor::Key(key), client }))
    }
}

impl Admin {
    pub(super) fn needs(self, scope: &str) -> Result<AdminCaller> {
        let allowed = match &self.0.actor {
            AdminActor::Key(key) => key.scopes.iter().any(|s| s == scope),
            AdminActor::Console(_) => true,
        };
        if allowed {
            Ok(self.0)
        } else {
            Err(AppError::forbidden(
                ErrorCode::InsufficientScope,
                format!("This key lacks the scope {scope}"),
            ))
        }
    }
}

/// An account (`is_active`: `false` once disabled).
#[derive(Serialize, ToSchema)]
pub struct AdminUserResponse {
    pub user: UserView,
    /// Only when the account was created with `invite`: whether the invitation was queued
    /// (`false`: the per-address mail throttle held it back; call `send-reset` later).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invited: Option<bool>,
}

#[derive(Serialize, ToSchema)]
pub struct UsersPage {
    pub users: Vec<UserView>,
    /// Pass as `after` for the next page; absent on the last one.
    pub next: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UsersQuery {
    /// The cursor: `next` of the previous page.
    pub after: Option<String>,
    /// Users whose email or username starts with this.
    pub q: Option<String>,
    /// 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
}

#[derive(Deserialize, ToSchema)]
pub struct CreateUserRequest {
    #[schema(required = true, value_type = String, min_length = 1, pattern = "\\S")]
    pub email: Option<String>,
    pub username: Option<String>,
    /// Without one the account has no password: it signs in by a reset link (`invite`), or
    /// the other ways in.
    #[schema(format = Password)]
    pub password: Option<String>,
    #[serde(default)]
    pub email_verified: bool,
    /// Mail a link to set a password.
    #[serde(default)]
    pub invite: bool,
}

#[derive(Deserialize, ToSchema)]
#[schema(as = AdminUpdateUserRequest)]
pub struct UpdateUserRequest {
    /// A new address (unverified unless `email_verified` is sent too).
    pub email: Option<String>,
    pub username: Option<String>,
    pub email_verified: Option<bool>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    pub user_id: Option<String>,
    /// An audit event name, e.g. `login`.
    pub event: Option<String>,
    /// The cursor: `next` of the previous page.
    pub after: Option<String>,
    /// Entries at or after this time (Unix milliseconds).
    pub since: Option<i64>,
    /// 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct AuditEntryView {
    pub id: String,
    pub at: String,
    pub event: String,
    pub outcome: String,
    pub user_id: Option<String>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub detail: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct AuditPage {
    pub entries: Vec<AuditEntryView>,
    pub next: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct RevokedSessions {
    pub revoked: u64,
}

pub(super) fn limit(l: Option<i64>) -> Result<i64> {
    match l.unwrap_or(50) {
        n @ 1..=200 => Ok(n),
        _ => Err(AppError::bad_request(ErrorCode::InvalidField, "limit is 1 to 200")),
    }
}

fn user(u: &crate::domain::User) -> Json<AdminUserResponse> {
    Json(AdminUserResponse { user: UserView::from(u), invited: None })
}

/// Users in a stable order (by id), a page at a time.
#[utoipa::path(get, path = "/api/admin/users", tag = "admin", params(UsersQuery),
    security(("api_key" = ["users:read"])),
    responses((status = 200, body = UsersPage), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list_users(
    State(state): State<AppState>,
    admin: Admin,
    Query(q): Query<UsersQuery>,
) -> Result<Json<UsersPage>> {
    let caller = admin.needs("users:read")?;
    let limit = limit(q.limit)?;
    let users = state.auth.admin_users(&caller, q.after.as_deref(), q.q.as_deref(), limit).await?;
    let next = (users.len() as i64 == limit).then(|| users.last().map(|u| u.id.clone())).flatten();
    Ok(Json(UsersPage { users: users.iter().map(UserView::from).collect(), next }))
}

#[utoipa::path(get, path = "/api/admin/users/{id}", tag = "admin",
    params(("id" = String, Path)), security(("api_key" = ["users:read"])),
    responses((status = 200, body = AdminUserResponse), (status = 404, body = ErrorBody)))]
pub async fn get_user(
    State(state): State<AppState>,
    admin: Admin,
    Path(id): Path<String>,
) -> Result<Json<AdminUserResponse>> {
    let caller = admin.needs("users:read")?;
    Ok(user(&state.auth.admin_user(&caller, &id).await?))
}

/// Create an account, with or without a password, optionally mailing an invitation.
#[utoipa::path(post, path = "/api/admin/users", tag = "admin", request_body = CreateUserRequest,
    security(("api_key" = ["users:write"])),
    responses((status = 201, body = AdminUserResponse), (status = 400, body = ErrorBody),
        (status = 409, body = ErrorBody)))]
pub async fn create_user(
    State(state): State<AppState>,
    admin: Admin,
    Input(req): Input<CreateUserRequest>,
) -> Result<Response> {
    let caller = admin.needs("users:write")?;
    let (u, invited) = state
        .auth
        .admin_create_user(
            &caller,
            req.email.as_deref(),
            req.username.as_deref(),
            req.password.as_deref(),
            req.email_verified,
            req.invite,
        )
        .await?;
    let created = AdminUserResponse { user: UserView::from(&u), invited };
    Ok((StatusCode::CREATED, Json(created)).into_response())
}

#[utoipa::path(patch, path = "/api/admin/users/{id}", tag = "admin", params(("id" = String, Path)),
    request_body = UpdateUserRequest, security(("api_key" = ["users:write"])),
    responses((status = 200, body = AdminUserResponse), (status = 400, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn update_user(
    State(state): State<AppState>,
    admin: Admin,
    Path(id): Path<String>,
    Input(req): Input<UpdateUserRequest>,
) -> Result<Json<AdminUserResponse>> {
    let caller = admin.needs("users:write")?;
    let update = AdminUpdate {
        email: req.email.as_deref(),
        username: req.username.as_deref(),
        email_verified: req.email_verified,
    };
    Ok(user(&state.auth.admin_update_user(&caller, &id, update).await?))
}

/// Disable an account: every session ends at once, on every node.
#[utoipa::path(post, path = "/api/admin/users/{id}/disable", tag = "admin",
    params(("id" = String, Path)), security(("api_key" = ["users:write"])),
    responses((status = 200, body = AdminUserResponse), (status = 404, body = ErrorBody)))]
pub async fn disable_user(
    State(state): State<AppState>,
    admin: Admin,
    Path(id): Path<String>,
) -> Result<Json<AdminUserResponse>> {
    let caller = admin.needs("users:write")?;
    Ok(user(&state.auth.admin_set_user_active(&caller, &id, false).await?))
}

#[utoipa::path(post, path = "/api/admin/users/{id}/enable", tag = "admin",
    params(("id" = String, Path)), security(("api_key" = ["users:write"])),
    responses((status = 200, body = AdminUserResponse), (status = 404, body = ErrorBody)))]
pub async fn enable_user(
    State(state): State<AppState>,
    admin: Admin,
    Path(id): Path<String>,
) -> Result<Json<AdminUserResponse>> {
    let caller = admin.needs("users:write")?;
    Ok(user(&state.auth.admin_set_user_active(&caller, &id, true).await?))
}

#[utoipa::path(delete, path = "/api/admin/users/{id}", tag = "admin",
    params(("id" = String, Path)), security(("api_key" = ["users:write"])),
    responses((status = 200, body = MessageResponse), (status = 404, body = ErrorBody),
        (status = 409, description = "The only owner of an organisation others belong to \
            (`last_owner`): make another member an owner first", body = ErrorBody)))]
pub async fn delete_user(
    State(state): State<AppState>,
    admin: Admin,
    Path(id): Path<String>,
) -> Result<Json<MessageResponse>> {
    let caller = admin.needs("users:write")?;
    state.auth.admin_remove_user(&caller, &id).await?;
    Ok(Json(MessageResponse::new("User deleted")))
}

#[utoipa::path(post, path = "/api/admin/users/{id}/sessions/revoke", tag = "admin",
    params(("id" = String, Path)), security(("api_key" = ["sessions:write"])),
    responses((status = 200, body = RevokedSessions), (status = 404, body = ErrorBody)))]
pub async fn revoke_sessions(
    State(state): State<AppState>,
    admin: Admin,
    Path(id): Path<String>,
) -> Result<Json<RevokedSessions>> {
    let caller = admin.needs("sessions:write")?;
    Ok(Json(RevokedSessions { revoked: state.auth.admin_end_sessions(&caller, &id).await? }))
}

/// Remove TOTP, recovery codes and passkeys (a lost device); the owner is told by mail.
#[utoipa::path(post, path = "/api/admin/users/{id}/factors/reset", tag = "admin",
    params(("id" = String, Path)), security(("api_key" = ["users:write"])),
    responses((status = 200, body = MessageResponse), (status = 404, body = ErrorBody)))]
pub async fn reset_factors(
    State(state): State<AppState>,
    admin: Admin,
    Path(id): Path<String>,
) -> Result<Json<MessageResponse>> {
    let caller = admin.needs("users:write")?;
    state.auth.admin_reset_factors(&caller, &id).await?;
    Ok(Json(MessageResponse::new("Second factors removed")))
}

/// Mail a password reset link. Held back by the per-address mail throttle (a reset mail to
/// the address within the minute, an invitation included, or five within the hour): `429`
/// with `Retry-After`, and nothing is sent.
#[utoipa::path(post, path = "/api/admin/users/{id}/send-reset", tag = "admin",
    params(("id" = String, Path)), security(("api_key" = ["users:write"])),
    responses((status = 200, description = "The link is queued for delivery", body = MessageResponse),
        (status = 404, body = ErrorBody),
        (status = 429, description = "Held back by the mail throttle: nothing sent; `Retry-After` says when to try again", body = ErrorBody,
            headers(("Retry-After" = u64, description = "seconds")))))]
pub async fn send_reset(
    State(state): State<AppState>,
    admin: Admin,
    Path(id): Path<String>,
) -> Result<Json<MessageResponse>> {
    let caller = admin.needs("users:write")?;
    state.auth.admin_send_reset(&caller, &id).await?;
    Ok(Json(MessageResponse::new("Reset link sent")))
}

/// The audit log, oldest first, a page at a time.
#[utoipa::path(get, path = "/api/admin/audit", tag = "admin", params(AuditQuery),
    security(("api_key" = ["audit:read"])),
    responses((status = 200, body = AuditPage), (status = 403, body = ErrorBody)))]
pub async fn audit_log(
    State(state): State<AppState>,
    admin: Admin,
    Query(q): Query<AuditQuery>,
) -> Result<Json<AuditPage>> {
    let caller = admin.needs("audit:read")?;
    let filter = AuditFilter {
        user_id: q.user_id,
        event: q.event,
        after: q.after,
        since: q.since,
        limit: limit(q.limit)?,
    };
    let rows = state.auth.admin_audit_log(&caller, &filter).await?;
    let next =
        (rows.len() as i64 == filter.limit).then(|| rows.last().map(|r| r.id.clone())).flatten();
    let entries = rows
        .into_iter()
        .map(|r| AuditEntryView {
            id: r.id,
            at: crate::clock::rfc3339(r.entry.at),
            event: r.entry.event,
            outcome: r.entry.outcome,
            user_id: r.entry.user_id,
            ip: r.entry.ip,
            user_agent: r.entry.user_agent,
            detail: r.entry.detail,
        })
        .collect();
    Ok(Json(AuditPage { entries, next }))
}

#[derive(Serialize, ToSchema)]
pub struct ClientsPage {
    /// Every registered client, by `client_id`; none carries a `client_secret`.
    pub clients: Vec<ClientView>,
}

/// Every client of the OpenID Connect provider (docs/provider.md), by `client_id`.
#[utoipa::path(get, path = "/api/admin/clients", tag = "admin",
    security(("api_key" = ["clients:read"])),
    responses((status = 200, body = ClientsPage)))]
pub async fn list_clients(
    State(state): State<AppState>,
    admin: Admin,
) -> Result<Json<ClientsPage>> {
    let caller = admin.needs("clients:read")?;
    let clients = state.auth.admin_clients(&caller).await?;
    Ok(Json(ClientsPage { clients: clients.iter().map(|c| ClientView::new(c, None)).collect() }))
}

#[utoipa::path(get, path = "/api/admin/clients/{client_id}", tag = "admin",
    params(("client_id" = String, Path)), security(("api_key" = ["clients:read"])),
    responses((status = 200, description = "The registration, without a secret", body = ClientView),
        (status = 404, description = "No such client (`client_not_found`)", body = ErrorBody)))]
pub async fn get_client(
    State(state): State<AppState>,
    admin: Admin,
    Path(client_id): Path<String>,
) -> Result<Json<ClientView>> {
    let caller = admin.needs("clients:read")?;
    Ok(Json(ClientView::new(&state.auth.admin_client(&caller, &client_id).await?, None)))
}

/// Register a client, as `portcullis client create` does. A confidential client's
/// `client_secret` is in this answer only: it is stored as its SHA-256.
#[utoipa::path(post, path = "/api/admin/clients", tag = "admin", request_body = ClientSpec,
    security(("api_key" = ["clients:write"])),
    responses((status = 201, description = "Registered; `client_secret` (confidential clients) shown this once", body = ClientView),
        (status = 400, description = "An invalid registration (`invalid_client`, with what is wrong), or an unknown field", body = ErrorBody),
        (status = 409, description = "The chosen `client_id` is taken (`invalid_client`)", body = ErrorBody)))]
pub async fn create_client(
    State(state): State<AppState>,
    admin: Admin,
    Input(spec): Input<ClientSpec>,
) -> Result<Response> {
    let caller = admin.needs("clients:write")?;
    let made = state.auth.admin_create_client(&caller, &spec).await?;
    Ok((StatusCode::CREATED, Json(ClientView::from(made))).into_response())
}

/// Change a client: what the body gives replaces what was registered; the rest is kept. A
/// client that starts needing a secret (from `none` or `private_key_jwt` to a
/// `client_secret_*` method) gets one, in this answer only; one that stops needing it loses it.
#[utoipa::path(patch, path = "/api/admin/clients/{client_id}", tag = "admin",
    params(("client_id" = String, Path)), request_body = ClientSpec,
    security(("api_key" = ["clients:write"])),
    responses((status = 200, description = "The registration; `client_secret` only when this change gave the client its first one", body = ClientView),
        (status = 400, description = "An invalid registration, or a different `client_id` (`invalid_client`), or an unknown field", body = ErrorBody),
        (status = 404, description = "No such client (`client_not_found`)", body = ErrorBody),
        (status = 409, description = "The client is declared in the configuration (`client_managed_by_config`)", body = ErrorBody)))]
pub async fn update_client(
    State(state): State<AppState>,
    admin: Admin,
    Path(client_id): Path<String>,
    Input(spec): Input<ClientSpec>,
) -> Result<Json<ClientView>> {
    let caller = admin.needs("clients:write")?;
    Ok(Json(ClientView::from(state.auth.admin_update_client(&caller, &client_id, &spec).await?)))
}

/// A new secret for a confidential client, in this answer only; the old one stops working at
/// once.
#[utoipa::path(post, path = "/api/admin/clients/{client_id}/rotate-secret", tag = "admin",
    params(("client_id" = String, Path)), security(("api_key" = ["clients:write"])),
    responses((status = 200, description = "The registration with its new `client_secret`, shown this once", body = ClientView),
        (status = 400, description = "The client authenticates without a secret (`invalid_client`)", body = ErrorBody),
        (status = 404, description = "No such client (`client_not_found`)", body = ErrorBody),
        (status = 409, description = "The client is declared in the configuration (`client_managed_by_config`)", body = ErrorBody)))]
pub async fn rotate_client_secret(
    State(state): State<AppState>,
    admin: Admin,
    Path(client_id): Path<String>,
) -> Result<Json<ClientView>> {
    let caller = admin.needs("clients:write")?;
    let rotated = state.auth.admin_rotate_client_secret(&caller, &client_id).await?;
    Ok(Json(ClientView::from(rotated)))
}

/// Delete a client with every grant and token it holds: its tokens stop working at once.
#[utoipa::path(delete, path = "/api/admin/clients/{client_id}", tag = "admin",
    params(("client_id" = String, Path)), security(("api_key" = ["clients:write"])),
    responses((status = 200, body = MessageResponse),
        (status = 404, description = "No such client (`client_not_found`)", body = ErrorBody),
        (status = 409, description = "The client is declared in the configuration (`client_managed_by_config`)", body = ErrorBody)))]
pub async fn delete_client(
    State(state): State<AppState>,
    admin: Admin,
    Path(client_id): Path<String>,
) -> Result<Json<MessageResponse>> {
    let caller = admin.needs("clients:write")?;
    state.auth.admin_delete_client(&caller, &client_id).await?;
    Ok(Json(MessageResponse::new("Client deleted")))
}

/// An initial access token for dynamic client registration, as listed (never the token).
#[derive(Serialize, ToSchema)]
pub struct RegistrationTokenView {
    pub id: String,
    pub label: String,
    pub created_at: String,
    pub expires_at: String,
    /// Registrations it may still make; absent: any number until it expires.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uses_left: Option<i64>,
    /// The token itself: in the answer that made it only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
}

impl RegistrationTokenView {
    fn new(t: &crate::store::InitialToken, token: Option<String>) -> Self {
        Self {
            id: t.id.clone(),
            label: t.label.clone(),
            created_at: crate::clock::rfc3339(t.created_at),
            expires_at: crate::clock::rfc3339(t.expires_at),
            uses_left: t.uses_left,
            token,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct RegistrationTokensPage {
    pub tokens: Vec<RegistrationTokenView>,
}

/// What makes an initial access token.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegistrationTokenRequest {
    /// What it is for (shown in lists and the audit log).
    #[schema(min_length = 1, max_length = 200, pattern = "\\S")]
    pub label: String,
    /// Seconds it works for; default 7 days, at most a year.
    #[schema(minimum = 1, maximum = 31_536_000)]
    pub expires_in: Option<u64>,
    /// Registrations it allows (at most a million); default: any number until it expires.
    #[schema(minimum = 1, maximum = 1_000_000)]
    pub uses: Option<u32>,
}

/// The initial access tokens for dynamic client registration (`PORTCULLIS_DYNAMIC_REGISTRATION
/// = token`), oldest first; never the tokens themselves.
#[utoipa::path(get, path = "/api/admin/registration-tokens", tag = "admin",
    security(("api_key" = ["clients:read"])),
    responses((status = 200, body = RegistrationTokensPage)))]
pub async fn list_registration_tokens(
    State(state): State<AppState>,
    admin: Admin,
) -> Result<Json<RegistrationTokensPage>> {
    let caller = admin.needs("clients:read")?;
    let tokens = state.auth.admin_registration_tokens(&caller).await?;
    let tokens = tokens.iter().map(|t| RegistrationTokenView::new(t, None)).collect();
    Ok(Json(RegistrationTokensPage { tokens }))
}

/// Make an initial access token, as `portcullis client registration-token create` does: the
/// token is in this answer only (stored as its SHA-256).
#[utoipa::path(post, path = "/api/admin/registration-tokens", tag = "admin",
    request_body = RegistrationTokenRequest, security(("api_key" = ["clients:write"])),
    responses((status = 201, description = "Made; `token` shown this once", body = RegistrationTokenView),
        (status = 400, description = "A blank label, a lifetime out of range, or an unknown field", body = ErrorBody)))]
pub async fn create_registration_token(
    State(state): State<AppState>,
    admin: Admin,
    Input(req): Input<RegistrationTokenRequest>,
) -> Result<Response> {
    let caller = admin.needs("clients:write")?;
    let seconds = req.expires_in.unwrap_or(7 * 86_400);
    if seconds == 0 || seconds > 31_536_000 || req.uses.is_some_and(|n| n == 0 || n > 1_000_000) {
        return Err(AppError::bad_request(
            ErrorCode::InvalidField,
            "expires_in must be 1 to 31536000 seconds, and uses 1 to 1000000",
        ));
    }
    let ttl = std::time::Duration::from_secs(seconds);
    let (made, token) =
        state.auth.admin_create_registration_token(&caller, &req.label, ttl, req.uses).await?;
    let view = RegistrationTokenView::new(&made, Some(token));
    Ok((StatusCode::CREATED, Json(view)).into_response())
}

/// Revoke an initial access token: it registers nothing more.
#[utoipa::path(delete, path = "/api/admin/registration-tokens/{id}", tag = "admin",
    params(("id" = String, Path)), security(("api_key" = ["clients:write"])),
    responses((status = 200, body = MessageResponse),
        (status = 404, description = "No such token (`not_found`)", body = ErrorBody)))]
pub async fn revoke_registration_token(
    State(state): State<AppState>,
    admin: Admin,
    Path(id): Path<String>,
) -> Result<Json<MessageResponse>> {
    let caller = admin.needs("clients:write")?;
    state.auth.admin_revoke_registration_token(&caller, &id).await?;
    Ok(Json(MessageResponse::new("Registration token revoked")))
}

/// The admin API's tag in the OpenAPI document (its routes bring their own, in [`surface`]).
#[derive(OpenApi)]
#[openapi(
    tags((name = "admin", description = "The admin API: API keys only (`portcullis api-key`), each route needs a scope"))
)]
pub struct AdminDoc;
