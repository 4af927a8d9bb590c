//! Sign-in with external identity providers, through the login pipeline.
//!
//! A sign-in begins with a `state` stored server-side (single use, ten minutes) with its PKCE
//! verifier, its nonce and the hash of a cookie set in the browser that began it, so a
//! callback from another browser (login CSRF) or with a forged or replayed `state` is refused.
//! The provider's answer is an identity `(provider, subject)`:
//! - linked to an account: that account signs in (`amr: ["fed"]`; a second factor follows
//!   when it has one);
//! - not linked, begun by a signed-in user ("link"): linked to that account, if the provider
//!   vouches for its address;
//! - not linked, and no account has its address: a new account (no password, the address
//!   verified), if the provider vouches for the address and `PORTCULLIS_OAUTH_SIGNUP` allows;
//! - not linked, but an account has its address: refused (`409 account_exists`). The owner
//!   signs in and links it from the account page: an identity is never linked by its address
//!   alone.

use super::audit::Event;
use super::email_login::NO_PASSWORD;
use super::login::{Identified, LoginStep, Principal};
use super::{Auth, Authenticated, ClientInfo, Fresh};
use crate::auth::oauth::Providers;
use crate::auth::{hash_token, OpaqueToken};
use crate::clock::now_ms;
use crate::domain::{email_key, Amr, AuditEvent, Email};
use crate::error::{AppError, ErrorCode, Result};
use crate::store::{Audit, Identity, NewUser, OAuthState, SessionLink};

/// How long a sign-in at a provider may take.
const STATE_TTL_MS: i64 = 10 * 60 * 1000;
/// Pending links kept per user: starting another spends the oldest. (Sign-ins, which belong
/// to no user, are bounded by the client IP's budget.)
const MAX_PENDING_LINKS: usize = 5;

/// What a provider's callback comes to.
#[derive(Debug)]
pub enum OAuthOutcome {
    /// A sign-in: a session, or the second step it needs; then on to `next`.
    SignedIn { step: Box<LoginStep>, next: Option<String> },
    /// The identity is now linked to the signed-in account that began this.
    Linked { next: Option<String> },
}

/// A sign-in sent to a provider: where the browser goes, and the cookie that binds the
/// callback to this browser.
pub struct OAuthStart {
    pub url: String,
    pub browser_token: String,
}

impl std::fmt::Debug for OAuthStart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OAuthStart").finish_non_exhaustive()
    }
}

fn invalid_state() -> AppError {
    AppError::bad_request(
        ErrorCode::InvalidState,
        "Invalid or expired sign-in state; start the sign-in again",
    )
}

fn failed() -> AppError {
    AppError::unauthorized(
        ErrorCode::OauthFailed,
        "The identity provider's answer was not accepted",
    )
}

fn link_ended() -> AppError {
    AppError::bad_request(
        ErrorCode::InvalidState,
        "The session that began this link has ended, or the password has changed: sign in and \
         link again",
    )
}

/// A new identity of `user_id`, linked now.
fn new_identity(user_id: &str, provider: &str, subject: &str, email: Option<&str>) -> Identity {
    Identity {
        id: uuid::Uuid::now_v7().to_string(),
        provider: provider.to_owned(),
        subject: subject.to_owned(),
        user_id: user_id.to_owned(),
        email: email.map(str::to_owned),
        created_at: now_ms(),
        last_used_at: None,
    }
}

fn unverified() -> AppError {
    AppError::bad_request(
        ErrorCode::EmailNotVerified,
        "The identity provider does not vouch for this account's email address",
    )
}

impl Auth {
    pub fn providers(&self) -> &Providers {
        &self.providers
    }

    fn callback_url(&self, provider: &str) -> String {
        format!("{}/api/auth/oauth/{provider}/callback", self.settings.public_url)
    }

    /// Begins a sign-in at `provider`. `404 unknown_provider`; `503` when the provider cannot
    /// be reached.
    pub async fn begin_oauth(&self, provider: &str, next: Option<&str>) -> Result<OAuthStart> {
        self.begin(provider, None, next).await
    }

    /// Begins a sign-in at `provider` that links the identity to the signed-in account: it
    /// needs a recent authentication (or `fresh`), like adding a passkey.
    pub async fn begin_oauth_link(
        &self,
        provider: &str,
        auth: &Authenticated,
        fresh: Fresh<'_>,
        next: Option<&str>,
    ) -> Result<OAuthStart> {
        if self.providers.get(provider).is_some() {
            super::account::require_proven_address(&auth.user)?;
            self.require_recent(auth, fresh).await?;
        }
        self.begin(provider, Some(auth), next).await
    }

    async fn begin(
        &self,
        provider: &str,
        link: Option<&Authenticated>,
        next: Option<&str>,
    ) -> Result<OAuthStart> {
        let p = self.providers.get(provider).ok_or_else(|| {
            AppError::not_found(ErrorCode::UnknownProvider, "No such identity provider")
        })?;
        let begun = self.providers.begin(p, &self.callback_url(&p.name)).await.map_err(|e| {
            tracing::warn!(provider = %p.name, error = %e, "identity provider unreachable");
            AppError::Unavailable { retry_after: 5 }
        })?;
        // A link is bound to the session that begins it and to the password it was opened
        // with: a stolen session's link must not outlive that session, or the owner's reset.
        let link_epoch = match link {
            Some(auth) => Some(
                self.store
                    .user_by_id(&auth.user.id)
                    .await?
                    .ok_or_else(AppError::unauthenticated)?
                    .password_epoch,
            ),
            None => None,
        };
        let browser = OpaqueToken::generate();
        let state = OAuthState {
            provider: p.name.clone(),
            pkce_verifier: begun.pkce_verifier,
            nonce: begun.nonce,
            browser_hash: browser.hash,
            link_user_id: link.map(|a| a.user.id.clone()),
            link_session_id: link.map(|a| a.session.id.clone()),
            link_epoch,
            next_path: next.map(str::to_owned),
        };
        let now = now_ms();
        self.store
            .insert_oauth_state(
                &hash_token(&begun.state),
                &state,
                now,
                now + STATE_TTL_MS,
                MAX_PENDING_LINKS,
            )
            .await?;
        Ok(OAuthStart { url: begun.url, browser_token: browser.plain })
    }

    /// The provider's callback: `code` and `state` (or `error`), and the browser's binding
    /// cookie.
    #[allow(clippy::too_many_arguments)]
    pub async fn finish_oauth(
        &self,
        provider: &str,
        code: Option<&str>,
        state: Option<&str>,
        error: Option<&str>,
        browser_token: Option<&str>,
        client: &ClientInfo,
        presented_cookie: Option<&str>,
    ) -> Result<OAuthOutcome> {
        let state = state.filter(|s| !s.is_empty()).ok_or_else(|| AppError::missing("state"))?;
        let now = now_ms();
        let begun = self
            .store
            .take_oauth_state(&hash_token(state), now)
            .await?
            .ok_or_else(invalid_state)?;
        let same_browser = browser_token.is_some_and(|t| hash_token(t) == begun.browser_hash);
        if begun.provider != provider || !same_browser {
            return Err(invalid_state());
        }
        let p = self.providers.get(provider).ok_or_else(invalid_state)?;
        let bound = match &begun.link_user_id {
            Some(user_id) => Some(self.link_still_bound(&begun, user_id, now).await?),
            None => None,
        };
        if let Some(error) = error {
            tracing::info!(provider, error, "the identity provider refused the sign-in");
            return Err(AppError::unauthorized(
                ErrorCode::OauthDenied,
                "The sign-in was cancelled or refused at the identity provider",
            ));
        }
        let code = code.filter(|c| !c.is_empty()).ok_or_else(|| AppError::missing("code"))?;
        let redirect = self.callback_url(provider);
        let ext = match self
            .providers
            .finish(p, &redirect, code, &begun.pkce_verifier, &begun.nonce)
            .await
        {
            Ok(ext) => ext,
            Err(e) => {
                tracing::info!(provider, error = %e, "external sign-in refused");
                let detail = Some(format!("{provider}: {e}"));
                let event = Event { detail, ..Event::new(AuditEvent::OauthLoginFailed) };
                self.audit(client, event).await;
                return Err(failed());
            }
        };
        let identifier = format!("{provider}:{}", ext.subject);
        let email = ext.email.as_deref().filter(|_| ext.email_verified);
        let user_id = match self.store.identity(provider, &ext.subject).await? {
            Some(identity) => {
                if begun.link_user_id.as_ref().is_some_and(|l| *l != identity.user_id) {
                    return Err(AppError::conflict(
                        ErrorCode::IdentityTaken,
                        "This identity is linked to another account",
                    ));
                }
                self.store.touch_identity(&identity.id, ext.email.as_deref(), now).await?;
                if begun.link_user_id.is_some() {
                    return Ok(OAuthOutcome::Linked { next: begun.next_path });
                }
                identity.user_id
            }
            None => {
                let email = email.ok_or_else(unverified)?;
                if let (Some(link), Some(bound)) = (&begun.link_user_id, &bound) {
                    let identity = new_identity(link, provider, &ext.subject, Some(email));
                    self.link_identity(identity, Some(bound), client).await?;
                    return Ok(OAuthOutcome::Linked { next: begun.next_path });
                }
                self.oauth_signup(provider, &ext.subject, email, client).await?
            }
        };
        let user = self
            .store
            .user_by_id(&user_id)
            .await?
            .filter(|u| u.user.is_active)
            .ok_or_else(failed)?;
        let principal = Principal {
            password_epoch: user.password_epoch,
            user: user.user,
            methods: vec![Amr::Fed],
            identifier,
        };
        let step = match self.second_factor_for(principal).await? {
            Identified::Authenticated(p) => {
                LoginStep::Session(self.open_session(p, client, presented_cookie).await?)
            }
            Identified::SecondFactorRequired(second) => LoginStep::SecondFactor(second),
        };
        Ok(OAuthOutcome::SignedIn { step: Box::new(step), next: begun.next_path })
    }

    /// The session and password epoch a link began with, if both are still current; else
    /// `400 invalid_state` (the link ended with them).
    async fn link_still_bound(
        &self,
        begun: &OAuthState,
        user_id: &str,
        now: i64,
    ) -> Result<(String, i64)> {
        let (Some(session_id), Some(epoch)) = (&begun.link_session_id, begun.link_epoch) else {
            return Err(link_ended());
        };
        if !self.store.link_session_live(session_id, user_id, epoch, now).await? {
            return Err(link_ended());
        }
        Ok((session_id.clone(), epoch))
    }

    /// Links `identity`; with `bound`, only while that session lives at that password epoch.
    async fn link_identity(
        &self,
        identity: Identity,
        bound: Option<&(String, i64)>,
        client: &ClientInfo,
    ) -> Result<()> {
        let detail = Some(format!("{} identity {}", identity.provider, identity.id));
        let event =
            Event { detail, ..Event::new(AuditEvent::IdentityLinked).user(&identity.user_id) };
        let link = async |audit: &mut Audit| {
            Ok(match bound {
                Some((session_id, epoch)) => {
                    // A link to an existing account is announced to its owner, in its transaction
                    // (a sign-up by the provider is not: the account is made with it).
                    let owner = self.store.user_by_id(&identity.user_id).await?;
                    let owner = owner.ok_or_else(link_ended)?;
                    let provider = self.provider_label(&identity.provider);
                    let letters = self.mailer.in_locale(owner.user.locale.as_deref());
                    let mail = letters.identity_changed(&owner.user.email, provider, true)?;
                    self.store
                        .insert_session_identity(
                            &identity,
                            session_id,
                            *epoch,
                            now_ms(),
                            &mail,
                            audit,
                        )
                        .await?
                }
                None if self.store.insert_identity(&identity, audit).await? => SessionLink::Linked,
                None => SessionLink::Taken,
            })
        };
        match self.audited(client, event, link).await? {
            SessionLink::Linked => Ok(()),
            SessionLink::Taken => Err(AppError::conflict(
                ErrorCode::IdentityTaken,
                "This identity is linked to another account",
            )),
            SessionLink::Ended => Err(link_ended()),
        }
    }

    /// A first sign-in with an identity whose (vouched-for) address has no account.
    async fn oauth_signup(
        &self,
        provider: &str,
        subject: &str,
        email: &str,
        client: &ClientInfo,
    ) -> Result<String> {
        if self.store.user_by_email(&email_key(email)).await?.is_some() {
            return Err(AppError::conflict(
                ErrorCode::AccountExists,
                "An account with this email address exists: sign in to it, then link this \
                 identity from your account page",
            ));
        }
        if !self.settings.oauth_signup {
            return Err(AppError::forbidden(
                ErrorCode::SignupDisabled,
                "No account is linked to this identity",
            ));
        }
        let parsed = Email::parse(email).map_err(|_| unverified())?;
        let new = NewUser::new(&parsed, None, NO_PASSWORD.to_owned(), true);
        let event =
            Event::new(AuditEvent::Register).user(&new.id).detail(format!("{provider} sign-in"));
        let insert =
            async |audit: &mut Audit| Ok(self.store.insert_user(&new, None, audit).await?);
        let user = self.audited(client, event, insert).await?.map_err(|_| {
            AppError::conflict(
                ErrorCode::AccountExists,
                "An account with this email address exists",
            )
        })?;
        self.link_identity(new_identity(&user.id, provider, subject, Some(email)), None, client)
            .await?;
        Ok(user.id)
    }

    /// Whether the account has a way in besides its passkeys and identities: a password, or
    /// sign-in by email.
    pub(super) async fn other_ways_in(&self, auth: &Authenticated) -> Result<bool> {
        if self.settings.email_login {
            return Ok(true);
        }
        let user = self.store.user_by_id(&auth.user.id).await?;
        Ok(user.is_some_and(|u| u.password_hash != NO_PASSWORD))
    }

    /// What a provider is called (its sign-in button's words), for the owner's notices.
    fn provider_label<'a>(&'a self, name: &'a str) -> &'a str {
        self.providers.get(name).map_or(name, |p| p.display_name.as_str())
    }

    /// The signed-in user's linked identities.
    pub async fn identities(&self, auth: &Authenticated) -> Result<Vec<Identity>> {
        Ok(self.store.identities(&auth.user.id).await?)
    }

    /// Unlinks an identity (step-up required), unless it is the account's last way in: no
    /// password, no passkey, no other identity, and no sign-in by email.
    pub async fn unlink_identity(
        &self,
        auth: &Authenticated,
        id: &str,
        fresh: Fresh<'_>,
    ) -> Result<()> {
        self.require_recent(auth, fresh).await?;
        let identities = self.store.identities(&auth.user.id).await?;
        if !identities.iter().any(|i| i.id == id) {
            return Err(AppError::not_found(
                ErrorCode::IdentityNotFound,
                "No such linked identity",
            ));
        }
        let other_ways = usize::from(self.other_ways_in(auth).await?)
            + (identities.len() - 1)
            + self.store.passkey_count(&auth.user.id).await? as usize;
        if other_ways == 0 {
            return Err(AppError::conflict(
                ErrorCode::LastWayIn,
                "This is your only way to sign in: set a password (forgot password) or add a \
                 passkey first",
            ));
        }
        let detail = Some(format!("identity {id}"));
        let event =
            Event { detail, ..Event::new(AuditEvent::IdentityUnlinked).user(&auth.user.id) };
        let provider = identities.iter().find(|i| i.id == id).map_or("", |i| i.provider.as_str());
        let mail = self.mailer.in_locale(auth.user.locale.as_deref()).identity_changed(
            &auth.user.email,
            self.provider_label(provider),
            false,
        )?;
        let unlink = async |audit: &mut Audit| {
            Ok(self.store.delete_identity(&auth.user.id, id, &mail, now_ms(), audit).await?)
        };
        if !self.audited(&auth.client, event, unlink).await? {
            return Err(AppError::not_found(
                ErrorCode::IdentityNotFound,
                "No such linked identity",
            ));
        }
        Ok(())
    }
}
