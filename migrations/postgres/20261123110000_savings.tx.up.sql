-- Savings rules per cooperative, member exits, and a ledger account per
-- partner facility (so that what each facility brought in is its balance).

ALTER TABLE cooperatives ADD COLUMN pokok_minor BIGINT NOT NULL DEFAULT 0 CHECK (pokok_minor >= 0);

--bun:split

ALTER TABLE cooperatives ADD COLUMN wajib_minor BIGINT NOT NULL DEFAULT 0 CHECK (wajib_minor >= 0);

--bun:split

ALTER TABLE cooperatives ADD COLUMN wajib_frequency TEXT NOT NULL DEFAULT 'monthly' CHECK (wajib_frequency IN ('weekly', 'monthly'));

--bun:split

ALTER TABLE members ADD COLUMN exited_on DATE;

--bun:split

ALTER TABLE facilities ADD COLUMN account_code TEXT;

--bun:split

CREATE UNIQUE INDEX facilities_account_code_idx ON facilities (cooperative_id, account_code);
