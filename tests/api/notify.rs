//! The service manager's protocol (`sd_notify`), spoken by the real binary to a socket the test
//! holds, as systemd would with `Type=notify` and `WatchdogSec=`.

use std::os::unix::net::UnixDatagram;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use reqwest::StatusCode;

use crate::backends;
use crate::helpers::{fresh_database, Db};

backends!(
    serve_tells_the_service_manager_it_is_ready_alive_and_stopping,
    a_sigterm_right_after_ready_still_stops_gracefully,
);

/// Generous: a receive that waits this long means the message never came.
const PATIENCE: Duration = Duration::from_secs(60);

/// Messages from the server until one has the line `wanted`; all of them, that one last.
fn until(socket: &UnixDatagram, wanted: &str, child: &mut Child) -> Vec<String> {
    let started = Instant::now();
    let mut seen = Vec::new();
    let mut buf = vec![0u8; 4096];
    loop {
        assert!(started.elapsed() < PATIENCE, "no {wanted} within {PATIENCE:?}; got {seen:?}");
        if let Some(status) = child.try_wait().unwrap() {
            panic!("portcullis exited ({status}) before {wanted}; got {seen:?}");
        }
        match socket.recv(&mut buf) {
            Ok(n) => {
                let message = String::from_utf8(buf[..n].to_vec()).unwrap();
                let found = message.lines().any(|l| l == wanted);
                seen.push(message);
                if found {
                    return seen;
                }
            }
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(e) => panic!("receive: {e}"),
        }
    }
}

/// `portcullis serve` with a notification socket and a watchdog of 200 ms.
async fn start(db: Db) -> (tempfile::TempDir, UnixDatagram, Child) {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database(db, &dir).await;
    let path = dir.path().join("notify.sock");
    let socket = UnixDatagram::bind(&path).unwrap();
    socket.set_read_timeout(Some(Duration::from_millis(500))).unwrap();

    let mut cmd = Command::new(env!("CARGO_BIN_EXE_portcullis"));
    cmd.arg("serve").current_dir(dir.path()).env_clear();
    if let Ok(p) = std::env::var("PATH") {
        cmd.env("PATH", p);
    }
    let child = cmd
        .envs([
            ("PORTCULLIS_BIND", "127.0.0.1:0"),
            ("PORTCULLIS_DATABASE_URL", url.as_str()),
            ("PORTCULLIS_DEV", "true"),
            ("PORTCULLIS_LOG", "warn"),
            ("PORTCULLIS_METRICS_BIND", "off"),
            ("NOTIFY_SOCKET", path.to_str().unwrap()),
            ("WATCHDOG_USEC", "200000"),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start portcullis");
    (dir, socket, child)
}

async fn serve_tells_the_service_manager_it_is_ready_alive_and_stopping(db: Db) {
    let (_dir, socket, mut child) = start(db).await;

    let ready = tokio::task::block_in_place(|| until(&socket, "READY=1", &mut child));
    let status =
        ready.last().unwrap().lines().find_map(|l| l.strip_prefix("STATUS=")).map(str::to_owned);
    let addr = status
        .as_deref()
        .and_then(|s| s.strip_prefix("Listening on "))
        .unwrap_or_else(|| panic!("READY=1 comes with the address: {ready:?}"));
    // Ready means what `/health/ready` means: the server answers it with 200 from then on.
    let res = reqwest::get(format!("http://{addr}/health/ready")).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        ready.iter().all(|m| !m.contains("WATCHDOG=1") && !m.contains("STOPPING=1")),
        "{ready:?}"
    );

    // The watchdog is fed, more than once, while the server runs.
    for _ in 0..2 {
        let fed = tokio::task::block_in_place(|| until(&socket, "WATCHDOG=1", &mut child));
        assert!(fed.iter().all(|m| !m.contains("STOPPING=1")), "{fed:?}");
    }

    let kill = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(kill.success());
    let stopping = tokio::task::block_in_place(|| {
        let started = Instant::now();
        let mut seen = Vec::new();
        let mut buf = vec![0u8; 4096];
        while started.elapsed() < PATIENCE {
            if let Ok(n) = socket.recv(&mut buf) {
                let message = String::from_utf8(buf[..n].to_vec()).unwrap();
                let done = message.lines().any(|l| l == "STOPPING=1");
                seen.push(message);
                if done {
                    return seen;
                }
            }
        }
        panic!("no STOPPING=1 after SIGTERM; got {seen:?}");
    });
    assert!(stopping.last().unwrap().contains("STATUS="), "{stopping:?}");
    let started = Instant::now();
    let exit = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(started.elapsed() < PATIENCE, "still running after SIGTERM");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(exit.success(), "a graceful stop exits 0: {exit}");
}

/// The signal handlers are in place before `READY=1` is sent: a manager that stops the
/// service at once gets a graceful stop, not a process killed by the signal.
async fn a_sigterm_right_after_ready_still_stops_gracefully(db: Db) {
    let (_dir, socket, mut child) = start(db).await;
    tokio::task::block_in_place(|| until(&socket, "READY=1", &mut child));
    let kill = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(kill.success());
    let started = Instant::now();
    let exit = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(started.elapsed() < PATIENCE, "still running after SIGTERM");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(exit.success(), "a graceful stop exits 0, not by the signal: {exit}");
    let mut buf = vec![0u8; 4096];
    let mut stopping = false;
    while let Ok(n) = socket.recv(&mut buf) {
        stopping |= String::from_utf8_lossy(&buf[..n]).lines().any(|l| l == "STOPPING=1");
    }
    assert!(stopping, "STOPPING=1 was sent before the exit");
}
