//! The console's audit log: `GET /admin/audit` (filters by account, event and age; keyset
//! pages, newest first) and `GET /admin/audit/export?format=csv|jsonl` (the same filters, as
//! a download streamed a page at a time, oldest first). Reading is audited as the admin API's
//! `GET /api/admin/audit` is (`admin_read`).

use std::pin::Pin;
use std::task::{Context, Poll};

use axum::body::{Body, Bytes};
use axum::extract::{RawQuery, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use minijinja::{context, Value};
use serde::Deserialize;

use super::super::render::Page;
use super::extract::{Console, ConsoleError, ConsolePage};
use crate::clock::{now_ms, rfc3339};
use crate::error::{AppError, ErrorCode};
use crate::http::state::AppState;
use crate::store::{AuditFilter, AuditRow};

/// Entries per page.
const PAGE: i64 = 50;
/// Entries read at a time by an export.
const EXPORT_BATCH: i64 = 500;
/// Entries an export holds at most (a longer one stops there: narrow the filters).
const EXPORT_MAX: usize = 100_000;

#[derive(Deserialize, Default, Clone)]
pub struct AuditQuery {
    user_id: Option<String>,
    event: Option<String>,
    since: Option<String>,
    before: Option<String>,
    after: Option<String>,
    format: Option<String>,
}

fn nonempty(s: &Option<String>) -> Option<String> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned)
}

/// The filters of the query (`since` as an age: `1h`, `24h`, `7d`…), or why not.
fn filter_of(q: &AuditQuery, limit: i64) -> Result<AuditFilter, AppError> {
    let since = match nonempty(&q.since) {
        None => None,
        Some(s) => {
            let age = crate::config::parse_duration(&s).map_err(|_| {
                AppError::bad_request(
                    ErrorCode::InvalidField,
                    "since is an age such as 1h, 24h or 7d",
                )
            })?;
            let age = i64::try_from(age.as_millis()).unwrap_or(i64::MAX);
            Some(now_ms().saturating_sub(age).max(0))
        }
    };
    Ok(AuditFilter {
        user_id: nonempty(&q.user_id),
        event: nonempty(&q.event),
        after: nonempty(&q.after),
        since,
        limit,
    })
}

/// The query string of the filters (without the cursors), for links.
fn filter_query(q: &AuditQuery) -> String {
    let mut pairs = url::form_urlencoded::Serializer::new(String::new());
    for (name, value) in [("user_id", &q.user_id), ("event", &q.event), ("since", &q.since)] {
        if let Some(v) = nonempty(value) {
            pairs.append_pair(name, &v);
        }
    }
    pairs.finish()
}

fn with(base: &str, name: &str, value: &str) -> String {
    let mut pairs = url::form_urlencoded::Serializer::new(String::new());
    pairs.append_pair(name, value);
    match base {
        "" => format!("/admin/audit?{}", pairs.finish()),
        _ => format!("/admin/audit?{base}&{}", pairs.finish()),
    }
}

fn entry_row(r: &AuditRow) -> Value {
    context! {
        id => &r.id,
        at => rfc3339(r.entry.at),
        event => &r.entry.event,
        outcome => &r.entry.outcome,
        user_id => &r.entry.user_id,
        ip => &r.entry.ip,
        user_agent => &r.entry.user_agent,
        detail => &r.entry.detail,
    }
}

/// `GET /admin/audit`: newest first; `before` pages to older entries, `after` to newer ones.
pub async fn list(
    State(state): State<AppState>,
    Console(admin): Console,
    page: Page,
    RawQuery(raw): RawQuery,
) -> Response {
    let q: AuditQuery = super::query(raw);
    let mut filter = match filter_of(&q, PAGE + 1) {
        Ok(f) => f,
        Err(e) => return ConsoleError::new(page, e).into_response(),
    };
    let before = nonempty(&q.before);
    // Newer entries than `after`: the oldest of them, shown newest first like every page.
    let newer = filter.after.is_some() && before.is_none();
    let found = if newer {
        state.auth.console_audit_oldest(&admin.caller, &filter, "audit log").await
    } else {
        filter.after = None;
        state.auth.console_audit_newest(&admin.caller, &filter, before.as_deref()).await
    };
    let mut rows = match found {
        Ok(rows) => rows,
        Err(e) => return ConsoleError::new(page, e).into_response(),
    };
    let more = rows.len() as i64 > PAGE;
    rows.truncate(PAGE as usize);
    if newer {
        rows.reverse();
    }
    let base = filter_query(&q);
    // Older entries exist past the last one shown when this page went back from the newest
    // (and was full), or when it came forward from an older page.
    let older =
        (newer || more).then(|| rows.last().map(|r| with(&base, "before", &r.id))).flatten();
    let newer_link = (before.is_some() || (newer && more))
        .then(|| rows.first().map(|r| with(&base, "after", &r.id)))
        .flatten();
    let entries: Vec<Value> = rows.iter().map(entry_row).collect();
    let export = |format: &str| {
        with(&base, "format", format).replacen("/admin/audit?", "/admin/audit/export?", 1)
    };
    let ctx = context! {
        entries,
        user_id => nonempty(&q.user_id),
        event => nonempty(&q.event),
        since => nonempty(&q.since),
        older,
        newer => newer_link,
        newest => (before.is_some() || newer).then(|| match base.as_str() {
            "" => "/admin/audit".to_owned(),
            b => format!("/admin/audit?{b}"),
        }),
        export_csv => export("csv"),
        export_jsonl => export("jsonl"),
    };
    ConsolePage::of(page, &state, &admin).render(StatusCode::OK, "admin/audit.html", ctx)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Csv,
    Jsonl,
}

const CSV_HEADER: [&str; 8] =
    ["id", "at", "event", "outcome", "user_id", "ip", "user_agent", "detail"];

/// A cell as a spreadsheet may read it without running it: text that starts like a formula
/// (`=`, `+`, `-`, `@`, or a tab or carriage return before one) gets a leading `'`.
fn neutralised(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

fn csv_line(cells: &[&str]) -> Result<Vec<u8>, std::io::Error> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(vec![]);
    let cells: Vec<_> = cells.iter().map(|c| neutralised(c)).collect();
    w.write_record(cells.iter().map(|c| c.as_ref()))?;
    w.into_inner().map_err(|e| std::io::Error::other(e.to_string()))
}

fn encode(format: Format, rows: &[AuditRow]) -> Result<Vec<u8>, std::io::Error> {
    let mut out = Vec::new();
    for r in rows {
        let e = &r.entry;
        let at = rfc3339(e.at);
        match format {
            Format::Csv => out.extend(csv_line(&[
                &r.id,
                &at,
                &e.event,
                &e.outcome,
                e.user_id.as_deref().unwrap_or(""),
                e.ip.as_deref().unwrap_or(""),
                e.user_agent.as_deref().unwrap_or(""),
                e.detail.as_deref().unwrap_or(""),
            ])?),
            Format::Jsonl => {
                let line = serde_json::json!({
                    "id": r.id,
                    "at": at,
                    "event": e.event,
                    "outcome": e.outcome,
                    "user_id": e.user_id,
                    "ip": e.ip,
                    "user_agent": e.user_agent,
                    "detail": e.detail,
                });
                serde_json::to_writer(&mut out, &line)?;
                out.push(b'\n');
            }
        }
    }
    Ok(out)
}

/// The export's body: chunks a task writes as it reads the log.
struct Chunks(tokio::sync::mpsc::Receiver<Result<Bytes, std::io::Error>>);

impl futures_core::Stream for Chunks {
    type Item = Result<Bytes, std::io::Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.0.poll_recv(cx)
    }
}

/// `GET /admin/audit/export?format=csv|jsonl&…`: every entry the filters keep (up to
/// [`EXPORT_MAX`]), oldest first, as a download.
pub async fn export(
    State(state): State<AppState>,
    Console(admin): Console,
    page: Page,
    RawQuery(raw): RawQuery,
) -> Response {
    let q: AuditQuery = super::query(raw);
    let format = match q.format.as_deref() {
        Some("csv") => Format::Csv,
        Some("jsonl") => Format::Jsonl,
        _ => {
            let e = AppError::bad_request(ErrorCode::InvalidField, "format is csv or jsonl");
            return ConsoleError::new(page, e).into_response();
        }
    };
    let mut filter = match filter_of(&q, EXPORT_BATCH) {
        Ok(f) => f,
        Err(e) => return ConsoleError::new(page, e).into_response(),
    };
    let before = nonempty(&q.before);
    let name = if format == Format::Csv { "csv" } else { "jsonl" };
    let what = format!("audit log export ({name})");
    let first = match state.auth.console_audit_oldest(&admin.caller, &filter, &what).await {
        Ok(rows) => rows,
        Err(e) => return ConsoleError::new(page, e).into_response(),
    };
    let (tx, rx) = tokio::sync::mpsc::channel(4);
    let auth = state.auth.clone();
    tokio::spawn(async move {
        if format == Format::Csv {
            let header = csv_line(&CSV_HEADER).map(Bytes::from);
            if tx.send(header).await.is_err() {
                return;
            }
        }
        let mut rows = first;
        let mut sent = 0usize;
        loop {
            let full = rows.len() as i64 == filter.limit;
            if let Some(b) = &before {
                rows.retain(|r| r.id < *b);
            }
            // Past `before`, nothing more is wanted.
            let more = full && rows.len() as i64 == filter.limit;
            rows.truncate(EXPORT_MAX - sent);
            sent += rows.len();
            filter.after = rows.last().map(|r| r.id.clone());
            if !rows.is_empty() && tx.send(encode(format, &rows).map(Bytes::from)).await.is_err() {
                return; // the download was abandoned
            }
            if !more || sent >= EXPORT_MAX {
                return;
            }
            rows = match auth.console_audit_more(&filter).await {
                Ok(rows) => rows,
                Err(e) => {
                    tracing::error!(error = %e, "exporting the audit log failed");
                    let _ =
                        tx.send(Err(std::io::Error::other("reading the audit log failed"))).await;
                    return;
                }
            };
        }
    });
    let (mime, ext) = match format {
        Format::Csv => ("text/csv; charset=utf-8", "csv"),
        Format::Jsonl => ("application/jsonl; charset=utf-8", "jsonl"),
    };
    let disposition = format!("attachment; filename=\"portcullis-audit.{ext}\"");
    let mut res = Body::from_stream(Chunks(rx)).into_response();
    let h = res.headers_mut();
    h.insert(CONTENT_TYPE, HeaderValue::from_static(mime));
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(CONTENT_DISPOSITION, v);
    }
    h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_formula_looking_cell_is_neutralised_and_quoted() {
        let line = super::csv_line(&["=HYPERLINK(\"x\")", "plain", "-1", "a,b", "@sum"]).unwrap();
        assert_eq!(
            String::from_utf8(line).unwrap(),
            "\"'=HYPERLINK(\"\"x\"\")\",plain,'-1,\"a,b\",'@sum\r\n"
        );
    }
}
