-- Organisations (docs/organizations.md).
-- organizations: a customer's company; slug unique, metadata a JSON object (text).
CREATE TABLE organizations (
    id         TEXT PRIMARY KEY,
    slug       TEXT NOT NULL,
    name       TEXT NOT NULL,
    metadata   TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX organizations_slug ON organizations(slug);
-- organization_members: who belongs, with which role (owner, admin, member, or a role of
-- PORTCULLIS_ORG_ROLES).
CREATE TABLE organization_members (
    organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    user_id         TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role            TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX organization_members_user ON organization_members(user_id);
-- sessions.active_org_id: the organisation the session acts for (its tokens carry it).
ALTER TABLE sessions ADD COLUMN active_org_id TEXT;
-- organization_invitations: an invitation to join with a role, mailed with a single-use token
-- (SHA-256 here), accepted by the account whose proven address it names (email_key).
CREATE TABLE organization_invitations (
    id              TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    email           TEXT NOT NULL,
    email_key       TEXT NOT NULL,
    role            TEXT NOT NULL,
    token_hash      TEXT NOT NULL,
    inviter_id      TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    expires_at      BIGINT NOT NULL,
    accepted_at     BIGINT,
    revoked_at      BIGINT
);
CREATE UNIQUE INDEX organization_invitations_token ON organization_invitations(token_hash);
CREATE INDEX organization_invitations_org ON organization_invitations(organization_id);
