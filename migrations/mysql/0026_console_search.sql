-- The administration console's user search (src/store/console.rs): a page of accounts in id
-- order that a filter keeps. Without these, each page read the whole table along the primary
-- key. (MariaDB serves LIKE 'prefix%' from the unique indexes on email_key and username_key
-- already.) No partial indexes here: the flag first, then the id, in one index each.
CREATE INDEX users_disabled ON users (is_active, id);
CREATE INDEX users_unverified ON users (email_verified, id);
CREATE INDEX users_admins ON users (is_admin, id);
