//! One-time messages for the next page after a POST ([`Flash`]), and their cookie; and the
//! login hint, which carries the address just registered to the login form.

use axum::http::{HeaderMap, HeaderValue};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use minijinja::{context, Value};

/// The cookie that carries a [`Flash`] code to the next page.
pub(super) const FLASH_COOKIE: &str = "portcullis_flash";

/// A one-time message shown on the next page after a POST, carried by a short-lived cookie
/// that holds only its code (so nobody can make a page show a text of their choosing).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
pub enum Flash {
    Registered,
    CheckEmail,
    VerificationSent,
    EmailVerified,
    LoggedOut,
    LoginRequired,
    PasswordChanged,
    PasswordReset,
    SessionRevoked,
    OtherSessionsRevoked,
    MfaDisabled,
    PasskeyAdded,
    PasskeyRenamed,
    PasskeyDeleted,
    IdentityUnlinked,
    GrantRevoked,
    OrgCreated,
    OrgInvited,
    OrgInvitationRevoked,
    OrgRoleChanged,
    OrgMemberRemoved,
    OrgLeft,
    OrgSwitched,
    LanguageChanged,
}

impl Flash {
    #[cfg(test)]
    pub(super) const ALL: &'static [Flash] = <Self as strum::VariantArray>::VARIANTS;

    /// Its code in the cookie: the variant's name in snake case.
    pub(super) fn code(self) -> &'static str {
        self.into()
    }

    /// Its message (`flash-<code>`, with dashes).
    fn message(self) -> crate::i18n::Msg {
        let msg = crate::i18n::Msg::new(format!("flash-{}", self.code().replace('_', "-")));
        match self {
            // What the service's invitations last (`service::orgs`).
            Flash::OrgInvited => msg.num("days", 7),
            _ => msg,
        }
    }

    #[cfg(test)]
    fn english(self) -> &'static str {
        match self {
            Flash::Registered => {
                "Account created. Check your email for a link to confirm your address."
            }
            Flash::CheckEmail => {
                "Check your email. If that address has an account, a reset link is on its way."
            }
            Flash::VerificationSent => "Check your email for a new confirmation link.",
            Flash::EmailVerified => "Your email address is confirmed.",
            Flash::LoggedOut => "You have logged out.",
            Flash::LoginRequired => "Please log in to continue.",
            Flash::PasswordChanged => "Password changed. Your other sessions have been logged out.",
            Flash::PasswordReset => "Password reset. Log in with your new password.",
            Flash::SessionRevoked => "Session revoked.",
            Flash::OtherSessionsRevoked => "Every other session has been logged out.",
            Flash::MfaDisabled => "Two-factor authentication is off.",
            Flash::PasskeyAdded => "Passkey added. You can sign in with it now.",
            Flash::PasskeyRenamed => "Passkey renamed.",
            Flash::PasskeyDeleted => "Passkey deleted.",
            Flash::IdentityUnlinked => "Identity unlinked.",
            Flash::GrantRevoked => {
                "Access withdrawn. The application can no longer use your account until you \
                 sign in to it again."
            }
            Flash::OrgCreated => "Organisation created. You are its owner.",
            Flash::OrgInvited => "Invitation sent. The link in it works once, for 7 days.",
            Flash::OrgInvitationRevoked => "Invitation revoked. Its link no longer works.",
            Flash::OrgRoleChanged => "Role changed.",
            Flash::OrgMemberRemoved => "Member removed.",
            Flash::OrgLeft => "You left the organisation.",
            Flash::OrgSwitched => "This session now acts for the organisation.",
            Flash::LanguageChanged => "Language changed.",
        }
    }

    fn kind(self) -> &'static str {
        match self {
            Flash::LoginRequired => "info",
            _ => "success",
        }
    }

    pub(super) fn parse(code: &str) -> Option<Self> {
        code.parse().ok()
    }

    pub(super) fn view(self) -> Value {
        context! { message => Value::from_serialize(self.message()), kind => self.kind() }
    }
}

pub(super) fn flash_cookie(
    value: &str,
    secure: bool,
    max_age: cookie::time::Duration,
) -> HeaderValue {
    let attrs = crate::http::cookies::Attributes {
        same_site: cookie::SameSite::Lax,
        path: "/account",
        secure,
        max_age: Some(max_age),
    };
    crate::http::cookies::set(FLASH_COOKIE, value, attrs)
}

/// How long the login form remembers the address just registered: long enough to confirm it
/// from the mail first.
const LOGIN_HINT_AGE: cookie::time::Duration = cookie::time::Duration::hours(1);

fn login_hint_name(secure: bool) -> &'static str {
    // `__Host-` on https, so a sibling subdomain cannot plant an address of its choosing.
    if secure {
        "__Host-portcullis_login_hint"
    } else {
        "portcullis_login_hint"
    }
}

fn login_hint_attributes(
    secure: bool,
    max_age: cookie::time::Duration,
) -> crate::http::cookies::Attributes {
    crate::http::cookies::Attributes {
        same_site: cookie::SameSite::Lax,
        path: "/",
        secure,
        max_age: Some(max_age),
    }
}

/// The login hint: the address just registered (never a password), URL-safe base64 in an
/// `HttpOnly` cookie, so it is not in the URL, the history or the server's request logs.
pub(super) fn login_hint_cookie(email: &str, secure: bool) -> HeaderValue {
    let value = URL_SAFE_NO_PAD.encode(email.trim());
    crate::http::cookies::set(
        login_hint_name(secure),
        &value,
        login_hint_attributes(secure, LOGIN_HINT_AGE),
    )
}

/// Deletes the login hint (once someone has logged in).
pub(super) fn clear_login_hint(secure: bool) -> HeaderValue {
    let attrs = login_hint_attributes(secure, cookie::time::Duration::ZERO);
    crate::http::cookies::set(login_hint_name(secure), "", attrs)
}

/// The address in the request's login hint, if it holds a valid email address.
pub(super) fn login_hint(headers: &HeaderMap, secure: bool) -> Option<String> {
    let raw = crate::http::cookies::value(headers, login_hint_name(secure))?;
    let bytes = URL_SAFE_NO_PAD.decode(raw.as_bytes()).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    crate::domain::Email::parse(&text).ok().map(|e| e.as_str().to_owned())
}

#[cfg(test)]
mod tests {
    use super::Flash;

    #[test]
    fn every_flash_round_trips_through_its_cookie_code() {
        let codes: Vec<&str> = Flash::ALL.iter().map(|f| f.code()).collect();
        let expected = [
            "registered",
            "check_email",
            "verification_sent",
            "email_verified",
            "logged_out",
            "login_required",
            "password_changed",
            "password_reset",
            "session_revoked",
            "other_sessions_revoked",
            "mfa_disabled",
            "passkey_added",
            "passkey_renamed",
            "passkey_deleted",
            "identity_unlinked",
            "grant_revoked",
            "org_created",
            "org_invited",
            "org_invitation_revoked",
            "org_role_changed",
            "org_member_removed",
            "org_left",
            "org_switched",
            "language_changed",
        ];
        assert_eq!(codes, expected);
        for &f in Flash::ALL {
            assert_eq!(Flash::parse(f.code()), Some(f));
        }
        for bad in ["", "Registered", "REGISTERED", "registered ", "nope"] {
            assert_eq!(Flash::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn every_flash_says_in_english_what_it_said_before_the_catalogues() {
        let cats = &*crate::i18n::Catalogues::shipped();
        for &f in Flash::ALL {
            assert_eq!(f.message().render(cats, "en"), f.english(), "{f:?}");
        }
    }
}
