//! The events of the audit log: each variant is one (name, outcome) pair as stored in
//! `audit_log` (and shown by `portcullis audit` and `GET /api/admin/audit`), and the webhook
//! event it is announced as, if any. Both come from the variant by exhaustive matches, so a new
//! event cannot be added without saying how it is stored and whether receivers hear of it.

use strum::{EnumIter, IntoEnumIterator, IntoStaticStr};

/// One kind of audit entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter)]
pub enum AuditEvent {
    /// An account made by its owner (registration, first external or email sign-in).
    Register,
    /// An address proven (a verification link, or an email sign-in's first proof).
    EmailVerification,
    EmailChangeRequested,
    /// "I did not ask for this": the link to a pending address change declined.
    EmailChangeDisowned,
    /// A wrong password given to change the address.
    EmailChangeFailed,
    /// A new username.
    ProfileUpdate,
    AccountDeletion,
    /// "I did not create this account": an unproven account removed by its link.
    AccountDeletionDisowned,
    AccountDeletionFailed,
    PasswordChange,
    PasswordChangeFailed,
    PasswordReset,
    PasswordResetInvalidToken,
    LoginSucceeded,
    LoginFailed,
    LoginThrottled,
    /// The password changed (or the account was disabled) while a login was checked.
    LoginCredentialsChanged,
    LoginEmailNotVerified,
    /// A failure that spent an account's or identifier's budget.
    Lockout,
    /// A wrong second-factor code at login.
    MfaVerifyFailed,
    /// A wrong code confirming TOTP enrolment.
    MfaConfirmFailed,
    StepUpFailed,
    ReauthenticateFailed,
    PasskeyLoginFailed,
    OauthLoginFailed,
    EmailLoginFailed,
    TotpEnabled,
    TotpDisabled,
    RecoveryCodesRegenerated,
    PasskeyAdded,
    PasskeyRemoved,
    IdentityLinked,
    IdentityUnlinked,
    Logout,
    SessionRevoke,
    AdminUserAdd,
    AdminUserUpdate,
    AdminUserDisable,
    AdminUserEnable,
    AdminUserDelete,
    AdminRevokeSessions,
    AdminMfaReset,
    AdminSendReset,
    /// A reset link held back by the per-address mail throttle.
    AdminSendResetThrottled,
    /// The verification mail sent again from the console.
    AdminResendVerification,
    /// An admin API call that reads.
    AdminRead,
    AdminApiKeyCreate,
    AdminApiKeyRevoke,
    /// The administration console's role granted to or revoked from an account.
    AdminRoleGranted,
    AdminRoleRevoked,
    /// A sign-in to the administration console, and a refused one (not an administrator, no
    /// second factor); failed passwords and codes are the login's own events.
    ConsoleLogin,
    ConsoleLoginRefused,
    /// A correct login's password was found on the breached-password list (the account is
    /// flagged until its password changes).
    PasswordBreachedAtLogin,
    /// An admin API call without a live key.
    AdminApiKeyFailed,
    /// The failed key check that spent the client address's budget.
    AdminApiKeyLocked,
    AdminKeysRotate,
    AdminMigrate,
    /// A provider client registered, changed, given a new secret or deleted (command line,
    /// admin API, or the configuration at startup).
    AdminClientCreate,
    AdminClientUpdate,
    AdminClientRotateSecret,
    AdminClientDelete,
    /// A user let a client sign them in (consent given, or a first-party client's grant).
    GrantCreated,
    /// A user withdrew what they had granted a client.
    GrantRevoked,
    /// An authorization code or refresh token presented again: its grant is revoked.
    GrantReplayed,
    /// A person allowed a device's request (RFC 8628) on the verification page: a grant.
    DeviceApproved,
    /// A person denied a device's request on the verification page.
    DeviceDenied,
    /// A client registered itself (RFC 7591), changed or deleted its registration (RFC 7592).
    ClientRegistered,
    ClientRegistrationUpdated,
    ClientRegistrationDeleted,
    /// An initial access token for dynamic registration made or revoked.
    AdminRegistrationTokenCreate,
    AdminRegistrationTokenRevoke,
    /// An organisation made (its maker its first owner), changed or deleted.
    OrgCreated,
    OrgUpdated,
    OrgDeleted,
    /// A member's role changed.
    OrgMemberUpdated,
    /// A member removed by another, or leaving.
    OrgMemberRemoved,
    OrgLeft,
    /// A team of an organisation made or deleted, a member added to or removed from one.
    OrgTeamCreated,
    OrgTeamDeleted,
    OrgTeamMemberAdded,
    OrgTeamMemberRemoved,
    /// An invitation to an organisation made (and mailed), revoked, or accepted: a new member.
    OrgInvitationCreated,
    OrgInvitationRevoked,
    OrgInvitationAccepted,
    /// The operator's changes to organisations (the admin API, with its key, and `portcullis
    /// org`), announced like the members' own.
    AdminOrgCreate,
    AdminOrgUpdate,
    AdminOrgDelete,
    /// A member added, or given another role, by the operator.
    AdminOrgMemberAdd,
    AdminOrgMemberUpdate,
    AdminOrgMemberRemove,
    /// A failed webhook delivery sent back to the queue by an administrator (the console).
    AdminWebhookRetry,
}

/// A webhook event type (`PORTCULLIS_WEBHOOK_<NAME>_EVENTS`, the body's `type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, IntoStaticStr)]
pub enum WebhookEvent {
    #[strum(serialize = "user.created")]
    UserCreated,
    #[strum(serialize = "user.email_verified")]
    UserEmailVerified,
    #[strum(serialize = "user.updated")]
    UserUpdated,
    #[strum(serialize = "user.deleted")]
    UserDeleted,
    #[strum(serialize = "login.succeeded")]
    LoginSucceeded,
    #[strum(serialize = "login.failed")]
    LoginFailed,
    #[strum(serialize = "password.changed")]
    PasswordChanged,
    #[strum(serialize = "password.reset")]
    PasswordReset,
    #[strum(serialize = "session.revoked")]
    SessionRevoked,
    /// Second factors, passkeys and linked identities: the body's `event` says which.
    #[strum(serialize = "mfa.changed")]
    MfaChanged,
    #[strum(serialize = "organization.created")]
    OrganizationCreated,
    #[strum(serialize = "organization.updated")]
    OrganizationUpdated,
    #[strum(serialize = "organization.deleted")]
    OrganizationDeleted,
    /// A member joined (an invitation accepted).
    #[strum(serialize = "organization.member_added")]
    OrganizationMemberAdded,
    /// A member's role changed.
    #[strum(serialize = "organization.member_updated")]
    OrganizationMemberUpdated,
    /// A member removed, or one who left: the body's `event` says which.
    #[strum(serialize = "organization.member_removed")]
    OrganizationMemberRemoved,
}

impl WebhookEvent {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

impl AuditEvent {
    /// The stored `(event, outcome)`.
    pub fn stored(self) -> (&'static str, &'static str) {
        use AuditEvent::*;
        match self {
            Register => ("register", "succeeded"),
            EmailVerification => ("email_verification", "succeeded"),
            EmailChangeRequested => ("email_change", "requested"),
            EmailChangeDisowned => ("email_change", "disowned"),
            EmailChangeFailed => ("email_change", "failed"),
            ProfileUpdate => ("profile_update", "succeeded"),
            AccountDeletion => ("account_deletion", "succeeded"),
            AccountDeletionDisowned => ("account_deletion", "disowned"),
            AccountDeletionFailed => ("account_deletion", "failed"),
            PasswordChange => ("password_change", "succeeded"),
            PasswordChangeFailed => ("password_change", "failed"),
            PasswordReset => ("password_reset", "succeeded"),
            PasswordResetInvalidToken => ("password_reset", "invalid_token"),
            LoginSucceeded => ("login", "succeeded"),
            LoginFailed => ("login", "failed"),
            LoginThrottled => ("login", "throttled"),
            LoginCredentialsChanged => ("login", "credentials_changed"),
            LoginEmailNotVerified => ("login", "email_not_verified"),
            Lockout => ("lockout", "locked"),
            MfaVerifyFailed => ("mfa_verify", "failed"),
            MfaConfirmFailed => ("mfa_confirm", "failed"),
            StepUpFailed => ("step_up", "failed"),
            ReauthenticateFailed => ("reauthenticate", "failed"),
            PasskeyLoginFailed => ("passkey_login", "failed"),
            OauthLoginFailed => ("oauth_login", "failed"),
            EmailLoginFailed => ("email_login", "failed"),
            TotpEnabled => ("mfa", "totp_enabled"),
            TotpDisabled => ("mfa", "totp_disabled"),
            RecoveryCodesRegenerated => ("mfa", "recovery_codes_regenerated"),
            PasskeyAdded => ("passkey_added", "succeeded"),
            PasskeyRemoved => ("passkey_removed", "succeeded"),
            IdentityLinked => ("identity_linked", "succeeded"),
            IdentityUnlinked => ("identity_unlinked", "succeeded"),
            Logout => ("logout", "succeeded"),
            SessionRevoke => ("session_revoke", "succeeded"),
            AdminUserAdd => ("admin_user_add", "succeeded"),
            AdminUserUpdate => ("admin_user_update", "succeeded"),
            AdminUserDisable => ("admin_user_disable", "succeeded"),
            AdminUserEnable => ("admin_user_enable", "succeeded"),
            AdminUserDelete => ("admin_user_delete", "succeeded"),
            AdminRevokeSessions => ("admin_revoke_sessions", "succeeded"),
            AdminMfaReset => ("admin_mfa_reset", "succeeded"),
            AdminSendReset => ("admin_send_reset", "succeeded"),
            AdminSendResetThrottled => ("admin_send_reset", "throttled"),
            AdminResendVerification => ("admin_resend_verification", "succeeded"),
            AdminRead => ("admin_read", "succeeded"),
            AdminApiKeyCreate => ("admin_api_key_create", "succeeded"),
            AdminApiKeyRevoke => ("admin_api_key_revoke", "succeeded"),
            AdminRoleGranted => ("admin_role", "granted"),
            AdminRoleRevoked => ("admin_role", "revoked"),
            ConsoleLogin => ("admin_console_login", "succeeded"),
            ConsoleLoginRefused => ("admin_console_login", "refused"),
            PasswordBreachedAtLogin => ("password_breached", "detected"),
            AdminApiKeyFailed => ("admin_api_key", "failed"),
            AdminApiKeyLocked => ("admin_api_key", "locked"),
            AdminKeysRotate => ("admin_keys_rotate", "succeeded"),
            AdminMigrate => ("admin_migrate", "succeeded"),
            AdminClientCreate => ("admin_client_create", "succeeded"),
            AdminClientUpdate => ("admin_client_update", "succeeded"),
            AdminClientRotateSecret => ("admin_client_rotate_secret", "succeeded"),
            AdminClientDelete => ("admin_client_delete", "succeeded"),
            GrantCreated => ("oauth_grant", "succeeded"),
            GrantRevoked => ("oauth_grant_revoke", "succeeded"),
            GrantReplayed => ("oauth_grant", "replayed"),
            DeviceApproved => ("oauth_device", "approved"),
            DeviceDenied => ("oauth_device", "denied"),
            ClientRegistered => ("oauth_client_register", "succeeded"),
            ClientRegistrationUpdated => ("oauth_client_register", "updated"),
            ClientRegistrationDeleted => ("oauth_client_register", "deleted"),
            AdminRegistrationTokenCreate => ("admin_registration_token_create", "succeeded"),
            AdminRegistrationTokenRevoke => ("admin_registration_token_revoke", "succeeded"),
            OrgCreated => ("organization", "created"),
            OrgUpdated => ("organization", "updated"),
            OrgDeleted => ("organization", "deleted"),
            OrgMemberUpdated => ("organization_member", "updated"),
            OrgMemberRemoved => ("organization_member", "removed"),
            OrgLeft => ("organization_member", "left"),
            OrgTeamCreated => ("organization_team", "created"),
            OrgTeamDeleted => ("organization_team", "deleted"),
            OrgTeamMemberAdded => ("organization_team", "member_added"),
            OrgTeamMemberRemoved => ("organization_team", "member_removed"),
            OrgInvitationCreated => ("organization_invitation", "created"),
            OrgInvitationRevoked => ("organization_invitation", "revoked"),
            OrgInvitationAccepted => ("organization_invitation", "accepted"),
            AdminOrgCreate => ("admin_organization_create", "succeeded"),
            AdminOrgUpdate => ("admin_organization_update", "succeeded"),
            AdminOrgDelete => ("admin_organization_delete", "succeeded"),
            AdminOrgMemberAdd => ("admin_organization_member_add", "succeeded"),
            AdminOrgMemberUpdate => ("admin_organization_member_update", "succeeded"),
            AdminOrgMemberRemove => ("admin_organization_member_remove", "succeeded"),
            AdminWebhookRetry => ("admin_webhook_retry", "succeeded"),
        }
    }

    /// The stored event name (`login`, `admin_user_add`, …).
    pub fn name(self) -> &'static str {
        self.stored().0
    }

    /// The stored outcome (`succeeded`, `failed`, `totp_enabled`, …).
    pub fn outcome(self) -> &'static str {
        self.stored().1
    }

    /// The event stored as `name` with `outcome`, if any.
    pub fn from_stored(name: &str, outcome: &str) -> Option<Self> {
        Self::iter().find(|e| e.stored() == (name, outcome))
    }

    /// The webhook event it is announced as; `None`: receivers are not told.
    pub fn webhook(self) -> Option<WebhookEvent> {
        use AuditEvent::*;
        use WebhookEvent as W;
        Some(match self {
            Register | AdminUserAdd => W::UserCreated,
            EmailVerification => W::UserEmailVerified,
            ProfileUpdate | AdminUserUpdate | AdminUserDisable | AdminUserEnable => W::UserUpdated,
            AccountDeletion | AccountDeletionDisowned | AdminUserDelete => W::UserDeleted,
            LoginSucceeded => W::LoginSucceeded,
            LoginFailed
            | LoginThrottled
            | LoginCredentialsChanged
            | LoginEmailNotVerified
            | MfaVerifyFailed
            | PasskeyLoginFailed
            | OauthLoginFailed
            | EmailLoginFailed => W::LoginFailed,
            PasswordChange => W::PasswordChanged,
            PasswordReset => W::PasswordReset,
            Logout | SessionRevoke | AdminRevokeSessions => W::SessionRevoked,
            // A linked identity is a way in, like a passkey.
            TotpEnabled
            | TotpDisabled
            | RecoveryCodesRegenerated
            | PasskeyAdded
            | PasskeyRemoved
            | IdentityLinked
            | IdentityUnlinked
            | AdminMfaReset => W::MfaChanged,
            EmailChangeRequested
            | EmailChangeDisowned
            | EmailChangeFailed
            | AccountDeletionFailed
            | PasswordChangeFailed
            | PasswordResetInvalidToken
            | Lockout
            | MfaConfirmFailed
            | StepUpFailed
            | ReauthenticateFailed
            | AdminSendReset
            | AdminSendResetThrottled
            | AdminResendVerification
            | AdminRead
            | AdminApiKeyCreate
            | AdminApiKeyRevoke
            | AdminRoleGranted
            | AdminRoleRevoked
            | ConsoleLogin
            | ConsoleLoginRefused
            | PasswordBreachedAtLogin
            | AdminApiKeyFailed
            | AdminApiKeyLocked
            | AdminKeysRotate
            | AdminMigrate
            | AdminClientCreate
            | AdminClientUpdate
            | AdminClientRotateSecret
            | AdminClientDelete
            | GrantCreated
            | GrantRevoked
            | GrantReplayed
            | DeviceApproved
            | DeviceDenied
            | ClientRegistered
            | ClientRegistrationUpdated
            | ClientRegistrationDeleted
            | AdminRegistrationTokenCreate
            | AdminRegistrationTokenRevoke
            | AdminWebhookRetry => return None,
            OrgCreated | AdminOrgCreate => W::OrganizationCreated,
            // A team's change is announced as a change of its organisation.
            OrgUpdated | AdminOrgUpdate | OrgTeamCreated | OrgTeamDeleted | OrgTeamMemberAdded
            | OrgTeamMemberRemoved => W::OrganizationUpdated,
            OrgDeleted | AdminOrgDelete => W::OrganizationDeleted,
            OrgMemberUpdated | AdminOrgMemberUpdate => W::OrganizationMemberUpdated,
            OrgMemberRemoved | OrgLeft | AdminOrgMemberRemove => W::OrganizationMemberRemoved,
            OrgInvitationAccepted | AdminOrgMemberAdd => W::OrganizationMemberAdded,
            OrgInvitationCreated | OrgInvitationRevoked => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use strum::IntoEnumIterator;

    use super::{AuditEvent, WebhookEvent};

    /// The rows of the table in docs/admin-and-webhooks.md, "Audit events": `(event, outcome,
    /// webhook type)`.
    fn documented() -> Vec<(String, String, Option<String>)> {
        let doc = include_str!("../../docs/admin-and-webhooks.md");
        let (_, section) = doc.split_once("## Audit events").expect("the section");
        let cell = |s: &str| s.trim().trim_matches('`').to_owned();
        section
            .lines()
            .filter(|l| l.starts_with("| `"))
            .skip(1) // the header
            .map(|l| {
                let cells: Vec<&str> = l.trim_matches('|').split('|').collect();
                assert_eq!(cells.len(), 3, "{l}");
                let webhook = Some(cell(cells[2])).filter(|w| w != "—");
                (cell(cells[0]), cell(cells[1]), webhook)
            })
            .collect()
    }

    #[test]
    fn every_event_is_stored_and_announced_as_documented() {
        let rows = documented();
        let events: Vec<AuditEvent> = AuditEvent::iter().collect();
        assert_eq!(rows.len(), events.len(), "one row per event: {rows:?}");
        for (event, (name, outcome, webhook)) in events.iter().zip(&rows) {
            assert_eq!(event.stored(), (name.as_str(), outcome.as_str()), "{event:?}");
            assert_eq!(event.webhook().map(WebhookEvent::as_str), webhook.as_deref(), "{event:?}");
            assert_eq!(AuditEvent::from_stored(name, outcome), Some(*event));
        }
        let pairs: HashSet<_> = events.iter().map(|e| e.stored()).collect();
        assert_eq!(pairs.len(), events.len(), "each pair names one event");
    }

    #[test]
    fn the_webhook_types_are_the_ones_an_endpoint_may_ask_for() {
        let ours: Vec<&str> = WebhookEvent::iter().map(WebhookEvent::as_str).collect();
        assert_eq!(ours, crate::config::WEBHOOK_EVENTS);
        let sent: HashSet<_> = AuditEvent::iter().filter_map(AuditEvent::webhook).collect();
        assert_eq!(sent.len(), ours.len(), "every type is sent by some event");
    }
}
