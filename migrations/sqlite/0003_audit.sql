-- The audit log: who did what, from where, with what outcome. Never a secret: failed logins
-- name their identifier only by its SHA-256.
CREATE TABLE audit_log (
    id              TEXT PRIMARY KEY,
    at              BIGINT NOT NULL,
    event           TEXT NOT NULL,
    outcome         TEXT NOT NULL,
    user_id         TEXT,
    identifier_hash TEXT,
    ip              TEXT,
    user_agent      TEXT,
    detail          TEXT
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_user ON audit_log(user_id, at);
CREATE INDEX audit_log_identifier ON audit_log(identifier_hash, at);
