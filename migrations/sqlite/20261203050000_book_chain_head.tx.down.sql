ALTER TABLE books DROP COLUMN last_chain_hash;
