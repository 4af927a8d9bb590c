//! Two-factor authentication: TOTP (RFC 6238: SHA-1, 6 digits, 30 s steps, one step of drift
//! either way), single-use recovery codes, the login's second step, and step-up
//! ("sudo mode") for changing factors.

use super::login::{Identified, LoginOutcome, Principal, SecondFactor};
use super::{Auth, Authenticated, ClientInfo, Tokens};
use crate::auth::totp::{
    self, base32_encode, matching_step, new_recovery_code, qr_svg, recovery_code_hash,
};
use crate::auth::{hash_token, AuthContext, OpaqueToken};
use crate::clock::now_ms;
use crate::domain::{Amr, AuditEvent};
use crate::error::{AppError, ErrorCode, Result};
use crate::limit::ThrottleKey;
use crate::store::{Audit, NewChallenge, SessionFence};

/// How long a login's second step may take.
const CHALLENGE_TTL_MS: i64 = 5 * 60 * 1000;
/// Wrong codes a challenge allows before it is dead.
pub(super) const CHALLENGE_TRIES: i64 = 5;
/// How long an enrolment may wait for its first code.
const PENDING_TTL_MS: i64 = 15 * 60 * 1000;
/// Recovery codes issued at once.
const RECOVERY_CODES: usize = 10;

/// A TOTP secret being enrolled: shown once, to be put in an authenticator app.
pub struct Enrolment {
    /// Base32, for typing in.
    pub secret: String,
    /// `otpauth://totp/…`, what the QR code holds.
    pub uri: String,
    /// The QR code of `uri`, as SVG.
    pub qr_svg: String,
}

impl std::fmt::Debug for Enrolment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Enrolment([redacted])")
    }
}

/// Which second factors an account has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Factors {
    pub totp: bool,
    pub recovery_codes_left: i64,
}

/// A fresh proof offered with a sensitive request instead of a recent login (no `Debug`: it
/// holds a password or a code).
#[derive(Clone, Copy, Default)]
pub struct Fresh<'a> {
    pub password: Option<&'a str>,
    pub code: Option<&'a str>,
}

fn invalid_code() -> AppError {
    AppError::unauthorized(ErrorCode::InvalidCode, "Invalid or expired code")
}

pub(super) fn invalid_challenge() -> AppError {
    AppError::unauthorized(ErrorCode::InvalidMfaToken, "Invalid or expired sign-in; log in again")
}

impl Auth {
    fn totp(&self, secret: &[u8], account: &str) -> Result<totp_rs::TOTP> {
        Ok(totp::new(secret, crate::PRODUCT, account))
    }

    /// The stored form of a TOTP secret: sealed when a key-encryption key is configured.
    fn seal_totp(&self, user_id: &str, secret: &[u8]) -> Result<String> {
        let b32 = base32_encode(secret);
        match &self.cipher {
            Some(c) => Ok(c.seal(&format!("totp:{user_id}"), &b32)?),
            None => Ok(b32),
        }
    }

    fn open_totp(&self, user_id: &str, stored: &str) -> Result<Vec<u8>> {
        let b32 = if crate::auth::keycrypt::is_sealed(stored) {
            let cipher = self.cipher.as_ref().ok_or_else(|| {
                anyhow::anyhow!("a TOTP secret is sealed: set PORTCULLIS_KEY_ENCRYPTION_KEY")
            })?;
            cipher.open(&format!("totp:{user_id}"), stored)?
        } else {
            stored.to_owned()
        };
        totp::base32_decode(&b32)
            .ok_or_else(|| anyhow::anyhow!("a stored TOTP secret is damaged").into())
    }

    /// The user's confirmed TOTP, if any.
    async fn confirmed_totp(&self, user_id: &str, account: &str) -> Result<Option<totp_rs::TOTP>> {
        match self.store.totp_factor(user_id).await? {
            Some(f) if f.confirmed => {
                Ok(Some(self.totp(&self.open_totp(user_id, &f.secret)?, account)?))
            }
            _ => Ok(None),
        }
    }

    /// The second factors of the signed-in user (no query unless TOTP is on).
    pub async fn factors(&self, auth: &Authenticated) -> Result<Factors> {
        let recovery_codes_left =
            if auth.totp { self.store.recovery_codes_left(&auth.user.id).await? } else { 0 };
        Ok(Factors { totp: auth.totp, recovery_codes_left })
    }

    /// After a first factor: the session opens now, or a second factor is needed first.
    /// A second factor is needed when TOTP is on (passkeys then also do as the second step),
    /// or, under `PORTCULLIS_REQUIRE_MFA`, when the account has a passkey. Passkeys alone do
    /// not turn it on: they are a way in by themselves, and losing one leaves the password
    /// (and the email reset) as the way back.
    pub(super) async fn second_factor_for(&self, principal: Principal) -> Result<Identified> {
        let user_id = &principal.user.id;
        let (totp, passkeys) = self.second_factors(user_id).await?;
        if !totp && !passkeys {
            return Ok(Identified::Authenticated(principal));
        }
        let mut methods = Vec::new();
        if totp {
            methods.extend(["totp", "recovery_code"]);
        }
        if passkeys {
            methods.push("passkey");
        }
        let token = OpaqueToken::generate();
        let now = now_ms();
        self.store
            .insert_challenge(&NewChallenge {
                hash: token.hash,
                user_id: principal.user.id.clone(),
                password_epoch: principal.password_epoch,
                amr: Amr::join(&principal.methods),
                now,
                expires_at: now + CHALLENGE_TTL_MS,
            })
            .await?;
        Ok(Identified::SecondFactorRequired(SecondFactor {
            principal,
            challenge: token.plain,
            methods,
        }))
    }

    /// Whether the user's passkeys count as a second factor: with TOTP on (they then stand in
    /// for the code), or under `PORTCULLIS_REQUIRE_MFA`; and only if there is one.
    pub(super) async fn passkeys_are_a_factor(&self, user_id: &str, totp: bool) -> Result<bool> {
        if (totp || self.settings.require_mfa) && self.webauthn.is_ok() {
            Ok(self.store.passkey_count(user_id).await? > 0)
        } else {
            Ok(false)
        }
    }

    /// Whether the signed-in user's account has a second factor (what a login would ask for).
    /// Whether the account has confirmed TOTP, and passkeys that count as a second factor.
    async fn second_factors(&self, user_id: &str) -> Result<(bool, bool)> {
        let totp = self.store.totp_factor(user_id).await?.is_some_and(|f| f.confirmed);
        Ok((totp, self.passkeys_are_a_factor(user_id, totp).await?))
    }

    /// Whether the account (not a session of it) has a second factor.
    pub(super) async fn user_has_second_factor(&self, user_id: &str) -> Result<bool> {
        let (totp, passkeys) = self.second_factors(user_id).await?;
        Ok(totp || passkeys)
    }

    pub(super) async fn has_second_factor(&self, auth: &Authenticated) -> Result<bool> {
        Ok(auth.totp || self.passkeys_are_a_factor(&auth.user.id, false).await?)
    }

    /// Checks a TOTP or recovery code of `user`; `Ok(Some(method))` when it is right (and now
    /// spent), `Ok(None)` when wrong. A TOTP code is accepted once.
    async fn check_code(&self, user: &crate::domain::User, code: &str) -> Result<Option<Amr>> {
        let (user_id, email) = (user.id.as_str(), user.email.as_str());
        let Some(totp) = self.confirmed_totp(user_id, email).await? else { return Ok(None) };
        if let Some(step) = matching_step(&totp, code, now_ms() / 1000) {
            return Ok(self.store.accept_totp_step(user_id, step).await?.then_some(Amr::Otp));
        }
        let mail = self.mailer.in_locale(user.locale.as_deref()).recovery_code_used(email)?;
        let hash = recovery_code_hash(user_id, code);
        Ok(self.store.use_recovery_code(user_id, &hash, &mail, now_ms()).await?.then_some(Amr::Otp))
    }

    /// The login's second step: a code for the challenge `mfa_token`. Wrong codes count
    /// against the challenge (five end it) and the account's failure budget; a right one opens
    /// the session with both methods.
    pub async fn verify_second_factor(
        &self,
        mfa_token: Option<&str>,
        code: Option<&str>,
        client: &ClientInfo,
        presented_cookie: Option<&str>,
    ) -> Result<LoginOutcome> {
        self.verify_second_factor_for(mfa_token, code, client, presented_cookie, false).await
    }

    /// [`Auth::verify_second_factor`], opening a console session when `console`.
    pub(super) async fn verify_second_factor_for(
        &self,
        mfa_token: Option<&str>,
        code: Option<&str>,
        client: &ClientInfo,
        presented_cookie: Option<&str>,
        console: bool,
    ) -> Result<LoginOutcome> {
        let token =
            mfa_token.filter(|t| !t.is_empty()).ok_or_else(|| AppError::missing("mfa_token"))?;
        let code =
            code.filter(|c| !c.trim().is_empty()).ok_or_else(|| AppError::missing("code"))?;
        let hash = hash_token(token.trim());
        let now = now_ms();
        let challenge = self
            .store
            .live_challenge(&hash, now, CHALLENGE_TRIES)
            .await?
            .ok_or_else(invalid_challenge)?;
        let budget = ThrottleKey::account(&challenge.user_id);
        self.limits.login_allowed(budget, now).await?;
        let user = self
            .store
            .user_by_id(&challenge.user_id)
            .await?
            .filter(|u| u.user.is_active && u.password_epoch == challenge.password_epoch)
            .ok_or_else(invalid_challenge)?;
        // The try is taken before the code is looked at: concurrent guesses get one each.
        if !self.store.take_challenge_try(&hash, now, CHALLENGE_TRIES).await? {
            return Err(invalid_challenge());
        }
        let Some(method) = self.check_code(&user.user, code).await? else {
            let id = Some(user.user.id.as_str());
            self.password_failed(client, budget, AuditEvent::MfaVerifyFailed, id, None, now).await;
            return Err(invalid_code());
        };
        if !self.store.spend_challenge(&hash, now, CHALLENGE_TRIES).await? {
            return Err(invalid_challenge());
        }
        self.limits.clear(budget).await;
        let mut methods = Amr::split(&challenge.amr);
        methods.push(method);
        let principal = Principal {
            identifier: user.user.email.clone(),
            password_epoch: challenge.password_epoch,
            user: user.user,
            methods,
        };
        self.open_session_for(principal, client, presented_cookie, console).await
    }

    /// Step-up, before any change of factors (TOTP, recovery codes, passkeys, linked
    /// identities): the session authenticated within `PORTCULLIS_REAUTH_WINDOW`, or a fresh
    /// password or code in the request. Once the account has a second factor, a session that
    /// did not prove it (a password-only one, left from before the factor was turned on) needs
    /// the factor itself, a code in the request; its password and its age do not count.
    /// `403 reauthentication_required` otherwise.
    pub async fn require_recent(&self, auth: &Authenticated, fresh: Fresh<'_>) -> Result<()> {
        // The password alone must never change the factors that exist to back it up: whoever
        // holds a stolen password-only session could otherwise mint recovery codes, add a
        // passkey (which signs in alone as `aal2`) or turn the factor off.
        if !Amr::multi_factor(&auth.session.amr) && self.has_second_factor(auth).await? {
            if let Some(code) = fresh.code.filter(|c| !c.trim().is_empty()) {
                return self.confirm_code(auth, code).await;
            }
            return Err(AppError::forbidden(
                ErrorCode::ReauthenticationRequired,
                "This account has a second factor and this session did not use it: send a code \
                 (in this request, or to POST /api/auth/reauthenticate), or sign in again",
            ));
        }
        let window = self.settings.reauth_window.as_millis() as i64;
        if now_ms() - auth.session.auth_time <= window {
            return Ok(());
        }
        if fresh.password.is_some_and(|p| !p.is_empty()) {
            let failed = AuditEvent::StepUpFailed;
            return self.confirm_password(auth, fresh.password, "password", failed).await;
        }
        if let Some(code) = fresh.code.filter(|c| !c.trim().is_empty()) {
            return self.confirm_code(auth, code).await;
        }
        Err(AppError::forbidden(
            ErrorCode::ReauthenticationRequired,
            "Authenticate again (POST /api/auth/reauthenticate) or send your password",
        ))
    }

    /// A signed-in user's code, under the same budgets as a password re-check.
    pub(super) async fn confirm_code(&self, auth: &Authenticated, code: &str) -> Result<()> {
        let check = async { Ok(self.check_code(&auth.user, code).await?.map(|_| ())) };
        self.recheck(auth, AuditEvent::StepUpFailed, invalid_code(), check).await
    }

    /// `POST /api/auth/reauthenticate`: a password or code refreshes the session's
    /// `auth_time`; a new access token says so.
    pub async fn reauthenticate(&self, auth: &Authenticated, fresh: Fresh<'_>) -> Result<Tokens> {
        let mut methods = auth.session.amr.clone();
        match (fresh.password.filter(|p| !p.is_empty()), fresh.code) {
            (Some(_), _) => {
                let failed = AuditEvent::ReauthenticateFailed;
                self.confirm_password(auth, fresh.password, "password", failed).await?;
                if !methods.contains(&Amr::Pwd) {
                    methods.push(Amr::Pwd);
                }
            }
            (None, Some(code)) if !code.trim().is_empty() => {
                self.confirm_code(auth, code).await?;
                if !methods.contains(&Amr::Otp) {
                    methods.push(Amr::Otp);
                }
            }
            _ => return Err(AppError::missing("password")),
        }
        let now = now_ms();
        self.store.reauthenticate_session(&auth.session.id, &Amr::join(&methods), now).await?;
        let context = AuthContext { amr: methods, auth_time: now / 1000 };
        // A session bound to a DPoP key gets only tokens bound to it.
        let jkt = self.store.session_dpop_key(&auth.session.id).await?;
        let (user, session) = (&auth.user.id, &auth.session.id);
        let org = self.store.active_org(session).await?.map(|(o, role)| self.org_claims(&o, &role));
        Ok(Tokens {
            access_token: self.jwt.issue_with(
                user,
                session,
                &context,
                now / 1000,
                jkt.as_deref(),
                org,
            )?,
            expires_in: self.jwt.ttl_secs(),
            refresh_token: String::new(),
            dpop_bound: jkt.is_some(),
        })
    }

    /// Starts TOTP enrolment (step-up required): a new secret, pending until confirmed.
    /// `409 mfa_already_enabled` while a confirmed one exists.
    pub async fn enrol_totp(&self, auth: &Authenticated, fresh: Fresh<'_>) -> Result<Enrolment> {
        super::account::require_proven_address(&auth.user)?;
        self.require_recent(auth, fresh).await?;
        let secret = crate::auth::token::random_bytes::<20>();
        let stored = self.seal_totp(&auth.user.id, &secret)?;
        if !self.store.set_pending_totp(&auth.user.id, &stored, now_ms()).await? {
            return Err(AppError::conflict(
                ErrorCode::MfaAlreadyEnabled,
                "Two-factor authentication is already on; turn it off first",
            ));
        }
        let uri = self.totp(&secret, &auth.user.email)?.get_url();
        let qr_svg = qr_svg(&uri)?;
        Ok(Enrolment { secret: base32_encode(&secret), uri, qr_svg })
    }

    /// The pending (not yet confirmed) secret, in base32, and its QR code: for the enrolment
    /// page to show again. `Ok(None)`: nothing pending.
    pub async fn pending_totp(&self, auth: &Authenticated) -> Result<Option<(String, String)>> {
        self.require_recent(auth, Fresh::default()).await?;
        let Some(pending) = self.pending(&auth.user.id).await? else {
            return Ok(None);
        };
        let secret = self.open_totp(&auth.user.id, &pending.secret)?;
        let uri = self.totp(&secret, &auth.user.email)?.get_url();
        Ok(Some((base32_encode(&secret), qr_svg(&uri)?)))
    }

    /// Turns the pending TOTP on with a valid code; returns the recovery codes (shown once).
    pub async fn confirm_totp(
        &self,
        auth: &Authenticated,
        code: Option<&str>,
    ) -> Result<Vec<String>> {
        let code =
            code.filter(|c| !c.trim().is_empty()).ok_or_else(|| AppError::missing("code"))?;
        // The secret being confirmed is the account's second factor from now on: the same
        // step-up as starting enrolment, and wrong codes spend the login budget.
        self.require_recent(auth, Fresh::default()).await?;
        let pending = self.pending(&auth.user.id).await?.ok_or_else(|| {
            AppError::bad_request(ErrorCode::NoPendingEnrolment, "Start enrolment first")
        })?;
        let totp = self.totp(&self.open_totp(&auth.user.id, &pending.secret)?, &auth.user.email)?;
        let check = async { Ok(matching_step(&totp, code, now_ms() / 1000)) };
        let step = self.recheck(auth, AuditEvent::MfaConfirmFailed, invalid_code(), check).await?;
        let now = now_ms();
        let codes: Vec<String> = (0..RECOVERY_CODES).map(|_| new_recovery_code()).collect();
        let hashes: Vec<String> =
            codes.iter().map(|c| recovery_code_hash(&auth.user.id, c)).collect();
        let mail = self
            .mailer
            .in_locale(auth.user.locale.as_deref())
            .mfa_changed(&auth.user.email, true)?;
        let enabled = super::audit::Event::new(AuditEvent::TotpEnabled).user(&auth.user.id);
        // The code just proved the second factor: this session is now two-factor. Every
        // other session of the account ends with the same commit: none of them proved the
        // factor, and one left alive would be a password-only way around it.
        let mut methods = auth.session.amr.clone();
        if !methods.contains(&Amr::Otp) {
            methods.push(Amr::Otp);
        }
        let this = SessionFence { keep: &auth.session.id, amr: &Amr::join(&methods) };
        let confirm = async |audit: &mut Audit| {
            Ok(self
                .store
                .confirm_totp(&auth.user.id, step, &hashes, &mail, &this, now, audit)
                .await?)
        };
        if !self.audited(&auth.client, enabled, confirm).await? {
            return Err(invalid_code());
        }
        Ok(codes)
    }

    /// A pending enrolment of `user_id` started within [`PENDING_TTL_MS`].
    async fn pending(&self, user_id: &str) -> Result<Option<crate::store::TotpFactor>> {
        let fresh_since = now_ms() - PENDING_TTL_MS;
        Ok(self
            .store
            .totp_factor(user_id)
            .await?
            .filter(|f| !f.confirmed && f.created_at > fresh_since))
    }

    /// Turns TOTP off (step-up required), with the recovery codes. Refused while
    /// `PORTCULLIS_REQUIRE_MFA` is on: the account would be left without its second factor.
    pub async fn disable_totp(&self, auth: &Authenticated, fresh: Fresh<'_>) -> Result<()> {
        if self.settings.require_mfa {
            return Err(AppError::forbidden(
                ErrorCode::MfaRequired,
                "Two-factor authentication is required here and cannot be turned off",
            ));
        }
        self.require_recent(auth, fresh).await?;
        let mail = self
            .mailer
            .in_locale(auth.user.locale.as_deref())
            .mfa_changed(&auth.user.email, false)?;
        let disabled = super::audit::Event::new(AuditEvent::TotpDisabled).user(&auth.user.id);
        let remove = async |audit: &mut Audit| {
            Ok(self.store.remove_totp(&auth.user.id, Some(&mail), now_ms(), audit).await?)
        };
        if !self.audited(&auth.client, disabled, remove).await? {
            return Err(AppError::not_found(
                ErrorCode::MfaNotEnabled,
                "Two-factor authentication is off",
            ));
        }
        Ok(())
    }

    /// New recovery codes (step-up required); the old ones stop working. Audited (the
    /// `mfa.changed` webhook) and mailed to the owner, like any change of a factor.
    pub async fn regenerate_recovery_codes(
        &self,
        auth: &Authenticated,
        fresh: Fresh<'_>,
    ) -> Result<Vec<String>> {
        self.require_recent(auth, fresh).await?;
        let codes: Vec<String> = (0..RECOVERY_CODES).map(|_| new_recovery_code()).collect();
        let hashes: Vec<String> =
            codes.iter().map(|c| recovery_code_hash(&auth.user.id, c)).collect();
        let mail = self
            .mailer
            .in_locale(auth.user.locale.as_deref())
            .recovery_codes_replaced(&auth.user.email)?;
        let replaced =
            super::audit::Event::new(AuditEvent::RecoveryCodesRegenerated).user(&auth.user.id);
        let replace = async |audit: &mut Audit| {
            let now = now_ms();
            Ok(self.store.replace_recovery_codes(&auth.user.id, &hashes, &mail, now, audit).await?)
        };
        if !self.audited(&auth.client, replaced, replace).await? {
            return Err(AppError::not_found(
                ErrorCode::MfaNotEnabled,
                "Two-factor authentication is off",
            ));
        }
        Ok(codes)
    }

    /// Whether `PORTCULLIS_REQUIRE_MFA` holds this session back until it enrols.
    pub fn must_enrol(&self, auth: &Authenticated) -> bool {
        self.settings.require_mfa && !Amr::multi_factor(&auth.session.amr)
    }
}
