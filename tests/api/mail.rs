//! Mail delivery over SMTP, against a real SMTP server that these tests start on a loopback
//! port (a small one below, speaking EHLO, AUTH PLAIN, MAIL, RCPT, DATA and QUIT).

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine;
use portcullis::clock::now_ms;
use portcullis::service::Auth;
use portcullis::{App, Settings};
use reqwest::StatusCode;
use serde_json::{json, Value};
use sqlx::Row;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio::task::{JoinHandle, JoinSet};

use crate::backends;
use crate::helpers::{link_token, Db, TestApp, PASSWORD};

backends!(
    a_registration_is_delivered_with_a_text_and_an_html_part_and_one_link,
    forgot_password_answers_at_once_while_smtp_is_down_and_the_mail_arrives_when_it_is_back,
    a_restart_while_smtp_is_down_loses_nothing,
    two_nodes_on_one_database_deliver_each_message_exactly_once,
    outside_dev_mode_a_delivered_copy_no_longer_holds_its_token,
    refused_deliveries_are_retried_then_kept_as_failed_and_a_permanent_refusal_at_once,
    repeated_forgot_password_for_one_address_sends_one_mail_a_minute_and_five_an_hour,
    concurrent_forgot_password_requests_for_one_address_send_one_mail,
    resend_verification_is_throttled_per_address_counting_the_registration_mail,
    a_shutdown_finishes_the_delivery_in_hand_and_leaves_no_lease,
);

/// Settings that make delivery quick to observe: the worker polls often and retries soon.
const FAST: &[(&str, &str)] = &[
    ("PORTCULLIS_MAIL_POLL_INTERVAL", "50ms"),
    ("PORTCULLIS_MAIL_RETRY_BASE", "100ms"),
    ("PORTCULLIS_SMTP_TIMEOUT", "5s"),
];

/// How long a test waits for something that should happen within moments before it gives up.
/// A bound for giving up, not a measured time.
const PATIENCE: Duration = Duration::from_secs(30);

// ---------------------------------------------------------------------------------------------
// A real SMTP server on a loopback port.

#[derive(Clone, Debug)]
struct Received {
    from: String,
    to: Vec<String>,
    data: String,
    auth: Option<(String, String)>,
}

/// What the server answers to `RCPT TO`.
#[derive(Clone, Copy, Debug)]
enum Mode {
    Accept,
    Refuse(u16),
}

#[derive(Default)]
struct Shared {
    inbox: Mutex<Vec<Received>>,
    mode: Mutex<Option<Mode>>,
    refused: AtomicUsize,
    /// How long DATA takes to be accepted (a slow server makes concurrent workers overlap).
    delay: Mutex<Duration>,
    /// When set, a message's DATA is answered only once this gives a permit: the message is
    /// in the sender's hand until the test lets it go.
    gate: Mutex<Option<Arc<tokio::sync::Semaphore>>>,
    /// Messages whose DATA has been read (answered or not).
    data_read: AtomicUsize,
}

struct SmtpServer {
    port: u16,
    shared: Arc<Shared>,
    task: Option<JoinHandle<()>>,
}

impl SmtpServer {
    async fn start() -> Self {
        Self::start_on(0).await
    }

    async fn start_on(port: u16) -> Self {
        let listener = TcpListener::bind(("127.0.0.1", port)).await.expect("bind the SMTP port");
        let port = listener.local_addr().unwrap().port();
        let shared = Arc::new(Shared::default());
        let task = tokio::spawn(accept(listener, shared.clone()));
        Self { port, shared, task: Some(task) }
    }

    /// Stops listening and drops every open connection.
    async fn stop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
            let _ = task.await;
        }
    }

    /// The URL Portcullis is given: plain `smtp://`, so STARTTLS would be used if offered.
    fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    fn set_mode(&self, mode: Mode) {
        *self.shared.mode.lock().unwrap() = Some(mode);
    }

    fn received(&self) -> Vec<Received> {
        self.shared.inbox.lock().unwrap().clone()
    }

    fn refused(&self) -> usize {
        self.shared.refused.load(Ordering::SeqCst)
    }

    /// Waits until at least `n` messages have arrived; all of them.
    async fn wait_for(&self, n: usize) -> Vec<Received> {
        wait_until(&format!("{n} messages over SMTP"), || async {
            let got = self.received();
            (got.len() >= n).then_some(got)
        })
        .await
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

/// Accepts connections until aborted; aborting drops the listener and, with the `JoinSet`,
/// every connection.
async fn accept(listener: TcpListener, shared: Arc<Shared>) {
    let mut sessions = JoinSet::new();
    loop {
        let Ok((stream, _)) = listener.accept().await else { continue };
        sessions.spawn(session(stream, shared.clone()));
        while sessions.try_join_next().is_some() {}
    }
}

async fn session(stream: TcpStream, shared: Arc<Shared>) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut read = BufReader::new(read);
    write.write_all(b"220 sink.test ESMTP ready\r\n").await?;
    let (mut from, mut to, mut auth) = (String::new(), Vec::new(), None);
    loop {
        let mut line = String::new();
        if read.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let line = line.trim_end_matches(['\r', '\n']);
        let upper = line.to_ascii_uppercase();
        let reply = if upper.starts_with("EHLO") {
            "250-sink.test\r\n250-AUTH PLAIN\r\n250 8BITMIME\r\n".to_owned()
        } else if upper.starts_with("HELO") {
            "250 sink.test\r\n".to_owned()
        } else if upper.starts_with("AUTH PLAIN ") {
            let raw = base64::engine::general_purpose::STANDARD.decode(&line[11..]).unwrap();
            let parts: Vec<String> =
                raw.split(|b| *b == 0).map(|p| String::from_utf8_lossy(p).into_owned()).collect();
            auth = Some((parts[1].clone(), parts[2].clone()));
            "235 2.7.0 authenticated\r\n".to_owned()
        } else if upper.starts_with("MAIL FROM:") {
            from = address(&line[10..]);
            to.clear();
            "250 2.1.0 ok\r\n".to_owned()
        } else if upper.starts_with("RCPT TO:") {
            let mode = shared.mode.lock().unwrap().unwrap_or(Mode::Accept);
            match mode {
                Mode::Accept => {
                    to.push(address(&line[8..]));
                    "250 2.1.5 ok\r\n".to_owned()
                }
                Mode::Refuse(code) => {
                    shared.refused.fetch_add(1, Ordering::SeqCst);
                    format!("{code} refused by the test server\r\n")
                }
            }
        } else if upper == "DATA" {
            write.write_all(b"354 end with <CRLF>.<CRLF>\r\n").await?;
            let mut data = String::new();
            loop {
                let mut l = String::new();
                if read.read_line(&mut l).await? == 0 {
                    return Ok(());
                }
                if l == ".\r\n" {
                    break;
                }
                data.push_str(l.strip_prefix('.').unwrap_or(&l));
            }
            shared.data_read.fetch_add(1, Ordering::SeqCst);
            let gate = shared.gate.lock().unwrap().clone();
            if let Some(gate) = gate {
                let _ = gate.acquire().await;
            }
            let delay = *shared.delay.lock().unwrap();
            tokio::time::sleep(delay).await;
            let got = Received { from: from.clone(), to: to.clone(), data, auth: auth.clone() };
            shared.inbox.lock().unwrap().push(got);
            "250 2.0.0 queued\r\n".to_owned()
        } else if upper == "RSET" {
            from.clear();
            to.clear();
            "250 2.0.0 ok\r\n".to_owned()
        } else if upper == "NOOP" {
            "250 2.0.0 ok\r\n".to_owned()
        } else if upper == "QUIT" {
            write.write_all(b"221 2.0.0 bye\r\n").await?;
            return Ok(());
        } else {
            "502 5.5.2 not implemented\r\n".to_owned()
        };
        write.write_all(reply.as_bytes()).await?;
    }
}

/// `<a@b>` (with any parameters after it) to `a@b`.
fn address(arg: &str) -> String {
    let arg = arg.trim();
    let end = arg.find('>').map_or(arg.len(), |i| i + 1);
    arg[..end].trim_matches(['<', '>']).to_owned()
}

/// A port nothing listens on (yet): the SMTP server is down.
async fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    listener.local_addr().unwrap().port()
}

/// A received message, taken apart as a mail client would.
#[derive(Debug)]
struct Parsed {
    message_id: String,
    to: String,
    subject: String,
    text: String,
    html: String,
}

fn parse(received: &Received) -> Parsed {
    use mailparse::MailHeaderMap;
    let mail = mailparse::parse_mail(received.data.as_bytes()).expect("a MIME message");
    assert_eq!(mail.ctype.mimetype, "multipart/alternative", "{}", received.data);
    assert_eq!(mail.subparts.len(), 2, "a text and an HTML part");
    let part = |mime: &str| {
        let p = mail.subparts.iter().find(|p| p.ctype.mimetype == mime);
        p.unwrap_or_else(|| panic!("no {mime} part")).get_body().unwrap()
    };
    let header = |name: &str| mail.headers.get_first_value(name).unwrap_or_default();
    Parsed {
        message_id: header("Message-ID"),
        to: header("To"),
        subject: header("Subject"),
        text: part("text/plain"),
        html: part("text/html"),
    }
}

// ---------------------------------------------------------------------------------------------
// Portcullis nodes and the database.

/// A Portcullis node that the test can stop (a restart is one node stopping and another
/// starting on the same database).
struct Node {
    base: String,
    client: reqwest::Client,
    auth: Arc<Auth>,
    stop: oneshot::Sender<()>,
    task: JoinHandle<anyhow::Result<()>>,
}

impl Node {
    async fn start(database_url: &str, overrides: &[(&str, &str)]) -> Self {
        let settings: Vec<(String, String)> = [
            ("PORTCULLIS_DEV", "true"),
            ("PORTCULLIS_RATE_LIMIT_PER_MINUTE", "0"),
            ("PORTCULLIS_LOGIN_FAILURES_PER_HOUR", "0"),
            ("PORTCULLIS_ARGON2_MEMORY_KIB", "1024"),
            ("PORTCULLIS_ARGON2_ITERATIONS", "1"),
            ("PORTCULLIS_LOG", "warn"),
            ("PORTCULLIS_BIND", "127.0.0.1:0"),
            ("PORTCULLIS_METRICS_BIND", "off"),
            ("PORTCULLIS_DATABASE_URL", database_url),
        ]
        .iter()
        .chain(FAST)
        .chain(overrides)
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect(); // later entries win
        let app = App::build(Settings::from_map(settings).unwrap()).await.expect("node builds");
        let (stop, stopped) = oneshot::channel::<()>();
        let (base, auth) = (format!("http://127.0.0.1:{}", app.port()), app.auth());
        let task = tokio::spawn(app.run_until(async move {
            let _ = stopped.await;
        }));
        Self { base, client: reqwest::Client::new(), auth, stop, task }
    }

    async fn post_json(&self, path: &str, body: Value) -> reqwest::Response {
        self.client.post(format!("{}{path}", self.base)).json(&body).send().await.unwrap()
    }

    /// Stops the node the way a shutdown does; returns once it (and its mail worker) ended.
    async fn shut_down(self) {
        let _ = self.stop.send(());
        self.task.await.unwrap().expect("the node shuts down cleanly");
    }
}

async fn wait_until<T, F, Fut>(what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let start = Instant::now();
    loop {
        if let Some(v) = check().await {
            return v;
        }
        assert!(start.elapsed() < PATIENCE, "gave up waiting for {what}");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

/// One outbox row, as stored.
#[derive(Debug)]
struct OutboxRow {
    kind: String,
    to: String,
    status: String,
    attempts: i64,
    last_error: Option<String>,
}

fn text_of(row: &sqlx::any::AnyRow, col: &str) -> Option<String> {
    match row.try_get::<Option<String>, _>(col) {
        Ok(v) => v,
        Err(_) => {
            row.try_get::<Option<Vec<u8>>, _>(col).unwrap().map(|b| String::from_utf8(b).unwrap())
        }
    }
}

async fn outbox(auth: &Auth) -> Vec<OutboxRow> {
    let rows = sqlx::query(
        "SELECT kind, to_addr, status, attempts, last_error FROM outbox ORDER BY created_at, id",
    )
    .fetch_all(auth.store().pool())
    .await
    .unwrap();
    rows.iter()
        .map(|r| OutboxRow {
            kind: text_of(r, "kind").unwrap(),
            to: text_of(r, "to_addr").unwrap(),
            status: text_of(r, "status").unwrap(),
            attempts: r.try_get("attempts").unwrap(),
            last_error: text_of(r, "last_error"),
        })
        .collect()
}

async fn wait_all_sent(auth: &Auth, n: usize) -> Vec<OutboxRow> {
    wait_until(&format!("{n} outbox rows marked sent"), || async {
        let rows = outbox(auth).await;
        (rows.len() == n && rows.iter().all(|r| r.status == "sent")).then_some(rows)
    })
    .await
}

/// Moves every outbox row `ms` into the past: for the throttle, that much time has passed.
async fn let_time_pass(auth: &Auth, ms: i64) {
    let sql = format!("UPDATE outbox SET created_at = created_at - {ms}");
    sqlx::query(&sql).execute(auth.store().pool()).await.unwrap();
}

async fn reset_tokens_stored(auth: &Auth) -> i64 {
    let row =
        sqlx::query("SELECT COUNT(*) AS n FROM one_time_tokens WHERE purpose = 'reset_password'")
            .fetch_one(auth.store().pool())
            .await
            .unwrap();
    row.try_get("n").unwrap()
}

fn overrides<'a>(smtp: &'a str, more: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut all = vec![("PORTCULLIS_SMTP_URL", smtp)];
    all.extend_from_slice(FAST);
    all.extend_from_slice(more);
    all
}

// ---------------------------------------------------------------------------------------------
// The tests.

/// A node asked to stop while its SMTP server holds a message (DATA read, not yet answered)
/// finishes that delivery and records it before it stops: the row is sent, once, and keeps no
/// lease for another node to wait out.
async fn a_shutdown_finishes_the_delivery_in_hand_and_leaves_no_lease(db: Db) {
    let smtp = SmtpServer::start().await;
    let gate = Arc::new(tokio::sync::Semaphore::new(0));
    *smtp.shared.gate.lock().unwrap() = Some(gate.clone());
    let database = TestApp::spawn(db).await; // the database; it sends no mail itself
    let url = smtp.url();
    let node = Node::start(&database.database_url, &[("PORTCULLIS_SMTP_URL", &url)]).await;
    let mail = database.auth.mailer().in_locale(None).password_changed("held@example.com").unwrap();
    database.auth.store().enqueue_mail(&mail, now_ms()).await.unwrap();
    wait_until("the message in the sender's hand", || async {
        (smtp.shared.data_read.load(Ordering::SeqCst) == 1).then_some(())
    })
    .await;

    let (base, client) = (node.base.clone(), node.client.clone());
    let stopping = tokio::spawn(node.shut_down());
    wait_until("the node to stop taking requests", || async {
        client.get(format!("{base}/health/live")).send().await.is_err().then_some(())
    })
    .await;
    // Give the shutdown a moment to reach the delivery lane, then let the message go.
    tokio::time::sleep(Duration::from_millis(200)).await;
    gate.add_permits(16);
    stopping.await.unwrap();

    assert_eq!(smtp.received().len(), 1, "delivered once");
    let rows = outbox(&database.auth).await;
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].status.as_str(), rows[0].attempts), ("sent", 1), "{rows:?}");
    let leased = sqlx::query("SELECT COUNT(*) AS n FROM outbox WHERE locked_until IS NOT NULL")
        .fetch_one(database.auth.store().pool())
        .await
        .unwrap();
    assert_eq!(leased.try_get::<i64, _>("n").unwrap(), 0, "no lease left behind");
}

async fn a_registration_is_delivered_with_a_text_and_an_html_part_and_one_link(db: Db) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_with(db, &overrides(&smtp.url(), &[])).await;
    app.register("Alice@Example.com", PASSWORD).await;

    let received = smtp.wait_for(1).await;
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].to, ["Alice@Example.com"]);
    assert_eq!(received[0].from, "no-reply@localhost", "PORTCULLIS_MAIL_FROM's default");
    let mail = parse(&received[0]);
    assert!(mail.to.contains("Alice@Example.com"), "{mail:?}");
    assert!(mail.subject.contains("Confirm"), "{mail:?}");
    assert!(mail.message_id.starts_with('<') && mail.message_id.contains("@localhost>"));
    assert_eq!(mail.text.matches("http").count(), 1, "exactly one link: {}", mail.text);
    assert_eq!(mail.html.matches("href=").count(), 1, "exactly one link: {}", mail.html);
    let token = link_token(&mail.text);
    assert!(token.len() >= 43, "{token}");
    assert_eq!(mail.text.matches(&token).count(), 1, "the token only inside the link");
    assert_eq!(mail.html.matches(&token).count(), 1, "the token only inside the link");
    assert!(!mail.subject.contains(&token));

    // The link is the real one.
    let res = app.post_json("/api/auth/verify-email", json!({"token": token})).await;
    assert_eq!(res.status(), StatusCode::OK);

    // Delivered; with SMTP configured the stored copy keeps no live link, dev mode or not
    // (the real mailbox is where it is read).
    let rows = wait_all_sent(&app.auth, 1).await;
    assert_eq!(rows[0].attempts, 1);
    let shown = app.mails("alice@example.com", 1).await;
    assert_eq!(shown[0]["status"], "sent");
    assert!(!shown[0]["text"].as_str().unwrap().contains(&token));
    assert!(!shown[0]["html"].as_str().unwrap().contains(&token));
}

async fn forgot_password_answers_at_once_while_smtp_is_down_and_the_mail_arrives_when_it_is_back(
    db: Db,
) {
    let port = free_port().await;
    let url = format!("smtp://127.0.0.1:{port}");
    let app = TestApp::spawn_with(db, &overrides(&url, &[])).await;
    app.register("bob@example.com", PASSWORD).await;

    let started = Instant::now();
    let res = app.post_json("/api/auth/forgot-password", json!({"email": "bob@example.com"})).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(started.elapsed() < Duration::from_secs(1), "answered in {:?}", started.elapsed());

    // Delivery is really being tried, and failing, while the server is down.
    let rows = wait_until("failed attempts on both messages", || async {
        let rows = outbox(&app.auth).await;
        (rows.len() == 2 && rows.iter().all(|r| r.attempts >= 1 && r.last_error.is_some()))
            .then_some(rows)
    })
    .await;
    assert!(rows.iter().all(|r| r.status == "pending"), "{rows:?}");

    let smtp = SmtpServer::start_on(port).await;
    let received = smtp.wait_for(2).await;
    wait_all_sent(&app.auth, 2).await;
    let subjects: Vec<String> = smtp.received().iter().map(|r| parse(r).subject).collect();
    assert_eq!(subjects.len(), 2, "each message once: {subjects:?}");
    let reset = received.iter().map(parse).find(|m| m.subject.contains("Reset")).unwrap();
    let res = app
        .post_json(
            "/api/auth/reset-password",
            json!({"token": link_token(&reset.text), "new_password": "a brand new passphrase"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK, "the mailed reset link works");
}

async fn a_restart_while_smtp_is_down_loses_nothing(db: Db) {
    let database = TestApp::spawn(db).await; // makes the database; it sends no mail itself
    let port = free_port().await;
    let url = format!("smtp://127.0.0.1:{port}");
    let first = Node::start(&database.database_url, &[("PORTCULLIS_SMTP_URL", &url)]).await;
    let res = first
        .post_json(
            "/api/auth/register",
            json!({"email": "carol@example.com", "password": PASSWORD}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let res =
        first.post_json("/api/auth/forgot-password", json!({"email": "carol@example.com"})).await;
    assert_eq!(res.status(), StatusCode::OK);
    wait_until("failed attempts on both messages", || async {
        let rows = outbox(&first.auth).await;
        (rows.len() == 2 && rows.iter().all(|r| r.attempts >= 1)).then_some(())
    })
    .await;

    first.shut_down().await;
    let smtp = SmtpServer::start_on(port).await;
    let second = Node::start(&database.database_url, &[("PORTCULLIS_SMTP_URL", &url)]).await;

    let received = smtp.wait_for(2).await;
    let rows = wait_all_sent(&second.auth, 2).await;
    assert_eq!(smtp.received().len(), 2, "each message once");
    let mut kinds: Vec<&str> = rows.iter().map(|r| r.kind.as_str()).collect();
    kinds.sort_unstable();
    assert_eq!(kinds, ["reset_password", "verify_email"]);
    let subjects: Vec<String> = received.iter().map(|r| parse(r).subject).collect();
    assert!(subjects.iter().any(|s| s.contains("Confirm")), "{subjects:?}");
    assert!(subjects.iter().any(|s| s.contains("Reset")), "{subjects:?}");
}

async fn two_nodes_on_one_database_deliver_each_message_exactly_once(db: Db) {
    const MESSAGES: usize = 40;
    let smtp = SmtpServer::start().await;
    *smtp.shared.delay.lock().unwrap() = Duration::from_millis(10);
    let url = smtp.url();
    let database = TestApp::spawn(db).await; // the database, and the node that queues the mail
    let _a = database
        .another_node(&overrides(&url, &[("PORTCULLIS_MAIL_FROM", "Node A <a@nodes.test>")]))
        .await;
    let _b = database
        .another_node(&overrides(&url, &[("PORTCULLIS_MAIL_FROM", "Node B <b@nodes.test>")]))
        .await;

    for i in 0..MESSAGES {
        let mail = database
            .auth
            .mailer()
            .in_locale(None)
            .password_changed(&format!("user{i}@example.com"))
            .unwrap();
        database.auth.store().enqueue_mail(&mail, now_ms()).await.unwrap();
    }

    let rows = wait_all_sent(&database.auth, MESSAGES).await;
    let received = smtp.received();
    let mut per_recipient: HashMap<String, usize> = HashMap::new();
    let mut per_id: HashMap<String, usize> = HashMap::new();
    let mut per_node: HashMap<String, usize> = HashMap::new();
    for r in &received {
        for to in &r.to {
            *per_recipient.entry(to.clone()).or_default() += 1;
        }
        *per_id.entry(parse(r).message_id).or_default() += 1;
        *per_node.entry(r.from.clone()).or_default() += 1;
    }
    assert_eq!(received.len(), MESSAGES, "{per_recipient:?}");
    assert_eq!(per_recipient.len(), MESSAGES);
    assert!(per_recipient.values().all(|n| *n == 1), "{per_recipient:?}");
    assert_eq!(per_id.len(), MESSAGES, "one Message-ID per outbox row");
    assert!(rows.iter().all(|r| r.attempts == 1), "no row was claimed twice: {rows:?}");
    // Both workers took part, so the exactly-once above was a contest, not one node alone.
    assert_eq!(per_node.len(), 2, "{per_node:?}");
}

async fn outside_dev_mode_a_delivered_copy_no_longer_holds_its_token(db: Db) {
    let smtp = SmtpServer::start().await;
    let app =
        TestApp::spawn_with(db, &overrides(&smtp.url(), &[("PORTCULLIS_DEV", "false")])).await;
    let email = "dave@example.com";
    app.register(email, PASSWORD).await;
    let res = app.post_json("/api/auth/forgot-password", json!({"email": email})).await;
    assert_eq!(res.status(), StatusCode::OK);
    let received = smtp.wait_for(2).await;
    wait_all_sent(&app.auth, 2).await;
    let tokens: Vec<String> = received.iter().map(|r| link_token(&parse(r).text)).collect();

    let stored = app.auth.store().dev_mail(Some(email)).await.unwrap();
    assert_eq!(stored.len(), 2);
    for mail in &stored {
        assert_eq!(mail.status, "sent");
        for token in &tokens {
            assert!(!mail.text.contains(token.as_str()), "{}", mail.text);
            assert!(!mail.html.contains(token.as_str()), "{}", mail.html);
        }
        assert!(!mail.text.contains("token="), "{}", mail.text);
        assert!(!mail.subject.is_empty(), "the subject and address stay");
    }

    // Only the stored copy lost the token: the mailed link works, and its notification (which
    // holds no secret) is kept whole.
    let reset = received.iter().map(parse).find(|m| m.subject.contains("Reset")).unwrap();
    let res = app
        .post_json(
            "/api/auth/reset-password",
            json!({"token": link_token(&reset.text), "new_password": "a brand new passphrase"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    smtp.wait_for(3).await;
    wait_all_sent(&app.auth, 3).await;
    let stored = app.auth.store().dev_mail(Some(email)).await.unwrap();
    let notice = stored.iter().find(|m| m.subject.contains("changed")).unwrap();
    assert!(notice.text.contains("password"), "{}", notice.text);
}

async fn refused_deliveries_are_retried_then_kept_as_failed_and_a_permanent_refusal_at_once(
    db: Db,
) {
    let smtp = SmtpServer::start().await;
    smtp.set_mode(Mode::Refuse(550));
    let more = [("PORTCULLIS_DEV", "false"), ("PORTCULLIS_MAIL_MAX_ATTEMPTS", "3")];
    let app = TestApp::spawn_with(db, &overrides(&smtp.url(), &more)).await;

    // A permanent refusal (5xx): failed after one attempt, not retried.
    app.register("gone@example.com", PASSWORD).await;
    let row = wait_until("the refused message marked failed", || async {
        outbox(&app.auth).await.into_iter().find(|r| r.status == "failed")
    })
    .await;
    assert_eq!(row.attempts, 1);
    assert_eq!(smtp.refused(), 1);

    // A temporary refusal (4xx): retried with backoff, then failed after the last attempt.
    smtp.set_mode(Mode::Refuse(451));
    app.register("later@example.com", PASSWORD).await;
    let row = wait_until("the second message marked failed", || async {
        let rows = outbox(&app.auth).await;
        rows.into_iter().find(|r| r.to == "later@example.com" && r.status == "failed")
    })
    .await;
    assert_eq!(row.attempts, 3, "{row:?}");
    assert_eq!(smtp.refused(), 1 + 3, "no attempt after the last");
    let error = row.last_error.unwrap();
    assert!(error.contains("451"), "{error}");
    assert!(!error.contains("token") && !error.contains("http"), "no content: {error}");

    // Kept, without its token, and never delivered.
    let stored = app.auth.store().dev_mail(Some("later@example.com")).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].status, "failed");
    assert!(!stored[0].text.contains("token="), "{}", stored[0].text);
    assert!(smtp.received().is_empty());
}

async fn repeated_forgot_password_for_one_address_sends_one_mail_a_minute_and_five_an_hour(db: Db) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_with(db, &overrides(&smtp.url(), &[])).await;
    let email = "erin@example.com";
    app.register(email, PASSWORD).await;
    let reset_mails = || async {
        let rows = outbox(&app.auth).await;
        rows.iter().filter(|r| r.kind == "reset_password").count()
    };

    let mut answers = Vec::new();
    for _ in 0..3 {
        let res = app.post_json("/api/auth/forgot-password", json!({"email": email})).await;
        answers.push((res.status(), res.text().await.unwrap()));
    }
    assert!(answers.iter().all(|a| *a == answers[0]), "the same answer: {answers:?}");
    assert_eq!(answers[0].0, StatusCode::OK);
    // Each request is handled after its answer; in dev mode each stores its token (dev-mode
    // legacy answers show it) whether or not its mail goes, which tells when all three are done.
    wait_until("three handled requests", || async {
        (reset_tokens_stored(&app.auth).await == 3).then_some(())
    })
    .await;
    assert_eq!(reset_mails().await, 1, "one reset mail a minute");
    let received = smtp.wait_for(2).await;
    wait_all_sent(&app.auth, 2).await;
    assert_eq!(smtp.received().len(), 2, "the verification and one reset: {received:?}");

    // A minute later another may go, up to five in an hour.
    for round in 2..=6 {
        let_time_pass(&app.auth, 61_000).await;
        let res =
            app.post_json("/api/auth/forgot-password", json!({"email": "ERIN@example.com"})).await;
        assert_eq!(res.status(), StatusCode::OK);
        wait_until("the request handled", || async {
            (reset_tokens_stored(&app.auth).await == 2 + round).then_some(())
        })
        .await;
        assert_eq!(reset_mails().await, round.min(5) as usize, "round {round}");
    }

    // Unknown addresses: the same answer, and nothing to send.
    let res =
        app.post_json("/api/auth/forgot-password", json!({"email": "nobody@example.com"})).await;
    assert_eq!((res.status(), res.text().await.unwrap()), answers[0]);
}

async fn concurrent_forgot_password_requests_for_one_address_send_one_mail(db: Db) {
    let app = TestApp::spawn(db).await;
    let email = "hal@example.com";
    app.register(email, PASSWORD).await;
    // Many requests at once, on several connections (as from several nodes): the throttle is
    // decided under the account's row lock, so only one of them can see it open.
    let requests = (0..12).map(|_| app.auth.forgot_password(email));
    for outcome in futures::future::join_all(requests).await {
        outcome.unwrap();
    }
    let rows = outbox(&app.auth).await;
    let resets = rows.iter().filter(|r| r.kind == "reset_password").count();
    assert_eq!(resets, 1, "{rows:?}");
}

async fn resend_verification_is_throttled_per_address_counting_the_registration_mail(db: Db) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::spawn_with(db, &overrides(&smtp.url(), &[])).await;
    let email = "fay@example.com";
    app.register(email, PASSWORD).await;
    let verification_mails = || async { outbox(&app.auth).await.len() };

    // The route answers at once and makes this call afterwards; awaiting the call itself
    // makes the counts below final.
    app.auth.resend_verification(email).await.unwrap();
    app.auth.resend_verification("FAY@example.com").await.unwrap();
    assert_eq!(verification_mails().await, 1, "registration's mail counts: nothing more yet");

    let_time_pass(&app.auth, 61_000).await;
    app.auth.resend_verification(email).await.unwrap();
    app.auth.resend_verification(email).await.unwrap();
    assert_eq!(verification_mails().await, 2, "one more after a minute, not two");
    smtp.wait_for(2).await;
    wait_all_sent(&app.auth, 2).await;
}

// ---------------------------------------------------------------------------------------------
// The command line, and what reaches the logs.

fn portcullis(args: &[&str], env: &[(&str, &str)], dir: &std::path::Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_portcullis"));
    cmd.args(args).current_dir(dir).env_clear();
    if let Ok(path) = std::env::var("PATH") {
        cmd.env("PATH", path);
    }
    cmd.envs(env.iter().copied());
    cmd
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_test_sends_one_message_and_reports_the_outcome_in_one_line() {
    let mut smtp = SmtpServer::start().await;
    let dir = tempfile::tempdir().unwrap();
    let url = format!("smtp://tester:s3cret%2Fpass@127.0.0.1:{}", smtp.port);
    let env = [("PORTCULLIS_SMTP_URL", url.as_str()), ("PORTCULLIS_LOG", "warn")];
    let run = |cmd: std::process::Command| {
        tokio::task::spawn_blocking(move || {
            let mut cmd = cmd;
            cmd.output().unwrap()
        })
    };

    let out =
        run(portcullis(&["mail", "test", "ops@example.com"], &env, dir.path())).await.unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stdout}{stderr}");
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.starts_with("ok: ops@example.com accepted by 127.0.0.1:"), "{stdout}");
    assert!(stdout.contains("250"), "{stdout}");
    let received = smtp.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].to, ["ops@example.com"]);
    assert_eq!(
        received[0].auth,
        Some(("tester".to_owned(), "s3cret/pass".to_owned())),
        "credentials from the URL"
    );
    parse(&received[0]);

    smtp.stop().await;
    let out =
        run(portcullis(&["mail", "test", "ops@example.com"], &env, dir.path())).await.unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!out.status.success());
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("error: sending to ops@example.com through 127.0.0.1:"), "{stderr}");
    for output in [&stdout, &stderr] {
        assert!(!output.contains("s3cret"), "{output}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_server_log_line_holds_a_token_or_a_password_even_at_debug_level() {
    let smtp = SmtpServer::start().await;
    let dir = tempfile::tempdir().unwrap();
    let database = format!("sqlite://{}/p.db", dir.path().display());
    let smtp_url = format!("smtp://mailer:smtp-s3cret@127.0.0.1:{}", smtp.port);
    let env = [
        ("PORTCULLIS_SMTP_URL", smtp_url.as_str()),
        ("PORTCULLIS_DATABASE_URL", database.as_str()),
        ("PORTCULLIS_BIND", "127.0.0.1:0"),
        ("PORTCULLIS_LOG", "debug"),
        ("PORTCULLIS_LOG_FORMAT", "json"),
        ("PORTCULLIS_ARGON2_MEMORY_KIB", "1024"),
        ("PORTCULLIS_ARGON2_ITERATIONS", "1"),
        ("PORTCULLIS_MAIL_POLL_INTERVAL", "50ms"),
    ];
    let mut child = portcullis(&["serve"], &env, dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let logs = Arc::new(Mutex::new(String::new()));
    let (port_tx, port_rx) = std::sync::mpsc::channel::<u16>();
    let stderr = child.stderr.take().unwrap();
    let collected = logs.clone();
    let reader = std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            if let Ok(v) = serde_json::from_str::<Value>(&line) {
                if v["fields"]["message"] == "portcullis listening" {
                    let addr = v["fields"]["addr"].as_str().unwrap_or_default();
                    let port = addr.rsplit(':').next().unwrap().parse().unwrap();
                    let _ = port_tx.send(port);
                }
            }
            collected.lock().unwrap().push_str(&line);
            collected.lock().unwrap().push('\n');
        }
    });
    let port = tokio::task::spawn_blocking(move || port_rx.recv_timeout(PATIENCE))
        .await
        .unwrap()
        .expect("the server logs its address");
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let email = "gil@example.com";
    let res = client
        .post(format!("{base}/api/auth/register"))
        .json(&json!({"email": email, "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let res = client
        .post(format!("{base}/api/auth/forgot-password"))
        .json(&json!({"email": email}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let received = smtp.wait_for(2).await;
    let mails: Vec<Parsed> = received.iter().map(parse).collect();
    let tokens: Vec<String> = mails.iter().map(|m| link_token(&m.text)).collect();
    let reset = mails.iter().find(|m| m.subject.contains("Reset")).unwrap();
    let res = client
        .post(format!("{base}/api/auth/reset-password"))
        .json(&json!({"token": link_token(&reset.text), "new_password": "a brand new passphrase"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    smtp.wait_for(3).await;
    tokio::time::sleep(Duration::from_millis(300)).await; // the worker's last log lines

    child.kill().unwrap();
    child.wait().unwrap();
    reader.join().unwrap();
    let logs = logs.lock().unwrap().clone();
    assert!(logs.contains("mail delivered"), "the debug logs were captured");
    for secret in
        tokens.iter().map(String::as_str).chain([PASSWORD, "a brand new passphrase", "smtp-s3cret"])
    {
        assert!(!logs.contains(secret), "a secret in the logs");
    }
}
