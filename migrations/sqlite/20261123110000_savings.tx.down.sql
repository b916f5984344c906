DROP INDEX facilities_account_code_idx;

--bun:split

ALTER TABLE facilities DROP COLUMN account_code;

--bun:split

ALTER TABLE members DROP COLUMN exited_on;

--bun:split

ALTER TABLE cooperatives DROP COLUMN wajib_frequency;

--bun:split

ALTER TABLE cooperatives DROP COLUMN wajib_minor;

--bun:split

ALTER TABLE cooperatives DROP COLUMN pokok_minor;
