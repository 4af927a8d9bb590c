-- Outbox expiry: when the one-time link a message carries stops working (NULL: it carries
-- none). Undelivered mail is not sent past it, and housekeeping marks it `expired` and drops
-- its bodies, so an outbox without SMTP keeps no link longer than the link lives.
ALTER TABLE outbox ADD COLUMN expires_at BIGINT;
