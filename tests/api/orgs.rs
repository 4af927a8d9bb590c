//! Organisations (docs/organizations.md): made, read and changed by the roles that may,
//! invisible to outsiders, never without an owner, and carried in the tokens of the session
//! that acts for one until the membership changes.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::backends;
use crate::helpers::{Db, Login, TestApp, PASSWORD};
use portcullis::store::Audit;

async fn call(
    app: &TestApp,
    who: &Login,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let mut req = app.bearer(method, path, &who.access_token);
    if let Some(b) = body {
        req = req.json(&b);
    }
    let res = req.send().await.unwrap();
    let status = res.status();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn create(app: &TestApp, who: &Login, name: &str) -> Value {
    let (status, body) =
        call(app, who, Method::POST, "/api/auth/organizations", Some(json!({"name": name}))).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body
}

/// Adds `user_id` to `org_id` with `role` (invitations are how people join; this is the
/// store's own call, which they end in).
async fn add(app: &TestApp, org_id: &str, user_id: &str, role: &str) {
    let now = portcullis::clock::now_ms();
    let mut audit = Audit::none();
    let added = app.auth.store().add_org_member(org_id, user_id, role, now, &mut audit);
    assert!(added.await.unwrap());
}

fn user_id(who: &Login) -> String {
    who.body["user"]["id"].as_str().unwrap().to_owned()
}

fn code(body: &Value) -> &str {
    body["code"].as_str().unwrap_or_default()
}

async fn organisations_are_made_changed_and_invisible_to_outsiders(db: Db) {
    let app = TestApp::spawn(db).await;
    let alice = app.user("alice@example.com").await;
    let bob = app.user("bob@example.com").await;
    let acme = create(&app, &alice, "Acme, Inc.").await;
    assert_eq!(acme["slug"], "acme-inc");
    assert_eq!(acme["role"], "owner");
    assert!(acme["permissions"].as_array().unwrap().iter().any(|p| p == "organization:delete"));
    let id = acme["id"].as_str().unwrap();
    let path = format!("/api/auth/organizations/{id}");

    // A slug is unique; bad input changes nothing.
    let (status, body) = call(
        &app,
        &bob,
        Method::POST,
        "/api/auth/organizations",
        Some(json!({"name": "Other", "slug": "acme-inc"})),
    )
    .await;
    assert_eq!((status, code(&body)), (StatusCode::CONFLICT, "slug_taken"));
    for bad in [
        json!({}),
        json!({"name": ""}),
        json!({"name": "X", "slug": "-bad"}),
        json!({"name": "X", "metadata": [1]}),
        json!({"name": "X", "metadata": {"big": "x".repeat(5000)}}),
        json!({"name": "X", "owner": "me"}),
    ] {
        let (status, body) =
            call(&app, &bob, Method::POST, "/api/auth/organizations", Some(bad.clone())).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {body}");
    }
    let (_, mine) = call(&app, &bob, Method::GET, "/api/auth/organizations", None).await;
    assert_eq!(mine["organizations"], json!([]), "nothing was made");

    // An outsider learns nothing and changes nothing.
    for (method, suffix, body) in [
        (Method::GET, "", None),
        (Method::PATCH, "", Some(json!({"name": "Mine now"}))),
        (Method::DELETE, "", Some(json!({"password": PASSWORD}))),
        (Method::GET, "/members", None),
        (Method::PATCH, &*format!("/members/{}", user_id(&alice)), Some(json!({"role": "member"}))),
        (Method::DELETE, &*format!("/members/{}", user_id(&alice)), None),
    ] {
        let (status, answer) =
            call(&app, &bob, method.clone(), &format!("{path}{suffix}"), body).await;
        assert_eq!(
            (status, code(&answer)),
            (StatusCode::NOT_FOUND, "organization_not_found"),
            "{method} {suffix}"
        );
    }
    let (status, body) = call(
        &app,
        &bob,
        Method::PUT,
        "/api/auth/organizations/active",
        Some(json!({"organization_id": id})),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");

    // Its owner changes it.
    let (status, body) = call(
        &app,
        &alice,
        Method::PATCH,
        &path,
        Some(json!({"name": "Acme", "metadata": {"plan": "pro"}})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        (body["name"].as_str(), body["metadata"]["plan"].as_str()),
        (Some("Acme"), Some("pro"))
    );
    let (_, listed) = call(&app, &alice, Method::GET, "/api/auth/organizations", None).await;
    assert_eq!(listed["organizations"][0]["id"], id);
    let (_, members) = call(&app, &alice, Method::GET, &format!("{path}/members"), None).await;
    assert_eq!(members["members"][0]["email"], "alice@example.com");
}

async fn roles_decide_who_may_do_what_and_the_last_owner_stays(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_ORG_ROLES", "billing=invoices:read")]).await;
    let alice = app.user("owner@example.com").await;
    let bob = app.user("member@example.com").await;
    let carol = app.user("admin@example.com").await;
    let org = create(&app, &alice, "Roles").await;
    let id = org["id"].as_str().unwrap().to_owned();
    let path = format!("/api/auth/organizations/{id}");
    add(&app, &id, &user_id(&bob), "member").await;
    add(&app, &id, &user_id(&carol), "admin").await;
    let member = |who: &Login| format!("{path}/members/{}", user_id(who));

    // A member reads, nothing more.
    let (status, _) = call(&app, &bob, Method::GET, &format!("{path}/members"), None).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = call(&app, &bob, Method::PATCH, &path, Some(json!({"name": "Bob's"}))).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = call(&app, &bob, Method::DELETE, &member(&carol), None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // An admin manages members, not owners.
    let (status, _) =
        call(&app, &carol, Method::PATCH, &member(&bob), Some(json!({"role": "billing"}))).await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) =
        call(&app, &carol, Method::PATCH, &member(&bob), Some(json!({"role": "nope"}))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, _) =
        call(&app, &carol, Method::PATCH, &member(&bob), Some(json!({"role": "owner"}))).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = call(&app, &carol, Method::DELETE, &member(&alice), None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = call(&app, &carol, Method::DELETE, &path, Some(json!({}))).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "only an owner deletes");

    // The last owner can neither be demoted nor leave.
    let (status, body) =
        call(&app, &alice, Method::PATCH, &member(&alice), Some(json!({"role": "admin"}))).await;
    assert_eq!((status, code(&body)), (StatusCode::CONFLICT, "last_owner"));
    let (status, body) = call(&app, &alice, Method::DELETE, &member(&alice), None).await;
    assert_eq!((status, code(&body)), (StatusCode::CONFLICT, "last_owner"));
    // With a second owner, the first may go.
    let (status, _) =
        call(&app, &alice, Method::PATCH, &member(&carol), Some(json!({"role": "owner"}))).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = call(&app, &alice, Method::DELETE, &member(&alice), None).await;
    assert_eq!(status, StatusCode::OK, "left");
    let (status, _) = call(&app, &alice, Method::GET, &path, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "gone once left");

    // Deleting needs an owner's recent authentication, or the password.
    let pool = crate::provider::database(&app).await;
    sqlx::query("UPDATE sessions SET auth_time = 0").execute(&pool).await.unwrap();
    let (status, body) = call(&app, &carol, Method::DELETE, &path, Some(json!({}))).await;
    assert_eq!((status, code(&body)), (StatusCode::FORBIDDEN, "reauthentication_required"));
    let (status, body) =
        call(&app, &carol, Method::DELETE, &path, Some(json!({"password": PASSWORD}))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _) = call(&app, &bob, Method::GET, &path, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

fn payload(jwt: &str) -> Value {
    use base64::Engine as _;
    let part = jwt.split('.').nth(1).unwrap();
    serde_json::from_slice(&base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(part).unwrap())
        .unwrap()
}

/// The claims of a first-party access token, its signature checked against the JWKS.
async fn verified(app: &TestApp, jwt: &str) -> Value {
    let jwks: jsonwebtoken::jwk::JwkSet = app
        .client
        .get(app.url("/.well-known/jwks.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let header = jsonwebtoken::decode_header(jwt).unwrap();
    let jwk = jwks.find(header.kid.as_deref().unwrap()).expect("the key is published");
    let key = jsonwebtoken::DecodingKey::from_jwk(jwk).unwrap();
    let mut v = jsonwebtoken::Validation::new(header.alg);
    v.validate_aud = false;
    jsonwebtoken::decode::<Value>(jwt, &key, &v).expect("signature verifies").claims
}

async fn tokens_carry_the_active_organisation_until_the_membership_changes(db: Db) {
    let app = TestApp::spawn(db).await;
    let alice = app.user("org-owner@example.com").await;
    let bob = app.user("org-member@example.com").await;
    let org = create(&app, &alice, "Tokens").await;
    let id = org["id"].as_str().unwrap().to_owned();
    add(&app, &id, &user_id(&bob), "member").await;

    let (status, switched) = call(
        &app,
        &bob,
        Method::PUT,
        "/api/auth/organizations/active",
        Some(json!({"organization_id": id})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{switched}");
    let token = switched["access_token"].as_str().unwrap().to_owned();
    let claims = verified(&app, &token).await;
    assert_eq!(claims["org_id"], id.as_str());
    assert_eq!(claims["org_slug"], "tokens");
    assert_eq!(claims["org_role"], "member");
    assert_eq!(claims["org_permissions"], json!(["organization:read", "members:read"]));
    assert!(payload(&bob.access_token).get("org_id").is_none());
    let growth = token.len() as i64 - bob.access_token.len() as i64;
    assert!(growth < 400, "the organisation adds {growth} bytes");
    assert_eq!(app.user_status_bearer(&token).await, StatusCode::OK);
    // A refresh keeps acting for it.
    let res = app.post_json("/api/auth/refresh", json!({"refresh_token": bob.refresh_token})).await;
    let refreshed: Value = res.json().await.unwrap();
    let refreshed_token = refreshed["access_token"].as_str().unwrap().to_owned();
    assert_eq!(payload(&refreshed_token)["org_id"], id.as_str());

    // A role change ends the tokens that carry the old role; a removal, every one for it.
    let member = format!("/api/auth/organizations/{id}/members/{}", user_id(&bob));
    let (status, _) =
        call(&app, &alice, Method::PATCH, &member, Some(json!({"role": "admin"}))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(app.user_status_bearer(&token).await, StatusCode::UNAUTHORIZED);
    let bob_now = Login { access_token: bob.access_token.clone(), ..bob };
    let (_, again) = call(
        &app,
        &bob_now,
        Method::PUT,
        "/api/auth/organizations/active",
        Some(json!({"organization_id": id})),
    )
    .await;
    let admin_token = again["access_token"].as_str().unwrap().to_owned();
    assert_eq!(payload(&admin_token)["org_role"], "admin");
    assert_eq!(app.user_status_bearer(&admin_token).await, StatusCode::OK);
    let (status, _) = call(&app, &alice, Method::DELETE, &member, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(app.user_status_bearer(&admin_token).await, StatusCode::UNAUTHORIZED, "at once");
    assert_eq!(
        app.user_status_bearer(&bob_now.access_token).await,
        StatusCode::OK,
        "the session lives"
    );
    // Acting for none again.
    let (status, none) = call(
        &app,
        &alice,
        Method::PUT,
        "/api/auth/organizations/active",
        Some(json!({"organization_id": null})),
    )
    .await;
    assert_eq!((status, none["organization"].clone()), (StatusCode::OK, Value::Null));
    assert!(payload(none["access_token"].as_str().unwrap()).get("org_id").is_none());
}

async fn invitations_are_mailed_single_use_and_for_their_address_only(db: Db) {
    let app = TestApp::spawn(db).await;
    let alice = app.user("inviter@example.com").await;
    let bob = app.user("plain-member@example.com").await;
    let outsider = app.user("outsider@example.com").await;
    let org = create(&app, &alice, "Invites").await;
    let id = org["id"].as_str().unwrap().to_owned();
    add(&app, &id, &user_id(&bob), "member").await;
    let invitations = format!("/api/auth/organizations/{id}/invitations");

    // Who may invite, and what.
    let invite = |who: &Login, body: Value| {
        let req = app.bearer(Method::POST, &invitations, &who.access_token).json(&body);
        async move {
            let res = req.send().await.unwrap();
            let status = res.status();
            (status, res.json::<Value>().await.unwrap_or(Value::Null))
        }
    };
    let (status, _) = invite(&bob, json!({"email": "x@example.com"})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = invite(&outsider, json!({"email": "x@example.com"})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    for bad in [
        json!({"email": "not an address"}),
        json!({"email": "x@example.com", "role": "king"}),
        json!({}),
    ] {
        let (status, body) = invite(&alice, bad.clone()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {body}");
    }
    let (status, made) =
        invite(&alice, json!({"email": "Carol@Example.com", "role": "admin"})).await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    assert_eq!(made["role"], "admin");
    let (_, listed) = call(&app, &alice, Method::GET, &invitations, None).await;
    assert_eq!(listed["invitations"].as_array().unwrap().len(), 1);
    let token = app.token_from_mail("carol@example.com", "join Invites").await;

    // A new account accepts once its address is confirmed; the token is good once.
    app.register("carol@example.com", PASSWORD).await;
    let carol = app.login("carol@example.com", PASSWORD).await;
    let accept = |who: &Login, token: &str| {
        let req = app
            .bearer(Method::POST, "/api/auth/organizations/invitations/accept", &who.access_token)
            .json(&json!({"token": token}));
        async move {
            let res = req.send().await.unwrap();
            let status = res.status();
            (status, res.json::<Value>().await.unwrap_or(Value::Null))
        }
    };
    let (status, body) = accept(&carol, &token).await;
    assert_eq!((status, code(&body)), (StatusCode::FORBIDDEN, "email_not_verified"));
    let (status, body) = accept(&outsider, &token).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "another address: {body}");
    app.verify("carol@example.com").await;
    let (status, joined) = accept(&carol, &token).await;
    assert_eq!(status, StatusCode::OK, "{joined}");
    assert_eq!(
        (joined["id"].as_str(), joined["role"].as_str()),
        (Some(id.as_str()), Some("admin"))
    );
    let (status, body) = accept(&carol, &token).await;
    assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_token"), "single use");
    let (_, listed) = call(&app, &alice, Method::GET, &invitations, None).await;
    assert_eq!(listed["invitations"], json!([]), "accepted: no longer open");

    // A revoked invitation's link is dead.
    let (_, made) = invite(&alice, json!({"email": "dave@example.com"})).await;
    let token = app.token_from_mail("dave@example.com", "join Invites").await;
    let path = format!("{invitations}/{}", made["id"].as_str().unwrap());
    let (status, _) = call(&app, &alice, Method::DELETE, &path, None).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = call(&app, &alice, Method::DELETE, &path, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let dave = app.user("dave@example.com").await;
    let (status, _) = accept(&dave, &token).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    // The mailed link's page: signed out, to the login and back; signed in, one form.
    let (_, _) = invite(&alice, json!({"email": "erin@example.com"})).await;
    let token = app.token_from_mail("erin@example.com", "join Invites").await;
    let link = format!("/account/invitation?token={token}");
    let mut anonymous = crate::device::Browser::new(&app);
    let (status, location, _) = anonymous.get(&link).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location.starts_with("/account/login?next="), "{location}");
    let erin = app.user("erin@example.com").await;
    let mut browser = crate::device::Browser::signed_in(&app, &erin.cookie);
    let (status, _, html) = browser.get(&link).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("Join Invites?") && html.contains(">member<"), "{html}");
    let (status, _, html) = browser.post("/account/invitation", &[("token", &token)]).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("data-outcome=\"joined\""), "{html}");
    let (_, members) =
        call(&app, &alice, Method::GET, &format!("/api/auth/organizations/{id}/members"), None)
            .await;
    let emails: Vec<&str> = members["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["email"].as_str().unwrap())
        .collect();
    assert_eq!(
        emails,
        [
            "inviter@example.com",
            "plain-member@example.com",
            "carol@example.com",
            "erin@example.com"
        ]
    );

    // What an inviter sent ends with their power to send it: demoted, then removed.
    let carol_id = joined["id"].as_str().map(|_| user_id(&carol)).unwrap();
    let carol_path = format!("/api/auth/organizations/{id}/members/{carol_id}");
    for (email, change) in
        [("frank@example.com", Method::PATCH), ("gina@example.com", Method::DELETE)]
    {
        let admin = Some(json!({"role": "admin"}));
        let (status, _) = call(&app, &alice, Method::PATCH, &carol_path, admin).await;
        assert_eq!(status, StatusCode::OK);
        let (status, body) = invite(&carol, json!({"email": email})).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let token = app.token_from_mail(email, "join Invites").await;
        let body = (change == Method::PATCH).then(|| json!({"role": "member"}));
        let (status, _) = call(&app, &alice, change, &carol_path, body).await;
        assert_eq!(status, StatusCode::OK);
        let invitee = app.user(email).await;
        let (status, body) = accept(&invitee, &token).await;
        assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_token"), "{email}");
    }

    // An expired invitation is refused, and housekeeping deletes it.
    invite(&alice, json!({"email": "late@example.com"})).await;
    let token = app.token_from_mail("late@example.com", "join Invites").await;
    let pool = crate::provider::database(&app).await;
    sqlx::query(
        "UPDATE organization_invitations SET expires_at = 1 WHERE email = 'late@example.com'",
    )
    .execute(&pool)
    .await
    .unwrap();
    let late = app.user("late@example.com").await;
    let (status, _) = accept(&late, &token).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    portcullis::housekeeping::run_once(&app.auth, portcullis::clock::now_ms(), None).await.unwrap();
    let left: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM organization_invitations WHERE expires_at = 1")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(left, 0);
}

/// Tenant isolation, from the OpenAPI document: every route of an organisation, every method,
/// called by an owner of organisation A with organisation B's ids (B's owner, B's invitation)
/// in the path and a plausible body. None succeeds, and B is unchanged.
async fn no_organisation_route_lets_a_member_of_one_touch_another(db: Db) {
    let app = TestApp::spawn(db).await;
    let a_owner = app.user("a-owner@example.com").await;
    let b_owner = app.user("b-owner@example.com").await;
    create(&app, &a_owner, "Tenant A").await;
    let b = create(&app, &b_owner, "Tenant B").await;
    let b_id = b["id"].as_str().unwrap().to_owned();
    let (status, inv) = call(
        &app,
        &b_owner,
        Method::POST,
        &format!("/api/auth/organizations/{b_id}/invitations"),
        Some(json!({"email": "a-owner@example.com"})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{inv}");
    let (status, team) = call(
        &app,
        &b_owner,
        Method::POST,
        &format!("/api/auth/organizations/{b_id}/teams"),
        Some(json!({"name": "B team"})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{team}");
    let doc: Value = app.get("/openapi.json").await.json().await.unwrap();
    let mut tried = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        if !path.contains("{organization_id}") {
            continue;
        }
        let concrete = path
            .replace("{organization_id}", &b_id)
            .replace("{user_id}", &user_id(&b_owner))
            .replace("{invitation_id}", inv["id"].as_str().unwrap())
            .replace("{team_id}", team["id"].as_str().unwrap());
        for (method, _) in item.as_object().unwrap() {
            let method: Method = method.to_uppercase().parse().unwrap();
            let body = json!({"name": "Taken", "slug": "taken", "role": "member",
                              "email": "a-owner@example.com", "password": PASSWORD});
            let body = match method {
                Method::GET => None,
                Method::PATCH if path.ends_with("{organization_id}") => {
                    Some(json!({"name": "Taken"}))
                }
                Method::PATCH => Some(json!({"role": "member"})),
                Method::DELETE if path.ends_with("{organization_id}") => {
                    Some(json!({"password": PASSWORD}))
                }
                Method::DELETE => None,
                _ if path.ends_with("/invitations") => {
                    Some(json!({"email": "a-owner@example.com"}))
                }
                _ if path.ends_with("/teams") => Some(json!({"name": "Taken"})),
                Method::PUT if path.contains("{team_id}") => None,
                _ => Some(body),
            };
            let (status, answer) = call(&app, &a_owner, method.clone(), &concrete, body).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{method} {path}: {answer}");
            tried += 1;
        }
    }
    assert!(tried >= 15, "every organisation route was tried: {tried}");
    let (_, still) =
        call(&app, &b_owner, Method::GET, &format!("/api/auth/organizations/{b_id}"), None).await;
    assert_eq!(still["name"], "Tenant B");
    let (_, members) =
        call(&app, &b_owner, Method::GET, &format!("/api/auth/organizations/{b_id}/members"), None)
            .await;
    assert_eq!(members["members"].as_array().unwrap().len(), 1);
    let (_, open) = call(
        &app,
        &b_owner,
        Method::GET,
        &format!("/api/auth/organizations/{b_id}/invitations"),
        None,
    )
    .await;
    assert_eq!(open["invitations"].as_array().unwrap().len(), 1);
}

/// Provider clients see the organisation behind the `organization` scope: in the ID token, the
/// access token and userinfo, as long as the membership it names holds.
async fn provider_tokens_carry_the_organisation_with_the_organization_scope(db: Db) {
    use crate::provider::{exchange, introspect, register, spec, userinfo, verified_claims};
    let app = TestApp::spawn(db).await;
    let owner = app.user("p-owner@example.com").await;
    let person = app.user("p-member@example.com").await;
    let org = create(&app, &owner, "Provided").await;
    let id = org["id"].as_str().unwrap().to_owned();
    add(&app, &id, &user_id(&person), "member").await;
    let (status, _) = call(
        &app,
        &person,
        Method::PUT,
        "/api/auth/organizations/active",
        Some(json!({"organization_id": id})),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let scopes = ["openid", "email", "organization"].map(String::from).to_vec();
    let rp =
        register(&app, portcullis::service::ClientSpec { scopes: Some(scopes), ..spec("org-rp") })
            .await;
    let (code, verifier) =
        crate::provider::code(&app, &rp, &person.cookie, "openid organization").await;
    let (status, tokens) = exchange(&app, &rp, &code, &verifier).await;
    assert_eq!(status, StatusCode::OK, "{tokens}");
    let (_, id_token) = verified_claims(&app, tokens["id_token"].as_str().unwrap()).await;
    assert_eq!(
        (id_token["org_id"].as_str(), id_token["org_role"].as_str()),
        (Some(id.as_str()), Some("member"))
    );
    let access = tokens["access_token"].as_str().unwrap();
    let (_, at) = verified_claims(&app, access).await;
    assert_eq!(at["org_slug"], "provided");
    let info: Value = userinfo(&app, access).await.json().await.unwrap();
    assert_eq!(info["org_id"], id.as_str());
    // Without the scope, nothing of it.
    let (code, verifier) = crate::provider::code(&app, &rp, &person.cookie, "openid").await;
    let (_, plain) = exchange(&app, &rp, &code, &verifier).await;
    let (_, id_token) = verified_claims(&app, plain["id_token"].as_str().unwrap()).await;
    assert!(id_token.get("org_id").is_none());
    // The member removed: the token that carries the organisation is dead at once.
    let member = format!("/api/auth/organizations/{id}/members/{}", user_id(&person));
    let (status, _) = call(&app, &owner, Method::DELETE, &member, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(userinfo(&app, access).await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(introspect(&app, &rp, access).await["active"], false);
    assert_eq!(
        userinfo(&app, plain["access_token"].as_str().unwrap()).await.status(),
        StatusCode::OK
    );
}

/// Two owners demoting each other at the same instant: one wins, and an owner remains.
async fn two_owners_demoting_each_other_at_once_leave_one_owner(db: Db) {
    let app = TestApp::spawn(db).await;
    let a = app.user("twin-a@example.com").await;
    let b = app.user("twin-b@example.com").await;
    for round in 0..5 {
        let org = create(&app, &a, &format!("Twins {round}")).await;
        let id = org["id"].as_str().unwrap().to_owned();
        add(&app, &id, &user_id(&b), "owner").await;
        let path_a = format!("/api/auth/organizations/{id}/members/{}", user_id(&a));
        let path_b = format!("/api/auth/organizations/{id}/members/{}", user_id(&b));
        let body = || Some(json!({"role": "member"}));
        let (x, y) = tokio::join!(
            call(&app, &a, Method::PATCH, &path_b, body()),
            call(&app, &b, Method::PATCH, &path_a, body())
        );
        let statuses = [x.0, y.0];
        assert!(statuses.contains(&StatusCode::OK), "{statuses:?}");
        let (_, members) =
            call(&app, &a, Method::GET, &format!("/api/auth/organizations/{id}/members"), None)
                .await;
        let owners = members["members"]
            .as_array()
            .map_or(0, |m| m.iter().filter(|m| m["role"] == "owner").count());
        let (_, members_b) =
            call(&app, &b, Method::GET, &format!("/api/auth/organizations/{id}/members"), None)
                .await;
        let owners_b = members_b["members"]
            .as_array()
            .map_or(0, |m| m.iter().filter(|m| m["role"] == "owner").count());
        assert_eq!(owners.max(owners_b), 1, "round {round}: {statuses:?}");
    }
}

/// The hosted pages do what the API does, under the same rules.
async fn the_pages_make_invite_manage_and_leave_organisations(db: Db) {
    use crate::device::Browser;
    let app = TestApp::spawn(db).await;
    let owner = app.user("page-owner@example.com").await;
    let mut ob = Browser::signed_in(&app, &owner.cookie);
    let (status, _, html) = ob.get("/account/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("id=\"create-organization\""), "{html}");
    let (status, location, _) = ob.post("/account/organizations", &[("name", "Paged")]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let page = location.clone();
    let id = page.trim_start_matches("/account/organizations/").to_owned();
    let (status, _, html) = ob.get(&page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("<h1 id=\"title\">Paged</h1>") && html.contains("id=\"my-role\">owner<"),
        "{html}"
    );

    // Invite, and the invited person accepts.
    let (status, back, _) = ob
        .post(
            &format!("{page}/invitations"),
            &[("email", "page-member@example.com"), ("role", "admin")],
        )
        .await;
    assert_eq!((status, back.as_str()), (StatusCode::SEE_OTHER, page.as_str()));
    let (_, _, html) = ob.get(&page).await;
    assert!(html.contains("page-member@example.com"), "the open invitation is listed");
    let token = app.token_from_mail("page-member@example.com", "join Paged").await;
    let member = app.user("page-member@example.com").await;
    let res = app
        .bearer(Method::POST, "/api/auth/organizations/invitations/accept", &member.access_token)
        .json(&json!({"token": token}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let member_id = user_id(&member);

    // The owner changes the member's role; the member may no longer invite.
    let (status, _, _) =
        ob.post(&format!("{page}/members/{member_id}/role"), &[("role", "member")]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let mut mb = Browser::signed_in(&app, &member.cookie);
    let (status, _, html) = mb.get(&page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains("id=\"invite\""), "no invite form for a member");
    let (status, _, _) =
        mb.post(&format!("{page}/invitations"), &[("email", "x@example.com")]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = mb.post(&format!("{page}/members/{}/remove", user_id(&owner)), &[]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // An outsider sees nothing.
    let outsider = app.user("page-outsider@example.com").await;
    let mut xb = Browser::signed_in(&app, &outsider.cookie);
    let (status, _, _) = xb.get(&page).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // The member acts for it, then leaves; the last owner cannot.
    let (status, _, _) = mb.post(&format!("{page}/switch"), &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, back, _) = mb.post(&format!("{page}/members/{member_id}/remove"), &[]).await;
    assert_eq!((status, back.as_str()), (StatusCode::SEE_OTHER, "/account/"));
    let (status, _, _) = ob.post(&format!("{page}/members/{}/remove", user_id(&owner)), &[]).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (_, members) =
        call(&app, &owner, Method::GET, &format!("/api/auth/organizations/{id}/members"), None)
            .await;
    assert_eq!(members["members"].as_array().unwrap().len(), 1);
}

/// An account whose owner is the only owner of an organisation others belong to cannot be
/// deleted until it hands over; once deleted, its memberships go, and an organisation nobody
/// belongs to goes with it.
async fn deleting_an_account_never_leaves_an_organisation_without_an_owner(db: Db) {
    let app = TestApp::spawn(db).await;
    let a = app.user("leaving-owner@example.com").await;
    let b = app.user("staying-member@example.com").await;
    // An account nobody has proven makes none (so none can be planted in it, nor orphaned
    // when the address's owner declines it).
    let squatter = app.unverified_user("unproven@example.com").await;
    let body = json!({"name": "Planted"});
    let (status, refused) =
        call(&app, &squatter, Method::POST, "/api/auth/organizations", Some(body)).await;
    assert_eq!((status, code(&refused)), (StatusCode::FORBIDDEN, "email_not_verified"));
    let solo = create(&app, &a, "Solo").await;
    let shared = create(&app, &a, "Shared").await;
    let shared_id = shared["id"].as_str().unwrap().to_owned();
    add(&app, &shared_id, &user_id(&b), "member").await;
    let delete = |who: &Login| {
        app.bearer(Method::DELETE, "/api/auth/user", &who.access_token)
            .json(&json!({"password": PASSWORD}))
            .send()
    };
    let res = delete(&a).await.unwrap();
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert_eq!(code(&res.json().await.unwrap()), "last_owner");
    // Nor may the operator delete it, by the admin API or the command line's call.
    let scopes = vec!["users:write".to_owned()];
    let key = app.auth.create_api_key("deleter", &scopes).await.unwrap().1;
    let res = app
        .client
        .delete(app.url(&format!("/api/admin/users/{}", user_id(&a))))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert_eq!(code(&res.json().await.unwrap()), "last_owner");
    let refused = app.auth.admin_delete_user("leaving-owner@example.com").await.unwrap_err();
    assert!(refused.to_string().contains("only owner"), "{refused}");
    assert_eq!(app.user_status_bearer(&a.access_token).await, StatusCode::OK);
    let path = format!("/api/auth/organizations/{shared_id}/members/{}", user_id(&b));
    let (status, _) = call(&app, &a, Method::PATCH, &path, Some(json!({"role": "owner"}))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(delete(&a).await.unwrap().status(), StatusCode::OK);
    let (_, members) =
        call(&app, &b, Method::GET, &format!("/api/auth/organizations/{shared_id}/members"), None)
            .await;
    assert_eq!(members["members"].as_array().unwrap().len(), 1, "{members}");
    let pool = crate::provider::database(&app).await;
    let solo_left: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM organizations WHERE slug = 'solo'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(solo_left, 0, "{solo}");
    // B, now the only owner, cannot leave either.
    let (status, _) = call(&app, &b, Method::DELETE, &path, None).await;
    assert_eq!(status, StatusCode::CONFLICT);
}

/// Teams: made by those who manage members, holding only members of their organisation, left
/// with the organisation.
async fn teams_hold_members_of_their_organisation_only(db: Db) {
    let app = TestApp::spawn(db).await;
    let owner = app.user("team-owner@example.com").await;
    let member = app.user("team-member@example.com").await;
    let outsider = app.user("team-outsider@example.com").await;
    let org = create(&app, &owner, "Teams").await;
    let id = org["id"].as_str().unwrap().to_owned();
    add(&app, &id, &user_id(&member), "member").await;
    let teams = format!("/api/auth/organizations/{id}/teams");
    let (status, _) =
        call(&app, &member, Method::POST, &teams, Some(json!({"name": "Nope"}))).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a member does not make teams");
    let (status, team) =
        call(&app, &owner, Method::POST, &teams, Some(json!({"name": "Support"}))).await;
    assert_eq!(status, StatusCode::CREATED, "{team}");
    let team_path = format!("{teams}/{}", team["id"].as_str().unwrap());
    let (status, _) =
        call(&app, &owner, Method::PUT, &format!("{team_path}/members/{}", user_id(&member)), None)
            .await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = call(
        &app,
        &owner,
        Method::PUT,
        &format!("{team_path}/members/{}", user_id(&outsider)),
        None,
    )
    .await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::NOT_FOUND, "member_not_found"),
        "not in the organisation"
    );
    let (_, listed) = call(&app, &member, Method::GET, &teams, None).await;
    assert_eq!(listed["teams"][0]["name"], "Support");
    let (_, in_team) =
        call(&app, &member, Method::GET, &format!("{team_path}/members"), None).await;
    assert_eq!(in_team["members"][0]["email"], "team-member@example.com");
    // Out of the organisation, out of its teams.
    let (status, _) = call(
        &app,
        &owner,
        Method::DELETE,
        &format!("/api/auth/organizations/{id}/members/{}", user_id(&member)),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (_, in_team) = call(&app, &owner, Method::GET, &format!("{team_path}/members"), None).await;
    assert_eq!(in_team["members"], json!([]));
    let (status, _) = call(&app, &owner, Method::DELETE, &team_path, None).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = call(&app, &owner, Method::GET, &format!("{team_path}/members"), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Each change audited as the team's own event, by whoever made it.
    let pool = crate::provider::database(&app).await;
    let sql = format!(
        "SELECT outcome FROM audit_log WHERE event = 'organization_team' AND user_id = '{}'",
        user_id(&owner)
    );
    let mut outcomes: Vec<String> = sqlx::query_scalar(&sql).fetch_all(&pool).await.unwrap();
    outcomes.sort();
    assert_eq!(outcomes, ["created", "deleted", "member_added"], "{outcomes:?}");
}

backends!(
    teams_hold_members_of_their_organisation_only,
    deleting_an_account_never_leaves_an_organisation_without_an_owner,
    the_pages_make_invite_manage_and_leave_organisations,
    two_owners_demoting_each_other_at_once_leave_one_owner,
    provider_tokens_carry_the_organisation_with_the_organization_scope,
    no_organisation_route_lets_a_member_of_one_touch_another,
    invitations_are_mailed_single_use_and_for_their_address_only,
    organisations_are_made_changed_and_invisible_to_outsiders,
    roles_decide_who_may_do_what_and_the_last_owner_stays,
    tokens_carry_the_active_organisation_until_the_membership_changes,
);

/// The invitation's journey in Chromium: the mailed link, the login page on the way, the
/// invitation page under its strict CSP, one button, and the person is a member.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invited_person_joins_from_the_mailed_link_in_a_real_browser() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let Some(browser) = crate::browser::Browser::start(1000, 900).await else { return };
    browser.run(|b| invitation_journey(app, b)).await;
}

async fn invitation_journey(app: TestApp, b: fantoccini::Client) {
    use crate::browser::{assert_self_contained, click, fill, wait_for_path, wait_for_title};
    let owner = app.user("journey-owner@example.com").await;
    let org = create(&app, &owner, "Journey").await;
    let id = org["id"].as_str().unwrap().to_owned();
    let (status, _) = call(
        &app,
        &owner,
        Method::POST,
        &format!("/api/auth/organizations/{id}/invitations"),
        Some(json!({"email": "newcomer@example.com", "role": "admin"})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    app.register("newcomer@example.com", PASSWORD).await;
    app.verify("newcomer@example.com").await;
    let link = crate::browser::mailed_link(&app, "newcomer@example.com", "join Journey").await;
    assert!(link.starts_with(&format!("{}/account/invitation?token=", app.public)), "{link}");

    b.goto(&link).await.unwrap();
    wait_for_path(&b, "/account/login").await;
    fill(&b, "email", "newcomer@example.com").await;
    fill(&b, "password", PASSWORD).await;
    click(&b, "button[type=submit]").await;
    wait_for_path(&b, "/account/invitation").await;
    wait_for_title(&b, "Join Journey? · Portcullis").await;
    assert_self_contained(&b, &app.base).await;
    assert_eq!(crate::browser::text(&b, "#role").await, "admin");
    click(&b, "#accept").await;
    wait_for_title(&b, "You joined Journey · Portcullis").await;

    let (_, members) =
        call(&app, &owner, Method::GET, &format!("/api/auth/organizations/{id}/members"), None)
            .await;
    let joined = members["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["email"] == "newcomer@example.com");
    assert_eq!(joined.map(|m| m["role"].clone()), Some(json!("admin")));
}
