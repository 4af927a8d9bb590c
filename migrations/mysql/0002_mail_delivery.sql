-- Mail delivery: the lowercase recipient address, so the per-address throttle counts recent
-- mail of one kind to one address with an index instead of a scan.
-- Rows written before this migration get SQL's LOWER, which is close enough for a one-hour window.
ALTER TABLE outbox ADD COLUMN to_key VARCHAR(320);
UPDATE outbox SET to_key = LOWER(TRIM(to_addr));
CREATE INDEX outbox_recent ON outbox(to_key, kind, created_at);
