-- Tanggung renteng made real. A group loan names each member's share of
-- its principal, from which her own schedule is derived; every repayment
-- of a group loan names the share it pays and who paid it. A cover is a
-- debt: what the covered member owes the co-member who paid for her, or
-- the group's solidarity fund (the cooperative's setting), booked in the
-- cover accounts and settled when she repays.

CREATE TABLE loan_shares (
    loan_id         TEXT NOT NULL REFERENCES loans (id),
    member_id       TEXT NOT NULL REFERENCES members (id),
    principal_minor INTEGER NOT NULL CHECK (principal_minor > 0),
    PRIMARY KEY (loan_id, member_id)
) STRICT;

--bun:split

CREATE INDEX loan_shares_member_idx ON loan_shares (member_id);

--bun:split

CREATE TABLE loan_share_payments (
    entry_id          TEXT PRIMARY KEY REFERENCES entries (id),
    loan_id           TEXT NOT NULL,
    member_id         TEXT NOT NULL,
    paid_by_member_id TEXT NOT NULL REFERENCES members (id),
    amount_minor      INTEGER NOT NULL CHECK (amount_minor > 0),
    CONSTRAINT loan_share_payments_share_fkey FOREIGN KEY (loan_id, member_id) REFERENCES loan_shares (loan_id, member_id)
) STRICT;

--bun:split

CREATE INDEX loan_share_payments_loan_idx ON loan_share_payments (loan_id, member_id);

--bun:split

ALTER TABLE cooperatives ADD COLUMN cover_debt_to TEXT NOT NULL DEFAULT 'member'
    CONSTRAINT cooperatives_cover_debt_to_check CHECK (cover_debt_to IN ('member', 'fund'));

--bun:split

-- A cover recorded before covers were debts has no debt_to: nothing is
-- owed on it in the books. SQLite adds a column's checks with the column.
ALTER TABLE loan_covers ADD COLUMN debt_to TEXT
    CONSTRAINT loan_covers_debt_to_check CHECK (debt_to IN ('member', 'fund'));

--bun:split

ALTER TABLE loan_covers ADD COLUMN debt_entry_id TEXT REFERENCES entries (id)
    CONSTRAINT loan_covers_debt_check CHECK ((debt_to IS NULL) = (debt_entry_id IS NULL));

--bun:split

ALTER TABLE loan_covers ADD COLUMN settled_minor INTEGER NOT NULL DEFAULT 0
    CONSTRAINT loan_covers_settled_check
    CHECK (settled_minor >= 0 AND settled_minor <= amount_minor AND (debt_to IS NOT NULL OR settled_minor = 0));

--bun:split

CREATE INDEX loan_covers_covered_idx ON loan_covers (covered_member_id);

--bun:split

CREATE TABLE cover_settlements (
    id           TEXT PRIMARY KEY,
    cover_id     TEXT NOT NULL REFERENCES loan_covers (id),
    entry_id     TEXT NOT NULL REFERENCES entries (id),
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0)
) STRICT;

--bun:split

CREATE INDEX cover_settlements_cover_idx ON cover_settlements (cover_id);

--bun:split

-- The cover accounts of every cooperative's chart, opened now for the
-- books that exist (a new book opens them with its chart): never lazily
-- at a first cover, where two meetings would race to open them. SQLite has
-- no UUID function: a version 4 UUID is spelled out of random bytes.
INSERT INTO ledger_accounts (id, book_id, code, name, type, currency, floor_minor, balance_minor, created_at)
SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'
             || substr('89AB', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
       b.id, a.code, a.name, a.type, b.currency, 0, 0, b.created_at
  FROM books b JOIN cooperatives c ON c.book_id = b.id
 CROSS JOIN (SELECT '1350' AS code, 'Cover debts receivable (tanggung renteng)' AS name, 'asset' AS type
             UNION ALL SELECT '2350', 'Cover debts owed to members (tanggung renteng)', 'liability'
             UNION ALL SELECT '2360', 'Group solidarity funds (tanggung renteng)', 'liability') AS a;
