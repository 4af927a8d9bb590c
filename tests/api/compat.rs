//! Compatibility profiles (`PORTCULLIS_COMPAT`, README "Legacy route sets", CONTRACTS
//! section 3): each seed's clients, written the way that seed's users wrote theirs (Python
//! `requests` scripts: redirects followed, cookies passed by hand, the seed's own passwords),
//! pass against a server with only that seed's profile set; and what a profile weakens stays
//! on its own route set.

use reqwest::header::{ACCEPT, COOKIE, LOCATION, USER_AGENT};
use reqwest::{Client, Method, RequestBuilder, StatusCode};
use serde_json::{json, Value};

use crate::backends;
use crate::helpers::{error_body, session_cookie, Db, TestApp};

backends!(
    seed_004_main_py_passes_with_only_its_profile,
    seed_001_client_passes_with_only_its_profile,
    seed_000_client_passes_with_only_its_profile,
    seed_002_client_passes_with_only_its_profile,
    seed_003_client_passes_with_only_its_profile,
    a_profile_weakens_nothing_outside_its_route_set,
);

/// Python's `requests` as the seeds' clients used it: its own user agent and `Accept: */*`,
/// cookies passed by hand, and redirects followed its way: after a `301`/`302`/`303` the next
/// request is a `GET` whatever the method was (reqwest keeps a `DELETE`, as browsers do).
struct Requests {
    client: Client,
    base: String,
}

impl Requests {
    fn new(app: &TestApp) -> Self {
        let client = Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        Self { client, base: app.base.clone() }
    }

    fn call(&self, method: Method, path: &str, cookie: Option<&str>) -> RequestBuilder {
        let mut req = self
            .client
            .request(method, format!("{}{path}", self.base))
            .header(USER_AGENT, "python-requests/2.31.0")
            .header(ACCEPT, "*/*");
        if let Some(c) = cookie {
            req = req.header(COOKIE, format!("session_id={c}"));
        }
        req
    }

    /// Sends `req` and follows redirects as `requests` does; the first response's cookie is
    /// what `r.cookies.get("session_id")` gives.
    async fn send(&self, req: RequestBuilder, cookie: Option<&str>) -> Reply {
        let mut res = req.send().await.unwrap();
        let session_id = session_cookie(res.headers());
        for _ in 0..5 {
            if ![301, 302, 303].contains(&res.status().as_u16()) {
                break;
            }
            let location = res.headers()[LOCATION].to_str().unwrap().to_owned();
            res = self.call(Method::GET, &location, cookie).send().await.unwrap();
        }
        Reply { status: res.status(), session_id, text: res.text().await.unwrap() }
    }

    /// `requests.get(url)`.
    async fn get(&self, path: &str) -> Reply {
        self.send(self.call(Method::GET, path, None), None).await
    }

    /// `requests.<method>(url, data=form)`.
    async fn data(&self, method: Method, path: &str, form: &[(&str, &str)]) -> Reply {
        self.send(self.call(method, path, None).form(form), None).await
    }

    /// `requests.post(url, json=body)`.
    async fn json(&self, path: &str, body: Value) -> Reply {
        self.send(self.call(Method::POST, path, None).json(&body), None).await
    }

    /// `requests.get(url, headers={"Authorization": f"Bearer {token}"})`.
    async fn bearer(&self, path: &str, token: &str) -> Reply {
        self.send(self.call(Method::GET, path, None).bearer_auth(token), None).await
    }

    /// `requests.<method>(url, cookies={"session_id": cookie})`.
    async fn cookie(&self, method: Method, path: &str, cookie: &str) -> Reply {
        self.send(self.call(method, path, Some(cookie)), Some(cookie)).await
    }
}

/// A response as `requests` hands it over: `status_code`, `cookies`, `json()`.
struct Reply {
    status: StatusCode,
    session_id: Option<String>,
    text: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|_| panic!("not JSON: {}", self.text))
    }
}

const EMAIL: &str = "guillaume@holberton.io";
const PASSWD: &str = "b4l0u";
const NEW_PASSWD: &str = "t4rt1fl3tt3";

/// Seed 004's `main.py` (the ALX end-to-end script), with the check its users added most often:
/// a reset for an unknown address is `403`. (Its reset keeping sessions is checked in
/// [`a_profile_weakens_nothing_outside_its_route_set`]: on an account whose address was never
/// confirmed, as here, the reset is the first proof and ends the sessions anyway.)
async fn seed_004_main_py_passes_with_only_its_profile(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_COMPAT", "seed004")]).await;
    let requests = Requests::new(&app);

    // register_user(EMAIL, PASSWD)
    let r = requests.data(Method::POST, "/users", &[("email", EMAIL), ("password", PASSWD)]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json(), json!({"email": EMAIL, "message": "user created"}));
    let r = requests.data(Method::POST, "/users", &[("email", EMAIL), ("password", PASSWD)]).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.json(), json!({"message": "email already registered"}));
    // log_in_wrong_password(EMAIL, NEW_PASSWD)
    let r = requests
        .data(Method::POST, "/sessions", &[("email", EMAIL), ("password", NEW_PASSWD)])
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    // profile_unlogged()
    let r = requests.get("/profile").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // session_id = log_in(EMAIL, PASSWD)
    let r =
        requests.data(Method::POST, "/sessions", &[("email", EMAIL), ("password", PASSWD)]).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json(), json!({"email": EMAIL, "message": "logged in"}));
    let session_id = r.session_id.expect("r.cookies.get('session_id')");
    // profile_logged(session_id)
    let r = requests.cookie(Method::GET, "/profile", &session_id).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json(), json!({"email": EMAIL}));
    // log_out(session_id): requests follows the 302 to `/`.
    let r = requests.cookie(Method::DELETE, "/sessions", &session_id).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json(), json!({"message": "Bienvenue"}));
    // reset_password_token("unknown@holberton.io"): 403, as the seed answered.
    let r =
        requests.data(Method::POST, "/reset_password", &[("email", "nobody@holberton.io")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // reset_token = reset_password_token(EMAIL)
    let r = requests.data(Method::POST, "/reset_password", &[("email", EMAIL)]).await;
    assert_eq!(r.status, StatusCode::OK);
    let reset_token = r.json()["reset_token"].as_str().expect("reset_token").to_owned();
    assert_eq!(r.json(), json!({"email": EMAIL, "reset_token": reset_token}));
    // update_password(EMAIL, reset_token, NEW_PASSWD)
    let form =
        [("email", EMAIL), ("reset_token", reset_token.as_str()), ("new_password", NEW_PASSWD)];
    let r = requests.data(Method::PUT, "/reset_password", &form).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json(), json!({"email": EMAIL, "message": "Password updated"}));
    // log_in(EMAIL, NEW_PASSWD)
    let r = requests
        .data(Method::POST, "/sessions", &[("email", EMAIL), ("password", NEW_PASSWD)])
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json(), json!({"email": EMAIL, "message": "logged in"}));
}

/// Seed 001's client (the same ALX project, its `/api/v1` version): form bodies, the token from
/// the reset answer (dev mode), `404` for an unknown address.
async fn seed_001_client_passes_with_only_its_profile(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_COMPAT", "seed001")]).await;
    let requests = Requests::new(&app);
    let creds = [("email", EMAIL), ("password", PASSWD)];

    let r = requests.data(Method::POST, "/api/v1/register", &creds).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let r = requests.data(Method::POST, "/api/v1/register", &creds).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = requests.data(Method::POST, "/api/v1/session", &creds).await;
    assert_eq!(r.status, StatusCode::OK);
    let session_id = r.session_id.expect("a session cookie");
    let r = requests.cookie(Method::POST, "/api/v1/logout", &session_id).await;
    assert_eq!(r.status, StatusCode::OK);
    let r =
        requests.data(Method::POST, "/api/v1/reset_password", &[("email", "nobody@x.io")]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = requests.data(Method::POST, "/api/v1/reset_password", &[("email", EMAIL)]).await;
    assert_eq!(r.status, StatusCode::OK);
    let token = r.json()["reset_token"].as_str().expect("reset_token").to_owned();
    let form = [("reset_token", token.as_str()), ("new_password", NEW_PASSWD)];
    let r = requests.data(Method::POST, "/api/v1/update_password", &form).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = requests
        .data(Method::POST, "/api/v1/session", &[("email", EMAIL), ("password", NEW_PASSWD)])
        .await;
    assert_eq!(r.status, StatusCode::OK);
}

/// Seed 000's client: JSON bodies, a short common password, `404` for an unknown address at
/// `/forgot-password`, `GET /logout` followed to the login page.
async fn seed_000_client_passes_with_only_its_profile(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_COMPAT", "seed000")]).await;
    let requests = Requests::new(&app);
    let user = json!({"username": "testuser", "email": "test@example.com", "password": "secret"});

    let r = requests.json("/register", user.clone()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.json()["message"], "User registered successfully");
    let r = requests.json("/register", user).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = requests.json("/login", json!({"email": "test@example.com", "password": "nope"})).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let r =
        requests.json("/login", json!({"email": "test@example.com", "password": "secret"})).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["message"], "Login successful");
    let session_id = r.session_id.expect("a session cookie");
    let r = requests.json("/forgot-password", json!({"email": "test@example.com"})).await;
    assert_eq!(r.status, StatusCode::OK);
    let r = requests.json("/forgot-password", json!({"email": "nobody@example.com"})).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = requests.cookie(Method::GET, "/logout", &session_id).await;
    assert_eq!(r.status, StatusCode::OK, "followed to the login page");
    assert_eq!(app.user_status_cookie(&session_id).await, StatusCode::UNAUTHORIZED);
}

/// Seed 002's client, with the README's own example account (`password123`).
async fn seed_002_client_passes_with_only_its_profile(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_COMPAT", "seed002")]).await;
    let requests = Requests::new(&app);
    let user =
        json!({"username": "user123", "password": "password123", "email": "user@example.com"});

    let r = requests.json("/register", user.clone()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let r = requests.json("/register", user).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r =
        requests.json("/login", json!({"username": "user123", "password": "password123"})).await;
    assert_eq!(r.status, StatusCode::OK);
    let token = r.json()["access_token"].as_str().expect("access_token").to_owned();
    let r = requests.json("/login", json!({"username": "user123", "password": "wrong"})).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    // The token is the canonical one.
    assert_eq!(app.user_status_bearer(&token).await, StatusCode::OK);
    // Seed 002 had no reset route, so its profile reveals nothing there.
    let r = requests.json("/forgot-password", json!({"email": "nobody@example.com"})).await;
    assert_eq!(r.status, StatusCode::OK);
}

/// Seed 003's client (its API is the canonical one): a password without digits is refused, as
/// its README requires; register, verify from the mail, log in, `GET /user`, reset.
async fn seed_003_client_passes_with_only_its_profile(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_COMPAT", "seed003")]).await;
    let requests = Requests::new(&app);
    let base = "/api/auth";
    let email = "user@example.com";

    for weak in ["short1", "onlyletterszz", "9387465019"] {
        let r = requests
            .json(&format!("{base}/register"), json!({"email": email, "password": weak}))
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{weak}");
        assert!(r.json()["message"].is_string(), "{weak}");
    }
    let r = requests
        .json(&format!("{base}/register"), json!({"email": email, "password": "YourPassword123"}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let token = app.token_from_mail(email, "Confirm").await;
    let r = requests.json(&format!("{base}/verify-email"), json!({"token": token})).await;
    assert_eq!(r.status, StatusCode::OK);
    let r = requests
        .json(&format!("{base}/login"), json!({"email": email, "password": "YourPassword123"}))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["user"]["email"], email);
    let access = r.json()["access_token"].as_str().unwrap().to_owned();
    let r = requests.bearer(&format!("{base}/user"), &access).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["user"]["email"], email);
    let r = requests.json(&format!("{base}/forgot-password"), json!({"email": email})).await;
    assert_eq!(r.status, StatusCode::OK);
    let reset = app.token_from_mail(email, "Reset").await;
    let body = json!({"token": reset, "new_password": "nodigitshere"});
    let r = requests.json(&format!("{base}/reset-password"), body).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let body = json!({"token": reset, "new_password": "NewPassword123"});
    let r = requests.json(&format!("{base}/reset-password"), body).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(app.login_status(email, "NewPassword123").await, StatusCode::OK);
}

/// Under every weakening profile at once, the canonical API (and the route sets of the seeds
/// not named) keep the configured policy, hide unknown addresses and end sessions on reset.
async fn a_profile_weakens_nothing_outside_its_route_set(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_COMPAT", "seed004")]).await;
    let weak = json!({"email": "weak@example.com", "password": PASSWD});
    // The canonical API: the secure policy.
    let res = app.post_json("/api/auth/register", weak.clone()).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(error_body(res).await["code"], "weak_password");
    // The other route sets: the secure policy too.
    let res = app
        .post_form("/api/v1/register", &[("email", "weak@example.com"), ("password", PASSWD)])
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(error_body(res).await["code"], "weak_password");
    let mut root = weak.clone();
    root["username"] = json!("weak");
    let res = app.post_json("/register", root).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(error_body(res).await["code"], "weak_password");
    assert!(app.auth.store().user_by_email("weak@example.com").await.unwrap().is_none());
    // Unknown addresses stay hidden elsewhere.
    let res = app.post_json("/forgot-password", json!({"email": "nobody@example.com"})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = app.post_form("/api/v1/reset_password", &[("email", "nobody@example.com")]).await;
    assert_eq!(res.status(), StatusCode::OK);
    // On `alx` itself a reset keeps the sessions of an account whose address is confirmed
    // (one never confirmed is the reset's first proof, which ends them whatever the profile).
    let login = app.user("alx@example.com").await;
    let res = app.post_form("/reset_password", &[("email", "alx@example.com")]).await;
    let token = res.json::<Value>().await.unwrap()["reset_token"].as_str().unwrap().to_owned();
    let form = [("email", "alx@example.com"), ("reset_token", &token), ("new_password", PASSWD)];
    let res = app.client.put(app.url("/reset_password")).form(&form).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(app.user_status_cookie(&login.cookie).await, StatusCode::OK);
    // A reset anywhere else still ends every session, and sets no weak password.
    let login = app.user("kept@example.com").await;
    let res = app.post_form("/api/v1/reset_password", &[("email", "kept@example.com")]).await;
    let token = res.json::<Value>().await.unwrap()["reset_token"].as_str().unwrap().to_owned();
    let res = app
        .post_form("/api/v1/update_password", &[("reset_token", &token), ("new_password", PASSWD)])
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let res = app
        .post_form(
            "/api/v1/update_password",
            &[("reset_token", &token), ("new_password", "a long new passphrase")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(app.user_status_cookie(&login.cookie).await, StatusCode::UNAUTHORIZED);
    // The canonical reset too (another account: reset mail is throttled per address).
    let login = app.user("other@example.com").await;
    app.post_json("/api/auth/forgot-password", json!({"email": "other@example.com"})).await;
    let token = app.token_from_mail("other@example.com", "Reset").await;
    let body = json!({"token": token, "new_password": PASSWD});
    let res = app.post_json("/api/auth/reset-password", body).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let body = json!({"token": token, "new_password": "another long passphrase"});
    let res = app.post_json("/api/auth/reset-password", body).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(app.user_status_cookie(&login.cookie).await, StatusCode::UNAUTHORIZED);
}
