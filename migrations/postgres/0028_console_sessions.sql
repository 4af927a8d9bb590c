-- The administration console's sessions (docs/admin-console.md) are sessions of their own: 1
-- marks one. Only the console accepts them, and the console accepts nothing else.
ALTER TABLE sessions ADD COLUMN console BIGINT NOT NULL DEFAULT 0;
