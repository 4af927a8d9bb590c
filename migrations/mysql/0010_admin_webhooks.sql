-- The admin API and webhooks.
-- api_keys: keys of the admin API (`portcullis api-key`), stored as SHA-256 (they carry 256
-- random bits); scopes space-separated; a revoked key stays listed.
CREATE TABLE api_keys (
    id           VARCHAR(64) PRIMARY KEY,
    name         VARCHAR(255) NOT NULL,
    key_hash     VARCHAR(64) NOT NULL UNIQUE,
    scopes       VARCHAR(255) NOT NULL,
    created_at   BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at   BIGINT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
-- webhook_outbox: one row per event and endpoint, written with the audit entry of the change;
-- delivered by whichever node claims it (claimed_until is the claim's lease), retried with
-- backoff until delivered or out of attempts.
CREATE TABLE webhook_outbox (
    id              VARCHAR(64) PRIMARY KEY,
    endpoint        VARCHAR(255) NOT NULL,
    event_type      VARCHAR(255) NOT NULL,
    payload         MEDIUMTEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    status          VARCHAR(16) NOT NULL,
    attempts        BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    claimed_until   BIGINT NOT NULL DEFAULT 0,
    delivered_at    BIGINT,
    last_error      VARCHAR(512)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX webhook_outbox_due ON webhook_outbox(status, next_attempt_at);
