//! The documentation, run as written: every ```` ```sh ```` block of README.md, BENCHMARKS.md and
//! docs/*.md, so that no command in them can rot.
//!
//! Each file gets a fresh `portcullis serve --dev` (the built binary, a temporary SQLite
//! database, a free port) and runs its blocks in order, each with `sh -eu` in one working
//! directory of that file (a cookie jar written by one block is there for the next), with
//! `portcullis` on the `PATH`, the server's database in `PORTCULLIS_DATABASE_URL`, a password on
//! standard input (`portcullis user add` reads one), and `curl` failing on any 4xx or 5xx
//! answer. `127.0.0.1:8080` in a block means that server; `localhost:8080` is refused, since
//! the default public URL (and so every mailed link) says `127.0.0.1`, and a browser does not
//! send a cookie set on one to the other. A block of settings alone (`NAME=value` lines and
//! comments) is sourced and must load (`portcullis config --explain`).
//!
//! A block that cannot run here (systemd, root, a real SMTP host, the test suite itself) says
//! so on the line before it: `<!-- not run: the reason -->`; the test prints each one it
//! skips. Any other block that fails fails the test, and so does a fence without a language.
//! Blocks run for real, as the user running the tests: one that would change the machine
//! (install, `useradd`, `systemctl`) must carry the marker.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// What `portcullis user add` reads from standard input.
const STDIN: &str = "correct horse battery staple\n";

#[derive(Debug)]
struct Block {
    file: String,
    line: usize,
    lang: String,
    text: String,
    /// `<!-- not run: why -->` on the line before the fence.
    not_run: Option<String>,
}

/// Every fenced block of `text`, and a complaint for each fence without a language.
fn blocks(file: &str, text: &str) -> (Vec<Block>, Vec<String>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let mut previous = "";
    let mut open: Option<Block> = None;
    for (i, line) in text.lines().enumerate() {
        if let Some(block) = open.as_mut() {
            if line.trim_start().starts_with("```") {
                out.push(open.take().unwrap());
            } else {
                block.text.push_str(line);
                block.text.push('\n');
            }
            continue;
        }
        if let Some(lang) = line.trim_start().strip_prefix("```") {
            if lang.trim().is_empty() {
                problems.push(format!(
                    "{file}:{}: a fence without a language (```sh, ```text…)",
                    i + 1
                ));
            }
            let not_run = previous
                .trim()
                .strip_prefix("<!-- not run:")
                .and_then(|r| r.strip_suffix("-->"))
                .map(|r| r.trim().to_owned());
            open = Some(Block {
                file: file.to_owned(),
                line: i + 1,
                lang: lang.trim().to_owned(),
                text: String::new(),
                not_run,
            });
        }
        if !line.trim().is_empty() {
            previous = line;
        }
    }
    (out, problems)
}

/// `NAME=value` lines and comments only: a settings file.
fn is_settings(text: &str) -> bool {
    let mut any = false;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        if line.ends_with('\\') {
            return false; // `NAME=value \` continues into a command
        }
        let Some((name, _)) = line.split_once('=') else { return false };
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_uppercase() || b == b'_') {
            return false;
        }
        any = true;
    }
    any
}

fn which(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join(program)).find(|p| p.is_file())
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// `portcullis serve --dev`, as the README starts it, on a free port and a fresh database.
struct Server {
    child: std::process::Child,
    port: u16,
    database_url: String,
    log: Arc<Mutex<String>>,
    _dir: tempfile::TempDir,
}

impl Server {
    async fn start() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let database_url = format!("sqlite://{}/portcullis.db", dir.path().display());
        let port = free_port();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_portcullis"));
        cmd.args(["serve", "--dev", "--bind", &format!("127.0.0.1:{port}")])
            .current_dir(dir.path())
            .env_clear()
            .envs(cheap_settings(&database_url))
            .env("PORTCULLIS_METRICS_BIND", "off")
            .env("PORTCULLIS_LOG", "info")
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("start portcullis serve --dev");
        let stderr = child.stderr.take().unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let mut log = sink.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        let server = Self { child, port, database_url, log, _dir: dir };
        let ready = format!("http://127.0.0.1:{port}/health/ready");
        let started = Instant::now();
        while !reqwest::get(&ready).await.is_ok_and(|r| r.status().is_success()) {
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "portcullis serve --dev did not come up: {}",
                server.log.lock().unwrap()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        server
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The settings every process of this test shares: the database, and a cheap Argon2 cost.
fn cheap_settings(database_url: &str) -> Vec<(&'static str, String)> {
    let mut env = vec![
        ("PORTCULLIS_DATABASE_URL", database_url.to_owned()),
        ("PORTCULLIS_ARGON2_MEMORY_KIB", "1024".to_owned()),
        ("PORTCULLIS_ARGON2_ITERATIONS", "1".to_owned()),
    ];
    if let Ok(path) = std::env::var("PATH") {
        env.push(("PATH", path));
    }
    env
}

/// `portcullis` and a `curl` that fails on an error status, first on the `PATH`.
fn tools(dir: &Path, curl: &Path) -> PathBuf {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_portcullis"), bin.join("portcullis")).unwrap();
    let wrapper = bin.join("curl");
    let mut f = std::fs::File::create(&wrapper).unwrap();
    writeln!(f, "#!/bin/sh\nexec '{}' --fail-with-body \"$@\"", curl.display()).unwrap();
    drop(f);
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
    bin
}

/// Runs one block; `Err` with what it printed when it fails.
fn run(block: &Block, server: &Server, work: &Path, bin: &Path) -> Result<(), String> {
    let address = format!("127.0.0.1:{}", server.port);
    let mut script = block.text.replace("127.0.0.1:8080", &address);
    if is_settings(&block.text) {
        script = format!("set -a\n{script}\nportcullis config --explain >/dev/null\n");
    }
    let path = work.join(format!("block-{}.sh", block.line));
    std::fs::write(&path, &script).unwrap();
    let out_path = work.join(format!("block-{}.out", block.line));
    let out = std::fs::File::create(&out_path).unwrap();
    let path_var = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let mut child = Command::new("sh")
        .arg("-eu")
        .arg(&path)
        .current_dir(work)
        .env_clear()
        .envs(cheap_settings(&server.database_url))
        .env("PATH", path_var)
        .env("HOME", work)
        .env("USER", "docs-test")
        .env("PORTCULLIS_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(out.try_clone().unwrap())
        .stderr(out)
        .spawn()
        .unwrap();
    let _ = child.stdin.take().unwrap().write_all(STDIN.as_bytes());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let printed = std::fs::read_to_string(&out_path).unwrap_or_default();
    match status {
        Some(s) if s.success() => Ok(()),
        Some(s) => Err(format!("{s}; script:\n{script}\noutput:\n{printed}")),
        None => Err(format!("still running after 120 s; script:\n{script}\noutput:\n{printed}")),
    }
}

fn documents() -> Vec<String> {
    let mut files = vec!["README.md".to_owned(), "BENCHMARKS.md".to_owned()];
    let mut docs: Vec<String> = std::fs::read_dir(Path::new(ROOT).join("docs"))
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".md"))
        .map(|n| format!("docs/{n}"))
        .collect();
    docs.sort();
    files.extend(docs);
    files
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_command_block_in_the_docs_runs_as_written() {
    let Some(curl) = which("curl") else {
        assert!(std::env::var("CI").map_or(true, |v| v != "true"), "CI needs curl for the docs");
        eprintln!("skipping the docs' command blocks: no curl on the PATH");
        return;
    };
    let mut failures = Vec::new();
    let mut ran = 0;
    for file in documents() {
        let text = std::fs::read_to_string(Path::new(ROOT).join(&file)).unwrap();
        let (blocks, problems) = blocks(&file, &text);
        failures.extend(problems);
        let runnable: Vec<&Block> = blocks.iter().filter(|b| b.lang == "sh").collect();
        for b in runnable.iter().filter(|b| b.not_run.is_some()) {
            eprintln!("not run: {}:{}: {}", b.file, b.line, b.not_run.as_deref().unwrap_or(""));
        }
        let runnable: Vec<&Block> = runnable.into_iter().filter(|b| b.not_run.is_none()).collect();
        if runnable.is_empty() {
            continue;
        }
        let server = Server::start().await;
        let work = tempfile::tempdir().unwrap();
        let bin = tools(work.path(), &curl);
        for block in runnable {
            if block.text.contains("localhost:8080") {
                // The default public URL is http://127.0.0.1:8080: mailed links point there,
                // and a browser does not send a cookie set on `localhost` to `127.0.0.1`.
                failures.push(format!(
                    "{}:{}: says localhost:8080; the default public URL's host is 127.0.0.1",
                    block.file, block.line
                ));
                continue;
            }
            let (block, srv, dir, bin) = (block, &server, work.path(), bin.as_path());
            let result = tokio::task::block_in_place(|| run(block, srv, dir, bin));
            eprintln!(
                "ran: {}:{}: {}",
                block.file,
                block.line,
                if result.is_ok() { "ok" } else { "FAILED" }
            );
            ran += 1;
            if let Err(why) = result {
                failures.push(format!("{}:{}: {why}", block.file, block.line));
            }
        }
        let log = server.log.lock().unwrap().clone();
        // Dev mode says its mailbox is open, and a log that is not a terminal has no colour.
        if !log.lines().any(|l| l.contains("dev mode:") && l.contains("/dev/mail")) {
            failures.push(format!("{file}: serve --dev did not say /dev/mail is open:\n{log}"));
        }
        if log.contains('\u{1b}') {
            failures.push(format!("{file}: colour codes in a log that is not a terminal:\n{log}"));
        }
    }
    assert!(failures.is_empty(), "{} failed:\n\n{}", failures.len(), failures.join("\n\n"));
    assert!(ran > 0, "no command block ran");
}

#[test]
fn blocks_are_found_with_their_markers() {
    let text = "x\n<!-- not run: needs systemd -->\n\n```sh\nsystemctl start x\n```\n```sh\necho hi\n```\n```\nbare\n```\n";
    let (found, problems) = blocks("t.md", text);
    assert_eq!(found.len(), 3);
    assert_eq!(found[0].not_run.as_deref(), Some("needs systemd"));
    assert_eq!(found[0].text, "systemctl start x\n");
    assert_eq!(found[1].not_run, None);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(is_settings("# a comment\nPORTCULLIS_BIND=127.0.0.1:1\n"));
    assert!(!is_settings("TEST_URL=x \\\ncargo test\n"));
    assert!(!is_settings("portcullis user list\n"));
}
