-- What each member paid at a meeting, as the sheet recorded it: the entry
-- that posted it, who paid (a group loan's repayment names the woman who
-- paid it, not only the group), for what, and how much. A recorded meeting
-- is read back from these rows with its attendance and covers. A meeting
-- amended says who amended it and when; its first sheet's entries stay in
-- the ledger, reversed.

CREATE TABLE meeting_payments (
    meeting_id   UUID NOT NULL REFERENCES meetings (id),
    entry_id     UUID NOT NULL UNIQUE REFERENCES entries (id),
    member_id    UUID NOT NULL REFERENCES members (id),
    what         TEXT NOT NULL CHECK (what IN ('loan', 'wajib', 'sukarela')),
    loan_id      UUID REFERENCES loans (id),
    amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),
    CONSTRAINT meeting_payments_loan_check CHECK ((what = 'loan') = (loan_id IS NOT NULL))
);

--bun:split

CREATE INDEX meeting_payments_meeting_idx ON meeting_payments (meeting_id);

--bun:split

ALTER TABLE meetings ADD COLUMN amended_by TEXT;

--bun:split

ALTER TABLE meetings ADD COLUMN amended_at TIMESTAMPTZ;
