-- When an account's address was first proven (a verification link, a reset link, an email
-- sign-in, an administrator's word, or an account made verified). NULL: never. Only a
-- never-proven account is cleared of what its maker added at the first proof, and only a
-- never-proven account can be deleted by "I did not create this account"; an account whose
-- address an administrator later changed to an unverified one stays proven.
ALTER TABLE users ADD COLUMN proven_at BIGINT;
UPDATE users SET proven_at = updated_at WHERE email_verified = 1;
