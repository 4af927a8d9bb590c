-- The audit log: who did what, from where, with what outcome. Never a secret: failed logins
-- name their identifier only by its SHA-256.
CREATE TABLE audit_log (
    id              VARCHAR(64) PRIMARY KEY,
    at              BIGINT NOT NULL,
    event           VARCHAR(64) NOT NULL,
    outcome         VARCHAR(64) NOT NULL,
    user_id         VARCHAR(64),
    identifier_hash VARCHAR(64),
    ip              VARCHAR(64),
    user_agent      VARCHAR(512),
    detail          VARCHAR(512)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_user ON audit_log(user_id, at);
CREATE INDEX audit_log_identifier ON audit_log(identifier_hash, at);
