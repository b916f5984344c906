DROP TRIGGER entries_chained;

--bun:split

DROP TRIGGER entries_no_update;

--bun:split

CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries
BEGIN
    SELECT RAISE(ABORT, 'UPDATE on entries refused: the journal is append-only');
END;

--bun:split

ALTER TABLE entries DROP COLUMN chain_hash;
