-- Two-factor authentication.
-- totp_factors: one TOTP secret per user (sealed with the key-encryption key when one is set),
-- pending until confirmed with a code; last_step is the newest time step accepted, so a code
-- is accepted once.
CREATE TABLE totp_factors (
    user_id      VARCHAR(64) PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    secret       VARCHAR(512) NOT NULL,
    created_at   BIGINT NOT NULL,
    confirmed_at BIGINT,
    last_step    BIGINT NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
-- recovery_codes: single-use codes, stored as SHA-256 (they carry 50+ random bits and are
-- tried under the login failure budget).
CREATE TABLE recovery_codes (
    code_hash  VARCHAR(64) PRIMARY KEY,
    user_id    VARCHAR(64) NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    used_at    BIGINT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX recovery_codes_user ON recovery_codes(user_id);
-- mfa_challenges: the second step of a login: short-lived, single-use, bound to the user and
-- the password epoch the first step checked, with a count of wrong codes.
CREATE TABLE mfa_challenges (
    token_hash     VARCHAR(64) PRIMARY KEY,
    user_id        VARCHAR(64) NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    password_epoch BIGINT NOT NULL,
    amr            VARCHAR(64) NOT NULL,
    created_at     BIGINT NOT NULL,
    expires_at     BIGINT NOT NULL,
    failures       BIGINT NOT NULL DEFAULT 0,
    used_at        BIGINT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX mfa_challenges_expires ON mfa_challenges(expires_at);
