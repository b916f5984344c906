-- The day the members' annual meeting (RAT) decided the year end: the SHU
-- credits are dated that day. Year ends closed before the day was kept
-- take the day they were closed.

ALTER TABLE year_ends ADD COLUMN decided_on TEXT;

--bun:split

UPDATE year_ends SET decided_on = substr(closed_at, 1, 10);
