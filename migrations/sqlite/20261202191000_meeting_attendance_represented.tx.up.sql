-- Attendance has three values, as groups record it: a member came
-- (present), did not (absent), or sent her money with someone who came for
-- her, a neighbour or her husband (represented; diwakilkan), whose name the
-- minutes keep. The boolean it replaces is dropped rather than kept beside
-- it, so that the two can never disagree: attended was present, and a
-- member not attending was absent.
--
-- SQLite adds no constraint to a table it has, so the table is built anew
-- and its rows copied; no table refers to it.

CREATE TABLE meeting_attendance_new (
    meeting_id     TEXT NOT NULL REFERENCES meetings (id),
    member_id      TEXT NOT NULL REFERENCES members (id),
    status         TEXT NOT NULL,
    represented_by TEXT,
    PRIMARY KEY (meeting_id, member_id),
    CONSTRAINT meeting_attendance_status_check CHECK (status IN ('present', 'absent', 'represented')),
    -- The name of who came for her, when and only when she was represented.
    CONSTRAINT meeting_attendance_represented_check CHECK (
        (status = 'represented') = (represented_by IS NOT NULL)
        AND (represented_by IS NULL OR length(represented_by) BETWEEN 1 AND 100))
) STRICT;

--bun:split

INSERT INTO meeting_attendance_new (meeting_id, member_id, status, represented_by)
SELECT meeting_id, member_id, CASE WHEN attended THEN 'present' ELSE 'absent' END, NULL
  FROM meeting_attendance;

--bun:split

DROP TABLE meeting_attendance;

--bun:split

ALTER TABLE meeting_attendance_new RENAME TO meeting_attendance;
