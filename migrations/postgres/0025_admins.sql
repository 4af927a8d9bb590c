-- The administration console (docs/admin-console.md): an account that may enter it, granted
-- by `portcullis user make-admin` (or by another administrator) and revocable. 1: an admin.
ALTER TABLE users ADD COLUMN is_admin BIGINT NOT NULL DEFAULT 0;
