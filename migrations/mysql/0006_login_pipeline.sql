-- The login pipeline: how each session was authenticated (RFC 8176 method names, separated by
-- spaces) and when. Sessions from before this were all opened with a password at creation.
ALTER TABLE sessions ADD COLUMN amr VARCHAR(64) NOT NULL DEFAULT 'pwd';
ALTER TABLE sessions ADD COLUMN auth_time BIGINT NOT NULL DEFAULT 0;
UPDATE sessions SET auth_time = created_at;
