DROP INDEX sessions_user_live_idx;

--bun:split

DROP INDEX sessions_revoked_at_idx;
