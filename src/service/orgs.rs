//! Organisations (docs/organizations.md): made by a signed-in person, who becomes their first
//! owner; read by members; changed by those whose role allows it; and the one a session acts
//! for, whose id, slug, role and permissions its access tokens carry.
//!
//! Every call names the organisation by id and is checked against the caller's membership of
//! it: a person who is not a member is told it does not exist (`404`), so ids of other
//! organisations reveal nothing; a member whose role does not allow the call gets `403`.

use serde_json::Value;

use super::audit::Event;
use super::mfa::Fresh;
use super::{Auth, Authenticated};
use crate::clock::now_ms;
use crate::domain::org::{self, permission, Organization, OWNER};
use crate::domain::AuditEvent;
use crate::error::{AppError, ErrorCode, Result};
use crate::store::{Invitation, MemberChange, NewInvitation, OrgMember, Team};

/// The largest `metadata`, serialised.
const MAX_METADATA: usize = 4096;

/// What a create or update says; what it leaves out is kept (or, on create, made: the slug
/// from the name, empty metadata).
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrgInput {
    /// 1 to 200 characters.
    pub name: Option<String>,
    /// 2 to 48 of `a-z`, `0-9` and inner `-`; unique.
    pub slug: Option<String>,
    /// A JSON object of the application's own, at most 4 KiB.
    #[schema(value_type = Option<Object>)]
    pub metadata: Option<Value>,
}

/// A session's switch of organisation: its new access token, and what it now acts for.
pub struct Switched {
    pub access_token: String,
    pub dpop_bound: bool,
    pub expires_in: i64,
    pub active: Option<(Organization, String)>,
}

impl std::fmt::Debug for Switched {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Switched").field("active", &self.active).finish_non_exhaustive()
    }
}

/// The organisation claims of an access token.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OrgClaims {
    pub org_id: String,
    pub org_slug: String,
    pub org_role: String,
    pub org_permissions: Vec<String>,
}

pub(super) fn not_found() -> AppError {
    AppError::not_found(ErrorCode::OrganizationNotFound, "No such organisation")
}

fn not_allowed() -> AppError {
    AppError::forbidden(ErrorCode::Forbidden, "Your role in this organisation does not allow this")
}

pub(super) fn invalid(message: &'static str) -> AppError {
    AppError::bad_request(ErrorCode::InvalidField, message)
}

pub(super) fn last_owner() -> AppError {
    AppError::conflict(
        ErrorCode::LastOwner,
        "An organisation keeps at least one owner: make another member an owner first",
    )
}

fn checked_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 || name.chars().any(char::is_control) {
        return Err(invalid("name must be 1 to 200 characters"));
    }
    Ok(name.to_owned())
}

fn checked_metadata(metadata: Value) -> Result<Value> {
    if !metadata.is_object() || metadata.to_string().len() > MAX_METADATA {
        return Err(invalid("metadata must be a JSON object of at most 4 KiB"));
    }
    Ok(metadata)
}

pub(super) fn slug_taken() -> AppError {
    AppError::conflict(ErrorCode::SlugTaken, "Another organisation has that slug")
}

/// A new organisation from `input` (its name required; its slug made from the name when not
/// given; empty metadata by default), checked as every way of making one checks it.
pub(super) fn new_org(input: OrgInput) -> Result<Organization> {
    let name = checked_name(input.name.as_deref().ok_or_else(|| AppError::missing("name"))?)?;
    let slug = input.slug.unwrap_or_else(|| org::slug_from(&name));
    if !org::slug_ok(&slug) {
        return Err(invalid("slug must be 2 to 48 of a-z, 0-9 and inner '-'"));
    }
    let metadata = checked_metadata(input.metadata.unwrap_or_else(|| serde_json::json!({})))?;
    let now = now_ms();
    Ok(Organization {
        id: uuid::Uuid::now_v7().to_string(),
        slug,
        name,
        metadata,
        created_at: now,
        updated_at: now,
    })
}

/// `org` changed by `input`: what it leaves out is kept.
pub(super) fn changed_org(mut org: Organization, input: OrgInput) -> Result<Organization> {
    if let Some(name) = input.name {
        org.name = checked_name(&name)?;
    }
    if let Some(slug) = input.slug {
        if !org::slug_ok(&slug) {
            return Err(invalid("slug must be 2 to 48 of a-z, 0-9 and inner '-'"));
        }
        org.slug = slug;
    }
    if let Some(metadata) = input.metadata {
        org.metadata = checked_metadata(metadata)?;
    }
    org.updated_at = now_ms();
    Ok(org)
}

impl Auth {
    /// The deployment's roles (`PORTCULLIS_ORG_ROLES` and the built-in three).
    pub fn org_roles(&self) -> &org::Roles {
        &self.settings.org_roles
    }

    /// The claims an access token of a session acting for `org` as `role` carries.
    pub fn org_claims(&self, org: &Organization, role: &str) -> OrgClaims {
        OrgClaims {
            org_id: org.id.clone(),
            org_slug: org.slug.clone(),
            org_role: role.to_owned(),
            org_permissions: self.settings.org_roles.permissions(role).unwrap_or_default(),
        }
    }

    /// `auth`'s membership of `org_id`, if their role allows `permission`.
    async fn org_for(
        &self,
        auth: &Authenticated,
        org_id: &str,
        permission: &str,
    ) -> Result<(Organization, String)> {
        let (org, role) =
            self.store.org_membership(org_id, &auth.user.id).await?.ok_or_else(not_found)?;
        if !self.settings.org_roles.allows(&role, permission) {
            return Err(not_allowed());
        }
        Ok((org, role))
    }

    /// Makes an organisation; its maker is its first owner.
    pub async fn create_org(
        &self,
        auth: &Authenticated,
        input: OrgInput,
    ) -> Result<(Organization, String)> {
        // An unproven account makes none: what it made would be planted in the account of
        // whoever proves the address, and declining it would leave the members ownerless.
        if !auth.user.email_verified {
            return Err(AppError::forbidden(
                ErrorCode::EmailNotVerified,
                "Confirm your email address first (the link in the verification mail), then \
                 create an organisation",
            ));
        }
        let org = new_org(input)?;
        let event = Event::new(AuditEvent::OrgCreated)
            .user(&auth.user.id)
            .detail(format!("organization {} slug {}", org.id, org.slug));
        let create = async |audit: &mut crate::store::Audit| {
            Ok(self.store.create_org(&org, &auth.user.id, audit).await?)
        };
        match self.audited(&auth.client, event, create).await? {
            true => Ok((org, OWNER.to_owned())),
            false => Err(slug_taken()),
        }
    }

    /// The organisations `auth`'s user belongs to, with their role in each.
    pub async fn my_orgs(&self, auth: &Authenticated) -> Result<Vec<(Organization, String)>> {
        Ok(self.store.orgs_of(&auth.user.id).await?)
    }

    /// One organisation, for a member.
    pub async fn org(&self, auth: &Authenticated, org_id: &str) -> Result<(Organization, String)> {
        self.org_for(auth, org_id, permission::READ).await
    }

    /// Changes an organisation's name, slug or metadata (`organization:update`).
    pub async fn update_org(
        &self,
        auth: &Authenticated,
        org_id: &str,
        input: OrgInput,
    ) -> Result<(Organization, String)> {
        let (org, role) = self.org_for(auth, org_id, permission::UPDATE).await?;
        let org = changed_org(org, input)?;
        let event = Event::new(AuditEvent::OrgUpdated)
            .user(&auth.user.id)
            .detail(format!("organization {} slug {}", org.id, org.slug));
        let update =
            async |audit: &mut crate::store::Audit| Ok(self.store.update_org(&org, audit).await?);
        match self.audited(&auth.client, event, update).await? {
            true => Ok((org, role)),
            false => Err(slug_taken()),
        }
    }

    /// Deletes an organisation: an owner, after a step-up (`PORTCULLIS_REAUTH_WINDOW`, or the
    /// password or a code in the request).
    pub async fn delete_org(
        &self,
        auth: &Authenticated,
        org_id: &str,
        fresh: Fresh<'_>,
    ) -> Result<()> {
        let (org, _) = self.org_for(auth, org_id, permission::DELETE).await?;
        self.require_recent(auth, fresh).await?;
        let event = Event::new(AuditEvent::OrgDeleted)
            .user(&auth.user.id)
            .detail(format!("organization {} slug {}", org.id, org.slug));
        let delete = async |audit: &mut crate::store::Audit| {
            Ok(self.store.delete_org(&org.id, audit).await?)
        };
        if self.audited(&auth.client, event, delete).await? {
            Ok(())
        } else {
            Err(not_found())
        }
    }

    /// The members of an organisation (`members:read`).
    pub async fn org_members(&self, auth: &Authenticated, org_id: &str) -> Result<Vec<OrgMember>> {
        let (org, _) = self.org_for(auth, org_id, permission::MEMBERS_READ).await?;
        Ok(self.store.org_members(&org.id).await?)
    }

    /// The role `user_id` has in `org_id`, or `404 member_not_found`.
    async fn member_role(&self, org_id: &str, user_id: &str) -> Result<String> {
        let found = self.store.org_membership(org_id, user_id).await?;
        found.map(|(_, role)| role).ok_or_else(|| {
            AppError::not_found(ErrorCode::MemberNotFound, "No such member of this organisation")
        })
    }

    /// Gives a member another role (`members:write`; to or from `owner`, `owners:write`).
    pub async fn set_org_role(
        &self,
        auth: &Authenticated,
        org_id: &str,
        user_id: &str,
        role: &str,
    ) -> Result<()> {
        let (org, mine) = self.org_for(auth, org_id, permission::MEMBERS_WRITE).await?;
        if !self.settings.org_roles.exists(role) {
            return Err(invalid("role is not one of this deployment's roles"));
        }
        let theirs = self.member_role(&org.id, user_id).await?;
        let owners = self.settings.org_roles.allows(&mine, permission::OWNERS_WRITE);
        if (role == OWNER || theirs == OWNER) && !owners {
            return Err(not_allowed());
        }
        let event = Event::new(AuditEvent::OrgMemberUpdated)
            .user(&auth.user.id)
            .detail(format!("organization {} member {user_id} role {role}", org.id));
        let change = async |audit: &mut crate::store::Audit| {
            Ok(self.store.set_org_role(&org.id, user_id, role, now_ms(), audit).await?)
        };
        match self.audited(&auth.client, event, change).await? {
            MemberChange::Done => Ok(()),
            MemberChange::LastOwner => Err(last_owner()),
            MemberChange::NotMember => Err(not_found()),
        }
    }

    /// Removes a member (`members:write`; an owner, `owners:write`), or, for oneself, leaves.
    /// The last owner can do neither. The tokens that carry the organisation for them stop
    /// working at once.
    pub async fn remove_org_member(
        &self,
        auth: &Authenticated,
        org_id: &str,
        user_id: &str,
    ) -> Result<()> {
        let leaving = user_id == auth.user.id;
        let needed = if leaving { permission::READ } else { permission::MEMBERS_WRITE };
        let (org, mine) = self.org_for(auth, org_id, needed).await?;
        if !leaving {
            let theirs = self.member_role(&org.id, user_id).await?;
            if theirs == OWNER && !self.settings.org_roles.allows(&mine, permission::OWNERS_WRITE) {
                return Err(not_allowed());
            }
        }
        let kind = if leaving { AuditEvent::OrgLeft } else { AuditEvent::OrgMemberRemoved };
        let event = Event::new(kind)
            .user(&auth.user.id)
            .detail(format!("organization {} member {user_id}", org.id));
        let change = async |audit: &mut crate::store::Audit| {
            Ok(self.store.remove_org_member(&org.id, user_id, audit).await?)
        };
        match self.audited(&auth.client, event, change).await? {
            MemberChange::Done => Ok(()),
            MemberChange::LastOwner => Err(last_owner()),
            MemberChange::NotMember => Err(not_found()),
        }
    }

    /// Makes `org_id` (a membership of the user's) or none the organisation this session acts
    /// for: the new access token carries it.
    pub async fn switch_org(&self, auth: &Authenticated, org_id: Option<&str>) -> Result<Switched> {
        let active = match org_id {
            Some(id) => Some(self.org_for(auth, id, permission::READ).await?),
            None => None,
        };
        let id = active.as_ref().map(|(o, _)| o.id.as_str());
        self.store.set_active_org(&auth.session.id, id).await?;
        // Bound to the session's DPoP key when it has one.
        let jkt = self.store.session_dpop_key(&auth.session.id).await?;
        let session = &auth.session;
        let context = crate::auth::AuthContext {
            amr: session.amr.clone(),
            auth_time: session.auth_time / 1000,
        };
        let org = active.as_ref().map(|(o, role)| self.org_claims(o, role));
        let now = now_ms() / 1000;
        let access_token =
            self.jwt.issue_with(&auth.user.id, &session.id, &context, now, jkt.as_deref(), org)?;
        Ok(Switched {
            access_token,
            dpop_bound: jkt.is_some(),
            expires_in: self.jwt.ttl_secs(),
            active,
        })
    }

    /// Whether a token's organisation claims still hold: the session acts for that
    /// organisation, and the user is still a member with that role.
    pub(super) async fn org_claims_hold(
        &self,
        session_id: &str,
        claims: &OrgClaims,
    ) -> Result<bool> {
        Ok(self
            .store
            .active_org(session_id)
            .await?
            .is_some_and(|(org, role)| org.id == claims.org_id && role == claims.org_role))
    }

    // ---- invitations ----

    /// Invites `email` to `org_id` as `role` (`members:write`; as `owner`, `owners:write`):
    /// mails a single-use link, good for 7 days, to the page that accepts it.
    pub async fn invite(
        &self,
        auth: &Authenticated,
        org_id: &str,
        email: &str,
        role: &str,
    ) -> Result<Invitation> {
        let (org, mine) = self.org_for(auth, org_id, permission::MEMBERS_WRITE).await?;
        if !self.settings.org_roles.exists(role) {
            return Err(invalid("role is not one of this deployment's roles"));
        }
        if role == OWNER && !self.settings.org_roles.allows(&mine, permission::OWNERS_WRITE) {
            return Err(not_allowed());
        }
        let email = crate::domain::Email::parse(email)
            .map_err(|_| AppError::bad_request(ErrorCode::InvalidEmail, "Invalid email address"))?;
        let email = email.as_str().to_owned();
        let token = crate::auth::OpaqueToken::generate();
        let now = now_ms();
        let inv = NewInvitation {
            id: uuid::Uuid::now_v7().to_string(),
            organization_id: org.id.clone(),
            email_key: crate::domain::email_key(&email),
            email: email.clone(),
            role: role.to_owned(),
            token_hash: token.hash.clone(),
            inviter_id: auth.user.id.clone(),
            now,
            expires_at: now + crate::domain::mail::ORG_INVITATION_TTL_MS,
        };
        let link = format!("{}/account/invitation?token={}", self.settings.public_url, token.plain);
        let inviter = auth.user.username.clone().unwrap_or_else(|| auth.user.email.clone());
        // In the invitee's language when they have an account, else in the inviter's.
        let invitee = self.store.user_by_email(&inv.email_key).await?;
        let locale = invitee.and_then(|u| u.user.locale).or_else(|| auth.user.locale.clone());
        let letters = self.mailer.in_locale(locale.as_deref());
        let mail = letters.org_invitation(&email, &link, &inviter, &org.name, role)?;
        let event = Event::new(AuditEvent::OrgInvitationCreated)
            .user(&auth.user.id)
            .identifier(&inv.email_key)
            .detail(format!("organization {} invitation {} role {role}", org.id, inv.id));
        let create = async |audit: &mut crate::store::Audit| {
            Ok(self.store.create_invitation(&inv, &mail, audit).await?)
        };
        self.audited(&auth.client, event, create).await?;
        Ok(Invitation {
            id: inv.id,
            organization_id: inv.organization_id,
            email,
            role: inv.role,
            inviter_id: inv.inviter_id,
            created_at: now,
            expires_at: inv.expires_at,
        })
    }

    /// The open invitations of an organisation (`members:write`).
    pub async fn invitations(&self, auth: &Authenticated, org_id: &str) -> Result<Vec<Invitation>> {
        let (org, _) = self.org_for(auth, org_id, permission::MEMBERS_WRITE).await?;
        Ok(self.store.open_invitations(&org.id, now_ms()).await?)
    }

    /// Revokes an open invitation (`members:write`): its link stops working.
    pub async fn revoke_invitation(
        &self,
        auth: &Authenticated,
        org_id: &str,
        invitation_id: &str,
    ) -> Result<()> {
        let (org, _) = self.org_for(auth, org_id, permission::MEMBERS_WRITE).await?;
        let event = Event::new(AuditEvent::OrgInvitationRevoked)
            .user(&auth.user.id)
            .detail(format!("organization {} invitation {invitation_id}", org.id));
        let revoke = async |audit: &mut crate::store::Audit| {
            Ok(self.store.revoke_invitation(&org.id, invitation_id, now_ms(), audit).await?)
        };
        if self.audited(&auth.client, event, revoke).await? {
            Ok(())
        } else {
            Err(AppError::not_found(ErrorCode::InvitationNotFound, "No such open invitation"))
        }
    }

    /// The organisation and role an open invitation offers, for the page that asks.
    pub async fn invitation_offer(&self, token: &str) -> Result<(Invitation, Organization)> {
        let hash = crate::auth::hash_token(token.trim());
        let (inv, _) = self
            .store
            .invitation_by_token(&hash, now_ms())
            .await?
            .ok_or_else(invalid_invitation)?;
        let org =
            self.store.org_by_id(&inv.organization_id).await?.ok_or_else(invalid_invitation)?;
        Ok((inv, org))
    }

    /// Accepts an invitation with its token: the signed-in account must be the one whose
    /// proven address it names (a new account confirms its address first). Single use.
    pub async fn accept_invitation(
        &self,
        auth: &Authenticated,
        token: &str,
    ) -> Result<(Organization, String)> {
        let hash = crate::auth::hash_token(token.trim());
        let (inv, email_key) = self
            .store
            .invitation_by_token(&hash, now_ms())
            .await?
            .ok_or_else(invalid_invitation)?;
        if crate::domain::email_key(&auth.user.email) != email_key {
            return Err(AppError::forbidden(
                ErrorCode::Forbidden,
                "This invitation is for another email address: sign in with that one",
            ));
        }
        if !auth.user.email_verified {
            return Err(AppError::forbidden(
                ErrorCode::EmailNotVerified,
                "Confirm your email address first (the link in the verification mail), then accept",
            ));
        }
        let event = Event::new(AuditEvent::OrgInvitationAccepted).user(&auth.user.id).detail(
            format!("organization {} invitation {} role {}", inv.organization_id, inv.id, inv.role),
        );
        let roles = &self.settings.org_roles;
        let inviter_may = |role: &str| {
            roles.allows(role, permission::MEMBERS_WRITE)
                && (inv.role != OWNER || roles.allows(role, permission::OWNERS_WRITE))
        };
        let accept = async |audit: &mut crate::store::Audit| {
            let store = &self.store;
            Ok(store.accept_invitation(&inv, &auth.user.id, inviter_may, now_ms(), audit).await?)
        };
        if !self.audited(&auth.client, event, accept).await? {
            return Err(invalid_invitation());
        }
        self.org_for(auth, &inv.organization_id, permission::READ).await
    }

    // ---- teams ----

    /// The teams of an organisation (every member).
    pub async fn teams(&self, auth: &Authenticated, org_id: &str) -> Result<Vec<Team>> {
        let (org, _) = self.org_for(auth, org_id, permission::READ).await?;
        Ok(self.store.teams(&org.id).await?)
    }

    /// Makes a team (`members:write`).
    pub async fn create_team(
        &self,
        auth: &Authenticated,
        org_id: &str,
        name: &str,
    ) -> Result<Team> {
        let (org, _) = self.org_for(auth, org_id, permission::MEMBERS_WRITE).await?;
        let team = Team {
            id: uuid::Uuid::now_v7().to_string(),
            organization_id: org.id.clone(),
            name: checked_name(name)?,
            created_at: now_ms(),
        };
        let event = Event::new(AuditEvent::OrgTeamCreated)
            .user(&auth.user.id)
            .detail(format!("organization {} team {} created", org.id, team.id));
        let create = async |audit: &mut crate::store::Audit| {
            Ok(self.store.create_team(&team, audit).await?)
        };
        self.audited(&auth.client, event, create).await?;
        Ok(team)
    }

    /// `team_id` of `org_id` for `auth`, whose role must allow `permission`.
    async fn team_for(
        &self,
        auth: &Authenticated,
        org_id: &str,
        team_id: &str,
        permission: &str,
    ) -> Result<Team> {
        let (org, _) = self.org_for(auth, org_id, permission).await?;
        self.store.team(&org.id, team_id).await?.ok_or_else(team_not_found)
    }

    /// Deletes a team (`members:write`); its members stay in the organisation.
    pub async fn delete_team(
        &self,
        auth: &Authenticated,
        org_id: &str,
        team_id: &str,
    ) -> Result<()> {
        let team = self.team_for(auth, org_id, team_id, permission::MEMBERS_WRITE).await?;
        let event = Event::new(AuditEvent::OrgTeamDeleted)
            .user(&auth.user.id)
            .detail(format!("organization {} team {} deleted", team.organization_id, team.id));
        let delete = async |audit: &mut crate::store::Audit| {
            Ok(self.store.delete_team(&team.id, audit).await?)
        };
        self.audited(&auth.client, event, delete).await
    }

    /// The members of a team (every member of the organisation).
    pub async fn team_members(
        &self,
        auth: &Authenticated,
        org_id: &str,
        team_id: &str,
    ) -> Result<Vec<OrgMember>> {
        let team = self.team_for(auth, org_id, team_id, permission::MEMBERS_READ).await?;
        Ok(self.store.team_members(&team.id).await?)
    }

    /// Puts a member of the organisation in a team (`members:write`); `404 member_not_found`
    /// for anyone not a member of the organisation.
    pub async fn add_team_member(
        &self,
        auth: &Authenticated,
        org_id: &str,
        team_id: &str,
        user_id: &str,
    ) -> Result<()> {
        let team = self.team_for(auth, org_id, team_id, permission::MEMBERS_WRITE).await?;
        self.member_role(&team.organization_id, user_id).await?;
        let event = Event::new(AuditEvent::OrgTeamMemberAdded).user(&auth.user.id).detail(format!(
            "organization {} team {} member {user_id} added",
            team.organization_id, team.id
        ));
        let add = async |audit: &mut crate::store::Audit| {
            Ok(self.store.add_team_member(&team.id, user_id, now_ms(), audit).await?)
        };
        self.audited(&auth.client, event, add).await?;
        Ok(())
    }

    /// Takes a member out of a team (`members:write`).
    pub async fn remove_team_member(
        &self,
        auth: &Authenticated,
        org_id: &str,
        team_id: &str,
        user_id: &str,
    ) -> Result<()> {
        let team = self.team_for(auth, org_id, team_id, permission::MEMBERS_WRITE).await?;
        let event =
            Event::new(AuditEvent::OrgTeamMemberRemoved).user(&auth.user.id).detail(format!(
                "organization {} team {} member {user_id} removed",
                team.organization_id, team.id
            ));
        let remove = async |audit: &mut crate::store::Audit| {
            Ok(self.store.remove_team_member(&team.id, user_id, audit).await?)
        };
        if self.audited(&auth.client, event, remove).await? {
            Ok(())
        } else {
            Err(AppError::not_found(ErrorCode::MemberNotFound, "Not a member of this team"))
        }
    }
}

fn team_not_found() -> AppError {
    AppError::not_found(ErrorCode::NotFound, "No such team in this organisation")
}

fn invalid_invitation() -> AppError {
    AppError::bad_request(
        ErrorCode::InvalidToken,
        "The invitation is invalid, used, revoked or expired",
    )
}
