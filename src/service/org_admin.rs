//! The operator's side of organisations (docs/organizations.md, "The operator's side"): the
//! admin API (`/api/admin/organizations`) and the command line (`portcullis org …`) both come
//! here, so they keep one set of rules and one audit trail.
//!
//! The operator is no member: nothing here checks a membership or a role's permissions, and
//! deleting needs no step-up (the key, or access to the database, is the operator's word).
//! What holds for everyone still holds: the slug and name rules of the self-service API
//! ([`super::orgs`]), and the last owner rule, which the store's statements keep. Every change
//! is audited as `admin_organization_*` with the admin API key's id, or, from the command
//! line, the operator's login name, and announced to webhooks like the members' own changes.

use super::admin_api::user_not_found;
use super::admin_api::AdminCaller;
use super::audit::Event;
use super::clients::keyed_event;
use super::orgs::{changed_org, invalid, last_owner, new_org, not_found, slug_taken};
use super::{Auth, ClientInfo, OrgInput};
use crate::clock::{now_ms, rfc3339};
use crate::domain::org::Organization;
use crate::domain::{AuditEvent, User};
use crate::error::{AppError, ErrorCode, Result};
use crate::store::{Audit, MemberChange, OrgMember};

/// A user named by the operator: by id, or by email address.
#[derive(Debug, Clone, Copy)]
pub enum UserRef<'a> {
    Id(&'a str),
    Email(&'a str),
}

impl<'a> UserRef<'a> {
    /// An address when it has an `@`, an id otherwise (the command line's arguments).
    pub fn guess(s: &'a str) -> Self {
        if s.contains('@') {
            Self::Email(s)
        } else {
            Self::Id(s)
        }
    }
}

/// An organisation as the operator sees it (no caller's role: the operator has none).
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct AdminOrganization {
    pub id: String,
    pub slug: String,
    pub name: String,
    #[schema(value_type = Object)]
    pub metadata: serde_json::Value,
    pub created_at: String,
    pub updated_at: String,
}

impl From<&Organization> for AdminOrganization {
    fn from(o: &Organization) -> Self {
        Self {
            id: o.id.clone(),
            slug: o.slug.clone(),
            name: o.name.clone(),
            metadata: o.metadata.clone(),
            created_at: rfc3339(o.created_at),
            updated_at: rfc3339(o.updated_at),
        }
    }
}

/// A member, as the members and the operator see it.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct OrganizationMember {
    pub user_id: String,
    pub email: String,
    pub username: Option<String>,
    /// `owner`, `admin`, `member`, or a role of `PORTCULLIS_ORG_ROLES`.
    pub role: String,
    pub joined_at: String,
}

impl From<&OrgMember> for OrganizationMember {
    fn from(m: &OrgMember) -> Self {
        Self {
            user_id: m.user_id.clone(),
            email: m.email.clone(),
            username: m.username.clone(),
            role: m.role.clone(),
            joined_at: rfc3339(m.created_at),
        }
    }
}

fn member_not_found() -> AppError {
    AppError::not_found(ErrorCode::MemberNotFound, "No such member of this organisation")
}

/// The record of an operator's change to `org_id`, about the account `user_id` when there is
/// one, by the admin API key `key` when there is one.
fn org_event<'a>(
    kind: AuditEvent,
    key: Option<&str>,
    user_id: Option<&'a str>,
    what: String,
) -> Event<'a> {
    Event { user_id, ..keyed_event(kind, key, what) }
}

impl Auth {
    /// The user `who` names, or `404 user_not_found`.
    async fn org_user_named(&self, who: UserRef<'_>) -> Result<User> {
        let found = match who {
            UserRef::Id(id) => self.store.user_by_id(id).await?,
            UserRef::Email(email) => {
                self.store.user_by_email(&crate::domain::email_key(email)).await?
            }
        };
        Ok(found.ok_or_else(user_not_found)?.user)
    }

    /// Organisations in id order after `after` (stable while others are added), `limit` of them.
    pub async fn organizations(
        &self,
        after: Option<&str>,
        limit: i64,
    ) -> Result<Vec<Organization>> {
        Ok(self.store.orgs_page(after, limit).await?)
    }

    /// The organisation `org_id`, or `404 organization_not_found`.
    pub async fn organization(&self, org_id: &str) -> Result<Organization> {
        self.store.org_by_id(org_id).await?.ok_or_else(not_found)
    }

    /// The members of `org_id`, oldest first; `404 organization_not_found`.
    pub async fn organization_members(&self, org_id: &str) -> Result<Vec<OrgMember>> {
        let org = self.organization(org_id).await?;
        Ok(self.store.org_members(&org.id).await?)
    }

    /// Makes an organisation whose first owner is the existing user `owner` (`404
    /// user_not_found` otherwise). `400` as the self-service API; `409 slug_taken`.
    pub async fn operator_create_org(
        &self,
        input: OrgInput,
        owner: UserRef<'_>,
        by: &ClientInfo,
        key: Option<&str>,
    ) -> Result<Organization> {
        let org = new_org(input)?;
        let owner = self.org_user_named(owner).await?;
        let what = format!("organization {} slug {} owner {}", org.id, org.slug, owner.id);
        let event = org_event(AuditEvent::AdminOrgCreate, key, Some(&owner.id), what);
        let create =
            async |audit: &mut Audit| Ok(self.store.create_org(&org, &owner.id, audit).await?);
        match self.audited(by, event, create).await? {
            true => Ok(org),
            false => Err(slug_taken()),
        }
    }

    /// Changes an organisation's name, slug or metadata; what `input` leaves out is kept.
    pub async fn operator_update_org(
        &self,
        org_id: &str,
        input: OrgInput,
        by: &ClientInfo,
        key: Option<&str>,
    ) -> Result<Organization> {
        let org = changed_org(self.organization(org_id).await?, input)?;
        let what = format!("organization {} slug {}", org.id, org.slug);
        let event = org_event(AuditEvent::AdminOrgUpdate, key, None, what);
        let update = async |audit: &mut Audit| Ok(self.store.update_org(&org, audit).await?);
        match self.audited(by, event, update).await? {
            true => Ok(org),
            false => Err(slug_taken()),
        }
    }

    /// Deletes an organisation with its memberships: no session acts for it any more, so the
    /// tokens that carry it fail at once.
    pub async fn operator_delete_org(
        &self,
        org_id: &str,
        by: &ClientInfo,
        key: Option<&str>,
    ) -> Result<Organization> {
        let org = self.organization(org_id).await?;
        let what = format!("organization {} slug {}", org.id, org.slug);
        let event = org_event(AuditEvent::AdminOrgDelete, key, None, what);
        let delete = async |audit: &mut Audit| Ok(self.store.delete_org(&org.id, audit).await?);
        match self.audited(by, event, delete).await? {
            true => Ok(org),
            false => Err(not_found()),
        }
    }

    /// Makes `who` a member of `org_id` with `role`, or gives the member that role. Demoting
    /// the last owner is refused (`409 last_owner`); `400` for a role the deployment does not
    /// have; `404` for no such organisation or user. `true`: they were added.
    pub async fn operator_set_member(
        &self,
        org_id: &str,
        who: UserRef<'_>,
        role: &str,
        by: &ClientInfo,
        key: Option<&str>,
    ) -> Result<(OrgMember, bool)> {
        let org = self.organization(org_id).await?;
        if !self.settings.org_roles.exists(role) {
            return Err(invalid("role is not one of this deployment's roles"));
        }
        let user = self.org_user_named(who).await?;
        let what = format!("organization {} member {} role {role}", org.id, user.id);
        let mut added = false;
        if self.store.org_membership(&org.id, &user.id).await?.is_none() {
            let event = org_event(AuditEvent::AdminOrgMemberAdd, key, Some(&user.id), what.clone());
            let add = async |audit: &mut Audit| {
                Ok(self.store.add_org_member(&org.id, &user.id, role, now_ms(), audit).await?)
            };
            // `false`: they joined meanwhile; their role is then set below.
            added = self.audited(by, event, add).await?;
        }
        if !added {
            let event = org_event(AuditEvent::AdminOrgMemberUpdate, key, Some(&user.id), what);
            let change = async |audit: &mut Audit| {
                Ok(self.store.set_org_role(&org.id, &user.id, role, now_ms(), audit).await?)
            };
            match self.audited(by, event, change).await? {
                MemberChange::Done => {}
                MemberChange::LastOwner => return Err(last_owner()),
                MemberChange::NotMember => return Err(member_not_found()),
            }
        }
        let members = self.store.org_members(&org.id).await?;
        let member = members.into_iter().find(|m| m.user_id == user.id);
        Ok((member.ok_or_else(member_not_found)?, added))
    }

    /// Removes `who` from `org_id`; the last owner stays (`409 last_owner`). The tokens that
    /// carry the organisation for them fail at once; their sessions live on.
    pub async fn operator_remove_member(
        &self,
        org_id: &str,
        who: UserRef<'_>,
        by: &ClientInfo,
        key: Option<&str>,
    ) -> Result<()> {
        let org = self.organization(org_id).await?;
        let user_id = match who {
            UserRef::Id(id) => id.to_owned(),
            UserRef::Email(_) => self.org_user_named(who).await?.id,
        };
        let what = format!("organization {} member {user_id}", org.id);
        let event = org_event(AuditEvent::AdminOrgMemberRemove, key, Some(&user_id), what);
        let remove = async |audit: &mut Audit| {
            Ok(self.store.remove_org_member(&org.id, &user_id, audit).await?)
        };
        match self.audited(by, event, remove).await? {
            MemberChange::Done => Ok(()),
            MemberChange::LastOwner => Err(last_owner()),
            MemberChange::NotMember => Err(member_not_found()),
        }
    }
}

/// `/api/admin/organizations`: the operations above, each recorded with the key that made it,
/// each read as `admin_read`.
impl Auth {
    pub async fn admin_organizations(
        &self,
        caller: &AdminCaller,
        after: Option<&str>,
        limit: i64,
    ) -> Result<Vec<Organization>> {
        let orgs = self.organizations(after, limit).await?;
        let detail = Some(format!("listed {} organizations", orgs.len()));
        self.admin_audit(caller, AuditEvent::AdminRead, None, detail).await;
        Ok(orgs)
    }

    pub async fn admin_organization(
        &self,
        caller: &AdminCaller,
        org_id: &str,
    ) -> Result<Organization> {
        let org = self.organization(org_id).await?;
        let detail = Some(format!("organization {org_id}"));
        self.admin_audit(caller, AuditEvent::AdminRead, None, detail).await;
        Ok(org)
    }

    pub async fn admin_organization_members(
        &self,
        caller: &AdminCaller,
        org_id: &str,
    ) -> Result<Vec<OrgMember>> {
        let members = self.organization_members(org_id).await?;
        let detail = Some(format!("organization {org_id}: listed {} members", members.len()));
        self.admin_audit(caller, AuditEvent::AdminRead, None, detail).await;
        Ok(members)
    }

    pub async fn admin_create_organization(
        &self,
        caller: &AdminCaller,
        input: OrgInput,
        owner: UserRef<'_>,
    ) -> Result<Organization> {
        self.operator_create_org(input, owner, &caller.client, Some(&caller.label())).await
    }

    pub async fn admin_update_organization(
        &self,
        caller: &AdminCaller,
        org_id: &str,
        input: OrgInput,
    ) -> Result<Organization> {
        self.operator_update_org(org_id, input, &caller.client, Some(&caller.label())).await
    }

    pub async fn admin_delete_organization(
        &self,
        caller: &AdminCaller,
        org_id: &str,
    ) -> Result<()> {
        self.operator_delete_org(org_id, &caller.client, Some(&caller.label())).await?;
        Ok(())
    }

    pub async fn admin_set_organization_member(
        &self,
        caller: &AdminCaller,
        org_id: &str,
        user_id: &str,
        role: &str,
    ) -> Result<(OrgMember, bool)> {
        let who = UserRef::Id(user_id);
        self.operator_set_member(org_id, who, role, &caller.client, Some(&caller.label())).await
    }

    pub async fn admin_remove_organization_member(
        &self,
        caller: &AdminCaller,
        org_id: &str,
        user_id: &str,
    ) -> Result<()> {
        let who = UserRef::Id(user_id);
        self.operator_remove_member(org_id, who, &caller.client, Some(&caller.label())).await
    }
}

#[cfg(test)]
mod tests {
    use super::UserRef;

    #[test]
    fn the_command_line_names_a_user_by_address_or_id() {
        assert!(matches!(UserRef::guess("a@example.com"), UserRef::Email(_)));
        assert!(matches!(UserRef::guess("0199abcd"), UserRef::Id(_)));
    }
}
