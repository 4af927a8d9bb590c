-- Security round 2.
-- password_epoch: bumped by every password change or reset; a session carries the epoch of
-- the password it was opened with and is dead once they differ, so a login that checked the
-- old password cannot outlive a reset that raced it.
-- key_version: which normalisation produced email_key/username_key/username_skeleton (rows
-- below the current version are re-keyed at startup).
-- username_skeleton: the UTS #39 skeleton of the username; unique, so look-alikes collide.
-- new_email: on a verification token, the address an email change moves to once verified.
ALTER TABLE users ADD COLUMN password_epoch BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN key_version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN username_skeleton TEXT;
CREATE UNIQUE INDEX users_username_skeleton ON users(username_skeleton);
ALTER TABLE sessions ADD COLUMN password_epoch BIGINT NOT NULL DEFAULT 0;
ALTER TABLE one_time_tokens ADD COLUMN new_email TEXT;
