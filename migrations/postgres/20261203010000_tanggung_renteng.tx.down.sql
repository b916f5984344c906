DELETE FROM ledger_accounts WHERE code IN ('1350', '2350', '2360');

--bun:split

DROP TABLE cover_settlements;

--bun:split

DROP INDEX loan_covers_covered_idx;

--bun:split

ALTER TABLE loan_covers DROP COLUMN settled_minor;

--bun:split

ALTER TABLE loan_covers DROP COLUMN debt_entry_id;

--bun:split

ALTER TABLE loan_covers DROP COLUMN debt_to;

--bun:split

ALTER TABLE cooperatives DROP COLUMN cover_debt_to;

--bun:split

DROP TABLE loan_share_payments;

--bun:split

DROP TABLE loan_shares;
