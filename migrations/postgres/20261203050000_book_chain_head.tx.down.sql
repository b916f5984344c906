DROP FUNCTION ledger_refuse_entry(TEXT, TEXT);

--bun:split

ALTER TABLE books DROP COLUMN last_chain_hash;
