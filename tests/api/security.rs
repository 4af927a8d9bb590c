//! Security round 2: each property a hostile review found missing, tried from outside.

use std::time::Duration;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use portcullis::store::Audit;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::backends;
use crate::helpers::{error_body, Db, TestApp, PASSWORD};

backends!(
    a_login_that_checked_the_old_password_cannot_outlive_a_reset_that_raced_it,
    current_password_checks_spend_the_accounts_login_failure_budget,
    current_password_checks_spend_the_client_ips_budget,
    email_and_username_of_one_account_share_one_failure_budget,
    oversized_identifiers_are_refused_before_any_work_or_memory,
    metrics_are_not_served_on_the_public_port_without_the_secret,
    every_failed_password_check_waits_out_a_floor_that_covers_imported_hashes,
    a_node_measures_the_imported_hash_kinds_in_its_database_before_serving,
    a_cookie_request_with_another_authorization_scheme_is_still_checked_for_csrf,
    one_client_cannot_hold_every_connection,
    session_cookies_are_stored_only_as_hashes,
    signing_keys_are_sealed_at_rest_with_the_key_encryption_key,
    a_password_change_kills_outstanding_reset_links,
    tokens_with_unknown_key_ids_do_not_reread_the_key_table_each_time,
    look_alike_usernames_and_emails_are_taken,
    rows_keyed_by_an_older_normalisation_are_rekeyed_at_start,
    alx_answers_with_werkzeug_reason_phrases,
    legacy_resets_end_sessions_unless_configured_to_keep_them,
);

/// How many password-hash jobs have reached the hasher: done, running or waiting.
async fn hash_jobs_seen(app: &TestApp) -> f64 {
    let done = app.metric("portcullis_password_hashes_total").await;
    let running = app.metric(r#"portcullis_password_hash_jobs{state="running"}"#).await;
    let waiting = app.metric(r#"portcullis_password_hash_jobs{state="waiting"}"#).await;
    done + running + waiting
}

/// Waits until at least `n` password-hash jobs have reached the hasher (a job done while we
/// looked still counts: on a loaded machine one of the jobs ahead may finish before the next
/// arrives). Gives up after a generous while: a wait for an event, not a timing claim.
async fn hash_jobs_reach(app: &TestApp, n: f64) {
    for _ in 0..3000 {
        if hash_jobs_seen(app).await >= n {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("the hasher never saw {n} jobs");
}

async fn a_login_that_checked_the_old_password_cannot_outlive_a_reset_that_raced_it(db: Db) {
    // One slow hash at a time, so requests queue in a known order.
    let app = TestApp::spawn_with(
        db,
        &[
            ("PORTCULLIS_ARGON2_MEMORY_KIB", "32768"),
            ("PORTCULLIS_ARGON2_ITERATIONS", "3"),
            ("PORTCULLIS_HASH_CONCURRENCY", "1"),
        ],
    )
    .await;
    let email = "race@example.com";
    app.register(email, PASSWORD).await;
    let res = app.post_json("/api/auth/forgot-password", json!({"email": email})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let token = app.token_from_mail(email, "Reset").await;
    let before = hash_jobs_seen(&app).await;

    // Jobs ahead in the hash queue...
    let mut blockers = Vec::new();
    for i in 0..2 {
        let (client, url) = (app.client.clone(), app.url("/api/auth/login"));
        blockers.push(tokio::spawn(async move {
            let body = json!({"email": format!("nobody{i}@example.com"), "password": "x1234567"});
            client.post(url).json(&body).send().await.unwrap().status()
        }));
    }
    hash_jobs_reach(&app, before + 2.0).await;
    // ...then the reset hashes its new password (not committed yet)...
    let reset = {
        let (client, url) = (app.client.clone(), app.url("/api/auth/reset-password"));
        let body = json!({"token": token, "new_password": "a brand new secret"});
        tokio::spawn(async move { client.post(url).json(&body).send().await.unwrap().status() })
    };
    hash_jobs_reach(&app, before + 3.0).await;
    // ...and a login reads the old hash and waits for its check behind the reset.
    let login = {
        let (client, url) = (app.client.clone(), app.url("/api/auth/login"));
        let body = json!({"email": email, "password": PASSWORD});
        tokio::spawn(async move {
            let res = client.post(url).json(&body).send().await.unwrap();
            (res.status(), crate::helpers::session_cookie(res.headers()))
        })
    };
    hash_jobs_reach(&app, before + 4.0).await;
    for b in blockers {
        assert_eq!(b.await.unwrap(), StatusCode::UNAUTHORIZED);
    }
    assert_eq!(reset.await.unwrap(), StatusCode::OK);
    let (status, cookie) = login.await.unwrap();
    // The old password was right when it was checked, but the reset committed first: no
    // session may come of it.
    if status == StatusCode::OK {
        let cookie = cookie.expect("a login sets a cookie");
        assert_eq!(
            app.user_status_cookie(&cookie).await,
            StatusCode::UNAUTHORIZED,
            "a session opened with the old password outlived the reset"
        );
    } else {
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(app.login_status(email, PASSWORD).await, StatusCode::UNAUTHORIZED);
    app.login(email, "a brand new secret").await;
}

async fn current_password_checks_spend_the_accounts_login_failure_budget(db: Db) {
    // Four failures an hour: three free, then a delay, then the lock.
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_LOGIN_FAILURES_PER_HOUR", "4")]).await;
    let login = app.user("guess@example.com").await;
    let call = |method: Method, path: &str, body: Value| {
        app.bearer(method, path, &login.access_token).json(&body).send()
    };
    let wrong = json!({"current_password": "not my password", "new_password": "whatever 12345"});
    for i in 0..3 {
        let res = call(Method::POST, "/api/auth/change-password", wrong.clone()).await.unwrap();
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "guess {i}");
    }
    // A stolen session guesses no faster than a login would, by any of the routes.
    let res = call(Method::POST, "/api/auth/change-password", wrong).await.unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(res.headers().contains_key("retry-after"));
    let res = call(Method::DELETE, "/api/auth/user", json!({"password": PASSWORD})).await.unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS, "even the right password waits");
    let change = json!({"email": "new@example.com", "current_password": PASSWORD});
    let res = call(Method::PATCH, "/api/auth/user", change).await.unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    // It is the login's budget: logins wait too.
    let status = app.login_status("guess@example.com", PASSWORD).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    // Nothing changed.
    assert_eq!(app.current_user(&login.access_token).await["email"], "guess@example.com");
}

async fn current_password_checks_spend_the_client_ips_budget(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_RATE_LIMIT_PER_MINUTE", "6")]).await;
    let login = app.unverified_user("ip@example.com").await; // register and login: two of the six
    let wrong = json!({"current_password": "not my password", "new_password": "whatever 12345"});
    let mut statuses = Vec::new();
    for _ in 0..5 {
        let res = app
            .with_cookie(Method::POST, "/api/auth/change-password", &login.cookie)
            .json(&wrong)
            .send()
            .await
            .unwrap();
        statuses.push(res.status());
    }
    assert_eq!(&statuses[..4], &[StatusCode::UNAUTHORIZED; 4], "{statuses:?}");
    assert_eq!(statuses[4], StatusCode::TOO_MANY_REQUESTS, "{statuses:?}");
}

async fn email_and_username_of_one_account_share_one_failure_budget(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_LOGIN_FAILURES_PER_HOUR", "4")]).await;
    let res = app
        .post_json(
            "/api/auth/register",
            json!({"email": "both@example.com", "username": "bothways", "password": PASSWORD}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let by_name = |password: &'static str| {
        app.post_json("/api/auth/login", json!({"username": "bothways", "password": password}))
    };
    assert_eq!(app.login_status("both@example.com", "wrong one").await, StatusCode::UNAUTHORIZED);
    assert_eq!(app.login_status("both@example.com", "wrong two").await, StatusCode::UNAUTHORIZED);
    assert_eq!(by_name("wrong three").await.status(), StatusCode::UNAUTHORIZED);
    // Three failures between the two names: the fourth try by either waits.
    assert_eq!(by_name(PASSWORD).await.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(app.login_status("both@example.com", PASSWORD).await, StatusCode::TOO_MANY_REQUESTS);
    // An unknown identifier keeps a budget of its own, with the same answers.
    for _ in 0..3 {
        assert_eq!(
            app.login_status("ghost@example.com", "x1234567").await,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        app.login_status("ghost@example.com", "x1234567").await,
        StatusCode::TOO_MANY_REQUESTS
    );
}

async fn oversized_identifiers_are_refused_before_any_work_or_memory(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_LOGIN_FAILURES_PER_HOUR", "20")]).await;
    let hashes = "portcullis_password_hashes_total";
    let tracked = "portcullis_login_throttle_tracked";
    let before = app.metric(hashes).await;
    for i in 0..20 {
        let email = format!("{}{i}@example.com", "a".repeat(60_000));
        let res =
            app.post_json("/api/auth/login", json!({"email": email, "password": "x1234567"})).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST);
        assert_eq!(error_body(res).await["code"], "invalid_email");
    }
    let res = app
        .post_json("/api/auth/login", json!({"username": "u".repeat(33), "password": "x1234567"}))
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(app.metric(hashes).await, before, "no password work");
    assert_eq!(app.metric(tracked).await, 0.0, "nothing remembered");
    // A well-formed unknown identifier is tracked, as one fixed-size entry.
    assert_eq!(app.login_status("who@example.com", "x1234567").await, StatusCode::UNAUTHORIZED);
    assert_eq!(app.metric(tracked).await, 1.0);
}

async fn metrics_are_not_served_on_the_public_port_without_the_secret(db: Db) {
    let app = TestApp::spawn(db).await;
    assert_eq!(app.get("/metrics").await.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.metrics().await.status(), StatusCode::OK, "the private listener has them");
    let secret = "a-long-metrics-secret";
    let shared = app.another_node(&[("PORTCULLIS_METRICS_TOKEN", secret)]).await;
    assert_eq!(shared.get("/metrics").await.status(), StatusCode::UNAUTHORIZED);
    let res = shared.client.get(shared.url("/metrics")).bearer_auth("wrong").send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let res = shared.client.get(shared.url("/metrics")).bearer_auth(secret).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.text().await.unwrap().contains("portcullis_mail_outbox_messages"));
}

/// bcrypt of "correct horse battery" at cost 4 (Python bcrypt), as an import leaves it.
const IMPORTED_BCRYPT: &str = "$2b$04$tI7MeA45PJd97SlefsJz2uoSroEfMTsklxlQHwGvFu14DX4vr1Lvi";

async fn insert_imported(app: &TestApp, email: &str, hash: &str) {
    let email = portcullis::domain::Email::parse(email).unwrap();
    let new = portcullis::store::NewUser::new(&email, None, hash.to_owned(), true);
    app.auth.store().insert_user(&new, None, &mut Audit::none()).await.unwrap().unwrap();
}

async fn every_failed_password_check_waits_out_a_floor_that_covers_imported_hashes(db: Db) {
    let app = TestApp::spawn(db).await;
    insert_imported(&app, "legacy@example.com", IMPORTED_BCRYPT).await;
    let held = "portcullis_password_failures_held_total";
    assert_eq!(app.metric(held).await, 0.0);
    // A wrong password on an imported, a native and no account, on the API and a legacy set.
    app.register("native@example.com", PASSWORD).await;
    for email in ["legacy@example.com", "native@example.com", "nobody@example.com"] {
        assert_eq!(app.login_status(email, "wrong password").await, StatusCode::UNAUTHORIZED);
    }
    let res = app
        .post_json("/login", json!({"email": "legacy@example.com", "password": "wrong password"}))
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(app.metric(held).await, 4.0, "every failed login waited out the floor");
    // The imported kind's cost is now part of the floor.
    assert!(app.auth.hasher().known_kinds().contains(&"bcrypt:04".to_owned()));
    assert!(app.metric("portcullis_password_failure_floor_seconds").await > 0.0);
    // Re-checks of a signed-in user's password go the same way.
    let login = app.login("native@example.com", PASSWORD).await;
    let res = app
        .bearer(Method::POST, "/api/auth/change-password", &login.access_token)
        .json(&json!({"current_password": "wrong password", "new_password": "a whole new secret"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let res = app
        .bearer(Method::DELETE, "/api/auth/user", &login.access_token)
        .json(&json!({"password": "wrong password"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(app.metric(held).await, 6.0);
    // A right password answers at once, imported or not.
    app.login("legacy@example.com", PASSWORD).await;
    assert_eq!(app.metric(held).await, 6.0);
}

async fn a_node_measures_the_imported_hash_kinds_in_its_database_before_serving(db: Db) {
    let app = TestApp::spawn(db).await;
    insert_imported(&app, "legacy@example.com", IMPORTED_BCRYPT).await;
    let pbkdf2 = "pbkdf2:sha256:1000$8T829iAv1I1B7yqW$5beb96180278ba5910ad0667fa49d8bf06bf6b95f8866cee51dfb2c380b4f482";
    insert_imported(&app, "werkzeug@example.com", pbkdf2).await;
    app.register("native@example.com", PASSWORD).await;
    assert!(!app.auth.hasher().known_kinds().contains(&"bcrypt:04".to_owned()), "not checked yet");
    // A node started on this database covers both imported kinds before its first request.
    let node = app.another_node(&[]).await;
    let kinds = node.auth.hasher().known_kinds();
    assert!(kinds.contains(&"bcrypt:04".to_owned()), "{kinds:?}");
    assert!(kinds.contains(&"pbkdf2:sha256:1000".to_owned()), "{kinds:?}");
    assert_eq!(kinds.len(), 3, "the native kind, and nothing for native hashes: {kinds:?}");
}

async fn a_cookie_request_with_another_authorization_scheme_is_still_checked_for_csrf(db: Db) {
    let app = TestApp::spawn(db).await;
    let login = app.user("basic@example.com").await;
    let body = json!({"current_password": PASSWORD, "new_password": "another fine secret"});
    // A browser replays cached Basic credentials on a cross-site form post, cookie and all.
    for scheme in ["Basic dXNlcjpwYXNz", "Digest username=\"u\"", "Bearer", "Token abc"] {
        let res = app
            .with_cookie(Method::POST, "/api/auth/change-password", &login.cookie)
            .header("authorization", scheme)
            .header("origin", "https://evil.example")
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{scheme}");
        assert_eq!(error_body(res).await["code"], "cross_origin_request");
    }
    app.login("basic@example.com", PASSWORD).await;
    // A valid bearer token is the request's only credential and needs no Origin check.
    let res = app
        .bearer(Method::POST, "/api/auth/logout", &login.access_token)
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
}

async fn connect_from(source: &str, port: u16) -> tokio::net::TcpStream {
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind(format!("{source}:0").parse().unwrap()).unwrap();
    socket.connect(format!("127.0.0.1:{port}").parse().unwrap()).await.unwrap()
}

/// Whether the server answers a request on `stream` (rather than closing it).
async fn answers(mut stream: tokio::net::TcpStream) -> bool {
    let req = b"GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    if stream.write_all(req).await.is_err() {
        return false;
    }
    let mut buf = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut buf)).await;
    read.is_ok_and(|r| r.is_ok()) && buf.starts_with(b"HTTP/1.1 200")
}

async fn one_client_cannot_hold_every_connection(db: Db) {
    let app = TestApp::spawn_with(db, &[("PORTCULLIS_MAX_CONNECTIONS_PER_IP", "8")]).await;
    let mut idle = Vec::new();
    for _ in 0..8 {
        idle.push(connect_from("127.0.0.1", app.port).await);
    }
    assert!(!answers(connect_from("127.0.0.1", app.port).await).await, "a ninth is refused");
    // Another client is served meanwhile.
    assert!(answers(connect_from("127.0.0.2", app.port).await).await, "others still get in");
    // A connection given back makes room again (once the server has seen it close).
    idle.pop();
    let mut served = false;
    for _ in 0..50 {
        if answers(connect_from("127.0.0.1", app.port).await).await {
            served = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(served, "room again after one closed");
}

/// A text column, which MySQL hands to the `Any` driver as bytes.
fn column_text(row: &sqlx::any::AnyRow, col: &str) -> String {
    use sqlx::Row;
    row.try_get::<String, _>(col)
        .unwrap_or_else(|_| String::from_utf8(row.try_get::<Vec<u8>, _>(col).unwrap()).unwrap())
}

async fn session_cookies_are_stored_only_as_hashes(db: Db) {
    use sqlx::Row;
    let app = TestApp::spawn(db).await;
    let login = app.user("hashed@example.com").await;
    let rows = sqlx::query("SELECT id, token_hash FROM sessions")
        .fetch_all(app.auth.store().pool())
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(column_text(&rows[0], "token_hash"), portcullis::auth::hash_token(&login.cookie));
    assert_ne!(column_text(&rows[0], "id"), login.cookie);
    for table in ["sessions", "refresh_tokens"] {
        let sql = format!("SELECT COUNT(*) AS n FROM {table} WHERE token_hash = $1");
        let sql = if db == Db::MySql { sql.replace("$1", "?") } else { sql };
        for secret in [&login.cookie, &login.refresh_token] {
            let n: i64 = sqlx::query(&sql)
                .bind(secret.clone())
                .fetch_one(app.auth.store().pool())
                .await
                .unwrap()
                .try_get("n")
                .unwrap();
            assert_eq!(n, 0, "a plain token in {table}");
        }
    }
}

const KEK: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

async fn stored_private_keys(app: &TestApp) -> Vec<String> {
    let rows = sqlx::query("SELECT private_pkcs8 FROM signing_keys")
        .fetch_all(app.auth.store().pool())
        .await
        .unwrap();
    rows.iter().map(|r| column_text(r, "private_pkcs8")).collect()
}

async fn signing_keys_are_sealed_at_rest_with_the_key_encryption_key(db: Db) {
    // A key made before encryption was configured...
    let plain = TestApp::spawn(db).await;
    let before = plain.user("sealed@example.com").await;
    assert!(stored_private_keys(&plain).await.iter().all(|k| !k.starts_with("enc:")));
    // ...is sealed by the first node that starts with a key-encryption key,
    let sealed = plain.another_node(&[("PORTCULLIS_KEY_ENCRYPTION_KEY", KEK)]).await;
    let keys = stored_private_keys(&sealed).await;
    assert!(!keys.is_empty() && keys.iter().all(|k| k.starts_with("enc:v1:")), "{keys:?}");
    // and still verifies the tokens it signed, and signs new ones.
    assert_eq!(sealed.user_status_bearer(&before.access_token).await, StatusCode::OK);
    let after = sealed.login("sealed@example.com", PASSWORD).await;
    assert_eq!(sealed.user_status_bearer(&after.access_token).await, StatusCode::OK);
    sealed.auth.rotate_keys().await.unwrap();
    assert!(stored_private_keys(&sealed).await.iter().all(|k| k.starts_with("enc:v1:")));
    // A node without the key cannot use them, and says which setting it needs.
    let settings = portcullis::Settings::from_map([
        ("PORTCULLIS_BIND", "127.0.0.1:0"),
        ("PORTCULLIS_METRICS_BIND", "off"),
        ("PORTCULLIS_DATABASE_URL", plain.database_url.as_str()),
    ])
    .unwrap();
    let err = portcullis::App::build(settings).await.err().expect("refused without the key");
    assert!(format!("{err:#}").contains("PORTCULLIS_KEY_ENCRYPTION_KEY"), "{err:#}");
}

async fn a_password_change_kills_outstanding_reset_links(db: Db) {
    let app = TestApp::spawn(db).await;
    let email = "links@example.com";
    let login = app.user(email).await;
    let res = app.post_json("/api/auth/forgot-password", json!({"email": email})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let token = app.token_from_mail(email, "Reset").await;
    let res = app
        .bearer(Method::POST, "/api/auth/change-password", &login.access_token)
        .json(&json!({"current_password": PASSWORD, "new_password": "changed by hand 1"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let res = app
        .post_json(
            "/api/auth/reset-password",
            json!({"token": token, "new_password": "set by an old link"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(error_body(res).await["code"], "invalid_token");
    app.login(email, "changed by hand 1").await;
}

/// An EdDSA-looking token naming key id `kid` (its signature is never reached).
fn token_with_kid(kid: &str) -> String {
    let header =
        URL_SAFE_NO_PAD.encode(json!({"alg": "EdDSA", "typ": "JWT", "kid": kid}).to_string());
    let claims = URL_SAFE_NO_PAD.encode(json!({"sub": "x", "exp": 4_000_000_000u64}).to_string());
    format!("{header}.{claims}.AAAA")
}

async fn tokens_with_unknown_key_ids_do_not_reread_the_key_table_each_time(db: Db) {
    let app = TestApp::spawn(db).await;
    let reloads = "portcullis_signing_key_reloads_total";
    let before = app.metric(reloads).await;
    let started = std::time::Instant::now();
    for i in 0..40 {
        let status = app.user_status_bearer(&token_with_kid(&format!("made-up-{i}"))).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let after = app.metric(reloads).await;
    // At most one forced reload a second (and perhaps one periodic one): not one per token.
    let allowed = started.elapsed().as_secs_f64().ceil() + 2.0;
    assert!(after - before <= allowed, "{} reloads for 40 unknown key ids", after - before);
    assert!(after - before < 40.0);
    // A key really added on another node is still found at once.
    let other = app.another_node(&[]).await;
    other.auth.rotate_keys().await.unwrap();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let login = other.user("rotated@example.com").await;
    assert_eq!(app.user_status_bearer(&login.access_token).await, StatusCode::OK);
}

async fn look_alike_usernames_and_emails_are_taken(db: Db) {
    let app = TestApp::spawn(db).await;
    let register = |email: &str, username: &str| {
        app.post_json(
            "/api/auth/register",
            json!({"email": email, "username": username, "password": PASSWORD}),
        )
    };
    assert_eq!(register("alice@example.com", "alice").await.status(), StatusCode::CREATED);
    for (i, look_alike) in ["\u{430}lice", "ＡＬＩＣＥ", "ALICE", "al\u{456}ce"].iter().enumerate()
    {
        let res = register(&format!("other{i}@example.com"), look_alike).await;
        assert_eq!(res.status(), StatusCode::CONFLICT, "{look_alike}");
        assert_eq!(error_body(res).await["code"], "username_taken");
    }
    for email in ["ＡＬＩＣＥ@example.com", "Alice@Example.COM", "alice@ｅｘａｍｐｌｅ.com"]
    {
        let res = register(email, "someone").await;
        assert_eq!(res.status(), StatusCode::CONFLICT, "{email}");
        assert_eq!(error_body(res).await["code"], "email_taken");
    }
    // Renaming to a look-alike is refused too.
    let bob = app.user("bob@example.com").await;
    let res = app
        .bearer(Method::PATCH, "/api/auth/user", &bob.access_token)
        .json(&json!({"username": "\u{430}lice"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CONFLICT);
    // The fullwidth spelling logs in to the same account.
    let res = app
        .post_json("/api/auth/login", json!({"username": "ＡＬＩＣＥ", "password": PASSWORD}))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    // A different name is fine.
    assert_eq!(register("carol@example.com", "alicia").await.status(), StatusCode::CREATED);
}

async fn rows_keyed_by_an_older_normalisation_are_rekeyed_at_start(db: Db) {
    let app = TestApp::spawn(db).await;
    app.register("Wide@Example.com", PASSWORD).await;
    // As an earlier version keyed it: lowercase only, no skeleton.
    let sql = "UPDATE users SET email_key = 'ｗｉｄｅ@example.com', key_version = 0";
    sqlx::query(sql).execute(app.auth.store().pool()).await.unwrap();
    assert_eq!(app.login_status("wide@example.com", PASSWORD).await, StatusCode::UNAUTHORIZED);
    let node = app.another_node(&[]).await;
    node.login("wide@example.com", PASSWORD).await;
    node.login("ＷＩＤＥ@example.com", PASSWORD).await;
}

/// The status line of a raw HTTP/1.1 request.
async fn status_line(port: u16, request: &str) -> String {
    let mut s = tokio::net::TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    s.write_all(request.as_bytes()).await.unwrap();
    let mut buf = Vec::new();
    tokio::time::timeout(Duration::from_secs(5), s.read_to_end(&mut buf)).await.unwrap().unwrap();
    String::from_utf8_lossy(&buf).lines().next().unwrap_or_default().to_owned()
}

async fn alx_answers_with_werkzeug_reason_phrases(db: Db) {
    let app = TestApp::spawn(db).await;
    let body = "email=nobody%40example.com&password=x1234567";
    let post = format!(
        "POST /sessions HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    assert_eq!(status_line(app.port, &post).await, "HTTP/1.1 401 UNAUTHORIZED");
    let get = "GET /profile HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    assert_eq!(status_line(app.port, get).await, "HTTP/1.1 403 FORBIDDEN");
    let index = "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    assert_eq!(status_line(app.port, index).await, "HTTP/1.1 200 OK");
    // The canonical API keeps the standard phrases.
    let user = "GET /api/auth/user HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    assert_eq!(status_line(app.port, user).await, "HTTP/1.1 401 Unauthorized");
}

async fn alx_reset(app: &TestApp, email: &str) -> StatusCode {
    let res = app.post_form("/reset_password", &[("email", email)]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let token = res.json::<Value>().await.unwrap()["reset_token"].as_str().unwrap().to_owned();
    let res = app
        .client
        .put(app.url("/reset_password"))
        .form(&[("email", email), ("reset_token", &token), ("new_password", "the new one 123")])
        .send()
        .await
        .unwrap();
    res.status()
}

async fn legacy_resets_end_sessions_unless_configured_to_keep_them(db: Db) {
    for keep in [false, true] {
        let app = TestApp::spawn_with(
            db,
            &[("PORTCULLIS_LEGACY_RESET_KEEPS_SESSIONS", if keep { "true" } else { "false" })],
        )
        .await;
        let login = app.user("seed@example.com").await;
        assert_eq!(alx_reset(&app, "seed@example.com").await, StatusCode::OK);
        let res = app.with_cookie(Method::DELETE, "/sessions", &login.cookie).send().await.unwrap();
        let expected = if keep { StatusCode::FOUND } else { StatusCode::FORBIDDEN };
        assert_eq!(res.status(), expected, "keep sessions: {keep}");
        // The canonical reset always ends them.
        let again = app.login("seed@example.com", "the new one 123").await;
        // (A dev-mode legacy answer carries the token even while the mail is throttled.)
        let res = app.post_form("/reset_password", &[("email", "seed@example.com")]).await;
        let token = res.json::<Value>().await.unwrap()["reset_token"].as_str().unwrap().to_owned();
        let body = json!({"token": token, "new_password": "third time lucky"});
        let res = app.post_json("/api/auth/reset-password", body).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(app.user_status_cookie(&again.cookie).await, StatusCode::UNAUTHORIZED);
    }
}

#[test]
fn dev_mode_refuses_to_start_on_a_public_address() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}/p.db", dir.path().display());
    let run = |args: &[&str], env: &[(&str, &str)]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_portcullis"))
            .args(args)
            .env_clear()
            .envs([("PORTCULLIS_DATABASE_URL", db.as_str()), ("PORTCULLIS_LOG", "warn")])
            .envs(env.iter().copied())
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    let out = run(&["serve", "--dev", "--bind", "0.0.0.0:0"], &[]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("PORTCULLIS_BIND"), "{err}");
    let out = run(&["serve", "--dev"], &[("PORTCULLIS_PUBLIC_URL", "https://auth.example.com")]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("PORTCULLIS_PUBLIC_URL"), "{err}");
}
