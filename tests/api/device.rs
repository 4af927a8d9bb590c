//! The device authorization grant (RFC 8628, docs/provider.md): a device asks for a code, a
//! person signs in on the hosted pages, enters it, sees what is asked and allows or denies, and
//! the device polls the token endpoint. The test plays the device (raw HTTP, so each answer is
//! seen as sent) and the browser (reqwest with a cookie jar); openid-client drives the same
//! flow as an independent implementation in `provider_interop`.

use std::collections::HashMap;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::backends;
use crate::helpers::{Db, TestApp, PASSWORD};
use portcullis::service::{ClientInfo, ClientSpec};

pub(crate) const GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";

backends!(
    a_person_signs_in_on_the_pages_enters_the_code_and_the_device_gets_its_tokens_once,
    polling_too_soon_slows_the_device_down_on_every_node,
    a_device_code_is_single_use_and_bound_to_its_client,
    an_expired_request_gives_nothing_and_housekeeping_deletes_it,
    a_denied_request_gives_access_denied,
    a_wrong_user_code_reveals_nothing_and_guessing_is_throttled,
    a_client_without_the_grant_is_refused_and_registration_never_gives_it,
    a_public_client_needs_no_secret,
    a_device_grant_ends_like_any_other,
);

/// A registered client, as the tool knows it.
pub(crate) struct Tool {
    pub id: String,
    pub secret: Option<String>,
}

/// A client allowed the device flow (and refresh tokens), with the OpenID scopes and
/// `api.read`; a public one has no secret.
pub(crate) fn tool_spec(id: &str, public: bool) -> ClientSpec {
    ClientSpec {
        client_id: Some(id.to_owned()),
        name: Some(format!("Tool {id}")),
        grant_types: Some(vec![GRANT.to_owned(), "refresh_token".to_owned()]),
        scopes: Some(
            ["openid", "profile", "email", "offline_access", "api.read"].map(String::from).to_vec(),
        ),
        public: public.then_some(true),
        // First party: the confirmation page is shown all the same.
        skip_consent: Some(true),
        ..Default::default()
    }
}

pub(crate) async fn tool(app: &TestApp, spec: ClientSpec) -> Tool {
    let made = app.auth.create_client(&spec, &ClientInfo::default()).await.unwrap();
    Tool { id: made.client.client_id, secret: made.client_secret }
}

/// `POST path` as `tool`: Basic with a secret, else `client_id` in the body.
async fn as_tool(
    app: &TestApp,
    tool: &Tool,
    path: &str,
    form: &[(&str, &str)],
) -> (StatusCode, Value) {
    let mut form: Vec<(&str, &str)> = form.to_vec();
    let mut req = app.client.post(app.url(path));
    match &tool.secret {
        Some(secret) => req = req.basic_auth(&tool.id, Some(secret)),
        None => form.push(("client_id", &tool.id)),
    }
    let res = req.form(&form).send().await.unwrap();
    let status = res.status();
    assert_eq!(res.headers()["cache-control"], "no-store", "{path}");
    (status, res.json().await.unwrap())
}

/// A device authorization request: the answer.
pub(crate) async fn start(app: &TestApp, tool: &Tool, scope: &str) -> Value {
    let (status, body) =
        as_tool(app, tool, "/oauth2/device_authorization", &[("scope", scope)]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

/// One poll of the token endpoint with `device_code`.
async fn poll(app: &TestApp, tool: &Tool, device_code: &str) -> (StatusCode, Value) {
    let form = [("grant_type", GRANT), ("device_code", device_code)];
    as_tool(app, tool, "/oauth2/token", &form).await
}

/// The `error` of a refused poll (asserting the status RFC 6749 gives it).
async fn poll_error(app: &TestApp, tool: &Tool, device_code: &str) -> String {
    let (status, body) = poll(app, tool, device_code).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    body["error"].as_str().unwrap().to_owned()
}

fn device_code(started: &Value) -> &str {
    started["device_code"].as_str().unwrap()
}

fn user_code(started: &Value) -> &str {
    started["user_code"].as_str().unwrap()
}

/// The claims of a JWT (its signature is the provider tests' business).
fn claims(jwt: &str) -> Value {
    let payload = jwt.split('.').nth(1).unwrap();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap()
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    let row = sqlx::query(sql).fetch_one(app.auth.store().pool()).await.unwrap();
    sqlx::Row::try_get::<i64, _>(&row, 0).unwrap()
}

async fn execute(app: &TestApp, sql: &str) {
    sqlx::query(sql).execute(app.auth.store().pool()).await.unwrap();
}

// ---- the browser ----

/// A browser: its cookies (the session, the CSRF token), and where it says it is from.
pub(crate) struct Browser<'a> {
    app: &'a TestApp,
    cookies: HashMap<String, String>,
    /// `X-Forwarded-For`, for servers that trust a proxy.
    from: Option<String>,
}

impl<'a> Browser<'a> {
    pub(crate) fn new(app: &'a TestApp) -> Self {
        Self { app, cookies: HashMap::new(), from: None }
    }

    /// A browser holding the session `cookie` (an API login's).
    pub(crate) fn signed_in(app: &'a TestApp, cookie: &str) -> Self {
        let mut b = Self::new(app);
        b.cookies.insert("session_id".into(), cookie.to_owned());
        b
    }

    fn from(mut self, ip: &str) -> Self {
        self.from = Some(ip.to_owned());
        self
    }

    fn keep(&mut self, res: &reqwest::Response) {
        for line in res.headers().get_all(SET_COOKIE) {
            let pair = line.to_str().unwrap().split(';').next().unwrap();
            let (name, value) = pair.split_once('=').unwrap();
            if value.is_empty() {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ")
    }

    fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let mut req = self
            .app
            .client
            .request(method, self.app.url(path))
            .header(COOKIE, self.cookie_header())
            .header("origin", &self.app.base);
        if let Some(ip) = &self.from {
            req = req.header("x-forwarded-for", ip);
        }
        req
    }

    pub(crate) async fn get(&mut self, path: &str) -> (StatusCode, String, String) {
        let res = self.request(reqwest::Method::GET, path).send().await.unwrap();
        self.answer(res).await
    }

    /// Posts `form` with this browser's CSRF token (a page must have set it).
    pub(crate) async fn post(
        &mut self,
        path: &str,
        form: &[(&str, &str)],
    ) -> (StatusCode, String, String) {
        let csrf = self.cookies.get("portcullis_csrf").expect("a page set the CSRF cookie").clone();
        let mut form = form.to_vec();
        form.push(("csrf", &csrf));
        let res = self.request(reqwest::Method::POST, path).form(&form).send().await.unwrap();
        self.answer(res).await
    }

    /// Status, `Location` and body.
    async fn answer(&mut self, res: reqwest::Response) -> (StatusCode, String, String) {
        self.keep(&res);
        let status = res.status();
        let location =
            res.headers().get(LOCATION).map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
        (status, location, res.text().await.unwrap())
    }

    /// Enters `code` on the verification page (loading it first for its CSRF token).
    pub(crate) async fn enter(&mut self, code: &str) -> (StatusCode, String) {
        if !self.cookies.contains_key("portcullis_csrf") {
            let (status, _, _) = self.get("/oauth2/device").await;
            assert_eq!(status, StatusCode::OK);
        }
        let (status, _, html) = self.post("/oauth2/device", &[("user_code", code)]).await;
        (status, html)
    }

    /// Allows or denies on the confirmation page `html`.
    pub(crate) async fn decide(&mut self, html: &str, decision: &str) -> (StatusCode, String) {
        let code = attribute(html, "name=\"user_code\" value=\"").expect("the confirmation page");
        let form = [("user_code", code.as_str()), ("decision", decision)];
        let (status, _, html) = self.post("/oauth2/device/confirm", &form).await;
        (status, html)
    }

    /// Enters `code` and answers `decision`: the outcome page.
    pub(crate) async fn approve(&mut self, code: &str, decision: &str) -> String {
        let (status, html) = self.enter(code).await;
        assert_eq!(status, StatusCode::OK, "{html}");
        let (status, html) = self.decide(&html, decision).await;
        assert_eq!(status, StatusCode::OK, "{html}");
        html
    }
}

/// The text after `marker` up to the next `"`, unescaped.
fn attribute(html: &str, marker: &str) -> Option<String> {
    let start = html.find(marker)? + marker.len();
    let value = &html[start..start + html[start..].find('"')?];
    Some(value.replace("&#x2f;", "/").replace("&amp;", "&").replace("&quot;", "\""))
}

/// The error shown next to the code field, if any.
fn field_error(html: &str) -> Option<String> {
    let marker = "id=\"user_code-error\">";
    let start = html.find(marker)? + marker.len();
    Some(html[start..start + html[start..].find('<')?].to_owned())
}

fn outcome(html: &str) -> Option<String> {
    attribute(html, "data-outcome=\"")
}

/// A person with a confirmed address, signed in through the API: the browser, and their id.
async fn person<'a>(app: &'a TestApp, email: &str) -> (Browser<'a>, String) {
    let login = app.user(email).await;
    let id = login.body["user"]["id"].as_str().unwrap().to_owned();
    (Browser::signed_in(app, &login.cookie), id)
}

/// Another well-formed code than `code`.
fn other_code(code: &str) -> String {
    let first = if code.starts_with('B') { 'C' } else { 'B' };
    format!("{first}{}", &code[1..])
}

// ---------------------------------------------------------------------------------------------

async fn a_person_signs_in_on_the_pages_enters_the_code_and_the_device_gets_its_tokens_once(
    db: Db,
) {
    let app = TestApp::spawn(db).await;
    let discovery: Value = app.get("/.well-known/openid-configuration").await.json().await.unwrap();
    assert_eq!(discovery["device_authorization_endpoint"], app.url("/oauth2/device_authorization"));
    assert!(discovery["grant_types_supported"].as_array().unwrap().iter().any(|g| g == GRANT));
    // Any origin may call it from a browser, without credentials (CORS).
    let preflight = app
        .client
        .request(reqwest::Method::OPTIONS, app.url("/oauth2/device_authorization"))
        .header("Origin", "https://tool.example")
        .header("Access-Control-Request-Method", "POST")
        .send()
        .await
        .unwrap();
    assert!(preflight.status().is_success(), "{}", preflight.status());
    assert_eq!(preflight.headers()["access-control-allow-origin"], "https://tool.example");

    let cli = tool(&app, tool_spec("cli", false)).await;
    let started = start(&app, &cli, "openid email offline_access").await;
    let code = user_code(&started).to_owned();
    assert_eq!(started["verification_uri"], app.url("/oauth2/device"));
    assert_eq!(
        started["verification_uri_complete"],
        app.url(&format!("/oauth2/device?user_code={code}"))
    );
    assert_eq!(started["expires_in"], 600);
    assert_eq!(started["interval"], 5);
    assert_eq!(code.len(), 9, "{code}");
    assert_eq!(&code[4..5], "-");
    assert!(code.chars().filter(|c| *c != '-').all(|c| "BCDFGHJKLMNPQRSTVWXZ".contains(c)));
    assert_eq!(device_code(&started).len(), 43, "256 bits, URL-safe base64");
    // Stored as SHA-256: neither code is in the database as it was given out.
    let hash = portcullis::auth::hash_token(device_code(&started));
    let by_hash = format!("SELECT COUNT(*) FROM oauth_device_codes WHERE device_hash = '{hash}'");
    assert_eq!(count(&app, &by_hash).await, 1);
    let plain = format!(
        "SELECT COUNT(*) FROM oauth_device_codes WHERE device_hash = '{}' \
         OR user_code_hash IN ('{code}', '{}')",
        device_code(&started),
        code.replace('-', "")
    );
    assert_eq!(count(&app, &plain).await, 0);
    assert_eq!(poll_error(&app, &cli, device_code(&started)).await, "authorization_pending");

    // The person opens the complete URI signed out: the login page, coming back with the code.
    let email = "device-owner@example.com";
    let registered = app.register(email, PASSWORD).await;
    let user_id = registered["user"]["id"].as_str().unwrap().to_owned();
    app.verify(email).await;
    let mut browser = Browser::new(&app);
    let complete = format!("/oauth2/device?user_code={code}");
    let (status, to_login, _) = browser.get(&complete).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let login = url::Url::parse(&app.url(&to_login)).unwrap();
    assert_eq!(login.path(), "/account/login");
    let next: HashMap<String, String> = login.query_pairs().into_owned().collect();
    assert_eq!(next["next"], complete);
    let (status, _, _) = browser.get(&to_login).await;
    assert_eq!(status, StatusCode::OK);
    let form = [("email", email), ("password", PASSWORD), ("next", complete.as_str())];
    let (status, _, html) = browser.post("/account/login", &form).await;
    assert_eq!(status, StatusCode::OK, "a page that goes on by itself");
    assert!(browser.cookies.contains_key("session_id"), "signed in");
    assert_eq!(attribute(&html, "id=\"continue\" href=\"").as_deref(), Some(complete.as_str()));

    // Back on the page: the code is filled in; entering it shows what is asked.
    let (status, _, html) = browser.get(&complete).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&format!("value=\"{code}\"")), "prefilled: {html}");
    let typed = code.to_lowercase().replace('-', " ");
    let (status, html) = browser.enter(&typed).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("Tool cli"), "the client is named: {html}");
    for scope in ["openid", "email", "offline_access"] {
        assert!(html.contains(&format!("data-scope=\"{scope}\"")), "{scope}: {html}");
    }
    assert!(!html.contains("data-scope=\"profile\""), "only what was asked");
    assert!(html.contains(&code), "the code, to compare with the device's");
    assert!(!html.contains("<script>"), "no inline script");
    // Seen is not allowed: the device still waits (its interval passed, in the database).
    execute(&app, "UPDATE oauth_device_codes SET last_polled_at = last_polled_at - 5000").await;
    assert_eq!(poll_error(&app, &cli, device_code(&started)).await, "authorization_pending");
    let (status, done) = browser.decide(&html, "allow").await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert_eq!(outcome(&done).as_deref(), Some("allowed"), "{done}");

    // The device's next poll gets the tokens: an access token, an ID token (openid) and a
    // refresh token (offline_access) for this person, in this session.
    let (status, tokens) = poll(&app, &cli, device_code(&started)).await;
    assert_eq!(status, StatusCode::OK, "{tokens}");
    assert_eq!(tokens["token_type"], "Bearer");
    assert_eq!(tokens["scope"], "openid email offline_access");
    let id = claims(tokens["id_token"].as_str().unwrap());
    assert_eq!(id["sub"], user_id.as_str());
    assert_eq!(id["aud"], "cli");
    assert_eq!(id["email"], email);
    assert_eq!(id["amr"], json!(["pwd"]));
    assert!(id.get("nonce").is_none());
    let info = app
        .client
        .get(app.url("/oauth2/userinfo"))
        .bearer_auth(tokens["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(info.status(), StatusCode::OK);
    assert_eq!(info.json::<Value>().await.unwrap()["sub"], user_id.as_str());
    let rt = tokens["refresh_token"].as_str().unwrap();
    let (status, refreshed) = as_tool(
        &app,
        &cli,
        "/oauth2/token",
        &[("grant_type", "refresh_token"), ("refresh_token", rt)],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{refreshed}");

    // Exactly once.
    assert_eq!(poll_error(&app, &cli, device_code(&started)).await, "invalid_grant");
    // The person sees the application among their grants; the decision is in the audit log.
    let session = browser.cookies["session_id"].clone();
    let grants: Value = app
        .with_cookie(reqwest::Method::GET, "/api/auth/grants", &session)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(grants["grants"][0]["client_id"], "cli", "{grants}");
    let entries = app.auth.audit_log(0, Some(email)).await.unwrap();
    let device: Vec<_> = entries.iter().filter(|e| e.event == "oauth_device").collect();
    assert_eq!(device.len(), 1, "{entries:?}");
    assert_eq!(device[0].outcome, "approved");
    assert_eq!(device[0].user_id.as_deref(), Some(user_id.as_str()));
    let detail = device[0].detail.clone().unwrap_or_default();
    assert!(detail.contains("cli") && !detail.contains(&code.replace('-', "")), "{detail}");
}

async fn polling_too_soon_slows_the_device_down_on_every_node(db: Db) {
    let app = TestApp::spawn(db).await;
    let cli = tool(&app, tool_spec("slow", false)).await;
    let started = start(&app, &cli, "openid").await;
    let code = device_code(&started);
    let interval = || count(&app, "SELECT poll_interval FROM oauth_device_codes");
    assert_eq!(poll_error(&app, &cli, code).await, "authorization_pending");
    assert_eq!(poll_error(&app, &cli, code).await, "slow_down");
    assert_eq!(interval().await, 10, "5 seconds more");
    assert_eq!(poll_error(&app, &cli, code).await, "slow_down");
    assert_eq!(interval().await, 15);
    // Another node holds the device to the same interval.
    let other = app.another_node(&[]).await;
    assert_eq!(poll_error(&other, &cli, code).await, "slow_down");
    assert_eq!(interval().await, 20);
    // Once the interval has passed since the last poll, it is pending again (time passes in
    // the database), and the interval stays as it grew.
    execute(&app, "UPDATE oauth_device_codes SET last_polled_at = last_polled_at - 20000").await;
    assert_eq!(poll_error(&other, &cli, code).await, "authorization_pending");
    assert_eq!(poll_error(&app, &cli, code).await, "slow_down");
    assert_eq!(interval().await, 25);
}

async fn a_device_code_is_single_use_and_bound_to_its_client(db: Db) {
    let app = TestApp::spawn(db).await;
    let cli = tool(&app, tool_spec("once", false)).await;
    let thief = tool(&app, tool_spec("thief", false)).await;
    let (mut browser, _) = person(&app, "once@example.com").await;
    let started = start(&app, &cli, "openid").await;
    let done = browser.approve(user_code(&started), "allow").await;
    assert_eq!(outcome(&done).as_deref(), Some("allowed"));
    // Another client presenting the code gets nothing, and spends nothing.
    assert_eq!(poll_error(&app, &thief, device_code(&started)).await, "invalid_grant");
    let (status, tokens) = poll(&app, &cli, device_code(&started)).await;
    assert_eq!(status, StatusCode::OK, "{tokens}");
    assert!(tokens.get("refresh_token").is_none(), "no offline_access, no refresh token");
    assert_eq!(poll_error(&app, &cli, device_code(&started)).await, "invalid_grant");
    // The first tokens still work: a second exchange is refused, not punished.
    let info = app
        .client
        .get(app.url("/oauth2/userinfo"))
        .bearer_auth(tokens["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(info.status(), StatusCode::OK);
    // The used code cannot be allowed again either.
    let (status, html) = browser.enter(user_code(&started)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(field_error(&html).is_some(), "{html}");
    // An unknown device code, or none.
    assert_eq!(poll_error(&app, &cli, "not-a-device-code").await, "invalid_grant");
    let (status, body) = as_tool(&app, &cli, "/oauth2/token", &[("grant_type", GRANT)]).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_request"))
    );
}

async fn an_expired_request_gives_nothing_and_housekeeping_deletes_it(db: Db) {
    let app = TestApp::spawn(db).await;
    let cli = tool(&app, tool_spec("late", false)).await;
    let (mut browser, _) = person(&app, "late@example.com").await;
    let undecided = start(&app, &cli, "openid").await;
    let allowed = start(&app, &cli, "openid").await;
    let live = start(&app, &cli, "openid").await;
    // Ten minutes pass for a request (in the database).
    let now = portcullis::clock::now_ms();
    let expire = |started: &Value| {
        let hash = portcullis::auth::hash_token(device_code(started));
        format!(
            "UPDATE oauth_device_codes SET expires_at = {} WHERE device_hash = '{hash}'",
            now - 1
        )
    };
    execute(&app, &expire(&undecided)).await;
    assert_eq!(poll_error(&app, &cli, device_code(&undecided)).await, "expired_token");
    let (status, html) = browser.enter(user_code(&undecided)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "an expired code cannot be allowed");
    assert!(field_error(&html).is_some(), "{html}");
    // Allowed, but the device comes too late: nothing either.
    let done = browser.approve(user_code(&allowed), "allow").await;
    assert_eq!(outcome(&done).as_deref(), Some("allowed"));
    execute(&app, &expire(&allowed)).await;
    assert_eq!(poll_error(&app, &cli, device_code(&allowed)).await, "expired_token");
    assert_eq!(poll_error(&app, &cli, device_code(&live)).await, "authorization_pending");

    // Housekeeping deletes the expired requests, and only them.
    let swept = portcullis::housekeeping::run_once(&app.auth, now, None).await.unwrap();
    assert_eq!(swept.provider, 2, "{swept:?}");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM oauth_device_codes").await, 1);
    assert_eq!(poll_error(&app, &cli, device_code(&allowed)).await, "invalid_grant", "gone");
    let kept = portcullis::auth::hash_token(device_code(&live));
    let kept = format!("SELECT COUNT(*) FROM oauth_device_codes WHERE device_hash = '{kept}'");
    assert_eq!(count(&app, &kept).await, 1, "the live one is kept");
}

async fn a_denied_request_gives_access_denied(db: Db) {
    let app = TestApp::spawn(db).await;
    let cli = tool(&app, tool_spec("nope", false)).await;
    let (mut browser, user_id) = person(&app, "nope@example.com").await;
    let started = start(&app, &cli, "openid offline_access").await;
    let done = browser.approve(user_code(&started), "deny").await;
    assert_eq!(outcome(&done).as_deref(), Some("denied"), "{done}");
    assert_eq!(poll_error(&app, &cli, device_code(&started)).await, "access_denied");
    assert_eq!(poll_error(&app, &cli, device_code(&started)).await, "access_denied");
    // Nothing was granted, and the decision stands.
    assert_eq!(count(&app, "SELECT COUNT(*) FROM oauth_grants").await, 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM oauth_consents").await, 0);
    let (status, html) = browser.enter(user_code(&started)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(field_error(&html).is_some(), "{html}");
    let entries = app.auth.audit_log(0, None).await.unwrap();
    let device: Vec<_> = entries.iter().filter(|e| e.event == "oauth_device").collect();
    assert_eq!(device.len(), 1, "{entries:?}");
    assert_eq!(device[0].outcome, "denied");
    assert_eq!(device[0].user_id.as_deref(), Some(user_id.as_str()));
    // A decision that is neither is refused and changes nothing.
    let again = start(&app, &cli, "openid").await;
    let (status, html) = browser.enter(user_code(&again)).await;
    assert_eq!(status, StatusCode::OK);
    let code = attribute(&html, "name=\"user_code\" value=\"").unwrap();
    let form = [("user_code", code.as_str()), ("decision", "maybe")];
    let (status, _, _) = browser.post("/oauth2/device/confirm", &form).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(poll_error(&app, &cli, device_code(&again)).await, "authorization_pending");
}

async fn a_wrong_user_code_reveals_nothing_and_guessing_is_throttled(db: Db) {
    let app = TestApp::spawn_with(
        db,
        &[("PORTCULLIS_LOGIN_FAILURES_PER_HOUR", "4"), ("PORTCULLIS_TRUST_PROXY", "true")],
    )
    .await;
    let cli = tool(&app, tool_spec("guess", false)).await;
    let target = start(&app, &cli, "openid").await;
    let code = user_code(&target).to_owned();
    // Codes that name nothing pending, each for another reason: one unknown, one malformed,
    // one expired, one denied already.
    let expired = start(&app, &cli, "openid").await;
    execute(
        &app,
        &format!(
            "UPDATE oauth_device_codes SET expires_at = 1 WHERE device_hash <> '{}'",
            portcullis::auth::hash_token(device_code(&target))
        ),
    )
    .await;
    let (mut helper, _) = person(&app, "helper@example.com").await;
    let helper = &mut helper;
    let denied = start(&app, &cli, "openid").await;
    helper.from = Some("198.51.100.9".into());
    assert_eq!(
        outcome(&helper.approve(user_code(&denied), "deny").await).as_deref(),
        Some("denied")
    );
    assert_eq!(poll_error(&app, &cli, device_code(&expired)).await, "expired_token");

    let (guesser, _) = person(&app, "guesser@example.com").await;
    let mut guesser = guesser.from("203.0.113.7");
    let mut messages = Vec::new();
    for wrong in [
        other_code(&code),
        "not a code".to_owned(),
        user_code(&expired).to_owned(),
        user_code(&denied).to_owned(),
    ] {
        // The fourth try may come within the delay the third earned: wait it out, so that
        // each wrong code is counted.
        let (status, html) = loop {
            let (status, html) = guesser.enter(&wrong).await;
            if status != StatusCode::TOO_MANY_REQUESTS {
                break (status, html);
            }
            tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
        };
        assert_eq!(status, StatusCode::BAD_REQUEST, "{wrong}: {html}");
        assert!(!html.contains("Tool guess"), "nothing about the request: {html}");
        assert_eq!(
            attribute(&html, "id=\"user_code\" name=\"user_code\" type=\"text\" value=\""),
            Some(wrong.clone()),
            "refilled"
        );
        messages.push(field_error(&html).expect("the error next to the field"));
    }
    messages.dedup();
    assert_eq!(messages.len(), 1, "one message whatever the reason: {messages:?}");
    for word in ["expired", "denied", "used", "unknown"] {
        assert!(!messages[0].to_lowercase().contains(word), "{}", messages[0]);
    }
    // Four wrong codes spent the guesser's budget and the address's: the right code is refused
    // too, so guessing gains nothing.
    let (status, html) = guesser.enter(&code).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{html}");
    assert!(!html.contains("Tool guess"));
    let form = [("user_code", code.as_str()), ("decision", "allow")];
    let (status, _, _) = guesser.post("/oauth2/device/confirm", &form).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "the confirmation checks it too");
    // The same person elsewhere, and someone else at that address, wait too.
    guesser.from = Some("203.0.113.200".into());
    let (status, _) = guesser.enter(&code).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "the person's budget");
    let (neighbour, _) = person(&app, "neighbour@example.com").await;
    let mut neighbour = neighbour.from("203.0.113.7");
    let (status, _) = neighbour.enter(&code).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "the address's budget");
    // Someone else elsewhere is not held up, and the code still works.
    let (owner, _) = person(&app, "owner@example.com").await;
    let mut owner = owner.from("192.0.2.1");
    let done = owner.approve(&code, "allow").await;
    assert_eq!(outcome(&done).as_deref(), Some("allowed"));
    let (status, body) = poll(&app, &cli, device_code(&target)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

async fn a_client_without_the_grant_is_refused_and_registration_never_gives_it(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_DYNAMIC_REGISTRATION", "open")]).await;
    let web = ClientSpec {
        client_id: Some("web".into()),
        name: Some("Web".into()),
        redirect_uris: Some(vec!["http://127.0.0.1:9/cb".into()]),
        ..Default::default()
    };
    let web = tool(&app, web).await;
    let (status, body) =
        as_tool(&app, &web, "/oauth2/device_authorization", &[("scope", "openid")]).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("unauthorized_client"))
    );
    let (status, body) = poll(&app, &web, "anything").await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("unauthorized_client"))
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM oauth_device_codes").await, 0);

    // A scope the client may not ask for, and a wrong secret.
    let cli = tool(&app, tool_spec("scoped", false)).await;
    let (status, body) =
        as_tool(&app, &cli, "/oauth2/device_authorization", &[("scope", "openid admin")]).await;
    assert_eq!((status, body["error"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_scope")));
    let wrong = Tool { id: cli.id.clone(), secret: Some("not the secret".into()) };
    let (status, body) = as_tool(&app, &wrong, "/oauth2/device_authorization", &[]).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("invalid_client"))
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM oauth_device_codes").await, 0);
    // No scope at all is plain OAuth: an access token alone.
    let plain = start(&app, &cli, "").await;
    let (mut browser, _) = person(&app, "plain@example.com").await;
    browser.approve(user_code(&plain), "allow").await;
    let (status, tokens) = poll(&app, &cli, device_code(&plain)).await;
    assert_eq!(status, StatusCode::OK, "{tokens}");
    assert!(tokens.get("id_token").is_none() && tokens.get("refresh_token").is_none());

    // A client that registers itself may not have the grant.
    let res = app
        .client
        .post(app.url("/oauth2/register"))
        .json(&json!({"redirect_uris": ["http://127.0.0.1:9/cb"], "grant_types": ["authorization_code", GRANT]}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"], "invalid_client_metadata", "{body}");
    assert_eq!(app.auth.clients().await.unwrap().len(), 2, "nothing registered");
    // The operator may give it (the command line and the admin API share this).
    let updated = ClientSpec {
        grant_types: Some(vec!["authorization_code".into(), GRANT.into()]),
        ..Default::default()
    };
    let by = portcullis::service::operator();
    app.auth.update_client("web", &updated, &by).await.unwrap();
    start(&app, &web, "openid").await;
}

async fn a_public_client_needs_no_secret(db: Db) {
    let app = TestApp::spawn(db).await;
    let cli = tool(&app, tool_spec("public-cli", true)).await;
    assert!(cli.secret.is_none());
    let started = start(&app, &cli, "openid offline_access").await;
    let (mut browser, _) = person(&app, "public@example.com").await;
    browser.approve(user_code(&started), "allow").await;
    let (status, tokens) = poll(&app, &cli, device_code(&started)).await;
    assert_eq!(status, StatusCode::OK, "{tokens}");
    assert!(tokens["refresh_token"].is_string(), "{tokens}");
    // Its refresh token works without a secret too.
    let rt = tokens["refresh_token"].as_str().unwrap();
    let (status, body) = as_tool(
        &app,
        &cli,
        "/oauth2/token",
        &[("grant_type", "refresh_token"), ("refresh_token", rt)],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // A client_id nobody registered is no client.
    let nobody = Tool { id: "nobody".into(), secret: None };
    let (status, body) = as_tool(&app, &nobody, "/oauth2/device_authorization", &[]).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("invalid_client"))
    );
}

async fn a_device_grant_ends_like_any_other(db: Db) {
    let app = TestApp::spawn(db).await;
    let cli = tool(&app, tool_spec("ends", false)).await;
    let email = "ends@example.com";
    let (mut browser, _) = person(&app, email).await;
    let session = browser.cookies["session_id"].clone();
    let userinfo = |token: String| {
        let req = app.client.get(app.url("/oauth2/userinfo")).bearer_auth(token);
        async move { req.send().await.unwrap().status() }
    };
    let sign_in = async |browser: &mut Browser<'_>, scope: &str| {
        let started = start(&app, &cli, scope).await;
        browser.approve(user_code(&started), "allow").await;
        let (status, tokens) = poll(&app, &cli, device_code(&started)).await;
        assert_eq!(status, StatusCode::OK, "{tokens}");
        tokens
    };
    let online = sign_in(&mut browser, "openid").await;
    let offline = sign_in(&mut browser, "openid offline_access").await;
    let revoked = sign_in(&mut browser, "openid offline_access").await;
    // Allowed, but the session ends before the device comes for its tokens: nothing.
    let late = start(&app, &cli, "openid offline_access").await;
    browser.approve(user_code(&late), "allow").await;

    // The client revokes one grant.
    let res = app
        .client
        .post(app.url("/oauth2/revoke"))
        .basic_auth(&cli.id, cli.secret.as_deref())
        .form(&[("token", revoked["refresh_token"].as_str().unwrap())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        userinfo(revoked["access_token"].as_str().unwrap().into()).await,
        StatusCode::UNAUTHORIZED
    );

    // The browser's session ends: the grant without offline_access with it.
    let res =
        app.with_cookie(reqwest::Method::POST, "/api/auth/logout", &session).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        userinfo(online["access_token"].as_str().unwrap().into()).await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(userinfo(offline["access_token"].as_str().unwrap().into()).await, StatusCode::OK);
    assert_eq!(poll_error(&app, &cli, device_code(&late)).await, "invalid_grant");

    // A password change ends every grant, offline ones too.
    let login = app.login(email, PASSWORD).await;
    let res = app
        .with_cookie(reqwest::Method::POST, "/api/auth/change-password", &login.cookie)
        .json(&json!({"current_password": PASSWORD, "new_password": "a different long secret"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        userinfo(offline["access_token"].as_str().unwrap().into()).await,
        StatusCode::UNAUTHORIZED
    );
    let rt = offline["refresh_token"].as_str().unwrap();
    let (status, body) = as_tool(
        &app,
        &cli,
        "/oauth2/token",
        &[("grant_type", "refresh_token"), ("refresh_token", rt)],
    )
    .await;
    assert_eq!((status, body["error"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_grant")));
}
