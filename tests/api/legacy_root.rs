//! The `root` legacy route set (CONTRACTS section 3; seeds 000 and 002): `POST /register`,
//! `POST /login`, `POST /forgot-password`, `GET /logout`.

use reqwest::header::{CONTENT_TYPE, LOCATION};
use reqwest::{Method, Response, StatusCode};
use serde_json::{json, Value};

use crate::backends;
use crate::helpers::{error_body, session_cookie, set_cookie_line, Db, TestApp, PASSWORD};

backends!(
    seed_000_flow_register_login_forgot_reset_logout_works_end_to_end,
    seed_002_flow_register_and_log_in_by_username_returns_a_working_jwt,
    register_returns_201_with_the_seed_message,
    an_existing_username_or_email_is_400_user_already_exists,
    an_invalid_email_is_400_invalid_email_format,
    each_missing_register_field_is_400_and_creates_nothing,
    login_by_email_returns_a_working_access_token_and_the_session_cookie,
    login_by_username_works_too,
    bad_credentials_are_401_invalid_username_or_password,
    missing_login_fields_are_400,
    forgot_password_answers_200_and_mails_a_reset_link_that_works,
    forgot_password_for_an_unknown_email_is_200_unless_revealing_then_404,
    forgot_password_without_an_email_is_400,
    logout_revokes_the_session_clears_the_cookie_and_redirects_to_the_login_page,
    logout_without_a_live_session_still_redirects_to_the_login_page,
    form_bodies_work_as_well_as_json,
    every_error_on_this_set_carries_error_message_and_code,
    the_root_set_is_not_served_when_dialects_leave_it_out,
);

/// The error body of this set: `{"error", "message", "code"}` (plus the section 1 checks).
async fn root_error(res: Response) -> Value {
    let body = error_body(res).await;
    assert!(body["error"].is_string(), "`error` on every error of this set: {body}");
    body
}

/// `POST /register` with JSON; returns the response.
async fn register(app: &TestApp, username: &str, email: &str, password: &str) -> Response {
    app.post_json("/register", json!({"username": username, "email": email, "password": password}))
        .await
}

/// `POST /login` with `body`; panics unless `200`. Returns `(body, cookie)`.
async fn login_ok(app: &TestApp, body: Value) -> (Value, String) {
    let res = app.post_json("/login", body.clone()).await;
    assert_eq!(res.status(), StatusCode::OK, "{body}");
    let cookie = session_cookie(res.headers()).expect("login sets the session cookie");
    assert!(cookie.len() >= 43, "{cookie}");
    (res.json().await.unwrap(), cookie)
}

/// `GET /api/auth/user` with a bearer token: `200` and the user's email, or panics.
async fn email_of_bearer(app: &TestApp, token: &str) -> String {
    let res = app.bearer(Method::GET, "/api/auth/user", token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    body["user"]["email"].as_str().unwrap().to_owned()
}

/// Asserts a `302` to `/account/login` that deletes the session cookie.
fn assert_logout_redirect(res: &Response) {
    assert_eq!(res.status(), StatusCode::FOUND);
    assert_eq!(res.headers()[LOCATION], "/account/login");
    let line = set_cookie_line(res.headers()).expect("the cookie is cleared");
    assert_eq!(session_cookie(res.headers()).as_deref(), Some(""), "{line}");
    assert!(line.to_ascii_lowercase().contains("max-age=0"), "{line}");
}

async fn seed_000_flow_register_login_forgot_reset_logout_works_end_to_end(db: Db) {
    let app = TestApp::spawn(db).await;
    // 1. Registration: 201; the same again: 400.
    let res = register(&app, "walter", "walter@example.com", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let res = register(&app, "walter", "walter@example.com", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    root_error(res).await;
    // 2. Login by email: 200; missing field 400; wrong password 401.
    let (body, cookie) =
        login_ok(&app, json!({"email": "walter@example.com", "password": PASSWORD})).await;
    assert_eq!(body["message"], "Login successful");
    let res = app.post_json("/login", json!({"email": "walter@example.com"})).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let res = app
        .post_json("/login", json!({"email": "walter@example.com", "password": "not his password"}))
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    // 3. Forgot password: 200 and a reset mail; missing email 400.
    let res = app.post_json("/forgot-password", json!({"email": "walter@example.com"})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let token = app.token_from_mail("walter@example.com", "Reset").await;
    let res = app.post_json("/forgot-password", json!({})).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    // 4. Logout: 302 to the login page.
    let res = app.with_cookie(Method::GET, "/logout", &cookie).send().await.unwrap();
    assert_logout_redirect(&res);
    assert_eq!(app.user_status_cookie(&cookie).await, StatusCode::UNAUTHORIZED);
    // The mailed token resets the password.
    let res = app
        .post_json(
            "/api/auth/reset-password",
            json!({"token": token, "new_password": "a brand new passphrase"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    login_ok(&app, json!({"email": "walter@example.com", "password": "a brand new passphrase"}))
        .await;
}

async fn seed_002_flow_register_and_log_in_by_username_returns_a_working_jwt(db: Db) {
    let app = TestApp::spawn(db).await;
    let res = register(&app, "user123", "user@example.com", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    // The seed's "user already exists" and "invalid email format" answers.
    let res = register(&app, "user123", "other@example.com", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(root_error(res).await["error"], "User already exists");
    let res = register(&app, "user456", "not an email", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(root_error(res).await["error"], "Invalid email format");

    let (body, _) = login_ok(&app, json!({"username": "user123", "password": PASSWORD})).await;
    let access = body["access_token"].as_str().unwrap();
    assert_eq!(access.split('.').count(), 3, "a JWT: {access}");
    assert_eq!(email_of_bearer(&app, access).await, "user@example.com");
    let res =
        app.post_json("/login", json!({"username": "user123", "password": "wrong one!"})).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(root_error(res).await["error"], "Invalid username or password");
}

async fn register_returns_201_with_the_seed_message(db: Db) {
    let app = TestApp::spawn(db).await;
    let res = register(&app, "alice", "Alice@Example.com", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["message"], "User registered successfully");
    // A real account with that username, stored as given.
    let stored = app.auth.store().user_by_email("alice@example.com").await.unwrap().unwrap();
    assert_eq!(stored.user.email, "Alice@Example.com");
    assert_eq!(stored.user.username.as_deref(), Some("alice"));
}

async fn an_existing_username_or_email_is_400_user_already_exists(db: Db) {
    let app = TestApp::spawn(db).await;
    let res = register(&app, "bob", "bob@example.com", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    for (username, email) in [
        ("bob", "bob2@example.com"),      // username taken
        ("BOB", "bob3@example.com"),      // whatever its case
        ("robert", "bob@example.com"),    // email taken
        ("roberto", " BOB@example.COM "), // whatever its case and spaces
        ("bob", "bob@example.com"),       // both
    ] {
        let res = register(&app, username, email, PASSWORD).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{username} {email}");
        let err = root_error(res).await;
        assert_eq!(err["error"], "User already exists", "{err}");
        assert_eq!(err["message"], "User already exists", "{err}");
    }
    // None of them was created.
    for email in ["bob2@example.com", "bob3@example.com"] {
        assert!(app.auth.store().user_by_email(email).await.unwrap().is_none(), "{email}");
    }
    let res = app.post_json("/login", json!({"username": "robert", "password": PASSWORD})).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

async fn an_invalid_email_is_400_invalid_email_format(db: Db) {
    let app = TestApp::spawn(db).await;
    for (i, email) in ["not-an-email", "a@b", "a b@example.com", "@example.com"].iter().enumerate()
    {
        let res = register(&app, &format!("user{i}"), email, PASSWORD).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{email:?}");
        let err = root_error(res).await;
        assert_eq!(err["error"], "Invalid email format", "{err}");
        assert_eq!(err["code"], "invalid_email", "{err}");
    }
}

async fn each_missing_register_field_is_400_and_creates_nothing(db: Db) {
    let app = TestApp::spawn(db).await;
    let full = json!({"username": "carol", "email": "carol@example.com", "password": PASSWORD});
    for field in ["username", "email", "password"] {
        for value in [None, Some("")] {
            let mut body = full.clone();
            match value {
                None => {
                    body.as_object_mut().unwrap().remove(field);
                }
                Some(v) => body[field] = json!(v),
            }
            let res = app.post_json("/register", body.clone()).await;
            assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{body}");
            let err = root_error(res).await;
            assert_eq!(err["code"], "missing_field", "{body}: {err}");
            assert!(err["message"].as_str().unwrap().contains(field), "{err}");
        }
    }
    let res = app.post_json("/register", json!({})).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    root_error(res).await;
    assert!(app.auth.store().user_by_email("carol@example.com").await.unwrap().is_none());
    // The full body then works: nothing was half-created before.
    let res = app.post_json("/register", full).await;
    assert_eq!(res.status(), StatusCode::CREATED);
}

async fn login_by_email_returns_a_working_access_token_and_the_session_cookie(db: Db) {
    let app = TestApp::spawn(db).await;
    let res = register(&app, "dana", "Dana@Example.com", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let (body, cookie) =
        login_ok(&app, json!({"email": "dana@example.COM", "password": PASSWORD})).await;
    assert_eq!(body["message"], "Login successful");
    let access = body["access_token"].as_str().expect("an access_token");
    assert_eq!(email_of_bearer(&app, access).await, "Dana@Example.com");
    assert_eq!(app.user_status_cookie(&cookie).await, StatusCode::OK);
    assert!(body.get("password_hash").is_none() && body["user"].get("password_hash").is_none());
}

async fn login_by_username_works_too(db: Db) {
    let app = TestApp::spawn(db).await;
    let res = register(&app, "Erin", "erin@example.com", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let (body, cookie) = login_ok(&app, json!({"username": "erin", "password": PASSWORD})).await;
    assert_eq!(body["message"], "Login successful");
    let access = body["access_token"].as_str().unwrap();
    assert_eq!(email_of_bearer(&app, access).await, "erin@example.com");
    assert_eq!(app.user_status_cookie(&cookie).await, StatusCode::OK);
}

async fn bad_credentials_are_401_invalid_username_or_password(db: Db) {
    let app = TestApp::spawn(db).await;
    let res = register(&app, "frank", "frank@example.com", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let mut bodies = Vec::new();
    for body in [
        json!({"email": "frank@example.com", "password": "wrong password!"}),
        json!({"email": "nobody@example.com", "password": PASSWORD}),
        json!({"username": "frank", "password": "wrong password!"}),
        json!({"username": "nobody", "password": PASSWORD}),
    ] {
        let res = app.post_json("/login", body.clone()).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{body}");
        assert!(session_cookie(res.headers()).is_none(), "no cookie on failure: {body}");
        let err = root_error(res).await;
        assert_eq!(err["error"], "Invalid username or password", "{err}");
        bodies.push(err);
    }
    assert!(bodies.windows(2).all(|w| w[0] == w[1]), "identical failures: {bodies:?}");
}

async fn missing_login_fields_are_400(db: Db) {
    let app = TestApp::spawn(db).await;
    let res = register(&app, "gina", "gina@example.com", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    for body in [
        json!({"email": "gina@example.com"}),
        json!({"username": "gina"}),
        json!({"email": "gina@example.com", "password": ""}),
        json!({"password": PASSWORD}),
        json!({"email": "", "password": PASSWORD}),
        json!({}),
    ] {
        let res = app.post_json("/login", body.clone()).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{body}");
        assert!(session_cookie(res.headers()).is_none());
        assert_eq!(root_error(res).await["code"], "missing_field", "{body}");
    }
}

async fn forgot_password_answers_200_and_mails_a_reset_link_that_works(db: Db) {
    let app = TestApp::spawn(db).await;
    let res = register(&app, "hank", "hank@example.com", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let (_, cookie) = login_ok(&app, json!({"username": "hank", "password": PASSWORD})).await;

    let res = app.post_json("/forgot-password", json!({"email": "HANK@example.com"})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body, json!({"message": "Password reset instructions sent"}));
    assert!(body.get("reset_token").is_none(), "the token is only mailed");

    let token = app.token_from_mail("hank@example.com", "Reset").await;
    assert!(token.len() >= 43, "{token}");
    let res = app
        .post_json(
            "/api/auth/reset-password",
            json!({"token": token, "new_password": "hank's new passphrase"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    // The reset ended the existing session; the new password logs in at /login, the old fails.
    assert_eq!(app.user_status_cookie(&cookie).await, StatusCode::UNAUTHORIZED);
    login_ok(&app, json!({"email": "hank@example.com", "password": "hank's new passphrase"})).await;
    let res =
        app.post_json("/login", json!({"email": "hank@example.com", "password": PASSWORD})).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    // The token works once.
    let res = app
        .post_json("/api/auth/reset-password", json!({"token": token, "new_password": PASSWORD}))
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
}

async fn forgot_password_for_an_unknown_email_is_200_unless_revealing_then_404(db: Db) {
    let app = TestApp::spawn(db).await;
    let res = register(&app, "ivy", "ivy@example.com", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let unknown = app.post_json("/forgot-password", json!({"email": "ghost@example.com"})).await;
    assert_eq!(unknown.status(), StatusCode::OK);
    let known = app.post_json("/forgot-password", json!({"email": "ivy@example.com"})).await;
    assert_eq!(known.status(), StatusCode::OK);
    assert_eq!(unknown.text().await.unwrap(), known.text().await.unwrap(), "same answer");
    app.token_from_mail("ivy@example.com", "Reset").await;
    assert!(app.mails("ghost@example.com", 0).await.is_empty());

    let reveal = TestApp::spawn_with(db, &[("PORTCULLIS_REVEAL_UNKNOWN_EMAILS", "true")]).await;
    let res = register(&reveal, "ivy", "ivy@example.com", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let res = reveal.post_json("/forgot-password", json!({"email": "ghost@example.com"})).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    root_error(res).await;
    // A known address is still 200 with its mail.
    let res = reveal.post_json("/forgot-password", json!({"email": "ivy@example.com"})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body, json!({"message": "Password reset instructions sent"}));
    reveal.token_from_mail("ivy@example.com", "Reset").await;
}

async fn forgot_password_without_an_email_is_400(db: Db) {
    let app = TestApp::spawn(db).await;
    for body in [json!({}), json!({"email": ""}), json!({"email": "   "})] {
        let res = app.post_json("/forgot-password", body.clone()).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(root_error(res).await["code"], "missing_field", "{body}");
    }
    // Also under reveal mode: missing is 400, not 404.
    let reveal = TestApp::spawn_with(db, &[("PORTCULLIS_REVEAL_UNKNOWN_EMAILS", "true")]).await;
    let res = reveal.post_json("/forgot-password", json!({})).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    root_error(res).await;
}

async fn logout_revokes_the_session_clears_the_cookie_and_redirects_to_the_login_page(db: Db) {
    let app = TestApp::spawn(db).await;
    let res = register(&app, "jack", "jack@example.com", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let (body, cookie) =
        login_ok(&app, json!({"email": "jack@example.com", "password": PASSWORD})).await;
    let access = body["access_token"].as_str().unwrap();
    let (_, other) =
        login_ok(&app, json!({"email": "jack@example.com", "password": PASSWORD})).await;
    assert_eq!(app.user_status_cookie(&cookie).await, StatusCode::OK);

    let res = app.with_cookie(Method::GET, "/logout", &cookie).send().await.unwrap();
    assert_logout_redirect(&res);
    // Cookie and access token name the same, now revoked, session.
    assert_eq!(app.user_status_cookie(&cookie).await, StatusCode::UNAUTHORIZED);
    assert_eq!(app.user_status_bearer(access).await, StatusCode::UNAUTHORIZED);
    // Only that session ended.
    assert_eq!(app.user_status_cookie(&other).await, StatusCode::OK);
    // Logging out again with the dead cookie is still a redirect.
    let res = app.with_cookie(Method::GET, "/logout", &cookie).send().await.unwrap();
    assert_logout_redirect(&res);
    assert_eq!(app.user_status_cookie(&other).await, StatusCode::OK);
}

async fn logout_without_a_live_session_still_redirects_to_the_login_page(db: Db) {
    let app = TestApp::spawn(db).await;
    let res = app.get("/logout").await;
    assert_logout_redirect(&res);
    let res = app.with_cookie(Method::GET, "/logout", "no-such-session").send().await.unwrap();
    assert_logout_redirect(&res);
}

async fn form_bodies_work_as_well_as_json(db: Db) {
    let app = TestApp::spawn(db).await;
    let res = app
        .post_form(
            "/register",
            &[("username", "kate"), ("email", "kate@example.com"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["message"], "User registered successfully");
    let res = app
        .post_form(
            "/register",
            &[("username", "kate"), ("email", "kate2@example.com"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(root_error(res).await["error"], "User already exists");

    for form in [
        [("email", "kate@example.com"), ("password", PASSWORD)],
        [("username", "kate"), ("password", PASSWORD)],
    ] {
        let res = app.post_form("/login", &form).await;
        assert_eq!(res.status(), StatusCode::OK, "{form:?}");
        let cookie = session_cookie(res.headers()).expect("a session cookie");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["message"], "Login successful");
        assert_eq!(app.user_status_cookie(&cookie).await, StatusCode::OK);
    }
    let res = app.post_form("/login", &[("username", "kate"), ("password", "nope nope")]).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    root_error(res).await;
    let res = app.post_form("/login", &[("username", "kate")]).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    root_error(res).await;

    let res = app.post_form("/forgot-password", &[("email", "kate@example.com")]).await;
    assert_eq!(res.status(), StatusCode::OK);
    app.token_from_mail("kate@example.com", "Reset").await;
    let res = app.post_form("/forgot-password", &[]).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    root_error(res).await;
}

async fn every_error_on_this_set_carries_error_message_and_code(db: Db) {
    let app = TestApp::spawn(db).await;
    for path in ["/register", "/login", "/forgot-password"] {
        // Malformed JSON.
        let res = app
            .client
            .post(app.url(path))
            .header(CONTENT_TYPE, "application/json")
            .body("{\"email\": ")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{path}");
        root_error(res).await;
        // A field of the wrong type.
        let res = app.post_json(path, json!({"email": 42, "password": ["x"]})).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{path}");
        root_error(res).await;
        // An unsupported content type.
        let res = app
            .client
            .post(app.url(path))
            .header(CONTENT_TYPE, "text/plain")
            .body("email=a@example.com")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE, "{path}");
        root_error(res).await;
    }
    // The error sentence is the human one, the code stays snake_case.
    let res = app.post_json("/login", json!({"email": "x@example.com", "password": "y"})).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let err = root_error(res).await;
    assert_eq!(err["error"], err["message"]);
    assert_eq!(err["code"], "invalid_credentials");
}

async fn the_root_set_is_not_served_when_dialects_leave_it_out(db: Db) {
    for dialects in ["none", "alx", "alx,api-v1"] {
        let app = TestApp::spawn_with(db, &[("PORTCULLIS_DIALECTS", dialects)]).await;
        let res = app
            .post_json(
                "/register",
                json!({"username": "lee", "email": "lee@example.com", "password": PASSWORD}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{dialects}");
        error_body(res).await;
        let res = app.post_json("/login", json!({"email": "lee@example.com"})).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{dialects}");
        let res = app.post_json("/forgot-password", json!({"email": "lee@example.com"})).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{dialects}");
        let res = app.get("/logout").await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{dialects}");
        // The canonical API is always there.
        app.register("lee@example.com", PASSWORD).await;
    }
    // Served when named.
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_DIALECTS", "root")]).await;
    let res = register(&app, "lee", "lee@example.com", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::CREATED);
}
