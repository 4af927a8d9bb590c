-- Sign-in by email link or code, and with external identity providers.
-- email_logins: one request's link token (its SHA-256 is the key) and 6-digit code (SHA-256
-- with the address); user_id is NULL when no account has the address yet (it is created at
-- first use when PORTCULLIS_EMAIL_LOGIN_SIGNUP allows). A new request ends the older ones.
CREATE TABLE email_logins (
    token_hash TEXT PRIMARY KEY,
    email_key  TEXT NOT NULL,
    email      TEXT NOT NULL,
    user_id    TEXT,
    code_hash  TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    failures   BIGINT NOT NULL DEFAULT 0,
    used_at    BIGINT
);
CREATE INDEX email_logins_email ON email_logins(email_key);
CREATE INDEX email_logins_expires ON email_logins(expires_at);
-- oauth_states: a sign-in begun at an external provider, by the SHA-256 of its `state`:
-- the PKCE verifier and nonce that finish it, the hash of the cookie that binds it to the
-- browser that began it, the account it links to (a signed-in start), where to go after;
-- single-use and ten minutes long.
CREATE TABLE oauth_states (
    state_hash    TEXT PRIMARY KEY,
    provider      TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    nonce         TEXT NOT NULL,
    browser_hash  TEXT NOT NULL,
    link_user_id  TEXT,
    next_path     TEXT,
    created_at    BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL,
    used_at       BIGINT
);
CREATE INDEX oauth_states_expires ON oauth_states(expires_at);
-- identities: an account's external identities, one per (provider, subject); an account
-- may have several.
CREATE TABLE identities (
    id           TEXT PRIMARY KEY,
    provider     TEXT NOT NULL,
    subject      TEXT NOT NULL,
    user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    email        TEXT,
    created_at   BIGINT NOT NULL,
    last_used_at BIGINT,
    UNIQUE (provider, subject)
);
CREATE INDEX identities_user ON identities(user_id);
