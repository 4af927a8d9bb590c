-- The admin API and webhooks.
-- api_keys: keys of the admin API (`portcullis api-key`), stored as SHA-256 (they carry 256
-- random bits); scopes space-separated; a revoked key stays listed.
CREATE TABLE api_keys (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    key_hash     TEXT NOT NULL UNIQUE,
    scopes       TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at   BIGINT
);
-- webhook_outbox: one row per event and endpoint, written with the audit entry of the change;
-- delivered by whichever node claims it (claimed_until is the claim's lease), retried with
-- backoff until delivered or out of attempts.
CREATE TABLE webhook_outbox (
    id              TEXT PRIMARY KEY,
    endpoint        TEXT NOT NULL,
    event_type      TEXT NOT NULL,
    payload         TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    status          TEXT NOT NULL,
    attempts        BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    claimed_until   BIGINT NOT NULL DEFAULT 0,
    delivered_at    BIGINT,
    last_error      TEXT
);
CREATE INDEX webhook_outbox_due ON webhook_outbox(status, next_attempt_at);
