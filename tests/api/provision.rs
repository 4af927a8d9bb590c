//! `portcullis provision plan|apply FILE.toml` (docs/provisioning.md): the built binary against
//! a running server's database, on every backend.

use std::path::Path;
use std::process::{Command, Output};

use reqwest::StatusCode;
use serde_json::json;

use crate::backends;
use crate::helpers::{Db, TestApp};

backends!(
    apply_makes_everything_and_a_second_apply_changes_nothing,
    plan_changes_nothing_and_a_changed_file_changes_exactly_that,
    an_invalid_file_applies_nothing,
    stored_settings_take_effect_at_the_next_start_under_the_environment,
);

/// Runs the binary in `dir` (no portcullis.toml there) on `app`'s database.
fn portcullis(app: &TestApp, dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_portcullis"));
    cmd.current_dir(dir)
        .args(args)
        .env("PORTCULLIS_DATABASE_URL", &app.database_url)
        .env("PORTCULLIS_ARGON2_MEMORY_KIB", "1024")
        .env("PORTCULLIS_ARGON2_ITERATIONS", "1")
        .env("PORTCULLIS_LOG", "warn")
        .env("PORTCULLIS_PUBLIC_URL", &app.public)
        .env("PORTCULLIS_METRICS_BIND", "off");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `provision VERB FILE`, which must succeed: its standard output.
fn provision(app: &TestApp, dir: &Path, verb: &str) -> String {
    let out = portcullis(app, dir, &["provision", verb, "provision.toml"], &[]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "provision {verb} failed:\n{stdout}\n{stderr}");
    stdout
}

/// Everything provisioning can change, as the store reads it (timestamps included).
async fn snapshot(app: &TestApp) -> String {
    let auth = &app.auth;
    let users = auth.users().await.unwrap();
    let clients = auth.clients().await.unwrap();
    let keys = auth.api_keys().await.unwrap();
    let orgs = auth.organizations(None, 100).await.unwrap();
    let mut members = Vec::new();
    for o in &orgs {
        members.push(format!("{:?}", auth.organization_members(&o.id).await.unwrap()));
    }
    let stored = auth.store().settings_overrides().await.unwrap();
    format!("{users:?}\n{clients:?}\n{keys:?}\n{orgs:?}\n{members:?}\n{stored:?}")
}

/// A secret-valued setting: never shown.
const METRICS_TOKEN: &str = "metrics-token-0123456789abcdef";

fn file(billing_redirects: &str, org_name: &str) -> String {
    format!(
        r#"
[admin]
email = "root@example.com"

[[client]]
id = "billing"
name = "Billing"
redirect_uris = [{billing_redirects}]
grant_types = ["authorization_code", "refresh_token", "client_credentials"]
scopes = ["openid", "email", "api.read"]
secret_file = "billing.secret"

[[client]]
id = "spa"
name = "Single page"
public = true
redirect_uris = ["http://127.0.0.1:3000/cb"]

[[organization]]
slug = "acme"
name = "{org_name}"
members = [{{ email = "root@example.com", role = "owner" }}]

[[api_key]]
name = "ops"
scopes = ["users:read", "organizations:read"]
secret_file = "ops.key"

[[webhook]]
name = "audit"
url = "http://127.0.0.1:9/hook"
events = ["user.created"]
secret_file = "audit.whsec"

[settings]
session_ttl = "2h"
metrics_token = "{METRICS_TOKEN}"
"#
    )
}

fn secret(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap().trim_end().to_owned()
}

/// The value and origin `config --explain` shows for `name`.
fn explained(app: &TestApp, dir: &Path, name: &str, env: &[(&str, &str)]) -> String {
    let out = portcullis(app, dir, &["config", "--explain"], env);
    assert!(out.status.success(), "{:?}", text(&out));
    let (stdout, _) = text(&out);
    let line = stdout.lines().find(|l| l.split_whitespace().next() == Some(name));
    line.unwrap_or_else(|| panic!("{name} in\n{stdout}"))
        .split_whitespace()
        .skip(1)
        .collect::<Vec<_>>()
        .join(" ")
}

async fn apply_makes_everything_and_a_second_apply_changes_nothing(db: Db) {
    let app = TestApp::spawn(db).await;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("provision.toml"), file(r#""https://billing.example/cb""#, "Acme"))
        .unwrap();

    let out = portcullis(&app, d, &["provision", "apply", "provision.toml"], &[]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    for line in [
        "+ client \"billing\"",
        "+ client \"spa\"",
        "+ organization \"acme\"",
        "+ api_key \"ops\"",
        "+ webhook \"audit\"",
        "+ setting PORTCULLIS_SESSION_TTL = 2h",
        "+ admin \"root@example.com\"",
    ] {
        assert!(stdout.lines().any(|l| l.starts_with(line)), "{line:?} in\n{stdout}");
    }
    assert!(stdout.contains("second factor"), "{stdout}");
    assert!(stdout.contains("+ setting PORTCULLIS_METRICS_TOKEN = [redacted]"), "{stdout}");
    assert!(!stdout.contains(METRICS_TOKEN) && !stderr.contains(METRICS_TOKEN));
    // No secret is printed; each is in its file, readable by its owner only.
    for name in ["billing.secret", "ops.key", "audit.whsec"] {
        let s = secret(d, name);
        assert!(s.len() >= 32, "{name}: {s:?}");
        assert!(!stdout.contains(&s) && !stderr.contains(&s), "{name} printed");
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(d.join(name)).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{name}");
    }

    // The setup link sets the administrator's password once, through the reset API.
    let link = stdout.lines().find(|l| l.starts_with("setup link for root@example.com")).unwrap();
    let token = crate::helpers::link_token(link);
    let res = app
        .post_json(
            "/api/auth/reset-password",
            json!({"token": token, "new_password": "a new long passphrase"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let again = app
        .post_json(
            "/api/auth/reset-password",
            json!({"token": token, "new_password": "another passphrase here"}),
        )
        .await;
    assert_eq!(again.status(), StatusCode::BAD_REQUEST, "a setup link works once");
    assert_eq!(app.login_status("root@example.com", "a new long passphrase").await, StatusCode::OK);
    let users = app.auth.users().await.unwrap();
    let root = users.iter().find(|u| u.email == "root@example.com").unwrap();
    assert!(root.is_admin && root.email_verified);

    // The confidential client works with the secret from its file.
    let res = app
        .client
        .post(app.url("/oauth2/token"))
        .basic_auth("billing", Some(secret(d, "billing.secret")))
        .form(&[("grant_type", "client_credentials"), ("scope", "api.read")])
        .send()
        .await
        .unwrap();
    let status = res.status();
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body["access_token"].is_string());
    let wrong = app
        .client
        .post(app.url("/oauth2/token"))
        .basic_auth("billing", Some("not-the-secret"))
        .form(&[("grant_type", "client_credentials"), ("scope", "api.read")])
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);

    // The API key works against the admin API, and sees the organisation and its owner.
    let key = secret(d, "ops.key");
    let res =
        app.bearer(reqwest::Method::GET, "/api/admin/organizations", &key).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let orgs: serde_json::Value = res.json().await.unwrap();
    assert!(orgs.to_string().contains("\"slug\":\"acme\""), "{orgs}");
    let org = app.auth.organization_with_slug("acme").await.unwrap().unwrap();
    let members = app.auth.organization_members(&org.id).await.unwrap();
    assert_eq!((members.len(), members[0].role.as_str()), (1, "owner"));

    // The webhook and the setting are stored settings, under what an operator sets by hand.
    assert_eq!(explained(&app, d, "PORTCULLIS_SESSION_TTL", &[]), "2h (database (provision))");
    assert_eq!(
        explained(&app, d, "PORTCULLIS_SESSION_TTL", &[("PORTCULLIS_SESSION_TTL", "3h")]),
        "3h (environment)"
    );
    let out = portcullis(&app, d, &["config", "--explain"], &[]);
    let (shown, _) = text(&out);
    assert!(!shown.contains(&secret(d, "audit.whsec")), "the webhook secret is never shown");
    assert!(!shown.contains(METRICS_TOKEN), "a secret setting is never shown");
    assert_eq!(
        explained(&app, d, "PORTCULLIS_METRICS_TOKEN", &[]),
        "[redacted] (database (provision))"
    );
    let stored = app.auth.store().settings_overrides().await.unwrap();
    let names: Vec<&str> = stored.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        names,
        [
            "PORTCULLIS_METRICS_TOKEN",
            "PORTCULLIS_SESSION_TTL",
            "PORTCULLIS_WEBHOOK_AUDIT_EVENTS",
            "PORTCULLIS_WEBHOOK_AUDIT_SECRET",
            "PORTCULLIS_WEBHOOK_AUDIT_URL"
        ]
    );
    assert!(stored.contains(&("PORTCULLIS_WEBHOOK_AUDIT_SECRET".into(), secret(d, "audit.whsec"))));

    // A second apply: nothing to change, nothing changed, no secret printed or rewritten.
    let before = snapshot(&app).await;
    let files: Vec<String> =
        ["billing.secret", "ops.key", "audit.whsec"].iter().map(|n| secret(d, n)).collect();
    let out = portcullis(&app, d, &["provision", "apply", "provision.toml"], &[]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert_eq!(stdout.lines().last(), Some("nothing to change"), "{stdout}");
    assert!(
        stdout.lines().all(|l| !l.starts_with('+') && !l.starts_with('~') && !l.starts_with('!')),
        "{stdout}"
    );
    assert!(
        stdout.contains("= admin \"root@example.com\" (the account exists: no setup link)"),
        "{stdout}"
    );
    assert!(!stdout.contains("setup link for"), "{stdout}");
    assert_eq!(snapshot(&app).await, before);
    for (n, s) in ["billing.secret", "ops.key", "audit.whsec"].iter().zip(&files) {
        assert_eq!(&secret(d, n), s);
        assert!(!stdout.contains(s.as_str()) && !stderr.contains(s.as_str()));
    }
}

async fn plan_changes_nothing_and_a_changed_file_changes_exactly_that(db: Db) {
    let app = TestApp::spawn(db).await;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("provision.toml"), file(r#""https://billing.example/cb""#, "Acme"))
        .unwrap();

    // A plan on an empty database lists everything and makes nothing.
    let before = snapshot(&app).await;
    let stdout = provision(&app, d, "plan");
    assert!(stdout.contains("+ client \"billing\""), "{stdout}");
    assert!(stdout.contains("+ admin \"root@example.com\""), "{stdout}");
    assert!(stdout.lines().last().unwrap().ends_with("changes to apply"), "{stdout}");
    assert!(!stdout.contains("setup link for"), "{stdout}");
    assert_eq!(snapshot(&app).await, before, "plan changes nothing");
    for name in ["billing.secret", "ops.key", "audit.whsec"] {
        assert!(!d.join(name).exists(), "plan writes no {name}");
    }

    provision(&app, d, "apply");
    let clients_before = app.auth.clients().await.unwrap();
    // Another redirect URI and a new name for the organisation: exactly those change.
    std::fs::write(
        d.join("provision.toml"),
        file(r#""https://billing.example/cb", "https://billing.example/cb2""#, "Acme Corporation"),
    )
    .unwrap();
    let before = snapshot(&app).await;
    let stdout = provision(&app, d, "plan");
    let changes: Vec<&str> =
        stdout.lines().filter(|l| l.starts_with('+') || l.starts_with('~')).collect();
    assert_eq!(
        changes,
        ["~ client \"billing\": redirect_uris", "~ organization \"acme\": name"],
        "{stdout}"
    );
    assert_eq!(stdout.lines().last(), Some("2 changes to apply"));
    assert_eq!(snapshot(&app).await, before, "plan changes nothing");

    let stdout = provision(&app, d, "apply");
    assert_eq!(stdout.lines().last(), Some("applied 2 changes"), "{stdout}");
    let clients = app.auth.clients().await.unwrap();
    let billing = clients.iter().find(|c| c.client_id == "billing").unwrap();
    assert_eq!(
        billing.redirect_uris,
        ["https://billing.example/cb", "https://billing.example/cb2"]
    );
    let old = clients_before.iter().find(|c| c.client_id == "billing").unwrap();
    assert_eq!(
        (&billing.name, &billing.scopes, &billing.grant_types),
        (&old.name, &old.scopes, &old.grant_types)
    );
    let spa = |cs: &[portcullis::domain::OAuthClient]| {
        format!("{:?}", cs.iter().find(|c| c.client_id == "spa").unwrap())
    };
    assert_eq!(spa(&clients), spa(&clients_before), "the other client is untouched");
    let org = app.auth.organization_with_slug("acme").await.unwrap().unwrap();
    assert_eq!(org.name, "Acme Corporation");
    // The client kept its secret.
    let res = app
        .client
        .post(app.url("/oauth2/token"))
        .basic_auth("billing", Some(secret(d, "billing.secret")))
        .form(&[("grant_type", "client_credentials"), ("scope", "api.read")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(provision(&app, d, "apply").lines().last(), Some("nothing to change"));
}

async fn an_invalid_file_applies_nothing(db: Db) {
    let app = TestApp::spawn(db).await;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let good = file(r#""https://billing.example/cb""#, "Acme");
    let cases: &[(&str, String, &str)] = &[
        (
            "an unknown key",
            good.replace("name = \"Billing\"", "name = \"Billing\"\ncolour = \"red\""),
            "colour",
        ),
        (
            "a bad setting",
            good.replace("session_ttl = \"2h\"", "session_ttl = \"forever\""),
            "PORTCULLIS_SESSION_TTL",
        ),
        ("a bad redirect URI", good.replace("https://billing.example/cb", "not a uri"), "billing"),
        (
            "a setting the database cannot hold",
            good.replace("session_ttl = \"2h\"", "database_url = \"sqlite://other.db\""),
            "PORTCULLIS_DATABASE_URL",
        ),
        (
            "an unknown setting",
            good.replace("session_ttl = \"2h\"", "sesion_ttl = \"2h\""),
            "PORTCULLIS_SESION_TTL",
        ),
        (
            "a bad administrator address",
            good.replace("root@example.com", "root.example.com"),
            "admin.email",
        ),
        ("an unknown role", good.replace("role = \"owner\"", "role = \"overlord\""), "overlord"),
    ];
    let before = snapshot(&app).await;
    for (what, text_of_file, named) in cases {
        std::fs::write(d.join("provision.toml"), text_of_file).unwrap();
        for verb in ["plan", "apply"] {
            let out = portcullis(&app, d, &["provision", verb, "provision.toml"], &[]);
            let (stdout, stderr) = text(&out);
            assert!(!out.status.success(), "{what}: {verb} succeeded:\n{stdout}");
            assert!(stderr.contains(named), "{what}: {stderr}");
            assert_eq!(snapshot(&app).await, before, "{what}: {verb} changed something");
            for name in ["billing.secret", "ops.key", "audit.whsec"] {
                assert!(!d.join(name).exists(), "{what}: {name} written");
            }
        }
    }
    // The unknown key's error says where it is.
    std::fs::write(d.join("provision.toml"), &cases[0].1).unwrap();
    let out = portcullis(&app, d, &["provision", "plan", "provision.toml"], &[]);
    assert!(text(&out).1.contains("line 8"), "{}", text(&out).1);
}

/// A `portcullis serve` child process, ended when dropped.
struct Server(std::process::Child, String);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the built binary's server on `app`'s database, and waits until it answers.
async fn serve(app: &TestApp, dir: &Path, env: &[(&str, &str)]) -> Server {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let bind = format!("127.0.0.1:{port}");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_portcullis"));
    cmd.current_dir(dir)
        .args(["serve", "--bind", &bind])
        .env("PORTCULLIS_DATABASE_URL", &app.database_url)
        .env("PORTCULLIS_ARGON2_MEMORY_KIB", "1024")
        .env("PORTCULLIS_ARGON2_ITERATIONS", "1")
        .env("PORTCULLIS_RATE_LIMIT_PER_MINUTE", "0")
        .env("PORTCULLIS_LOG", "warn")
        .env("PORTCULLIS_METRICS_BIND", "off")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let server = Server(cmd.spawn().unwrap(), format!("http://{bind}"));
    for _ in 0..300 {
        let live = app.client.get(format!("{}/health/live", server.1)).send().await;
        if live.is_ok_and(|r| r.status() == StatusCode::OK) {
            return server;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("portcullis serve did not start");
}

async fn stored_settings_take_effect_at_the_next_start_under_the_environment(db: Db) {
    let app = TestApp::spawn(db).await;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let toml = r#"
[[webhook]]
name = "audit"
url = "http://127.0.0.1:9/hook"
events = ["user.created"]
secret_file = "audit.whsec"

[settings]
PORTCULLIS_PAGES = false
"#;
    std::fs::write(d.join("provision.toml"), toml).unwrap();
    provision(&app, d, "apply");

    // The next start runs with them: no hosted pages, and the webhook gets the events it asks.
    let server = serve(&app, d, &[]).await;
    let page = app.client.get(format!("{}/account/login", server.1)).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::NOT_FOUND, "PORTCULLIS_PAGES=false from the database");
    let res = app
        .client
        .post(format!("{}/api/auth/register", server.1))
        .json(&json!({"email": "hooked@example.com", "password": crate::helpers::PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let filter = portcullis::store::DeliveryFilter {
        before: None,
        status: None,
        endpoint: Some("audit".into()),
        limit: 10,
    };
    let deliveries = app.auth.store().webhook_deliveries(&filter).await.unwrap();
    assert_eq!(deliveries.len(), 1, "{deliveries:?}");
    drop(server);

    // What the environment says wins over the database.
    let server = serve(&app, d, &[("PORTCULLIS_PAGES", "true")]).await;
    let page = app.client.get(format!("{}/account/login", server.1)).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK, "the environment wins");
}
