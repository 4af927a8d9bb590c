//! Organisations (docs/organizations.md): a customer's company inside the auth server, its
//! members and their roles. No I/O.
//!
//! Roles: `owner` (everything, the organisation's deletion and other owners included),
//! `admin` (the organisation's details and its members, owners excepted), `member` (reads),
//! and the deployment's own roles (`PORTCULLIS_ORG_ROLES`), each a member's reads plus the
//! permissions it names, which the organisation's tokens carry for the application to check.

use std::collections::BTreeMap;

pub const OWNER: &str = "owner";
pub const ADMIN: &str = "admin";
pub const MEMBER: &str = "member";

/// What a role may do here, as the tokens' `org_permissions` name it.
pub mod permission {
    pub const READ: &str = "organization:read";
    pub const UPDATE: &str = "organization:update";
    pub const DELETE: &str = "organization:delete";
    pub const MEMBERS_READ: &str = "members:read";
    pub const MEMBERS_WRITE: &str = "members:write";
    /// Making, demoting or removing an owner.
    pub const OWNERS_WRITE: &str = "owners:write";
}

use permission as p;

const OWNER_PERMISSIONS: &[&str] =
    &[p::READ, p::UPDATE, p::DELETE, p::MEMBERS_READ, p::MEMBERS_WRITE, p::OWNERS_WRITE];
const ADMIN_PERMISSIONS: &[&str] = &[p::READ, p::UPDATE, p::MEMBERS_READ, p::MEMBERS_WRITE];
const MEMBER_PERMISSIONS: &[&str] = &[p::READ, p::MEMBERS_READ];

/// An organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organization {
    pub id: String,
    /// Unique, URL-friendly: 2 to 48 of `a-z`, `0-9` and inner `-`.
    pub slug: String,
    pub name: String,
    /// A JSON object, the application's own (at most 4 KiB).
    pub metadata: serde_json::Value,
    /// Unix milliseconds.
    pub created_at: i64,
    pub updated_at: i64,
}

/// The roles of a deployment: the built-in three and `PORTCULLIS_ORG_ROLES`'.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roles {
    custom: BTreeMap<String, Vec<String>>,
}

impl Roles {
    /// Parses `PORTCULLIS_ORG_ROLES`: comma-separated `name=permission permission …`.
    pub fn parse(setting: &str) -> Result<Self, String> {
        let mut custom = BTreeMap::new();
        for entry in setting.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            let (name, perms) = entry
                .split_once('=')
                .ok_or_else(|| format!("{entry:?}: write a role as name=permission permission"))?;
            let name = name.trim();
            if !role_name_ok(name) || [OWNER, ADMIN, MEMBER].contains(&name) {
                return Err(format!(
                    "{name:?}: a role is 1 to 32 of a-z, 0-9, '_' and '-', and not owner, admin \
                     or member"
                ));
            }
            let mut list: Vec<String> =
                MEMBER_PERMISSIONS.iter().map(|s| (*s).to_owned()).collect();
            for perm in perms.split_whitespace() {
                if !permission_ok(perm) {
                    return Err(format!(
                        "{perm:?}: a permission is 1 to 64 of a-z, A-Z, 0-9, ':', '.', '_', '-'"
                    ));
                }
                if !list.iter().any(|p| p == perm) {
                    list.push(perm.to_owned());
                }
            }
            if custom.insert(name.to_owned(), list).is_some() {
                return Err(format!("{name:?} is defined twice"));
            }
        }
        Ok(Self { custom })
    }

    /// The permissions of `role`, if it is one.
    pub fn permissions(&self, role: &str) -> Option<Vec<String>> {
        let builtin = match role {
            OWNER => OWNER_PERMISSIONS,
            ADMIN => ADMIN_PERMISSIONS,
            MEMBER => MEMBER_PERMISSIONS,
            other => return self.custom.get(other).cloned(),
        };
        Some(builtin.iter().map(|s| (*s).to_owned()).collect())
    }

    pub fn exists(&self, role: &str) -> bool {
        self.permissions(role).is_some()
    }

    /// Whether `role` may do `permission`. An unknown role (one removed from the
    /// configuration) may do nothing.
    pub fn allows(&self, role: &str, permission: &str) -> bool {
        self.permissions(role).is_some_and(|ps| ps.iter().any(|p| p == permission))
    }

    /// Every role's name, the built-in ones first.
    pub fn names(&self) -> Vec<String> {
        let mut out: Vec<String> = [OWNER, ADMIN, MEMBER].map(String::from).to_vec();
        out.extend(self.custom.keys().cloned());
        out
    }
}

fn role_name_ok(s: &str) -> bool {
    (1..=32).contains(&s.len())
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

fn permission_ok(s: &str) -> bool {
    (1..=64).contains(&s.len())
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || b":._-".contains(&b))
}

/// A slug: 2 to 48 of `a-z`, `0-9` and `-`, not at either end.
pub fn slug_ok(s: &str) -> bool {
    (2..=48).contains(&s.len())
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// A slug made from a name: lower case, runs of anything else as one `-`.
pub fn slug_from(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out: String = out.trim_end_matches('-').chars().take(48).collect();
    out.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_parse_and_grant_what_they_name() {
        let roles =
            Roles::parse("billing=invoices:read invoices:write, support=tickets:read").unwrap();
        assert!(roles.allows("billing", "invoices:write"));
        assert!(roles.allows("billing", p::READ), "a member's reads too");
        assert!(!roles.allows("billing", p::MEMBERS_WRITE));
        assert!(roles.allows(OWNER, p::OWNERS_WRITE));
        assert!(!roles.allows(ADMIN, p::OWNERS_WRITE));
        assert!(!roles.allows("gone", p::READ));
        for bad in ["owner=x", "Bad=x", "a", "a=b c,a=d", "x=bad perm!"] {
            assert!(Roles::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(roles.names(), ["owner", "admin", "member", "billing", "support"]);
    }

    #[test]
    fn slugs() {
        assert!(slug_ok("acme") && slug_ok("acme-2"));
        for bad in ["a", "-acme", "acme-", "Acme", "ac me", &"a".repeat(49)] {
            assert!(!slug_ok(bad), "{bad}");
        }
        assert_eq!(slug_from("  Acme, Inc. "), "acme-inc");
        assert_eq!(slug_from("Ünïcode Co"), "n-code-co");
    }
}
