-- Resource indicators (RFC 8707), DPoP (RFC 9449) and pushed authorization requests
-- (RFC 9126); docs/provider.md.
-- oauth_clients.resources: the resource indicators (exact URIs, or prefixes ending in "/*")
-- the client may ask tokens for, space-separated; require_par: the client must push its
-- authorization requests.
ALTER TABLE oauth_clients ADD COLUMN resources TEXT NOT NULL DEFAULT '';
ALTER TABLE oauth_clients ADD COLUMN require_par BIGINT NOT NULL DEFAULT 0;
-- oauth_grants.resource: the resource the authorization request named (the access tokens'
-- aud); dpop_jkt: the key (RFC 7638 thumbprint) a public client's refresh tokens are bound to.
ALTER TABLE oauth_grants ADD COLUMN resource TEXT;
ALTER TABLE oauth_grants ADD COLUMN dpop_jkt VARCHAR(64);
-- oauth_codes.dpop_jkt: the key the authorization request bound its code to (dpop_jkt).
ALTER TABLE oauth_codes ADD COLUMN dpop_jkt VARCHAR(64);
-- oauth_par_requests: pushed authorization requests (SHA-256 of the request_uri's secret
-- part), good for a few minutes, until a code is issued for them.
CREATE TABLE oauth_par_requests (
    request_hash VARCHAR(64) PRIMARY KEY,
    client_id    VARCHAR(255) NOT NULL REFERENCES oauth_clients(client_id) ON DELETE CASCADE,
    params       TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX oauth_par_requests_expiry ON oauth_par_requests(expires_at);
CREATE INDEX oauth_par_requests_client ON oauth_par_requests(client_id);
-- sessions.dpop_jkt: the DPoP key a first-party session opted into (its first refresh with a
-- proof); from then on its refreshes need a proof of that key and its access tokens are bound.
ALTER TABLE sessions ADD COLUMN dpop_jkt VARCHAR(64);
