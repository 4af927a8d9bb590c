//! `GET /admin/settings`: every setting, its value as read and where it came from, secrets
//! masked: what `portcullis config --explain` prints (the same rows, from
//! [`crate::config::Settings::explained`]).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use minijinja::{context, Value};

use super::super::render::Page;
use super::extract::{Console, ConsolePage};
use crate::http::state::AppState;

/// `GET /admin/settings`
pub async fn show(State(state): State<AppState>, Console(admin): Console, page: Page) -> Response {
    let settings: Vec<Value> = state
        .auth
        .console_settings(&admin.caller)
        .await
        .into_iter()
        .map(|e| context! { name => e.name, shown => e.shown, origin => e.origin })
        .collect();
    let ctx = context! { settings };
    ConsolePage::of(page, &state, &admin).render(StatusCode::OK, "admin/settings.html", ctx)
}
