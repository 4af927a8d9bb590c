//! Languages (docs/languages.md): every hosted page and every mail comes from the catalogues
//! (shown with the pseudo-locale `en-XA`, in which no English word is left), the language is
//! chosen in the documented order, and `<html lang dir>` says which it is.

use reqwest::header::{ACCEPT_LANGUAGE, COOKIE, LOCATION, SET_COOKIE};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{Db, TestApp, PASSWORD};

/// What a person reads of a page or mail: its text nodes, and the `title`, `alt`,
/// `placeholder`, `aria-label` and a button's `value` of its elements.
fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        out.push(' ');
        let Some(close) = rest[open..].find('>') else { break };
        let tag = &rest[open + 1..open + close];
        for attr in ["title", "alt", "placeholder", "aria-label"] {
            if let Some(v) = attr_value(tag, attr) {
                out.push_str(&v);
                out.push(' ');
            }
        }
        if tag.starts_with("button") || tag.contains("type=\"submit\"") {
            if let Some(v) = attr_value(tag, "value") {
                out.push_str(&v);
                out.push(' ');
            }
        }
        rest = &rest[open + close + 1..];
        // The contents of a style or a script are not read.
        for skipped in ["style", "script"] {
            if tag.starts_with(skipped) {
                let end = format!("</{skipped}>");
                rest = rest.find(&end).map_or("", |i| &rest[i..]);
            }
        }
    }
    out.push_str(rest);
    out.replace("&amp;", "&").replace("&#39;", "'").replace("&quot;", "\"").replace("&#x2f;", "/")
}

fn attr_value(tag: &str, name: &str) -> Option<String> {
    let marker = format!(" {name}=\"");
    let start = tag.find(&marker)? + marker.len();
    Some(tag[start..start + tag[start..].find('"')?].to_owned())
}

/// Brand and product names, language names and what the test itself typed.
const ALLOWED: &[&str] =
    &["Portcullis", "English", "Journey", "journey", "Firefox", "Chrome", "Linux", "GitHub"];

/// Every run of three or more ASCII letters that is not a user-supplied value, an address,
/// a URL or path, or allowed: text that bypassed the catalogues.
fn english_words(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for token in text.split_whitespace() {
        if token.contains('@') || token.contains("://") || token.starts_with('/') {
            continue;
        }
        for word in token.split(|c: char| !c.is_ascii_alphabetic()) {
            if word.len() >= 3 && !ALLOWED.contains(&word) {
                found.push(word.to_owned());
            }
        }
    }
    found
}

fn assert_translated(what: &str, html: &str) {
    let words = english_words(&visible_text(html));
    assert!(words.is_empty(), "{what}: English left: {words:?}\n{html}");
}

const PSEUDO: &str = "portcullis_lang=en-XA";

async fn page(app: &TestApp, path: &str, cookies: &str) -> (StatusCode, String) {
    let res = app.client.get(app.url(path)).header(COOKIE, cookies).send().await.unwrap();
    (res.status(), res.text().await.unwrap())
}

async fn api(app: &TestApp, method: Method, path: &str, token: &str, body: Value) -> Value {
    let res = app.bearer(method, path, token).json(&body).send().await.unwrap();
    assert!(res.status().is_success(), "{path}: {}", res.status());
    res.json().await.unwrap()
}

#[tokio::test]
async fn every_page_in_the_pseudo_locale_leaves_no_english() {
    let app = TestApp::spawn_with(Db::Sqlite, &[("PORTCULLIS_EMAIL_LOGIN", "true")]).await;
    for path in [
        "/account/login",
        "/account/register",
        "/account/forgot-password",
        "/account/reset-password",
        "/account/reset-password?token=abc",
        "/account/verify-email?token=abc",
        "/account/verify-email",
        "/account/email-login",
        "/account/email-login/verify?token=abc",
        "/account/no-such-page",
    ] {
        let (_, html) = page(&app, path, PSEUDO).await;
        assert!(html.contains(r#"<html lang="en-XA" dir="ltr">"#), "{path}");
        assert_translated(path, &html);
    }

    // Signed in: the account page with a passkey-less, two-organisation account, the
    // organisation page, the device flow's page and the sign-out page.
    let login = app.user("pseudo@example.com").await;
    let org = api(
        &app,
        Method::POST,
        "/api/auth/organizations",
        &login.access_token,
        json!({"name": "Journey"}),
    )
    .await;
    let id = org["id"].as_str().or(org["organization"]["id"].as_str()).unwrap().to_owned();
    let cookies = format!("session_id={}; {PSEUDO}", login.cookie);
    for path in [
        "/account/".to_owned(),
        format!("/account/organizations/{id}"),
        "/oauth2/device".to_owned(),
        "/oauth2/logout".to_owned(),
    ] {
        let (status, html) = page(&app, &path, &cookies).await;
        assert!(status.is_success() || status.is_client_error(), "{path}: {status}");
        assert_translated(&path, &html);
    }
}

#[tokio::test]
async fn every_mail_is_in_the_stored_locale() {
    let app = TestApp::spawn_with(Db::Sqlite, &[("PORTCULLIS_EMAIL_LOGIN", "true")]).await;
    let email = "letters@example.com";
    let login = app.unverified_user(email).await;
    let me =
        api(&app, Method::PATCH, "/api/auth/user", &login.access_token, json!({"locale": "en-XA"}))
            .await;
    assert_eq!(me["locale"], "en-XA");
    // (A new verification link would be held back by the mail throttle this soon.)
    app.post_json("/api/auth/forgot-password", json!({"email": email})).await;
    app.post_json("/api/auth/email-login", json!({"email": email})).await;
    let mails = app.mails(email, 3).await;
    // The first, sent at registration, is in the language of that request (the default).
    assert!(mails[0]["html"].as_str().unwrap().contains(r#"<html lang="en" dir="ltr">"#));
    let pseudo: Vec<_> = mails.iter().skip(1).collect();
    assert_eq!(pseudo.len(), 2, "{mails:?}");
    for m in pseudo {
        let subject = m["subject"].as_str().unwrap();
        assert!(subject.starts_with('['), "{subject}");
        assert_translated(subject, &format!("<p>{subject}</p>"));
        assert_translated(subject, m["html"].as_str().unwrap());
        assert_translated(subject, m["text"].as_str().unwrap());
        assert!(m["html"].as_str().unwrap().contains(r#"<html lang="en-XA" dir="ltr">"#));
    }
}

#[tokio::test]
async fn the_language_is_chosen_in_order() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let lang_of = |html: &str| {
        let start = html.find("<html lang=\"").unwrap() + 12;
        html[start..start + html[start..].find('"').unwrap()].to_owned()
    };
    let get = |path: &str, cookie: Option<String>, accept: Option<&str>| {
        let mut req = app.client.get(app.url(path));
        if let Some(c) = cookie {
            req = req.header(COOKIE, c);
        }
        if let Some(a) = accept {
            req = req.header(ACCEPT_LANGUAGE, a);
        }
        async move { req.send().await.unwrap().text().await.unwrap() }
    };
    // The default, then Accept-Language (by quality), then the cookie, then ui_locales.
    assert_eq!(lang_of(&get("/account/login", None, None).await), "en");
    let accept = Some("de;q=0.9, en-XA;q=0.8, en;q=0.1");
    assert_eq!(lang_of(&get("/account/login", None, accept).await), "en-XA");
    let cookie = Some("portcullis_lang=en".to_owned());
    assert_eq!(lang_of(&get("/account/login", cookie.clone(), accept).await), "en");
    let next = "/account/login?next=%2Foauth2%2Fauthorize%3Fui_locales%3Den-XA%26client_id%3Dx";
    assert_eq!(lang_of(&get(next, cookie.clone(), None).await), "en-XA");
    // A stored locale beats them all.
    let login = app.user("order@example.com").await;
    let session = format!("session_id={}; portcullis_lang=en", login.cookie);
    assert_eq!(lang_of(&get("/account/", Some(session.clone()), None).await), "en");
    api(&app, Method::PATCH, "/api/auth/user", &login.access_token, json!({"locale": "en-XA"}))
        .await;
    let html = get("/account/?ui_locales=en", Some(session.clone()), Some("en")).await;
    assert_eq!(lang_of(&html), "en-XA");
    // An unknown language is refused by the API, and "" clears the choice.
    let res = app
        .bearer(Method::PATCH, "/api/auth/user", &login.access_token)
        .json(&json!({"locale": "tlh"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let me = api(&app, Method::PATCH, "/api/auth/user", &login.access_token, json!({"locale": ""}))
        .await;
    assert_eq!(me["locale"], Value::Null);
    let me = app.get_json_bearer("/api/auth/user", &login).await;
    assert_eq!(me["locale"], Value::Null);
}

#[tokio::test]
async fn the_switcher_sets_the_cookie_and_goes_back_only_to_this_site() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let (cookie, token) = crate::browser::csrf(&app).await;
    for (back, expected) in [
        ("/account/register", "/account/register"),
        ("https://evil.example/", "/account/"),
        ("//evil.example/", "/account/"),
    ] {
        let form = [("csrf", token.as_str()), ("lang", "en-XA"), ("back", back)];
        let res = crate::browser::post_page(&app, "/account/language", &cookie, &form).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(res.headers()[LOCATION], expected);
        let set: Vec<_> = res.headers().get_all(SET_COOKIE).iter().collect();
        assert!(
            set.iter().any(|c| c.to_str().unwrap().starts_with("portcullis_lang=en-XA")),
            "{set:?}"
        );
    }
    // Without the CSRF token: refused.
    let form = [("lang", "en-XA"), ("back", "/account/login")];
    let res = crate::browser::post_page(&app, "/account/language", &cookie, &form).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // Signed in, the choice is also the account's (which its mails follow).
    let login = app.user("switch@example.com").await;
    let cookies = format!("{cookie}; session_id={}", login.cookie);
    let form = [("csrf", token.as_str()), ("lang", "en-XA"), ("back", "/account/")];
    crate::browser::post_page(&app, "/account/language", &cookies, &form).await;
    let me = app.get_json_bearer("/api/auth/user", &login).await;
    assert_eq!(me["locale"], "en-XA");
    assert_eq!(me["user"]["email"], "switch@example.com");
    let _ = PASSWORD;
}

// ---------------------------------------------------------------------------------------------
// In the browser: the README's screenshots of the login page in English, Japanese and Arabic,
// and an Arabic page that mirrors.
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_login_page_in_three_languages_and_arabic_mirrored_in_a_real_browser() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let Some(browser) = crate::browser::Browser::start(1000, 800).await else { return };
    browser.run(|b| three_languages(app, b)).await;
}

/// Where the first field's label's text sits in its card: its distance from the card's left
/// edge and from its right edge, in CSS pixels.
async fn label_insets(b: &fantoccini::Client) -> (f64, f64) {
    let script = "const l = document.querySelector('form label'); \
                  const c = l.closest('.card').getBoundingClientRect(); \
                  const t = document.createRange(); t.selectNodeContents(l); \
                  const r = t.getBoundingClientRect(); \
                  return [r.left - c.left, c.right - r.right];";
    let v = b.execute(script, vec![]).await.unwrap();
    (v[0].as_f64().unwrap(), v[1].as_f64().unwrap())
}

async fn three_languages(app: TestApp, b: fantoccini::Client) {
    use fantoccini::Locator;
    let login = app.url("/account/login");
    let mut insets = Vec::new();
    for (tag, dir, title, shot) in [
        // (The English one is the browser test's `login.png`.)
        ("en", "ltr", "Log in · Portcullis", None),
        ("ja", "ltr", "ログイン · Portcullis", Some("login-ja.png")),
        ("ar", "rtl", "تسجيل الدخول · Portcullis", Some("login-ar.png")),
    ] {
        // The footer's switcher, as a person would use it (no script).
        b.goto(&login).await.unwrap();
        let option = format!("#language-switcher option[value='{tag}']");
        b.find(Locator::Css(&option)).await.unwrap().click().await.unwrap();
        b.find(Locator::Css(".language-form button")).await.unwrap().click().await.unwrap();
        let script = "return [document.documentElement.lang, document.documentElement.dir]";
        let mut seen = Value::Null;
        for _ in 0..50 {
            seen = b.execute(script, vec![]).await.unwrap();
            if seen[0] == tag {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert_eq!((seen[0].as_str(), seen[1].as_str()), (Some(tag), Some(dir)));
        assert!(b.current_url().await.unwrap().path().ends_with("/account/login"), "back");
        assert_eq!(b.title().await.unwrap(), title, "{tag}");
        insets.push(label_insets(&b).await);
        if let Some(shot) = shot {
            crate::browser::screenshot(&b, shot).await;
        }
    }
    // Left to right, a label starts at the card's left; in Arabic at its right, as far in.
    let (en, ar) = (insets[0], insets[2]);
    assert!(en.0 < en.1, "English label on the left: {en:?}");
    assert!(ar.1 < ar.0, "Arabic label on the right: {ar:?}");
    assert!((en.0 - ar.1).abs() < 1.0, "the same inset, mirrored: {en:?} {ar:?}");
}
