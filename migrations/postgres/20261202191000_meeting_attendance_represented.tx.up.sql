-- Attendance has three values, as groups record it: a member came
-- (present), did not (absent), or sent her money with someone who came for
-- her, a neighbour or her husband (represented; diwakilkan), whose name the
-- minutes keep. The boolean it replaces is dropped rather than kept beside
-- it, so that the two can never disagree: attended was present, and a
-- member not attending was absent.

ALTER TABLE meeting_attendance ADD COLUMN status TEXT;

--bun:split

UPDATE meeting_attendance SET status = CASE WHEN attended THEN 'present' ELSE 'absent' END;

--bun:split

ALTER TABLE meeting_attendance ALTER COLUMN status SET NOT NULL;

--bun:split

ALTER TABLE meeting_attendance ADD COLUMN represented_by TEXT;

--bun:split

ALTER TABLE meeting_attendance
    ADD CONSTRAINT meeting_attendance_status_check CHECK (status IN ('present', 'absent', 'represented'));

--bun:split

-- The name of who came for her, when and only when she was represented.
ALTER TABLE meeting_attendance
    ADD CONSTRAINT meeting_attendance_represented_check CHECK (
        (status = 'represented') = (represented_by IS NOT NULL)
        AND (represented_by IS NULL OR length(represented_by) BETWEEN 1 AND 100));

--bun:split

ALTER TABLE meeting_attendance DROP COLUMN attended;
