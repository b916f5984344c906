-- Each entry carries the hash chaining it to the entry before it in its
-- book (ledger/chain.go). Entries written before this version are sealed by
-- 'lumbung migrate' and 'lumbung serve' right after migrating (Go computes
-- the hashes), so the one UPDATE the journal accepts from now on is setting
-- a missing chain hash, and nothing else in the row; every new entry must
-- arrive with its hash.

ALTER TABLE entries ADD COLUMN chain_hash TEXT
    CONSTRAINT entries_chain_hash_check CHECK (length(chain_hash) = 64 AND chain_hash NOT GLOB '*[^0-9a-f]*');

--bun:split

DROP TRIGGER entries_no_update;

--bun:split

CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries
WHEN NOT (OLD.chain_hash IS NULL AND NEW.chain_hash IS NOT NULL
    AND NEW.id IS OLD.id AND NEW.book_id IS OLD.book_id AND NEW.sequence IS OLD.sequence
    AND NEW.kind IS OLD.kind AND NEW.memo IS OLD.memo AND NEW.metadata IS OLD.metadata
    AND NEW.effective_date IS OLD.effective_date AND NEW.recorded_at IS OLD.recorded_at
    AND NEW.recorded_by IS OLD.recorded_by AND NEW.idempotency_key IS OLD.idempotency_key
    AND NEW.request_hash IS OLD.request_hash AND NEW.reverses_id IS OLD.reverses_id)
BEGIN
    SELECT RAISE(ABORT, 'UPDATE on entries refused: the journal is append-only');
END;

--bun:split

CREATE TRIGGER entries_chained BEFORE INSERT ON entries
WHEN NEW.chain_hash IS NULL
BEGIN
    SELECT RAISE(ABORT, 'INSERT on entries refused: an entry arrives with its chain hash');
END;
