//! The console's organisations, each the admin API's call of the same name: `GET
//! /admin/organizations` (keyset pages, and the form that makes one), `POST
//! /admin/organizations`, one organisation's page `GET /admin/organizations/{id}` (its edit
//! form and its members, each with a role form and a removal), `…/update`, `…/delete`,
//! `…/members` (add a member or change a role) and `…/members/{user_id}/remove`. The rules
//! are the service's: the last owner stays, a slug is unique.

use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use minijinja::{context, Value};
use serde::Deserialize;

use super::super::extract::PageForm;
use super::super::render::Page;
use super::extract::{act, Console, ConsoleError, ConsolePage};
use crate::clock::rfc3339;
use crate::domain::org::Organization;
use crate::error::{AppError, ErrorCode, Result};
use crate::http::state::AppState;
use crate::service::admin_api::AdminCaller;
use crate::service::{OrgInput, UserRef};

/// Organisations per page.
const PAGE: i64 = 50;

#[derive(Deserialize, Default)]
pub struct ListQuery {
    after: Option<String>,
}

fn org_row(o: &Organization) -> Value {
    context! {
        id => &o.id,
        slug => &o.slug,
        name => &o.name,
        metadata => serde_json::to_string_pretty(&o.metadata).unwrap_or_default(),
        created_at => rfc3339(o.created_at),
        updated_at => rfc3339(o.updated_at),
    }
}

/// `GET /admin/organizations`
pub async fn list(
    State(state): State<AppState>,
    Console(admin): Console,
    page: Page,
    RawQuery(raw): RawQuery,
) -> Response {
    let q: ListQuery = super::query(raw);
    // A cursor is an organisation's id: a hand-edited one that cannot be shows the first page.
    let after = q
        .after
        .as_deref()
        .filter(|a| !a.is_empty() && a.len() <= 100 && a.bytes().all(|b| b.is_ascii_graphic()));
    let mut orgs = match state.auth.admin_organizations(&admin.caller, after, PAGE + 1).await {
        Ok(o) => o,
        Err(e) => return ConsoleError::new(page, e).into_response(),
    };
    let more = orgs.len() as i64 > PAGE;
    orgs.truncate(PAGE as usize);
    let next = more.then(|| {
        let last = orgs.last().map(|o| o.id.clone()).unwrap_or_default();
        let query = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("after", &last)
            .finish();
        format!("/admin/organizations?{query}")
    });
    let rows: Vec<Value> = orgs.iter().map(org_row).collect();
    let ctx = context! { organizations => rows, next, first_page => after.is_none() };
    ConsolePage::of(page, &state, &admin).render(StatusCode::OK, "admin/organizations.html", ctx)
}

fn nonempty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// The metadata field: a JSON object (the service checks its size and kind); blank is none.
fn metadata(s: &Option<String>) -> Result<Option<serde_json::Value>> {
    match nonempty(s) {
        None => Ok(None),
        Some(text) => serde_json::from_str(text).map(Some).map_err(|_| {
            AppError::bad_request(ErrorCode::InvalidField, "metadata must be a JSON object")
        }),
    }
}

/// The admin API's `AdminCreateOrganizationRequest`, as a form.
#[derive(Deserialize)]
pub struct CreateForm {
    name: Option<String>,
    slug: Option<String>,
    metadata: Option<String>,
    owner_user_id: Option<String>,
    owner_email: Option<String>,
}

/// `POST /admin/organizations`: an organisation whose first owner is an existing user, named
/// by id or by address (one of the two).
pub async fn create(
    State(state): State<AppState>,
    Console(admin): Console,
    headers: HeaderMap,
    page: Page,
    PageForm(f): PageForm<CreateForm>,
) -> Response {
    let fail = ConsoleError::from(page.clone(), &headers);
    let caller = match admin.changing(&state.auth) {
        Ok(c) => c,
        Err(e) => return fail(e).into_response(),
    };
    let owner = match (nonempty(&f.owner_user_id), nonempty(&f.owner_email)) {
        (Some(id), None) => UserRef::Id(id),
        (None, Some(email)) => UserRef::Email(email),
        (None, None) => return fail(AppError::missing("owner_user_id")).into_response(),
        (Some(_), Some(_)) => {
            let e = AppError::bad_request(
                ErrorCode::InvalidField,
                "name the owner by owner_user_id or by owner_email, not both",
            );
            return fail(e).into_response();
        }
    };
    let metadata = match metadata(&f.metadata) {
        Ok(m) => m,
        Err(e) => return fail(e).into_response(),
    };
    let slug = nonempty(&f.slug).map(String::from);
    let input = OrgInput { name: f.name.clone(), slug, metadata };
    match state.auth.admin_create_organization(caller, input, owner).await {
        Ok(org) => ConsolePage::of(page, &state, &admin)
            .done(&format!("/admin/organizations/{}", org.id), "created"),
        Err(e) => fail(e).into_response(),
    }
}

/// `GET /admin/organizations/{id}`
pub async fn show(
    State(state): State<AppState>,
    Console(admin): Console,
    page: Page,
    Path(id): Path<String>,
) -> Response {
    let org = match state.auth.admin_organization(&admin.caller, &id).await {
        Ok(o) => o,
        Err(e) => return ConsoleError::new(page, e).into_response(),
    };
    let members = match state.auth.admin_organization_members(&admin.caller, &id).await {
        Ok(m) => m,
        Err(e) => return ConsoleError::new(page, e).into_response(),
    };
    let members: Vec<Value> = members
        .iter()
        .map(|m| {
            context! {
                user_id => &m.user_id,
                email => &m.email,
                username => &m.username,
                role => &m.role,
                joined_at => rfc3339(m.created_at),
            }
        })
        .collect();
    let roles = state.auth.org_roles().names();
    let ctx = context! { org => org_row(&org), members, roles };
    ConsolePage::of(page, &state, &admin).render(StatusCode::OK, "admin/organization.html", ctx)
}

#[derive(Deserialize)]
pub struct UpdateForm {
    name: Option<String>,
    slug: Option<String>,
    metadata: Option<String>,
}

/// `POST /admin/organizations/{id}/update`: name, slug and metadata as the form gives them
/// (a field left out is kept; blank metadata is an empty object).
pub async fn update(
    State(state): State<AppState>,
    Console(admin): Console,
    headers: HeaderMap,
    page: Page,
    Path(id): Path<String>,
    PageForm(f): PageForm<UpdateForm>,
) -> Response {
    let to = format!("/admin/organizations/{id}");
    let metadata = match (&f.metadata, metadata(&f.metadata)) {
        (_, Err(e)) => return ConsoleError::from(page, &headers)(e).into_response(),
        (Some(_), Ok(None)) => Some(serde_json::json!({})),
        (_, Ok(m)) => m,
    };
    let input = OrgInput { name: f.name, slug: f.slug.map(|s| s.trim().to_owned()), metadata };
    let auth = &state.auth;
    let action = async |c: &AdminCaller| auth.admin_update_organization(c, &id, input).await;
    act(&state, &admin, &headers, page, &to, "saved", action).await
}

/// `POST /admin/organizations/{id}/delete`: the organisation with its memberships.
pub async fn delete(
    State(state): State<AppState>,
    Console(admin): Console,
    headers: HeaderMap,
    page: Page,
    Path(id): Path<String>,
) -> Response {
    let auth = &state.auth;
    let action = async |c: &AdminCaller| auth.admin_delete_organization(c, &id).await;
    act(&state, &admin, &headers, page, "/admin/organizations", "deleted", action).await
}

#[derive(Deserialize)]
pub struct MemberForm {
    /// The account: its address or its id.
    user: Option<String>,
    role: Option<String>,
}

/// `POST /admin/organizations/{id}/members`: makes an existing user a member with a role, or
/// gives a member another role (the last owner keeps theirs).
pub async fn set_member(
    State(state): State<AppState>,
    Console(admin): Console,
    headers: HeaderMap,
    page: Page,
    Path(id): Path<String>,
    PageForm(f): PageForm<MemberForm>,
) -> Response {
    let to = format!("/admin/organizations/{id}");
    let Some(role) = nonempty(&f.role).map(String::from) else {
        return ConsoleError::from(page, &headers)(AppError::missing("role")).into_response();
    };
    let who = f.user.unwrap_or_default();
    let auth = &state.auth;
    let fail = ConsoleError::from(page.clone(), &headers);
    let caller = match admin.changing(&state.auth) {
        Ok(c) => c,
        Err(e) => return fail(e).into_response(),
    };
    match auth.console_set_organization_member(caller, &id, &who, &role).await {
        Ok((_, added)) => {
            let notice = if added { "member_added" } else { "role_changed" };
            ConsolePage::of(page, &state, &admin).done(&to, notice)
        }
        Err(e) => fail(e).into_response(),
    }
}

/// `POST /admin/organizations/{id}/members/{user_id}/remove` (never the last owner).
pub async fn remove_member(
    State(state): State<AppState>,
    Console(admin): Console,
    headers: HeaderMap,
    page: Page,
    Path((id, user_id)): Path<(String, String)>,
) -> Response {
    let to = format!("/admin/organizations/{id}");
    let auth = &state.auth;
    let action =
        async |c: &AdminCaller| auth.admin_remove_organization_member(c, &id, &user_id).await;
    act(&state, &admin, &headers, page, &to, "member_removed", action).await
}
