//! The console's users: `GET /admin/users` (search by email, username or id; filters; keyset
//! pages), `POST /admin/users` (create), and one account's page `GET /admin/users/{id}` with
//! its actions, each the admin API's call of the same name.

use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use minijinja::{context, Value};
use serde::Deserialize;

use super::super::extract::PageForm;
use super::super::render::Page;
use super::extract::{act, Console, ConsoleError, ConsolePage};
use crate::clock::rfc3339;
use crate::domain::User;
use crate::http::state::AppState;
use crate::service::admin_api::AdminUpdate;
use crate::store::UserFilter;

/// Users per page.
const PAGE: i64 = 50;

#[derive(Deserialize, Default)]
pub struct ListQuery {
    q: Option<String>,
    filter: Option<String>,
    after: Option<String>,
}

pub(super) fn user_row(u: &User) -> Value {
    context! {
        id => &u.id,
        email => &u.email,
        username => &u.username,
        is_active => u.is_active,
        email_verified => u.email_verified,
        is_admin => u.is_admin,
        created_at => rfc3339(u.created_at),
        updated_at => rfc3339(u.updated_at),
    }
}

/// `GET /admin/users`
pub async fn list(
    State(state): State<AppState>,
    Console(admin): Console,
    page: Page,
    RawQuery(raw): RawQuery,
) -> Response {
    let q: ListQuery = super::query(raw);
    let Some(filter) = UserFilter::parse(q.filter.as_deref().unwrap_or("")) else {
        let e = crate::error::AppError::bad_request(
            crate::error::ErrorCode::InvalidField,
            "filter is one of all, disabled, unverified, admins",
        );
        return ConsoleError::new(page, e).into_response();
    };
    let found = state
        .auth
        .console_users(&admin.caller, q.after.as_deref(), q.q.as_deref(), filter, PAGE + 1)
        .await;
    let mut users = match found {
        Ok(users) => users,
        Err(e) => return ConsoleError::new(page, e).into_response(),
    };
    let more = users.len() as i64 > PAGE;
    users.truncate(PAGE as usize);
    // The search and the filter stay from page to page (and back to the first).
    let link = |after: Option<&str>| {
        let mut pairs = url::form_urlencoded::Serializer::new(String::new());
        if let Some(q) = q.q.as_deref().filter(|q| !q.is_empty()) {
            pairs.append_pair("q", q);
        }
        if filter != UserFilter::All {
            pairs.append_pair("filter", filter.as_str());
        }
        if let Some(after) = after {
            pairs.append_pair("after", after);
        }
        match pairs.finish() {
            query if query.is_empty() => "/admin/users".to_owned(),
            query => format!("/admin/users?{query}"),
        }
    };
    let next = more.then(|| link(Some(users.last().map_or("", |u| u.id.as_str()))));
    let first = link(None);
    let rows: Vec<Value> = users.iter().map(user_row).collect();
    let ctx = context! {
        users => rows,
        q => q.q,
        filter => filter.as_str(),
        next,
        first,
        first_page => q.after.is_none(),
    };
    ConsolePage::of(page, &state, &admin).render(StatusCode::OK, "admin/users.html", ctx)
}

#[derive(Deserialize)]
pub struct CreateForm {
    email: Option<String>,
    username: Option<String>,
    password: Option<String>,
    email_verified: Option<String>,
    invite: Option<String>,
}

fn nonempty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// `POST /admin/users`: a new account (with a password, or invited by a reset link).
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
    let password = f.password.as_deref().filter(|p| !p.is_empty());
    let made = state
        .auth
        .admin_create_user(
            caller,
            f.email.as_deref(),
            nonempty(&f.username),
            password,
            f.email_verified.is_some(),
            f.invite.is_some(),
        )
        .await;
    match made {
        Ok((user, _)) => ConsolePage::of(page, &state, &admin)
            .done(&format!("/admin/users/{}", user.id), "created"),
        Err(e) => fail(e).into_response(),
    }
}

/// `GET /admin/users/{id}`
pub async fn show(
    State(state): State<AppState>,
    Console(admin): Console,
    page: Page,
    Path(id): Path<String>,
) -> Response {
    let detail = match state.auth.console_user(&admin.caller, &id).await {
        Ok(d) => d,
        Err(e) => return ConsoleError::new(page, e).into_response(),
    };
    let sessions: Vec<Value> = detail
        .sessions
        .iter()
        .map(|s| {
            context! {
                id => &s.id,
                created_at => rfc3339(s.created_at),
                last_used_at => rfc3339(s.last_used_at),
                expires_at => rfc3339(s.expires_at),
                ip => &s.ip,
                user_agent => &s.user_agent,
                methods => crate::domain::Amr::join(&s.amr),
                this => s.id == admin.auth.session.id,
            }
        })
        .collect();
    let passkeys: Vec<Value> = detail
        .passkeys
        .iter()
        .map(|p| context! { name => &p.name, created_at => rfc3339(p.created_at) })
        .collect();
    let identities: Vec<Value> = detail
        .identities
        .iter()
        .map(|i| context! { provider => &i.provider, subject => &i.subject, email => &i.email })
        .collect();
    let organizations: Vec<Value> = detail
        .organizations
        .iter()
        .map(|(o, role)| context! { id => &o.id, name => &o.name, slug => &o.slug, role })
        .collect();
    let audit: Vec<Value> = detail
        .audit
        .iter()
        .map(|r| {
            context! {
                at => rfc3339(r.entry.at),
                event => &r.entry.event,
                outcome => &r.entry.outcome,
                ip => &r.entry.ip,
                detail => &r.entry.detail,
            }
        })
        .collect();
    let ctx = context! {
        user => user_row(&detail.user),
        me => detail.user.id == admin.auth.user.id,
        sessions,
        totp => detail.totp,
        passkeys,
        identities,
        organizations,
        audit,
    };
    ConsolePage::of(page, &state, &admin).render(StatusCode::OK, "admin/user.html", ctx)
}

#[derive(Deserialize)]
pub struct UpdateForm {
    email: Option<String>,
    username: Option<String>,
    email_verified: Option<String>,
}

/// `POST /admin/users/{id}/update`: address, username, verified flag.
pub async fn update(
    State(state): State<AppState>,
    Console(admin): Console,
    headers: HeaderMap,
    page: Page,
    Path(id): Path<String>,
    PageForm(f): PageForm<UpdateForm>,
) -> Response {
    let fail = ConsoleError::from(page.clone(), &headers);
    let caller = match admin.changing(&state.auth) {
        Ok(c) => c,
        Err(e) => return fail(e).into_response(),
    };
    let current = match state.auth.admin_user(caller, &id).await {
        Ok(u) => u,
        Err(e) => return fail(e).into_response(),
    };
    // Only what the form changes is sent: an unchanged address keeps its verified state.
    let email = nonempty(&f.email).filter(|e| *e != current.email);
    let username = f.username.as_deref().map(str::trim);
    let username = username.filter(|u| Some(*u) != current.username.as_deref() && !u.is_empty());
    let verified = f.email_verified.is_some();
    let update = AdminUpdate {
        email,
        username,
        email_verified: (verified != current.email_verified || email.is_some()).then_some(verified),
    };
    match state.auth.admin_update_user(caller, &id, update).await {
        Ok(_) => ConsolePage::of(page, &state, &admin).done(&format!("/admin/users/{id}"), "saved"),
        Err(e) => fail(e).into_response(),
    }
}

macro_rules! user_action {
    ($(#[$doc:meta])* $name:ident, $notice:literal, |$auth:ident, $caller:ident, $id:ident| $call:expr) => {
        $(#[$doc])*
        pub async fn $name(
            State(state): State<AppState>,
            Console(admin): Console,
            headers: HeaderMap,
            page: Page,
            Path($id): Path<String>,
        ) -> Response {
            let to = format!("/admin/users/{}", $id);
            let $auth = &state.auth;
            act(&state, &admin, &headers, page, &to, $notice, async |$caller| $call.await).await
        }
    };
}

user_action!(
    /// `POST /admin/users/{id}/disable`: the account cannot sign in; its sessions end.
    disable, "disabled", |auth, caller, id| auth.admin_set_user_active(caller, &id, false)
);
user_action!(
    /// `POST /admin/users/{id}/enable`
    enable, "enabled", |auth, caller, id| auth.admin_set_user_active(caller, &id, true)
);
user_action!(
    /// `POST /admin/users/{id}/sessions/revoke`: every session of the account ends.
    revoke_sessions, "sessions_revoked", |auth, caller, id| auth.admin_end_sessions(caller, &id)
);
user_action!(
    /// `POST /admin/users/{id}/factors/reset`: TOTP, recovery codes and passkeys removed.
    reset_factors, "factors_reset", |auth, caller, id| auth.admin_reset_factors(caller, &id)
);
user_action!(
    /// `POST /admin/users/{id}/send-reset`: a password reset link by mail.
    send_reset, "reset_sent", |auth, caller, id| auth.admin_send_reset(caller, &id)
);
user_action!(
    /// `POST /admin/users/{id}/resend-verification`
    resend_verification, "verification_sent",
    |auth, caller, id| auth.console_resend_verification(caller, &id)
);

/// `POST /admin/users/{id}/delete`: the account, with its sessions and tokens.
pub async fn delete(
    State(state): State<AppState>,
    Console(admin): Console,
    headers: HeaderMap,
    page: Page,
    Path(id): Path<String>,
) -> Response {
    let to = "/admin/users".to_owned();
    let auth = &state.auth;
    act(&state, &admin, &headers, page, &to, "deleted", async |c| {
        auth.admin_remove_user(c, &id).await
    })
    .await
}

/// `POST /admin/users/{id}/sessions/{session_id}/revoke`: one session ends.
pub async fn revoke_session(
    State(state): State<AppState>,
    Console(admin): Console,
    headers: HeaderMap,
    page: Page,
    Path((id, session_id)): Path<(String, String)>,
) -> Response {
    let to = format!("/admin/users/{id}");
    let auth = &state.auth;
    let action = async |c: &_| auth.console_revoke_session(c, &id, &session_id).await;
    act(&state, &admin, &headers, page, &to, "revoked", action).await
}

#[derive(Deserialize)]
pub struct AdminForm {
    admin: Option<String>,
}

/// `POST /admin/users/{id}/admin` with `admin=true` or `admin=false`.
pub async fn set_admin(
    State(state): State<AppState>,
    Console(admin): Console,
    headers: HeaderMap,
    page: Page,
    Path(id): Path<String>,
    PageForm(f): PageForm<AdminForm>,
) -> Response {
    let grant = f.admin.as_deref() == Some("true");
    let to = format!("/admin/users/{id}");
    let notice = if grant { "admin_granted" } else { "admin_revoked" };
    let auth = &state.auth;
    let action = async |c: &_| auth.console_set_admin(c, &id, grant).await;
    act(&state, &admin, &headers, page, &to, notice, action).await
}
