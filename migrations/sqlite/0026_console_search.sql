-- The administration console's user search (src/store/console.rs): a page of accounts in id
-- order whose email or username key starts with a prefix (LIKE 'prefix%'), or that a filter
-- keeps. Without these, each page read the whole table along the primary key.
-- SQLite uses an index for LIKE 'prefix%' only when the index's collation is NOCASE (LIKE is
-- case-insensitive for ASCII here); the keys are lower-case already, so the order is theirs.
CREATE INDEX users_email_key_prefix ON users(email_key COLLATE NOCASE);
CREATE INDEX users_username_key_prefix ON users(username_key COLLATE NOCASE);
-- The filters keep few accounts: partial indexes in id order hold only those.
CREATE INDEX users_disabled ON users(id) WHERE is_active = 0;
CREATE INDEX users_unverified ON users(id) WHERE email_verified = 0;
CREATE INDEX users_admins ON users(id) WHERE is_admin = 1;
