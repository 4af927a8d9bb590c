-- The device authorization grant (RFC 8628; docs/provider.md).
-- oauth_device_codes: one device authorization request of a client, for expires_at. device_hash
-- and user_code_hash are the SHA-256 of its device code and of its user code (canonical: eight
-- upper-case letters, no dash). poll_interval is the least time between two polls, in seconds,
-- 5 more after each slow_down; last_polled_at the last poll's time. The person's decision:
-- grant_id (allowed: the grant it made) or denied_at; used_at once the device got its tokens.
-- Housekeeping deletes a row once it has expired.
CREATE TABLE oauth_device_codes (
    device_hash    TEXT PRIMARY KEY,
    user_code_hash TEXT NOT NULL UNIQUE,
    client_id      TEXT NOT NULL REFERENCES oauth_clients(client_id) ON DELETE CASCADE,
    scope          TEXT NOT NULL,
    created_at     BIGINT NOT NULL,
    expires_at     BIGINT NOT NULL,
    poll_interval  BIGINT NOT NULL,
    last_polled_at BIGINT,
    grant_id       TEXT,
    denied_at      BIGINT,
    used_at        BIGINT
);
CREATE INDEX oauth_device_codes_client ON oauth_device_codes(client_id);
CREATE INDEX oauth_device_codes_expiry ON oauth_device_codes(expires_at);
