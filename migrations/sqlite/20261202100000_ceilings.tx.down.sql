DROP TRIGGER facilities_received_ceiling;

--bun:split

ALTER TABLE facilities DROP COLUMN received_minor;

--bun:split

ALTER TABLE ledger_accounts DROP COLUMN ceiling_minor;
