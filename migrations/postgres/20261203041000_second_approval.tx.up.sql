-- Four eyes beyond loans: a cooperative may ask that a write-off, a
-- reversal, an amended meeting or a year end wait for a second treasurer
-- (cooperatives.second_approval, the actions comma-separated), and each
-- such request waits in approvals until one decides it. The schema holds
-- the rule that the one who asked does not approve her own request.

ALTER TABLE cooperatives ADD COLUMN second_approval TEXT NOT NULL DEFAULT '';

--bun:split

CREATE TABLE approvals (
    id             UUID PRIMARY KEY,
    cooperative_id UUID NOT NULL REFERENCES cooperatives (id),
    action         TEXT NOT NULL CHECK (action IN ('write_off', 'reversal', 'meeting_amend', 'year_end')),
    subject        TEXT NOT NULL,
    request        TEXT NOT NULL,
    requested_by   TEXT NOT NULL,
    requested_at   TIMESTAMPTZ NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    decided_by     TEXT,
    decided_at     TIMESTAMPTZ,
    result         TEXT,
    CONSTRAINT approvals_decided_check CHECK ((status = 'pending') = (decided_by IS NULL)),
    CONSTRAINT approvals_four_eyes_check CHECK (status <> 'approved' OR decided_by <> requested_by)
);

--bun:split

CREATE UNIQUE INDEX approvals_pending_key ON approvals (cooperative_id, action, subject) WHERE status = 'pending';
