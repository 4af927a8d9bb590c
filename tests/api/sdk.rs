//! The client SDKs in `sdk/` (sdk/README.md): the OpenAPI document they are generated from is
//! the one the binary prints and serves, they were generated from that document, and each
//! one's own test suite passes against a real server:
//!
//! - TypeScript (`sdk/typescript`): `node --test` on its committed JavaScript (`dist/`), which
//!   has no runtime dependencies: only `node` is needed.
//! - Python (`sdk/python`): `unittest` with the pinned httpx and attrs in `sdk/python/.pylib`
//!   (`python3 -m pip install --target sdk/python/.pylib -r sdk/python/requirements.txt`, which
//!   `.ci/run` does).
//!
//! Without `node`, or `python3` and `.pylib`, a suite is skipped with a message, unless
//! `CI=true`, where that is a failure. The suites run on SQLite only: they test the clients,
//! not the store, and every route they call is tested on every database elsewhere.

use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{Db, TestApp};

/// What to run when the document changed.
const REGENERATE: &str = "cargo run -q -- openapi > sdk/openapi.json && sdk/generate.sh";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

fn committed_document() -> String {
    std::fs::read_to_string(root().join("sdk/openapi.json")).expect("sdk/openapi.json")
}

/// Removes every `minLength` of a new password's property: the one part of the document the
/// server fills in from its settings (`http::document_for`); `portcullis openapi` prints 1.
fn without_password_minimums(doc: &mut Value) {
    let Some(schemas) = doc.pointer_mut("/components/schemas").and_then(Value::as_object_mut)
    else {
        return;
    };
    for schema in schemas.values_mut() {
        let Some(properties) = schema.get_mut("properties").and_then(Value::as_object_mut) else {
            continue;
        };
        for field in ["password", "new_password"] {
            if let Some(p) = properties.get_mut(field).and_then(Value::as_object_mut) {
                p.remove("minLength");
            }
        }
    }
}

#[test]
fn the_sdk_document_is_what_portcullis_openapi_prints() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_portcullis"))
        .arg("openapi")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let printed = String::from_utf8(out.stdout).unwrap();
    assert!(
        printed == committed_document(),
        "sdk/openapi.json is not what `portcullis openapi` prints: the API changed. Run\n  \
         {REGENERATE}\nand commit sdk/"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sdk_document_is_what_the_server_serves_but_for_password_minimums() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let res = app.get("/openapi.json").await;
    assert_eq!(res.status(), StatusCode::OK);
    let mut served: Value = res.json().await.unwrap();
    let mut committed: Value = serde_json::from_str(&committed_document()).unwrap();
    // The test is not empty: the server's minimum is there to be taken out.
    assert!(served
        .pointer("/components/schemas/RegisterRequest/properties/password/minLength")
        .and_then(Value::as_u64)
        .is_some_and(|n| n > 1));
    without_password_minimums(&mut served);
    without_password_minimums(&mut committed);
    assert!(
        served == committed,
        "GET /openapi.json differs from sdk/openapi.json: run\n  {REGENERATE}\nand commit sdk/"
    );
}

#[test]
fn the_sdks_were_generated_from_the_sdk_document() {
    let digest = ring::digest::digest(&ring::digest::SHA256, committed_document().as_bytes());
    let hex: String = digest.as_ref().iter().map(|b| format!("{b:02x}")).collect();
    let recorded = std::fs::read_to_string(root().join("sdk/generated-from.sha256"))
        .expect("sdk/generated-from.sha256 (sdk/generate.sh writes it)");
    assert_eq!(
        recorded.trim(),
        hex,
        "sdk/openapi.json changed since the clients were generated: run sdk/generate.sh and \
         commit sdk/"
    );
}

/// `Some` when a suite's tools are `ready`; otherwise `None` after saying `why`, or under
/// `CI=true` a failure: CI must run these suites, not skip them.
fn needs(ready: bool, why: &str) -> Option<()> {
    if ready {
        return Some(());
    }
    assert!(!ci(), "CI=true and {why}");
    eprintln!("skipping an SDK suite: {why}");
    None
}

/// Whether `program --version` runs.
fn runs(program: &str) -> bool {
    Command::new(program).arg("--version").output().is_ok_and(|o| o.status.success())
}

/// Runs `cmd` to its end on a blocking thread (the server runs on this test's runtime), at
/// most two minutes (a deadline against hanging, not a measurement): exit success, stdout,
/// stderr.
async fn run(mut cmd: Command) -> (bool, String, String) {
    tokio::task::spawn_blocking(move || {
        let mut child =
            cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        let drain = |mut pipe: Box<dyn Read + Send>| {
            std::thread::spawn(move || {
                let mut text = String::new();
                let _ = pipe.read_to_string(&mut text);
                text
            })
        };
        let out = drain(Box::new(child.stdout.take().unwrap()));
        let err = drain(Box::new(child.stderr.take().unwrap()));
        let deadline = Instant::now() + Duration::from_secs(120);
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break Some(status);
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        let (out, mut err) = (out.join().unwrap(), err.join().unwrap());
        if status.is_none() {
            err.push_str("\n(killed after two minutes)");
        }
        (status.is_some_and(|s| s.success()), out, err)
    })
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_typescript_client_passes_its_suite_against_the_server() {
    if needs(runs("node"), "node is not installed").is_none() {
        return;
    }
    let app = TestApp::spawn(Db::Sqlite).await;
    let dir = root().join("sdk/typescript");
    let mut cmd = Command::new("node");
    cmd.args(["--test", "test/"]).current_dir(&dir).env("PORTCULLIS_URL", &app.base);
    let (ok, out, err) = run(cmd).await;
    assert!(ok, "node --test sdk/typescript/test/ failed:\n{out}\n{err}");
    // Every test ran: none was skipped (PORTCULLIS_URL unread) and there were some.
    assert!(out.contains("# fail 0") && out.contains("# skipped 0"), "{out}");
    assert!(!out.contains("# pass 0\n") && out.contains("# pass "), "no test ran:\n{out}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_python_client_passes_its_suite_against_the_server() {
    let lib = root().join("sdk/python/.pylib");
    let ready = runs("python3") && lib.join("httpx").is_dir() && lib.join("attrs").is_dir();
    let why = "python3 or sdk/python/.pylib is missing: python3 -m pip install --target \
               sdk/python/.pylib -r sdk/python/requirements.txt (.ci/run does)";
    if needs(ready, why).is_none() {
        return;
    }
    let app = TestApp::spawn(Db::Sqlite).await;
    let python = root().join("sdk/python");
    let path = std::env::join_paths([&python, &lib]).unwrap();
    let mut cmd = Command::new("python3");
    cmd.args(["-m", "unittest", "discover", "-v", "-s", "tests"])
        .current_dir(&python)
        .env("PYTHONPATH", path)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("PORTCULLIS_URL", &app.base);
    let (ok, out, err) = run(cmd).await;
    // unittest reports on stderr: "Ran N tests", then "OK" or "OK (skipped=N)".
    assert!(ok, "the Python client's suite failed:\n{out}\n{err}");
    assert!(!err.contains("skipped"), "a test was skipped:\n{err}");
    assert!(!err.contains("Ran 0 tests") && err.contains("\nOK"), "{err}");
}
