//! The service manager's notification protocol (`sd_notify(3)`), spoken only when systemd (or
//! anything else) sets `NOTIFY_SOCKET`: `READY=1` once the node listens and its database
//! answers, `STATUS=…` lines, `WATCHDOG=1` every half `WATCHDOG_USEC` while the runtime runs,
//! and `STOPPING=1` when a graceful shutdown begins. Thirty lines over a Unix datagram socket
//! instead of a crate; `@name` is a socket in Linux's abstract namespace.
//!
//! Nothing here can fail the server: a manager that does not listen is logged at debug level.

use std::os::unix::ffi::OsStrExt;
use std::os::unix::net::{SocketAddr, UnixDatagram};
use std::time::Duration;

/// A connection to the service manager's notification socket.
pub struct Notifier {
    socket: UnixDatagram,
    addr: SocketAddr,
}

impl Notifier {
    /// The manager named by `NOTIFY_SOCKET`, or `None` when it is unset, empty or unusable.
    pub fn from_env() -> Option<Self> {
        let name = std::env::var_os("NOTIFY_SOCKET")?;
        let addr = match socket_addr(name.as_bytes()) {
            Ok(addr) => addr,
            Err(e) => {
                tracing::warn!(error = %e, "NOTIFY_SOCKET is set but unusable; not notifying");
                return None;
            }
        };
        let socket = UnixDatagram::unbound().ok()?;
        // A manager that stops reading must not hold a runtime thread for long.
        socket.set_write_timeout(Some(Duration::from_millis(500))).ok()?;
        Some(Self { socket, addr })
    }

    /// Sends `state` (`READY=1`, `STATUS=…`, newline-separated assignments).
    pub fn notify(&self, state: &str) {
        if let Err(e) = self.socket.send_to_addr(state.as_bytes(), &self.addr) {
            tracing::debug!(error = %e, "sd_notify: the service manager did not take a message");
        }
    }

    /// How often to send `WATCHDOG=1`: half of `WATCHDOG_USEC`, when it is set and meant for
    /// this process (`WATCHDOG_PID` absent or ours).
    pub fn watchdog_interval() -> Option<Duration> {
        watchdog_interval(
            std::env::var("WATCHDOG_USEC").ok().as_deref(),
            std::env::var("WATCHDOG_PID").ok().as_deref(),
            std::process::id(),
        )
    }
}

fn socket_addr(name: &[u8]) -> std::io::Result<SocketAddr> {
    match name {
        [] => Err(std::io::Error::other("empty")),
        #[cfg(any(target_os = "linux", target_os = "android"))]
        [b'@', rest @ ..] => {
            #[cfg(target_os = "android")]
            use std::os::android::net::SocketAddrExt;
            #[cfg(target_os = "linux")]
            use std::os::linux::net::SocketAddrExt;
            SocketAddr::from_abstract_name(rest)
        }
        path => SocketAddr::from_pathname(std::path::Path::new(std::ffi::OsStr::from_bytes(path))),
    }
}

fn watchdog_interval(usec: Option<&str>, pid: Option<&str>, ours: u32) -> Option<Duration> {
    let usec: u64 = usec?.trim().parse().ok().filter(|&u| u > 0)?;
    if let Some(pid) = pid {
        if pid.trim().parse::<u32>().ok() != Some(ours) {
            return None;
        }
    }
    Some(Duration::from_micros(usec / 2))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_watchdog_interval_is_half_the_managers_and_only_for_this_process() {
        assert_eq!(watchdog_interval(Some("200000"), None, 7), Some(Duration::from_millis(100)));
        assert_eq!(
            watchdog_interval(Some("200000"), Some("7"), 7),
            Some(Duration::from_millis(100))
        );
        assert_eq!(watchdog_interval(Some("200000"), Some("8"), 7), None);
        assert_eq!(watchdog_interval(Some("0"), None, 7), None);
        assert_eq!(watchdog_interval(Some("soon"), None, 7), None);
        assert_eq!(watchdog_interval(None, Some("7"), 7), None);
    }

    #[test]
    fn a_path_and_an_abstract_name_both_reach_the_manager() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notify");
        let listener = UnixDatagram::bind(&path).unwrap();
        let addr = socket_addr(path.as_os_str().as_bytes()).unwrap();
        let notifier = Notifier { socket: UnixDatagram::unbound().unwrap(), addr };
        notifier.notify("READY=1");
        let mut buf = [0u8; 64];
        let n = listener.recv(&mut buf).unwrap();
        assert_eq!(&buf[..n], b"READY=1");

        let name = format!("@portcullis-notify-test-{}", std::process::id());
        let addr = socket_addr(name.as_bytes()).unwrap();
        let listener = UnixDatagram::bind_addr(&addr).unwrap();
        let notifier = Notifier { socket: UnixDatagram::unbound().unwrap(), addr };
        notifier.notify("STOPPING=1");
        let n = listener.recv(&mut buf).unwrap();
        assert_eq!(&buf[..n], b"STOPPING=1");
        assert!(socket_addr(b"").is_err());
    }
}
