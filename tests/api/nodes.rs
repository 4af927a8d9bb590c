//! Several nodes on one database behave as one service: sessions, revocations and disabled
//! accounts are seen by every node at once; a key rotation reaches every node's JWKS within
//! `PORTCULLIS_KEY_RELOAD_INTERVAL`, and retired keys leave it. (Sharing sessions and keys at
//! first sight is in `keys.rs`.)

use std::time::{Duration, Instant};

use portcullis::clock::now_ms;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::backends;
use crate::helpers::{Db, TestApp, PASSWORD};
use crate::keys::jwt_part;

backends!(
    a_revocation_on_one_node_is_effective_on_the_other_at_once,
    a_grant_or_client_ended_on_one_node_is_refused_by_the_others_provider_at_once,
    a_key_rotation_on_one_node_reaches_the_others_jwks_within_the_reload_interval,
);

async fn session_ids(app: &TestApp, token: &str) -> (String, Vec<String>) {
    let body: Value = app
        .bearer(Method::GET, "/api/auth/sessions", token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let sessions = body["sessions"].as_array().unwrap();
    let current = sessions.iter().find(|s| s["current"] == true).unwrap()["id"].as_str().unwrap();
    let others = sessions
        .iter()
        .filter(|s| s["current"] == false)
        .map(|s| s["id"].as_str().unwrap().to_owned());
    (current.to_owned(), others.collect())
}

async fn a_revocation_on_one_node_is_effective_on_the_other_at_once(db: Db) {
    let one = TestApp::spawn(db).await;
    let two = one.another_node(&[]).await;
    let a = one.user("shared@example.com").await;
    let b = two.login("shared@example.com", PASSWORD).await;
    let c = one.login("shared@example.com", PASSWORD).await;

    // Node two revokes session a by id: node one refuses its token and cookie at once.
    let (_, others) = session_ids(&two, &b.access_token).await;
    let (a_id, _) = session_ids(&one, &a.access_token).await;
    assert!(others.contains(&a_id));
    let res = two
        .bearer(Method::DELETE, &format!("/api/auth/sessions/{a_id}"), &b.access_token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(one.user_status_bearer(&a.access_token).await, StatusCode::UNAUTHORIZED);
    assert_eq!(one.user_status_cookie(&a.cookie).await, StatusCode::UNAUTHORIZED);
    let res = one.post_json("/api/auth/refresh", json!({"refresh_token": a.refresh_token})).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "its refresh token too");

    // A password change on node one ends every other session, on node two too.
    let res = one
        .bearer(Method::POST, "/api/auth/change-password", &c.access_token)
        .json(&json!({"current_password": PASSWORD, "new_password": "another fine secret"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(two.user_status_bearer(&b.access_token).await, StatusCode::UNAUTHORIZED);
    assert_eq!(two.user_status_bearer(&c.access_token).await, StatusCode::OK);

    // An administrator disabling the account on one node: no node accepts it any more.
    one.auth.admin_set_active("shared@example.com", false).await.unwrap();
    assert_eq!(two.user_status_bearer(&c.access_token).await, StatusCode::UNAUTHORIZED);
    assert_eq!(two.user_status_cookie(&c.cookie).await, StatusCode::UNAUTHORIZED);
    let res = two
        .post_json(
            "/api/auth/login",
            json!({"email": "shared@example.com", "password": "another fine secret"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    one.auth.admin_set_active("shared@example.com", true).await.unwrap();
    two.login("shared@example.com", "another fine secret").await;
}

/// The provider's hot reads (the grant behind userinfo and introspection, the client behind
/// client authentication) and its cache of verified token signatures are never a cache of
/// liveness: a grant revoked or a client deleted on node two is refused by node one at its next
/// request, though node one had just answered for them.
async fn a_grant_or_client_ended_on_one_node_is_refused_by_the_others_provider_at_once(db: Db) {
    use crate::provider::{introspect, register, sign_in, spec, userinfo};
    let one = TestApp::spawn(db).await;
    let two = one.another_node(&[]).await;
    let rp = register(&one, spec("shared-rp")).await;
    let cookie = one.user("grant@example.com").await.cookie;
    let tokens = sign_in(&one, &rp, &cookie, "openid email offline_access").await;
    let access = tokens["access_token"].as_str().unwrap();
    let refresh = tokens["refresh_token"].as_str().unwrap();
    for _ in 0..2 {
        assert_eq!(userinfo(&one, access).await.status(), StatusCode::OK);
        assert_eq!(introspect(&one, &rp, access).await["active"], true);
    }
    let res = two
        .client
        .post(two.url("/oauth2/revoke"))
        .basic_auth(&rp.id, rp.secret.as_deref())
        .form(&[("token", refresh)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(userinfo(&one, access).await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(introspect(&one, &rp, access).await["active"], false);

    // The client deleted on node two: node one no longer authenticates it.
    two.auth.delete_client(&rp.id, &Default::default()).await.unwrap();
    let res = one
        .client
        .post(one.url("/oauth2/introspect"))
        .basic_auth(&rp.id, rp.secret.as_deref())
        .form(&[("token", access)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

async fn jwks_kids(app: &TestApp) -> Vec<String> {
    let body: Value = app.get("/.well-known/jwks.json").await.json().await.unwrap();
    body["keys"].as_array().unwrap().iter().map(|k| k["kid"].as_str().unwrap().to_owned()).collect()
}

/// Waits up to ten seconds for `app`'s JWKS to satisfy `ok`.
async fn until_jwks(app: &TestApp, what: &str, ok: impl Fn(&[String]) -> bool) -> Duration {
    let started = Instant::now();
    loop {
        let kids = jwks_kids(app).await;
        if ok(&kids) {
            return started.elapsed();
        }
        assert!(started.elapsed() < Duration::from_secs(10), "{what}: {kids:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn a_key_rotation_on_one_node_reaches_the_others_jwks_within_the_reload_interval(db: Db) {
    let one = TestApp::spawn(db).await;
    let two = one.another_node(&[("PORTCULLIS_KEY_RELOAD_INTERVAL", "300ms")]).await;
    let old = one.user("keys@example.com").await;
    let old_kid = jwt_part(&old.access_token, 0)["kid"].as_str().unwrap().to_owned();
    assert_eq!(jwks_kids(&two).await, vec![old_kid.clone()]);

    // Node one rotates. Node two lists the new key without ever having seen a token of it.
    let new_kid = one.auth.rotate_keys().await.unwrap();
    until_jwks(&two, "node two never published the new key", |k| k.contains(&new_kid)).await;
    assert!(jwks_kids(&two).await.contains(&old_kid), "the old key stays while its tokens live");
    // And signs with it: a token from node two verifies on node one, and the other way round.
    let from_two = two.login("keys@example.com", PASSWORD).await;
    assert_eq!(jwt_part(&from_two.access_token, 0)["kid"], new_kid.as_str());
    assert_eq!(one.user_status_bearer(&from_two.access_token).await, StatusCode::OK);
    assert_eq!(two.user_status_bearer(&old.access_token).await, StatusCode::OK);

    // Retirement waits for the old key's last token: nothing goes while one could be live...
    assert!(one.auth.retire_keys(now_ms()).await.unwrap().is_empty());
    let settings = &one.auth.settings();
    let last_token_dies =
        (settings.access_token_ttl + settings.key_reload_interval).as_millis() as i64 + 60_000;
    assert!(one.auth.retire_keys(now_ms() + last_token_dies - 5_000).await.unwrap().is_empty());
    // ...and once none can be, the old key leaves the database, and every node's JWKS.
    let retired = one.auth.retire_keys(now_ms() + last_token_dies + 5_000).await.unwrap();
    assert_eq!(retired, vec![old_kid.clone()]);
    assert!(!jwks_kids(&one).await.contains(&old_kid));
    until_jwks(&two, "node two kept the retired key", |k| k == [new_kid.clone()]).await;
    assert_eq!(two.user_status_bearer(&from_two.access_token).await, StatusCode::OK);
    // The newest key is never retired, however old.
    let far = now_ms() + 365 * 86_400_000;
    assert!(one.auth.retire_keys(far).await.unwrap().is_empty());
    assert_eq!(jwks_kids(&one).await, vec![new_kid]);
}
