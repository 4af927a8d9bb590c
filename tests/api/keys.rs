//! Access-token signing keys: EdDSA and the JWKS, HS256, rotation, several nodes.

use std::time::{SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::backends;
use crate::helpers::{Db, TestApp, PASSWORD};

backends!(
    access_tokens_are_eddsa_with_a_kid_published_in_the_jwks,
    a_jwt_secret_switches_to_hs256_with_an_empty_jwks,
    a_token_signed_by_another_server_is_refused,
    rotated_keys_keep_old_tokens_valid_and_sign_new_ones_with_the_new_key,
    a_second_node_on_the_same_database_shares_sessions_and_keys,
);

/// Part `index` of a JWT (0: header, 1: claims), decoded as JSON.
pub fn jwt_part(token: &str, index: usize) -> Value {
    let part = token.split('.').nth(index).expect("a JWT has three parts");
    let bytes = URL_SAFE_NO_PAD.decode(part).expect("base64url without padding");
    serde_json::from_slice(&bytes).expect("a JSON object")
}

fn kid(token: &str) -> String {
    jwt_part(token, 0)["kid"].as_str().expect("a kid header").to_owned()
}

fn now_secs() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64
}

/// The `kid`s in `GET /.well-known/jwks.json`.
async fn jwks_kids(app: &TestApp) -> Vec<String> {
    let res = app.get("/.well-known/jwks.json").await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    body["keys"].as_array().unwrap().iter().map(|k| k["kid"].as_str().unwrap().to_owned()).collect()
}

/// The id of the session `token` authenticates, from `GET /api/auth/sessions`.
async fn current_session_id(app: &TestApp, token: &str) -> String {
    let res = app.bearer(Method::GET, "/api/auth/sessions", token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    let sessions = body["sessions"].as_array().unwrap();
    let current = sessions.iter().find(|s| s["current"] == true).expect("a current session");
    current["id"].as_str().unwrap().to_owned()
}

async fn access_tokens_are_eddsa_with_a_kid_published_in_the_jwks(db: Db) {
    let app = TestApp::spawn(db).await;
    let login = app.user("ed@example.com").await;
    let token = &login.access_token;

    let header = jwt_part(token, 0);
    assert_eq!(header["alg"], "EdDSA", "{header}");
    let kid = kid(token);
    assert!(!kid.is_empty());

    let res = app.get("/.well-known/jwks.json").await;
    assert_eq!(res.status(), StatusCode::OK);
    let jwks: Value = res.json().await.unwrap();
    let keys = jwks["keys"].as_array().unwrap();
    let key = keys.iter().find(|k| k["kid"] == kid.as_str()).expect("the signing key is published");
    assert_eq!(key["kty"], "OKP");
    assert_eq!(key["crv"], "Ed25519");
    assert_eq!(URL_SAFE_NO_PAD.decode(key["x"].as_str().unwrap()).unwrap().len(), 32);
    for k in keys {
        assert!(k.get("d").is_none(), "no private part: {k}");
    }

    let claims = jwt_part(token, 1);
    assert_eq!(claims["sub"], login.body["user"]["id"], "{claims}");
    assert_eq!(claims["sid"], current_session_id(&app, token).await, "{claims}");
    for name in ["iss", "aud", "jti"] {
        assert!(!claims[name].as_str().unwrap_or_default().is_empty(), "{name} in {claims}");
    }
    let (iat, exp) = (claims["iat"].as_i64().unwrap(), claims["exp"].as_i64().unwrap());
    assert_eq!(exp - iat, 900, "15 minutes by default");
    assert!((iat - now_secs()).abs() <= 60, "issued now: {claims}");
    assert_eq!(login.body["expires_in"], 900);

    // Every token has its own jti.
    let again = app.login("ed@example.com", PASSWORD).await;
    assert_ne!(jwt_part(&again.access_token, 1)["jti"], claims["jti"]);
}

async fn a_jwt_secret_switches_to_hs256_with_an_empty_jwks(db: Db) {
    let secret = "0123456789abcdefghijklmnopqrstuvwxyzABCD";
    assert_eq!(secret.len(), 40);
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_JWT_SECRET", secret)]).await;
    let login = app.user("hs@example.com").await;

    assert_eq!(jwt_part(&login.access_token, 0)["alg"], "HS256");
    let res = app.get("/.well-known/jwks.json").await;
    assert_eq!(res.status(), StatusCode::OK);
    let jwks: Value = res.json().await.unwrap();
    assert_eq!(jwks, json!({"keys": []}));
    assert_eq!(app.user_status_bearer(&login.access_token).await, StatusCode::OK);

    // A token from a server with another secret is refused.
    let other = TestApp::spawn_with(db, &[("PORTCULLIS_JWT_SECRET", &"x".repeat(40))]).await;
    let user_id = login.body["user"]["id"].as_str().unwrap();
    let session_id = current_session_id(&app, &login.access_token).await;
    let foreign = other
        .auth
        .jwt()
        .issue(user_id, &session_id, &crate::helpers::password_context(), now_secs())
        .unwrap();
    assert_eq!(app.user_status_bearer(&foreign).await, StatusCode::UNAUTHORIZED);
}

async fn a_token_signed_by_another_server_is_refused(db: Db) {
    let app = TestApp::spawn(db).await;
    let other = TestApp::spawn(db).await;
    let login = app.user("victim@example.com").await;
    let user_id = login.body["user"]["id"].as_str().unwrap();
    let session_id = current_session_id(&app, &login.access_token).await;

    // The same claims, signed by each server: only the signature differs.
    let ours = app
        .auth
        .jwt()
        .issue(user_id, &session_id, &crate::helpers::password_context(), now_secs())
        .unwrap();
    assert_eq!(app.user_status_bearer(&ours).await, StatusCode::OK);
    let foreign = other
        .auth
        .jwt()
        .issue(user_id, &session_id, &crate::helpers::password_context(), now_secs())
        .unwrap();
    assert_eq!(app.user_status_bearer(&foreign).await, StatusCode::UNAUTHORIZED);

    // And a token the other server issued at login, valid there.
    let theirs = other.user("victim@example.com").await;
    assert_eq!(other.user_status_bearer(&theirs.access_token).await, StatusCode::OK);
    assert_eq!(app.user_status_bearer(&theirs.access_token).await, StatusCode::UNAUTHORIZED);
}

async fn rotated_keys_keep_old_tokens_valid_and_sign_new_ones_with_the_new_key(db: Db) {
    let app = TestApp::spawn(db).await;
    let before = app.user("rot@example.com").await;
    let old_kid = kid(&before.access_token);

    let new_kid = app.auth.rotate_keys().await.unwrap();
    assert_ne!(new_kid, old_kid);
    assert_eq!(app.user_status_bearer(&before.access_token).await, StatusCode::OK);

    let after = app.login("rot@example.com", PASSWORD).await;
    assert_eq!(kid(&after.access_token), new_kid);
    assert_eq!(app.user_status_bearer(&after.access_token).await, StatusCode::OK);
    // A refresh also signs with the new key.
    let res =
        app.post_json("/api/auth/refresh", json!({"refresh_token": before.refresh_token})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert_eq!(kid(body["access_token"].as_str().unwrap()), new_kid);

    let kids = jwks_kids(&app).await;
    assert!(kids.contains(&old_kid), "{kids:?}");
    assert!(kids.contains(&new_kid), "{kids:?}");
}

async fn a_second_node_on_the_same_database_shares_sessions_and_keys(db: Db) {
    let one = TestApp::spawn(db).await;
    let two = one.another_node(&[]).await;
    assert_ne!(one.port, two.port);

    let a = one.user("nodes@example.com").await;
    assert_eq!(two.user_status_bearer(&a.access_token).await, StatusCode::OK);
    assert_eq!(two.user_status_cookie(&a.cookie).await, StatusCode::OK);
    let b = two.login("nodes@example.com", PASSWORD).await;
    assert_eq!(one.user_status_bearer(&b.access_token).await, StatusCode::OK);
    assert_eq!(one.user_status_cookie(&b.cookie).await, StatusCode::OK);
    // A refresh token issued by one node works on the other.
    let res = two.post_json("/api/auth/refresh", json!({"refresh_token": a.refresh_token})).await;
    assert_eq!(res.status(), StatusCode::OK);

    // A logout on node two ends the session on node one at once.
    let res = two.bearer(Method::POST, "/api/auth/logout", &a.access_token).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(one.user_status_bearer(&a.access_token).await, StatusCode::UNAUTHORIZED);
    assert_eq!(one.user_status_cookie(&a.cookie).await, StatusCode::UNAUTHORIZED);
    assert_eq!(one.user_status_bearer(&b.access_token).await, StatusCode::OK);

    // Node one rotates; node two learns the new key when it first sees it.
    let new_kid = one.auth.rotate_keys().await.unwrap();
    let c = one.login("nodes@example.com", PASSWORD).await;
    assert_eq!(kid(&c.access_token), new_kid);
    assert_eq!(two.user_status_bearer(&c.access_token).await, StatusCode::OK);
    assert_eq!(two.user_status_bearer(&b.access_token).await, StatusCode::OK, "old key too");
    assert!(jwks_kids(&two).await.contains(&new_kid));
}
