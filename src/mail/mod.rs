//! Mail: the messages Portcullis sends, rendered from the templates in `templates/mail/`
//! (a plain-text and an HTML part each). Messages go to the outbox (see `store::outbox`);
//! [`worker`] delivers them over [`smtp`] in mail's lane of `crate::delivery`.

pub mod smtp;
pub mod worker;

use minijinja::{context, Environment};

pub use smtp::{SendError, Smtp};
pub use worker::MailSender;

use crate::domain::MailKind;
use crate::store::OutboxMail;
use crate::PRODUCT;

pub struct Mailer {
    env: Environment<'static>,
    verify_url: String,
    reset_url: String,
    email_login_url: String,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer").finish_non_exhaustive()
    }
}

impl Mailer {
    /// `verify_url`, `reset_url` and `email_login_url` are link templates containing
    /// `{token}` once.
    pub fn new(verify_url: &str, reset_url: &str, email_login_url: &str) -> anyhow::Result<Self> {
        let mut env = Environment::new();
        // Every `templates/mail/*.{txt,html}`, embedded by build.rs.
        minijinja_embed::load_templates!(env, "mail");
        Ok(Self {
            env,
            verify_url: verify_url.to_owned(),
            reset_url: reset_url.to_owned(),
            email_login_url: email_login_url.to_owned(),
        })
    }

    fn render(
        &self,
        kind: MailKind,
        to: &str,
        subject: String,
        ctx: minijinja::Value,
    ) -> anyhow::Result<OutboxMail> {
        let ctx = context! { product => PRODUCT, subject => &subject, ..ctx };
        let link = ctx.get_attr("link").ok().filter(|v| !v.is_undefined());
        let ctx = match link {
            // minijinja's HTML escaping also escapes `/`, which mangles a URL into something
            // scanners and people cannot read; escape only what HTML attributes require.
            Some(l) => context! {
                link_html => minijinja::Value::from_safe_string(escape_attr(&l.to_string())),
                ..ctx
            },
            None => ctx,
        };
        let name = kind.as_str();
        let text = self.env.get_template(&format!("{name}.txt"))?.render(&ctx)?;
        let html = self.env.get_template(&format!("{name}.html"))?.render(&ctx)?;
        Ok(OutboxMail { kind, to: to.to_owned(), subject, text, html })
    }

    /// The verification mail: one link to `PORTCULLIS_VERIFY_EMAIL_URL` with the token.
    pub fn verification(&self, to: &str, token: &str) -> anyhow::Result<OutboxMail> {
        let link = self.verify_url.replace("{token}", token);
        self.render(
            MailKind::VerifyEmail,
            to,
            format!("Confirm your email address for {PRODUCT}"),
            context! { link, expires => "24 hours" },
        )
    }

    /// The reset mail: one link to `PORTCULLIS_RESET_PASSWORD_URL` with the token.
    pub fn reset(&self, to: &str, token: &str) -> anyhow::Result<OutboxMail> {
        let link = self.reset_url.replace("{token}", token);
        self.render(
            MailKind::ResetPassword,
            to,
            format!("Reset your {PRODUCT} password"),
            context! { link, expires => "1 hour" },
        )
    }

    /// The sign-in mail: a link to `PORTCULLIS_EMAIL_LOGIN_URL` with the token, and the code.
    pub fn email_login(&self, to: &str, token: &str, code: &str) -> anyhow::Result<OutboxMail> {
        let link = self.email_login_url.replace("{token}", token);
        self.render(
            MailKind::EmailLogin,
            to,
            format!("Sign in to {PRODUCT}"),
            context! { link, code, expires => "15 minutes" },
        )
    }

    /// An invitation to an organisation: a link to the page that accepts it, with the token.
    /// The names are the inviter's and the organisation's own text: shown, never linked.
    pub fn org_invitation(
        &self,
        to: &str,
        link: &str,
        inviter: &str,
        organization: &str,
        role: &str,
    ) -> anyhow::Result<OutboxMail> {
        self.render(
            MailKind::OrgInvitation,
            to,
            format!("You are invited to join {organization} on {PRODUCT}"),
            context! { link, inviter, organization, role, expires => "7 days" },
        )
    }

    /// "Your password was changed": no link, no secret.
    pub fn password_changed(&self, to: &str) -> anyhow::Result<OutboxMail> {
        self.render(
            MailKind::PasswordChanged,
            to,
            format!("Your {PRODUCT} password was changed"),
            context! {},
        )
    }

    /// Sent to the current address when a change of address is requested. It names no
    /// address and carries no link: the new address is text an attacker with a stolen session
    /// chooses, and mail clients turn such text into links.
    pub fn email_change_requested(&self, current: &str) -> anyhow::Result<OutboxMail> {
        self.render(
            MailKind::EmailChanged,
            current,
            format!("A change of your {PRODUCT} email address was requested"),
            context! {},
        )
    }

    /// Sent to the former address when an administrator changed it (the change is made at
    /// once): names no address, carries no link, says that every session was ended.
    pub fn email_changed_by_admin(&self, former: &str) -> anyhow::Result<OutboxMail> {
        self.render(
            MailKind::EmailChanged,
            former,
            format!("The email address of your {PRODUCT} account was changed"),
            context! { by_admin => true },
        )
    }
}

impl Mailer {
    /// "A second factor was turned on / off": no link, no secret.
    pub fn mfa_changed(&self, to: &str, added: bool) -> anyhow::Result<OutboxMail> {
        let (subject, change) = if added {
            (format!("Two-factor authentication is on for your {PRODUCT} account"), "turned on")
        } else {
            (format!("Two-factor authentication is off for your {PRODUCT} account"), "turned off")
        };
        self.render(MailKind::MfaChanged, to, subject, context! { change })
    }

    /// "A passkey was added / removed": no link, no secret (the `mfa_changed` templates).
    pub fn passkey_changed(&self, to: &str, added: bool) -> anyhow::Result<OutboxMail> {
        let (subject, change) = if added {
            (format!("A passkey was added to your {PRODUCT} account"), "added to")
        } else {
            (format!("A passkey was removed from your {PRODUCT} account"), "removed from")
        };
        self.render(MailKind::MfaChanged, to, subject, context! { change, passkey => true })
    }

    /// "A sign-in with `provider` was linked to / unlinked from your account": no link, no
    /// secret (the `mfa_changed` templates).
    pub fn identity_changed(
        &self,
        to: &str,
        provider: &str,
        linked: bool,
    ) -> anyhow::Result<OutboxMail> {
        let (subject, change) = if linked {
            (format!("A {provider} sign-in was linked to your {PRODUCT} account"), "linked to")
        } else {
            (
                format!("A {provider} sign-in was unlinked from your {PRODUCT} account"),
                "unlinked from",
            )
        };
        let ctx = context! { change, provider, identity => true, linked };
        self.render(MailKind::MfaChanged, to, subject, ctx)
    }

    /// "New recovery codes were made" (the old ones stopped working): no link, no code (the
    /// `mfa_changed` templates).
    pub fn recovery_codes_replaced(&self, to: &str) -> anyhow::Result<OutboxMail> {
        let subject = format!("New recovery codes were made for your {PRODUCT} account");
        self.render(MailKind::MfaChanged, to, subject, context! { recovery_codes => true })
    }

    /// "A recovery code was used to sign in": no link, no secret.
    pub fn recovery_code_used(&self, to: &str) -> anyhow::Result<OutboxMail> {
        let subject = format!("A recovery code was used to sign in to {PRODUCT}");
        self.render(MailKind::RecoveryCodeUsed, to, subject, context! {})
    }
}

fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn mailer() -> Mailer {
        Mailer::new(
            "https://a.example/v?token={token}",
            "https://a.example/r?t={token}&x=1",
            "https://a.example/e?token={token}",
        )
        .unwrap()
    }

    #[test]
    fn verification_mail_has_both_parts_and_one_link() {
        let m = mailer().verification("a@example.com", "TOKEN123").unwrap();
        assert_eq!(m.text.matches("https://").count(), 1);
        assert_eq!(m.text.matches("TOKEN123").count(), 1);
        assert!(m.text.contains("https://a.example/v?token=TOKEN123"));
        assert_eq!(m.html.matches("href=").count(), 1);
        assert_eq!(m.html.matches("TOKEN123").count(), 1);
        assert!(m.html.contains("24 hours"));
        assert!(!m.subject.contains("TOKEN123"));
    }

    #[test]
    fn reset_link_is_html_escaped_in_the_html_part() {
        let m = mailer().reset("a@example.com", "T").unwrap();
        assert!(m.html.contains("https://a.example/r?t=T&amp;x=1"), "{}", m.html);
        assert!(m.text.contains("https://a.example/r?t=T&x=1"));
    }

    #[test]
    fn notifications_carry_no_link() {
        for m in [
            mailer().password_changed("a@example.com").unwrap(),
            mailer().email_change_requested("a@example.com").unwrap(),
            mailer().recovery_codes_replaced("a@example.com").unwrap(),
        ] {
            assert!(!m.text.contains("http"));
            assert!(!m.html.contains("href="));
            assert!(!m.text.contains('@'), "names no address: {}", m.text);
        }
    }
}
