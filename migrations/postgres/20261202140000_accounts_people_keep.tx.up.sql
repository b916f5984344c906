-- Accounts that people can keep. A user may be deactivated (she cannot
-- sign in or refresh until reactivated), and a password set by someone
-- else (a reset) is temporary: it only buys its holder a password of her
-- own, and only until password_temporary_until.
ALTER TABLE users ADD COLUMN deactivated_at TIMESTAMPTZ;

--bun:split

ALTER TABLE users ADD COLUMN password_temporary_until TIMESTAMPTZ;

--bun:split

-- A rotated refresh token keeps its successor, sealed with a key only the
-- rotated token itself gives, so that presenting it again within a few
-- seconds answers the same successor: a lost answer, or two tabs
-- refreshing at once, do not sign the user out. Nobody who reads the table
-- can open it: the table holds only a hash of each token.
ALTER TABLE sessions ADD COLUMN successor_sealed TEXT;
