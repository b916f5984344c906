DROP TABLE loan_covers;

--bun:split

DROP TABLE meeting_attendance;

--bun:split

DROP TABLE meetings;
