-- A group's weekly meeting as its collection sheet recorded it: who came,
-- and who covered whose share of a joint-liability loan. The money is in
-- the ledger; these rows say who and why.

CREATE TABLE meetings (
    id            UUID PRIMARY KEY,
    group_id      UUID NOT NULL REFERENCES groups (id),
    held_on       DATE NOT NULL,
    request_hash  TEXT NOT NULL,
    recorded_by   TEXT NOT NULL,
    recorded_at   TIMESTAMPTZ NOT NULL,
    CONSTRAINT meetings_group_day_key UNIQUE (group_id, held_on)
);

--bun:split

CREATE TABLE meeting_attendance (
    meeting_id UUID NOT NULL REFERENCES meetings (id),
    member_id  UUID NOT NULL REFERENCES members (id),
    attended   BOOLEAN NOT NULL,
    PRIMARY KEY (meeting_id, member_id)
);

--bun:split

CREATE TABLE loan_covers (
    id                 UUID PRIMARY KEY,
    loan_id            UUID NOT NULL REFERENCES loans (id),
    entry_id           UUID NOT NULL REFERENCES entries (id),
    covering_member_id UUID NOT NULL REFERENCES members (id),
    covered_member_id  UUID NOT NULL REFERENCES members (id),
    amount_minor       BIGINT NOT NULL CHECK (amount_minor > 0),
    CONSTRAINT loan_covers_members_check CHECK (covering_member_id <> covered_member_id)
);

--bun:split

CREATE INDEX loan_covers_loan_idx ON loan_covers (loan_id);
