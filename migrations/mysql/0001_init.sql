-- Portcullis schema, MySQL/MariaDB dialect.
-- Keyed and compared columns are VARCHAR with a binary collation (keys are lowercased by
-- Portcullis itself); long bodies are TEXT. Timestamps are Unix milliseconds; booleans are 0/1.
CREATE TABLE users (
    id             VARCHAR(64) PRIMARY KEY,
    email          VARCHAR(320) NOT NULL,
    email_key      VARCHAR(320) NOT NULL UNIQUE,
    username       VARCHAR(64),
    username_key   VARCHAR(64) UNIQUE,
    password_hash  VARCHAR(512) NOT NULL,
    is_active      BIGINT NOT NULL DEFAULT 1,
    email_verified BIGINT NOT NULL DEFAULT 0,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE sessions (
    id           VARCHAR(64) PRIMARY KEY,
    user_id      VARCHAR(64) NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash   VARCHAR(64) NOT NULL UNIQUE,
    created_at   BIGINT NOT NULL,
    last_used_at BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    revoked_at   BIGINT,
    ip           VARCHAR(64),
    user_agent   VARCHAR(512)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE refresh_tokens (
    token_hash VARCHAR(64) PRIMARY KEY,
    session_id VARCHAR(64) NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    spent_at   BIGINT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX refresh_tokens_session ON refresh_tokens(session_id);

CREATE TABLE one_time_tokens (
    token_hash VARCHAR(64) PRIMARY KEY,
    user_id    VARCHAR(64) NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose    VARCHAR(32) NOT NULL,
    email_key  VARCHAR(320) NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX one_time_tokens_user ON one_time_tokens(user_id);

CREATE TABLE outbox (
    id              VARCHAR(64) PRIMARY KEY,
    kind            VARCHAR(32) NOT NULL,
    to_addr         VARCHAR(320) NOT NULL,
    subject         VARCHAR(255) NOT NULL,
    text_body       TEXT NOT NULL,
    html_body       TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    status          VARCHAR(16) NOT NULL,
    attempts        BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    locked_until    BIGINT,
    sent_at         BIGINT,
    last_error      VARCHAR(1000)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);

CREATE TABLE signing_keys (
    kid           VARCHAR(64) PRIMARY KEY,
    algorithm     VARCHAR(16) NOT NULL,
    private_pkcs8 VARCHAR(255) NOT NULL,
    created_at    BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
