-- A group's weekly meeting as its collection sheet recorded it: who came,
-- and who covered whose share of a joint-liability loan. The money is in
-- the ledger; these rows say who and why.

CREATE TABLE meetings (
    id            TEXT PRIMARY KEY,
    group_id      TEXT NOT NULL REFERENCES groups (id),
    held_on       TEXT NOT NULL,
    request_hash  TEXT NOT NULL,
    recorded_by   TEXT NOT NULL,
    recorded_at   TEXT NOT NULL,
    CONSTRAINT meetings_group_day_key UNIQUE (group_id, held_on)
) STRICT;

--bun:split

CREATE TABLE meeting_attendance (
    meeting_id TEXT NOT NULL REFERENCES meetings (id),
    member_id  TEXT NOT NULL REFERENCES members (id),
    attended   INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, member_id)
) STRICT;

--bun:split

CREATE TABLE loan_covers (
    id                 TEXT PRIMARY KEY,
    loan_id            TEXT NOT NULL REFERENCES loans (id),
    entry_id           TEXT NOT NULL REFERENCES entries (id),
    covering_member_id TEXT NOT NULL REFERENCES members (id),
    covered_member_id  TEXT NOT NULL REFERENCES members (id),
    amount_minor       INTEGER NOT NULL CHECK (amount_minor > 0),
    CONSTRAINT loan_covers_members_check CHECK (covering_member_id <> covered_member_id)
) STRICT;

--bun:split

CREATE INDEX loan_covers_loan_idx ON loan_covers (loan_id);
