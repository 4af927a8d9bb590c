//! The kinds of mail Portcullis sends, and which of them carry a one-time token.

/// A verification link works this long.
pub const VERIFY_LINK_TTL_MS: i64 = 24 * 3600 * 1000;
/// A password reset link works this long.
pub const RESET_LINK_TTL_MS: i64 = 3600 * 1000;
/// An email sign-in link (and its code) works this long.
pub const EMAIL_LOGIN_TTL_MS: i64 = 15 * 60 * 1000;
/// An invitation to an organisation works this long.
pub const ORG_INVITATION_TTL_MS: i64 = 7 * 24 * 3600 * 1000;

/// One kind of message; its name (the variant's, in snake case) is the outbox's `kind` and the
/// name of its templates.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
pub enum MailKind {
    VerifyEmail,
    ResetPassword,
    PasswordChanged,
    EmailChanged,
    /// A second factor was added or removed.
    MfaChanged,
    RecoveryCodeUsed,
    /// A sign-in link and code.
    EmailLogin,
    /// An invitation to join an organisation.
    OrgInvitation,
    /// A correct login's password is on the breached-password list.
    PasswordBreached,
}

impl MailKind {
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(s: &str) -> Option<Self> {
        s.parse().ok()
    }

    /// Whether its link holds a live one-time token: such a message is scrubbed once delivered.
    pub fn carries_token(self) -> bool {
        self.link_lifetime_ms().is_some()
    }

    /// How long the one-time link of such a message works (ms), from when it is queued: the
    /// life of the token it carries. Undelivered, the message expires with it.
    pub const fn link_lifetime_ms(self) -> Option<i64> {
        match self {
            Self::VerifyEmail => Some(VERIFY_LINK_TTL_MS),
            Self::ResetPassword => Some(RESET_LINK_TTL_MS),
            Self::EmailLogin => Some(EMAIL_LOGIN_TTL_MS),
            Self::OrgInvitation => Some(ORG_INVITATION_TTL_MS),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_round_trips_through_its_outbox_name() {
        let names: Vec<&str> = MailKind::ALL.iter().map(|k| k.as_str()).collect();
        let expected = [
            "verify_email",
            "reset_password",
            "password_changed",
            "email_changed",
            "mfa_changed",
            "recovery_code_used",
            "email_login",
            "org_invitation",
            "password_breached",
        ];
        assert_eq!(names, expected);
        for k in MailKind::ALL {
            assert_eq!(MailKind::parse(k.as_str()), Some(*k));
        }
    }

    #[test]
    fn every_kind_with_a_link_has_its_lifetime_and_no_other_kind_does() {
        assert_eq!(MailKind::VerifyEmail.link_lifetime_ms(), Some(24 * 3600 * 1000));
        assert_eq!(MailKind::ResetPassword.link_lifetime_ms(), Some(3600 * 1000));
        assert_eq!(MailKind::EmailLogin.link_lifetime_ms(), Some(15 * 60 * 1000));
        assert_eq!(MailKind::OrgInvitation.link_lifetime_ms(), Some(7 * 24 * 3600 * 1000));
        let linked: Vec<_> = MailKind::ALL.iter().copied().filter(|k| k.carries_token()).collect();
        let expected = [
            MailKind::VerifyEmail,
            MailKind::ResetPassword,
            MailKind::EmailLogin,
            MailKind::OrgInvitation,
        ];
        assert_eq!(linked, expected);
    }
}
