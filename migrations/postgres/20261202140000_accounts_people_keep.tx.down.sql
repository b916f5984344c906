ALTER TABLE sessions DROP COLUMN successor_sealed;

--bun:split

ALTER TABLE users DROP COLUMN password_temporary_until;

--bun:split

ALTER TABLE users DROP COLUMN deactivated_at;
