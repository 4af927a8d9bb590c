//! The console's admin API keys: `GET /admin/api-keys` (every key, never a secret),
//! `POST /admin/api-keys` (a new key, its plain text shown on the answer this once) and
//! `POST /admin/api-keys/{id}/revoke`: `portcullis api-key`'s operations, audited with the
//! administrator.

use axum::extract::{Path, State};
use axum::http::header::CACHE_CONTROL;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use minijinja::{context, Value};

use super::super::extract::PageForm;
use super::super::render::Page;
use super::extract::{Console, ConsoleError, ConsolePage};
use crate::clock::rfc3339;
use crate::http::state::AppState;
use crate::service::admin_api::SCOPES;
use crate::service::ConsoleAdmin;
use crate::store::ApiKey;

fn key_row(k: &ApiKey) -> Value {
    context! {
        id => &k.id,
        name => &k.name,
        scopes => &k.scopes,
        created_at => rfc3339(k.created_at),
        last_used_at => k.last_used_at.map(rfc3339),
        revoked_at => k.revoked_at.map(rfc3339),
    }
}

/// The page, with `created` (a new key and its plain text) when one was just made.
async fn page_of(
    state: &AppState,
    admin: &ConsoleAdmin,
    page: Page,
    created: Option<(ApiKey, String)>,
) -> Response {
    let keys = match state.auth.admin_api_keys(&admin.caller).await {
        Ok(keys) => keys,
        Err(e) => return ConsoleError::new(page, e).into_response(),
    };
    let rows: Vec<Value> = keys.iter().rev().map(key_row).collect();
    let created = created.map(|(k, plain)| context! { key => key_row(&k), plain });
    let fresh = created.is_some();
    let ctx = context! { keys => rows, scopes => SCOPES, created };
    let mut res =
        ConsolePage::of(page, state, admin).render(StatusCode::OK, "admin/api_keys.html", ctx);
    if fresh {
        // The plain key is in this answer only: no cache keeps it.
        res.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

/// `GET /admin/api-keys`
pub async fn list(State(state): State<AppState>, Console(admin): Console, page: Page) -> Response {
    page_of(&state, &admin, page, None).await
}

/// `POST /admin/api-keys` with `name` and a `scope` field per scope: the new key's plain text
/// is shown on this answer (`200`), and never again.
pub async fn create(
    State(state): State<AppState>,
    Console(admin): Console,
    headers: HeaderMap,
    page: Page,
    PageForm(fields): PageForm<Vec<(String, String)>>,
) -> Response {
    let fail = ConsoleError::from(page.clone(), &headers);
    let caller = match admin.changing(&state.auth) {
        Ok(c) => c,
        Err(e) => return fail(e).into_response(),
    };
    let name = fields.iter().find(|(k, _)| k == "name").map_or("", |(_, v)| v.as_str());
    let mut scopes: Vec<String> = Vec::new();
    for (_, scope) in fields.iter().filter(|(k, _)| k == "scope") {
        if !scopes.contains(scope) {
            scopes.push(scope.clone());
        }
    }
    match state.auth.admin_create_api_key(caller, name, &scopes).await {
        Ok(made) => page_of(&state, &admin, page, Some(made)).await,
        Err(e) => fail(e).into_response(),
    }
}

/// `POST /admin/api-keys/{id}/revoke`: refused from the next call on, on every node.
pub async fn revoke(
    State(state): State<AppState>,
    Console(admin): Console,
    headers: HeaderMap,
    page: Page,
    Path(id): Path<String>,
) -> Response {
    let fail = ConsoleError::from(page.clone(), &headers);
    let caller = match admin.changing(&state.auth) {
        Ok(c) => c,
        Err(e) => return fail(e).into_response(),
    };
    match state.auth.admin_revoke_api_key(caller, &id).await {
        Ok(()) => ConsolePage::of(page, &state, &admin).done("/admin/api-keys", "revoked"),
        Err(e) => fail(e).into_response(),
    }
}
