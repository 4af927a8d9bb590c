//! What `portcullis provision` (docs/provisioning.md) needs of the service besides the calls the
//! other commands make: looking things up by the keys a provisioning file uses, previewing a
//! change without making it (so a whole file is checked before anything is applied), and the
//! first administrator's account with its one-time setup link.

use super::audit::Event;
use super::clients::{apply, defaults, invalid, new_secret};
use super::email_login::NO_PASSWORD;
use super::orgs::{changed_org, new_org};
use super::{operator, Auth, OrgInput};
use crate::auth::hash_token;
use crate::clock::now_ms;
use crate::domain::client::{MANAGED_BY_API, MANAGED_BY_CONFIG, MANAGED_BY_METADATA_DOCUMENT};
use crate::domain::org::Organization;
use crate::domain::{AuditEvent, OAuthClient, User};
use crate::error::Result;
use crate::store::{Audit, NewUser, TokenPurpose};

/// A client as a provisioning file would leave it.
pub struct ClientPreview {
    /// As stored now (`None`: it would be created).
    pub stored: Option<OAuthClient>,
    /// As it would be.
    pub next: OAuthClient,
}

impl Auth {
    /// The account with this address, if any.
    pub async fn user_with_email(&self, email: &str) -> Result<Option<User>> {
        Ok(self.store.user_by_email(&crate::domain::email_key(email)).await?.map(|u| u.user))
    }

    /// Checks an address as registration does (`400` when it is not one).
    pub fn check_email(email: &str) -> Result<()> {
        super::account::parse_email(email).map(|_| ())
    }

    /// The first administrator: a verified account with no usable password, the console's
    /// role, and a one-time setup link (a password-reset link, [`Auth::setup_link`]).
    /// `409` when the address is taken.
    pub async fn provision_admin(&self, email: &str) -> Result<(User, String)> {
        let parsed = super::account::parse_email(email)?;
        let new = NewUser::new(&parsed, None, NO_PASSWORD.to_owned(), true);
        let event = Event::new(AuditEvent::AdminUserAdd)
            .user(&new.id)
            .detail("provision: created verified, without a password");
        let insert = async |audit: &mut Audit| {
            self.store.insert_user(&new, None, audit).await?.map_err(super::account::taken)
        };
        let user = self.audited(&operator(), event, insert).await?;
        self.set_admin_role(&operator(), Some("provision"), &user.id, true).await?;
        let link = self.setup_link(&user).await?;
        Ok((User { is_admin: true, ..user }, link))
    }

    /// A one-time link to the reset page that sets `user`'s password: the password-reset
    /// token of `forgot-password`, valid as long, but handed to the operator instead of mailed.
    pub async fn setup_link(&self, user: &User) -> Result<String> {
        let (token, record) =
            self.one_time_token(&user.id, TokenPurpose::ResetPassword, &user.email);
        self.store.insert_unmailed_token(&record).await?;
        Ok(self.mailer.reset_link(&token.plain))
    }

    /// What `spec` would make of the client `client_id` (created when absent), checked by the
    /// rules `client create` and `client update` apply, without storing anything. Clients
    /// the configuration declares or a metadata document describes are refused: those rewrite
    /// them.
    pub async fn preview_client(
        &self,
        client_id: &str,
        spec: &super::ClientSpec,
    ) -> Result<ClientPreview> {
        match self.store.client(client_id).await? {
            None => {
                let next = apply(defaults(client_id.to_owned(), now_ms(), MANAGED_BY_API), spec)?;
                Ok(ClientPreview { stored: None, next })
            }
            Some(stored) => {
                let managed = stored.client.managed_by.as_str();
                if managed == MANAGED_BY_CONFIG || managed == MANAGED_BY_METADATA_DOCUMENT {
                    return Err(invalid(format!(
                        "client {client_id} is managed by {managed} (the configuration or its \
                         metadata document rewrites it): it cannot be provisioned"
                    )));
                }
                let next = apply(stored.client.clone(), spec)?;
                Ok(ClientPreview { stored: Some(stored.client), next })
            }
        }
    }

    /// Whether `secret` is the client's current secret.
    pub async fn client_secret_is(&self, client_id: &str, secret: &str) -> Result<bool> {
        let stored = self.store.client(client_id).await?;
        let hash = stored.and_then(|s| s.secret_hash);
        Ok(hash.is_some_and(|h| h == hash_token(secret)))
    }

    /// Whether a client that authenticates with a secret would get one when made from `c`.
    pub fn needs_secret(c: &OAuthClient) -> bool {
        new_secret(c).is_some()
    }

    /// The live API key whose plain text is `plain`, if any (its id).
    pub async fn api_key_with_secret(&self, plain: &str) -> Result<Option<String>> {
        Ok(self.store.api_key_by_hash(&hash_token(plain)).await?.map(|k| k.id))
    }

    /// The organisation with this slug, if any.
    pub async fn organization_with_slug(&self, slug: &str) -> Result<Option<Organization>> {
        Ok(self.store.org_by_slug(slug).await?)
    }

    /// What `input` would make of `existing` (or of a new organisation), by the rules of
    /// `org create` and `org update`, without storing anything.
    pub fn preview_org(existing: Option<Organization>, input: OrgInput) -> Result<Organization> {
        match existing {
            Some(org) => changed_org(org, input),
            None => new_org(input),
        }
    }

    /// Whether this deployment has the organisation role `role`.
    pub fn org_role_exists(&self, role: &str) -> bool {
        self.settings.org_roles.exists(role)
    }
}
