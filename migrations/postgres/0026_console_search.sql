-- The administration console's user search (src/store/console.rs): a page of accounts in id
-- order whose email or username key starts with a prefix (LIKE 'prefix%'), or that a filter
-- keeps. Without these, each page read the whole table along the primary key.
-- PostgreSQL uses a btree index for LIKE 'prefix%' under a non-C collation only with the
-- pattern operator class.
CREATE INDEX users_email_key_prefix ON users (email_key text_pattern_ops);
CREATE INDEX users_username_key_prefix ON users (username_key text_pattern_ops);
-- The filters keep few accounts: partial indexes in id order hold only those.
CREATE INDEX users_disabled ON users (id) WHERE is_active = 0;
CREATE INDEX users_unverified ON users (id) WHERE email_verified = 0;
CREATE INDEX users_admins ON users (id) WHERE is_admin = 1;
