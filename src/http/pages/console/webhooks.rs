//! The console's webhooks: `GET /admin/webhooks` (the configured endpoints, never their
//! signing secrets, and the latest deliveries with filters and keyset pages),
//! `GET /admin/webhooks/deliveries/{id}` (payload, attempts, last error) and
//! `POST /admin/webhooks/deliveries/{id}/retry` (a failed delivery queued again).

use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use minijinja::{context, Value};
use serde::Deserialize;

use super::super::render::Page;
use super::extract::{Console, ConsoleError, ConsolePage};
use crate::clock::rfc3339;
use crate::http::state::AppState;
use crate::service::console::DELIVERY_STATUSES;
use crate::store::{DeliveryFilter, DeliveryRow};

/// Deliveries per page.
const PAGE: i64 = 50;

#[derive(Deserialize, Default)]
pub struct ListQuery {
    status: Option<String>,
    endpoint: Option<String>,
    before: Option<String>,
}

fn nonempty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

fn delivery_row(d: &DeliveryRow) -> Value {
    context! {
        id => &d.id,
        endpoint => &d.endpoint,
        event_type => &d.event_type,
        created_at => rfc3339(d.created_at),
        status => &d.status,
        attempts => d.attempts,
        next_attempt_at => (d.status == "pending").then(|| rfc3339(d.next_attempt_at)),
        delivered_at => d.delivered_at.map(rfc3339),
        last_error => &d.last_error,
    }
}

/// `GET /admin/webhooks`
pub async fn list(
    State(state): State<AppState>,
    Console(admin): Console,
    page: Page,
    RawQuery(raw): RawQuery,
) -> Response {
    let q: ListQuery = super::query(raw);
    let filter = DeliveryFilter {
        before: nonempty(q.before),
        status: nonempty(q.status),
        endpoint: nonempty(q.endpoint).map(|e| e.to_ascii_lowercase()),
        limit: PAGE + 1,
    };
    let mut rows = match state.auth.console_deliveries(&admin.caller, &filter).await {
        Ok(rows) => rows,
        Err(e) => return ConsoleError::new(page, e).into_response(),
    };
    let more = rows.len() as i64 > PAGE;
    rows.truncate(PAGE as usize);
    let mut pairs = url::form_urlencoded::Serializer::new(String::new());
    if let Some(s) = &filter.status {
        pairs.append_pair("status", s);
    }
    if let Some(e) = &filter.endpoint {
        pairs.append_pair("endpoint", e);
    }
    let first = format!("/admin/webhooks?{}", pairs.finish());
    let next = more.then(|| {
        let last = rows.last().map(|d| d.id.as_str()).unwrap_or_default();
        let start = "/admin/webhooks?".len();
        let mut pairs = url::form_urlencoded::Serializer::for_suffix(first.clone(), start);
        pairs.append_pair("before", last);
        pairs.finish()
    });
    let endpoints: Vec<Value> = state
        .auth
        .console_webhook_endpoints()
        .iter()
        .map(|w| context! { name => &w.name, url => &w.url, events => &w.events })
        .collect();
    let deliveries: Vec<Value> = rows.iter().map(delivery_row).collect();
    let ctx = context! {
        endpoints,
        deliveries,
        statuses => DELIVERY_STATUSES,
        status => filter.status,
        endpoint => filter.endpoint,
        next,
        first => (filter.before.is_some()).then_some(first),
    };
    ConsolePage::of(page, &state, &admin).render(StatusCode::OK, "admin/webhooks.html", ctx)
}

/// `GET /admin/webhooks/deliveries/{id}`
pub async fn show(
    State(state): State<AppState>,
    Console(admin): Console,
    page: Page,
    Path(id): Path<String>,
) -> Response {
    let d = match state.auth.console_delivery(&admin.caller, &id).await {
        Ok(d) => d,
        Err(e) => return ConsoleError::new(page, e).into_response(),
    };
    // The payload as sent, laid out for reading when it is JSON (it always is).
    let payload = serde_json::from_str::<serde_json::Value>(&d.payload)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_else(|| d.payload.clone());
    let ctx = context! { d => delivery_row(&d.row), payload };
    ConsolePage::of(page, &state, &admin).render(StatusCode::OK, "admin/delivery.html", ctx)
}

/// `POST /admin/webhooks/deliveries/{id}/retry`: a `failed` delivery goes back to the queue
/// (pending, attempts reset, due now); any other is refused (`409`).
pub async fn retry(
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
    match state.auth.console_retry_delivery(caller, &id).await {
        Ok(()) => ConsolePage::of(page, &state, &admin)
            .done(&format!("/admin/webhooks/deliveries/{id}"), "retried"),
        Err(e) => fail(e).into_response(),
    }
}
