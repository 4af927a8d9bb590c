//! Account flows: register, verify, resend, forgot, reset, profile, delete, change password.

use super::audit::Event;
use super::{Auth, Authenticated, ClientInfo};
use crate::clock::now_ms;
use crate::config::compat::LegacySet;
use crate::domain::{AuditEvent, Email, PasswordPolicy, User, Username};
use crate::error::{AppError, ErrorCode, Result};
use crate::store::{
    Audit, DeclineOutcome, EmailChange, MailThrottle, NewUser, ProfileChange, ProfileRefused,
    Taken, TokenPurpose, VerifyOutcome,
};

/// Mail that anyone can trigger by naming an address (resend verification, forgot password,
/// the legacy reset routes): at most one of a kind per address a minute and five an hour,
/// counting every mail of that kind to the address (the registration's too). Extra requests get
/// the usual answer and send nothing.
pub(super) const MAIL_THROTTLE: MailThrottle =
    MailThrottle { min_interval_ms: 60_000, per_hour: 5 };

/// Email changes of one account: at most five an hour (counted by the notices to its current
/// address). Each target address is throttled like [`MAIL_THROTTLE`] besides, so nobody can
/// turn the change form into a way of mailing a third party.
const EMAIL_CHANGE_THROTTLE: MailThrottle = MailThrottle { min_interval_ms: 0, per_hour: 5 };

/// Input of a registration, as received (fields may be missing).
#[derive(Debug, Default)]
pub struct Registration<'a> {
    pub email: Option<&'a str>,
    pub password: Option<&'a str>,
    pub username: Option<&'a str>,
    /// Seeds 000/002 require a username.
    pub username_required: bool,
    /// The language the request was answered in, stored as the account's (if a catalogue
    /// matches it): `None` leaves it to each request.
    pub locale: Option<&'a str>,
}

/// How a reset route sets the new password: which rule it meets, and whether the user's
/// sessions survive.
struct ResetRules {
    keep_sessions: bool,
    policy: PasswordPolicy,
}

/// Input of a profile update.
#[derive(Debug, Default)]
pub struct ProfileUpdate<'a> {
    pub username: Option<&'a str>,
    pub email: Option<&'a str>,
    pub current_password: Option<&'a str>,
}

/// What a forgot-password request did. Only legacy route sets in the modes CONTRACTS allows
/// may tell the client; the canonical API answers the same either way.
#[derive(Debug)]
pub enum ForgotOutcome {
    /// A reset mail was queued (or held back by the per-address throttle); the plain token is
    /// here for dev-mode legacy responses, and is live whenever it was mailed or in dev mode.
    Sent {
        token: String,
    },
    UnknownEmail,
}

/// What declining a verification link did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Declined {
    /// The account registered with the address is gone.
    AccountRemoved,
    /// The pending change of an account's address to this one is cancelled.
    ChangeCancelled,
}

fn present<'a>(v: Option<&'a str>, field: &str) -> Result<&'a str> {
    v.filter(|s| !s.trim().is_empty()).ok_or_else(|| AppError::missing(field))
}

pub(super) fn parse_email(raw: &str) -> Result<Email> {
    Email::parse(raw).map_err(|m| AppError::bad_request(ErrorCode::InvalidEmail, m))
}

pub(super) fn parse_username(raw: &str) -> Result<Username> {
    Username::parse(raw).map_err(|m| AppError::bad_request(ErrorCode::InvalidUsername, m))
}

/// Refuses what only the proven owner of an address may add to its account: a second factor,
/// a passkey, a linked identity, another address (`403 email_not_verified`). Until the address
/// is proven, whoever registered it may not be its owner, and nothing they add may outlive
/// the owner's proof (docs/contracts.md, "Unproven accounts").
pub(super) fn require_proven_address(user: &User) -> Result<()> {
    if user.email_verified {
        return Ok(());
    }
    Err(AppError::forbidden(
        ErrorCode::EmailNotVerified,
        "Confirm your email address first: until then this account cannot add sign-in methods \
         or change its address",
    ))
}

pub(super) fn taken(t: Taken) -> AppError {
    match t {
        Taken::Email => AppError::conflict(ErrorCode::EmailTaken, "Email already registered"),
        Taken::Username => AppError::conflict(ErrorCode::UsernameTaken, "Username already taken"),
    }
}

impl Auth {
    /// Sets (`None`: clears) the caller's language for pages and mails. A tag no catalogue
    /// matches is `400 invalid_field`; a tag is stored as the catalogue that matched it
    /// (`fr-CA` as `fr`). Returns what was stored.
    pub async fn set_locale(
        &self,
        auth: &Authenticated,
        locale: Option<&str>,
    ) -> Result<Option<String>> {
        let stored = match locale.filter(|l| !l.is_empty()) {
            None => None,
            Some(tag) => match self.mailer.catalogues().resolve(tag) {
                Some(found) => Some(found.to_owned()),
                None => {
                    return Err(AppError::bad_request(
                        ErrorCode::InvalidField,
                        "locale: no such language here",
                    ))
                }
            },
        };
        if !self.store.set_locale(&auth.user.id, stored.as_deref(), now_ms()).await? {
            return Err(super::admin_api::user_not_found());
        }
        Ok(stored)
    }

    /// Creates an account and queues its verification mail. `409` when the email or username is
    /// taken (even under concurrent registrations: the unique index decides).
    pub async fn register(&self, client: &ClientInfo, input: Registration<'_>) -> Result<User> {
        let policy = &self.settings.password_policy;
        let create =
            async |audit: &mut Audit| self.create_user_under(input, false, policy, audit).await;
        self.audited(client, AuditEvent::Register, create).await
    }

    /// [`Auth::register`] on a legacy route set: its password rule is its seed's under that
    /// seed's compatibility profile (`PORTCULLIS_COMPAT`), otherwise the policy.
    pub async fn legacy_register(
        &self,
        set: LegacySet,
        client: &ClientInfo,
        input: Registration<'_>,
    ) -> Result<User> {
        let policy = self.settings.password_policy_on(set);
        let create =
            async |audit: &mut Audit| self.create_user_under(input, false, &policy, audit).await;
        self.audited(client, AuditEvent::Register, create).await
    }

    /// Creates an account; `verified` ones (an administrator's) get no verification mail.
    pub(super) async fn create_user(
        &self,
        input: Registration<'_>,
        verified: bool,
        audit: &mut Audit,
    ) -> Result<User> {
        self.create_user_under(input, verified, &self.settings.password_policy, audit).await
    }

    /// [`Auth::create_user`] with this password rule.
    async fn create_user_under(
        &self,
        input: Registration<'_>,
        verified: bool,
        policy: &PasswordPolicy,
        audit: &mut Audit,
    ) -> Result<User> {
        let email_raw = present(input.email, "email")?;
        if input.username_required {
            present(input.username, "username")?;
        }
        let password_raw = present(input.password, "password")?;
        let email = parse_email(email_raw)?;
        let username = match input.username.map(str::trim).filter(|s| !s.is_empty()) {
            Some(u) => Some(
                Username::parse(u)
                    .map_err(|m| AppError::bad_request(ErrorCode::InvalidUsername, m))?,
            ),
            None => None,
        };
        let password = policy.check(password_raw).map_err(Self::policy_error)?;
        // Cheap pre-check so a duplicate costs no Argon2 run; the unique index is the real guard.
        if self.store.user_by_email(&email.key()).await?.is_some() {
            return Err(taken(Taken::Email));
        }
        let hash = self.hasher.hash(&password).await?;
        let mut new = NewUser::new(&email, username.as_ref(), hash, verified);
        let cats = self.mailer.catalogues();
        new.locale = input.locale.and_then(|l| cats.resolve(l)).map(str::to_owned);
        if verified {
            return self.store.insert_user(&new, None, audit).await?.map_err(taken);
        }
        let (token, record) = self.one_time_token(&new.id, TokenPurpose::VerifyEmail, &new.email);
        let mail =
            self.mailer.in_locale(new.locale.as_deref()).verification(&new.email, &token.plain)?;
        self.store.insert_user(&new, Some((&record, &mail)), audit).await?.map_err(taken)
    }

    /// Spends a verification token. `400 invalid_token` when it is unknown, expired or spent.
    pub async fn verify_email(&self, token: Option<&str>, client: &ClientInfo) -> Result<User> {
        let token = present(token, "token")?;
        let hash = crate::auth::hash_token(token.trim());
        let verify =
            async |audit: &mut Audit| Ok(self.store.verify_email(&hash, now_ms(), audit).await?);
        let user = match self.audited(client, AuditEvent::EmailVerification, verify).await? {
            VerifyOutcome::Verified(user) => user,
            VerifyOutcome::Invalid => {
                return Err(AppError::bad_request(
                    ErrorCode::InvalidToken,
                    "Invalid or expired token",
                ))
            }
            VerifyOutcome::Taken => return Err(taken(Taken::Email)),
        };
        Ok(user)
    }

    /// "I did not create this account": the verification link's other answer. The account
    /// registered with the address (never proven) is deleted with its sessions, or, for a
    /// link that would change another account's address to this one, the change is
    /// cancelled. `400 invalid_token` when the token is unknown, expired or spent, or its
    /// account's address is proven already (a proven account is never deleted this way).
    pub async fn decline_verification(
        &self,
        token: Option<&str>,
        client: &ClientInfo,
    ) -> Result<Declined> {
        let token = present(token, "token")?;
        let hash = crate::auth::hash_token(token.trim());
        let invalid = || AppError::bad_request(ErrorCode::InvalidToken, "Invalid or expired token");
        // The kind of link decides what is recorded (an account removed, a change cancelled).
        let change = match self.store.verification_new_email(&hash).await? {
            None => return Err(invalid()),
            Some(new_email) => new_email.is_some(),
        };
        let event = match change {
            true => AuditEvent::EmailChangeDisowned,
            false => AuditEvent::AccountDeletionDisowned,
        };
        let decline = async |audit: &mut Audit| {
            Ok(self.store.decline_verification(&hash, now_ms(), audit).await?)
        };
        match self.audited(client, event, decline).await? {
            DeclineOutcome::Removed(_) => Ok(Declined::AccountRemoved),
            DeclineOutcome::ChangeCancelled(_) => Ok(Declined::ChangeCancelled),
            DeclineOutcome::Invalid => Err(invalid()),
        }
    }

    /// Queues a new verification mail if the address belongs to an unverified account and the
    /// per-address throttle allows it. Says nothing either way.
    pub async fn resend_verification(&self, email: &str) -> Result<()> {
        let Some(found) = self.store.user_by_email(&crate::domain::email_key(email)).await? else {
            return Ok(());
        };
        let user = found.user;
        if user.email_verified || !user.is_active {
            return Ok(());
        }
        let (token, record) = self.one_time_token(&user.id, TokenPurpose::VerifyEmail, &user.email);
        let mail = self
            .mailer
            .in_locale(user.locale.as_deref())
            .verification(&user.email, &token.plain)?;
        self.store.issue_token_throttled(&record, &mail, MAIL_THROTTLE, false).await?;
        Ok(())
    }

    /// Queues a reset mail for a known, active account, unless the per-address throttle holds it
    /// back; the outcome is `Sent` either way, so no answer tells the two apart. (In dev mode the
    /// legacy answers show the token, so it is stored even when its mail is held back.)
    pub async fn forgot_password(&self, email: &str) -> Result<ForgotOutcome> {
        let Some(found) = self.store.user_by_email(&crate::domain::email_key(email)).await? else {
            return Ok(ForgotOutcome::UnknownEmail);
        };
        let user = found.user;
        if !user.is_active {
            return Ok(ForgotOutcome::UnknownEmail);
        }
        let (token, record) =
            self.one_time_token(&user.id, TokenPurpose::ResetPassword, &user.email);
        let mail =
            self.mailer.in_locale(user.locale.as_deref()).reset(&user.email, &token.plain)?;
        let dev = self.settings.dev;
        self.store.issue_token_throttled(&record, &mail, MAIL_THROTTLE, dev).await?;
        Ok(ForgotOutcome::Sent { token: token.plain })
    }

    /// Sets a new password with a reset token; revokes every session of the user.
    /// `400 invalid_token` for an unknown, expired or spent token; `400 weak_password`.
    pub async fn reset_password(
        &self,
        token: Option<&str>,
        new_password: Option<&str>,
        client: &ClientInfo,
    ) -> Result<User> {
        let rules =
            ResetRules { keep_sessions: false, policy: self.settings.password_policy.clone() };
        self.reset_password_for(None, token, new_password, client, rules).await
    }

    /// [`Auth::reset_password`] for the legacy route set `set`: when `email` is given the token
    /// must have been mailed to that address (seed 004 sends both); with
    /// `PORTCULLIS_LEGACY_RESET_KEEPS_SESSIONS` (or the seed's profile) the user's sessions
    /// survive the reset (weaker, for seed clients that log out with their pre-reset session);
    /// the new password meets [`Settings::password_policy_on`] `set`.
    pub async fn legacy_reset_password(
        &self,
        set: LegacySet,
        email: Option<&str>,
        token: Option<&str>,
        new_password: Option<&str>,
        client: &ClientInfo,
    ) -> Result<User> {
        let rules = ResetRules {
            keep_sessions: self.settings.reset_keeps_sessions_on(set),
            policy: self.settings.password_policy_on(set),
        };
        self.reset_password_for(email, token, new_password, client, rules).await
    }

    /// Another user's token (with `email`) is `invalid_token` and stays unspent.
    async fn reset_password_for(
        &self,
        email: Option<&str>,
        token: Option<&str>,
        new_password: Option<&str>,
        client: &ClientInfo,
        rules: ResetRules,
    ) -> Result<User> {
        let ResetRules { keep_sessions, policy } = rules;
        let invalid = || AppError::bad_request(ErrorCode::InvalidToken, "Invalid or expired token");
        let token = present(token, "token")?;
        let hash_of_token = crate::auth::hash_token(token.trim());
        if let Some(email) = email {
            let mailed_to = self.store.reset_token_email(&hash_of_token).await?;
            if mailed_to.as_deref() != Some(crate::domain::email_key(email).as_str()) {
                return Err(invalid());
            }
        }
        let raw = present(new_password, "new_password")?;
        let second = match policy.min_length_with_second_factor {
            Some(_) => self.reset_link_owner_has_a_second_factor(&hash_of_token).await?,
            None => false,
        };
        let password = policy.check_for(raw, second).map_err(Self::policy_error)?;
        let hash = self.hasher.hash(&password).await?;
        let change = async |audit: &mut Audit| {
            let mail = |user: &User| {
                self.mailer.in_locale(user.locale.as_deref()).password_changed(&user.email)
            };
            let now = now_ms();
            Ok(self
                .store
                .reset_password(&hash_of_token, &hash, now, keep_sessions, mail, audit)
                .await?)
        };
        let user = self.audited(client, AuditEvent::PasswordReset, change).await?;
        let Some(user) = user else {
            self.audit(client, AuditEvent::PasswordResetInvalidToken).await;
            return Err(invalid());
        };
        // A reset proves the mailbox: lift any login lock on the account.
        self.limits.clear(crate::limit::ThrottleKey::account(&user.id)).await;
        Ok(user)
    }

    /// Whether the account a reset link was mailed for has a second factor (`false` for a link
    /// that names none: the reset refuses it anyway).
    async fn reset_link_owner_has_a_second_factor(&self, hash_of_token: &str) -> Result<bool> {
        let Some(email) = self.store.reset_token_email(hash_of_token).await? else {
            return Ok(false);
        };
        let Some(found) = self.store.user_by_email(&email).await? else { return Ok(false) };
        self.user_has_second_factor(&found.user.id).await
    }

    /// Changes the password (the current one is required); other sessions are revoked.
    pub async fn change_password(
        &self,
        auth: &Authenticated,
        current: Option<&str>,
        new_password: Option<&str>,
    ) -> Result<()> {
        let raw_new = present(new_password, "new_password")?;
        let policy = &self.settings.password_policy;
        // Only a policy whose minimum depends on it (`nist-800-63b-4`) looks at the factors.
        let second =
            policy.min_length_with_second_factor.is_some() && self.has_second_factor(auth).await?;
        let password = policy.check_for(raw_new, second).map_err(Self::policy_error)?;
        let failed = AuditEvent::PasswordChangeFailed;
        self.confirm_password(auth, current, "current_password", failed).await?;
        let hash = self.hasher.hash(&password).await?;
        let mail = self
            .mailer
            .in_locale(auth.user.locale.as_deref())
            .password_changed(&auth.user.email)?;
        let change = async |audit: &mut Audit| {
            let keep = Some(auth.session.id.as_str());
            Ok(self
                .store
                .change_password(&auth.user.id, &hash, keep, &mail, now_ms(), audit)
                .await?)
        };
        let changed = Event::new(AuditEvent::PasswordChange).user(&auth.user.id);
        self.audited(&auth.client, changed, change).await
    }

    /// Changes username and/or email. An email change needs the current password and takes
    /// effect only when the link mailed to the new address is followed (until then the old
    /// address stays, and still logs in); a notice goes to the old address, naming no address.
    /// `409` when the new address or username is taken, `429` when this account or that
    /// address has had too many changes lately.
    pub async fn update_profile(
        &self,
        auth: &Authenticated,
        input: ProfileUpdate<'_>,
    ) -> Result<User> {
        let username = match input.username {
            Some(u) => Some(
                Username::parse(u)
                    .map_err(|m| AppError::bad_request(ErrorCode::InvalidUsername, m))?,
            ),
            None => None,
        };
        let email = match input.email {
            Some(e) => {
                let e = parse_email(e)?;
                (e.key() != crate::domain::email_key(&auth.user.email)
                    || e.as_str() != auth.user.email)
                    .then_some(e)
            }
            None => None,
        };
        if username.is_none() && email.is_none() && input.email.is_none() {
            return Err(AppError::bad_request(
                ErrorCode::MissingField,
                "Nothing to update: send username and/or email",
            ));
        }
        let email_change = match email {
            Some(email) => {
                require_proven_address(&auth.user)?;
                self.confirm_password(
                    auth,
                    input.current_password,
                    "current_password",
                    AuditEvent::EmailChangeFailed,
                )
                .await?;
                if self
                    .store
                    .user_by_email(&email.key())
                    .await?
                    .is_some_and(|u| u.user.id != auth.user.id)
                {
                    return Err(taken(Taken::Email));
                }
                let (token, mut verification) =
                    self.one_time_token(&auth.user.id, TokenPurpose::VerifyEmail, email.as_str());
                verification.new_email = Some(email.as_str().to_owned());
                let letters = self.mailer.in_locale(auth.user.locale.as_deref());
                let mut mails =
                    vec![(letters.verification(email.as_str(), &token.plain)?, MAIL_THROTTLE)];
                if email.key() != crate::domain::email_key(&auth.user.email) {
                    let notice = letters.email_change_requested(&auth.user.email)?;
                    mails.push((notice, EMAIL_CHANGE_THROTTLE));
                }
                Some(EmailChange { verification, mails })
            }
            None => None,
        };
        let change = ProfileChange {
            username: username.map(|u| (u.as_str().to_owned(), u.key(), u.skeleton())),
            email: email_change,
        };
        let mut events = Vec::new();
        if change.email.is_some() {
            events.push(Event::new(AuditEvent::EmailChangeRequested).user(&auth.user.id));
        }
        if change.username.is_some() {
            events.push(Event::new(AuditEvent::ProfileUpdate).user(&auth.user.id));
        }
        let update = async |audit: &mut Audit| {
            Ok(self.store.update_profile(&auth.user.id, &change, now_ms(), audit).await?)
        };
        match self.audited_all(&auth.client, events, false, update).await? {
            Ok(()) => {}
            Err(ProfileRefused::Taken(t)) => return Err(taken(t)),
            Err(ProfileRefused::Throttled) => {
                return Err(AppError::RateLimited { retry_after: 60 })
            }
        }
        self.store
            .user_by_id(&auth.user.id)
            .await?
            .map(|u| u.user)
            .ok_or_else(AppError::unauthenticated)
    }

    /// Deletes the account (password required) with all its sessions.
    pub async fn delete_account(&self, auth: &Authenticated, password: Option<&str>) -> Result<()> {
        let failed = AuditEvent::AccountDeletionFailed;
        self.confirm_password(auth, password, "password", failed).await?;
        // Its organisations keep an owner: the last one hands over (or deletes them) first.
        let deleted = Event::new(AuditEvent::AccountDeletion).user(&auth.user.id);
        let delete = async |audit: &mut Audit| {
            deletion_done(self.store.delete_user(&auth.user.id, audit).await?, "You are")
        };
        self.audited(&auth.client, deleted, delete).await?;
        Ok(())
    }
}

/// What a [`crate::store::UserDeletion`] means to whoever asked for it: `409 last_owner` naming
/// the organisations `who` ("You are", "This user is") alone owns.
pub(super) fn deletion_done(deletion: crate::store::UserDeletion, who: &str) -> Result<()> {
    match deletion {
        crate::store::UserDeletion::Deleted => Ok(()),
        crate::store::UserDeletion::NotFound => Err(super::admin_api::user_not_found()),
        crate::store::UserDeletion::SoleOwner(names) => Err(AppError::conflict(
            ErrorCode::LastOwner,
            format!(
                "{who} the only owner of {}: make another member an owner, or delete it, first",
                names.join(", ")
            ),
        )),
    }
}
