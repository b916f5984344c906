-- Back to a boolean: a represented member reads as not attending, and the
-- name of who came for her is lost.

ALTER TABLE meeting_attendance ADD COLUMN attended BOOLEAN;

--bun:split

UPDATE meeting_attendance SET attended = (status = 'present');

--bun:split

ALTER TABLE meeting_attendance ALTER COLUMN attended SET NOT NULL;

--bun:split

ALTER TABLE meeting_attendance DROP COLUMN represented_by;

--bun:split

ALTER TABLE meeting_attendance DROP COLUMN status;
