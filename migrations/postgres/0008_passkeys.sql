-- Passkeys (WebAuthn).
-- passkeys: one row per registered credential. credential_id is the authenticator's id
-- (base64url), credential_hash its SHA-256 (the unique key: ids may be up to 1023 bytes);
-- user_handle is the random WebAuthn user id the authenticator keeps (never the account id);
-- credential is webauthn-rs's record (public key, counter, flags) as JSON; sign_count and the
-- backup flags are kept beside it so a counter going back is refused by one conditional UPDATE.
CREATE TABLE passkeys (
    id              TEXT PRIMARY KEY,
    user_id         TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    credential_hash TEXT NOT NULL UNIQUE,
    credential_id   TEXT NOT NULL,
    user_handle     TEXT NOT NULL,
    name            TEXT NOT NULL,
    credential      TEXT NOT NULL,
    sign_count      BIGINT NOT NULL,
    backup_eligible BIGINT NOT NULL,
    backup_state    BIGINT NOT NULL,
    created_at      BIGINT NOT NULL,
    last_used_at    BIGINT
);
CREATE INDEX passkeys_user ON passkeys(user_id);
-- webauthn_ceremonies: a registration or login begun on any node, finished on any node:
-- single-use, five minutes, stored by the SHA-256 of the handle given to the client. purpose is
-- register, login or second_factor; user_id for register and second_factor; mfa_hash is the
-- login challenge a second-factor ceremony completes.
CREATE TABLE webauthn_ceremonies (
    token_hash TEXT PRIMARY KEY,
    purpose    TEXT NOT NULL,
    user_id    TEXT,
    mfa_hash   TEXT,
    state      TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);
CREATE INDEX webauthn_ceremonies_expires ON webauthn_ceremonies(expires_at);
