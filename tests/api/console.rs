//! The administration console (`/admin/`, docs/admin-console.md) over plain HTTP, as a browser
//! without script would drive it: who may enter and how, the refusals (no role, no second
//! factor, no recent step-up, no CSRF token, a role or factor taken away, an old session),
//! the users' screens and their actions (each audited as `admin <user id>`), the command line
//! that grants the role, and where the console is served.
//!
//! The helpers at the top ([`console_admin`], [`console_get`], [`console_post`], …) are for
//! the other console test files too.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use reqwest::header::{CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};
use reqwest::{Method, Response, StatusCode};
use serde_json::{json, Value};

use crate::backends;
use crate::helpers::{Db, Login, TestApp, PASSWORD};
use crate::mfa::{base32_decode, fresh_step, now, totp_at};

backends!(
    only_an_administrator_with_totp_signs_in_and_a_refusal_changes_nothing,
    a_change_needs_a_step_up_within_the_window,
    a_form_without_the_right_csrf_token_changes_nothing,
    a_revoked_role_or_a_reset_factor_ends_the_console_at_once,
    a_console_session_and_an_account_session_are_not_interchangeable,
    a_password_reset_or_change_ends_the_console_session,
    an_account_session_that_just_proved_a_second_factor_opens_a_console_session,
    a_console_session_ends_after_its_lifetime,
    the_search_finds_by_email_username_and_id_with_filters_and_keyset_pages,
    a_search_pages_in_id_order_whether_its_prefix_is_common_or_rare,
    the_user_page_shows_sessions_and_each_action_works_and_is_audited,
    the_command_line_grants_and_revokes_the_role_and_is_audited,
    the_console_is_served_on_the_admin_listener_only_and_can_be_turned_off,
    console_pages_carry_the_pages_headers_and_no_script,
    an_administrator_works_in_a_browser_without_javascript,
    each_console_screen_does_its_main_action_without_javascript,
);

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// A browser's cookies, as `Set-Cookie` left them.
#[derive(Debug, Default, Clone)]
pub struct Jar(pub BTreeMap<String, String>);

impl Jar {
    /// Takes in the cookies `res` sets (a cookie set empty or with `Max-Age=0` is dropped).
    pub fn take(&mut self, res: &Response) {
        for line in res.headers().get_all(SET_COOKIE).iter().filter_map(|v| v.to_str().ok()) {
            let Some((name, value)) = line.split(';').next().and_then(|p| p.split_once('=')) else {
                continue;
            };
            if value.is_empty() || line.contains("Max-Age=0") {
                self.0.remove(name);
            } else {
                self.0.insert(name.to_owned(), value.to_owned());
            }
        }
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }

    /// The `Cookie` header.
    pub fn header(&self) -> String {
        self.0.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ")
    }
}

/// An administrator with TOTP, and (once signed in) the browser of their console session.
pub struct ConsoleAdmin {
    pub email: String,
    pub user_id: String,
    /// The TOTP secret (raw bytes).
    pub secret: Vec<u8>,
    /// Recovery codes not used yet.
    pub recovery_codes: Vec<String>,
    /// The API login that enrolled TOTP (its session was ended by the enrolment's confirmation
    /// only if another one existed: this one stays).
    pub login: Login,
    /// The console's browser: `portcullis_admin` and `portcullis_csrf`.
    pub cookies: Jar,
    /// Where the console is served: the admin listener when there is one, else the main one.
    pub base: String,
}

impl ConsoleAdmin {
    /// The console session's token (the `portcullis_admin` cookie).
    pub fn token(&self) -> Option<&str> {
        self.cookies.get("portcullis_admin")
    }

    /// `admin <user id>`: how the audit log names this administrator.
    pub fn label(&self) -> String {
        format!("admin {}", self.user_id)
    }

    /// An unused recovery code (each works once).
    pub fn recovery_code(&mut self) -> String {
        self.recovery_codes.pop().expect("a recovery code left")
    }
}

/// Where `app` serves the console.
pub fn console_base(app: &TestApp) -> String {
    match app.admin_port {
        Some(port) => format!("http://127.0.0.1:{port}"),
        None => app.base.clone(),
    }
}

/// Enrols TOTP for `login` (an account with a verified address): the secret and the ten
/// recovery codes. Spends the current 30-second step's code.
pub async fn enrol_totp(app: &TestApp, login: &Login) -> (Vec<u8>, Vec<String>) {
    fresh_step().await;
    let res = app
        .bearer(Method::POST, "/api/auth/mfa/totp", &login.access_token)
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    let secret = base32_decode(body["secret"].as_str().unwrap());
    let res = app
        .bearer(Method::POST, "/api/auth/mfa/totp/confirm", &login.access_token)
        .json(&json!({ "code": totp_at(&secret, now()) }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    let codes = body["recovery_codes"].as_array().unwrap();
    (secret, codes.iter().map(|c| c.as_str().unwrap().to_owned()).collect())
}

/// A new account `email` (password [`PASSWORD`], address verified) with TOTP and the
/// administrator's role, not signed in to the console yet.
pub async fn admin_with_totp(app: &TestApp, email: &str) -> ConsoleAdmin {
    let login = app.user(email).await;
    let user_id = login.body["user"]["id"].as_str().unwrap().to_owned();
    let (secret, recovery_codes) = enrol_totp(app, &login).await;
    app.auth.admin_set_role(email, true).await.unwrap();
    ConsoleAdmin {
        email: email.to_owned(),
        user_id,
        secret,
        recovery_codes,
        login,
        cookies: Jar::default(),
        base: console_base(app),
    }
}

/// A console request with the browser's cookies, taking in the cookies it sets.
async fn console_send(app: &TestApp, jar: &mut Jar, req: reqwest::RequestBuilder) -> Response {
    let _ = app;
    let res = req.header(COOKIE, jar.header()).send().await.unwrap();
    jar.take(&res);
    res
}

/// `GET` a console page (`path` under the console's base).
pub async fn console_get(app: &TestApp, admin: &mut ConsoleAdmin, path: &str) -> Response {
    let req = app.client.get(format!("{}{path}", admin.base));
    console_send(app, &mut admin.cookies, req).await
}

/// A console page's HTML, which must answer `200`.
pub async fn console_page(app: &TestApp, admin: &mut ConsoleAdmin, path: &str) -> String {
    let res = console_get(app, admin, path).await;
    assert_eq!(res.status(), StatusCode::OK, "GET {path}");
    res.text().await.unwrap()
}

/// `POST` a console form, with the CSRF token the browser holds.
pub async fn console_post(
    app: &TestApp,
    admin: &mut ConsoleAdmin,
    path: &str,
    form: &[(&str, &str)],
) -> Response {
    let csrf = admin.cookies.get("portcullis_csrf").unwrap_or_default().to_owned();
    let mut all = vec![("csrf", csrf.as_str())];
    all.extend_from_slice(form);
    console_post_raw(app, admin, path, &all).await
}

/// `POST` a console form exactly as given (no CSRF token added).
pub async fn console_post_raw(
    app: &TestApp,
    admin: &mut ConsoleAdmin,
    path: &str,
    form: &[(&str, &str)],
) -> Response {
    let req = app
        .client
        .post(format!("{}{path}", admin.base))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(serde_urlencoded::to_string(form).unwrap());
    console_send(app, &mut admin.cookies, req).await
}

/// `POST /admin/login` with `password` and `code`, after fetching the form (its CSRF cookie,
/// which its hidden field repeats).
pub async fn console_sign_in(
    app: &TestApp,
    admin: &mut ConsoleAdmin,
    password: &str,
    code: &str,
) -> Response {
    let res = console_get(app, admin, "/admin/login").await;
    assert_eq!(res.status(), StatusCode::OK);
    let cookie = admin.cookies.get("portcullis_csrf").expect("a CSRF cookie").to_owned();
    let field = hidden(&res.text().await.unwrap(), "csrf").expect("a CSRF field");
    assert_eq!(field, cookie, "the form's CSRF field is the cookie's token");
    let login = admin.email.clone();
    let form = [("login", login.as_str()), ("password", password), ("code", code)];
    console_post(app, admin, "/admin/login", &form).await
}

/// An administrator with TOTP signed in to the console (with the next step's code: the
/// enrolment spent the current one). Their step-up is fresh.
pub async fn console_admin(app: &TestApp, email: &str) -> ConsoleAdmin {
    let mut admin = admin_with_totp(app, email).await;
    let code = totp_at(&admin.secret, now() + 30);
    let res = console_sign_in(app, &mut admin, PASSWORD, &code).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "console sign-in");
    assert_eq!(location(&res), "/admin/");
    assert!(admin.token().is_some(), "a console session cookie");
    admin
}

/// A step-up with a recovery code; `back` is where it returns.
pub async fn console_step_up(app: &TestApp, admin: &mut ConsoleAdmin, back: &str) -> Response {
    let code = admin.recovery_code();
    console_post(app, admin, "/admin/step-up", &[("code", &code), ("back", back)]).await
}

pub fn location(res: &Response) -> String {
    res.headers().get(LOCATION).map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default()
}

/// Undoes the templates' escaping of attribute values.
pub fn unescape(s: &str) -> String {
    s.replace("&#x2f;", "/").replace("&amp;", "&").replace("&quot;", "\"").replace("&#x27;", "'")
}

/// The value of the hidden field `name`, unescaped.
pub fn hidden(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker)? + marker.len();
    Some(unescape(&html[start..start + html[start..].find('"')?]))
}

/// The `data-id` of every table row in `html`, in order.
pub fn row_ids(html: &str) -> Vec<String> {
    html.split("<tr data-id=\"")
        .skip(1)
        .map(|rest| unescape(&rest[..rest.find('"').unwrap()]))
        .collect()
}

/// The `href` of the element with id `id`, unescaped.
pub fn href_of(html: &str, id: &str) -> Option<String> {
    let at = html.find(&format!("id=\"{id}\""))?;
    let tag_start = html[..at].rfind('<')?;
    let tag = &html[tag_start..at + html[at..].find('>')?];
    let start = tag.find("href=\"")? + "href=\"".len();
    Some(unescape(&tag[start..start + tag[start..].find('"')?]))
}

/// An API key with `scopes`.
pub async fn api_key(app: &TestApp, scopes: &[&str]) -> String {
    let scopes: Vec<String> = scopes.iter().map(|s| (*s).to_owned()).collect();
    app.auth.create_api_key("console tests", &scopes).await.unwrap().1
}

/// The audit log's entries about `user_id` (read through the admin API), oldest first.
pub async fn audit_of(app: &TestApp, user_id: &str) -> Vec<Value> {
    let key = api_key(app, &["audit:read"]).await;
    let path = format!("/api/admin/audit?user_id={user_id}&limit=200");
    let res = app.bearer(Method::GET, &path, &key).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    body["entries"].as_array().unwrap().clone()
}

/// Whether the audit log has `event`/`outcome` about `user_id` with `detail` containing
/// `detail`.
pub async fn audited(
    app: &TestApp,
    user_id: &str,
    event: &str,
    outcome: &str,
    detail: &str,
) -> bool {
    audit_of(app, user_id).await.iter().any(|e| {
        e["event"] == event
            && e["outcome"] == outcome
            && e["detail"].as_str().is_some_and(|d| d.contains(detail))
    })
}

/// A column of `users` for the account with address `email` (all three databases store the
/// flags as integers).
pub async fn user_flag(app: &TestApp, email: &str, column: &str) -> Option<i64> {
    sqlx::any::install_default_drivers();
    let mut conn =
        <sqlx::AnyConnection as sqlx::Connection>::connect(&app.database_url).await.unwrap();
    let sql = format!("SELECT {column} AS v FROM users WHERE email_key = '{email}'");
    let row = sqlx::query(&sql).fetch_optional(&mut conn).await.unwrap();
    row.map(|r| sqlx::Row::get::<i64, _>(&r, "v"))
}

/// Creates an account through the admin API: its id.
async fn api_user(app: &TestApp, key: &str, body: Value) -> String {
    let res = app.bearer(Method::POST, "/api/admin/users", key).json(&body).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::CREATED, "{body}");
    let body: Value = res.json().await.unwrap();
    body["user"]["id"].as_str().unwrap().to_owned()
}

// ---------------------------------------------------------------------------------------------
// Entering
// ---------------------------------------------------------------------------------------------

/// Only an administrator with TOTP gets a console session; each refusal sets no console
/// cookie. A wrong password is the login's own failure: it spends the account's budget (three
/// an hour here), so after three the right password and a good code are turned away too.
async fn only_an_administrator_with_totp_signs_in_and_a_refusal_changes_nothing(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_LOGIN_FAILURES_PER_HOUR", "3")]).await;
    let mut admin = console_admin(&app, "root@example.com").await;
    let res = console_get(&app, &mut admin, "/admin/").await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    assert!(html.contains("root@example.com") && html.contains("id=\"figures\""), "{html}");
    assert!(audited(&app, &admin.user_id, "admin_console_login", "succeeded", "session").await);
    // The console's session is one more: the account's API session is still there.
    assert_ne!(admin.token(), Some(admin.login.cookie.as_str()));
    assert_eq!(app.user_status_cookie(&admin.login.cookie).await, StatusCode::OK);

    // Not an administrator, with TOTP and the right password and code: 403.
    let mut plain = admin_with_totp(&app, "plain@example.com").await;
    app.auth.admin_set_role("plain@example.com", false).await.unwrap();
    let code = totp_at(&plain.secret, now() + 30);
    let res = console_sign_in(&app, &mut plain, PASSWORD, &code).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(res.text().await.unwrap().contains("not an administrator"));
    assert_eq!(plain.token(), None);
    assert!(audited(&app, &plain.user_id, "admin_console_login", "refused", "not an admin").await);
    // Not an administrator, without a second factor: 403 as well.
    let login = app.user("nobody@example.com").await;
    let mut nobody = ConsoleAdmin {
        email: "nobody@example.com".into(),
        user_id: login.body["user"]["id"].as_str().unwrap().to_owned(),
        secret: Vec::new(),
        recovery_codes: Vec::new(),
        login,
        cookies: Jar::default(),
        base: console_base(&app),
    };
    let res = console_sign_in(&app, &mut nobody, PASSWORD, "123456").await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(nobody.token(), None);

    // An administrator without a second factor: 403, and told why.
    app.auth.admin_set_role("nobody@example.com", true).await.unwrap();
    let res = console_sign_in(&app, &mut nobody, PASSWORD, "123456").await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(res.text().await.unwrap().contains("second factor"));
    assert_eq!(nobody.token(), None);
    assert!(
        audited(&app, &nobody.user_id, "admin_console_login", "refused", "second factor").await
    );

    // An administrator with TOTP, a wrong code: 401.
    let mut wrong_code = admin_with_totp(&app, "wrong-code@example.com").await;
    let bad = if totp_at(&wrong_code.secret, now() + 30) == "000000" { "111111" } else { "000000" };
    let res = console_sign_in(&app, &mut wrong_code, PASSWORD, bad).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(wrong_code.token(), None);

    // Wrong passwords: 401 each, and the third spends the budget: then even the right
    // password with a good code (a recovery code) opens nothing, on the console or the API.
    let mut other = admin_with_totp(&app, "budget@example.com").await;
    for _ in 0..3 {
        let res = console_sign_in(&app, &mut other, "not the password at all", "000000").await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(other.token(), None);
    }
    let code = other.recovery_code();
    let res = console_sign_in(&app, &mut other, PASSWORD, &code).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS, "the budget is spent");
    assert_eq!(other.token(), None);
    assert_eq!(
        app.login_status("budget@example.com", PASSWORD).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // The first administrator's session is untouched by all this.
    assert_eq!(console_get(&app, &mut admin, "/admin/").await.status(), StatusCode::OK);
}

/// With a one-second step-up window, a change 1.5 s after sign-in is refused with the step-up
/// form and changes nothing; a wrong code does not step up; a recovery code does, and the
/// change then goes through.
async fn a_change_needs_a_step_up_within_the_window(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_ADMIN_STEP_UP_WINDOW", "1s")]).await;
    let target = app.user("target@example.com").await;
    let id = target.body["user"]["id"].as_str().unwrap().to_owned();
    let mut admin = console_admin(&app, "root@example.com").await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let page = format!("/admin/users/{id}");
    let res = console_get(&app, &mut admin, &page).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.text().await.unwrap().contains("confirm to change"), "the header says so");
    let res = console_post(&app, &mut admin, &format!("{page}/disable"), &[]).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let html = res.text().await.unwrap();
    assert!(html.contains("action=\"/admin/step-up\""), "the step-up form: {html}");
    assert_eq!(hidden(&html, "back").as_deref(), Some(page.as_str()), "it comes back here");
    assert_eq!(user_flag(&app, "target@example.com", "is_active").await, Some(1));
    assert_eq!(app.user_status_cookie(&target.cookie).await, StatusCode::OK);

    let res =
        console_post(&app, &mut admin, "/admin/step-up", &[("code", "000000"), ("back", &page)])
            .await;
    assert_ne!(res.status(), StatusCode::SEE_OTHER, "a wrong code does not step up");
    let res = console_post(&app, &mut admin, &format!("{page}/disable"), &[]).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    let res = console_step_up(&app, &mut admin, &page).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), format!("{page}?notice=confirmed"));
    let res = console_post(&app, &mut admin, &format!("{page}/disable"), &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(user_flag(&app, "target@example.com", "is_active").await, Some(0));
    assert_eq!(app.user_status_cookie(&target.cookie).await, StatusCode::UNAUTHORIZED);
}

/// A console form with no CSRF token, or another browser's, is refused with 403 before its
/// handler runs.
async fn a_form_without_the_right_csrf_token_changes_nothing(db: Db) {
    let app = TestApp::spawn(db).await;
    let target = app.user("target@example.com").await;
    let id = target.body["user"]["id"].as_str().unwrap().to_owned();
    let mut admin = console_admin(&app, "root@example.com").await;
    let path = format!("/admin/users/{id}/disable");
    let res = console_post_raw(&app, &mut admin, &path, &[]).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let other = crate::browser::csrf(&app).await.1;
    let res = console_post_raw(&app, &mut admin, &path, &[("csrf", &other)]).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(user_flag(&app, "target@example.com", "is_active").await, Some(1));
    let res =
        console_post_raw(&app, &mut admin, "/admin/users", &[("email", "new@example.com")]).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(user_flag(&app, "new@example.com", "is_active").await, None);
    // The same form with the token works.
    let res = console_post(&app, &mut admin, &path, &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(user_flag(&app, "target@example.com", "is_active").await, Some(0));
}

/// A console session whose account lost the role is refused at its next request (a page:
/// 403; a change: 403, nothing done); so is one whose account's second factor was reset (a
/// page goes to the sign-in form, a change is refused).
async fn a_revoked_role_or_a_reset_factor_ends_the_console_at_once(db: Db) {
    let app = TestApp::spawn(db).await;
    let target = app.user("target@example.com").await;
    let id = target.body["user"]["id"].as_str().unwrap().to_owned();
    let disable = format!("/admin/users/{id}/disable");

    let mut admin = console_admin(&app, "root@example.com").await;
    assert_eq!(console_get(&app, &mut admin, "/admin/users").await.status(), StatusCode::OK);
    let token = admin.token().unwrap().to_owned();
    app.auth.admin_set_role("root@example.com", false).await.unwrap();
    // The revocation ended the console session itself: a page goes to the sign-in form, a
    // form is refused, and nothing changes.
    let res = console_get(&app, &mut admin, "/admin/users").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(location(&res).starts_with("/admin/login"), "{}", location(&res));
    admin.cookies.0.insert("portcullis_admin".into(), token.clone());
    let res = console_post(&app, &mut admin, &disable, &[]).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(user_flag(&app, "target@example.com", "is_active").await, Some(1));
    // Granting the role again does not bring the old session back.
    app.auth.admin_set_role("root@example.com", true).await.unwrap();
    admin.cookies.0.insert("portcullis_admin".into(), token);
    let res = console_get(&app, &mut admin, "/admin/users").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "a new sign-in is needed");

    let mut second = console_admin(&app, "second@example.com").await;
    assert_eq!(console_get(&app, &mut second, "/admin/").await.status(), StatusCode::OK);
    app.auth.admin_reset_mfa("second@example.com").await.unwrap();
    let res = console_get(&app, &mut second, "/admin/users").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(location(&res).starts_with("/admin/login"), "{}", location(&res));
    let res = console_post(&app, &mut second, &disable, &[]).await;
    assert!(
        [StatusCode::UNAUTHORIZED, StatusCode::FORBIDDEN].contains(&res.status()),
        "{}",
        res.status()
    );
    assert_eq!(user_flag(&app, "target@example.com", "is_active").await, Some(1));
}

/// The way in for a passkey holder (whose ceremony needs the hosted login page's script): a
/// hosted pages' session of an administrator that proved a second factor within the step-up
/// window opens a console session of its own. A password-only session, a stale one, a
/// non-administrator's, and no session at all open nothing.
async fn an_account_session_that_just_proved_a_second_factor_opens_a_console_session(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_ADMIN_STEP_UP_WINDOW", "3s")]).await;
    let mut admin = admin_with_totp(&app, "root@example.com").await;
    // A multi-factor account session (the API's login and its second step).
    let account_session = async |admin: &mut ConsoleAdmin| {
        let first = app
            .post_json(
                "/api/auth/login",
                json!({"email": "root@example.com", "password": PASSWORD}),
            )
            .await;
        let body: Value = first.json().await.unwrap();
        let code = admin.recovery_code();
        let res = app
            .post_json(
                "/api/auth/mfa/verify",
                json!({"mfa_token": body["mfa_token"], "code": code}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::OK);
        crate::helpers::session_cookie(res.headers()).expect("a session cookie")
    };
    let enter = async |admin: &mut ConsoleAdmin, session: Option<&str>| {
        let res = console_get(&app, admin, "/admin/login").await;
        assert_eq!(res.status(), StatusCode::OK);
        match session {
            Some(s) => admin.cookies.0.insert("session_id".into(), s.to_owned()),
            None => admin.cookies.0.remove("session_id"),
        };
        console_post(&app, admin, "/admin/login/session", &[("next", "/admin/users")]).await
    };
    // No account session: back to the sign-in form, no console cookie.
    let res = enter(&mut admin, None).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(admin.token().is_none());
    // A fresh multi-factor one: a console session, on its own cookie.
    let session = account_session(&mut admin).await;
    let res = enter(&mut admin, Some(&session)).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/admin/users");
    let console = admin.token().expect("a console session").to_owned();
    assert_ne!(console, session, "a session of its own");
    assert_eq!(console_get(&app, &mut admin, "/admin/users").await.status(), StatusCode::OK);
    assert_eq!(app.user_status_cookie(&session).await, StatusCode::OK, "the account's stays");
    // The same session once the window has passed: refused, nothing opened.
    admin.cookies.0.remove("portcullis_admin");
    tokio::time::sleep(Duration::from_millis(3500)).await;
    let res = enter(&mut admin, Some(&session)).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(admin.token().is_none());
    // A password-only session (of an administrator without a second factor), and a
    // non-administrator's multi-factor one.
    let plain = app.user("plain@example.com").await;
    app.auth.admin_set_role("plain@example.com", true).await.unwrap();
    let res = enter(&mut admin, Some(&plain.cookie)).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(admin.token().is_none());
    app.auth.admin_set_role("root@example.com", false).await.unwrap();
    let session = account_session(&mut admin).await;
    let res = enter(&mut admin, Some(&session)).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(admin.token().is_none());
}

/// A console session rests on the password it was opened with: a reset by mail, or a change
/// from an account session, ends it (a page goes back to the sign-in form, a form is refused).
async fn a_password_reset_or_change_ends_the_console_session(db: Db) {
    let app = TestApp::spawn(db).await;
    let target = app.user("target@example.com").await;
    let id = target.body["user"]["id"].as_str().unwrap().to_owned();
    let mut admin = console_admin(&app, "root@example.com").await;
    assert_eq!(console_get(&app, &mut admin, "/admin/users").await.status(), StatusCode::OK);
    let res =
        app.post_json("/api/auth/forgot-password", json!({"email": "root@example.com"})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let token = app.token_from_mail("root@example.com", "Reset").await;
    let new = "a brand new passphrase";
    let res = app
        .post_json("/api/auth/reset-password", json!({"token": token, "new_password": new}))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = console_get(&app, &mut admin, "/admin/users").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(location(&res).starts_with("/admin/login"), "{}", location(&res));

    // Signed in again (with the new password), then the password changed elsewhere.
    let code = admin.recovery_code();
    let res = console_sign_in(&app, &mut admin, new, &code).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(console_get(&app, &mut admin, "/admin/users").await.status(), StatusCode::OK);
    let first = app
        .post_json("/api/auth/login", json!({"email": "root@example.com", "password": new}))
        .await;
    let body: Value = first.json().await.unwrap();
    let code = admin.recovery_code();
    let res = app
        .post_json("/api/auth/mfa/verify", json!({"mfa_token": body["mfa_token"], "code": code}))
        .await;
    let access = res.json::<Value>().await.unwrap()["access_token"].as_str().unwrap().to_owned();
    let res = app
        .bearer(Method::POST, "/api/auth/change-password", &access)
        .json(&json!({"current_password": new, "new_password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let res = console_post(&app, &mut admin, &format!("/admin/users/{id}/disable"), &[]).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(user_flag(&app, "target@example.com", "is_active").await, Some(1));
}

/// The console's session is one of its own: its token is no session anywhere else (the API,
/// the account pages), and an account's session (multi-factor and fresh) is none in the
/// console.
async fn a_console_session_and_an_account_session_are_not_interchangeable(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut admin = console_admin(&app, "root@example.com").await;
    let console_token = admin.token().unwrap().to_owned();
    assert_eq!(console_get(&app, &mut admin, "/admin/").await.status(), StatusCode::OK);
    // The console's token as the API's and the pages' session cookie.
    assert_eq!(app.user_status_cookie(&console_token).await, StatusCode::UNAUTHORIZED);
    let res = app
        .client
        .get(app.url("/account/"))
        .header(COOKIE, format!("session_id={console_token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "the account page asks for a login");
    // A fresh multi-factor account session as the console's cookie.
    let first = app
        .post_json("/api/auth/login", json!({"email": "root@example.com", "password": PASSWORD}))
        .await;
    let body: Value = first.json().await.unwrap();
    let code = admin.recovery_code();
    let res = app
        .post_json("/api/auth/mfa/verify", json!({"mfa_token": body["mfa_token"], "code": code}))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let account_cookie = crate::helpers::session_cookie(res.headers()).expect("a session cookie");
    assert_eq!(app.user_status_cookie(&account_cookie).await, StatusCode::OK);
    admin.cookies.0.insert("portcullis_admin".into(), account_cookie);
    let res = console_get(&app, &mut admin, "/admin/").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(location(&res).starts_with("/admin/login"), "{}", location(&res));
}

/// A console session lives `PORTCULLIS_ADMIN_SESSION_TTL` from its sign-in (its cookie says
/// so too), however much it is used; then a page goes to the sign-in form.
async fn a_console_session_ends_after_its_lifetime(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_ADMIN_SESSION_TTL", "2s")]).await;
    let mut admin = admin_with_totp(&app, "root@example.com").await;
    let code = totp_at(&admin.secret, now() + 30);
    let res = console_sign_in(&app, &mut admin, PASSWORD, &code).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let line = res
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|l| l.starts_with("portcullis_admin="))
        .unwrap();
    for attribute in ["Max-Age=2", "Path=/admin", "HttpOnly", "SameSite=Strict"] {
        assert!(line.contains(attribute), "{attribute} in {line}");
    }
    for _ in 0..3 {
        assert_eq!(console_get(&app, &mut admin, "/admin/").await.status(), StatusCode::OK);
        tokio::time::sleep(Duration::from_millis(400)).await;
    }
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let res = console_get(&app, &mut admin, "/admin/").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(location(&res).starts_with("/admin/login"));
    let res = console_post(&app, &mut admin, "/admin/users", &[("email", "x@example.com")]).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(user_flag(&app, "x@example.com", "is_active").await, None);
}

// ---------------------------------------------------------------------------------------------
// The users' screens
// ---------------------------------------------------------------------------------------------

/// Every page of a listing, following its "Next page" links: the ids in order.
async fn every_page(app: &TestApp, admin: &mut ConsoleAdmin, first: &str) -> (Vec<String>, usize) {
    let (mut ids, mut pages, mut path) = (Vec::new(), 0, Some(first.to_owned()));
    while let Some(p) = path {
        let res = console_get(app, admin, &p).await;
        assert_eq!(res.status(), StatusCode::OK, "{p}");
        let html = res.text().await.unwrap();
        let rows = row_ids(&html);
        assert!(rows.len() <= 50, "a page holds 50 at most");
        ids.extend(rows);
        pages += 1;
        path = href_of(&html, "next-page");
        assert!(pages < 20, "no end to the pages");
    }
    (ids, pages)
}

/// The search by the start of an address or username (any case) or by an id, the filters,
/// and keyset pages (with the search and filter kept from page to page) that together list
/// each account exactly once.
async fn the_search_finds_by_email_username_and_id_with_filters_and_keyset_pages(db: Db) {
    let app = TestApp::spawn(db).await;
    let key = api_key(&app, &["users:write", "users:read"]).await;
    let mut all = BTreeSet::new();
    let mut unverified = BTreeSet::new();
    let mut by_number = Vec::new();
    for i in 0..120 {
        let verified = i % 2 == 0;
        let body = json!({
            "email": format!("page-{i:03}@example.com"),
            "username": format!("pager{i:03}"),
            "email_verified": verified,
        });
        let id = api_user(&app, &key, body).await;
        if !verified {
            unverified.insert(id.clone());
        }
        all.insert(id.clone());
        by_number.push(id);
    }
    let mut disabled = BTreeSet::new();
    for i in [3usize, 50, 117] {
        let path = format!("/api/admin/users/{}/disable", by_number[i]);
        let res = app.bearer(Method::POST, &path, &key).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        disabled.insert(by_number[i].clone());
    }
    app.auth.admin_set_role("page-007@example.com", true).await.unwrap();
    let mut admin = console_admin(&app, "root@example.com").await;
    all.insert(admin.user_id.clone());
    let admins = BTreeSet::from([admin.user_id.clone(), by_number[7].clone()]);

    // The dashboard counts them.
    let res = console_get(&app, &mut admin, "/admin/").await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    assert!(html.contains("<dd id=\"fig-users\">121</dd>"), "{html}");
    for (what, n) in [("Disabled", 3), ("Unverified", 60), ("Administrators", 2)] {
        assert!(html.contains(&format!("<dt>{what}</dt><dd>{n}</dd>")), "{what}: {html}");
    }

    // The start of an address, in any case; of a username; an id.
    let search = async |admin: &mut ConsoleAdmin, q: &str| -> BTreeSet<String> {
        let path = format!("/admin/users?q={}", crate::helpers::urlencode(q));
        let res = console_get(&app, admin, &path).await;
        assert_eq!(res.status(), StatusCode::OK);
        row_ids(&res.text().await.unwrap()).into_iter().collect()
    };
    let tens: BTreeSet<String> = (10..20).map(|i| by_number[i].clone()).collect();
    assert_eq!(search(&mut admin, "page-01").await, tens);
    assert_eq!(search(&mut admin, "PAGE-01").await, tens, "any case");
    let elevens: BTreeSet<String> = (110..120).map(|i| by_number[i].clone()).collect();
    assert_eq!(search(&mut admin, "pager11").await, elevens);
    assert_eq!(
        search(&mut admin, "page-042@example.com").await,
        BTreeSet::from([by_number[42].clone()])
    );
    assert_eq!(search(&mut admin, &by_number[99]).await, BTreeSet::from([by_number[99].clone()]));
    assert!(search(&mut admin, "nobody-like-this").await.is_empty());
    assert!(search(&mut admin, "page_0").await.is_empty(), "_ is no wildcard");
    assert!(search(&mut admin, "%").await.is_empty(), "% is no wildcard");

    // The filters, alone and with a search.
    let (ids, _) = every_page(&app, &mut admin, "/admin/users?filter=disabled").await;
    assert_eq!(ids.into_iter().collect::<BTreeSet<_>>(), disabled);
    let (ids, _) = every_page(&app, &mut admin, "/admin/users?filter=admins").await;
    assert_eq!(ids.into_iter().collect::<BTreeSet<_>>(), admins);
    let (ids, pages) = every_page(&app, &mut admin, "/admin/users?filter=unverified").await;
    assert_eq!(pages, 2, "60 unverified accounts: two pages");
    assert_eq!(ids.len(), 60, "each once");
    assert_eq!(ids.into_iter().collect::<BTreeSet<_>>(), unverified);
    let res = console_get(&app, &mut admin, "/admin/users?filter=unverified").await;
    let next = href_of(&res.text().await.unwrap(), "next-page").unwrap();
    assert!(next.starts_with("/admin/users?filter=unverified&after="), "{next}");
    let res = console_get(&app, &mut admin, &next).await;
    let first = href_of(&res.text().await.unwrap(), "first-page");
    assert_eq!(first.as_deref(), Some("/admin/users?filter=unverified"), "the filter kept");
    let (ids, _) = every_page(&app, &mut admin, "/admin/users?q=page-01&filter=unverified").await;
    let odd_tens: BTreeSet<String> = (11..20).step_by(2).map(|i| by_number[i].clone()).collect();
    assert_eq!(ids.into_iter().collect::<BTreeSet<_>>(), odd_tens);
    let (ids, pages) = every_page(&app, &mut admin, "/admin/users?q=page").await;
    assert_eq!((ids.len(), pages), (120, 3), "a search over pages");

    // Keyset pages over everyone: 121 accounts in three pages, in id order, each once.
    let (ids, pages) = every_page(&app, &mut admin, "/admin/users").await;
    assert_eq!(pages, 3);
    assert_eq!(ids.len(), all.len(), "no account twice, none missing");
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "in id order");
    assert_eq!(ids.into_iter().collect::<BTreeSet<_>>(), all);
    // A filter nobody passes, and an unknown one.
    let res = console_get(&app, &mut admin, "/admin/users?filter=bogus").await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
}

/// A prefix that many accounts share is looked for first among the next pages' worth of
/// accounts in id order, and through the keys' indexes when those do not fill the page or
/// when few accounts share it (`store::console::WINDOW_PAGES`). Whichever way a page was
/// found, every page (small ones here, so that 200 accounts span many windows) is exactly the
/// next matches after its cursor in id order: a prefix nearly everyone shares, one a few
/// share, one matching a contiguous run (which the first window misses), one nobody matches,
/// and each with a filter.
async fn a_search_pages_in_id_order_whether_its_prefix_is_common_or_rare(db: Db) {
    use portcullis::store::UserFilter;
    let app = TestApp::spawn(db).await;
    let key = api_key(&app, &["users:write"]).await;
    let mut accounts = Vec::new(); // (id, email, username, disabled)
    for i in 0..200 {
        let email = format!("w{i:03}@example.com");
        let username = if i % 50 == 7 { format!("rare{i:03}") } else { format!("common{i:03}") };
        let body = json!({ "email": email, "username": username });
        let id = api_user(&app, &key, body).await;
        let disabled = i % 3 == 0;
        if disabled {
            let path = format!("/api/admin/users/{id}/disable");
            let res = app.bearer(Method::POST, &path, &key).send().await.unwrap();
            assert_eq!(res.status(), StatusCode::OK);
        }
        accounts.push((id, email, username, disabled));
    }
    accounts.sort();
    let store = app.auth.store();
    for limit in [2i64, 3, 7] {
        for prefix in ["common", "rare", "w1", "w19", "nobody"] {
            for filter in [UserFilter::All, UserFilter::Disabled] {
                let want: Vec<&str> = accounts
                    .iter()
                    .filter(|(_, e, u, d)| {
                        (e.starts_with(prefix) || u.starts_with(prefix))
                            && (filter == UserFilter::All || *d)
                    })
                    .map(|(id, ..)| id.as_str())
                    .collect();
                let mut got = Vec::new();
                let mut after: Option<String> = None;
                loop {
                    let page = store
                        .console_users(after.as_deref(), Some(prefix), filter, limit)
                        .await
                        .unwrap();
                    assert!(page.len() as i64 <= limit);
                    got.extend(page.iter().map(|u| u.id.clone()));
                    if (page.len() as i64) < limit {
                        break;
                    }
                    after = page.last().map(|u| u.id.clone());
                }
                assert_eq!(got, want, "{prefix} ({filter:?}), pages of {limit}");
            }
        }
    }
}

/// The account's page lists its live sessions, and one of them can be ended alone (its
/// cookie stops working, the other's does not); every action works and is audited with
/// `admin <user id>`; an administrator cannot take the role from themselves.
async fn the_user_page_shows_sessions_and_each_action_works_and_is_audited(db: Db) {
    let app = TestApp::spawn(db).await;
    let email = "target@example.com";
    let first = app.user(email).await;
    let id = first.body["user"]["id"].as_str().unwrap().to_owned();
    let mut admin = console_admin(&app, "root@example.com").await;
    let me = format!("admin {}", admin.user_id);
    let page = format!("/admin/users/{id}");
    let sessions_on_page = async |admin: &mut ConsoleAdmin| -> Vec<String> {
        let res = console_get(&app, admin, &page).await;
        assert_eq!(res.status(), StatusCode::OK);
        let html = res.text().await.unwrap();
        let start = html.find("id=\"sessions-title\"").unwrap();
        let end = html.find("id=\"factors-title\"").unwrap();
        row_ids(&html[start..end])
    };
    let once = sessions_on_page(&mut admin).await;
    assert_eq!(once.len(), 1, "{once:?}");
    let second = app.login(email, PASSWORD).await;
    let twice = sessions_on_page(&mut admin).await;
    assert_eq!(twice.len(), 2);
    assert!(twice.contains(&once[0]));
    let res =
        console_post(&app, &mut admin, &format!("{page}/sessions/{}/revoke", once[0]), &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), format!("{page}?notice=revoked"));
    assert_eq!(app.user_status_cookie(&first.cookie).await, StatusCode::UNAUTHORIZED);
    assert_eq!(app.user_status_cookie(&second.cookie).await, StatusCode::OK);
    assert_eq!(sessions_on_page(&mut admin).await.len(), 1);
    let res =
        console_post(&app, &mut admin, &format!("{page}/sessions/{}/revoke", once[0]), &[]).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND, "no such live session");
    assert!(audited(&app, &id, "session_revoke", "succeeded", &me).await);

    // Disable: no sign-in, no session; enable again.
    let res = console_post(&app, &mut admin, &format!("{page}/disable"), &[]).await;
    assert_eq!(location(&res), format!("{page}?notice=disabled"));
    let res = console_get(&app, &mut admin, &location(&res)).await;
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"notice\"") && html.contains("is disabled"), "the notice");
    assert!(html.contains("id=\"user-state\">disabled"));
    assert_eq!(app.user_status_cookie(&second.cookie).await, StatusCode::UNAUTHORIZED);
    assert_ne!(app.login_status(email, PASSWORD).await, StatusCode::OK);
    assert!(audited(&app, &id, "admin_user_disable", "succeeded", &me).await);
    let res = console_post(&app, &mut admin, &format!("{page}/enable"), &[]).await;
    assert_eq!(location(&res), format!("{page}?notice=enabled"));
    assert_eq!(app.login_status(email, PASSWORD).await, StatusCode::OK);
    assert!(audited(&app, &id, "admin_user_enable", "succeeded", &me).await);

    // A reset link by mail.
    let before = app.count_about(email, "Reset").await;
    let res = console_post(&app, &mut admin, &format!("{page}/send-reset"), &[]).await;
    assert_eq!(location(&res), format!("{page}?notice=reset_sent"));
    app.mails(email, 0).await;
    let mut sent = before;
    for _ in 0..100 {
        sent = app.count_about(email, "Reset").await;
        if sent > before {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(sent, before + 1, "a reset mail");
    assert!(audited(&app, &id, "admin_send_reset", "succeeded", &me).await);

    // The verification mail again, for an account whose address is not verified (made by the
    // admin API: no mail was sent to it yet). A verified address is refused.
    let key = api_key(&app, &["users:write"]).await;
    let fresh = "unverified@example.com";
    let fresh_id = api_user(&app, &key, json!({"email": fresh})).await;
    let res = console_post(
        &app,
        &mut admin,
        &format!("/admin/users/{fresh_id}/resend-verification"),
        &[],
    )
    .await;
    assert_eq!(location(&res), format!("/admin/users/{fresh_id}?notice=verification_sent"));
    assert!(app.mail_about(fresh, "Confirm").await["text"].as_str().unwrap().contains("token="));
    assert!(audited(&app, &fresh_id, "admin_resend_verification", "succeeded", &me).await);
    let res = console_post(&app, &mut admin, &format!("{page}/resend-verification"), &[]).await;
    assert_eq!(res.status(), StatusCode::CONFLICT, "already verified");

    // The role, given and taken; never taken from oneself.
    let res = console_post(&app, &mut admin, &format!("{page}/admin"), &[("admin", "true")]).await;
    assert_eq!(location(&res), format!("{page}?notice=admin_granted"));
    assert_eq!(user_flag(&app, email, "is_admin").await, Some(1));
    assert!(audited(&app, &id, "admin_role", "granted", &me).await);
    let res = console_post(&app, &mut admin, &format!("{page}/admin"), &[("admin", "false")]).await;
    assert_eq!(location(&res), format!("{page}?notice=admin_revoked"));
    assert_eq!(user_flag(&app, email, "is_admin").await, Some(0));
    assert!(audited(&app, &id, "admin_role", "revoked", &me).await);
    let mine = format!("/admin/users/{}/admin", admin.user_id);
    let res = console_post(&app, &mut admin, &mine, &[("admin", "false")]).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert!(res.text().await.unwrap().contains("from yourself"));
    assert_eq!(user_flag(&app, "root@example.com", "is_admin").await, Some(1));
    let own = format!("/admin/users/{}", admin.user_id);
    let res = console_get(&app, &mut admin, &own).await;
    assert!(!res.text().await.unwrap().contains("id=\"toggle-admin\""), "no button for oneself");

    // Deletion.
    let res = console_post(&app, &mut admin, &format!("{page}/delete"), &[]).await;
    assert_eq!(location(&res), "/admin/users?notice=deleted");
    assert_eq!(user_flag(&app, email, "is_active").await, None);
    assert_eq!(console_get(&app, &mut admin, &page).await.status(), StatusCode::NOT_FOUND);
    assert!(audited(&app, &id, "admin_user_delete", "succeeded", &me).await);
}

// ---------------------------------------------------------------------------------------------
// The command line
// ---------------------------------------------------------------------------------------------

/// Runs `portcullis ARGS` against `app`'s database: (success, stdout, stderr).
async fn cli(app: &TestApp, args: &[&str]) -> (bool, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_portcullis"));
    cmd.args(args).current_dir(dir.path()).env_clear();
    if let Ok(path) = std::env::var("PATH") {
        cmd.env("PATH", path);
    }
    cmd.envs([
        ("PORTCULLIS_DATABASE_URL", app.database_url.as_str()),
        ("PORTCULLIS_LOG", "warn"),
        ("PORTCULLIS_ARGON2_MEMORY_KIB", "1024"),
        ("PORTCULLIS_ARGON2_ITERATIONS", "1"),
    ]);
    let out = tokio::task::spawn_blocking(move || {
        let out = cmd.stdin(std::process::Stdio::null()).output().unwrap();
        drop(dir);
        out
    })
    .await
    .unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.success(), text(&out.stdout), text(&out.stderr))
}

/// `portcullis user make-admin` / `revoke-admin`: the role given and taken (saying so when it
/// was already so), audited as `admin_role` granted / revoked; the console follows at once.
async fn the_command_line_grants_and_revokes_the_role_and_is_audited(db: Db) {
    let app = TestApp::spawn(db).await;
    let email = "ops@example.com";
    let login = app.user(email).await;
    let id = login.body["user"]["id"].as_str().unwrap().to_owned();
    let (secret, codes) = enrol_totp(&app, &login).await;
    let (ok, out, err) = cli(&app, &["user", "make-admin", email]).await;
    assert!(ok, "{err}");
    assert!(out.contains("is now an administrator"), "{out}");
    assert_eq!(user_flag(&app, email, "is_admin").await, Some(1));
    assert!(audit_of(&app, &id)
        .await
        .iter()
        .any(|e| e["event"] == "admin_role" && e["outcome"] == "granted"));
    let (ok, out, _) = cli(&app, &["user", "make-admin", email]).await;
    assert!(ok && out.contains("already was an administrator"), "{out}");

    let mut admin = ConsoleAdmin {
        email: email.into(),
        user_id: id.clone(),
        secret,
        recovery_codes: codes,
        login,
        cookies: Jar::default(),
        base: console_base(&app),
    };
    let code = totp_at(&admin.secret, now() + 30);
    let res = console_sign_in(&app, &mut admin, PASSWORD, &code).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "the role opens the console");

    let (ok, out, err) = cli(&app, &["user", "revoke-admin", email]).await;
    assert!(ok, "{err}");
    assert!(out.contains("is no longer an administrator"), "{out}");
    assert_eq!(user_flag(&app, email, "is_admin").await, Some(0));
    assert!(audit_of(&app, &id)
        .await
        .iter()
        .any(|e| e["event"] == "admin_role" && e["outcome"] == "revoked"));
    // The revocation ended the console session: back to the sign-in form.
    let res = console_get(&app, &mut admin, "/admin/").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(location(&res).starts_with("/admin/login"), "{}", location(&res));
    let (ok, out, _) = cli(&app, &["user", "revoke-admin", email]).await;
    assert!(ok && out.contains("was not an administrator"), "{out}");
    let (ok, _, _) = cli(&app, &["user", "make-admin", "nobody@example.com"]).await;
    assert!(!ok, "an unknown address fails");
}

// ---------------------------------------------------------------------------------------------
// Where it is served, and how
// ---------------------------------------------------------------------------------------------

/// With `PORTCULLIS_ADMIN_BIND` naming a listener, the console is there (styled: its
/// stylesheet is served there too) and not on the main listener; `PORTCULLIS_ADMIN_CONSOLE=
/// false` turns it off.
async fn the_console_is_served_on_the_admin_listener_only_and_can_be_turned_off(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_ADMIN_BIND", "127.0.0.1:0")]).await;
    let port = app.admin_port.expect("an admin listener");
    assert_eq!(app.get("/admin/login").await.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.get("/admin/").await.status(), StatusCode::NOT_FOUND);
    let mut admin = console_admin(&app, "root@example.com").await;
    assert_eq!(admin.base, format!("http://127.0.0.1:{port}"));
    let res = console_get(&app, &mut admin, "/admin/users").await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    let css = html.split("rel=\"stylesheet\" href=\"").nth(1).unwrap();
    let css = unescape(&css[..css.find('"').unwrap()]);
    let res = console_get(&app, &mut admin, &css).await;
    assert_eq!(res.status(), StatusCode::OK, "the stylesheet {css} on the admin listener");
    assert!(res.headers()[CONTENT_TYPE].to_str().unwrap().starts_with("text/css"));

    let off = TestApp::spawn_with(db, &[("PORTCULLIS_ADMIN_CONSOLE", "false")]).await;
    assert_eq!(off.get("/admin/login").await.status(), StatusCode::NOT_FOUND);
    assert_eq!(off.get("/admin/").await.status(), StatusCode::NOT_FOUND);
    let res = off.post_form("/admin/login", &[("login", "x"), ("password", "y")]).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

/// Every console page (sign-in, dashboard, list, account, step-up, error) has the pages'
/// Content-Security-Policy and `X-Frame-Options: DENY`, and none holds a script.
async fn console_pages_carry_the_pages_headers_and_no_script(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_ADMIN_STEP_UP_WINDOW", "1s")]).await;
    let target = app.user("target@example.com").await;
    let id = target.body["user"]["id"].as_str().unwrap().to_owned();
    let mut admin = admin_with_totp(&app, "root@example.com").await;
    let check = |what: &str, res: &Response| {
        let h = res.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("script-src 'self'"), "{what}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
        assert_eq!(h["x-frame-options"], "DENY", "{what}");
        // What a console page shows (secrets once, accounts, the audit log) is never cached.
        assert_eq!(h["cache-control"], "no-store", "{what}");
    };
    let res = console_get(&app, &mut admin, "/admin/login").await;
    check("login", &res);
    let mut pages = vec![res.text().await.unwrap()];
    let code = totp_at(&admin.secret, now() + 30);
    let res = console_sign_in(&app, &mut admin, PASSWORD, &code).await;
    check("sign-in", &res);
    let res = console_sign_in(&app, &mut admin, PASSWORD, "000000").await;
    check("refused sign-in", &res);
    pages.push(res.text().await.unwrap());
    for (path, status) in [
        ("/admin/".to_owned(), StatusCode::OK),
        ("/admin/users".to_owned(), StatusCode::OK),
        (format!("/admin/users/{id}"), StatusCode::OK),
        ("/admin/step-up".to_owned(), StatusCode::OK),
        ("/admin/users/no-such-user".to_owned(), StatusCode::NOT_FOUND),
    ] {
        let res = console_get(&app, &mut admin, &path).await;
        assert_eq!(res.status(), status, "{path}");
        check(&path, &res);
        pages.push(res.text().await.unwrap());
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let res = console_post(&app, &mut admin, &format!("/admin/users/{id}/disable"), &[]).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    check("step-up required", &res);
    pages.push(res.text().await.unwrap());
    assert!(pages.len() >= 8);
    for html in &pages {
        assert!(html.contains("<html"), "a page: {html}");
        assert!(!html.to_ascii_lowercase().contains("<script"), "a script in {html}");
    }
}

// ---------------------------------------------------------------------------------------------
// In a browser without JavaScript
// ---------------------------------------------------------------------------------------------

/// The whole of an administrator's errand in Chromium with JavaScript turned off: sign in
/// with password and code, search an account, open it, try to disable it once the step-up
/// window has passed (the step-up form comes back to the account's page), confirm with a
/// recovery code, disable it, and read the notice. Takes the README's console screenshots
/// (on SQLite; written as the other screenshots are, see `browser::screenshot`).
async fn an_administrator_works_in_a_browser_without_javascript(db: Db) {
    let Some(browser) = crate::browser::Browser::start_without_script(1100, 800).await else {
        return;
    };
    let window = Duration::from_secs(8);
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_ADMIN_STEP_UP_WINDOW", "8s")]).await;
    let key = api_key(&app, &["users:write"]).await;
    let people = [
        ("amara.okafor@example.com", "amara", true),
        ("bruno.keller@example.com", "bruno", true),
        ("chen.wei@example.com", "", false),
        ("dana.whitfield@example.com", "dana", true),
        ("eliska.novak@example.com", "eliska", true),
        ("farid.haddad@example.com", "", false),
        ("grace.lindqvist@example.com", "grace", true),
    ];
    for (email, username, verified) in people {
        let mut body = json!({"email": email, "email_verified": verified});
        if !username.is_empty() {
            body["username"] = json!(username);
        }
        api_user(&app, &key, body).await;
    }
    let mut admin = admin_with_totp(&app, "root@example.com").await;
    browser.run(|b| async move { without_script(&app, &mut admin, b, window, db).await }).await;
}

async fn without_script(
    app: &TestApp,
    admin: &mut ConsoleAdmin,
    b: fantoccini::Client,
    window: Duration,
    db: Db,
) {
    use crate::browser::{click, css, fill, screenshot, text, wait_for_path};
    // Scripts really are off: a page's own script does not run.
    let probe = "data:text/html,<p id=probe>off</p><script>document.getElementById('probe')\
                 .textContent='on'</script>";
    b.goto(probe).await.unwrap();
    assert_eq!(text(&b, "#probe").await, "off", "JavaScript is off");

    b.goto(&format!("{}/admin/", admin.base)).await.unwrap();
    wait_for_path(&b, "/admin/login").await;
    fill(&b, "login", &admin.email).await;
    fill(&b, "password", PASSWORD).await;
    fill(&b, "code", &totp_at(&admin.secret, now() + 30)).await;
    click(&b, "#console-login").await;
    wait_for_path(&b, "/admin/").await;
    let signed_in = std::time::Instant::now();
    assert_eq!(text(&b, "#admin-email").await, admin.email);
    click(&b, ".console-nav a[href='/admin/users']").await;
    wait_for_path(&b, "/admin/users").await;
    assert_eq!(b.find_all(fantoccini::Locator::Css("#users tbody tr")).await.unwrap().len(), 8);
    if db == Db::Sqlite {
        screenshot(&b, "console-users.png").await;
    }

    fill(&b, "q", "DANA").await;
    click(&b, "#search").await;
    for _ in 0..100 {
        if b.current_url().await.unwrap().query().is_some_and(|q| q.contains("q=DANA")) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let rows = b.find_all(fantoccini::Locator::Css("#users tbody tr")).await.unwrap();
    assert_eq!(rows.len(), 1, "one account starts with dana");
    click(&b, "#users tbody tr a").await;
    let mut user_path = String::new();
    for _ in 0..100 {
        user_path = b.current_url().await.unwrap().path().to_owned();
        if user_path.starts_with("/admin/users/") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(user_path.starts_with("/admin/users/"), "{user_path}");
    assert_eq!(text(&b, "#user-email").await, "dana.whitfield@example.com");
    assert_eq!(text(&b, "#user-state").await, "active");

    // Past the window: the change is refused and the step-up form shown instead.
    let waited = signed_in.elapsed();
    if waited < window + Duration::from_millis(500) {
        tokio::time::sleep(window + Duration::from_millis(500) - waited).await;
    }
    click(&b, "#disable").await;
    wait_for_path(&b, &format!("{user_path}/disable")).await;
    assert_eq!(b.title().await.unwrap(), "Confirm it is you · Portcullis console");
    assert_eq!(user_flag(app, "dana.whitfield@example.com", "is_active").await, Some(1));
    let code = admin.recovery_code();
    fill(&b, "code", &code).await;
    click(&b, "#step-up").await;
    wait_for_path(&b, &user_path).await;
    assert!(text(&b, "#notice").await.contains("Confirmed"));
    assert_eq!(text(&b, "#step-up-state").await, "changes allowed");

    // Within the window now: the change is made, and said.
    click(&b, "#disable").await;
    for _ in 0..100 {
        if b.current_url().await.unwrap().query().is_some_and(|q| q.contains("notice=disabled")) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    wait_for_path(&b, &user_path).await;
    assert_eq!(text(&b, "#notice").await, "The account is disabled and its sessions have ended.");
    assert_eq!(text(&b, "#user-state").await, "disabled");
    css(&b, "#enable").await;
    assert_eq!(user_flag(app, "dana.whitfield@example.com", "is_active").await, Some(0));
    if db == Db::Sqlite {
        screenshot(&b, "console-user.png").await;
    }
}

/// Each screen's main action in Chromium with JavaScript turned off, in one console session
/// (the default step-up window, so the sign-in's second factor covers every change): the
/// dashboard's figures, a confidential client registered (its secret shown once, and working),
/// an organisation made with its owner and a member added, an API key made (shown once,
/// working) and revoked, a failed webhook delivery tried again, the audit log filtered and
/// exported, and the settings with a secret masked. Every form is clicked, every page read
/// back, and each effect checked where it lands too.
async fn each_console_screen_does_its_main_action_without_javascript(db: Db) {
    let Some(browser) = crate::browser::Browser::start_without_script(1100, 800).await else {
        return;
    };
    // Nothing listens on the endpoint's port until the test starts a receiver: every
    // delivery fails at its one attempt.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{port}/hook");
    let app = TestApp::spawn_with(
        db,
        &[
            ("PORTCULLIS_WEBHOOK_TEST_URL", &url),
            ("PORTCULLIS_WEBHOOK_TEST_SECRET", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
            ("PORTCULLIS_WEBHOOK_TEST_EVENTS", "user.created"),
            ("PORTCULLIS_WEBHOOK_MAX_ATTEMPTS", "1"),
            ("PORTCULLIS_WEBHOOK_POLL_INTERVAL", "100ms"),
            ("PORTCULLIS_WEBHOOK_RETRY_BASE", "100ms"),
            ("PORTCULLIS_METRICS_TOKEN", SCREENS_METRICS_TOKEN),
        ],
    )
    .await;
    for email in ["olga.owner@example.com", "mika.member@example.com", "nils@example.com"] {
        app.user(email).await;
    }
    let admin = admin_with_totp(&app, "root@example.com").await;
    browser.run(|b| async move { every_screen(&app, &admin, b, port).await }).await;
}

const SCREENS_METRICS_TOKEN: &str = "metrics-token-that-must-stay-secret-0123456789";

/// Waits until the browser's URL has `path` and a query containing `query`.
async fn wait_for_query(b: &fantoccini::Client, path: &str, query: &str) {
    let mut at = String::new();
    for _ in 0..100 {
        let url = b.current_url().await.unwrap();
        if url.path() == path && url.query().is_some_and(|q| q.contains(query)) {
            return;
        }
        at = url.to_string();
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("expected {path}?…{query}…, still on {at}");
}

/// Waits until the browser's path starts with `prefix`: the path.
async fn wait_for_prefix(b: &fantoccini::Client, prefix: &str) -> String {
    let mut at = String::new();
    for _ in 0..100 {
        at = b.current_url().await.unwrap().path().to_owned();
        if at.starts_with(prefix) && at.len() > prefix.len() {
            return at;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("expected a path under {prefix}, still on {at}");
}

/// The rows of the table `table` (a CSS selector) on the page shown.
async fn rows(b: &fantoccini::Client, table: &str) -> Vec<fantoccini::elements::Element> {
    let selector = format!("{table} tbody tr");
    b.find_all(fantoccini::Locator::Css(&selector)).await.unwrap()
}

/// Follows the console's navigation link to `path`.
async fn nav(b: &fantoccini::Client, path: &str) {
    crate::browser::click(b, &format!(".console-nav a[href='{path}']")).await;
    crate::browser::wait_for_path(b, path).await;
}

async fn every_screen(app: &TestApp, admin: &ConsoleAdmin, b: fantoccini::Client, port: u16) {
    use crate::browser::{click, css, fill, text, wait_for_path};
    let probe = "data:text/html,<p id=probe>off</p><script>document.getElementById('probe')\
                 .textContent='on'</script>";
    b.goto(probe).await.unwrap();
    assert_eq!(text(&b, "#probe").await, "off", "JavaScript is off");

    // Signed in with password and code: the dashboard.
    b.goto(&format!("{}/admin/", admin.base)).await.unwrap();
    wait_for_path(&b, "/admin/login").await;
    fill(&b, "login", &admin.email).await;
    fill(&b, "password", PASSWORD).await;
    fill(&b, "code", &totp_at(&admin.secret, now() + 30)).await;
    click(&b, "#console-login").await;
    wait_for_path(&b, "/admin/").await;
    assert_eq!(text(&b, "#step-up-state").await, "changes allowed");

    // 1. The dashboard's figures: the four accounts, no organisation, no live key.
    assert_eq!(text(&b, "#fig-users").await, "4");
    assert_eq!(text(&b, "#fig-organizations").await, "0");
    assert_eq!(text(&b, "#fig-live-api-keys").await, "0");
    let clients_before: usize = text(&b, "#fig-clients").await.parse().unwrap();
    assert_eq!(clients_before, app.auth.clients().await.unwrap().len());

    // 2. A confidential client registered through the form: its secret on the answer, once.
    nav(&b, "/admin/clients").await;
    assert!(b.find(fantoccini::Locator::Css("#clients tr[data-id='wiki']")).await.is_err());
    fill(&b, "client_id", "wiki").await;
    fill(&b, "name", "Wiki").await;
    fill(&b, "redirect_uris", "http://127.0.0.1:9/cb").await;
    click(&b, "#grant_client_credentials").await;
    click(&b, "#create-client-submit").await;
    let secret = text(&b, "#client-secret").await;
    assert!(secret.len() >= 32, "{secret}");
    assert_eq!(text(&b, "#client-id").await, "wiki");
    assert_eq!(text(&b, "#client-auth").await, "client_secret_basic");
    let stored = app.auth.client("wiki").await.unwrap();
    assert_eq!(stored.redirect_uris, vec!["http://127.0.0.1:9/cb"]);
    let res = app
        .client
        .post(app.url("/oauth2/token"))
        .basic_auth("wiki", Some(&secret))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK, "the secret shown is the client's");
    nav(&b, "/admin/clients").await;
    let row = text(&b, "#clients tr[data-id='wiki']").await;
    assert!(row.contains("Wiki") && row.contains("client_secret_basic"), "{row}");
    assert!(!b.source().await.unwrap().contains(&secret), "the secret is shown once");

    // 3. An organisation with its owner named by address; opened; a member added by address.
    nav(&b, "/admin/organizations").await;
    fill(&b, "name", "Acme Corp").await;
    fill(&b, "owner_email", "olga.owner@example.com").await;
    click(&b, "#create-organization-submit").await;
    let org_path = wait_for_prefix(&b, "/admin/organizations/").await;
    assert_eq!(text(&b, "#notice").await, "Created.");
    nav(&b, "/admin/organizations").await;
    let listed = rows(&b, "#organizations").await;
    assert_eq!(listed.len(), 1);
    assert!(listed[0].text().await.unwrap().contains("acme-corp"));
    click(&b, "#organizations tbody tr a").await;
    wait_for_path(&b, &org_path).await;
    assert_eq!(text(&b, "#org-name").await, "Acme Corp");
    assert_eq!(text(&b, "#org-slug").await, "acme-corp");
    let members = rows(&b, "#members").await;
    assert_eq!(members.len(), 1);
    assert!(members[0].text().await.unwrap().contains("olga.owner@example.com"));
    fill(&b, "user", "mika.member@example.com").await;
    click(&b, "#add-member-submit").await;
    wait_for_query(&b, &org_path, "notice=member_added").await;
    assert_eq!(text(&b, "#notice").await, "The account is now a member.");
    let mut shown = Vec::new();
    for row in rows(&b, "#members").await {
        shown.push(row.text().await.unwrap());
    }
    assert_eq!(shown.len(), 2, "{shown:?}");
    assert!(shown.iter().any(|r| r.contains("mika.member@example.com")), "{shown:?}");
    let org_id = org_path.strip_prefix("/admin/organizations/").unwrap();
    let mut stored: Vec<(String, String)> = app
        .auth
        .organization_members(org_id)
        .await
        .unwrap()
        .into_iter()
        .map(|m| (m.email, m.role))
        .collect();
    stored.sort();
    assert_eq!(
        stored,
        [
            ("mika.member@example.com".to_owned(), "member".to_owned()),
            ("olga.owner@example.com".to_owned(), "owner".to_owned())
        ]
    );

    // 4. An API key with a scope ticked: shown once, working; revoked, and refused since.
    nav(&b, "/admin/api-keys").await;
    css(&b, "#no-keys").await;
    fill(&b, "name", "ci robot").await;
    click(&b, "#create-key input[name='scope'][value='users:read']").await;
    click(&b, "#create-key-submit").await;
    let plain = text(&b, "#plain-key").await;
    assert!(plain.starts_with("pcak_"), "{plain}");
    let keys = app.auth.api_keys().await.unwrap();
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0].scopes, ["users:read"]);
    let key_id = keys[0].id.clone();
    let use_key = || app.client.get(app.url("/api/admin/users")).bearer_auth(&plain).send();
    assert_eq!(use_key().await.unwrap().status(), StatusCode::OK);
    nav(&b, "/admin/api-keys").await;
    assert!(!b.source().await.unwrap().contains(&plain), "the key is shown once");
    let row = format!("#api-keys tr[data-id='{key_id}']");
    assert!(text(&b, &row).await.contains("ci robot"));
    click(&b, &format!("#revoke-{key_id}")).await;
    wait_for_query(&b, "/admin/api-keys", "notice=revoked").await;
    assert_eq!(text(&b, "#notice").await, "Revoked.");
    css(&b, &format!("{row} .badge-warn")).await;
    let revoke_button = format!("#revoke-{key_id}");
    assert!(b.find(fantoccini::Locator::Css(&revoke_button)).await.is_err());
    assert_eq!(use_key().await.unwrap().status(), StatusCode::UNAUTHORIZED);

    // 5. The configured endpoint listed; a failed delivery opened and tried again.
    nav(&b, "/admin/webhooks").await;
    let endpoint = text(&b, "#endpoints tbody tr").await;
    let hook = format!("http://127.0.0.1:{port}/hook");
    assert!(endpoint.contains("test") && endpoint.contains(&hook), "{endpoint}");
    assert!(endpoint.contains("user.created"), "{endpoint}");
    click(&b, "#status option[value='failed']").await;
    click(&b, "#endpoint option[value='test']").await;
    click(&b, "#filter").await;
    wait_for_query(&b, "/admin/webhooks", "status=failed").await;
    // The four accounts' user.created: each gives up after its one attempt.
    let mut failed = 0;
    for _ in 0..100 {
        failed = rows(&b, "#deliveries").await.len();
        if failed == 4 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        b.refresh().await.unwrap();
    }
    assert_eq!(failed, 4, "four failed deliveries");
    click(&b, "#deliveries tbody tr a").await;
    let delivery_path = wait_for_prefix(&b, "/admin/webhooks/deliveries/").await;
    assert_eq!(text(&b, "#delivery-status").await, "failed");
    assert_eq!(text(&b, "#delivery-attempts").await, "1");
    let got = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = got.clone();
    let hook = move || {
        let counter = counter.clone();
        async move {
            counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            axum::http::StatusCode::NO_CONTENT
        }
    };
    let receiver = axum::Router::new().route("/hook", axum::routing::post(hook));
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.unwrap();
    tokio::spawn(async move { axum::serve(listener, receiver).await.unwrap() });
    click(&b, "#retry").await;
    wait_for_query(&b, &delivery_path, "notice=retried").await;
    assert_eq!(text(&b, "#notice").await, "The delivery will be tried again.");
    let mut status = String::new();
    for _ in 0..100 {
        status = text(&b, "#delivery-status").await;
        if status == "delivered" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        b.refresh().await.unwrap();
    }
    assert_eq!(status, "delivered", "the retried delivery arrived");
    assert_eq!(got.load(std::sync::atomic::Ordering::SeqCst), 1, "only the retried one");

    // 6. The audit log filtered by event through the form; the export of what it keeps.
    nav(&b, "/admin/audit").await;
    fill(&b, "event", "admin_api_key_create").await;
    click(&b, "#search").await;
    wait_for_query(&b, "/admin/audit", "event=admin_api_key_create").await;
    let entries = rows(&b, "#audit").await;
    assert_eq!(entries.len(), 1, "one key was made");
    let entry = entries[0].text().await.unwrap();
    assert!(entry.contains("admin_api_key_create"), "{entry}");
    assert!(entry.contains(&format!("admin {}", admin.user_id)), "{entry}");
    let entry_id = entries[0].attr("data-id").await.unwrap().expect("the entry's id");
    let mut cookies = Vec::new();
    for c in b.get_all_cookies().await.unwrap() {
        cookies.push(format!("{}={}", c.name(), c.value()));
    }
    let cookies = cookies.join("; ");
    for (link, format) in [("#export-csv", "format=csv"), ("#export-jsonl", "format=jsonl")] {
        let href = css(&b, link).await.attr("href").await.unwrap().expect("an export link");
        assert!(href.contains(format) && href.contains("event=admin_api_key_create"), "{href}");
        let res = app
            .client
            .get(format!("{}{href}", admin.base))
            .header(COOKIE, &cookies)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{href}");
        let body = res.text().await.unwrap();
        assert!(body.contains(&entry_id), "{href}: {body}");
        assert!(!body.contains("admin_console_login"), "{href} keeps the filter: {body}");
    }

    // 7. The settings: the step-up window as configured (its default), a secret masked.
    nav(&b, "/admin/settings").await;
    let window = text(&b, "#setting-PORTCULLIS_ADMIN_STEP_UP_WINDOW td:nth-child(2)").await;
    assert_eq!(window, "5m");
    let token = text(&b, "#setting-PORTCULLIS_METRICS_TOKEN td:nth-child(2)").await;
    assert_eq!(token, "[redacted]");
    assert!(!b.source().await.unwrap().contains(SCREENS_METRICS_TOKEN));

    // Back on the dashboard, the figures have followed.
    nav(&b, "/admin/").await;
    assert_eq!(text(&b, "#fig-users").await, "4");
    assert_eq!(text(&b, "#fig-organizations").await, "1");
    assert_eq!(text(&b, "#fig-clients").await, (clients_before + 1).to_string());
    assert_eq!(text(&b, "#fig-live-api-keys").await, "0");
}
