-- Loans to members (or to a group under joint liability, tanggung renteng),
-- their repayment schedule, and the late penalties assessed on them. Money
-- itself stays in the ledger: each loan has its own principal, penalty and
-- interest accounts, so what is owed and what was paid are balances.

CREATE TABLE loans (
    id                         TEXT PRIMARY KEY,
    cooperative_id             TEXT NOT NULL REFERENCES cooperatives (id),
    number                     INTEGER NOT NULL CHECK (number > 0),
    member_id                  TEXT REFERENCES members (id),
    group_id                   TEXT REFERENCES groups (id),
    facility_id                TEXT NOT NULL REFERENCES facilities (id),
    principal_minor            INTEGER NOT NULL CHECK (principal_minor > 0),
    currency                   TEXT NOT NULL,
    annual_rate                TEXT NOT NULL,
    method                     TEXT NOT NULL CHECK (method IN ('flat', 'declining', 'equal_principal')),
    frequency                  TEXT NOT NULL CHECK (frequency IN ('weekly', 'fortnightly', 'monthly')),
    installments               INTEGER NOT NULL CHECK (installments > 0),
    grace_periods              INTEGER NOT NULL CHECK (grace_periods >= 0),
    installment_multiple_minor INTEGER NOT NULL CHECK (installment_multiple_minor >= 0),
    fee_minor                  INTEGER NOT NULL CHECK (fee_minor >= 0),
    penalty_minor              INTEGER NOT NULL CHECK (penalty_minor >= 0),
    purpose                    TEXT NOT NULL DEFAULT '',
    status                     TEXT NOT NULL CHECK (status IN ('applied', 'approved', 'rejected', 'disbursed', 'closed', 'written_off')),
    applied_by                 TEXT NOT NULL,
    applied_at                 TEXT NOT NULL,
    approved_by                TEXT,
    approved_at                TEXT,
    disbursed_on               TEXT,
    closed_on                  TEXT,
    CONSTRAINT loans_number_key UNIQUE (cooperative_id, number),
    CONSTRAINT loans_borrower_check CHECK ((member_id IS NULL) <> (group_id IS NULL)),
    CONSTRAINT loans_approver_check CHECK (approved_by IS NULL OR approved_by <> applied_by)
) STRICT;

--bun:split

CREATE INDEX loans_member_idx ON loans (member_id);

--bun:split

CREATE INDEX loans_group_idx ON loans (group_id);

--bun:split

CREATE INDEX loans_facility_idx ON loans (facility_id);

--bun:split

CREATE TABLE loan_installments (
    loan_id         TEXT NOT NULL REFERENCES loans (id),
    number          INTEGER NOT NULL CHECK (number > 0),
    due_date        TEXT NOT NULL,
    principal_minor INTEGER NOT NULL CHECK (principal_minor >= 0),
    interest_minor  INTEGER NOT NULL CHECK (interest_minor >= 0),
    PRIMARY KEY (loan_id, number)
) STRICT;

--bun:split

CREATE TABLE loan_penalties (
    loan_id            TEXT NOT NULL REFERENCES loans (id),
    installment_number INTEGER NOT NULL,
    entry_id           TEXT NOT NULL REFERENCES entries (id),
    PRIMARY KEY (loan_id, installment_number)
) STRICT;

--bun:split

ALTER TABLE cooperatives ADD COLUMN last_loan_number INTEGER NOT NULL DEFAULT 0;
