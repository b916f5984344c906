-- Each entry carries the hash chaining it to the entry before it in its
-- book (ledger/chain.go). Entries written before this version are sealed by
-- 'lumbung migrate' and 'lumbung serve' right after migrating (Go computes
-- the hashes), so the one UPDATE the journal accepts from now on is setting
-- a missing chain hash, and nothing else in the row; every new entry must
-- arrive with its hash.

ALTER TABLE entries ADD COLUMN chain_hash TEXT
    CONSTRAINT entries_chain_hash_check CHECK (chain_hash ~ '^[0-9a-f]{64}$');

--bun:split

CREATE FUNCTION entries_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.chain_hash IS NULL AND NEW.chain_hash IS NOT NULL
       AND (to_jsonb(NEW) - 'chain_hash') = (to_jsonb(OLD) - 'chain_hash') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '% on % refused: the journal is append-only', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'LB001';
END;
$$;

--bun:split

DROP TRIGGER entries_append_only ON entries;

--bun:split

CREATE TRIGGER entries_append_only BEFORE UPDATE OR DELETE ON entries
    FOR EACH ROW EXECUTE FUNCTION entries_refuse_change();

--bun:split

CREATE FUNCTION entries_require_chain() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.chain_hash IS NULL THEN
        RAISE EXCEPTION 'INSERT on entries refused: an entry arrives with its chain hash'
            USING ERRCODE = 'LB001';
    END IF;
    RETURN NEW;
END;
$$;

--bun:split

CREATE TRIGGER entries_chained BEFORE INSERT ON entries
    FOR EACH ROW EXECUTE FUNCTION entries_require_chain();
