-- A provider link begun from a session is bound to that session and to the account's password
-- epoch when it began: its callback links nothing once the session has ended (logout,
-- revocation, expiry) or the password has changed (change, reset, a first proof of the
-- address). The index finds a user's pending links (at most five are kept).
ALTER TABLE oauth_states ADD COLUMN link_session_id VARCHAR(64);
ALTER TABLE oauth_states ADD COLUMN link_epoch BIGINT;
CREATE INDEX oauth_states_link_user ON oauth_states(link_user_id);
