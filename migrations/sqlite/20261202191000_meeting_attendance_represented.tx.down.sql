-- Back to a boolean: a represented member reads as not attending, and the
-- name of who came for her is lost.

CREATE TABLE meeting_attendance_old (
    meeting_id TEXT NOT NULL REFERENCES meetings (id),
    member_id  TEXT NOT NULL REFERENCES members (id),
    attended   INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, member_id)
) STRICT;

--bun:split

INSERT INTO meeting_attendance_old (meeting_id, member_id, attended)
SELECT meeting_id, member_id, status = 'present' FROM meeting_attendance;

--bun:split

DROP TABLE meeting_attendance;

--bun:split

ALTER TABLE meeting_attendance_old RENAME TO meeting_attendance;
