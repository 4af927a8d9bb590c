//! The administration console's rules (docs/admin-console.md): who may enter, for how long,
//! and how recently each change must have been backed by a second factor. The console's
//! actions themselves are the admin API's use cases ([`super::admin_api`]), called with an
//! [`AdminCaller`] that names the administrator, so both are audited alike.
//!
//! - Entering: an account with the administrator's role (`portcullis user make-admin`) signs in
//!   with its password and a code (TOTP or a recovery code) in one form, or carries a hosted
//!   pages' session that proved a second factor (a passkey, say) moments ago over. Either way
//!   a console session of its own opens, living `PORTCULLIS_ADMIN_SESSION_TTL`.
//! - Staying: every request checks again that the account is an administrator with a second
//!   factor, and that the session is a console's (no older than that lifetime, multi-factor):
//!   a revoked role or a reset factor ends the console at the next request.
//! - Changing: the second factor was proven within `PORTCULLIS_ADMIN_STEP_UP_WINDOW` (at
//!   sign-in or at a step-up with a code), or the change is refused with
//!   `403 reauthentication_required` and nothing done.

use super::admin_api::{AdminActor, AdminCaller};
use super::audit::Event;
use super::login::{Identified, Identifier, LoginOutcome, Principal};
use super::{Auth, Authenticated, ClientInfo};
use crate::clock::now_ms;
use crate::domain::{Amr, AuditEvent};
use crate::error::{AppError, ErrorCode, Result};

fn refused(message: &'static str) -> AppError {
    AppError::forbidden(ErrorCode::Forbidden, message)
}

fn step_up_required() -> AppError {
    AppError::forbidden(
        ErrorCode::ReauthenticationRequired,
        "Confirm it is you with a code from your authenticator app before changing anything",
    )
}

const NOT_ADMIN: &str = "This account is not an administrator";
const NO_CODE: &str = "The console needs a second factor: an authenticator app's code or a \
                       recovery code (with a passkey, sign in to your account first and come back)";

impl Auth {
    /// The console's sign-in: the password and a code in one form, for an administrator with
    /// TOTP. A wrong password or code is the login's own failure (same budgets, same events);
    /// a right password of an account that may not enter is refused before the code is spent.
    pub async fn console_login(
        &self,
        identifier: Option<&str>,
        password: Option<&str>,
        code: Option<&str>,
        client: &ClientInfo,
    ) -> Result<LoginOutcome> {
        let identifier = identifier.map(Identifier::Username);
        let second = match self.identify_by_password(identifier, password, client).await? {
            Identified::Authenticated(principal) => {
                let why = if principal.user.is_admin { NO_CODE } else { NOT_ADMIN };
                return Err(self.console_refused(client, &principal, why).await);
            }
            Identified::SecondFactorRequired(second) => second,
        };
        if !second.principal.user.is_admin {
            return Err(self.console_refused(client, &second.principal, NOT_ADMIN).await);
        }
        if !second.methods.contains(&"totp") {
            return Err(self.console_refused(client, &second.principal, NO_CODE).await);
        }
        let token = Some(second.challenge.as_str());
        let opened = self.verify_second_factor_for(token, code, client, None, true).await?;
        self.console_opened(client, &opened.user.id, &opened.session_id).await;
        Ok(opened)
    }

    /// The console entered from a hosted pages' session (a passkey sign-in, say): an
    /// administrator's session that proved a second factor within the step-up window opens a
    /// console session of its own, authenticated as that one was.
    pub async fn console_login_from(&self, auth: &Authenticated) -> Result<LoginOutcome> {
        let client = &auth.client;
        let principal = Principal {
            user: auth.user.clone(),
            password_epoch: self
                .store
                .user_by_id(&auth.user.id)
                .await?
                .ok_or_else(AppError::unauthenticated)?
                .password_epoch,
            methods: auth.session.amr.clone(),
            identifier: auth.user.email.clone(),
        };
        if !auth.user.is_admin {
            return Err(self.console_refused(client, &principal, NOT_ADMIN).await);
        }
        if !Amr::multi_factor(&auth.session.amr) || !self.has_second_factor(auth).await? {
            return Err(self.console_refused(client, &principal, NO_CODE).await);
        }
        if !self.stepped_up(auth) {
            return Err(step_up_required());
        }
        let opened = self.open_session_for(principal, client, None, true).await?;
        self.console_opened(client, &opened.user.id, &opened.session_id).await;
        Ok(opened)
    }

    async fn console_refused(
        &self,
        client: &ClientInfo,
        principal: &Principal,
        why: &'static str,
    ) -> AppError {
        let event = Event::new(AuditEvent::ConsoleLoginRefused).user(&principal.user.id);
        self.audit(client, event.detail(why)).await;
        refused(why)
    }

    async fn console_opened(&self, client: &ClientInfo, user_id: &str, session_id: &str) {
        let event = Event::new(AuditEvent::ConsoleLogin).user(user_id);
        self.audit(client, event.detail(format!("session {session_id}"))).await;
    }

    /// The administrator a console request comes from, or why not: the account holds the
    /// role and a second factor now, and the session is a console's (multi-factor, no older
    /// than the console's lifetime). Read on every request, so a revocation holds at once.
    pub async fn console_admin(&self, auth: Authenticated) -> Result<ConsoleAdmin> {
        if !auth.user.is_admin {
            return Err(refused(NOT_ADMIN));
        }
        let ttl = self.settings.admin_session_ttl.as_millis() as i64;
        let console = auth.session.console
            && Amr::multi_factor(&auth.session.amr)
            && now_ms() - auth.session.created_at <= ttl
            && self.has_second_factor(&auth).await?;
        if !console {
            return Err(AppError::unauthenticated());
        }
        let caller = AdminCaller {
            actor: AdminActor::Console(auth.user.id.clone()),
            client: auth.client.clone(),
        };
        Ok(ConsoleAdmin { auth, caller })
    }

    /// Whether the session proved its second factor within the step-up window.
    fn stepped_up(&self, auth: &Authenticated) -> bool {
        let window = self.settings.admin_step_up_window.as_millis() as i64;
        now_ms() - auth.session.auth_time <= window
    }

    /// A console step-up: a TOTP or recovery code (under the same budgets as any re-check)
    /// renews the session's proof of its second factor.
    pub async fn console_step_up(&self, admin: &ConsoleAdmin, code: Option<&str>) -> Result<()> {
        let code =
            code.filter(|c| !c.trim().is_empty()).ok_or_else(|| AppError::missing("code"))?;
        self.confirm_code(&admin.auth, code).await?;
        let mut methods = admin.auth.session.amr.clone();
        if !methods.contains(&Amr::Otp) {
            methods.push(Amr::Otp);
        }
        let session = &admin.auth.session.id;
        self.store.reauthenticate_session(session, &Amr::join(&methods), now_ms()).await?;
        Ok(())
    }
}

/// An administrator in the console: the session, and the caller its admin calls are made as.
#[derive(Debug)]
pub struct ConsoleAdmin {
    pub auth: Authenticated,
    pub caller: AdminCaller,
}

impl ConsoleAdmin {
    /// The caller for a change: `403 reauthentication_required` unless the second factor was
    /// proven within the step-up window.
    pub fn changing(&self, auth: &Auth) -> Result<&AdminCaller> {
        if auth.stepped_up(&self.auth) {
            Ok(&self.caller)
        } else {
            Err(step_up_required())
        }
    }
}

/// What the console's dashboard shows.
#[derive(Debug, serde::Serialize)]
pub struct Dashboard {
    pub figures: crate::store::ConsoleFigures,
    /// Mails waiting and given up on, and the oldest waiting one's age in seconds.
    pub mail_pending: i64,
    pub mail_failed: i64,
    pub mail_oldest_secs: Option<i64>,
    /// The signing keys, newest first: `(kid, age in days)`.
    pub keys: Vec<(String, i64)>,
}

/// Everything the console's page of one account shows.
#[derive(Debug)]
pub struct UserDetail {
    pub user: crate::domain::User,
    pub sessions: Vec<crate::domain::Session>,
    pub totp: bool,
    pub passkeys: Vec<crate::store::StoredPasskey>,
    pub identities: Vec<crate::store::Identity>,
    pub organizations: Vec<(crate::domain::org::Organization, String)>,
    pub audit: Vec<crate::store::AuditRow>,
}

const DAY_MS: i64 = 86_400_000;

impl Auth {
    /// The dashboard: counts, the last day's sign-ins and failures, the outboxes' backlog and
    /// the signing keys' ages.
    pub async fn console_dashboard(&self, caller: &AdminCaller) -> Result<Dashboard> {
        let now = now_ms();
        let figures = self.store.console_figures(now - DAY_MS, now).await?;
        let mail = self.store.outbox_stats().await?;
        let mut keys: Vec<_> =
            self.store.signing_keys().await?.into_iter().map(|k| (k.kid, k.created_at)).collect();
        keys.sort_by_key(|(_, at)| std::cmp::Reverse(*at));
        let keys = keys.into_iter().map(|(kid, at)| (kid, (now - at) / DAY_MS)).collect();
        self.admin_audit(caller, AuditEvent::AdminRead, None, Some("dashboard".into())).await;
        Ok(Dashboard {
            figures,
            mail_pending: mail.pending,
            mail_failed: mail.failed,
            mail_oldest_secs: mail.oldest_pending.map(|at| (now - at) / 1000),
            keys,
        })
    }

    /// The console's user list: a keyset page after `after`, those `filter` keeps, whose
    /// email or username starts with `query` (or the one account whose id it is).
    pub async fn console_users(
        &self,
        caller: &AdminCaller,
        after: Option<&str>,
        query: Option<&str>,
        filter: crate::store::UserFilter,
        limit: i64,
    ) -> Result<Vec<crate::domain::User>> {
        let query = query.map(str::trim).filter(|q| !q.is_empty());
        if let Some(q) = query.filter(|_| after.is_none()) {
            if let Some(found) = self.store.user_by_id(q).await? {
                let detail = Some("found 1 user by id".to_owned());
                self.admin_audit(caller, AuditEvent::AdminRead, None, detail).await;
                return Ok(vec![found.user]);
            }
        }
        let prefix = query.map(crate::domain::email_key);
        let users = self.store.console_users(after, prefix.as_deref(), filter, limit).await?;
        let detail = Some(format!("listed {} users", users.len()));
        self.admin_audit(caller, AuditEvent::AdminRead, None, detail).await;
        Ok(users)
    }

    /// One account as the console shows it, with its latest 50 audit entries.
    pub async fn console_user(&self, caller: &AdminCaller, id: &str) -> Result<UserDetail> {
        let user = self
            .store
            .user_by_id(id)
            .await?
            .map(|u| u.user)
            .ok_or_else(super::admin_api::user_not_found)?;
        let now = now_ms();
        let mut sessions = self.store.list_sessions(id, now).await?;
        sessions.sort_by_key(|s| std::cmp::Reverse(s.last_used_at));
        let totp = self.store.totp_factor(id).await?.is_some_and(|f| f.confirmed);
        let filter = crate::store::AuditFilter {
            user_id: Some(id.to_owned()),
            since: Some(now - 90 * DAY_MS),
            limit: 200,
            ..Default::default()
        };
        let mut audit = self.store.audit_page(&filter).await?;
        audit.reverse();
        audit.truncate(50);
        let detail = UserDetail {
            sessions,
            totp,
            passkeys: self.store.passkeys(id).await?,
            identities: self.store.identities(id).await?,
            organizations: self.store.orgs_of(id).await?,
            audit,
            user,
        };
        self.admin_audit(caller, AuditEvent::AdminRead, Some(id), None).await;
        Ok(detail)
    }

    /// Ends one session of an account.
    pub async fn console_revoke_session(
        &self,
        caller: &AdminCaller,
        user_id: &str,
        session_id: &str,
    ) -> Result<()> {
        let now = now_ms();
        let live = self.store.list_sessions(user_id, now).await?;
        if !live.iter().any(|s| s.id == session_id) {
            return Err(AppError::not_found(ErrorCode::NotFound, "No such live session"));
        }
        let event = Event {
            user_id: Some(user_id),
            ..Event::new(AuditEvent::SessionRevoke)
                .detail(format!("{}: session {session_id}", caller.label()))
        };
        let revoke = async |audit: &mut crate::store::Audit| {
            Ok(self.store.revoke_session(session_id, now, audit).await?)
        };
        self.audited(&caller.client, event, revoke).await?;
        Ok(())
    }

    /// Makes an account an administrator, or no longer one. An administrator cannot take the
    /// role from themselves (so the console is never left without the one using it).
    pub async fn console_set_admin(
        &self,
        caller: &AdminCaller,
        user_id: &str,
        admin: bool,
    ) -> Result<()> {
        if !admin && matches!(&caller.actor, AdminActor::Console(me) if me == user_id) {
            return Err(AppError::conflict(
                ErrorCode::Forbidden,
                "You cannot take the administrator's role from yourself",
            ));
        }
        if self.store.user_by_id(user_id).await?.is_none() {
            return Err(super::admin_api::user_not_found());
        }
        self.set_admin_role(&caller.client, Some(&caller.label()), user_id, admin).await?;
        Ok(())
    }

    /// Makes the account `who` names (an address when it has an `@`, an id otherwise) a member
    /// of `org_id` with `role`, or gives the member that role: the admin API's
    /// `PUT /api/admin/organizations/{id}/members/{user_id}`, audited alike, but the console's
    /// form may name the account by its address.
    pub async fn console_set_organization_member(
        &self,
        caller: &AdminCaller,
        org_id: &str,
        who: &str,
        role: &str,
    ) -> Result<(crate::store::OrgMember, bool)> {
        let who = who.trim();
        if who.is_empty() {
            return Err(AppError::missing("user"));
        }
        let who = super::UserRef::guess(who);
        self.operator_set_member(org_id, who, role, &caller.client, Some(&caller.label())).await
    }

    /// Sends an account's verification mail again (as `POST /api/auth/resend-verification`
    /// would, throttled per address alike).
    pub async fn console_resend_verification(
        &self,
        caller: &AdminCaller,
        user_id: &str,
    ) -> Result<()> {
        let user = self.admin_user(caller, user_id).await?;
        if user.email_verified {
            return Err(AppError::conflict(
                ErrorCode::Forbidden,
                "This address is already verified",
            ));
        }
        self.resend_verification(&user.email).await?;
        self.admin_audit(caller, AuditEvent::AdminResendVerification, Some(user_id), None).await;
        Ok(())
    }
}

/// Webhooks as the console shows them: the configured endpoints (never their signing secrets)
/// and the outbox's deliveries.
#[derive(Debug)]
pub struct WebhookEndpoint {
    pub name: String,
    /// The URL as it may be shown: its query, user name and password masked.
    pub url: String,
    pub events: Vec<String>,
}

impl Auth {
    /// The configured webhook endpoints, their URLs masked as in the logs.
    pub fn console_webhook_endpoints(&self) -> Vec<WebhookEndpoint> {
        self.settings
            .webhooks
            .iter()
            .map(|w| WebhookEndpoint {
                name: w.name.clone(),
                url: crate::config::redact_url(&w.url),
                events: w.events.clone(),
            })
            .collect()
    }

    /// A page of webhook deliveries, newest first.
    pub async fn console_deliveries(
        &self,
        caller: &AdminCaller,
        filter: &crate::store::DeliveryFilter,
    ) -> Result<Vec<crate::store::DeliveryRow>> {
        if let Some(s) = filter.status.as_deref() {
            if !DELIVERY_STATUSES.contains(&s) {
                return Err(AppError::bad_request(
                    ErrorCode::InvalidField,
                    "status is one of pending, delivered, failed",
                ));
            }
        }
        let rows = self.store.webhook_deliveries(filter).await?;
        let detail = Some(format!("listed {} webhook deliveries", rows.len()));
        self.admin_audit(caller, AuditEvent::AdminRead, None, detail).await;
        Ok(rows)
    }

    /// One webhook delivery, with its payload.
    pub async fn console_delivery(
        &self,
        caller: &AdminCaller,
        id: &str,
    ) -> Result<crate::store::DeliveryDetail> {
        let found = self.store.webhook_delivery(id).await?.ok_or_else(delivery_not_found)?;
        let detail = Some(format!("webhook delivery {id}"));
        self.admin_audit(caller, AuditEvent::AdminRead, None, detail).await;
        Ok(found)
    }

    /// Sends a `failed` delivery back to the queue (pending, attempts reset, due now);
    /// `409` for one that is not failed, `404` for none.
    pub async fn console_retry_delivery(&self, caller: &AdminCaller, id: &str) -> Result<()> {
        use crate::store::Requeued;
        let event = Event::new(AuditEvent::AdminWebhookRetry)
            .detail(format!("{}: delivery {id}", caller.label()));
        let requeue = async |audit: &mut crate::store::Audit| match self
            .store
            .requeue_webhook(id, now_ms(), audit)
            .await?
        {
            Requeued::Done => Ok(()),
            Requeued::NotFound => Err(delivery_not_found()),
            Requeued::NotFailed(status) => Err(AppError::conflict(
                ErrorCode::Forbidden,
                format!("Only a failed delivery is tried again; this one is {status}"),
            )),
        };
        self.audited(&caller.client, event, requeue).await
    }

    /// A page of the audit log, newest first, before the cursor `before` (read by `caller`,
    /// and audited as the admin API's reading is).
    pub async fn console_audit_newest(
        &self,
        caller: &AdminCaller,
        filter: &crate::store::AuditFilter,
        before: Option<&str>,
    ) -> Result<Vec<crate::store::AuditRow>> {
        let rows = self.store.audit_page_newest(filter, before).await?;
        self.audit_read(caller, filter, "audit log").await;
        Ok(rows)
    }

    /// A page of the audit log, oldest first, after `filter.after` (read by `caller` as
    /// `what`: a page, an export's first).
    pub async fn console_audit_oldest(
        &self,
        caller: &AdminCaller,
        filter: &crate::store::AuditFilter,
        what: &str,
    ) -> Result<Vec<crate::store::AuditRow>> {
        let rows = self.store.audit_page(filter).await?;
        self.audit_read(caller, filter, what).await;
        Ok(rows)
    }

    /// The next page of an export already audited by [`Auth::console_audit_oldest`].
    pub async fn console_audit_more(
        &self,
        filter: &crate::store::AuditFilter,
    ) -> Result<Vec<crate::store::AuditRow>> {
        Ok(self.store.audit_page(filter).await?)
    }

    async fn audit_read(&self, caller: &AdminCaller, f: &crate::store::AuditFilter, what: &str) {
        let mut detail = what.to_owned();
        if let Some(e) = &f.event {
            detail.push_str(&format!(", event {e}"));
        }
        self.admin_audit(caller, AuditEvent::AdminRead, f.user_id.as_deref(), Some(detail)).await;
    }

    /// Every setting as read, secrets masked (what `portcullis config --explain` prints).
    pub async fn console_settings(&self, caller: &AdminCaller) -> Vec<crate::config::Effective> {
        let detail = Some("effective settings".to_owned());
        self.admin_audit(caller, AuditEvent::AdminRead, None, detail).await;
        self.settings.explained()
    }
}

/// The states of a webhook delivery.
pub const DELIVERY_STATUSES: &[&str] = &["pending", "delivered", "failed"];

fn delivery_not_found() -> AppError {
    AppError::not_found(ErrorCode::NotFound, "No such webhook delivery")
}
