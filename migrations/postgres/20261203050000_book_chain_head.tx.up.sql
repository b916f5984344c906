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

--bun:split

-- Refuses the entry being written, from inside the one statement that
-- writes it (ledger/post.go): that statement is sent with the COMMIT, so
-- a check that fails must fail the statement, which leaves the COMMIT
-- unexecuted, rather than write nothing and let the rest commit. The code
-- is Lumbung's own SQLSTATE: LB002, the period is closed (as the postings'
-- trigger says it); LB004, a balance did not move as computed under its
-- lock (a bug).
CREATE FUNCTION ledger_refuse_entry(code TEXT, message TEXT) RETURNS BOOLEAN LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = code, MESSAGE = message;
END;
$$;
