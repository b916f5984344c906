-- The day the members' annual meeting (RAT) decided the year end: the SHU
-- credits are dated that day. Year ends closed before the day was kept
-- take the day they were closed.

ALTER TABLE year_ends ADD COLUMN decided_on DATE;

--bun:split

UPDATE year_ends SET decided_on = closed_at::date;
