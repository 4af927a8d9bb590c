//! The `alx` legacy route set (CONTRACTS section 3; seed 004, the "0x03 user authentication
//! service"): `GET /`, `POST /users`, `POST|DELETE /sessions`, `GET /profile`,
//! `POST|PUT /reset_password`. Its clients compare whole bodies: bodies are compared whole.

use std::time::Duration;

use futures::future::join_all;
use reqwest::header::{ACCEPT, CONTENT_TYPE, LOCATION};
use reqwest::{Method, Response, StatusCode};
use serde_json::{json, Value};

use crate::backends;
use crate::helpers::{
    error_body, link_token, session_cookie, set_cookie_line, Db, TestApp, PASSWORD,
};

backends!(
    seed_004_client_flow_works_end_to_end,
    get_root_says_bienvenue_and_sends_browsers_to_the_account_pages,
    post_users_creates_an_account_and_refuses_a_taken_email_whatever_its_case,
    post_users_errors_not_in_the_seed_follow_the_common_error_shape,
    post_sessions_sets_the_cookie_and_refuses_bad_or_missing_credentials,
    profile_needs_a_live_session_cookie,
    delete_sessions_without_a_live_session_is_403,
    after_delete_sessions_the_old_cookie_gets_403_on_profile,
    outside_dev_mode_the_reset_token_is_only_mailed_and_works,
    an_unknown_email_gets_the_known_answer_unless_revealing_then_403,
    put_reset_password_refuses_a_missing_or_wrong_token_with_403,
    put_reset_password_refuses_another_users_token_and_leaves_it_working_for_them,
    put_reset_password_refuses_a_spent_token_with_403,
    put_reset_password_ends_every_session_of_the_user,
    concurrent_requests_on_one_session_never_fail_with_a_server_error,
    json_bodies_are_accepted_as_well_as_forms,
    accounts_and_sessions_are_shared_with_the_other_route_sets,
    the_alx_set_is_not_served_when_dialects_leave_it_out,
);

const EMAIL: &str = "guillaume@holberton.io";

/// The seed 004 client sends form bodies.
async fn form(app: &TestApp, method: Method, path: &str, form: &[(&str, &str)]) -> Response {
    app.client
        .request(method, app.url(path))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(serde_urlencoded::to_string(form).unwrap())
        .send()
        .await
        .unwrap()
}

/// The whole JSON body, after checking the status.
async fn body_with(res: Response, status: StatusCode) -> Value {
    assert_eq!(res.status(), status);
    res.json().await.unwrap()
}

/// `POST /users` (form); panics unless `200` with the exact body.
async fn create(app: &TestApp, email: &str, password: &str) {
    let res = form(app, Method::POST, "/users", &[("email", email), ("password", password)]).await;
    assert_eq!(
        body_with(res, StatusCode::OK).await,
        json!({"email": email, "message": "user created"})
    );
}

/// `POST /sessions` (form); panics unless `200` with the exact body. Returns the cookie.
async fn log_in(app: &TestApp, email: &str, password: &str) -> String {
    let res =
        form(app, Method::POST, "/sessions", &[("email", email), ("password", password)]).await;
    let cookie = session_cookie(res.headers()).expect("Set-Cookie: session_id");
    assert!(cookie.len() >= 43, "{cookie}");
    assert_eq!(
        body_with(res, StatusCode::OK).await,
        json!({"email": email, "message": "logged in"})
    );
    cookie
}

/// `GET /profile` with the cookie: the status.
async fn profile_status(app: &TestApp, cookie: &str) -> StatusCode {
    app.with_cookie(Method::GET, "/profile", cookie).send().await.unwrap().status()
}

/// `POST /reset_password` in dev mode; panics unless `200` `{"email", "reset_token"}`.
async fn reset_token(app: &TestApp, email: &str) -> String {
    let res = form(app, Method::POST, "/reset_password", &[("email", email)]).await;
    let body = body_with(res, StatusCode::OK).await;
    let token = body["reset_token"].as_str().expect("a reset_token in dev mode").to_owned();
    assert_eq!(body, json!({"email": email, "reset_token": token}));
    token
}

/// `PUT /reset_password` (form).
async fn update(app: &TestApp, email: &str, token: &str, new_password: &str) -> Response {
    form(
        app,
        Method::PUT,
        "/reset_password",
        &[("email", email), ("reset_token", token), ("new_password", new_password)],
    )
    .await
}

/// `POST /sessions` (form): the status.
async fn log_in_status(app: &TestApp, email: &str, password: &str) -> StatusCode {
    form(app, Method::POST, "/sessions", &[("email", email), ("password", password)]).await.status()
}

/// The token of the newest reset mail to `email`, read from the outbox in the database (the dev
/// mailbox route only exists in dev mode). Waits up to five seconds: the mail may be queued by
/// a detached task after the response.
pub async fn mailed_reset_token(app: &TestApp, email: &str) -> String {
    for _ in 0..100 {
        let mails = app.auth.store().dev_mail(Some(email)).await.unwrap();
        if let Some(m) = mails.iter().rev().find(|m| m.subject.contains("Reset")) {
            return link_token(&m.text);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("no reset mail to {email} in the outbox");
}

async fn seed_004_client_flow_works_end_to_end(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_PASSWORD_MIN_LENGTH", "5")]).await;
    let (passwd, new_passwd) = ("b4l0u", "t4rt1fl3tt3");

    // register_user, twice.
    create(&app, EMAIL, passwd).await;
    let res = form(&app, Method::POST, "/users", &[("email", EMAIL), ("password", passwd)]).await;
    assert_eq!(
        body_with(res, StatusCode::BAD_REQUEST).await,
        json!({"message": "email already registered"})
    );
    // log_in_wrong_password
    assert_eq!(log_in_status(&app, EMAIL, new_passwd).await, StatusCode::UNAUTHORIZED);
    // profile_unlogged
    assert_eq!(app.get("/profile").await.status(), StatusCode::FORBIDDEN);
    // log_in, profile_logged
    let session_id = log_in(&app, EMAIL, passwd).await;
    let res = app.with_cookie(Method::GET, "/profile", &session_id).send().await.unwrap();
    assert_eq!(body_with(res, StatusCode::OK).await, json!({"email": EMAIL}));
    // log_out: `requests` follows the 302 with a GET.
    let res = app.with_cookie(Method::DELETE, "/sessions", &session_id).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::FOUND);
    assert_eq!(res.headers()[LOCATION], "/");
    let res = app.client.get(app.url("/")).header(ACCEPT, "*/*").send().await.unwrap();
    assert_eq!(body_with(res, StatusCode::OK).await, json!({"message": "Bienvenue"}));
    // reset_password_token, update_password
    let token = reset_token(&app, EMAIL).await;
    let res = update(&app, EMAIL, &token, new_passwd).await;
    assert_eq!(
        body_with(res, StatusCode::OK).await,
        json!({"email": EMAIL, "message": "Password updated"})
    );
    // log_in with the new password (and no longer with the old).
    log_in(&app, EMAIL, new_passwd).await;
    assert_eq!(log_in_status(&app, EMAIL, passwd).await, StatusCode::UNAUTHORIZED);
}

async fn get_root_says_bienvenue_and_sends_browsers_to_the_account_pages(db: Db) {
    let app = TestApp::spawn(db).await;
    for accept in [None, Some("*/*"), Some("application/json")] {
        let mut req = app.client.get(app.url("/"));
        if let Some(a) = accept {
            req = req.header(ACCEPT, a);
        }
        let res = req.send().await.unwrap();
        assert_eq!(body_with(res, StatusCode::OK).await, json!({"message": "Bienvenue"}));
    }
    let res = app
        .client
        .get(app.url("/"))
        .header(ACCEPT, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
        .send()
        .await
        .unwrap();
    assert!(res.status().is_redirection(), "{}", res.status());
    assert_eq!(res.headers()[LOCATION], "/account/");
}

async fn post_users_creates_an_account_and_refuses_a_taken_email_whatever_its_case(db: Db) {
    let app = TestApp::spawn(db).await;
    create(&app, "Bob@Example.com", PASSWORD).await;
    let stored = app.auth.store().user_by_email("bob@example.com").await.unwrap().unwrap();
    assert_eq!(stored.user.email, "Bob@Example.com");
    for email in ["Bob@Example.com", "bob@example.com", "BOB@EXAMPLE.COM"] {
        let res =
            form(&app, Method::POST, "/users", &[("email", email), ("password", PASSWORD)]).await;
        assert_eq!(
            body_with(res, StatusCode::BAD_REQUEST).await,
            json!({"message": "email already registered"}),
            "{email}"
        );
    }
    // Still one account, with the first password.
    log_in(&app, "Bob@Example.com", PASSWORD).await;
}

async fn post_users_errors_not_in_the_seed_follow_the_common_error_shape(db: Db) {
    let app = TestApp::spawn(db).await;
    for f in [vec![("password", PASSWORD)], vec![("email", "c@example.com")], vec![]] {
        let res = form(&app, Method::POST, "/users", &f).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{f:?}");
        assert_eq!(error_body(res).await["code"], "missing_field", "{f:?}");
    }
    // The default policy applies (8 characters): the seed client's password needs the setting.
    let res = form(&app, Method::POST, "/users", &[("email", EMAIL), ("password", "b4l0u")]).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(error_body(res).await["code"], "weak_password");
    let res =
        form(&app, Method::POST, "/users", &[("email", "nope"), ("password", PASSWORD)]).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(error_body(res).await["code"], "invalid_email");
    assert!(app.auth.store().user_by_email(EMAIL).await.unwrap().is_none());
}

async fn post_sessions_sets_the_cookie_and_refuses_bad_or_missing_credentials(db: Db) {
    let app = TestApp::spawn(db).await;
    create(&app, "dan@example.com", PASSWORD).await;
    let cookie = log_in(&app, "dan@example.com", PASSWORD).await;
    assert_eq!(profile_status(&app, &cookie).await, StatusCode::OK);
    let line = {
        let res = form(
            &app,
            Method::POST,
            "/sessions",
            &[("email", "dan@example.com"), ("password", PASSWORD)],
        )
        .await;
        set_cookie_line(res.headers()).unwrap().to_ascii_lowercase()
    };
    assert!(line.contains("httponly") && line.contains("path=/"), "{line}");

    for (email, password) in
        [("dan@example.com", "wrong password"), ("nobody@example.com", PASSWORD)]
    {
        let res =
            form(&app, Method::POST, "/sessions", &[("email", email), ("password", password)])
                .await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{email}");
        assert!(session_cookie(res.headers()).is_none());
    }
    for f in [vec![("email", "dan@example.com")], vec![("password", PASSWORD)], vec![]] {
        let res = form(&app, Method::POST, "/sessions", &f).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{f:?}");
        assert!(session_cookie(res.headers()).is_none());
        error_body(res).await;
    }
}

async fn profile_needs_a_live_session_cookie(db: Db) {
    let app = TestApp::spawn(db).await;
    let login = app.user("erin@example.com").await;
    let res = app.with_cookie(Method::GET, "/profile", &login.cookie).send().await.unwrap();
    assert_eq!(body_with(res, StatusCode::OK).await, json!({"email": "erin@example.com"}));
    assert_eq!(app.get("/profile").await.status(), StatusCode::FORBIDDEN);
    assert_eq!(profile_status(&app, "not-a-session").await, StatusCode::FORBIDDEN);
    assert_eq!(profile_status(&app, "").await, StatusCode::FORBIDDEN);
    // A bearer token is not the seed's session: only the cookie counts here.
    let res = app.bearer(Method::GET, "/profile", &login.access_token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

async fn delete_sessions_without_a_live_session_is_403(db: Db) {
    let app = TestApp::spawn(db).await;
    create(&app, "fay@example.com", PASSWORD).await;
    let cookie = log_in(&app, "fay@example.com", PASSWORD).await;

    let res = app.client.delete(app.url("/sessions")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(res.headers().get(LOCATION).is_none());
    let res = app.with_cookie(Method::DELETE, "/sessions", "unknown").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // The live session was not touched by either.
    assert_eq!(profile_status(&app, &cookie).await, StatusCode::OK);
}

async fn after_delete_sessions_the_old_cookie_gets_403_on_profile(db: Db) {
    let app = TestApp::spawn(db).await;
    create(&app, "gus@example.com", PASSWORD).await;
    let cookie = log_in(&app, "gus@example.com", PASSWORD).await;
    let other = log_in(&app, "gus@example.com", PASSWORD).await;

    let res = app.with_cookie(Method::DELETE, "/sessions", &cookie).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::FOUND);
    assert_eq!(res.headers()[LOCATION], "/");
    let line = set_cookie_line(res.headers()).expect("the cookie is cleared");
    assert_eq!(session_cookie(res.headers()).as_deref(), Some(""), "{line}");

    assert_eq!(profile_status(&app, &cookie).await, StatusCode::FORBIDDEN);
    assert_eq!(app.user_status_cookie(&cookie).await, StatusCode::UNAUTHORIZED);
    // Deleting it again: no live session any more.
    let res = app.with_cookie(Method::DELETE, "/sessions", &cookie).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // Only that session ended.
    assert_eq!(profile_status(&app, &other).await, StatusCode::OK);
}

async fn outside_dev_mode_the_reset_token_is_only_mailed_and_works(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_DEV", "false")]).await;
    create(&app, "hal@example.com", PASSWORD).await;
    let res = form(&app, Method::POST, "/reset_password", &[("email", "hal@example.com")]).await;
    assert_eq!(
        body_with(res, StatusCode::OK).await,
        json!({"email": "hal@example.com", "message": "Password reset instructions sent"})
    );
    let token = mailed_reset_token(&app, "hal@example.com").await;
    let res = update(&app, "hal@example.com", &token, "hal's new passphrase").await;
    assert_eq!(
        body_with(res, StatusCode::OK).await,
        json!({"email": "hal@example.com", "message": "Password updated"})
    );
    log_in(&app, "hal@example.com", "hal's new passphrase").await;
    assert_eq!(log_in_status(&app, "hal@example.com", PASSWORD).await, StatusCode::UNAUTHORIZED);
}

async fn an_unknown_email_gets_the_known_answer_unless_revealing_then_403(db: Db) {
    // Outside dev mode: byte for byte the same shape, with the address echoed.
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_DEV", "false")]).await;
    create(&app, "ida@example.com", PASSWORD).await;
    for email in ["ida@example.com", "ghost@example.com"] {
        let res = form(&app, Method::POST, "/reset_password", &[("email", email)]).await;
        assert_eq!(
            body_with(res, StatusCode::OK).await,
            json!({"email": email, "message": "Password reset instructions sent"})
        );
    }

    // Dev mode: an unknown address also gets a token of the same shape, which works nowhere.
    let dev = TestApp::spawn(db).await;
    create(&dev, "ida@example.com", PASSWORD).await;
    let known = reset_token(&dev, "ida@example.com").await;
    let decoy = reset_token(&dev, "ghost@example.com").await;
    assert_eq!(decoy.len(), known.len());
    let res = update(&dev, "ghost@example.com", &decoy, "whatever it is 1").await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = update(&dev, "ida@example.com", &decoy, "whatever it is 1").await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    // Revealing: 403 for the unknown address, as the seed; the known one still gets its token.
    for dev_mode in ["true", "false"] {
        let reveal = TestApp::spawn_with(
            db,
            &[("PORTCULLIS_REVEAL_UNKNOWN_EMAILS", "true"), ("PORTCULLIS_DEV", dev_mode)],
        )
        .await;
        create(&reveal, "ida@example.com", PASSWORD).await;
        let res =
            form(&reveal, Method::POST, "/reset_password", &[("email", "ghost@example.com")]).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "dev={dev_mode}");
        let res =
            form(&reveal, Method::POST, "/reset_password", &[("email", "ida@example.com")]).await;
        assert_eq!(res.status(), StatusCode::OK, "dev={dev_mode}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["email"], "ida@example.com");
        let token = mailed_reset_token(&reveal, "ida@example.com").await;
        if dev_mode == "true" {
            assert_eq!(body, json!({"email": "ida@example.com", "reset_token": token}));
        } else {
            assert_eq!(
                body,
                json!({"email": "ida@example.com", "message": "Password reset instructions sent"})
            );
        }
    }
}

async fn put_reset_password_refuses_a_missing_or_wrong_token_with_403(db: Db) {
    let app = TestApp::spawn(db).await;
    create(&app, "jo@example.com", PASSWORD).await;
    let token = reset_token(&app, "jo@example.com").await;
    let new = ("new_password", "jo's new passphrase");
    let cases: Vec<Vec<(&str, &str)>> = vec![
        vec![("email", "jo@example.com"), new],
        vec![("email", "jo@example.com"), ("reset_token", ""), new],
        vec![("email", "jo@example.com"), ("reset_token", "   "), new],
        vec![("email", "jo@example.com"), ("reset_token", "not-the-token"), new],
        vec![("email", "jo@example.com"), ("reset_token", &token[1..]), new],
    ];
    for f in &cases {
        let res = form(&app, Method::PUT, "/reset_password", f).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{f:?}");
    }
    // Nothing changed, and the real token still works.
    log_in(&app, "jo@example.com", PASSWORD).await;
    let res = update(&app, "jo@example.com", &token, "jo's new passphrase").await;
    assert_eq!(res.status(), StatusCode::OK);
    log_in(&app, "jo@example.com", "jo's new passphrase").await;
}

async fn put_reset_password_refuses_another_users_token_and_leaves_it_working_for_them(db: Db) {
    let app = TestApp::spawn(db).await;
    create(&app, "ann@example.com", PASSWORD).await;
    create(&app, "ben@example.com", PASSWORD).await;
    let bens = reset_token(&app, "ben@example.com").await;

    // Ben's token with Ann's address: refused, and Ann's password is unchanged.
    let res = update(&app, "ann@example.com", &bens, "stolen passphrase").await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        log_in_status(&app, "ann@example.com", "stolen passphrase").await,
        StatusCode::UNAUTHORIZED
    );
    log_in(&app, "ann@example.com", PASSWORD).await;
    // Ben's password is unchanged too, and his token still works for him.
    log_in(&app, "ben@example.com", PASSWORD).await;
    let res = update(&app, "BEN@example.com", &bens, "ben's new passphrase").await;
    assert_eq!(
        body_with(res, StatusCode::OK).await,
        json!({"email": "BEN@example.com", "message": "Password updated"})
    );
    log_in(&app, "ben@example.com", "ben's new passphrase").await;
    log_in(&app, "ann@example.com", PASSWORD).await;
}

async fn put_reset_password_refuses_a_spent_token_with_403(db: Db) {
    let app = TestApp::spawn(db).await;
    create(&app, "kim@example.com", PASSWORD).await;
    let token = reset_token(&app, "kim@example.com").await;
    let res = update(&app, "kim@example.com", &token, "kim's first new one").await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = update(&app, "kim@example.com", &token, "kim's second new one").await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    log_in(&app, "kim@example.com", "kim's first new one").await;
    assert_eq!(
        log_in_status(&app, "kim@example.com", "kim's second new one").await,
        StatusCode::UNAUTHORIZED
    );
    // A second request gives a fresh token that works.
    let again = reset_token(&app, "kim@example.com").await;
    assert_ne!(again, token);
    let res = update(&app, "kim@example.com", &again, "kim's second new one").await;
    assert_eq!(res.status(), StatusCode::OK);
}

async fn put_reset_password_ends_every_session_of_the_user(db: Db) {
    let app = TestApp::spawn(db).await;
    create(&app, "lou@example.com", PASSWORD).await;
    let cookie = log_in(&app, "lou@example.com", PASSWORD).await;
    let token = reset_token(&app, "lou@example.com").await;
    let res = update(&app, "lou@example.com", &token, "lou's new passphrase").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(profile_status(&app, &cookie).await, StatusCode::FORBIDDEN);
}

async fn concurrent_requests_on_one_session_never_fail_with_a_server_error(db: Db) {
    let app = TestApp::spawn(db).await;
    create(&app, "max@example.com", PASSWORD).await;
    for round in 0..3 {
        let cookie = log_in(&app, "max@example.com", PASSWORD).await;
        let mut requests = Vec::new();
        for i in 0..14 {
            let (method, path) = match i {
                3 | 7 | 11 => (Method::DELETE, "/sessions"),
                5 | 9 => (Method::POST, "/sessions"),
                13 => (Method::POST, "/reset_password"),
                _ => (Method::GET, "/profile"),
            };
            let mut req = app.with_cookie(method.clone(), path, &cookie);
            if method == Method::POST {
                req = req.form(&[("email", "max@example.com"), ("password", PASSWORD)]);
            }
            requests.push(async move { (method, path, req.send().await.unwrap().status()) });
        }
        let answers = join_all(requests).await;
        let mut deleted = 0;
        for (method, path, status) in &answers {
            assert!(!status.is_server_error(), "round {round}: {method} {path}: {status}");
            let expected: &[StatusCode] = match (method.as_str(), *path) {
                ("GET", _) => &[StatusCode::OK, StatusCode::FORBIDDEN],
                ("DELETE", _) => &[StatusCode::FOUND, StatusCode::FORBIDDEN],
                _ => &[StatusCode::OK],
            };
            assert!(expected.contains(status), "round {round}: {method} {path}: {status}");
            deleted += usize::from(*status == StatusCode::FOUND);
        }
        assert!(deleted <= 1, "one session is revoked once: {answers:?}");
        // Afterwards the session is gone whichever request won.
        assert_eq!(profile_status(&app, &cookie).await, StatusCode::FORBIDDEN, "round {round}");
    }
    // The account is intact.
    log_in(&app, "max@example.com", PASSWORD).await;
}

async fn json_bodies_are_accepted_as_well_as_forms(db: Db) {
    let app = TestApp::spawn(db).await;
    let creds = json!({"email": "ned@example.com", "password": PASSWORD});
    let res = app.post_json("/users", creds.clone()).await;
    assert_eq!(
        body_with(res, StatusCode::OK).await,
        json!({"email": "ned@example.com", "message": "user created"})
    );
    let res = app.post_json("/users", creds.clone()).await;
    assert_eq!(
        body_with(res, StatusCode::BAD_REQUEST).await,
        json!({"message": "email already registered"})
    );
    let res = app.post_json("/sessions", creds.clone()).await;
    let cookie = session_cookie(res.headers()).unwrap();
    assert_eq!(
        body_with(res, StatusCode::OK).await,
        json!({"email": "ned@example.com", "message": "logged in"})
    );
    assert_eq!(profile_status(&app, &cookie).await, StatusCode::OK);
    let res = app.post_json("/reset_password", json!({"email": "ned@example.com"})).await;
    let body = body_with(res, StatusCode::OK).await;
    let token = body["reset_token"].as_str().unwrap();
    assert_eq!(body, json!({"email": "ned@example.com", "reset_token": token}));
    let res = app
        .client
        .put(app.url("/reset_password"))
        .json(&json!({
            "email": "ned@example.com",
            "reset_token": token,
            "new_password": "ned's new passphrase",
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(
        body_with(res, StatusCode::OK).await,
        json!({"email": "ned@example.com", "message": "Password updated"})
    );
    let res = app
        .post_json(
            "/sessions",
            json!({"email": "ned@example.com", "password": "ned's new passphrase"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
}

async fn accounts_and_sessions_are_shared_with_the_other_route_sets(db: Db) {
    let app = TestApp::spawn(db).await;
    // Registered here: logs in at the canonical API, at /login and at /api/v1/session.
    create(&app, "olga@example.com", PASSWORD).await;
    app.login("olga@example.com", PASSWORD).await;
    let res =
        app.post_json("/login", json!({"email": "olga@example.com", "password": PASSWORD})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let root_cookie = session_cookie(res.headers()).unwrap();
    let res = app
        .post_form("/api/v1/session", &[("email", "olga@example.com"), ("password", PASSWORD)])
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let v1_cookie = session_cookie(res.headers()).unwrap();

    // A cookie from /sessions works on the canonical API, and the other sets' cookies here.
    let cookie = log_in(&app, "olga@example.com", PASSWORD).await;
    assert_eq!(app.user_status_cookie(&cookie).await, StatusCode::OK);
    assert_eq!(profile_status(&app, &root_cookie).await, StatusCode::OK);
    assert_eq!(profile_status(&app, &v1_cookie).await, StatusCode::OK);
    let canonical = app.login("olga@example.com", PASSWORD).await;
    assert_eq!(profile_status(&app, &canonical.cookie).await, StatusCode::OK);

    // Logging out here ends the session everywhere; logging out at /api/auth ends it here.
    let res = app.with_cookie(Method::DELETE, "/sessions", &cookie).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::FOUND);
    assert_eq!(app.user_status_cookie(&cookie).await, StatusCode::UNAUTHORIZED);
    let res =
        app.bearer(Method::POST, "/api/auth/logout", &canonical.access_token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(profile_status(&app, &canonical.cookie).await, StatusCode::FORBIDDEN);

    // Registered elsewhere: logs in here.
    let res = app
        .post_json(
            "/register",
            json!({"username": "pat", "email": "pat@example.com", "password": PASSWORD}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    log_in(&app, "pat@example.com", PASSWORD).await;
    let res = app
        .post_form("/api/v1/register", &[("email", "quinn@example.com"), ("password", PASSWORD)])
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    log_in(&app, "quinn@example.com", PASSWORD).await;
    app.register("rae@example.com", PASSWORD).await;
    log_in(&app, "rae@example.com", PASSWORD).await;
    // And one email is one account across sets.
    let res =
        form(&app, Method::POST, "/users", &[("email", "pat@example.com"), ("password", PASSWORD)])
            .await;
    assert_eq!(
        body_with(res, StatusCode::BAD_REQUEST).await,
        json!({"message": "email already registered"})
    );
}

async fn the_alx_set_is_not_served_when_dialects_leave_it_out(db: Db) {
    for dialects in ["none", "root,api-v1"] {
        let app = TestApp::spawn_with(db, &[("PORTCULLIS_DIALECTS", dialects)]).await;
        let res =
            app.post_form("/users", &[("email", "s@example.com"), ("password", PASSWORD)]).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{dialects}");
        let res =
            app.post_form("/sessions", &[("email", "s@example.com"), ("password", PASSWORD)]).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{dialects}");
        assert_eq!(app.get("/profile").await.status(), StatusCode::NOT_FOUND, "{dialects}");
        let res = app.post_form("/reset_password", &[("email", "s@example.com")]).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{dialects}");
    }
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_DIALECTS", "alx")]).await;
    create(&app, "s@example.com", PASSWORD).await;
}

/// The status line of `method path` on `app`, read off the wire (a client library keeps only
/// the code).
async fn status_line(app: &TestApp, method: &str, path: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", app.port)).await.unwrap();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.unwrap();
    let answer = String::from_utf8_lossy(&answer).into_owned();
    answer.lines().next().unwrap_or_default().to_owned()
}

/// Seed 004 ran on Werkzeug, whose upper-case reason phrases some clients compare: its routes
/// keep them, refusals made before a handler included (a wrong method, a spent budget); the
/// other route sets keep the usual phrases.
#[tokio::test]
async fn alx_answers_carry_werkzeugs_reason_phrases_and_only_alx_answers_do() {
    let app = TestApp::spawn_with(Db::Sqlite, &[("PORTCULLIS_RATE_LIMIT_PER_MINUTE", "1")]).await;
    assert_eq!(status_line(&app, "GET", "/profile").await, "HTTP/1.1 403 FORBIDDEN");
    assert_eq!(status_line(&app, "PATCH", "/users").await, "HTTP/1.1 405 METHOD NOT ALLOWED");
    assert_eq!(status_line(&app, "POST", "/users").await, "HTTP/1.1 400 BAD REQUEST");
    assert_eq!(status_line(&app, "POST", "/users").await, "HTTP/1.1 429 TOO MANY REQUESTS");
    assert_eq!(status_line(&app, "GET", "/api/auth/user").await, "HTTP/1.1 401 Unauthorized");
    assert_eq!(status_line(&app, "PATCH", "/login").await, "HTTP/1.1 405 Method Not Allowed");
    assert_eq!(status_line(&app, "GET", "/nowhere").await, "HTTP/1.1 404 Not Found");
}
