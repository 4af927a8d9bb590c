-- The OpenID Connect provider (docs/provider.md).
-- oauth_clients: applications that sign their users in through Portcullis. secret_hash is the
-- SHA-256 of a confidential client's secret (256 random bits, so a fast hash, as for tokens);
-- lists are space-separated; managed_by says who owns the row ('config' rows are rewritten
-- from the configuration at every start, the others by the command line and the admin API).
CREATE TABLE oauth_clients (
    client_id                 TEXT PRIMARY KEY,
    name                      TEXT NOT NULL,
    secret_hash               TEXT,
    auth_method               TEXT NOT NULL,
    redirect_uris             TEXT NOT NULL,
    post_logout_redirect_uris TEXT NOT NULL,
    grant_types               TEXT NOT NULL,
    scopes                    TEXT NOT NULL,
    backchannel_logout_uri    TEXT,
    skip_consent              BIGINT NOT NULL DEFAULT 0,
    jwks_uri                  TEXT,
    id_token_alg              TEXT NOT NULL,
    managed_by                TEXT NOT NULL,
    created_at                BIGINT NOT NULL,
    updated_at                BIGINT NOT NULL
);
-- oauth_grants: one authorization of a client by a user, made in one Portcullis session
-- (session_id); its codes, refresh tokens and access tokens live and die with it.
CREATE TABLE oauth_grants (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    client_id  TEXT NOT NULL REFERENCES oauth_clients(client_id) ON DELETE CASCADE,
    session_id TEXT NOT NULL,
    scope      TEXT NOT NULL,
    amr        TEXT NOT NULL,
    auth_time  BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    used_at    BIGINT,
    revoked_at BIGINT
);
CREATE INDEX oauth_grants_user ON oauth_grants(user_id, client_id);
CREATE INDEX oauth_grants_session ON oauth_grants(session_id);
CREATE INDEX oauth_grants_client ON oauth_grants(client_id);
-- oauth_codes: authorization codes (SHA-256), single use, 60 seconds.
CREATE TABLE oauth_codes (
    code_hash      TEXT PRIMARY KEY,
    grant_id       TEXT NOT NULL REFERENCES oauth_grants(id) ON DELETE CASCADE,
    redirect_uri   TEXT NOT NULL,
    code_challenge TEXT,
    nonce          TEXT,
    created_at     BIGINT NOT NULL,
    expires_at     BIGINT NOT NULL,
    used_at        BIGINT
);
CREATE INDEX oauth_codes_grant ON oauth_codes(grant_id);
-- oauth_refresh_tokens: rotated on every use; a spent one presented again revokes its grant.
CREATE TABLE oauth_refresh_tokens (
    token_hash TEXT PRIMARY KEY,
    grant_id   TEXT NOT NULL REFERENCES oauth_grants(id) ON DELETE CASCADE,
    scope      TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    spent_at   BIGINT
);
CREATE INDEX oauth_refresh_tokens_grant ON oauth_refresh_tokens(grant_id);
-- oauth_consents: what a user allowed a client (space-separated scopes), remembered.
CREATE TABLE oauth_consents (
    user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    client_id  TEXT NOT NULL REFERENCES oauth_clients(client_id) ON DELETE CASCADE,
    scope      TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, client_id)
);
CREATE INDEX oauth_consents_client ON oauth_consents(client_id);
-- oauth_revoked_tokens: revoked access tokens that belong to no grant (client credentials),
-- by jti, kept until they expire.
CREATE TABLE oauth_revoked_tokens (
    jti        TEXT PRIMARY KEY,
    expires_at BIGINT NOT NULL
);
-- logout_outbox: back-channel logout notices, one per grant whose session ended (id = the
-- grant's id), delivered by the delivery worker like mail and webhooks.
CREATE TABLE logout_outbox (
    id              TEXT PRIMARY KEY,
    client_id       TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    session_id      TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    status          TEXT NOT NULL,
    attempts        BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    claimed_until   BIGINT NOT NULL DEFAULT 0,
    delivered_at    BIGINT,
    last_error      TEXT
);
CREATE INDEX logout_outbox_due ON logout_outbox(status, next_attempt_at);
