//! SMTP: the connection described by `PORTCULLIS_SMTP_URL`, and sending one rendered message as
//! `multipart/alternative` (its text and HTML parts) with lettre.
//!
//! `smtp://host[:587]` upgrades with STARTTLS when the server offers it (`?tls=required` refuses
//! to go on without it), `smtps://host[:465]` is TLS from the first byte, `?tls=none` is plain
//! (a local relay, port 25 by default). `user:pass@` in the URL authenticates (percent-encoded).
//! Every delivery, connection included, is bounded by `PORTCULLIS_SMTP_TIMEOUT`.

use std::time::Duration;

use anyhow::Context;
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use percent_encoding::percent_decode_str;

use crate::config::{ExposeSecret, Settings};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TlsMode {
    None,
    Opportunistic,
    Required,
    Implicit,
}

/// `PORTCULLIS_SMTP_URL`, taken apart. Never printed whole: it may hold a password.
#[derive(PartialEq, Eq)]
struct SmtpUrl {
    host: String,
    port: u16,
    tls: TlsMode,
    credentials: Option<(String, String)>,
}

/// Parses an SMTP URL. Errors say what is wrong without repeating the URL.
fn parse_url(raw: &str) -> Result<SmtpUrl, String> {
    let url = url::Url::parse(raw.trim()).map_err(|e| format!("not a URL ({e})"))?;
    let implicit = match url.scheme() {
        "smtp" => false,
        "smtps" => true,
        other => return Err(format!("scheme {other:?}: expected smtp:// or smtps://")),
    };
    let host = url
        .host_str()
        .filter(|h| !h.is_empty())
        .ok_or("the URL names no host")?
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_owned();
    let mut tls_param = None;
    for (key, value) in url.query_pairs() {
        if key != "tls" {
            return Err(format!("unknown parameter {key:?} (only tls= is understood)"));
        }
        tls_param = Some(value.into_owned());
    }
    let tls = match (implicit, tls_param.as_deref()) {
        (true, None) => TlsMode::Implicit,
        (true, Some(_)) => return Err("smtps:// is always TLS; tls= is for smtp:// only".into()),
        (false, None | Some("opportunistic")) => TlsMode::Opportunistic,
        (false, Some("required")) => TlsMode::Required,
        (false, Some("none")) => TlsMode::None,
        (false, Some(other)) => {
            return Err(format!("tls={other:?}: expected none, opportunistic or required"))
        }
    };
    let port = url.port().unwrap_or(match tls {
        TlsMode::Implicit => 465,
        TlsMode::None => 25,
        TlsMode::Opportunistic | TlsMode::Required => 587,
    });
    let decode = |s: &str| {
        percent_decode_str(s)
            .decode_utf8()
            .map(|s| s.into_owned())
            .map_err(|_| "the user name or password is not valid percent-encoded UTF-8".to_owned())
    };
    let credentials = match url.username() {
        "" => None,
        user => Some((decode(user)?, decode(url.password().unwrap_or_default())?)),
    };
    Ok(SmtpUrl { host, port, tls, credentials })
}

/// Why a delivery failed, without the message's content.
#[derive(Debug)]
pub struct SendError {
    /// The server refused for good (a 5xx answer) or the message cannot be sent at all (a bad
    /// address): retrying would not help.
    pub permanent: bool,
    pub message: String,
}

impl std::fmt::Display for SendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl SendError {
    fn permanent(message: String) -> Self {
        Self { permanent: true, message }
    }
}

/// A configured SMTP sender.
pub struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// Where mail goes, for logs and `portcullis mail test`: host, port and TLS mode.
    endpoint: String,
    timeout: Duration,
}

impl std::fmt::Debug for Smtp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Smtp").field("endpoint", &self.endpoint).finish_non_exhaustive()
    }
}

impl Smtp {
    /// The sender of `PORTCULLIS_SMTP_URL` / `PORTCULLIS_MAIL_FROM`; `Ok(None)` when no SMTP URL
    /// is set. An unusable URL or sender is an error naming the setting (never showing the URL,
    /// which may hold a password), so startup stops.
    pub fn from_settings(settings: &Settings) -> anyhow::Result<Option<Self>> {
        let Some(url) = &settings.smtp_url else {
            return Ok(None);
        };
        Self::new(url.expose_secret(), &settings.mail_from, settings.smtp_timeout).map(Some)
    }

    pub fn new(url: &str, from: &str, timeout: Duration) -> anyhow::Result<Self> {
        let url = parse_url(url).map_err(|why| anyhow::anyhow!("PORTCULLIS_SMTP_URL: {why}"))?;
        let from: Mailbox = from.parse().map_err(|e| {
            anyhow::anyhow!("PORTCULLIS_MAIL_FROM: not a mail address like `Name <a@b.c>` ({e})")
        })?;
        let tls_parameters = || {
            TlsParameters::new(url.host.clone()).context("PORTCULLIS_SMTP_URL: TLS setup failed")
        };
        let tls = match url.tls {
            TlsMode::None => Tls::None,
            TlsMode::Opportunistic => Tls::Opportunistic(tls_parameters()?),
            TlsMode::Required => Tls::Required(tls_parameters()?),
            TlsMode::Implicit => Tls::Wrapper(tls_parameters()?),
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(url.host.clone())
            .port(url.port)
            .tls(tls)
            // lettre bounds the connection with this; `send` bounds the whole conversation.
            .timeout(Some(timeout));
        if let Some((user, pass)) = url.credentials {
            builder = builder.credentials(Credentials::new(user, pass));
        }
        let mode = match url.tls {
            TlsMode::None => "no TLS",
            TlsMode::Opportunistic => "STARTTLS when offered",
            TlsMode::Required => "STARTTLS required",
            TlsMode::Implicit => "TLS",
        };
        let endpoint = format!("{}:{} ({mode})", url.host, url.port);
        Ok(Self { transport: builder.build(), from, endpoint, timeout })
    }

    /// Host, port and TLS mode (no credentials), for logs.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// Sends one message with the text and HTML parts; its `Message-ID` is made from `id`, so
    /// a receiver can recognise a message delivered twice. `Ok`: the server's answer.
    pub async fn send(
        &self,
        id: &str,
        to: &str,
        subject: &str,
        text: String,
        html: String,
    ) -> Result<String, SendError> {
        let to: Mailbox = to
            .trim()
            .parse()
            .map_err(|e| SendError::permanent(format!("the recipient address is unusable: {e}")))?;
        let domain = self.from.email.domain().to_owned();
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .message_id(Some(format!("<{id}@{domain}>")))
            .multipart(MultiPart::alternative_plain_html(text, html))
            .map_err(|e| SendError::permanent(format!("the message cannot be built: {e}")))?;
        match tokio::time::timeout(self.timeout, self.transport.send(message)).await {
            Err(_) => Err(SendError {
                permanent: false,
                message: format!("no answer from {} within {:?}", self.endpoint, self.timeout),
            }),
            Ok(Err(e)) => Err(SendError { permanent: e.is_permanent(), message: e.to_string() }),
            Ok(Ok(answer)) => {
                let line = answer.first_line().unwrap_or_default();
                Ok(format!("{} {line}", answer.code()).trim_end().to_owned())
            }
        }
    }

    /// `portcullis mail test`: one message straight over SMTP, not through the outbox.
    pub async fn send_test(&self, to: &str) -> Result<String, SendError> {
        let id = uuid::Uuid::new_v4().simple().to_string();
        let text = "This is a test message from Portcullis: mail delivery over SMTP works.\n";
        let html = "<!doctype html><html><body><p>This is a test message from Portcullis: \
                    mail delivery over SMTP works.</p></body></html>\n";
        self.send(&id, to, "Portcullis test message", text.into(), html.into()).await
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn smtp_upgrades_when_offered_and_smtps_is_tls_from_the_start() {
        let u = parse_url("smtp://mail.example.com").unwrap();
        assert_eq!(
            (u.host.as_str(), u.port, u.tls),
            ("mail.example.com", 587, TlsMode::Opportunistic)
        );
        assert!(u.credentials.is_none());
        let u = parse_url("smtps://mail.example.com").unwrap();
        assert_eq!((u.port, u.tls), (465, TlsMode::Implicit));
        let u = parse_url("smtp://mail.example.com:2525?tls=required").unwrap();
        assert_eq!((u.port, u.tls), (2525, TlsMode::Required));
        let u = parse_url("smtp://127.0.0.1?tls=none").unwrap();
        assert_eq!((u.host.as_str(), u.port, u.tls), ("127.0.0.1", 25, TlsMode::None));
    }

    #[test]
    fn credentials_come_from_the_url_percent_decoded() {
        let u = parse_url("smtp://me%40example.com:p%3Ass%2Fw0rd@mail.example.com:587").unwrap();
        assert_eq!(u.credentials, Some(("me@example.com".into(), "p:ss/w0rd".into())));
    }

    #[test]
    fn bad_urls_are_refused_without_repeating_them() {
        for raw in [
            "http://user:hunter2@mail.example.com",
            "smtp://user:hunter2@mail.example.com?tls=maybe",
            "smtps://user:hunter2@mail.example.com?tls=none",
            "smtp://user:hunter2@mail.example.com?timeout=5",
            "smtp://user:hunter2@",
            "not a url hunter2",
        ] {
            let err = parse_url(raw).err().unwrap_or_else(|| panic!("{raw} accepted"));
            assert!(!err.contains("hunter2"), "{err}");
        }
    }

    #[test]
    fn a_bad_sender_names_the_setting() {
        let err = Smtp::new("smtp://127.0.0.1?tls=none", "not an address", Duration::from_secs(1))
            .unwrap_err();
        assert!(err.to_string().contains("PORTCULLIS_MAIL_FROM"), "{err}");
        let err =
            Smtp::new("smtp://u:hunter2@h?tls=no", "a@b.c", Duration::from_secs(1)).unwrap_err();
        assert!(err.to_string().contains("PORTCULLIS_SMTP_URL"), "{err}");
        assert!(!err.to_string().contains("hunter2"), "{err}");
    }
}
