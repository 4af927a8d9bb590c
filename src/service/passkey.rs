//! Passkeys (WebAuthn, by webauthn-rs): registration while signed in (with step-up), sign-in
//! with a discoverable passkey and no username, and a passkey as the login's second step.
//!
//! Every ceremony's state is stored server-side, single-use and five minutes long, under the
//! hash of a handle the client carries, so any node finishes what another began. Sign counters
//! only move forward: a counter that does not (a cloned authenticator, a replayed assertion)
//! refuses the sign-in. A passkey whose authenticator says it may be backed up (synced) signs
//! in as `swk`, any other as `hwk` (RFC 8176).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use webauthn_rs::prelude::{
    CreationChallengeResponse, DiscoverableAuthentication, DiscoverableKey, Passkey,
    PasskeyAuthentication, PasskeyRegistration, PublicKeyCredential, RegisterPublicKeyCredential,
    RequestChallengeResponse, Uuid, Webauthn,
};
use webauthn_rs_proto::ResidentKeyRequirement;

use super::audit::Event;
use super::login::{LoginOutcome, Principal};
use super::mfa::{invalid_challenge, CHALLENGE_TRIES};
use super::{Auth, Authenticated, ClientInfo, Fresh};
use crate::auth::hash_token;
use crate::auth::passkey::CEREMONY_TTL;
use crate::auth::OpaqueToken;
use crate::clock::now_ms;
use crate::domain::{Amr, AuditEvent};
use crate::error::{AppError, ErrorCode, Result};
use crate::store::{Audit, Ceremony, PasskeyInsert, SessionFence, StoredPasskey};

/// Most passkeys one account may hold.
const MAX_PASSKEYS: usize = 20;
/// Most registrations one account may have begun and not finished; starting another makes
/// the oldest stop working.
const MAX_PENDING_REGISTRATIONS: usize = 5;
/// Longest passkey name, in characters.
const MAX_NAME_CHARS: usize = 64;

const REGISTER: &str = "register";
const LOGIN: &str = "login";
const SECOND_FACTOR: &str = "second_factor";

/// A ceremony begun: the handle that finishes it and the options for
/// `navigator.credentials.create()` / `.get()`.
#[derive(Debug)]
pub struct Begun<T> {
    pub ceremony: String,
    pub options: T,
}

/// A registration's stored state: webauthn-rs's, and the user handle it registers under.
#[derive(Serialize, Deserialize)]
struct RegisterState {
    handle: String,
    state: PasskeyRegistration,
}

fn unavailable(reason: &str) -> AppError {
    AppError::not_found(
        ErrorCode::PasskeysUnavailable,
        format!("Passkeys are off: PORTCULLIS_PUBLIC_URL {reason}"),
    )
}

fn invalid_ceremony() -> AppError {
    AppError::bad_request(
        ErrorCode::InvalidCeremony,
        "Invalid or expired passkey ceremony; start again",
    )
}

fn rejected() -> AppError {
    AppError::unauthorized(ErrorCode::PasskeyRejected, "The passkey was not accepted")
}

fn bad_credential(e: serde_json::Error) -> AppError {
    AppError::bad_request(ErrorCode::InvalidField, format!("Invalid credential: {e}"))
}

/// The name given to a passkey: trimmed, 1 to 64 characters, no control characters.
fn passkey_name(name: Option<&str>) -> Result<String> {
    let name = name.map(str::trim).filter(|n| !n.is_empty()).unwrap_or("Passkey");
    if name.chars().count() > MAX_NAME_CHARS || name.chars().any(char::is_control) {
        return Err(AppError::bad_request(
            ErrorCode::InvalidField,
            "A passkey name is 1 to 64 characters, with no control characters",
        ));
    }
    Ok(name.to_owned())
}

/// How signing in with this passkey is named in `amr`.
fn method(p: &StoredPasskey) -> Amr {
    if p.backup_eligible {
        Amr::Swk
    } else {
        Amr::Hwk
    }
}

/// The stored form of a registered passkey: its record, with the counter and the flags read
/// out of it (webauthn-rs keeps them in the record's `cred`).
fn stored_form(passkey: &Passkey) -> Result<(String, i64, bool, bool)> {
    let value = serde_json::to_value(passkey).map_err(anyhow::Error::from)?;
    let cred = &value["cred"];
    let count = cred["counter"].as_i64().unwrap_or(0);
    let eligible = cred["backup_eligible"].as_bool().unwrap_or(false);
    let state = cred["backup_state"].as_bool().unwrap_or(false);
    Ok((value.to_string(), count, eligible, state))
}

impl Auth {
    fn relying_party(&self) -> Result<&Webauthn> {
        match &self.webauthn {
            Ok(rp) => Ok(rp),
            Err(reason) => Err(unavailable(reason)),
        }
    }

    /// Why passkeys are off, if they are (`PORTCULLIS_PUBLIC_URL` cannot be a relying party).
    pub fn passkeys_off(&self) -> Option<&str> {
        self.webauthn.as_ref().err().map(String::as_str)
    }

    async fn begin_ceremony(
        &self,
        purpose: &str,
        user_id: Option<&str>,
        mfa_hash: Option<&str>,
        state: &impl Serialize,
    ) -> Result<String> {
        let token = OpaqueToken::generate();
        let state = serde_json::to_string(state).map_err(anyhow::Error::from)?;
        let now = now_ms();
        let expires_at = now + CEREMONY_TTL.as_millis() as i64;
        self.store
            .insert_ceremony(&token.hash, purpose, user_id, mfa_hash, &state, now, expires_at)
            .await?;
        Ok(token.plain)
    }

    /// Spends the ceremony `ceremony` (whatever happens next: a failed finish starts again)
    /// and answers it if it is live and for one of `purposes`.
    async fn take_ceremony(&self, ceremony: Option<&str>, purposes: &[&str]) -> Result<Ceremony> {
        let ceremony = ceremony
            .filter(|c| !c.trim().is_empty())
            .ok_or_else(|| AppError::missing("ceremony"))?;
        self.store
            .take_ceremony(&hash_token(ceremony.trim()), now_ms())
            .await?
            .filter(|c| purposes.contains(&c.purpose.as_str()))
            .ok_or_else(invalid_ceremony)
    }

    /// The user's passkeys, oldest first.
    pub async fn passkeys(&self, auth: &Authenticated) -> Result<Vec<StoredPasskey>> {
        Ok(self.store.passkeys(&auth.user.id).await?)
    }

    /// Begins registering a passkey for the signed-in user (step-up required). The options
    /// ask for a discoverable credential where the authenticator can make one (what sign-in
    /// without a username needs) and exclude the user's existing passkeys.
    pub async fn start_passkey_registration(
        &self,
        auth: &Authenticated,
        fresh: Fresh<'_>,
    ) -> Result<Begun<CreationChallengeResponse>> {
        let rp = self.relying_party()?;
        super::account::require_proven_address(&auth.user)?;
        self.require_recent(auth, fresh).await?;
        let existing = self.store.passkeys(&auth.user.id).await?;
        if existing.len() >= MAX_PASSKEYS {
            return Err(too_many());
        }
        // One random WebAuthn user handle per account (never the account id), kept with
        // each of its passkeys.
        let handle =
            existing.first().map_or_else(|| Uuid::new_v4().to_string(), |p| p.user_handle.clone());
        let uuid = Uuid::parse_str(&handle).map_err(anyhow::Error::from)?;
        let exclude = existing
            .iter()
            .filter_map(|p| URL_SAFE_NO_PAD.decode(&p.credential_id).ok())
            .map(Into::into)
            .collect();
        let display = auth.user.username.as_deref().unwrap_or(&auth.user.email);
        let (mut options, state) = rp
            .start_passkey_registration(uuid, &auth.user.email, display, Some(exclude))
            .map_err(|e| anyhow::anyhow!("passkey registration options: {e}"))?;
        if let Some(selection) = options.public_key.authenticator_selection.as_mut() {
            selection.resident_key = Some(ResidentKeyRequirement::Preferred);
        }
        let state = RegisterState { handle, state };
        let token = OpaqueToken::generate();
        let state = serde_json::to_string(&state).map_err(anyhow::Error::from)?;
        let now = now_ms();
        let expires_at = now + CEREMONY_TTL.as_millis() as i64;
        self.store
            .insert_user_ceremony(
                &token.hash,
                REGISTER,
                &auth.user.id,
                &state,
                now,
                expires_at,
                MAX_PENDING_REGISTRATIONS,
            )
            .await?;
        Ok(Begun { ceremony: token.plain, options })
    }

    /// Finishes a registration begun by this user: the authenticator's answer is verified
    /// against the stored challenge and origin, and the passkey stored under `name`.
    pub async fn finish_passkey_registration(
        &self,
        auth: &Authenticated,
        ceremony: Option<&str>,
        name: Option<&str>,
        credential: Option<serde_json::Value>,
    ) -> Result<StoredPasskey> {
        let rp = self.relying_party()?;
        let name = passkey_name(name)?;
        let credential = credential.ok_or_else(|| AppError::missing("credential"))?;
        let credential: RegisterPublicKeyCredential =
            serde_json::from_value(credential).map_err(bad_credential)?;
        let ceremony = self.take_ceremony(ceremony, &[REGISTER]).await?;
        if ceremony.user_id.as_deref() != Some(auth.user.id.as_str()) {
            return Err(invalid_ceremony());
        }
        let state: RegisterState =
            serde_json::from_str(&ceremony.state).map_err(anyhow::Error::from)?;
        let passkey = match rp.finish_passkey_registration(&credential, &state.state) {
            Ok(p) => p,
            Err(e) => {
                tracing::info!(error = %e, "passkey registration refused");
                return Err(AppError::bad_request(
                    ErrorCode::PasskeyRejected,
                    "The authenticator's answer was not accepted",
                ));
            }
        };
        let (record, sign_count, backup_eligible, backup_state) = stored_form(&passkey)?;
        let credential_id = URL_SAFE_NO_PAD.encode(passkey.cred_id().as_ref() as &[u8]);
        let stored = StoredPasskey {
            id: uuid::Uuid::now_v7().to_string(),
            user_id: auth.user.id.clone(),
            credential_id,
            user_handle: state.handle,
            name,
            credential: record,
            sign_count,
            backup_eligible,
            backup_state,
            created_at: now_ms(),
            last_used_at: None,
        };
        let mail = self
            .mailer
            .in_locale(auth.user.locale.as_deref())
            .passkey_changed(&auth.user.email, true)?;
        let hash = hash_token(&stored.credential_id);
        let detail = Some(format!("passkey {}", stored.id));
        let event = Event { detail, ..Event::new(AuditEvent::PasskeyAdded).user(&auth.user.id) };
        // Under PORTCULLIS_REQUIRE_MFA (and without TOTP) the first passkey is the account's
        // second factor from now on: as when TOTP is confirmed, this session (which just
        // proved the passkey, user verification included) becomes two-factor and the others
        // end. Otherwise passkeys are a way in of their own and sessions are left alone.
        let mut methods = auth.session.amr.clone();
        if !methods.contains(&method(&stored)) {
            methods.push(method(&stored));
        }
        let amr = Amr::join(&methods);
        let fence = (self.settings.require_mfa && !auth.totp)
            .then_some(SessionFence { keep: &auth.session.id, amr: &amr });
        let max = MAX_PASSKEYS as i64;
        let insert = async |audit: &mut Audit| {
            let by = Some(auth.session.id.as_str());
            let fence = fence.as_ref();
            Ok(self.store.insert_passkey(&stored, &hash, &mail, max, fence, by, audit).await?)
        };
        match self.audited(&auth.client, event, insert).await? {
            PasskeyInsert::Inserted => Ok(stored),
            PasskeyInsert::Full => Err(too_many()),
            PasskeyInsert::SessionEnded => Err(AppError::unauthenticated()),
            PasskeyInsert::Taken => Err(AppError::conflict(
                ErrorCode::PasskeyTaken,
                "This passkey is registered already",
            )),
        }
    }

    /// Renames one of the user's passkeys.
    pub async fn rename_passkey(
        &self,
        auth: &Authenticated,
        id: &str,
        name: Option<&str>,
    ) -> Result<()> {
        let name = passkey_name(Some(name.ok_or_else(|| AppError::missing("name"))?))?;
        if !self.store.rename_passkey(&auth.user.id, id, &name).await? {
            return Err(passkey_not_found());
        }
        Ok(())
    }

    /// Deletes one of the user's passkeys (step-up required).
    pub async fn delete_passkey(
        &self,
        auth: &Authenticated,
        id: &str,
        fresh: Fresh<'_>,
    ) -> Result<()> {
        self.require_recent(auth, fresh).await?;
        let last = self.store.passkey_count(&auth.user.id).await? <= 1
            && self.store.identities(&auth.user.id).await?.is_empty()
            && !self.other_ways_in(auth).await?;
        if last {
            return Err(AppError::conflict(
                ErrorCode::LastWayIn,
                "This is your only way to sign in: set a password (forgot password) first",
            ));
        }
        let mail = self
            .mailer
            .in_locale(auth.user.locale.as_deref())
            .passkey_changed(&auth.user.email, false)?;
        let detail = Some(format!("passkey {id}"));
        let event = Event { detail, ..Event::new(AuditEvent::PasskeyRemoved).user(&auth.user.id) };
        let delete = async |audit: &mut Audit| {
            Ok(self.store.delete_passkey(&auth.user.id, id, &mail, now_ms(), audit).await?)
        };
        if !self.audited(&auth.client, event, delete).await? {
            return Err(passkey_not_found());
        }
        Ok(())
    }

    /// Begins a sign-in with a passkey. Without `mfa_token`: passwordless, for any
    /// discoverable passkey (the browser offers the user's passkeys for this site). With one:
    /// the second step of a password login, for that user's passkeys.
    pub async fn start_passkey_login(
        &self,
        mfa_token: Option<&str>,
    ) -> Result<Begun<RequestChallengeResponse>> {
        let rp = self.relying_party()?;
        let Some(token) = mfa_token.map(str::trim).filter(|t| !t.is_empty()) else {
            let (mut options, state) = rp
                .start_discoverable_authentication()
                .map_err(|e| anyhow::anyhow!("passkey sign-in options: {e}"))?;
            // A button press, not the autofill prompt webauthn-rs sets up by default.
            options.mediation = None;
            let ceremony = self.begin_ceremony(LOGIN, None, None, &state).await?;
            return Ok(Begun { ceremony, options });
        };
        let mfa_hash = hash_token(token);
        let challenge = self
            .store
            .live_challenge(&mfa_hash, now_ms(), CHALLENGE_TRIES)
            .await?
            .ok_or_else(invalid_challenge)?;
        let passkeys = self.store.passkeys(&challenge.user_id).await?;
        let keys = passkeys
            .iter()
            .filter_map(|p| serde_json::from_str::<Passkey>(&p.credential).ok())
            .collect::<Vec<_>>();
        if keys.is_empty() {
            return Err(AppError::bad_request(ErrorCode::NoPasskey, "This account has no passkey"));
        }
        let (options, state) = rp
            .start_passkey_authentication(&keys)
            .map_err(|e| anyhow::anyhow!("passkey second-step options: {e}"))?;
        let ceremony = self
            .begin_ceremony(SECOND_FACTOR, Some(&challenge.user_id), Some(&mfa_hash), &state)
            .await?;
        Ok(Begun { ceremony, options })
    }

    /// Finishes a passkey sign-in: verifies the assertion (origin, challenge, signature, user
    /// verification), moves the sign counter forward or refuses, and opens the session.
    pub async fn finish_passkey_login(
        &self,
        ceremony: Option<&str>,
        credential: Option<serde_json::Value>,
        client: &ClientInfo,
        presented_cookie: Option<&str>,
    ) -> Result<LoginOutcome> {
        let rp = self.relying_party()?;
        let credential = credential.ok_or_else(|| AppError::missing("credential"))?;
        let credential: PublicKeyCredential =
            serde_json::from_value(credential).map_err(bad_credential)?;
        let ceremony = self.take_ceremony(ceremony, &[LOGIN, SECOND_FACTOR]).await?;
        let credential_id = URL_SAFE_NO_PAD.encode(credential.get_credential_id());
        let Some(stored) = self.store.passkey_by_credential(&hash_token(&credential_id)).await?
        else {
            self.passkey_failed(client, None, "unknown passkey").await;
            return Err(rejected());
        };
        let passkey: Passkey =
            serde_json::from_str(&stored.credential).map_err(anyhow::Error::from)?;
        let verified = if ceremony.purpose == LOGIN {
            let state: DiscoverableAuthentication =
                serde_json::from_str(&ceremony.state).map_err(anyhow::Error::from)?;
            match rp.identify_discoverable_authentication(&credential) {
                Ok((handle, _)) if handle.to_string() == stored.user_handle => rp
                    .finish_discoverable_authentication(
                        &credential,
                        state,
                        &[DiscoverableKey::from(&passkey)],
                    )
                    .map_err(|e| e.to_string()),
                _ => Err("user handle does not match the passkey".to_owned()),
            }
        } else if ceremony.user_id.as_deref() == Some(stored.user_id.as_str()) {
            let state: PasskeyAuthentication =
                serde_json::from_str(&ceremony.state).map_err(anyhow::Error::from)?;
            rp.finish_passkey_authentication(&credential, &state).map_err(|e| e.to_string())
        } else {
            Err("the passkey is not the account's".to_owned())
        };
        let result = match verified {
            Ok(r) => r,
            Err(reason) => {
                self.passkey_failed(client, Some(&stored.user_id), &reason).await;
                return Err(rejected());
            }
        };
        // A counter in use must move forward, against the newest stored value (another
        // sign-in may have moved it since this ceremony began).
        let count = i64::from(result.counter());
        if (count > 0 || stored.sign_count > 0) && count <= stored.sign_count {
            self.passkey_failed(client, Some(&stored.user_id), "sign counter did not advance")
                .await;
            return Err(rejected());
        }
        let mut updated = passkey;
        updated.update_credential(&result);
        let (record, sign_count, backup_eligible, backup_state) = stored_form(&updated)?;
        let used = StoredPasskey {
            credential: record,
            sign_count: sign_count.max(count),
            backup_eligible,
            backup_state,
            ..stored.clone()
        };
        let now = now_ms();
        if !self.store.record_passkey_use(&stored.id, stored.sign_count, &used, now).await? {
            self.passkey_failed(client, Some(&stored.user_id), "sign counter raced").await;
            return Err(rejected());
        }
        let user = self
            .store
            .user_by_id(&stored.user_id)
            .await?
            .filter(|u| u.user.is_active)
            .ok_or_else(rejected)?;
        let (password_epoch, mut methods) = match ceremony.mfa_hash {
            Some(mfa_hash) => {
                let challenge = self
                    .store
                    .live_challenge(&mfa_hash, now, CHALLENGE_TRIES)
                    .await?
                    .filter(|c| c.password_epoch == user.password_epoch)
                    .ok_or_else(invalid_challenge)?;
                if !self.store.spend_challenge(&mfa_hash, now, CHALLENGE_TRIES).await? {
                    return Err(invalid_challenge());
                }
                (challenge.password_epoch, Amr::split(&challenge.amr))
            }
            None => (user.password_epoch, Vec::new()),
        };
        methods.push(method(&used));
        let principal = Principal {
            identifier: user.user.email.clone(),
            password_epoch,
            user: user.user,
            methods,
        };
        self.open_session(principal, client, presented_cookie).await
    }

    async fn passkey_failed(&self, client: &ClientInfo, user_id: Option<&str>, reason: &str) {
        tracing::info!(reason, "passkey sign-in refused");
        let event = Event { user_id, ..Event::new(AuditEvent::PasskeyLoginFailed).detail(reason) };
        self.audit(client, event).await;
    }
}

fn too_many() -> AppError {
    AppError::conflict(
        ErrorCode::PasskeyTaken,
        "This account has as many passkeys as it may have; delete one first",
    )
}

fn passkey_not_found() -> AppError {
    AppError::not_found(ErrorCode::PasskeyNotFound, "No such passkey")
}
