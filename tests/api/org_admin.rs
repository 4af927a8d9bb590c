//! The operator's side of organisations: `/api/admin/organizations` (keys with
//! `organizations:read` / `organizations:write`, each write audited with the key) and
//! `portcullis org …`, both keeping the last owner and ending a removed member's tokens.

use std::process::{Command, Stdio};

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::backends;
use crate::helpers::{Db, Login, TestApp};

async fn key(app: &TestApp, scopes: &[&str]) -> String {
    let scopes: Vec<String> = scopes.iter().map(|s| (*s).to_owned()).collect();
    app.auth.create_api_key("orgs", &scopes).await.unwrap().1
}

async fn call(
    app: &TestApp,
    key: &str,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let mut req = app.client.request(method, app.url(path)).bearer_auth(key);
    if let Some(b) = body {
        req = req.json(&b);
    }
    let res = req.send().await.unwrap();
    let status = res.status();
    (status, res.json().await.unwrap_or(Value::Null))
}

fn user_id(who: &Login) -> String {
    who.body["user"]["id"].as_str().unwrap().to_owned()
}

fn code(body: &Value) -> &str {
    body["code"].as_str().unwrap_or_default()
}

async fn organisations_need_the_organizations_scopes(db: Db) {
    let app = TestApp::spawn(db).await;
    let alice = app.user("scoped-owner@example.com").await;
    let users = key(&app, &["users:read", "users:write", "clients:write"]).await;
    let reader = key(&app, &["organizations:read"]).await;
    let writer = key(&app, &["organizations:write"]).await;
    let create = json!({"name": "Scoped", "owner_user_id": user_id(&alice)});

    for (k, method, body) in [
        (&users, Method::GET, None),
        (&users, Method::POST, Some(create.clone())),
        (&reader, Method::POST, Some(create.clone())),
        (&writer, Method::GET, None),
    ] {
        let (status, answer) =
            call(&app, k, method.clone(), "/api/admin/organizations", body).await;
        assert_eq!(
            (status, code(&answer)),
            (StatusCode::FORBIDDEN, "insufficient_scope"),
            "{method}"
        );
    }
    let (status, org) =
        call(&app, &writer, Method::POST, "/api/admin/organizations", Some(create)).await;
    assert_eq!(status, StatusCode::CREATED, "{org}");
    let path = format!("/api/admin/organizations/{}", org["id"].as_str().unwrap());
    for (k, method, suffix, body) in [
        (&users, Method::GET, "", None),
        (&users, Method::GET, "/members", None),
        (&reader, Method::PATCH, "", Some(json!({"name": "Mine"}))),
        (&reader, Method::DELETE, "", None),
        (
            &reader,
            Method::PUT,
            &*format!("/members/{}", user_id(&alice)),
            Some(json!({"role": "member"})),
        ),
        (&reader, Method::DELETE, &*format!("/members/{}", user_id(&alice)), None),
    ] {
        let (status, _) = call(&app, k, method.clone(), &format!("{path}{suffix}"), body).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{method} {suffix}");
    }
    let (status, read) = call(&app, &reader, Method::GET, &path, None).await;
    assert_eq!((status, read["name"].as_str()), (StatusCode::OK, Some("Scoped")));
    // A user's own access token is never an admin key.
    let (status, _) = call(&app, &alice.access_token, Method::GET, &path, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

async fn the_admin_api_manages_organisations_and_keeps_the_last_owner(db: Db) {
    let app = TestApp::spawn(db).await;
    let alice = app.user("api-owner@example.com").await;
    let bob = app.user("api-member@example.com").await;
    let k = key(&app, &["organizations:read", "organizations:write", "audit:read"]).await;
    let orgs = "/api/admin/organizations";

    // The first owner is an existing user, named one way.
    for (bad, want) in [
        (json!({"name": "X"}), StatusCode::BAD_REQUEST),
        (
            json!({"name": "X", "owner_user_id": user_id(&alice), "owner_email": "a@b.c"}),
            StatusCode::BAD_REQUEST,
        ),
        (json!({"name": "Xy", "owner_email": "nobody@example.com"}), StatusCode::NOT_FOUND),
        (
            json!({"name": "X", "slug": "-x", "owner_user_id": user_id(&alice)}),
            StatusCode::BAD_REQUEST,
        ),
        (
            json!({"name": "X", "owner_user_id": user_id(&alice), "extra": 1}),
            StatusCode::BAD_REQUEST,
        ),
    ] {
        let (status, body) = call(&app, &k, Method::POST, orgs, Some(bad.clone())).await;
        assert_eq!(status, want, "{bad}: {body}");
    }
    let (status, org) = call(
        &app,
        &k,
        Method::POST,
        orgs,
        Some(json!({"name": "Admin Made", "owner_email": "API-Owner@example.com"})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{org}");
    assert_eq!(org["slug"], "admin-made");
    let id = org["id"].as_str().unwrap().to_owned();
    let path = format!("{orgs}/{id}");
    let (_, second) = call(
        &app,
        &k,
        Method::POST,
        orgs,
        Some(json!({"name": "Second", "owner_user_id": user_id(&bob)})),
    )
    .await;
    let (status, _) = call(
        &app,
        &k,
        Method::POST,
        orgs,
        Some(json!({"name": "Again", "slug": "admin-made", "owner_user_id": user_id(&bob)})),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);

    // The owner sees it as theirs.
    let mine = app.get_json_bearer("/api/auth/organizations", &alice).await;
    assert_eq!(mine["organizations"][0]["id"], id.as_str());
    assert_eq!(mine["organizations"][0]["role"], "owner");

    // Listed a page at a time.
    let (_, page) = call(&app, &k, Method::GET, &format!("{orgs}?limit=1"), None).await;
    assert_eq!(page["organizations"].as_array().unwrap().len(), 1);
    let next = page["next"].as_str().unwrap().to_owned();
    let (_, rest) =
        call(&app, &k, Method::GET, &format!("{orgs}?limit=1&after={next}"), None).await;
    let mut ids =
        vec![page["organizations"][0]["id"].clone(), rest["organizations"][0]["id"].clone()];
    ids.sort_by_key(|v| v.as_str().unwrap().to_owned());
    let mut want = vec![org["id"].clone(), second["id"].clone()];
    want.sort_by_key(|v| v.as_str().unwrap().to_owned());
    assert_eq!(ids, want);
    let (status, _) = call(&app, &k, Method::GET, &format!("{orgs}?limit=0"), None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    // Changed; unknown ones are 404.
    let (status, changed) =
        call(&app, &k, Method::PATCH, &path, Some(json!({"metadata": {"plan": "pro"}}))).await;
    assert_eq!((status, changed["metadata"]["plan"].as_str()), (StatusCode::OK, Some("pro")));
    assert_eq!(changed["name"], "Admin Made", "the rest is kept");
    let (status, body) = call(&app, &k, Method::GET, &format!("{orgs}/nope"), None).await;
    assert_eq!((status, code(&body)), (StatusCode::NOT_FOUND, "organization_not_found"));

    // Members: added, changed; the last owner stays.
    let bob_path = format!("{path}/members/{}", user_id(&bob));
    let alice_path = format!("{path}/members/{}", user_id(&alice));
    let (status, added) =
        call(&app, &k, Method::PUT, &bob_path, Some(json!({"role": "member"}))).await;
    assert_eq!(status, StatusCode::OK, "{added}");
    assert_eq!(
        (added["added"].as_bool(), added["member"]["role"].as_str()),
        (Some(true), Some("member"))
    );
    let (status, body) =
        call(&app, &k, Method::PUT, &bob_path, Some(json!({"role": "nope"}))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, body) = call(
        &app,
        &k,
        Method::PUT,
        &format!("{path}/members/no-such-user"),
        Some(json!({"role": "member"})),
    )
    .await;
    assert_eq!((status, code(&body)), (StatusCode::NOT_FOUND, "user_not_found"));
    let (status, body) =
        call(&app, &k, Method::PUT, &alice_path, Some(json!({"role": "admin"}))).await;
    assert_eq!((status, code(&body)), (StatusCode::CONFLICT, "last_owner"));
    let (status, body) = call(&app, &k, Method::DELETE, &alice_path, None).await;
    assert_eq!((status, code(&body)), (StatusCode::CONFLICT, "last_owner"));
    let (status, body) =
        call(&app, &k, Method::PUT, &bob_path, Some(json!({"role": "owner"}))).await;
    assert_eq!((status, body["added"].as_bool()), (StatusCode::OK, Some(false)));
    let (status, _) =
        call(&app, &k, Method::PUT, &alice_path, Some(json!({"role": "admin"}))).await;
    assert_eq!(status, StatusCode::OK, "with another owner, the first may be demoted");
    let (status, body) = call(&app, &k, Method::DELETE, &bob_path, None).await;
    assert_eq!((status, code(&body)), (StatusCode::CONFLICT, "last_owner"), "bob is the last now");
    let (_, members) = call(&app, &k, Method::GET, &format!("{path}/members"), None).await;
    let roles: Vec<(&str, &str)> = members["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["email"].as_str().unwrap(), m["role"].as_str().unwrap()))
        .collect();
    assert_eq!(roles, [("api-owner@example.com", "admin"), ("api-member@example.com", "owner")]);
    let (status, _) = call(&app, &k, Method::DELETE, &alice_path, None).await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = call(&app, &k, Method::DELETE, &alice_path, None).await;
    assert_eq!((status, code(&body)), (StatusCode::NOT_FOUND, "member_not_found"));

    // Deleted; every write is in the log with the key.
    let (status, _) = call(&app, &k, Method::DELETE, &path, None).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = call(&app, &k, Method::GET, &path, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let key_id = app.auth.api_keys().await.unwrap()[0].id.clone();
    let (_, log) = call(&app, &k, Method::GET, "/api/admin/audit?limit=200", None).await;
    let entries = log["entries"].as_array().unwrap();
    for event in [
        "admin_organization_create",
        "admin_organization_update",
        "admin_organization_member_add",
        "admin_organization_member_update",
        "admin_organization_member_remove",
        "admin_organization_delete",
    ] {
        let found =
            entries.iter().find(|e| e["event"] == event).unwrap_or_else(|| panic!("{event}"));
        let detail = found["detail"].as_str().unwrap();
        assert!(detail.starts_with(&format!("key {key_id}: organization ")), "{event}: {detail}");
    }
    let refused =
        entries.iter().filter(|e| e["event"] == "admin_organization_member_update").count();
    assert_eq!(refused, 2, "a refused demotion records no write");
}

async fn an_admin_removal_ends_the_members_organisation_tokens(db: Db) {
    let app = TestApp::spawn(db).await;
    let alice = app.user("removal-owner@example.com").await;
    let bob = app.user("removal-member@example.com").await;
    let k = key(&app, &["organizations:write"]).await;
    let (_, org) = call(
        &app,
        &k,
        Method::POST,
        "/api/admin/organizations",
        Some(json!({"name": "Removal", "owner_user_id": user_id(&alice)})),
    )
    .await;
    let id = org["id"].as_str().unwrap().to_owned();
    let member = format!("/api/admin/organizations/{id}/members/{}", user_id(&bob));
    let (status, _) = call(&app, &k, Method::PUT, &member, Some(json!({"role": "admin"}))).await;
    assert_eq!(status, StatusCode::OK);
    let res = app
        .bearer(Method::PUT, "/api/auth/organizations/active", &bob.access_token)
        .json(&json!({"organization_id": id}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let token = res.json::<Value>().await.unwrap()["access_token"].as_str().unwrap().to_owned();
    assert_eq!(app.user_status_bearer(&token).await, StatusCode::OK);

    // A role change by the operator ends the tokens that carry the old role.
    let (status, _) = call(&app, &k, Method::PUT, &member, Some(json!({"role": "member"}))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(app.user_status_bearer(&token).await, StatusCode::UNAUTHORIZED);
    let res = app
        .bearer(Method::PUT, "/api/auth/organizations/active", &bob.access_token)
        .json(&json!({"organization_id": id}))
        .send()
        .await
        .unwrap();
    let token = res.json::<Value>().await.unwrap()["access_token"].as_str().unwrap().to_owned();
    assert_eq!(app.user_status_bearer(&token).await, StatusCode::OK);

    // A removal, every one for it, at once; the session lives on.
    let (status, _) = call(&app, &k, Method::DELETE, &member, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(app.user_status_bearer(&token).await, StatusCode::UNAUTHORIZED, "at once");
    assert_eq!(
        app.user_status_bearer(&bob.access_token).await,
        StatusCode::OK,
        "the session lives"
    );
    let mine = app.get_json_bearer("/api/auth/organizations", &bob).await;
    assert_eq!(mine["organizations"], json!([]));
}

/// Runs `portcullis org …` against the test's database: (success, stdout lines as JSON, stderr).
async fn org(app: &TestApp, args: &[&str]) -> (bool, Vec<Value>, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_portcullis"));
    cmd.arg("org").args(args).current_dir(dir.path()).env_clear();
    if let Ok(path) = std::env::var("PATH") {
        cmd.env("PATH", path);
    }
    cmd.envs([("PORTCULLIS_DATABASE_URL", app.database_url.as_str()), ("USER", "ops-tester")]);
    let out = tokio::task::spawn_blocking(move || {
        cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).output().unwrap()
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    (out.status.success(), lines, String::from_utf8_lossy(&out.stderr).into_owned())
}

async fn the_command_line_round_trips_an_organisation(db: Db) {
    let app = TestApp::spawn(db).await;
    let alice = app.user("cli-owner@example.com").await;
    let bob = app.user("cli-member@example.com").await;

    let (ok, made, err) = org(
        &app,
        &[
            "create",
            "--name",
            "Cli Co",
            "--owner",
            "cli-owner@example.com",
            "--metadata",
            r#"{"plan":"free"}"#,
        ],
    )
    .await;
    assert!(ok, "{err}");
    let id = made[0]["id"].as_str().unwrap().to_owned();
    assert_eq!(
        (made[0]["slug"].as_str(), made[0]["metadata"]["plan"].as_str()),
        (Some("cli-co"), Some("free"))
    );

    let (ok, listed, _) = org(&app, &["list"]).await;
    assert!(ok);
    assert_eq!(listed.len(), 1);
    let (ok, shown, _) = org(&app, &["update", &id, "--slug", "cli-company"]).await;
    assert!(ok);
    assert_eq!(shown[0]["slug"], "cli-company");
    let (ok, shown, _) = org(&app, &["show", &id]).await;
    assert!(ok);
    assert_eq!(
        (shown[0]["slug"].as_str(), shown[0]["name"].as_str()),
        (Some("cli-company"), Some("Cli Co"))
    );

    // Members: set-role only for a member; add-member by address or id; the last owner stays.
    let (ok, _, err) = org(&app, &["set-role", &id, "cli-member@example.com", "admin"]).await;
    assert!(!ok && err.contains("not a member"), "{err}");
    let (ok, added, err) = org(&app, &["add-member", &id, "cli-member@example.com"]).await;
    assert!(ok, "{err}");
    assert_eq!(
        (added[0]["added"].as_bool(), added[0]["member"]["role"].as_str()),
        (Some(true), Some("member"))
    );
    let (ok, _, err) = org(&app, &["set-role", &id, &user_id(&alice), "member"]).await;
    assert!(!ok, "the last owner");
    assert!(err.contains("at least one owner"), "{err}");
    let (ok, _, err) = org(&app, &["set-role", &id, &user_id(&bob), "owner"]).await;
    assert!(ok, "{err}");
    let (ok, _, err) = org(&app, &["remove-member", &id, "cli-owner@example.com"]).await;
    assert!(ok, "{err}");
    let (ok, members, _) = org(&app, &["members", &id]).await;
    assert!(ok);
    assert_eq!(members.len(), 1);
    assert_eq!(
        (members[0]["email"].as_str(), members[0]["role"].as_str()),
        (Some("cli-member@example.com"), Some("owner"))
    );
    let (ok, _, _) = org(&app, &["remove-member", &id, &user_id(&bob)]).await;
    assert!(!ok, "the last owner stays");

    // The API sees what the command line did; the log names the operator.
    let theirs = app.get_json_bearer("/api/auth/organizations", &bob).await;
    assert_eq!(theirs["organizations"][0]["role"], "owner");
    let (ok, _, err) = org(&app, &["delete", &id]).await;
    assert!(ok && err.contains("deleted organization"), "{err}");
    let (ok, _, err) = org(&app, &["show", &id]).await;
    assert!(!ok && err.contains("No such organisation"), "{err}");
    let log = app.auth.audit_log(0, None).await.unwrap();
    let create = log.iter().find(|e| e.event == "admin_organization_create").unwrap();
    assert!(
        create.user_agent.as_deref().unwrap().contains("ops-tester"),
        "{:?}",
        create.user_agent
    );
    assert_eq!(create.user_id.as_deref(), Some(user_id(&alice).as_str()));
}

backends!(
    organisations_need_the_organizations_scopes,
    the_admin_api_manages_organisations_and_keeps_the_last_owner,
    an_admin_removal_ends_the_members_organisation_tokens,
    the_command_line_round_trips_an_organisation,
);
