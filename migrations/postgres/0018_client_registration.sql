-- Dynamic client registration (RFC 7591, RFC 7592; docs/provider.md).
-- oauth_client_registrations: a client that registered itself (managed_by 'dynamic'), with the
-- SHA-256 of its registration access token (RFC 7592) and when it was first used for a grant
-- (housekeeping deletes one never used).
CREATE TABLE oauth_client_registrations (
    client_id  TEXT PRIMARY KEY REFERENCES oauth_clients(client_id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    used_at    BIGINT
);
CREATE INDEX oauth_client_registrations_unused ON oauth_client_registrations(used_at, created_at);
-- oauth_initial_tokens: initial access tokens (RFC 7591 section 3) that let one register when
-- registration is `token`: made by the command line or the admin API, stored as SHA-256,
-- good until expires_at for uses_left registrations (NULL: any number).
CREATE TABLE oauth_initial_tokens (
    id         TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    label      TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    uses_left  BIGINT
);
