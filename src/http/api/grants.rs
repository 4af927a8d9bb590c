//! The applications a person has let sign them in through Portcullis (the OpenID Connect
//! provider, docs/provider.md): listed, and withdrawn one at a time.

use axum::extract::State;
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

use crate::clock::rfc3339;
use crate::error::{ErrorBody, Result};
use crate::http::answers::MessageResponse;
use crate::http::extract::{CurrentSession, Path};
use crate::http::state::AppState;
use crate::store::GrantedClient;

/// An application the person has granted access to their account.
#[derive(Debug, Serialize, ToSchema)]
pub struct GrantView {
    pub client_id: String,
    /// The application's name, as its registration gives it.
    pub name: String,
    /// Every scope the person has allowed it (the union of what it asked for).
    pub scopes: Vec<String>,
    /// When it was first granted.
    pub granted_at: String,
    /// When the grant last changed: a new sign-in or a wider set of scopes.
    pub updated_at: String,
    /// When it last got tokens (a sign-in completed, a refresh), if ever.
    pub last_used_at: Option<String>,
}

impl From<&GrantedClient> for GrantView {
    fn from(g: &GrantedClient) -> Self {
        Self {
            client_id: g.client_id.clone(),
            name: g.name.clone(),
            scopes: g.scopes.clone(),
            granted_at: rfc3339(g.created_at),
            updated_at: rfc3339(g.updated_at),
            last_used_at: g.last_used_at.map(rfc3339),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GrantsResponse {
    /// The most recently granted first.
    pub grants: Vec<GrantView>,
}

/// The applications the signed-in person has granted, most recent first.
#[utoipa::path(get, path = "/api/auth/grants", tag = "auth",
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = GrantsResponse), (status = 401, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentSession(auth): CurrentSession,
) -> Result<Json<GrantsResponse>> {
    let granted = state.auth.granted_clients(&auth).await?;
    Ok(Json(GrantsResponse { grants: granted.iter().map(GrantView::from).collect() }))
}

/// Withdraw everything granted to one application: its refresh tokens are deleted and its
/// access tokens stop passing userinfo and introspection at once; its next sign-in asks for
/// consent again.
#[utoipa::path(delete, path = "/api/auth/grants/{client_id}", tag = "auth",
    params(("client_id" = String, Path, description = "From GET /api/auth/grants")),
    security(("bearer" = []), ("session_cookie" = [])),
    responses((status = 200, body = MessageResponse), (status = 401, body = ErrorBody),
        (status = 404, description = "Nothing is granted to that client (`grant_not_found`)", body = ErrorBody)))]
pub async fn revoke(
    State(state): State<AppState>,
    CurrentSession(auth): CurrentSession,
    Path(client_id): Path<String>,
) -> Result<Json<MessageResponse>> {
    state.auth.revoke_granted_client(&auth, &client_id).await?;
    Ok(Json(MessageResponse::new("Access withdrawn")))
}
