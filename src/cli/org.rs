//! `portcullis org …`: the operator's organisations, through the service calls the admin API
//! makes (`/api/admin/organizations`), audited as the operator. JSON on standard output, one
//! object (`list` and `members`: one per line); an error exits non-zero with the reason.

use clap::Subcommand;

use crate::error::AppError;
use crate::service::{operator, AdminOrganization, Auth, OrgInput, OrganizationMember, UserRef};

#[derive(Subcommand)]
pub(super) enum OrgCommand {
    /// Every organisation, by id, as JSON lines.
    List,
    /// Make an organisation; its first owner is an existing user.
    Create {
        /// 1 to 200 characters.
        #[arg(long)]
        name: String,
        /// 2 to 48 of a-z, 0-9 and inner '-' (default: made from the name).
        #[arg(long)]
        slug: Option<String>,
        /// A JSON object of the application's own, at most 4 KiB.
        #[arg(long, value_parser = json_object)]
        metadata: Option<serde_json::Value>,
        /// The first owner: an email address or a user id.
        #[arg(long)]
        owner: String,
    },
    /// One organisation, as JSON.
    Show { id: String },
    /// Change an organisation: what is given replaces what was there; the rest is kept.
    Update {
        id: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        slug: Option<String>,
        #[arg(long, value_parser = json_object)]
        metadata: Option<serde_json::Value>,
    },
    /// Delete an organisation with its memberships; the tokens that carry it fail at once.
    Delete { id: String },
    /// The members of an organisation, oldest first, as JSON lines.
    Members { id: String },
    /// Make a user (an email address or a user id) a member, or give a member this role.
    AddMember {
        id: String,
        user: String,
        /// owner, admin, member, or a role of PORTCULLIS_ORG_ROLES.
        #[arg(long, default_value = "member")]
        role: String,
    },
    /// Give a member another role (the last owner stays one).
    SetRole { id: String, user: String, role: String },
    /// Remove a member (not the last owner); their tokens for it fail at once.
    RemoveMember { id: String, user: String },
}

fn json_object(s: &str) -> Result<serde_json::Value, String> {
    let v: serde_json::Value = serde_json::from_str(s).map_err(|e| e.to_string())?;
    if v.is_object() {
        Ok(v)
    } else {
        Err("a JSON object, e.g. '{\"plan\": \"pro\"}'".into())
    }
}

fn print(v: &impl serde::Serialize) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string(v)?);
    Ok(())
}

pub(super) async fn run(auth: &Auth, command: OrgCommand) -> anyhow::Result<()> {
    let by = operator();
    let org = |o: &crate::domain::org::Organization| AdminOrganization::from(o);
    match command {
        OrgCommand::List => {
            let mut after: Option<String> = None;
            loop {
                let page = auth
                    .organizations(after.as_deref(), 200)
                    .await
                    .map_err(AppError::into_anyhow)?;
                for o in &page {
                    print(&org(o))?;
                }
                match page.last() {
                    Some(last) if page.len() == 200 => after = Some(last.id.clone()),
                    _ => break,
                }
            }
        }
        OrgCommand::Create { name, slug, metadata, owner } => {
            let input = OrgInput { name: Some(name), slug, metadata };
            let made = auth
                .operator_create_org(input, UserRef::guess(&owner), &by, None)
                .await
                .map_err(AppError::into_anyhow)?;
            print(&org(&made))?;
        }
        OrgCommand::Show { id } => {
            print(&org(&auth.organization(&id).await.map_err(AppError::into_anyhow)?))?;
        }
        OrgCommand::Update { id, name, slug, metadata } => {
            let input = OrgInput { name, slug, metadata };
            let changed = auth
                .operator_update_org(&id, input, &by, None)
                .await
                .map_err(AppError::into_anyhow)?;
            print(&org(&changed))?;
        }
        OrgCommand::Delete { id } => {
            let gone =
                auth.operator_delete_org(&id, &by, None).await.map_err(AppError::into_anyhow)?;
            eprintln!("deleted organization {} ({})", gone.id, gone.slug);
        }
        OrgCommand::Members { id } => {
            for m in auth.organization_members(&id).await.map_err(AppError::into_anyhow)? {
                print(&OrganizationMember::from(&m))?;
            }
        }
        OrgCommand::AddMember { id, user, role } => set(auth, &id, &user, &role, false).await?,
        OrgCommand::SetRole { id, user, role } => set(auth, &id, &user, &role, true).await?,
        OrgCommand::RemoveMember { id, user } => {
            auth.operator_remove_member(&id, UserRef::guess(&user), &by, None)
                .await
                .map_err(AppError::into_anyhow)?;
            eprintln!("removed {user} from organization {id}");
        }
    }
    Ok(())
}

/// `add-member` and `set-role`: both as `PUT /api/admin/organizations/{id}/members/{user_id}`,
/// but `set-role` (`existing`) only for a member, so a typo adds nobody.
async fn set(auth: &Auth, id: &str, user: &str, role: &str, existing: bool) -> anyhow::Result<()> {
    let who = UserRef::guess(user);
    if existing {
        let members = auth.organization_members(id).await.map_err(AppError::into_anyhow)?;
        let named = |m: &crate::store::OrgMember| match who {
            UserRef::Id(u) => m.user_id == u,
            UserRef::Email(e) => crate::domain::email_key(&m.email) == crate::domain::email_key(e),
        };
        if !members.iter().any(named) {
            anyhow::bail!("{user} is not a member of organization {id}: use add-member");
        }
    }
    let (member, added) = auth
        .operator_set_member(id, who, role, &operator(), None)
        .await
        .map_err(AppError::into_anyhow)?;
    let out = serde_json::json!({"member": OrganizationMember::from(&member), "added": added});
    print(&out)
}
