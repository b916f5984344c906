ALTER TABLE meetings DROP COLUMN amended_at;

--bun:split

ALTER TABLE meetings DROP COLUMN amended_by;

--bun:split

DROP TABLE meeting_payments;
