-- Organisations (docs/organizations.md).
-- organizations: a customer's company; slug unique, metadata a JSON object (text).
CREATE TABLE organizations (
    id         VARCHAR(64) PRIMARY KEY,
    slug       VARCHAR(64) NOT NULL,
    name       VARCHAR(255) NOT NULL,
    metadata   TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE UNIQUE INDEX organizations_slug ON organizations(slug);
-- organization_members: who belongs, with which role (owner, admin, member, or a role of
-- PORTCULLIS_ORG_ROLES).
CREATE TABLE organization_members (
    organization_id VARCHAR(64) NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    user_id         VARCHAR(64) NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role            VARCHAR(64) NOT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    PRIMARY KEY (organization_id, user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX organization_members_user ON organization_members(user_id);
-- sessions.active_org_id: the organisation the session acts for (its tokens carry it).
ALTER TABLE sessions ADD COLUMN active_org_id VARCHAR(64);
-- organization_invitations: an invitation to join with a role, mailed with a single-use token
-- (SHA-256 here), accepted by the account whose proven address it names (email_key).
CREATE TABLE organization_invitations (
    id              VARCHAR(64) PRIMARY KEY,
    organization_id VARCHAR(64) NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    email           VARCHAR(320) NOT NULL,
    email_key       VARCHAR(320) NOT NULL,
    role            VARCHAR(64) NOT NULL,
    token_hash      VARCHAR(64) NOT NULL,
    inviter_id      VARCHAR(64) NOT NULL,
    created_at      BIGINT NOT NULL,
    expires_at      BIGINT NOT NULL,
    accepted_at     BIGINT,
    revoked_at      BIGINT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE UNIQUE INDEX organization_invitations_token ON organization_invitations(token_hash);
CREATE INDEX organization_invitations_org ON organization_invitations(organization_id);
