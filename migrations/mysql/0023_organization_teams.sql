-- Teams inside an organisation (docs/organizations.md): a name, and members who are members of
-- the organisation.
CREATE TABLE organization_teams (
    id              VARCHAR(64) PRIMARY KEY,
    organization_id VARCHAR(64) NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    name            VARCHAR(255) NOT NULL,
    created_at      BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX organization_teams_org ON organization_teams(organization_id);
CREATE TABLE organization_team_members (
    team_id    VARCHAR(64) NOT NULL REFERENCES organization_teams(id) ON DELETE CASCADE,
    user_id    VARCHAR(64) NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (team_id, user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX organization_team_members_user ON organization_team_members(user_id);
