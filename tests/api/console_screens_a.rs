//! The console's screens for provider clients, registration tokens and organisations
//! (`/admin/clients`, `/admin/registration-tokens`, `/admin/organizations`): each action is
//! its admin API twin's service call, audited as `admin <user id>`; a secret is shown once, on
//! the page answering the form; bad input is the console's error page with a 4xx and changes
//! nothing; every change needs the step-up window.

use reqwest::header::{LOCATION, SET_COOKIE};
use reqwest::StatusCode;
use serde_json::json;

use crate::backends;
use crate::console::{
    console_admin, console_get, console_page, console_post, console_post_raw, href_of, location,
    ConsoleAdmin,
};
use crate::helpers::{Db, TestApp};
use portcullis::service::{ClientInfo, OrgInput, UserRef};

/// The text of the element whose id is `id` (up to its first tag).
fn text_of(html: &str, id: &str) -> Option<String> {
    let marker = format!("id=\"{id}\"");
    let at = html.find(&marker)? + marker.len();
    let start = at + html[at..].find('>')? + 1;
    Some(html[start..start + html[start..].find('<')?].trim().to_owned())
}

/// A console form POST that must succeed with a `303` to `to` (and its notice).
async fn done(
    app: &TestApp,
    admin: &mut ConsoleAdmin,
    path: &str,
    form: &[(&str, &str)],
    to: &str,
) {
    let res = console_post(app, admin, path, form).await;
    let status = res.status();
    let at = location(&res);
    assert_eq!(status, StatusCode::SEE_OTHER, "POST {path}: {}", res.text().await.unwrap());
    assert!(at.starts_with(to) && at.contains("notice="), "POST {path} went to {at}");
}

/// A console form POST that must be refused with `status` and the error page's `code`.
async fn refused(
    app: &TestApp,
    admin: &mut ConsoleAdmin,
    path: &str,
    form: &[(&str, &str)],
    status: StatusCode,
    code: &str,
) {
    let res = console_post(app, admin, path, form).await;
    assert_eq!(res.status(), status, "POST {path} {form:?}");
    let html = res.text().await.unwrap();
    assert!(html.contains(&format!("data-code=\"{code}\"")), "POST {path} {form:?}: {html}");
}

/// The details of the audit entries `event` whose detail mentions `about`.
async fn audited(app: &TestApp, event: &str, about: &str) -> Vec<String> {
    let entries = app.auth.audit_log(0, None).await.unwrap();
    entries
        .into_iter()
        .filter(|e| e.event == event)
        .filter_map(|e| e.detail)
        .filter(|d| d.contains(about))
        .collect()
}

/// A client-credentials token request with `client_secret_basic`: the status.
async fn client_credentials(app: &TestApp, id: &str, secret: &str) -> StatusCode {
    app.client
        .post(app.url("/oauth2/token"))
        .basic_auth(id, Some(secret))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap()
        .status()
}

const REDIRECT: &str = "http://127.0.0.1:9/cb";

/// The form fields of a confidential client `wiki` with the client credentials grant.
fn wiki_form<'a>() -> Vec<(&'a str, &'a str)> {
    vec![
        ("client_id", "wiki"),
        ("name", "Wiki"),
        ("token_endpoint_auth_method", "client_secret_basic"),
        ("redirect_uris", "http://127.0.0.1:9/cb\r\n\r\nhttp://localhost:9/other\n"),
        ("post_logout_redirect_uris", ""),
        ("grant_authorization_code", "true"),
        ("grant_refresh_token", "true"),
        ("grant_client_credentials", "true"),
        ("scopes", "openid profile email wiki:read"),
        ("id_token_signed_response_alg", "RS256"),
        ("jwks_uri", ""),
        ("backchannel_logout_uri", ""),
        ("resources", ""),
    ]
}

async fn the_console_registers_changes_and_deletes_clients(db: Db) {
    let app = TestApp::spawn_with(
        db,
        &[
            ("PORTCULLIS_CLIENT_BILLING_APP_NAME", "Billing"),
            ("PORTCULLIS_CLIENT_BILLING_APP_REDIRECT_URIS", REDIRECT),
            ("PORTCULLIS_CLIENT_BILLING_APP_SECRET", "a-declared-secret-that-is-long-enough-0123"),
        ],
    )
    .await;
    let mut console = console_admin(&app, "client-admin@example.com").await;

    // Registered: the secret is on the page answering the form, and nowhere else.
    let res = console_post(&app, &mut console, "/admin/clients", &wiki_form()).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers().get(LOCATION).is_none());
    let mut set = res.headers().get_all(SET_COOKIE).iter().map(|v| v.to_str().unwrap());
    assert!(!set.any(|v| v.starts_with("portcullis_flash=")));
    assert_eq!(res.headers()["cache-control"], "no-store");
    let html = res.text().await.unwrap();
    let secret = text_of(&html, "client-secret").expect("the secret, shown once");
    assert!(secret.len() >= 32, "{secret}");
    assert_eq!(client_credentials(&app, "wiki", &secret).await, StatusCode::OK);
    let stored = app.auth.client("wiki").await.unwrap();
    assert_eq!(stored.redirect_uris, vec![REDIRECT, "http://localhost:9/other"]);
    assert_eq!(stored.scopes, vec!["openid", "profile", "email", "wiki:read"]);
    assert!(stored.allows_grant("client_credentials") && !stored.skip_consent);
    assert_eq!(stored.managed_by, "api");

    // Listed, and its page shows it without the secret.
    let list = console_page(&app, &mut console, "/admin/clients").await;
    assert!(list.contains("data-id=\"wiki\"") && list.contains("data-id=\"billing-app\""));
    let page = console_page(&app, &mut console, "/admin/clients/wiki").await;
    assert_eq!(text_of(&page, "client-name").as_deref(), Some("Wiki"));
    assert!(!page.contains(&secret) && !list.contains(&secret));

    // Changed: what the form gives replaces the registration.
    let mut form = wiki_form();
    form.retain(|(k, _)| !matches!(*k, "client_id" | "name" | "grant_refresh_token"));
    form.extend([("name", "The wiki"), ("skip_consent", "true")]);
    done(&app, &mut console, "/admin/clients/wiki/update", &form, "/admin/clients/wiki?").await;
    let stored = app.auth.client("wiki").await.unwrap();
    assert_eq!(stored.name, "The wiki");
    assert!(stored.skip_consent && !stored.allows_grant("refresh_token"));
    // The edit form shows the registration as it now is.
    let page = console_page(&app, &mut console, "/admin/clients/wiki").await.replace("&#x2f;", "/");
    let check = |name: &str| format!("name=\"{name}\" type=\"checkbox\" value=\"true\"");
    for on in ["skip_consent", "grant_authorization_code", "grant_client_credentials"] {
        assert!(page.contains(&format!("{} checked>", check(on))), "{on} is checked");
    }
    for off in ["grant_refresh_token", "grant_device_code", "require_pushed_authorization_requests"]
    {
        assert!(page.contains(&format!("{}>", check(off))), "{off} is not checked");
    }
    assert!(page.contains("<option value=\"client_secret_basic\" selected>"));
    assert!(page.contains(">http://127.0.0.1:9/cb\nhttp://localhost:9/other</textarea>"));
    assert!(page.contains("value=\"openid profile email wiki:read\""));
    let list = console_page(&app, &mut console, "/admin/clients").await;
    assert!(list.contains(&format!("{} checked>", check("grant_authorization_code"))));
    assert!(list.contains("<option value=\"RS256\" selected>"));
    assert_eq!(client_credentials(&app, "wiki", &secret).await, StatusCode::OK, "same secret");

    // Bad input: the error page, a 4xx, nothing changed.
    let mut bad = form.clone();
    bad.retain(|(k, _)| *k != "redirect_uris");
    bad.push(("redirect_uris", "http://evil.example/cb"));
    refused(
        &app,
        &mut console,
        "/admin/clients/wiki/update",
        &bad,
        StatusCode::BAD_REQUEST,
        "invalid_client",
    )
    .await;
    let mut no_grant = wiki_form();
    no_grant.retain(|(k, _)| !k.starts_with("grant_") && *k != "client_id");
    no_grant.push(("client_id", "nogrant"));
    refused(
        &app,
        &mut console,
        "/admin/clients",
        &no_grant,
        StatusCode::BAD_REQUEST,
        "invalid_client",
    )
    .await;
    let mut odd = wiki_form();
    odd.retain(|(k, _)| !matches!(*k, "client_id" | "token_endpoint_auth_method"));
    odd.extend([("client_id", "odd"), ("token_endpoint_auth_method", "password\u{0}")]);
    refused(&app, &mut console, "/admin/clients", &odd, StatusCode::BAD_REQUEST, "invalid_client")
        .await;
    refused(
        &app,
        &mut console,
        "/admin/clients",
        &wiki_form(),
        StatusCode::CONFLICT,
        "invalid_client",
    )
    .await;
    let garbage = [("name", "x"), ("grant_authorization_code", "true"), ("scopes", "a\"b")];
    refused(
        &app,
        &mut console,
        "/admin/clients",
        &garbage,
        StatusCode::BAD_REQUEST,
        "invalid_client",
    )
    .await;
    assert_eq!(app.auth.client("wiki").await.unwrap().name, "The wiki");
    assert!(app.auth.client("nogrant").await.is_err() && app.auth.client("odd").await.is_err());
    assert_eq!(app.auth.clients().await.unwrap().len(), 2);

    // A new secret, shown once; the old one stops working.
    let res = console_post(&app, &mut console, "/admin/clients/wiki/rotate-secret", &[]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let rotated = text_of(&res.text().await.unwrap(), "client-secret").expect("the new secret");
    assert_ne!(rotated, secret);
    assert_eq!(client_credentials(&app, "wiki", &secret).await, StatusCode::UNAUTHORIZED);
    assert_eq!(client_credentials(&app, "wiki", &rotated).await, StatusCode::OK);
    assert!(!console_page(&app, &mut console, "/admin/clients/wiki").await.contains(&rotated));

    // A public client has no secret to rotate.
    let mut spa = wiki_form();
    spa.retain(|(k, _)| {
        !matches!(*k, "client_id" | "grant_client_credentials" | "token_endpoint_auth_method")
    });
    spa.extend([("client_id", "spa"), ("token_endpoint_auth_method", "none")]);
    let res = console_post(&app, &mut console, "/admin/clients", &spa).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(text_of(&res.text().await.unwrap(), "client-secret").is_none());
    assert!(app.auth.client("spa").await.unwrap().is_public());
    refused(
        &app,
        &mut console,
        "/admin/clients/spa/rotate-secret",
        &[],
        StatusCode::BAD_REQUEST,
        "invalid_client",
    )
    .await;

    // A client the configuration declares is changed only there.
    let page = console_page(&app, &mut console, "/admin/clients/billing-app").await;
    assert!(page.contains("id=\"declared\""));
    let conflict = StatusCode::CONFLICT;
    for path in ["update", "rotate-secret", "delete"] {
        let path = format!("/admin/clients/billing-app/{path}");
        refused(&app, &mut console, &path, &form, conflict, "client_managed_by_config").await;
    }
    assert_eq!(app.auth.client("billing-app").await.unwrap().name, "Billing");

    // Unknown clients.
    let not_found = StatusCode::NOT_FOUND;
    let res = console_get(&app, &mut console, "/admin/clients/nobody").await;
    assert_eq!(res.status(), not_found);
    refused(&app, &mut console, "/admin/clients/nobody/delete", &[], not_found, "client_not_found")
        .await;

    // Deleted.
    done(&app, &mut console, "/admin/clients/wiki/delete", &[], "/admin/clients?").await;
    assert!(app.auth.client("wiki").await.is_err());
    assert_eq!(client_credentials(&app, "wiki", &rotated).await, StatusCode::UNAUTHORIZED);

    // Each change audited as the administrator's, like the admin API's with its key.
    let me = console.label();
    for (event, times) in [
        ("admin_client_create", 1),
        ("admin_client_update", 1),
        ("admin_client_rotate_secret", 1),
        ("admin_client_delete", 1),
    ] {
        let found = audited(&app, event, "client wiki").await;
        assert_eq!(found, vec![format!("{me}: client wiki"); times], "{event}");
    }
    assert!(audited(&app, "admin_read", "client wiki")
        .await
        .contains(&format!("{me}: client wiki")));
    let everything = app.auth.audit_log(0, None).await.unwrap();
    for e in everything {
        let detail = e.detail.unwrap_or_default();
        assert!(!detail.contains(&secret) && !detail.contains(&rotated), "{detail}");
    }
}

/// A dynamic registration with the initial access token `bearer`: the status.
async fn register(app: &TestApp, bearer: &str) -> StatusCode {
    let body = json!({"client_name": "Agent", "redirect_uris": [REDIRECT]});
    let req = app.client.post(app.url("/oauth2/register")).bearer_auth(bearer);
    req.json(&body).send().await.unwrap().status()
}

async fn the_console_makes_and_revokes_registration_tokens(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_DYNAMIC_REGISTRATION", "token")]).await;
    let mut console = console_admin(&app, "dcr-admin@example.com").await;
    let page = console_page(&app, &mut console, "/admin/registration-tokens").await;
    assert_eq!(text_of(&page, "dynamic-registration").as_deref(), Some("token"));
    assert!(page.contains("id=\"no-tokens\""));

    let form = [("label", "MCP agents"), ("expires_in_days", "3"), ("uses", "2")];
    let res = console_post(&app, &mut console, "/admin/registration-tokens", &form).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers().get(LOCATION).is_none());
    let token = text_of(&res.text().await.unwrap(), "registration-token").expect("the token");
    let made = app.auth.initial_tokens().await.unwrap();
    assert_eq!(made.len(), 1);
    assert_eq!((made[0].label.as_str(), made[0].uses_left), ("MCP agents", Some(2)));
    let days = (made[0].expires_at - made[0].created_at) / 86_400_000;
    assert_eq!(days, 3);
    let list = console_page(&app, &mut console, "/admin/registration-tokens").await;
    assert!(list.contains(&made[0].id) && !list.contains(&token));

    // The token registers a client.
    assert_eq!(register(&app, &token).await, StatusCode::CREATED);

    // Bad input: nothing made.
    let bad = StatusCode::BAD_REQUEST;
    for form in [
        vec![("label", " "), ("expires_in_days", "7")],
        vec![("label", "x"), ("expires_in_days", "0")],
        vec![("label", "x"), ("expires_in_days", "366")],
        vec![("label", "x"), ("expires_in_days", "-1")],
        vec![("label", "x"), ("expires_in_days", "99999999999999999999999")],
        vec![("label", "x"), ("uses", "0")],
        vec![("label", "x"), ("uses", "1000001")],
        vec![("label", "x"), ("uses", "two")],
        vec![],
    ] {
        refused(&app, &mut console, "/admin/registration-tokens", &form, bad, "invalid_field")
            .await;
    }
    assert_eq!(app.auth.initial_tokens().await.unwrap().len(), 1);

    // Revoked: it registers nothing more.
    let path = format!("/admin/registration-tokens/{}/revoke", made[0].id);
    done(&app, &mut console, &path, &[], "/admin/registration-tokens?").await;
    assert!(app.auth.initial_tokens().await.unwrap().is_empty());
    assert_eq!(register(&app, &token).await, StatusCode::UNAUTHORIZED);
    let not_found = StatusCode::NOT_FOUND;
    refused(&app, &mut console, &path, &[], not_found, "not_found").await;

    let me = console.label();
    let created = audited(&app, "admin_registration_token_create", &me).await;
    let revoked = audited(&app, "admin_registration_token_revoke", &me).await;
    assert_eq!((created.len(), revoked.len()), (1, 1), "{created:?} {revoked:?}");
    assert!(created[0].starts_with(&format!("{me}: ")) && !created[0].contains(&token));
}

async fn the_console_manages_organisations_and_keeps_the_last_owner(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut console = console_admin(&app, "org-admin@example.com").await;
    let owner = app.user("org-owner@example.com").await;
    let owner_id = owner.body["user"]["id"].as_str().unwrap().to_owned();
    let member = app.user("org-member@example.com").await;
    let member_id = member.body["user"]["id"].as_str().unwrap().to_owned();

    // Made, with its first owner named by address.
    let form = [
        ("name", "Acme Corp"),
        ("slug", ""),
        ("owner_email", "ORG-owner@example.com"),
        ("owner_user_id", ""),
        ("metadata", "{\"plan\": \"gold\"}"),
    ];
    let res = console_post(&app, &mut console, "/admin/organizations", &form).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "{}", res.text().await.unwrap());
    let at = location(&res);
    let id = at
        .strip_prefix("/admin/organizations/")
        .and_then(|r| r.split_once('?'))
        .map(|(id, _)| id.to_owned())
        .unwrap_or_else(|| panic!("{at}"));
    let org = app.auth.organization(&id).await.unwrap();
    assert_eq!((org.name.as_str(), org.slug.as_str()), ("Acme Corp", "acme-corp"));
    assert_eq!(org.metadata, json!({"plan": "gold"}));
    let page = console_page(&app, &mut console, &at).await;
    assert_eq!(text_of(&page, "org-slug").as_deref(), Some("acme-corp"));
    assert!(page.contains(&format!("data-id=\"{owner_id}\"")));
    assert!(text_of(&page, "notice").is_some());

    // Refused: the owner named twice or not at all, bad metadata, a taken slug, no such user.
    let bad = StatusCode::BAD_REQUEST;
    let orgs = "/admin/organizations";
    let both =
        [("name", "Two"), ("owner_email", "org-owner@example.com"), ("owner_user_id", &owner_id)];
    refused(&app, &mut console, orgs, &both, bad, "invalid_field").await;
    refused(&app, &mut console, orgs, &[("name", "None")], bad, "missing_field").await;
    let meta = [("name", "Meta"), ("owner_user_id", &owner_id), ("metadata", "[1, 2")];
    refused(&app, &mut console, orgs, &meta, bad, "invalid_field").await;
    let taken = [("name", "Acme"), ("slug", "acme-corp"), ("owner_user_id", &owner_id)];
    refused(&app, &mut console, orgs, &taken, StatusCode::CONFLICT, "slug_taken").await;
    let ghost = [("name", "Ghost"), ("owner_email", "nobody@example.com")];
    refused(&app, &mut console, orgs, &ghost, StatusCode::NOT_FOUND, "user_not_found").await;
    let slug = [("name", "Slug"), ("slug", "Not A Slug"), ("owner_user_id", &owner_id)];
    refused(&app, &mut console, orgs, &slug, bad, "invalid_field").await;
    assert_eq!(app.auth.organizations(None, 100).await.unwrap().len(), 1);

    // Changed.
    let update = format!("/admin/organizations/{id}/update");
    let form = [("name", "Acme"), ("slug", "acme"), ("metadata", "")];
    done(&app, &mut console, &update, &form, &format!("/admin/organizations/{id}?")).await;
    let org = app.auth.organization(&id).await.unwrap();
    assert_eq!((org.name.as_str(), org.slug.as_str(), &org.metadata), ("Acme", "acme", &json!({})));
    let form = [("name", "Acme"), ("slug", "acme"), ("metadata", "\"a string\"")];
    refused(&app, &mut console, &update, &form, bad, "invalid_field").await;
    let form = [("name", ""), ("slug", "acme")];
    refused(&app, &mut console, &update, &form, bad, "invalid_field").await;
    assert_eq!(app.auth.organization(&id).await.unwrap().name, "Acme");

    // Members: added by address, given a role, the last owner kept.
    let members = format!("/admin/organizations/{id}/members");
    let back = format!("/admin/organizations/{id}?");
    let add = [("user", "org-member@example.com"), ("role", "member")];
    done(&app, &mut console, &members, &add, &back).await;
    let add = [("user", member_id.as_str()), ("role", "admin")];
    done(&app, &mut console, &members, &add, &back).await;
    let roles = |app: &TestApp| {
        let id = id.clone();
        let auth = app.auth.clone();
        async move {
            let mut found: Vec<(String, String)> = auth
                .organization_members(&id)
                .await
                .unwrap()
                .into_iter()
                .map(|m| (m.email, m.role))
                .collect();
            found.sort();
            found
        }
    };
    let expected = vec![
        ("org-member@example.com".to_owned(), "admin".to_owned()),
        ("org-owner@example.com".to_owned(), "owner".to_owned()),
    ];
    assert_eq!(roles(&app).await, expected);
    let page = console_page(&app, &mut console, &format!("/admin/organizations/{id}")).await;
    assert!(page.contains(&format!("id=\"remove-{member_id}\"")));

    let conflict = StatusCode::CONFLICT;
    let demote = [("user", owner_id.as_str()), ("role", "member")];
    refused(&app, &mut console, &members, &demote, conflict, "last_owner").await;
    let remove_owner = format!("/admin/organizations/{id}/members/{owner_id}/remove");
    refused(&app, &mut console, &remove_owner, &[], conflict, "last_owner").await;
    let unknown_role = [("user", member_id.as_str()), ("role", "emperor")];
    refused(&app, &mut console, &members, &unknown_role, bad, "invalid_field").await;
    refused(&app, &mut console, &members, &[("user", member_id.as_str())], bad, "missing_field")
        .await;
    let nobody = [("user", "nobody@example.com"), ("role", "member")];
    refused(&app, &mut console, &members, &nobody, StatusCode::NOT_FOUND, "user_not_found").await;
    refused(&app, &mut console, &members, &[("role", "member")], bad, "missing_field").await;
    assert_eq!(roles(&app).await, expected);

    let remove_member = format!("/admin/organizations/{id}/members/{member_id}/remove");
    done(&app, &mut console, &remove_member, &[], &back).await;
    refused(&app, &mut console, &remove_member, &[], StatusCode::NOT_FOUND, "member_not_found")
        .await;
    assert_eq!(roles(&app).await, expected[1..].to_vec());

    // Keyset pages of 50.
    let by = ClientInfo { ip: None, user_agent: None };
    for n in 0..50 {
        let input = OrgInput { name: Some(format!("Org {n}")), slug: None, metadata: None };
        app.auth.operator_create_org(input, UserRef::Id(&owner_id), &by, None).await.unwrap();
    }
    let first = console_page(&app, &mut console, orgs).await;
    assert_eq!(first.matches("<tr data-id=").count(), 50);
    let next = href_of(&first, "next-page").expect("a next page");
    let second = console_page(&app, &mut console, &next).await;
    assert_eq!(second.matches("<tr data-id=").count(), 1);
    assert!(href_of(&second, "next-page").is_none());
    let garbage =
        console_page(&app, &mut console, "/admin/organizations?after=%00%FF&limit=x").await;
    assert_eq!(garbage.matches("<tr data-id=").count(), 50, "a bad cursor: the first page");

    // Odd ids are refused with a 4xx, never a 5xx.
    let long = "x".repeat(300);
    for odd in ["%00", "%FF", "..%2F..", long.as_str(), "'%20OR%201=1"] {
        for path in [format!("/admin/organizations/{odd}"), format!("/admin/clients/{odd}")] {
            let status = console_get(&app, &mut console, &path).await.status();
            assert!(status.is_client_error(), "GET {path}: {status}");
        }
        for (path, form) in [
            (format!("/admin/organizations/{odd}/update"), vec![("name", "X")]),
            (format!("/admin/organizations/{odd}/delete"), vec![]),
            (
                format!("/admin/organizations/{odd}/members"),
                vec![("user", odd), ("role", "member")],
            ),
            (format!("/admin/organizations/{id}/members/{odd}/remove"), vec![]),
            (format!("/admin/clients/{odd}/update"), vec![("name", "X")]),
            (format!("/admin/clients/{odd}/rotate-secret"), vec![]),
            (format!("/admin/registration-tokens/{odd}/revoke"), vec![]),
        ] {
            let status = console_post(&app, &mut console, &path, &form).await.status();
            assert!(status.is_client_error(), "POST {path}: {status}");
        }
    }
    assert_eq!(roles(&app).await, expected[1..].to_vec());

    // Deleted.
    done(
        &app,
        &mut console,
        &format!("/admin/organizations/{id}/delete"),
        &[],
        "/admin/organizations?",
    )
    .await;
    assert!(app.auth.organization(&id).await.is_err());
    let res = console_get(&app, &mut console, &format!("/admin/organizations/{id}")).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);

    // Each change audited as the administrator's.
    let me = console.label();
    for (event, times) in [
        ("admin_organization_create", 1),
        ("admin_organization_update", 1),
        ("admin_organization_member_add", 1),
        ("admin_organization_member_update", 1),
        ("admin_organization_member_remove", 1),
        ("admin_organization_delete", 1),
    ] {
        let found = audited(&app, event, &format!("organization {id}")).await;
        assert_eq!(found.len(), times, "{event}: {found:?}");
        assert!(found.iter().all(|d| d.starts_with(&format!("{me}: "))), "{found:?}");
    }
}

/// Every change needs the step-up window: past it, the step-up form, and nothing changed; and
/// without a console session, nothing at all.
async fn the_console_screens_need_a_console_session_and_a_fresh_second_factor(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_ADMIN_STEP_UP_WINDOW", "2s")]).await;
    let mut console = console_admin(&app, "slow-admin@example.com").await;
    let owner = app.user("slow-owner@example.com").await;
    let owner_id = owner.body["user"]["id"].as_str().unwrap().to_owned();

    // Without a console session: the sign-in page for a GET, 401 for a form.
    for path in ["/admin/clients", "/admin/registration-tokens", "/admin/organizations"] {
        let res = app.get(path).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{path}");
        assert!(location(&res).starts_with("/admin/login?next="), "{path}");
    }
    let session = console.cookies.0.remove("portcullis_admin").expect("a console session");
    let res = console_post(&app, &mut console, "/admin/clients", &wiki_form()).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    console.cookies.0.insert("portcullis_admin".into(), session);
    // Without the CSRF field: refused before anything.
    let form = [("label", "x")];
    let res = console_post_raw(&app, &mut console, "/admin/registration-tokens", &form).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(app.auth.initial_tokens().await.unwrap().is_empty());

    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    let late = [("name", "Late"), ("owner_user_id", owner_id.as_str())];
    for (path, form) in [
        ("/admin/clients", wiki_form()),
        ("/admin/registration-tokens", vec![("label", "x")]),
        ("/admin/organizations", late.to_vec()),
        ("/admin/clients/billing/delete", vec![]),
    ] {
        let res = console_post(&app, &mut console, path, &form).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{path}");
        let html = res.text().await.unwrap();
        assert!(html.contains("action=\"/admin/step-up\""), "{path}: {html}");
    }
    assert!(app.auth.client("wiki").await.is_err());
    assert!(app.auth.initial_tokens().await.unwrap().is_empty());
    assert!(app.auth.organizations(None, 10).await.unwrap().is_empty());
    // Reading still works.
    console_page(&app, &mut console, "/admin/clients").await;
    console_page(&app, &mut console, "/admin/organizations").await;
}

backends!(
    the_console_registers_changes_and_deletes_clients,
    the_console_makes_and_revokes_registration_tokens,
    the_console_manages_organisations_and_keeps_the_last_owner,
    the_console_screens_need_a_console_session_and_a_fresh_second_factor,
);
