//! The user and the session, as the rest of the program sees them.

/// A stored user. The password hash never leaves the store except to the hasher.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    pub id: String,
    pub email: String,
    pub username: Option<String>,
    pub is_active: bool,
    pub email_verified: bool,
    /// Unix milliseconds.
    pub created_at: i64,
    pub updated_at: i64,
    /// The language chosen for pages and mails (a tag such as `fr`); `None`: per request.
    pub locale: Option<String>,
    /// May enter the administration console (`portcullis user make-admin`).
    pub is_admin: bool,
}

/// A server-side session, named by a cookie token and by the `sid` of access tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub id: String,
    pub user_id: String,
    pub created_at: i64,
    pub last_used_at: i64,
    pub expires_at: i64,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    /// How the session was authenticated (RFC 8176 names).
    pub amr: Vec<super::Amr>,
    /// When it was last authenticated (Unix milliseconds): at login, later at a re-check.
    pub auth_time: i64,
    /// The administration console's own session: only the console accepts it, and the
    /// console accepts no other.
    pub console: bool,
}
