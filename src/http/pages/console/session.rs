//! Entering and leaving the console: `GET`/`POST /admin/login` (password and code),
//! `POST /admin/login/session` (from a hosted pages' session that proved a second factor just
//! now: the way in with a passkey), `GET`/`POST /admin/step-up` and `POST /admin/logout`.

use axum::extract::{Query, State};
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use minijinja::context;
use serde::Deserialize;

use super::super::extract::{MaybeSignedIn, PageForm};
use super::super::render::Page;
use super::extract::{
    clear_cookie, console_next, presented, session_cookie, Console, ConsoleError, ConsolePage,
};
use crate::http::extract::Client;
use crate::http::state::AppState;

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

/// `GET /admin/login`
pub async fn show(
    State(state): State<AppState>,
    MaybeSignedIn(signed_in): MaybeSignedIn,
    page: Page,
    Query(q): Query<NextQuery>,
) -> Response {
    let next = console_next(q.next.as_deref()).to_owned();
    // A hosted pages' session of an administrator may carry the way in (a passkey).
    let from_session = signed_in.filter(|a| a.user.is_admin).map(|a| a.user.email);
    let _ = &state;
    let ctx = context! { next, from_session };
    ConsolePage::new(page).render(StatusCode::OK, "admin/login.html", ctx)
}

#[derive(Deserialize)]
pub struct LoginForm {
    login: Option<String>,
    password: Option<String>,
    code: Option<String>,
    next: Option<String>,
}

/// `POST /admin/login`: a console session of its own, living `PORTCULLIS_ADMIN_SESSION_TTL`.
pub async fn login(
    State(state): State<AppState>,
    Client(client): Client,
    page: Page,
    PageForm(f): PageForm<LoginForm>,
) -> Response {
    let opened = state
        .auth
        .console_login(f.login.as_deref(), f.password.as_deref(), f.code.as_deref(), &client)
        .await;
    match opened {
        Ok(opened) => entered(&state, &page, &opened.session_token, f.next.as_deref()),
        Err(e) => {
            let status = e.status();
            let message = e.public_message().into_owned();
            let next = console_next(f.next.as_deref()).to_owned();
            let ctx = context! { next, message, login => f.login };
            let mut res = ConsolePage::new(page).render(status, "admin/login.html", ctx);
            if let Some(secs) = e.retry_after() {
                let value = axum::http::HeaderValue::from(secs);
                res.headers_mut().insert(axum::http::header::RETRY_AFTER, value);
            }
            res
        }
    }
}

#[derive(Deserialize)]
pub struct NextForm {
    next: Option<String>,
}

/// `POST /admin/login/session`: the console entered from the hosted pages' session.
pub async fn login_from_session(
    State(state): State<AppState>,
    MaybeSignedIn(signed_in): MaybeSignedIn,
    page: Page,
    PageForm(f): PageForm<NextForm>,
) -> Response {
    let Some(auth) = signed_in else {
        return page.see_other("/admin/login").into_response();
    };
    match state.auth.console_login_from(&auth).await {
        Ok(opened) => entered(&state, &page, &opened.session_token, f.next.as_deref()),
        Err(e) => ConsoleError::new(page, e).into_response(),
    }
}

fn entered(state: &AppState, page: &Page, token: &str, next: Option<&str>) -> Response {
    let cookie = session_cookie(state.auth.settings(), token);
    page.see_other(console_next(next)).cookie(cookie).new_csrf().into_response()
}

/// `GET /admin/step-up`
pub async fn show_step_up(
    State(state): State<AppState>,
    Console(admin): Console,
    page: Page,
    Query(q): Query<NextQuery>,
) -> Response {
    let back = console_next(q.next.as_deref()).to_owned();
    let ctx = context! { back };
    ConsolePage::of(page, &state, &admin).render(StatusCode::OK, "admin/step_up.html", ctx)
}

#[derive(Deserialize)]
pub struct StepUpForm {
    code: Option<String>,
    back: Option<String>,
}

/// `POST /admin/step-up`: a code renews the proof changes need.
pub async fn step_up(
    State(state): State<AppState>,
    Console(admin): Console,
    page: Page,
    PageForm(f): PageForm<StepUpForm>,
) -> Response {
    let back = console_next(f.back.as_deref()).to_owned();
    match state.auth.console_step_up(&admin, f.code.as_deref()).await {
        Ok(()) => ConsolePage::of(page, &state, &admin).done(&back, "confirmed"),
        Err(e) => {
            let status = e.status();
            let message = e.public_message().into_owned();
            let ctx = context! { back, message };
            ConsolePage::of(page, &state, &admin).render(status, "admin/step_up.html", ctx)
        }
    }
}

/// `POST /admin/logout`: ends the console session (the hosted pages' one, if any, stays).
pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    Client(client): Client,
    page: Page,
) -> Response {
    let settings = state.auth.settings();
    if let Some(token) = presented(settings, &headers) {
        if let Err(e) = state.auth.logout_cookie(&token, &client).await {
            return ConsoleError::new(page, e).into_response();
        }
    }
    let mut res = page.see_other("/admin/login").into_response();
    res.headers_mut().append(SET_COOKIE, clear_cookie(settings));
    res
}
