//! Sign-in by email (`PORTCULLIS_EMAIL_LOGIN`): a request mails a one-time link and a 6-digit
//! code (15 minutes, single use; a new request leaves the older live, so nobody can end
//! someone's pending sign-in by asking again); either one proves the address
//! and signs in through the login pipeline (a second factor still follows when the account
//! has one). A request answers the same, and as fast, whether or not the address has an
//! account: the caller runs it detached. Mail is throttled per address like every mail, and
//! the routes spend the client IP's budget.

use super::login::{Identified, LoginStep, Principal};
use super::{Auth, ClientInfo};
use crate::auth::token::random_bytes;
use crate::auth::{hash_token, OpaqueToken};
use crate::clock::now_ms;
use crate::domain::{email_key, Amr, AuditEvent};
use crate::error::{AppError, ErrorCode, Result};
use crate::limit::ThrottleKey;
use crate::store::{Audit, MailThrottle, NewEmailLogin, NewUser};

/// How long a link and its code work.
const EMAIL_LOGIN_TTL_MS: i64 = crate::domain::mail::EMAIL_LOGIN_TTL_MS;
/// Wrong codes a request allows before it is dead.
const CODE_TRIES: i64 = 5;
/// Sign-in mails to one address: one a minute, five an hour.
const THROTTLE: MailThrottle = MailThrottle { min_interval_ms: 60_000, per_hour: 5 };
/// The stored password of an account that has none: no hash ever matches it.
pub const NO_PASSWORD: &str = "!none";

fn invalid_link() -> AppError {
    AppError::bad_request(ErrorCode::InvalidToken, "Invalid or expired sign-in link")
}

fn invalid_code() -> AppError {
    AppError::unauthorized(ErrorCode::InvalidCode, "Invalid or expired code")
}

/// The stored form of a code: it is six digits, so the hash only keeps it out of sight; the
/// five tries and the mail throttle are what protect it.
fn code_hash(email_key: &str, code: &str) -> String {
    hash_token(&format!("{email_key}\n{}", code.trim()))
}

impl Auth {
    fn email_login_on(&self) -> Result<()> {
        if self.settings.email_login {
            Ok(())
        } else {
            Err(AppError::not_found(
                ErrorCode::NotFound,
                "Sign-in by email is off (PORTCULLIS_EMAIL_LOGIN)",
            ))
        }
    }

    /// Checks a request before it is detached: the feature is on and the address is one.
    pub fn email_login_request_valid(&self, email: &str) -> Result<()> {
        self.email_login_on()?;
        super::account::parse_email(email).map(|_| ())
    }

    /// Mails a sign-in link and code to `email` when it may sign in: an active account has
    /// it, or `PORTCULLIS_EMAIL_LOGIN_SIGNUP` lets a new one be made. Otherwise nothing.
    pub async fn request_email_login(&self, email: &str) -> Result<()> {
        self.email_login_request_valid(email)?;
        let key = email_key(email);
        let (user_id, to, locale) = match self.store.user_by_email(&key).await? {
            Some(found) if found.user.is_active => {
                (Some(found.user.id), found.user.email, found.user.locale)
            }
            Some(_) => return Ok(()),
            None if self.settings.email_login_signup => (None, email.trim().to_owned(), None),
            None => return Ok(()),
        };
        let token = OpaqueToken::generate();
        let code = format!("{:06}", u32::from_be_bytes(random_bytes::<4>()) % 1_000_000);
        let mail =
            self.mailer.in_locale(locale.as_deref()).email_login(&to, &token.plain, &code)?;
        let now = now_ms();
        let login = NewEmailLogin {
            token_hash: token.hash,
            code_hash: code_hash(&key, &code),
            email_key: key,
            email: to,
            user_id,
            now,
            expires_at: now + EMAIL_LOGIN_TTL_MS,
        };
        self.store.insert_email_login(&login, &mail, THROTTLE).await?;
        Ok(())
    }

    /// Finishes an email sign-in with the link's `token`, or with `email` and `code`: the
    /// login answer (or its second step), and the address verified.
    pub async fn verify_email_login(
        &self,
        token: Option<&str>,
        email: Option<&str>,
        code: Option<&str>,
        client: &ClientInfo,
        presented_cookie: Option<&str>,
    ) -> Result<LoginStep> {
        self.email_login_on()?;
        let now = now_ms();
        let spent = match (token.map(str::trim).filter(|t| !t.is_empty()), email, code) {
            (Some(token), _, _) => self
                .store
                .take_email_login(&hash_token(token), now, CODE_TRIES)
                .await?
                .ok_or_else(invalid_link)?,
            (None, Some(email), Some(code))
                if !email.trim().is_empty() && !code.trim().is_empty() =>
            {
                let key = email_key(email);
                let budget = ThrottleKey::identifier(&key);
                self.limits.login_allowed(budget, now).await?;
                // Every live request for the address may be the one the person is reading (a
                // new request does not end the older ones, so nobody can end someone else's
                // by asking again). A try is taken on each before the code is compared:
                // concurrent guesses get one each, five in all.
                let mut tried = Vec::new();
                for (hash, expected) in self.store.live_email_logins(&key, now, CODE_TRIES).await? {
                    if self.store.take_email_login_try(&hash, now, CODE_TRIES).await? {
                        tried.push((hash, expected));
                    }
                }
                let given = code_hash(&key, code);
                let Some((hash, _)) = tried.into_iter().find(|(_, expected)| *expected == given)
                else {
                    // Counted the same whether or not the address has an account or a live
                    // request: the sixth wrong code is a 429 for any address.
                    self.limits.login_failed(budget, now).await;
                    let event =
                        super::audit::Event::new(AuditEvent::EmailLoginFailed).identifier(&key);
                    self.audit(client, event).await;
                    return Err(invalid_code());
                };
                // The right code's own try is already taken: it may be the fifth.
                self.store
                    .take_email_login(&hash, now, CODE_TRIES + 1)
                    .await?
                    .ok_or_else(invalid_code)?
            }
            (None, None, _) => return Err(AppError::missing("token")),
            (None, Some(_), _) => return Err(AppError::missing("code")),
        };
        let key = email_key(&spent.email);
        let user = match &spent.user_id {
            Some(id) => self.store.user_by_id(id).await?.map(|u| u.user),
            None => self.email_signup(&spent.email).await?,
        };
        let user =
            user.filter(|u| u.is_active && email_key(&u.email) == key).ok_or_else(invalid_link)?;
        // The address is proven now (and an unproven account's password goes with it). A
        // first proof is recorded, and announced as `user.email_verified`; a proof of an
        // address proven before changes nothing and records nothing.
        let proven = super::audit::Event::new(AuditEvent::EmailVerification).user(&user.id).detail(
            "email sign-in: the password, sessions and sign-in methods set before the address \
             was proven are gone",
        );
        let prove = async |audit: &mut Audit| {
            Ok(self.store.prove_email(&user.id, &key, NO_PASSWORD, now, audit).await?)
        };
        let epoch = self.audited(client, proven, prove).await?.ok_or_else(invalid_link)?;
        let user = self.store.user_by_id(&user.id).await?.ok_or_else(invalid_link)?.user;
        let principal =
            Principal { user, password_epoch: epoch, methods: vec![Amr::Email], identifier: key };
        match self.second_factor_for(principal).await? {
            Identified::Authenticated(p) => {
                Ok(LoginStep::Session(self.open_session(p, client, presented_cookie).await?))
            }
            Identified::SecondFactorRequired(second) => Ok(LoginStep::SecondFactor(second)),
        }
    }

    /// The account an email sign-in made (`PORTCULLIS_EMAIL_LOGIN_SIGNUP`): no password, the
    /// address verified. If one was registered for the address meanwhile, that one.
    async fn email_signup(&self, email: &str) -> Result<Option<crate::domain::User>> {
        let parsed = super::account::parse_email(email)?;
        let new = NewUser::new(&parsed, None, NO_PASSWORD.to_owned(), true);
        let event =
            super::audit::Event::new(AuditEvent::Register).user(&new.id).detail("email sign-in");
        let insert =
            async |audit: &mut Audit| Ok(self.store.insert_user(&new, None, audit).await?);
        match self.audited(&ClientInfo::default(), event, insert).await? {
            Ok(user) => Ok(Some(user)),
            Err(_) => Ok(self.store.user_by_email(&parsed.key()).await?.map(|f| f.user)),
        }
    }
}
