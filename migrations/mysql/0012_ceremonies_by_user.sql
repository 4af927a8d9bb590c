-- Pending passkey registrations are capped per user (the oldest beyond the cap stop
-- working): found by user.
CREATE INDEX webauthn_ceremonies_user ON webauthn_ceremonies(user_id);
