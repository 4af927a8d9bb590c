//! Languages (docs/languages.md): every hosted page and every mail comes from the catalogues
//! (shown with the pseudo-locale `en-XA`, in which no English word is left), the language is
//! chosen in the documented order, and `<html lang dir>` says which it is.

use reqwest::header::{ACCEPT_LANGUAGE, COOKIE, LOCATION, SET_COOKIE};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::device::{start, tool, tool_spec, Browser};
use crate::helpers::{Db, TestApp, PASSWORD};
use crate::provider::REDIRECT;
use portcullis::service::ClientSpec;

/// What a person reads of a page or mail: its text nodes, and the `title`, `alt`,
/// `placeholder`, `aria-label` and an input button's `value` of its elements; not what an
/// element marks as written in another language (`lang`): the switcher's language names, each
/// in its own language, and the error page's technical detail for developers
/// (`<code lang="en">`).
fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        out.push(' ');
        let Some(close) = rest[open..].find('>') else { break };
        let tag = &rest[open + 1..open + close];
        let name = tag.split_whitespace().next().unwrap_or_default();
        if name != "html" && attr_value(tag, "lang").is_some_and(|l| l != "en-XA") {
            let end = format!("</{name}>");
            rest = rest[open..].find(&end).map_or("", |i| &rest[open + i + end.len()..]);
            continue;
        }
        for attr in ["title", "alt", "placeholder", "aria-label"] {
            if let Some(v) = attr_value(tag, attr) {
                out.push_str(&v);
                out.push(' ');
            }
        }
        // An input button shows its value; a `<button>`'s value is sent, not shown.
        let button = ["submit", "button", "reset"].map(|t| format!("type=\"{t}\""));
        if name == "input" && button.iter().any(|t| tag.contains(t.as_str())) {
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
    let entities =
        [("&amp;", "&"), ("&#39;", "'"), ("&#x27;", "'"), ("&quot;", "\""), ("&#x2f;", "/")];
    entities.iter().fold(out, |text, (entity, c)| text.replace(entity, c))
}

fn attr_value(tag: &str, name: &str) -> Option<String> {
    let marker = format!(" {name}=\"");
    let start = tag.find(&marker)? + marker.len();
    Some(tag[start..start + tag[start..].find('"')?].to_owned())
}

/// Brand and product names, language names and what the test itself typed; and `openid`, a
/// scope, as the account page lists what an application was granted.
const ALLOWED: &[&str] = &[
    "Portcullis",
    "English",
    "Journey",
    "journey",
    "Firefox",
    "Chrome",
    "Linux",
    "GitHub",
    "openid",
];

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

/// The value of the form field `name` on a page.
fn field(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker).unwrap_or_else(|| panic!("{name} in {html}")) + marker.len();
    let value = &html[start..start + html[start..].find('"').unwrap()];
    value.replace("&#x2f;", "/").replace("&quot;", "\"").replace("&amp;", "&")
}

/// A page in the pseudo-locale, and with no English left once the values it shows as they
/// are (a key, codes: no words) are taken out.
fn assert_pseudo(what: &str, html: &str, shown: &[&str]) {
    assert!(html.contains(r#"<html lang="en-XA" dir="ltr">"#), "{what}: {html}");
    assert_translated(what, &shown.iter().fold(html.to_owned(), |h, s| h.replace(s, "")));
}

/// A browser that chose the pseudo-locale with the switcher (its cookie), signed out.
async fn pseudo_browser(app: &TestApp) -> Browser<'_> {
    let mut b = Browser::new(app);
    let (status, _, _) = b.get("/account/login").await;
    assert_eq!(status, StatusCode::OK);
    let form = [("lang", "en-XA"), ("back", "/account/login")];
    let (status, _, _) = b.post("/account/language", &form).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    b
}

/// A TOTP code that is not the one of now.
fn wrong_code(secret: &[u8]) -> &'static str {
    let right = crate::mfa::totp_at(secret, crate::mfa::now());
    if right == "000000" {
        "111111"
    } else {
        "000000"
    }
}

/// The pages further in, each reached the way a person would, in the pseudo-locale: the way
/// to an external provider; setting up TOTP and its recovery codes; the device flow's
/// confirmation and outcome pages; an invitation, and an organisation's page with one open;
/// the second factor at login, the page that goes on by itself, the consent page and back;
/// the provider's error page; and the account page of an account with all of it (TOTP, a
/// passkey, an application it allowed, organisations, a provider to link).
#[tokio::test]
async fn every_page_further_in_leaves_no_english_either() {
    // A host name, for passkeys (browsers refuse an IP address as relying party); the test's
    // browser says it comes from the address it calls, which is allowed as an origin too.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let (bind, public) = (format!("127.0.0.1:{port}"), format!("http://localhost:{port}"));
    let origin = format!("http://{bind}");
    let app = TestApp::spawn_with(
        Db::Sqlite,
        &[
            ("PORTCULLIS_BIND", &bind),
            ("PORTCULLIS_PUBLIC_URL", &public),
            ("PORTCULLIS_CORS_ORIGINS", &origin),
            ("PORTCULLIS_OAUTH_GITHUB_CLIENT_ID", "gh-client"),
            ("PORTCULLIS_OAUTH_GITHUB_CLIENT_SECRET", "gh-secret"),
        ],
    )
    .await;
    let email = "pseudo@example.com";
    let login = app.user(email).await;
    let user_id = login.body["user"]["id"].as_str().unwrap().to_owned();
    let org_id =
        |org: &Value| org["id"].as_str().or(org["organization"]["id"].as_str()).map(str::to_owned);
    let orgs = "/api/auth/organizations";
    api(&app, Method::POST, orgs, &login.access_token, json!({"name": "Journey"})).await;
    // Another's organisation, which invites this account: its page with the invitation open.
    let owner = app.user("owner@example.com").await;
    let name = json!({"name": "Journey journey"});
    let org = api(&app, Method::POST, orgs, &owner.access_token, name).await;
    let id = org_id(&org).unwrap();
    let invitations = format!("{orgs}/{id}/invitations");
    api(&app, Method::POST, &invitations, &owner.access_token, json!({"email": email})).await;
    let path = format!("/account/organizations/{id}");
    let (status, html) = page(&app, &path, &format!("session_id={}; {PSEUDO}", owner.cookie)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(email), "the open invitation: {html}");
    assert_pseudo(&path, &html, &[]);
    let invitation = app.token_from_mail(email, "Journey").await;

    // Signed in on the login page; on to GitHub to link it.
    let mut b = pseudo_browser(&app).await;
    let (status, _, _) =
        b.post("/account/login", &[("email", email), ("password", PASSWORD)]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _, html) = b.post("/account/identities/link", &[("provider", "github")]).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("http-equiv=\"refresh\""), "the page on to the provider: {html}");
    assert_pseudo("to_provider", &html, &[]);

    // TOTP: the key, a wrong code, then the recovery codes.
    crate::mfa::fresh_step().await;
    let (status, _, html) = b.post("/account/mfa/setup", &[]).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let key_of = |html: &str| {
        let at = html.find("<code class=\"secret\">").expect("the key") + 21;
        html[at..at + html[at..].find("</code>").unwrap()].to_owned()
    };
    let key = key_of(&html);
    assert_pseudo("mfa_setup", &html, &[&key]);
    let secret = crate::mfa::base32_decode(
        &key.replace("<wbr>", "").replace("<span>", "").replace("</span>", ""),
    );
    let (status, _, html) = b.post("/account/mfa/confirm", &[("code", wrong_code(&secret))]).await;
    assert!(status.is_client_error(), "{status}: {html}");
    assert!(html.contains("id=\"code-error\""), "the error by the field: {html}");
    assert_eq!(key_of(&html), key, "the same key again");
    assert_pseudo("mfa_setup, a wrong code", &html, &[&key]);
    let code = crate::mfa::totp_at(&secret, crate::mfa::now());
    let (status, _, html) = b.post("/account/mfa/confirm", &[("code", &code)]).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let codes: Vec<String> = html
        .split("<li><code>")
        .skip(1)
        .map(|c| c[..c.find("</code>").unwrap()].to_owned())
        .collect();
    assert_eq!(codes.len(), 10, "{html}");
    assert_pseudo("mfa_codes", &html, &codes.iter().map(String::as_str).collect::<Vec<_>>());
    // Their download too (a text file, its first line in the page's language).
    let joined = codes.join(" ");
    let (status, _, file) = b.post("/account/mfa/recovery-codes.txt", &[("codes", &joined)]).await;
    assert_eq!(status, StatusCode::OK, "{file}");
    let first = file.lines().next().unwrap_or_default();
    assert_translated("recovery-codes.txt", first);
    assert!(first.starts_with('['), "{first}");

    // The device flow, for an application named as the test types it: allowed, asking for
    // the account's identifier; denied, asking for nothing.
    let spec = ClientSpec { name: Some("Journey".into()), ..tool_spec("journey-tool", false) };
    let journey_tool = tool(&app, spec).await;
    for (scope, decision, outcome) in [("openid", "allow", "allowed"), ("", "deny", "denied")] {
        let started = start(&app, &journey_tool, scope).await;
        let user_code = started["user_code"].as_str().unwrap();
        let (status, html) = b.enter(user_code).await;
        assert_eq!(status, StatusCode::OK, "{html}");
        assert!(html.contains("id=\"allow\""), "the confirmation page: {html}");
        assert_pseudo("device_confirm", &html, &[user_code]);
        let (status, html) = b.decide(&html, decision).await;
        assert_eq!(status, StatusCode::OK, "{html}");
        assert!(html.contains(&format!("data-outcome=\"{outcome}\"")), "{html}");
        assert_pseudo("device_done", &html, &[]);
    }

    // The invitation's page, then joined.
    let (status, _, html) = b.get(&format!("/account/invitation?token={invitation}")).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("id=\"accept\""), "{html}");
    assert_pseudo("invitation", &html, &[]);
    let (status, _, html) = b.post("/account/invitation", &[("token", &invitation)]).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("data-outcome=\"joined\""), "{html}");
    assert_pseudo("invitation, joined", &html, &[]);

    // A passkey: registering one takes a browser's authenticator (`passkeys`), so the row one
    // leaves, named as the test types it.
    let now = portcullis::clock::now_ms();
    let passkey = format!(
        "INSERT INTO passkeys (id, user_id, credential_hash, credential_id, user_handle, name, \
         credential, sign_count, backup_eligible, backup_state, created_at, last_used_at) \
         VALUES ('journey', '{user_id}', 'journey', 'journey', 'journey', 'Journey', '{{}}', 0, \
         1, 1, {now}, {now})"
    );
    sqlx::query(&passkey).execute(app.auth.store().pool()).await.unwrap();

    // An authorization request for an application that asks (it is not first party), every
    // scope it may: the login page, the second factor (a wrong code, then a recovery code),
    // the page that goes on by itself, the consent page, and back to the application.
    let scopes = ["openid", "profile", "email", "offline_access", "organization", "journey"];
    let spec = ClientSpec {
        name: Some("Journey".into()),
        skip_consent: Some(false),
        scopes: Some(crate::provider::scopes(&scopes)),
        ..crate::provider::spec("journey-web")
    };
    let rp = crate::provider::register(&app, spec).await;
    let (_, challenge) = crate::provider::pkce();
    let scope = scopes.join(" ");
    let request = |client: &str, redirect: &str| {
        let params = [
            ("response_type", "code"),
            ("client_id", client),
            ("redirect_uri", redirect),
            ("scope", &scope),
            ("state", "s1"),
            ("code_challenge", &challenge),
            ("code_challenge_method", "S256"),
        ];
        format!("/oauth2/authorize?{}", serde_urlencoded::to_string(params).unwrap())
    };
    let mut b2 = pseudo_browser(&app).await;
    let (status, to_login, _) = b2.get(&request(&rp.id, REDIRECT)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _, html) = b2.get(&to_login).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert_pseudo("login, with passkeys and GitHub", &html, &[]);
    let next = field(&html, "next");
    let form = [("email", email), ("password", PASSWORD), ("next", next.as_str())];
    let (status, _, html) = b2.post("/account/login", &form).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("id=\"passkey-login\""), "a passkey offered too: {html}");
    // What the script says when a ceremony fails is the page's too, not the script's.
    for reason in ["data-closed=\"[", "data-failed=\"[", "data-rate-limited=\"["] {
        assert!(html.contains(reason), "{reason}: {html}");
    }
    assert_pseudo("mfa_code", &html, &[]);
    let mfa_token = field(&html, "mfa_token");
    let verify = |code| [("mfa_token", mfa_token.as_str()), ("code", code), ("next", &next)];
    let (status, _, html) = b2.post("/account/mfa/verify", &verify(wrong_code(&secret))).await;
    assert!(status.is_client_error(), "{status}: {html}");
    assert!(html.contains("id=\"code-error\""), "the error by the field: {html}");
    assert_pseudo("mfa_code, a wrong code", &html, &[]);
    let (status, _, html) = b2.post("/account/mfa/verify", &verify(&codes[0])).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("id=\"continue\""), "a page that goes on by itself: {html}");
    assert_pseudo("continue, signed in", &html, &[]);
    let (status, _, html) = b2.get(&next).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    for s in scopes {
        assert!(html.contains(&format!("data-scope=\"{s}\"")), "{s}: {html}");
    }
    assert_pseudo("consent", &html, &[]);
    let form = [("request", field(&html, "request")), ("decision", "deny".into())];
    let form: Vec<_> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, _, html) = b2.post("/oauth2/consent", &form).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("error=access_denied"), "back to the application: {html}");
    assert_pseudo("continue, back to the application", &html, &[]);

    // The provider's error page: an unknown client, a redirect URI not registered. Its
    // technical detail is for the application's developer, and marked as English.
    for (what, path) in [
        ("an unknown client", request("nobody", REDIRECT)),
        ("a redirect URI not registered", request(&rp.id, "http://127.0.0.1:9/elsewhere")),
    ] {
        let (status, _, html) = b.get(&path).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{what}: {html}");
        assert!(html.contains(r#"<code lang="en" dir="ltr">"#), "{what}: {html}");
        assert_pseudo(what, &html, &[]);
    }

    // The account page of an account with all of it.
    let (status, _, html) = b.get("/account/").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    for part in [
        "action=\"/account/mfa/disable\"",
        "id=\"passkeys-title\"",
        "id=\"identities-title\"",
        "id=\"grants-title\"",
        "id=\"organizations\"",
    ] {
        assert!(html.contains(part), "{part}: {html}");
    }
    assert_eq!(html.matches("<a href=\"/account/organizations/").count(), 2, "{html}");
    assert_pseudo("/account/", &html, &[]);
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
    // The default, then Accept-Language (by quality, passing over a language there is not),
    // then the cookie, then ui_locales.
    assert_eq!(lang_of(&get("/account/login", None, None).await), "en");
    let accept = Some("tlh;q=0.9, en-XA;q=0.8, en;q=0.1");
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
