//! The kinds of mail Portcullis sends, and which of them carry a one-time token.

/// One kind of message; its name is the outbox's `kind` and the name of its templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
}

impl MailKind {
    pub const ALL: [Self; 7] = [
        Self::VerifyEmail,
        Self::ResetPassword,
        Self::PasswordChanged,
        Self::EmailChanged,
        Self::MfaChanged,
        Self::RecoveryCodeUsed,
        Self::EmailLogin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::VerifyEmail => "verify_email",
            Self::ResetPassword => "reset_password",
            Self::PasswordChanged => "password_changed",
            Self::EmailChanged => "email_changed",
            Self::MfaChanged => "mfa_changed",
            Self::RecoveryCodeUsed => "recovery_code_used",
            Self::EmailLogin => "email_login",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Whether its link holds a live one-time token: such a message is scrubbed once delivered.
    pub fn carries_token(self) -> bool {
        matches!(self, Self::VerifyEmail | Self::ResetPassword | Self::EmailLogin)
    }
}
