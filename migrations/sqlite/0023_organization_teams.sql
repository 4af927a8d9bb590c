-- Teams inside an organisation (docs/organizations.md): a name, and members who are members of
-- the organisation.
CREATE TABLE organization_teams (
    id              TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    created_at      BIGINT NOT NULL
);
CREATE INDEX organization_teams_org ON organization_teams(organization_id);
CREATE TABLE organization_team_members (
    team_id    TEXT NOT NULL REFERENCES organization_teams(id) ON DELETE CASCADE,
    user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX organization_team_members_user ON organization_team_members(user_id);
