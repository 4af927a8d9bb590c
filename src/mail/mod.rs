//! Mail: the messages Portcullis sends, rendered from the templates in `templates/mail/`
//! (a plain-text and an HTML part each). Messages go to the outbox (see `store::outbox`);
//! [`worker`] delivers them over [`smtp`] in mail's lane of `crate::delivery`.

pub mod smtp;
pub mod worker;

use std::sync::Arc;

use minijinja::{context, Environment};

pub use smtp::{SendError, Smtp};
pub use worker::MailSender;

use crate::domain::MailKind;
use crate::i18n::{Catalogues, Msg};
use crate::store::OutboxMail;
use crate::PRODUCT;

pub struct Mailer {
    env: Environment<'static>,
    cats: Arc<Catalogues>,
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
    /// `{token}` once; the mails' texts come from `cats`.
    pub fn new(
        verify_url: &str,
        reset_url: &str,
        email_login_url: &str,
        cats: Arc<Catalogues>,
    ) -> anyhow::Result<Self> {
        let mut env = Environment::new();
        // Every `templates/mail/*.{txt,html}`, embedded by build.rs.
        minijinja_embed::load_templates!(env, "mail");
        crate::i18n::templates::install(&mut env, cats.clone());
        Ok(Self {
            env,
            cats,
            verify_url: verify_url.to_owned(),
            reset_url: reset_url.to_owned(),
            email_login_url: email_login_url.to_owned(),
        })
    }

    /// The link of a password-reset mail for `token` (also `provision apply`'s setup link).
    pub fn reset_link(&self, token: &str) -> String {
        self.reset_url.replace("{token}", token)
    }

    /// The catalogues the mails (and the pages) are written from.
    pub fn catalogues(&self) -> &Arc<Catalogues> {
        &self.cats
    }

    /// The mails to someone whose stored locale is `stored` (the default language if none,
    /// or if no catalogue matches it). A mail is rendered when it is queued, so in the
    /// language of the moment.
    pub fn in_locale(&self, stored: Option<&str>) -> Letters<'_> {
        let locale =
            stored.and_then(|s| self.cats.resolve(s)).unwrap_or(self.cats.default_locale());
        Letters { mailer: self, locale: locale.to_owned() }
    }
}

/// The mails, in one language.
pub struct Letters<'a> {
    mailer: &'a Mailer,
    locale: String,
}

impl Letters<'_> {
    fn text(&self, key: &str, args: &[(&'static str, &str)]) -> String {
        let msg = args.iter().fold(Msg::new(key.to_owned()), |m, (k, v)| m.arg(k, *v));
        msg.render(&self.mailer.cats, &self.locale)
    }

    /// "in 24 hours": `unit` is `minutes`, `hours` or `days`.
    fn expires(&self, count: i64, unit: &str) -> String {
        Msg::new(format!("mail-expires-{unit}"))
            .num("count", count)
            .render(&self.mailer.cats, &self.locale)
    }

    fn render(
        &self,
        kind: MailKind,
        to: &str,
        subject: (&str, &[(&'static str, &str)]),
        ctx: minijinja::Value,
    ) -> anyhow::Result<OutboxMail> {
        let mut args = vec![("product", PRODUCT)];
        args.extend_from_slice(subject.1);
        let subject = self.text(subject.0, &args);
        let lang = self.mailer.cats.language(&self.locale);
        let ctx = context! {
            product => PRODUCT, subject => &subject, locale => &self.locale,
            lang => lang.tag(), dir => lang.dir(), ..ctx
        };
        let link = ctx.get_attr("link").ok().filter(|v| !v.is_undefined());
        let ctx = match link {
            // minijinja's HTML escaping also escapes `/`, which mangles a URL into something
            // scanners and people cannot read; escape only what HTML attributes require.
            Some(l) => context! {
                link_html => minijinja::Value::from_safe_string(crate::i18n::templates::escape_html(&l.to_string())),
                ..ctx
            },
            None => ctx,
        };
        let name = kind.as_str();
        let env = &self.mailer.env;
        let text = env.get_template(&format!("{name}.txt"))?.render(&ctx)?;
        let html = env.get_template(&format!("{name}.html"))?.render(&ctx)?;
        Ok(OutboxMail { kind, to: to.to_owned(), subject, text, html })
    }

    /// The verification mail: one link to `PORTCULLIS_VERIFY_EMAIL_URL` with the token.
    pub fn verification(&self, to: &str, token: &str) -> anyhow::Result<OutboxMail> {
        let link = self.mailer.verify_url.replace("{token}", token);
        let expires = self.expires(24, "hours");
        self.render(
            MailKind::VerifyEmail,
            to,
            ("mail-verify-subject", &[]),
            context! { link, expires },
        )
    }

    /// The reset mail: one link to `PORTCULLIS_RESET_PASSWORD_URL` with the token.
    pub fn reset(&self, to: &str, token: &str) -> anyhow::Result<OutboxMail> {
        let link = self.mailer.reset_link(token);
        let expires = self.expires(1, "hours");
        self.render(
            MailKind::ResetPassword,
            to,
            ("mail-reset-subject", &[]),
            context! { link, expires },
        )
    }

    /// The sign-in mail: a link to `PORTCULLIS_EMAIL_LOGIN_URL` with the token, and the code.
    pub fn email_login(&self, to: &str, token: &str, code: &str) -> anyhow::Result<OutboxMail> {
        let link = self.mailer.email_login_url.replace("{token}", token);
        let expires = self.expires(15, "minutes");
        let code_html = minijinja::Value::from_safe_string(format!(
            "<strong style=\"font-size:20px;letter-spacing:2px\">{}</strong>",
            crate::i18n::templates::escape_html(code)
        ));
        let ctx = context! { link, code, code_html, expires };
        self.render(MailKind::EmailLogin, to, ("mail-email-login-subject", &[]), ctx)
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
        let role_key = format!("role-{role}");
        let role = if self.mailer.cats.has(&role_key) {
            self.text(&role_key, &[])
        } else {
            role.to_owned()
        };
        let expires = self.expires(7, "days");
        let subject = ("mail-invitation-subject", &[("organization", organization)][..]);
        let ctx = context! { link, inviter, organization, role, expires };
        self.render(MailKind::OrgInvitation, to, subject, ctx)
    }

    /// "Your password was changed": no link, no secret.
    pub fn password_changed(&self, to: &str) -> anyhow::Result<OutboxMail> {
        self.render(
            MailKind::PasswordChanged,
            to,
            ("mail-password-changed-subject", &[]),
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
            ("mail-email-change-subject", &[]),
            context! {},
        )
    }

    /// Sent to the former address when an administrator changed it (the change is made at
    /// once): names no address, carries no link, says that every session was ended.
    pub fn email_changed_by_admin(&self, former: &str) -> anyhow::Result<OutboxMail> {
        let ctx = context! { by_admin => true };
        self.render(MailKind::EmailChanged, former, ("mail-email-changed-subject", &[]), ctx)
    }

    /// "A second factor was turned on / off": no link, no secret.
    pub fn mfa_changed(&self, to: &str, added: bool) -> anyhow::Result<OutboxMail> {
        let change = if added { "mail-mfa-on" } else { "mail-mfa-off" };
        let subject = format!("{change}-subject");
        self.render(MailKind::MfaChanged, to, (&subject, &[]), context! { change })
    }

    /// "A passkey was added / removed": no link, no secret (the `mfa_changed` templates).
    pub fn passkey_changed(&self, to: &str, added: bool) -> anyhow::Result<OutboxMail> {
        let change = if added { "mail-passkey-added" } else { "mail-passkey-removed" };
        let subject = format!("{change}-subject");
        self.render(MailKind::MfaChanged, to, (&subject, &[]), context! { change, passkey => true })
    }

    /// "A sign-in with `provider` was linked to / unlinked from your account": no link, no
    /// secret (the `mfa_changed` templates).
    pub fn identity_changed(
        &self,
        to: &str,
        provider: &str,
        linked: bool,
    ) -> anyhow::Result<OutboxMail> {
        let change = if linked { "mail-identity-linked" } else { "mail-identity-unlinked" };
        let subject = format!("{change}-subject");
        let ctx = context! { change, provider, identity => true, linked };
        self.render(MailKind::MfaChanged, to, (&subject, &[("provider", provider)]), ctx)
    }

    /// "New recovery codes were made" (the old ones stopped working): no link, no code (the
    /// `mfa_changed` templates).
    pub fn recovery_codes_replaced(&self, to: &str) -> anyhow::Result<OutboxMail> {
        let ctx = context! { change => "mail-codes-replaced", recovery_codes => true };
        self.render(MailKind::MfaChanged, to, ("mail-codes-replaced-subject", &[]), ctx)
    }

    /// "A recovery code was used to sign in": no link, no secret.
    pub fn recovery_code_used(&self, to: &str) -> anyhow::Result<OutboxMail> {
        self.render(MailKind::RecoveryCodeUsed, to, ("mail-code-used-subject", &[]), context! {})
    }

    /// The password just used to sign in is on the breached-password list: change it.
    pub fn password_breached(&self, to: &str) -> anyhow::Result<OutboxMail> {
        let subject = ("mail-breached-subject", &[][..]);
        self.render(MailKind::PasswordBreached, to, subject, context! {})
    }
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
            Arc::new(Catalogues::load(None, "en").unwrap()),
        )
        .unwrap()
    }

    #[test]
    fn verification_mail_has_both_parts_and_one_link() {
        let m = mailer().in_locale(None).verification("a@example.com", "TOKEN123").unwrap();
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
        let m = mailer().in_locale(None).reset("a@example.com", "T").unwrap();
        assert!(m.html.contains("https://a.example/r?t=T&amp;x=1"), "{}", m.html);
        assert!(m.text.contains("https://a.example/r?t=T&x=1"));
    }

    #[test]
    fn notifications_carry_no_link() {
        for m in [
            mailer().in_locale(None).password_changed("a@example.com").unwrap(),
            mailer().in_locale(None).email_change_requested("a@example.com").unwrap(),
            mailer().in_locale(None).recovery_codes_replaced("a@example.com").unwrap(),
        ] {
            assert!(!m.text.contains("http"));
            assert!(!m.html.contains("href="));
            assert!(!m.text.contains('@'), "names no address: {}", m.text);
        }
    }

    #[test]
    fn a_mail_is_in_the_recipients_language_with_lang_and_dir() {
        let m = mailer().in_locale(Some("en-XA")).verification("a@example.com", "T").unwrap();
        assert!(m.subject.starts_with("[Çöñƒîŕɱ"), "{}", m.subject);
        assert!(m.html.contains(r#"<html lang="en-XA" dir="ltr">"#), "{}", m.html);
        assert!(m.text.contains("https://a.example/v?token=T"), "links are left alone");
        let m = mailer().in_locale(Some("klingon")).verification("a@example.com", "T").unwrap();
        assert_eq!(m.subject, "Confirm your email address for Portcullis", "the default");
        assert!(m.html.contains(r#"<html lang="en" dir="ltr">"#));
    }

    /// Every kind of mail, in `locale`.
    fn every_mail(mailer: &Mailer, locale: Option<&str>) -> Vec<OutboxMail> {
        let l = mailer.in_locale(locale);
        vec![
            l.verification("a@x.org", "T").unwrap(),
            l.reset("a@x.org", "T").unwrap(),
            l.email_login("a@x.org", "T", "123456").unwrap(),
            l.org_invitation("a@x.org", "https://x/i", "b@x.org", "Acme <x>", "admin").unwrap(),
            l.password_changed("a@x.org").unwrap(),
            l.email_change_requested("a@x.org").unwrap(),
            l.email_changed_by_admin("a@x.org").unwrap(),
            l.mfa_changed("a@x.org", true).unwrap(),
            l.mfa_changed("a@x.org", false).unwrap(),
            l.passkey_changed("a@x.org", true).unwrap(),
            l.passkey_changed("a@x.org", false).unwrap(),
            l.identity_changed("a@x.org", "GitHub", true).unwrap(),
            l.identity_changed("a@x.org", "GitHub", false).unwrap(),
            l.recovery_codes_replaced("a@x.org").unwrap(),
            l.recovery_code_used("a@x.org").unwrap(),
            l.password_breached("a@x.org").unwrap(),
        ]
    }

    #[test]
    fn every_mail_renders_with_a_subject_and_no_raw_key() {
        let mailer = mailer();
        for m in every_mail(&mailer, None) {
            assert!(!m.subject.is_empty());
            for part in [&m.subject, &m.text, &m.html] {
                assert!(!part.contains("mail-"), "a raw key: {part}");
            }
        }
        let l = mailer.in_locale(None);
        let invite =
            l.org_invitation("a@x.org", "https://x/i", "b@x.org", "Acme <x>", "admin").unwrap();
        assert!(invite.html.contains("<strong>Acme &lt;x&gt;</strong>"), "{}", invite.html);
        assert!(invite.text.contains("Acme <x>"), "{}", invite.text);
    }

    /// Every kind of mail in every language: its own subject and parts (none left in English),
    /// `<html lang dir>` naming the language, no raw key, the link intact.
    #[test]
    fn every_mail_kind_renders_in_every_language() {
        let mailer = mailer();
        let english = every_mail(&mailer, Some("en"));
        let cats = Catalogues::load(None, "en").unwrap();
        let tags: Vec<String> = cats.languages().map(|l| l.tag().to_owned()).collect();
        assert!(tags.len() >= 11, "{tags:?}");
        for lang in cats.languages().filter(|l| l.tag() != "en") {
            let tag = lang.tag();
            let mails = every_mail(&mailer, Some(tag));
            for (m, en) in mails.iter().zip(&english) {
                assert_ne!(m.subject, en.subject, "{tag}: the subject is English");
                assert_ne!(m.text, en.text, "{tag}: the text part is English");
                let html = format!(r#"<html lang="{tag}" dir="{}">"#, lang.dir());
                assert!(m.html.contains(&html), "{tag}: {}", m.html);
                for part in [&m.subject, &m.text, &m.html] {
                    assert!(!part.contains("mail-"), "{tag}: a raw key: {part}");
                }
                assert_eq!(m.text.matches("https://").count(), en.text.matches("https://").count());
            }
        }
        // In the pseudo-locale no English word is left: every text came from the catalogue.
        for m in every_mail(&mailer, Some(crate::i18n::PSEUDO)) {
            for part in [&m.subject, &m.text] {
                let english: Vec<&str> = part
                    .split_whitespace()
                    .filter(|w| !w.contains("://") && !w.contains('@'))
                    .flat_map(|w| w.split(|c: char| !c.is_ascii_alphabetic()))
                    .filter(|w| w.len() >= 3 && !["Portcullis", "GitHub", "Acme"].contains(w))
                    .collect();
                assert!(english.is_empty(), "English left: {english:?} in {part}");
            }
        }
    }
}
