-- A book keeps the chain hash of its last entry beside its last sequence
-- number, so that the one statement taking the next number also reads the
-- hash the new entry follows (ledger/post.go): after waiting for the
-- book's lock it sees the row as the previous entry committed it, which a
-- read of the entries table made by that statement would not.
-- Books whose entries are not sealed yet keep NULL here until
-- ledger.SealChains fills it, and cannot post until then.

ALTER TABLE books ADD COLUMN last_chain_hash TEXT CHECK (last_chain_hash IS NULL OR length(last_chain_hash) = 64);

--bun:split

UPDATE books SET last_chain_hash = (
    SELECT e.chain_hash FROM entries e WHERE e.book_id = books.id AND e.sequence = books.last_sequence);
