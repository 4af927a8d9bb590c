//! Organisations' rows (docs/organizations.md): the organisations, their members with their
//! roles, and each session's active organisation.
//!
//! The last owner rule is kept by the statements themselves: a demotion or removal of an owner
//! changes a row only while another owner remains, so no path (the API, the pages, the admin
//! API) can leave an organisation without one.

use sqlx::{Any, Transaction};

use super::row::Text;
use super::{Audit, Result, Store};
use crate::domain::org::{Organization, OWNER};

#[derive(sqlx::FromRow)]
struct OrgRow {
    #[sqlx(try_from = "Text")]
    id: String,
    #[sqlx(try_from = "Text")]
    slug: String,
    #[sqlx(try_from = "Text")]
    name: String,
    #[sqlx(try_from = "Text")]
    metadata: String,
    created_at: i64,
    updated_at: i64,
}

impl From<OrgRow> for Organization {
    fn from(r: OrgRow) -> Self {
        Self {
            id: r.id,
            slug: r.slug,
            name: r.name,
            metadata: serde_json::from_str(&r.metadata).unwrap_or_else(|_| serde_json::json!({})),
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

#[derive(sqlx::FromRow)]
struct MembershipRow {
    #[sqlx(flatten)]
    org: OrgRow,
    #[sqlx(try_from = "Text")]
    role: String,
}

/// A member as the organisation lists it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OrgMember {
    #[sqlx(try_from = "Text")]
    pub user_id: String,
    #[sqlx(try_from = "Text")]
    pub email: String,
    #[sqlx(try_from = "super::row::NullableText")]
    pub username: Option<String>,
    #[sqlx(try_from = "Text")]
    pub role: String,
    /// When they joined (Unix ms).
    pub created_at: i64,
}

/// What a change to a membership did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberChange {
    Done,
    /// No such member.
    NotMember,
    /// The member is the last owner: refused.
    LastOwner,
}

/// An organisation's columns (decoded by [`OrgRow`]) and the member's role, then `$tail`.
macro_rules! membership_sql {
    ($tail:literal) => {
        concat!(
            "SELECT o.id, o.slug, o.name, o.metadata, o.created_at, o.updated_at, m.role ",
            $tail
        )
    };
}

/// A member's row, `$1` the organisation and `$2` the user, changed by `$verb` (which uses no
/// placeholder) only while it is not an owner's or another owner remains (`$3`, `$4`: the
/// organisation and the user again; a derived table, as MySQL cannot otherwise read the
/// table it changes).
macro_rules! unless_last_owner {
    ($verb:literal) => {
        concat!(
            $verb,
            " WHERE organization_id = $1 AND user_id = $2 AND (role <> 'owner' OR EXISTS ",
            "(SELECT 1 FROM (SELECT user_id FROM organization_members WHERE organization_id = $3 ",
            "AND role = 'owner') AS owners WHERE owners.user_id <> $4))"
        )
    };
}

impl Store {
    /// Writes a new organisation with its first owner. `false`: its slug is taken.
    pub async fn create_org(
        &self,
        org: &Organization,
        owner: &str,
        audit: &mut Audit,
    ) -> Result<bool> {
        let mut tx = self.begin().await?;
        let inserted = self
            .q("INSERT INTO organizations (id, slug, name, metadata, created_at, updated_at) \
                VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(org.id.clone())
            .bind(org.slug.clone())
            .bind(org.name.clone())
            .bind(org.metadata.to_string())
            .bind(org.created_at)
            .bind(org.updated_at)
            .execute(self.on(&mut *tx))
            .await;
        match inserted {
            Ok(_) => {}
            Err(e) if super::is_unique_violation(&e) => return Ok(false),
            Err(e) => return Err(e.into()),
        }
        self.add_member_in(&mut tx, &org.id, owner, OWNER, org.created_at).await?;
        self.commit_change(tx, None, audit).await?;
        Ok(true)
    }

    async fn add_member_in(
        &self,
        tx: &mut Transaction<'static, Any>,
        org_id: &str,
        user_id: &str,
        role: &str,
        now: i64,
    ) -> Result<()> {
        self.q("INSERT INTO organization_members (organization_id, user_id, role, created_at, \
                updated_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(org_id.to_owned())
            .bind(user_id.to_owned())
            .bind(role.to_owned())
            .bind(now)
            .bind(now)
            .execute(self.on(&mut **tx))
            .await?;
        Ok(())
    }

    /// Adds a member (`false`: they already are one).
    pub async fn add_org_member(
        &self,
        org_id: &str,
        user_id: &str,
        role: &str,
        now: i64,
        audit: &mut Audit,
    ) -> Result<bool> {
        let mut tx = self.begin().await?;
        match self.add_member_in(&mut tx, org_id, user_id, role, now).await {
            Ok(()) => {}
            Err(super::StoreError::Database(e)) if super::is_unique_violation(&e) => {
                return Ok(false)
            }
            Err(e) => return Err(e),
        }
        self.commit_change(tx, None, audit).await?;
        Ok(true)
    }

    /// The organisation `org_id` with `user_id`'s role in it, if they are a member.
    pub async fn org_membership(
        &self,
        org_id: &str,
        user_id: &str,
    ) -> Result<Option<(Organization, String)>> {
        const SQL: &str = membership_sql!(
            "FROM organizations o JOIN organization_members m ON m.organization_id = o.id \
             WHERE o.id = $1 AND m.user_id = $2"
        );
        let row: Option<MembershipRow> = self
            .q_as(SQL)
            .bind(org_id.to_owned())
            .bind(user_id.to_owned())
            .fetch_optional(self.db())
            .await?;
        Ok(row.map(|r| (r.org.into(), r.role)))
    }

    /// An organisation by id.
    pub async fn org_by_id(&self, org_id: &str) -> Result<Option<Organization>> {
        let row: Option<OrgRow> = self
            .q_as(
                "SELECT id, slug, name, metadata, created_at, updated_at FROM organizations \
                   WHERE id = $1",
            )
            .bind(org_id.to_owned())
            .fetch_optional(self.db())
            .await?;
        Ok(row.map(Organization::from))
    }

    /// An organisation by slug (unique).
    pub async fn org_by_slug(&self, slug: &str) -> Result<Option<Organization>> {
        let row: Option<OrgRow> = self
            .q_as(
                "SELECT id, slug, name, metadata, created_at, updated_at FROM organizations \
                   WHERE slug = $1",
            )
            .bind(slug.to_owned())
            .fetch_optional(self.db())
            .await?;
        Ok(row.map(Organization::from))
    }

    /// Every organisation `user_id` belongs to, with their role, oldest membership first.
    pub async fn orgs_of(&self, user_id: &str) -> Result<Vec<(Organization, String)>> {
        const SQL: &str = membership_sql!(
            "FROM organizations o JOIN organization_members m ON m.organization_id = o.id \
             WHERE m.user_id = $1 ORDER BY m.created_at, o.id"
        );
        let rows: Vec<MembershipRow> =
            self.q_as(SQL).bind(user_id.to_owned()).fetch_all(self.db()).await?;
        Ok(rows.into_iter().map(|r| (r.org.into(), r.role)).collect())
    }

    /// Rewrites an organisation's slug, name and metadata. `false`: the slug is another's.
    pub async fn update_org(&self, org: &Organization, audit: &mut Audit) -> Result<bool> {
        let update = self
            .q("UPDATE organizations SET slug = $1, name = $2, metadata = $3, updated_at = $4 \
                WHERE id = $5")
            .bind(org.slug.clone())
            .bind(org.name.clone())
            .bind(org.metadata.to_string())
            .bind(org.updated_at)
            .bind(org.id.clone());
        self.change_unique(update, audit).await
    }

    /// Deletes an organisation with its memberships; no session acts for it any more.
    pub async fn delete_org(&self, org_id: &str, audit: &mut Audit) -> Result<bool> {
        let mut tx = self.begin().await?;
        self.q("UPDATE sessions SET active_org_id = NULL WHERE active_org_id = $1")
            .bind(org_id.to_owned())
            .execute(self.on(&mut *tx))
            .await?;
        for sql in [
            "DELETE FROM organization_team_members WHERE team_id IN \
             (SELECT id FROM organization_teams WHERE organization_id = $1)",
            "DELETE FROM organization_teams WHERE organization_id = $1",
            "DELETE FROM organization_invitations WHERE organization_id = $1",
            "DELETE FROM organization_members WHERE organization_id = $1",
        ] {
            self.q(sql).bind(org_id.to_owned()).execute(self.on(&mut *tx)).await?;
        }
        let n = self
            .q("DELETE FROM organizations WHERE id = $1")
            .bind(org_id.to_owned())
            .execute(self.on(&mut *tx))
            .await?
            .rows_affected();
        if n == 0 {
            return Ok(false);
        }
        self.commit_change(tx, None, audit).await?;
        Ok(true)
    }

    /// The members of an organisation, oldest first.
    pub async fn org_members(&self, org_id: &str) -> Result<Vec<OrgMember>> {
        Ok(self
            .q_as(
                "SELECT m.user_id, u.email, u.username, m.role, m.created_at \
                   FROM organization_members m JOIN users u ON u.id = m.user_id \
                  WHERE m.organization_id = $1 ORDER BY m.created_at, m.user_id",
            )
            .bind(org_id.to_owned())
            .fetch_all(self.db())
            .await?)
    }

    /// Gives a member another role; an owner's only while another owner remains.
    pub async fn set_org_role(
        &self,
        org_id: &str,
        user_id: &str,
        role: &str,
        now: i64,
        audit: &mut Audit,
    ) -> Result<MemberChange> {
        let mut tx = self.begin().await?;
        self.lock_org_in(&mut tx, org_id).await?;
        let n = self
            .q("UPDATE organization_members SET role = $1, updated_at = $2 \
                WHERE organization_id = $3 AND user_id = $4 AND (role <> 'owner' OR $5 = 1 \
                OR EXISTS (SELECT 1 FROM (SELECT user_id FROM organization_members \
                WHERE organization_id = $6 AND role = 'owner') AS owners \
                WHERE owners.user_id <> $7))")
            .bind(role.to_owned())
            .bind(now)
            .bind(org_id.to_owned())
            .bind(user_id.to_owned())
            .bind(i64::from(role == OWNER))
            .bind(org_id.to_owned())
            .bind(user_id.to_owned())
            .execute(self.on(&mut *tx))
            .await?
            .rows_affected();
        if n == 0 {
            drop(tx);
            return self.why_unchanged(org_id, user_id).await;
        }
        self.commit_change(tx, None, audit).await?;
        Ok(MemberChange::Done)
    }

    /// Removes a member (an owner only while another owner remains); their sessions stop
    /// acting for the organisation, so the tokens that carry it fail at once.
    pub async fn remove_org_member(
        &self,
        org_id: &str,
        user_id: &str,
        audit: &mut Audit,
    ) -> Result<MemberChange> {
        let mut tx = self.begin().await?;
        self.lock_org_in(&mut tx, org_id).await?;
        let n = self
            .q(unless_last_owner!("DELETE FROM organization_members"))
            .bind(org_id.to_owned())
            .bind(user_id.to_owned())
            .bind(org_id.to_owned())
            .bind(user_id.to_owned())
            .execute(self.on(&mut *tx))
            .await?
            .rows_affected();
        if n == 0 {
            drop(tx);
            return self.why_unchanged(org_id, user_id).await;
        }
        self.q(
            "UPDATE sessions SET active_org_id = NULL WHERE user_id = $1 AND active_org_id = $2",
        )
        .bind(user_id.to_owned())
        .bind(org_id.to_owned())
        .execute(self.on(&mut *tx))
        .await?;
        // Out of the organisation, out of its teams.
        self.q("DELETE FROM organization_team_members WHERE user_id = $1 AND team_id IN \
                (SELECT id FROM organization_teams WHERE organization_id = $2)")
            .bind(user_id.to_owned())
            .bind(org_id.to_owned())
            .execute(self.on(&mut *tx))
            .await?;
        self.commit_change(tx, None, audit).await?;
        Ok(MemberChange::Done)
    }

    /// Takes the organisation's row lock in `tx` (on SQLite, the database's write lock), so
    /// changes to its owners are made one after another: two owners demoting each other at once
    /// cannot both see the other still an owner.
    async fn lock_org_in(&self, tx: &mut Transaction<'static, Any>, org_id: &str) -> Result<()> {
        let sql = match self.backend {
            super::Backend::Sqlite => {
                "UPDATE organizations SET updated_at = updated_at WHERE id = $1"
            }
            _ => "SELECT id FROM organizations WHERE id = $1 FOR UPDATE",
        };
        self.q(sql).bind(org_id.to_owned()).execute(self.on(&mut **tx)).await?;
        Ok(())
    }

    async fn why_unchanged(&self, org_id: &str, user_id: &str) -> Result<MemberChange> {
        let role: Option<Text> = self
            .q_scalar(
                "SELECT role FROM organization_members WHERE organization_id = $1 AND user_id = $2",
            )
            .bind(org_id.to_owned())
            .bind(user_id.to_owned())
            .fetch_optional(self.db())
            .await?;
        Ok(match role {
            None => MemberChange::NotMember,
            Some(_) => MemberChange::LastOwner,
        })
    }

    /// The names of the organisations `user_id` is the only owner of while others belong to
    /// them (deleting the account would leave them without an owner), each locked in `tx`
    /// (in id order, as every path that locks several does) before it is judged.
    pub(super) async fn orgs_only_owned_by_in(
        &self,
        tx: &mut Transaction<'static, Any>,
        user_id: &str,
    ) -> Result<Vec<String>> {
        let owned: Vec<Text> = self
            .q_scalar(
                "SELECT organization_id FROM organization_members \
                  WHERE user_id = $1 AND role = 'owner' ORDER BY organization_id",
            )
            .bind(user_id.to_owned())
            .fetch_all(self.on(&mut **tx))
            .await?;
        for org in &owned {
            self.lock_org_in(tx, &org.0).await?;
        }
        let names: Vec<Text> = self
            .q_scalar(
                "SELECT o.name FROM organizations o JOIN organization_members m \
                   ON m.organization_id = o.id AND m.user_id = $1 AND m.role = 'owner' \
                  WHERE NOT EXISTS (SELECT 1 FROM organization_members x \
                                     WHERE x.organization_id = o.id AND x.user_id <> $2 \
                                       AND x.role = 'owner') \
                    AND EXISTS (SELECT 1 FROM organization_members y \
                                 WHERE y.organization_id = o.id AND y.user_id <> $3) \
                  ORDER BY o.name",
            )
            .bind(user_id.to_owned())
            .bind(user_id.to_owned())
            .bind(user_id.to_owned())
            .fetch_all(self.on(&mut **tx))
            .await?;
        Ok(names.into_iter().map(|t| t.0).collect())
    }

    /// Makes `org_id` (or none) the organisation session `session_id` acts for.
    pub async fn set_active_org(&self, session_id: &str, org_id: Option<&str>) -> Result<()> {
        self.q("UPDATE sessions SET active_org_id = $1 WHERE id = $2")
            .bind(org_id.map(str::to_owned))
            .bind(session_id.to_owned())
            .execute(self.db())
            .await?;
        Ok(())
    }

    /// The organisation session `session_id` acts for, with the user's role in it: none when
    /// it acts for none, or its user is no longer a member.
    pub async fn active_org(&self, session_id: &str) -> Result<Option<(Organization, String)>> {
        const SQL: &str = membership_sql!(
            "FROM sessions s JOIN organization_members m ON m.organization_id = s.active_org_id \
             AND m.user_id = s.user_id JOIN organizations o ON o.id = m.organization_id \
             WHERE s.id = $1"
        );
        let row: Option<MembershipRow> =
            self.q_as(SQL).bind(session_id.to_owned()).fetch_optional(self.db()).await?;
        Ok(row.map(|r| (r.org.into(), r.role)))
    }

    /// Writes an invitation and queues its mail, in one transaction.
    pub async fn create_invitation(
        &self,
        inv: &NewInvitation,
        mail: &crate::store::OutboxMail,
        audit: &mut Audit,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        self.q("INSERT INTO organization_invitations (id, organization_id, email, email_key, \
                role, token_hash, inviter_id, created_at, expires_at) \
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
            .bind(inv.id.clone())
            .bind(inv.organization_id.clone())
            .bind(inv.email.clone())
            .bind(inv.email_key.clone())
            .bind(inv.role.clone())
            .bind(inv.token_hash.clone())
            .bind(inv.inviter_id.clone())
            .bind(inv.now)
            .bind(inv.expires_at)
            .execute(self.on(&mut *tx))
            .await?;
        self.enqueue(&mut tx, mail, inv.now).await?;
        self.commit_change(tx, None, audit).await?;
        Ok(())
    }

    /// The invitations of an organisation still open (neither accepted, revoked nor expired).
    pub async fn open_invitations(&self, org_id: &str, now: i64) -> Result<Vec<Invitation>> {
        Ok(self
            .q_as(
                "SELECT id, organization_id, email, role, inviter_id, created_at, expires_at \
                   FROM organization_invitations WHERE organization_id = $1 \
                    AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $2 \
                  ORDER BY created_at, id",
            )
            .bind(org_id.to_owned())
            .bind(now)
            .fetch_all(self.db())
            .await?)
    }

    /// Revokes an open invitation of `org_id`. `false`: no such open invitation.
    pub async fn revoke_invitation(
        &self,
        org_id: &str,
        invitation_id: &str,
        now: i64,
        audit: &mut Audit,
    ) -> Result<bool> {
        let revoke = self
            .q("UPDATE organization_invitations SET revoked_at = $1 WHERE id = $2 \
                AND organization_id = $3 AND accepted_at IS NULL AND revoked_at IS NULL")
            .bind(now)
            .bind(invitation_id.to_owned())
            .bind(org_id.to_owned());
        self.change_one(revoke, audit).await
    }

    /// The open invitation whose token hashes to `token_hash`, if any.
    pub async fn invitation_by_token(
        &self,
        token_hash: &str,
        now: i64,
    ) -> Result<Option<(Invitation, String)>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            #[sqlx(flatten)]
            inv: Invitation,
            #[sqlx(try_from = "Text")]
            email_key: String,
        }
        let row: Option<Row> = self
            .q_as(
                "SELECT id, organization_id, email, email_key, role, inviter_id, created_at, \
                        expires_at FROM organization_invitations WHERE token_hash = $1 \
                    AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $2",
            )
            .bind(token_hash.to_owned())
            .bind(now)
            .fetch_optional(self.db())
            .await?;
        Ok(row.map(|r| (r.inv, r.email_key)))
    }

    /// Spends invitation `invitation_id` for `user_id`, who joins with its role (or keeps the
    /// role they have, already a member). `false`: it was spent or revoked meanwhile, or its
    /// inviter is no longer a member whose role `inviter_may` accept.
    pub async fn accept_invitation(
        &self,
        inv: &Invitation,
        user_id: &str,
        inviter_may: impl FnOnce(&str) -> bool + Send,
        now: i64,
        audit: &mut Audit,
    ) -> Result<bool> {
        let mut tx = self.begin().await?;
        // Under the organisation's lock, the inviter must still be a member whose role may
        // issue it: removing, deleting or demoting them ends what they sent.
        self.lock_org_in(&mut tx, &inv.organization_id).await?;
        let inviter: Option<Text> = self
            .q_scalar(
                "SELECT role FROM organization_members WHERE organization_id = $1 AND user_id = $2",
            )
            .bind(inv.organization_id.clone())
            .bind(inv.inviter_id.clone())
            .fetch_optional(self.on(&mut *tx))
            .await?;
        if !inviter.is_some_and(|role| inviter_may(&role.0)) {
            return Ok(false);
        }
        let n = self
            .q("UPDATE organization_invitations SET accepted_at = $1 WHERE id = $2 \
                AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $3")
            .bind(now)
            .bind(inv.id.clone())
            .bind(now)
            .execute(self.on(&mut *tx))
            .await?
            .rows_affected();
        if n == 0 {
            return Ok(false);
        }
        let member: Option<Text> = self
            .q_scalar(
                "SELECT role FROM organization_members WHERE organization_id = $1 AND user_id = $2",
            )
            .bind(inv.organization_id.clone())
            .bind(user_id.to_owned())
            .fetch_optional(self.on(&mut *tx))
            .await?;
        if member.is_none() {
            self.add_member_in(&mut tx, &inv.organization_id, user_id, &inv.role, now).await?;
        }
        self.commit_change(tx, Some(user_id), audit).await?;
        Ok(true)
    }
}

/// An invitation to write (its token only as a hash).
pub struct NewInvitation {
    pub id: String,
    pub organization_id: String,
    pub email: String,
    pub email_key: String,
    pub role: String,
    pub token_hash: String,
    pub inviter_id: String,
    pub now: i64,
    pub expires_at: i64,
}

/// An invitation as listed.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Invitation {
    #[sqlx(try_from = "Text")]
    pub id: String,
    #[sqlx(try_from = "Text")]
    pub organization_id: String,
    #[sqlx(try_from = "Text")]
    pub email: String,
    #[sqlx(try_from = "Text")]
    pub role: String,
    #[sqlx(try_from = "Text")]
    pub inviter_id: String,
    pub created_at: i64,
    pub expires_at: i64,
}

/// The operator's reads (the admin API and `portcullis org`), which no membership limits.
impl Store {
    /// A page of organisations in id order after `after` (a keyset cursor: stable while
    /// organisations are added or removed).
    pub async fn orgs_page(&self, after: Option<&str>, limit: i64) -> Result<Vec<Organization>> {
        let rows: Vec<OrgRow> = self
            .q_as(
                "SELECT id, slug, name, metadata, created_at, updated_at FROM organizations \
                 WHERE id > $1 ORDER BY id LIMIT $2",
            )
            .bind(after.unwrap_or("").to_owned())
            .bind(limit)
            .fetch_all(self.db())
            .await?;
        Ok(rows.into_iter().map(Organization::from).collect())
    }
}

/// A team inside an organisation.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Team {
    #[sqlx(try_from = "Text")]
    pub id: String,
    #[sqlx(try_from = "Text")]
    pub organization_id: String,
    #[sqlx(try_from = "Text")]
    pub name: String,
    pub created_at: i64,
}

/// Teams: named groups of an organisation's members.
impl Store {
    pub async fn create_team(&self, team: &Team, audit: &mut Audit) -> Result<()> {
        let insert = self
            .q("INSERT INTO organization_teams (id, organization_id, name, created_at) \
                VALUES ($1, $2, $3, $4)")
            .bind(team.id.clone())
            .bind(team.organization_id.clone())
            .bind(team.name.clone())
            .bind(team.created_at);
        self.change_one(insert, audit).await.map(drop)
    }

    /// The teams of `org_id`, oldest first.
    pub async fn teams(&self, org_id: &str) -> Result<Vec<Team>> {
        Ok(self
            .q_as(
                "SELECT id, organization_id, name, created_at FROM organization_teams \
                  WHERE organization_id = $1 ORDER BY created_at, id",
            )
            .bind(org_id.to_owned())
            .fetch_all(self.db())
            .await?)
    }

    /// Team `team_id` of `org_id`, if it is one of its.
    pub async fn team(&self, org_id: &str, team_id: &str) -> Result<Option<Team>> {
        Ok(self
            .q_as(
                "SELECT id, organization_id, name, created_at FROM organization_teams \
                  WHERE id = $1 AND organization_id = $2",
            )
            .bind(team_id.to_owned())
            .bind(org_id.to_owned())
            .fetch_optional(self.db())
            .await?)
    }

    /// Deletes a team with its memberships.
    pub async fn delete_team(&self, team_id: &str, audit: &mut Audit) -> Result<()> {
        let mut tx = self.begin().await?;
        for sql in [
            "DELETE FROM organization_team_members WHERE team_id = $1",
            "DELETE FROM organization_teams WHERE id = $1",
        ] {
            self.q(sql).bind(team_id.to_owned()).execute(self.on(&mut *tx)).await?;
        }
        self.commit_change(tx, None, audit).await?;
        Ok(())
    }

    /// The members of a team (who are all members of its organisation), oldest first.
    pub async fn team_members(&self, team_id: &str) -> Result<Vec<OrgMember>> {
        Ok(self
            .q_as(
                "SELECT m.user_id, u.email, u.username, m.role, t.created_at \
                   FROM organization_team_members t \
                   JOIN organization_teams g ON g.id = t.team_id \
                   JOIN organization_members m ON m.organization_id = g.organization_id \
                    AND m.user_id = t.user_id \
                   JOIN users u ON u.id = t.user_id \
                  WHERE t.team_id = $1 ORDER BY t.created_at, t.user_id",
            )
            .bind(team_id.to_owned())
            .fetch_all(self.db())
            .await?)
    }

    /// Adds a member to a team. `false`: already in it.
    pub async fn add_team_member(
        &self,
        team_id: &str,
        user_id: &str,
        now: i64,
        audit: &mut Audit,
    ) -> Result<bool> {
        let insert = self
            .q("INSERT INTO organization_team_members (team_id, user_id, created_at) \
                VALUES ($1, $2, $3)")
            .bind(team_id.to_owned())
            .bind(user_id.to_owned())
            .bind(now);
        self.change_unique(insert, audit).await
    }

    /// Removes a member from a team. `false`: not in it.
    pub async fn remove_team_member(
        &self,
        team_id: &str,
        user_id: &str,
        audit: &mut Audit,
    ) -> Result<bool> {
        let delete = self
            .q("DELETE FROM organization_team_members WHERE team_id = $1 AND user_id = $2")
            .bind(team_id.to_owned())
            .bind(user_id.to_owned());
        self.change_one(delete, audit).await
    }
}
