-- Sign-in by email link or code, and with external identity providers.
-- email_logins: one request's link token (its SHA-256 is the key) and 6-digit code (SHA-256
-- with the address); user_id is NULL when no account has the address yet (it is created at
-- first use when PORTCULLIS_EMAIL_LOGIN_SIGNUP allows). A new request ends the older ones.
CREATE TABLE email_logins (
    token_hash VARCHAR(64) PRIMARY KEY,
    email_key  VARCHAR(320) NOT NULL,
    email      VARCHAR(320) NOT NULL,
    user_id    VARCHAR(64),
    code_hash  VARCHAR(64) NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    failures   BIGINT NOT NULL DEFAULT 0,
    used_at    BIGINT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX email_logins_email ON email_logins(email_key);
CREATE INDEX email_logins_expires ON email_logins(expires_at);
-- oauth_states: a sign-in begun at an external provider, by the SHA-256 of its `state`:
-- the PKCE verifier and nonce that finish it, the hash of the cookie that binds it to the
-- browser that began it, the account it links to (a signed-in start), where to go after;
-- single-use and ten minutes long.
CREATE TABLE oauth_states (
    state_hash    VARCHAR(64) PRIMARY KEY,
    provider      VARCHAR(255) NOT NULL,
    pkce_verifier VARCHAR(255) NOT NULL,
    nonce         VARCHAR(255) NOT NULL,
    browser_hash  VARCHAR(64) NOT NULL,
    link_user_id  VARCHAR(64),
    next_path     VARCHAR(2048),
    created_at    BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL,
    used_at       BIGINT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX oauth_states_expires ON oauth_states(expires_at);
-- identities: an account's external identities, one per (provider, subject); an account
-- may have several.
CREATE TABLE identities (
    id           VARCHAR(64) PRIMARY KEY,
    provider     VARCHAR(255) NOT NULL,
    subject      VARCHAR(255) NOT NULL,
    user_id      VARCHAR(64) NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    email        VARCHAR(320),
    created_at   BIGINT NOT NULL,
    last_used_at BIGINT,
    UNIQUE (provider, subject)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX identities_user ON identities(user_id);
