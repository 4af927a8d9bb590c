//! Pure types and rules: email addresses, usernames, the password policy, the user. No I/O.

mod amr;
mod audit;
pub mod client;
pub mod device;
mod email;
mod keys;
pub mod mail;
pub mod org;
mod password;
mod user;

pub use amr::Amr;
pub use audit::{AuditEvent, WebhookEvent};
pub use client::{AuthMethod, OAuthClient};
pub use email::{email_key, username_key, Email, Username, KEY_VERSION};
pub use keys::SigningKeyRecord;
pub use mail::MailKind;
pub use password::{Blocklist, Password, PasswordPolicy, PolicyError, Screen, MAX_PASSWORD_CHARS};
pub use user::{Session, User};
