-- The second steps of a user's logins, found by user (deleting an account, a first proof of
-- its address). MariaDB had this index already: InnoDB made one for the foreign key, and drops
-- it now that this one serves the key.
CREATE INDEX mfa_challenges_user ON mfa_challenges(user_id);
