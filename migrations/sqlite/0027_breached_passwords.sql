-- Breached-password screening (docs/breached-passwords.md): when a correct login's password was
-- found on the breached-password list (Unix ms); cleared when the password changes.
ALTER TABLE users ADD COLUMN password_breached_at BIGINT;
