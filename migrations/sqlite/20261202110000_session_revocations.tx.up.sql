-- Access tokens name the session they were minted for, and a session's end
-- must reach every server within seconds: each server reads the sessions
-- revoked within the last access-token lifetime every few seconds, and
-- taking a grant away ends the live sessions of one user. The table gains
-- a row on every refresh, so both reads need an index; each is partial, to
-- stay as small as what it serves.
CREATE INDEX sessions_revoked_at_idx ON sessions (revoked_at) WHERE revoked_at IS NOT NULL;

--bun:split

CREATE INDEX sessions_user_live_idx ON sessions (user_id) WHERE rotated_at IS NULL AND revoked_at IS NULL;
