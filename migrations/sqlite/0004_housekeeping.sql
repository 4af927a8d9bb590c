-- Housekeeping: the periodic cleanup finds ended sessions, dead one-time tokens and old
-- delivered mail by these instead of scanning whole tables.
CREATE INDEX sessions_expires ON sessions(expires_at);
CREATE INDEX sessions_revoked ON sessions(revoked_at);
CREATE INDEX one_time_tokens_expires ON one_time_tokens(expires_at);
CREATE INDEX one_time_tokens_used ON one_time_tokens(used_at);
CREATE INDEX outbox_created ON outbox(status, created_at);
