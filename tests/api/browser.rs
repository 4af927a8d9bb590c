//! The hosted pages (`/account/…`): in a real headless Chromium driven over WebDriver (a whole
//! life of an account: register, confirm, log in, sessions, change password, log out, forgot
//! and reset), and over plain HTTP for what a browser would not show (CSRF refusals, headers,
//! redirects). SQLite only: these test the pages, not the store.
//!
//! Chromium and chromedriver come from Debian's `chromium` and `chromium-driver` packages
//! (`.ci/run` installs them); without `/usr/bin/chromedriver` (or `$CHROMEDRIVER`) the browser
//! tests are skipped, unless `CI=true`. They also take the README's screenshots: written to
//! `docs/screenshots/` when those are missing or `UPDATE_SCREENSHOTS=1`, otherwise to the
//! target directory, so that an ordinary test run leaves the committed pictures alone.

use std::future::Future;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, Locator};
use reqwest::header::{CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{session_cookie, Db, TestApp, PASSWORD};

/// WebDriver's keys.
const ENTER: &str = "\u{e007}";
const TAB: &str = "\u{e004}";

const IPHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 \
                      (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

// ---------------------------------------------------------------------------------------------
// The browser
// ---------------------------------------------------------------------------------------------

/// A chromedriver of our own on a free port, and one Chromium session through it.
pub struct Browser {
    client: Client,
    /// The page's viewport, in CSS pixels.
    size: (u32, u32),
    driver: Child,
    _profile: tempfile::TempDir,
}

pub(crate) fn ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl Browser {
    /// `None` (with a message) when chromedriver is not installed; under `CI=true` that fails.
    pub async fn start(width: u32, height: u32) -> Option<Self> {
        Self::launch(width, height, true).await
    }

    /// [`Browser::start`] with JavaScript turned off for every page (Blink's setting and the
    /// profile's content setting both), as a browser whose user turned it off.
    pub async fn start_without_script(width: u32, height: u32) -> Option<Self> {
        Self::launch(width, height, false).await
    }

    async fn launch(width: u32, height: u32, script: bool) -> Option<Self> {
        let driver_path =
            std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        if !Path::new(&driver_path).exists() {
            assert!(
                !ci(),
                "{driver_path} is missing and CI=true: install Debian's chromium and \
                 chromium-driver (.ci/run does)"
            );
            eprintln!(
                "skipping the browser test: {driver_path} not found (apt-get install chromium \
                 chromium-driver, or set CHROMEDRIVER)"
            );
            return None;
        }
        let port = free_port();
        let driver = Command::new(&driver_path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let mut driver = DriverGuard(Some(driver));
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let profile = tempfile::tempdir().unwrap();
        let args = vec![
            "--headless".to_owned(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-dev-shm-usage".into(),
            "--disable-quic".into(),
            "--no-first-run".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--hide-scrollbars".into(),
            "--force-device-scale-factor=1".into(),
            "--disable-breakpad".into(),
            format!("--window-size={width},{height}"),
            format!("--user-data-dir={}", profile.path().display()),
        ];
        let mut args = args;
        if !script {
            args.push("--blink-settings=scriptEnabled=false".into());
        }
        let mut options = json!({ "args": args });
        if !script {
            options["prefs"] = json!({ "profile.managed_default_content_settings.javascript": 2 });
        }
        if Path::new("/usr/bin/chromium").exists() {
            options["binary"] = json!("/usr/bin/chromium");
        }
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), json!("chrome"));
        caps.insert("goog:chromeOptions".into(), options);
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = fantoccini::ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a Chromium session through chromedriver");
        Some(Self {
            client,
            size: (width, height),
            driver: driver.0.take().unwrap(),
            _profile: profile,
        })
    }

    /// Runs `test` with this browser, then ends the session (closing Chromium) whatever
    /// happened, and only then lets a failure through.
    pub async fn run<F, Fut>(self, test: F)
    where
        F: FnOnce(Client) -> Fut,
        Fut: Future<Output = ()>,
    {
        use futures::FutureExt;
        let client = self.client.clone();
        let (width, height) = self.size;
        let sized_then_tested = async move {
            set_viewport(&client, width, height).await;
            test(client).await
        };
        let outcome = std::panic::AssertUnwindSafe(sized_then_tested).catch_unwind().await;
        let _ = self.client.clone().close().await;
        drop(self);
        if let Err(panic) = outcome {
            std::panic::resume_unwind(panic);
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// Kills chromedriver if starting the session fails half-way.
struct DriverGuard(Option<Child>);

impl Drop for DriverGuard {
    fn drop(&mut self) {
        if let Some(mut c) = self.0.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

pub async fn css(b: &Client, selector: &str) -> fantoccini::elements::Element {
    let found = b.wait().at_most(Duration::from_secs(5)).for_element(Locator::Css(selector)).await;
    match found {
        Ok(element) => element,
        Err(e) => panic!("no {selector} on {}: {e}", b.current_url().await.unwrap()),
    }
}

pub async fn fill(b: &Client, id: &str, text: &str) {
    let input = css(b, &format!("#{id}")).await;
    input.clear().await.unwrap();
    input.send_keys(text).await.unwrap();
}

pub async fn click(b: &Client, selector: &str) {
    css(b, selector).await.click().await.unwrap();
}

pub async fn text(b: &Client, selector: &str) -> String {
    css(b, selector).await.text().await.unwrap()
}

/// Waits until the page's title is `title` (for a form that answers on the same path).
pub async fn wait_for_title(b: &Client, title: &str) {
    let mut shown = String::new();
    for _ in 0..100 {
        shown = b.title().await.unwrap_or_default();
        if shown == title {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("expected the page {title:?}, still on {shown:?}");
}

/// Waits until the browser is on `path` (submitting a form navigates asynchronously).
pub async fn wait_for_path(b: &Client, path: &str) {
    let mut at = String::new();
    for _ in 0..100 {
        let url = b.current_url().await.unwrap();
        at = url.path().to_owned();
        if at == path {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let shown = match b.find(Locator::Css("main")).await {
        Ok(main) => main.text().await.unwrap_or_default(),
        Err(_) => b.source().await.unwrap_or_default(),
    };
    panic!("expected to be on {path}, still on {at}, showing:\n{shown}");
}

pub async fn flash(b: &Client) -> String {
    text(b, ".flash").await
}

/// Every URL the page loaded or points at (resources, links, form targets, the icon) is on
/// the server; nothing inline (no `<script>`, no `style=`); and the stylesheet did load and
/// apply under the Content-Security-Policy.
pub async fn assert_self_contained(b: &Client, origin: &str) {
    let found = b
        .execute(
            r#"
            const urls = performance.getEntriesByType('resource').map(e => e.name);
            for (const el of document.querySelectorAll('[src],[href],[action]')) {
                for (const a of ['src', 'href', 'action']) {
                    if (el.hasAttribute(a)) {
                        urls.push(new URL(el.getAttribute(a), document.baseURI).href);
                    }
                }
            }
            return {
                urls,
                resources: performance.getEntriesByType('resource').length,
                inline: document.querySelectorAll('script:not([src]), [style], style').length,
                background: getComputedStyle(document.body).backgroundColor,
            };
            "#,
            vec![],
        )
        .await
        .unwrap();
    let page = b.current_url().await.unwrap();
    for url in found["urls"].as_array().unwrap() {
        let url = url.as_str().unwrap();
        assert!(url.starts_with(&format!("{origin}/")), "{page} refers to {url}");
    }
    assert!(found["resources"].as_u64().unwrap() >= 1, "{page} loaded its stylesheet");
    assert_eq!(found["inline"], 0, "{page} has inline script or style");
    assert_ne!(found["background"], "rgba(0, 0, 0, 0)", "{page} is styled");
}

/// The size of the page's viewport, in CSS pixels.
async fn viewport(b: &Client) -> (u32, u32) {
    let size = b.execute("return [window.innerWidth, window.innerHeight]", vec![]).await.unwrap();
    (size[0].as_u64().unwrap() as u32, size[1].as_u64().unwrap() as u32)
}

/// Sizes the window so that the page itself gets `width` × `height` (the window's frame
/// takes some of the window even when headless).
async fn set_viewport(b: &Client, width: u32, height: u32) {
    // The frame's share is read back after each resize (a resize may land late under load),
    // a few times at most; never a size below one pixel.
    let (mut outer_w, mut outer_h) = (i64::from(width), i64::from(height));
    for _ in 0..5 {
        b.set_window_size(outer_w.max(1) as u32, outer_h.max(1) as u32).await.unwrap();
        let (w, h) = viewport(b).await;
        if (w, h) == (width, height) {
            return;
        }
        outer_w += i64::from(width) - i64::from(w);
        outer_h += i64::from(height) - i64::from(h);
    }
}

/// Saves a screenshot of the whole page at the browser's width.
pub async fn screenshot(b: &Client, name: &str) {
    let (width, height) = viewport(b).await;
    let content = b
        .execute("return document.documentElement.scrollHeight", vec![])
        .await
        .unwrap()
        .as_u64()
        .unwrap() as u32;
    if content > height {
        set_viewport(b, width, content).await;
    }
    let png = b.screenshot().await.unwrap();
    if content > height {
        set_viewport(b, width, height).await;
    }
    let committed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots").join(name);
    let update = std::env::var("UPDATE_SCREENSHOTS").is_ok_and(|v| v == "1");
    let path = if update || !committed.exists() {
        committed
    } else {
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name)
    };
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, png).unwrap();
}

/// The one link in the newest mail to `to` whose subject contains `subject`, waiting for that
/// mail (not merely for any mail: the confirmation is already there when the reset is asked for).
pub(crate) async fn mailed_link(app: &TestApp, to: &str, subject: &str) -> String {
    let mail = app.mail_about(to, subject).await;
    let body = mail["text"].as_str().unwrap();
    let start = body.find("http").expect("a link");
    body[start..].split_whitespace().next().unwrap().to_owned()
}

/// A second session for `email`, from an API client on a phone.
async fn api_login_from_phone(app: &TestApp, email: &str, password: &str) -> String {
    let res = app
        .client
        .post(app.url("/api/auth/login"))
        .header("user-agent", IPHONE)
        .json(&json!({"email": email, "password": password}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    session_cookie(res.headers()).unwrap()
}

// ---------------------------------------------------------------------------------------------
// In the browser
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_manages_an_account_from_start_to_finish_in_a_real_browser() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let Some(browser) = Browser::start(1000, 800).await else { return };
    browser.run(|b| whole_life(app, b)).await;
}

async fn whole_life(app: TestApp, b: Client) {
    let email = "alice@example.com";
    let second = "a much longer passphrase";
    let third = "yet another fine passphrase";

    // The login page, as the README shows it.
    b.goto(&app.url("/account/login")).await.unwrap();
    assert_eq!(b.title().await.unwrap(), "Log in · Portcullis");
    assert_self_contained(&b, &app.base).await;
    screenshot(&b, "login.png").await;

    // Register.
    click(&b, "a[href='/account/register']").await;
    wait_for_path(&b, "/account/register").await;
    assert_self_contained(&b, &app.base).await;
    fill(&b, "email", email).await;
    fill(&b, "username", "alice").await;
    fill(&b, "password", PASSWORD).await;
    fill(&b, "confirm_password", PASSWORD).await;
    click(&b, "button[type=submit]").await;
    wait_for_path(&b, "/account/login").await;
    assert!(flash(&b).await.contains("Check your email"));

    // The verification mail's link shows a button; the click confirms.
    let link = mailed_link(&app, email, "Confirm").await;
    assert!(link.starts_with(&app.url("/account/verify-email?token=")), "{link}");
    b.goto(&link).await.unwrap();
    assert_self_contained(&b, &app.base).await;
    click(&b, "button[type=submit]").await;
    wait_for_path(&b, "/account/login").await;
    assert!(flash(&b).await.contains("confirmed"));

    // A wrong password: the error is next to the password, the email is kept.
    fill(&b, "email", email).await;
    fill(&b, "password", "not my password").await;
    click(&b, "button[type=submit]").await;
    let error = text(&b, "#password-error").await;
    assert!(error.contains("Invalid email or password"), "{error}");
    let kept = css(&b, "#email").await.prop("value").await.unwrap();
    assert_eq!(kept.as_deref(), Some(email));
    let password = css(&b, "#password").await.prop("value").await.unwrap();
    assert_eq!(password.as_deref(), Some(""), "passwords are never sent back");

    // Log in, with the Enter key.
    fill(&b, "password", PASSWORD).await;
    css(&b, "#password").await.send_keys(ENTER).await.unwrap();
    wait_for_path(&b, "/account/").await;
    assert_self_contained(&b, &app.base).await;
    let profile = text(&b, ".facts").await;
    assert!(profile.contains(email) && profile.contains("alice"), "{profile}");
    assert!(profile.contains("Verified"), "{profile}");

    // Another session (the API, from a phone) shows up, and can be revoked from here.
    let phone = api_login_from_phone(&app, email, PASSWORD).await;
    b.refresh().await.unwrap();
    assert_eq!(b.find_all(Locator::Css("li.session")).await.unwrap().len(), 2);
    assert!(text(&b, "li.session:not(.current)").await.contains("Safari on iPhone"));
    screenshot(&b, "account.png").await;
    click(&b, "li.session:not(.current) button").await;
    wait_for_path(&b, "/account/").await;
    assert_eq!(flash(&b).await, "Session revoked.");
    assert_eq!(app.user_status_cookie(&phone).await, StatusCode::UNAUTHORIZED);
    assert_eq!(b.find_all(Locator::Css("li.session")).await.unwrap().len(), 1);

    // Change the password: the new confirmation must match first.
    fill(&b, "current_password", PASSWORD).await;
    fill(&b, "new_password", second).await;
    fill(&b, "confirm_password", "something else entirely").await;
    click(&b, "form[action='/account/change-password'] button").await;
    assert!(text(&b, "#confirm_password-error").await.contains("not the same"));
    fill(&b, "current_password", PASSWORD).await;
    fill(&b, "new_password", second).await;
    fill(&b, "confirm_password", second).await;
    click(&b, "form[action='/account/change-password'] button").await;
    wait_for_path(&b, "/account/").await;
    assert!(flash(&b).await.starts_with("Password changed"));
    let old = app.post_json("/api/auth/login", json!({"email": email, "password": PASSWORD})).await;
    assert_eq!(old.status(), StatusCode::UNAUTHORIZED);

    // Log out: the account page now sends us to log in.
    click(&b, "form[action='/account/logout'] button").await;
    wait_for_path(&b, "/account/login").await;
    assert_eq!(flash(&b).await, "You have logged out.");
    b.goto(&app.url("/account/")).await.unwrap();
    wait_for_path(&b, "/account/login").await;

    // Forgot password, then the reset link.
    click(&b, "a[href='/account/forgot-password']").await;
    wait_for_path(&b, "/account/forgot-password").await;
    assert_self_contained(&b, &app.base).await;
    fill(&b, "email", email).await;
    click(&b, "button[type=submit]").await;
    wait_for_path(&b, "/account/login").await;
    assert!(flash(&b).await.contains("Check your email"));
    let link = mailed_link(&app, email, "Reset").await;
    assert!(link.starts_with(&app.url("/account/reset-password?token=")), "{link}");
    b.goto(&link).await.unwrap();
    assert_self_contained(&b, &app.base).await;
    fill(&b, "new_password", third).await;
    fill(&b, "confirm_password", third).await;
    click(&b, "button[type=submit]").await;
    wait_for_path(&b, "/account/login").await;
    assert!(flash(&b).await.starts_with("Password reset"));

    // And in with the newest password.
    fill(&b, "email", email).await;
    fill(&b, "password", third).await;
    click(&b, "button[type=submit]").await;
    wait_for_path(&b, "/account/").await;
    assert!(text(&b, ".facts").await.contains(email));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_sets_up_two_factor_authentication_and_logs_in_with_a_code() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let Some(browser) = Browser::start(1000, 900).await else { return };
    browser.run(|b| two_factor(app, b)).await;
}

async fn two_factor(app: TestApp, b: Client) {
    use crate::mfa::{base32_decode, fresh_step, now, totp_at};
    let email = "totp@example.com";
    app.register(email, PASSWORD).await;
    app.verify(email).await;
    b.goto(&app.url("/account/login")).await.unwrap();
    fill(&b, "email", email).await;
    fill(&b, "password", PASSWORD).await;
    click(&b, "button[type=submit]").await;
    wait_for_path(&b, "/account/").await;

    // Set up: just logged in, so no password is asked for.
    click(&b, "form[action='/account/mfa/setup'] button[type=submit]").await;
    wait_for_path(&b, "/account/mfa/setup").await;
    assert_eq!(b.title().await.unwrap(), "Set up two-factor authentication · Portcullis");
    assert_self_contained(&b, &app.base).await;
    let drawn =
        b.execute("return document.querySelector('.qr img').naturalWidth;", vec![]).await.unwrap();
    assert!(drawn.as_u64().unwrap_or(0) > 0, "the QR code loaded under the CSP");
    screenshot(&b, "mfa-setup.png").await;
    let apart = "const s = [...document.querySelectorAll('code.secret span')];
                 return s[1].getBoundingClientRect().left - s[0].getBoundingClientRect().right;";
    let gap = b.execute(apart, vec![]).await.unwrap().as_f64().unwrap();
    assert!(gap > 2.0, "the key's groups are set apart: {gap} px");
    // On a narrow phone the key breaks only between its groups of four.
    let one_line = |selector: &str| {
        format!(
            "const all = [...document.querySelectorAll('{selector}')];
             return all.length > 0 && all.every(e => e.getClientRects().length === 1);"
        )
    };
    set_viewport(&b, 300, 900).await;
    let fits = b.execute(&one_line("code.secret span"), vec![]).await.unwrap();
    assert_eq!(fits, json!(true), "a group of the key broken across lines");
    set_viewport(&b, 1000, 900).await;
    let secret = base32_decode(&text(&b, "code.secret").await);
    fresh_step().await;
    fill(&b, "code", &totp_at(&secret, now())).await;
    click(&b, "button[type=submit]").await;
    wait_for_path(&b, "/account/mfa/confirm").await;
    let codes = b.find_all(Locator::Css(".codes code")).await.unwrap();
    assert_eq!(codes.len(), 10);
    for width in [1000, 300] {
        set_viewport(&b, width, 900).await;
        let fits = b.execute(&one_line(".codes code"), vec![]).await.unwrap();
        assert_eq!(fits, json!(true), "a recovery code broken across lines at {width} px");
    }
    set_viewport(&b, 1000, 900).await;
    let recovery = codes[0].text().await.unwrap();

    // Log out, and back in: the password, then a code.
    b.goto(&app.url("/account/")).await.unwrap();
    assert!(text(&b, "#mfa-title").await.contains("Two-factor"));
    click(&b, "form[action='/account/logout'] button").await;
    wait_for_path(&b, "/account/login").await;
    fill(&b, "email", email).await;
    fill(&b, "password", PASSWORD).await;
    click(&b, "button[type=submit]").await;
    // The code prompt answers the login form's POST, on the same path.
    wait_for_title(&b, "Two-factor code · Portcullis").await;
    assert_self_contained(&b, &app.base).await;
    fill(&b, "code", "000000").await;
    click(&b, "button[type=submit]").await;
    wait_for_path(&b, "/account/mfa/verify").await;
    assert!(text(&b, ".field-error").await.contains("Invalid"), "a wrong code is refused");
    fill(&b, "code", &recovery).await;
    click(&b, "button[type=submit]").await;
    wait_for_path(&b, "/account/").await;
    assert!(b.source().await.unwrap().contains("9 recovery codes left"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pages_fit_a_phone_and_work_with_the_keyboard_alone() {
    let app = TestApp::spawn(Db::Sqlite).await;
    app.register("bob@example.com", PASSWORD).await;
    let Some(browser) = Browser::start(390, 844).await else { return };
    browser.run(|b| phone_and_keyboard(app, b)).await;
}

async fn phone_and_keyboard(app: TestApp, b: Client) {
    let fits = "return document.documentElement.scrollWidth <= window.innerWidth";
    for path in ["/account/register", "/account/forgot-password", "/account/login"] {
        b.goto(&app.url(path)).await.unwrap();
        assert_eq!(b.execute(fits, vec![]).await.unwrap(), json!(true), "{path} fits");
    }
    // On the login page the cursor starts in the first field; Tab goes on to the password,
    // Enter submits.
    let focused = "return document.activeElement.id";
    assert_eq!(b.execute(focused, vec![]).await.unwrap(), json!("email"));
    b.active_element().await.unwrap().send_keys("bob@example.com").await.unwrap();
    b.active_element().await.unwrap().send_keys(TAB).await.unwrap();
    assert_eq!(b.execute(focused, vec![]).await.unwrap(), json!("password"));
    b.active_element().await.unwrap().send_keys(&format!("{PASSWORD}{ENTER}")).await.unwrap();
    wait_for_path(&b, "/account/").await;
    assert_eq!(b.execute(fits, vec![]).await.unwrap(), json!(true), "the account page fits");
    // Every control of the account page can be reached with Tab.
    let reachable = r#"
        const all = 'a[href], button, input:not([type=hidden])';
        const controls = [...document.querySelectorAll(all)];
        return controls.every(c => c.tabIndex >= 0 && !c.disabled);
    "#;
    assert_eq!(b.execute(reachable, vec![]).await.unwrap(), json!(true));
}

// ---------------------------------------------------------------------------------------------
// Over HTTP
// ---------------------------------------------------------------------------------------------

/// A browser's CSRF cookie and the token its forms carry, from a GET of the login page.
pub async fn csrf(app: &TestApp) -> (String, String) {
    let res = app.get("/account/login").await;
    let cookie = res
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|v| v.starts_with("portcullis_csrf="))
        .expect("a CSRF cookie");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
    let cookie = cookie.split(';').next().unwrap().to_owned();
    let html = res.text().await.unwrap();
    let token = hidden(&html, "csrf").expect("a CSRF field");
    assert_eq!(cookie, format!("portcullis_csrf={token}"));
    (cookie, token)
}

/// The value of the hidden field `name`.
fn hidden(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker)? + marker.len();
    Some(unescape(&html[start..start + html[start..].find('"')?]))
}

fn unescape(s: &str) -> String {
    s.replace("&#x2f;", "/").replace("&amp;", "&").replace("&quot;", "\"")
}

/// A form POST to a page with `cookies`.
pub async fn post_page(
    app: &TestApp,
    path: &str,
    cookies: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(COOKIE, cookies)
        .body(serde_urlencoded::to_string(form).unwrap())
        .send()
        .await
        .unwrap()
}

pub fn location(res: &reqwest::Response) -> &str {
    res.headers().get(LOCATION).map(|v| v.to_str().unwrap()).unwrap_or_default()
}

#[tokio::test]
async fn a_page_post_without_the_csrf_token_is_refused_and_changes_nothing() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let (cookie, token) = csrf(&app).await;
    let (other_cookie, other_token) = csrf(&app).await;
    let form = [("email", "carol@example.com"), ("password", PASSWORD)];
    let with = |t| [form.as_slice(), &[("csrf", t)]].concat();
    for (cookies, fields) in [
        (cookie.as_str(), form.to_vec()),      // no field
        ("", with(&token)),                    // no cookie
        (cookie.as_str(), with("forged")),     // wrong field
        (cookie.as_str(), with(&other_token)), // another browser's token
        (other_cookie.as_str(), with(&token)),
    ] {
        let res = post_page(&app, "/account/register", cookies, &fields).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        assert!(res.headers()[CONTENT_TYPE].to_str().unwrap().starts_with("text/html"));
        assert!(res.text().await.unwrap().contains("This form has expired"));
    }
    // Nothing was created: the address is still free.
    let res = app
        .post_json(
            "/api/auth/register",
            json!({"email": "carol@example.com", "password": PASSWORD}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);

    // A login without the token opens no session either, even with the right password.
    let res = post_page(&app, "/account/login", &cookie, &form).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(session_cookie(res.headers()).is_none());
    // A browser's `Origin: null` passes the Origin check only for a same-origin form (what
    // Chromium sends under `Referrer-Policy: no-referrer`), never from another site.
    let from = |site: &'static str| {
        app.client
            .post(app.url("/account/login"))
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(COOKIE, &cookie)
            .header("origin", "null")
            .header("sec-fetch-site", site)
            .body(serde_urlencoded::to_string(with(&token)).unwrap())
            .send()
    };
    assert_eq!(from("cross-site").await.unwrap().status(), StatusCode::FORBIDDEN);
    // With the token, a login opens the API's session, and starts a new CSRF token.
    let res = from("same-origin").await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/account/");
    let renewed = res.headers().get_all(SET_COOKIE).iter().any(|c| {
        c.to_str().unwrap().starts_with("portcullis_csrf=") && !c.to_str().unwrap().contains(&token)
    });
    assert!(renewed, "a new CSRF token after login");
    let line = crate::helpers::set_cookie_line(res.headers()).unwrap();
    assert!(line.contains("HttpOnly") && line.contains("SameSite=Lax"), "{line}");
    let session = session_cookie(res.headers()).unwrap();
    assert_eq!(app.user_status_cookie(&session).await, StatusCode::OK);

    // A logged-in POST without the token (revoke, log out, change password) does nothing.
    let cookies = format!("{cookie}; session_id={session}");
    for path in ["/account/logout", "/account/sessions/revoke-others", "/account/change-password"] {
        let res = post_page(&app, path, &cookies, &[("new_password", "x")]).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{path}");
    }
    assert_eq!(app.user_status_cookie(&session).await, StatusCode::OK);
}

/// Every page a browser can GET without a session, and the account page with one.
async fn every_page(app: &TestApp) -> Vec<(String, String)> {
    let mut pages = Vec::new();
    for path in [
        "/account/login",
        "/account/register",
        "/account/forgot-password",
        "/account/reset-password?token=abc",
        "/account/verify-email?token=abc",
        "/account/reset-password",
        "/account/no-such-page",
    ] {
        pages.push((path.to_owned(), String::new()));
    }
    let login = app.user("dave@example.com").await;
    pages.push(("/account/".to_owned(), format!("session_id={}", login.cookie)));
    pages
}

#[tokio::test]
async fn pages_are_sent_with_a_strict_content_security_policy() {
    let app = TestApp::spawn(Db::Sqlite).await;
    for (path, cookies) in every_page(&app).await {
        let res = app.client.get(app.url(&path)).header(COOKIE, cookies).send().await.unwrap();
        let h = res.headers();
        assert_eq!(
            h["content-security-policy"],
            "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; \
             img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
            "{path}"
        );
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "no-referrer", "{path}");
        assert_eq!(h["cache-control"], "no-store", "{path}");
        assert!(h[CONTENT_TYPE].to_str().unwrap().starts_with("text/html"), "{path}");
    }
    // The refusals answered before a page's handler are pages too.
    let res = post_page(&app, "/account/login", "", &[]).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(res.headers()["x-frame-options"], "DENY");
}

#[tokio::test]
async fn pages_load_nothing_from_outside_the_server() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let mut assets = Vec::new();
    for (path, cookies) in every_page(&app).await {
        let res = app.client.get(app.url(&path)).header(COOKIE, cookies).send().await.unwrap();
        let html = res.text().await.unwrap();
        assert!(!html.contains("<script"), "{path} has a script");
        assert!(!html.contains(" style=") && !html.contains("<style"), "{path} has inline style");
        for attr in ["src=\"", "href=\"", "action=\""] {
            for piece in html.split(attr).skip(1) {
                let url = unescape(&piece[..piece.find('"').unwrap()]);
                if url.starts_with('#') {
                    continue;
                }
                assert!(
                    url.starts_with('/') && !url.starts_with("//"),
                    "{path} refers to {url} outside the server"
                );
                if url.starts_with("/account/static/") {
                    assets.push(url);
                }
            }
        }
    }
    assert!(assets.iter().any(|a| a.contains("portcullis.css")));
    for asset in assets {
        let res = app.get(&asset).await;
        assert_eq!(res.status(), StatusCode::OK, "{asset}");
        let kind = res.headers()[CONTENT_TYPE].to_str().unwrap().to_owned();
        let cache = res.headers()["cache-control"].to_str().unwrap().to_owned();
        assert_eq!(cache, "public, max-age=31536000, immutable", "{asset}");
        let body = res.text().await.unwrap();
        if asset.contains(".css") {
            assert_eq!(kind, "text/css; charset=utf-8");
            assert!(
                !body.contains("url(") && !body.contains("@import"),
                "the stylesheet loads nothing"
            );
        } else {
            assert_eq!(kind, "image/svg+xml");
            assert!(!body.contains("href") && !body.contains("<script"), "the icon loads nothing");
        }
    }
}

#[tokio::test]
async fn next_only_leads_to_paths_on_this_server() {
    let app = TestApp::spawn(Db::Sqlite).await;
    app.register("erin@example.com", PASSWORD).await;
    let (cookie, token) = csrf(&app).await;
    for (next, expected) in [
        ("/account/?tab=sessions", "/account/?tab=sessions"),
        ("//evil.example/", "/account/"),
        ("/\\evil.example/", "/account/"),
        ("https://evil.example/", "/account/"),
        ("javascript:alert(1)", "/account/"),
        ("", "/account/"),
    ] {
        let form = [
            ("email", "erin@example.com"),
            ("password", PASSWORD),
            ("next", next),
            ("csrf", token.as_str()),
        ];
        let res = post_page(&app, "/account/login", &cookie, &form).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{next}");
        assert_eq!(location(&res), expected, "{next}");
        // The login page carries it along only when it is safe.
        let page =
            app.get(&format!("/account/login?next={}", crate::helpers::urlencode(next))).await;
        let html = page.text().await.unwrap();
        assert_eq!(hidden(&html, "next").as_deref(), Some(expected), "{next}");
    }
}

#[tokio::test]
async fn a_refused_form_comes_back_with_the_error_by_its_field_and_no_password() {
    let app = TestApp::spawn(Db::Sqlite).await;
    app.register("frank@example.com", PASSWORD).await;
    let (cookie, token) = csrf(&app).await;
    let secret = "a secret passphrase";
    let form = [
        ("email", "frank@example.com"),
        ("username", "frank"),
        ("password", secret),
        ("confirm_password", secret),
        ("csrf", token.as_str()),
    ];
    let res = post_page(&app, "/account/register", &cookie, &form).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let html = res.text().await.unwrap();
    let error = html.find("id=\"email-error\"").expect("an error by the email field");
    assert!(html[error..].starts_with("id=\"email-error\">Email already registered"));
    assert!(html.contains("aria-invalid=\"true\""));
    assert!(html.contains("value=\"frank@example.com\"") && html.contains("value=\"frank\""));
    assert!(!html.contains(secret), "a password is never sent back");

    // A weak password is the password field's error.
    let form = [("email", "grace@example.com"), ("password", "short"), ("csrf", token.as_str())];
    let res = post_page(&app, "/account/register", &cookie, &form).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"password-error\""), "{html}");
}

#[tokio::test]
async fn opening_a_mailed_link_spends_nothing_until_the_form_is_sent() {
    let app = TestApp::spawn(Db::Sqlite).await;
    app.register("heidi@example.com", PASSWORD).await;
    let verify = app.token_from_mail("heidi@example.com", "Confirm").await;
    for _ in 0..2 {
        let res = app.get(&format!("/account/verify-email?token={verify}")).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(hidden(&res.text().await.unwrap(), "token").as_deref(), Some(verify.as_str()));
    }
    app.post_json("/api/auth/forgot-password", json!({"email": "heidi@example.com"})).await;
    let reset = app.token_from_mail("heidi@example.com", "Reset").await;
    for _ in 0..2 {
        let res = app.get(&format!("/account/reset-password?token={reset}")).await;
        assert_eq!(res.status(), StatusCode::OK);
    }
    // Both still work, once, from the pages.
    let (cookie, token) = csrf(&app).await;
    let form = [("token", verify.as_str()), ("csrf", token.as_str())];
    let res = post_page(&app, "/account/verify-email", &cookie, &form).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = post_page(&app, "/account/verify-email", &cookie, &form).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.text().await.unwrap().contains("invalid or has expired"));
    let new = "a brand new passphrase";
    let form = [
        ("token", reset.as_str()),
        ("new_password", new),
        ("confirm_password", new),
        ("csrf", token.as_str()),
    ];
    let res = post_page(&app, "/account/reset-password", &cookie, &form).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/account/login");
    let res = post_page(&app, "/account/reset-password", &cookie, &form).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    app.login("heidi@example.com", new).await;
}

/// The `name=value` part of the `Set-Cookie` line for `name`, if the response sets it.
fn set_cookie(res: &reqwest::Response, name: &str) -> Option<String> {
    res.headers()
        .get_all(SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|v| v.starts_with(&format!("{name}=")))
}

/// The value of the login form's email field.
fn email_field(html: &str) -> Option<String> {
    let start = html.find("id=\"email\"")?;
    let tag = &html[html[..start].rfind('<')?..start + html[start..].find('>')?];
    let value = tag.find("value=\"")? + "value=\"".len();
    Some(unescape(&tag[value..value + tag[value..].find('"')?]))
}

#[tokio::test]
async fn after_registering_the_login_form_offers_the_address_just_used() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let (cookie, token) = csrf(&app).await;
    let email = "ivan+pages@example.com";
    let form = [
        ("email", email),
        ("password", PASSWORD),
        ("confirm_password", PASSWORD),
        ("csrf", token.as_str()),
    ];
    let res = post_page(&app, "/account/register", &cookie, &form).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/account/login", "no address in the URL");
    let hint = set_cookie(&res, "portcullis_login_hint").expect("a login hint");
    assert!(hint.contains("HttpOnly") && hint.contains("Path=/"), "{hint}");
    let all: Vec<_> = res.headers().get_all(SET_COOKIE).iter().collect();
    assert!(!format!("{all:?}").contains(PASSWORD), "never a password");
    let hint = hint.split(';').next().unwrap().to_owned();

    // The login page (the redirect's target) has the address in its email field.
    let cookies = format!("{cookie}; {hint}");
    let html = login_page(&app, &cookies).await;
    assert_eq!(email_field(&html).as_deref(), Some(email), "{html}");
    assert!(!html.contains(PASSWORD));
    // Still there after confirming the address from the mail first.
    app.verify(email).await;
    assert_eq!(email_field(&login_page(&app, &cookies).await).as_deref(), Some(email));
    // Without the cookie, or with one that holds no address, the field is empty.
    assert_eq!(email_field(&login_page(&app, &cookie).await), None);
    let forged = format!("{cookie}; portcullis_login_hint=PHNjcmlwdD4");
    assert_eq!(email_field(&login_page(&app, &forged).await), None);

    // Logging in forgets it.
    let login = [("email", email), ("password", PASSWORD), ("csrf", token.as_str())];
    let res = post_page(&app, "/account/login", &cookies, &login).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let cleared = set_cookie(&res, "portcullis_login_hint").expect("the hint is cleared");
    assert!(cleared.starts_with("portcullis_login_hint=;"), "{cleared}");
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
}

/// The login page's HTML, with `cookies`.
async fn login_page(app: &TestApp, cookies: &str) -> String {
    let res = app_get(app, "/account/login", cookies).await;
    assert_eq!(res.status(), StatusCode::OK);
    res.text().await.unwrap()
}

/// `GET path` with `cookies`.
async fn app_get(app: &TestApp, path: &str, cookies: &str) -> reqwest::Response {
    app.client.get(app.url(path)).header(COOKIE, cookies).send().await.unwrap()
}

#[tokio::test]
async fn an_account_without_a_username_says_so_in_words() {
    let app = TestApp::spawn(Db::Sqlite).await;
    app.register("judy@example.com", PASSWORD).await;
    app.verify("judy@example.com").await;
    let (cookie, token) = csrf(&app).await;
    let login = [("email", "judy@example.com"), ("password", PASSWORD), ("csrf", token.as_str())];
    let res = post_page(&app, "/account/login", &cookie, &login).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let session = session_cookie(res.headers()).expect("a session");
    let csrf_cookie = set_cookie(&res, "portcullis_csrf").unwrap();
    let csrf_cookie = csrf_cookie.split(';').next().unwrap();
    let res = app_get(&app, "/account/", &format!("session_id={session}; {csrf_cookie}")).await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    let row = html.find("<dt>Username</dt>").expect("a username row");
    let row = &html[row..row + html[row..].find("</div>").unwrap()];
    assert!(row.contains("Not set"), "{row}");
    assert!(!html.contains("None"), "no `None` on the page: {row}");
}

#[tokio::test]
async fn the_totp_key_is_shown_in_groups_of_four() {
    let app = TestApp::spawn(Db::Sqlite).await;
    app.register("ken@example.com", PASSWORD).await;
    app.verify("ken@example.com").await;
    let (cookie, token) = csrf(&app).await;
    let login = [("email", "ken@example.com"), ("password", PASSWORD), ("csrf", token.as_str())];
    let res = post_page(&app, "/account/login", &cookie, &login).await;
    let session = session_cookie(res.headers()).expect("a session");
    let csrf_cookie = set_cookie(&res, "portcullis_csrf").unwrap();
    let csrf_cookie = csrf_cookie.split(';').next().unwrap().to_owned();
    let token = csrf_cookie.split_once('=').unwrap().1.to_owned();
    let cookies = format!("session_id={session}; {csrf_cookie}");
    let res = post_page(&app, "/account/mfa/setup", &cookies, &[("csrf", token.as_str())]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    let marker = "<code class=\"secret\">";
    let start = html.find(marker).expect("the key") + marker.len();
    let key = &html[start..start + html[start..].find("</code>").unwrap()];
    let groups: Vec<&str> =
        key.split("<span>").skip(1).map(|g| g.split("</span>").next().unwrap()).collect();
    assert!(groups.len() >= 4, "{key}");
    assert!(groups[..groups.len() - 1].iter().all(|g| g.len() == 4), "{key}");
    // Between groups a place to break the line, but no character that a copy would take.
    assert!(!key.contains(' '), "{key}");
    assert_eq!(key.matches("<wbr>").count(), groups.len() - 1, "{key}");
}

#[tokio::test]
async fn the_account_page_sends_a_visitor_without_a_session_to_log_in() {
    let app = TestApp::spawn(Db::Sqlite).await;
    for cookies in ["", "session_id=not-a-session"] {
        let res =
            app.client.get(app.url("/account/")).header(COOKIE, cookies).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&res), "/account/login");
    }
    let res = app.get("/account").await;
    assert_eq!(location(&res), "/account/");
}

#[tokio::test]
async fn page_posts_spend_the_per_ip_rate_limit() {
    let app = TestApp::spawn_with(Db::Sqlite, &[("PORTCULLIS_RATE_LIMIT_PER_MINUTE", "2")]).await;
    let (cookie, token) = csrf(&app).await;
    let form = [("email", "ivan@example.com"), ("password", "wrong"), ("csrf", token.as_str())];
    for _ in 0..2 {
        let res = post_page(&app, "/account/login", &cookie, &form).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    let res = post_page(&app, "/account/forgot-password", &cookie, &form).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(res.headers().contains_key("retry-after"));
    assert!(res.headers()[CONTENT_TYPE].to_str().unwrap().starts_with("text/html"));
    // The API shares the budget.
    let res = app
        .post_json("/api/auth/login", json!({"email": "ivan@example.com", "password": "x"}))
        .await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn pages_can_be_turned_off() {
    let app = TestApp::spawn_with(Db::Sqlite, &[("PORTCULLIS_PAGES", "false")]).await;
    for path in ["/account/", "/account/login", "/account/static/portcullis.css"] {
        assert_eq!(app.get(path).await.status(), StatusCode::NOT_FOUND, "{path}");
    }
    let res = post_page(&app, "/account/login", "", &[("email", "x")]).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    // The API is unaffected, and the alx index no longer sends browsers to the pages.
    app.user("judy@example.com").await;
    let res = app.client.get(app.url("/")).header("accept", "text/html").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body, json!({"message": "Bienvenue"}));
}
