//! `GET /admin/`: counts, the last day's sign-ins and failures, the outboxes' backlog and the
//! signing keys' ages.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::{context, Value};
use serde::Deserialize;

use super::super::render::Page;
use super::extract::{Console, ConsoleError, ConsolePage};
use crate::http::state::AppState;

/// `GET /admin` -> `/admin/`.
pub async fn to_index() -> Redirect {
    Redirect::permanent("/admin/")
}

/// What a page after a change says (`?notice=`): one of ours, never text from the link.
#[derive(Deserialize, Default)]
pub struct Notice {
    notice: Option<String>,
}

impl Notice {
    pub fn message(&self) -> Option<&'static str> {
        Some(match self.notice.as_deref()? {
            "confirmed" => "Confirmed: changes are allowed for the next few minutes.",
            "created" => "Created.",
            "saved" => "Saved.",
            "deleted" => "Deleted.",
            "disabled" => "The account is disabled and its sessions have ended.",
            "enabled" => "The account is enabled.",
            "revoked" => "Revoked.",
            "sessions_revoked" => "Every session of the account has ended.",
            "factors_reset" => "The second factors were removed; the owner was told by mail.",
            "reset_sent" => "A password reset link was mailed.",
            "verification_sent" => "The verification mail was sent again.",
            "admin_granted" => "The account is now an administrator.",
            "admin_revoked" => "The account is no longer an administrator.",
            "rotated" => "A new secret was made: it is shown once, below.",
            "retried" => "The delivery will be tried again.",
            "member_added" => "The account is now a member.",
            "role_changed" => "The member's role is changed.",
            "member_removed" => "The member is removed.",
            _ => return None,
        })
    }
}

/// `GET /admin/`
pub async fn show(State(state): State<AppState>, Console(admin): Console, page: Page) -> Response {
    match state.auth.console_dashboard(&admin.caller).await {
        Ok(d) => {
            let ctx = context! { d => Value::from_serialize(&d) };
            ConsolePage::of(page, &state, &admin).render(
                StatusCode::OK,
                "admin/dashboard.html",
                ctx,
            )
        }
        Err(e) => ConsoleError::new(page, e).into_response(),
    }
}
